"""Helpers for the tests of reads off the GUI thread: a read made to wait on an Event (a
share that hangs), and a timer that shows the GUI thread turning meanwhile."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer

#: The longest a "hung" read blocks unless released: without the fix a test fails instead
#: of hanging for good.
HANG = 10.0


class Ticks:
    """Counts a 10 ms timer's ticks: the GUI thread processes events while they grow."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def hanging(func: Callable[..., Any], gate: threading.Event, hang: float = HANG):  # noqa: ANN201
    """``func`` that first waits for ``gate`` (at most ``hang`` seconds)."""

    def hang_then(*args: Any, **kwargs: Any) -> Any:
        gate.wait(hang)
        return func(*args, **kwargs)

    return hang_then


@pytest.fixture(autouse=True)
def product_waits(monkeypatch, patient_reads):  # noqa: ANN201
    """The waits the product ships (conftest's patient_reads lengthens them); autouse in
    every test module that imports it."""
    from desktop_app import bounded_read

    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(bounded_read, "LIST_WAIT_SECONDS", 0.05)


@contextlib.contextmanager
def patiently() -> Iterator[None]:
    """Within it the window waits for its reads as long as conftest's ``patient_reads``
    has it, then the product's waits again: what a test sets up before it makes a read
    hang (a workspace opened, a page filled) is whole on a loaded machine too, where a
    working read may take longer than the product's 0.3 s."""
    from desktop_app import bounded_read

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bounded_read, "WAIT_SECONDS", 30.0)
        patch.setattr(bounded_read, "LIST_WAIT_SECONDS", 30.0)
        yield


def open_patiently(window, folder) -> None:  # noqa: ANN001
    """``window`` opens ``folder`` (:func:`patiently`: its claim and first reads answered)."""
    with patiently():
        assert window.open_workspace(str(folder))


def open_now_or_late(qtbot, window, folder) -> None:  # noqa: ANN001
    """``window`` opens ``folder`` with the product's wait, while a read that opening
    starts hangs: on a loaded machine the claim itself may answer after the wait, and the
    workspace opens then."""
    if not window.open_workspace(str(folder)):
        qtbot.waitUntil(lambda: str(window.context.path) == str(folder), timeout=10_000)


def shown_window(qtbot):  # noqa: ANN201
    """A new HR window, shown."""
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def failing_open(*_args, **_kwargs):
    """Opening the workspace on a share that went away."""
    import sqlite3

    raise sqlite3.OperationalError("disk I/O error")


def responsive(qtbot, click) -> None:
    """``click()`` returns at once and the event loop goes on turning."""
    import time

    ticks = Ticks()
    started = time.monotonic()
    click()
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before
