#!/usr/bin/env bash
# Installs what Folio needs on Debian or Ubuntu, skipping whatever is already there:
# system packages (WebKitGTK and friends, Tesseract with its English, Russian and Chinese data;
# with --test also Xvfb, WebKitWebDriver, Chromium,
# ImageMagick, the PDF/ZIP/metadata checkers the export tests use, rpm for the package test,
# PostgreSQL for the team tests), the UI's npm packages,
# with --test moto's S3 server for the team tests (scripts/setup-s3-test-server.sh),
# and with --test the tauri-driver WebDriver bridge and Python's bagit validator.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

# libclang-dev: SQLite's session extension (team sync) and Tesseract's C API need their bindings
# generated at build time (clang runs them).
# libheif-dev: HEIC/HEIF photos are decoded by the system's libheif (1.14 or newer).
packages=(build-essential pkg-config file curl libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libclang-dev clang libheif-dev)
# OCR: the app links Tesseract 5 and Leptonica, and reads English, Russian and simplified Chinese.
packages+=(libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-chi-sim)
# Team database passwords live in the system's keychain: Secret Service is reached through libdbus.
packages+=(libdbus-1-dev)
if $for_tests; then
  packages+=(xvfb xauth webkit2gtk-driver imagemagick)
  # The OCR benchmark runs the `tesseract` command beside Folio on the same pages.
  packages+=(tesseract-ocr)
  # Independent checks of exports: qpdf and poppler for PDFs, exiftool for captions, unzip.
  packages+=(qpdf poppler-utils libimage-exiftool-perl unzip python3-pip)
  # heif-enc makes the HEIC photos the import and export tests use.
  packages+=(libheif-examples)
  # The package test: rpm reads the .rpm, xwininfo sees the installed app's window.
  packages+=(rpm x11-utils)
  # Dragging a photo out of the window: xdotool moves the mouse, a GTK window in Python receives.
  packages+=(xdotool python3-gi gir1.2-gtk-3.0)
  # Team archives are tested against a real PostgreSQL: pg_virtualenv starts a throwaway cluster;
  # and against an S3-compatible server, moto's, installed from PyPI in a virtual environment.
  packages+=(postgresql python3-venv)
  # The team tests keep passwords in the kernel's keyring (keyctl gives the test run a session
  # keyring of its own) and make a CA and server certificates for TLS with openssl.
  packages+=(keyutils openssl)
  # Debian calls the browser chromium; Ubuntu ships it as chromium-browser.
  if apt-cache show chromium >/dev/null 2>&1; then packages+=(chromium); else packages+=(chromium-browser); fi
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if ! command -v node >/dev/null 2>&1; then
  say "installing Node.js and npm"
  as_root apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  fail "Folio's UI needs Node.js 20 or newer (found $(node --version)); install a newer Node.js and run this again"
fi

# npm packages: reinstall only when the lock file changed since the last install.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# The export tests validate bundles with the Library of Congress's BagIt implementation.
if $for_tests && ! python3 -c 'import bagit' 2>/dev/null; then
  say "installing Python's bagit (BagIt validator for the export tests)"
  python3 -m pip install --quiet bagit 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages bagit
fi

if $for_tests; then
  scripts/setup-s3-test-server.sh >/dev/null
fi

if $for_tests && ! cargo install --list | grep -q '^tauri-driver v2\.1\.0'; then
  say "installing tauri-driver (the WebDriver bridge for the end-to-end tests)"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi
