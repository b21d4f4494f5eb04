"""Waves an import may not add responses to, and why (both imports: ``rapport import`` and
``rapport import-csv``, :mod:`surveys.importing.writer` and :mod:`surveys.csv_checks`).

- A wave whose figures were released: comparing the figures before and after would
  reveal the responses added.
- A wave published with participation tickets (a pulse that takes one answer per ticket):
  responses from a file carry no ticket, so a file made up of four answers beside one
  person's real answer would show that person's ratings (the attack tickets prevent at the
  shared inbox, docs/qa.md, "Eighth hostile round"). Monthly exports of other tools name
  their wave by month, as Rapport's pulses do, so such a file would land there unasked.
"""

from __future__ import annotations

import sqlite3

#: :func:`closed_to_imports` of a wave that takes tickets (never a date).
TICKETED = "tickets"


def closed_to_imports(conn: sqlite3.Connection, wave_id: int, released: str | None) -> str | None:
    """Why new responses may not be added to a stored wave: the day its figures were
    released, :data:`TICKETED`, or ``None`` (they may)."""
    if released:
        return released
    found = conn.execute("SELECT 1 FROM ticket_keys WHERE wave_id = ? LIMIT 1", (wave_id,))
    return TICKETED if found.fetchone() else None


def refusal(name: str, why: str, *, option: bool) -> str:
    """The problem said once per wave, at the first new response for it; ``option``: the
    import takes ``--wave`` (``rapport import``), else the file names the wave."""
    if why == TICKETED:
        return (
            f"wave {name} is a pulse published with participation tickets: each person "
            "answers it once, with a ticket, and responses from a file have none (beside a "
            "few real answers, made-up ones would reveal them). Import them as a wave of "
            f"their own ({_other(name, 'import', option)}), or leave them out"
        )
    return (
        f"wave {name} was closed and its figures released on {why}; new responses cannot "
        "be added to it, because comparing the figures before and after would reveal them. "
        f"Import them as a new wave ({_other(name, 'b', option)}), or leave them out"
    )


def _other(name: str, suffix: str, option: bool) -> str:
    return f"--wave {name}-{suffix}" if option else f"for example {name}-{suffix}"
