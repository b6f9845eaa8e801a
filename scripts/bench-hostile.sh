#!/usr/bin/env bash
# Peak memory and time of `folio import` over hostile and oversized inputs: the set the tests
# make, at full size. Each input goes into a fresh archive; prints one line per input with its
# outcome, seconds and peak RSS. The budget is 1 GB of peak RSS for any input.
#
#   scripts/bench-hostile.sh [FOLIO_BINARY]   (default: target/release/folio, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

folio=${1:-target/release/folio}
if [ ! -x "$folio" ]; then
  say "building the release CLI"
  cargo build --release -p folio --quiet
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs="$work/inputs"
mkdir -p "$inputs"

say "making the hostile set in $inputs"
python3 - "$inputs" <<'PY'
import io, os, struct, subprocess, sys, zipfile, zlib
out = sys.argv[1]

def png(path, side):
    # One colour, so 14000 x 14000 pixels compress to a few hundred kilobytes.
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    row = b"\0" + b"\x80" * (side * 3)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", data) + chunk(b"IEND", b""))

def sparse(path, size):
    with open(path, "wb") as f:
        f.truncate(size)

os.makedirs(f"{out}/big-png", exist_ok=True)
png(f"{out}/big-png/poster.png", 14000)
os.makedirs(f"{out}/four-pngs", exist_ok=True)
with open(f"{out}/big-png/poster.png", "rb") as f:
    poster = f.read()
for i in range(4):
    # Different bytes after the end, so none is a duplicate of another.
    with open(f"{out}/four-pngs/poster-{i}.png", "wb") as f:
        f.write(poster + b"\0" * i)

with open(f"{out}/one-line.txt", "w") as f:
    f.write("A very long line " * (50 * 1024 * 1024 // 17))
with open(f"{out}/many-lines.txt", "w") as f:
    f.write("Title\n\n" + "".join(f"Line {i} of the minutes, as the secretary took them.\n" for i in range(500_000)))

os.makedirs(f"{out}/big-sidecar", exist_ok=True)
# ImageMagick comes with the test tools (scripts/setup.sh --test); Debian's, by its full path.
convert = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"
subprocess.run([convert, "-size", "640x480", "gradient:", f"{out}/big-sidecar/photo.jpg"], check=True)
sparse(f"{out}/big-sidecar/photo.xmp", 3 << 29)
os.makedirs(f"{out}/big-page/page_files", exist_ok=True)
with open(f"{out}/big-page/page.html", "w") as f:
    f.write('<html><head><title>Page</title></head><body><article><h1>Page</h1>'
            '<figure><img src="page_files/big.jpg"><figcaption>A caption.</figcaption></figure>'
            + "<p>A paragraph of the article, long enough to be its body.</p>" * 20 + "</article></body></html>")
sparse(f"{out}/big-page/page_files/big.jpg", 3 << 29)

def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()
inner = zip_bytes([(f"zeros-{i:03}.bin", b"\0" * (1 << 20)) for i in range(900)])
with open(f"{out}/nested-bomb.zip", "wb") as f:
    f.write(zip_bytes([(f"copy-{i}.zip", inner) for i in range(4)]))
PY

printf '%-14s %8s %10s  %s\n' input seconds peak_mb outcome
for input in big-png four-pngs one-line.txt many-lines.txt big-sidecar big-page nested-bomb.zip; do
  archive="$work/archive-$input"
  /usr/bin/time -f "%e %M" -o "$work/time" "$folio" --archive "$archive" import --json "$inputs/$input" \
    > "$work/out.json" 2> "$work/err" || true
  outcome=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(", ".join(f"{len(r[k])} {k}" for k in ("imported", "duplicates", "skipped", "failed") if r[k]))
' "$work/out.json" 2>/dev/null || head -c 200 "$work/err")
  read -r seconds rss < <(tail -n 1 "$work/time")
  printf '%-14s %8s %10.0f  %s\n' "$input" "$seconds" "$((rss / 1024))" "$outcome"
done
