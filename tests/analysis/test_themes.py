"""Taxonomy themes and discovered topics on small, realistic corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.themes import (
    THEMES_VERSION,
    TaxonomyError,
    load_taxonomy,
    match_themes,
    taxonomy_from_yaml_text,
)
from surveys.progress import Cancelled

REQUIRED_THEMES = {
    "responsiveness",
    "priorities_budget",
    "process_approvals",
    "communication_meetings",
    "blame_accountability",
    "tools_shadow_it",
    "privacy_security",
    "shared_goals",
    "respect",
    "knowledge_training",
    "liaison_ownership",
}

SLOW_IT = [
    "IT took three weeks to answer a simple ticket, we are still waiting.",
    "Our tickets sit in the IT queue for days and nobody gets back to us.",
    "IT is slow to respond to anything urgent, even outages wait days.",
    "Waiting weeks for a laptop ticket is normal with IT, the queue never moves.",
]
PRIVACY = [
    "Marketing wants to share patient data without consent, that worries me.",
    "The privacy review for the campaign was skipped and patient consent is unclear.",
    "Consent forms and patient data privacy are an afterthought for marketing.",
    "Marketing exported patient data to a vendor without a privacy check or consent.",
]
BUDGET = [
    "Sales gets all the budget and we fight for every penny.",
    "Our budget requests always lose to the sales budget and the roadmap.",
    "Every year we fight over budget and headcount with sales.",
    "Budget for the trade show went to sales again, our budget got cut.",
]
CORPUS = SLOW_IT + PRIVACY + BUDGET


def test_shipped_taxonomy_has_every_theme_of_the_design() -> None:
    taxonomy = load_taxonomy()
    assert set(taxonomy.ids) == REQUIRED_THEMES
    assert taxonomy.label("privacy_security") == "Privacy and security"
    assert taxonomy.label("unknown_theme") == "unknown_theme"
    assert all(t.description and (t.keywords or t.phrases) for t in taxonomy.themes)
    assert THEMES_VERSION == "taxonomy-1"


def test_twelve_comments_get_their_themes() -> None:
    found = match_themes(CORPUS)
    assert [themes[0] for themes in found] == (
        ["responsiveness"] * 4 + ["privacy_security"] * 4 + ["priorities_budget"] * 4
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nobody knows who our IT liaison is.", ["liaison_ownership"]),
        ("They look down on us and dismiss our work.", ["respect"]),
        ("We bought our own CRM because their system is ancient.", ["tools_shadow_it"]),
        (
            "Too busy to meet, the liaison meeting is quarterly at best.",
            ["communication_meetings", "liaison_ownership"],
        ),
        ("Every change request needs three sign-offs and a form.", ["process_approvals"]),
        ("They have no idea what our work involves.", ["knowledge_training"]),
        ("It's always their fault and nobody takes responsibility.", ["blame_accountability"]),
        ("We should agree shared goals for patient outcomes.", ["shared_goals"]),
        ("Great weather today.", []),
        ("", []),
        ("¿¿¿ ??? 12345 ๑๑๑ ☃☃", []),
    ],
)
def test_single_comments(text: str, expected: list[str]) -> None:
    assert match_themes([text]) == [expected]


def test_themes_are_ordered_by_strength() -> None:
    (found,) = match_themes(
        ["The privacy review slowed us down: consent checks, GDPR forms and security sign-off."]
    )
    assert found[0] == "privacy_security"
    assert "process_approvals" in found


def test_match_themes_can_be_cancelled() -> None:
    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        match_themes(CORPUS * 50, progress=cancel)


def test_edited_taxonomy_is_used(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "version: 7\nthemes:\n"
        "  - id: parking\n    label: Parking\n    keywords: [parking, car park]\n",
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.version == "mine-7"
    assert match_themes(["The car park is full again", "Budget fights"], taxonomy) == [
        ["parking"],
        [],
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes: [\n  - id: x\n", r"line \d+: this is not valid YAML"),
        ("version: 1\n", "field 'themes': expected a list"),
        (
            "themes:\n  - id: Budget Fights\n    label: B\n    keywords: [a]\n",
            "line 2, field 'id': 'Budget Fights' is not a valid theme id",
        ),
        (
            "themes:\n  - id: budget\n    keywords: [money]\n",
            "line 2, theme 'budget', field 'label'",
        ),
        (
            "themes:\n  - id: budget\n    label: Budget\n    keyword: [money]\n",
            "line 4, theme 'budget': unknown field 'keyword'",
        ),
        (
            "themes:\n  - id: budget\n    label: Budget\n    keywords: money\n",
            "line 4, theme 'budget', field 'keywords': expected a list",
        ),
        (
            "themes:\n  - id: budget\n    label: Budget\n    keywords: [money, '...']\n",
            "line 4, theme 'budget', field 'keywords': '...' contains no word",
        ),
        (
            "themes:\n  - id: budget\n    label: Budget\n",
            "theme 'budget': it has no keywords and no phrases",
        ),
        (
            "themes:\n  - id: a\n    label: A\n    keywords: [x]\n"
            "  - id: a\n    label: B\n    keywords: [y]\n",
            "line 5, field 'id': the theme id 'a'",
        ),
    ],
)
def test_invalid_taxonomy_is_explained_with_line_and_field(text: str, message: str) -> None:
    with pytest.raises(TaxonomyError, match=message) as info:
        taxonomy_from_yaml_text(text, "edited.yaml")
    assert str(info.value).startswith("edited.yaml")


def test_missing_taxonomy_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no such taxonomy file"):
        load_taxonomy(tmp_path / "absent.yaml")


def test_a_keyword_written_in_capitals_finds_the_department_not_the_pronoun() -> None:
    taxonomy = taxonomy_from_yaml_text(
        "themes:\n  - id: it_desk\n    label: IT desk\n    keywords: [IT, PM]\n"
        "    phrases: [shadow it]\n",
        "edited.yaml",
    )
    assert taxonomy.match("It took three weeks, and it is still open.") == []
    assert taxonomy.match("Call me at 3 PM about it.") == []
    assert taxonomy.match("IT took three weeks.") == ["it_desk"]
    assert taxonomy.match("Our PM never shares the plan.") == ["it_desk"]
    # a phrase in lower case finds "IT" too, and counts once however it is written
    assert taxonomy.scores("we use shadow it, shadow IT everywhere") == {"it_desk": 3.0}
