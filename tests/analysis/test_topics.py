"""Topic discovery: choosing the number, dropping boilerplate, readable labels, edge cases."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analysis.text import stop_words
from analysis.topic_clusters import (
    MAX_ITER,
    kmeans_starts,
    silhouette,
    spherical_kmeans,
    topic_silhouette,
)
from analysis.topic_labels import pick_terms
from analysis.topic_terms import TOPICS_VERSION, ignored_words, topic_terms
from analysis.topics import (
    CHOICE_STEPS,
    _starts,
    candidate_counts,
    choose_topic_count,
    discover_topics,
    try_topic_counts,
)
from surveys.progress import Cancelled
from tests.analysis.test_themes import BUDGET, CORPUS, PRIVACY, SLOW_IT

#: Five themes a workforce might raise, each with its own words; comments mix two or three
#: of them with words every theme shares.
SYNTHETIC = {
    "payroll": ["payslip", "overtime", "salary", "deductions", "payroll", "bonus", "pension"],
    "laptops": ["laptop", "monitor", "keyboard", "docking", "charger", "screen", "printer"],
    "parking": ["parking", "car park", "permit", "shuttle", "bicycle", "spaces", "garage"],
    "canteen": ["canteen", "lunch", "menu", "coffee", "vegetarian", "salad", "kitchen"],
    "rota": ["rota", "shifts", "weekend", "night shift", "swap", "holiday", "leave"],
}
SHARED = ["team", "office", "week", "month", "issue", "request", "people", "manager"]
PATTERNS = [
    "The {a} and the {b} are a problem for the {s}.",
    "Our {s} keeps raising the {a}, and the {b} again this {t}.",
    "Can we sort out the {a}? The {b} and the {c} have not changed.",
    "{A} is the main {s} topic, then {b} and {c}.",
]
GREETINGS = ["Hi team,", "Hello,", "Hi all,", "Dear HR,", "Hey,"]
SIGN_OFFS = ["Thanks, regards", "Kind regards", "Many thanks", "Cheers", "Thank you, best"]


def synthetic_corpus(per_theme: int = 40, seed: int = 0, boilerplate: bool = False):
    """Comments of five known themes, shuffled, with their true theme."""
    rng = random.Random(seed)
    rows = []
    for theme, words in SYNTHETIC.items():
        for _ in range(per_theme):
            a, b, c = rng.sample(words, 3)
            text = rng.choice(PATTERNS).format(
                a=a, b=b, c=c, A=a.capitalize(), s=rng.choice(SHARED), t=rng.choice(SHARED)
            )
            if boilerplate:
                text = f"{rng.choice(GREETINGS)} {text} {rng.choice(SIGN_OFFS)}, Sent 3:04 PM"
            rows.append((text, theme))
    rng.shuffle(rows)
    return [r[0] for r in rows], [r[1] for r in rows]


def groups_match(assignments, truth) -> bool:
    """Whether every true theme maps to one topic and no two themes share one."""
    topic_of: dict[str, set] = {}
    for topic, theme in zip(assignments, truth, strict=True):
        topic_of.setdefault(theme, set()).add(topic)
    found = [next(iter(t)) for t in topic_of.values() if len(t) == 1]
    return len(found) == len(topic_of) and len(set(found)) == len(found)


# --- choosing the number of topics --------------------------------------------------------


def test_known_clusters_are_found_with_their_number() -> None:
    texts, truth = synthetic_corpus()
    model = discover_topics(texts, seed=0)
    assert max(model.selection) > 5  # more were tried ...
    assert len(model.topics) == 5  # ... and five were chosen
    assert max(model.selection, key=model.selection.get) == 5
    assert groups_match(model.assignments, truth)
    assert sorted(t.size for t in model.topics) == [40] * 5


def test_the_number_of_topics_is_chosen_by_the_topic_silhouette() -> None:
    """Each candidate scores the mean of its topics' silhouettes, not of its comments', over
    all its k-means starts (topics-13), not only the tightest start's."""
    rng = np.random.default_rng(3)
    axes = np.eye(12)
    rows = np.vstack(
        [axes[i] + 0.1 * rng.standard_normal((15, 12)) for i in range(4)]
        + [axes[4:].sum(axis=0) + 0.8 * rng.standard_normal((140, 12))]
    )
    rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    selection = choose_topic_count(rows, seed=0)
    assert list(selection) == candidate_counts(len(rows))
    steady = 0
    for k, score in selection.items():
        starts = kmeans_starts(rows, k, 0, _starts(len(rows)), CHOICE_STEPS)
        each = [topic_silhouette(rows, s.labels) for s in starts]
        assert score == round(float(np.median(each)), 4)
        labels = spherical_kmeans(rows, k, 0, _starts(len(rows)), CHOICE_STEPS).labels
        assert score != round(silhouette(rows, labels), 4)
        steady += score != round(topic_silhouette(rows, labels), 4)
    assert steady  # the tightest start alone scores otherwise


def test_each_candidate_keeps_the_centres_of_its_clustering() -> None:
    rng = np.random.default_rng(5)
    rows = rng.standard_normal((300, 8)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    choice = try_topic_counts(rows, seed=2)
    assert choice.scores == choose_topic_count(rows, seed=2)
    assert list(choice.centres) == candidate_counts(len(rows))
    for k, centres in choice.centres.items():
        expected = spherical_kmeans(rows, k, 2, _starts(len(rows)), CHOICE_STEPS).centres
        np.testing.assert_array_equal(centres, expected)
    assert try_topic_counts(rows[:3]).scores == {1: 0.0}


def test_the_chosen_number_is_clustered_from_the_choice_s_centres(monkeypatch) -> None:
    """topics-9: short starts to choose k, then no new k-means++ starts; a fixed k starts anew."""
    import analysis.topics as topics

    calls: list[int] = []
    steps: set[int] = set()

    def counted(rows, k, seed=0, n_init=3, max_iter=MAX_ITER):
        calls.append(k)
        steps.add(max_iter)
        return spherical_kmeans(rows, k, seed, n_init, max_iter)

    def started(rows, k, seed=0, n_init=3, max_iter=MAX_ITER):
        calls.append(k)
        steps.add(max_iter)
        return kmeans_starts(rows, k, seed, n_init, max_iter)

    monkeypatch.setattr(topics, "spherical_kmeans", counted)
    monkeypatch.setattr(topics, "kmeans_starts", started)
    texts, truth = synthetic_corpus()
    model = discover_topics(texts, seed=0)
    assert sorted(calls) == sorted(model.selection)  # one clustering per candidate, no more
    assert steps == {CHOICE_STEPS} and CHOICE_STEPS < MAX_ITER
    assert len(model.topics) == 5 and groups_match(model.assignments, truth)
    assert model.version == TOPICS_VERSION
    calls.clear()
    steps.clear()
    fixed = discover_topics(texts, n_topics=4, seed=0)
    assert calls == [4] and len(fixed.topics) == 4 and not fixed.selection
    assert steps == {MAX_ITER}


def test_candidate_counts_grow_slowly_with_the_corpus() -> None:
    assert candidate_counts(0) == candidate_counts(3) == candidate_counts(6) == [1]
    assert candidate_counts(7) == [2]  # the ceiling rounds to 2 from seven comments
    assert candidate_counts(8_103)[-1] == 19 and candidate_counts(8_104)[-1] == 20
    assert candidate_counts(10) == [2, 3]
    # From a third of the ceiling since topics-13 (half before): 4..9, 7..14, 10..20.
    assert candidate_counts(100) == list(range(3, 10))
    assert candidate_counts(1_000) == list(range(5, 15))
    assert candidate_counts(18_000) == candidate_counts(200_000) == list(range(7, 21))


def test_a_large_corpus_does_not_collapse_to_two_topics() -> None:
    texts, truth = synthetic_corpus(per_theme=600, seed=3, boilerplate=True)
    model = discover_topics(texts, seed=0)
    assert len(model.topics) >= 5
    sizes = sorted((t.size for t in model.topics), reverse=True)
    assert sizes[0] <= 0.3 * len(texts)  # no catch-all topic
    assert all(a is not None for a in model.assignments)


# --- boilerplate, labels ------------------------------------------------------------------


def test_greetings_sign_offs_and_times_are_dropped() -> None:
    texts, truth = synthetic_corpus(boilerplate=True)
    model = discover_topics(texts, seed=0)
    assert len(model.topics) == 5 and groups_match(model.assignments, truth)
    words = {w for t in model.topics for term in t.terms for w in term.split()}
    assert not words & {"hi", "hello", "dear", "hey", "thanks", "regards", "sent", "pm", "cheers"}
    assert {"hi", "regards", "pm", "please", "thanks"} <= ignored_words()


def test_labels_are_two_or_three_distinctive_real_words() -> None:
    texts, truth = synthetic_corpus()
    model = discover_topics(texts, seed=0)
    filler = stop_words() | ignored_words() | {w for s in SHARED for w in s.split()}
    for topic in model.topics:
        parts = topic.label.split(", ")
        assert 2 <= len(parts) <= 3 and parts == topic.terms[: len(parts)]
        assert not {w for p in parts for w in p.split()} & filler
        theme = {truth[i] for i, a in enumerate(model.assignments) if a == topic.number}
        vocabulary = {w for term in SYNTHETIC[theme.pop()] for w in term.split()}
        assert all(set(p.split()) <= vocabulary for p in parts)


def test_labels_use_written_words_and_key_phrases() -> None:
    model = discover_topics(CORPUS, seed=0)
    words = {w for t in model.topics for w in t.terms}
    assert {"budget", "privacy", "patient data"} <= words
    assert not words & {"privaci", "budg", "patient"}  # no stems; the phrase replaces "patient"


def test_fillers_never_reach_a_label() -> None:
    texts = [
        f"It was fine, mostly. We talk about the {w} generally, and it's fair."
        for w in ("rota", "rota", "rota", "rota", "canteen", "canteen", "canteen", "canteen")
    ]
    model = discover_topics(texts, seed=0)
    labels = " ".join(t.label for t in model.topics)
    assert "rota" in labels and "canteen" in labels
    assert not {"fine", "mostly", "generally"} & set(labels.replace(",", "").split())


def test_swearing_groups_comments_but_never_names_a_topic() -> None:
    texts = [
        f"The {w} is {s} again, the {w} was broken all week."
        for w, s in [("rota", "shit")] * 5 + [("canteen", "crap")] * 5
    ]
    texts += [f"{s} {w}, fucking {w}" for w, s in [("rota", "shitty")] * 2]
    model = discover_topics(texts, seed=0)
    shown = " ".join(t.label + " " + " ".join(t.terms) for t in model.topics).lower()
    assert "rota" in shown and "canteen" in shown
    assert not {"shit", "shitty", "crap", "fucking"} & set(shown.replace(",", " ").split())
    assert "shit" in topic_terms("The rota is shit")  # read like any word: topics as before


def test_terms_skip_stop_words_placeholders_and_junk() -> None:
    terms = topic_terms("Hi [name], the customer service at xxxx desk 42 was slow. Thanks!")
    assert terms == ["custom", "servic", "custom servic", "desk", "slow"]
    assert topic_terms("Parking. Permits") == ["park", "permit"]  # no pair across a clause


def test_a_pair_becomes_the_key_phrase_only_when_it_carries_the_word() -> None:
    names = ["servic", "custom servic", "hold"]
    assert pick_terms([0, 1, 2], names, np.array([10, 8, 5]), 3) == [1, 2]
    assert pick_terms([0, 1, 2], names, np.array([10, 2, 5]), 3) == [0, 2]


# --- determinism and edge cases -----------------------------------------------------------


def test_comments_are_placed_once_when_the_fitting_sample_is_all_of_them(monkeypatch) -> None:
    """The fitting comments' coordinates serve the assignment too (one placement, not two),
    with the same topics as placing the comments again chunk by chunk."""
    import analysis.topics as topics
    from analysis.topic_space import Space

    placed: list[int] = []
    embed = Space.embed

    def counted(self, counts):
        placed.append(counts.shape[0])
        return embed(self, counts)

    monkeypatch.setattr(Space, "embed", counted)
    texts, truth = synthetic_corpus()
    model = discover_topics(texts, seed=3)
    assert placed == [len(texts)] and groups_match(model.assignments, truth)
    placed.clear()
    monkeypatch.setattr(topics, "CHUNK", 70)  # every comment placed again, in chunks
    assert discover_topics(texts, seed=3) == model
    assert placed == [len(texts), 70, 70, 60]


def test_same_seed_same_topics() -> None:
    texts, _ = synthetic_corpus(seed=5)
    assert discover_topics(texts, seed=4) == discover_topics(texts, seed=4)
    assert discover_topics(CORPUS * 3, seed=1) == discover_topics(CORPUS * 3, seed=1)


def test_three_stories_in_twelve_comments() -> None:
    model = discover_topics(CORPUS, seed=0)
    assert set(model.selection) == {2, 3} and len(model.topics) == 3
    groups = {tuple(model.assignments[i : i + 4]) for i in (0, 4, 8)}
    assert len(groups) == 3 and all(len(set(g)) == 1 for g in groups)
    for topic in model.topics:
        assert model.assignments[topic.representative_index] == topic.number


def test_exactly_ten_comments() -> None:
    texts = SLOW_IT[:3] + PRIVACY[:4] + BUDGET[:3]
    model = discover_topics(texts)
    assert set(model.selection) == {2, 3}
    assert len(model.topics) in (2, 3) and all(a is not None for a in model.assignments)
    assert model.assignments[3] == model.assignments[4] == model.assignments[5]
    assert model.assignments[0] != model.assignments[3]


def test_fixed_number_of_topics() -> None:
    model = discover_topics(CORPUS, n_topics=2)
    assert len(model.topics) == 2 and model.selection == {}
    assert len(discover_topics(CORPUS, n_topics=50).topics) <= 12  # capped, not an error


def test_junk_and_greetings_only_get_no_topic() -> None:
    texts = CORPUS[:8] + ["", None, "¿¿¿ 12345 ๑๑๑", "the and of it", "Hi, thanks! Regards"]
    model = discover_topics(texts)
    assert model.assignments[8:] == [None] * 5
    assert all(a is not None for a in model.assignments[:8])
    assert sum(t.size for t in model.topics) == 8


def test_identical_comments_make_one_named_topic() -> None:
    for n in (3, 10, 40):
        model = discover_topics(["The parking permits are too expensive."] * n, seed=0)
        assert [(t.label, t.size) for t in model.topics] == [("parking permits, expensive", n)]
        assert model.assignments == [1] * n


def test_comments_that_are_only_boilerplate_get_no_topic() -> None:
    openers = ["Hi team,", "Hello team,", "Hi all,", "Dear support team,", "Hello,"]
    closers = ["Thanks in advance!", "Kind regards", "Please advise. Thanks", "Many thanks"]
    texts = [f"{a} {b}" for a in openers for b in closers]  # "team", "advance" and "advise"
    model = discover_topics([*texts, "", None], seed=0)  # only open or close comments
    assert model.topics == [] and model.assignments == [None] * (len(texts) + 2)


def test_handles_do_not_make_topics() -> None:
    handles = ["@SkyAir", "@BlueJet", "@CoastLine"]
    subjects = {
        "bags": ["bag", "luggage", "suitcase", "baggage claim", "carousel"],
        "delays": ["delay", "late departure", "missed connection", "gate change", "waiting"],
    }
    rng = random.Random(2)
    texts, truth = [], []
    for i in range(120):
        subject = "bags" if i % 2 else "delays"
        a, b = rng.sample(subjects[subject], 2)
        texts.append(f"{handles[i % 3]} {a} and {b} again #{subject.title()}Fail")
        truth.append(subject)
    model = discover_topics(texts, n_topics=2, seed=0)
    assert groups_match(model.assignments, truth)
    words = {w for t in model.topics for term in t.terms for w in term.split()}
    assert not words & {"skyair", "bluejet", "coastline", "SkyAir", "BlueJet", "CoastLine"}


def test_comments_whose_words_have_no_vector_get_no_topic(monkeypatch) -> None:
    import analysis.topic_space as topic_space

    monkeypatch.setattr(topic_space, "PPMI_TERMS", 12)  # vectors for the 12 commonest terms
    texts, _ = synthetic_corpus(per_theme=20)
    rare = ["Quokka zebu.", "Quokka zebu!"]  # counted terms (twice each), but no vector
    model = discover_topics(texts + rare, seed=0)
    assert model.assignments[-2:] == [None, None]
    assert sum(a is not None for a in model.assignments) == len(texts)


def test_nothing_to_discover() -> None:
    assert discover_topics([]).topics == []
    empty = discover_topics(["", None, "the of and", "Hello! Thanks, regards"])
    assert empty.topics == [] and empty.assignments == [None] * 4
    single = discover_topics(["Budget fights again"])
    assert len(single.topics) == 1 and single.assignments == [1]
    assert single.topics[0].label == "budget fights"  # a key phrase


def test_discovery_can_be_cancelled() -> None:
    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.5:
            raise Cancelled

    with pytest.raises(Cancelled):
        discover_topics(synthetic_corpus()[0], progress=cancel)


def test_spherical_kmeans_is_seeded_and_copes_with_duplicates() -> None:
    rows = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9], [0, 1]], dtype=float)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    first = spherical_kmeans(rows, 2, seed=3)
    assert first.labels[0] == first.labels[1] != first.labels[2] == first.labels[4]
    assert np.array_equal(first.labels, spherical_kmeans(rows, 2, seed=3).labels)
    same = np.ones((4, 2)) / np.sqrt(2)
    assert len(spherical_kmeans(same, 3, seed=0).labels) == 4  # fewer points than k apart


def test_progress_says_one_topic_not_one_topics():
    """``rapport themes`` on three comments printed "Finding 1 topics"."""
    from analysis.topics import discover_topics

    lines: list[str] = []
    texts = ["The invoices are late again", "Invoices late, chasing them", "Late invoices"]
    discover_topics(texts, n_topics=1, progress=lambda _share, text: lines.append(text))
    assert "Finding 1 topic" in lines
    assert not [line for line in lines if "1 topics" in line]
