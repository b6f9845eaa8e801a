#!/usr/bin/env bash
# Startup benchmark: how long the real app takes from start to the first screen of rows on an
# archive of ARTICLES articles (default 200,000), under Xvfb through WebDriver, over
# FOLIO_BENCH_ROUNDS starts (default 5). The archive is made once with the release `folio`
# command from the benchmark corpus and kept in ~/.cache/folio-bench/archive-$ARTICLES.
#
#   scripts/bench-startup.sh            (the app: target/debug/folio-desktop, as tests build it)
#   FOLIO_DESKTOP_BIN=target/release/folio-desktop scripts/bench-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

articles=${ARTICLES:-200000}
corpus=${FOLIO_BENCH_CORPUS:-$HOME/.cache/folio-bench/articles-$articles}
archive=${FOLIO_BENCH_ARCHIVE:-$HOME/.cache/folio-bench/archive-$articles}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
export PATH="$HOME/.cargo/bin:$PATH"
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")

if [ ! -f "$archive/folio.sqlite" ]; then
  if [ ! -f "$corpus/corpus.json" ]; then
    [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
    say "making $articles articles in $corpus"
    python3 "$generator" "$corpus" --only articles --photos 0 --articles "$articles" --jobs "$(nproc)"
  fi
  say "importing $articles articles into $archive (once)"
  cargo build --release -p folio --quiet
  # The generator writes every article twice, as .txt and as .html: one of each is ARTICLES items.
  "$target_dir/release/folio" --archive "$archive" import --json "$corpus/articles/txt" >/dev/null
fi

build_ui_if_changed
cargo build -p folio-desktop --quiet
say "starting the app ${FOLIO_BENCH_ROUNDS:-5} times on $archive"
FOLIO_BENCH_ARCHIVE="$archive" FOLIO_DESKTOP_BIN="${FOLIO_DESKTOP_BIN:-$target_dir/debug/folio-desktop}" \
  xvfb-run -a -s "-screen 0 1440x900x24" \
  cargo test --manifest-path tests/e2e/Cargo.toml --quiet --test startup -- --ignored --nocapture
