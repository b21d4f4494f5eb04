"""Comment labels: which label a comment shows, and the only code that writes one.

A comment can have three labels and shows the first that exists:

1. HR's correction (``comments.label_corrected``), set and removed in the Comments panel;
2. the learned label, from a model trained on those corrections when it beats the lexicon
   (``comments.labelled_by`` holds the model's key; :mod:`analysis.sentiment.learned_labels`);
3. the lexicon's label of the comment's sentiment score
   (:func:`analysis.sentiment.labels.label_of`).

``comments.label`` holds the learned or the lexicon label, and every query reads the shown
label as :func:`shown_label` (``COALESCE(label_corrected, label)``). The functions here keep
``label`` equal to the shown label as well, so a summary that reads either sees HR's word.

Functions take an open ``sqlite_utils.Database`` owned by the calling thread; nothing here
loads a model or touches Qt, so the GUI thread may call them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from analysis.sentiment.labels import LABELS, label_of

#: The ``SET`` clause that gives a freshly scored comment its lexicon label (one ``?``
#: parameter) unless HR corrected it, and forgets any learned label.
LEXICON_LABEL_SET = "label = COALESCE(label_corrected, ?), labelled_by = NULL"


class ShownLabel(NamedTuple):
    """The label a comment shows and whether it is HR's correction."""

    label: str | None
    corrected: bool


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

    The shown label follows the correction at once, so every summary and the learning step
    see it; re-analysis keeps it. Removing the correction gives the comment the lexicon's
    label of its sentiment score again (a learned label returns with the next analysis,
    which learns from the changed corrections).

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
        What the comment shows now.

    Raises
    ------
    ValueError
        If ``label`` is not a known label.
    """
    if label is not None and label not in LABELS:
        raise ValueError(f"label must be one of {LABELS}, not {label!r}")
    with db.atomic():
        if label is None:
            row = db.execute("SELECT sentiment FROM comments WHERE id = ?", [comment_id]).fetchone()
            computed = None if row is None or row[0] is None else label_of(row[0])
            db.execute(
                "UPDATE comments SET label_corrected = NULL, label = ? WHERE id = ?",
                [computed, comment_id],
            )
            return ShownLabel(computed, False)
        db.execute(
            "UPDATE comments SET label_corrected = ?, label = ? WHERE id = ?",
            [label, label, comment_id],
        )
        return ShownLabel(label, True)


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


def set_learned_labels(db, key: str, labels: Iterable[tuple[int, str]]) -> None:
    """Give uncorrected comments the learned model's labels (HR's corrections stay).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    key : str
        The learned model's key, stored in ``labelled_by``.
    labels : iterable of (int, str)
        Comment id and the model's label.
    """
    with db.atomic():
        db.conn.executemany(
            "UPDATE comments SET label = ?, labelled_by = ? "
            "WHERE id = ? AND label_corrected IS NULL",
            [(label, key, comment_id) for comment_id, label in labels],
        )


def restore_lexicon_labels(db, label_of: Callable[[float], str] = label_of) -> None:
    """Give comments a model labelled their lexicon label again (HR's corrections stay).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    label_of : callable
        Score to label (the engine's; the default is VADER's thresholds).
    """
    rows = db.execute(
        "SELECT id, sentiment FROM comments WHERE labelled_by IS NOT NULL "
        "AND label_corrected IS NULL"
    ).fetchall()
    if not rows:
        return
    with db.atomic():
        db.conn.executemany(
            "UPDATE comments SET label = ?, labelled_by = NULL WHERE id = ?",
            [(None if s is None else label_of(float(s)), cid) for cid, s in rows],
        )


def forget_corrected(db) -> None:
    """Mark corrected comments as not labelled by a model: their label is HR's."""
    with db.atomic():
        db.execute(
            "UPDATE comments SET labelled_by = NULL "
            "WHERE label_corrected IS NOT NULL AND labelled_by IS NOT NULL"
        )
