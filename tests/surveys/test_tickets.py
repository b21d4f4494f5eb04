"""Participation tickets end to end: request, sign, pick up, seal, ingest (issue 18)."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.keys import public_key, seal
from surveys.outbox import deliver
from surveys.store import open_workspace
from surveys.ticket_client import local_ticket, pick_up
from surveys.ticket_files import REQUESTS, TICKETS
from surveys.ticket_wait import deliver_ticketed, release_waiting, waiting_names
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission


def _tokens(workspace: Path) -> list[str]:
    db = open_workspace(workspace)
    try:
        return [row[0] for row in db.execute("SELECT token FROM submissions ORDER BY token")]
    finally:
        db.close()


def _answer(world, account: str, survey, value: int = 2, **kwargs):
    sub = submission({"IT": {"timely": value, "overall": value}}, **kwargs)
    with world.person(account):
        return deliver_ticketed(sub, survey, world.share, "Sales")


def test_the_published_wave_carries_an_rsa_ticket_key(workspace: Path, tmp_path: Path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    from surveys.blind_rsa import load_public_key

    assert list(survey.ticket_keys) == [""]
    assert load_public_key(survey.ticket_keys[""]).key_size >= 2048
    db = open_workspace(workspace)
    try:
        sealed = db.execute("SELECT sealed_private FROM ticket_keys").fetchone()[0]
    finally:
        db.close()
    assert bytes(sealed).startswith(b"RAPPORT-SEAL-1\n")  # sealed to the workspace key
    assert b"PRIVATE KEY" not in bytes(sealed)
    assert (world.share / REQUESTS).is_dir() and (world.share / TICKETS).is_dir()
    again = world.publish()  # published again: the same key, so tickets stay valid
    assert again.ticket_keys == survey.ticket_keys


def test_request_sign_pick_up_deliver_ingest(workspace: Path, tmp_path: Path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("alice", survey)
    report = world.sign()
    assert (report.signed, report.refused_count, report.warnings) == (1, 0, [])
    assert list((world.share / REQUESTS).iterdir()) == []
    result = _answer(world, "alice", survey)
    assert result.status == "delivered"
    with world.person("alice"):
        ticket = local_ticket(survey.wave)
    assert ticket.signature and ticket.inv == "" and ticket.blinded == ""  # inverse forgotten
    taken = ingest(workspace, world.share, PASSPHRASE)
    assert (taken.stored, taken.quarantined) == (1, [])
    assert len(_tokens(workspace)) == 1


def test_an_answer_made_before_the_ticket_waits_then_goes(workspace: Path, tmp_path: Path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    result = _answer(world, "alice", survey)  # requests the ticket, cannot wait for it
    assert result.status == "waiting"
    assert list((world.share / "inbox").iterdir()) == []
    with world.person("alice"):
        assert waiting_names() == {result.path.name}
        blob = result.path.read_bytes()
    assert b"timely" not in blob  # kept encrypted on the respondent's computer
    request = next((world.share / REQUESTS).iterdir())
    world.owners.by_name[request.name] = "alice"
    assert world.sign().signed == 1
    with world.person("alice"):
        pick_up(survey, world.share)
        assert release_waiting(world.share) == [result.path.name]
        assert waiting_names() == set()
    assert [p.name for p in (world.share / "inbox").iterdir()] == [result.path.name]
    assert ingest(workspace, world.share, PASSPHRASE).stored == 1


def test_one_ticket_per_owner_per_wave(workspace: Path, tmp_path: Path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("alice", survey)
    assert world.sign().signed == 1
    # Alice's second computer (its own ticket state), same account on the share.
    laptop = world.request("alice-laptop", survey)
    world.owners.by_name[f"{laptop.request}.request"] = "alice"
    report = world.sign()
    assert (report.signed, report.refused) == (0, {"second": 1})
    with world.person("alice-laptop"):
        refused = pick_up(survey, world.share)
    assert "already given" in refused.refused and not refused.signature
    with world.person("alice"):
        assert pick_up(survey, world.share).signature  # the first computer's ticket is fine
    db = open_workspace(workspace)
    try:
        roll = db.execute("SELECT owner FROM ticket_roll").fetchall()
    finally:
        db.close()
    assert roll == [("alice",)]


def test_a_request_written_twice_is_signed_once_and_again_harmlessly(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    ticket = world.request("bob", survey)
    request = world.share / REQUESTS / f"{ticket.request}.request"
    content = request.read_bytes()
    assert world.sign().signed == 1
    request.write_bytes(content)  # the respondent's app wrote it again after a crash
    first = (world.share / TICKETS / f"{ticket.request}.ticket").read_bytes()
    report = world.sign()
    assert (report.signed, report.again, report.refused_count) == (0, 1, 0)
    assert (world.share / TICKETS / f"{ticket.request}.ticket").read_bytes() == first


def test_the_same_ticket_counts_once_and_the_newer_answer_wins(workspace, tmp_path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("carol", survey)
    world.sign()
    first = _answer(world, "carol", survey, value=1)
    second = _answer(world, "carol", survey, value=5)
    assert first.delivered and second.delivered
    report = ingest(workspace, world.share, PASSPHRASE)
    # The files are taken in the order of their random names: the older one either is
    # replaced or arrives second and is superseded. Either way one ticket, one answer.
    assert report.stored == 1 and report.replaced + report.superseded == 1
    assert len(_tokens(workspace)) == 1
    db = open_workspace(workspace)
    try:
        values = {v for (v,) in db.execute("SELECT value FROM answers")}
    finally:
        db.close()
    assert values == {5}


def test_a_replayed_ticket_in_a_forged_file_cannot_add_a_person(workspace, tmp_path) -> None:
    """Even with a real ticket copied out of a submission, there is one answer per ticket."""
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("dave", survey)
    world.sign()
    _answer(world, "dave", survey, value=4)
    with world.person("dave"):
        ticket = local_ticket(survey.wave)
    stolen = (ticket.prepared, ticket.signature)
    for value in (1, 1, 1):
        forged = replace(submission({"IT": {"timely": value}}), ticket=stolen, counter=1)
        _seal_into_inbox(world.share, workspace, forged)
    ingest(workspace, world.share, PASSPHRASE)
    assert len(_tokens(workspace)) == 1  # one ticket: one submission, whatever came in


def _seal_into_inbox(share: Path, workspace: Path, sub) -> Path:
    data = json.dumps(sub.to_dict()).encode()
    data += b" " * (-len(data) % 1024)
    path = share / "inbox" / f"{sub.id}.rapport"
    path.write_bytes(seal(data, public_key(workspace)))
    return path


@pytest.mark.parametrize("how", ["none", "tampered", "garbage", "other wave", "other key"])
def test_files_without_a_valid_ticket_are_quarantined(workspace, tmp_path, how) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    other = world.publish("2026-11")
    account = "erin"
    world.request(account, survey if how != "other wave" else other)
    world.sign()
    with world.person(account):
        pick_up(survey if how != "other wave" else other, world.share)
        ticket = local_ticket(survey.wave if how != "other wave" else other.wave)
    message, signature = ticket.prepared, ticket.signature
    raw = bytearray(base64.b64decode(message))
    raw[-1] ^= 1
    tickets = {
        "none": None,
        "tampered": (base64.b64encode(bytes(raw)).decode(), signature),
        "garbage": ("AAAA", "AAAA"),
        "other wave": (message, signature),
        "other key": _foreign_ticket(),
    }
    sub = replace(submission({"IT": {"timely": 2}}), ticket=tickets[how], counter=1)
    _seal_into_inbox(world.share, workspace, sub)
    report = ingest(workspace, world.share, PASSPHRASE)
    assert report.stored == 0
    assert len(report.quarantined) == 1
    assert report.quarantined[0].reason.startswith("no valid ticket")
    assert _tokens(workspace) == []


def _foreign_ticket() -> tuple[str, str]:
    """A correctly made ticket, signed by a key that is not the wave's."""
    from surveys.blind_rsa import blind, blind_sign, finalize, generate_private_key, prepare

    key = generate_private_key()
    prepared = prepare(b"x" * 32)
    blinded, inv = blind(key.public_key(), prepared)
    signature = finalize(key.public_key(), prepared, blind_sign(key, blinded), inv)
    return base64.b64encode(prepared).decode(), base64.b64encode(signature).decode()


def test_a_wave_without_tickets_and_the_kiosk_take_answers_as_before(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    from tests.surveys.transport_helpers import publish

    survey = publish(workspace, world.share, "2026-12")  # tickets=False
    assert survey.ticket_keys == {}
    deliver(submission({"IT": {"timely": 3}}, wave="2026-12"), survey, world.share)
    assert ingest(workspace, world.share, PASSPHRASE).stored == 1
