"""The Pulses section shows ticket requests (pending, signed, refused) and signs them every
minute while signing is switched on, with the passphrase kept in memory only."""

from __future__ import annotations

from pathlib import Path

from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.publish import publish_wave, read_published
from surveys.ticket_client import request_ticket
from tests.desktop_app.test_pulses_panel import PASSPHRASE, _type_passphrase_when_asked

WAVE = "2026-11"


def _requests(workspace: Path, share: Path, tmp_path: Path, monkeypatch, count: int) -> None:
    path = publish_wave(
        workspace, share, WAVE, "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True,
    )  # fmt: skip
    survey = read_published(path)
    for number in range(count):  # each respondent on their own computer
        monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / f"person{number}"))
        assert request_ticket(survey, share, "Sales") is not None
    from surveys.store import open_workspace, set_setting

    db = open_workspace(workspace)
    set_setting(db, "share", str(share))
    db.close()


def test_pending_requests_are_shown_and_signed_while_signing_is_on(
    qtbot, open_panel, demo_workspace: Path, tmp_path: Path, monkeypatch
) -> None:
    share = tmp_path / "share"
    _requests(demo_workspace, share, tmp_path, monkeypatch, 3)
    panel = open_panel(PulsesPanel)
    box = panel.tickets
    qtbot.waitUntil(lambda: "3 pending" in box.summary.text(), timeout=10000)
    assert "0 signed" in box.summary.text()
    # What they wait for and how to give it (a new analyst saw "3 pending" and no more).
    assert (
        "3 respondents wait for their ticket: their answers stay on their computers until it "
        "is signed. Ingest inbox… signs them, or tick the box below."
    ) in box.summary.text()
    _type_passphrase_when_asked()
    box.sign_box.click()  # asks for the passphrase, then signs at once
    qtbot.waitUntil(lambda: "0 pending" in box.summary.text(), timeout=30000)
    assert "3 signed" in box.summary.text()
    assert "wait for their ticket" not in box.summary.text()
    assert box.signing and box.sign_timer.isActive()
    # In these tests every file has one owner, HR's too: the one-owner warning shows.
    assert box.warning.isVisible()
    assert "does not record who wrote a file" in box.warning.text()
    box.sign_box.click()  # off: the passphrase is forgotten
    assert not box.signing and not box.sign_timer.isActive()


def test_one_pending_request_is_said_in_the_singular(
    qtbot, open_panel, demo_workspace: Path, tmp_path: Path, monkeypatch
) -> None:
    _requests(demo_workspace, tmp_path / "share", tmp_path, monkeypatch, 1)
    box = open_panel(PulsesPanel).tickets
    qtbot.waitUntil(lambda: "1 pending" in box.summary.text(), timeout=10000)
    assert "1 respondent waits for a ticket: their answers stay on their computer" in (
        box.summary.text()
    )
    assert "participation ticket per wave" in box.summary.toolTip()
