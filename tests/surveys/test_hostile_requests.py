"""What a colleague with ordinary access to the shared folder can do with ticket requests.

``requests/`` is a drop box every colleague may write to, and ``tickets/`` a folder every
colleague may list: these tests drop hostile requests there (unreadable, under someone
else's ticket name, thousands of copies, a folder, nesting past the JSON parser's limit)
and check that HR's signing, ingest and closing go on and nobody's ticket is harmed.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.cli import main
from surveys.store import create_workspace
from tests.surveys.test_hostile_colleague import _as_colleague, _hr_account, posix_only
from tests.surveys.transport_helpers import PASSPHRASE, publish


@posix_only
def test_a_ticket_request_hr_may_not_read_is_refused_not_left_waiting_for_ever(
    top: Path, monkeypatch, capsys
) -> None:
    workspace, share = top / "ws", top / "share"
    create_workspace(workspace).close()
    publish(workspace, share, tickets=True)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["tickets", str(workspace), "--share", str(share)]) == 0  # loads it all
    request = share / "requests" / ("0123456789abcdef" * 2 + ".request")
    request.write_bytes(b"{}")
    os.chmod(request, 0)  # its writer took away the read permission
    capsys.readouterr()
    with _hr_account(top):
        first = main(["tickets", str(workspace)])
        out = capsys.readouterr().out
        second = main(["tickets", str(workspace)])
        again = capsys.readouterr().out
    assert (first, second) == (0, 0)
    assert "1 refused, 0 left waiting" in out
    assert "HR's account may not read it" in out
    assert "0 refused, 0 left waiting" in again
    assert not request.exists()


def test_a_request_under_someone_elses_ticket_name_never_overwrites_their_ticket(
    workspace, tmp_path
) -> None:
    """Anyone may list tickets/, and a ticket is named after its request: a colleague who
    wrote a request under that name had HR sign it there, over the other person's ticket."""
    import base64

    from surveys.ticket_client import _new_ticket, pick_up
    from surveys.ticket_files import TICKETS, TicketRequest, key_id, write_request
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    victim = world.request("victim", survey)
    assert world.sign().signed == 1
    ticket = world.share / TICKETS / f"{victim.request}.ticket"
    signed = ticket.read_bytes()
    _name, der = survey.ticket_key_for("Sales")
    forged = _new_ticket(survey.wave, der, key_id(der))
    blinded = base64.b64decode(forged.blinded)
    write_request(world.share, TicketRequest(victim.request, survey.wave, key_id(der), blinded))
    world.owners.by_name[f"{victim.request}.request"] = "colleague"
    report = world.sign()
    assert (report.signed, report.refused) == (0, {"taken": 1})
    assert ticket.read_bytes() == signed
    assert not (world.share / TICKETS / f"{victim.request}.refused").exists()
    with world.person("victim"):
        assert pick_up(survey, world.share).signature
    world.request("colleague", survey)  # the colleague's own ticket is still theirs to get
    assert world.sign().signed == 1


def _copies(world, survey, blinded: bytes, count: int, owner: str) -> None:
    """``count`` requests with the same blinded value under fresh names, owned by ``owner``."""
    import secrets

    from surveys.ticket_files import TicketRequest, key_id, write_request

    _name, der = survey.ticket_key_for("Sales")
    for _ in range(count):
        name = secrets.token_hex(16)
        write_request(world.share, TicketRequest(name, survey.wave, key_id(der), blinded))
        world.owners.by_name[f"{name}.request"] = owner


def test_an_account_flooding_requests_gets_one_ticket_and_few_files(workspace, tmp_path):
    """2,000 copies of one request under fresh names cost HR 2,000 RSA signatures and put
    2,000 ticket files on the share; 2,000 new requests from an account already on the
    roll, 2,000 refusal files."""
    import base64

    from surveys.ticket_client import _new_ticket
    from surveys.ticket_files import TICKETS, key_id
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    ticket = world.request("flooder", survey)
    assert world.sign().signed == 1
    before = set(os.listdir(world.share / TICKETS))
    _copies(world, survey, base64.b64decode(ticket.blinded), 40, "flooder")
    report = world.sign()
    assert (report.signed, report.again, report.refused) == (0, 1, {"second": 39})
    assert len(set(os.listdir(world.share / TICKETS)) - before) == 1
    assert any("flooder asked for 40 tickets" in w for w in report.warnings)

    _name, der = survey.ticket_key_for("Sales")
    other = _new_ticket(survey.wave, der, key_id(der))
    before = set(os.listdir(world.share / TICKETS))
    _copies(world, survey, base64.b64decode(other.blinded), 40, "flooder")
    report = world.sign()
    assert (report.signed, report.again, report.refused) == (0, 0, {"second": 40})
    added = set(os.listdir(world.share / TICKETS)) - before
    assert len(added) == 3 and all(name.endswith(".refused") for name in added)
    assert os.listdir(world.share / "requests") == []


def test_a_colleagues_folder_in_requests_is_not_refused_again_on_every_pass(
    workspace, tmp_path
) -> None:
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    world.publish()
    _as_colleague("mkdir " + "a" * 32 + ".request", world.share / "requests")
    for _ in range(2):
        report = world.sign()
        assert (report.signed, report.refused_count, report.pending) == (0, 0, 0)


def test_a_deeply_nested_request_never_stops_signing_ingest_or_closing(
    workspace, tmp_path, monkeypatch, capsys
) -> None:
    """16 KiB of "[" in requests/ raised RecursionError out of the JSON parser: `rapport
    tickets`, `rapport ingest` and the clean-up after closing a wave stopped with a
    traceback, on every run, for everyone."""
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("alice", survey)
    deep = b"[" * 8000 + b"]" * 8000
    for name in ("b" * 32, "c" * 32):
        (world.share / "requests" / f"{name}.request").write_bytes(deep)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["ingest", str(workspace), "--share", str(world.share)]) == 0
    out = capsys.readouterr().out
    assert "Tickets: 1 signed" in out and "2 refused" in out and "Traceback" not in out
    (world.share / "requests" / f"{'d' * 32}.request").write_bytes(deep)
    assert main(["close", str(workspace), "--wave", survey.wave, "--anyway"]) == 0
    assert "Closed wave" in capsys.readouterr().out
