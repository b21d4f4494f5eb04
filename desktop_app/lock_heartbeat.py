"""The HR window's heartbeat of its workspace lock, off the GUI thread.

The window confirms its claim on the workspace (:mod:`surveys.host_lock`) every
:data:`~surveys.host_lock.HEARTBEAT_SECONDS`. Each beat reads and writes ``rapport.lock``
in the workspace folder: on a share that hangs (the file server gone, calls blocking for
tens of seconds) a beat on the GUI thread froze the window. A beat now runs on a daemon
thread of its own; the GUI thread waits for it at most
:data:`~desktop_app.bounded_read.WAIT_SECONDS` (a working disk answers within that, so
what the beat found is acted on at once), and a beat still blocked at the next tick says
so (:attr:`LockHeartbeat.silent`) instead of starting a second one.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app import bounded_read, gui_release

#: How long closing a workspace (or the window) waits for its lock to be given up.
RELEASE_WAIT_SECONDS = 2.0


class _Relay(QObject):
    beaten = Signal(object, object)  # the lock beaten, what refresh() returned


class LockHeartbeat(QTimer):
    """A timer that refreshes a :class:`~surveys.host_lock.HostLock` on a thread.

    ``taken(holder)``: another computer took the workspace over. ``silent(message)``: the
    previous beat has not come back by the next one (the share does not answer); an
    empty message once it has.
    """

    taken = Signal(object)
    silent = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock: Any = None
        self._beating: threading.Event | None = None  # set when the running beat is done
        self._said_silent = False
        self._relay = _Relay()  # no parent: a beat blocked past the window's end
        self._relay.beaten.connect(self._on_relay_beaten)
        self.timeout.connect(self._on_timeout)

    def start(self, lock: Any = None) -> None:  # type: ignore[override]
        """Beat ``lock`` every :data:`~surveys.host_lock.HEARTBEAT_SECONDS`."""
        from surveys.host_lock import HEARTBEAT_SECONDS

        if lock is not None:
            self.lock = lock
        super().start(HEARTBEAT_SECONDS * 1000)

    def stop(self) -> None:  # type: ignore[override]
        """Stop beating. A beat still blocked on the old lock's share is left to end into
        nothing: the next lock's beats do not wait for it, and its silence is not said."""
        super().stop()
        self.lock = None
        self._beating = None
        if self._said_silent:
            self._said_silent = False
            self.silent.emit("")

    def _on_timeout(self) -> None:
        lock = self.lock
        if lock is None:
            return
        if self._beating is not None and not self._beating.is_set():
            self._said_silent = True
            self.silent.emit(_silent_message(lock.folder))
            return
        done = self._beating = threading.Event()
        found: list[Any] = []

        def beat() -> None:
            try:
                found.append(lock.refresh())
            except Exception:  # noqa: BLE001 (a failed beat is retried at the next tick)
                found.append(None)
            done.set()
            self._relay.beaten.emit(lock, found[0])

        gui_release.start_thread(beat, "rapport-lock-beat")  # this timer let go on the GUI thread
        if done.wait(bounded_read.WAIT_SECONDS):
            self._handle(lock, found[0])

    def _on_relay_beaten(self, lock: Any, taken: Any) -> None:
        if self._said_silent and self._beating is not None and self._beating.is_set():
            self._said_silent = False
            self.silent.emit("")  # the folder answers again
        self._handle(lock, taken)

    def _handle(self, lock: Any, taken: Any) -> None:
        # Each beat ends here twice (at once and through the relay): act once, and only
        # for the lock still beaten.
        if taken is not None and lock is self.lock:
            self.taken.emit(taken)


def _silent_message(folder: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "LockHeartbeat",
        "The workspace's folder has not answered for a minute: its network drive may be "
        "disconnected (%1). Rapport keeps trying; wait for it to come back, or close "
        "the workspace.",
    ).replace("%1", str(folder))


def release_briefly(lock: Any, wait: float = RELEASE_WAIT_SECONDS) -> None:
    """Give up ``lock`` on a thread, waiting for it at most ``wait`` seconds: on a share that
    hangs, closing the workspace (or the window) does not freeze; the claim then goes
    stale by itself."""
    thread = threading.Thread(target=lock.release, name="rapport-lock-release", daemon=True)
    thread.start()
    thread.join(wait)
