"""The redaction table: every case of ``redaction_cases.yaml`` redacts to its expected text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from analysis.privacy import is_redacted, redact

TABLE = Path(__file__).with_name("redaction_cases.yaml")


def load_table() -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """The table's name list, departments and ``(text, expected)`` cases, in file order."""
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    cases = [(case["text"], case["expected"]) for case in data["cases"]]
    return list(data["names"]), list(data["departments"]), cases


NAMES, DEPARTMENTS, CASES = load_table()


def _case_id(case: tuple[str, str]) -> str:
    text = case[0].encode("unicode_escape").decode("ascii")
    return text[:48] or "(empty)"


def test_the_table_is_large_and_varied() -> None:
    assert len(CASES) >= 250
    changed = [text for text, expected in CASES if text != expected]
    assert len(changed) >= 100 and len(CASES) - len(changed) >= 40
    for placeholder in ("[email]", "[phone]", "[link]", "[name]"):
        assert sum(placeholder in expected for _, expected in CASES) >= 10
    unlisted = [text for text, _ in CASES if not is_redacted(text, (), DEPARTMENTS)]
    assert len(unlisted) >= 100  # names and the rest found without HR's list


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_redaction_case(case: tuple[str, str]) -> None:
    text, expected = case
    assert redact(text, NAMES, DEPARTMENTS) == expected


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_a_redaction_passes_the_exports_check(case: tuple[str, str]) -> None:
    text, expected = case
    assert is_redacted(expected, NAMES, DEPARTMENTS)
    assert is_redacted(text, NAMES, DEPARTMENTS) is (text == expected)


#: Pieces that exercise every rule and the folding: accents, combining marks, soft hyphens,
#: full-width letters, curly apostrophes and dashes, placeholders, names from the table.
PIECES = [
    *"aZ1 .-_@:/\\'’–()[]#+€,\n",
    *("\u0308", "\u00ad", "\uff21", "li", "Will", "@corp", "www.", "10.0.0.1", "://"),
    *("María", "O’Brien", "[name]", "555", "invoice "),
]


def test_any_text_redacts_to_a_fixed_point() -> None:
    rng = random.Random(17)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120)))
        out = redact(text, NAMES)
        assert is_redacted(out, NAMES), (text, out)
    for hostile in ("a@" * 2500, "a." * 2500 + "x", "1 " * 2500, "Li " * 1600, "é" * 5000):
        assert is_redacted(redact(hostile, NAMES), NAMES)  # 5,000 characters, the longest
