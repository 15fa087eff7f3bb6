"""framing.frames: codebooks (shipped and users'), codebook scoring, the supervised classifier."""

from __future__ import annotations

import json
import math
import random
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import shared_path
from framing import frames
from framing.errors import InputError, MalformedRecordError, MissingColumnError, MissingValueError
from framing.frames import (
    CodebookError,
    CodebookWarning,
    FramesModel,
    FramesResult,
    ModelError,
    canonical_name,
    load_codebook,
    load_model,
    predict,
    score,
    score_corpus,
    train,
)
from framing.text import segment

POLICY_FRAMES = ("economic", "capacity_and_resources", "morality", "fairness_and_equality",
                 "legality_constitutionality_and_jurisprudence",
                 "policy_prescription_and_evaluation", "crime_and_punishment",
                 "security_and_defense", "health_and_safety", "quality_of_life",
                 "cultural_identity", "public_opinion", "political",
                 "external_regulation_and_reputation", "other")


def cues(result: FramesResult, frame: str) -> list[str]:
    return [e.text for e in result.evidence if e.label == frame]


def check_spans(text: str, result: FramesResult) -> None:
    for e in result.evidence:
        assert text[e.start:e.end] == e.text


# --- shipped codebooks -------------------------------------------------------------------------

def test_policy_codebook_has_the_fifteen_frames_in_order():
    cb = load_codebook("policy")
    assert cb.names == POLICY_FRAMES
    assert cb.frame("other").residual
    for f in cb.frames:
        assert f.description and "Boydstun et al. 2014" in f.provenance
        assert f.residual or len(f.cues) >= 20


def test_generic_codebook_has_the_five_frames():
    cb = load_codebook("generic")
    assert cb.names == ("conflict", "human_interest", "economic_consequences", "morality",
                        "responsibility")
    assert all("Semetko & Valkenburg 2000" in f.provenance for f in cb.frames)


def test_shipped_codebooks_load_without_warnings_and_have_a_manifest():
    frames.codebook._shipped.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in frames.shipped_codebooks():
            load_codebook(name)
    manifest = frames.codebook._manifest()
    assert "MIT" in manifest["licence"]
    assert set(manifest["codebooks"]) == set(frames.codebook._SHIPPED_NAMES)


@pytest.mark.parametrize("label", ["Security_and_defense", "security and defense",
                                   "SECURITY-AND-DEFENSE", " security  and defense "])
def test_labels_match_case_and_separator_insensitively(label):
    assert load_codebook("policy").frame(label).name == "security_and_defense"
    assert canonical_name("Legality, Constitutionality and jurisprudence") == \
        "legality_constitutionality_and_jurisprudence"


def test_unknown_label_lists_the_frames():
    with pytest.raises(KeyError, match="frames: economic, capacity_and_resources"):
        load_codebook("policy").frame("weather")


def test_version_changes_with_the_codebooks():
    assert frames.VERSION.startswith(frames.CODE_VERSION + "+")
    assert len(frames.VERSION.split("+")[1]) == 8
    assert frames.codebook_version("policy") != frames.codebook_version("generic")


# --- codebook scoring: golden sentences -------------------------------------------------------

@pytest.mark.parametrize("text, frame", [
    ("Taxes will rise and the budget deficit keeps growing.", "economic"),
    ("Hospitals are understaffed and face a shortage of beds.", "capacity_and_resources"),
    ("Bishops said the policy was immoral and a sin.", "morality"),
    ("Critics called the rule discriminatory and unfair to minorities.", "fairness_and_equality"),
    ("The Supreme Court ruled the statute unconstitutional.",
     "legality_constitutionality_and_jurisprudence"),
    ("Lawmakers proposed to repeal the mandate.", "policy_prescription_and_evaluation"),
    ("Police arrested the suspect, who was charged with murder.", "crime_and_punishment"),
    ("Troops and missiles massed near the border as the threat grew.", "security_and_defense"),
    ("The outbreak infected dozens and hospitals ran out of vaccines.", "health_and_safety"),
    ("Homeless families struggled with the cost of living and poverty.", "quality_of_life"),
    ("They defended the traditions and heritage of the community.", "cultural_identity"),
    ("A new poll shows most Americans approve of the plan.", "public_opinion"),
    ("Republicans and Democrats traded blame ahead of the midterm election.", "political"),
    ("Diplomats from Russia and China met at the summit to discuss sanctions.",
     "external_regulation_and_reputation"),
])
def test_golden_sentences_cue_their_frame(text, frame):
    r = score(text, min_sentences=1)
    assert frame in r.present and r.primary == frame
    check_spans(text, r)


@pytest.mark.parametrize("text, frame", [
    ("Critics accused the minister and both sides traded blame in the dispute.", "conflict"),
    ("The grieving mother, a 34-year-old widow, wept as her children looked on.",
     "human_interest"),
    ("The closure will cost taxpayers millions and thousands of jobs.", "economic_consequences"),
    ("Church leaders called the law immoral and against God's values.", "morality"),
    ("Officials are responsible and must act now to solve the problem.", "responsibility"),
])
def test_generic_golden_sentences(text, frame):
    r = score(text, codebook="generic", min_sentences=1)
    assert r.primary == frame
    check_spans(text, r)


def test_generic_neutral_sentence_cues_nothing():
    assert score("The museum opens at nine on weekdays.", codebook="generic").evidence == ()


# generic 1.4, from a precision audit of 150 cue matches in 300 AllSides articles
@pytest.mark.parametrize("text, frame", [
    ("Cities, as opposed to states, hold the data.", "conflict"),
    ("Workers lost their jobs; she lost her mother and he lost his temper.", "conflict"),
    ("They lost contact with the ship and lost track of time.", "conflict"),
    ("Shares lost 5.9% as stocks lost more.", "conflict"),
    ("Doctors fight against cancer and the coronavirus, and cities fight climate change.",
     "conflict"),
    ("The first step in the process is a step in the right direction.", "responsibility"),
    ("Officials said the road was closed, authorities say.", "responsibility"),
    ("The Federation for American Immigration Reform wrote.", "responsibility"),
    ("Vote Here in Urgent National Poll.", "responsibility"),
    ("Citizens for Responsibility and Ethics in Washington filed a request.", "responsibility"),
    ("Citizens for Responsibility and Ethics in Washington filed a request.", "morality"),
    ("Members of the Muslim Brotherhood marched.", "morality"),
    ("The Kaiser Family Foundation and the Family Research Council polled it.",
     "human_interest"),
    ("The Koch brothers and Lehman Brothers gave money.", "human_interest"),
    ("In his home state, which is home to the Home Secretary, stay home orders ended.",
     "human_interest"),
    ("It felt right at home, at home and abroad.", "human_interest"),
    ("Investors hope he hopes to win; they hope to sign it, in hopes of a deal.", "human_interest"),
    ("A non-profit group spent years on it and spends time there.", "economic_consequences"),
])
def test_generic_exclusions_do_not_cue(text, frame):
    r = score(text, codebook="generic")
    check_spans(text, r)
    assert cues(r, frame) == []


@pytest.mark.parametrize("text, frame, expected", [
    ("He lost the race and lost his House seat; she won.", "conflict", ["lost", "lost", "won"]),
    ("The fight with Democrats and the battle against ISIS went on.", "conflict",
     ["fight", "battle"]),
    ("Officials failed to act; the government must step in.", "responsibility",
     ["Officials", "failed to", "government", "must", "step in"]),
    ("Immigration reform stalled.", "responsibility", ["reform"]),
    ("Muslim leaders prayed for the family.", "morality", ["Muslim"]),
    ("The family lost their home. I hope my son comes home; it is my last hope to see him.",
     "human_interest", ["family", "home", "hope", "son", "home", "hope"]),
    ("The firm made a profit and spent $5 million.", "economic_consequences",
     ["profit", "spent", "$", "million"]),
])
def test_generic_exclusions_leave_the_frames_sense_of_their_words(text, frame, expected):
    assert cues(score(text, codebook="generic"), frame) == expected


@pytest.mark.parametrize("text, frame", [
    ("He receives social security checks.", "security_and_defense"),
    ("She is in charge of the team.", "crime_and_punishment"),
    ("To be fair, the weather was pleasant.", "fairness_and_equality"),
    ("He died of a heart attack.", "security_and_defense"),
    ("The defense attorney objected.", "security_and_defense"),
    ("The firm handshake said it all.", "economic"),
    ("It lies in the valley.", "morality"),
    ("Air Vice Marshal Jones and the Vice Foreign Minister met.", "morality"),
    ("The claim is dead wrong.", "health_and_safety"),
    ("The data are available without charge.", "crime_and_punishment"),
    ("Leaders vowed to kill the bill.", "crime_and_punishment"),
    ("The campaign ran attack ads.", "security_and_defense"),
    ("American Indians protested at the monument.", "external_regulation_and_reputation"),
    ("She secured the nomination and threatened to veto the bill.", "security_and_defense"),
    ("Democrats were up in arms, on the defensive in a war of words.", "security_and_defense"),
    # codebook 1.4, from a precision audit of 403 cue matches in 120 AllSides articles
    ("Voters go about their business and want Congress to do a better job.", "economic"),
    ("She was busy raising money for her reelection.", "economic"),
    ("The chief executive officer and the chief financial officer resigned.",
     "crime_and_punishment"),
    ("Espy denied the charge. She led the charge in a racially charged fight.",
     "crime_and_punishment"),
    ("The Senate impeachment trial opened.", "crime_and_punishment"),
    ("The storm killed 36 people; a woman was killed in a car crash.", "crime_and_punishment"),
    ("Jewish voters and Catholic donors backed him.", "morality"),
    ("I'll be honest, it is one hell of a gospel album.", "morality"),
    ("The low-lying Keys and the ex-vice president.", "morality"),
    ("Rep. Brad Schneider, D-Ill., said he is sick and tired of it.", "health_and_safety"),
    ("Rates are the lowest since World War II.", "security_and_defense"),
    ("He tried a new line of attack.", "security_and_defense"),
    ("She won the popular vote and held a campaign rally.", "public_opinion"),
    ("The ads appeal to suburban voters; his broad appeal grew.",
     "legality_constitutionality_and_jurisprudence"),
    ("A Yale Law School graduate spoke.", "legality_constitutionality_and_jurisprudence"),
    ("He blamed a lack of progress on the intelligence community.", "capacity_and_resources"),
    ("He praised community policing and the intelligence community.", "quality_of_life"),
    ("Holiday sales rose before Christmas Day in the western part of the state.",
     "cultural_identity"),
    ("He cited the Bill of Rights.", "policy_prescription_and_evaluation"),
    ("German Lopez asked about oil in the Gulf of Mexico.", "external_regulation_and_reputation"),
    # codebook 1.5, from a precision audit of 154 cue matches in 300 AllSides articles
    ("Nunes attacked the media and Democrats; Warren's attacks on President Trump grew.",
     "security_and_defense"),
    ("He faced a veto threat, the nuclear option and a radical idea to combat climate change.",
     "security_and_defense"),
    ("He decried the war on coal and stuck to his guns.", "security_and_defense"),
    ("His son was killed in combat; a drone was shot down while he was shooting a movie.",
     "crime_and_punishment"),
    ("They removed job-killing regulations.", "crime_and_punishment"),
    ("Detainees were held at the Otay Mesa facility; hiring picked up in February.",
     "capacity_and_resources"),
    ("The taxpayer-funded jet, a group funded by donors, an overwhelming majority, supply and "
     "demand, and a personnel decision.", "capacity_and_resources"),
    ("Trump allies in Congress and Trump's allies objected.", "external_regulation_and_reputation"),
    ("He warned of identity theft on state television.", "cultural_identity"),
    ("Doctors must have admitting privileges or hospital-admitting privileges.",
     "fairness_and_equality"),
    ("His rallies drew crowds.", "public_opinion"),
])
def test_exclusions_and_ambiguous_words_do_not_cue(text, frame):
    assert cues(score(text), frame) == []


@pytest.mark.parametrize("text, frame", [
    ("Vice President Joe Biden spoke.", "morality"),
    ("The Wall Street Journal reported it.", "economic"),
    ("Settlers moved into the West Bank.", "economic"),
    ("Read our Privacy Policy.", "policy_prescription_and_evaluation"),
    ("House Minority Leader Nancy Pelosi spoke.", "fairness_and_equality"),
    ("The Islamic State claimed the attack.", "morality"),
])
def test_names_of_offices_outlets_and_places_do_not_cue(text, frame):
    assert cues(score(text), frame) == []


@pytest.mark.parametrize("text, frame, expected", [
    ("He faces federal charges and a criminal trial.", "crime_and_punishment",
     ["charges", "criminal", "trial"]),
    ("Police officers arrested him.", "crime_and_punishment", ["Police", "officers", "arrested"]),
    ("The court heard his appeal.", "legality_constitutionality_and_jurisprudence",
     ["court", "appeal"]),
    ("The war in Iraq dragged on.", "security_and_defense", ["war"]),
    ("Low-income families pay more.", "economic", ["Low-income"]),
    # codebook 1.5: the exclusions for political attacks leave military and terrorist ones
    ("Terrorists attacked the embassy. ISIS attacks on Paris and the threat of war grew.",
     "security_and_defense", ["Terrorists", "attacked", "ISIS", "attacks", "threat", "war"]),
    ("The gunman killed five people in the shooting.", "crime_and_punishment",
     ["killed", "shooting"]),
    ("They will hire more nurses, build new facilities and lift the hiring freeze.",
     "capacity_and_resources", ["hire more", "new facilities", "hiring freeze"]),
    ("The NATO allies met. Israel is a close ally.", "external_regulation_and_reputation",
     ["NATO", "allies", "Israel", "ally"]),
])
def test_the_exclusions_leave_the_frames_sense_of_their_words(text, frame, expected):
    assert cues(score(text), frame) == expected


def test_a_name_excluded_for_one_frame_still_cues_another():
    r = score("Vice President Joe Biden spoke. The Islamic State claimed it.")
    assert cues(r, "political") == ["Vice President"]
    assert cues(r, "security_and_defense") == ["Islamic State"]


def test_hyphenated_words_are_matched_as_a_phrase_of_their_parts_or_by_their_head(tmp_path):
    book = tmp_path / "mig.yaml"
    book.write_text("frames:\n  asylum:\n    cues: [asylum seeker*, refugee*]\n"
                    "  border:\n    cues: [border, smuggl*]\n  duty:\n    cues: [must, law, sanction*]\n"
                    "    exclude: [state sanctioned]\n", encoding="utf-8")
    text = ("Asylum-seekers crossed. Cross-border trade fell. Anti-smuggling units grew. "
            "A must-pass bill. His son-in-law spoke. A state-sanctioned law. Non-refugees left. "
            "Anti-sanctions groups met.")
    r = score(text, codebook=str(book))
    check_spans(text, r)
    assert cues(r, "asylum") == ["Asylum-seekers", "Non-refugees"]
    assert cues(r, "border") == ["Cross-border", "Anti-smuggling"]
    # not "must" in "must-pass" (not the head), nor in-law kin, nor an excluded compound; the
    # plain word "law" still counts
    assert cues(r, "duty") == ["law", "Anti-sanctions"]
    # the classifier's codebook features count whole words only (hyphenated=False)
    from framing.frames import load_codebook

    whole = load_codebook(str(book)).find(segment(text), hyphenated=False)
    assert [segment(text).tokens[a] for a, _, _, _ in whole] == ["law"]


def test_a_frames_exclusion_hides_only_that_frames_cues(tmp_path):
    # an exclusion of one frame used to hide every frame's cues inside it: "health of the
    # economy" (health_and_safety) hid economic's "economy"
    r = score("The health of the economy is poor. The financial health of the firm is poor.")
    assert cues(r, "economic") == ["economy", "financial"]
    assert cues(r, "health_and_safety") == []
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nframes:\n  economic:\n    cues: [tax]\n"
                    "  humanitarian:\n    cues: [refugee*, haven]\n    exclude: [tax haven]\n")
    mine = score("The tax haven is here. A safe haven.", codebook=str(path))
    assert cues(mine, "economic") == ["tax"] and cues(mine, "humanitarian") == ["haven"]


def test_cue_words_in_person_names_do_not_count():
    text = ("Health Secretary Tom Price spoke. Price said prices rose. Hope Hicks left. "
            "Sen. Rob Portman voted. Mr. Price agreed. The price of hope is high.")
    r = score(text)
    assert cues(r, "economic") == ["prices", "price"]
    assert cues(r, "crime_and_punishment") == []
    g = score(text, codebook="generic")
    assert cues(g, "human_interest") == ["hope"]


def test_name_cues_written_with_a_capital_always_count():
    r = score("President Vladimir Putin met Christian leaders. Virginia Republican Tom Davis "
              "and Mr. President spoke.")
    assert cues(r, "external_regulation_and_reputation") == ["Putin"]
    assert cues(r, "morality") == ["Christian"]
    assert "Republican" in cues(r, "political") and "President" in cues(r, "political")


def test_the_name_rule_applies_to_user_codebooks_by_case(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("frame,term\nmoney,price\npeople,Price\n", encoding="utf-8")
    with pytest.warns(frames.CodebookWarning):  # the same term under two frames
        cb = frames.load_codebook(str(path))
    r = score("Tom Price said the price rose.", codebook=cb)
    assert cues(r, "money") == ["price"] and cues(r, "people") == ["Price", "price"]


def test_wildcards_inflections_and_longest_match():
    r = score("Subsidized farms got subsidies. The Supreme Court heard it.")
    assert cues(r, "economic") == ["Subsidized", "subsidies"]
    assert cues(r, "legality_constitutionality_and_jurisprudence") == ["Supreme Court"]


def test_a_text_without_cues_falls_to_the_residual_frame():
    r = score("The weather was mild on Tuesday.")
    assert r.present == ("other",) and r.primary == "other" and r.evidence == ()
    assert score("").present == () and score("").primary == "none"
    assert score("Nothing here.", codebook="generic").primary == "none"


def test_salience_share_density_and_primary():
    text = ("Taxes rose. The deficit grew. Police arrested a man. "
            "The weather was mild. Nothing else happened.")
    r = score(text)
    assert r.n_sentences == 5 and r.n_words == 16
    assert r["economic"].share == pytest.approx(2 / 5) and r["economic"].n_cues == 2
    assert r["economic"].density == pytest.approx(100 * 2 / 16)
    assert r["crime_and_punishment"].share == pytest.approx(1 / 5)
    assert not r["crime_and_punishment"].present  # one sentence < min_sentences 2
    assert r.primary == "economic" and r.present == ("economic",)


def test_presence_threshold_is_tunable_and_checked():
    text = "Taxes rose. The deficit grew. " + "The weather was mild. " * 18
    assert score(text)["economic"].present  # share 0.1 >= default 0.06
    assert not score(text, threshold=0.2)["economic"].present
    assert not score(text, threshold={"Economic": 0.5})["economic"].present
    assert score(text, threshold=0.1, min_sentences=3)["economic"].present is False
    for bad in (1.5, -0.1, "high", True):
        with pytest.raises(ValueError):
            score(text, threshold=bad)
    with pytest.raises(ValueError):
        score(text, min_sentences=-1)
    with pytest.raises(KeyError):
        score(text, threshold={"weather": 0.1})
    with pytest.raises(TypeError):
        score(text, 0.1)  # options are keyword-only


def test_a_headline_can_carry_a_frame():
    r = score("Senate passes tax cut as deficit fears grow")
    assert r.n_sentences == 1 and "economic" in r.present


def test_per_sentence_frames_for_exemplars():
    text = "Taxes rose sharply. Police arrested a tax cheat. The sky was blue."
    r = score(text)
    assert [(s.sentence, s.frames, s.n_cues) for s in r.sentences] == [
        (0, ("economic",), (1,)), (1, ("economic", "crime_and_punishment"), (1, 2))]
    assert text[r.sentences[1].start:r.sentences[1].end] == "Police arrested a tax cheat."


def test_evidence_marks_quoted_cues():
    text = 'Officials said taxes would rise. "The deficit is a disgrace," she said.'
    r = score(text, min_sentences=1)
    voices = {(e.text, e.voice) for e in r.evidence}
    assert ("taxes", "journalist") in voices and ("deficit", "quoted") in voices
    assert ("disgrace", "quoted") in voices


def test_result_row_and_dict():
    r = score("Taxes rose. The deficit grew.")
    row = r.row()
    assert row["frames_primary"] == "economic" and row["frames_economic"] == 1
    assert row["frames_morality"] == 0 and row["frames_economic_share"] == 1.0
    assert {f"frames_{n}" for n in POLICY_FRAMES} <= set(row)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["evidence"][0] == {"label": "economic", "text": "Taxes", "start": 0, "end": 5,
                                "sentence": 0, "subtype": "tax|taxes|taxed|taxation|taxing|"
                                "taxpayer|taxpayers", "voice": "journalist"}
    assert d["present"] == ["economic"] and d["method"] == "codebook"


def test_score_accepts_a_segmentation():
    text = "Troops crossed the border. Missiles struck."
    assert score(segment(text)) == score(text)


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01\x1f weird \x7f", "“Unbalanced quote",
                                  "Texte français — 中文 العربية tax", "a" * 1_000_000,
                                  "Taxes. " * 5_000])
def test_any_string_gives_a_valid_result(text):
    r = score(text)
    assert isinstance(r, FramesResult) and 0 <= r.n_present <= len(POLICY_FRAMES)
    check_spans(text, r)
    json.dumps(r.to_dict())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_property(text):
    for cb in ("policy", "generic"):
        r = score(text, codebook=cb)
        check_spans(text, r)
        if r.english:
            assert all(0 <= s.share <= 1 for s in r.scores)
        else:  # not scored: no frame decided, no evidence
            assert r.primary is None and r.evidence == ()
            assert all(s.present is None and math.isnan(s.share) for s in r.scores)


# --- score_corpus ------------------------------------------------------------------------------

def test_score_corpus_equals_per_text_and_keeps_the_index():
    texts = ["Taxes rose. The deficit grew.", None, "Police arrested a suspect. He was charged.",
             float("nan"), ""]
    data = pd.DataFrame({"body": texts, "outlet": list("abcde")}, index=[10, 11, 12, 13, 14])
    before = data.copy()
    out = score_corpus(data, text_col="body", codebook="generic")
    pd.testing.assert_frame_equal(data, before)
    assert list(out.index) == [10, 11, 12, 13, 14]
    for i, text in zip(out.index, texts):
        if isinstance(text, str):
            assert out.loc[i].to_dict() == pytest.approx(score(text, codebook="generic").row())
        else:
            assert out.loc[i].isna().all()


def test_score_corpus_options_and_errors():
    s = pd.Series(["Taxes rose. The deficit grew."])
    assert score_corpus(s, threshold=0.9)["frames_economic"].iloc[0] == 1
    assert list(score_corpus(pd.Series([None, None], dtype=object)).columns) == \
        list(score("").row())
    with pytest.raises(MissingColumnError, match="columns present: body"):
        score_corpus(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(TypeError):
        score_corpus({"text": "a dict"})
    assert len(score_corpus(["Taxes rose.", None])) == 2  # a plain list of texts is a corpus


# --- user codebooks ----------------------------------------------------------------------------

GOOD = """\
name: mine
version: "2"
presence:
  threshold: 0.2
frames:
  Money Talk:
    description: money
    cues:
      - tax|taxes
      - budget*
  Courts:
    cues: [court, judge]
    exclude: [food court]
"""


def test_user_yaml_codebook(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    cb = load_codebook(path)
    assert cb.names == ("money_talk", "courts") and cb.threshold == 0.2 and cb.version == "2"
    r = score("The judge met at the food court. Budgets and taxes.", codebook=str(path))
    assert cues(r, "courts") == ["judge"] and cues(r, "money_talk") == ["Budgets", "taxes"]
    assert r.scheme == "mine"
    path.write_text(GOOD.replace("court, judge", "court, judge, jury"))  # changed: re-read
    assert load_codebook(path).frame("courts").cues == ("court", "judge", "jury")


@pytest.mark.parametrize("body, line, message", [
    ("frames:\n  a:\n    cues: [x]\n    colour: red\n", 4, "unknown key 'colour'"),
    ("titel: x\nframes:\n  a:\n    cues: [x]\n", 1, "unknown key 'titel'"),
    ("frames:\n  a:\n    description: nothing\n", 2, "the frame has no cues"),
    ("frames:\n  a:\n", 2, "the frame is empty"),
    ("frames:\n  a:\n    cues:\n      - ok\n      - '[a-z]+'\n", 5, "looks like a regular"),
    ("frames:\n  a:\n    cues:\n      - t*\n", 4, "shorter than 3"),
    ("frames:\n  a:\n    cues:\n      - ta*x\n", 4, "may only end a word"),
    ("frames:\n  a:\n    cues:\n      - a||b\n", 4, "empty alternative"),
    ("frames:\n  a:\n    cues:\n      - yes\n", 4, "reads as true/false"),
    ("frames:\n  Econ:\n    cues: [x]\n  econ:\n    cues: [y]\n", 4, "both named 'econ'"),
    ("frames:\n  primary:\n    cues: [x]\n", 2, "reserved name"),
    ("frames:\n  a:\n    cues: [x]\n  a:\n    cues: [y]\n", 4, "given twice"),
    ("frames:\n  a:\n    cues: [x\n", 4, "not valid YAML"),
    ("frames: []\n", 1, "non-empty mapping"),
    ("name: x\n", 1, "no 'frames:'"),
    ("frames:\n  a:\n    cues: x\n", 3, "expected a list"),
    ("frames:\n  a:\n    cues: [x]\n    threshold: 2\n", 4, "out of range"),
    ("frames:\n  a:\n    residual: true\n    cues: [x]\n", 4, "residual frame takes no cues"),
    ("frames:\n  a:\n    cues:\n      - tax\n      - ~\n", 5, "an empty term"),
    ("frames:\n  a:\n    cues: [tax, null]\n", 3, "an empty term"),
    ("frames:\n  a:\n    cues: [x]\n  other:\n    residual: true\n  rest:\n    residual: true\n",
     6, "2 residual frames ('other' and 'rest')"),
])
def test_bad_yaml_codebooks_name_file_line_and_key(tmp_path, body, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(CodebookError) as err:
        load_codebook(path)
    text = str(err.value)
    assert str(path) in text and f"line {line}" in text and message in text
    assert isinstance(err.value, InputError) and err.value.row == line


def test_empty_and_missing_codebook_files(tmp_path):
    (tmp_path / "empty.yaml").write_text("")
    with pytest.raises(CodebookError, match="empty"):
        load_codebook(tmp_path / "empty.yaml")
    with pytest.raises(CodebookError, match="no such codebook.*shipped name"):
        load_codebook(tmp_path / "nope.yaml")


def test_a_term_under_two_frames_warns_with_lines_and_counts_for_both(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("frames:\n  a:\n    cues: [tariff|tariffs, x]\n  b:\n    cues:\n"
                    "      - tariff*\n")
    with pytest.warns(CodebookWarning, match=r"line 6: 'tariff\*'.*frame 'a'.*line 3"):
        cb = load_codebook(path)
    r = score("New tariffs.", codebook=cb)
    assert cues(r, "a") == ["tariffs"] and cues(r, "b") == ["tariffs"]


def test_a_term_listed_twice_in_a_frame_warns(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("frames:\n  a:\n    cues:\n      - tax\n      - tax\n")
    with pytest.warns(CodebookWarning, match="line 5: cue 'tax' is listed twice"):
        load_codebook(path)


def test_csv_codebook(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("frame,term\nMoney,tax|taxes\nMoney,budget*\nCourts,supreme court\n\n")
    cb = load_codebook(path)
    assert cb.names == ("money", "courts") and cb.name == "terms"
    assert cues(score("The Supreme Court cut taxes.", codebook=cb), "courts") == ["Supreme Court"]
    path.write_text("frame,term\nMoney,tax,extra\n")
    with pytest.raises(CodebookError, match=r"terms.csv, line 2: expected 2 columns"):
        load_codebook(path)
    path.write_text("Money,tax\nCourts, \n")
    with pytest.raises(CodebookError, match=r"line 2, term: empty term"):
        load_codebook(path)


# --- the supervised classifier ----------------------------------------------------------------

ECON = ["Taxes and the budget deficit rose again.", "Wages fell while prices climbed.",
        "The company reported profits and new jobs.", "Investors fear inflation and debt.",
        "Spending cuts hit the budget of the city.", "Tariffs raised costs for farmers."]
LAW = ["The court ruled the statute unconstitutional.", "Judges heard the appeal on Monday.",
       "A lawsuit challenges the new law in court.", "The ruling cited the First Amendment.",
       "Lawyers filed an appeal with the judge.", "The justices upheld the earlier ruling."]
WAR = ["Troops and tanks crossed the border.", "Missiles struck the base at night.",
       "The army said soldiers repelled the attack.", "Drones and bombs hit the convoy.",
       "The military deployed more troops.", "Air defence shot down two missiles."]


def coded_frame(n=2) -> pd.DataFrame:
    rows = []
    for k in range(n):
        rows += [(t, "economic") for t in ECON] + [(t, "Legality") for t in LAW]
        rows += [(t, "security and defense") for t in WAR]
        rows += [(f"{e} {w}", "economic; Security_and_defense") for e, w in zip(ECON, WAR)]
    return pd.DataFrame(rows, columns=["text", "frames"])


@pytest.fixture(scope="module")
def multi_model():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return train(coded_frame(), folds=3)


def test_train_reports_cross_validated_figures(multi_model):
    m = multi_model
    assert m.labels == ("economic", "legality", "security_and_defense") and m.mode == "multi"
    r = m.report
    assert r.nested and r.folds == 3 and 0.8 <= r.micro_f1 <= 1 and 0.8 <= r.macro_f1 <= 1
    assert list(r.per_frame["frame"]) == list(m.labels)
    assert {"support", "precision", "recall", "f1", "threshold"} <= set(r.per_frame.columns)
    assert {c["features"] for c in r.configs} == {"text", "text+codebook"}
    assert "micro_f1" in r.summary()


def test_a_text_without_any_known_word_gets_no_frame(multi_model):
    # threshold 0: every frame would be present on its prior probability alone
    r = predict("12345 67890.", multi_model, threshold=0.0)
    assert r.n_present == 0 and r.primary == "none" and r.evidence == ()
    assert all(s.probability is not None and not s.present for s in r.scores)
    assert predict("Taxes rose. 12345.", multi_model, threshold=0.0).n_present == 3


def test_a_model_reading_english_leaves_other_languages_unscored(multi_model):
    # it used to give a German text frames and english=True, unlike the codebooks
    assert multi_model.language == "en"  # its features include the policy codebook's cues
    for text in ["Die Regierung hat heute eine Reform der Steuern angekündigt. Die Opposition "
                 "kritisiert den Plan und will im Parlament dagegen stimmen.",
                 "Здравствуйте, как у вас дела?"]:
        r = predict(text, multi_model, threshold=0.0)
        assert r.english is False and r.primary is None and r.n_present is None
        assert all(s.present is None and math.isnan(s.probability) for s in r.scores)


def test_predict_gives_probabilities_presence_and_evidence(multi_model):
    text = "Taxes and prices rose. Meanwhile troops crossed the border at night."
    r = predict(text, multi_model)
    assert r.method == "model" and set(r.present) == {"economic", "security_and_defense"}
    assert r.primary in r.present and 0 <= r["legality"].probability <= 1
    check_spans(text, r)
    assert {e.label for e in r.evidence} <= set(r.present)
    assert {e.text for e in r.evidence if e.label == "economic"} == {"Taxes and prices rose."}
    row = r.row()
    assert row["frames_economic"] == 1 and "frames_economic_prob" in row
    assert "frames_economic_share" not in row
    json.dumps(r.to_dict())
    assert predict("", multi_model).present == ()
    assert predict(text, multi_model, threshold=1.0).present == ()
    assert predict(text, multi_model, threshold={"economic": 1.0}).present == (
        "security_and_defense",)


def test_model_file_round_trip_without_pickle(tmp_path, multi_model):
    path = multi_model.save(tmp_path / "frames_model")
    assert path.name == "frames_model.npz" and path.with_suffix(".json").exists()
    meta = json.loads(path.with_suffix(".json").read_text())
    assert meta["labels"] == list(multi_model.labels)
    assert {"data_sha256", "n_texts", "frame_counts"} <= set(meta["training"])
    assert {"scikit-learn", "numpy", "framing"} <= set(meta["versions"])
    assert meta["cv"]["micro_f1"] == multi_model.report.micro_f1
    with np.load(path, allow_pickle=False) as npz:  # no object arrays in the file
        assert all(npz[k].dtype != object for k in npz.files)
    loaded = load_model(path)
    texts = ECON + LAW + WAR + ["", "Nothing relevant at all."]
    segs = [segment(t) for t in texts]
    np.testing.assert_allclose(loaded.probabilities(segs), multi_model.probabilities(segs))
    assert loaded.predict(texts[0]).row() == multi_model.predict(texts[0]).row()
    assert loaded.predict(texts[0]).evidence == multi_model.predict(texts[0]).evidence


def test_model_saved_to_a_json_path_becomes_npz_and_overwrites_atomically(tmp_path, multi_model,
                                                                           monkeypatch):
    path = multi_model.save(tmp_path / "model.json")
    assert path.name == "model.npz" and (tmp_path / "model.json").exists()
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez_compressed", fail)
    with pytest.raises(OSError, match="disk full"):
        multi_model.save(path)
    assert path.read_bytes() == before  # the earlier model is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json", "model.npz"]
    assert load_model(path).labels == multi_model.labels


def test_score_and_score_corpus_accept_a_model(tmp_path, multi_model):
    path = multi_model.save(tmp_path / "m.npz")
    text = "The court ruled on the appeal."
    assert score(text, model=path).present == score(text, codebook=str(path)).present
    data = pd.Series([text, None, "Missiles struck the base."], index=["a", "b", "c"])
    out = score_corpus(data, model=str(path))
    assert out.loc["a"].to_dict() == pytest.approx(predict(text, path).row())
    assert out.loc["b"].isna().all()
    with pytest.raises(ValueError, match="either codebook= or model="):
        score(text, codebook="policy", model=path)


def test_tfidf_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.frames.model import _doc_counts, _Tfidf, sentence_features

    texts = ECON + LAW + WAR
    counts = [_doc_counts(segment(t)) for t in texts]
    ours = _Tfidf.fit(counts, min_df=1).transform(counts).toarray()
    ref = TfidfVectorizer(analyzer=lambda t: [w for s in sentence_features(segment(t))
                                              for w in s], sublinear_tf=True)
    theirs = ref.fit_transform(texts).toarray()
    order = [ref.vocabulary_[t] for t in sorted(ref.vocabulary_)]
    np.testing.assert_allclose(ours, theirs[:, order], atol=1e-12)


def test_single_label_data_trains_a_multinomial_model():
    data = coded_frame()
    data = data[~data["frames"].str.contains(";")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = train(data, folds=3, evaluate=False, codebook=None, min_df=1)
    assert m.mode == "single" and m.report.accuracy >= 0.7 and not m.report.nested
    r = m.predict("Prices and wages climbed.")
    assert r.present == ("economic",) and sum(s.probability for s in r.scores) == pytest.approx(1)


def test_labels_as_lists_or_separated_strings_are_the_same():
    data = coded_frame(1)
    as_lists = data.assign(frames=[[p.strip() for p in f.split(";")] for f in data["frames"]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = train(data, folds=2, evaluate=False, codebook=None)
        b = train(as_lists, folds=2, evaluate=False, codebook=None)
    assert a.metadata["training"]["data_sha256"] == b.metadata["training"]["data_sha256"]
    np.testing.assert_allclose(a.coef, b.coef)


def test_training_file_errors_name_file_row_and_field(tmp_path):
    path = tmp_path / "coded.csv"
    data = coded_frame(1)
    data.loc[3, "frames"] = None
    data.to_csv(path, index=False)
    with pytest.raises(MissingValueError) as err:
        train(path)
    assert err.value.row == 5 and err.value.field == "frames" and str(path) in str(err.value)
    with pytest.raises(MissingColumnError, match="field 'label'.*columns present: text, frames"):
        train(path, label_col="label")
    data.loc[3, "frames"] = "economic"
    data.loc[7, "text"] = " "
    data.to_csv(path, index=False)
    with pytest.raises(MissingValueError, match=r"row 9, field 'text'"):
        train(path)


def test_no_frame_in_a_csv_is_none_or_an_empty_list_and_an_empty_cell_is_missing(tmp_path):
    data = coded_frame(1)
    data = pd.concat([data, pd.DataFrame({"text": ["The weather was mild.", "A cat sat there.",
                                                   "The festival drew crowds."],
                                          "frames": ""})], ignore_index=True)
    lines = tmp_path / "coded.jsonl"
    data.to_json(lines, orient="records", lines=True)  # "" in JSON: no frame
    with_lists = tmp_path / "lists.csv"
    data.assign(frames=[[p.strip() for p in f.split(";") if p.strip()] for f in data["frames"]]
                ).to_csv(with_lists, index=False)  # pandas writes "['economic']" and "[]"
    with_none = tmp_path / "none.csv"
    data.assign(frames=data["frames"].replace("", "None")).to_csv(with_none, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hashes = {train(p, folds=2, evaluate=False, codebook=None,
                        word_vectors=False).metadata["training"]["data_sha256"]
                  for p in (lines, with_lists, with_none)}
    assert len(hashes) == 1
    blank = tmp_path / "blank.csv"
    data.to_csv(blank, index=False)
    with pytest.raises(MissingValueError) as err:
        train(blank)
    assert str(err.value).startswith(f"{blank}, row 26, field 'frames': the frame label is "
                                     "missing (the cell is empty)")
    assert "'none' or [] for no frame" in str(err.value)
    data.loc[18, "frames"] = "none; economic"
    with pytest.raises(MalformedRecordError, match="row 19, field 'frames'.*'none' together"):
        train(data)


@pytest.mark.parametrize("change, exc, message", [
    ({"labels": ["economic", "legality", "security_and_defense", "morality"]}, InputError,
     "frame 'morality' has no examples"),
    ({"labels": ["economic", "legality"]}, MalformedRecordError,
     "unknown frame 'security_and_defense'"),
])
def test_training_label_errors(change, exc, message):
    with pytest.raises(exc, match=message):
        train(coded_frame(1), **change)


def test_training_reads_the_codebooks_residual_frame_alone_as_no_frame(tmp_path):
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  economic:\n    cues: [tax, budget]\n  legality:\n    cues: [court]"
                    "\n  security_and_defense:\n    cues: [troops]\n  other:\n    residual: true\n",
                    encoding="utf-8")
    data = coded_frame(1)
    weather = pd.DataFrame({"text": ["The weather was mild.", "A cat sat there.",
                                     "The festival drew crowds."]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        models = [train(pd.concat([data, weather.assign(frames=code)], ignore_index=True),
                        folds=2, evaluate=False, codebook=book, word_vectors=False)
                  for code in ("none", "Other")]
    assert [m.labels for m in models] == [("economic", "legality", "security_and_defense")] * 2
    hashes = {m.metadata["training"]["data_sha256"] for m in models}
    assert len(hashes) == 1  # "other" alone is the same coding as "none"


@pytest.mark.parametrize("label, message", [
    ("Securty and defense", "row 3, field 'frames': frame 'securty_and_defense' is not in the "
                            "codebook 'policy' \\(nearest: 'security_and_defense'\\)"),
    ("NaN", "row 3, field 'frames': the label 'NaN' marks a missing value"),
    ("N/A", "row 3, field 'frames': the label 'N/A' marks a missing value"),
])
def test_a_misspelt_frame_or_a_missing_marker_is_refused(label, message):
    data = coded_frame(1)
    data.loc[2, "frames"] = label
    with pytest.raises((MalformedRecordError, MissingValueError), match=message):
        train(data)


def test_single_class_and_constant_frame_are_errors():
    data = pd.DataFrame({"text": ECON + LAW, "frames": ["economic"] * 12})
    with pytest.raises(InputError, match="coded in every row"):
        train(data)
    data = pd.DataFrame({"text": ECON + LAW, "frames": ["economic"] * 12, "f": [1] * 12})
    with pytest.raises(MalformedRecordError, match=r"row 1, field 'f': labels must be text"):
        train(data, label_col="f")
    with pytest.raises(InputError, match="too few"):
        train(coded_frame(1).iloc[[0, 1, 6, 7, 12, 13]])
    with pytest.raises(ValueError, match="features must be one of"):
        train(coded_frame(1), features="bert")


def test_bad_model_files(tmp_path, multi_model):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="not a framing model file"):
        load_model(junk)
    junk.write_text("text,label\nTaxes rose.,economic\n")  # a CSV named .npz
    with pytest.raises(ModelError) as err:
        load_model(junk)
    assert "pickle" not in str(err.value)  # no advice to load an unknown file unsafely
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "missing.npz")
    path = multi_model.save(tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(str(arrays["meta"]))
    for key, value, expect in [("format_version", 99, ModelError),
                               ("feature_version", "0", UserWarning)]:
        changed = dict(arrays, meta=np.array(json.dumps({**meta, key: value})))
        target = tmp_path / f"{key}.npz"
        np.savez(target, **changed)
        if expect is ModelError:
            with pytest.raises(ModelError, match="newer than this framing supports"):
                load_model(target)
        else:
            with pytest.warns(UserWarning, match="text features version '0'"):
                assert isinstance(load_model(target), FramesModel)


def test_a_model_says_which_segmentation_and_cue_matching_it_was_trained_with(tmp_path,
                                                                              multi_model):
    from framing.frames import CODE_VERSION
    from framing.text import SEGMENTATION_VERSION

    path = multi_model.save(tmp_path / "m.npz")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # this framing's own model: no warning
        meta = load_model(path).metadata
    assert meta["segmentation_version"] == SEGMENTATION_VERSION
    assert meta["frames_code_version"] == CODE_VERSION
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    for key, what in [("segmentation_version", "text segmentation version '0'"),
                      ("frames_code_version", "codebook cue matching version '0'")]:
        changed = dict(arrays, meta=np.array(json.dumps({**meta, key: "0"})))
        np.savez(tmp_path / f"{key}.npz", **changed)
        with pytest.warns(UserWarning, match=what):
            load_model(tmp_path / f"{key}.npz")


# --- validity on shared data (skips when ../shared/data is absent) ------------------------------

def test_policy_codebook_beats_guessing_the_prevalent_frames_on_semeval():
    path = shared_path("semeval2023_task3_en_frames",
                       "semeval2023_task3_en_train_frames_genre.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    names = POLICY_FRAMES[:-1]
    gold = np.array([[n in {canonical_name(f) for f in r["frames"]} for n in names]
                     for r in rows])
    present = [set(score(r["text"]).present) for r in rows]
    pred = np.array([[n in p for n in names] for p in present])
    tp, fp, fn = (gold & pred).sum(), (~gold & pred).sum(), (gold & ~pred).sum()
    assert 2 * tp / (2 * tp + fp + fn) >= 0.60  # measured 0.636; always top-5 frames: 0.563


@pytest.mark.slow
def test_classifier_on_semeval_by_nested_cross_validation():
    path = shared_path("semeval2023_task3_en_frames",
                       "semeval2023_task3_en_train_frames_genre.jsonl")
    data = pd.read_json(path, lines=True)
    report = train(data).report
    # measured 0.709 / 0.562 on this fold seed (the targets: 0.70 / 0.55); with the
    # previous threshold rule 0.709 / 0.550, without word vectors (word_vectors=False) 0.703 /
    # 0.525. Over ten fold seeds 0.706 / 0.554 (docs/validity_frames.md).
    assert report.micro_f1 >= 0.70 and report.macro_f1 >= 0.55


def test_log_count_ratio_scaling_is_folded_into_the_saved_coefficients(tmp_path):
    from scipy import sparse

    from framing.frames.model import NB_ALPHA, _log_count_ratios

    X = sparse.csr_matrix(np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.2, 0.0, 0.0]]))
    Y = np.array([[1, 1], [0, 1], [1, 1]])
    r = _log_count_ratios(X, Y)
    p = NB_ALPHA + np.array([2, 0, 1])  # texts of the frame with each feature
    q = NB_ALPHA + np.array([0, 1, 1])  # the other texts
    np.testing.assert_allclose(r[0], np.log(p / p.sum()) - np.log(q / q.sum()))
    np.testing.assert_allclose(r[1], 1.0)  # coded in every text: no scaling
    data = coded_frame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scaled = train(data, folds=3, evaluate=False)
        plain = train(data, folds=3, evaluate=False, nb_scaling=False)
    assert scaled.metadata["hyperparameters"]["nb_scaling"] is True
    assert not np.allclose(scaled.coef, plain.coef)
    # prediction needs no ratios: a saved and reloaded model gives the same probabilities
    segs = [segment(t) for t in ECON + WAR]
    loaded = load_model(scaled.save(tmp_path / "nb.npz"))
    np.testing.assert_allclose(loaded.probabilities(segs), scaled.probabilities(segs))
    assert all(loaded.predict(t).primary == "economic" for t in ECON)
    with pytest.raises(TypeError, match="nb_scaling must be True or False"):
        train(data, nb_scaling="yes")


def test_rare_frames_lean_towards_their_own_f1_threshold():
    from framing.frames.model import RARE_SHARE, _choose_thresholds

    rng = np.random.default_rng(0)
    Y = np.zeros((200, 2), dtype=int)
    Y[:100, 0] = 1
    Y[:10, 1] = 1  # 5 % of the texts: rare
    assert Y[:, 1].mean() < RARE_SHARE <= Y[:, 0].mean()
    P = np.clip(0.45 * Y + rng.uniform(0, 0.5, Y.shape), 0, 1)
    P[:10, 1] = 0.2 + rng.uniform(0, 0.05, 10)  # the rare frame scores low but ranks first
    P[10:, 1] = rng.uniform(0, 0.15, 190)
    same = _choose_thresholds(P, Y, 0.25, None)
    rare = _choose_thresholds(P, Y, 0.25, 1.0)
    assert rare[0] == same[0] and rare[1] < same[1]
    own = _choose_thresholds(P, Y, 1.0, None)
    assert rare[1] == own[1]
    with pytest.raises(ValueError, match="rare_threshold_mix must be"):
        train(coded_frame(1), rare_threshold_mix=2)


def test_rare_frames_weigh_more_by_class_weight_power():
    from framing.frames.model import CLASS_WEIGHT_POWER, _fit_arrays

    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 3))
    Y = np.zeros((60, 2), dtype=int)
    Y[:6, 0] = 1  # 10 % of the texts
    Y[:30, 1] = 1  # half of them: no weighting whatever the power
    X[:6, 0] += 1.0
    _, b0 = _fit_arrays(X, Y, 4.0, 0.0)
    _, b1 = _fit_arrays(X, Y, 4.0, 1.0)
    assert b1[0] > b0[0]  # weighted positives: a higher intercept for the rare frame
    assert b1[1] == pytest.approx(b0[1])
    data = coded_frame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = train(data, folds=3, evaluate=False)
        weighted = train(data, folds=3, evaluate=False, class_weight_power=0.5)
    assert model.metadata["hyperparameters"]["class_weight_power"] == CLASS_WEIGHT_POWER == 0.0
    assert weighted.metadata["hyperparameters"]["class_weight_power"] == 0.5
    assert not np.allclose(model.coef, weighted.coef)
    for bad in (-1, True, "0.5", float("inf")):
        with pytest.raises(ValueError, match="class_weight_power must be"):
            train(data, class_weight_power=bad)


# --- word vectors of unlabeled news ----------------------------------------------------------

def test_shipped_word_vectors_are_compact_pickle_free_and_meaningful():
    from importlib import resources

    from framing.frames.model import WORD_VECTORS_FILE, load_word_vectors

    path = resources.files("framing").joinpath("data", "frames", WORD_VECTORS_FILE)
    assert len(path.read_bytes()) <= 4_000_000
    with np.load(path, allow_pickle=False) as npz:
        assert npz["codes"].dtype == np.int8 and npz["words"].shape == npz["scale"].shape
    wv = load_word_vectors()
    assert wv.meta["articles_left_out"] > 0  # AllSides articles sharing text with SemEval
    assert wv.meta["tokens"] >= wv.shares.shape[0] and 0 < wv.shares.max() < 1
    np.testing.assert_allclose(np.linalg.norm(wv.vectors, axis=1), 1.0, atol=0.02)

    def cos(a, b):
        return float(wv.vectors[wv.words[a]] @ wv.vectors[wv.words[b]])

    assert cos("economy", "recession") > cos("economy", "court") + 0.3
    assert cos("poll", "survey") > cos("poll", "missile") + 0.3
    assert cos("judge", "court") > cos("judge", "tariffs") + 0.3


def test_text_vector_is_the_sif_weighted_mean_of_word_vectors():
    from collections import Counter

    from framing.frames.model import load_word_vectors

    wv = load_word_vectors()
    counts = Counter({"taxes": 2, "budget": 1, "court ruled": 1, "notaword123": 3})
    a = 0.001
    w = {t: (1 + np.log(c)) * a / (a + wv.shares[wv.words[t]])
         for t, c in counts.items() if t in wv.words}
    assert set(w) == {"taxes", "budget"}
    expected = sum(w[t] * wv.vectors[wv.words[t]] for t in w) / sum(w.values())
    np.testing.assert_allclose(wv.text_matrix([counts], a)[0], expected)
    assert not wv.text_matrix([Counter({"notaword123": 1})]).any()


def test_word_vectors_carry_frames_to_words_the_coded_texts_lack(tmp_path):
    from framing.frames.model import _doc_counts, load_word_vectors

    data = coded_frame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with_vectors = train(data, folds=3, evaluate=False, features="text")
        without = train(data, folds=3, evaluate=False, features="text", word_vectors=False)
    assert "word_vectors" not in without.metadata
    assert with_vectors.metadata["word_vectors"]["sha256"] == load_word_vectors().digest
    assert with_vectors.coef.shape[1] == without.coef.shape[1] + load_word_vectors().dim
    unseen = {"Recession and unemployment worsened; mortgage rates soared.": 0,
              "Appellate magistrates overturned the verdict.": 1,
              "Airstrikes killed insurgents near the frontier.": 2}
    segs = [segment(t) for t in unseen]
    for seg in segs:  # none of these words occurs in the coded texts
        assert not set(_doc_counts(seg)) & set(without.tfidf.vocabulary)
    base = without.probabilities(segs)
    assert np.allclose(base, base[0])  # without vectors: nothing to go on
    assert list(with_vectors.probabilities(segs).argmax(axis=1)) == list(unseen.values())
    loaded = load_model(with_vectors.save(tmp_path / "wv.npz"))
    np.testing.assert_allclose(loaded.probabilities(segs), with_vectors.probabilities(segs))
    assert "word_vectors" in repr(loaded)
    with pytest.raises(TypeError, match="word_vectors must be True or False"):
        train(data, word_vectors="yes")


def test_a_model_from_other_word_vectors_is_refused(tmp_path, multi_model):
    path = multi_model.save(tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(str(arrays["meta"]))
    meta["word_vectors"]["sha256"] = "0" * 64
    np.savez(tmp_path / "other.npz", **dict(arrays, meta=np.array(json.dumps(meta))))
    with pytest.raises(ModelError, match="other word vectors"):
        load_model(tmp_path / "other.npz")
    del arrays["vec_mean"]
    np.savez(tmp_path / "damaged.npz", **arrays)
    with pytest.raises(ModelError, match="do not fit together"):
        load_model(tmp_path / "damaged.npz")


# --- soft codebook features: the codebook's cues in the word vectors ---------------------------

SOFT_CODEBOOK = """
name: tiny
frames:
  money:
    cues: [tax|taxes, price tag, econom*]
  courts:
    cues: [court, notaword123]
"""


def test_cues_are_embedded_as_the_mean_of_the_words_they_match():
    from framing.frames.codebook import parse_codebook
    from framing.frames.model import _cue_vectors, load_word_vectors

    wv = load_word_vectors()
    vectors, owner = _cue_vectors(parse_codebook(SOFT_CODEBOOK), wv)
    assert list(owner) == [0, 0, 0, 1]  # notaword123 is in no vocabulary: left out

    def unit(words):
        v = np.mean([wv.vectors[wv.words[w]] for w in words], axis=0)
        return v / np.linalg.norm(v)

    econom = [w for w in wv.words if w.startswith("econom")]
    assert {"economy", "economic", "economists"} <= set(econom)
    price_tag = (wv.vectors[wv.words["price"]] + wv.vectors[wv.words["tag"]]) / 2
    for got, want in zip(vectors, [unit(["tax", "taxes"]), price_tag / np.linalg.norm(price_tag),
                                   unit(econom), unit(["court"])]):
        np.testing.assert_allclose(got, want, atol=1e-12)


def test_soft_codebook_features_reach_words_the_cues_lack():
    from framing.frames.codebook import parse_codebook
    from framing.frames.model import _cue_vectors, _doc_counts, _soft_codebook_matrix

    cb = parse_codebook(SOFT_CODEBOOK)
    texts = ["Recession and unemployment worsened; mortgage rates soared.",
             "Appellate magistrates overturned the verdict."]
    segs = [segment(t) for t in texts]
    assert not any(cb.find(s) for s in segs)  # no exact cue: the codebook features see nothing
    counts = [_doc_counts(s) for s in segs]
    wv = frames.model.load_word_vectors()
    soft = _soft_codebook_matrix(wv.text_matrix(counts), cb, wv)
    assert soft.shape == (2, 2)
    assert soft[0, 0] > soft[0, 1] and soft[1, 1] > soft[1, 0]
    # the cosine of the text's vector to the mean of the frame's cue vectors
    vectors, owner = _cue_vectors(cb, wv)
    centroid = vectors[owner == 0].mean(axis=0)
    text = wv.text_matrix(counts[:1])[0]
    assert soft[0, 0] == pytest.approx(
        text @ centroid / np.linalg.norm(text) / np.linalg.norm(centroid))


def test_soft_codebook_features_are_saved_and_used_by_predict(tmp_path):
    data = coded_frame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soft = train(data, folds=3, evaluate=False, features="text+codebook")
        hard = train(data, folds=3, evaluate=False, features="text+codebook",
                     soft_codebook=False)
        text_only = train(data, folds=3, evaluate=False, features="text")
    n = len(load_codebook("policy").frames) - 1  # the residual frame has no features
    assert soft.metadata["hyperparameters"]["soft_codebook"] == "centroid"
    assert hard.metadata["hyperparameters"]["soft_codebook"] is None
    assert text_only.metadata["hyperparameters"]["soft_codebook"] is None
    assert soft.cb_mean.shape == (3 * n,) and hard.cb_mean.shape == (2 * n,)
    assert soft.coef.shape[1] == hard.coef.shape[1] + n
    # a coded frame's own soft feature weighs like its own codebook features
    k = load_codebook("policy").index("economic")
    assert soft.cb_weights[0, 2 * n + k] == soft.cb_weights[0, k] > soft.cb_weights[0, 2 * n + 1]
    path = soft.save(tmp_path / "soft.npz")
    loaded = load_model(path)
    assert "soft_codebook" in repr(loaded)
    segs = [segment(t) for t in ECON + LAW + WAR]
    np.testing.assert_allclose(loaded.probabilities(segs), soft.probabilities(segs))
    assert not np.allclose(soft.probabilities(segs), hard.probabilities(segs))
    with np.load(path, allow_pickle=False) as npz:  # soft features the arrays lack: damaged
        arrays = {k: npz[k] for k in npz.files}
    cut = {k: arrays[k][..., :2 * n] for k in ("cb_mean", "cb_sd", "cb_weights")}
    np.savez(tmp_path / "damaged.npz", **dict(arrays, **cut))
    with pytest.raises(ModelError, match="soft codebook features"):
        load_model(tmp_path / "damaged.npz")
    with pytest.raises(ValueError, match="soft_codebook=True needs word_vectors=True"):
        train(data, word_vectors=False, soft_codebook=True)
    with pytest.raises(TypeError, match="soft_codebook must be"):
        train(data, soft_codebook="yes")


def test_copies_of_a_text_stay_in_one_fold_and_are_reported():
    from framing.frames.model import _folds

    groups = np.repeat(np.arange(10), 3)  # each text three times
    for train_pos, test_pos in _folds(len(groups), 4, seed=1, groups=groups):
        assert not set(groups[train_pos]) & set(groups[test_pos])
        assert sorted(np.concatenate([train_pos, test_pos]).tolist()) == list(range(30))
    data = coded_frame(1)
    again = pd.concat([data, data.iloc[:4].assign(frames="legality")], ignore_index=True)
    with pytest.warns(UserWarning, match=r"4 rows repeat an earlier text, 4 texts with "
                                         r"different codes; cross-validation keeps all copies"):
        train(again, folds=2, evaluate=False, codebook=None, word_vectors=False)


def test_a_label_with_a_comma_is_flagged_and_single_mode_errors_name_the_csv_row(tmp_path):
    data = coded_frame(1).assign(frames=lambda d: d["frames"].str.replace("; ", ","))
    with pytest.warns(UserWarning, match=r"row \d+, field 'frames': the label "
                                         r"'economic,Security_and_defense' holds a comma"):
        train(data, folds=2, evaluate=False, codebook=None, word_vectors=False)
    path = tmp_path / "coded.csv"
    coded_frame(1).to_csv(path, index=False)  # rows 19-24 of the file hold two frames
    with pytest.raises(InputError, match=r"row 20, field 'frames'"):
        train(path, mode="single", codebook=None)


def test_a_primary_frame_chosen_by_codebook_order_is_counted_as_tied():
    # in a headline every present frame has a share of 1: the codebook's order picked primary
    r = score("Bernie Sanders lashes out at Congress over gun control bill.")
    assert r.present == ("policy_prescription_and_evaluation", "political")
    assert r.primary == "policy_prescription_and_evaluation" and r.n_tied == 1
    assert r.row()["frames_n_tied"] == 1
    clear = score("Congress voted. The Senate voted again. Taxes rose.")
    assert clear.primary == "political" and clear.n_tied == 0


def test_csv_codebook_headers_separators_and_english_however_written(tmp_path):
    from framing.frames import load_codebook

    bom = tmp_path / "bom.csv"
    bom.write_text("\ufeffframe,term\neconomic,tax\n", encoding="utf-8")  # Excel's CSV UTF-8
    assert [f.name for f in load_codebook(str(bom)).frames] == ["economic"]  # no frame "frame"
    cue = tmp_path / "cue.csv"
    cue.write_text("frame,cue\neconomic,tax\n", encoding="utf-8")
    assert [f.name for f in load_codebook(str(cue)).frames] == ["economic"]
    for header in ("Category,Keyword", "# my codebook\nlabel,term"):
        cue.write_text(f"{header}\neconomic,tax\n", encoding="utf-8")
        assert [f.name for f in load_codebook(str(cue)).frames] == ["economic"]
    semi = tmp_path / "semi.csv"
    semi.write_text("frame;term\neconomic;tax\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="looks ';'-separated"):
        load_codebook(str(semi))
    english = tmp_path / "english.yaml"
    english.write_text("name: x\nlanguage: English\nframes:\n  economic:\n    cues: [tax]\n")
    assert load_codebook(str(english)).language == "en"  # the English check stays on


def test_the_manifest_names_each_shipped_codebooks_version():
    # the manifest had said "1.0" for both while the codebooks reached 1.5 and 1.4
    import yaml

    from framing.results import read_data_text

    manifest = yaml.safe_load(read_data_text("frames", "manifest.yaml"))
    for name, entry in manifest["codebooks"].items():
        assert entry["version"] == load_codebook(name).version, name


def test_training_rows_are_the_files_rows_and_a_cell_of_spaces_is_missing(tmp_path):
    # a row empty in every column is skipped (as framing validate skips it), so the rows after
    # it are named by their row in the file, as validate names them
    data = coded_frame(1)
    path = tmp_path / "coded.csv"
    lines = data.to_csv(index=False).splitlines()
    lines.insert(3, ",")  # file row 4: left blank in a spreadsheet
    _, label = lines[7].rsplit(",", 1)
    lines[7] = "," + label  # file row 8: a label without its text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(MissingValueError, match=r"row 8, field 'text'"):
        train(path)
    # a label cell holding only spaces looks empty in a spreadsheet: missing, not "no frame"
    # (as framing validate reads it)
    data.loc[5, "frames"] = "   "
    data.to_csv(path, index=False)
    with pytest.raises(MissingValueError, match=r"row 7, field 'frames': the frame label is "
                                                r"missing \(the cell holds only spaces\)"):
        train(path)


def test_other_read_as_no_frame_by_the_feature_codebook_is_said_and_kept_for_validation(tmp_path):
    from framing.validate import run_validation

    # a scheme of one's own ('mood' is no policy frame), trained with the default policy
    # codebook as features: its 'other' is the codebook's residual frame, read as no frame
    data = coded_frame(1)
    data.loc[data["frames"] == "Legality", "frames"] = "mood"
    weather = pd.DataFrame({"text": ["The weather was mild.", "A cat sat there.",
                                     "The festival drew crowds.", "Rain fell all day."],
                            "frames": "Other"})
    data = pd.concat([data, weather], ignore_index=True)
    with pytest.warns(UserWarning, match=r"row 25, field 'frames': 'other' coded alone is read "
                                         r"as no frame \(4 rows\).*codebook 'policy'"):
        model = train(data, folds=2, evaluate=False, features="text", word_vectors=False,
                      out=tmp_path / "m.npz")
    assert model.codebook is None and "other" not in model.labels
    assert model.metadata["training"]["read_as_none"] == ["other"]
    # held-out coding with the same 'other' validates, although the model kept no codebook
    gold = tmp_path / "gold.csv"
    data.iloc[[0, 7, 20, 25]].to_csv(gold, index=False)
    result = run_validation("frames", gold, label_col="frames", codebook=tmp_path / "m.npz",
                            n_boot=20)
    assert result["n"] == 4


@pytest.mark.parametrize("joined", ["economic|Security and defense",
                                    "economic / security_and_defense",
                                    "Economic + security and defense"])
def test_a_label_joining_coded_frames_with_another_separator_is_flagged(joined):
    data = coded_frame(1)
    data.loc[3, "frames"] = joined
    with warnings.catch_warnings(record=True) as caught:  # besides: "has only 1 example"
        warnings.simplefilter("always")
        train(data, folds=2, evaluate=False, codebook=None, word_vectors=False)
    assert any("row 4, field 'frames': the frame 'economic_security_and_defense' is the coded "
               "frames 'economic', 'security_and_defense' joined (1 row)" in str(w.message)
               for w in caught)


def test_frames_whose_names_only_share_words_are_not_flagged_as_joined():
    from framing.frames.model import _joined_frames

    coded = {"gun", "rights", "gun_rights", "second_amendment", "crime"}
    assert _joined_frames("second_amendment_rights", coded) == ["second_amendment", "rights"]
    assert _joined_frames("crime_and_punishment", coded) is None
    assert _joined_frames("crime", coded - {"crime"}) is None


def test_a_model_saved_as_upper_case_npz_is_written_where_it_is_loaded_from(tmp_path,
                                                                           multi_model):
    # "m.NPZ" is a model to framing analyze --codebook and load_model, so it is saved as such
    # (it was saved as "m.NPZ.npz", and loading "m.NPZ" found no file)
    path = multi_model.save(tmp_path / "m.NPZ")
    assert path == tmp_path / "m.NPZ" and path.is_file()
    assert load_model(tmp_path / "m.NPZ").labels == multi_model.labels


# --- the compiled matcher scan (framing._matching_c) against the Python reference -------------

#: A codebook for every rule of the matcher: multiword cues, alternatives in a slot, prefix
#: wildcards first and later in a phrase, cues sharing a first word with different lengths,
#: overlapping cues ("health care" / "care costs"), the same span under two frames, one-word
#: and multiword cues on one word, "n't" = "not", a hyphenated cue, capitalised (name) cues and
#: exclusion phrases, one of them sharing its first word with a cue.
EDGE_CODEBOOK = """\
frames:
  health:
    cues: [health care, care costs, health, hospital*, public health care system, doctor|nurse]
    exclude: [health club]
  economy:
    cues: [care costs, cost*, tax|taxes, tax cut*, would not rule out, econom*]
    exclude: [economy class, tax free zone]
  politics:
    cues: [public, public opinion poll*, Senate, vote*, the senate, rule out]
  crime:
    cues: [crime, anti-crime, police|polic* force, gun*]
    exclude: [police state]
"""

EDGE_TEXTS = [
    "Health care costs rose. The public health care system failed. Public opinion polls moved.",
    "Care costs. Care. Costs. Health. Health care. Health care. costs",  # matches at sentence ends
    "He wouldn't rule out a tax cut. She would not rule out taxes. Rule out.",
    "The Senate voted; the senate votes. The economy class seat. Economists argued economics.",
    "Police force and policing forces. A police state. Anti-crime guns, anti-police, crime-free.",
    "Hospitals and hospitalized doctors, nurses! Health club. The health club's health care.",
    "A tax free zone. A tax-free zone. Tax free. tax cuts cut taxes",
    "Gun. Guns? Gunners! public public public. the the the senate",
    "", "   ", ".", "Health", "health care", "care", "The", "Ελληνικά health care 中文 costs",
]


def _edge_codebook(tmp_path):
    from framing.frames import load_codebook

    path = tmp_path / "edge.yaml"
    path.write_text(EDGE_CODEBOOK, encoding="utf-8")
    with pytest.warns(CodebookWarning, match="'care costs'.*counts for both"):  # as meant
        return load_codebook(str(path))


def _random_texts(codebook, n, seed):
    """Texts made of the codebook's own cue words, in random order, with sentence ends and
    capitals: many overlapping, adjacent and cut-off matches."""
    rng = random.Random(seed)
    words = sorted({w.rstrip("*") for f in codebook.frames for cue in f.cues + f.exclude
                    for alt in cue.split() for w in alt.split("|")})
    words += [".", ",", "the", "not", "n't", "wouldn't", "Mr.", "-", "ing", "s"]
    return [" ".join(rng.choice(words).capitalize() if rng.random() < 0.2 else rng.choice(words)
                     for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _sample_texts():
    from conftest import SAMPLE

    return [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def _matchers_agree(codebook, texts) -> int:
    """Both matchers of ``codebook`` find the same matches with the compiled scan and the Python
    one, from fresh matchers (empty word caches, filled by either path) and from warm ones; the
    number of matches compared."""
    from framing.frames.codebook import _Matcher

    n = 0
    for matcher in (codebook.matcher, codebook.exclusion_matcher):
        if matcher is None:
            continue
        cold_c, cold_py = _Matcher(matcher.patterns), _Matcher(matcher.patterns)
        for text in texts:
            seg = segment(text)
            want = matcher.find_python(seg)
            assert cold_c.find(seg) == want, text
            assert cold_py.find_python(seg) == want, text
            assert matcher.find(seg) == want, text
            n += len(want)
        _same_tables(cold_c, cold_py)
    return n


def _same_tables(compiled, python) -> None:
    """The word tables a compiled scan filled are the Python scan's, less the words that start
    no cue (which the compiled scan tells without its cache, and does not store there)."""
    assert compiled._cache == {w: c for w, c in python._cache.items()
                               if c or w in compiled._cache}
    assert compiled._gates == {w: g for w, g in python._gates.items() if w in compiled._cache}
    assert compiled._singles == python._singles


def _results_agree(monkeypatch, codebook, texts) -> None:
    """frames.score gives the same result (every field, all evidence in order) with and without
    the compiled scan."""
    from framing.frames import codebook as codebook_module

    compiled = codebook_module._matching_compiled
    for text in texts:
        seg = segment(text)
        with monkeypatch.context() as m:
            m.setattr(codebook_module, "_matching_compiled", lambda: None)
            python = score(seg, codebook=codebook)
        fast = score(seg, codebook=codebook)
        assert codebook_module._matching_compiled is compiled
        assert repr(fast) == repr(python), text  # repr: NaN == NaN for unscored texts
        assert repr(fast.row()) == repr(python.row())


def _matching_c():
    from framing._compiled import pure_python

    if pure_python():
        pytest.skip("FRAMING_PURE_PYTHON=1: the matchers use the Python scan")
    return pytest.importorskip("framing._matching_c")


def test_compiled_matcher_is_what_find_runs(monkeypatch):
    compiled = _matching_c()
    from framing.frames import codebook as codebook_module
    from framing.frames import load_codebook

    assert codebook_module._matching_compiled() is compiled
    matcher = load_codebook("policy").matcher
    seg = segment("Taxes rose and the budget deficit grew.")
    want = matcher.find_python(seg)
    assert want
    monkeypatch.setattr(type(matcher), "find_python", lambda self, seg: pytest.fail("Python"))
    assert matcher.find(seg) == want


def test_compiled_matcher_equals_python_on_the_sample_corpus_with_every_codebook(monkeypatch,
                                                                                tmp_path):
    _matching_c()
    from framing.frames import load_codebook, shipped_codebooks

    texts = _sample_texts() + EDGE_TEXTS
    books = [load_codebook(name) for name in shipped_codebooks()] + [_edge_codebook(tmp_path)]
    assert len(books) == 3
    for book in books:
        assert _matchers_agree(book, texts) > 0
        _results_agree(monkeypatch, book, texts)


def test_compiled_matcher_equals_python_on_edge_cases_and_random_cue_sequences(monkeypatch,
                                                                               tmp_path):
    _matching_c()
    from framing.frames import load_codebook

    edge = _edge_codebook(tmp_path)
    texts = EDGE_TEXTS + _random_texts(edge, 400, seed=5)
    assert _matchers_agree(edge, texts) > 2000
    _results_agree(monkeypatch, edge, texts)
    policy = load_codebook("policy")
    texts = _random_texts(policy, 200, seed=6)
    assert _matchers_agree(policy, texts) > 1000
    _results_agree(monkeypatch, policy, texts[:50])
    # "the" opens only "the senate" (its gate turns "public" away); "public" opens a cue too
    # long for the text, one that does not go on, and itself; then the longest at "health"
    seg = segment("the public health care")
    for found in (edge.matcher.find(seg), edge.matcher.find_python(seg)):
        assert [(a, b, [p for _, p in ps]) for a, b, ps in found] == \
            [(1, 2, ["public"]), (2, 4, ["health care"])]


def test_compiled_matcher_keeps_a_full_cache_as_python_does(monkeypatch, tmp_path):
    _matching_c()
    from framing.frames.codebook import _Matcher

    edge = _edge_codebook(tmp_path)
    monkeypatch.setattr(_Matcher, "_CACHE_LIMIT", 5)  # most words: _candidates on every call
    c, py = _Matcher(edge.matcher.patterns), _Matcher(edge.matcher.patterns)
    for text in EDGE_TEXTS + _random_texts(edge, 50, seed=7):
        seg = segment(text)
        assert c.find(seg) == py.find_python(seg), text
    assert len(c._cache) == len(py._cache) == 5


def test_compiled_matcher_takes_odd_input_without_harm():
    compiled = _matching_c()
    from framing.frames import load_codebook

    m = load_codebook("policy").matcher
    tables = (m._cache, m._gates, m._singles, m._candidates)
    for text in ["", "\ud800 tax \udfff", "tax " * 100_000, "\x00 economy \x00", "a" * 70_000]:
        seg = segment(text)
        assert compiled.codebook_find(seg.norm, seg.sentence_token_ranges, seg.token_sentence,
                                      *tables) == m.find_python(seg)
    assert compiled.codebook_find((), (), (), *tables) == []
    tokens = SimpleNamespace(norm=("taxes", "cut"), sentence_token_ranges=((0, 2),),
                             token_sentence=(0, 0))  # tuples are taken as lists are
    assert compiled.codebook_find(tokens.norm, tokens.sentence_token_ranges,
                                  tokens.token_sentence, *tables) == m.find_python(tokens) != []
    with pytest.raises(TypeError):
        compiled.codebook_find(None, [], [], *tables)
    with pytest.raises(ValueError):
        compiled.codebook_find(["tax"], [(0, 1)], [], *tables)
    with pytest.raises(TypeError):
        compiled.codebook_find(["tax"], [(0, 1)], [0], None, m._gates, m._singles, m._candidates)
    bad = SimpleNamespace(norm=["health"], sentence_token_ranges=[], token_sentence=[0])
    with pytest.raises(IndexError):  # a sentence index past the ranges, as in Python
        m.find_python(bad)
    with pytest.raises(IndexError):
        compiled.codebook_find(bad.norm, bad.sentence_token_ranges, bad.token_sentence, *tables)
    with pytest.raises(TypeError):
        compiled.codebook_find(["tax"], [(0, 1)])
    # a segmentation whose tokens do not all lie in a sentence takes the Python path
    seg = segment("Taxes rose. Costs fell.")
    seg.token_sentence = seg.token_sentence[:-1]
    assert m.find(seg) == m.find_python(seg)


@pytest.mark.shared
def test_compiled_matcher_equals_python_on_300_allsides_articles(monkeypatch):
    _matching_c()
    import gzip
    import itertools

    from framing.frames import load_codebook, shipped_codebooks

    path = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["content_original"] or ""
                 for line in itertools.islice(f, 300)]
    for name in shipped_codebooks():
        assert _matchers_agree(load_codebook(name), texts) > 3000
    _results_agree(monkeypatch, "policy", texts)


def test_compiled_search_for_hyphenated_tokens_equals_python():
    compiled = _matching_c()
    from framing.frames.codebook import _containing, _containing_python

    for text in _sample_texts() + EDGE_TEXTS + ["-", "a - b", "--x-- -", "\ud800-\udfff", ""]:
        norm = segment(text).norm
        want = _containing_python(norm, "-")
        assert _containing(norm, "-") == compiled.containing(norm, "-") == want, text
        assert compiled.containing(tuple(norm), "-") == want
    assert compiled.containing(["a-b", "ab", "-", "x--"], "--") == [3]
    assert compiled.containing(["a-b", ("-",), ["x"]], "-") == [0, 1]  # `in` on any item
    with pytest.raises(TypeError):
        compiled.containing(["a", 1], "-")
    with pytest.raises(TypeError):
        compiled.containing(None, "-")
    # one character looked for, in strings of every width (1, 2 and 4 bytes a character)
    words = ["", "-", "a-", "ü-ü", "ü", "€-", "€", "😀-", "😀", "x\ud800-", "\ud800", "é", "aé",
             "€é", "😀é", "--", "a" * 300 + "-", "ÿ", "aÿ", "€ÿ", "\x00", "a\x00"]
    for part in ["-", "é", "€", "😀", "\ud800", "ÿ", "\x00", "ab", ""]:
        assert compiled.containing(words, part) == _containing_python(words, part), part


def test_pure_python_asked_for_turns_the_compiled_matching_off(monkeypatch):
    _matching_c()
    from framing import hedging
    from framing.frames import codebook as codebook_module
    from framing.frames import load_codebook

    matcher = load_codebook("policy").matcher
    seg = segment("Taxes rose; it may well pass.")
    calls = []
    monkeypatch.setattr(type(matcher), "find_python", lambda self, s: calls.append(s) or [])
    monkeypatch.setenv("FRAMING_PURE_PYTHON", "1")
    try:
        for module in (codebook_module, hedging):
            module._matching_compiled.cache_clear()
            assert module._matching_compiled() is None
        assert matcher.find(seg) == [] and calls == [seg]
        assert [e.cue for _, _, e in hedging.load_lexicon().matches(seg)] == ["may"]
    finally:
        monkeypatch.delenv("FRAMING_PURE_PYTHON")
        for module in (codebook_module, hedging):
            module._matching_compiled.cache_clear()
    assert codebook_module._matching_compiled() is not None


# --- the compiled tally of matches (framing._matching_c.frames_tally) and candidate look-ups ---

#: Texts for every rule between a match and the result: quotations (opening before, at and
#: after a cue, unclosed, across paragraphs, several in one sentence), cue words in person
#: names ("Justice Brown", "Tom Price", "Sen. Portman") and as words, hyphenated words matched
#: by their parts or head, exclusion phrases (whole, as parts, opened by a hyphenated head),
#: the same span under two frames, and non-English text.
TALLY_TEXTS = [
    'The senator said "taxes will rise and the deficit grows" before the vote on immigration.',
    '"Crime is down," Justice Brown said. Justice was served; the justice system held.',
    "Tom Price met Dr. Price about the price of health care. Price said health-care costs rose.",
    "Sen. Portman and Hope Hicks hope the border wall works. Portman said so.",
    "Asylum-seekers crossed the cross-border route; anti-smuggling laws, a must-pass bill.",
    "The ex-vice president spoke. His son-in-law, a D-Ill. lawmaker, took an X-ray.",
    "Cuban-Americans voted. The economy class seats. A tax-free zone and a tax free zone.",
    '“Unclosed quotation about the economy and taxes\n\n“goes on about the military budget.',
    '"Police" and "guns" and "courts": the police said "guns kill" while courts ruled.',
    "POLITICAL ECONOMY: TAXES, GUNS AND THE COURT. Health Care Costs Rise.",
    "Ελληνικά κείμενα για την οικονομία και τους φόρους.", "", "-", '""', "“”",
]


def _tally_inputs(codebook, text):
    from framing.frames import load_codebook

    cb = load_codebook(codebook)
    seg = segment(text)
    return cb.find(seg), seg, cb.names


def test_compiled_tally_equals_python_on_every_rule(monkeypatch, tmp_path):
    compiled = _matching_c()
    from framing.frames.dictionary import _EVIDENCE_WEIGHT, _SENTENCE_FRAMES_FIELDS, _tally_python
    from framing.frames.result import SentenceFrames
    from framing.results import Evidence

    edge = _edge_codebook(tmp_path)
    texts = TALLY_TEXTS + EDGE_TEXTS + _sample_texts() + _random_texts(edge, 200, seed=8)
    n = 0
    for book in ("policy", "generic", edge):
        for text in texts:
            found, seg, names = _tally_inputs(book, text)
            want = _tally_python(found, seg.text, seg.token_spans, seg.token_sentence,
                                 seg.quotes, names, seg.sentences)
            # made directly (their fields set), and by calling Evidence and SentenceFrames
            for weight, fields in ((_EVIDENCE_WEIGHT, _SENTENCE_FRAMES_FIELDS), (None, None)):
                got = compiled.frames_tally(found, seg.text, seg.token_spans, seg.token_sentence,
                                            seg.quotes, names, len(names), Evidence, weight,
                                            seg.sentences, SentenceFrames, fields)
                assert got == tuple(want), text
                assert all(type(e) is Evidence for e in got[3])
                assert all(type(e) is SentenceFrames for e in got[2])
            n += len(want[3])
        _results_agree(monkeypatch, book, TALLY_TEXTS)
    assert n > 5000
    voices = {e.voice for e in score(TALLY_TEXTS[0]).evidence}
    assert voices == {"quoted", "journalist"}


def test_compiled_tally_makes_evidence_and_sentences_that_behave_as_those_made_by_calling(
        monkeypatch):
    compiled = _matching_c()
    import copy
    import dataclasses
    import pickle

    from framing.frames.dictionary import _EVIDENCE_WEIGHT, _SENTENCE_FRAMES_FIELDS
    from framing.frames.result import SentenceFrames
    from framing.results import Evidence

    assert _EVIDENCE_WEIGHT == 1.0
    assert _SENTENCE_FRAMES_FIELDS == ("sentence", "start", "end", "frames", "n_cues")
    found, seg, names = _tally_inputs("policy", TALLY_TEXTS[0] + " " + TALLY_TEXTS[2])

    def tally(direct):
        return compiled.frames_tally(
            found, seg.text, seg.token_spans, seg.token_sentence, seg.quotes, names, len(names),
            Evidence, _EVIDENCE_WEIGHT if direct else None, seg.sentences, SentenceFrames,
            _SENTENCE_FRAMES_FIELDS if direct else None)

    _, _, made_sentences, made = tally(True)
    _, _, called_sentences, called = tally(False)
    assert len(made) >= len(found) > 3 and len(made_sentences) == len(called_sentences) > 2
    for e, f in [*zip(made, called), *zip(made_sentences, called_sentences)]:
        assert type(e) is type(f)
        assert e == f and repr(e) == repr(f)
        assert e.to_dict() == f.to_dict() and dataclasses.astuple(e) == dataclasses.astuple(f)
        assert pickle.loads(pickle.dumps(e)) == e == copy.deepcopy(e)
        assert dataclasses.replace(e, start=1).start == 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            e.start = 1
        assert hash(e) == hash(f)
        assert getattr(e, "__dict__", None) == getattr(f, "__dict__", None)
    assert not hasattr(made[0], "__dict__") and list(vars(made_sentences[0])) == list(
        _SENTENCE_FRAMES_FIELDS)
    # made without the classes' __init__ (their fields set as it sets them), unless told to
    # call them
    calls = []
    for cls in (Evidence, SentenceFrames):
        monkeypatch.setattr(cls, "__init__", lambda self, *a, original=cls.__init__: (
            calls.append(a), original(self, *a))[1])
    assert tally(True)[2:] == (made_sentences, made) and calls == []
    assert tally(False)[2:] == (made_sentences, made)
    assert len(calls) == len(made) + len(made_sentences)


def test_compiled_tally_takes_odd_input_without_harm():
    compiled = _matching_c()
    from framing.frames.dictionary import _SENTENCE_FRAMES_FIELDS, _tally_python
    from framing.frames.result import SentenceFrames
    from framing.results import Evidence

    names = ("a", "b")

    def run(found, text, spans, sent, quotes, n_frames, sentences):
        return compiled.frames_tally(found, text, spans, sent, quotes, names, n_frames,
                                     Evidence, 1.0, sentences, SentenceFrames,
                                     _SENTENCE_FRAMES_FIELDS)

    def both(found, text="taxes rose", spans=((0, 5), (6, 10)), sent=(0, 0), quotes=(),
             n_frames=2, sentences=((0, 10),)):
        try:
            want = _tally_python(found, text, spans, sent, quotes, names, sentences)
        except (AttributeError, IndexError, TypeError, ValueError) as err:  # the compiled tally
            # raises what Python raises
            with pytest.raises(type(err)):
                run(found, text, spans, sent, quotes, n_frames, sentences)
            return type(err)
        assert run(found, text, spans, sent, quotes, n_frames, sentences) == tuple(want)
        return want

    assert both([]) == ([0, 0], [0, 0], [], [])
    assert both([(0, 2, (1, 0, 1), "taxes rose")])[:3] == (
        [1, 2], [1, 1], [SentenceFrames(0, 0, 10, ("a", "b"), (1, 2))])
    assert both([(0, 1, (-1,), "t")])[0] == [0, 1]  # a negative frame index, as a list takes it
    assert both([(1, 2, (0,), "t")], quotes=[(0, 3), (5, 10)])[3][0].voice == "quoted"
    assert both([(0, 1, (0,), "t")], text="\ud800\udfff\x00 ü", spans=((0, 3), (4, 5)))
    assert both([(0, 1, (0,), "t"), (1, 2, (1,), "r")], sent=(1, 0),
                sentences=((0, 5), (6, 10)))[2] == [SentenceFrames(0, 0, 5, ("b",), (1,)),
                                                    SentenceFrames(1, 6, 10, ("a",), (1,))]
    assert both([(0, 1, (2,), "t")]) is IndexError
    assert both([(5, 6, (0,), "t")]) is IndexError
    assert both([(0, 1, ("0",), "t")]) is TypeError
    assert both([(0, 1, 0, "t")]) is TypeError
    assert both([(0, 1, (0,))]) is ValueError
    assert both([(0, 1, (0,), "t", "extra")]) is ValueError
    assert both([None]) is TypeError
    assert both([(0, 1, (0,), "t")], quotes=[(0, "x")]) is TypeError
    assert both([(0, 2, (0,), "t")], spans=[(0, 5)], sent=[0]) is IndexError
    assert both([(0, 1, (0,), "t")], sentences=[]) is IndexError
    assert both([(0, 1, (0,), "t")], sentences=[(0,)]) is IndexError
    with pytest.raises(TypeError):
        compiled.frames_tally([], "", (), (), (), names, 2, Evidence, 1.0)
    with pytest.raises(TypeError):  # field names that are not a tuple
        compiled.frames_tally([(0, 1, (0,), "t")], "taxes", [(0, 5)], [0], [], names, 2,
                              Evidence, 1.0, [(0, 5)], SentenceFrames, ["sentence"])
    big = "tax " * 100_000  # a long text: every token a match of both frames
    seg = segment(big)
    found = [(i, i + 1, (0, 1), "tax") for i in range(len(seg.norm))]
    want = _tally_python(found, big, seg.token_spans, seg.token_sentence, seg.quotes, names,
                         seg.sentences)
    assert run(found, big, seg.token_spans, seg.token_sentence, seg.quotes, 2,
               seg.sentences) == tuple(want)


def test_compiled_matcher_tells_words_that_start_no_cue_without_python_or_the_cache(
        monkeypatch, tmp_path):
    _matching_c()
    from framing.frames.codebook import _FEW_PREFIXES, _NO_CANDIDATES, _Matcher

    edge = _edge_codebook(tmp_path)
    texts = TALLY_TEXTS + EDGE_TEXTS + _random_texts(edge, 100, seed=9)
    for book in (load_codebook("policy"), load_codebook("generic"), edge):
        c, py = _Matcher(book.matcher.patterns), _Matcher(book.matcher.patterns)
        assert c._prefixes is not None and len(c._prefixes) == len(c._prefix_index)
        asked = []
        original = _Matcher._candidates
        monkeypatch.setattr(c, "_candidates", lambda w, c=c, asked=asked, original=original:
                            asked.append(w) or original(c, w))
        for text in texts:
            seg = segment(text)
            assert c.find(seg) == py.find_python(seg), text
        _same_tables(c, py)
        # Python was asked only about words that start a cue, and only they are cached
        assert asked and all(c._cache[w] for w in asked) and all(c._cache.values())
        assert sum(1 for v in py._cache.values() if v is _NO_CANDIDATES) > 50
    # a word with a wildcard's prefix ("hospitalized" for "hospital*") goes to the cache
    seg = segment("hospitalized hospitality hosp ho h")
    m = _Matcher(edge.matcher.patterns)
    assert m.find(seg) == edge.matcher.find_python(seg) != []
    assert sorted(m._cache) == ["hospitality", "hospitalized"]
    # with many wildcards, a new word is looked up in the cache and cached without the call
    many = [(f"w{i:03d}x*", i) for i in range(_FEW_PREFIXES + 1)] + [("tax", "t")]
    c, py = _Matcher(many), _Matcher(many)
    assert c._prefixes is None
    asked.clear()
    monkeypatch.setattr(c, "_candidates", lambda w: asked.append(w) or original(c, w))
    seg = segment("w001xyz tax w064x w065x w0 w99x and tax")
    assert c.find(seg) == py.find_python(seg) == [(0, 1, [1]), (1, 2, ["t"]), (2, 3, [64]),
                                                  (7, 8, ["t"])]
    assert c._cache == py._cache and c._gates == py._gates and c._singles == py._singles
    assert asked == ["w001xyz", "tax", "w064x"]
    # a full cache: words are not added, as in Python
    monkeypatch.setattr(_Matcher, "_CACHE_LIMIT", 3)
    c, py = _Matcher(edge.matcher.patterns), _Matcher(edge.matcher.patterns)
    for text in EDGE_TEXTS:
        seg = segment(text)
        assert c.find(seg) == py.find_python(seg)
    assert len(c._cache) == len(py._cache) == 3


def test_compiled_reduction_of_matches_equals_python(monkeypatch, tmp_path):
    compiled = _matching_c()
    from framing.frames import codebook as codebook_module
    from framing.frames.codebook import Codebook, _PersonNames

    edge = _edge_codebook(tmp_path)
    texts = TALLY_TEXTS + EDGE_TEXTS + _sample_texts() + _random_texts(edge, 300, seed=10)
    n = named = 0
    for book in (load_codebook("policy"), load_codebook("generic"), edge):
        for text in texts:
            seg = segment(text)
            found = book.matcher.find(seg)
            excluded = [] if book.exclusion_matcher is None else [
                (a, b, set(frames)) for a, b, frames in book.exclusion_matcher.find(seg)]
            built = []

            def names(s, built=built):  # _PersonNames, counted
                built.append(s)
                return _PersonNames(s)

            want = Codebook._reduce_python(seg, found, excluded)
            assert compiled.codebook_reduce(found, seg.tokens, excluded, seg, names) == want, text
            assert built in ([], [seg])  # made once, where a capitalized word needs it
            n += len(want)
            named += len(built)
    assert n > 5000 and named > 100
    # a lower-case cue in a name ("Price" in "Tom Price") is dropped, a capitalized one kept;
    # the frame of an exclusion phrase is dropped, another frame's cue in it kept
    for text in TALLY_TEXTS[:7]:
        seg = segment(text)
        with monkeypatch.context() as m:
            m.setattr(codebook_module, "_matching_compiled", lambda: None)
            python = load_codebook("policy").find(seg)
        assert load_codebook("policy").find(seg) == python, text
    seg = segment("Tom Price met Dr. Price about the price.")
    assert [seg.tokens[a] for a, *_ in load_codebook("policy").find(seg)] == ["price"]


def test_compiled_reduction_takes_odd_input_without_harm():
    compiled = _matching_c()
    from framing.frames.codebook import Codebook, _PersonNames

    seg = segment("Taxes and Price rose.")

    def both(found, excluded=(), tokens=None):
        tokens = seg.tokens if tokens is None else tokens
        try:
            want = Codebook._reduce_python(SimpleNamespace(tokens=tokens, **{
                k: getattr(seg, k) for k in ("norm", "sentence_token_ranges",
                                             "token_sentence")}), found, list(excluded))
        except (AttributeError, IndexError, TypeError, ValueError) as err:  # raised alike
            with pytest.raises(type(err)):
                compiled.codebook_reduce(found, tokens, list(excluded), seg, _PersonNames)
            return type(err)
        assert compiled.codebook_reduce(found, tokens, list(excluded), seg, _PersonNames) == want
        return want

    assert both([]) == []
    assert both([(0, 1, [(3, "tax*"), (1, "tax*"), (3, "taxes"), (0, "x")])]) == [
        (0, 1, (0, 1, 3), "tax*")]
    assert both([(0, 1, [(1, "a"), (2, "b")])], [(0, 1, {1}), (1, 2, {2})]) == [
        (0, 1, (2,), "b")]
    assert both([(0, 2, [(1, "a")])], [(1, 3, {1})]) == []  # overlapping at its end
    assert both([(1, 3, [(1, "a")])], [(0, 1, {1}), (3, 4, {1})]) == [(1, 3, (1,), "a")]
    assert both([(0, 1, [(1, "a")])], [(0, 1, set())]) == [(0, 1, (1,), "a")]
    assert both([(2, 3, [(1, "price"), (2, "Price")])]) == [(2, 3, (1, 2), "price")]
    assert both([(0, 1, [(1, "a")])], tokens=["\ud800", "É"]) == [(0, 1, (1,), "a")]
    assert both([(1, 2, [(1, "a")])], tokens=["x", ""]) == [(1, 2, (1,), "a")]
    assert both([(0, 1, [(1, 2)])], tokens=["A"]) is AttributeError  # no str.islower
    assert both([(0, 1, [(1,)])]) is ValueError
    assert both([(0, 1, [("a", "x"), (1, "y")])]) is TypeError  # frames that do not sort
    assert both([(9, 10, [(1, "a")])]) is IndexError
    with pytest.raises(TypeError):
        compiled.codebook_reduce([(0, 1)], seg.tokens, [], seg, _PersonNames)
    with pytest.raises(TypeError):
        compiled.codebook_reduce([], seg.tokens, [(0, 1)], seg, _PersonNames)
    with pytest.raises(TypeError):
        compiled.codebook_reduce([], seg.tokens, [], seg)


def test_a_hyphenated_word_is_read_once_and_counts_the_same_wherever_it_stands(monkeypatch,
                                                                               tmp_path):
    from framing.frames.codebook import Codebook

    book = tmp_path / "mig.yaml"
    book.write_text("frames:\n  asylum:\n    cues: [asylum seeker*, refugee*, vice]\n"
                    "    exclude: [vice president, health club]\n"
                    "  border:\n    cues: [border, smuggl*, health]\n"
                    "  duty:\n    cues: [must, law, sanction*, Price]\n"
                    "    exclude: [state sanctioned, cross border]\n", encoding="utf-8")
    # the same hyphenated words where what follows, the case and the name around them differ
    texts = ["The ex-vice president and the ex-vice chair. Ex-vice President Smith spoke.",
             "Cross-border trade. Tom Cross-border said so. The cross-border state sanctioned it.",
             "A health-club fee; the health-club's pool. Anti-smuggling units; ANTI-SMUGGLING.",
             "Non-refugees left. Anti-sanctions groups and state-sanctioned law. Non-refugees.",
             "Asylum-seekers, an asylum-seeker and Asylum-Seekers. Co-Price met Mr. Co-Price."]
    texts += TALLY_TEXTS + _sample_texts()
    books = [load_codebook(str(book)), load_codebook("policy"), _edge_codebook(tmp_path)]
    asked = []
    original = Codebook._hyphenated_word
    monkeypatch.setattr(Codebook, "_hyphenated_word", lambda self, w: asked.append((self, w))
                        or original(self, w))
    for cb in books:
        want = []
        for text in texts:  # each word read afresh
            cb.__dict__.pop("_hyphenated_words", None)
            want.append(cb.find(segment(text)))
        asked.clear()
        assert [cb.find(segment(text)) for text in texts] == want
        assert asked and len(asked) == len(set(asked))  # each word read once
        assert [cb.find(segment(text)) for text in texts] == want and len(asked) == len(set(asked))
    # not before "president" (an exclusion the head opens), nor in a name after "Tom"
    r = score(" ".join(texts[:5]), codebook=str(book))
    assert cues(r, "asylum") == ["ex-vice", "Non-refugees", "Non-refugees", "Asylum-seekers",
                                 "asylum-seeker", "Asylum-Seekers"]
    assert cues(r, "border") == ["Cross-border", "cross-border", "Anti-smuggling",
                                 "ANTI-SMUGGLING"]
    assert cues(r, "duty") == ["Anti-sanctions", "law", "Co-Price", "Co-Price"]
