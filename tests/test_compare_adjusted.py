"""framing.compare.adjusted: outlet comparisons with the topic mix held constant (direct
standardization), against hand computations and statsmodels called directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.compare import adjusted, compare
from framing.errors import InputError, MissingColumnError

#: share of each outlet's articles about war (the rest about sport)
WAR_SHARE = {"A": 0.8, "B": 0.2, "C": 0.5}


def corpus(effect: float = 0.0, *, n: int = 200, seed: int = 1) -> pd.DataFrame:
    """Three outlets covering war (tone about -0.5) and sport (about 0.4) in different
    proportions; within a topic every outlet writes alike, except that A's tone is ``effect``
    higher. A binary ``conflict`` frame: present in most war stories, few sport ones."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, share in WAR_SHARE.items():
        wars = int(n * share)
        for k in range(n):
            topic = "war" if k < wars else "sport"
            base = -0.5 if topic == "war" else 0.4
            rows.append({"outlet": outlet, "topic": topic,
                         "tone": base + rng.normal(0, 0.2) + (effect if outlet == "A" else 0),
                         "conflict": int(rng.random() < (0.8 if topic == "war" else 0.1))})
    return pd.DataFrame(rows)


def test_the_settings_in_the_means_attrs_are_json_whatever_number_types_they_were_given(
        tmp_path):
    means = adjusted(corpus(n=40), measures=["tone"], ci=np.float32(0.9), min_n=np.int64(3),
                     n_boot=50).means
    assert means.attrs == {"ci": pytest.approx(0.9), "strata": "topic", "by": "outlet",
                           "min_n": 3}
    assert type(means.attrs["ci"]) is float and type(means.attrs["min_n"]) is int
    means.to_parquet(tmp_path / "m.parquet")
    assert pd.read_parquet(tmp_path / "m.parquet").attrs == means.attrs


def test_a_difference_due_to_the_topic_mix_alone_vanishes_after_adjustment():
    m = corpus()
    means, tests, left_out = adjusted(m, measures=["tone", "conflict"], n_boot=500)
    tone = tests.set_index("measure").loc["tone"]
    assert tone["p_crude"] < 1e-20  # A writes mostly about war: it looks far more negative
    assert tone["p_adjusted"] > 0.05
    assert tone["spread_explained"] > 0.9
    estimates = means[means["measure"] == "tone"].set_index("group")["estimate"]
    raw = means[means["measure"] == "tone"].set_index("group")["raw_mean"]
    assert raw["B"] - raw["A"] > 0.4
    assert abs(estimates["B"] - estimates["A"]) < 0.06
    conflict = tests.set_index("measure").loc["conflict"]
    assert conflict["kind"] == "presence"
    assert conflict["p_crude"] < 1e-10 and conflict["p_adjusted"] > 0.05
    assert left_out.empty and (means["n_left_out"] == 0).all()


def test_a_real_outlet_effect_survives_adjustment():
    m = corpus(effect=0.2)
    means, tests, _ = adjusted(m, measures=["tone"], n_boot=500)
    assert tests["p_adjusted"].iloc[0] < 1e-10
    est = means.set_index("group")["estimate"]
    assert est["A"] - est["B"] == pytest.approx(0.2, abs=0.05)
    assert est["A"] - est["C"] == pytest.approx(0.2, abs=0.05)
    low, high = means.set_index("group").loc["A", ["ci_low", "ci_high"]]
    assert low < est["A"] < high
    assert est["C"] - est["B"] == pytest.approx(0, abs=0.05)


def test_the_standardized_mean_by_hand():
    m = pd.DataFrame({
        "outlet": ["A"] * 5 + ["B"] * 7,
        "topic": ["x", "x", "x", "y", "y", "x", "x", "y", "y", "y", "y", "z"],
        "v": [1.0, 2.0, 3.0, 10.0, 20.0, 4.0, 6.0, 1.0, 2.0, 3.0, 6.0, 100.0]})
    means, tests, left_out = adjusted(m, measures="v", min_n=2, n_boot=200)
    # z: only B has it -> left out; pooled weights over x and y: x 5/11, y 6/11
    wx, wy = 5 / 11, 6 / 11
    by = means.set_index("group")
    assert by.loc["A", "estimate"] == pytest.approx(wx * 2.0 + wy * 15.0)
    assert by.loc["B", "estimate"] == pytest.approx(wx * 5.0 + wy * 3.0)
    assert by.loc["B", "raw_mean"] == pytest.approx(m.loc[m.outlet == "B", "v"].mean())
    assert by.loc["B", "crude_mean"] == pytest.approx(22 / 6)
    assert by.loc["B", ["n", "n_used", "n_left_out"]].tolist() == [7, 6, 1]
    assert by.loc["A", ["strata_used", "strata_left_out"]].tolist() == [2, 1]
    assert left_out.to_dict("records") == [
        {"measure": "v", "stratum": "z", "articles": 1, "lacking": "A; B"}]  # B: 1 < min_n
    # the raw means are compare()'s
    plain = compare(m, measures=["v"]).set_index("group")["estimate"]
    assert by["raw_mean"].tolist() == plain.tolist()
    assert tests["strata_used"].iloc[0] == 2 and tests["n_used"].iloc[0] == 11


def test_the_tests_are_statsmodels_ols_with_hc3_errors():
    import statsmodels.formula.api as smf

    m = corpus(effect=0.05, n=60)
    _, tests, _ = adjusted(m, measures=["tone"], n_boot=100)
    fit = smf.ols("tone ~ C(outlet) + C(topic)", data=m).fit(cov_type="HC3")
    wald = fit.wald_test("C(outlet)[T.B] = 0, C(outlet)[T.C] = 0", use_f=True, scalar=True)
    assert tests["f_adjusted"].iloc[0] == pytest.approx(float(wald.statistic))
    assert tests["p_adjusted"].iloc[0] == pytest.approx(float(wald.pvalue))
    crude = smf.ols("tone ~ C(outlet)", data=m).fit(cov_type="HC3")
    wald = crude.wald_test("C(outlet)[T.B] = 0, C(outlet)[T.C] = 0", use_f=True, scalar=True)
    assert tests["f_crude"].iloc[0] == pytest.approx(float(wald.statistic))
    assert tests[["df_num", "df_denom"]].iloc[0].tolist() == [2.0, len(m) - 4.0]


def test_a_stratum_a_group_lacks_is_left_out_for_every_group_and_named():
    m = corpus(n=40)
    m.loc[(m.outlet == "B") & (m.topic == "war"), "topic"] = "war_b"  # B's war has a name of its own
    m.loc[m.index[:3], "topic"] = np.nan
    means, tests, left_out = adjusted(m, measures=["tone"], n_boot=100)
    assert tests["strata_used"].iloc[0] == 1  # sport only
    assert set(left_out["stratum"]) == {"war", "war_b", "<missing>"}
    lacking = left_out.set_index("stratum")["lacking"]
    assert lacking["war"] == "B" and lacking["war_b"] == "A; C"
    assert left_out.set_index("stratum").loc["<missing>", "articles"] == 3
    by = means.set_index("group")
    assert by.loc["A", "n_left_out"] == int(40 * WAR_SHARE["A"])
    assert (by["n_used"] + by["n_left_out"] == by["n"]).all()
    assert by["strata_left_out"].eq(3).all()


def test_without_a_shared_stratum_there_is_nothing_to_standardize():
    m = corpus(n=20)
    m["topic"] = m["outlet"] + "-" + m["topic"]
    means, tests, _ = adjusted(m, measures=["tone"], n_boot=100)
    assert means["estimate"].isna().all() and means["raw_mean"].notna().all()
    assert means["ci_note"].str.contains("no topic has 5 or more articles of every group").all()
    assert tests["p_adjusted"].isna().all() and tests["note"].iloc[0] == "no topic used"


def test_a_constant_group_gets_no_interval_and_says_why():
    m = corpus(n=40)
    m.loc[m.outlet == "B", "tone"] = 0.0
    means, _, _ = adjusted(m, measures=["tone"], n_boot=100)
    b = means.set_index("group").loc["B"]
    assert np.isnan(b["ci_low"]) and "constant" in b["ci_note"]
    assert means.set_index("group").loc["A", "ci_note"] == ""


def test_intervals_are_reproducible_and_resample_within_cells():
    m = corpus(n=60)
    first = adjusted(m, measures=["tone"], n_boot=300, seed=3).means
    again = adjusted(m, measures=["tone"], n_boot=300, seed=3).means
    pd.testing.assert_frame_equal(first, again)
    assert (first["ci_low"] < first["estimate"]).all() and (first["estimate"] < first["ci_high"]).all()


def test_bad_input_is_named():
    m = corpus(n=20)
    with pytest.raises(MissingColumnError, match="'section'.*metrics.join"):
        adjusted(m, strata="section", measures=["tone"])
    with pytest.raises(InputError, match="'topic'.*every value is missing"):
        adjusted(m.assign(topic=np.nan), measures=["tone"])
    with pytest.raises(ValueError, match="grouping column"):
        adjusted(m, strata="outlet", measures=["tone"])
    with pytest.raises(ValueError, match="min_n=1 is not valid"):
        adjusted(m, measures=["tone"], min_n=1)
    with pytest.raises(ValueError, match="both the strata column and a measure"):
        adjusted(m.assign(year=1), strata="year", measures=["tone", "year"])


def test_default_measures_leave_out_the_strata_column():
    m = corpus(n=20).assign(year=[2019, 2020] * 30)
    _, tests, _ = adjusted(m, strata="year", n_boot=50)
    assert tests["measure"].tolist() == ["tone", "conflict"]


def test_the_report_summary_says_what_the_topic_mix_explains():
    from framing import notebook as nb

    text = nb.adjusted_summary(adjusted(corpus(), measures=["tone", "conflict"], n_boot=100))
    assert text.startswith("Held constant: topic. Used: 2 of 2 topic values (those with at least "
                           "5 articles of every outlet), 600 of 600 articles.")
    assert "tone: the topic mix accounts for 9" in text  # 9x% of the spread
    assert "the outlets no longer differ once it is held constant" in text
    real = nb.adjusted_summary(adjusted(corpus(effect=0.2), measures=["tone"], n_boot=100))
    assert "the outlets still differ with it held constant (Holm p < 0.001)" in real
    apart = corpus(n=20).assign(topic=lambda d: d["outlet"] + d["topic"])
    text = nb.adjusted_summary(adjusted(apart, measures=["tone"], n_boot=100))
    assert "nothing can be standardized, and no measure is tested" in text
    assert "tone:" not in text  # not a line per measure repeating "no test (no topic used)"


def test_a_frame_in_all_or_none_of_an_outlets_articles_gets_no_wald_test_rather_than_a_wrong_one():
    # A has the frame in every article, B in none, C in 8 of 10: HC3 gives A and B residuals of
    # 0, so the robust variance of their difference is 0 and the covariance of the outlet
    # coefficients singular. A Wald test through a pseudo-inverse dropped the A-B direction and
    # reported F 1.9, p 0.18 ("the outlets do not differ") for 100% against 0%.
    from framing import notebook as nb

    m = pd.DataFrame({"outlet": ["A"] * 10 + ["B"] * 10 + ["C"] * 10,
                      "topic": (["t1"] * 5 + ["t2"] * 5) * 3,
                      "frame": [1] * 10 + [0] * 10 + [1, 1, 1, 1, 0, 1, 1, 1, 1, 0]})
    result = adjusted(m, measures=["frame"], min_n=2, n_boot=50)
    row = result.tests.iloc[0]
    assert np.isnan(row["p_crude"]) and np.isnan(row["p_adjusted"])
    assert "singular" in row["note"]
    means = result.means.set_index("group")["estimate"]
    assert means.tolist() == pytest.approx([1.0, 0.0, 0.8])
    assert "frame: no test (the robust (HC3) variance" in nb.adjusted_summary(result)
    # with every outlet varying, the test is given as before
    varied = m.assign(frame=[1] * 9 + [0] + [0] * 9 + [1] + [1, 1, 1, 1, 0, 1, 1, 1, 1, 0])
    assert adjusted(varied, measures=["frame"], min_n=2, n_boot=50).tests["note"].iloc[0] == ""


def test_the_report_summary_writes_p_as_the_summary_does_and_says_when_one_topic_was_used():
    # audit: "Holm p = 0.068 unadjusted, 1 adjusted" (two significant digits, a bare 1); with
    # one topic used, "accounts for a median 0% ... (from 0%, tone, to 0%, tone)"
    from framing import notebook as nb

    m = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
                      "topic": ["war"] * 6 + ["sport"] * 2 + ["war"] * 2 + ["sport"] * 6,
                      "tone": [-0.5, -0.4, -0.6, -0.5, -0.4, -0.6, 0.3, 0.5,
                               -0.4, -0.6, 0.4, 0.5, 0.3, 0.4, 0.4, 0.4]})
    text = nb.adjusted_summary(adjusted(m, measures=["tone"], min_n=2, n_boot=100))
    assert "(Holm p = 0.07 unadjusted, p = 1.00 adjusted)" in text
    one = pd.concat([m, m.assign(topic="war")]).assign(
        conflict=lambda d: (d["tone"] < 0).astype(float))
    text = nb.adjusted_summary(adjusted(one, measures=["tone", "conflict"], min_n=5, n_boot=50))
    assert "Used: 1 of 2 topic values" in text
    assert "Only one topic value could be used: holding the mix constant is then comparing the " \
           "outlets on its articles alone" in text
    assert "For each of the 2 measures compared, the topic mix accounts for 0% of the spread" \
        in text and "median" not in text
