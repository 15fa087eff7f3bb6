"""framing.summary: sentences only for what the statistics support, with the numbers quoted."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from framing.compare import PAIRWISE_COLUMNS, PRESENCE_PAIRWISE_COLUMNS, pairwise, presence_tests
from framing.summary import summarize


def pair_row(**values):
    row = {c: np.nan for c in PAIRWISE_COLUMNS}
    row.update(measure="hedges", group_a="A", group_b="B", n_a=50, n_b=50, magnitude="large",
               cliffs_delta=0.5)
    row.update(values)
    return row


@pytest.fixture
def metrics():
    rng = np.random.default_rng(5)
    return pd.DataFrame({
        "outlet": np.repeat(["Alpha", "Beta", "Gamma"], 40),
        "hedges": np.r_[rng.poisson(1.5, 40), rng.poisson(4, 40), rng.poisson(1.5, 40)]
        .astype(float),
        "tone": np.r_[rng.normal(0, 1, 40), rng.normal(0, 1, 40), rng.normal(0.05, 1, 40)],
        "conflict": np.r_[rng.random(40) < 0.7, rng.random(40) < 0.15, rng.random(40) < 0.2],
    })


def test_supported_differences_quote_the_table(metrics):
    table = pairwise(metrics, measures=["hedges", "tone"], n_boot=500)
    summary = summarize(table, labels={"hedges": "hedges per article"})
    assert summary.tests == 6
    assert summary.statements
    assert all(s.group_high == "Beta" for s in summary.statements)
    first = next(s for s in summary.statements if s.group_low == "Alpha")
    row = table[(table["measure"] == "hedges") & (table["group_b"] == "Beta")].iloc[0]
    # Alpha vs Beta is stored with Alpha first: the summary flips it so the larger comes first
    assert first.estimate == pytest.approx(1 / row["ratio"])
    assert (first.ci_low, first.ci_high) == pytest.approx((1 / row["ratio_ci_high"],
                                                           1 / row["ratio_ci_low"]))
    assert first.text.startswith("Beta's mean hedges per article is ")
    assert "times" in first.text and "95% CI" in first.text and "Holm-corrected" in first.text
    assert all(s.measure == "hedges" for s in summary.statements)  # tone differs nowhere
    assert summary.text == "\n".join(s.text for s in summary.statements)


def test_nothing_supported_says_nothing():
    rng = np.random.default_rng(0)
    m = pd.DataFrame({"outlet": np.repeat(["A", "B"], 20), "x": rng.normal(size=40)})
    summary = summarize(pairwise(m, measures=["x"], n_boot=200))
    assert summary.statements == () and summary.text == "" and str(summary) == ""
    # the report says that nothing met the rule (an audit found the rule alone confusing)
    assert "No difference between the groups meets the rule below." in summary._repr_html_()
    assert "Holm" in summary.method
    assert summarize().text == ""


def test_significant_test_without_a_supporting_interval_gives_no_sentence():
    table = pd.DataFrame([pair_row(p_value=0.001, mean_a=2.0, mean_b=1.0, difference=1.0,
                                   diff_ci_low=-0.1, diff_ci_high=2.0, ratio=2.0,
                                   ratio_ci_low=0.9, ratio_ci_high=4.0)])
    summary = summarize(table)
    assert summary.text == "" and summary.unsupported_by_interval == 1


def test_correction_runs_over_every_test_considered():
    # each p < 0.05 alone, but Holm over the three together lifts the smallest to 3 * 0.02
    rows = [pair_row(measure=m, p_value=0.02, mean_a=2.0, mean_b=1.0, difference=1.0,
                     diff_ci_low=0.5, diff_ci_high=1.5, ratio=2.0, ratio_ci_low=1.5,
                     ratio_ci_high=2.5) for m in ("x", "y", "z")]
    assert summarize(pd.DataFrame(rows)).text == ""
    assert summarize(pd.DataFrame(rows[:1])).statements[0].p_holm == pytest.approx(0.02)


def test_difference_wording_for_measures_without_a_ratio():
    table = pd.DataFrame([pair_row(measure="tone", p_value=0.0001, mean_a=-0.4, mean_b=0.3,
                                   difference=-0.7, diff_ci_low=-0.9, diff_ci_high=-0.5,
                                   cliffs_delta=-0.6)])
    s = summarize(table, ci=0.9).statements[0]
    assert (s.group_high, s.kind) == ("B", "difference")
    assert (s.estimate, s.ci_low, s.ci_high) == pytest.approx((0.7, 0.5, 0.9))
    assert s.effect_size == pytest.approx(0.6)
    assert s.text.startswith("B's mean tone is 0.700 higher than A's (0.300 vs -0.400; 90% CI "
                             "of the difference 0.500 to 0.900;")


def test_presence_statements(metrics):
    _, pairs = presence_tests(metrics, measures=["conflict"])
    summary = summarize(presence=pairs, labels={"conflict": "the conflict frame"})
    first = summary.statements[0]
    assert first.group_high == "Alpha" and first.effect_name == "Cohen's h"
    row = pairs[(pairs["group_a"] == "Alpha") & (pairs["group_b"] == first.group_low)].iloc[0]
    assert first.estimate == pytest.approx(row["ratio"])
    assert first.text.startswith(f"Alpha has the conflict frame in {100 * row['prop_a']:.0f}% "
                                 "of its articles")
    zero = pd.DataFrame([{**{c: np.nan for c in PRESENCE_PAIRWISE_COLUMNS}, "measure": "f",
                          "group_a": "A", "group_b": "B", "prop_a": 0.4, "prop_b": 0.0,
                          "difference": 0.4, "diff_ci_low": 0.2, "diff_ci_high": 0.6,
                          "p_value": 0.001, "cohens_h": 1.37, "magnitude": "large"}])
    s = summarize(presence=zero).statements[0]
    assert s.kind == "difference" and "40 percentage points more" in s.text


def test_caps_and_html(metrics):
    table = pairwise(metrics, measures=["hedges"], n_boot=300)
    _, pairs = presence_tests(metrics, measures=["conflict"])
    capped = summarize(table, pairs, per_measure=1)
    assert len(capped.statements) == 2
    assert len({s.measure for s in capped.statements}) == 2
    one = summarize(table, pairs, max_statements=1)
    assert len(one.statements) == 1
    full = summarize(table, pairs, per_measure=None, max_statements=100)
    # what the cap leaves out is counted and said, not dropped silently
    assert one.not_stated == len(full.statements) - 1 > 0
    assert f"{one.not_stated} further supported difference" in one._repr_html_()
    assert full.not_stated == 0 and "further supported" not in full._repr_html_()
    renamed = table.replace({"Beta": "<b>Beta</b>"})
    html = summarize(renamed)._repr_html_()
    assert "&lt;b&gt;Beta&lt;/b&gt;" in html and "<b>Beta" not in html
    assert len(summarize(table).to_frame()) == len(summarize(table).statements)


def test_no_sentence_when_the_means_and_the_ranks_point_opposite_ways():
    # A: mostly zeros and a few large values (higher mean); B: all small but above zero (higher
    # ranks). The rank test is significant, but for B over A, not the direction of the means.
    rng = np.random.default_rng(0)
    data = pd.DataFrame({
        "outlet": ["A"] * 200 + ["B"] * 200,
        "x": np.concatenate([np.zeros(160), rng.uniform(20, 40, 40), rng.uniform(2, 4, 200)])})
    table = pairwise(data, by="outlet", measures=["x"], n_boot=200, seed=0)
    row = table.iloc[0]
    assert row["p_holm"] < 0.001 and row["mean_a"] > row["mean_b"] and row["cliffs_delta"] < 0
    assert summarize(table).statements == ()


def test_a_presence_difference_tested_exactly_names_fishers_test():
    row = {**{c: np.nan for c in PRESENCE_PAIRWISE_COLUMNS}, "measure": "f", "group_a": "A",
           "group_b": "B", "prop_a": 0.4, "prop_b": 0.0, "difference": 0.4, "diff_ci_low": 0.2,
           "diff_ci_high": 0.6, "p_value": 0.001, "cohens_h": 1.37, "magnitude": "large"}
    exact = summarize(presence=pd.DataFrame([{**row, "test": "fisher"}])).statements[0]
    assert "Fisher's exact test p = 0.001" in exact.text
    z = summarize(presence=pd.DataFrame([{**row, "test": "z"}])).statements[0]
    assert "two-proportion z-test p = 0.001" in z.text


def test_presence_tests_results_are_taken_whole_and_a_wrong_table_is_named(metrics):
    # summarize(presence=presence_tests(m)) was an AttributeError ('PresenceTests' object has
    # no attribute 'assign'); a table given to the wrong argument a bare KeyError ('mean_a')
    from framing.compare import compare
    from framing.errors import MissingColumnError

    tests = presence_tests(metrics, measures=["conflict"])
    assert summarize(presence=tests) == summarize(presence=tests.pairwise)
    assert summarize(presence=tests).statements
    with pytest.raises(TypeError, match="presence="):
        summarize(tests)
    pairs = pairwise(metrics, measures=["hedges"], n_boot=200)
    with pytest.raises(MissingColumnError, match="give it as presence="):
        summarize(tests.pairwise)
    with pytest.raises(MissingColumnError, match="give it as pairwise="):
        summarize(presence=pairs)
    with pytest.raises(MissingColumnError, match=r"framing\.compare\.pairwise"):
        summarize(compare(metrics, measures=["hedges"], n_boot=100))


def test_one_comparison_is_one_comparison():
    table = pd.DataFrame([pair_row(mean_a=3.0, mean_b=1.0, ratio=3.0, ratio_ci_low=2.0,
                                   ratio_ci_high=4.0, p_value=0.001)])
    assert "Holm-corrected over 1 comparison;" in summarize(table).text


def test_the_numbers_a_sentence_compares_are_written_with_the_same_decimals():
    # audit: "95% CI 1.16 to 1.5" and "(3 vs 1.33)": trailing zeros were dropped, so the
    # numbers of one sentence were written with different decimals
    def text(**values):
        return summarize(pd.DataFrame([pair_row(p_value=0.001, **values)])).statements[0].text

    assert "is 1.33 times B's (2.00 vs 1.50; 95% CI of the ratio 1.16 to 1.50;" in text(
        mean_a=2.0, mean_b=1.5, ratio=4 / 3, ratio_ci_low=1.16, ratio_ci_high=1.5)
    # a bound near "no difference" keeps the decimals that tell it from 1 (or 0)
    assert "is 12.00 times B's (24.0 vs 2.0; 95% CI of the ratio 1.02 to 250.00;" in text(
        mean_a=24.0, mean_b=2.0, ratio=12.0, ratio_ci_low=1.02, ratio_ci_high=250.0)
    assert "is 1,250 times B's" in text(mean_a=1250.0, mean_b=1.0, ratio=1250.0,
                                         ratio_ci_low=300.0, ratio_ci_high=4000.0)
    assert "95% CI of the ratio 300 to 4,000;" in text(mean_a=1250.0, mean_b=1.0, ratio=1250.0,
                                                      ratio_ci_low=300.0, ratio_ci_high=4000.0)
    # a difference is written on the measure's scale with its means, without a "-0.000"
    assert "is 0.500 higher than B's (0.500 vs 0.000; 95% CI of the difference 0.300 to " \
           "0.700;" in text(mean_a=0.5, mean_b=-0.0001, difference=0.5, diff_ci_low=0.3,
                            diff_ci_high=0.7)
    assert "is 6.9 higher than B's (12.3 vs 5.4; 95% CI of the difference 2.1 to 11.2;" in text(
        mean_a=12.3, mean_b=5.43, difference=6.87, diff_ci_low=2.1, diff_ci_high=11.2)
    presence = {**{c: np.nan for c in PRESENCE_PAIRWISE_COLUMNS}, "measure": "f",
                "group_a": "A", "group_b": "B", "p_value": 0.001, "cohens_h": 0.3,
                "magnitude": "small"}
    rare = summarize(presence=pd.DataFrame([{**presence, "prop_a": 0.045, "prop_b": 0.008,
                                             "ratio": 5.625, "ratio_ci_low": 2.0,
                                             "ratio_ci_high": 16.0}])).statements[0]
    assert "A has f in 4.5% of its articles, B in 0.8%: 5.6 times as often (95% CI 2.0 to " \
           "16.0;" in rare.text
    points = summarize(presence=pd.DataFrame([{**presence, "prop_a": 0.4, "prop_b": 0.02,
                                               "difference": 0.38, "diff_ci_low": 0.004,
                                               "diff_ci_high": 0.6}])).statements[0]
    assert "A has f in 40.0% of its articles, B in 2.0%: 38.0 percentage points more (95% CI " \
           "0.4 to 60.0;" in points.text
    assert rare.estimate == 5.625  # the statement keeps the unrounded number


def test_the_topic_adjustment_writes_its_two_spreads_alike():
    # the two standard deviations of one sentence were written "0.318 unadjusted, 0 with the
    # topic mix held constant" (three significant digits each, trailing zeros dropped)
    from framing.compare import adjusted
    from framing.notebook import adjusted_summary

    m = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
                      "topic": ["war"] * 6 + ["sport"] * 2 + ["war"] * 2 + ["sport"] * 6,
                      "tone": [-0.5, -0.4, -0.6, -0.5, -0.4, -0.6, 0.3, 0.5,
                               -0.4, -0.6, 0.4, 0.5, 0.3, 0.4, 0.4, 0.4],
                      "hedges": [12.5, 10.0, 11.0, 12.0, 10.5, 11.5, 2.0, 3.0,
                                 4.0, 6.0, 3.5, 2.5, 3.0, 2.0, 4.5, 3.0]})
    text = adjusted_summary(adjusted(m, measures=["tone", "hedges"], min_n=2, n_boot=100))
    assert "(standard deviation 0.318 unadjusted, 0.000 with the topic mix" in text
    spreads = re.findall(r"standard deviation (\S+) unadjusted, (\S+) with", text)
    assert len(spreads) == 2
    assert all(len(a.split(".")[-1]) == len(b.split(".")[-1]) for a, b in spreads), spreads
