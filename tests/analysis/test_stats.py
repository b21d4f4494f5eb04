"""The Student-t statistics of analysis.stats agree with scipy.stats (which they replace)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from analysis.stats import beta_inc, slope_p, t_quantile, welch_p


@pytest.mark.parametrize("df", [1, 2, 3, 4, 9, 29, 30, 120, 2.5, 17.3])
@pytest.mark.parametrize("q", [0.05, 0.6, 0.9, 0.975, 0.995])
def test_t_quantile(df: float, q: float) -> None:
    assert t_quantile(q, df) == pytest.approx(stats.t.ppf(q, df), abs=1e-10)


def test_welch_and_slope_p_values() -> None:
    rng = np.random.default_rng(7)
    for _ in range(100):
        a = rng.normal(3.0, 1.0, rng.integers(2, 40))
        b = rng.normal(3.3, 1.4, rng.integers(2, 40))
        expected = stats.ttest_ind(a, b, equal_var=False).pvalue
        assert welch_p(a, b) == pytest.approx(expected, abs=1e-10)
        xs = np.repeat(np.arange(3.0), rng.integers(2, 15, 3))
        ys = rng.normal(3.0, 1.0, len(xs)) - 0.2 * xs
        assert slope_p(xs, ys) == pytest.approx(stats.linregress(xs, ys).pvalue, abs=1e-10)


def test_edge_cases() -> None:
    assert beta_inc(2.0, 3.0, 0.0) == 0.0 and beta_inc(2.0, 3.0, 1.0) == 1.0
    assert math.isnan(welch_p(np.array([2.0, 2.0]), np.array([3.0, 3.0])))
    assert math.isnan(slope_p(np.array([1.0, 1.0, 1.0]), np.array([1.0, 2.0, 3.0])))
    assert slope_p(np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 3.0])) == 0.0
    assert t_quantile(0.5, 4) == 0.0
