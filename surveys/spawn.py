"""Worker processes that never run code from the folder Rapport was started in.

Every worker process of Rapport (the HR window's job worker, the analysis and sentiment
workers, the import's comment worker) is started with ``multiprocessing``'s ``spawn``.
Outside a frozen bundle, ``spawn`` runs ``python -c "from multiprocessing.spawn import
..."``, and Python puts the *current folder* first on the module path of a ``-c`` command:
a file ``multiprocessing.py`` (or a folder ``multiprocessing/``) in the folder HR ran
``rapport import``, ``rapport analyze`` or ``rapport open`` from was imported instead of
the standard library's, and ran as HR, with the workspace and ``$RAPPORT_PASSPHRASE`` in
reach. HR often works in a folder colleagues can write to (a team drive holding the file
to import, a folder on the shared drive).

:func:`spawn_context` is the only way Rapport starts a worker: it sets
``PYTHONSAFEPATH=1`` (Python 3.11 and later) in this process's environment, which the
worker inherits, so the worker's interpreter never puts the current folder on its path.
The worker then takes this process's module path, as ``spawn`` always does. A frozen
bundle starts its workers without ``-c``; the setting changes nothing there.

:func:`process_pool` makes Rapport's process pools (spawned as above). When a pool's worker
dies (killed, out of memory), Python 3.11's pool fails every call left with
``BrokenProcessPool``, but it stops at the first one that was called off (Rapport calls
off chunks it scores itself): ``set_exception`` on a cancelled future raises
``InvalidStateError``, its manager thread prints a traceback on the terminal and ends, and
the calls after it are never settled, so whoever waits for them waits for ever. Python
fixed this later (CPython gh-107219: the error is ignored); :func:`process_pool` does the
same for the pools it makes.

Plain Python, no Qt.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor, process
from contextlib import suppress
from functools import partial
from multiprocessing import get_context
from multiprocessing.context import SpawnContext
from typing import Any

#: The variable (and value) that keeps the current folder off a Python child's path.
SAFE_PATH = ("PYTHONSAFEPATH", "1")


def spawn_context() -> SpawnContext:
    """The ``spawn`` context, with workers that never import from the current folder.

    Returns
    -------
    multiprocessing.context.SpawnContext
        Start workers with it (``Process``, ``Pipe``, or ``mp_context=`` of a
        ``ProcessPoolExecutor``).

    Notes
    -----
    Sets ``PYTHONSAFEPATH`` in this process's environment (once; it only affects Python
    processes started from here). Call it from the thread that starts the worker.
    """
    name, value = SAFE_PATH
    if os.environ.get(name) != value:
        os.environ[name] = value
    return get_context("spawn")


def process_pool(workers: int, **options: Any) -> ProcessPoolExecutor:
    """A ``ProcessPoolExecutor`` of ``workers`` spawned workers (:func:`spawn_context`)
    whose every call left is settled when a worker dies, even after calls called off.

    Parameters
    ----------
    workers : int
        How many worker processes.
    **options
        Passed on to ``ProcessPoolExecutor`` (``initializer``, ``initargs``).

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
    """
    _settle_all_when_broken()
    return ProcessPoolExecutor(workers, mp_context=spawn_context(), **options)


def _settle_all_when_broken() -> None:
    """Let a broken pool's manager thread skip calls called off (once per process)."""
    manager = getattr(process, "_ExecutorManagerThread", None)
    original = getattr(manager, "terminate_broken", None)
    if original is None or getattr(original, "settles_all", False):
        return

    def terminate_broken(self, cause) -> None:  # noqa: ANN001 - the standard library's
        for item in list(self.pending_work_items.values()):
            item.future.set_exception = partial(_fail_unless_called_off, item.future)
        original(self, cause)

    terminate_broken.settles_all = True  # type: ignore[attr-defined]
    manager.terminate_broken = terminate_broken


def _fail_unless_called_off(future: Future, exception: BaseException) -> None:
    with suppress(InvalidStateError):  # called off: nobody waits for it
        Future.set_exception(future, exception)
