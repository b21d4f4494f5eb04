"""Chunks shared between a worker and this process: each result once, in order, whoever
computed it."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from analysis.worker_task import chunks_as_done


def gather_chunks(chunks, futures, here, report, message) -> list:
    """Every chunk's result, in order (what a caller that needs them all does)."""
    return [done for _, done in sorted(chunks_as_done(chunks, futures, here, report, message))]


def _done(value) -> Future:
    future: Future = Future()
    future.set_running_or_notify_cancel()  # the worker has it: it cannot be cancelled
    future.set_result(value)
    return future


def test_chunks_not_started_are_computed_here_the_last_first() -> None:
    waiting: list[Future] = [Future(), Future()]  # queued, not started: cancellable
    order: list[int] = []

    def here(chunk: int) -> int:
        order.append(chunk)
        return chunk * 10

    seen: list[float] = []
    got = gather_chunks(
        [1, 2, 3, 4], [_done(10), *waiting, None], here, lambda f, m: seen.append(f), "x"
    )
    assert got == [10, 20, 30, 40]
    assert order == [4, 3, 2]  # the worker's own chunk was collected, not redone
    assert all(f.cancelled() for f in waiting)
    assert seen[0] == 0.0 and seen[-1] == 1.0


def test_a_chunk_whose_worker_died_is_computed_here() -> None:
    dead: Future = Future()
    dead.set_running_or_notify_cancel()
    dead.set_exception(BrokenProcessPool("killed"))
    assert gather_chunks([5, 6], [dead], lambda c: -c, lambda f, m: None, "x") == [-5, -6]


def test_an_error_in_the_worker_is_raised_here() -> None:
    failed: Future = Future()
    failed.set_running_or_notify_cancel()
    failed.set_exception(ValueError("bad text"))
    with pytest.raises(ValueError, match="bad text"):
        gather_chunks([1], [failed], lambda c: c, lambda f, m: None, "x")


def test_each_chunk_is_given_as_soon_as_it_is_known() -> None:
    """Done first, then those computed here (the last first), then the worker's others as
    it finishes them: a caller writes each one's rows while the worker computes the next."""
    import threading

    running: Future = Future()
    running.set_running_or_notify_cancel()  # the worker is computing it
    waiting: Future = Future()  # queued, not started: cancellable
    threading.Timer(0.35, running.set_result, [30]).start()
    order: list[int] = []
    reports: list[float] = []
    given = chunks_as_done(
        [1, 2, 3, 4],
        [_done(10), None, running, waiting],
        lambda chunk: order.append(chunk) or chunk * 10,
        lambda fraction, message: reports.append(fraction),
        "x",
    )
    assert list(given) == [(0, 10), (3, 40), (1, 20), (2, 30)]
    assert order == [4, 2] and waiting.cancelled()
    assert reports.count(0.75) >= 3  # reported while it waited for the worker's chunk
    assert reports[-1] == 1.0


def test_cancel_is_heard_while_the_worker_computes() -> None:
    from surveys.progress import Cancelled

    never: Future = Future()
    never.set_running_or_notify_cancel()  # the worker holds it (a slow chunk, a hung share)
    calls: list[float] = []

    def report(fraction: float, message: str) -> None:
        calls.append(fraction)
        if len(calls) > 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        list(chunks_as_done([1], [never], lambda c: c, report, "x"))
