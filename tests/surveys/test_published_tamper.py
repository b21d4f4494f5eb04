"""HR notices a published survey that someone else rewrote (fifth hostile round).

Where ``published/`` can be written by colleagues (modes set by hand, or a Windows share
whose permissions Rapport cannot read), a colleague may keep HR's public key, so that the
respondents' key pin lets the file through, and reword a question ("Overall, working with
them is" becomes "… is not"): every answer then means the opposite, and nothing
told HR. HR's app now keeps a copy of what it wrote: every ingest writes it back and says so
(exit 3), the Pulses section says so, and stopping a wave starts from HR's copy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.published_check import changed_published
from surveys.store import create_workspace, open_workspace
from surveys.wave_stop import stop_answers
from tests.surveys.transport_helpers import PASSPHRASE, WAVE, publish


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    workspace, share = tmp_path / "ws", tmp_path / "share"
    create_workspace(workspace)
    publish(workspace, share)
    return workspace, share


def reword(share: Path) -> None:
    path = share / "published" / f"{WAVE}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for question in data["questions"]:
        if question["item"] == "overall":
            question["text"] = "Overall, working with them is not"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_a_reworded_survey_is_said_by_ingest(published, capsys) -> None:
    workspace, share = published
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0
    capsys.readouterr()
    reword(share)
    assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    err = capsys.readouterr().err
    assert f"published/{WAVE}.json is not the file HR published" in err
    assert "HR's copy was written back" in err
    text = (share / "published" / f"{WAVE}.json").read_text(encoding="utf-8")
    assert "is not" not in text and "Overall, working with them is" in text
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0  # mended


def test_hrs_own_rewrites_are_not_taken_for_a_colleagues(published) -> None:
    workspace, share = published
    db = open_workspace(workspace)
    assert changed_published(db, share) == []
    stop_answers(db, share, WAVE)  # HR rewrites the file itself
    assert changed_published(db, share) == []
    publish(workspace, share)  # and publishing again writes it anew
    assert changed_published(db, share) == []
    db.close()


def test_a_stop_starts_from_hrs_copy_not_the_reworded_file(published) -> None:
    workspace, share = published
    reword(share)
    db = open_workspace(workspace)
    [problem] = changed_published(db, share)
    assert f"published/{WAVE}.json is not the file HR published" in problem
    stop_answers(db, share, WAVE)
    text = (share / "published" / f"{WAVE}.json").read_text(encoding="utf-8")
    assert "is not" not in text and '"stopped"' in text
    assert changed_published(db, share) == []
    db.close()


def test_closed_waves_copies_are_not_kept(published) -> None:
    from surveys.publish import close_wave
    from surveys.published_check import SETTING
    from surveys.store import get_setting

    workspace, share = published
    close_wave(workspace, share, WAVE)
    publish(workspace, share, "2026-11")
    db = open_workspace(workspace)
    assert [key.rsplit("|", 1)[1] for key in get_setting(db, SETTING)] == ["2026-11"]
    db.close()


def _stopped_on_the_share(share: Path) -> bool:
    return '"stopped"' in (share / "published" / f"{WAVE}.json").read_text(encoding="utf-8")


def test_a_stop_made_through_another_spelling_of_the_share_stays(published, tmp_path) -> None:
    """The window reaches the share through one path and the scheduled ingest through
    another (docs/deploy.md: a mapped drive for HR, the UNC path for the task; here a
    link): HR's own stop is not a colleague's change, and ingest must not undo it."""
    workspace, share = published
    other_spelling = tmp_path / "mapped"
    other_spelling.symlink_to(share)
    db = open_workspace(workspace)
    stop_answers(db, other_spelling, WAVE)
    db.close()
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0
    assert _stopped_on_the_share(share)


def test_a_copy_written_under_a_spelling_this_process_cannot_resolve_counts(published) -> None:
    """As above where the two paths cannot be told to be one folder (a drive letter the
    scheduled task does not have): the file HR wrote under the other path is still HR's."""
    from surveys.published_check import SETTING
    from surveys.store import get_setting, set_setting

    workspace, share = published
    db = open_workspace(workspace)
    [(key, before)] = get_setting(db, SETTING).items()
    stop_answers(db, share, WAVE)
    after = get_setting(db, SETTING)[key]
    set_setting(db, SETTING, {key: before, f"Z:\\rapport|{WAVE}": after})  # as the window
    db.close()
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0
    assert _stopped_on_the_share(share)


def test_a_stop_through_a_link_to_the_share_starts_from_hrs_copy(published, tmp_path) -> None:
    workspace, share = published
    other_spelling = tmp_path / "mapped"
    other_spelling.symlink_to(share)
    reword(share)
    db = open_workspace(workspace)
    stop_answers(db, other_spelling, WAVE)
    db.close()
    assert _stopped_on_the_share(share)
    assert "is not" not in (share / "published" / f"{WAVE}.json").read_text(encoding="utf-8")


def test_the_kiosks_copy_put_on_the_share_is_not_hrs_file_there(tmp_path, monkeypatch) -> None:
    """A file matching HR's copy under another path is HR's, but not the kiosk's copy of
    the wave (no ticket keys; the kiosk's account can read it): put on the share, it
    would turn off the wave's tickets unnoticed."""
    from surveys.kiosk import kiosk_folder

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    workspace, share = tmp_path / "ws", tmp_path / "share"
    create_workspace(workspace)
    publish(workspace, share, tickets=True)
    publish(workspace, kiosk_folder(workspace))
    kiosk_file = kiosk_folder(workspace) / "published" / f"{WAVE}.json"
    share_file = share / "published" / f"{WAVE}.json"
    assert kiosk_file.read_bytes() != share_file.read_bytes()
    share_file.write_bytes(kiosk_file.read_bytes())
    db = open_workspace(workspace)
    [problem] = changed_published(db, share)
    db.close()
    assert f"published/{WAVE}.json is not the file HR published" in problem
