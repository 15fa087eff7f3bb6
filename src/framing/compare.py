"""Comparing groups of articles (outlets, periods) on per-article measures, with uncertainty.

Every function takes a DataFrame of per-article measures (one row per article, a grouping column,
numeric measure columns) and returns a tidy DataFrame whose columns are documented in its
docstring. Any number of groups is supported.

- :func:`compare` -- the mean of each measure per group with a bootstrap interval over articles.
- :func:`omnibus` -- Kruskal-Wallis across all groups, Holm-corrected across measures.
- :func:`pairwise` -- every pair of groups: Mann-Whitney U (Holm-corrected), Cliff's delta, and
  the difference and ratio of means with bootstrap intervals.
- :func:`presence_tests` -- for yes/no measures (a frame is present): chi-square with Cramér's V
  across groups, pairwise two-proportion z-tests (Fisher's exact test where an expected count is
  below 5; Holm-corrected) with Cohen's h.
- :func:`frame_profile` -- group x frame prevalence with Wilson (or other) intervals.
- :func:`over_time` -- the mean per group per day, week or month, with bootstrap intervals.
- :func:`before_after` -- per group, the change from before an event date to after it.
- :func:`adjusted` -- group means with the mix of a column (e.g. topic) held constant (direct
  standardization), and the group test with and without it.

Tests and intervals come from scipy and statsmodels; this module only arranges them (Holm's
correction is computed here exactly as statsmodels computes it, see ``_holm``). Nothing is
rounded: round at display time.

Example
-------
>>> import pandas as pd
>>> from framing.compare import compare
>>> m = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4,
...                   "tone": [0.1, 0.3, 0.2, 0.0, -0.2, -0.4, -0.1, -0.3]})
>>> table = compare(m, by="outlet", measures=["tone"], n_boot=500)
>>> table[["group", "measure", "estimate", "n"]].round(2).values.tolist()
[['A', 'tone', 0.15, 4], ['B', 'tone', -0.25, 4]]
"""

from __future__ import annotations

import difflib
import itertools
import numbers
from typing import Literal, NamedTuple, get_args

import numpy as np
import pandas as pd

from framing.errors import InputError, MissingColumnError


def _stats():
    """scipy.stats, imported when first needed (it takes about half a second to import, which
    every ``import framing`` and every worker process would otherwise pay)."""
    from scipy import stats

    return stats


__all__ = [
    "AdjustedComparison",
    "PresenceTests",
    "adjusted",
    "before_after",
    "cliffs_delta_magnitude",
    "cohens_h_magnitude",
    "compare",
    "frame_profile",
    "omnibus",
    "over_time",
    "pairwise",
    "presence_tests",
]

COMPARE_COLUMNS = ["group", "measure", "estimate", "ci_low", "ci_high", "n", "zero_share",
                   "ci_note"]
PAIRWISE_COLUMNS = ["measure", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b",
                    "difference", "diff_ci_low", "diff_ci_high", "ratio", "ratio_ci_low",
                    "ratio_ci_high", "u_statistic", "p_value", "p_holm", "cliffs_delta",
                    "magnitude", "ci_note"]
PRESENCE_OMNIBUS_COLUMNS = ["measure", "chi2", "dof", "p_value", "p_holm", "cramers_v", "groups",
                            "n", "min_expected"]
PRESENCE_PAIRWISE_COLUMNS = ["measure", "group_a", "group_b", "n_a", "n_b", "count_a", "count_b",
                             "prop_a", "prop_b", "difference", "diff_ci_low", "diff_ci_high",
                             "ratio", "ratio_ci_low", "ratio_ci_high", "z_statistic",
                             "min_expected", "test", "p_value", "p_holm", "cohens_h", "magnitude"]
PROFILE_COLUMNS = ["group", "frame", "estimate", "ci_low", "ci_high", "n", "count", "ci_note"]
OVER_TIME_COLUMNS = ["group", "period", "measure", "estimate", "ci_low", "ci_high", "n",
                     "zero_share", "ci_note"]
BEFORE_AFTER_COLUMNS = ["group", "measure", "event_date", "n_before", "n_after", "mean_before",
                        "mean_after", "difference", "ci_low", "ci_high", "u_statistic", "p_value",
                        "p_holm", "cliffs_delta", "magnitude", "ci_note"]

#: The smallest expected count of a pair's 2 x 2 table (present/absent by group) for the
#: two-proportion z-test; below it :func:`presence_tests` gives Fisher's exact test (Cochran's
#: rule: the z-test, a chi-square test on the 2 x 2 table, is unreliable with expected counts
#: below 5; one article with the frame against 110 without gave p 0.0007 where Fisher's is 0.08).
MIN_EXPECTED_Z = 5

#: Epsilon-squared of a Kruskal-Wallis test below each limit: negligible, small, medium
#: (Cohen 1988's cut-offs for eta-squared, 0.01, 0.06, 0.14); above, large.
EPSILON_SQUARED_THRESHOLDS = ((0.01, "negligible"), (0.06, "small"), (0.14, "medium"))
#: Cliff's delta magnitude thresholds on |delta| (Romano et al. 2006): below 0.147 negligible,
#: below 0.33 small, below 0.474 medium, else large.
CLIFFS_DELTA_THRESHOLDS = ((0.147, "negligible"), (0.33, "small"), (0.474, "medium"))
#: Cohen's h magnitude thresholds on |h| (Cohen 1988): below 0.2 negligible, below 0.5 small,
#: below 0.8 medium, else large.
COHENS_H_THRESHOLDS = ((0.2, "negligible"), (0.5, "small"), (0.8, "medium"))

Period = Literal["D", "W", "M", "Q", "Y"]
ProportionMethod = Literal["wilson", "jeffreys", "beta", "agresti_coull", "normal", "bootstrap"]

ALL_GROUP = "all"

#: The fewest articles in a group (:func:`compare`, :func:`pairwise`) or group-period
#: (:func:`over_time`) for an interval.
MIN_N_INTERVAL = 5


def _ci_note(values: np.ndarray, min_n: int, side: str | None = None) -> str:
    """Why a sample gives no bootstrap interval of its mean ("" when it gives one).

    Two reasons: too few values (fewer than ``min_n``, or one), or values that are all equal. A
    constant sample (8 articles, every one 0) resamples to itself every time: its bootstrap
    distribution has no spread, so the interval of its mean would be zero-width and the
    interval of a difference with it would reflect the other side's variation only, while the
    sample says nothing about how its own mean varies. ``side`` names the sample in the note.

    >>> _ci_note(np.zeros(8), 5, "before")
    'before: all 8 values are 0 (constant, nothing to resample)'
    >>> _ci_note(np.array([1.0, 2.0]), 5)
    '2 articles (fewer than 5)'
    """
    n = len(values)
    if n == 0:
        note = "no article with a value"
    elif n < max(min_n, 2):
        note = f"{n} article{'s' if n != 1 else ''} (fewer than {max(min_n, 2)})"
    elif np.all(values == values[0]):
        note = f"all {n} values are {values[0]:g} (constant, nothing to resample)"
    else:
        return ""
    return f"{side}: {note}" if side is not None else note


def _join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _check_choice(name: str, value, choices) -> None:
    """Raise ValueError listing the valid values when ``value`` is not one of ``choices``.

    ``choices`` is a ``Literal`` type or a sequence.
    """
    valid = get_args(choices) or tuple(choices)
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not valid; choose one of: "
                         + ", ".join(repr(v) for v in valid))


def _check_interval(ci, n_boot=None) -> None:
    """Refuse a confidence level outside (0, 1) and a bootstrap of fewer than one resample.

    ``ci=95`` (meaning 95%) used to give every interval NaN with an empty ``ci_note``, as if
    the data had none; ``n_boot=0`` a scipy error about ``n_resamples``.

    >>> _check_interval(95)
    Traceback (most recent call last):
    ...
    ValueError: ci=95 is not valid; give the confidence level as a fraction between 0 and 1, e.g. 0.95 for 95%
    """
    if isinstance(ci, bool) or not isinstance(ci, numbers.Real) or not 0 < ci < 1:
        raise ValueError(f"ci={ci!r} is not valid; give the confidence level as a fraction "
                         "between 0 and 1, e.g. 0.95 for 95%")
    if n_boot is not None and (isinstance(n_boot, bool)
                               or not isinstance(n_boot, (int, np.integer)) or n_boot < 1):
        raise ValueError(f"n_boot={n_boot!r} is not valid; give the number of bootstrap "
                         "resamples, a whole number of 1 or more (e.g. 2000)")


def _require_columns(metrics: pd.DataFrame, *columns: str | None) -> None:
    for column in columns:
        if column is not None and column not in metrics.columns:
            raise MissingColumnError(None, field=column,
                                     hint=_column_hint(column, metrics.columns))


def _column_hint(column: str, present) -> str:
    """What to say about a missing column: the near names first ("tone" -> "sentiment_tone"),
    then all of them.

    >>> _column_hint("tone", ["outlet", "sentiment_tone"])
    'did you mean sentiment_tone? columns present: outlet, sentiment_tone'
    """
    names = [str(c) for c in present]
    near = [c for c in names if str(column).lower() in c.lower()][:5] or \
        difflib.get_close_matches(str(column), names, n=3, cutoff=0.6)
    return ((f"did you mean {', '.join(near)}? " if near else "")
            + "columns present: " + ", ".join(names))


def _require_group_column(metrics: pd.DataFrame, by: str | None) -> None:
    """A missing grouping column: name the columns one could group by, and say how to bring a
    corpus column back (``framing.analyze`` keeps only id, outlet, date and title)."""
    if by is None or by in metrics.columns:
        return
    from framing.analyze import FAMILIES, META_COLUMNS

    groups = [str(c) for c in metrics.columns if str(c).split("_", 1)[0] not in FAMILIES]
    raise MissingColumnError(None, field=by, hint=(
        f"columns to group by: {', '.join(groups) or 'none'}. framing.analyze keeps the "
        f"corpus's {', '.join(META_COLUMNS)} columns; join another one back by the index, e.g. "
        f"metrics.join(corpus[[{by!r}]])"))


def _numeric_measures(metrics: pd.DataFrame, by: str | None, measures) -> list[str]:
    _require_group_column(metrics, by)
    if measures is None:
        return [c for c in metrics.columns
                if c != by and pd.api.types.is_numeric_dtype(metrics[c])
                and not pd.api.types.is_bool_dtype(metrics[c])]
    if isinstance(measures, str):
        measures = [measures]
    _require_columns(metrics, *measures)
    for column in measures:
        values = metrics[column]
        if pd.api.types.is_numeric_dtype(values):
            continue
        text = next((v for v in values.dropna()
                     if not isinstance(v, (int, float, np.number, bool))), None)
        if text is not None:
            raise InputError(None, f"the measure holds {type(text).__name__} values such as "
                                   f"{text!r}, not numbers", field=column,
                             hint="give numeric measure columns (a yes/no column to "
                                  "presence_tests or frame_profile)")
    return list(measures)


def _groups(metrics: pd.DataFrame, by: str | None):
    """``(group, rows)`` pairs sorted by group; ``by=None`` makes one group called "all"."""
    if by is None:
        return [(ALL_GROUP, metrics)]
    return list(metrics.groupby(by, sort=True, dropna=True))


def _values(part: pd.DataFrame, measure: str) -> np.ndarray:
    return pd.to_numeric(part[measure], errors="coerce").dropna().to_numpy(float)


def _bootstrap_mean(values: np.ndarray, ci: float, n_boot: int, rng):
    """Percentile-bootstrap interval of the mean, and the bootstrap distribution of the mean.

    A single value has no interval (NaN, and a NaN distribution: one article says nothing about
    how the mean varies, and a zero-width interval would look perfectly precise); nor have
    identical values: their resamples all repeat them, a distribution without spread that would
    give a zero-width interval, and a difference with another sample an interval reflecting
    that sample alone (:func:`_ci_note`).
    """
    if len(values) == 0:
        return np.nan, np.nan, np.empty(0)
    if len(values) < 2 or np.all(values == values[0]):
        return np.nan, np.nan, np.full(n_boot, np.nan)
    res = _stats().bootstrap((values,), np.mean, confidence_level=ci, n_resamples=n_boot,
                          method="percentile", random_state=rng, vectorized=True)
    return (float(res.confidence_interval.low), float(res.confidence_interval.high),
            np.asarray(res.bootstrap_distribution, float))


def _percentile_ci(distribution: np.ndarray, ci: float) -> tuple[float, float]:
    if len(distribution) == 0 or np.isnan(distribution).any():
        return np.nan, np.nan
    tail = (1 - ci) / 2
    low, high = np.quantile(distribution, [tail, 1 - tail])
    return float(low), float(high)


def _holm(p_values: pd.Series) -> pd.Series:
    """Holm-adjusted p-values; NaN entries stay NaN and are not counted as tests.

    The same arithmetic as statsmodels' ``multipletests(p, method="holm")`` (sorted p-values
    times m, m - 1, ..., 1, a running maximum, capped at 1), and the same numbers to the last
    bit (the tests compare them), without its ``gc.collect()``: statsmodels runs a full garbage
    collection on every Holm call, which in a report holding the evidence of thousands of
    articles took 0.3 s a call, 9 s of a 7,484-article outlet comparison (31 calls).
    """
    out = pd.Series(np.nan, index=p_values.index, dtype=float)
    ok = p_values.notna()
    if ok.any():
        p = p_values[ok].to_numpy(float)
        order = np.argsort(p)
        adjusted = np.maximum.accumulate(p[order] * np.arange(len(p), 0, -1))
        adjusted[adjusted > 1] = 1
        corrected = np.empty_like(adjusted)
        corrected[order] = adjusted
        out[ok] = corrected
    return out


def _magnitude(value: float, thresholds) -> str:
    if value != value:  # NaN
        return ""
    for limit, name in thresholds:
        if abs(value) < limit:
            return name
    return "large"


def cliffs_delta_magnitude(delta: float) -> str:
    """Verbal magnitude of Cliff's delta: negligible, small, medium or large (Romano et al. 2006).

    >>> [cliffs_delta_magnitude(d) for d in (0.1, -0.2, 0.4, -0.9)]
    ['negligible', 'small', 'medium', 'large']
    """
    return _magnitude(delta, CLIFFS_DELTA_THRESHOLDS)


def cohens_h_magnitude(h: float) -> str:
    """Verbal magnitude of Cohen's h: negligible, small, medium or large (Cohen 1988).

    >>> [cohens_h_magnitude(h) for h in (0.1, -0.3, 0.6, 1.2)]
    ['negligible', 'small', 'medium', 'large']
    """
    return _magnitude(h, COHENS_H_THRESHOLDS)


def _mann_whitney(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """``(U of a, two-sided p, Cliff's delta of a over b)``; NaN when a sample is empty.

    Cliff's delta is P(a > b) - P(a < b) over all pairs, which equals ``2 U / (n_a n_b) - 1``
    with scipy's U for the first sample (ties counted one half).
    """
    if len(a) == 0 or len(b) == 0:
        return np.nan, np.nan, np.nan
    res = _stats().mannwhitneyu(a, b, alternative="two-sided")
    u = float(res.statistic)
    return u, float(res.pvalue), 2.0 * u / (len(a) * len(b)) - 1.0


def compare(metrics: pd.DataFrame, by: str = "outlet", measures=None, *, ci: float = 0.95,
            n_boot: int = 2000, seed: int = 0, min_n: int = MIN_N_INTERVAL) -> pd.DataFrame:
    """Mean of each measure per group, with a percentile bootstrap interval over articles.

    Parameters
    ----------
    metrics : one row per article, a grouping column and numeric measure columns.
    by : the grouping column (any number of groups).
    measures : measure columns; default every numeric (non-boolean) column.
    ci : confidence level of the intervals, as a fraction: 0.95 for 95% (a value outside 0 to
        1, such as 95, is a ``ValueError``).
    n_boot : bootstrap resamples (articles resampled with replacement within each group; 1 or
        more).
    seed : random seed; the same seed gives the same intervals.
    min_n : the fewest articles a group needs for an interval, a whole number of 2 or more
        (default :data:`MIN_N_INTERVAL`, 5; 1 is a ``ValueError``, as one article has no
        spread): a bootstrap of two or three values only restates them, and would be shown as a
        95% interval; below it the interval is missing (NaN), the mean is still given.

    Returns
    -------
    Tidy DataFrame ``group, measure, estimate, ci_low, ci_high, n, zero_share, ci_note``:
    ``estimate`` is the mean over the group's articles with a value; ``n`` counts them;
    ``zero_share`` is the share of them exactly 0 (often "not scored" rather than "neutral");
    ``ci_note`` says why ``ci_low``/``ci_high`` are missing ("" when they are not): fewer than
    ``min_n`` articles, or values all equal ("all 8 values are 0 (constant, ...)"): every
    resample of a constant group repeats it, so a bootstrap would give a zero-width interval,
    precise-looking where the group says nothing about how its mean varies.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "hedges": [1.0, 3.0, 0.0, 0.0]})
    >>> compare(m, measures=["hedges"])[["group", "estimate", "zero_share"]].values.tolist()
    [['A', 2.0, 0.0], ['B', 0.0, 1.0]]
    """
    return _compare(metrics, by, measures, ci=ci, n_boot=n_boot, seed=seed, min_n=min_n)[0]


def _compare(metrics, by, measures, *, ci, n_boot, seed, min_n=MIN_N_INTERVAL):
    """:func:`compare`, plus the bootstrap distributions keyed by ``(group, measure)``."""
    _check_interval(ci, n_boot)
    _check_min_n(min_n)
    measures = _numeric_measures(metrics, by, measures)
    rng = np.random.default_rng(seed)
    rows, distributions = [], {}
    for group, part in _groups(metrics, by):
        for measure in measures:
            values = _values(part, measure)
            if 0 < len(values) < min_n:  # too few for an interval: the mean alone
                low, high, dist = np.nan, np.nan, np.full(n_boot, np.nan)
            else:
                low, high, dist = _bootstrap_mean(values, ci, n_boot, rng)
            distributions[group, measure] = dist
            rows.append({"group": group, "measure": measure,
                         "estimate": float(values.mean()) if len(values) else np.nan,
                         "ci_low": low, "ci_high": high, "n": len(values),
                         "zero_share": float((values == 0).mean()) if len(values) else np.nan,
                         "ci_note": _ci_note(values, min_n)})
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS), distributions


def omnibus(metrics: pd.DataFrame, by: str = "outlet", measures=None) -> pd.DataFrame:
    """Kruskal-Wallis test of each measure across all groups.

    Returns ``measure, statistic, dof, p_value, p_holm, epsilon_squared, magnitude, groups,
    n``: ``statistic`` is H, ``dof`` its degrees of freedom (groups - 1), ``p_holm``
    Holm-corrected across the measures tested. ``epsilon_squared`` = H / (n - 1), the effect
    size of the test (the share of the variance of the ranks that lies between the groups, 0 to
    1; Tomczak & Tomczak 2014) and ``magnitude`` its verbal size (below 0.01 negligible, 0.06
    small, 0.14 medium, else large, the conventional eta-squared cut-offs): with tens of
    thousands of articles every p-value is tiny, and the effect size says whether the
    difference matters. A measure with fewer than two groups holding values, or with one value
    throughout, gets NaN (and is not counted as a test).

    References
    ----------
    Tomczak, M. & Tomczak, E. (2014). The need to report effect size estimates revisited.
    Trends in Sport Sciences 21(1), 19-25.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": list("AAABBBCCC"), "x": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
    >>> round(float(omnibus(m)["p_value"].iloc[0]), 4)
    0.0273
    """
    measures = _numeric_measures(metrics, by, measures)
    rows = []
    for measure in measures:
        samples = [_values(part, measure) for _, part in _groups(metrics, by)]
        samples = [s for s in samples if len(s)]
        stat = p = np.nan
        if len(samples) >= 2 and len(np.unique(np.concatenate(samples))) > 1:
            stat, p = _stats().kruskal(*samples)
        rows.append({"measure": measure, "statistic": float(stat),
                     "dof": float(len(samples) - 1) if not np.isnan(stat) else np.nan,
                     "p_value": float(p), "groups": len(samples),
                     "n": int(sum(len(s) for s in samples))})
    table = pd.DataFrame(rows, columns=["measure", "statistic", "dof", "p_value", "groups", "n"])
    table["p_holm"] = _holm(table["p_value"])
    table["epsilon_squared"] = table["statistic"] / (table["n"] - 1).where(table["n"] > 1)
    table["magnitude"] = [epsilon_squared_magnitude(e) for e in table["epsilon_squared"]]
    return table[["measure", "statistic", "dof", "p_value", "p_holm", "epsilon_squared",
                  "magnitude", "groups", "n"]]


def epsilon_squared_magnitude(value: float) -> str:
    """Verbal size of an epsilon-squared (or eta-squared): below 0.01 negligible, below 0.06
    small, below 0.14 medium, else large (Cohen 1988's cut-offs for eta-squared); empty for NaN.

    >>> epsilon_squared_magnitude(0.003), epsilon_squared_magnitude(0.08)
    ('negligible', 'medium')
    """
    return _magnitude(value, EPSILON_SQUARED_THRESHOLDS)


def pairwise(metrics: pd.DataFrame, by: str = "outlet", measures=None, *, ci: float = 0.95,
             n_boot: int = 2000, seed: int = 0, min_n: int = MIN_N_INTERVAL) -> pd.DataFrame:
    """Every pair of groups on every measure: Mann-Whitney U, Cliff's delta, difference and ratio.

    Parameters
    ----------
    metrics : one row per article, a grouping column and numeric measure columns.
    by : the grouping column (any number of groups).
    measures : measure columns; default every numeric (non-boolean) column.
    ci : confidence level of the difference and ratio intervals.
    n_boot : bootstrap resamples per group.
    seed : random seed.
    min_n : the fewest articles each group needs for the interval of the difference and ratio,
        a whole number of 2 or more (as in :func:`compare`); the test needs none.

    Returns
    -------
    One row per measure and pair (``group_a`` sorts before ``group_b``):

    - ``n_a, n_b, mean_a, mean_b`` -- articles with a value and their mean, per group;
    - ``difference`` = ``mean_a - mean_b`` with a percentile-bootstrap interval
      ``diff_ci_low, diff_ci_high`` (articles resampled independently within each group); none
      (NaN) when a group has fewer than ``min_n`` articles or all its values equal: a constant
      group (every article 0) never varies under resampling, so the interval would reflect the
      other group alone and look more precise than the data allow;
    - ``ratio`` = ``mean_a / mean_b`` with its bootstrap interval ``ratio_ci_low, ratio_ci_high``;
      NaN when the measure takes negative values (a ratio of such means has no meaning) or
      ``mean_b`` is 0. A resample of ``group_b`` with mean 0 has an unbounded ratio, counted
      as infinite; when such resamples reach the upper percentile (2.5% of them at ``ci``
      0.95, as when nearly all of ``group_b`` is 0: boosters in 1 of 16 articles) the ratio
      has no interval, and ``ci_note`` says so;
    - ``u_statistic`` -- scipy's Mann-Whitney U of ``group_a``; ``p_value`` two-sided;
      ``p_holm`` Holm-corrected across the pairs of that measure;
    - ``cliffs_delta`` = P(a > b) - P(a < b) over all pairs of articles, from -1 (every ``b``
      article higher) to 1 (every ``a`` article higher); ``magnitude`` its verbal size
      (:func:`cliffs_delta_magnitude`), a description of the two samples: with small or
      constant groups read it with ``p_holm``;
    - ``ci_note`` -- why the intervals are missing ("" when they are not), per group, e.g.
      ``"B: all 8 values are 0 (constant, nothing to resample)"``.

    References
    ----------
    Cliff, N. (1993). Dominance statistics: ordinal analyses to answer ordinal questions.
    Psychological Bulletin 114(3), 494-509.
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian
    Journal of Statistics 6(2), 65-70.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 3 + ["B"] * 2, "x": [1.0, 2, 3, 2, 4]})
    >>> t = pairwise(m, measures=["x"], n_boot=200)
    >>> t[["group_a", "group_b", "cliffs_delta", "magnitude"]].to_dict("records")
    [{'group_a': 'A', 'group_b': 'B', 'cliffs_delta': -0.5, 'magnitude': 'large'}]
    """
    _table, dists = _compare(metrics, by, measures, ci=ci, n_boot=n_boot, seed=seed, min_n=min_n)
    measures = list(dict.fromkeys(_table["measure"]))
    groups = _groups(metrics, by)
    frames = []
    for measure in measures:
        samples = {g: _values(part, measure) for g, part in groups}
        nonnegative = all((s >= 0).all() for s in samples.values())
        rows = []
        for ga, gb in itertools.combinations(samples, 2):
            a, b = samples[ga], samples[gb]
            u, p, delta = _mann_whitney(a, b)
            mean_a = float(a.mean()) if len(a) else np.nan
            mean_b = float(b.mean()) if len(b) else np.nan
            da, db = dists[ga, measure], dists[gb, measure]
            diff_low = diff_high = ratio = ratio_low = ratio_high = np.nan
            ratio_note = ""
            if len(da) and len(db):
                diff_low, diff_high = _percentile_ci(da - db, ci)
                if nonnegative and mean_b > 0:
                    ratio = mean_a / mean_b
                    zero = db == 0  # such a resample's ratio is unbounded (x / 0, or 0 / 0)
                    if zero.mean() >= (1 - ci) / 2:  # it reaches the upper percentile
                        ratio_note = (f"ratio: {int(zero.sum())} of {len(db)} resamples of "
                                      f"{gb} have mean 0 (no interval of the ratio)")
                    else:
                        with np.errstate(divide="ignore", invalid="ignore"):
                            ratios = np.where(zero, np.inf, da / np.where(zero, 1.0, db))
                        ratio_low, ratio_high = _percentile_ci(ratios, ci)
            rows.append({"measure": measure, "group_a": ga, "group_b": gb, "n_a": len(a),
                         "n_b": len(b), "mean_a": mean_a, "mean_b": mean_b,
                         "difference": mean_a - mean_b, "diff_ci_low": diff_low,
                         "diff_ci_high": diff_high, "ratio": ratio, "ratio_ci_low": ratio_low,
                         "ratio_ci_high": ratio_high, "u_statistic": u, "p_value": p,
                         "cliffs_delta": delta, "magnitude": cliffs_delta_magnitude(delta),
                         "ci_note": _join_notes(_ci_note(a, min_n, str(ga)),
                                                _ci_note(b, min_n, str(gb)), ratio_note)})
        part = pd.DataFrame(rows, columns=[c for c in PAIRWISE_COLUMNS if c != "p_holm"])
        part["p_holm"] = _holm(part["p_value"])
        frames.append(part)
    table = (pd.concat(frames, ignore_index=True)[PAIRWISE_COLUMNS] if frames
             else pd.DataFrame(columns=PAIRWISE_COLUMNS))
    table.attrs["ci"] = float(ci)  # JSON types: pandas writes attrs as JSON (to_parquet)
    return table


def _presence(part: pd.DataFrame, measure: str) -> np.ndarray:
    """Presence (True/False) of a yes/no or count measure; missing values dropped."""
    column = part[measure]
    if pd.api.types.is_bool_dtype(column):
        return column.dropna().to_numpy(bool)
    values = pd.to_numeric(column, errors="coerce").dropna().to_numpy(float)
    if (values < 0).any():
        raise ValueError(f"measure {measure!r} has negative values; presence tests need yes/no "
                         "(True/False, 1/0) or count columns, read as present when > 0")
    return values > 0


#: Columns of the measure families that are never presence measures, though some hold only 0
#: and 1 (a count that is 0 or 1 in every article, a language flag).
_NOT_PRESENCE_PREFIXES = ("hedging_", "sentiment_", "sources_", "frames_n_")
_NOT_PRESENCE_SUFFIXES = ("_english", "_share", "_density", "_prob")


def _presence_measures(metrics: pd.DataFrame, by: str | None, measures) -> list[str]:
    _require_group_column(metrics, by)
    if measures is None:
        return [c for c in metrics.columns if c != by and _is_binary(metrics[c])
                and not str(c).startswith(_NOT_PRESENCE_PREFIXES)
                and not str(c).endswith(_NOT_PRESENCE_SUFFIXES)]
    if isinstance(measures, str):
        measures = [measures]
    _require_columns(metrics, *measures)
    return list(measures)


def _is_binary(column: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(column):
        return True
    if not pd.api.types.is_numeric_dtype(column):
        return False
    values = column.dropna().unique()
    return len(values) > 0 and set(values.tolist()) <= {0, 1}


class PresenceTests(NamedTuple):
    """Result of :func:`presence_tests`: the omnibus table and the pairwise table."""

    omnibus: pd.DataFrame
    pairwise: pd.DataFrame


def presence_tests(metrics: pd.DataFrame, by: str = "outlet", measures=None, *,
                   ci: float = 0.95) -> PresenceTests:
    """Do groups differ in how often a yes/no measure is present (e.g. a frame in an article)?

    A measure column holds True/False, 1/0, or counts (present when > 0); missing values are
    left out. Default measures: every boolean or 0/1 column, except the measure families' counts,
    salience columns and ``<family>_english`` flags (so, of a ``framing.analyze`` table, the
    ``frames_<frame>`` presence columns and your own 0/1 columns).

    Returns
    -------
    ``PresenceTests(omnibus, pairwise)`` (a named tuple; ``omni, pairs = presence_tests(...)``).

    ``omnibus``: one row per measure, ``measure, chi2, dof, p_value, p_holm, cramers_v, groups,
    n, min_expected`` -- Pearson's chi-square test of independence of group and presence on the
    groups x {present, absent} table (no continuity correction), Holm-corrected across measures;
    Cramér's V from 0 (no association) to 1; ``min_expected`` the smallest expected cell count
    (below 5 the chi-square approximation is doubtful). NaN when fewer than two groups hold
    values or the measure is present everywhere or nowhere.

    ``pairwise``: one row per measure and pair, ``n_a, n_b`` articles, ``count_a, count_b``
    present, ``prop_a, prop_b`` proportions; ``difference`` = ``prop_a - prop_b`` with a
    Newcombe interval; ``ratio`` = ``prop_a / prop_b`` with a log-adjusted interval (NaN when
    ``prop_b`` is 0); ``z_statistic`` of the pooled two-proportion z-test; ``min_expected`` the
    smallest expected count of the pair's 2 x 2 table; ``test`` the test behind ``p_value``:
    ``"z"`` (the z-test, two-sided) when ``min_expected`` is at least :data:`MIN_EXPECTED_Z` (5),
    else ``"fisher"`` (Fisher's exact test, two-sided: with a group of one or two articles, or a
    rare frame, the z-test's normal approximation fails and its p-value can be a hundred times
    too small); ``p_holm`` Holm-corrected across the pairs of that measure (``test``, ``p_value``
    and ``p_holm`` empty or NaN when both groups are all present or all absent); ``cohens_h`` = 2 asin(sqrt(prop_a)) - 2 asin(sqrt(prop_b)) and its ``magnitude``
    (:func:`cohens_h_magnitude`).

    References
    ----------
    Cramér, H. (1946). Mathematical Methods of Statistics. Princeton University Press.
    Newcombe, R. G. (1998). Interval estimation for the difference between independent
    proportions. Statistics in Medicine 17, 873-890.
    Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences, 2nd ed.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 10,
    ...                   "conflict": [1] * 8 + [0] * 2 + [1] * 2 + [0] * 8})
    >>> omni, pairs = presence_tests(m)
    >>> omni[["chi2", "cramers_v"]].round(3).iloc[0].tolist()
    [7.2, 0.6]
    >>> round(float(pairs["z_statistic"].iloc[0]) ** 2, 3)
    7.2
    """
    from scipy.stats.contingency import association

    _check_interval(ci)
    measures = _presence_measures(metrics, by, measures)
    alpha = 1 - ci
    groups = _groups(metrics, by)
    omni_rows, pair_frames = [], []
    # a pair's tests and intervals depend on its four counts only: each distinct set is computed
    # once (of the 42,486 pairs of 292 AllSides outlets, about 6,000 differ per frame)
    pair_stats: dict = {}
    for measure in measures:
        present = {g: _presence(part, measure) for g, part in groups}
        present = {g: v for g, v in present.items() if len(v)}
        table = np.array([[v.sum(), len(v) - v.sum()] for v in present.values()],
                         dtype=np.int64)
        chi2 = dof = p = v_stat = min_expected = np.nan
        if len(present) >= 2 and table[:, 0].sum() > 0 and table[:, 1].sum() > 0:
            res = _stats().chi2_contingency(table, correction=False)
            chi2, p, dof = float(res.statistic), float(res.pvalue), int(res.dof)
            min_expected = float(res.expected_freq.min())
            v_stat = float(association(table, method="cramer", correction=False))
        omni_rows.append({"measure": measure, "chi2": chi2, "dof": dof, "p_value": p,
                          "cramers_v": v_stat, "groups": len(present), "n": int(table.sum()),
                          "min_expected": min_expected})
        rows = []
        counts = {g: (int(v.sum()), len(v)) for g, v in present.items()}
        for ga, gb in itertools.combinations(present, 2):
            (ca, na), (cb, nb) = counts[ga], counts[gb]
            pa, pb = ca / na, cb / nb
            key = (ca, na, cb, nb)
            if key not in pair_stats:
                pair_stats[key] = _presence_pair(ca, na, cb, nb, alpha)
            z, p_pair, test, expected, diff_low, diff_high, ratio, ratio_low, ratio_high, h = \
                pair_stats[key]
            rows.append({"measure": measure, "group_a": ga, "group_b": gb, "n_a": na, "n_b": nb,
                         "count_a": ca, "count_b": cb, "prop_a": pa, "prop_b": pb,
                         "difference": pa - pb, "diff_ci_low": diff_low,
                         "diff_ci_high": diff_high, "ratio": ratio, "ratio_ci_low": ratio_low,
                         "ratio_ci_high": ratio_high, "z_statistic": z,
                         "min_expected": float(expected), "test": test, "p_value": p_pair,
                         "cohens_h": h, "magnitude": cohens_h_magnitude(h)})
        part = pd.DataFrame(rows, columns=[c for c in PRESENCE_PAIRWISE_COLUMNS if c != "p_holm"])
        part["p_holm"] = _holm(part["p_value"])
        pair_frames.append(part)
    omni = pd.DataFrame(omni_rows, columns=[c for c in PRESENCE_OMNIBUS_COLUMNS if c != "p_holm"])
    omni["p_holm"] = _holm(omni["p_value"])
    pairs = (pd.concat(pair_frames, ignore_index=True)[PRESENCE_PAIRWISE_COLUMNS]
             if pair_frames else pd.DataFrame(columns=PRESENCE_PAIRWISE_COLUMNS))
    pairs.attrs["ci"] = float(ci)
    return PresenceTests(omni[PRESENCE_OMNIBUS_COLUMNS], pairs)


def _presence_pair(ca: int, na: int, cb: int, nb: int, alpha: float) -> tuple:
    """The tests and intervals of one pair of :func:`presence_tests`, from its counts: ``(z,
    p_value, test, min_expected, diff_ci_low, diff_ci_high, ratio, ratio_ci_low,
    ratio_ci_high, cohens_h)``."""
    from statsmodels.stats.proportion import (
        confint_proportions_2indep,
        proportion_effectsize,
        proportions_ztest,
    )

    pa, pb = ca / na, cb / nb
    z = p_pair = np.nan
    test = ""
    present_total = ca + cb
    expected = min(na, nb) * min(present_total, na + nb - present_total) / (na + nb)
    if 0 < present_total < na + nb:
        z, p_pair = (float(x) for x in proportions_ztest([ca, cb], [na, nb]))
        test = "z"
        if expected < MIN_EXPECTED_Z:
            p_pair = float(_stats().fisher_exact([[ca, na - ca], [cb, nb - cb]],
                                                 alternative="two-sided").pvalue)
            test = "fisher"
    diff_low, diff_high = (float(x) for x in confint_proportions_2indep(
        ca, na, cb, nb, method="newcomb", compare="diff", alpha=alpha))
    ratio = ratio_low = ratio_high = np.nan
    if cb > 0:
        ratio = pa / pb
        ratio_low, ratio_high = (float(x) for x in confint_proportions_2indep(
            ca, na, cb, nb, method="log-adjusted", compare="ratio", alpha=alpha))
    h = float(proportion_effectsize(pa, pb))
    return z, p_pair, test, expected, diff_low, diff_high, ratio, ratio_low, ratio_high, h


def frame_profile(metrics: pd.DataFrame, by: str = "outlet", frame_columns=None, *,
                  ci: float = 0.95, method: ProportionMethod = "wilson", n_boot: int = 2000,
                  seed: int = 0) -> pd.DataFrame:
    """Prevalence of each frame per group: the share of the group's articles where it is present.

    Parameters
    ----------
    metrics : one row per article, a grouping column and one column per frame holding
        True/False, 1/0 or a count of cues (present when > 0).
    by : the grouping column; ``None`` treats all articles as one group called "all".
    frame_columns : the frame columns; default as for :func:`presence_tests`.
    ci : confidence level.
    method : interval for a proportion: ``"wilson"`` (default), ``"jeffreys"``, ``"beta"``
        (Clopper-Pearson), ``"agresti_coull"`` or ``"normal"`` (all from statsmodels'
        ``proportion_confint``), or ``"bootstrap"`` (percentile bootstrap over articles).
    n_boot, seed : bootstrap resamples and seed (``method="bootstrap"`` only).

    Returns
    -------
    Tidy DataFrame ``group, frame, estimate, ci_low, ci_high, n, count, ci_note``:
    ``estimate`` is the prevalence (0-1) among the ``n`` articles with a value; ``count`` of
    them have the frame. A frame present in none or all of a group's articles gets the Wilson
    interval whatever ``method`` says when that method would give a zero-width one
    (``"bootstrap"``, whose resamples all repeat 0 or 1, and ``"normal"``), and ``ci_note``
    says so; a group without an article with a value (all left unscored, e.g. not English) has
    ``n`` 0, no estimate and ``ci_note`` "no article with a value"; otherwise ``ci_note`` is "".

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4,
    ...                   "conflict": [1, 1, 1, 0, 0, 0, 1, 0]})
    >>> frame_profile(m)[["group", "frame", "estimate", "count"]].values.tolist()
    [['A', 'conflict', 0.75, 3], ['B', 'conflict', 0.25, 1]]
    """
    from statsmodels.stats.proportion import proportion_confint

    _check_choice("method", method, ProportionMethod)
    _check_interval(ci, n_boot)
    frames = _presence_measures(metrics, by, frame_columns)
    rng = np.random.default_rng(seed)
    rows = []
    for group, part in _groups(metrics, by):
        for frame in frames:
            present = _presence(part, frame)
            n, count = len(present), int(present.sum())
            low = high = np.nan
            note = ""
            if n and count in (0, n) and method in ("bootstrap", "normal"):
                # every resample repeats 0 or 1 (and Wald's interval has no width there):
                # Wilson's interval stays honest at the boundary
                low, high = (float(x) for x in proportion_confint(count, n, alpha=1 - ci,
                                                                  method="wilson"))
                note = (f"Wilson interval: the frame is {'absent from' if count == 0 else 'in'} "
                        f"all {n} articles, where the {method} interval has no width")
            elif n and method == "bootstrap":
                low, high, _ = _bootstrap_mean(present.astype(float), ci, n_boot, rng)
            elif n:
                low, high = (float(x) for x in proportion_confint(count, n, alpha=1 - ci,
                                                                  method=method))
            else:  # e.g. an outlet whose articles were all left unscored (not English)
                note = "no article with a value"
            rows.append({"group": group, "frame": frame,
                         "estimate": count / n if n else np.nan, "ci_low": low, "ci_high": high,
                         "n": n, "count": count, "ci_note": note})
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


ADJUSTED_COLUMNS = ["group", "measure", "kind", "n", "raw_mean", "crude_mean", "estimate",
                    "ci_low", "ci_high", "n_used", "n_left_out", "strata_used", "strata_left_out",
                    "ci_note"]
ADJUSTED_TEST_COLUMNS = ["measure", "kind", "groups", "n_used", "strata_used", "strata_left_out",
                         "f_crude", "p_crude", "p_crude_holm", "f_adjusted", "p_adjusted",
                         "p_adjusted_holm", "df_num", "df_denom", "spread_crude",
                         "spread_adjusted", "spread_explained", "note"]


class AdjustedComparison(NamedTuple):
    """Result of :func:`adjusted`: the means per group and measure, the tests per measure, and
    the strata left out."""

    means: pd.DataFrame
    tests: pd.DataFrame
    left_out: pd.DataFrame


def _cell_boot_means(values: np.ndarray, n_boot: int, rng) -> np.ndarray:
    """``n_boot`` means of resamples (with replacement) of one group x stratum cell."""
    n = len(values)
    if np.all(values == values[0]):
        return np.full(n_boot, values[0])
    out = np.empty(n_boot)
    step = max(1, 4_000_000 // n)  # bounded memory for large cells
    for start in range(0, n_boot, step):
        stop = min(n_boot, start + step)
        out[start:stop] = values[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    return out


def _group_wald(y: np.ndarray, groups: np.ndarray, strata: np.ndarray | None):
    """Heteroskedasticity-robust (HC3) Wald F test that the group dummies of an OLS model are
    all 0: ``y ~ group`` (``strata`` None) or ``y ~ group + stratum``. ``(F, p, df_num,
    df_denom, note)``; NaN when it cannot be computed (one group, a constant measure), and NaN
    with ``note`` saying why when the robust covariance of the group coefficients is singular.

    That happens when the model fits some groups' articles exactly, e.g. a frame present in
    every used article of one outlet and in none of another's: their residuals are all 0, so
    HC3 gives their difference a variance of 0. A Wald test through a pseudo-inverse (what
    statsmodels does, with a warning) then drops that difference, the clearest of all, and can
    report "no difference" between an outlet at 100% and one at 0%."""
    import statsmodels.api as sm

    group_dummies = pd.get_dummies(pd.Series(groups), drop_first=True, dtype=float)
    k = group_dummies.shape[1]
    if k < 1 or np.all(y == y[0]):
        return np.nan, np.nan, np.nan, np.nan, ""
    parts = [pd.Series(1.0, index=group_dummies.index, name="const"), group_dummies]
    if strata is not None:
        parts.append(pd.get_dummies(pd.Series(strata), drop_first=True, dtype=float,
                                    prefix="stratum"))
    exog = pd.concat(parts, axis=1).to_numpy(float)
    fit = sm.OLS(y, exog).fit(cov_type="HC3")
    restriction = np.zeros((k, exog.shape[1]))
    restriction[np.arange(k), 1 + np.arange(k)] = 1.0
    cov = restriction @ np.asarray(fit.cov_params()) @ restriction.T
    if np.linalg.matrix_rank(cov) < k:
        return np.nan, np.nan, np.nan, np.nan, (
            "the robust (HC3) variance of the outlet differences is singular: the model fits "
            "some outlets' articles exactly (e.g. a frame in all or none of an outlet's used "
            "articles), so the Wald test cannot be computed; read the standardized means")
    with np.errstate(all="ignore"):
        res = fit.wald_test(restriction, use_f=True, scalar=True)
    return (float(res.statistic), float(res.pvalue), float(res.df_num),
            float(res.df_denom), "")


def adjusted(metrics: pd.DataFrame, by: str = "outlet", strata: str = "topic", measures=None, *,
             ci: float = 0.95, n_boot: int = 2000, seed: int = 0,
             min_n: int = MIN_N_INTERVAL) -> AdjustedComparison:
    """Group means with the mix of strata (e.g. topics) held constant: direct standardization.

    Outlets cover different stories: one that writes more about terrorism looks more negative in
    tone whatever its slant. This compares the groups as if each had covered the strata in the
    same proportions, and tests the group difference within strata beside the test without
    them, so the reader sees how much of a difference the mix of strata accounts for.

    **Which strata are used.** A stratum is used for a measure when every compared group has at
    least ``min_n`` articles with a value in it; the others cannot be standardized (a group
    without articles on a topic has no mean there to weight) and are left out, for every
    group alike, with their articles: ``n_left_out``, ``strata_left_out`` and the table
    ``left_out`` say which and how many, and which groups lacked each one. Articles without a
    stratum (missing value) are left out and counted the same way. A thin group can so leave
    out most strata for everyone: compare fewer groups, or coarser strata, if ``left_out`` is
    long.

    **Standardized mean** (``estimate``): ``sum_s w_s * mean(group, s)`` over the used strata,
    where ``w_s`` is the share of stratum ``s`` among the used articles of all compared groups
    pooled (direct standardization to the pooled distribution of strata). Its interval is a
    percentile bootstrap resampling articles within each group x stratum cell, the weights held
    fixed.

    **Test.** Per measure, OLS of the measure on group dummies and stratum fixed effects; the
    Wald F test that all group coefficients are 0, with HC3 heteroskedasticity-consistent
    standard errors (MacKinnon & White 1985; Long & Ervin 2000), so unequal variances between
    groups and strata and skewed densities do not make it overconfident. ``f_crude`` and
    ``p_crude`` are the same test without the stratum effects on the same articles, so the two
    differ only by the adjustment. The fixed-effects test asks whether the groups differ within
    strata, assuming the difference is alike across strata (no group x stratum interaction);
    the standardized means do not assume that.

    **Yes/no measures** (boolean or 0/1 columns such as ``frames_<frame>`` presence; ``kind``
    is ``"presence"``): the standardized mean is the standardized prevalence, and the test is
    the same model as a linear probability model with HC3 errors, the robust choice here: a
    logistic model with stratum effects breaks down in strata where a frame never (or always)
    occurs (separation), and the Cochran-Mantel-Haenszel test compares two groups only.

    Parameters
    ----------
    metrics : one row per article, a grouping column, a strata column and the measures (e.g.
        ``framing.analyze`` output with a corpus column joined back:
        ``metrics.join(corpus[["topic"]])``).
    by : the grouping column.
    strata : the column whose mix is held constant (e.g. ``"topic"``); any hashable values.
    measures : measure columns; default every numeric (non-boolean) column other than ``by``
        and ``strata``.
    ci : confidence level of the intervals.
    n_boot : bootstrap resamples.
    seed : random seed; the same seed gives the same intervals.
    min_n : the fewest articles a group needs in a stratum for that stratum to be used (at
        least 2; default :data:`MIN_N_INTERVAL`, 5). A group whose used articles all have one
        value (or fewer than ``min_n``) gets no interval, as in :func:`compare`.

    Returns
    -------
    ``AdjustedComparison(means, tests, left_out)``, a named tuple of tidy DataFrames.

    ``means``, one row per group and measure: ``kind`` (``"mean"`` or ``"presence"``);
    ``n`` articles with a value and their ``raw_mean`` (what :func:`compare` gives);
    ``crude_mean``, the plain mean over the ``n_used`` of them in the used strata;
    ``estimate``, the standardized mean, with ``ci_low, ci_high``; ``n_left_out`` the group's
    articles with a value left out (stratum not used, or missing); ``strata_used`` and
    ``strata_left_out`` (the same for every group of a measure); ``ci_note`` why the interval
    is missing ("" when it is not).

    ``tests``, one row per measure: ``groups``, ``n_used``, ``strata_used``,
    ``strata_left_out``; ``f_crude, p_crude`` the robust F test of the group effect without
    strata and ``f_adjusted, p_adjusted`` with stratum fixed effects, each Holm-corrected
    across measures (``p_crude_holm``, ``p_adjusted_holm``); ``df_num`` (groups - 1) and
    ``df_denom`` (of the adjusted model); ``spread_crude`` and ``spread_adjusted``, the
    standard deviation of the group means across groups (crude and standardized), and
    ``spread_explained`` = 1 - ``spread_adjusted / spread_crude``: the share of the spread
    between groups that the mix of strata accounts for (near 0: little; near 1: almost all;
    negative: the mix hid differences); ``note`` says why a test is missing (no stratum used,
    a constant measure, or a robust variance of the group differences that is singular because
    the model fits some groups' articles exactly, e.g. a frame present in all or none of a
    group's used articles: then that test is NaN rather than a Wald test that leaves out the
    groups fitted exactly).

    ``left_out``, one row per measure and stratum not used: ``measure, stratum, articles``
    (with a value, all groups) and ``lacking`` (the groups with fewer than ``min_n`` articles
    there, "; "-separated); a stratum of missing values is shown as ``<missing>``.

    References
    ----------
    Fleiss, J. L., Levin, B. & Paik, M. C. (2003). Statistical Methods for Rates and
    Proportions, 3rd ed., ch. 19 (direct standardization). Wiley.
    MacKinnon, J. G. & White, H. (1985). Some heteroskedasticity-consistent covariance matrix
    estimators with improved finite sample properties. Journal of Econometrics 29, 305-325.
    Long, J. S. & Ervin, L. H. (2000). Using heteroscedasticity consistent standard errors in
    the linear regression model. The American Statistician 54(3), 217-224.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
    ...                   "topic": ["war"] * 6 + ["sport"] * 2 + ["war"] * 2 + ["sport"] * 6,
    ...                   "tone": [-0.5, -0.4, -0.6, -0.5, -0.4, -0.6, 0.3, 0.5,
    ...                            -0.4, -0.6, 0.4, 0.5, 0.3, 0.4, 0.4, 0.4]})
    >>> means, tests, _ = adjusted(m, measures=["tone"], min_n=2, n_boot=200)
    >>> means[["group", "raw_mean", "estimate"]].round(3).values.tolist()
    [['A', -0.275, -0.05], ['B', 0.175, -0.05]]
    >>> round(float(tests["spread_explained"].iloc[0]), 2)
    1.0
    """
    _check_min_n(min_n, "a stratum needs two articles of every group for a mean and its "
                        "spread")
    _check_interval(ci, n_boot)
    _require_group_column(metrics, by)
    if strata == by:
        raise ValueError(f"strata={strata!r} is the grouping column; hold another column "
                         "constant, e.g. strata='topic'")
    _require_group_column(metrics, strata)
    if measures is None:
        measures = [m for m in _numeric_measures(metrics, by, None) if m != strata]
    measures = _numeric_measures(metrics, by, measures)
    if strata in measures:
        raise ValueError(f"{strata!r} is both the strata column and a measure")
    if not metrics[strata].notna().any():
        raise InputError(None, "every value is missing: there are no strata to hold constant",
                         field=strata, hint="give a column with a value for most articles")
    rng = np.random.default_rng(seed)
    alpha = 1 - ci
    mean_rows, test_rows, left_rows = [], [], []
    for measure in measures:
        values = pd.to_numeric(metrics[measure], errors="coerce").astype("Float64")
        kind = "presence" if _is_binary(metrics[measure]) else "mean"
        data = pd.DataFrame({"group": metrics[by], "stratum": metrics[strata],
                             "y": values.to_numpy(float, na_value=np.nan)}, index=metrics.index)
        data = data[data["group"].notna() & data["y"].notna()]
        groups = [g for g, _ in data.groupby("group", sort=True)]
        stratified = data[data["stratum"].notna()]
        counts = stratified.groupby(["stratum", "group"], sort=True).size().unstack(
            fill_value=0).reindex(columns=groups, fill_value=0)
        enough = (counts >= min_n).all(axis=1)
        used = list(counts.index[enough])
        for stratum in counts.index[~enough]:
            lacking = [str(g) for g in groups if counts.loc[stratum, g] < min_n]
            left_rows.append({"measure": measure, "stratum": stratum,
                              "articles": int(counts.loc[stratum].sum()),
                              "lacking": "; ".join(lacking)})
        missing = int((~data.index.isin(stratified.index)).sum())
        if missing:
            left_rows.append({"measure": measure, "stratum": "<missing>", "articles": missing,
                              "lacking": "; ".join(str(g) for g in groups)})
        kept = stratified[stratified["stratum"].isin(used)]
        weights = kept["stratum"].value_counts(normalize=True).reindex(used)
        strata_left = int((~enough).sum()) + (1 if missing else 0)
        crude, standardized = {}, {}
        for group in groups:
            everything = data.loc[data["group"] == group, "y"].to_numpy(float)
            mine = kept[kept["group"] == group]
            cells = {s: part.to_numpy(float) for s, part in mine.groupby("stratum")["y"]}
            estimate = low = high = np.nan
            note = ""
            if used:
                cell_means = pd.Series({s: cells[s].mean() for s in used})
                estimate = float((weights * cell_means).sum())
                note = _ci_note(mine["y"].to_numpy(float), min_n)
                if not note:
                    dist = sum(weights[s] * _cell_boot_means(cells[s], n_boot, rng)
                               for s in used)
                    low, high = (float(x) for x in np.quantile(dist, [alpha / 2, 1 - alpha / 2]))
            else:
                note = (f"no {strata} has {min_n} or more articles of every group: nothing to "
                        "standardize over")
            crude[group] = float(mine["y"].mean()) if len(mine) else np.nan
            standardized[group] = estimate
            mean_rows.append({
                "group": group, "measure": measure, "kind": kind, "n": len(everything),
                "raw_mean": float(everything.mean()) if len(everything) else np.nan,
                "crude_mean": crude[group], "estimate": estimate, "ci_low": low,
                "ci_high": high, "n_used": len(mine), "n_left_out": len(everything) - len(mine),
                "strata_used": len(used), "strata_left_out": strata_left, "ci_note": note})
        f_crude = p_crude = f_adj = p_adj = df_num = df_denom = np.nan
        test_note = ""
        if len(groups) < 2:
            test_note = "fewer than two groups with values"
        elif not used:
            test_note = f"no {strata} used"
        elif kept["y"].nunique() < 2:
            test_note = "the measure has one value throughout"
        else:
            y = kept["y"].to_numpy(float)
            g = kept["group"].to_numpy()
            f_crude, p_crude, _, _, crude_note = _group_wald(y, g, None)
            f_adj, p_adj, df_num, df_denom, adj_note = _group_wald(y, g,
                                                                   kept["stratum"].to_numpy())
            if crude_note or adj_note:
                test_note = (adj_note if adj_note == crude_note else "; ".join(
                    f"{which}: {n}" for which, n in (("unadjusted", crude_note),
                                                     ("adjusted", adj_note)) if n))
        spread_c = float(np.std(list(crude.values()), ddof=1)) if len(groups) > 1 else np.nan
        spread_a = (float(np.std(list(standardized.values()), ddof=1))
                    if len(groups) > 1 else np.nan)
        test_rows.append({
            "measure": measure, "kind": kind, "groups": len(groups), "n_used": len(kept),
            "strata_used": len(used), "strata_left_out": strata_left, "f_crude": f_crude,
            "p_crude": p_crude, "f_adjusted": f_adj, "p_adjusted": p_adj, "df_num": df_num,
            "df_denom": df_denom, "spread_crude": spread_c, "spread_adjusted": spread_a,
            "spread_explained": (1 - spread_a / spread_c) if spread_c > 0 else np.nan,
            "note": test_note})
    tests = pd.DataFrame(test_rows, columns=[c for c in ADJUSTED_TEST_COLUMNS
                                             if not c.endswith("_holm")])
    tests["p_crude_holm"] = _holm(tests["p_crude"])
    tests["p_adjusted_holm"] = _holm(tests["p_adjusted"])
    means = pd.DataFrame(mean_rows, columns=ADJUSTED_COLUMNS)
    means.attrs.update(ci=float(ci), strata=strata, by=by, min_n=int(min_n))
    left_out = pd.DataFrame(left_rows, columns=["measure", "stratum", "articles", "lacking"])
    return AdjustedComparison(means, tests[ADJUSTED_TEST_COLUMNS], left_out)


def _check_min_n(min_n: int, why: str = "an interval needs two articles or more: one has no "
                                         "spread to resample") -> None:
    """Refuse a ``min_n`` that is not a whole number of 2 or more, saying ``why``.

    ``min_n=1`` (or 0) cannot be honoured: a single article gives no interval whatever
    ``min_n`` says, so it used to be read as 2 without a word.

    >>> _check_min_n(1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: min_n=1 is not valid; give a whole number of 2 or more (an interval needs ...)
    """
    if not isinstance(min_n, (int, np.integer)) or isinstance(min_n, bool) or min_n < 2:
        raise ValueError(f"min_n={min_n!r} is not valid; give a whole number of 2 or more "
                         f"({why})")


def _dates(metrics: pd.DataFrame, date_col: str) -> pd.Series:
    """The date column as naive datetimes (time-zone aware ones converted to UTC)."""
    dates = metrics[date_col]
    if not (pd.api.types.is_datetime64_any_dtype(dates)):
        dates = pd.to_datetime(dates, errors="coerce", format="mixed")
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    return dates


def over_time(metrics: pd.DataFrame, by: str | None, measure=None, *, measures=None,
              period: Period = "W", date_col: str = "date", ci: float = 0.95,
              n_boot: int = 2000, seed: int = 0, min_n: int = MIN_N_INTERVAL) -> pd.DataFrame:
    """Mean of a measure per group per period (day, week or month) with bootstrap intervals.

    Parameters
    ----------
    metrics : one row per article with a date column, a grouping column and the measure.
    by : the grouping column; ``None`` treats all articles as one group called "all".
    measure : the measure column (or a list of them); ``measures=`` is the same, as in
        :func:`compare`.
    period : ``"D"`` day, ``"W"`` week (Monday to Sunday), ``"M"`` calendar month, ``"Q"``
        quarter or ``"Y"`` year (a corpus spread over years has few articles per week).
    date_col : the date column (datetimes or parseable strings; time-zone aware dates are taken
        in UTC). Articles without a date are left out and counted in
        ``result.attrs["undated"]``.
    ci, n_boot, seed : as in :func:`compare`.
    min_n : the fewest articles a group-period needs for an interval, a whole number of 2 or
        more (default :data:`MIN_N_INTERVAL`, 5): a percentile bootstrap of two or three
        values only restates them, so smaller cells get ``ci_low``/``ci_high`` NaN (their mean
        is still given).

    Returns
    -------
    Tidy DataFrame ``group, period, measure, estimate, ci_low, ci_high, n, zero_share, ci_note``
    with one row per group, period holding articles, and measure; ``period`` is the first day
    of the period (a Timestamp). Periods without articles are absent, not zero. ``ci_note``
    says why a cell has no interval, as in :func:`compare` (too few articles, or all values
    equal).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 4, "x": [1.0, 3.0, 5.0, 7.0],
    ...                   "date": ["2024-01-01", "2024-01-02", "2024-01-08", "2024-01-09"]})
    >>> t = over_time(m, "outlet", "x", period="W", n_boot=100)
    >>> [(str(p.date()), e) for p, e in zip(t["period"], t["estimate"])]
    [('2024-01-01', 2.0), ('2024-01-08', 6.0)]
    """
    _check_choice("period", period, Period)
    _check_interval(ci, n_boot)
    _check_min_n(min_n)
    if (measure is None) == (measures is None):
        raise TypeError("over_time() takes the measure column(s) once: as measure (the third "
                        "argument) or as measures=")
    measure = measure if measures is None else measures
    measures = _numeric_measures(metrics, by, [measure] if isinstance(measure, str) else measure)
    _require_columns(metrics, date_col)
    dates = _dates(metrics, date_col)
    dated = metrics.loc[dates.notna()].assign(
        _period=dates[dates.notna()].dt.to_period(period).dt.start_time)
    rng = np.random.default_rng(seed)
    rows = []
    for group, part in _groups(dated, by):
        for start, chunk in part.groupby("_period", sort=True):
            for m in measures:
                values = _values(chunk, m)
                if not len(values):
                    continue
                low, high, _ = _bootstrap_mean(values, ci, n_boot, rng)
                note = _ci_note(values, min_n)
                if note:
                    low = high = np.nan
                rows.append({"group": group, "period": start, "measure": m,
                             "estimate": float(values.mean()), "ci_low": low, "ci_high": high,
                             "n": len(values), "zero_share": float((values == 0).mean()),
                             "ci_note": note})
    table = pd.DataFrame(rows, columns=OVER_TIME_COLUMNS)
    table.attrs["undated"] = int(dates.isna().sum())
    return table


def before_after(metrics: pd.DataFrame, by: str | None, measure: str, event_date, *,
                 date_col: str = "date", window_days: int | None = None,
                 ci: float = 0.95, n_boot: int = 2000, seed: int = 0,
                 min_n: int = MIN_N_INTERVAL) -> pd.DataFrame:
    """Per group, how a measure changed from before an event (e.g. a summit) to after it.

    Parameters
    ----------
    metrics : one row per article with a date column, a grouping column and the measure.
    by : the grouping column; ``None`` treats all articles as one group called "all".
    measure : the measure column.
    event_date : the event's date (anything ``pandas.Timestamp`` accepts). Articles dated
        before it are "before"; articles dated on or after it (the event day included) are
        "after".
    date_col : the date column.
    window_days : keep only articles within this many days before or after the event; default
        all dated articles.
    ci, n_boot, seed : interval level, bootstrap resamples and seed.
    min_n : the fewest articles each side needs for an interval, a whole number of 2 or more
        (default :data:`MIN_N_INTERVAL`, 5, as in :func:`compare` and :func:`over_time`): a
        bootstrap of two articles only restates them; with fewer on either side
        ``ci_low``/``ci_high`` are NaN (the means, the test and Cliff's delta are still given).
        So they are when a side's values are all equal (8 articles before, every one 0): that
        side never varies under resampling, and the interval would show the other side's
        variation alone.

    Returns
    -------
    One row per group: ``group, measure, event_date, n_before, n_after, mean_before,
    mean_after``; ``difference`` = ``mean_after - mean_before`` with a percentile-bootstrap
    interval ``ci_low, ci_high`` (NaN when a side has fewer than ``min_n`` articles); ``u_statistic`` (Mann-Whitney U of the after sample),
    ``p_value`` two-sided, ``p_holm`` Holm-corrected across groups; ``cliffs_delta`` of after
    over before (positive: higher after) and its ``magnitude`` (a description of the samples:
    with a small or constant side, read it with ``p_holm``); ``ci_note`` says why the interval
    is missing ("" when it is not), e.g. ``"before: all 8 values are 0 (constant, nothing to
    resample)"``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"outlet": ["A"] * 6, "x": [1.0, 2, 1, 4, 5, 4],
    ...                   "date": pd.date_range("2024-01-01", periods=6, freq="D")})
    >>> t = before_after(m, "outlet", "x", "2024-01-04", n_boot=200)
    >>> t[["n_before", "n_after", "difference", "cliffs_delta"]].iloc[0].tolist()
    [3.0, 3.0, 3.0, 1.0]
    """
    _check_interval(ci, n_boot)
    _check_min_n(min_n)
    measures = _numeric_measures(metrics, by, [measure])
    _require_columns(metrics, date_col)
    try:
        event = pd.Timestamp(event_date)
    except (ValueError, TypeError):
        event = pd.NaT
    if event is pd.NaT:  # None and "" give NaT, which every date compares unequal to
        raise ValueError(f"event_date={event_date!r} is not a date; give one such as "
                         "'2024-03-26'")
    if event.tzinfo is not None:
        event = event.tz_convert("UTC").tz_localize(None)
    dates = _dates(metrics, date_col)
    keep = dates.notna()
    if window_days is not None:
        keep &= (dates >= event - pd.Timedelta(days=window_days)) & (
            dates < event + pd.Timedelta(days=window_days + 1))
    data = metrics.loc[keep].assign(_after=(dates[keep] >= event).to_numpy())
    rng = np.random.default_rng(seed)
    rows = []
    for group, part in _groups(data, by):
        before = _values(part[~part["_after"]], measures[0])
        after = _values(part[part["_after"]], measures[0])
        _, _, d_before = _bootstrap_mean(before, ci, n_boot, rng)
        _, _, d_after = _bootstrap_mean(after, ci, n_boot, rng)
        note = _join_notes(_ci_note(before, min_n, "before"), _ci_note(after, min_n, "after"))
        low, high = (np.nan, np.nan) if note else _percentile_ci(d_after - d_before, ci)
        u, p, delta = _mann_whitney(after, before)
        mean_before = float(before.mean()) if len(before) else np.nan
        mean_after = float(after.mean()) if len(after) else np.nan
        rows.append({"group": group, "measure": measures[0], "event_date": event,
                     "n_before": len(before), "n_after": len(after), "mean_before": mean_before,
                     "mean_after": mean_after, "difference": mean_after - mean_before,
                     "ci_low": low, "ci_high": high, "u_statistic": u, "p_value": p,
                     "cliffs_delta": delta, "magnitude": cliffs_delta_magnitude(delta),
                     "ci_note": note})
    table = pd.DataFrame(rows, columns=[c for c in BEFORE_AFTER_COLUMNS if c != "p_holm"])
    table["p_holm"] = _holm(table["p_value"])
    return table[BEFORE_AFTER_COLUMNS]


# ``framing.compare(metrics)`` calls compare(); ``framing.compare.pairwise`` stays reachable
from framing._modules import make_callable  # noqa: E402

make_callable(__name__, "compare")
