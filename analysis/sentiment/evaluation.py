"""Accuracy, macro-F1 and the confusion matrix of sentiment labels (no scikit-learn needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.sentiment.labels import LABELS


@dataclass(frozen=True)
class Evaluation:
    """How predicted labels compare with given labels.

    ``labels`` are the labels present in the given column (macro-F1 averages over them);
    ``confusion[i][j]`` counts texts given ``labels[i]`` and predicted ``LABELS[j]``.
    """

    n: int
    accuracy: float
    macro_f1: float
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]

    def format(self) -> str:
        """Return the figures and the confusion matrix as readable text."""
        width = max(len(label) for label in LABELS) + 2
        lines = [
            f"texts: {self.n}",
            f"accuracy: {self.accuracy:.3f}",
            f"macro-F1: {self.macro_f1:.3f} (over {', '.join(self.labels)})",
            "confusion (rows: given label, columns: predicted label):",
            " " * width + "".join(label.rjust(width) for label in LABELS),
        ]
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(label.ljust(width) + "".join(str(c).rjust(width) for c in row))
        return "\n".join(lines)


def evaluate(given: Sequence[str], predicted: Sequence[str]) -> Evaluation:
    """Compare predicted labels with given labels.

    Parameters
    ----------
    given, predicted : sequence of str
        Labels from :data:`LABELS`, one per text, same length.

    Returns
    -------
    Evaluation
        Accuracy, macro-F1 over the labels present in ``given`` (a predicted label that no
        text was given counts only as an error), and the confusion matrix.
    """
    if len(given) != len(predicted):
        raise ValueError("given and predicted labels differ in length")
    labels = tuple(label for label in LABELS if label in set(given))
    pairs = list(zip(given, predicted, strict=True))
    correct = sum(g == p for g, p in pairs)
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    confusion = tuple(
        tuple(sum(g == row and p == col for g, p in pairs) for col in LABELS) for row in labels
    )
    return Evaluation(
        n=len(pairs),
        accuracy=correct / len(pairs) if pairs else 0.0,
        macro_f1=sum(f1s) / len(f1s) if f1s else 0.0,
        labels=labels,
        confusion=confusion,
    )
