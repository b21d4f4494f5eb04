"""The built-in given names: the shipped list, its kinds, and the rules that use them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path

import pytest

from surveys.given_names import AFTER_CUE, NAME, WORD, given_names
from surveys.name_index import word_lists
from surveys.personal_data import find_personal_data
from surveys.text_fold import fold

ROOT = Path(__file__).resolve().parents[2]
LIST = resources.files("surveys").joinpath("data/given_names.txt")


def _sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in LIST.read_text("utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and not line.startswith("#"):
            current.append(line)
    return sections


def test_the_list_is_small_sorted_folded_and_says_its_source() -> None:
    sections = _sections()
    assert list(sections) == ["given", "given words"]
    every = [name for names in sections.values() for name in names]
    assert 3_000 <= len(every) <= 10_000 and len(set(every)) == len(every)
    for names in sections.values():
        assert names == sorted(names)
    assert all(fold(name) == name and len(name) >= 3 and name.isalpha() for name in every)
    lists = word_lists()
    assert not set(every) & (lists["titles"] | lists["particles"])
    kinds = given_names()
    assert all(kinds[w] != NAME for w in set(every) & (lists["function"] | lists["common"]))
    header = LIST.read_text("utf-8").split("[given]")[0]
    assert "Faker" in header and "MIT" in header and "build_given_names.py" in header


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("priya", NAME), ("tomasz", NAME), ("chinedu", NAME), ("soren", NAME), ("søren", NAME),
        ("grace", WORD), ("mark", WORD), ("will", WORD), ("frank", WORD),
        ("may", AFTER_CUE), ("june", AFTER_CUE), ("line", AFTER_CUE), ("ruby", AFTER_CUE),
    ],
)  # fmt: skip
def test_each_name_has_the_kind_its_words_call_for(name: str, kind: str) -> None:
    assert given_names()[name] == kind


def test_ordinary_words_and_department_words_are_not_names() -> None:
    for word in ("sales", "marketing", "finance", "jira", "amazon", "team", "the", "it"):
        assert word not in given_names()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kavita fixed it", ["Kavita"]),
        ("KAVITA FIXED IT", ["KAVITA"]),
        ("ANA and EVA are acronyms here", []),
        ("kavita fixed it", []),
        ("thanks kavita", ["kavita"]),
        ("Grace helped", []),
        ("and Grace helped", ["Grace"]),
        ("the May release", []),
        ("ask May", ["May"]),
        ("spoke to June", ["June"]),
        ("moved to June", []),
        ("Dr Okafor and Mrs Fitzgerald-Lowe", ["Okafor", "Fitzgerald-Lowe"]),
        ("Priya Raman van der Berg-Smith agreed", ["Priya Raman van der Berg-Smith"]),
        ("Priya IT", ["Priya"]),
    ],
)
def test_what_the_finder_reports_without_a_name_list(text: str, found: list[str]) -> None:
    spans = find_personal_data(text)
    assert [text[f.start : f.end] for f in spans] == found
    assert all(f.kind == "name" for f in spans)


def test_departments_keep_their_words_but_not_the_same_name_elsewhere() -> None:
    text = "Thanks Florence, the Florence Unit is calmer"
    found = find_personal_data(text, departments=["Florence Unit"])
    assert [text[f.start : f.end] for f in found] == ["Florence"]
    assert found[0].start == text.index("Florence")


@pytest.mark.skipif(
    importlib.util.find_spec("faker") is None, reason="Faker (a build tool) is not installed"
)
def test_the_shipped_list_is_what_the_script_builds() -> None:
    script = ROOT / "scripts" / "build_given_names.py"
    pinned = next(
        line.split('"')[1]
        for line in script.read_text("utf-8").splitlines()
        if line.startswith("FAKER_VERSION")
    )
    if metadata.version("Faker") != pinned:
        pytest.skip(f"the list is built from Faker {pinned}")
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
