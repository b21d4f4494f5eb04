"""Blindness: everything HR holds cannot join a person to an answer.

HR keeps a copy of every request file and every ticket it wrote, has the roll and the
workspace (and, holding the workspace key, can open every archived submission and read the
tickets inside). :func:`_joins` tries every way to link a request (and so its owner) to a
ticket found in a submission: equal bytes, hashes, the ticket's message inside the request,
and the algebra of an unblinded signature (a blind signature that *is* the final signature,
or a request that *is* the encoded message). With real blinding it finds nothing; the
control test shows it finds every pair when blinding is switched off, so it can fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tarfile
from pathlib import Path

import pytest

from surveys import blind_rsa
from surveys.ingest import ingest
from surveys.keys import load_private_key, unseal
from surveys.store import open_workspace
from surveys.submission_schema import parse_submission
from surveys.ticket_files import REQUESTS, TICKETS
from surveys.ticket_wait import deliver_ticketed
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission

PEOPLE = ("ann", "ben", "cat", "dan", "eve")


def _hr_records(world, survey):
    """Run the protocol for five people; return what HR holds afterwards."""
    for person in PEOPLE:
        world.request(person, survey)
    requests = {p.name: p.read_bytes() for p in (world.share / REQUESTS).iterdir()}
    world.sign()
    tickets = {p.name: p.read_bytes() for p in (world.share / TICKETS).iterdir()}
    for value, person in enumerate(PEOPLE, 1):
        with world.person(person):
            sub = submission({"IT": {"timely": value}})
            assert deliver_ticketed(sub, survey, world.share, "Sales").delivered
    assert ingest(world.workspace, world.share, PASSPHRASE).stored == len(PEOPLE)
    db = open_workspace(world.workspace)
    try:
        roll = db.execute("SELECT owner, request_hash, day FROM ticket_roll").fetchall()
        stored = db.execute("SELECT * FROM submissions").fetchall()
    finally:
        db.close()
    return requests, tickets, roll, stored, _archived_tickets(world)


def _archived_tickets(world) -> list[tuple[bytes, bytes]]:
    """HR opens its own archive copies with the workspace key and reads each ticket."""
    private = load_private_key(world.workspace, PASSPHRASE)
    found = []
    for tar_path in (world.share / "archive").glob("*.tar"):
        with tarfile.open(tar_path) as archive:
            for member in archive.getmembers():
                sub = parse_submission(unseal(archive.extractfile(member).read(), private))
                found.append(tuple(base64.b64decode(part) for part in sub.ticket))
    return found


def _joins(survey, requests, tickets, roll, stored, archived) -> set[tuple[str, int]]:
    """Every (request, submission) pair that HR's records link."""
    key = blind_rsa.load_public_key(survey.ticket_keys[""])
    n, e = key.public_numbers().n, key.public_numbers().e
    blinded = {
        name: base64.b64decode(json.loads(data)["blinded"]) for name, data in requests.items()
    }
    blind_sigs = {
        name.split(".")[0]: base64.b64decode(json.loads(data)["blind_signature"])
        for name, data in tickets.items()
    }
    stored_text = repr(stored).encode()
    joins = set()
    for name, z in blinded.items():
        stem = name.split(".")[0]
        for index, (message, signature) in enumerate(archived):
            token = hashlib.sha256(b"rapport-ticket\x00" + message).hexdigest().encode()
            s = int.from_bytes(signature, "big")
            linked = (
                blind_sigs.get(stem) == signature  # the blind signature is the signature
                or pow(s, e, n) == int.from_bytes(z, "big")  # the request is the encoding
                or message in requests[name]
                or base64.b64encode(message) in requests[name]
                or hashlib.sha256(z).hexdigest().encode() in stored_text
                or token in requests[name]
            )
            if linked:
                joins.add((stem, index))
    for owner, _digest, _day in roll:  # the roll names owners, never anything stored
        assert owner.encode() not in stored_text
    return joins


def test_hr_cannot_join_the_roll_to_any_answer(workspace: Path, tmp_path: Path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    records = _hr_records(world, survey)
    requests, tickets, roll, stored, archived = records
    assert len(requests) == len(tickets) == len(roll) == len(stored) == len(archived) == 5
    assert _joins(survey, *records) == set()
    # Every stored ticket is valid, and none is derivable from a request HR saw.
    key = blind_rsa.load_public_key(survey.ticket_keys[""])
    for message, signature in archived:
        blind_rsa.verify(key, message, signature)


class _NoBlinding:
    """A broken client: the blinding factor r is always 1."""

    @staticmethod
    def token_bytes(count: int) -> bytes:
        import secrets

        return secrets.token_bytes(count)

    @staticmethod
    def randbelow(_bound: int) -> int:
        return 0


def test_the_join_finds_every_pair_when_blinding_is_broken(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_blind = blind_rsa.blind
    monkeypatch.setattr(
        blind_rsa, "blind", lambda key, prepared: real_blind(key, prepared, rng=_NoBlinding)
    )
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    records = _hr_records(world, survey)
    assert len(_joins(survey, *records)) == len(PEOPLE)


def test_submissions_carry_nothing_finer_than_the_day(workspace: Path, tmp_path: Path) -> None:
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    _hr_records(world, survey)
    db = open_workspace(workspace)
    try:
        days = [row[0] for row in db.execute("SELECT day FROM submissions")]
        roll_days = [row[0] for row in db.execute("SELECT day FROM ticket_roll")]
    finally:
        db.close()
    assert all(len(day) == 10 for day in days + roll_days)  # YYYY-MM-DD, no time
