"""Reminders before a pulse closes, decided on the respondent's own computer.

HR sets, per wave, when people who have not answered are reminded (:class:`ReminderPlan`:
by default a nudge 3 days after the wave opens and one the day before it closes). The plan
travels in the published file. The respondent's tray app decides on its own computer
whether a reminder is due (:func:`due_notice`): it knows whether *this* person answered
(:func:`surveys.outbox.answered_waves`), and it keeps which notices it already showed in
``user_data_dir()/reminders.json``. Nothing is sent or written anywhere else, so nobody
learns who answered or who was reminded.

Notices, each shown at most once per wave: :data:`OPENED` (the pulse was first seen),
:data:`NUDGE` (``after_opening_days`` after it opened), :data:`CLOSING`
(``before_closing_days`` before it closes, or later while it is still open). A "Remind me
later" is kept here too (:func:`snooze`), so it holds across a restart.

Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from surveys.paths import user_data_dir

STATE_FILE = "reminders.json"
OPENED, NUDGE, CLOSING = "opened", "nudge", "closing"
#: Reminder days HR may choose (0 = no such reminder).
MAX_DAYS = 60


@dataclass(frozen=True)
class ReminderPlan:
    """When a wave reminds people who have not answered (0 days = no such reminder)."""

    after_opening_days: int = 3
    before_closing_days: int = 1

    def to_dict(self) -> dict:
        """The published form, e.g. ``{"after_opening_days": 3, "before_closing_days": 1}``."""
        return {
            "after_opening_days": self.after_opening_days,
            "before_closing_days": self.before_closing_days,
        }

    @classmethod
    def from_dict(cls, data: object) -> ReminderPlan:
        """Read the published form; anything missing or malformed takes the default."""
        default = cls()
        if not isinstance(data, dict):
            return default
        values = {}
        for name in ("after_opening_days", "before_closing_days"):
            raw = data.get(name, getattr(default, name))
            ok = isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_DAYS
            values[name] = raw if ok else getattr(default, name)
        return cls(**values)

    def describe(self) -> str:
        """The plan in words, for HR's screens and the CLI."""
        parts = []
        if self.after_opening_days:
            parts.append(f"{self.after_opening_days} days after it opens")
        if self.before_closing_days:
            days = self.before_closing_days
            parts.append(
                "the day before it closes" if days == 1 else f"{days} days before it closes"
            )
        return " and ".join(parts) if parts else "no reminders"


def check_plan(after_opening_days: int, before_closing_days: int) -> ReminderPlan:
    """A :class:`ReminderPlan` from HR's input; raises ``ValueError`` naming the field."""
    for name, value in (
        ("--remind-after", after_opening_days),
        ("--remind-before", before_closing_days),
    ):
        if not 0 <= value <= MAX_DAYS:
            raise ValueError(f"{name}: {value} is not between 0 (no reminder) and {MAX_DAYS} days")
    return ReminderPlan(after_opening_days, before_closing_days)


def due_notice(
    plan: ReminderPlan,
    opens: str | None,
    closes: str | None,
    today: date,
    shown: set[str],
) -> str | None:
    """The notice to show now for an unanswered open wave, or ``None``.

    Parameters
    ----------
    plan : ReminderPlan
        The wave's reminder days.
    opens, closes : str or None
        The wave's first and last day (``YYYY-MM-DD``).
    today : date
        The respondent's today.
    shown : set of str
        Notices already shown for this wave on this computer.

    Returns
    -------
    str or None
        :data:`OPENED`, :data:`NUDGE` or :data:`CLOSING`. When both reminders are due (the
        app was not running in between), only the closing one is shown.
    """
    if OPENED not in shown:
        return OPENED
    last = _day(closes)
    if last is not None and today > last:
        return None
    closing_day = None
    if plan.before_closing_days and last is not None:
        closing_day = last - timedelta(days=plan.before_closing_days)
        if today >= closing_day and CLOSING not in shown:
            return CLOSING
    first = _day(opens)
    if plan.after_opening_days and first is not None and not shown & {NUDGE, CLOSING}:
        nudge_day = first + timedelta(days=plan.after_opening_days)
        if today >= nudge_day and (closing_day is None or today < closing_day):
            return NUDGE
    return None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# -- what this computer already showed ---------------------------------------------------


def _load() -> dict:
    try:
        data = json.loads((user_data_dir() / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict) -> None:
    from surveys.transport import atomic_write

    text = json.dumps(data, indent=1, sort_keys=True).encode("utf-8")
    atomic_write(user_data_dir() / STATE_FILE, text, mode=0o600)


def _entry(data: dict, wave: str) -> dict:
    entry = data.get(wave)
    return entry if isinstance(entry, dict) else {}


def shown_notices(wave: str) -> set[str]:
    """The notices already shown for ``wave`` on this computer."""
    shown = _entry(_load(), wave).get("shown", [])
    return {str(kind) for kind in shown} if isinstance(shown, list) else set()


def mark_shown(wave: str, kind: str) -> None:
    """Remember that notice ``kind`` was shown for ``wave``."""
    data = _load()
    entry = _entry(data, wave)
    entry["shown"] = sorted(shown_notices(wave) | {kind})
    data[wave] = entry
    _save(data)


def snooze(wave: str, until: datetime) -> None:
    """Remember "Remind me later" for ``wave`` until ``until`` (local time)."""
    data = _load()
    entry = _entry(data, wave)
    entry["snoozed_until"] = until.isoformat(timespec="minutes")
    data[wave] = entry
    _save(data)


def snoozed_until(wave: str) -> datetime | None:
    """When the snooze of ``wave`` ends, or ``None`` when it is not snoozed."""
    raw = _entry(_load(), wave).get("snoozed_until")
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def clear_snooze(wave: str) -> None:
    """Forget the snooze of ``wave`` (it has ended, or the wave was answered)."""
    data = _load()
    entry = _entry(data, wave)
    if entry.pop("snoozed_until", None) is not None:
        data[wave] = entry
        _save(data)
