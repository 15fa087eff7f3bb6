"""Frame codebooks: the YAML (or two-column CSV) format, its validation, and loading.

A codebook names a set of frames and, for each, the cue patterns that signal it. Patterns use the
:class:`framing.text.PhraseMatcher` syntax: words and multiword phrases, ``a|b`` alternatives in
a slot, and ``prefix*`` wildcards (at least three characters before the ``*``). Matching is
case-insensitive. Alternatives bind to one word: ``health care|costs`` is *health* followed by
*care* or *costs*; two different phrases are two cues (``health care`` and ``healthcare``).
One use of case: a one-word cue written all in lower case does not count where the text uses
its word in a person's name ("Tom Price" for ``price``, "Hope Hicks" for ``hope``); write a
cue meant as a name with a capital (``Putin``, ``Christian``) and it always counts.
Hyphenated words: a word that no cue matches whole is matched by its parts, read as a phrase
(``asylum seeker*`` matches "asylum-seekers", ``health care`` "health-care") or else by its last
part, the compound's head (``border`` matches "cross-border", ``smuggl*`` "anti-smuggling", but
``must`` not "must-pass"); the evidence is the whole word. In-law kin ("son-in-law") are no
``law``. A cue written with a hyphen matches only the hyphenated word.

YAML schema (every key other than ``frames`` is optional; unknown keys are errors)::

    name: my_codebook            # short name; default: the file name
    version: "1.0"               # free text; the content hash is recorded as well
    title: ...                   # one line
    citation: ...                # the published scheme the codebook follows
    licence: ...
    notes: ...
    language: en                 # the cues' language; with "en", texts that do not look
                                 # English are left unscored (given by the shipped codebooks)
    presence:                    # defaults for the presence rule (see framing.frames.score)
      threshold: 0.1             # share of sentences that must cue a frame
      min_sentences: 2           # and at least this many sentences (capped at the text's)
    frames:
      economic:                  # frame name (matched case- and separator-insensitively)
        description: ...         # what the frame is, in prose
        provenance: ...          # which published definition the cues follow
        cues: [econom*, cost|costs, price tag]
        exclude: [economy class] # phrases in which no cue counts for this frame
        threshold: 0.12          # optional per-frame presence threshold
      other:
        description: ...
        residual: true           # present when no other frame is (needs no cues)

A CSV codebook has two columns, ``frame,term`` (a header row with those names, or such as
``category,keyword``, is optional); the codebook's name is the file name.

Checks on load, each reported with the file and line: unknown keys, frames with no cues, invalid
patterns, duplicate frame names, reserved names. A term listed under two frames is a
:class:`CodebookWarning` (it then counts for both).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import compress, repeat
from operator import contains
from pathlib import Path

import yaml

from framing.errors import InputError
from framing.results import data_version, read_data_text
from framing.text import PhraseMatcher, Segmentation

__all__ = ["Codebook", "CodebookError", "CodebookWarning", "Frame", "canonical_name",
           "codebook_version", "load_codebook", "shipped_codebooks"]

#: Shortest allowed prefix before a ``*`` wildcard (``tax*`` is fine, ``ta*`` matches too much).
MIN_PREFIX = 3
#: Frame names that would collide with the result's own columns.
RESERVED_NAMES = frozenset({"primary", "n_present", "n_tied", "n_sentences", "n_words",
                            "n_cues", "none", "method", "scheme"})
#: Suffixes of per-frame columns; a frame name must not end in ``_<suffix>`` of another frame.
COLUMN_SUFFIXES = ("share", "density", "prob")

_TOP_KEYS = {"name", "version", "title", "citation", "licence", "license", "notes", "language",
             "presence", "frames"}
_FRAME_KEYS = {"description", "provenance", "cues", "exclude", "threshold", "residual", "notes"}
_PRESENCE_KEYS = {"threshold", "min_sentences"}
_NAME_RE = re.compile(r"[^0-9a-z]+")
_REGEX_CHARS = re.compile(r"[\[\](){}\\^+?]|\.\*")


class CodebookError(InputError):
    """A codebook file that cannot be used; names the file, line and key."""

    default_message = "invalid codebook"

    def __str__(self) -> str:
        where = [p for p in (self.path, None if self.row is None else f"line {self.row}") if p]
        if self.field:
            where.append(f"{self.field}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        return f"{text}. {self.hint}" if self.hint else text


class CodebookWarning(UserWarning):
    """A codebook that loads but is probably not what its author meant."""


def canonical_name(label) -> str:
    """The canonical form of a frame name: lower case, words joined by ``_``.

    >>> canonical_name("Security and Defense"), canonical_name("Legality, Constitutionality")
    ('security_and_defense', 'legality_constitutionality')
    """
    return _NAME_RE.sub("_", str(label).lower()).strip("_")


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook."""

    name: str
    description: str = ""
    provenance: str = ""
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    threshold: float | None = None
    residual: bool = False


@lru_cache(maxsize=1)
def _matching_compiled():
    """The compiled ``framing._matching_c``, or None (see :mod:`framing._compiled`)."""
    from framing._compiled import extension

    return extension("matching")


def _containing(words: list[str], part: str) -> list[int]:
    """The indices of the words that contain ``part`` (in C where ``framing._matching_c`` is
    built, else :func:`_containing_python`)."""
    compiled = _matching_compiled()
    return _containing_python(words, part) if compiled is None else \
        compiled.containing(words, part)


def _containing_python(words: list[str], part: str) -> list[int]:
    """:func:`_containing` in Python (the reference for its compiled version)."""
    return list(compress(range(len(words)), map(contains, words, repeat(part))))


#: The candidates of a word that starts no pattern, one list shared by all such words in the
#: matchers' caches (never modified) instead of an empty list per distinct word of the corpus.
_NO_CANDIDATES: list = []


#: Up to this many wildcard prefixes, the compiled scan tests each word against each of them.
_FEW_PREFIXES = 64


class _Matcher(PhraseMatcher):
    """A :class:`PhraseMatcher` for codebooks.

    Two differences from its base: where several patterns match the same longest span, ``find``
    returns all their payloads (so a term listed under two frames counts for both, however the
    alternatives are grouped); and wildcard candidates are found by dictionary look-ups of a
    word's prefixes, cached per word, instead of testing every wildcard against every word, so
    a codebook with hundreds of wildcards stays fast.

    Where the optional compiled part ``framing._matching_c`` is built, ``find`` runs its token
    scan in C (``codebook_find``: the same steps over the same tables, ``_candidates`` called
    back for a word not yet cached that starts a pattern or a wildcard's prefix). A word that
    starts none, most words, is told there by a look-up in ``_by_first`` and a test of the few
    wildcard prefixes, and is not cached: the cache, which in Python holds every word met, then
    holds the words that start a cue, and its look-ups, costly in a large dict, are fewer (with
    many wildcards, such a word is cached as ``_candidates`` caches it, without the call).
    :meth:`find_python` is the reference and the fallback
    (see :mod:`framing._compiled`), and both give the same matches in the same order.
    """

    _CACHE_LIMIT = 200_000

    def __init__(self, patterns):
        super().__init__(patterns)
        order = {id(entry): i for i, (_, entry) in enumerate(self._prefix_first)}
        self._order = order
        index: dict[str, list] = {}
        for prefixes, entry in self._prefix_first:
            for p in prefixes:
                index.setdefault(p, []).append(entry)
        self._prefix_index = index
        lengths = [len(p) for p in index]
        # the wildcards' prefixes, where few enough to test a word against each of them: with
        # them the compiled scan tells a word that starts no pattern without the cache
        self._prefixes = tuple(index) if len(index) <= _FEW_PREFIXES else None
        self._min_len = min(lengths, default=1)
        self._max_len = max(lengths, default=0)
        self._cache: dict[str, list] = {}
        self._gates: dict[str, tuple | None] = {}
        # words whose every pattern is that one word: their match is always the word itself,
        # with these payloads (most cue words; found without trying the patterns)
        self._singles: dict[str, tuple] = {}

    def _candidates(self, word: str):
        found = self._cache.get(word)
        if found is not None:
            return found
        found = self._by_first.get(word, _NO_CANDIDATES)
        if self._prefix_index:
            extra = []
            for n in range(self._min_len, min(len(word), self._max_len) + 1):
                extra.extend(self._prefix_index.get(word[:n], ()))
            if extra:
                seen, unique = set(), []
                for e in sorted(extra, key=lambda e: self._order[id(e)]):
                    if id(e) not in seen:
                        seen.add(id(e))
                        unique.append(e)
                found = sorted(found + unique, key=lambda e: -e[2])
        if len(self._cache) < self._CACHE_LIMIT:
            self._cache[word] = found
            self._gates[word] = self._gate(found)
            if found and all(length == 1 for _, _, length in found):
                self._singles[word] = tuple(payload for _, payload, _ in found)
        return found

    @staticmethod
    def _gate(found):
        """For a word that only starts multiword patterns: the literal words and prefixes that
        may follow it (a cheap test before trying the patterns); None otherwise."""
        if not found or any(length == 1 for _, _, length in found):
            return None
        lits, prefixes = set(), set()
        for slots, _, _ in found:
            lits |= slots[1][0]
            prefixes.update(slots[1][1])
        return frozenset(lits), tuple(prefixes)

    def find(self, seg: Segmentation) -> list[tuple[int, int, list]]:
        """Matches as ``(first_token, last_token_excluded, payloads)``: the longest match at
        each position, with the payloads of every pattern that matches that span."""
        compiled = _matching_compiled()
        if compiled is None or len(seg.token_sentence) != len(seg.norm):
            return self.find_python(seg)
        return compiled.codebook_find(seg.norm, seg.sentence_token_ranges, seg.token_sentence,
                                      self._cache, self._gates, self._singles, self._candidates,
                                      (self._by_first, self._prefix_index, self._min_len,
                                       self._max_len, self._CACHE_LIMIT, _NO_CANDIDATES,
                                       self._prefixes))

    def find_python(self, seg: Segmentation) -> list[tuple[int, int, list]]:
        """:meth:`find` in Python (the reference for its compiled version)."""
        norm = seg.norm
        cands = list(map(self._cache.get, norm))  # candidates of every token, at C speed
        if None in cands:
            cands = [c if c is not None else self._candidates(w) for c, w in zip(cands, norm)]
        ranges, tok_sent = seg.sentence_token_ranges, seg.token_sentence
        if len(tok_sent) != len(norm):  # every token lies in a sentence; be safe if not
            return self._find_by_sentence(seg, cands)
        out = []
        skip = 0
        n = len(norm)
        gates, singles = self._gates, self._singles
        for i in compress(range(n), cands):  # only tokens that can start a cue
            if i < skip:
                continue
            gate = gates.get(norm[i])
            if gate is None:
                single = singles.get(norm[i])
                if single is not None:  # what _match would return, without trying patterns
                    out.append((i, i + 1, list(single)))
                    skip = i + 1
                    continue
            else:  # only multiword patterns start here: test the next word
                nxt = norm[i + 1] if i + 1 < n else ""
                if nxt not in gate[0] and not nxt.startswith(gate[1]):
                    continue
            m = self._match(norm, i, ranges[tok_sent[i]][1], cands[i])
            if m:
                out.append(m)
                skip = m[1]
        return out

    def _find_by_sentence(self, seg, cands):
        out = []
        for first, last in seg.sentence_token_ranges:
            skip = first
            for i in range(first, last):
                if i >= skip and cands[i]:
                    m = self._match(seg.norm, i, last, cands[i])
                    if m:
                        out.append(m)
                        skip = m[1]
        return out

    @staticmethod
    def _match(norm, i, last, found):
        best, payloads = 0, None
        for slots, payload, length in found:
            if length < best:
                break
            if i + length > last:
                continue
            for k in range(1, length):
                lits, prefixes = slots[k]
                w = norm[i + k]
                if w not in lits and not w.startswith(prefixes):
                    break
            else:
                if best:
                    payloads.append(payload)
                else:
                    best, payloads = length, [payload]
        return (i, i + best, payloads) if best else None


@dataclass(frozen=True, eq=False)
class Codebook:
    """A loaded, validated codebook.

    Attributes
    ----------
    name : short name (``policy``, ``generic``, or the user's).
    frames : the frames, in codebook order.
    version : the codebook's own version string ("" when it gives none).
    digest : content hash of the source text (changes whenever the file does).
    source : where it came from (a shipped name or a file path).
    threshold, min_sentences : default presence rule, or None for the library default.
    citation, title : as given in the file.
    language : the language of the cues as the file gives it (``language: en``); with ``en``,
        texts that do not look English are left unscored. "" (not given): every text is scored.
    text, fmt : the source text and its format (``yaml`` or ``csv``), kept so that a trained
        model can embed the exact codebook it was trained with.
    """

    name: str
    frames: tuple[Frame, ...]
    version: str = ""
    digest: str = ""
    source: str = ""
    threshold: float | None = None
    min_sentences: int | None = None
    citation: str = ""
    title: str = ""
    language: str = ""
    text: str = field(default="", repr=False)
    fmt: str = "yaml"

    @property
    def names(self) -> tuple[str, ...]:
        """Frame names in codebook order."""
        return tuple(f.name for f in self.frames)

    def frame(self, label) -> Frame:
        """The frame a user-given label refers to (case- and separator-insensitive)."""
        return self.frames[self.index(label)]

    def index(self, label) -> int:
        """Position of the frame a label refers to; raises ``KeyError`` listing the valid names."""
        key = canonical_name(label)
        try:
            return self._positions[key]
        except KeyError:
            raise KeyError(f"no frame {label!r} in codebook {self.name!r}; frames: "
                           + ", ".join(self.names)) from None

    @cached_property
    def content_key(self) -> str:
        """A short hash of what the codebook matches and decides (frames with their cues,
        exclusions, thresholds and residual flag; the presence rule; the language), unlike
        ``digest``, which hashes the file's text."""
        return data_version(json.dumps({
            "frames": [[f.name, list(f.cues), list(f.exclude), f.threshold, f.residual]
                       for f in self.frames],
            "threshold": self.threshold, "min_sentences": self.min_sentences,
            "language": self.language}, sort_keys=True, default=str))

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {f.name: i for i, f in enumerate(self.frames)}

    @cached_property
    def matcher(self) -> _Matcher:
        """One matcher for every cue of the codebook; each pattern's payload is
        ``(frame index, pattern)``."""
        return _Matcher([(cue, (i, cue)) for i, f in enumerate(self.frames) for cue in f.cues])

    @cached_property
    def exclusion_matcher(self) -> _Matcher | None:
        """One matcher for every exclusion phrase; payload: the frame index (None without any)."""
        patterns = [(ex, i) for i, f in enumerate(self.frames) for ex in f.exclude]
        return _Matcher(patterns) if patterns else None

    def find(self, seg: Segmentation, *,
             hyphenated: bool = True) -> list[tuple[int, int, tuple[int, ...], str]]:
        """Cue matches in a segmented text: ``(first_token, last_token_excluded, frame indices,
        pattern)``; ``hyphenated``: also match hyphenated words by their parts (see the module
        notes).

        At each position the longest matching cue wins (matches never overlap) and counts for
        every frame that lists a cue matching that span, except a frame with an exclusion
        phrase overlapping it ("economy class" for ``economic``: "economy" there is no cue of
        that frame, while another frame's cue inside the phrase still counts); ``pattern`` is
        the first such cue.
        """
        excluded = []  # (first, last, frame indices) of the exclusion phrases found
        if self.exclusion_matcher is not None:
            excluded = [(a, b, set(frames)) for a, b, frames in self.exclusion_matcher.find(seg)]
        found = self.matcher.find(seg)
        compiled = _matching_compiled()
        if compiled is None:
            out = self._reduce_python(seg, found, excluded)
        else:
            out = compiled.codebook_reduce(found, seg.tokens, excluded, seg, _PersonNames)
        return self._hyphenated(seg, out, excluded) if hyphenated and "-" in seg.text else out

    @staticmethod
    def _reduce_python(seg: Segmentation, found: list, excluded: list) -> list:
        """The cue matcher's matches ``(first, last, payloads)`` as ``(first, last, frame
        indices, pattern)``: without the lower-case cues of a capitalized word in a person's
        name, nor the frames of the exclusion phrases overlapping the match; a match left with
        no frame dropped. In Python (the reference for ``framing._matching_c.codebook_reduce``,
        which :meth:`find` runs where it is built)."""
        ex_starts = [a for a, _, _ in excluded]
        out = []
        names = None
        tokens = seg.tokens
        for a, b, payloads in found:
            if b - a == 1 and tokens[a][:1].isupper() and any(p.islower() for _, p in payloads):
                if names is None:
                    names = _PersonNames(seg)
                if names.is_name(a):  # a lower-case cue's word used in a person's name
                    payloads = [(i, p) for i, p in payloads if not p.islower()]
            if excluded:
                banned = set()
                # exclusion phrases overlapping [a, b): they start before b and end after a
                # (found by one longest-match pass, they do not overlap each other, so their
                # ends rise with their starts and the first one ending by a ends the search)
                for k in range(bisect_left(ex_starts, b) - 1, -1, -1):
                    _xa, xb, frames = excluded[k]
                    if xb <= a:
                        break
                    banned |= frames
                if banned:
                    payloads = [(i, p) for i, p in payloads if i not in banned]
            if not payloads:
                continue
            if len(payloads) == 1:  # (most matches: the same as below, faster)
                idx, pattern = (payloads[0][0],), payloads[0][1]
            else:
                idx = tuple(sorted({i for i, _ in payloads}))
                pattern = next(p for i, p in payloads if i in idx)
            out.append((a, b, idx, pattern))
        return out

    def _hyphenated(self, seg: Segmentation, found: list, excluded: list) -> list:
        """``found`` plus the hyphenated words no cue matched whole that a cue matches by their
        parts: all of them as a phrase ("asylum-seekers" for ``asylum seeker*``), or else the
        last part, the compound's head ("cross-border" for ``border``)."""
        norm, tokens = seg.norm, seg.tokens
        starts = [a for a, _, _, _ in found]  # in text order, not overlapping
        exclusions = self.exclusion_matcher
        known = self._hyphenated_words
        extra = []
        names = None
        for i in _containing(norm, "-"):
            k = bisect_right(starts, i) - 1
            if k >= 0 and i < found[k][1]:  # a cue matched the word whole, or a phrase with it
                continue
            w = norm[i]
            word = known.get(w, _UNKNOWN)
            if word is _UNKNOWN:
                word = self._hyphenated_word(w)
                if len(known) < _Matcher._CACHE_LIMIT:
                    known[w] = word
            if word is None:
                continue
            payloads, head = word
            if head is not None:  # an exclusion the head opens: "ex-vice president"
                after = [head] + norm[i + 1:i + 4]
                x = exclusions._match(after, 0, len(after), exclusions._candidates(head))
                if x:
                    payloads = [(f, p) for f, p in payloads if f not in set(x[2])]
            if tokens[i][:1].isupper() and any(p.islower() for _, p in payloads):
                if names is None:
                    names = _PersonNames(seg)  # built once per text, as in find
                in_name = names.is_name(i)
                payloads = [(f, p) for f, p in payloads if not (p.islower() and in_name)]
            banned = set()
            for xa, xb, frames in excluded:
                if xa <= i < xb:
                    banned |= frames
            payloads = [(f, p) for f, p in payloads if f not in banned]
            if payloads:
                idx = tuple(sorted({f for f, _ in payloads}))
                extra.append((i, i + 1, idx, next(p for f, p in payloads if f in idx)))
        if not extra:
            return found
        return sorted(found + extra, key=lambda m: m[0])

    @cached_property
    def _hyphenated_words(self) -> dict:
        """:meth:`_hyphenated_word` of the hyphenated words met (up to ``_CACHE_LIMIT``)."""
        return {}

    def _hyphenated_word(self, w: str):
        """What a hyphenated word's own parts decide, the same wherever it stands: None when no
        cue counts for it, else the payloads of its cue match (less the frames of an exclusion
        phrase among its parts, "Cuban-Americans") and its head, the last part, where the match
        is by the head and the head opens an exclusion phrase (else None), which the words after
        it may complete ("ex-vice president")."""
        if w.startswith("-") or w.endswith(("-", "-in-law", "-in-laws")):  # "son-in-law": kin
            return None
        matcher, exclusions = self.matcher, self.exclusion_matcher
        parts = [p for p in w.split("-") if p]
        # the compound as a phrase ("health-care" = health care), else its head, the last
        # part ("cross-border", "anti-abortion"; not "must" in "must-pass"); a one-letter
        # first part is a party code or a letter, not a modifier ("D-Ill.", "X-ray")
        m = matcher._match(parts, 0, len(parts), matcher._candidates(parts[0]))
        head = False
        if (not m or m[1] < len(parts)) and len(parts[0]) > 1:
            m = matcher._match(parts, len(parts) - 1, len(parts), matcher._candidates(parts[-1]))
            head = True
        if not m or (m[1] < len(parts) and not head):
            return None
        payloads = m[2]
        if exclusions is None:
            return tuple(payloads), None
        for k in range(len(parts)):  # an exclusion among the parts: "Cuban-Americans"
            x = exclusions._match(parts, k, len(parts), exclusions._candidates(parts[k]))
            if x and x[0] < m[1] and m[0] < x[1]:
                payloads = [(f, p) for f, p in payloads if f not in set(x[2])]
        opens = head and exclusions._candidates(parts[-1])
        return tuple(payloads), parts[-1] if opens else None


#: No entry yet (a hyphenated word's entry may be None).
_UNKNOWN = object()


def _tsv_rows(*parts: str):
    for line in read_data_text(*parts).splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and not line.startswith("#") and cells[0] not in ("word", "title"):
            yield cells


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset, frozenset, frozenset]:
    """From the sources family's lists: given names; words written before a surname (given
    names, honorifics, abbreviated titles such as "Sen."); and titles ("president", "judge")."""
    given, before, titles = set(), set(), set()
    for cells in _tsv_rows("sources", "gender_words.tsv"):
        if cells[2].startswith("given name") and cells[0] not in _PLACE_NAMES:
            given.add(cells[0])
        elif "honorific" not in cells[2]:
            continue
        before.add(cells[0].rstrip("."))
    for cells in _tsv_rows("sources", "titles.tsv"):
        if cells[0].endswith("."):
            before.add(cells[0].rstrip("."))
        else:
            titles.add(cells[0])
    return frozenset(given), frozenset(before), frozenset(titles)


#: Given names that are also the names of places in news ("Virginia Republican", "San Antonio
#: Mayor"); they do not mark the next word as a surname.
_PLACE_NAMES = frozenset({"virginia", "georgia", "carolina", "charlotte", "madison", "austin",
                          "victoria", "francisco", "antonio", "juan", "jose", "diego", "louis",
                          "eugene", "jackson", "lincoln", "orlando", "houston", "dallas",
                          "florence", "augusta", "helena", "israel", "alexandria"})
#: Words before a given name that make it part of a place name ("San Gabriel Police").
_PLACE_PREFIXES = frozenset({"san", "santa", "st", "saint", "los", "las", "fort", "port", "mount",
                             "lake", "new", "east", "west", "north", "south"})


class _PersonNames:
    """Which capitalized cue words of one text are part of a person's name.

    A cue written all in lower case in the codebook does not count where the text uses its
    word as (part of) a person's name: after a given name or honorific ("Tom Price", "Dr.
    Price"), and then at every later capitalized use in the same text ("Price said"); or as a
    given name before a capitalized word ("Hope Hicks", "Rob Portman"). Given names, honorifics
    and titles come from the sources family's ``gender_words.tsv`` and ``titles.tsv``; a title
    after an honorific ("Mr. President") is not a surname. Cues meant as names are written with
    a capital in the codebook ("Putin", "Christian") and are never dropped.
    """

    __slots__ = ("seg", "surnames")

    def __init__(self, seg: Segmentation):
        self.seg = seg
        self.surnames: set[str] = set()

    def is_name(self, i: int) -> bool:
        seg = self.seg
        tokens = seg.tokens
        if tokens[i].isupper():  # an all-capitals headline or acronym says nothing about names
            return False
        word = seg.norm[i]
        if word in self.surnames:
            return True
        given, before, titles = _name_words()
        first, last = seg.sentence_token_ranges[seg.token_sentence[i]]
        j = i - 1
        if j > first and tokens[j] == ".":  # "Sen. Portman"
            j -= 1
        if j >= first and tokens[j][:1].isupper() and not (
                j > first and tokens[j - 1].lower() in _PLACE_PREFIXES):
            prev = tokens[j].lower()
            if prev in given:
                if word not in titles:  # "Mark Judge" is a name, a later "Judge" may not be
                    self.surnames.add(word)
                return True
            if prev in before and word not in titles:  # "Mr. President" is no surname
                self.surnames.add(word)
                return True
        if word in given and i + 1 < last:
            nxt = tokens[i + 1]
            return nxt[:1].isupper() and not nxt.isupper()
        return False


#: Patterns expanding to more alternatives than this are not checked for overlaps.
_MAX_ATOMS = 2000


def _atoms(pattern: str) -> list[tuple[str, ...]]:
    """Every single-alternative form of a pattern: ``"tax|taxes cut*"`` -> ``[("tax", "cut*"),
    ("taxes", "cut*")]`` (a word ending in ``*`` is a wildcard)."""
    out: list[tuple[str, ...]] = [()]
    for lits, prefixes in PhraseMatcher.compile(pattern):
        words = sorted(lits) + [p + "*" for p in sorted(prefixes)]
        out = [a + (w,) for a in out for w in words]
        if len(out) > _MAX_ATOMS:
            return []
    return out


class _OverlapChecker:
    """Warns when a cue is listed twice in a frame, or when a word or phrase is a cue of two
    frames (exact forms, and single words covered by another frame's wildcard)."""

    def __init__(self, path: str):
        self.path = path
        self.atoms: dict[tuple[str, ...], tuple[str, int, str]] = {}
        self.prefixes: dict[str, tuple[str, int, str]] = {}
        self.words: dict[str, tuple[str, int, str]] = {}

    def add(self, frame: str, pattern: str, line: int) -> bool:
        """Record a cue; False (after a warning) when the frame already lists it."""
        atoms = _atoms(pattern)
        same = [self.atoms[a] for a in atoms if a in self.atoms and self.atoms[a][0] == frame]
        if same and len(same) == len(atoms):
            self._warn(line, f"cue {pattern!r} is listed twice under frame {frame!r} (first on "
                             f"line {same[0][1]})")
            return False
        reported = set()
        for atom in atoms:
            hits = [self.atoms.get(atom)]
            if len(atom) == 1:
                word = atom[0]
                if word.endswith("*"):
                    hits += [v for w, v in self.words.items() if w.startswith(word[:-1])]
                else:
                    hits += [v for p, v in self.prefixes.items() if word.startswith(p)]
            for hit in hits:
                if hit and hit[0] != frame and (hit[0], hit[2]) not in reported:
                    reported.add((hit[0], hit[2]))
                    self._warn(line, f"{' '.join(atom)!r} in cue {pattern!r} of frame {frame!r} "
                                     f"is also a cue of frame {hit[0]!r} ({hit[2]!r}, line "
                                     f"{hit[1]}); it counts for both")
        for atom in atoms:
            self.atoms.setdefault(atom, (frame, line, pattern))
            if len(atom) == 1:
                word = atom[0]
                store = self.prefixes if word.endswith("*") else self.words
                store.setdefault(word.rstrip("*"), (frame, line, pattern))
        return True

    def _warn(self, line: int, message: str) -> None:
        warnings.warn(f"{self.path}, line {line}: {message}", CodebookWarning, stacklevel=6)


# --- loading ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _manifest() -> dict:
    return yaml.safe_load(read_data_text("frames", "manifest.yaml"))


def shipped_codebooks() -> dict[str, str]:
    """Names and titles of the shipped codebooks.

    >>> sorted(shipped_codebooks())
    ['generic', 'policy']
    """
    return {name: entry.get("title", "") for name, entry in _manifest()["codebooks"].items()}


#: Names that load a shipped codebook (they take precedence over files of the same name; write
#: ``./policy`` for a file).
_SHIPPED_NAMES = frozenset({"policy", "generic"})


@lru_cache(maxsize=8)
def _shipped(name: str) -> Codebook:
    entry = _manifest()["codebooks"][name]
    text = read_data_text("frames", entry["file"])
    return _parse_yaml(text, f"framing/data/frames/{entry['file']}", source=name)


@lru_cache(maxsize=16)
def _from_file(path: str, mtime_ns: int, size: int) -> Codebook:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise CodebookError(path, "the codebook is not valid UTF-8",
                            hint=f"byte {err.start}; save the file as UTF-8") from None
    return parse_codebook(text, path, fmt="csv" if path.lower().endswith((".csv", ".tsv"))
                          else "yaml")


def parse_codebook(text: str, source: str = "<codebook>", *, fmt: str = "yaml") -> Codebook:
    """Parse and validate codebook text (``fmt`` ``yaml`` or ``csv``); ``source`` names it in
    error messages."""
    if fmt == "yaml":
        return _parse_yaml(text, source, source=source)
    if fmt == "csv":
        return _parse_csv(text, source)
    raise ValueError(f"fmt must be one of 'yaml', 'csv', not {fmt!r}")


def load_codebook(codebook="policy") -> Codebook:
    """Load a codebook: a shipped name (``policy``, ``generic``), a YAML or CSV file, or a
    :class:`Codebook` (returned as is). Loaded codebooks are cached; a changed file is re-read.

    Raises :class:`CodebookError` naming the file, line and key of the first problem found.

    >>> cb = load_codebook("generic")
    >>> cb.names
    ('conflict', 'human_interest', 'economic_consequences', 'morality', 'responsibility')
    >>> cb.frame("Human Interest").name
    'human_interest'
    """
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, str) and codebook in _SHIPPED_NAMES:
        return _shipped(codebook)
    if isinstance(codebook, (str, os.PathLike)):
        p = Path(codebook)
        if p.suffix.lower() == ".npz":
            # a model saved by framing train: read as YAML it would be "not valid UTF-8"
            raise CodebookError(str(codebook), "a trained frame model (.npz), not a codebook",
                                hint="give the codebook (YAML or CSV) here; a model is taken "
                                     "where a model can be: framing analyze, inspect, report, "
                                     "validate frames and agreement --codebook, "
                                     "framing.analyze(codebook=...)")
        if not p.is_file():
            raise CodebookError(str(codebook), "no such codebook",
                                hint="give a shipped name (" + ", ".join(shipped_codebooks())
                                     + ") or the path of a YAML or CSV codebook")
        st = p.stat()
        return _from_file(str(p.resolve()), st.st_mtime_ns, st.st_size)
    raise TypeError("codebook must be a shipped name, a path or a Codebook, not "
                    f"{type(codebook).__name__}")


def codebook_version(codebook="policy") -> str:
    """A short hash of what a codebook matches and decides: its frames, cues, exclusions,
    presence rule and language. It changes when any of them does, not with a comment, the layout
    or the path the file is given by, so stored results are not scored again for those.

    >>> len(codebook_version("policy"))
    8
    """
    return load_codebook(codebook).content_key


# --- YAML ------------------------------------------------------------------------------------

def _line(node) -> int:
    return node.start_mark.line + 1


def _parse_yaml(text: str, path: str, *, source: str) -> Codebook:
    # libyaml's parser when PyYAML was built with it (its wheels are): about 10x faster, and its
    # nodes carry the same line marks for the error messages
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise CodebookError(path, f"not valid YAML: {err.problem or err}",
                            row=mark.line + 1 if mark else None,
                            hint="check indentation and quoting") from None
    except yaml.YAMLError as err:
        raise CodebookError(path, f"not valid YAML: {err}") from None
    finally:
        loader.dispose()
    if root is None:
        raise CodebookError(path, "the codebook is empty", hint="it needs a 'frames:' mapping")
    if not isinstance(root, yaml.MappingNode):
        raise CodebookError(path, "the codebook must be a mapping with a 'frames:' key",
                            row=_line(root))
    top = _mapping(root, path, "")
    for key, (knode, _) in top.items():
        if key not in _TOP_KEYS:
            raise CodebookError(path, f"unknown key {key!r}", row=_line(knode), field=key,
                                hint="allowed: " + ", ".join(sorted(_TOP_KEYS)))
    if "frames" not in top:
        raise CodebookError(path, "no 'frames:' mapping", row=1, field="frames")
    fnode = top["frames"][1]
    if not isinstance(fnode, yaml.MappingNode) or not fnode.value:
        raise CodebookError(path, "'frames' must be a non-empty mapping of frame name to frame",
                            row=_line(fnode), field="frames")
    presence = {}
    if "presence" in top:
        pnode = top["presence"][1]
        if not isinstance(pnode, yaml.MappingNode):
            raise CodebookError(path, "'presence' must be a mapping", row=_line(pnode),
                                field="presence")
        for key, (knode, vnode) in _mapping(pnode, path, "presence").items():
            if key not in _PRESENCE_KEYS:
                raise CodebookError(path, f"unknown key {key!r}", row=_line(knode),
                                    field=f"presence.{key}",
                                    hint="allowed: " + ", ".join(sorted(_PRESENCE_KEYS)))
            presence[key] = _number(vnode, path, f"presence.{key}", integer=key == "min_sentences")
    frames, checker = [], _OverlapChecker(path)
    for raw_name, (knode, vnode) in _mapping(fnode, path, "frames").items():
        frames.append(_frame(raw_name, knode, vnode, path, checker))
    _check_names([(f.name, ln) for f, ln in frames], path)
    residual = [(f.name, ln) for f, ln in frames if f.residual]
    if len(residual) > 1:
        raise CodebookError(path, f"{len(residual)} residual frames ({residual[0][0]!r} and "
                            f"{residual[1][0]!r}): a residual frame is present when no other "
                            "frame is, so a codebook has at most one", row=residual[1][1],
                            field=f"frames.{residual[1][0]}")
    meta = {k: _scalar_text(v, path, k) for k, (_, v) in top.items()
            if k in ("name", "version", "title", "citation", "language")}
    name = meta.get("name") or Path(path).stem.split(".")[0]
    return Codebook(name=name, frames=tuple(f for f, _ in frames), version=meta.get("version", ""),
                    digest=data_version(text), source=source,
                    threshold=presence.get("threshold"), min_sentences=presence.get("min_sentences"),
                    citation=meta.get("citation", ""), title=meta.get("title", ""),
                    language=_language(meta, source), text=text, fmt="yaml")


def _language(meta: dict, path: str) -> str:
    """The ``language:`` of a codebook, lower-cased; English however written (``English``,
    ``eng``, ``en-US``) is ``en``, which turns on the check that texts look English (a spelling
    such as ``english`` used to turn it off silently). Other values are kept: the toolkit has a
    language check for English only, so cues in another language score every text."""
    value = str(meta.get("language", "") or "").strip().lower()
    if value in ("english", "eng") or value.startswith(("en-", "en_")):
        return "en"
    return value


def _mapping(node, path: str, where: str) -> dict:
    out = {}
    for knode, vnode in node.value:
        if not isinstance(knode, yaml.ScalarNode):
            raise CodebookError(path, "keys must be plain names", row=_line(knode), field=where)
        key = knode.value
        if key in out:
            raise CodebookError(path, f"{key!r} is given twice (first on line "
                                f"{_line(out[key][0])})", row=_line(knode),
                                field=f"{where}.{key}" if where else key)
        out[key] = (knode, vnode)
    return out


def _scalar_text(node, path: str, where: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise CodebookError(path, "expected text", row=_line(node), field=where)
    return node.value.strip()


def _number(node, path: str, where: str, *, integer: bool = False):
    text = _scalar_text(node, path, where)
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        raise CodebookError(path, f"expected {'a whole number' if integer else 'a number'}, "
                            f"got {text!r}", row=_line(node), field=where) from None
    if value < 0 or (not integer and value > 1):
        raise CodebookError(path, f"{text} is out of range", row=_line(node), field=where,
                            hint="a share between 0 and 1" if not integer else "0 or more")
    return value


def _frame(raw_name: str, knode, vnode, path: str, checker: _OverlapChecker):
    name = canonical_name(raw_name)
    where = f"frames.{raw_name}"
    if not name:
        raise CodebookError(path, f"frame name {raw_name!r} has no letters or digits",
                            row=_line(knode), field=where)
    if vnode is None or (isinstance(vnode, yaml.ScalarNode) and vnode.value in ("", "~", "null")):
        raise CodebookError(path, "the frame is empty", row=_line(knode), field=where,
                            hint="give it 'cues:' (a list of terms), or 'residual: true'")
    if not isinstance(vnode, yaml.MappingNode):
        raise CodebookError(path, "a frame must be a mapping (description, cues, ...)",
                            row=_line(vnode), field=where)
    items = _mapping(vnode, path, where)
    for key, (k, _) in items.items():
        if key not in _FRAME_KEYS:
            raise CodebookError(path, f"unknown key {key!r}", row=_line(k), field=f"{where}.{key}",
                                hint="allowed: " + ", ".join(sorted(_FRAME_KEYS)))
    text = {k: _scalar_text(items[k][1], path, f"{where}.{k}")
            for k in ("description", "provenance") if k in items}
    residual = False
    if "residual" in items:
        rnode = items["residual"][1]
        value = _scalar_text(rnode, path, f"{where}.residual").lower()
        if value not in ("true", "false", "yes", "no"):
            raise CodebookError(path, f"residual must be true or false, got {value!r}",
                                row=_line(rnode), field=f"{where}.residual")
        residual = value in ("true", "yes")
    threshold = None
    if "threshold" in items:
        threshold = _number(items["threshold"][1], path, f"{where}.threshold")
    lists = {}
    for key in ("cues", "exclude"):
        lists[key] = _patterns(items[key][1], path, f"{where}.{key}") if key in items else []
    if not lists["cues"] and not residual:
        raise CodebookError(path, "the frame has no cues", row=_line(knode), field=where,
                            hint="give it 'cues:' (a list of terms), or 'residual: true'")
    if residual and lists["cues"]:
        raise CodebookError(path, "a residual frame takes no cues", row=_line(items["cues"][0]),
                            field=f"{where}.cues")
    kept = [(p, ln) for p, ln in lists["cues"] if checker.add(name, p, ln)]
    frame = Frame(name=name, description=text.get("description", ""),
                  provenance=text.get("provenance", ""),
                  cues=tuple(p for p, _ in kept),
                  exclude=tuple(dict.fromkeys(p for p, _ in lists["exclude"])),
                  threshold=threshold, residual=residual)
    return frame, _line(knode)


def _patterns(node, path: str, where: str) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise CodebookError(path, "expected a list of terms", row=_line(node), field=where,
                            hint="write one term per line, each starting with '- '")
    out = []
    for i, item in enumerate(node.value):
        field_name = f"{where}[{i}]"
        if not isinstance(item, yaml.ScalarNode):
            raise CodebookError(path, "a term must be text", row=_line(item), field=field_name)
        if item.tag == "tag:yaml.org,2002:null" or (
                not item.style and item.value in ("", "~", "null", "Null", "NULL")):
            raise CodebookError(path, "an empty term (YAML reads '~', 'null' or nothing as no "
                                "value)", row=_line(item), field=field_name,
                                hint="remove the line, or quote the term if you mean it")
        if item.tag == "tag:yaml.org,2002:bool" or (
                item.style is None and item.value.lower() in ("yes", "no", "on", "off", "true",
                                                              "false")):
            raise CodebookError(path, f"{item.value!r} reads as true/false in YAML",
                                row=_line(item), field=field_name,
                                hint=f"quote it: '{item.value}'")
        out.append((check_pattern(item.value, path=path, line=_line(item), field=field_name),
                    _line(item)))
    return out


def check_pattern(pattern: str, *, path: str = "<codebook>", line: int | None = None,
                  field: str | None = None) -> str:
    """Validate one cue pattern; return it stripped, or raise :class:`CodebookError`.

    >>> check_pattern("  tax|taxes ")
    'tax|taxes'
    >>> check_pattern("t*")
    Traceback (most recent call last):
    ...
    framing.frames.codebook.CodebookError: <codebook>: wildcard prefix 't' is shorter than 3 characters. write at least 3 characters before '*'
    """
    p = pattern.strip()

    def bad(message, hint=None):
        return CodebookError(path, message, row=line, field=field, hint=hint)

    if not p:
        raise bad("empty term")
    if _REGEX_CHARS.search(p):
        raise bad(f"{p!r} looks like a regular expression",
                  hint="write words or phrases; 'a|b' for alternatives, 'prefix*' for any ending")
    for chunk in p.split():
        alts = chunk.split("|")
        if any(not a for a in alts):
            raise bad(f"{p!r} has an empty alternative", hint="write 'a|b', not 'a||b' or '|a'")
        for a in alts:
            if "*" in a[:-1] or a == "*":
                raise bad(f"{p!r}: '*' may only end a word (prefix*)")
            if a.endswith("*") and len(a) - 1 < MIN_PREFIX:
                raise bad(f"wildcard prefix {a[:-1]!r} is shorter than {MIN_PREFIX} characters",
                          hint=f"write at least {MIN_PREFIX} characters before '*'")
    try:
        PhraseMatcher.compile(p)
    except ValueError as err:
        raise bad(f"invalid term {p!r}: {err}") from None
    return p


def _check_names(named: list[tuple[str, int]], path: str) -> None:
    seen: dict[str, int] = {}
    names = {n for n, _ in named}
    for name, line in named:
        if name in seen:
            raise CodebookError(path, f"two frames are both named {name!r} once case and "
                                f"separators are ignored (first on line {seen[name]})", row=line,
                                field=f"frames.{name}")
        seen[name] = line
        if name in RESERVED_NAMES:
            raise CodebookError(path, f"{name!r} is a reserved name", row=line,
                                field=f"frames.{name}",
                                hint="reserved: " + ", ".join(sorted(RESERVED_NAMES)))
        for suffix in COLUMN_SUFFIXES:
            base = name[: -len(suffix) - 1]
            if name.endswith("_" + suffix) and base in names:
                raise CodebookError(path, f"frame {name!r} would share a column with frame "
                                    f"{base!r}'s {suffix}", row=line, field=f"frames.{name}",
                                    hint="rename one of them")


# --- CSV -------------------------------------------------------------------------------------

#: First cells of a CSV codebook's header row (read as a header, not as a frame).
_CSV_HEADER_FIRST = {"frame", "frames", "frame_name", "name"}
#: A first row of these two words is a header too ("category,keyword", "label,term").
_CSV_HEADER_PAIR = ({"category", "categories", "label", "labels", "class", "code", "topic"},
                    {"term", "terms", "cue", "cues", "keyword", "keywords", "word", "words",
                     "pattern", "patterns", "phrase", "phrases", "expression", "expressions"})


def _parse_csv(text: str, path: str) -> Codebook:
    text = text.removeprefix("\ufeff")  # Excel's "CSV UTF-8" starts with a byte order mark
    rows = list(csv.reader(io.StringIO(text)))
    frames: dict[str, list[tuple[str, int]]] = {}
    first_line: dict[str, int] = {}
    seen_data = False
    for i, row in enumerate(rows, start=1):
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        head = [c.strip().lower() for c in row]
        if not seen_data and len(row) == 2 and (
                head[0] in _CSV_HEADER_FIRST
                or head[0] in _CSV_HEADER_PAIR[0] and head[1] in _CSV_HEADER_PAIR[1]):
            seen_data = True
            continue  # a header: frame,term (or frame,cue; category,keyword; ...)
        seen_data = True
        if len(row) != 2:
            other = next((d for d in (";", "\t", "|") if d in ",".join(row)), None)
            hint = (f"the file looks {'tab' if other == chr(9) else repr(other)}-separated: "
                    "save it with commas (frame,term)" if other and len(row) == 1
                    else "two columns, frame,term; quote a term that contains a comma")
            raise CodebookError(path, f"expected 2 columns (frame,term), found {len(row)}",
                                row=i, hint=hint)
        raw, term = row[0].strip(), row[1]
        name = canonical_name(raw)
        if not name:
            raise CodebookError(path, "empty frame name", row=i, field="frame")
        term = check_pattern(term, path=path, line=i, field="term")
        frames.setdefault(name, []).append((term, i))
        first_line.setdefault(name, i)
    if not frames:
        raise CodebookError(path, "the codebook has no rows",
                            hint="one row per term: frame,term (e.g. economic,tax|taxes)")
    _check_names([(n, first_line[n]) for n in frames], path)
    checker = _OverlapChecker(path)
    out = [Frame(name=name, cues=tuple(t for t, ln in terms if checker.add(name, t, ln)))
           for name, terms in frames.items()]
    return Codebook(name=Path(path).stem, frames=tuple(out), digest=data_version(text),
                    source=path, text=text, fmt="csv")
