"""The few Student-t statistics the analysis needs, in plain Python and numpy.

Importing ``scipy.stats`` costs more than a second on the project's 2-core machine, which
every `rapport analyze` paid for three numbers: a confidence interval's t quantile, Welch's
t-test and the p-value of a regression slope. These give the same results (to about
1e-12) from the regularised incomplete beta function, evaluated with Lentz's continued
fraction (Numerical Recipes, section 6.4).
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

_EPS = 1e-15
_TINY = 1e-300


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            break
    return h


def beta_inc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b) for ``0 <= x <= 1``."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )  # fmt: skip
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with ``df`` degrees of freedom (``nan`` if undefined)."""
    if math.isnan(t) or not df > 0:
        return math.nan
    if math.isinf(t):
        return 0.0
    return beta_inc(df / 2.0, 0.5, df / (df + t * t))


def _t_density(t: float, df: float) -> float:
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))


def t_quantile(q: float, df: float) -> float:
    """The ``q`` quantile of Student's t with ``df`` degrees of freedom (``0 < q < 1``).

    Newton's method from the normal quantile (a few steps), kept inside a bracket that
    bisection narrows whenever a step would leave it.
    """
    if q == 0.5:
        return 0.0
    upper = max(q, 1.0 - q)  # solve for the upper quantile, then mirror
    tail = 2.0 * (1.0 - upper)
    low, high = 0.0, 1.0
    while t_two_sided_p(high, df) > tail:
        low, high = high, high * 2.0
    t = min(max(NormalDist().inv_cdf(upper), low), high)
    for _ in range(100):
        error = (1.0 - t_two_sided_p(t, df) / 2.0) - upper  # cdf(t) - upper
        if error > 0:
            high = t
        else:
            low = t
        step = error / _t_density(t, df)
        new = t - step
        if not low < new < high:
            new = (low + high) / 2.0
        if abs(new - t) <= 1e-14 * max(1.0, abs(t)):
            t = new
            break
        t = new
    return t if q > 0.5 else -t


def welch_p(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sided p-value of Welch's t-test of equal means (``nan`` when undefined).

    Parameters
    ----------
    a, b : numpy.ndarray
        The two samples (at least two values each).
    """
    va, vb = float(np.var(a, ddof=1)) / len(a), float(np.var(b, ddof=1)) / len(b)
    total = va + vb
    if total == 0:
        return math.nan
    t = (float(np.mean(a)) - float(np.mean(b))) / math.sqrt(total)
    df = total * total / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    return t_two_sided_p(t, df)


def slope_p(xs: np.ndarray, ys: np.ndarray) -> float:
    """Two-sided p-value that the least-squares slope of ``ys`` on ``xs`` is zero.

    Parameters
    ----------
    xs, ys : numpy.ndarray
        At least three points; ``nan`` when ``xs`` or ``ys`` is constant.
    """
    n = len(xs)
    x, y = xs - np.mean(xs), ys - np.mean(ys)
    sxx, syy, sxy = float(x @ x), float(y @ y), float(x @ y)
    if n < 3 or sxx == 0 or syy == 0:
        return math.nan
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    if abs(r) == 1.0:
        return 0.0
    t = r * math.sqrt((n - 2) / ((1.0 - r) * (1.0 + r)))
    return t_two_sided_p(t, n - 2)
