"""Screenshots of the HR window while its workspace's share does not answer (docs/jobs.md,
"When the disk or the share fails"): the Comments section keeps its rows and says that the
folder is slow to answer above them, and the status bar says it too; a pair's page whose
read waits says so above its figures; a label correction that waits says "Saving…" beside
the correction buttons.

Run under an X server with a window manager, so title bars render as on a desktop::

    Xvfb :97 -screen 0 1600x1000x24 -noreset &  DISPLAY=:97 openbox &
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_slow_share.py
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_slow_share.py --dark --suffix=-dark

Writes ``hr-comments-slow-share.png``, ``hr-pair-slow-share.png`` and
``hr-comments-saving.png`` (with the suffix). Nothing outside a temporary folder
is touched; the "hang" is a read made to wait until the shot is taken.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _spin(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")
    from desktop_app.app import apply_palette, make_application
    from desktop_app.main_window import MainWindow
    from desktop_app.models import comments_model, comments_reads
    from surveys.demo import build_demo

    build_demo(temp / "northwind", seed=0)
    app = make_application()
    if args.dark:
        apply_palette(app, dark=True)
    window = MainWindow()
    window.resize(1360, 840)
    window.show()
    window.open_workspace(str(temp / "northwind"))
    window.show_section("comments")
    panel = window.panel("comments")
    end = time.monotonic() + 180  # the analysis, then its comments in the list
    while time.monotonic() < end and (
        window.context.runner.running() or not panel.model.rowCount()
    ):
        _spin(app, 0.2)
    _spin(app, 0.5)
    released = threading.Event()
    real = comments_reads.select_groups

    def hung(db, flt):  # noqa: ANN001, ANN202 (the share does not answer)
        released.wait(30)
        return real(db, flt)

    comments_reads.select_groups = hung
    comments_model.SAY_SLOW_MS = 200
    panel.search.setText("deadline")
    panel.apply_filter()
    _spin(app, 1.0)
    window.grab().save(str(HERE / f"hr-comments-slow-share{args.suffix}.png"))
    released.set()
    _spin(app, 0.5)
    _pair_and_saving(app, window, panel, args.suffix)
    window.close()
    return 0


def _pair_and_saving(app, window, panel, suffix: str) -> None:
    """The pair page while its read waits, then a correction while it waits."""
    from surveys import store

    real, released = store.open_workspace, threading.Event()

    def hung(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (the share does not answer)
        released.wait(30)
        return real(*args, **kwargs)

    panel.search.setText("")
    panel.apply_filter()
    _spin(app, 1.0)
    store.open_workspace = hung
    window.context.request_pair("Sales", "IT")
    _spin(app, 1.5)
    window.grab().save(str(HERE / f"hr-pair-slow-share{suffix}.png"))
    released.set()
    _spin(app, 1.0)
    released.clear()
    window.show_section("comments")
    _spin(app, 0.5)
    panel.table.selectRow(0)
    panel.correct_selected("neutral")
    _spin(app, 1.0)
    window.grab().save(str(HERE / f"hr-comments-saving{suffix}.png"))
    released.set()
    _spin(app, 1.0)
    store.open_workspace = real


if __name__ == "__main__":
    raise SystemExit(main())
