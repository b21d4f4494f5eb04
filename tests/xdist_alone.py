"""pytest plugin: under pytest-xdist, a test marked ``alone`` runs while no other test does.

``scripts/test.sh`` runs the suite over every core (``pytest -n auto``). A timed test,
such as the event-loop gaps of ``tests/desktop_app/test_responsiveness.py``, measures the
machine rather than Rapport when another worker's test shares the cores, so it is marked
``@pytest.mark.alone``: it waits for the other workers' running tests to end, and they
wait for it before starting their next one. Without xdist the plugin does nothing.

Two ``flock`` locks in the run's shared temporary folder do it. Every test holds the
"room" lock, shared, from its set-up to its teardown; an ``alone`` test holds it
exclusively. An ``alone`` test also holds the "gate" lock, which every test passes through
before entering the room, so a worker cannot start test after test and keep it waiting.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from pathlib import Path

import pytest

MARKER = "alone: no other test runs beside it under pytest-xdist (tests/xdist_alone.py)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    folder = shared_run_folder(item.config)
    if folder is None:
        yield
        return
    alone = item.get_closest_marker("alone") is not None
    with open(folder / "gate.lock", "a") as gate, open(folder / "room.lock", "a") as room:
        fcntl.flock(gate, fcntl.LOCK_EX)
        if not alone:
            fcntl.flock(gate, fcntl.LOCK_UN)
        fcntl.flock(room, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        yield  # closing the files releases both locks


def shared_run_folder(config: pytest.Config) -> Path | None:
    """The temporary folder all workers of this xdist run share (each worker's own is
    ``popen-gwN`` in it); None outside an xdist worker."""
    if not hasattr(config, "workerinput") or not config.option.basetemp:
        return None
    return Path(config.option.basetemp).parent
