"""Spot what HR's redaction will remove from a comment, to warn the respondent while typing.

This is a light, fast check (no analysis engine in the respondent window): it only has to
be right often enough to prompt a second look. The authoritative redaction happens in
``analysis`` before any comment is shown or exported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Seven or more digits, optionally with a leading + and spaces, dots, dashes or brackets.
_PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d ().-]{5,}\d(?![\w])")
_DATE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)


def sensitive_kinds(text: str, names: Iterable[str] = ()) -> list[str]:
    """What in ``text`` will be redacted: ``"e-mail address"``, ``"phone number"``, ...

    Parameters
    ----------
    text : str
        The comment as typed so far.
    names : iterable of str
        HR's redaction list (people's names), matched as whole words, any case.

    Returns
    -------
    list of str
        Kinds found, in a fixed order, each once.
    """
    kinds = []
    if _EMAIL.search(text):
        kinds.append("e-mail address")
    if any(_is_phone(m.group()) for m in _PHONE.finditer(text)):
        kinds.append("phone number")
    if _URL.search(text):
        kinds.append("web address")
    for name in names:
        name = name.strip()
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            kinds.append("name")
            break
    return kinds


def _is_phone(candidate: str) -> bool:
    candidate = candidate.strip()
    return sum(c.isdigit() for c in candidate) >= 7 and not _DATE.fullmatch(candidate)
