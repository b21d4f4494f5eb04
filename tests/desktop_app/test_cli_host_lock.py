"""The command line holds the workspace for this computer while a command runs, and
refuses a workspace another computer's Rapport has open (surveys/host_lock.py)."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.commands import schedule
from surveys.host_lock import LOCK_NAME, STALE_SECONDS, read_holder
from tests.surveys.test_host_lock import plant


@pytest.fixture(autouse=True)
def this_computer(monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: "HR-SERVER")


def test_another_computers_open_workspace_is_refused_with_its_name(workspace, capsys):
    lock = plant(workspace, "HR-LAPTOP")
    before = lock.read_bytes()
    assert cli.main(["schedule", "show", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "on the computer “HR-LAPTOP” since" in err and "wait until it is done" in err
    assert "--take-over" not in err  # fresh: nothing to take over
    assert cli.main(["schedule", "show", str(workspace), "--take-over"]) == 2
    assert lock.read_bytes() == before


def test_a_stale_claim_names_take_over_and_take_over_runs(workspace, capsys):
    plant(workspace, "HR-LAPTOP", age=STALE_SECONDS + 60)
    assert cli.main(["schedule", "show", str(workspace)]) == 2
    assert "run the command again with --take-over" in capsys.readouterr().err
    assert cli.main(["schedule", "show", str(workspace), "--take-over"]) == 0
    assert not (workspace / LOCK_NAME).exists()  # released when the command ended


def test_the_lock_is_held_while_a_command_runs_and_released_on_ctrl_c(
    workspace, monkeypatch, capsys
):
    seen = []

    def interrupted(args):
        seen.append(json.loads((workspace / LOCK_NAME).read_text()))
        raise KeyboardInterrupt

    monkeypatch.setattr(schedule, "run_show", interrupted)
    assert cli.main(["schedule", "show", str(workspace)]) == 130
    assert seen[0]["host"] == "HR-SERVER" and time.time() - seen[0]["heartbeat"] < 60
    assert not (workspace / LOCK_NAME).exists()


def test_a_command_beside_the_window_on_this_computer_shares_its_claim(workspace, capsys):
    plant(workspace, "HR-SERVER")  # the HR window of this computer
    before = read_holder(workspace)
    assert cli.main(["schedule", "show", str(workspace)]) == 0
    after = read_holder(workspace)  # still the window's; the command listed and unlisted
    assert (after.host, after.pid, after.claim_id) == (before.host, before.pid, before.claim_id)
    assert after.heartbeat == before.heartbeat and after.sharers == ()


def test_commands_that_open_a_workspace_offer_take_over():
    parser = cli.build_parser()
    for argv in (["analyze", "W"], ["ingest", "W"], ["labels", "export", "W", "--out", "o.csv"],
                 ["names", "clear", "W"], ["open", "W"]):  # fmt: skip
        assert parser.parse_args([*argv, "--take-over"]).take_over is True


def test_open_take_over_reaches_the_window(workspace, monkeypatch):
    """`rapport open` leaves the question to the window (its dialog offers Open anyway)."""
    import desktop_app.app

    plant(workspace, "HR-LAPTOP", age=STALE_SECONDS + 60)
    asked = []
    monkeypatch.setattr(desktop_app.app, "run_hr", lambda path, **kw: asked.append(kw) or 0)
    assert cli.main(["open", str(workspace)]) == 0
    assert cli.main(["open", str(workspace), "--take-over"]) == 0
    assert asked == [{"take_over": False}, {"take_over": True}]


def test_a_command_whose_workspace_was_taken_over_while_it_ran_says_so(
    workspace, monkeypatch, capsys
):
    from surveys import host_lock

    monkeypatch.setattr(host_lock, "HEARTBEAT_SECONDS", 0.05)

    def slept_meanwhile(args):
        plant(workspace, "HR-LAPTOP")  # this computer did not confirm; the laptop took over
        lock = host_lock._held[Path(os.path.abspath(workspace))]
        deadline = time.time() + 10
        while lock.lost is None and time.time() < deadline:
            time.sleep(0.02)
        return 0

    monkeypatch.setattr(schedule, "run_show", slept_meanwhile)
    assert cli.main(["schedule", "show", str(workspace)]) == 0
    err = capsys.readouterr().err
    assert "the computer “HR-LAPTOP” took the workspace over" in err
    assert json.loads((workspace / LOCK_NAME).read_text())["host"] == "HR-LAPTOP"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_command_stopped_by_sigterm_lets_go_of_the_workspace(workspace, tmp_path):
    """A scheduler (or `kill`) ends a command with SIGTERM: no lock is left behind to make
    another computer wait for 3 minutes."""
    import subprocess
    import sys

    script = tmp_path / "stopped.py"
    script.write_text(
        "import os, signal, sys\n"
        "from desktop_app import cli\n"
        "from desktop_app.commands import schedule\n"
        "def stopped(args):\n"
        f"    assert os.path.exists({str(workspace / LOCK_NAME)!r})\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "schedule.run_show = stopped\n"
        f"sys.exit(cli.main(['schedule', 'show', {str(workspace)!r}]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script)], cwd=root, timeout=120)
    assert done.returncode == 128 + 15
    assert not (workspace / LOCK_NAME).exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_command_started_with_nohup_survives_its_terminal_closing(workspace, tmp_path):
    """`nohup rapport import ... &` ignores SIGHUP so the import goes on after logging out;
    the command must keep an ignored signal ignored, not turn it into an exit."""
    import subprocess
    import sys

    script = tmp_path / "nohup.py"
    script.write_text(
        "import os, signal, sys\n"
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as nohup starts it\n"
        "from desktop_app import cli\n"
        "from desktop_app.commands import schedule\n"
        "def hung_up(args):\n"
        "    os.kill(os.getpid(), signal.SIGHUP)\n"
        "    print('finished')\n"
        "    return 0\n"
        "schedule.run_show = hung_up\n"
        f"sys.exit(cli.main(['schedule', 'show', {str(workspace)!r}]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script)], cwd=root, timeout=120, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "finished\n"), done.stderr
    assert not (workspace / LOCK_NAME).exists()
