"""Honest uncertainty on small counts: Wilson score intervals for a rate, Newcombe's interval
for the difference of two rates, Student intervals for a mean and Welch's for two means, and
the difference's interval by structure (people of one structure are alike: a cluster-robust
interval, wide when few structures answered).

Computed here (a few lines each) rather than with scipy or statsmodels, which the tests use to
check these values; 95 % throughout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

LEVEL = 0.95
Z = NormalDist().inv_cdf(0.5 + LEVEL / 2)  # 1.959963984540054

#: Student's t quantile at 0.975 by degrees of freedom (scipy.stats.t.ppf, 4 decimals);
#: between two rows the quantile is interpolated in 1/df, which is within 0.001 of it.
T975 = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646,
        8: 2.3060, 9: 2.2622, 10: 2.2281, 11: 2.2010, 12: 2.1788, 13: 2.1604, 14: 2.1448,
        15: 2.1314, 16: 2.1199, 17: 2.1098, 18: 2.1009, 19: 2.0930, 20: 2.0860, 21: 2.0796,
        22: 2.0739, 23: 2.0687, 24: 2.0639, 25: 2.0595, 26: 2.0555, 27: 2.0518, 28: 2.0484,
        29: 2.0452, 30: 2.0423, 40: 2.0211, 50: 2.0086, 60: 2.0003, 80: 1.9901, 100: 1.9840,
        120: 1.9799, 200: 1.9719, 500: 1.9647}


@dataclass(frozen=True)
class Rate:
    """``k`` out of ``n``, with its 95 % Wilson interval."""

    k: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else 0.0

    def to_json(self) -> dict:
        return {"k": self.k, "n": self.n, "value": round(self.value, 4),
                "low": round(self.low, 4), "high": round(self.high, 4)}


@dataclass(frozen=True)
class Mean:
    """The mean of ``n`` values, their standard deviation and its 95 % Student interval."""

    n: int
    mean: float
    sd: float
    low: float
    high: float

    def to_json(self) -> dict:
        return {"n": self.n, "mean": round(self.mean, 3), "sd": round(self.sd, 3),
                "low": round(self.low, 3), "high": round(self.high, 3)}


@dataclass(frozen=True)
class Difference:
    """new − old, with its 95 % interval; ``clear`` when the interval leaves out 0."""

    value: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        return self.low > 0 or self.high < 0

    def to_json(self) -> dict:
        return {"value": round(self.value, 4), "low": round(self.low, 4),
                "high": round(self.high, 4), "clear": self.clear}


def wilson(k: int, n: int) -> Rate:
    """The Wilson score interval of k successes in n trials (never outside 0–1, sound at 0
    and at n, unlike the textbook p ± 1.96·se).

    >>> r = wilson(52, 100); round(r.low, 4), round(r.high, 4)
    (0.4232, 0.6154)
    >>> wilson(0, 10).low, round(wilson(0, 10).high, 4)
    (0.0, 0.2775)
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"a rate needs 0 ≤ k ≤ n and n > 0, not {k} of {n}")
    p, z2 = k / n, Z * Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if k == 0 else max(0.0, centre - half)  # exactly 0 at 0, not 1e-17
    high = 1.0 if k == n else min(1.0, centre + half)
    return Rate(k, n, low, high)


def newcombe(new: Rate, old: Rate) -> Difference:
    """new − old with Newcombe's hybrid score interval (his method 10), made of the two Wilson
    intervals: it keeps their good behaviour on small counts.

    >>> d = newcombe(wilson(64, 100), wilson(52, 100)); round(d.low, 4), round(d.high, 4)
    (-0.0165, 0.2504)
    """
    d = new.value - old.value
    low = d - math.sqrt((new.value - new.low) ** 2 + (old.high - old.value) ** 2)
    high = d + math.sqrt((new.high - new.value) ** 2 + (old.value - old.low) ** 2)
    return Difference(d, max(-1.0, low), min(1.0, high))


def t_quantile(df: float) -> float:
    """Student's 0.975 quantile for ``df`` degrees of freedom (≥ 1), interpolated in 1/df.

    >>> t_quantile(10), round(t_quantile(35), 3), round(t_quantile(10**6), 3)
    (2.2281, 2.03, 1.96)
    """
    if df < 1:
        raise ValueError("at least 1 degree of freedom")
    rows = sorted(T975.items())
    if df >= rows[-1][0]:
        (d0, t0), (d1, t1) = rows[-1], (math.inf, Z)
    else:
        i = next(i for i, (d, _) in enumerate(rows) if d >= df)
        if rows[i][0] == df:
            return rows[i][1]
        (d0, t0), (d1, t1) = rows[i - 1], rows[i]
    x, x0, x1 = 1 / df, 1 / d0, (0.0 if d1 == math.inf else 1 / d1)
    return t1 + (t0 - t1) * (x - x1) / (x0 - x1)


def mean_interval(values: list[float]) -> Mean | None:
    """The mean with its Student interval; None without values. One value has no spread:
    its interval is the value itself (said as one answer by the callers).

    >>> m = mean_interval([4, 6, 5, 7]); m.mean, round(m.low, 3), round(m.high, 3)
    (5.5, 3.446, 7.554)
    """
    n = len(values)
    if n == 0:
        return None
    mean = sum(values) / n
    if n == 1:
        return Mean(1, mean, 0.0, mean, mean)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(n - 1) * sd / math.sqrt(n)
    return Mean(n, mean, sd, mean - half, mean + half)


#: Per structure: the sum of what is measured (people back with their carnet, minutes) and
#: how many it is measured on (people seen again, answers).
Sums = dict[str, tuple[float, int]]


def by_structure(new: Sums, old: Sums) -> Difference | None:
    """new − old mean with its 95 % interval robust to structures: the people (or answers) of
    one structure count together, so that a few structures that differ cannot pass for many
    independent people. This is the cluster-robust (CR1) interval of the two-group regression
    clustered by structure, with Student's t at G − 1 degrees of freedom for G structures —
    what statsmodels' ``OLS(...).fit(cov_type="cluster", use_t=True)`` gives. A structure that
    answered for both versions is one cluster. None under 2 structures or 3 people.

    >>> d = by_structure({"a": (6, 10), "b": (9, 10)}, {"c": (4, 10), "d": (5, 10)})
    >>> round(d.value, 2), round(d.low, 3), round(d.high, 3)
    (0.3, -0.116, 0.716)
    """
    n_new, n_old = sum(n for _, n in new.values()), sum(n for _, n in old.values())
    clusters = {k for k, (_, n) in new.items() if n} | {k for k, (_, n) in old.items() if n}
    if not n_new or not n_old or len(clusters) < 2 or n_new + n_old < 3:
        return None
    p_new = sum(s for s, _ in new.values()) / n_new
    p_old = sum(s for s, _ in old.values()) / n_old
    score = 0.0
    for key in clusters:  # each structure's residuals, as the dummy's coefficient sees them
        s, n = new.get(key, (0, 0))
        r_new = (s - p_new * n) / n_new
        s, n = old.get(key, (0, 0))
        score += (r_new - (s - p_old * n) / n_old) ** 2
    g, total = len(clusters), n_new + n_old
    half = t_quantile(g - 1) * math.sqrt(score * g / (g - 1) * (total - 1) / (total - 2))
    d = p_new - p_old
    return Difference(d, d - half, d + half)


def hull(a: Difference, b: Difference | None) -> Difference:
    """The interval that holds both: never narrower than either (the verdict takes it)."""
    if b is None:
        return a
    return Difference(a.value, min(a.low, b.low), max(a.high, b.high))


def welch(new: Mean, old: Mean) -> Difference | None:
    """new − old mean with Welch's interval (unequal spreads); None under 2 values a side.

    >>> d = welch(mean_interval([6, 7, 8, 7]), mean_interval([4, 5, 6, 5])); round(d.low, 3)
    0.587
    """
    if new.n < 2 or old.n < 2:
        return None
    a, b = new.sd ** 2 / new.n, old.sd ** 2 / old.n
    d = new.mean - old.mean
    if a + b == 0:
        return Difference(d, d, d)
    df = (a + b) ** 2 / (a * a / (new.n - 1) + b * b / (old.n - 1))
    half = t_quantile(max(1.0, df)) * math.sqrt(a + b)
    return Difference(d, d - half, d + half)
