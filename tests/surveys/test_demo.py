"""The demo workspace: deterministic, realistic, with the stories of docs/demo.md."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.demo import DemoError, FolderState, build_demo, folder_state
from surveys.store import database_path, get_setting, open_workspace

DIMS = (
    "('frequent','timely','accurate','problem_solving','shared_goals','shared_knowledge','respect')"
)
TABLES = ("settings", "departments", "surveys", "waves", "submissions", "answers", "comments")
TABLES = (*TABLES, "actions")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The demo workspace of seed 0, built once for the read-only tests."""
    folder = tmp_path_factory.mktemp("demo") / "ws"
    build_demo(folder, seed=0)
    conn = sqlite3.connect(database_path(folder))
    yield conn
    conn.close()


def index(conn: sqlite3.Connection, source: str, target: str, waves: str = "") -> float:
    """Mean of the seven dimensions for a directed pair, over ``waves`` (SQL) or all."""
    sql = (
        "SELECT avg(a.value) FROM answers a JOIN departments f ON f.id = a.from_id "
        "JOIN departments t ON t.id = a.to_id JOIN waves w ON w.id = a.wave_id "
        f"WHERE f.name = ? AND t.name = ? AND a.item IN {DIMS}"
    )
    if waves:
        sql += f" AND w.name IN {waves}"
    return conn.execute(sql, [source, target]).fetchone()[0]


def dump(folder: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(database_path(folder))
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES}
    finally:
        conn.close()


def test_same_seed_gives_the_same_database_and_another_seed_does_not(tmp_path: Path) -> None:
    build_demo(tmp_path / "a", seed=7)
    build_demo(tmp_path / "b", seed=7)
    build_demo(tmp_path / "c", seed=8)
    first, again, other = dump(tmp_path / "a"), dump(tmp_path / "b"), dump(tmp_path / "c")
    assert first == again
    assert first["answers"] and first["answers"] != other["answers"]
    assert first["comments"] != other["comments"]


def test_organisation_settings_survey_and_waves(demo: sqlite3.Connection, tmp_path: Path) -> None:
    rows = demo.execute("SELECT name, headcount FROM departments ORDER BY position").fetchall()
    assert rows == [("Sales", 40), ("IT", 25), ("Marketing", 15), ("Operations", 60)]
    waves = demo.execute("SELECT name, opens, closes, status FROM waves ORDER BY opens").fetchall()
    assert [w[0] for w in waves] == [f"2026-{m:02d}" for m in range(5, 11)]
    assert all(w[1] < w[2] and w[1][:7] == w[0] and w[3] == "closed" for w in waves)
    key, definition = demo.execute("SELECT key, definition FROM surveys").fetchone()
    assert key == "full-pulse" and '"item": "problem_solving"' in definition
    outside = demo.execute(
        "SELECT count(*) FROM submissions s JOIN waves w ON w.id = s.wave_id "
        "WHERE s.day < w.opens OR s.day > w.closes OR s.source != 'demo'"
    ).fetchone()[0]
    assert outside == 0


def test_participation_is_between_55_and_80_percent(demo: sqlite3.Connection) -> None:
    shares = demo.execute(
        "SELECT count(*) * 1.0 / d.headcount FROM submissions s "
        "JOIN departments d ON d.id = s.department_id GROUP BY s.wave_id, s.department_id"
    ).fetchall()
    assert len(shares) == 24
    assert all(0.55 <= share <= 0.80 for (share,) in shares)


def test_every_respondent_rates_all_items_of_some_other_departments(
    demo: sqlite3.Connection,
) -> None:
    per_target = demo.execute(
        "SELECT count(*), min(value), max(value) FROM answers GROUP BY submission_id, to_id"
    ).fetchall()
    assert {n for n, _, _ in per_target} == {8}
    assert min(lo for _, lo, _ in per_target) == 1 and max(hi for _, _, hi in per_target) == 5
    assert demo.execute("SELECT count(*) FROM answers WHERE from_id = to_id").fetchone()[0] == 0
    targets = demo.execute("SELECT count(DISTINCT to_id) FROM answers GROUP BY submission_id")
    counts = {n for (n,) in targets}
    assert 1 in counts and 3 in counts  # not everyone works with everyone


def test_sales_rates_it_weak_and_worse_while_it_rates_sales_moderate(
    demo: sqlite3.Connection,
) -> None:
    by_wave = [index(demo, "Sales", "IT", f"('2026-{m:02d}')") for m in range(5, 11)]
    assert by_wave[-1] < 3.0 < by_wave[0]
    assert by_wave[0] > by_wave[2] > by_wave[4] > by_wave[5]
    assert index(demo, "IT", "Sales") >= 3.5
    assert index(demo, "IT", "Sales") - by_wave[-1] > 0.8
    last = "(SELECT id FROM waves WHERE name = '2026-10')"
    dims = dict(
        demo.execute(
            "SELECT item, avg(value) FROM answers WHERE from_id = 1 AND to_id = 2 "
            f"AND wave_id = {last} GROUP BY item"
        ).fetchall()
    )
    lowest = sorted((v, k) for k, v in dims.items() if k != "overall")[:2]
    assert {k for _, k in lowest} == {"timely", "problem_solving"}


def test_marketing_and_it_feud_both_ways(demo: sqlite3.Connection) -> None:
    assert index(demo, "Marketing", "IT") < 3.2
    assert index(demo, "IT", "Marketing") < 3.2


def test_sales_and_marketing_recover_after_the_joint_action(demo: sqlite3.Connection) -> None:
    before, after = "('2026-05','2026-06','2026-07')", "('2026-08','2026-09','2026-10')"
    for source, target in (("Sales", "Marketing"), ("Marketing", "Sales")):
        assert index(demo, source, target, before) < 3.2
        assert index(demo, source, target, after) > index(demo, source, target, before) + 0.5
    action = demo.execute(
        "SELECT a.title, a.status, w.name FROM actions a JOIN waves w ON w.id = a.wave_id "
        "WHERE a.from_id = 1 AND a.to_id = 3"
    ).fetchone()
    assert action == ("Joint campaign planning before launches", "done", "2026-07")


def test_operations_rates_sales_much_lower_than_the_reverse(demo: sqlite3.Connection) -> None:
    assert index(demo, "Sales", "Operations") - index(demo, "Operations", "Sales") > 1.0


def test_some_marketing_cells_fall_under_the_anonymity_threshold(
    demo: sqlite3.Connection,
) -> None:
    small = demo.execute(
        "SELECT f.name, count(DISTINCT submission_id) AS n FROM answers a "
        "JOIN departments f ON f.id = a.from_id GROUP BY wave_id, from_id, to_id HAVING n < 5"
    ).fetchall()
    assert len(small) >= 2
    assert {name for name, _ in small} == {"Marketing"}


def test_comments_are_varied_and_tell_the_stories(demo: sqlite3.Connection) -> None:
    texts = [t for (t,) in demo.execute("SELECT text FROM comments")]
    assert len(set(texts)) >= 300
    rate = (
        len(texts)
        / demo.execute("SELECT count(*) FROM answers WHERE item = 'overall'").fetchone()[0]
    )
    assert 0.35 <= rate <= 0.5
    lengths = sorted(len(t) for t in texts)
    assert lengths[0] < 20 and lengths[-1] > 150
    sales_it = " ".join(
        t for (t,) in demo.execute("SELECT text FROM comments WHERE from_id = 1 AND to_id = 2")
    ).lower()
    for phrase in ("department of no", "over their heads", "weeks"):
        assert phrase in sales_it
    mkt_it = " ".join(
        t for (t,) in demo.execute("SELECT text FROM comments WHERE from_id = 3 AND to_id = 2")
    ).lower()
    assert "privacy" in mkt_it and "tool" in mkt_it
    sm_late = " ".join(
        t
        for (t,) in demo.execute(
            "SELECT text FROM comments c JOIN waves w ON w.id = c.wave_id "
            "WHERE from_id IN (1, 3) AND to_id IN (1, 3) AND w.name >= '2026-08'"
        )
    ).lower()
    assert "together" in sm_late


def test_comments_carry_names_emails_and_phone_numbers_for_redaction(
    demo: sqlite3.Connection,
) -> None:
    texts = [t for (t,) in demo.execute("SELECT text FROM comments")]
    names = get_setting_from(demo, "redaction_names")
    assert len(names) >= 3
    assert any(name in t for t in texts for name in names)
    assert any(re.search(r"\b[\w.]+@[\w-]+\.\w+", t) for t in texts)
    assert any(re.search(r"\(?\+?\d[\d ()-]{6,}\d", t) for t in texts)


def get_setting_from(conn: sqlite3.Connection, key: str):
    import json

    return json.loads(conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()[0])


def test_summary_counts_match_the_database(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "ws", seed=3)
    db = open_workspace(tmp_path / "ws")
    assert summary.submissions == db.execute("SELECT count(*) FROM submissions").fetchone()[0]
    assert summary.comments == db.execute("SELECT count(*) FROM comments").fetchone()[0]
    assert summary.replaced is FolderState.NEW
    assert get_setting(db, "organisation") == "Northwind Diagnostics"
    assert get_setting(db, "demo") == {"seed": 3, "version": 1}


def test_a_demo_is_replaced_but_other_folders_are_never_touched(
    tmp_path: Path, workspace: Path
) -> None:
    folder = tmp_path / "ws2"
    build_demo(folder, seed=1)
    summary = build_demo(folder, seed=2)
    assert summary.replaced is FolderState.DEMO
    assert get_setting(open_workspace(folder), "demo")["seed"] == 2
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("rapport.db-")) == [
        "rapport.db"
    ]

    other = tmp_path / "notes"
    other.mkdir()
    (other / "plan.txt").write_text("keep me")
    with pytest.raises(DemoError, match="not empty"):
        build_demo(other)
    assert [p.name for p in other.iterdir()] == ["plan.txt"]

    before = database_path(workspace).read_bytes()
    with pytest.raises(DemoError, match="--force"):
        build_demo(workspace)
    assert database_path(workspace).read_bytes() == before
    assert build_demo(workspace, force=True).replaced is FolderState.WORKSPACE
    assert folder_state(workspace) is FolderState.DEMO


def test_a_cancelled_build_leaves_the_earlier_demo_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    build_demo(folder, seed=1)
    before = dump(folder)

    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo(folder, seed=5, progress=cancel)
    assert dump(folder) == before
    assert [p.name for p in folder.iterdir() if p.name.startswith(".rapport-demo")] == []


def test_cli_builds_the_demo_and_says_what_to_look_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "Northwind Diagnostics" in out and "seed 4" in out
    assert "Sales -> IT" in out
    assert folder_state(tmp_path / "demo-workspace") is FolderState.DEMO
    db = open_workspace(tmp_path / "demo-workspace")
    submissions = db.execute("SELECT count(*) FROM submissions").fetchone()[0]
    assert f"{submissions} submissions" in out

    assert main(["demo"]) == 0
    assert "replacing it" in capsys.readouterr().out

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "data.csv").write_text("a,b\n")
    assert main(["demo", "--workspace", str(tmp_path / "full")]) == 2
    err = capsys.readouterr().err
    assert "not a Rapport workspace" in err and "Traceback" not in err


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_stories_do_not_depend_on_a_lucky_seed(tmp_path: Path, seed: int) -> None:
    summary = build_demo(tmp_path / "ws", seed=seed)
    conn = sqlite3.connect(database_path(tmp_path / "ws"))
    first, last = (index(conn, "Sales", "IT", f"('{w}')") for w in ("2026-05", "2026-10"))
    assert last < 3.0 < first
    assert index(conn, "Marketing", "IT") < 3.2 and index(conn, "IT", "Marketing") < 3.2
    assert index(conn, "Sales", "Operations") - index(conn, "Operations", "Sales") > 1.0
    assert summary.small_cells >= 2 and summary.distinct_comments >= 300
    conn.close()
