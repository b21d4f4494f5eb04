"""`rapport publish` and `rapport ingest` driven through the real command line entry point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.publish import list_open_surveys
from surveys.store import get_setting, open_workspace
from surveys.ticket_client import request_ticket
from surveys.ticket_wait import deliver_ticketed
from tests.surveys.transport_helpers import PASSPHRASE, submission


def test_publish_then_ingest_from_the_command_line(workspace, tmp_path, monkeypatch, capsys):
    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code = main(
        ["publish", str(workspace), "--share", str(share), "--wave", "2026-10", "--create",
         "--template", "short-pulse", "--opens", "2026-10-01", "--closes", "2026-10-14"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Published wave 2026-10 (Short relationship pulse" in out
    assert "open 2026-10-01 to 2026-10-14" in out and "Created the workspace key pair" in out
    assert get_setting(open_workspace(workspace), "share") == str(share.resolve())

    (survey,) = list_open_surveys(share, date(2026, 10, 2))
    assert request_ticket(survey, share, "Sales") is not None  # the app noticed the wave
    assert main(["tickets", str(workspace)]) == 0  # e.g. a scheduled task on HR's computer
    assert "Tickets: 1 signed" in capsys.readouterr().out
    assert deliver_ticketed(submission({"IT": {"timely": 2}}), survey, share, "Sales").delivered
    (share / "inbox" / "junk.rapport").write_bytes(b"junk")

    assert main(["ingest", str(workspace)]) == 3  # the share is remembered; 1 quarantined
    out = capsys.readouterr().out
    assert "Tickets: 0 signed" in out
    assert "Ingested 2 files" in out and "1 stored" in out and "1 quarantined" in out
    assert "quarantine/junk.rapport: it is not a Rapport sealed file" in out


def test_passphrase_from_a_file_and_clear_errors(workspace, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)
    share = tmp_path / "share"
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)  # only its owner may read it (others get a warning)
    args = ["publish", str(workspace), "--share", str(share), "--wave", "w1", "--create"]
    assert main([*args, "--passphrase-file", str(secret)]) == 0
    capsys.readouterr()

    secret.write_text("a wrong passphrase\n")
    assert main(["ingest", str(workspace), "--passphrase-file", str(secret)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rapport ingest: Wrong passphrase") and "Traceback" not in err

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["ingest", str(workspace)]) == 2
    assert "set RAPPORT_PASSPHRASE or use --passphrase-file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--closes", "soon"], "closes: 'soon' is not a date"), (["--targets", "Legal"], "Legal")],
)
def test_bad_publish_arguments_exit_2(
    workspace: Path, tmp_path, monkeypatch, capsys, extra, message
):
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    args = ["publish", str(workspace), "--share", str(tmp_path / "s"), "--wave", "w1", *extra]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_first_publish_asks_for_the_new_passphrase_twice(workspace, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter([PASSPHRASE, "something else entirely"])
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or next(answers))
    args = ["publish", str(workspace), "--share", str(tmp_path / "s"), "--wave", "w1"]
    assert main(args) == 2
    assert "The two passphrases differ" in capsys.readouterr().err
    assert prompts == ["New workspace passphrase: ", "Type it again: "]
    assert not (workspace / "workspace.key").exists()
    assert not (tmp_path / "s" / "published").exists()
