"""`rapport publish` to a missing or unmounted share is refused unless `--create`.

Before, publishing to a folder that did not exist created the whole tree, so on an unmounted
network drive the pulse went to a local folder nobody would ever see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.store import get_setting, open_workspace
from tests.surveys.transport_helpers import PASSPHRASE


@pytest.fixture
def publish_args(workspace: Path, monkeypatch) -> list[str]:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    return ["publish", str(workspace), "--wave", "2026-10"]


def _nothing_happened(workspace: Path) -> None:
    db = open_workspace(workspace)
    try:
        assert db.execute("SELECT count(*) FROM waves").fetchone() == (0,)
        assert get_setting(db, "share") is None
    finally:
        db.close()
    assert not (workspace / "workspace.key").exists()


def test_a_missing_share_is_refused(workspace, tmp_path, publish_args, capsys) -> None:
    share = tmp_path / "drive" / "rapport"
    assert main([*publish_args, "--share", str(share)]) == 2
    err = capsys.readouterr().err
    assert "does not exist or cannot be reached (is the network drive mounted?)" in err
    assert "--create" in err and "Traceback" not in err
    assert not (tmp_path / "drive").exists()
    _nothing_happened(workspace)


def test_an_empty_mount_point_is_refused(workspace, tmp_path, publish_args, capsys) -> None:
    share = tmp_path / "mnt"
    share.mkdir()  # what an unmounted network drive looks like
    assert main([*publish_args, "--share", str(share)]) == 2
    assert "is not a Rapport shared folder yet" in capsys.readouterr().err
    assert list(share.iterdir()) == []
    _nothing_happened(workspace)


def test_create_sets_up_a_new_share_and_later_publishes_need_no_flag(
    workspace, tmp_path, publish_args, capsys
) -> None:
    share = tmp_path / "new-share"
    assert main([*publish_args, "--share", str(share), "--create"]) == 0
    assert sorted(p.name for p in share.iterdir()) == [
        "archive",
        "inbox",
        "published",
        "quarantine",
        "requests",
        "tickets",
    ]
    assert (share / "published" / "2026-10.json").exists()
    capsys.readouterr()
    assert main(["publish", str(Path(publish_args[1])), "--wave", "2026-11"]) == 0
    assert (share / "published" / "2026-11.json").exists()


def test_a_ticketed_wave_is_not_published_without_tickets_elsewhere(
    workspace, tmp_path, publish_args, capsys
) -> None:
    """docs/deploy.md's kiosk on a separate folder (`--share KIOSKDIR --no-tickets`) for
    the team's ticketed wave: the kiosk offered the wave, people answered, and ingest set
    every answer aside ("no valid ticket"). Refused when publishing now; the kiosk folder
    beside the workspace, whose answers ingest takes without tickets, is not."""
    share, kiosk_dir = tmp_path / "share", tmp_path / "kioskdir"
    assert main([*publish_args, "--share", str(share), "--create"]) == 0
    capsys.readouterr()
    assert main([*publish_args, "--share", str(kiosk_dir), "--no-tickets", "--create"]) == 2
    err = capsys.readouterr().err
    assert "Wave 2026-10 takes answers only with participation tickets" in err
    assert "2026-10-kiosk" in err and "Traceback" not in err
    assert not kiosk_dir.exists()
    assert main([*publish_args, "--kiosk"]) == 0
    assert (workspace / "kiosk" / "published" / "2026-10.json").is_file()


def test_a_wave_published_without_tickets_elsewhere_is_not_given_tickets(
    workspace, tmp_path, publish_args, capsys
) -> None:
    """The same answer loss the other way round: the wave went to the kiosk's own folder
    first (`--share KIOSKDIR --no-tickets`), then to the team share with tickets, which gave
    it ticket keys; ingest of KIOSKDIR then set every kiosk answer aside ("no valid
    ticket"). The kiosk folder beside the workspace does not count (ingest takes its
    answers without tickets)."""
    share, kiosk_dir = tmp_path / "share", tmp_path / "kioskdir"
    assert main([*publish_args, "--kiosk"]) == 0
    assert main([*publish_args, "--share", str(kiosk_dir), "--no-tickets", "--create"]) == 0
    capsys.readouterr()
    assert main([*publish_args, "--share", str(share), "--create"]) == 2
    err = capsys.readouterr().err
    assert f"Wave 2026-10 is published without participation tickets to {kiosk_dir}" in err
    assert "--no-tickets" in err and "2026-10-team" in err and "Traceback" not in err
    assert not share.exists()
    db = open_workspace(workspace)
    try:
        assert db.execute("SELECT count(*) FROM ticket_keys").fetchone() == (0,)
    finally:
        db.close()
    assert main([*publish_args, "--share", str(share), "--no-tickets", "--create"]) == 0
    (kiosk_dir / "published" / "2026-10.json").unlink()  # taken off the kiosk's folder
    assert main([*publish_args, "--share", str(share)]) == 0  # now it may take tickets
