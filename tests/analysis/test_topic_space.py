"""The numeric parts of topic discovery: TF-IDF, PPMI word vectors, SVD, silhouette, cleaning."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from analysis.topic_clusters import (
    silhouette,
    silhouette_samples,
    spherical_kmeans,
    topic_silhouette,
)
from analysis.topic_labels import pick_terms, thing_shares
from analysis.topic_space import (
    count_matrix,
    document_limits,
    learn_space,
    learn_vocabulary,
    pair_counts,
    ppmi,
    randomized_svd,
)
from analysis.topic_terms import clean, topic_terms

ROOT = Path(__file__).resolve().parents[2]


def test_counts_keep_repeats_and_skip_unknown_terms() -> None:
    counts = count_matrix([["a", "b", "a"], [], ["zz", "c"]], {"a": 0, "b": 1, "c": 2})
    assert counts.toarray().tolist() == [[2, 1, 0], [0, 0, 0], [0, 0, 1]]


def test_vocabulary_limits_grow_with_the_corpus() -> None:
    assert document_limits(10) == (1, 10)
    assert document_limits(100) == (2, 50)
    assert document_limits(18_000) == (9, 9_000)
    assert document_limits(200_000) == (10, 100_000)
    docs = [["common", f"rare{i}", "pair"] for i in range(60)] + [["pair"]] * 60
    assert learn_vocabulary(docs) == ["common"]  # "pair" in every comment, rare ones once
    assert "rare3" in learn_vocabulary(docs, strict=False)


def test_tf_idf_is_sublinear_and_favours_rare_terms() -> None:
    names = ["budget", "other"]
    counts = sparse.csr_matrix(np.array([[1, 0], [3, 0], [1, 3], [0, 1]], dtype=np.float32))
    space = learn_space(counts, names, seed=0)  # four comments: no word vectors
    assert space.vectors is None
    weights = space.weigh(counts).toarray()
    idf = 1 + np.log(5 / 4)  # "budget" is used by three of the four comments
    assert np.isclose(weights[0, 0], idf) and np.isclose(weights[1, 0], (1 + np.log(3)) * idf)
    assert weights[0, 0] < weights[1, 0] < 3 * weights[0, 0]  # more uses count, less than 3x
    assert np.isclose(weights[3, 1], 1 + np.log(5 / 3)) and weights[3, 1] > weights[0, 0]
    coords = space.embed(counts)
    assert np.allclose(np.linalg.norm(coords, axis=1), 1.0)


def test_randomized_svd_finds_the_largest_singular_directions() -> None:
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((300, 40)) @ np.diag(np.linspace(10, 0.1, 40))
    values, right = randomized_svd(sparse.csr_matrix(matrix), 5, seed=1, power_iterations=4)
    exact = np.linalg.svd(matrix, full_matrices=False)
    assert np.allclose(values, exact[1][:5], rtol=1e-3)
    assert np.allclose(np.abs(np.sum(right * exact[2][:5], axis=1)), 1.0, atol=1e-3)
    again = randomized_svd(sparse.csr_matrix(matrix), 5, seed=1, power_iterations=4)
    assert np.array_equal(again[1], right)  # seeded


def test_randomized_svd_makes_two_power_iterations_by_default(monkeypatch) -> None:
    # topics-7: two power iterations (four QR steps and the basis), not four (nine QR steps).
    factorisations = []
    qr = np.linalg.qr

    def counted(matrix, *args, **kwargs):
        factorisations.append(matrix.shape)
        return qr(matrix, *args, **kwargs)

    monkeypatch.setattr(np.linalg, "qr", counted)
    rng = np.random.default_rng(0)
    matrix = rng.standard_normal((300, 40)) @ np.diag(np.linspace(10, 0.1, 40))
    values, _ = randomized_svd(sparse.csr_matrix(matrix), 5, seed=1)
    assert len(factorisations) == 5
    # A slowly falling spectrum, the hard case: still within 1 % of the exact values.
    assert np.allclose(values, np.linalg.svd(matrix, compute_uv=False)[:5], rtol=1e-2)


def test_ppmi_counts_words_used_together_and_never_a_word_with_itself() -> None:
    # "late" and "delayed" share comments with "flight"; "menu" only with "lunch".
    docs = [["flight", "late"], ["flight", "delayed"], ["lunch", "menu"], ["flight", "late"]]
    index = {w: i for i, w in enumerate(["delayed", "flight", "late", "lunch", "menu"])}
    binary = count_matrix(docs, index)
    pmi = ppmi(binary).toarray()
    assert np.all(np.diag(pmi) == 0) and np.all(pmi >= 0)
    assert pmi[index["lunch"], index["menu"]] > 0
    assert pmi[index["flight"], index["menu"]] == 0  # never together
    assert pmi[index["late"], index["flight"]] > 0


def test_each_comment_shares_one_unit_of_context_per_term_among_its_other_terms() -> None:
    docs = [["a", "b"], ["a", "b", "c"], ["c"], ["b", "c", "d", "e"]]
    index = {w: i for i, w in enumerate("abcde")}
    pairs = pair_counts(count_matrix(docs, index)).toarray()
    assert np.allclose(pairs, pairs.T) and np.all(np.diag(pairs) == 0)
    assert pairs[index["a"], index["b"]] == pytest.approx(1 + 1 / 2)  # short comment counts 1
    assert pairs[index["b"], index["c"]] == pytest.approx(1 / 2 + 1 / 3)
    assert pairs[index["d"], index["e"]] == pytest.approx(1 / 3)
    # "c" alone counts nothing; each other comment gives each of its terms one unit
    assert pairs.sum(axis=1) == pytest.approx([2, 3, 2, 1, 1])


def test_a_pair_seen_in_one_long_comment_weighs_less_than_in_one_short_one() -> None:
    filler = [f"w{i}" for i in range(8)]
    docs = [["late", "delayed"], ["lunch", "menu", *filler]] + [[w, "x"] for w in filler]
    names = sorted({w for d in docs for w in d})
    pmi = ppmi(count_matrix(docs, {w: i for i, w in enumerate(names)})).toarray()
    at = {w: i for i, w in enumerate(names)}
    assert pmi[at["late"], at["delayed"]] > pmi[at["lunch"], at["menu"]]


def test_words_used_together_get_close_vectors() -> None:
    rng = np.random.default_rng(3)
    groups = [["flight", "late", "delayed", "gate"], ["lunch", "menu", "canteen", "salad"]]
    docs = [list(rng.choice(groups[i % 2], 2, replace=False)) for i in range(200)]
    names = sorted({w for d in docs for w in d})
    counts = count_matrix(docs, {w: i for i, w in enumerate(names)})
    space = learn_space(counts, names, seed=0)
    vectors = space.vectors / np.linalg.norm(space.vectors, axis=1, keepdims=True)
    at = {w: vectors[i] for i, w in enumerate(names)}
    assert at["late"] @ at["delayed"] > at["late"] @ at["menu"] + 0.5
    coords = space.embed(count_matrix([["late"], ["delayed"], ["salad"]], space.index))
    assert coords[0] @ coords[1] > coords[0] @ coords[2] + 0.5  # never used together, close


def test_silhouette_matches_the_definition() -> None:
    rng = np.random.default_rng(1)
    rows = rng.standard_normal((60, 4))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    labels = spherical_kmeans(rows, 4, seed=0).labels
    labels[0] = 3  # make sure clusters are uneven
    distance = 1 - rows @ rows.T
    expected = []
    for i, own in enumerate(labels):
        mates = (labels == own) & (np.arange(60) != i)
        if not mates.any():
            expected.append(0.0)
            continue
        inside = distance[i, mates].mean()
        nearest = min(distance[i, labels == c].mean() for c in set(labels) if c != own)
        expected.append((nearest - inside) / max(inside, nearest))
    assert np.isclose(silhouette(rows, labels), np.mean(expected))
    assert np.allclose(silhouette_samples(rows, labels), expected)
    assert silhouette(rows, np.zeros(60, dtype=int)) == 0.0


def _tight_and_loose() -> tuple[np.ndarray, np.ndarray]:
    """Three small tight clusters and one large loose one (a catch-all), unit rows."""
    rng = np.random.default_rng(2)
    axes = np.eye(8)
    parts = [axes[i] + 0.05 * rng.standard_normal((10, 8)) for i in range(3)]
    parts.append(axes[3] + 0.9 * rng.standard_normal((90, 8)))
    rows = np.vstack(parts)
    labels = np.repeat([0, 1, 2, 3], [10, 10, 10, 90])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True), labels


def test_topic_silhouette_counts_each_topic_once() -> None:
    rows, labels = _tight_and_loose()
    scores = silhouette_samples(rows, labels)
    per_topic = [scores[labels == c].mean() for c in range(4)]
    assert np.isclose(topic_silhouette(rows, labels), np.mean(per_topic))
    # the loose catch-all holds most rows: the plain mean follows it, each topic counts once
    assert topic_silhouette(rows, labels) > silhouette(rows, labels) + 0.1
    gaps = labels.copy()
    gaps[gaps == 3] = 5  # unused cluster numbers do not count as topics
    assert np.isclose(topic_silhouette(rows, gaps), topic_silhouette(rows, labels))
    assert topic_silhouette(rows, np.zeros(len(rows), dtype=int)) == 0.0
    assert topic_silhouette(rows[:0], labels[:0]) == 0.0


def test_links_handles_and_hashtags_are_read_as_people_mean_them() -> None:
    text = "@SkyAir #LostLuggage again, see https://t.co/x1 (@Jo_R knows) #fail"
    assert clean(text).split() == ["Lost", "Luggage", "again,", "see", "knows)", "fail"]
    assert clean("Mail jo@corp.example now") == "Mail jo@corp.example now"  # the gate's job
    assert topic_terms("@SkyAir my bag is lost") == topic_terms("my bag is lost")
    assert clean("C# and F# skills") == "C# and F# skills"  # not hashtags


def test_a_word_that_only_echoes_a_chosen_phrase_is_skipped() -> None:
    names = ["client benefit", "direct", "benefit direct", "handov"]
    index = {n: i for i, n in enumerate(names)}
    freq = np.array([10, 8, 8, 5])
    assert pick_terms([0, 1, 3], names, freq, 3, index) == [0, 3]
    assert pick_terms([0, 1, 3], names, freq, 3) == [0, 1, 3]  # without the index
    freq[2] = 2  # "directly" mostly stands elsewhere: it says something of its own
    assert pick_terms([0, 1, 3], names, freq, 3, index) == [0, 1, 3]


def test_topic_discovery_never_imports_scikit_learn() -> None:
    code = (
        "import sys, json\n"
        "from analysis.topics import discover_topics\n"
        "texts = [f'The {w} queue is slow again' for w in ('ticket', 'parking', 'lunch')] * 20\n"
        "model = discover_topics(texts, seed=0)\n"
        "print(json.dumps([len(model.topics), 'sklearn' in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    topics, sklearn_loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert topics >= 2 and sklearn_loaded is False


def test_terms_used_as_things_are_told_from_actions_and_qualities() -> None:
    texts = [
        "The handover was serious trouble.",
        "Our handover keeps committing us.",
        "Committing early is serious.",
        "About the sample pickup: it is late.",
    ]
    shares = thing_shares(texts, {"handov", "commit", "serious", "sampl pickup", "late"})
    assert shares["handov"] == 1.0 and shares["sampl pickup"] == 1.0
    assert shares["commit"] == shares["serious"] == shares["late"] == 0.0
