"""Comparing groups of articles (outlets, periods) on per-article measures, with uncertainty.

Example
-------
>>> import pandas as pd
>>> from framing.compare import compare
>>> m = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4,
...                   "tone": [0.1, 0.3, 0.2, 0.0, -0.2, -0.4, -0.1, -0.3]})
>>> table = compare(m, by="outlet", measures=["tone"], n_boot=500)
>>> table[["group", "measure", "estimate", "n"]].round(2).to_dict("records")
[{'group': 'A', 'measure': 'tone', 'estimate': 0.15, 'n': 4}, {'group': 'B', 'measure': 'tone', 'estimate': -0.25, 'n': 4}]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["compare", "omnibus"]

COMPARE_COLUMNS = ["group", "measure", "estimate", "ci_low", "ci_high", "n", "zero_share"]


def _numeric_measures(metrics: pd.DataFrame, by: str, measures) -> list[str]:
    if by not in metrics.columns:
        raise KeyError(f"no column {by!r} to group by; columns: {', '.join(metrics.columns)}")
    if measures is None:
        return [c for c in metrics.columns
                if c != by and pd.api.types.is_numeric_dtype(metrics[c])
                and not pd.api.types.is_bool_dtype(metrics[c])]
    missing = [m for m in measures if m not in metrics.columns]
    if missing:
        raise KeyError(f"no measure column {missing[0]!r}; columns: {', '.join(metrics.columns)}")
    return list(measures)


def _mean_ci(values: np.ndarray, ci: float, n_boot: int, rng) -> tuple[float, float]:
    if len(values) < 2 or np.all(values == values[0]):
        return (float(values[0]), float(values[0])) if len(values) else (np.nan, np.nan)
    res = stats.bootstrap((values,), np.mean, confidence_level=ci, n_resamples=n_boot,
                          method="percentile", random_state=rng, vectorized=True)
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


def compare(metrics: pd.DataFrame, by: str = "outlet", measures=None, *, ci: float = 0.95,
            n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean of each measure per group, with a percentile bootstrap interval over articles.

    Parameters
    ----------
    metrics : one row per article, a grouping column and numeric measure columns.
    by : the grouping column (any number of groups).
    measures : measure columns; default every numeric column.
    ci : confidence level of the intervals.
    n_boot : bootstrap resamples (articles resampled with replacement within each group).
    seed : random seed; the same seed gives the same intervals.

    Returns
    -------
    Tidy DataFrame ``group, measure, estimate, ci_low, ci_high, n, zero_share``: ``estimate`` is
    the mean over the group's articles with a value; ``n`` counts them; ``zero_share`` is the share
    of them exactly 0 (often "not scored" rather than "neutral").
    """
    measures = _numeric_measures(metrics, by, measures)
    rng = np.random.default_rng(seed)
    rows = []
    for group, part in metrics.groupby(by, sort=True, dropna=True):
        for measure in measures:
            values = pd.to_numeric(part[measure], errors="coerce").dropna().to_numpy(float)
            low, high = _mean_ci(values, ci, n_boot, rng)
            rows.append({"group": group, "measure": measure,
                         "estimate": float(values.mean()) if len(values) else np.nan,
                         "ci_low": low, "ci_high": high, "n": int(len(values)),
                         "zero_share": float((values == 0).mean()) if len(values) else np.nan})
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def omnibus(metrics: pd.DataFrame, by: str = "outlet", measures=None) -> pd.DataFrame:
    """Kruskal-Wallis test of each measure across all groups.

    Returns ``measure, statistic, p_value, p_holm, groups, n`` where ``p_holm`` is Holm-corrected
    across the measures tested. A measure with fewer than two groups holding values gets NaN.
    """
    from statsmodels.stats.multitest import multipletests

    measures = _numeric_measures(metrics, by, measures)
    rows = []
    for measure in measures:
        samples = [pd.to_numeric(g, errors="coerce").dropna().to_numpy(float)
                   for _, g in metrics.groupby(by, sort=True)[measure]]
        samples = [s for s in samples if len(s)]
        stat = p = np.nan
        if len(samples) >= 2 and len(np.unique(np.concatenate(samples))) > 1:
            stat, p = stats.kruskal(*samples)
        rows.append({"measure": measure, "statistic": float(stat), "p_value": float(p),
                     "groups": len(samples), "n": int(sum(len(s) for s in samples))})
    table = pd.DataFrame(rows, columns=["measure", "statistic", "p_value", "groups", "n"])
    ok = table["p_value"].notna()
    table["p_holm"] = np.nan
    if ok.any():
        table.loc[ok, "p_holm"] = multipletests(table.loc[ok, "p_value"], method="holm")[1]
    return table[["measure", "statistic", "p_value", "p_holm", "groups", "n"]]
