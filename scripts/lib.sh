#!/usr/bin/env bash
# Small helpers shared by Folio's scripts.

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Builds ui/dist only when the UI's sources changed: every build rewrites dist and would force
# the app crate, which embeds it, to recompile.
build_ui_if_changed() {
  local hash
  hash=$(cd ui && find . -path ./node_modules -prune -o -path ./dist -prune -o -path ./test-results -prune \
    -o -type f -print | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
  if [ -f ui/dist/index.html ] && [ "$(cat ui/dist/.source-hash 2>/dev/null)" = "$hash" ]; then
    return 0
  fi
  say "building the UI"
  (cd ui && npm run --silent build)
  echo "$hash" > ui/dist/.source-hash
}

# For the benchmarks: runs CMD, keeping its output in $work/LABEL.out and .err, and prints
# "seconds peak_rss_mb". The caller sets `work` to a scratch folder.
timed() { # timed LABEL CMD...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err" || {
    cat "$work/$label.err" >&2; fail "$label failed"; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$work/$label.time"
}
