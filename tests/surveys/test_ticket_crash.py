"""Ticket steps killed at their worst moments lose nothing and give nobody a second ticket.

Each test runs the real code in a child process that dies with ``os._exit`` (no clean-up,
like a kill or a power cut) at one point: the respondent writing a request, HR signing
(after the roll is committed, after the ticket is written), the respondent picking up.
Then the step runs again normally and the protocol finishes with exactly one ticket.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.store import open_workspace
from surveys.ticket_client import local_ticket, pick_up, request_ticket
from surveys.ticket_files import REQUESTS, TICKETS
from surveys.ticket_wait import deliver_ticketed
from surveys.tickets import sign_pending
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import surveys.transport as transport

    workspace, share, step, stage = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    real_replace = os.replace

    def replace(src, dst):
        folder = Path(dst).parent.name
        if stage == "before-rename" and folder == {"request": "requests", "sign": "tickets",
                                                   "pickup": "tickets"}[step]:
            os._exit(9)
        real_replace(src, dst)
        if stage == "after-rename" and folder == {"request": "requests", "sign": "tickets",
                                                  "pickup": "tickets"}[step]:
            os._exit(9)

    os.replace = replace
    from surveys.published import read_published
    survey = read_published(share / "published" / "2026-10.json")
    if step == "request":
        from surveys.ticket_client import request_ticket
        request_ticket(survey, share, "Sales")
    elif step == "sign":
        import surveys.ticket_signing as signing
        if stage == "after-commit":
            signing.write_ticket = lambda *a, **k: os._exit(9)
        from surveys.tickets import sign_pending
        sign_pending(workspace, share, "correct horse battery staple",
                     owner_of=lambda p, info=None: "amy")
    elif step == "pickup":
        from surveys.ticket_client import pick_up
        import surveys.ticket_client as client
        if stage == "before-save":
            client._save = lambda ticket: os._exit(9)
        pick_up(survey, share)
    os._exit(0)
    """
)


def _child(workspace: Path, share: Path, step: str, stage: str) -> int:
    env = dict(os.environ)
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root)
    args = [sys.executable, "-c", CHILD, str(workspace), str(share), step, stage]
    return subprocess.run(args, env=env, cwd=root, timeout=120).returncode


def _sign(workspace: Path, share: Path):
    return sign_pending(workspace, share, PASSPHRASE, owner_of=lambda _path, info=None: "amy")


def _finish_and_ingest(workspace: Path, share: Path, survey) -> None:
    """The respondent answers with the ticket; ingest takes exactly one submission."""
    pick_up(survey, share)
    assert local_ticket(survey.wave).signature
    result = deliver_ticketed(submission({"IT": {"timely": 3}}), survey, share, "Sales")
    assert result.delivered
    assert ingest(workspace, share, PASSPHRASE, owner_of=lambda _p, info=None: "amy").stored == 1
    db = open_workspace(workspace)
    try:
        assert db.execute("SELECT count(*) FROM ticket_roll").fetchone()[0] == 1
    finally:
        db.close()


@pytest.mark.parametrize("stage", ["before-rename", "after-rename"])
def test_killed_while_writing_the_request(workspace: Path, tmp_path: Path, stage: str) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share, tickets=True)
    assert _child(workspace, share, "request", stage) == 9
    names = [p.name for p in (share / REQUESTS).iterdir()]
    if stage == "before-rename":
        assert len(names) == 1 and names[0].endswith(".tmp")  # never read as a request
        assert _sign(workspace, share).signed == 0
        from surveys.ticket_files import remove_stale_temporaries

        assert remove_stale_temporaries(share, stale_after=0) == 1  # tidied once stale
    # The app's next look at the wave writes the same request (its state came first).
    kept = local_ticket(survey.wave)
    assert kept is not None and kept.inv
    assert request_ticket(survey, share, "Sales").request == kept.request
    assert _sign(workspace, share).signed == 1
    _finish_and_ingest(workspace, share, survey)


@pytest.mark.parametrize("stage", ["after-commit", "before-rename", "after-rename"])
def test_killed_while_signing(workspace: Path, tmp_path: Path, stage: str) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share, tickets=True)
    request_ticket(survey, share, "Sales")
    assert _child(workspace, share, "sign", stage) == 9
    tickets = [p for p in (share / TICKETS).iterdir() if p.name.endswith(".ticket")]
    assert len(tickets) == (1 if stage == "after-rename" else 0)
    assert len(list((share / REQUESTS).iterdir())) == 1  # removed only after the ticket
    report = _sign(workspace, share)
    assert (report.signed, report.again, report.refused_count) == (0, 1, 0)  # on the roll
    assert list((share / REQUESTS).iterdir()) == []
    _finish_and_ingest(workspace, share, survey)


@pytest.mark.parametrize("stage", ["before-save"])
def test_killed_while_picking_up(workspace: Path, tmp_path: Path, stage: str) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share, tickets=True)
    request_ticket(survey, share, "Sales")
    assert _sign(workspace, share).signed == 1
    assert _child(workspace, share, "pickup", stage) == 9
    assert not local_ticket(survey.wave).signature  # nothing half-kept
    _finish_and_ingest(workspace, share, survey)
