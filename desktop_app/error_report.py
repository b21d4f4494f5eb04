"""Errors that reach the GUI thread: words in a message box, the traceback in a log file.

The HR window reads the workspace on the GUI thread (each section's queries). When the
workspace's share goes away, is locked for long or fills up, such a read raises inside a
Qt event handler; PySide6 then printed the traceback in the terminal and the section simply
did not change. :func:`install` replaces ``sys.excepthook`` for the apps (never for the
command line, never in tests): the error is said once in a message box, in the same words
a job's failure uses (:class:`~desktop_app.jobs.errors.UserFacingError`), and the traceback
goes to ``logs/rapport.log`` in the per-user folder (:func:`configure_logging`), where the
tracebacks of failed jobs go too. Nothing reaches the terminal.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

#: The log file, in ``user_data_dir()/logs``; two older ones are kept beside it.
LOG_NAME = "rapport.log"
LOG_BYTES = 1_000_000


#: Whether this process keeps a log: not once :func:`install` ran for a kiosk.
_KEEPS = {"log": True}


def keeps_log() -> bool:
    """``False`` in a kiosk's process: no traceback or error message is written anywhere
    (not even by the console script's last resort), since everyone answers as its account."""
    return _KEEPS["log"]


def configure_logging() -> Path | None:
    """Send the log (warnings, errors and their tracebacks) to the per-user log file.

    Returns the file, or ``None`` when it cannot be written (then nothing is logged, and
    still nothing is printed).
    """
    from logging.handlers import RotatingFileHandler

    from surveys.paths import user_data_dir

    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = user_data_dir() / "logs"
        folder.mkdir(mode=0o700, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=2, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())  # not Python's last resort: the terminal
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return Path(handler.baseFilename)


def stack_without_words(exc: BaseException) -> str:
    """``exc``'s traceback, with the exceptions it chains, naming each by its type only.

    Where the code failed is all a fault report needs; an error's own words may quote a
    comment, a name or a path with a person's name in it, and the log is a file HR may
    send on (the terminal says the words, to HR alone).
    """
    import traceback

    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    parts = []
    for error in reversed(chain):
        kind = type(error)
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        parts.append(f"{kind.__module__}.{kind.__qualname__} (its message is not logged)\n")
    return "".join(parts)


#: What PySide6 puts before the message of an error raised in a Qt override, once for each
#: Python override it passes through on the way out (an application-wide event filter such
#: as :mod:`desktop_app.widgets.plain_labels` adds one).
_OVERRIDE = re.compile(r"^(?:Error calling Python override of [\w:]+\(\): )+")


def describe(exc: BaseException, log_file: Path | None) -> str:
    """An error raised on the GUI thread, in words for people."""
    from desktop_app.jobs.errors import UserFacingError

    text = _OVERRIDE.sub("", UserFacingError.from_exception("Rapport", exc).message)
    if log_file is not None and not _expected(exc):
        text += f" The details are in {log_file}."
    return text


def _expected(exc: BaseException) -> bool:
    """A failure of the disk, the share or the workspace, said fully in its own words."""
    import sqlite3

    from surveys.errors import RapportError

    return isinstance(exc, RapportError | sqlite3.Error | OSError)


class _Hook:
    """``sys.excepthook`` of the apps: logs the traceback and says the error once."""

    #: The same words are not said again within this many seconds (each section the
    #: person opens while the share is away raises the same error).
    QUIET_SECONDS = 30.0

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.showing = False
        self.said: tuple[str, float] = ("", 0.0)

    def __call__(
        self, kind: type[BaseException], exc: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, trace)
            return
        log.error("on the GUI thread: %s", exc, exc_info=(kind, exc, trace))
        if self.showing:  # one box at a time: the same trouble raises again and again
            return
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None:
            return
        text = describe(exc, self.log_file)
        last, when = self.said
        if text == last and time.monotonic() - when < self.QUIET_SECONDS:
            return
        self.showing = True
        QTimer.singleShot(0, app, lambda: self._show(text))

    def _show(self, text: str) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        try:
            QMessageBox.warning(QApplication.activeWindow(), "Rapport", text)
        finally:
            self.showing = False
            self.said = (text, time.monotonic())


def _log_thread_error(args) -> None:  # noqa: ANN001 - threading.ExceptHookArgs
    """``threading.excepthook``: a worker thread's error goes to the log, not the terminal
    (the work that runs in jobs reports its own failures; this is for any other thread)."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    log.error("on %s: %s", name, args.exc_value, exc_info=(
        args.exc_type, args.exc_value, args.exc_traceback))  # fmt: skip


def install(*, log_file: bool = True) -> _Hook:
    """Log to the per-user file and say GUI-thread errors in a box (the apps' start).

    ``log_file=False`` (a kiosk, which keeps no log: everyone who answers there shares its
    account) says the errors the same way and writes their tracebacks nowhere.
    """
    import threading

    _KEEPS["log"] = log_file
    if log_file:
        hook = _Hook(configure_logging())
    else:
        logging.getLogger().addHandler(logging.NullHandler())  # nor the terminal
        hook = _Hook(None)
    sys.excepthook = hook
    threading.excepthook = _log_thread_error
    return hook
