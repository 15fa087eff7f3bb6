"""The result every frame measure returns, whichever method produced it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from framing.results import Evidence, MeasureResult

__all__ = ["FrameScore", "FramesResult", "SentenceFrames"]


@dataclass(frozen=True)
class FrameScore:
    """One frame in one text.

    ``present`` is the yes/no decision. A codebook fills ``share`` (share of sentences with a
    cue of the frame), ``density`` (cues per 100 words), ``n_cues`` and ``n_sentences``; a
    trained model fills ``probability`` (leaving the codebook fields at None unless it reports
    them too).
    """

    name: str
    present: bool | None
    share: float | None = None
    density: float | None = None
    n_cues: int | None = None
    n_sentences: int | None = None
    probability: float | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in (("name", self.name), ("present", self.present),
                                  ("share", self.share), ("density", self.density),
                                  ("n_cues", self.n_cues), ("n_sentences", self.n_sentences),
                                  ("probability", self.probability)) if v is not None}


@dataclass(frozen=True)
class SentenceFrames:
    """The frames one sentence cues (for exemplars): sentence index, span, frame names, and the
    number of cues of each."""

    sentence: int
    start: int
    end: int
    frames: tuple[str, ...]
    n_cues: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "start": self.start, "end": self.end,
                "frames": dict(zip(self.frames, self.n_cues))}


@dataclass(frozen=True)
class FramesResult(MeasureResult):
    """Frames in one text.

    Attributes
    ----------
    primary : the present frame with the highest salience (codebook: share of sentences, then
        cue density, then cue count; model: probability); ``"none"`` when no frame is present.
    n_tied : how many other present frames are exactly as salient as ``primary``, so that the
        codebook's order of frames chose it (0: a clear first; common in headlines and short
        texts, where every present frame has a share of 1): set such texts apart, or compare the
        frames present, before comparing primary-frame distributions. Always 0 for a model.
    english : False when the codebook's cues are English (``language: en``, as in the shipped
        codebooks) and the text does not look English: it is then not scored (``primary``,
        ``n_present`` and every frame's presence None, salience NaN). ``row()`` leaves this field
        out (a ``frames_english`` column would read as a frame); the values show it.
    n_present : number of frames present.
    n_sentences, n_words : size of the text.
    method : ``"codebook"`` or ``"model"``.
    scheme : the codebook's or model's name.
    scores : one :class:`FrameScore` per frame, in codebook order.
    sentences : the sentences that cue at least one frame (codebook method), or that carry the
        most weight for a present frame (model method).
    evidence : cue matches (codebook) or the sentences behind each present frame (model), label
        = frame name.

    ``row()`` flattens to ``frames_primary``, ``frames_n_present``, ``frames_n_tied``,
    ``frames_n_sentences``,
    ``frames_n_words``, then per frame ``frames_<frame>`` (1 present, 0 absent) and its salience:
    ``frames_<frame>_share`` and ``frames_<frame>_density`` (codebook) or ``frames_<frame>_prob``
    (model). More is more: a higher share, density or probability means the frame is more
    salient.
    """

    family: ClassVar[str] = "frames"
    primary: str | None = "none"
    n_present: int | None = 0
    n_tied: int | None = 0
    n_sentences: int = 0
    n_words: int = 0
    method: str = "codebook"
    scheme: str = ""
    scores: tuple[FrameScore, ...] = ()
    sentences: tuple[SentenceFrames, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    english: bool = True

    @property
    def present(self) -> tuple[str, ...]:
        """Names of the frames present, in codebook order."""
        return tuple(s.name for s in self.scores if s.present)

    def __getitem__(self, frame: str) -> FrameScore:
        for s in self.scores:
            if s.name == frame:
                return s
        raise KeyError(f"no frame {frame!r}; frames: {', '.join(s.name for s in self.scores)}")

    def row(self) -> dict:
        """The flat part as ``{frames_<field>: value}`` (see the class docstring)."""
        out = {"frames_primary": self.primary,
               "frames_n_present": math.nan if self.n_present is None else self.n_present,
               "frames_n_tied": math.nan if self.n_tied is None else self.n_tied,
               "frames_n_sentences": self.n_sentences, "frames_n_words": self.n_words}
        for s in self.scores:
            out[f"frames_{s.name}"] = math.nan if s.present is None else int(s.present)
            if self.method == "codebook":
                out[f"frames_{s.name}_share"] = s.share
                out[f"frames_{s.name}_density"] = s.density
            else:
                out[f"frames_{s.name}_prob"] = s.probability
        return out

    def to_dict(self) -> dict:
        """Everything, JSON-ready: the numbers, per-frame scores, sentences and evidence."""
        return {"english": self.english, "primary": self.primary, "n_present": self.n_present,
                "n_tied": self.n_tied,
                "n_sentences": self.n_sentences, "n_words": self.n_words, "method": self.method,
                "scheme": self.scheme, "present": list(self.present),
                "scores": [s.to_dict() for s in self.scores],
                "sentences": [s.to_dict() for s in self.sentences],
                "evidence": [e.to_dict() for e in self.evidence]}
