"""Stage the rows of a response CSV in temporary tables, then write them in key order.

Submission ids in files from other tools are often random, so inserting rows in file
order touches random pages of the ``answers`` table and of its indexes: past the page
cache every row costs disk reads and spills. Rows are therefore appended to temporary
tables while the file is read (each with its line number), and written at the end with one
``INSERT ... SELECT ... ORDER BY`` per table, which SQLite sorts with bounded memory. When
the import is large compared with what the workspace holds, the non-unique indexes of
``answers`` are dropped first and rebuilt afterwards from their own stored SQL, so the
schema ends exactly as it was. A duplicate (submission, target, item) that reached the
staging tables is found by the primary key at that point and named by its line numbers.

The comments of closed waves may also be handed, as they are staged, to a
:class:`CommentsAhead` (the analysis' worker beside the import, ``analysis.import_ahead``),
which stores what it found once the comments have their ids. An open wave's comments are
never handed over: they are analysed once the wave is released.

Everything here runs inside the import's transaction on the caller's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from typing import Protocol

#: Rebuild the indexes of ``answers`` when at least this many answers are imported...
REBUILD_MIN_ROWS = 100_000
#: ...and they are at least this share of the rows the table will hold.
REBUILD_MIN_SHARE = 0.2
#: Rows staged by one INSERT statement: binding a row costs the import less in a statement
#: of many rows than in one of its own (the bench's 200,000 answers: 0.20 -> 0.15 s).
ROWS_PER_INSERT = 50
#: Duplicate rows named one by one; the rest are counted.
LISTED_DUPLICATES = 100

_TABLES = {
    "rapport_csv_submissions": "id TEXT, wave_id INTEGER, department_id INTEGER, day TEXT",
    "rapport_csv_answers": (
        "submission_id TEXT, wave_id INTEGER, from_id INTEGER, to_id INTEGER, item TEXT, "
        "value INTEGER, line INTEGER"
    ),
    "rapport_csv_comments": (
        "submission_id TEXT, wave_id INTEGER, from_id INTEGER, to_id INTEGER, text TEXT, "
        "line INTEGER"
    ),
}


class CommentsAhead(Protocol):
    """Work on the imported comments done beside the import, on another core.

    :meth:`add` gets the texts of the comments of closed waves as they are staged (it must
    not block); :meth:`store` is called inside the import's transaction once every
    comment is written, and keeps what is ready. Neither may raise for a reason of its
    own: the import goes on regardless.
    """

    def add(self, texts: list[str]) -> None: ...

    def store(self, conn: sqlite3.Connection) -> None: ...


class Staging:
    """Temporary tables that collect one import's rows until the file is known to be good.

    Parameters
    ----------
    conn : sqlite3.Connection
        The workspace connection, inside the import's transaction.
    source : str
        Written to ``submissions.source`` (``csv`` for the tidy CSV, ``import`` for other
        tools' exports).
    ahead : CommentsAhead, optional
        Gets the comments of closed waves as they are staged.
    """

    def __init__(
        self, conn: sqlite3.Connection, source: str = "csv", ahead: CommentsAhead | None = None
    ) -> None:
        self.conn = conn
        self.source = source
        self.ahead = ahead
        self._closed: dict[int, bool] = {}  # wave id -> whether the wave is closed
        self.answers = 0
        self.comments = 0
        self.more_duplicates = 0
        for name, columns in _TABLES.items():
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
            conn.execute(f"CREATE TEMP TABLE {name} ({columns})")

    def add(self, submissions: list[tuple], answers: list[tuple], comments: list[tuple]) -> None:
        """Append a batch; submissions are (id, wave, department, day); answers and
        comments end with their line number."""
        _append(self.conn, "rapport_csv_submissions", 4, submissions)
        _append(self.conn, "rapport_csv_answers", 7, answers)
        _append(self.conn, "rapport_csv_comments", 6, comments)
        self.answers += len(answers)
        self.comments += len(comments)
        if self.ahead is not None and comments:
            self.ahead.add([row[4] for row in comments if self._wave_closed(row[1])])

    def _wave_closed(self, wave_id: int) -> bool:
        """Whether the wave is closed (a historical wave; the import releases it): only
        such comments go to :attr:`ahead`. Read in the import's transaction, so the waves
        the import created are seen."""
        closed = self._closed.get(wave_id)
        if closed is None:
            row = self.conn.execute("SELECT status FROM waves WHERE id = ?", (wave_id,)).fetchone()
            closed = self._closed[wave_id] = row is not None and row[0] == "closed"
        return closed

    def drop(self) -> None:
        """Remove the temporary tables (after the import's transaction has ended)."""
        for name in _TABLES:
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")

    def write(self) -> list[tuple[int, str, int, str, int]]:
        """Write the staged rows into the workspace tables.

        Returns
        -------
        list of (line, submission_id, to_id, item, first_line)
            Rows that repeat an earlier (submission, target, item), more of them counted in
            :attr:`more_duplicates`; empty on success. When there are any, the caller must
            roll the import back.
        """
        self.conn.execute(
            "INSERT INTO submissions (id, wave_id, department_id, day, token, source) "
            "SELECT id, wave_id, department_id, day, NULL, ? "
            "FROM temp.rapport_csv_submissions ORDER BY id",
            (self.source,),
        )
        rebuild = self._indexes_to_rebuild()
        for name, _ in rebuild:
            self.conn.execute(f"DROP INDEX {_quote(name)}")
        duplicates = self._insert(
            "INSERT INTO answers (submission_id, wave_id, from_id, to_id, item, value) "
            "SELECT submission_id, wave_id, from_id, to_id, item, value "
            "FROM temp.rapport_csv_answers ORDER BY submission_id, to_id, item",
            "rapport_csv_answers",
            "item",
        )
        duplicates += self._insert(
            "INSERT INTO comments (submission_id, wave_id, from_id, to_id, text) "
            "SELECT submission_id, wave_id, from_id, to_id, text "
            "FROM temp.rapport_csv_comments ORDER BY line",
            "rapport_csv_comments",
            "'comment'",
        )
        for _, sql in rebuild:
            self.conn.execute(sql)
        if self.ahead is not None and not duplicates and self.comments:
            self.ahead.store(self.conn)  # last: the worker had all the time there was
        return duplicates

    def _insert(self, sql: str, staged: str, key: str) -> list[tuple]:
        self.conn.execute("SAVEPOINT rapport_csv_write")
        try:
            self.conn.execute(sql)
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO rapport_csv_write")
            return self._duplicates(staged, key)
        finally:
            self.conn.execute("RELEASE rapport_csv_write")
        return []

    def _duplicates(self, staged: str, key: str) -> list[tuple]:
        """The first staged rows that repeat the key of an earlier line, with that line.

        At most :data:`LISTED_DUPLICATES` rows are returned; the others are counted in
        :attr:`more_duplicates` (streamed, never held in memory).
        """
        cursor = self.conn.execute(
            f"""
            WITH s AS (SELECT line, submission_id, to_id, {key} AS item FROM temp.{staged}),
            d AS (
                SELECT submission_id, to_id, item, min(line) AS first FROM s
                GROUP BY submission_id, to_id, item HAVING count(*) > 1
            )
            SELECT s.line, s.submission_id, s.to_id, s.item, d.first
            FROM s JOIN d USING (submission_id, to_id, item)
            WHERE s.line > d.first ORDER BY s.line
            """
        )
        listed = cursor.fetchmany(LISTED_DUPLICATES)
        self.more_duplicates += sum(1 for _ in cursor)
        return listed

    def _indexes_to_rebuild(self) -> list[tuple[str, str]]:
        """Non-unique indexes of ``answers`` worth rebuilding rather than updating."""
        if self.answers < REBUILD_MIN_ROWS:
            return []
        (existing,) = self.conn.execute("SELECT count(*) FROM answers").fetchone()
        if self.answers < REBUILD_MIN_SHARE * (existing + self.answers):
            return []
        unique = {row[1] for row in self.conn.execute("PRAGMA index_list(answers)") if row[2]}
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = 'answers' AND sql IS NOT NULL ORDER BY name"
        ).fetchall()
        return [(name, sql) for name, sql in rows if name not in unique]


@contextmanager
def references_checked_here(conn: sqlite3.Connection) -> Iterator[None]:
    """Around an import's transaction: SQLite does not check its foreign keys again.

    Every reference an import writes is one it has just read or made in the same
    transaction: the departments and waves by name from their tables, each answer's and
    comment's submission staged with it (:class:`surveys.csv_checks.RowChecker`,
    :class:`surveys.importing.writer.ResponseWriter`). Checking them again cost the
    bench's 200,000 answers 0.11 s of the import's 1.05 s of CPU (four look-ups per answer).
    Enforcement is turned off only when ``conn`` is in no transaction (the pragma does
    nothing inside one) and had it on, and is turned back on afterwards, whatever happened.
    """
    (enforced,) = conn.execute("PRAGMA foreign_keys").fetchone()
    if conn.in_transaction or not enforced:
        yield
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _append(conn: sqlite3.Connection, table: str, width: int, rows: list[tuple]) -> None:
    """Append ``rows`` (each of ``width`` values) to the temporary table ``table``,
    :data:`ROWS_PER_INSERT` rows per statement."""
    step = ROWS_PER_INSERT
    whole = len(rows) - len(rows) % step
    if whole:
        values = (list(chain.from_iterable(rows[i : i + step])) for i in range(0, whole, step))
        conn.executemany(_insert_sql(table, width, step), values)
    if whole < len(rows):
        rest = rows[whole:]
        conn.execute(_insert_sql(table, width, len(rest)), list(chain.from_iterable(rest)))


@lru_cache(maxsize=32)
def _insert_sql(table: str, width: int, count: int) -> str:
    row = "(" + ", ".join("?" * width) + ")"
    return f"INSERT INTO temp.{table} VALUES " + ", ".join([row] * count)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
