"""Spot what HR's redaction will remove from a comment, to warn the respondent while typing.

The hint uses the very rules redaction uses (:mod:`surveys.personal_data`, standard library
only, so the respondent window stays light): whatever it names is what
``analysis.privacy.redact`` replaces before anyone reads the comment, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from surveys.personal_data import find_personal_data

#: How each kind of personal data is named in the warning, in the order it is listed.
_KIND_NAMES = {
    "email": "e-mail address",
    "phone": "phone number",
    "link": "web or network address",
    "name": "name",
}


def sensitive_kinds(
    text: str, names: Iterable[str] = (), departments: Iterable[str] = ()
) -> list[str]:
    """What in ``text`` will be redacted: ``"e-mail address"``, ``"phone number"``, ...

    Parameters
    ----------
    text : str
        The comment as typed so far.
    names : iterable of str
        HR's redaction list (people's names), as published with the survey.
    departments : iterable of str
        The survey's department names, which redaction never takes for a person's name.

    Returns
    -------
    list of str
        Kinds found, in a fixed order, each once.
    """
    found = {
        item.kind for item in find_personal_data(text, tuple(names), departments=tuple(departments))
    }
    return [label for kind, label in _KIND_NAMES.items() if kind in found]
