"""Plotly figures for comparisons. Functions return figures; they never show them.

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

import pandas as pd

__all__ = ["outlet_profile"]

MEASURE_LABELS = {
    "sentiment_textblob_polarity": "TextBlob polarity (-1 negative … 1 positive)",
    "sentiment_textblob_subjectivity": "TextBlob subjectivity (0 factual … 1 opinionated)",
    "length_words": "Article length (words)",
}


def outlet_profile(table: pd.DataFrame, *, labels: dict | None = None):
    """Points with confidence-interval bars: one panel per measure, one row per group.

    ``table`` is the output of :func:`framing.compare.compare`. Group and measure names are
    HTML-escaped (plotly renders some HTML in labels).
    """
    from plotly.subplots import make_subplots
    import plotly.graph_objects as go

    labels = {**MEASURE_LABELS, **(labels or {})}
    measures = list(dict.fromkeys(table["measure"]))
    fig = make_subplots(rows=1, cols=max(1, len(measures)), shared_yaxes=True,
                        subplot_titles=[html.escape(labels.get(m, m)) for m in measures],
                        horizontal_spacing=0.06)
    for i, measure in enumerate(measures, start=1):
        part = table[table["measure"] == measure]
        fig.add_trace(go.Scatter(
            x=part["estimate"], y=[html.escape(str(g)) for g in part["group"]], mode="markers",
            marker=dict(size=9, color="#1f5f8b"), name=html.escape(measure), showlegend=False,
            error_x=dict(type="data", symmetric=False,
                         array=part["ci_high"] - part["estimate"],
                         arrayminus=part["estimate"] - part["ci_low"], thickness=1.5),
            hovertemplate="%{y}: %{x:.3f}<extra></extra>"), row=1, col=i)
    fig.update_layout(template="simple_white", height=140 + 34 * table["group"].nunique(),
                      margin=dict(l=10, r=10, t=60, b=30))
    fig.update_yaxes(autorange="reversed")
    return fig
