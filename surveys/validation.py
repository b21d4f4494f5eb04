"""The rules every answer meets, however it arrives: a sealed file, the response CSV or the
wizard in single-machine mode.

Sealed submissions (:mod:`surveys.submission_schema` and :class:`surveys.intake.Intake`)
and the CSV import (:mod:`surveys.csv_checks`) call the same functions here, so both paths
have the same limits:

- ratings are whole numbers on the item's scale; in text (the CSV) only the ASCII digits
  ``1``-``9`` or the scale's labels count, so ``4.9``, ``+4``, ``٣`` and ``５`` are refused;
  in a sealed file only a JSON integer counts (not ``4.9``, ``true`` or ``1e400``);
- a comment is non-empty, at most :data:`MAX_COMMENT` characters, and holds no control
  character other than tab and line breaks (no NUL);
- a day is ``YYYY-MM-DD`` in ASCII digits, a real calendar day, from :data:`FIRST_DAY` to
  tomorrow (a respondent's clock may run a day ahead): no ``2026-W40-1``, no ``9999-12-31``;
- a wave name is what publishing allows (:func:`wave_name_problem`), so ``=1+2`` never
  becomes a wave;
- a submission holds at least one answer (a rating or a comment).

Each ``*_problem`` function returns ``None`` when the value is fine, or what is wrong in a
few words that never quote the value (the words may end up beside a sealed file in the
shared folder, which colleagues can read).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

#: The longest comment, in characters (after surrounding spaces are removed).
MAX_COMMENT = 5000
#: The longest department name a submission or CSV row may carry.
MAX_DEPARTMENT = 100
#: The first day an answer can be dated.
FIRST_DAY = date(2000, 1, 1)

#: Wave names become file names in the shared folder: letters, digits, spaces, dots, dashes
#: and underscores, at most 64 characters, starting with a letter or digit, not ending in a dot.
WAVE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Control characters (C0 except tab, line feed and carriage return; DEL; C1).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def wave_name_problem(name: str) -> str | None:
    """What is wrong with ``name`` as a wave name (``None`` if it is fine)."""
    if WAVE_NAME.fullmatch(name) is None or name.endswith("."):
        return (
            "not a usable wave name (letters, digits, spaces, '.', '-' or '_', at most 64 "
            "characters, starting with a letter or digit)"
        )
    return None


def day_problem(day: str, today: date | None = None) -> str | None:
    """What is wrong with ``day`` as the day of an answer (``None`` if it is fine)."""
    if _DAY.fullmatch(day) is None:
        return "not a date in the form YYYY-MM-DD"
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return "not a calendar date"
    latest = (today or date.today()) + timedelta(days=1)
    if not FIRST_DAY <= parsed <= latest:
        return f"not a plausible day (from {FIRST_DAY.isoformat()} to tomorrow)"
    return None


def comment_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a comment (``None`` if it is fine)."""
    stripped = text.strip()
    if not stripped:
        return "the comment is empty"
    if len(stripped) > MAX_COMMENT:
        return f"the comment is longer than {MAX_COMMENT:,} characters"
    # isprintable() is a fast C check that passes most comments; only the others (line
    # breaks, tabs, invisible format characters...) are searched for control characters.
    if not stripped.isprintable() and _CONTROL.search(stripped):
        return "the comment contains a control character (such as NUL)"
    return None


def clean_comment(text: str) -> str:
    """``text`` as a comment can carry it: a vertical tab or form feed (a manual line break
    pasted from a word processor, a page break from a PDF) becomes a line break, any other
    control character is dropped, and surrounding spaces go.

    The respondent's app sends comments through this, so a pasted comment is never refused
    at ingest for a character nobody could see (:func:`comment_problem`).
    """
    if text.isprintable():
        return text.strip()
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", text).strip()


def name_problem(name: str, what: str) -> str | None:
    """What is wrong with ``name`` as a department name in an answer (``None`` if fine)."""
    if name.isprintable() and len(name) <= MAX_DEPARTMENT and not name.isspace() and name:
        return None  # the common case, in C
    if not name.strip():
        return f"the {what} is empty"
    if len(name) > MAX_DEPARTMENT:
        return f"the {what} is longer than {MAX_DEPARTMENT} characters"
    if not name.isprintable() and (_CONTROL.search(name) or _LINE_BREAKS.search(name)):
        return f"the {what} contains a control character"
    return None


#: Characters that change the direction of the text around them (a name written with
#: them shows as another name, reversed, on every screen and slide).
_DIRECTION = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def new_department_problem(name: str) -> str | None:
    """What is wrong with ``name`` as the name of a new department (``None`` if fine).

    The rule every answer's departments are checked against at ingest
    (:func:`name_problem`), so that no department is made whose answers would all be set
    aside, and no direction controls.
    """
    problem = name_problem(name, "department name")
    if problem:
        return problem
    if _DIRECTION.search(name):
        return "the department name contains a direction control (it would show reversed)"
    if _SEPARATORS.search(name):
        return "the department name contains a line break; write it on one line"
    if name.isascii():
        return None
    if any(_invisible(name, i) for i in range(len(name))):
        return (
            "the department name contains an invisible character (a zero-width space, a "
            "soft hyphen, a blank filler...): it would look like another name, or like "
            "none; type it again"
        )
    return None


#: Unicode's line and paragraph separators: a line break on every screen and slide.
_SEPARATORS = re.compile("[\u2028\u2029]")
#: Characters that show nothing but are not format characters: the combining grapheme
#: joiner, variation selectors, and the blank fillers of Hangul and Braille.
_BLANKS = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f"
    "\uffa0\U000e0100-\U000e01ef]"
)
#: Zero-width non-joiner and joiner: they change the shape of joined scripts (Persian,
#: the Indic scripts) and are kept there; between Latin, Greek or Cyrillic letters they
#: only hide.
_JOINERS = "\u200c\u200d"
_ALPHABETS = ("LATIN", "GREEK", "CYRILLIC")


def _invisible(name: str, index: int) -> bool:
    """Whether ``name[index]`` shows nothing (and is no joiner a script needs)."""
    char = name[index]
    if _BLANKS.match(char):
        return True
    if unicodedata.category(char) != "Cf":
        return False
    if char not in _JOINERS:
        return True
    base = index - 1  # the letter before, past its combining marks (a virama, a vowel sign)
    while base >= 0 and unicodedata.category(name[base])[0] == "M":
        base -= 1
    if base < 0 or not name[base].isalpha():
        return True
    return unicodedata.name(name[base], "LATIN").startswith(_ALPHABETS)


def rating_problem(value: object, scale_size: int) -> str | None:
    """What is wrong with ``value`` as a stored rating on a scale of ``scale_size`` options.

    Only an ``int`` counts (``bool`` does not, nor a float such as ``4.9``).
    """
    if type(value) is not int:
        return "the value is not a whole number"
    if not 1 <= value <= scale_size:
        return f"the value is out of range (a whole number from 1 to {scale_size})"
    return None


def parse_rating_text(raw: str, scale: tuple[str, ...]) -> int:
    """A rating written as text (a CSV cell): one ASCII digit on the scale, or its label.

    Parameters
    ----------
    raw : str
        The cell; surrounding spaces are ignored, labels are compared without case.
    scale : tuple of str
        The item's labels, lowest first.

    Returns
    -------
    int
        The 1-based value.

    Raises
    ------
    ValueError
        With a message that says what is allowed.
    """
    text = raw.strip()
    lowered = text.lower()
    if lowered in scale:
        return scale.index(lowered) + 1
    allowed = f"a whole number from 1 to {len(scale)} ({', '.join(scale)})"
    if len(text) != 1 or not "0" <= text <= "9":
        raise ValueError(f"{text!r} is not {allowed}")
    number = ord(text) - ord("0")
    if not 1 <= number <= len(scale):
        raise ValueError(f"{number} is out of range: {allowed}")
    return number
