"""Anonymity in every exported file: unzip, read every part, grep for what must not leak."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.export import exportable, neutralise, write_csv, write_deck, write_xlsx
from analysis.privacy import is_redacted
from tests.analysis.export_fixtures import (
    PLANTED_EMAIL,
    SUPPRESSED_COMMENT,
    UNREDACTED_LINK,
    analysis_result,
    written_texts,
)

FORBIDDEN = [
    PLANTED_EMAIL,
    "jordan.lee",
    SUPPRESSED_COMMENT,
    "Kim never answers",
    "evil.example",
    "7946 0958",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("exports")
    day = dt.date(2026, 9, 30)
    write_deck(analysis_result(), folder / "deck.pptx", hotspots=5, day=day)
    write_xlsx(analysis_result(), folder / "tables.xlsx", day=day)
    write_csv(analysis_result(), folder / "csv")
    return written_texts(folder)


def test_every_file_was_read(exported: dict[str, str]) -> None:
    assert any(k.startswith("deck.pptx:ppt/charts/") for k in exported)
    assert any(k.startswith("tables.xlsx:xl/worksheets/") for k in exported)
    assert {"matrix.csv", "hotspots.csv", "themes.csv", "participation.csv"} <= set(exported)


@pytest.mark.parametrize("secret", FORBIDDEN)
def test_planted_secrets_appear_nowhere(exported: dict[str, str], secret: str) -> None:
    assert [name for name, text in exported.items() if secret in text] == []


def test_redacted_quotes_are_still_shown(exported: dict[str, str]) -> None:
    slides = " ".join(t for k, t in exported.items() if k.startswith("deck.pptx:ppt/slides/"))
    assert "Mail [email] if you doubt it" in slides
    assert "[email]" in exported["hotspots.csv"]


def test_no_time_finer_than_the_day(exported: dict[str, str]) -> None:
    stamps = [s for t in exported.values() for s in re.findall(r"\d{4}-\d\d-\d\dT[\d:]+", t)]
    assert stamps and all(s.endswith("T00:00:00") for s in stamps)


def test_suppressed_scores_do_not_reach_the_matrix(exported: dict[str, str]) -> None:
    lines = exported["matrix.csv"].splitlines()
    line = next(row for row in lines if "Marketing,Operations" in row)
    assert re.sub(r"[,\s]", "", line.split("Operations,")[1]) == "yes"


def test_exportable_guards_without_touching_the_input() -> None:
    result = analysis_result()
    safe = exportable(result)
    assert len(result.hotspots) == 5 and len(safe.hotspots) == 4
    pair = safe.pair("Marketing", "Operations")
    assert pair.suppressed and pair.index is None and pair.n == 0 and pair.dimensions == {}
    assert result.pair("Marketing", "Operations").index == 2.1
    assert all(is_redacted(q) for h in safe.hotspots for q in h.quotes)
    assert all(is_redacted(t.example) for t in safe.themes)
    assert safe.trends["Sales→IT"][1].index is None


def test_exportable_drops_unredacted_text_and_never_rewrites_it() -> None:
    result = analysis_result()
    safe = exportable(result)
    kept = result.hotspots[0].quotes
    assert safe.hotspots[0].quotes == [kept[0], kept[2], kept[3]]  # the slip is gone ...
    before = {q for h in result.hotspots for q in h.quotes}
    assert all(q in before for h in safe.hotspots for q in h.quotes)  # ... the rest unchanged
    examples = {t.name: t.example for t in safe.themes}
    assert examples["responsiveness"] is None and examples["process and approvals"] is None
    assert examples["priorities and budget"] == result.themes[1].example
    assert result.themes[2].example == UNREDACTED_LINK  # the input is not touched


def test_quotes_are_dropped_when_too_few_people_commented() -> None:
    result = analysis_result()
    result.pair("Sales", "IT").comment_count = 4
    assert exportable(result).hotspots[0].quotes == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (-1.5, -1.5),
        (-3, -3),
        (None, None),
    ],
)
def test_neutralise_strings_only(value: object, expected: object) -> None:
    assert neutralise(value) == expected
