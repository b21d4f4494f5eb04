"""One module per `rapport` subcommand, listed in :data:`desktop_app.cli.COMMANDS`.

Each module defines ``register(subparsers)``, which adds its subparser and sets
``func=run``; :mod:`~desktop_app.commands.selftest` adds the ``--self-test`` option
instead. Command modules import heavy packages (the analysis engine, Qt) inside their
``run`` function, so `rapport --help` and the respondent start quickly.

Modules without ``register`` are helpers the commands share: :mod:`.textcsv` (text CSV
files) and :mod:`.progress_printer` (the one way commands show progress). They stay Qt-free.
"""

import argparse
import re
from collections.abc import Callable


def counted(count: int, word: str, words: str | None = None) -> str:
    """``"1 file"``, ``"2 files"``: a count with its noun (``words`` for an irregular plural).

    The command line prints English and loads no Qt, so it does not use Qt's ``%n`` forms.
    """
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


class UserError(Exception):
    """An error whose message tells the user what is wrong and what to do.

    The command line prints it as one line and exits with status 2, as it does for
    :class:`surveys.errors.RapportError`.
    """


#: What the text-table commands (`sentiment`, `eval-sentiment`, `themes`) read.
TEXT_FILE_HELP = "CSV, TSV or Excel .xlsx file with a column of comments"


def add_text_column_option(parser) -> None:
    """``FILE`` and ``--column NAME``: the table and the column of it that holds the texts."""
    parser.add_argument("file", metavar="FILE", help=TEXT_FILE_HELP)
    parser.add_argument(
        "--column",
        default="text",
        metavar="NAME",
        help="the column that holds the texts (default: text)",
    )


def whole_number(least: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number of ``least`` or more (``--seed``,
    ``--rotation``, ``--count``): anything else is a usage error, never a traceback or a
    value taken silently (a rotation of -1 asked the last group)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if value < least:
            what = "0 or more" if least == 0 else f"at least {least}"
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {what}")
        return value

    return parse


def printable(text: str) -> str:
    """``text`` safe to print to a terminal: control characters written as ``\\uXXXX``.

    Messages quote file names and cells of files that came from elsewhere. An escape
    sequence there would repaint HR's terminal (clear it, retitle it, move the cursor), a
    carriage return would print a line of its own over the one before, and a right-to-left
    override would reverse what follows. Line breaks and tabs stay: messages use them.
    """
    if text.isprintable() or not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def confirmed(question: str, yes: bool) -> bool:
    """Whether a command that loses something may go on: ``--yes`` given, or the answer
    to ``question`` asked on the terminal. Without a terminal to ask on (a script, a
    scheduled task) and without ``--yes`` it is refused with a :class:`UserError`, so
    nothing is lost by an unattended run that did not mean it.

    The question goes to standard error, as progress and errors do: with the output
    redirected to a file (``> log.txt``) it is still seen, not written to the file while
    the command waits. Ctrl+D answers no; after it, or Ctrl+C, the next message starts on
    a line of its own.
    """
    import sys

    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(f"{question} Nothing was changed: add --yes to go ahead.")
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:
        print(file=sys.stderr)
        raise
    if not answer:  # Ctrl+D (Ctrl+Z on Windows) at the prompt
        print(file=sys.stderr)
    return answer.strip().lower() in ("y", "yes")
