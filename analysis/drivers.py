"""Key drivers: which of the seven dimensions explain the ``overall`` rating.

Uses Johnson's relative weights (2000), which split the variance of ``overall`` explained
by a linear regression on the dimensions among the dimensions, and stay sensible when the
dimensions correlate with each other (they always do). Correlations are computed on
pairwise-complete answers, so rotating pulses (each respondent rates a subset) still work.
"""

from __future__ import annotations

import numpy as np

from analysis.results import Driver
from surveys.model import DIMENSIONS

#: Respondents needed before drivers are computed for one pair (and for the organisation).
MIN_N = 30
#: A dimension needs this many answers to take part.
MIN_ANSWERS = 10


def _pairwise_corr(data: np.ndarray) -> np.ndarray:
    """Correlation matrix of the columns of ``data`` over pairwise-complete rows.

    All pairs at once from sums over the rows where both columns are present (matrix
    products of the zero-filled data and its presence mask). A pair with fewer than three
    such rows, or with a column constant over them, correlates 0.
    """
    present = (~np.isnan(data)).astype(float)
    x = np.where(present > 0, data, 0.0)
    n = present.T @ present  # [i, j]: rows with both i and j
    sums = x.T @ present  # [i, j]: sum of column i over those rows
    squares = (x * x).T @ present
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / n
        var = squares / n - mean**2
        cov = (x.T @ x) / n - mean * mean.T
        corr = cov / np.sqrt(var * var.T)
    flat = (var <= 1e-12) | (var.T <= 1e-12) | (n < 3)
    corr = np.where(flat, 0.0, corr)
    np.fill_diagonal(corr, 1.0)
    return corr


def relative_weights(dims: np.ndarray, overall: np.ndarray) -> list[Driver]:
    """Relative weights of the dimensions for ``overall``, biggest first.

    Parameters
    ----------
    dims : numpy.ndarray
        ``(n, 7)`` ratings in :data:`surveys.model.DIMENSIONS` order, NaN where missing.
    overall : numpy.ndarray
        ``(n,)`` overall ratings, NaN where missing.

    Returns
    -------
    list of Driver
        ``weight`` is the dimension's share of the explained variance (weights sum to 1);
        ``correlation`` its plain correlation with ``overall``. Empty when there are fewer
        than :data:`MIN_N` rated rows or ``overall`` does not vary.
    """
    keep_rows = ~np.isnan(overall)
    dims, overall = dims[keep_rows], overall[keep_rows]
    if len(overall) < MIN_N or np.std(overall) == 0:
        return []
    usable = [
        j
        for j in range(dims.shape[1])
        if np.count_nonzero(~np.isnan(dims[:, j])) >= MIN_ANSWERS and np.nanstd(dims[:, j]) > 0
    ]
    if not usable:
        return []
    corr = _pairwise_corr(np.column_stack([dims[:, usable], overall]))
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    eigenvalues, vectors = np.linalg.eigh(rxx)
    eigenvalues = np.clip(eigenvalues, 1e-9, None)  # pairwise matrices may be slightly off
    lam = vectors @ np.diag(np.sqrt(eigenvalues)) @ vectors.T
    beta = np.linalg.solve(lam, rxy)
    raw = (lam**2) @ (beta**2)
    total = float(raw.sum())
    if total <= 0:
        return []
    drivers = [
        Driver(DIMENSIONS[j], round(float(raw[pos] / total), 3), round(float(rxy[pos]), 3))
        for pos, j in enumerate(usable)
    ]
    return sorted(drivers, key=lambda d: -d.weight)


def explained_variance(dims: np.ndarray, overall: np.ndarray) -> float | None:
    """R² of ``overall`` on the dimensions (complete rows only); ``None`` when too few."""
    rows = ~np.isnan(overall) & ~np.any(np.isnan(dims), axis=1)
    if np.count_nonzero(rows) < MIN_N:
        return None
    x = np.column_stack([np.ones(np.count_nonzero(rows)), dims[rows]])
    y = overall[rows]
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual = y - x @ coef
    total = float(np.sum((y - y.mean()) ** 2))
    return None if total == 0 else 1.0 - float(np.sum(residual**2)) / total


def describe(drivers: list[Driver], top: int = 2) -> str | None:
    """One sentence naming the strongest drivers, e.g. for the summary."""
    from surveys.model import DIMENSION_LABELS

    if not drivers:
        return None
    parts = [f"{DIMENSION_LABELS[d.dimension].lower()} ({d.weight:.0%})" for d in drivers[:top]]
    return "What matters most for the overall rating: " + " and ".join(parts) + "."
