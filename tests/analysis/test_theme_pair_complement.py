"""A theme's count in one pair under the threshold cannot be worked out from the theme's
total and the other pairs' counts (analysis.theme_pairs.pair_sizes).

The Themes section lists a theme's count in the wave and, for the theme chosen, its count
in each pair whose comments may be shown, "fewer than k" where that count is under k.
With one such pair, the total less the pairs shown gave its count exactly.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.pipeline import analyse_workspace
from analysis.theme_pairs import pair_sizes, theme_keys
from surveys.csv_import import import_csv
from surveys.store import create_workspace, open_workspace

PRIVACY = "They shared patient data without consent, a privacy breach."
PLAIN = "Replies take a week and the ticket queue is long."


def _sizes(folder: Path, worried: dict[str, int]) -> tuple[int, list]:
    """Ten Sales people rate and comment on each target; ``worried[target]`` of them write
    about privacy in their comment on it. The theme's total and its pair sizes."""
    create_workspace(folder, ("Sales", *worried)).close()
    path = folder.parent / f"{folder.name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item",
             "value"]
        )  # fmt: skip
        for person in range(10):
            for target, count in worried.items():
                text = PRIVACY if person < count else f"{PLAIN} ({person})"
                out.writerow([f"p{person}", "2026-05", "Sales", target, "overall", 2])
                out.writerow([f"p{person}", "2026-05", "Sales", target, "comment", text])
    import_csv(folder, path)
    result = analyse_workspace(folder, "2026-05")
    theme = next(t for t in result.themes if t.name == "Privacy and security")
    db = open_workspace(folder)
    try:
        return theme.count, pair_sizes(db, result, theme, theme_keys(db))
    finally:
        db.close()


def test_one_pair_under_the_threshold_is_not_the_total_less_the_others(tmp_path: Path) -> None:
    total, sizes = _sizes(tmp_path / "one", {"IT": 7, "Marketing": 8, "Operations": 3})
    assert total == 18
    hidden = [pair for pair, count in sizes if count is None]
    shown = sum(count for _, count in sizes if count is not None)
    assert "Sales → Operations" in hidden
    assert len(hidden) >= 2  # before: only it, and 18 - (7 + 8) gave its 3
    assert total - shown >= 5  # what is hidden is at least k, in two pairs or more
    assert sizes[0] == ("Sales → Marketing", 8)  # the largest stays shown


def test_pairs_all_over_the_threshold_are_all_shown(tmp_path: Path) -> None:
    total, sizes = _sizes(tmp_path / "all", {"IT": 7, "Marketing": 8, "Operations": 5})
    assert total == 20
    assert sizes == [("Sales → Marketing", 8), ("Sales → IT", 7), ("Sales → Operations", 5)]
