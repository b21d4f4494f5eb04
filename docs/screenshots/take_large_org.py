"""Screenshots of a large, sparse organisation (docs/hr-workspace.md, "Relationships"): the
network of 40 departments, where only shown pairs are drawn and the departments are dots.

The workspace is ``bench/large_org.py``'s (40 departments, seeded). Run under an X server
with a window manager, so title bars render as on a desktop::

    Xvfb :97 -screen 0 1440x900x24 -noreset &  DISPLAY=:97 openbox &
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_large_org.py
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_large_org.py --dark --suffix=-dark

Writes ``hr-network-large.png`` (with the suffix). Nothing outside a temporary folder is
touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")

    from PySide6.QtTest import QTest

    from bench.large_org import build
    from desktop_app.app import apply_palette, make_application
    from desktop_app.main_window import MainWindow

    folder = build(temp / "Contoso Group", 40)
    app = make_application()
    if args.dark:
        apply_palette(app, dark=True)
    window = MainWindow()
    window.resize(1360, 840)
    window.show()
    window.open_workspace(str(folder))
    deadline = time.monotonic() + 120
    context = window.context
    while (context.result is None or context.runner.running()) and time.monotonic() < deadline:
        QTest.qWait(50)
    window.show_section("relationships")
    panel = window.panel("relationships")
    panel.tabs.setCurrentWidget(panel.network)
    QTest.qWait(500)
    window.grab().save(str(HERE / f"hr-network-large{args.suffix}.png"))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
