"""Workplace rules broadened from domain vocabulary: each fires on new phrasing and decides
the label. The sentences are written for this test (not taken from any labelled set)."""

from __future__ import annotations

import pytest

from analysis import sentiment

CASES = [
    ("Still no owner for the printer contract.", "still_unresolved", "negative"),
    ("The reporting bug was never fixed.", "not_done", "negative"),
    ("Our access request hasn't been actioned.", "not_done", "negative"),
    ("No one takes responsibility for the rota.", "nobody_acts", "negative"),
    ("Weeks to get a laptop for a new starter.", "ages_for", "negative"),
    ("Every release takes forever.", "ages_for", "negative"),
    ("We have to chase them for every invoice.", "have_to_chase", "negative"),
    ("The specification keeps changing.", "keeps_going_wrong", "negative"),
    ("They moved the goalposts twice this month.", "moving_targets", "negative"),
    ("Everything with them is last-minute.", "last_minute", "negative"),
    ("Stock counts always arrive late.", "running_late", "negative"),
    ("Our proposals get lip service and nothing more.", "friction_idioms_broad", "negative"),
    (
        "Requests fall through the cracks between the two desks.",
        "friction_idioms_broad",
        "negative",
    ),
    ("Experienced nurses keep leaving the ward.", "people_leaving", "negative"),
    ("She is always on top of things.", "praise_idioms_broad", "positive"),
    ("They went the extra mile for the inspection.", "praise_idioms_broad", "positive"),
    ("IT turned our request around in hours.", "praise_idioms_broad", "positive"),
    ("The liaison got back to us within the hour.", "praise_quick", "positive"),
    ("Their checks saved us from an embarrassing error.", "praise_broad_more", "positive"),
    ("We argued less and solved more, without any finger-pointing.", "instead_of_bad", "positive"),
    ("It would be good to meet before each release.", "neutral_suggestion_clause", "neutral"),
    ("Orders are fulfilled by the warehouse as well.", "neutral_workplace_terms", "neutral"),
]


@pytest.mark.parametrize(("text", "rule", "label"), CASES)
def test_rule_fires_and_decides_the_label(text, rule, label):
    analyzer = sentiment.rapport_analyzer()
    assert rule in analyzer.matched_rules(text)
    assert sentiment.label_of(analyzer.compound(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "We never got what we asked for.",
        "It could keep people informed if they wrote a newsletter.",
    ],
)
def test_guarded_phrasings_do_not_turn_positive(text):
    assert sentiment.rapport_analyzer().compound(text) < 0.05


def test_lexicon_additions_read_workplace_words():
    analyzer = sentiment.rapport_analyzer()
    assert analyzer.compound("Understaffed, swamped and overwhelmed.") <= -0.5
    assert analyzer.compound("Proactively unblocked us; dependable and diligent.") >= 0.5
    # A healthcare "patient" is a person, not a virtue: no valence.
    assert analyzer.compound("The patient was moved to ward 4.") == 0.0
