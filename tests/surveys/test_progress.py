"""map_distinct: the one loop that conflict language and themes share."""

from __future__ import annotations

import pytest

from analysis.conflict import analyse_conflict, analyse_conflicts
from analysis.themes import default_taxonomy, match_themes
from surveys.progress import Cancelled, map_distinct


def test_each_distinct_item_is_computed_once_and_results_keep_their_order() -> None:
    calls: list[str | None] = []

    def upper(text: str | None) -> str:
        calls.append(text)
        return (text or "").upper()

    seen: list[tuple[float, str]] = []
    items = ["a", "b", "a", None, "b", None, "c"]
    out = map_distinct(upper, items, lambda f, m: seen.append((f, m)), "Shouting")

    assert out == ["A", "B", "A", "", "B", "", "C"]
    assert calls == ["a", "b", None, "c"]
    assert seen[0] == (0.0, "Shouting") and seen[-1] == (1.0, "Shouting")
    assert all(0.0 <= f <= 1.0 for f, _ in seen)


def test_cancel_from_progress_stops_the_loop() -> None:
    done: list[int] = []

    def cancel_halfway(fraction: float, message: str) -> None:
        if fraction >= 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        map_distinct(done.append, list(range(1000)), cancel_halfway, "Counting")
    assert 400 <= len(done) < 1000


def test_conflicts_and_themes_give_what_the_single_text_functions_give() -> None:
    texts = [
        "They always blame us.",
        "Thanks for the quick turnaround!",
        None,
        "They always blame us.",
    ]
    assert analyse_conflicts(texts) == [analyse_conflict(t) for t in texts]
    taxonomy = default_taxonomy()
    assert match_themes(texts, taxonomy) == [list(taxonomy.match(t)) for t in texts]
