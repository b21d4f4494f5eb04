"""A kiosk under its own account mixes an inbox it may write to but not list.

The deployment advice runs the kiosk under its own operating-system account, and
``rapport publish --kiosk`` makes ``kiosk/inbox/`` a drop box (``1733``, HR's). The kiosk's
account could then not list it, so the mixing that hides who came when
(:func:`surveys.kiosk.mix_inbox`) silently did nothing: every file kept its person's name,
inode and second (fourth hostile round). As root the kiosk's side runs as ``nobody``;
otherwise the inbox's read permission is taken from its owner, the test's account.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.respondent.kiosk_source import KioskSource
from surveys.kiosk import resolve_kiosk
from surveys.store import create_workspace
from surveys.submission import Answer, Submission
from tests.surveys.transport_helpers import PASSPHRASE

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


@contextlib.contextmanager
def _kiosk_account(home: Path, inbox: Path) -> Iterator[None]:
    """Act as the kiosk's own account, which may not list ``inbox``."""
    if os.geteuid() != 0:
        os.chmod(inbox, 0o1333)  # no read: the owner cannot list it either
        try:
            yield
        finally:
            os.chmod(inbox, 0o1733)
        return
    import pwd

    try:
        uid = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("needs the account nobody")
    for folder, _dirs, files in os.walk(home):
        for name in [*files, ""]:
            os.lchown(os.path.join(folder, name), uid, -1)
    os.seteuid(uid)
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_kiosk_under_its_own_account_mixes_an_inbox_it_may_not_list(
    top: Path, monkeypatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    workspace = top / "ws"
    create_workspace(workspace, ["Sales", "IT", "Marketing"]).close()
    assert main(["publish", str(workspace), "--wave", "2026-12", "--kiosk"]) == 0
    os.chmod(workspace, 0o711)  # the kiosk may reach kiosk/ and nothing else
    inbox = resolve_kiosk(workspace) / "inbox"
    assert stat.S_IMODE(inbox.stat().st_mode) == 0o1733
    home = top / "kiosk-home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    source = KioskSource(resolve_kiosk(workspace))
    [survey] = source.unanswered()

    first: set[str] = set()
    for person, department in enumerate(("Sales", "Marketing", "Sales")):
        answer = Submission(
            "2026-12", department, "2026-12-02", (Answer("IT", "overall", 1 + person),),
            token=source.token(survey),
        )  # fmt: skip
        with _kiosk_account(home, inbox):
            assert source.deliver(survey, answer).status == "delivered"
        if person == 0:
            first = {path.name for path in inbox.iterdir()}

    waiting = {path.name for path in inbox.iterdir()}
    assert len(first) == 1 and len(waiting) == 3
    assert not first & waiting  # the first person's file was written again, new name


def test_an_answer_a_crash_left_in_the_outbox_is_known_once_delivered(
    top: Path, monkeypatch
) -> None:
    """The kiosk finds the files of an inbox it may not list by the names it wrote. An
    answer left as a temporary file in the outbox by a crash gets its name when the outbox
    is flushed; the names were taken before that, so it was never mixed."""
    import surveys.outbox
    from surveys.transport import TEMP_PREFIX, TEMP_SUFFIX

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("RAPPORT_HOME", str(top / "kiosk-home"))
    monkeypatch.setattr(surveys.outbox, "STALE_SECONDS", -1)  # the crash was long ago
    workspace = top / "ws"
    create_workspace(workspace, ["Sales", "IT"]).close()
    assert main(["publish", str(workspace), "--wave", "2026-12", "--kiosk"]) == 0
    inbox = resolve_kiosk(workspace) / "inbox"
    source = KioskSource(resolve_kiosk(workspace), mix=lambda: None)
    [survey] = source.unanswered()
    inbox.rename(inbox.with_name("away"))  # the share is gone: the answer waits
    answer = Submission(
        "2026-12", "Sales", "2026-12-02", (Answer("IT", "overall", 2),),
        token=source.token(survey),
    )  # fmt: skip
    assert source.deliver(survey, answer).status != "delivered"
    [queued] = surveys.outbox.outbox_dir().iterdir()
    queued.rename(queued.with_name(f"{TEMP_PREFIX}{queued.name}{TEMP_SUFFIX}"))  # the crash
    inbox.with_name("away").rename(inbox)
    assert source.retry() == 1
    assert source.waiting == {path.name for path in inbox.iterdir()}
