"""Printing to a terminal or file whose encoding lacks some of Rapport's characters.

Messages and summaries use arrows (Sales → IT), typographic quotes and dashes. A Windows
console or a redirected ``rapport analyze ... > report.txt`` on Windows writes the ANSI
code page (cp1252), an old terminal may be ASCII (``PYTHONIOENCODING=ascii``): without
this module, the first arrow raised ``UnicodeEncodeError`` after the whole analysis.
:func:`print_anything` makes standard output and error write a close ASCII form of such
characters instead (``->``, ``"``), and ``?`` for the rest; a UTF-8 terminal is unchanged.

A file name that is not UTF-8 (an old share's Latin-1 ``Ber\xe9ich.csv``) reaches Python as
"surrogate" characters, which even a UTF-8 terminal refused once the locale was a real one
(``en_US.UTF-8``): `rapport init` made the workspace, then ended in a traceback. Such a
byte is printed as ``\xe9``.
"""

from __future__ import annotations

import codecs
import sys

#: The error handler's name, for :func:`codecs.register_error`.
HANDLER = "rapport-plain"

#: Close ASCII forms of the characters Rapport's own messages use.
_PLAIN = {
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "−": "-",
    "…": "...",
    "•": "*",
    "·": ".",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "\u00a0": " ",
    "\u202f": " ",
}


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_plain_char(char) for char in bad), error.end


def _plain_char(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # a byte of a file name that was not UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    return _PLAIN.get(char, "?")


def print_anything() -> None:
    """Let ``sys.stdout`` and ``sys.stderr`` print any text in their own encoding."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _plain)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # closed, or not a text stream after all
            continue
