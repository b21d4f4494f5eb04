"""Check the rows of a response CSV one by one and write them in batches.

:class:`RowChecker` keeps only small state: the workspace's departments and waves, one
entry per submission id seen (its wave, department and first line), the answers of the
current submission, caches of the spellings already resolved, and the rows of the batch
being built; batches go to :class:`surveys.csv_staging.Staging`. Duplicates inside one run
of rows of a submission are found here; a duplicate that comes back after other
submissions is found by the primary key when the staged rows are written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from surveys.csv_source import HEADER, LineError
from surveys.csv_staging import CommentsAhead, Staging
from surveys.import_waves import closed_to_imports, refusal
from surveys.model import ITEMS
from surveys.validation import MAX_COMMENT, comment_problem, wave_name_problem
from surveys.waves import release_closed_waves

#: Caches of resolved spellings stop growing at this size (a hostile file cannot bloat them).
_CACHE_LIMIT = 512
#: What to do about each comment problem of :func:`surveys.validation.comment_problem`.
COMMENT_ADVICE = {
    "the comment is empty": "the comment is empty; write the comment or remove the row.",
    f"the comment is longer than {MAX_COMMENT:,} characters": (
        f"the comment is longer than {MAX_COMMENT:,} characters, the most a respondent can "
        "send; shorten it."
    ),
    "the comment contains a control character (such as NUL)": (
        "the comment contains a control character (such as NUL); remove it. Tabs and line "
        "breaks are fine."
    ),
}


class _Submission:
    """What the file said about one submission id when it was first seen."""

    __slots__ = ("id", "wave_id", "from_id", "new", "line")

    def __init__(self, sid: str, wave_id: int, from_id: int, new: bool, line: int) -> None:
        self.id = sid
        self.wave_id = wave_id
        self.from_id = from_id
        self.new = new
        self.line = line


class RowChecker:
    """Validate rows of the tidy response CSV and stage the valid ones in batches.

    Parameters
    ----------
    conn : sqlite3.Connection
        The workspace connection, inside the import's transaction.
    report_error : callable
        Called with a :class:`LineError` for every problem; it must call
        :meth:`stop_writing` (once a file is known to be bad nothing more is written).
    source : str
        Written to ``submissions.source``.
    ahead : CommentsAhead, optional
        Gets the comments of closed waves as they are staged (:class:`Staging`).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        report_error: Callable[[LineError], None],
        source: str = "csv",
        ahead: CommentsAhead | None = None,
    ):
        self.conn = conn
        self.error = report_error
        #: The day (``YYYY-MM-DD``) stored with the next new submission; the tidy CSV has
        #: none, an import of another tool's export sets it before each response.
        self.day: str | None = None
        self.writing = True
        self.rows = self.answers = self.comments = 0
        self.new = self.skipped = self.waves_created = 0
        rows = conn.execute("SELECT id, name FROM departments ORDER BY position, id").fetchall()
        self.dept_names = dict(rows)
        self.dept_by_lower = {name.lower(): did for did, name in rows}
        self.depts: dict[str, int] = {}
        self.items: dict[str, str] = {}
        self.parsed: dict[str, dict[str, int]] = {
            i: {} for i, it in ITEMS.items() if not it.is_text
        }
        self.waves: dict[str, int] = {}
        self.wave_names: dict[int, str] = {}
        self.released: dict[int, str | None] = {}  # wave id -> the day it was released
        self.answered_waves: set[int] = set()  # waves this import adds submissions to
        self.submissions: dict[str, _Submission] = {}
        self.key: tuple[str, str, str] | None = None
        self.current: _Submission | None = None
        self.seen: dict[tuple[int, str], int] = {}
        self.extra_errors = 0
        #: Whether ``submissions`` was empty when the first id was looked up (a first
        #: import): nothing writes to it before the staged rows are written, and the import's
        #: transaction sees it as it was, so no id can be stored and none is looked up.
        self._none_stored: bool | None = None
        self.staging = Staging(conn, source, ahead)
        self._clear()

    # ----------------------------------------------------------------- rows
    def row(self, line: int, fields: list[str]) -> None:
        """Check one record starting on physical ``line`` and queue it for writing."""
        if len(fields) != 6:
            if fields:  # a blank line is no record
                self._column_count(line, fields)
            return
        sid, wave, respondent, target, item, value = fields
        self.rows += 1
        if (sid, wave, respondent) != self.key:
            self._enter(line, sid, wave, respondent)
        to_id = self.depts.get(target) or self._department(line, "target_department", target)
        item_id = self.items.get(item) or self._item(line, item)
        parsed = self._value(line, item_id, value) if item_id else None
        sub = self.current
        if sub is None or to_id is None or parsed is None:
            return
        if to_id == sub.from_id:
            self._self_rating(line, to_id)
            return
        first = self.seen.setdefault((to_id, item_id), line)
        if first != line:
            self._duplicate(line, sub.id, to_id, item_id, first)
        elif sub.new and self.writing:
            if item_id == "comment":
                self._comments.append((sub.id, sub.wave_id, sub.from_id, to_id, parsed, line))
            else:
                self._answers.append(
                    (sub.id, sub.wave_id, sub.from_id, to_id, item_id, parsed, line)
                )

    def _enter(self, line: int, sid: str, wave: str, respondent: str) -> None:
        """A row of another submission (or of the same one with another wave/department)."""
        if self.key is None or sid != self.key[0]:
            self.seen = {}
        self.key = (sid, wave, respondent)
        self.current = None
        key = sid.strip()
        if not key:
            self.error(LineError(line, "submission_id", "is empty; give every response an id."))
        wave_id = self._wave(line, wave)
        from_id = self.depts.get(respondent) or self._department(
            line, "respondent_department", respondent
        )
        if not key or wave_id is None or from_id is None:
            return
        sub = self.submissions.get(key)
        if sub is None:
            sub = self._first_sight(line, key, wave_id, from_id)
        elif (sub.wave_id, sub.from_id) != (wave_id, from_id):
            self._disagree(line, sub, wave_id)
            return
        self.current = sub

    def _first_sight(self, line: int, key: str, wave_id: int, from_id: int) -> _Submission | None:
        if self._none_stored is None:  # in the import's transaction, like every look-up
            found = self.conn.execute("SELECT 1 FROM submissions LIMIT 1").fetchone()
            self._none_stored = found is None
        stored = None
        if not self._none_stored:
            stored = self.conn.execute(
                "SELECT wave_id, department_id FROM submissions WHERE id = ?", (key,)
            ).fetchone()
        sub = _Submission(key, wave_id, from_id, stored is None, line)
        self.submissions[key] = sub
        if stored is None and self.released.get(wave_id):
            self._released_wave(line, wave_id)
        elif stored is None:
            self.new += 1
            self.answered_waves.add(wave_id)
            if self.writing:
                self._submissions.append((key, wave_id, from_id, self.day))
        elif tuple(stored) == (wave_id, from_id):
            self.skipped += 1
        else:
            self.error(
                LineError(
                    line,
                    "submission_id",
                    f"{key} is already in the workspace as wave {self.wave_names_of(stored[0])} "
                    f"from {self.dept_names[stored[1]]}, but this row says wave "
                    f"{self.wave_names[wave_id]} from {self.dept_names[from_id]}. Submission "
                    "ids must be unique: give this response another id.",
                )
            )
        return sub

    # ------------------------------------------------------------ look-ups
    def _department(self, line: int, column: str, raw: str) -> int | None:
        did = self.dept_by_lower.get(raw.strip().lower())
        if did is None:
            known = ", ".join(self.dept_names.values())
            what = repr(raw.strip()) if raw.strip() else "empty"
            self.error(
                LineError(
                    line,
                    column,
                    f"unknown department {what}. The workspace has: {known}. "
                    "Fix the name, or add the department to the workspace first.",
                )
            )
        elif len(self.depts) < _CACHE_LIMIT:
            self.depts[raw] = did
        return did

    def _item(self, line: int, raw: str) -> str | None:
        item_id = raw.strip().lower()
        if item_id not in ITEMS:
            what = repr(raw.strip()) if raw.strip() else "empty"
            self.error(
                LineError(
                    line,
                    "item",
                    f"unknown item {what}. Valid items are: {', '.join(ITEMS)}.",
                )
            )
            return None
        if len(self.items) < _CACHE_LIMIT:
            self.items[raw] = item_id
        return item_id

    def _value(self, line: int, item_id: str, raw: str) -> int | str | None:
        cache = self.parsed.get(item_id)
        if cache is not None:
            number = cache.get(raw)
            if number is not None:
                return number
        else:
            problem = comment_problem(raw)
            if problem is None:
                return raw.strip()  # stored as written: neutralising formulas is for exports
            if "\x00" not in raw:
                self.error(LineError(line, "value", COMMENT_ADVICE.get(problem, problem)))
                return None
        item = ITEMS[item_id]
        if "\x00" in raw:
            self.error(
                LineError(line, "value", "contains a NUL byte: this is not a plain text CSV file.")
            )
            return None
        if not raw.strip():
            self.error(
                LineError(
                    line,
                    "value",
                    f"is empty; {item_id} needs {item.allowed()}. "
                    "Remove the row if the question was not answered.",
                )
            )
            return None
        try:
            number = int(item.parse(raw))
        except ValueError as exc:
            self.error(LineError(line, "value", f"{exc} (item {item_id}). Fix the value."))
            return None
        if len(cache) < _CACHE_LIMIT:
            cache[raw] = number
        return number

    def _wave(self, line: int, raw: str) -> int | None:
        name = raw.strip()
        wave_id = self.waves.get(name)
        if wave_id is not None:
            return wave_id
        if not name:
            self.error(LineError(line, "wave", "is empty; give the wave's name, e.g. 2026-10."))
            return None
        if wave_name_problem(name):
            self.error(
                LineError(
                    line,
                    "wave",
                    f"{name[:40]!r} is {wave_name_problem(name)}; wave names are the same "
                    "everywhere in Rapport, e.g. 2026-10. Rename the wave in the file.",
                )
            )
            return None
        stored = self.conn.execute(
            "SELECT id, released FROM waves WHERE name = ?", (name,)
        ).fetchone()
        if stored:
            wave_id = stored[0]
            self.released[wave_id] = closed_to_imports(self.conn, wave_id, stored[1])
        else:
            cursor = self.conn.execute(
                "INSERT INTO waves (name, status) VALUES (?, 'closed')", (name,)
            )
            wave_id = cursor.lastrowid
            self.waves_created += 1
        self.waves[name] = wave_id
        self.wave_names[wave_id] = name
        return wave_id

    def wave_names_of(self, wave_id: int) -> str:
        """The name of a wave of the workspace (known or not to this import)."""
        if wave_id not in self.wave_names:
            row = self.conn.execute("SELECT name FROM waves WHERE id = ?", (wave_id,)).fetchone()
            self.wave_names[wave_id] = row[0] if row else f"#{wave_id}"
        return self.wave_names[wave_id]

    # -------------------------------------------------------------- problems
    def _column_count(self, line: int, fields: list[str]) -> None:
        self.error(
            LineError(
                line,
                "row",
                f"expected {len(HEADER)} values ({','.join(HEADER)}), found {len(fields)}. "
                "Put values that contain commas in double quotes.",
            )
        )

    def _released_wave(self, line: int, wave_id: int) -> None:
        """A new response for a released wave: refused, once per wave."""
        if self.released.get(wave_id) == "reported":
            return
        name = self.wave_names_of(wave_id)
        self.error(
            LineError(line, "wave", refusal(name, self.released[wave_id], option=False) + ".")
        )
        self.released[wave_id] = "reported"

    def _self_rating(self, line: int, to_id: int) -> None:
        name = self.dept_names[to_id]
        self.error(
            LineError(
                line,
                "target_department",
                f"{name} rates itself (respondent_department is {name} too); Rapport measures "
                "relationships between departments. Remove the row or fix the department.",
            )
        )

    def _duplicate(self, line: int, sid: str, to_id: int, item_id: str, first: int) -> None:
        where = f" (first on line {first})"
        self.error(
            LineError(
                line,
                "item",
                f"submission {sid} answers {item_id} about {self.dept_names[to_id]} a second "
                f"time{where}. Keep one row per submission, target department and item.",
            )
        )

    def _disagree(self, line: int, sub: _Submission, wave_id: int) -> None:
        column = "wave" if wave_id != sub.wave_id else "respondent_department"
        self.error(
            LineError(
                line,
                column,
                f"submission {sub.id} is wave {self.wave_names[sub.wave_id]} from "
                f"{self.dept_names[sub.from_id]} on line {sub.line}, but this row differs. "
                "Every row of a submission must have the same wave and respondent_department.",
            )
        )

    # --------------------------------------------------------------- writing
    def stop_writing(self) -> None:
        """The file is bad: stage nothing more and drop the batch being built."""
        self.writing = False
        self._clear()

    def _clear(self) -> None:
        self._submissions: list[tuple] = []
        self._answers: list[tuple] = []
        self._comments: list[tuple] = []

    def flush(self) -> None:
        """Stage the batch built so far and start a new one."""
        if self.writing:
            self.staging.add(self._submissions, self._answers, self._comments)
        self._clear()

    def write(self) -> None:
        """Write everything staged into the workspace; report duplicates found on the way.

        The closed (historical) waves the import added answers to are released afterwards:
        their figures may be shown, and later imports cannot add to them.
        """
        for line, sid, to_id, item_id, first in self.staging.write():
            self._duplicate(line, sid, to_id, item_id, first)
        release_closed_waves(self.conn, sorted(self.answered_waves))
        self.extra_errors = self.staging.more_duplicates
        self.answers = self.staging.answers
        self.comments = self.staging.comments
