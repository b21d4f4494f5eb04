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

from surveys.csv_staging import CommentsAhead, Staging
from surveys.import_waves import closed_to_imports, refusal
from surveys.importing.plan import Response
from surveys.importing.table import CellProblem

#: Response ids looked up in one query.
_CHUNK = 500


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
    ahead : CommentsAhead, optional
        Gets the comments of closed waves as they are staged (:class:`Staging`).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        report: Callable[[CellProblem], None],
        where_id: str,
        ahead: CommentsAhead | None = None,
        source: str = "import",
    ) -> None:
        self.conn = conn
        self.report = report
        self.where_id = where_id
        self.staging = Staging(conn, source, ahead)
        self.departments = dict(
            (name.casefold(), did) for did, name in conn.execute("SELECT id, name FROM departments")
        )
        self.waves: dict[str, int] = {}
        #: Wave id -> the day its figures were released (None: not released).
        self.released: dict[int, str | None] = {}
        self.waves_created = self.new = self.skipped = 0
        self.skipped_self = self.skipped_not_answers = self.unfinished = 0
        self._pending: list[Response] = []
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

    def add(self, response: Response) -> None:
        """Queue one converted response (without problems); :meth:`flush` stages it."""
        self._pending.append(response)

    def _known(self, responses: list[Response]) -> dict[str, tuple]:
        """The responses of a batch already in the workspace: one query per 500 ids."""
        known: dict[str, tuple] = {}
        ids = [r.submission_id for r in responses]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT s.id, w.name, d.name, s.wave_id, s.department_id FROM submissions s "
                "JOIN waves w ON w.id = s.wave_id JOIN departments d ON d.id = s.department_id "
                f"WHERE s.id IN ({marks})",
                chunk,
            )
            known.update((row[0], row[1:]) for row in rows)
        return known

    def _stage(self, response: Response, stored: tuple | None) -> None:
        wave_id = self.waves.get(response.wave) or self._wave(response.wave)
        from_id = self.departments[response.department.casefold()]
        if stored is not None:
            if tuple(stored[2:]) == (wave_id, from_id):
                self.skipped += 1
            else:
                self.report(CellProblem(response.line, self.where_id, _moved(stored, response)))
            return
        if self.released.get(wave_id):
            self._released_wave(response, wave_id)
            return
        self.new += 1
        self.skipped_self += response.skipped_self
        self.skipped_not_answers += response.skipped_not_answers
        self.unfinished += response.unfinished
        if not self.writing:
            return
        sid, line, departments = response.submission_id, response.line, self.departments
        self._submissions.append((sid, wave_id, from_id, response.day))
        for _column, target, item, value in response.answers:
            to_id = departments[target.casefold()]
            if item == "comment":
                self._comments.append((sid, wave_id, from_id, to_id, value, line))
            else:
                self._answers.append((sid, wave_id, from_id, to_id, item, value, line))

    def _released_wave(self, response: Response, wave_id: int) -> None:
        """A new response for a wave whose figures were released: refused, once per wave
        (the database's release triggers would refuse it with no row or way out)."""
        if self.released[wave_id] == "reported":
            return
        why = self.released[wave_id]
        self.report(CellProblem(response.line, "wave", refusal(response.wave, why, option=True)))
        self.released[wave_id] = "reported"

    def _wave(self, name: str) -> int:
        row = self.conn.execute("SELECT id, released FROM waves WHERE name = ?", (name,)).fetchone()
        if row:
            wave_id = row[0]
            self.released[wave_id] = closed_to_imports(self.conn, wave_id, row[1])
        else:
            cursor = self.conn.execute(
                "INSERT INTO waves (name, status) VALUES (?, 'closed')", (name,)
            )
            wave_id = cursor.lastrowid
            self.waves_created += 1
        self.waves[name] = wave_id
        return wave_id

    def flush(self) -> None:
        """Check the queued responses against the workspace and stage the new ones."""
        pending, self._pending = self._pending, []
        known = self._known(pending) if pending else {}
        for response in pending:
            self._stage(response, known.get(response.submission_id))
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
