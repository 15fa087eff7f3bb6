"""Shared text segmentation and phrase matching, computed once per article and reused by every
measure family.

:func:`segment` splits a text into paragraphs, sentences and tokens with character offsets, and
finds direct quotations. It needs no NLTK data: it is a handful of compiled regular expressions
plus rules for news text (abbreviations such as ``U.S.``, ``Gen.``, ``Dec.``; quotes that span
sentences and paragraphs; curly and straight quotes; headlines and bullet lines without final
punctuation). Results are cached per text, so every measure family gets the same object.

:class:`PhraseMatcher` finds lexicon or codebook entries (single words or multiword phrases, with
``|`` alternatives and ``*`` prefix wildcards) in a segmented text, longest match first.

Example
-------
>>> seg = segment('Gen. Ekdahl said: "We may act. Nobody can stop us." The U.S. disagreed.')
>>> [seg.sentence_text(i) for i in range(len(seg.sentences))]
['Gen. Ekdahl said: "We may act.', 'Nobody can stop us."', 'The U.S. disagreed.']
>>> [seg.text[s:e] for s, e in seg.quotes]
['"We may act. Nobody can stop us."']
>>> m = PhraseMatcher({"remains to be seen": "hedge", "may": "hedge"})
>>> [(seg.text[s:e], label) for s, e, label in m.find_spans(seg)]
[('may', 'hedge')]
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import contains, itemgetter

from framing._compiled import extension

__all__ = ["Segmentation", "segment", "PhraseMatcher", "normalize_token", "tokenize",
           "looks_english", "web_token_ids"]

#: Version of the segmentation rules: part of the version under which every family's results
#: are stored (:func:`framing.analyze.family_versions`), since every measure reads the sentences
#: and tokens. 2: "Sens." and "Reps." (plural titles) no longer end a sentence. 3: a sentence
#: end with no space after it ("the year.They") splits; "v." (court cases) does not end one.
#: 4: the language check also flags texts under 12 words ("Die Regierung hat ... die Steuern");
#: a straight double quote after a digit (12" pipe) opens no quotation; an unclosed quotation
#: longer than UNCLOSED_QUOTE_MAX_CHARS ends with its sentence.
SEGMENTATION_VERSION = "4"

#: Words after which a period does not end a sentence (titles, months, common short forms).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov pres supt insp det
reps sens
st ave blvd rd mt ft jr sr messrs mme mlle rev fr hon amb sec dept univ assn bros
inc corp co ltd plc llc gov't
jan feb mar apr jun jul aug sep sept oct nov dec
no nos vol vols pp pg fig figs est approx ca cf vs v etc al e.g i.e
""".split())

#: Capitalized words that, after an all-caps dotted abbreviation (``U.S.``), start a new sentence.
SENTENCE_STARTERS = frozenset("""
the a an he she it they we i you his her its their our but and or so yet in on at for from
this that these those there here when while after before if as however meanwhile still also
""".split())

_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                  # dotted abbreviations: U.S., e.g.
    | \d+(?:[.,:/]\d+)*(?:%|st|nd|rd|th)? # numbers: 1,000  3.5  9/11  30%  2nd
    | [^\W_]+(?:[-'’][^\W_]+)*          # words, with internal hyphens and apostrophes
    | \S                                # any other single character
    """,
    re.VERBOSE,
)
# Words with an apostrophe, and "cannot", are split further: would|n't, Ostrova|'s, can|not
# (as in the Penn Treebank).
_APOSTROPHE_RE = re.compile(r"['’]")
_CANNOT_RE = re.compile(r"(?i:\bcannot\b)")  # only letters whose lower case is c, a, n, o, t
_CLITIC_RE = re.compile(r"(?i)(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))|(can)(not)")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEXT_START_RE = re.compile(r"""\s+(["'“‘(\[]*)(\S)""")
# Candidate sentence ends: terminal punctuation, closing quotes/brackets, then white space; or
# a sentence end with no space after it ("the year.They", 'said."We', "said.”Next"), common in
# scraped news: terminal punctuation after two lower-case letters or digits, before a capitalized
# word (or an opening quotation mark and one).
# Both kinds are found in one pass; the two characters before a run-on end are checked in
# _is_run_on_boundary (a look-behind here would be tried at every position of the text).
_ANY_SENTENCE_END_RE = re.compile(
    r"""[.!?…]+(?:["'”’)\]]*(?=\s)|[”’)]*(?=["“‘]?[A-Z][a-z]))""")
_BULLET_RE = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)])\s+")
# Quotation marks; a single curly mark counts only where it cannot be an apostrophe: ‘ not
# after a letter or digit, ’ not before one (checked in _quote_marks, faster than lookarounds).
_QUOTE_CHAR_RE = re.compile(r"[\"“”«»‘’]")


def normalize_token(token: str) -> str:
    """Lower-case a token, straighten its apostrophes, and map ``n't`` to ``not``.

    >>> [normalize_token(t) for t in ["Wouldn", "n’t", "Ostrova’s"]]
    ['wouldn', 'not', "ostrova's"]
    """
    low = token.lower().replace("’", "'")
    return "not" if low == "n't" else low


_FIRST = itemgetter(0)


def _regex_token_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_TOKEN_RE``'s matches: the reference for the C tokenizer.

    >>> _regex_token_spans("U.S. troops, 3.5%")
    [(0, 4), (5, 11), (11, 12), (13, 17)]
    """
    return [m.span() for m in _TOKEN_RE.finditer(text)]


#: framing._text_c where it is built (src/framing/_c/text.c), else None: the spans of
#: _TOKEN_RE's matches (the same spans, about three times faster than the regular expression),
#: and the clitic splits, sentence spans, token ranges, quotation spans, word flags and
#: function-word counts of :func:`segment` and :func:`looks_english` (the same as the Python
#: functions they name give, which stay as the reference: _token_spans_python,
#: _paragraph_sentences, _sentence_token_ranges, _quote_spans, _word_flags, ...).
_TEXT_C = extension("text")
_match_spans = _regex_token_spans if _TEXT_C is None else _TEXT_C.token_spans


def _token_spans(text: str) -> list[tuple[int, int]]:
    """The token spans of ``text``, clitics split off ("would|n't", "Ostrova|'s", "can|not").

    >>> [(s, e) for s, e in _token_spans("Can't. Cannot")]
    [(0, 2), (2, 5), (5, 6), (7, 10), (10, 13)]
    """
    if _TEXT_C is not None:
        return _TEXT_C.clitic_token_spans(text)  # the same spans, in C
    return _token_spans_python(text)


def _token_spans_python(text: str) -> list[tuple[int, int]]:
    """:func:`_token_spans` in Python: the reference for ``framing._text_c.clitic_token_spans``."""
    spans = _match_spans(text)
    splits = [m.start() for m in _APOSTROPHE_RE.finditer(text)]
    if "cannot" in text.lower():  # a cheap test before the slower case-insensitive search
        splits.extend(m.start() for m in _CANNOT_RE.finditer(text))
    if not splits:
        return spans
    starts = list(map(_FIRST, spans))
    cuts = []  # (token index, offset where its clitic starts), in token order
    for i in sorted({bisect_right(starts, p) - 1 for p in splits}):
        s, e = spans[i]
        if i >= 0 and e - s > 2:
            m = _CLITIC_RE.fullmatch(text, s, e)
            if m:
                cuts.append((i, m.end(1) if m.group(1) else m.end(3)))
    if not cuts:
        return spans
    # the split spans put in while copying the list once (inserting each in place moved every
    # later span: quadratic in a long text with many "n't" and "'s")
    out, done = [], 0
    for i, cut in cuts:
        out += spans[done:i]
        s, e = spans[i]
        out += ((s, cut), (cut, e))
        done = i + 1
    out += spans[done:]
    return out


def tokenize(text: str) -> list[str]:
    """Split a string into tokens the way :func:`segment` does.

    >>> tokenize("It wouldn't help the U.S.-led talks, officials' said.")
    ['It', 'would', "n't", 'help', 'the', 'U.S.', '-', 'led', 'talks', ',', 'officials', "'", 'said', '.']
    """
    return [text[s:e] for s, e in _token_spans(text)]


def span_at(starts: Sequence[int], spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the span of ``spans`` (sorted, not overlapping; ``starts`` their starts) that
    contains character ``offset``, or None.

    >>> span_at([0, 10], [(0, 5), (10, 20)], 12), span_at([0, 10], [(0, 5), (10, 20)], 7)
    (1, None)
    """
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < spans[i][1]:
        return i
    return None


class Segmentation:
    """Paragraphs, sentences, tokens and direct quotations of one text, with character offsets.

    All spans are ``(start, end)`` with ``text[start:end]`` the covered string.

    Attributes
    ----------
    text : the text segmented.
    paragraphs : paragraph spans.
    sentences : sentence spans (trimmed; a headline or bullet line is a sentence).
    sentence_paragraph : paragraph index of each sentence.
    tokens : token strings; ``token_spans`` their spans; ``norm`` their normalized forms
        (:func:`normalize_token`).
    token_starts : start offset of each token.
    word_flags : 1 for a word or number token, 0 for punctuation and symbols (one per token).
    sentence_token_ranges : ``(first, last)`` token indices of each sentence (``last`` excluded).
    token_sentence : sentence index of each token.
    quotes : spans of direct quotations, quotation marks included; a quotation continued across
        paragraphs in the traditional way (no closing mark, next paragraph reopening) is one span.
    english : whether the text looks English (a cheap function-word and script check).
    """

    __slots__ = ("text", "paragraphs", "sentences", "sentence_paragraph", "tokens", "token_spans",
                 "norm", "sentence_token_ranges", "token_sentence", "quotes", "_quote_starts",
                 "_sentence_starts", "token_starts", "_word_flags", "_n_words", "_english",
                 "_derived")

    def __init__(self, text, paragraphs, sentences, sentence_paragraph, tokens, token_spans,
                 sentence_token_ranges, token_sentence, quotes, *, token_starts=None,
                 norm=None):
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.sentence_paragraph = sentence_paragraph
        self.tokens = tokens
        self.token_spans = token_spans
        self.norm = _normalized(tokens, text) if norm is None else norm
        self.token_starts = (list(map(_FIRST, token_spans)) if token_starts is None
                             else token_starts)
        self._word_flags = None
        self._n_words = None
        self._english = None
        self._derived = None
        self.sentence_token_ranges = sentence_token_ranges
        self.token_sentence = token_sentence
        self.quotes = quotes
        self._quote_starts = [s for s, _ in quotes]
        self._sentence_starts = [s for s, _ in sentences]

    def __repr__(self) -> str:
        return (f"Segmentation({len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
                f"{len(self.tokens)} tokens, {len(self.quotes)} quotes)")

    def sentence_text(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset`` (None between sentences)."""
        return span_at(self._sentence_starts, self.sentences, offset)

    def quote_at(self, offset: int) -> int | None:
        """Index of the direct quotation containing character ``offset``, or None."""
        return span_at(self._quote_starts, self.quotes, offset)

    def in_quote(self, offset: int) -> bool:
        """True when character ``offset`` lies inside a direct quotation."""
        return self.quote_at(offset) is not None

    def derived(self, key, compute):
        """``compute()``, computed once per segmentation and ``key``: lets one family use
        another's analysis of the same text without doing it twice (hedging reads the reported
        speech that :func:`framing.sources.score` finds; the key names the lexicon version)."""
        if self._derived is None:
            self._derived = {}
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = compute()
        return found

    def clear_derived(self) -> None:
        """Forget the analyses kept by :meth:`derived` (to time a family on its own)."""
        self._derived = None

    @property
    def n_words(self) -> int:
        """Number of word and number tokens (punctuation excluded)."""
        if self._n_words is None:
            self._n_words = sum(self.word_flags)
        return self._n_words

    @property
    def english(self) -> bool:
        """Does the text look English (:func:`looks_english`, computed once)? The families built
        on English word lists leave other texts unscored."""
        if self._english is None:
            self._english = looks_english(self)
        return self._english

    @property
    def word_flags(self) -> list[int]:
        """1 for each word or number token, 0 for punctuation and symbols (computed once)."""
        if self._word_flags is None:
            self._word_flags = (_word_flags(self.tokens) if _TEXT_C is None
                                else _TEXT_C.word_flags(self.tokens))
        return self._word_flags


def _normalized(tokens: list[str], text: str) -> list[str]:
    """:func:`normalize_token` of each token of ``text``: the reference for the normalized forms
    ``framing._text_c.token_texts`` gives.

    >>> _normalized(["Can", "n’t", "Al", "'s"], "Can’t Al's")
    ['can', 'not', 'al', "'s"]
    """
    norm = [t.lower() for t in tokens]
    for mark in ("'", "’"):
        if mark in text:  # only the tokens holding an apostrophe need normalize_token
            for i in compress(range(len(norm)), map(contains, norm, repeat(mark))):
                norm[i] = normalize_token(norm[i])
    return norm


def _word_flags(tokens: list[str]) -> list[int]:
    """1 for a word or number token (a letter or digit first, or second after a mark), else 0:
    the reference for ``framing._text_c.word_flags``.

    >>> _word_flags(["It", "'s", "$", "5", ",", "-x"])
    [1, 1, 0, 1, 0, 1]
    """
    return [1 if (t[0].isalnum() or (len(t) > 1 and t[1].isalnum())) else 0 for t in tokens]


def _trimmed(text: str, spans) -> list[tuple[int, int]]:
    """Spans with leading and trailing white space removed; empty ones dropped."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return _trimmed(text, spans)


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a paragraph that stand as units: a line break ends a unit unless the next line
    continues the sentence (starts in lower case and is not a bullet)."""
    units, s = [], start
    pos = text.find("\n", start, end)
    while pos != -1:
        nxt = pos + 1
        while nxt < end and text[nxt] in " \t":
            nxt += 1
        line_end = pos
        continues = nxt < end and text[nxt].islower() and not _BULLET_RE.match(text, nxt, end)
        prev_punct = text[s:line_end].rstrip()[-1:] in {".", "!", "?", ":", '"', "”"}
        if not continues or prev_punct and not text[nxt:nxt + 1].islower():
            units.append((s, line_end))
            s = nxt
        pos = text.find("\n", pos + 1, end)
    units.append((s, end))
    return units


def _is_boundary(text: str, end: int, limit: int, punct_start: int) -> bool:
    m = _NEXT_START_RE.match(text, end, limit)
    if not m:
        return False
    opener, first = m.group(1), m.group(2)
    if not (first.isupper() or first.isdigit() or opener):
        return False
    if text[punct_start] != ".":
        return True
    # the word before the period
    j = punct_start
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "\"“‘'(":
        j -= 1
    word = text[j:punct_start]
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS and len(text[punct_start:end]) == 1:
        return low == "etc" and first.isupper() and _next_word(text, m.start(2)) in SENTENCE_STARTERS
    if len(word) == 1 and word.isupper():  # an initial: John F. Kennedy
        return False
    if "." in word:  # U.S. at the end of a sentence only before a typical sentence starter
        return _next_word(text, m.start(2)) in SENTENCE_STARTERS
    return True


def _next_word(text: str, start: int) -> str:
    m = re.match(r"[^\W\d_]+", text[start:start + 30])
    return m.group(0).lower() if m else ""


def _is_run_on_boundary(text: str, end: int, punct_start: int) -> bool:
    """Whether terminal punctuation followed directly by a capitalized word ends a sentence:
    not after an abbreviation ("Rep.Tlaib") or inside an e-mail address or a CamelCase name
    ("Dan.Molinski@wsj.com", "LaBrea.Media")."""
    if "…" in text[punct_start:end]:  # an ellipsis run into the next word marks an omission
        return False
    before = text[punct_start - 2:punct_start] if punct_start >= 2 else ""
    if not (len(before) == 2 and all(c.isdigit() or c.islower() and c.isascii()
                                     for c in before)):
        return False
    j = punct_start
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "\"“‘'(":
        j -= 1
    word = text[j:punct_start]
    if word.lower() in ABBREVIATIONS or "." in word or any(c.isupper() for c in word[1:]):
        return False
    k = end
    while k < len(text) and (text[k].isalpha() or text[k] in "\"“‘"):
        k += 1
    return not (k < len(text) and (text[k] == "@" or text[k] == "." and k + 1 < len(text)
                                   and text[k + 1].isalnum()))


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for ls, le in _line_spans(text, start, end):
        s = ls
        for m in _ANY_SENTENCE_END_RE.finditer(text, ls, le):
            e = m.end()
            if (_is_boundary(text, e, le, m.start()) if text[e].isspace()
                    else _is_run_on_boundary(text, e, m.start())):
                spans.append((s, e))
                s = e
        spans.append((s, le))
    return _trimmed(text, spans)


def _paragraph_sentences(text: str, paragraphs) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentence spans of every paragraph, and each one's paragraph: the reference for
    ``framing._text_c.sentence_spans``."""
    sentences, sentence_paragraph = [], []
    for p, (ps, pe) in enumerate(paragraphs):
        for span in _sentence_spans(text, ps, pe):
            sentences.append(span)
            sentence_paragraph.append(p)
    return sentences, sentence_paragraph


def _sentence_token_ranges(token_starts: list[int], sentences) -> tuple[list, list[int]]:
    """Each sentence's ``(first, last)`` token (``last`` excluded), and each token's sentence:
    the reference for ``framing._text_c.sentence_token_ranges``.

    >>> _sentence_token_ranges([0, 3, 6, 9], [(0, 5), (6, 11)])
    ([(0, 2), (2, 4)], [0, 0, 1, 1])
    """
    ranges, token_sentence = [], []
    for i, (ss, se) in enumerate(sentences):
        first, last = bisect_left(token_starts, ss), bisect_left(token_starts, se)
        ranges.append((first, last))
        token_sentence.extend([i] * (last - first))
    return ranges, token_sentence


#: A quotation never closed (nor continued in the next paragraph) runs to the end of its
#: paragraph; past this many characters it is taken for a stray mark and ends with the
#: sentence it opened in (one unclosed mark made a whole run-on text a quotation).
UNCLOSED_QUOTE_MAX_CHARS = 2000


def _quote_spans(text: str, paragraphs: list[tuple[int, int]],
                 sentences: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    quotes: list[tuple[int, int]] = []
    sentence_ends = [e for _, e in sentences]

    def unclosed(start: int, end: int) -> tuple[int, int]:
        if end - start > UNCLOSED_QUOTE_MAX_CHARS and sentence_ends:
            k = bisect_right(sentence_ends, start)
            if k < len(sentence_ends) and sentence_ends[k] < end:
                return start, sentence_ends[k]
        return start, end

    carry = None  # start of a quotation left open at the end of the previous paragraph
    for ps, pe in paragraphs:
        marks = _quote_marks(text, ps, pe)
        open_at = open_ch = None
        if carry is not None:
            if marks and marks[0][0] == ps and marks[0][1] in "\"“«‘":
                open_at = carry  # the traditional continuation: reopened at paragraph start
                open_ch = marks[0][1]
                marks = marks[1:]
            else:
                quotes.append(unclosed(carry, _prev_end(text, ps)))
        carry = None
        for pos, ch in marks:
            if open_at is None:
                if ch == '"' and pos > 0 and text[pos - 1].isdigit():
                    continue  # inches or seconds ('a 12" pipe'): a quotation opens after no digit
                if ch in "\"“«‘":
                    open_at, open_ch = pos, ch
            elif open_ch != "‘" and ch in "‘’":
                continue  # inside double quotation marks: a nested quote or an apostrophe
            elif ch in "\"”»’":
                quotes.append((open_at, pos + 1))
                open_at = None
            elif ch in "“«‘":  # a new opening mark inside an open quote: restart there
                open_at, open_ch = pos, ch
        if open_at is not None:
            carry = open_at
            carry_end = pe
    if carry is not None:
        quotes.append(unclosed(carry, carry_end))
    return quotes


def _quote_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    marks = []
    for m in _QUOTE_CHAR_RE.finditer(text, start, end):
        pos = m.start()
        ch = text[pos]
        if ch == "‘" and pos > 0 and text[pos - 1].isalnum():
            continue  # after a letter or digit: an apostrophe
        if ch == "’" and pos + 1 < end and text[pos + 1].isalnum():
            continue  # before a letter or digit: an apostrophe
        marks.append((pos, ch))
    return marks


def _prev_end(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


#: Segmentations kept by :func:`segment`: enough for every family to reuse the one of the text
#: at hand (a 5 KB article's takes about 250 KB, so a long cache costs memory in every worker).
SEGMENT_CACHE = 16


#: HTML tags that mean a text still holds markup (``framing.corpus`` converts such texts).
HTML_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|div|br|span|a|html|body|head|article|section|h[1-6]|li|ul|ol|em|strong|b|i|"
    r"table|tr|td|script|style|img|blockquote|figure|figcaption|header|footer|nav)\b[^>]*>",
    re.IGNORECASE,
)


class MarkupWarning(UserWarning):
    """A text given to a measure still holds HTML markup: its tags and entities are read as
    words. :func:`framing.corpus.clean_text` (which :func:`framing.load_corpus` applies) turns
    it into plain text first."""


#: Web addresses (with a scheme, "www." or a path after a domain), e-mail addresses and
#: @handles, whose tokens are no words of the text; of a bare domain ("Amazon.com") only the
#: suffix (".com"), the name stays a word.
_WEB_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])@\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*"
    r"|(?<=\w)\.(?:[\w-]+\.)*(?:com|org|net|gov|edu)\b", re.IGNORECASE)
# What every web address above holds, found fast: the address pattern then runs only over the
# white-space chunks holding one (none of its matches crosses white space), 8x faster than
# over the whole text, with the same matches (all 3,000 first AllSides articles).
_WEB_TRIGGER_RE = re.compile(r"[/@]|www\.|\.(?:com|org|net|gov|edu)\b", re.IGNORECASE)
_CHUNK_RE = re.compile(r"\S+")


def _web_trigger_starts(text: str) -> list[int]:
    """Where :data:`_WEB_TRIGGER_RE` could match in ``text``, found by substring searches,
    about twice as fast as the pattern's case-blind scan (43 against 94 µs an AllSides
    article): every start of a match of one of its alternatives, in order, also those a match
    of the scan would have overlapped; these lie in the same white-space chunk (a trigger holds
    no white space), so the chunks holding a trigger are the same. Where lower-casing changes
    the text's length, the pattern's own scan.

    >>> _web_trigger_starts("See WWW.x.Com/a, b.community @c")
    [4, 9, 13, 29]
    """
    lower = text.lower()
    if len(lower) != len(text):  # positions in the lower case would not be the text's
        return [m.start() for m in _WEB_TRIGGER_RE.finditer(text)]
    starts = []
    for haystack, part in ((text, "/"), (text, "@"), (lower, "www.")):
        i = haystack.find(part)
        while i != -1:
            starts.append(i)
            i = haystack.find(part, i + 1)
    n = len(lower)
    for part in (".com", ".org", ".net", ".gov", ".edu"):
        i = lower.find(part)
        while i != -1:
            after = i + 4
            if after == n or not (text[after].isalnum() or text[after] == "_"):  # \b
                starts.append(i)
            i = lower.find(part, i + 1)
    starts.sort()
    return starts


def web_token_ids(seg: Segmentation) -> frozenset:
    """Indices of the tokens that start inside a web address, e-mail address or @handle: the
    segmentation cuts "pic.twitter.com/x1Yz" into words that are no vocabulary and no names.

    >>> seg = segment("See pic.twitter.com/AbC1 and @guypbenson now.")
    >>> [seg.tokens[i] for i in sorted(web_token_ids(seg))]
    ['pic', '.', 'twitter', '.', 'com', '/', 'AbC1', '@', 'guypbenson']
    """
    text = seg.text
    spans: list[tuple[int, int]] = []
    end = -1
    for a in _web_trigger_starts(text):
        if a < end:
            continue  # in the chunk just scanned
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        end = _CHUNK_RE.match(text, a).end()
        spans.extend(m.span() for m in _WEB_ADDRESS_RE.finditer(text, a, end))
    if not spans:
        return frozenset()
    # the spans are in text order and do not overlap (the chunks do not, nor do one chunk's
    # matches): the tokens starting in each are a run of token indices, found by bisection
    starts = seg.token_starts
    return frozenset(i for s, e in spans
                     for i in range(bisect_left(starts, s), bisect_left(starts, e)))


def not_one_text(caller: str, value, family: str | None = None) -> TypeError:
    """The error for a value that is not one text; for a Series, list or DataFrame it names the
    vectorized entry point to use instead (``framing.<family>.score_corpus``)."""
    kind = type(value).__name__
    message = f"{caller}() takes one text (a str or a Segmentation), not {kind}"
    if family and kind in ("Series", "DataFrame", "list", "tuple", "ndarray", "Index"):
        message += (f": for many texts use framing.{family}.score_corpus(texts"
                    + (", model=...)" if family == "frames" and caller == "predict" else ")"))
    return TypeError(message)


@lru_cache(maxsize=SEGMENT_CACHE)
def segment(text: str) -> Segmentation:
    """Segment ``text`` into paragraphs, sentences, tokens and direct quotations.

    Any string is accepted (empty, whitespace, very long, any script); the result is cached so
    that every measure family reuses the same segmentation of an article.
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, not {type(text).__name__}")
    if "<" in text and HTML_TAG_RE.search(text):
        warnings.warn("the text holds HTML markup, whose tags and entities are read as words; "
                      "clean it first with framing.corpus.clean_text(text)[0] (load_corpus and "
                      "framing ingest do)", MarkupWarning, stacklevel=3)
    paragraphs = _paragraph_spans(text)
    if _TEXT_C is None:
        sentences, sentence_paragraph = _paragraph_sentences(text, paragraphs)
    else:  # the same spans, found in C
        sentences, sentence_paragraph = _TEXT_C.sentence_spans(text, paragraphs, ABBREVIATIONS,
                                                               SENTENCE_STARTERS)
    # Tokens never contain white space and sentences end before white space, so one pass over
    # the whole text gives the same tokens as one pass per sentence, faster.
    token_spans = _token_spans(text)
    if _TEXT_C is None:
        tokens, starts, norm = ([text[s:e] for s, e in token_spans],
                                list(map(_FIRST, token_spans)), None)
    else:  # the tokens, their starts and their normalized forms in one pass in C
        tokens, starts, norm = _TEXT_C.token_texts(text, token_spans)
    ranges, token_sentence = (_sentence_token_ranges if _TEXT_C is None
                              else _TEXT_C.sentence_token_ranges)(starts, sentences)
    quotes = (_quote_spans(text, paragraphs, sentences) if _TEXT_C is None
              else _TEXT_C.quote_spans(text, paragraphs, sentences, UNCLOSED_QUOTE_MAX_CHARS))
    return Segmentation(text, paragraphs, sentences, sentence_paragraph, tokens, token_spans,
                        ranges, token_sentence, quotes, token_starts=starts, norm=norm)


class PhraseMatcher:
    """Find phrases (words or multiword expressions) in segmented text, longest match first.

    Parameters
    ----------
    patterns : mapping from pattern to any payload (a label, a lexicon row), or an iterable of
        ``(pattern, payload)`` pairs. A pattern is written as plain text and tokenized like the
        text; a space-separated slot may list alternatives with ``|`` (``may|might``) and end in
        ``*`` to match any token with that prefix (``suggest*``). Matching is case-insensitive
        and ``n't`` equals ``not``: ``"would not rule out"`` also matches "wouldn't rule out".

    Matches never overlap; where two patterns start at the same token the longer wins, and the
    scan moves on past it. Matches never cross a sentence boundary.

    >>> m = PhraseMatcher([("rule|ruled out", "r"), ("not rule out", "n"), ("suggest*", "s")])
    >>> seg = segment("Officials wouldn't rule out talks, suggesting a thaw.")
    >>> [(seg.text[s:e], p) for s, e, p in m.find_spans(seg)]
    [("n't rule out", 'n'), ('suggesting', 's')]
    """

    def __init__(self, patterns):
        items = patterns.items() if isinstance(patterns, Mapping) else patterns
        self._by_first: dict[str, list] = {}
        self._prefix_first: list = []
        self.patterns: list[tuple[str, object]] = []
        for pattern, payload in items:
            slots = self.compile(pattern)
            self.patterns.append((pattern, payload))
            entry = (slots, payload, len(slots))
            literals, prefixes = slots[0]
            for lit in literals:
                self._by_first.setdefault(lit, []).append(entry)
            if prefixes:
                self._prefix_first.append((prefixes, entry))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -e[2])

    @staticmethod
    def compile(pattern: str) -> list[tuple[frozenset, tuple]]:
        """Turn a pattern into slots of (literal tokens, prefixes). Raises ValueError if empty."""
        slots = []
        for chunk in pattern.strip().split():
            alternatives = [a for a in chunk.split("|") if a]
            # an alternative may itself tokenize into several tokens ("wouldn't"): expand in place
            expanded = [tokenize(a.rstrip("*")) + (["*"] if a.endswith("*") else [])
                        for a in alternatives]
            if any(len([t for t in toks if t != "*"]) != 1 for toks in expanded):
                if len(alternatives) != 1:
                    raise ValueError(f"pattern {pattern!r}: alternatives in {chunk!r} must be "
                                     "single tokens")
                for tok in expanded[0]:
                    if tok != "*":
                        slots.append((frozenset([normalize_token(tok)]), ()))
                if expanded[0][-1:] == ["*"]:
                    lits, _ = slots[-1]
                    slots[-1] = (frozenset(), tuple(lits))
                continue
            literals, prefixes = set(), []
            for a, toks in zip(alternatives, expanded):
                word = normalize_token(toks[0])
                if a.endswith("*"):
                    prefixes.append(word)
                else:
                    literals.add(word)
            slots.append((frozenset(literals), tuple(prefixes)))
        if not slots:
            raise ValueError("empty pattern")
        return slots

    def _candidates(self, word: str):
        found = self._by_first.get(word, [])
        if self._prefix_first:
            extra = [e for prefixes, e in self._prefix_first
                     if any(word.startswith(p) for p in prefixes)]
            if extra:
                found = sorted(found + extra, key=lambda e: -e[2])
        return found

    def find(self, seg: Segmentation) -> list[tuple[int, int, object]]:
        """Matches as ``(first_token, last_token_excluded, payload)``."""
        norm = seg.norm
        out = []
        for first, last in seg.sentence_token_ranges:
            i = first
            while i < last:
                best = None
                for slots, payload, length in self._candidates(norm[i]):
                    if i + length > last:
                        continue
                    ok = True
                    for k in range(1, length):
                        lits, prefixes = slots[k]
                        w = norm[i + k]
                        if w not in lits and not any(w.startswith(p) for p in prefixes):
                            ok = False
                            break
                    if ok:
                        best = (i, i + length, payload)
                        break
                if best:
                    out.append(best)
                    i = best[1]
                else:
                    i += 1
        return out

    def find_spans(self, seg: Segmentation) -> list[tuple[int, int, object]]:
        """Matches as character spans ``(start, end, payload)``."""
        spans = seg.token_spans
        return [(spans[a][0], spans[b - 1][1], p) for a, b, p in self.find(seg)]


def iter_sentences(seg: Segmentation) -> Iterable[tuple[int, int, int]]:
    """Yield ``(index, start, end)`` for every sentence."""
    for i, (s, e) in enumerate(seg.sentences):
        yield i, s, e


# ---------------------------------------------------------------------------------------------
# language check (shared: every family built on English word lists skips other languages)

#: Frequent English function words; in English news they make up roughly 35-50% of the words.
_ENGLISH_FUNCTION_WORDS = frozenset(["the", "a", "an", "of", "to", "in", "and", "or", "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "for", "on", "at", "by", "with", "from", "as", "not", "no", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "them", "him", "who", "which", "what", "will", "would", "can", "could", "said", "says", "than", "then", "there", "also", "about", "after", "into", "over", "more"])
#: Frequent function words of other Latin-script languages (French, German, Spanish, Italian,
#: Portuguese, Dutch), none of them also an English word.
_OTHER_FUNCTION_WORDS = frozenset(["le", "la", "les", "des", "une", "du", "et", "est", "sont", "dans", "pour", "qui", "que", "pas", "sur", "avec", "ce", "cette", "au", "aux", "ont", "été", "il", "elle", "nous", "vous", "ils", "sera", "leur", "mais", "ou", "très", "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "dem", "mit", "von", "sich", "auf", "für", "auch", "wird", "sind", "wurde", "bei", "nach", "im", "hat", "werden", "soll", "wir", "noch", "oder", "aber", "nur", "wie", "kann", "einen", "einer", "zum", "zur", "über", "vor", "sie", "er", "el", "los", "las", "y", "es", "en", "del", "por", "para", "una", "con", "su", "sus", "se", "lo", "como", "pero", "más", "está", "fue", "il", "di", "che", "è", "per", "un", "della", "delle", "degli", "alla", "nel", "sono", "non", "ha", "anche", "questo", "o", "os", "da", "do", "em", "um", "não", "uma", "dos", "das", "ao", "pelo", "pela", "mais", "foi", "são", "het", "een", "en", "van", "dat", "niet", "op", "te", "zijn", "voor", "met", "ook", "wordt", "aan"]) - _ENGLISH_FUNCTION_WORDS


_ENGLISH_MIN_WORDS = 12


def _function_word_counts(norm: list[str], tokens: list[str], max_words: int):
    """``(words, English function words, other languages' function words, those of them in lower
    case or opening the text)`` among the first ``max_words`` words of ``norm`` (tokens starting
    with a letter): the reference for ``framing._text_c.function_word_counts``.

    >>> _function_word_counts(["die", "regierung", "und", "the"], ["Die", "Regierung", "und", "the"], 400)
    (4, 1, 2, 2)
    """
    n = en = other = other_lower = 0
    fw, ofw = _ENGLISH_FUNCTION_WORDS, _OTHER_FUNCTION_WORDS
    for k, w in enumerate(norm):
        if w[0].isalpha():
            n += 1
            if w in fw:
                en += 1
            elif w in ofw:
                other += 1
                if n == 1 or not tokens[k][:1].isupper():
                    other_lower += 1
            if n >= max_words:
                break
    return n, en, other, other_lower


def _latin_letters(text: str, limit: int) -> tuple[int, int]:
    """``(letters, Latin-script letters)`` among ``text[:limit]``: the reference for
    ``framing._text_c.latin_letters``.

    >>> _latin_letters("Ça va, Москва", 3000)
    (10, 4)
    """
    letters = latin = 0
    for ch in text[:limit]:
        if ch.isalpha():
            letters += 1
            if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff":
                latin += 1
    return letters, latin


def looks_english(seg: Segmentation) -> bool:
    """Cheap language check (use :attr:`Segmentation.english`, which caches it). Not English:
    mostly letters of a non-Latin script, or at least three function words of another
    Latin-script language and at least twice as many of them as English function words (in a
    text of fewer than 12 words, counting only those written in lower case or opening the text,
    so that names such as "La Paz" or "Die Hard" do not count). Texts without function words
    (lists, short headlines) count as English."""
    if _TEXT_C is None:
        n, en, other, other_lower = _function_word_counts(seg.norm, seg.tokens, 400)
    else:  # the same counts, in C
        n, en, other, other_lower = _TEXT_C.function_word_counts(
            seg.norm, seg.tokens, _ENGLISH_FUNCTION_WORDS, _OTHER_FUNCTION_WORDS, 400)
    if n >= _ENGLISH_MIN_WORDS and en >= 0.15 * n and en > other:
        return True  # plainly English by its function words; skip the script count
    letters, latin = (_latin_letters if _TEXT_C is None else _TEXT_C.latin_letters)(seg.text,
                                                                                     3000)
    if letters and latin < 0.5 * letters:
        return False
    if n < _ENGLISH_MIN_WORDS:
        other = other_lower
    return not (other >= 3 and other >= 2 * en)
