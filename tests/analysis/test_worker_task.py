"""A function run in a worker process: its result, or the same result (or error) here."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.worker_task import WorkerTask, collector_paused
from surveys.progress import Cancelled

ROOT = Path(__file__).resolve().parents[2]


def worker_pid(_: object = None) -> int:
    return os.getpid()


def fails(message: str) -> None:
    raise ValueError(message)


def sleeps(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_the_result_comes_from_another_process() -> None:
    seen: list[str] = []
    with WorkerTask(worker_pid, [1, 2, 3]) as task:
        pid = task.result(lambda fraction, message: seen.append(message), "Counting")
    assert pid != os.getpid() and seen and set(seen) == {"Counting"}


def test_an_error_in_the_worker_is_raised_here() -> None:
    task = WorkerTask(fails, "no terms in any comment")
    with pytest.raises(ValueError, match="no terms in any comment"):
        task.result()


def test_cancelling_while_waiting_stops_the_worker() -> None:
    task = WorkerTask(sleeps, 60)

    def cancel(fraction: float, message: str) -> None:
        raise Cancelled

    started = time.monotonic()
    with pytest.raises(Cancelled):
        task.result(cancel)
    assert not task._process.is_alive() and time.monotonic() - started < 30


def pid_slowly_elsewhere(parent: int) -> int:
    if os.getpid() != parent:  # in the worker: never answers before it is killed
        time.sleep(60)
    return os.getpid()


def test_a_worker_that_was_killed_is_replaced_by_doing_it_here() -> None:
    task = WorkerTask(pid_slowly_elsewhere, os.getpid())
    task._process.kill()
    task._process.join()
    assert task.result() == os.getpid()


def module_named(name: str):
    import importlib

    return importlib.import_module(name)


def test_a_result_the_worker_cannot_send_is_computed_here(capfd) -> None:
    import json

    assert WorkerTask(module_named, "json").result() is json  # a module cannot be pickled
    assert "Traceback" not in capfd.readouterr().err


def test_the_collector_is_paused_in_the_block_and_left_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("failed in the block")
    assert gc.isenabled()  # on again after an error too
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off: not turned on
    finally:
        gc.enable()


#: Run in a fresh interpreter: the desktop tests freeze what their tests leave behind.
PROMOTED = """
import gc
from analysis.worker_task import collector_paused
assert gc.get_freeze_count() == 0
with collector_paused():
    kept = [[n] for n in range(2000)]
    cycle = []
    cycle.append(cycle)
assert gc.get_count()[0] < 100, gc.get_count()  # no young collection is due to walk them
oldest = {id(o) for o in gc.get_objects(generation=2)}
assert id(kept) in oldest and id(kept[0]) in oldest and id(cycle) in oldest
assert gc.get_freeze_count() == 0
del cycle
assert gc.collect() >= 1  # a cycle made in the block is still found
with collector_paused():
    loaded = [[n] for n in range(100)]
    gc.freeze()  # as the sentiment worker does after loading its model
assert gc.get_freeze_count() > 0
assert id(loaded) not in {id(o) for o in gc.get_objects(generation=2)}  # not thawed
print("ok")
"""


def test_what_the_block_left_alive_goes_to_the_oldest_generation_unexamined() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROMOTED], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout.strip() == "ok", done.stderr
