"""A Qt object destroyed, or its timer stopped, on a thread that does not own it fails the
test that was running (pytest plugin, named in ``tests/conftest.py``).

Qt only warns ("QObject::~QObject: Timers cannot be stopped from another thread") and
goes on; the freed object's next timer or queued event then crashed a pytest-xdist worker
with a segmentation fault, tests later, in a test that had nothing to do with it. Here the
warning is caught where it is printed: the Python stack of the thread that printed it
(the one that let go of the object) is kept, and the test fails with it at teardown.
pytest-qt's own capture of Qt messages (per test phase) still gets every message.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

#: Parts of Qt's warnings about an object used or destroyed from a thread not its own.
WRONG_THREAD = ("from another thread", "for an object owned by a different thread")

Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]


class WrongThreadGuard:
    """A Qt message handler that keeps wrong-thread warnings and passes every message on."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._lock = threading.Lock()
        self.previous: Handler | None = None  # pytest-qt's capture during a test
        self.outer: Handler | None = None  # Qt's own (standard error) between tests

    def handle(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if any(part in message for part in WRONG_THREAD):
            stack = "".join(traceback.format_stack()[:-1])
            name = threading.current_thread().name
            with self._lock:
                self.seen.append(
                    f"{message}\n  on thread {name!r}, whose Python stack was:\n{stack}"
                )
        if self.previous is not None:
            self.previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    def install(self) -> None:
        """Handle Qt's messages first, then hand them to the handler installed before."""
        self.previous = qInstallMessageHandler(self.handle)
        if self.previous == self.handle:  # pragma: no cover (installed twice)
            self.previous = self.outer

    def reinstall(self) -> None:
        """Between tests: in front of Qt's own handler again (pytest-qt's capture ended)."""
        qInstallMessageHandler(self.handle)
        self.previous = self.outer

    def take(self) -> list[str]:
        with self._lock:
            seen, self.seen = self.seen, []
        return seen


_guard = WrongThreadGuard()


def pytest_configure(config: pytest.Config) -> None:
    _guard.install()  # between tests (Qt's messages go to standard error, as before)
    _guard.outer = _guard.previous


@pytest.hookimpl(trylast=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """After pytest-qt's capture starts (its setup hook): the guard goes in front of it."""
    if getattr(item, "qt_log_capture", None) is not None:
        _guard.install()


def pytest_runtest_logfinish(nodeid: str, location: tuple) -> None:
    _guard.reinstall()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):  # noqa: ANN201
    yield
    seen = _guard.take()
    if seen:
        pytest.fail(
            "Qt used or destroyed an object on a thread that does not own it during this "
            "test (it crashes the app later):\n\n" + "\n\n".join(seen),
            pytrace=False,
        )
