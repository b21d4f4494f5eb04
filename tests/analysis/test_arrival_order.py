"""The workspace file keeps no arrival order, run after run (issue 18: timing must not undo
blindness).

Sixteen people answer one after another, and HR ingests after each answer, so every answer
arrives in its own run and the order of arrival is known to the test. The test then plays a
hostile colleague holding everything HR holds: the workspace file (every table, every
``rowid``, the comment ids, the ratings snapshot the analysis keeps) and the roll. Before,
``submissions.rowid`` and ``comments.id`` grew with every row stored, so sorting by either
listed the answers in the order they arrived; joined to what the colleague knows of who
answered when (a share's audit log, "I answered on Monday morning"), that names the person
behind each answer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from surveys.ingest import ingest
from surveys.ticket_wait import deliver_ticketed
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission

PEOPLE = 16


def _kendall_tau(order: list[int]) -> float:
    """Rank correlation of ``order`` with 0, 1, 2, …: 1 sorted, -1 reversed, ~0 unrelated."""
    n = len(order)
    score = sum(
        (order[j] > order[i]) - (order[j] < order[i]) for i in range(n) for j in range(i + 1, n)
    )
    return score / (n * (n - 1) / 2)


def _arrive_one_per_run(world, survey) -> list[str]:
    """Each person answers (with a comment) and HR ingests at once; ids in arrival order."""
    for number in range(PEOPLE):
        world.request(f"person-{number:02d}", survey)
    assert world.sign().signed == PEOPLE
    arrived = []
    for number in range(PEOPLE):
        sub = submission(
            {"IT": {"timely": 1 + number % 5, "overall": 1 + (number * 3) % 5}},
            {"IT": f"Comment number {number}: the report queue is slow again."},
        )
        with world.person(f"person-{number:02d}"):
            assert deliver_ticketed(sub, survey, world.share, "Sales").delivered
        assert ingest(world.workspace, world.share, PASSPHRASE).stored == 1
        arrived.append(sub.id)
    return arrived


def test_no_key_in_the_workspace_file_gives_the_order_of_arrival(workspace: Path, tmp_path):
    from analysis.ratings import load_ratings
    from surveys.model import DIMENSIONS
    from surveys.store import open_workspace

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    arrived = _arrive_one_per_run(world, survey)
    position = {sub_id: index for index, sub_id in enumerate(arrived)}

    con = sqlite3.connect(workspace / "rapport.db")  # the raw file, as a colleague opens it
    try:
        by_rowid = [r[0] for r in con.execute("SELECT id FROM submissions ORDER BY rowid")]
        as_stored = [r[0] for r in con.execute("SELECT id FROM submissions")]
        by_comment = [r[0] for r in con.execute("SELECT submission_id FROM comments ORDER BY id")]
        roll = [r[0] for r in con.execute("SELECT owner FROM ticket_roll")]
    finally:
        con.close()
    assert sorted(by_rowid) == sorted(arrived) and len(by_comment) == PEOPLE
    for order in (by_rowid, as_stored, by_comment):
        ranks = [position[sub_id] for sub_id in order]
        assert ranks != sorted(ranks) and ranks != sorted(ranks, reverse=True)
        assert abs(_kendall_tau(ranks)) < 0.9  # a random order: |tau| ~ 0.19 here
    assert roll == sorted(roll)  # WITHOUT ROWID: in owner order (answers too: by random id)

    # The analysis keeps its rows in submission order: that order is random too.
    db = open_workspace(workspace)
    try:
        ratings = load_ratings(db)
    finally:
        db.close()
    timely = [int(v) for v in ratings.dims[:, DIMENSIONS.index("timely")]]
    in_arrival = [1 + n % 5 for n in range(PEOPLE)]
    assert sorted(timely) == sorted(in_arrival) and timely != in_arrival
