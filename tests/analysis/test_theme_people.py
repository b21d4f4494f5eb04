"""Themes and the comments explorer's filters count *people*, not comments (fourth
hostile round).

One respondent writes a comment about each department they rate, so comments can come
from fewer people than the threshold: two people who each named the same worry about
three departments made a theme of six comments, listed with its negative share and an
example, and a search for it in the explorer's view of Sales' pairs passed the
differencing guard as six comments, although only two people stood behind it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.comment_choices import filter_choices
from analysis.comments_query import CommentFilter, select_groups
from analysis.pipeline import analyse_workspace
from surveys.csv_import import import_csv
from surveys.store import create_workspace, open_workspace

TARGETS = ("IT", "Marketing", "Operations")
PLAIN = (
    "Replies take a week and the ticket queue is long.",
    "Meetings are cancelled at short notice.",
    "We rarely hear back about requests.",
)


def _workspace(folder: Path, worried: int, people: int = 5) -> Path:
    """Five (``people``) Sales people rate and comment on each target; ``worried`` of them
    write about privacy in every comment."""
    create_workspace(folder, ("Sales", *TARGETS)).close()
    path = folder.parent / f"{folder.name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item",
             "value"]
        )  # fmt: skip
        for person in range(people):
            for n, target in enumerate(TARGETS):
                text = (
                    f"They shared patient data without consent, a privacy breach ({target})."
                    if person < worried
                    else PLAIN[(person + n) % len(PLAIN)]
                )
                out.writerow([f"p{person}", "2026-05", "Sales", target, "overall", 2])
                out.writerow([f"p{person}", "2026-05", "Sales", target, "comment", text])
    import_csv(folder, path)
    return folder


def _theme(folder: Path, name: str):
    result = analyse_workspace(folder, "2026-05")
    return next((t for t in result.themes if t.name == name), None)


def test_a_theme_of_six_comments_by_two_people_is_not_shown(tmp_path: Path) -> None:
    assert _theme(_workspace(tmp_path / "two", worried=2), "Privacy and security") is None


def test_a_theme_of_five_people_is_shown_with_its_comment_count(tmp_path: Path) -> None:
    theme = _theme(_workspace(tmp_path / "five", worried=5), "Privacy and security")
    assert theme is not None and theme.count == 15


def _search(folder: Path, words: str):
    analyse_workspace(folder, "2026-05")
    db = open_workspace(folder)
    try:
        return select_groups(db, CommentFilter(wave="2026-05", from_dept="Sales", search=words))
    finally:
        db.close()


def test_a_search_that_keeps_two_peoples_six_comments_is_refused(tmp_path: Path) -> None:
    selection = _search(_workspace(tmp_path / "two", worried=2), "privacy")
    assert selection.groups == [] and "fewer than 5 people" in selection.message


def test_a_search_that_keeps_everyone_is_shown(tmp_path: Path) -> None:
    selection = _search(_workspace(tmp_path / "five", worried=5), "privacy")
    assert len(selection.groups) == 3 and selection.total == 15 and not selection.message


def _topic_of_the_worried(folder: Path) -> list:
    """The explorer's topic choices once a topic holds the privacy comments (as discovery
    would make one of their shared words)."""
    analyse_workspace(folder, "2026-05")
    db = open_workspace(folder)
    try:
        _plant_topic(db)
        return [label for _, label in filter_choices(db)["topics"]]
    finally:
        db.close()


def _plant_topic(db) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM comments WHERE text LIKE '%privacy%'")]
    with db.conn:
        db.execute(
            "INSERT INTO topics (run, number, label, terms, size) "
            "VALUES ('planted', 99, 'consent / breach', '[\"consent\", \"breach\"]', ?)",
            [len(ids)],
        )
        topic = db.execute("SELECT id FROM topics WHERE run = 'planted'").fetchone()[0]
        db.conn.executemany(
            "INSERT INTO topic_assignments (comment_id, topic_id, weight) VALUES (?, ?, 1)",
            [(cid, topic) for cid in ids],
        )


def test_a_topic_of_two_people_is_not_offered_as_a_filter(tmp_path: Path) -> None:
    assert "consent / breach" not in _topic_of_the_worried(_workspace(tmp_path / "two", 2))
    assert "consent / breach" in _topic_of_the_worried(_workspace(tmp_path / "five", 5))


def test_a_search_that_leaves_out_three_peoples_nine_comments_is_refused(tmp_path: Path) -> None:
    selection = _search(_workspace(tmp_path / "eight", worried=5, people=8), "privacy")
    assert selection.groups == [] and "leaves out fewer than 5 people" in selection.message
    selection = _search(_workspace(tmp_path / "ten", worried=5, people=10), "privacy")
    assert len(selection.groups) == 3 and selection.total == 15 and not selection.message


def _work(db, flt: CommentFilter) -> int:
    """SQLite's work for the explorer's selection, in steps of 100 instructions."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 100)
    try:
        select_groups(db, flt)
    finally:
        db.conn.set_progress_handler(None, 0)
    return steps[0]


def test_the_guard_stops_counting_people_once_both_sides_have_enough(tmp_path: Path) -> None:
    """The guard runs on the GUI thread at each change of a filter: counting every person
    kept and left out read each comment of the scope once more (about a second for a wave
    of 200,000 comments), when it needs only to know that each side has k."""
    folder = _workspace(tmp_path / "many", worried=600, people=1200)
    analyse_workspace(folder, "2026-05")
    db = open_workspace(folder)
    try:
        scope = _work(db, CommentFilter(wave="2026-05", from_dept="Sales"))
        narrowed = _work(db, CommentFilter(wave="2026-05", from_dept="Sales", search="privacy"))
    finally:
        db.close()
    # Before: 1.5 times the scope's work (every comment read again); now 1.15 (the search)
    assert narrowed < scope * 1.3


def test_the_topic_choices_count_people_only_up_to_the_threshold(tmp_path: Path) -> None:
    """The Comments section reads its topic choices on the GUI thread; counting every
    person of every topic read all their comments (0.3 s for 200,000)."""
    folder = _workspace(tmp_path / "many", worried=600, people=600)
    analyse_workspace(folder, "2026-05")
    db = open_workspace(folder)
    try:
        before = _work_of_choices(db)
        _plant_topic(db)  # a topic of 600 people's 1,800 comments
        after = _work_of_choices(db)
        assert "consent / breach" in [label for _, label in filter_choices(db)["topics"]]
    finally:
        db.close()
    assert after - before < 20  # before: 147 more steps


def _work_of_choices(db) -> int:
    """SQLite's work for the explorer's filter choices, in steps of 100 instructions."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 100)
    try:
        filter_choices(db)
    finally:
        db.conn.set_progress_handler(None, 0)
    return steps[0]
