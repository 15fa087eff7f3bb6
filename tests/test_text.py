"""framing.text: segmentation of news text and phrase matching."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import text as text_module
from framing.text import PhraseMatcher, segment, tokenize


def sentences(text):
    seg = segment(text)
    return [seg.sentence_text(i) for i in range(len(seg.sentences))]


@pytest.mark.parametrize("text, expected", [
    ("Gen. Rolf Ekdahl arrived. He spoke briefly.", ["Gen. Rolf Ekdahl arrived.", "He spoke briefly."]),
    ("The U.S. and the U.K. agreed. Talks resume Dec. 4 in Aldermoor.",
     ["The U.S. and the U.K. agreed.", "Talks resume Dec. 4 in Aldermoor."]),
    ("Aid came from the U.S. The rest came later.", ["Aid came from the U.S.", "The rest came later."]),
    ("Dr. Maren Tolle and Prof. Jonas Fairley disagreed.", ["Dr. Maren Tolle and Prof. Jonas Fairley disagreed."]),
    ("John F. Kennedy spoke. Then he left.", ["John F. Kennedy spoke.", "Then he left."]),
    ("Prices rose 3.5 percent. Analysts were surprised!", ["Prices rose 3.5 percent.", "Analysts were surprised!"]),
    ('"Why now?" she asked. Nobody answered.', ['"Why now?" she asked.', "Nobody answered."]),
    ("“We will act. Nobody can stop us,” he said.", ["“We will act.", "Nobody can stop us,” he said."]),
    ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
    ("Sens. Mitt Rowe and Chris Murr agreed. Reps. Ann Lo and Tom Bly did not.",
     ["Sens. Mitt Rowe and Chris Murr agreed.", "Reps. Ann Lo and Tom Bly did not."]),
    ("The ruling in Roe v. Wade stood. Then came Janus v. AFSCME.",
     ["The ruling in Roe v. Wade stood.", "Then came Janus v. AFSCME."]),
    # scraped text often drops the space after a sentence end
    ("Rates rose in 2017.The bank waited.Analysts agreed.",
     ["Rates rose in 2017.", "The bank waited.", "Analysts agreed."]),
    ('It went to Tillis."We have one," he said.”Next came.Then more.',
     ["It went to Tillis.", '"We have one," he said.”', "Next came.", "Then more."]),
    ("Write to Dan.Molinski@wsj.com or LaBrea.Media, said Rep.Tlaib on Sunday.",
     ["Write to Dan.Molinski@wsj.com or LaBrea.Media, said Rep.Tlaib on Sunday."]),
])
def test_sentence_splitting_handles_news_text(text, expected):
    assert sentences(text) == expected


def test_headlines_and_bullets_are_their_own_sentences():
    text = ("Compact invites Veldania to talks\n\nThe summit ended.\n- Air defence for Kharn\n"
            "- A training mission\n• Gas fund agreed\nThe text goes on")
    assert sentences(text) == ["Compact invites Veldania to talks", "The summit ended.",
                               "- Air defence for Kharn", "- A training mission",
                               "• Gas fund agreed", "The text goes on"]


def test_wrapped_lines_are_joined():
    text = "The alliance said it would\nconsider the request. Others disagreed."
    assert sentences(text) == ["The alliance said it would\nconsider the request.", "Others disagreed."]


def test_paragraphs_and_sentence_paragraph_index():
    seg = segment("One. Two.\n\nThree.\n\n\n  Four.")
    assert [seg.text[s:e] for s, e in seg.paragraphs] == ["One. Two.", "Three.", "Four."]
    assert seg.sentence_paragraph == [0, 0, 1, 2]


def test_quotes_straight_curly_and_across_paragraphs():
    text = ('He said "we may act" today. She said “not yet.”\n\n'
            '“The first paragraph of a long quote.\n\n'
            '“And its second paragraph,” Halvorsen said.\n\nAfter.')
    seg = segment(text)
    quoted = [text[s:e] for s, e in seg.quotes]
    assert quoted == ['"we may act"', "“not yet.”",
                      "“The first paragraph of a long quote.\n\n“And its second paragraph,”"]
    assert seg.in_quote(text.index("may"))
    assert not seg.in_quote(text.index("Halvorsen"))
    assert not seg.in_quote(text.index("After"))


def test_unbalanced_quote_closes_at_paragraph_end():
    text = 'He said "this never closes.\n\nNext paragraph is not quoted.'
    seg = segment(text)
    assert [text[s:e] for s, e in seg.quotes] == ['"this never closes.']
    assert not seg.in_quote(text.index("Next"))


def test_apostrophes_are_not_quotes():
    text = "Ostrova’s envoy didn’t come. The ‘pathway’ was vague."
    seg = segment(text)
    assert [text[s:e] for s, e in seg.quotes] == ["‘pathway’"]


def test_tokens_and_offsets():
    text = "It wouldn't help the U.S.-led talks, officials said 30% of the time."
    seg = segment(text)
    assert seg.tokens == tokenize(text)
    assert [text[s:e] for s, e in seg.token_spans] == seg.tokens
    assert "not" in seg.norm and "30%" in seg.tokens and "U.S." in seg.tokens
    assert seg.n_words == 14


def test_a_very_long_paragraph_and_empty_inputs():
    long = "The talks went on. " * 5000
    seg = segment(long)
    assert len(seg.sentences) == 5000 and len(seg.paragraphs) == 1
    for text in ["", "   \n\n  ", "\x00\x01", "..."]:
        seg = segment(text)
        assert all(0 <= s < e <= len(text) for s, e in seg.sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.text(alphabet=' .?!"“”‘’\'\n-•UuSs', max_size=200))
def test_any_string_segments_consistently(text):
    seg = segment(text)
    for s, e in seg.paragraphs + seg.sentences + seg.quotes:
        assert 0 <= s < e <= len(text)
    assert [text[s:e] for s, e in seg.token_spans] == seg.tokens
    for (first, last), (s, e) in zip(seg.sentence_token_ranges, seg.sentences):
        assert all(s <= seg.token_spans[k][0] < seg.token_spans[k][1] <= e for k in range(first, last))
    assert len(seg.token_sentence) == sum(b - a for a, b in seg.sentence_token_ranges)
    starts = [s for s, _ in seg.sentences]
    assert starts == sorted(starts)


def test_phrase_matcher_longest_first_with_alternatives_and_wildcards():
    m = PhraseMatcher({"it remains to be seen": "multi", "remains": "single",
                       "can not rule out": "neg", "suggest*": "wild", "may|might": "modal"})
    text = "It remains to be seen. It remains. We cannot rule out that it might, suggesting so."
    seg = segment(text)
    found = [(text[s:e], label) for s, e, label in m.find_spans(seg)]
    assert found == [("It remains to be seen", "multi"), ("remains", "single"),
                     ("cannot rule out", "neg"), ("might", "modal"), ("suggesting", "wild")]


def test_phrase_matcher_contractions_match_not():
    m = PhraseMatcher({"would not exclude": "x"})
    for text in ["They wouldn't exclude it.", "They would not exclude it.", "They wouldn’t exclude it."]:
        assert [p for _, _, p in m.find(segment(text))] == ["x"]


def test_phrase_matcher_does_not_cross_sentences():
    m = PhraseMatcher({"seen it": "x"})
    assert m.find(segment("Nobody has seen. It was late.")) == []


def test_phrase_matcher_rejects_empty_patterns():
    with pytest.raises(ValueError):
        PhraseMatcher({"  ": "x"})


def test_single_marks_inside_double_quotes_are_nested_quotes_or_apostrophes():
    # a nested ‘...’ or a plural possessive (dogs’) must not end or replace the outer quotation
    text = ("“When they say ‘no money’, they mean no,” she said. "
            "“The dogs’ bowls were empty,” he said. ‘Fine,’ he added, ‘for now.’")
    seg = segment(text)
    assert [text[s:e] for s, e in seg.quotes] == [
        "“When they say ‘no money’, they mean no,”", "“The dogs’ bowls were empty,”",
        "‘Fine,’", "‘for now.’"]


def test_an_inch_mark_opens_no_quotation_and_a_stray_mark_stays_in_its_sentence():
    # one stray mark re-paired every later quotation of an article, or made a run-on text one
    # long quotation (quote share 1.0)
    text = 'The new 12" pipe was installed. "It works," he said. Officials said "the test" passed.'
    assert [text[s:e] for s, e in segment(text).quotes] == ['"It works,"', '"the test"']
    closing = 'He said "the score was 12" and left.'
    assert [closing[s:e] for s, e in segment(closing).quotes] == ['"the score was 12"']
    run_on = '"' + "The talks went on and officials said little. " * 100
    first_sentence = run_on.index(".") + 1
    assert list(segment(run_on).quotes) == [(0, first_sentence)]
    short = '"The talks went on. Officials said little.'  # unclosed, short: to the paragraph end
    assert [short[s:e] for s, e in segment(short).quotes] == [short]


def test_markup_left_in_a_text_is_warned_about():
    # per-string functions take plain text; markup was silently read as words
    import warnings

    from framing.text import MarkupWarning

    with pytest.warns(MarkupWarning, match="clean_text"):
        segment.__wrapped__("Talks may fail.</p><p>&ldquo;We are ready,&rdquo; he said.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        segment.__wrapped__("3 < 4, and x<y: no markup here.")  # a "<" alone is no tag


# -- the C tokenizer (src/framing/_c/text.c) gives the regular expression's tokens ------------

TOKENIZER_CASES = [
    "", " ", "\n\n", "U.S.", "U.S.-led", "e.g. x", "a.b", "A.B.C.D.", "é.ß.", "1.2.3", "1,000,000",
    "3.5%", "9/11", "10:30", "2nd 3rd 4th 21st 11th", "2ND", "1st.", "1.", "1..2", "1./2", "٣٤.٥",
    "x²", "²x", "Ⅻ", "can't won’t o'clock rock-'n'-roll", "--a--", "a-", "-a", "a_b", "_a",
    "snake_case", "\u00a0a\u2003b\u200bc", "\x1c\x1d\x1e\x1f", "e\u0301", "\U0001F600x", "😀😀",
    "“Quoted,” she said…", "a.\nb.", "Mr.Smith", "U.S.A.", "x" * 5000, "\ud800 lone surrogate",
]


def _compiled_tokenizer():
    """framing._text_c, or skip: not built, or FRAMING_PURE_PYTHON=1."""
    from framing._compiled import extension

    module = extension("text")
    if module is None:
        pytest.skip("framing._text_c is not built, or FRAMING_PURE_PYTHON=1")
    return module


def _token_spans_pair(text):
    from framing import text as framing_text

    return framing_text._regex_token_spans(text), _compiled_tokenizer().token_spans(text)


@pytest.mark.parametrize("text", TOKENIZER_CASES)
def test_compiled_tokenizer_gives_the_regular_expressions_spans(text):
    expected, found = _token_spans_pair(text)
    assert found == expected


def test_compiled_tokenizer_agrees_on_code_points_of_every_category():
    import unicodedata
    from collections import defaultdict

    per_category = defaultdict(list)
    for code in range(0x110000):
        chars = per_category[unicodedata.category(chr(code))]
        if len(chars) < 40:
            chars.append(chr(code))
    text = " ".join(f"{c} a{c}b 1{c}2 {c}.x. x.{c}. 3{c}% {c}-{c}" for chars in
                    per_category.values() for c in chars)
    expected, found = _token_spans_pair(text)
    assert found == expected


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("aZé1٣²_.,:/%-'’ \n\t\u00a0stndrh😀ß")), max_size=30))
def test_compiled_tokenizer_agrees_on_any_mix_of_its_tricky_characters(text):
    expected, found = _token_spans_pair(text)
    assert found == expected


#: Sentence ends of every kind the splitter tells apart (framing.text._sentence_spans).
SENTENCE_CASES = [
    "It rained. The match went on.", "It rained.  \"We stayed,\" he said. (Then) it ended!",
    "Gen. Ekdahl spoke. Sen. Brown left etc. The end etc. and more.", "List etc. He went.",
    "John F. Kennedy spoke. J. Doe did too.", "The U.S. Army came. The U.S. The talks.",
    "the year.They met in 2020.Then", 'she said."We won." And.', "said.\u201dNext came",
    "Rep.Tlaib spoke.", "Mail Dan.Molinski@wsj.com now.", "LaBrea.Media is a firm.",
    "Wait\u2026 What?! Yes!!! \u201cNo.\u201d \u2018Maybe.\u2019 (Sure.) [Fine.] 'Ok.' ",
    "line one\nline two\n\nNew paragraph\n  - a bullet\n2) numbered\nlower continues.",
    "Ends with a period.", ".", "...", "!?", "A. B. C.", "x.\u00a0Y", "x.\u3000Y z.\u2028Z",
    "é.É and \u0130. \u0130stanbul. ab.\u01c5x", "12.The 3.5 x2.Ab", "x. \"\"\" ", "x. ( [",
    "x. \"(Y", "x.) 'y", "v. Wade. Roe v. Wade was", "approx. 5. Fig. 2 shows", "No. 5 won.",
]


def _sentences_pure_and_compiled(text):
    from framing import text as framing_text

    paragraphs = framing_text._paragraph_spans(text)
    found = _compiled_tokenizer().sentence_spans(text, paragraphs, framing_text.ABBREVIATIONS,
                                                 framing_text.SENTENCE_STARTERS)
    return framing_text._paragraph_sentences(text, paragraphs), found


@pytest.mark.parametrize("text", SENTENCE_CASES + TOKENIZER_CASES)
def test_compiled_sentence_splitter_gives_the_python_rules_spans(text):
    expected, found = _sentences_pure_and_compiled(text)
    assert found == expected


@settings(max_examples=500)
@given(st.lists(st.sampled_from(
    [".", "!", "?", "\u2026", '"', "'", "\u201d", "\u2019", ")", "]", "\u201c", "\u2018", "(", "[",
     " ", "\n", "\n\n", "\t", "\u00a0", "A", "Ab", "ab", "1", "x2", "U.S.", "etc", "Mr", "The",
     "he", "@", "\u0130", "\u00e9", "J", "\u3000", "\u0663", "_"]), max_size=30).map("".join))
def test_compiled_sentence_splitter_agrees_on_any_mix_of_its_tricky_pieces(text):
    expected, found = _sentences_pure_and_compiled(text)
    assert found == expected
    from framing import text as framing_text

    starts = [s for s, _ in framing_text._token_spans(text)]
    assert _compiled_tokenizer().sentence_token_ranges(starts, expected[0]) == \
        framing_text._sentence_token_ranges(starts, expected[0])


CLITIC_CASES = [
    "can't won't o'clock rock-'n'-roll", "It wouldn't, she'd, we'll, they're, we've, I'm, Al's",
    "CAN'T WE'LL I'M SHE'D THEY'RE WE'VE AL'S", "x'\u017f ab'\u017f", "n't 'nt 't 's x's",
    "'s 're 'll", "Cannot CANNOT cannot cAnNoT", "_cannot cannot_ 2cannot x-cannot cannot's",
    "\u201ccannot\u201d (cannot) cannot. cannotx cannot-do", "a'b'c'd", "'" * 4,
    "rock\u2019n\u2019roll can\u2019t Trump\u2019s N\u2019T",
]


@pytest.mark.parametrize("text", CLITIC_CASES + TOKENIZER_CASES)
def test_compiled_clitic_splitting_gives_the_python_spans(text):
    from framing import text as framing_text

    assert _compiled_tokenizer().clitic_token_spans(text) == \
        framing_text._token_spans_python(text)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(
    ["'", "\u2019", "n", "N", "t", "T", "s", "S", "\u017f", "re", "VE", "ll", "d", "M", "can", "CAN",
     "not", "cannot", "_", "2", "x", " ", "-", ".", "\u00e9"]), max_size=14).map("".join))
def test_compiled_clitic_splitting_agrees_on_any_mix_of_its_pieces(text):
    from framing import text as framing_text

    assert _compiled_tokenizer().clitic_token_spans(text) == \
        framing_text._token_spans_python(text)


QUOTE_CASES = [
    '"We may act," he said. "Nobody can stop us."', "\u201cOpen\n\n\u201cContinued.\u201d",
    "\u201cOpen\n\nNot continued", "a 12\" pipe and \"a quote\"", "\u00abGuillemets\u00bb",
    "\u2018single\u2019 and it\u2019s O\u2018Neill", "\u201cnested \u2018inner\u2019 end\u201d",
    "\u201cfirst \u201crestart\u201d", "\u2018a \u2018b\u2019", '"unclosed. Long on. And on.',
    "\u201d\u201c\u00bb\u00ab", "x\n\n\u201c", "", "He said.\u201cWe go on and on. And on.",
]


def _quotes_pure_and_compiled(text):
    from framing import text as framing_text

    paragraphs = framing_text._paragraph_spans(text)
    sentences = framing_text._paragraph_sentences(text, paragraphs)[0]
    found = _compiled_tokenizer().quote_spans(text, paragraphs, sentences,
                                              framing_text.UNCLOSED_QUOTE_MAX_CHARS)
    return framing_text._quote_spans(text, paragraphs, sentences), found


@pytest.mark.parametrize("max_chars", [2000, 4])
@pytest.mark.parametrize("text", QUOTE_CASES + SENTENCE_CASES)
def test_compiled_quotations_are_the_python_ones(text, max_chars, monkeypatch):
    from framing import text as framing_text

    monkeypatch.setattr(framing_text, "UNCLOSED_QUOTE_MAX_CHARS", max_chars)
    expected, found = _quotes_pure_and_compiled(text)
    assert found == expected


@settings(max_examples=500)
@given(st.lists(st.sampled_from(
    ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2018", "\u2019", "a", "1", " ", "\n",
     "\n\n", "x.", "Y", "'"]), max_size=25).map("".join))
def test_compiled_quotations_agree_on_any_mix_of_marks(text):
    expected, found = _quotes_pure_and_compiled(text)
    assert found == expected


def _segmentations_pure_and_compiled(text, monkeypatch):
    from framing import text as framing_text

    _compiled_tokenizer()
    compiled = segment.__wrapped__(text)
    compiled.word_flags, compiled.english  # noqa: B018 (computed on first use, in C)
    with monkeypatch.context() as patch:
        patch.setattr(framing_text, "_TEXT_C", None)
        patch.setattr(framing_text, "_match_spans", framing_text._regex_token_spans)
        pure = segment.__wrapped__(text)
        pure.word_flags, pure.english  # noqa: B018 (computed in Python)
    assert framing_text._TEXT_C is not None  # the compiled tokenizer was the one used first
    return pure, compiled


def _same_segmentation(pure, compiled):
    for field in pure.__slots__:
        if not field.startswith("_"):
            assert getattr(compiled, field) == getattr(pure, field), field
    for field in ("word_flags", "n_words", "english"):
        assert getattr(compiled, field) == getattr(pure, field), field


LANGUAGE_CASES = [
    "Die Regierung hat die Steuern erhöht, und die Opposition ist nicht zufrieden damit.",
    "Le gouvernement a dit que les impôts sont trop élevés pour les familles.",
    "El gobierno dijo que los impuestos son altos para las familias y las empresas.",
    "Правительство заявило, что налоги будут снижены в следующем году.",
    "政府表示明年将降低税收。", "Die Hard is a film. La Paz is a city. The End.",
    "La la la", "Über Ärger. ÄRGER und DIE", "x" * 4000 + " Москва",
    "\u0227\u0229\u022f \u0201\u0205\u0209 \u024f", "\u1e01\u1e03 \u1e41\u1e45 \u1eff\u1f00",
]


def test_word_flags_and_the_language_check_are_the_same_in_c(monkeypatch):
    import unicodedata
    from collections import defaultdict

    per_category = defaultdict(list)
    for code in range(0x110000):
        chars = per_category[unicodedata.category(chr(code))]
        if len(chars) < 12:
            chars.append(chr(code))
    tokens = [t for chars in per_category.values() for c in chars
              for t in (c, f"{c}a", f"-{c}", f"{c}{c}")]
    from framing import text as framing_text

    assert _compiled_tokenizer().word_flags(tokens) == framing_text._word_flags(tokens)
    for text in LANGUAGE_CASES + SENTENCE_CASES:
        _same_segmentation(*_segmentations_pure_and_compiled(text, monkeypatch))


def test_segmentation_is_the_same_with_the_compiled_tokenizer(sample_path, monkeypatch):
    import json

    texts = [json.loads(line)["text"] for line in sample_path.read_text().splitlines()]
    for text in texts + TOKENIZER_CASES + SENTENCE_CASES + CLITIC_CASES + QUOTE_CASES:
        _same_segmentation(*_segmentations_pure_and_compiled(text, monkeypatch))


@pytest.mark.shared
def test_segmentation_is_the_same_with_the_compiled_tokenizer_on_allsides(monkeypatch):
    import gzip
    import json
    from itertools import islice

    from conftest import shared_path

    path = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in islice(lines, 300):
            text = json.loads(line)["content_original"]
            _same_segmentation(*_segmentations_pure_and_compiled(text, monkeypatch))


class _CountingSpans(list):
    """Token spans that count the spans moved by an insertion (``spans[i:i + 1] = ...``) and
    copied by a slice."""

    moved = 0

    def __setitem__(self, key, value):
        if isinstance(key, slice):
            _CountingSpans.moved += len(self) - (key.start or 0)
        list.__setitem__(self, key, value)

    def __getitem__(self, key):
        if isinstance(key, slice):
            _CountingSpans.moved += len(range(*key.indices(len(self))))
        return list.__getitem__(self, key)


def _token_spans_inserting(text):
    """The token spans as _token_spans found them before: each clitic split inserted in place
    (the reference for its results)."""
    spans = list(text_module._match_spans(text))
    splits = [m.start() for m in text_module._APOSTROPHE_RE.finditer(text)]
    splits += [m.start() for m in text_module._CANNOT_RE.finditer(text)]
    starts = [s for s, _ in spans]
    for i in sorted({bisect_right(starts, p) - 1 for p in splits}, reverse=True):
        s, e = spans[i]
        if i >= 0 and e - s > 2:
            m = text_module._CLITIC_RE.fullmatch(text, s, e)
            if m:
                cut = m.end(1) if m.group(1) else m.end(3)
                spans[i:i + 1] = [(s, cut), (cut, e)]
    return spans


def test_splitting_clitics_in_a_long_text_moves_each_span_once(monkeypatch):
    # Each clitic split ("would|n't", "Trump|'s") was inserted into the list in place, moving
    # every later span: quadratic in a long text with many of them. Four times the text must
    # move or copy about four times the spans, and give the spans of the in-place splits.
    text = ("It wouldn't help, the senator's aide said; they'd say it can't, and we cannot "
            "wait. 'Quoted' words and O'Neill's rock'n'roll stay whole.\n\n")
    for n in (1, 50):
        assert text_module._token_spans_python(text * n) == _token_spans_inserting(text * n)
        assert text_module._token_spans(text * n) == _token_spans_inserting(text * n)
    match_spans = text_module._match_spans
    monkeypatch.setattr(text_module, "_match_spans",
                        lambda t: _CountingSpans(match_spans(t)))

    def moved(n):
        _CountingSpans.moved = 0
        text_module._token_spans_python(text * n)
        return _CountingSpans.moved

    short = moved(50)
    assert 0 < moved(200) < 6 * short


# --- web addresses: substring searches for the trigger's matches ----------------------------

@settings(max_examples=600)
@given(st.text(alphabet=st.sampled_from(list("wWcCoOmMrRgGnNeEtTvVdDuU./@ \n_é1İıKſ\u212a\u0130")),
               max_size=40))
def test_web_trigger_searches_find_the_chunks_the_trigger_pattern_finds(text):
    from framing.text import _WEB_TRIGGER_RE, _web_trigger_starts

    starts = _web_trigger_starts(text)
    assert starts == sorted(starts)
    found = {m.start() for m in _WEB_TRIGGER_RE.finditer(text)}
    assert found <= set(starts)  # each of the pattern's matches, and within the chunk of one
    chunk = {m.start(): m.span() for m in re.finditer(r"\S+", text)}
    for a in set(starts) - found:  # a match the pattern's scan overlapped (its first match)
        assert any(s <= f < a < e for s, e in chunk.values() for f in found), (text, a)


def test_web_addresses_in_capitals_without_slash_or_at_are_still_found():
    from framing.text import web_token_ids

    seg = segment("Visit WWW.EXAMPLE.ORG today, or Example.COM.")
    assert [seg.tokens[i] for i in sorted(web_token_ids(seg))] == [
        "WWW", ".", "EXAMPLE", ".", "ORG", ".", "COM"]
    assert web_token_ids(segment("No address here. Dot com era.")) == frozenset()
