#!/usr/bin/env bash
# Runs Folio's whole test suite on Debian/Ubuntu, installing what it needs first:
# formatting, lints, every Rust test, the UI's typecheck/lint/unit tests, the UI in headless
# Chromium with a mock host, the Linux packages installed and started, and the real app in a
# WebKit window under Xvfb through WebDriver.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

started=$(date +%s)
steps=0
current="setup"
trap 'echo "folio tests: FAILED at step \"$current\" after $(( $(date +%s) - started ))s" >&2' ERR

step() {
  current="$1"
  shift
  say "$current"
  "$@"
  steps=$((steps + 1))
}

# A fresh build and its test binaries take about 6 GB; a full disk shows up as a linker crash.
say "free disk space: $(df -h --output=avail . | tail -1 | tr -d ' ')"
step "setup" scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
# A test run builds each crate once: incremental caches would only add gigabytes to the disk.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

step "ui: typecheck" npm --prefix ui run --silent typecheck
step "ui: lint" npm --prefix ui run --silent lint
step "ui: unit tests" npm --prefix ui run --silent test
step "ui: build" build_ui_if_changed
step "rust: format" cargo fmt --all --check
step "rust: format (e2e)" cargo fmt --manifest-path tests/e2e/Cargo.toml --check
step "rust: clippy" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "rust: core and cli stay free of tauri" scripts/check-layering.sh
# In a session keyring of their own: the team tests keep database passwords in the keychain
# (the kernel's keyutils where no D-Bus session runs), and they go away with the run.
step "rust: tests (core, cli, bindings drift)" keyctl session - cargo test --workspace --quiet
# Tesseract and libheif linked, as the Windows, macOS and AppImage builds have them (Linux opens
# them at run time otherwise).
step "rust: C libraries linked (clippy)" \
  cargo clippy -p folio-native --features linked --all-targets --quiet -- -D warnings
step "rust: C libraries linked (tests)" cargo test -p folio-native --features linked --quiet
step "ui: browser tests (chromium, mock host)" npm --prefix ui run --silent test:browser
step "app: build" cargo build -p folio-desktop -p folio --quiet
step "packages: .deb and .rpm built, installed in a throwaway root, started" scripts/test-packages.sh
step "e2e: clippy" cargo clippy --manifest-path tests/e2e/Cargo.toml --all-targets --quiet -- -D warnings
step "e2e: real app under xvfb (webdriver)" \
  env FOLIO_DESKTOP_BIN="$target_dir/debug/folio-desktop" \
  xvfb-run -a -s "-screen 0 1440x900x24" \
  cargo test --manifest-path tests/e2e/Cargo.toml --quiet -- --test-threads=1

echo "folio tests: all $steps steps passed in $(( $(date +%s) - started ))s;" \
  "build outputs: $(du -sh "$target_dir" | cut -f1)"
