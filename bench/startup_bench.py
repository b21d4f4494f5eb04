"""How long until the respondent's windows are on screen, next to a bare Qt window.

    Xvfb :99 -noreset & DISPLAY=:99 openbox &
    DISPLAY=:99 .venv/bin/python bench/startup_bench.py [--runs 7]

Two measurements, each against a bare PySide6 window in the same run:

1. **A new user's first window, mapped** (issue 17): the unmodified `rapport respond` of a
   user with no settings shows the first-run dialog. Wall time from just before the process
   is spawned to the X server's MapNotify of its window (the window manager's frame), seen
   by a small Xlib watcher (ctypes, no extra package) listening on the root window; the
   process is then killed. The bare process shows an empty QWidget and is timed the same
   way. Target: first-run median ≤ 1.5 × bare median. Needs an X display (Xvfb) with a
   window manager; skipped on the offscreen platform.
2. **The survey window, painted** (issue 4; below).

Each run starts a fresh Python process and measures wall time from just before the process
is spawned to the event-loop turn after the window's first paint (the whole window, the
survey's first page included, is painted and flushed to the screen by then; nothing of the
window's own is left queued). The "respondent" process takes the real path of
`rapport respond` in team mode without a tray: stored settings → source → controller → open
pulse noticed → wizard shown and painted. The "bare" process shows an empty PySide6 QWidget.
Runs alternate so that load on the machine hits both alike. Target: respondent median ≤
1.5 × bare median. Afterwards one respondent run with ``python -X importtime`` checks that
neither scikit-learn nor the analysis engine was imported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
class Window(QWidget):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print(time.time()), sys.stdout.flush(), app.quit()))
app = QApplication(sys.argv[:1])
w = Window(); w.resize(760, 640); w.show()
app.exec()
"""

# For context only (the target is against BARE): the same window with one wrapped,
# selectable label, which pays Qt's first text layout, font loading and the Qt namespace's
# enums, as any window that shows words does.
LABEL = BARE.replace(
    "w = Window();",
    "w = Window(); from PySide6.QtCore import Qt; from PySide6.QtWidgets import QLabel, "
    "QVBoxLayout; l = QLabel('Which departments did you work with?'); l.setWordWrap(True); "
    "l.setTextInteractionFlags(Qt.TextSelectableByMouse); QVBoxLayout(w).addWidget(l);",
)

#: Top-level packages the respondent must not import before its window is shown.
HEAVY = {"sklearn", "analysis", "nltk", "sqlite_utils", "numpy", "pandas", "cryptography"}

RESPONDENT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.respondent import tray
from desktop_app.respondent.app import source_for
from desktop_app.respondent.tray import RespondentController
from desktop_app.settings import load_settings
class Wizard(tray.SurveyWizard):  # notes its first paint, as the bare window does
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print(time.time()), sys.stdout.flush(), app.quit()))
tray.SurveyWizard = Wizard
app = QApplication(sys.argv[:1])
controller = RespondentController(load_settings(), source_for(load_settings()), use_tray=False)
QTimer.singleShot(0, controller.check)
app.exec()
"""


# For context: how long the first Next takes (click → the departments page painted), pressed
# DELAY ms after the window's first paint. The pages after the intro are built while the
# person reads the intro (SurveyWizard.WARM_UP_AFTER_MS); a click before that builds them.
FIRST_NEXT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.respondent import tray
from desktop_app.respondent.app import source_for
from desktop_app.respondent.tray import RespondentController
from desktop_app.settings import load_settings
clicked = []
class Wizard(tray.SurveyWizard):
    paints = 0
    def paintEvent(self, event):
        super().paintEvent(event)
        self.paints += 1
        if self.paints == 1:
            QTimer.singleShot(DELAY, self.press_next)
        elif clicked and self.current_page() is self.departments_page:
            start = clicked.pop()
            QTimer.singleShot(0, lambda: (print(time.perf_counter() - start), app.quit()))
    def press_next(self):
        clicked.append(time.perf_counter())
        self.next_button.click()
tray.SurveyWizard = Wizard
app = QApplication(sys.argv[:1])
controller = RespondentController(load_settings(), source_for(load_settings()), use_tray=False)
QTimer.singleShot(0, controller.check)
app.exec()
"""


# A new user's `rapport respond`: no settings yet, so the first-run dialog is the first
# window. Unmodified: the bench kills it once the window is mapped.
FIRST_RUN = """
import sys
from desktop_app.cli import main
sys.exit(main(["respond"]))
"""

# The bare window without the paint hook (the mapped measurement kills it).
BARE_MAPPED = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(560, 340); w.show()
app.exec()
"""

# For context, in-process: the first-run dialog's first paint (as the survey window's).
FIRST_RUN_PAINTED = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.respondent import first_run
painted = []
def paint(self, event):
    first_run.QDialog.paintEvent(self, event)
    if not painted:
        painted.append(1)
        QTimer.singleShot(0, lambda: (print(time.time()), sys.stdout.flush(), QApplication.quit(),
                                      __import__("os")._exit(0)))
first_run.FirstRunDialog.paintEvent = paint
from desktop_app.cli import main
sys.exit(main(["respond"]))
"""

# Watches the X server for windows being mapped (MapNotify on the root window's children:
# the window manager's frames), printing "time window override_redirect" per map.
MAP_WATCHER = r"""
import ctypes, ctypes.util, time
x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
x.XFlush.argtypes = [ctypes.c_void_p]
x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
display = x.XOpenDisplay(None)
x.XSelectInput(display, x.XDefaultRootWindow(display), 1 << 19)  # SubstructureNotifyMask
x.XFlush(display)
print("ready", flush=True)
event = ctypes.create_string_buffer(192)  # sizeof(XEvent) on 64-bit
while True:
    x.XNextEvent(display, event)
    now = time.time()
    if int.from_bytes(event.raw[0:4], "little") == 19:  # MapNotify
        window = int.from_bytes(event.raw[40:48], "little")
        override = int.from_bytes(event.raw[48:52], "little")
        print(now, window, override, flush=True)
"""


class MapWatcher:
    """Runs :data:`MAP_WATCHER` and hands out the map times it reports."""

    def __init__(self, env: dict[str, str]) -> None:
        import queue
        import threading

        self.process = subprocess.Popen(
            [sys.executable, "-c", MAP_WATCHER], env=env, stdout=subprocess.PIPE, text=True
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the X map watcher did not start (no X display?)")
        self.maps: queue.Queue[float] = queue.Queue()

        def read() -> None:
            for line in self.process.stdout:
                when, _window, override = line.split()
                if override == "0":  # menus and tooltips do not count
                    self.maps.put(float(when))

        threading.Thread(target=read, daemon=True).start()

    def time_to_map(
        self, code: str, env: dict[str, str], timeout: float = 30, cwd: str | None = None
    ) -> float:
        """Seconds from spawning ``code`` (in ``cwd``) to its first window being mapped."""
        import queue

        while not self.maps.empty():
            self.maps.get_nowait()
        start = time.time()
        child = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                mapped = self.maps.get(timeout=timeout)
                if mapped >= start:
                    return mapped - start
        except queue.Empty:
            raise RuntimeError("no window was mapped within the timeout") from None
        finally:
            child.kill()
            child.wait()

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def new_user_env(env: dict[str, str], root: Path, run: int) -> dict[str, str]:
    """``env`` for a user who never ran Rapport (fresh settings and data folders)."""
    home = root / f"new-user-{run}"
    return dict(env, RAPPORT_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))


def first_run_figures(
    env: dict[str, str], root: Path, runs: int, compare: str | None = None
) -> dict[str, list[float]]:
    """Mapped times of the bare window and a new user's first-run dialog, alternating.

    ``compare`` is another checkout of Rapport (e.g. a worktree of main) whose first-run
    dialog is timed in the same runs, from that folder (``-c`` puts it first on the path).
    """
    watcher = MapWatcher(env)
    here = str(Path(__file__).resolve().parents[1])
    try:
        watcher.time_to_map(BARE_MAPPED, env)  # warm the file cache for all
        watcher.time_to_map(FIRST_RUN, new_user_env(env, root, 0), cwd=here)
        if compare:
            watcher.time_to_map(FIRST_RUN, new_user_env(env, root, -1), cwd=compare)
        figures: dict[str, list[float]] = {"bare": [], "first_run": [], "painted": []}
        if compare:
            figures["compare"] = []
        for run in range(1, runs + 1):
            figures["bare"].append(watcher.time_to_map(BARE_MAPPED, env))
            fresh = new_user_env(env, root, run)
            figures["first_run"].append(watcher.time_to_map(FIRST_RUN, fresh, cwd=here))
            if compare:
                other = new_user_env(env, root, 2 * runs + run)
                figures["compare"].append(watcher.time_to_map(FIRST_RUN, other, cwd=compare))
            painted, _ = run_once(FIRST_RUN_PAINTED, new_user_env(env, root, runs + run))
            figures["painted"].append(painted)
        return figures
    finally:
        watcher.close()


def prepare(root: Path, bytecode: bool = True) -> dict[str, str]:
    """A published pulse and stored respondent settings; returns the child environment."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from desktop_app.settings import Settings, save_settings
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    env = dict(os.environ, RAPPORT_HOME=str(root / "home"), XDG_CONFIG_HOME=str(root / "cfg"))
    os.environ.update(env)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    db = create_workspace(root / "ws")
    publish_wave(
        db, root / "share", "bench", "full-pulse", passphrase="bench passphrase only", create=True
    )
    db.close()
    QCoreApplication.setOrganizationName("Rapport")
    QCoreApplication.setApplicationName("Rapport")
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(root / "cfg"))
    save_settings(Settings(department="Sales", share_folder=str(root / "share")))
    return env


def run_once(code: str, env: dict[str, str], extra: tuple[str, ...] = ()) -> tuple[float, str]:
    start = time.time()
    done = subprocess.run(
        [sys.executable, *extra, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return float(done.stdout.strip().splitlines()[-1]) - start, done.stderr


def first_next(env: dict[str, str], delay_ms: int, runs: int) -> list[float]:
    """Seconds from pressing Next to the departments page painted, ``runs`` times."""
    code = FIRST_NEXT.replace("DELAY", str(delay_ms))
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--compare",
        metavar="DIR",
        help="also time the first-run dialog of another checkout (e.g. a worktree of main) "
        "in the same runs",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="recompile Rapport's modules in every run (as PYTHONDONTWRITEBYTECODE=1 does)",
    )
    options = parser.parse_args()
    runs = options.runs
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "?")
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(Path(tmp), bytecode=not options.no_bytecode)
        first = (
            first_run_figures(env, Path(tmp), runs, options.compare) if platform == "xcb" else None
        )
        run_once(BARE, env)  # warm the file cache for both
        run_once(RESPONDENT, env)
        run_once(LABEL, env)
        bare, respondent, label = [], [], []
        for _ in range(runs):
            bare.append(run_once(BARE, env)[0])
            respondent.append(run_once(RESPONDENT, env)[0])
            label.append(run_once(LABEL, env)[0])
        _, imports = run_once(RESPONDENT, env, ("-X", "importtime"))
        next_read = first_next(env, 1000, min(runs, 5))
        next_at_once = first_next(env, 20, min(runs, 5))
    b, r = statistics.median(bare), statistics.median(respondent)
    cached = "recompiled every run" if options.no_bytecode else "cached (as installed)"
    print(f"platform: {platform}; {runs} runs each, alternating; bytecode {cached}")
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if first is None:
        print("a new user's first window: skipped (needs an X display, e.g. Xvfb + openbox)")
    else:
        fb, fr = statistics.median(first["bare"]), statistics.median(first["first_run"])
        verdict = "met" if fr / fb <= 1.5 else "MISSED"
        print("a new user's first window (process start -> window mapped, X MapNotify):")
        print(f"  bare QWidget window   : median {fb * 1000:7.0f} ms  (all: {_ms(first['bare'])})")
        print(
            f"  first-run dialog      : median {fr * 1000:7.0f} ms  "
            f"(all: {_ms(first['first_run'])})"
        )
        print(f"  ratio first-run/bare  : {fr / fb:.2f}  (target <= 1.50: {verdict})")
        if "compare" in first:
            fc = statistics.median(first["compare"])
            print(
                f"  {options.compare}: median {fc * 1000:.0f} ms, {fc / fb:.2f} x bare  "
                f"(all: {_ms(first['compare'])})"
            )
        painted = statistics.median(first["painted"])
        print(f"  context: first-run dialog painted (in-process): median {painted * 1000:.0f} ms")
    print("the survey window (process start -> first paint, in-process):")
    print(f"bare QWidget window : median {b * 1000:7.0f} ms  (all: {_ms(bare)})")
    print(f"respondent wizard   : median {r * 1000:7.0f} ms  (all: {_ms(respondent)})")
    verdict = "met" if r / b <= 1.5 else "MISSED"
    print(f"ratio respondent/bare: {r / b:.2f}  (target <= 1.50: {verdict})")
    lab = statistics.median(label)
    print(
        f"context: bare window + one label: median {lab * 1000:.0f} ms "
        f"({lab / b:.2f} x bare; respondent is {r / lab:.2f} x this)"
    )
    print(
        f"context: first Next pressed 1 s after the window appeared: median "
        f"{statistics.median(next_read) * 1000:.0f} ms; pressed at once (20 ms): "
        f"{statistics.median(next_at_once) * 1000:.0f} ms"
    )
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in imports.splitlines()}
    heavy = sorted(loaded & HEAVY)
    print(
        "heavy modules imported:",
        ", ".join(heavy) if heavy else f"none (none of {', '.join(sorted(HEAVY))})",
    )


def _ms(values: list[float]) -> str:
    return " ".join(f"{v * 1000:.0f}" for v in values)


if __name__ == "__main__":
    main()
