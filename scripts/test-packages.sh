#!/usr/bin/env bash
# Tests Folio's Linux packages as a user meets them. Builds the .deb and .rpm, checks their name,
# version, files, menu entry and file types, then installs the .deb with dpkg into a throwaway
# copy of this system (an overlay in a private mount namespace, discarded at the end) and starts
# the installed app there under its own Xvfb: its window must appear and it must create the
# default archive in the user's data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ok() { printf '  ok: %s\n' "$*" >&2; }

mapfile -t packages < <(scripts/package-linux.sh)
deb=${packages[0]}
rpm=${packages[1]}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

say "checking the .deb: $(basename "$deb")"
[ "$(dpkg-deb -f "$deb" Package)" = folio ] || fail "the .deb is not named folio"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the .deb's version is not $version"
dpkg-deb -f "$deb" Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "the .deb does not depend on WebKitGTK"
dpkg-deb -f "$deb" Depends | grep -q 'libheif1' || fail "the .deb does not depend on libheif (HEIC photos)"
for package in libtesseract5 tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-chi-sim; do
  dpkg-deb -f "$deb" Depends | grep -q "$package" ||
    fail "the .deb does not depend on $package (OCR reads scans with it)"
done
# Member names with or without a leading ./, depending on the dpkg version that built it.
members=$(dpkg-deb -c "$deb" | awk '{print $NF}')
contents=$(sed 's|^\./||' <<<"$members")
for file in usr/bin/folio-desktop usr/bin/folio; do
  grep -qx "$file" <<<"$contents" || fail "the .deb lacks $file"
done
desktop_file=$(grep -E '^usr/share/applications/[^/]+\.desktop$' <<<"$contents" | head -1 || true)
[ -n "$desktop_file" ] || fail "the .deb has no menu entry in /usr/share/applications"
grep -qE '^usr/share/icons/hicolor/128x128/apps/[^/]+\.png$' <<<"$contents" ||
  fail "the .deb has no 128×128 icon"
ok "name folio, version $version, WebKitGTK dependency, app, command, menu entry ($desktop_file) and icon"
member=$(grep -E "^(\./)?$desktop_file\$" <<<"$members" | head -1)
entry=$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "$member")
for mime in image/jpeg image/png image/tiff text/html text/plain application/pdf application/zip \
  application/vnd.openxmlformats-officedocument.wordprocessingml.document; do
  grep -qE "^MimeType=(.*;)?$mime;" <<<"$entry" || fail "the menu entry does not open $mime"
done
grep -qx 'Exec=folio-desktop %F' <<<"$entry" || fail "the menu entry does not start folio-desktop with the opened files"
ok "the menu entry starts folio-desktop with the files it opens, for the formats Folio imports"

say "checking the .rpm: $(basename "$rpm")"
[ "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpm" 2>/dev/null)" = "folio $version" ] ||
  fail "the .rpm is not folio $version"
files=$(rpm -qlp "$rpm" 2>/dev/null)
for file in /usr/bin/folio-desktop /usr/bin/folio "/$desktop_file"; do
  grep -qx "$file" <<<"$files" || fail "the .rpm lacks $file"
done
for package in libheif tesseract tesseract-langpack-rus tesseract-langpack-chi_sim; do
  rpm -qp --requires "$rpm" 2>/dev/null | grep -qx "$package" ||
    fail "the .rpm does not require $package"
done
ok "name folio, version $version, app, command, menu entry, libheif and Tesseract"

say "installing the .deb into a throwaway copy of this system and starting the installed app"
work=$(mktemp -d /tmp/folio-package-test.XXXXXX)
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# An Xvfb of our own, reached through its socket from inside the throwaway root.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
display=":$(cat "$work/display")"
cp "$deb" "$work/folio.deb"

as_root unshare --mount --propagation private bash -s "$work" "$display" <<'INSIDE' || fail "the installed package did not start (log above)"
set -euo pipefail
work=$1 display=$2
layer=$work/layer root=$work/root
mkdir -p "$layer" "$root"
mount -t tmpfs tmpfs "$layer"
mkdir -p "$layer/upper" "$layer/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$layer/upper,workdir=$layer/work" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount --rbind /sys "$root/sys"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
cp "$work/folio.deb" "$root/tmp/folio.deb"

chroot "$root" dpkg -i /tmp/folio.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; exit 1; }
chroot "$root" dpkg-query -W -f='${Status}' folio | grep -q "install ok installed"
echo "  ok: dpkg installed the package and its dependencies are met" >&2
chroot "$root" folio --version >&2

home=/tmp/folio-user
mkdir -p "$root$home" "$root/tmp/folio-run"
chmod 700 "$root/tmp/folio-run"
chroot "$root" env -i HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" DISPLAY="$display" XDG_RUNTIME_DIR=/tmp/folio-run \
  PATH=/usr/bin:/bin LANG=C.UTF-8 WEBKIT_DISABLE_DMABUF_RENDERER=1 \
  folio-desktop >"$work/app.log" 2>&1 &
app=$!
seen=false
for _ in $(seq 240); do
  if xwininfo -display "$display" -root -tree 2>/dev/null | grep -q '"Folio"'; then seen=true; break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.25
done
archive="$root$home/.local/share/folio/Archive/folio.sqlite"
for _ in $(seq 40); do [ -f "$archive" ] && break; sleep 0.25; done
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if ! $seen; then echo "the installed app opened no window titled Folio:" >&2; cat "$work/app.log" >&2; exit 1; fi
echo "  ok: the installed folio-desktop opened its window" >&2
[ -f "$archive" ] || { echo "the installed app did not create the default archive:" >&2; cat "$work/app.log" >&2; exit 1; }
echo "  ok: it created the default archive in ~/.local/share/folio/Archive" >&2
INSIDE
say "packages passed: $(basename "$deb"), $(basename "$rpm")"
