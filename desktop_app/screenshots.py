"""The set-up every screenshot script shares (``docs/screenshots/take_*.py`` and
``scripts/screenshots_hr.py``); each script keeps only what it shows.

A script parses ``--suffix`` and ``--dark`` (:func:`command_line`), points the settings and
per-user folders at a temporary folder (:func:`temporary_home`) and makes the application
with Rapport's style and, if asked, the dark palette (:func:`hr_application`, or
:func:`respondent_application` for the respondent's windows); :func:`start` does the three.
The rest helps it wait and grab: :func:`spin` and :func:`pause` let queued work and the
window manager run, :func:`wait_for` waits for a signal and :func:`open_and_wait` for a
workspace's analysis; :func:`save` grabs a widget and :func:`save_from_screen` a window with
its title bar (:meth:`Run.path`: under :data:`FOLDER`, with the run's suffix).
:func:`fixed_share` gives the shared folder the shots print a fixed, readable path.

Nothing here runs in the product: only the scripts import it, under an X server with a
window manager (the README's "Screenshots").
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

#: Where the shots go (docs/screenshots/ of this checkout).
FOLDER = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
#: The checkout, for the scripts that build their data with ``bench/`` or ``tests/`` code.
ROOT = FOLDER.parents[1]
#: The shared folder as the Pulses section and the respondent's windows print it.
SHARE = Path(tempfile.gettempdir()) / "S-drive" / "rapport"
#: The passphrase of the screenshots' workspaces' keys.
PASSPHRASE = "screenshots only, not a secret"


def command_line(
    doc: str | None = None, parser: argparse.ArgumentParser | None = None
) -> argparse.ArgumentParser:
    """A parser with ``--suffix`` (added to every file name: ``-dark``, ``-150``) and
    ``--dark``; a script adds its own options before parsing."""
    if parser is None:
        parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0] if doc else None)
    parser.add_argument("--suffix", default="", help="added to every file name (-dark, -150)")
    parser.add_argument(
        "--dark", action="store_true", help="ask for the dark colour scheme, as a dark desktop does"
    )
    return parser


def temporary_home(fixed: str | None = None) -> Path:
    """A temporary folder for the run's settings and per-user data (``RAPPORT_HOME`` and
    ``XDG_CONFIG_HOME`` inside it), so that no shot touches a real user's.

    ``fixed``: a folder of that name in the system's temporary folder, emptied first, where
    the paths a shot prints must read well and be the same at every run; else a new one.
    """
    if fixed:
        folder = Path(tempfile.gettempdir()) / fixed
        shutil.rmtree(folder, ignore_errors=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(folder / "home")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    return folder


def hr_application(dark: bool = False) -> QApplication:
    """The HR window's application as ``rapport open`` makes it (names, icon, style,
    translations); ``dark``: the dark palette a dark desktop gets (Xvfb has no colour
    scheme)."""
    from desktop_app.app import apply_palette, make_application

    app = make_application()
    if dark:
        apply_palette(app, dark=True)
    return app


def respondent_application(dark: bool = False) -> QApplication:
    """The respondent's application: the desktop's style, Fusion under Xvfb, outlined as
    ``rapport respond`` does; ``dark``: the dark palette."""
    import sys

    from PySide6.QtWidgets import QApplication

    from desktop_app.palette import dark_palette, outline_fusion

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    outline_fusion(app)
    if dark:
        app.setPalette(dark_palette())
    return app


@dataclass(frozen=True)
class Run:
    """One run of a script: its options, temporary folder and application."""

    args: argparse.Namespace
    temp: Path
    app: QApplication

    def path(self, stem: str) -> Path:
        """The file of the shot ``stem``, with the run's suffix."""
        return FOLDER / f"{stem}{self.args.suffix}.png"


def start(parser: argparse.ArgumentParser | None = None, fixed: str | None = None) -> Run:
    """Parse the command line (:func:`command_line`'s unless given), make the temporary
    home and the HR application."""
    args = (parser or command_line()).parse_args()
    temp = temporary_home(fixed)
    return Run(args, temp, hr_application(args.dark))


def spin(seconds: float = 0.0, rounds: int = 5) -> None:
    """Let queued events run for ``seconds`` (the GUI stays live), then ``rounds`` more."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(rounds):
        QApplication.processEvents()


def pause(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (the window manager frames and places)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(ready, seconds: float, step: float = 0.05) -> bool:  # noqa: ANN001
    """Spin until ``ready()`` or ``seconds`` passed; whether it became ready."""
    end = time.monotonic() + seconds
    while not ready() and time.monotonic() < end:
        spin(step, rounds=0)
    return bool(ready())


def wait_for(signal, begin, seconds: float = 60) -> None:  # noqa: ANN001
    """Call ``begin()`` and run the event loop until ``signal`` comes (``seconds`` at most)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    begin()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def open_and_wait(window, folder: Path, seconds: float = 60) -> None:  # noqa: ANN001
    """Open the workspace ``folder`` in the HR window and wait for its analysis."""
    wait_for(window.context.analysis_finished, lambda: window.open_workspace(str(folder)), seconds)


def resize_in_lines(window: QWidget, columns: int, lines: int) -> None:
    """Size ``window`` in lines of its font, so it holds the same at every scale."""
    h = window.fontMetrics().height()
    window.resize(h * columns, h * lines)


def save(widget: QWidget, path: Path, rounds: int = 5) -> Path:
    """Grab ``widget`` (no title bar) to ``path`` once queued events ran."""
    spin(rounds=rounds)
    widget.grab().save(str(path))
    print("wrote", path)
    return path


def save_from_screen(widget: QWidget, path: Path) -> Path:
    """Show ``widget``'s window and grab it from the screen, title bar included."""
    widget.show()
    widget.raise_()
    widget.activateWindow()
    pause(1200)  # let the window manager frame and place it
    spin()
    frame = widget.frameGeometry()
    picture = widget.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    picture.save(str(path))
    print("wrote", path)
    return path


@contextmanager
def fixed_share() -> Iterator[Path]:
    """:data:`SHARE`, emptied first (an earlier run's, stopped half way) and removed after."""
    shutil.rmtree(SHARE.parent, ignore_errors=True)
    try:
        yield SHARE
    finally:
        shutil.rmtree(SHARE.parent, ignore_errors=True)
