#!/usr/bin/env bash
# The core and the CLI must never depend on Tauri (DESIGN §7); the UI reaches the host only
# through ui/src/platform/.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for crate in folio-core folio; do
  if cargo tree -p "$crate" -e normal --prefix none | grep -i '^tauri'; then
    echo "error: $crate depends on tauri" >&2
    status=1
  fi
done
if grep -rln --include='*.ts' --include='*.tsx' "@tauri-apps/" ui/src | grep -v '^ui/src/platform/'; then
  echo "error: @tauri-apps imports outside ui/src/platform/" >&2
  status=1
fi
exit $status
