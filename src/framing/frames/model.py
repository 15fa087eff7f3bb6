"""Frames by a supervised classifier: train on a hand-coded sample, predict the rest.

:func:`train` fits one logistic regression per frame (one-vs-rest) on TF-IDF word and word-pair
features, each scaled by its log-count ratio for the frame (NB-SVM style), plus the weighted mean
of the text's word vectors (learnt from unlabeled news, shipped), optionally with the
codebook's per-frame salience as extra features: the share and count of its cues, and the
similarity of the text to the cues in the word vectors (soft codebook features). Multi-label
schemes (any number of frames per text) get a per-frame probability threshold; single-label
schemes (exactly one frame per text) take the most probable frame. Which
feature set is used is decided by cross-validation, not assumed. Per-frame probability
thresholds are chosen on out-of-fold predictions. The reported figures come from nested
cross-validation: everything chosen from data (features, thresholds) is chosen again inside each
training fold, so the held-out folds are never seen by any choice that is scored on them.

The model is saved as one ``.npz`` file (NumPy arrays plus JSON metadata, read with
``allow_pickle=False``: loading a model never runs code from the file), with a readable copy of
the metadata beside it (``<name>.json``). Prediction needs only NumPy and SciPy.

Example
-------
>>> import pandas as pd
>>> coded = pd.DataFrame({
...     "text": ["Taxes and the budget deficit rose.", "The court ruled the law unconstitutional.",
...              "Prices and wages fell; costs rose.", "Judges heard the appeal in court.",
...              "The budget cut taxes and spending.", "Lawyers filed an appeal in court.",
...              "Wages, prices and taxes rose.", "The court struck down the statute."],
...     "frames": ["economic", "legality"] * 4})
>>> model = train(coded, text_col="text", label_col="frames", folds=2, evaluate=False)
>>> model.labels, model.mode
(('economic', 'legality'), 'single')
>>> predict("The deficit and taxes will rise.", model).primary
'economic'
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import math
import os
import platform
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from framing.errors import (
    InputError,
    MalformedRecordError,
    MissingColumnError,
    MissingValueError,
    UnsupportedFormatError,
)
from framing.frames import CODE_VERSION
from framing.frames.codebook import Codebook, canonical_name, load_codebook, parse_codebook
from framing.frames.dictionary import _score as _score_codebook
from framing.frames.dictionary import presence_rule
from framing.frames.result import FrameScore, FramesResult
from framing.results import Evidence
from framing.text import (
    SEGMENTATION_VERSION,
    PhraseMatcher,
    Segmentation,
    not_one_text,
    segment,
)

__all__ = ["FramesModel", "ModelError", "TrainingReport", "WordVectors", "load_model",
           "load_word_vectors", "predict", "train"]

logger = logging.getLogger(__name__)

#: Identifies the file format; ``FORMAT_VERSION`` changes when old files can no longer be read.
FORMAT = "framing.frames.model"
FORMAT_VERSION = 1
#: Version of the features (tokens, word pairs, stop words, codebook cue matching; 2: cue words
#: inside person names no longer count). A model trained with another feature version still
#: loads, with a warning: its vocabulary or codebook features may not match.
FEATURE_VERSION = "2"

#: Regularization of the logistic regressions (inverse strength; scikit-learn's ``C``). Chosen
#: on the SemEval-2023 development articles (docs/validity_frames.md); results vary little
#: between 2 and 8.
C_DEFAULT = 4.0
#: Codebook salience features are standardized and scaled by these weights: all frames' features
#: at ``CODEBOOK_WEIGHT_ALL``, and, for a coded frame with the same name as a codebook frame,
#: that frame's own features at ``CODEBOOK_WEIGHT_OWN``. Chosen on the SemEval-2023 development
#: articles.
CODEBOOK_WEIGHT_ALL = 0.1
CODEBOOK_WEIGHT_OWN = 1.0
#: Positive examples of a frame weigh ``(negatives / positives) ** CLASS_WEIGHT_POWER`` in the
#: one-vs-rest regressions (0: unweighted; 1: fully balanced). Default 0: on the SemEval-2023
#: development articles a power of 0.5 (with ``NB_ALPHA`` 0.25) raised nested-CV macro-F1 from
#: 0.524 to 0.540 at micro-F1 0.702, but on ten fresh 70/30 splits it gave 0.697 / 0.518 against
#: 0.706 / 0.517 unweighted, so the gain did not carry over (docs/validity_frames.md).
CLASS_WEIGHT_POWER = 0.0
#: Word features are scaled, per frame, by their log-count ratio (the naive Bayes weight of
#: NB-SVM, Wang & Manning 2012) before the frame's regression; this smoothing count is added to
#: every feature's count of texts. By nested CV on the SemEval-2023 development articles the
#: scaling raised micro-F1 by about 0.005 at the same macro-F1 (docs/validity_frames.md).
NB_ALPHA = 1.0
#: Word vectors (``train(word_vectors=True)``, the default): a text's vector is the mean of its
#: words' vectors (the shipped PPMI-SVD vectors of unlabeled AllSides news,
#: ``WORD_VECTORS_FILE``), each word weighing its sublinear term frequency times its SIF weight
#: ``a / (a + p(word))`` (Arora et al. 2017; ``p`` its share of the vectors' corpus, ``a`` =
#: ``SIF_A``). Its dimensions are standardized on the training texts and scaled by
#: ``VECTOR_WEIGHT``, chosen among 0.03 / 0.1 / 0.3 on the SemEval-2023 development articles
#: (nested CV, seeds 0-2; 0.3 lost 0.03 micro-F1, 0.03 gained nothing); with it, macro-F1
#: rose from 0.524 to 0.547 by nested CV and from 0.517 to 0.533 on ten fresh 70/30 splits
#: (docs/validity_frames.md).
WORD_VECTORS_FILE = "word_vectors.npz"
SIF_A = 1e-3
VECTOR_WEIGHT = 0.1
#: Soft codebook features (``train(soft_codebook=...)``, on by default with the word vectors):
#: each codebook frame's cues embedded in the word vectors (a cue: the mean of its words'
#: vectors; an ``a|b`` slot or a ``prefix*`` wildcard: the mean of the vocabulary words it
#: matches) and averaged into a frame centroid; per text, the cosine of the text's vector to
#: each centroid (``SOFT_CODEBOOK = "centroid"``, the one kind). Standardized like the codebook
#: features; a coded frame's own soft feature weighs ``SOFT_CODEBOOK_WEIGHT_OWN``, the other
#: frames' ``CODEBOOK_WEIGHT_ALL``. Chosen among four variants (the largest sentence cosine as
#: well, the mean over sentences of the largest cosine to a single cue, own weight 0.5) on the
#: SemEval-2023 development articles by nested CV, seeds 0-4: macro-F1 0.547 -> 0.552; seeds
#: 5-9 0.540 -> 0.546; ten fresh 70/30 splits 0.533 -> 0.535 (docs/validity_frames.md).
SOFT_CODEBOOK = "centroid"
SOFT_CODEBOOK_WEIGHT_OWN = 1.0
#: Candidate probability thresholds searched on out-of-fold predictions.
THRESHOLD_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))
#: Per-frame threshold = (1 - THRESHOLD_MIX) x the one threshold that maximizes micro-F1 over
#: all frames + THRESHOLD_MIX x the threshold that maximizes the frame's own F1. 0 favours
#: micro-F1 (frequent frames), 1 macro-F1 (rare frames). 0.5 was chosen on the SemEval-2023
#: development articles by nested CV under a rule fixed before the runs (best macro-F1 at
#: micro-F1 >= 0.705 on fold seeds 0-4 among 0.5, 0.4 (rare frames 0.5) and 0.25 (rare 0.75); kept
#: only if it also beat the previous default on seeds 5-9): seeds 0-4 0.709 / 0.552 ->
#: 0.707 / 0.557, seeds 5-9 0.705 / 0.546 -> 0.705 / 0.551 (docs/validity_frames.md).
THRESHOLD_MIX = 0.5
#: Optionally, rare frames -- coded in fewer than ``RARE_SHARE`` of the training texts -- take
#: ``RARE_THRESHOLD_MIX`` instead (None: the same as the others). The previous defaults were
#: 0.25 with rare frames at 0.5; with 0.5 for every frame the rare rule is not needed.
RARE_SHARE = 0.1
RARE_THRESHOLD_MIX = None
#: Evidence: at most this many sentences per present frame, each adding at least this share of
#: what the strongest sentence adds.
EVIDENCE_SENTENCES = 3
EVIDENCE_MIN_SHARE = 0.25

#: English stop words dropped from the word features (function words that carry no frame).
STOP_WORDS = frozenset("""
a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as
at be became because become becomes becoming been before beforehand behind being below beside
besides between beyond both but by can cannot could did do does doing done down during each eg
either else elsewhere enough etc even ever every everyone everything everywhere except few for
former formerly from further had has have having he hence her here hereafter hereby herein
hereupon hers herself him himself his how however i ie if in indeed into is it its itself just
last latter latterly least less many may me meanwhile might mine more moreover most mostly much
must my myself namely neither never nevertheless next no nobody none noone nor not nothing now
nowhere of off often on once one only onto or other others otherwise our ours ourselves out over
own per perhaps please rather re same seem seemed seeming seems several she should since so some
somehow someone something sometime sometimes somewhere still such than that the their theirs
them themselves then thence there thereafter thereby therefore therein thereupon these they this
those though through throughout thru thus to together too toward towards under until up upon us
very via was we well were what whatever when whence whenever where whereafter whereas whereby
wherein whereupon wherever whether which while whither who whoever whole whom whose why will
with within without would yet you your yours yourself yourselves 's 're 've 'll 'd 'm said says
say
""".split())  # noqa: SIM905 (a word list reads better as text)


class ModelError(InputError):
    """A model file that cannot be used, or training data a model cannot be trained on."""

    default_message = "invalid frame model"


# --- features --------------------------------------------------------------------------------

def sentence_features(seg: Segmentation) -> list[list[str]]:
    """Word features of each sentence: words of two or more characters (lower case, ``n't`` as
    ``not``) minus :data:`STOP_WORDS`, and pairs of consecutive such words.

    >>> sentence_features(segment("The court ruled. Taxes rose sharply!"))
    [['court', 'ruled', 'court ruled'], ['taxes', 'rose', 'sharply', 'taxes rose', 'rose sharply']]
    """
    out = []
    norm = seg.norm
    for a, b in seg.sentence_token_ranges:
        words = [w for w in norm[a:b] if len(w) > 1 and w[0].isalnum() and w not in STOP_WORDS]
        words.extend([f"{x} {y}" for x, y in pairwise(words)])
        out.append(words)
    return out


class _Tfidf:
    """TF-IDF with sublinear term frequency and L2 normalization (as scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True)`` with smoothed idf), over :func:`sentence_features`."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray):
        self.vocabulary = vocabulary
        self.idf = idf
        self._idf = idf.tolist()  # plain floats: faster in the per-term loop

    @classmethod
    def fit(cls, docs: Sequence[Counter], min_df: int) -> _Tfidf:
        df = Counter()
        for counts in docs:
            df.update(counts.keys())
        terms = sorted(t for t, n in df.items() if n >= min_df)
        if not terms:
            terms = sorted(df)
        n = len(docs)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms])
        return cls({t: i for i, t in enumerate(terms)}, idf)

    def transform(self, docs: Sequence[Counter]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        vocab, idf = self.vocabulary, self._idf
        for counts in docs:
            idx, val = [], []
            for term, c in counts.items():
                j = vocab.get(term)
                if j is not None:
                    idx.append(j)
                    val.append((1.0 + math.log(c)) * idf[j])
            norm = math.sqrt(sum(v * v for v in val)) or 1.0
            indices.extend(idx)
            data.extend(v / norm for v in val)
            indptr.append(len(indices))
        return sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64),
                                  np.array(indptr, dtype=np.int64)),
                                 shape=(len(docs), len(vocab)))


def _doc_counts(seg: Segmentation) -> Counter:
    counts: Counter = Counter()
    for words in sentence_features(seg):
        counts.update(words)
    return counts


def _codebook_matrix(segs: Sequence[Segmentation], cb: Codebook) -> np.ndarray:
    """Per text: the share and log(1 + cue count) of every non-residual codebook frame."""
    frames = [i for i, f in enumerate(cb.frames) if not f.residual]
    thresholds, min_sent = presence_rule(cb)
    rows = []
    for seg in segs:
        # a model decides for itself what the cues are worth in any text: no language gate;
        # whole words only: matching hyphenated words by their parts (frames 1.3) cost the
        # classifier 0.003 micro- and 0.007 macro-F1 on SemEval (docs/validity_frames.md)
        r = _score_codebook(seg, cb, thresholds, min_sent, check_language=False,
                            hyphenated=False)
        rows.append([r.scores[i].share for i in frames]
                    + [math.log1p(r.scores[i].n_cues) for i in frames])
    return np.array(rows, dtype=float).reshape(len(segs), 2 * len(frames))


def _unit(m: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norm > 0, norm, 1.0)


def _cue_vectors(cb: Codebook, wv: WordVectors) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors of the codebook's cues in the word vectors, and each cue's frame (position
    among the non-residual frames). A slot of a cue (one word, ``a|b`` alternatives or a
    ``prefix*`` wildcard) is the mean of the vectors of the vocabulary words it matches, a cue
    the mean of its slots; slots with no such word are skipped, cues with none left out."""
    from bisect import bisect_left

    vocab = sorted(wv.words)
    vecs, owner = [], []
    frames = [f for f in cb.frames if not f.residual]
    for k, frame in enumerate(frames):
        for cue in frame.cues:
            slots = []
            for literals, prefixes in PhraseMatcher.compile(cue):
                rows = {wv.words[w] for w in literals if w in wv.words}
                for p in prefixes:
                    i = bisect_left(vocab, p)
                    while i < len(vocab) and vocab[i].startswith(p):
                        rows.add(wv.words[vocab[i]])
                        i += 1
                if rows:
                    slots.append(wv.vectors[sorted(rows)].mean(axis=0))
            if slots:
                vecs.append(np.mean(slots, axis=0))
                owner.append(k)
    return _unit(np.array(vecs).reshape(len(vecs), wv.dim)), np.array(owner, dtype=int)


_CENTROIDS: dict = {}


def _frame_centroids(cb: Codebook, wv: WordVectors) -> np.ndarray:
    """Unit centroids of every non-residual frame's cue vectors (:func:`_cue_vectors`); zeros
    for a frame with none. Computed once per codebook and vectors."""
    key = (cb.digest, wv.digest)
    if key not in _CENTROIDS:
        cues, owner = _cue_vectors(cb, wv)
        n = sum(not f.residual for f in cb.frames)
        centroids = np.zeros((n, wv.dim))
        for k in set(owner.tolist()):
            centroids[k] = cues[owner == k].mean(axis=0)
        if len(_CENTROIDS) > 8:
            _CENTROIDS.clear()
        _CENTROIDS[key] = _unit(centroids)
    return _CENTROIDS[key]


def _soft_codebook_matrix(text_vectors: np.ndarray, cb: Codebook, wv: WordVectors) -> np.ndarray:
    """Per text (its row of :meth:`WordVectors.text_matrix`), the cosine of its vector to the
    centroid of every non-residual codebook frame's cue vectors (:func:`_frame_centroids`); 0
    for a text or a frame with no word in the vocabulary.

    >>> cb, wv = load_codebook("policy"), load_word_vectors()
    >>> texts = wv.text_matrix([_doc_counts(segment("Voters told pollsters..."))])
    >>> m = _soft_codebook_matrix(texts, cb, wv)
    >>> m.shape, cb.names[int(m.argmax())]
    ((1, 14), 'public_opinion')
    """
    return _unit(text_vectors) @ _frame_centroids(cb, wv).T


def _codebook_features(segs, text_vectors, cb: Codebook, wv: WordVectors | None,
                       soft: str | None) -> np.ndarray:
    """The codebook features of :func:`_codebook_matrix`, followed by the soft codebook
    features (:func:`_soft_codebook_matrix` of ``text_vectors``) when ``soft`` is not None."""
    m = _codebook_matrix(segs, cb)
    if soft is None:
        return m
    return np.hstack([m, _soft_codebook_matrix(text_vectors, cb, wv)])


class WordVectors:
    """Word vectors for the classifier's text-vector features; see :func:`load_word_vectors`.

    ``words`` maps a word to its row of ``vectors`` (unit length), ``shares`` holds each word's
    share of the tokens of the corpus the vectors were built from, ``digest`` the SHA-256 of
    the file the vectors were read from, ``meta`` how they were built.
    """

    def __init__(self, words: dict[str, int], vectors: np.ndarray, shares: np.ndarray,
                 digest: str, meta: dict):
        self.words = words
        self.vectors = vectors
        self.shares = shares
        self.digest = digest
        self.meta = meta
        self._sif: dict[float, np.ndarray] = {}

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    def text_matrix(self, docs: Sequence[Counter], sif_a: float = SIF_A) -> np.ndarray:
        """Per text (word-feature counts, :func:`_doc_counts`): the mean of its words' vectors,
        each weighing ``(1 + log count) * sif_a / (sif_a + share)``; zeros for a text with no
        word in the vocabulary.

        >>> wv = load_word_vectors()
        >>> m = wv.text_matrix([_doc_counts(segment("Taxes rose.")), Counter()])
        >>> m.shape, bool(np.abs(m[0]).sum() > 0), bool(np.abs(m[1]).sum() == 0)
        ((2, 100), True, True)
        """
        if sif_a not in self._sif:
            self._sif[sif_a] = sif_a / (sif_a + self.shares)
        sif, words = self._sif[sif_a], self.words
        out = np.zeros((len(docs), self.dim))
        for i, counts in enumerate(docs):
            found = [(j, c) for j, c in ((words.get(t), c) for t, c in counts.items())
                     if j is not None]
            if found:
                idx = np.array([j for j, _ in found])
                w = np.log([c for _, c in found]) + 1.0
                w *= sif[idx]
                out[i] = w @ self.vectors[idx] / w.sum()
        return out


_VECTORS: dict = {}


def load_word_vectors() -> WordVectors:
    """The shipped word vectors (``framing/data/frames/word_vectors.npz``), read once.

    >>> wv = load_word_vectors()
    >>> wv.dim, "court" in wv.words
    (100, True)
    """
    if "shipped" not in _VECTORS:
        raw = resources.files("framing").joinpath("data", "frames", WORD_VECTORS_FILE).read_bytes()
        _VECTORS["shipped"] = _read_word_vectors(raw)
    return _VECTORS["shipped"]


def _read_word_vectors(raw: bytes) -> WordVectors:
    """Word vectors from the bytes of a file written by validation/build_word_vectors.py."""
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        meta = json.loads(str(npz["meta"]))
        words = {str(w): i for i, w in enumerate(npz["words"].tolist())}
        vectors = npz["codes"].astype(float) * npz["scale"].astype(float)[:, None]
        counts = npz["counts"].astype(float)
    return WordVectors(words, vectors, counts / meta["tokens"], hashlib.sha256(raw).hexdigest(),
                       meta)


# --- the model -------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingReport:
    """Cross-validated performance of a trained model.

    ``per_frame`` has one row per frame: ``frame, support, precision, recall, f1, threshold``.
    ``micro_f1``/``macro_f1`` are over frames (multi-label); ``accuracy`` is the share of texts
    whose predicted primary frame is a coded frame (exact match for single-label data).
    ``configs`` lists each candidate feature set with its cross-validated score on all the data,
    ``chosen`` the one the saved model uses. ``nested`` tells whether the figures come from
    nested cross-validation (every data-driven choice repeated inside each training fold).
    """

    folds: int
    nested: bool
    micro_f1: float | None
    macro_f1: float | None
    accuracy: float | None
    per_frame: pd.DataFrame = field(repr=False)
    configs: tuple = ()
    chosen: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"folds": self.folds, "nested": self.nested, "micro_f1": self.micro_f1,
                "macro_f1": self.macro_f1, "accuracy": self.accuracy,
                "per_frame": self.per_frame.to_dict(orient="records"),
                "configs": [dict(c) for c in self.configs], "chosen": self.chosen,
                "seconds": self.seconds}

    def summary(self) -> str:
        """A few lines for people: the headline figures and the per-frame table."""
        how = "nested " if self.nested else ""
        head = [f"{self.folds}-fold {how}cross-validation; feature set chosen: {self.chosen} "
                "(the model's word vectors and soft codebook features, when on, are added to it)"]
        for name in ("micro_f1", "macro_f1", "accuracy"):
            value = getattr(self, name)
            if value is not None:
                note = " (the most probable frame is one coded, over texts coded with a frame)" \
                    if name == "accuracy" else ""
                head.append(f"{name}: {value:.3f}{note}")
        return "\n".join(head) + "\n" + self.per_frame.round(3).to_string(index=False)


class FramesModel:
    """A trained frame classifier; see :func:`train`, :func:`load_model` and :func:`predict`.

    Attributes
    ----------
    labels : the frames, in order.
    mode : ``"multi"`` (any number of frames per text) or ``"single"`` (exactly one).
    thresholds : per-frame probability thresholds (multi-label).
    codebook : the codebook whose salience features the model uses, or None.
    metadata : everything recorded at training time (data hash, library versions, CV report).
    report : the :class:`TrainingReport`, when the model was trained in this session.
    """

    def __init__(self, *, labels, mode, tfidf: _Tfidf, coef: np.ndarray, intercept: np.ndarray,
                 thresholds: np.ndarray, codebook: Codebook | None, cb_mean, cb_sd,
                 cb_weights: np.ndarray | None, metadata: dict, report: TrainingReport | None = None,
                 name: str = "model", word_vectors: WordVectors | None = None, vec_mean=None,
                 vec_sd=None):
        self.labels = tuple(labels)
        self.mode = mode
        self.tfidf = tfidf
        self.coef = coef
        self.intercept = intercept
        self.thresholds = thresholds
        self.codebook = codebook
        self.cb_mean = cb_mean
        self.cb_sd = cb_sd
        self.cb_weights = cb_weights  # (n_labels, n_codebook_features) or None
        self.metadata = metadata
        self.report = report
        self.name = name
        self.word_vectors = word_vectors
        self.vec_mean = vec_mean
        self.vec_sd = vec_sd
        wv_meta = metadata.get("word_vectors") or {}
        self.vector_weight = wv_meta.get("weight", VECTOR_WEIGHT)
        self.sif_a = wv_meta.get("sif_a", SIF_A)
        self.soft_codebook = metadata.get("hyperparameters", {}).get("soft_codebook")

    def __repr__(self) -> str:
        features = "text" + ("+codebook" if self.codebook is not None else "") + (
            "+soft_codebook" if self.soft_codebook else "") + (
            "+word_vectors" if self.word_vectors is not None else "")
        return (f"FramesModel({self.name!r}, {len(self.labels)} frames, mode={self.mode!r}, "
                f"features={features})")

    # prediction ------------------------------------------------------------------------------
    def _logits(self, segs: Sequence[Segmentation], counts=None) -> np.ndarray:
        if counts is None:
            counts = [_doc_counts(s) for s in segs]
        X = self.tfidf.transform(counts)
        end = X.shape[1]
        z = np.asarray(X @ self.coef[:, :end].T) + self.intercept
        T = (None if self.word_vectors is None
             else self.word_vectors.text_matrix(counts, self.sif_a))
        if self.codebook is not None:
            Z = _codebook_features(segs, T, self.codebook, self.word_vectors, self.soft_codebook)
            Z = (Z - self.cb_mean) / self.cb_sd
            start, end = end, end + Z.shape[1]
            z = z + Z @ (self.cb_weights * self.coef[:, start:end]).T
        if T is not None:
            V = (T - self.vec_mean) / self.vec_sd
            z = z + self.vector_weight * V @ self.coef[:, end:].T
        return z

    def probabilities(self, segs: Sequence[Segmentation]) -> np.ndarray:
        """Probability of every frame (columns in :attr:`labels` order) for each text."""
        return _probabilities(self._logits(segs), self.mode)

    @property
    def language(self) -> str:
        """``"en"`` when the model reads English: its features include an English codebook's
        cues (``language: en``, as the shipped ones) or the shipped English word vectors; then a
        text that does not look English is left unscored, as by the codebook. ``""`` for a
        model of word features only, which reads whatever language it was trained on."""
        if self.word_vectors is not None:
            return "en"
        return "en" if self.codebook is not None and self.codebook.language == "en" else ""

    def predict(self, text: str | Segmentation, *, threshold=None) -> FramesResult:
        """Frames of one text; see :func:`predict`."""
        if not isinstance(text, (str, Segmentation)):
            raise not_one_text("predict", text, "frames")
        seg = text if isinstance(text, Segmentation) else segment(text)
        if self.language == "en" and not seg.english:  # English features say nothing here
            return FramesResult(english=False, primary=None, n_tied=None, n_present=None,
                                n_sentences=len(seg.sentences), n_words=seg.n_words,
                                method="model", scheme=self.name,
                                scores=tuple(FrameScore(name, None, probability=math.nan)
                                             for name in self.labels))
        counts = _doc_counts(seg)
        probs = _probabilities(self._logits([seg], [counts]), self.mode)[0]
        n_words = seg.n_words
        known = n_words > 0 and self._knows_any(counts)
        if self.mode == "single":
            best = int(np.argmax(probs))
            cut = 0.0 if threshold is None else _check_prob(threshold, "threshold")
            present = [i == best and probs[i] >= cut and known for i in range(len(probs))]
        else:
            th = self._thresholds(threshold)
            present = [bool(p >= t) and known for p, t in zip(probs, th)]
        scores = tuple(FrameScore(name, bool(pr), probability=float(p))
                       for name, pr, p in zip(self.labels, present, probs))
        on = [i for i, pr in enumerate(present) if pr]
        primary = self.labels[max(on, key=lambda i: probs[i])] if on else "none"
        return FramesResult(primary=primary, n_present=len(on), n_sentences=len(seg.sentences),
                            n_words=n_words, method="model", scheme=self.name, scores=scores,
                            evidence=self._evidence(seg, on))

    def _knows_any(self, counts: Counter) -> bool:
        """Whether the text has a word or word pair the model has a feature for (in its TF-IDF
        vocabulary or its word vectors). Without one, its probabilities are the model's priors,
        no evidence of any frame, so :meth:`predict` marks no frame present (e.g. for a text in
        another language)."""
        vocab = self.tfidf.vocabulary
        words = self.word_vectors.words if self.word_vectors is not None else {}
        return any(t in vocab or t in words for t in counts)

    def _thresholds(self, threshold) -> list[float]:
        if threshold is None:
            return [float(t) for t in self.thresholds]
        if isinstance(threshold, dict):
            out = [float(t) for t in self.thresholds]
            for label, value in threshold.items():
                key = canonical_name(label)
                if key not in self.labels:
                    raise KeyError(f"no frame {label!r} in model {self.name!r}; frames: "
                                   + ", ".join(self.labels))
                out[self.labels.index(key)] = _check_prob(value, f"threshold for {label!r}")
            return out
        return [_check_prob(threshold, "threshold")] * len(self.labels)

    def _evidence(self, seg: Segmentation, present: list[int]) -> tuple[Evidence, ...]:
        """The sentences that add most to each present frame's score: each word feature's
        contribution (its TF-IDF value times the frame's weight) is shared among the sentences it
        occurs in; the top :data:`EVIDENCE_SENTENCES` sentences that add at least
        :data:`EVIDENCE_MIN_SHARE` of the strongest one's contribution are kept."""
        if not present:
            return ()
        per_sentence = sentence_features(seg)
        counts = Counter()
        for words in per_sentence:
            counts.update(words)
        x = self.tfidf.transform([counts])
        value = dict(zip(x.indices, x.data))
        vocab = self.tfidf.vocabulary
        out = []
        for i in present:
            w = self.coef[i]
            contrib = []
            for s, words in enumerate(per_sentence):
                total = 0.0
                for term in words:
                    j = vocab.get(term)
                    if j is not None:
                        total += value[j] * w[j] / counts[term]
                if total > 0:
                    contrib.append((total, s))
            top = max(contrib)[0] if contrib else 0.0
            for total, s in sorted(contrib, reverse=True)[:EVIDENCE_SENTENCES]:
                if total < EVIDENCE_MIN_SHARE * top:
                    break
                start, end = seg.sentences[s]
                out.append(Evidence(self.labels[i], seg.text[start:end], start, end, s,
                                    "model", "", round(float(total), 6)))
        return tuple(sorted(out, key=lambda e: (e.start, self.labels.index(e.label))))

    # persistence -----------------------------------------------------------------------------
    def save(self, path) -> Path:
        """Write the model to ``path`` (``.npz``) and its metadata to ``path`` with ``.json``.

        Returns the path of the model file. A ``.json`` path is taken as its ``.npz`` sibling
        (``.NPZ`` is kept as written); any other suffix gets ``.npz`` appended. Both files are
        written to a temporary file first and then renamed, so an existing model is never left
        half-written.
        """
        path, _ = model_files(path)
        meta = dict(self.metadata)
        arrays = {
            "meta": np.array(json.dumps(meta, sort_keys=True)),
            "vocabulary": np.array(sorted(self.tfidf.vocabulary, key=self.tfidf.vocabulary.get),
                                   dtype=str),
            "idf": self.tfidf.idf, "coef": self.coef, "intercept": self.intercept,
            "thresholds": np.asarray(self.thresholds, dtype=float),
        }
        if self.codebook is not None:
            arrays.update(cb_mean=self.cb_mean, cb_sd=self.cb_sd, cb_weights=self.cb_weights)
        if self.word_vectors is not None:
            arrays.update(vec_mean=self.vec_mean, vec_sd=self.vec_sd)
        path.parent.mkdir(parents=True, exist_ok=True)
        readable = {k: v for k, v in meta.items() if k != "codebook"}
        if "codebook" in meta:
            readable["codebook"] = {k: v for k, v in meta["codebook"].items() if k != "text"}
        _write_atomic(path, lambda fh: np.savez_compressed(fh, **arrays))
        _write_atomic(path.with_suffix(".json"), lambda fh: fh.write(
            json.dumps(readable, indent=2, sort_keys=True).encode("utf-8")))
        return path


def model_files(path) -> tuple[Path, Path]:
    """The model file and the metadata file :meth:`FramesModel.save` writes for ``path``: a
    ``.json`` path is taken as its ``.npz`` sibling, any other suffix but ``.npz`` gets ``.npz``
    appended, and the metadata is the ``.npz`` file with ``.json``."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        path = path.with_suffix(".npz")
    elif path.suffix.lower() != ".npz":
        path = path.with_name(path.name + ".npz")
    return path, path.with_suffix(".json")


def _write_atomic(path: Path, write) -> None:
    """Call ``write(binary file)`` on a temporary file beside ``path``, then rename it over
    ``path``: a crash or full disk leaves the previous file as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as a plainly created file, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_prob(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"{what} must be a number between 0 and 1, not {value!r}")
    return float(value)


def _probabilities(z: np.ndarray, mode: str) -> np.ndarray:
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
    if mode == "single":  # one frame per text: the one-vs-rest probabilities, normalized
        p = p / np.maximum(p.sum(axis=1, keepdims=True), 1e-300)
    return p


# --- loading ---------------------------------------------------------------------------------

_LOADED: dict = {}


def load_model(model) -> FramesModel:
    """Load a model saved by :meth:`FramesModel.save` (a ``.npz`` path); a :class:`FramesModel`
    is returned as is. Loaded files are cached (a changed file is re-read).

    The file is read with ``allow_pickle=False``, so loading it cannot run code. Its metadata
    is checked: an unknown format or a newer format version is an error; a model trained with
    another version of the text features is loaded with a warning.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> coded = pd.DataFrame({
    ...     "text": ["Taxes and the budget deficit rose.", "Wages fell as prices rose.",
    ...              "The budget cut wages and jobs.", "The court ruled on the appeal.",
    ...              "Judges heard the appeal in court.", "The court upheld the law."],
    ...     "frames": ["economic"] * 3 + ["legality"] * 3})
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.npz"
    >>> _ = train(coded, folds=2, evaluate=False, out=path)
    >>> model = load_model(path)
    >>> model.name, model.labels, model.mode
    ('mine', ('economic', 'legality'), 'single')
    >>> load_model(path.with_name("theirs.npz"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.frames.model.ModelError: .../theirs.npz: no such model file. train one: ...
    """
    if isinstance(model, FramesModel):
        return model
    if not isinstance(model, (str, Path)):
        raise TypeError(f"model must be a path or a FramesModel, not {type(model).__name__}")
    path = Path(model)
    if not path.is_file():
        raise ModelError(str(path), "no such model file",
                         hint="train one: framing train CODED.csv --out MODEL.npz (or "
                              "framing.frames.train(...).save(path))")
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _LOADED:
        if len(_LOADED) > 8:
            _LOADED.clear()
        _LOADED[key] = _read_model(path)
    return _LOADED[key]


def _read_model(path: Path) -> FramesModel:
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError, EOFError):
        # (NumPy's own message would suggest loading the file with pickle: not for a model)
        raise ModelError(str(path), "not a framing model file (not a NumPy .npz archive)",
                         hint="model files are written by framing train or FramesModel.save")\
            from None
    if "meta" not in arrays:
        raise ModelError(str(path), "not a framing model file (no metadata)")
    try:
        meta = json.loads(str(arrays["meta"]))
    except json.JSONDecodeError as err:
        raise ModelError(str(path), f"the model's metadata is damaged ({err})") from None
    if meta.get("format") != FORMAT:
        raise ModelError(str(path), f"not a framing frame model (format {meta.get('format')!r})")
    version = meta.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ModelError(str(path), f"model format version {version} is newer than this "
                         f"framing supports ({FORMAT_VERSION})", hint="upgrade framing")
    if meta.get("feature_version") != FEATURE_VERSION:
        warnings.warn(f"{path}: the model was trained with text features version "
                      f"{meta.get('feature_version')!r}, this framing computes version "
                      f"{FEATURE_VERSION!r}; predictions may differ from the reported figures "
                      "(retrain to be sure)", stacklevel=3)
    # the sentences and words its features are made of, and the cue matching of its codebook
    # features (recorded since these were; older models cannot say)
    for key, now, what in (("segmentation_version", SEGMENTATION_VERSION, "text segmentation"),
                           ("frames_code_version", CODE_VERSION if meta.get("codebook") else None,
                            "codebook cue matching")):
        then = meta.get(key)
        if then is not None and now is not None and then != now:
            warnings.warn(f"{path}: the model was trained with {what} version {then!r}, this "
                          f"framing's is {now!r}; predictions may differ from the reported "
                          "figures (retrain to be sure)", stacklevel=3)
    labels = meta["labels"]
    vocab = {str(t): i for i, t in enumerate(arrays["vocabulary"].tolist())}
    coef, intercept = arrays["coef"], arrays["intercept"]
    codebook, cb = meta.get("codebook"), None
    if codebook:
        cb = parse_codebook(codebook["text"], f"{path}:codebook", fmt=codebook.get("fmt", "yaml"))
        if cb.digest != codebook.get("digest"):
            raise ModelError(str(path), "the codebook stored in the model does not match its "
                             "recorded hash (the file was altered)")
    n_cb = 0 if cb is None else arrays["cb_mean"].shape[0]
    soft = meta.get("hyperparameters", {}).get("soft_codebook")
    if soft is not None:
        n = sum(not f.residual for f in cb.frames) if cb is not None else 0
        if soft != SOFT_CODEBOOK or cb is None or not meta.get("word_vectors") or n_cb != 3 * n:
            raise ModelError(str(path), f"the model's soft codebook features ({soft!r}) do not "
                             "fit its codebook and word vectors (the file is damaged)")
    wv, n_vec = None, 0
    if meta.get("word_vectors"):
        wv = load_word_vectors()
        if wv.digest != meta["word_vectors"].get("sha256"):
            raise ModelError(str(path), "the model was trained with other word vectors than "
                             "this framing ships (their SHA-256 differs)",
                             hint="retrain the model with this version of framing")
        n_vec = wv.dim
        if arrays.get("vec_mean") is None or arrays["vec_mean"].shape != (n_vec,):
            raise ModelError(str(path), "the model's arrays do not fit together (the file is "
                             "damaged)")
    if (coef.shape != (len(labels), len(vocab) + n_cb + n_vec)
            or intercept.shape != (len(labels),)
            or arrays["idf"].shape != (len(vocab),)):
        raise ModelError(str(path), "the model's arrays do not fit together (the file is damaged)")
    return FramesModel(labels=labels, mode=meta["mode"], tfidf=_Tfidf(vocab, arrays["idf"]),
                       coef=coef, intercept=intercept, thresholds=arrays["thresholds"],
                       codebook=cb, cb_mean=arrays.get("cb_mean"), cb_sd=arrays.get("cb_sd"),
                       cb_weights=arrays.get("cb_weights"), metadata=meta,
                       name=meta.get("name") or path.stem, word_vectors=wv,
                       vec_mean=arrays.get("vec_mean"), vec_sd=arrays.get("vec_sd"))


def predict(text: str | Segmentation, model, *, threshold=None) -> FramesResult:
    """Frames of one text by a trained model.

    Parameters
    ----------
    text : the text (any string) or its segmentation.
    model : a ``.npz`` model file or a loaded :class:`FramesModel`.
    threshold : probability a frame needs to be present: a number for every frame or
        ``{frame: number}``; default the per-frame thresholds chosen at training. A single-label
        model marks the most probable frame present (if its probability reaches ``threshold``,
        default 0).

    Returns
    -------
    :class:`FramesResult` with ``method="model"``: per frame the ``probability`` (more is more
    likely) and presence (none for a text without a single word the model has a feature for,
    such as a text in another language: its probabilities are only the model's priors);
    ``primary`` the most probable present frame; ``evidence`` up to three
    sentences per present frame, those adding most to its score (``weight`` = their
    contribution to the frame's log-odds). Over a DataFrame use
    ``score_corpus(data, model=...)``.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({
    ...     "text": ["Taxes and the budget deficit rose.", "Wages fell as prices rose.",
    ...              "The budget cut wages and jobs.", "The court ruled on the appeal.",
    ...              "Judges heard the appeal in court.", "The court upheld the law."],
    ...     "frames": ["economic"] * 3 + ["legality"] * 3})
    >>> model = train(coded, folds=2, evaluate=False)
    >>> result = predict("Prices and wages climbed.", model)
    >>> result.primary, [score.name for score in result.scores]
    ('economic', ['economic', 'legality'])
    """
    return load_model(model).predict(text, threshold=threshold)


# --- training data ---------------------------------------------------------------------------

def _read_training_file(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """A coded file as raw values and the row number of each record in the file, read as
    ``framing validate`` reads a GOLD file (so the same formats, the same rows left out -- one
    empty in every column -- and errors that name the record, the field and the fix)."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    name = path.name.lower()
    if not name.endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz", ".tab", ".jsonl", ".jsonl.gz",
                          ".ndjson", ".json", ".parquet", ".xlsx", ".xlsm")):
        raise UnsupportedFormatError(str(path),
                                     hint="use .csv, .tsv, .jsonl, .json, .parquet or .xlsx")
    from framing.validate import _read_table

    data, numbers, _ = _read_table(path)
    return data, list(numbers)


def _row_number(position: int, kind: str) -> int:
    # CSV/TSV: the header is row 1; JSONL: line numbers; DataFrames: 1-based positions.
    return position + 2 if kind == "csv" else position + 1


#: A label cell meaning "no frame" (reserved: no codebook frame may be called so).
NO_FRAME = "none"


def _list_in_text(value: str) -> list | None:
    """The list written in a text cell (``[]``, ``["a", "b"]``, or Python's ``['a', 'b']`` as
    pandas writes lists to CSV), or None when the cell is not such a list."""
    s = value.strip()
    if not (s.startswith("[") and s.endswith("]")):
        return None
    try:
        items = json.loads(s)
    except ValueError:
        import ast

        try:
            items = ast.literal_eval(s)
        except (ValueError, SyntaxError):
            return None
    return items if isinstance(items, list) else None


#: Labels (after canonical_name) that are spreadsheet or pandas markers of a missing value, not
#: frame names: "NaN", "N/A", "NULL", "#N/A", "-".
_MISSING_LABELS = frozenset({"nan", "n_a", "na", "null", "nil", "missing"})


def _parse_labels(value, *, source, row, label_col, sep, commas=None) -> list[str] | None:
    """The frames of one row (``[]`` for none), or None when the label is missing. A label that
    holds a comma (not the separator) is noted in ``commas`` as ``(row, label)``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        parts = _list_in_text(value)
        if parts is None:
            parts = value.split(sep) if sep else [value]
    elif isinstance(value, (list, tuple, np.ndarray, set, frozenset)):
        parts = list(value)
    else:
        raise MalformedRecordError(source, f"labels must be text ('a{sep}b') or a list, not "
                                   f"{type(value).__name__} {value!r}", row=row, field=label_col)
    out = []
    for p in parts:
        if not isinstance(p, str):
            raise MalformedRecordError(source, f"a label must be text, not {p!r}", row=row,
                                       field=label_col)
        if "," in p and sep != "," and commas is not None:
            commas.append((row, p))
        name = canonical_name(p)
        if p.strip() and not name:
            raise MalformedRecordError(source, f"label {p!r} has no letters or digits", row=row,
                                       field=label_col)
        if name in _MISSING_LABELS:
            raise MissingValueError(source, f"the label {p.strip()!r} marks a missing value, not "
                                    "a frame", row=row, field=label_col,
                                    hint=f"write the frames coded, '{NO_FRAME}' for no frame, or "
                                         "drop the row")
        if name and name not in out:
            out.append(name)
    if NO_FRAME in out:
        if len(out) > 1:
            raise MalformedRecordError(source, f"{value!r} has '{NO_FRAME}' together with frames",
                                       row=row, field=label_col,
                                       hint=f"write either '{NO_FRAME}' or the frames")
        return []
    return out


def _prepare(coded, text_col, label_col, labels, sep, source, codebook=None):
    """Read the coded texts. ``codebook`` (a :class:`Codebook` or None): its residual frame
    ("other": present when no other frame is) coded alone means no frame, and a label that
    misspells one of its frames ("humanitarain") is an error."""
    kind = "frame"
    if isinstance(coded, (str, Path)):
        path = Path(coded)
        source = source or str(path)
        data, rows = _read_training_file(path)
        low = path.name.lower()
        kind = "csv" if low.endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz", ".tab", ".xlsx",
                                      ".xlsm")) else "lines"
    elif isinstance(coded, pd.DataFrame):
        data = coded
        source = source or coded.attrs.get("source") or "training data"
        rows = [_row_number(pos, kind) for pos in range(len(data))]
    else:
        raise TypeError(f"coded must be a DataFrame or a file path, not {type(coded).__name__}")
    for col in (text_col, label_col):
        if col not in data.columns:
            raise MissingColumnError(source, field=col, hint="columns present: "
                                     + ", ".join(map(str, data.columns)))
    if len(data) == 0:
        raise InputError(source, "the training data has no rows")
    texts, label_sets, commas = [], [], []
    for row, text, value in zip(rows, data[text_col], data[label_col]):
        if not isinstance(text, str) or not text.strip():
            raise MissingValueError(source, "the text is missing or empty", row=row,
                                    field=text_col, hint="fill it in or drop the row")
        # a CSV cell or spreadsheet cell holding only spaces looks empty, and is read so (as
        # framing validate and agreement read it), not as no frame
        blank = kind == "csv" and isinstance(value, str) and not value.strip()
        found = None if blank else _parse_labels(value, source=source, row=row,
                                                 label_col=label_col, sep=sep, commas=commas)
        if found is None:
            # a CSV cell cannot hold an empty string apart from no value: there it is missing
            none = f"'{NO_FRAME}' or []" if kind == "csv" else \
                f"'{NO_FRAME}', [] or an empty string"
            raise MissingValueError(source, "the frame label is missing"
                                    + ((" (the cell holds only spaces)" if blank and value
                                        else " (the cell is empty)") if kind == "csv" else ""),
                                    row=row, field=label_col, hint="write the frames coded for "
                                    f"this text ('a{sep}b'), {none} for no frame, or drop the row")
        texts.append(text)
        label_sets.append(found)
    read_as_none: list[str] = []
    if codebook is not None:
        residual = {f.name for f in codebook.frames if f.residual}
        if residual and (labels is None or not residual & {canonical_name(x) for x in labels}):
            # the residual frame coded alone means the text has none of the others: no frame
            read_as_none = sorted(residual)
            alone = [i for i, found in enumerate(label_sets)
                     if len(found) == 1 and found[0] in residual]
            label_sets = [[] if len(found) == 1 and found[0] in residual else found
                          for found in label_sets]
            coded = {n for found in label_sets for n in found} - residual
            if alone and coded - set(codebook.names):
                # the coding is not (only) the codebook's scheme, whose cues serve as features:
                # say that its residual frame decided what the coder's own 'other' means
                what = "/".join(repr(x) for x in read_as_none)
                warnings.warn(f"{source}, row {rows[alone[0]]}, field {label_col!r}: {what} "
                              f"coded alone is read as no frame ({len(alone)} row"
                              f"{'s' if len(alone) != 1 else ''}), as the residual frame of the "
                              f"codebook {codebook.name!r}; to train it as a frame of its own, "
                              "list the scheme's frames with it (CLI: --labels a,b,other), or "
                              "train without that codebook (--codebook none)", stacklevel=3)
        _check_misspelt(label_sets, codebook, labels, source, label_col, rows)
    if commas:
        row, label = commas[0]
        warnings.warn(f"{source}, row {row}, field {label_col!r}: the label {label!r} holds a "
                      f"comma, so it is read as one frame ({len(commas)} such label"
                      f"{'s' if len(commas) != 1 else ''}); if labels list frames, separate "
                      f"them with {sep!r} or pass sep=','", stacklevel=3)
    if labels is None:
        _warn_joined(label_sets, rows, {r for r, _ in commas}, source, label_col, sep)
    if labels is not None:
        wanted = [canonical_name(x) for x in labels]
        if len(set(wanted)) != len(wanted) or not all(wanted):
            raise ValueError("labels must be distinct frame names")
        for pos, found in enumerate(label_sets):
            for name in found:
                if name not in wanted:
                    raise MalformedRecordError(source, f"unknown frame {name!r}",
                                               row=rows[pos], field=label_col,
                                               hint="frames: " + ", ".join(wanted))
        names = wanted
    else:
        names = sorted({n for found in label_sets for n in found})
    Y = np.array([[n in found for n in names] for found in label_sets], dtype=int)
    Y = Y.reshape(len(label_sets), len(names))
    if len(names) == 0:
        raise InputError(source, "no frame is coded in any row", field=label_col,
                         hint="a classifier needs coded examples")
    counts = Y.sum(axis=0)
    for name, c in zip(names, counts):
        if c == 0:
            raise InputError(source, f"frame {name!r} has no examples", field=label_col,
                             hint="code some texts with it, or leave it out of labels=")
        if c == len(texts):
            raise InputError(source, f"frame {name!r} is coded in every row", field=label_col,
                             hint="a classifier needs texts without the frame too")
    single = bool(np.all(Y.sum(axis=1) == 1))
    if single and len(names) < 2:
        raise InputError(source, f"only one frame ({names[0]!r}) is coded", field=label_col,
                         hint="a classifier needs at least two classes")
    return source, texts, label_sets, names, Y, rows, read_as_none


def _joined_frames(name: str, others: set) -> list[str] | None:
    """The coded frames ``name`` is made of, joined by separators ("politics|gun control" is
    ``politics_gun_control``: ``politics`` and ``gun_control``), or None."""
    words = name.split("_")
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(words) + 1):
        for start in range(end):
            part = "_".join(words[start:end])
            if start in best and part in others and part != name:
                best[end] = best[start] + [part]
                break
    found = best.get(len(words))
    return found if found and len(found) > 1 else None


def _warn_joined(label_sets, rows, flagged, source, label_col, sep) -> None:
    """Warn of a coded frame whose name is other coded frames joined by a separator that is not
    ``sep`` ("politics|gun control", "politics / gun control"): a slip that would otherwise be
    trained as a frame of its own."""
    names = {n for found in label_sets for n in found}
    for name in sorted(names):
        parts = _joined_frames(name, names - {name})
        if parts is None:
            continue
        where = [row for row, found in zip(rows, label_sets) if name in found]
        if set(where) <= flagged:  # already named for its comma
            continue
        warnings.warn(f"{source}, row {where[0]}, field {label_col!r}: the frame {name!r} is the "
                      f"coded frames {', '.join(map(repr, parts))} joined ({len(where)} row"
                      f"{'s' if len(where) != 1 else ''}), so it is trained as a frame of its "
                      f"own; if the label lists frames, separate them with {sep!r} (or list the "
                      "scheme's frames with labels=, CLI --labels, to make it an error)",
                      stacklevel=4)


def _check_misspelt(label_sets, codebook, labels, source, label_col, rows) -> None:
    """Refuse a coded frame that is not the codebook's but nearly spells one of its frames."""
    import difflib

    known = set(codebook.names) | ({canonical_name(x) for x in labels} if labels else set())
    for pos, found in enumerate(label_sets):
        for name in found:
            if name in known:
                continue
            close = difflib.get_close_matches(name, codebook.names, n=1, cutoff=0.85)
            if close:
                raise MalformedRecordError(
                    source, f"frame {name!r} is not in the codebook {codebook.name!r} (nearest: "
                    f"{close[0]!r})", row=rows[pos], field=label_col,
                    hint="fix the spelling, or list the scheme's frames with labels= (CLI: "
                         "--labels a,b,c)")
            known.add(name)


def text_key(text: str) -> str:
    """A short hash of a text, white space and case aside: what a model records of each
    training text, so that an evaluation can tell which of its texts the model has seen.

    >>> text_key("Taxes  rose.") == text_key("taxes rose.")
    True
    """
    return hashlib.blake2b(" ".join(text.split()).casefold().encode("utf-8"),
                           digest_size=6).hexdigest()


def _data_hash(texts, label_sets) -> str:
    h = hashlib.sha256()
    for text, found in zip(texts, label_sets):
        h.update(text.encode("utf-8"))
        h.update(b"\x00" + ";".join(sorted(found)).encode("utf-8") + b"\x01")
    return h.hexdigest()


# --- fitting ---------------------------------------------------------------------------------

def _fit_arrays(X, Y, C, power=None):
    """One logistic regression per frame (one-vs-rest), for both modes: on single-label data it
    measured as accurate as a multinomial regression and trains a hundred times faster. A
    frame's positives weigh ``(negatives / positives) ** power`` (default
    :data:`CLASS_WEIGHT_POWER`)."""
    from sklearn.linear_model import LogisticRegression

    power = CLASS_WEIGHT_POWER if power is None else power
    coef = np.zeros((Y.shape[1], X.shape[1]))
    intercept = np.zeros(Y.shape[1])
    for j in range(Y.shape[1]):
        y = Y[:, j]
        if y.min() == y.max():  # a fold without any positive (or negative): a constant model
            intercept[j] = 10.0 if y[0] else -10.0
            continue
        pos = y.mean()
        weight = {0: 1.0, 1: ((1 - pos) / pos) ** power}
        # the dual problem is the faster one with fewer texts than features (same optimum)
        m = LogisticRegression(C=C, solver="liblinear", class_weight=weight,
                               dual=X.shape[0] < X.shape[1], max_iter=1000, random_state=0)
        m.fit(X, y)
        coef[j], intercept[j] = m.coef_[0], m.intercept_[0]
    return coef, intercept


class _Design:
    """Features of a set of texts for one configuration, built from a training subset."""

    def __init__(self, counts, cbm, train_idx, labels, codebook, use_codebook, min_df,
                 Y=None, nb_scaling=False, vecm=None):
        self.tfidf = _Tfidf.fit([counts[i] for i in train_idx], min_df)
        self.use_vectors = vecm is not None
        if self.use_vectors:
            self.vec_mean = vecm[train_idx].mean(axis=0)
            self.vec_sd = vecm[train_idx].std(axis=0)
            self.vec_sd[self.vec_sd == 0] = 1.0
        self.use_codebook = use_codebook
        self.labels = labels
        self.ratios = None
        if nb_scaling:
            X = self.tfidf.transform([counts[i] for i in train_idx])
            self.ratios = _log_count_ratios(X, Y[train_idx])
        if use_codebook:
            sub = cbm[train_idx]
            self.mean = sub.mean(axis=0)
            self.sd = sub.std(axis=0)
            self.sd[self.sd == 0] = 1.0
            names = [f.name for f in codebook.frames if not f.residual]
            n = len(names)
            # blocks of n columns: share, log cue count, then any soft codebook features
            own = [CODEBOOK_WEIGHT_OWN] * 2 + [SOFT_CODEBOOK_WEIGHT_OWN] * (cbm.shape[1] // n - 2)
            w = np.full((len(labels), cbm.shape[1]), CODEBOOK_WEIGHT_ALL)
            for i, label in enumerate(labels):
                if label in names:
                    k = names.index(label)
                    for b, weight in enumerate(own):
                        w[i, b * n + k] = weight
            self.weights = w

    def matrices(self, counts, cbm, idx, vecm=None):
        """The design matrix of the texts ``idx``: one shared by all labels, or one per label
        (when word features are scaled per label, or the label's own codebook features weigh
        more). Columns: word features, codebook features, text-vector features."""
        X = self.tfidf.transform([counts[i] for i in idx])
        words = [X] if self.ratios is None else [X @ sparse.diags(r) for r in self.ratios]
        if not (self.use_codebook or self.use_vectors):
            return words
        Z = (cbm[idx] - self.mean) / self.sd if self.use_codebook else None
        V = (sparse.csr_matrix(VECTOR_WEIGHT * (vecm[idx] - self.vec_mean) / self.vec_sd)
             if self.use_vectors else None)
        out = []
        for i in range(len(self.weights) if self.use_codebook else len(words)):
            parts = [words[i if len(words) > 1 else 0]]
            if Z is not None:
                parts.append(sparse.csr_matrix(Z * self.weights[i]))
            if V is not None:
                parts.append(V)
            out.append(sparse.hstack(parts).tocsr())
        return out

    def unscale(self, coef: np.ndarray) -> np.ndarray:
        """Coefficients over the scaled word features as coefficients over the plain TF-IDF
        features (so that a saved model needs no ratios: ``(x * r) . w == x . (r * w)``)."""
        if self.ratios is None:
            return coef
        coef = coef.copy()
        coef[:, :self.ratios.shape[1]] *= self.ratios
        return coef


def _log_count_ratios(X, Y) -> np.ndarray:
    """Per label, the log-count ratio of every word feature (Wang & Manning 2012): the log of
    its smoothed share among the label's texts over its share among the other texts, counting
    each text once per feature (:data:`NB_ALPHA` added to every count). Shape (labels, features);
    a label without both positive and negative texts gets ratios of 1 (no scaling)."""
    B = (X > 0).astype(float).tocsr()
    out = np.ones((Y.shape[1], X.shape[1]))
    for j in range(Y.shape[1]):
        y = Y[:, j] == 1
        if y.all() or not y.any():
            continue
        p = NB_ALPHA + np.asarray(B[y].sum(axis=0)).ravel()
        q = NB_ALPHA + np.asarray(B[~y].sum(axis=0)).ravel()
        out[j] = np.log(p / p.sum()) - np.log(q / q.sum())
    return out


def _fit_predict(counts, cbm, tr, te, Y, mode, labels, codebook, use_codebook, min_df, C,
                 nb_scaling, power=None, vecm=None):
    design = _Design(counts, cbm, tr, labels, codebook, use_codebook, min_df, Y, nb_scaling,
                     vecm)
    Xtr = design.matrices(counts, cbm, tr, vecm)
    Xte = design.matrices(counts, cbm, te, vecm)
    if len(Xtr) == 1:
        coef, intercept = _fit_arrays(Xtr[0], Y[tr], C, power)
        return _probabilities(np.asarray(Xte[0] @ coef.T) + intercept, mode), design, coef, intercept
    P = np.zeros((len(te), Y.shape[1]))
    coefs, intercepts = [], []
    for j in range(Y.shape[1]):
        c, b = _fit_arrays(Xtr[j], Y[tr][:, [j]], C, power)
        coefs.append(c[0])
        intercepts.append(b[0])
        P[:, j] = (np.asarray(Xte[j] @ c.T) + b)[:, 0]
    coef = design.unscale(np.vstack(coefs))
    return _probabilities(P, mode), design, coef, np.array(intercepts)


def _folds(n, k, seed, groups=None):
    """``k`` (train, test) position splits of ``n`` items; with ``groups`` (one id per item),
    the items of a group always fall in the same fold (copies of one text are never on both
    sides)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    parts = np.array_split(order, k)
    if groups is not None:
        # every copy joins the fold of the group's first item in the shuffled order, so
        # without copies the folds are exactly the ungrouped ones
        fold_of = np.empty(n, dtype=int)
        for f, part in enumerate(parts):
            fold_of[part] = f
        first: dict = {}
        for i in order:
            fold_of[i] = first.setdefault(groups[i], fold_of[i])
        sizes = np.bincount(fold_of, minlength=k)
        if sizes.min() < max(1, n // (2 * k)):  # many copies: deal the texts out evenly
            sizes[:] = 0
            first = {}
            for i in order:
                if groups[i] not in first:
                    first[groups[i]] = int(np.argmin(sizes))
                fold_of[i] = first[groups[i]]
                sizes[fold_of[i]] += 1
        parts = [np.flatnonzero(fold_of == f) for f in range(k)]
    return [(np.sort(np.setdiff1d(order, part)), np.sort(part)) for part in parts]


def _text_groups(texts, label_sets, source) -> np.ndarray | None:
    """One id per text, shared by copies of the same text (white space and case aside), for
    cross-validation folds; None when every text is distinct. Copies are reported: they would
    otherwise sit in training and test folds at once and inflate the figures."""
    keys = [text_key(t) for t in texts]  # the same identity the saved model records
    ids, uniques = pd.factorize(pd.Series(keys))
    if len(uniques) == len(keys):
        return None
    seen: dict[int, set] = {}
    for i, found in zip(ids, label_sets):
        seen.setdefault(int(i), set()).add(tuple(sorted(found)))
    copies = len(keys) - len(uniques)
    conflicting = sum(1 for codes in seen.values() if len(codes) > 1)
    warnings.warn(f"{source}: {copies} row{'s' if copies != 1 else ''} repeat an earlier text"
                  + (f", {conflicting} text{'s' if conflicting != 1 else ''} with different "
                     "codes" if conflicting else "")
                  + "; cross-validation keeps all copies of a text in one fold, and the model "
                  "learns from every copy", stacklevel=3)
    return ids


def _choose_thresholds(P, Y, mix: float = THRESHOLD_MIX,
                       rare_mix: float | None = RARE_THRESHOLD_MIX) -> np.ndarray:
    """Per frame: a weighted mean (:data:`THRESHOLD_MIX`) of the single threshold that maximizes
    micro-F1 over all frames and the threshold that maximizes the frame's own F1: ``mix`` 0
    favours micro-F1 (frequent frames), 1 each frame's own F1 (macro-F1, rare frames). Frames
    coded in fewer than :data:`RARE_SHARE` of the texts use ``rare_mix`` (None: ``mix``)."""
    grid = np.array(THRESHOLD_GRID)
    best_global, best_score = 0.5, -1.0
    for t in grid:
        s = _micro_f1(Y, P >= t)
        if s > best_score + 1e-12:
            best_global, best_score = t, s
    out = []
    for j in range(Y.shape[1]):
        scores = [_f1(Y[:, j], P[:, j] >= t) for t in grid]
        w = mix if rare_mix is None or Y[:, j].mean() >= RARE_SHARE else rare_mix
        out.append((1 - w) * best_global + w * grid[int(np.argmax(scores))])
    return np.round(np.array(out), 4)


def _f1(y, pred) -> float:
    tp = int(np.sum((y == 1) & pred))
    fp = int(np.sum((y == 0) & pred))
    fn = int(np.sum((y == 1) & ~pred))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def _micro_f1(Y, pred) -> float:
    return _f1(Y.ravel(), np.asarray(pred).ravel())


def _decide(P, mode, thresholds):
    if mode == "single":
        out = np.zeros_like(P, dtype=bool)
        out[np.arange(len(P)), P.argmax(axis=1)] = True
        return out
    return P >= thresholds


def _score_predictions(P, Y, mode, thresholds) -> dict:
    pred = _decide(P, mode, thresholds)
    f1s = [_f1(Y[:, j], pred[:, j]) for j in range(Y.shape[1])]
    primary = P.argmax(axis=1)
    has = Y.sum(axis=1) > 0
    accuracy = float(np.mean(Y[np.arange(len(Y)), primary][has] == 1)) if has.any() else None
    return {"micro_f1": _micro_f1(Y, pred), "macro_f1": float(np.mean(f1s)),
            "accuracy": accuracy, "pred": pred}


def _select(counts, cbm, idx, Y, mode, labels, codebook, candidates, folds, seed, min_df, C,
            mix, nb_scaling, power=None, vecm=None, groups=None):
    """Cross-validate every candidate feature set on ``idx``; return the best, its out-of-fold
    probabilities, its thresholds and every candidate's score."""
    results = []
    for use_cb in candidates:
        P = np.zeros((len(idx), Y.shape[1]))
        for tr, te in _folds(len(idx), folds, seed, None if groups is None else groups[idx]):
            P[te] = _fit_predict(counts, cbm, idx[tr], idx[te], Y, mode, labels, codebook,
                                 use_cb, min_df, C, nb_scaling, power, vecm)[0]
        th = _choose_thresholds(P, Y[idx], *mix) if mode == "multi" else np.zeros(Y.shape[1])
        s = _score_predictions(P, Y[idx], mode, th)
        key = s["micro_f1"] if mode == "multi" else s["accuracy"]
        results.append((key, use_cb, P, th, s))
    best = max(results, key=lambda r: r[0])
    return best[1], best[2], best[3], [(r[1], r[4]) for r in results]


def train(coded, *, text_col: str = "text", label_col: str = "frames", labels=None,
          codebook="policy", features: str = "auto", mode: str = "auto", sep: str = ";",
          folds: int = 5, evaluate: bool = True, seed: int = 0, min_df: int = 2,
          C: float = C_DEFAULT, threshold_mix: float = THRESHOLD_MIX,
          rare_threshold_mix: float | None = RARE_THRESHOLD_MIX, nb_scaling: bool = True,
          class_weight_power: float = CLASS_WEIGHT_POWER, word_vectors: bool = True,
          soft_codebook: bool | None = None, out=None, name: str | None = None) -> FramesModel:
    """Train a frame classifier on hand-coded texts, cross-validate it, optionally save it.

    Parameters
    ----------
    coded : a DataFrame, or a CSV/TSV/JSONL/JSON/Parquet file, with one coded text per row.
    text_col, label_col : the columns holding the text and its frames. Frames are a list
        (``["economic", "political"]``, also written as text: ``'["economic", "political"]'``)
        or a string separated by ``sep`` (``"economic;political"``). ``none``, an empty list
        (``[]``) or an empty string means no frame; a missing value (None, NaN, and an empty cell
        of a CSV/TSV file, which cannot hold an empty string) is an error. Names match case-
        and separator-insensitively.
    labels : the frames of the coding scheme, in order; default every frame that occurs. A
        listed frame with no example is an error.
    codebook : the codebook whose per-frame salience can serve as extra features (a shipped
        name, a file, or a :class:`Codebook`); None for none.
    features : ``"auto"`` (cross-validate with and without the codebook features and keep the
        better), ``"text"`` or ``"text+codebook"``.
    mode : ``"auto"`` (``"single"`` when every text has exactly one frame, else ``"multi"``),
        ``"multi"`` (any number of frames per text, each present when its probability reaches
        its threshold) or ``"single"`` (one frame per text: the most probable; probabilities
        are normalized to sum to 1).
    folds : number of cross-validation folds.
    evaluate : run nested cross-validation to report honest figures (``model.report``); False
        skips it (faster; the report then holds the selection-stage figures, marked
        ``nested=False``).
    seed : seed of the fold assignment (results are deterministic for a seed).
    min_df : a word feature must occur in at least this many training texts.
    C : inverse regularization strength of the logistic regressions.
    threshold_mix : how per-frame probability thresholds are chosen (multi-label): 0 maximizes
        micro-F1 (one threshold for all frames; frequent frames dominate), 1 maximizes each
        frame's own F1 (rare frames are predicted more, macro-F1 rises, micro-F1 falls); the
        default is :data:`THRESHOLD_MIX` (see docs/validity_frames.md for the trade-off).
    rare_threshold_mix : ``threshold_mix`` of the rare frames, those coded in fewer than
        :data:`RARE_SHARE` of the training texts (default :data:`RARE_THRESHOLD_MIX`); None
        treats them like the others.
    nb_scaling : scale each frame's word features by their log-count ratio between the frame's
        texts and the others (NB-SVM style, :data:`NB_ALPHA`); False uses plain TF-IDF. The
        saved coefficients include the scaling, so prediction is the same either way.
    class_weight_power : a frame's coded texts weigh ``(uncoded / coded) ** class_weight_power``
        in its regression: 0 (the default, :data:`CLASS_WEIGHT_POWER`) weighs every text the
        same, 1 balances the two classes; in between, rare frames weigh more, which trades
        micro-F1 for macro-F1 (measured in docs/validity_frames.md).
    word_vectors : add the weighted mean of the text's word vectors (the shipped vectors of
        unlabeled news, :func:`load_word_vectors`; weight :data:`VECTOR_WEIGHT`) to the
        features, so that words absent from the coded texts but related to their words count
        too (default True; False: word, word-pair and codebook features only). The model file
        records the vectors' SHA-256; a model is only loaded with the same vectors.
    soft_codebook : add, next to the codebook features, each codebook frame's similarity in the
        word vectors between the text and the frame's cues (:data:`SOFT_CODEBOOK`), so that words
        near a cue count for its frame too, not only the cues themselves. None (the default):
        whenever the word vectors and the codebook features are used; True needs
        ``word_vectors=True`` and a codebook; False: exact cue matches only.
    out : if given, save the model there (``.npz``, plus a ``.json`` copy of the metadata).
    name : the model's name (default: the file name of ``out``, else ``"model"``).

    Returns
    -------
    :class:`FramesModel`, with ``report`` (a :class:`TrainingReport`).

    Raises
    ------
    framing.errors.InputError (or a subclass) naming the file, row and field: a missing
    column, a row without text or labels, an unknown frame, a frame with no examples, a frame
    coded in every row, a single class.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> coded = pd.DataFrame({
    ...     "text": ["Taxes and the budget deficit rose.", "Wages fell as prices rose.",
    ...              "The budget cut wages and jobs.", "The court ruled on the appeal.",
    ...              "Judges heard the appeal in court.", "The court upheld the law."],
    ...     "frames": ["economic"] * 3 + ["legality"] * 3})
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "mine.npz"
    >>> model = train(coded, folds=2, out=out)
    >>> model.mode, model.labels, model.report.nested
    ('single', ('economic', 'legality'), True)
    >>> sorted(p.name for p in out.parent.iterdir())  # the model and its metadata
    ['mine.json', 'mine.npz']
    """
    if features not in ("auto", "text", "text+codebook"):
        raise ValueError(f"features must be one of 'auto', 'text', 'text+codebook', not "
                         f"{features!r}")
    if mode not in ("auto", "multi", "single"):
        raise ValueError(f"mode must be one of 'auto', 'multi', 'single', not {mode!r}")
    if not isinstance(folds, int) or folds < 2:
        raise ValueError(f"folds must be a whole number >= 2, not {folds!r}")
    _check_prob(threshold_mix, "threshold_mix")
    if rare_threshold_mix is not None:
        _check_prob(rare_threshold_mix, "rare_threshold_mix")
    mixes = (threshold_mix, rare_threshold_mix)
    if not isinstance(nb_scaling, bool):
        raise TypeError(f"nb_scaling must be True or False, not {nb_scaling!r}")
    if (isinstance(class_weight_power, bool) or not isinstance(class_weight_power, (int, float))
            or not 0 <= class_weight_power < math.inf):
        raise ValueError(f"class_weight_power must be a number >= 0, not {class_weight_power!r}")
    power = float(class_weight_power)
    if not isinstance(word_vectors, bool):
        raise TypeError(f"word_vectors must be True or False, not {word_vectors!r}")
    if soft_codebook is not None and not isinstance(soft_codebook, bool):
        raise TypeError(f"soft_codebook must be True, False or None, not {soft_codebook!r}")
    if soft_codebook and not (word_vectors and codebook is not None and features != "text"):
        raise ValueError("soft_codebook=True needs word_vectors=True and codebook features "
                         "(a codebook, features 'auto' or 'text+codebook')")
    if soft_codebook is None:
        soft_codebook = word_vectors and codebook is not None and features != "text"
    soft = SOFT_CODEBOOK if soft_codebook else None
    started = time.perf_counter()
    cb = load_codebook(codebook) if codebook is not None else None
    source, texts, label_sets, names, Y, rows, read_as_none = _prepare(
        coded, text_col, label_col, labels, sep, None, cb)
    single = bool(np.all(Y.sum(axis=1) == 1))
    if mode == "auto":
        mode = "single" if single else "multi"
    elif mode == "single" and not single:
        bad = int(np.argmax(Y.sum(axis=1) != 1))
        raise InputError(source, "mode='single' needs exactly one frame per text",
                         row=rows[bad], field=label_col, hint="use mode='multi'")
    groups = _text_groups(texts, label_sets, source)
    if groups is not None and len(np.unique(groups)) < 2 * folds:
        raise InputError(source, f"{len(np.unique(groups))} distinct coded texts are too few for "
                         f"{folds}-fold cross-validation", hint=f"code at least {2 * folds} "
                         "different texts")
    if len(texts) < 2 * folds:
        raise InputError(source, f"{len(texts)} coded texts are too few for {folds}-fold "
                         "cross-validation", hint=f"code at least {2 * folds} texts")
    for n, c in zip(names, Y.sum(axis=0)):
        if c < folds:
            warnings.warn(f"{source}: frame {n!r} has only {c} example{'s' if c != 1 else ''}; "
                          "its cross-validated figures are unreliable", stacklevel=2)
    if features == "text+codebook" and cb is None:
        raise ValueError("features='text+codebook' needs a codebook")
    candidates = {"auto": [False, True] if cb is not None else [False], "text": [False],
                  "text+codebook": [True]}[features]
    segs = [segment(t) for t in texts]
    counts = [_doc_counts(s) for s in segs]
    wv = load_word_vectors() if word_vectors else None
    vecm = wv.text_matrix(counts, SIF_A) if wv is not None else None
    cbm = _codebook_features(segs, vecm, cb, wv, soft) if cb is not None else None
    all_idx = np.arange(len(texts))

    use_cb, P_sel, thresholds, tried = _select(counts, cbm, all_idx, Y, mode, names, cb,
                                               candidates, folds, seed, min_df, C, mixes,
                                               nb_scaling, power, vecm, groups)
    config_rows = tuple({"features": "text+codebook" if u else "text",
                         "micro_f1": round(s["micro_f1"], 4), "macro_f1": round(s["macro_f1"], 4),
                         "accuracy": None if s["accuracy"] is None else round(s["accuracy"], 4)}
                        for u, s in tried)
    if evaluate:
        P_out = np.zeros(Y.shape)
        pred_out = np.zeros(Y.shape, dtype=bool)
        for tr, te in _folds(len(texts), folds, seed + 1, groups):
            u, _, th, _ = _select(counts, cbm, tr, Y, mode, names, cb, candidates, folds,
                                  seed, min_df, C, mixes, nb_scaling, power, vecm, groups)
            P_out[te] = _fit_predict(counts, cbm, tr, te, Y, mode, names, cb, u, min_df, C,
                                     nb_scaling, power, vecm)[0]
            pred_out[te] = _decide(P_out[te], mode, th)
        report = _report(Y, P_out, pred_out, mode, names, thresholds, folds, True, config_rows,
                         use_cb)
    else:
        pred = _decide(P_sel, mode, thresholds)
        report = _report(Y, P_sel, pred, mode, names, thresholds, folds, False, config_rows,
                         use_cb)
    _, design, coef, intercept = _fit_predict(counts, cbm, all_idx, all_idx[:1], Y, mode, names,
                                              cb, use_cb, min_df, C, nb_scaling, power, vecm)
    weights = design.weights if use_cb else None
    report = dataclasses.replace(report, seconds=round(time.perf_counter() - started, 2))
    model_name = name or (Path(out).stem if out is not None else "model")
    soft = soft if use_cb else None
    meta = _metadata(model_name, names, mode, texts, label_sets, Y, report, cb if use_cb else None,
                     min_df, C, source, thresholds, mixes, nb_scaling, power, wv, soft)
    # what the coding's residual code meant, whether or not the codebook's features were kept:
    # framing validate reads held-out coding with the same rule
    meta["training"]["read_as_none"] = read_as_none
    model = FramesModel(labels=names, mode=mode, tfidf=design.tfidf, coef=coef,
                        intercept=intercept, thresholds=thresholds,
                        codebook=cb if use_cb else None,
                        cb_mean=design.mean if use_cb else None,
                        cb_sd=design.sd if use_cb else None, cb_weights=weights, metadata=meta,
                        report=report, name=model_name, word_vectors=wv,
                        vec_mean=design.vec_mean if wv is not None else None,
                        vec_sd=design.vec_sd if wv is not None else None)
    if out is not None:
        model.save(out)
    return model


def _report(Y, P, pred, mode, names, thresholds, folds, nested, configs, use_cb):
    rows = []
    for j, n in enumerate(names):
        y, p = Y[:, j] == 1, pred[:, j]
        tp = int(np.sum(y & p))
        rows.append({"frame": n, "support": int(y.sum()),
                     "precision": tp / int(p.sum()) if p.sum() else 0.0,
                     "recall": tp / int(y.sum()) if y.sum() else 0.0,
                     "f1": _f1(Y[:, j], p),
                     "threshold": round(float(thresholds[j]), 4) if mode == "multi" else None})
    per_frame = pd.DataFrame(rows)
    primary = P.argmax(axis=1)
    has = Y.sum(axis=1) > 0
    accuracy = float(np.mean(Y[np.arange(len(Y)), primary][has] == 1)) if has.any() else None
    return TrainingReport(folds=folds, nested=nested, micro_f1=round(_micro_f1(Y, pred), 4),
                          macro_f1=round(float(per_frame["f1"].mean()), 4),
                          accuracy=None if accuracy is None else round(accuracy, 4),
                          per_frame=per_frame, configs=configs,
                          chosen="text+codebook" if use_cb else "text")


def _metadata(name, names, mode, texts, label_sets, Y, report, cb, min_df, C, source,
              thresholds, mix, nb_scaling, power, wv=None, soft=None) -> dict:
    import scipy
    import sklearn

    from framing import __version__

    meta = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "feature_version": FEATURE_VERSION,
        "segmentation_version": SEGMENTATION_VERSION, "frames_code_version": CODE_VERSION,
        "name": name, "labels": list(names), "mode": mode,
        "thresholds": [round(float(t), 4) for t in thresholds],
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training": {"source": str(source), "n_texts": len(texts),
                     "data_sha256": _data_hash(texts, label_sets),
                     "text_keys": sorted({text_key(t) for t in texts}),
                     "frame_counts": {n: int(c) for n, c in zip(names, Y.sum(axis=0))}},
        "hyperparameters": {"C": C, "min_df": min_df, "features": report.chosen,
                            "threshold_mix": mix[0], "rare_threshold_mix": mix[1],
                            "rare_share": RARE_SHARE, "nb_scaling": nb_scaling,
                            "nb_alpha": NB_ALPHA if nb_scaling else None,
                            "class_weight_power": power,
                            "codebook_weight_all": CODEBOOK_WEIGHT_ALL,
                            "codebook_weight_own": CODEBOOK_WEIGHT_OWN,
                            "soft_codebook": soft,
                            "soft_codebook_weight_own": (SOFT_CODEBOOK_WEIGHT_OWN if soft
                                                         else None)},
        "cv": report.to_dict(),
        "versions": {"framing": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "scipy": scipy.__version__,
                     "pandas": pd.__version__, "python": platform.python_version()},
    }
    if wv is not None:
        meta["word_vectors"] = {"file": WORD_VECTORS_FILE, "sha256": wv.digest, "dim": wv.dim,
                                "words": len(wv.words), "weight": VECTOR_WEIGHT, "sif_a": SIF_A}
    if cb is not None:
        meta["codebook"] = {"name": cb.name, "version": cb.version, "digest": cb.digest,
                            "fmt": cb.fmt, "text": cb.text}
    return meta

