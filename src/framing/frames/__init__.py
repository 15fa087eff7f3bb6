"""Frames: which frames a news text uses, how salient each is, and the evidence.

Two methods, one result (:class:`FramesResult`):

- **codebook** (:func:`score`): a dictionary codebook of cue patterns per frame. Shipped:
  ``policy`` (the 15 frames of the Policy Frames Codebook, Boydstun et al. 2014) and ``generic``
  (the five generic news frames of Semetko & Valkenburg 2000); or your own YAML/CSV file
  (:func:`load_codebook`). Per frame: *share* -- the share of the text's sentences with at least
  one cue of the frame (0 to 1; more is more salient), *density* -- cues per 100 words, and
  *presence* -- present when ``share >= threshold`` and at least ``min_sentences`` sentences cue
  it (capped at the number of sentences, so a one-line headline can carry a frame). The
  primary frame is the present frame with the highest share (then density).
- **model** (:func:`train`, :func:`predict`): a multi-label classifier trained on your own
  hand-coded sample (TF-IDF + one-vs-rest logistic regression, plus the mean of the text's
  word vectors learnt from unlabeled news, optionally with the codebook's salience as extra
  features), saved as a pickle-free ``.npz`` file with its metadata. Per
  frame: the probability and presence (probability >= the frame's threshold, chosen by
  cross-validation at training time). ``train(df, text_col="text", label_col="frames",
  out="my_frames.npz")`` reports nested cross-validated per-frame and micro/macro F1
  (``model.report``); ``score_corpus(df, model="my_frames.npz")`` applies it. Model files are
  read with ``allow_pickle=False`` -- loading one cannot run code -- but they carry someone's
  coding decisions: read the ``.json`` beside a model (training-data hash, frame counts, CV
  figures) before relying on it.

Both return :class:`FramesResult`; ``row()`` gives ``frames_primary``, ``frames_n_present``,
``frames_<frame>`` (1 present / 0 absent) and the salience columns, and ``evidence`` holds
the cue matches (codebook) or the sentences behind each present frame (model). Validity
figures are in ``docs/validity_frames.md``.

Example
-------
>>> r = score("The court ruled the ban unconstitutional. Judges said the law violated the "
...           "First Amendment. Lawmakers vowed an appeal.")
>>> r.primary
'legality_constitutionality_and_jurisprudence'
>>> r["legality_constitutionality_and_jurisprudence"].share
1.0
>>> [e.text for e in r.evidence if e.label == "political"]
['Lawmakers']

References
----------
Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA 2014 Annual Meeting.
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis of
press and television news. Journal of Communication, 50(2), 93-109.
"""

from __future__ import annotations

from framing.frames.codebook import (
    Codebook,
    CodebookError,
    CodebookWarning,
    Frame,
    canonical_name,
    load_codebook,
    shipped_codebooks,
)
from framing.frames.result import FrameScore, FramesResult, SentenceFrames
from framing.frames.scoring import (
    DEFAULT_MIN_SENTENCES,
    DEFAULT_THRESHOLD,
    codebook_version,
    score,
    score_corpus,
)

__all__ = [
    "CODE_VERSION",
    "DEFAULT_MIN_SENTENCES",
    "DEFAULT_THRESHOLD",
    "Codebook",
    "CodebookError",
    "CodebookWarning",
    "Frame",
    "FrameScore",
    "FramesModel",
    "FramesResult",
    "ModelError",
    "SentenceFrames",
    "TrainingReport",
    "canonical_name",
    "codebook_version",
    "load_codebook",
    "load_model",
    "predict",
    "score",
    "score_corpus",
    "shipped_codebooks",
    "train",
]

#: Version of the scoring code; ``VERSION`` adds a hash of the shipped codebooks.
CODE_VERSION = "1.4"  # 1.1: cue words inside person names do not count; 1.2: a frame's
# exclusion phrase hides only that frame's cues (it hid every frame's), trained models check the
# language; 1.3: a hyphenated word no cue matches whole is matched as a phrase of its parts or
# by its last part ("asylum-seekers", "cross-border"); 1.4: not by its last part after a one-letter
# first part ("D-Ill." is no "ill"), and an exclusion the last part opens applies ("ex-vice
# president")


#: The classifier's names, imported on first use: the model module needs SciPy, which scoring
#: with a codebook does not (0.3 s and 10 MB less in every process that only scores).
_MODEL_NAMES = frozenset({"FramesModel", "ModelError", "TrainingReport", "load_model", "predict",
                          "train"})


def __getattr__(name: str):
    if name in _MODEL_NAMES:
        from framing.frames import model

        return getattr(model, name)
    # VERSION is computed on first use, so importing the module reads no file.
    if name == "VERSION":
        from framing.results import data_version, read_data_text

        texts = [read_data_text("frames", f) for f in ("manifest.yaml", "policy.yaml",
                                                         "generic.yaml")]
        return f"{CODE_VERSION}+{data_version(*texts)}"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
