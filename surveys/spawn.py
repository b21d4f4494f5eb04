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

Plain Python, no Qt.
"""

from __future__ import annotations

import os
from multiprocessing import get_context
from multiprocessing.context import SpawnContext

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
