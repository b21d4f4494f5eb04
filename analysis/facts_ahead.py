"""Conflict language and themes of each batch, found ahead on the sentiment worker.

On a two-core machine the analysis pipeline keeps two processes busy: this one redacts the
comments and discovers topics, and the sentiment worker
(:class:`analysis.sentiment.background.ScoringSession`) scores them. Scoring takes less time
than redaction and discovery, so a :class:`FactsAhead` queues each batch's conflict language
and themes on the same worker, behind the scores. When the caller asks for a batch's facts
before the worker got to some of them, it finds those chunks itself, the last first, while
the worker finishes the ones it has: neither process sits idle.

The facts are exactly those of :func:`analysis.conflict.analyse_conflicts` and
:func:`analysis.themes.match_themes` on the same texts, in whichever process: both analyse
each text on its own. Without a worker (few comments, one core, or a session that cannot
take more work) every chunk is analysed here when asked.

Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from analysis import conflict, themes
from analysis.worker_task import gather_chunks
from surveys.progress import Progress, no_progress

#: Texts per piece of work: small enough that the caller can take over the last pieces when
#: it runs out of other work, large enough that handing them over costs little.
CHUNK = 2_000

Facts = tuple[list[conflict.ConflictResult], list[list[str]]]


def find_facts(texts: list[str], taxonomy: themes.Taxonomy) -> Facts:
    """The conflict language and the themes of each text (in either process)."""
    return conflict.analyse_conflicts(texts), themes.match_themes(texts, taxonomy)


class FactsAhead:
    """Conflict language and themes of several batches, found ahead in a worker.

    Parameters
    ----------
    session : ScoringSession or similar
        Whose worker takes the work (its ``submit`` queues a function behind the scores);
        a session without ``submit``, or without a worker, leaves every chunk to this
        process.
    batches : sequence of sequence of str
        The texts of each batch, in the order the caller will ask for them.
    taxonomy : Taxonomy
        The themes to match.

    Notes
    -----
    The session owns the worker: closing it drops the work not started. Methods are for
    the thread that created the object.
    """

    def __init__(self, session: Any, batches: Sequence[Sequence[str]], taxonomy) -> None:
        self._taxonomy = taxonomy
        self._chunks = [
            [list(texts[s : s + CHUNK]) for s in range(0, len(texts), CHUNK)] for texts in batches
        ]
        submit = getattr(session, "submit", None)
        self._futures: list[list[Future | None]] = [
            [submit(find_facts, chunk, taxonomy) if submit else None for chunk in chunks]
            for chunks in self._chunks
        ]

    @property
    def in_background(self) -> bool:
        """Whether a worker finds the facts (else they are found here when asked)."""
        return any(f is not None for futures in self._futures for f in futures)

    def ready(self, index: int) -> bool:
        """Whether batch ``index``'s facts are all found (never waits)."""
        return all(f is not None and f.done() for f in self._futures[index])

    def facts(self, index: int, progress: Progress | None = None) -> Facts:
        """The conflict results and theme lists of batch ``index``, in the order of its texts.

        Chunks the worker has not started are analysed here, the last first
        (:func:`analysis.worker_task.gather_chunks`).
        """
        done = gather_chunks(
            self._chunks[index],
            self._futures[index],
            self._find_here,
            progress or no_progress,
            "Finding conflict language and themes",
        )
        conflicts: list[conflict.ConflictResult] = []
        matched: list[list[str]] = []
        for found, themes_found in done:
            conflicts += found
            matched += themes_found
        return conflicts, matched

    def _find_here(self, chunk: list[str]) -> Facts:
        return find_facts(chunk, self._taxonomy)
