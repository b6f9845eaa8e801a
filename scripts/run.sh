#!/usr/bin/env bash
# Installs what is missing, builds Folio and launches the desktop app on the default archive
# (or on FOLIO_ARCHIVE). Set FOLIO_NO_LAUNCH=1 to build without launching.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=${CARGO_TARGET_DIR:-target}
build_ui_if_changed
say "building the app and the folio command"
cargo build -p folio-desktop -p folio

[ "${FOLIO_NO_LAUNCH:-}" = 1 ] && { say "built target/debug/folio-desktop and target/debug/folio"; exit 0; }
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  fail "no display to open a window on; run this from a desktop session (built: target/debug/folio-desktop)"
fi
say "launching Folio"
exec "$target_dir/debug/folio-desktop"
