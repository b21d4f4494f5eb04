"""One piece of analysis run in a worker process while the caller goes on with other work.

The analysis pipeline uses the second core this way: topic discovery runs in a worker
(:class:`WorkerTask`) while this process finds conflict language and themes and writes the
comment cache, and sentiment is scored ahead in another
(:class:`analysis.sentiment.background.ScoringSession`).

Workers are started with ``spawn`` (a fresh interpreter: safe from a process with threads,
and the same on every platform), run one function, and exit when the process that started
them goes away (:func:`exit_with_parent`). If a worker fails or dies, the caller runs the
function itself: a result never depends on where it was computed, and an error is raised
where it would have been without the worker.

Plain Python, no Qt.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from surveys.progress import Progress, no_progress
from surveys.spawn import spawn_context

T = TypeVar("T")
R = TypeVar("R")

#: How often :meth:`WorkerTask.result` reports while it waits (so Cancel is heard).
POLL_SECONDS = 0.1


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside the block.

    For work that makes many objects and (almost) no reference cycles. Scoring a chunk of
    comments in a worker makes many short-lived lists and no cycles (a collection
    afterwards finds nothing unreachable), yet the collector's young-generation passes took
    about 0.06 s of the sentiment worker's 2 s over 16,000 comments; a whole analysis
    (:func:`analysis.pipeline.analyse_workspace`) leaves about 850 unreachable objects
    while its collections took about 0.2 s. Reference counting still frees everything at
    once; the collector resumes when the block ends, unless it was off already (as in the
    desktop app, which collects from a timer on its GUI thread).

    What the block left alive is then moved to the oldest generation unexamined
    (:func:`promote_survivors`): otherwise the first young collection after the block walks
    all of it (about 0.08 s after an analysis).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            promote_survivors()
            gc.enable()


def promote_survivors() -> None:
    """Move every object the collector tracks to its oldest generation without a collection.

    Reference cycles among them are still found, by the next full collection (which runs
    when that generation has grown by a quarter). Nothing is done when objects are frozen
    (``gc.freeze``): thawing them would undo that on purpose.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()  # every generation into the permanent one, the young count reset
        gc.unfreeze()  # and all of it into the oldest generation


def exit_with_parent(parent: int) -> None:
    """In a worker: exit when process ``parent`` is gone (nobody wants the result)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="rapport-parent-watch", daemon=True).start()


def _run(connection, parent: int, function: Callable[..., Any], args: tuple) -> None:
    """The worker's side: compute and send ``("done", result)``, or ``("failed", None)``."""
    exit_with_parent(parent)
    try:
        connection.send(("done", function(*args)))
    except Exception:  # the caller computes it again and meets the error itself
        connection.send(("failed", None))
    connection.close()


class WorkerTask:
    """``function(*args)`` computing in a worker process.

    Parameters
    ----------
    function : callable
        A module-level function (it is sent to the worker by name).
    *args
        Its arguments (sent to the worker by pickling).

    Notes
    -----
    A context manager: leaving it before :meth:`result` stops the worker.
    """

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._function, self._args = function, args
        context = spawn_context()
        self._connection, child_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_run,
            args=(child_end, os.getpid(), function, args),
            name="rapport-analysis-worker",
        )
        self._process.start()
        child_end.close()

    def result(self, progress: Progress | None = None, message: str = "Working") -> Any:
        """Wait for the result, reporting ``message`` every :data:`POLL_SECONDS`.

        Parameters
        ----------
        progress : Progress, optional
            Called while waiting (with a fraction of 0.5: the worker reports nothing); may
            raise ``Cancelled``, which stops the worker.
        message : str
            What the worker is doing, for the progress bar.

        Returns
        -------
        object
            What the function returned (computed here if the worker failed or died).
        """
        report = progress or no_progress
        try:
            while True:
                report(0.5, message)
                if self._connection.poll(POLL_SECONDS):
                    status, value = self._connection.recv()
                    break
        except (EOFError, OSError):  # the worker died before it sent anything
            status, value = "failed", None
        finally:
            self.close()
        return value if status == "done" else self._function(*self._args)

    def close(self) -> None:
        """Stop the worker if it is still computing; release the pipe."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._connection.close()

    def __enter__(self) -> WorkerTask:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def chunks_as_done(
    chunks: Sequence[T],
    futures: Sequence[Future | None],
    here: Callable[[T], R],
    report: Progress,
    message: str,
) -> Iterator[tuple[int, R]]:
    """Each chunk's index and result as soon as it is known, some computed by a worker, the
    others here with ``here``; a chunk whose worker died is computed here too, so the
    results never depend on where they were computed.

    First the chunks the worker has already done, then those computed here (the ones the
    worker has not started, the last first), then the worker's others as it finishes
    them. The caller can so use each result while the worker computes the next, as the
    comment cache does when it writes a batch's rows while the last chunks are scored
    (:meth:`analysis.sentiment.background.ScoringSession.scores_as_scored`). While it
    waits for the worker, ``report`` is called every :data:`POLL_SECONDS`, so that Cancel
    (``report`` raising) is heard.

    Parameters
    ----------
    chunks : sequence
        The pieces of work, in order.
    futures : sequence of Future or None
        The worker's future for each chunk (``None``, or a shorter sequence: none).
    here : callable
        Computes one chunk in this process.
    report : Progress
        Called with the fraction of the chunks done; may raise ``Cancelled``.
    message : str
        What is being done, for the progress bar.

    Yields
    ------
    tuple
        A chunk's index and its result; every chunk once. An error the worker met
        computing a chunk is raised here.
    """
    given: set[int] = set()
    report(0.0, message)
    for k in range(len(chunks)):
        future = futures[k] if k < len(futures) else None
        if future is not None and future.done() and not future.cancelled():
            given.add(k)
            yield k, _result_or_here(future, here, chunks[k])
            report(len(given) / len(chunks), message)
    for k in reversed(range(len(chunks))):
        future = futures[k] if k < len(futures) else None
        if k not in given and (future is None or future.cancel()):
            given.add(k)
            yield k, here(chunks[k])
            report(len(given) / len(chunks), message)
    for k in range(len(chunks)):
        if k not in given:
            while not futures[k].done():
                wait([futures[k]], timeout=POLL_SECONDS)
                if not futures[k].done():
                    report(len(given) / len(chunks), message)
            given.add(k)
            yield k, _result_or_here(futures[k], here, chunks[k])
            report(len(given) / len(chunks), message)


def _result_or_here(future: Future, here: Callable[[T], R], chunk: T) -> R:
    """The worker's result, or ``here(chunk)`` when the worker died (out of memory, killed)."""
    try:
        return future.result()
    except BrokenProcessPool:
        return here(chunk)
