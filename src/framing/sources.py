"""Sources: who speaks in an article.

:func:`score` finds the **direct quotations** of an article (straight, curly and angle quotation
marks, across sentences and paragraphs), the **reported speech** introduced by a reporting cue
("said", "told", "warned", "X stressed that ...", "according to X"), the **speaker** of each (a
named person or organization next to the cue, a pronoun resolved to the person last speaking or
named, or an unnamed description), and **anonymous sourcing** ("officials said", "a source
familiar with the talks", "diplomats who spoke on condition of anonymity").

It is a rule system over the shared segmentation (:func:`framing.text.segment`): no model, no
download, well under a millisecond per 5 KB article on top of segmentation. The cues, source nouns,
anonymity phrases and titles are plain TSV files in ``framing/data/sources`` (see its
``manifest.yaml``); pass your own with :func:`load_lexicon`.

Where the optional extension ``framing._sources_c`` is built (see :mod:`framing._compiled`),
ten steps run in C: the scan for cue and anonymity phrases (``_Phrases.find``), the test of a
capitalized word that can be part of a name (``_Scorer.cap``, each token's answer kept), the runs
of capitalized words in a speaker mention or a sentence (``_Scorer.runs``), the scan for a word's
positions among the tokens (``_Scorer.scan_positions``), the capitalized words around each use
of a surname that may make a full name (``_Scorer.name_extents``), the person titles among the
tokens (for ``_Scorer.titled_people``), the count of non-blank characters for the quote share,
the first letters of a sentence's words for the test of a headline (``_Scorer.title_case``), the
lines that may open a transcript's turn (:func:`_turn_lines`) and the result's ``Quote`` and
``Evidence`` objects, made as their dataclass ``__init__`` makes them without the call
(:func:`_results`). Each gives exactly what the Python function beside it gives
(``_Phrases.find_python``, ``_Scorer.cap_python``, ``_Scorer.runs_python``,
``_positions_python``, ``_Scorer.name_extents_python``, ``_title_heads_python``,
``_nonblank_python``, ``_first_letters_python``, ``_turn_lines_python``, ``_results_python``),
which stays the reference and the fallback (``FRAMING_PURE_PYTHON=1``). The C reads the
scorer's lists of tokens where they are, without copying them. The rest of the rules, where most
of the time goes, is Python.

Coding rules (the same ones the gold passages in ``validation/sources_gold.jsonl`` follow):

- A *direct quote* is a quotation-marked span presented as someone's words, full sentences or a
  fragment ("fully costed"). An interrupted quotation (``"A," she said, "B."``) is two quotes; one
  continued across paragraphs by re-opening marks is one. Scare quotes, titles and names in
  quotation marks (so-called "smart motorway", a petition titled "Bring Back Safety") are not
  quotes; they appear in the evidence as ``scare_quote``. A tweet embedded in a web page, kept
  in the text as a paragraph ending in its signature ("... — Marco Rubio (@marcorubio) March 6,
  2016"), is a direct quote of its account, with the cue ``tweet``.
- *Reported speech* is content attributed by a reporting cue without quotation marks, in a clause
  ("She said the plan had failed"; "The plan failed, officials said"; "According to X, ...").
  A cue whose content holds a quotation counts once, as the direct quote. Questions put to a
  source ("Asked whether ...") and negated cues ("did not say whether") are not attributions.
- An *anonymous source* is a person or group described but not named ("officials", "a senior
  manager", "a source close to the show", "analysts"), or one the text says is withheld ("who
  asked not to be named"). An institution speaking as itself ("the ministry said", "police said")
  and a document ("the report") are attributed but not anonymous.

Example
-------
>>> r = score('"We will not be rushed," Prime Minister Alia Verhoeven said. Officials said '
...           'talks would resume. "Nobody wants a fight," she added.')
>>> r.n_direct_quotes, r.n_reported, r.named_sources, r.anonymous_sources
(2, 1, 1, 1)
>>> [(q.kind, q.speaker, q.anonymous) for q in r.quotes]
[('direct', 'Alia Verhoeven', False), ('reported', 'Officials', True), ('direct', 'Alia Verhoeven', False)]
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import MISSING, dataclass, field
from functools import lru_cache
from itertools import compress, pairwise, repeat
from operator import getitem, itemgetter, or_
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakMethod

from framing.errors import InputError
from framing.results import (
    Evidence,
    MeasureResult,
    corpus_texts,
    data_version,
    is_missing_text,
    missing_result,
    per_thousand_words,
    read_data_text,
    score_series,
)
from framing.text import PhraseMatcher, Segmentation, not_one_text, segment, web_token_ids

if TYPE_CHECKING:  # imported where used: scoring a text needs no pandas
    import pandas as pd

__all__ = [
    "VERSION",
    "Quote",
    "SourcesLexicon",
    "SourcesResult",
    "load_lexicon",
    "score",
    "score_corpus",
    "speaker_attributions",
    "speakers",
    "top_speakers",
]

logger = logging.getLogger(__name__)

CODE_VERSION = "2.7"  # 1.1: non-English texts unscored; fewer false anonymous sources;
# 1.2: "he" and "she" no longer resolved to a group's name ("African Americans");
# 1.3: "said strategist Joe Brettell"; a speaker's apposition is not content; "state" adjective;
# "he"/"she" agree in gender with the speaker they resolve to, where the article shows it;
# 'Sen. Lindsey Graham: "No, it's not."' (a speaker named alone before the colon); party labels
# ("(D-NJ)", ", R-Ky.,"), "said Monday that", "United States"/"continue to" not cues;
# 1.4: named institutions ("Heritage Foundation", "Pew Research Center") and single names after
# "the" ("The Hill") are organizations; "the Mueller report said" is one attribution, not two;
# "Report" inside a name is no cue; "X outside/inside Y" keeps X as the head; densities per
# 1,000 words of quotes, named and anonymous sources; 1.5: a surname the article never writes in
# full, opening a sentence right before a cue ("Pelosi said"), is a person; countries and capitals
# speak as governments ("France warned"), unless a person of that surname is named ("Ken Spain");
# lawyers, attorneys, prosecutors and medics are source nouns; name particles ("Bill de
# Blasio", "von der Leyen") and generational suffixes ("Martin Luther King Jr.") stay in the name;
# 1.6: a name may open with its particles ("de Blasio said"), resolved to the full name; the
# quote share of a blank text is NaN, like its densities; reported speech ends before ", but
# X says"; an unnamed group in a condition ("if Senate Democrats confirmed") or confirming
# nominees is no anonymous source; 1.7: a time adverbial between the speaker and the verb ("Donald
# Trump late on Friday said", "earlier this week") is not part of the speaker; a speaker after a
# long apposition ('"...," Rev. Rob Schenck, president of ..., said') or a nested closing quote
# (",’”") is found; a quotation ending its paragraph is not the next paragraph's verb's; "denied
# reports that", "amid reports that", "filed claims": nouns, no attributions; "Kim Young-soon",
# "Ban Ki-moon" are names (only adjectives' and titles' hyphens, "Obama-era", "President-elect",
# are not); "Harry Reid (D) of Nevada said" is Harry Reid; "four states that he carried": the noun
# "states" is no speech verb, and "Trump also said" keeps its speaker; 1.8: a capitalized
# quotation after "on", "in", a possessive or a word naming a work ("book", "show", "called") is
# a title, not speech ('said on "The Jerry Bader Show."'); "concluded", "thundered" (after a
# quotation), "countered that", "texted that" are speech verbs; "you might say" is no one's speech;
# embedded tweets ("... — Marco Rubio (@marcorubio) March 6, 2016") are direct quotations of
# their account (cue "tweet"); words of web addresses are no names; "the official state funeral"
# holds no verb "state"; "as X put it" attributes a quotation; "Theresa May", "Mrs. May" are names;
# "Nancy Pelosi just Wednesday said", "Abdel Fattah el-Sisi", "Jennifer Banker" are the speakers
# (not "House Democratic Leader", "Egyptian President", an anonymous "banker"); a lone "a" or
# "the" is no speaker; transcript turns ("PRESIDENT OBAMA: No. ...") are direct quotations;
# 1.9: manner adverbs between a speaker and the verb ("Obama derisively said", "President Obama
# now tells us"), "Trump on Tuesday said" (a lone surname), "Judge has said" after "Mark Judge";
# "what he says" has no clause around it for content; the hearer after "told" and the object
# after "called" are never speakers; "he" is no "Louisiana Republican"; coordinated speakers
# ("Pelosi and Schumer said", "said John Smith and Mary Jones") are both the speaker, each a
# source; no full name opens with "Both", "Could", "Never" ("Could Barr"); a tweet of several
# paragraphs (two or three blank lines between them) is one quotation, and a signature on a line
# of its own signs the paragraph before it; "Dwight Eisenhower, who said: ..." is Eisenhower's
# 2.0: no full name opens with a period, a party word ("Republican Trump"), a title's institution
# ("Intelligence Joseph Maguire", "United Nations Nikki Haley") or "Everywhere"; middle initials
# ("John A. Boehner"); "Gov.", "counsel", "businessman" are titles; a title and its place ("of
# Texas") or an honorific alone ("Mr", "Gov") is no name; "according to Mr. X"; the name before
# two appositions ("X, the chairman of Y, Z's company, said"); a surname written after a title
# opens no "Trump Tower"; outlets' tweet signatures and "Daily Mail" are organizations; a group
# named as a subject ("Republicans ..., saying") is anonymous, as "Republicans said" is; a
# description ending in its organization and a name is that person ("bureau chief for the
# Washington Post Kevin Klose", "Speaker of the House Nancy Pelosi"); 2.1: more transcript turns
# (a precision audit of the journalist's voice): mixed-case labels in a dialogue ("Tapper: ...",
# "Sanders: ..."), names alone on their lines in Q&A interviews ("Jen Kirby" / "Anand Menon"),
# "Q:" / "A:" turns, a quotation inside such a turn nested in it; a paragraph without quotation
# marks after a speech cue's closing colon ("X wrote in a Monday post:") is X's quotation (cue
# "block"); a reporting form in -s after a counting word ("two more tweets", "seven tweets") is
# a noun; 2.2: names alone on their lines in lower case ("michael barbaro", the New York Times'
# podcast transcripts) are turn labels as capitalized ones are, and the clips such a transcript
# plays ("archived recording (president donald trump)") turns of their own; 2.3: a name
# coordinated with one after a preposition ("money from Texas or Puerto Rico", "in Baltimore
# and Chicago") is no subject for a pronoun or a participle to take, nor is the object of a verb
# in the past ("chided Obama ..., accusing") a participle's (both found by BASIL's speakers);
# 2.4: a description speaker headed by a person title ("the president said", "the four-term
# congressman") is the person the article names with that title before the quotation
# ("President Donald Trump", "Rep. Mike Conaway"; not "former President Obama" for "the
# president", nor "Vice President Mike Pence"), a named source; 2.5: a surname the article
# gives a woman and a man ("Melania Trump", "Donald Trump") is the bearer its title fits ("Mr.
# Trump", "Mrs. Trump") or, bare, the one introduced first, not the one named last; a surname
# after an office ("President Trump") is not the "first lady" the article names in full; 2.6: a
# participle (", saying", ", calling") takes the pronoun or description that opens its sentence
# ("He took a swipe at Hillary Clinton, calling ..."), not a name later in it, and after a clause
# put before the subject ("Asked whether ... Mr. Obama ..., Mr. Santorum ..., saying") its subject;
# 2.7: the words after "and" that end a preposition's object are no speaker ("The handshake
# between a party leader and a party leader hopeful stressed": no anonymous "a party leader"), the
# phrase before the preposition is ("Lawmakers on the left and the right say": anonymous
# "Lawmakers on the left and the right", not the description "the right")
_DATA_FILES = ("reporting_verbs.tsv", "source_nouns.tsv", "anonymity.tsv", "titles.tsv",
               "gender_words.tsv", "organizations.tsv",
               "manifest.yaml")


# --------------------------------------------------------------------------------------------
# Results

@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: a direct quotation or a piece of reported speech, with its speaker.

    ``text == article[start:end]``. For a direct quote the span includes the quotation marks; for
    reported speech it is the reported content. ``speaker`` is the speaker's name as best known (a
    full name where the article gives one, "Officials", "a source"; coordinated speakers joined by
    "and": "Nancy Pelosi and Chuck Schumer"; "the president" is the person the article names
    with that title before the quotation, "President Donald Trump"), or None; ``speaker_start``
    and ``speaker_end`` locate the mention in the text that attributes this quote ("the
    president" there; -1 when the speaker is carried over from a previous quote). ``speaker_type`` is "person", "organization"
    (named), "anonymous" (an unnamed person or group), "description" (an unnamed institution,
    document or role: "the ministry", "the report", "its chairman") or "" (no speaker).
    ``cue`` is the lemma of the reporting cue ("say", "according to"), "" where there is none.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    speaker_type: str = ""
    anonymous: bool = False
    cue: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "speaker": self.speaker, "speaker_start": self.speaker_start,
                "speaker_end": self.speaker_end, "speaker_type": self.speaker_type,
                "anonymous": self.anonymous, "cue": self.cue}


@dataclass(frozen=True)
class SourcesResult(MeasureResult):
    """Who speaks in one article.

    Attributes
    ----------
    english : False when the text does not look English and the reporting verbs are the shipped
        English ones: the text is then not scored (the counts and share NaN, no quotes).
    n_quotes : attributions found, direct quotes plus reported speech (more = more sourced voice).
    n_direct_quotes : direct quotations (scare quotes and titles excluded).
    n_reported : reported-speech attributions without quotation marks.
    n_unattributed : direct quotes whose speaker could not be found (more = vaguer attribution,
        or quotes of signs, slogans and documents).
    named_sources : distinct named speakers, persons and organizations (more = more voices).
    anonymous_sources : mentions of unnamed sources in attributions ("officials said", "a source
        close to ...") (more = more anonymous sourcing).
    quote_share : share of the article's non-blank characters inside direct quotes, marks
        included, from 0 to 1 (more = more of the text in others' words; NaN for a blank
        text).
    quote_density, named_source_density, anonymous_source_density : ``n_quotes``,
        ``named_sources`` and ``anonymous_sources`` per 1,000 words, for comparing outlets whose
        articles differ in length (NaN for a text without words).
    quotes : the :class:`Quote` objects in text order.
    sources : the distinct named speakers, in order of first appearance.
    evidence : :class:`~framing.results.Evidence` items labelled ``quote``, ``reported_speech``,
        ``speaker``, ``anonymous_source``, ``reporting_verb`` and ``scare_quote``.
    attributed : ``(start, end)`` character spans of everything the text puts in a source's
        mouth: the content of every attribution, also one that holds a direct quote and so is
        counted as that quote ("officials said [the deal was "dead" and that it may collapse]");
        used by :mod:`framing.hedging` for its voices.
    """

    family = "sources"
    english: bool = True
    n_quotes: int = 0
    n_direct_quotes: int = 0
    n_reported: int = 0
    n_unattributed: int = 0
    named_sources: int = 0
    anonymous_sources: int = 0
    quote_share: float = math.nan
    quote_density: float = math.nan
    named_source_density: float = math.nan
    anonymous_source_density: float = math.nan
    quotes: tuple = ()
    sources: tuple = ()
    evidence: tuple = ()
    attributed: tuple = ()


# --------------------------------------------------------------------------------------------
# Lexicon

class _Cue(NamedTuple):
    lemma: str
    kind: str        # speech | label | source
    complement: str  # zero | that | none


@lru_cache(maxsize=1)
def _sources_compiled():
    """The compiled ``framing._sources_c``, or None (see :mod:`framing._compiled`)."""
    from framing._compiled import extension

    return extension("sources")


class _Phrases(PhraseMatcher):
    """Find phrase patterns in a segmented text: the :class:`~framing.text.PhraseMatcher` syntax
    and matching rules (``a|b`` alternatives, ``prefix*`` wildcards, ``n't`` = ``not``, longest
    match first, within one sentence), with a leaner scan for lists whose patterns mostly start
    with a literal word, as the ~250 cue forms do.
    """

    #: Most distinct words whose patterns are kept (:meth:`_entries`); more are found each time.
    _CACHE_LIMIT = 20_000

    def __init__(self, pairs):
        super().__init__(pairs)  # ValueError for an empty pattern
        self._prefixes = tuple(p for ps, _ in self._prefix_first for p in ps)
        self._entries_of: dict[str, list] = {}

    def _entries(self, word: str) -> list:
        """The patterns that may start at ``word``, longest first (in list order among equally
        long ones); the same for every occurrence of the word, so kept per word."""
        entries = self._entries_of.get(word)
        if entries is None:
            entries = list(self._by_first.get(word, ()))
            if self._prefix_first:
                entries += [e for ps, e in self._prefix_first if word.startswith(ps)]
                entries.sort(key=lambda e: -e[2])
            if len(self._entries_of) < self._CACHE_LIMIT:
                self._entries_of[word] = entries
        return entries

    def find(self, seg: Segmentation) -> list[tuple[int, int, object]]:
        """Matches as ``(first_token, last_token_excluded, payload)``: by the compiled scan
        (``framing._sources_c.find``) where it is built, else :meth:`find_python`, the
        reference, which gives the same list."""
        compiled = _sources_compiled()
        if compiled is None:
            return self.find_python(seg)
        return compiled.find(seg.norm, seg.token_sentence, self._by_first, self._prefixes,
                             self._entries)

    def find_python(self, seg: Segmentation) -> list[tuple[int, int, object]]:
        """:meth:`find` in Python: the reference for ``framing._sources_c.find``."""
        norm, tsent = seg.norm, seg.token_sentence
        first = self._by_first
        if self._prefix_first:  # a known first word, or a wildcard prefix (tested in C)
            cands = list(compress(range(len(norm)), map(
                or_, map(first.__contains__, norm),
                map(str.startswith, norm, repeat(self._prefixes)))))
        else:
            cands = list(compress(range(len(norm)), map(first.__contains__, norm)))
        out, n, nxt = [], len(norm), 0
        for i in cands:
            if i < nxt:
                continue
            for slots, payload, length in self._entries(norm[i]):
                end = i + length
                if end > n or tsent[end - 1] != tsent[i]:
                    continue
                ok = True
                for k in range(1, length):
                    lits, prefixes = slots[k]
                    w = norm[i + k]
                    if w not in lits and not w.startswith(prefixes):
                        ok = False
                        break
                if ok:
                    out.append((i, end, payload))
                    nxt = end
                    break
        return out

@dataclass(frozen=True)
class SourcesLexicon:
    """The cue, noun, anonymity, title and gender lists, compiled. Build with
    :func:`load_lexicon`."""

    cues: _Phrases
    nouns: dict
    anonymity: _Phrases
    titles: frozenset
    version: str
    #: "en" with the shipped (English) reporting verbs: texts that do not look English are then
    #: left unscored; "" with your own verb list (of any language): every text is scored
    language: str = ""
    #: lower-cased given names, honorifics and role nouns -> "f" or "m": keeps "he" and "she"
    #: from resolving to a speaker the article marks as the other; empty: no such check
    genders: dict = field(default_factory=dict)
    #: lower-cased names of organizations that look like a person's name ("reuters", "kremlin",
    #: "daily beast"): typed as organizations
    organizations: frozenset = frozenset()


def _rows(text: str, name: str, ncols: int) -> list[list[str]]:
    """The data rows of a TSV list, each with its line number appended as a last cell."""
    rows, header = [], True
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header:
            header = False
            continue
        if len(cells) < ncols or not all(cells[:ncols]):
            raise InputError(name, f"expected {ncols} tab-separated columns", row=lineno,
                             hint="see the header comment of the shipped file for the format")
        rows.append([*cells, lineno])
    return rows


def _read(path, default: str) -> tuple[str, str]:
    if path is None:
        return read_data_text("sources", default), default
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except UnicodeDecodeError:
        raise InputError(path, "the file is not valid UTF-8") from None


def load_lexicon(*, reporting_verbs=None, source_nouns=None, anonymity=None,
                 titles=None, gender_words=None, organizations=None) -> SourcesLexicon:
    """Load the lists, each from the shipped file or from a path you give (same TSV format):
    reporting verbs, source nouns, anonymity phrases, titles, the words that mark a speaker's
    gender for resolving "he" and "she" (a file with no rows turns that check off), and names of
    organizations that look like persons' names.

    The shipped lexicon is cached: calling this without arguments is cheap.

    >>> lex = load_lexicon()
    >>> lex.nouns["officials"], "minister" in lex.titles, lex.genders["spokeswoman"]
    ('person', True, 'f')
    """
    if reporting_verbs is None and source_nouns is None and anonymity is None and titles is None \
            and gender_words is None and organizations is None:
        return _default_lexicon()
    return _build(reporting_verbs, source_nouns, anonymity, titles, gender_words, organizations)


def _resolve_lexicon(lexicon) -> SourcesLexicon:
    """``lexicon`` as given to :func:`score`: None for the shipped lists, or a loaded one."""
    if lexicon is None:
        return _default_lexicon()
    if isinstance(lexicon, SourcesLexicon):
        return lexicon
    raise TypeError(f"lexicon must be a SourcesLexicon, not {type(lexicon).__name__}: the "
                    "sources lexicon is four lists, so load yours with "
                    "framing.sources.load_lexicon(reporting_verbs=PATH, ...) and pass that")


@lru_cache(maxsize=1)
def _default_lexicon() -> SourcesLexicon:
    return _build(None, None, None, None, None, None)


def _build(reporting_verbs, source_nouns, anonymity, titles, gender_words,
           organizations) -> SourcesLexicon:
    texts = []
    text, name = _read(reporting_verbs, "reporting_verbs.tsv")
    texts.append(text)
    cues = []
    for cells in _rows(text, name, 4):
        cue, lemma, kind, complement = cells[:4]
        if kind not in ("speech", "label", "source") or complement not in ("zero", "that", "none"):
            raise InputError(name, f"cue {cue!r}: kind must be speech|label|source and "
                             "complement zero|that|none", row=cells[-1], field="kind")
        cues.append((cue, _Cue(lemma, kind, complement)))
    text, name = _read(source_nouns, "source_nouns.tsv")
    texts.append(text)
    nouns = {}
    for cells in _rows(text, name, 2):
        if cells[1] not in ("person", "role", "institution", "document"):
            raise InputError(name, f"noun {cells[0]!r}: type must be person|role|institution|"
                             "document", row=cells[-1], field="type")
        nouns[cells[0].lower()] = cells[1]
    text, name = _read(anonymity, "anonymity.tsv")
    texts.append(text)
    anon = [(cells[0], cells[1]) for cells in _rows(text, name, 2)]
    text, name = _read(titles, "titles.tsv")
    texts.append(text)
    title_set = frozenset(t for cells in _rows(text, name, 1)
                          for t in (cells[0].lower(), cells[0].lower().rstrip(".")))
    text, name = _read(gender_words, "gender_words.tsv")
    texts.append(text)
    genders = {}
    for cells in _rows(text, name, 2):
        if cells[1] not in ("f", "m"):
            raise InputError(name, f"word {cells[0]!r}: gender must be f or m", row=cells[-1],
                             field="gender")
        genders[cells[0].lower()] = cells[1]
    text, name = _read(organizations, "organizations.tsv")
    texts.append(text)
    orgs = frozenset(" ".join(cells[0].lower().split()) for cells in _rows(text, name, 1))
    texts.append(read_data_text("sources", "manifest.yaml"))
    try:
        cue_matcher, anon_matcher = _Phrases(cues), _Phrases(anon)
    except ValueError as err:
        raise InputError(None, f"bad pattern in a sources list: {err}") from None
    return SourcesLexicon(cue_matcher, nouns, anon_matcher, title_set, data_version(*texts),
                          language="en" if reporting_verbs is None else "", genders=genders,
                          organizations=orgs)


def _version() -> str:
    return f"{CODE_VERSION}+{data_version(*(read_data_text('sources', f) for f in _DATA_FILES))}"


VERSION = _version()

# --------------------------------------------------------------------------------------------
# Closed word classes (grammar, not lexicon)

_QUOTE_CHARS = frozenset('"“”«»‘’„')
#: Conjunctions that open a clause after a comma ("..., but aides say ...").
_CLAUSE_JOINERS = frozenset({"but", "and", "while", "whereas", "yet", "though", "although"})
#: Words that make what follows a condition, not a report ("if officials confirmed ...").
_CONDITIONAL = frozenset({"if", "unless", "whether"})
#: What a legislature confirms without saying anything ("confirmed the nominees").
_APPOINTMENTS = frozenset({"nominee", "nominees", "nomination", "nominations", "appointee",
                           "appointees", "appointment", "appointments", "pick", "picks"})

#: Generational suffixes after a surname ("Jr.", "III"): part of the name, never the name.
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Lower-case particles inside a personal name ("Bill de Blasio", "Ursula von der Leyen",
#: "Osama bin Laden"), joined into the name when capitalized words stand on both sides.
_NAME_PARTICLES = frozenset("de da di del della der den van von la le du dos das bin ibn ter"
                            .split())


#: Indefinite pronouns and quantifiers that open a sentence before "said" without naming anyone.
_INDEFINITE = frozenset("""everyone everybody nobody anyone anybody someone somebody none all
both neither either others another each many few several""".split())


_DETERMINERS = frozenset("the a an this that these those his her its their our my your some any "
                         "several many few no each every another".split())
_INDEFINITE = frozenset("a an one some several many few two three four five six seven eight nine "
                        "ten dozens scores another other others".split())
_PARTITIVE = frozenset("one two three four five six seven eight nine ten some several many most "
                       "all both each either neither none few another other others first second "
                       "third fourth last".split())
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "thing", "i": "self",
             "we": "self", "you": "self"}
#: Verbs in the past after which a name is named or quoted, not acted on.
_NAMING_VERBS = frozenset("named nicknamed quoted cited".split())
_PREPOSITIONS = frozenset("on in at during after before outside inside to from with via by for "
                          "about over under through into onto upon against among late early "
                          "earlier later last this next yesterday today tonight".split())
_SKIP_LEFT = frozenset("also has have had would will could should may might later then "
                       "previously repeatedly again once earlier recently publicly privately "
                       "separately subsequently further simply just only still already "
                       "reportedly 'd 's clearly flatly specifically explicitly strongly firmly "
                       "bluntly openly quietly angrily proudly frequently initially originally "
                       "eventually ultimately often never always today yesterday tonight "
                       "monday tuesday wednesday thursday friday saturday sunday".split())
_SKIP_RIGHT = frozenset("however also again publicly privately recently later earlier today "
                        "yesterday tonight repeatedly separately too then , bluntly flatly "
                        "simply".split())
_BOUNDARY_WORDS = frozenset("when while because after before although though if as since that "
                            "where whereas whether unless until but so and".split())
_POSTMOD = frozenset("familiar close briefed with who whose which at in for from of involved "
                     "outside inside within across "
                     "knowledgeable speaking who's that , on under seen obtained published "
                     "released issued reviewed cited quoted posted interviewed".split())
_NEGATION = frozenset("not never no".split())
#: Arabic article and patronymic prefixes that open a surname in lower case ("Abdel Fattah
#: el-Sisi", "Bashar al-Assad", "Osama bin Laden" is two words and not covered)
_NAME_PREFIX_RE = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-[A-Z]")
#: words before a weekday that belong to the time, not to the speaker ("early Monday")
_DAY_LEADERS = frozenset("on early late this last next".split())
#: source nouns of party and camp, never a surname after a given name ("the Virginia Democrat")
_HONORIFICS = frozenset("mr mrs ms miss sir dame lord lady madam".split())
_PARTY_NOUNS = frozenset("democrat democrats republican republicans conservative conservatives "
                         "liberal liberals progressive progressives independent independents "
                         "libertarian libertarians socialist socialists".split())
_MODALS = frozenset("might may could would can should must".split())
#: Adverbs in -ly that do not tell how something was said, between a subject and a cue verb:
#: degrees ("They had largely written her off") and guesses ("he probably says, 'What ...'")
_NOT_MANNER = frozenset("largely mostly partly fully nearly mainly merely entirely completely "
                        "totally barely hardly scarcely wholly probably possibly likely "
                        "presumably hypothetically conceivably".split())
#: prepositions not in _PREPOSITIONS (which also serves other rules), for telling a bare
#: description before a name ('said strategist Joe Brettell') from a phrase ('between Amy Pascal')
_MORE_PREPOSITIONS = frozenset("of between than around near across behind beyond toward towards "
                               "within without along per like unlike versus vs including "
                               "except".split())
#: prepositions whose object may be coordinated ("between X and Y", "from Ohio and Iowa"):
#: words after its "and" are no subject of the verb that follows ("of" is left out:
#: "Two of the diplomats and an aide said" coordinates the subjects)
_OBJECT_PREPOSITIONS = frozenset("between among amongst with from in at on for by about "
                                 "against over into through across toward towards near around "
                                 "behind beyond within without along".split())
_RELATIVES = frozenset("who whom whose which that".split())
_VERBISH = frozenset("not never did does do has have had was were is are am will would could "
                     "should may might can must been being".split())
_TITLE_SMALL = frozenset("of the and a an in on to for at by with".split())
_TERM_MARKERS = frozenset("so-called titled entitled named dubbed nicknamed headlined labelled "
                          "labeled marked read reads".split())
#: Words before a capitalized quotation that make it a title, not speech
_TITLE_CONTEXT = frozenset("on in 's book books song songs show shows film films movie movies "
                           "album albums program programs programme series documentary column "
                           "essay podcast play novel memoir called".split())
_LEADING_SKIP = frozenset("but and then so meanwhile also now yet or".split())
#: Words that open a clause put before a sentence's subject ("Asked whether ..., Mr. Santorum
#: did not back down, saying"; "In a statement, the senator ..."): the subject follows its comma
_FRONTING = frozenset("asked when after before while although though because as if since "
                      "despite following speaking responding in at on during with under unlike "
                      "once until".split())
#: Adverbs that open a sentence before a name ("Apparently Trump was not on board"): never the
#: first word of the name
_SENTENCE_ADVERBS = frozenset(
    "apparently clearly obviously however still finally separately additionally ultimately "
    "currently previously recently notably indeed instead similarly likewise importantly "
    "fortunately unfortunately surprisingly ironically interestingly initially eventually "
    "specifically privately publicly reportedly allegedly basically frankly honestly personally "
    "perhaps maybe nevertheless nonetheless moreover furthermore even only just especially "
    "particularly originally traditionally historically later earlier yesterday today "
    "tonight again already everywhere wherever whenever".split())
_FUNCTION = _BOUNDARY_WORDS | _PREPOSITIONS | _LEADING_SKIP | _DETERMINERS | frozenset(
    "what why how where who which there here yes not all despite while though although unlike "
    "like amid among instead perhaps indeed still yet even just only asked speaking "
    "according".split())
#: The word sets ``framing._sources_c.name_extents`` tests a name's left edge against, in its
#: order (see ``_Scorer.name_extents_python``)
_NAME_WORDS = (_FUNCTION, _PARTITIVE, _VERBISH, _SENTENCE_ADVERBS, _NAME_PARTICLES)
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january "
                      "february march april may june july august september october november "
                      "december".split())
#: A US party-and-state label after a politician's name: "R-Ky.", "D-N.Y.", "I-Vt.", "R"
_PARTY_LABEL_RE = re.compile(r"[DRI](?:-[A-Z][A-Za-z.]{0,14}(?: [A-Z][a-z.]+)?)?")
_ASIDE_ADVERBS = frozenset("though however too also meanwhile".split())
#: Words of headings and page furniture that end in a colon before a quotation ("Live Updates:",
#: "Fox News Poll:", "Per The Wall Street Journal:"): such a label names no speaker
_HEADING_WORDS = frozenset(
    "news update updates live breaking exclusive interview poll polls headline headlines war "
    "tower watch video videos photo photos analysis opinion editorial transcript related read "
    "more note correction advertisement per via timeline recap highlights quote quotes report "
    "alert developing".split())
#: People named by their initials, who are not organizations although written like acronyms
_PERSON_INITIALS = frozenset("aoc jfk lbj fdr mbs mbz rbg mlk amlo".split())
#: Roles written as acronyms ("CEO Chip Bergh", "a Polish MEP"): people, not organizations
_ROLE_ACRONYMS = frozenset("ceo cfo coo cto cio mp mep pm vp md dj gm ag da potus flotus".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_PARTS = frozenset("morning afternoon evening night".split())
_TIME_LEADERS = frozenset("late early earlier later this last next".split())
#: Words that qualify a title or a name without being part of it ("Former Trump campaign
#: chairman", "Acting Attorney General").
_TITLE_MODIFIERS = frozenset("former then ex late acting interim outgoing incoming retired "
                             "retiring embattled disgraced longtime veteran fellow".split())
#: A description speaker ("the president", "the four-term congressman") is resolved to the
#: person the article names with that title before the quotation ("President Donald Trump"):
#: the head words such a description may end in, as the lower-case title (a title of the
#: lexicon written before a name) each stands for; the abbreviations of the lexicon map to their
#: word ("Gov." = governor, "Sen." = senator, "Rep." = representative = congressman).
_PERSON_TITLE_HEADS = {
    "president": "president", "governor": "governor", "gov": "governor",
    "senator": "senator", "sen": "senator",
    "representative": "representative", "rep": "representative",
    "congressman": "representative", "congresswoman": "representative",
    "mayor": "mayor", "secretary": "secretary", "minister": "minister",
    "chancellor": "chancellor", "premier": "premier", "ambassador": "ambassador",
    "commissioner": "commissioner", "chairman": "chairman", "chairwoman": "chairwoman",
    "director": "director", "judge": "judge", "justice": "justice",
    "general": "general", "gen": "general", "colonel": "colonel", "col": "colonel",
    "captain": "captain", "capt": "captain", "admiral": "admiral", "adm": "admiral",
    "sergeant": "sergeant", "sgt": "sergeant", "detective": "detective",
    "inspector": "inspector", "superintendent": "superintendent",
    "professor": "professor", "prof": "professor", "pope": "pope", "bishop": "bishop",
    "archbishop": "archbishop", "rabbi": "rabbi", "imam": "imam", "reverend": "reverend",
    "rev": "reverend", "coach": "coach", "speaker": "speaker",
    "councilman": "councilman", "councilwoman": "councilwoman",
    "councillor": "councillor", "councilor": "councillor",
}
#: Words that make a compound title with the title after them ("Vice President", "Lt. Gov.",
#: "press secretary", "Prime Minister"): "the president" is not "Vice President Mike Pence",
#: and "the vice president" is only a vice president.
_TITLE_COMPOUNDS = frozenset("vice deputy assistant lieutenant lt press prime under associate "
                             "majority minority chief attorney surgeon solicitor".split())
#: Modifiers of a title that say the name no longer (or not yet) holds it ("former President
#: Obama", "ex-Gov.", "the late Sen. McCain", "then-President Obama"): such a name does not count
#: for a plain "the president", only for "the former president".
_PAST_TITLE = frozenset("former ex late then".split())
#: Capitalized modifiers of a description that need not be written with the name ("the
#: Republican senator" is "Sen. Ted Cruz"); any other ("the Ohio senator", "the Israeli prime
#: minister") must stand in the sentence that names the person with the title.
_TITLE_ANY_PLACE = frozenset("republican republicans democratic democrat gop independent us u.s "
                             "u.s. american".split())
#: Cue forms that are also plural nouns, and verbs after which they are the noun, the object
#: ("denied reports that", "dismissed claims that", "cites reports").
_NOUN_FORMS = frozenset("reports claims".split())
#: Words that count what follows: a reporting form in -s after them is a plural noun ("two more
#: tweets", "several reports", "many posts")
_QUANTITY = frozenset("""
more two three four five six seven eight nine ten dozens hundreds thousands several many few
numerous multiple both various countless
""".split())
#: Words after which "state(s)" is the verb although they are not a pronoun, a name or a source
#: noun ("the law clearly states", "the constitution states", "also states").
_STATE_SUBJECTS = frozenset("also has have had further then which that who law constitution code "
                            "article editorial story website cable notes text rule rules bill "
                            "order ruling decision filing complaint lawsuit indictment "
                            "warrant".split())
_TAKES_OBJECT = frozenset("deny denies reject rejects dismiss dismisses dispute disputes confirm "
                          "confirms cite cites see sees saw read reads hear hears heard amid "
                          "despite".split())
_TIME_UNITS = frozenset("week weekend month year morning afternoon evening night spring summer "
                        "fall autumn winter".split()) | _WEEKDAYS
_NAME_CONNECT = frozenset("of for de del della di da van von der den al bin ibn la le du".split())
_ORG_SUFFIX = frozenset("inc inc. corp corp. ltd ltd. plc llc co co. group systems holdings "
                        "partners research rail chemicals care news times post press "
                        "journal chronicle tribune herald gazette examiner".split())
_PASSIVE = frozenset("was were is are been be being".split())
_PARTICIPLE_END = ("ing",)
# (a quotation inside it may close with it: ",’”")
_TERMINAL_IN_QUOTE = re.compile(r"[.!?…,;:—–-]\s*[\"“”«»‘’„]{1,2}$")
_COMMA_IN_QUOTE = re.compile(r"[,!?—–-]\s*[\"“”«»‘’„]{1,2}$")
#: Tokens that may stand between a quotation and its speech verb ('"...," Rev. Rob Schenck,
#: president of the Christian outreach ministry Faith and Action, said').
QUOTE_TO_CUE_MAX_TOKENS = 24
_WORD_RE = re.compile(r"[^\W\d_]")
#: Words that make an account's display name an institution's
_ACCOUNT_ORG_WORDS = frozenset("""
news post times city senate house committee party gop dnc rnc association union league foundation
institute center centre council department office agency police campaign media network tv radio
press journal magazine daily today week report group coalition project inc corp company fund bank
university college school church government ministry embassy army navy force forces judiciary
democrats republicans team club nation fox cnn nbc cbs abc msnbc reuters ap bbc breaking official
helmets sheriff county state
""".split())
#: A transcript's speaker label opening a line: "PRESIDENT OBAMA: ...", "RACHEL MARTIN, HOST:"
_TRANSCRIPT_LABEL_RE = re.compile(r"(?m)^(?P<name>[A-Z][A-Z.'’ -]{1,40}?)(?:, (?P<role>HOST|BYLINE|"
                                  r"CO-HOST|ANCHOR|CORRESPONDENT|REPORTER))?:(?=[ \t]*\S|[ \t]*\n)")
#: A speaker's label in mixed case opening a line, as interviews and debates print turns:
#: "Tapper: ...", "Jake Tapper: ...", "Mr. Henry: ..." (a turn only where the text holds two
#: such labels naming two people; see ``_Scorer.transcript_turns``)
_MIXED_LABEL_RE = re.compile(r"(?m)^(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\. )?[A-Z][a-z][\w'’-]*"
                             r"(?: (?:[A-Z][\w'’.-]*|de|van|von|al|bin)){0,3})(?P<role>(?!x)x)?:"
                             r"(?=[ \t]+\S)")
#: A name alone on its line, as Q&A interviews print turns ("Jen Kirby" / question / "Anand
#: Menon" / answer); a turn only when two such names recur (``_Scorer.name_line_labels``)
_NAME_LINE_RE = re.compile(r"(?m)^(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})(?<!\.)[ \t]*$")
#: The same in lower case, as the New York Times prints its podcast transcripts ("michael
#: barbaro" / turn / "alexander burns" / turn): two to four words, a turn only as for
#: ``_NAME_LINE_RE`` and only when the name opens with a listed given name or the text writes
#: it capitalized elsewhere ("I'm Michael Barbaro")
_LOWER_NAME_LINE_RE = re.compile(r"(?m)^(?P<name>[a-z][a-z'’-]+(?: [a-z][a-z'’.-]*){1,3})[ \t]*$")
#: A clip in a podcast transcript: "archived recording (president donald trump)", "archived
#: recording 2" (``_Scorer.recording_labels``)
_RECORDING_LABEL_RE = re.compile(r"\barchived recording(?: \d+)?(?: \((?P<who>[^()\n]{1,60})\))?")


def _capitalized(name: str) -> str:
    """A name written in lower case as a name is written: "michael barbaro" -> "Michael
    Barbaro", "beto o’rourke" -> "Beto O’rourke" (only each word's first letter)."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


#: "Q:" and "A:" opening a line (question-and-answer interviews)
_QA_LABEL_RE = re.compile(r"(?m)^(?P<name>[QA]):[ \t]+(?=\S)")
#: Any of the five turn labels above, their groups unnamed: one scan of a text tells whether it
#: may hold a transcript's turns (``_Scorer.transcript_turns``), where a search for each label
#: took five (0.09 -> 0.03 ms per AllSides article). Each label opens a line and ends in it, so
#: the starts of its matches (``finditer``) are the lines where it matches: of those where this
#: one matches, each label is tried only there (``_label_matches``), not searched for in the text
_ANY_TURN_LABEL_RE = re.compile("|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", label.pattern.removeprefix("(?m)")) + ")"
    for label in (_TRANSCRIPT_LABEL_RE, _MIXED_LABEL_RE, _QA_LABEL_RE, _NAME_LINE_RE,
                  _LOWER_NAME_LINE_RE)), re.MULTILINE)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _turn_lines(text: str) -> list[int]:
    r"""The starts of the lines where ``_ANY_TURN_LABEL_RE`` matches, in order: the starts of
    its ``finditer``, each label opening a line and ending in it. A label opens with an ASCII
    letter and is followed by a colon on its line or is a line of one to four words, so the
    pattern is tried only on such lines, where its search tried it at every character (0.04 ->
    0.02 ms per AllSides article). The lines are looked at by ``framing._sources_c.turn_lines``
    where it is built (some fifty lines an article: 0.02 -> 0.004 ms), else by
    :func:`_turn_lines_python`, the reference.

    >>> text = "Intro line, with words.\nAMY GOODMAN: Hi.\n\nJen Kirby\nthe end: no"
    >>> _turn_lines(text) == [m.start() for m in _ANY_TURN_LABEL_RE.finditer(text)] == [24, 42]
    True
    """
    compiled = _sources_compiled()
    if compiled is None:
        return _turn_lines_python(text)
    return compiled.turn_lines(text, _ANY_TURN_LABEL_RE.match)


def _turn_lines_python(text: str) -> list[int]:
    """:func:`_turn_lines` in Python: the reference for ``framing._sources_c.turn_lines``."""
    found, start, match = [], 0, _ANY_TURN_LABEL_RE.match
    for line in text.split("\n"):
        if line[:1] in _ASCII_LETTERS and (":" in line or line.rstrip(" \t").count(" ") <= 3) \
                and match(text, start) is not None:
            found.append(start)
        start += len(line) + 1
    return found


#: What follows a name in a display name: "Brad Parscale - Text TRUMP to 88022"
_ACCOUNT_SUFFIX_RE = re.compile(r"\s[-|–·•]\s")
#: Emoji and symbols in an account's display name ("Yashar Ali 🐘")
_ACCOUNT_DECORATION_RE = re.compile(r"[^\w.'’\- ]+")
#: The signature that closes an embedded tweet in a page's text: a dash, the account's name,
#: its handle and the date ("— Donald J. Trump (@realDonaldTrump) June 18, 2018")
_TWEET_SIGNATURE_RE = re.compile(
    r"[—–]\s*(?P<name>[^\n()—–]{1,60}?)\s*\(@\w{1,30}\)\s*(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}")
# "Obama-era", "Trump-appointed", "GOP-led", "Soviet-style", "Anti-abortion" adjectives, and
# "President-elect" a title; not
# "Young-soon", "Jae-in" (given names written with a hyphen)
_ADJ_HYPHEN_RE = re.compile(r"-(?:[a-z]*(?:ed|ing)|era|style|like|type|born|made|run|free|wide|"
                            r"only|based|owned|specific|friendly|centric|ish|elect|designate)\b|"
                            r"^(?:Anti|Pro|Non|Ex|Post|Pre|Self|Co|Neo|Mid|Pan|Semi|Ultra)-[a-z]")
_WORDS_RE = re.compile(r"[^\W\d_][\w’'-]*")
#: Matches a text (at its start) where ``_WORDS_RE.findall`` finds seven words or more, each
#: word taken as findall takes it (the lookahead finds the next word, its characters all, and
#: the group then takes it without giving any back): a quotation's words are listed only when
#: it holds six or fewer (0.030 -> 0.0125 ms per AllSides article)
_SEVEN_WORDS_RE = re.compile(r"(?:(?=([\W\d_]*[^\W\d_][\w’'-]*))\1){7}")
#: The word sets and tests ``framing._sources_c.runs`` reads, in its order (see
#: ``_Scorer.runs_python``)
_RUN_WORDS = (_DETERMINERS, _LEADING_SKIP, _PARTITIVE, _PRONOUNS, _FUNCTION, _QUOTE_CHARS,
              _NAME_PARTICLES, _NAME_CONNECT, _GENERATIONAL, _SENTENCE_ADVERBS,
              _PARTY_LABEL_RE.fullmatch, _ADJ_HYPHEN_RE.search)
_FIRST = slice(0, 1)  # a token's first character (``t[_FIRST]`` is ``t[:1]``)
_POSSESSIVE_RE = re.compile(r"['’]s?$")


class _NP(NamedTuple):
    """A speaker mention: the head part as written, its span, and what it refers to."""

    text: str
    start: int
    end: int
    type: str            # person | organization | anonymous | description | pronoun | partitive
    name: str | None     # canonical name for person/organization
    anon_start: int      # span of the anonymous-source mention (post-modifiers included)
    anon_end: int
    pronoun: str = ""
    names: tuple = ()    # the names of coordinated speakers ("Pelosi and Schumer said")


class _CueHit:
    __slots__ = ("a", "b", "content", "cue", "fronted", "left", "negated", "np", "sent", "used",
                 "what")

    def __init__(self, a, b, cue, sent):
        self.a, self.b, self.cue, self.sent = a, b, cue, sent
        self.np = None          # _NP of the speaker, or None
        self.left = ""          # speaker found: subject | inverted | inherit | passive | none
        self.content = None     # (first, last) token range of reported content after the cue
        self.fronted = None     # (first, last) token range of content before the cue
        self.used = False       # attached to a direct quote
        self.negated = False
        self.what = False       # "what he says": the cue's content is no clause around it


# --------------------------------------------------------------------------------------------
# Scoring

def score(text, *, lexicon: SourcesLexicon | None = None) -> SourcesResult:
    """Find the quotes, reported speech, speakers and anonymous sources of one article.

    Parameters
    ----------
    text : str or Segmentation
        The article. Any string is accepted (empty, very long, any script, unbalanced quotes);
        a missing text (None, NaN) gives a result whose every value is missing.
    lexicon : SourcesLexicon, optional
        Lists from :func:`load_lexicon`; the shipped ones by default.

    Returns
    -------
    SourcesResult
        Counts (more quotes, more named sources, more anonymous sources, larger quote share =
        more of each), the :class:`Quote` list and the evidence.

    Examples
    --------
    >>> r = score('A source close to the talks said a deal was near. "We are close," '
    ...           'Trade Minister Ruth Abara told reporters.')
    >>> [(q.kind, q.text, q.speaker, q.speaker_type) for q in r.quotes]
    [('reported', 'a deal was near', 'A source', 'anonymous'), ('direct', '"We are close,"', 'Ruth Abara', 'person')]
    >>> [(e.label, e.text) for e in r.evidence if e.label in ("anonymous_source", "speaker")]
    [('speaker', 'A source'), ('anonymous_source', 'A source close to the talks'), ('speaker', 'Trade Minister Ruth Abara')]
    """
    if is_missing_text(text):
        return missing_result(SourcesResult)
    if not isinstance(text, (str, Segmentation)):
        raise not_one_text("score", text, "sources")
    seg = text if isinstance(text, Segmentation) else segment(text)
    lex = _resolve_lexicon(lexicon)
    if not seg.tokens:
        return SourcesResult()
    if lex.language == "en" and not seg.english:
        return SourcesResult(english=False, **dict.fromkeys(_MEASURES, math.nan))
    return seg.derived(("sources", lex.version), lambda: _Scorer(seg, lex).run())


#: The numbers of a :class:`SourcesResult` (NaN for a text left unscored).
_MEASURES = ("n_quotes", "n_direct_quotes", "n_reported", "n_unattributed", "named_sources",
             "anonymous_sources", "quote_share", "quote_density", "named_source_density",
             "anonymous_source_density")


#: Words whose positions ``_Scorer.positions`` finds by scanning the tokens (``list.index``, in
#: C) before it indexes every token's positions in one pass: an AllSides article asks for five
#: on average (133 at most among the first 1,000), so indexing would cost more there, while a
#: long text (many articles glued together) asks for some per name, each scan over all tokens
#: (80,000 tokens: 4,300 calls of list.index, 0.21 of the family's 0.73 s). Scans, then the
#: index, keep the cost linear in the length; both give the same positions.
POSITION_SCANS = 32


def _positions_python(tokens: list, word: str) -> list[int]:
    """The positions of ``word`` in ``tokens``, by ``list.index`` (in C) from each one found:
    the reference of ``framing._sources_c.positions``, which compares the tokens itself.

    >>> _positions_python(["a", "b", "a"], "a"), _positions_python(["a"], "c")
    ([0, 2], [])
    """
    found, i = [], -1
    try:
        while True:
            i = tokens.index(word, i + 1)
            found.append(i)
    except ValueError:
        pass
    return found


def _title_heads_python(norm: list) -> list[tuple[int, str]]:
    """The person titles among lower-case tokens, as ``(position, title)``: the title of each
    word's last part ("ex-President", "then-President": ``split("-")[-1]`` is
    ``rpartition("-")[2]``) without its periods, looked up at C speed. The reference of
    ``framing._sources_c.title_heads``, which builds that part only for a word with a hyphen or
    a final period (this builds it for every word: 0.14 ms for 500 tokens).

    >>> _title_heads_python(["the", "ex-president", "and", "sen.", "vale"])
    [(1, 'president'), (3, 'senator')]
    """
    heads = map(_PERSON_TITLE_HEADS.get, map(str.rstrip, map(
        itemgetter(2), map(str.rpartition, norm, repeat("-"))), repeat(".")))
    return [(k, head) for k, head in enumerate(heads) if head]


def _first_letters_python(tokens: list, s0: int, s1: int) -> tuple[int, int]:
    """Of ``tokens[s0:s1]``, how many open with a letter and how many of those with a capital
    (the first characters taken and tested at C speed): the reference of
    ``framing._sources_c.first_letters``, which counts them without taking them.

    >>> _first_letters_python(["The", "9", "art", "", "Of", "É"], 0, 6)
    (4, 3)
    """
    firsts = list(filter(str.isalpha, map(getitem, tokens[s0:s1], repeat(_FIRST))))
    return len(firsts), sum(map(str.isupper, firsts))


def _token_positions(tokens) -> dict[str, list[int]]:
    """Each token's positions in ``tokens``, in order: ``{token: [i, ...]}``.

    >>> _token_positions(["a", "b", "a"])
    {'a': [0, 2], 'b': [1]}
    """
    index: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        found = index.get(t)
        if found is None:
            index[t] = [i]
        else:
            found.append(i)
    return index


#: The first white-space separated word at or after an offset (``str.split``'s white space)
_NEXT_CHUNK_RE = re.compile(r"\s*(\S+)")


class _Spans:
    """Spans ``(start, end)`` asked many times which of them overlap a range: sorted by start
    beside the running maximum of their ends, so that each question is a bisection where a
    scan of them all, for each of a long text's many questions, was quadratic in its length.

    >>> spans = _Spans([(10, 20), (0, 5), (30, 40)])
    >>> spans.overlaps(4, 10), spans.overlaps(5, 10), spans.covers(19), spans.covers(20)
    (True, False, True, False)
    >>> spans.overlapping(15, 35), spans.within(0, 20)
    ([(10, 20), (30, 40)], [(0, 5), (10, 20)])
    """

    __slots__ = ("_ends", "_reach", "_starts", "spans")

    def __init__(self, spans):
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self._reach, top = [], -math.inf  # the largest end of the spans up to each one
        for _, e in self.spans:
            top = max(top, e)
            self._reach.append(top)
        # spans that do not overlap have their ends in order too: then the first that ends
        # after a start is found by bisection (else the scan starts at the first span)
        ends = [e for _, e in self.spans]
        self._ends = ends if all(a <= b for a, b in pairwise(ends)) else None

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span overlap [start, end): ``any(s < end and e > start ...)``?"""
        k = bisect_left(self._starts, end)  # the spans starting before ``end``
        return k > 0 and self._reach[k - 1] > start

    def covers(self, offset: int) -> bool:
        """Does a span hold ``offset``: ``any(s <= offset < e ...)``?"""
        k = bisect_right(self._starts, offset)  # the spans starting at or before it
        return k > 0 and self._reach[k - 1] > offset

    def overlapping(self, start: int, end: int) -> list:
        """The spans overlapping [start, end) (``s < end and e > start``), sorted."""
        k = bisect_left(self._starts, end)
        first = 0 if self._ends is None else bisect_right(self._ends, start, 0, k)
        return [(s, e) for s, e in self.spans[first:k] if e > start]

    def within(self, start: int, end: int) -> list:
        """The spans inside [start, end] (``start <= s and e <= end``), sorted."""
        first, k = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [(s, e) for s, e in self.spans[first:k] if e <= end]


class _Apart:
    """Spans each added only when it overlaps none of those before it, asked whether a range
    overlaps one: kept sorted, where their ends are then in order too, so that the one to
    compare is the last starting before the range's end (found by bisection, where a scan of
    them all for each question made a long text quadratic).

    >>> counted = _Apart()
    >>> counted.add(10, 20); counted.add(0, 5)
    >>> counted.overlaps(4, 10), counted.overlaps(5, 10), counted.overlaps(19, 30)
    (True, False, True)
    """

    __slots__ = ("_spans",)

    def __init__(self):
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        """``any(s < end and start < e ...)`` over the spans added."""
        k = bisect_left(self._spans, (end,))  # the spans starting before ``end``
        return k > 0 and self._spans[k - 1][1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none added (:meth:`overlaps` is False)."""
        insort(self._spans, (start, end))


class _FullNames:
    """The full names a surname may stand for (``pairs``: ``(offset, full name)`` in text order),
    and what :meth:`_Scorer.canonical` and :meth:`_Scorer.surname_bearer` find of them that does
    not depend on where the surname is used, kept for its next use.

    >>> names = _FullNames([(0, "Donald Trump"), (40, "Melania Trump"), (90, "Donald Trump")])
    >>> names.last_before(50), names.last_before(0), names.single, list(names.people)
    ('Melania Trump', None, None, ['Donald Trump', 'Melania Trump'])
    """

    __slots__ = ("_only", "_starts", "fitting", "gender_of", "pairs", "people", "single")

    def __init__(self, pairs: list):
        self.pairs = pairs
        starts = [p for p, _ in pairs]
        # bisection needs the offsets in order (as full_names finds them); else a scan
        self._starts = starts if all(a <= b for a, b in pairwise(starts)) else None
        fulls = {full for _, full in pairs}
        self.single = pairs[0][1] if len(fulls) == 1 else None
        self.people: dict = {}  # full name -> its offsets
        for offset, full in pairs:
            self.people.setdefault(full, []).append(offset)
        self.fitting: dict = {}  # title -> the full names it fits (surname_bearer)
        self.gender_of = None  # full name -> its bearer's gender (surname_bearer)
        self._only: dict = {}

    def last_before(self, pos: int) -> str | None:
        """The last full name written before character ``pos``, or None."""
        if self._starts is None:
            before = [full for p, full in self.pairs if p < pos]
            return before[-1] if before else None
        k = bisect_left(self._starts, pos)
        return self.pairs[k - 1][1] if k else None

    def only(self, fulls: list) -> _FullNames:
        """These names, only those among ``fulls``."""
        key = tuple(fulls)
        found = self._only.get(key)
        if found is None:
            found = self._only[key] = _FullNames([(p, full) for p, full in self.pairs
                                                  if full in fulls])
        return found


class _Scorer:
    def __init__(self, seg: Segmentation, lex: SourcesLexicon):
        self.seg, self.lex = seg, lex
        self.text = seg.text
        self.tok = seg.tokens
        self.norm = seg.norm
        self.spans = seg.token_spans
        self.starts = seg.token_starts

        self.tsent = seg.token_sentence
        self.ranges = seg.sentence_token_ranges
        self._full = {}
        self._title_case: dict = {}
        self._known = {}
        self._positions = {}
        self._token_positions = None  # every token's positions, once positions() has scanned
        self._anon_spans = None
        self._anon_index = None  # anon_spans() as _Spans
        self._person_surnames: dict = {}  # person_surname()
        self._genders = {}
        self._comma = False
        self._cue_tokens = set()
        self._attributed: list = []
        # tokens of web addresses and handles ("pic.twitter.com/MoS58") are no names
        self._web = web_token_ids(seg) if "/" in self.text or "@" in self.text else frozenset()
        if "(@" in self.text:  # nor are the names in tweets' signatures names the article uses
            signatures = [m.span() for m in _TWEET_SIGNATURE_RE.finditer(self.text)]
            if signatures:
                self._web = self._web | {i for s, e in signatures
                                         for i in range(self.tok_of(s), self.tok_of(e))}
        # (start, end) -> "tweet" | "transcript": direct quotations without quotation marks
        self._unquoted: dict = {}
        self._titled = None  # titled_people(), found when a description speaker needs it
        self._titled_by_surname = None  # (titled_by_surname(),)
        self._surname_uses: dict = {}  # surname_bearer(): a surname's uses after a title
        self._surname_groups: dict = {}  # canonical(): the full names a surname may stand for
        compiled = _sources_compiled()
        if compiled is not None:  # cap(i) answered in C, each token's answer kept (see cap)
            self.cap = compiled.Caps(self.tok, self._web, _CALENDAR, WeakMethod(self.cap_python))
            self.scan_positions = compiled.positions

    # ---- helpers ------------------------------------------------------------------------
    def tok_of(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        # the tokens' starts rise as their spans do: the same index as bisecting the spans
        # with (offset,), which sorts before (offset, end), in int comparisons
        return bisect_left(self.starts, offset)

    def is_quote_tok(self, i: int) -> bool:
        return self.tok[i] in _QUOTE_CHARS

    def cap_python(self, i: int) -> bool:
        """A capitalized word that can be part of a name: not a weekday or month (unless after a
        given name or an honorific: "Theresa May"), not an adjective like "Obama-era", not part
        of a web address.

        Asked some two hundred times an article, for some 150 tokens. Where
        ``framing._sources_c`` is built, ``self.cap`` is its ``Caps`` object, which gives this
        method's answer for each token once and keeps it (deciding the plain cases itself and
        calling this method for the others); this method is the reference and the fallback."""
        t = self.tok[i]
        # (both patterns need a hyphen, so "-" in t is tested first: the same answers, faster)
        if not t[:1].isupper():  # "el-Sisi"
            return "-" in t and _NAME_PREFIX_RE.match(t) is not None and i not in self._web
        if "-" in t and _ADJ_HYPHEN_RE.search(t) or i in self._web:
            return False
        if t.lower() in _CALENDAR:  # a surname after a given name or an honorific ("Theresa
            prev = self.tok[i - 1] if i > 0 else ""  # May", "Mrs. May"), else a date
            if prev == "." and i > 1:
                prev = self.tok[i - 2]
            return prev[:1].isupper() and prev.lower().rstrip(".") in self.lex.genders
        return True

    cap = cap_python
    #: ``(tokens, word) -> positions``: ``framing._sources_c.positions`` where it is built
    scan_positions = staticmethod(_positions_python)

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return self.spans[i][0], self.spans[j - 1][1]

    def anon_spans(self):
        if self._anon_spans is None:
            self._anon_spans = [(s, e) for s, e, _ in self.lex.anonymity.find_spans(self.seg)]
        return self._anon_spans

    def anon_marker_in(self, start: int, end: int) -> bool:
        if self._anon_index is None:
            self._anon_index = _Spans(self.anon_spans())
        return self._anon_index.overlaps(start, end)

    # ---- names ----------------------------------------------------------------------------
    def positions(self, word: str) -> list[int]:
        """Token positions of ``word`` (exact, case-sensitive), outside web addresses and tweet
        signatures."""
        found = self._positions.get(word)
        if found is None:
            if self._token_positions is None and len(self._positions) < POSITION_SCANS:
                # scanned: a few words an article, cheaper than indexing every token
                found = self.scan_positions(self.tok, word)
            else:
                if self._token_positions is None:
                    self._token_positions = _token_positions(self.tok)
                found = self._token_positions.get(word, [])
            if self._web:
                found = [i for i in found if i not in self._web]
            self._positions[word] = found
        return found

    def full_names(self, word: str) -> list[tuple[int, str, bool]]:
        """Names of two or more words in the text that end (or start) with ``word``, titles
        stripped, as ``(position, full name, ends_with_word)``: resolves "Varga" to "Tomas Varga"
        and, in tabloid style, "Edna" to "Edna Pike"."""
        found = self._full.get(word)
        if found is not None:
            return found
        found = []
        tok, norm, nouns = self.tok, self.norm, self.lex.nouns
        # (most uses of a word are no longer name: name_extents leaves them out before the
        # titles are stripped and the sentence is tested for a headline)
        for i, j, k, s0, s1 in self.name_extents(self.positions(word)):
            ends = k == i + 1
            j, k = self.strip_titles(j, k)
            while j < k and norm[j] in _NAME_PARTICLES and (not tok[j][:1].isupper() or j == s0):
                j += 1  # "(De) de Bretton-Gordon" is a surname, not a full name
            while j < k and not _WORD_RE.match(tok[j]):
                j += 1  # "Roe v. Wade": no name opens with the period of an initial or title
            if k - j < 2 or norm[j] in ("of", "for") or any(
                    nouns.get(norm[x]) == "institution" or norm[x] in _ORG_SUFFIX
                    for x in range(j, k)):
                continue
            if self.title_case(s0, s1):
                continue  # a headline: "Trump Widens the Breach" names no "Trump Widens"
            found.append((self.spans[j][0], self.text[self.spans[j][0]:self.spans[k - 1][1]],
                          ends))
        self._full[word] = found
        return found

    def name_extents_python(self, positions) -> list[tuple[int, int, int, int, int]]:
        """For :meth:`full_names`, the uses of a word (its token ``positions``) that may stand in
        a name of two words or more, as ``(i, j, k, s0, s1)``: the capitalized words [j, k)
        around the use ``i`` (titles, initials and particles before it included) in its
        sentence [s0, s1); not a use alone (``k - j < 2``: stripping titles only shortens a
        name) nor one inside a longer name (``j < i`` and ``k > i + 1``: "House Budget
        Committee"). Where ``framing._sources_c`` is built, :meth:`name_extents` asks its
        ``name_extents``, which gives the same list; this method is the reference."""
        found = []
        tok, norm, titles = self.tok, self.norm, self.lex.titles
        n = len(tok)
        for i in positions:
            s0, s1 = self.ranges[self.tsent[i]] if i < len(self.tsent) else (i, i + 1)
            s1 = min(n, s1)
            j = i
            while j - 1 >= s0 and (self.cap(j - 1) and _WORD_RE.match(tok[j - 1]) and not (
                    len(tok[j - 1]) > 1 and tok[j - 1].isupper()) and norm[j - 1] not in
                    _FUNCTION and norm[j - 1] not in _PARTITIVE and norm[j - 1] not in _VERBISH
                    and not self.opens_sentence_before_name(j - 1)
                    or len(tok[j - 1]) == 1 and self.middle_initial(j - 1, s0)
                    or tok[j - 1] == "." and j - 2 >= s0 and (
                    len(tok[j - 2]) == 1 or norm[j - 2] in titles) or
                    norm[j - 1] in _NAME_PARTICLES and not tok[j - 1][:1].isupper() and
                    j - 2 >= s0 and (self.cap(j - 2) or norm[j - 2] in _NAME_PARTICLES) or
                    norm[j - 1] in ("of", "for") and j - 2 >= s0 and norm[j - 2] in titles):
                j -= 1
            k = i + 1
            while k < s1 and self.cap(k) and _WORD_RE.match(tok[k]):
                k += 1
            if k - j < 2 or k > i + 1 and j < i:
                continue  # a word alone; inside a longer name: "House Budget Committee"
            found.append((i, j, k, s0, s1))
        return found

    def name_extents(self, positions) -> list[tuple[int, int, int, int, int]]:
        """:meth:`name_extents_python`, found by ``framing._sources_c.name_extents`` where it
        is built: each use of a word looked at in C (the scorer's ``cap`` called back only for
        a token it has not answered yet)."""
        compiled = _sources_compiled()
        if compiled is None:
            return self.name_extents_python(positions)
        return compiled.name_extents(self.cap, self.tok, self.norm, self.tsent, self.ranges,
                                     self.lex.titles, _NAME_WORDS, positions)

    def middle_initial(self, i: int, s0: int) -> bool:
        """Is token ``i`` a middle initial after a given name ("John A. Boehner", "Cory A.
        Booker"): one capital letter and a period, after a capitalized word? ("A" and "I" are
        function words elsewhere.)"""
        tok = self.tok
        return len(tok[i]) == 1 and tok[i].isupper() and i + 1 < len(tok) and \
            tok[i + 1] == "." and i - 1 >= s0 and self.cap(i - 1) and \
            _WORD_RE.match(tok[i - 1]) is not None and self.norm[i - 1] not in _FUNCTION

    def titled(self, word: str) -> bool:
        """Does the article write ``word`` right after a title ("President Trump", "Mr.
        Boehner"), so that it is a surname?"""
        tok, norm, titles = self.tok, self.norm, self.lex.titles
        for i in self.positions(word):
            p = i - 1
            if p > 0 and tok[p] == ".":
                p -= 1
            if p >= 0 and norm[p] in titles and tok[p][:1].isupper():
                return True
        return False

    def titled_at(self, offset: int) -> bool:
        """Does a title or a role noun stand right before the name starting at character
        ``offset`` ("Vice Foreign Minister Choe Son-hui", "North Korean official Choe
        Son-hui")?"""
        p = self.tok_of(offset) - 1
        if p > 0 and self.tok[p] == ".":
            p -= 1
        return p >= 0 and (self.norm[p] in self.lex.titles
                           or self.lex.nouns.get(self.norm[p]) in ("role", "person"))

    def name_period(self, j: int, s1: int) -> bool:
        """Is the period at ``j`` inside a name: after a title or an initial, before a
        capitalized word ("Mr. Slavitt", "Gov. Bob McDonnell", "John A. Boehner")?"""
        tok = self.tok
        return tok[j] == "." and j > 0 and j + 1 < s1 and (
            self.norm[j - 1] in self.lex.titles or len(tok[j - 1]) == 1
            and tok[j - 1].isupper()) and self.cap(j + 1)

    def gender(self, np: _NP) -> str:
        """"f", "m" or "" (not known) for a speaker: from a role noun in its description
        ("spokeswoman", "his wife"), else its given name ("Hillary Clinton"), else from what the
        article writes before its surname ("Mrs. Clinton", "said spokeswoman Robin Vale",
        "Congresswoman Maxine Waters"; nothing when the article's words disagree)."""
        genders = self.lex.genders
        if not genders:
            return ""
        key = (np.text, np.name)
        found = self._genders.get(key)
        if found is not None:
            return found
        found = ""
        for w in _WORDS_RE.findall(np.text):
            if w.islower() and genders.get(w) is not None:
                found = genders[w]
                break
        if not found and np.name and np.type == "person":
            words = np.name.split()
            found = genders.get(words[0].lower().rstrip("."), "") if len(words) > 1 else ""
            if not found:
                seen = set()
                norm, tok, tsent, titles = self.norm, self.tok, self.tsent, self.lex.titles
                for i in self.positions(words[-1]):
                    if i >= len(tsent):
                        continue
                    j = i  # back over the name's capitalized words (titles, given names)
                    while j > 0 and i - j < 4 and tsent[j - 1] == tsent[i] and (
                            self.cap(j - 1) and _WORD_RE.match(tok[j - 1])
                            or tok[j - 1] == "." and j > 1 and (
                                len(tok[j - 2]) == 1 or norm[j - 2] in titles)):
                        j -= 1
                    if j > 0 and tsent[j - 1] == tsent[i] and tok[j - 1].islower():
                        j -= 1  # and a role noun just before it ("spokeswoman")
                    for k in range(j, i):
                        g = genders.get(norm[k]) or genders.get(norm[k].rstrip("."))
                        if g is not None:
                            seen.add(g)
                found = seen.pop() if len(seen) == 1 else ""
        self._genders[key] = found
        return found

    def agrees(self, pronoun: str, np: _NP) -> bool:
        """Can "he" or "she" refer to this speaker (no gender the article shows says no)?"""
        want = "m" if pronoun == "he" else "f" if pronoun == "she" else ""
        if not want:
            return True
        got = self.gender(np)
        return not got or got == want

    def org_full_name(self, i: int) -> str:
        """The longer name an organization's last word stands for, if the article gave one
        before ("the Journal" after "The Wall Street Journal"); else the word itself."""
        tok, word, best = self.tok, self.tok[i], self.tok[i]
        for p in self.positions(word):
            if p >= i:
                break
            s0 = self.ranges[self.tsent[p]][0] if p < len(self.tsent) else p
            j = p
            while j - 1 >= s0 and self.cap(j - 1) and _WORD_RE.match(tok[j - 1]) \
                    and self.norm[j - 1] not in _FUNCTION and self.norm[j - 1] != "the":
                j -= 1
            if j < p and not (p + 1 < len(tok) and self.cap(p + 1)):
                best = self.text[self.spans[j][0]:self.spans[p][1]]
        return best

    def canonical(self, name: str, pos: int) -> str:
        words = name.split()
        if len(words) > 1 and not all(w.lower() in _NAME_PARTICLES for w in words[:-1]):
            return name
        # a surname, alone or after its particles ("Varga", "De Blasio"): the full name
        groups = self._surname_groups.get(name)
        if groups is None:
            groups = self._surname_groups[name] = self.surname_groups(words, name)
        for ends, cands in groups:
            if ends:
                bearer = self.surname_bearer(words[-1], pos, cands)
                if isinstance(bearer, list):  # several fit its title: the nearest decides
                    cands = cands.only(bearer)
                elif bearer is not None:
                    return bearer or name
            before = cands.last_before(pos)
            if before is not None:
                return before
            if cands.single is not None:
                return cands.single
        return name

    def surname_groups(self, words: list, name: str) -> list:
        """What :meth:`canonical` needs of the full names that the surname ``name`` (its
        ``words``) may stand for, whatever the position: ``(ends, _FullNames)`` for the names
        that end in it and then for those that open with it, each when there is one. Found
        once per surname (a scan of them all at each use made a long text quadratic)."""
        tail = " " + name.lower()
        found = [(p, full, e) for p, full, e in self.full_names(words[-1])
                 if len(words) == 1 or full.lower().endswith(tail)]
        groups = []
        for ends in (True, False):
            cands = [(p, full) for p, full, e in found if e == ends]
            if not cands:
                continue
            if not ends and words[-1].lower() not in self.lex.titles and \
                    self.titled(words[-1]):
                # a surname ("President Trump") opens no name ("Trump Tower", "Trump World")
                # but one written after a title or role ("North Korean official Choe Son-hui")
                cands = [(p, full) for p, full in cands if self.titled_at(p)]
                if not cands:
                    break
            groups.append((ends, _FullNames(cands)))
        return groups

    def title_before(self, offset: int, capital: bool = False) -> str:
        """The title or honorific written right before the name at character ``offset``, in
        its sentence, lower case and without its period ("president" in "President Donald
        Trump", "mr" in "Mr. Trump", "lady" in "first lady Melania Trump"), or "";
        ``capital``: only a capitalized one ("President Trump", not "for president. Trump")."""
        i = self.tok_of(offset)
        p = i - 1
        if p > 0 and self.tok[p] == ".":
            p -= 1
        if p < 0 or i >= len(self.tsent) or self.tsent[p] != self.tsent[i] or \
                capital and not self.tok[p][:1].isupper():
            return ""
        word = self.norm[p].rstrip(".")
        return word if word in self.lex.titles else ""

    def bearer_fits(self, offsets: list, title: str) -> bool:
        """Can a surname written after ``title`` ("Mr. Trump", "President Trump") stand for
        the person the article names in full at ``offsets`` ("Melania Trump")? Not when the
        title's gender ("Mr.") differs from the person's (given name, else a gendered title),
        nor when it is an office and the article writes the full name only after "first
        lady". (Other offices may be one person's: "Rep. Paul Ryan", "Speaker Ryan".)"""
        gender = self.bearer_gender(offsets)
        if gender and self.lex.genders.get(title, gender) != gender:
            return False
        return title not in _PERSON_TITLE_HEADS or \
            set(map(self.title_before, offsets)) - {""} != {"lady"}

    def surname_bearer(self, word: str, pos: int, cands: _FullNames) -> str | list | None:
        """Which of the people the article names in full with the surname ``word`` (``cands``,
        :class:`_FullNames`) the surname alone at ``pos`` stands for, when the
        article shows it has more than one bearer.

        - A title right before it must fit ("Mr. Trump" is not "Melania Trump"): "" when no
          full name fits (a bearer the article names only by surname), the one that fits, or
          the list of those that fit.
        - A bare surname, when a woman and a man share it ("Melania Trump", "Donald Trump") or
          the article writes it after a title that fits no full name ("President Trump"
          beside "first lady Melania Trump" only): the bearer the article introduces first,
          before ``pos``, by full name or by a title that fits one name or none; "" for a
          bearer named only by surname ("President Trump ... first lady Melania Trump ...
          Trump said"); a list when that fits several, the full names of one gender ("Bush":
          George W. or George H. W., not Laura).
        - None otherwise: the nearest full name before ``pos`` decides, as for any surname.
        """
        people = cands.people

        def fitting(title: str) -> list:  # the full names ``title`` fits, found once a title
            fits = cands.fitting.get(title)
            if fits is None:
                fits = cands.fitting[title] = [full for full, offsets in people.items()
                                               if self.bearer_fits(offsets, title)]
            return fits

        here = self.title_before(pos, capital=True)
        if here:
            fits = fitting(here)
            return fits if len(fits) > 1 else fits[0] if fits else ""
        if cands.gender_of is None:
            cands.gender_of = {full: self.bearer_gender(offsets)
                               for full, offsets in people.items()}
        gender_of = cands.gender_of
        gendered = {full: offsets for full, offsets in people.items() if gender_of[full]}
        both = len({gender_of[full] for full in gendered}) > 1
        key = (word, tuple(people))
        found = self._surname_uses.get(key)
        if found is None:  # (offset, the full names its title fits), outside headlines
            uses = []
            for i in self.positions(word):
                offset = self.spans[i][0]
                title = self.title_before(offset, capital=True)
                if title and not self.title_case(*self.ranges[self.tsent[i]]) and not (
                        i + 1 < len(self.tok) and self.cap(i + 1)):  # "Secretary Ryan Zinke"
                    uses.append((offset, fitting(title)))
            found = self._surname_uses[key] = (uses, all(fits for _, fits in uses))
        uses, all_fit = found
        if not both and all_fit:
            return None
        events = [(offsets[0], [full]) for full, offsets in
                  (gendered if both else people).items() if offsets[0] < pos]
        # the uses are in text order: of those before ``pos`` only the first can be the least
        events += [use for use in uses[:1] if use[0] < pos]
        if not events:
            return None
        fits = min(events)[1]
        gender = gender_of[fits[0]] if both and len(fits) == 1 else ""
        if gender:  # "Bush": George W. or George H. W., not Laura
            fits = [full for full in gendered if gender_of[full] == gender]
        return fits if len(fits) > 1 else fits[0] if fits else ""

    def bearer_gender(self, offsets: list) -> str:
        """"f", "m" or "" for the person named in full at ``offsets``: from the given name
        ("Melania"), else from a gendered title before it ("Mrs.", "first lady")."""
        genders = self.lex.genders
        # the first word from offsets[0] on, as text[offsets[0]:].split(None, 1)[0] without
        # copying the rest of the text (once per person named: quadratic in a long text)
        full = _NEXT_CHUNK_RE.match(self.text, offsets[0]).group(1).lower().rstrip(".")
        return genders.get(full) or next(
            (genders[t] for t in map(self.title_before, offsets) if t in genders), "")

    def _title_words(self, words) -> tuple[frozenset, bool]:
        """The compound-title words ("vice", "lieutenant") and whether a past modifier
        ("former", "ex-", "late", "then-") is among lower-case ``words`` before a title."""
        compounds, past = set(), False
        for w in words:
            for x in w.rstrip(".").split("-"):
                x = "lieutenant" if x == "lt" else x
                if x in _PAST_TITLE:
                    past = True
                elif x in _TITLE_COMPOUNDS:
                    compounds.add(x)
        return frozenset(compounds), past

    def titled_people(self) -> list:
        """Every person the article names right after a person title, in text order, as
        ``(start offset, head, compounds, past, np)``: "former Vice President Joe Biden" is
        ``(s, "president", {"vice"}, True, <Joe Biden>)``, "Gov. Mike Pence" ``(s, "governor",
        {}, False, <Mike Pence>)``. The title must stand directly before the name (after
        "Gov." its period); headlines in title case are left out."""
        if self._titled is not None:
            return self._titled
        found, runs = [], {}
        tok, norm, n = self.tok, self.norm, len(self.tok)
        compiled = _sources_compiled()
        for k, head in (_title_heads_python(norm) if compiled is None else
                        compiled.title_heads(norm, _PERSON_TITLE_HEADS)):
            if k >= len(self.tsent):
                continue
            parts = norm[k].split("-")
            j = k + 1 + (k + 1 < n and tok[k + 1] == ".")
            if j >= n or not self.cap(j) or not _WORD_RE.match(tok[j]) or \
                    self.tsent[j] != self.tsent[k]:
                continue
            sent = self.tsent[k]
            if sent not in runs:
                s0, s1 = self.ranges[sent]
                runs[sent] = [] if self.title_case(s0, s1) else self.runs(s0, s1)
            run = next(((a, b) for a, b in runs[sent] if a <= j < b), None)
            if run is None:
                continue
            a2, b2 = self.strip_titles(*run)
            if a2 != j or b2 - a2 == 1 and self.honorific(a2) or self.is_org(a2, b2):
                continue  # the name must follow the title; not "President of the Senate"
            before, q = list(parts[:-1]), k - 1  # the words before the title
            while q >= 0 and k - q <= 4 and self.tsent[q] == sent:
                x = norm[q].rstrip(".")
                if tok[q] != "." and not (x in self.lex.titles or x in _PAST_TITLE or any(
                        y in _PAST_TITLE or y in _TITLE_COMPOUNDS for y in x.split("-"))):
                    break
                before.append(x)
                q -= 1
            compounds, past = self._title_words(before)
            compounds |= {w for w in before if w in self.lex.titles and w not in _PAST_TITLE
                          and w not in _TITLE_COMPOUNDS}  # "Attorney General", "Lt. Gov."
            s, e = self.char_span(a2, b2)
            name = self.canonical(self.text[s:e], s)
            found.append((s, head, compounds, past,
                          _NP(self.text[s:e], s, e, "person", name, -1, -1)))
        # a surname after the title ("President Trump") is the full name the article writes
        # after the same title ("President Donald Trump"); else the full name canonical() gives,
        # unless that one is written after another title ("First Lady Melania Trump": then
        # "Trump")
        full = {(h, np.text.split()[-1]): np.name for _, h, _, _, np in found
                if len(np.text.split()) > 1}
        for x, (s, h, c, p, np) in enumerate(found):
            if len(np.text.split()) > 1:
                continue
            name = full.get((h, np.text))
            if name is None:
                name = np.name
                if name != np.text and any(f == name and self.titled_at(q)
                                           for q, f, _ in self.full_names(np.text)):
                    name = np.text
            found[x] = (s, h, c, p, np._replace(name=name))
        self._titled = found
        return found

    def title_holder(self, np: _NP, before: int) -> _NP | None:
        """The person a description speaker stands for: "the president", "the four-term
        congressman", "the vice president" (the article's ``the`` + modifiers + a person title
        as its head; not "the report", "the company", "the president's spokesman", "the
        president of Mexico") is the person named with that title most recently before character
        ``before`` ("President Donald Trump", "Rep. Mike Conaway"). The compound titles must
        agree ("the president" is not "Vice President Mike Pence"), and a name after a past
        title ("former President Obama", "the late Sen. McCain") counts only for a description
        that says so ("the former president"). None when the article names no such person."""
        i, j = self.tok_of(np.start), self.tok_of(np.end)
        norm = self.norm
        if j - i < 2 or norm[i] != "the" or j > len(norm):
            return None
        head = _PERSON_TITLE_HEADS.get(norm[j - 1])
        if head is None or "." in norm[j - 1] or len(norm[j - 1]) < 4 and norm[j - 1] != "rep":
            return None  # a full title word, not an abbreviation
        mods = norm[i + 1:j - 1]
        if any(w in ("'s", "’s", "'", "’", "of", "and", ",") for w in mods) or \
                j < len(norm) and norm[j] in ("of", "for", "'s", "’s", "at", "in"):
            return None  # "the president's spokesman", "the president of Mexico"
        compounds, past = self._title_words(mods)
        compounds |= {w for w in mods if w in self.lex.titles and w not in _PAST_TITLE
                      and w not in _TITLE_COMPOUNDS}
        places = {w for w in mods if self.tok[self.tok_of(np.start) + 1 + mods.index(w)][:1]
                  .isupper() and w not in _TITLE_ANY_PLACE}  # "the Ohio senator", "the
        # Israeli prime minister": a name whose sentence says so
        until = self.tok_of(before)  # the tokens before it start before character ``before``
        index = None if places else self.titled_by_surname()
        if index is not None:
            # of the people named with the title before ``before`` that share a surname, the
            # last one named: the others' last mention is the same (or their own, earlier), and
            # of equal mentions the later person wins; so one person per surname is weighed
            # (weighing every one, at each description, made a long text quadratic)
            best, last = None, (-1, -1)
            for starts, named in index.get((head, compounds, past), {}).values():
                k = bisect_left(starts, before)
                if k:
                    x, s, person = named[k - 1]
                    uses = self.positions(person.text.split()[-1])
                    u = bisect_left(uses, until)
                    seen = (self.spans[uses[u - 1]][0] if u else s, x)
                    if seen > last:
                        best, last = person, seen
            return best
        best, last = None, -1
        for s, h, c, p, person in self.titled_people():
            if s >= before:
                break
            if h != head or c != compounds or p != past:
                continue
            if places:
                s0, s1 = self.ranges[self.tsent[self.tok_of(s)]]
                if not places <= set(self.norm[s0:s1]):
                    continue
            # of the people named with the title, the one the article mentions last before
            # the quotation ("President Obama" early on, "Mr. Trump" since: Trump)
            # (its uses are in text order: the last before ``before`` found by bisection, where
            # a scan of them all for each titled person made a long text quadratic)
            uses = self.positions(person.text.split()[-1])
            k = bisect_left(uses, until)
            seen = self.spans[uses[k - 1]][0] if k else s
            if seen >= last:
                best, last = person, seen
        return best

    def titled_by_surname(self) -> dict | None:
        """:meth:`titled_people` by their title (``(head, compounds, past)``), then by surname:
        ``{title: {surname: ([start offsets], [(index, start, np)])}}`` in text order; None
        when they are not in text order (then :meth:`title_holder` weighs them all)."""
        if self._titled_by_surname is None:
            titled = self.titled_people()
            found: dict | None = None
            if all(a[0] <= b[0] for a, b in pairwise(titled)):
                found = {}
                for x, (s, h, c, p, person) in enumerate(titled):
                    starts, named = found.setdefault((h, c, p), {}).setdefault(
                        person.text.split()[-1], ([], []))
                    starts.append(s)
                    named.append((x, s, person))
            self._titled_by_surname = (found,)
        return self._titled_by_surname[0]

    # ---- noun phrase analysis ---------------------------------------------------------------
    def runs(self, i0: int, i1: int):
        """Capitalized runs in tokens [i0, i1): list of (first, last_excluded). Found by
        ``framing._sources_c.runs`` where it is built (the same runs as :meth:`runs_python`,
        the reference: the scorer's ``cap`` and ``is_org`` called back)."""
        compiled = _sources_compiled()
        if compiled is None:
            return self.runs_python(i0, i1)
        return compiled.runs(self.cap, self.tok, self.norm, self.tsent, self.ranges,
                             self.lex.titles, self.lex.nouns, self.is_org, _RUN_WORDS, i0, i1)

    def runs_python(self, i0: int, i1: int):
        """:meth:`runs` in Python."""
        out, i = [], i0
        tok, norm = self.tok, self.norm
        while i < i1:
            if self.cap(i) and norm[i] not in _DETERMINERS and norm[i] not in _LEADING_SKIP \
                    and not self.opens_sentence_before_name(i) \
                    and not _PARTY_LABEL_RE.fullmatch(tok[i]) \
                    and not _ADJ_HYPHEN_RE.search(tok[i]) \
                    and norm[i] not in _PARTITIVE and norm[i] not in _PRONOUNS \
                    and norm[i] not in _FUNCTION \
                    and tok[i] not in _QUOTE_CHARS and _WORD_RE.match(tok[i]) \
                    or norm[i] in _NAME_PARTICLES and self._particle_start(i, i1):
                # (_particle_start is 0 for a word that is no particle: asked only of those)
                j = norm[i] in _NAME_PARTICLES and self._particle_start(i, i1) or i + 1
                while j < i1:
                    nxt_cap = j + 1 < i1 and self.cap(j + 1)
                    if self.cap(j) and _WORD_RE.match(tok[j]):
                        j += 1
                    elif tok[j] in ("'", "’") and nxt_cap:
                        j += 1  # an apostrophe joining capitalized words
                    elif norm[j] in _NAME_PARTICLES and self.cap(j - 1) and \
                            self._after_particles(j, i1):
                        j = self._after_particles(j, i1)  # "Bill de Blasio", "von der Leyen"
                    elif norm[j] in _NAME_CONNECT and nxt_cap and (
                            self.lex.nouns.get(norm[j - 1]) == "institution"
                            or norm[j - 1] in self.lex.titles
                            or norm[j] in ("of", "for") and j - 2 >= i
                            and norm[j - 2] in ("of", "for")
                            and norm[j - 3 if j - 3 >= i else j - 2] in self.lex.titles):
                        j += 1  # "Ministry of Defence", "Secretary of State", "Assistant
                        # Secretary of State for Administration Joyce Barr"
                    elif norm[j] == "and" and j + 1 < i1 and self.cap(j + 1):
                        k = j + 1
                        while k < i1 and self.cap(k):
                            k += 1
                        if self.is_org(i, k):  # "Office of Management and Budget"
                            j = k
                        else:
                            break
                    elif tok[j] in ("'", "’") and tok[j - 1].endswith("s"):
                        j += 1  # Tenants' Union
                    elif tok[j] == "." and j + 1 < i1 and self.cap(j + 1) and (
                            norm[j - 1] in self.lex.titles or len(tok[j - 1]) == 1):
                        j += 1  # Rep. Dave Schweikert, Michael C. Murphy
                    elif tok[j] == "." and norm[j - 1] in _GENERATIONAL and j - 1 > i:
                        j += 1  # Martin Luther King Jr.
                    else:
                        break
                # trailing possessive apostrophe is not part of the name
                while j > i and tok[j - 1] in ("'", "’"):
                    j -= 1
                out.append((i, j))
                i = j
            else:
                i += 1
        return out

    def _particle_start(self, i: int, i1: int) -> int:
        """For a name opened by its particles ("de Blasio said", "von der Leyen"), the position
        of its first capitalized word; else 0."""
        if self.norm[i] not in _NAME_PARTICLES or self.tok[i][:1].isupper() or \
                (i > 0 and self.cap(i - 1)):
            return 0
        k = self._after_particles(i, i1)
        return k + 1 if k else 0

    def _after_particles(self, j: int, i1: int) -> int:
        """The position of the capitalized word after the name particles from ``j`` ("de",
        "von der"), or 0 if none follows before ``i1``."""
        k = j
        while k < i1 and self.norm[k] in _NAME_PARTICLES:
            k += 1
        return k if k < i1 and self.cap(k) and _WORD_RE.match(self.tok[k]) else 0

    def opens_sentence_before_name(self, i: int) -> bool:
        """Is token ``i`` an adverb or participle opening its sentence before a capitalized word
        ("Apparently Trump", "Contradicting Trump", "Having Trump"): not part of the name?"""
        if i >= len(self.tsent) or self.ranges[self.tsent[i]][0] != i or i + 1 >= len(self.tok):
            return False
        w = self.norm[i]
        return (w in _SENTENCE_ADVERBS or w.endswith("ing") and len(w) > 5) and self.cap(i + 1)

    def title_case(self, s0: int, s1: int) -> bool:
        """Is tokens [s0, s1) a line in title case (a headline), where capitals do not mark
        names: three words or more, at least 70% of them capitalized?"""
        key = (s0, s1)
        found = self._title_case.get(key)
        if found is None:  # (its first letters counted by framing._sources_c where it is built)
            compiled = _sources_compiled()
            letters, capitals = (_first_letters_python(self.tok, s0, s1) if compiled is None
                                 else compiled.first_letters(self.tok, s0, s1))
            found = letters >= 3 and capitals >= 0.7 * letters
            self._title_case[key] = found
        return found

    def strip_titles(self, i: int, j: int) -> tuple[int, int]:
        """Drop titles ("House Majority Leader", "Rep.", "Secretary of State"), their modifiers
        ("Former", "Acting") and capitals-only labels before a name; a title word ending the run
        is a name ("John Major")."""
        if j - i == 1:
            return i, j  # one word: a name or not, nothing is stripped
        norm, tok, titles = self.norm, self.tok, self.lex.titles
        if self.is_org(i, j):
            return i, j
        while i < j - 1 and norm[i] in _TITLE_MODIFIERS:
            i += 1  # "Former Trump aide", "Acting Director": not part of the name
        je = j  # the name before a generational suffix ("Martin Luther King Jr.")
        while je - 1 > i and (norm[je - 1] in _GENERATIONAL or tok[je - 1] == "."):
            je -= 1
        k = None  # the first title
        for x in range(i, je - 1):
            if norm[x] in titles:
                k = x
                break
        k0 = k
        if k is not None:
            while k < je - 1 and (norm[k] in titles or tok[k] == "." or
                                  norm[k] in ("of", "for") and k + 2 < je):
                k += 2 if norm[k] in ("of", "for") else 1
            i = k
        while i < j - 1 and len(tok[i]) > 1 and tok[i].isupper():
            i += 1
        while i < j - 1 and norm[i] in ("democrat", "democrats", "republican", "republicans"):
            i += 1  # "Republican Trump", "Democrat Joe Manchin": the party is no given name
        if je - i >= 3:
            # an institution's name after "of", "to the" or a descriptor before a given name:
            # "Director of National Intelligence Joseph Maguire", "Ambassador to the United
            # Nations Nikki Haley", "National Correspondent John King" (not "Carlo Maria
            # Vigano", "G. William Hoagland": the given name must be followed by more of the name
            # and the words before it must follow such a word or hold a source noun)
            g = next((x for x in range(i, je - 1) if self.given_name(x)), None)
            if g is not None and g > i and (
                    any(self.lex.nouns.get(norm[x]) for x in range(i, g))
                    or k0 is not None and any(norm[x] in ("of", "for") for x in range(k0, i))
                    or i > 0 and norm[i - 1] in ("the", "of", "for", "to")
                    and not self.is_org(g, je)):  # not "the San Francisco Chronicle"
                i = g
        return i, j

    def honorific(self, i: int) -> bool:
        """Is token ``i`` an honorific or an abbreviated title ("Mr", "Dr", "Gov", "Rep"),
        never a name by itself?"""
        w = self.norm[i]
        return w in _HONORIFICS or w + "." in self.lex.titles

    def name_after_employer(self, runs, i0: int, i1: int) -> _NP | None:
        """The person a description names at its end, after the organization it works for:
        "former Moscow bureau chief for the Washington Post Kevin Klose" is Kevin Klose, not an
        anonymous bureau chief. Only when the last capitalized run ends the mention, opens with
        a known organization and goes on with a given name and a surname (not "a spokesman for
        Gov. Phil Scott", whose run holds no organization: the spokesman speaks)."""
        if not runs or runs[-1][1] != i1:
            return None
        a, b = runs[-1]
        nouns = self.lex.nouns
        for g in range(b - 2, max(a, b - 4), -1):  # a given name and one or two more words
            if self.given_name(g) and not any(nouns.get(self.norm[x]) or self.norm[x] in
                                              _ORG_SUFFIX for x in range(g, b)):
                break
        else:
            return None
        if not (self.lex.organizations and self.is_org(a, g)) or not any(
                self.norm[k] in ("for", "at", "of", "with") for k in range(i0, a)):
            return None
        s, e = self.char_span(g, b)
        ms = self.spans[i0][0]
        return _NP(self.text[ms:e], ms, e, "person", self.canonical(self.text[s:e], s), -1, -1)

    def given_name(self, i: int) -> bool:
        """Is token ``i`` a capitalized given name of the gender list ("Joseph", "Nikki"), not
        an honorific, title or source noun ("Mrs", "Congresswoman")?"""
        w = self.norm[i]
        return self.tok[i][:1].isupper() and w in self.lex.genders and \
            w not in self.lex.titles and not self.lex.nouns.get(w) and w not in _HONORIFICS

    def is_org(self, i: int, j: int) -> bool:
        """Is the name in tokens [i, j) an organization: headed by an institution noun or a
        company suffix ("Foreign Ministry", "Orrin Systems", "Office of Management and Budget"),
        a single name after "the" ("the Guardian", "The Hill"), or an acronym standing alone
        ("CIA", "NATO"; not the few people known by initials)?"""
        nouns, norm = self.lex.nouns, self.norm
        orgs = self.lex.organizations
        if orgs and (norm[i] if j - i == 1 and i >= 0 else " ".join(norm[i:j])) in orgs \
                and not (j - i == 1 and self.person_surname(self.tok[i])):
            return True  # "Reuters", "the Kremlin", "Daily Beast"; not "Spain" for "Ken Spain"
        t = self.tok[i]
        if j - i == 1 and 2 <= len(t) <= 6 and t.isupper() and t.isalpha() \
                and norm[i] not in _PERSON_INITIALS and norm[i] not in _ROLE_ACRONYMS \
                and not self.positions(t.title()):  # "TRUMP" in a headline: the name "Trump"
            return True
        if j - i == 1 and i > 0 and norm[i - 1] == "the" and norm[i] not in self.lex.titles \
                and not (norm[i].endswith("s") and self.positions(self.tok[i][:-1])) \
                and not self.modifies_noun(j):
            return True  # "the Guardian", "The Hill": a person is not "the Smith" ("the Obamas"
            # are, beside "Obama"; in "the Mueller report" the name only modifies the noun)
        for k in range(i, j):
            if (k == j - 1 or norm[k + 1] in ("of", "for", "and")) and (
                    nouns.get(norm[k].rstrip("'’")) == "institution" or norm[k] in _ORG_SUFFIX):
                return True
        return False

    def person_surname(self, word: str) -> bool:
        """Does the text name a person ending in ``word`` (a given name first: "Ken Spain",
        "Steve Israel")?"""
        found = self._person_surnames.get(word)
        if found is None:  # (asked again at each use of the word: once per word)
            genders, tok = self.lex.genders, self.tok
            found = self._person_surnames[word] = any(
                j > 0 and tok[j - 1][:1].isupper() and tok[j - 1].lower() in genders
                for j in self.positions(word))
        return found

    def modifies_noun(self, j: int) -> bool:
        """Is token j a common source noun that the name before it modifies ("the Mueller
        report said"), not a verb ("The Guardian reports.")?"""
        norm = self.norm
        if j >= len(norm) or not self.tok[j][:1].islower() or not self.lex.nouns.get(norm[j]):
            return False
        return j not in self._cue_tokens or j + 1 in self._cue_tokens

    def analyze(self, i0: int, i1: int, sentence_start: int) -> _NP | None:
        """Classify the speaker mention in tokens [i0, i1)."""
        norm, tok, nouns = self.norm, self.tok, self.lex.nouns
        while i0 < i1 and (norm[i0] in _LEADING_SKIP or tok[i0] in (",", "-", "—", "–")
                           or self.opens_sentence_before_name(i0)):
            i0 += 1
        if i0 >= i1:
            return None
        full_s, full_e = self.char_span(i0, i1)
        # a pronoun
        if i1 - i0 == 1 and norm[i0] in _PRONOUNS:
            s, e = self.spans[i0]
            return _NP(tok[i0], s, e, "pronoun", None, -1, -1, norm[i0])
        # "the 34-year-old": a pronoun in effect
        if i1 - i0 == 2 and norm[i0] == "the" and norm[i1 - 1].endswith("-year-old"):
            s, e = self.char_span(i0, i1)
            return _NP(self.text[s:e], s, e, "pronoun", None, -1, -1, "he")
        marker = self.anon_marker_in(full_s, full_e)
        # cut post-modifiers, never inside a capitalized run
        runs = self.runs(i0, i1)
        in_run = set()
        for a, b in runs:
            in_run.update(range(a, b))
        named = self.name_after_employer(runs, i0, i1)
        if named is not None:
            return named
        cut = i1
        for k in range(i0 + 1, i1):
            if k in in_run:
                continue
            if norm[k] in _POSTMOD or tok[k] in ("(", ")") or norm[k] in _TIME_LEADERS \
                    and self.time_phrase(k, i1):  # (False for any other word: not asked)
                if norm[k] == "of" and (norm[k - 1] in _PARTITIVE or nouns.get(norm[k - 1])
                                        in ("role", "document") or norm[k - 1] == "head"):
                    continue  # "two of the diplomats", "the head of ..."
                cut = k
                break
        # name: a capitalized run that ends the head part (not a modifier: "A Compact spokesman",
        # "Pettifer's lawyer", "the Kyrensk city council")
        for a, b in reversed(runs):
            if b != cut:
                continue
            if a - 2 >= i0 and norm[a - 1] in ("of", "for") and (
                    norm[a - 2] in self.lex.titles or nouns.get(norm[a - 2]) in ("role", "person")):
                a2, b2 = self.strip_titles(a, b)
                if not (b2 - a2 >= 2 and self.given_name(a2)):
                    break  # the body of a role: "the board chairman of Naftogaz"
            found = self.run_name(a, b, i0, sentence_start, b == i1 and "cue")
            if found is None:
                break
            e, org, name = found
            ms = self.spans[i0][0]
            first = self.coordinated(runs, a, b, i0, sentence_start, org)
            if first is not None:  # "Pelosi and Schumer said", "said John Smith and Mary Jones"
                return _NP(self.text[ms:e], ms, e, "organization" if org else "person",
                           f"{first} and {name}", -1, -1, names=(first, name))
            return _NP(self.text[ms:e], ms, e, "organization" if org else "person", name,
                       -1, -1)
        # a head noun, near the start of the mention and with no verb before it
        head = None
        for k in range(i0, cut):
            t = nouns.get(norm[k].rstrip("'’"))
            if t:
                head = k
            elif norm[k] in _VERBISH:
                return None
        if head is not None and head - i0 > 5:
            return None
        quant = None
        if head is None:
            for k in range(i0, cut):
                if norm[k] in _PARTITIVE:
                    quant = k
        if head is None and quant is None:
            if norm[i0] in _DETERMINERS and cut - i0 <= 4 and (cut - i0 >= 2 or marker):
                # (a lone "that" or "the" is no description; "those familiar with" is a source)
                s, e = self.char_span(i0, cut)
                return _NP(self.text[s:e], s, e, "anonymous" if marker else "description",
                           None, full_s if marker else -1, full_e if marker else -1)
            if cut - i0 == 2 and norm[i0] in _PARTITIVE and norm[i0 + 1] in ("them", "others"):
                s, e = self.char_span(i0, cut)
                return _NP(self.text[s:e], s, e, "partitive", None, full_s, full_e)
            return None
        if head is None:
            end = quant + 1
            if end < cut and norm[end] == "of":
                end = cut
            s, e = self.char_span(i0, end)
            return _NP(self.text[s:e], s, e, "partitive", None, full_s, full_e)
        kind = nouns[norm[head].rstrip("'’")]
        if kind == "institution" and self.cap(head):
            for a, b in runs:  # "recent Pew Research Center polling", "The IMF even says"
                if a < head < b and self.is_org(a, b):
                    s, e = self.char_span(a, b)
                    return _NP(self.text[s:e], s, e, "organization", self.text[s:e], -1, -1)
        s, e = self.char_span(i0, head + 1)
        if kind == "person":
            typ = "anonymous"
        elif kind == "role":
            definite = norm[i0] in ("the", "its", "his", "her", "their", "our", "this", "that") \
                or "'s" in norm[i0:head] or "’s" in tok[i0:head]
            typ = "description" if definite else "anonymous"
        else:
            typ = "description"
        if marker and typ == "description" and kind != "institution" and kind != "document":
            typ = "anonymous"
        if typ == "anonymous":
            return _NP(self.text[s:e], s, e, typ, None, full_s, full_e)
        return _NP(self.text[s:e], s, e, typ, None, -1, -1)

    def run_name(self, a: int, b: int, i0: int, sentence_start: int, lone: str):
        """The name a capitalized run [a, b) of a speaker mention gives, as ``(end offset,
        is_org, name)``, or None when it is no name: titles dropped, a surname resolved to the
        full name. A lone word opening the sentence is a name when the article uses it as one,
        or (``lone``) when it is a surname before the cue ("cue") or coordinated with a name
        ("and")."""
        norm, tok, nouns = self.norm, self.tok, self.lex.nouns
        a2, b2 = self.strip_titles(a, b)
        if norm[a2] in ("of", "for") or b2 - a2 == 1 and self.honorific(a2):
            return None  # only titles and their place: "Attorney General of Texas"; "Mr" cut
            # from its name by a sentence break
        if b2 - a2 == 1 and (nouns.get(norm[a2]) and not self.person_surname(tok[a2])
                             or a2 == sentence_start
                             and not self.known_name(a2) and not self.is_org(a2, b2)
                             and not (lone == "cue" and self.lone_surname(a2)
                                      or lone == "and" and self.surname_word(a2))):
            return None  # a lone capitalized source noun ("Police") or sentence-initial word,
            # unless the article names a person so ("Judge" after "Mark Judge")
        if nouns.get(norm[b2 - 1]) in ("person", "role") and not (
                b2 - a2 >= 2 and tok[a2].lower() in self.lex.genders
                and norm[b2 - 1] not in _PARTY_NOUNS) and not (
                b2 - a2 == 1 and (a2 == i0 or norm[a2 - 1] not in _DETERMINERS)
                and self.person_surname(tok[a2])):
            return None  # "the Nevada Democrat", "Senate Republicans" (not "Jennifer Banker",
            # nor "Judge has said" after "Mark Judge")
        s, e = self.char_span(a2, b2)
        name = self.text[s:e]
        org = self.is_org(a2, b2)
        if not org:
            name = self.canonical(name, s)
        elif b2 - a2 == 1 and norm[a2] in _ORG_SUFFIX:
            name = self.org_full_name(a2)
        return e, org, name

    def titles_only(self, a: int, b: int) -> bool:
        """Does the run [a, b) hold only titles before its name ("Sen. Cory Booker"), no name
        of an institution ("Housing and Urban Development Secretary Ben Carson") or place
        ("Secretary of Housing")?"""
        a2 = self.strip_titles(a, b)[0]
        return a2 == a or self.norm[a2 - 1] not in ("of", "for") and all(
            self.norm[x] in self.lex.titles or self.norm[x] in _TITLE_MODIFIERS
            or self.tok[x] == "." or self.norm[x] in ("of", "for") for x in range(a, a2))

    def coordinated(self, runs, a: int, b: int, i0: int, sentence_start: int,
                    org: bool) -> str | None:
        """The name coordinated with the speaker's name in the run [a, b): a name of
        the same kind (person or organization) right before "and", with nothing before it in
        the mention but "both" or a lower-case description ("Pelosi and Schumer said", "said
        John Smith and Mary Jones", "scholars Daveed Gartenstein-Ross and Thomas Joscelyn
        write"); None for a list ("Smith, Jones and Brown") or anything else."""
        norm, tok = self.norm, self.tok
        if a - 2 < i0 or norm[a - 1] != "and":
            return None
        prev = next(((pa, pb) for pa, pb in runs if pb == a - 1), None)
        if prev is None or not self.titles_only(a, b) or not self.titles_only(*prev) \
                or prev[0] - i0 > 3 or any(
                    not (norm[x] == "both" or tok[x].islower() and tok[x].isalpha()
                         and norm[x] not in _FUNCTION and norm[x] not in _VERBISH
                         and norm[x] not in _MORE_PREPOSITIONS)
                    for x in range(i0, prev[0])):
            return None
        if prev[0] == i0 and i0 - 2 >= sentence_start and tok[i0 - 1] == "," \
                and self.cap(i0 - 2) and norm[i0 - 2] not in _SENTENCE_ADVERBS \
                and norm[i0 - 2] not in _FUNCTION:
            return None  # the end of a list: "Smith, Jones and Brown said"
        found = self.run_name(prev[0], prev[1], i0, sentence_start, "and")
        if found is None or found[1] != org:
            return None
        return found[2]

    def lone_surname(self, i: int) -> bool:
        """Is the capitalized word opening a sentence, right before a speech cue (or adverbs,
        auxiliaries and a day before it), a person's surname ("Trump said the talks failed",
        where the article never writes "Donald Trump"; see :meth:`surname_word`: not "Medics
        said", "Stripping ... would", nor "Reports say" beside "reports")?"""
        nxt = i + 1  # the cue, after any adverbs and days ("Trump also said", "Pelosi flatly
        norm = self.norm  # denied", "Trump on Tuesday said", "Trump late on Friday said")
        while nxt < len(norm) and (norm[nxt] in _SKIP_LEFT or norm[nxt] in ("now", "more",
                                                                            "most")
                                   or _manner_word(self.tok[nxt], self.lex.nouns)
                                   or norm[nxt] in _DAY_LEADERS and nxt + 1 < len(norm) and (
                                       norm[nxt + 1] in _WEEKDAYS or norm[nxt + 1] in
                                       _DAY_LEADERS and nxt + 2 < len(norm)
                                       and norm[nxt + 2] in _WEEKDAYS)):
            nxt += 1
        return nxt in self._cue_tokens and self.surname_word(i)

    def surname_word(self, i: int) -> bool:
        """Can the capitalized word ``i`` be a surname: no function word, source noun or
        pronoun, no ordinary word of news (as the tone model knows them) and never written in
        lower case in the article?"""
        word = self.tok[i]
        low = self.norm[i]
        if not (len(word) > 1 and word[0].isupper() and not word.isupper() and word.isalpha()
                and low not in _DETERMINERS
                and low not in _PARTITIVE and low not in _PRONOUNS and low not in _INDEFINITE
                and low not in self.lex.nouns and not self.positions(low)):
            return False
        from framing.sentiment import common_words
        from framing.vocabulary import stop_word_set

        return low not in stop_word_set("english") and low not in common_words()

    def known_name(self, i: int) -> bool:
        """Is this capitalized word a name: part of a longer name, or capitalized where no
        sentence starts?"""
        word = self.tok[i]
        known = self._known.get(word)
        if known is None:
            known = bool(self.full_names(word))
            if not known:
                for j in self.positions(word):
                    s0 = self.ranges[self.tsent[j]][0] if j < len(self.tsent) else j
                    if any(_WORD_RE.match(self.tok[x]) for x in range(s0, j)):
                        known = True
                        break
            self._known[word] = known
        return known

    # ---- cue analysis --------------------------------------------------------------------
    def left_region(self, hit: _CueHit):
        """Find the speaker left of the cue. Sets hit.left and returns (i0, i1) or None."""
        norm, tok = self.norm, self.tok
        s0 = self.ranges[hit.sent][0]
        k = hit.a - 1
        while k >= s0 and (norm[k] in _SKIP_LEFT or norm[k] in _NEGATION or (
                norm[k] in _DAY_LEADERS and k + 1 < hit.a and (norm[k + 1] in _WEEKDAYS or (
                    norm[k + 1] in _DAY_LEADERS and norm[k + 2] in _WEEKDAYS)))
                or self.manner_adverb(k, s0, hit.a)) \
                and not (tok[k] == "May" and self.cap(k)):  # "Theresa May said": the name
            k -= 1  # adverbs, auxiliaries and days: "Nancy Pelosi just Wednesday said"
        skipped = False
        while k > s0 and tok[k] == ",":
            # asides between commas: "Mitch McConnell, R-Ky., though, said"
            p = k - 1
            while p > s0 and k - p < 5 and tok[p] != ",":
                p -= 1
            if tok[p] != "," or p == k - 1 or not self.aside(p + 1, k):
                break
            k, skipped = p, True
        if skipped:
            k -= 1  # the comma that opened the first aside
        if k > s0 and tok[k] == ")":
            # a parenthetical after the speaker: "Sen. Bob Menendez (D-NJ) tweeted"
            p = k - 1
            while p > s0 and k - p < 8 and tok[p] not in ("(", ")") and tok[p] not in _QUOTE_CHARS:
                p -= 1
            if tok[p] == "(" and p > s0:
                k = p - 1
        if k < s0:
            hit.left = "none"
            return None
        if norm[k] in _PASSIVE and (tok[hit.a].endswith("ed") or norm[hit.a] in ("told", "said")):
            hit.left = "passive"
            return None
        if norm[k] in ("and", "but", "while") or norm[hit.a].endswith(_PARTICIPLE_END) and \
                norm[k] not in _PASSIVE and not self.cap(hit.a):
            hit.left = "inherit"  # "..., adding that", "and said", "a statement saying"
            return None
        if tok[k] in _QUOTE_CHARS or (tok[k] in (",", "—", "–") and k - 1 >= s0
                                      and tok[k - 1] in _QUOTE_CHARS):
            hit.left = "none"
            return None
        if tok[k] == ",":
            # apposition or relative clause between commas: "Alan Grieve, 47, said"
            p = k - 1
            while p >= s0 and tok[p] != "," and tok[p] not in _QUOTE_CHARS and tok[p] != ";":
                p -= 1
            if p < s0 or tok[p] != ",":
                hit.left = "none"
                return None
            inner = (p + 1, k)
            while True:
                q = p - 1
                while q >= s0 and tok[q] not in (",", ";", ":", "—", "–", "(") \
                        and tok[q] not in _QUOTE_CHARS and norm[q] not in _BOUNDARY_WORDS \
                        and p - q < 14:
                    if tok[q] == ")":  # "Rep. Mac Thornberry (R-Texas), chairman of ..., said"
                        o = q - 1
                        while o > s0 and q - o < 8 and tok[o] not in ("(", ")"):
                            o -= 1
                        if tok[o] == "(":
                            q = o
                    q -= 1
                if q > s0 and tok[q] == "," and q + 1 < p and self.aside(q + 1, p):
                    p = q  # "Sen. Orrin Hatch, R-Utah, top Republican ...", "John Smith, 45, a"
                    continue
                if q > s0 and tok[q] == "," and q + 1 < p and p == inner[0] - 1 and \
                        self.role_apposition(q + 1, p) and self.name_before(q, s0):
                    p = q  # "Andriy Kobolev, the board chairman of Naftogaz, Ukraine's state
                    continue  # gas company, said": the name before two appositions
                break
            outer = (q + 1, p)
            hit.left = "subject"
            return ("appos", outer, inner)
        q = self.subject_start(k, s0)
        hit.left = "subject"
        if q - 2 >= s0 and norm[q - 1] in ("and", "or"):
            prep = self.conjunct_of_object(q - 1, s0, k)
            if prep is not None and self.analyze(q, k + 1, s0) is not None:
                # "The handshake between a party leader and a party leader hopeful stressed":
                # the words after "and" end a preposition's object; the subject is the phrase
                # before the preposition ("Lawmakers on the left and the right say"), when it
                # opens its clause and is a noun phrase (not in "He spoke to reporters and
                # officials said": two clauses, the second with its own subject)
                q2 = self.subject_start(prep - 1, s0) if prep > s0 else prep
                if q2 < prep and (q2 == s0 or not _WORD_RE.match(tok[q2 - 1])
                                  or norm[q2 - 1] in _BOUNDARY_WORDS):
                    # (not the object of a verb: "posted a photo of his reply to the ruling
                    # and the court later said")
                    end = k + 1 if norm[prep] in _POSTMOD or norm[prep - 1] in _POSTMOD \
                        else prep  # (analyze cuts a "with", "close" and the rest off the head)
                    if self.analyze(q2, end, s0) is not None:
                        return (q2, end)
        return (q, k + 1)

    def subject_start(self, k: int, s0: int) -> int:
        """The first token of the subject ending at token ``k``: back to punctuation, a
        boundary word ("when", "and" between lower-case words) or another cue, 14 tokens at
        most."""
        norm, tok = self.norm, self.tok
        q = k
        while q - 1 >= s0 and tok[q - 1] not in (",", ";", ":", "—", "–", "(") \
                and tok[q - 1] not in _QUOTE_CHARS and k - q < 14:
            if tok[q - 1] == ")":
                # a party label inside the subject: "Harry Reid (D) of Nevada said"
                o = q - 2
                while o > s0 and q - o < 6 and tok[o] not in ("(", ")"):
                    o -= 1
                if tok[o] == "(" and o > s0 and self.aside(o + 1, q - 1) == "party":
                    q = o
                    continue
                break
            w = norm[q - 1]
            if q - 1 in self._cue_tokens:
                if self.norm[q - 1] in ("told", "tell", "tells", "telling"):
                    q = min(self.skip_object(q, k + 1), k + 1)  # "told reporters the letter"
                break
            if w in _BOUNDARY_WORDS and not (w == "and" and q < len(tok) and self.cap(q)
                                             and self.cap(q - 2 if q >= 2 else q)) \
                    or w == "what":  # "what he told reporters": he
                break
            q -= 1
        return q

    def conjunct_of_object(self, c: int, s0: int, k: int) -> int | None:
        """Do the words after the conjunction at token ``c`` (up to the subject's last token
        ``k``) end a coordinated object of a preposition ("between a party leader and a party
        leader hopeful", "in the capital and the provinces")? Then the preposition's token,
        else None. The first conjunct is up to six words right after the preposition, with no
        comma, verb, boundary word, relative pronoun or time ("on Friday and both said"); "of"
        is left out ("Two of the diplomats and an aide said"), and "to" counts only after
        "close" or a source noun ("aides to the mayor and the governor", not "works to connect
        donors and the party"). No preposition's object: words after the conjunction that hold
        a relative pronoun ("fire from liberals and conservatives who say": they say it) or
        open with a subject pronoun ("ordered him to comply with the order and he said")."""
        norm, tok = self.norm, self.tok
        if norm[c + 1] in _PRONOUNS or any(norm[x] in _RELATIVES for x in range(c + 1, k + 1)):
            return None
        p = c - 1
        while p >= s0 and c - p <= 6:
            w = norm[p]
            if w in _OBJECT_PREPOSITIONS or w == "to" and p > s0 and (
                    norm[p - 1] == "close" or self.lex.nouns.get(norm[p - 1]) in ("person",
                                                                                  "role")):
                return p if p < c - 1 else None
            if w in _RELATIVES and w != "that" or w in _CALENDAR or w in _TIME_UNITS:
                return None  # "the clause about which the mayor and his aides complained"
            if w in _DETERMINERS:
                p -= 1
                continue
            if not _WORD_RE.match(tok[p]) and w not in ("'s", "’s") or w in _VERBISH \
                    or w in _BOUNDARY_WORDS or w in _PREPOSITIONS or w in _MORE_PREPOSITIONS \
                    or p in self._cue_tokens:
                return None
            p -= 1
        return None

    def manner_adverb(self, k: int, s0: int, cue: int) -> bool:
        """Is token ``k`` an adverb between a named or pronoun subject and its verb at ``cue``
        ("Obama derisively said", "President Obama now tells us", "Mike Pompeo later more
        forcefully said"): "now" right before the verb, or a lower-case word in -ly that is no
        source noun ("family"), no degree ("largely written off") and no guess ("he probably
        says"), or "more" or "most" before one, with a capitalized word other than a group's
        name ("Many Americans finally concluded") or a pronoun before the adverbs?"""
        norm, tok = self.norm, self.tok
        w = norm[k]
        if not (w == "now" and k + 1 == cue or _manner_word(tok[k], self.lex.nouns)
                or w in ("more", "most") and k + 1 < len(tok)
                and _manner_word(tok[k + 1], self.lex.nouns)):
            return False
        j = k - 1
        while j >= s0 and (norm[j] in _SKIP_LEFT or norm[j] in ("now", "more", "most")
                           or _manner_word(tok[j], self.lex.nouns)):
            j -= 1
        return j >= s0 and (norm[j] in _PRONOUNS or self.cap(j)
                            and _WORD_RE.match(tok[j]) is not None
                            and _GROUP_NAME_RE.fullmatch(norm[j]) is None)

    def time_phrase(self, k: int, end: int) -> bool:
        """Tokens from ``k`` open a time adverbial before the verb: "late on Friday", "early
        Monday", "earlier this week", "last month" (not "the late John McCain")."""
        norm = self.norm
        if norm[k] not in _TIME_LEADERS or k + 1 >= end:
            return False
        nxt = norm[k + 1]
        if norm[k] in ("this", "last", "next"):
            return nxt in _TIME_UNITS
        return nxt in _TIME_UNITS or nxt in _WEEKDAYS or nxt in ("on", "in", "this", "last",
                                                                  "today", "yesterday")

    def role_apposition(self, i: int, j: int) -> bool:
        """Is tokens [i, j) a description by role: opening with a title ("Attorney General of
        Texas") or in lower case with a role noun ("the board chairman of Naftogaz", "managing
        director of Intersurgical")?"""
        tok, norm, nouns, titles = self.tok, self.norm, self.lex.nouns, self.lex.titles
        if norm[i] in titles or norm[i] in _TITLE_MODIFIERS:
            return True  # "Attorney General of Texas", "former chairman of ..."
        return tok[i][:1].islower() and any(
            (norm[x] in titles or nouns.get(norm[x]) in ("role", "person"))
            and tok[x][:1].islower() for x in range(i, min(j, i + 5)))

    def name_before(self, q: int, s0: int) -> bool:
        """Is the comma at ``q`` right after a person's name of two words or more that opens its
        clause ("Andriy Kobolev,", "Marjorie Dannenfelser,")?"""
        tok = self.tok
        r = q - 1
        while r >= s0 and q - r <= 6 and (self.cap(r) and _WORD_RE.match(tok[r])
                                          and self.norm[r] not in _FUNCTION or tok[r] == "."):
            r -= 1
        if q - (r + 1) < 2 or not (r < s0 or tok[r] in (",", ";", ":", "—", "–")
                                   or tok[r].islower()):
            return False
        a, b = self.strip_titles(r + 1, q)
        return b - a >= 2 and not self.is_org(a, b)

    def aside(self, i: int, j: int) -> str:
        """"party" for a party-and-state label in tokens [i, j) ("R-Ky.", "D-N.Y."), "age" for a
        number of up to three digits, "adverb" for a lone sentence adverb ("though", "however"),
        else ""."""
        words = self.text[self.spans[i][0]:self.spans[j - 1][1]]
        if _PARTY_LABEL_RE.fullmatch(words):
            return "party"
        if words.isdigit() and len(words) <= 3:
            return "age"  # "Alan Grieve, 47, a farmer, said"
        if j - i == 1 and self.norm[i] in _ASIDE_ADVERBS:
            return "adverb"
        return ""

    def right_np(self, b: int, s1: int):
        """A speaker right after the cue ('said Priya Nandakumar, an analyst'), or None."""
        norm, tok = self.norm, self.tok
        if b >= s1 or norm[b] in _PREPOSITIONS or tok[b] in _QUOTE_CHARS or not \
                _WORD_RE.match(tok[b]) or norm[b] == "that":
            return None
        if not (self.cap(b) or norm[b] in _DETERMINERS or norm[b] in _PARTITIVE
                or norm[b] in self.lex.nouns or norm[b] in self.lex.titles
                or self.role_before_name(b, s1)):
            return None
        j = b
        while j < s1 and (tok[j] not in (",", ".", ";", ":", "—", "–", "!", "?", "(") or
                          tok[j] == "." and j > b and (norm[j - 1] in self.lex.titles or
                                                       len(tok[j - 1]) == 1)
                          and j + 1 < s1 and self.cap(j + 1)) \
                and tok[j] not in _QUOTE_CHARS and j - b < 12:
            if norm[j] in _PREPOSITIONS - {"of", "for", "at"} and j > b:
                break
            j += 1
        return (b, j)

    def state_noun(self, a: int, b: int, cue: _Cue) -> bool:
        """Is this "state" a noun or adjective, not the reporting verb: capitalized inside a
        sentence ("the United States", "Islamic State") or before a title or source noun ("state
        Attorney General Tom Horne", "State Department officials")?"""
        norm = self.norm
        if cue.lemma != "state" or norm[a] not in ("state", "states"):
            return False
        if self.tok[a][:1].isupper() and a < len(self.tsent) and \
                self.ranges[self.tsent[a]][0] != a:
            return True  # capitalized inside a sentence: "United States", "Islamic State"
        return norm[a] == "state" and b < len(norm) and self.cap(b) \
            and self.tsent[b] == self.tsent[a] \
            and (norm[b] in self.lex.titles or norm[b] in self.lex.nouns)

    def role_before_name(self, b: int, s1: int) -> bool:
        """Do tokens from ``b`` hold a bare description and then a full name ('said strategist
        Joe Brettell', 'said longtime GOP pollster Ann Selzer')? Up to four words, lower-case
        ones not function words or verbs, before two capitalized words."""
        norm, tok = self.norm, self.tok
        k, lower = b, False
        while k < s1 and k - b < 4 and not (self.cap(k) and k + 1 < s1 and self.cap(k + 1)):
            w = norm[k]
            if not tok[k].isalpha() or w in _FUNCTION or w in _VERBISH or w in _PRONOUNS \
                    or w in _NEGATION or w in _MORE_PREPOSITIONS \
                    or w.endswith("ly") and not self.cap(k):
                return False
            lower = lower or not self.cap(k)
            k += 1
        return lower and k < s1 - 1 and self.cap(k) and self.cap(k + 1) \
            and _WORD_RE.match(tok[k]) is not None and norm[k] not in _FUNCTION

    def skip_adverbials(self, j: int, s1: int) -> int:
        norm, tok = self.norm, self.tok
        steps = 0
        self._comma = False
        while j < s1 and steps < 12:
            if tok[j] == ",":
                self._comma = True
                j += 1
            elif norm[j] in _SKIP_RIGHT:
                j += 1
            elif norm[j] in _WEEKDAYS:  # "said Monday (night) that ..."
                j += 1
                if j < s1 and norm[j] in _DAY_PARTS:
                    j += 1
            elif norm[j] in _PREPOSITIONS:
                j += 1
                while j < s1 and norm[j] != "that" and tok[j] not in (",", ":", ";") \
                        and tok[j] not in _QUOTE_CHARS and norm[j] not in _PREPOSITIONS \
                        and j - steps < s1:
                    if norm[j] in _PRONOUNS and norm[j] not in ("it",):
                        return j
                    j += 1
            else:
                break
            steps += 1
        return j

    def analyze_cue(self, hit: _CueHit):
        norm, tok = self.norm, self.tok
        s0, s1 = self.ranges[hit.sent]
        a, b = hit.a, hit.b
        cue = hit.cue
        # negated, infinitival and nominal uses are not attributions
        prev = norm[a - 1] if a - 1 >= s0 else ""
        prev2 = norm[a - 2] if a - 2 >= s0 else ""
        if cue.kind != "source":
            if prev in _NEGATION or prev2 in _NEGATION and prev in ("to", "be") or \
                    prev == "to" and prev2 in ("refused", "declined", "failed", "want", "wanted",
                                               "early", "soon", "hard", "difficult"):
                hit.negated = True
                return
            if b - a == 1 and self.lex.nouns.get(norm[a]) == "document" and (
                    b < s1 and b in self._cue_tokens or a > s0 and tok[a][:1].isupper()
                    and self.cap(a - 1) and (b >= s1 or not tok[b][:1].isupper())
                    and not all(t[:1].isupper() for t in tok[s0:s1] if len(t) > 3 and
                                t[0].isalpha())):
                hit.negated = True  # "the Mueller report said": a noun before the verb; "to
                return  # The Drudge Report.": a name (not a title-case headline)
            if prev in ("'s", "’s") and norm[a].endswith("ed"):
                hit.negated = True  # "the CIA's reported assessment": an adjective
                return
            if prev in _DETERMINERS or prev == "whose" or (
                    prev in _PREPOSITIONS and prev not in ("later", "then", "earlier", "also")):
                hit.negated = True  # "the reports", "about reports"
                return
            if prev in _QUANTITY and norm[a].endswith("s") and not norm[a].endswith("ss") and (
                    b >= s1 or norm[b] != "that"):
                hit.negated = True  # "Two more tweets followed:", "several reports", "many
                return  # posts": a counted plural is a noun (not "two sources says that")
            if norm[a] in _NOUN_FORMS and (prev in _TAKES_OBJECT or prev.endswith("ed") and
                                           tok[a - 1].islower() and a - 1 > s0):
                hit.negated = True  # "Moscow denied reports that ...": the object of a verb
                return
            if norm[a] in ("state", "states") and not (
                    prev in _PRONOUNS or prev in _STATE_SUBJECTS or prev.endswith("ly")
                    or self.lex.nouns.get(prev) or tok[a - 1][:1].isupper()
                    and (a - 1 > s0 or self.known_name(a - 1) or self.lone_surname(a - 1))):
                hit.negated = True  # "four states that he carried", "other states": the noun
                return
            if norm[a] == "state" and self.lex.nouns.get(prev) and not prev.endswith("s"):
                hit.negated = True  # "the official state funeral": a singular noun takes
                return  # "states"; "state" after it is the noun
            if norm[a].endswith("ing") and not (
                    prev in (",", "and", "—", "–", "while", "after", "before", "by", "also",
                             "again", "repeatedly") or prev in _PASSIVE or
                    self.lex.nouns.get(prev) == "document"):
                hit.negated = True  # "warning signals", "his saying": not a reporting participle
                return
            if cue.lemma == "continue" and b < s1 and (
                    norm[b] in _DETERMINERS or norm[b].endswith("ing") or norm[b] == "to" and (
                        b + 1 >= s1 or norm[b + 1] not in ("applause", "cheers", "laughter"))):
                hit.negated = True  # "will continue to enforce", "continue its goal", not "he
                return  # continued." or "Romney continued to applause"
            if cue.lemma in ("find", "conclude") and prev in (
                    "might", "may", "could", "will", "would", "should", "must", "'ll"):
                hit.negated = True  # "you might conclude that": a conjecture, not a finding
                return
            if prev in _MODALS and prev2 in ("you", "one"):
                hit.negated = True  # "it is, you might say, a disaster": no one's speech
                return
            if cue.lemma == "ask" and (a == s0 or prev in _PASSIVE or prev == "when"):
                hit.negated = True  # a question put to the source
                return
        if cue.kind == "source":
            self.analyze_according(hit, s0, s1)
            return
        region = self.left_region(hit)
        if region is not None:
            if region[0] == "appos":
                _, outer, inner = region
                np_out = self.analyze(*outer, s0) if outer[1] > outer[0] else None
                np_in = self.analyze(*inner, s0) if inner[1] > inner[0] and \
                    norm[inner[0]] not in ("who", "which", "whose", "speaking") else None
                if np_in and np_in.type in ("person", "organization") and (
                        np_out is None or np_out.type not in ("person", "organization")):
                    np = np_in
                else:
                    np = np_out or np_in
                if np is not None and np.type in ("anonymous", "description", "partitive"):
                    full_s = self.spans[outer[0]][0] if outer[1] > outer[0] else np.start
                    full_e = self.spans[inner[1] - 1][1]
                    marker = self.anon_marker_in(full_s, full_e)
                    if marker or np.type == "anonymous":
                        np = np._replace(type="anonymous" if np.type != "partitive" else np.type,
                                         anon_start=np.anon_start if np.anon_start >= 0 and
                                         not marker else full_s,
                                         anon_end=np.anon_end if np.anon_end >= 0 and
                                         not marker else full_e)
                hit.np = np
                if np is None:
                    hit.left = "none"
            else:
                hit.np = self.analyze(region[0], region[1], s0)
                if hit.np is None and region[1] - region[0] == 1 and norm[region[0]] == "who":
                    hit.np = self.antecedent(region[0] - 1, s0)  # "Dwight Eisenhower, who said:"
                if hit.np is None:
                    hit.left = "none"
                hit.what = region[0] > s0 and norm[region[0] - 1] == "what"
        j = b
        if hit.left == "subject" and (hit.np is None or hit.np.type not in
                                      ("person", "organization", "pronoun")) and \
                region is not None and self.tok[hit.a - 1] == "," and cue.lemma != "tell" \
                and cue.kind != "label":
            rn = self.right_np(b, s1)  # "..., particularly a new one, said G. William Hoagland"
            alt = self.analyze(rn[0], rn[1], s0) if rn is not None else None
            if alt is not None and alt.type in ("person", "organization"):
                hit.np, hit.left = alt, "inverted"
                j = rn[1]
        if (hit.left == "none" or (hit.left == "subject" and hit.np is None)) and \
                cue.lemma != "tell" and cue.kind != "label":
            # (after "told" stands the hearer, "told reporters"; after "called" the object)
            rn = self.right_np(b, s1)
            if rn is not None:
                np = self.analyze(rn[0], rn[1], s0)
                if np is not None:
                    hit.np, hit.left = np, "inverted"
                    j = rn[1]
                    if np.type in ("anonymous", "description") and j < s1:
                        # an apposition after the inverted speaker may withhold the name
                        k = j + 1
                        while k < s1 and tok[k] not in (",", ".", ";") \
                                and tok[k] not in _QUOTE_CHARS:
                            k += 1
                        e = self.spans[k - 1][1]
                        if self.anon_marker_in(np.start, e):
                            hit.np = np._replace(type="anonymous", anon_start=np.start,
                                                 anon_end=self.spans[j - 1][1])
        # explicit anonymity later in the sentence: "an official said, speaking on condition ..."
        if hit.np is not None and hit.np.type == "description" and \
                self.anon_marker_in(self.spans[b - 1][1], self.spans[s1 - 1][1]) and \
                self.lex.nouns.get(self.norm[self.tok_of(hit.np.end) - 1]) not in \
                ("institution", "document"):
            hit.np = hit.np._replace(type="anonymous", anon_start=hit.np.start,
                                     anon_end=hit.np.end)
        # content after the cue
        if hit.what:
            return  # "what he says about taxes", "what Trump said": only a quotation after a
            # colon is its content ('Here is what he told reporters: "..."')
        if cue.kind == "label" or cue.complement == "none":
            self.fronted_content(hit, s0, s1)
            return
        if cue.lemma == "tell" and hit.left != "inverted":
            j = self.skip_object(j, s1)
        j = self.skip_adverbials(j, s1)
        if j < s1 and norm[j] == "that":
            self.set_content(hit, j + 1, s1)
        elif j < s1 and cue.complement == "zero" and not self._comma \
                and tok[j] not in _QUOTE_CHARS and not norm[j].endswith("ing") \
                and tok[j] not in (".", "!", "?", ":", ";", ",", "—", "–", ")", "(") \
                and norm[j] not in _PREPOSITIONS and norm[j] not in ("to", "of", "and", "or") \
                and s1 - j >= 3:
            self.set_content(hit, j, s1)
        if hit.content is None:
            self.fronted_content(hit, s0, s1)

    def antecedent(self, comma: int, s0: int) -> _NP | None:
        """The person or organization named right before the comma that opens a relative clause
        with "who" ("Dwight Eisenhower, who said: ...", "He quoted Iain, who said, ..."), also
        over one apposition ("Sen. Dianne Feinstein, California Democrat, who said"); None
        for a description ("the senator, who said") or no comma."""
        tok = self.tok
        for _ in range(2):
            if comma <= s0 or tok[comma] != ",":
                return None
            run = next(((a, b) for a, b in self.runs(s0, comma) if b == comma), None)
            p = run[0] - 1 if run else s0
            while p > s0 and self.norm[p] in _DETERMINERS:
                p -= 1
            if p >= s0 and ((self.norm[p] in _PREPOSITIONS or self.norm[p] in _MORE_PREPOSITIONS)
                            and "," in tok[s0:p] or self.norm[p] in ("and", "or", "nor")):
                run = None  # the place or body of an apposition ("Jamal, a refugee from Syria,
                # who"; not "read up on Dwight Eisenhower, who"), or the last of several
                # ("House Republicans and President Trump, who have")
            found = self.run_name(run[0], run[1], run[0], s0, "") if run else None
            if found is not None:
                e, org, name = found
                s = self.spans[self.strip_titles(*run)[0]][0]
                return _NP(self.text[s:e], s, e, "organization" if org else "person", name,
                           -1, -1)
            # an apposition between the name and "who": back to the comma before it
            p = comma - 1
            while p > s0 and comma - p < 6 and tok[p] not in (",", ";", ":") \
                    and tok[p] not in _QUOTE_CHARS:
                p -= 1
            comma = p
        return None

    def skip_object(self, j: int, s1: int) -> int:
        norm, tok = self.norm, self.tok
        if j >= s1:
            return j
        if self.cap(j) and norm[j] not in _PRONOUNS and norm[j] not in _DETERMINERS:
            while j < s1 and self.cap(j):
                j += 1
                if j + 1 < s1 and tok[j] in ("'s", "’s") and self.cap(j + 1):
                    j += 1  # "told CNN's Anderson Cooper"
            return j
        if norm[j] in ("him", "her", "them", "us", "me", "you", "reporters", "journalists",
                       "parliament", "congress", "lawmakers", "pals", "friends"):
            return j + 1
        if norm[j] in _DETERMINERS and norm[j] not in ("that", "this", "these", "those"):
            k = j + 1
            while k < s1 and k - j <= 3 and self.cap(k):
                k += 1
            if k > j + 1:
                return k
            k = j + 1
            while k < s1 and k - j <= 3 and tok[k].isalpha() and norm[k] not in _PRONOUNS \
                    and norm[k] not in _DETERMINERS and norm[k] != "that" \
                    and norm[k] not in _PREPOSITIONS:
                k += 1
            return k
        return j

    def set_content(self, hit: _CueHit, i: int, s1: int):
        tok = self.tok
        if i < s1 and self.norm[i] in _VERBISH:
            return  # "similar claims were later revised": a noun, not a reporting verb
        j = s1
        while j > i and tok[j - 1] in (".", "!", "?", ",", ";", ":") :
            j -= 1
        if j > i:
            hit.content = (i, j)

    def fronted_content(self, hit: _CueHit, s0: int, s1: int):
        """Content before the speaker: 'Prices rose, the ministry said.'"""
        if hit.left not in ("subject", "inverted"):
            return
        tok = self.tok
        first = self.tok_of(hit.np.start) if hit.left == "subject" and hit.np else hit.a
        if hit.left == "subject" and hit.np and hit.np.anon_start >= 0:
            first = min(first, self.tok_of(hit.np.anon_start))
        k = first - 1
        if k < s0 or tok[k] not in (",", "—", "–"):
            # "Private registrations, it said, were flat": the speaker interrupts the clause
            return
        if k - 1 >= s0 and tok[k - 1] in _QUOTE_CHARS:
            return
        after = self.skip_adverbials(hit.b if hit.left == "subject" else
                                     self.tok_of(hit.np.end) if hit.np else hit.b, s1)
        if after < s1 and tok[after] not in (".", "!", "?") and tok[after - 1] == "," and \
                not self.norm[after].endswith("ing") and not self.apposition(after, hit.np):
            self.set_content(hit, s0, s1)  # parenthetical attribution
            return
        if k - s0 >= 2 and not (k - s0 <= 3 and self.norm[s0] in _PREPOSITIONS):
            self.set_content(hit, s0, k)  # not a fronted time or place: "Last month, X said"

    def apposition(self, i: int, np: _NP | None) -> bool:
        """Does token ``i``, after 'X said,', open a relative clause or an apposition on the
        speaker ('..., said the senator, who asked not to be named'; '..., said Joe Brettell, a
        former aide') rather than the rest of an interrupted clause ('Prices, it said, rose';
        'It would be, they contend, an incremental change')? Only right after a named or
        described speaker and its comma."""
        if np is None or np.type == "pronoun" or self.tok_of(np.end) != i - 1:
            return False  # only right after the speaker's own words and comma
        return self.norm[i] in ("who", "whose", "which", "a", "an")

    def analyze_according(self, hit: _CueHit, s0: int, s1: int):
        norm, tok = self.norm, self.tok
        j = hit.b
        k = j
        while k < s1 and (tok[k] not in (",", ".", ";", ":", "—", "–", "!", "?")
                          or self.name_period(k, s1)) and tok[k] not in _QUOTE_CHARS:
            k += 1  # (over the period of a title or initial: "according to Mr. Slavitt")
        region = (j, k)
        np = self.analyze(j, k, s0) if k > j else None
        if np is not None and np.type == "description":
            # "figures published by the Motor Traders' Association"
            for m in range(j, k):
                if norm[m] == "by" and m + 1 < k:
                    alt = self.analyze(m + 1, k, s0)
                    if alt is not None and alt.type in ("person", "organization"):
                        np = alt
                    break
        if np is not None and np.type == "anonymous" and np.anon_start < 0:
            np = np._replace(anon_start=np.start, anon_end=self.spans[k - 1][1])
        elif np is not None and np.type in ("anonymous", "partitive"):
            np = np._replace(anon_end=max(np.anon_end, self.spans[k - 1][1]))
        hit.np = np
        hit.left = "according"
        lead = hit.a - s0 <= 1 and (hit.a == s0 or norm[s0] in _LEADING_SKIP)
        if lead:
            c = k
            # skip an apposition after the source: "According to the report, published ...,"
            if c < s1 and tok[c] == ",":
                m = c + 1
                while m < s1 and tok[m] != "," and tok[m] not in _QUOTE_CHARS:
                    m += 1
                if m < s1 and tok[m] == "," and norm[c + 1] in ("published", "released",
                                                                "issued", "seen", "obtained",
                                                                "which", "who"):
                    c = m
            while c < s1 and tok[c] in (",", ":", "—", "–"):
                c += 1
            if c < s1:
                self.set_content(hit, c, s1)
        else:
            e = hit.a
            while e > s0 and tok[e - 1] in (",", "—", "–"):
                e -= 1
            if e - s0 >= 2:
                hit.content = (s0, e)
        del region

    # ---- main ---------------------------------------------------------------------------
    def run(self) -> SourcesResult:
        seg, text, tok, norm = self.seg, self.text, self.tok, self.norm
        hits = []
        matches = [m for m in self.lex.cues.find(seg) if not self.state_noun(*m)]
        self._cue_tokens = {a for a, _, _ in matches}
        for a, b, cue in matches:
            if seg.quote_at(self.spans[a][0]) is not None:
                continue  # the speaker's own reporting, inside a quotation
            hit = _CueHit(a, b, cue, self.tsent[a])
            self.analyze_cue(hit)
            if not hit.negated:
                hits.append(hit)
        # trim reported content at the next speaker mention in the same sentence
        for x, y in pairwise(hits):
            if x.content and y.sent == x.sent and y.np is not None and y.left == "subject":
                cut = self.tok_of(min(y.np.start, y.np.anon_start if y.np.anon_start >= 0
                                      else y.np.start))
                if not x.content[0] < cut < x.content[1]:
                    continue
                e = cut
                if self.norm[e - 1] in _CLAUSE_JOINERS and e - 1 > x.content[0]:
                    e -= 1  # ", but the president's aides say ..."
                if tok[e - 1] in (",", "—", "–", ";"):
                    while e > x.content[0] and tok[e - 1] in (",", "—", "–", ";"):
                        e -= 1
                    x.content = (x.content[0], e) if e > x.content[0] else None
        hit_by_sent = {}
        for h in hits:
            hit_by_sent.setdefault(h.sent, []).append(h)

        items = []  # [start, end, kind, hit, speaker np, inherited]
        scare = []
        prev = None  # (item, last sentence of its attribution)
        quotes = seg.quotes
        for qi, (qs, qe) in enumerate(quotes):
            inner = text[qs:qe]
            if not _WORD_RE.search(inner):
                continue
            qa, qb = self.tok_of(qs), self.tok_of(qe)  # tokens of the quote: [qa, qb)
            if qa >= len(tok):
                continue
            if _SEVEN_WORDS_RE.match(inner) is None:
                quoted_words = _WORDS_RE.findall(inner)
                words = len(quoted_words)
            else:  # seven words or more: long and no title, the same as any more
                quoted_words, words = (), 7
            long_quote = words >= 4 or bool(_TERMINAL_IN_QUOTE.search(inner))
            sa = self.tsent[qa]
            capitalized = words <= 6 and all(
                w[:1].isupper() or w.lower() in _TITLE_SMALL for w in quoted_words)
            # a title: short and capitalized, or capitalized after a word that introduces a
            # title ('on "The Jerry Bader Show."', 'Bob Marley's "Get Up, Stand Up,"')
            title_case = capitalized and (not long_quote or (
                words >= 2 and qa - 1 >= 0 and norm[qa - 1] in _TITLE_CONTEXT))
            term = title_case or qa - 1 >= 0 and (norm[qa - 1] in _TERM_MARKERS or
                                    (norm[qa - 1] == "called" and not long_quote) or
                                    (norm[qa - 1] == "as" and qa - 2 >= 0 and
                                     norm[qa - 2] == "known"))
            hit = None
            if not term:
                hit = (self.cue_after(qi, qb, inner, hit_by_sent)
                       or self.cue_before(qa, sa, long_quote, hit_by_sent)
                       or self.cue_content(qa, qb, sa, hit_by_sent)
                       or self.cue_colon(qs, hit_by_sent))
            if hit is not None:
                hit.used = True
                items.append([qs, qe, "direct", hit, hit.np, False])
                last = max(self.tsent[min(qb, len(tok)) - 1], hit.sent)
                prev = (items[-1], last, long_quote)
                continue
            label = None if term else self.colon_label(qs)
            if label is not None:  # 'Sen. Lindsey Graham: "No, it's not."'
                items.append([qs, qe, "direct", None, label, False])
                prev = (items[-1], self.tsent[min(qb, len(tok)) - 1], long_quote)
                continue
            if term or not long_quote:
                scare.append((qs, qe))
                continue
            # a quotation with no cue continues the speaker of the quotation just before it
            np, inherited = None, False
            if prev is not None and prev[2] and sa <= prev[1] + 1 and \
                    not self.name_label(qs) and \
                    seg.sentence_paragraph[sa] <= \
                    seg.sentence_paragraph[min(prev[1], len(seg.sentences) - 1)] + 1:
                np, inherited = prev[0][4], prev[0][4] is not None
            items.append([qs, qe, "direct", None, np, inherited])
            prev = (items[-1], self.tsent[min(qb, len(tok)) - 1], True)
        loose_anon = []
        qstarts = [q for q, _ in quotes]
        # everything put in a source's mouth, also the content of an attribution that holds a
        # quotation and so counts as that direct quote ("said the deal was "dead" and that ...")
        self._attributed = sorted(self.char_span(*(h.content or h.fronted)) for h in hits
                                  if h.cue.kind in ("speech", "source")
                                  and (h.content or h.fronted))
        for h in hits:
            if h.used or h.cue.kind not in ("speech", "source"):
                continue
            rng = h.content or h.fronted
            if rng is None:
                if h.np is not None and h.np.type == "anonymous" and h.cue.kind == "speech" \
                        and h.b < len(tok) and _WORD_RE.match(tok[h.b]) \
                        and norm[h.b] not in _PREPOSITIONS and h.left != "inverted" \
                        and norm[self.tok_of(h.np.start)] not in _PREPOSITIONS \
                        and not self.hypothetical_or_confirmation(h):
                    # (a source is no phrase opening with a preposition: "With many workers in
                    # crucial primary states ...", where "states" is a noun)
                    loose_anon.append(h)  # "an Orrin spokeswoman confirmed the figure"
                continue
            cs, ce = self.char_span(*rng)
            k = bisect_left(qstarts, ce) - 1  # the last quotation starting before ce
            if k >= 0 and quotes[k][1] > cs:
                continue
            items.append([cs, ce, "reported", h, h.np, False])
        inner = []
        if ":\n" in text or ":\r" in text:
            inner += self.block_quotes(items, hits)
        if "(@" in text:
            inner += self.tweets(items)
        lines = _turn_lines(text)
        if lines:  # the lines that may open a turn
            inner += self.transcript_turns(items, lines)
        if inner:  # what a tweet or a speaker's turn reports is theirs, not the article's
            inner = _Spans(inner)
            items[:] = [it for it in items if it[2] != "reported" or not inner.covers(it[0])]
            loose_anon = [h for h in loose_anon if not inner.covers(h.np.anon_start)]
        items.sort(key=lambda it: (it[0], it[1]))
        return self.finish(items, scare, loose_anon)

    def tweets(self, items) -> list:
        """Embedded tweets, as a web page's text keeps them: a paragraph ending in the tweet's
        signature ("... — Marco Rubio (@marcorubio) March 6, 2016"). The paragraph up to the
        dash is a direct quotation of the account's name (cue ``tweet``), unless a quotation
        found already overlaps it."""
        text = self.text
        direct = _Spans((it[0], it[1]) for it in items if it[2] == "direct")
        spans = []
        for m in _TWEET_SIGNATURE_RE.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = m.start()
            if not text[start:end].strip():  # the signature on a line of its own: the tweet
                end = start  # is the paragraph before it
                while end > 0 and text[end - 1].isspace():
                    end -= 1
                start = text.rfind("\n", 0, end) + 1
            while end > start and text[end - 1].isspace():
                end -= 1
            start = self.tweet_start(start, direct)
            if end <= start or not _WORD_RE.search(text[start:end]) or \
                    direct.overlaps(start, end):
                continue
            ns, ne = m.span("name")
            cut = _ACCOUNT_SUFFIX_RE.search(text, ns, ne)  # "Brad Parscale - Text TRUMP to ..."
            ne = cut.start() if cut else ne
            name = " ".join(_ACCOUNT_DECORATION_RE.sub(" ", text[ns:ne]).split())
            if not name:
                continue
            # an account's display name: a person's when it is two to four words without an
            # institution's word ("Jeb Boone", "Vice President Mike Pence", titles dropped),
            # else an organization's ("Senate Judiciary", "Breaking News", "redfish"), so that
            # no "he" resolves to it
            words = name.split()
            low = name.lower()
            institution = bool(set(low.split()) & _ACCOUNT_ORG_WORDS) or any(
                c.isdigit() for c in name) or (  # "FRANCE 24 English", "Breitbart London"
                low in self.lex.organizations or " ".join(words[:2]).lower()
                in self.lex.organizations)
            kind = "person" if 2 <= len(words) <= 4 and not (
                institution or name.isupper()) else "organization"
            if kind == "person":
                i0, i1 = self.tok_of(ns), self.tok_of(ne)
                i, j = self.strip_titles(i0, i1)
                if j - i == 1 and i > i0:  # "Vice President Pence": the article's Mike Pence
                    full = {f for _p, f, ends in self.full_names(self.tok[i]) if ends}
                    name = full.pop() if len(full) == 1 else name
                elif j - i >= 2 and i > i0:
                    name = " ".join(_ACCOUNT_DECORATION_RE.sub(
                        " ", text[self.spans[i][0]:self.spans[j - 1][1]]).split()) or name
                name = self.article_name(name)  # "Donald J. Trump" -> "Donald Trump"
            np = _NP(name, ns, ne, kind, name, -1, -1)
            items.append([start, end, "direct", None, np, False])
            self._unquoted[(start, end)] = "tweet"
            spans.append((start, end))
        return spans

    def block_quotes(self, items, hits) -> list:
        """A paragraph printed without quotation marks after one that a speech cue with a
        speaker closes with a colon ("Here's what French ... argued in a Monday post:",
        "The company said in a statement:"): a direct quotation of that speaker (cue
        ``block``), the one paragraph that follows only, and only when it holds no quotation
        mark, does not open with a bullet, is a sentence of four words or more ending in a
        full stop, question or exclamation mark, and the colon ends the cue's own sentence."""
        text, tok = self.text, self.tok
        direct = [(it[0], it[1]) for it in items if it[2] == "direct"]
        spans = []
        for h in hits:
            if h.used or h.negated or h.np is None or h.cue.kind != "speech" or h.content \
                    or h.left == "inherit":
                continue
            s0, s1 = self.ranges[h.sent]
            k = min(s1, len(tok)) - 1
            if k < h.b or tok[k] != ":":
                continue
            colon = self.spans[k][1]
            eol = text.find("\n", colon)
            if eol < 0 or text[colon:eol].strip():
                continue  # the colon does not end its paragraph
            start = eol
            while start < len(text) and text[start].isspace():
                start += 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            while end > start and text[end - 1].isspace():
                end -= 1
            body = text[start:end]
            if end <= start or any(c in _QUOTE_CHARS for c in body) or \
                    body[:1] in "•*-–—·" or len(body.split()) < 4 or \
                    body.rstrip(")]")[-1:] not in ".!?…" or _overlaps(direct, start, end):
                continue  # (page furniture: "AD", "Enlarge this image toggle caption ...")
            h.used = True
            direct.append((start, end))
            items.append([start, end, "direct", None, h.np, False])  # (cue "block")
            self._unquoted[(start, end)] = "block"
            spans.append((start, end))
        return spans

    def tweet_start(self, start: int, direct) -> int:
        """Where the tweet whose last paragraph starts at ``start`` begins: a tweet of several
        paragraphs keeps its own line breaks, two or three blank lines between its paragraphs,
        where the page has one blank line between its own ("Seattle's resident warlord Raz
        assaults citizen journalists.\\n\\n\\n\\nHe'd be a named enemy ... — Ian Miles Cheong
        (@stillgray) June 11, 2020"). A paragraph with a quotation found already, or another
        tweet's signature, ends the search."""
        text = self.text
        while True:
            i = start
            while i > 0 and text[i - 1].isspace():
                i -= 1
            if i == 0 or text.count("\n", i, start) not in (3, 4):
                return start  # (one blank line, or a gap of more where a page drops an embed)
            prev = text.rfind("\n", 0, i) + 1
            if _TWEET_SIGNATURE_RE.search(text, prev, i) or direct.overlaps(prev, i) \
                    or not _WORD_RE.search(text[prev:i]):
                return start
            start = prev

    def transcript_turns(self, items, lines=None) -> list:
        """The turns of a transcript: a paragraph opening with a speaker's label in capitals
        ("PRESIDENT OBAMA: No. ...", "AMY GOODMAN: ...", or "RACHEL MARTIN, HOST:" on a line of
        its own before the turn), read as a direct quotation of that speaker (cue
        ``transcript``) up to the next label. A label is a speaker's when it names a person:
        a given name in it, its surname is a person the text names ("GRAHAM:" after "Lindsey
        Graham"), or a role such as ", HOST"; headings ("READ:", "THE FACTS:", "UPDATE:") are
        not. Since sources 2.1 also: labels in mixed case ("Tapper: ...", "Jake Tapper: ...")
        where two of them name two people, a name alone on its line in a Q&A interview
        ("Jen Kirby" / question / "Anand Menon" / answer) where two such names recur, and
        "Q:" / "A:" turns (no speaker) where both occur; a quotation inside such a turn belongs
        to it (a nested quote), and a turn under a name line runs over its paragraphs to the
        next label (the last one to the end of the text). Returns the turns' spans.

        ``lines``: the starts of the lines where ``_ANY_TURN_LABEL_RE`` matches, where the
        labels are looked for (None: the whole text)."""
        text = self.text
        direct = _Spans((it[0], it[1]) for it in items if it[2] == "direct")
        labels = []  # (label start, label end, speaker or None, turn kind)
        if ":" in text:
            known: dict = {}  # a label's surname -> the name its full label gave ("MARTIN")
            for m in self._label_matches(_TRANSCRIPT_LABEL_RE, lines):
                np = self.transcript_speaker(m, known)
                words = m.group("name").split()
                if np is not None or (len(words) <= 3 and not set(
                        w.lower() for w in words) & _ACCOUNT_ORG_WORDS):
                    labels.append((m.start(), m.end(), np, "caps"))  # an unknown label still
                    # ends the turn before it
            labels += self.mixed_labels(lines)
            labels += self.qa_labels(lines)
        named_lines = self.name_line_labels(lines)
        if named_lines and "archived recording" in text:
            named_lines += self.recording_labels()
        labels += named_lines
        labels.sort(key=lambda lab: lab[0])
        spans = []
        nested = []
        for k, (ls, le, np, kind) in enumerate(labels):
            if np is None:
                continue
            start = le
            while start < len(text) and text[start].isspace():
                start += 1
            if k + 1 < len(labels):
                end = labels[k + 1][0]
            elif kind == "line":  # a Q&A under name lines: the last answer ends the text
                end = len(text)
            else:  # the last turn: its paragraph (after a label on a line of its own, the next)
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
            while end > start and text[end - 1].isspace():
                end -= 1
            body = text[start:end]
            letters = [ch for ch in body if ch.isalpha()]
            if end <= start or not letters or \
                    sum(ch.isupper() for ch in letters) > 0.7 * len(letters):
                continue  # (a card in capitals: "TOM DUPREE: MUELLER HEARING 'HALTING'")
            if kind == "caps":
                if direct.overlaps(start, end):
                    continue
            elif any(not (start <= qs and qe <= end) or (qs, qe) == (start, end)
                     for qs, qe in direct.overlapping(start, end)):
                continue  # a quotation running across the turn's edge (or the whole turn,
                # 'Sen. Lindsey Graham: "No, it's not."', a quotation already): no turn
            else:
                nested += direct.within(start, end)
            items.append([start, end, "direct", None, np or None, False])
            self._unquoted[(start, end)] = "transcript"
            spans.append((ls, end))  # from the label: "OBAMA: ..., he said" is his
        if nested:  # a quotation inside a turn belongs to the turn (a nested quote)
            drop = set(nested)
            items[:] = [it for it in items if it[2] != "direct" or (it[0], it[1]) not in drop
                        or self._unquoted.get((it[0], it[1])) == "transcript"]
        return spans

    def _label_matches(self, label: re.Pattern, lines) -> list:
        """The matches of a turn label (a pattern of ``_ANY_TURN_LABEL_RE``) in the text, in
        order: tried at each of ``lines`` (the starts of the lines where that one matches), or
        searched for in the whole text when ``lines`` is None; the same matches either way."""
        if lines is None:
            return list(label.finditer(self.text))
        match, text = label.match, self.text
        return [m for m in map(match, repeat(text), lines) if m is not None]

    def mixed_labels(self, lines=None) -> list:
        """Speaker labels in mixed case opening a line ("Tapper: ...", "Jake Tapper:",
        "Mr. Henry:"), as ``(start, end, speaker or None, "mixed")``, when two people (by the
        rules of :meth:`transcript_speaker`, and not a place or organization) take at least
        two turns each, as in a dialogue; a label of up to three words that names no one
        ("More:", "Related:") then ends the turn before it. A text with fewer has none: a
        headline ("Trump: world must unite"), a round-up under one card per person ("Paul
        Manafort: The former Trump campaign chairman ...", "Schiff: 'A chance to cheat'")."""
        found = []
        known: dict = {}
        for m in self._label_matches(_MIXED_LABEL_RE, lines):
            np = self.transcript_speaker(m, known)
            words = m.group("name").split()
            if np is not None or (len(words) <= 3 and not set(
                    w.lower() for w in words) & _ACCOUNT_ORG_WORDS):
                found.append((m.start(), m.end(), np, "mixed"))
        turns: dict = {}
        for lab in found:
            if lab[2] is not None:
                turns[lab[2].name] = turns.get(lab[2].name, 0) + 1
        if sum(n >= 2 for n in turns.values()) < 2 or any(
                name.lower() in self.lex.organizations for name in turns):
            return []  # (a round-up under "Name: headline" cards names each person once)
        return found

    def qa_labels(self, lines=None) -> list:
        """"Q:" and "A:" opening lines, as ``(start, end, False, "qa")`` (a turn without a
        speaker), when the text has both."""
        found = [(m.start(), m.end(), m.group("name"))
                 for m in self._label_matches(_QA_LABEL_RE, lines)]
        if {"Q", "A"} - {q for _s, _e, q in found}:
            return []
        return [(s, e, False, "qa") for s, e, _q in found]

    def name_line_labels(self, lines=None) -> list:
        """Names alone on their lines that open the turns of a Q&A interview ("Jen Kirby" /
        question / "Anand Menon" / answer), as ``(start, end, speaker, "line")``: a line of one
        to four capitalized words, not an institution's, that opens with a listed given name
        or, of two words or more, that the text also writes elsewhere ("I reached out to Anand
        Menon"), and that recurs; at least two such names must recur (a byline or a caption
        written twice is no interview)."""
        text = self.text
        starts = lines
        lines = [(m.start(), m.end(), m.group("name"))
                 for m in self._label_matches(_NAME_LINE_RE, starts)]
        lower = [(m.start(), m.end(), m.group("name"))
                 for m in self._label_matches(_LOWER_NAME_LINE_RE, starts)]
        if lower:  # written in lower case: named as the text capitalizes it ("Michael Barbaro")
            lines = sorted(lines + [(s, e, _capitalized(name)) for s, e, name in lower])
        counts: dict = {}
        for _s, _e, name in lines:
            counts[name] = counts.get(name, 0) + 1
        lowered = {_capitalized(name) for _s, _e, name in lower}
        named, recurring = set(), {}
        for name, c in counts.items():
            words = name.split()
            low = [w.lower().rstrip(".") for w in words]
            if c < 2 or set(low) & _ACCOUNT_ORG_WORDS or set(low) & self.lex.nouns.keys():
                continue
            if name in lowered and not (low[0] in self.lex.genders and low[0] not in
                                        self.lex.titles or text.count(name) > 0):
                continue  # a line in lower case that names no one ("read more")
            if low[0] in self.lex.genders and low[0] not in self.lex.titles or \
                    len(words) >= 2 and text.count(name) > c:
                named.add(name)
            # the interviewer's name is often written only in the labels ("Jen Kirby"): a
            # recurring line of two to four words beside a named one is a speaker too, a
            # single word only if the text also writes it elsewhere ("said Yasmin*, an
            # undocumented hotel housekeeper"; not "Advertisement", which ends a turn)
            recurring[name] = _NP(name, -1, -1, "person", name, -1, -1) \
                if name in named or len(words) >= 2 or text.count(name) > c else None
        if not named or sum(np is not None for np in recurring.values()) < 2:
            return []
        return [(s, e, recurring[name], "line") for s, e, name in lines if name in recurring]

    def recording_labels(self) -> list:
        """The clips a podcast transcript under name lines plays ("archived recording (president
        donald trump) ...", "archived recording 2 ...", at a line's start or inside a turn), as
        ``(start, end, speaker or False, "line")``: a turn of the person named in the
        parentheses (titles dropped, when a listed given name opens what is left), else a turn
        without a speaker; either ends the host's turn before it."""
        found = []
        for m in _RECORDING_LABEL_RE.finditer(self.text):
            who = [w for w in (m.group("who") or "").replace(".", ". ").split()
                   if w.lower().rstrip(".") not in self.lex.titles]
            name = _capitalized(" ".join(who)) if who else ""
            np = (_NP(name, -1, -1, "person", name, -1, -1)
                  if who and who[0].lower() in self.lex.genders else False)
            found.append((m.start(), m.end(), np, "line"))
        return found

    def transcript_speaker(self, m, known: dict) -> _NP | None:
        """The person a transcript label names, or None for a heading; ``known`` maps the
        surnames of the full labels met so far to their names."""
        label = m.group("name")
        words = [w for w in label.replace(".", " ").split() if w]
        if not words or len(words) > 5:
            return None
        role = m.group("role")
        names = [w for w in words if w.lower() not in self.lex.titles]
        if not names or set(w.lower() for w in names) & _ACCOUNT_ORG_WORDS:
            return None
        ns, ne = m.span("name")
        caps = label.isupper()
        surname = names[-1].title() if caps else names[-1]
        if names[0].lower() in self.lex.genders and len(names) >= 2 or role:
            name = " ".join(w.title() if caps else w for w in names)  # "AMY GOODMAN", "RACHEL
            # MARTIN, HOST", "Jake Tapper"
            known[surname] = name
        elif surname in known:  # "MARTIN:" after "RACHEL MARTIN, HOST:"
            name = known[surname]
        else:  # "OBAMA:" in a text that names Barack Obama (once), not "READ:", "THE FACTS:"
            found = {f for _p, f, ends in self.full_names(surname) if ends}
            if len(found) != 1:
                return None
            name = found.pop()
        return _NP(self.text[ns:ne], ns, ne, "person", name, -1, -1)

    def article_name(self, name: str) -> str:
        """The name as the article writes it elsewhere, when it names a person with the same
        first and last word ("Donald J. Trump" -> "Donald Trump"), else ``name``."""
        words = name.split()
        if len(words) < 3:
            return name
        for _pos, full, _ends in self.full_names(words[-1]):
            parts = full.split()
            if parts[0] == words[0] and parts[-1] == words[-1] and len(parts) < len(words):
                return full
        return name

    def cue_after(self, qi, qb, inner, hit_by_sent):
        """'"...," Aaltonen said' / '"...," said Priya Nandakumar'."""
        tok, quotes = self.tok, self.seg.quotes
        # a quotation followed by its translation: «...» — "...," she wrote
        while qb < len(tok) and qi + 1 < len(quotes) and \
                not self.text[quotes[qi][1]:quotes[qi + 1][0]].strip(" \t—–-:/()"):
            qi += 1
            inner = self.text[quotes[qi][0]:quotes[qi][1]]
            qb = self.tok_of(quotes[qi][1])
        if qb >= len(tok):
            return None
        comma_inside = bool(_COMMA_IN_QUOTE.search(inner))
        if not (comma_inside or tok[qb] in (",", "—", "–")):
            return None
        if "\n" in self.text[quotes[qi][1]:self.spans[qb][0]]:
            return None  # '..., let's go!"' ends its paragraph: the next one's verb is not its
        for h in hit_by_sent.get(self.tsent[qb], ()):
            if h.a < qb:
                continue
            if h.a - qb > QUOTE_TO_CUE_MAX_TOKENS or any(t in _QUOTE_CHARS for t in tok[qb:h.a]):
                return None
            if h.a - qb > 14 and not (h.left == "subject" and h.np is not None
                                      and self.tok_of(h.np.start) <= qb + 1):
                return None  # far, unless the speaker opens right after the quotation and a
                # long apposition follows: '"...," Rev. Rob Schenck, president of ..., said'
            if h.cue.kind == "source":
                return h  # '"...," according to a source'
            if h.left == "inherit":
                return None  # '..., adding that': the quote belongs to the cue before it
            if h.left == "subject" and h.np is not None and \
                    self.tok_of(h.np.start) <= qb + 1 and h.a - qb <= 8:
                h.content = None  # '"...," Wren wrote the newspaper.'
                return h
            if h.content is not None:
                return None
            if h.np is None or self.tok_of(h.np.start) >= qb:
                return h
            return None
        return None

    def cue_before(self, qa, sa, long_quote, hit_by_sent):
        """'X said: "..."', 'X called it "a farce"', '"A," she said, "B."'."""
        best = None
        for h in hit_by_sent.get(sa, ()):
            if h.b > qa:
                break
            best = h
        if best is None:
            return None
        gap = qa - best.b
        tok = self.tok
        if best.cue.kind == "label" and gap > 10:
            return None
        if gap > 25 and not long_quote:
            return None
        if any(tok[i] in (".", "!", "?", ";") for i in range(best.b, qa)):
            return None
        if best.content is not None and best.content[0] > qa:
            return None
        if best.np is None and best.left not in ("inherit", "passive", "none"):
            return None
        return best

    def cue_content(self, qa, qb, sa, hit_by_sent):
        """A quotation inside content that precedes its cue: '... "heartbroken" ..., pals say'."""
        for h in hit_by_sent.get(sa, ()):
            rng = h.content or h.fronted
            if rng is not None and rng[0] <= qa and qb <= rng[1] + 1:
                return h
        return None

    def colon_before(self, qs: int) -> int | None:
        """The token of the colon that introduces the quotation starting at ``qs``, if any."""
        i = qs - 1
        while i >= 0 and self.text[i].isspace():
            i -= 1
        if i < 0 or self.text[i] != ":":
            return None
        k = self.tok_of(i)
        return k if k < len(self.tok) and k < len(self.tsent) else None

    def cue_colon(self, qs, hit_by_sent):
        """A quotation introduced by a colon ending the previous sentence or paragraph."""
        k = self.colon_before(qs)
        if k is None:
            return None
        hs = [h for h in hit_by_sent.get(self.tsent[k], ()) if h.b <= k]
        return hs[-1] if hs else None

    def label_before(self, qs: int) -> tuple[int, int] | None:
        """Tokens ``(s0, k)`` of a short label that the colon before this quotation closes: all
        its sentence holds before the colon, one to eight tokens, one of them a capitalized word
        other than a function word ("Schumer:", not "The memo goes on:")."""
        k = self.colon_before(qs)
        if k is None or self.tok[k] != ":":
            return None
        s0 = self.ranges[self.tsent[k]][0]
        if not 1 <= k - s0 <= 8 or not any(self.cap(x) and self.norm[x] not in _FUNCTION
                                           for x in range(s0, k)):
            return None
        return s0, k

    def name_label(self, qs: int) -> bool:
        """Is the quotation introduced by a label of capitalized words alone ("Schumer:",
        "Sen. Chuck Schumer (D-N.Y.):"), as a transcript names each new speaker? Such a
        quotation does not continue the speaker before it, even when the name is not found."""
        label = self.label_before(qs)
        return label is not None and all(
            self.cap(x) or not _WORD_RE.match(self.tok[x]) or self.tok[x].isupper()
            for x in range(*label))

    def colon_label(self, qs: int) -> _NP | None:
        """A speaker named alone before the colon that opens a quotation, as in transcripts and
        round-ups of reactions ('Sen. Lindsey Graham: "No, it's not."'; 'A nurse in Ohio: "We
        are exhausted."'): the label is all its sentence holds before the colon, at most eight
        words, without a verb, and names a person or organization or describes a source with a
        listed noun."""
        label = self.label_before(qs)
        if label is None:
            return None
        s0, k = label
        norm, tok = self.norm, self.tok
        if k - s0 == 1 and len(tok[s0]) > 1 and tok[s0].isupper():
            return self.capitals_name(s0)  # a transcript's "GRAHAM:"
        if norm[s0] in _PREPOSITIONS or any(
                norm[x] in _VERBISH or tok[x] in _QUOTE_CHARS or x in self._cue_tokens
                or norm[x] in _HEADING_WORDS or tok[x] in ("'s", "’s")
                or tok[x].islower() and tok[x].endswith(("ed", "ing", "ly"))
                for x in range(s0, k)):
            return None  # a topic ("On Christie:", "Clinton's Comeback:") or a clause ("CNN
            # harassed travelers:", "Christie discussing Pence:")
        letters = [tok[x] for x in range(s0, k) if _WORD_RE.match(tok[x]) and len(tok[x]) > 1]
        if all(w.isupper() for w in letters):
            return None  # a heading: "ANALYSIS/OPINION:", "IN A NUTSHELL:"
        end = next((x for x in range(s0 + 1, k) if norm[x] in _PREPOSITIONS), k)
        np = self.analyze(s0, end, s0)  # the speaker, not the place or medium after it
        if np is None or np.type not in ("person", "organization") and not any(
                norm[x] in self.lex.nouns for x in range(s0, end)):
            return None
        after = self.tok_of(np.end)
        if after < end and tok[after] not in (",", "(") and norm[after] != "of":
            return None  # more than a name: "The memo goes on:" ("Graham (R-S.C.):" is one)
        if np.type == "person" and " " not in np.text and self.positions(np.text.lower()):
            return None  # a word the text also writes in lower case: "More:", "Just Out:"
        if np.type not in ("person", "organization"):
            first_det = next((x for x in range(s0, end) if norm[x] in _DETERMINERS), s0)
            if any(tok[x].islower() for x in range(s0, first_det)) or \
                    end - s0 == 1 and self.lex.nouns.get(norm[s0]) == "document":
                return None  # "Trump disses a woman protester:", "Text:"
        return np

    def capitals_name(self, i: int) -> _NP | None:
        """A surname written in capitals, as transcripts label speakers ("GRAHAM:"): the person
        of that name elsewhere in the text ("Lindsey Graham"), if any."""
        found = self.full_names(self.tok[i].title())
        if not found:
            return None
        s, e = self.spans[i]
        return _NP(self.tok[i], s, e, "person", found[0][1], -1, -1)

    # ---- resolution and result ------------------------------------------------------------
    def subject_name(self, sent: int, before: int | None = None, *,
                     persons_only: bool = True, accept=None, objects: bool = True) -> _NP | None:
        """The first person (or organization) named in a sentence outside quotes, preferring
        one set off by commas ("The campaign official, Caroline Wren, ..."); with ``accept``,
        the first such that ``accept(np)`` is true."""
        s0, s1 = self.ranges[sent]
        if before is not None:
            s1 = min(s1, before)
        tok = self.tok
        cands = []
        for a, b in self.runs(s0, s1):
            if self.seg.quote_at(self.spans[a][0]) is not None:
                continue
            a2, b2 = self.strip_titles(a, b)
            if self.norm[a2] in ("of", "for") or b2 - a2 == 1 and self.honorific(a2):
                continue  # titles and their place: "The former governor of Florida"; "Mr"
            if b2 - a2 == 1 and not self.known_name(a2) \
                    and self.norm[a2] not in self.lex.organizations:
                continue
            if self.norm[b2 - 1] == "act":
                continue  # a law: "Tillis called the Affordable Care Act ... he actually called"
            if b2 < s1 and (tok[b2] in ("'s", "’s", "'", "’") or (
                    self.lex.nouns.get(self.norm[b2]) or self.norm[b2] in self.lex.titles)
                    and not self.cap(b2)):
                continue  # a modifier: "Murphy's removal", "the Trump campaign official", "a
                # former New Jersey attorney general"
            if persons_only and b2 - a2 >= 2 and self.lex.nouns.get(self.norm[b2 - 1]) in (
                    "person", "role") and not (self.tok[a2].lower() in self.lex.genders
                                               and self.norm[b2 - 1] not in _PARTY_NOUNS):
                continue  # a description, as in analyze(): "The Louisiana Republican"
            org = self.is_org(a2, b2)
            if org and persons_only:
                continue
            p = a - 1
            while p >= s0 and self.norm[p] in _DETERMINERS:
                p -= 1
            if p >= s0 and self.norm[p] in _PREPOSITIONS:
                continue  # "His message to the Northern Compact": not a subject
            if not objects and self.verb_object(p, s0):
                continue  # the object of a verb: "Boehner chided Obama ..., accusing"
            if self.after_preposition(p, s0):
                continue  # "money from Texas or Puerto Rico", "in the wake of the Orlando
                # attack": not subjects ("Secretary of State Mike Pompeo" is one)
            if p - 1 >= s0 and self.norm[p] in ("of", "for") and \
                    self.norm[p - 1] in self.lex.titles and not (
                        b2 - a2 >= 2 and self.given_name(a2)):
                continue  # a title's place or body: "The former governor of Florida"
            appos = a - 1 >= s0 and tok[a - 1] == "," and b < len(tok) and tok[b] == ","
            group = None
            if b2 - a2 == 1 and self.lex.nouns.get(self.norm[a2]) in ("person", "role") \
                    and self.norm[a2].endswith("s") and not self.norm[a2].endswith("ss") \
                    and not self.person_surname(tok[a2]):
                # a group named by a source noun ("Republicans largely oppose ..., saying"):
                # typed as analyze() types "Republicans said", not as a person
                group = self.analyze(a2, b2, s0)
                if group is None or group.type not in ("anonymous", "description"):
                    continue
            cands.append((not appos, a2, b2, org, group))
        for _, a2, b2, org, group in sorted(cands, key=lambda c: (c[0], c[1])):
            if group is not None:
                if accept is None or accept(group):
                    return group
                continue
            s, e = self.char_span(a2, b2)
            name = self.text[s:e] if org else self.canonical(self.text[s:e], s)
            np = _NP(self.text[s:e], s, e, "organization" if org else "person", name, -1, -1)
            if accept is None or accept(np):
                return np
        return None

    def verb_object(self, p: int, s0: int) -> bool:
        """Is a name whose left neighbour is token ``p`` the object of a verb in the past
        ("chided Obama", "defended the hospital's care of Duncan": "-ed"), so that a participle
        later in the sentence (", saying", ", accusing") is not its speech? Not after "named"
        or "quoted" ("a farmer named Roscoe Filburn", "Forbes quoted Sen. Orrin Hatch"), nor a
        verb put after a quotation, whose subject follows it ('..." trumpeted Dick Morris')."""
        if p < s0 or self.cap(p):
            return False
        word = self.norm[p]
        if not word.endswith("ed") or word in self.lex.titles or word in _NAMING_VERBS:
            return False
        before = p - 1
        while before >= s0 and self.tok[before] in (",", "—", "–"):
            before -= 1
        return not (before >= s0 and self.tok[before] in _QUOTE_CHARS)

    def after_preposition(self, p: int, s0: int) -> bool:
        """Does a name whose left neighbour is token ``p`` continue a coordination of names
        after a preposition ("from Texas or Puerto Rico", "to Iowa and New Hampshire")? Commas
        are no coordination here: "In Burlington, Bernie Sanders said"."""
        norm = self.norm
        while p >= s0 and norm[p] in ("and", "or"):
            q = p - 1
            while q >= s0 and self.cap(q):
                q -= 1
            if q == p - 1:
                return False  # no name before the conjunction
            while q >= s0 and norm[q] in _DETERMINERS:
                q -= 1
            if q >= s0 and norm[q] in _PREPOSITIONS:
                return True
            p = q
        return False

    def hypothetical_or_confirmation(self, h) -> bool:
        """Is a cue without content no attribution: in a condition ("the hiring would quicken
        if Senate Democrats confirmed ...") or a vote on appointments ("confirmed the
        nominees")?"""
        norm = self.norm
        i = self.tok_of(h.np.start)
        if i > 0 and norm[i - 1] in _CONDITIONAL:
            return True
        return h.cue.lemma == "confirm" and any(
            norm[j] in _APPOINTMENTS for j in range(h.b, min(h.b + 4, len(norm))))

    def finish(self, items, scare, loose_anon) -> SourcesResult:
        seg, text = self.seg, self.text
        history = []  # (sentence, np) of resolved speakers, in text order
        quotes, evidence = [], []
        named_order, named_seen = [], set()
        anon_spans = set()
        counted = _Apart()  # anon_spans, asked whether a span overlaps one
        for qs, qe, kind, hit, np, inherited in items:
            qtok = self.tok_of(qs)
            sent = self.tsent[min(qtok, len(self.tok) - 1)]
            if hit is not None and hit.left == "inherit":
                np = self.inherit(hit, history)
            mention = np
            resolved = np
            if np is not None and np.type == "pronoun":
                resolved = self.resolve(np, sent, history)
            elif np is not None and np.type == "partitive":
                resolved = self.resolve_partitive(np, sent, history)
            if resolved is not None and resolved.type == "pronoun":
                resolved = None
            if resolved is not None and resolved.type == "description":
                # "the president said" after "President Donald Trump": that person (the
                # mention, speaker_start/end, stays the description)
                resolved = self.title_holder(resolved, min(
                    qs, resolved.start if resolved.start >= 0 else qs)) or resolved
            speaker, stype, anonymous = None, "", False
            if resolved is not None:
                stype = resolved.type
                anonymous = stype == "anonymous"
                speaker = resolved.name if resolved.name else resolved.text
                if np is not None and np.type == "partitive":
                    speaker = np.text
            ms, me = (mention.start, mention.end) if mention is not None and not inherited \
                and (hit is None or hit.left != "inherit") else (-1, -1)
            embed = self._unquoted.get((qs, qe)) if hit is None else None
            cue = hit.cue.lemma if hit is not None else (embed or "")
            quotes.append((qs, qe, text[qs:qe], kind, speaker, ms, me, stype, anonymous, cue))
            if resolved is not None and embed != "tweet":  # an embed is no antecedent for
                history.append((self.tsent[min(self.tok_of(qe) - 1, len(self.tok) - 1)],
                                resolved))  # the article's "he said" or "telling"
            if kind == "direct":
                evidence.append(("quote", text[qs:qe], qs, qe, sent, "direct", "quoted"))
            else:
                evidence.append(("reported_speech", text[qs:qe], qs, qe, sent, cue, "quoted"))
            if hit is not None:
                cs, ce = self.char_span(hit.a, hit.b)
                evidence.append(("reporting_verb", text[cs:ce], cs, ce, hit.sent, hit.cue.lemma,
                                 ""))
            if mention is not None and ms >= 0:
                sub = mention.type if mention.type != "partitive" else stype or "partitive"
                if mention.type == "pronoun":
                    sub = "pronoun"
                if anonymous and mention.anon_start >= 0 and \
                        not counted.overlaps(mention.anon_start, mention.anon_end):
                    anon_spans.add((mention.anon_start, mention.anon_end))
                    counted.add(mention.anon_start, mention.anon_end)
                    a_s, a_e = mention.anon_start, mention.anon_end
                    evidence.append(("anonymous_source", text[a_s:a_e], a_s, a_e,
                                     self.tsent[self.tok_of(a_s)], "unnamed", ""))
                evidence.append(("speaker", text[ms:me], ms, me, self.tsent[self.tok_of(ms)],
                                 sub, ""))
            if speaker and stype in ("person", "organization") and resolved.start >= 0 \
                    and (resolved is not mention or ms < 0):
                # a pronoun's antecedent, or a speaker carried over from an earlier
                # attribution: show where the name stands, so that every counted source can be
                # found in the evidence
                rs, re_ = resolved.start, resolved.end
                evidence.append(("speaker", text[rs:re_], rs, re_, self.tsent[self.tok_of(rs)],
                                 stype, ""))
            if speaker and stype in ("person", "organization"):
                for name in resolved.names or (speaker,):  # each of "Pelosi and Schumer"
                    key = name.casefold()
                    if key not in named_seen:
                        named_seen.add(key)
                        named_order.append(name)
        for h in loose_anon:
            np = h.np
            if not counted.overlaps(np.anon_start, np.anon_end):
                anon_spans.add((np.anon_start, np.anon_end))
                counted.add(np.anon_start, np.anon_end)
                evidence.append(("anonymous_source", text[np.anon_start:np.anon_end],
                                 np.anon_start, np.anon_end, h.sent, "unnamed", ""))
        for qs, qe in scare:
            evidence.append(("scare_quote", text[qs:qe], qs, qe,
                             self.tsent[min(self.tok_of(qs), len(self.tok) - 1)], "", ""))
        # explicit anonymity phrases in sentences without an anonymous source mention
        if self.lex.anonymity.patterns:
            anon_sents = {self.tsent[self.tok_of(s)] for s, _ in anon_spans}
            for s, e in self.anon_spans():
                si = self.tsent[self.tok_of(s)]
                phrase = self.norm[self.tok_of(s)]
                if si in anon_sents or phrase in ("familiar", "close", "briefed", "with",
                                                  "knowledgeable", "involved"):
                    continue
                if seg.quote_at(s) is not None or counted.overlaps(s, e):
                    continue
                anon_spans.add((s, e))
                counted.add(s, e)
                anon_sents.add(si)
                evidence.append(("anonymous_source", text[s:e], s, e, si, "explicit", ""))
        # one speaker or verb serves every quote of its attribution: list it once (the rows
        # equal where their Evidence would be, all of its fields but the default weight)
        evidence = _results(Evidence, _EVIDENCE_FIELDS, sorted(
            dict.fromkeys(evidence), key=_EVIDENCE_ORDER), _EVIDENCE_DEFAULTS)
        quotes = _results(Quote, _QUOTE_FIELDS, quotes, ())
        n_direct = sum(1 for q in quotes if q.kind == "direct")
        inside = sum(_nonblank(text[q.start:q.end]) for q in quotes if q.kind == "direct")
        total = _nonblank(text)
        return SourcesResult(
            attributed=tuple(self._attributed),
            n_quotes=len(quotes), n_direct_quotes=n_direct, n_reported=len(quotes) - n_direct,
            n_unattributed=sum(1 for q in quotes if q.kind == "direct" and q.speaker is None),
            named_sources=len(named_order), anonymous_sources=len(anon_spans),
            quote_share=min(1.0, inside / total) if total else float("nan"),
            quote_density=per_thousand_words(len(quotes), seg.n_words),
            named_source_density=per_thousand_words(len(named_order), seg.n_words),
            anonymous_source_density=per_thousand_words(len(anon_spans), seg.n_words),
            quotes=tuple(quotes), sources=tuple(named_order), evidence=tuple(evidence))

    def inherit(self, hit: _CueHit, history) -> _NP | None:
        """'..., adding that ...' / '... and said ...': the subject of the previous cue, else
        of the sentence: a pronoun or description that opens it ("He took a swipe at Hillary
        Clinton, calling ..."), else the first person it names."""
        for h_sent, np in reversed(history):
            if h_sent == hit.sent:
                return np
            break
        return self.opening_subject(hit.sent, hit.a) or \
            self.subject_name(hit.sent, hit.a, persons_only=False, objects=False)

    def opening_subject(self, sent: int, before: int) -> _NP | None:
        """The pronoun ("He", "she") or description ("The senator", "the Florida Republican")
        that opens sentence ``sent`` as its subject, before token ``before``: the speaker of a
        participle later in it, not a name in its object ("He also took a swipe at Hillary
        Clinton, calling her tenure ..."). None when the sentence opens otherwise, or when a
        name follows the description in apposition ("The spokesman, Sean Spicer,")."""
        norm, tok = self.norm, self.tok
        s0, s1 = self.ranges[sent]
        s1 = min(s1, before)
        i = s0
        while i < s1 and (norm[i] in _LEADING_SKIP or tok[i] == ","):
            i += 1
        fronted = i < s1 and norm[i] in _FRONTING
        if fronted:  # "Asked whether ... Mr. Obama lacked sympathy, Mr. Santorum ..., saying"
            comma = next((j for j in range(i + 1, s1) if tok[j] == "," and
                          self.seg.quote_at(self.spans[j][0]) is None), None)
            if comma is None:
                return None
            i = comma + 1
        if i >= s1:
            return None
        if norm[i] in ("he", "she", "they") and i + 1 < s1 and tok[i + 1][:1].islower():
            return self.analyze(i, i + 1, s0)
        if fronted and self.cap(i):  # the main clause's subject named after the fronted one
            run = next(((a, b) for a, b in self.runs(i, s1) if a == i), None)
            np = self.analyze(*run, s0) if run is not None and run[1] < s1 and \
                tok[run[1]][:1].islower() and not self.lex.nouns.get(norm[run[1]]) \
                and norm[run[1]] not in self.lex.titles else None  # not "Trump spokesman ..."
            return np if np is not None and np.type == "person" else None
        if norm[i] != "the":
            return None
        nouns, titles = self.lex.nouns, self.lex.titles
        for k in range(i + 1, min(i + 5, s1)):
            if tok[k] in _QUOTE_CHARS or not tok[k][:1].isalpha() or norm[k] in _PREPOSITIONS \
                    or norm[k] == "of":
                return None  # "The videos of people ...": no description of a speaker
            if nouns.get(norm[k]) in ("person", "role") or norm[k] in titles:
                nxt = tok[k + 1] if k + 1 < s1 else ""
                if nxt in ("'s", "’s") or nxt[:1].isalpha() and (
                        nouns.get(norm[k + 1]) or norm[k + 1] in titles):
                    continue  # "the president's spokesman", "the Senate majority leader"
                if nxt == "," and k + 2 < s1 and self.cap(k + 2):
                    return None  # a name in apposition: subject_name prefers it
                if not nxt[:1].islower() and nxt not in (",", "—", "–"):
                    return None
                np = self.analyze(i, k + 1, s0)
                return np if np is not None and np.type in ("description", "anonymous") \
                    else None
        return None

    def resolve(self, np: _NP, sent: int, history) -> _NP | None:
        kind = _PRONOUNS.get(np.pronoun, "")
        if kind == "self":
            return None
        want = {"person": ("person", "anonymous"),
                "group": ("anonymous", "description", "organization"),
                "thing": ("organization", "description")}[kind]
        # 1. someone who spoke in this or the previous sentence ("she" is not "officials")
        fits = (lambda c: (c.type in want or kind == "group" and bool(c.names)) and not (
            kind == "person" and (_plural(c) or not self.agrees(np.pronoun, c))))
        for h_sent, h_np in reversed(history):
            if h_sent < sent - 1:
                break
            if fits(h_np):
                return h_np
        # 2. a person named earlier in this sentence, or in the previous one
        if kind == "person":
            cand = self.subject_name(sent, self.tok_of(np.start), accept=fits)
            for back in (1, 2):
                if cand is None and sent - back >= 0:
                    cand = self.subject_name(sent - back, accept=fits)
            if cand is not None:
                return cand
        # 3. the last speaker of the right kind
        if kind == "group":
            return None  # "they" without a plural source just before: left open
        for _, h_np in reversed(history):
            if fits(h_np):
                return h_np
        return None

    def resolve_partitive(self, np: _NP, sent: int, history) -> _NP | None:
        """'one of them', 'a third': anonymous when the group before was."""
        low = np.text.lower()
        words = low.split()
        if any(self.lex.nouns.get(w) == "person" for w in words):
            return np._replace(type="anonymous")
        for h_sent, h_np in reversed(history):
            if h_sent < sent - 2:
                break
            if h_np.type == "anonymous":
                return np._replace(type="anonymous")
            break
        return np._replace(type="description", anon_start=-1, anon_end=-1)


#: Capitalized names of groups of people ("African Americans", "Democrats"), which a name
#: finder takes for a person's name: never the antecedent of "he" or "she".
_GROUP_NAME_RE = re.compile(r"(?:[a-z]{3,}(?:ans|ians|crats|ists|ites)|jews|muslims|catholics|"
                            r"latinos|hispanics|israelis|iraqis|pakistanis|afghans|saudis|kurds|"
                            r"arabs|whites|blacks|conservatives|liberals|progressives|"
                            r"evangelicals)")


def _manner_word(token: str, nouns: dict) -> bool:
    """A lower-case adverb in -ly of how something was said ("derisively", "forcefully"), not a
    noun in -ly ("family"), a degree ("largely") or a guess ("probably")."""
    return len(token) > 4 and token.islower() and token.endswith("ly") and token.isalpha() \
        and token not in nouns and token not in _FUNCTION and token not in _NOT_MANNER


def _overlaps(spans, start: int, end: int) -> bool:
    """Does [start, end) overlap a span already counted (one unnamed source, found twice with
    different extents: "Some voters in the deeply conservative (state)")?"""
    return any(s < end and start < e for s, e in spans)


def _plural(np: _NP) -> bool:
    """A description of several people ("officials", "two people familiar with ..."), or a
    group's name ("African Americans")."""
    if np.names:
        return True  # "Pelosi and Schumer"
    if np.type == "person":
        words = np.text.split()
        return bool(words) and _GROUP_NAME_RE.fullmatch(words[-1].lower()) is not None
    if np.type == "organization":
        return False
    words = np.text.lower().split()
    head = words[-1] if words else ""
    return head in ("people", "staff", "police") or head.endswith("s") and not \
        head.endswith(("ss", "us", "is")) or (words[0] if words else "") in _PARTITIVE - {
            "one", "another", "first", "second", "third", "fourth", "last", "each", "either",
            "neither"}


def _nonblank(s: str) -> int:
    """The characters of ``s`` that are not white space: counted by
    ``framing._sources_c.nonblank`` where it is built, else :func:`_nonblank_python`."""
    compiled = _sources_compiled()
    return _nonblank_python(s) if compiled is None else compiled.nonblank(s)


def _nonblank_python(s: str) -> int:
    """:func:`_nonblank` in Python: the reference."""
    return len("".join(s.split()))


def _results(cls, fields: tuple | None, rows: list, defaults: tuple) -> list:
    """``[cls(*row, *defaults) for row in rows]``: made by ``framing._sources_c.slotted`` where
    it is built (each object's slots set as its dataclass ``__init__`` sets them, without the
    call: 1.3 us an object, some fifty Quote and Evidence objects an article), else by
    :func:`_results_python`, the reference. ``fields``: the fields of ``cls`` in order, or
    None when its ``__init__`` does more than set them (the class is then called).

    >>> _results(Evidence, _EVIDENCE_FIELDS, [("quote", '"Hi"', 0, 4, 0, "direct", "")],
    ...          _EVIDENCE_DEFAULTS)
    [Evidence(label='quote', text='"Hi"', start=0, end=4, sentence=0, subtype='direct', voice='', weight=1.0)]
    """
    compiled = _sources_compiled()
    if compiled is None:
        return _results_python(cls, fields, rows, defaults)
    return compiled.slotted(cls, fields, rows, defaults)


def _results_python(cls, fields: tuple | None, rows: list, defaults: tuple) -> list:
    """:func:`_results` in Python: the class called for each row."""
    return [cls(*row, *defaults) for row in rows]


def _init_fields(cls, fields: tuple) -> tuple | None:
    """``fields`` when they are those of the dataclass ``cls``, in order, and its ``__init__``
    does no more than set them (no ``__post_init__``, no default factory, every field an
    argument), so that :func:`_results` may set them without calling it; else None."""
    declared = getattr(cls, "__dataclass_fields__", {})
    return fields if (tuple(declared) == fields and not hasattr(cls, "__post_init__")
                      and all(f.init and f.default_factory is MISSING
                              for f in declared.values())) else None


#: The fields of :class:`~framing.results.Evidence` (None: see :func:`_init_fields`), the
#: defaults of those after ``voice`` (its ``weight``), and the order of a result's evidence
_EVIDENCE_FIELDS = _init_fields(Evidence, ("label", "text", "start", "end", "sentence",
                                           "subtype", "voice", "weight"))
_EVIDENCE_DEFAULTS = (Evidence.__dataclass_fields__["weight"].default,)
_EVIDENCE_ORDER = itemgetter(2, 3, 0)  # (start, end, label)
#: The fields of :class:`Quote` (None: see :func:`_init_fields`)
_QUOTE_FIELDS = _init_fields(Quote, ("start", "end", "text", "kind", "speaker", "speaker_start",
                                     "speaker_end", "speaker_type", "anonymous", "cue"))


# --------------------------------------------------------------------------------------------
# Corpus

def score_corpus(data, *, text_col: str = "text",
                 lexicon: SourcesLexicon | None = None) -> pd.DataFrame:
    """Score every text of a Series or DataFrame column.

    Returns one row per text with the input's index and columns ``sources_<field>`` for the
    numeric fields of :class:`SourcesResult`; a missing text (None, NaN) gives missing values.
    The input is not modified.

    >>> import pandas as pd
    >>> score_corpus(pd.Series(['Officials said talks failed.', None]))[
    ...     ["sources_n_reported", "sources_anonymous_sources"]]
       sources_n_reported  sources_anonymous_sources
    0                 1.0                        1.0
    1                 NaN                        NaN
    """
    import pandas as pd

    texts = corpus_texts(data, text_col)
    lex = _resolve_lexicon(lexicon)
    frame = score_series(texts, lambda t: score(t, lexicon=lex))
    if frame.shape[1] == 0:
        frame = pd.DataFrame({c: pd.Series(float("nan"), index=texts.index, dtype=float)
                              for c in SourcesResult().row()}, index=texts.index)
    return frame


#: In :func:`speakers`, the share of a surname's full-name attributions in a group that one full
#: name must hold for the surname alone to join it when several full names share the surname
#: (Fox: "Donald Trump" beside "Melania Trump" and "Ivanka Trump").
SURNAME_MAJORITY = 0.75

#: The ``speaker`` value of :func:`speakers`'s row counting the attributions without one.
NO_SPEAKER = "(no speaker found)"


def speaker_attributions(result) -> tuple[tuple[str, str, bool], ...]:
    """What :func:`speakers` counts of one article: ``(speaker, speaker_type, anonymous)`` of
    each of its attributions (a :class:`SourcesResult`'s quotes), in text order; an attribution
    without a speaker has the speaker ``NO_SPEAKER``.

    >>> speaker_attributions(score('"We will win," Ana Ruiz said. Officials said it failed.'))
    (('Ana Ruiz', 'person', False), ('Officials', 'anonymous', True))
    """
    return tuple((q.speaker or NO_SPEAKER, q.speaker_type or "", bool(q.anonymous))
                 for q in result.quotes)


def _given_attributions(results, data: pd.DataFrame) -> list:
    """``results`` (of :func:`speakers`) aligned with ``data``'s rows: each entry's attributions,
    or None where the article is to be scored here."""
    import pandas as pd

    if isinstance(results, pd.Series):
        if not results.index.is_unique or not data.index.is_unique:
            raise ValueError("results= as a Series needs a unique index, as data's is; pass a "
                             "list aligned with data's rows instead")
        missing = data.index.difference(results.index)
        if len(missing):
            raise ValueError(f"results= has no entry for {len(missing)} of data's rows (e.g. "
                             f"index {missing[0]!r}): give every article's results")
        results = results.reindex(data.index)
    results = list(results)
    if len(results) != len(data):
        raise ValueError(f"results= has {len(results)} entries for {len(data)} rows of data")
    out = []
    for item in results:
        if item is None or (isinstance(item, float) and math.isnan(item)):
            out.append(None)
        elif hasattr(item, "attributions"):  # framing.exemplars.ArticleEvidence
            if getattr(item, "family", "sources") != "sources":
                raise ValueError(f"results= holds the evidence of {item.family!r}; speakers "
                                 "needs that of 'sources'")
            out.append(item.attributions)
        else:
            out.append(speaker_attributions(item))
    return out


def speakers(data: pd.DataFrame, by: str = "outlet", *, text_col: str = "text",
             top: int | None = None, lexicon: SourcesLexicon | None = None,
             results=None) -> pd.DataFrame:
    """Who is quoted: per group, every speaker of the group's quotations and reported speech,
    most quoted first.

    Parameters
    ----------
    data : one row per article with a text column and the grouping column.
    by : the grouping column (``None``: one group, "all").
    top : keep the ``top`` speakers of each group (the row of attributions without a speaker
        is always kept).
    lexicon : the reporting verbs and lists to score with (the shipped ones by default).
    results : the articles' sources already scored, so that they are not scored again: for
        each row of ``data`` (a list aligned with its rows, or a Series whose index holds
        ``data``'s), a :class:`SourcesResult` or the ``"sources"`` entry of
        :func:`framing.exemplars.article_evidence` (what a report computes once for speakers
        and exemplars, in worker processes); a missing entry (None) is scored here. The table
        is the one scoring here gives. Not with ``lexicon`` (the results hold their own).

    Returns
    -------
    DataFrame ``group, speaker, speaker_type, anonymous, attributions, articles, share``:
    ``attributions`` counts the group's direct quotes and reported statements given to the
    speaker, ``articles`` in how many of the group's articles (summed over the forms of a name
    that are merged: at most), ``share`` of the group's attributions; a speaker is counted by
    name (the name :func:`score` gives, e.g. "Donald Trump" for "Trump" and "Mr. Trump" where the
    article names him in full), and a surname alone or a name with a middle initial joins the
    one two-word name the corpus gives it ("Trump", "Donald J. Trump" -> "Donald Trump"); where
    several full names share a surname ("Donald Trump", "Melania Trump", "Ivanka Trump"), the
    surname alone joins, within a group, the full name that holds at least
    ``SURNAME_MAJORITY`` (three quarters) of the attributions to full names of that surname,
    in the group and in the whole table, and stays a row of its own otherwise; a
    joint attribution ("Pelosi and Schumer said") is a row of its own. The row whose speaker is
    ``NO_SPEAKER`` counts the attributions without a speaker.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                    "text": ['"We will win," Ana Ruiz said.', "Officials said it failed.",
    ...                             'Ana Ruiz said the plan works.']})
    >>> speakers(df)[["group", "speaker", "attributions", "share"]].values.tolist()
    [['A', 'Ana Ruiz', 1, 0.5], ['A', 'Officials', 1, 0.5], ['B', 'Ana Ruiz', 1, 1.0]]
    """
    from collections import Counter

    import pandas as pd

    if results is not None and lexicon is not None:
        raise ValueError("give lexicon= or results=, not both: the results were scored with "
                         "their own lexicon")
    lex = _resolve_lexicon(lexicon)
    groups = data[by] if by is not None else pd.Series("all", index=data.index)
    given = (_given_attributions(results, data) if results is not None
             else [None] * len(data))
    counts: dict = {}
    articles: dict = {}
    kinds: dict = {}
    for text, group, found in zip(data[text_col], groups, given):
        if is_missing_text(text) or group is None or group != group:
            continue
        if found is None:
            found = speaker_attributions(score(text, lexicon=lex))
        seen = set()
        for speaker, speaker_type, anonymous in found:
            key = (group, speaker)
            counts[key] = counts.get(key, 0) + 1
            kinds.setdefault(key, (speaker_type, anonymous))
            seen.add(key)
        for key in seen:
            articles[key] = articles.get(key, 0) + 1
    columns = ["group", "speaker", "speaker_type", "anonymous", "attributions", "articles",
               "share"]
    if not counts:
        return pd.DataFrame(columns=columns)
    # one person, one row: an article that never names "Trump" in full gives "Trump", a tweet's
    # signature "Donald J. Trump"; both join "Donald Trump" where the corpus names him so (the
    # one full name of that surname, or of that first and last word)
    persons = {sp for (_g, sp), kind in kinds.items() if kind[0] == "person"}
    # the two-word names by their last word: looking through every full name for each person
    # was quadratic (7.6 s of a 7,484-article report's speakers table, 13,029 persons)
    full: dict = {}
    for sp in persons:
        words = sp.split()
        if len(words) == 2:
            full.setdefault(words[-1], []).append(words)
    alias = {}
    for sp in persons:
        words = sp.split()
        same = [f for f in full.get(words[-1], ()) if len(words) == 1 or f[0] == words[0]]
        if len(words) != 2 and len(same) == 1:
            alias[sp] = " ".join(same[0])
    # a surname alone that several full names share ("Trump": Donald, Melania, Ivanka) joins,
    # within a group, the full name holding a clear majority (SURNAME_MAJORITY) of that
    # surname's full-name attributions, there and in the whole table
    group_alias = {}
    full_counts: dict = {}
    for (g, sp), n in counts.items():
        sp = alias.get(sp, sp)
        if (sp in persons or kinds.get((g, sp), ("",))[0] == "person") and len(sp.split()) >= 2:
            full_counts.setdefault((g, sp.split()[-1]), Counter())[sp] += n
    corpus_full: dict = {}
    for (_g, surname), by_name in full_counts.items():
        corpus_full.setdefault(surname, Counter()).update(by_name)
    for (g, sp) in counts:
        if sp in persons and len(sp.split()) == 1 and sp not in alias:
            by_name = full_counts.get((g, sp))
            if by_name:
                best, n_best = by_name.most_common(1)[0]
                everywhere = corpus_full[sp]
                if n_best >= SURNAME_MAJORITY * sum(by_name.values()) and \
                        everywhere[best] >= SURNAME_MAJORITY * sum(everywhere.values()):
                    group_alias[(g, sp)] = best
    if alias or group_alias:
        merged_counts: dict = {}
        merged_articles: dict = {}
        for (g, sp), n in counts.items():
            key = (g, group_alias.get((g, sp)) or alias.get(sp, sp))
            merged_counts[key] = merged_counts.get(key, 0) + n
            merged_articles[key] = merged_articles.get(key, 0) + articles[(g, sp)]
            kinds.setdefault(key, kinds[(g, sp)])
        counts, articles = merged_counts, merged_articles
    totals = Counter()
    for (group, _), n in counts.items():
        totals[group] += n
    rows = [{"group": g, "speaker": sp, "speaker_type": kinds[(g, sp)][0],
             "anonymous": kinds[(g, sp)][1], "attributions": n, "articles": articles[(g, sp)],
             "share": n / totals[g]} for (g, sp), n in counts.items()]
    table = pd.DataFrame(rows, columns=columns)
    table["_none"] = table["speaker"] == NO_SPEAKER
    table = table.sort_values(["group", "_none", "attributions", "speaker"],
                              ascending=[True, True, False, True], kind="mergesort")
    table = table.drop(columns="_none").reset_index(drop=True)
    return top_speakers(table, top) if top is not None else table


def top_speakers(table: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` speakers of each group of a :func:`speakers` table, with its row of
    attributions without a speaker."""
    keep = (table.groupby("group").cumcount() < int(top)) | (table["speaker"] == NO_SPEAKER)
    return table[keep].reset_index(drop=True)
