"""Answers that open with "nothing" are scored by what follows, not by the "nothing".

Asked what would make working with a department better, content people answer "Nothing,
they are great"; the learned model read "nothing" in review sites' pros, where it is a
complaint, and scored such answers strongly negative (analysis/sentiment/fillers.py).
"""

from __future__ import annotations

import pytest

from analysis import sentiment
from analysis.sentiment.fillers import after_filler, without_fillers
from analysis.sentiment.labels import is_non_answer

OPENINGS = [
    ("Nothing, all good with IT.", "all good with IT."),
    ("No, everything is fine.", "everything is fine."),
    ("Nothing. IT are brilliant.", "IT are brilliant."),
    ("Nothing - keep doing what you're doing", ""),
    ("Honestly nothing, they are great", "they are great"),
    ("There's nothing to improve, Sales are great", "Sales are great"),
    ("No, none. I feel very  well here", "I feel very well here"),
    ("NothIng it was great", "it was great"),
    ("None at all - they are great", "they are great"),
    ("No improvement needed.", ""),
    ("Nothing to improve on", ""),
    ("Can’t think of anything that could have been done better", ""),
    ("There was nothing they could of done better.", ""),
    ("Not that I know of.", ""),
    ("Nothing at the moment", ""),
    ("Just keep doing what your doing.", ""),
    ("Keep it up, great team", "great team"),
    ("No issues.", ""),
    ("No issues at all - IT are quick", "IT are quick"),
    ("No issues with IT, they are quick", "they are quick"),
    ("No real issues with the ops team. Replies are slow though", "Replies are slow though"),
    ("No issues whatsoever.", ""),
    ("Couldn’t be better", ""),
    ("You could not have done any better!!", ""),
    ("Could not do anything better. Staff were great", "Staff were great"),
    ("Nothing thank you", "thank you"),
    ("No not really. You all do an amazing job.", "You all do an amazing job."),
    ("Dont know. Very pleased overall", "Very pleased overall"),
    # no clause mark, but a new clause about who helped or how the person feels
    ("Nothing they are great to work with", "they are great to work with"),
    ("Nothing the ops team have been brilliant", "the ops team have been brilliant"),
    ("nothing IT were really quick", "IT were really quick"),
    ("Nothing staff are very helpful", "staff are very helpful"),
    ("Nothing you’re all doing fine", "you’re all doing fine"),
    ("No I'm very happy with them", "I'm very happy with them"),
    ("Nothing very satisfied", "very satisfied"),
    ("Absolutely nothing, the handovers are smooth now", "the handovers are smooth now"),
    ("Cannot think of a single thing.", ""),
    ("Not a single thing", ""),
    ("There is nothing that I could suggest.", ""),
    ("Nothing springs to mind, they are helpful", "they are helpful"),
]

READ_WHOLE = [
    "Nothing works",
    "Nothing gets fixed unless we escalate",
    "no-incentives,slow-growth",
    "Not a thing gets done on time",
    "No improvement in response times",
    "Can't think of anything good about working with them",
    "Nothing could be worse",
    "Nothing all that bad",
    "Nothing wrong with them but replies are slow",
    "They said nothing, again.",
    "Keep doing what you're doing and we'll keep missing deadlines",
    "Continue to ignore us",
    "No issues resolved this month",
    "No issues with IT resolved this month",
    "No problem gets solved without escalating",
    "No complaints at all.",  # the model reads "no complaints" and "no problems" as praise
    "No problems, keep up the good work.",
    "Couldn't be worse",
    "They couldn't do more to block us",
    "Cannot be improved without more staff",
    "Nothing they do helps",
    "Nothing the team promised was delivered",
    "Nothing was good about the handover",
    "Absolutely nothing was done about it",
    "Nothing happy ever comes out of those meetings",
]

NON_ANSWERS = [
    "I don’t know.",
    "Don't know",
    "No I don't think so.",
    "Nothing for me.",
    "No thanks",
]


@pytest.mark.parametrize(("text", "rest"), OPENINGS)
def test_an_opening_that_says_nothing_is_wrong_is_taken_off(text: str, rest: str) -> None:
    assert after_filler(text) == rest


@pytest.mark.parametrize("text", READ_WHOLE)
def test_a_comment_that_does_not_open_with_a_filler_is_read_whole(text: str) -> None:
    assert after_filler(text) == text


CLOSINGS = [
    ("Very responsive. No improvement needed.", "Very responsive."),
    ("Excellent service, could not be improved.", "Excellent service"),
    ("Staff were great. Nothing to improve!", "Staff were great."),
    ("They never reply - nothing to add", "They never reply"),
    ("Nothing, all good. Keep doing what you are doing.", "all good."),
]

KEPT_WHOLE = [
    "We asked for help. Nothing.",  # a bare "nothing" after a complaint can be its point
    "Slow, couldn't be worse.",
    "It couldn't be better if they answered on time",
    "Nothing to improve on their side, but ours is a mess",
]


@pytest.mark.parametrize(("text", "rest"), CLOSINGS)
def test_a_closing_that_says_nothing_is_wrong_is_taken_off(text: str, rest: str) -> None:
    assert without_fillers(text) == rest


@pytest.mark.parametrize("text", KEPT_WHOLE)
def test_a_closing_that_says_something_is_kept(text: str) -> None:
    assert without_fillers(text) == text


def test_praise_that_closes_with_a_filler_reads_as_praise() -> None:
    texts = ["Very responsive. No improvement needed.", "Brilliant service, couldn't be better!"]
    scores = sentiment.score_texts(texts)
    assert [sentiment.label_of(s) for s in scores] == ["positive", "positive"]


@pytest.mark.parametrize("text", NON_ANSWERS)
def test_answers_that_say_nothing_score_zero(text: str) -> None:
    assert is_non_answer(text)
    assert sentiment.score_texts([text]) == [0.0]


def test_content_answers_are_not_read_as_complaints() -> None:
    praise = ["Nothing, all good with IT.", "Nothing. IT are brilliant.", "Nothing it was great"]
    praise += ["No issues with IT, they are quick", "Nothing they are great to work with"]
    nothing_wrong_too = ["Couldn't be better.", "I don't think so.", "Not at the moment"]
    nothing_wrong = ["No improvement needed.", "Nothing to improve", "Nothing I can think of"]
    complaints = ["No, they never answer.", "Nothing gets fixed", "N/A - they never reply"]
    complaints += ["Nothing they do helps"]
    nothing_wrong += nothing_wrong_too
    scores = sentiment.score_texts(praise + nothing_wrong + complaints)
    assert [sentiment.label_of(s) for s in scores] == ["positive"] * 5 + ["neutral"] * 6 + [
        "negative"
    ] * 4
    assert scores[5:11] == [0.0] * 6


def test_the_scores_version_says_how_they_are_computed() -> None:
    # cached comment scores from before the openings (and stopped blame) were taken off are
    # scored again, as are those from before a wished-for or undone end of blame was read
    # whole, and those from before typographic apostrophes were read as ' (12: by the
    # fillers and stopped blame too, in every form the fold reads; 13: the accent, backtick,
    # full-width and Armenian apostrophes too)
    assert sentiment.MODEL_VERSION.startswith("rapport-learned-13-")
