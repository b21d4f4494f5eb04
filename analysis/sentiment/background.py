"""Sentiment scored in a worker process while the caller goes on with other work.

The analysis pipeline needs comment scores only when it writes each batch of comments;
until then it redacts, finds conflict language and themes, and discovers topics. A
:class:`ScoringSession` starts scoring every batch at once in one worker process (the
second core), and hands each batch's scores over when asked (:meth:`ScoringSession.scores`).
When the caller asks before the worker got to some of the batch, it scores those chunks
itself rather than wait, so neither process sits idle.

The scores are exactly those of :func:`analysis.sentiment.scoring.score_texts`: the same
normalised, de-duplicated texts, cut into the same chunks of
:data:`~analysis.sentiment.scoring.CHUNK`, each scored by the same function
(:func:`analysis.sentiment.model.score_with`), in whichever process; the shared per-text
cache is read and filled the same way. Small inputs (below :data:`BACKGROUND_FROM`
distinct new texts) or a one-core machine score in the caller's process, when asked.

Plain Python, no Qt. The worker is started with ``spawn`` and imports only the fast
lexicon path and numpy (no NLTK, no scikit-learn); it exits when the caller's process
goes away. This module itself imports neither numpy nor the scorer
(:mod:`analysis.sentiment.scoring` is imported where it is used), so that `rapport
analyze` can start the worker (:func:`start_early_for`) before its own modules load.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.sentiment.early_reads import (  # noqa: F401 - part of this module's API
    FIRST_BATCH,
    FIRST_ROWS,
    NEVER_ANALYSED,
    first_chunk,
    never_analysed,
)
from analysis.worker_task import POLL_SECONDS, chunks_as_done, collector_paused, exit_with_parent
from surveys.progress import Progress, no_progress
from surveys.spawn import process_pool

if TYPE_CHECKING:
    from analysis.comment_write import BatchRows

#: Distinct texts not yet scored from which a worker process pays for its start (about
#: 0.3 s of the other core to import numpy and read the model).
BACKGROUND_FROM = 4_000


class ScoringSession:
    """Scores of several batches of texts, computed ahead in a worker process.

    Parameters
    ----------
    batches : sequence of sequence of str
        The texts of each batch, in the order the caller will ask for them.
    background : bool, optional
        Use a worker process; by default when there are at least :data:`BACKGROUND_FROM`
        new distinct texts and more than one core.

    Notes
    -----
    Use it as a context manager (or call :meth:`close`): leaving it stops the worker and
    drops the work not yet done. Methods are for the thread that created the session.
    """

    def __init__(self, batches: Sequence[Sequence[str]], background: bool | None = None):
        from analysis.sentiment import scoring

        self._keys = [[scoring.normalise(text) if text else "" for text in b] for b in batches]
        self._values: dict[str, float] = {}  # the scores known so far, of these texts only
        planned: set[str] = set()
        self._chunks: list[list[list[str]]] = []
        for keys in self._keys:  # the chunks score_texts would make, batch after batch
            todo = []
            for key in dict.fromkeys(keys):
                if key in planned or key in self._values:
                    continue
                if key in scoring._cache:
                    self._values[key] = scoring._cache[key]
                else:
                    todo.append(key)
                    planned.add(key)
            step = scoring.CHUNK
            self._chunks.append([todo[s : s + step] for s in range(0, len(todo), step)])
        self._collected: set[int] = set()
        if background is None:  # a worker started early is used whatever the count
            many = len(planned) >= BACKGROUND_FROM or _early is not None
            background = many and (os.cpu_count() or 1) > 1
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[list[Future]] = [[] for _ in self._chunks]
        self._writes: dict[int, Future] = {}  # batches the worker writes (write_ahead)
        if background and planned:
            self._start()

    def _start(self) -> None:
        pool, first = _take_early()
        if first is not None:  # not begun yet: this session's first chunk is the same work
            first.cancel()
        try:
            self._hand_chunks(pool or _new_pool())
        except BrokenProcessPool:  # the early worker died while it waited: a new one
            pool.shutdown(wait=False, cancel_futures=True)
            self._hand_chunks(_new_pool())

    def _hand_chunks(self, pool: ProcessPoolExecutor) -> None:
        self._futures = [
            [pool.submit(_score_in_worker, chunk) for chunk in chunks] for chunks in self._chunks
        ]
        self._pool = pool

    @property
    def in_background(self) -> bool:
        """Whether a worker process scores the texts."""
        return self._pool is not None

    def ready(self, index: int) -> bool:
        """Whether batch ``index``'s scores are all computed (never waits)."""
        return all(future.done() for future in self._futures[index])

    def scores(self, index: int, progress: Progress | None = None) -> list[float]:
        """Return the scores of batch ``index``, in the order of its texts.

        Chunks the worker has not started are scored here, the last first, while the
        worker finishes the ones it has; the results are the same either way.

        Parameters
        ----------
        index : int
            The batch, as given to the constructor.
        progress : Progress, optional
            Called with the fraction of the batch's chunks done; may raise ``Cancelled``.

        Returns
        -------
        list of float
            One score per text of the batch (:func:`~analysis.sentiment.scoring.score_texts`).
        """
        for _ in self._pieces(index, progress or no_progress):
            pass
        return [self._values[key] for key in self._keys[index]]

    def scoring(self, index: int) -> bool:
        """Whether the worker has yet to score some of batch ``index`` (never waits)."""
        return self._pool is not None and index not in self._collected and not self.ready(index)

    def chunks_left(self, index: int) -> int:
        """How many of batch ``index``'s chunks are not scored yet (never waits)."""
        return sum(not future.done() for future in self._futures[index])

    def scores_as_scored(
        self, index: int, progress: Progress | None = None
    ) -> Iterator[tuple[list[int], list[float]]]:
        """Batch ``index``'s scores as they come in, for a caller that writes the batch
        itself while the worker scores its last chunks (:meth:`scores` waits for all).

        Yields ``(positions, scores)``: which of the batch's texts (their positions in it)
        have their score now, and those scores; every position once. First those known
        already, then chunk by chunk as they are scored (here or by the worker, as in
        :meth:`scores`). A write of this batch handed to the worker (:meth:`write_ahead`)
        and not begun is called off; one already begun may still commit (the caller's
        transaction then waits for it, and finds the batch written).
        """
        write = self._writes.get(index)
        if write is not None and write.cancel():
            del self._writes[index]
        self._collect_earlier(index)
        where: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys[index]):
            where.setdefault(key, []).append(position)
        known = [key for key in where if key in self._values]
        for piece in [dict.fromkeys(known)], self._pieces(index, progress or no_progress):
            for fresh in piece:
                positions = sorted(p for key in fresh if key in where for p in where.pop(key))
                if positions:
                    keys = self._keys[index]
                    yield positions, [self._values[keys[p]] for p in positions]

    def _collect_earlier(self, index: int) -> None:
        for earlier in range(index):
            for _ in self._pieces(earlier, no_progress):
                pass

    def _pieces(self, index: int, report: Progress) -> Iterator[dict[str, float]]:
        """Collect batch ``index``'s scores (the earlier batches' first: a text may first
        occur there), yielding each chunk's as it comes in."""
        from analysis.sentiment import scoring

        self._collect_earlier(index)
        if index in self._collected:
            return
        chunks = self._chunks[index]
        message = "Scoring sentiment"
        for k, scores in chunks_as_done(
            chunks, self._futures[index], scoring.score_chunk, report, message
        ):
            fresh = dict(zip(chunks[k], scores, strict=True))
            scoring.remember(fresh)
            self._values.update(fresh)
            yield fresh
        self._collected.add(index)
        report(1.0, "Sentiment scored")

    def write_ahead(self, index: int, path: str, rows: BatchRows, busy_ms: int) -> None:
        """Have the worker write batch ``index`` to the workspace database at ``path`` as
        soon as it has scored it (:func:`analysis.comment_write.write_scored`).

        On an idle machine the worker ends its scoring while this process is still busy,
        and the write (about 0.2 s for 16,000 comments) would otherwise run after the scores
        on one core. Does nothing without a worker. :meth:`written_ahead` says whether the
        worker wrote it; until then the caller keeps the batch.
        """
        if self._pool is None or index in self._writes:
            return
        keys = self._keys[index]
        known = {key: self._values[key] for key in keys if key in self._values}
        try:
            write = self._pool.submit(_write_in_worker, path, rows, keys, known, busy_ms)
        except BrokenProcessPool:  # the worker died: the caller writes the batch
            return
        self._writes[index] = write

    def written_ahead(self, index: int, progress: Progress | None = None) -> bool:
        """Whether the worker wrote batch ``index`` (:meth:`write_ahead`); waits for a write
        under way. A write not begun is called off; one that failed (an error, or a worker
        that died) committed nothing: ``False``, the caller writes the batch itself.

        ``progress`` is called while it waits and may raise ``Cancelled``: a write waiting
        for a busy workspace (another process's write, up to its busy timeout) or a share
        that stopped answering is then ended with the worker (:meth:`close`) instead of
        holding Cancel until it is done.
        """
        future = self._writes.get(index)
        if future is None or future.cancel():
            self._writes.pop(index, None)
            return False
        report = progress or no_progress
        while not future.done():  # still in _writes: leaving now ends the worker
            report(1.0, "Writing the analysed comments")
            wait([future], timeout=POLL_SECONDS)
        del self._writes[index]
        try:
            return future.result() is True
        except Exception:  # noqa: BLE001 - whatever stopped it, nothing was committed
            return False

    def close(self) -> None:
        """Stop the worker; work not collected yet is dropped.

        A worker still holding a write of :meth:`write_ahead` is ended at once: a cancelled
        analysis must not have its comments written behind it (a write ended before
        ``COMMIT`` leaves nothing written).
        """
        if self._pool is not None:
            writing = any(not future.done() for future in self._writes.values())
            workers = list((self._pool._processes or {}).values()) if writing else []
            self._pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
            self._pool = None

    def __enter__(self) -> ScoringSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _new_pool() -> ProcessPoolExecutor:
    """One worker process that scores chunks (spawned on the first ``submit``)."""
    return process_pool(1, initializer=_init_worker, initargs=(os.getpid(),))


#: The worker :func:`start_early` started, until a session takes it or :func:`stop_early`.
_early: ProcessPoolExecutor | None = None
#: Its first chunk scored ahead (:func:`_score_first_in_worker`), until a session starts.
_first: Future | None = None
_early_lock = threading.Lock()


def start_early(database: str | Path | None = None) -> None:
    """Start the scoring worker now, before the texts to score are known.

    The worker then imports its modules and reads the model (about 0.3 s of the other core)
    while the caller is still loading its own analysers and reading the comments; the next
    :class:`ScoringSession` of this process takes it (whatever the number of texts) and
    starts scoring at once. The analysis pipeline calls it when a run will score many
    comments: there the worker, not the analysing process, decides when the scores are all
    in. :func:`stop_early` stops a worker no session took. Does nothing on one core or when
    a worker is already waiting.

    Parameters
    ----------
    database : path, optional
        The workspace's database file. Once ready, the worker reads from it the first chunk
        an analysis will hand it (:func:`first_chunk`) and scores it while the caller still
        loads its analysers; the session's first chunk is then answered with those scores
        when it is the same list of texts, and scored as usual when it is not (the workspace
        changed in between, or comments analysed with another version come first).
    """
    global _early, _first
    with _early_lock:
        if _early is not None or (os.cpu_count() or 1) < 2:
            return
        _early = _new_pool()  # the first submit spawns the process (the initializer first)
        _first = _early.submit(_score_first_in_worker, str(database)) if database else None
        if _first is None:
            _early.submit(_ready)


def start_early_for(folder: str | Path) -> bool:
    """Start the worker (:func:`start_early`) if an analysis of the workspace in ``folder``
    will score at least :data:`BACKGROUND_FROM` comments never analysed.

    Reads the count through a plain read-only ``sqlite3`` connection, so that `rapport
    analyze` can call it before the analysis' own modules (``sqlite_utils``, numpy, the
    analysers; about 0.2 s) load. A workspace that cannot be read that way, or is busy being
    written, starts nothing and is left to the analysis, which says what is wrong with it
    or waits for it.

    Returns
    -------
    bool
        Whether a worker was started; stop it with :func:`stop_early` if no session took it.
    """
    from surveys.workspace_reads import database_path

    path = database_path(folder)
    if (os.cpu_count() or 1) < 2 or not path.is_file():
        return False
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=0)  # busy: no early start, no waiting
        try:
            new = never_analysed(db)
        finally:
            db.close()
    except sqlite3.Error:
        return False
    if new < BACKGROUND_FROM:
        return False
    start_early(path)
    return True


def stop_early() -> None:
    """Stop the worker :func:`start_early` started if no session took it.

    A worker still on its first chunk (or its start) is ended at once: otherwise the
    process exits only once the worker has finished it (``concurrent.futures`` joins its
    workers at exit), about 0.4 s of the other core after a failed analysis.
    """
    pool, first = _take_early()
    if pool is not None:
        busy = first is not None and not first.done()
        workers = list((pool._processes or {}).values()) if busy else []
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()


def _take_early() -> tuple[ProcessPoolExecutor | None, Future | None]:
    """The worker :func:`start_early` started and its first chunk's future, now no one's."""
    global _early, _first
    with _early_lock:
        taken = _early, _first
        _early = _first = None
    return taken


def _ready() -> None:
    """Nothing: submitted by :func:`start_early` so that the worker starts now."""


#: OpenBLAS's threads in the worker, unless the environment says otherwise: the scores use
#: no threaded BLAS call (the same scores either way), and starting its thread pool costs
#: about 0.03 s of the worker's start, which is on the analysis' critical path.
WORKER_BLAS_THREADS = "1"


def _init_worker(parent: int) -> None:
    """Worker initializer: read the lexicon and the model now, and exit with the parent."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", WORKER_BLAS_THREADS)  # before numpy loads
    exit_with_parent(parent)
    with collector_paused():
        from analysis.sentiment import scoring

        scoring.rapport_scorer()
        scoring.learned.load_model()
        gc.freeze()  # what it loaded lives as long as the worker: never looked at again


#: In the worker: the scores of the chunks it scored, by normalised text (what
#: :func:`_write_in_worker` writes).
_scored: dict[str, float] = {}


#: In the worker: the chunk :func:`_score_first_in_worker` scored and its scores, until the
#: first chunk a session hands over.
_ahead: tuple[list[str], list[float]] | None = None


def _score_in_worker(texts: list[str]) -> list[float]:
    """One chunk, in the worker (:func:`analysis.sentiment.scoring.score_chunk`); the
    session's first chunk is answered with the scores of :func:`_score_first_in_worker`
    when it is the same list of texts (the same call, so the same scores)."""
    global _ahead
    from analysis.sentiment import scoring

    ahead, _ahead = _ahead, None
    if ahead is not None and ahead[0] == texts:
        scores = ahead[1]
    else:
        with collector_paused():
            scores = scoring.score_chunk(texts)
    _scored.update(zip(texts, scores, strict=True))
    return scores


def _score_first_in_worker(database: str) -> int:
    """In the worker, while it waits for a session: score :func:`first_chunk` of
    ``database`` (:func:`_score_in_worker` answers the session's first chunk with it).
    Returns how many texts were scored."""
    global _ahead
    from analysis.sentiment import scoring

    texts = first_chunk(database)
    if not texts:
        _ahead = None
        return 0
    with collector_paused():
        _ahead = (texts, scoring.score_chunk(texts))
    return len(texts)


def _write_in_worker(
    path: str, rows: BatchRows, keys: list[str], known: dict[str, float], busy_ms: int
) -> bool:
    """In the worker: write a batch it has scored (:meth:`ScoringSession.write_ahead`).

    ``keys`` are the batch's normalised texts, ``known`` the scores the caller had before
    the session. A text of neither (a chunk the caller took and scored itself) stops the
    write before anything is written: the caller then writes the batch with the scores it
    holds.
    """
    from analysis import comment_write

    missing = next((key for key in keys if key not in known and key not in _scored), None)
    if missing is not None:
        raise LookupError("a chunk of this batch was scored by the analysing process")
    scores = [known[key] if key in known else _scored[key] for key in keys]
    with collector_paused():
        return comment_write.write_scored(path, rows, scores, busy_ms)
