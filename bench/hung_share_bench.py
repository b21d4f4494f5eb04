"""The HR window's event loop while its workspace's share hangs.

A share whose file server went away makes calls block for tens of seconds. This script
makes the workspace lock's claim (``surveys.host_lock.claim``, the first thing opening a
workspace does) and the lock's refresh (``HostLock.refresh``, the minute's heartbeat)
block for ``--hang`` seconds, then, while a 10 ms QTimer on the GUI thread records the
largest gap between its ticks:

* **open**: ``MainWindow.open_workspace`` on the hung share, until the workspace is open;
* **beat**: one heartbeat of an open workspace on the hung share, until it is done;
* **comments, actions, settings, pulses**: the section shown and read again (as after a
  change of the data) while the share is down: opening the workspace's database blocks
  until ``--hang`` s after the read began (the file server back then);
* **programme**: the pulse programme's timed check, the same way;
* then, on the analysed demo workspace, the same way: the **pair** page opened, the
  heatmap's **bands** and the status bar's **participation** read again, and the writes:
  a label **correction**, an action **recorded** from the pair page, a **setting** saved
  (the shared folder), the Overview's **overdue** actions read again and the **action
  dialog** opened from the Actions section (closed again once it shows), and a **theme**
  chosen in Themes (its detail: the size per pair and the terms);
* then the writes of Pulses and Themes, the same way: a **draft wave** saved and a survey
  **template** loaded from the New wave dialog, the **results box** ticked, a wave opened
  on **this computer only** and **closed** (its question answered at once), the
  **programme** saved from its dialog and **paused**, and the **themes** saved from the
  themes editor (its re-analysis then runs as a job).

Prints the largest gap of each and the load average. On a working window the largest gap
stays far below the hang; a window that waits on the share stalls for all of it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/hung_share_bench.py --hang 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Gaps:
    """The largest gap between a 10 ms timer's ticks since :meth:`reset`."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.largest = 0.0
        self.last = time.monotonic()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.largest = max(self.largest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.largest, self.last = 0.0, time.monotonic()


def _hanging(func, seconds: float, armed: threading.Event):
    def hang(*args, **kwargs):
        if armed.is_set():
            time.sleep(seconds)
        return func(*args, **kwargs)

    return hang


def _spin(app, until, limit: float) -> None:
    end = time.monotonic() + limit
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def _reread(window, section: str) -> None:
    panel = window.panel(section)
    if section == "comments":
        panel._reload_all()  # what opening the workspace or an analysis runs
    else:
        panel.reload()  # what a change of the data runs


def _down_until(func, until: list[float]):
    """``func`` blocking until the time in ``until`` (a share down until then)."""

    def hang(*args, **kwargs):
        time.sleep(max(0.0, until[0] - time.monotonic()))
        return func(*args, **kwargs)

    hang.until = until
    return hang


def _sections(app, window, gaps: Gaps, hang: float) -> None:
    """Each section read again, and the programme's check, while the share is down for
    ``hang`` seconds."""
    from desktop_app import workspace_reads
    from surveys import store

    until = [0.0]
    store.open_workspace = _down_until(store.open_workspace, until)
    workspace_reads.open_workspace = _down_until(workspace_reads.open_workspace, until)
    runner = window.panel("pulses").programme_box.runner
    for section in ("comments", "actions", "settings", "pulses", "programme"):
        if section != "programme":
            window.show_section(section)
        _spin(app, lambda: False, 0.3)
        gaps.reset()
        started = time.monotonic()
        until[0] = started + hang
        runner.check() if section == "programme" else _reread(window, section)
        _spin(app, lambda s=started: time.monotonic() - s > hang + 0.5, hang + 10)
        print(f"{section}: largest GUI gap {gaps.largest * 1000:.0f} ms (hang {hang:.1f} s)")


def _demo_window(app, window, until: list[float]) -> None:
    """Open the analysed demo workspace (the share answering) for the paths that need a
    result."""
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="rapport-hung-demo-")) / "northwind"
    build_demo(folder, seed=0)
    analyse_workspace(folder)
    until[0] = 0.0
    window.open_workspace(str(folder))
    _spin(app, lambda: window.context.result is not None, 120)


def _demo_paths(window) -> dict:
    """Each path of the demo workspace: what starts it."""
    result = window.context.result
    pairs = [p for p in result.pairs if not p.suppressed]
    comments = window.panel("comments")
    pair_page = window.pair_page

    def correct() -> None:
        comments.table.selectRow(0)
        comments.correct_selected("neutral")

    def record() -> None:
        pair_page.actions.record("Bench: a weekly handover call")

    return {
        "pair": lambda: window.context.request_pair(pairs[1].from_dept, pairs[1].to_dept),
        "bands": lambda: window.panel("relationships")._read_bands(),
        "participation": lambda: window.participation_label.refresh(),
        "correction": correct,
        "record action": record,
        "setting": lambda: window.panel("settings").save_share(),
        "overdue": lambda: window.panel("overview").overdue.reload(),
        "action dialog": lambda: window.panel("actions").add(),
        "theme": lambda: _choose_theme(window.panel("themes")),
    }


def _choose_theme(panel) -> None:
    """Choose another theme than the one shown (its detail is read)."""
    rows = panel.themes.selectionModel().selectedRows()
    panel.themes.selectRow(1 if rows and rows[0].row() == 0 else 0)


def _close_dialogs(window) -> None:
    """Close the action dialog a path opened (nothing typed: it closes at once)."""
    from desktop_app.action_dialog import ActionDialog

    for dialog in window.findChildren(ActionDialog):
        if dialog.isVisible():
            dialog.reject()


def _more(app, window, gaps: Gaps, hang: float) -> None:
    """The pair page, the bands, the participation line and the writes, each while the
    share is down for ``hang`` seconds (``_sections`` made opening the database wait)."""
    from surveys import store

    until = store.open_workspace.until
    _demo_window(app, window, until)
    first = next(p for p in window.context.result.pairs if not p.suppressed)
    window.context.request_pair(first.from_dept, first.to_dept)  # the page: another pair
    for name, start in _demo_paths(window).items():
        sections = {"correction": "comments", "action dialog": "actions", "theme": "themes"}
        if name in sections:
            window.show_section(sections[name])
        _spin(app, lambda: False, 0.5)
        gaps.reset()
        started = time.monotonic()
        until[0] = started + hang
        start()
        _spin(app, lambda s=started: time.monotonic() - s > hang + 0.5, hang + 10)
        print(f"{name}: largest GUI gap {gaps.largest * 1000:.0f} ms (hang {hang:.1f} s)")
        _close_dialogs(window)


def _answer_box(name: str, button: str) -> None:
    """Press ``button`` of the message box ``name`` as soon as it shows."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != name:
            QTimer.singleShot(10, press)
            return
        box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, press)


def _template_file() -> str:
    """A survey template of one's own (the liaison check under another key)."""
    shipped = Path(__file__).resolve().parent.parent / "surveys/templates/liaison-check.yaml"
    text = shipped.read_text(encoding="utf-8").replace("key: liaison-check", "key: bench-own")
    out = Path(tempfile.mkdtemp(prefix="rapport-bench-template-")) / "own.yaml"
    out.write_text(text.replace("title: Liaison check", "title: Bench check"), "utf-8")
    return str(out)


def _pulses_paths(window) -> dict:
    """The writes of Pulses and Themes: what starts each (its dialog opened before)."""
    from desktop_app.panels.pulses_publish import LOCAL

    pulses = window.panel("pulses")
    box = pulses.programme_box
    opened: dict = {}

    def choose_draft() -> None:
        names = [w.name for w in pulses.waves_model.waves]
        pulses.waves_table.selectRow(names.index("bench-wave"))

    def close_wave() -> None:
        choose_draft()
        _answer_box("closeWaveQuestion", "closeWaveButton")
        pulses.close_selected()

    return {
        "draft wave": (lambda: opened.update(wave=pulses.new_wave()), lambda: _save_wave(opened)),
        "template": (
            lambda: opened.update(wave=pulses.new_wave()),
            lambda: opened["wave"].load_template(_template_file()),
        ),
        "results box": (None, pulses.share_results_box.toggle),
        "open here": (choose_draft, lambda: pulses.publish_selected(LOCAL)),
        "wave closed": (None, close_wave),
        "programme": (lambda: opened.update(prog=box.edit()), lambda: opened["prog"].accept()),
        "pause": (None, box.toggle_pause),
        "themes": (
            lambda: opened.update(themes=window.panel("themes").edit_taxonomy()),
            lambda: opened["themes"].accept(),
        ),
    }


def _save_wave(opened: dict) -> None:
    dialog = opened["wave"]
    dialog.name_edit.setText("bench-wave")
    dialog.accept()


def _pulses(app, window, gaps: Gaps, hang: float) -> None:
    """Each write of Pulses and Themes while the share is down for ``hang`` seconds (its
    dialog opened before, the share answering)."""
    from PySide6.QtWidgets import QDialog

    from surveys import store

    until = store.open_workspace.until
    for name, (prepare, start) in _pulses_paths(window).items():
        window.show_section("themes" if name == "themes" else "pulses")
        until[0] = 0.0
        if prepare is not None:
            prepare()
        _spin(app, lambda: False, 0.5)
        gaps.reset()
        started = time.monotonic()
        until[0] = started + hang
        start()
        _spin(app, lambda s=started: time.monotonic() - s > hang + 0.5, hang + 10)
        print(f"{name}: largest GUI gap {gaps.largest * 1000:.0f} ms (hang {hang:.1f} s)")
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang", type=float, default=3.0, help="seconds each call blocks")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="rapport-bench-home-"))
    os.environ.setdefault("RAPPORT_HOME", str(home / "rapport"))
    # The window's settings (recent workspaces, geometry) go there too, never into the
    # user's own: each run added its temporary workspace to their recent list.
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    from PySide6.QtWidgets import QApplication

    from desktop_app.main_window import MainWindow
    from surveys import host_lock
    from surveys.store import create_workspace

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="rapport-hung-")) / "ws"
    create_workspace(folder).close()
    armed = threading.Event()
    host_lock.claim = _hanging(host_lock.claim, args.hang, armed)
    host_lock.HostLock.refresh = _hanging(host_lock.HostLock.refresh, args.hang, armed)
    window = MainWindow()
    window.show()
    gaps = Gaps()
    _spin(app, lambda: False, 0.5)
    armed.set()
    gaps.reset()
    started = time.monotonic()
    window.open_workspace(str(folder))
    _spin(app, lambda: window.context.path is not None, args.hang + 10)
    _spin(app, lambda: False, 0.1)  # the first tick after a call that blocked
    opened = time.monotonic() - started - 0.1
    print(f"open: largest GUI gap {gaps.largest * 1000:.0f} ms; open after {opened:.1f} s")
    gaps.reset()
    started = time.monotonic()
    window.context.heartbeat.timeout.emit()
    _spin(app, lambda: time.monotonic() - started > args.hang + 0.5, args.hang + 10)
    print(f"beat: largest GUI gap {gaps.largest * 1000:.0f} ms (hang {args.hang:.1f} s)")
    armed.clear()
    _sections(app, window, gaps, args.hang)
    _more(app, window, gaps, args.hang)
    _pulses(app, window, gaps, args.hang)
    print("load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    window.close()


if __name__ == "__main__":
    main()
