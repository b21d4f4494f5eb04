#!/usr/bin/env bash
# CI: build the Linux bundle from this checkout and run its self-test offscreen.
#
#   packaging/ci_build.sh
#
# Installs the `build` extra (PyInstaller) into .venv when it is missing, builds dist/rapport
# with packaging/build.py, and runs `dist/rapport/rapport --self-test`. Prints how long each
# step took; exits non-zero if the build or any self-test check fails. A build that hangs is
# stopped after RAPPORT_BUILD_TIMEOUT seconds (default 1200), the self-test after
# RAPPORT_SELFTEST_TIMEOUT (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
if [ ! -x "$PY" ]; then
  echo "ci_build.sh: .venv is missing; run scripts/bootstrap.sh first." >&2
  exit 1
fi
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  echo "== installing the build extra (PyInstaller)"
  "$PY" -m pip install --quiet -e ".[build]"
fi

export QT_QPA_PLATFORM=offscreen
started=$(date +%s)

echo "== building the bundle"
timeout "${RAPPORT_BUILD_TIMEOUT:-1200}" "$PY" packaging/build.py
built=$(date +%s)

echo "== self-test of dist/rapport"
# A fresh per-user folder: the self-test must not depend on (or touch) this machine's.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" RAPPORT_HOME="$home/rapport" \
  timeout "${RAPPORT_SELFTEST_TIMEOUT:-300}" dist/rapport/rapport --self-test
finished=$(date +%s)

echo "== bundle: $(du -sh dist/rapport | cut -f1) in dist/rapport;" \
  "build $((built - started)) s, self-test $((finished - built)) s," \
  "total $((finished - started)) s"
