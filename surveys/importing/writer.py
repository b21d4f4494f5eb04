"""Write converted responses through the tidy import's staging tables.

A wide file's answers are already checked column by column when the mapping is resolved
(the target is a workspace department, the item exists, every scale value is in the item's
range) and cell by cell when a row is converted (:meth:`surveys.importing.plan.Plan.convert`:
the department, the date, the answer words, self-ratings, repeated responses). What is left
per response is what the tidy import's :class:`surveys.csv_checks.RowChecker` does per
submission: find or create the wave, skip a response already in the workspace (same keyed
id, same wave and department) and refuse one whose id is there with another wave or
department. Rows then go to the same :class:`surveys.csv_staging.Staging` tables, written
in key order at the end of the transaction, as the tidy import writes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from surveys.csv_staging import Staging
from surveys.importing.plan import Response
from surveys.importing.table import CellProblem


class ResponseWriter:
    """Stage the answers of converted responses; count what is new and what is known.

    Parameters
    ----------
    conn : sqlite3.Connection
        The workspace connection, inside the import's transaction.
    report : callable
        Called with a :class:`CellProblem` for a response that cannot be written.
    where_id : str
        How problems name the response id's column.
    """

    def __init__(
        self, conn: sqlite3.Connection, report: Callable[[CellProblem], None], where_id: str
    ) -> None:
        self.conn = conn
        self.report = report
        self.where_id = where_id
        self.staging = Staging(conn, "import")
        self.departments = dict(
            (name.casefold(), did) for did, name in conn.execute("SELECT id, name FROM departments")
        )
        self.waves: dict[str, int] = {}
        self.waves_created = self.new = self.skipped = 0
        self.writing = True
        self._clear()

    def _clear(self) -> None:
        self._submissions: list[tuple] = []
        self._answers: list[tuple] = []
        self._comments: list[tuple] = []

    def stop_writing(self) -> None:
        """The file is bad: stage nothing more."""
        self.writing = False
        self._clear()

    def add(self, response: Response) -> bool:
        """Stage one converted response (without problems); ``False`` if it is known."""
        wave_id = self.waves.get(response.wave) or self._wave(response.wave)
        from_id = self.departments[response.department.casefold()]
        sid = response.submission_id
        stored = self.conn.execute(
            "SELECT w.name, d.name, s.wave_id, s.department_id FROM submissions s "
            "JOIN waves w ON w.id = s.wave_id JOIN departments d ON d.id = s.department_id "
            "WHERE s.id = ?",
            (sid,),
        ).fetchone()
        if stored is not None:
            if tuple(stored[2:]) == (wave_id, from_id):
                self.skipped += 1
            else:
                self.report(CellProblem(response.line, self.where_id, _moved(stored, response)))
            return False
        self.new += 1
        if not self.writing:
            return True
        self._submissions.append((sid, wave_id, from_id, response.day))
        line = response.line
        for answer in response.answers:
            to_id = self.departments[answer.target.casefold()]
            if answer.item == "comment":
                self._comments.append((sid, wave_id, from_id, to_id, answer.value, line))
            else:
                self._answers.append(
                    (sid, wave_id, from_id, to_id, answer.item, answer.value, line)
                )
        return True

    def _wave(self, name: str) -> int:
        row = self.conn.execute("SELECT id FROM waves WHERE name = ?", (name,)).fetchone()
        if row:
            wave_id = row[0]
        else:
            cursor = self.conn.execute(
                "INSERT INTO waves (name, status) VALUES (?, 'closed')", (name,)
            )
            wave_id = cursor.lastrowid
            self.waves_created += 1
        self.waves[name] = wave_id
        return wave_id

    def flush(self) -> None:
        """Move the batch built so far into the staging tables."""
        if self.writing:
            self.staging.add(self._submissions, self._answers, self._comments)
        self._clear()

    def write(self) -> list[tuple]:
        """Write everything staged; return duplicate rows the primary key caught (if any)."""
        return self.staging.write()


def _moved(stored: tuple, response: Response) -> str:
    return (
        f"this response was imported before as wave {stored[0]} from {stored[1]}, but this "
        f"file now says wave {response.wave} from {response.department}. Check the mapping's "
        "wave and department against the earlier import"
    )
