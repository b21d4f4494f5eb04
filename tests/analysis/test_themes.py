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
from analysis.topics import candidate_counts, discover_topics
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


# --- discovery ------------------------------------------------------------------------


def test_discovery_separates_the_three_stories() -> None:
    model = discover_topics(CORPUS, seed=0)
    assert len(model.topics) == 3
    assert set(model.coherence) == set(candidate_counts(12, 100)) == {2, 3}
    assert model.coherence[3] > model.coherence[2]
    groups = {tuple(model.assignments[i : i + 4]) for i in (0, 4, 8)}
    assert len(groups) == 3 and all(len(set(g)) == 1 for g in groups)
    stories = [
        {"ticket", "tickets", "queue", "waiting", "days", "weeks"},
        {"patient", "consent", "privacy", "data"},
        {"budget", "fight", "sales"},
    ]
    for first, words in zip((0, 4, 8), stories, strict=True):
        label = model.topic(model.assignments[first]).label.split(", ")
        assert len(label) == 3 and label[0] in words
    for topic in model.topics:
        assert model.assignments[topic.representative_index] == topic.number
    assert sorted(t.size for t in model.topics) == [4, 4, 4]


def test_labels_use_real_words_not_stems() -> None:
    model = discover_topics(CORPUS, seed=0)
    words = {w for t in model.topics for w in t.terms}
    assert "budget" in words and "privacy" in words
    assert "privaci" not in words and "patient" in words


def test_same_seed_same_topics() -> None:
    first = discover_topics(CORPUS * 3, seed=4)
    again = discover_topics(CORPUS * 3, seed=4)
    assert first == again


def test_fixed_number_of_topics() -> None:
    model = discover_topics(CORPUS, n_topics=2)
    assert len(model.topics) <= 2 and model.coherence == {}
    assert discover_topics(CORPUS, n_topics=50).topics  # capped, not an error


def test_ten_comments_and_junk_degrade_gracefully() -> None:
    texts = CORPUS[:8] + ["", None, "¿¿¿ 12345 ๑๑๑", "the and of it"]
    model = discover_topics(texts)
    assert model.assignments[8:] == [None, None, None, None]
    assert all(a is not None for a in model.assignments[:8])
    assert 1 <= len(model.topics) <= 3
    assert sum(t.size for t in model.topics) == 8


def test_nothing_to_discover() -> None:
    assert discover_topics([]).topics == []
    empty = discover_topics(["", None, "the of and"])
    assert empty.topics == [] and empty.assignments == [None, None, None]
    single = discover_topics(["Budget fights again"])
    assert len(single.topics) == 1 and single.assignments == [1]


def test_exactly_ten_comments() -> None:
    texts = SLOW_IT[:3] + PRIVACY[:4] + BUDGET[:3]
    model = discover_topics(texts)
    assert set(model.coherence) == {2, 3}
    assert len(model.topics) in (2, 3) and all(a is not None for a in model.assignments)
    assert model.assignments[3] == model.assignments[4] == model.assignments[5]
    assert model.assignments[0] != model.assignments[3]
