"""An answer never waits silently for a ticket that cannot come (the respondent's side)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from surveys.outbox import outbox_dir
from surveys.publish import close_wave
from surveys.receipts import (
    CLOSED,
    NOT_SENT,
    REFUSED,
    LocalAnswer,
    answer_states,
    local_answers,
    remember_answer,
)
from surveys.ticket_client import local_ticket, local_ticket_waves, pick_up
from surveys.ticket_wait import deliver_ticketed, settle_waiting, waiting_names
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import submission


def _wait(world, account: str, survey) -> str:
    """``account`` answers before the ticket is signed: the answer waits (and is logged)."""
    with world.person(account):
        result = deliver_ticketed(submission({"IT": {"timely": 3}}), survey, world.share, "Sales")
        assert result.status == "waiting"
        remember_answer(LocalAnswer(survey.wave, "2026-10-05", "7KQ2-M9XD-4F8R", result.path.name))
        return result.path.name


def test_an_answer_waiting_when_the_wave_closes_is_dropped_and_said_so(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    name = _wait(world, "ann", survey)
    with world.person("ann"):
        assert settle_waiting(world.share) == []  # still open: it keeps waiting
        assert waiting_names() == {name}
    close_wave(workspace, world.share, survey.wave)
    with world.person("ann"):
        assert settle_waiting(world.share) == [name]
        assert waiting_names() == set()  # the answer is gone from this computer
        assert local_ticket(survey.wave) is None and local_ticket_waves() == []
        [state] = answer_states(world.share, outbox_dir())
        assert state.state == NOT_SENT and state.answer.not_sent == CLOSED
        assert state.answer.receipt == ""  # it will never be received
        assert settle_waiting(world.share) == []  # said once


def test_an_answer_whose_ticket_was_refused_is_dropped_with_the_reason(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("zed", survey)
    assert world.sign().signed == 1
    laptop = world.request("zed-laptop", survey)
    world.owners.by_name[f"{laptop.request}.request"] = "zed"  # the same account again
    name = _wait(world, "zed-laptop", survey)
    assert world.sign().refused == {"second": 1}
    with world.person("zed-laptop"):
        pick_up(survey, world.share)
        assert settle_waiting(world.share) == [name]
        [answer] = local_answers()
        assert answer.not_sent == REFUSED
        assert "already given to this account" in answer.reason
        # Answering again after the refusal: nothing is kept, and the outcome says why.
        again = deliver_ticketed(submission({"IT": {"timely": 4}}), survey, world.share, "Sales")
        assert (again.status, again.path) == ("refused", None)
        assert "already given" in again.reason
        assert waiting_names() == set()


def test_a_share_that_cannot_be_read_decides_nothing(workspace, tmp_path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    name = _wait(world, "ann", survey)
    moved = tmp_path / "unmounted"
    shutil.move(world.share, moved)
    world.share.mkdir()  # an empty mount point: no published/ folder
    with world.person("ann"):
        assert settle_waiting(world.share) == []
        assert settle_waiting(None) == []
        assert waiting_names() == {name}
        assert local_ticket(survey.wave) is not None


def test_a_crash_after_noting_why_only_repeats_the_step(
    workspace, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    name = _wait(world, "ann", survey)
    close_wave(workspace, world.share, survey.wave)
    real_unlink = Path.unlink

    def crash(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if self.name == name:
            raise KeyboardInterrupt  # the app is killed right after writing the log
        return real_unlink(self, *args, **kwargs)

    with world.person("ann"):
        monkeypatch.setattr(Path, "unlink", crash)
        with pytest.raises(KeyboardInterrupt):
            settle_waiting(world.share)
        monkeypatch.setattr(Path, "unlink", real_unlink)
        assert waiting_names() == {name}
        assert [a.not_sent for a in local_answers()] == [CLOSED]
        assert settle_waiting(world.share) == [name]
        assert waiting_names() == set()
        assert [a.not_sent for a in local_answers()] == [CLOSED]  # one entry, not two
