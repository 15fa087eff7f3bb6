"""framing.hedging: hedges, boosters, vague attribution and uncertain sentences."""

from __future__ import annotations

import dataclasses
import gzip
import json
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import glued_articles, shared_path, traced_steps
from framing import hedging, sources
from framing.errors import FramingError, InputError
from framing.hedging import HedgingResult, load_lexicon, score, score_corpus
from framing.text import segment


def cues(text, **options):
    """(label, matched text) of every piece of evidence."""
    return [(e.label, e.text) for e in score(text, **options).evidence]


def uncertain(text, **options):
    return any(score(text, **options).sentence_uncertain)


# --- golden sentences: one per context rule, both directions ------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Talks may resume next week.", [("hedge", "may")]),
    ("PRICES MAY RISE AGAIN", [("hedge", "MAY")]),
    ("May I ask what happened?", [("hedge", "May")]),
    ("May need more time, aides said.", [("hedge", "May")]),
])
def test_modal_may_is_a_hedge(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("text", [
    "Talks resumed in May.",
    "May 5 was a quiet day.",
    "The vote is due on May 12, officials said.",
    "Prime Minister Theresa May spoke to reporters.",
    "Since May, prices have doubled.",
    "May has no mandate for this deal.",  # the name opening a sentence: not a base form after it
    "May's plan was voted down.",
    "May insists the deal can pass.",
])
def test_the_month_and_the_name_may_are_not(text):
    assert [c for c in cues(text) if c[0] == "hedge"] == []
    assert not uncertain(text)


@pytest.mark.parametrize("text, matched", [
    ("About 200 people marched.", "About"),
    ("The fund lost around $5 million.", "around"),
    ("Some 30 cars were burned.", "Some"),
    ("Roughly a dozen officers were hurt.", "Roughly"),
    ("Nearly half the votes were counted.", "Nearly"),
])
def test_approximators_before_a_number(text, matched):
    result = score(text)
    assert [(e.label, e.subtype, e.text) for e in result.evidence] == [
        ("hedge", "approximator", matched)]
    assert result.approximators == 1
    assert result.sentence_uncertain == (False,)  # an approximator does not make it uncertain


@pytest.mark.parametrize("text", [
    "They talked about the plan.",
    "Some people left early.",
    "Protests spread around the world.",
    "Nearly everyone agreed.",
])
def test_about_around_some_without_a_number_are_not_approximators(text):
    assert cues(text) == []


@pytest.mark.parametrize("text, label, matched", [
    ("I am not sure the deal will hold.", "hedge", "not sure"),
    ("He is not entirely sure of the date.", "hedge", "not entirely sure"),
    ("Nobody is certain that it worked.", "hedge", "Nobody is certain"),
    ("There is no doubt the vote was fair.", "booster", "no doubt"),
    ("She did not doubt the outcome.", "booster", "not doubt"),
    ("Officials wouldn't exclude the possibility of a strike.", "hedge",
     "wouldn't exclude the possibility"),
    ("The minister cannot rule out new taxes.", "hedge", "cannot rule out"),
    ("A delay can't be ruled out.", "hedge", "can't be ruled out"),
    ("That does not necessarily mean defeat.", "hedge", "not necessarily"),
])
def test_negation_flips_and_non_commitment(text, label, matched):
    assert cues(text) == [(label, matched)]
    assert uncertain(text) == (label == "hedge")


@pytest.mark.parametrize("text, expected", [
    ("I am sure the deal will hold.", [("booster", "sure")]),
    ("I doubt the deal will hold.", [("hedge", "doubt")]),
    ("The minister ruled out new taxes.", []),
    ("Make sure the doors are locked.", []),  # "make sure" is not certainty
    ("Certain people disagreed.", []),        # determiner "certain"
])
def test_the_same_cues_without_negation(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("text, matched", [
    ("Whether the truce holds remains to be seen.", "remains to be seen"),
    ("It is unclear whether the truce will hold.", "It is unclear whether"),
    ("It's not clear if the truce will hold.", "It's not clear if"),
    ("There is a chance the truce will hold.", "There is a chance"),
    ("Only time will tell, and it is too early to say.", "it is too early to say"),
])
def test_multiword_cues_count_once(text, matched):
    found = cues(text)
    assert ("hedge", matched) in found
    assert score(text).hedges == len(found)
    assert uncertain(text)


@pytest.mark.parametrize("text", [
    "The striker had a chance to score.",   # an opportunity, not a probability
    "It is clear that the truce held.",
    "The truce held, as expected.",          # the expected event happened
    "Sales were better than expected.",
    "Reply as soon as possible.",
    "They made it possible to vote by mail.",
])
def test_look_alikes_of_multiword_cues_are_not_uncertain(text):
    assert not uncertain(text)


@pytest.mark.parametrize("text, label, matched", [
    ("A deal is highly unlikely.", "hedge", "highly unlikely"),
    ("A deal is very likely.", "hedge", "very likely"),
    ("A deal is definitely possible.", "hedge", "definitely possible"),
    ("A deal is almost certain.", "hedge", "almost certain"),
    ("She is absolutely certain.", "booster", "absolutely certain"),
])
def test_a_modified_cue_counts_once_as_what_it_is(text, label, matched):
    result = score(text)
    assert cues(text) == [(label, matched)]
    assert (result.hedges, result.boosters) == ((1, 0) if label == "hedge" else (0, 1))


@pytest.mark.parametrize("text, expected", [
    ("It is clear that the vote was fair.", [("booster", "It is clear")]),
    ("The skies were clear.", []),
    ("A think tank polled likely voters.", []),
    ("Most voters think the vote was fair.", [("hedge", "think")]),
])
def test_fixed_compounds_and_literal_senses_are_not_cues(text, expected):
    assert cues(text) == expected


def test_a_degree_word_alone_is_not_a_booster():
    assert cues("The talks were very long and highly technical.") == []


def test_quoted_reported_and_the_journalists_own_voice_are_split():
    text = ('The deal may collapse, officials said. "We might walk away, and that is certainly '
            'true," the envoy said. It could still be signed.')
    result = score(text)
    voices = [(e.text, e.voice) for e in result.evidence]
    assert voices == [("may", "reported"), ("officials", "journalist"), ("might", "quoted"),
                      ("certainly", "quoted"), ("could", "journalist")]
    assert (result.journalist_hedges, result.quoted_hedges, result.reported_hedges) == (1, 1, 1)
    assert (result.journalist_boosters, result.quoted_boosters, result.reported_boosters) == \
        (0, 1, 0)
    # "The deal may collapse": 4 reported words; the quotation's 9; 23 words in all
    assert (result.n_words, result.n_quoted_words, result.n_reported_words) == (23, 9, 4)
    assert result.quoted_hedge_density == pytest.approx(1000 / 9)
    assert result.reported_hedge_density == pytest.approx(1000 / 4)
    assert result.journalist_hedge_density == pytest.approx(1000 / (23 - 9 - 4))
    assert result.hedges == 3 and result.hedge_density == pytest.approx(3000 / 23)


def test_reported_content_holding_a_partial_quote_is_still_the_sources():
    r = score('Officials said the deal was "dead in the water" and that it may collapse soon.')
    assert [(e.text, e.voice) for e in r.evidence] == [("Officials", "journalist"),
                                                       ("may", "reported")]
    # the quotation's words are the quoted voice's, the rest of the content the reported one's
    assert (r.n_words, r.n_quoted_words, r.n_reported_words) == (15, 4, 9)


def test_nested_reports_count_their_words_once():
    text = "Officials said she had written a memo requesting that the agency might delay the rule."
    r = score(text)
    assert (r.n_words, r.n_reported_words) == (15, 13)  # "she had written ... the rule"
    assert r.journalist_hedge_density is not None and r.reported_hedges == 1


@pytest.mark.parametrize("text, voice", [
    ("Officials said that the talks might fail.", "reported"),  # content after the cue
    ("The talks might fail, a diplomat told reporters.", "reported"),  # fronted content
    ("The talks might fail.", "journalist"),
    ("The talks, which might fail, resume today.", "journalist"),
])
def test_a_cue_inside_reported_speech_is_the_sources_voice(text, voice):
    assert [e.voice for e in score(text).evidence if e.label == "hedge"] == [voice]


@pytest.mark.parametrize("text, source", [
    ("Sources say the deal will collapse.", "Sources"),
    ("The talks stalled, people familiar with the matter said.", "people"),
    ("Officials speaking on condition of anonymity said the talks stalled.", "Officials"),
])
def test_an_unnamed_source_is_a_vague_attribution(text, source):
    r = score(text)
    assert [(e.label, e.subtype, e.text) for e in r.evidence] == [
        ("attribution", "anonymous source", source)]
    assert r.attributions == 1 and not any(r.sentence_uncertain)


def test_unnamed_sources_are_counted_once_and_named_ones_not():
    # the lexicon's "some sources say" is the attribution; the pronoun continuing it is not
    r = score("Some sources say the deal will collapse.")
    assert [(e.subtype, e.text) for e in r.evidence] == [("vague source", "Some sources say")]
    r = score('"It is over," an official said. "We are done," he added.')
    assert [(e.subtype, e.text) for e in r.evidence] == [("anonymous source", "an official")]
    assert score("Police said the man fled. Anna Berg said he ran.").attributions == 0


@pytest.mark.parametrize("text, expected", [
    # an accusation puts the claim in the accuser's mouth, named or not (Szeged marks both)
    ("Republicans accused Obama of seeking credit.", [("attribution", "accused")]),
    ("It is no wonder he is trying to take credit.", [("booster", "no wonder")]),
    ("He was found guilty beyond a reasonable doubt.",
     [("booster", "beyond a reasonable doubt")]),
    ("Married women are more likely to vote than unmarried women.", []),  # a rate
    ("Young people are the least likely to vote.", []),
    ("The plan is more likely to fail now.", [("hedge", "more likely")]),
    ("The most likely plan is a delay.", [("hedge", "most likely")]),
])
def test_allegations_idioms_and_rates_in_context(text, expected):
    assert cues(text) == expected


def test_no_quotation_means_undefined_quoted_densities():
    result = score("The deal may collapse.")
    assert result.n_quoted_words == 0 and math.isnan(result.quoted_hedge_density)


@pytest.mark.parametrize("text, expected", [
    ("The plan would cut taxes by a third.", False),     # what a proposal contains
    ("The deal would collapse if Russia walked away.", True),  # ... but under a condition
    ("Under the plan, the state would lose revenue.", True),
    ("He signaled that he would not support it.", False),  # future of reported speech
    ("She would not address the comment.", False),       # a refusal
    ("He said he would resign on Friday.", False),       # future of reported speech
    ("The company would not comment on the report.", False),  # a refusal
    ("We would like to thank the voters.", False),        # volition
    ("Flynn would later plead guilty.", False),            # narrative past
    ("She would often call the senator.", False),          # habit
    ("He would go on to win the seat.", False),            # narrative past
    ("He would go on CNN if asked.", True),
    ("Prices could rise next year.", True),
    ("He could not be reached for comment.", False),      # past inability
    ("Neither man could be reached.", False),
])
def test_modal_would_and_could_in_context(text, expected):
    assert uncertain(text) == expected


@pytest.mark.parametrize("text, is_uncertain", [
    ("Critics argue the reform is rushed.", False),
    ("Some analysts say the reform is rushed.", False),
    ("It is believed the envoy left at dawn.", True),
    ("The envoy reportedly left at dawn.", True),
    ("The alleged bribe was paid in cash.", True),
])
def test_attributions(text, is_uncertain):
    result = score(text)
    assert [e.label for e in result.evidence] == ["attribution"]
    assert result.attributions == 1
    assert uncertain(text) == is_uncertain


def test_named_attribution_is_not_a_weasel():
    assert cues("Finance Minister Lena Varga said the reform is rushed.") == []


@pytest.mark.parametrize("text", [
    "If prices rise, the bank will act.",
    "The bank will act unless prices fall.",
])
def test_conditionals_count_only_when_asked(text):
    assert not uncertain(text)
    assert uncertain(text, conditionals=True)
    assert [e.subtype for e in score(text, conditionals=True).evidence] == ["conditional"]


def test_indirect_question_if_is_counted_without_the_conditional_option():
    assert cues("Reporters asked if the talks had failed.") == [("hedge", "asked if")]


@pytest.mark.parametrize("text, expected", [
    ("Officials believe the ceasefire will hold.", True),
    ("The rebels are expected to withdraw.", True),
    ("The results suggest a shift in opinion.", True),
    ("Police suspect arson.", False),  # "police suspect" is ambiguous: not counted
    ("Two suspects were arrested.", False),
    ("In you we believe.", False),
    ("The new chief will assume the role in May.", False),
    ("The data appear to show a rise.", True),
    ("The minister appeared in court.", False),
])
def test_doxastic_and_evidential_verbs_in_context(text, expected):
    assert uncertain(text) == expected


# --- the result --------------------------------------------------------------------------

def test_counts_densities_and_sentence_flags():
    text = "The deal may fail. It was signed. Clearly, it is unlikely to last."
    r = score(text)
    assert (r.n_sentences, r.n_words) == (3, 13)
    assert (r.hedges, r.boosters, r.attributions) == (2, 1, 0)
    assert r.hedge_density == pytest.approx(2 * 1000 / 13)
    assert r.booster_density == pytest.approx(1000 / 13)
    assert r.sentence_uncertain == (True, False, True)
    assert (r.uncertain_sentences, r.uncertain_share) == (2, pytest.approx(2 / 3))


def test_result_is_frozen_and_its_dict_is_strict_json():
    r = score('"Perhaps," he said. No doubt about it.')
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.hedges = 5
    d = r.to_dict()
    json.dumps(d, allow_nan=False)  # NaN densities become null
    assert d["quoted_booster_density"] == 0.0 and d["journalist_hedge_density"] == 0.0
    assert {e["label"] for e in d["evidence"]} == {"hedge", "booster"}
    for e in d["evidence"]:
        assert {"label", "text", "start", "end", "subtype", "voice", "sentence"} <= set(e)
    assert score("").to_dict()["hedge_density"] is None


def test_row_has_only_scalars_with_the_family_prefix():
    row = score("It may rain.").row()
    assert all(k.startswith("hedging_") for k in row)
    assert "hedging_evidence" not in row and "hedging_sentence_uncertain" not in row
    assert row["hedging_hedges"] == 1


def test_a_segmentation_gives_the_same_result_as_its_text():
    text = "Officials may act. “It is unclear whether they will,” she said."
    # compared as dictionaries (a missing density is None there): from Python 3.13 a
    # dataclass's == compares field by field, and NaN == NaN is False
    assert score(segment(text)).to_dict() == score(text).to_dict()


def test_labels_are_exactly_the_three_categories():
    assert hedging.CATEGORIES == ("hedge", "booster", "attribution")
    assert {e.category for e in load_lexicon().entries} == set(hedging.CATEGORIES)


# --- bad input never raises --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "   \n\n\t ", "\x00\x01\x02 may \x1b[31m", "Он может прийти. 他可能会来。 He may come.",
    '"Unbalanced quote may never close.\n\nNext paragraph is not sure.', "''may'' ``maybe''",
    "\u202emay\u202c", "May", "not", "no doubt", "...", "“”„‟«»",
])
def test_odd_strings_give_valid_results(text):
    r = score(text)
    assert isinstance(r, HedgingResult)
    assert len(r.sentence_uncertain) == r.n_sentences
    assert all(text[e.start:e.end] == e.text for e in r.evidence)
    json.dumps(r.to_dict(), allow_nan=False)


def test_empty_text_has_undefined_densities_and_share():
    r = score("")
    assert (r.n_words, r.n_sentences, r.hedges) == (0, 0, 0)
    assert math.isnan(r.hedge_density) and math.isnan(r.uncertain_share)


def test_a_long_text():
    text = 'Officials said the deal may collapse. "There is no doubt," he said. ' * 15000  # ~1 MB
    r = score(text)
    assert (r.hedges, r.boosters, r.n_sentences) == (15000, 15000, 30000)


@pytest.mark.slow
def test_a_ten_megabyte_text():
    text = "The deal may collapse, officials said. " * 260000
    r = score(text)
    assert len(text) > 10_000_000 and r.hedges == 260000


def test_a_negated_cue_does_not_swallow_the_cue_before_it():
    # found by the property test below: "no" negates "doubt", but the span "NO&UNCLEAR DOUBT"
    # covered the hedge "UNCLEAR" (evidence overlapping and out of order)
    r = score("NO&UNCLEAR DOUBT")
    assert [(e.label, e.text) for e in r.evidence] == [("hedge", "UNCLEAR"), ("booster", "DOUBT")]
    assert [e.text for e in score("There is no doubt the plan may fail.").evidence] == \
        ["no doubt", "may"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(list(" .,?!\"“”'’\n-") + [
           "may", "May", "not", "sure", "no", "doubt", "about", "200", "highly", "unlikely", "if",
           "would", "said", "some", "say", "it", "is", "unclear", "whether"]), max_size=60
                  ).map("".join))
def test_any_string_scores_with_consistent_evidence(text):
    r = score(text)
    assert len(r.sentence_uncertain) == r.n_sentences
    if not r.english:  # not scored: no measure, no evidence
        assert math.isnan(r.hedges) and math.isnan(r.hedge_density) and r.evidence == ()
        return
    assert r.hedges + r.boosters + r.attributions == len(r.evidence)
    assert r.journalist_hedges + r.quoted_hedges == r.hedges
    assert all(text[e.start:e.end] == e.text for e in r.evidence)
    assert all(e.label in hedging.CATEGORIES and e.voice in ("journalist", "quoted")
               for e in r.evidence)
    starts = [e.start for e in r.evidence]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(r.evidence, r.evidence[1:]))


# --- the DataFrame path ------------------------------------------------------------------

def test_score_corpus_equals_the_per_text_path_row_by_row():
    texts = ["The deal may collapse.", None, "No doubt, critics argue, about 30 left.",
             float("nan"), "", '"Perhaps," she said.']
    df = pd.DataFrame({"text": texts, "outlet": list("abcdef")}, index=[10, 11, 12, 13, 14, 15])
    before = df.copy()
    out = score_corpus(df)
    pd.testing.assert_frame_equal(df, before)  # input not mutated
    assert list(out.index) == list(df.index)
    assert list(out.columns) == list(HedgingResult().row())
    for idx, text in zip(df.index, texts):
        if isinstance(text, str):
            expected = score(text).row()
            got = out.loc[idx].to_dict()
            for key, value in expected.items():
                assert got[key] == pytest.approx(value, nan_ok=True), (idx, key)
        else:
            assert out.loc[idx].isna().all()


def test_score_corpus_takes_a_series_and_all_missing_values():
    out = score_corpus(pd.Series([None, None], index=["x", "y"]))
    assert list(out.index) == ["x", "y"] and out.isna().all().all()
    assert "hedging_uncertain_share" in out.columns


def test_score_corpus_names_a_missing_column():
    with pytest.raises(FramingError, match="'body'.*columns present: text"):
        score_corpus(pd.DataFrame({"text": ["x"]}), text_col="body")


# --- lexicons ----------------------------------------------------------------------------

def test_shipped_lexicon_entries_have_subtype_and_provenance():
    lex = load_lexicon()
    assert len(lex.entries) > 100
    for e in lex.entries:
        assert e.subtype and e.provenance, e.cue
    assert load_lexicon() is lex  # cached
    from framing import sources

    # code, lexicon, and the sources rules the voices rest on
    assert hedging.VERSION == f"{hedging.CODE_VERSION}+{lex.version}+sources-{sources.VERSION}"


HEADER = "cue\tcategory\tsubtype\tuncertain\tnegation\trule\tprovenance\n"


def test_a_user_lexicon_file(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "# a comment\n"
                    "mooted\thedge\tdoxastic verb\tyes\tkeep\t\tour own test\n"
                    "for sure\tbooster\temphatic\tno\tkeep\t\tour own test\n"
                    "about\thedge\tapproximator\tno\tkeep\tbefore_number\tour own test\n"
                    "hopefully\thedge\tepistemic adverb\tyes\tdrop\t\tour own test\n",
                    encoding="utf-8")
    text = "A merger was mooted, for sure. About 40 left. Not hopefully, but hopefully."
    for lexicon in (str(path), path, load_lexicon(path)):
        r = score(text, lexicon=lexicon)
        assert [(e.label, e.text) for e in r.evidence] == [
            ("hedge", "mooted"), ("booster", "for sure"), ("hedge", "About"),
            ("hedge", "hopefully")]  # the negated "hopefully" is dropped
    assert cues("The deal may fail.", lexicon=path) == []
    out = score_corpus(pd.Series(["It was mooted."]), lexicon=path)
    assert out["hedging_hedges"].tolist() == [1]


def test_a_user_lexicon_with_prefix_wildcards_and_joined_rules(tmp_path):
    path = tmp_path / "wild.tsv"
    path.write_text(HEADER +
                    "conjectur*\thedge\tdoxastic verb\tyes\tkeep\t\tour own test\n"
                    "it is conjectur*\tattribution\timpersonal passive\tyes\tkeep\t\tour own test\n"
                    "sort|kind of\thedge\tapproximator\tno\tkeep\t"
                    "not_after_determiner+not_compound\tour own test\n", encoding="utf-8")
    text = "It is conjectured that a kind of truce, kind of fragile, was conjecturally agreed."
    assert cues(text, lexicon=path) == [("attribution", "It is conjectured"), ("hedge", "kind of"),
                                        ("hedge", "conjecturally")]


@pytest.mark.parametrize("row, field, hint", [
    ("may\tmaybe\tmodal\tyes\tkeep\t\tx", "category", "hedge, booster, attribution"),
    ("may\thedge\tmodal\tperhaps\tkeep\t\tx", "uncertain", None),
    ("may\thedge\tmodal\tyes\tinvert\t\tx", "negation", "keep, flip, drop"),
    ("may\thedge\tmodal\tyes\tkeep\tno_such_rule\tx", "rule", "modal_may"),
    ("can't|may\thedge\tmodal\tyes\tkeep\t\tx", "cue", "single tokens"),
])
def test_bad_lexicon_rows_name_the_file_row_and_field(tmp_path, row, field, hint):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert "bad.tsv" in message and "row 2" in message and f"field {field!r}" in message
    if hint:
        assert hint in message


def test_missing_or_empty_lexicon_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_lexicon(tmp_path / "absent.tsv")
    empty = tmp_path / "empty.tsv"
    empty.write_text(HEADER, encoding="utf-8")
    with pytest.raises(InputError, match="no entries"):
        load_lexicon(empty)


def test_options_are_checked():
    with pytest.raises(TypeError):
        score("x", conditionals="yes")
    with pytest.raises(TypeError):
        score(42)  # not a text (a missing one, None or NaN, gives a missing result)
    with pytest.raises(TypeError):
        score("x", lexicon=42)


# --- validity on real data (skipped when ../shared/data is absent) -----------------------

@pytest.mark.shared
def test_news_sentence_f1_on_the_szeged_development_half():
    path = shared_path("szeged_uncertainty_corpus", "szeged_uncertainty_sentences.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [r for r in map(json.loads, fh) if r["subcorpus"] == "factbank"]
    gold = [bool(r["uncertain"]) for r in rows]
    pred = [any(score(r["text"]).sentence_uncertain) for r in rows]
    tp = sum(g and p for g, p in zip(gold, pred))
    precision, recall = tp / sum(pred), tp / sum(gold)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.75, (precision, recall, f1)


@pytest.mark.parametrize("text", [
    "Trump warned Kim of the United States' greater nuclear might.",
    "They showed their naval might.",
])
def test_might_the_noun_is_not_a_hedge(text):
    assert cues(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Officials will make sure that the count is fair.", []),
    ("To be sure, the plan has critics.", []),
    ("Be sure to vote early.", []),
    ("He is sure that it will pass.", [("booster", "sure")]),
    ("She made certain the doors were locked.", []),
])
def test_sure_as_instruction_or_concession_is_no_booster(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("He was asked what he thought about the plan.", []),
    ("He told All Things Considered that the plan failed.", []),
    ("Voters should think twice.", []),
    ("Think about what the deal means.", []),  # consider, not believe
    ("Whatever you think of the man, he won.", []),
    ("And I will tell you what, I think we did well.", [("hedge", "think")]),
    ("Officials thought the plan would fail.", [("hedge", "thought")]),
])
def test_questions_idioms_and_names_are_no_doxastic_hedges(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("She raised money so that her team could run ads.", []),
    ("He saved so he could buy a house.", []),
    ("If only the children could eat like this.", []),
    ("So it could be that a deal forms.", [("hedge", "could")]),  # "So" opening: a discourse mark
    ("People wondered how something so horrible could happen.",
     [("hedge", "wondered"), ("hedge", "could")]),  # "so" of degree
])
def test_could_of_purpose_or_a_wish_is_no_hedge(text, expected):
    assert cues(text) == expected


# found by a precision audit of 437 cues in 150 AllSides articles (hedging 1.6)
@pytest.mark.parametrize("text, expected", [
    ("Police need reasonable suspicion to search a car.", []),
    ("He gave Trump the benefit of the doubt.", []),
    ("They were sentenced to life without possibility of parole.", []),
    ("Low rates fed speculative bubbles.", []),
    ("Officers arrested him on probable cause.", []),
    ("There is no doubt the courts erred.", [("booster", "no doubt")]),
    ("This is what a desperate presidency looks like.", []),
    ("They accepted what looked like the inevitable.", [("hedge", "looked like")]),
    ("It looks like a bomb went off.", [("hedge", "looks like")]),
    ("The burden is on the petitioner to prove that the job is special.", []),
    ("California could demonstrate that the rules work.", [("hedge", "could")]),
    ("The data prove that the rules work.", [("booster", "prove that")]),
    ("Rep. Paul Gosar put it plainly: he lied.", []),
    ("He clearly lied.", [("booster", "clearly")]),
    ("Republicans maintain that the gap would narrow.", [("attribution", "Republicans")]),
    ("She feared the deal would collapse.", []),
    ("Mr. Holder said he would engage with the lawyers.", []),
    ('He told me he "definitely would not vote for Trump."', [("booster", "definitely")]),
    ('Stonebraker adds, "More of us would have been injured."', [("hedge", "would")]),
    ('Baker said that "interdiction" of shipments would begin soon.', []),
    ("In my view, the plan is piling on.", [("hedge", "In my view")]),
    ("It's hard to say how a special counsel would turn out.", [("hedge", "hard to say")]),
    ("We'll see what happens.", [("hedge", "We'll see what")]),
    ("I feel like we can only go up from there.", [("hedge", "feel like")]),
    ("I just feel like garbage.", []),
    ("That feels like 2008.", []),
    ("I don't feel like going.", []),
    ("So I have a feeling that Paul latched on.", [("hedge", "have a feeling that")]),
])
def test_fixed_phrases_task_verbs_and_reported_would(text, expected):
    assert cues(text) == expected


def test_tweets_and_transcript_turns_are_the_quoted_voice():
    from test_sources import TRANSCRIPT

    r = score(TRANSCRIPT + "\n\nIt may rain. \u2014 Jane Roe (@janeroe) March 6, 2016")
    voices = {e.text: e.voice for e in r.evidence}
    assert voices["think"] == voices["may"] == voices["Critics say"] == "quoted"
    assert r.n_quoted_words > 20


# found by a second precision audit, 200 cues in 300 AllSides articles (hedging 1.7)
@pytest.mark.parametrize("text, expected", [
    # "considered" weighed, not believed
    ("One of the things that is being considered is an expanded removal.", []),
    ("There are multiple black women being considered.", []),
    ("Her name was considered for the nomination.", []),
    ("He is considered the favorite.", [("attribution", "is considered")]),
    ("He is considered by many to be the best.", [("attribution", "is considered")]),
    # "certain" as a determiner ("some")
    ("The bill cuts sentences for certain drug offenses.", []),
    ("There are certain conditions that we want.", []),
    ("I know for certain that he lied.", [("booster", "for certain")]),
    ("We do not know for certain.", [("booster", "for certain")]),
    ("There is certain to be a fight.", [("booster", "certain")]),
    # "clearly" with a verb of saying: manner
    ("He failed to clearly state his views.", []),
    ("He clearly stated his views.", []),
    ("We can clearly see that it failed.", [("booster", "clearly")]),
    # the name "May" before an adverb and a finite verb
    ("May also told the president that compromise is key.", []),
    ("May later said the talks had failed.", []),
    ("May also be a factor.", [("hedge", "May")]),
    # "would" after "suggested", "optimistic that": the future seen from the past
    ("The company suggested they would tip the US into recession.", [("hedge", "suggested")]),
    ("He appeared optimistic that Republicans would reach a deal.", []),
])
def test_second_audit_deliberation_determiners_manner_and_names(text, expected):
    assert cues(text) == expected


def test_interview_turns_and_block_quotations_are_the_quoted_voice():
    # a precision audit of the journalist's voice (hedging 1.8): a Vox Q&A under name lines and a
    # block quotation after "X argued in a post:" had been the journalist's words
    from test_sources import MIXED_LABELS, QA_NAME_LINES

    for text in (QA_NAME_LINES, MIXED_LABELS,
                 "Smith argued in a post:\n\nThe bill may well fail in the Senate.\n\nIt passed."):
        r = score(text)
        assert r.journalist_hedges == 0 and r.quoted_hedges >= 1, text


@pytest.mark.parametrize("text, expected", [
    # the credit sense: a person or a report taken as truthful, no proposition held uncertain
    ("I believe him.", False),
    ("Nobody believed her, he said.", False),
    ("Did Trump believe them and act?", False),
    ("I could hardly believe it!", False),
    ("Believe it or not, the bill passed.", False),
    ("They are not our friend, believe me, but they fight.", False),
    ("If you believe the polls, the race is tied.", False),
    ("Reporters asked Trump if he believed the intelligence.", False),
    # the doxastic sense: a clause follows (its subject may be "it" or a noun phrase)
    ("I believe it is true.", True),
    ("I believe him to be honest.", True),
    ("She believes the country succeeds.", True),
    ("He believed the intelligence was wrong.", True),
    ("Socialists believe the opposite.", True),
])
def test_believe_in_the_credit_sense_is_no_hedge(text, expected):
    # hedging 1.9: from 103 cues in the first 6,000 AllSides articles ("can't believe it",
    # "believe me", "believe it or not", "if you believe the polls")
    assert uncertain(text) == expected


# --- the compiled scan (framing._matching_c) against the Python reference -------------------

#: A user lexicon for every rule of the scan: one-word and multiword cues sharing first words,
#: three- and four-word cues (their later slots checked), alternatives, a conditional cue, cues
#: with context rules (one joined), a modifier and "n't" = "not".
EDGE_LEXICON = HEADER + "".join(f"{row}\tour own test\n" for row in [
    "may\thedge\tepistemic modal\tyes\tkeep\tmodal_may",
    "may well\thedge\tepistemic modal\tyes\tkeep\t",
    "may or may not\thedge\tepistemic modal\tyes\tkeep\t",
    "it is|was believed\tattribution\timpersonal passive\tyes\tkeep\t",
    "it is|was believed that\tattribution\timpersonal passive\tyes\tkeep\t",
    "some say|argue\tattribution\tvague source\tyes\tkeep\t",
    "if\thedge\tconditional\tyes\tkeep\t",
    "about\thedge\tapproximator\tno\tkeep\tbefore_number",
    "certain|certainly\tbooster\tcertainty\tno\tflip\t",
    "highly\thedge\tdegree\tno\tkeep\tmodifier",
    "unlikely\thedge\tepistemic adjective\tyes\tkeep\t",
    "would not rule out\thedge\tnon-commitment\tyes\tkeep\t",
    "kind|sort of\thedge\tapproximator\tno\tkeep\tnot_after_determiner+not_compound",
])

EDGE_HEDGES = [
    "It may well be. It may or may not rain. It may. May. It is believed that it may.",
    "Some say it was believed. Some argue. If so, about 20 left; about it.",
    "He wouldn't rule out talks. Not certain. Highly unlikely. It is certainly highly unlikely.",
    "a kind of truce, kind of fragile. The sort of deal. may well", "may or may", "It is",
    "", " ", ".", "May", "Ελληνικά may 中文 well",
]


def _random_hedges(lex, n, seed):
    """Texts of the lexicon's own cue words in random order, with sentence ends and capitals."""
    import random

    rng = random.Random(seed)
    words = sorted({w for e in lex.entries for slot in e.cue.split() for w in slot.split("|")})
    words += [".", ",", "the", "not", "n't", "20", "a", "that", "It"]
    return [" ".join(rng.choice(words).capitalize() if rng.random() < 0.2 else rng.choice(words)
                     for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _matching_c():
    from framing._compiled import pure_python

    if pure_python():
        pytest.skip("FRAMING_PURE_PYTHON=1: the lexicon uses the Python scan")
    return pytest.importorskip("framing._matching_c")


def _scans_agree(monkeypatch, lex, texts, results=True) -> int:
    """The compiled scan and the Python one give the same matches (the same entries, in order)
    with and without conditionals, and (``results``) :func:`score` the same result, every field
    and all evidence; the number of matches compared."""
    n = 0
    for text in texts:
        seg = segment(text)
        for conditionals in (False, True):
            want = list(lex.matches_python(seg, conditionals=conditionals))
            got = list(lex.matches(seg, conditionals=conditionals))
            assert [(a, b, id(e)) for a, b, e in got] == [(a, b, id(e)) for a, b, e in want], text
            n += len(want)
            if results:
                fast = score(seg, lexicon=lex, conditionals=conditionals)
                with monkeypatch.context() as m:
                    m.setattr(hedging, "_matching_compiled", lambda: None)
                    python = score(seg, lexicon=lex, conditionals=conditionals)
                assert repr(fast) == repr(python), text  # repr: NaN == NaN when unscored
                assert repr(fast.row()) == repr(python.row())
    return n


def _sample_texts():
    from conftest import SAMPLE

    return [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_compiled_scan_is_what_matches_runs(monkeypatch):
    compiled = _matching_c()
    assert hedging._matching_compiled() is compiled
    lex = load_lexicon()
    seg = segment("The deal may well collapse, it is believed.")
    want = list(lex.matches_python(seg))
    assert want
    monkeypatch.setattr(type(lex), "matches_python", lambda *a, **k: pytest.fail("Python"))
    assert list(lex.matches(seg)) == want


def test_compiled_scan_equals_python_on_the_sample_corpus(monkeypatch):
    _matching_c()
    lex = load_lexicon()
    assert _scans_agree(monkeypatch, lex, _sample_texts() + EDGE_HEDGES) > 300


def test_compiled_scan_equals_python_on_edge_cases_and_random_cue_sequences(monkeypatch, tmp_path):
    _matching_c()
    path = tmp_path / "edge.tsv"
    path.write_text(EDGE_LEXICON, encoding="utf-8")
    edge = load_lexicon(path)
    texts = EDGE_HEDGES + _random_hedges(edge, 300, seed=3)
    assert _scans_agree(monkeypatch, edge, texts) > 1500
    shipped = load_lexicon()
    assert _scans_agree(monkeypatch, shipped, _random_hedges(shipped, 300, seed=4)) > 1500
    # cut off by the end of a sentence or the text: the shorter cue, or none
    assert [(e.cue, a, b) for a, b, e in edge.matches(segment("It may. Well, it may or may"))] \
        == [("may", 1, 2), ("may", 6, 7), ("may", 8, 9)]


def test_compiled_scan_takes_a_lexicon_with_wildcards(monkeypatch, tmp_path):
    _matching_c()
    path = tmp_path / "wild.tsv"
    path.write_text(EDGE_LEXICON + "conjectur*\thedge\tdoxastic verb\tyes\tkeep\t\tx\n"
                    "it is conjectur* that\tattribution\timpersonal passive\tyes\tkeep\t\tx\n"
                    "possib*\thedge\tepistemic adjective\tyes\tkeep\tepistemic_possible\tx\n",
                    encoding="utf-8")
    wild = load_lexicon(path)
    assert wild._wild
    texts = EDGE_HEDGES + ["It is conjectured that it may. Conjecturally possible, possibly."]
    assert _scans_agree(monkeypatch, wild, texts + _random_hedges(wild, 200, seed=5)) > 1000


def test_compiled_scan_takes_odd_input_without_harm():
    compiled = _matching_c()
    lex = load_lexicon()

    def c_scan(seg, conditionals=False):
        return compiled.lexicon_matches(seg, seg.norm, seg.sentence_token_ranges, lex._firsts,
                                        lex._single, lex._pair, None, conditionals)

    for text in ["", "\ud800 may \udfff", "It may well fail. " * 30_000, "\x00 perhaps \x00",
                 "a" * 70_000]:
        seg = segment(text)
        assert c_scan(seg) == list(lex.matches_python(seg))
    seg = segment("It may well fail.")
    with pytest.raises(TypeError):
        compiled.lexicon_matches(seg, None, [(0, 5)], lex._firsts, lex._single, lex._pair, None,
                                 False)
    with pytest.raises(TypeError):
        compiled.lexicon_matches(seg, seg.norm, [(0, 5)], lex._firsts, None, lex._pair, None,
                                 False)
    with pytest.raises(ValueError):  # a sentence range that is not a pair, as in Python
        compiled.lexicon_matches(seg, seg.norm, [(0, 5, 1)], lex._firsts, lex._single, lex._pair,
                                 None, False)
    with pytest.raises(IndexError):  # a sentence past the tokens: Python's IndexError too
        compiled.lexicon_matches(seg, ["it", "may"], [(0, 5)], lex._firsts, lex._single,
                                 lex._pair, None, False)
    with pytest.raises(TypeError):
        compiled.lexicon_matches(seg, seg.norm)


@pytest.mark.shared
def test_compiled_scan_equals_python_on_300_allsides_articles(monkeypatch):
    _matching_c()
    import itertools

    path = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["content_original"] or "" for line in itertools.islice(f, 300)]
    assert _scans_agree(monkeypatch, load_lexicon(), texts) > 5000


def test_a_long_text_costs_work_in_proportion_to_its_length():
    # Each reported span was compared with every quotation, and each unnamed source with every
    # attribution counted before it: quadratic in a long text (many articles glued together).
    # Four times the text must be about four times the work (sixteen where it is quadratic).
    score(glued_articles(2))  # the lexicons loaded

    def work(n):
        seg = segment(glued_articles(n))
        sources.score(seg)  # shared with hedging, which reads it
        return traced_steps(lambda: score(seg))

    assert work(160) < 6 * work(40)
