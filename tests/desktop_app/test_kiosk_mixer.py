"""The kiosk mixes its inbox on a worker thread (desktop_app.respondent.kiosk_mixer): a
slow share no longer freezes the thank-you page, an answer sealed while a round runs is
mixed after it, and closing the kiosk finishes the round still owed."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

import surveys.kiosk
from desktop_app.cli import main
from desktop_app.respondent.kiosk_source import KioskSource
from desktop_app.respondent.kiosk_window import KioskWindow
from surveys.kiosk import kiosk_folder
from surveys.transport import random_submission_name
from tests.desktop_app.conftest import PASSPHRASE
from tests.desktop_app.test_kiosk import click


@pytest.fixture
def kiosk(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    return kiosk_folder(workspace)


@pytest.fixture
def window(qtbot, kiosk: Path) -> KioskWindow:  # noqa: ANN001
    window = KioskWindow(KioskSource(kiosk))
    qtbot.addWidget(window)
    window.show()
    return window


def submit(qtbot, window: KioskWindow, department: str = "Sales") -> float:  # noqa: ANN001
    """One person answers and presses Submit; returns how long Submit took (seconds)."""
    start = window.start_page
    start.department.setCurrentIndex(start.department.findText(department))
    click(qtbot, start.start_button)
    wizard = window.wizard
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.department_pages["IT"].rows[0].buttons[2])
    click(qtbot, wizard.next_button)
    began = time.monotonic()
    click(qtbot, wizard.next_button)  # Submit
    took = time.monotonic() - began
    assert wizard.current_page() is wizard.thanks
    return took


def finish(qtbot, window: KioskWindow) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.session_ended):
        click(qtbot, window.wizard.next_button)


def slow_share(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[str]:
    """Every file the mixer writes again takes ``seconds`` (a slow network share); returns
    the names of the threads it ran on."""
    threads: list[str] = []
    real = surveys.kiosk._write_again

    def slow(inbox: Path, path: Path) -> bool:
        threads.append(threading.current_thread().name)
        time.sleep(seconds)
        return real(inbox, path)

    monkeypatch.setattr(surveys.kiosk, "_write_again", slow)
    return threads


def hold_the_share(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The share stops answering in the middle of a round: writing a file again waits for
    ``release``; ``entered`` is set once a round has listed the inbox and got that far."""
    entered, release = threading.Event(), threading.Event()
    real = surveys.kiosk._write_again

    def held(inbox: Path, path: Path) -> bool:
        entered.set()
        release.wait(10)
        return real(inbox, path)

    monkeypatch.setattr(surveys.kiosk, "_write_again", held)
    return entered, release


def changed_since(inbox: Path, moment_ns: int) -> bool:
    return all(os.stat(f).st_ctime_ns >= moment_ns for f in inbox.iterdir())


@pytest.mark.alone  # timed (the Submit): no other test shares the cores under pytest-xdist
def test_hundreds_of_answers_on_a_slow_share_do_not_freeze_the_thank_you_page(
    qtbot, window: KioskWindow, kiosk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: Submit wrote every waiting answer again on the window's thread; with 300
    answers at 5 ms each the thank-you page came after 1.5 s of a frozen window."""
    inbox = kiosk / "inbox"
    submit(qtbot, window)
    finish(qtbot, window)
    qtbot.waitUntil(lambda: window.mixer.idle)
    (sealed,) = inbox.iterdir()
    for _ in range(299):  # answers waiting from earlier people (copies do for mixing)
        shutil.copy(sealed, inbox / random_submission_name())
    before = {path.name for path in inbox.iterdir()}
    threads = slow_share(monkeypatch, 0.005)
    time.sleep(0.01)
    submitted = time.time_ns()

    took = submit(qtbot, window, "Marketing")

    assert took < 1.0, took  # the round alone takes 1.5 s
    assert not window.mixer.idle  # the thank-you page is up while the round runs
    with qtbot.waitSignal(window.mixer.settled, timeout=60_000):
        pass
    assert threading.main_thread().name not in threads and len(threads) == 301
    names = {path.name for path in inbox.iterdir()}
    assert len(names) == 301 and not names & before  # every answer written again...
    assert changed_since(inbox, submitted)  # ...after the last person's Submit
    finish(qtbot, window)


def test_an_answer_sealed_while_a_round_runs_is_mixed_after_it(
    qtbot, window: KioskWindow, kiosk: Path, workspace: Path, monkeypatch, capsys
) -> None:
    inbox = kiosk / "inbox"
    entered, release = hold_the_share(monkeypatch)
    submit(qtbot, window, "Sales")  # the first round starts, and hangs
    finish(qtbot, window)
    qtbot.waitUntil(entered.is_set)  # it has listed the inbox
    time.sleep(0.01)
    second = time.time_ns()
    submit(qtbot, window, "Marketing")  # sealed while the round runs
    waiting = {path.name for path in inbox.iterdir()}
    assert len(waiting) == 2  # the window did not wait for the round
    release.set()
    with qtbot.waitSignal(window.mixer.settled, timeout=30_000):
        pass
    # The first round listed the inbox before the second answer came: a second round
    # wrote both again after it, so the second answer is not the one file left newer.
    assert window.mixer.rounds == 2
    names = {path.name for path in inbox.iterdir()}
    assert len(names) == 2 and not names & waiting and changed_since(inbox, second)
    finish(qtbot, window)
    assert main(["ingest", str(workspace)]) == 0
    assert "Ingested 2 files from the kiosk: 2 stored" in capsys.readouterr().out


def test_closing_the_kiosk_finishes_the_round_still_owed(
    qtbot, window: KioskWindow, kiosk: Path, monkeypatch
) -> None:
    inbox = kiosk / "inbox"
    entered, release = hold_the_share(monkeypatch)
    submit(qtbot, window, "Sales")
    finish(qtbot, window)
    qtbot.waitUntil(entered.is_set)
    time.sleep(0.01)
    last = time.time_ns()
    submit(qtbot, window, "Marketing")
    waiting = {path.name for path in inbox.iterdir()}
    release.set()
    window.close()  # before the first round's end has reached the window

    assert window.mixer.idle
    names = {path.name for path in inbox.iterdir()}
    assert len(names) == 2 and not names & waiting and changed_since(inbox, last)
