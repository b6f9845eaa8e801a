#!/usr/bin/env bash
# Regenerates every icon size Tauri needs in icons/ from a source drawn here, offline.
# Needs ImageMagick and the UI's npm packages (for the Tauri CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
source_png=$(mktemp --suffix=.png)
trap 'rm -f "$source_png"' EXIT
convert -size 1024x1024 xc:none -fill '#1f4e79' -draw "roundrectangle 64,64 960,960 180,180" \
  \( -size 1024x1024 xc:none -fill '#f4efe6' -draw "roundrectangle 250,200 700,820 30,30" \
     -fill '#1f4e79' -draw "rectangle 330,330 520,372" -draw "rectangle 330,440 620,482" \
     -draw "rectangle 330,550 540,592" \) -composite \
  -fill '#e0a526' -draw "polygon 560,200 700,200 700,420 630,370 560,420" \
  -depth 8 "PNG32:$source_png"
${TAURI_CLI:-npx --prefix ui tauri} icon "$source_png" -o icons
rm -rf icons/android icons/ios  # desktop only
