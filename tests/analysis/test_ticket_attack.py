"""The attack of issue 18, rerun: forged submissions for a one-person pair recover nothing.

A colleague with ordinary share access seals four forged submissions for the pair Sales →
IT, in which only one real person answered, using the public key in ``published/``. Before
tickets the pair showed n = 5, and ``5·mean − 4·forged`` gave the victim's ratings. Now the
forged files carry no valid ticket and are quarantined, the colleague's second ticket
request is refused, and the pair stays below the threshold: suppressed, no figures, no
quotes. Everything goes through the real share, signing, ingest and analysis.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path

from analysis.pipeline import analyse_workspace
from surveys.ingest import ingest
from surveys.keys import seal
from surveys.publish import close_wave
from surveys.published import read_published
from surveys.ticket_client import local_ticket
from surveys.ticket_files import REQUESTS
from surveys.ticket_wait import deliver_ticketed
from tests.analysis.core_helpers import fake_engine
from tests.surveys.ticket_helpers import make_world
from tests.surveys.transport_helpers import PASSPHRASE, submission

ITEMS = ("timely", "accurate", "overall")
VICTIM = "Only the victim wrote this: the Tuesday handover keeps failing."


def _forged(value: int, ticket=None):
    sub = submission({"IT": dict.fromkeys(ITEMS, value)}, {"IT": "Forged words."})
    return replace(sub, ticket=ticket, counter=1)


def _drop(share: Path, sub, public: bytes) -> None:
    """What the attacker does: seal with the published key, write into the inbox."""
    data = json.dumps(sub.to_dict()).encode()
    data += b" " * (-len(data) % 1024)
    (share / "inbox" / f"{sub.id}.rapport").write_bytes(seal(data, public))


def test_forged_answers_are_quarantined_and_the_pair_stays_suppressed(workspace, tmp_path):
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    # The one real answer for Sales -> IT.
    world.request("victim", survey)
    world.sign()
    with world.person("victim"):
        real = submission({"IT": dict.fromkeys(ITEMS, 2)}, {"IT": VICTIM})
        assert deliver_ticketed(real, survey, world.share, "Sales").delivered
    # The attacker (in Marketing) gets her own one ticket, then asks for three more.
    world.request("mallory", survey, "Marketing")
    for machine in ("m2", "m3", "m4"):
        extra = world.request(f"mallory-{machine}", survey, "Marketing")
        world.owners.by_name[f"{extra.request}.request"] = "mallory"
    signing = world.sign()
    assert (signing.signed, signing.refused) == (1, {"second": 3})
    # Four forged files read only what anyone can read in published/.
    public = read_published(world.share / "published" / f"{survey.wave}.json").public_key
    fake = (base64.b64encode(b"\0" * 64).decode(), base64.b64encode(b"\1" * 256).decode())
    for ticket in (None, None, fake, fake):
        _drop(world.share, _forged(1, ticket), public)
    report = ingest(workspace, world.share, PASSPHRASE)
    assert report.stored == 1
    reasons = sorted(q.reason.split(":")[0] for q in report.quarantined)
    assert reasons == ["no valid ticket"] * 4
    assert list((world.share / REQUESTS).iterdir()) == []
    close_wave(workspace, world.share, survey.wave)  # release the figures
    result = analyse_workspace(workspace, engine=fake_engine())
    pair = result.pair("Sales", "IT")
    assert pair is None or pair.suppressed
    text = json.dumps(result.to_json())
    assert "Tuesday handover" not in text
    assert all(h["from"] != "Sales" or h["to"] != "IT" for h in result.to_json()["hotspots"])


def test_the_attackers_own_ticket_adds_one_answer_only(workspace, tmp_path) -> None:
    """Without a roster the department is self-declared: her one ticket counts once."""
    world = make_world(workspace, tmp_path)
    survey = world.publish()
    world.request("victim", survey)
    world.request("mallory", survey, "Marketing")
    world.sign()
    with world.person("victim"):
        deliver_ticketed(submission({"IT": {"timely": 2}}), survey, world.share, "Sales")
    with world.person("mallory"):
        for value in (1, 1, 1, 1):  # four answers with her one ticket, claiming Sales
            deliver_ticketed(submission({"IT": {"timely": value}}), survey, world.share, "Sales")
        assert local_ticket(survey.wave).signature
    ingest(workspace, world.share, PASSPHRASE)
    close_wave(workspace, world.share, survey.wave)
    result = analyse_workspace(workspace, engine=fake_engine())
    assert {p.department: p.submitted for p in result.participation}["Sales"] == 2
    pair = result.pair("Sales", "IT")
    assert pair is None or pair.suppressed


def test_forged_answers_dropped_in_the_kiosk_inbox_need_a_ticket_too(
    workspace, tmp_path, monkeypatch, capsys
):
    """HR runs a kiosk beside the ticketed team wave. The kiosk's inbox is a drop box
    (``1733``) in a workspace folder the kiosk's account must reach, so other accounts may
    drop files there too. Forged answers for the team wave, sealed with the key in
    ``published/``, went in without a ticket: ingest stored them (source "kiosk")."""
    from desktop_app.cli import main
    from surveys.kiosk import kiosk_folder
    from surveys.store import open_workspace

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "induction", "--kiosk"]) == 0
    public = read_published(world.share / "published" / f"{survey.wave}.json").public_key
    kiosk = kiosk_folder(workspace)
    for value in (1, 2, 4, 5, 5):  # the two alike are refused too, not held as a burst
        _drop(kiosk, _forged(value), public)
    kiosk_answer = replace(submission({"IT": {"overall": 3}}, wave="induction"), counter=1)
    _drop(kiosk, kiosk_answer, public)  # the kiosk's own wave takes answers as before
    capsys.readouterr()
    assert main(["ingest", str(workspace), "--share", str(world.share)]) == 3
    out = capsys.readouterr().out
    assert out.count("no valid ticket") == 5 and "1 stored" in out
    assert "held for review" not in out
    db = open_workspace(workspace)
    try:
        stored = db.execute(
            "SELECT w.name, s.source FROM submissions s JOIN waves w ON w.id = s.wave_id"
        ).fetchall()
    finally:
        db.close()
    assert stored == [("induction", "kiosk")]


def test_a_ticketed_waves_file_copied_into_the_kiosk_folder_does_not_open_its_inbox(
    workspace, tmp_path, monkeypatch, capsys
):
    """Someone who may write in the kiosk folder's ``published/`` copies the team wave's
    file (signed by HR) there: a file there made the wave one "HR published to the kiosk",
    and the kiosk's inbox then took forged answers for it without tickets."""
    import shutil

    from desktop_app.cli import main
    from surveys.kiosk import kiosk_folder

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "induction", "--kiosk"]) == 0
    kiosk = kiosk_folder(workspace)
    team_file = world.share / "published" / f"{survey.wave}.json"
    shutil.copy(team_file, kiosk / "published" / team_file.name)
    public = read_published(team_file).public_key
    for value in (1, 2, 4, 5):
        _drop(kiosk, _forged(value), public)
    capsys.readouterr()
    assert main(["ingest", str(workspace), "--share", str(world.share)]) == 3
    out, err = capsys.readouterr()
    assert out.count("no valid ticket") == 4, out
    assert f"Warning: The kiosk's published/{survey.wave}.json is a wave HR did not" in err
    from surveys.published_check import changed_published  # what the Pulses section says
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    try:
        said = changed_published(db, kiosk)
    finally:
        db.close()
    assert [s.split(" is ")[0] for s in said] == [f"published/{survey.wave}.json"]
