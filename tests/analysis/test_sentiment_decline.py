"""Decline, comparisons with before, and tickets closed without the fix.

The rules ``getting_worse``, ``better_than_before``, ``worse_than_before`` and
``ticket_unfixed`` (``analysis/data/workplace_rules.yaml``) read plain reports of change
("It has gone downhill since the move.", "Slower to reply than last year.") and a ticket
answered without a fix ("marked resolved and it still jams", "fixed it myself"), which
VADER has no words for. ``tests/fixtures/mixed_pulse_comments.csv`` and
``mixed_pulse_comments_2.csv`` are test sets in these families and others (contrast,
mixed, hedged praise), never trained or tuned on.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from analysis import sentiment
from analysis.sentiment.evaluation import evaluate

DATA = resources.files("analysis") / "data"
FIXTURES = resources.files("tests") / "fixtures"
MIXED = ("mixed_pulse_comments.csv", "mixed_pulse_comments_2.csv")
OTHER_SETS = [
    DATA / f"workplace_{name}.csv"
    for name in ("labelled", "dev", "dev2", "dev3", "validation", "requests", "change")
] + [FIXTURES / "short_pulse_comments.csv"]


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(text: str) -> str:
    return " ".join(text.lower().strip(" .!?").split())


def _rules(text: str) -> list[str]:
    return sentiment.rapport_analyzer().matched_rules(text)


def _compound(text: str) -> float:
    return sentiment.rapport_analyzer().scorer.compound(text)


@pytest.mark.parametrize("name", MIXED)
def test_the_mixed_test_sets_are_new_text(name: str) -> None:
    texts = [_key(row["text"]) for row in _rows(FIXTURES / name)]
    assert len(texts) == len(set(texts))
    for path in OTHER_SETS + [FIXTURES / other for other in MIXED if other != name]:
        assert not set(texts) & {_key(row["text"]) for row in _rows(path)}, path


@pytest.mark.parametrize(("name", "floor"), [(MIXED[0], 0.78), (MIXED[1], 0.66)])
def test_the_mixed_test_sets_are_read(name: str, floor: float) -> None:
    rows = [row for row in _rows(FIXTURES / name) if row["label"] != "neutral"]
    scores = sentiment.score_texts([row["text"] for row in rows])
    result = evaluate([row["label"] for row in rows], [sentiment.label_of(s) for s in scores])
    # 2-class macro-F1 with the weights and rules before this round: 0.703 and 0.630.
    assert result.macro_f1 >= floor


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("It has gone downhill since the move.", "getting_worse"),
        ("Things went backwards after the reorg.", "getting_worse"),
        ("Quality has really dropped off.", "getting_worse"),
        ("The canteen is not what it used to be.", "getting_worse"),
        ("Replies are getting slower and slower.", "getting_worse"),
        ("From great to mediocre in one quarter.", "getting_worse"),
        ("Takes longer to sign off than it used to.", "worse_than_before"),
        ("Less helpful than last year.", "worse_than_before"),
        ("Harder to use than the old portal.", "worse_than_before"),
        ("Brilliant, they marked it resolved and it still doesn't work.", "ticket_unfixed"),
        ("They closed my request without a word.", "ticket_unfixed"),
        ("In the end I fixed it myself.", "ticket_unfixed"),
        ("Thanks, the new form takes twice as long.", "ticket_unfixed"),
        ("Lovely, an answer, only three weeks later.", "ticket_unfixed"),
    ],
)
def test_decline_and_unfixed_tickets_are_complaints(text: str, rule: str) -> None:
    assert rule in _rules(text)
    assert _compound(text) < -0.3


@pytest.mark.parametrize(
    "text",
    [
        "Payroll is much faster than last year.",
        "Legal are easier to reach than I expected.",
        "Quicker answers than six months ago.",
        "A lot more organised than last year.",
    ],
)
def test_better_than_before_is_praise(text: str) -> None:
    assert "better_than_before" in _rules(text)
    assert _compound(text) > 0.3


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("It hasn't gone downhill at all.", "getting_worse"),
        ("Before it goes downhill, fix the rota.", "getting_worse"),
        ("Never let it go backwards again.", "getting_worse"),
        ("She dropped off the parcel at reception.", "getting_worse"),
        ("Worse and worse every month.", "getting_worse"),  # left to VADER's "worse"
        ("Could be faster than last year.", "better_than_before"),
        ("It should be quicker than before.", "better_than_before"),
        ("Not faster than before, just different.", "better_than_before"),
        ("It must not be slower than the old one.", "worse_than_before"),
        ("They showed me how to fix it myself.", "ticket_unfixed"),
        ("I work by myself most days.", "ticket_unfixed"),
        ("Half as long as before.", "ticket_unfixed"),
        ("They marked it resolved after checking with me.", "ticket_unfixed"),
    ],
)
def test_wishes_denials_and_plain_uses_do_not_fire(text: str, rule: str) -> None:
    assert rule not in _rules(text)


def test_a_praise_opener_before_an_unfixed_ticket_is_no_praise() -> None:
    text = "Great, ticket marked resolved and the printer still jams."
    assert {"sarcastic_opener", "ticket_unfixed"} <= set(_rules(text))
    assert sentiment.label_of(sentiment.score_texts([text])[0]) == "negative"


# Second read (review43): what a person means, not the rule's words.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # a negation the rules did not see: curly apostrophes, "never", "hardly", "any",
        # "no longer", "far from", and a negation before an intensifier
        ("It hasn’t gone downhill at all.", "getting_worse"),
        ("It isn’t slower than it used to be.", "worse_than_before"),
        ("It was never slower than before.", "worse_than_before"),
        ("It is hardly slower than before.", "worse_than_before"),
        ("It is not any slower than last year.", "worse_than_before"),
        ("It is not much slower than before.", "worse_than_before"),
        ("Things are no longer going downhill.", "getting_worse"),
        ("Far from gone downhill, it is better.", "getting_worse"),
        # the comparative is about something else: effort, opening hours, lasting
        ("They work harder than ever.", "worse_than_before"),
        ("The new hires work much harder than before.", "worse_than_before"),
        ("Harder working than ever, well done team.", "worse_than_before"),
        ("The canteen is open longer than it used to be, lovely.", "worse_than_before"),
        ("The shop stays open much later than last year.", "worse_than_before"),
        ("The new laptops last longer than the old ones did.", "worse_than_before"),
        ("The new batteries last twice as long.", "ticket_unfixed"),
        ("It is not twice as long as before.", "ticket_unfixed"),
        # an idiom, and being taught
        ("Backwards and forwards with emails all day, but they got there.", "getting_worse"),
        ("They taught me to fix it myself.", "ticket_unfixed"),
        ("Thanks for explaining, now I can sort it myself.", "ticket_unfixed"),
    ],
)
def test_negations_and_other_comparisons_are_no_complaint(text: str, rule: str) -> None:
    assert rule not in _rules(text)
    # VADER's own words may remain ("no" -1.2, "slower" after a curly "isn’t"), not the
    # rule's -2.5 / -2.0
    assert _compound(text) > -0.3


def test_a_negation_before_an_intensifier_is_no_praise() -> None:
    text = "Not much faster than last year, sadly."
    assert "better_than_before" not in _rules(text)
    assert _compound(text) < 0


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("It’s not what it used to be.", "getting_worse"),
        ("They’re less helpful than they used to be.", "worse_than_before"),
        ("Replies are much slower than last year.", "worse_than_before"),
        ("We have to work longer than before.", "worse_than_before"),
        ("They left me to fix it myself.", "ticket_unfixed"),
        ("IT HAS GONE DOWNHILL SINCE THE MOVE.", "getting_worse"),
        ("Things are going downhill, backwards and forwards on every decision.", "getting_worse"),
    ],
)
def test_the_complaints_next_to_those_still_fire(text: str, rule: str) -> None:
    assert rule in _rules(text)
    assert _compound(text) < -0.3


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # fewer complaints, errors or tickets is good news
        ("Complaints have really dropped off since the new process.", "getting_worse"),
        ("Errors have fallen off sharply.", "getting_worse"),
        ("Tickets have tailed off, quiet month.", "getting_worse"),
        # a ticket closed and the fix held
        ("Closed as fixed and it never came back.", "ticket_unfixed"),
        ("Marked as done and not a single issue since.", "ticket_unfixed"),
        ("They marked it resolved and it's not broken any more, thanks!", "ticket_unfixed"),
        ("Ticket closed as resolved and nothing else to report, great job.", "ticket_unfixed"),
        ("Marked resolved and still working perfectly a week later.", "ticket_unfixed"),
    ],
)
def test_less_trouble_and_a_fix_that_held_are_no_complaint(text: str, rule: str) -> None:
    assert rule not in _rules(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Quality really dropped off this year.", "getting_worse"),
        ("Sales have dropped off badly.", "getting_worse"),
        ("Marked as fixed and nothing works.", "ticket_unfixed"),
        ("Marked resolved and it never worked again.", "ticket_unfixed"),
        ("They closed it as resolved and it still isn't working.", "ticket_unfixed"),
    ],
)
def test_decline_and_an_unfixed_ticket_next_to_those_still_fire(text: str, rule: str) -> None:
    assert rule in _rules(text)
    assert _compound(text) < -0.3


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # "n't" ends a word ("isn't"), so no word boundary stands before it
        ("The portal isn't what it used to be.", "getting_worse"),
        ("It isn’t as good as it used to be.", "getting_worse"),
        ("They aren't as quick as they used to be.", "getting_worse"),
        ("Marked resolved and it doesn't work.", "ticket_unfixed"),
    ],
)
def test_a_contracted_negation_is_read(text: str, rule: str) -> None:
    assert rule in _rules(text)
    assert _compound(text) < -0.3


def test_a_contracted_negation_of_the_trouble_coming_back_is_no_complaint() -> None:
    text = "Marked resolved and it hasn't come back since, thanks."
    assert "ticket_unfixed" not in _rules(text)
    assert _compound(text) > 0.3
