"""Comment labels: HR's correction first, then the learned label, then the lexicon's."""

from __future__ import annotations

import random

import pytest

from analysis.pipeline import analyse_workspace
from analysis.sentiment.comment_labels import (
    ShownLabel,
    correct_label,
    correction_count,
    forget_corrected,
    load_corrections,
    restore_lexicon_labels,
    set_learned_labels,
    shown_label,
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


def test_shown_label_prefers_the_correction() -> None:
    assert shown_label() == "COALESCE(label_corrected, label)"
    assert shown_label("c") == "COALESCE(c.label_corrected, c.label)"


def test_a_correction_is_shown_at_once_and_removing_it_restores_the_lexicon_label(db) -> None:
    slow = _comment(db, "slow and late")
    assert _labels(db, slow)[0] == "negative"  # the lexicon's (fake engine) label
    assert correct_label(db, slow, "positive") == ShownLabel("positive", True)
    assert _labels(db, slow)[:3] == ("positive", "positive", "positive")
    assert correction_count(db) == 1
    assert load_corrections(db) == (["slow and late"], ["positive"])
    # The lexicon label comes from the score with VADER's thresholds.
    assert correct_label(db, slow, None) == ShownLabel("negative", False)
    assert _labels(db, slow)[:3] == ("negative", None, "negative")
    assert correction_count(db) == 0


def test_an_unknown_label_is_refused_and_nothing_changes(db) -> None:
    fine = _comment(db, "fine work")
    before = _labels(db, fine)
    with pytest.raises(ValueError, match="label must be one of"):
        correct_label(db, fine, "so-so")
    assert _labels(db, fine) == before


def test_learned_labels_never_override_a_correction_and_can_be_undone(db) -> None:
    slow, great = _comment(db, "slow and late"), _comment(db, "great and quick")
    correct_label(db, slow, "neutral")
    set_learned_labels(db, "model-1", [(slow, "positive"), (great, "negative")])
    assert _labels(db, slow) == ("neutral", "neutral", "neutral", None)
    assert _labels(db, great) == ("negative", None, "negative", "model-1")
    restore_lexicon_labels(db)
    assert _labels(db, great) == ("positive", None, "positive", None)
    assert _labels(db, slow)[0] == "neutral"


def test_forget_corrected_clears_the_model_key_of_corrected_comments_only(db) -> None:
    slow, great = _comment(db, "slow and late"), _comment(db, "great and quick")
    set_learned_labels(db, "model-1", [(slow, "positive"), (great, "positive")])
    correct_label(db, slow, "negative")
    forget_corrected(db)
    assert _labels(db, slow)[3] is None
    assert _labels(db, great)[3] == "model-1"
