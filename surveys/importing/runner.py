"""Import a file of responses from any supported tool, all or nothing.

:func:`import_file` reads the file, detects its layout, checks the mapping against the file
and the workspace, converts every row (:class:`surveys.importing.plan.Plan`) and hands the
answers to the same checks and the same staged writing as the tidy response CSV
(:class:`surveys.csv_checks.RowChecker`), inside one savepoint. If anything is wrong, every
problem (up to :data:`MAX_REPORTED`, then a count) is reported with its file, row and
column, and nothing is written. A response already imported (same keyed id) is skipped, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from surveys.csv_checks import RowChecker
from surveys.csv_source import LineError
from surveys.csv_staging import CommentsAhead, references_checked_here
from surveys.importing.import_report import FileImportReport
from surveys.importing.layouts import Layout, detect_layout
from surveys.importing.mapping import Mapping, MappingProblem
from surveys.importing.plan import Plan
from surveys.importing.problems import ImportProblems
from surveys.importing.resolve import make_plan
from surveys.importing.response_keys import ResponseKeys, workspace_secret
from surveys.importing.row_status import with_totals
from surveys.importing.table import CellProblem, open_table, read_head
from surveys.importing.writer import ResponseWriter
from surveys.progress import Progress
from surveys.store import open_workspace, savepoint

#: At most this many problems are listed; the rest are counted.
MAX_REPORTED = 20
#: Responses converted between two writes to the staging tables.
BATCH_ROWS = 2_000
#: The part of the progress bar for reading the file (the rest is for writing it).
READ_SHARE = 0.8
#: Seconds between two progress reports.
PROGRESS_INTERVAL = 0.1


def detect_file(path: str | Path) -> Layout:
    """The layout of a file (reads only its first rows)."""
    _, head = read_head(path)
    return detect_layout(head, path)


def import_file(
    db_or_folder: Database | str | Path,
    path: str | Path,
    mapping: Mapping | None = None,
    *,
    wave: str | None = None,
    progress: Progress | None = None,
    ahead: CommentsAhead | None = None,
) -> FileImportReport:
    """Import a tidy or wide file of responses into a workspace, all or nothing.

    Parameters
    ----------
    db_or_folder : sqlite_utils.Database or path
        An open workspace (used on the calling thread) or a workspace folder (opened and
        closed here, so the call may run on a worker thread).
    path : path
        A ``.csv``, ``.tsv`` or ``.xlsx`` file in any layout of
        :data:`surveys.importing.layouts.LAYOUTS`.
    mapping : Mapping, optional
        Required for wide files unless every line of the suggested mapping is certain
        (:func:`surveys.importing.suggest.suggest_mapping`); ignored for tidy files.
    wave : str, optional
        The wave of every response (overrides the mapping's wave).
    progress : callable, optional
        ``progress(fraction, message)``; it may raise (e.g. ``Cancelled``) to stop: the
        import is then rolled back and the exception propagates.
    ahead : CommentsAhead, optional
        Gets the comments of closed waves while the file is read (as in
        :func:`surveys.csv_import.import_csv`).

    Returns
    -------
    FileImportReport

    Raises
    ------
    ImportProblems
        When anything in the file or mapping is wrong (nothing was written).
    TableError, WorkspaceError, MappingError
        When the file, workspace or mapping cannot be read at all.
    """
    path = Path(path)
    layout = detect_file(path)
    own = not isinstance(db_or_folder, Database)
    db = open_workspace(db_or_folder) if own else db_or_folder
    try:
        departments = [
            row[0]
            for row in db.execute("SELECT name FROM departments ORDER BY position, id").fetchall()
        ]
        if layout.name == "tidy":
            if wave:
                raise ImportProblems(
                    [],
                    footer=(
                        f"{path} is a Rapport response CSV, which names its waves; import it "
                        "without --wave."
                    ),
                )
            return _Run(db, path, layout, None, progress, ahead).run()
        if layout.name == "comments":
            plan = _comment_plan(path, layout, mapping, departments, wave)
            from surveys.importing.comment_people import KnownComments

            plan.known = KnownComments(db.conn)
            return _Run(db, path, layout, plan, progress, ahead).run()
        if mapping is None:
            from surveys.importing.suggest import confident_mapping

            hint = None if isinstance(db_or_folder, Database) else db_or_folder
            mapping = confident_mapping(path, departments, wave=wave, workspace=hint)
        plan = make_plan(layout, mapping.with_wave(wave), departments, path)
        if plan.problems:
            listed = plan.problems[:MAX_REPORTED]
            raise ImportProblems(listed, len(plan.problems) - len(listed))
        return _Run(db, path, layout, plan, progress, ahead).run()
    finally:
        if own:
            db.close()


def _comment_plan(path: Path, layout: Layout, mapping, departments: list[str], wave):
    """The plan of a comment export, or :class:`ImportProblems` for what it lacks."""
    from surveys.importing.comment_dates import date_samples
    from surveys.importing.comment_exports import comment_plan

    if mapping is not None:
        raise ImportProblems(
            [],
            footer=(
                f"{path} is a comment export (one comment per row), which needs no "
                "mapping; import it without --mapping."
            ),
        )
    plan = comment_plan(layout, departments, path, wave, date_samples(path, layout))
    if plan.problems:
        raise ImportProblems(
            plan.problems[:MAX_REPORTED], max(len(plan.problems) - MAX_REPORTED, 0)
        )
    return plan


class _Run:
    """One import inside one savepoint: read, convert, check, stage, write.

    A tidy file goes row by row through the tidy import's :class:`RowChecker`; a wide
    file's responses are converted by the plan and staged by a :class:`ResponseWriter`.
    Both end in the same staging tables and the same ordered writes.
    """

    def __init__(
        self,
        db: Database,
        path: Path,
        layout: Layout,
        plan: Plan | None,
        progress,
        ahead: CommentsAhead | None = None,
    ):
        self.conn = db.conn
        self.ahead = ahead
        self.path = path
        self.layout = layout
        self.plan = plan
        self.progress = progress
        self.problems: list[tuple[str, object]] = []
        self.more = 0
        self.total_lines: list[int] = []  # the totals rows skipped, named in the summary
        self.column = None
        self.counts = {
            "responses": 0,
            "empty": 0,
            "preview": 0,
            "spam": 0,
            "total": 0,
            "no_department": 0,
            "unattached": 0,
            "own_department": 0,
            "already_there": 0,
            "comments_known": 0,
        }
        self._last_report = 0.0

    def run(self) -> FileImportReport:
        if self.plan is None:
            self.sink = RowChecker(self.conn, self._checker_error, ahead=self.ahead)
        else:
            where = self.plan.response_id.where() if self.plan.response_id else "row"
            source = "comments" if self.layout.name == "comments" else "import"
            self.sink = ResponseWriter(self.conn, self._writer_error, where, self.ahead, source)
        try:
            with references_checked_here(self.conn), savepoint(self.conn, "rapport_file_import"):
                self._report(0.0, force=True)
                if self.plan is not None:
                    self.plan.keys = ResponseKeys(workspace_secret(self.conn))
                self._scan()
                for problem in self._after_scan():
                    self._add(str(self.path), problem)
                if not self.problems:
                    self._report(READ_SHARE, force=True)
                    self._write()
                if self.problems:
                    raise ImportProblems(self.problems, self.more)
        finally:
            self.sink.staging.drop()
        self._report(1.0, force=True)
        return self._report_counts()

    def _after_scan(self) -> list[CellProblem]:
        """Problems known once every row was read: a comment export's own; a responses
        file's comments that a comment export of the same survey brought before (those are
        not added again; others for the same people are refused)."""
        if self.layout.name == "comments":
            return self.plan.after_scan(self.counts["responses"])
        from surveys.importing.comment_people import settle_with_comment_exports

        dropped, problems = settle_with_comment_exports(self.conn)
        self.sink.staging.comments -= dropped
        self.counts["comments_known"] = dropped
        return problems

    def _write(self) -> None:
        if self.plan is None:
            self.sink.write()
            self.more += self.sink.extra_errors
            return
        for line, *_ in self.sink.write():  # only a bug could stage one response twice
            self._writer_error(CellProblem(line, "row", "this answer was staged twice"))

    def _report_counts(self) -> FileImportReport:
        sink, counts = self.sink, self.counts
        dropped = tuple(column.key for column, _ in self.plan.dropped) if self.plan else ()
        return FileImportReport(
            layout=self.layout.name,
            responses=counts["responses"] if self.plan else sink.rows,
            submissions_new=sink.new,
            submissions_skipped=sink.skipped + counts["already_there"],
            answers=sink.staging.answers,
            comments=sink.staging.comments,
            waves_created=sink.waves_created,
            empty_responses=counts["empty"],
            skipped_self=getattr(sink, "skipped_self", 0) + counts["own_department"],
            skipped_not_answers=getattr(sink, "skipped_not_answers", 0),
            skipped_previews=counts["preview"],
            skipped_spam=counts["spam"],
            skipped_totals=counts["total"],
            total_lines=tuple(self.total_lines[:5]),
            unfinished=getattr(sink, "unfinished", 0),
            no_department=counts["no_department"],
            dropped=dropped,
            unattached=tuple(getattr(self.plan, "unattached", {}).items()),
            comments_known=counts["comments_known"],
        )

    # ------------------------------------------------------------- reading
    def _scan(self) -> None:
        with open_table(self.path) as table:
            rows = table.rows()
            for _ in range(self.layout.header_rows):
                if next(rows, None) is None:
                    break
            until_flush = BATCH_ROWS
            marked = _unmarked(rows) if self.plan is None else with_totals(rows)
            for line, cells, total in marked:
                if self.plan is None:
                    self.sink.row(line, cells)
                else:
                    self._response(line, cells, total)
                until_flush -= 1
                if not until_flush:
                    until_flush = BATCH_ROWS
                    self.sink.flush()
                    self._report(READ_SHARE * table.fraction_read())
            self.sink.flush()
            for problem in table.problems:
                self._add(str(self.path), problem, first=True)

    def _response(self, line: int, cells: list[str], total: bool) -> None:
        if not any(cells):  # a CSV row of empty cells (rows Excel saw as used): no response,
            return  # as a workbook, which leaves such rows out
        response = self.plan.convert(line, cells, total)
        if response.excluded:
            self.counts[response.excluded] += 1
            if response.excluded == "total":
                self.total_lines.append(line)
            return
        if response.empty:
            self.counts["no_department" if response.no_department else "empty"] += 1
            return
        self.counts["responses"] += 1
        for problem in response.problems:
            self._add(str(self.path), problem)
        if not response.problems and response.answers:
            self.sink.add(response)

    # ------------------------------------------------------------ problems
    def _checker_error(self, error: LineError) -> None:
        self._add(str(self.path), CellProblem(error.line, error.field, error.message))

    def _writer_error(self, problem: CellProblem) -> None:
        self._add(str(self.path), problem)

    def _add(self, source: str, problem: CellProblem | MappingProblem, first: bool = False) -> None:
        if len(self.problems) < MAX_REPORTED:
            if first:
                self.problems.insert(0, (source, problem))
            else:
                self.problems.append((source, problem))
        else:
            self.more += 1
        self.sink.stop_writing()

    def _report(self, fraction: float, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self.progress(fraction, f"Importing {self.path.name}")


def _unmarked(rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str], bool]]:
    """A Rapport CSV's rows, none a totals row (its own checks read every row)."""
    for line, cells in rows:
        yield line, cells, False
