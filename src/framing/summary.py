"""A short plain-language summary of the largest statistically supported differences.

:func:`summarize` turns the tables of :func:`framing.compare.pairwise` (continuous measures) and
:func:`framing.compare.presence_tests` (yes/no measures) into sentences such as "Outlet A's mean
hedges per 1,000 words is 2.13 times Outlet B's (...; 95% CI of the ratio 1.41 to 3.02; ...)".

What it claims, and what it does not
------------------------------------
- Every pairwise test handed to it is one family: the p-values are Holm-corrected again over all
  of them together (all measures, all pairs), because the sentences are chosen from all of them.
- A difference is stated only when that corrected p-value is below ``alpha`` *and* the interval
  of the number quoted excludes "no difference" (a ratio interval above 1, or a difference
  interval above 0). A significant rank test whose interval of means still includes no
  difference gives no sentence.
- The ratio is quoted when it exists (non-negative measures, a denominator above 0) and its
  interval is finite; otherwise the difference.
- The means and the rank test must point the same way: when the group with the larger mean has
  the smaller ranks (Cliff's delta below 0: a few large values against many small ones), the
  rank test supports the opposite direction, and no sentence is given.
- The larger group is named first. Sentences are ordered by effect size (Cliff's delta for
  continuous measures, Cohen's h for yes/no measures; larger magnitude first).
- Numbers are rounded only when written, and the numbers a sentence compares are written with
  the same decimals: the ratio and its interval ("1.33 times ... 1.16 to 1.50"), the two means,
  a difference with its interval and the means (one scale), the two shares of articles and
  their difference in percentage points. The decimals give the group's largest magnitude three
  significant digits (percentages two), and more where the interval's bound nearer to "no
  difference" would otherwise be written as it ("1.02", not "1"). ``Statement`` keeps the
  unrounded numbers.
- When nothing is supported, there are no sentences and ``text`` is empty: silence, not a claim
  of "no difference". ``method`` always says what was required.

Example
-------
>>> import pandas as pd
>>> from framing.compare import pairwise
>>> m = pd.DataFrame({"outlet": ["A"] * 30 + ["B"] * 30,
...                   "hedges": [2.0, 3.0, 4.0] * 10 + [1.0, 1.0, 2.0] * 10})
>>> s = summarize(pairwise(m, measures=["hedges"], n_boot=500), labels={"hedges": "hedge count"})
>>> print(s.text)  # doctest: +ELLIPSIS
A's mean hedge count is 2.25 times B's (3.00 vs 1.33; 95% CI of the ratio ... to ...; Mann-Whitney ...
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framing.compare import _holm

__all__ = ["Statement", "Summary", "summarize"]

_MAGNITUDE_ORDER = {"large": 3, "medium": 2, "small": 1, "negligible": 0, "": -1}


@dataclass(frozen=True)
class Statement:
    """One supported difference: the larger group, the smaller, what is quoted, and the text.

    ``kind`` is ``"ratio"`` or ``"difference"``; ``estimate, ci_low, ci_high`` are that
    number and its interval, oriented so that ``group_high`` is the larger; ``p_holm`` is the
    p-value Holm-corrected over every test the summary considered; ``effect_size`` is Cliff's
    delta or Cohen's h (oriented the same way), named by ``effect_name``.
    """

    measure: str
    group_high: object
    group_low: object
    kind: str
    estimate: float
    ci_low: float
    ci_high: float
    p_holm: float
    effect_size: float
    effect_name: str
    magnitude: str
    text: str


@dataclass(frozen=True)
class Summary:
    """The statements made, how many tests were considered, and the rule applied."""

    statements: tuple[Statement, ...]
    tests: int
    method: str
    unsupported_by_interval: int = field(default=0)
    #: supported differences not stated (beyond ``max_statements`` or ``per_measure``)
    not_stated: int = field(default=0)

    @property
    def text(self) -> str:
        """The statements, one per line; empty when nothing is statistically supported."""
        return "\n".join(s.text for s in self.statements)

    def __str__(self) -> str:
        return self.text

    def to_frame(self) -> pd.DataFrame:
        """The statements as a DataFrame (one row each)."""
        columns = [f for f in Statement.__dataclass_fields__]
        return pd.DataFrame([{c: getattr(s, c) for c in columns} for s in self.statements],
                            columns=columns)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(s.text)}</li>" for s in self.statements)
        # nothing stated says only that no difference met the rule, not that there is none
        body = f"<ul>{items}</ul>" if items else \
            "<p><em>No difference between the groups meets the rule below.</em></p>"
        more = (f" {self.not_stated} further supported difference"
                f"{'s are' if self.not_stated != 1 else ' is'} not stated here (the largest come "
                "first, a few per measure); the pairwise tables list every test."
                if self.not_stated else "")
        return f"{body}<p class=\"note\">{html.escape(self.method + more)}</p>"


#: Significant digits of the largest number of a group written together (a ratio and its
#: interval; two means; a difference, its interval and the means; two percentages).
DIGITS = 3
#: Percentages (of articles, and percentage points) get two: "45%", "4.5%".
PERCENT_DIGITS = 2


def _decimals(*xs: float, digits: int = DIGITS, low: float | None = None,
              null: float | None = None) -> int:
    """The decimals that give the largest magnitude among ``xs`` ``digits`` significant digits
    (0 to 6), raised where needed so that ``low``, an interval's bound beyond ``null`` (1 for a
    ratio, 0 for a difference), is not written as ``null`` itself: "1.02 to 250.00", not
    "1 to 250", for an interval the statement says leaves 1 out.

    >>> _decimals(1.33, 1.16, 1.5), _decimals(12.3, 5.43), _decimals(0.7, 0.5, 0.9)
    (2, 1, 3)
    >>> _decimals(12.0, 1.02, 250.0, low=1.02, null=1.0)
    2
    """
    finite = [abs(float(x)) for x in xs if x == x and np.isfinite(x)]
    top = max(finite, default=0.0)
    d = 0 if top == 0 else int(min(6, max(0, digits - 1 - np.floor(np.log10(top)))))
    if low is not None and null is not None and low > null:
        while d < 6 and float(f"{low:.{d}f}") <= null:
            d += 1
    return d


def _fixed(x: float, d: int) -> str:
    """``x`` with ``d`` decimals and a thousands separator, without a "-0.00"."""
    if x != x:
        return "NaN"
    text = f"{x:,.{d}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def _nums(*xs: float, digits: int = DIGITS, low: float | None = None,
          null: float | None = None) -> list[str]:
    """``xs`` written with the same decimals (:func:`_decimals`): the numbers one statement
    compares read alike, "1.16 to 1.50", not "1.16 to 1.5"."""
    d = _decimals(*xs, digits=digits, low=low, null=null)
    return [_fixed(x, d) for x in xs]


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def _finite(*xs) -> bool:
    return all(x == x and np.isfinite(x) for x in xs)


def _oriented(row, flip: bool) -> dict:
    """Ratio and difference with intervals, oriented so that the first group is the larger."""
    out = {"diff": row["difference"], "diff_low": row["diff_ci_low"],
           "diff_high": row["diff_ci_high"], "ratio": row["ratio"],
           "ratio_low": row["ratio_ci_low"], "ratio_high": row["ratio_ci_high"]}
    if not flip:
        return out
    out["diff"], out["diff_low"], out["diff_high"] = (-out["diff"], -out["diff_high"],
                                                      -out["diff_low"])
    with np.errstate(divide="ignore"):
        r, lo, hi = out["ratio"], out["ratio_low"], out["ratio_high"]
        out["ratio"] = 1 / r if r and r == r else np.nan
        out["ratio_low"] = 1 / hi if hi and hi == hi else np.nan
        out["ratio_high"] = 1 / lo if lo and lo == lo else np.nan
    return out


def _statement(row, *, presence: bool, label: str, level: str, n_tests: int) -> Statement | None:
    if presence:
        va, vb, effect, effect_name = row["prop_a"], row["prop_b"], row["cohens_h"], "Cohen's h"
    else:
        va, vb, effect, effect_name = row["mean_a"], row["mean_b"], row["cliffs_delta"], \
            "Cliff's delta"
    flip = va < vb
    hi_group, lo_group = (row["group_b"], row["group_a"]) if flip else (row["group_a"],
                                                                        row["group_b"])
    v_hi, v_lo = (vb, va) if flip else (va, vb)
    effect = -effect if flip else effect
    if not presence and _finite(effect) and effect < 0:
        return None  # the means and the ranks point opposite ways (a few large values against
        # many small ones): the rank test does not support the direction the means would state
    o = _oriented(row, flip)
    p = row["p_family"]
    test = ("Mann-Whitney" if not presence else "Fisher's exact test"
            if row.get("test") == "fisher" else "two-proportion z-test")
    tail = (f"{test} {_p(p)}, Holm-corrected over {n_tests} "
            f"comparison{'s' if n_tests != 1 else ''}; {effect_name} "
            f"{effect:.2f}, {row['magnitude']}")
    if _finite(o["ratio"], o["ratio_low"], o["ratio_high"]) and o["ratio_low"] > 1:
        kind, est, low, high = "ratio", o["ratio"], o["ratio_low"], o["ratio_high"]
        r, r_low, r_high = _nums(est, low, high, low=low, null=1.0)
        if presence:
            p_hi, p_lo = _nums(100 * v_hi, 100 * v_lo, digits=PERCENT_DIGITS)
            text = (f"{hi_group} has {label} in {p_hi}% of its articles, {lo_group} in "
                    f"{p_lo}%: {r} times as often ({level} CI {r_low} to {r_high}; {tail}).")
        else:
            m_hi, m_lo = _nums(v_hi, v_lo)
            text = (f"{hi_group}'s mean {label} is {r} times {lo_group}'s "
                    f"({m_hi} vs {m_lo}; {level} CI of the ratio {r_low} to {r_high}; {tail}).")
    elif _finite(o["diff"], o["diff_low"], o["diff_high"]) and o["diff_low"] > 0:
        kind, est, low, high = "difference", o["diff"], o["diff_low"], o["diff_high"]
        if presence:  # the shares and the percentage points: one scale, one number of decimals
            p_hi, p_lo, d, d_low, d_high = _nums(100 * v_hi, 100 * v_lo, 100 * est, 100 * low,
                                                 100 * high, digits=PERCENT_DIGITS,
                                                 low=100 * low, null=0.0)
            text = (f"{hi_group} has {label} in {p_hi}% of its articles, {lo_group} in "
                    f"{p_lo}%: {d} percentage points more ({level} CI {d_low} to {d_high}; "
                    f"{tail}).")
        else:  # the means and their difference: the measure's scale, one number of decimals
            m_hi, m_lo, d, d_low, d_high = _nums(v_hi, v_lo, est, low, high, low=low, null=0.0)
            text = (f"{hi_group}'s mean {label} is {d} higher than {lo_group}'s "
                    f"({m_hi} vs {m_lo}; {level} CI of the difference {d_low} to {d_high}; "
                    f"{tail}).")
    else:
        return None
    return Statement(measure=row["measure"], group_high=hi_group, group_low=lo_group, kind=kind,
                     estimate=float(est), ci_low=float(low), ci_high=float(high),
                     p_holm=float(p), effect_size=float(effect), effect_name=effect_name,
                     magnitude=row["magnitude"], text=text)


def summarize(pairwise: pd.DataFrame | None = None, presence: pd.DataFrame | None = None, *,
              alpha: float = 0.05, max_statements: int = 5, per_measure: int | None = 2,
              labels: dict | None = None, ci: float | None = None) -> Summary:
    """Plain-language sentences for the largest differences the statistics support.

    Parameters
    ----------
    pairwise : the table of :func:`framing.compare.pairwise` (continuous measures).
    presence : the ``pairwise`` table of :func:`framing.compare.presence_tests` (yes/no
        measures), or the whole :class:`~framing.compare.PresenceTests` it returns.
    alpha : family-wise error rate; the Holm correction runs over every test in both tables.
    max_statements : at most this many sentences.
    per_measure : at most this many sentences about one measure (``None``: no limit), so that
        one measure with twenty outlets does not crowd out the others.
    labels : how to name each measure in a sentence, e.g. ``{"hedging_hedge_density": "hedges per
        1,000 words", "frames_conflict": "the conflict frame"}``; default the column name with
        underscores as spaces.
    ci : the confidence level the tables' intervals were computed at, for the wording; default
        the level they record (``table.attrs["ci"]``), else 0.95.

    Returns
    -------
    :class:`Summary`: ``statements``, ``text`` (one sentence per line, empty when nothing is
    supported), ``tests`` (the size of the family), ``method`` (the rule, in words).
    """
    labels = labels or {}
    pairwise, presence = _check_tables(pairwise, presence)
    frames = []
    for table, presence_kind in ((pairwise, False), (presence, True)):
        if table is not None and len(table):
            frames.append(table.assign(_presence=presence_kind))
            if ci is None:
                ci = table.attrs.get("ci")
    ci = 0.95 if ci is None else ci
    level = f"{100 * ci:g}%"
    if not frames:
        return Summary((), 0, _method(alpha, level, 0))
    tests = pd.concat(frames, ignore_index=True)
    tests = tests[tests["p_value"].notna()].copy()
    n_tests = len(tests)
    tests["p_family"] = _holm(tests["p_value"])
    supported = tests[tests["p_family"] < alpha]
    candidates = []
    for _, row in supported.iterrows():
        label = labels.get(row["measure"], str(row["measure"]).replace("_", " "))
        statement = _statement(row, presence=bool(row["_presence"]), label=label, level=level,
                               n_tests=n_tests)
        if statement is not None:
            candidates.append(statement)
    candidates.sort(key=lambda s: (-_MAGNITUDE_ORDER.get(s.magnitude, -1),
                                   -abs(s.effect_size), s.p_holm, str(s.measure),
                                   str(s.group_high), str(s.group_low)))
    chosen, per = [], {}
    for s in candidates:
        if len(chosen) >= max_statements:
            break
        if per_measure is not None and per.get(s.measure, 0) >= per_measure:
            continue
        per[s.measure] = per.get(s.measure, 0) + 1
        chosen.append(s)
    return Summary(tuple(chosen), n_tests, _method(alpha, level, n_tests),
                   unsupported_by_interval=len(supported) - len(candidates),
                   not_stated=len(candidates) - len(chosen))


#: The columns :func:`summarize` reads of each table (the tests' results and effect sizes).
_SHARED = ("measure", "group_a", "group_b", "difference", "diff_ci_low", "diff_ci_high", "ratio",
           "ratio_ci_low", "ratio_ci_high", "p_value", "magnitude")
_NEEDS = {"pairwise": _SHARED + ("mean_a", "mean_b", "cliffs_delta"),
          "presence": _SHARED + ("prop_a", "prop_b", "cohens_h")}
_MADE_BY = {"pairwise": "framing.compare.pairwise(metrics)",
            "presence": "framing.compare.presence_tests(metrics).pairwise"}


def _check_tables(pairwise, presence):
    """The two tables, a :class:`~framing.compare.PresenceTests` as its ``pairwise`` table; a
    table that is not what its argument takes (a ``compare`` table, the presence table given as
    ``pairwise``) is refused, naming what is missing and where the table comes from."""
    from framing.compare import PresenceTests
    from framing.errors import MissingColumnError

    if isinstance(presence, PresenceTests):
        presence = presence.pairwise
    if isinstance(pairwise, PresenceTests):
        raise TypeError("summarize() takes presence_tests' results as presence=, not as its "
                        "first argument: summarize(presence=presence_tests(metrics))")
    for name, table in (("pairwise", pairwise), ("presence", presence)):
        if table is None:
            continue
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"{name}= takes the DataFrame of {_MADE_BY[name]}, not "
                            f"{type(table).__name__}")
        missing = [c for c in _NEEDS[name] if c not in table.columns]
        if missing:
            other = "presence" if name == "pairwise" else "pairwise"
            hint = (f"{name}= takes the table of {_MADE_BY[name]}"
                    + (f"; this looks like the table of {_MADE_BY[other]}, give it as "
                       f"{other}=" if all(c in table.columns for c in _NEEDS[other]) else ""))
            raise MissingColumnError(None, f"the {name} table lacks the column(s) "
                                     + ", ".join(missing), field=missing[0], hint=hint)
    return pairwise, presence


def _method(alpha: float, level: str, n_tests: int) -> str:
    return (f"A difference is stated only when its p-value, Holm-corrected over all {n_tests} "
            f"pairwise tests considered, is below {alpha:g} and the {level} interval of the "
            "quoted ratio or difference leaves out the value of no difference (a ratio of 1, a "
            "difference of 0), and, for measures compared by ranks, the ranks point the same way "
            "as the means (Cliff's delta of the same sign).")
