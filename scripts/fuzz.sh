#!/usr/bin/env bash
# Fuzzing: runs each cargo-fuzz target in fuzz/ for a while, starting from its checked-in seeds
# (fuzz/seeds/TARGET) plus whatever earlier runs kept (fuzz/corpus/TARGET). A crash, panic, hang
# (an input taking more than 10 s) or memory blow-up (over 2 GB) fails the run, and the input that
# caused it is saved under fuzz/artifacts/TARGET. Prints executions per target at the end.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60 s each, every target)
#   FUZZ_SANITIZER=address scripts/fuzz.sh ...          (default: none; see below)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

seconds=${1:-60}
[ $# -gt 0 ] && shift
[[ $seconds =~ ^[1-9][0-9]*$ ]] || fail "SECONDS_PER_TARGET must be a whole number of seconds, not '$seconds'"
# Folio forbids unsafe code, so what fuzzing finds is panics, hangs and unbounded memory; address
# sanitizer would only watch the dependencies' unsafe code, at half the speed on a 2-core machine.
sanitizer=${FUZZ_SANITIZER:-none}

command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz"; cargo install cargo-fuzz --locked; }

# libFuzzer instrumentation needs nightly compiler flags.
if command -v rustup >/dev/null && rustup toolchain list | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  say "no nightly toolchain: using the stable compiler with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <("${fuzz[@]}" list)
fi

say "building the fuzz targets (sanitizer: $sanitizer)"
"${fuzz[@]}" build -s "$sanitizer"

# A figure from the statistics libFuzzer prints at exit (-print_final_stats=1).
final_stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }

logs=fuzz/target/logs
mkdir -p "$logs"
failed=()
summary=()
for target in "${targets[@]}"; do
  [ -d "fuzz/seeds/$target" ] || fail "no seeds for '$target' in fuzz/seeds/ (targets: $("${fuzz[@]}" list | xargs))"
  mkdir -p "fuzz/corpus/$target"
  cp "fuzz/seeds/$target"/* "fuzz/corpus/$target/"
  say "fuzzing $target for $seconds s"
  log=$logs/$target.log
  # One job (the machine is shared); stderr of the target closed because rs-trafilatura writes
  # debug lines there on every page when debug assertions are on. libFuzzer's own report stays.
  status=0
  "${fuzz[@]}" run -s "$sanitizer" --jobs 1 "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=2 \
    -print_final_stats=1 > "$log" 2>&1 || status=$?
  runs=$(final_stat number_of_executed_units "$log")
  rate=$(final_stat average_exec_per_sec "$log")
  rss=$(final_stat peak_rss_mb "$log")
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result=FAILED
    failed+=("$target")
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    grep -E '^==[0-9]+== ERROR|^SUMMARY|deadly signal' "$log" | head -5 >&2 || true
    if [ -n "$artifact" ]; then
      printf 'artifact: %s\nreproduce: %s run -s %s %s %s\n' \
        "$artifact" "${fuzz[*]}" "$sanitizer" "$target" "$artifact" >&2
      # The run closed the target's stderr; once more with it open shows the panic message.
      "${fuzz[@]}" run -s "$sanitizer" "$target" "$artifact" -- -timeout=10 -rss_limit_mb=2048 2>&1 |
        grep -E -A3 'panicked|ERROR' | head -12 >&2 || true
    else
      tail -20 "$log" >&2
    fi
  fi
  summary+=("$(printf '| %s | %s | %s | %s | %s | %s MB | %s |' \
    "$target" "$seconds" "${runs:-?}" "${rate:-?}" "$corpus" "${rss:-?}" "$result")")
done

printf '\n| target | seconds | executions | per second | corpus | peak RSS | result |\n'
printf '|---|---|---|---|---|---|---|\n'
printf '%s\n' "${summary[@]}"
printf '\nlogs: %s/\n' "$logs"
[ ${#failed[@]} -eq 0 ] || fail "fuzzing found failures in: ${failed[*]} (inputs under fuzz/artifacts/)"
