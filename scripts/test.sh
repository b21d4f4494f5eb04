#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, layer contracts, tests.
# pytest runs over every core (pytest-xdist, -n auto): about half the wall time on two
# cores. Tests marked `alone` (the timed ones) still run with no other test beside them
# (tests/xdist_alone.py). Extra arguments go to pytest: `-n 0` runs it in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== pytest"
.venv/bin/python -m pytest -n auto --dist worksteal "$@"
