#!/usr/bin/env bash
# Import benchmark: `folio import` on the standard corpus (../shared/bench/make_corpus.py) beside
# the peer pipeline on the same files in the same run — sha256sum + one `exiftool -j` process +
# vipsthumbnail at 256 px and 1024 px, two processes in parallel. Prints a Markdown table for
# BENCHMARKS.md. Needs python3 with Pillow, exiftool and libvips-tools (installed if missing).
#
#   scripts/bench-import.sh [CORPUS_DIR]      (default: ~/.cache/folio-bench/corpus)
#   PHOTOS=1000 MEGAPIXELS=12 ARTICLES=20000 choose the corpus size when it is made.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

corpus=${1:-$HOME/.cache/folio-bench/corpus}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
photos=${PHOTOS:-1000}
megapixels=${MEGAPIXELS:-12}
articles=${ARTICLES:-20000}

for tool in exiftool:libimage-exiftool-perl vipsthumbnail:libvips-tools; do
  command -v "${tool%%:*}" >/dev/null || as_root apt-get install -y -qq "${tool##*:}"
done
python3 -c 'import PIL' 2>/dev/null || pip install --quiet pillow

if [ ! -f "$corpus/corpus.json" ]; then
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making the corpus in $corpus ($photos photos of $megapixels MP, $articles articles)"
  python3 "$generator" "$corpus" --photos "$photos" --megapixels "$megapixels" --articles "$articles" --jobs 2
fi

say "building folio (release)"
cargo build --release -p folio --quiet
folio=${CARGO_TARGET_DIR:-target}/release/folio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n_photos=$(find "$corpus/photos" -name '*.jpg' | wc -l)
n_articles=$(find "$corpus/articles" -type f | wc -l)
photo_mb=$(du -sm "$corpus/photos" | cut -f1)

# Warm the page cache so both sides read from memory.
cat "$corpus"/photos/*.jpg > /dev/null

say "folio import: $n_photos photos"
read -r folio_photo_s folio_photo_rss < <(timed folio-photos "$folio" --archive "$work/a-photos" import --json "$corpus/photos")
imported=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["imported"]))' "$work/folio-photos.out")

say "peer pipeline: sha256sum + exiftool -j + vipsthumbnail 256/1024 (2 processes)"
mkdir -p "$work/t256" "$work/t1024"
peer() {
  find "$corpus/photos" -name '*.jpg' -print0 | xargs -0 -n 100 sha256sum > /dev/null
  exiftool -j -q "$corpus/photos" > /dev/null
  find "$corpus/photos" -name '*.jpg' -print0 |
    xargs -0 -n 25 -P 2 vipsthumbnail -s 256 -o "$work/t256/%s.jpg"
  find "$corpus/photos" -name '*.jpg' -print0 |
    xargs -0 -n 25 -P 2 vipsthumbnail -s 1024 -o "$work/t1024/%s.jpg"
}
export -f peer; export corpus work
read -r peer_s peer_rss < <(timed peer bash -c peer)

say "folio import: $n_articles articles"
read -r folio_article_s folio_article_rss < <(timed folio-articles "$folio" --archive "$work/a-articles" import --json "$corpus/articles")

rate() { python3 -c "print(f'{$1/$2:.1f}')"; }
echo
echo "| run | files | seconds | files/s | peak RSS MB |"
echo "|---|---|---|---|---|"
echo "| folio import, photos (${photo_mb} MB, $imported imported) | $n_photos | $folio_photo_s | $(rate "$n_photos" "$folio_photo_s") | $folio_photo_rss |"
echo "| peer: sha256sum + exiftool -j + vipsthumbnail 256+1024, 2 procs | $n_photos | $peer_s | $(rate "$n_photos" "$peer_s") | $peer_rss |"
echo "| folio import, articles (.txt + .html) | $n_articles | $folio_article_s | $(rate "$n_articles" "$folio_article_s") | $folio_article_rss |"
echo
echo "folio ÷ peer time for photos: $(python3 -c "print(f'{$folio_photo_s/$peer_s:.2f}')")"
