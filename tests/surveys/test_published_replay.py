"""An earlier file HR signed for a wave, put back in ``published/``, is refused.

A colleague who may write to ``published/`` keeps a copy of a wave's file as HR first
published it. After HR stops the wave's answers (or publishes it again), they put the copy
back: it carries HR's signature, so respondents' apps took it until HR's next ingest wrote
HR's copy back, and offered the stopped wave again. Every file HR's app signs now carries
a ``sequence`` that only grows; respondents' apps remember the highest one read for each
wave and refuse a lower one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.respondent.source import TeamSource
from surveys.published import PublishError, read_published
from surveys.published_check import restore_published
from surveys.store import open_workspace
from surveys.survey_signature import verifies
from surveys.wave_stop import stop_answers
from tests.surveys.transport_helpers import WAVE, publish, submission

REPLAYED = "is an earlier version than the one this app read before"


@pytest.fixture
def share(workspace: Path, tmp_path: Path) -> Path:
    share = tmp_path / "share"
    publish(workspace, share)
    return share


def _file(share: Path) -> Path:
    return share / "published" / f"{WAVE}.json"


def _stop(workspace: Path, share: Path) -> None:
    db = open_workspace(workspace)
    stop_answers(db, share, WAVE)
    db.close()


def test_the_first_file_put_back_after_a_stop_is_refused(workspace: Path, share: Path) -> None:
    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.open_surveys()
    kept = _file(share).read_bytes()  # the colleague's copy of the file as first published
    _stop(workspace, share)
    assert source.problem() is None and source.open_surveys() == []
    _file(share).write_bytes(kept)
    assert verifies(read_published(_file(share)))  # HR's signature holds: only its age tells
    assert REPLAYED in (source.problem() or "")
    assert source.open_surveys() == []  # the stopped wave is not offered again
    # Someone who opened the survey before the stop presses Submit: the answer waits with
    # them (the wizard keeps it), it does not go to a wave HR has stopped.
    with pytest.raises(PublishError, match=REPLAYED):
        source.deliver(survey, submission({"IT": {"overall": 2}}))
    assert not (share / "inbox").exists() or not any((share / "inbox").iterdir())
    db = open_workspace(workspace)
    assert restore_published(db, share)  # HR's next ingest writes the stopped file back
    db.close()
    assert source.problem() is None and source.open_surveys() == []


def test_the_first_file_put_back_after_publishing_again_is_refused(
    workspace: Path, share: Path
) -> None:
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None
    kept = _file(share).read_bytes()
    publish(workspace, share, create=False, closes="2099-12-30")  # HR changes the last day
    assert source.problem() is None and source.open_surveys()[0].closes == "2099-12-30"
    _file(share).write_bytes(kept)
    assert REPLAYED in (source.problem() or "")


def test_a_file_is_taken_again_as_long_as_it_is_the_latest(share: Path) -> None:
    """Reading the same file again, or after the app restarts, is no replay."""
    for _ in range(2):
        source = TeamSource(share, "Sales", hold=False)
        assert source.problem() is None and len(source.open_surveys()) == 1


def test_a_file_without_a_sequence_is_refused_once_a_numbered_one_was_read(
    share: Path,
) -> None:
    """A file an earlier Rapport signed carries no ``sequence`` (read as 0): it is taken
    until the app has read a numbered file of the wave, then it is an earlier one."""
    data = json.loads(_file(share).read_text(encoding="utf-8"))
    assert data["sequence"] > 0 and read_published(_file(share)).sequence == data["sequence"]
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None
    data.pop("sequence")  # a colleague strips it: the signature then no longer holds
    _file(share).write_text(json.dumps(data), encoding="utf-8")
    assert source.problem() is not None


def test_the_sequence_grows_when_the_clock_is_put_back(
    workspace: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from surveys.survey_signing import next_sequence

    first = read_published(_file(share)).sequence
    monkeypatch.setattr(time, "time", lambda: 86_400.0)  # 2 January 1970
    db = open_workspace(workspace)
    with db.atomic():
        assert next_sequence(db) == first + 1
    db.close()


def test_a_damaged_sequence_setting_starts_from_the_clock(workspace: Path, share: Path) -> None:
    from surveys.store import set_setting
    from surveys.survey_signing import SEQUENCE, next_sequence

    db = open_workspace(workspace)
    set_setting(db, SEQUENCE, "not a number")
    with db.atomic():
        assert next_sequence(db) >= read_published(_file(share)).sequence
    db.close()


def test_the_kiosk_refuses_an_earlier_file_too(workspace: Path, tmp_path: Path) -> None:
    """Someone who may write in the kiosk folder puts back the file of a stopped wave: the
    kiosk's start screen says so and offers nothing."""
    from desktop_app.respondent.kiosk_source import KioskSource

    folder = tmp_path / "kiosk"
    publish(workspace, folder)
    kiosk = KioskSource(folder)
    assert kiosk.problem() is None and len(kiosk.open_surveys()) == 1
    kept = _file(folder).read_bytes()
    _stop(workspace, folder)
    assert kiosk.open_surveys() == []
    _file(folder).write_bytes(kept)
    problem, offered = kiosk.look()
    assert REPLAYED in (problem or "") and offered == []


def test_a_closed_waves_file_put_back_is_said_and_removed_by_ingest(
    workspace: Path, share: Path
) -> None:
    """Closing withdraws the wave's file. Put back, an app that never read a later file
    offers the closed pulse and its answers count as late, lost without a word: the HR
    window's Pulses section and every ingest say so, and ingest removes it."""
    from surveys.ingest import ingest
    from surveys.publish import close_wave
    from surveys.published_check import changed_published
    from tests.surveys.transport_helpers import PASSPHRASE

    kept = _file(share).read_bytes()
    close_wave(workspace, share, WAVE)
    assert not _file(share).exists()
    _file(share).write_bytes(kept)
    assert len(TeamSource(share, "Sales", hold=False).open_surveys()) == 1  # a new computer
    db = open_workspace(workspace)
    [said] = changed_published(db, share)
    db.close()
    assert said.startswith(f"published/{WAVE}.json is there although wave {WAVE} is closed")
    assert said.endswith("The next ingest removes it.") and _file(share).exists()
    report = ingest(workspace, share, PASSPHRASE)
    assert [s.endswith("It was removed.") for s in report.published] == [True]
    assert not _file(share).exists()
    assert TeamSource(share, "Sales", hold=False).open_surveys() == []
    assert ingest(workspace, share, PASSPHRASE).published == []  # said once


@pytest.mark.parametrize("what", ["garbage", "another wave"])
def test_a_stopped_waves_file_replaced_keeps_an_open_windows_answer(
    workspace: Path, share: Path, what: str
) -> None:
    """After HR's stop, a colleague writes garbage, or another open wave's signed file,
    over the wave's file. The last look before sealing read it as "the folder cannot be
    read now" (or as a wave still taking answers) and the answer of a window open across
    the stop was sent to the stopped wave; it now waits in the window."""
    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.open_surveys()
    publish(workspace, share, "2026-11")
    _stop(workspace, share)
    other = share / "published" / "2026-11.json"
    _file(share).write_bytes(b"garbage" if what == "garbage" else other.read_bytes())
    with pytest.raises(PublishError, match="HR"):
        source.deliver(survey, submission({"IT": {"overall": 2}}))
    assert not (share / "inbox").exists() or not any((share / "inbox").iterdir())


def test_an_answer_still_waits_for_a_folder_that_cannot_be_reached(
    share: Path, tmp_path: Path
) -> None:
    """Unchanged: with the shared folder away, the answer is kept to be sent later."""
    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.open_surveys()
    share.rename(tmp_path / "away")
    outcome = source.deliver(survey, submission({"IT": {"overall": 2}}))
    assert outcome.status == "queued"


def test_closing_a_kiosk_wave_withdraws_it_from_the_kiosk(workspace: Path, share: Path) -> None:
    """`rapport close hr --wave induction` takes the shared folder used last: the kiosk's
    file stayed, the kiosk offered the closed wave and its answers were late, lost unsaid
    (and this round's check of closed waves' files then warned at every first ingest)."""
    from desktop_app.respondent.kiosk_source import KioskSource
    from surveys.ingest import ingest
    from surveys.kiosk import kiosk_folder
    from surveys.publish import close_wave
    from tests.surveys.transport_helpers import PASSPHRASE

    kiosk = kiosk_folder(workspace)
    publish(workspace, kiosk, "induction")
    assert [s.wave for s in KioskSource(kiosk).open_surveys()] == ["induction"]
    close_wave(workspace, share, "induction")
    assert not (kiosk / "published" / "induction.json").exists()
    assert KioskSource(kiosk).open_surveys() == []
    assert ingest(workspace, kiosk, PASSPHRASE, source="kiosk").published == []


def test_a_workspace_restored_from_a_backup_writes_back_a_file_the_apps_take(
    workspace: Path, share: Path, tmp_path: Path
) -> None:
    """HR restores the workspace from last night's backup, after stopping the wave today.
    Ingest wrote the backup's copy back as it was, with its earlier number: every app that
    read the stop then refused HR's current file ("is an earlier version ..."), and every
    ingest wrote the same file again. The copy is now signed again past the share's file,
    and HR is told what happened rather than that someone changed the file."""
    import shutil

    from surveys.published_check import changed_published

    source = TeamSource(share, "Sales", hold=False)
    assert len(source.open_surveys()) == 1
    backup = tmp_path / "backup"
    shutil.copytree(workspace, backup)
    _stop(workspace, share)
    assert source.problem() is None and source.open_surveys() == []  # the app read the stop
    shutil.rmtree(workspace)
    shutil.copytree(backup, workspace)  # the restore: the workspace knows nothing of the stop
    db = open_workspace(workspace)
    try:
        [said] = changed_published(db, share)
        assert "restored from a backup" in said and "someone" not in said
        [said] = restore_published(db, share)
        assert "restored from a backup" in said
        assert restore_published(db, share) == []  # the share now holds the workspace's file
    finally:
        db.close()
    assert source.problem() is None  # not "an earlier version"
    assert [s.wave for s in source.open_surveys()] == [WAVE]  # the workspace's open wave


def test_a_later_file_signed_by_another_key_is_still_written_over_as_before(
    workspace: Path, share: Path, tmp_path: Path
) -> None:
    """Only a later file this workspace signed is taken for a restored backup's: another
    workspace's file with a higher number is a changed file, written over with HR's copy."""
    from surveys.published_check import changed_published
    from surveys.store import create_workspace

    other = tmp_path / "other-ws"
    create_workspace(other, headcounts={"Sales": 40, "IT": 25}).close()
    mine = _file(share).read_bytes()
    publish(other, tmp_path / "other-share")  # published later: a higher number
    _file(share).write_bytes(_file(tmp_path / "other-share").read_bytes())
    db = open_workspace(workspace)
    try:
        [said] = changed_published(db, share)
        assert "someone who may write to published/ changed it" in said
        restore_published(db, share)
    finally:
        db.close()
    assert _file(share).read_bytes() == mine


def test_an_unsigned_file_read_before_the_pin_does_not_raise_the_wave_s_number(
    workspace: Path, share: Path
) -> None:
    """An app's first reading of a share pins HR's signing key, and took the ``sequence``
    of every file read with it, signed or not: a colleague who put an unsigned file of next
    month's wave there with a huge number had the app refuse HR's real file of that wave
    for good ("an earlier version"). Only files whose signature verified count."""
    data = json.loads(_file(share).read_text(encoding="utf-8"))
    for field in ("signing_key", "signature"):
        data.pop(field)
    planted = share / "published" / "2026-11.json"
    planted.write_text(json.dumps({**data, "wave": "2026-11", "sequence": 10**15}), "utf-8")
    source = TeamSource(share, "Sales", hold=False)
    source.problem()  # the first reading: HR's key is pinned
    planted.unlink()
    publish(workspace, share, "2026-11")  # HR publishes the wave
    assert source.problem() is None
    assert sorted(s.wave for s in source.open_surveys()) == ["2026-10", "2026-11"]


def test_a_damaged_pins_file_does_not_stop_the_app(share: Path) -> None:
    """The respondent's pins (sealing key, signing key and sequences) in a file damaged into
    deeply nested brackets: reading it raised ``RecursionError`` (no ``ValueError``), which
    no caller expects, so every look at the share ended in a traceback. It is now read as
    a damaged file: pinned again on this reading."""
    from surveys import key_pins, survey_signature
    from surveys.paths import user_data_dir

    TeamSource(share, "Sales", hold=False).problem()
    for name in (key_pins.PINS_FILE, survey_signature.PINS_FILE):
        (user_data_dir() / name).write_text("[" * 100_000, encoding="utf-8")
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None and len(source.open_surveys()) == 1


def test_publishing_again_after_a_restore_with_the_clock_behind_numbers_past_the_share(
    workspace: Path, share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup restored on a computer whose clock is behind: HR edits the wave and
    publishes it again before any ingest. Numbered from the backup's last number (the clock
    being behind), the file was lower than the share's later one the apps had read, and
    HR's copy then matched the share, so no ingest ever fixed it."""
    import shutil
    import time

    source = TeamSource(share, "Sales", hold=False)
    backup = tmp_path / "backup"
    shutil.copytree(workspace, backup)
    publish(workspace, share, create=False, closes="2099-12-30")
    assert source.problem() is None  # the app read the later file
    shutil.rmtree(workspace)
    shutil.copytree(backup, workspace)
    now = time.time
    monkeypatch.setattr(time, "time", lambda: 86_400.0)  # 2 January 1970
    publish(workspace, share, create=False, closes="2099-12-29")
    monkeypatch.setattr(time, "time", now)  # the respondent's clock is right
    assert source.problem() is None
    assert source.open_surveys()[0].closes == "2099-12-29"


def test_another_waves_file_copied_over_a_wave_is_refused(workspace: Path, share: Path) -> None:
    """A colleague copies HR's signed 2026-12.json over the wave's file: it verifies, so the
    app offered 2026-12 twice and the wave not at all, without a word, until an ingest."""
    source = TeamSource(share, "Sales", hold=False)
    publish(workspace, share, "2026-12")
    assert sorted(s.wave for s in source.open_surveys()) == [WAVE, "2026-12"]
    good = _file(share).read_bytes()
    _file(share).write_bytes((share / "published" / "2026-12.json").read_bytes())
    assert f"is in the file {WAVE}.json, which is not its wave's (2026-12)" in (
        source.problem() or ""
    )
    assert source.open_surveys() == []
    _file(share).write_bytes(good)  # HR's next ingest writes its copy back
    assert source.problem() is None and len(source.open_surveys()) == 2


def test_the_kiosk_refuses_another_waves_file_copied_over_a_wave(
    workspace: Path, tmp_path: Path
) -> None:
    from desktop_app.respondent.kiosk_source import KioskSource

    folder = tmp_path / "kiosk"
    publish(workspace, folder)
    publish(workspace, folder, "2026-12")
    kiosk = KioskSource(folder)
    assert kiosk.problem() is None and len(kiosk.open_surveys()) == 2
    _file(folder).write_bytes((folder / "published" / "2026-12.json").read_bytes())
    problem, offered = kiosk.look()
    assert "which is not its wave's (2026-12)" in (problem or "") and offered == []


def test_a_waves_file_named_in_another_case_is_still_its_own(
    workspace: Path, tmp_path: Path
) -> None:
    """Windows shares match names in any case: HR's file of wave Induction read back as
    ``INDUCTION.JSON`` is its own."""
    from surveys.key_pins import misfiled

    share = tmp_path / "share"
    survey = publish(workspace, share, "Induction")
    moved = survey.path.with_name("INDUCTION.JSON")
    survey.path.rename(moved)
    assert misfiled(share, [read_published(moved)]) is None
