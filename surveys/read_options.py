"""What the user says about how a file is to be read, when Rapport's guess is wrong.

``rapport import --encoding cp1250`` (a CSV in a code page the file's words do not give
away) and ``--sheet "Raw data"`` or ``--sheet 3`` (a workbook whose answers are not on the
sheet Rapport picks) set :class:`ReadOptions` for everything that reads the file during
one command (:func:`reading_as`); :func:`surveys.importing.table.open_table` obeys them.
A context variable keeps the many readers of one import (layout detection, profile,
suggestion, import) from each needing the options passed down.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from surveys.errors import RapportError

#: Encodings offered as examples in messages (Python codec names; aliases work too).
EXAMPLES = "utf-8, cp1252, cp1250, cp1251, cp850, mac-roman, latin-1, iso-8859-2, utf-16"


@dataclass(frozen=True)
class ReadOptions:
    """``encoding``: a codec name for CSV/TSV files; ``sheet``: a worksheet's name or its
    number (1 = the first) for workbooks. ``None`` leaves the choice to Rapport."""

    encoding: str | None = None
    sheet: str | None = None


_CURRENT: ContextVar[ReadOptions | None] = ContextVar("rapport_read_options", default=None)
_NONE = ReadOptions()


def current() -> ReadOptions:
    """The options in force (none outside :func:`reading_as`)."""
    return _CURRENT.get() or _NONE


@contextmanager
def reading_as(options: ReadOptions) -> Iterator[None]:
    """Read every file opened inside the block as ``options`` say."""
    if options.encoding:
        codec_name(options.encoding)  # refuse an unknown name before anything is read
    token = _CURRENT.set(options)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def codec_name(encoding: str) -> str:
    """Python's name for ``encoding`` (``windows-1250`` -> ``cp1250``).

    Raises
    ------
    RapportError
        When Python knows no such encoding, with examples of names it knows.
    """
    try:
        info = codecs.lookup(encoding.strip())
    except LookupError:
        raise RapportError(
            f"--encoding {encoding}: no such encoding. Give one such as {EXAMPLES} "
            "(Windows code pages are cpNNNN)."
        ) from None
    if not getattr(info, "_is_text_encoding", True) or not _reads_plain_text(info.name):
        raise RapportError(
            f"--encoding {encoding}: not a text encoding. Give one such as {EXAMPLES}."
        )
    return info.name


def _reads_plain_text(codec: str) -> bool:
    """Whether ``codec`` reads a table's plain letters, commas, dots and line ends as
    themselves, and can replace a byte it cannot read. Python knows codecs that are no
    file encoding although they call themselves text ones: ``undefined`` fails on every
    byte, ``punycode`` on a comma, ``idna`` on any byte beyond ASCII (it cannot replace
    one), each with a traceback, and EBCDIC's ``cp500`` reads plain letters as others."""
    probe = "Department,Comment...\r\n"
    try:
        raw = probe.encode(codec) if wide_codec(codec) else probe.encode("ascii")
        bytes(range(128, 256)).decode(codec, "replace")
        return raw.decode(codec) == probe
    except (UnicodeError, ValueError, TypeError, LookupError):
        return False


def mark_problem(codec: str, head: bytes) -> str | None:
    """Why a file starting with ``head`` cannot be read with ``codec``, or ``None``.

    Python's ``utf-16`` and ``utf-32`` take the byte order from the file's byte-order
    mark; on a file without one, reading raised a bare ``UnicodeError`` (a traceback).
    """
    if codec not in ("utf-16", "utf-32"):
        return None
    found = wide_mark(head)
    if found is not None and found[0] == codec:
        return None
    name = codec.upper()
    return (
        f"does not start with {name}'s byte-order mark, so it cannot be read with "
        f"--encoding {codec} (which takes the byte order from it): give {codec}-le or "
        f"{codec}-be for a {name} file without the mark, another --encoding, or leave it "
        "out for Rapport to tell the file's encoding."
    )


def wide_codec(codec: str) -> str | None:
    """The codec to read a UTF-16 or UTF-32 file with when ``codec`` (from
    :func:`codec_name`) is one (``utf-16``, ``utf-16-le``, ``utf-32-be``...), else ``None``:
    such a file is read as text, not as lines of bytes (its line ends are two or four
    bytes, and it holds NUL bytes)."""
    return codec if codec.startswith(("utf-16", "utf-32")) else None


#: The byte-order marks of UTF-32 and UTF-16, UTF-32's first (its little-endian mark
#: starts with UTF-16's), with the codec each gives.
WIDE_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def wide_mark(head: bytes) -> tuple[str, str] | None:
    """``(codec, name)`` of a file starting with a UTF-32 or UTF-16 byte-order mark."""
    return next(((codec, name) for mark, codec, name in WIDE_MARKS if head.startswith(mark)), None)
