"""Printing to a terminal or file whose encoding lacks some of Rapport's characters.

Messages and summaries use arrows (Sales → IT), typographic quotes and dashes. A Windows
console or a redirected ``rapport analyze ... > report.txt`` on Windows writes the ANSI
code page (cp1252), an old terminal may be ASCII (``PYTHONIOENCODING=ascii``): without
this module, the first arrow raised ``UnicodeEncodeError`` after the whole analysis.
:func:`print_anything` makes standard output and error write a close ASCII form of such
characters instead (``->``, ``"``), and ``?`` for the rest; a UTF-8 terminal is unchanged.
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
    return "".join(_PLAIN.get(char, "?") for char in bad), error.end


def print_anything() -> None:
    """Let ``sys.stdout`` and ``sys.stderr`` print any text in their own encoding."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _plain)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _encodes_everything(stream):
            continue
        try:
            reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # closed, or not a text stream after all
            continue


def _encodes_everything(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or ""
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False
