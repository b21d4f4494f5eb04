"""Closing a wave before its last day is over loses no answer that respondents' apps hold.

Everything is real: the workspace, the shared folder, the respondent's outbox with its
random hold, ingest, the `rapport close` command and the schedule run. The clocks (HR's,
:func:`surveys.wave_stop.current_time`, and the respondent's :class:`Hold`) are injected,
so no test waits for time to pass.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys import wave_stop
from surveys.ingest import ingest
from surveys.outbox import deliver, flush_outbox, outbox_dir, pending_count
from surveys.outbox_hold import HOLD_MAX_S, Hold, due_times
from surveys.publish import publish_wave
from surveys.published import list_delivering_surveys, list_open_surveys, read_published
from surveys.store import open_workspace, set_setting
from surveys.wave_stop import (
    STOP_MARGIN_S,
    clock_text,
    close_time,
    stop_answers,
    stop_moment,
)
from surveys.waves import get_wave
from tests.surveys.transport_helpers import PASSPHRASE, TEMPLATE, WAVE, publish, submission

#: HR's "now", to the second: the published wave's last day (2099) is far away.
T0 = float(int(time.time()))


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def hold_for(seconds: float, clock: Clock) -> Hold:
    return Hold(clock, lambda: seconds)


def at(monkeypatch: pytest.MonkeyPatch, moment: float) -> None:
    """Set HR's clock (what `rapport close` and the schedule read)."""
    monkeypatch.setattr(wave_stop, "current_time", lambda: moment)


def close(workspace: Path, *extra: str) -> int:
    return main(["close", str(workspace), "--wave", WAVE, *extra])


def inbox(share: Path) -> list[Path]:
    return sorted((share / "inbox").iterdir())


def test_an_answer_sealed_just_before_an_early_close_is_counted_once_the_close_completes(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    respondent = Clock(T0 - 30)  # answered half a minute before HR pressed Close
    held = deliver(submission({"IT": {"overall": 2}}), survey, share, hold_for(1200, respondent))
    assert held.status == "held" and inbox(share) == []

    at(monkeypatch, T0)
    assert close(workspace, "--share", str(share)) == 3
    said = capsys.readouterr().out
    closes = close_time(stop_moment(T0))
    assert closes == pytest.approx(T0 + HOLD_MAX_S + STOP_MARGIN_S, abs=60)
    assert f"takes no more answers from {clock_text(T0, T0)}" in said
    assert f"From {clock_text(closes, T0)}, run `rapport ingest" in said
    assert "--anyway" in said and "Traceback" not in said
    # Respondents' apps see the stop: the wave is not offered, nor open for an older app.
    stopped = read_published(share / "published" / f"{WAVE}.json")
    assert stopped.stopped == stop_moment(T0) and stopped.stopped_at == T0
    assert stopped.closes == (date.fromtimestamp(T0) - timedelta(days=1)).isoformat()
    assert list_open_surveys(share) == [] and [s.wave for s in list_delivering_surveys(share)]
    db = open_workspace(workspace)
    wave = get_wave(db, WAVE)
    db.close()
    assert (wave.status, wave.released, wave.stopped) == ("open", None, stop_moment(T0))

    # The held answer keeps its random wait and arrives 19.5 minutes after Send.
    assert flush_outbox(share, now=T0 + 600) == 0
    at(monkeypatch, T0 + 600)
    assert close(workspace) == 3  # too early: says so again, changes nothing
    again = capsys.readouterr().out
    assert f"stopped taking answers at {clock_text(T0, T0)}" in again
    assert "not closed yet" in again
    assert flush_outbox(share, now=T0 + 1170) == 1 and len(inbox(share)) == 1

    at(monkeypatch, closes)
    assert close(workspace) == 2  # its time has come, but the answer waits in the inbox
    assert "1 sealed answer is still waiting" in capsys.readouterr().err
    report = ingest(workspace, share, PASSPHRASE)
    assert (report.stored, report.late) == (1, 0)
    assert close(workspace) == 0
    assert "figures are released (1 answer)" in capsys.readouterr().out
    assert not (share / "published" / f"{WAVE}.json").exists()
    db = open_workspace(workspace)
    assert get_wave(db, WAVE).released is not None
    late = db.execute("SELECT COUNT(*) FROM late_submissions").fetchone()[0]
    db.close()
    assert late == 0


def test_anyway_still_closes_at_once_and_what_arrives_later_is_late(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    deliver(submission({"IT": {"overall": 2}}), survey, share, hold_for(900, Clock(T0 - 60)))
    at(monkeypatch, T0)
    assert close(workspace, "--share", str(share), "--anyway") == 0
    assert "Nobody answered it, so it has no figures" in capsys.readouterr().out
    assert not (share / "published" / f"{WAVE}.json").exists()
    assert flush_outbox(share, now=T0 + 840) == 1
    assert ingest(workspace, share, PASSPHRASE).late == 1  # HR chose this: counted as late
    # A stopped wave closes at once with --anyway too.
    publish(workspace, share, "2026-11")
    assert main(["close", str(workspace), "--wave", "2026-11"]) == 3
    assert main(["close", str(workspace), "--wave", "2026-11", "--anyway"]) == 0
    assert "Closed wave 2026-11" in capsys.readouterr().out


def test_a_share_that_cannot_be_reached_stops_nothing_and_says_what_to_do(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    share = tmp_path / "share"
    publish(workspace, share)
    db = open_workspace(workspace)
    set_setting(db, "share", str(share))  # remembered from the last publish
    db.close()
    shutil.move(share, tmp_path / "unmounted")
    at(monkeypatch, T0)
    assert close(workspace) == 2
    said = capsys.readouterr().err
    assert f"The shared folder {share} cannot be reached" in said
    assert "Nothing was changed" in said and "--anyway" in said and "Traceback" not in said
    db = open_workspace(workspace)
    wave = get_wave(db, WAVE)
    db.close()
    assert (wave.status, wave.stopped) == ("open", None)


def test_only_a_shared_folders_wave_whose_last_day_is_not_over_waits(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    share = tmp_path / "share"
    at(monkeypatch, T0)
    today = date.fromtimestamp(T0)
    # Past its last day: every held answer was due 5 minutes before midnight; no wait.
    publish(workspace, share, "past", closes=(today - timedelta(days=1)).isoformat())
    assert main(["close", str(workspace), "--wave", "past", "--share", str(share)]) == 0
    # Not begun yet: nobody could answer it.
    publish(workspace, share, "coming", opens=(today + timedelta(days=2)).isoformat())
    assert main(["close", str(workspace), "--wave", "coming"]) == 0
    # Open for answering on HR's computer only: nothing is held.
    from surveys.publish import open_wave_here

    open_wave_here(workspace, "here", TEMPLATE)
    assert main(["close", str(workspace), "--wave", "here"]) == 0
    # Its last day is today: the answers of the last 20 minutes may be on their way.
    publish(workspace, share, "today", closes=today.isoformat())
    assert main(["close", str(workspace), "--wave", "today"]) == 3
    assert "takes no more answers" in capsys.readouterr().out


def test_publishing_again_takes_answers_again(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    publish(workspace, share)
    db = open_workspace(workspace)
    first = stop_answers(db, share, WAVE, T0)
    assert stop_answers(db, share, WAVE, T0 + 60) == first  # stopping again changes nothing
    db.close()
    publish(workspace, share)
    db = open_workspace(workspace)
    assert get_wave(db, WAVE).stopped is None
    db.close()
    data = json.loads((share / "published" / f"{WAVE}.json").read_text(encoding="utf-8"))
    assert "stopped" not in data and data["closes"] == "2099-12-31"
    assert [s.wave for s in list_open_surveys(share)] == [WAVE]


def test_an_answer_given_before_the_stop_that_waited_for_its_ticket_is_still_delivered(
    workspace: Path, tmp_path: Path
) -> None:
    from surveys.ticket_wait import deliver_ticketed, refresh_tickets, release_waiting
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("alice", survey)  # alice's app asked when it noticed the wave
    with world.person("alice"):
        answer = submission({"IT": {"overall": 3}})
        assert deliver_ticketed(answer, survey, world.share, "Sales").status == "waiting"
    db = open_workspace(workspace)
    stop_answers(db, world.share, WAVE, T0)
    db.close()
    assert world.sign().signed == 1  # HR's app still signs a stopped wave's requests
    with world.person("alice"):
        clock = Clock(T0 + 600)
        refresh_tickets(world.share, "Sales")  # picks the ticket up, asks for nothing new
        [name] = release_waiting(world.share, Hold(clock, lambda: 1200.0))
        # Released 10 minutes after the stop: its wait ends with the stop's 20 minutes.
        assert due_times() == {name: T0 + HOLD_MAX_S}
        assert pending_count() == 1 and (outbox_dir() / name).exists()
        assert flush_outbox(world.share, now=T0 + HOLD_MAX_S) == 1
    report = ingest(workspace, world.share, PASSPHRASE)
    assert (report.stored, report.late, len(report.quarantined)) == (1, 0, 0)


def test_a_workspace_of_the_previous_schema_can_stop_answers(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "schema_008.db"
    folder = tmp_path / "old"
    folder.mkdir()
    from surveys.store import database_path

    shutil.copy(fixture, database_path(folder))
    db = open_workspace(folder)
    columns = {c.name for c in db["waves"].columns}
    db.close()
    assert "answers_stopped" in columns


def test_publish_wave_keeps_the_file_of_a_wave_that_takes_answers_as_it_was(
    workspace: Path, tmp_path: Path
) -> None:
    path = publish_wave(workspace, tmp_path / "s", WAVE, TEMPLATE, passphrase=PASSPHRASE,
                        create=True, tickets=False)  # fmt: skip
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "stopped" not in data and data["format"] == "rapport-published-1"
    assert read_published(path).stopped is None


def _older_reader():  # noqa: ANN202 - a module
    """The published-file reader of the release before ``stopped`` (tests/fixtures)."""
    import importlib.util

    path = Path(__file__).parents[1] / "fixtures" / "published_reader_1.py"
    spec = importlib.util.spec_from_file_location("published_reader_1", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


def test_published_files_stay_readable_both_ways(workspace: Path, tmp_path: Path) -> None:
    older = _older_reader()
    share = tmp_path / "share"
    publish(workspace, share)
    path = share / "published" / f"{WAVE}.json"
    # A file of a wave that takes answers reads the same with the older and the newer app.
    before = older.read_published(path)
    assert [s.wave for s in older.list_open_surveys(share)] == [WAVE]
    assert read_published(path).stopped is None and read_published(path).is_open()
    db = open_workspace(workspace)
    stop_answers(db, share, WAVE, T0)
    db.close()
    # The stopped file: the older app reads it without a complaint and no longer offers it
    # (its closes is the day before the stop); the key and the questions are unchanged.
    after = older.read_published(path)
    assert older.list_open_surveys(share) == []
    assert not after.is_open(date.fromtimestamp(T0))
    assert (after.public_key, after.questions) == (before.public_key, before.questions)
    newer = read_published(path)
    assert newer.stopped_at == T0 and not newer.is_open()
    # A file written by an older Rapport (no stopped) is open to the newer app.
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["stopped"]
    data["closes"] = "2099-12-31"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_published(path).stopped is None
    assert [s.wave for s in list_open_surveys(share)] == [WAVE]
    # A damaged stop time makes the file unreadable (not offered), never a crash.
    for bad in (1700000000, "yesterday", "2026-10-08T12:02:00"):
        data["stopped"] = bad
        path.write_text(json.dumps(data), encoding="utf-8")
        assert list_open_surveys(share) == [] and list_delivering_surveys(share) == []


def test_the_schedule_run_completes_a_waiting_close_and_still_closes_past_waves(
    workspace: Path, tmp_path: Path
) -> None:
    from analysis.export.schedule import plan_schedule, run_schedule

    share = tmp_path / "share"
    today = date.fromtimestamp(T0)
    survey = publish(workspace, share)
    publish(workspace, share, "past", closes=(today - timedelta(days=1)).isoformat())
    deliver(submission({"IT": {"overall": 4}}), survey, share, hold_for(1000, Clock(T0 - 5)))
    db = open_workspace(workspace)
    stopped = stop_answers(db, share, WAVE, T0)
    db.close()
    # Ten minutes on: the wave past its last day closes, the stopped one waits.
    plan = plan_schedule(workspace, share, now=T0 + 600)
    assert plan.to_close == ("past",) and [w.name for w in plan.stopping] == [WAVE]
    report = run_schedule(workspace, share, passphrase=PASSPHRASE, now=T0 + 600)
    assert report.closed == ["past"]
    assert flush_outbox(share, now=T0 + 995) == 1
    # A day later its last day has passed too: still its own time decides.
    tomorrow = today + timedelta(days=1)
    assert plan_schedule(workspace, share, tomorrow, now=T0 + 700).to_close == ()
    report = run_schedule(workspace, share, passphrase=PASSPHRASE, now=stopped.close_at)
    assert report.closed == [WAVE] and report.ingested.stored == 1
    db = open_workspace(workspace)
    assert get_wave(db, WAVE).released is not None
    assert db.execute("SELECT COUNT(*) FROM late_submissions").fetchone()[0] == 0
    db.close()
    assert not (share / "published" / f"{WAVE}.json").exists()


def test_a_waiting_answer_is_not_sealed_to_a_stopped_survey_of_another_key(
    workspace: Path, tmp_path: Path
) -> None:
    """release_waiting checks the key itself: the app's check before it may be minutes old."""
    import base64

    from surveys.key_pins import key_change
    from surveys.keys import ensure_keypair
    from surveys.store import create_workspace
    from surveys.ticket_wait import deliver_ticketed, refresh_tickets, release_waiting
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("alice", survey)
    with world.person("alice"):
        assert key_change(world.share, [survey.public_key]) is None  # remembered
        answer = submission({"IT": {"overall": 3}})
        assert deliver_ticketed(answer, survey, world.share, "Sales").status == "waiting"
    db = open_workspace(workspace)
    stop_answers(db, world.share, WAVE, T0)
    db.close()
    assert world.sign().signed == 1
    create_workspace(tmp_path / "theirs").close()
    theirs = ensure_keypair(tmp_path / "theirs", PASSPHRASE)
    path = world.share / "published" / f"{WAVE}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data | {"public_key": base64.b64encode(theirs).decode()}))
    with world.person("alice"):
        refresh_tickets(world.share, "Sales")
        assert release_waiting(world.share) == []
        assert pending_count() == 0
    assert inbox(world.share) == []


def test_an_early_close_says_that_the_kiosk_still_offers_the_wave(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Before: "respondents' apps no longer offer it", while the kiosk beside the workspace
    went on offering it until the close (docs/deploy.md, "Checked by following this
    page")."""
    from surveys.kiosk import kiosk_folder

    share = tmp_path / "share"
    publish(workspace, share, tickets=True)
    publish(workspace, kiosk_folder(workspace))
    at(monkeypatch, T0)
    assert close(workspace, "--share", str(share)) == 3
    assert "The kiosk beside the workspace still offers it until the close." in (
        capsys.readouterr().out
    )
    assert [s.wave for s in list_open_surveys(kiosk_folder(workspace))] == [WAVE]
