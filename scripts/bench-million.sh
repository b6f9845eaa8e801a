#!/usr/bin/env bash
# A million items: makes (once) an archive of 800,000 articles and 200,000 photo records through
# the core, then measures on it, in one run: a page of every sorted view, search, tagging 10,000
# items and opening for writing (src-tauri/core/benches/million/), then the real app's first
# screen and its memory after a search and a scroll (the e2e startup benchmark). Prints Markdown
# tables and, at the end, every measurement against its target.
#
#   scripts/bench-million.sh [ARCHIVE]   (default: ~/.cache/folio-bench/archive-million)
#   FOLIO_BENCH_ROUNDS=3 repeats each timing; FOLIO_BENCH_ARTICLES / FOLIO_BENCH_PHOTOS size a
#   new archive (default 800000 / 200000); FOLIO_DESKTOP_BIN chooses the app binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

cache=$HOME/.cache/folio-bench
archive=$(realpath -m "${1:-$cache/archive-million}")
source_corpus=${FOLIO_BENCH_SOURCE:-$cache/articles-2000}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -f "$source_corpus/corpus.json" ]; then
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making the 2,000 articles whose sentences the archive's texts recombine, in $source_corpus"
  python3 "$generator" "$source_corpus" --only articles --photos 0 --articles 2000 --jobs "$(nproc)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$(dirname "$archive")"
say "the core's measurements on $archive (made first if missing: about half an hour)"
FOLIO_BENCH_SUMMARY="$work/core.md" \
  cargo bench -p folio-core --bench million -- "$archive" "$source_corpus"

say "the app's first screen and memory on $archive"
FOLIO_BENCH_ARCHIVE="$archive" scripts/bench-startup.sh | tee "$work/startup.out"

# "first screen: median 640 ms, …" and "memory: app VmHWM at the first screen median …"
first_screen=$(grep -o 'first screen: median [0-9]* ms' "$work/startup.out" | grep -o '[0-9]*' || true)
peak=$(sed -n 's/.*after a search and a scroll median [0-9]* MB, worst \([0-9]*\) MB.*/\1/p' \
  "$work/startup.out")
at_first=$(sed -n 's/.*at the first screen median [0-9]* MB, worst \([0-9]*\) MB.*/\1/p' \
  "$work/startup.out")
met() { if [ -n "$1" ] && [ "$1" -lt "$2" ]; then echo yes; else echo '**no**'; fi; }

printf '\n| measurement | target | measured | met |\n|---|---|---:|---|\n'
echo "| the app's first screen of rows, median of ${FOLIO_BENCH_ROUNDS:-5} starts | < 1 s | ${first_screen:-?} ms | $(met "$first_screen" 1000) |"
cat "$work/core.md"
echo "| the app's peak memory (VmHWM): at the first screen / after a search and a scroll, worst | < 1 GB | ${at_first:-?} / ${peak:-?} MB | $(met "$peak" 1024) |"
