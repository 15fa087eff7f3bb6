"""framing.plot: figures built from the statistics tables, readable with 20 groups, every
user-supplied string escaped, nothing shown; the article view escapes text and labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from framing import plot
from framing.compare import compare, frame_profile, over_time
from framing.results import Evidence
from framing.vocabulary import distinctive_terms

EVIL = "<script>alert(1)</script>"
EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def metrics(n_groups, names=None):
    rng = np.random.default_rng(0)
    names = names or [f"Outlet {i:02d}" for i in range(n_groups)]
    n = 12 * len(names)
    return pd.DataFrame({
        "outlet": np.repeat(names, 12),
        "hedging_rate": rng.poisson(3, n).astype(float),
        "tone_mean": rng.normal(0, 1, n),
        "frames_conflict": rng.random(n) < 0.4,
        "frames_economic": rng.random(n) < 0.2,
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
    })


def all_strings(fig) -> list[str]:
    """Every string a figure displays: data labels, text, names, titles, annotations."""
    out = []
    for trace in fig.data:
        for attr in ("x", "y", "text", "name"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                out.append(value)
            elif value is not None:
                out.extend(v for v in value if isinstance(v, str))
    out.extend(a.text for a in fig.layout.annotations if a.text)
    for axis in ("xaxis", "yaxis"):
        title = fig.layout[axis].title.text
        if title:
            out.append(title)
    if fig.layout.title.text:
        out.append(fig.layout.title.text)
    return out


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a plot function called .show()")

    monkeypatch.setattr(go.Figure, "show", refuse)


@pytest.fixture(scope="module")
def twenty():
    m = metrics(20)
    return {"metrics": m,
            "compare": compare(m, measures=["hedging_rate", "tone_mean"], n_boot=100),
            "profile": frame_profile(m),
            # min_n=2 (the fewest there is): every week with two articles or more has an
            # interval, so bands follow the line
            "time": over_time(m, "outlet", "tone_mean", period="W", n_boot=50, min_n=2)}


def test_outlet_profile_keeps_working_for_reports(twenty):
    table = twenty["compare"]
    fig = plot.outlet_profile(table)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 2                      # one trace per measure
    assert list(fig.data[0].y) == [f"Outlet {i:02d}" for i in range(20)]
    small = plot.outlet_profile(table[table["group"].isin(["Outlet 00", "Outlet 01"])])
    assert fig.layout.height > small.layout.height  # height grows with the groups
    assert fig.layout.height >= 20 * plot.ROW_PX


def test_outlet_profile_wraps_long_panel_titles_to_the_panel_width():
    # in JupyterLab's output area (about 950 px) "Journalist's own hedges per 1,000 of their
    # words" ran across its neighbours' titles and "Anonymous sources per 1,000 words" was cut
    # at the figure's right edge: titles are wrapped as adjusted_profile wraps them
    measures = ["hedging_hedge_density", "hedging_journalist_hedge_density",
                "hedging_booster_density", "sources_anonymous_source_density"]
    table = pd.DataFrame({"group": ["A"] * 4, "measure": measures, "estimate": [1.0] * 4,
                          "ci_low": [0.5] * 4, "ci_high": [1.5] * 4})
    fig = plot.outlet_profile(table)
    titles = [a.text for a in fig.layout.annotations]
    assert titles[0] == "Hedges per 1,000 words"
    assert all(len(line) <= 66 // 3 for t in titles for line in t.split("<br>")), titles
    assert titles[1].replace("<br>", " ") == "Journalist&#x27;s own hedges per 1,000 of their words"
    # a scale in parentheses is kept on one line ("VADER compound (-1 …" over "1)" read badly)
    vader = plot.outlet_profile(table.assign(measure=["sentiment_vader_compound", "b", "c", "d"]))
    assert vader.layout.annotations[0].text == "VADER compound<br>(-1 … 1)"
    one_line = plot.outlet_profile(table.assign(measure=["a", "b", "c", "d"]))
    assert fig.layout.margin.t > one_line.layout.margin.t    # room above for the extra lines
    assert fig.layout.height > one_line.layout.height


def test_figures_share_one_template(twenty):
    figures = [plot.outlet_profile(twenty["compare"]), plot.frame_heatmap(twenty["profile"]),
               plot.time_series(twenty["time"]), plot.hedging_vs_tone(twenty["compare"])]
    colorways = {tuple(f.layout.template.layout.colorway) for f in figures}
    assert colorways == {tuple(plot.COLORWAY)}


def test_frame_heatmap(twenty):
    fig = plot.frame_heatmap(twenty["profile"], labels={"frames_conflict": "Conflict"})
    heat = fig.data[0]
    assert list(heat.x) == ["Conflict", "economic"]  # a frame column's name in words
    assert len(heat.y) == 20
    # every row named (plotly left rows unlabelled), long frame names wrapped and upright
    assert list(fig.layout.yaxis.tickvals) == list(heat.y)
    long = plot.frame_heatmap(twenty["profile"].replace(
        {"frame": {"frames_economic": "frames_legality_constitutionality_and_jurisprudence"}}))
    assert long.data[0].x[1] == "legality<br>constitutionality and<br>jurisprudence"
    assert long.layout.xaxis.tickangle == -90 and long.layout.height > fig.layout.height
    profile = twenty["profile"].set_index(["group", "frame"])
    assert heat.z[3][0] == pytest.approx(profile.loc[("Outlet 03", "frames_conflict"),
                                                     "estimate"])
    assert fig.layout.height > plot.frame_heatmap(
        twenty["profile"].head(4)).layout.height


def test_time_series_bands_events_and_facets(twenty):
    table = twenty["time"]
    few = table[table["group"].isin(["Outlet 00", "Outlet 01"])]
    fig = plot.time_series(few, events={"Summit": "2024-01-20", "Talks": "2024-02-10"})
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    # a band per stretch of weeks, a bar for a lone week
    bands = [t for t in fig.data if t.fill == "toself" or t.mode == "lines"]
    assert len(lines) == 2 and all(t.showlegend for t in lines)  # a line per group
    assert len(bands) + len(lines) == len(fig.data)
    # a week without articles breaks the line and the band: nothing is drawn across it
    weeks = few[few["group"] == "Outlet 00"]["period"]
    gaps = int((weeks.diff().dt.days > 7).sum())
    assert gaps > 0 and list(lines[0].x).count(None) == gaps
    assert len([b for b in bands if b.name == "Outlet 00"]) == gaps + 1
    assert len(fig.layout.shapes) == 2              # one vertical line per event
    assert {a.text for a in fig.layout.annotations} == {"Summit", "Talks"}
    many = plot.time_series(table, events="2024-01-20")
    assert not any(t.showlegend for t in many.data)  # 20 groups: one panel each
    assert len([a for a in many.layout.annotations if a.text.startswith("Outlet")]) == 20
    assert many.layout.height > fig.layout.height
    # the panels have no y-axis title: the measure is named in the figure's title
    assert many.layout.title.text == "tone_mean" and fig.layout.title.text is None
    assert plot.time_series(table, title="Tone").layout.title.text == "Tone"
    both = pd.concat([few, few.assign(measure="other")])
    with pytest.raises(ValueError, match="'tone_mean', 'other'"):
        plot.time_series(both)
    with pytest.raises(ValueError, match="choose one of"):
        plot.time_series(few, measure="nope")


def test_time_series_band_breaks_at_periods_without_an_interval():
    # a period with too few articles has no interval (NaN bounds): the band must not be drawn
    # through it (a polygon through NaN points makes a wedge), while the line goes on
    weeks = pd.date_range("2024-01-01", periods=6, freq="W-MON")
    low = [0.0, 0.1, np.nan, 0.0, np.nan, 0.2]
    table = pd.DataFrame({"group": "A", "period": weeks, "measure": "tone_mean",
                          "estimate": [0.5, 0.6, 0.9, 0.5, 0.4, 0.6], "ci_low": low,
                          "ci_high": [x + 1 if x == x else np.nan for x in low],
                          "n": [9, 9, 2, 9, 1, 9]})
    fig = plot.time_series(table)
    line = next(t for t in fig.data if t.mode == "lines+markers")
    assert list(line.x).count(None) == 0 and len(line.x) == 6
    bands = [t for t in fig.data if t.fill == "toself"]
    assert len(bands) == 1 and len(bands[0].x) == 4  # weeks 1-2, there and back
    assert all(v == v for v in bands[0].y)
    bars = [t for t in fig.data if t.mode == "lines" and t.fill != "toself"]
    assert [list(b.y) for b in bars] == [[0.0, 1.0], [0.2, 1.2]]  # the lone weeks 4 and 6
    # the weeks without an interval are open circles, the others filled: the line through
    # them must not make a mean of 1 or 2 articles look as firm as its neighbours
    assert list(line.marker.symbol) == ["circle", "circle", "circle-open", "circle",
                                        "circle-open", "circle"]


def test_distinctive_terms_chart():
    df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
                       "text": ["regime regime war", "regime war", "government talks",
                                "government talks deal"]})
    table = distinctive_terms(df, min_count=1)
    fig = plot.distinctive_terms(table, top=2)
    assert len(fig.data) == 2
    assert list(fig.data[0].y) == table[table["group"] == "A"]["term"].head(2).tolist()
    assert (np.asarray(fig.data[0].x) > 0).all()
    big = pd.DataFrame({"group": np.repeat([f"g{i}" for i in range(20)], 3),
                        "term": ["a", "b", "c"] * 20, "z": [3.0, 2.0, 1.0] * 20})
    assert plot.distinctive_terms(big, top=3).layout.height > fig.layout.height


def test_hedging_vs_tone(twenty):
    fig = plot.hedging_vs_tone(twenty["compare"])
    point = fig.data[0]
    assert len(point.x) == 20
    hedging = twenty["compare"][twenty["compare"]["measure"] == "hedging_rate"]
    assert list(point.x) == pytest.approx(hedging["estimate"].tolist())
    assert point.error_x.array is not None and point.error_y.array is not None
    with pytest.raises(ValueError, match="'hedging_rate', 'tone_mean'"):
        plot.hedging_vs_tone(twenty["compare"], tone="missing")
    both = pd.concat([twenty["compare"].replace({"hedging_rate": "hedging_n_words"}),
                      twenty["compare"].replace({"hedging_rate": "hedging_hedge_density",
                                                 "tone_mean": "sentiment_tone"})])
    chosen = plot.hedging_vs_tone(both)
    assert (chosen.layout.xaxis.title.text, chosen.layout.yaxis.title.text) == (
        "Hedges per 1,000 words", "News tone (-1 … 1)")
    with pytest.raises(ValueError, match="no hedging measure"):
        plot.hedging_vs_tone(twenty["compare"].replace({"hedging_rate": "x"}))


def test_every_figure_escapes_user_strings():
    m = metrics(2, names=[EVIL, "Plain & simple"])
    m = m.rename(columns={"frames_conflict": "frame<img src=x>"})
    table = compare(m, measures=["hedging_rate", "tone_mean"], n_boot=50)
    terms = pd.DataFrame({"group": [EVIL, EVIL], "term": ["<b>bold</b>", "ok"],
                          "z": [3.0, 2.0]})
    figures = [
        plot.outlet_profile(table, title=EVIL),
        plot.frame_heatmap(frame_profile(m, frame_columns=["frame<img src=x>"])),
        plot.time_series(over_time(m, "outlet", "tone_mean", n_boot=20),
                         events={EVIL: "2024-01-20"}),
        plot.distinctive_terms(terms),
        plot.hedging_vs_tone(table, labels={"tone_mean": "<i>tone</i>"}),
    ]
    for fig in figures:
        strings = all_strings(fig)
        assert not any("<script" in s or "<img" in s or "<b>" in s or "<i>" in s
                       for s in strings), strings
        assert any(EVIL_ESCAPED in s for s in strings) or any("&lt;img" in s for s in strings)
    assert "Plain &amp; simple" in all_strings(figures[0])


# --- article view ---

def test_article_view_escapes_text_labels_and_title():
    text = f"{EVIL} It may rain.\n\nPerhaps."
    start = text.index("may")
    view = plot.article_view(text, [{"label": EVIL, "text": "may", "start": start,
                                     "end": start + 3}], title=EVIL)
    assert "<script" not in view.html
    assert view.html.count(EVIL_ESCAPED) == 4       # the text, the legend, the title, the tip
    assert f'title="{EVIL_ESCAPED}"' in view.html
    assert view._repr_html_() == view.html == str(view)
    assert "<mark" in view.html and ">may</mark>" in view.html
    assert "white-space: pre-wrap" in view.html     # paragraphs kept
    assert (view.shown, view.skipped) == (1, 0)


def test_article_view_evidence_forms_overlaps_and_mismatches():
    text = "Officials would not rule out talks."
    start = text.index("would not rule out")
    result_like = type("R", (), {"evidence": (
        Evidence("hedge", "would not rule out", start, start + 18),
        Evidence("negation", "not", text.index("not"), text.index("not") + 3, subtype="neg"),
        Evidence("hedge", "talks", 0, 5))})()
    view = plot.article_view(text, result_like)
    assert (view.shown, view.skipped) == (2, 1)     # the last span does not match its text
    assert "did not match" in view.html
    assert "hedge; negation (neg)" in view.html     # overlap: both labels in the tip
    assert view.html.count("<mark") == 3            # before, inside and after the overlap
    assert "hedge (1)" in view.html and "negation (1)" in view.html
    plain = plot.article_view("Nothing here.")
    assert "<mark" not in plain.html and "Nothing here." in plain.html


def test_article_view_rejects_unsafe_colours():
    text = "It may rain."
    ev = [{"label": "hedge", "text": "may", "start": 3, "end": 6}]
    assert "#123456" in plot.article_view(text, ev, colors={"hedge": "#123456"}).html
    with pytest.raises(ValueError, match="colour"):
        plot.article_view(text, ev, colors={"hedge": 'red" onmouseover="alert(1)'})


def test_save_figure_writes_static_images(tmp_path):
    import shutil

    pytest.importorskip("kaleido")
    if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chrome/Chromium for static export")
    table = pd.DataFrame({"group": ["A", "B"], "measure": ["m", "m"], "estimate": [0.1, 0.2],
                          "ci_low": [0.0, 0.1], "ci_high": [0.2, 0.3]})
    path = plot.save_figure(plot.outlet_profile(table), tmp_path / "fig" / "profile.svg")
    assert path.read_text().lstrip().startswith("<svg")
    with pytest.raises(ValueError, match="png, svg, pdf"):
        plot.save_figure(plot.outlet_profile(table), tmp_path / "profile.gif")


def test_save_figure_says_what_is_missing(tmp_path, monkeypatch):
    import builtins

    from framing.errors import FramingError

    real_import = builtins.__import__

    def no_kaleido(name, *args, **kwargs):
        if name == "kaleido":
            raise ImportError("no kaleido")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_kaleido)
    with pytest.raises(FramingError, match="needs the kaleido package.*apt-get install chromium"):
        plot.save_figure(None, tmp_path / "x.png")


def test_article_view_colours_a_kind_of_evidence_the_same_in_every_view():
    # an audit found "hedge" yellow in one view and blue in the next (colours went by the
    # sorted labels present)
    text = "Officials said the talks may fail, and certainly soon."
    hedge = {"label": "hedge", "start": 25, "end": 28, "text": "may"}
    booster = {"label": "booster", "start": 39, "end": 48, "text": "certainly"}
    alone = plot.article_view(text, [hedge]).html
    both = plot.article_view(text, [booster, hedge]).html
    colour = plot.EVIDENCE_COLORS["hedge"]
    assert f"background: {colour}" in alone and f"background: {colour}" in both
    from framing.inspect import _BACKGROUNDS

    assert _BACKGROUNDS is plot.EVIDENCE_COLORS


def test_article_counts_pool_groups_beyond_the_palette_into_one_grey_bar():
    # twenty outlets in the twelve colours of COLORWAY: eight colours meant two outlets each
    from framing.plot import COLORWAY, OTHER_COLOR, article_counts

    groups = [f"outlet {i:02d}" for i in range(20)]
    table = pd.DataFrame({"group": groups * 2,
                          "period": pd.to_datetime(["2020-01-01"] * 20 + ["2020-02-01"] * 20),
                          "articles": list(range(20, 0, -1)) * 2})
    fig = article_counts(table)
    names = [bar.name for bar in fig.data]
    assert names == groups[:len(COLORWAY) - 1] + ["9 other groups"]
    colors = [bar.marker.color for bar in fig.data]
    assert len(set(colors)) == len(colors) and colors[-1] == OTHER_COLOR
    assert list(fig.data[-1].y) == [sum(range(1, 10))] * 2  # the nine smallest, per period
    assert len(article_counts(table, max_groups=20).data) == 20


def test_events_far_outside_the_periods_are_not_drawn(twenty):
    # audit: an event years away from the data (the sample's summit of 2030 on a corpus of six
    # weeks, the 2016 election on a report from 2019) stretched the time axis to reach it and
    # squeezed every period into a sliver; the reports' event note names such events instead
    table = twenty["time"]
    few = table[table["group"].isin(["Outlet 00", "Outlet 01"])]
    first, last = few["period"].min(), few["period"].max()
    events = {"Long before": first - pd.Timedelta(days=400), "Just before": first - pd.Timedelta(days=3),
              "Inside": first + (last - first) / 2, "In the last week": last + pd.Timedelta(days=5),
              "Long after": last + pd.Timedelta(days=900)}
    events = {k: v.date().isoformat() for k, v in events.items()}
    kept = {"Just before", "Inside", "In the last week"}
    fig = plot.time_series(few, events=events)
    assert len(fig.layout.shapes) == 3 and {a.text for a in fig.layout.annotations} == kept
    counts = few.groupby(["group", "period"], as_index=False).size().rename(
        columns={"size": "articles"})
    bars = plot.article_counts(counts, events=events)
    assert len(bars.layout.shapes) == 3 and {a.text for a in bars.layout.annotations} == kept


def test_article_view_brings_its_own_background_for_its_dark_text():
    # on JupyterLab's dark theme the article's text (#222) sat on the near-black page: only the
    # highlighted words could be read, in getting_started and in every passage of the reports
    import re

    view = plot.article_view("Talks may resume.", [{"label": "hedge", "text": "may", "start": 6,
                                                     "end": 9}])
    outer = re.match(r'<div class="framing-article" style="([^"]*)"', view.html).group(1)
    assert "color: #222" in outer and "background: #ffffff" in outer
