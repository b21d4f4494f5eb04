"""Key drivers: relative weights recover the dimensions that really drive `overall`."""

from __future__ import annotations

import numpy as np

from analysis.drivers import explained_variance, relative_weights


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
