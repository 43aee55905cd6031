"""The toolkit's own intervals against scipy and statsmodels (test-only dependencies)."""

from __future__ import annotations

import pytest

from monrecap.impact.stats import (by_structure, hull, mean_interval, newcombe, t_quantile,
                                   welch, wilson)

stats = pytest.importorskip("scipy.stats")
proportion = pytest.importorskip("statsmodels.stats.proportion")

CASES = [(0, 1), (1, 1), (0, 10), (3, 10), (10, 10), (52, 100), (64, 100), (1, 30),
         (471, 873), (588, 887), (7, 12), (999, 1000)]


@pytest.mark.parametrize("k,n", CASES)
def test_wilson_matches_statsmodels(k: int, n: int) -> None:
    low, high = proportion.proportion_confint(k, n, alpha=0.05, method="wilson")
    rate = wilson(k, n)
    assert rate.low == pytest.approx(low, abs=1e-9)
    assert rate.high == pytest.approx(high, abs=1e-9)


@pytest.mark.parametrize("new,old", [((64, 100), (52, 100)), ((588, 887), (471, 873)),
                                     ((3, 10), (7, 12)), ((0, 20), (5, 20)),
                                     ((10, 10), (1, 30))])
def test_newcombe_matches_statsmodels(new, old) -> None:
    low, high = proportion.confint_proportions_2indep(*new, *old, method="newcomb",
                                                      compare="diff")
    diff = newcombe(wilson(*new), wilson(*old))
    assert diff.low == pytest.approx(low, abs=1e-9)
    assert diff.high == pytest.approx(high, abs=1e-9)


@pytest.mark.parametrize("df", [1, 2, 3, 5, 7.5, 10, 29, 30, 35, 45, 70, 150, 300, 1000, 1e6])
def test_t_quantile_is_within_a_thousandth_of_scipy(df: float) -> None:
    assert t_quantile(df) == pytest.approx(float(stats.t.ppf(0.975, df)), abs=1e-3)


def test_mean_and_welch_intervals_match_scipy() -> None:
    new, old = [6, 7, 8, 7, 9, 5, 6], [4, 5, 6, 5, 3]
    m = mean_interval(new)
    low, high = stats.t.interval(0.95, len(new) - 1, loc=m.mean, scale=stats.sem(new))
    assert (m.low, m.high) == (pytest.approx(low, abs=1e-3), pytest.approx(high, abs=1e-3))
    ci = stats.ttest_ind(new, old, equal_var=False).confidence_interval(0.95)
    d = welch(m, mean_interval(old))
    assert (d.low, d.high) == (pytest.approx(ci.low, abs=2e-3), pytest.approx(ci.high, abs=2e-3))
    assert d.clear


def _statsmodels_by_structure(new: dict, old: dict) -> tuple[float, float]:
    """The reference: OLS of each person's 0/1 (or each answer's value) on the version,
    standard errors clustered by structure, Student's t (statsmodels)."""
    np = pytest.importorskip("numpy")
    sm = pytest.importorskip("statsmodels.api")
    y, x, groups = [], [], []
    for dummy, side in ((1, new), (0, old)):
        for key, values in side.items():
            y += values
            x += [dummy] * len(values)
            groups += [key] * len(values)
    fit = sm.OLS(np.array(y, float), sm.add_constant(np.array(x, float))).fit(
        cov_type="cluster", cov_kwds={"groups": np.unique(groups, return_inverse=True)[1]},
        use_t=True)
    low, high = fit.conf_int()[1]
    return low, high


def _people(k: int, n: int) -> list[int]:
    return [1] * k + [0] * (n - k)


@pytest.mark.parametrize("new,old", [
    # structures apart: each answered for one version
    ({"a": (30, 40), "b": (10, 40), "c": (25, 30)}, {"d": (12, 40), "e": (20, 35)}),
    # some structures answered for both versions: one cluster each
    ({"a": (30, 40), "b": (10, 40), "c": (25, 30), "f": (3, 9)},
     {"a": (20, 40), "b": (9, 35), "e": (20, 35), "g": (0, 12)}),
    # many people, few structures that differ: the interval is wide
    ({"a": (800, 1000), "b": (300, 1000), "c": (610, 900)},
     {"d": (450, 1000), "e": (700, 1100), "f": (200, 700)}),
])
def test_the_interval_by_structure_matches_statsmodels(new: dict, old: dict) -> None:
    low, high = _statsmodels_by_structure({k: _people(*v) for k, v in new.items()},
                                          {k: _people(*v) for k, v in old.items()})
    d = by_structure(new, old)
    assert (d.low, d.high) == (pytest.approx(low, abs=1e-3), pytest.approx(high, abs=1e-3))


def test_the_interval_by_structure_of_minutes_matches_statsmodels() -> None:
    new = {"a": [6, 7, 8], "b": [5], "c": [9, 8], "d": [4, 6]}
    old = {"a": [4, 5], "e": [6, 3, 5, 2], "f": [3]}
    low, high = _statsmodels_by_structure(new, old)
    d = by_structure({k: (sum(v), len(v)) for k, v in new.items()},
                     {k: (sum(v), len(v)) for k, v in old.items()})
    assert (d.low, d.high) == (pytest.approx(low, abs=1e-3), pytest.approx(high, abs=1e-3))


def test_few_structures_widen_what_newcombe_would_call_clear() -> None:
    """3 structures against 3, 1,000 people each: Newcombe sees 6,000 independent people and
    calls 5 points clear; by structure, the interval holds 0; the verdict takes both."""
    new = {"a": (800, 1000), "b": (300, 1000), "c": (610, 900)}
    old = {"d": (450, 1000), "e": (700, 1100), "f": (200, 700)}
    independent = newcombe(wilson(1710, 2900), wilson(1350, 2800))
    assert independent.clear
    both = hull(independent, by_structure(new, old))
    assert not both.clear and both.low < -0.3 and both.high > 0.4
    assert by_structure({"a": (5, 10)}, {"a": (3, 10)}) is None  # one structure: no interval


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        wilson(5, 4)
    with pytest.raises(ValueError):
        wilson(0, 0)
    assert mean_interval([]) is None and welch(mean_interval([3]), mean_interval([4, 5])) is None
