"""A section's own reads of the workspace, off the GUI thread.

The HR window's sections (Comments, Actions, Pulses, Settings) read the workspace when
they are shown and when its data changes. On a share that hangs (the file server gone:
calls block for tens of seconds) such a read on the GUI thread froze the window, and on a
big workspace the Comments section's filter took half a second of it at each keystroke.

:class:`SectionReads` runs each read through a
:class:`~desktop_app.bounded_read.BoundedRead` of its own kind (``what``): the GUI thread
waits for it a moment (:data:`~desktop_app.bounded_read.WAIT_SECONDS`, or less), a
working disk answers within that and the section is filled at once, as before; otherwise
the GUI thread goes on and the section is filled when the answer comes. A hidden section's
read is not waited for at all: it is filled when the answer comes (opening a workspace
waited for each hidden section in turn). Only the latest
read of each kind is applied: one superseded by another (another filter typed, another
workspace opened) is dropped, and so is one that answers once another workspace is open
(what it read belongs to the previous one: a dialog filled from it would save into this
one). A read still unanswered after ``say_after_ms`` makes :attr:`SectionReads.waiting`
say so, for the section to show in its own place, and the status bar says that the
workspace's folder is slow to answer
(``context.section_waits``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop_app import bounded_read
from desktop_app.bounded_read import BoundedRead

#: After this long without an answer a section says that it waits for the folder.
SAY_AFTER_MS = 300
#: The same for a read that takes up to a second on a big workspace (the Comments
#: section's filter, the pair page): only after this long is the folder said to be slow.
SAY_SLOW_MS = 3000


def waiting_text() -> str:
    """What a section says in its own place while its read waits for the folder."""
    return QCoreApplication.translate(
        "SectionReads",
        "Reading the workspace… its folder is slow to answer (a network drive?). This "
        "section shows what it finds once the folder answers; the rest of the window goes "
        "on working.",
    )


class SectionReads(QObject):
    """Reads of one section, each kind waited for only briefly on the GUI thread.

    ``waiting(text)``: a read has not answered for ``say_after_ms`` (``text`` says so), or
    every read has answered (``""``).
    """

    waiting = Signal(str)
    #: A late read of this kind (``what``) answered: applied, or dropped (another
    #: workspace is open now).
    answered = Signal(str)

    def __init__(
        self,
        context: Any,
        parent: QObject | None = None,
        *,
        wait_hidden: bool = False,
        brief: bool = False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        #: Wait for reads while the section is hidden too (a page filled just before it
        #: is shown: the pair page, so another pair's figures never flash under its heading)
        self.wait_hidden = wait_hidden
        #: Wait only :data:`~desktop_app.bounded_read.LIST_WAIT_SECONDS` (reads that take
        #: longer than the quick wait on a big workspace: the pair page's, 0.3–0.6 s there)
        self.brief = brief
        self._readers: dict[str, BoundedRead] = {}
        self._apply: dict[str, Callable[[Any], None]] = {}
        self._paths: dict[str, Any] = {}  # the workspace each kind's latest read was for
        self._said = False
        self._timer = QTimer(self, singleShot=True)
        if isinstance(parent, QWidget):
            parent.installEventFilter(self)  # shown: a read started hidden is waited for
        self._timer.timeout.connect(self._on_timer_timeout)

    def read(
        self,
        what: str,
        func: Callable[..., Any],
        *args: Any,
        apply: Callable[[Any], None],
        wait: float | None = None,
        say_after_ms: int = SAY_AFTER_MS,
        asked: bool = False,
    ) -> bool:
        """Run ``func(*args)`` off the GUI thread and ``apply(value)`` on it: now, if it
        answered within ``wait`` seconds (``True``), else once it does (``False``). A read
        of the same ``what`` that has not answered yet is superseded. A hidden section's
        read is not waited for, unless HR ``asked`` for it (a dialog it opens)."""
        reader = self._readers.get(what)
        if reader is None:
            reader = self._readers[what] = BoundedRead(self)
            reader.answered.connect(self._on_answered)
        self._apply[what] = apply
        self._paths[what] = self.context.path
        if wait is None and self.brief:
            wait = bounded_read.LIST_WAIT_SECONDS
        if wait is None and not asked and not self._shown():
            # Nobody looks at a hidden section: the GUI thread goes on at once and the
            # section is filled when the answer comes (opening a big workspace waited
            # 0.14 s for the hidden Settings section's read, for instance).
            wait = 0
        done, value = reader.read(what, func, *args, wait=wait)
        if done:
            self._settle()
            apply(value)
            return True
        if not self._timer.isActive() and not self._said:
            self._timer.start(say_after_ms)
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Once the section is shown, wait briefly for the reads it started while hidden,
        as for a shown section's own (what is typed then is never overwritten by them)."""
        if event.type() == QEvent.Type.Show and watched is self.parent():
            wait = bounded_read.LIST_WAIT_SECONDS if self.brief else None
            for what, reader in list(self._readers.items()):
                done, value = reader.take_late(wait)
                if done:
                    self._settle()
                    if self._paths.get(what) == self.context.path:
                        self._apply[what](value)
        return False

    def _shown(self) -> bool:
        """Whether the section these reads fill is on screen, or is waited for anyway
        (:attr:`wait_hidden`, or reads that fill no widget)."""
        owner = self.parent()
        return self.wait_hidden or not isinstance(owner, QWidget) or owner.isVisible()

    def pending(self, what: str | None = None) -> bool:
        """Whether a read (of ``what``, or of any kind) has not answered yet."""
        readers = [self._readers.get(what)] if what else list(self._readers.values())
        return any(r is not None and r.pending() is not None for r in readers)

    def forget(self) -> None:
        """Drop the answers of every read started so far (the workspace was closed)."""
        for reader in self._readers.values():
            reader.forget()
        self._settle()

    def _settle(self) -> None:
        """Stop saying that the section waits, once no read does."""
        if self.pending():
            return
        self._timer.stop()
        if self._said:
            self._said = False
            self.context.section_waits(self, False)
            self.waiting.emit("")

    def _on_timer_timeout(self) -> None:
        if self.pending() and self.context.path is not None:
            self._said = True
            self.context.section_waits(self, True)
            self.waiting.emit(waiting_text())

    def _on_answered(self, what: str, answer: Any) -> None:
        self._settle()
        self.answered.emit(what)  # before apply: what it does may wait again
        if self._paths.get(what) != self.context.path:
            return  # read in the previous workspace: nothing of it is shown in this one
        apply = self._apply.get(what)
        value = BoundedRead.late_value(answer)  # an error is said by the window's report
        if apply is not None:
            apply(value)
