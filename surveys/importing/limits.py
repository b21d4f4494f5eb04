"""Limits on what is read from a file HR imports, so that no file can exhaust memory.

A file from another tool (or from a colleague) can be built to be small on disk and huge
when read: one CSV line of gigabytes without a line break, or an XLSX workbook (a ZIP
archive) whose parts unpack to gigabytes. Readers check these limits first and say what
is wrong instead of running out of memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import AnyStr

#: The longest physical line of a CSV/TSV file that is read (characters, or bytes of UTF-8);
#: a longer one is skipped with a problem, never held in memory whole.
MAX_LINE = 16 * 1024 * 1024


def bounded_lines(
    readline: Callable[[int], AnyStr], limit: int = MAX_LINE
) -> Iterator[AnyStr | None]:
    """The lines ``readline`` gives, with ``None`` in place of a line longer than ``limit``.

    A longer line is read in pieces of ``limit`` up to its line break and thrown away, so
    it is never held in memory whole. ``readline`` is a file's ``readline`` (bytes or
    text; a text file opened with ``newline=""`` ends lines at ``\\r`` too).
    """
    while True:
        line = readline(limit)
        if not line:
            return
        if len(line) < limit or _ends_line(line):
            yield line
            continue
        while line and not _ends_line(line):
            line = readline(limit)
        yield None


def _ends_line(line: str | bytes) -> bool:
    return line[-1:] in ("\n", "\r", b"\n", b"\r")


#: The most a workbook's parts may unpack to, together, and the highest ratio of a part's
#: unpacked to packed size. Real exports stay far below both (a 100,000-row workbook of
#: repeated answers unpacks to 26 MB at a ratio of 12); a "zip bomb" of a few MB unpacks to
#: many GB at ratios near 1,000.
MAX_UNPACKED = 1024 * 1024 * 1024
MAX_RATIO = 200


def unpacked_problem(path: Path) -> str | None:
    """Why ``path`` would unpack to too much to read (a "zip bomb"), or None."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        return None  # openpyxl says what is wrong
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        return (
            f"it would unpack to {total:,} bytes, more than the {MAX_UNPACKED:,} Rapport "
            "reads from a workbook"
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            return (
                f"its part {member.filename[:80]!r} would unpack to {member.file_size:,} bytes "
                f"from {member.compress_size:,}, more than {MAX_RATIO} times its size (real "
                "workbooks pack about 10 times; this one looks built to exhaust memory)"
            )
    return None
