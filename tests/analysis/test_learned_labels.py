"""Learning from HR in the pipeline: the shipped model adapted to label corrections.

The workspace is a real SQLite file filled through the test helpers; the analysers are the
real ones (shipped model, learner, conflict, themes, topics). The corrections follow a
pattern the shipped model misses: HR marks "… in the … queue again" comments negative,
which it scores about 0 (neutral).
"""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from analysis import sentiment
from analysis.comment_analysis import default_engine
from analysis.export.pptx_appendix import method_notes
from analysis.pipeline import analyse_workspace
from analysis.sentiment import learned_labels
from analysis.sentiment.comment_labels import correct_label, shown_sentiment
from desktop_app.cli import main
from surveys.progress import Cancelled
from surveys.store import get_setting, open_workspace
from tests.analysis.core_helpers import Filler, fake_engine

THINGS = [
    "invoice request", "laptop order", "campaign brief", "report change", "access request",
    "price update", "contract draft", "data extract", "badge request", "travel booking",
    "license renewal", "label change", "stock transfer", "slide review", "system fix",
]  # fmt: skip
QUEUES = ["finance", "procurement", "review", "IT", "approval", "legal"]
DAYS = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays"]
#: Queue comments HR never corrected: the model should call them negative.
UNSEEN_QUEUE = [
    "Our freezer repair sits in the facilities queue again.",
    "The shift rota went back into the planning queue again.",
    "The poster artwork sits in the print queue again.",
    "The audit sample sits in the lab queue again.",
]


def _queue(i: int) -> str:
    return f"The {THINGS[i % 15]} went back into the {QUEUES[i % 6]} queue again."


def _neutral(i: int) -> str:
    return f"We meet them on {DAYS[i % 5]} about the {THINGS[(i * 7) % 15]}."


def _positive(i: int) -> str:
    return f"Thanks, the {THINGS[(i * 4) % 15]} was delivered quickly and well."


def _build(folder, corrected: list[tuple[str, str]], uncorrected: list[str]) -> None:
    """One wave of Sales → IT: a respondent per comment; HR's labels set on ``corrected``."""
    filler = Filler(folder)
    texts = [t for t, _ in corrected] + uncorrected
    filler.group("2026-10", "Sales", "IT", len(texts), 3, random.Random(1), texts, spread=1)
    filler.group("2026-10", "IT", "Sales", 6, 4, random.Random(2), spread=1)
    for text, label in corrected:
        filler.db.execute(
            "UPDATE comments SET label_corrected = ?, label = ? WHERE text = ?",
            [label, label, text],
        )
    filler.close()


def _hr_pattern(n_queue: int = 30, n_other: int = 15) -> list[tuple[str, str]]:
    return (
        [(_queue(i), "negative") for i in range(n_queue)]
        + [(_neutral(i), "neutral") for i in range(n_other)]
        + [(_positive(i), "positive") for i in range(n_other)]
    )


def _labels(folder) -> dict[str, tuple[str, str | None, str | None]]:
    db = open_workspace(folder)
    rows = db.execute("SELECT text, label, label_corrected, labelled_by FROM comments").fetchall()
    db.close()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _pair(result, source: str, target: str):
    return next(p for p in result.pairs if (p.from_dept, p.to_dept) == (source, target))


class _Counting:
    """Wraps the real engine's scoring to count the comments scored."""

    def __init__(self) -> None:
        self.scored = 0
        self.engine = default_engine()
        # Without score_ahead, every batch is scored through score_texts (counted here).
        self.engine = dataclasses.replace(self.engine, score_texts=self._score, score_ahead=None)

    def _score(self, texts, progress):
        self.scored += len(texts)
        return default_engine().score_texts(texts, progress)


@pytest.fixture(autouse=True)
def _no_model_in_memory():
    learned_labels._models.clear()
    yield
    learned_labels._models.clear()


def test_corrections_the_shipped_model_misses_relabel_uncorrected_comments(workspace) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE + ["Great help from them, quick and friendly."])
    result = analyse_workspace(workspace)
    labels = _labels(workspace)
    assert all(labels[t][0] == "negative" and labels[t][2] for t in UNSEEN_QUEUE)
    assert labels["Great help from them, quick and friendly."][0] == "positive"
    assert labels[_neutral(0)] == ("neutral", "neutral", None)  # HR's label, not the model's
    text = result.method["sentiment_learning"]
    assert text.startswith("Learned from 60 corrections: cross-validated macro-F1 ")
    assert text.endswith("— used for labels")
    notes = method_notes(result.method)  # the deck's method slide keeps both
    assert notes["sentiment"].startswith("each comment scored from -1 to 1 by a model learned")
    assert notes["sentiment_learning"] == text
    found = re.search(r"macro-F1 (\d\.\d\d) vs the shipped model's (\d\.\d\d)", text)
    assert found and float(found[1]) > float(found[2])
    # 30 queue + 4 unseen queue comments of 65: the negative share follows the labels
    assert _pair(result, "Sales", "IT").negative_share == pytest.approx(34 / 65, abs=0.001)
    db = open_workspace(workspace)
    rows = db.execute(
        f"SELECT text, sentiment, sentiment_learned, confidence, {shown_sentiment()} "
        "FROM comments WHERE labelled_by IS NOT NULL"
    ).fetchall()
    db.close()
    stored = {text: base for text, base, _, _, _ in rows}
    assert set(UNSEEN_QUEUE) <= set(stored)
    # The shipped model's score stays; the adapted model's score is shown with its label.
    assert stored == dict(zip(stored, sentiment.score_texts(list(stored)), strict=True))
    learned = {text: (own, sure, shown) for text, _, own, sure, shown in rows}
    assert all(learned[t][0] <= -0.05 and learned[t][2] == learned[t][0] for t in UNSEEN_QUEUE)
    assert all(0.33 < learned[t][1] <= 1 for t in UNSEEN_QUEUE)


def test_changing_corrections_relabels_without_scoring_again(workspace, capsys) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE)
    counting = _Counting()
    analyse_workspace(workspace, engine=counting.engine)
    assert counting.scored == 64
    first_key = {v[2] for v in _labels(workspace).values() if v[1] is None}
    db = open_workspace(workspace)  # HR removes 41 corrections: 19 left, below the minimum
    removed = [_queue(i) for i in range(26)] + [_positive(i) for i in range(15)]
    for text in removed:
        (comment_id,) = db.execute("SELECT id FROM comments WHERE text = ?", [text]).fetchone()
        correct_label(db, comment_id, None)  # as the Comments panel does
    db.close()
    result = analyse_workspace(workspace, engine=counting.engine)
    assert counting.scored == 64  # nothing was scored again
    labels = _labels(workspace)
    assert all(labels[t][0] == "neutral" and labels[t][2] is None for t in UNSEEN_QUEUE)
    assert labels[_queue(0)] == ("neutral", None, None)  # its correction was removed
    assert labels[_positive(0)][0] == "positive"
    assert result.method["sentiment_learning"].startswith("19 label corrections so far")
    assert len(first_key) == 1 and None not in first_key
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    assert "Comment labels: 19 label corrections so far" in capsys.readouterr().out


def test_a_new_correction_relabels_with_a_new_model_in_a_new_process(workspace) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE)
    analyse_workspace(workspace)
    key = _labels(workspace)[UNSEEN_QUEUE[0]][2]
    db = open_workspace(workspace)
    (comment_id,) = db.execute(
        "SELECT id FROM comments WHERE text = ?", [UNSEEN_QUEUE[0]]
    ).fetchone()
    correct_label(db, comment_id, "negative")
    db.close()
    learned_labels._models.clear()  # as if analysed again from a new `rapport analyze`
    analyse_workspace(workspace)
    labels = _labels(workspace)
    assert labels[UNSEEN_QUEUE[0]] == ("negative", "negative", None)
    new_keys = {labels[t][2] for t in UNSEEN_QUEUE[1:]}
    assert len(new_keys) == 1 and key not in new_keys and None not in new_keys
    assert all(labels[t][0] == "negative" for t in UNSEEN_QUEUE[1:])
    db = open_workspace(workspace)
    stored = get_setting(db, learned_labels.OUTCOME_SETTING)
    db.close()
    assert stored["key"] == new_keys.pop() and stored["n"] == 61 and stored["use_model"]


def test_below_twenty_corrections_nothing_changes(workspace) -> None:
    corrected = _hr_pattern(n_queue=9, n_other=5)  # 19 corrections
    _build(workspace, corrected, UNSEEN_QUEUE)
    result = analyse_workspace(workspace)
    labels = _labels(workspace)
    assert all(labels[t] == ("neutral", None, None) for t in UNSEEN_QUEUE)
    assert result.method["sentiment_learning"] == (
        "19 label corrections so far; the model adapts from 20 on; labels follow the shipped model"
    )
    db = open_workspace(workspace)
    assert get_setting(db, learned_labels.OUTCOME_SETTING) is None  # nothing trained
    db.close()


def test_a_model_no_better_than_the_shipped_one_is_not_used(workspace, capsys) -> None:
    # HR's labels agree with the shipped model everywhere: the adapted model cannot beat it.
    agree = [(_neutral(i), "neutral") for i in range(30)] + [
        (_positive(i), "positive") for i in range(30)
    ]
    _build(workspace, agree, UNSEEN_QUEUE + ["Thanks, the freezer repair was quick."])
    result = analyse_workspace(workspace)
    labels = _labels(workspace)
    assert all(labels[t] == ("neutral", None, None) for t in UNSEEN_QUEUE)
    assert labels["Thanks, the freezer repair was quick."] == ("positive", None, None)
    text = result.method["sentiment_learning"]
    assert text.startswith("Learned from 60 corrections")
    assert text.endswith(
        "vs the shipped model's 1.00 — not used: the shipped model is as good or better"
    )
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Comment labels: Learned from 60 corrections" in out and "not used" in out


def test_corrections_key_follows_texts_labels_and_version() -> None:
    key = learned_labels.corrections_key(["a", "b"], ["negative", "neutral"], "v1")
    assert key == learned_labels.corrections_key(["a", "b"], ["negative", "neutral"], "v1")
    assert key != learned_labels.corrections_key(["a", "b"], ["negative", "positive"], "v1")
    assert key != learned_labels.corrections_key(["a", "c"], ["negative", "neutral"], "v1")
    assert key != learned_labels.corrections_key(["a", "b"], ["negative", "neutral"], "v2")
    assert key != learned_labels.corrections_key(["ab"], ["negative"], "v1")


def test_one_label_only_is_explained() -> None:
    outcome = learned_labels.LearningOutcome("k", 55, None, None, False)
    assert outcome.describe().startswith("55 label corrections, but they need at least two")


@dataclasses.dataclass
class _FakeModel:
    """Stands in for the learner's model: calls "queue" comments negative."""

    n: int
    predicted: list[str]
    cv_macro_f1: float = 0.9
    base_macro_f1: float = 0.5
    use_model: bool = True

    def predict_scored(self, texts):
        self.predicted.extend(texts)
        return [("negative", -0.6, 0.8) if "queue" in t else ("neutral", 0.0, 0.7) for t in texts]


class _FakeLearner:
    def __init__(self) -> None:
        self.trained = 0
        self.predicted: list[str] = []

    def __call__(self, texts, labels, progress):
        self.trained += 1
        progress(0.5, "cross-validating")
        return _FakeModel(len(texts), self.predicted)


def _fake(learner: _FakeLearner):
    return dataclasses.replace(fake_engine(), learn_labels=learner, learning_version="fake")


def test_trained_once_per_corrections_and_only_new_comments_predicted(workspace) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE * 2)  # each unseen text twice
    learner = _FakeLearner()
    result = analyse_workspace(workspace, engine=_fake(learner))
    assert learner.trained == 1 and sorted(learner.predicted) == sorted(UNSEEN_QUEUE)
    assert result.method["sentiment_learning"].endswith(
        "0.90 vs the shipped model's 0.50 — used for labels"
    )
    analyse_workspace(workspace, engine=_fake(learner))
    assert learner.trained == 1 and len(learner.predicted) == 4  # nothing new to label
    filler = Filler(workspace)
    filler.respondent("2026-11", "Sales", "IT", {"overall": 2}, "Orders stuck in the queue.")
    filler.close()
    analyse_workspace(workspace, engine=_fake(learner))
    assert learner.trained == 1 and learner.predicted[4:] == ["Orders stuck in the queue."]
    assert _labels(workspace)["Orders stuck in the queue."][0] == "negative"


def test_cancelling_while_learning_changes_no_label(workspace) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE)
    learner = _FakeLearner()

    def progress(fraction: float, message: str) -> None:
        if message == "cross-validating":
            raise Cancelled

    with pytest.raises(Cancelled):
        analyse_workspace(workspace, progress=progress, engine=_fake(learner))
    assert all(_labels(workspace)[t][2] is None for t in UNSEEN_QUEUE)
    db = open_workspace(workspace)
    assert get_setting(db, learned_labels.OUTCOME_SETTING) is None
    db.close()
    analyse_workspace(workspace, engine=_fake(learner))
    assert all(_labels(workspace)[t][0] == "negative" for t in UNSEEN_QUEUE)


def test_a_new_process_reuses_labels_the_model_gave_to_the_same_text(workspace) -> None:
    _build(workspace, _hr_pattern(), UNSEEN_QUEUE)
    learner = _FakeLearner()
    analyse_workspace(workspace, engine=_fake(learner))
    assert learner.trained == 1 and len(learner.predicted) == 4
    learned_labels._models.clear()  # a new `rapport analyze`: the model is not in memory
    filler = Filler(workspace)
    filler.respondent("2026-11", "Sales", "IT", {"overall": 2}, UNSEEN_QUEUE[0])
    filler.close()
    analyse_workspace(workspace, engine=_fake(learner))
    assert learner.trained == 1 and len(learner.predicted) == 4  # no training, no prediction
    db = open_workspace(workspace)
    same = db.execute(
        "SELECT label, labelled_by FROM comments WHERE text = ?", [UNSEEN_QUEUE[0]]
    ).fetchall()
    db.close()
    assert len(same) == 2 and len(set(same)) == 1 and same[0][0] == "negative"
    filler = Filler(workspace)
    filler.respondent("2026-11", "Sales", "IT", {"overall": 2}, "Orders stuck in the queue.")
    filler.close()
    analyse_workspace(workspace, engine=_fake(learner))  # a text it has not labelled yet
    assert learner.trained == 2 and learner.predicted[4:] == ["Orders stuck in the queue."]
