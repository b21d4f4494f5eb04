"""Open waves show participation only; a closed wave's figures never change afterwards.

The attack: analyse a wave at 6 respondents, then at 7. ``7 × m7 − 6 × m6`` is the seventh
person's ratings, and a replaced answer leaks the same way. Everything here goes through
the real share, ingest, CSV import and analysis.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from analysis.pipeline import analyse_workspace
from surveys.csv_import import CsvImportError, import_csv
from surveys.ingest import ingest
from surveys.intake import store_submission
from surveys.publish import close_wave
from surveys.store import database_path, open_workspace
from surveys.transport import deliver
from surveys.waves import WaveError, get_wave, open_wave, set_wave_status
from tests.analysis.core_helpers import fake_engine
from tests.surveys.csv_helpers import GOOD, write
from tests.surveys.transport_helpers import PASSPHRASE, WAVE, publish, submission

ITEMS = ("timely", "accurate", "overall")


def _rating(value: int, token: str | None = None, day: str = "2026-10-05", note: str = ""):
    return submission(
        {"IT": dict.fromkeys(ITEMS, value)}, {"IT": f"Handovers are a {value} out of 5{note}"},
        token=token, day=day,
    )  # fmt: skip


def _six_answers(workspace: Path, share: Path):
    survey = publish(workspace, share)
    for value, note in zip((1, 2, 3, 4, 5, 3), ("",) * 5 + (", really",), strict=True):
        token = f"{value}" * 32 if value == 1 else None
        deliver(_rating(value, token=token, note=note), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 6
    return survey


def _figures(workspace: Path):
    result = analyse_workspace(workspace, engine=fake_engine())
    pair = result.pair("Sales", "IT")
    return result, (pair.n, pair.dimensions["timely"], pair.overall, pair.comment_count)


def test_an_open_wave_shows_participation_only(workspace: Path, tmp_path: Path) -> None:
    _six_answers(workspace, tmp_path / "share")
    result = analyse_workspace(workspace, engine=fake_engine())
    assert result.wave == WAVE and result.released is False
    assert result.pairs == [] and result.hotspots == [] and result.themes == []
    assert result.organisation_index is None and result.trends == {}
    assert {p.department: p.submitted for p in result.participation}["Sales"] == 6
    assert "still open" in result.method["release"]
    data = result.to_json()
    assert data["released"] is False and data["pairs"] == []


def test_six_then_seven_reveals_nothing(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    survey = _six_answers(workspace, share)
    close_wave(workspace, share, WAVE)
    db = open_workspace(workspace)
    assert get_wave(db, WAVE).released is not None
    db.close()
    _, six = _figures(workspace)
    assert six == (6, 3.0, 3.0, 6)

    # The seventh answer was sealed while the wave was open and arrives after it closed.
    deliver(_rating(5), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.stored, report.late, len(report.quarantined)) == (0, 1, 0)
    _, seven = _figures(workspace)
    assert seven == six  # 7·m7 − 6·m6 has nothing to find

    db = open_workspace(workspace)
    assert db.execute("SELECT COUNT(*) FROM late_submissions").fetchone() == (1,)
    db.close()
    assert ingest(workspace, share, PASSPHRASE).files == 0  # archived, not retried


def test_a_replaced_answer_after_the_release_changes_nothing(workspace: Path, tmp_path) -> None:
    share = tmp_path / "share"
    _six_answers(workspace, share)
    close_wave(workspace, share, WAVE)
    _, before = _figures(workspace)
    db = open_workspace(workspace)
    newer = _rating(5, token="1" * 32, day="2026-10-06")  # the person who answered 1
    assert store_submission(db, newer) == "late"
    assert store_submission(db, newer) == "duplicate"
    kept = db.execute("SELECT COUNT(*) FROM submissions WHERE token = ?", ["1" * 32]).fetchone()
    db.close()
    assert kept == (1,)
    _, after = _figures(workspace)
    assert after == before


def test_a_released_wave_is_never_opened_again(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    _six_answers(workspace, share)
    close_wave(workspace, share, WAVE)
    with pytest.raises(WaveError, match="cannot be opened again"):
        publish(workspace, share)
    db = open_workspace(workspace)
    with pytest.raises(WaveError, match="Publish a new wave"):
        set_wave_status(db, WAVE, "open")
    with pytest.raises(WaveError, match="closed and its figures released"):
        open_wave(db, WAVE, 1, None, None)
    assert get_wave(db, WAVE).status == "closed"
    db.close()
    assert not (share / "published" / f"{WAVE}.json").exists()


def test_the_database_refuses_to_change_a_released_wave(workspace: Path, tmp_path) -> None:
    share = tmp_path / "share"
    _six_answers(workspace, share)
    close_wave(workspace, share, WAVE)
    conn = sqlite3.connect(database_path(workspace))
    wave_id, sub_id = conn.execute(
        "SELECT wave_id, id FROM submissions ORDER BY id LIMIT 1"
    ).fetchone()
    attempts = [
        ("INSERT INTO submissions (id, wave_id, department_id) VALUES ('x-late', ?, 1)", [wave_id]),
        ("DELETE FROM submissions WHERE id = ?", [sub_id]),
        ("UPDATE answers SET value = 5 WHERE submission_id = ?", [sub_id]),
        ("DELETE FROM answers WHERE submission_id = ?", [sub_id]),
        ("UPDATE comments SET text = 'changed' WHERE submission_id = ?", [sub_id]),
        ("INSERT INTO comments (submission_id, wave_id, from_id, to_id, text) "
         "VALUES (?, ?, 1, 2, 'more')", [sub_id, wave_id]),
        ("UPDATE waves SET released = NULL WHERE id = ?", [wave_id]),
    ]  # fmt: skip
    for sql, params in attempts:
        with pytest.raises(sqlite3.IntegrityError, match="released"):
            conn.execute(sql, params)
    conn.execute("UPDATE comments SET redacted = 'x', sentiment = 0 WHERE submission_id = ?",
                 [sub_id])  # fmt: skip
    conn.close()


def test_csv_import_releases_historical_waves_and_refuses_later_additions(
    workspace: Path, tmp_path: Path
) -> None:
    import_csv(workspace, write(tmp_path, GOOD))
    db = open_workspace(workspace)
    assert [(w.status, bool(w.released)) for w in map(lambda n: get_wave(db, n),
            ("2026-10", "2026-11"))] == [("closed", True), ("closed", True)]  # fmt: skip
    db.close()
    again = import_csv(workspace, write(tmp_path, GOOD, "again.csv"))
    assert (again.submissions_new, again.submissions_skipped) == (0, 3)  # re-import: harmless
    later = GOOD + "s-004,2026-10,Operations,Sales,accurate,5\ns-005,2026-10,IT,Sales,timely,1\n"
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, later, "later.csv"))
    [error] = caught.value.errors  # once per wave, not once per row
    assert (error.line, error.field) == (9, "wave")
    assert "2026-10 was closed and its figures released" in error.message
    assert "2026-10-b" in error.message


def test_an_open_wave_takes_csv_answers_until_it_closes(workspace: Path, tmp_path) -> None:
    db = open_workspace(workspace)
    db.execute("INSERT INTO waves (name, status) VALUES ('2026-10', 'open')")
    db.close()
    import_csv(workspace, write(tmp_path, GOOD))
    db = open_workspace(workspace)
    assert get_wave(db, "2026-10").released is None  # still open: nothing released
    assert get_wave(db, "2026-11").released is not None  # created by the import: historical
    db.close()


def test_migration_releases_waves_closed_before_it(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "schema_005.db"
    database_path(tmp_path).write_bytes(fixture.read_bytes())
    db = open_workspace(tmp_path)
    (wave,) = db.execute("SELECT status, released FROM waves").fetchall()
    db.close()
    assert wave[0] == "closed" and wave[1] is not None


def test_the_command_line_closes_a_wave_once_the_inbox_is_empty(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import time

    from desktop_app.cli import main
    from surveys import wave_stop

    share = tmp_path / "share"
    survey = _six_answers(workspace, share)
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "wave 2026-10 is still open (6 answers so far)" in printed and "Sales: 6" in printed
    assert main(["export", str(workspace), "--csv", str(tmp_path / "csv")]) == 2
    assert "still open" in capsys.readouterr().err

    deliver(_rating(4), survey, share)  # one more arrives before HR closes the wave
    # Its last day is years away: the first run stops the answers, the close waits for
    # the answers respondents' apps may still hold (tests/surveys/test_wave_stop.py).
    assert main(["close", str(workspace), "--wave", WAVE, "--share", str(share)]) == 3
    assert "takes no more answers" in capsys.readouterr().out
    later = time.time() + 25 * 60
    monkeypatch.setattr(wave_stop, "current_time", lambda: later)
    assert main(["close", str(workspace), "--wave", WAVE]) == 2  # the share is remembered
    assert "1 sealed answer is still waiting" in capsys.readouterr().err
    ingest(workspace, share, PASSPHRASE)
    assert main(["close", str(workspace), "--wave", WAVE]) == 0
    assert "figures are released (7 answers)" in capsys.readouterr().out
    assert not (share / "published" / f"{WAVE}.json").exists()
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    assert "Pairs: 1 shown" in capsys.readouterr().out
    assert main(["close", str(workspace), "--wave", WAVE]) == 0
    assert "already closed" in capsys.readouterr().out


def test_an_open_waves_comments_feed_no_screen_and_no_topic(workspace: Path) -> None:
    from analysis.comments_query import allowed_groups
    from tests.analysis.core_helpers import Filler
    from tests.analysis.test_side_doors import _topic_engine

    filler = Filler(workspace)
    words = ["budget meeting approval", "approval deadline budget", "meeting handover budget"]
    filler.group("2026-09", "Sales", "IT", 9, 3, comments=words)
    filler.db.execute(
        "INSERT INTO waves (name, opens, status) VALUES ('2026-10', '2026-10-01', 'open')"
    )
    filler.group("2026-10", "IT", "Sales", 9, 3, comments=["zebrafish aquarium pump"])
    filler.close()
    analyse_workspace(workspace, "2026-09", engine=_topic_engine())
    db = open_workspace(workspace)
    waves = {w for w, _, _ in allowed_groups(db)}
    stored = " ".join(
        label + terms for label, terms in db.execute("SELECT label, terms FROM topics")
    )
    db.close()
    assert waves == {filler.waves["2026-09"]}
    assert "budget" in stored and "zebrafish" not in stored and "aquarium" not in stored


def test_an_open_waves_comment_count_is_said_nowhere(workspace: Path, tmp_path, capsys) -> None:
    """HR ingests one answer of an open wave, then analyses and asks for comments to label:
    no progress line, message or stored label may say how many comments that person wrote
    (nor what they say) before the wave is released."""
    from desktop_app.cli import main

    share = tmp_path / "share"
    survey = publish(workspace, share)
    one = submission(
        {"IT": {"timely": 2}, "Marketing": {"timely": 4}},
        {"IT": "IT never calls back.", "Marketing": "Marketing is great to us."},
    )
    deliver(one, survey, share)
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    capsys.readouterr()
    assert main(["analyze", str(workspace)]) == 0
    assert main(["labels", "suggest", str(workspace), "--out", str(tmp_path / "s.csv")]) == 0
    said = capsys.readouterr()
    assert " 2 comments" not in said.out + said.err
    assert "Wrote 0 comments" in said.out
    db = open_workspace(workspace)
    analysed = db.execute("SELECT COUNT(*) FROM comments WHERE analysed_with IS NOT NULL")
    assert analysed.fetchone()[0] == 0  # nothing of them is computed while the wave is open
    db.close()
    # Once released, they are analysed like any other.
    close_wave(workspace, share, WAVE)
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    db = open_workspace(workspace)
    assert db.execute("SELECT COUNT(*) FROM comments WHERE redacted IS NOT NULL").fetchone()[0] == 2
    db.close()


def test_an_open_wave_names_the_command_that_closes_it(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: `rapport analyze` and `rapport export` pointed a command-line user at the
    HR window only ("Pulses → Close wave"), not at `rapport close` (docs/deploy.md,
    "Checked by following this page")."""
    from desktop_app.cli import main

    _six_answers(workspace, tmp_path / "share")
    command = f"`rapport close {workspace} --wave {WAVE}`"
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    assert command in capsys.readouterr().out
    assert main(["export", str(workspace), "--pptx", str(tmp_path / "deck.pptx")]) == 2
    assert command in capsys.readouterr().err
    assert not (tmp_path / "deck.pptx").exists()
