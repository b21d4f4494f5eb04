"""The respondent's typing hint warns about exactly what redaction will remove."""

from __future__ import annotations

import pytest

from desktop_app.respondent.privacy_hint import sensitive_kinds
from tests.analysis.test_redaction_cases import CASES, DEPARTMENTS, NAMES

#: The placeholder redaction writes for each kind the hint names.
PLACEHOLDER = {
    "e-mail address": "[email]",
    "phone number": "[phone]",
    "web or network address": "[link]",
    "name": "[name]",
}


@pytest.mark.parametrize("case", CASES, ids=lambda case: repr(case[0])[:48])
def test_the_hint_names_what_redaction_replaces(case: tuple[str, str]) -> None:
    text, expected = case
    kinds = sensitive_kinds(text, NAMES, DEPARTMENTS)
    assert bool(kinds) is (text != expected)
    for kind in kinds:
        assert expected.count(PLACEHOLDER[kind]) > text.count(PLACEHOLDER[kind])


def test_kinds_come_in_a_fixed_order_each_once() -> None:
    text = "Call Anna Schmidt on 555-123-4567 or anna@corp.ch, see wiki.acme.lan; Anna again"
    assert sensitive_kinds(text, ["Anna Schmidt"]) == [
        "e-mail address",
        "phone number",
        "web or network address",
        "name",
    ]
    assert sensitive_kinds("Three weeks for a report change.", ["Anna Schmidt"]) == []
