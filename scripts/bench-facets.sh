#!/usr/bin/env bash
# Facet counts at 200,000 items: makes (once) an archive of 160,000 articles and 40,000 photo
# records with the million-item benchmark's generator, measures `ReadHandle::facets` (counts by
# kind, language, year, credit, byline and tag, and the month timeline) over a mix of queries and
# views (src-tauri/core/benches/million/facets.rs), then times the sqlite3 command line doing the
# equivalent GROUP BY counts on the same database, where SQL can (it has no word search: the
# archive's text index is tantivy's). Prints Markdown tables.
#
#   scripts/bench-facets.sh [ARCHIVE]   (default: ~/.cache/folio-bench/archive-200k)
#   FOLIO_BENCH_ROUNDS=N repeats each request (default 10 for facets, 5 for the peer);
#   FOLIO_BENCH_ARTICLES / FOLIO_BENCH_PHOTOS size a new archive (default 160000 / 40000);
#   FOLIO_BENCH_PROFILE=dev builds with the dev profile (dependencies are optimised there too;
#   add CARGO_PROFILE_DEV_OPT_LEVEL=3 to optimise Folio's own crates) instead of `bench`'s.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

cache=$HOME/.cache/folio-bench
archive=$(realpath -m "${1:-$cache/archive-200k}")
source_corpus=${FOLIO_BENCH_SOURCE:-$cache/articles-2000}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
rounds=${FOLIO_BENCH_ROUNDS:-5}
export PATH="$HOME/.cargo/bin:$PATH"
export FOLIO_BENCH_ARTICLES=${FOLIO_BENCH_ARTICLES:-160000}
export FOLIO_BENCH_PHOTOS=${FOLIO_BENCH_PHOTOS:-40000}
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (apt-get install sqlite3)"

if [ ! -f "$source_corpus/corpus.json" ]; then
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making the 2,000 articles whose sentences the archive's texts recombine, in $source_corpus"
  python3 "$generator" "$source_corpus" --only articles --photos 0 --articles 2000 --jobs "$(nproc)"
fi

profile=()
[ -n "${FOLIO_BENCH_PROFILE:-}" ] && profile=(--profile "$FOLIO_BENCH_PROFILE")
mkdir -p "$(dirname "$archive")"
say "facet counts on $archive (made first if missing)"
FOLIO_BENCH_ONLY=facets cargo bench -p folio-core --bench million "${profile[@]}" -- \
  "$archive" "$source_corpus"

database=$archive/folio.sqlite
collection=$(sqlite3 "$database" "SELECT id FROM collections WHERE name = 'Archive highlights'")
# The counts the panel shows, as GROUP BY queries over the items `$1` selects (a condition on
# `i`): kind, language, year, month, photo credit, byline and tag, the top 10 of each.
peer_sql() {
  local live="i.deleted_at IS NULL AND ($1)"
  cat <<SQL
SELECT i.kind, count(*) FROM items i WHERE $live GROUP BY 1;
SELECT i.language, count(*) FROM items i WHERE $live GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SELECT substr(i.date, 1, 4), count(*) FROM items i WHERE $live GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SELECT substr(i.date, 1, 7), count(*) FROM items i WHERE $live AND length(i.date) >= 7 GROUP BY 1;
SELECT p.credit, count(*) FROM items i JOIN photos p ON p.item_id = i.id WHERE $live AND p.credit != ''
  GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SELECT coalesce(p.byline, a.byline), count(*) FROM items i LEFT JOIN photos p ON p.item_id = i.id
  LEFT JOIN articles a ON a.item_id = i.id WHERE $live AND coalesce(p.byline, a.byline, '') != ''
  GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SELECT t.name, count(*) FROM item_tags it JOIN tags t ON t.id = it.tag_id JOIN items i ON i.id = it.item_id
  WHERE $live GROUP BY 1 ORDER BY 2 DESC LIMIT 10;
SQL
}

# Milliseconds sqlite3 spends on the statements (its own timer, without starting the process).
peer_ms() {
  peer_sql "$1" | sqlite3 -cmd '.timer on' "$database" | \
    awk '/^Run Time:/ { total += $4 } END { printf "%.1f", total * 1000 }'
}

say "the sqlite3 peer: the same counts by GROUP BY, $rounds rounds"
printf '\n| sqlite3 GROUP BY counts of | p50 | worst |\n|---|---:|---:|\n'
while IFS='|' read -r name condition; do
  samples=()
  for _ in $(seq "$rounds"); do samples+=("$(peer_ms "$condition")"); done
  sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  worst=$(echo "$sorted" | tail -1)
  echo "| $name | $median ms | $worst ms |"
done <<ROWS
whole library|1
field filter (kind:photo lang:ru)|i.kind = 'photo' AND i.language LIKE 'ru%'
date range (date:2015-03..2016-08)|i.date >= '2015-03' AND i.date < '2016-09'
collection view|i.id IN (SELECT item_id FROM collection_items WHERE collection_id = $collection)
tag view (Topics/Economy)|i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE t.name = 'Topics/Economy' OR t.name LIKE 'Topics/Economy/%')
ROWS
