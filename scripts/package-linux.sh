#!/usr/bin/env bash
# Builds Folio's Linux packages, a .deb and an .rpm, with the Tauri bundler: the desktop app, the
# `folio` command, icons, a menu entry and the file types Folio opens. Debug by default (it reuses
# the build the tests made); `--release` for packages to hand out.
# Prints the paths of the two packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Standard output carries only the two paths; everything the builds print goes to stderr.
exec 3>&1 1>&2

profile=debug
tauri_flags=(--debug)
cargo_flags=()
if [ "${1:-}" = "--release" ]; then
  profile=release
  tauri_flags=()
  cargo_flags=(--release)
fi
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
export CARGO_TARGET_DIR="$target_dir"

build_ui_if_changed
say "building the folio command ($profile)"
cargo build -p folio --quiet "${cargo_flags[@]}"
cli="$target_dir/$profile/folio"

# The UI is already built; the packages also carry the `folio` command beside the app.
config=$(printf '{"build":{"beforeBuildCommand":""},"bundle":{"linux":{"deb":{"files":{"/usr/bin/folio":"%s"}},"rpm":{"files":{"/usr/bin/folio":"%s"}}}}}' "$cli" "$cli")
say "bundling the .deb and .rpm ($profile)"
ui/node_modules/.bin/tauri build "${tauri_flags[@]}" --bundles deb,rpm --ci --config "$config"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
bundle="$target_dir/$profile/bundle"
deb=$(ls "$bundle/deb/"*"_${version}_"*.deb)
rpm=$(ls "$bundle/rpm/"*"-${version}-"*.rpm)
echo "$deb" >&3
echo "$rpm" >&3
