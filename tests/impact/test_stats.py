"""The toolkit's own intervals against scipy and statsmodels (test-only dependencies)."""

from __future__ import annotations

import pytest

from monrecap.impact.stats import mean_interval, newcombe, t_quantile, welch, wilson

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


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        wilson(5, 4)
    with pytest.raises(ValueError):
        wilson(0, 0)
    assert mean_interval([]) is None and welch(mean_interval([3]), mean_interval([4, 5])) is None
