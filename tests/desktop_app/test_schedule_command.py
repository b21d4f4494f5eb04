"""`rapport schedule` through the real command line: set, show, run (once), pause, resume."""

from __future__ import annotations

import os
from datetime import date

import pytest

from desktop_app.cli import main
from tests.surveys.transport_helpers import PASSPHRASE

TODAY = date.today().isoformat()


@pytest.fixture
def cli(workspace, tmp_path, monkeypatch, capsys):
    """Run `rapport ...` on the workspace; returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    def run(*args: str):
        code = main([args[0], *args[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _set(cli, workspace):
    code, out, _ = cli("schedule", "set", str(workspace), "--cadence", "monthly",
                       "--starts", TODAY, "--days-open", "10")  # fmt: skip
    assert code == 0
    return out


def test_set_show_and_run_publishes_once(cli, workspace, tmp_path, monkeypatch) -> None:
    out = _set(cli, workspace)
    assert "Pulse programme (running): short-pulse every month" in out
    assert "next" in out and "items group 1 of 3" in out
    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, out, err = cli("schedule", "run", str(workspace), "--share", str(share), "--create")
    assert code == 0, err
    name = TODAY[:7]
    assert f"Published wave {name}, open {TODAY}" in out
    assert (
        "5 questions per department (items group 1 of 3: Communication frequency, Timeliness, "
        "Accuracy)"
    ) in out
    assert "Next wave:" in out
    code, out, _ = cli("schedule", "run", str(workspace))  # the share is remembered
    assert code == 0 and "Nothing was due." in out and "Published" not in out
    assert sorted(p.name for p in (share / "published").iterdir()) == [f"{name}.json"]
    code, out, _ = cli("schedule", "show", str(workspace))
    assert code == 0 and f"open     {name}" in out


def test_without_a_passphrase_nothing_is_published(cli, workspace, tmp_path) -> None:
    _set(cli, workspace)
    code, out, err = cli("schedule", "run", str(workspace), "--share", str(tmp_path / "share"))
    assert code == 2 and out == ""
    assert "set RAPPORT_PASSPHRASE or use --passphrase-file" in err and "Traceback" not in err
    assert not (tmp_path / "share" / "published").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_passphrase_file_others_can_read_is_refused(cli, workspace, tmp_path) -> None:
    _set(cli, workspace)
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o644)
    args = ["schedule", "run", str(workspace), "--share", str(tmp_path / "share")]
    code, _, err = cli(*args, "--passphrase-file", str(secret))
    assert code == 2 and f"chmod 600 {secret}" in err and "nothing was done" in err
    secret.chmod(0o600)
    code, out, err = cli(*args, "--passphrase-file", str(secret), "--create")
    assert code == 0 and "Published wave" in out and err == ""
    # `rapport publish` (run by hand) warns about such a file but goes on.
    secret.chmod(0o640)
    code, out, err = cli("publish", str(workspace), "--wave", "by-hand", "--passphrase-file",
                         str(secret))  # fmt: skip
    assert code == 0 and err.startswith("warning: --passphrase-file:") and "chmod 600" in err


def test_pause_and_resume(cli, workspace, tmp_path, monkeypatch) -> None:
    _set(cli, workspace)
    code, out, _ = cli("schedule", "pause", str(workspace))
    assert code == 0 and "Paused the pulse programme" in out
    code, out, _ = cli("schedule", "run", str(workspace), "--share", str(tmp_path / "share"))
    assert code == 0 and "paused since" in out and "Published" not in out
    code, out, _ = cli("schedule", "resume", str(workspace))
    assert code == 0 and "(running)" in out
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, out, _ = cli("schedule", "run", str(workspace))  # the share was never set up
    assert code == 2 and "no shared folder to publish it to" in _
    code, out, _ = cli("schedule", "run", str(workspace), "--share", str(tmp_path / "share"),
                       "--create")  # fmt: skip
    assert code == 0 and "Published wave" in out
    code, out, _ = cli("schedule", "run", str(workspace))  # now it is remembered
    assert code == 0 and "Nothing was due." in out


def test_no_programme_and_bad_values(cli, workspace) -> None:
    code, out, _ = cli("schedule", "run", str(workspace))
    assert code == 0 and "No pulse programme" in out
    code, _, err = cli("schedule", "set", str(workspace), "--cadence", "weekly",
                       "--starts", TODAY, "--days-open", "9")  # fmt: skip
    assert code == 2 and "Days open: 9 does not fit a pulse every week" in err
    code, _, err = cli("schedule", "pause", str(workspace))
    assert code == 2 and "no pulse programme" in err


def test_a_quarantined_file_is_said_and_exits_3(cli, workspace, tmp_path, monkeypatch) -> None:
    from surveys.store import open_workspace

    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, _, err = cli("publish", str(workspace), "--share", str(share), "--wave", "by-hand",
                       "--create")  # fmt: skip
    assert code == 0, err
    db = open_workspace(workspace)
    db.execute("UPDATE waves SET opens = '2026-03-01', closes = '2026-03-07'")
    db.close()
    (share / "inbox" / "junk.rapport").write_bytes(b"not a sealed answer")
    code, out, err = cli("schedule", "run", str(workspace))
    assert code == 3, err
    assert "Ingested 1 waiting file first (0 stored)." in out
    assert "Closed wave by-hand" in out
    assert "quarantine/junk.rapport: it is not a Rapport sealed file" in err
    assert "1 file quarantined" in err and "Traceback" not in err


def test_an_unmounted_share_is_refused_before_any_change(cli, workspace, tmp_path, monkeypatch):
    _set(cli, workspace)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    share = tmp_path / "mnt" / "share"
    code, out, err = cli("schedule", "run", str(workspace), "--share", str(share))
    assert code == 2 and "cannot be reached or is not set up" in err and "--create" in err
    assert not share.exists() and "Traceback" not in err


def test_run_signs_the_waiting_ticket_requests(cli, workspace, tmp_path, monkeypatch) -> None:
    """A scheduled `rapport schedule run` does the whole job, signing included (here with no
    programme: a wave published by hand, and one respondent who asked for a ticket)."""
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    with world.person("alice"):
        from surveys.ticket_client import request_ticket

        ticket = request_ticket(survey, world.share, "Sales")
    args = ("schedule", "run", str(workspace), "--share", str(world.share))
    code, out, err = cli(*args)
    assert code == 2 and "set RAPPORT_PASSPHRASE" in err  # signing needs the passphrase
    assert (world.share / "requests" / f"{ticket.request}.request").exists()
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, out, err = cli(*args)
    assert code == 0, err
    assert "Tickets: 1 signed" in out and "nothing to do" not in out
    assert (world.share / "tickets" / f"{ticket.request}.ticket").exists()
    assert not (world.share / "requests" / f"{ticket.request}.request").exists()
    code, out, _ = cli(*args)
    assert code == 0 and "nothing to do" in out and "Tickets:" not in out


def test_closing_a_wave_nobody_answered_does_not_send_hr_to_analyse_it(
    cli, workspace, tmp_path, monkeypatch
) -> None:
    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, _, err = cli("publish", str(workspace), "--share", str(share), "--wave", "by-hand",
                       "--create")  # fmt: skip
    assert code == 0, err
    code, out, err = cli("close", str(workspace), "--wave", "by-hand", "--share", str(share),
                         "--anyway")  # fmt: skip
    assert code == 0, err
    assert "Closed wave by-hand. Nobody answered it, so it has no figures" in out
    assert "rapport analyze" not in out


def test_answers_that_repeat_stored_ones_are_said_and_exit_3(
    cli, workspace, tmp_path, monkeypatch
) -> None:
    """The scheduled run ingests before it closes: answers that repeat, word for word, one
    stored before were stored and closed in without a word (`rapport ingest` says them)."""
    from surveys.store import open_workspace
    from tests.surveys.test_repeats_across_ingests import LOW, _drop
    from tests.surveys.transport_helpers import submission

    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code, _, err = cli("publish", str(workspace), "--share", str(share), "--wave", "by-hand",
                       "--create", "--no-tickets")  # fmt: skip
    assert code == 0, err
    _drop(share, submission(*LOW, wave="by-hand"))
    assert cli("ingest", str(workspace), "--share", str(share))[0] == 0
    db = open_workspace(workspace)
    db.execute("UPDATE waves SET opens = '2026-03-01', closes = '2026-03-07'")
    db.close()
    _drop(share, submission(*LOW, wave="by-hand"))
    code, out, err = cli("schedule", "run", str(workspace))
    assert code == 3, err
    assert "Ingested 1 waiting file first (1 stored)." in out and "Closed wave by-hand" in out
    assert "Warning: 1 answer stored for wave by-hand repeats, word for word" in err
    assert "never answers" not in err and "Sales" not in err
