#!/usr/bin/env bash
# Set up (if needed) and run Rapport's main job on a realistic demo organisation:
# build the demo workspace, analyse it, write the slide deck, and open the app when a
# display is available.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
WORKSPACE=${RAPPORT_DEMO_WORKSPACE:-demo-workspace}
.venv/bin/rapport demo --workspace "$WORKSPACE"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the HR workspace…"
  exec .venv/bin/rapport open "$WORKSPACE"
else
  echo
  echo "No display here, so the app was not opened. The demo workspace is in: $WORKSPACE"
  echo "On a desktop, open it with:   .venv/bin/rapport open $WORKSPACE"
  echo "Headless analysis:             .venv/bin/rapport analyze $WORKSPACE"
fi
