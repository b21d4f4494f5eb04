"""Text CSV files (``docs/formats.md``): read a ``text`` column, write rows with added columns.

Shared by ``rapport sentiment``, ``rapport eval-sentiment`` and ``rapport themes``. Every
way a file can be unreadable becomes a :class:`~surveys.errors.RapportError` that names the
file (and the line where there is one) and says what to do; output is written through a
temporary file so a failure never leaves half a file behind. Headless, no Qt.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from surveys.errors import RapportError

__all__ = ["output_columns", "read_text_csv", "write_csv_atomically"]


def read_text_csv(
    path: str | Path, required: Sequence[str] = ("text",)
) -> tuple[list[str], list[dict[str, str]]]:
    """Read a UTF-8 CSV (a BOM is fine) that must have the ``required`` columns.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    required : sequence of str
        Column names that must be in the header (``text``, and ``label`` for evaluation).

    Returns
    -------
    header : list of str
        The column names in file order.
    rows : list of dict
        One dict per data row, column name to cell; missing cells are ``""``.

    Raises
    ------
    RapportError
        The file is missing, a folder, not UTF-8, not CSV, lacks a required column, or a row
        has more cells than the header (the message names the line).
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            _check_header(path, header, required)
            rows = []
            for row in reader:
                if None in row:
                    raise RapportError(
                        f"{path}, line {reader.line_num}: this row has more cells than the "
                        "header; quote texts that contain commas."
                    )
                rows.append({k: v or "" for k, v in row.items()})
    except FileNotFoundError:
        raise RapportError(f"{path}: no such file; check the path.") from None
    except IsADirectoryError:
        raise RapportError(f"{path}: is a folder; give the CSV file.") from None
    except UnicodeDecodeError:
        raise RapportError(
            f"{path}: is not UTF-8 text; save it as CSV UTF-8 and try again."
        ) from None
    except csv.Error as exc:
        raise RapportError(f"{path}: is not a readable CSV ({exc}).") from None
    return header, rows


_WHAT_TO_DO = {
    "text": "Name the column that holds the comments 'text' and try again.",
    "label": "Add a 'label' column (negative, neutral or positive) and try again.",
}


def _check_header(path: Path, header: list[str], required: Sequence[str]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        found = ", ".join(header) if header else "no header at all"
        names = " or ".join(repr(name) for name in missing)
        todo = " ".join(_WHAT_TO_DO.get(name, f"Add a {name!r} column.") for name in missing)
        raise RapportError(f"{path}, line 1: there is no {names} column (found: {found}). {todo}")


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


def check_output_csv(path: str | Path) -> Path:
    """Refuse an output path that is a folder, before any long work is done.

    Parameters
    ----------
    path : str or Path
        The CSV file a command will write.

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    RapportError
        When ``path`` is an existing folder.
    """
    path = Path(path)
    if path.is_dir():
        raise RapportError(
            f"{path} is a folder; give the name of the CSV file to write, "
            f"such as {path / 'comments.csv'}."
        )
    return path


def write_csv_atomically(
    path: str | Path, header: Sequence[str], rows: Iterable[dict[str, object]]
) -> None:
    """Write ``rows`` under ``header`` to ``path`` (UTF-8) through a temporary file.

    Parameters
    ----------
    path : str or Path
        The CSV to write; its folder is created if needed. An existing file is replaced
        only once the new one is complete.
    header : sequence of str
        Column names, in order.
    rows : iterable of dict
        Column name to value.
    """
    path = check_output_csv(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RapportError(
            f"Cannot create the folder {path.parent} for {path.name} ({exc.strerror}); "
            "choose a folder you can write to."
        ) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".csv", dir=path.parent)
    except OSError as exc:
        raise RapportError(
            f"Cannot write {path} ({exc.strerror}); choose a folder you can write to."
        ) from None
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(header))
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
