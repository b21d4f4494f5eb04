"""The window's quick reads run on reader threads that wait for them.

Each read started a thread, and ``Thread.start`` returns only once the new thread has run:
on a busy machine opening a workspace waited 60–170 ms for its eleven reads' threads to
start (``bench/open_workspace_bench.py``, docs/benchmarks.md).
"""

from __future__ import annotations

import threading

from desktop_app import read_threads
from desktop_app.bounded_read import BoundedRead


def test_reads_start_no_thread_while_reader_threads_wait(qtbot, monkeypatch) -> None:
    read_threads.warm()
    qtbot.waitUntil(lambda: read_threads.idle() == read_threads.IDLE_THREADS, timeout=5000)
    started, start = [], threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda t: started.append(t) or start(t))
    reads = BoundedRead()
    for i in range(20):
        assert reads.read("n", lambda i=i: i * 2, wait=5.0) == (True, i * 2)
    assert started == []


def test_a_read_that_hangs_keeps_its_thread_and_the_others_go_on(qtbot) -> None:
    gate = threading.Event()
    # Kept until their reads end: a read's answer goes to its BoundedRead's relay.
    hung = [BoundedRead() for _ in range(read_threads.IDLE_THREADS + 2)]
    reads, other = BoundedRead(), BoundedRead()
    try:
        for each in hung:  # every waiting thread taken, and more
            assert each.read("hang", gate.wait, 30, wait=0.0) == (False, None)
        assert other.read("quick", lambda: "answer", wait=5.0) == (True, "answer")
    finally:
        gate.set()
    qtbot.waitUntil(lambda: read_threads.idle() == read_threads.IDLE_THREADS, timeout=5000)
    assert reads.read("after", lambda: 1, wait=5.0) == (True, 1)
    qtbot.wait(100)  # the hung reads' late answers delivered before the relays go


def test_a_reader_thread_is_named_for_the_read_it_runs(qtbot) -> None:
    """Every read ran on "rapport-read": a stack dump of a hung share no longer said which
    read hung, as "rapport-read-<what>" had when each read had its own thread."""
    read_threads.warm()
    reads = BoundedRead()
    name = lambda: threading.current_thread().name  # noqa: E731
    assert reads.read("schedule", name, wait=5.0) == (True, "rapport-read-schedule")
    qtbot.waitUntil(lambda: read_threads.idle() == read_threads.IDLE_THREADS, timeout=5000)
    names = {t.name for t in threading.enumerate()}
    assert "rapport-read-schedule" not in names and read_threads.WAITING in names


def test_a_job_that_raises_is_logged_and_its_thread_waits_again(qtbot, monkeypatch, caplog):
    """A job that raised ended its thread (a traceback on stderr) and the waiting threads
    were one fewer until the window was made again."""
    raised: list = []
    monkeypatch.setattr(threading, "excepthook", raised.append)
    read_threads.warm()
    qtbot.waitUntil(lambda: read_threads.idle() == read_threads.IDLE_THREADS, timeout=5000)
    ran: list[threading.Thread] = []

    def job() -> None:
        ran.append(threading.current_thread())
        raise OSError("the share went away")

    read_threads.submit(job, "broken")
    qtbot.waitUntil(lambda: read_threads.idle() == read_threads.IDLE_THREADS, timeout=5000)
    assert ran[0].is_alive() and ran[0].name == read_threads.WAITING
    assert raised == [] and "rapport-read-broken" in caplog.text
