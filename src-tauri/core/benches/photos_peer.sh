#!/usr/bin/env bash
# The peer pipeline the photos bench is measured against, on the same folder and cores:
# vipsthumbnail 1024 px and 256 px (libvips, shrink-on-load) + exiftool (one process per job)
# + sha256sum, split over N parallel jobs. Prints photos per second.
#
#   src-tauri/core/benches/photos_peer.sh DIR [JOBS]    (needs libvips-tools, libimage-exiftool-perl)
set -euo pipefail
dir=${1:?usage: photos_peer.sh DIR [JOBS]}
jobs=${2:-$(nproc)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
find "$dir" -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) | sort > "$out/files"
count=$(wc -l < "$out/files")
split -n "r/$jobs" "$out/files" "$out/part."
start=$(date +%s.%N)
for part in "$out"/part.*; do
  (
    xargs -d '\n' vipsthumbnail -s 1024 -o "$out/%s_1024.jpg[Q=80]" < "$part"
    xargs -d '\n' vipsthumbnail -s 256 -o "$out/%s_256.jpg[Q=80]" < "$part"
    xargs -d '\n' exiftool -j -q > /dev/null < "$part"
    xargs -d '\n' sha256sum > /dev/null < "$part"
  ) &
done
wait
end=$(date +%s.%N)
awk -v n="$count" -v s="$start" -v e="$end" -v j="$jobs" \
  'BEGIN { printf "peer (vipsthumbnail 1024+256, exiftool, sha256sum; %d jobs): %d files in %.2f s = %.1f photos/s\n", j, n, e - s, n / (e - s) }'
