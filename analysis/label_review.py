"""HR's label work in bulk: the review queue, importing and exporting corrections.

What ``rapport labels suggest | import | export`` and the Comments panel's "Review next"
build on. Everything passes the privacy gate of :mod:`analysis.comments_query`: only
comments of groups HR may see, as stored redactions, are suggested or may be corrected.

- :func:`unlabelled_count`: comments not yet analysed with today's model (no confidence)
  or redacted with today's name list and departments;
- :func:`review_queue`: the uncorrected comments whose labels are least certain (lowest
  ``comments.confidence`` first; ties broken by a scrambled id, so the order is fixed but
  never the order of answering);
- :func:`read_corrections` and :func:`import_corrections`: a CSV of ``comment_id,label``
  rows is checked as a whole (every bad row is reported with its line) before any is
  applied, in one transaction; an empty label removes a correction;
- :func:`export_corrections`: HR's corrections as ``comment_id,label`` rows.

The ``comment_id`` of every file is a comment token (:mod:`analysis.comment_tokens`), never
the workspace's comment id: row numbers would let whoever labels the file group one
person's comments. An import still takes the plain comment numbers that files written
before the tokens carried (they reveal nothing the file did not already hold).

Functions take an open ``sqlite_utils.Database`` owned by the calling thread; no Qt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.comment_tokens import is_token, tokens_of
from analysis.comments_query import CommentFilter, CommentRow, fetch_rows, select_groups
from analysis.privacy import shown_waves_sql
from analysis.sentiment.comment_labels import correct_label
from analysis.sentiment.labels import LABELS
from surveys.errors import RapportError

#: Columns of a corrections file (extra columns, such as ``text``, are ignored).
CORRECTION_COLUMNS = ("comment_id", "label")
#: Bad rows listed in one error message before "and N more".
MAX_REPORTED = 20


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file: a comment and HR's label (``None`` removes it).

    ``ref`` is the comment as the file names it: a token (``c`` and 16 hex digits, lower
    case) or, in a file written before the tokens, a comment number.
    """

    line: int
    ref: str
    label: str | None


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed."""

    set: int
    removed: int
    unchanged: int


def review_queue(db, count: int) -> list[CommentRow]:
    """Return up to ``count`` uncorrected comments HR may see, least certain label first.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open, analysed workspace.
    count : int
        How many to return.

    Returns
    -------
    list of CommentRow
        Redacted comments with their label and its confidence.
    """
    flt = CommentFilter()
    selection = select_groups(db, flt)
    rows = fetch_rows(db, flt, selection, 0, max(count, 0), sort="review")
    return [row for row in rows if not row.corrected]


def unlabelled_count(db) -> int:
    """How many comments of closed waves have no label confidence yet (not analysed with
    today's model), or were redacted before the name list or the departments changed
    (a roster import adds one): no screen or file shows those until the next analysis.
    An open wave's comments are analysed once it is released."""
    from analysis.privacy import redacted_with_sql
    from analysis.privacy_settings import redaction_departments, redaction_names

    current, stamp = redacted_with_sql(
        "analysed_with", redaction_names(db), redaction_departments(db)
    )
    return db.execute(
        f"SELECT COUNT(*) FROM comments WHERE (analysed_with IS NULL OR NOT ({current}) OR "
        f"(confidence IS NULL AND label_corrected IS NULL)) AND {shown_waves_sql('wave_id')}",
        [stamp],
    ).fetchone()[0]


def visible_comment_ids(db) -> set[int]:
    """The ids of every comment HR may see (allowed groups, current redaction)."""
    flt = CommentFilter()
    selection = select_groups(db, flt)
    rows = fetch_rows(db, flt, selection, 0, max(selection.total, 1), sort="wave")
    return {row.id for row in rows}


def read_corrections(path: str | Path) -> list[Correction]:
    """Read a corrections CSV (``comment_id,label``; UTF-8, a BOM is fine).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    list of Correction

    Raises
    ------
    RapportError
        The file cannot be read, lacks a column, or has bad rows: every bad row is named
        with its line (up to :data:`MAX_REPORTED`).
    """
    path = Path(path)
    corrections, problems = _checked_rows(path)
    _raise_problems(path, problems)
    return corrections


def _checked_rows(path: Path) -> tuple[list[Correction], list[tuple[int, str]]]:
    """The file's corrections and its bad rows; a file that cannot be read is raised."""
    try:
        with _open_text(path) as handle:
            reader = csv.DictReader(_bounded(path, handle.readline))
            missing = [c for c in CORRECTION_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise RapportError(
                    f"{path}, line 1: there is no {' or '.join(map(repr, missing))} column; "
                    "the file needs the columns comment_id,label."
                )
            rows = [(reader.line_num, _needed(row)) for row in reader]
    except FileNotFoundError:
        raise RapportError(f"{path}: no such file; check the path.") from None
    except IsADirectoryError:
        raise RapportError(f"{path}: is a folder; give the CSV file.") from None
    except UnicodeDecodeError:
        raise RapportError(_undecodable(path)) from None
    except csv.Error as exc:
        raise RapportError(f"{path}: is not a readable CSV ({exc}).") from None
    return _parse_rows(rows)


def _undecodable(path: Path) -> str:
    from surveys.read_options import current

    given = current().encoding
    if given:
        return (
            f"{path}: cannot be read as {given} (--encoding); name the encoding it was saved "
            "in, or save it as CSV UTF-8."
        )
    return (
        f"{path}: is neither UTF-8 nor Windows-1252 text (or mixes them); save it as CSV "
        "UTF-8, or name its encoding with --encoding."
    )


def _open_text(path: Path) -> io.TextIOWrapper:
    """The file as text: in the encoding given with ``--encoding``
    (:func:`surveys.read_options.reading_as`); else UTF-8, UTF-16 or UTF-32 by a byte-order
    mark (Excel's "Unicode Text" is UTF-16), or Windows-1252 as Excel on Windows saves a
    plain "CSV" (the suggestion file, opened there to fill in the labels, comes back so)."""
    from surveys.read_options import codec_name, current, wide_mark
    from surveys.text_encoding import UTF8, codec_of, guess_encoding

    raw = path.open("rb")
    try:
        given = current().encoding
        head = raw.read(4)
        raw.seek(0)
        if given:
            codec = codec_name(given)
            codec = "utf-8-sig" if codec == "utf-8" else codec
        elif wide_mark(head):
            codec = wide_mark(head)[0]
        elif head.startswith(b"\xef\xbb\xbf"):
            codec = "utf-8-sig"
        else:
            guess = guess_encoding(raw)
            raw.seek(0)
            codec = "utf-8-sig" if guess.encoding == UTF8 else codec_of(guess)
        return io.TextIOWrapper(raw, encoding=codec, newline="")
    except BaseException:
        raw.close()
        raise


def _bounded(path: Path, readline) -> Iterator[str]:
    """The file's lines; a line too long to be a correction is refused, never read whole."""
    from surveys.importing.limits import bounded_lines

    for number, line in enumerate(bounded_lines(readline), start=1):
        if line is None:
            raise RapportError(
                f"{path}, line {number}: the line is longer than 16 MiB, so this is not a "
                "corrections file; give the CSV that `rapport labels suggest` wrote."
            )
        yield line


def _needed(row: dict) -> dict:
    """Only the columns a correction uses (the file may carry each comment's text)."""
    return {column: row.get(column) for column in CORRECTION_COLUMNS}


def _parse_rows(rows) -> tuple[list[Correction], list[tuple[int, str]]]:
    corrections, problems, seen = [], [], {}
    for line, row in rows:
        ref = (row.get("comment_id") or "").strip().lower()
        label = (row.get("label") or "").strip().lower()
        if not (is_token(ref) or _is_number(ref)):
            problems.append(
                (
                    line,
                    f"comment_id {_shown(row.get('comment_id'))} is not a comment id from "
                    "`rapport labels suggest` or `export` (c and 16 hex digits)",
                )
            )
            continue
        if label and label not in LABELS:
            problems.append(
                (
                    line,
                    f"label {_shown(row.get('label'))} is not one of {', '.join(LABELS)} "
                    "(leave it empty to remove a correction)",
                )
            )
            continue
        ref = str(int(ref)) if _is_number(ref) else ref
        if ref in seen:
            problems.append((line, f"comment {ref} is also on line {seen[ref]}"))
            continue
        seen[ref] = line
        corrections.append(Correction(line, ref, label or None))
    return corrections, problems


def _shown(value: str | None) -> str:
    """A cell as an error message quotes it: at most 40 characters."""
    text = value or ""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _is_number(ref: str) -> bool:
    """A comment number of a file written before the tokens: ASCII digits, at most 19 (an
    id SQLite can hold; ``"²"`` is a digit to Python but no number)."""
    return ref.isascii() and ref.isdigit() and len(ref) <= 19


def _raise_problems(path: Path, problems: list[tuple[int, str]]) -> None:
    if not problems:
        return
    shown = [f"line {line}: {text}" for line, text in sorted(problems)[:MAX_REPORTED]]
    more = len(problems) - len(shown)
    tail = f"\n  … and {more} more" if more else ""
    rows = "1 row" if len(problems) == 1 else f"{len(problems)} rows"
    them = "it" if len(problems) == 1 else "them"
    raise RapportError(
        f"{path}: {rows} cannot be used; nothing was changed. Fix {them} and import "
        "again:\n  " + "\n  ".join(shown) + tail
    )


def import_corrections(db, path: str | Path) -> ImportSummary:
    """Apply a corrections CSV to the workspace, all rows or none.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open, analysed workspace.
    path : str or Path
        The CSV (:func:`read_corrections`).

    Returns
    -------
    ImportSummary

    Raises
    ------
    RapportError
        A bad row, or a comment that does not exist or that HR may not see (each named
        with its line); nothing is changed then.
    """
    path = Path(path)
    corrections, problems = _checked_rows(path)
    resolved = _resolve(db, corrections, problems)
    _raise_problems(path, problems)
    current = dict(db.execute("SELECT id, label_corrected FROM comments").fetchall())
    changed = [(cid, c.label) for cid, c in resolved if current.get(cid) != c.label]
    with db.atomic():
        for comment_id, label in changed:
            correct_label(db, comment_id, label)
    removed = sum(1 for _, label in changed if label is None)
    return ImportSummary(len(changed) - removed, removed, len(corrections) - len(changed))


def _resolve(
    db, corrections: list[Correction], problems: list[tuple[int, str]]
) -> list[tuple[int, Correction]]:
    """Each correction's comment id; a row that names no comment HR may see (or the same
    comment as another row, once by token and once by number) is added to ``problems``."""
    visible = visible_comment_ids(db)
    by_ref = {token: cid for cid, token in tokens_of(db, visible).items()}
    by_ref.update((str(cid), cid) for cid in visible)
    resolved, seen, hidden = [], {}, []
    for c in corrections:
        cid = by_ref.get(c.ref)
        if cid is None:
            hidden.append(c)
        elif cid in seen:
            problems.append(
                (
                    c.line,
                    f"names the comment of line {seen[cid]} again (by its number once and "
                    "by its token once)",
                )
            )
        else:
            seen[cid] = c.line
            resolved.append((cid, c))
    hint = "take comment ids from `rapport labels suggest`"
    if hidden and unlabelled_count(db):  # a roster or name list changed since the analysis
        hint = (
            "comments are hidden until the analysis has caught up with a changed roster "
            "or name list: run `rapport analyze` first"
        )
    problems += [
        (c.line, f"comment {c.ref} is not a comment HR may see in this workspace ({hint})")
        for c in hidden
    ]
    return resolved


def export_corrections(db) -> list[dict[str, object]]:
    """Return HR's corrections as ``comment_id,label`` rows (comment tokens, in token order,
    which is no order of answering)."""
    rows = db.execute(
        "SELECT id, label_corrected FROM comments WHERE label_corrected IS NOT NULL"
    ).fetchall()
    tokens = tokens_of(db, [cid for cid, _ in rows])
    out = [{"comment_id": tokens[cid], "label": label} for cid, label in rows]
    return sorted(out, key=lambda row: str(row["comment_id"]))
