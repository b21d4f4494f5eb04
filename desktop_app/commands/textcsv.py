"""Text CSV files (``docs/formats.md``): read a ``text`` column, write rows with added columns.

Shared by ``rapport sentiment``, ``rapport eval-sentiment`` and ``rapport themes``. Every
way a file can be unreadable becomes a :class:`~surveys.errors.RapportError` that names the
file (and the line where there is one) and says what to do; output is written through a
temporary file so a failure never leaves half a file behind. Headless, no Qt.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from surveys.errors import RapportError
from surveys.importing.problems import listed_columns
from surveys.importing.table import open_table

__all__ = ["TextRows", "output_columns", "read_text_csv", "write_csv_atomically"]


class TextRows(NamedTuple):
    """A text table as read: its header, one dict per data row, each row's line."""

    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def read_text_csv(
    path: str | Path,
    required: Sequence[str] = ("text",),
    flags: Mapping[str, str] | None = None,
) -> TextRows:
    """Read a CSV, TSV or XLSX file that must have the ``required`` columns.

    The file is read as ``rapport import`` reads exports (:func:`surveys.importing.table.
    open_table`): CSV in UTF-8 with or without a byte-order mark or in Windows-1252 (Excel's
    plain "CSV" on Windows), separated by commas, semicolons or tabs; TSV (UTF-16 too); the
    first visible worksheet of an ``.xlsx`` workbook.

    Parameters
    ----------
    path : str or Path
        The file.
    required : sequence of str
        Column names that must be in the header (``text``, and ``label`` for evaluation,
        or the names given with ``--column`` / ``--label-column``).
    flags : mapping of str to str, optional
        The option that names each required column (``{"text": "--column"}``): a message
        about a missing column says to use it, with the likeliest column as an example.

    Returns
    -------
    TextRows
        The column names in file order, one dict per data row (column name to cell;
        missing cells are ``""``) and the line (CSV/TSV) or row (XLSX) each starts on.

    Raises
    ------
    RapportError
        The file is missing, a folder, not a text table, neither UTF-8 nor Windows-1252
        text (or a mix of both), lacks a required column, or a row has more cells than the
        header (the message names the line).
    """
    path = Path(path)
    if path.is_file() and path.stat().st_size == 0:
        raise RapportError(
            f"{path}, line 1: the file is empty (found: no header at all). Add a header row "
            "that names a column of texts, then the texts."
        )
    with open_table(path) as table:  # its TableError is a RapportError that names the file
        cells = list(table.rows())
        problems = list(table.problems)
    if problems:
        first = problems[0]
        raise RapportError(f"{path}, line {first.line}: {first.message}")
    header = cells[0][1] if cells else []
    body = cells[1:]
    _check_header(path, header, required, flags or {}, body)
    rows, lines = [], []
    for line, fields in body:
        if len(fields) > len(header) and any(f.strip() for f in fields[len(header) :]):
            raise RapportError(
                f"{path}, line {line}: this row has more cells than the header; quote texts "
                "that contain the separator."
            )
        fields = fields[: len(header)] + [""] * (len(header) - len(fields))
        rows.append(dict(zip(header, fields, strict=True)))
        lines.append(line)
    return TextRows(header, rows, lines)


def _check_header(
    path: Path,
    header: list[str],
    required: Sequence[str],
    flags: Mapping[str, str],
    body: list[tuple[int, list[str]]],
) -> None:
    missing = [name for name in required if name not in header]
    if not missing:
        return
    found = listed_columns(header) if header else "no header at all"
    names = " or ".join(repr(name) for name in missing)
    todo = " ".join(_what_to_do(name, flags.get(name), header, body) for name in missing)
    raise RapportError(f"{path}, line 1: there is no {names} column (found: {found}). {todo}")


def _what_to_do(
    name: str, flag: str | None, header: list[str], body: list[tuple[int, list[str]]]
) -> str:
    if flag is None:
        return _WHAT_TO_DO.get(name, f"Add a {name!r} column.")
    what = "the comments" if flag == "--column" else "the labels (negative, neutral, positive)"
    example = _likeliest_text_column(header, body) if flag == "--column" else None
    hint = f", for example {flag} {_shell_word(example)}" if example else ""
    return f"Say which column holds {what} with {flag} NAME{hint}."


def _likeliest_text_column(header: list[str], body: list[tuple[int, list[str]]]) -> str | None:
    """The column whose first 200 cells are longest on average (comments are long)."""
    if not header:
        return None
    totals = [0] * len(header)
    for _, fields in body[:200]:
        for i, cell in enumerate(fields[: len(header)]):
            totals[i] += len(cell)
    best = max(range(len(header)), key=lambda i: totals[i])
    return header[best] if totals[best] else None


def _shell_word(name: str) -> str:
    return name if name.replace("_", "").replace("-", "").isalnum() else repr(name)


_WHAT_TO_DO = {
    "text": "Name the column that holds the comments 'text' and try again.",
    "label": "Add a 'label' column (negative, neutral or positive) and try again.",
}


def output_columns(header: Sequence[str], added: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """Return the output header and the renaming of input columns that clash with ``added``.

    Parameters
    ----------
    header : sequence of str
        The input columns.
    added : iterable of str
        The columns the command appends (e.g. ``sentiment``, ``label``).

    Returns
    -------
    columns : list of str
        Input columns (renamed where needed) followed by the added ones.
    renamed : dict of str to str
        Input name to output name for the clashing columns: ``label`` becomes
        ``label_given`` (``label_given2``... if that is taken too).
    """
    added = list(added)
    taken = set(header) | set(added)
    renamed: dict[str, str] = {}
    for name in header:
        if name in added:
            new, n = f"{name}_given", 2
            while new in taken:
                new, n = f"{name}_given{n}", n + 1
            renamed[name] = new
            taken.add(new)
    return [renamed.get(h, h) for h in header] + added, renamed


def check_output_csv(path: str | Path, source: Path | None = None) -> Path:
    """Refuse an output path that is a folder, the file read, in a folder that does not
    exist or cannot be written, before any long work (as `rapport export` refuses them: a
    mistyped folder is never created).

    Parameters
    ----------
    path : str or Path
        The CSV file a command will write.
    source : Path, optional
        The file the command reads: writing over it would lose it as it was (its encoding,
        its other sheets, its own column names).

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    RapportError
        When ``path`` is ``"-"`` (standard output, which these commands do not write), an
        existing folder or ``source`` itself, or its folder is missing or read-only.
    """
    from analysis.export.files import check_writable

    if isinstance(path, str) and path == "-":  # `analyze --json -` is standard output
        raise RapportError(
            "--out -: this command writes a CSV file, not to standard output; give a file "
            "name ending in .csv (./- for a file named -)."
        )
    path = Path(path)
    if source is not None and _same_file(path, source):
        raise RapportError(
            f"--out {path} is the file being read; give another name, such as "
            f"{path.with_name(path.stem + '-out.csv')}, so that it stays as it is."
        )
    if path.is_dir():
        raise RapportError(
            f"{path} is a folder; give the name of the CSV file to write, "
            f"such as {path / 'comments.csv'}."
        )
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise RapportError(f"{folder} is a file, not a folder; give a path in a folder.")
    if not folder.is_dir():
        raise RapportError(
            f"{folder} does not exist; create the folder first or choose another one."
        )
    check_writable(folder)
    return path


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def spreadsheet_safe(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet reads as a formula: text that could start
    one gets a ``'`` (:func:`analysis.export.safety.neutralise_csv`); a number, or text
    that is one (``-0.4213``, ``-3``), stays as it is.

    The texts these commands write back come from the file they read, which may be a
    workbook: a text cell ``=HYPERLINK(...)`` is text in Excel, but bare in a CSV it is a
    formula.
    """
    from analysis.export.safety import neutralise_csv

    if isinstance(value, str) and _NUMBER.match(value):
        return value
    return neutralise_csv(value)


#: A number written as text (a score, a count), which a spreadsheet reads as a number.
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")


def write_csv_atomically(
    path: str | Path,
    header: Sequence[str],
    rows: Iterable[dict[str, object]],
    like: Path | None = None,
) -> None:
    """Write ``rows`` under ``header`` to ``path`` (UTF-8) through a temporary file.

    Parameters
    ----------
    path : str or Path
        The CSV to write, in a folder that exists (:func:`check_output_csv`). An existing
        file is replaced only once the new one is complete.
    header : sequence of str
        Column names, in order.
    rows : iterable of dict
        Column name to value; text is written :func:`spreadsheet_safe`.
    like : Path, optional
        The file the rows were read from: the CSV is readable by no one who could not read
        it (a private file of comments scored stays private).
    """
    from analysis.export.files import atomic_file

    path = check_output_csv(path)
    # The usual permissions of a new file (umask), as exports get, not mkstemp's 0600; a
    # file Excel holds open is named so.
    with atomic_file(path) as temp, temp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header))
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
        if like is not None:
            _no_wider_than(temp, like)


def _no_wider_than(path: Path, source: Path) -> None:
    """Take from ``path`` the group's and others' access that ``source`` does not give (on
    Windows, where the bits mean nothing but read-only, the folder's permissions decide)."""
    import stat

    if os.name == "nt":
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        os.chmod(path, mode & ~(0o077 & ~stat.S_IMODE(source.stat().st_mode)))
    except OSError:  # a share that keeps no modes: as any new file there
        return
