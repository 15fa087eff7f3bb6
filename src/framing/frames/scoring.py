"""The uniform entry points: :func:`score` for one text, :func:`score_corpus` for many."""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import TYPE_CHECKING

from framing.frames.codebook import codebook_version as _codebook_digest
from framing.frames.codebook import load_codebook
from framing.frames.dictionary import (
    DEFAULT_MIN_SENTENCES,
    DEFAULT_THRESHOLD,
    _score,
    presence_rule,
)
from framing.frames.result import FramesResult
from framing.results import corpus_texts, is_missing_text
from framing.text import Segmentation, not_one_text, segment

if TYPE_CHECKING:  # imported where used: scoring a text needs no pandas
    import pandas as pd

__all__ = ["DEFAULT_MIN_SENTENCES", "DEFAULT_THRESHOLD", "codebook_version", "score",
           "score_corpus"]


def _is_model(obj) -> bool:
    if isinstance(obj, (str, os.PathLike)):
        return str(obj).lower().endswith(".npz")
    model = sys.modules.get("framing.frames.model")  # not imported: obj cannot be a model
    return model is not None and isinstance(obj, model.FramesModel)


def codebook_version(codebook="policy") -> str:
    """A short hash that changes whenever the codebook (or model file) does, e.g. to decide what
    to re-score. Accepts whatever ``score(codebook=...)`` accepts.

    >>> len(codebook_version("generic"))
    8
    """
    if _is_model(codebook):
        from framing.frames.model import load_model
        from framing.results import data_version

        m = load_model(codebook)
        return data_version(m.metadata["training"]["data_sha256"], m.name,
                            str(m.metadata.get("created", "")))
    return _codebook_digest(codebook)


def _as_segmentation(text) -> Segmentation:
    if isinstance(text, Segmentation):
        return text
    if not isinstance(text, str):
        raise not_one_text("score", text, "frames")
    return segment(text)


def _scorer(codebook, model, threshold, min_sentences):
    """A one-argument function Segmentation -> FramesResult for the chosen method."""
    if model is None and _is_model(codebook):  # a model file given where a codebook is expected
        codebook, model = None, codebook
    if model is not None:
        if codebook is not None:
            raise ValueError("give either codebook= or model=, not both (a model carries the "
                             "codebook it was trained with)")
        if min_sentences is not None:
            raise ValueError("min_sentences applies to codebooks; a model's presence rule is "
                             "its per-frame probability threshold")
        from framing.frames.model import load_model

        m = load_model(model)
        return lambda seg: m.predict(seg, threshold=threshold)
    cb = load_codebook("policy" if codebook is None else codebook)
    thresholds, min_sent = presence_rule(cb, threshold, min_sentences)
    return lambda seg: _score(seg, cb, thresholds, min_sent)


def score(text: str | Segmentation, *, codebook=None, model=None, threshold=None,
          min_sentences: int | None = None) -> FramesResult:
    """Frames in one text: per-frame salience and presence, the primary frame, and evidence.

    Parameters
    ----------
    text : the text, or its :func:`framing.text.segment` segmentation. Any string is accepted;
        a missing text (None, NaN) gives a result whose every value is missing.
    codebook : ``"policy"`` (default), ``"generic"``, a YAML/CSV codebook file, or a
        :class:`Codebook`. A model file (``.npz``) here is taken as ``model=``.
    model : instead of a codebook, a model trained with :func:`train` (a ``.npz`` path or a
        loaded :class:`FramesModel`); see :func:`predict`.
    threshold : presence threshold. Codebook: the share of sentences (0-1) that must cue a
        frame, for every frame (a number) or some (``{frame: number}``); default the codebook's
        own (``policy``: 0.06). Model: the probability a frame needs; default the per-frame
        thresholds chosen when the model was trained.
    min_sentences : codebook only: the least number of sentences that must cue a present frame
        (capped at the text's number of sentences); default the codebook's (``policy``: 2).

    Returns
    -------
    :class:`FramesResult`. For every frame: ``share`` (0-1) and ``density`` (cues per 100
    words), or ``probability`` for a model; more means the frame is more salient.

    Examples
    --------
    >>> r = score("Taxes will rise. The budget deficit grew, and the costs fall on taxpayers.")
    >>> r.primary, r["economic"].share, round(r["economic"].density, 1)
    ('economic', 1.0, 38.5)
    >>> score("", codebook="generic").primary
    'none'
    """
    scorer = _scorer(codebook, model, threshold, min_sentences)
    if is_missing_text(text):  # a missing text: the scheme's frames, every value missing
        empty = scorer(segment(""))
        nan = float("nan")
        return dataclasses.replace(
            empty, english=nan, primary=None, n_present=None, n_tied=None, n_sentences=nan, n_words=nan,
            scores=tuple(dataclasses.replace(f, present=None, share=nan, density=nan,
                                             n_cues=None, n_sentences=None, probability=nan
                                             if f.probability is not None else None)
                         for f in empty.scores), sentences=(), evidence=())
    return scorer(_as_segmentation(text))


def score_corpus(data: pd.Series | pd.DataFrame, *, text_col: str = "text", codebook=None,
                 model=None, threshold=None, min_sentences: int | None = None) -> pd.DataFrame:
    """Frames of every text in a Series or a DataFrame column.

    Options as in :func:`score`. Returns one row per text with the input's index and the
    columns of :meth:`FramesResult.row`: ``frames_primary``, ``frames_n_present``,
    ``frames_n_sentences``, ``frames_n_words``, and per frame ``frames_<frame>`` (1/0) with
    ``frames_<frame>_share`` and ``frames_<frame>_density`` (codebook) or
    ``frames_<frame>_prob`` (model). Missing texts (None, NaN) give a row of missing values.
    The input is not modified.

    Examples
    --------
    >>> import pandas as pd
    >>> df = score_corpus(pd.Series(["Voters backed the senator.", None]), codebook="generic")
    >>> df["frames_primary"].tolist()
    ['none', nan]
    """
    import pandas as pd

    texts = corpus_texts(data, text_col)
    scorer = _scorer(codebook, model, threshold, min_sentences)
    rows, columns = [], None
    for text in texts:
        if isinstance(text, str):
            row = scorer(segment(text)).row()
            columns = columns or list(row)
            rows.append(row)
        else:
            rows.append(None)
    if columns is None:  # no text at all: the columns still follow from the scheme
        columns = list(scorer(segment("")).row())
    empty = dict.fromkeys(columns, float("nan"))
    return pd.DataFrame([r if r is not None else empty for r in rows], index=texts.index,
                        columns=columns)
