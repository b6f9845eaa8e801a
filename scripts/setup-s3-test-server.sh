#!/usr/bin/env bash
# Installs moto's S3-compatible server (from PyPI) in a virtual environment under the user's
# cache folder, for the team tests that store originals in S3. Run by `scripts/setup.sh --test`;
# the tests find it at $FOLIO_MOTO_SERVER, else at the path this prints.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

venv="${XDG_CACHE_HOME:-$HOME/.cache}/folio/moto"
if [ -x "$venv/bin/moto_server" ]; then
  echo "$venv/bin/moto_server"
  exit 0
fi
say "installing moto's S3 server (for the team tests) in $venv"
python3 -m venv "$venv" || fail "python3 -m venv failed: install python3-venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'moto[server]'
"$venv/bin/moto_server" --help >/dev/null
echo "$venv/bin/moto_server"
