"""Screenshots of the HR comments, themes, actions, pulses and settings sections and the
export dialog on the demo workspace.

Run under Xvfb (a real X server, so fonts and styles render as on a desktop)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take_hr_panels.py
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 2400x1500x24" \
        .venv/bin/python docs/screenshots/take_hr_panels.py --suffix -150
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument(
        "--dark", action="store_true", help="ask for the dark colour scheme, as a dark desktop does"
    )
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from analysis.pipeline import analyse_workspace
    from desktop_app.app import apply_palette, make_application
    from surveys.demo import build_demo

    QCoreApplication.setOrganizationName("RapportScreenshots")
    app = make_application()  # Rapport's style and palette, as `rapport open` has them
    if args.dark:
        apply_palette(app, dark=True)  # what a dark desktop gets (Xvfb has no colour scheme)
    folder = temp / "northwind"
    build_demo(folder, seed=0)
    analyse_workspace(folder)

    from desktop_app.export_dialog import ExportDialog
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    h = window.fontMetrics().height()
    window.resize(h * 80, h * 50)
    window.show()
    loop = QEventLoop()
    window.context.analysis_finished.connect(loop.quit)
    window.open_workspace(str(folder))
    QTimer.singleShot(60000, loop.quit)
    loop.exec()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        path = HERE / f"hr-{name}{args.suffix}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    comments = window.panel("comments")
    window.show_section("comments")
    comments.search.setText("meeting")
    comments.apply_filter()
    comments.table.selectRow(0)
    shot(window, "comments")
    comments.clear_filters()
    for section in ("themes", "actions", "pulses", "settings"):
        window.show_section(section)
        shot(window, section)
    dialog = ExportDialog(window.context, window)
    dialog.destination.setText(str(Path.home() / "Documents" / "rapport-2026-10.pptx"))
    dialog.show()
    shot(dialog, "export")
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
