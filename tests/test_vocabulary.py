"""framing.vocabulary: the informative-Dirichlet log-odds against hand computation, tokenization
choices, keywords in context and terms around a target."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.vocabulary import (
    context_terms,
    distinctive_terms,
    keywords_in_context,
    log_odds_dirichlet,
    stop_word_set,
    terms,
)


def delta_by_hand(y_i, n_i, y_j, n_j, a_w, a_0):
    """Monroe, Colaresi & Quinn (2008) eq. 16 and 20, written out."""
    delta = (math.log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
             - math.log((y_j + a_w) / (n_j + a_0 - y_j - a_w)))
    se = math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    return delta, se, delta / se


def test_log_odds_two_groups_hand_computed():
    counts = pd.DataFrame({"A": [3, 1], "B": [1, 3]}, index=["war", "peace"])
    table = log_odds_dirichlet(counts).set_index(["group", "term"])
    # default prior: alpha_w = the term's corpus count (war 4, peace 4), alpha_0 = 8
    # A, war: log(7 / (4 + 8 - 3 - 4)) - log(5 / (4 + 8 - 1 - 4)) = log(7/5) - log(5/7)
    assert table.loc[("A", "war"), "log_odds"] == pytest.approx(2 * math.log(7 / 5))
    assert table.loc[("A", "war"), "se"] == pytest.approx(math.sqrt(1 / 7 + 1 / 5))
    assert table.loc[("A", "war"), "z"] == pytest.approx(1.1492, abs=1e-4)
    # with two groups "A against the rest" is "A against B": B's z is A's with the sign flipped
    for term in ["war", "peace"]:
        assert table.loc[("A", term), "z"] == pytest.approx(-table.loc[("B", term), "z"])
    assert table.loc[("A", "war"), ["count", "count_other"]].tolist() == [3, 1]


def test_log_odds_three_groups_each_against_all_others():
    counts = pd.DataFrame({"A": [10, 2, 5], "B": [3, 8, 5], "C": [1, 4, 9]},
                          index=["regime", "government", "talks"])
    table = log_odds_dirichlet(counts).set_index(["group", "term"])
    totals = counts.sum()
    n_all = totals.sum()
    for group in counts.columns:
        for term in counts.index:
            y_i = counts.loc[term, group]
            y_j = counts.loc[term].sum() - y_i
            a_w = counts.loc[term].sum()
            ref = delta_by_hand(y_i, totals[group], y_j, n_all - totals[group], a_w, n_all)
            got = table.loc[(group, term), ["log_odds", "se", "z"]].tolist()
            assert got == pytest.approx(list(ref))
    # rows come sorted by group, then z descending
    first = log_odds_dirichlet(counts).groupby("group").head(1)
    assert first["term"].tolist() == ["regime", "government", "talks"]


def test_log_odds_user_prior_and_scale():
    counts = pd.DataFrame({"A": [3, 1], "B": [1, 3]}, index=["war", "peace"])
    prior = {"war": 30.0, "peace": 10.0, "unused": 60.0}
    table = log_odds_dirichlet(counts, prior=prior, prior_scale=20).set_index(["group", "term"])
    # alpha_0 = 20 spread over the table's terms by background share (war 30 : peace 10);
    # a term of the prior that is not in the table plays no part
    a_war, a_0 = 15.0, 20.0
    ref = delta_by_hand(3, 4, 1, 4, a_war, a_0)
    assert table.loc[("A", "war"), ["log_odds", "se", "z"]].tolist() == pytest.approx(list(ref))
    # a term missing from a user prior gets the uninformative 0.01
    sparse = log_odds_dirichlet(counts, prior={"war": 4.0}).set_index(["group", "term"])
    ref = delta_by_hand(1, 4, 3, 4, 0.01, 4.01)
    assert sparse.loc[("A", "peace"), "z"] == pytest.approx(ref[2])


def test_log_odds_needs_two_groups():
    with pytest.raises(ValueError, match="at least two groups"):
        log_odds_dirichlet(pd.DataFrame({"A": [1, 2]}, index=["x", "y"]))
    with pytest.raises(ValueError, match="at least two groups"):
        distinctive_terms(pd.DataFrame({"outlet": ["A"], "text": ["one group only"]}))


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "outlet": ["A", "A", "A", "B", "B", "B", "C"],
        "text": ["The regime fired missiles. The regime denied it.",
                 "Regime forces advanced; the regime's army shelled Kharn.",
                 "Critics say the regime may fall.",
                 "The government said talks would continue.",
                 "Government officials held talks in Brevna.",
                 "The government may not attend talks.",
                 None],
    })


def test_distinctive_terms_counts_and_order(corpus):
    table = distinctive_terms(corpus, min_count=2)
    assert list(table.columns) == ["group", "term", "count", "count_other", "log_odds", "se", "z",
                                   "docs"]
    a = table[table["group"] == "A"].set_index("term")
    assert a.loc["regime", ["count", "count_other"]].tolist() == [5, 0]
    assert table[table["group"] == "A"]["term"].iloc[0] == "regime"
    assert table[table["group"] == "B"]["term"].iloc[0] in {"government", "talks"}
    assert "the" not in set(table["term"])          # stop word dropped by default
    assert "may" in set(table["term"])              # modal verbs are deliberately kept
    assert set(table["group"]) == {"A", "B"}        # missing text skipped, C has none
    assert (table["count"] + table["count_other"] >= 2).all()
    top1 = distinctive_terms(corpus, min_count=1, top=1)
    assert top1.groupby("group").size().tolist() == [1, 1]


def test_distinctive_terms_stop_word_choices_and_bigrams(corpus):
    kept = distinctive_terms(corpus, min_count=2, stop_words=None)
    assert "the" in set(kept["term"])
    own = distinctive_terms(corpus, min_count=2, stop_words={"regime"})
    assert "regime" not in set(own["term"]) and "the" in set(own["term"])
    with pytest.raises(ValueError, match="'english'"):
        distinctive_terms(corpus, stop_words="german")
    bigrams = distinctive_terms(corpus, min_count=1, ngram_range=(2, 2))
    assert "regime fired" in set(bigrams["term"])
    assert "missiles regime" not in set(bigrams["term"])   # never across a sentence end
    assert "forces advanced" in set(bigrams["term"])
    assert "advanced regime" not in set(bigrams["term"])   # never across punctuation
    with pytest.raises(ValueError, match="ngram_range"):
        distinctive_terms(corpus, ngram_range=(2, 1))


def test_terms_tokenization():
    assert terms("The U.S.-led talks, in 2024, didn't stop.") == ["u.s.", "led", "talks", "not",
                                                                  "stop"]
    assert terms("Talks TALKS talks", stop_words=None) == ["talks"] * 3


def test_stop_word_list_is_documented_and_excludes_hedges():
    words = stop_word_set("english")
    assert {"the", "of", "and", "is", "they"} <= words
    assert not words & {"not", "no", "never", "may", "might", "could", "would", "said"}
    from framing.results import read_data_text

    rows = [line.split("\t") for line in read_data_text("vocabulary", "stopwords.tsv")
            .splitlines() if line and not line.startswith("#")][1:]
    assert all(len(r) == 3 and r[2].strip() for r in rows)


def test_keywords_in_context(corpus):
    kwic = keywords_in_context(corpus, "regime", window=2)
    assert list(kwic.columns) == ["group", "article", "left", "keyword", "right", "start", "end"]
    assert len(kwic) == 5 and set(kwic["group"]) == {"A"}
    for row in kwic.itertuples():
        assert corpus.loc[row.article, "text"][row.start:row.end] == row.keyword
    first = kwic.iloc[0]
    assert (first["left"], first["keyword"], first["right"]) == ("The", "regime", "fired missiles")
    assert kwic["keyword"].tolist()[2] == "Regime"          # case-insensitive
    wild = keywords_in_context(corpus, ["govern*", "talks"], by=None)
    assert set(wild["keyword"]) == {"government", "Government", "talks"}
    assert wild["group"].isna().all()
    assert len(keywords_in_context(corpus, "regime", max_per_group=2)) == 2
    assert keywords_in_context(corpus, "nothing like this").empty


def test_context_terms_counts_only_words_near_the_target():
    df = pd.DataFrame({
        "outlet": ["A", "A", "B", "B"],
        "text": ["The brutal regime of Varga. Far away words here.",
                 "A brutal regime again.",
                 "The elected regime of Varga. Other distant words.",
                 "An elected regime again."]})
    table = context_terms(df, "regime", window=2, min_count=1)
    assert "regime" not in set(table["term"])          # the target itself is not counted
    assert not {"far", "words", "distant"} & set(table["term"])   # other sentences are not
    a = table[table["group"] == "A"].set_index("term")
    assert a.loc["brutal", "count"] == 2 and a.loc["brutal", "count_other"] == 0
    assert table[table["group"] == "A"]["term"].iloc[0] == "brutal"
    assert table[table["group"] == "B"]["term"].iloc[0] == "elected"


def test_lone_letters_and_initials_are_not_terms():
    # "e" from "Charles E. Schumer" ranked among an outlet's distinctive terms in an audit
    from framing.vocabulary import terms

    assert terms("Charles E. Schumer met the U.S. envoy, plan B and a team.", ngram_range=(1, 2)) \
        == ["charles", "schumer", "met", "u.s.", "envoy", "schumer met", "u.s. envoy", "plan",
            "team"]


def test_min_docs_drops_a_term_only_a_few_of_a_groups_articles_repeat(corpus):
    # "regime" is in all three of A's articles, "talks" in all three of B's; "government" too,
    # but "kharn" only in one article of A
    table = distinctive_terms(corpus, min_count=1)
    a = table[table["group"] == "A"].set_index("term")
    assert a.loc["regime", "docs"] == 3 and a.loc["kharn", "docs"] == 1
    kept = distinctive_terms(corpus, min_count=1, min_docs=2)
    assert "kharn" not in set(kept["term"]) and "regime" in set(kept["term"])
    assert (kept["docs"] >= 2).all()


def test_web_addresses_and_handles_give_no_terms():
    # embedded tweets ranked "pic", "https" and "com" first for an outlet in an audit
    text = ("Hard words. pic.twitter.com/UcWeRvmuBE — Guy Benson (@guypbenson) March 3, 2019. "
            "Read https://t.co/nogalLpq0Y, www.example.org/politics/tax-cuts or write to "
            "jane.doe@example.com about the #MAGA rally at Amazon.com offices.")
    got = terms(text, ngram_range=(1, 2))
    assert not {"pic", "twitter", "com", "https", "co", "www", "politics", "tax", "guypbenson",
                "jane.doe", "example"} & set(got)
    assert {"hard", "words", "guy", "benson", "maga", "rally", "write"} <= set(got)
    assert "amazon" in got and "amazon offices" not in got   # a bare domain keeps its name
    assert "read write" not in got                        # no n-gram across a removed address
    df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
                       "text": ["Tax plan https://t.co/AbC", "Tax plan https://t.co/XyZ",
                                "Budget plan talks.", "Budget plan talks."]})
    assert not {"https", "co"} & set(distinctive_terms(df, min_count=1)["term"])
    near = context_terms(df, "plan", window=5, min_count=1)
    assert not {"https", "co"} & set(near["term"])


def test_context_terms_leave_out_a_group_that_never_names_the_target():
    df = pd.DataFrame({"outlet": ["A", "A", "B", "C"],
                       "text": ["Tax plan now.", "Big plan here.", "Budget talks.", "Other plan soon."]})
    table = context_terms(df, "plan", window=3, min_count=1)
    assert set(table["group"]) == {"A", "C"}
    assert table.set_index(["group", "term"]).loc[("A", "tax"), "count_other"] == 0


def test_a_window_that_is_not_a_number_of_tokens_is_refused(corpus):
    # keywords_in_context(window=-3) gave every occurrence without context, silently;
    # context_terms(window=-3) said "need at least two groups with text; got 0"
    for window in (-3, 2.5, True):
        with pytest.raises(ValueError, match=r"window=.* is not valid.*0 or more"):
            keywords_in_context(corpus, "regime", window=window)
        with pytest.raises(ValueError, match=r"window=.* is not valid.*0 or more"):
            context_terms(corpus, "regime", window=window)
    assert keywords_in_context(corpus, "regime", window=0)["left"].eq("").all()


def test_single_words_path_gives_the_terms_of_the_run_by_run_path(sample_path):
    # single words take a shorter path than n-grams (most of a report's counting time was
    # checking every token twice): the terms, and their order, are those the run-by-run path
    # gives with ngram_range (1, 1)
    from framing.corpus import load_corpus
    from framing.text import segment
    from framing.vocabulary import _article_terms, _sentence_token_ids, _token_terms

    texts = list(load_corpus(sample_path)["text"]) + [
        "The U.S.-led talks, in 2024, didn't stop. E. Smith said so -- https://t.co/AbC #MAGA",
        "pic.twitter.com/x1Yz @handle: Talks TALKS talks; a b c. Ministers' 3rd vote", "", "..."]
    for stop in (stop_word_set("english"), frozenset(), frozenset({"talks", "said"})):
        unigrams: dict = {}
        for text in texts:
            seg = segment(text)
            by_runs = [t for ids in _sentence_token_ids(seg)
                       for t in _token_terms(seg.norm, ids, stop, (1, 1))]
            assert _article_terms(seg, stop, (1, 1), unigrams) == by_runs


def test_docs_count_the_groups_articles_using_each_term(sample_path):
    # docs is looked up per group, not row by row: it is still, for every row, the number of
    # the group's articles whose terms include the term
    from framing.corpus import load_corpus

    df = load_corpus(sample_path)
    table = distinctive_terms(df, min_count=1)
    in_articles = {}
    for outlet, text in zip(df["outlet"], df["text"]):
        for term in set(terms(text)):
            in_articles[outlet, term] = in_articles.get((outlet, term), 0) + 1
    assert table["docs"].dtype == "int64" and len(table) > 1000
    assert table["docs"].tolist() == [in_articles.get((g, t), 0)
                                      for g, t in zip(table["group"], table["term"])]
