"""Eighth hostile round: a "comment export" a colleague prepares and HR imports must not
show HR a group's comments that every screen hides (their number, or whether a guessed
comment is among them)."""

from __future__ import annotations

import sqlite3

from surveys.store import database_path
from tests.desktop_app.import_variant_helpers import run
from tests.desktop_app.test_import_comment_exports import comments, write_csv
from tests.surveys.importing.helpers import new_workspace

HEADER = ["Question", "Comment", "Department", "Survey Date"]
QUESTION = "What one thing would make working with Operations better?"
SAID = "Hand-offs from Operations arrive a day late."


def _pulse_workspace(tmp_path, said=(SAID,), source="share"):
    """A workspace whose open pulse wave 2026-12 holds Marketing's comments about
    Operations, given through the respondent's app (source 'share'), or imported from a
    file (``source`` 'import')."""
    workspace = new_workspace(tmp_path / "ws")
    conn = sqlite3.connect(database_path(workspace))
    with conn:
        conn.execute("INSERT INTO waves (name, status) VALUES ('2026-12', 'open')")
        ids = dict(conn.execute("SELECT name, id FROM departments"))
        wave = conn.execute("SELECT id FROM waves WHERE name = '2026-12'").fetchone()[0]
        for i, text in enumerate(said):
            sid = f"s{i}"
            conn.execute(
                "INSERT INTO submissions (id, wave_id, department_id, source) VALUES (?, ?, ?, ?)",
                [sid, wave, ids["Marketing"], source],
            )
            conn.execute(
                "INSERT INTO comments (submission_id, wave_id, from_id, to_id, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [sid, wave, ids["Marketing"], ids["Operations"], text],
            )
    conn.close()
    return workspace


def _probe(tmp_path, name, text, question=QUESTION):
    rows = [HEADER, [question, text, "Marketing", "2026-12-04"]]
    return write_csv(tmp_path / name, rows)


def test_the_refusal_does_not_count_a_group_every_screen_hides(tmp_path, capsys):
    workspace = _pulse_workspace(tmp_path)
    code, _, err = run(capsys, workspace, _probe(tmp_path, "glint.csv", "Faster hand-offs."))
    assert code == 2
    assert "wave 2026-12 holds answers given to a pulse" in err and "--wave 2026-12-import" in err
    assert "1 comment" not in err and "Operations" not in err.split("\n", 2)[1]
    assert len(comments(workspace)) == 1


def test_the_refusal_does_not_tell_which_hidden_groups_commented(tmp_path, capsys):
    """Ninth hostile round: the refusal was for the pairs whose hidden group held a pulse
    comment only (Marketing about Operations refused, Marketing about IT imported), so two
    made-up exports told HR that a Marketing person had commented about Operations. Now
    the wave is refused whatever the pair, in the same words."""
    workspace = _pulse_workspace(tmp_path)
    other = "What one thing would make working with IT better?"
    about_ops = run(capsys, workspace, _probe(tmp_path, "probe.csv", "Faster hand-offs."))
    about_it = run(capsys, workspace, _probe(tmp_path, "probe.csv", "Faster hand-offs.", other))
    assert about_ops[0] == about_it[0] == 2
    assert about_ops[1:] == about_it[1:]
    assert len(comments(workspace)) == 1


def test_a_shown_group_is_counted(tmp_path, capsys):
    said = [f"Late, week {i}." for i in range(6)]
    workspace = _pulse_workspace(tmp_path, said=said, source="import")
    code, _, err = run(capsys, workspace, _probe(tmp_path, "glint.csv", "Faster hand-offs."))
    assert code == 2
    assert "holds 6 comments from Marketing about Operations" in err


def test_a_hidden_group_imported_from_a_file_is_not_counted(tmp_path, capsys):
    workspace = _pulse_workspace(tmp_path, said=["Late."], source="import")
    code, _, err = run(capsys, workspace, _probe(tmp_path, "glint.csv", "Faster hand-offs."))
    assert code == 2
    assert "holds fewer than 5 comments from Marketing about Operations" in err


def test_a_guessed_comment_is_not_confirmed_as_already_imported(tmp_path, capsys):
    """Guessing a pulse comment's words right or wrong ends the same: no "1 already
    imported" tells whoever reads it what one person of a hidden group wrote."""
    workspace = _pulse_workspace(tmp_path)
    right = run(capsys, workspace, _probe(tmp_path, "probe.csv", SAID.upper()))
    wrong = run(capsys, workspace, _probe(tmp_path, "probe.csv", "Slow replies."))
    assert right[0] == wrong[0] == 2
    assert right[2] == wrong[2]
    assert "already imported" not in right[1] + right[2]
    assert len(comments(workspace)) == 1


def test_the_advised_wave_of_its_own_takes_the_file(tmp_path, capsys):
    """The refusal's advice works: the same file with --wave 2026-12-import is imported
    into a new wave, and a second comment export of that survey goes there too."""
    workspace = _pulse_workspace(tmp_path)
    probe = _probe(tmp_path, "glint.csv", "Faster hand-offs.")
    assert run(capsys, workspace, probe)[0] == 2
    code, out, err = run(capsys, workspace, probe, "--wave", "2026-12-import")
    assert code == 0, err
    other = _probe(tmp_path, "glint2.csv", "Fewer meetings.", "What about IT?")
    assert run(capsys, workspace, other, "--wave", "2026-12-import")[0] == 0
    conn = sqlite3.connect(database_path(workspace))
    rows = conn.execute(
        "SELECT w.name, count(*) FROM comments c JOIN waves w ON w.id = c.wave_id GROUP BY 1"
    ).fetchall()
    conn.close()
    assert sorted(rows) == [("2026-12", 1), ("2026-12-import", 2)]
