"""Sentiment family: exact TextBlob and VADER values, news tone, tone toward targets."""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import math
import random
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from conftest import SAMPLE, shared_path
from framing import sentiment as S
from framing.errors import FramingError
from framing.results import read_data_text
from framing.text import segment

VADER = SentimentIntensityAnalyzer()

# Texts that exercise TextBlob's tokenizer and assessment rules: emoticons (spaced and not),
# the sarcasm mark, negation and modifiers across sentences, contractions, quotes, paragraph
# breaks, abbreviations, and the library's own end-of-sentence marker.
TRICKY = [
    "The deal is good. It is not good. It is not very good!",
    "Never. Good news came late; really :) and : ) and :-( or : - ( ...",
    "The rally (since 2008) was great (!) and ( ! ) bad",
    "He wasn't happy, they'd said. 'Terrible', she wrote: \"awful\".",
    "It's “wonderful” — isn’t it? I don’t think so...",
    "First paragraph is nice\n\nSecond one is horrible\r\n\r\nThird: o.O really? XD",
    "No. O'Neill was great. Gen. Mario. O'Brien wasn't.",
    "Prices rose sharply!!! Not bad at all. Really not bad. Hardly a good sign.",
    "END-OF-SENTENCE good END-OF-SENTENCE bad",
    "Talks about :P and 8-) and 8 ) in (2018) were =D fine",
    "  leading and trailing white space, very very good  \n",
    "U.S. officials said the U.S. economy is strong. The U.N. disagreed!",
    "",
    "   ",
    "“Unbalanced quote, very sad. And another sentence that is happy",
    "Ελληνικά κείμενα και English words: good, bad, ugly.",
]


def same(a, b) -> bool:
    """Equal, or both missing."""
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a)
                      and math.isnan(b))


def library_textblob(text):
    return tuple(TextBlob(text).sentiment)


@pytest.mark.parametrize("text", TRICKY)
def test_textblob_equals_the_library_for_article_and_sentences(text):
    seg = segment(text)
    items, _ends, article = S._textblob_pass(seg)
    P = S._pattern()
    assert P.average(P.assess(article)) == library_textblob(text)
    for k in range(len(seg.sentences)):
        assert P.average(P.assess(items[k])) == library_textblob(seg.sentence_text(k))


def test_textblob_lexicon_is_the_librarys_without_importing_nltk():
    import textblob.en

    T, ours = S._textblob_sentiment_lexicon()
    theirs = textblob.en.sentiment
    "good" in theirs  # noqa: B015  (loads the library's lazy lexicon)
    assert T.__name__ == "framing._textblob_text"  # our own copy of the module, not the library's
    assert dict(ours) == dict(theirs) and len(ours) > 2800
    assert ours["terribly"] == theirs["terribly"] and "RB" in ours["terribly"]
    assert (ours.negations, ours.modifiers, ours.labeler) == (theirs.negations, theirs.modifiers,
                                                             theirs.labeler)
    assert [ours.modifier(w) for w in ("really", "very")] == [theirs.modifier(w)
                                                              for w in ("really", "very")]
    code = ("import sys; from framing import sentiment as S; "
            "r = S.score('A terribly good day.'); "
            "print(r.textblob_polarity, sorted({'nltk', 'sklearn', 'textblob'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(TextBlob("A terribly good day.").sentiment.polarity), "[]"]


def test_textblob_equals_the_library_on_random_token_soup():
    rng = random.Random(7)
    vocab = ["good", "bad", "not", "very", "really", "never", "no", "!", "?", ".", "(", ")", ":",
             "-", "'", "\"", "n't", "8", "D", "P", "o", "O", "(!)", "great", "terribly", "a",
             "the", "U.S.", "Mr.", "...", ";", "\n", "\n\n", "isn't", "it's", "”", "“", "=", "x"]
    for _ in range(300):
        text = "".join(rng.choice(vocab) + rng.choice(["", " ", " ", "  "])
                       for _ in range(rng.randint(1, 25)))
        seg = segment(text)
        items, _ends, article = S._textblob_pass(seg)
        P = S._pattern()
        assert P.average(P.assess(article)) == library_textblob(text), text
        for k in range(len(seg.sentences)):
            assert P.average(P.assess(items[k])) == library_textblob(seg.sentence_text(k)), text


# -- the compiled TextBlob values (framing._textblob_c) against the Python reference ----------

# One text per rule of the values pass: a negation or modifier pending at a sentence's end, a "!"
# before a sentence's first record, "-ly" modifiers with a negation, the sarcasm mark, emoticons
# inside a chunk, across chunks, across sentences and with non-ASCII characters, the library's
# end-of-sentence marker, a sentence end without a space after it, inert runs, a sentence
# without an active word after one with something pending.
TEXTBLOB_RULES = [
    "It is not. Good news.", "It was very. Good news.", "Good. ! Bad!", "! Good. !! Bad !",
    "Really not good. Extremely not. Bad.", "Never good (!) and ( ! ) bad", "Nice :) ok : ) fine",
    "Grim : -( really. : ) Good.", "It ended ° o ° and o° °o well", "END-OF-SENTENCE good",
    "Talks went badly :\nD day came", "Good news for them :\n) and more",
    "It was great.Terrible, they said.", "The year was good.They were bad.",
    "The cat sat on the mat. The dog did too.",
    "Very. Very. Very good.", "not not not", "Hardly good; not at all bad, surely!", ":-D",
    "Good.\n\nBad.\n\n\nUgly!", "xd XD <3 ♥ :'(", "Mr. Smith was very, very happy. Was he?",
]


def _values_both_ways(compiled, seg):
    """(Python reference, compiled) values of a segmentation, and of each sentence alone."""
    pairs = [(S._textblob_values_python(seg), compiled_values(compiled, seg))]
    for start, end in seg.sentences:
        one = S._OneSentence(seg.text[start:end], ((0, end - start),))
        pairs.append((S._textblob_values_python(one), compiled_values(compiled, one)))
    return pairs


def compiled_values(compiled, seg):
    P = S._pattern()
    return compiled.values(seg.text, seg.sentences, P.chunks, P.pairs, P.eos, P._chunk,
                           P.rewrites, P.library_items)


def _sample_texts():
    with open(SAMPLE, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def test_compiled_textblob_values_equal_python_on_the_sample_corpus_and_rules():
    compiled = pytest.importorskip("framing._textblob_c")
    texts = _sample_texts() + TRICKY + TEXTBLOB_RULES
    rng = random.Random(11)
    words = ["good", "bad", "not", "very", "really", "never", "no", "!", "(", ")", ":", "-", "8",
             "D", "(!)", "°", "o", "terribly", ".", "the"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    assert len(texts) > 340
    for text in texts:
        for python, c in _values_both_ways(compiled, segment(text)):
            assert c == python, text
            assert [list(map(type, v)) for v in c[2]] == [[float, float]] * len(c[2])


def test_compiled_textblob_values_equal_the_library_for_the_rules():
    compiled = pytest.importorskip("framing._textblob_c")
    for text in TEXTBLOB_RULES:
        seg = segment(text)
        p, s, values, _items = compiled_values(compiled, seg)
        assert (p, s) == library_textblob(text), text
        assert values == [library_textblob(seg.sentence_text(k)) for k in range(len(values))]


def test_compiled_textblob_values_call_back_for_chunks_a_full_cache_does_not_keep(monkeypatch):
    compiled = pytest.importorskip("framing._textblob_c")
    monkeypatch.setattr(S, "_CACHE_MAX", 0)  # nothing new is cached: every new chunk calls back
    P = S._pattern()
    before = len(P.chunks)
    text = "Zorblax were nOt gOOd :-) here. Qwibble was VERY bad : ( today! Flimzy °o° fine."
    for python, c in _values_both_ways(compiled, segment(text)):
        assert c == python
    assert len(P.chunks) == before
    assert compiled_values(compiled, segment(text))[:2] == library_textblob(text)


def test_compiled_textblob_values_take_odd_text_without_harm():
    compiled = pytest.importorskip("framing._textblob_c")
    odd = ["", "   ", "\ud800 good \udfff bad", "\x00 not \x00 good", "good " * 100_000,
           "Ελληνικά good, 中文 bad!", "a" * 70_000, "!" * 1000, ":" * 999 + ")"]
    for text in odd:
        for python, c in _values_both_ways(compiled, segment(text)):
            assert c == python, text[:40]
    P = S._pattern()
    with pytest.raises(TypeError):
        compiled.values(None, [(0, 1)], P.chunks, P.pairs, P.eos, P._chunk, P.rewrites,
                        P.library_items)
    with pytest.raises(TypeError):
        compiled.values("good", [None], P.chunks, P.pairs, P.eos, P._chunk, P.rewrites,
                        P.library_items)
    assert compiled.values("Good. Bad!", [[0, 5], [6, 10]], P.chunks, P.pairs, P.eos, P._chunk,
                           P.rewrites, P.library_items)[:2] == library_textblob("Good. Bad!")
    with pytest.raises(ValueError):
        compiled.values("good", [(9, 12)], P.chunks, P.pairs, P.eos, P._chunk, P.rewrites,
                        P.library_items)
    with pytest.raises(TypeError):
        compiled.assess_average([None])


def test_compiled_assess_average_equals_python_on_items_and_masked_items():
    compiled = pytest.importorskip("framing._textblob_c")
    P = S._pattern()
    for text in _sample_texts()[:20] + TRICKY + TEXTBLOB_RULES:
        items = S._textblob_pass(segment(text))[2]
        masked = [(S._Pattern.RESET, w) if i % 3 == 0 else (c, w)
                  for i, (c, w) in enumerate(items)]
        for its in (items, masked, tuple(items), []):
            assert compiled.assess_average(its) == P.average(P.assess(its)), text


def test_textblob_values_run_the_compiled_code_unless_pure_python_is_asked_for(monkeypatch):
    compiled = pytest.importorskip("framing._textblob_c")
    seg = segment("The summit was a terrible failure. Not bad!")
    calls = []
    monkeypatch.setattr(S, "_textblob_values_python", lambda s: calls.append(s))
    monkeypatch.delenv("FRAMING_PURE_PYTHON", raising=False)
    S._textblob_compiled.cache_clear()
    try:
        assert S._textblob_compiled() is compiled
        S._textblob_values(seg)
        assert calls == []
        monkeypatch.setenv("FRAMING_PURE_PYTHON", "1")
        S._textblob_compiled.cache_clear()
        S._textblob_values(seg)
        assert calls == [seg]
    finally:
        S._textblob_compiled.cache_clear()


# -- the compiled chunk entries (framing._textblob_c.Chunker) against _Pattern._chunk -----------

# Chunks for each rule of the tokenizer and the word classes: contractions (straight and curly
# apostrophes), abbreviations in the list and by each expression ("U.S.", "Mr.", "A."), "..."
# with more dots and other punctuation after, leading and trailing punctuation, quotes, the
# library's end-of-sentence marker, emoticons in a chunk, negations, "!" and "(!)", words that
# lower-case to other lengths, non-ASCII, surrogates and control characters.
CHUNK_CASES = [
    "wasn't", "don’t", "O'Neill's", "they'll.", "'90s", "rock'n'roll", "'", "''", "'''", "'s",
    "n't", "(can't)", "U.S.", "[U.S.]", "U.S.).", "etc.", "e.g.", "a.m.", "Gen.", "Mr.", "Mrs.",
    "A.", "ABC.", "$5.", "end.", "...", "....", "Hello...", "Hmm...?", "ok...!", "a...b", "..",
    ".", "end.)", "(end.)", "\"quoted\"", "“quoted”", "‘single’", "-", "—", "!!!", "?!", "!",
    "(!)", "(!)!", ":)", ":-(", ":-)!", "XD", "xd", "<3", ":'(", "°o°", "END-OF-SENTENCE",
    "end-of-sentence", "NOT", "Never!", "(no)", "not.", "Ünïcödé", "İstanbul", "ΣΑΣ.", "ﬁne",
    "x\ud800y", "\x00good\x00", "good", "Good", "GOOD", "terribly", "very", "really...", "",
]


def _fresh_pattern_and_chunker(compiled, cache_max=S._CACHE_MAX):
    """A new _Pattern (empty caches) and a Chunker over the empty caches of another."""
    P, Q = S._Pattern(), S._Pattern()
    chunker = compiled.Chunker(Q.chunks, Q.flagged, Q.active, Q.classes, Q.words,
                               Q.modifier_words, Q.negations, "".join(Q.punct_lead), Q.replace,
                               Q.abbreviations, tuple(rx.match for rx in Q.abbr), Q.contract,
                               Q.pairs, Q.eos, Q.emoticons, Q.T.PUNCTUATION, cache_max)
    return P, Q, chunker


def _assert_chunks_both_ways(compiled, chunks, monkeypatch=None, cache_max=S._CACHE_MAX):
    """Every chunk's entry, tokens and word classes, and the caches they leave, are the same
    from the Chunker as from _Pattern._chunk, twice (the second time from the caches)."""
    P, Q, chunker = _fresh_pattern_and_chunker(compiled, cache_max)
    if monkeypatch is not None:
        monkeypatch.setattr(S, "_CACHE_MAX", cache_max)
    for _ in range(2):
        for chunk in chunks:
            assert chunker(chunk) == P._chunk(chunk), chunk
            assert chunker.tokens(chunk) == P._chunk_tokens(chunk), chunk
    assert (Q.chunks, Q.flagged, Q.active, Q.classes) == (P.chunks, P.flagged, P.active,
                                                          P.classes)
    for w in list(P.classes)[:5000] + [c.lower() for c in CHUNK_CASES]:
        assert chunker.classify(w) == P._classify(w), w
    return P


def test_compiled_chunk_entries_equal_python_on_the_sample_corpus_and_rules():
    compiled = pytest.importorskip("framing._textblob_c")
    texts = _sample_texts() + TRICKY + TEXTBLOB_RULES + ODD_INPUTS
    chunks = [c for t in texts for c in t.split()] + CHUNK_CASES
    P = _assert_chunks_both_ways(compiled, chunks)
    assert P.flagged and P.active and None in P.classes.values()  # each kind of entry was met


def test_compiled_chunk_entries_are_not_kept_by_a_full_cache(monkeypatch):
    compiled = pytest.importorskip("framing._textblob_c")
    chunks = [c for t in TRICKY + TEXTBLOB_RULES for c in t.split()] + CHUNK_CASES
    P = _assert_chunks_both_ways(compiled, chunks, monkeypatch, cache_max=5)
    assert len(P.chunks) == len(P.classes) == 5


def test_compiled_chunk_entries_take_odd_input_without_harm():
    compiled = pytest.importorskip("framing._textblob_c")
    huge = ["a" * 200_000 + ".", "U.S." * 50_000, "'" * 10_000 + "s",
            "(" * 5000 + "good" + ")" * 5000 + "...", "“" * 3000]
    _assert_chunks_both_ways(compiled, huge)
    _P, _Q, chunker = _fresh_pattern_and_chunker(compiled)
    for bad in (None, 3, b"good"):
        with pytest.raises(TypeError):
            chunker(bad)
        with pytest.raises(TypeError):
            chunker.tokens(bad)
        with pytest.raises(TypeError):
            chunker.classify(bad)
    with pytest.raises(TypeError):
        compiled.Chunker({}, set())


def test_compiled_library_items_equal_python_on_the_sample_corpus_and_rules():
    compiled = pytest.importorskip("framing._textblob_c")
    P, Q, chunker = _fresh_pattern_and_chunker(compiled)
    texts = _sample_texts()[:30] + TRICKY + TEXTBLOB_RULES + ODD_INPUTS + [" ".join(CHUNK_CASES)]
    for text in texts:
        words = P.library_words(text)
        assert chunker.items(words) == P.library_items(text), text[:40]
        assert chunker.items(tuple(words)) == P.library_items(text), text[:40]
    assert Q.classes == P.classes and len(P.classes) > 1000
    for bad in (None, [None], ["good", 3]):
        with pytest.raises(TypeError):
            chunker.items(bad)


#: characters of the library's emoticons, sarcasm mark, sentence ends, quotes, contractions and
#: line breaks, with letters and white space around them
_TOKENIZER_ALPHABET = list(":;=8xX-^'’\"“”‘()[]{}<>/\\|*!?.…DPpbcoOsS3@°_ \n\r\t") + [
    "n't", "'s", "U.S.", "Mr.", "good", "bad", "END-OF-SENTENCE", "\n\n", "\r\n\r\n", ":)",
    ": )", "(!)", "( ! )", "...", "\u2028", "\x1c", "é"]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(_TOKENIZER_ALPHABET), max_size=40).map("".join))
def test_chunk_library_words_are_the_librarys_words(text):
    P = S._pattern()
    assert P.chunk_library_words(text) == P.library_words(text)
    chunker = S._chunker()
    if chunker is not None:  # the compiled entries, as the suite reads them
        assert P.chunk_library_words(text, chunker) == P.library_words(text)


def test_chunk_library_words_are_the_librarys_words_on_the_sample_corpus_and_rules():
    P = S._pattern()
    texts = _sample_texts() + TRICKY + TEXTBLOB_RULES + ODD_INPUTS + VADER_CASES
    texts += ["\n\n".join(texts[:40]), "\r\n\r\n".join(texts[:10]) + "\n \n\n\n(!)"]
    for text in texts:
        assert P.chunk_library_words(text) == P.library_words(text), text[:60]
    # some of them are rewritten or split at line breaks: not just their chunks' tokens
    assert any(P.library_words(t) != [w for c in t.split() for w in P._chunk(c)[1]]
               for t in texts)


def test_textblob_values_use_the_compiled_chunk_entries(monkeypatch):
    pytest.importorskip("framing._textblob_c")
    if S._textblob_compiled() is None:
        pytest.skip("FRAMING_PURE_PYTHON is set")
    text = "Vexworth's gOOd, said the U.S. Vexworthian... Vexworthy? Not bad :) at all!"
    fresh = S._Pattern()
    expected = {chunk: fresh._chunk(chunk) for chunk in text.split()}
    P = S._pattern()
    assert not any(chunk in P.chunks for chunk in ("Vexworth's", "Vexworthian...", "Vexworthy?"))
    monkeypatch.setattr(S._Pattern, "_chunk", lambda self, chunk: pytest.fail("Python _chunk"))
    monkeypatch.setattr(S._Pattern, "_classify", lambda self, w: pytest.fail("Python _classify"))
    assert S._textblob_values(segment(text))[:2] == library_textblob(text)
    assert S._textblob_values(segment(text + " Vexworthier : ) !"))[:2] == library_textblob(
        text + " Vexworthier : ) !")  # the library's tokenizer, its words classified in C
    # the entries the suite's chunker makes also hold VADER's info of the chunk (seventh item)
    assert {chunk: P.chunks[chunk][:6] for chunk in text.split()} == expected
    vader = S._vader_compiled()
    assert all(vader.info(chunk) == P.chunks[chunk][6]
               for chunk in text.split() if len(P.chunks[chunk]) == 7)


@pytest.mark.shared
def test_compiled_chunk_entries_equal_python_on_300_allsides_articles():
    compiled = pytest.importorskip("framing._textblob_c")
    _assert_chunks_both_ways(compiled, [c for t in _allsides(300) for c in (t or "").split()])


VADER_CASES = [
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Without a doubt, an excellent idea.",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "No good deed goes unpunished, no doubt, nor or bad.",
    "It was never so good. It was never this bad?? Really??",
    "but but BUT good bad",
    "",
    "the shit is the bomb, yeah right, kiss of death",
]


@pytest.mark.parametrize("text", VADER_CASES + TRICKY)
def test_vader_equals_the_library(text):
    assert S.vader_scores(text) == VADER.polarity_scores(text)


def _allsides(n):
    path = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line)["content_original"] for line in itertools.islice(f, n)]


@pytest.mark.shared
def test_article_textblob_equals_the_library_on_300_allsides_articles():
    for text in _allsides(300):
        r = S.score(text, evidence=False)
        assert (r.textblob_polarity, r.textblob_subjectivity) == library_textblob(text)


@pytest.mark.shared
def test_sentence_textblob_and_vader_equal_the_libraries_on_allsides_sentences():
    for text in _allsides(40):
        r = S.score(text, evidence=False)
        for s in r.sentences:
            sentence = text[s.start:s.end]
            assert (s.textblob_polarity, s.textblob_subjectivity) == library_textblob(sentence)
            v = VADER.polarity_scores(sentence)
            assert (s.vader_compound, s.vader_pos, s.vader_neu, s.vader_neg) == (
                v["compound"], v["pos"], v["neu"], v["neg"])


@pytest.mark.shared
def test_compiled_textblob_values_equal_python_on_300_allsides_articles():
    compiled = pytest.importorskip("framing._textblob_c")
    for text in _allsides(300):
        for python, c in _values_both_ways(compiled, segment(text or "")):
            assert c == python, text[:80]


@pytest.mark.shared
@pytest.mark.slow
def test_every_sentence_of_300_allsides_articles_equals_the_libraries():
    for text in _allsides(300):
        for s in S.score(text, evidence=False).sentences:
            sentence = text[s.start:s.end]
            assert (s.textblob_polarity, s.textblob_subjectivity) == library_textblob(sentence)
            assert s.vader_compound == VADER.polarity_scores(sentence)["compound"]


# -- score() --------------------------------------------------------------------------------

ODD_INPUTS = ["", " ", "\n\n\t", "\x00\x01\x02 control", "“unbalanced", "a" * 5000,
              "word " * 20000, "Mixed 中文 text, русский и English, مرحبا", "!!!???...",
              "\ud800 lone surrogate", "😀😀😀", "The end.\n\n\n\n"]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_any_string_gives_a_valid_result_with_exact_evidence(text):
    r = S.score(text)
    assert isinstance(r, S.SentimentResult)
    for e in r.evidence:
        assert text[e.start:e.end] == e.text
    d = r.to_dict()
    assert set(r.row()) <= {f"sentiment_{k}" for k in d}
    json.dumps(d)


def test_missing_values_give_missing_results():
    for value in (None, float("nan")):
        r = S.score(value)
        assert math.isnan(r.textblob_polarity) and math.isnan(r.tone) and math.isnan(r.n_sentences)


def test_textblob_stays_exact_across_a_sentence_end_without_a_space():
    """Segmentation splits "year.They"; TextBlob sees one white-space chunk there."""
    text = "It was a very good year.They were not happy!Bad news came.Nobody cared much."
    assert len(segment(text).sentences) == 4
    r, tb = S.score(text), TextBlob(text).sentiment
    assert (r.textblob_polarity, r.textblob_subjectivity) == (tb.polarity, tb.subjectivity)


@pytest.mark.parametrize("text", [
    "It was a very good year.They were not happy!Bad news came.Nobody cared much.",
    "Great.Terrible, they said.\n\nNot bad.Very good!", "He said.\u201cWe won.\u201d Not bad.",
])
def test_a_run_on_sentence_end_needs_not_the_librarys_tokenizer(text, monkeypatch):
    # the article's own white-space chunks give TextBlob's numbers: its tokenizer, the slow
    # fallback, is left for texts its emoticon or sarcasm rules rewrite
    seg = segment(text)
    assert any(s and not text[s - 1].isspace() for s, _ in seg.sentences)
    tb = TextBlob(text).sentiment
    P = S._pattern()
    calls = []
    real = P.library_items
    monkeypatch.setattr(P, "library_items", lambda t: calls.append(t) or real(t))
    assert S._textblob_values_python(seg)[:2] == (tb.polarity, tb.subjectivity)
    compiled = S._textblob_compiled()
    if compiled is not None:
        assert compiled_values(compiled, seg)[:2] == (tb.polarity, tb.subjectivity)
    assert calls == []
    info: dict = {}
    S._textblob_pass(seg, ends=False, info=info)
    assert info["fallback"]  # assessed as a whole, not sentence after sentence


def test_segmentation_and_string_give_the_same_result():
    text = "The rescue was a great success. Critics called the delay shameful."
    assert S.score(segment(text)) == S.score(text)


def test_evidence_spans_match_and_carry_the_words():
    text = "The rescue was a great success. Critics called the delay shameful and not good."
    r = S.score(text)
    assert r.evidence
    for e in r.evidence:
        assert text[e.start:e.end] == e.text
        assert e.label in {"positive", "negative"} and e.subtype in {"tone", "textblob", "vader"}
    tb = {(e.text, e.label) for e in r.evidence if e.subtype == "textblob"}
    assert ("great success", "positive") in tb or ("great", "positive") in tb
    assert ("not good", "negative") in tb
    vader = {e.text for e in r.evidence if e.subtype == "vader"}
    assert {"success", "shameful"} <= vader
    assert all("weight" in e for e in r.to_dict()["evidence"])


def test_tone_evidence_names_the_words_that_carried_the_tone(monkeypatch):
    text = "The government's disastrous policy was a terrible failure."
    tone_words = {e.text: e.weight for e in S.score(text).evidence if e.subtype == "tone"}
    # the sentiment words carry the tone (through the VADER and TextBlob inputs as well as
    # their own weights), more than any function word
    strongest = sorted(tone_words, key=lambda w: abs(tone_words[w]), reverse=True)[:3]
    assert set(strongest) == {"disastrous", "terrible", "failure"}
    assert all(tone_words[w] < 0 for w in strongest)
    # with nothing left out, the contributions add up to the tone (it is not clipped here)
    monkeypatch.setattr(S, "_tone_evidence", functools.partial(S._tone_evidence, min_weight=0))
    for text in ("The government's disastrous policy was a terrible failure!",
                 "The rescue was not a great success, but officials remain very hopeful.",
                 "Talks resumed on Tuesday.",
                 "Blind voters and disabled veterans were turned away, a terrible failure."):
        r = S.score(text)
        assert abs(r.tone) < 1
        total = sum(e.weight for e in r.evidence if e.subtype == "tone")
        assert total == pytest.approx(r.tone, abs=1e-3)


def test_evidence_off_gives_the_same_numbers():
    for text in TRICKY + ["The talks were not a success, but officials remain very hopeful."]:
        a, b = S.score(text), S.score(text, evidence=False)
        assert a.row().keys() == b.row().keys()
        assert all(same(x, y) for x, y in zip(a.row().values(), b.row().values()))
        assert b.evidence == ()


def _numbers(result):
    """A result's row and sentences with each float's exact repr (NaN equals NaN here)."""
    return ([(k, repr(v)) for k, v in result.row().items()],
            [tuple(map(repr, s)) for s in result.sentences])


def test_values_path_gives_the_numbers_of_the_evidence_path_compiled_and_pure(monkeypatch):
    """Without evidence, _score_seg_values scores each sentence with less work; the numbers
    are those of the evidence path, with the compiled VADER and with the Python one, on
    sentences with identity terms (the masked dense inputs), past TONE_MAX_TOKENS, and odd."""
    tm = S._load_tone()
    texts = (_sample_texts()[:40] + TRICKY + ODD_INPUTS + TEXTBLOB_RULES
             + ["The white and gay couple was not happy, said the black Muslim mayor. Fine.",
                "Black is great " * 60 + ". A terrible, awful day for the Jewish community!"])
    with_evidence = {text: _numbers(S._score_seg(segment(text), tm, True)) for text in texts}
    english = [text for text in texts if segment(text).english]
    assert len(english) > 50
    for pure in (False, True):
        if pure:
            monkeypatch.setattr(S, "_vader_compiled", lambda: None)
        for text in english:
            got = _numbers(S._score_seg_values(segment(text), tm))
            assert got == with_evidence[text], text[:40]
        for text in texts:
            assert _numbers(S._score_seg(segment(text), tm, False)) == with_evidence[text]


def test_article_values_aggregate_the_sentences():
    text = "The meeting is on Tuesday. The plan is a terrible failure. The results were excellent."
    r = S.score(text)
    assert r.n_sentences == 3 == len(r.sentences)
    assert r.textblob_polarity == library_textblob(text)[0]
    assert r.vader_compound == pytest.approx(sum(s.vader_compound for s in r.sentences) / 3)
    assert r.tone == pytest.approx(sum(s.tone for s in r.sentences) / 3)
    # the first sentence has no TextBlob or VADER lexicon word: it is left at exactly 0
    assert r.sentences[0].textblob_polarity == 0 and r.sentences[0].vader_compound == 0
    assert r.textblob_zero_share == pytest.approx(1 / 3)
    assert r.vader_zero_share == pytest.approx(1 / 3)


@pytest.mark.parametrize("positive, negative", [
    ("The company reported record profits and strong growth.",
     "The company reported heavy losses and warned of layoffs."),
    ("Rescuers saved dozens of children from the flood.",
     "The bombing killed dozens of children."),
    ("The talks were a success.", "The talks were not a success."),
    ("Voters praised the senator's honest and effective leadership.",
     "Voters condemned the senator's corrupt and incompetent leadership."),
])
def test_tone_direction_on_golden_sentences(positive, negative):
    assert S.score(positive).tone > 0
    assert S.score(negative).tone < 0


def test_tone_sentences_and_range():
    tones = S.tone_sentences("Stocks soared to a record high. Then the market crashed badly.")
    assert len(tones) == 2 and tones[0] > 0 > tones[1]
    assert all(-1 <= t <= 1 for t in tones)


@pytest.mark.parametrize("text", [
    "Le gouvernement a annoncé une réforme des retraites qui sera votée demain par les députés.",
    "Die Regierung hat eine Reform angekündigt, die morgen im Parlament beraten werden soll.",
    "Правительство объявило о реформе, которую парламент рассмотрит завтра утром.",
    "政府宣布了一项改革计划。",
    # under 12 words: the other language's function words in lower case decide
    "Die Regierung hat heute angekündigt, dass die Steuern steigen.",
    "El gobierno anunció hoy que los impuestos subirán.",
])
def test_non_english_text_is_flagged_not_scored(text):
    r = S.score(text)
    assert r.english is False
    assert math.isnan(r.tone) and math.isnan(r.textblob_polarity) and r.evidence == ()


@pytest.mark.parametrize("text", ["Good.", "Stocks fell.", ("The government announced a reform "
                                  "of pensions that parliament will vote on tomorrow."),
                                  # names with a foreign article are no foreign text
                                  "La La Land wins best picture", "La Paz and El Alto protest",
                                  "Die Hard is a Christmas film", "Le Pen and De Gaulle met"])
def test_english_text_is_not_flagged(text):
    assert S.score(text).english is True


# -- the compiled VADER (framing._vader_c) ------------------------------------------------------

# One or more sentences for each rule of the scoring: boosters before a word at one, two and
# three words' distance (and in capitals), "kind of", "no" before and as a word, "no ... or/nor",
# capitals, negations ("n't", "never so", "without (a) doubt"), idioms and multiword boosters,
# "least", "but" with repeated valences, "!" and "?" emphasis, emoji, white space, odd strings.
VADER_RULE_CASES = [
    "extremely good", "EXTREMELY good news", "extremely very good", "extremely so very good",
    "extremely bad", "barely good", "SLIGHTLY BAD thing", "it was kind of good", "it is kind",
    "kind of", "no good", "no problem at all", "no, good", "no fun or bad", "no way nor bad",
    "no", "GOOD news", "GOOD", "Good NEWS is GOOD", "not good", "isn't good", "ain't bad",
    "never so good", "never this bad", "it was never so very good", "without doubt good",
    "without a doubt good", "not a very good idea", "not so very bad", "so good", "this good",
    "the shit", "that is the bomb", "bad ass movie", "yeah right, good", "kiss of death",
    "cut the mustard", "a bus stop, good", "he was the shit today", "badass bad ass badass",
    "it is sort of good", "kind of bad", "they fell way short of good", "out of the box, nice",
    "least good", "at least good", "very least good", "the least good", "LEAST good",
    "good but bad", "bad but good good", "good good but good bad bad", "but", "but good",
    "good but", "BUT good bad but", "good!", "good!!!!!!", "good??", "good????", "bad?!?!",
    "great, really great, really really great", "hate hate love love hate",
    "A :) smile and :( frown", "Catch 💘 and 😁 good", "  good \t bad \n ", "", " \n\t ",
    "\x00no\x00 good", "\ud800 good \udfff bad", "Mixed 中文 good, русский bad",
    "good " * 3000, "'good' \"bad\" (nice) [ugly]", "GOOD BAD NOT", "Not Good. Not bad!",
]


def _compiled_vader():
    pytest.importorskip("framing._vader_c")
    compiled = S._vader_compiled()
    if compiled is None:
        pytest.skip("FRAMING_PURE_PYTHON is set")
    return compiled


def _exactly(scores: dict) -> list:
    """The scores with each float's sign and last bit (-0.0 is not 0.0 here)."""
    return [(k, repr(v), type(v)) for k, v in scores.items()]


@pytest.mark.parametrize("text", VADER_RULE_CASES + VADER_CASES + TRICKY + ODD_INPUTS)
def test_compiled_vader_equals_python_and_the_library(text):
    compiled = _compiled_vader()
    python = S._vader_python(text, detail=False)[0]
    assert _exactly(compiled.scores(text)) == _exactly(python)
    assert _exactly(compiled.scores(text)) == _exactly(VADER.polarity_scores(text))


#: values where rounding to 3 or 4 digits is a tie or close to one (in binary: 0.03125 * 10**4 is
#: 312.5 exactly), a signed zero, or outside the range the C rounding takes on itself
ROUNDING_EDGES = [0.0, -0.0, 1e-300, -1e-300, 5e-5, -5e-5, 5e-4, -5e-4, 0.00015, 0.03125,
                  -0.03125, 0.0625, 0.99995, -0.99995, 0.9999499999999999, 9999.99995, 1e4,
                  -1e4, 1e20, math.inf, -math.inf, 2.675, 1.0005, -0.4999999, 0.12345]


@settings(max_examples=2000)
@given(st.one_of(st.floats(min_value=-1.0, max_value=1.0),
                 st.integers(-20_000, 20_000).map(lambda k: k / 20_000),  # ties at 4 digits
                 st.integers(-2_000, 2_000).flatmap(  # just off a tie at 3 digits
                     lambda k: st.sampled_from([(k + 0.5) / 1000 + d for d in (-1e-12, 1e-12)])),
                 st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(ROUNDING_EDGES)))
def test_compiled_vader_rounds_as_python_rounds(x):
    compiled = _compiled_vader()
    for ndigits in (3, 4):
        assert repr(compiled.round_(x, ndigits)) == repr(round(x, ndigits)), (x, ndigits)


def test_compiled_vader_equals_python_on_every_sample_sentence(sample_path):
    compiled = _compiled_vader()
    n = 0
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for sentence in map(segment(text).sentence_text, range(len(segment(text).sentences))):
            assert _exactly(compiled.scores(sentence)) == _exactly(
                S._vader_python(sentence, detail=False)[0]), sentence
            n += 1
    assert n > 100


# raw tokens for each step of a token's VADER entry: punctuation stripped from either end (not
# when two characters or fewer remain), capitals (ASCII and not), boosters, lexicon words, "kind",
# emoticons, contractions, non-ASCII case rules, surrogates and control characters
VADER_TOKENS = [
    "good", "Good", "GOOD", "GOOD!", "(good)", "'good'", "...", "!!", "a.", "ok!", ":)", ":-)",
    "<3", "kind", "KIND,", "kind.", "extremely", "Extremely!!", "isn't", "n't", "won't!", "no",
    "NO.", "U.S.", "U.S", "A", "I", "a1", "1", "12", "123!", "#", "", "İstanbul", "ΣΑΣ", "ǅ",
    "ﬁne", "Straße", "É", "ÉLAN!", "élan", "x\ud800y", "\x00good\x00", "—good—", "“good”", "-_-",
    ":D", "XD", "xd", "good" * 1000, "!" * 500 + "bad" + "?" * 500,
]


def _vader_infos_both_ways(compiled, tokens, monkeypatch, cache_max=S._CACHE_MAX):
    """The entries of the compiled ``info`` and of :func:`_vader_info` for each token, from
    empty caches, and the caches they leave: ``(compiled, python)``."""
    V, an, _emoji, _negate = S._vader()
    c_cache, c_active, py_cache, py_active = {}, set(), {}, set()
    with monkeypatch.context() as m:
        m.setattr(S, "_CACHE_MAX", cache_max)
        S._vader_compiled_init(compiled, c_cache, c_active)
        try:
            c = [compiled.info(t) for t in tokens]
        finally:
            m.undo()
            S._vader_compiled_init(compiled, S._VADER_TOKENS, S._VADER_ACTIVE)
    with monkeypatch.context() as m:
        m.setattr(S, "_CACHE_MAX", cache_max)
        m.setattr(S, "_VADER_TOKENS", py_cache)
        m.setattr(S, "_VADER_ACTIVE", py_active)
        python = [S._vader_info(t, V, an) for t in tokens]
    return (c, c_cache, c_active), (python, py_cache, py_active)


def test_compiled_vader_token_entries_equal_python_on_the_sample_corpus_and_rules(monkeypatch,
                                                                                   sample_path):
    compiled = _compiled_vader()
    texts = [json.loads(line)["text"]
             for line in sample_path.read_text(encoding="utf-8").splitlines()]
    tokens = [t for text in texts + VADER_RULE_CASES + VADER_CASES for t in text.split()]
    c, python = _vader_infos_both_ways(compiled, tokens + VADER_TOKENS, monkeypatch)
    assert c == python
    assert python[2] and len(python[1]) > 1000
    c, python = _vader_infos_both_ways(compiled, tokens + VADER_TOKENS, monkeypatch, cache_max=7)
    assert c == python and len(python[1]) == 7


def test_compiled_vader_fills_the_token_cache_as_python_does(monkeypatch):
    compiled = _compiled_vader()
    text = "Zumbaroo was GOOD, Zumbaroo! said the ZUMBAROO: kind of (great)..."
    assert not any(t in S._VADER_TOKENS for t in ("Zumbaroo", "Zumbaroo!", "ZUMBAROO:"))
    assert _exactly(compiled.scores(text)) == _exactly(VADER.polarity_scores(text))
    V, an, _emoji, _negate = S._vader()
    for t in text.split():
        assert S._VADER_TOKENS[t] == S._vader_info(t, V, an)
    assert ("(great)..." in S._VADER_ACTIVE) and ("Zumbaroo!" not in S._VADER_ACTIVE)
    for bad in (None, 3, b"good"):
        with pytest.raises(TypeError):
            compiled.info(bad)


@pytest.mark.shared
def test_compiled_vader_token_entries_equal_python_on_300_allsides_articles(monkeypatch):
    compiled = _compiled_vader()
    tokens = [t for text in _allsides(300) for t in (text or "").split()]
    c, python = _vader_infos_both_ways(compiled, tokens, monkeypatch)
    assert c == python


_RULE_WORDS = ["no", "not", "never", "so", "this", "without", "doubt", "a", "least", "at", "very",
               "kind", "of", "but", "BUT", "or", "nor", "isn't", "the", "shit", "bomb", "bad",
               "ass", "kiss", "death", "yeah", "right", "sort", "good", "GOOD", "great", "hate",
               "extremely", "EXTREMELY", "barely", "hardly", "Good!", "bad?", "!!", "??", ":)",
               "bus", "stop", "out", "box", "fine", "LOVE", "won't", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RULE_WORDS), max_size=14).map(" ".join))
def test_property_compiled_vader_equals_the_library_on_rule_words(text):
    compiled = _compiled_vader()
    assert _exactly(compiled.scores(text)) == _exactly(VADER.polarity_scores(text))
    assert _exactly(compiled.scores(text)) == _exactly(S._vader_python(text, detail=False)[0])


def test_compiled_vader_is_what_the_scores_use_and_pure_python_turns_it_off(monkeypatch):
    compiled = _compiled_vader()
    text = "The plan is not good, but the team is great!"
    assert S._vader_fast(text, detail=False) == (compiled.scores(text), None, None)
    words, sentiments = S._vader_fast(text, detail=True)[1:]  # the evidence stays in Python
    assert words is not None and sentiments is not None
    monkeypatch.setenv("FRAMING_PURE_PYTHON", "1")
    S._vader_compiled.cache_clear()
    try:
        assert S._vader_compiled() is None
        assert S._vader_fast(text, detail=False)[0] == compiled.scores(text)
    finally:
        monkeypatch.delenv("FRAMING_PURE_PYTHON")
        S._vader_compiled.cache_clear()


def test_compiled_vader_rejects_what_is_not_a_string():
    compiled = _compiled_vader()
    for value in (None, 3, b"good"):
        with pytest.raises(TypeError):
            compiled.scores(value)


def test_compiled_vader_reads_a_cached_lower_case_only_where_python_does(monkeypatch):
    """A sentence without a word that can carry valence scores neutral without its words'
    lower case being read (as in Python); an entry that is not a tuple, or whose lower case is
    not a string where it is read, is a TypeError, not a crash."""
    compiled = _compiled_vader()
    cache = {"plain": ("plain", 3, False, False), "good": ("good", None, False, True),
             "odd": ["odd", "odd", False, False], "short": ("short",)}
    tokens, active = S._VADER_TOKENS, S._VADER_ACTIVE
    monkeypatch.setattr(S, "_VADER_TOKENS", cache)
    S._vader_compiled_init(compiled, cache, {"good"})
    try:
        assert compiled.scores("plain plain") == S._vader_python("plain plain", False)[0]
        for text in ("plain good", "odd", "short"):
            with pytest.raises(TypeError):
                compiled.values(text, 0, len(text))
    finally:
        S._vader_compiled_init(compiled, tokens, active)


@pytest.mark.shared
def test_compiled_vader_equals_python_on_allsides_sentences():
    compiled = _compiled_vader()
    for text in _allsides(300):
        seg = segment(text)
        for start, end in seg.sentences:
            sentence = text[start:end]
            assert _exactly(compiled.scores(sentence)) == _exactly(
                S._vader_python(sentence, detail=False)[0]), sentence




@pytest.mark.parametrize("text", VADER_RULE_CASES + VADER_CASES + ODD_INPUTS)
def test_compiled_vader_values_of_a_sentence_within_a_text_equal_its_scores(text):
    compiled = _compiled_vader()
    for before, after in [("", ""), ("Before it. ", " After it!"), ("x\u2003", "\x1cy")]:
        whole = before + text + after
        python = S._vader_python(text, detail=False)[0]
        got = compiled.values(whole, len(before), len(before) + len(text))
        assert list(map(repr, got)) == [repr(python[k]) for k in ("compound", "pos", "neu",
                                                                   "neg")]
    with pytest.raises(IndexError):
        compiled.values(text, 0, len(text) + 1)
    with pytest.raises(TypeError):
        compiled.values(None, 0, 0)

# -- score_corpus() -------------------------------------------------------------------------

def test_score_corpus_equals_the_per_text_path_and_keeps_the_index():
    texts = ["The rescue was a great success.", None, ("Die Regierung hat eine Reform angekündigt, "
             "die morgen im Parlament beraten werden soll."), float("nan"), "",
             "Officials said the attack was horrific. Nobody was hurt."]
    df = pd.DataFrame({"body": texts, "outlet": list("abcdef")}, index=[10, 11, 12, 13, 14, 15])
    before = df.copy()
    out = S.score_corpus(df, text_col="body")
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == list(df.index)
    assert "sentiment_textblob_polarity" in out and "sentiment_textblob_subjectivity" in out
    for idx, text in zip(df.index, texts):
        if isinstance(text, str):
            expected = pd.Series(S.score(text).row(), dtype=object)
            got = out.loc[idx, list(expected.index)]
            for k in expected.index:
                a, b = expected[k], got[k]
                assert same(a, b), (idx, k)
        else:
            assert out.loc[idx].isna().all()


def test_score_corpus_on_a_series_and_bad_column():
    out = S.score_corpus(pd.Series(["Good news."], name="t"))
    assert out.shape[0] == 1
    with pytest.raises(FramingError, match="body"):
        S.score_corpus(pd.DataFrame({"text": ["x"]}), text_col="body")


def test_textblob_frame_is_textblob_alone():
    texts = pd.Series(["A terrible failure.", None, "Quite good!"], index=[3, 4, 5])
    out = S.textblob_frame(texts)
    assert list(out.index) == [3, 4, 5]
    assert tuple(out.loc[3]) == library_textblob("A terrible failure.")
    assert out.loc[4].isna().all()


# -- toward() -------------------------------------------------------------------------------

TARGETS = {"NATO": ["NATO", "the alliance"], "Russia": ["Russia", "Moscow", "Kremlin"],
           "US": ["US", "United States"]}


def test_toward_counts_mentions_by_sentence_with_evidence():
    text = ("NATO praised the brave defenders. The alliance said the support was a great success. "
            "The Kremlin denounced the attack as a brutal disaster. Let us wait and see. "
            "Russians and the United\nStates met.")
    r = S.toward(text, TARGETS)
    by = {t.target: t for t in r.targets}
    assert (by["NATO"].n_mentions, by["NATO"].n_sentences) == (2, 2)
    assert (by["Russia"].n_mentions, by["Russia"].n_sentences) == (1, 1)  # not "Russians"
    assert (by["US"].n_mentions, by["US"].n_sentences) == (1, 1)  # "United States", not "us"
    assert by["NATO"].tone > 0 > by["Russia"].tone
    mentions = [(e.text, e.subtype) for e in r.evidence if e.label == "target"]
    assert mentions == [("NATO", "NATO"), ("The alliance", "NATO"), ("Kremlin", "Russia"),
                        ("United\nStates", "US")]
    for e in r.evidence:
        assert text[e.start:e.end] == e.text
    assert any(e.label == "negative" and e.sentence == 2 for e in r.evidence)
    d = r.to_dict()
    assert d["targets"][0]["target"] == "NATO" and "evidence" in d


def test_toward_case_rules():
    text = "Tell us what the US wants. Nato says nato is fine."
    auto = {t.target: t.n_mentions for t in S.toward(text, {"US": ["US"], "NATO": ["Nato"]}).targets}
    assert auto == {"US": 1, "NATO": 1}  # a capitalized alias: capitalized mentions only
    # a long acronym also matches its British form; a name in capitals matches as a name
    text2 = ("NATO met. Nato agreed. Who knows? WHO spoke. He played his trump card. "
             "TRUMP WINS. Donald Trump spoke. O’Rourke came.")
    got = {t.target: t.n_mentions for t in S.toward(text2, {
        "NATO": ["NATO"], "WHO": ["WHO"], "Trump": ["Trump", "Donald Trump"],
        "Beto": ["O'Rourke"]}).targets}
    assert got == {"NATO": 2, "WHO": 1, "Trump": 2, "Beto": 1}
    lower = S.toward("The alliance met. the alliance agreed.", {"NATO": ["the alliance"]})
    assert lower.targets[0].n_mentions == 2
    sens = S.toward(text, {"NATO": ["Nato"]}, case="sensitive").targets[0]
    assert sens.n_mentions == 1
    insens = S.toward(text, {"US": ["US"]}, case="insensitive").targets[0]
    assert insens.n_mentions == 2
    with pytest.raises(ValueError, match="'auto', 'sensitive', 'insensitive'"):
        S.toward(text, TARGETS, case="upper")
    with pytest.raises(TypeError):
        S.toward(text, ["NATO"])


def test_toward_without_mentions_and_missing_text():
    r = S.toward("Nothing relevant here.", TARGETS)
    assert all(t.n_mentions == 0 and math.isnan(t.tone) for t in r.targets)
    for missing in (None, float("nan"), pd.NA):  # pd.NA raised NotACorpusError
        r = S.toward(missing, TARGETS)
        assert [t.target for t in r.targets] == list(TARGETS)
        assert all(math.isnan(t.tone) and math.isnan(t.n_mentions) for t in r.targets)


def test_score_with_targets_flattens_target_tone_into_the_row():
    text = "NATO praised the brave defenders. Moscow denounced the brutal attack."
    r = S.score(text, targets=TARGETS)
    row = r.row()
    t = S.toward(text, TARGETS)
    for tt in t.targets:
        assert row[f"sentiment_toward_{tt.target}_n_sentences"] == tt.n_sentences
        got, want = row[f"sentiment_toward_{tt.target}_tone"], tt.tone
        assert got == want or (math.isnan(got) and math.isnan(want))
    assert r.to_dict()["targets"][0]["target"] == "NATO"
    df = S.score_corpus(pd.Series([text, None]), targets=TARGETS)
    assert df.loc[0, "sentiment_toward_NATO_tone"] == row["sentiment_toward_NATO_tone"]
    assert math.isnan(df.loc[1, "sentiment_toward_Russia_tone"])
    assert "sentiment_toward_NATO_tone" not in S.score(text).row()


def test_toward_over_a_dataframe_is_tidy_and_equals_the_per_text_path():
    texts = ["Moscow hailed the talks as a success.", None, "NATO condemned the brutal attack."]
    df = pd.DataFrame({"text": texts}, index=pd.Index(["a", "b", "c"], name="id"))
    out = S.toward(df, TARGETS)
    assert list(out.columns[:3]) == ["target", "toward_n_mentions", "toward_n_sentences"]
    assert out.index.name == "id" and list(out.index) == ["a"] * 3 + ["b"] * 3 + ["c"] * 3
    for idx, text in zip(df.index, texts):
        rows = out.loc[[idx]]
        if text is None:
            assert rows.drop(columns="target").isna().all().all()
            continue
        expected = S.toward(text, TARGETS).frame()
        pd.testing.assert_frame_equal(rows.reset_index(drop=True), expected, check_dtype=False)


@pytest.mark.parametrize("text, better, worse", [
    ("NATO praised the plan, but Russia's attack was brutal.", "NATO", "Russia"),
    ("Russia's brutal attack was condemned, while NATO praised the brave defenders.", "NATO",
     "Russia"),
    ("Moscow hailed the brave volunteers; NATO's failure was a disgrace.", "Russia", "NATO"),
])
def test_toward_is_scoped_to_the_mention(text, better, worse):
    """Two targets in one sentence get different tones: the words near each mention, in its
    clause, count most (the whole-sentence tone would give both the same value)."""
    by = {t.target: t for t in S.toward(text, TARGETS).targets}
    assert by[better].n_sentences == by[worse].n_sentences == 1
    assert by[better].tone > by[worse].tone
    whole = S.score(text).sentences[0]
    assert by[better].vader_compound == by[worse].vader_compound == whole.vader_compound
    assert by[better].textblob_polarity == whole.textblob_polarity


def test_a_value_that_is_neither_text_nor_missing_is_refused():
    assert math.isnan(S.score(None).tone) and math.isnan(S.score(float("nan")).tone)
    with pytest.raises(TypeError, match=r"score\(\) takes one text .* not int"):
        S.score(42)
    with pytest.raises(TypeError, match=r"score\(\) takes one text .* not bytes"):
        S.score(b"Talks failed.")


def test_target_definitions_are_checked():
    text = "Trump spoke. Democrats objected."
    assert S.toward(text, {"Trump": None}).targets[0].n_mentions == 1  # no aliases: the name
    assert S.toward(text, {"Trump": []}).targets[0].n_mentions == 1
    with pytest.raises(ValueError, match="'Trump': an empty alias would match nothing"):
        S.toward(text, {"Trump": ["Trump", " "]})
    with pytest.raises(TypeError, match="aliases must be a string or a list of strings"):
        S.toward(text, {"Trump": 45})
    with pytest.raises(TypeError, match="exclude must be a string or a list of strings"):
        S.toward(text, {"Trump": {"aliases": "Trump", "exclude": 1}})
    with pytest.raises(ValueError, match="unknown key 'alias'"):
        S.toward(text, {"Trump": {"alias": "Trump"}})
    with pytest.raises(ValueError, match="'': an empty name"):
        S.toward(text, {"": ["Trump"]})


def test_toward_exclusions_drop_mentions_of_other_people_and_things():
    text = ("Trump spoke at Trump Tower. Ivanka Trump and Donald Trump Jr. listened. "
            "Donald Trump left.")
    plain = S.toward(text, {"Trump": ["Trump", "Donald Trump"]})
    assert plain.targets[0].n_mentions == 5
    excluded = S.toward(text, {"Trump": {"aliases": ["Trump", "Donald Trump"],
                                         "exclude": ["Trump Tower", "Ivanka Trump",
                                                     "Donald Trump Jr."]}})
    mentions = [e["text"] for e in excluded.to_dict()["evidence"] if e["label"] == "target"]
    assert mentions == ["Trump", "Donald Trump"]
    assert excluded.targets[0].n_sentences == 2
    # the name alone: no aliases key, the exclusion as one string
    alone = S.toward(text, {"Trump": {"exclude": "Trump Tower"}})
    assert alone.targets[0].n_mentions == 4
    # the row of the dict form equals the tidy frame over a Series
    df = S.toward(pd.Series([text]), {"Trump": {"exclude": ["Trump Tower", "Ivanka Trump"]}})
    assert df["toward_n_mentions"].tolist() == [3]
    with pytest.raises(TypeError, match="non-empty mapping"):
        S.toward(text, ["Trump"])
    # a mention that overlaps an excluded phrase is part of it, not only one inside it
    jr = S.toward(text, {"Trump": {"aliases": ["Trump", "Donald Trump"],
                                   "exclude": ["Trump Jr."]}})
    assert [e.text for e in jr.evidence if e.label == "target"] == [
        "Trump", "Trump", "Trump", "Donald Trump"]
    farmers = {"NATO": {"aliases": ["NATO", "the alliance"], "exclude": ["alliance of farmers"]}}
    assert S.toward("NATO met. The alliance of farmers met.", farmers).targets[0].n_mentions == 1


def test_toward_a_description_counts_only_in_a_text_that_names_the_target():
    """A lower-case alias ("the alliance") refers to the target only where the text names it:
    in AllSides articles that never name NATO, "the alliance" is another one (session 14)."""
    def mentions(text, targets, **kw):
        r = S.toward(text, targets, **kw)
        return [(e.text, e.subtype) for e in r.evidence if e.label == "target"]

    nato = {"NATO": ["NATO", "the alliance"]}
    assert mentions("The Alliance for Justice met. The alliance with Saudi Arabia held.",
                    nato) == []
    assert mentions("Nato met. The alliance agreed.", nato) == [("Nato", "NATO"),
                                                                 ("The alliance", "NATO")]
    # the name may come after the description, and the rule holds under every case rule
    assert len(mentions("The alliance agreed. NATO met.", nato)) == 2
    assert mentions("the alliance agreed.", nato, case="insensitive") == []
    assert len(mentions("the alliance agreed. nato met.", nato, case="insensitive")) == 2
    # a target given only descriptions keeps them all; "the Kremlin" is a name
    assert len(mentions("The alliance of farmers met.", {"NATO": ["the alliance"]})) == 1
    russia = {"Russia": ["the Kremlin", "the country"]}
    assert mentions("The country voted.", russia) == []
    assert len(mentions("The Kremlin spoke. The country voted.", russia)) == 2
    # an excluded phrase does not name the target
    trump = {"Trump": {"aliases": ["Trump", "the president"], "exclude": ["Trump Tower"]}}
    assert mentions("The president of the board met at Trump Tower.", trump) == []
    assert len(mentions("The president met Trump at Trump Tower.", trump)) == 2
    # the DataFrame path and score() follow the same rule
    texts = pd.Series(["The alliance of farmers met.", "NATO met. The alliance agreed."])
    assert S.toward(texts, nato)["toward_n_mentions"].tolist() == [0, 2]
    assert S.score(texts[0], targets=nato).row()["sentiment_toward_NATO_n_sentences"] == 0


def test_toward_evidence_is_per_target_and_adds_up():
    text = "NATO praised the plan, but Russia's attack was brutal. The weather was fine."
    r = S.toward(text, TARGETS)
    for e in r.evidence:
        assert text[e.start:e.end] == e.text
    assert not any(e.subtype == "tone" for e in r.evidence)  # the sentence's tone is not shown
    nato = {e.text: e.weight for e in r.evidence if e.subtype == "tone toward NATO"}
    russia = {e.text: e.weight for e in r.evidence if e.subtype == "tone toward Russia"}
    assert nato["praised"] > 0 and russia["brutal"] < 0
    assert nato["praised"] > russia.get("praised", 0.0)  # nearer to NATO, in its clause
    assert russia["brutal"] < nato.get("brutal", 0.0)
    assert all(e.sentence == 0 for e in r.evidence if e.subtype.startswith("tone toward"))


def test_toward_in_a_run_on_sentence_reads_the_mention_neighbourhood():
    """Past TOWARD_MAX_TOKENS, words far from the mention are not its context (so that text
    without sentence punctuation costs time linear in its length); the sentence-level values
    stay the whole sentence's."""
    def words(text):
        r = S.toward(text, {"T": ["Trump"]})
        return {e.text for e in r.evidence if e.subtype == "tone toward T"}

    tail = " and the plan was a horrible failure"
    filler = " ".join(["and the committee met on the day"] * 20)  # 140 tokens, no punctuation
    far = f"Trump praised the plan {filler}{tail}"
    assert len(S.score(far).sentences) == 1
    assert "horrible" in words(f"Trump praised the plan{tail}")
    assert "praised" in words(far) and "horrible" not in words(far)


def test_toward_reads_a_title_as_part_of_the_mention():
    """House style ("Mr. Trump", "President Trump") must not move the tone toward a target."""
    tones = {t: S.toward(f"{t} sent the letter to the committee.", {"T": ["Trump"]}).targets[0].tone
             for t in ("Trump", "Mr Trump", "Mr. Trump", "President Trump", "Sen. Trump")}
    assert len(set(tones.values())) == 1, tones


def test_toward_mean_over_mentions_and_sentences():
    one = "NATO praised the brave defenders."
    two = "The Kremlin denounced NATO as a brutal aggressor."
    a, b = (S.toward(t, TARGETS).targets[0].tone for t in (one, two))
    both = S.toward(one + " " + two, TARGETS).targets[0]
    assert both.n_sentences == 2 and both.tone == pytest.approx((a + b) / 2)
    twice = S.toward("NATO said NATO was strong.", TARGETS).targets[0]
    assert twice.n_mentions == 2 and twice.n_sentences == 1 and -1 <= twice.tone <= 1


def test_toward_without_a_toward_model_is_the_sentence_tone(tmp_path):
    """A tone model file without a "toward" part: tone toward a target is the mean tone of the
    sentences that mention it (the behaviour before target scoping)."""
    model = json.loads(read_data_text("sentiment", "tone_model.json"))
    assert model["toward"]["weights"]
    del model["toward"]
    path = tmp_path / "sentence_only.json"
    path.write_text(json.dumps(model))
    text = "NATO praised the plan, but Russia's attack was brutal. NATO met."
    r = S.toward(text, TARGETS, model=path)
    whole = S.score(text, model=path).sentences
    by = {t.target: t for t in r.targets}
    assert by["NATO"].tone == (whole[0].tone + whole[1].tone) / 2
    assert by["Russia"].tone == whole[0].tone
    assert any(e.subtype == "tone" for e in r.evidence)


# -- the toward part alone (what a store re-scores for new targets) ------------------------

#: Four targets, each with a kind of alias: names, a description, an acronym, exclusions.
MANY = {"Trump": {"aliases": ["Trump", "Donald Trump"], "exclude": ["Trump Tower"]},
        "Obama": ["Obama"], "NATO": ["NATO", "the alliance"],
        "Russia": ["Russia", "Moscow", "Kremlin"]}
_CLAUSE = "and officials from several capitals met again to discuss the plan in detail "
TOWARD_TEXTS = [
    "NATO praised the plan, but Russia's attack was brutal. NATO met. Obama said it was good.",
    "Nothing here names any of them. It was a quiet, pleasant day.",  # no mentions
    "Le gouvernement russe a critiqué l'OTAN et Moscou a annoncé une réforme des retraites.",
    "Donald Trump said Trump Tower was great :) and ( ! ) the alliance was \"terrible\".",
    "Trump won the year.They said Obama lost. The gay couple thanked NATO warmly.",
    # one sentence of over TOWARD_MAX_TOKENS (and TONE_MAX_TOKENS) tokens, mentions at both ends
    "NATO was praised " + _CLAUSE * 12 + "while Moscow was blamed for the brutal attack",
    ("Mr. Trump met President Obama. “Russia is a threat,” the Kremlin's critics said. "
     "The alliance (NATO) answered: never. Trump! Trump? TRUMP wins."),
    "",
]


def _same_tones(got, want):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        for field in ("target", "n_mentions", "n_sentences", "tone", "tone_zero_share",
                      "vader_compound", "textblob_polarity", "sentences"):
            assert same(getattr(a, field), getattr(b, field)), (a.target, field)


def test_a_sentence_scored_alone_equals_its_scores_in_the_whole_text():
    """Each sentence's TextBlob, VADER and tone depend on that sentence only: scored alone
    (the toward part's path) they equal what the whole text's pass gives, field by field."""
    tm = S._load_tone()
    checked = 0
    for text in [*TRICKY, *ODD_INPUTS, *TOWARD_TEXTS]:
        seg = segment(text)
        whole = S._score_seg(seg, tm, False)
        if whole.english is not True:
            continue
        for k, expected in enumerate(whole.sentences):
            got = S._sentence_sentiment(seg, k, tm)
            assert all(same(a, b) for a, b in zip(got, expected)), (text[:40], k)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("case", ["auto", "sensitive", "insensitive"])
@pytest.mark.parametrize("text", [*TOWARD_TEXTS, None, float("nan")])
def test_toward_tones_equal_the_targets_of_score(text, case):
    _same_tones(S.toward_tones(text, MANY, case=case),
                S.score(text, targets=MANY, case=case, evidence=False).targets)


def test_the_toward_texts_reach_the_long_sentence_rules_and_the_row_columns():
    ranges = segment(TOWARD_TEXTS[5]).sentence_token_ranges
    assert max(last - first for first, last in ranges) > S.TOWARD_MAX_TOKENS > S.TONE_MAX_TOKENS
    r = S.score(TOWARD_TEXTS[0], targets=MANY, evidence=False)
    columns = S.toward_columns(r.targets)
    row = {k: v for k, v in r.row().items() if k.startswith("sentiment_toward_")}
    assert list(columns) == list(row) and all(same(columns[k], row[k]) for k in row)
    assert len(columns) == 4 * 6 and not any(k.startswith("sentiment_toward_") for k in
                                             S.score(TOWARD_TEXTS[0]).row())


def test_toward_tones_without_a_toward_model_equal_score(tmp_path):
    model = json.loads(read_data_text("sentiment", "tone_model.json"))
    del model["toward"]
    path = tmp_path / "sentence_only.json"
    path.write_text(json.dumps(model))
    for text in TOWARD_TEXTS:
        _same_tones(S.toward_tones(text, MANY, model=path),
                    S.score(text, targets=MANY, model=path, evidence=False).targets)


def test_toward_tones_score_only_the_sentences_that_mention_a_target(monkeypatch):
    scored = []
    real = S._sentence_sentiment
    monkeypatch.setattr(S, "_sentence_sentiment",
                        lambda seg, k, tm: scored.append(k) or real(seg, k, tm))
    text = "It rained. NATO met. It rained again. Moscow and NATO talked. Then it was dry."
    tones = S.toward_tones(text, MANY)
    assert sorted(scored) == [1, 3]
    assert {t.target: t.sentences for t in tones} == {"Trump": (), "Obama": (), "NATO": (1, 3),
                                                      "Russia": (3,)}
    scored.clear()
    french = S.toward_tones("Le Kremlin et l'OTAN ont parlé de la guerre en Ukraine.", MANY)
    assert french[3].n_mentions == 1 and math.isnan(french[3].tone) and scored == []


@pytest.mark.shared
def test_toward_tones_equal_score_on_allsides_articles():
    for text in _allsides(150):
        _same_tones(S.toward_tones(text, MANY),
                    S.score(text, targets=MANY, evidence=False).targets)


# -- data, versions, user files ------------------------------------------------------------

def test_version_and_shipped_data():
    assert S.VERSION.startswith(S.CODE_VERSION + "+") and len(S.VERSION) > 6
    import yaml

    from framing.results import read_data_text

    manifest = yaml.safe_load(read_data_text("sentiment", "manifest.yaml"))
    assert {"version", "provenance", "citations", "licence", "files"} <= set(manifest)
    model = json.loads(read_data_text("sentiment", "tone_model.json"))
    assert model["weights"] and set(model["dense"]) == {"vader", "textblob"}
    cues = read_data_text("sentiment", "tone_cues.tsv").splitlines()
    assert cues[0].split("\t") == ["cue", "kind", "provenance"]
    assert all(len(line.split("\t")) == 3 and line.split("\t")[2] for line in cues[1:])


def test_identity_terms_carry_no_tone_of_their_own():
    # the model had learnt "man" +0.12 and "women" -0.08 from its training news; a sentence's
    # tone must not depend on which social group it describes
    from framing.results import read_data_text

    terms = {line.split("\t")[0] for line in read_data_text("sentiment", "identity_terms.tsv")
             .splitlines() if line and not line.startswith(("#", "term\t"))}
    assert {"man", "woman", "black", "muslims", "immigrants", "gay"} <= terms
    model = json.loads(read_data_text("sentiment", "tone_model.json"))
    weighted = {part.removeprefix("not_") for name in model["weights"] for part in name.split()}
    assert not terms & weighted
    assert not terms & set(model["toward"]["lexicon"]["words"])
    for a, b in (("man", "woman"), ("men", "women"), ("Muslim family", "Jewish family"),
                 ("immigrant", "migrant")):
        assert S.score(f"The {a} spoke at the event on Tuesday.").tone == \
            S.score(f"The {b} spoke at the event on Tuesday.").tone
    assert terms == S.identity_terms()


def test_neutral_reporting_words_carry_no_tone_of_their_own():
    # the model had learnt "said" +0.06 and "saying" -0.12, so an outlet's tone moved with how
    # much it quotes; the evaluative verbs ("claimed", "slammed") keep their weights
    from framing.results import read_data_text

    model = json.loads(read_data_text("sentiment", "tone_model.json"))
    words = set(model["reporting_words_without_weight"])
    assert {"said", "says", "told", "according", "added", "reported", "tweeted"} <= words
    assert not words & {"claimed", "denied", "slammed", "praised", "admitted"}
    weighted = {part.removeprefix("not_") for name in model["weights"] for part in name.split()}
    assert not words & weighted
    assert not words & set(model["toward"]["lexicon"]["words"])
    assert S.score("The plan will fail, he said.").tone == S.score("The plan will fail, he told.").tone


@pytest.mark.parametrize("group", ["gay", "black", "disabled", "blind", "straight"])
def test_identity_terms_the_libraries_score_do_not_move_the_tone(group):
    # TextBlob scores "gay" +0.42 and "black" -0.17, VADER "blind" -1.7: the libraries' values
    # stay theirs, but the tone (and the tone toward a target) reads them without those words
    text = f"The {group} man met the mayor at the event on Tuesday."
    plain = "The white man met the mayor at the event on Tuesday."  # scored by neither
    r, base = S.score(text), S.score(plain)
    assert (r.textblob_polarity, r.vader_compound) != (base.textblob_polarity, base.vader_compound)
    assert r.tone == base.tone
    assert S.score(text, targets={"Mayor": ["mayor"]}).targets[0].tone == \
        S.score(plain, targets={"Mayor": ["mayor"]}).targets[0].tone
    assert not any(group in e.text for e in r.evidence if e.subtype == "tone")
    assert S._dense_inputs(text, r.vader_compound, r.textblob_polarity) == \
        {"vader": base.vader_compound, "textblob": base.textblob_polarity}


def test_user_model_and_cues(tmp_path):
    model = tmp_path / "m.json"
    model.write_text(json.dumps({"config": {"bigrams": False}, "weights": {"splendid": 0.5,
                                 "not_splendid": -0.25}, "dense": {}}))
    cues = tmp_path / "c.tsv"
    cues.write_text("cue\tkind\tprovenance\nnot\tnegator\tmine\n")
    assert S.score("A splendid day.", model=model, cues=cues).tone == 0.5
    assert S.score("Not splendid.", model=model, cues=cues).tone == -0.25
    assert S.score("Nothing known.", model=model, cues=cues).tone_zero_share == 1.0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(FramingError, match="bad.json"):
        S.score("x", model=bad)
    badcues = tmp_path / "bad.tsv"
    badcues.write_text("cue\tkind\tprovenance\nnot\tnegation\tmine\n")
    with pytest.raises(FramingError, match="row 2"):
        S.score("x", cues=badcues)


def test_a_user_model_or_cue_file_that_cannot_serve_is_a_named_error(tmp_path):
    # a missing file was a bare FileNotFoundError, a folder an IsADirectoryError, a binary
    # file a UnicodeDecodeError; a JSON file without weights scored every sentence 0, silently
    cases = {"missing": tmp_path / "nope.json", "folder": tmp_path}
    (tmp_path / "latin1.json").write_bytes(b'{"weights": {"caf\xe9": 1}}')
    cases["not UTF-8"] = tmp_path / "latin1.json"
    for name, content in {"empty object": "{}", "no weights": '{"config": {}}',
                          "a list": "[1, 2]", "empty weights": '{"weights": {}}'}.items():
        cases[name] = tmp_path / f"{name.replace(' ', '_')}.json"
        cases[name].write_text(content)
    for name, path in cases.items():
        for call in (lambda p: S.score("It was a splendid win.", model=p),
                     lambda p: S.toward("Rome won.", {"Rome": "Rome"}, model=p),
                     lambda p: S.score_corpus(pd.Series(["x"]), model=p)):
            with pytest.raises(FramingError, match=str(path.name)) as info:
                call(path)
            assert "train_tone.py" in str(info.value), name
    with pytest.raises(FramingError, match="nope.tsv.*not found.*cue"):
        S.score("x", cues=tmp_path / "nope.tsv")


def test_a_user_model_rewritten_since_it_was_read_is_read_again(tmp_path):
    # a retrained model written to the same path kept its old weights for the session
    model = tmp_path / "m.json"
    model.write_text(json.dumps({"weights": {"splendid": 0.5}}))
    assert S.score("A splendid day.", model=model).tone == 0.5
    model.write_text(json.dumps({"weights": {"splendid": -0.75}}))
    assert S.score("A splendid day.", model=model).tone == -0.75


# -- the compiled tone total (framing._tone_c) ------------------------------------------------


def _tone_c():
    """``framing._tone_c``, or skip: not built, or ``FRAMING_PURE_PYTHON=1`` (models then keep
    the Python total)."""
    from framing._compiled import pure_python

    if pure_python():
        pytest.skip("FRAMING_PURE_PYTHON=1: the tone models use the Python total")
    return pytest.importorskip("framing._tone_c")


def _outcome(function, *args):
    """What ``function(*args)`` gives: ``("value", type, repr)`` (repr tells -0.0 and NaN
    apart) or ``("raises", exception type)``."""
    try:
        value = function(*args)
    except Exception as exc:  # noqa: BLE001  (the two paths must fail alike)
        return "raises", type(exc)
    return "value", type(value), repr(value)


def _tone_paths_agree(texts, with_evidence: bool = True) -> int:
    """Every sentence of ``texts`` gets the same tone from the compiled total, the Python method
    and the evidence path (``predict(features(...))``), and (``with_evidence``) :func:`score`
    gives the same tones with and without evidence; the number of sentences compared."""
    tm = S._load_tone()
    n = 0
    for text in texts:
        seg = segment(text)
        fast = S.score(seg, evidence=False)
        if with_evidence:
            assert [s.tone for s in S.score(seg).sentences] == [s.tone for s in fast.sentences]
        for s in fast.sentences:
            first, last = seg.sentence_token_ranges[s.index]
            dense = S._dense_inputs(text[s.start:s.end], s.vader_compound, s.textblob_polarity,
                                    seg.norm[first:last])
            want = S._ToneModel.total(tm, seg.norm, first, last, dense)
            assert _outcome(tm.total, seg.norm, first, last, dense) == \
                ("value", float, repr(want)), text[s.start:s.end]
            assert tm.predict(tm.features(seg.norm, first, last), dense)[0] == want
            n += 1
    return n


def test_compiled_tone_total_equals_the_python_method_on_the_sample_corpus():
    tone_c = _tone_c()
    from conftest import SAMPLE

    assert isinstance(S._load_tone().total.__self__, tone_c.ToneTotal)  # the C path is tested
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    assert _tone_paths_agree(texts + TRICKY + ODD_INPUTS) > 1000


@pytest.mark.shared
def test_compiled_tone_total_equals_the_python_method_on_allsides_articles():
    _tone_c()
    assert _tone_paths_agree(_allsides(300), with_evidence=False) > 10000


#: Tokens for every rule of the tone total: punctuation that breaks negation scope and bigrams
#: ("," "-" "“") and that does not ("'s" is a word; "…" "%" are not breaks), numbers, each cue
#: kind, a cue right after a negator, runs of the same word, non-ASCII and a lone surrogate.
_TONE_EDGE = ["the", "deal", "was", "not", "very", "good", ",", "but", "hardly", "bad", "-",
              "2019", "rally", "'s", "“", "slightly", "good", "…", "nothing", "good", "good",
              "good", "good", "yet", "a", "win", ".", "not", "%", "good", "très", "\ud800",
              "😀", "1.5", "never", "not", "bad", "bad", "despite", "very", "very", "good"]
_TONE_EDGE_WEIGHTS = {"good": 0.5, "not_good": -0.25, "bad": -0.5, "not_bad": 0.125,
                      "<num>": 0.01, "deal was": 0.2, "very good": 0.3, "good good": 0.7,
                      "win": 2, "a win": -1, "<num> rally": 0.0, "très": 0.1, "😀": 0.3,
                      "not_bad bad": 5.0, "bad bad": -0.3, "very": 0.0, "very very": -0.0}
_TONE_EDGE_CUES = {"not": "negator", "never": "negator", "nothing": "negator",
                   "hardly": "negator", "but": "contrast", "yet": "contrast",
                   "despite": "contrast", "very": "intensifier", "slightly": "diminisher"}


def test_compiled_tone_total_follows_every_rule_as_the_python_method():
    tone_c = _tone_c()
    from types import MappingProxyType

    dense_inputs = [{"vader": 0.3, "textblob": -0.2}, {}, {"vader": 0.0, "textblob": 0},
                    {"vader": 3, "textblob": -0.5}, MappingProxyType({"vader": 0.25})]
    n = len(_TONE_EDGE)
    spans = [(a, b) for a in range(0, n, 3) for b in range(a, n + 1, 4)] + [(0, n), (5, 2)]
    # an infinite intensifier: a zero weight after it must be skipped (0 * inf is NaN)
    configs = itertools.product([0, 1, 3, 10**30, -2], [1.0, 1.5], [1.0, 2.0, math.inf],
                                [1.0, 0.5], [True, False])
    compared = 0
    for window, after, intensifier, diminisher, bigrams in configs:
        config = {"negation_window": window, "contrast_after": after,
                  "intensifier": intensifier, "diminisher": diminisher, "bigrams": bigrams}
        tm = S._ToneModel({"config": config, "weights": _TONE_EDGE_WEIGHTS,
                           "dense": {"vader": 0.5, "textblob": 1}}, _TONE_EDGE_CUES, "edge")
        assert isinstance(tm.total.__self__, tone_c.ToneTotal)  # each model its own
        for (a, b), dense in itertools.product(spans, dense_inputs):
            got = _outcome(tm.total, _TONE_EDGE, a, b, dense)
            assert got == _outcome(S._ToneModel.total, tm, _TONE_EDGE, a, b, dense), \
                (config, a, b, dense)
            assert got[0] == "value"
            compared += 1
    assert compared > 5000


def test_compiled_tone_total_fails_and_clips_as_the_python_method():
    _tone_c()
    weights = {"good": 0.5, "huge": 10**400, "text": "oops", "nan": float("nan"),
               "neg": -0.0, "bool": True, "many": 0.75}
    tm = S._ToneModel({"weights": weights, "dense": {"vader": 2, "textblob": math.inf}}, {}, "odd")
    cases = [(["good"], 0, 1), (["huge"], 0, 1), (["text"], 0, 1), (["nan", "good"], 0, 2),
             (["neg"], 0, 1), (["bool", "good"], 0, 2), (["many"] * 3, 0, 3),
             (["good", ""], 0, 2), (["good", None], 0, 2), (["good", ["a"]], 0, 2),
             (["good"], 0, 2), (("good", "many"), -2, 2), (["good"], -1, 1), ([], 0, 0),
             (["many", "good"] * 5000, 0, 10000), (["good"], 1, 0)]
    seen = set()
    dense_inputs = [{"vader": -0.6, "textblob": 0.0}, {"vader": 3}, {}, {"textblob": -0.5}]
    for (norm, a, b), dense in itertools.product(cases, dense_inputs):
        want = _outcome(S._ToneModel.total, tm, norm, a, b, dense)
        assert _outcome(tm.total, norm, a, b, dense) == want, (norm[:3], a, b, dense)
        seen.add(want[:2])
    assert {("raises", IndexError), ("raises", OverflowError), ("raises", TypeError),
            ("value", float)} <= seen


def _fresh_tone_models(spec=None, cues=None):
    """Two new tone models with empty token caches (the shipped ones by default)."""
    spec = spec or json.loads(read_data_text("sentiment", S.MODEL_FILE))
    cues = cues or S._read_cues(read_data_text("sentiment", S.CUES_FILE), "shipped")
    return S._ToneModel(spec, cues, "a"), S._ToneModel(spec, cues, "b")


def _assert_tone_tokens_both_ways(tokens, spec=None, cues=None) -> dict:
    """Each token's tuple from the compiled ``token`` equals :meth:`_ToneModel._token`'s, and
    the two caches they fill are equal; the Python model's cache."""
    python, compiled = _fresh_tone_models(spec, cues)
    c_token = compiled.total.__self__.token
    for w in tokens:
        if isinstance(w, str) and w:
            assert c_token(w) == python._token(w), w
        else:  # the same exception (or value)
            assert _outcome(c_token, w)[:2] == _outcome(python._token, w)[:2], w
    assert compiled._tokens == python._tokens
    return python._tokens


def test_compiled_tone_tokens_equal_python_on_the_sample_corpus_and_rules():
    _tone_c()
    texts = _sample_texts() + TRICKY + ODD_INPUTS + TEXTBLOB_RULES
    tokens = [w for t in texts for w in segment(t).norm]
    odd = ["", "'", "''s", "'s", "-", "—", "“", "…", "%", "2019", "٣", "²", "½x", "x", "\ud800",
           "😀", "très", "ǅ", "1.5", "_a", "a_", None, 3, ["a"], ("a",), b"ab"]
    cache = _assert_tone_tokens_both_ways(tokens + _TONE_EDGE + odd)
    assert any(info[4] is not None for info in cache.values())  # weighted words were met
    assert any(info[1] for info in cache.values()) and any(info[6] for info in cache.values())
    _assert_tone_tokens_both_ways(_TONE_EDGE + odd, {"weights": _TONE_EDGE_WEIGHTS},
                                  _TONE_EDGE_CUES)


def test_compiled_tone_tokens_are_not_kept_by_a_full_cache(monkeypatch):
    _tone_c()
    monkeypatch.setattr(S, "_CACHE_MAX", 4)
    assert len(_assert_tone_tokens_both_ways(_TONE_EDGE)) == 4


def test_compiled_tone_total_makes_the_tokens_in_c(monkeypatch):
    _tone_c()
    python, _ = _fresh_tone_models()
    seg = segment(TRICKY[0] + " " + _sample_texts()[0])
    dense = {"vader": 0.25, "textblob": -0.5}
    want = S._ToneModel.total(python, seg.norm, 0, len(seg.norm), dense)
    monkeypatch.setattr(S._ToneModel, "_token", lambda self, w: pytest.fail("Python _token"))
    _, compiled = _fresh_tone_models()
    assert compiled.total(seg.norm, 0, len(seg.norm), dense) == want
    assert compiled._tokens == python._tokens and len(python._tokens) > 20


@pytest.mark.shared
def test_compiled_tone_tokens_equal_python_on_300_allsides_articles():
    _tone_c()
    _assert_tone_tokens_both_ways([w for t in _allsides(300) for w in segment(t or "").norm])


def test_compiled_cache_entries_are_untracked_by_the_collector_unless_they_hold_a_container():
    """The caches fill with hundreds of thousands of tuples on a corpus's first articles; made
    untracked (as CPython's collector itself untracks a tuple of untracked items when it meets
    it), they do not drive the collector into full collections over the whole process."""
    import gc

    compiled = pytest.importorskip("framing._textblob_c")
    _tone_c()
    _P, _Q, chunker = _fresh_pattern_and_chunker(compiled)
    entry = chunker("(Terribly-good),")
    assert entry[0] and not any(map(gc.is_tracked, [entry, *entry[0], *(c for c, _w in entry[0]
                                                                        if c is not None)]))
    vader = _compiled_vader()
    vader_entry = vader.info("Qwertyuiop-GOOD!!")
    assert vader_entry == S._vader_info("Qwertyuiop-GOOD!!", *S._vader()[:2])
    assert not gc.is_tracked(vader_entry)
    _, tm = _fresh_tone_models()
    token = tm.total.__self__.token
    assert token("the")[6] and not any(map(gc.is_tracked, [token(","), token("the")]))
    odd = S._ToneModel({"weights": {"good": [0.5], "bad": -0.5}}, {}, "odd").total.__self__
    assert gc.is_tracked(odd.token("good"))  # holds a list: left to the collector
    assert not gc.is_tracked(odd.token("bad"))


def test_the_tone_total_is_python_where_it_is_not_compiled(monkeypatch):
    for config in ({"contrast_before": 0.5}, {"length_norm": "sqrt"}):  # left to predict()
        tm = S._ToneModel({"config": config, "weights": _TONE_EDGE_WEIGHTS}, _TONE_EDGE_CUES, "")
        assert tm.total.__func__ is S._ToneModel.total
        assert tm.total(_TONE_EDGE, 0, 20, {}) == tm.predict(tm.features(_TONE_EDGE, 0, 20), {})[0]
    monkeypatch.setenv("FRAMING_PURE_PYTHON", "1")
    tm = S._ToneModel({"weights": _TONE_EDGE_WEIGHTS}, _TONE_EDGE_CUES, "pure")
    assert tm.total.__func__ is S._ToneModel.total


def test_toward_model_formats():
    """A linear toward part (weights name -> number, no intercept) still predicts a clipped
    weighted sum; the shipped part is logistic + trees with an induced lexicon, and its
    exported trees give one value per feature vector."""
    lin = S._TowardModel({"weights": {"k:good": 2.0, "q:in": -0.5}})
    tone, contrib = lin.predict([("k:good", 0.3, 1, 2), ("q:in", 1.0, -1, -1)])
    assert tone == pytest.approx(0.1) and [c[3] for c in contrib] == ["k:good", "q:in"]
    shipped = S._load_tone().toward
    assert shipped.logistic and shipped.trees and 0 < shipped.blend < 1
    assert set(shipped.lexicon_names) == {"ev", "et", "ew"} and len(shipped.lexicon) > 10_000
    feats = [("d:tone", -0.8, -1, -1), ("d:vader", -0.7, -1, -1)]
    tone, contrib = shipped.predict(feats, contributions=False)
    assert -1 <= tone < 0 and contrib == []


#: Sentences for the toward model's two paths: quotations, titles, negators, clause breaks,
#: pronouns, possessives, numbers, identity terms, curly apostrophes, several mentions in one
#: sentence and one past TOWARD_MAX_TOKENS.
SCOPED_TEXTS = [
    "NATO praised the plan, but Russia's brutal attack was not a success.",
    "“The alliance is strong and united,” President Trump said on Tuesday; Moscow disagreed.",
    "According to Obama, the US economy added 200,000 jobs, a great win for workers.",
    ("He said NATO, which the Kremlin hates, never failed the gay and Muslim soldiers it "
     "protects — though critics called NATO’s leaders weak."),
    ("Mr. Trump and Sen. Obama met Russia's Putin; they didn’t agree, and neither praised "
     "the awful deal."),
    "Trump praised the plan " + " ".join(["and the committee met on the day"] * 20)
    + " and the plan was a horrible failure with Russia",
    "Russia. NATO! The United States?",
]
SCOPED_TARGETS = {"NATO": ["NATO", "the alliance"], "Russia": ["Russia", "Moscow", "Kremlin"],
                  "US": ["US", "United States"], "Trump": ["Trump"], "Obama": ["Obama"]}


def _scoped_reference(seg, k, spans, sentence, tm, base, evidence=True):
    """The tone toward mentions as computed before the toward model's tables (session 17):
    the named features, then ``predict`` over them."""
    first, last = seg.sentence_token_ranges[k]
    dense = {**S._dense_inputs(seg.text[sentence.start:sentence.end], sentence.vader_compound,
                               sentence.textblob_polarity, seg.norm[first:last]),
             "tone": sentence.tone}
    tones, per_span = [], {}
    for span in spans:
        tone, contrib = tm.toward.predict(S._mention_features(seg, k, span, dense, tm, tm.toward,
                                                              base), evidence)
        tones.append(tone)
        for c, a, b, _name in contrib:
            if a >= 0:
                per_span[(a, b)] = per_span.get((a, b), 0.0) + c / len(spans)
    return S._mean(tones), [(c, a, b, "") for (a, b), c in per_span.items()]


def _toward_model_variants():
    spec = json.loads(read_data_text("sentiment", S.MODEL_FILE))["toward"]
    plain = {**spec, "config": {**spec["config"], "extra": False}}
    return S._TowardModel(spec), S._TowardModel(plain)


@pytest.mark.parametrize("text", SCOPED_TEXTS)
def test_toward_tables_give_exactly_the_named_features_tone(text):
    """``_TowardModel.scoped`` (load-time tables, the shared sentence context) gives exactly
    ``predict(features(...))``: the same tone and the same contributions per token span, to the
    last bit, for the shipped model and for one without the ``extra`` features."""
    tm = S._load_tone()
    seg = segment(text)
    result = S._score_seg(seg, tm, False)
    for tw in _toward_model_variants():
        base: dict = {}
        for name, matcher in S._compiled(SCOPED_TARGETS, "auto"):
            for span in S._mentions(text, matcher):
                k = seg.sentence_of(span[0])
                sentence = result.sentences[k]
                dense = {**S._dense_inputs(text[sentence.start:sentence.end],
                                           sentence.vader_compound, sentence.textblob_polarity),
                         "tone": sentence.tone}
                want_tone, contrib = tw.predict(S._mention_features(seg, k, span, dense, tm, tw,
                                                                    base))
                want = {}
                for c, a, b, _name in contrib:
                    if a >= 0:
                        want[(a, b)] = want.get((a, b), 0.0) + c / 3
                fi, la, ma, mb, contributions = S._mention_range(
                    seg, k, span, S._sentence_parts(seg, k, tm, base).contributions)
                ctx = tw.context(seg.norm, seg.tokens, fi, la, contributions)
                in_q, has_q = S._in_quote(seg, k, span[0])
                got = {}
                assert tw.scoped(ctx, ma, mb, dense, in_q, has_q, got, 3) == want_tone, name
                assert tw.scoped(ctx, ma, mb, dense, in_q, has_q) == want_tone
                assert list(got.items()) == list(want.items())


def test_toward_tables_give_exactly_the_reference_results(monkeypatch):
    """toward() and score(targets=) through the tables and the per-sentence cache equal the
    reference computation field by field (floats compared with ==), evidence included."""
    text = " ".join(SCOPED_TEXTS[:5] + ["NATO and Russia met; NATO spoke first, Russia later."])
    got = (S.toward(text, SCOPED_TARGETS).to_dict(),
           S.toward(text, SCOPED_TARGETS, evidence=False).to_dict(),
           S.score(text, targets=SCOPED_TARGETS).to_dict())
    monkeypatch.setattr(S, "_scoped_tone", _scoped_reference)
    want = (S.toward(text, SCOPED_TARGETS).to_dict(),
            S.toward(text, SCOPED_TARGETS, evidence=False).to_dict(),
            S.score(text, targets=SCOPED_TARGETS).to_dict())
    assert got == want
    assert sum(t["n_mentions"] for t in got[0]["targets"]) > 15
    assert any(e["subtype"] == "tone toward NATO" for e in got[0]["evidence"])


def test_toward_trees_as_code_give_the_walks_sum():
    """The trees compiled to nested ifs give exactly the sum of walking their node lists,
    inputs on a threshold included (``<=`` goes left)."""
    tw = S._load_tone().toward
    walk = tw._trees_as_code()
    rng = random.Random(17)
    n = len(tw.tree_features)
    for _ in range(2000):
        x = [rng.choice([0.0, rng.gauss(0, 0.3), rng.gauss(0, 2)]) for _ in range(n)]
        feat, thr, *_ = rng.choice(tw.trees)
        k = rng.randrange(len(feat))
        if feat[k] >= 0:
            x[feat[k]] = thr[k]
        assert walk(x) == tw._walk_trees(x)
    bad = S._TowardModel({"intercept": [0.0, 0.0], "blend": 0.5, "trees": {
        "features": ["d:tone"], "baseline": 0.0,
        "trees": [[[0, -1, -1], [float("nan"), 0.0, 0.0], [1, -1, -1], [2, -1, -1],
                   [0.0, -0.5, 0.5]]]}})
    assert bad._trees_as_code() is None  # no literal for NaN: the node lists are walked
    assert bad.predict([("d:tone", 1.0, -1, -1)])[0] == 0.25


def test_a_run_on_sentence_is_scored_in_parts_not_summed_to_the_bound():
    # twenty neutral clauses in one "sentence" summed many small weights to -1.0
    clause = "the committee said the meeting was held on Tuesday"
    run_on = " and ".join([clause] * 20) + "."
    r = S.score(run_on)
    assert len(r.sentences) == 1 and r.vader_compound == 0.0
    assert -0.5 < r.tone < 0  # not at the bound
    assert S.score(run_on, evidence=False).tone == r.tone  # both paths agree
    # each part's words count 1/parts: here no word reaches the evidence threshold on its own
    assert not [e for e in r.evidence if e.subtype == "tone"]
    short = S.score(clause + ".")
    assert short.tone == S.tone_sentences(clause + ".")[0]  # short sentences: unchanged path


# -- the per-article sentence loop in C (ToneTotal.sentences, _vader_c.values) ----------------


def _sentence_loop():
    """The shipped model's compiled sentence loop, or skip (not built, or pure Python)."""
    _tone_c()
    _compiled_vader()
    loop = S._sentence_loop(S._load_tone())
    assert loop is not None
    return loop


def _exact(result) -> str:
    """A result to the last bit: its repr (each float's sign and last digit, NaN as nan)."""
    return repr(result)


def _loop_equals_python(texts, tm=None) -> int:
    """The compiled loop's result equals :func:`_score_seg_values`'s, exactly, for each English
    text of ``texts`` (the sentences of the SentenceSentiment type); the sentences compared."""
    tm = tm or S._load_tone()
    loop = S._sentence_loop(tm)
    assert loop is not None
    n = 0
    for text in texts:
        seg = segment(text)
        if not seg.english:
            continue
        python = S._score_seg_values(seg, tm)
        compiled = S._score_seg_compiled(seg, tm, loop)
        assert _exact(compiled) == _exact(python), text[:60]
        assert compiled == python or python.n_sentences == 0  # NaN means are not ==
        assert all(type(s) is S.SentenceSentiment for s in compiled.sentences)
        n += len(python.sentences)
    return n


#: one text per case the loop tells apart: no sentence, one, identity terms (the libraries'
#: lexicons hold "gay", "black"; TextBlob holds "white" at 0), a run-on over TONE_MAX_TOKENS
#: with and without an identity term, exactly TONE_MAX_TOKENS tokens, emoji (the library's
#: VADER), non-ASCII, white space VADER splits on ("\x1c" and "\u2003" too), -0.0 and zeros
LOOP_CASES = [
    "", "Good.", "The plan failed.", "The gay couple married. The black cat ran. Fine.",
    "White men and white women voted. Nothing else happened.",
    "good bad " * 60 + "end", "the gay and the good " * 30 + ". Short one.",
    " ".join(["word"] * (S.TONE_MAX_TOKENS - 1)) + ".", " ".join(["nice"] * S.TONE_MAX_TOKENS),
    "Catch 💘 and 😁 good. A :) smile!", "Très bien, the café was great. Ça va?",
    "Good\x1cnews\u2003and\u00a0bad\x0bnews. Not\x1fgood.", "No. Not. Never!!!! Really???",
    "The women were happy but the men were not. The Muslims and the Jews met.",
]


def test_compiled_sentence_loop_equals_python_on_the_sample_corpus_and_edge_cases():
    _sentence_loop()
    texts = _sample_texts() + LOOP_CASES + TRICKY + ODD_INPUTS + TEXTBLOB_RULES + VADER_CASES
    assert _loop_equals_python(texts) > 1000


def test_compiled_sentence_loop_is_what_score_uses():
    _sentence_loop()
    tm = S._load_tone()
    seg = segment(LOOP_CASES[3])
    called = []
    real = S._sentence_tone
    try:
        S._sentence_tone = lambda *args: called.append(args[3]) or real(*args)
        r = S.score(seg, evidence=False)
    finally:
        S._sentence_tone = real
    assert _exact(r) == _exact(S._score_seg_values(seg, tm))
    assert called == [0, 1]  # Python is called back for the identity-term sentences only


def test_compiled_sentence_loop_calls_python_back_for_identity_terms_and_run_ons_only():
    loop = _sentence_loop()
    tm = S._load_tone()
    for text in LOOP_CASES:
        seg = segment(text)
        if not seg.english:
            continue
        called = []
        tb = S._textblob_values(seg)[2]

        def slow(k, compound, polarity, seg=seg, called=called):
            called.append(k)
            return S._sentence_tone(seg, tm, S._textblob_values(seg)[3], k, compound, polarity)

        loop(seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, tb,
             S._identity_words(), S.SentenceSentiment, slow, S.TONE_MAX_TOKENS)
        want = [k for k, (first, last) in enumerate(seg.sentence_token_ranges)
                if last - first > S.TONE_MAX_TOKENS
                or not S._identity_words().isdisjoint(seg.norm[first:last])]
        assert called == want, text[:40]


def test_compiled_sentence_loop_with_an_odd_model_equals_python():
    """Dense inputs the loop does not make (a name other than vader/textblob, none at all),
    int and odd weights (Python's own arithmetic), every rule of the total."""
    _sentence_loop()
    texts = LOOP_CASES + TRICKY + [" ".join(_TONE_EDGE[:31]) + ". " + " ".join(_TONE_EDGE)]
    for dense in ({"vader": 0.5, "textblob": 1, "other": 2.0}, {}, {"textblob": math.inf},
                  {"vader": -3}):
        tm = S._ToneModel({"weights": _TONE_EDGE_WEIGHTS, "dense": dense}, _TONE_EDGE_CUES, "odd")
        assert _loop_equals_python(texts, tm) > 20


def test_compiled_sentence_loop_leaves_the_means_to_python_where_a_value_is_not_a_float():
    _sentence_loop()
    tm = S._ToneModel({"weights": {"good": 10**400}}, {}, "huge")  # the tone is an OverflowError
    seg = segment("Good. Bad.")
    assert _outcome(S._score_seg_compiled, seg, tm) == _outcome(S._score_seg_values, seg, tm)
    loop = S._sentence_loop(S._load_tone())
    tb = S._textblob_values(seg)[2]
    sentences, means = loop(seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, tb,
                            frozenset(), S.SentenceSentiment, lambda *a: 1, 0)
    assert means is None and [s.tone for s in sentences] == [1, 1]  # the slow path's int
    sentences, means = loop(seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, tb,
                            frozenset(), S.SentenceSentiment, lambda *a: 0.5, 0)
    assert means is None or means[6] == 0.5


def test_compiled_sentence_loop_rejects_what_it_cannot_read():
    loop = _sentence_loop()
    seg = segment("Good news. Bad news.")
    tb = S._textblob_values(seg)[2]
    args = [seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, tb,
            S._identity_words(), S.SentenceSentiment, lambda *a: 0.0, S.TONE_MAX_TOKENS]
    assert loop(*args)[0] == S._score_seg_values(seg, S._load_tone()).sentences
    for i, bad in [(0, None), (0, b"Good"), (2, None), (2, [(0, 1, 2)]), (2, [(0, 10**30)]),
                   (2, [(5, 2)]), (2, [(0, 999)]), (3, [None, None]), (3, [(0, 50)]),
                   (4, [(0.5,)]), (5, ["gay"]), (6, dict), (6, int), (7, None), (8, "80")]:
        broken = list(args)
        broken[i] = bad
        with pytest.raises((TypeError, IndexError, OverflowError, ValueError)):
            loop(*broken)
            pytest.fail(f"argument {i}: {bad!r}")
    with pytest.raises(TypeError):
        loop(*args[:8])
    # zip(): the shortest of the three sequences
    assert len(loop(*args[:4], tb[:1], *args[5:])[0]) == 1


def _chunker_with_vader_infos():
    """A fresh _Pattern and a Chunker over the empty caches of another, which keeps VADER's
    info on each entry it makes (as the suite's chunker does, S._chunker_vader_infos)."""
    compiled = pytest.importorskip("framing._textblob_c")
    vader = _compiled_vader()
    P, Q, chunker = _fresh_pattern_and_chunker(compiled)
    assert chunker.vader_info is None
    chunker.vader_info = vader.info
    return compiled, vader, P, Q, chunker


def test_compiled_chunk_entries_hold_vaders_info_when_asked():
    _compiled_vader, vader, P, _Q, chunker = _chunker_with_vader_infos()
    chunks = [c for t in _sample_texts()[:20] + TRICKY + VADER_CASES for c in t.split()]
    for chunk in chunks + CHUNK_CASES[:-1]:  # not "": no white-space chunk is empty
        entry = chunker(chunk)
        assert entry[:6] == P._chunk(chunk) and entry[6] == vader.info(chunk), chunk
        assert chunker(chunk) is entry  # cached, with its info
    chunker.vader_info = lambda chunk: 1 / 0  # an error making the info is raised
    with pytest.raises(ZeroDivisionError):
        chunker("Vexworthiest")


def test_compiled_sentence_loop_reads_vaders_infos_from_the_chunk_entries():
    """values() hands on each sentence's chunk infos (None for an entry without one); the loop's
    VADER reads them instead of its token cache: the same result to the last bit, also when
    the infos are wrong (they are read, not looked up)."""
    loop = _sentence_loop()
    compiled, vader, P, Q, chunker = _chunker_with_vader_infos()
    Q.chunks.update({c: P._chunk(c) for c in ("Good.", "plan")})  # entries without an info
    texts = LOOP_CASES + TRICKY + VADER_CASES + _sample_texts()[:30]
    for text in texts:
        seg = segment(text)
        infos = []
        got = compiled.values(seg.text, seg.sentences, Q.chunks, Q.pairs, Q.eos, chunker,
                              Q.rewrites, lambda t: chunker.items(Q.library_words(t)), infos)
        assert got == compiled_values(compiled, seg), text[:40]
        chunks = [c for s, e in seg.sentences for c in seg.text[s:e].split()]
        assert infos == [None if c in ("Good.", "plan") else vader.info(c) for c in chunks]
        args = [seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, got[2],
                S._identity_words(), S.SentenceSentiment,
                lambda k, c, p, seg=seg: S._sentence_tone(seg, S._load_tone(),
                                                          S._textblob_values(seg)[3], k, c, p),
                S.TONE_MAX_TOKENS]
        assert _exact(loop(*args, infos)) == _exact(loop(*args)) == _exact(loop(*args, None))
    seg = segment("Good news. Bad news.")
    tb = S._textblob_values(seg)[2]
    args = [seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, tb,
            S._identity_words(), S.SentenceSentiment, lambda *a: 0.0, S.TONE_MAX_TOKENS]
    neutral = vader.info("Vexworthy")  # no valence: the first sentence reads as neutral
    sentences = loop(*args, [neutral, vader.info("news."), None, None])[0]
    assert (sentences[0].vader_compound, sentences[1].vader_compound) == (
        0.0, S.vader_scores("Bad news.")["compound"])
    with pytest.raises(RuntimeError, match="fewer token infos"):
        loop(*args, [None, None, None])
    with pytest.raises(ValueError, match="more infos"):
        loop(*args, [None] * 5)
    for infos in ((None,) * 4, "abcd"):
        with pytest.raises(TypeError, match="a list or None"):
            loop(*args, infos)
        with pytest.raises(TypeError, match="a list or None"):  # also with no sentence to read
            loop(*args[:2], [], [], [], *args[5:], infos)
    with pytest.raises(TypeError):
        compiled_values_with = compiled.values(seg.text, seg.sentences, Q.chunks, Q.pairs,
                                               Q.eos, chunker, Q.rewrites, Q.library_items, ())
        pytest.fail(f"a tuple for the infos: {compiled_values_with!r}")


@pytest.mark.shared
def test_compiled_sentence_loop_equals_python_on_300_allsides_articles():
    _sentence_loop()
    assert _loop_equals_python([t or "" for t in _allsides(300)]) > 10000
