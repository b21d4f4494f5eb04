"""Comment labels and scores: which a comment shows, and the only code that writes them.

A comment can have three labels and shows the first that exists:

1. HR's correction (``comments.label_corrected``), set and removed in the Comments panel
   or with ``rapport labels import``;
2. the learned label, from the shipped model adapted to those corrections when that beats
   the shipped model (``comments.labelled_by`` holds the adapted model's key,
   ``comments.sentiment_learned`` its score; :mod:`analysis.sentiment.learned_labels`);
3. the shipped model's label of the comment's sentiment score
   (:func:`analysis.sentiment.labels.label_of`).

``comments.label`` holds the learned or the model's label and ``comments.confidence`` how
sure that model is of it. Every query reads the shown label as :func:`shown_label`
(``COALESCE(label_corrected, label)``) and the shown score as :func:`shown_sentiment`,
which follows the shown label: HR's correction moves the score to the corrected side
(:func:`corrected_score`). The functions here keep ``label`` equal to the shown label as
well, so a summary that reads either sees HR's word.

Functions take an open ``sqlite_utils.Database`` owned by the calling thread; nothing here
touches Qt, so the GUI thread may call them (restoring the model's label reads the small
confidence table of the shipped model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from analysis.sentiment.labels import LABELS, POSITIVE_THRESHOLD, label_of

#: The ``SET`` clause that gives a freshly scored comment the shipped model's label and its
#: confidence (two ``?`` parameters) unless HR corrected it, and forgets any learned label.
MODEL_LABEL_SET = (
    "label = COALESCE(label_corrected, ?), confidence = ?, labelled_by = NULL, "
    "sentiment_learned = NULL"
)


class ShownLabel(NamedTuple):
    """The label and score a comment shows and whether the label is HR's correction."""

    label: str | None
    corrected: bool
    sentiment: float | None = None


def corrected_score(score: float | None, label: str) -> float | None:
    """Return the score a comment shows once HR labelled it ``label``.

    The score keeps its strength and takes the label's side: a negative label shows
    ``-max(|score|, band)``, a positive one ``max(|score|, band)`` (``band`` is the edge of
    the neutral band, so the score's label is HR's), a neutral one 0.

    Parameters
    ----------
    score : float or None
        The model's score (``None``: not analysed yet).
    label : str
        HR's label.

    Returns
    -------
    float or None
    """
    if score is None:
        return None
    if label == "neutral":
        return 0.0
    strength = max(abs(score), POSITIVE_THRESHOLD)
    return -strength if label == "negative" else strength


def shown_sentiment(alias: str = "") -> str:
    """Return the SQL expression of the score a comment shows (see :func:`corrected_score`).

    Parameters
    ----------
    alias : str
        The alias of the ``comments`` table in the query (``""`` for none).

    Returns
    -------
    str
        HR's label moves the score to its side; otherwise the adapted model's score where it
        labelled the comment, else the shipped model's.
    """
    p = f"{alias}." if alias else ""
    score = f"COALESCE({p}sentiment_learned, {p}sentiment)"
    band = repr(float(POSITIVE_THRESHOLD))
    return (
        f"(CASE {p}label_corrected WHEN 'negative' THEN -MAX(ABS({score}), {band}) "
        f"WHEN 'positive' THEN MAX(ABS({score}), {band}) WHEN 'neutral' THEN "
        f"(CASE WHEN {score} IS NULL THEN NULL ELSE 0.0 END) ELSE {score} END)"
    )


def shown_label(alias: str = "") -> str:
    """Return the SQL expression of the label a comment shows.

    Parameters
    ----------
    alias : str
        The alias of the ``comments`` table in the query (``""`` for none).

    Returns
    -------
    str
        ``COALESCE(<alias>.label_corrected, <alias>.label)``: HR's correction first, then the
        learned or lexicon label.
    """
    prefix = f"{alias}." if alias else ""
    return f"COALESCE({prefix}label_corrected, {prefix}label)"


def correct_label(db, comment_id: int, label: str | None) -> ShownLabel:
    """Record HR's label for a comment, or remove the correction (``label=None``).

    The shown label and score follow the correction at once, so every summary and the
    learning step see it; re-analysis keeps it. Removing the correction gives the comment
    the shipped model's label of its sentiment score again (a learned label returns with
    the next analysis, which learns from the changed corrections).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    comment_id : int
        The comment.
    label : str or None
        One of :data:`~analysis.sentiment.labels.LABELS`, or ``None``.

    Returns
    -------
    ShownLabel
        What the comment shows now (label, whether corrected, score).

    Raises
    ------
    ValueError
        If ``label`` is not a known label.
    """
    if label is not None and label not in LABELS:
        raise ValueError(f"label must be one of {LABELS}, not {label!r}")
    with db.atomic():
        row = db.execute("SELECT sentiment FROM comments WHERE id = ?", [comment_id]).fetchone()
        score = None if row is None or row[0] is None else float(row[0])
        if label is None:
            computed = None if score is None else label_of(score)
            confidence = None if score is None else model_confidence([score])[0]
            db.execute(
                "UPDATE comments SET label_corrected = NULL, label = ?, confidence = ?, "
                "labelled_by = NULL, sentiment_learned = NULL WHERE id = ?",
                [computed, confidence, comment_id],
            )
            return ShownLabel(computed, False, score)
        db.execute(
            "UPDATE comments SET label_corrected = ?, label = ? WHERE id = ?",
            [label, label, comment_id],
        )
        shown = db.execute(
            f"SELECT {shown_sentiment()} FROM comments WHERE id = ?", [comment_id]
        ).fetchone()
        return ShownLabel(label, True, None if shown is None else shown[0])


def model_confidence(scores: Iterable[float]) -> list[float]:
    """Return the shipped model's confidence in the label of each score.

    Parameters
    ----------
    scores : iterable of float
        Scores of the shipped model.

    Returns
    -------
    list of float
        For each score, the share of held-out comments with that score that carried the
        score's label (:meth:`analysis.sentiment.model.SentimentModel.probabilities`).
    """
    import numpy as np

    from analysis.sentiment.model import calibrated, shipped_calibration

    scores = [float(s) for s in scores]
    if not scores:
        return []
    table = calibrated(*shipped_calibration(), scores)
    column = {label: k for k, label in enumerate(LABELS)}
    chosen = table[np.arange(len(scores)), [column[label_of(s)] for s in scores]]
    return [round(value, 4) for value in chosen.tolist()]


def correction_count(db) -> int:
    """Return how many analysed comments HR has given a label (what learning trains on)."""
    return db.execute(
        "SELECT count(*) FROM comments WHERE label_corrected IS NOT NULL AND redacted IS NOT NULL"
    ).fetchone()[0]


def load_corrections(db) -> tuple[list[str], list[str]]:
    """Return the redacted texts and HR's labels of every corrected comment, by id.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace whose comment cache is up to date.

    Returns
    -------
    tuple of (list of str, list of str)
    """
    rows = db.execute(
        "SELECT redacted, label_corrected FROM comments "
        "WHERE label_corrected IS NOT NULL AND redacted IS NOT NULL ORDER BY id"
    ).fetchall()
    return [r[0] for r in rows], [r[1] for r in rows]


class LearnedLabel(NamedTuple):
    """What the adapted model says of one comment."""

    comment_id: int
    label: str
    sentiment: float
    confidence: float


def set_learned_labels(db, key: str, labels: Iterable[LearnedLabel]) -> None:
    """Give uncorrected comments the adapted model's labels and scores (HR's stay).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    key : str
        The adapted model's key, stored in ``labelled_by``.
    labels : iterable of LearnedLabel
        Comment id, the model's label, score and confidence.
    """
    with db.atomic():
        db.conn.executemany(
            "UPDATE comments SET label = ?, sentiment_learned = ?, confidence = ?, "
            "labelled_by = ? WHERE id = ? AND label_corrected IS NULL",
            [(x.label, x.sentiment, x.confidence, key, x.comment_id) for x in labels],
        )


def restore_model_labels(
    db,
    label_of: Callable[[float], str] = label_of,
    confidence_of: Callable[[list[float]], list[float]] | None = model_confidence,
) -> None:
    """Give comments the adapted model labelled the shipped model's label again.

    HR's corrections stay.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    label_of : callable
        Score to label (the engine's).
    confidence_of : callable or None
        Scores to the confidence of their labels (the engine's; ``None``: unknown).
    """
    rows = db.execute(
        "SELECT id, sentiment FROM comments WHERE labelled_by IS NOT NULL "
        "AND label_corrected IS NULL"
    ).fetchall()
    if not rows:
        return
    scored = [(cid, float(s)) for cid, s in rows if s is not None]
    sure: dict[int, float] = {}
    if confidence_of is not None:
        found = confidence_of([s for _, s in scored])
        sure = dict(zip([c for c, _ in scored], found, strict=True))
    with db.atomic():
        db.conn.executemany(
            "UPDATE comments SET label = ?, confidence = ?, labelled_by = NULL, "
            "sentiment_learned = NULL WHERE id = ?",
            [(None if s is None else label_of(float(s)), sure.get(cid), cid) for cid, s in rows],
        )


def forget_corrected(db) -> None:
    """Mark corrected comments as not labelled by a model: their label is HR's."""
    with db.atomic():
        db.execute(
            "UPDATE comments SET labelled_by = NULL, sentiment_learned = NULL "
            "WHERE label_corrected IS NOT NULL AND labelled_by IS NOT NULL"
        )
