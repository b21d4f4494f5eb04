"""Bringing the comment cache up to date, in steps the pipeline interleaves with other work.

Each comment row keeps its redacted text, sentiment, label, conflict score, orientation,
markers and themes together with ``analysed_with`` (:func:`cache_version`); only comments
that are new or were analysed with another version are analysed again.

Sentiment is the slowest analyser, so :class:`CommentUpdate` starts it first, in a worker
process when the engine can (``TextEngine.score_ahead``,
:class:`analysis.sentiment.background.ScoringSession`), then:

1. :meth:`CommentUpdate.prepare` redacts every comment; from then on the caller may start
   topic discovery on the redacted text of the comments not written yet
   (:attr:`CommentUpdate.fresh`);
2. :meth:`CommentUpdate.analyse` finds each batch's conflict language and themes in this
   process, and writes every batch whose scores are ready;
3. :meth:`CommentUpdate.finish` collects the remaining scores (scoring here what the
   worker has not started) and writes the remaining batches.

Redaction, conflict language and themes that a large import's worker already found for a
comment (``comments_ahead``, :mod:`analysis.import_ahead`, made by :func:`prepare_ahead`)
are taken instead of computed when they were made with the same versions and name list;
the table is emptied once every comment is written.

Each batch is written in one transaction with all of its columns, so cancelling
(``Cancelled`` raised from a progress callback) never leaves a half-analysed comment, and
the results are the same as analysing each batch in turn. Runs on a worker thread with its
own connection; never touches Qt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from analysis.comment_write import (
    BatchRows,
    batch_written,
    comment_rows,
    write_as_scored,
    write_rows,
)
from analysis.privacy import Redactor, redaction_stamp, shown_waves_sql
from analysis.topic_terms import forget_handed, hand_over, reading
from surveys.progress import Progress, no_progress, sub_progress

if TYPE_CHECKING:
    from analysis.comment_analysis import TextEngine

#: Comments analysed and written per transaction.
BATCH = 20_000
#: How many of a batch's chunks the sentiment worker may still have to score when this
#: process begins the batch's transaction to write it as they come in
#: (:meth:`CommentUpdate._write_as_scored`): the worker holds at most two at a time (the
#: one it scores and the next), and any more are scored here first, without holding the
#: workspace, which other writers wait for.
WRITE_WHEN_LEFT = 2
#: What the progress bar says while a batch's write waits for another job's to end.
WAITING = "Waiting for the workspace: another job is writing to it"
#: The layout of a row of ``comments_ahead.found`` (:func:`prepare_ahead`). 2: each
#: comment's topic reading added.
AHEAD_FORMAT = 2


def cache_version(engine: TextEngine, names: Sequence[str], departments: Sequence[str] = ()) -> str:
    """The ``analysed_with`` value for the current analysers, redaction list and departments.

    It ends with :func:`analysis.privacy.redaction_stamp`, which screens use to skip
    comments redacted with another name list or other department names.
    """
    return f"{engine.version}+{redaction_stamp(names, departments)}"


@dataclass
class _Analysed:
    """What this process found in one batch, waiting for its sentiment scores."""

    ids: list[int]
    texts: list[str]
    redacted: list[str]
    #: Per comment, what an import's worker found (``comments_ahead``: redacted text or
    #: ``None`` when it is the text, conflict, orientation, markers JSON, themes JSON,
    #: topic reading), or ``None``.
    known: list[list | None]
    #: Per comment, (conflict score, orientation, markers JSON), once found.
    conflicts: list[tuple[float, Any, str]] | None = None
    #: Per comment, the themes as JSON, once found.
    themes: list[str] | None = None


class CommentUpdate:
    """Analyse every comment that is new or was analysed with another version.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace, owned by the calling thread.
    engine : TextEngine
        The analysers.
    names : sequence of str
        HR's redaction list.
    departments : sequence of str
        The workspace's department names (never redacted as a given name).

    Notes
    -----
    A context manager: leaving it (also by ``Cancelled``) stops the sentiment worker; the
    batches written so far stay. The steps are :meth:`prepare`, :meth:`analyse` and
    :meth:`finish`, in that order (each does the earlier ones not done yet).
    """

    def __init__(
        self, db, engine: TextEngine, names: Sequence[str], departments: Sequence[str] = ()
    ) -> None:
        self.db, self.engine = db, engine
        self.version = cache_version(engine, names, departments)
        # Only closed waves' comments: an open wave shows participation only, and its
        # comments analysed at each ingest said, run after run, how many each new answer
        # held (also in `rapport labels suggest`'s "N comments are not analysed yet").
        todo = db.execute(
            "SELECT id, text FROM comments WHERE (analysed_with IS NULL OR analysed_with != ?) "
            f"AND {shown_waves_sql('wave_id')} ORDER BY id",
            [self.version],
        ).fetchall()
        prepared = _prepared_with(engine.prepared_version, names, departments)
        self._ahead = _read_ahead(db, prepared) if todo else {}
        self.count = len(todo)
        self._batches = [todo[start : start + BATCH] for start in range(0, len(todo), BATCH)]
        self._redactor = _redactor(names, departments)
        texts = [[row[1] for row in batch] for batch in self._batches]
        start = engine.score_ahead or _ScoreWhenAsked.for_engine(engine)
        self._scores = start(texts)
        self._found: dict[int, _Analysed] = {}  # by batch, until written
        self._written: set[int] = set()
        #: Redacted text of every comment being analysed, by comment id (what topic
        #: discovery reads for comments whose rows are not written yet).
        self.fresh: dict[int, str] = {}

    def prepare(self, progress: Progress | None = None) -> None:
        """Redact every comment (the one place a comment is redacted, :class:`Redactor`)."""
        progress = progress or no_progress
        for index, batch in enumerate(self._batches):
            if index in self._found or index in self._written:
                continue
            progress(index / len(self), f"Redacting {len(batch)} comments")
            texts = [row[1] for row in batch]
            ahead = self._ahead
            known = [ahead.get(text_key(t)) for t in texts] if ahead else [None] * len(texts)
            redacted = [
                self._redactor(t) if k is None else t if k[0] is None else k[0]
                for t, k in zip(texts, known, strict=True)
            ]
            found = _Analysed([row[0] for row in batch], texts, redacted, known)
            self._found[index] = found
            self.fresh.update(zip(found.ids, (r or "" for r in found.redacted), strict=True))
            if ahead:
                _hand_over_readings(redacted, known)
        progress(1.0, f"Redacted {self.count} comments")

    def analyse(self, progress: Progress | None = None) -> None:
        """Find conflict language and themes in every batch; write the batches whose
        sentiment is ready."""
        progress = progress or no_progress
        self.prepare()
        for index in sorted(self._found):
            found = self._found[index]
            if found.conflicts is not None:  # analysed before, waiting for its scores
                continue
            part = sub_progress(progress, index / len(self), (index + 1) / len(self))
            part(0.0, f"Analysing {len(found.texts)} comments")
            self._find_language(found, part)
            if self._scores.ready(index):
                self._write(index, self._scores.scores(index, sub_progress(part, 0.9, 1.0)), part)
            else:
                self._hand_write_over(index)
        progress(1.0, f"Analysed {self.count} comments")

    def _find_language(self, found: _Analysed, part: Progress) -> None:
        """Conflict language and themes of the comments an import's worker did not do."""
        missing = [i for i, known in enumerate(found.known) if known is None]
        texts = [found.texts[i] for i in missing]
        conflicts = self.engine.analyse_conflicts(texts, sub_progress(part, 0.0, 0.55))
        themes = self.engine.match_themes(texts, sub_progress(part, 0.55, 0.9))
        found.conflicts = [known and tuple(known[1:4]) for known in found.known]
        found.themes = [known and known[4] for known in found.known]
        dumped: dict[tuple, str] = {}  # few distinct marker and theme lists: each dumped once
        for i, conflict, matched in zip(missing, conflicts, themes, strict=True):
            markers = _json_list(conflict.markers, dumped)
            found.conflicts[i] = (float(conflict.score), conflict.orientation, markers)
            found.themes[i] = _json_list(matched, dumped)

    def finish(self, progress: Progress | None = None) -> int:
        """Write the batches still waiting for their scores; return how many comments were
        (re-)analysed in all."""
        progress = progress or no_progress
        if any(found.conflicts is None for found in self._found.values()):
            self.analyse()
        waiting = sorted(self._found)
        for n, index in enumerate(waiting):
            part = sub_progress(progress, n / len(waiting), (n + 1) / len(waiting))
            if self._write_as_scored(index, part):
                continue
            scores = self._scores.scores(index, part)
            if self._written_ahead(index, part):
                self._found.pop(index)
                self._written.add(index)
            else:
                self._write(index, scores, part)
        _clear_ahead(self.db)
        progress(1.0, f"Analysed {self.count} comments")
        return self.count

    def _write_as_scored(self, index: int, progress: Progress) -> bool:
        """Write batch ``index`` here while the sentiment worker scores its last chunks.

        When this process asks for a batch's scores before the worker has scored them all,
        it would otherwise wait, and the batch's write (by the worker, :meth:`written_ahead`,
        or here) would run after the last score on one core. It writes each chunk's rows
        as they come in instead (:func:`analysis.comment_write.write_as_scored`), in one
        transaction as always; a write the worker began first is waited for and kept. The
        transaction begins once at most :data:`WRITE_WHEN_LEFT` chunks are left, so that
        the workspace is not held while this process scores chunks itself. Returns whether
        the batch was dealt with so (``False``: nothing done).
        """
        session = self._scores
        if not getattr(session, "scoring", lambda index: False)(index):
            return False
        batch, engine = _rows_of(self._found[index], self.version), self.engine
        done = [0.0]  # the fraction last reported, reported again while another job writes

        def report(fraction: float, message: str) -> None:
            done[0] = fraction
            progress(fraction, message)

        pieces = session.scores_as_scored(index, report)
        early = []  # taken before the transaction: the workspace is not held meanwhile
        while session.chunks_left(index) > WRITE_WHEN_LEFT:
            piece = next(pieces, None)
            if piece is None:
                break
            early.append(piece)
        with self.db.atomic(lambda: progress(done[0], WAITING)):  # also for the worker's write
            written = batch_written(self.db.conn, batch)
            if not written:
                scored = chain(early, pieces)
                write_as_scored(self.db.conn, batch, scored, engine.label_of, engine.confidence_of)
        for _ in pieces:  # written by the worker: its scores, for this process's cache
            pass
        self._found.pop(index)
        self._written.add(index)
        return True

    def _written_ahead(self, index: int, progress: Progress) -> bool:
        """Whether the sentiment worker wrote batch ``index`` (it was handed over, and the
        worker committed it); ``False`` leaves the batch to this process. Cancel is heard
        while it waits (``progress``)."""
        settle = getattr(self._scores, "written_ahead", None)
        return settle is not None and settle(index, progress)

    def close(self) -> None:
        """Stop the sentiment worker, if any; drop the topic readings handed over."""
        self._scores.close()
        if self._ahead:
            forget_handed()

    def __len__(self) -> int:
        return max(1, len(self._batches))

    def __enter__(self) -> CommentUpdate:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _write(self, index: int, scores: Sequence[float], progress: Progress) -> None:
        found = self._found[index]  # kept until written: a write Cancel stopped is not lost
        engine = self.engine
        ids, rows = comment_rows(
            _rows_of(found, self.version), scores, engine.label_of, engine.confidence_of
        )
        db = self.db
        with db.atomic(lambda: progress(1.0, WAITING)):  # Cancel heard while another writes
            write_rows(db.conn, ids, rows)
        self._found.pop(index)
        self._written.add(index)

    def _hand_write_over(self, index: int) -> None:
        """Have the sentiment worker write batch ``index`` once it has scored it
        (:mod:`analysis.comment_write`), when it scores with the shipped labels."""
        hand = getattr(self._scores, "write_ahead", None)
        if hand is None or not self._shipped_labels():
            return
        from surveys.workspace_checks import BUSY_TIMEOUT_MS

        path = _database_file(self.db)
        if path:
            hand(index, path, _rows_of(self._found[index], self.version), BUSY_TIMEOUT_MS)

    def _shipped_labels(self) -> bool:
        from analysis.sentiment.comment_labels import model_confidence
        from analysis.sentiment.labels import label_of

        return self.engine.label_of is label_of and self.engine.confidence_of is model_confidence


def _rows_of(found: _Analysed, version: str) -> BatchRows:
    return BatchRows(found.ids, found.redacted, found.conflicts, found.themes, version)


def _database_file(db) -> str:
    """The file of ``db``'s main database ('' in memory)."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or ""
    return ""


def _hand_over_readings(redacted: Sequence[str | None], known: Sequence[list | None]) -> None:
    """Give topic discovery the readings an import's worker made of these redacted texts
    (:func:`analysis.topic_terms.hand_over`), so it does not tokenise them again."""
    pairs = zip(redacted, known, strict=True)
    hand_over({r: k[5] for r, k in pairs if r and k is not None and isinstance(k[5], str)})


def _redactor(names: Sequence[str], departments: Sequence[str]) -> Redactor:
    """The one place a comment's redactor is made (the comment cache's, and an import's
    worker's for the same cache: ``tests/test_privacy_gate.py``)."""
    return Redactor(tuple(names), tuple(departments))


def _prepared_with(version: str, names: Sequence[str], departments: Sequence[str]) -> str | None:
    """``comments_ahead.prepared_with`` for analysers of ``prepared_version`` ``version``
    (``None``, matching no row, for analysers without one: the tests' fakes)."""
    return f"{version}+{redaction_stamp(names, departments)}" if version else None


def prepare_ahead(
    names: Sequence[str], departments: Sequence[str], taxonomy: Any
) -> Callable[[Sequence[str]], bytes]:
    """What an import's worker stores in ``comments_ahead`` (:mod:`analysis.import_ahead`).

    The part of a comment's analysis that :class:`CommentUpdate` does before sentiment
    (redaction, conflict language, themes), with the shipped conflict markers and
    ``taxonomy``; the comment cache takes it for a comment when ``prepared_with`` is its
    own, so the rows are those it would have written. Also reads each redacted comment as
    topic discovery will (:func:`analysis.topic_terms.reading`), which depends on the
    comment alone. Imports neither sentiment nor topic discovery.

    Parameters
    ----------
    names, departments : sequence of str
        HR's redaction list and the workspace's department names.
    taxonomy : analysis.themes.Taxonomy
        The workspace's taxonomy (HR's edited one or the shipped one).

    Returns
    -------
    callable
        ``texts -> bytes``: one row of ``comments_ahead.found`` for these texts (JSON with
        :data:`AHEAD_FORMAT`, ``prepared_with`` and, by :func:`text_key`, each text's
        redacted text or ``null`` when redaction left it as it was, conflict score,
        orientation, markers JSON, themes JSON and topic reading).
    """
    from analysis import conflict, themes
    from analysis.comment_analysis import preparation_version

    redactor = _redactor(names, departments)
    version = _prepared_with(preparation_version(taxonomy), names, departments)
    dumped: dict[tuple, str] = {}

    def prepare(texts: Sequence[str]) -> bytes:
        found = conflict.analyse_conflicts(texts)
        matched = themes.match_themes(texts, taxonomy)
        comments = {}
        for text, c, m in zip(texts, found, matched, strict=True):
            redacted = redactor(text)
            comments[text_key(text)] = [
                None if redacted == text else redacted,
                float(c.score),
                c.orientation,
                _json_list(c.markers, dumped),
                _json_list(m, dumped),
                reading(redacted),
            ]
        row = {"format": AHEAD_FORMAT, "prepared_with": version, "comments": comments}
        return json.dumps(row).encode("utf-8")

    return prepare


def text_key(text: str) -> str:
    """The digest by which ``comments_ahead`` names a comment's text (it keeps no text)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _read_ahead(db, prepared: str | None) -> dict[str, list]:
    """What import workers found with the analysers and names of ``prepared``, by
    :func:`text_key`; rows of other versions or formats are passed over."""
    known: dict[str, list] = {}
    if prepared is None:
        return known
    for (found,) in db.execute("SELECT found FROM comments_ahead ORDER BY id"):
        try:
            row = json.loads(found)
        except (TypeError, ValueError):
            continue
        if (
            isinstance(row, dict)
            and row.get("format") == AHEAD_FORMAT
            and row.get("prepared_with") == prepared
            and isinstance(row.get("comments"), dict)
        ):
            known.update(
                (key, value)
                for key, value in row["comments"].items()
                if isinstance(value, list) and len(value) == 6
            )
    return known


def _clear_ahead(db) -> None:
    """Empty ``comments_ahead`` once every comment it could help with is analysed."""
    if db.execute("SELECT EXISTS (SELECT 1 FROM comments_ahead)").fetchone()[0]:
        with db.atomic():
            db.execute("DELETE FROM comments_ahead")


def _json_list(values: Sequence[Any], dumped: dict[tuple, str]) -> str:
    """``json.dumps(list(values))``, remembered in ``dumped`` for lists of strings."""
    key = tuple(values)
    text = dumped.get(key)
    if text is None:
        text = json.dumps(list(key))
        if all(type(value) is str for value in key):  # True == 1, but "[true]" != "[1]"
            dumped[key] = text
    return text


class _ScoreWhenAsked:
    """Scores from ``engine.score_texts``, computed when asked (engines without
    ``score_ahead``, such as the tests' fakes): every batch is ready at once."""

    def __init__(self, engine: TextEngine, batches: list[list[str]]) -> None:
        self._engine, self._batches = engine, batches

    @classmethod
    def for_engine(cls, engine: TextEngine):
        return lambda batches: cls(engine, batches)

    def ready(self, index: int) -> bool:
        return True

    def scores(self, index: int, progress: Progress | None = None) -> list[float]:
        return self._engine.score_texts(self._batches[index], progress or no_progress)

    def close(self) -> None:
        pass


def update_comment_cache(
    db,
    engine: TextEngine,
    names: Sequence[str],
    progress: Progress | None = None,
    departments: Sequence[str] = (),
) -> int:
    """Analyse every comment that is new or was analysed with another version, in one go.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace, owned by the calling thread.
    engine : TextEngine
        The analysers.
    names : sequence of str
        HR's redaction list.
    progress : Progress, optional
        Raising :class:`~surveys.progress.Cancelled` in it stops after the last complete
        batch.
    departments : sequence of str
        The workspace's department names (never redacted as a given name).

    Returns
    -------
    int
        How many comments were (re-)analysed.
    """
    progress = progress or no_progress
    with CommentUpdate(db, engine, names, departments) as update:
        update.prepare(sub_progress(progress, 0.0, 0.1))
        update.analyse(sub_progress(progress, 0.1, 0.6))
        return update.finish(sub_progress(progress, 0.6, 1.0))
