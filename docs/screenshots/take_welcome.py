"""The HR window's welcome page: recent workspaces, one on a share that is not connected.

Run under an X server with a window manager (see docs/hr-workspace.md, "Screenshots")::

    DISPLAY=:98 .venv/bin/python docs/screenshots/take_welcome.py
    DISPLAY=:98 .venv/bin/python docs/screenshots/take_welcome.py --dark --suffix=-dark
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    args = parser.parse_args()
    # A fixed, short place, so the paths on the page read well and the shot is the same
    # at every run.
    temp = Path(tempfile.gettempdir()) / "hr"
    shutil.rmtree(temp, ignore_errors=True)
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from desktop_app.app import apply_palette, make_application
    from desktop_app.settings import load_settings, save_settings
    from surveys.store import create_workspace

    QCoreApplication.setOrganizationName("RapportScreenshots")
    app = make_application()
    if args.dark:
        apply_palette(app, dark=True)
    documents = temp / "Documents"
    recent = []
    for name in ("Northwind 2026", "Rapport demo", "Northwind 2025 pilot"):
        create_workspace(documents / name, headcounts={"Sales": 40, "IT": 25}).close()
        recent.append(str(documents / name))
    recent.insert(1, str(temp / "hr-share" / "Northwind board review"))  # not connected
    settings = load_settings()
    settings.recent_workspaces, settings.reopen_last = "\n".join(recent), 0
    save_settings(settings)

    from desktop_app.main_window import MainWindow

    window = MainWindow()
    h = window.fontMetrics().height()
    window.resize(h * 70, h * 40)
    window.show()
    window.welcome.recent.setCurrentRow(2)
    pause = QEventLoop()
    QTimer.singleShot(1500, pause.quit)  # the availability check and the window manager
    pause.exec()
    path = HERE / f"hr-welcome{args.suffix}.png"
    window.grab().save(str(path))
    print("wrote", path)
    window.close()
    shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
