"""framing.validate against reference values: scikit-learn, scipy and the krippendorff package
called directly, Krippendorff's (2011) published worked examples, and small hand-computed cases."""

from __future__ import annotations

import csv
import gzip
import json
import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import f1_score, precision_recall_fscore_support

try:  # tests/ run as plain files, or as a package (with tests/__init__.py)
    from conftest import shared_path
except ImportError:
    from conftest import shared_path
from framing import validate as V
from framing.errors import (
    EmptyFileError,
    InputError,
    MalformedRecordError,
    MissingColumnError,
    MissingValueError,
)
from framing.validate import (
    binary_agreement,
    coder_agreement,
    continuous_agreement,
    format_validation,
    frame_agreement,
    frame_confusion,
    frame_crosstab,
    read_coding_sheet,
    read_gold,
    result_table,
    run_validation,
    sample,
    write_coding_sheet,
)

NAN = float("nan")

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C-F: four coders,
# twelve units, missing codes; published alphas: nominal .743, ordinal .815, interval .849,
# ratio .797.
K2011 = pd.DataFrame({
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    "C": [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]})


def estimates(table: pd.DataFrame, group: str = "all") -> dict:
    return table[table.group == group].set_index("measure")["estimate"].to_dict()


@pytest.fixture
def binary_data():
    rng = np.random.default_rng(7)
    gold = rng.random(300) < 0.3
    pred = np.where(rng.random(300) < 0.85, gold, ~gold)
    return pd.DataFrame({"gold": gold, "pred": pred,
                         "outlet": rng.choice(["Alpha", "Beta", "Gamma"], 300)})


# --- Krippendorff's alpha ---------------------------------------------------------------------

@pytest.mark.parametrize("level, published", [("nominal", 0.743), ("ordinal", 0.815),
                                              ("interval", 0.849), ("ratio", 0.797)])
def test_coder_agreement_reproduces_krippendorff_2011(level, published):
    table = coder_agreement(K2011, level=level, n_boot=0)
    row = table[table.measure == "krippendorff_alpha"].iloc[0]
    assert round(row.estimate, 3) == published
    assert (row.n_units, row.n_coders, row.n_values) == (11, 4, 40)  # unit 12 has one code


def test_observed_agreement_by_hand():
    # Krippendorff's A_o = sum over pairable units of sum_c n_uc (n_uc - 1) / (m_u - 1), over n:
    # units 1..11 contribute 3, 2, 4, 4, 4, 0, 4, 2, 4, 3, 2 = 32 of n = 40 values.
    table = coder_agreement(K2011, n_boot=0).set_index("measure")
    assert table.loc["observed_agreement", "estimate"] == pytest.approx(32 / 40)


def test_binary_alpha_reproduces_krippendorff_2011_section_a():
    # section A: binary data, two observers, ten units: alpha = 0.095
    data = pd.DataFrame({"g": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], "p": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]})
    assert round(estimates(binary_agreement(data, gold="g", pred="p", n_boot=0))
                 ["krippendorff_alpha"], 3) == 0.095


def test_nominal_alpha_reproduces_krippendorff_2011_section_b():
    # section B: nominal data, two observers (Ben, Gerry), twelve units: alpha = 0.692
    codes = pd.DataFrame({"ben": list("aabbdcccedda"), "gerry": list("babbbcccdddd")})
    codes.loc[8, "gerry"] = "e"
    alpha = coder_agreement(codes, n_boot=0).set_index("measure").loc["krippendorff_alpha"]
    assert round(alpha.estimate, 3) == 0.692


def test_closed_forms_equal_the_krippendorff_package():
    rng = np.random.default_rng(3)
    for _ in range(20):
        data = rng.integers(0, 4, size=(3, 30)).astype(float)
        data[rng.random(data.shape) < 0.2] = np.nan
        counts = np.stack([(data == v).sum(0) for v in range(4)], -1)
        assert V._nominal_alpha_counts(counts) == pytest.approx(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        assert V._interval_alpha(data) == pytest.approx(
            krippendorff.alpha(reliability_data=data, level_of_measurement="interval"))
    # many distinct values (the package is still feasible at this size)
    wide = rng.normal(size=(2, 40))
    assert V._interval_alpha(wide) == pytest.approx(
        krippendorff.alpha(reliability_data=wide, level_of_measurement="interval"))
    assert len(np.unique(wide)) > V.MAX_PACKAGE_DOMAIN
    assert V._pair_alpha(wide[0], wide[1], "interval") == pytest.approx(
        krippendorff.alpha(reliability_data=wide, level_of_measurement="interval"))


def test_many_distinct_codes_use_the_closed_form_with_the_same_result():
    rng = np.random.default_rng(4)
    codes = rng.integers(0, 80, size=(3, 25)).astype(float)
    codes[1, :15] = codes[0, :15]  # some agreement
    assert len(np.unique(codes)) > V.MAX_PACKAGE_DOMAIN
    frame = pd.DataFrame(codes.T, columns=["a", "b", "c"])
    for level in ("nominal", "interval"):
        ours = coder_agreement(frame, level=level, n_boot=0).estimate.iloc[0]
        assert ours == pytest.approx(krippendorff.alpha(reliability_data=codes,
                                                        level_of_measurement=level))


def test_alpha_is_nan_when_every_code_is_the_same():
    data = pd.DataFrame({"g": [1, 1, 1], "p": [1, 1, 1]})
    assert math.isnan(estimates(binary_agreement(data, gold="g", pred="p", n_boot=0))
                      ["krippendorff_alpha"])
    assert math.isnan(coder_agreement(pd.DataFrame({"a": [2, 2], "b": [2, 2]}), n_boot=0)
                      .estimate[0])


def test_an_undefined_alpha_between_coders_says_why():
    # both coders coded every text 0: a bare NaN (with an empty ci_note) read as a failure
    same = coder_agreement(pd.DataFrame({"a": [0, 0, 0], "b": [0, 0, 0]}), n_boot=100)
    alpha = same.set_index("measure").loc["krippendorff_alpha"]
    assert math.isnan(alpha.estimate) and alpha.ci_note.startswith(
        "no estimate: every code is the same value, so alpha is undefined")
    alone = coder_agreement(pd.DataFrame({"a": [1.0, NAN], "b": [NAN, 0.0]}), level="interval",
                            n_boot=0)
    assert alone.ci_note.tolist() == ["no estimate: no unit was coded by two coders"]
    defined = coder_agreement(pd.DataFrame({"a": [0, 1, 0], "b": [0, 1, 1]}), n_boot=0)
    assert defined.ci_note.tolist() == ["", ""]


# --- binary -------------------------------------------------------------------------------------

def test_binary_hand_computed():
    data = pd.DataFrame({"g": [True, True, False, False], "p": [True, False, False, False]})
    est = estimates(binary_agreement(data, gold="g", pred="p", n_boot=0))
    assert est["precision"] == 1.0 and est["recall"] == 0.5
    assert est["f1"] == pytest.approx(2 / 3) and est["accuracy"] == 0.75
    # alpha = 1 - (n - 1) d / (n0 n1): n = 8 values, 1 disagreement, n1 = 3, n0 = 5
    assert est["krippendorff_alpha"] == pytest.approx(1 - 7 / 15)
    assert (est["gold_rate"], est["predicted_rate"]) == (0.5, 0.25)


def test_binary_equals_sklearn_and_package(binary_data):
    table = binary_agreement(binary_data, gold="gold", pred="pred", n_boot=0)
    assert list(table.columns) == V.AGREEMENT_COLUMNS
    est = estimates(table)
    p, r, f, _ = precision_recall_fscore_support(binary_data.gold, binary_data.pred,
                                                 average="binary")
    assert (est["precision"], est["recall"], est["f1"]) == pytest.approx((p, r, f))
    ref = krippendorff.alpha(reliability_data=np.vstack([binary_data.gold, binary_data.pred])
                             .astype(float), level_of_measurement="nominal")
    assert est["krippendorff_alpha"] == pytest.approx(ref)


def test_binary_per_group_equals_the_subset(binary_data):
    table = binary_agreement(binary_data, gold="gold", pred="pred", by="outlet", n_boot=0)
    assert list(dict.fromkeys(table.group)) == ["all", "Alpha", "Beta", "Gamma"]
    beta = binary_data[binary_data.outlet == "Beta"]
    assert table[table.group == "Beta"].n.iloc[0] == len(beta)
    assert estimates(table, "Beta")["f1"] == pytest.approx(f1_score(beta.gold, beta.pred))


def test_bootstrap_statistics_equal_point_estimates_on_the_full_sample(binary_data):
    # the vectorized statistic used for the bootstrap, evaluated on the identity resample
    g, p = binary_data.gold.to_numpy(), binary_data.pred.to_numpy()
    boot = V._binary_boot(g, p)(np.arange(len(g))[None, :])[:, 0]
    assert boot == pytest.approx(V._binary_stats(g, p))
    x = np.linspace(-1, 1, 50)
    y = np.sin(3 * x) + 0.1 * np.cos(17 * x)
    boot = V._continuous_boot(x, y)(np.arange(50)[None, :])[:, 0]
    assert boot == pytest.approx(V._continuous_stats(x, y))


def test_bootstrap_intervals_cover_the_estimate_and_are_seeded(binary_data):
    a = binary_agreement(binary_data, gold="gold", pred="pred", n_boot=300, seed=1)
    b = binary_agreement(binary_data, gold="gold", pred="pred", n_boot=300, seed=1)
    c = binary_agreement(binary_data, gold="gold", pred="pred", n_boot=300, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.ci_low.equals(c.ci_low)
    assert ((a.ci_low <= a.estimate) & (a.estimate <= a.ci_high)).all()
    assert ((a.ci_high - a.ci_low) > 0).all()


def test_binary_rejects_bad_input(binary_data):
    with pytest.raises(MissingColumnError, match="gold_label"):
        binary_agreement(binary_data, gold="gold_label", pred="pred")
    bad = binary_data.assign(pred=binary_data.pred.astype(int).replace({1: 2}))
    with pytest.raises(InputError, match="not 0/1"):
        binary_agreement(bad, gold="gold", pred="pred")
    with pytest.raises(MissingValueError, match="missing"):
        binary_agreement(binary_data.assign(gold=np.where(binary_data.index == 5, None,
                                                          binary_data.gold)),
                         gold="gold", pred="pred")
    with pytest.raises(ValueError, match="ci must be"):
        binary_agreement(binary_data, gold="gold", pred="pred", ci=95)


def test_ci_and_n_boot_may_be_numpy_numbers_as_in_compare(binary_data, tmp_path):
    # ci=np.float32(0.9) said "ci must be between 0 and 1 ... not np.float32(0.9)", while
    # framing.compare took it
    plain = binary_agreement(binary_data, gold="gold", pred="pred", ci=0.9, n_boot=50, seed=1)
    numpy = binary_agreement(binary_data, gold="gold", pred="pred", ci=np.float64(0.9),
                             n_boot=np.int64(50), seed=1)
    pd.testing.assert_frame_equal(plain, numpy)
    f32 = binary_agreement(binary_data, gold="gold", pred="pred", ci=np.float32(0.9), n_boot=50,
                           seed=1)
    np.testing.assert_allclose(f32.ci_low, plain.ci_low, atol=1e-6)
    assert len(continuous_agreement(binary_data.astype({"gold": float, "pred": float}),
                                    gold="gold", pred="pred", ci=np.float32(0.9), n_boot=20))
    assert len(frame_agreement(pd.DataFrame({"g": [["a"], ["b"]], "p": [["a"], ["a"]]}),
                               gold="g", pred="p", ci=np.float32(0.9), n_boot=20))
    assert len(coder_agreement(K2011, ci=np.float32(0.9), n_boot=20))
    p = write_sheet(tmp_path / "gold.csv", GOLD_HEDGING, header=("text", "label", "outlet"))
    result = run_validation("hedging", p, ci=np.float32(0.9), n_boot=np.int64(20))
    assert type(result["ci_level"]) is float and type(result["n_boot"]) is int
    json.dumps(result, allow_nan=False)
    for bad in (True, 95, np.float32(1.5), "0.9"):
        with pytest.raises(ValueError, match="ci must be between 0 and 1"):
            binary_agreement(binary_data, gold="gold", pred="pred", ci=bad)


# --- continuous ---------------------------------------------------------------------------------

def test_continuous_equals_scipy_and_package():
    rng = np.random.default_rng(11)
    gold = rng.uniform(-1, 1, 200)
    pred = np.clip(gold + rng.normal(0, 0.4, 200), -1, 1)
    data = pd.DataFrame({"g": gold, "p": pred, "outlet": np.repeat(["A", "B"], 100)})
    table = continuous_agreement(data, gold="g", pred="p", by="outlet", n_boot=200)
    est = estimates(table)
    assert est["pearson_r"] == pytest.approx(stats.pearsonr(gold, pred).statistic)
    assert est["spearman_rho"] == pytest.approx(stats.spearmanr(gold, pred).statistic)
    assert est["krippendorff_alpha"] == pytest.approx(V._interval_alpha(np.vstack([gold, pred])))
    assert estimates(table, "B")["pearson_r"] == pytest.approx(
        stats.pearsonr(gold[100:], pred[100:]).statistic)
    # on a few distinct values the package itself is called
    small = pd.DataFrame({"g": [1, 2, 3, 4, 5, 1, 2], "p": [1, 2, 4, 4, 5, 2, 2]})
    ref = krippendorff.alpha(reliability_data=small.T.to_numpy(float),
                             level_of_measurement="interval")
    assert estimates(continuous_agreement(small, gold="g", pred="p", n_boot=0))[
        "krippendorff_alpha"] == pytest.approx(ref)


def test_continuous_constant_column_is_nan_not_an_error():
    data = pd.DataFrame({"g": [0.1, 0.2, 0.3], "p": [0.0, 0.0, 0.0]})
    est = estimates(continuous_agreement(data, gold="g", pred="p", n_boot=50))
    assert math.isnan(est["pearson_r"]) and math.isnan(est["spearman_rho"])


# --- frames -------------------------------------------------------------------------------------

@pytest.fixture
def frame_data():
    rng = np.random.default_rng(5)
    labels = ["economic", "morality", "political", "security_and_defense"]
    gold, pred = [], []
    for _ in range(120):
        g = tuple(x for x in labels if rng.random() < 0.35)
        p = tuple(x for x in labels if (x in g) == (rng.random() < 0.8))
        gold.append(g)
        pred.append(p)
    return pd.DataFrame({"gold": gold, "pred": pred,
                         "outlet": rng.choice(["A", "B"], 120)}), labels


def test_frames_equal_sklearn(frame_data):
    from sklearn.preprocessing import MultiLabelBinarizer

    data, labels = frame_data
    table = frame_agreement(data, gold="gold", pred="pred", labels=labels, n_boot=0)
    assert list(table.columns) == V.FRAME_COLUMNS
    mlb = MultiLabelBinarizer(classes=labels)
    yg, yp = mlb.fit_transform(data.gold), mlb.transform(data.pred)
    overall = table[table.frame == "all"].set_index("measure")["estimate"]
    assert overall["micro_f1"] == pytest.approx(f1_score(yg, yp, average="micro"))
    assert overall["macro_f1"] == pytest.approx(f1_score(yg, yp, average="macro"))
    per = table[table.frame == "morality"].set_index("measure")["estimate"]
    assert per["f1"] == pytest.approx(f1_score(yg[:, 1], yp[:, 1]))
    assert per["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=np.vstack([yg[:, 1], yp[:, 1]]).astype(float),
        level_of_measurement="nominal"))
    boot = V._frame_boot(yg.astype(bool), yp.astype(bool))(np.arange(len(yg))[None, :])[:, 0]
    summary, per_frame = V._frame_stats(yg.astype(bool), yp.astype(bool))
    assert boot == pytest.approx(np.r_[summary, per_frame.ravel()])


def test_frames_hand_computed_and_macro_over_coded_frames():
    data = pd.DataFrame({"human": [["economic"], ["economic", "morality"], []],
                         "auto": [["economic"], ["morality"], ["morality", "political"]]})
    table = frame_agreement(data, gold="human", pred="auto",
                            labels=["economic", "morality", "political"], n_boot=0)
    overall = table[table.frame == "all"].set_index("measure")["estimate"]
    # tp 2 (economic in 1, morality in 2), fp 2 (morality and political in 3), fn 1
    assert overall["micro_precision"] == 0.5 and overall["micro_recall"] == pytest.approx(2 / 3)
    # macro over the frames the humans coded: economic F1 2/3, morality F1 2/3; political has
    # no human code and is left out of the mean
    assert overall["macro_f1"] == pytest.approx(2 / 3)
    assert overall["exact_match"] == pytest.approx(1 / 3)
    political = table[table.frame == "political"].set_index("measure")["estimate"]
    assert political["f1"] == 0.0 and math.isnan(political["recall"])


def test_macro_f1_when_the_humans_coded_one_frame_only_is_that_frames_f1():
    # scikit-learn's f1_score(average="macro") on one indicator column reads it as a binary
    # target and averaged in the F1 of the frame's absence: 1/3 here instead of 2/3
    data = pd.DataFrame({"h": [["economic"], ["economic"]], "a": [["economic"], ["morality"]]})
    table = frame_agreement(data, gold="h", pred="a", labels=["economic", "morality"], n_boot=0)
    overall = table[table.frame == "all"].set_index("measure")["estimate"]
    assert overall["macro_f1"] == pytest.approx(f1_score([1, 1], [1, 0]))  # 2/3
    boot = V._frame_boot(np.array([[1, 0], [1, 0]], bool), np.array([[1, 0], [0, 1]], bool))
    assert boot(np.arange(2)[None, :])[3, 0] == pytest.approx(2 / 3)  # as the bootstrap has it


def test_a_codebook_of_one_frame_is_scored_as_one_frame(tmp_path):
    # one frame and its residual ("is the conflict frame there?"): a single indicator column,
    # which scikit-learn reads as a binary target of two classes; frame_agreement and
    # framing validate raised "all the input array dimensions ... must match exactly"
    gold, pred = [1, 0, 1, 0, 1, 0], [1, 1, 1, 0, 0, 0]
    data = pd.DataFrame({"h": [["conflict"] if g else [] for g in gold],
                         "a": [["conflict"] if x else [] for x in pred]})
    table = frame_agreement(data, gold="h", pred="a", labels=["conflict"], n_boot=100)
    p, r, f, _ = precision_recall_fscore_support(gold, pred, average="binary")
    overall = table[table.frame == "all"].set_index("measure")["estimate"]
    per = table[table.frame == "conflict"].set_index("measure")["estimate"]
    assert [overall["micro_precision"], overall["micro_recall"], overall["micro_f1"],
            overall["macro_f1"]] == pytest.approx([p, r, f, f])
    assert [per["precision"], per["recall"], per["f1"]] == pytest.approx([p, r, f])
    assert per["krippendorff_alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=[gold, pred], level_of_measurement="nominal"))
    assert frame_confusion(data, gold="h", pred="a", labels=["conflict"]).values.tolist() == [
        ["conflict", 3, 3, 2, 1, 1, 2]]
    cb = tmp_path / "conflict.yaml"
    cb.write_text("name: conflict_only\nlanguage: en\nframes:\n  conflict:\n"
                  "    description: Disagreement.\n    cues: [clash*, dispute*, reject*]\n"
                  "  other:\n    description: None of the above.\n    residual: true\n")
    sheet = tmp_path / "gold.csv"
    pd.DataFrame({"text": ["Parties clashed. The opposition rejected the plan.",
                           "The weather was mild. People walked.",
                           "The dispute went on. Critics rejected it."],
                  "label": ["conflict", "other", "none"]}).to_csv(sheet, index=False)
    result = run_validation("frames", sheet, codebook=cb, n_boot=50)
    assert result["labels"] == ["conflict"] and result["n"] == 3
    assert result["per_frame"]["conflict"]["support"] == 1
    assert result["per_frame"]["conflict"]["predicted"] == 2
    assert result["micro_f1"] == pytest.approx(2 / 3) == result["macro_f1"]


def test_frame_confusion_and_crosstab_by_hand():
    data = pd.DataFrame({"h": [["economic"], ["economic", "morality"], []],
                         "a": [["economic"], ["morality"], ["morality"]]})
    conf = frame_confusion(data, gold="h", pred="a").set_index("frame")
    assert conf.loc["economic"].tolist() == [2, 1, 1, 0, 1, 1]
    assert conf.loc["morality"].tolist() == [1, 2, 1, 1, 0, 1]
    cross = frame_crosstab(data, gold="h", pred="a")
    assert cross.loc["economic", "morality"] == 1  # text 2: coded economic, found morality
    assert cross.loc["morality", "economic"] == 0


def test_frames_unknown_label_and_per_group(frame_data):
    data, labels = frame_data
    with pytest.raises(ValueError, match="not one of labels"):
        frame_agreement(data, gold="gold", pred="pred", labels=labels[:2], n_boot=0)
    data = data.set_axis([0] * len(data))  # a duplicated index does not matter
    table = frame_agreement(data, gold="gold", pred="pred", labels=labels, by="outlet",
                            n_boot=100)
    a = data[data.outlet == "A"]
    sub = frame_agreement(a, gold="gold", pred="pred", labels=labels, n_boot=0)
    assert table[(table.group == "A")].estimate.to_numpy() == pytest.approx(
        sub.estimate.to_numpy(), nan_ok=True)


# --- coder agreement ----------------------------------------------------------------------------

def test_coder_agreement_from_coding_sheets_aligns_by_id():
    one = pd.DataFrame({"id": ["a", "b", "c", "d"], "label": [True, False, True, True]})
    two = pd.DataFrame({"id": ["d", "c", "b"], "label": [True, True, True]})
    table = coder_agreement({"ann": one, "bob": two}, n_boot=0).set_index("measure")
    # pairable units b, c, d (a was coded once): values 1,0 / 1,1 / 1,1
    ref = krippendorff.alpha(reliability_data=[[0, 1, 1], [1, 1, 1]],
                             level_of_measurement="nominal")
    assert table.loc["krippendorff_alpha", "estimate"] == pytest.approx(ref)
    assert table.loc["krippendorff_alpha", "n_units"] == 3


def test_coder_agreement_matches_ids_a_spreadsheet_turned_into_numbers(caplog):
    # the sheet was handed out with ids 00001 ...; one coder saved it from Excel, which read
    # them as numbers: 1.0 (an XLSX number cell), "2", "12000" for 12E3 (a CSV). Nothing
    # matched: every unit was coded "by one coder only" and alpha was NaN for every variable
    codes_a = [True, False, True, True, False]
    codes_b = [True, False, False, True, False]
    one = pd.DataFrame({"id": ["00001", "00002", "00003", "12E3", "x9"], "label": codes_a})
    two = pd.DataFrame({"id": ["1", "2", "3.0", "12000", "x9"], "label": codes_b})
    with caplog.at_level("WARNING", logger="framing.validate"):
        table = coder_agreement({"ann": one, "bob": two}, n_boot=0).set_index("measure")
    ref = krippendorff.alpha(reliability_data=np.array([codes_a, codes_b], float),
                             level_of_measurement="nominal")
    assert table.loc["krippendorff_alpha", "estimate"] == pytest.approx(ref)
    assert table.loc["krippendorff_alpha", "n_units"] == 5
    assert "bob: 4 ids read as numbers" in caplog.text and "1 as 00001" in caplog.text
    assert list(two["id"]) == ["1", "2", "3.0", "12000", "x9"]  # the caller's sheet unchanged
    matched, notes = V._match_ids({"ann": one, "bob": two})
    assert list(matched["bob"]["id"]) == ["00001", "00002", "00003", "12E3", "x9"]
    # two spellings of one number in one sheet are two units: nothing is matched
    three = pd.DataFrame({"id": ["7", "007"], "label": [True, False]})
    four = pd.DataFrame({"id": ["007", "0007"], "label": [True, False]})
    matched, notes = V._match_ids({"c": three, "d": four})
    assert list(matched["c"]["id"]) == ["7", "007"] and list(matched["d"]["id"]) == [
        "007", "0007"] and notes == []


def test_coder_agreement_names_ids_whose_digits_a_spreadsheet_cut(tmp_path):
    # 20191104123456789 saved from Excel: 2.01911E+16 in a CSV, a number cell in an XLSX
    handed = ["20191104123456789", "a2", "a3"]
    sheet = tmp_path / "ann.csv"
    pd.DataFrame({"id": handed, "label": [1, 0, 1]}).to_csv(sheet, index=False)
    csv_b = tmp_path / "bob.csv"
    csv_b.write_text("id,label\n2.01911E+16,1\na2,0\na3,1\n")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["id", "label"])
    for row in ([float(handed[0]), 1], ["a2", 0], ["a3", 1]):
        wb.active.append(row)
    xlsx_b = tmp_path / "cy.xlsx"
    wb.save(xlsx_b)
    for other, shown in ((csv_b, "2.01911E+16 (row 2)"), (xlsx_b, "20191104123456792 (row 2)")):
        sheets = {"ann": read_coding_sheet(sheet, kind="hedging"),
                  "bob": read_coding_sheet(other, kind="hedging")}
        _, notes = V._match_ids(sheets)
        assert len(notes) == 1 and notes[0].startswith("bob: 1 id matches no other sheet's")
        assert shown in notes[0] and "format it as Text" in notes[0]


def test_coder_agreement_of_sheets_sharing_no_unit_is_an_error():
    one = pd.DataFrame({"id": ["a1", "a2"], "label": [True, False]})
    two = pd.DataFrame({"id": ["b1", "b2"], "label": [True, False]})
    with pytest.raises(InputError, match=r"no unit is in two coders' codes.*ann: a1, a2; "
                                         r"bob: b1, b2.*same coding sheet"):
        coder_agreement({"ann": one, "bob": two}, n_boot=0)


def test_coder_agreement_compares_codes_by_value_whatever_the_sheet_stored():
    # one coder's sheet read numbers as numbers, the other's as text, with stray spaces and case
    codes = pd.DataFrame({"A": [1, 0, 1, 0, 1.0, "moral", "econ "],
                          "B": ["1", "0", " 1", "0.0", "1", "Moral", "econ"]}, dtype=object)
    table = coder_agreement(codes, n_boot=0).set_index("measure")
    assert table.loc["krippendorff_alpha", "estimate"] == 1.0
    assert table.loc["observed_agreement", "estimate"] == 1.0
    codes.loc[0, "B"] = "2"  # a real disagreement still counts
    assert coder_agreement(codes, n_boot=0).set_index("measure").loc[
        "observed_agreement", "estimate"] == pytest.approx(6 / 7)


def test_coder_agreement_multilabel_is_per_frame():
    one = pd.Series([("economic",), ("economic", "morality"), ()], index=["a", "b", "c"])
    two = pd.Series([("economic",), ("morality",), ("morality",)], index=["a", "b", "c"])
    table = coder_agreement({"x": one, "y": two}, n_boot=0)
    assert sorted(table.variable.unique()) == ["economic", "morality"]
    econ = table[(table.variable == "economic") & (table.measure == "krippendorff_alpha")]
    ref = krippendorff.alpha(reliability_data=[[1, 1, 0], [1, 0, 0]],
                             level_of_measurement="nominal")
    assert econ.estimate.iloc[0] == pytest.approx(ref)


def test_coder_agreement_of_a_single_label_scheme_has_the_frame_as_one_variable():
    one = pd.Series([("economic",), ("legality",), ("economic",), ("morality",), ("legality",)],
                    index=list("abcde"))
    two = pd.Series([("economic",), ("legality",), ("morality",), ("morality",), ("legality",)],
                    index=list("abcde"))
    table = coder_agreement({"x": one, "y": two}, n_boot=0)
    whole = table[(table.variable == "frame (one per text)")
                  & (table.measure == "krippendorff_alpha")]
    ref = krippendorff.alpha(reliability_data=[[0, 1, 0, 2, 1], [0, 1, 2, 2, 1]],
                             level_of_measurement="nominal")
    assert whole.estimate.iloc[0] == pytest.approx(ref)  # 0.727
    three = pd.Series([("economic",), ("legality", "crime"), ("morality",), ("morality",),
                       ("legality",)], index=list("abcde"))  # one text with two frames
    multi = coder_agreement({"x": one, "y": three}, n_boot=0)
    assert "frame (one per text)" not in set(multi.variable)


def test_coder_agreement_bootstrap_and_errors():
    table = coder_agreement(K2011, n_boot=200, seed=3)
    assert (table.ci_low <= table.estimate).all() and (table.estimate <= table.ci_high).all()
    with pytest.raises(ValueError, match="at least two coders"):
        coder_agreement(K2011[["A"]])
    with pytest.raises(ValueError, match="level="):
        coder_agreement(K2011, level="cardinal")
    with pytest.raises(InputError, match="numeric codes"):
        coder_agreement(pd.DataFrame({"a": ["x", "y"], "b": ["x", "x"]}), level="interval")


# --- sampling -----------------------------------------------------------------------------------

@pytest.fixture
def corpus():
    rng = np.random.default_rng(0)
    outlets = ["A"] * 60 + ["B"] * 30 + ["C"] * 5
    return pd.DataFrame({"id": [f"t{i}" for i in range(95)], "outlet": outlets,
                         "text": [f"text {i}" for i in range(95)],
                         "hedging_uncertain_share": rng.beta(0.5, 3, 95)})


def test_sample_equal_allocation_caps_small_outlets_and_redistributes(corpus):
    s = sample(corpus, 25, seed=1)
    counts = s.outlet.value_counts().to_dict()
    assert counts == {"A": 10, "B": 10, "C": 5}
    assert s.id.is_unique and set(s.id) <= set(corpus.id)
    assert s.groupby("outlet").weight.first().to_dict() == {"A": 6.0, "B": 3.0, "C": 1.0}
    pd.testing.assert_frame_equal(s, sample(corpus, 25, seed=1))
    assert not s.id.equals(sample(corpus, 25, seed=2).id)


def test_sample_proportional_and_by_measure(corpus):
    s = sample(corpus, 19, allocation="proportional", seed=0)
    assert s.outlet.value_counts().to_dict() == {"A": 12, "B": 6, "C": 1}
    s = sample(corpus, 16, by=None, measure="hedging_uncertain_share", bins=4, seed=0)
    bins = pd.qcut(corpus.hedging_uncertain_share, 4)
    # every quartile of the measure is covered equally, the rare high values included
    assert bins.loc[s.index].value_counts().tolist() == [4, 4, 4, 4]
    assert s.stratum.str.startswith("hedging_uncertain_share=").all()


def test_sample_rejects_bad_requests(corpus):
    with pytest.raises(ValueError, match="more than the 95 texts"):
        sample(corpus, 96)
    with pytest.raises(MissingColumnError, match="source"):
        sample(corpus, 5, by="source")
    with pytest.raises(ValueError, match="allocation="):
        sample(corpus, 5, allocation="neyman")


# --- coding sheets ------------------------------------------------------------------------------

def test_csv_coding_sheet_round_trip(tmp_path, corpus):
    s = sample(corpus, 6, seed=0)
    written = write_coding_sheet(s, tmp_path / "sheet.csv", kind="hedging")
    assert [p.name for p in written] == ["sheet.csv", "sheet.instructions.txt"]
    sheet = pd.read_csv(written[0], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(sheet.columns) == ["id", "text", "label", "notes"]  # the outlet is not shown
    assert "write 1 if the text expresses uncertainty" in written[1].read_text(encoding="utf-8")
    with pytest.raises(MissingValueError, match=r"row 2, field 'label': no code \(5 more"):
        read_coding_sheet(written[0], kind="hedging")  # as written: BOM, nothing coded yet
    sheet["label"] = ["1", "0", "yes", "false", "1", "0"]
    sheet.to_csv(written[0], index=False)
    coded = read_coding_sheet(written[0], kind="hedging")
    assert coded.label.tolist() == [True, False, True, False, True, False]
    assert coded.id.tolist() == s.id.tolist()
    assert coded.attrs["rows"] == [2, 3, 4, 5, 6, 7]


def test_xlsx_coding_sheet_has_instructions_and_codebook(tmp_path):
    from openpyxl import load_workbook

    from framing.frames import load_codebook

    s = pd.DataFrame({"id": ["a", "b"], "title": ["T1", "T2"],
                      "text": ["=SUM(A1:A2) is not a formula", "Plain\x07 text."]})
    path = write_coding_sheet(s, tmp_path / "sheet.xlsx", kind="frames")[0]
    wb = load_workbook(path)
    assert wb.sheetnames == ["Coding", "Instructions", "Codebook"]
    coding = wb["Coding"]
    assert [c.value for c in coding[1]] == ["id", "title", "text", "label", "notes"]
    assert coding["C2"].data_type == "s" and coding["C2"].value.startswith("=SUM")
    assert coding["C3"].value == "Plain text."  # a control character Excel cannot hold
    book = {r[0]: r[1] for r in wb["Codebook"].iter_rows(min_row=2, values_only=True)}
    cb = load_codebook("policy")
    assert list(book) == list(cb.names)
    assert book["economic"] == cb.frame("economic").description
    text = "\n".join(str(r[0] or "") for r in wb["Instructions"].iter_rows(values_only=True))
    assert "separated by ';'" in text and "policy" in text
    # fill it in as a coder would, then read it back: names from the Codebook sheet are checked
    coding["D2"] = "Economic; Crime and Punishment"
    coding["D3"] = "none"
    wb.save(path)
    coded = read_coding_sheet(path, kind="frames")
    assert coded.label.tolist() == [("economic", "crime_and_punishment"), ()]
    coding["D3"] = "economy"
    wb.save(path)
    with pytest.raises(MalformedRecordError) as err:
        read_coding_sheet(path, kind="frames")
    assert "row 3" in str(err.value) and "field 'label'" in str(err.value)
    assert "unknown frame 'economy'" in str(err.value) and "economic" in str(err.value)


def test_xlsx_hedging_sheet_validates_codes(tmp_path):
    from openpyxl import load_workbook

    path = write_coding_sheet(pd.DataFrame({"text": ["a", "b"]}), tmp_path / "h.xlsx",
                              kind="hedging")[0]
    ws = load_workbook(path)["Coding"]
    assert ws["A2"].value == "0"  # the index is the id when there is no id column
    rules = ws.data_validations.dataValidation
    assert len(rules) == 1 and rules[0].formula1 == '"0,1"'


def write_sheet(path, rows, header=("id", "text", "label")):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_read_coding_sheet_errors_name_file_row_and_field(tmp_path):
    p = write_sheet(tmp_path / "s.csv", [["a", "x", "1"], ["b", "y", ""], ["c", "z", ""]])
    with pytest.raises(MissingValueError) as err:
        read_coding_sheet(p, kind="hedging")
    msg = str(err.value)
    assert str(p) in msg and "row 3" in msg and "field 'label'" in msg and "row 4" in msg
    dropped = read_coding_sheet(p, kind="hedging", missing="drop")
    assert dropped.id.tolist() == ["a"] and dropped.attrs["n_uncoded"] == 2
    p = write_sheet(tmp_path / "d.csv", [["a", "x", "1"], ["b", "y", "0"], ["a", "z", "1"]])
    with pytest.raises(MalformedRecordError, match=r"row 4, field 'id': duplicate id 'a' "
                                                   r"\(first in row 2\)"):
        read_coding_sheet(p, kind="hedging")
    p = write_sheet(tmp_path / "u.csv", [["a", "x", "maybe"]])
    with pytest.raises(MalformedRecordError, match="row 2, field 'label': 'maybe' is not a "
                                                   "yes/no code"):
        read_coding_sheet(p, kind="hedging")
    p = write_sheet(tmp_path / "n.csv", [["a", "x", "0,5"], ["b", "y", "minus one"]])
    with pytest.raises(MalformedRecordError, match="row 3.*'minus one' is not a number"):
        read_coding_sheet(p, kind="sentiment")
    p = write_sheet(tmp_path / "c.csv", [["a", "x"]], header=("id", "text"))
    with pytest.raises(MissingColumnError, match="columns present: id, text"):
        read_coding_sheet(p, kind="hedging")
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(EmptyFileError):
        read_coding_sheet(tmp_path / "e.csv", kind="hedging")


def test_sentiment_codes_accept_a_decimal_comma(tmp_path):
    p = write_sheet(tmp_path / "s.csv", [["a", "x", "0,5"], ["b", "y", "-1"]])
    assert read_coding_sheet(p, kind="sentiment").label.tolist() == [0.5, -1.0]


# --- GOLD files and run_validation ----------------------------------------------------------

GOLD_HEDGING = [
    ("The deal may collapse before Friday.", "1", "Post"),
    ("Officials said the talks could fail.", "true", "Post"),
    ("The council approved the budget on Monday.", "0", "Post"),
    ("It is unclear whether the plan will pass.", "1", "Herald"),
    ("The minister resigned.", "false", "Herald"),
    ("Prices rose by 4 percent in May.", "0", "Herald"),
]


def test_run_validation_hedging_with_outlets(tmp_path):
    p = write_sheet(tmp_path / "gold.csv", GOLD_HEDGING, header=("text", "uncertain", "outlet"))
    result = run_validation("hedging", p, label_col="uncertain", n_boot=100)
    assert result["n"] == 6
    assert {"precision", "recall", "f1", "krippendorff_alpha"} <= set(result)
    assert result["f1"] == 1.0 and result["gold_positive"] == 3
    assert set(result["per_outlet"]) == {"Herald", "Post"}
    assert result["per_outlet"]["Post"]["n"] == 3
    json.dumps(result, allow_nan=False)  # JSON-ready: no NaN, no numpy types
    table = result_table(result)
    assert list(table.columns) == V.RESULT_COLUMNS
    assert table.set_index(["group", "measure"]).loc[("Post", "f1"), "n"] == 3
    text = format_validation(result)
    assert "precision" in text and "per outlet" in text and "Herald" in text


def test_the_per_outlet_tables_show_intervals_and_say_what_macro_f1_averages():
    # ten texts per outlet gave "Vox r = -0.133, CNN r = 0.885" with no interval in the report
    # (only in the CSV); and each outlet's macro F1 (over the frames coded in that outlet) sat
    # far above the overall one, which reads as every outlet doing better than all of them
    per = {"Post": {"n": 10, "f1": 0.8, "precision": 1.0, "recall": 0.667,
                    "krippendorff_alpha": 0.7, "ci": {"f1": [0.4, 1.0]}},
           "Wire": {"n": 1, "f1": None, "ci": {"f1": [None, None]}}}
    text = format_validation({"kind": "hedging", "gold": "g.csv", "n": 11, "f1": 0.8,
                              "ci": {"f1": [0.5, 0.9]}, "per_outlet": per})
    post = next(line for line in text.splitlines() if line.strip().startswith("Post"))
    assert "[0.400, 1.000]" in post
    wire = next(line for line in text.splitlines() if line.strip().startswith("Wire"))
    assert "[" not in wire
    senti = format_validation({"kind": "sentiment", "gold": "g.csv", "n": 10, "pearson_r": 0.4,
                               "per_outlet": {"Vox": {"n": 10, "pearson_r": -0.133,
                                                      "spearman_rho": -0.2,
                                                      "ci": {"pearson_r": [-0.7, 0.5]}}}})
    assert "-0.133  [-0.700, 0.500]" in senti
    frames = format_validation({"kind": "frames", "gold": "g.csv", "n": 10, "micro_f1": 0.4,
                                "macro_f1": 0.3, "per_outlet": {"CNN": {
                                    "n": 8, "micro_f1": 0.42, "macro_f1": 0.58,
                                    "ci": {"micro_f1": [0.3, 0.55]}}}})
    assert "macro_f1*" in frames and "[0.300, 0.550]" in frames
    assert "* over the frames coded in that outlet only" in frames


def test_hedging_validation_leaves_out_and_counts_texts_it_does_not_score(tmp_path):
    german = ("Die Regierung hat am Montag beschlossen, dass die Steuern steigen werden, und die "
              "Opposition ist dagegen, weil sie die Folgen für die Bürger fürchtet.")
    rows = GOLD_HEDGING + [(german, "1", "Post")]
    p = write_sheet(tmp_path / "gold.csv", rows, header=("text", "uncertain", "outlet"))
    result = run_validation("hedging", p, label_col="uncertain", n_boot=0)
    assert result["n"] == 6 and result["n_not_english"] == 1  # not counted as "not uncertain"
    assert result["f1"] == 1.0
    assert "not scored (non-English): 1" in format_validation(result)


def test_run_validation_formats_and_errors(tmp_path):
    rows = [{"text": t, "label": int(lab in ("1", "true"))} for t, lab, _ in GOLD_HEDGING]
    jsonl = tmp_path / "gold.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    parquet = tmp_path / "gold.parquet"
    pd.DataFrame(rows).to_parquet(parquet)
    tsv = tmp_path / "gold.tsv"
    pd.DataFrame(rows).to_csv(tsv, sep="\t", index=False)
    results = [run_validation("hedging", p, n_boot=0) for p in (jsonl, parquet, tsv)]
    assert [r["f1"] for r in results] == [1.0, 1.0, 1.0]
    assert "per_outlet" not in results[0]
    with pytest.raises(MissingColumnError, match="field 'label'.*columns present: text, "
                                                 "uncertain, outlet"):
        run_validation("hedging", write_sheet(tmp_path / "g.csv", GOLD_HEDGING,
                                              header=("text", "uncertain", "outlet")))
    bad = write_sheet(tmp_path / "b.csv", [("It may rain.", "1"), ("Sun.", "perhaps")],
                      header=("text", "label"))
    with pytest.raises(MalformedRecordError, match="b.csv, row 3, field 'label'"):
        run_validation("hedging", bad)
    empty = write_sheet(tmp_path / "empty.csv", [], header=("text", "label"))
    with pytest.raises(EmptyFileError):
        run_validation("hedging", empty)
    notext = write_sheet(tmp_path / "t.csv", [("", "1")], header=("text", "label"))
    with pytest.raises(MissingValueError, match="row 2, field 'text'"):
        run_validation("hedging", notext)
    with pytest.raises(InputError, match="--train applies"):
        run_validation("hedging", tsv, train=tsv)
    with pytest.raises(InputError, match="--codebook applies"):
        run_validation("hedging", tsv, codebook="generic")
    with pytest.raises(InputError, match="kind="):
        run_validation("tone", tsv)
    with pytest.raises(InputError, match="n_boot must be"):
        run_validation("hedging", tsv, n_boot=-1)


def test_run_validation_sentiment_compares_three_scorers(tmp_path):
    rows = [("The summit was a terrible failure.", "-0.8"), ("A great win for the team.", "0.9"),
            ("Talks collapsed amid bitter anger.", "-0.6"), ("The park reopened.", "0.1"),
            ("Voters welcomed the excellent news.", "0.7")]
    p = write_sheet(tmp_path / "s.csv", rows, header=("text", "label"))
    result = run_validation("sentiment", p, n_boot=50)
    assert result["n"] == 5 and set(result["scorers"]) == {"tone", "textblob", "vader"}
    assert result["pearson_r"] == result["scorers"]["tone"]["pearson_r"] > 0.5
    assert set(result_table(result).variable) == {"tone", "textblob", "vader"}
    assert result["scorers"]["vader"]["spearman_rho"] > 0.5
    json.dumps(result, allow_nan=False)
    wide = write_sheet(tmp_path / "w.csv", [(t, str(float(v) * 100)) for t, v in rows],
                       header=("text", "label"))
    scaled = run_validation("sentiment", wide, n_boot=0)
    assert scaled["krippendorff_alpha"] is None and scaled["notes"]
    assert scaled["pearson_r"] == pytest.approx(result["pearson_r"])


def test_run_validation_frames_with_the_codebook(tmp_path):
    rows = [{"text": "Taxes will rise. The budget deficit grew, and the costs fall on taxpayers.",
             "frames": ["Economic"]},
            {"text": "The court ruled the ban unconstitutional. Judges said the law violated the "
                     "First Amendment.", "frames": "legality, constitutionality and "
                                                   "jurisprudence"},
            {"text": "The weather was mild.", "frames": []}]
    p = tmp_path / "f.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run_validation("frames", p, label_col="frames", n_boot=50)
    assert result["n"] == 3 and result["method"] == "codebook" and result["codebook"] == "policy"
    assert {"micro_f1", "macro_f1", "per_frame"} <= set(result)
    assert "other" not in result["labels"]  # the residual frame: GOLD does not use it
    assert result["per_frame"]["economic"]["tp"] == 1
    json.dumps(result, allow_nan=False)
    assert "per frame" in format_validation(result)
    table = result_table(result)
    assert {"all", "economic"} <= set(table.variable)
    rows[2]["frames"] = ["weather"]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(MalformedRecordError, match="row 3, field 'frames': unknown frame "
                                                   "'weather'"):
        run_validation("frames", p, label_col="frames")


def test_a_filled_xlsx_coding_sheet_is_a_gold_file(tmp_path):
    from openpyxl import load_workbook

    texts = [t for t, _, _ in GOLD_HEDGING]
    path = write_coding_sheet(pd.DataFrame({"text": texts}), tmp_path / "c.xlsx",
                              kind="hedging")[0]
    wb = load_workbook(path)
    for i, (_, code, _) in enumerate(GOLD_HEDGING, start=2):
        wb["Coding"][f"C{i}"] = 1 if code in ("1", "true") else 0
    wb.save(path)
    result = run_validation("hedging", path, n_boot=0)
    assert result["n"] == 6 and result["f1"] == 1.0


def test_run_validation_frames_trains_on_train_and_evaluates_on_gold(tmp_path, monkeypatch):
    """The --train plumbing, with a stand-in classifier (keyword look-up) for frames.train."""
    from types import SimpleNamespace

    from framing import frames

    seen = {}

    def fake_train(df, *, text_col, label_col, **options):
        seen["train"] = df[[text_col, label_col]].copy()
        return "fake-model"

    def fake_score(text, *, model=None, **options):
        assert model == "fake-model"
        found = [f for f, w in (("economic", "tax"), ("morality", "moral")) if w in text.lower()]
        return SimpleNamespace(present=tuple(found))

    monkeypatch.setattr(frames, "train", fake_train, raising=False)
    monkeypatch.setattr(frames, "score", fake_score)
    train = write_sheet(tmp_path / "train.csv", [("Tax cuts.", "Economic"), ("A moral duty.",
                                                 "morality"), ("Tax and moral.", "economic;morality")],
                        header=("text", "label"))
    gold = write_sheet(tmp_path / "gold.csv", [("Taxes rose.", "economic", "Post"),
                                               ("Moral panic.", "morality", "Post"),
                                               ("Troops moved.", "Security and defense", "Sun")],
                       header=("text", "label", "outlet"))
    result = run_validation("frames", gold, train=train, n_boot=0)
    assert seen["train"]["label"].tolist() == [["economic"], ["morality"],
                                               ["economic", "morality"]]
    assert result["method"] == "model" and result["n_train"] == 3
    assert result["labels_not_in_training"] == ["security_and_defense"]
    assert result["per_frame"]["security_and_defense"]["fn"] == 1
    assert result["micro_f1"] == pytest.approx(0.8) and set(result["per_outlet"]) == {"Post",
                                                                                       "Sun"}


#: Twelve hand-coded texts per frame (four written ones, three times) to train a classifier on.
CODED_ROWS = [(f"{t} {tail}".strip(), frame) for tail in ("", "It was news.", "Many noticed.")
              for frame, ts in {
    "economic": ["Taxes and the budget deficit rose.", "Prices and wages fell; costs rose.",
                 "The budget cut taxes and spending.", "Wages, prices and taxes rose."],
    "legality": ["The court ruled the law unconstitutional.", "Judges heard the appeal.",
                 "The court struck down the statute.", "Lawyers filed an appeal in court."],
}.items() for t in ts]  # 24 distinct texts


def test_run_validation_frames_with_the_real_classifier(tmp_path):
    rows = CODED_ROWS
    train = write_sheet(tmp_path / "train.csv", rows, header=("text", "frames"))
    gold = write_sheet(tmp_path / "gold.csv", [("Taxes and prices rose again.", "economic"),
                                               ("The court heard the appeal.", "legality")],
                       header=("text", "frames"))
    result = run_validation("frames", gold, label_col="frames", train=train, n_boot=0)
    assert result["method"] == "model" and result["labels"] == ["economic", "legality"]
    assert result["micro_f1"] == 1.0 and result["n_in_training"] == 0
    assert "classifier trained on" in format_validation(result)


def test_run_validation_frames_with_a_saved_model_as_the_codebook(tmp_path):
    from framing import frames

    rows = CODED_ROWS
    coded = write_sheet(tmp_path / "train.csv", rows, header=("text", "frames"))
    model = tmp_path / "model.npz"
    frames.train(coded, evaluate=False, folds=2, codebook=None, word_vectors=False, out=model)
    gold = write_sheet(tmp_path / "gold.csv", [("Taxes and prices rose again.", "economic"),
                                               ("The court heard the appeal.", "Legality"),
                                               ("The weather was mild.", "[]")],
                       header=("text", "frames"))
    result = run_validation("frames", gold, label_col="frames", codebook=str(model), n_boot=0)
    assert result["method"] == "model" and result["model"] == str(model)
    assert result["labels"] == ["economic", "legality"] and result["n"] == 3
    assert result["n_train"] == 24 and result["micro_f1"] == 1.0 and "notes" not in result
    assert result["n_in_training"] == 0 and len(result["model_data_sha256"]) == 12
    assert f"model: {model} (trained on {coded}, 24 texts, data " in format_validation(result)
    in_sample = run_validation("frames", coded, label_col="frames", codebook=model, n_boot=0)
    assert "in-sample" in in_sample["notes"][0]
    # GOLD partly made of training texts (case and spacing aside): counted and noted
    mixed = write_sheet(tmp_path / "mixed.csv", [(rows[0][0].upper(), rows[0][1]),
                                                 (rows[1][0] + "  ", rows[1][1]),
                                                 ("The weather was mild.", "[]")],
                        header=("text", "frames"))
    partial = run_validation("frames", mixed, label_col="frames", codebook=model, n_boot=0)
    assert partial["n_in_training"] == 2
    assert partial["notes"][0].startswith("2 of GOLD's 3 texts were in the training data")
    assert "note: 2 of GOLD's 3 texts" in format_validation(partial)
    with pytest.raises(InputError, match="a trained model cannot be the codebook of --train"):
        run_validation("frames", gold, label_col="frames", codebook=model, train=coded)


def test_read_gold_frames_accepts_lists_and_separated_strings(tmp_path):
    p = write_sheet(tmp_path / "g.csv", [("a", "Economic;Morality"), ("b", "['Political']"),
                                         ("c", "none")], header=("text", "label"))
    gold = read_gold(p, kind="frames", labels=["economic", "morality", "political"])
    assert gold.label.tolist() == [("economic", "morality"), ("political",), ()]


def test_blank_rows_of_a_csv_gold_file_are_skipped_as_in_xlsx(tmp_path):
    # a sheet exported from a spreadsheet keeps ",,,," lines where rows were deleted; the same
    # sheet as XLSX was read, as CSV it stopped the report ("row 52: the text is empty")
    p = tmp_path / "coded.csv"
    p.write_text("id,outlet,sentence,uncertain\n"
                 "a1,Wire,It may rain tomorrow.,1\n"
                 ",,,\n"
                 "a2,Wire,The bridge opened on Monday.,0\n"
                 "a3,Post,,1\n"
                 ",,  ,\n", encoding="utf-8")
    with pytest.raises(MissingValueError, match="row 5.*field 'sentence'"):  # still checked
        read_gold(p, kind="hedging", text_col="sentence", label_col="uncertain")
    p.write_text(p.read_text(encoding="utf-8").replace("a3,Post,,1", "a3,Post,Rain is likely.,1"),
                 encoding="utf-8")
    gold = read_gold(p, kind="hedging", text_col="sentence", label_col="uncertain")
    assert gold["label"].tolist() == [True, False, True]
    assert gold["row"].tolist() == [2, 4, 5]  # the rows of the file, blank ones counted
    assert read_coding_sheet(p, kind="hedging", label_col="uncertain")["id"].tolist() == [
        "a1", "a2", "a3"]
    assert run_validation("hedging", p, text_col="sentence", label_col="uncertain",
                          n_boot=0)["n"] == 3
    only_blank = tmp_path / "blank.csv"
    only_blank.write_text("text,label\n,\n", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        read_gold(only_blank, kind="hedging")


# --- on the shared data ---------------------------------------------------------------------

def test_hedging_validation_reproduces_the_szeged_figure(tmp_path):
    src = shared_path("szeged_uncertainty_corpus", "szeged_uncertainty_sentences.jsonl.gz")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if r["subcorpus"] == "factbank"]
    gold = tmp_path / "factbank.csv"
    pd.DataFrame({"text": [r["text"] for r in rows],
                  "uncertain": [r["uncertain"] for r in rows]}).to_csv(gold, index=False)
    result = run_validation("hedging", gold, label_col="uncertain", n_boot=100)
    from framing import hedging

    pred = [any(hedging.score(r["text"]).sentence_uncertain) for r in rows]
    p, r, f, _ = precision_recall_fscore_support([r["uncertain"] for r in rows], pred,
                                                 average="binary")
    assert result["n"] == len(rows) == 1753
    assert (result["precision"], result["recall"], result["f1"]) == pytest.approx((p, r, f))
    assert result["f1"] >= 0.75  # the target on the news development half


def test_sheet_columns_adapt_to_a_coding_sheet_and_say_so(tmp_path):
    from conftest import REPO

    demo = V.sheet_columns(REPO / "data" / "sample" / "coding_example.csv", text_col="sentence",
                           label_col="uncertain", outlet_col="outlet", second_label_col="tone")
    assert demo == ({"text_col": "sentence", "label_col": "uncertain", "outlet_col": "outlet",
                     "second_label_col": "tone"}, [])
    own = tmp_path / "coding.csv"  # the columns write_coding_sheet writes
    own.write_text("id,title,text,label,notes\na1,T,It may rain.,economic,\n", encoding="utf-8")
    cols, notes = V.sheet_columns(own, text_col="sentence", label_col="uncertain",
                                  outlet_col="outlet", second_label_col="")
    assert cols == {"text_col": "text", "label_col": "label", "outlet_col": "",
                    "second_label_col": None}
    assert [n.split(":")[0].split(";")[0] for n in notes] == [
        "The sheet has no column 'sentence'", "The sheet has no column 'uncertain'",
        "The sheet has no column 'outlet'"]
    bare = tmp_path / "bare.csv"  # nothing to fall back on: left for run_validation to report
    bare.write_text("id,body,code\na1,It may rain.,1\n", encoding="utf-8")
    assert V.sheet_columns(bare, text_col="sentence", label_col="uncertain")[0]["text_col"] == \
        "sentence"


def test_frames_validation_leaves_out_texts_an_english_codebook_does_not_score(tmp_path):
    gold = write_sheet(tmp_path / "gold.csv", [
        ("Taxes and the budget deficit rose again as wages fell.", "economic"),
        ("Die Regierung hat die Steuern erhöht, und die Preise sind in diesem Jahr für die "
         "meisten Familien im ganzen Land wieder gestiegen.", "economic"),
        ("Der Richter hat das Urteil am Montag in Berlin verkündet, und die Anwälte der "
         "Regierung wollen nun in die nächste Instanz gehen.", "none")],
        header=("text", "frames"))
    result = run_validation("frames", gold, label_col="frames", n_boot=0)
    assert result["n"] == 1 and result["n_not_english"] == 2
    assert result["notes"][0].startswith("2 texts not English, left out")


def test_frame_coding_instructions_use_the_codebooks_own_names_and_its_residual(tmp_path):
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  burden:\n    cues: [welfare]\n  refuge:\n    cues: [asylum]\n"
                    "  other:\n    residual: true\n", encoding="utf-8")
    s = pd.DataFrame({"id": ["a1"], "text": ["Welfare costs rose."]})
    V.write_coding_sheet(s, tmp_path / "c.csv", kind="frames", codebook=book)
    text = (tmp_path / "c.instructions.txt").read_text(encoding="utf-8")
    assert "(e.g. 'burden; refuge')" in text
    assert "Write 'none' when no frame applies (not 'other': it means the same as 'none')" in text


def test_validation_reads_the_residual_frame_alone_as_none(tmp_path):
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  burden:\n    cues: [welfare, costs]\n  refuge:\n"
                    "    cues: [asylum]\n  other:\n    residual: true\n", encoding="utf-8")
    texts = ["Welfare costs rose again.", "Asylum claims fell.", "It rained all day.",
             "Welfare costs and asylum."]
    results = []
    for nothing in ("none", "other"):
        gold = tmp_path / f"{nothing}.csv"
        pd.DataFrame({"text": texts, "label": ["burden", "refuge", nothing, "burden;refuge"]}
                     ).to_csv(gold, index=False)
        results.append(run_validation("frames", gold, codebook=book, n_boot=0))
    assert results[0]["labels"] == results[1]["labels"] == ["burden", "refuge"]
    assert results[0]["micro_f1"] == results[1]["micro_f1"] == 1.0


def test_the_residual_frame_alone_reads_as_none_in_coding_sheets(tmp_path):
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  burden:\n    cues: [welfare]\n  refuge:\n    cues: [asylum]\n"
                    "  other:\n    residual: true\n", encoding="utf-8")
    sample = pd.DataFrame({"id": ["a1", "a2", "a3"],
                           "text": ["Welfare costs rose.", "Asylum claims fell.", "It rained."]})
    V.write_coding_sheet(sample, tmp_path / "c.xlsx", kind="frames", codebook=book)
    import openpyxl

    sheets = {}
    for coder, codes in (("x", ["burden", "refuge", "none"]), ("y", ["burden", "refuge", "Other"])):
        wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
        ws = wb["Coding"]
        col = [c.value for c in ws[1]].index("label") + 1
        for row, code in zip(range(2, 5), codes):
            ws.cell(row, col).value = code
        wb.save(tmp_path / f"{coder}.xlsx")
        sheets[coder] = V.read_coding_sheet(tmp_path / f"{coder}.xlsx", kind="frames")
    assert sheets["y"]["label"].tolist() == [("burden",), ("refuge",), ()]
    table = coder_agreement(sheets, n_boot=0)
    assert (table[table.measure == "krippendorff_alpha"].estimate == 1.0).all()
    # a code list with "other" among other frames stays as written
    from framing.frames import load_codebook

    csv = tmp_path / "z.csv"
    csv.write_text("id,text,label\na1,x,other\na2,y,burden;other\n", encoding="utf-8")
    codes = V.read_coding_sheet(csv, kind="frames", labels=load_codebook(book))["label"].tolist()
    assert codes == [(), ("burden", "other")]


# --- figures every bootstrap resample repeats (audit: precision 0.000 [0, 0] per outlet) ---

def _wilson(k, n):
    from statsmodels.stats.proportion import proportion_confint

    return [float(x) for x in proportion_confint(k, n, alpha=0.05, method="wilson")]


def test_a_proportion_at_0_or_1_gets_wilson_not_a_zero_width_interval():
    # outlet B: 3 texts predicted uncertain, none coded so (tp 0, fp 3, fn 2): precision,
    # recall and F1 are 0 in every resample, so the percentile interval was [0, 0]
    data = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
                         "gold": [1, 1, 1, 0, 0, 0, 1, 0] + [1, 1, 0, 0, 0, 0, 0, 0],
                         "pred": [1, 1, 0, 0, 1, 0, 1, 0] + [0, 0, 1, 1, 1, 0, 0, 0]})
    table = binary_agreement(data, gold="gold", pred="pred", by="outlet", n_boot=300)
    b = table[table["group"] == "B"].set_index("measure")
    assert b.loc["precision", ["ci_low", "ci_high"]].tolist() == pytest.approx(_wilson(0, 3))
    assert b.loc["recall", ["ci_low", "ci_high"]].tolist() == pytest.approx(_wilson(0, 2))
    j_low, j_high = _wilson(0, 5)  # F1 through the Jaccard index tp / (tp + fp + fn)
    assert b.loc["f1", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [2 * j_low / (1 + j_low), 2 * j_high / (1 + j_high)])
    assert b.loc["precision", "ci_high"] > 0.5  # three texts say little
    assert b.loc["precision", "ci_note"].startswith("Wilson interval, 0 of 3")
    assert b.loc["f1", "ci_note"].startswith("Wilson interval of tp/(tp+fp+fn) = 0 of 5")
    # the other figures vary under resampling: bootstrap intervals, no note
    assert b.loc["accuracy", "ci_note"] == "" and b.loc["accuracy", "ci_low"] < 0.5
    a = table[table["group"] == "A"].set_index("measure")
    assert (a["ci_note"] == "").all()  # tp 3, fp 1, fn 1: every figure varies


def test_perfect_agreement_has_no_interval_and_says_so():
    data = pd.DataFrame({"gold": [1, 0, 1, 0, 1, 0], "pred": [1, 0, 1, 0, 1, 0]})
    t = binary_agreement(data, gold="gold", pred="pred", n_boot=200).set_index("measure")
    assert np.isnan(t.loc["krippendorff_alpha", "ci_low"])
    assert t.loc["krippendorff_alpha", "ci_note"] == \
        "no interval: every bootstrap resample gives 1.000"
    assert t.loc["accuracy", ["ci_low", "ci_high"]].tolist() == pytest.approx(_wilson(6, 6))
    assert (binary_agreement(data, gold="gold", pred="pred", n_boot=0)["ci_note"] == "").all()
    codes = pd.DataFrame({"a": [1, 0, 1, 1, 0], "b": [1, 0, 1, 1, 0]})
    c = coder_agreement(codes, n_boot=200).set_index("measure")
    assert np.isnan(c.loc["krippendorff_alpha", "ci_low"])
    assert c.loc["observed_agreement", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        _wilson(5, 5))
    assert "Wilson" in c.loc["observed_agreement", "ci_note"]


def test_frame_agreement_falls_back_per_frame():
    df = pd.DataFrame({"human": [["economic"], ["economic"], [], ["morality"], []],
                       "auto": [["economic"], ["economic"], ["morality"], [], []]})
    t = frame_agreement(df, gold="human", pred="auto", n_boot=200)
    morality = t[t["frame"] == "morality"].set_index("measure")
    assert morality.loc["precision", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        _wilson(0, 1))
    economic = t[t["frame"] == "economic"].set_index("measure")
    assert economic.loc["recall", "ci_note"].startswith("Wilson interval, 2 of 2")
    assert economic.loc["krippendorff_alpha", "ci_note"].startswith("no interval")


def test_validation_output_says_which_intervals_are_wilson(tmp_path):
    rows = [("It may rain tomorrow.", "1", "Post"), ("Officials said the talks could fail.", "1",
            "Post"), ("The minister resigned on Monday.", "0", "Post"),
            ("Prices rose by 4 percent in May.", "0", "Post"),
            ("It may rain tomorrow, perhaps.", "1", "Wire"), ("The vote was held.", "0", "Wire"),
            ("The bridge opened in June.", "0", "Wire"), ("The court ruled on Friday.", "0",
                                                             "Wire")]
    p = write_sheet(tmp_path / "gold.csv", rows, header=("text", "uncertain", "outlet"))
    result = run_validation("hedging", p, label_col="uncertain", n_boot=200)
    json.dumps(result, allow_nan=False)
    table = result_table(result)
    wilson = table[table["ci_note"].str.startswith("Wilson")]
    assert len(wilson) and (wilson["ci_high"] > wilson["ci_low"]).all()
    text = format_validation(result)
    assert "intervals the bootstrap cannot give" in text and "Wilson interval" in text


# --- uncoded rows (audit: one blank cell stopped the whole validation report) ---

def _sheet_with_blanks(tmp_path, name="coded.csv", bad=None):
    rows = [("It may rain tomorrow.", "1", "-0.5", "Post"),
            ("The minister resigned on Monday.", "0", "", "Post"),       # row 3: no tone
            ("Officials said the talks could fail.", "", "-0.4", "Post"),  # row 4: not coded
            ("A great win for the team.", "0", "0.9", "Wire"),
            ("The bridge opened in June.", "0", " ", "Wire"),            # row 6: no tone
            ("Prices may rise again.", "1", "-0.2", "Wire")]
    if bad:
        rows.append(bad)
    return write_sheet(tmp_path / name, rows, header=("text", "uncertain", "tone", "outlet"))


def test_uncoded_rows_are_an_error_by_default_naming_them_and_the_way_out(tmp_path):
    p = _sheet_with_blanks(tmp_path)
    with pytest.raises(MissingValueError, match=r"coded.csv, row 3, field 'tone'.*1 more: "
                                                r"row 6.*--drop-uncoded"):
        run_validation("sentiment", p, label_col="tone", n_boot=0)


def test_uncoded_rows_are_left_out_of_that_comparison_only_and_listed(tmp_path):
    p = _sheet_with_blanks(tmp_path)
    tone = run_validation("sentiment", p, label_col="tone", n_boot=0, missing="drop")
    assert tone["n"] == 4 and tone["n_uncoded"] == 2 and tone["uncoded_rows"] == [3, 6]
    assert any("2 rows of coded.csv without a code in 'tone' left out of this comparison: "
               "row 3, row 6" in n for n in tone["notes"])
    assert "row 3, row 6" in format_validation(tone)
    json.dumps(tone, allow_nan=False)
    hedging = run_validation("hedging", p, label_col="uncertain", n_boot=0, missing="drop")
    assert hedging["n"] == 5 and hedging["uncoded_rows"] == [4]  # its own blank only
    gold = read_gold(p, kind="sentiment", label_col="tone", missing="drop")
    assert gold["row"].tolist() == [2, 4, 5, 7] and gold.attrs["uncoded_rows"] == [3, 6]
    clean = run_validation("hedging", p, label_col="uncertain", n_boot=0, missing="drop",
                           text_col="text")
    assert clean["n_uncoded"] == 1


def test_an_unreadable_code_is_an_error_even_when_blanks_are_dropped(tmp_path):
    p = _sheet_with_blanks(tmp_path, bad=("The vote was held.", "0", "negative", "Wire"))
    with pytest.raises(MalformedRecordError, match=r"coded.csv, row 8, field 'tone': "
                                                   r"'negative' is not a number"):
        run_validation("sentiment", p, label_col="tone", n_boot=0, missing="drop")


def test_frames_validation_drops_uncoded_rows_too(tmp_path):
    gold = write_sheet(tmp_path / "gold.csv", [
        ("Taxes and the budget deficit rose again as wages fell.", "economic"),
        ("The court sentenced the man to prison for the robbery.", ""),
        ("Police arrested the suspect after the shooting.", "crime_and_punishment")],
        header=("text", "label"))
    result = run_validation("frames", gold, n_boot=0, missing="drop")
    assert result["n"] == 2 and result["uncoded_rows"] == [3]
    with pytest.raises(MissingValueError, match="row 3, field 'label'"):
        run_validation("frames", gold, n_boot=0)


def test_a_sentiment_report_on_tone_does_not_compare_tone_twice(tmp_path):
    p = _sheet_with_blanks(tmp_path)
    cols, notes = V.sheet_columns(p, text_col="text", label_col="tone", outlet_col="outlet",
                                  second_label_col="tone", kind="sentiment")
    assert cols["label_col"] == "tone" and cols["second_label_col"] is None
    assert notes == ["The second comparison (column 'tone' against tone, TextBlob and VADER) is "
                     "the main one of this sentiment report: it is shown once."]
    cols, notes = V.sheet_columns(p, text_col="text", label_col="uncertain", outlet_col="outlet",
                                  second_label_col="tone", kind="hedging")
    assert cols["second_label_col"] == "tone" and notes == []


def test_an_empty_outlet_column_means_no_breakdown_even_when_the_sheet_has_outlet(tmp_path):
    # audit: the validation report documents outlet_col "" as "none", but None (what it passed)
    # fell back to the sheet's column called outlet, and the report broke down by outlet anyway;
    # so did a named outlet column the sheet lacks, whose note said there was no breakdown
    sheet = tmp_path / "coded.csv"
    sheet.write_text("text,label,outlet,source\nIt may rain.,1,A,x\nIt rains.,0,B,y\n",
                     encoding="utf-8")
    assert "outlet" in V.read_gold(sheet, kind="hedging").columns
    assert "outlet" not in V.read_gold(sheet, kind="hedging", outlet_col="").columns
    assert "per_outlet" not in V.run_validation("hedging", sheet, outlet_col="", n_boot=20)
    cols, notes = V.sheet_columns(sheet, text_col="text", label_col="label", outlet_col="medium")
    assert cols["outlet_col"] == "" and "not broken down by outlet" in notes[0]
    assert "per_outlet" not in V.run_validation("hedging", sheet, outlet_col=cols["outlet_col"],
                                                n_boot=20)


# --- undefined figures say why (audit: binary/frame alpha NaN with an empty ci_note) ---

def test_an_undefined_alpha_of_human_against_measure_says_why():
    # every human and machine code 0: alpha is NaN (no disagreement expected by chance); it
    # came with an empty ci_note, read as a failure of the tool (coder_agreement said why)
    table = binary_agreement(pd.DataFrame({"g": [0, 0], "p": [0, 0]}), gold="g", pred="p")
    t = table.set_index("measure")
    assert math.isnan(t.loc["krippendorff_alpha", "estimate"])
    assert t.loc["krippendorff_alpha", "ci_note"].startswith(
        "no estimate: every code is the same value (humans and measure coded every text 0), "
        "so alpha is undefined")
    assert t.loc["precision", "ci_note"] == "no estimate: the measure found no positive text"
    assert t.loc["recall", "ci_note"] == "no estimate: the humans coded no positive text"
    ones = binary_agreement(pd.DataFrame({"g": [1, 1], "p": [1, 1]}), gold="g", pred="p",
                            n_boot=0).set_index("measure")
    assert "coded every text 1)" in ones.loc["krippendorff_alpha", "ci_note"]
    assert ones.loc["precision", "ci_note"] == ""  # defined: 1.0
    frames = frame_agreement(pd.DataFrame({"g": [["a"], ["a"], []], "p": [["a"], ["a"], []]}),
                             gold="g", pred="p", labels=["a", "b"], n_boot=0)
    b = frames[frames["frame"] == "b"].set_index("measure")
    assert b.loc["krippendorff_alpha", "ci_note"].startswith(
        "no estimate: every code is the same value (the frame is absent from every text, for "
        "humans and measure alike)")
    assert b.loc["precision", "ci_note"] == "no estimate: the measure never found this frame"
    a = frames[frames["frame"] == "a"].set_index("measure")
    assert (a["ci_note"] == "").all()  # alpha 1, every figure defined
    every = frame_agreement(pd.DataFrame({"g": [["a"], ["a"]], "p": [["a"], ["a"]]}),
                            gold="g", pred="p", n_boot=0).set_index(["frame", "measure"])
    assert "present in every text" in every.loc[("a", "krippendorff_alpha"), "ci_note"]
    flat = continuous_agreement(pd.DataFrame({"g": [0.5, 0.5, 0.5], "p": [0.1, 0.5, 0.2]}),
                                gold="g", pred="p", n_boot=0).set_index("measure")
    assert flat.loc["pearson_r", "ci_note"] == (
        "no estimate: the human scores are all 0.5, so there is no variation to correlate")


def test_the_text_output_says_why_an_outlet_figure_has_no_estimate():
    per = {"Post": {"n": 2, "krippendorff_alpha": None, "ci": {"krippendorff_alpha": [None, None]},
                    "ci_note": {"krippendorff_alpha": "no estimate: every code is the same"}}}
    text = format_validation({"kind": "hedging", "gold": "g.csv", "n": 2, "per_outlet": per})
    assert "and figures without an estimate:" in text
    assert "Post: krippendorff_alpha -: no estimate: every code is the same" in text


# --- a label column that differs only in case or spaces (audit: reported just as missing) ---

def test_a_column_differing_only_in_case_or_spaces_is_suggested(tmp_path):
    p = tmp_path / "coded.csv"
    p.write_text("id,text,Label \na1,It may rain.,1\na2,The vote was held.,0\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as err:
        run_validation("hedging", p, n_boot=0)
    assert err.value.field == "label"
    assert "the file has 'Label', which differs only in case, spaces or underscores" in str(
        err.value) and "--label-col Label" in str(err.value)
    with pytest.raises(MissingColumnError, match="--label-col Label"):
        read_coding_sheet(p, kind="hedging")
    with pytest.raises(MissingColumnError, match="--text-col text"):
        read_gold(p, kind="hedging", text_col="Text", label_col="Label")
    with pytest.raises(MissingColumnError) as other:  # nothing close: no suggestion
        read_gold(p, kind="hedging", label_col="code")
    assert "differs only" not in str(other.value)
    assert run_validation("hedging", p, label_col="Label", n_boot=0)["n"] == 2
    cols, notes = V.sheet_columns(p, text_col="text", label_col="uncertain", kind="hedging")
    assert cols["label_col"] == "Label" and "read from 'Label'" in notes[0]


def test_the_text_output_shows_every_interval_it_has():
    # the sentiment table printed alpha without its interval, the per-outlet tables and the
    # per-frame table gave some figures' intervals only (in the CSV, not the text)
    fig = {"pearson_r": 0.4, "spearman_rho": 0.3, "krippendorff_alpha": 0.35,
           "ci": {"pearson_r": [0.1, 0.6], "spearman_rho": [0.0, 0.5],
                  "krippendorff_alpha": [0.12, 0.55]}}
    senti = format_validation({"kind": "sentiment", "gold": "g.csv", "n": 10, **fig,
                               "scorers": {"tone": fig}, "per_outlet": {"Vox": {"n": 10, **fig}}})
    assert senti.count("0.350  [0.120, 0.550]") == 2  # overall and for Vox
    hedging = format_validation({"kind": "hedging", "gold": "g.csv", "n": 10, "per_outlet": {
        "Post": {"n": 10, "precision": 0.5, "krippendorff_alpha": 0.2,
                 "ci": {"precision": [0.25, 0.75], "krippendorff_alpha": [-0.1, 0.6]}}}})
    post = next(line for line in hedging.splitlines() if line.strip().startswith("Post"))
    assert "0.500  [0.250, 0.750]" in post and "0.200  [-0.100, 0.600]" in post
    frames = format_validation({"kind": "frames", "gold": "g.csv", "n": 10, "per_frame": {
        "economic": {"support": 3, "predicted": 2, "recall": 0.667, "krippendorff_alpha": None,
                     "ci": {"recall": [0.3, 0.9], "krippendorff_alpha": [None, None]},
                     "ci_note": {"krippendorff_alpha": "no estimate: why"}}}})
    economic = next(line for line in frames.splitlines() if line.strip().startswith("economic"))
    assert "0.667  [0.300, 0.900]" in economic
    assert "economic: krippendorff_alpha -: no estimate: why" in frames


# --- sources coded by hand (audit: framing validate had no sources kind) ---

# measured by framing.sources 2.6: quotes (n_quotes) 1, 1, 0, 2, 0, 1; anonymous sources in
# s2 and s4 only
GOLD_SOURCES = [
    ("s1", "Post", '"We will not be rushed," Prime Minister Alia Verhoeven said.', "0", "1"),
    ("s2", "Post", "Officials said talks would resume.", "1", "1"),
    ("s3", "Post", "The bridge opened in June.", "0", "0"),
    ("s4", "Wire", '"We will win," Ana Ruiz said. Officials said it failed.', "1", "3"),
    ("s5", "Wire", "Prices rose by 4 percent in May.", "1", "0"),
    ("s6", "Wire", "The ministry said the road would reopen.", "0", "1"),
]


def _sources_sheet(tmp_path, rows=GOLD_SOURCES):
    return write_sheet(tmp_path / "sources.csv", rows,
                       header=("id", "outlet", "text", "anonymous", "quotes"))


def test_validate_sources_anonymous_against_hand_computed_figures(tmp_path):
    p = _sources_sheet(tmp_path)
    result = run_validation("sources", p, label_col="anonymous", n_boot=0)  # code: anonymous
    assert result["code"] == "anonymous" and result["n"] == 6
    # human 0 1 0 1 1 0, measure 0 1 0 1 0 0: tp 2, fp 0, fn 1, tn 3
    assert result["precision"] == 1.0 and result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(0.8) and result["accuracy"] == pytest.approx(5 / 6)
    # nominal alpha: 12 values (7 zeros, 5 ones), one unit disagrees: 1 - 11 * 1 / (7 * 5)
    assert result["krippendorff_alpha"] == pytest.approx(24 / 35)
    assert (result["gold_positive"], result["predicted_positive"]) == (3, 2)
    assert result["per_outlet"]["Wire"]["recall"] == pytest.approx(0.5)
    table = result_table(result)
    assert set(table["variable"]) == {"anonymous"}
    text = format_validation(result)
    assert "framing validate sources" in text and "anonymous_sources > 0" in text
    assert "articles with an anonymous source: 3 coded, 2 found" in text


def test_validate_sources_quotes_as_a_count_against_hand_computed_figures(tmp_path):
    p = _sources_sheet(tmp_path)
    result = run_validation("sources", p, label_col="quotes", code="quotes", n_boot=0)
    # human 1 1 0 3 0 1, measure 1 1 0 2 0 1: Sxy 4, Sxx 6, Syy 17/6, so r = 4 / sqrt(17)
    assert result["pearson_r"] == pytest.approx(4 / math.sqrt(17))
    assert result["spearman_rho"] == pytest.approx(1.0)  # the same order, ties alike
    # interval alpha: D_o = 4 * 0.5 / 12, D_e = 2 / 11 * 107 / 12: 1 - 11 / 107
    assert result["krippendorff_alpha"] == pytest.approx(96 / 107)
    assert (result["gold_total"], result["predicted_total"]) == (6, 5)
    assert "n_quotes" in result["measure"]
    assert set(result_table(result)["variable"]) == {"quotes"}
    text = format_validation(result)
    assert "quotes, summed over the texts: 6 coded, 5 found" in text
    assert "pearson_r" in text and "per outlet:" in text


def test_a_sources_code_is_checked_against_what_it_records(tmp_path):
    p = _sources_sheet(tmp_path)
    # counts read as the default yes/no code: the error says how to choose the count
    with pytest.raises(MalformedRecordError) as err:
        run_validation("sources", p, label_col="quotes", n_boot=0)
    assert err.value.row == 5 and "--code quotes|direct_quotes|named_sources" in str(err.value)
    bad = [r[:4] + ("2.5",) for r in GOLD_SOURCES[:2]] + [r[:4] + ("-1",) for r in GOLD_SOURCES[2:3]]
    with pytest.raises(MalformedRecordError, match="is not a count") as count:
        read_gold(_sources_sheet(tmp_path, bad), kind="sources", code="quotes",
                  label_col="quotes")
    assert count.value.row == 2 and "2 more row(s) like it: row 3, row 4" in str(count.value)
    with pytest.raises(InputError, match="applies to kind 'sources' only"):
        run_validation("hedging", p, label_col="anonymous", code="quotes", n_boot=0)
    with pytest.raises(InputError, match="choose one of: 'anonymous', 'quotes'"):
        run_validation("sources", p, label_col="quotes", code="quote", n_boot=0)


def test_validate_sources_leaves_out_and_counts_texts_it_does_not_score(tmp_path):
    german = ("Die Regierung hat am Montag beschlossen, dass die Steuern steigen werden, und die "
              "Opposition ist dagegen, weil sie die Folgen für die Bürger fürchtet.")
    p = _sources_sheet(tmp_path, GOLD_SOURCES + [("s7", "Post", german, "1", "4")])
    result = run_validation("sources", p, label_col="quotes", code="quotes", n_boot=0)
    assert result["n"] == 6 and result["n_not_english"] == 1
    assert result["gold_total"] == 6  # the German text's 4 are not compared


def test_sources_coding_sheets_are_written_read_and_compared(tmp_path):
    from openpyxl import load_workbook

    s = pd.DataFrame({"id": ["a1", "a2"], "text": ["Officials said so.", "It rained."]})
    csv_path, notes = write_coding_sheet(s, tmp_path / "q.csv", kind="sources", code="quotes")
    instructions = notes.read_text(encoding="utf-8")
    assert "number of attributions" in instructions and "counts twice" in instructions
    write_coding_sheet(s, tmp_path / "anon.xlsx", kind="sources")
    wb = load_workbook(tmp_path / "anon.xlsx")
    assert "anonymous source" in str(wb["Instructions"]["A1"].value)
    assert wb["Coding"].data_validations.dataValidation[0].formula1 == '"0,1"'
    write_coding_sheet(s, tmp_path / "q.xlsx", kind="sources", code="named_sources")
    dv = load_workbook(tmp_path / "q.xlsx")["Coding"].data_validations.dataValidation[0]
    assert (dv.type, dv.formula1) == ("whole", "0")
    with pytest.raises(ValueError, match="applies to kind 'sources' only"):
        write_coding_sheet(s, tmp_path / "h.csv", kind="hedging", code="quotes")
    a = write_sheet(tmp_path / "a.csv", [["a1", "x", "1"], ["a2", "y", "0"], ["a3", "z", "3"],
                                         ["a4", "w", "2"], ["a5", "v", "1"]])
    b = write_sheet(tmp_path / "b.csv", [["a1", "x", "1"], ["a2", "y", "0"], ["a3", "z", "2.0"],
                                         ["a4", "w", "2"], ["a5", "v", "0"]])
    sheets = {n: read_coding_sheet(f, kind="sources", code="quotes") for n, f in
              (("a", a), ("b", b))}
    assert sheets["b"]["label"].tolist() == [1, 0, 2, 2, 0]
    # interval alpha by hand: D_o = 4 * (0.5 + 0.5) / 10, D_e = 2 / 9 * 9.6: 1 - 0.1875
    alpha = coder_agreement(sheets, level="interval", n_boot=0)["estimate"][0]
    assert alpha == pytest.approx(13 / 16)


# --- a blind coding sheet broken down by outlet (audit: its outlets could not be joined back) ---

def _blind_sheet(tmp_path, sample_corpus):
    picked = sample(sample_corpus, 8, seed=1)
    path = tmp_path / "blind.csv"
    write_coding_sheet(picked, path, kind="hedging")
    sheet = pd.read_csv(path, dtype=str)
    sheet["label"] = ["1", "0"] * 4
    sheet.to_csv(path, index=False)
    return path, picked


def test_a_blind_sheet_gets_its_outlets_from_the_corpus_or_store_by_id(tmp_path):
    import framing
    from conftest import REPO

    corpus_path = REPO / "data" / "sample" / "articles.jsonl"
    path, picked = _blind_sheet(tmp_path, framing.load_corpus(corpus_path))
    assert "outlet" not in pd.read_csv(path).columns  # blind: no breakdown without the corpus
    assert "per_outlet" not in run_validation("hedging", path, n_boot=0)
    result = run_validation("hedging", path, corpus=corpus_path, n_boot=0)
    expected = picked["outlet"].value_counts().to_dict()
    assert {g: f["n"] for g, f in result["per_outlet"].items()} == expected
    assert result["outlets_from"] == str(corpus_path)
    gold = read_gold(path, kind="hedging", articles=V.article_outlets(corpus=corpus_path))
    assert gold["outlet"].tolist() == picked["outlet"].tolist()
    assert gold["date"].tolist() == picked["date"].tolist()
    with framing.Store(tmp_path / "s.duckdb") as st:
        st.ingest(corpus_path)
    stored = run_validation("hedging", path, store=tmp_path / "s.duckdb", n_boot=0)
    assert {g: f["n"] for g, f in stored["per_outlet"].items()} == expected
    # ids the corpus lacks are listed with their rows
    sheet = pd.read_csv(path, dtype=str)
    sheet.loc[[1, 4], "id"] = ["nope1", "nope2"]
    sheet.to_csv(path, index=False)
    with pytest.raises(InputError) as err:
        run_validation("hedging", path, corpus=corpus_path, n_boot=0)
    assert err.value.field == "id"
    assert "2 of the sheet's 8 ids are not articles of" in str(err.value)
    assert "nope1 (row 3), nope2 (row 6)" in str(err.value)
    with pytest.raises(InputError, match="not both"):
        run_validation("hedging", path, corpus=corpus_path, store=tmp_path / "s.duckdb")
