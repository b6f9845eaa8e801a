#!/usr/bin/env bash
# Export benchmark (not a timed test). Prints a Markdown table.
#
# 1. A dossier of 200 articles and 100 photos (2 MP), made with ../shared/bench/make_corpus.py and
#    imported with the release `folio`: `folio export --format pdf` against weasyprint and
#    wkhtmltopdf rendering the same content from an equivalent HTML file in the same run.
#    Goal: folio ≤ 0.3 × weasyprint's time, and faster than wkhtmltopdf.
# 2. A ZIP bundle of the 1,000-photo import corpus (if present) against `zip -r -0` and
#    `7z a -tzip -mx=0` of the same files, in MB/s. Goal: no slower than `zip -r -0`.
#
#   scripts/bench-export.sh [PHOTO_CORPUS_DIR]   (default: ~/.cache/folio-bench/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

big_corpus=${1:-$HOME/.cache/folio-bench/corpus}
generator=${FOLIO_CORPUS_GENERATOR:-../shared/bench/make_corpus.py}
small_corpus=${FOLIO_EXPORT_CORPUS:-$HOME/.cache/folio-bench/export-corpus}
target_dir=${CARGO_TARGET_DIR:-target}

command -v wkhtmltopdf >/dev/null || as_root apt-get install -y -qq wkhtmltopdf
command -v zip >/dev/null || as_root apt-get install -y -qq zip
command -v 7z >/dev/null || as_root apt-get install -y -qq p7zip-full
command -v exiftool >/dev/null || as_root apt-get install -y -qq libimage-exiftool-perl
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install --quiet pillow
command -v weasyprint >/dev/null || python3 -m pip install --quiet weasyprint

if [ ! -f "$small_corpus/corpus.json" ]; then
  [ -f "$generator" ] || fail "corpus generator not found at $generator (set FOLIO_CORPUS_GENERATOR)"
  say "making the dossier corpus in $small_corpus (100 photos of 2 MP, 200 articles)"
  python3 "$generator" "$small_corpus" --photos 100 --articles 200 --megapixels 2 --jobs 2
fi

say "building folio (release)"
cargo build --release -p folio --quiet
folio=$target_dir/release/folio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "importing the dossier corpus"
"$folio" --archive "$work/dossier" import --json "$small_corpus/photos" "$small_corpus/articles/txt" > "$work/import.json"
ids=$(python3 - "$work/import.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
items = report["imported"]
articles = [i["id"] for i in items if i["kind"] == "article"][:200]
photos = [i["id"] for i in items if i["kind"] == "photo"][:100]
print(" ".join(str(i) for i in articles + photos))
EOF
)
n_items=$(wc -w <<< "$ids")

# The same content for the peers: the bundle's items.json turned into one HTML file with the
# same parts (cover, contents, articles with figures, photo pages, running header, page numbers).
# shellcheck disable=SC2086
"$folio" --archive "$work/dossier" export --format zip --output "$work/content.zip" --title "Benchmark dossier" $ids > /dev/null
(cd "$work" && unzip -q content.zip)
python3 - "$work/content/data" "$work/dossier.html" <<'EOF'
import html, json, sys
data, out = sys.argv[1], sys.argv[2]
index = json.load(open(f"{data}/items.json", encoding="utf-8"))
by_uid = {i["uid"]: i for i in index["items"]}
e = html.escape
parts = ["""<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2.6cm 2.2cm 2.4cm; @top-left { content: "Benchmark dossier"; font-size: 8pt }
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt } }
body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; line-height: 1.45 }
p { text-align: justify; hyphens: auto } h1 { font-size: 17pt; page-break-before: always }
.cover { page-break-after: always; padding-top: 8cm } .cover h1 { font-size: 26pt; page-break-before: avoid }
img { max-width: 100%; max-height: 15cm } figure { margin: 1em 0; page-break-inside: avoid }
figcaption { font-size: 9pt } .meta { color: #555; font-size: 9pt }
.toc a::after { content: leader('.') target-counter(attr(href), page) }
</style></head><body>"""]
arts = sum(1 for i in index["items"] if i["kind"] == "article")
parts.append(f'<div class="cover"><h1>{e(index["title"])}</h1><p>{arts} articles, '
             f'{len(index["items"]) - arts} photos</p></div><h2>Contents</h2><ul class="toc">')
for n, item in enumerate(index["items"]):
    parts.append(f'<li><a href="#i{n}">{e(item["title"])}</a></li>')
parts.append("</ul>")
for n, item in enumerate(index["items"]):
    parts.append(f'<h1 id="i{n}">{e(item["title"])}</h1>')
    if item["kind"] == "article":
        a = item["article"]
        parts.append(f'<p class="meta">{e((item.get("date") or "")[:10])} {e(a["byline"])} {e(a["site"])}</p>')
        for f in a["figures"]:
            photo = by_uid.get(f.get("photo_uid") or "")
            img = f'<img src="{photo["path"][5:]}">' if photo else ""
            parts.append(f'<figure>{img}<figcaption>{e(f["caption"])} {e(f["credit"])}</figcaption></figure>')
        parts.extend(f"<p>{e(p)}</p>" for p in a["body_text"].split("\n") if p.strip())
    else:
        p = item["photo"]
        parts.append(f'<figure><img src="{item["path"][5:]}"><figcaption>{e(p["caption"])}<br>'
                     f'{e(p["credit"])} {e(p["byline"])}</figcaption></figure>')
parts.append("</body></html>")
open(out, "w", encoding="utf-8").write("".join(parts))
EOF
mv "$work/dossier.html" "$work/content/data/dossier.html"
page_html=$work/content/data/dossier.html

say "folio export --format pdf: $n_items items"
# shellcheck disable=SC2086
read -r folio_s folio_rss < <(timed folio-pdf "$folio" --archive "$work/dossier" export --format pdf --output "$work/folio.pdf" --title "Benchmark dossier" $ids)
say "weasyprint"
read -r weasy_s weasy_rss < <(timed weasyprint weasyprint "$page_html" "$work/weasy.pdf")
say "wkhtmltopdf"
# Debian's wkhtmltopdf is built on an unpatched Qt: no generated contents, headers or footers.
read -r wk_s wk_rss < <(timed wkhtmltopdf wkhtmltopdf --quiet --enable-local-file-access "$page_html" "$work/wk.pdf")

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
mb() { du -m "$1" | cut -f1; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

echo
echo "| dossier: $n_items items (200 articles, 100 photos of 2 MP) | seconds | peak RSS MB | pages | MB |"
echo "|---|---|---|---|---|"
echo "| folio export --format pdf (typst) | $folio_s | $folio_rss | $(pages "$work/folio.pdf") | $(mb "$work/folio.pdf") |"
echo "| weasyprint, same content as HTML | $weasy_s | $weasy_rss | $(pages "$work/weasy.pdf") | $(mb "$work/weasy.pdf") |"
echo "| wkhtmltopdf, same content as HTML (no contents, header or page numbers) | $wk_s | $wk_rss | $(pages "$work/wk.pdf") | $(mb "$work/wk.pdf") |"
echo
echo "folio ÷ weasyprint: $(ratio "$folio_s" "$weasy_s") (goal ≤ 0.30); folio ÷ wkhtmltopdf: $(ratio "$folio_s" "$wk_s") (goal < 1)"

if [ -d "$big_corpus/photos" ]; then
  n_photos=$(find "$big_corpus/photos" -name '*.jpg' | wc -l)
  photo_mb=$(du -sm "$big_corpus/photos" | cut -f1)
  say "importing $n_photos photos for the bundle benchmark"
  "$folio" --archive "$work/photos" import --json "$big_corpus/photos" > "$work/photos.json"
  photo_ids=$(python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(open(sys.argv[1]))["imported"]))' "$work/photos.json")
  cat "$work"/photos/objects/*/* > /dev/null
  say "folio export --format zip: $n_photos photos"
  # shellcheck disable=SC2086
  read -r zip_s zip_rss < <(timed folio-zip "$folio" --archive "$work/photos" export --format zip --output "$work/photos.zip" $photo_ids)
  cat "$big_corpus"/photos/*.jpg > /dev/null
  say "zip -r -0"
  read -r peer_s peer_rss < <(timed zip-peer zip -q -r -0 "$work/peer.zip" "$big_corpus/photos")
  say "7z a -tzip -mx=0"
  read -r sz_s sz_rss < <(timed 7z-peer 7z a -tzip -mx=0 "$work/peer.7z.zip" "$big_corpus/photos")
  rate() { python3 -c "print(f'{$1/$2:.0f}')"; }
  echo
  echo "| bundle: $n_photos photos, $photo_mb MB | seconds | MB/s | peak RSS MB |"
  echo "|---|---|---|---|"
  echo "| folio export --format zip (BagIt: SHA-256 reused, SHA-512 computed, captions checked, catalogue) | $zip_s | $(rate "$photo_mb" "$zip_s") | $zip_rss |"
  echo "| zip -r -0 | $peer_s | $(rate "$photo_mb" "$peer_s") | $peer_rss |"
  echo "| 7z a -tzip -mx=0 | $sz_s | $(rate "$photo_mb" "$sz_s") | $sz_rss |"
else
  say "no photo corpus at $big_corpus/photos: bundle benchmark skipped"
fi
