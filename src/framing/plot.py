"""Plotly figures for comparisons, and an evidence view of one article.

Every function takes the tidy table of the matching :mod:`framing.compare` or
:mod:`framing.vocabulary` function and returns a ``plotly.graph_objects.Figure``; none shows it
(call ``fig.show()`` or ``fig.write_html(...)`` yourself). All figures share one template
(:data:`COLORWAY`, fonts, margins); their height grows with the number of groups so that twenty
outlets stay readable. Every user-supplied string (group, measure, frame and term names, labels,
titles) is HTML-escaped, because plotly renders a subset of HTML in text.

- :func:`outlet_profile` -- points with interval bars, one panel per measure, one row per group.
- :func:`frame_heatmap` -- group x frame prevalence.
- :func:`time_series` -- the mean per period with interval bands, one line (or panel) per
  group, with event markers.
- :func:`distinctive_terms` -- the most distinctive terms of each group (z-scores).
- :func:`hedging_vs_tone` / :func:`measure_scatter` -- group means of two measures, with
  interval bars in both directions.
- :func:`article_view` -- an article's text with its evidence highlighted (escaped HTML that
  shows inline in JupyterLab).

Example
-------
>>> import pandas as pd
>>> from framing.plot import outlet_profile
>>> table = pd.DataFrame({"group": ["A", "B"], "measure": ["tone", "tone"],
...                       "estimate": [0.1, -0.2], "ci_low": [0.0, -0.3], "ci_high": [0.2, -0.1]})
>>> fig = outlet_profile(table)
>>> len(fig.data)
1
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "COLORWAY",
    "ArticleView",
    "adjusted_profile",
    "article_counts",
    "save_figure",
    "article_view",
    "distinctive_terms",
    "frame_heatmap",
    "hedging_vs_tone",
    "measure_scatter",
    "outlet_profile",
    "time_series",
]

MEASURE_LABELS = {
    "sentiment_textblob_polarity": "TextBlob polarity (-1 … 1)",
    "sentiment_textblob_subjectivity": "TextBlob subjectivity (0 … 1)",
    "sentiment_vader_compound": "VADER compound (-1 … 1)",
    "sentiment_tone": "News tone (-1 … 1)",
    "hedging_hedge_density": "Hedges per 1,000 words",
    "hedging_journalist_hedge_density": "Journalist's own hedges per 1,000 of their words",
    "hedging_booster_density": "Boosters per 1,000 words",
    "hedging_attribution_density": "Vague attributions per 1,000 words",
    "hedging_uncertain_share": "Share of uncertain sentences",
    "hedging_quoted_hedge_density": "Hedges in quotes per 1,000 quoted words",
    "hedging_reported_hedge_density": "Hedges in reported speech per 1,000 of its words",
    "hedging_journalist_booster_density": "Journalist's own boosters per 1,000 of their words",
    "hedging_quoted_booster_density": "Boosters in quotes per 1,000 quoted words",
    "hedging_reported_booster_density": "Boosters in reported speech per 1,000 of its words",
    "sentiment_textblob_zero_share": "TextBlob: share of sentences left at 0",
    "sentiment_vader_zero_share": "VADER: share of sentences left at 0",
    "sentiment_tone_zero_share": "News tone: share of sentences left at 0",
    "sources_n_quotes": "Quotes and reported speech per article",
    "sources_n_direct_quotes": "Direct quotes per article",
    "sources_n_reported": "Reported speech per article",
    "sources_n_unattributed": "Direct quotes without a speaker per article",
    "sources_named_sources": "Named sources per article",
    "sources_anonymous_sources": "Anonymous sources per article",
    "sources_quote_density": "Quotes and reported speech per 1,000 words",
    "sources_named_source_density": "Named sources per 1,000 words",
    "sources_anonymous_source_density": "Anonymous sources per 1,000 words",
    "sources_quote_share": "Share of text in direct quotes",
    "length_words": "Article length (words)",
}
_TOWARD_RE = re.compile(r"^sentiment_toward_(.+)_(tone|vader_compound|textblob_polarity)$")
_FRAME_COLUMN_RE = re.compile(r"^frames_(.+?)(_share|_density|_prob)?$")
_FRAME_SUFFIX_WORDS = {"_share": "share of sentences cueing it", "_density": "cues per 100 words",
                       "_prob": "probability", None: "present (share of articles)"}
_FRAMES_OTHER = {"primary", "n_present", "n_tied", "n_sentences", "n_words", "english"}


def measure_label(measure: str, labels: dict | None = None) -> str:
    """Display name of a measure column (``sentiment_toward_X_tone`` -> ``Tone toward X``)."""
    labels = {**MEASURE_LABELS, **(labels or {})}
    if measure in labels:
        return labels[measure]
    m = _TOWARD_RE.match(measure)
    if m:
        scorer = {"tone": "Tone", "vader_compound": "VADER", "textblob_polarity": "TextBlob"}
        return f"{scorer[m.group(2)]} toward {m.group(1)}"
    m = _FRAME_COLUMN_RE.match(measure)
    if m and m.group(1) not in _FRAMES_OTHER:  # "frames_crime_and_punishment_density"
        return f"{m.group(1).replace('_', ' ').capitalize()}: {_FRAME_SUFFIX_WORDS[m.group(2)]}"
    return measure


#: Line and marker colours, in order (Okabe & Ito's colour-blind-safe palette, then darker
#: tones); groups beyond its length reuse it in order.
COLORWAY = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F",
            "#555555", "#1F3A93", "#A0204C", "#2E7D32", "#6A1B9A"]
#: The colour of single-series marks (profiles, bars).
ACCENT = "#1f5f8b"
#: Light background colours for evidence labels in :func:`article_view`.
HIGHLIGHTS = ["#fde68a", "#bfdbfe", "#fecaca", "#bbf7d0", "#e9d5ff", "#fed7aa", "#a5f3fc",
              "#f5d0fe", "#d9f99d", "#e5e7eb"]
#: One background per kind of evidence, the same in every view (article_view, the report's
#: explorer, ``framing inspect --html``): green and red only for positive and negative tone
#: (reported speech is sand, not a second green); the three kinds of quotation clearly apart. Other labels (frames) take :data:`HIGHLIGHTS`.
EVIDENCE_COLORS = {"hedge": "#fff3bf", "booster": "#ffd6f5", "attribution": "#eadcff",
                   "quote": "#99e9f2", "reported_speech": "#ead9c6", "scare_quote": "#e9ecef",
                   "speaker": "#dbe4ff", "reporting_verb": "#ffe8cc", "anonymous_source": "#c5d3ff",
                   "target": "#bac8ff", "positive": "#b2f2bb", "negative": "#ffc9c9"}
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"

ROW_PX = 28       # height per group row in profiles and heatmaps
BASE_PX = 150     # title, axes and margins

_PARENTHESIS_RE = re.compile(r"\([^()]*\)")
_COLOR_RE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")


@lru_cache(maxsize=1)
def _template():
    import plotly.graph_objects as go
    import plotly.io as pio

    template = go.layout.Template(pio.templates["simple_white"])
    template.layout.colorway = COLORWAY
    template.layout.font = dict(family=FONT_FAMILY, size=13, color="#222222")
    template.layout.title = dict(font=dict(size=16), x=0.01, xanchor="left")
    template.layout.hoverlabel = dict(font=dict(family=FONT_FAMILY))
    template.layout.legend = dict(font=dict(size=12))
    return template


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _finish(fig, *, height: int, title: str | None = None):
    fig.update_layout(template=_template(), height=int(height),
                      margin=dict(l=10, r=20, t=70 if title else 50, b=40))
    if title:
        fig.update_layout(title_text=_esc(title))
    return fig


def _require(table: pd.DataFrame, *columns: str, what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        present = ", ".join(map(str, table.columns))
        made_by = ""
        if {"group", "measure", "estimate"} & set(columns) and "group" not in table.columns:
            made_by = " It draws a summary table: pass the output of framing.compare (or " \
                      "framing.compare.frame_profile / over_time), not the per-article measures."
        raise ValueError(f"{what} needs columns {', '.join(columns)}; missing: "
                         f"{', '.join(missing)}.{made_by} (columns present: {present})")


def _panel_titles(measures, labels: dict, cols: int) -> tuple[list[str], int]:
    """The panels' titles (measure labels, escaped) wrapped to the width a panel has among
    ``cols``, and the most lines any of them takes. Unwrapped, "Security and defense: present
    (share of articles)" over five narrow panels, or "Journalist's own hedges per 1,000 of
    their words" over three in JupyterLab's output area, ran into its neighbours, and the last
    panel's title was cut at the figure's edge."""
    width = max(12, 66 // cols)
    # a scale in parentheses stays on one line: "VADER compound (-1 …" over "1)" read badly
    whole = [_PARENTHESIS_RE.sub(lambda p: p.group(0).replace(" ", "\u00a0"),
                                 measure_label(m, labels)) for m in measures]
    titles = ["<br>".join(_esc(line.replace("\u00a0", " ")) for line in textwrap.wrap(
        label, width, break_long_words=False)) for label in whole]
    return titles, max((title.count("<br>") + 1 for title in titles), default=1)


def _group_order(groups, order=None) -> list:
    present = list(dict.fromkeys(groups))
    if order is None:
        return present
    return [g for g in order if g in present] + [g for g in present if g not in order]


def outlet_profile(table: pd.DataFrame, *, labels: dict | None = None, order=None,
                   title: str | None = None, cols: int = 3):
    """Points with confidence-interval bars: one panel per measure, one row per group.

    Parameters
    ----------
    table : the output of :func:`framing.compare.compare` (``group, measure, estimate, ci_low,
        ci_high``; ``n`` and ``zero_share``, the share of articles at exactly 0, shown on hover
        when present).
    labels : display names of measures (merged over :data:`MEASURE_LABELS`).
    order : groups top to bottom; default the table's order.
    title : figure title.
    cols : panels per row; more measures wrap onto further rows.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.compare import compare
    >>> m = pd.DataFrame({"outlet": ["Wire"] * 5 + ["Post"] * 5,
    ...                   "sentiment_tone": [0.1, 0.3, 0.2, 0.4, 0.0, -0.2, -0.1, -0.3, 0.0, -0.4],
    ...                   "hedging_hedge_density": [4.0, 6, 5, 9, 3, 1, 0, 2, 1, 3]})
    >>> fig = outlet_profile(compare(m, n_boot=200), title="Tone and hedging")
    >>> [panel.text for panel in fig.layout.annotations], list(fig.data[0].y)
    (['News tone (-1 … 1)', 'Hedges per 1,000 words'], ['Post', 'Wire'])
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _require(table, "group", "measure", "estimate", "ci_low", "ci_high", what="outlet_profile")
    labels = {**MEASURE_LABELS, **(labels or {})}
    measures = list(dict.fromkeys(table["measure"]))
    groups = _group_order(table["group"], order)
    cols = max(1, min(int(cols), len(measures)))
    rows = max(1, math.ceil(len(measures) / cols))
    panel_px = 60 + ROW_PX * len(groups)
    titles, lines = _panel_titles(measures, labels, cols)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, subplot_titles=titles,
                        horizontal_spacing=0.04,
                        vertical_spacing=min(0.3, (50 + 20 * lines) / (panel_px * rows)))
    for i, measure in enumerate(measures):
        part = table[table["measure"] == measure].set_index("group").reindex(groups)
        n = part["n"] if "n" in part.columns else pd.Series("", index=part.index)
        zero = (part["zero_share"] if "zero_share" in part.columns
                else pd.Series(np.nan, index=part.index))
        fig.add_trace(go.Scatter(
            x=part["estimate"], y=[_esc(g) for g in part.index], mode="markers",
            marker=dict(size=9, color=ACCENT), name=_esc(measure), showlegend=False,
            error_x=dict(type="data", symmetric=False,
                         array=part["ci_high"] - part["estimate"],
                         arrayminus=part["estimate"] - part["ci_low"], thickness=1.5),
            customdata=list(zip(part["ci_low"], part["ci_high"], n, zero)),
            hovertemplate=("%{y}: %{x:.3f} [%{customdata[0]:.3f}, %{customdata[1]:.3f}]"
                           " n=%{customdata[2]} · articles at exactly 0: %{customdata[3]:.0%}"
                           "<extra></extra>")),
            row=i // cols + 1, col=i % cols + 1)
    _finish(fig, height=BASE_PX - 60 + (panel_px + 20 * (lines - 1)) * rows, title=title)
    fig.update_layout(margin=dict(t=(70 if title else 50) + 20 * (lines - 1)))
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[_esc(g) for g in groups])
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


def adjusted_profile(table: pd.DataFrame, *, labels: dict | None = None, order=None,
                     title: str | None = None, cols: int = 3):
    """Unadjusted and topic-standardized means side by side: one panel per measure, one row per
    group; a hollow grey circle for the plain mean over the articles used, a filled point with
    its interval bar for the standardized mean.

    Parameters
    ----------
    table : ``means`` of :func:`framing.compare.adjusted` (``group, measure, crude_mean,
        estimate, ci_low, ci_high``; ``raw_mean``, ``n_used`` and ``n`` shown on hover when
        present).
    labels, order, title, cols : as in :func:`outlet_profile`.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["A", "B"], "measure": ["tone"] * 2, "crude_mean": [-0.3, 0.2],
    ...                   "estimate": [-0.05, -0.05], "ci_low": [-0.1, -0.1],
    ...                   "ci_high": [0.0, 0.0]})
    >>> [trace.name for trace in adjusted_profile(t).data]
    ['unadjusted (same articles)', 'topic mix held constant']
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _require(table, "group", "measure", "crude_mean", "estimate", "ci_low", "ci_high",
             what="adjusted_profile")
    labels = {**MEASURE_LABELS, **(labels or {})}
    strata = table.attrs.get("strata", "topic")
    measures = list(dict.fromkeys(table["measure"]))
    groups = _group_order(table["group"], order)
    cols = max(1, min(int(cols), len(measures)))
    rows = max(1, math.ceil(len(measures) / cols))
    panel_px = 60 + ROW_PX * len(groups)
    titles, lines = _panel_titles(measures, labels, cols)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, subplot_titles=titles,
                        horizontal_spacing=0.04,
                        vertical_spacing=min(0.3, (50 + 20 * lines) / (panel_px * rows)))
    for i, measure in enumerate(measures):
        part = table[table["measure"] == measure].set_index("group").reindex(groups)
        where = dict(row=i // cols + 1, col=i % cols + 1)
        y = [_esc(g) for g in part.index]
        used = part["n_used"] if "n_used" in part.columns else pd.Series("", index=part.index)
        raw = part["raw_mean"] if "raw_mean" in part.columns else part["crude_mean"]
        fig.add_trace(go.Scatter(
            x=part["crude_mean"], y=y, mode="markers", name="unadjusted (same articles)",
            legendgroup="crude", showlegend=i == 0,
            marker=dict(size=9, symbol="circle-open", color="#888888", line=dict(width=2)),
            customdata=list(zip(used, raw)),
            hovertemplate=("%{y}: %{x:.3f} unadjusted, over the n=%{customdata[0]} articles used"
                           " (all articles: %{customdata[1]:.3f})<extra></extra>")), **where)
        fig.add_trace(go.Scatter(
            x=part["estimate"], y=y, mode="markers", name=f"{strata} mix held constant",
            legendgroup="adjusted", showlegend=i == 0, marker=dict(size=9, color=ACCENT),
            error_x=dict(type="data", symmetric=False, array=part["ci_high"] - part["estimate"],
                         arrayminus=part["estimate"] - part["ci_low"], thickness=1.5),
            customdata=list(zip(part["ci_low"], part["ci_high"])),
            hovertemplate=(f"%{{y}}: %{{x:.3f}} with the {_esc(strata)} mix held constant "
                           "[%{customdata[0]:.3f}, %{customdata[1]:.3f}]<extra></extra>")),
            **where)
    _finish(fig, height=BASE_PX + 30 + (panel_px + 20 * (lines - 1)) * rows, title=title)
    # the legend under the panels: above them it would run into the title and panel titles
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-45 / (panel_px * rows),
                                  x=0.0), margin=dict(b=90, t=(70 if title else 50) + 20 * (lines - 1)))
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=[_esc(g) for g in groups])
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    return fig

def frame_heatmap(profile: pd.DataFrame, *, labels: dict | None = None, order=None,
                  title: str | None = None, group_title: str = "outlet"):
    """Group x frame prevalence as a heatmap, each cell labelled with its percentage.

    Parameters
    ----------
    profile : the output of :func:`framing.compare.frame_profile` (``group, frame, estimate,
        ci_low, ci_high, n``); the interval and ``n`` appear on hover.
    labels : display names of frames; default the frame's name in words ("crime and
        punishment" for ``frames_crime_and_punishment``).
    order : groups top to bottom; default the table's order.
    title : figure title.
    group_title : what the rows are (the column the profile was grouped by).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.compare import frame_profile
    >>> m = pd.DataFrame({"outlet": ["Wire"] * 4 + ["Post"] * 4,
    ...                   "frames_economic": [True, True, False, True, False, False, True, False],
    ...                   "frames_morality": [False, False, False, True, True, True, False, True]})
    >>> cells = frame_heatmap(frame_profile(m)).data[0]
    >>> list(cells.y), list(cells.x), cells.z.tolist()
    (['Post', 'Wire'], ['economic', 'morality'], [[0.25, 0.75], [0.75, 0.25]])
    """
    import plotly.graph_objects as go

    _require(profile, "group", "frame", "estimate", "ci_low", "ci_high", what="frame_heatmap")
    labels = labels or {}
    groups = _group_order(profile["group"], order)
    frames = list(dict.fromkeys(profile["frame"]))
    wide = {c: profile.pivot_table(index="group", columns="frame", values=c, aggfunc="first",
                                   dropna=False).reindex(index=groups, columns=frames)
            for c in ("estimate", "ci_low", "ci_high")}
    n = (profile.pivot_table(index="group", columns="frame", values="n", aggfunc="first")
         .reindex(index=groups, columns=frames) if "n" in profile.columns else None)
    custom = [[[wide["ci_low"].iat[r, c], wide["ci_high"].iat[r, c],
                "" if n is None else n.iat[r, c]] for c in range(len(frames))]
              for r in range(len(groups))]
    z = wide["estimate"].to_numpy(float)
    # frame names as words, wrapped to short lines and set upright above the columns: many
    # frames fit side by side, and the figure grows by the labels' length instead of losing
    # its rows' height to them (angled long names did)
    wrapped = [textwrap.wrap(str(labels.get(f, _frame_name(f))), 22, break_long_words=False,
                             break_on_hyphens=False) or [str(f)] for f in frames]
    names = ["<br>".join(_esc(line) for line in lines) for lines in wrapped]
    label_px = int(6.2 * max((len(line) for lines in wrapped for line in lines), default=0)) + 10
    y = [_esc(g) for g in groups]
    fig = go.Figure(go.Heatmap(
        z=z, x=names, y=y,
        zmin=0, zmax=_zmax(z),
        colorscale="Blues", customdata=custom, texttemplate="%{z:.0%}",
        colorbar=dict(title="share", tickformat=".0%", nticks=6, thickness=12, orientation="h",
                      lenmode="pixels", len=240, yanchor="top", y=-0.04, yref="paper"),
        xgap=1, ygap=1,
        hovertemplate=("%{y} · %{x}: %{z:.1%} [%{customdata[0]:.1%}, %{customdata[1]:.1%}]"
                       " n=%{customdata[2]}<extra></extra>")))
    _finish(fig, height=BASE_PX + 40 + label_px + ROW_PX * len(groups), title=title)
    fig.update_layout(margin=dict(t=(70 if title else 40) + label_px))
    # every group named, whatever its row's height (plotly drops labels it thinks crowded)
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=y, ticktext=y,
                     title_text=_esc(group_title))
    fig.update_xaxes(side="top", tickangle=-90, tickfont=dict(size=11),
                     title_text="frame (share of articles using it)")
    return fig


def _frame_name(frame) -> str:
    """A frame column as words: ``frames_crime_and_punishment`` -> ``crime and punishment``."""
    return str(frame).removeprefix("frames_").replace("_", " ")


def _period_step(periods: pd.Series):
    """The table's period length: the smallest gap between two of its periods (None if fewer
    than two)."""
    values = pd.to_datetime(pd.Series(periods).drop_duplicates()).sort_values()
    gaps = values.diff().dropna()
    gaps = gaps[gaps > pd.Timedelta(0)]
    return gaps.min() if len(gaps) else None


def _runs(periods: list, step) -> list[list[int]]:
    """Positions of ``periods`` (sorted) split where a gap is longer than one period (with
    slack for months of different length): the stretches a line may join."""
    if not periods:
        return []
    runs, current = [], [0]
    for i in range(1, len(periods)):
        if step is not None and pd.Timestamp(periods[i]) - pd.Timestamp(periods[i - 1]) > \
                step * 1.5 + pd.Timedelta(days=3):
            runs.append(current)
            current = []
        current.append(i)
    runs.append(current)
    return runs


def _true_runs(flags: list) -> list[list[int]]:
    """Positions of the runs of consecutive true values: ``[T, T, F, T]`` -> ``[[0, 1], [3]]``."""
    out: list[list[int]] = []
    for i, flag in enumerate(flags):
        if flag:
            if out and out[-1][-1] == i - 1:
                out[-1].append(i)
            else:
                out.append([i])
    return out


def _zmax(z) -> float:
    """Top of the colour scale: the largest prevalence shown (at least 5%), 1 when none."""
    finite = z[z == z]
    return max(0.05, float(finite.max())) if finite.size else 1.0


def _events(events) -> list[tuple[str, pd.Timestamp]]:
    if events is None:
        return []
    if isinstance(events, Mapping):
        return [(str(k), pd.Timestamp(v)) for k, v in events.items()]
    if isinstance(events, (str, pd.Timestamp)) or not hasattr(events, "__iter__"):
        events = [events]
    return [("", pd.Timestamp(v)) for v in events]


#: The longest period a chart's table can have (a year): the slack given to an event after the
#: last period start when the table has one period only.
_LONGEST_PERIOD = pd.Timedelta(days=366)


def _events_within(events, periods) -> list[tuple[str, pd.Timestamp]]:
    """The events a chart of ``periods`` (period starts) marks: those from one period before the
    first to the end of the last. An event far outside them (the sample's summit on another
    corpus, the 2016 election on a report from 2019) stretched the time axis to reach it,
    squeezing every period into a sliver; the reports' event note names such events."""
    marked = _events(events)
    values = pd.to_datetime(pd.Series(list(periods))).dropna()
    if not marked or values.empty:
        return marked
    step = _period_step(values)
    step = _LONGEST_PERIOD if step is None else step
    first, last = values.min() - step, values.max() + step
    return [(label, date) for label, date in marked if first <= date <= last]


def time_series(table: pd.DataFrame, *, measure: str | None = None, events=None,
                facet: bool | None = None, labels: dict | None = None, order=None,
                title: str | None = None):
    """The mean per period with interval bands, one line per group, and event markers.

    A period without an interval (too few articles, or all equal: ``ci_low``/``ci_high`` NaN) is drawn as an
    open circle, without a band; periods with one as filled circles.

    Parameters
    ----------
    table : the output of :func:`framing.compare.over_time` (``group, period, measure,
        estimate, ci_low, ci_high``).
    measure : which measure to draw when the table holds several.
    events : dates to mark with vertical lines: a mapping ``{label: date}`` (e.g.
        ``{"Summit": "2018-06-12"}``), a list of dates, or one date. Those more than a period
        before the first period or after the last are not drawn (the axis would stretch to
        reach them).
    facet : one small panel per group (shared axes) instead of overlaid lines; default when
        there are more than six groups.
    labels : display names of measures.
    order : group order (legend order, or panel order).
    title : figure title.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.compare import over_time
    >>> m = pd.DataFrame({"outlet": ["Wire"] * 4 + ["Post"] * 4,
    ...                   "sentiment_tone": [0.1, 0.3, 0.2, 0.4, -0.2, -0.1, -0.3, 0.0],
    ...                   "date": ["2024-01-01", "2024-01-02", "2024-01-08", "2024-01-09"] * 2})
    >>> weekly = over_time(m, "outlet", "sentiment_tone", period="W", n_boot=100, min_n=2)
    >>> fig = time_series(weekly, events={"Summit": "2024-01-08"})
    >>> [t.name for t in fig.data if t.showlegend], [a.text for a in fig.layout.annotations]
    (['Post', 'Wire'], ['Summit'])
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _require(table, "group", "period", "measure", "estimate", "ci_low", "ci_high",
             what="time_series")
    if table.empty:  # no dated article: say so where the chart would be
        fig = go.Figure()
        fig.add_annotation(text="No dated articles: nothing to show over time.", showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=14))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        _finish(fig, height=200, title=title)
        return fig
    measures = list(dict.fromkeys(table["measure"]))
    if measure is None:
        if len(measures) > 1:
            raise ValueError("the table holds several measures; choose one with measure=: "
                             + ", ".join(map(repr, measures)))
        measure = measures[0] if measures else ""
    elif measure not in measures:
        raise ValueError(f"measure={measure!r} is not in the table; choose one of: "
                         + ", ".join(map(repr, measures)))
    labels = {**MEASURE_LABELS, **(labels or {})}
    data = table[table["measure"] == measure].sort_values("period")
    groups = _group_order(table.loc[table["measure"] == measure, "group"], order)
    facet = len(groups) > 6 if facet is None else facet
    cols = min(3, max(1, len(groups))) if facet else 1
    rows = math.ceil(len(groups) / cols) if facet else 1
    fig = make_subplots(rows=rows, cols=cols, shared_xaxes=True, shared_yaxes=True,
                        subplot_titles=[_esc(g) for g in groups] if facet else None,
                        vertical_spacing=min(0.12, 0.5 / rows), horizontal_spacing=0.04)
    step = _period_step(data["period"])
    for k, group in enumerate(groups):
        part = data[data["group"] == group]
        color = COLORWAY[k % len(COLORWAY)]
        where = dict(row=k // cols + 1, col=k % cols + 1) if facet else dict(row=1, col=1)
        # periods without articles break the line and the band: nothing is drawn across them
        x, estimate, low, high, custom, symbols = [], [], [], [], [], []
        n = part["n"] if "n" in part.columns else pd.Series([""] * len(part), index=part.index)
        for run in _runs(list(part["period"]), step):
            rows_ = part.iloc[run]
            rx = list(rows_["period"])
            # a period with too few articles for an interval (NaN bounds) breaks the band too
            has_ci = list(rows_["ci_low"].notna() & rows_["ci_high"].notna())
            for band in _true_runs(has_ci):
                bx = [rx[i] for i in band]
                hi = [rows_["ci_high"].iloc[i] for i in band]
                lo = [rows_["ci_low"].iloc[i] for i in band]
                if len(band) == 1:  # a lone period with an interval: a bar, not a polygon
                    fig.add_trace(go.Scatter(
                        x=bx * 2, y=[lo[0], hi[0]], mode="lines",
                        line=dict(color=_rgba(color, 0.35), width=8), hoverinfo="skip",
                        showlegend=False, legendgroup=_esc(group), name=_esc(group)), **where)
                    continue
                fig.add_trace(go.Scatter(
                    x=bx + bx[::-1], y=hi + lo[::-1], fill="toself",
                    fillcolor=_rgba(color, 0.18), line=dict(width=0), mode="lines",
                    hoverinfo="skip", showlegend=False, legendgroup=_esc(group),
                    name=_esc(group)), **where)
            if x:
                x.append(None)
                estimate.append(None)
                custom.append((None, None, ""))
                symbols.append("circle")
            x += rx
            estimate += list(rows_["estimate"])
            # a mean without an interval (too few articles) is an open circle: the line joins
            # it, but it must not read as a point as firm as its neighbours
            symbols += ["circle" if ok else "circle-open" for ok in has_ci]
            custom += list(zip(rows_["ci_low"], rows_["ci_high"], n.iloc[run]))
        fig.add_trace(go.Scatter(
            x=x, y=estimate, mode="lines+markers", name=_esc(group),
            legendgroup=_esc(group), showlegend=not facet, line=dict(color=color, width=2),
            marker=dict(size=5, symbol=symbols), customdata=custom,
            hovertemplate=(f"{_esc(group)}<br>%{{x|%Y-%m-%d}}: %{{y:.3f}} "
                           "[%{customdata[0]:.3f}, %{customdata[1]:.3f}] n=%{customdata[2]}"
                           "<extra></extra>")), **where)
    for label, date in _events_within(events, data["period"]):
        fig.add_vline(x=date.isoformat(), line=dict(color="#444444", width=1, dash="dash"),
                      row="all", col="all")
        if label:
            for c in range(1, cols + 1):
                suffix = "" if c == 1 else str(c)
                fig.add_annotation(x=date.isoformat(), xref=f"x{suffix}", y=1,
                                   yref=f"y{suffix} domain", text=_esc(label), showarrow=False,
                                   xanchor="left", yanchor="top", font=dict(size=11),
                                   bgcolor="rgba(255,255,255,0.7)")
    height = (80 + 190 * rows) if facet else 460
    # facets have no room for the measure on the y axis: it becomes the title (without it a
    # report's panels of tone and of hedges looked alike, with nothing saying which was which)
    _finish(fig, height=height + (30 if facet and not title else 0),
            title=title or (measure_label(measure, labels) if facet else None))
    fig.update_yaxes(title_text="" if facet else _esc(measure_label(measure, labels)), row=1,
                     col=1)
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


#: The colour of the pooled "other" group of :func:`article_counts`.
OTHER_COLOR = "#bbbbbb"


def article_counts(table: pd.DataFrame, *, events=None, order=None, title: str | None = None,
                   max_groups: int = len(COLORWAY)):
    """Stacked bars of articles per period and group, with event markers.

    ``table`` is :func:`framing.notebook.articles_over_time` output (``group, period,
    articles``); ``events`` as in :func:`time_series` (those far outside the periods are not
    drawn). With more than ``max_groups`` groups
    (default: as many as :data:`COLORWAY` has colours, so that no two share one), the
    ``max_groups - 1`` with most articles keep their own colour and the rest are stacked as
    one grey bar, "N other groups" (each group's counts stay in ``table``): twenty outlets in
    twelve colours could not be told apart.

    >>> t = pd.DataFrame({"group": ["A", "B"], "period": pd.to_datetime(["2026-03-02"] * 2),
    ...                   "articles": [3, 1]})
    >>> len(article_counts(t, events={"Summit": "2026-03-26"}).data)
    2
    >>> [bar.name for bar in article_counts(t, max_groups=1).data]
    ['2 other groups']
    """
    import plotly.graph_objects as go

    _require(table, "group", "period", "articles", what="article_counts")
    groups = _group_order(table["group"], order)
    other = None
    if len(groups) > max(1, int(max_groups)):
        totals = table.groupby("group", sort=False)["articles"].sum()
        ranked = sorted(groups, key=lambda g: (-int(totals.get(g, 0)), str(g)))
        kept = set(ranked[:max(0, int(max_groups) - 1)])
        rest = [g for g in groups if g not in kept]
        other = (table[table["group"].isin(rest)].groupby("period", as_index=False)["articles"]
                 .sum().sort_values("period"))
        other_name = f"{len(rest)} other groups"
        groups = [g for g in groups if g in kept]
    fig = go.Figure()
    for k, group in enumerate(groups):
        part = table[table["group"] == group].sort_values("period")
        fig.add_trace(go.Bar(x=list(part["period"]), y=part["articles"], name=_esc(group),
                             marker_color=COLORWAY[k % len(COLORWAY)],
                             hovertemplate=f"{_esc(group)}<br>%{{x|%Y-%m-%d}}: %{{y}} articles"
                                           "<extra></extra>"))
    if other is not None:
        fig.add_trace(go.Bar(x=list(other["period"]), y=other["articles"], name=_esc(other_name),
                             marker_color=OTHER_COLOR,
                             hovertemplate=f"{_esc(other_name)}<br>%{{x|%Y-%m-%d}}: %{{y}} "
                                           "articles<extra></extra>"))
    for label, date in _events_within(events, table["period"]):
        fig.add_vline(x=date.isoformat(), line=dict(color="#444444", width=1, dash="dash"))
        if label:
            fig.add_annotation(x=date.isoformat(), y=1, yref="y domain", text=_esc(label),
                               showarrow=False, xanchor="left", yanchor="top",
                               font=dict(size=11), bgcolor="rgba(255,255,255,0.7)")
    fig.update_layout(barmode="stack")
    _finish(fig, height=380, title=title)
    fig.update_yaxes(title_text="articles", showgrid=True, gridcolor="#eeeeee")
    return fig


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def distinctive_terms(table: pd.DataFrame, *, top: int = 10, groups=None, cols: int | None = None,
                      title: str | None = None):
    """The ``top`` most distinctive terms of each group as bars of their z-scores.

    Parameters
    ----------
    table : the output of :func:`framing.vocabulary.distinctive_terms` (``group, term, z``;
        ``count`` shown on hover when present).
    top : terms per group (the highest positive z).
    groups : which groups, in order; default all, sorted.
    cols : panels per row; default up to four.
    title : figure title.

    A dotted line marks z = 1.96, the model-based 5% level for a single term (not corrected for
    the many terms examined).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing import vocabulary
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...                    "text": ["The regime attacked.", "The regime lied again.",
    ...                             "The government responded.", "The government acted."]})
    >>> fig = distinctive_terms(vocabulary.distinctive_terms(df, min_count=2), top=5)
    >>> [(bars.name, list(bars.y)) for bars in fig.data]
    [('A', ['regime']), ('B', ['government'])]
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    _require(table, "group", "term", "z", what="distinctive_terms")
    groups = list(groups) if groups is not None else sorted(table["group"].unique(), key=str)
    cols = cols or min(4, max(1, len(groups)))
    rows = max(1, math.ceil(len(groups) / cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[_esc(g) for g in groups],
                        horizontal_spacing=0.12, vertical_spacing=min(0.08, 0.4 / rows))
    for k, group in enumerate(groups):
        part = (table[(table["group"] == group) & (table["z"] > 0)]
                .sort_values("z", ascending=False, kind="stable").head(top))
        counts = part["count"] if "count" in part.columns else [""] * len(part)
        fig.add_trace(go.Bar(
            x=part["z"], y=[_esc(t) for t in part["term"]], orientation="h",
            marker_color=ACCENT, showlegend=False, name=_esc(group), customdata=list(counts),
            hovertemplate="%{y}: z = %{x:.2f}, count %{customdata}<extra></extra>"),
            row=k // cols + 1, col=k % cols + 1)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    for k in range(len(groups)):  # the measure named under the bottom row of panels
        if k + cols >= len(groups):
            fig.update_xaxes(title_text="z-score of the log-odds ratio",
                             row=k // cols + 1, col=k % cols + 1)
    for k in range(len(groups)):
        fig.add_vline(x=1.96, line=dict(color="#999999", width=1, dash="dot"),
                      row=k // cols + 1, col=k % cols + 1)
    return _finish(fig, height=60 + rows * (40 + 20 * top), title=title)


def measure_scatter(table: pd.DataFrame, x: str, y: str, *, labels: dict | None = None,
                    title: str | None = None):
    """Group means of two measures against each other, with interval bars in both directions.

    ``table`` is the output of :func:`framing.compare.compare` holding measures ``x`` and
    ``y``; each group is a labelled point.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.compare import compare
    >>> m = pd.DataFrame({"outlet": ["Wire"] * 5 + ["Post"] * 5,
    ...                   "sentiment_tone": [0.1, 0.3, 0.2, 0.4, 0.0, -0.2, -0.1, -0.3, 0.0, -0.4],
    ...                   "sources_n_quotes": [4.0, 6, 5, 9, 3, 1, 0, 2, 1, 3]})
    >>> fig = measure_scatter(compare(m, n_boot=200), "sources_n_quotes", "sentiment_tone",
    ...                       labels={"sentiment_tone": "Tone"})
    >>> fig.layout.xaxis.title.text, fig.layout.yaxis.title.text, list(fig.data[0].text)
    ('Quotes and reported speech per article', 'Tone', ['Post', 'Wire'])
    """
    import plotly.graph_objects as go

    _require(table, "group", "measure", "estimate", "ci_low", "ci_high", what="measure_scatter")
    measures = list(dict.fromkeys(table["measure"]))
    for name, m in (("x", x), ("y", y)):
        if m not in measures:
            raise ValueError(f"{name}={m!r} is not a measure of the table; choose one of: "
                             + ", ".join(map(repr, measures)))
    labels = {**MEASURE_LABELS, **(labels or {})}
    px_ = table[table["measure"] == x].set_index("group")
    py_ = table[table["measure"] == y].set_index("group")
    groups = [g for g in px_.index if g in py_.index]
    px_, py_ = px_.loc[groups], py_.loc[groups]
    fig = go.Figure(go.Scatter(
        x=px_["estimate"], y=py_["estimate"], mode="markers+text",
        text=[_esc(g) for g in groups], textposition=_label_positions(px_["estimate"]),
        textfont=dict(size=11),
        marker=dict(size=9, color=ACCENT),
        error_x=dict(type="data", symmetric=False, array=px_["ci_high"] - px_["estimate"],
                     arrayminus=px_["estimate"] - px_["ci_low"], thickness=1,
                     color="#9bb7cc"),
        error_y=dict(type="data", symmetric=False, array=py_["ci_high"] - py_["estimate"],
                     arrayminus=py_["estimate"] - py_["ci_low"], thickness=1,
                     color="#9bb7cc"),
        showlegend=False,
        hovertemplate="%{text}<br>x: %{x:.3f}<br>y: %{y:.3f}<extra></extra>"))
    fig.update_xaxes(title_text=_esc(measure_label(x, labels)), showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(title_text=_esc(measure_label(y, labels)), showgrid=True, gridcolor="#eeeeee")
    return _finish(fig, height=max(460, 300 + 12 * len(groups)), title=title)


def _label_positions(x: pd.Series) -> list[str]:
    """Point-label positions: above for few points; with many, rotating around the point in
    order of x, so that neighbours' labels point different ways."""
    if len(x) <= 8:
        return ["top center"] * len(x)
    cycle = ["top center", "bottom center", "middle right", "middle left"]
    ranks = x.rank(method="first").fillna(0).astype(int).to_numpy()
    return [cycle[r % len(cycle)] for r in ranks]


def hedging_vs_tone(table: pd.DataFrame, *, hedging: str | None = None, tone: str | None = None,
                    labels: dict | None = None, title: str | None = None):
    """Each group's mean hedging (x) against its mean tone (y), with interval bars.

    ``table`` is the output of :func:`framing.compare.compare`. ``hedging`` and ``tone`` name
    the two measures. By default: ``hedging_hedge_density`` (hedges per 1,000 words) if present,
    else the first measure whose name starts with ``hedging``; ``sentiment_tone`` or
    ``toward_tone`` if present, else the first starting with ``tone`` or ``sentiment``.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.compare import compare
    >>> m = pd.DataFrame({"outlet": ["Wire"] * 5 + ["Post"] * 5,
    ...                   "sentiment_tone": [0.1, 0.3, 0.2, 0.4, 0.0, -0.2, -0.1, -0.3, 0.0, -0.4],
    ...                   "hedging_hedge_density": [4.0, 6, 5, 9, 3, 1, 0, 2, 1, 3]})
    >>> fig = hedging_vs_tone(compare(m, n_boot=200))
    >>> fig.layout.xaxis.title.text, fig.layout.yaxis.title.text
    ('Hedges per 1,000 words', 'News tone (-1 … 1)')
    """
    measures = list(dict.fromkeys(table["measure"])) if "measure" in table.columns else []

    def pick(given, preferred, prefixes, what):
        if given is not None:
            return given
        for name in preferred:
            if name in measures:
                return name
        for prefix in prefixes:
            for m in measures:
                if str(m).startswith(prefix):
                    return m
        raise ValueError(f"no {what} measure found; name it with {what}=..., one of: "
                         + ", ".join(map(repr, measures)))

    return measure_scatter(
        table, pick(hedging, ("hedging_hedge_density",), ("hedging",), "hedging"),
        pick(tone, ("sentiment_tone", "toward_tone"), ("tone", "sentiment"), "tone"),
        labels=labels, title=title)


@dataclass(frozen=True)
class ArticleView:
    """An article rendered with its evidence highlighted.

    ``html`` is a self-contained, escaped HTML fragment; JupyterLab shows the object inline
    (``_repr_html_``). ``shown`` and ``skipped`` count the evidence drawn and the evidence left
    out because its span did not match the text.
    """

    html: str
    shown: int
    skipped: int

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _evidence_items(evidence) -> list[dict]:
    evidence = getattr(evidence, "evidence", evidence)
    out = []
    for item in evidence or ():
        out.append(item.to_dict() if hasattr(item, "to_dict") else dict(item))
    return out


def article_view(text: str, evidence=(), *, title: str | None = None,
                 colors: dict | None = None) -> ArticleView:
    """Render ``text`` with its evidence highlighted, as escaped HTML.

    Parameters
    ----------
    text : the article (or sentence) text.
    evidence : a measure family's result (its ``.evidence``), or an iterable of
        :class:`framing.results.Evidence` or dicts ``{label, text, start, end}`` with character
        offsets into ``text``. An item whose span is out of range or whose ``text`` differs from
        ``text[start:end]`` is not drawn and is counted in ``skipped``.
    title : a heading.
    colors : background colour per label (``#rrggbb`` or a CSS colour name); others get
        :data:`HIGHLIGHTS` in order of label name.

    Returns
    -------
    :class:`ArticleView` with ``.html``; it displays inline in JupyterLab. Every piece of text,
    label and title is HTML-escaped; paragraphs and line breaks are kept.

    Examples
    --------
    >>> view = article_view("It may <rain>.", [{"label": "hedge", "text": "may", "start": 3,
    ...                                          "end": 6}])
    >>> "&lt;rain&gt;" in view.html and "<rain>" not in view.html, view.shown
    (True, 1)
    """
    text = "" if text is None else str(text)
    items, skipped = [], 0
    for ev in _evidence_items(evidence):
        try:
            start, end = int(ev["start"]), int(ev["end"])
        except (KeyError, TypeError, ValueError):
            skipped += 1
            continue
        if not (0 <= start < end <= len(text)) or ("text" in ev and text[start:end] != ev["text"]):
            skipped += 1
            continue
        items.append({**ev, "start": start, "end": end, "label": str(ev.get("label", ""))})
    palette = {}
    others = sorted({e["label"] for e in items} - set(EVIDENCE_COLORS))
    for i, label in enumerate(others):
        palette[label] = HIGHLIGHTS[i % len(HIGHLIGHTS)]
    palette.update({label: EVIDENCE_COLORS[label] for label in {e["label"] for e in items}
                    if label in EVIDENCE_COLORS})
    for label, color in (colors or {}).items():
        if not _COLOR_RE.match(str(color)):
            raise ValueError(f"colour {color!r} for label {label!r}: use #rrggbb or a CSS "
                             "colour name")
        if str(label) in palette:
            palette[str(label)] = str(color)

    cuts = sorted({0, len(text), *[e["start"] for e in items], *[e["end"] for e in items]})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        active = [e for e in items if e["start"] <= a and b <= e["end"]]
        if not active:
            parts.append(piece)
            continue
        inner = min(active, key=lambda e: (e["end"] - e["start"], e["label"]))
        tip = "; ".join(dict.fromkeys(
            e["label"] + (f" ({e['subtype']})" if e.get("subtype") else "")
            + (f", {e['voice']}" if e.get("voice") else "") for e in active))
        outline = " outline: 1px solid #666;" if len(active) > 1 else ""
        parts.append(f'<mark style="background: {palette[inner["label"]]}; padding: 0 1px;'
                     f'{outline}" title="{html.escape(tip, quote=True)}">{piece}</mark>')
    counts = {}
    for e in items:
        counts[e["label"]] = counts.get(e["label"], 0) + 1
    legend = " ".join(
        f'<span style="background: {palette[label]}; padding: 0 4px; margin-right: 6px;">'
        f"{html.escape(label)} ({counts[label]})</span>" for label in sorted(counts))
    note = (f'<p style="color: #a00; font-size: 0.85em;">{skipped} evidence item(s) did not '
            "match the text and are not shown.</p>") if skipped else ""
    heading = f"<h3 style=\"margin: 0 0 0.4em;\">{html.escape(title)}</h3>" if title else ""
    # its own background under its dark text: on JupyterLab's dark theme the text (#222) sat
    # on the near-black page and only the highlighted words could be read
    body = (f'<div class="framing-article" style="font-family: {FONT_FAMILY}; '
            'line-height: 1.55; max-width: 48em; color: #222; background: #ffffff; '
            'padding: 0.4em 0.6em; border-radius: 4px;">'
            f'{heading}<div style="font-size: 0.85em; margin-bottom: 0.6em;">{legend}</div>'
            f"{note}<div style=\"white-space: pre-wrap;\">{''.join(parts)}</div></div>")
    return ArticleView(html=body, shown=len(items), skipped=skipped)


STATIC_FORMATS = ("png", "svg", "pdf")


def save_figure(fig, path, *, scale: float = 2.0) -> Path:
    """Write a figure as a static image for publication: ``.png``, ``.svg`` or ``.pdf``.

    Uses plotly's exporter ``kaleido`` (``pip install 'framing[static]'``), which drives a
    Chrome or Chromium browser already on the machine (Debian: ``apt-get install chromium``;
    elsewhere set ``BROWSER_PATH`` to the browser). Raises :class:`framing.errors.FramingError`
    saying what is missing when either is absent. Returns the path written;
    ``save_figure(fig, "figures/tone.pdf")`` creates the folder ``figures`` when needed.

    Examples
    --------
    The format is the path's suffix, checked before anything is exported:

    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> fig = outlet_profile(pd.DataFrame({"group": ["A"], "measure": ["sentiment_tone"],
    ...                                    "estimate": [0.1], "ci_low": [0.0], "ci_high": [0.2]}))
    >>> save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "tone.jpg")
    Traceback (most recent call last):
    ...
    ValueError: static figures are written as png, svg, pdf, not 'jpg'
    """
    from framing.errors import FramingError

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"static figures are written as {', '.join(STATIC_FORMATS)}, "
                         f"not {fmt or 'a file without suffix'!r}")
    try:
        import kaleido  # noqa: F401
    except ImportError as exc:
        raise FramingError(path, "static export needs the kaleido package",
                           hint="pip install 'framing[static]' (or pip install kaleido); it "
                                "also needs Chrome or Chromium (Debian: apt-get install "
                                "chromium)") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fig.write_image(str(path), format=fmt, scale=scale)
    except Exception as exc:  # kaleido reports a missing browser in several ways
        raise FramingError(path, f"static export failed ({type(exc).__name__}: {exc})",
                           hint="install Chrome or Chromium (Debian: apt-get install chromium), "
                                "or point BROWSER_PATH to one") from exc
    return path
