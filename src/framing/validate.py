"""Validation against human coding: does a measure measure what it says?

Four jobs, one module:

- **Agreement with human codes** -- :func:`binary_agreement` (precision, recall, F1, accuracy,
  Krippendorff's alpha, nominal), :func:`continuous_agreement` (Pearson r, Spearman rho,
  Krippendorff's alpha, interval) and :func:`frame_agreement` (multi-label frames: micro and macro
  F1, and per frame precision, recall, F1 and alpha; :func:`frame_confusion` and
  :func:`frame_crosstab` give the counts). Each figure comes with a percentile bootstrap interval
  over texts (seeded) and, given a grouping column, per group (outlet) as well.
- **Agreement between human coders** -- :func:`coder_agreement`: Krippendorff's alpha for two or
  more coders with missing codes, at any level of measurement, or per frame for multi-label codes.
- **Hand coding** -- :func:`sample` draws a stratified sample (by outlet, and optionally by the
  value of a measure so that rare cases are covered); :func:`write_coding_sheet` writes it as a
  CSV or XLSX coding sheet with instructions and the codebook's frame descriptions;
  :func:`read_coding_sheet` reads the filled sheet back and checks it (missing codes, unknown
  labels, duplicate ids), naming file, row and field of every problem.
- **``framing validate``** -- :func:`run_validation` scores a file of human-coded texts (GOLD) with
  a measure family and returns the figures as a JSON-ready dict; :func:`format_validation`
  renders them as text and :func:`result_table` as a tidy table. GOLD files for the annotated
  corpora in ``../shared/data`` are written by ``validation/gold_files.py``; the figures are in
  ``docs/validity.md``.

Every statistic comes from scikit-learn, scipy or the ``krippendorff`` package; intervals from
``scipy.stats.bootstrap``. For the bootstrap distribution of alpha (thousands of resamples) and
for interval alpha over continuous values (where the package's coincidence matrices grow with the
square of the number of distinct values) alpha is computed from its closed form over per-unit
sums, which the tests check against the package. Nothing is rounded: round at display time.
More is better for every agreement figure (1 = perfect; alpha 0 = chance agreement).

Example
-------
>>> import pandas as pd
>>> codes = pd.DataFrame({"gold": [1, 1, 0, 0, 1, 0], "pred": [1, 0, 0, 0, 1, 0]})
>>> table = binary_agreement(codes, gold="gold", pred="pred", n_boot=0)
>>> table.set_index("measure")["estimate"].round(3).to_dict()   # doctest: +NORMALIZE_WHITESPACE
{'precision': 1.0, 'recall': 0.667, 'f1': 0.8, 'krippendorff_alpha': 0.686, 'accuracy': 0.833,
 'gold_rate': 0.5, 'predicted_rate': 0.333}

References
----------
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania.
Krippendorff, K. (2018). *Content Analysis: An Introduction to Its Methodology* (4th ed.). Sage.
Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

import logging
import math
import numbers
import re
import sys
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import pandas as pd

from framing.errors import (
    EmptyFileError,
    InputError,
    MalformedRecordError,
    MissingColumnError,
    MissingValueError,
    UnsupportedFormatError,
)

logger = logging.getLogger(__name__)

__all__ = [
    "AGREEMENT_COLUMNS",
    "CODER_COLUMNS",
    "CONFUSION_COLUMNS",
    "FRAME_COLUMNS",
    "KINDS",
    "SOURCES_CODES",
    "article_outlets",
    "binary_agreement",
    "coder_agreement",
    "coder_agreement_lines",
    "continuous_agreement",
    "format_validation",
    "frame_agreement",
    "frame_confusion",
    "frame_crosstab",
    "read_coding_sheet",
    "read_gold",
    "result_table",
    "run_validation",
    "sample",
    "sheet_columns",
    "write_coding_sheet",
]

Kind = Literal["hedging", "sentiment", "frames", "sources"]
KINDS: tuple[str, ...] = get_args(Kind)
SourcesCode = Literal["anonymous", "quotes", "direct_quotes", "named_sources"]
#: What a hand code of ``kind="sources"`` records per article (the ``code`` option), as
#: ``(type, field of framing.sources.SourcesResult compared with, description)``: a yes/no code
#: is compared with ``field > 0`` by :func:`binary_agreement`, a count with the count by
#: :func:`continuous_agreement`.
SOURCES_CODES: dict[str, tuple[str, str, str]] = {
    "anonymous": ("binary", "anonymous_sources",
                  "the article uses an anonymous source (1/0), against anonymous_sources > 0"),
    "quotes": ("count", "n_quotes",
               "the number of attributions (direct quotations plus reported speech), against "
               "n_quotes"),
    "direct_quotes": ("count", "n_direct_quotes",
                      "the number of direct quotations, against n_direct_quotes"),
    "named_sources": ("count", "named_sources",
                      "the number of distinct named people and organizations quoted or "
                      "reported, against named_sources"),
}
#: The code of ``kind="sources"`` when none is chosen.
DEFAULT_SOURCES_CODE = "anonymous"
Level = Literal["nominal", "ordinal", "interval", "ratio"]
Allocation = Literal["equal", "proportional"]
MissingPolicy = Literal["error", "drop"]

#: Columns of :func:`binary_agreement` and :func:`continuous_agreement`.
AGREEMENT_COLUMNS = ["group", "measure", "estimate", "ci_low", "ci_high", "n", "ci_note"]
#: Columns of :func:`frame_agreement` (``frame`` is "all" for micro/macro figures).
FRAME_COLUMNS = ["group", "frame", "measure", "estimate", "ci_low", "ci_high", "n", "ci_note"]
#: Columns of :func:`frame_confusion`.
CONFUSION_COLUMNS = ["frame", "support", "predicted", "tp", "fp", "fn", "tn"]
#: Columns of :func:`coder_agreement`.
CODER_COLUMNS = ["variable", "measure", "estimate", "ci_low", "ci_high", "n_units", "n_coders",
                 "n_values", "ci_note"]

ALL = "all"
#: Label of rows whose grouping value is missing.
MISSING_GROUP = "(missing)"
#: The krippendorff package builds (units x V x V) arrays; above this many distinct values the
#: closed form is used instead (interval level only).
MAX_PACKAGE_DOMAIN = 40
#: Resamples evaluated at once by the bootstrap (memory: batch x texts x frames).
_BATCH = 100
#: Excel's limit on the characters in one cell.
XLSX_CELL_LIMIT = 32767
#: Written in a frames label cell for "no frame".
NO_FRAME = "none"
NAN = float("nan")

_TRUE = frozenset({"1", "1.0", "true", "t", "yes", "y"})
_FALSE = frozenset({"0", "0.0", "false", "f", "no", "n"})
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_choice(name: str, value, choices) -> None:
    valid = get_args(choices) or tuple(choices)
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not valid; choose one of: "
                         + ", ".join(repr(v) for v in valid))


def _code_type(kind: str, code: str | None = None) -> str:
    """What a code of ``kind`` is: ``binary``, ``number``, ``count`` or ``frames``; refuses a
    ``code`` for a kind other than sources, and one that is not in :data:`SOURCES_CODES`.

    >>> _code_type("sources", "quotes"), _code_type("hedging")
    ('count', 'binary')
    """
    if kind != "sources":
        if code is not None:
            raise ValueError(f"code={code!r} applies to kind 'sources' only (what a sources code "
                             f"records), not to {kind!r}")
        return {"hedging": "binary", "sentiment": "number", "frames": "frames"}[kind]
    _check_choice("code", DEFAULT_SOURCES_CODE if code is None else code, SourcesCode)
    return SOURCES_CODES[DEFAULT_SOURCES_CODE if code is None else code][0]


def _check_boot(ci: float, n_boot: int) -> tuple[float, int]:
    """``(ci, n_boot)`` as a plain float and int; refuse a confidence level outside (0, 1)
    and a negative or fractional ``n_boot``.

    Any real number is a level, NumPy's included (``np.float32(0.9)``), as in
    :mod:`framing.compare`; a bool is not.

    >>> _check_boot(np.float64(0.9), np.int64(10))
    (0.9, 10)
    >>> _check_boot(95, 10)
    Traceback (most recent call last):
    ...
    ValueError: ci must be between 0 and 1 (e.g. 0.95), not 95
    """
    if isinstance(ci, bool) or not isinstance(ci, numbers.Real) or not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (e.g. 0.95), not {ci!r}")
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number >= 0 (0: no intervals), not {n_boot!r}")
    return float(ci), int(n_boot)


def _require_columns(data: pd.DataFrame, *columns) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(data).__name__}")
    for column in columns:
        if column is not None and column not in data.columns:
            raise _missing_column(None, column, data.columns)


def _column_key(name) -> str:
    """A column name as a person means it: case, surrounding spaces and the separators
    between words ignored ("Label ", "LABEL" and "label" are one)."""
    return re.sub(r"[\s_-]+", "_", str(name).strip()).casefold()


def _missing_column(path, column, present, option: str | None = None) -> MissingColumnError:
    """The error for a column the file lacks: the columns it has and, when one of them differs
    from the one asked for only in case, spaces or separators ("Label" for "label"), that one,
    with the option (``--label-col``) that names it."""
    present = [str(c) for c in present]
    close = [c for c in present if _column_key(c) == _column_key(column)]
    hint = "columns present: " + ", ".join(present)
    if len(close) == 1:
        import shlex

        found = close[0]
        name = (option or "").lstrip("-").replace("-", "_")
        hint = (f"the file has {found!r}, which differs only in case, spaces or underscores: "
                "name it exactly"
                + (f" ({option} {shlex.quote(found)}; {name}={found!r} from Python or a "
                   "report)" if option else "") + "; " + hint)
    return MissingColumnError(path, field=str(column), hint=hint)


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha


def _alpha_package(data: np.ndarray, level: str) -> float:
    """alpha from the krippendorff package (coders x units, NaN = missing); NaN when undefined."""
    import krippendorff

    values = data[~np.isnan(data)]
    if len(np.unique(values)) < 2:
        return math.nan  # one value only: expected disagreement is 0, alpha undefined
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except (ValueError, ZeroDivisionError):
        return math.nan


def _nominal_alpha_counts(counts: np.ndarray) -> np.ndarray:
    """Nominal alpha from per-unit value counts ``(..., units, values)`` (closed form).

    alpha = 1 - (n - 1) * sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1) / (n^2 - sum_c n_c^2), over
    pairable units (m_u >= 2), n = number of pairable values (Krippendorff 2011, eq. for
    nominal data). Vectorized over leading axes; NaN when undefined.
    """
    counts = np.asarray(counts, dtype=float)
    m = counts.sum(-1)
    pairable = m >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        disagree = np.where(pairable, (m ** 2 - (counts ** 2).sum(-1)) / np.where(pairable, m - 1, 1),
                            0.0).sum(-1)
        totals = (counts * pairable[..., None]).sum(-2)
        n = totals.sum(-1)
        expected = n ** 2 - (totals ** 2).sum(-1)
        out = 1 - (n - 1) * disagree / expected
    return np.where(expected > 0, out, np.nan)


def _interval_alpha(data: np.ndarray) -> np.ndarray:
    """Interval alpha of ``(..., coders, units)`` values with NaN for missing (closed form).

    D_o = (1/n) sum_u 2 m_u/(m_u - 1) sum_i (v_ui - mean_u)^2 and D_e = 2/(n - 1) sum (v - mean)^2
    over the values of pairable units; alpha = 1 - D_o / D_e. Vectorized over leading axes.
    """
    data = np.asarray(data, dtype=float)
    ok = ~np.isnan(data)
    m = ok.sum(-2)
    pairable = m >= 2
    keep = ok & pairable[..., None, :]
    v = np.where(keep, data, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        unit_mean = v.sum(-2) / np.where(m > 0, m, 1)
        within = (np.where(keep, (data - unit_mean[..., None, :]) ** 2, 0.0)).sum(-2)
        n = keep.sum((-2, -1)).astype(float)
        d_o = (np.where(pairable, 2 * m / np.where(pairable, m - 1, 1) * within, 0.0)).sum(-1) / n
        grand = v.sum((-2, -1)) / n
        total = np.where(keep, (data - grand[..., None, None]) ** 2, 0.0).sum((-2, -1))
        d_e = 2 * total / (n - 1)
        out = 1 - d_o / d_e
    return np.where(d_e > 0, out, np.nan)


def _pair_alpha(a: np.ndarray, b: np.ndarray, level: str) -> float:
    """alpha between two complete codings of the same units (e.g. human and measure)."""
    data = np.vstack([np.asarray(a, float), np.asarray(b, float)])
    if level == "interval" and len(np.unique(data)) > MAX_PACKAGE_DOMAIN:
        return float(_interval_alpha(data))
    return _alpha_package(data, level)


# --------------------------------------------------------------------------------------------
# bootstrap


def _bootstrap(statistic, n: int, *, k: int, ci: float, n_boot: int, rng) -> np.ndarray:
    """Percentile intervals ``(k, 2)`` of a k-valued statistic of units resampled with replacement.

    ``statistic(idx)`` takes an integer array ``(batch, n)`` of resampled unit positions and
    returns ``(k, batch)``. Resamples where a figure is undefined (NaN) are left out of that
    figure's interval; with fewer than two units, or ``n_boot == 0``, intervals are NaN. So
    they are for a figure that every resample gives alike (precision 0 in a group without a
    correct positive, perfect agreement): a distribution without spread would give a
    zero-width interval that looks perfectly precise (see :func:`_fallback`).
    """
    out = np.full((k, 2), np.nan)
    if n_boot == 0 or n < 2:
        return out
    from scipy import stats

    def stat(idx, axis=-1):
        return np.asarray(statistic(np.asarray(idx, dtype=np.intp)), float).reshape(k, -1)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate resamples (constant input) give NaN
        res = stats.bootstrap((np.arange(n),), stat, vectorized=True, n_resamples=n_boot,
                              confidence_level=ci, method="percentile", random_state=rng,
                              batch=_BATCH)
        dist = np.asarray(res.bootstrap_distribution, float).reshape(k, -1)
        tail = (1 - ci) / 2
        for j in range(k):
            values = dist[j][~np.isnan(dist[j])]
            if len(values) and np.ptp(values) > 1e-12 * max(1.0, float(np.abs(values).max())):
                out[j] = np.quantile(values, [tail, 1 - tail])
    return out


def _wilson(k: int, n: int, ci: float) -> tuple[float, float]:
    from statsmodels.stats.proportion import proportion_confint

    return tuple(float(x) for x in proportion_confint(k, n, alpha=1 - ci, method="wilson"))


def _fallback(estimates, intervals: np.ndarray, counts, *, n: int, ci: float,
              n_boot: int) -> tuple[np.ndarray, list[str]]:
    """Intervals where the bootstrap gives none, and a note per figure saying what was done.

    A figure with an estimate but no bootstrap interval either comes from fewer than two texts
    or is one every resample repeats: a proportion at 0 or 1 (precision without a correct
    positive: every resample has none either; recall 1.0), or perfect agreement. A proportion
    (``counts[j]`` = ``(k, m)``: k of m) then gets the Wilson score interval, honest at the
    boundary for small m; F1 (``(tp, tp + fp + fn, "f1")``) the Wilson interval of the Jaccard
    index J = tp / (tp + fp + fn), mapped through F1 = 2J / (1 + J), which is increasing in J.
    Any other figure (alpha, a correlation) has none, and the note says why.
    """
    intervals = np.array(intervals, float)
    notes = [""] * len(intervals)
    if n_boot == 0:
        return intervals, notes
    for j, est in enumerate(estimates):
        if est != est or not np.isnan(intervals[j]).any():
            continue
        if n < 2:
            notes[j] = f"no interval: {n} text{'s' if n != 1 else ''}"
            continue
        count = counts[j] if j < len(counts) else None
        if count is None or count[1] <= 0:
            notes[j] = f"no interval: every bootstrap resample gives {est:.3f}"
            continue
        k, m = int(count[0]), int(count[1])
        low, high = _wilson(k, m, ci)
        if len(count) > 2:  # F1 through the Jaccard index
            intervals[j] = [2 * low / (1 + low), 2 * high / (1 + high)]
            notes[j] = (f"Wilson interval of tp/(tp+fp+fn) = {k} of {m}, as F1: every bootstrap "
                        f"resample gives {est:.3f}")
        else:
            intervals[j] = [low, high]
            notes[j] = f"Wilson interval, {k} of {m}: every bootstrap resample gives {est:.3f}"
    return intervals, notes


def _same_value_alpha(what: str) -> str:
    """The note of an alpha undefined because humans and measure gave one value throughout."""
    return ("no estimate: every code is the same value (" + what + "), so alpha is undefined "
            "(no disagreement is expected by chance)")


def _binary_undefined(g: np.ndarray, p: np.ndarray) -> dict:
    """Why each undefined figure of :data:`BINARY_MEASURES` is undefined (for its ci_note)."""
    both = np.concatenate([g, p])
    same = both.all() or not both.any()
    return {"precision": "no estimate: the measure found no positive text",
            "recall": "no estimate: the humans coded no positive text",
            "f1": "no estimate: neither the humans nor the measure coded a positive text",
            "krippendorff_alpha": _same_value_alpha(
                f"humans and measure coded every text {int(both.all())}")
            + "; accuracy gives how often they agree" if same else
            "no estimate: alpha is undefined for these codes"}


def _continuous_undefined(g: np.ndarray, p: np.ndarray) -> dict:
    """Why each undefined figure of :data:`CONTINUOUS_MEASURES` is undefined."""
    if len(g) < 2:
        why = "fewer than 2 texts"
    elif np.all(g == g[0]):
        why = f"the human scores are all {g[0]:g}, so there is no variation to correlate"
    else:
        why = f"the measure's scores are all {p[0]:g}, so there is no variation to correlate"
    same = np.all(g == g[0]) and np.all(p == g[0])
    return {"pearson_r": "no estimate: " + why, "spearman_rho": "no estimate: " + why,
            "krippendorff_alpha": _same_value_alpha(
                f"humans and measure scored every text {g[0]:g}")
            if same else "no estimate: alpha is undefined for these scores"}


def _undefined_notes(measures, estimates, notes: list[str], why: dict) -> list[str]:
    """``notes`` with, for each figure without an estimate (NaN), a note saying why (from
    ``why``: measure -> note): a bare NaN reads as a failure of the tool."""
    return [why.get(m, "no estimate: undefined here") if e != e and not note else note
            for m, e, note in zip(measures, estimates, notes)]


def _rows(group, measures: Sequence[str], estimates, intervals, n: int, notes) -> list[dict]:
    return [{"group": group, "measure": m, "estimate": float(e), "ci_low": float(lo),
             "ci_high": float(hi), "n": int(n), "ci_note": note}
            for m, e, (lo, hi), note in zip(measures, estimates, intervals, notes)]


def _groups(data: pd.DataFrame, by: str | None):
    """``("all", positions)`` then one ``(value, positions)`` per group, sorted by value; rows
    whose group is missing form the group "(missing)". Positions, not labels: an index with
    duplicates is fine."""
    yield ALL, np.arange(len(data))
    if by is None:
        return
    keys = data[by].astype(object).where(data[by].notna(), MISSING_GROUP).astype(str).to_numpy()
    for value in sorted(set(keys)):
        yield value, np.flatnonzero(keys == value)


# --------------------------------------------------------------------------------------------
# binary


def _as_bool(series: pd.Series, column: str) -> np.ndarray:
    if series.isna().any():
        first = series.index[series.isna()][0]
        raise MissingValueError(None, f"{int(series.isna().sum())} missing value(s), the first "
                                      f"at index {first!r}", field=column,
                                hint="drop or code those rows first")
    if pd.api.types.is_bool_dtype(series):
        return series.to_numpy(bool)
    values = pd.to_numeric(series, errors="coerce")
    bad = values.isna() | ~values.isin([0, 1])
    if bad.any():
        first = series.index[bad][0]
        raise InputError(None, f"value {series[first]!r} at index {first!r} is not 0/1 or "
                               "True/False", field=column)
    return values.to_numpy(float).astype(bool)


BINARY_MEASURES = ("precision", "recall", "f1", "krippendorff_alpha", "accuracy", "gold_rate",
                   "predicted_rate")


def _binary_stats(g: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Point estimates from scikit-learn and the krippendorff package."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    prec, rec, f1, _ = precision_recall_fscore_support(g, p, average="binary", pos_label=True,
                                                       zero_division=np.nan)
    alpha = _pair_alpha(g, p, "nominal")
    return np.array([prec, rec, f1, alpha, accuracy_score(g, p), g.mean(), p.mean()], float)


def _binary_counts(g: np.ndarray, p: np.ndarray) -> list:
    """The counts behind each of :data:`BINARY_MEASURES` that is a proportion (for
    :func:`_fallback`); None for alpha."""
    tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
    n = len(g)
    return [(tp, tp + fp), (tp, tp + fn), (tp, tp + fp + fn, "f1"), None,
            (n - fp - fn, n), (int(g.sum()), n), (int(p.sum()), n)]


def _binary_boot(g: np.ndarray, p: np.ndarray):
    def statistic(idx):
        G, P = g[idx], p[idx]
        n = idx.shape[-1]
        tp = (G & P).sum(-1)
        fp = (~G & P).sum(-1)
        fn = (G & ~P).sum(-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            prec = tp / (tp + fp)
            rec = tp / (tp + fn)
            f1 = 2 * tp / (2 * tp + fp + fn)
        # alpha from each text's value counts (human and measure as two coders)
        ones = G.astype(int) + P.astype(int)
        alpha = _nominal_alpha_counts(np.stack([2 - ones, ones], -1))
        return np.stack([prec, rec, f1, alpha, (tp + (~G & ~P).sum(-1)) / n, G.mean(-1),
                         P.mean(-1)])
    return statistic


def binary_agreement(data: pd.DataFrame, *, gold: str, pred: str, by: str | None = None,
                     ci: float = 0.95, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """How well a yes/no measure agrees with human yes/no codes.

    Parameters
    ----------
    data : one row per text.
    gold, pred : columns holding the human code and the measure's decision (bool or 0/1).
    by : optional grouping column (e.g. ``"outlet"``): every figure per group as well.
    ci : confidence level of the percentile bootstrap intervals (over texts).
    n_boot : bootstrap resamples; 0 for no intervals.
    seed : seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`AGREEMENT_COLUMNS`: ``group`` ("all", then each group), ``measure``,
        ``estimate``, ``ci_low``, ``ci_high``, ``n`` (texts). Measures: ``precision``,
        ``recall`` and ``f1`` of the positive class (scikit-learn), ``krippendorff_alpha``
        (nominal, human and measure as two coders), ``accuracy``, ``gold_rate`` and
        ``predicted_rate`` (share of positives by the humans and by the measure). Undefined
        figures (precision without a predicted positive, alpha when all codes are equal) are NaN,
        with a ``ci_note`` saying why ("no estimate: ..."). More is better, except for the two
        rates, which describe. ``ci_note`` is "" for a bootstrap interval; a figure every
        resample repeats (precision 0 where no positive is correct, recall 1) has no bootstrap
        interval, so a proportion gets Wilson's on its counts (F1 through tp/(tp+fp+fn)) and
        alpha none, and the note says which.

    Examples
    --------
    >>> df = pd.DataFrame({"human": [True, True, False, False], "auto": [True, False, False, False]})
    >>> t = binary_agreement(df, gold="human", pred="auto", n_boot=0).set_index("measure")
    >>> t.loc[["precision", "recall", "f1"], "estimate"].round(3).tolist()
    [1.0, 0.5, 0.667]
    """
    return _agreement(data, gold, pred, by, ci=ci, n_boot=n_boot, seed=seed, convert=_as_bool,
                      stats=_binary_stats, boot=_binary_boot, measures=BINARY_MEASURES,
                      counts=_binary_counts, undefined=_binary_undefined)


# --------------------------------------------------------------------------------------------
# continuous

CONTINUOUS_MEASURES = ("pearson_r", "spearman_rho", "krippendorff_alpha")


def _as_float(series: pd.Series, column: str) -> np.ndarray:
    values = pd.to_numeric(series, errors="coerce")
    bad = values.isna()
    if bad.any():
        first = series.index[bad][0]
        what = "missing" if pd.isna(series[first]) else f"not a number ({series[first]!r})"
        raise InputError(None, f"{int(bad.sum())} value(s) missing or not numbers; the one at "
                               f"index {first!r} is {what}", field=column,
                         hint="drop or fix those rows first")
    return values.to_numpy(float)


def _continuous_stats(g: np.ndarray, p: np.ndarray) -> np.ndarray:
    from scipy import stats

    if len(g) < 2 or np.all(g == g[0]) or np.all(p == p[0]):
        r = rho = math.nan
    else:
        r = float(stats.pearsonr(g, p).statistic)
        rho = float(stats.spearmanr(g, p).statistic)
    return np.array([r, rho, _pair_alpha(g, p, "interval")], float)


def _continuous_boot(g: np.ndarray, p: np.ndarray):
    from scipy import stats

    def statistic(idx):
        G, P = g[idx], p[idx]
        r = stats.pearsonr(G, P, axis=-1).statistic
        rho = stats.pearsonr(stats.rankdata(G, axis=-1), stats.rankdata(P, axis=-1),
                             axis=-1).statistic
        alpha = _interval_alpha(np.stack([G, P], -2))
        return np.stack([r, rho, alpha])
    return statistic


def continuous_agreement(data: pd.DataFrame, *, gold: str, pred: str, by: str | None = None,
                         ci: float = 0.95, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """How well a numeric measure agrees with human numeric codes.

    Parameters
    ----------
    data : one row per text.
    gold, pred : columns holding the human score and the measure's score (numbers).
    by, ci, n_boot, seed : as for :func:`binary_agreement`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`AGREEMENT_COLUMNS`. Measures: ``pearson_r`` and ``spearman_rho`` (scipy),
        ``krippendorff_alpha`` (interval; human and measure as two coders -- meaningful only
        when both are on the same scale, e.g. -1 to 1). More is better. Undefined figures
        (a constant column) are NaN, with a ``ci_note`` saying why. A figure every resample
        repeats (a perfect correlation) has no interval, with a ``ci_note`` saying so.

    Examples
    --------
    >>> df = pd.DataFrame({"human": [-1.0, -0.5, 0.0, 0.5, 1.0], "auto": [-0.8, -0.2, 0.1, 0.3, 0.9]})
    >>> t = continuous_agreement(df, gold="human", pred="auto", n_boot=0).set_index("measure")
    >>> t["estimate"].round(3).tolist()
    [0.984, 1.0, 0.958]
    """
    return _agreement(data, gold, pred, by, ci=ci, n_boot=n_boot, seed=seed, convert=_as_float,
                      stats=_continuous_stats, boot=_continuous_boot,
                      measures=CONTINUOUS_MEASURES, counts=lambda g, p: [],
                      undefined=_continuous_undefined)


def _agreement(data, gold, pred, by, *, ci, n_boot, seed, convert, stats, boot, measures,
               counts, undefined):
    """Per group of ``by`` (and overall): ``stats(gold, pred)`` with bootstrap intervals, as
    rows of :data:`AGREEMENT_COLUMNS`; ``convert`` checks and converts each column,
    ``undefined(gold, pred)`` says why a figure has no estimate."""
    _require_columns(data, gold, pred, by)
    ci, n_boot = _check_boot(ci, n_boot)
    rng = np.random.default_rng(seed)
    rows = []
    g_all, p_all = convert(data[gold], gold), convert(data[pred], pred)
    for group, pos in _groups(data, by):
        g, p = g_all[pos], p_all[pos]
        if len(g) == 0:
            continue
        intervals = _bootstrap(boot(g, p), len(g), k=len(measures), ci=ci, n_boot=n_boot,
                               rng=rng)
        estimates = stats(g, p)
        intervals, notes = _fallback(estimates, intervals, counts(g, p), n=len(g), ci=ci,
                                     n_boot=n_boot)
        if np.isnan(estimates).any():
            notes = _undefined_notes(measures, estimates, notes, undefined(g, p))
        rows += _rows(group, measures, estimates, intervals, len(g), notes)
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


# --------------------------------------------------------------------------------------------
# frames (multi-label)

FRAME_SUMMARY_MEASURES = ("micro_precision", "micro_recall", "micro_f1", "macro_f1",
                          "exact_match")
PER_FRAME_MEASURES = ("precision", "recall", "f1", "krippendorff_alpha")


def _label_sets(values, column: str) -> list[tuple]:
    out = []
    for i, v in zip(values.index, values):
        if isinstance(v, str):
            out.append((v,))
        elif isinstance(v, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
            out.append(tuple(v))
        elif _is_missing(v):
            raise MissingValueError(None, f"missing frame labels at index {i!r}", field=column,
                                    hint="write an empty list (no frame) or drop the row")
        else:
            raise InputError(None, f"value {v!r} at index {i!r} is not a frame label or a list "
                                   "of them", field=column)
    return out


def _indicators(gold: list[tuple], pred: list[tuple], labels) -> tuple[np.ndarray, np.ndarray,
                                                                         list[str]]:
    from sklearn.preprocessing import MultiLabelBinarizer

    if labels is None:
        labels = sorted({x for s in gold + pred for x in s}, key=str)
    labels = list(labels)
    known = set(labels)
    for which, sets in (("gold", gold), ("pred", pred)):
        for s in sets:
            unknown = [x for x in s if x not in known]
            if unknown:
                raise ValueError(f"{which} label {unknown[0]!r} is not one of labels= ("
                                 + ", ".join(map(str, labels)) + ")")
    mlb = MultiLabelBinarizer(classes=labels)
    return (mlb.fit_transform(gold).astype(bool), mlb.transform(pred).astype(bool), labels)


def _frame_inputs(data, gold, pred, labels):
    return _indicators(_label_sets(data[gold], gold), _label_sets(data[pred], pred), labels)


def _frame_stats(Yg: np.ndarray, Yp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    support = Yg.sum(0) > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if Yg.shape[1] == 1:
            # one frame (a codebook of one frame and its residual): scikit-learn reads a single
            # indicator column as a binary target of two classes, so it is scored as one; the
            # micro figures are then that frame's own
            p, r, f, _ = precision_recall_fscore_support(Yg[:, 0], Yp[:, 0], average="binary",
                                                         zero_division=np.nan)
            p, r, f = np.array([p], float), np.array([r], float), np.array([f], float)
            mp, mr, mf = p[0], r[0], f[0]
        else:
            mp, mr, mf, _ = precision_recall_fscore_support(Yg, Yp, average="micro",
                                                            zero_division=np.nan)
            p, r, f, _ = precision_recall_fscore_support(Yg, Yp, average=None,
                                                         zero_division=np.nan)
    # macro F1: the mean of the per-frame F1 over the frames the humans coded (defined for each
    # of them). Not f1_score(average="macro") on those columns: when only one frame was coded,
    # scikit-learn reads its single column as a binary target and averages in the F1 of the
    # frame's absence
    macro = float(np.mean(np.asarray(f, float)[support])) if support.any() else math.nan
    alpha = [_pair_alpha(Yg[:, j], Yp[:, j], "nominal") for j in range(Yg.shape[1])]
    summary = np.array([mp, mr, mf, macro, accuracy_score(Yg, Yp)], float)
    per = np.column_stack([p, r, f, alpha]).astype(float)
    return summary, per


def _frame_counts(Yg: np.ndarray, Yp: np.ndarray) -> list:
    """Counts behind the proportions of :func:`frame_agreement`, in its order (summary, then
    per frame), for :func:`_fallback`; None where a figure is no proportion."""
    tp, fp, fn = (Yg & Yp).sum(0), (~Yg & Yp).sum(0), (Yg & ~Yp).sum(0)
    TP, FP, FN = int(tp.sum()), int(fp.sum()), int(fn.sum())
    out = [(TP, TP + FP), (TP, TP + FN), (TP, TP + FP + FN, "f1"), None,
           (int((Yg == Yp).all(-1).sum()), len(Yg))]
    for j in range(Yg.shape[1]):
        a, b, c = int(tp[j]), int(fp[j]), int(fn[j])
        out += [(a, a + b), (a, a + c), (a, a + b + c, "f1"), None]
    return out


def _frame_boot(Yg: np.ndarray, Yp: np.ndarray):
    support = Yg.sum(0) > 0
    L = Yg.shape[1]

    def statistic(idx):
        G, P = Yg[idx], Yp[idx]  # (batch, n, L)
        tp = (G & P).sum(1)
        fp = (~G & P).sum(1)
        fn = (G & ~P).sum(1)
        with np.errstate(invalid="ignore", divide="ignore"):
            TP, FP, FN = tp.sum(-1), fp.sum(-1), fn.sum(-1)
            micro_p, micro_r = TP / (TP + FP), TP / (TP + FN)
            micro_f = 2 * TP / (2 * TP + FP + FN)
            f = 2 * tp / (2 * tp + fp + fn)
            p, r = tp / (tp + fp), tp / (tp + fn)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                macro = (np.nanmean(f[:, support], axis=-1) if support.any()
                         else np.full(len(f), np.nan))
        exact = (G == P).all(-1).mean(-1)
        # alpha per frame: value counts per text (gold + pred), frames as a leading axis
        ones = G.astype(int) + P.astype(int)                       # (batch, n, L)
        unit = np.stack([2 - ones, ones], -1).transpose(0, 2, 1, 3)  # (batch, L, n, 2)
        alpha = _nominal_alpha_counts(unit)                        # (batch, L)
        per = np.stack([p, r, f, alpha], 1)                        # (batch, 4, L)
        per = per.transpose(2, 1, 0).reshape(L * 4, -1)            # frame-major rows
        return np.vstack([np.stack([micro_p, micro_r, micro_f, macro, exact]), per])
    return statistic


def _frame_undefined(Yg: np.ndarray, Yp: np.ndarray, labels, estimates, notes) -> list[str]:
    """``notes`` of :func:`frame_agreement` (summary, then per frame) with, for each figure
    without an estimate, why it has none."""
    summary = {"micro_precision": "no estimate: the measure found no frame in any text",
               "micro_recall": "no estimate: the humans coded no frame in any text",
               "micro_f1": "no estimate: neither the humans nor the measure coded a frame",
               "macro_f1": "no estimate: the humans coded no frame in any text"}
    s = len(FRAME_SUMMARY_MEASURES)
    out = _undefined_notes(FRAME_SUMMARY_MEASURES, estimates[:s], notes[:s], summary)
    for j, _label in enumerate(labels):
        both = np.concatenate([Yg[:, j], Yp[:, j]])
        same = (None if both.any() and not both.all() else
                "present in" if both.all() else "absent from")
        why = {"precision": "no estimate: the measure never found this frame",
               "recall": "no estimate: the humans never coded this frame",
               "f1": "no estimate: neither the humans nor the measure coded this frame",
               "krippendorff_alpha": _same_value_alpha(
                   f"the frame is {same} every text, for humans and measure alike")
               if same else "no estimate: alpha is undefined for these codes"}
        part = slice(s + j * len(PER_FRAME_MEASURES), s + (j + 1) * len(PER_FRAME_MEASURES))
        out += _undefined_notes(PER_FRAME_MEASURES, estimates[part], notes[part], why)
    return out


def frame_agreement(data: pd.DataFrame, *, gold: str, pred: str, labels=None,
                    by: str | None = None, ci: float = 0.95, n_boot: int = 1000,
                    seed: int = 0) -> pd.DataFrame:
    """How well multi-label frame decisions agree with human frame codes.

    Parameters
    ----------
    data : one row per text.
    gold, pred : columns holding, per text, the frames the humans coded and the frames the
        measure found: lists, tuples or sets of frame names (an empty one for "no frame"; a
        plain string is one frame).
    labels : the frames to evaluate, in order; default every label that occurs. A label
        outside ``labels`` is an error.
    by, ci, n_boot, seed : as for :func:`binary_agreement`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS`. Rows with ``frame == "all"``: ``micro_precision``,
        ``micro_recall``, ``micro_f1`` (every text x frame decision pooled), ``macro_f1`` (mean
        F1 over the frames the humans coded at least once in that group), ``exact_match``
        (share of texts whose frame set is exactly right). Then per frame: ``precision``,
        ``recall``, ``f1`` and ``krippendorff_alpha`` (nominal, presence coded by humans and
        measure). scikit-learn computes the figures; undefined ones (e.g. precision of a frame
        never predicted, alpha of a frame absent from every text) are NaN, with a ``ci_note``
        saying why. More is better. ``ci_note`` as in :func:`binary_agreement`:
        a proportion every resample repeats (a frame's precision 0 or 1) gets the Wilson
        interval on its counts (micro figures: on the pooled text x frame decisions, treated
        as independent), macro F1 and alpha none.

    Examples
    --------
    >>> df = pd.DataFrame({"human": [["economic"], ["economic", "morality"], []],
    ...                    "auto": [["economic"], ["morality"], ["morality"]]})
    >>> t = frame_agreement(df, gold="human", pred="auto", n_boot=0)
    >>> t[t.frame == "all"].set_index("measure")["estimate"].round(3).to_dict()
    {'micro_precision': 0.667, 'micro_recall': 0.667, 'micro_f1': 0.667, 'macro_f1': 0.667, 'exact_match': 0.333}
    """
    _require_columns(data, gold, pred, by)
    ci, n_boot = _check_boot(ci, n_boot)
    Yg_all, Yp_all, labels = _frame_inputs(data, gold, pred, labels)
    rng = np.random.default_rng(seed)
    rows = []
    for group, pos in _groups(data, by):
        Yg, Yp = Yg_all[pos], Yp_all[pos]
        if len(Yg) == 0:
            continue
        summary, per = _frame_stats(Yg, Yp)
        k = len(FRAME_SUMMARY_MEASURES) + len(labels) * len(PER_FRAME_MEASURES)
        intervals = _bootstrap(_frame_boot(Yg, Yp), len(Yg), k=k, ci=ci, n_boot=n_boot, rng=rng)
        estimates = np.concatenate([summary, per.reshape(-1)])  # frame-major, as the bootstrap
        intervals, notes = _fallback(estimates, intervals, _frame_counts(Yg, Yp), n=len(Yg),
                                     ci=ci, n_boot=n_boot)
        s = len(FRAME_SUMMARY_MEASURES)
        if np.isnan(estimates).any():
            notes = _frame_undefined(Yg, Yp, labels, estimates, notes)
        for row in _rows(group, FRAME_SUMMARY_MEASURES, summary, intervals[:s], len(Yg),
                         notes[:s]):
            rows.append({**row, "frame": ALL})
        for li, label in enumerate(labels):
            for mi, measure in enumerate(PER_FRAME_MEASURES):
                j = s + li * len(PER_FRAME_MEASURES) + mi
                lo, hi = intervals[j]
                rows.append({"group": group, "frame": label, "measure": measure,
                             "estimate": float(per[li, mi]), "ci_low": float(lo),
                             "ci_high": float(hi), "n": len(Yg), "ci_note": notes[j]})
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def frame_confusion(data: pd.DataFrame, *, gold: str, pred: str, labels=None) -> pd.DataFrame:
    """Per frame: how often humans and measure coded it, and the confusion counts.

    Returns a DataFrame with columns :data:`CONFUSION_COLUMNS`: ``support`` (texts the humans
    coded with the frame), ``predicted`` (texts the measure gave it), ``tp``, ``fp``, ``fn``,
    ``tn`` (as scikit-learn's ``multilabel_confusion_matrix`` counts them, one row per frame
    even for a single frame).

    >>> df = pd.DataFrame({"human": [["economic"], ["economic", "morality"], []],
    ...                    "auto": [["economic"], ["morality"], ["morality"]]})
    >>> frame_confusion(df, gold="human", pred="auto").values.tolist()
    [['economic', 2, 1, 1, 0, 1, 1], ['morality', 1, 2, 1, 1, 0, 1]]
    """
    _require_columns(data, gold, pred)
    Yg, Yp, labels = _frame_inputs(data, gold, pred, labels)
    if len(labels) == 0:
        return pd.DataFrame(columns=CONFUSION_COLUMNS)
    # counted per frame column (scikit-learn's multilabel_confusion_matrix reads a single
    # column, a codebook of one frame, as a binary target and gives two rows for it)
    return pd.DataFrame({"frame": labels, "support": Yg.sum(0), "predicted": Yp.sum(0),
                         "tp": (Yg & Yp).sum(0), "fp": (~Yg & Yp).sum(0),
                         "fn": (Yg & ~Yp).sum(0), "tn": (~Yg & ~Yp).sum(0)},
                        columns=CONFUSION_COLUMNS)


def frame_crosstab(data: pd.DataFrame, *, gold: str, pred: str, labels=None) -> pd.DataFrame:
    """Which frames the measure finds in texts the humans gave a frame: a frames x frames table.

    Cell (i, j) counts the texts the humans coded with frame i and the measure gave frame j;
    the diagonal holds the true positives, the rest shows what a frame is confused with.

    >>> df = pd.DataFrame({"human": [["economic"], ["economic", "morality"]],
    ...                    "auto": [["economic"], ["morality"]]})
    >>> frame_crosstab(df, gold="human", pred="auto").values.tolist()
    [[1, 1], [0, 1]]
    """
    _require_columns(data, gold, pred)
    Yg, Yp, labels = _frame_inputs(data, gold, pred, labels)
    table = Yg.T.astype(int) @ Yp.astype(int)
    return pd.DataFrame(table, index=pd.Index(labels, name="gold"),
                        columns=pd.Index(labels, name="predicted"))


# --------------------------------------------------------------------------------------------
# agreement between coders


_PLAIN_NUMBER = re.compile(r"^(\d+)(?:\.0*)?$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
#: Significant digits Excel keeps of a number: an id of more digits stored as one is cut.
EXCEL_DIGITS = 15


def _number_key(unit: str) -> str | None:
    """The whole number an id reads as ("00123", "123", "123.0" and "1.23E2" are 123), None if
    none (or one of more digits than a spreadsheet keeps)."""
    m = _PLAIN_NUMBER.match(unit)
    if m:
        return m.group(1).lstrip("0") or "0"
    if _SCIENTIFIC.match(unit):
        x = float(unit.replace(",", "."))
        if x.is_integer() and 0 <= x < 10 ** EXCEL_DIGITS:
            return str(int(x))
    return None


def _match_ids(sheets: Mapping) -> tuple[dict, list[str]]:
    """Coders' sheets (``{coder: DataFrame with id}``) with ids that a spreadsheet turned into
    numbers matched to the other sheets' ids, and notes saying what was matched and which ids
    cannot be.

    Excel reads a numeric-looking id of a CSV as a number: ``00123`` becomes ``123``, and
    ``20191104123456789`` becomes ``2.01911E+16``. A coder who opened and saved the sheet in
    Excel then returns ids that match no other coder's. An id that is another sheet's id
    without its leading zeros (or with a ``.0``) is matched to it when that is the only
    spelling of the number in the other sheets and no sheet has two of them; an id in
    scientific notation, or a number of more than :data:`EXCEL_DIGITS` digits stored as a number,
    has lost digits and is only named.
    """
    ids = {coder: [str(u) for u in sheet["id"]] for coder, sheet in sheets.items()}
    spellings: dict[str, set] = {}
    for units in ids.values():
        for u in units:
            key = _number_key(u)
            if key is not None:
                spellings.setdefault(key, set()).add(u)
    rename: dict[str, str] = {}
    for key, spelt in spellings.items():
        if len(spelt) < 2 or any(len(spelt & set(units)) > 1 for units in ids.values()):
            continue  # one spelling, or two of them in one sheet: different units
        # the spelling the sheet was handed out with is not the number's plain form (Excel
        # writes that): 00123 for 123, 12E3 for 12000
        written = [u for u in spelt if u.split(".")[0] != key]
        if len(written) > 1:
            continue
        target = written[0] if written else key
        rename.update({u: target for u in spelt if u != target})
    out, notes = {}, []
    for coder, sheet in sheets.items():
        changed = [u for u in ids[coder] if u in rename]
        sheet = sheet.copy()  # the caller's sheet is left as it was
        if changed:
            sheet["id"] = [rename.get(u, u) for u in ids[coder]]
            examples = ", ".join(f"{u} as {rename[u]}" for u in changed[:3])
            notes.append(f"{coder}: {len(changed)} id{'s' if len(changed) != 1 else ''} read as "
                         f"numbers (a spreadsheet drops leading zeros, writes 12E3 as 12000) "
                         f"matched to the other sheets' ids: {examples}"
                         + (", ..." if len(changed) > 3 else ""))
        out[coder] = sheet
        sheet.attrs["ids_matched"] = True  # matched once: framing agreement has said so
    present: dict[str, int] = {}
    for sheet in out.values():
        for u in set(sheet["id"]):
            present[u] = present.get(u, 0) + 1
    for coder, sheet in out.items():
        rows = sheet.attrs.get("rows") or [None] * len(sheet)
        lost = [(u, r) for u, r in zip(sheet["id"], rows) if present[u] < 2 and (
            _SCIENTIFIC.match(u) or (u in set(sheet.attrs.get("number_ids", ())) and
                                     len(u.lstrip("-")) > EXCEL_DIGITS))]
        if lost:
            shown = ", ".join(u + (f" (row {r})" if r else "") for u, r in lost[:3])
            one = len(lost) == 1
            notes.append(f"{coder}: {len(lost)} id{'' if one else 's'} "
                         f"match{'es' if one else ''} no other sheet's and "
                         f"look{'s' if one else ''} like a number a spreadsheet cut to "
                         f"{EXCEL_DIGITS} digits or wrote in scientific notation (e.g. {shown}): "
                         "digits are lost; copy the id column from the sheet you handed out "
                         "(in Excel, format it as Text first)")
    return out, notes


def _codes_frame(codes) -> pd.DataFrame:
    """A units x coders DataFrame from a DataFrame or a {coder: Series / coding sheet} mapping.

    Coding sheets are aligned by id, with ids a spreadsheet turned into numbers matched first
    (:func:`_match_ids`, logged); sheets, or Series, that share no unit are an error."""
    if isinstance(codes, pd.DataFrame):
        return codes
    if isinstance(codes, Mapping):
        sheets = {c: v for c, v in codes.items() if isinstance(v, pd.DataFrame) and "id" in v}
        if len(sheets) > 1 and not all(v.attrs.get("ids_matched") for v in sheets.values()):
            matched, notes = _match_ids(sheets)
            codes = {c: matched.get(c, v) for c, v in codes.items()}
            for note in notes:
                logger.warning("%s", note)
        columns = {}
        for coder, value in codes.items():
            if isinstance(value, pd.DataFrame):
                _require_columns(value, "id", "label")
                if value["id"].duplicated().any():
                    dup = value["id"][value["id"].duplicated()].iloc[0]
                    raise InputError(None, f"coder {coder!r}: unit id {dup!r} appears twice",
                                     field="id")
                value = pd.Series(value["label"].to_numpy(), index=value["id"].astype(str))
            elif not isinstance(value, pd.Series):
                raise TypeError(f"coder {coder!r}: expected a Series or a coding sheet "
                                f"DataFrame, not {type(value).__name__}")
            columns[str(coder)] = value
        _check_overlap(columns)
        return pd.DataFrame(columns)
    raise TypeError(f"codes must be a DataFrame (units x coders) or a mapping of coder to codes, "
                    f"not {type(codes).__name__}")


def _check_overlap(columns: dict) -> None:
    """Refuse coders' codes that share no unit: alpha would be undefined for every variable."""
    if len(columns) < 2:
        return
    seen: dict = {}
    for series in columns.values():
        for unit in set(series.index):
            seen[unit] = seen.get(unit, 0) + 1
    if seen and max(seen.values()) < 2:
        shown = "; ".join(f"{coder}: " + ", ".join(map(str, list(series.index[:3])))
                          for coder, series in columns.items())
        raise InputError(None, "no unit is in two coders' codes: the ids differ in every row "
                               f"(first ids of each: {shown})",
                         hint="give every coder a copy of the same coding sheet and compare "
                              "the id columns; a spreadsheet may have turned ids into numbers "
                              "(00123 into 123, long ids into 2.01911E+16)")


def _observed_agreement(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pairable unit: its agreeing pairable values (Krippendorff's coincidences on the
    diagonal, sum_c n_uc (n_uc - 1) / (m_u - 1)) and its number of values m_u; summed over units
    their ratio is the observed agreement A_o = 1 - D_o (nominal)."""
    m = counts.sum(-1)
    return (counts * (counts - 1)).sum(-1) / np.maximum(m - 1, 1), m


def coder_agreement(codes, *, level: Level = "nominal", ci: float = 0.95, n_boot: int = 1000,
                    seed: int = 0) -> pd.DataFrame:
    """Agreement between two or more human coders: Krippendorff's alpha, missing codes allowed.

    Parameters
    ----------
    codes : a DataFrame with one row per unit (text) and one column per coder, missing codes as
        NaN/None; or a mapping ``{coder: codes}`` where codes is a Series indexed by unit id or a
        coding sheet read with :func:`read_coding_sheet` (its ``id`` and ``label`` columns).
        Units are aligned by id; a coder who did not code a unit counts as missing. Ids of
        coding sheets that a spreadsheet turned into numbers (``00123`` saved as ``123``) are
        matched to the other sheets' ids, with a logged warning; coders whose codes share no
        unit are an error.
        Multi-label codes (tuples, lists or sets of frames, as :func:`read_coding_sheet` returns
        for frames) are evaluated per frame: presence (1/0) as a nominal variable; when every
        code holds exactly one frame (a single-label scheme), the frame is also evaluated as one
        nominal variable (``variable`` "frame (one per text)").
    level : level of measurement: ``nominal``, ``ordinal``, ``interval`` or ``ratio``. Nominal
        codes are compared by value for numbers (``1``, ``1.0`` and ``"1"`` are one code, as
        one coder's sheet may store them as numbers and another's as text) and, for words,
        with surrounding spaces trimmed and case ignored.
    ci, n_boot, seed : percentile bootstrap over units (those coded by at least two coders).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODER_COLUMNS`: ``variable`` ("code", or the frame for multi-label
        codes), ``measure`` (``krippendorff_alpha``; for nominal codes also
        ``observed_agreement``, Krippendorff's A_o = 1 - D_o: the share of pairable codes that
        agree, each unit weighted by its number of codes -- with two coders and no missing
        codes, plain percent agreement),
        ``estimate``, ``ci_low``, ``ci_high``, ``n_units`` (units coded at least twice),
        ``n_coders``, ``n_values`` (codes in those units). More is better; alpha is 1 for
        perfect agreement and 0 for chance; Krippendorff (2018) suggests relying on variables
        with alpha >= 0.8 and drawing tentative conclusions only from alpha >= 0.667.
        ``ci_note`` is "" for a bootstrap interval; where every resample gives the same figure
        (perfect agreement) there is none, except that with two coders' codes on every unit the
        observed agreement (a share of units) gets the Wilson interval; the note says which.
        Alpha is NaN, with a note saying why, when every code is the same value (all coders
        coded every text 0: nothing to tell agreement from chance) or no unit was coded twice.

    Examples
    --------
    The worked example of Krippendorff (2011): four coders, twelve units, missing codes.

    >>> nan = float("nan")
    >>> codes = pd.DataFrame({
    ...     "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...     "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...     "C": [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...     "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]})
    >>> t = coder_agreement(codes, n_boot=0)
    >>> t[["measure", "estimate", "n_units", "n_values"]].round(3).values.tolist()
    [['krippendorff_alpha', 0.743, 11, 40], ['observed_agreement', 0.8, 11, 40]]
    >>> coder_agreement(codes, level="interval", n_boot=0)["estimate"].round(3).tolist()
    [0.849]
    """
    _check_choice("level", level, Level)
    ci, n_boot = _check_boot(ci, n_boot)
    frame = _codes_frame(codes)
    if frame.shape[1] < 2:
        raise ValueError(f"coder agreement needs at least two coders; got {frame.shape[1]}")
    values = frame.to_numpy(object)
    present = ~np.vectorize(_is_missing, otypes=[bool])(values) if values.size else \
        np.zeros(values.shape, bool)
    multi = any(isinstance(v, (tuple, list, set, frozenset)) for v in values[present])
    rng = np.random.default_rng(seed)
    rows = []
    if multi:
        bad = [v for v in values[present] if not isinstance(v, (tuple, list, set, frozenset))]
        if bad:
            raise InputError(None, f"mixed codes: {bad[0]!r} is not a set of frames while other "
                                   "codes are", hint="code every unit with a list of frames")
        if level != "nominal":
            raise ValueError("multi-label (frame) codes are compared per frame as nominal "
                             "presence; use level='nominal'")
        labels = sorted({x for v in values[present] for x in v}, key=str)
        if all(len(v) == 1 for v in values[present]):
            # one frame per text (a single-label scheme): the frame as one nominal variable too
            data = np.full(values.shape, np.nan)
            lookup = {label: float(i) for i, label in enumerate(labels)}
            data[present] = [lookup[next(iter(v))] for v in values[present]]
            rows += _coder_rows("frame (one per text)", data.T, "nominal", ci, n_boot, rng)
        for label in labels:
            data = np.full(values.shape, np.nan)
            data[present] = [float(label in v) for v in values[present]]
            rows += _coder_rows(label, data.T, "nominal", ci, n_boot, rng)
        return pd.DataFrame(rows, columns=CODER_COLUMNS)
    data = np.full(values.shape, np.nan)
    if level == "nominal":
        codes_present = [_nominal_code(v) for v in values[present]]
        domain = sorted(set(codes_present))
        lookup = {v: float(i) for i, v in enumerate(domain)}
        data[present] = [lookup[v] for v in codes_present]
    else:
        try:
            data[present] = [float(v) for v in values[present]]
        except (TypeError, ValueError) as err:
            raise InputError(None, f"level={level!r} needs numeric codes ({err})",
                             hint="use level='nominal' for categories") from None
    rows += _coder_rows("code", data.T, level, ci, n_boot, rng)
    return pd.DataFrame(rows, columns=CODER_COLUMNS)


def _nominal_code(value) -> str:
    """A nominal code as compared between coders: a number by its value (1, 1.0, "1" and " 1 "
    are one code, however a sheet stored it), words with surrounding spaces trimmed and case
    ignored ("Moral " is "moral")."""
    if isinstance(value, (bool, np.bool_)):
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            return text.casefold()
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def _coder_rows(variable, data: np.ndarray, level: str, ci, n_boot, rng) -> list[dict]:
    """Rows of :func:`coder_agreement` for one variable; ``data`` is coders x units."""
    n_coders = data.shape[0]
    m = (~np.isnan(data)).sum(0)
    data = data[:, m >= 2]  # units coded once or never carry no information about agreement
    n_units = data.shape[1]
    n_values = int((~np.isnan(data)).sum())
    domain = np.unique(data[~np.isnan(data)])
    # per-unit value counts (units x values), used by the nominal closed form and agreement
    counts = np.stack([(data == v).sum(0) for v in domain], -1) if len(domain) else \
        np.zeros((n_units, 0))
    if n_units == 0:
        alpha = math.nan
    elif len(domain) <= MAX_PACKAGE_DOMAIN:
        alpha = _alpha_package(data, level)
    elif level == "interval":
        alpha = float(_interval_alpha(data))
    elif level == "nominal":
        alpha = float(_nominal_alpha_counts(counts))
    else:
        raise ValueError(f"{len(domain)} distinct codes are too many for level={level!r}; "
                         "bin the codes or use level='interval'")
    estimates, measures = [alpha], ["krippendorff_alpha"]
    if level == "nominal":
        agree, pairs = _observed_agreement(counts)
        estimates.append(agree.sum() / pairs.sum() if pairs.sum() else math.nan)
        measures.append("observed_agreement")

    def statistic(idx):
        if level == "nominal":
            c = counts[idx]
            a, p = agree[idx].sum(-1), pairs[idx].sum(-1)
            return np.stack([_nominal_alpha_counts(c), a / p])
        if level == "interval":
            return _interval_alpha(np.moveaxis(data[:, idx], 1, 0))[None, :]
        return np.array([[_alpha_package(data[:, i], level) for i in idx]])

    intervals = _bootstrap(statistic, n_units, k=len(measures), ci=ci, n_boot=n_boot, rng=rng)
    counts: list = [None]
    if level == "nominal" and n_units and bool((pairs == 2).all()):
        # two codes per unit: observed agreement is the share of units whose codes agree
        counts.append((int((agree == 2).sum()), n_units))
    intervals, notes = _fallback(estimates, intervals, counts, n=n_units, ci=ci, n_boot=n_boot)
    if math.isnan(alpha):  # say why there is no alpha, rather than a bare NaN
        notes[0] = ("no estimate: no unit was coded by two coders" if n_units == 0 else
                    "no estimate: every code is the same value, so alpha is undefined (no "
                    "disagreement is expected by chance)" + (
                        "; observed_agreement gives how often the codes agree"
                        if level == "nominal" else ""))
    return [{"variable": variable, "measure": name, "estimate": float(est), "ci_low": lo,
             "ci_high": hi, "n_units": n_units, "n_coders": n_coders, "n_values": n_values,
             "ci_note": note}
            for name, est, (lo, hi), note in zip(measures, estimates, intervals, notes)]


# --------------------------------------------------------------------------------------------
# sampling for hand coding


def _strata_keys(corpus: pd.DataFrame, by, measure, bins: int) -> pd.Series:
    parts = []
    if by is not None:
        parts.append(by + "=" + corpus[by].astype(object).where(corpus[by].notna(), MISSING_GROUP)
                     .astype(str))
    if measure is not None:
        col = corpus[measure]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col) \
                and col.nunique() > bins:
            binned = pd.qcut(col, bins, duplicates="drop").astype(str)
        else:
            binned = col.astype(object).astype(str)
        binned = binned.where(col.notna(), "missing")
        parts.append(measure + "=" + binned)
    if not parts:
        return pd.Series(ALL, index=corpus.index)
    key = parts[0]
    for p in parts[1:]:
        key = key + "; " + p
    return key


def _allocate(sizes: dict, n: int, allocation: str, rng) -> dict:
    alloc = dict.fromkeys(sizes, 0)
    if allocation == "proportional":
        total = sum(sizes.values())
        quotas = {k: n * s / total for k, s in sizes.items()}
        alloc = {k: min(sizes[k], math.floor(q)) for k, q in quotas.items()}
        rest = n - sum(alloc.values())
        order = sorted(sizes, key=lambda k: (-(quotas[k] - math.floor(quotas[k])), k))
        while rest > 0:  # largest remainders first, then any stratum with room left
            for k in order:
                if rest and alloc[k] < sizes[k]:
                    alloc[k] += 1
                    rest -= 1
        return alloc
    rest = n
    while rest > 0:  # equal: fill every stratum evenly; small strata give their share away
        open_ = sorted(k for k in sizes if alloc[k] < sizes[k])
        share = rest // len(open_)
        if share == 0:
            for k in rng.choice(len(open_), size=rest, replace=False):
                alloc[open_[k]] += 1
            break
        for k in open_:
            add = min(share, sizes[k] - alloc[k])
            alloc[k] += add
            rest -= add
    return alloc


def sample(corpus: pd.DataFrame, n: int, *, by: str | None = "outlet", measure: str | None = None,
           bins: int = 4, allocation: Allocation = "equal", seed: int = 0) -> pd.DataFrame:
    """Draw a stratified sample of texts for hand coding.

    Parameters
    ----------
    corpus : one row per text (e.g. from :func:`framing.load_corpus`, with measure columns).
    n : number of texts to draw (at most the corpus size).
    by : stratify by this column (default ``outlet``; None for none).
    measure : also stratify by this column's value, so that rare cases are covered: a numeric
        column with more than ``bins`` distinct values is cut at its quantiles into ``bins``
        bins; otherwise (bool, categories, few values) each value is a stratum. Missing values
        form their own stratum.
    bins : number of quantile bins for a numeric ``measure``.
    allocation : ``equal`` -- the same number of texts from every stratum (outlet x bin),
        a stratum too small to give its share gives all it has and the rest goes to the others;
        ``proportional`` -- proportional to stratum size (largest remainders).
    seed : seed of the random draw.

    Returns
    -------
    pandas.DataFrame
        The drawn rows (index and columns kept) in random order, plus ``stratum`` (the
        stratum's description) and ``weight`` (texts in the stratum / texts drawn from it: the
        inverse inclusion probability, for estimating corpus-wide shares from the sample).

    Examples
    --------
    >>> corpus = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 2, "text": [f"t{i}" for i in range(10)]})
    >>> s = sample(corpus, 4, seed=1)
    >>> s["outlet"].value_counts().sort_index().to_dict(), s.groupby("outlet")["weight"].first().to_dict()
    ({'A': 2, 'B': 2}, {'A': 4.0, 'B': 1.0})
    """
    _require_columns(corpus, by, measure)
    _check_choice("allocation", allocation, Allocation)
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a whole number >= 1, not {n!r}")
    if n > len(corpus):
        raise ValueError(f"n={n} is more than the {len(corpus)} texts of the corpus")
    if not isinstance(bins, (int, np.integer)) or isinstance(bins, bool) or bins < 1:
        raise ValueError(f"bins must be a whole number >= 1, not {bins!r}")
    rng = np.random.default_rng(seed)
    keys = _strata_keys(corpus, by, measure, bins)
    positions = {k: np.flatnonzero((keys == k).to_numpy()) for k in sorted(keys.unique())}
    sizes = {k: len(v) for k, v in positions.items()}
    alloc = _allocate(sizes, n, allocation, rng)
    chosen, stratum, weight = [], [], []
    for k in sorted(positions):
        if alloc[k] == 0:
            continue
        picked = rng.choice(positions[k], size=alloc[k], replace=False)
        chosen.extend(picked)
        stratum += [k] * alloc[k]
        weight += [sizes[k] / alloc[k]] * alloc[k]
    order = rng.permutation(len(chosen))
    out = corpus.iloc[np.asarray(chosen, dtype=int)[order]].copy()
    out["stratum"] = np.asarray(stratum, dtype=object)[order]
    out["weight"] = np.asarray(weight, dtype=float)[order]
    return out


# --------------------------------------------------------------------------------------------
# coding sheets

_INSTRUCTIONS = {
    "hedging": (
        "In the column '{label}' write 1 if the text expresses uncertainty, 0 if it does not.\n"
        "A text expresses uncertainty when the writer or a quoted source does not fully commit to "
        "a claim: presents it as possible, probable, believed, expected, unclear, unconfirmed, "
        "or attributed to rumour. Statements of fact, of intent and of certainty are not "
        "uncertain. Approximate numbers ('about 200') alone do not make a text uncertain.\n"
    ),
    "sentiment": (
        "In the column '{label}' write a number from -1 (very negative) through 0 (neutral) to 1 "
        "(very positive): the tone of the text as a typical reader would perceive it. Decimals "
        "are fine (e.g. -0.4).\n"
    ),
    "frames": (
        "In the column '{label}' write every frame the text uses, by the names in the sheet "
        "'Codebook' (or the list below), separated by ';' (e.g. '{example}'). Write "
        "'none' when no frame applies{residual}. A frame is used when the text presents the "
        "issue from that angle, not merely when a word associated with it occurs.\n"
    ),
}
#: Instructions of a sources coding sheet, per code (the coding rules of framing.sources).
_SOURCES_INSTRUCTIONS = {
    "anonymous": (
        "In the column '{label}' write 1 if the article attributes anything to an anonymous "
        "source, 0 if it does not.\n"
        "An anonymous source is a person or group described but not named ('officials said', "
        "'a senior manager', 'a source close to the talks', 'analysts'), or one the text says "
        "is withheld ('who asked not to be named'). An institution speaking as itself ('the "
        "ministry said', 'police said') and a document ('the report said') are not anonymous.\n"
    ),
    "quotes": (
        "In the column '{label}' write the number of attributions in the article (0 when there "
        "is none): every direct quotation and every piece of reported speech.\n"
        "A direct quotation is a span in quotation marks presented as someone's words; one "
        "interrupted by 'she said' counts twice. Reported speech is content attributed without "
        "quotation marks ('She said the plan had failed', 'The plan failed, officials said', "
        "'According to X, ...'); a statement that holds a quotation counts once. Scare quotes "
        "and titles in quotation marks are not quotes.\n"
    ),
    "direct_quotes": (
        "In the column '{label}' write the number of direct quotations in the article (0 when "
        "there is none): spans in quotation marks presented as someone's words, whole "
        "sentences or a fragment. A quotation interrupted by 'she said' counts twice. Scare "
        "quotes and titles in quotation marks are not quotations.\n"
    ),
    "named_sources": (
        "In the column '{label}' write the number of distinct named people and organizations "
        "the article quotes or reports speech from (0 when there is none), each counted once "
        "however often they speak. Unnamed sources ('officials', 'a source') and unnamed "
        "institutions ('the ministry') do not count.\n"
    ),
}
_GENERAL = (
    "\nRules for every coder:\n"
    "- Code every row; code independently, without discussing texts with other coders.\n"
    "- Do not change, sort or delete the 'id' or 'text' columns; add no rows.\n"
    "- Do not look at the measures the software computed for these texts.\n"
    "- Use the column 'notes' for doubts or remarks (optional).\n"
    "- Save the file in the same format and return it.\n"
)


def _frame_table(codebook) -> list[tuple[str, str]]:
    from framing.frames import load_codebook

    cb = load_codebook(codebook)
    return [(f.name, f.description + (" (residual: when no other frame applies)"
                                      if f.residual and not f.description else ""))
            for f in cb.frames]


def _instructions(kind: str, label_col: str, instructions: str | None, frames, cb_name,
                  residual=(), code: str | None = None) -> str:
    names = [name for name, _ in frames if name not in residual] or ["economic", "morality"]
    template = (_SOURCES_INSTRUCTIONS[code or DEFAULT_SOURCES_CODE] if kind == "sources"
                else _INSTRUCTIONS[kind])
    text = instructions if instructions is not None else \
        template.format(
            label=label_col, example="; ".join(names[:2]),
            residual="".join(f" (not '{r}': it means the same as 'none')" for r in residual)) \
        + _GENERAL
    if frames:
        text += f"\nCodebook: {cb_name}\n"
    return text


def _sheet_frame(sample_df: pd.DataFrame, text_col: str, id_col: str, show, label_col: str):
    _require_columns(sample_df, text_col)
    ids = sample_df[id_col] if id_col in sample_df.columns else pd.Series(sample_df.index,
                                                                          index=sample_df.index)
    ids = ids.astype(str)
    if ids.duplicated().any():
        raise InputError(None, f"id {ids[ids.duplicated()].iloc[0]!r} occurs twice in the sample",
                         field=id_col, hint="give every text a unique id")
    out = pd.DataFrame({"id": ids.to_numpy()})
    for c in show:
        if c in sample_df.columns and c not in ("id", text_col):
            out[c] = sample_df[c].astype(object).where(sample_df[c].notna(), "").astype(str) \
                .to_numpy()
    out["text"] = sample_df[text_col].astype(object).where(sample_df[text_col].notna(), "") \
        .astype(str).to_numpy()
    out[label_col] = ""
    out["notes"] = ""
    return out


def write_coding_sheet(sample: pd.DataFrame, path, *, kind: Kind = "frames", codebook=None,
                       instructions: str | None = None, text_col: str = "text",
                       id_col: str = "id", show: Sequence[str] = ("title",),
                       label_col: str = "label", code: SourcesCode | None = None) -> list[Path]:
    """Write a coding sheet for hand coding: ``.csv`` or ``.xlsx``.

    Parameters
    ----------
    sample : the texts to code (e.g. from :func:`sample`).
    path : where to write; the suffix chooses the format.
    kind : what coders code: ``hedging`` (1/0 uncertain), ``sentiment`` (a number from -1 to
        1), ``frames`` (frame names separated by ``;``) or ``sources`` (what ``code`` says).
        Chooses the default instructions.
    codebook : frames only: the codebook whose frames and descriptions coders use (a shipped
        name, a file or a :class:`framing.frames.Codebook`; default ``policy``).
    instructions : your own instructions instead of the default ones for ``kind``.
    text_col, id_col : the sample's text and id columns (without an id column the index is the
        id).
    show : other columns of the sample shown to coders when present (default the title). The
        outlet is not shown by default: coders should not know the source (blind coding).
    label_col : name of the column coders fill in.
    code : sources only: what coders record per article (:data:`SOURCES_CODES`):
        ``anonymous`` (default; 1 if the article uses an anonymous source, else 0), ``quotes``,
        ``direct_quotes`` or ``named_sources`` (a count); the instructions give the coding rules
        of :mod:`framing.sources`. Read the sheet back with the same ``code``.

    Returns
    -------
    list of pathlib.Path
        The files written. An XLSX workbook has the sheets *Coding* (id, shown columns, text,
        the label column, notes), *Instructions* and, for frames, *Codebook* (frame name,
        description). A CSV is written with a byte-order mark (Excel reads it as UTF-8); its
        instructions and codebook go to ``<name>.instructions.txt`` beside it.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> s = pd.DataFrame({"id": ["a1", "a2"], "text": ["Taxes rose.", "Talks failed."]})
    >>> [p.name for p in write_coding_sheet(s, os.path.join(folder, "sheet.csv"), kind="hedging")]
    ['sheet.csv', 'sheet.instructions.txt']
    """
    _check_choice("kind", kind, Kind)
    what = _code_type(kind, code)
    if codebook is not None and kind != "frames":
        raise ValueError("codebook= applies to kind='frames' only")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UnsupportedFormatError(path, f"cannot write a coding sheet as {path.suffix!r}",
                                     hint="use .csv or .xlsx")
    table = _sheet_frame(sample, text_col, id_col, show, label_col)
    frames = _frame_table("policy" if codebook is None else codebook) if kind == "frames" else []
    cb_name = None
    if frames:
        from framing.frames import load_codebook

        cb = load_codebook("policy" if codebook is None else codebook)
        cb_name = f"{cb.name} (version {cb.version or '-'}, {cb.digest})"
    residual = tuple(f.name for f in cb.frames if f.residual) if frames else ()
    text = _instructions(kind, label_col, instructions, frames, cb_name, residual, code)
    if suffix == ".csv":
        table.to_csv(path, index=False, encoding="utf-8-sig")
        side = path.with_name(path.stem + ".instructions.txt")
        lines = [text.rstrip("\n"), ""]
        if frames:
            lines += ["Frames (write the name on the left):", ""]
            lines += [f"{name}\n    {desc}\n" for name, desc in frames]
        side.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return [path, side]
    _write_xlsx(table, path, kind=what, label_col=label_col, text=text, frames=frames,
                residual=residual)
    return [path]


def _write_xlsx(table: pd.DataFrame, path: Path, *, kind, label_col, text, frames,
                residual=()) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Coding"
    columns = list(table.columns)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, record in enumerate(table.itertuples(index=False), start=2):
        for j, value in enumerate(record, start=1):
            value = _ILLEGAL_XLSX.sub("", str(value))
            if len(value) > XLSX_CELL_LIMIT:
                raise InputError(path, f"the {columns[j - 1]} has {len(value):,} characters, more "
                                       f"than an Excel cell holds ({XLSX_CELL_LIMIT:,})", row=i,
                                 field=columns[j - 1], hint="write a .csv coding sheet instead")
            cell = ws.cell(row=i, column=j, value=value if value else None)
            if value:
                cell.data_type = "s"  # never a formula, even when the text starts with "="
    widths = {"id": 16, "text": 100, label_col: 22, "notes": 30}
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, name in enumerate(columns, start=1):
        letter = ws.cell(row=1, column=j).column_letter
        ws.column_dimensions[letter].width = widths.get(name, 30)
        if name in ("text", "title", "notes"):
            for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                row[0].alignment = wrap
    ws.freeze_panes = "A2"
    label_letter = ws.cell(row=1, column=columns.index(label_col) + 1).column_letter
    cells = f"{label_letter}2:{label_letter}{max(2, len(table) + 1)}"
    if kind == "binary":
        dv = DataValidation(type="list", formula1='"0,1"', allow_blank=True,
                            error="Write 1 (yes) or 0 (no).",
                            errorTitle="Code 1 or 0", showErrorMessage=True)
    elif kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True, error="Write a whole number, 0 or more.",
                            errorTitle="A count", showErrorMessage=True)
    elif kind == "number":
        dv = DataValidation(type="decimal", operator="between", formula1="-1", formula2="1",
                            allow_blank=True, error="Write a number from -1 to 1.",
                            errorTitle="Number from -1 to 1", showErrorMessage=True)
    else:
        dv = None
    if dv is not None:
        ws.add_data_validation(dv)
        dv.add(cells)
    info = wb.create_sheet("Instructions")
    info.column_dimensions["A"].width = 110
    for line in text.splitlines():
        info.append([line or None])
        info.cell(row=info.max_row, column=1).alignment = Alignment(wrap_text=True)
    if frames:
        sheet = wb.create_sheet("Codebook")
        sheet.append(["frame", "description", "residual"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for name, desc in frames:
            sheet.append([name, desc, "yes" if name in residual else None])
            sheet.cell(row=sheet.max_row, column=2).alignment = wrap
        sheet.column_dimensions["A"].width = 45
        sheet.column_dimensions["B"].width = 100
    wb.save(path)


# --------------------------------------------------------------------------------------------
# reading tables (coding sheets and GOLD files)


def _read_xlsx(path: Path, sheet: str | None = None) -> tuple[pd.DataFrame, list[int], dict]:
    """The coding sheet (or the first sheet) as a DataFrame of raw values, its Excel row
    numbers, and ``{"frames": [...]}`` from a *Codebook* sheet when there is one."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise MalformedRecordError(path, f"not a readable XLSX workbook ({err})",
                                   hint="save it again from Excel/LibreOffice as .xlsx") from None
    try:
        name = sheet if sheet in wb.sheetnames else ("Coding" if "Coding" in wb.sheetnames
                                                     else wb.sheetnames[0])
        rows = list(wb[name].iter_rows(values_only=True))
        extra = {}
        if "Codebook" in wb.sheetnames:
            cb_rows = list(wb["Codebook"].iter_rows(values_only=True))
            extra["frames"] = [str(r[0]).strip() for r in cb_rows[1:]
                               if r and r[0] is not None and str(r[0]).strip()]
            if cb_rows and len(cb_rows[0]) > 2 and str(cb_rows[0][2]).strip() == "residual":
                extra["residual"] = [str(r[0]).strip() for r in cb_rows[1:]
                                     if r and len(r) > 2 and str(r[2]).strip().lower() == "yes"]
    finally:
        wb.close()
    if not rows or all(_is_missing(v) for v in rows[0]):
        raise EmptyFileError(path, f"the sheet {name!r} is empty")
    header = [("" if v is None else str(v).strip()) for v in rows[0]]
    while header and not header[-1]:
        header.pop()
    records, numbers = [], []
    for i, r in enumerate(rows[1:], start=2):
        r = list(r[:len(header)]) + [None] * (len(header) - len(r))
        if all(_is_missing(v) for v in r):
            continue
        records.append(r)
        numbers.append(i)
    if not records:
        raise EmptyFileError(path, f"the sheet {name!r} has a header but no rows")
    return pd.DataFrame(records, columns=header, dtype=object), numbers, extra


def _read_table(path) -> tuple[pd.DataFrame, list[int], dict]:
    """Any supported table as raw values with the row number of each record."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise UnsupportedFormatError(path, "a folder is not a table",
                                     hint="give a CSV, TSV, JSONL(.gz), Parquet or XLSX file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if path.stat().st_size == 0:
            raise EmptyFileError(path)
        return _read_xlsx(path)
    from framing.corpus import CorpusReader
    from framing.errors import EncodingError

    reader = CorpusReader(path, chunk_rows=100_000)
    frames, numbers = [], []
    try:
        for chunk, rows in reader._raw_chunks():
            chunk.columns = [str(c).lstrip("\ufeff").strip() for c in chunk.columns]
            frames.append(chunk)
            numbers += list(rows)
    except EncodingError as exc:  # the loader's hint names ingest's --encoding, not ours
        raise EncodingError(exc.path, exc.message, row=exc.row, field=exc.field,
                            hint="re-save the file as UTF-8 (in Excel: 'CSV UTF-8'), or as "
                                 ".xlsx") from None
    if not frames or not numbers:
        raise EmptyFileError(path, "no rows found")
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    df = df.reset_index(drop=True)
    # a row empty in every column (",,,," that spreadsheets leave when rows are deleted) is no
    # record, as in an XLSX sheet; a row with anything in it stays and is checked
    blank = np.array([all(_is_missing(v) for v in row)
                      for row in df.itertuples(index=False, name=None)], dtype=bool)
    if blank.any():
        df = df.loc[~blank].reset_index(drop=True)
        numbers = [n for n, b in zip(numbers, blank) if not b]
        if not numbers:
            raise EmptyFileError(path, "the header has no rows under it")
    return df, numbers, {}


class _BadCode(ValueError):
    """A code or label that cannot be read: ``args`` are the message and a hint. Bad data in a
    file, reported with its row (so a ValueError, even where the value has the wrong type)."""


def _parse_binary(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.number)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _BadCode(f"{value!r} is not a yes/no code", "write 1 or 0 (true/false, yes/no)")


def _parse_number(value) -> float:
    if isinstance(value, (bool, np.bool_)):
        raise _BadCode(f"{value!r} is not a number", "write a number, e.g. -0.5")
    if isinstance(value, (int, float, np.number)):
        x = float(value)
    else:
        s = str(value).strip()
        if _DECIMAL_COMMA.match(s):
            s = s.replace(",", ".")
        try:
            x = float(s)
        except ValueError:
            raise _BadCode(f"{value!r} is not a number", "write a number, e.g. -0.5") from None
    if not math.isfinite(x):
        raise _BadCode(f"{value!r} is not a finite number", "write a number, e.g. -0.5")
    return x


def _parse_count(value) -> int:
    """A count: a whole number >= 0 (``3``, ``3.0``, ``"3"``)."""
    try:
        x = _parse_number(value)
    except _BadCode:
        raise _BadCode(f"{value!r} is not a count", "write a whole number, 0 or more") from None
    if x < 0 or not x.is_integer():
        raise _BadCode(f"{value!r} is not a count", "write a whole number, 0 or more")
    return int(x)


def _split_frames(value) -> tuple[list[str], bool]:
    """The frame names in a cell, and whether the cell was a list (where empty = no frame)."""
    is_list = isinstance(value, (list, tuple, set, frozenset, np.ndarray))
    if is_list:
        items = list(value)
    else:
        s = str(value).strip()
        if s.startswith("["):
            from framing.frames.model import _list_in_text

            items = _list_in_text(s)
            if items is None:
                raise _BadCode(f"{value!r} is not a list of frames",
                                 "write frame names separated by ';'")
            is_list = True
        else:
            items = s.split(";")
    out = []
    for x in items:
        if not isinstance(x, str):
            raise _BadCode(f"{x!r} in {value!r} is not a frame name",
                             "write frame names separated by ';'")
        if x.strip():
            out.append(x.strip())
    return out, is_list


def _parse_frames(value, lookup: dict | None) -> tuple[str, ...]:
    """Frame names, matched case- and separator-insensitively to ``lookup`` (canonical ->
    name); ``none`` alone means no frame."""
    from framing.frames import canonical_name

    names, is_list = _split_frames(value)
    if not names and is_list:
        return ()  # an empty list: no frame
    keys = [canonical_name(x) for x in names]
    if NO_FRAME in keys:
        if len(keys) > 1:
            raise _BadCode(f"{value!r} has 'none' together with frames",
                             "write either 'none' or the frames")
        return ()
    if not keys:
        raise _BadCode(f"{value!r} names no frame", f"write '{NO_FRAME}' for no frame")
    out = []
    for name, key in zip(names, keys):
        if lookup is not None:
            if key not in lookup:
                shown = ", ".join(lookup.values())
                raise _BadCode(f"unknown frame {name!r}", f"frames: {shown}; or '{NO_FRAME}'")
            key = lookup[key]
        if key not in out:
            out.append(key)
    if lookup is not None:
        order = {v: i for i, v in enumerate(lookup.values())}
        out.sort(key=lambda k: order[k])
    return tuple(out)


def _with_residual(lookup: dict | None, residual) -> dict | None:
    """A frame lookup that also accepts the residual frame names (read as no frame later)."""
    if lookup is None or not residual:
        return lookup
    from framing.frames import canonical_name

    return {**lookup, **{canonical_name(x): str(x) for x in residual
                         if canonical_name(x) not in lookup}}


def _without_residual(codes: list, residual) -> list:
    """Codes with the residual frame coded alone read as no frame ("other" = "none"); a code
    list with it among other frames stays as written."""
    if not residual:
        return codes
    from framing.frames import canonical_name

    drop = {canonical_name(x) for x in residual}
    return [() if len(c) == 1 and canonical_name(c[0]) in drop else c for c in codes]


def _frame_lookup(labels) -> dict | None:
    if labels is None:
        return None
    from framing.frames import Codebook, canonical_name

    if isinstance(labels, Codebook):
        labels = labels.names
    if isinstance(labels, str):
        raise TypeError("labels must be a list of frame names (or a Codebook), not a string")
    lookup = {}
    for x in labels:
        lookup.setdefault(canonical_name(x), str(x))
    return lookup


def _parse_codes(df: pd.DataFrame, numbers: list[int], path, column: str, kind: str,
                 lookup, missing: str, *, sheet: bool = True,
                 code: str | None = None) -> tuple[list, list[int]]:
    """Parse every code of a column; raise one error naming the first bad row (and counting the
    others) or, with missing="drop", leave out uncoded rows. Returns codes and kept positions."""
    what = _code_type(kind, code)
    parser = {"binary": _parse_binary, "number": _parse_number, "count": _parse_count,
              "frames": lambda v: _parse_frames(v, lookup)}[what]
    codes, keep, empty, bad = [], [], [], []
    for pos, (value, row) in enumerate(zip(df[column], numbers)):
        if _is_missing(value):
            empty.append(row)
            continue
        try:
            codes.append(parser(value))
            keep.append(pos)
        except _BadCode as err:
            bad.append((row, err.args[0], err.args[1] if len(err.args) > 1 else None))
    if bad:
        row, message, hint = bad[0]
        more = f" ({len(bad) - 1} more row(s) like it: {_rows_list([b[0] for b in bad[1:]])})" \
            if len(bad) > 1 else ""
        if kind == "sources":  # the column may hold another code than the one chosen
            other = [c for c in SOURCES_CODES if SOURCES_CODES[c][0] != what]
            hint = (f"{hint}; this reads the column as the sources code "
                    f"{code or DEFAULT_SOURCES_CODE!r} ({what}): if it holds another, choose "
                    "it with --code " + "|".join(other) + " (code= from Python or a report)")
        raise MalformedRecordError(path, message + more, row=row, field=column, hint=hint)
    if empty and missing == "error":
        more = f" ({len(empty) - 1} more: {_rows_list(empty[1:])})" if len(empty) > 1 else ""
        hint = {"frames": f"write '{NO_FRAME}' when no frame applies",
                "binary": "write 1 or 0", "number": "write a number",
                "count": "write a whole number (0 when there is none)"}[what]
        hint += ("; or leave uncoded rows out with missing='drop' (framing agreement "
                 "--drop-uncoded)" if sheet else "; or leave uncoded rows out of the comparison "
                 "with --drop-uncoded (run_validation(missing='drop'); the validation report "
                 "does so by default)")
        raise MissingValueError(path, ("no code" if sheet else "the label is empty") + more,
                                row=empty[0], field=column, hint=hint)
    return codes, keep


def _rows_list(rows: list[int], limit: int = 8) -> str:
    shown = ", ".join(f"row {r}" for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def read_coding_sheet(path, *, kind: Kind, labels=None, id_col: str = "id",
                      label_col: str = "label", missing: MissingPolicy = "error",
                      code: SourcesCode | None = None) -> pd.DataFrame:
    """Read a filled coding sheet (``.csv``, ``.tsv`` or ``.xlsx``) and check it.

    Parameters
    ----------
    path : the sheet, as written by :func:`write_coding_sheet` and filled in by a coder.
    kind : ``hedging`` (codes 1/0, true/false, yes/no), ``sentiment`` (numbers; a decimal
        comma is accepted), ``frames`` (frame names separated by ``;``, or a list; ``none``
        for no frame) or ``sources`` (what ``code`` says).
    code : sources only: what the code records, one of :data:`SOURCES_CODES` --
        ``anonymous`` (default; 1/0: the article uses an anonymous source) or a count
        (``quotes``, ``direct_quotes``, ``named_sources``: a whole number, 0 or more).
    labels : frames only: the valid frame names (a list, a :class:`framing.frames.Codebook`, or
        a :class:`framing.frames.FramesModel`: its frames, and what it reads as no frame);
        names are matched case- and separator-insensitively ("Crime and punishment" =
        ``crime_and_punishment``). Default: the frames of the workbook's *Codebook* sheet when
        there is one, else any name. A code of the codebook's residual frame alone ("other":
        present when no other frame is; from a Codebook, or marked in the *Codebook* sheet) is
        read as ``none``, so that coders who write either agree.
    id_col, label_col : the id column and the column holding the codes.
    missing : ``error`` (default) -- an uncoded row is an error; ``drop`` -- uncoded rows are
        left out (their number is in ``df.attrs["n_uncoded"]``, their rows in
        ``df.attrs["uncoded_rows"]``, their ids in ``df.attrs["uncoded_ids"]``). A code that is there but cannot be read is an error
        either way.

    Returns
    -------
    pandas.DataFrame
        The sheet's rows with ``id`` (str) and ``label`` parsed: bool (hedging, sources
        ``anonymous``), float (sentiment), int (a sources count) or a tuple of frame names
        (frames, in codebook order); other columns as they were. ``df.attrs["rows"]`` holds each row's number in the file,
        ``df.attrs["number_ids"]`` the ids stored as numbers (an Excel number cell keeps 15
        digits).

    Raises
    ------
    framing.errors.InputError
        Naming file, row and field: missing id or label column, empty sheet, a missing id, a
        duplicate id (with the row of its first occurrence), a code that cannot be read or an
        unknown frame (with the valid names), an uncoded row (with the other uncoded rows).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "coded.csv")
    >>> _ = pd.DataFrame({"id": ["a", "b"], "text": ["x", "y"],
    ...                   "label": ["Economic; crime and punishment", "none"]}).to_csv(p, index=False)
    >>> read_coding_sheet(p, kind="frames", labels=["economic", "crime_and_punishment"])["label"].tolist()
    [('economic', 'crime_and_punishment'), ()]
    """
    _check_choice("kind", kind, Kind)
    _check_choice("missing", missing, MissingPolicy)
    _code_type(kind, code)
    if labels is not None and kind != "frames":
        raise ValueError("labels= applies to kind='frames' only")
    path = Path(path)
    df, numbers, extra = _read_table(path)
    for column, option in ((id_col, "--id-col"), (label_col, "--label-col")):
        if column not in df.columns:
            raise _missing_column(path, column, df.columns, option)
    ids, number_ids = [], []
    first_row: dict[str, int] = {}
    for value, row in zip(df[id_col], numbers):
        if _is_missing(value):
            raise MissingValueError(path, "the id is empty", row=row, field=id_col,
                                    hint="do not edit the id column of a coding sheet")
        key = str(int(value)) if isinstance(value, float) and value.is_integer() else \
            str(value).strip()
        if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
            number_ids.append(key)  # a number cell: Excel keeps only 15 digits of it
        if key in first_row:
            raise MalformedRecordError(path, f"duplicate id {key!r} (first in row "
                                             f"{first_row[key]})", row=row, field=id_col,
                                       hint="every text must appear once; remove the copy")
        first_row[key] = row
        ids.append(key)
    residual: set = set()
    if kind == "frames":
        from framing.frames import Codebook, canonical_name

        residual = {canonical_name(x) for x in extra.get("residual", ())}
        if isinstance(labels, Codebook):
            residual |= {f.name for f in labels.frames if f.residual}
        model = sys.modules.get("framing.frames.model")  # not imported: labels is no model
        if model is not None and isinstance(labels, model.FramesModel):
            residual |= set(_model_residual(labels))
            labels = list(labels.labels)
    if kind == "frames" and labels is None and extra.get("frames"):
        labels = extra["frames"]
    lookup = _with_residual(_frame_lookup(labels), residual)
    codes, keep = _parse_codes(df, numbers, path, label_col, kind, lookup, missing, code=code)
    # the residual frame ("other": when no other frame applies) is the same code as "none",
    # whichever of the two a coder wrote
    codes = _without_residual(codes, residual)
    out = df.iloc[keep].copy()
    out[id_col] = [ids[i] for i in keep]
    if id_col != "id":
        out = out.rename(columns={id_col: "id"})
    out["label"] = pd.Series(codes, index=out.index, dtype=object if kind == "frames" else None)
    if label_col != "label":
        out = out.drop(columns=[label_col])
    out = out.reset_index(drop=True)
    out.attrs["rows"] = [numbers[i] for i in keep]
    out.attrs["n_uncoded"] = len(df) - len(keep)
    kept = set(keep)
    out.attrs["uncoded_rows"] = [r for i, r in enumerate(numbers) if i not in kept]
    out.attrs["uncoded_ids"] = [ids[i] for i in range(len(ids)) if i not in kept]
    out.attrs["number_ids"] = number_ids
    return out


def read_gold(path, *, kind: Kind, text_col: str = "text", label_col: str = "label",
              outlet_col: str | None = None, labels=None, residual=(),
              missing: MissingPolicy = "error", code: SourcesCode | None = None,
              articles: pd.DataFrame | None = None, id_col: str = "id") -> pd.DataFrame:
    """Read a file of human-coded texts (GOLD) for :func:`run_validation`.

    Parameters
    ----------
    path : CSV/TSV (``.gz`` too), JSON Lines (``.jsonl``, ``.jsonl.gz``), JSON array, Parquet or
        XLSX; one row per text.
    kind : ``hedging`` (label 0/1, true/false, yes/no), ``sentiment`` (a number), ``frames``
        (frame names: a list, or ``;``-separated; ``none`` or an empty list for no frame) or
        ``sources`` (what ``code`` says).
    code : sources only: what the label records (:data:`SOURCES_CODES`): ``anonymous``
        (default; 0/1) or a count (``quotes``, ``direct_quotes``, ``named_sources``).
    articles : ``id``, ``outlet`` and ``date`` of the corpus the texts were drawn from (e.g.
        :func:`article_outlets`): each text's outlet and date are then joined from it by the
        file's ``id_col`` (a blind coding sheet hides them), in place of any outlet column of
        the file; an id it lacks is an error listing those ids with their rows. ``outlet_col=""``
        still means no breakdown.
    id_col : the file's id column (used with ``articles`` only).
    text_col, label_col : the text and label columns.
    outlet_col : the outlet column; None uses a column called ``outlet`` when there is one,
        ``""`` none (no outlet, even when the file has such a column).
    labels : frames only: the valid frame names (matched case- and separator-insensitively).
    residual : frames only: names of a codebook's residual frame ("other": present when no other
        frame is); coded alone, it means no frame, as on a coding sheet.
    missing : a row whose label is blank (uncoded): ``error`` (default) names it; ``drop``
        leaves it out, its row number in ``df.attrs["uncoded_rows"]``. A label that is there
        but cannot be read is an error either way.

    Returns
    -------
    pandas.DataFrame
        Columns ``text``, ``label`` (bool, float, int or tuple of frame names), ``outlet`` (when
        there is an outlet column or ``articles``; missing outlets as None), ``date`` (with
        ``articles``) and ``row`` (the row in the file);
        ``attrs["uncoded_rows"]``: the rows left out for a blank label.

    Raises
    ------
    framing.errors.InputError
        Naming file, row and field: empty file, missing column (with those present), empty
        text, missing or unreadable label, unknown frame.

    Examples
    --------
    The sample coding sheet (from the framing folder), 80 sentences coded 0/1 for uncertainty:

    >>> gold = read_gold("data/sample/coding_example.csv", kind="hedging", text_col="sentence",
    ...                  label_col="uncertain")
    >>> list(gold.columns), len(gold), int(gold["label"].sum()), int(gold["row"].iloc[0])
    (['text', 'label', 'outlet', 'row'], 80, 14, 2)
    """
    _check_choice("kind", kind, Kind)
    _check_choice("missing", missing, MissingPolicy)
    _code_type(kind, code)
    path = Path(path)
    df, numbers, _ = _read_table(path)
    joined = articles is not None and outlet_col != ""
    if joined:
        outlet_col = None  # the outlet comes from the articles
    elif outlet_col is None and "outlet" in df.columns:
        outlet_col = "outlet"
    outlet_col = outlet_col or None  # "": no breakdown, even when the file has an outlet column
    for column, option in ((text_col, "--text-col"), (label_col, "--label-col"),
                           (outlet_col, "--outlet-col"), (id_col if joined else None, "--id-col")):
        if column is not None and column not in df.columns:
            raise _missing_column(path, column, df.columns, option)
    for value, row in zip(df[text_col], numbers):
        if not isinstance(value, str) or not value.strip():
            raise MissingValueError(path, "the text is empty" if _is_missing(value) else
                                    f"the text is not a string ({value!r})", row=row,
                                    field=text_col, hint="fill it in or remove the row")
    lookup = _frame_lookup(labels)
    codes, keep = _parse_codes(df, numbers, path, label_col, kind,
                               _with_residual(lookup, residual), missing, sheet=False,
                               code=code)
    codes = _without_residual(codes, residual) if kind == "frames" else codes
    out = pd.DataFrame({"text": df[text_col].to_numpy()[keep]})
    out["label"] = pd.Series(codes, dtype=object if kind == "frames" else None)
    if outlet_col is not None:
        outlets = df[outlet_col].to_numpy(object)[keep]
        out["outlet"] = [None if _is_missing(v) else str(v).strip() for v in outlets]
    if joined:
        ids = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
               for v in df[id_col].to_numpy(object)[keep]]
        meta = _join_articles(path, ids, [numbers[i] for i in keep], articles, id_col)
        out["outlet"] = [None if _is_missing(v) else str(v) for v in meta["outlet"]]
        out["date"] = meta["date"].to_numpy()
    out["row"] = [numbers[i] for i in keep]
    kept = set(keep)
    out.attrs["uncoded_rows"] = [r for i, r in enumerate(numbers) if i not in kept]
    return out


def article_outlets(*, corpus=None, store=None, mapping=None) -> pd.DataFrame:
    """``id``, ``outlet`` and ``date`` of every article of a corpus file or a store, to join
    the outlets (and dates) of a blind coding sheet back by id (:func:`read_gold`'s
    ``articles``); a store is read without its texts. ``mapping`` as for
    :func:`framing.load_corpus` (a corpus file only).

    >>> a = article_outlets(corpus="data/sample/articles.jsonl")
    >>> list(a.columns), a["outlet"].nunique()
    (['id', 'outlet', 'date'], 4)
    """
    if (corpus is None) == (store is None):
        raise ValueError("give a corpus file or a store (one of them)")
    if store is not None:
        from framing.store import Store, require_store

        with Store(require_store(store), read_only=True) as st:
            table = st.con.execute("SELECT id, outlet, date FROM articles").df()
        table.attrs["source"] = str(store)
    else:
        from framing.corpus import load_corpus

        table = load_corpus(corpus, mapping=mapping)
        table = table[["id", "outlet", "date"]].reset_index(drop=True)
        table.attrs["source"] = str(corpus)
    table["id"] = table["id"].astype(str)
    return table


def _join_articles(path, ids: list[str], rows: list[int], articles: pd.DataFrame,
                   id_col: str) -> pd.DataFrame:
    """The outlet and date of each of the sheet's ids, from ``articles`` (id, outlet, date);
    an id the articles lack, or one they give two outlets, is an error listing them."""
    source = articles.attrs.get("source") or "the corpus"
    table = articles.drop_duplicates(["id", "outlet"])
    twice = set(table["id"][table["id"].duplicated()])
    known = table.drop_duplicates("id").set_index("id")
    lacking = [(u, r) for u, r in zip(ids, rows) if u not in known.index]
    if lacking:
        shown = ", ".join(f"{u} (row {r})" for u, r in lacking[:8])
        raise InputError(path, f"{len(lacking):,} of the sheet's {len(ids):,} ids are not "
                               f"articles of {source}: {shown}"
                               + (f" and {len(lacking) - 8:,} more" if len(lacking) > 8 else ""),
                         field=id_col,
                         hint="give the corpus or store the sample was drawn from; a "
                              "spreadsheet may have turned ids into numbers (00123 into 123)")
    ambiguous = [u for u in ids if u in twice]
    if ambiguous:
        raise InputError(path, f"id {ambiguous[0]!r} names articles of two outlets in {source}",
                         field=id_col, hint="ids must identify one article each")
    return known.loc[ids, ["outlet", "date"]].reset_index(drop=True)


def _uncoded(gold: pd.DataFrame, path, label_col: str, what: str = "") -> dict:
    """``n_uncoded``, ``uncoded_rows`` and a note for the rows :func:`read_gold` left out."""
    rows = gold.attrs.get("uncoded_rows") or []
    if not rows:
        return {}
    n = len(rows)
    return {"n_uncoded": n, "uncoded_rows": rows,
            "notes": [f"{n:,} row{'s' if n != 1 else ''} of {Path(path).name}{what} without a "
                      f"code in {label_col!r} left out of this comparison: {_rows_list(rows)}"]}


def _merge_notes(info: dict, extra: dict) -> dict:
    """``extra`` into ``info``, their ``notes`` lists joined."""
    notes = list(info.get("notes", [])) + list(extra.get("notes", []))
    out = {**info, **extra}
    if notes:
        out["notes"] = notes
    return out


# --------------------------------------------------------------------------------------------
# framing validate

#: The sentiment scorers compared with human scores, and the result field each one reads.
SENTIMENT_SCORERS = {"tone": "tone", "textblob": "textblob_polarity", "vader": "vader_compound"}


def _num(x):
    """A JSON-ready number: NaN -> None, numpy scalars -> Python."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def _figures(table: pd.DataFrame, group: str, frame: str | None = None) -> dict:
    """``{measure: estimate, ..., "n": n, "ci": {measure: [low, high]}}`` for one group, and
    ``"ci_note": {measure: note}`` for the figures whose interval is not the bootstrap's."""
    part = table[table["group"] == group]
    if frame is not None:
        part = part[part["frame"] == frame]
    out: dict = {"n": int(part["n"].iloc[0])} if len(part) else {"n": 0}
    ci, notes = {}, {}
    for r in part.itertuples(index=False):
        out[r.measure] = _num(r.estimate)
        ci[r.measure] = [_num(r.ci_low), _num(r.ci_high)]
        if r.ci_note:
            notes[r.measure] = r.ci_note
    out["ci"] = ci
    if notes:
        out["ci_note"] = notes
    return out


def _outlet_groups(table: pd.DataFrame) -> list[str]:
    return [g for g in dict.fromkeys(table["group"]) if g != ALL]


def _validate_hedging(gold: pd.DataFrame, *, by, ci, n_boot, seed) -> dict:
    from framing import hedging

    results = [hedging.score(t) for t in gold["text"]]
    # a text the lexicon does not score (not English) is left out and counted, not read as "not
    # uncertain" (its sentence flags are missing)
    english = np.array([r.english is True for r in results])
    pred = [any(r.sentence_uncertain) for r in results]
    data = pd.DataFrame({"gold": gold["label"].astype(bool).to_numpy(), "pred": pred})
    if by:
        data["outlet"] = gold["outlet"].to_numpy()
    data = data[english].reset_index(drop=True)
    if data.empty:
        raise InputError(None, "no text of the file was scored: every text looks non-English",
                         hint="framing.hedging scores English text only")
    table = binary_agreement(data, gold="gold", pred="pred", by=by, ci=ci, n_boot=n_boot,
                             seed=seed)

    def block(part_mask, group):
        fig = _figures(table, group)
        part = data[part_mask]
        fig["gold_positive"] = int(part["gold"].sum())
        fig["predicted_positive"] = int(part["pred"].sum())
        return fig

    out = {"measure": "hedging: a text is uncertain when any of its sentences is "
                      "(framing.hedging.score(text).sentence_uncertain)",
           "version": hedging.VERSION, **block(np.ones(len(data), bool), ALL),
           "n_not_english": int((~english).sum())}
    if by:
        keys = data["outlet"].where(data["outlet"].notna(), MISSING_GROUP).astype(str)
        out["per_outlet"] = {g: block((keys == g).to_numpy(), g) for g in _outlet_groups(table)}
    return out


def _validate_sentiment(gold: pd.DataFrame, *, by, ci, n_boot, seed) -> dict:
    from framing import sentiment

    results = [sentiment.score(t, evidence=False) for t in gold["text"]]
    english = np.array([r.english is True for r in results])
    data = pd.DataFrame({"gold": gold["label"].astype(float).to_numpy()})
    for name, field in SENTIMENT_SCORERS.items():
        data[name] = [getattr(r, field) for r in results]
    if by:
        data["outlet"] = gold["outlet"].to_numpy()
    data = data[english]
    if data.empty:
        raise InputError(None, "no text of the file was scored: every text looks non-English",
                         hint="framing.sentiment scores English text only")
    notes = []
    same_scale = bool(data["gold"].between(-1, 1).all())
    if not same_scale:
        notes.append("the human scores lie outside [-1, 1], the scorers' scale, so "
                     "Krippendorff's alpha (which needs one scale) is not reported; rescale "
                     "them to [-1, 1] for it")
    tables = {name: continuous_agreement(data, gold="gold", pred=name, by=by, ci=ci,
                                         n_boot=n_boot, seed=seed)
              for name in SENTIMENT_SCORERS}

    def block(group):
        scorers = {}
        for name, table in tables.items():
            fig = _figures(table, group)
            fig.pop("n")
            if not same_scale:
                fig["krippendorff_alpha"] = None
                fig["ci"]["krippendorff_alpha"] = [None, None]
                fig.get("ci_note", {}).pop("krippendorff_alpha", None)
            scorers[name] = fig
        n = _figures(tables["tone"], group)["n"]
        return {"n": n, **{k: v for k, v in scorers["tone"].items()}, "scorers": scorers}

    out = {"measure": "sentiment: the text's tone (mean over sentences) against the human "
                      "score; TextBlob polarity and VADER compound side by side",
           "version": sentiment.VERSION, **block(ALL),
           "n_not_english": int((~english).sum())}
    if notes:
        out["notes"] = notes
    if by:
        out["per_outlet"] = {g: block(g) for g in _outlet_groups(tables["tone"])}
    return out


def _validate_sources(gold: pd.DataFrame, *, code: str, by, ci, n_boot, seed) -> dict:
    """A sources code (:data:`SOURCES_CODES`) against :func:`framing.sources.score`: a yes/no
    code against ``field > 0`` (as hedging), a count against the count (as sentiment)."""
    from framing import sources

    what, field, description = SOURCES_CODES[code]
    results = [sources.score(t) for t in gold["text"]]
    # a text the shipped (English) reporting verbs do not score is left out and counted, not
    # read as one without sources (its counts are missing)
    scored = np.array([r.english is not False for r in results])
    measured = np.array([float(getattr(r, field)) for r in results])
    if what == "binary":
        data = pd.DataFrame({"gold": gold["label"].astype(bool).to_numpy(),
                             "pred": measured > 0})
    else:
        data = pd.DataFrame({"gold": gold["label"].astype(float).to_numpy(), "pred": measured})
    if by:
        data["outlet"] = gold["outlet"].to_numpy()
    data = data[scored].reset_index(drop=True)
    if data.empty:
        raise InputError(None, "no text of the file was scored: every text looks non-English",
                         hint="framing.sources scores English text only (or give your own "
                              "reporting verbs: framing.sources.load_lexicon)")
    agreement = binary_agreement if what == "binary" else continuous_agreement
    table = agreement(data, gold="gold", pred="pred", by=by, ci=ci, n_boot=n_boot, seed=seed)

    def block(part_mask, group):
        fig = _figures(table, group)
        part = data[part_mask]
        if what == "binary":
            fig["gold_positive"] = int(part["gold"].sum())
            fig["predicted_positive"] = int(part["pred"].sum())
        else:
            fig["gold_total"] = int(part["gold"].sum())
            fig["predicted_total"] = int(part["pred"].sum())
        return fig

    out = {"measure": f"sources, code {code!r}: {description} "
                      f"(framing.sources.score(text).{field})",
           "code": code, "version": sources.VERSION, **block(np.ones(len(data), bool), ALL),
           "n_not_english": int((~scored).sum())}
    if by:
        keys = data["outlet"].where(data["outlet"].notna(), MISSING_GROUP).astype(str)
        out["per_outlet"] = {g: block((keys == g).to_numpy(), g) for g in _outlet_groups(table)}
    return out


def _validate_frames(gold_path, *, text_col, label_col, outlet_col, train, codebook, ci,
                     n_boot, seed, missing="error", join=None) -> dict:
    from framing import frames
    from framing.frames.scoring import _is_model

    info: dict = {}
    if _is_model(codebook):
        if train is not None:
            raise InputError(str(codebook), "a trained model cannot be the codebook of --train",
                             hint="drop --train to evaluate the model on GOLD, or give --train "
                                  "a codebook (policy, generic, a YAML/CSV file)")
        gold, pred, labels, info = _saved_model(gold_path, codebook, text_col=text_col,
                                                label_col=label_col, outlet_col=outlet_col,
                                                missing=missing, join=join)
    elif train is None:
        cb = frames.load_codebook("policy" if codebook is None else codebook)
        residual = [f.name for f in cb.frames if f.residual]
        gold = read_gold(gold_path, kind="frames", text_col=text_col, label_col=label_col,
                         outlet_col=outlet_col, labels=cb.names, residual=residual,
                         missing=missing, **(join or {}))
        uncoded = gold.attrs["uncoded_rows"]
        results = [frames.score(t, codebook=cb) for t in gold["text"]]
        scored = np.array([r.english is not False for r in results], dtype=bool)
        n_not_english = int((~scored).sum())
        if n_not_english:
            # a codebook of English cues leaves other languages unscored, as sentiment does:
            # they are left out rather than counted as texts without frames
            gold = gold[scored].reset_index(drop=True)
            gold.attrs["uncoded_rows"] = uncoded
            results = [r for r, ok in zip(results, scored) if ok]
        pred = [r.present for r in results]
        # a residual frame ("other": present when no other frame is) means no frame, in the
        # human coding as in the scores: evaluating it would count every text without a frame
        # twice
        labels = [f.name for f in cb.frames if not f.residual]
        info = {"method": "codebook", "codebook": cb.name, "version": frames.VERSION,
                "codebook_version": f"{cb.version or '-'}+{cb.digest}",
                "n_not_english": n_not_english}
        if n_not_english:
            info["notes"] = [f"{n_not_english:,} text{'s' if n_not_english != 1 else ''} "
                             f"not English, left out: the codebook's cues are English "
                             f"(language: {cb.language})"]
    else:
        gold, pred, labels, info = _frames_model(gold_path, train, text_col=text_col,
                                                 label_col=label_col, outlet_col=outlet_col,
                                                 codebook=codebook, missing=missing, join=join)
    info = _merge_notes(info, _uncoded(gold, gold_path, label_col))
    keep = set(labels)
    data = pd.DataFrame({"gold": gold["label"].to_numpy(),
                         "pred": [tuple(x for x in s if x in keep) for s in pred]})
    by = "outlet" if "outlet" in gold.columns else None
    if by:
        data["outlet"] = gold["outlet"].to_numpy()
    table = frame_agreement(data, gold="gold", pred="pred", labels=labels, by=by, ci=ci,
                            n_boot=n_boot, seed=seed)
    confusion = frame_confusion(data, gold="gold", pred="pred", labels=labels)
    per_frame = {}
    for r in confusion.itertuples(index=False):
        fig = _figures(table, ALL, frame=r.frame)
        fig.pop("n")
        per_frame[r.frame] = {"support": int(r.support), "predicted": int(r.predicted),
                              "tp": int(r.tp), "fp": int(r.fp), "fn": int(r.fn),
                              "tn": int(r.tn), **fig}
    out = {"measure": f"frames ({info['method']}): the frames a text uses against the human "
                      "coding, every frame a yes/no decision per text",
           **info, "labels": labels, **_figures(table, ALL, frame=ALL), "per_frame": per_frame}
    if by:
        out["per_outlet"] = {g: _figures(table, g, frame=ALL) for g in _outlet_groups(table)}
    return out


def _model_residual(m) -> list[str]:
    """The codes a trained model reads as no frame: the residual frame of the codebook it was
    trained with (unless the model was trained with it as a frame of its own), as training read
    it -- a model records that even when its codebook features were not kept (older models:
    from those features)."""
    training = m.metadata.get("training", {})
    if "read_as_none" in training:
        return [x for x in training["read_as_none"] if x not in m.labels]
    return [f.name for f in m.codebook.frames if f.residual and f.name not in m.labels] \
        if m.codebook is not None else []


def _saved_model(gold_path, model, *, text_col, label_col, outlet_col, missing="error",
                 join=None):
    """Predict GOLD's texts with a model saved by ``framing train`` (GOLD may use its frames)."""
    from framing import frames

    m = frames.load_model(model)
    residual = _model_residual(m)
    gold = read_gold(gold_path, kind="frames", text_col=text_col, label_col=label_col,
                     outlet_col=outlet_col, labels=m.labels, residual=residual, missing=missing,
                     **(join or {}))
    pred = [m.predict(t).present for t in gold["text"]]
    training = m.metadata.get("training", {})
    info = {"method": "model", "model": str(model) if isinstance(model, (str, Path)) else m.name,
            "train": training.get("source"), "n_train": training.get("n_texts"),
            "version": frames.VERSION,
            "model_data_sha256": (training.get("data_sha256") or "")[:12] or None}
    from framing.frames.model import _data_hash

    if _data_hash(gold["text"].tolist(), gold["label"].tolist()) == training.get("data_sha256"):
        info["notes"] = [("GOLD is the model's training data: these figures are in-sample, "
                          "not an estimate of its accuracy on new texts (see the model's "
                          "cross-validated figures)")]
    elif training.get("text_keys") is not None:
        _note_overlap(info, gold["text"], set(training["text_keys"]))
    return gold, pred, list(m.labels), info


def _note_overlap(info: dict, gold_texts, training_keys: set) -> None:
    """Count GOLD's texts that the model was trained on (``n_in_training``) and say so: the
    figures then mix in-sample and out-of-sample texts and overstate accuracy."""
    from framing.frames.model import text_key

    seen = sum(text_key(t) in training_keys for t in gold_texts)
    info["n_in_training"] = seen
    if seen:
        info.setdefault("notes", []).append(
            f"{seen:,} of GOLD's {len(gold_texts):,} texts were in the training data: the "
            "figures on those are in-sample and overstate accuracy on new texts; evaluate on "
            "texts the model has not seen")


def _label_col_of(path, label_col: str) -> str:
    """The label column of a training file: ``label_col``, or when the file lacks it, the
    ``frames`` or ``label`` column it has (a training file and a coding sheet name it
    differently)."""
    columns = set(map(str, _read_table(Path(path))[0].columns))
    if label_col in columns:
        return label_col
    return next((c for c in ("frames", "label") if c in columns), label_col)


def _frames_model(gold_path, train, *, text_col, label_col, outlet_col, codebook,
                  missing="error", join=None):
    """Train the supervised frame classifier on ``train`` and predict GOLD's texts."""
    from framing import frames

    cb = frames.load_codebook(codebook) if codebook is not None else None
    residual = [f.name for f in cb.frames if f.residual] if cb is not None else []
    train_label = _label_col_of(train, label_col)
    train_df = read_gold(train, kind="frames", text_col=text_col, label_col=train_label,
                         residual=residual, missing=missing)
    gold = read_gold(gold_path, kind="frames", text_col=text_col, label_col=label_col,
                     outlet_col=outlet_col, residual=residual, missing=missing, **(join or {}))
    table = pd.DataFrame({text_col: train_df["text"], label_col: train_df["label"].map(list)})
    # the codebook, when given, is the one whose salience the model may use as features;
    # GOLD is the evaluation, so the training-time cross-validation is skipped (evaluate=False)
    model = frames.train(table, text_col=text_col, label_col=label_col, codebook=codebook,
                         evaluate=False)
    labels = list(getattr(model, "labels", None) or
                  sorted({x for s in train_df["label"] for x in s}))
    pred = [frames.score(t, model=model).present for t in gold["text"]]
    unseen = sorted({x for s in gold["label"] for x in s} - set(labels))
    info = {"method": "model", "train": str(train), "n_train": len(train_df),
            "version": frames.VERSION}
    untrained = _uncoded(train_df, train, train_label, " (training)")
    if untrained:
        info["n_uncoded_train"] = untrained["n_uncoded"]
        info["notes"] = [untrained["notes"][0].replace("this comparison", "the training")]
    if unseen:
        info["labels_not_in_training"] = unseen
    from framing.frames.model import text_key

    _note_overlap(info, gold["text"], {text_key(t) for t in train_df["text"]})
    return gold, pred, labels + unseen, info


def sheet_columns(gold_path, *, text_col: str, label_col: str, outlet_col: str | None = None,
                  second_label_col: str | None = None, kind: str | None = None,
                  outlets_joined: bool = False) -> tuple[dict, list[str]]:
    """The columns of a coding sheet to validate with, adapted to the sheet, and notes saying
    what was adapted: what the validation notebook runs before :func:`run_validation`.

    A column the sheet lacks is read from one that differs from it only in case, spaces or
    underscores (``Label `` for ``label``); a text or label column the sheet lacks otherwise
    is replaced by ``text`` / ``label`` when the sheet has those (the columns
    :func:`write_coding_sheet` writes); an outlet or second label column it lacks is dropped (no breakdown by outlet, no second comparison). An outlet column that
    is empty or dropped comes back as ``""``, which :func:`run_validation` reads as "no
    breakdown" (None would fall back to a column called ``outlet``). Anything else is left
    for :func:`run_validation` to report. With ``kind="sentiment"`` a second label column that
    is the label column itself is dropped too: the second comparison (a numeric code against
    tone, TextBlob and VADER) would repeat the first. With ``outlets_joined`` (the outlets come
    from a corpus or store: :func:`run_validation`'s ``corpus``/``store``) the outlet column is
    None.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "coding.csv"
    >>> _ = path.write_text("id,text,label\\na1,It may rain.,1\\n")
    >>> cols, notes = sheet_columns(path, text_col="sentence", label_col="uncertain",
    ...                             outlet_col="outlet", second_label_col="tone")
    >>> cols
    {'text_col': 'text', 'label_col': 'label', 'outlet_col': '', 'second_label_col': None}
    >>> len(notes)
    4
    """
    table, _rows, _meta = _read_table(gold_path)
    have = set(table.columns)
    cols = {"text_col": text_col, "label_col": label_col,
            "outlet_col": None if outlets_joined else outlet_col or "",
            "second_label_col": second_label_col or None}
    notes = []
    def close(name):  # the sheet's column that is ``name`` but for case and spaces
        found = [c for c in table.columns if _column_key(c) == _column_key(name)]
        return found[0] if len(found) == 1 else None

    for key, fallback, what in (("text_col", "text", "text"), ("label_col", "label", "code")):
        if cols[key] in have:
            continue
        column = close(cols[key]) or (fallback if fallback in have else close(fallback))
        if column is not None:
            notes.append(f"The sheet has no column {cols[key]!r}; the {what} is read from "
                         f"{column!r}.")
            cols[key] = column
    for key, what in (("outlet_col", "results are not broken down by outlet"),
                      ("second_label_col", "there is no second comparison")):
        if cols[key] and cols[key] not in have and close(cols[key]):
            notes.append(f"The sheet has no column {cols[key]!r}; it is read from "
                         f"{close(cols[key])!r}.")
            cols[key] = close(cols[key])
        if cols[key] and cols[key] not in have:
            notes.append(f"The sheet has no column {cols[key]!r}: {what}.")
            cols[key] = "" if key == "outlet_col" else None
    if kind == "sentiment" and cols["second_label_col"] == cols["label_col"]:
        notes.append(f"The second comparison (column {cols['label_col']!r} against tone, "
                     "TextBlob and VADER) is the main one of this sentiment report: it is shown "
                     "once.")
        cols["second_label_col"] = None
    return cols, notes


def run_validation(kind: Kind, gold_path, *, text_col: str = "text", label_col: str = "label",
                   outlet_col: str | None = None, train=None, codebook="policy",
                   ci: float = 0.95, n_boot: int = 1000, seed: int = 0,
                   missing: MissingPolicy = "error", code: SourcesCode | None = None,
                   corpus=None, store=None, id_col: str = "id") -> dict:
    """Score a file of human-coded texts with a measure family and compare: ``framing validate``.

    Parameters
    ----------
    kind : which measure: ``hedging`` (label 0/1 or true/false per text, against the text's
        ``uncertain`` flag: any sentence uncertain), ``sentiment`` (label a number, against
        ``tone``, with TextBlob polarity and VADER compound side by side), ``frames`` (label
        the frame names: a list or ``;``-separated, matched case- and separator-insensitively;
        ``none`` or an empty list for no frame) or ``sources`` (label what ``code`` says).
    gold_path : the GOLD file: CSV/TSV, JSONL(.gz), JSON, Parquet or XLSX, one row per text.
    text_col, label_col : its text and label columns.
    outlet_col : its outlet column; None uses ``outlet`` when the file has one, ``""`` none.
        With an outlet column every figure is given per outlet as well.
    train : frames only: a file of hand-coded texts (same columns) to train the supervised frame
        classifier on; GOLD is then the evaluation set. Without it the codebook is evaluated.
    codebook : frames: the codebook evaluated (shipped name, file or
        :class:`framing.frames.Codebook`; default ``policy``), or a model saved by
        ``framing train`` (``.npz``, or a :class:`framing.frames.FramesModel`), evaluated the
        same way (GOLD's frames must be the model's); with ``train``, the codebook whose
        salience the classifier may use as features (None: none). For hedging and sentiment
        only the default (or None) is accepted.
    ci, n_boot, seed : the bootstrap intervals (confidence level, resamples, seed).
    missing : a row whose label cell is blank (not coded): ``error`` (default) stops, naming
        file, row and field; ``drop`` leaves it out of this comparison only (a sheet's other
        code columns are compared separately) and says so: ``n_uncoded``, ``uncoded_rows`` and
        a note. A label that is there but cannot be read is an error either way.
    code : sources only (``framing validate sources --code``): what the label records per
        article, one of :data:`SOURCES_CODES`: ``anonymous`` (default; 1/0, the article uses
        an anonymous source: compared with ``anonymous_sources > 0`` as hedging is, by
        :func:`binary_agreement`), ``quotes`` (the number of attributions, direct quotes plus
        reported speech: against ``n_quotes``), ``direct_quotes`` (against
        ``n_direct_quotes``) or ``named_sources`` (distinct named speakers: against
        ``named_sources``); a count is compared as sentiment is, by
        :func:`continuous_agreement` (Pearson, Spearman, interval alpha).
    corpus, store : the corpus file or the store the coded texts were drawn from (one of them;
        ``framing validate --corpus/--store``): each text's outlet (and date) is joined from it
        by the id column ``id_col``, for a blind coding sheet (:func:`write_coding_sheet`
        hides the outlet); see :func:`read_gold`'s ``articles``.

    Returns
    -------
    dict
        JSON-ready figures. Always ``kind``, ``gold``, ``n`` (texts compared), ``measure`` (what
        was compared), ``version``, ``ci`` (``{figure: [low, high]}``), ``ci_level``,
        ``n_boot``, ``seed`` and, with an outlet column, ``per_outlet`` (``{outlet: figures}``).
        hedging: ``precision``, ``recall``, ``f1``, ``krippendorff_alpha`` (nominal),
        ``accuracy``, ``gold_rate``, ``predicted_rate``, ``gold_positive``,
        ``predicted_positive``. sentiment: ``pearson_r``, ``spearman_rho``,
        ``krippendorff_alpha`` (interval; None when the human scores are not on [-1, 1]) of
        ``tone``, and ``scorers`` with the same for ``tone``, ``textblob`` and ``vader``;
        ``n_not_english`` (texts not scored). frames: ``micro_f1``, ``macro_f1`` (over the
        frames GOLD uses), ``micro_precision``, ``micro_recall``, ``exact_match``,
        ``per_frame`` (``{frame: {support, predicted, tp, fp, fn, tn, precision, recall, f1,
        krippendorff_alpha, ci}}``), ``labels``, ``method`` and ``codebook`` (with
        ``codebook_version``: its own version and content hash, and ``n_not_english``: texts
        left out because an English codebook does not score them), ``train`` or ``model`` (a
        saved model, with ``train``, ``n_train`` and ``model_data_sha256`` from its metadata);
        with a classifier, ``n_in_training`` (GOLD texts the model was trained on, noted in
        ``notes`` when any). With ``missing="drop"`` and uncoded rows: ``n_uncoded``,
        ``uncoded_rows`` (row numbers in the file) and a note (``n_uncoded_train`` for a
        training file). sources: ``code`` and, for ``anonymous``, the figures of hedging (with
        ``gold_positive`` and ``predicted_positive``: articles with an anonymous source), for a
        count those of sentiment's ``tone`` (with ``gold_total`` and ``predicted_total``: the
        counts summed); ``n_not_english``. Undefined figures are None, with a ``ci_note``
        saying why.

    Raises
    ------
    framing.errors.InputError
        For a bad GOLD (or training) file, naming file, row and field: empty file, missing
        column, empty text, unreadable label, unknown frame; and for an unknown ``kind``, a bad
        ``ci`` or ``n_boot``, and options that do not apply to ``kind``.

    Examples
    --------
    The hedging measure against the sample coding sheet (from the framing folder); print the
    result with :func:`format_validation`:

    >>> result = run_validation("hedging", "data/sample/coding_example.csv",
    ...                         text_col="sentence", label_col="uncertain", n_boot=100)
    >>> result["n"], result["gold_positive"], len(result["per_outlet"])
    (80, 14, 4)
    >>> round(result["f1"], 2), [round(x, 2) for x in result["ci"]["f1"]]
    (0.71, [0.53, 0.9])
    """
    try:  # reported like any other bad input on the command line
        _check_choice("kind", kind, Kind)
        _check_choice("missing", missing, MissingPolicy)
        ci, n_boot = _check_boot(ci, n_boot)
        _code_type(kind, code)
    except ValueError as err:
        raise InputError(None, str(err)) from None
    if train is not None and kind != "frames":
        raise InputError(None, f"--train applies to 'framing validate frames', not {kind}")
    if kind != "frames" and codebook not in (None, "policy"):
        raise InputError(None, f"--codebook applies to 'framing validate frames', not {kind}")
    if corpus and store:
        raise InputError(None, "give --corpus or --store, not both: the outlets of the coded "
                               "texts are joined from one of them")
    join = None
    if corpus or store:
        join = {"articles": article_outlets(corpus=corpus or None, store=store or None),
                "id_col": id_col}
    base = {"kind": kind, "gold": str(gold_path)}
    if join:
        base["outlets_from"] = join["articles"].attrs["source"]
    boot = {"ci_level": ci, "n_boot": n_boot, "seed": seed}
    if kind == "frames":
        figures = _validate_frames(gold_path, text_col=text_col, label_col=label_col,
                                   outlet_col=outlet_col, train=train, codebook=codebook,
                                   ci=ci, n_boot=n_boot, seed=seed, missing=missing,
                                   join=join)
    else:
        gold = read_gold(gold_path, kind=kind, text_col=text_col, label_col=label_col,
                         outlet_col=outlet_col, missing=missing, code=code, **(join or {}))
        by = "outlet" if "outlet" in gold.columns else None
        if kind == "sources":
            figures = _validate_sources(gold, code=code or DEFAULT_SOURCES_CODE, by=by, ci=ci,
                                        n_boot=n_boot, seed=seed)
        else:
            run = _validate_hedging if kind == "hedging" else _validate_sentiment
            figures = run(gold, by=by, ci=ci, n_boot=n_boot, seed=seed)
        figures = _merge_notes(figures, _uncoded(gold, gold_path, label_col))
    logger.info("validated %s on %s: n=%s", kind, gold_path, figures.get("n"))
    return {**base, **figures, **boot}


#: Columns of :func:`result_table`.
RESULT_COLUMNS = ["group", "variable", "measure", "estimate", "ci_low", "ci_high", "n",
                  "ci_note"]


def result_table(result: dict) -> pd.DataFrame:
    """The figures of :func:`run_validation` as one tidy table (for reports and plots).

    Columns :data:`RESULT_COLUMNS`: ``group`` ("all" or the outlet), ``variable`` (hedging:
    ``uncertain``; sentiment: the scorer, ``tone``, ``textblob`` or ``vader``; frames: ``all``
    for the micro/macro figures, else the frame; sources: the code, e.g. ``anonymous``), ``measure``, ``estimate``, ``ci_low``,
    ``ci_high``, ``n`` (texts) and ``ci_note`` ("" for a bootstrap interval, else what was
    done: a Wilson interval, or none). Undefined figures are NaN.

    >>> r = {"kind": "hedging", "n": 4, "f1": 0.5, "ci": {"f1": [0.2, 0.8]},
    ...      "per_outlet": {"Post": {"n": 2, "f1": None, "ci": {"f1": [None, None]}}}}
    >>> result_table(r)[["group", "variable", "measure", "estimate", "n"]].values.tolist()
    [['all', 'uncertain', 'f1', 0.5, 4], ['Post', 'uncertain', 'f1', nan, 2]]
    """
    kind = result.get("kind")
    rows: list[dict] = []

    def add(group, variable, fig: dict, n, skip=()):
        for measure, interval in fig.get("ci", {}).items():
            if measure in skip:
                continue
            value = fig.get(measure)
            lo, hi = interval
            rows.append({"group": group, "variable": variable, "measure": measure,
                         "estimate": NAN if value is None else value,
                         "ci_low": NAN if lo is None else lo,
                         "ci_high": NAN if hi is None else hi, "n": n,
                         "ci_note": (fig.get("ci_note") or {}).get(measure, "")})

    def block(group, fig: dict):
        n = fig.get("n")
        if kind == "sentiment":
            for scorer, sub in (fig.get("scorers") or {"tone": fig}).items():
                add(group, scorer, sub, n)
        elif kind == "frames":
            add(group, ALL, fig, n)
            for frame, sub in (fig.get("per_frame") or {}).items():
                add(group, frame, sub, n)
        elif kind == "sources":
            add(group, result.get("code") or DEFAULT_SOURCES_CODE, fig, n)
        else:
            add(group, "uncertain", fig, n)

    block(ALL, result)
    for group, fig in (result.get("per_outlet") or {}).items():
        block(group, fig)
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


# --------------------------------------------------------------------------------------------
# text output


def _fmt(x, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _ci_text(fig: dict, key: str) -> str:
    """The interval as text; "W" marks a Wilson interval (the bootstrap gave none)."""
    lo, hi = fig.get("ci", {}).get(key, [None, None])
    if lo is None or hi is None:
        return ""
    wilson = (fig.get("ci_note") or {}).get(key, "").startswith("Wilson")
    return f"[{lo:.3f}, {hi:.3f}]" + (" W" if wilson else "")


def _figure_lines(fig: dict, keys: Sequence[str], level: float) -> list[str]:
    keys = [k for k in keys if k in fig]
    width = max([len(k) for k in keys] + [8])
    lines = [f"  {'':{width}}  estimate   {round(level * 100):d}% CI"]
    notes = fig.get("ci_note") or {}
    for k in keys:
        if k in fig:
            note = f"  ({notes[k]})" if k in notes else ""
            lines.append(f"  {k:{width}}  {_fmt(fig[k]):>8}   {_ci_text(fig, k)}{note}".rstrip())
    return lines


def _interval_notes(per: dict, keys: Sequence[str]) -> list[str]:
    """Lines naming, per outlet, the figures whose interval is Wilson's or missing, and why."""
    lines, undefined_notes = [], set()
    for group, fig in per.items():
        for scope, sub in [("", fig)] + [(f"{name} ", f) for name, f in
                                          (fig.get("scorers") or {}).items() if name != "tone"]:
            for k, note in (sub.get("ci_note") or {}).items():
                if k in keys:
                    if note.startswith("no estimate"):
                        undefined_notes.add(note)
                    shown = _ci_text(sub, k).removesuffix(" W")
                    lines.append(f"  {group}: {scope}{k} {_fmt(sub.get(k))}"
                                 + (f" {shown}" if shown else "") + f": {note}")
    if lines:
        lines.insert(0, "  intervals the bootstrap cannot give (marked W where shown above)"
                     + (", and figures without an estimate" if undefined_notes else "") + ":")
    return lines


def _with_ci(fig: dict, keys: Sequence[str]) -> list[str]:
    """Cells of a table row: each figure followed by its interval ("-" for none)."""
    out = []
    for k in keys:
        out += [_fmt(fig.get(k)), _ci_text(fig, k) or "-"]
    return out


def _ci_header(names: Sequence[str]) -> list[str]:
    out = []
    for name in names:
        out += [name, "CI"]
    return out


def _table_lines(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    rows = [list(map(str, r)) for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    out = ["  " + "  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                            for i, (h, w) in enumerate(zip(header, widths)))]
    for r in rows:
        out.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                    for i, (c, w) in enumerate(zip(r, widths))))
    return out


def _interval_cell(low, high, note: str = "") -> str:
    """``[low, high]`` (``W`` after a Wilson interval), "-" for none."""
    if low is None or high is None or low != low or high != high:
        return "-"
    return f"[{low:.3f}, {high:.3f}]" + (" W" if note.startswith("Wilson") else "")


def coder_agreement_lines(table: pd.DataFrame, *, ci: float = 0.95) -> list[str]:
    """The table of :func:`coder_agreement` as text lines, each figure with its interval and
    its ``ci_note`` on its own row (rounded here, for display only).

    >>> t = coder_agreement(pd.DataFrame({"a": [0, 1, 0, 1], "b": [0, 1, 1, 1]}), n_boot=0)
    >>> print("\\n".join(coder_agreement_lines(t)))
      variable  measure             estimate  95% CI  n_units  n_coders  n_values  note
      code      krippendorff_alpha     0.533       -        4         2         8
      code      observed_agreement     0.750       -        4         2         8
    """
    header = ["variable", "measure", "estimate", f"{round(ci * 100):d}% CI", "n_units",
              "n_coders", "n_values", "note"]
    rows = [[str(r.variable), str(r.measure), _fmt(None if r.estimate != r.estimate
                                                   else r.estimate),
             _interval_cell(r.ci_low, r.ci_high, r.ci_note), r.n_units, r.n_coders,
             r.n_values, r.ci_note] for r in table.itertuples(index=False)]
    widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]
    left = {0, 1, 7}

    def line(cells):
        return ("  " + "  ".join(str(c).ljust(w) if i in left else str(c).rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths)))).rstrip()
    return [line(header)] + [line(r) for r in rows]


def _binary_lines(result: dict, level: float, positives: str) -> list[str]:
    """The figures of a yes/no code (hedging, sources ``anonymous``) as text lines."""
    lines = _figure_lines(result, BINARY_MEASURES, level)
    if "gold_positive" in result:
        lines.append(f"  {positives}: {result['gold_positive']:,} coded, "
                     f"{result['predicted_positive']:,} found")
    if result.get("n_not_english"):
        lines.append(f"  not scored (non-English): {result['n_not_english']:,}")
    per = result.get("per_outlet") or {}
    if per:
        keys = ["precision", "recall", "f1", "krippendorff_alpha"]
        lines += ["", "per outlet:"]
        lines += _table_lines(["outlet", "n", *_ci_header(["precision", "recall", "f1",
                                                          "alpha"])],
                              [[g, f["n"], *_with_ci(f, keys)] for g, f in per.items()])
        lines += _interval_notes(per, BINARY_MEASURES)
    return lines


def format_validation(result: dict) -> str:
    """The figures of :func:`run_validation` as readable text (rounded here, for display only).

    >>> print(format_validation({"kind": "hedging", "gold": "gold.csv", "n": 4, "precision": 1.0,
    ...     "recall": 0.5, "f1": 2 / 3, "ci": {"f1": [0.4, 1.0]}, "ci_level": 0.95}))
    framing validate hedging: gold.csv (4 texts)
    <BLANKLINE>
                 estimate   95% CI
      precision     1.000
      recall        0.500
      f1            0.667   [0.400, 1.000]
    """
    kind = result.get("kind", "?")
    level = result.get("ci_level", 0.95)
    lines = [f"framing validate {kind}: {result.get('gold', '?')} ({result.get('n', 0):,} texts)"]
    if result.get("measure"):
        lines.append(f"measure: {result['measure']}")
    if result.get("version"):
        lines.append(f"version: {result['version']}")
    if result.get("outlets_from"):
        lines.append(f"outlets: joined by id from {result['outlets_from']}")
    if result.get("n_boot"):
        lines.append(f"intervals: percentile bootstrap over texts, {result['n_boot']:,} "
                     f"resamples, seed {result.get('seed', 0)}")
    lines.append("")
    code = result.get("code") or DEFAULT_SOURCES_CODE
    if kind == "hedging" or (kind == "sources" and
                             SOURCES_CODES.get(code, ("",))[0] == "binary"):
        lines += _binary_lines(result, level, "uncertain texts" if kind == "hedging" else
                               "articles with an anonymous source")
    elif kind == "sources":
        lines += _figure_lines(result, CONTINUOUS_MEASURES, level)
        if "gold_total" in result:
            lines.append(f"  {code.replace('_', ' ')}, summed over the texts: "
                         f"{result['gold_total']:,} coded, {result['predicted_total']:,} found")
        if result.get("n_not_english"):
            lines.append(f"  not scored (non-English): {result['n_not_english']:,}")
        per = result.get("per_outlet") or {}
        if per:
            lines += ["", "per outlet:"]
            lines += _table_lines(["outlet", "n", *_ci_header(["pearson_r", "spearman_rho",
                                                              "alpha"])],
                                  [[g, f["n"], *_with_ci(f, CONTINUOUS_MEASURES)]
                                   for g, f in per.items()])
            lines += _interval_notes(per, CONTINUOUS_MEASURES)
    elif kind == "sentiment":
        scorers = result.get("scorers") or {"tone": result}
        header = _ci_header(["pearson_r", "spearman_rho", "alpha"])
        lines += _table_lines(["scorer", *header],
                              [[name, *_with_ci(f, CONTINUOUS_MEASURES)]
                               for name, f in scorers.items()])
        # the notes of these figures (no interval, no estimate) right below them
        lines += _interval_notes(scorers, CONTINUOUS_MEASURES)
        if result.get("n_not_english"):
            lines.append(f"  not scored (non-English): {result['n_not_english']:,}")
        per = result.get("per_outlet") or {}
        if per:
            lines += ["", "per outlet (tone):"]
            lines += _table_lines(["outlet", "n", *header],
                                  [[g, f["n"], *_with_ci(f, CONTINUOUS_MEASURES)]
                                   for g, f in per.items()])
            lines += _interval_notes(per, CONTINUOUS_MEASURES)
    elif kind == "frames":
        if result.get("model"):
            lines.insert(-1, f"model: {result['model']} (trained on {result.get('train')}, "
                             f"{result.get('n_train') or 0:,} texts"
                             + (f", data {result['model_data_sha256']}"
                                if result.get("model_data_sha256") else "") + ")")
        elif result.get("method") == "model":
            lines.insert(-1, f"classifier trained on: {result.get('train')} "
                             f"({result.get('n_train', 0):,} texts)")
        elif result.get("codebook"):
            lines.insert(-1, f"codebook: {result['codebook']}"
                         + (f" (version {result['codebook_version']})"
                            if result.get("codebook_version") else ""))
        if result.get("labels_not_in_training"):
            lines.insert(-1, "frames coded in GOLD but not in the training file (never "
                             "predicted): " + ", ".join(result["labels_not_in_training"]))
        lines += _figure_lines(result, FRAME_SUMMARY_MEASURES, level)
        per_frame = result.get("per_frame") or {}
        if per_frame:
            lines += ["", "per frame:"]
            lines += _table_lines(
                ["frame", "support", "predicted",
                 *_ci_header(["precision", "recall", "f1", "alpha"])],
                [[name, f["support"], f["predicted"], *_with_ci(f, PER_FRAME_MEASURES)]
                 for name, f in per_frame.items()])
            lines += _interval_notes(per_frame, PER_FRAME_MEASURES)
        per = result.get("per_outlet") or {}
        if per:
            lines += ["", "per outlet:"]
            lines += _table_lines(["outlet", "n", *_ci_header(["micro_f1", "macro_f1*"])],
                                  [[g, f["n"], *_with_ci(f, ["micro_f1", "macro_f1"])]
                                   for g, f in per.items()])
            lines += _interval_notes(per, FRAME_SUMMARY_MEASURES)
            lines += ["  * over the frames coded in that outlet only: a frame found there but "
                      "never coded there is left out,",
                      "    so it usually runs above the overall macro_f1 and is not comparable "
                      "with it; compare outlets by micro_f1"]
    for note in result.get("notes", []):
        lines += ["", f"note: {note}"]
    return "\n".join(lines)
