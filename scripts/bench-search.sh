#!/usr/bin/env bash
# Search benchmark: Folio's tantivy index beside SQLite FTS5 (unicode61, trigram) on the same
# generated articles, in one run (src-tauri/core/benches/search.rs). Prints a Markdown table:
# build rate, index size, p50/p95 of top-50 queries with snippets, Chinese two-character recall.
#
#   scripts/bench-search.sh [CORPUS_DIR]   (default: ~/.cache/folio-bench/articles-$ARTICLES)
#   ARTICLES=20000 chooses the corpus size when it is made (default 200000).
#   FOLIO_BENCH_ROUNDS=5 repeats the query set; FOLIO_BENCH_VARIANT=0 skips the second build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

articles=${ARTICLES:-200000}
corpus=${1:-$HOME/.cache/folio-bench/articles-$articles}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}

if [ ! -f "$corpus/corpus.json" ]; then
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making $articles articles in $corpus"
  python3 "$generator" "$corpus" --only articles --photos 0 --articles "$articles" --jobs "$(nproc)"
fi

say "running the search benchmark on $corpus"
cargo bench -p folio-core --bench search -- "$corpus"
