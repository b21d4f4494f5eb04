"""What a colleague with ordinary access to the shared folder can do to HR's ingest.

Where POSIX permissions matter the test acts for real: as root it takes the account
``nobody`` for the side that must not be root (``os.seteuid`` in this process, after a first
ingest has loaded every module ingest needs), so the kernel refuses what it would refuse on
a file server. Without root, the test's own account is enough where a file's mode can be
taken away from its owner.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.inbox import shown_name
from surveys.outbox import deliver
from surveys.share_access import access_problems
from surveys.store import create_workspace
from surveys.transport import prepare_share
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


#: A name that, printed as it is, would add a line of its own to HR's terminal and repaint it.
DISGUISED = "x.rapport: unreadable\n  Tickets: all fine \x1b[32mstored\x1b[0m\u202e.rapport"


@contextlib.contextmanager
def _hr_account(top: Path) -> Iterator[None]:
    """Run the body as an account other than root when the test runs as root."""
    if os.geteuid() != 0:
        yield
        return
    import pwd  # POSIX only, as is every test that uses this

    try:
        uid = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("needs the account nobody")
    for folder, _dirs, files in os.walk(top):
        for name in [*files, ""]:
            os.lchown(os.path.join(folder, name), uid, -1)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)


@posix_only
def test_a_file_hr_may_not_read_is_quarantined_and_its_name_cannot_fake_the_report(
    top: Path, monkeypatch, capsys
) -> None:
    workspace, share = top / "ws", top / "share"
    create_workspace(workspace).close()
    survey = publish(workspace, share)
    monkeypatch.setenv("RAPPORT_HOME", str(top / "home"))
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    deliver(submission({"IT": {"timely": 3}}), survey, share)
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0  # loads it all
    for name in (DISGUISED, "plain.rapport"):
        (share / "inbox" / name).write_bytes(b"sealed?")
        os.chmod(share / "inbox" / name, 0)  # its writer took away the read permission
    deliver(submission({"IT": {"timely": 4}}), survey, share)
    capsys.readouterr()
    with _hr_account(top):
        first = main(["ingest", str(workspace)])
        out = capsys.readouterr().out
        second = main(["ingest", str(workspace)])
    assert (first, second) == (3, 0)  # nothing left behind to fail the next run
    assert "1 stored" in out and "2 quarantined" in out
    assert "quarantine/plain.rapport: HR's account may not read it" in out
    assert "quarantine/unnamed: HR's account may not read it" in out
    assert "\x1b" not in out and "\u202e" not in out and "all fine" not in out
    assert sorted(os.listdir(share / "inbox")) == []


def test_a_name_a_colleague_chose_is_shown_without_control_or_direction_characters() -> None:
    assert shown_name("2b7e-answer.rapport") == "2b7e-answer.rapport"
    shown = shown_name(DISGUISED)
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert shown.startswith("x.rapport: unreadable\\u000a  Tickets") and "\\u202e" in shown
    assert shown_name("ü" * 300) == "ü" * 117 + "..."
    assert shown_name(os.fsdecode(b"bad\xff.rapport")) == "bad\\udcff.rapport"


def _as_colleague(command: str, folder: Path) -> None:
    """Run ``sh -c command`` in ``folder`` as another account (``nobody``) when root."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        argv = ["runuser", "-u", "nobody", "--", "sh", "-c", command]
    else:
        argv = ["sh", "-c", command]
    subprocess.run(argv, cwd=folder, check=True)


@posix_only
def test_a_colleagues_folder_in_the_inbox_never_holds_up_closing_the_wave(
    top: Path, workspace, tmp_path, monkeypatch, capsys
) -> None:
    share = top / "share"
    # Past its last day: closing needs no wait for answers held on respondents' computers.
    survey = publish(workspace, share, closes="2021-01-31")
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _as_colleague("mkdir x.rapport && echo sealed > x.rapport/y.rapport", share / "inbox")
    deliver(submission({"IT": {"timely": 4}}), survey, share)
    assert main(["close", str(workspace), "--wave", "2026-10", "--share", str(share)]) == 2
    assert "1 sealed answer is still waiting" in capsys.readouterr().err
    assert main(["ingest", str(workspace)]) == 0
    assert main(["close", str(workspace), "--wave", "2026-10"]) == 0
    assert "figures are released (1 answer)" in capsys.readouterr().out


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="needs root to act as another account",
)

#: A colleague puts their own published/ in place of HR's (they would add a survey sealed
#: to their own key); prints "swapped" or "refused".
_SWAP = (
    "mv published .published-old 2> /dev/null && mkdir published && echo swapped || echo refused"
)


@posix_only
@needs_root
def test_a_colleague_who_may_write_to_the_share_itself_is_named_and_mode_755_stops_them(
    top: Path, workspace, monkeypatch, capsys
) -> None:
    share = top / "share"
    publish(workspace, share)
    os.chmod(share, 0o777)  # an administrator let staff write to the share's top
    run = subprocess.run(
        ["runuser", "-u", "nobody", "--", "sh", "-c", _SWAP],
        cwd=share,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["swapped"]
    problems = access_problems(share)
    assert problems[0].startswith(
        f"Anyone who can write to the shared folder {share} itself can rename HR's folders"
    )
    assert problems[0].endswith(f"run: chmod go-w {share}")
    assert problems[1] == (
        "published/ belongs to the account nobody, not to HR's (root): that account can "
        "change who may write there and replace what is in it. On the file server, check "
        f"what it holds, then run: chown root {share / 'published'}"
    )
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    assert "Warning: published/ belongs to the account nobody" in capsys.readouterr().err

    (share / "published").rmdir()  # HR mends it as the warnings say
    (share / ".published-old").rename(share / "published")
    os.chmod(share, 0o755)
    run = subprocess.run(
        ["runuser", "-u", "nobody", "--", "sh", "-c", _SWAP],
        cwd=share,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["refused"]
    assert access_problems(share) == []


@posix_only
def test_a_new_share_is_not_writable_by_others_whatever_the_umask(tmp_path) -> None:
    old = os.umask(0o002)
    try:
        share = prepare_share(tmp_path / "new-share")
    finally:
        os.umask(old)
    assert stat.S_IMODE(share.stat().st_mode) == 0o755
    assert access_problems(share) == []


@posix_only
def test_a_flood_of_junk_files_is_quarantined_without_burying_the_report(
    top: Path, workspace, tmp_path, monkeypatch, capsys
) -> None:
    share = top / "share"
    survey = publish(workspace, share)
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _as_colleague(
        'i=0; while [ $i -lt 150 ]; do printf x > "j$i.rapport"; i=$((i+1)); done; '
        "ln -s /etc/passwd zz-link.rapport",
        share / "inbox",
    )
    deliver(submission({"IT": {"timely": 4}}), survey, share)
    assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    out = capsys.readouterr().out
    assert "1 stored" in out and "151 quarantined" in out
    listed = [line for line in out.splitlines() if line.startswith("  quarantine/")]
    assert len(listed) == 100
    assert "  ... and 51 more files in quarantine/ (the Pulses section lists them" in out
    assert "    50: it is not a Rapport sealed file" in out
    assert "    1: it is a symbolic link; Rapport never follows links" in out
    assert len(os.listdir(share / "quarantine")) == 2 * 151


@posix_only
def test_share_files_are_readable_by_the_other_side_whatever_the_writers_umask(
    workspace, tmp_path, monkeypatch
) -> None:
    """With umask 077 the survey was published 0600: no respondent could read it, and a
    respondent's answer (0600) was one HR's account could not read."""
    from dataclasses import replace

    from surveys.ingest import ingest

    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    share = tmp_path / "share"
    old = os.umask(0o077)
    try:
        survey = publish(workspace, share)
        sub = replace(submission({"IT": {"timely": 4}}), receipt="ab" * 32)
        delivered = deliver(sub, survey, share).path
        sent_mode = stat.S_IMODE(delivered.stat().st_mode)
        ingest(workspace, share, PASSPHRASE)
    finally:
        os.umask(old)
    mode = stat.S_IMODE
    assert mode((share / "published" / "2026-10.json").stat().st_mode) == 0o644
    assert sent_mode == 0o644
    assert mode((share / "receipts").stat().st_mode) == 0o755
    assert mode((share / "receipts" / "2026-10.json").stat().st_mode) == 0o644
    assert mode((tmp_path / "home" / "outbox").stat().st_mode) & 0o077 == 0  # still private


def test_a_file_named_like_a_reason_is_listed_in_the_quarantine(
    workspace, tmp_path, monkeypatch
) -> None:
    """Kept under its inbox name, ``a.rapport.reason.txt`` was taken for a reason file: the
    Pulses section never listed it, so HR could neither see nor delete it there."""
    from surveys.inbox import share_status
    from surveys.ingest import ingest

    share = tmp_path / "share"
    publish(workspace, share)
    _as_colleague('printf junk > a.rapport.reason.txt; printf x > "b.reason.txt"', share / "inbox")
    os.symlink("/etc/passwd", share / "inbox" / "c.rapport.reason.txt")
    report = ingest(workspace, share, PASSPHRASE)
    assert len(report.quarantined) == 3
    listed = share_status(share).quarantined
    assert sorted(item.reason.split(" (")[0] for item in listed) == [
        "it is a symbolic link; Rapport never follows links",
        "it is not a Rapport sealed file",
        "it is not a Rapport sealed file",
    ]
    assert {item.name for item in listed} == {item.name for item in report.quarantined}


@posix_only
def test_publish_says_when_colleagues_could_replace_the_survey(workspace, tmp_path, capsys):
    share = tmp_path / "share"
    publish(workspace, share)
    os.chmod(share, 0o777)
    argv = ["publish", str(workspace), "--share", str(share), "--wave", "2026-11"]
    argv += ["--template", "short-pulse", "--passphrase-file", str(_passphrase_file(tmp_path))]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"Warning: Anyone who can write to the shared folder {share} itself" in err
    os.chmod(share, 0o755)
    argv[5] = "2026-12"
    assert main(argv) == 0
    assert "Warning" not in capsys.readouterr().err


def _passphrase_file(folder: Path) -> Path:
    path = folder / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n")
    os.chmod(path, 0o600)
    return path


def test_two_copies_of_the_receipt_list_do_not_tell_the_real_hashes(
    workspace, tmp_path, monkeypatch
) -> None:
    """The list is padded with decoys to a multiple of 20. Fresh random decoys on every
    ingest let a colleague who kept two copies find the real hashes (those in both), and
    so the exact number of answers."""
    import json
    from dataclasses import replace

    from surveys.ingest import ingest
    from surveys.receipts import new_receipt_code, receipt_hash

    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path / "home"))
    share = tmp_path / "share"
    survey = publish(workspace, share)

    def send(count: int) -> None:
        for value in range(count):
            sub = submission({"IT": {"timely": 1 + value % 5}}, token=os.urandom(32).hex())
            code = receipt_hash(survey.wave, new_receipt_code())
            deliver(replace(sub, receipt=code), survey, share)

    def listed() -> set[str]:
        path = share / "receipts" / f"{survey.wave}.json"
        return set(json.loads(path.read_text())["hashes"])

    send(3)
    ingest(workspace, share, PASSPHRASE)
    first = listed()
    ingest(workspace, share, PASSPHRASE)
    assert listed() == first and len(first) == 20
    send(1)
    ingest(workspace, share, PASSPHRASE)
    later = listed()
    assert first < later and len(later) % 20 == 0  # decoys stay: nothing drops out


@posix_only
def test_the_respondents_own_folder_is_closed_to_others_on_a_shared_computer(
    tmp_path, monkeypatch
) -> None:
    """Its files are 0600, but in a folder others could open, the time of answered.json
    told a colleague on the same computer when its user last answered."""
    from surveys.outbox import mark_answered
    from surveys.paths import user_data_dir

    monkeypatch.delenv("RAPPORT_HOME", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    mark_answered("2026-10")
    folder = tmp_path / "data" / "rapport"
    assert user_data_dir() == folder and (folder / "answered.json").exists()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    os.chmod(folder, 0o755)  # as an earlier Rapport left it
    user_data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
def test_a_share_folder_replaced_by_a_link_is_named(workspace, tmp_path) -> None:
    """Respondents' apps follow a link: a published/ or inbox/ that points elsewhere sends
    them to whoever controls the target."""
    share = tmp_path / "share"
    publish(workspace, share)
    elsewhere = tmp_path / "elsewhere"
    (share / "published").rename(elsewhere)
    os.symlink(elsewhere, share / "published")
    problems = access_problems(share)
    assert problems == [
        "published/ is a symbolic link: whoever may change where it points decides what "
        "respondents read there or where their answers go. On the file server, make it a "
        f"real folder owned by HR's account: {share / 'published'}"
    ]


def test_deeply_nested_share_files_never_crash_the_respondents_app(workspace, tmp_path) -> None:
    """Where published/ or receipts/ can be written by others (a share the checks warn
    about), a deeply nested file raised RecursionError in every respondent's app."""
    from surveys.published import list_open_surveys
    from surveys.receipts import read_received

    share = tmp_path / "share"
    publish(workspace, share)
    deep = "[" * 8000 + "]" * 8000
    (share / "published" / "2026-11.json").write_text(deep)
    (share / "receipts").mkdir()
    (share / "receipts" / "2026-10.json").write_text(deep)
    assert [s.wave for s in list_open_surveys(share)] == ["2026-10"]
    assert read_received(share, "2026-10") is None


@posix_only
def test_a_pipe_or_a_huge_file_on_the_share_never_stops_the_respondents_app(
    workspace, tmp_path
) -> None:
    """Where published/ or receipts/ can be written by others (a share the checks warn
    about), a named pipe there blocked every respondent's app for good (the tray reads the
    share on its main thread), and a sparse file of a terabyte was read into memory."""
    import threading

    from desktop_app.respondent.source import TeamSource
    from surveys.receipts import read_received

    share = tmp_path / "share"
    publish(workspace, share)
    (share / "receipts").mkdir()
    pipes = [share / "published" / "2026-11.json", share / "receipts" / "2026-10.json"]
    for pipe in pipes:
        os.mkfifo(pipe)
    with open(share / "published" / "2026-12.json", "wb") as huge:
        huge.truncate(2**40)
    os.symlink(pipes[0], share / "published" / "2026-13.json")
    seen: dict[str, object] = {}

    def respondent() -> None:
        source = TeamSource(share, "Sales", hold=False)
        seen["problem"] = source.problem()
        seen["waves"] = [s.wave for s in source.open_surveys()]
        seen["receipts"] = read_received(share, "2026-10")

    worker = threading.Thread(target=respondent, daemon=True)
    worker.start()
    worker.join(60)
    try:
        assert not worker.is_alive(), "the respondent's app is stuck on a pipe"
    finally:
        for pipe in pipes:  # let a stuck reader go
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    assert seen == {"problem": None, "waves": ["2026-10"], "receipts": None}
