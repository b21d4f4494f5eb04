"""Rapport's process pools (:func:`surveys.spawn.process_pool`) settle every call left when
their worker dies, even after a call was called off (CPython gh-107219 on Python 3.11)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool

import pytest

from surveys.spawn import process_pool


def test_a_dead_worker_fails_every_call_left_even_after_one_called_off(monkeypatch) -> None:
    raised: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    pool = process_pool(1)
    try:
        running = pool.submit(time.sleep, 30)
        while not running.running():
            time.sleep(0.01)
        # One worker takes two calls into its queue; the rest wait in the pool.
        queued = [pool.submit(time.sleep, 30) for _ in range(2)]
        called_off, last = pool.submit(time.sleep, 30), pool.submit(time.sleep, 30)
        assert called_off.cancel()  # as when the analysis scores a chunk itself
        for worker in list(pool._processes.values()):
            worker.kill()
        done, _ = wait([running, *queued, last], timeout=30)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    assert last in done and isinstance(last.exception(), BrokenProcessPool)
    assert raised == []  # no traceback from the pool's thread


def test_options_reach_the_pool() -> None:
    with process_pool(1, initializer=print, initargs=("",)) as pool:
        assert pool.submit(abs, -3).result(timeout=60) == 3
    with pytest.raises(TypeError):
        process_pool(1, no_such_option=1)
