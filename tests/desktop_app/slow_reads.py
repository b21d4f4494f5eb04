"""Helpers for the tests of reads off the GUI thread: a read made to wait on an Event (a
share that hangs), and a timer that shows the GUI thread turning meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

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
