#!/usr/bin/env bash
# OCR benchmark (not a timed test): Folio's OCR against the `tesseract` command on the same
# generated pages (English, Chinese, Russian) in the same run; prints pages per second and the
# character error rate per language for both, and the machine's load before and after.
# Goal: Folio ≥ 1.5 × the command's pages per second at the same error rate.
#
#   scripts/bench-ocr.sh [PAGES_PER_LANGUAGE]   (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

command -v tesseract >/dev/null ||
  as_root apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-chi-sim
say "load before building: $(cut -d' ' -f1-3 /proc/loadavg)"
# The dev profile builds dependencies optimised (Cargo.toml); the reading itself is the
# Tesseract library, so a release build of Folio would measure the same.
nice -n 19 cargo bench --profile dev -p folio-core --bench ocr -- --pages "${1:-4}"
