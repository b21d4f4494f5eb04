"""With a roster of accounts, a ticket proves its holder's department."""

from __future__ import annotations

from pathlib import Path

from surveys.importing.roster import import_roster
from surveys.ingest import ingest
from surveys.store import open_workspace
from surveys.ticket_client import local_ticket, pick_up
from surveys.ticket_wait import deliver_ticketed
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission


def _roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    rows = ["Login,Full name,Department", "alice,Alice A,Sales", "mallory,Mallory M,Marketing"]
    rows += [f"it{n},IT person {n},IT" for n in range(3)] + ["ops1,Ops One,Operations"]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_department_keys_prove_the_department(workspace: Path, tmp_path: Path) -> None:
    report = import_roster(workspace, _roster(tmp_path))
    assert report.accounts == 6 and report.headcounts["IT"] == 3
    assert "Kept the department of 6 account(s)" in report.summary()
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    assert set(survey.ticket_keys) == {"Sales", "IT", "Marketing", "Operations"}
    world.request("alice", survey, "Sales")
    world.request("mallory", survey, "Sales")  # Marketing in the roster: refused
    stranger = world.request("stranger", survey, "Sales")  # not in the roster: refused
    signing = world.sign()
    assert (signing.signed, signing.refused) == (1, {"department": 1, "roster": 1})
    with world.person("stranger"):
        assert "not in HR's roster" in pick_up(survey, world.share).refused
    assert stranger.request
    # Mallory's own department's ticket, used to answer as Sales, does not verify.
    mallory = world.request("mallory-2", survey, "Marketing")
    world.owners.by_name[f"{mallory.request}.request"] = "mallory"
    assert world.sign().signed == 1
    with world.person("mallory-2"):
        pick_up(survey, world.share)
        assert local_ticket(survey.wave).signature
        forged = submission({"IT": {"timely": 1}}, department="Sales")
        assert deliver_ticketed(forged, survey, world.share, "Marketing").delivered
    with world.person("alice"):
        real = submission({"IT": {"timely": 4}}, department="Sales")
        assert deliver_ticketed(real, survey, world.share, "Sales").delivered
    taken = ingest(workspace, world.share, PASSPHRASE, owner_of=world.owners)
    assert taken.stored == 1
    assert [q.reason.split(":")[0] for q in taken.quarantined] == ["no valid ticket"]
    assert "for the department it names" in taken.quarantined[0].reason
    db = open_workspace(workspace)
    try:
        assert db.execute("SELECT value FROM answers").fetchall() == [(4,)]
    finally:
        db.close()
