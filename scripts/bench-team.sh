#!/usr/bin/env bash
# Team archives: in a throwaway PostgreSQL cluster (pg_virtualenv) and a folder object store,
# measures with real `folio` processes (release build) joining a team of 100,000 items beside
# `pg_dump | pg_restore` of the same log rows, a caption edited on one member seen by a watching
# member (`folio sync --watch`), pulling and applying 100,000 remote actions, and 20 members
# pushing 1,000 actions each at once; then the sizes the log and the store take per item and per
# photo. Prints Markdown tables and every measurement against its target.
#
#   scripts/bench-team.sh
#   FOLIO_BENCH_TEAM_ITEMS (100000), FOLIO_BENCH_REMOTE_ACTIONS (100000), FOLIO_BENCH_MEMBERS
#   (20), FOLIO_BENCH_MEMBER_ACTIONS (1000), FOLIO_BENCH_PROBES (30 caption edits) size a run,
#   FOLIO_BENCH_CHUNK (1000) is how many of the remote actions one round sends;
#   FOLIO_BENCH_KEEP=1 keeps the scratch folder.
#   The source archives are made once, in ~/.cache/folio-bench/team-source-N (under two minutes
#   for 100,000 items), from the 2,000 generated articles whose sentences they recombine
#   (FOLIO_BENCH_SOURCE); 50 generated photos of 12 MP (FOLIO_BENCH_PHOTO_CORPUS) give the
#   store's sizes. Needs postgresql (pg_virtualenv), python3 and Pillow.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# ---- Inside the cluster's life: the measurements. -------------------------------------------
measure() {
  # Trust authentication: no password to keep in a keychain, and none to ask for.
  unset PGPASSWORD
  exec < /dev/null
  url() { echo "postgres://$PGUSER@localhost:$PGPORT/$1"; }
  for db in team push photos floor; do createdb "$db"; done
  export FOLIO_TEAM_PASSWORD=
  folio() { "$folio_bin" "$@" < /dev/null; }
  clock() { date +%s.%N; }
  seconds_since() { python3 -c "import sys; print(f'{$(clock) - $1:.2f}')"; }
  sql() { psql -X -q -At -d "$1" -c "$2"; }
  results=$work/results.txt
  : > "$results"
  keep() { echo "$1=$2" >> "$results"; }

  say "team create: ${items} items sent from a copy of the source archive"
  cp -a "$source_big" "$work/a"
  read -r create_s _ < <(timed create "$folio_bin" --archive "$work/a" team create \
    --db "$(url team)" --objects "$work/store" --name Bench)
  keep create_s "$create_s"
  log_actions=$(sql team "SELECT count(*) FROM folio.log")
  log_bytes=$(sql team "SELECT pg_total_relation_size('folio.log')")
  keep import_actions "$log_actions"; keep import_log_bytes "$log_bytes"

  say "team join: a new archive from the team's ${log_actions} actions"
  read -r join_s join_rss < <(timed join "$folio_bin" --archive "$work/b" team join --db "$(url team)")
  keep join_s "$join_s"; keep join_rss "$join_rss"
  keep join_archive_mb "$(du -sm "$work/b" | cut -f1)"

  say "the floor: pg_dump | pg_restore of the team's schema (its log's rows) into a fresh database"
  start=$(clock)
  pg_dump -Fc -n folio team | pg_restore -d floor
  keep floor_s "$(seconds_since "$start")"
  keep floor_rows "$(sql floor "SELECT count(*) FROM folio.log")"

  say "a caption edited on one member, seen by another watching (${probes} edits)"
  "$folio_bin" --archive "$work/b" sync --watch --poll 30 < /dev/null > "$work/watch.out" 2>&1 &
  watcher=$!
  sleep 3
  python3 - "$folio_bin" "$work/a" "$work/b" "$probes" > "$work/latency.txt" <<'PY'
import sqlite3, subprocess, sys, time
folio, a, b, probes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
source = sqlite3.connect(f"file:{a}/folio.sqlite?mode=ro", uri=True)
photos = source.execute(
    "SELECT i.id, i.uid FROM items i JOIN photos p ON p.item_id = i.id ORDER BY i.id LIMIT ?",
    (probes,)).fetchall()
source.close()
watcher = sqlite3.connect(f"file:{b}/folio.sqlite?mode=ro", uri=True)
caption = "SELECT p.caption FROM photos p JOIN items i ON i.id = p.item_id WHERE i.uid = ?"
def run(*args):
    subprocess.run([folio, "--archive", a, *args], check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL)
seen, edits, syncs = [], [], []
for n, (item, uid) in enumerate(photos):
    value = f"Latency probe {n} at {time.time()}"
    started = time.monotonic()
    run("edit", str(item), "caption", value)
    edited = time.monotonic()
    run("sync")
    synced = time.monotonic()
    while watcher.execute(caption, (uid,)).fetchone()[0] != value:
        if time.monotonic() - started > 60:
            sys.exit(f"probe {n}: not seen on the watching member within 60 s")
        time.sleep(0.005)
    seen.append(time.monotonic() - started)
    edits.append(edited - started)
    syncs.append(synced - edited)
    time.sleep(0.2)
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]
print(f"latency_p50={pct(seen, 50):.3f}")
print(f"latency_p95={pct(seen, 95):.3f}")
print(f"latency_max={max(seen):.3f}")
print(f"latency_edit_p50={pct(edits, 50):.3f}")
print(f"latency_sync_p50={pct(syncs, 50):.3f}")
PY
  kill "$watcher"; wait "$watcher" 2>/dev/null || true
  cat "$work/latency.txt" >> "$results"

  say "pull and apply: ${remote} caption edits made on one member, received by another"
  # Sent as a member at work sends them, a round every $chunk edits: a round takes back and
  # applies again every action still waiting while it receives (see BENCHMARKS.md).
  before=$(sql team "SELECT pg_total_relation_size('folio.log')")
  start=$(clock)
  for round in $(seq "$chunk" "$chunk" "$remote"); do
    # A label of its own each round: an edit to the caption already there is no change.
    "$maker" captions "$work/a" "$chunk" "A, round $round" 2> /dev/null
    folio --archive "$work/a" sync > /dev/null
  done
  keep push_s "$(seconds_since "$start")"
  keep edit_log_bytes "$(( $(sql team "SELECT pg_total_relation_size('folio.log')") - before ))"
  read -r pull_s pull_rss < <(timed pull "$folio_bin" --archive "$work/b" sync --json)
  keep pull_s "$pull_s"; keep pull_rss "$pull_rss"
  keep pulled "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["received"])' "$work/pull.out")"

  say "${members} members pushing ${per_member} actions each at once"
  cp -a "$source_small" "$work/m1"
  folio --archive "$work/m1" team create --db "$(url push)" --objects "$work/store-push" > /dev/null
  for m in $(seq 2 "$members"); do
    folio --archive "$work/m$m" team join --db "$(url push)" > /dev/null
  done
  for m in $(seq 1 "$members"); do
    "$maker" captions "$work/m$m" "$per_member" "member $m" 2> /dev/null
  done
  base=$(sql push "SELECT count(*) FROM folio.log")
  expected=$(( base + members * per_member ))
  start=$(clock)
  pids=()
  for m in $(seq 1 "$members"); do
    "$folio_bin" --archive "$work/m$m" sync < /dev/null > "$work/push-$m.out" 2>&1 &
    pids+=("$!")
  done
  while [ "$(sql push "SELECT count(*) FROM folio.log")" -lt "$expected" ]; do
    sleep 0.2
    running=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$running" = 1 ] || break
  done
  keep push_all_in_log_s "$(seconds_since "$start")"
  failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=$(( failed + 1 )); done
  keep push_all_done_s "$(seconds_since "$start")"
  keep push_failed "$failed"
  keep push_expected "$expected"
  keep push_in_log "$(sql push "SELECT count(*) FROM folio.log")"
  # A second round brings every member what was appended after its first one received.
  for m in $(seq 1 "$members"); do folio --archive "$work/m$m" sync > /dev/null; done
  for m in $(seq 1 "$members"); do "$maker" dump "$work/m$m" | sha256sum; done |
    sort -u | wc -l > "$work/dumps"
  keep distinct_dumps "$(cat "$work/dumps")"

  say "sizes: ${n_photos} photos of 12 MP imported and sent to a store of their own"
  folio --archive "$work/p" import "$photo_corpus/photos" > /dev/null
  folio --archive "$work/p" team create --db "$(url photos)" --objects "$work/store-photos" > /dev/null
  keep photos "$n_photos"
  keep photo_originals_bytes "$(du -sb "$work/store-photos/originals" | cut -f1)"
  keep photo_thumbnails_bytes "$(du -sb "$work/store-photos/thumbnails" | cut -f1)"
  keep photo_log_bytes "$(sql photos "SELECT pg_total_relation_size('folio.log')")"
  keep photo_payload_bytes "$(sql photos "SELECT sum(octet_length(payload)) FROM folio.log")"
}

if [ "${1:-}" = --in-cluster ]; then
  measure
  exit
fi

# ---- Outside: build, make the source archives once, start the cluster, report. ----------------
cache=$HOME/.cache/folio-bench
export items=${FOLIO_BENCH_TEAM_ITEMS:-100000}
export remote=${FOLIO_BENCH_REMOTE_ACTIONS:-100000}
export members=${FOLIO_BENCH_MEMBERS:-20}
export per_member=${FOLIO_BENCH_MEMBER_ACTIONS:-1000}
export probes=${FOLIO_BENCH_PROBES:-30}
export chunk=${FOLIO_BENCH_CHUNK:-1000}
source_corpus=${FOLIO_BENCH_SOURCE:-$cache/articles-2000}
export photo_corpus=${FOLIO_BENCH_PHOTO_CORPUS:-$cache/photos-50}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
export PATH="$HOME/.cargo/bin:$PATH"
command -v pg_virtualenv > /dev/null || fail "pg_virtualenv is missing (scripts/setup.sh --test installs postgresql)"

for corpus in "$source_corpus" "$photo_corpus"; do
  [ -f "$corpus/corpus.json" ] && continue
  python3 -c 'import PIL' 2>/dev/null || pip install --quiet pillow
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making the corpus $corpus"
  if [ "$corpus" = "$source_corpus" ]; then
    python3 "$generator" "$corpus" --only articles --photos 0 --articles 2000 --jobs "$(nproc)"
  else
    python3 "$generator" "$corpus" --only photos --photos 50 --megapixels 12 --articles 0 --jobs "$(nproc)"
  fi
done
export n_photos
n_photos=$(find "$photo_corpus/photos" -name '*.jpg' | wc -l)

say "building folio and the team benchmark's archive maker (release)"
cargo build --release -p folio --quiet
cargo bench -p folio-team --bench team --no-run --quiet 2> /dev/null
export folio_bin maker
folio_bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/folio")
maker=$(cargo bench -p folio-team --bench team --no-run --message-format=json 2> /dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "team" and m.get("executable"):
        print(m["executable"])')
[ -x "$maker" ] || fail "the team benchmark's archive maker was not built"

export source_big=$cache/team-source-$items source_small=$cache/team-source-1000
for archive in "$source_big" "$source_small"; do
  [ -f "$archive.made" ] && continue
  say "making the source archive $archive (once)"
  rm -rf "$archive"
  size=${archive##*-}
  "$maker" source "$archive" "$source_corpus" "$size"
  date -u +%FT%TZ > "$archive.made"
done

export work
work=$(mktemp -d)
# FOLIO_BENCH_KEEP=1 keeps the scratch folder (archives, stores, each command's output).
trap '[ -n "${FOLIO_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
say "starting a throwaway PostgreSQL cluster; measuring in $work"
# A port of its own, as the team tests' clusters take: two clusters may run at once.
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PGPORT
pg_virtualenv -t -i '-A trust' bash "$0" --in-cluster

# ---- The report. -------------------------------------------------------------------------------
declare -A r
while IFS='=' read -r key value; do r[$key]=$value; done < "$work/results.txt"
calc() { python3 -c "print($1)"; }
met() { if [ "$(calc "$1")" = True ]; then echo PASS; else echo '**MISS**'; fi; }
join_rate=$(calc "f'{$items / ${r[join_s]}:.0f}'")
pull_rate=$(calc "f'{${r[pulled]} / ${r[pull_s]}:.0f}'")
push_rate=$(calc "f'{$members * $per_member / ${r[push_all_in_log_s]}:.0f}'")
lost=$(( r[push_expected] - r[push_in_log] ))
ms() { calc "f'{${1} * 1000:.0f}'"; }

echo
echo "| step | seconds | note |"
echo "|---|---:|---|"
echo "| \`folio team create\` of $items items (${r[import_actions]} import actions, every original and grid thumbnail uploaded) | ${r[create_s]} | |"
echo "| \`folio team join\`: records, search index and $(( items / 5 )) grid thumbnails | ${r[join_s]} | $join_rate items/s, peak RSS ${r[join_rss]} MB, archive ${r[join_archive_mb]} MB |"
echo "| floor: \`pg_dump -Fc -n folio | pg_restore\` of the same ${r[floor_rows]} rows | ${r[floor_s]} | |"
echo "| $remote caption edits made on one member (through the write seam), a \`folio sync\` after every $chunk | ${r[push_s]} | $(calc "f'{$remote / ${r[push_s]}:.0f}'") actions/s, edits included |"
echo "| \`folio sync\` on another member receiving and applying them | ${r[pull_s]} | $pull_rate actions/s, peak RSS ${r[pull_rss]} MB |"
echo "| $members \`folio sync\` at once, $per_member actions each: all in the log / all done | ${r[push_all_in_log_s]} / ${r[push_all_done_s]} | ${r[push_failed]} failed |"
echo
echo "Caption latency ($probes edits): p50 $(ms "${r[latency_p50]}") ms, p95 $(ms "${r[latency_p95]}") ms, worst $(ms "${r[latency_max]}") ms; of which \`folio edit\` p50 $(ms "${r[latency_edit_p50]}") ms and the editing member's \`folio sync\` p50 $(ms "${r[latency_sync_p50]}") ms."
echo
echo "| size | bytes |"
echo "|---|---:|"
echo "| folio.log per imported item (pg_total_relation_size, $items items) | $(calc "f'{${r[import_log_bytes]} / $items:.0f}'") |"
echo "| folio.log per caption edit action | $(calc "f'{${r[edit_log_bytes]} / $remote:.0f}'") |"
echo "| folio.log per imported photo (real 12 MP photos, their metadata) | $(calc "f'{${r[photo_log_bytes]} / ${r[photos]}:.0f}'") |"
echo "| store: original per photo (12 MP JPEG) | $(calc "f'{${r[photo_originals_bytes]} / ${r[photos]}:.0f}'") |"
echo "| store: thumbnails per photo (256 and 1024 px) | $(calc "f'{${r[photo_thumbnails_bytes]} / ${r[photos]}:.0f}'") |"
echo
echo "| measurement | target | measured | met |"
echo "|---|---|---:|---|"
echo "| joining a team of $items items | ≤ 60 s | ${r[join_s]} s (floor ${r[floor_s]} s) | $(met "${r[join_s]} <= 60") |"
echo "| caption edited on one member, visible on another: p50 | ≤ 0.5 s | $(ms "${r[latency_p50]}") ms | $(met "${r[latency_p50]} <= 0.5") |"
echo "| … p95 | ≤ 2 s | $(ms "${r[latency_p95]}") ms | $(met "${r[latency_p95]} <= 2") |"
echo "| $members members × $per_member actions at once: lost | 0 | $lost | $(met "$lost == 0 and ${r[push_failed]} == 0") |"
echo "| … all members converge (distinct canonical dumps) | 1 | ${r[distinct_dumps]} | $(met "${r[distinct_dumps]} == 1") |"
echo "| … through the log | ≥ 500 actions/s | $push_rate actions/s | $(met "$push_rate >= 500") |"
echo "| pull and apply of ${r[pulled]} remote actions | ≥ 5,000/s | $pull_rate/s | $(met "$pull_rate >= 5000") |"
