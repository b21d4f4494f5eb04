"""Learning from HR's corrections: the shipped model adjusted (its calibrated probabilities
as the starting point, a prior towards them), cross-validated against it, used only where
better; the shipped model's outputs computed once per text."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import sentiment
from analysis.sentiment import learning
from analysis.sentiment.labels import MIN_CORRECTIONS
from tests.analysis.test_sentiment_fast import generated_texts

THINGS = ["invoice", "laptop order", "brief", "report", "access request", "price list"]
#: An organisation's own way of complaining that the shipped model reads as neutral or
#: positive: "<thing> is with the portal team" means it is stuck.
JARGON = [f"The {thing} is with the portal team{end}" for thing in THINGS for end in ".!"]


@pytest.fixture(autouse=True)
def _cold_cache():
    learning.clear_feature_cache()
    yield
    learning.clear_feature_cache()


def _org(n_jargon: int = 12) -> tuple[list[str], list[str]]:
    texts = JARGON[:n_jargon] + [
        f"Thanks, the {t} was sorted quickly and well{e}" for t in THINGS for e in ".!"
    ]
    texts += [f"We see them on Tuesdays about the {t}{e}" for t in THINGS for e in ".!"]
    labels = ["negative"] * n_jargon + ["positive"] * 12 + ["neutral"] * 12
    return texts, labels


def test_no_learning_below_the_minimum() -> None:
    assert MIN_CORRECTIONS == 20
    texts, labels = _org()
    assert sentiment.train_from_corrections(texts[:19], labels[:19]) is None
    assert sentiment.train_from_corrections(["bad"] * 25, ["negative"] * 25) is None


def test_the_adapted_model_learns_the_organisations_words() -> None:
    texts, labels = _org()
    base = [sentiment.label_of(s) for s in sentiment.score_texts(JARGON)]
    assert base.count("negative") < len(JARGON) / 2  # the shipped model misses the jargon
    adapted = sentiment.train_from_corrections(texts, labels)
    assert adapted is not None and adapted.n == 36
    assert adapted.cv_macro_f1 > adapted.base_macro_f1 and adapted.use_model
    unseen = ["The expense claim is with the portal team.", "The rota is with the portal team!"]
    scored = adapted.predict_scored(unseen)
    assert [label for label, _, _ in scored] == ["negative", "negative"]
    assert all(score <= -0.05 and 0.33 < sure <= 1 for _, score, sure in scored)
    assert "vs the shipped model's" in adapted.summary()


def test_the_adapted_model_starts_from_the_shipped_model() -> None:
    texts, labels = _org()
    adapter = learning.Adapter.fit(texts, labels)
    assert adapter.scale > 0 and np.abs(adapter.bias).max() < 1  # near its prior (1, 0)
    # Comments that share no word with the corrections keep the shipped model's label.
    unrelated = [
        "Brilliant, quick help from finance, thank you!",
        "Awful: nobody replied to our emails for a month.",
        "Payroll questions go to Carla every Monday.",
    ]
    assert adapter.vectorizer.transform(unrelated).nnz == 0
    shipped = [sentiment.label_of(s) for s in sentiment.score_texts(unrelated)]
    adapted = learning.adapted_labels(adapter.probabilities(unrelated))
    assert [label for label, _, _ in adapted] == shipped == ["positive", "negative", "neutral"]
    assert all(sentiment.label_of(score) == label for label, score, _ in adapted)
    # With nothing learned (no words, scale 1, no bias) it is the shipped probabilities.
    plain = learning.Adapter(
        adapter.vectorizer, 1.0, np.zeros(3), adapter.weights * 0, None, np.zeros((3, 3))
    )
    expected = np.exp(learning.shipped_log_probabilities(unrelated))
    assert np.allclose(plain.probabilities(unrelated), expected / expected.sum(1, keepdims=True))


def test_the_shipped_model_is_kept_when_the_corrections_agree_with_it() -> None:
    positive = [f"Brilliant help from {who}, thank you!" for who in ("IT", "HR", "Sales")]
    negative = [f"{who} never answers and it is awful." for who in ("IT", "HR", "Sales")]
    texts = (positive + negative) * 4
    labels = (["positive"] * 3 + ["negative"] * 3) * 4
    adapted = sentiment.train_from_corrections(texts, labels)
    assert adapted is not None and adapted.base_macro_f1 == 1.0
    assert not adapted.use_model and "keeps the shipped model" in adapted.summary()


def test_corrections_all_from_the_neutral_band_never_read_the_shipped_model_backwards() -> None:
    # HR filters the comments the shipped model calls neutral and labels 40 of them
    # negative or positive: nothing in them says how to read a confident comment.
    days = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays"]
    texts = [f"We meet them on {day} about the {thing}." for day in days for thing in THINGS]
    texts += [f"We meet them on {day} about the {t}." for day in days for t in ("rota", "badge")]
    assert {sentiment.label_of(s) for s in sentiment.score_texts(texts)} == {"neutral"}
    labels = ["negative" if i % 2 else "positive" for i in range(len(texts))]
    adapter = learning.Adapter.fit(texts, labels)
    assert adapter.scale >= learning.MIN_SCALE == 0.5  # unbounded, it learned -0.37
    sure = [
        "Brilliant, quick help from finance, thank you!",
        "Awful: nobody replied to our emails for a month.",
    ]
    found = learning.adapted_labels(adapter.probabilities(sure))
    # Unbounded, both were neutral (0.58 and 0.76): the shipped model read backwards.
    assert [label for label, _, _ in found] == ["positive", "negative"]
    assert all(confidence > 0.8 for _, _, confidence in found)


def test_the_base_outputs_of_each_text_are_computed_once(monkeypatch) -> None:
    computed: list[str] = []
    real = learning.lexicon_features

    def counting(scorer, texts):
        computed.extend(texts)
        return real(scorer, texts)

    monkeypatch.setattr(learning, "lexicon_features", counting)
    texts, labels = _org()
    model = sentiment.train_from_corrections(texts, labels)  # folds + final fit
    assert model is not None and sorted(computed) == sorted(set(texts))
    model.predict(texts[:5] + ["A comment the model has not seen."])
    assert computed[-1] == "A comment the model has not seen."


def test_base_outputs_are_the_shipped_models_and_the_cache_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(learning, "FEATURE_CACHE_LIMIT", 10)
    texts = generated_texts(25, seed=3)
    outputs = learning.base_outputs(texts)
    assert outputs.shape == (25, len(learning.OUTPUTS)) == (25, 7)
    assert len(learning._base_cache) <= 10
    assert np.allclose(outputs[:, 3], sentiment.score_texts(texts), atol=1e-4)


GOOD = ["The team was wonderful", "My manager was brilliant", "Training was excellent",
        "Colleagues were lovely and kind", "The benefits were great"]  # fmt: skip
BAD = ["the pay was awful", "the hours were terrible", "the rota was a mess",
       "the parking was dreadful"]  # fmt: skip


def test_the_base_outputs_hold_the_polarity_of_each_sentence() -> None:
    mixed, plain = "The team was wonderful. Sadly the pay was awful.", "The team was wonderful"
    outputs = learning.base_outputs([mixed, plain])
    mean, lowest, highest = (
        learning.OUTPUTS.index(f"sentence_{n}") for n in ("mean", "min", "max")
    )
    assert outputs[0, lowest] < -0.5 and outputs[0, highest] > 0.5  # praise and complaint
    assert outputs[0, lowest] < outputs[0, mean] < outputs[0, highest]
    # One sentence: its own polarity, three times.
    assert np.allclose(outputs[1, [mean, lowest, highest]], outputs[1, 0], atol=1e-9)


def test_the_adapted_model_learns_how_an_organisation_weighs_praise_against_complaint() -> None:
    """Reviews rated by stars: praise followed by one complaint is a bad review here."""
    mixed = [f"{good}. Sadly {bad}." for good in GOOD for bad in BAD[:2]]
    praise = [f"{a}. Also {b.lower()}." for a in GOOD for b in GOOD[1:3] if a != b]
    complaint = [f"Honestly {a}. And {b}." for a in BAD for b in BAD[2:] if a != b]
    texts = mixed + praise + complaint
    labels = ["negative"] * len(mixed) + ["positive"] * len(praise)
    labels += ["negative"] * len(complaint)
    adapter = learning.Adapter.fit(texts, labels)
    lowest = learning.OUTPUTS.index("sentence_min") - learning.SENTENCE_COLUMNS.start
    negative, positive = (sentiment.LABELS.index(label) for label in ("negative", "positive"))
    # The lowest sentence's polarity now speaks for "positive" and against "negative".
    assert adapter.sentence_weights.shape == (3, 3)
    assert adapter.sentence_weights[lowest, positive] > adapter.sentence_weights[lowest, negative]
    # With only that weight, a review with one bad sentence reads more negative than before.
    only = np.zeros((3, 3))
    only[lowest] = adapter.sentence_weights[lowest]
    words = adapter.weights * 0
    review = ["The canteen was superb. Sadly the commute was horrendous."]
    before = learning.Adapter(adapter.vectorizer, 1.0, np.zeros(3), words, None, None)
    after = learning.Adapter(adapter.vectorizer, 1.0, np.zeros(3), words, None, only)
    assert after.probabilities(review)[0, negative] > before.probabilities(review)[0, negative]
