"""Who owns a request: the real lookup, and shares where every file has one owner."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

from desktop_app.cli import main
from surveys.ticket_signing import ONE_OWNER_MIN, file_owner
from surveys.tickets import ticket_status
from tests.surveys.ticket_helpers import HR, make_world
from tests.surveys.transport_helpers import PASSPHRASE


def test_file_owner_is_the_name_the_file_system_records(tmp_path: Path) -> None:
    path = tmp_path / "a.request"
    path.write_text("{}")
    assert file_owner(path) == pwd.getpwuid(os.getuid()).pw_name
    link = tmp_path / "link.request"
    link.symlink_to("/etc/hostname")
    assert file_owner(link) == pwd.getpwuid(os.lstat(link).st_uid).pw_name  # not followed


def test_a_one_owner_share_signs_each_request_and_warns(workspace: Path, tmp_path: Path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    for person in ("p1", "p2", "p3", "p4"):
        ticket = world.request(person, survey)
        world.owners.by_name[f"{ticket.request}.request"] = HR  # the share maps all to one
    report = world.sign()
    assert (report.signed, report.refused_count) == (4, 0)
    assert len(report.warnings) == 1
    assert "does not record who wrote a file" in report.warnings[0]
    assert "one person can ask more than once" in report.warnings[0]
    status = ticket_status(workspace, world.share, owner_of=world.owners)
    assert status.signed == 4 and status.warnings == report.warnings


def test_a_colleague_asking_many_times_gets_one_ticket_and_a_warning(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    for machine in range(ONE_OWNER_MIN + 1):
        ticket = world.request(f"zed-{machine}", survey)
        world.owners.by_name[f"{ticket.request}.request"] = "zed"
    report = world.sign()
    assert (report.signed, report.refused) == (1, {"second": ONE_OWNER_MIN})
    assert any("the account zed asked for" in w for w in report.warnings)
    status = ticket_status(workspace, world.share, owner_of=world.owners)
    assert status.signed == 1 and status.warnings == []
    assert list(status.refused.values()) == [ONE_OWNER_MIN]


def test_ingest_prints_the_one_owner_warning(workspace, tmp_path, monkeypatch, capsys):
    """The real owner lookup: in this test every file has the same owner, HR's included."""
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    for person in ("p1", "p2", "p3"):
        with world.person(person):
            from surveys.ticket_client import request_ticket

            request_ticket(survey, world.share, "Sales")
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code = main(["ingest", str(workspace), "--share", str(world.share)])
    captured = capsys.readouterr()
    assert code == 3
    assert "Tickets: 3 signed" in captured.out
    assert "Warning: Wave 2026-10: 3 ticket requests have the same owner" in captured.err


def test_ingest_all_reports_the_signing_too(workspace, tmp_path) -> None:
    """The HR window and the pulse programme ingest through ingest_all: it says what it
    signed (the Pulses status line shows it)."""
    from surveys.kiosk import ingest_all
    from surveys.ticket_client import request_ticket

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    with world.person("p1"):
        request_ticket(survey, world.share, "Sales")
    report = ingest_all(workspace, world.share, PASSPHRASE)
    assert report.tickets is not None and report.tickets.signed == 1
