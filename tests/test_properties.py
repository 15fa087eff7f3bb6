"""Property-based tests (hypothesis) over every measure family and the shared segmentation.

For any Python string -- surrogates, control characters, mixed scripts, unbalanced quotes -- each
family's ``score`` returns a valid result, every evidence span lies inside the text with
``text[start:end] == evidence.text``, a Segmentation gives the same result as the string, and the
vectorized paths (``score_corpus``, :func:`framing.analyze`) equal the per-text path row by row.
Recorded in docs/reliability.md ("any text").
"""

from __future__ import annotations

import json
import math
import numbers
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing import frames, hedging, sentiment, sources
from framing.results import MeasureResult
from framing.text import segment

# ----------------------------------------------------------------------------------------------
# Strategies: any string, and news-like strings dense in the cues the families look for.

ANY_TEXT = st.text(max_size=250)  # every code point, surrogates included

NEWS_WORDS = [
    # hedges, boosters, attribution
    "may", "might", "could", "perhaps", "possibly", "likely", "unlikely", "about", "some", "say",
    "certainly", "clearly", "no doubt", "definitely", "it is unclear whether", "if", "would",
    # reporting and sources
    "said", "told", "according to", "officials", "a senior official", "sources", "spokesman",
    "President", "Ruth Abara", "Dr.", "U.S.", "the ministry", "who asked not to be named",
    # tone
    "good", "not good", "terrible", "great", "win", "failure", "crisis", "hope", "!", "very",
    # frames
    "tax", "budget", "costs", "court", "law", "ruled", "unconstitutional", "health", "police",
    "crime", "voters", "election", "senator", "war", "troops", "jobs", "economy", "families",
    # targets, scripts, symbols
    "the Compact", "Ostrova", "Москва", "北京", "العربية", "😀", "e\u0301", "ﬁ", "İ", "100%", "3.5",
]
PUNCT = [" ", " ", " ", ". ", ", ", "? ", "! ", "\n", "\n\n", '"', "“", "”", "‘", "’", "'", "«",
         "»", "(", ")", ":", ";", "-", "—", "…", "\t", "\r\n", "\x00", "\u200b", "\ufeff", "\ud800"]
NEWS_TEXT = st.lists(st.sampled_from(NEWS_WORDS + PUNCT), max_size=80).map("".join)

TEXT = ANY_TEXT | NEWS_TEXT

#: (family name, scorer, corpus scorer) for every family and notable option set.
TARGETS = {"the Compact": ["the Compact", "Compact"], "Ostrova": "Ostrova"}
FAMILIES = [
    ("hedging", lambda t: hedging.score(t), lambda s: hedging.score_corpus(s)),
    ("hedging", lambda t: hedging.score(t, conditionals=True),
     lambda s: hedging.score_corpus(s, conditionals=True)),
    ("sentiment", lambda t: sentiment.score(t), lambda s: sentiment.score_corpus(s)),
    ("sentiment", lambda t: sentiment.score(t, targets=TARGETS),
     lambda s: sentiment.score_corpus(s, targets=TARGETS)),
    ("sources", lambda t: sources.score(t), lambda s: sources.score_corpus(s)),
    ("frames", lambda t: frames.score(t), lambda s: frames.score_corpus(s)),
    ("frames", lambda t: frames.score(t, codebook="generic"),
     lambda s: frames.score_corpus(s, codebook="generic")),
]
FAMILY_IDS = ["hedging", "hedging-conditionals", "sentiment", "sentiment-targets", "sources",
              "frames-policy", "frames-generic"]

#: Examples per property; ``stress/stress.py --only any-text`` raises it (env FRAMING_PROPERTY_EXAMPLES).
EXAMPLES = int(os.environ.get("FRAMING_PROPERTY_EXAMPLES", "100"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
CORPUS_PROPERTY = settings(max_examples=max(EXAMPLES // 4, 10), deadline=None,
                           suppress_health_check=[HealthCheck.too_slow])


def same(a, b) -> bool:
    """Equal, treating missing values (None, NaN) as equal to each other."""
    missing_a = a is None or (isinstance(a, float) and math.isnan(a))
    missing_b = b is None or (isinstance(b, float) and math.isnan(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    return a == b


def check_result(family: str, text: str, result) -> None:
    """A valid result: the family's type, flat scalar row, JSON-ready dict, evidence in the text."""
    assert isinstance(result, MeasureResult) and result.family == family
    row = result.row()
    assert row and all(k.startswith(f"{family}_") for k in row)
    for key, value in row.items():
        assert value is None or isinstance(value, (numbers.Number, str)), (key, value)
        if isinstance(value, float):
            assert not math.isinf(value), (key, value)
    json.dumps(result.to_dict(), allow_nan=True)
    n_sentences = len(segment(text).sentences)
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text), (e, len(text))
        assert text[e.start:e.end] == e.text, e
        assert e.label
        assert -1 <= e.sentence < max(n_sentences, 1), e


# ----------------------------------------------------------------------------------------------
# score(): valid for any string, evidence inside the text, Segmentation path = str path


@pytest.mark.parametrize("family, scorer, _", FAMILIES, ids=FAMILY_IDS)
@PROPERTY
@given(text=TEXT)
def test_score_is_valid_for_any_string(family, scorer, _, text):
    result = scorer(text)
    check_result(family, text, result)
    again = scorer(segment(text))
    assert again.row().keys() == result.row().keys()
    assert all(same(again.row()[k], v) for k, v in result.row().items())
    assert again.evidence == result.evidence


# ----------------------------------------------------------------------------------------------
# score_corpus(): one row per text, index kept, input untouched, equal to score() row by row


@pytest.mark.parametrize("family, scorer, corpus_scorer", FAMILIES, ids=FAMILY_IDS)
@CORPUS_PROPERTY
@given(texts=st.lists(TEXT | st.none() | st.just(float("nan")), min_size=1, max_size=6))
def test_score_corpus_equals_the_per_text_path(family, scorer, corpus_scorer, texts):
    index = pd.Index([f"r{i}" for i in range(len(texts))])
    series = pd.Series(texts, index=index, dtype=object)
    before = series.copy()
    frame = corpus_scorer(series)
    pd.testing.assert_series_equal(series, before)  # input not mutated
    assert list(frame.index) == list(index)
    assert all(c.startswith(f"{family}_") for c in frame.columns)
    for label, text in zip(index, texts):
        got = frame.loc[label].to_dict()
        if not isinstance(text, str):
            assert all(same(v, None) for v in got.values()), got
            continue
        expected = scorer(text).row()
        assert list(got) == list(expected)
        assert all(same(got[k], v) for k, v in expected.items()), (text, got, expected)


@CORPUS_PROPERTY
@given(texts=st.lists(TEXT | st.none(), min_size=1, max_size=5))
def test_analyze_equals_the_per_text_path(texts):
    index = range(100, 100 + len(texts))
    corpus = pd.DataFrame({"outlet": ["A"] * len(texts),
                           "text": pd.Series(texts, index=index, dtype=object)}, index=index)
    metrics = framing.analyze(corpus, jobs=1)
    assert list(metrics.index) == list(corpus.index)
    for label, text in zip(corpus.index, texts):
        if not isinstance(text, str):
            continue
        expected = {}
        for name, module in (("hedging", hedging), ("sentiment", sentiment),
                             ("frames", frames), ("sources", sources)):
            expected.update(module.score(text).row())
        got = metrics.loc[label]
        assert all(same(got[k], v) for k, v in expected.items()), text


# ----------------------------------------------------------------------------------------------
# segment(): spans inside the text, tokens as written, ordered


@PROPERTY
@given(text=TEXT)
def test_segment_spans_are_inside_the_text(text):
    seg = segment(text)
    assert seg.text == text
    for s, e in seg.paragraphs + seg.sentences + seg.quotes:
        assert 0 <= s < e <= len(text)
    assert [text[s:e] for s, e in seg.token_spans] == seg.tokens
    assert all(s < e for s, e in seg.token_spans)
    starts = [s for s, _ in seg.token_spans]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in zip(seg.token_spans, seg.token_spans[1:]))
    assert len(seg.norm) == len(seg.tokens)
    assert len(seg.sentence_token_ranges) == len(seg.sentences)
    for (first, last), (s, e) in zip(seg.sentence_token_ranges, seg.sentences):
        assert all(s <= seg.token_spans[k][0] and seg.token_spans[k][1] <= e
                   for k in range(first, last))
    assert [s for s, _ in seg.sentences] == sorted(s for s, _ in seg.sentences)


@pytest.mark.parametrize("family", ["hedging", "sentiment", "sources", "frames"])
def test_a_series_given_as_one_text_names_the_vectorized_entry_point(family):
    import importlib

    module = importlib.import_module(f"framing.{family}")
    with pytest.raises(TypeError, match=rf"score\(\) takes one text .*not Series: for many "
                                        rf"texts use framing\.{family}\.score_corpus\(texts\)"):
        module.score(pd.Series(["Taxes rose.", "Talks may fail."]))
