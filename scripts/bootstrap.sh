#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: system libraries for Qt, a
# virtual environment in .venv, and Rapport installed into it.
# Usage: scripts/bootstrap.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "Rapport needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1)." >&2
  echo "Install it (Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11." >&2
  exit 1
fi

# Qt's system libraries (Debian/Ubuntu package names). xvfb gives a virtual screen for
# screenshots; fonts-dejavu-core a readable default font.
QT_PACKAGES="libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 \
libfontconfig1 libdbus-1-3 fonts-dejavu-core"
# The tests also render the deck through LibreOffice, with and without Carlito (Calibri's
# metric twin): tests/analysis/test_deck_render.py. No recommended packages: half the size.
TEST_PACKAGES="libreoffice-impress fonts-crosextra-carlito"

missing_packages() {
  local pkg missing=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  echo "$missing"
}

updated=""
apt_install() {  # apt_install WHAT [APT OPTIONS...] PACKAGES...
  local what=$1
  shift
  echo "Installing $what: $*"
  [ -n "$updated" ] || apt-get update -qq
  updated=yes
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=$(missing_packages $QT_PACKAGES)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt_install "Qt's system libraries" $missing
    else
      echo "Qt needs these system packages, which are missing:$missing" >&2
      echo "Run this, then run the command again:" >&2
      echo "  sudo apt-get install -y$missing" >&2
      exit 1
    fi
  fi
  if [ "${1:-}" = "--test" ]; then
    missing=$(missing_packages $TEST_PACKAGES)
    if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
      start=$(date +%s)
      apt_install "LibreOffice and Carlito for the deck render test" --no-install-recommends $missing
      echo "  (took $(($(date +%s) - start)) s)"
    elif [ -n "$missing" ]; then
      echo "Note: the deck render test is skipped without these packages:$missing" >&2
      echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
echo "Installing Rapport$extras into .venv"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".$extras"
