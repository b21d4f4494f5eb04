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


def test_a_request_whose_owner_cannot_be_read_is_refused_never_signed(workspace, tmp_path):
    """A colleague who hides the owner of their files (a Windows file whose permissions HR
    may not read) would otherwise get a ticket for every request."""
    from surveys.ticket_client import pick_up

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    hidden = [world.request(f"hidden-{n}", survey) for n in range(ONE_OWNER_MIN + 1)]
    for ticket in hidden:
        world.owners.by_name[f"{ticket.request}.request"] = None
    world.request("alice", survey)
    report = world.sign()
    assert (report.signed, report.refused) == (1, {"owner": ONE_OWNER_MIN + 1})
    assert any("could not read the file's owner" in w for w in report.warnings)
    with world.person("hidden-0"):
        refused = pick_up(survey, world.share).refused
    assert "does not say which account wrote it" in refused
    status = ticket_status(workspace, world.share, owner_of=world.owners)
    assert status.signed == 1 and sum(status.refused.values()) == ONE_OWNER_MIN + 1
    assert any("read permissions on the requests folder" in w for w in status.warnings)


def test_the_owner_is_read_from_the_file_that_was_read(workspace, tmp_path) -> None:
    """The lookup gets the open file's status: a file swapped in after reading changes
    nothing (on POSIX its st_uid is used; on Windows the open handle stops a swap)."""
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    ticket = world.request("alice", survey)
    path = world.share / "requests" / f"{ticket.request}.request"
    inode = path.stat().st_ino
    seen = []

    def owner_of(file: Path, info=None) -> str:  # noqa: ANN001
        if file.name.endswith(".request"):
            seen.append(info)
            decoy = file.with_name("decoy")
            decoy.write_text("swapped in")
            decoy.replace(file)  # the path now names another file
        return "alice"

    assert world.sign(owner_of=owner_of).signed == 1
    assert len(seen) == 1 and seen[0] is not None and seen[0].st_ino == inode


def test_windows_owners_are_sids_and_the_roster_knows_them_by_name(
    workspace, tmp_path, monkeypatch
) -> None:
    """Owner SIDs on the roll; HR's roster lists accounts as DOMAIN\\name or name."""
    from surveys import ticket_signing
    from surveys.file_owner import account_names
    from surveys.importing.roster import import_roster
    from surveys.store import open_workspace
    from tests.surveys.win32_fake import ALICE, BOB, FakeWin32

    carol = ALICE[:-4] + "1003"
    fake = FakeWin32(
        accounts={ALICE: ("CORP", "alice"), BOB: ("CORP", "bob"), carol: ("CORP", "carol")}
    )
    monkeypatch.setattr(ticket_signing, "account_names", lambda o: account_names(o, fake.api))
    roster = tmp_path / "roster.csv"
    roster.write_text("Login,Department\nCORP\\alice,Sales\nbob,IT\ndave,Sales\n")
    import_roster(workspace, roster)
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    for account, sid, department in (
        ("alice", ALICE, "Sales"),
        ("bob", BOB, "Sales"),  # the roster puts bob in IT
        ("carol", carol, "Sales"),  # not in the roster
    ):
        ticket = world.request(account, survey, department)
        world.owners.by_name[f"{ticket.request}.request"] = sid
    report = world.sign()
    assert (report.signed, report.refused) == (1, {"department": 1, "roster": 1})
    db = open_workspace(workspace)
    try:
        assert [r[0] for r in db.execute("SELECT owner FROM ticket_roll")] == [ALICE]
    finally:
        db.close()
    fake.assert_all_freed()
