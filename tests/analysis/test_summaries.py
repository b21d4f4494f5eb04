"""Theme summaries read from a real workspace: counts, negative shares and safe examples."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.privacy import Thresholds
from analysis.relationships import WaveRef
from analysis.summaries import EXAMPLE_POOL, theme_summaries
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler


def _comments(folder: Path, source: str, target: str, rows: list[tuple]) -> None:
    """``rows`` of (themes, label, redacted text) as comments of ``source`` about ``target``."""
    filler = Filler(folder)
    for themes, label, redacted in rows:
        filler.respondent("2026-10", source, target, {"overall": 3}, "raw text")
        filler.db.execute(
            "UPDATE comments SET themes = ?, label = ?, redacted = ? WHERE id = "
            "(SELECT MAX(id) FROM comments)",
            [themes, label, redacted],
        )
    filler.close()


def _summaries(folder: Path, allowed_names: set[tuple[str, str]]) -> dict:
    db = open_workspace(folder)
    try:
        ids = {name: i for i, name in db.execute("SELECT id, name FROM departments")}
        wave = WaveRef(*db.execute("SELECT id, name FROM waves").fetchone())
        allowed = {(ids[a], ids[b]) for a, b in allowed_names}
        out = theme_summaries(db, wave, allowed, Thresholds(5, 5), str.upper)
    finally:
        db.close()
    return {s.name: s for s in out}


def test_counts_shares_and_an_example_beyond_the_first_empty_texts(workspace: Path) -> None:
    speed = json.dumps(["responsiveness"])
    empty = [(speed, "negative", "")] * (EXAMPLE_POOL + 2)  # redacted to nothing
    quotable = [(speed, "positive", f"Reply number {i} from [name]") for i in range(3)]
    _comments(workspace, "Sales", "IT", empty + quotable + [(speed, None, "unlabelled")])
    hidden = [(json.dumps(["responsiveness", "tools_shadow_it"]), "neutral", "secret")] * 5
    _comments(workspace, "Marketing", "Operations", hidden)
    _comments(workspace, "IT", "Sales", [("not json", "negative", "broken")] * 2)

    got = _summaries(workspace, {("Sales", "IT")})

    # Only Sales → IT may show its comments: the hidden pair's five are not counted, and
    # the total the share is taken of is Sales → IT's comments alone.
    assert set(got) == {"RESPONSIVENESS"}
    speed_summary = got["RESPONSIVENESS"]
    assert speed_summary.count == EXAMPLE_POOL + 2 + 3 + 1
    assert speed_summary.share == 1.0
    labelled = EXAMPLE_POOL + 2 + 3
    assert speed_summary.negative_share == round((EXAMPLE_POOL + 2) / labelled, 3)
    assert speed_summary.example in {f"Reply number {i} from [name]" for i in range(3)}


def test_too_few_comments_in_the_wave_give_no_themes(workspace: Path) -> None:
    _comments(workspace, "Sales", "IT", [(json.dumps(["responsiveness"]), "negative", "x")] * 4)
    assert _summaries(workspace, {("Sales", "IT")}) == {}


def test_a_topic_example_says_the_topic_terms_and_ties_keep_the_shuffled_order() -> None:
    from analysis.summaries import _fitting_example

    quotes = [
        "I still have no ETA on a change to the referral form.",
        "It takes an escalation to get an export of last quarter's orders.",
        "The order dashboard export for last quarter is broken.",
    ]
    name = "order dashboard, export, last quarter"
    assert _fitting_example(quotes, name) == quotes[2]
    assert _fitting_example(quotes[:2], name) == quotes[1]
    assert _fitting_example(quotes, "Responsiveness") == quotes[0]  # no term: first quote
    assert _fitting_example([], name) is None


def test_a_topic_example_finds_an_acronym_as_written() -> None:
    from analysis.summaries import _fitting_example

    quotes = [
        "Laptops: it took weeks and it never came with a charger.",
        "IT sends the laptops late, and IT access takes a week.",
    ]
    # "it", and the "it" of "with", are not the department of the label
    assert _fitting_example(quotes, "IT, laptops") == quotes[1]
    assert _fitting_example(quotes, "IT access, laptops") == quotes[1]
    assert _fitting_example(quotes[::-1], "laptops") == quotes[1]  # a tie keeps the order
