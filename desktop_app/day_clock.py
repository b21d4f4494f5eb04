"""The day the HR window counts overdue actions by: one for every section.

The Overview's overdue list was read with the day of its read, while the Actions list and
the pair page computed "N days overdue" with the day of each repaint: past midnight, with
the window left open, the Actions list said an action was overdue while the Overview did
not list it (and the other way round until the Overview was read again). Now
:class:`DayClock` holds the local day, every section asks it, and at local midnight it
moves to the next day and says so (:attr:`DayClock.changed`); the sections then show it
together.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

#: Checked at least this often, in milliseconds: a timer does not count the time a
#: laptop sleeps, so one set for midnight can wake hours late.
CHECK_MS = 10 * 60 * 1000


class DayClock(QObject):
    """Today's local date for the HR window, moving on at midnight."""

    #: The day changed (the new :class:`datetime.date`).
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._day = self.now().date()
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.check)
        self._arm()

    @staticmethod
    def now() -> datetime:
        """The local time (tests freeze it)."""
        return datetime.now()

    def today(self) -> date:
        """The day every section counts by."""
        return self._day

    def check(self) -> None:
        """Move to the day it is now, if it changed, and say so; then wait again."""
        day = self.now().date()
        if day != self._day:
            self._day = day
            self.changed.emit(day)
        self._arm()

    def _arm(self) -> None:
        now = self.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        wait = int((midnight - now).total_seconds() * 1000) + 1000  # a second past it
        self.timer.start(max(1000, min(wait, CHECK_MS)))
