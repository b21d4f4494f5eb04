"""The HR window's welcome page: recent workspaces, one on a share that is not connected.

Run under an X server with a window manager (see docs/hr-workspace.md, "Screenshots")::

    DISPLAY=:98 .venv/bin/python docs/screenshots/take_welcome.py
    DISPLAY=:98 .venv/bin/python docs/screenshots/take_welcome.py --dark --suffix=-dark
"""

from __future__ import annotations

import shutil

from desktop_app.screenshots import command_line, pause, resize_in_lines, save, start


def main() -> int:
    # A fixed, short place, so the paths on the page read well and the shot is the same
    # at every run.
    run = start(command_line(__doc__), fixed="hr")
    from desktop_app.settings import load_settings, save_settings
    from surveys.store import create_workspace

    documents = run.temp / "Documents"
    recent = []
    for name in ("Northwind 2026", "Rapport demo", "Northwind 2025 pilot"):
        create_workspace(documents / name, headcounts={"Sales": 40, "IT": 25}).close()
        recent.append(str(documents / name))
    recent.insert(1, str(run.temp / "hr-share" / "Northwind board review"))  # not connected
    settings = load_settings()
    settings.recent_workspaces, settings.reopen_last = "\n".join(recent), 0
    save_settings(settings)

    from desktop_app.main_window import MainWindow

    window = MainWindow()
    resize_in_lines(window, 70, 40)
    window.show()
    window.welcome.recent.setCurrentRow(2)
    pause(1500)  # the availability check and the window manager
    save(window, run.path("hr-welcome"), rounds=0)
    window.close()
    shutil.rmtree(run.temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
