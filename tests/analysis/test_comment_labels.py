"""Comment labels: HR's correction first, then the learned label, then the model's."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from analysis.pipeline import analyse_workspace
from analysis.sentiment.comment_labels import (
    LearnedLabel,
    ShownLabel,
    correct_label,
    corrected_score,
    correction_count,
    forget_corrected,
    load_corrections,
    restore_model_labels,
    set_learned_labels,
    shown_label,
    shown_sentiment,
)
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler, fake_engine

TEXTS = ["slow and late", "great and quick", "fine work"]


@pytest.fixture
def db(workspace):
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 3, random.Random(1), comments=TEXTS)
    filler.close()
    analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    yield db
    db.close()


def _comment(db, text: str) -> int:
    return db.execute("SELECT id FROM comments WHERE text = ? ORDER BY id", [text]).fetchone()[0]


def _labels(db, comment_id: int) -> tuple:
    return db.execute(
        f"SELECT {shown_label()}, label_corrected, label, labelled_by FROM comments WHERE id = ?",
        [comment_id],
    ).fetchone()


def _shown_score(db, comment_id: int) -> float | None:
    query = f"SELECT {shown_sentiment()} FROM comments WHERE id = ?"
    return db.execute(query, [comment_id]).fetchone()[0]


def test_shown_label_prefers_the_correction() -> None:
    assert shown_label() == "COALESCE(label_corrected, label)"
    assert shown_label("c") == "COALESCE(c.label_corrected, c.label)"


def test_a_correction_is_shown_at_once_and_removing_it_restores_the_model_label(db) -> None:
    slow = _comment(db, "slow and late")
    assert _labels(db, slow)[0] == "negative"  # the model's (fake engine) label, score -1
    assert correct_label(db, slow, "positive") == ShownLabel("positive", True, 1.0)
    assert _labels(db, slow)[:3] == ("positive", "positive", "positive")
    assert _shown_score(db, slow) == 1.0  # the score follows HR's label
    assert correction_count(db) == 1
    assert load_corrections(db) == (["slow and late"], ["positive"])
    # The model's label comes from the score with the neutral band.
    assert correct_label(db, slow, None) == ShownLabel("negative", False, -1.0)
    assert _labels(db, slow)[:3] == ("negative", None, "negative")
    assert _shown_score(db, slow) == -1.0
    assert correction_count(db) == 0


@pytest.mark.parametrize(
    ("score", "label", "shown"),
    [
        (0.10, "negative", -0.10),
        (0.02, "negative", -0.05),  # at least the band's edge, so the score reads negative
        (-0.8, "positive", 0.8),
        (-0.8, "negative", -0.8),
        (0.6, "neutral", 0.0),
        (None, "negative", None),
    ],
)
def test_the_shown_score_takes_the_side_of_the_correction(db, score, label, shown) -> None:
    assert corrected_score(score, label) == shown
    fine = _comment(db, "fine work")
    db.execute("UPDATE comments SET sentiment = ? WHERE id = ?", [score, fine])
    correct_label(db, fine, label)
    found = _shown_score(db, fine)
    assert found is None if shown is None else found == pytest.approx(shown)


def test_an_unknown_label_is_refused_and_nothing_changes(db) -> None:
    fine = _comment(db, "fine work")
    before = _labels(db, fine)
    with pytest.raises(ValueError, match="label must be one of"):
        correct_label(db, fine, "so-so")
    assert _labels(db, fine) == before


def test_learned_labels_never_override_a_correction_and_can_be_undone(db) -> None:
    slow, great = _comment(db, "slow and late"), _comment(db, "great and quick")
    correct_label(db, slow, "neutral")
    set_learned_labels(
        db,
        "model-1",
        [LearnedLabel(slow, "positive", 0.7, 0.9), LearnedLabel(great, "negative", -0.4, 0.6)],
    )
    assert _labels(db, slow) == ("neutral", "neutral", "neutral", None)
    assert _shown_score(db, slow) == 0.0
    assert _labels(db, great) == ("negative", None, "negative", "model-1")
    assert _shown_score(db, great) == -0.4  # the adapted model's score goes with its label
    restore_model_labels(db, confidence_of=lambda scores: [0.5 for _ in scores])
    assert _labels(db, great) == ("positive", None, "positive", None)
    assert _shown_score(db, great) == 1.0
    confidence = db.execute("SELECT confidence FROM comments WHERE id = ?", [great]).fetchone()
    assert confidence == (0.5,)
    assert _labels(db, slow)[0] == "neutral"


def test_forget_corrected_clears_the_model_key_of_corrected_comments_only(db) -> None:
    slow, great = _comment(db, "slow and late"), _comment(db, "great and quick")
    set_learned_labels(
        db,
        "model-1",
        [LearnedLabel(slow, "positive", 0.3, 0.8), LearnedLabel(great, "positive", 0.9, 0.8)],
    )
    correct_label(db, slow, "negative")
    forget_corrected(db)
    assert _labels(db, slow)[3] is None
    assert _labels(db, great)[3] == "model-1"


_CONFIDENCE_IMPORTS = """
import sys
from analysis.sentiment.comment_labels import model_confidence
model_confidence([0.6, -0.2, 0.0])
print(sorted(m for m in ("analysis.sentiment.fillers", "analysis.sentiment.resolved")
             if m in sys.modules))
"""


def test_the_labels_confidence_compiles_no_scoring_patterns() -> None:
    # The analysing process of `rapport analyze` reads the calibration table only; the
    # fillers' and resolved blame's patterns (about 8 ms to compile) are the scorer's.
    done = subprocess.run(
        [sys.executable, "-c", _CONFIDENCE_IMPORTS], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["[]"]
