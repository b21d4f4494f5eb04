"""Import responses collected elsewhere from the tidy response CSV.

The format (``docs/csv-format.md``) has one row per answer::

    submission_id,wave,respondent_department,target_department,item,value
    s-001,2026-10,Sales,IT,timely,2
    s-001,2026-10,Sales,IT,comment,"Three weeks for a report change, again."

The whole file is checked and written in one transaction: if any row is wrong, the
problems are reported with their line numbers and nothing at all is imported. A submission
id that is already in the workspace is skipped, so importing the same file twice adds
nothing. The file is streamed: memory grows with the number of submissions (one small
entry each), never with the number of rows.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from surveys.csv_checks import RowChecker
from surveys.csv_source import HEADER, CsvSource, LineError, csv_error, header_errors
from surveys.csv_staging import CommentsAhead, references_checked_here
from surveys.errors import RapportError
from surveys.progress import Progress
from surveys.store import open_workspace, savepoint

#: At most this many problems are listed; the rest are counted.
MAX_REPORTED = 20
#: Rows validated between two writes to the database.
BATCH_ROWS = 10_000
#: The part of the progress bar for reading the file (the rest is for writing it).
READ_SHARE = 0.8
#: Seconds between two progress reports.
PROGRESS_INTERVAL = 0.1


@dataclass(frozen=True)
class ImportReport:
    """What one import did.

    Attributes
    ----------
    rows : int
        Data rows read (blank lines not counted).
    submissions_new, submissions_skipped : int
        Submissions added, and those skipped because their id was already in the workspace.
    answers, comments : int
        Rows written to the ``answers`` and ``comments`` tables.
    waves_created : int
        Waves that did not exist before (created with status ``closed``).
    """

    rows: int = 0
    submissions_new: int = 0
    submissions_skipped: int = 0
    answers: int = 0
    comments: int = 0
    waves_created: int = 0

    def summary(self) -> str:
        """The report in one or two readable sentences."""
        text = (
            f"{self.submissions_new:,} new submission{_s(self.submissions_new)}, "
            f"{self.submissions_skipped:,} already imported ({self.rows:,} row{_s(self.rows)} "
            f"read; {self.answers:,} answer{_s(self.answers)} and "
            f"{self.comments:,} comment{_s(self.comments)} added)."
        )
        if self.waves_created:
            text += f" {self.waves_created} new wave{_s(self.waves_created)} created."
        return text


def _s(count: int) -> str:
    return "" if count == 1 else "s"


class CsvImportError(RapportError):
    """The file cannot be imported; nothing was written.

    Attributes
    ----------
    path : Path
        The CSV file.
    errors : list of LineError
        The problems found, by line (at most :data:`MAX_REPORTED`).
    more : int
        How many further problems were found but not listed.
    """

    def __init__(
        self,
        path: str | Path,
        errors: list[LineError],
        more: int = 0,
        message: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.errors = sorted(errors, key=lambda e: e.line)
        self.more = more
        super().__init__(message or "\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Each problem as ``FILE:LINE: field: message``, then the closing sentence."""
        out = [error.format(self.path) for error in self.errors]
        if self.more:
            out.append(f"... and {self.more:,} more problem{_s(self.more)}.")
        out.append("Nothing was imported.")
        return out


def import_csv(
    db_or_folder: Database | str | Path,
    path: str | Path,
    progress: Progress | None = None,
    *,
    ahead: CommentsAhead | None = None,
) -> ImportReport:
    """Import a response CSV into a workspace, all or nothing.

    Parameters
    ----------
    db_or_folder : sqlite_utils.Database or path
        An open workspace (used on the calling thread, left open) or a workspace folder
        (opened and closed here, so the call may run on any thread).
    path : path
        The CSV file in the tidy format of :data:`surveys.csv_source.HEADER`.
    progress : callable, optional
        Called as ``progress(fraction_of_bytes_read, message)`` at most every
        :data:`PROGRESS_INTERVAL` seconds. It may raise (e.g. ``Cancelled``) to stop the
        import; everything is then rolled back and the exception propagates.
    ahead : CommentsAhead, optional
        Gets the comments of closed waves while the file is read, and stores what it
        found on them inside the import's transaction (``analysis.import_ahead``, which
        `rapport import-csv` passes: the next analysis has less left to do).

    Returns
    -------
    ImportReport
        The counts of what was added and skipped.

    Raises
    ------
    CsvImportError
        When the file cannot be read or any row is wrong; nothing was imported.
    WorkspaceError
        When ``db_or_folder`` is not a usable workspace.
    """
    path = Path(path)
    own = not isinstance(db_or_folder, Database)
    db = open_workspace(db_or_folder) if own else db_or_folder
    try:
        with _open_csv(path) as handle:
            return _Import(db, path, handle, progress, ahead).run()
    finally:
        if own:
            db.close()


def _open_csv(path: Path) -> BinaryIO:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller's with-block
    except FileNotFoundError:
        message = f"{path} does not exist; check the file name and folder."
    except IsADirectoryError:
        message = f"{path} is a folder; give the path of the CSV file inside it."
    except OSError as exc:
        message = f"{path} cannot be read ({exc.strerror}); check its permissions."
    else:
        problem = _not_text(path, handle)
        if problem is None:
            return handle
        handle.close()
        message = problem
    raise CsvImportError(path, [], message=message)


def _not_text(path: Path, handle: BinaryIO) -> str | None:
    """Why the file is no CSV at all (a workbook, binary data), rather than "the first
    line looks like data"; ``None`` for text, or an empty file (whose own message names the
    header to write)."""
    from surveys.importing.table import SNIFF_BYTES, ZIP_MARKS
    from surveys.read_options import codec_name, current, wide_codec, wide_mark

    given = current().encoding
    if given and wide_codec(codec_name(given)) is not None:
        return None  # UTF-16 named with --encoding: NUL bytes are its text
    start = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not start.strip():
        return None
    if start.startswith(ZIP_MARKS):
        return (
            f"{path} is a zipped file (an Excel workbook?), not a CSV file. Import a "
            f"workbook with `rapport import WORKSPACE {path}`, or save it as CSV UTF-8."
        )
    # More than a stray NUL in a value (reported on its line): binary data, or UTF-16.
    if start.count(b"\x00") > max(1, len(start) // 1000) and not wide_mark(start):
        return (
            f"{path} is not a text file: it holds binary data (NUL bytes). Save it as CSV "
            "UTF-8 and import that file (UTF-16 text without a byte-order mark: add "
            "--encoding utf-16-le)."
        )
    return None


class _Import:
    """One run of :func:`import_csv`: scan, validate and write inside one savepoint."""

    def __init__(
        self, db: Database, path: Path, handle: BinaryIO, progress, ahead: CommentsAhead | None
    ) -> None:
        self.conn = db.conn
        self.path = path
        self.source = CsvSource(handle)
        self.progress = progress
        self.errors: list[LineError] = []
        self.more = 0
        self.checker = RowChecker(self.conn, self._add_error, ahead=ahead)
        self._last_report = 0.0

    def run(self) -> ImportReport:
        try:
            with references_checked_here(self.conn), savepoint(self.conn, "rapport_csv_import"):
                self._report(0.0, force=True)
                self._scan()
                self._flush()
                self._settle_with_comment_exports()
                self._write()
                self._put_encoding_error_first()
                if self.errors:
                    raise CsvImportError(self.path, self.errors, self.more)
        finally:
            self.checker.staging.drop()
        self._report(1.0, force=True)
        checker = self.checker
        return ImportReport(
            rows=checker.rows,
            submissions_new=checker.new,
            submissions_skipped=checker.skipped,
            answers=checker.answers,
            comments=checker.comments,
            waves_created=checker.waves_created,
        )

    def _settle_with_comment_exports(self) -> None:
        """Comments a comment export of the same survey brought before are not added
        again; others for the same people are refused
        (:func:`surveys.importing.comment_people.settle_with_comment_exports`)."""
        from surveys.importing.comment_people import settle_with_comment_exports

        if self.errors:
            return
        dropped, problems = settle_with_comment_exports(self.conn)
        self.checker.staging.comments -= dropped
        for problem in problems:
            self._add_error(LineError(problem.line, "comment", problem.message))

    def _write(self) -> None:
        if self.errors or self.source.encoding_error:
            return
        self._report(READ_SHARE, force=True)
        self.checker.write()
        self.more += self.checker.extra_errors

    def _put_encoding_error_first(self) -> None:
        """A file that is not UTF-8 explains the other problems: list it whatever its line."""
        error = self.source.encoding_error
        if error is None:
            return
        self.errors.insert(0, error)
        if len(self.errors) > MAX_REPORTED:
            self.errors.pop()
            self.more += 1
        self.checker.stop_writing()

    def _add_error(self, error: LineError) -> None:
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(error)
        else:
            self.more += 1
        self.checker.stop_writing()

    def _scan(self) -> None:
        """Read every record, validate it, and stage it in batches while all is well."""
        reader = self.source.reader
        row = self.checker.row
        if not self._header(reader):
            return
        end = reader.line_num
        until_flush = BATCH_ROWS
        while True:
            try:
                for fields in reader:
                    row(end + 1, fields)
                    end = reader.line_num
                    until_flush -= 1
                    if not until_flush:
                        until_flush = BATCH_ROWS
                        self._flush()
                return
            except csv.Error as exc:
                self._add_error(csv_error(end + 1, exc))
                end = reader.line_num

    def _header(self, reader) -> bool:
        line = 2 if self.source.sep_line else 1
        try:
            if self.source.sep_line:
                next(reader)  # Excel's "sep=;" names the separator; it is no record
            fields = next(reader, None)
        except csv.Error as exc:
            self._add_error(csv_error(line, exc))
            return False
        problems = header_errors(fields, line)
        for problem in problems:
            self._add_error(problem)
        return not problems

    def _flush(self) -> None:
        self.checker.flush()
        self._report(READ_SHARE * self.source.fraction_read())

    def _report(self, fraction: float, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self.progress(fraction, f"Importing {self.path.name}")


__all__ = [
    "HEADER",
    "CsvImportError",
    "ImportReport",
    "LineError",
    "import_csv",
]
