"""Screenshots of the HR window's sections on the demo workspace (docs/screenshots/hr-*.png).

Run under Xvfb, at normal and 150 % scaling (``--dark --suffix=-dark`` for the dark colour scheme):

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshots_hr.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 2160x1350x24" \\
        .venv/bin/python scripts/screenshots_hr.py --suffix -150

Part B can add their sections to SHOTS. Settings go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

#: (file stem, section id, what to do before the grab)
SHOTS = [
    ("hr-overview", "overview", None),
    ("hr-relationships", "relationships", None),
    ("hr-network", "relationships", "network"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument(
        "--dark", action="store_true", help="ask for the dark colour scheme, as a dark desktop does"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(tmp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    from surveys.demo import build_demo

    build_demo(tmp / "northwind", seed=0)
    from PySide6.QtCore import Qt

    from desktop_app.app import make_application
    from desktop_app.main_window import MainWindow

    app = make_application()
    if args.dark:
        from desktop_app.app import apply_palette

        apply_palette(app, dark=True)  # what a dark desktop gets (Xvfb has no colour scheme)
    window = MainWindow()
    window.resize(1360, 840)
    window.show()

    runner = window.context.runner

    def grab(_result: object) -> None:
        # ``analysis_finished`` comes before the job itself ends: wait for the status bar's
        # job area (progress bar, Cancel) to hide, or it shows in every shot.
        if runner.running():
            runner.job_finished.connect(grab, Qt.ConnectionType.SingleShotConnection)
            return
        app.processEvents()
        for stem, section, extra in SHOTS:
            window.show_section(section)
            panel = window.panel(section)
            if extra == "network":
                panel.tabs.setCurrentWidget(panel.network)
            app.processEvents()
            window.grab().save(str(OUT / f"{stem}{args.suffix}.png"))
        detail = window.panel("relationships").open_pair("Sales", "IT")
        detail.resize(detail.width(), int(detail.fontMetrics().height() * 70))
        app.processEvents()
        detail.grab().save(str(OUT / f"hr-pair-detail{args.suffix}.png"))
        app.quit()

    window.context.analysis_finished.connect(grab, Qt.ConnectionType.SingleShotConnection)
    window.open_workspace(str(tmp / "northwind"))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
