"""The network view's keyboard: the arrow keys choose an edge's label (Home, End: the
first, the last), Enter or Space opens its pair, as a click does (a mixin of
:class:`~desktop_app.widgets.network.NetworkView`, which draws the ring round the label
chosen and says it in its accessible description)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent

from desktop_app.widgets.network_layout import drawn_pairs


class NetworkKeys:
    """Keys of the network view; the view has ``result``, ``current``, ``describe_edge``
    and ``pair_activated``."""

    def _keys(self) -> list[tuple[str, str]]:
        return [(p.from_dept, p.to_dept) for p in drawn_pairs(self.result)]

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        if self.current is None and self._keys():
            self._choose(0)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        self.update()
        super().focusOutEvent(event)

    def _choose(self, row: int) -> None:
        keys = self._keys()
        self.current = keys[row % len(keys)]
        self.setAccessibleDescription(self.describe_edge(*self.current))
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        keys = self._keys()
        row = keys.index(self.current) if self.current in keys else -1
        step = {Qt.Key_Right: 1, Qt.Key_Down: 1, Qt.Key_Left: -1, Qt.Key_Up: -1}
        if keys and event.key() in step:
            self._choose(max(row, 0) + step[event.key()] if row >= 0 else 0)
        elif keys and event.key() in (Qt.Key_Home, Qt.Key_End):
            self._choose(0 if event.key() == Qt.Key_Home else len(keys) - 1)
        elif event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space) and row >= 0:
            self.pair_activated.emit(*self.current)
        else:
            super().keyPressEvent(event)
