"""Every notebook runs under papermill on a small corpus; notebooks are committed clean and keep
their parameters documented as ``name: type = default  # help``."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest

from framing.runs import notebook_parameters, run_report
from conftest import REPO, SAMPLE, needs_encoder

NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
FAST = {"n_boot": 200, "jobs": 1}


def test_the_expected_notebooks_exist():
    assert {"outlet_comparison", "outlet_over_time", "article_explorer", "getting_started",
            "validation"} <= set(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_clean_and_parameterized(name):
    path = REPO / "notebooks" / f"{name}.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit notebooks clean"
            assert not re.search(r"^\s*def |^\s*class ", cell.source, re.M), \
                "a def in a notebook belongs in src/"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        assert re.match(r"^\w+: [\w\[\], |]+ = .+  # \S", line), f"undocumented parameter: {line}"
    params = notebook_parameters(path)
    assert "output_dir" in params and all(p["help"] for p in params.values())


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_under_papermill(name, tmp_path):
    params = notebook_parameters(REPO / "notebooks" / f"{name}.ipynb")
    given = {k: v for k, v in FAST.items() if k in params}
    if "corpus" in params and name != "validation":  # validation's corpus joins a blind
        given["corpus"] = str(SAMPLE)  # sheet's outlets: not the sample sheet's (sentence ids)
    folder = run_report(name, parameters=given, out=tmp_path, notebooks_dir=REPO / "notebooks")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    executed = nbformat.read(str(folder / f"{name}.ipynb"), as_version=4)
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    assert (folder / "report.html").stat().st_size > 10_000
    # offline: article_explorer's widget state made nbconvert add a loader that fetched the
    # widget renderer from a CDN (unpkg) whenever the report was opened
    assert "unpkg.com" not in (folder / "report.html").read_text(encoding="utf-8")
    if name == "outlet_comparison":  # the sample brings targets: their tests and sentences
        tables = folder / "tables"
        pairs = pd.read_csv(tables / "tone_toward_pairwise.csv")
        assert set(pairs["measure"]) == {"sentiment_toward_the Compact_tone",
                                         "sentiment_toward_Ostrova_tone",
                                         "sentiment_toward_Veldania_tone"}
        passages = pd.read_csv(tables / "exemplars_tone_toward.csv")
        assert set(passages["direction"]) == {"most negative", "most positive"}
        assert set(passages["measure"]) == {"the Compact", "Ostrova", "Veldania"}
        html = (folder / "report.html").read_text(encoding="utf-8")
        assert "tone toward Ostrova -0." in html
        mentions = pd.read_csv(tables / "target_mentions.csv")
        assert list(mentions.columns) == ["target", "group", "articles", "mentioning",
                                          "share", "mentions"]
        assert "Articles that mention each target, of the group" in html


def test_word_analyses_leave_out_the_articles_scored_as_not_english():
    import pandas as pd

    from framing import notebook as nb

    articles = pd.DataFrame({"id": ["a", "b", "c"], "text": ["x", "y", "z"]})
    metrics = pd.DataFrame({"id": ["a", "b", "c"], "hedging_english": [True, False, None],
                            "sentiment_english": [True, False, None]})
    assert nb.english_articles(articles, metrics)["id"].tolist() == ["a", "c"]  # c: no text
    assert nb.scoring_note(metrics).startswith("3 articles; 1 not English, left unscored")
    assert nb.english_articles(articles, metrics.drop(columns=["hedging_english",
                                                                "sentiment_english"])) is articles


def test_exemplar_passages_say_whose_words_they_are():
    import pandas as pd

    from framing import notebook as nb

    articles = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
                             "date": [pd.NaT] * 3, "title": [""] * 3,
                             "text": ["The deal may collapse in the night.",
                                      '"The deal may collapse," she said.',
                                      "The deal may collapse, officials warned."]})
    page = nb.show_passages(nb.exemplar_passages(articles, "hedging", labels={"hedge"}, k=1)).data
    assert "the journalist&#x27;s own words" in page or "the journalist's own words" in page
    assert "inside a quotation" in page
    assert "in reported speech" in page


def test_the_methods_section_links_lead_to_the_validity_pages():
    import re

    from framing import notebook as nb

    text = nb.validity_summary(REPO / "docs" / "validity.md").data
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    pages = [link for link in links if link.endswith(".md")]
    assert pages and all(link.startswith("file://") for link in pages)
    assert (REPO / "docs" / "validity_hedging.md").as_uri() in pages


def test_a_report_folder_carries_the_validity_pages_it_links_to(tmp_path):
    # file:// links to the checkout broke as soon as a report folder was shared
    import re

    from framing import notebook as nb

    ctx = nb.ReportContext(tmp_path, plotly=False)
    text = ctx.validity_summary(REPO / "docs" / "validity.md").data
    pages = [link for link in re.findall(r"\]\(([^)\s]+)\)", text) if link.endswith(".md")]
    assert pages and all(link.startswith("validity/") for link in pages)
    for link in pages:
        assert (tmp_path / link).read_text(encoding="utf-8") == \
            (REPO / "docs" / link.split("/", 1)[1]).read_text(encoding="utf-8")
    assert "Frames were measured with" not in text


def test_a_report_with_ones_own_codebook_names_it():
    from framing import notebook as nb

    text = nb.validity_summary(REPO / "docs" / "validity.md", codebook="models/mine.npz").data
    assert text.startswith("> **Frames were measured with models/mine.npz (your trained model).**")
    # audit: a report with -p codebook generic quoted only the policy codebook's figures, as if
    # they were the generic codebook's
    generic = nb.validity_summary(REPO / "docs" / "validity.md", codebook="generic").data
    assert generic.startswith("> **Frames were measured with generic (shipped codebook).** The "
                              "frames figures below are the policy codebook's")
    assert "Frames were measured" not in nb.validity_summary(REPO / "docs" / "validity.md").data
    methods = nb.methods_table(["frames", "sentiment"], codebook="generic",
                               targets={"NATO": ["NATO"]})
    rows = dict(zip(methods["component"], methods["version"]))
    assert rows["frames measured with"] == "generic (shipped codebook)"
    assert rows["tone toward targets"] == '{"NATO": ["NATO"]}'
    assert "frames measured with" not in set(nb.methods_table(["hedging"])["component"])
    full = nb.methods_table(["hedging"], settings={"n_boot": 2000, "outlets": []},
                            corpus_info={"source": "c.csv", "articles": 3, "outlets": 2,
                                         "fingerprint_sha256": "ab" * 32})
    rows = dict(zip(full["component"], full["version"]))
    assert rows["setting: n_boot"] == "2000" and rows["setting: outlets"] == "[]"
    assert rows["corpus"] == ("c.csv: 3 articles, 2 outlets, SHA-256 of the texts "
                              "abababababababab")
    assert rows["python"].count(".") == 2


def test_a_report_names_the_model_of_the_tone_toward_targets():
    from framing import notebook as nb
    from framing.analyze import TOWARD

    targets = {"NATO": ["NATO"]}
    words = dict(zip(*nb.methods_table(["sentiment"], targets=targets)[["component",
                                                                         "version"]].T.values))
    mixed = dict(zip(*nb.methods_table(["sentiment"], targets=targets,
                                       toward_encoder=True)[["component", "version"]].T.values))
    assert words["tone toward targets measured with"] == nb.toward_model(False)
    assert "encoder" not in words["tone toward targets measured with"]
    assert mixed["tone toward targets measured with"] == nb.toward_model(True)
    assert "all-MiniLM-L6-v2" in mixed["tone toward targets measured with"]
    assert mixed[f"framing.{TOWARD}"].startswith(words[f"framing.{TOWARD}"] + "|encoder-")
    assert "tone toward targets measured with" not in set(
        nb.methods_table(["hedging"], targets=targets)["component"])
    doc = REPO / "docs" / "validity.md"
    assert nb.validity_summary(doc).data.startswith("# Validity of framing")
    note = nb.validity_summary(doc, toward_encoder=True).data
    assert note.startswith("> **The tone toward targets was measured with the word model "
                           "mixed with the encoder part")
    # the report notebooks pass the parameter wherever they score or describe the tone toward
    # targets
    for name, calls in (("outlet_comparison", ("nb.report_metrics(", " = target_passages(",
                                               "nb.methods_table(", "ctx.validity_summary(")),
                        ("outlet_over_time", ("nb.report_metrics(", "nb.methods_table("))):
        path = REPO / "notebooks" / f"{name}.ipynb"
        assert notebook_parameters(path)["toward_encoder"]["default"] == "False"
        source = "".join(c.source for c in nbformat.read(str(path), as_version=4).cells
                         if c.cell_type == "code")
        for call in calls:
            assert source.count(call) == 1, (name, call)
            start = source.index(call) + len(call)
            depth, end = 1, start
            while depth:  # the call's arguments: up to its closing parenthesis
                depth += {"(": 1, ")": -1}.get(source[end], 0)
                end += 1
            assert "toward_encoder=toward_encoder" in source[start:end], (name, call)


@needs_encoder
def test_a_report_with_toward_encoder_scores_and_names_it(tmp_path):
    import framing
    from framing.exemplars import target_sentence_rows

    corpus = framing.load_corpus(SAMPLE)
    corpus = corpus.groupby("outlet").head(3)  # 12 articles: a quick run
    path = tmp_path / "small.jsonl"
    corpus.assign(date=corpus["date"].astype(str)).to_json(path, orient="records", lines=True)
    targets = {"Ostrova": ["Ostrova", "Ostrovan"]}
    given = {"n_boot": 50, "jobs": 1, "corpus": str(path), "targets": targets,
             "toward_encoder": True}
    want = framing.analyze(framing.load_corpus(path), measures=["sentiment"], targets=targets,
                           jobs=1, toward_encoder=True).set_index("id")
    tone = "sentiment_toward_Ostrova_tone"
    folders = {}
    for name in ("outlet_comparison", "outlet_over_time"):
        folders[name] = folder = run_report(name, parameters=given, out=tmp_path,
                                            notebooks_dir=REPO / "notebooks")
        tables = folder / "tables"
        got = pd.read_csv(tables / "article_measures.csv").set_index("id")
        assert got[tone].notna().any()
        assert got[tone].tolist() == pytest.approx(want.loc[got.index, tone].tolist(),
                                                   nan_ok=True)
        methods = pd.read_csv(tables / "methods_versions.csv")
        rows = dict(zip(methods["component"], methods["version"]))
        assert "all-MiniLM-L6-v2" in rows["tone toward targets measured with"]
        assert "|encoder-" in rows["framing.sentiment_toward"]
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["parameters"]["toward_encoder"] is True
    # outlet_comparison: its passages and the validity note too
    folder = folders["outlet_comparison"]
    passages = pd.read_csv(folder / "tables" / "exemplars_tone_toward.csv")
    rows = target_sentence_rows(framing.load_corpus(path), targets, jobs=1, toward_encoder=True)
    assert len(passages) and set(passages["score"].round(9)) <= set(rows["score"].round(9))
    assert "The tone toward targets was measured with the word model mixed with the encoder " \
           "part" in (folder / "report.html").read_text(encoding="utf-8")


def test_the_methods_section_finds_the_validity_pages_from_another_folder(tmp_path, monkeypatch):
    # a report run from one's own project folder (or by cron) said "No validity document"
    from framing import notebook as nb

    monkeypatch.chdir(tmp_path)
    assert nb.validity_summary("docs/validity.md").data.startswith("# Validity of framing")
    assert "No validity document at `docs/none.md`" in nb.validity_summary("docs/none.md").data


def test_an_event_outside_the_data_is_flagged_and_the_filters_are_in_the_heading(tmp_path):
    # an audit found an empty before/after contrast reported without a word (exit 0)
    # (and the over-time report follows the tone toward targets, one chart a measure: it
    # showed at most four charts, and took no targets)
    given = {**FAST, "corpus": str(SAMPLE), "event_name": "launch", "event_date": "2031-01-01",
             "outlets": ["Continental Wire", "The Daily Bulwark"], "start": "2026-03-01",
             "period": "M", "targets": {"Ostrova": ["Ostrova", "Ostrograd"]}}
    folder = run_report("outlet_over_time", parameters=given, out=tmp_path,
                        notebooks_dir=REPO / "notebooks")
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "Events without articles on both sides" in page
    assert "launch (2031-01-01)" in page and "no articles after it" in page
    assert "Outlets: Continental Wire, The Daily Bulwark · dates: 2026-03-01 to (no end) · " \
           "monthly means" in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page
    assert "Tone toward: Ostrova" in page
    assert page.count("Plotly.newPlot(") == 5  # four measures and the tone toward Ostrova
    # nor rows of nothing in the before/after table (audit: four rows of blanks for Mars, each
    # "before: no article with a value; after: no article with a value"): the note names it
    contrast = pd.read_csv(folder / "tables" / "before_after.csv")
    assert "sentiment_toward_Mars_tone" not in set(contrast["measure"])
    assert "sentiment_toward_Ostrova_tone" in set(contrast["measure"])
    assert "sentiment_toward_Mars_tone" not in page.split("Before and after the event")[-1]
    series = pd.read_csv(folder / "tables" / "over_time.csv")
    toward = series[series["measure"] == "sentiment_toward_Ostrova_tone"]
    assert set(toward["group"]) == {"Continental Wire", "The Daily Bulwark"}
    assert toward["estimate"].between(-1, 1).all()


def test_the_over_time_report_survives_a_target_no_article_mentions(tmp_path):
    # an audit found outlet_over_time failing (exit 1, ValueError from plot.time_series) when a
    # target of -p targets was never mentioned in a dated article: its series was empty
    given = {**FAST, "corpus": str(SAMPLE), "period": "M",
             "targets": {"Ostrova": ["Ostrova"], "Mars": ["Martians"]}}
    folder = run_report("outlet_over_time", parameters=given, out=tmp_path,
                        notebooks_dir=REPO / "notebooks")
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "Tone toward Mars</strong>: no dated article mentions the target" in page
    assert page.count("Plotly.newPlot(") == 5  # four measures and the tone toward Ostrova
    # nor rows of nothing in the before/after table (audit: four rows of blanks for Mars, each
    # "before: no article with a value; after: no article with a value"): the note names it
    contrast = pd.read_csv(folder / "tables" / "before_after.csv")
    assert "sentiment_toward_Mars_tone" not in set(contrast["measure"])
    assert "sentiment_toward_Ostrova_tone" in set(contrast["measure"])
    assert "sentiment_toward_Mars_tone" not in page.split("Before and after the event")[-1]


def test_outlets_and_targets_without_a_mention_are_named_not_shown_as_a_tone_of_0():
    # an audit found the report's tone toward targets chart leaving an outlet that never
    # mentions a target as an empty row, and a target no article mentions as an empty panel,
    # without a word; the numbers of mentioning articles were only in a CSV
    from framing import notebook as nb

    metrics = pd.DataFrame({
        "outlet": ["A", "A", "B", "B", "C"],
        "sentiment_toward_NATO_n_mentions": [2, 0, 0, 0, 1],
        "sentiment_toward_Mars_n_mentions": [0, 0, 0, 0, 0],
        "sentiment_toward_Russia_n_mentions": [1, 1, float("nan"), 3, 0]})
    coverage = nb.target_coverage(metrics, {"NATO": ["NATO"], "Russia": "Russia",
                                            "Mars": ["Martians"]})
    assert coverage["target"].unique().tolist() == ["NATO", "Russia", "Mars"]
    russia_b = coverage[(coverage.target == "Russia") & (coverage.group == "B")].iloc[0]
    assert (russia_b.articles, russia_b.mentioning, russia_b.share, russia_b.mentions) == \
        (1, 1, 1.0, 3)  # a text not scored (NaN) is not counted
    page = nb.target_coverage_view(coverage).data
    assert "No article mentions Mars: check the aliases" in page
    assert ("Never mentioned, so without a point in the chart and without a test (no tone, "
            "not a tone of 0): NATO by B; Russia by C.") in page
    assert ">1 of 2<" in page and ">0 of 1<" in page


def test_time_series_figures_put_a_note_where_a_measure_has_no_series():
    from framing import notebook as nb
    from framing.compare import over_time

    metrics = pd.DataFrame({"outlet": ["A", "A"], "date": pd.to_datetime(["2024-01-01",
                                                                          "2024-02-01"]),
                            "sentiment_tone": [0.1, 0.2],
                            "sentiment_toward_X_tone": [float("nan")] * 2})
    series = over_time(metrics, by="outlet", measure=["sentiment_tone",
                                                      "sentiment_toward_X_tone"], period="M",
                       n_boot=50)
    charts = nb.time_series_figures(series, ["sentiment_tone", "sentiment_toward_X_tone"])
    assert type(charts[0]).__name__ == "Figure"
    assert "Tone toward X**: no dated article mentions the target" in charts[1].data


def test_report_tables_leave_out_row_numbers_but_keep_a_meaningful_index():
    import pandas as pd

    from framing import notebook as nb

    plain = nb.show(pd.DataFrame({"outlet": ["A"], "x": [1.234567]})).to_html()
    assert "1.2346" in plain and ">0</th>" not in plain
    named = nb.show(pd.DataFrame({"x": [1.0]}, index=pd.Index(["Wire A"], name="outlet")))
    assert "Wire A" in named.to_html()
    assert nb.show(pd.DataFrame()) is None and nb.show(None) is None
    # markup in a cell, a column name or the index is shown, never run
    evil = nb.show(pd.DataFrame({"<b>c</b>": ["<img src=x onerror=alert(1)>"]},
                                index=pd.Index(["<i>A</i>"]))).to_html()
    assert "<img" not in evil and "<b>c" not in evil and "<i>A" not in evil
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil


@pytest.mark.parametrize("name", ["getting_started", "article_explorer"])
def test_notebooks_run_from_the_notebooks_folder_as_jupyterlab_runs_them(name, tmp_path):
    # JupyterLab starts a notebook's kernel in notebooks/: the project-relative defaults
    # ("data/sample/articles.jsonl") failed at the first code cell there
    import papermill as pm

    declared = notebook_parameters(REPO / "notebooks" / f"{name}.ipynb")
    params = {k: v for k, v in FAST.items() if k in declared}
    pm.execute_notebook(str(REPO / "notebooks" / f"{name}.ipynb"), str(tmp_path / "out.ipynb"),
                        parameters=params, cwd=str(REPO / "notebooks"), progress_bar=False,
                        kernel_name="python3")
    executed = nbformat.read(str(tmp_path / "out.ipynb"), as_version=4)
    assert not [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "error"]


def test_report_tables_show_a_date_column_as_dates():
    # the before/after table showed its event as "2016-11-08 00:00:00"
    import pandas as pd

    from framing import notebook as nb

    html = nb.show(pd.DataFrame({"event_date": pd.to_datetime(["2016-11-08", None]),
                                 "x": [1.0, 2.0]})).to_html()
    assert ">2016-11-08<" in html and "00:00:00" not in html
    timed = nb.show(pd.DataFrame({"at": pd.to_datetime(["2016-11-08 14:30"])})).to_html()
    assert "14:30" in timed  # a time of day is kept


def test_a_time_series_of_sparse_periods_gets_a_note():
    import pandas as pd

    from framing import notebook as nb

    series = pd.DataFrame({"group": ["A", "A", "B", "B"], "measure": "x", "n": [1, 2, 9, 12],
                           "period": pd.to_datetime(["2024-01-01", "2024-01-08"] * 2)})
    note = nb.sparse_periods_note(series, "W")
    assert "2 of the 4 outlet-periods hold fewer than 5 articles" in note.data
    assert "period M or Q" in note.data
    # a quarter or fewer: the periods without a band are named, no advice to pool
    light = nb.sparse_periods_note(series.assign(n=[4, 5, 9, 12]), "W").data
    assert "1 of the 4 outlet-periods" in light and "A 2024-01-01 (n=4)" in light
    assert "period M" not in light
    assert nb.sparse_periods_note(series.assign(n=[5, 5, 9, 12]), "W") is None
    # few thin periods overall, but most of one small outlet's: name it and advise pooling
    weeks = pd.date_range("2024-01-01", periods=8, freq="W-MON")
    mixed = pd.DataFrame({"group": ["Big"] * 8 + ["Small"] * 2 + ["Mid"] * 8, "measure": "x",
                          "n": [9] * 8 + [1, 3] + [9] * 7 + [3],
                          "period": list(weeks) + list(weeks[:2]) + list(weeks)})
    text = nb.sparse_periods_note(mixed, "W").data
    assert "3 of the 18 outlet-periods" in text
    assert "**Mostly thin periods** for Small (2 of its 2 periods)" in text
    assert "Mid (" not in text and "(period M or Q)" in text
    undated = nb.sparse_periods_note(series.assign(n=[5, 5, 9, 12]), "W", undated=20).data
    assert "20 undated articles are left out of the time series" in undated
    per_outlet = nb.sparse_periods_note(series.assign(n=[5, 5, 9, 12]), "W",
                                        undated=pd.Series({"A": 3, "B": 0, "Wire C": 17})).data
    assert "20 undated articles are left out of the time series: Wire C 17, A 3 (" in per_outlet
    # the over-time report leaves them out of every section: it must not say otherwise
    dated_only = nb.sparse_periods_note(series.assign(n=[5, 5, 9, 12]), "W", undated=20,
                                        left_out_of="the time series and the before/after "
                                                    "contrast", counted_elsewhere=False).data
    assert dated_only.endswith("left out of the time series and the before/after contrast.")


def test_the_sparse_periods_note_counts_the_tone_toward_a_target_on_its_own_articles():
    # an audit found outlet_over_time with -p targets saying "5 of the 31 outlet-periods hold
    # fewer than 5 articles" while the series of the tone toward NATO, which rests on the
    # articles that mention NATO only, had 17 of its 21 without a band
    from framing import notebook as nb

    periods = pd.to_datetime(["2024-01-01", "2024-04-01"] * 2)
    base = pd.DataFrame({"group": ["A", "A", "B", "B"], "period": periods,
                         "measure": "sentiment_tone", "n": [9, 12, 9, 12]})
    toward = base.assign(measure="sentiment_toward_NATO_tone", n=[1, 6, 2, 3])
    text = nb.sparse_periods_note(pd.concat([toward, base]), "Q").data
    assert "outlet-periods with fewer than 5 of them, drawn without a band: NATO 3 of 4." in text
    assert "of the 4 outlet-periods hold fewer" not in text  # the articles: none is thin


def test_event_note_windows_the_days_as_before_after_does():
    # with window_days=6 an article 6 days after the event is in before_after's contrast; the
    # note said there was none after the event within 6 days
    import pandas as pd

    from framing import notebook as nb
    from framing.compare import before_after

    m = pd.DataFrame({"outlet": "A", "x": [1.0, 2.0, 3.0],
                      "date": pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-09"])})
    table = before_after(m, "outlet", "x", "2020-01-03", window_days=6, n_boot=10)
    assert table[["n_before", "n_after"]].iloc[0].tolist() == [2, 1]
    assert nb.event_note(m, {"ev": "2020-01-03"}, window_days=6) is None
    assert before_after(m, "outlet", "x", "2020-01-03", window_days=5,
                        n_boot=10)["n_after"].iloc[0] == 0
    assert "no articles after it within 5 days" in nb.event_note(
        m, {"ev": "2020-01-03"}, window_days=5).data


def test_supported_pairs_flag_a_rank_difference_whose_mean_interval_holds_0():
    import pandas as pd

    from framing import notebook as nb

    pairs = pd.DataFrame({"measure": ["x", "x", "y"], "group_a": ["A", "A", "B"],
                          "group_b": ["B", "C", "C"], "mean_a": [1.0, 1.0, 2.0],
                          "mean_b": [0.5, 0.9, 1.0], "difference": [0.5, 0.1, 1.0],
                          "diff_ci_low": [0.2, -0.03, 0.4], "diff_ci_high": [0.8, 3.6, 1.6],
                          "cliffs_delta": [0.5, 0.3, 0.6], "magnitude": ["large"] * 3,
                          "p_holm": [0.001, 0.008, 0.2]})
    table = nb.supported_pairs(pairs)
    assert list(zip(table["group_b"], table["diff_ci_excludes_0"])) == [("B", True),
                                                                        ("C", False)]


def test_a_corpus_without_dates_gets_a_report_and_one_outlet_a_clear_stop(tmp_path):
    # an audit found both failing after all the scoring, with internal messages (exit 1)
    from framing.runs import ReportInputError

    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    undated = tmp_path / "undated.jsonl"
    undated.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "date"}) + "\n"
                               for r in rows), encoding="utf-8")
    folder = run_report("outlet_comparison", parameters={**FAST, "corpus": str(undated)},
                        out=tmp_path / "reports", notebooks_dir=REPO / "notebooks")
    assert "No dated articles: nothing to show over time." in \
        (folder / "report.html").read_text(encoding="utf-8")
    with pytest.raises(ReportInputError, match="outlet_over_time follows measures over time, "
                                               "and no article"):
        run_report("outlet_over_time", parameters={**FAST, "corpus": str(undated)},
                   out=tmp_path / "reports", notebooks_dir=REPO / "notebooks")
    one = tmp_path / "one.jsonl"
    one.write_text("".join(json.dumps(r) + "\n" for r in rows if r["outlet"] == rows[0]["outlet"]),
                   encoding="utf-8")
    with pytest.raises(ReportInputError, match="outlet_comparison compares outlets, and the "
                                               "corpus \\(after the filters\\) holds 1"):
        run_report("outlet_comparison", parameters={**FAST, "corpus": str(one)},
                   out=tmp_path / "reports", notebooks_dir=REPO / "notebooks")


def test_an_article_row_outside_the_corpus_is_named_with_the_range():
    import pandas as pd

    from framing import notebook as nb
    from framing.errors import InputError

    with pytest.raises(InputError, match=r"no article in row 999: the corpus has 2 \(rows 0 to 1\)"):
        nb.article_text(pd.DataFrame({"text": ["One.", "Two."]}), 999)


def test_the_loading_summary_says_what_the_filters_left_out(tmp_path):
    from framing import notebook as nb
    from framing.corpus import LoadReport, load_report

    corpus = tmp_path / "c.csv"
    corpus.write_text("outlet,date,text\n"
                      "A,2020-01-05,Taxes rose sharply.\nA,,Taxes fell again.\n"
                      "B,2020-02-01,Talks may fail.\nB,2019-12-01,Talks resumed.\n"
                      "C,2020-01-10,Prices rose.\n", encoding="utf-8")
    articles, report, _ = nb.load_report_corpus(corpus=corpus, outlets=["A", "B"],
                                                 start="2020-01-01")
    assert len(articles) == 2
    text = nb.loading_summary(articles, report)
    # audit: "795 of the 118 smaller outlets" read as a count of outlets: the articles are named
    assert text.splitlines()[0] == ("left out by the report's filters: 1 article of other "
                                    "outlets; 1 article undated; 1 article dated outside the "
                                    "range")
    assert "5 articles loaded" in text
    # the report, and the filtered articles that carry it, write to Parquet (pandas 3 writes
    # attrs as JSON: a LoadReport object in them made to_parquet raise)
    assert isinstance(report, LoadReport) and report == load_report(articles)
    articles.to_parquet(tmp_path / "articles.parquet")
    back = pd.read_parquet(tmp_path / "articles.parquet")
    assert nb.loading_summary(back, load_report(back)) == text
    everything, report, _ = nb.load_report_corpus(corpus=corpus)
    assert not nb.loading_summary(everything, report).startswith("left out")


def test_loading_options_a_store_cannot_apply_are_named(tmp_path):
    from framing import notebook as nb
    from framing.store import Store

    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(SAMPLE)
    articles, report, _ = nb.load_report_corpus(store=store, day_first=True)
    assert nb.loading_summary(articles, report, store=store).splitlines()[0].startswith(
        "not applied: day_first (the store's articles were read when they were ingested")


def test_a_report_on_an_analysed_store_opens_it_read_only(tmp_path, monkeypatch):
    from framing import notebook as nb
    from framing import store as store_module

    path = tmp_path / "s.duckdb"
    with store_module.Store(path) as st:
        st.ingest(SAMPLE)
    opened = []
    real = store_module.Store

    class Recording(real):
        def __init__(self, *args, read_only=False, **kwargs):
            opened.append(read_only)
            super().__init__(*args, read_only=read_only, **kwargs)

    monkeypatch.setattr(store_module, "Store", Recording)
    first = nb.store_metrics(path, measures=["hedging"], jobs=1)
    assert opened == [True, False]  # something to score: opened for writing
    opened.clear()
    again = nb.store_metrics(path, measures=["hedging"], jobs=1)
    assert opened == [True]  # nothing left: read-only, so other readers need not wait
    assert again["hedging_hedges"].tolist() == first["hedging_hedges"].tolist()


def test_a_file_and_a_store_give_the_same_articles_in_the_same_order(tmp_path):
    # the same corpus read from its file and from a store gave different fingerprints and
    # different bootstrap intervals: the store returned its rows in another order
    from framing.notebook import corpus_fingerprint, load_report_corpus
    from framing.store import Store

    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(SAMPLE)
    from_file, _, _ = load_report_corpus(corpus=str(SAMPLE))
    from_store, _, _ = load_report_corpus(store=str(store))
    assert list(from_file["id"]) == list(from_store["id"])
    assert corpus_fingerprint(from_file) == corpus_fingerprint(from_store)
    assert corpus_fingerprint(from_file) == corpus_fingerprint(from_file.iloc[::-1])
    # and the measures come in the articles' order both ways
    import framing
    from framing.notebook import store_metrics

    measures = ("hedging",)
    stored = store_metrics(store, measures=measures, articles=from_store.iloc[:-1])
    fresh = framing.analyze(from_file.iloc[:-1], measures=measures, jobs=1)
    assert list(stored["id"]) == list(fresh["id"]) == list(from_file["id"])[:-1]
    assert stored["hedging_hedges"].tolist() == fresh["hedging_hedges"].tolist()


def test_the_validation_report_survives_blank_codes_and_compares_tone_once(tmp_path):
    # audit: one blank cell in a code column stopped the whole report, hedging included; and
    # kind sentiment with label_col tone compared tone twice (second_label_col defaults to tone)
    import pandas as pd

    sheet = pd.read_csv(REPO / "data" / "sample" / "coding_example.csv", dtype=str)
    sheet.loc[2, "tone"] = ""        # file row 4
    sheet.loc[5, "uncertain"] = ""   # file row 7
    gold = tmp_path / "coded.csv"
    sheet.to_csv(gold, index=False)
    folder = run_report("validation", parameters={"gold": str(gold), "n_boot": 50},
                        out=tmp_path, notebooks_dir=REPO / "notebooks")
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "without a code in &#x27;uncertain&#x27; left out of this comparison: row 7" in html \
        or "without a code in 'uncertain' left out of this comparison: row 7" in html
    assert "left out of this comparison: row 4" in html
    senti = run_report("validation", parameters={"gold": str(gold), "n_boot": 50,
                                                 "kind": "sentiment", "label_col": "tone"},
                       out=tmp_path, notebooks_dir=REPO / "notebooks")
    executed = nbformat.read(str(senti / "validation.ipynb"), as_version=4)
    shown = [c for c in executed.cells if c.cell_type == "code"
             and "format_validation" in c.source and c.outputs]
    assert len(shown) == 1  # the comparison once
    assert "it is shown once" in (senti / "report.html").read_text(encoding="utf-8")


def _documented_report_commands(path):
    """The ``framing report`` commands of a Markdown file's ``sh`` blocks, as argument lists."""
    import shlex

    text = path.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("framing report"):
                commands.append(shlex.split(line)[2:])
    return commands


def test_the_documented_report_commands_name_real_notebooks_parameters_and_files():
    # docs/reports.md had no example run of outlet_over_time or validation (audit); the ones it
    # has now must not rot: each notebook exists, each -p names one of its parameters, each
    # corpus or sheet in the checkout exists (the runs themselves are checked by hand and in
    # the papermill tests above)
    from framing.runs import resolve_notebook

    commands = _documented_report_commands(REPO / "docs" / "reports.md")
    named = {args[0] for args in commands if args and not args[0].startswith("-")}
    assert {"outlet_over_time", "validation"} <= named
    for args in commands:
        notebook = args[0] if args and not args[0].startswith("-") else "outlet_comparison"
        params = notebook_parameters(resolve_notebook(notebook, REPO / "notebooks"))
        for flag, value, after in zip(args, args[1:], args[2:] + [""]):
            if flag == "-p":
                assert value in params, f"{notebook} has no parameter {value!r}: {args}"
                if after.startswith("data/"):  # -p gold data/sample/...
                    assert (REPO / after).exists(), after
            if flag == "--corpus" and value.startswith("data/"):
                assert (REPO / value).exists(), value


def test_the_article_explorer_reads_an_analysed_store_rather_than_rescoring_it(tmp_path,
                                                                               sample_path,
                                                                               monkeypatch):
    import framing
    from framing import notebook as nb
    from framing.analyze import DEFAULT_MEASURES, family_versions

    store = tmp_path / "s.duckdb"
    with framing.Store(store) as st:
        st.ingest(sample_path)
    articles, _, _ = nb.load_report_corpus(store=store, outlets=["Continental Wire"])
    # not analysed yet: scored here, in memory, and the store is left as it was
    scored = nb.article_metrics(articles, store=store, jobs=1)
    versions = family_versions(DEFAULT_MEASURES)
    with framing.Store(store, read_only=True) as st:
        assert st.n_unscored(versions) == 64
    with framing.Store(store) as st:
        framing.analyze(store=st, jobs=1)

    def rescoring(*args, **kwargs):
        raise AssertionError("an analysed store was scored again")

    monkeypatch.setattr(framing, "analyze", rescoring)
    stored = nb.article_metrics(articles, store=store)
    assert list(stored["id"]) == list(articles["id"]) == list(scored["id"])
    measures = [c for c in scored.columns if c not in ("id", "outlet", "date", "title")]
    pd.testing.assert_frame_equal(stored[measures].astype(scored[measures].dtypes),
                                  scored[measures], check_exact=False)


def test_outlet_comparison_without_two_english_outlets_is_refused_plainly(tmp_path):
    from framing.runs import ReportInputError

    # it ran all the scoring and failed in the vocabulary section with an internal
    # "ValueError: distinctive terms need at least two groups with text; got 0"
    texts = ["这是一篇关于政府的新闻文章。官员说，税收将会增加。",
             "Правительство объявило сегодня, что налоги вырастут.",
             "الحكومة أعلنت اليوم أن الضرائب سترتفع."]
    corpus = tmp_path / "foreign.jsonl"
    corpus.write_text("".join(json.dumps({"outlet": o, "text": t}, ensure_ascii=False) + "\n"
                              for o in ("A", "B") for t in texts), encoding="utf-8")
    with pytest.raises(ReportInputError, match="outlet_comparison compares outlets on measures "
                                               "of English text, and 0 outlets have"):
        run_report("outlet_comparison", parameters={**FAST, "corpus": str(corpus)},
                   out=tmp_path / "reports", notebooks_dir=REPO / "notebooks")


def _four_outlets(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("outlet,date,text\n"
                      "A,2020-01-05,Taxes rose sharply.\nA,2020-01-06,Taxes fell again.\n"
                      "A,2019-01-06,Taxes held.\n"
                      "B,2020-02-01,Talks may fail.\nB,2020-02-02,Talks resumed.\n"
                      "C,2020-01-10,Prices rose.\nC,2020-01-11,Prices fell.\n"
                      "D,2020-01-12,Rain fell.\n", encoding="utf-8")
    return corpus


def test_without_an_outlet_list_a_report_keeps_the_largest_outlets(tmp_path):
    # AllSides has 491 sources, 311 with fewer than 5 articles: a report of them all drew
    # panels 14,000 pixels tall and ran 1.5 million pairwise tests
    from framing import notebook as nb
    from framing.store import Store

    corpus = _four_outlets(tmp_path)
    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(corpus)
    for source in (dict(corpus=corpus), dict(store=store)):
        articles, report, _ = nb.load_report_corpus(**source, max_outlets=2)
        assert sorted(articles["outlet"].unique()) == ["A", "B"]  # B before C: ties by name
        assert articles.attrs["largest_outlets"] == {"kept": 2, "of": 4}
        assert articles.attrs["left_out_by_filters"] == {
            "of the 2 smaller outlets (max_outlets)": 3}
        assert nb.loading_summary(articles, report, store=store).splitlines()[0] == (
            "left out by the report's filters: 3 articles of the 2 smaller outlets "
            "(max_outlets)")
        assert nb.filters_line(largest=articles.attrs["largest_outlets"]).startswith(
            "Outlets: the 2 with most articles, of 4")
        # ranked by the articles in the date range: A has only two there, as C does
        dated, _, _ = nb.load_report_corpus(**source, max_outlets=2, start="2020-01-01")
        assert sorted(dated["outlet"].unique()) == ["A", "B"]
        one, _, _ = nb.load_report_corpus(**source, max_outlets=1, start="2020-01-01")
        assert sorted(one["outlet"].unique()) == ["A"]  # A, B, C hold 2 each: by name
        assert one.attrs["left_out_by_filters"]["dated outside the range"] == 1
        # audit: with a date range the heading counted the outlets with articles in it ("of
        # 65") and the loading summary every outlet, as "smaller" ("118 smaller outlets")
        assert "of the 3 other outlets (max_outlets)" in one.attrs["left_out_by_filters"]
        assert nb.filters_line(largest=one.attrs["largest_outlets"], start="2020-01-01") \
            .startswith("Outlets: the 1 with most articles in the date range, of "
                        f"{one.attrs['largest_outlets']['of']} with articles there")
        # an outlet list, or max_outlets 0, keeps what was asked
        listed, _, _ = nb.load_report_corpus(**source, outlets=["C", "D"], max_outlets=1)
        assert sorted(listed["outlet"].unique()) == ["C", "D"]
        assert "largest_outlets" not in listed.attrs
        assert nb.load_report_corpus(**source, max_outlets=0)[0]["outlet"].nunique() == 4
    # the same articles, in the same order, from the file and from the store
    from_file = nb.load_report_corpus(corpus=corpus, max_outlets=2)[0]
    from_store = nb.load_report_corpus(store=store, max_outlets=2)[0]
    assert list(from_file["id"]) == list(from_store["id"])


def test_a_report_from_a_store_reads_only_the_texts_in_its_date_range(tmp_path, monkeypatch):
    # the date range was applied after reading every text of the outlets (10,000 AllSides
    # texts read to keep the 2,289 from 2019): now DuckDB selects them, and the articles,
    # their order and what the loading summary counts as left out are as before (the
    # corpus file still goes the pandas way, so the two routes are compared)
    from framing import notebook as nb
    from framing.errors import InputError
    from framing.store import Store

    corpus = tmp_path / "c.csv"
    corpus.write_text(_four_outlets(tmp_path).read_text(encoding="utf-8")
                      + "A,,Undated taxes.\nB,,Undated talks.\nC,2021-03-01,Late prices.\n"
                      "B,2020-01-06,Talks began.\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(corpus)
    rows_read = []
    real = Store.articles

    def articles(self, **kwargs):
        df = real(self, **kwargs)
        rows_read.append(len(df))
        return df

    monkeypatch.setattr(Store, "articles", articles)
    for options in (dict(start="2020-01-06"), dict(end="2020-01-10"),
                    dict(start="2020-01-06", end="2020-01-11", max_outlets=2),
                    dict(start="2020-01-01", outlets=["B", "C"]),
                    dict(start="2020-01-06", end="2020-01-06", max_outlets=0)):
        rows_read.clear()
        from_store, _, _ = nb.load_report_corpus(store=store, **options)
        from_file, _, _ = nb.load_report_corpus(corpus=corpus, **options)
        assert rows_read == [len(from_store)], options  # nothing outside the range was read
        columns = ["id", "outlet", "date", "title", "text"]
        pd.testing.assert_frame_equal(from_store[columns], from_file[columns])
        assert from_store.attrs["left_out_by_filters"] == from_file.attrs["left_out_by_filters"]
        assert from_store.attrs.get("largest_outlets") == from_file.attrs.get("largest_outlets")
    # nothing in the range: the same message, saying where the dates are
    for source in (dict(store=store), dict(corpus=corpus)):
        with pytest.raises(InputError, match="dated 2019-01-06 to 2021-03-01; change start"):
            nb.load_report_corpus(**source, start="2022-01-01")
        with pytest.raises(InputError, match="outlets' articles are dated 2020-01-12 to "
                                             "2020-01-12"):
            nb.load_report_corpus(**source, outlets=["D"], end="2019-12-31")


def test_a_report_from_a_store_reads_only_the_outlets_it_keeps(tmp_path, monkeypatch):
    from framing import notebook as nb
    from framing.store import Store

    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(_four_outlets(tmp_path))
    asked = []
    real = Store.articles

    def articles(self, *, outlets=None, extras=True):
        asked.append(outlets)
        return real(self, outlets=outlets, extras=extras)

    monkeypatch.setattr(Store, "articles", articles)
    nb.load_report_corpus(store=store, max_outlets=2)
    nb.load_report_corpus(store=store, outlets=["D"])
    assert asked == [["A", "B"], ["D"]]
    with pytest.raises(Exception, match="outlet 'E' is not in the corpus"):
        nb.load_report_corpus(store=store, outlets=["E"])


def test_every_report_reads_stored_measures_instead_of_scoring_again(tmp_path, monkeypatch):
    # outlet_over_time scored every article again even when given a store (37,554 AllSides
    # articles: minutes per report)
    import framing
    from framing import notebook as nb
    from framing.store import Store

    for name in ("outlet_comparison", "outlet_over_time"):
        source = "".join("".join(c.source) for c in nbformat.read(
            REPO / "notebooks" / f"{name}.ipynb", as_version=4).cells)
        assert "nb.report_metrics(articles, store=store" in source
        assert "framing.analyze(" not in source
    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(SAMPLE)
    articles, _, _ = nb.load_report_corpus(store=store)
    first = nb.report_metrics(articles, store=store, measures=["hedging"], jobs=1)

    def refuse(*args, **kwargs):
        raise AssertionError("scored again")

    monkeypatch.setattr(framing, "analyze", refuse)
    again = nb.report_metrics(articles, store=store, measures=["hedging"], jobs=1)
    assert again["hedging_hedges"].tolist() == first["hedging_hedges"].tolist()
    assert list(again["id"]) == list(articles["id"])


def test_a_report_on_some_outlets_scores_only_their_articles(tmp_path):
    # new targets on a report of ten AllSides outlets scored sentiment for all 37,554 stored
    # articles (docs/reports.md: most of 19 min 56 s)
    from framing import notebook as nb
    from framing.analyze import family_versions
    from framing.store import Store

    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(SAMPLE)
    articles, _, _ = nb.load_report_corpus(store=store, max_outlets=2)
    kept = set(articles["article_hash"])
    metrics = nb.store_metrics(store, measures=["hedging"], jobs=1, articles=articles)
    assert list(metrics["article_hash"]) == list(articles["article_hash"])
    assert metrics["hedging_hedges"].notna().all()
    versions = family_versions(["hedging"])
    with Store(store, read_only=True) as st:
        assert st.n_unscored(versions, hashes=kept) == 0
        assert st.n_unscored(versions) == st.count() - len(kept) > 0  # the others: untouched
        alone = st.metrics(versions, hashes=kept)
    assert set(alone["article_hash"]) == kept
    everything = nb.store_metrics(store, measures=["hedging"], jobs=1)
    assert everything["hedging_hedges"].notna().all()
    same = everything.set_index("article_hash").loc[list(articles["article_hash"])]
    assert same["hedging_hedges"].tolist() == metrics["hedging_hedges"].tolist()


def _sample_with_topics(tmp_path):
    """The sample corpus with a topic column whose mix differs by outlet."""
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    seen = {}
    for row in rows:
        k = seen[row["outlet"]] = seen.get(row["outlet"], -1) + 1
        skew = sorted({r["outlet"] for r in rows}).index(row["outlet"])  # 0..3
        row["topic"] = "war" if k < 4 + 2 * skew else "talks"  # war: 4, 6, 8, 10 of 16
    path = tmp_path / "topics.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_extra_columns_reach_the_report_metrics_from_a_file_and_a_store(tmp_path):
    from framing import notebook as nb
    from framing.errors import MissingColumnError
    from framing.store import Store

    corpus = _sample_with_topics(tmp_path)
    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(corpus)
    topics = {}
    for source in (dict(corpus=corpus), dict(store=store)):
        articles, _, _ = nb.load_report_corpus(**source, extra_columns=["topic"])
        metrics = nb.report_metrics(articles, store=source.get("store"), measures=["hedging"],
                                    jobs=1)
        assert "topic" not in metrics.columns  # the measures keep id, outlet, date, title
        joined = nb.with_article_columns(metrics, articles, ["topic"])
        assert joined["topic"].tolist() == articles["topic"].tolist()
        topics[str(source)] = dict(zip(joined["id"], joined["topic"]))
        with pytest.raises(MissingColumnError, match="no article has a column 'section'.*topic"):
            nb.load_report_corpus(**source, extra_columns=["section"])
    assert len(set(map(str, topics.values()))) == 1  # the same topic per article either way
    # without extra_columns a store's extras are not read (memory: session 15)
    assert "topic" not in nb.load_report_corpus(store=store)[0].columns


def test_the_outlet_report_holds_the_topic_mix_constant_when_asked(tmp_path):
    from framing.store import Store

    corpus = _sample_with_topics(tmp_path)
    store = tmp_path / "s.duckdb"
    with Store(store) as st:
        st.ingest(corpus)
    folder = run_report("outlet_comparison", parameters={
        **FAST, "store": str(store), "adjust_for": "topic", "adjust_min_n": 3},
        out=tmp_path / "r", notebooks_dir=REPO / "notebooks")
    executed = nbformat.read(str(folder / "outlet_comparison.ipynb"), as_version=4)
    assert not [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "error"]
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Outlets with the topic mix held constant" in html
    assert "Held constant: topic. Used: 2 of 2 topic values" in html
    means = pd.read_csv(folder / "tables" / "adjusted_means.csv")
    tests = pd.read_csv(folder / "tables" / "adjusted_tests.csv")
    assert {"raw_mean", "crude_mean", "estimate", "ci_low"} <= set(means.columns)
    assert "sentiment_tone" in set(tests["measure"])
    assert means["estimate"].notna().all()
    # without the parameter, no such section
    # (nor, with target_exemplars 0, the sentences behind the tone toward the sample's targets)
    plain = run_report("outlet_comparison", parameters={**FAST, "corpus": str(corpus),
                                                        "targets": {"Ostrova": ["Ostrova"]},
                                                        "target_exemplars": 0},
                       out=tmp_path / "p", notebooks_dir=REPO / "notebooks")
    html = (plain / "report.html").read_text(encoding="utf-8")
    assert "held constant" not in html
    assert not (plain / "tables" / "adjusted_means.csv").exists()
    assert "Skipped (target_exemplars = 0)." in html
    assert not (plain / "tables" / "exemplars_tone_toward.csv").exists()
    assert (plain / "tables" / "tone_toward_pairwise.csv").exists()


def test_the_pairwise_summary_counts_one_negligible_pair_in_the_singular():
    # an audit read "1 are significant but negligible" in the tone toward targets section
    from framing import notebook as nb

    pairs = pd.DataFrame({"measure": ["x", "x"], "group_a": ["A", "A"], "group_b": ["B", "C"],
                          "cliffs_delta": [0.1, 0.2], "magnitude": ["negligible", "small"],
                          "p_holm": [0.01, 0.02]})
    page = nb.supported_pairs_view(pairs).data
    assert " 1 is significant but negligible (|delta| &lt; 0.147)" in page


def test_report_tables_write_the_evidence_of_passages_as_json(tmp_path):
    # an audit found the evidence column of tables/exemplars_*.csv written as Python's repr
    # ("[{'label': ...}]"), which no JSON reader parses
    from framing import notebook as nb
    from framing.results import Evidence

    ctx = nb.ReportContext(tmp_path, plotly=False)
    frame = pd.DataFrame({"sentence": ["It may rain.", "Fine."], "evidence": [
        [{"label": "hedge", "text": "may", "start": 3, "end": 6, "weight": 0.5}],
        [Evidence("target", "Fine", 0, 4, subtype="Fine")]]})
    back = pd.read_csv(ctx.table(frame, "exemplars"))
    assert json.loads(back["evidence"][0]) == frame["evidence"][0]
    assert json.loads(back["evidence"][1])[0]["subtype"] == "Fine"
    assert frame["evidence"][0][0]["weight"] == 0.5  # the frame given is left as it was


def test_the_methods_table_says_which_interval_and_test_each_section_used():
    # it said only "interval: 95% percentile bootstrap" and "correction: Holm", while frame
    # prevalence has Wilson intervals, frame pairs Newcombe intervals and z or Fisher tests,
    # and each Holm correction runs over a different family
    import json

    from framing import notebook as nb
    from framing.compare import MIN_EXPECTED_Z, MIN_N_INTERVAL

    stats = nb.outlet_comparison_statistics()
    assert not any("held constant" in k or k.startswith("before and after") for k in stats)
    rows = dict(zip(*nb.methods_table(["hedging"], statistics=stats)[["component", "version"]]
                    .T.values))
    assert "Wilson" in rows["statistics: frame prevalence (frame_profile)"]
    pairs = rows["statistics: frame presence, pairs (frame_presence_pairwise)"]
    assert f"Fisher's exact test where an expected count of the pair's 2 x 2 table is below " \
           f"{MIN_EXPECTED_Z}" in pairs and "Holm over the pairs of each frame" in pairs
    assert f"fewer than {MIN_N_INTERVAL} articles" in rows[
        "statistics: outlet means (outlet_profiles, tone_toward_targets)"]
    source = "".join("".join(c["source"]) for c in json.loads(
        (REPO / "notebooks" / "outlet_comparison.ipynb").read_text(encoding="utf-8"))["cells"])
    assert "statistics=nb.outlet_comparison_statistics(adjust_for=adjust_for, events=events)" \
        in source
    assert 'interval="95% percentile bootstrap"' not in source


def test_outlets_the_vocabulary_chart_leaves_out_are_named():
    # an outlet of one or two articles has no word in 3 of its articles: it vanished from the
    # chart without a word
    import pandas as pd

    from framing import notebook as nb

    articles = pd.DataFrame({"outlet": ["Big"] * 5 + ["Other"] * 5 + ["CBN"] * 2 + ["Reason"]})
    terms = pd.DataFrame({"group": ["Big", "Other"], "term": ["war", "peace"]})
    text = nb.vocabulary_gaps_note(terms, articles).data
    assert text == ("<p><strong>Not in the vocabulary chart:</strong> CBN (2 articles), Reason "
                    "(1 article): no word is used in 3 or more of their articles.</p>")
    evil = articles.assign(outlet=articles["outlet"].replace("CBN", "<img src=x onerror=alert(1)>"))
    assert "&lt;img src=x onerror=alert(1)&gt; (2 articles)" in nb.vocabulary_gaps_note(
        terms, evil).data
    assert nb.vocabulary_gaps_note(terms, articles[articles["outlet"].isin(["Big", "Other"])]) \
        is None


def test_the_validation_report_without_an_outlet_column_breaks_nothing_down(tmp_path):
    # audit: -p outlet_col "" is documented as "none", yet the report broke the figures down by
    # the sample sheet's outlet column all the same
    folder = run_report("validation", parameters={"outlet_col": "", "n_boot": 50},
                        out=tmp_path, notebooks_dir=REPO / "notebooks")
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "per outlet:" not in html and "per outlet (tone)" not in html
    assert "Continental Wire" not in html
    assert set(pd.read_csv(folder / "tables" / "agreement_hedging.csv")["group"]) == {"all"}


def test_a_topic_adjustment_that_can_use_no_topic_shows_no_empty_charts(tmp_path):
    # audit: on 8 AllSides outlets no topic had 5 articles of every outlet; the section said
    # "nothing can be standardized", then drew two charts of empty panels (one 1,700 px tall), a
    # table of blanks and a line per measure saying "no test (no topic used)"
    corpus = _sample_with_topics(tmp_path)
    folder = run_report("outlet_comparison", parameters={
        **FAST, "corpus": str(corpus), "adjust_for": "topic", "adjust_min_n": 20,
        "target_exemplars": 0}, out=tmp_path / "r", notebooks_dir=REPO / "notebooks")
    executed = nbformat.read(str(folder / "outlet_comparison.ipynb"), as_version=4)
    cells = [c for c in executed.cells if c.cell_type == "code" and "held" in c.source
             and "adjusted(" not in c.source]
    assert cells and not [o for c in cells for o in c.outputs
                          if "application/vnd.plotly.v1+json" in o.get("data", {})
                          or "text/html" in o.get("data", {})]
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Used: 0 of 2 topic values" in html and "no measure is tested" in html
    assert "no test (no topic used)" not in html
    assert (folder / "tables" / "adjusted_tests.csv").exists()  # the tables stay, for the record


def test_pairs_that_could_not_be_tested_are_not_reported_as_not_differing():
    # audit: with a target no article mentions, every pair's p is NaN, and the report said "No
    # pair of outlets differs on these measures after Holm correction": nothing had been tested
    from framing import notebook as nb

    untested = pd.DataFrame({"measure": ["sentiment_toward_Nobody_tone"] * 3,
                             "group_a": ["A", "A", "B"], "group_b": ["B", "C", "C"],
                             "cliffs_delta": [float("nan")] * 3,
                             "magnitude": [None] * 3, "p_holm": [float("nan")] * 3})
    text = nb.supported_pairs_view(untested).data
    assert "could be tested" in text and "differs" not in text
    tested = untested.assign(p_holm=[0.4, 0.9, float("nan")], cliffs_delta=[0.1, 0.0, None])
    assert "after Holm correction (2 pairwise tests)" in nb.supported_pairs_view(tested).data


def test_the_heading_of_a_one_outlet_report_counts_in_the_singular(tmp_path):
    # audit: outlet_over_time -p outlets '["Continental Wire"]' was headed "16 articles · 1 outlets"
    folder = run_report("outlet_over_time", parameters={**FAST, "outlets": ["Continental Wire"]},
                        out=tmp_path, notebooks_dir=REPO / "notebooks")
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "· 16 articles · 1 outlet</p>" in html and "1 outlets" not in html


def test_the_explorer_takes_a_frame_as_its_column_is_named_and_refuses_others_plainly():
    # audit: -p frame frames_security_and_defense (the name the report tables use) failed the
    # run with a ValueError (exit 1); "26 of 80 articles pass" sat over a table of 20
    from framing import notebook as nb
    from framing.errors import InputError

    m = pd.DataFrame({"id": list("abc"), "frames_security_and_defense": [1, 0, 1],
                      "frames_primary": ["x", "y", "z"], "frames_n_present": [1, 1, 1]})
    for name in ("frames_security_and_defense", "Security and defense", "security-and-defense"):
        assert list(nb.filter_articles(m, frame=name)["id"]) == ["a", "c"]
    for name in ("frames_economic", "primary", "n present"):
        with pytest.raises(InputError, match="its frames: security_and_defense") as err:
            nb.filter_articles(m, frame=name)
        assert err.value.field == "frame"
    assert nb.filtered_line(m, m, shown=2) == ("3 of 3 articles pass the filters; the first 2 "
                                               "(by outlet and date) are listed")
    assert nb.filtered_line(m.head(1), m) == "1 of 3 articles pass the filters"


def test_a_date_range_without_articles_is_told_where_the_dates_are(tmp_path):
    # audit: -p start 2030-01-01 -p end 2030-12-31 said only "no articles left after filtering
    # by outlets and dates", leaving the reader to find out when the corpus's articles were dated
    from framing import notebook as nb
    from framing.errors import InputError

    with pytest.raises(InputError, match=r"\(start 2030-01-01, end 2030-12-31\)\. the articles "
                                         r"are dated 2026-03-02 to 2026-04-13; change start"):
        nb.load_report_corpus(corpus=SAMPLE, start="2030-01-01", end="2030-12-31")
    with pytest.raises(InputError, match="the outlets' articles are dated 2026-03-02 to"):
        nb.load_report_corpus(corpus=SAMPLE, outlets=["Continental Wire"], end="2020-12-31")


def test_a_target_no_article_mentions_gets_no_empty_panel(tmp_path):
    # audit: -p targets '{"Nobody": ["Zzyzx"]}' drew a chart of one empty panel, and beside
    # mentioned targets an empty "Tone toward Martians" panel, before the note naming it
    from framing import notebook as nb

    folder = run_report("outlet_comparison", parameters={
        **FAST, "targets": {"Ostrova": ["Ostrova"], "Nobody": ["Zzyzx"]},
        "target_exemplars": 0}, out=tmp_path, notebooks_dir=REPO / "notebooks")
    executed = nbformat.read(str(folder / "outlet_comparison.ipynb"), as_version=4)
    cell = next(c for c in executed.cells if "tone_toward_figure" in c.source)
    fig = cell.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["Tone toward Ostrova"]
    toward = pd.read_csv(folder / "tables" / "tone_toward_targets.csv")
    assert set(toward["measure"]) == {"sentiment_toward_Ostrova_tone",
                                      "sentiment_toward_Nobody_tone"}  # the table keeps both
    assert "No article mentions Nobody" in (folder / "report.html").read_text(encoding="utf-8")
    alone = nb.tone_toward_figure(toward[toward["measure"] == "sentiment_toward_Nobody_tone"])
    assert "No article mentions any of the targets" in alone.data


def test_one_outlet_kept_by_max_outlets_is_told_to_raise_max_outlets():
    # audit: -p max_outlets 1 stopped outlet_comparison with "Give a corpus (or an outlets
    # filter) with 2 or more", which the corpus of four outlets already was
    from framing import notebook as nb
    from framing.errors import InputError

    articles, _, _ = nb.load_report_corpus(corpus=SAMPLE, max_outlets=1)
    with pytest.raises(InputError, match="max_outlets 1 kept the largest of the 4 outlets: give "
                                         "max_outlets 2 or more"):
        nb.require_corpus(articles, report="outlet_comparison", min_outlets=2)


def test_a_papermill_run_refuses_what_framing_report_refuses_before_running():
    # a scheduled papermill run skips framing report's parameter checks: -p max_outlets -3 kept
    # the one largest outlet, -p event_name alone was dropped
    from framing import notebook as nb
    from framing.errors import InputError

    with pytest.raises(InputError, match="max_outlets -3 is not a number of outlets"):
        nb.load_report_corpus(corpus=SAMPLE, max_outlets=-3)
    with pytest.raises(InputError, match="names the event at event_date, and none is given"):
        nb.report_event(str(SAMPLE), "", "2016 election", "")
    assert nb.report_event(str(SAMPLE))[0] == "Aldermoor summit"


def test_the_validation_report_takes_a_sources_code(tmp_path):
    # audit: the report offered hedging, sentiment and frames only
    sheet = pd.DataFrame({
        "id": ["s1", "s2", "s3", "s4"], "outlet": ["Post", "Post", "Wire", "Wire"],
        "text": ['"We will win," Ana Ruiz said. Officials said it failed.',
                 "Officials said talks would resume.", "The bridge opened in June.",
                 "The ministry said the road would reopen."],
        "label": [2, 1, 0, 2]})
    gold = tmp_path / "quotes.csv"
    sheet.to_csv(gold, index=False)
    folder = run_report("validation", parameters={"gold": str(gold), "kind": "sources",
                                                  "code": "quotes", "n_boot": 50},
                        out=tmp_path, notebooks_dir=REPO / "notebooks")
    table = pd.read_csv(folder / "tables" / "agreement_sources.csv")
    assert set(table["variable"]) == {"quotes"} and set(table["group"]) == {"all", "Post", "Wire"}
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "quotes, summed over the texts: 5 coded, 4 found" in html


def test_the_validation_report_joins_a_blind_sheet_s_outlets_from_the_corpus(tmp_path):
    # audit: a sheet written by write_coding_sheet hides the outlet, so the report could
    # never break it down by outlet
    import framing
    from framing import validate

    corpus = REPO / "data" / "sample" / "articles.jsonl"
    gold = tmp_path / "blind.csv"
    validate.write_coding_sheet(validate.sample(framing.load_corpus(corpus), 8, seed=1), gold,
                                kind="hedging")
    sheet = pd.read_csv(gold, dtype=str).assign(label=["1", "0"] * 4)
    sheet.to_csv(gold, index=False)
    folder = run_report("validation", parameters={"gold": str(gold), "corpus": str(corpus),
                                                  "n_boot": 50},
                        out=tmp_path, notebooks_dir=REPO / "notebooks")
    table = pd.read_csv(folder / "tables" / "agreement_hedging.csv")
    assert set(table["group"]) == {"all", "Continental Wire", "Ostrograd Herald International",
                                   "The Daily Bulwark", "The Meridian Review"}


def test_the_tutorial_keeps_the_largest_outlets_as_the_reports_do(tmp_path):
    # audit: getting_started on 1,500 AllSides articles (126 outlets) drew a comparison chart
    # 3,678 px tall; it had no max_outlets, which every other report has
    corpus = _four_outlets(tmp_path)
    folder = run_report("getting_started", parameters={"corpus": str(corpus), "max_outlets": 2},
                        out=tmp_path / "r", notebooks_dir=REPO / "notebooks")
    executed = nbformat.read(str(folder / "getting_started.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code"
                      for o in c.outputs if o.output_type == "stream")
    assert "left out by the report's filters: 3 articles of the 2 smaller outlets " \
           "(max_outlets)" in printed
    assert "8 articles loaded" in printed  # what load_corpus read, before the cut
    charts = [json.loads(json.dumps(o["data"]["application/vnd.plotly.v1+json"]))
              for c in executed.cells if "outlet_profile" in c.source for o in c.outputs
              if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert charts and {y for trace in charts[0]["data"] for y in trace.get("y", [])} == {"A", "B"}
    markdown = " ".join(c.source for c in executed.cells if c.cell_type == "markdown")
    assert "`max_outlets`" in markdown and "-p max_outlets 0" in markdown


def test_the_interactive_explorer_shows_an_article_keeps_it_and_says_when_none_passes(monkeypatch):
    # audit, in JupyterLab: ipywidgets 8 selects nothing when options come to an empty dropdown,
    # so the explorer opened on an empty article list and no article, and came back so after a
    # filter had left none; a filter change replaced the article being read with the first of
    # the list even when it still passed; the notebook's frame and thresholds were not its own
    pytest.importorskip("ipywidgets")
    import IPython.display

    from framing import notebook as nb

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    text = "Officials said the talks may resume. Critics argue the economy is weak."
    articles = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
                             "date": pd.to_datetime(["2026-01-01"] * 3), "title": ["A", "B", None],
                             "text": [text] * 3})
    metrics = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
                            "title": ["A", "B", None],
                            "frames_economic": [1, 1, 0], "frames_political": [0, 1, 1],
                            "frames_primary": ["economic", "political", "political"],
                            "hedging_hedge_density": [10.0, 20.0, 30.0],
                            "sentiment_tone": [-0.5, 0.0, 0.5]})

    def parts(box):
        (outlets, (frame, hedges, tone)), status, article = (
            (box.children[0].children[0], box.children[0].children[1].children),
            box.children[1], box.children[2])
        return outlets, frame, hedges, tone, status, article

    outlets, frame, hedges, tone, status, article = parts(nb.explorer(articles, metrics))
    assert article.value == "a" and len(shown) == 1           # an article from the start
    assert status.value == "3 of 3 articles pass the filters"
    assert [label for label, _ in article.options][2] == "Y · (untitled)"
    article.value = "b"
    frame.value = "political"                                 # b still passes: it stays
    assert article.value == "b" and len(shown) == 2
    assert status.value == "2 of 3 articles pass the filters"
    tone.value = -1.0                                          # none passes: said, not blank
    assert article.value is None and status.value.startswith("No article passes the filters")
    tone.value = 1.0                                           # and back: an article again
    assert article.value == "b" and len(shown) == 3
    outlets.value = ("Y",)
    assert article.value == "c"

    outlets, frame, hedges, tone, status, article = parts(nb.explorer(
        articles, metrics, frame="frames_political", min_hedge_density=25, max_tone=1.0))
    assert frame.value == "political" and hedges.value == 25 and article.value == "c"
    assert status.value == "1 of 3 articles pass the filters"
    _, _, _, _, _, article = parts(nb.explorer(articles, metrics, article_id="b"))
    assert article.value == "b"
    with pytest.raises(Exception, match="its frames: economic, political"):
        nb.explorer(articles, metrics, frame="morality")
