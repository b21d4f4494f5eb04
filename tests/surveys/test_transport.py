"""Publishing, participation tokens, delivery and the outbox (no ingest here)."""

from __future__ import annotations

import base64
import getpass
import json
import os
import socket
import stat
from datetime import date
from pathlib import Path

import pytest

from surveys import outbox
from surveys.keys import public_key
from surveys.outbox import (
    answered_waves,
    deliver,
    flush_outbox,
    outbox_dir,
    participation_token,
    pending_count,
)
from surveys.paths import user_data_dir
from surveys.publish import PublishError, close_wave, list_open_surveys, published_path
from surveys.store import open_workspace, set_setting
from surveys.waves import WaveError, get_wave
from tests.surveys.transport_helpers import PASSPHRASE, WAVE, publish, submission


def test_publish_writes_the_survey_for_respondents(workspace: Path, tmp_path: Path) -> None:
    db = open_workspace(workspace)
    set_setting(db, "redaction_names", ["Dana Whitfield"])
    db.close()
    share = tmp_path / "share"
    survey = publish(workspace, share, rotation=1, targets=["it", "Sales"])
    assert sorted(p.name for p in share.iterdir()) == [
        "archive",
        "inbox",
        "published",
        "quarantine",
        "requests",
        "tickets",
    ]
    data = json.loads(published_path(share, WAVE).read_text())
    assert data["wave"] == WAVE
    assert data["departments"] == ["Sales", "IT", "Marketing", "Operations"]
    assert data["targets"] == ["IT", "Sales"]
    assert [q["item"] for q in data["questions"]] == ["timely", "accurate", "overall", "comment"]
    assert base64.b64decode(data["public_key"]) == public_key(workspace)
    assert data["redaction_names"] == ["dana whitfield"]
    assert (data["opens"], data["closes"]) == ("2020-01-01", "2099-12-31")
    assert survey.departments_to_rate("Sales") == ["IT"]
    wave = get_wave(open_workspace(workspace), WAVE)
    assert (wave.status, wave.survey_key) == ("open", "test-pulse")


def test_republishing_reuses_the_wave_and_close_withdraws_it(workspace: Path, tmp_path: Path):
    share = tmp_path / "share"
    publish(workspace, share)
    publish(workspace, share, closes="2098-01-31")
    db = open_workspace(workspace)
    assert db.execute("SELECT count(*), max(closes) FROM waves").fetchone() == (1, "2098-01-31")
    close_wave(db, share, WAVE)
    assert get_wave(db, WAVE).status == "closed"
    assert not published_path(share, WAVE).exists()
    assert list_open_surveys(share) == []


def test_list_open_surveys_filters_by_date_and_skips_broken_files(workspace: Path, tmp_path):
    share = tmp_path / "share"
    publish(workspace, share, "2026-10", opens="2026-10-01", closes="2026-10-14")
    publish(workspace, share, "2026-11", opens="2026-11-01", closes="2026-11-14")
    (share / "published" / "broken.json").write_text("{not json")
    assert [s.wave for s in list_open_surveys(share, date(2026, 10, 14))] == ["2026-10"]
    assert [s.wave for s in list_open_surveys(share, date(2026, 11, 2))] == ["2026-11"]
    assert list_open_surveys(share, date(2026, 12, 1)) == []
    assert list_open_surveys(tmp_path / "unmounted") == []


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"wave_name": "../escape"}, WaveError, "cannot be used"),
        ({"opens": "2026-10-10", "closes": "2026-10-01"}, WaveError, "before opens"),
        ({"opens": "10/01/2026"}, WaveError, "YYYY-MM-DD"),
        ({"targets": ["IT", "Finance"]}, PublishError, "Finance is not a department"),
        ({"template": "no-such-template"}, PublishError, "full-pulse"),
    ],
)
def test_bad_publish_requests_are_refused(workspace: Path, tmp_path: Path, kwargs, error, message):
    from surveys.publish import publish_wave

    args = {"wave_name": WAVE, "template": "short-pulse", "opens": None, "closes": None}
    args.update(kwargs)
    with pytest.raises(error, match=message):
        publish_wave(workspace, tmp_path / "share", passphrase=PASSPHRASE, create=True, **args)
    assert open_workspace(workspace).execute("SELECT count(*) FROM waves").fetchone() == (0,)
    assert not (tmp_path / "share" / "published").exists()


def test_participation_token_is_stable_per_wave_and_unlinkable_across(monkeypatch, tmp_path):
    first = participation_token("2026-10")
    assert first == participation_token("2026-10")
    assert len(first) == 64 and int(first, 16) >= 0
    assert participation_token("2026-11") != first
    secret = user_data_dir() / outbox.SECRET_FILE
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "another-person"))
    assert participation_token("2026-10") != first


def test_delivered_file_reveals_nothing_without_the_key(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long, distinctive user and machine names, so that the check below means something
    # on any machine (this one is "root" on "vm", too short to look for in ciphertext).
    user, host = "rapport-user-5f1e9c", "rapport-host-c27a40"
    for variable in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.setenv(variable, user)
    monkeypatch.setenv("HOSTNAME", host)
    monkeypatch.setattr(getpass, "getuser", lambda: user)
    monkeypatch.setattr(socket, "gethostname", lambda: host)
    share = tmp_path / "share"
    survey = publish(workspace, share)
    sub = submission({"IT": {"timely": 2, "overall": 1}}, {"IT": "Stonewalled for weeks."})
    result = deliver(sub, survey, share)
    assert result.status == "delivered"
    assert result.path.parent == share / "inbox"
    assert result.path.name.removesuffix(".rapport").isalnum() and len(result.path.name) == 40
    blob = result.path.read_bytes()
    # Only strings of five or more bytes: random ciphertext holds a given two-byte string
    # ("IT") about once in sixty files, which made this test fail now and then.
    for secret in ("Stonewalled", "Sales", "timely", sub.token, sub.id, WAVE):
        assert secret.encode() not in blob
    for name in (user, host):
        assert name.encode() not in blob and name not in result.path.name
    assert (len(blob) - 15 - 32 - 12 - 16) % 1024 == 0
    assert pending_count() == 0 and list(outbox_dir().iterdir()) == []
    assert answered_waves() == {WAVE}


def test_deliver_fills_in_the_participation_token(workspace: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    from surveys.keys import load_private_key, unseal

    share = tmp_path / "share"
    survey = publish(workspace, share)
    sub = replace(submission({"IT": {"timely": 4}}), token=None)
    path = deliver(sub, survey, share).path
    data = json.loads(unseal(path.read_bytes(), load_private_key(workspace, PASSPHRASE)))
    assert data["token"] == participation_token(WAVE)
    with pytest.raises(ValueError, match="wave"):
        deliver(submission({"IT": {"timely": 4}}, wave="other"), survey, share)


def test_unreachable_share_queues_and_flush_delivers_later(workspace: Path, tmp_path, monkeypatch):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    offline = tmp_path / "unmounted"
    offline.mkdir()  # an empty mount point: no inbox, so nothing may be written there
    result = deliver(submission({"IT": {"timely": 3}}), survey, offline)
    assert result.status == "queued" and result.path.parent == outbox_dir()
    assert list(offline.iterdir()) == []

    def read_only(path, data, **kwargs):
        raise OSError(30, "Read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "atomic_write", read_only)
        assert outbox._copy_to_inbox(result.path, share / "inbox") is None
        assert flush_outbox(share) == 0
    assert deliver(submission({"IT": {"timely": 5}}), survey, None).status == "queued"
    assert pending_count() == 2
    assert flush_outbox(lambda: None) == 0
    queued = {p.name: p.read_bytes() for p in outbox_dir().iterdir()}
    assert flush_outbox(lambda: share) == 2
    assert pending_count() == 0
    assert {p.name: p.read_bytes() for p in (share / "inbox").iterdir()} == queued


def test_answered_waves_survive_a_damaged_file() -> None:
    (user_data_dir() / outbox.ANSWERED_FILE).write_text("{garbage")
    assert answered_waves() == set()
    outbox.mark_answered("2026-10")
    outbox.mark_answered("2026-11")
    assert answered_waves() == {"2026-10", "2026-11"}
    assert not [p for p in user_data_dir().iterdir() if p.name.endswith(".tmp")]
    assert os.access(user_data_dir() / outbox.ANSWERED_FILE, os.R_OK)
