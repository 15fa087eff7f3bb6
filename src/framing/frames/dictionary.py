"""Frames by codebook: salience, presence, primary frame and evidence from cue matches."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

from framing.frames import codebook as codebook_module
from framing.frames.codebook import Codebook, load_codebook
from framing.frames.result import FrameScore, FramesResult, SentenceFrames
from framing.results import Evidence
from framing.text import Segmentation, segment

__all__ = ["DEFAULT_MIN_SENTENCES", "DEFAULT_THRESHOLD", "score_codebook"]

#: Default presence rule when neither the call nor the codebook sets one: a frame is present
#: when at least this share of the text's sentences cue it ... (0.06 maximized micro-F1 of the
#: ``policy`` codebook on the SemEval-2023 Task 3 development articles; docs/validity_frames.md)
DEFAULT_THRESHOLD = 0.06
#: ... and at least this many sentences do (capped at the number of sentences, so that a
#: one-sentence headline can carry a frame).
DEFAULT_MIN_SENTENCES = 2


def _check_share(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{what} must be a number between 0 and 1, not {value!r}")
    return float(value)


def presence_rule(cb: Codebook, threshold=None, min_sentences=None) -> tuple[list[float], int]:
    """Per-frame thresholds and the minimum number of sentences for a codebook and call options.

    Precedence: the call's ``threshold`` (a number for every frame, or ``{frame: number}`` for
    some), then the frame's own ``threshold`` in the codebook, then the codebook's
    ``presence.threshold``, then :data:`DEFAULT_THRESHOLD`.
    """
    base = cb.threshold if cb.threshold is not None else DEFAULT_THRESHOLD
    per = [f.threshold if f.threshold is not None else base for f in cb.frames]
    if isinstance(threshold, Mapping):
        for label, value in threshold.items():
            per[cb.index(label)] = _check_share(value, f"threshold for {label!r}")
    elif threshold is not None:
        per = [_check_share(threshold, "threshold")] * len(per)
    if min_sentences is None:
        min_sentences = cb.min_sentences if cb.min_sentences is not None else DEFAULT_MIN_SENTENCES
    if isinstance(min_sentences, bool) or not isinstance(min_sentences, int) or min_sentences < 0:
        raise ValueError(f"min_sentences must be a whole number >= 0, not {min_sentences!r}")
    return per, min_sentences


def score_codebook(text: str | Segmentation, codebook="policy", *, threshold=None,
                   min_sentences=None) -> FramesResult:
    """Score one text with a codebook (see :func:`framing.frames.score`)."""
    cb = load_codebook(codebook)
    thresholds, min_sent = presence_rule(cb, threshold, min_sentences)
    seg = text if isinstance(text, Segmentation) else segment(text)
    return _score(seg, cb, thresholds, min_sent)


def _tally(found: list, seg: Segmentation, names: tuple[str, ...]):
    """What the matches of :meth:`Codebook.find` (in text order) add up to: per frame the cues
    and the sentences with a cue; a :class:`SentenceFrames` per sentence with a cue; and the
    evidence (an :class:`Evidence` per frame of each match, voiced ``quoted`` inside a direct
    quotation). In C where ``framing._matching_c`` is built (``frames_tally``, which makes each
    Evidence and SentenceFrames as its ``__init__`` does, setting its fields, without the call),
    else :func:`_tally_python`."""
    compiled = codebook_module._matching_compiled()
    if compiled is None:
        return _tally_python(found, seg.text, seg.token_spans, seg.token_sentence, seg.quotes,
                             names, seg.sentences)
    return compiled.frames_tally(found, seg.text, seg.token_spans, seg.token_sentence,
                                 seg.quotes, names, len(names), Evidence, _EVIDENCE_WEIGHT,
                                 seg.sentences, SentenceFrames, _SENTENCE_FRAMES_FIELDS)


def _set_fields_only(cls, fields: tuple[str, ...]) -> bool:
    """Whether the dataclass ``cls``'s ``__init__`` does no more than set ``fields`` in order
    (no ``__post_init__``, no default factory, every field an argument): the compiled tally may
    then make its instances without calling it."""
    declared = getattr(cls, "__dataclass_fields__", {})
    return (tuple(declared) == fields and not hasattr(cls, "__post_init__")
            and all(f.init and f.default_factory is dataclasses.MISSING
                    for f in declared.values()))


#: Evidence's default weight, with which the compiled tally makes its instances directly (each
#: slot set, as the dataclass's __init__ does); None -- Evidence is called -- should the class
#: ever do more in its __init__ than set its fields.
_EVIDENCE_WEIGHT = (Evidence.__dataclass_fields__["weight"].default
                    if _set_fields_only(Evidence, ("label", "text", "start", "end", "sentence",
                                                   "subtype", "voice", "weight"))
                    else None)
#: The fields of SentenceFrames, which the compiled tally sets as its __init__ does (None: the
#: class is called).
_SENTENCE_FRAMES_FIELDS = (("sentence", "start", "end", "frames", "n_cues")
                           if _set_fields_only(SentenceFrames, ("sentence", "start", "end",
                                                                "frames", "n_cues"))
                           else None)


def _tally_python(found, text, spans, tok_sent, quotes, names, sentence_spans):
    """:func:`_tally` in Python (the reference for its compiled version)."""
    n_frames = len(names)
    cues = [0] * n_frames
    n_cue_sent = [0] * n_frames
    last_sent = [-1] * n_frames
    per_sentence: dict[int, dict[int, int]] = {}
    evidence = []
    qi, n_quotes = 0, len(quotes)
    for a, b, idx, pattern in found:
        s = tok_sent[a]
        start, end = spans[a][0], spans[b - 1][1]
        while qi < n_quotes and quotes[qi][1] <= start:
            qi += 1
        voice = "quoted" if qi < n_quotes and quotes[qi][0] <= start else "journalist"
        cell = per_sentence.get(s)
        if cell is None:
            cell = per_sentence[s] = {}
        snippet = text[start:end]
        for i in idx:
            cues[i] += 1
            if last_sent[i] != s:
                last_sent[i] = s
                n_cue_sent[i] += 1
            cell[i] = cell.get(i, 0) + 1
            evidence.append(Evidence(names[i], snippet, start, end, s, pattern, voice))
    sentences = []
    for s in sorted(per_sentence):
        cell = per_sentence[s]
        order = sorted(cell)
        sentences.append(SentenceFrames(s, sentence_spans[s][0], sentence_spans[s][1],
                                        tuple(map(names.__getitem__, order)),
                                        tuple(map(cell.__getitem__, order))))
    return cues, n_cue_sent, sentences, evidence


def _score(seg: Segmentation, cb: Codebook, thresholds: list[float], min_sent: int, *,
           check_language: bool = True, hyphenated: bool = True) -> FramesResult:
    frames, names = cb.frames, cb.names
    if check_language and cb.language == "en" and not seg.english:  # English cues say nothing
        return FramesResult(english=False, primary=None, n_tied=None, n_present=None,
                            n_sentences=len(seg.sentences), n_words=seg.n_words,
                            method="codebook", scheme=cb.name,
                            scores=tuple(FrameScore(f.name, None, math.nan, math.nan)
                                         for f in frames))
    n_sent = len(seg.sentences)
    n_words = seg.n_words
    cues, n_cue_sent, sentences, evidence = _tally(cb.find(seg, hyphenated=hyphenated), seg,
                                                   names)
    need = min(min_sent, n_sent)
    rows = []
    for i, f in enumerate(frames):
        n_s = n_cue_sent[i]
        share = n_s / n_sent if n_sent else 0.0
        density = 100.0 * cues[i] / n_words if n_words else 0.0
        present = not f.residual and 0 < n_s and need <= n_s and share >= thresholds[i]
        rows.append([f.name, present, share, density, cues[i], n_s])
    if any(f.residual for f in frames):
        none_present = not any(r[1] for r in rows)
        for r, f in zip(rows, frames):
            if f.residual:
                r[1] = n_words > 0 and none_present
    primary, best, tied = "none", None, 0
    for i, r in enumerate(rows):  # highest share, then density, then cue count; first wins ties
        if r[1]:
            key = (r[2], r[3], r[4])
            if best is None or key > best:
                primary, best, tied = r[0], key, 0
            elif key == best:
                tied += 1  # another present frame as salient: the codebook's order decided
    return FramesResult(primary=primary, n_tied=tied,
                        n_present=sum(1 for r in rows if r[1]),
                        n_sentences=n_sent, n_words=n_words, method="codebook", scheme=cb.name,
                        scores=tuple(FrameScore(*r) for r in rows), sentences=tuple(sentences),
                        evidence=tuple(evidence))
