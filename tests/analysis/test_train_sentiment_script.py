"""The training script's source tables give the figure of short texts (scripts/train_sentiment.py).

Pulse comments are often a few words; the script measures how the model reads real texts of
that length out of source, beside all texts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from analysis.sentiment.training import LabelledTexts, TrainingConfig

SCRIPT = Path(__file__).parents[2] / "scripts" / "train_sentiment.py"


def _script():
    spec = importlib.util.spec_from_file_location("train_sentiment", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_source_table_ends_with_the_short_texts(capsys) -> None:
    script = _script()
    texts = [
        "Great team.",  # short, read right
        "Slow approvals.",  # short, read wrong (positive)
        "The people on my team are friendly and the pay is fair for the area.",
        "Management changes direction every month and nobody explains why to us.",
    ]
    labels = np.array(["positive", "negative", "positive", "negative"])
    real = LabelledTexts(texts, labels, np.zeros((4, 9)))
    sources = np.array(["a", "a", "b", "b"])
    # p, q, compound per text: q = 0 and compound = 0, so the score is 0.7 (2p - 1)
    parts = np.array([[0.9, 0, 0], [0.9, 0, 0], [0.9, 0, 0], [0.1, 0, 0]])
    right = np.array([0.5, -0.5, 0.5, -0.5])
    script.print_source_table("t", real, sources, parts, TrainingConfig(), (right, right))
    lines = capsys.readouterr().out.splitlines()
    short = [line for line in lines if line.startswith("| short texts")]
    assert short == ["| short texts (≤ 6 words) pooled | 2 | 1.000 | 1.000 | 0.333 |"]
    assert lines[-2].startswith("| all texts pooled | 4 |")


def test_the_request_test_split_is_checked_and_never_trained_on() -> None:
    train, checks = _script().own_sets()
    requests = checks["requests test"]
    assert len(requests) == 48 and {label for _, label in requests} == {
        "negative",
        "neutral",
        "positive",
    }
    # Neither split of the request set is trained on (its train split is for development).
    script = _script()
    every_request = {row["text"] for row in script.own_rows("workplace_requests.csv")}
    assert len(every_request) == 120 and not every_request & {text for text, _ in train}
