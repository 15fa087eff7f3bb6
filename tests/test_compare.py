"""framing.compare against reference values: hand-computed small cases and scipy called directly."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.compare import (
    adjusted,
    before_after,
    cliffs_delta_magnitude,
    cohens_h_magnitude,
    compare,
    frame_profile,
    omnibus,
    over_time,
    pairwise,
    presence_tests,
)
from framing.errors import MissingColumnError


def holm_by_hand(p_values):
    """Holm's step-down adjustment written out: sort, multiply by (m - rank), running max."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def cliffs_delta_by_hand(a, b):
    greater = sum(1 for x in a for y in b if x > y)
    less = sum(1 for x in a for y in b if x < y)
    return (greater - less) / (len(a) * len(b))


@pytest.fixture
def three_groups():
    rng = np.random.default_rng(42)
    return pd.DataFrame({
        "outlet": np.repeat(["Alpha", "Beta", "Gamma"], 25),
        "hedges": np.r_[rng.poisson(4, 25), rng.poisson(2, 25), rng.poisson(2, 25)].astype(float),
        "tone": np.r_[rng.normal(0, 1, 25), rng.normal(1, 1, 25), rng.normal(0, 1, 25)],
        "conflict": np.r_[rng.random(25) < 0.7, rng.random(25) < 0.2, rng.random(25) < 0.4],
    })


# --- compare ---

def test_compare_estimates_are_group_means_and_intervals_cover_them(three_groups):
    table = compare(three_groups, measures=["hedges", "tone"], n_boot=300)
    assert list(table.columns) == ["group", "measure", "estimate", "ci_low", "ci_high", "n",
                                   "zero_share", "ci_note"]
    assert (table["ci_note"] == "").all()
    for row in table.itertuples():
        values = three_groups.loc[three_groups["outlet"] == row.group, row.measure]
        assert row.estimate == pytest.approx(values.mean())
        assert row.n == 25
        assert row.zero_share == pytest.approx((values == 0).mean())
        assert row.ci_low <= row.estimate <= row.ci_high


def test_compare_interval_matches_normal_approximation_on_a_large_sample():
    rng = np.random.default_rng(7)
    values = rng.normal(10, 2, 2000)
    row = compare(pd.DataFrame({"outlet": "A", "x": values}), measures=["x"],
                  n_boot=2000).iloc[0]
    half = 1.96 * values.std(ddof=1) / math.sqrt(len(values))
    assert row.ci_low == pytest.approx(values.mean() - half, abs=0.02)
    assert row.ci_high == pytest.approx(values.mean() + half, abs=0.02)


def test_compare_is_reproducible_and_handles_any_number_of_groups():
    rng = np.random.default_rng(0)
    m = pd.DataFrame({"outlet": np.repeat([f"o{i}" for i in range(20)], 10),
                      "x": rng.normal(size=200)})
    a = compare(m, n_boot=200, seed=3)
    b = compare(m, n_boot=200, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a["group"].nunique() == 20
    assert not a.equals(compare(m, n_boot=200, seed=4))


def test_compare_degenerate_samples():
    m = pd.DataFrame({"outlet": ["A", "B", "B"], "x": [2.0, 5.0, 5.0]})
    table = compare(m, measures=["x"], n_boot=100).set_index("group")
    # one article: an estimate but no interval (not a zero-width one that looks precise)
    assert table.loc["A", "estimate"] == 2.0 and table.loc["A", ["ci_low", "ci_high"]].isna().all()
    # two identical values (intervals allowed from 2 here): no interval either, and a note
    # saying why (a zero-width interval would look perfectly precise)
    exact = compare(m, measures=["x"], n_boot=100, min_n=2).set_index("group")
    assert exact.loc["B", ["ci_low", "ci_high"]].isna().all()
    assert exact.loc["B", "ci_note"] == "all 2 values are 5 (constant, nothing to resample)"
    assert exact.loc["A", "ci_note"] == "1 article (fewer than 2)"
    diff = pairwise(m, measures=["x"], n_boot=100, min_n=2).iloc[0]
    assert np.isnan(diff["diff_ci_low"]) and np.isnan(diff["diff_ci_high"])


def test_groups_too_small_for_an_interval_get_the_mean_alone():
    # a "95% interval" from two articles only restated them (audit): by default a group needs
    # MIN_N_INTERVAL articles, as a period of over_time does
    m = pd.DataFrame({"outlet": ["A"] * 2 + ["B"] * 6, "x": [1.0, 9.0, 2, 3, 4, 5, 6, 7]})
    table = compare(m, measures=["x"], n_boot=200).set_index("group")
    assert table.loc["A", "estimate"] == 5.0 and table.loc["A", ["ci_low", "ci_high"]].isna().all()
    assert table.loc["B", "ci_low"] < table.loc["B", "estimate"] < table.loc["B", "ci_high"]
    pair = pairwise(m, measures=["x"], n_boot=200).iloc[0]
    assert np.isnan(pair["diff_ci_low"]) and not np.isnan(pair["p_value"])  # the test remains


def test_missing_column_names_the_field():
    m = pd.DataFrame({"outlet": ["A"], "x": [1.0]})
    with pytest.raises(MissingColumnError, match="'nope'"):
        compare(m, measures=["nope"])
    with pytest.raises(MissingColumnError, match="'source'"):
        pairwise(m, by="source")
    # a grouping column: the columns one can group by, and how to bring a corpus column back
    m2 = pd.DataFrame({"outlet": ["A"], "date": ["2024-01-01"], "sentiment_tone": [0.1]})
    with pytest.raises(MissingColumnError, match=r"columns to group by: outlet, date\. .*"
                                                 r"metrics\.join\(corpus\[\['source'\]\]\)"):
        compare(m2, by="source")


# --- omnibus ---

def test_omnibus_equals_scipy_kruskal_and_holm_by_hand(three_groups):
    table = omnibus(three_groups, measures=["hedges", "tone"]).set_index("measure")
    raw = []
    for measure in ["hedges", "tone"]:
        samples = [g[measure].to_numpy() for _, g in three_groups.groupby("outlet")]
        ref = stats.kruskal(*samples)
        assert table.loc[measure, "statistic"] == pytest.approx(ref.statistic)
        assert table.loc[measure, "p_value"] == pytest.approx(ref.pvalue)
        raw.append(ref.pvalue)
    assert table["p_holm"].tolist() == pytest.approx(holm_by_hand(raw))


def test_omnibus_gives_epsilon_squared_as_its_effect_size(three_groups):
    # with 37,554 articles every Kruskal-Wallis p was < 0.0001 and the table had no effect size
    table = omnibus(three_groups, measures=["hedges", "tone"]).set_index("measure")
    n = table["n"]
    assert table["epsilon_squared"].tolist() == pytest.approx(
        (table["statistic"] / (n - 1)).tolist())
    assert table["magnitude"].tolist() == [
        "negligible" if e < 0.01 else "small" if e < 0.06 else "medium" if e < 0.14 else "large"
        for e in table["epsilon_squared"]]
    many = pd.DataFrame({"outlet": ["A", "B"] * 5000, "x": np.r_[np.arange(5000), np.arange(5000)]
                         + np.tile([0, 150], 5000)})  # a shift of 150 in values spread over 5,000
    big = omnibus(many, measures=["x"]).iloc[0]
    assert big["p_value"] < 0.01 and big["magnitude"] == "negligible"


# --- pairwise ---

def test_cliffs_delta_hand_computed_case():
    # a = 1, 2, 3 and b = 2, 4: of 6 pairs, a wins 1 (3 > 2), loses 4, ties 1 -> (1 - 4) / 6
    m = pd.DataFrame({"outlet": ["A"] * 3 + ["B"] * 2, "x": [1.0, 2.0, 3.0, 2.0, 4.0]})
    row = pairwise(m, measures=["x"], n_boot=100).iloc[0]
    assert row["cliffs_delta"] == pytest.approx(-0.5)
    assert row["magnitude"] == "large"
    ref = stats.mannwhitneyu([1.0, 2.0, 3.0], [2.0, 4.0], alternative="two-sided")
    assert row["u_statistic"] == pytest.approx(ref.statistic) == 1.5
    assert row["p_value"] == pytest.approx(ref.pvalue)


def test_pairwise_matches_scipy_and_brute_force_delta(three_groups):
    table = pairwise(three_groups, measures=["hedges", "tone"], n_boot=300)
    assert len(table) == 2 * 3  # 3 pairs per measure
    for measure, part in table.groupby("measure", sort=False):
        for row in part.itertuples():
            a = three_groups.loc[three_groups["outlet"] == row.group_a, measure].to_numpy()
            b = three_groups.loc[three_groups["outlet"] == row.group_b, measure].to_numpy()
            ref = stats.mannwhitneyu(a, b, alternative="two-sided")
            assert row.u_statistic == pytest.approx(ref.statistic)
            assert row.p_value == pytest.approx(ref.pvalue)
            assert row.cliffs_delta == pytest.approx(cliffs_delta_by_hand(a, b))
            assert row.magnitude == cliffs_delta_magnitude(row.cliffs_delta)
            assert row.difference == pytest.approx(a.mean() - b.mean())
            assert row.diff_ci_low <= row.difference <= row.diff_ci_high
        assert part["p_holm"].tolist() == pytest.approx(holm_by_hand(part["p_value"].tolist()))


def test_pairwise_ratio_only_for_nonnegative_measures(three_groups):
    table = pairwise(three_groups, measures=["hedges", "tone"], n_boot=300)
    hedges = table[table["measure"] == "hedges"]
    assert hedges["ratio"].tolist() == pytest.approx((hedges["mean_a"] / hedges["mean_b"]).tolist())
    assert (hedges["ratio_ci_low"] <= hedges["ratio"]).all()
    assert (hedges["ratio"] <= hedges["ratio_ci_high"]).all()
    assert table.loc[table["measure"] == "tone", "ratio"].isna().all()


def test_pairwise_pairs_for_many_groups():
    rng = np.random.default_rng(1)
    m = pd.DataFrame({"outlet": np.repeat([f"o{i:02d}" for i in range(20)], 8),
                      "x": rng.random(160)})
    table = pairwise(m, measures=["x"], n_boot=100)
    assert len(table) == 20 * 19 // 2
    assert (table["group_a"] < table["group_b"]).all()


def test_effect_size_magnitudes():
    assert [cliffs_delta_magnitude(d) for d in (0.0, 0.146, 0.147, 0.33, 0.474, -1.0)] == [
        "negligible", "negligible", "small", "medium", "large", "large"]
    assert [cohens_h_magnitude(h) for h in (0.19, -0.2, 0.5, 0.8)] == [
        "negligible", "small", "medium", "large"]


# --- presence_tests ---

def test_presence_omnibus_chi_square_and_cramers_v_by_hand(three_groups):
    omni, _ = presence_tests(three_groups, measures=["conflict"])
    row = omni.iloc[0]
    observed = np.array([[g.sum(), len(g) - g.sum()]
                         for _, g in three_groups.groupby("outlet")["conflict"]], float)
    expected = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True) / observed.sum()
    chi2 = ((observed - expected) ** 2 / expected).sum()
    assert row["chi2"] == pytest.approx(chi2)
    assert row["dof"] == 2
    assert row["p_value"] == pytest.approx(stats.chi2.sf(chi2, 2))
    assert row["cramers_v"] == pytest.approx(math.sqrt(chi2 / (observed.sum() * 1)))
    assert row["min_expected"] == pytest.approx(expected.min())


def wilson(count, n, z=1.959963984540054):
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_presence_pairwise_against_two_by_two_chi_square_and_newcombe(three_groups):
    _, pairs = presence_tests(three_groups, measures=["conflict"])
    assert len(pairs) == 3
    for row in pairs.itertuples():
        a = three_groups.loc[three_groups["outlet"] == row.group_a, "conflict"]
        b = three_groups.loc[three_groups["outlet"] == row.group_b, "conflict"]
        table = np.array([[a.sum(), len(a) - a.sum()], [b.sum(), len(b) - b.sum()]])
        ref = stats.chi2_contingency(table, correction=False)
        assert row.z_statistic ** 2 == pytest.approx(ref.statistic)
        assert row.p_value == pytest.approx(ref.pvalue)
        pa, pb = a.mean(), b.mean()
        assert (row.prop_a, row.prop_b) == pytest.approx((pa, pb))
        # Newcombe's hybrid score interval (method 10) from two Wilson intervals
        la, ua = wilson(a.sum(), len(a))
        lb, ub = wilson(b.sum(), len(b))
        d = pa - pb
        assert row.diff_ci_low == pytest.approx(d - math.sqrt((pa - la) ** 2 + (ub - pb) ** 2))
        assert row.diff_ci_high == pytest.approx(d + math.sqrt((ua - pa) ** 2 + (pb - lb) ** 2))
        assert row.cohens_h == pytest.approx(2 * math.asin(math.sqrt(pa))
                                             - 2 * math.asin(math.sqrt(pb)))
        assert row.ratio == pytest.approx(pa / pb)
        assert row.ratio_ci_low < row.ratio < row.ratio_ci_high
    assert pairs["p_holm"].tolist() == pytest.approx(holm_by_hand(pairs["p_value"].tolist()))


def test_the_interval_level_in_attrs_is_json_whatever_number_type_it_was_given(three_groups,
                                                                                tmp_path):
    # pandas writes attrs as JSON (to_parquet): a NumPy float32 there made it raise
    ci = np.float32(0.9)
    for table in (pairwise(three_groups, measures=["tone"], ci=ci, n_boot=50),
                  presence_tests(three_groups, measures=["conflict"], ci=ci).pairwise):
        assert type(table.attrs["ci"]) is float and table.attrs["ci"] == pytest.approx(0.9)
        table.to_parquet(tmp_path / "t.parquet")
        assert pd.read_parquet(tmp_path / "t.parquet").attrs == table.attrs


def test_presence_counts_and_degenerate_cases():
    m = pd.DataFrame({"outlet": list("AABB"), "cues": [0, 3, 0, 0], "always": [1, 1, 1, 1]})
    omni, pairs = presence_tests(m, measures=["cues", "always"])
    assert pairs.set_index("measure").loc["cues", "count_a"] == 1  # a count > 0 is "present"
    assert omni.set_index("measure").loc["always", ["chi2", "p_value"]].isna().all()
    assert pd.isna(pairs.set_index("measure").loc["always", "p_value"])
    with pytest.raises(ValueError, match="negative"):
        presence_tests(pd.DataFrame({"outlet": list("AB"), "tone": [-0.5, 0.5]}),
                       measures=["tone"])


def test_presence_default_measures_are_binary_columns(three_groups):
    omni, _ = presence_tests(three_groups)
    assert omni["measure"].tolist() == ["conflict"]
    # of an analyze() table: the frame presence columns, not the flags and 0/1 counts
    metrics = three_groups.assign(
        frames_economic=1, frames_economic_share=0.0, frames_n_present=1,
        hedging_english=True, hedging_boosters=0, sources_n_unattributed=1)
    omni, _ = presence_tests(metrics)
    assert omni["measure"].tolist() == ["conflict", "frames_economic"]


# --- frame_profile ---

def test_frame_profile_wilson_by_hand_and_bootstrap():
    m = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 5,
                      "conflict": [True] * 7 + [False] * 3 + [True] + [False] * 4,
                      "economy_cues": [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 3]})
    table = frame_profile(m, frame_columns=["conflict", "economy_cues"])
    assert list(table.columns) == ["group", "frame", "estimate", "ci_low", "ci_high", "n",
                                   "count", "ci_note"]
    row = table.set_index(["group", "frame"]).loc[("A", "conflict")]
    assert (row["estimate"], row["count"], row["n"]) == (0.7, 7, 10)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson(7, 10))
    row = table.set_index(["group", "frame"]).loc[("B", "economy_cues")]
    assert (row["estimate"], row["count"]) == (0.6, 3)
    boot = frame_profile(m, frame_columns=["conflict"], method="bootstrap", n_boot=300)
    assert ((boot["ci_low"] <= boot["estimate"]) & (boot["estimate"] <= boot["ci_high"])).all()


def test_enumerated_options_are_rejected_with_the_valid_values():
    m = pd.DataFrame({"outlet": ["A"], "f": [1], "x": [1.0], "date": ["2024-01-01"]})
    with pytest.raises(ValueError, match="'wilson'.*'bootstrap'"):
        frame_profile(m, method="exact")
    with pytest.raises(ValueError, match="'D', 'W', 'M', 'Q', 'Y'"):
        over_time(m, "outlet", "x", period="H")


def test_a_confidence_level_outside_0_to_1_or_no_resamples_is_refused(three_groups):
    # ci=95 (meant as 95%) gave every interval NaN with an empty ci_note, as if the data had
    # none; n_boot=0 a scipy error about n_resamples
    m = three_groups.assign(date=pd.date_range("2024-01-01", periods=75, freq="D"),
                            topic=["x", "y", "z"] * 25)
    calls = {
        "compare": lambda **kw: compare(m, measures=["tone"], **kw),
        "pairwise": lambda **kw: pairwise(m, measures=["tone"], **kw),
        "frame_profile": lambda **kw: frame_profile(m, frame_columns=["conflict"], **kw),
        "over_time": lambda **kw: over_time(m, "outlet", "tone", **kw),
        "before_after": lambda **kw: before_after(m, "outlet", "tone", "2024-02-01", **kw),
        "adjusted": lambda **kw: adjusted(m, measures=["tone"], min_n=2, **kw),
    }
    for name, call in calls.items():
        for ci in (95, 0, 1.0, float("nan"), "0.95", True):
            with pytest.raises(ValueError, match=r"ci=.* is not valid.*0\.95 for 95%"):
                call(ci=ci)
        for n_boot in (0, -5, 2.5):
            with pytest.raises(ValueError, match=r"n_boot=.* is not valid"):
                call(n_boot=n_boot)
    with pytest.raises(ValueError, match="ci=95 is not valid"):
        presence_tests(m, measures=["conflict"], ci=95)
    # NumPy numbers are numbers
    assert compare(m, measures=["tone"], ci=np.float32(0.9), n_boot=np.int64(50))[
        "ci_low"].notna().all()


def test_a_min_n_below_two_or_not_a_whole_number_is_refused_as_in_adjusted(three_groups):
    # compare and pairwise took min_n=1 (and 0, -3) and read it as 2 without a word: one article
    # has no interval whatever min_n says; only adjusted refused it
    m = three_groups.assign(date=pd.date_range("2024-01-01", periods=75, freq="D"))
    calls = {
        "compare": lambda **kw: compare(m, measures=["tone"], n_boot=50, **kw),
        "pairwise": lambda **kw: pairwise(m, measures=["tone"], n_boot=50, **kw),
        "over_time": lambda **kw: over_time(m, "outlet", "tone", n_boot=50, **kw),
        "before_after": lambda **kw: before_after(m, "outlet", "tone", "2024-02-01", n_boot=50,
                                                  **kw),
        "adjusted": lambda **kw: adjusted(m.assign(topic=["x", "y", "z"] * 25),
                                          measures=["tone"], n_boot=50, **kw),
    }
    for name, call in calls.items():
        for min_n in (1, 0, -3, 2.5, "5", True):
            with pytest.raises(ValueError, match=r"min_n=.* is not valid; give a whole number "
                                                 r"of 2 or more"):
                call(min_n=min_n)
        assert len(call(min_n=np.int64(2))), name
    two = pd.DataFrame({"outlet": ["A", "A", "B", "B", "B"], "x": [1.0, 2, 1, 2, 4]})
    assert compare(two, measures=["x"], n_boot=50, min_n=2)["ci_low"].notna().all()


def test_before_after_refuses_an_event_date_that_is_not_a_date():
    m = pd.DataFrame({"outlet": ["A"] * 4, "x": [1.0, 2.0, 3.0, 4.0],
                      "date": pd.date_range("2024-01-01", periods=4, freq="D")})
    for bad in (None, "", "next week"):
        with pytest.raises(ValueError, match="event_date=.* is not a date"):
            before_after(m, "outlet", "x", bad)


# --- over_time and before_after ---

def test_over_time_weeks_months_and_undated():
    m = pd.DataFrame({
        "outlet": ["A", "A", "A", "B", "B", "A"],
        "x": [1.0, 3.0, 10.0, 4.0, 6.0, 99.0],
        # 2024-01-01 is a Monday: the first two rows share a week, the third starts the next
        "date": ["2024-01-01", "2024-01-07", "2024-01-08", "2024-01-31", "2024-02-01", None]})
    weekly = over_time(m, "outlet", "x", period="W", n_boot=100)
    a = weekly[weekly["group"] == "A"]
    assert [str(p.date()) for p in a["period"]] == ["2024-01-01", "2024-01-08"]
    assert a["estimate"].tolist() == [2.0, 10.0]
    assert a["n"].tolist() == [2, 1]
    assert weekly.attrs["undated"] == 1
    monthly = over_time(m, None, "x", period="M", n_boot=100)
    assert monthly["group"].unique().tolist() == ["all"]
    assert [str(p.date()) for p in monthly["period"]] == ["2024-01-01", "2024-02-01"]
    assert monthly["estimate"].tolist() == [pytest.approx(18 / 4), 6.0]
    daily = over_time(m, "outlet", "x", period="D", n_boot=100)
    assert len(daily) == 5
    quarterly = over_time(m, "outlet", "x", period="Q", n_boot=100)
    assert [str(p.date()) for p in quarterly[quarterly["group"] == "A"]["period"]] == ["2024-01-01"]
    assert over_time(m, None, "x", period="Y", n_boot=100)["n"].tolist() == [5]
    # measures= as in compare(); the measure given twice or not at all is refused
    pd.testing.assert_frame_equal(over_time(m, "outlet", measures=["x"], n_boot=100), weekly)
    with pytest.raises(TypeError, match="measure column"):
        over_time(m, "outlet", "x", measures=["x"])
    with pytest.raises(TypeError, match="measure column"):
        over_time(m, "outlet")


def test_over_time_gives_no_interval_to_periods_with_few_articles():
    m = pd.DataFrame({"outlet": ["A"] * 7, "x": [1.0, 2, 3, 4, 5, 6, 9],
                      "date": ["2024-01-01"] * 5 + ["2024-01-08"] * 2})
    table = over_time(m, "outlet", "x", period="W", n_boot=200)
    full, sparse = table.iloc[0], table.iloc[1]
    assert full["n"] == 5 and full["ci_low"] < 3 < full["ci_high"]
    assert sparse["n"] == 2 and sparse["estimate"] == 7.5
    assert np.isnan(sparse["ci_low"]) and np.isnan(sparse["ci_high"])
    assert not np.isnan(over_time(m, "outlet", "x", period="W", n_boot=200,
                                  min_n=2).iloc[1]["ci_low"])


def test_over_time_timezone_aware_dates_are_taken_in_utc():
    m = pd.DataFrame({"outlet": ["A", "A"], "x": [1.0, 2.0],
                      "date": pd.to_datetime(["2024-01-01T23:30:00-05:00",
                                              "2024-01-02T01:00:00+00:00"], utc=True)})
    table = over_time(m, "outlet", "x", period="D", n_boot=50)
    assert [str(p.date()) for p in table["period"]] == ["2024-01-02"]


def test_before_after_hand_case_and_scipy():
    dates = pd.date_range("2024-03-01", periods=8, freq="D")
    m = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
                      "x": [1, 2, 1, 2, 5, 6, 5, 7, 3, 3, 4, 3, 3, 4, 3, 3],
                      "date": list(dates) * 2})
    table = before_after(m, "outlet", "x", "2024-03-05", n_boot=300, min_n=4).set_index("group")
    a = table.loc["A"]
    assert (a["n_before"], a["n_after"]) == (4, 4)
    assert a["mean_before"] == 1.5 and a["mean_after"] == 5.75
    assert a["difference"] == pytest.approx(4.25)
    assert a["ci_low"] <= 4.25 <= a["ci_high"] and a["ci_low"] > 0
    assert a["cliffs_delta"] == 1.0
    ref = stats.mannwhitneyu([5, 6, 5, 7], [1, 2, 1, 2], alternative="two-sided")
    assert a["p_value"] == pytest.approx(ref.pvalue)
    assert table["p_holm"].tolist() == pytest.approx(holm_by_hand(table["p_value"].tolist()))
    # the event day counts as "after"; a window keeps only nearby days
    near = before_after(m, "outlet", "x", "2024-03-05", window_days=1, n_boot=100)
    assert near.set_index("group").loc["A", ["n_before", "n_after"]].tolist() == [1, 2]


def test_before_after_gives_no_interval_for_a_side_with_too_few_articles():
    # an outlet with 2 articles before the event got a "95% interval" from resampling those
    # two, while compare() and over_time() leave groups under MIN_N_INTERVAL without one
    dates = pd.date_range("2024-03-01", periods=12, freq="D")
    m = pd.DataFrame({"outlet": ["big"] * 12 + ["tiny"] * 5,
                      "x": [1, 2, 1, 2, 1, 3, 5, 6, 5, 7, 6, 5, 1, 2, 5, 6, 5],
                      "date": list(dates) + list(dates[4:6]) + list(dates[6:9])})
    table = before_after(m, "outlet", "x", "2024-03-07", n_boot=200).set_index("group")
    assert table.loc["big", ["n_before", "n_after"]].tolist() == [6, 6]
    assert table.loc["big", "ci_low"] > 0  # both sides hold MIN_N_INTERVAL or more
    tiny = table.loc["tiny"]
    assert (tiny["n_before"], tiny["n_after"]) == (2, 3)
    assert np.isnan(tiny["ci_low"]) and np.isnan(tiny["ci_high"])
    assert tiny["difference"] == pytest.approx(16 / 3 - 1.5)  # the means are still given
    assert tiny["p_value"] == pytest.approx(
        stats.mannwhitneyu([5, 6, 5], [1, 2], alternative="two-sided").pvalue)
    small = before_after(m, "outlet", "x", "2024-03-07", n_boot=200, min_n=2)
    assert small.set_index("group").loc["tiny", "ci_low"] == small.set_index("group").loc[
        "tiny", "ci_low"]  # not NaN when the caller accepts two articles


def test_a_text_column_given_as_a_measure_is_an_error_naming_it():
    from framing.errors import InputError

    m = pd.DataFrame({"outlet": ["a", "b"], "x": ["p", "q"], "y": [1.0, 2.0]})
    with pytest.raises(InputError, match="field 'x': the measure holds str values such as 'p'"):
        compare(m, measures=["x"])
    with pytest.raises(InputError, match="field 'x'"):
        pairwise(m, measures=["y", "x"])
    assert compare(m, measures=["y"])["n"].tolist() == [1, 1]


def test_a_misspelled_measure_gets_the_near_names_first():
    from framing.errors import MissingColumnError

    m = pd.DataFrame({"outlet": ["A", "B"], "sentiment_tone": [0.1, 0.2], "hedges": [1.0, 2.0]})
    with pytest.raises(MissingColumnError, match=r"did you mean sentiment_tone\? columns present"):
        compare(m, measures=["tone"])


# --- constant samples: no bootstrap interval (audit: Reuters' boosters, 8 articles all 0) ---

def _reuters_like():
    rng = np.random.default_rng(5)
    after = np.where(rng.random(60) < 0.5, 0.0, rng.gamma(2.0, 0.6, 60))
    return pd.DataFrame({"outlet": ["Reuters"] * 68, "x": np.r_[np.zeros(8), after],
                         "date": np.r_[pd.date_range("2016-10-01", periods=8),
                                       pd.date_range("2016-11-08", periods=60)]})


def test_before_after_gives_no_interval_when_a_side_is_constant():
    # resampling 8 zeros gives 0 every time: the percentile interval of the difference showed
    # the after side's variation alone ([0.52, 0.68] in the audit), far too precise
    table = before_after(_reuters_like(), "outlet", "x", "2016-11-08", n_boot=300).iloc[0]
    assert table["n_before"] == 8 and table["mean_before"] == 0
    assert np.isnan(table["ci_low"]) and np.isnan(table["ci_high"])
    assert table["ci_note"] == "before: all 8 values are 0 (constant, nothing to resample)"
    assert not np.isnan(table["p_value"]) and not np.isnan(table["cliffs_delta"])


def test_pairwise_gives_no_interval_when_a_group_is_constant():
    m = _reuters_like()
    m["outlet"] = np.where(m.index < 8, "Reuters", "Vox")
    pair = pairwise(m, measures=["x"], n_boot=300).iloc[0]
    assert np.isnan(pair["diff_ci_low"]) and np.isnan(pair["ratio_ci_low"])
    assert pair["ci_note"] == "Reuters: all 8 values are 0 (constant, nothing to resample)"
    assert not np.isnan(pair["p_value"])
    table = compare(m, measures=["x"], n_boot=300).set_index("group")
    assert table.loc["Reuters", ["ci_low", "ci_high"]].isna().all()
    assert table.loc["Vox", "ci_note"] == "" and table.loc["Vox", "ci_low"] < table.loc["Vox", "ci_high"]


def test_over_time_gives_no_interval_to_a_constant_period():
    table = over_time(_reuters_like(), "outlet", "x", period="M", n_boot=200)
    october = table[table["period"] == pd.Timestamp("2016-10-01")].iloc[0]
    assert np.isnan(october["ci_low"]) and "constant" in october["ci_note"]
    assert (table.loc[table["period"] != pd.Timestamp("2016-10-01"), "ci_note"] == "").all()


def test_frame_profile_boundary_counts_get_wilson_not_a_zero_width_interval():
    from statsmodels.stats.proportion import proportion_confint

    m = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6, "conflict": [0] * 6 + [1, 0] * 3})
    wilson = [float(x) for x in proportion_confint(0, 6, alpha=0.05, method="wilson")]
    for method in ("bootstrap", "normal", "wilson"):
        row = frame_profile(m, method=method, n_boot=200).set_index("group").loc["A"]
        assert [row["ci_low"], row["ci_high"]] == pytest.approx(wilson)
        assert row["ci_high"] > 0.3
        assert ("Wilson" in row["ci_note"]) == (method != "wilson")


def test_presence_pairs_with_small_expected_counts_get_fishers_exact_test():
    # one article with the frame against 110 of which 8 have it: the pooled z-test said
    # p = 0.0007 (z 3.4); the exact probability of the one article being among the 9 with the
    # frame, as extreme or more, is 9/111 = 0.081
    m = pd.DataFrame({"outlet": ["One"] + ["Big"] * 110 + ["Other"] * 110,
                      "frame": [1] + [1] * 8 + [0] * 102 + [1] * 40 + [0] * 70})
    _, pairs = presence_tests(m, measures=["frame"])
    pairs = pairs.set_index(["group_a", "group_b"])
    small = pairs.loc[("Big", "One")]
    assert small["test"] == "fisher"
    assert small["min_expected"] == pytest.approx(1 * 9 / 111)
    assert small["p_value"] == pytest.approx(
        stats.fisher_exact([[8, 102], [1, 0]]).pvalue) and small["p_value"] > 0.05
    assert small["z_statistic"] ** 2 == pytest.approx(
        stats.chi2_contingency([[8, 102], [1, 0]], correction=False).statistic)
    large = pairs.loc[("Big", "Other")]  # expected counts 24 and more: the z-test as before
    assert large["test"] == "z"
    assert large["p_value"] == pytest.approx(
        stats.chi2_contingency([[8, 102], [40, 70]], correction=False).pvalue)
    assert pairs["p_holm"].tolist() == pytest.approx(holm_by_hand(pairs["p_value"].tolist()))


def test_frame_profile_says_why_an_outlet_of_unscored_articles_has_no_prevalence():
    m = pd.DataFrame({"outlet": ["A", "A", "B"], "conflict": [1.0, 0.0, np.nan]})
    row = frame_profile(m, frame_columns=["conflict"]).set_index("group").loc["B"]
    assert row["n"] == 0 and np.isnan(row["estimate"]) and np.isnan(row["ci_low"])
    assert row["ci_note"] == "no article with a value"  # as compare() says; it was ""


def test_a_ratio_whose_denominator_resamples_to_0_has_no_interval_and_says_why():
    # B: 1 article of 16 above 0, so about a third of its resamples have mean 0 and the ratio
    # of those is infinite (or 0/0): the interval was silently NaN, or [x, inf]
    m = pd.DataFrame({"outlet": ["A"] * 16 + ["B"] * 16,
                      "boosters": [0.0] * 12 + [1.0, 2.0, 1.0, 3.0] + [0.0] * 15 + [0.5]})
    row = pairwise(m, measures=["boosters"], n_boot=400).iloc[0]
    assert row["ratio"] == pytest.approx((7 / 16) / (0.5 / 16))
    assert np.isnan(row["ratio_ci_low"]) and np.isnan(row["ratio_ci_high"])
    assert not np.isnan(row["diff_ci_low"])
    assert "resamples of B have mean 0 (no interval of the ratio)" in row["ci_note"]


def test_holm_equals_statsmodels_multipletests_bit_for_bit():
    # _holm computes Holm's correction itself (statsmodels' runs gc.collect() on every call,
    # 0.3 s each in a report holding thousands of articles' evidence): the numbers must be
    # the ones multipletests gives, to the last bit, with ties, NaNs, 0, 1 and near-1 values
    from statsmodels.stats.multitest import multipletests

    from framing.compare import _holm

    rng = np.random.default_rng(7)
    cases = [[0.5], [0.0, 1.0, 1.0], [0.01, 0.01, 0.04, 0.04, 0.2, 0.9, 0.999],
             [1e-300, 3e-17, 0.049999999999999996, 0.05, 0.3333333333333333]]
    cases += [list(rng.uniform(size=n)) for n in (2, 13, 190, 2470)]
    cases += [list(np.round(rng.uniform(size=300) ** 3, 3)) for _ in range(3)]  # many ties
    cases += [list(rng.choice([0.0, 1e-12, 0.5, 0.5, 1.0], size=50))]
    for p in cases:
        got = _holm(pd.Series(p, dtype=float)).to_numpy()
        want = multipletests(np.asarray(p, float), method="holm")[1]
        assert np.array_equal(got, want), p[:5]
    # NaN entries stay NaN and are not counted as tests
    p = pd.Series([0.01, np.nan, 0.02, np.nan, 0.5], index=list("abcde"))
    got = _holm(p)
    want = multipletests(np.array([0.01, 0.02, 0.5]), method="holm")[1]
    assert np.isnan(got[["b", "d"]]).all()
    assert np.array_equal(got[["a", "c", "e"]].to_numpy(), want)
    assert _holm(pd.Series([np.nan, np.nan])).isna().all() and _holm(pd.Series([], dtype=float)).empty


def test_presence_pairs_with_the_same_counts_are_computed_once_and_equal_statsmodels():
    # a pair's tests and intervals are computed once per distinct (count_a, n_a, count_b, n_b)
    # (most pairs of hundreds of small outlets repeat one): every row is still, exactly, what
    # statsmodels and scipy give for its own counts, in its own order
    from statsmodels.stats.proportion import (
        confint_proportions_2indep,
        proportion_effectsize,
        proportions_ztest,
    )

    sizes = [1, 1, 2, 2, 3, 12, 12, 40]
    rows = []
    for k, n in enumerate(sizes):
        rows += [{"outlet": f"o{k}", "frame": int(j < n // 3), "other": int(j % 2 == 0)}
                 for j in range(n)]
    m = pd.DataFrame(rows)
    _, pairs = presence_tests(m, measures=["frame", "other"])
    assert len(pairs) == 2 * 28
    assert pairs.duplicated(["measure", "count_a", "n_a", "count_b", "n_b"]).sum() >= 10
    alpha = 1 - 0.95  # as presence_tests has it (0.05000000000000004, not 0.05)
    for row in pairs.itertuples():
        ca, na, cb, nb = row.count_a, row.n_a, row.count_b, row.n_b
        low, high = confint_proportions_2indep(ca, na, cb, nb, method="newcomb", compare="diff",
                                               alpha=alpha)
        assert (row.diff_ci_low, row.diff_ci_high) == (float(low), float(high))
        assert row.cohens_h == float(proportion_effectsize(ca / na, cb / nb))
        if 0 < ca + cb < na + nb:
            z, p = proportions_ztest([ca, cb], [na, nb])
            assert row.z_statistic == float(z)
            if row.test == "fisher":
                p = stats.fisher_exact([[ca, na - ca], [cb, nb - cb]]).pvalue
            assert row.p_value == float(p)
        else:
            assert np.isnan(row.p_value) and row.test == ""
        if cb > 0:
            low, high = confint_proportions_2indep(ca, na, cb, nb, method="log-adjusted",
                                                   compare="ratio", alpha=alpha)
            assert (row.ratio, row.ratio_ci_low, row.ratio_ci_high) == (
                (ca / na) / (cb / nb), float(low), float(high))
        else:
            assert np.isnan(row.ratio)
