"""Key drivers: relative weights recover the dimensions that really drive `overall`."""

from __future__ import annotations

import numpy as np

from analysis.drivers import _pairwise_corr, explained_variance, relative_weights


def _data(n: int = 400, seed: int = 0):
    rng = np.random.default_rng(seed)
    dims = rng.integers(1, 6, size=(n, 7)).astype(float)
    overall = 0.7 * dims[:, 1] + 0.3 * dims[:, 6] + rng.normal(0, 0.3, n)
    return dims, overall


def test_relative_weights_rank_the_true_drivers_first() -> None:
    dims, overall = _data()
    drivers = relative_weights(dims, overall)
    assert [d.dimension for d in drivers[:2]] == ["timely", "respect"]
    assert abs(sum(d.weight for d in drivers) - 1.0) < 0.01
    assert drivers[0].weight > 0.6 and drivers[0].correlation > 0.8
    assert explained_variance(dims, overall) > 0.9


def test_rotation_gaps_still_give_drivers() -> None:
    dims, overall = _data(600, seed=1)
    rng = np.random.default_rng(2)
    dims[rng.random(dims.shape) < 0.4] = np.nan  # each respondent skipped ~40 % of items
    drivers = relative_weights(dims, overall)
    assert drivers[0].dimension == "timely"


def test_too_few_respondents_or_no_variation_give_nothing() -> None:
    dims, overall = _data(20)
    assert relative_weights(dims, overall) == []
    dims, _ = _data()
    assert relative_weights(dims, np.full(len(dims), 3.0)) == []


def _pairwise_reference(data: np.ndarray) -> np.ndarray:
    """Each pair's Pearson r over its complete rows, one pair at a time."""
    cols = data.shape[1]
    corr = np.eye(cols)
    for i in range(cols):
        for j in range(i + 1, cols):
            both = ~np.isnan(data[:, i]) & ~np.isnan(data[:, j])
            a, b = data[both, i], data[both, j]
            flat = len(a) < 3 or a.std() == 0 or b.std() == 0
            corr[i, j] = corr[j, i] = 0.0 if flat else np.corrcoef(a, b)[0, 1]
    return corr


def test_pairwise_correlations_match_pair_by_pair_on_gappy_data() -> None:
    rng = np.random.default_rng(3)
    for trial in range(60):
        n = int(rng.integers(2, 300))
        data = rng.integers(1, 6, size=(n, 8)).astype(float)
        data[rng.random(data.shape) < rng.random() * 0.7] = np.nan
        if trial % 5 == 0:
            data[:, 2] = 3.0  # a constant column correlates 0 with everything
        if trial % 7 == 0:
            data[2:, 5] = np.nan  # a column with two answers
        np.testing.assert_allclose(_pairwise_corr(data), _pairwise_reference(data), atol=1e-9)
