"""Learning from HR: comment labels from the shipped model adapted to HR's corrections.

With at least :data:`~analysis.sentiment.labels.MIN_CORRECTIONS` corrected comments, the
engine's learner (:func:`analysis.sentiment.learning.train_from_corrections`) adapts the
shipped model to them and cross-validates the result. When its cross-validated macro-F1
beats the shipped model's on the same comments, every *uncorrected* comment gets the
adapted model's label, score (``comments.sentiment_learned``) and confidence, and
``comments.labelled_by`` records the model's key; corrected comments keep HR's label, and
``comments.sentiment`` always stays the shipped model's score. Otherwise (fewer
corrections, or an adapted model that is not better) comments show the shipped model's
labels again.

The key is a digest of the (redacted text, corrected label) pairs and the sentiment model
version. The comparison is stored in the workspace setting :data:`OUTCOME_SETTING`, so an
analysis with unchanged corrections trains nothing unless new comments need a label; the
fitted model itself is kept only in memory (a pickled model in a workspace file would run
code when loaded). Changing a correction changes the key: the uncorrected comments are
labelled again, but no comment's sentiment is scored again.

Runs on a worker thread with the caller's connection; never touches Qt.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from analysis.sentiment.comment_labels import (
    LearnedLabel,
    forget_corrected,
    load_corrections,
    restore_model_labels,
    set_learned_labels,
)
from analysis.sentiment.labels import MIN_CORRECTIONS
from surveys.progress import Progress, no_progress, sub_progress
from surveys.store import get_setting, set_setting

#: Workspace setting holding the last comparison (a :class:`LearningOutcome` as JSON).
OUTCOME_SETTING = "learned_labels"
#: Version of how this module uses the learner; part of the key.
#: 5: the scale stays >= 0.5; 4: with the sentences' polarities; 3: the shipped model
#: adjusted.
LEARNING_VERSION = "5"
#: Distinct texts predicted per step (progress and cancellation between steps).
PREDICT_CHUNK = 5_000

_lock = threading.Lock()
_models: dict[str, Any] = {}


@dataclass(frozen=True)
class LearningOutcome:
    """How the adapted model compared with the shipped model on a set of corrections.

    Attributes
    ----------
    key : str
        Digest of the corrections and the sentiment model version.
    n : int
        Corrections the model was trained on.
    cv_macro_f1, base_macro_f1 : float or None
        The adapted model's cross-validated macro-F1 and the shipped model's on the same
        comments; ``None`` when no model could be trained (all corrections carry the same
        label).
    use_model : bool
        True only when the adapted model beats the shipped model.
    """

    key: str
    n: int
    cv_macro_f1: float | None
    base_macro_f1: float | None
    use_model: bool

    def describe(self) -> str:
        """Return the comparison in words, as recorded in ``AnalysisResult.method``."""
        if self.cv_macro_f1 is None or self.base_macro_f1 is None:
            return (
                f"{self.n} label corrections, but they need at least two labels with two "
                "corrections each before the model can adapt; labels follow the shipped model"
            )
        verdict = (
            "used for labels"
            if self.use_model
            else "not used: the shipped model is as good or better"
        )
        return (
            f"Learned from {self.n} corrections: cross-validated macro-F1 "
            f"{self.cv_macro_f1:.2f} vs the shipped model's {self.base_macro_f1:.2f} — {verdict}"
        )


def corrections_key(texts: Sequence[str], labels: Sequence[str], version: str) -> str:
    """Return the key of a set of corrections for a sentiment model version.

    Parameters
    ----------
    texts, labels : sequence of str
        The corrected comments' redacted texts and HR's labels, in comment order.
    version : str
        The version of what the learner depends on (``TextEngine.learning_version``).

    Returns
    -------
    str
        A hex digest; any change to a text, a label or the version changes it.
    """
    digest = hashlib.sha256(f"{LEARNING_VERSION}\x1d{version}\x1d".encode())
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{text}\x1f{label}\x1e".encode())
    return digest.hexdigest()[:24]


def learn_from_workspace(folder, progress: Progress | None = None):
    """Train on the corrections stored in the workspace ``folder`` (for the Comments panel).

    Runs in a worker process or thread (opens its own connection); returns the
    :class:`~analysis.sentiment.learning.LearnedModel`, or ``None`` below the minimum.
    """
    from analysis.sentiment.learning import train_from_corrections
    from surveys.store import open_workspace

    db = open_workspace(folder)
    try:
        texts, labels = load_corrections(db)
    finally:
        db.close()
    return train_from_corrections(texts, labels, progress)


def apply_learned_labels(db, engine, progress: Progress | None = None) -> str | None:
    """Label uncorrected comments with the adapted model where it beats the shipped one.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace, owned by the calling thread, after the comment cache update.
    engine : analysis.comment_analysis.TextEngine
        The analysers; nothing is done when ``engine.learn_labels`` is ``None``.
    progress : Progress, optional
        May raise :class:`~surveys.progress.Cancelled`; labels are written in one
        transaction, so a cancelled run leaves them as they were.

    Returns
    -------
    str or None
        The comparison in words for ``AnalysisResult.method["sentiment_learning"]``;
        ``None`` when learning is off or there are no corrections.
    """
    progress = progress or no_progress
    if engine.learn_labels is None:
        return None
    forget_corrected(db)
    texts, labels = load_corrections(db)
    if len(texts) < MIN_CORRECTIONS:
        _restore(db, engine)
        if not texts:
            return None
        return (
            f"{len(texts)} label correction{'s' if len(texts) != 1 else ''} so far; the "
            f"model adapts from {MIN_CORRECTIONS} on; labels follow the shipped model"
        )
    key = corrections_key(texts, labels, engine.learning_version)
    outcome = _outcome(db, engine, key, texts, labels, sub_progress(progress, 0.0, 0.6))
    if outcome.use_model:
        _label_with_model(db, engine, outcome, (texts, labels), sub_progress(progress, 0.6, 1.0))
    else:
        _restore(db, engine)
    progress(1.0, "Labels updated")
    return outcome.describe()


def _restore(db, engine) -> None:
    restore_model_labels(db, engine.label_of, engine.confidence_of)


def _outcome(db, engine, key: str, texts, labels, progress: Progress) -> LearningOutcome:
    """The stored comparison for ``key``, or a new one from training the model."""
    stored = get_setting(db, OUTCOME_SETTING)
    if isinstance(stored, dict) and stored.get("key") == key:
        try:
            return LearningOutcome(**stored)
        except TypeError:
            pass  # written by another version: train again
    model = _train(engine, key, texts, labels, progress)
    if model is None:
        outcome = LearningOutcome(key, len(texts), None, None, False)
    else:
        outcome = LearningOutcome(
            key,
            int(model.n),
            round(float(model.cv_macro_f1), 4),
            round(float(model.base_macro_f1), 4),
            bool(model.use_model),
        )
    set_setting(db, OUTCOME_SETTING, asdict(outcome))
    return outcome


def _train(engine, key: str, texts, labels, progress: Progress) -> Any:
    """Train the learner and keep the model in memory under ``key``."""
    progress(0.0, f"Learning from {len(texts)} label corrections")
    model = engine.learn_labels(list(texts), list(labels), progress)
    with _lock:
        _models.clear()  # only the latest corrections are ever needed
        if model is not None:
            _models[key] = model
    return model


def _cached_model(key: str) -> Any:
    with _lock:
        return _models.get(key)


def _label_with_model(db, engine, outcome: LearningOutcome, corrections, progress) -> None:
    """Label each uncorrected comment not yet labelled with this model.

    A text another comment already got from this model takes that label, score and
    confidence (the model is deterministic); only the other distinct texts are predicted,
    and the model is trained again (a new process) only when there are such texts.
    """
    todo = db.execute(
        "SELECT id, redacted FROM comments WHERE label_corrected IS NULL "
        "AND redacted IS NOT NULL AND (labelled_by IS NULL OR labelled_by != ?)",
        [outcome.key],
    ).fetchall()
    if not todo:
        return
    labels = _known_labels(db, outcome.key, {row[1] for row in todo})
    unknown = list(dict.fromkeys(text for _, text in todo if text not in labels))
    if unknown:
        model = _cached_model(outcome.key)
        if model is None:  # analysed before in another process: train again (deterministic)
            model = _train(engine, outcome.key, *corrections, sub_progress(progress, 0.0, 0.6))
            progress = sub_progress(progress, 0.6, 1.0)
        if model is None or not model.use_model:
            _restore(db, engine)
            return
        labels.update(_predict_distinct(model, unknown, progress))
    set_learned_labels(db, outcome.key, [LearnedLabel(cid, *labels[text]) for cid, text in todo])


def _known_labels(db, key: str, texts: set[str]) -> dict[str, tuple[str, float, float]]:
    """What the model ``key`` already said of any of ``texts`` (in other comments)."""
    rows = db.execute(
        "SELECT DISTINCT redacted, label, sentiment_learned, confidence FROM comments "
        "WHERE labelled_by = ? AND label_corrected IS NULL AND label IS NOT NULL "
        "AND sentiment_learned IS NOT NULL",
        [key],
    )
    return {text: (label, s, c) for text, label, s, c in rows if text in texts}


def _predict_distinct(model, distinct: list[str], progress: Progress) -> dict[str, tuple]:
    """The model's label, score and confidence of each of the ``distinct`` texts."""
    found: dict[str, tuple] = {}
    for start in range(0, len(distinct), PREDICT_CHUNK):
        progress(start / len(distinct), f"Labelling {len(distinct)} distinct comments")
        chunk = distinct[start : start + PREDICT_CHUNK]
        found.update(zip(chunk, model.predict_scored(chunk), strict=True))
    return found
