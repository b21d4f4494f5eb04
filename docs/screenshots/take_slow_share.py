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

import threading

from desktop_app.screenshots import command_line, save, spin, start, wait_until


def main() -> int:
    run = start(command_line(__doc__))
    from desktop_app import section_reads
    from desktop_app.main_window import MainWindow
    from desktop_app.models import comments_model, comments_reads
    from surveys.demo import build_demo

    build_demo(run.temp / "northwind", seed=0)
    window = MainWindow()
    window.resize(1360, 840)
    window.show()
    window.open_workspace(str(run.temp / "northwind"))
    window.show_section("comments")
    panel = window.panel("comments")
    # the analysis, then its comments in the list
    wait_until(lambda: not window.context.runner.running() and panel.model.rowCount(), 180, 0.2)
    spin(0.5)
    released = threading.Event()
    real = comments_reads.select_groups

    def hung(db, flt):  # noqa: ANN001, ANN202 (the share does not answer)
        released.wait(30)
        return real(db, flt)

    comments_reads.select_groups = hung
    comments_model.SAY_SLOW_MS = section_reads.SAY_SLOW_MS = 200  # the list, the pair page
    panel.search.setText("deadline")
    panel.apply_filter()
    spin(1.0)
    save(window, run.path("hr-comments-slow-share"))
    released.set()
    spin(0.5)
    _pair_and_saving(run, window, panel)
    window.close()
    return 0


def _pair_and_saving(run, window, panel) -> None:  # noqa: ANN001
    """The pair page while its read waits, then a correction while it waits."""
    from surveys import store

    real, released = store.open_workspace, threading.Event()

    def hung(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (the share does not answer)
        released.wait(30)
        return real(*args, **kwargs)

    panel.search.setText("")
    panel.apply_filter()
    spin(1.0)
    store.open_workspace = hung
    window.context.request_pair("Sales", "IT")
    spin(1.5)
    save(window, run.path("hr-pair-slow-share"))
    released.set()
    spin(1.0)
    released.clear()
    window.show_section("comments")
    spin(0.5)
    panel.table.selectRow(0)
    panel.correct_selected("neutral")
    spin(1.0)
    save(window, run.path("hr-comments-saving"))
    released.set()
    spin(1.0)
    store.open_workspace = real


if __name__ == "__main__":
    raise SystemExit(main())
