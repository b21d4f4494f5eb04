"""Blame that has stopped is not read as blame (analysis/sentiment/resolved.py).

Comments from pairs whose relationship improved say so in the old trouble's words ("We
stopped blaming each other"); the learned model knows "blame" from review sites' cons.
"""

from __future__ import annotations

import pytest

from analysis import sentiment
from analysis.sentiment.resolved import without_resolved_blame

TAKEN_OUT = [
    (
        "Meetings are about fixing things now, not who is to blame.",
        "Meetings are about fixing things now.",
    ),
    ("We stopped blaming each other.", ""),
    ("No more blame games.", ""),
    ("Nobody points fingers any more.", ""),
    ("The blame game has finally stopped!", ""),
    ("Sales and IT have stopped the blame game.", ""),
    (
        "Since we started planning launches together the blame has stopped.",
        "Since we started planning launches together.",
    ),
    (
        "Big improvement. Meetings are about fixing things now, not who is to blame. Thanks!",
        "Big improvement. Meetings are about fixing things now. Thanks!",
    ),
    # A wish in an earlier sentence does not keep a later fact; a sentence taken out whole
    # leaves no mark behind (before: "sooner.." and "Great change!. Thanks").
    ("I wish it had come sooner. We stopped blaming each other.", "I wish it had come sooner."),
    ("Great change! No more blame games. Thanks", "Great change! Thanks"),
    # "again" and "back" undo the end only as the blame returning after "but", "then" or
    # "now".
    ("No more blame games. Thanks again!", "Thanks again!"),
    ("The blame has stopped. Now we are back on track.", "Now we are back on track."),
]

READ_WHOLE = [
    "The blame never stops.",
    "The blame has not stopped.",
    "They need to stop blaming us for every delay.",
    "They always blame us.",
    "Stop the blame game.",
    "Fingers crossed for next quarter.",
    "Nothing has changed since the review.",
    "They solve problems with us instead of pointing fingers.",  # a contrast, read as praise
    # A wish or a condition: the blame goes on (before: "I wish." and "If, things would
    # improve." were all that was scored, about 0 instead of negative).
    "I wish the blame games had ended.",
    "If they stopped blaming us, things would improve.",
    "I hope the finger pointing is over soon.",
    "We need to make sure the blame has stopped for good. It has not.",
    # Undone: the blame stopped for a time and came back (before: "The reorg." and
    # "But now it's back." were all that was scored).
    "The blame had stopped until the reorg.",
    "The blame games had ended, but now they are back.",
    "We stopped blaming each other. But now it's back.",
    "The finger pointing had stopped, then the reorg started it all again.",
    "No more blame games for a month. Then it came back.",
]


@pytest.mark.parametrize(("text", "rest"), TAKEN_OUT)
def test_blame_that_has_stopped_is_taken_out(text: str, rest: str) -> None:
    assert without_resolved_blame(text) == rest


@pytest.mark.parametrize("text", READ_WHOLE)
def test_blame_that_goes_on_is_read_whole(text: str) -> None:
    assert without_resolved_blame(text) is text


def test_the_model_no_longer_reads_stopped_blame_as_negative() -> None:
    stopped = [
        "We stopped blaming each other.",
        "No more blame games.",
        "The blame game has stopped.",
    ]
    ongoing = ["The blame never stops.", "They always blame us for every delay."]
    scores = sentiment.score_texts(stopped + ongoing)
    assert scores[:3] == [0.0, 0.0, 0.0]  # nothing else said: undecided, not -0.8
    assert all(s < -0.3 for s in scores[3:])
    undone = sentiment.score_texts(["The blame had stopped until the reorg."])
    assert undone[0] < -0.05  # was -0.04 (neutral): only "until the reorg" was read
    fixed = sentiment.score_texts(["Meetings are about fixing things now, not who is to blame."])
    assert fixed[0] > -0.05  # was -0.75: only "fixing things now" is read


def test_a_long_comment_of_many_turns_is_read_at_once() -> None:
    """A comment of the longest size a respondent may send, after a phrase of stopped
    blame, of turns ("but", "then", "now") and restarts without "again": the one regular
    expression that looked for the blame coming back tried every turn with every restart,
    and took seconds (about 4 s here) for this one comment."""
    import time

    from surveys.validation import MAX_COMMENT

    text = ("The blame has stopped" + " but start now then" * 400)[:MAX_COMMENT]
    began = time.perf_counter()
    assert without_resolved_blame(text) != text  # no return: the phrase is taken out
    assert time.perf_counter() - began < 0.5
    undone = text + ". But now it is back."  # the next sentence undoes the end
    assert without_resolved_blame(undone) == undone


def test_a_long_comment_of_many_phrases_after_many_wishes_is_read_at_once() -> None:
    """Each phrase of stopped blame looked for a wish ("if", "hope"...) from the start of
    the comment, though only one in its own sentence counts: every "if" of the first
    sentence was tried again for each of the forty phrases after it (about 1 s)."""
    import time

    text = "if " * 1500 + "the blame has stopped. " * 40
    began = time.perf_counter()
    rest = without_resolved_blame(text)
    assert time.perf_counter() - began < 0.2
    assert rest.count("blame") == 1  # the first phrase is a wish: kept; the others go
