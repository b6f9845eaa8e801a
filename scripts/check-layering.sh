#!/usr/bin/env bash
# The core and the CLI must never depend on Tauri (DESIGN §7); the front ends reach the archive
# only through the core's read and write handles, never a connection or the index (DESIGN §9);
# the UI reaches the host only through ui/src/platform/.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for crate in folio-core folio; do
  if cargo tree -p "$crate" -e normal --prefix none | grep -i '^tauri'; then
    echo "error: $crate depends on tauri" >&2
    status=1
  fi
done
# A front end names no connection, raw archive or index: everything goes through folio_core::handle.
if grep -rnE --include='*.rs' 'rusqlite|\.conn(_mut)?\(|Archive::|folio_core::Archive|SearchIndex|indexing::(apply_queue|open_for_writing)' \
  src-tauri/src src-tauri/cli/src; then
  echo "error: a front end touches the database or the index; use folio_core::handle" >&2
  status=1
fi
if grep -rln --include='*.ts' --include='*.tsx' "@tauri-apps/" ui/src | grep -v '^ui/src/platform/'; then
  echo "error: @tauri-apps imports outside ui/src/platform/" >&2
  status=1
fi
exit $status
