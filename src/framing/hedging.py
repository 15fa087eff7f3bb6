"""Hedging: epistemic uncertainty (hedges), certainty (boosters) and vague attribution.

The measure follows discourse analysis rather than a bare word count. A shipped lexicon
(``data/hedging/lexicon.tsv``) lists cues in three categories, each entry with a subtype and the
published category it follows:

- **hedge** -- the writer or source withholds full commitment: epistemic modals (*may*, *might*,
  *could*), evidential and doxastic verbs (*seems*, *suggests*, *believe*, *expected*), epistemic
  adverbs, adjectives and nouns (*probably*, *unclear*, *possibility*), open questions
  (*whether*), non-commitment (*remains to be seen*, *cannot rule out*), approximators (*about
  200*, *somewhat*) (Hyland 2005; Szarvas et al. 2012; Prince et al. 1982);
- **booster** -- certainty: *clearly*, *undoubtedly*, *no doubt*, *it is clear*, *of course*
  (Hyland 2005);
- **attribution** -- a claim put in vague or impersonal mouths (weasel words): *some say*,
  *critics argue*, *it is believed*, *reportedly*, *allegedly* (Ganter & Strube 2009; CoNLL-2010),
  and every unnamed source :mod:`framing.sources` finds (*sources say*, *officials speaking on
  condition of anonymity said*, *people familiar with the matter said*: subtype
  ``anonymous source``).

Context rules decide what a word means where it stands: the modal *may* is not the month *May*;
*about*, *around*, *some* are approximators only before a number; a negator turns a booster into a
hedge and back (*not sure*, *no doubt*); *could not* (past inability) and *would not comment*
(refusal) are not hedges, nor is *would* in reported future (*said it would act*); a degree word
or booster that modifies a cue is counted once with it, as what the cue is (*highly unlikely* is
one hedge). Every cue is assigned the voice it is in: inside a direct quotation it is the
source's (``"quoted"``), as in an embedded tweet or a transcript's turn ("PRESIDENT OBAMA: ..."),
which :mod:`framing.sources` reads as quotations; inside reported speech, the content of an attribution found by
:mod:`framing.sources` (*officials said the deal may collapse*; *the deal may collapse, officials
said*), it is the source's as the journalist reports it (``"reported"``); elsewhere it is the
journalist's own (``"journalist"``).

A sentence is *uncertain* when it holds a cue marked ``uncertain`` in the lexicon: every hedge
except approximators, plus attributions that report a belief or hearsay (*it is believed*,
*reportedly*); boosters never. Conditionals (*if*, *unless*) are not counted by default (they
frame a hypothesis, they do not hedge a claim); ``conditionals=True`` counts them, as the Szeged
Uncertainty Corpus does. Validity figures are in ``docs/validity_hedging.md``.

Lexicon files
-------------
A lexicon is a UTF-8 TSV with the columns ``cue`` (a :class:`framing.text.PhraseMatcher` pattern:
space-separated slots, ``a|b`` alternatives, inflections written out), ``category`` (hedge,
booster, attribution), ``subtype``, ``uncertain`` (yes/no), ``negation`` (keep: a preceding
negator changes nothing; flip: it turns a hedge into a booster and back; drop: it cancels the
cue), ``rule`` (empty, or names from :data:`RULES` joined by ``+``) and ``provenance``. Lines
starting with ``#`` are comments. Entries of subtype ``conditional`` count only with
``conditionals=True``. The context rules are:

==========================  =====================================================================
``modal_may``               "may" is the modal, not the month or the name ("in May", "May 5",
                            "Theresa May", "May has", "May's", "May insisted"); "May" opening a
                            sentence or in a title-case line is the modal
``before_number``           the next word is a number ("about 200", "some $5 million", "a dozen")
``after_number``            the previous word is a number ("10 or so")
``not_after_determiner``    no determiner, possessive or numeral before ("kind of", not
                            "a kind of")
``not_after_article``       no article, possessive or strength adjective before ("might", not
                            "military might", "greater nuclear might")
``not_before_determiner``   no determiner after ("assumed that", not "assumed the role")
``has_complement``          something follows other than "in" or the sentence end ("believe
                            that", not "believe in"), and not an object that ends the clause
                            (the credit sense: "believe him.", "believe the polls,")
``not_comparison``          not after "than" or "as" ("expected", not "than expected")
``not_compound``            not the first word of a fixed compound ("think tank", "likely
                            voters") or idiom ("think again", "think twice", "think about",
                            "think of": consider, not believe)
``not_statistical``         not a comparison of rates ("more likely to vote than men", "the
                            least likely to vote")
``epistemic_possible``      epistemic "possible", not "as soon as possible", "the best possible",
                            "possible to" (ability), "made it possible"
``not_proper_name``         not capitalized inside a sentence ("the Unknown Soldier", "All
                            Things Considered")
``not_indirect_question``   no "what" or "how" in the three words before ("asked what he
                            thought")
``epistemic_could``         not "could not" (inability), "could be reached" (availability), "so
                            (that) they could" (purpose) nor "if only we could" (a wish)
``not_before_preposition``  not followed by a place or time preposition ("appeared in court")
``not_negated_after``       not followed by "not", "never", "hardly"
``predicative``             an adjective after a copula or before "that/of/whether" ("is
                            certain"), not before a noun ("certain people"), nor an instruction
                            or concession ("make sure", "be sure to", "To be sure, ...")
``hypothetical_would``      "would" outside reported speech ("said it would" is reported future),
                            not a refusal ("would not comment"), volition ("would like"),
                            obligation ("would have to") or a proposal's content ("the bill
                            would cut taxes")
``not_deliberation``        "considered" not followed by the end, "for", "is", "and" ... (weighed:
                            "the options being considered.", not "is considered the favourite")
``not_before_noun``         not followed by a content word ("know for certain (that)", not "for
                            certain drug offenses")
``modifier``                counted only as part of the hedge or booster it directly precedes
                            ("highly unlikely"); dropped otherwise
==========================  =====================================================================

Example
-------
>>> r = score('The deal may collapse, officials said. "There is no doubt we will sign," he said. '
...           'It could be signed within days.')
>>> r.hedges, r.boosters, round(r.uncertain_share, 2)
(2, 1, 0.67)
>>> [(e.label, e.text, e.voice) for e in r.evidence]
[('hedge', 'may', 'reported'), ('attribution', 'officials', 'journalist'), ('booster', 'no doubt', 'quoted'), ('hedge', 'could', 'journalist')]

References
----------
Hyland, K. (2005). *Metadiscourse*. Continuum. (hedges and boosters)
Szarvas, G., Vincze, V., Farkas, R., Mora, G., Gurevych, I. (2012). Cross-genre and cross-domain
detection of semantic uncertainty. *Computational Linguistics* 38(2).
Farkas, R., Vincze, V., Mora, G., Csirik, J., Szarvas, G. (2010). The CoNLL-2010 shared task:
learning to detect hedges and their scope in natural language text. *CoNLL*.
Ganter, V., Strube, M. (2009). Finding hedges by chasing weasels. *ACL-IJCNLP*.
Prince, E., Frader, J., Bosk, C. (1982). On hedging in physician-physician discourse.
"""

from __future__ import annotations

import dataclasses
import math
import os
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

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
from framing.text import PhraseMatcher, Segmentation, not_one_text, segment

if TYPE_CHECKING:  # imported where used: scoring a text needs no pandas
    import pandas as pd

__all__ = ["CATEGORIES", "RULES", "HedgingResult", "Lexicon", "LexiconEntry", "load_lexicon",
           "score", "score_corpus"]

CODE_VERSION = "1.9"  # 1.1: texts that do not look English are not scored; 1.2: the voice
# "reported" (inside reported speech) apart from the journalist's own; 1.3: unnamed sources are
# attributions; "the bill would cut", "more likely to vote than" are not hedges; 1.4: "would"
# of the narrative past ("would later resign", "would often call") is not a hedge; 1.5: "May has",
# "May's" (the name) and "military might" (the noun) are no modals, "make sure", "to be sure" and
# "be sure to" no boosters; "what he thought", "think again", "All Things Considered" no hedges;
# "so that they could" (purpose) and "if only we could" (a wish) no hedges; 1.6: legal and
# technical fixed phrases ("reasonable suspicion", "benefit of the doubt"), "what it looks like",
# "to prove that", "put it plainly", and "would" shortly after a verb of thinking ("feared it
# would") are no longer counted, nor "would" a reporting verb introduces only from outside a direct
# quotation (from a precision audit of 437 cues in 150 AllSides articles); "in my view", "feel
# like", "hard to say" and "we'll see what" are new cues; embedded tweets and transcript turns
# (found by framing.sources) are the quoted voice; 1.7: "considered" weighed ("the options being
# considered.", "considered for the post"), "certain" as a determiner ("for certain drug offenses",
# "there are certain conditions"), "clearly" with a verb of saying ("to clearly state"), "May also
# told" (the name) and "would" after "suggested" or "optimistic that" are no longer counted (from
# a second precision audit, 200 cues in 300 AllSides articles); 1.8: block quotations after a
# colon (found by framing.sources 2.1, cue "block") are the quoted voice, as tweets and turns are,
# and turns under names alone on their lines are looked for in texts without a colon; 1.9:
# "believe" in the credit sense ("I believe him.", "can't believe it", "believe me,", "if you
# believe the polls,") is no hedge
#: The three labels a cue can carry (the ``label`` of its evidence).
CATEGORIES = ("hedge", "booster", "attribution")
NEGATION_POLICIES = ("keep", "flip", "drop")
#: Words per density unit: densities are per 1,000 words.
PER_WORDS = 1000
#: How many tokens before a cue a negator may stand and still negate it ("not entirely sure").
NEGATION_WINDOW = 3

NEGATORS = frozenset("not no never without nobody none neither nor hardly scarcely".split())
# Tokens that end a negator's reach: punctuation and clause openers.
_SCOPE_BREAKS = frozenset(", ; : ( ) -- — – but that which who because although though while "
                          "and or whether if when".split())
_DETERMINERS = frozenset("""
a an the this that these those my your his her its our their no any some each every either
neither one two three four five several many few all another other what which whose 's own
first second last main prime chief key
""".split())
# Articles and possessives: after them "might", "thought" are nouns ("military might").
_ARTICLES = frozenset("""
a an the his her its their our my your 's military economic full nuclear naval industrial financial
political technological sheer combined great greater greatest
""".split())
# Words that cannot follow the modal "may", which takes a verb's base form: after "May" they make
# it the name ("May has", "May's plan", "May said").
_NOT_AFTER_MODAL = frozenset("""
's has had is was does did said says told and or who whose , : ; ( -- — –
""".split())
# Adverbs that may stand between the name "May" and its verb ("May also told", "May later said")
_MAY_ADVERBS = frozenset("also later then still again never now already once too just even "
                         "herself".split())
# Before "sure" / "certain" these make it an instruction, not certainty ("make sure that").
_MAKE = frozenset("make makes made making".split())
_COPULAS = frozenset("""
is are was were be been being am 's 're 'm seem seems seemed appear appears appeared feel feels
felt remain remains remained become becomes became get gets got look looks looked sound sounds
sounded
""".split())
# Words that may stand between a copula and a predicative adjective ("is not entirely sure").
_DEGREE = frozenset("""
not n't so very quite entirely absolutely completely fairly pretty all too yet now still less more
far already increasingly fully totally almost nearly hardly never always also much even really
""".split())
_MONTH_CONTEXT = frozenset("""
in on of since until till by from through during last next early late mid this that every each
between before after
""".split())
_NUMBER_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions billion billions trillion dozen dozens half score
""".split())
_FRACTION_WORDS = frozenset("dozen hundred thousand million billion third quarter fifth tenth "
                            "half".split())
_CURRENCY = frozenset("$ € £ ¥ us$".split())
# After "appear", these mean a place or a time, not an appearance ("appeared in court").
_PREPOSITIONS = frozenset("""
in on at before with for from alongside during inside outside together onstage live here there
twice
""".split())
# Reporting verbs: "would" after them is the future of reported speech ("said it would act").
_REPORTING = frozenset("""
signaled signalled signals predicted predicts warned warns
said says say saying told tells telling announced announces announcing promised promises
promising vowed vows vowing pledged pledges added adds stated states declared declares agreed
agrees decided decides confirmed confirms insisted insists explained explains noted notes reported
reports replied replies answered indicated indicates assured assures threatened threatens hinted
hints argued argues countered counters warned warns guaranteed guarantees claimed claims
""".split())
_REFUSALS = frozenset("""
comment say disclose identify elaborate discuss confirm specify reveal name give provide answer
release divulge address respond
""".split())
#: words after "would" that make it the narrative past, a fact told from an earlier point or a
#: habit ("he would later resign", "would go on to win", "she would often call"), not a hedge
#: (Quirk et al. 1985, 4.59 and 6.56: "would" of habit and of the future seen from the past)
_NARRATIVE = frozenset("""
later often usually sometimes regularly routinely frequently occasionally typically normally
""".split())

#: nouns for a proposal or rule whose content "would" describes ("the bill would cut taxes")
_PROPOSALS = frozenset("""
bill bills plan plans proposal proposals measure measures law laws legislation rule rules
regulation regulations amendment amendments provision provisions policy policies order deal
agreement treaty package reform reforms overhaul budget program programme version draft act ban
tariff tariffs
""".split())
_VOLITION = frozenset("like love rather prefer".split())
#: verbs of thinking, knowing and notifying: "would" after them is the future seen from the past
#: ("feared it would collapse", "knew they would win"); the verb, when it is a cue, already
#: carries the uncertainty
_THOUGHT = frozenset("""
thought feared expected hoped believed knew doubted maintain maintains maintained notified
confirm assured predicted estimated suggested optimistic
""".split())
#: legal and technical terms holding a cue word that do not express the writer's uncertainty
#: (Black's Law Dictionary: "reasonable suspicion", "probable cause", "benefit of the doubt",
#: "presumption of innocence"; economics: "speculative bubble")
_FIXED_PHRASES = tuple(tuple(p.split()) for p in """
reasonable suspicion|reasonable articulable suspicion|articulable suspicion|general presumption|
presumption of innocence|possibility of parole|possibility of release|benefit of the doubt|
beyond a reasonable doubt|beyond reasonable doubt|speculative bubble|speculative bubbles|
probable cause
""".replace("\n", "").split("|"))
#: verbs after which "clearly", "plainly" say how something is put, not how certain it is
#: ("put it plainly", "tells us clearly")
_SAYING = frozenset("""
put puts say says said state states stated speak speaks spoke spoken tell tells told explain
explains explained write writes wrote express expressed communicate communicated see seen hear
heard labeled labelled marked written
""".split())
_PERCEIVING = frozenset("see seen hear heard".split())
_OBJECT_PRONOUNS = frozenset("it us me them him her you this that".split())
#: particles after a verb of thinking that make it another verb ("thought through", "knew of")
_PARTICLES = frozenset("through about of out up over on in to for".split())
_MODALS_AND_TO = frozenset("to can could may might must should would will cannot 'd 'll".split())


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One row of a hedging lexicon (see ``data/hedging/lexicon.tsv`` for the columns)."""

    cue: str
    category: str
    subtype: str
    uncertain: bool
    negation: str
    rule: str
    provenance: str
    row: int = 0

    @property
    def rules(self) -> tuple[str, ...]:
        """The context rules named in ``rule`` (``a+b``: all must pass)."""
        return tuple(r for r in self.rule.split("+") if r)


# --- context rules ------------------------------------------------------------------------
# Each takes the segmentation, the first and last (excluded) token of the match and the sentence's
# token range, and says whether the match counts.

def _is_number(seg: Segmentation, i: int, last: int) -> bool:
    if i >= last:
        return False
    tok = seg.norm[i]
    if tok[:1].isdigit() or tok in _NUMBER_WORDS:
        return True
    if tok in _CURRENCY or tok in {"a", "an"}:
        return i + 1 < last and (seg.norm[i + 1][:1].isdigit()
                                 or (tok in {"a", "an"} and seg.norm[i + 1] in _FRACTION_WORDS))
    return False


def _rule_before_number(seg, a, b, first, last):
    return _is_number(seg, b, last)


def _rule_after_number(seg, a, b, first, last):
    return a - 1 >= first and _is_number(seg, a - 1, last)


def _rule_not_after_determiner(seg, a, b, first, last):
    return not (a > first and seg.norm[a - 1] in _DETERMINERS)


def _rule_not_after_article(seg, a, b, first, last):
    return not (a > first and seg.norm[a - 1] in _ARTICLES)


def _rule_not_before_determiner(seg, a, b, first, last):
    return not (b < last and seg.norm[b] in _DETERMINERS - {"one", "that", "all", "first"})


def _rule_has_complement(seg, a, b, first, last):
    # "believe that ...", "believe him to be"; not "believe in" (faith), a bare "we believe.",
    # nor the credit sense, an object that closes the clause: "I believe him.", "can't believe
    # it", "believe me, ...", "if you believe the polls, ..." (taking a person or a report as
    # truthful: no proposition is held uncertain)
    norm = seg.norm
    if b >= last or norm[b] in {"in", ".", "!", "?", ";", '"', "”", "''"}:
        return False
    if norm[b] in _CREDIT_OBJECTS:
        return not (b + 1 >= last or norm[b + 1] in _CLAUSE_CLOSERS
                    or norm[b + 1] in {"and", "but", "or", "when", "because"})
    if norm[b] == "the" and b + 2 < last:
        # one word after "the", then the clause ends ("believe the polls, ..."); not a longer
        # noun phrase, whose next word may be the complement's verb ("the country succeeds.")
        # "believe the opposite" holds a view: still doxastic
        return not (norm[b + 1][:1].isalnum() and norm[b + 1] not in {"opposite", "contrary"}
                    and norm[b + 2] in _CLAUSE_CLOSERS and norm[b + 2] not in {'"', "''"})
    return True


#: Objects of the credit sense of "believe" ("believe him", "believe it") when the clause ends
#: after them; "it" before a verb ("believe it is true") is a complement clause's subject.
_CREDIT_OBJECTS = frozenset("him her them me us you it this".split())
#: Tokens that close the clause after a short object.
_CLAUSE_CLOSERS = frozenset({".", "!", "?", ";", ",", ":", '"', "”", "''", ")", "—", "–"})


# Nouns that make a fixed compound with a cue word: "think tank", "likely voters".
_COMPOUND_HEADS = frozenset("tank tanks piece pieces voter voters again twice about of".split())


def _rule_not_compound(seg, a, b, first, last):
    return not (b < last and seg.norm[b] in _COMPOUND_HEADS)


def _rule_not_comparison(seg, a, b, first, last):
    # "than expected", "as expected", "than previously thought": the event is known
    norm = seg.norm
    return not any(norm[j] in {"than", "as"} or (j == a - 1 and norm[j] == "-")
                   for j in range(max(first, a - 2), a))


def _rule_not_statistical(seg, a, b, first, last):
    # "women are more likely to vote than men", "the least likely to vote": a comparison of
    # rates, not the writer's uncertainty
    norm = seg.norm
    j = a - 1
    if j < first or norm[j] not in {"more", "less", "most", "least"} or b >= last \
            or norm[b] != "to":
        return True  # "the most likely plan": a hedge
    return not (norm[j] in {"most", "least"} or "than" in norm[b:last])


_SUPERLATIVE = frozenset("best worst most least greatest largest highest lowest maximum minimum "
                         "fullest earliest soonest fastest quickest severest strongest".split())


def _rule_epistemic_possible(seg, a, b, first, last):
    # Epistemic "possible (that)", not "as soon as possible", "the best possible", "where
    # possible", nor the possibility of ability: "possible to", "made it possible"
    norm = seg.norm
    prev = norm[a - 1] if a > first else ""
    if prev in _SUPERLATIVE or prev.endswith("est") or prev in {
            "as", "whenever", "wherever", "where", "if", "when", "everything", "anything", "all"}:
        return False
    if b < last and norm[b] in {"to", "for"}:
        return False
    return not (prev == "it" and a - 2 >= first and norm[a - 2].startswith("mak"))


def _rule_not_indirect_question(seg, a, b, first, last):
    # "asked what he thought about it", "how they think": what someone thinks is asked, not
    # hedged
    for w in reversed(seg.norm[max(first, a - 3):a]):
        if w in ("what", "how"):
            return False
        if not w[0].isalnum():  # "I'll tell you what, I think ...": a new clause
            break
    return True


def _rule_not_proper_name(seg, a, b, first, last):
    # "the Tomb of the Unknown Soldier": a capitalized word inside a sentence is a name
    tok = seg.tokens[a]
    return a == first or not tok[:1].isupper() or tok.isupper()


def _rule_epistemic_could(seg, a, b, first, last):
    # "could not", "could never": past inability; "could be reached (for comment)": availability
    norm = seg.norm
    if b < last and norm[b] in {"not", "never", "hardly"}:
        return False
    if b + 1 < last and norm[b] == "be" and norm[b + 1] == "reached":
        return False
    # "so (that) her team could run ads", "in order that": purpose; "if only they could": a
    # wish. Neither says how likely something is.
    for j in range(a - 1, max(first, a - 7) - 1, -1):
        w = norm[j]
        if w == "only" and j > first and norm[j - 1] == "if" or \
                w == "that" and j > first and norm[j - 1] in ("so", "order") or \
                w == "so" and j > first and _opens_subject(seg, j + 1, a):
            return False
        if not w[0].isalnum():
            break
    return True


_SUBJECT_STARTS = frozenset("""
i we you he she it they there the a an this that these those his her its their our my your
people officials
""".split())


def _opens_subject(seg, i, a) -> bool:
    """Whether the words from ``i`` up to ``a`` can be the subject of a purpose clause ("so
    [the president] could"): not "so horrible", "so much", "so well" (degree, where "could"
    keeps its sense)."""
    if i >= a:
        return False
    w, tok = seg.norm[i], seg.tokens[i]
    return w in _SUBJECT_STARTS or tok[:1].isupper() or (
        w.endswith("s") and not w.endswith(("ss", "ous", "us")) and len(w) > 3 and a - i <= 2)


def _rule_not_before_preposition(seg, a, b, first, last):
    return b < last and seg.norm[b] not in _PREPOSITIONS and seg.tokens[b][0].isalnum()


def _rule_not_negated_after(seg, a, b, first, last):
    return not (b < last and seg.norm[b] in {"not", "never", "hardly"})


def _rule_predicative(seg, a, b, first, last):
    norm = seg.norm
    j = a - 1
    while j >= first and norm[j] in _DEGREE:
        j -= 1
    if j >= first and norm[j] in _MAKE:
        return False  # "make sure that": an instruction
    if j >= first and norm[j] == "be" and (
            (b < last and norm[b] == "to")  # "be sure to vote"
            or (j - 1 >= first and norm[j - 1] == "to"
                and (b >= last or not seg.tokens[b][0].isalnum()))):  # "To be sure, ..."
        return False
    if b < last and norm[b] in {"that", "whether", "of", "about"}:
        return True
    if j - 1 >= first and norm[j - 1] == "there" and norm[j] in _COPULAS and b < last \
            and seg.tokens[b][0].isalpha() and norm[b] != "to":
        return False  # "there are certain conditions": "certain" is a determiner ("some")
    return j >= first and norm[j] in _COPULAS


def _finite_form(word: str) -> bool:
    """A verb form the modal cannot take: third person "-s" ("insists", not "discuss", "focus")
    or past "-ed" (not "need", "proceed")."""
    if len(word) < 4 or not word.isalpha():
        return False
    if word.endswith("s"):
        return not word.endswith(("ss", "us", "is", "ous"))
    return word.endswith("ed") and not word.endswith("eed")


def _rule_modal_may(seg, a, b, first, last):
    tok = seg.tokens[a]
    prev = seg.norm[a - 1] if a > first else ""
    if tok == "may":  # lower case: the modal, unless written "in may 2019"
        return not (prev in _MONTH_CONTEXT and _is_number(seg, b, last))
    if _is_number(seg, b, last) or (b < last and seg.norm[b] == ","):
        return False  # "May 5", "May, 2019"
    if prev in _MONTH_CONTEXT:
        return False  # "in May", "since May"
    nxt = seg.norm[b] if b < last else ""
    if nxt in _NOT_AFTER_MODAL or _finite_form(nxt):
        return False  # "May has no mandate", "May's plan", "May insisted": the name
    if (nxt in _MAY_ADVERBS or nxt.endswith("ly")) and b + 1 < last and (
            seg.norm[b + 1] in _NOT_AFTER_MODAL or _finite_form(seg.norm[b + 1])):
        return False  # "May also told", "May later said", "May repeatedly insisted": the name
    if tok == "MAY" or a == first or (a == first + 1 and not seg.tokens[first][0].isalnum()):
        return True  # a headline in capitals, or the first word: "May I ...", "MAY RISE"
    # "May" inside a sentence is the month or the name, unless the line is in title case
    words = [t for t in seg.tokens[first:last] if t[0].isalpha()]
    return len(words) >= 3 and sum(t[0].isupper() for t in words) >= 0.7 * len(words)


def _rule_hypothetical_would(seg, a, b, first, last):
    norm = seg.norm
    nxt = norm[b] if b < last else ""
    if nxt in _VOLITION or (nxt == "have" and b + 1 < last and norm[b + 1] == "to"):
        return False  # "would like to": volition; "would have to": obligation
    if nxt in {"not", "never"} and b + 1 < last and norm[b + 1] in _REFUSALS:
        return False  # "would not comment": a refusal
    if nxt in _NARRATIVE or (nxt == "go" and norm[b + 1:b + 3] == ["on", "to"]):
        return False  # "he would later resign", "she would often call": narrative past
    if a - 1 >= first and norm[a - 1] in _PROPOSALS and not {"if", "unless"} & set(
            norm[b:last]):
        return False  # "the bill would lower the rate": what a proposal contains (but "the
        # deal would collapse if ...": a condition)
    # future in the past of reported speech: "said (that) it would ..."; but not from outside a
    # direct quotation the "would" stands in ('adds, "we would have been injured"' is the
    # speaker's own conditional), unless the quotation continues a "that" clause ('said that
    # "interdiction would begin"')
    stop = first
    q = seg.quote_at(seg.token_starts[a])
    if q is not None:
        opener = bisect_left(seg.token_starts, seg.quotes[q][0], first, a)
        before = norm[opener - 1] if opener > first else ""
        if before in {",", ":"}:  # 'adds, "...' unless 'stated that, "...'
            before = "" if opener - 2 < first or norm[opener - 2] != "that" else "that"
        if before == "" or before in _REPORTING:
            stop = opener  # the quotation opens a whole utterance: 'said, "we would ..."'
        # else it continues the reporting clause: 'told me he "definitely wouldn't vote"'
    for j in range(a - 1, stop - 1, -1):
        if norm[j] in _REPORTING:
            return False
        if norm[j] in _THOUGHT and a - j <= 6 and norm[j + 1] not in _PARTICLES:
            return False  # "feared his vacation would be ruined" (not "thought through")
    return True


def _rule_not_fixed_phrase(seg, a, b, first, last):
    norm = seg.norm
    for phrase in _FIXED_PHRASES:
        n = len(phrase)
        for start in range(max(first, b - n), min(a, last - n) + 1):
            if tuple(norm[start:start + n]) == phrase:
                return False  # the cue sits inside "reasonable suspicion", "probable cause"
    return True


def _rule_not_appearance(seg, a, b, first, last):
    # "what a replacement should look like", "what it looked like": an appearance described
    # (but "accepting what looked like the inevitable" seems)
    return not ({"what", "how"} & set(seg.norm[max(first, a - 8):a - 1]))


def _rule_not_after_to_or_modal(seg, a, b, first, last):
    # "the burden is to prove that", "could demonstrate that": a task or a possibility
    return not (a > first and seg.norm[a - 1] in _MODALS_AND_TO)


def _rule_not_manner(seg, a, b, first, last):
    # "put it plainly", "tells us clearly", "state clearly": how something is said
    norm = seg.norm
    j = a - 1
    if j >= first and norm[j] in _OBJECT_PRONOUNS:
        j -= 1
    if b < last and norm[b] in _SAYING - _PERCEIVING:
        return False  # "failed to clearly state his views", "clearly labeled": manner
    return not (j >= first and norm[j] in _SAYING)


def _rule_feel_like(seg, a, b, first, last):
    # "I feel like we can only go up": a belief about a clause; not "feel like garbage", "feels
    # like 2008" (a likeness), "feel like going" (a wish), "make a film feel like one" (an effect)
    norm = seg.norm
    if b >= last or norm[b] not in _CLAUSE_SUBJECTS:
        return False
    return not (_MAKE & set(norm[max(first, a - 7):a]))


_CLAUSE_SUBJECTS = frozenset("i we you he she it they there the this that these those people "
                             "nobody everyone everybody someone somebody".split())


#: after "considered" these make it deliberation ("the options being considered.", "is being
#: considered is", "considered for the post"), not an opinion held ("is considered the favourite")
_DELIBERATION_NEXT = frozenset(". ! ? ; for is are was were will would and or".split())


def _rule_not_deliberation(seg, a, b, first, last):
    # "One of the things that is being considered is ...", "women being considered.": weighed,
    # not believed; "is considered by many to be", "are considered safe" stay doxastic
    norm = seg.norm
    if norm[b - 1] != "considered":
        return True
    return b < last and norm[b] not in _DELIBERATION_NEXT


#: words after "for certain" that leave it the emphatic adverb ("know for certain that ...")
_CLAUSE_WORDS = frozenset("""
that whether if what how who when why where which and but or because yet now though until about
anymore either
""".split())


def _rule_not_before_noun(seg, a, b, first, last):
    # "we don't know for certain", "know for certain that": emphatic; "for certain drug
    # offenses", "for certain investigations": "certain" is a determiner ("some")
    return b >= last or not seg.tokens[b][0].isalnum() or seg.norm[b] in _CLAUSE_WORDS


def _rule_modifier(seg, a, b, first, last):
    return True  # kept here, then merged into the cue it modifies or dropped (see _cues)


#: Context rules an entry may name in its ``rule`` column.
# The rules are described in the module docstring (Lexicon files).
RULES = {
    "modal_may": _rule_modal_may,
    "before_number": _rule_before_number,
    "after_number": _rule_after_number,
    "not_after_determiner": _rule_not_after_determiner,
    "not_after_article": _rule_not_after_article,
    "not_before_determiner": _rule_not_before_determiner,
    "has_complement": _rule_has_complement,
    "not_comparison": _rule_not_comparison,
    "not_compound": _rule_not_compound,
    "not_statistical": _rule_not_statistical,
    "epistemic_possible": _rule_epistemic_possible,
    "not_proper_name": _rule_not_proper_name,
    "not_indirect_question": _rule_not_indirect_question,
    "epistemic_could": _rule_epistemic_could,
    "not_before_preposition": _rule_not_before_preposition,
    "not_negated_after": _rule_not_negated_after,
    "predicative": _rule_predicative,
    "hypothetical_would": _rule_hypothetical_would,
    "modifier": _rule_modifier,
    "not_fixed_phrase": _rule_not_fixed_phrase,
    "not_appearance": _rule_not_appearance,
    "not_after_to_or_modal": _rule_not_after_to_or_modal,
    "not_manner": _rule_not_manner,
    "feel_like": _rule_feel_like,
    "not_deliberation": _rule_not_deliberation,
    "not_before_noun": _rule_not_before_noun,
}


# --- the lexicon --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _matching_compiled():
    """The compiled ``framing._matching_c``, or None (see :mod:`framing._compiled`)."""
    from framing._compiled import extension

    return extension("matching")


def _all_of(rules):
    def check(seg, a, b, first, last):
        return all(rule(seg, a, b, first, last) for rule in rules)
    return check


class Lexicon:
    """A compiled hedging lexicon: its entries, a token index for matching, and a version.

    Build one with :func:`load_lexicon`; pass it (or a path) as ``lexicon=`` to :func:`score`.
    Where several entries match at the same word, the longest wins; among equally long ones, the
    earlier row. A match that fails its context rule gives way to the next candidate.
    """

    def __init__(self, entries: list[LexiconEntry], *, source: str, version: str,
                 language: str = ""):
        self.entries = tuple(entries)
        self.source = source
        self.version = version
        #: "en" for the shipped (English) lexicon: texts that do not look English are then left
        #: unscored; "" (a lexicon from a file, of any language): every text is scored
        self.language = language
        # Candidates are looked up by their first word (one-word cues) or first two words
        # (longer cues); cues with "*" prefix slots go through the slower general path.
        self._single: dict[str, list] = {}
        self._pair: dict[tuple[str, str], list] = {}
        self._wild: list = []
        for entry in self.entries:
            slots = PhraseMatcher.compile(entry.cue)
            # (literal sets of slots 3.., length, entry, rule functions)
            checks = tuple(RULES[r] for r in entry.rules if r != "modifier")
            item = (tuple(lits for lits, _ in slots[2:]), len(slots), entry,
                    checks[0] if len(checks) == 1 else _all_of(checks) if checks else None)
            if any(prefixes for _, prefixes in slots):
                self._wild.append((slots, item))
            elif len(slots) == 1:
                for w in slots[0][0]:
                    self._single.setdefault(w, []).append(item)
            else:
                for w1 in slots[0][0]:
                    for w2 in slots[1][0]:
                        self._pair.setdefault((w1, w2), []).append(item)
        for items in self._pair.values():
            items.sort(key=lambda it: -it[1])  # longest first; stable, so earlier rows win ties
        self._firsts = frozenset(self._single) | frozenset(w for w, _ in self._pair)
        self._modifiers = frozenset(id(e) for e in self.entries if "modifier" in e.rules)

    def __repr__(self) -> str:
        return f"Lexicon({len(self.entries)} entries from {self.source}, version {self.version})"

    def _candidates(self, norm: list[str], i: int, last: int) -> list:
        w = norm[i]
        found = list(self._pair.get((w, norm[i + 1]), ())) if i + 1 < last else []
        found += self._single.get(w, ())
        if self._wild:
            for slots, item in self._wild:
                if item[1] <= last - i and all(
                        norm[i + k] in lits or any(norm[i + k].startswith(p) for p in prefixes)
                        for k, (lits, prefixes) in enumerate(slots)):
                    # every slot is checked here: leave nothing for matches() to check
                    found.append(((), item[1], item[2], item[3]) if item[1] > 2 else item)
            found.sort(key=lambda it: -it[1])
        return found

    def matches(self, seg: Segmentation, *, conditionals: bool = False):
        """Yield ``(first, last, entry)`` token matches that pass their context rules, scanning
        left to right, longest first; matches do not overlap nor cross sentences.

        Where ``framing._matching_c`` is built, the scan runs in C (``lexicon_matches``, the
        context rules called back); :meth:`matches_python` is the reference and the fallback
        (see :mod:`framing._compiled`), with the same matches in the same order."""
        compiled = _matching_compiled()
        if compiled is None:
            yield from self.matches_python(seg, conditionals=conditionals)
            return
        yield from compiled.lexicon_matches(
            seg, seg.norm, seg.sentence_token_ranges, self._firsts, self._single, self._pair,
            self._candidates if self._wild else None, conditionals)

    def matches_python(self, seg: Segmentation, *, conditionals: bool = False):
        """:meth:`matches` in Python (the reference for its compiled version)."""
        norm = seg.norm
        if self._wild:
            hits = range(len(norm))
        else:
            firsts = self._firsts
            hits = [i for i, w in enumerate(norm) if w in firsts]  # the few words that start a cue
        single, pair = self._single, self._pair
        h, n_hits = 0, len(hits)
        for first, last in seg.sentence_token_ranges:
            while h < n_hits and hits[h] < first:
                h += 1
            free = first  # matches do not overlap
            while h < n_hits and hits[h] < last:
                i = hits[h]
                h += 1
                if i < free:
                    continue
                if self._wild:
                    cands = self._candidates(norm, i, last)
                else:
                    w = norm[i]
                    cands = pair.get((w, norm[i + 1]), ()) if i + 1 < last else ()
                    one = single.get(w)
                    if one:
                        cands = [*cands, *one]
                for rest, length, entry, rule in cands:
                    end = i + length
                    if end > last:
                        continue
                    if rest:
                        ok = True
                        for k, lits in enumerate(rest, start=i + 2):
                            if norm[k] not in lits:
                                ok = False
                                break
                        if not ok:
                            continue
                    if entry.subtype == "conditional" and not conditionals:
                        continue
                    if rule is not None and not rule(seg, i, end, first, last):
                        continue
                    free = end
                    yield i, end, entry
                    break


_COLUMNS = ("cue", "category", "subtype", "uncertain", "negation", "rule", "provenance")


def _parse(text: str, source: str) -> list[LexiconEntry]:
    entries: list[LexiconEntry] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not header_seen:
            header_seen = True
            if fields[0] == "cue":
                missing = [c for c in _COLUMNS if c not in fields]
                if missing:
                    raise InputError(source, f"header lacks column(s) {', '.join(missing)}",
                                     row=n, hint="columns: " + ", ".join(_COLUMNS))
                continue
        fields += [""] * (len(_COLUMNS) - len(fields))
        cue, category, subtype, uncertain, negation, rule, provenance = fields[:7]
        if not cue:
            raise InputError(source, "empty cue", row=n, field="cue")
        if category not in CATEGORIES:
            raise InputError(source, f"unknown category {category!r}", row=n, field="category",
                             hint="valid: " + ", ".join(CATEGORIES))
        uncertain = uncertain.lower() or ("yes" if category == "hedge" else "no")
        if uncertain not in {"yes", "no"}:
            raise InputError(source, f"uncertain must be yes or no, not {uncertain!r}", row=n,
                             field="uncertain")
        negation = negation or "keep"
        if negation not in NEGATION_POLICIES:
            raise InputError(source, f"unknown negation policy {negation!r}", row=n,
                             field="negation", hint="valid: " + ", ".join(NEGATION_POLICIES))
        unknown = [r for r in rule.split("+") if r and r not in RULES]
        if unknown:
            raise InputError(source, f"unknown rule {unknown[0]!r}", row=n, field="rule",
                             hint="valid: " + ", ".join(sorted(RULES)) + " (join several with +)")
        try:
            PhraseMatcher.compile(cue)
        except ValueError as err:
            raise InputError(source, f"bad cue pattern: {err}", row=n, field="cue") from None
        entries.append(LexiconEntry(cue, category, subtype, uncertain == "yes", negation, rule,
                                    provenance, n))
    if not entries:
        raise InputError(source, "the lexicon has no entries",
                         hint="one tab-separated row per cue: " + "\t".join(_COLUMNS))
    return entries


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    text = read_data_text("hedging", "lexicon.tsv")
    return Lexicon(_parse(text, "framing/data/hedging/lexicon.tsv"), source="shipped",
                   version=data_version(text), language="en")


@lru_cache(maxsize=16)
def _from_file(path: str, mtime_ns: int, size: int) -> Lexicon:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "the lexicon is not valid UTF-8") from None
    return Lexicon(_parse(text, path), source=path, version=data_version(text))


def load_lexicon(path: str | os.PathLike | None = None) -> Lexicon:
    """Load and compile a hedging lexicon; the shipped one when ``path`` is None.

    The file is a TSV with the columns of ``framing/data/hedging/lexicon.tsv`` (``cue``,
    ``category``, ``subtype``, ``uncertain``, ``negation``, ``rule``, ``provenance``; lines
    starting with ``#`` are comments). Loaded lexicons are cached (a changed file is re-read).

    >>> load_lexicon().entries[0].category
    'hedge'
    """
    if path is None:
        return _shipped()
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "lexicon file not found",
                         hint="pass the path of a TSV lexicon, or None for the shipped one")
    st = p.stat()
    return _from_file(str(p.resolve()), st.st_mtime_ns, st.st_size)


def _resolve(lexicon) -> Lexicon:
    if lexicon is None:
        return _shipped()
    if isinstance(lexicon, Lexicon):
        return lexicon
    if isinstance(lexicon, (str, os.PathLike)):
        return load_lexicon(lexicon)
    raise TypeError(f"lexicon must be None, a path or a Lexicon, not {type(lexicon).__name__}")


def __getattr__(name: str):
    # VERSION is computed on first use, so importing the module reads no file. The voices rest
    # on the reported speech framing.sources finds, so its version is part of this one.
    if name == "VERSION":
        from framing import sources

        return f"{CODE_VERSION}+{_shipped().version}+sources-{sources.VERSION}"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- the result ---------------------------------------------------------------------------

@dataclass(frozen=True)
class HedgingResult(MeasureResult):
    """Hedges, boosters and attributions in one text, with the evidence.

    Counts are numbers of cues (a multiword cue counts once); densities are cues per 1,000 words
    and are NaN for a text without words (quoted densities: without quoted words). For every
    field, more means more of what it names: more hedging, more boosting, more vague attribution,
    more uncertain sentences.

    Attributes
    ----------
    english : False when the text does not look English and the lexicon is the shipped English
        one: the text is then not scored (every count, density and share NaN).
    n_words : words in the text (punctuation excluded).
    n_quoted_words : words inside direct quotations.
    n_reported_words : words inside reported speech (the content of an attribution that is not a
        direct quotation: *officials said [the deal may collapse]*).
    n_sentences : sentences in the text.
    hedges : hedge cues (approximators included).
    approximators : the hedges that are approximators ("about 200", "somewhat"); they do not make
        a sentence uncertain.
    boosters : booster cues (certainty markers).
    attributions : vague or impersonal attributions (weasel words: "some say", "it is believed").
    hedge_density, booster_density, attribution_density : the counts per 1,000 words.
    uncertain_sentences : sentences holding at least one uncertainty cue.
    uncertain_share : ``uncertain_sentences / n_sentences`` (0 to 1; NaN without sentences).
    journalist_hedges, quoted_hedges, reported_hedges : hedges in the journalist's own voice
        (outside quotations and reported speech) / inside direct quotations / inside reported
        speech.
    journalist_boosters, quoted_boosters, reported_boosters : the same split for boosters.
    journalist_hedge_density, quoted_hedge_density, reported_hedge_density : hedges per 1,000
        words of that voice (NaN without words in it).
    journalist_booster_density, quoted_booster_density, reported_booster_density : boosters per
        1,000 words of that voice.
    sentence_uncertain : per sentence of the shared segmentation, whether it is uncertain (None
        for the sentences of a text left unscored).
    evidence : every counted cue, in text order: ``label`` (hedge, booster, attribution),
        ``subtype``, ``text`` (the matched words, negator and modifier included), ``start``,
        ``end``, ``sentence`` and ``voice`` ("journalist", "quoted" or "reported").
    """

    family: ClassVar[str] = "hedging"

    english: bool = True
    n_words: int = 0
    n_quoted_words: int = 0
    n_reported_words: int = 0
    n_sentences: int = 0
    hedges: int = 0
    approximators: int = 0
    boosters: int = 0
    attributions: int = 0
    hedge_density: float = math.nan
    booster_density: float = math.nan
    attribution_density: float = math.nan
    uncertain_sentences: int = 0
    uncertain_share: float = math.nan
    journalist_hedges: int = 0
    quoted_hedges: int = 0
    reported_hedges: int = 0
    journalist_boosters: int = 0
    quoted_boosters: int = 0
    reported_boosters: int = 0
    journalist_hedge_density: float = math.nan
    quoted_hedge_density: float = math.nan
    reported_hedge_density: float = math.nan
    journalist_booster_density: float = math.nan
    quoted_booster_density: float = math.nan
    reported_booster_density: float = math.nan
    sentence_uncertain: tuple = ()
    evidence: tuple = ()

    def to_dict(self) -> dict:
        """JSON-ready: like :meth:`MeasureResult.to_dict`, with undefined (NaN) numbers as None."""
        out = super().to_dict()
        return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in out.items()}


#: Fields that stay as they are for a text left unscored (the rest become NaN).
_DESCRIPTIVE = {"english", "n_words", "n_sentences", "sentence_uncertain",
                "evidence"}


def _not_scored(seg: Segmentation) -> HedgingResult:
    """The result for a text the English lexicon should not score: its size, no measures."""
    missing = {f.name: math.nan for f in dataclasses.fields(HedgingResult)
               if f.name not in _DESCRIPTIVE}
    return HedgingResult(english=False, n_words=seg.n_words, n_sentences=len(seg.sentences),
                         sentence_uncertain=(None,) * len(seg.sentences), **missing)


# --- scoring ------------------------------------------------------------------------------

def _negated(seg: Segmentation, a: int, first: int) -> int | None:
    """Token index of a negator up to NEGATION_WINDOW tokens before token ``a``, or None."""
    norm = seg.norm
    for j in range(a - 1, max(first, a - NEGATION_WINDOW) - 1, -1):
        w = norm[j]
        if w in NEGATORS:
            return j
        if w in _SCOPE_BREAKS:
            return None
    return None


_FLIP = {"hedge": "booster", "booster": "hedge"}


def _cues(seg: Segmentation, lex: Lexicon, conditionals: bool) -> list[list]:
    """Matched cues as ``[first, last, label, subtype, uncertain, sentence]`` after modifier
    merging and negation."""
    raw = list(lex.matches(seg, conditionals=conditionals))
    modifiers = lex._modifiers
    token_sentence = seg.token_sentence
    out: list[list] = []
    # right to left: a modifier (or a booster) joins the cue that immediately follows it
    for a, b, e in reversed(raw):
        nxt = out[-1] if out else None
        adjacent = nxt is not None and nxt[0] == b
        if id(e) in modifiers:
            if adjacent and nxt[2] in ("hedge", "booster"):
                nxt[0] = a  # "highly unlikely": one hedge; "absolutely certain": one booster
            continue
        if e.category == "booster" and adjacent and nxt[2] == "hedge":
            nxt[0] = a  # a booster inside a hedge ("definitely possible") counts as the hedge
            continue
        out.append([a, b, e.category, e.subtype, e.uncertain, token_sentence[a], e.negation])
    out.reverse()
    ranges = seg.sentence_token_ranges
    kept = []
    for cue in out:
        a, _, label, subtype, _, sent, negation = cue
        if negation != "keep":
            j = _negated(seg, a, ranges[sent][0])
            if j is not None:
                if negation == "drop":
                    continue
                if not kept or kept[-1][1] <= j:  # the span takes in its negator, unless that
                    cue[0] = j                    # would cover the cue before ("no unclear doubt")
                if label in _FLIP:
                    cue[2] = label = _FLIP[label]
                    cue[3] = "negated " + subtype
                    cue[4] = label == "hedge"
        kept.append(cue[:6])
    return kept


def _word_flags(seg: Segmentation) -> list[int]:
    return seg.word_flags  # 1 for a word or number token, 0 for punctuation (computed once)


_density = per_thousand_words  # PER_WORDS (1,000) words


def score(text: str | Segmentation, *, lexicon=None, conditionals: bool = False) -> HedgingResult:
    """Hedges, boosters, vague attributions and uncertain sentences in one text.

    Parameters
    ----------
    text : the article (any string), or its :func:`framing.text.segment` result; a missing
        text (None, NaN) gives a result whose every value is missing.
    lexicon : None for the shipped lexicon, a path to a TSV lexicon of the same columns, or a
        :class:`Lexicon` from :func:`load_lexicon`.
    conditionals : also count conditional cues (*if*, *unless*) as hedges that make a sentence
        uncertain, as the Szeged Uncertainty Corpus does. Off by default.

    Returns
    -------
    HedgingResult
        Counts, densities per 1,000 words (more = more hedging / boosting / vague attribution),
        the share of uncertain sentences (more = more uncertain), the split by voice
        (journalist / quoted / reported), per-sentence flags and the evidence.

    Examples
    --------
    >>> r = score("Officials said the talks could well fail. It is highly unlikely they resume in May.")
    >>> [(e.label, e.subtype, e.text) for e in r.evidence]
    [('attribution', 'anonymous source', 'Officials'), ('hedge', 'epistemic modal', 'could'), ('hedge', 'epistemic adjective', 'highly unlikely')]
    >>> r.sentence_uncertain, round(r.hedge_density, 1)
    ((True, True), 133.3)
    """
    if isinstance(text, Segmentation):
        seg = text
    elif isinstance(text, str):
        seg = segment(text)
    elif is_missing_text(text):
        return missing_result(HedgingResult)
    else:
        raise not_one_text("score", text, "hedging")
    if not isinstance(conditionals, bool):
        raise TypeError("conditionals must be True or False")
    lex = _resolve(lexicon)
    if lex.language == "en" and not seg.english:
        return _not_scored(seg)
    src = seg.text
    spans = seg.token_spans
    flags = _word_flags(seg)
    n_words = sum(flags)
    starts = seg.token_starts
    n_quoted = 0
    quoted = []  # quotations, and tweets and transcript turns (which may hold quotations)
    for qs, qe in sorted(list(seg.quotes) + _unquoted_direct(seg)):
        if quoted and qs < quoted[-1][1]:
            quoted[-1] = (quoted[-1][0], max(quoted[-1][1], qe))
        else:
            quoted.append((qs, qe))
    for qs, qe in quoted:
        n_quoted += sum(flags[bisect_left(starts, qs):bisect_left(starts, qe)])
    quoted_starts = [qs for qs, _ in quoted]
    quoted_ends = [qe for _, qe in quoted]
    reported = _reported_speech(seg)
    n_reported = 0
    for rs, re_ in reported:
        n_reported += sum(flags[bisect_left(starts, rs):bisect_left(starts, re_)])
        # a quotation inside reported content is the quoted voice's: the quotations (merged, in
        # order, their ends too) overlapping this report are those from the first ending after
        # its start to the last starting before its end (a scan of all of them for each report
        # made a long text quadratic)
        for q in range(bisect_right(quoted_ends, rs), bisect_left(quoted_starts, re_)):
            qs, qe = quoted[q]
            n_reported -= sum(flags[bisect_left(starts, max(qs, rs)):
                                    bisect_left(starts, min(qe, re_))])
    reported_starts = [rs for rs, _ in reported]
    n_sent = len(seg.sentences)
    uncertain = [False] * n_sent
    counts = {(label, voice): 0 for label in ("hedge", "booster", "attribution")
              for voice in ("journalist", "quoted", "reported")}
    approximators = 0
    evidence = []
    cues = [(spans[a][0], spans[b - 1][1], label, subtype, unc, sent)
            for a, b, label, subtype, unc, sent in _cues(seg, lex, conditionals)]
    if seg.english:
        cues = _with_anonymous_sources(seg, cues)
    for start, end, label, subtype, unc, sent in cues:
        q = bisect_left(quoted_starts, start + 1) - 1
        if q >= 0 and start < quoted[q][1]:
            voice = "quoted"
        else:
            k = bisect_left(reported_starts, start + 1) - 1
            voice = "reported" if k >= 0 and start < reported[k][1] else "journalist"
        counts[(label, voice)] += 1
        if unc:
            uncertain[sent] = True
        if subtype == "approximator":
            approximators += 1
        evidence.append(Evidence(label, src[start:end], start, end, sent, subtype, voice))
    jh, qh, rh = (counts[("hedge", v)] for v in ("journalist", "quoted", "reported"))
    jb, qb, rb = (counts[("booster", v)] for v in ("journalist", "quoted", "reported"))
    attributions = sum(counts[("attribution", v)] for v in ("journalist", "quoted", "reported"))
    n_unc = sum(uncertain)
    j_words = n_words - n_quoted - n_reported
    return HedgingResult(
        n_words=n_words, n_quoted_words=n_quoted, n_reported_words=n_reported,
        n_sentences=n_sent, hedges=jh + qh + rh, approximators=approximators,
        boosters=jb + qb + rb, attributions=attributions,
        hedge_density=_density(jh + qh + rh, n_words),
        booster_density=_density(jb + qb + rb, n_words),
        attribution_density=_density(attributions, n_words),
        uncertain_sentences=n_unc, uncertain_share=n_unc / n_sent if n_sent else math.nan,
        journalist_hedges=jh, quoted_hedges=qh, reported_hedges=rh,
        journalist_boosters=jb, quoted_boosters=qb, reported_boosters=rb,
        journalist_hedge_density=_density(jh, j_words), quoted_hedge_density=_density(qh, n_quoted),
        reported_hedge_density=_density(rh, n_reported),
        journalist_booster_density=_density(jb, j_words),
        quoted_booster_density=_density(qb, n_quoted),
        reported_booster_density=_density(rb, n_reported),
        sentence_uncertain=tuple(uncertain), evidence=tuple(evidence),
    )


_PRONOUNS = frozenset("he she they it we i you him her them".split())


def _with_anonymous_sources(seg: Segmentation, cues: list[tuple]) -> list[tuple]:
    """``cues`` (character spans) with an ``anonymous source`` attribution for every unnamed
    source :func:`framing.sources.score` finds ("sources say", "officials speaking on condition
    of anonymity said", "people familiar with the matter said"): a claim put in unnamed mouths
    is vague attribution (Ganter & Strube 2009; Culbertson 1975 on veiled attribution). A source
    a lexicon cue already covers ("some sources say") and a pronoun continuing one are not
    counted again; such a cue does not make its sentence uncertain."""
    from framing import sources

    # a span overlaps a taken one when one of those starting before its end ends after its
    # start: the cues' spans sorted, beside the running maximum of their ends; the sources added
    # overlap none taken before them, so that, sorted, their ends are in order too (a scan of
    # all taken spans for each source made a long text quadratic)
    cue_spans = sorted((s, e) for s, e, label, *_ in cues if label == "attribution")
    cue_starts, cue_reach, top = [s for s, _ in cue_spans], [], -1
    for _, e in cue_spans:
        top = max(top, e)
        cue_reach.append(top)
    taken: list[tuple[int, int]] = []  # the sources added, sorted
    added = []
    for q in sources.score(seg).quotes:
        s, e = q.speaker_start, q.speaker_end
        if not q.anonymous or s < 0 or seg.text[s:e].lower() in _PRONOUNS:
            continue
        k = bisect_left(cue_starts, e)
        if k and cue_reach[k - 1] > s:
            continue
        k = bisect_left(taken, (e,))
        if k and taken[k - 1][1] > s:
            continue
        insort(taken, (s, e))
        added.append((s, e, "attribution", "anonymous source", False,
                      seg.token_sentence[bisect_left(seg.token_starts, s)]))
    return sorted(cues + added, key=lambda c: c[0]) if added else cues


def _unquoted_direct(seg: Segmentation) -> list[tuple[int, int]]:
    """Character spans of direct quotations without quotation marks, as
    :func:`framing.sources.score` finds them: embedded tweets and transcript turns, the quoted
    voice like any quotation (shared analysis, as for :func:`_reported_speech`)."""
    if "(@" not in seg.text and ":" not in seg.text and "\n" not in seg.text:
        return []  # (a Q&A under name lines needs line breaks only)
    from framing import sources

    return [(q.start, q.end) for q in sources.score(seg).quotes
            if q.kind == "direct" and q.cue in ("tweet", "transcript", "block")]


def _reported_speech(seg: Segmentation) -> list[tuple[int, int]]:
    """Character spans of the reported speech in a text (the content of attributions, as
    :func:`framing.sources.score` finds them with its shipped lists: ``attributed``), in text
    order, overlapping ones merged. Direct quotations inside them stay the quoted voice (the
    caller checks those first); the analysis is shared with the sources family
    (:meth:`Segmentation.derived`)."""
    from framing import sources

    merged: list[tuple[int, int]] = []  # nested reports overlap: each word counted once
    for s, e in sources.score(seg).attributed:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def score_corpus(data: pd.Series | pd.DataFrame, *, text_col: str = "text", lexicon=None,
                 conditionals: bool = False) -> pd.DataFrame:
    """Score every text of a column: one row per text, the index kept, ``hedging_<field>`` columns.

    Parameters
    ----------
    data : a Series of texts, or a DataFrame holding them in ``text_col``. Not modified.
    text_col : the text column of a DataFrame.
    lexicon, conditionals : as for :func:`score`.

    Returns
    -------
    pandas.DataFrame
        The scalar fields of :class:`HedgingResult` (per-sentence flags and evidence left out);
        a missing text (None, NaN) gives missing values in its row.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["It may rain.", None]}, index=["a", "b"])
    >>> score_corpus(df)[["hedging_hedges", "hedging_uncertain_share"]]
       hedging_hedges  hedging_uncertain_share
    a             1.0                      1.0
    b             NaN                      NaN
    """
    texts = corpus_texts(data, text_col)
    lex = _resolve(lexicon)
    frame = score_series(texts, lambda t: score(t, lexicon=lex, conditionals=conditionals))
    columns = list(HedgingResult().row())
    return frame.reindex(columns=columns)
