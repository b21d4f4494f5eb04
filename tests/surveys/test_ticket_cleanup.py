"""Closing a wave removes its ticket requests and tickets from the share, and only those."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from surveys import ticket_cleanup
from surveys.publish import close_wave
from surveys.store import get_setting, open_workspace
from surveys.ticket_cleanup import SETTING
from surveys.ticket_files import REQUESTS, TICKETS
from tests.surveys.ticket_helpers import make_world


def _files(share: Path) -> dict[str, set[str]]:
    return {folder: set(os.listdir(share / folder)) for folder in (REQUESTS, TICKETS)}


def _listed(workspace: Path) -> list[str]:
    db = open_workspace(workspace)
    try:
        return get_setting(db, SETTING, [])
    finally:
        db.close()


def _two_waves(workspace: Path, tmp_path: Path):
    """Wave 2026-10 with a signed ticket, a refusal and a pending request; 2026-11 likewise."""
    world = make_world(workspace, tmp_path)
    october, november = world.publish("2026-10"), world.publish("2026-11")
    for survey in (october, november):
        world.request(f"signed-{survey.wave}", survey)
        world.request(f"twice-{survey.wave}", survey)
        other = world.request(f"twice-{survey.wave}-laptop", survey)
        world.owners.by_name[f"{other.request}.request"] = f"twice-{survey.wave}"
    report = world.sign()
    assert (report.signed, report.refused) == (4, {"second": 2})
    for survey in (october, november):
        world.request(f"late-{survey.wave}", survey)  # pending: not signed yet
    return world, october, november


def _plant_strangers(share: Path) -> set[str]:
    """Files Rapport did not write, or of no wave, that a cleanup must leave alone."""
    planted = {
        REQUESTS: [
            ("notes.txt", "2026-10"),
            ("0" * 32 + ".request", "not json"),
            ("1" * 32 + ".request", json.dumps({"format": "something-else", "wave": "2026-10"})),
            (".half." + "2" * 32 + ".request.tmp", "{"),
        ],
        TICKETS: [("3" * 32 + ".ticket", json.dumps({"format": "rapport-ticket-1"}))],
    }
    names = set()
    for folder, files in planted.items():
        for name, text in files:
            (share / folder / name).write_text(text)
            names.add(name)
    target = share / TICKETS / ("4" * 32 + ".ticket")
    target.symlink_to(share / "published" / "2026-10.json")  # never followed, never removed
    names.add(target.name)
    return names


def test_closing_a_wave_removes_its_requests_and_tickets_and_nothing_else(
    workspace: Path, tmp_path: Path
) -> None:
    world, october, _november = _two_waves(workspace, tmp_path)
    strangers = _plant_strangers(world.share)
    before = _files(world.share)
    assert len(before[REQUESTS]) == 2 + 4 and len(before[TICKETS]) == 6 + 2

    close_wave(workspace, world.share, october.wave)

    after = _files(world.share)
    removed = (before[REQUESTS] - after[REQUESTS]) | (before[TICKETS] - after[TICKETS])
    for name in removed:
        assert name not in strangers
    assert len(before[REQUESTS] - after[REQUESTS]) == 1  # October's pending request
    assert len(before[TICKETS] - after[TICKETS]) == 3  # October's two tickets, one refusal
    for folder in (REQUESTS, TICKETS):
        for name in after[folder] - strangers:
            assert json.loads((world.share / folder / name).read_text())["wave"] == "2026-11"
    assert strangers <= after[REQUESTS] | after[TICKETS]
    assert _listed(workspace) == []
    close_wave(workspace, world.share, october.wave)  # again: harmless
    assert _files(world.share) == after


def test_a_share_that_fails_half_way_is_cleaned_by_the_next_run(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world, october, november = _two_waves(workspace, tmp_path)
    real_unlink, calls = os.unlink, []

    def unlink_then_fail(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        # Only the cleanup's own removals count: closing also removes the wave's
        # published (and kiosk) file through the same os.unlink.
        if Path(path).parent.name in (REQUESTS, TICKETS):
            calls.append(path)
            if len(calls) > 1:
                raise OSError(5, "Input/output error")  # the network drive went away
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(ticket_cleanup.os, "unlink", unlink_then_fail)
    close_wave(workspace, world.share, october.wave)  # closed; the cleanup is half done
    monkeypatch.setattr(ticket_cleanup.os, "unlink", real_unlink)
    assert _listed(workspace) == [october.wave]
    waves = {
        json.loads(p.read_text())["wave"]
        for folder in (REQUESTS, TICKETS)
        for p in (world.share / folder).iterdir()
    }
    assert october.wave in waves  # some of October's files are still there

    report = world.sign()  # the next signing pass (ingest, `rapport tickets`, the window)
    assert report.signed == 1  # November's pending request
    waves = {
        json.loads(p.read_text())["wave"]
        for folder in (REQUESTS, TICKETS)
        for p in (world.share / folder).iterdir()
    }
    assert waves == {november.wave}
    assert _listed(workspace) == []


def test_a_close_without_the_share_is_cleaned_when_a_signing_pass_sees_it(
    workspace: Path, tmp_path: Path
) -> None:
    world, october, _november = _two_waves(workspace, tmp_path)
    close_wave(workspace, None, october.wave)  # the share was not given
    assert _listed(workspace) == [october.wave]
    assert (world.share / "published" / "2026-10.json").exists()  # withdrawn by hand later
    world.sign()
    assert _listed(workspace) == []
    for folder in (REQUESTS, TICKETS):
        for path in (world.share / folder).iterdir():
            assert json.loads(path.read_text())["wave"] == "2026-11"


def test_a_signing_pass_holding_the_lock_cleans_at_its_end(workspace, tmp_path) -> None:
    from surveys.file_lock import try_lock

    world, october, _november = _two_waves(workspace, tmp_path)
    with try_lock(workspace / ticket_cleanup.LOCK_FILE) as held:  # a pass is signing
        assert held
        close_wave(workspace, world.share, october.wave)
        assert _listed(workspace) == [october.wave]  # left for that pass
    world.sign()
    assert _listed(workspace) == []


def test_a_request_for_a_closed_wave_is_removed_without_an_answer(workspace, tmp_path) -> None:
    """A respondent's app that still had the wave open writes its request after the close."""
    world, october, _november = _two_waves(workspace, tmp_path)
    close_wave(workspace, world.share, october.wave)
    latecomer = world.request("latecomer", october)
    report = world.sign()
    assert report.closed == 1 and report.refused_count == 0
    names = {p.name.split(".")[0] for p in (world.share / TICKETS).iterdir()}
    assert latecomer.request not in names  # no refusal file left behind for a closed wave
    assert not (world.share / REQUESTS / f"{latecomer.request}.request").exists()
