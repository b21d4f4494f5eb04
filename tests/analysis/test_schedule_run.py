"""One run of the pulse programme: ingest, close what is past, publish what is due, once."""

from __future__ import annotations

import json
from datetime import date

import pytest

from analysis.export.schedule import plan_schedule, run_schedule
from surveys.errors import RapportError
from surveys.outbox import deliver
from surveys.programme import Programme, save_programme
from surveys.publish import list_open_surveys, published_path
from surveys.pulses import list_waves
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, submission


@pytest.fixture
def programme(workspace):
    db = open_workspace(workspace)
    save_programme(db, Programme("2-weekly", 7, "short-pulse", "2026-03-02"))
    db.close()
    return workspace


def _deliver_with_ticket(sub, survey, share, workspace) -> None:
    """The respondent's app asks for its ticket, HR signs it (`rapport tickets`), the answer
    goes out with it."""
    from surveys.ticket_client import pick_up, request_ticket
    from surveys.ticket_wait import deliver_ticketed
    from surveys.tickets import sign_pending

    request_ticket(survey, share, sub.department)
    assert sign_pending(workspace, share, PASSPHRASE).signed == 1
    assert pick_up(survey, share).signature
    assert deliver_ticketed(sub, survey, share, sub.department).delivered


def _waves(workspace) -> dict[str, str]:
    db = open_workspace(workspace)
    try:
        return {w.name: w.status for w in list_waves(db)}
    finally:
        db.close()


def test_a_due_wave_is_published_once(programme, tmp_path) -> None:
    share = tmp_path / "share"
    plan = plan_schedule(programme, share, date(2026, 3, 3))
    assert plan.needs_passphrase and plan.due.name == "2026-03-02"
    done = run_schedule(
        programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True
    )
    assert done.published == "2026-03-02" and done.closed == []
    published = json.loads(published_path(share, "2026-03-02").read_text())
    assert (published["opens"], published["closes"], published["rotation"]) == (
        "2026-03-02",
        "2026-03-08",
        0,
    )
    assert [q["item"] for q in published["questions"]][:3] == ["frequent", "timely", "accurate"]
    again = run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3))
    assert again.published is None and plan_schedule(programme, share, date(2026, 3, 3)).idle
    assert _waves(programme) == {"2026-03-02": "open"}


def test_the_next_run_ingests_closes_and_publishes_the_next_group(programme, tmp_path) -> None:
    share = tmp_path / "share"
    run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True)
    (survey,) = list_open_surveys(share, date(2026, 3, 5))
    sent = submission({"IT": {"timely": 2}}, wave="2026-03-02", day="2026-03-05")
    _deliver_with_ticket(sent, survey, share, programme)
    plan = plan_schedule(programme, share, date(2026, 3, 16))
    assert plan.to_close == ("2026-03-02",) and plan.waiting
    done = run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 16))
    assert done.ingested.stored == 1  # taken in before the close, not counted as late
    assert done.closed == ["2026-03-02"] and done.published == "2026-03-16"
    assert done.rotation == 1
    assert not published_path(share, "2026-03-02").exists()  # withdrawn
    assert _waves(programme) == {"2026-03-16": "open", "2026-03-02": "closed"}
    db = open_workspace(programme)
    answered = db.execute("SELECT count(*) FROM submissions").fetchone()[0]
    released = db.execute("SELECT released FROM waves WHERE name = '2026-03-02'").fetchone()[0]
    db.close()
    assert answered == 1 and released is not None


def test_a_wrong_passphrase_changes_nothing(programme, tmp_path) -> None:
    share = tmp_path / "share"
    run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True)
    with pytest.raises(RapportError, match="Wrong passphrase"):
        run_schedule(programme, share, passphrase="not the passphrase", today=date(2026, 3, 16))
    assert _waves(programme) == {"2026-03-02": "open"}  # not closed, nothing published
    with pytest.raises(RapportError, match="passphrase is needed"):
        run_schedule(programme, share, passphrase=None, today=date(2026, 3, 16))


def test_closing_needs_no_passphrase_when_the_inbox_is_empty(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    db.execute("INSERT INTO waves(name, opens, closes, status) VALUES ('w', '2026-03-01', "
               "'2026-03-07', 'open')")  # fmt: skip
    db.close()
    plan = plan_schedule(workspace, None, date(2026, 3, 8))
    assert plan.to_close == ("w",) and not plan.needs_passphrase
    done = run_schedule(workspace, None, passphrase=None, today=date(2026, 3, 8))
    assert done.closed == ["w"] and _waves(workspace) == {"w": "closed"}


def test_paused_closes_but_publishes_nothing(programme, tmp_path) -> None:
    from surveys.programme import set_paused

    db = open_workspace(programme)
    set_paused(db, True)
    db.close()
    plan = plan_schedule(programme, tmp_path / "share", date(2026, 3, 3))
    assert plan.idle and plan.paused
    assert (
        run_schedule(
            programme, tmp_path / "share", passphrase=None, today=date(2026, 3, 3)
        ).published
        is None
    )


def test_an_unreachable_share_stops_the_run_before_any_change(programme, tmp_path) -> None:
    share = tmp_path / "share"
    run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True)
    (survey,) = list_open_surveys(share, date(2026, 3, 5))
    sent = submission({"IT": {"timely": 2}}, wave="2026-03-02", day="2026-03-05")
    _deliver_with_ticket(sent, survey, share, programme)
    share.rename(tmp_path / "unmounted")  # the network drive is not connected
    with pytest.raises(RapportError, match="cannot be reached or is not set up"):
        run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 16))
    assert _waves(programme) == {"2026-03-02": "open"}  # not closed: its answer is not late
    assert not share.exists()  # and no empty tree was made at the mount point
    (tmp_path / "unmounted").rename(share)
    done = run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 16))
    assert done.ingested.stored == 1 and done.closed == ["2026-03-02"]


def test_a_poison_file_is_quarantined_and_the_close_goes_on(programme, tmp_path) -> None:
    from surveys.keys import seal

    share = tmp_path / "share"
    run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True)
    (survey,) = list_open_surveys(share, date(2026, 3, 5))
    sent = submission({"IT": {"timely": 2}}, wave="2026-03-02", day="2026-03-05")
    _deliver_with_ticket(sent, survey, share, programme)
    deep = b'{"id": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    (share / "inbox" / "deep.rapport").write_bytes(seal(deep, survey.public_key))
    done = run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 16))
    assert done.ingested.stored == 1 and done.closed == ["2026-03-02"]
    assert [item.name for item in done.ingested.quarantined] == ["deep.rapport"]
    assert (share / "quarantine" / "deep.rapport").exists()


def test_kiosk_answers_are_taken_in_before_the_close(programme, tmp_path) -> None:
    from surveys.kiosk import kiosk_folder
    from surveys.publish import publish_wave

    share = tmp_path / "share"
    run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 3), create=True)
    kiosk = kiosk_folder(programme)
    publish_wave(programme, kiosk, "2026-03-02", None, "2026-03-02", "2026-03-08",
                 passphrase=PASSPHRASE, create=True)  # fmt: skip
    (survey,) = list_open_surveys(kiosk, date(2026, 3, 5))
    deliver(submission({"IT": {"timely": 4}}, wave="2026-03-02", day="2026-03-05"), survey, kiosk)
    plan = plan_schedule(programme, share, date(2026, 3, 16))
    assert plan.waiting and plan.needs_passphrase  # the shared inbox itself is empty
    done = run_schedule(programme, share, passphrase=PASSPHRASE, today=date(2026, 3, 16))
    assert done.ingested.stored == 1 and done.ingested.late == 0
    assert done.closed == ["2026-03-02"]
