"""The result type every measure family shares, and the vectorized entry point over pandas.

A family's ``score(text)`` returns a frozen dataclass deriving from :class:`MeasureResult`: its
numeric fields, plus ``evidence``, a tuple of :class:`Evidence` (label, matched text, character
span). :func:`score_series` applies such a function to a column and returns one row per text with
columns named ``<family>_<field>``, keeping the index; missing texts give missing values.

Example
-------
>>> from dataclasses import dataclass
>>> import pandas as pd
>>> @dataclass(frozen=True)
... class Length(MeasureResult):
...     family = "length"
...     chars: int = 0
>>> score_series(pd.Series(["abc", None], index=[7, 8]), lambda t: Length(chars=len(t)))
   length_chars
7           3.0
8           NaN
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar

import pandas as pd

__all__ = ["Evidence", "MeasureResult", "corpus_texts", "score_series", "data_version",
           "read_data_text"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: what was matched, where, and what it counts as.

    ``text == source_text[start:end]`` always holds. ``sentence`` is the sentence index in the
    shared segmentation; ``subtype`` refines the label (e.g. "epistemic modal"); ``voice`` is
    ``"journalist"`` or ``"quoted"`` where the family distinguishes them; ``weight`` is the cue's
    contribution where a score is a weighted sum (else 1).
    """

    label: str
    text: str
    start: int
    end: int
    sentence: int = -1
    subtype: str = ""
    voice: str = ""
    weight: float = 1.0

    def to_dict(self) -> dict:
        out = {"label": self.label, "text": self.text, "start": self.start, "end": self.end}
        if self.sentence >= 0:
            out["sentence"] = self.sentence
        if self.subtype:
            out["subtype"] = self.subtype
        if self.voice:
            out["voice"] = self.voice
        if self.weight != 1.0:
            out["weight"] = self.weight
        return out


@dataclass(frozen=True)
class MeasureResult:
    """Base of every family's result: numeric fields, then ``evidence``.

    Subclasses set the class attribute ``family`` and declare their fields; fields whose names
    start with ``sentence_`` or that hold tuples are per-sentence detail and are not flattened
    into DataFrame rows.
    """

    family: ClassVar[str] = "measure"

    def row(self) -> dict:
        """The flat, numeric part as ``{<family>_<field>: value}``."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "evidence" or isinstance(value, (tuple, list, dict)):
                continue
            out[f"{self.family}_{f.name}"] = value
        return out

    def to_dict(self) -> dict:
        """Everything, JSON-ready: numbers, per-sentence detail and ``evidence`` as dicts."""
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name == "evidence":
                out["evidence"] = [e.to_dict() for e in value]
            elif isinstance(value, tuple):
                out[f.name] = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
            else:
                out[f.name] = value
        return out


def corpus_texts(data, text_col: str = "text") -> pd.Series:
    """The texts a family's ``score_corpus`` scores: ``data[text_col]`` of a DataFrame, or a
    Series itself; anything else, or a DataFrame without ``text_col``, is a named error.

    >>> corpus_texts(pd.DataFrame({"text": ["It may rain."]})).tolist()
    ['It may rain.']
    """
    from framing.errors import MissingColumnError, NotACorpusError

    if isinstance(data, pd.DataFrame):
        if text_col not in data.columns:
            raise MissingColumnError(None, field=text_col,
                                     hint="columns present: " + ", ".join(map(str, data.columns)))
        return data[text_col]
    if isinstance(data, pd.Series):
        return data
    raise NotACorpusError(None, f"score_corpus takes a pandas Series or DataFrame, not "
                                f"{type(data).__name__}")


def score_series(texts: pd.Series, scorer: Callable[[str], MeasureResult]) -> pd.DataFrame:
    """Apply ``scorer`` to every text; one row per text, index kept, ``<family>_<field>`` columns.

    Missing values (None, NaN) give a row of missing values. The input is not modified.
    """
    rows, columns = [], None
    for text in texts:
        if isinstance(text, str):
            row = scorer(text).row()
            columns = columns or list(row)
            rows.append(row)
        else:
            rows.append(None)
    if columns is None:
        return pd.DataFrame(index=texts.index)
    empty = {c: float("nan") for c in columns}
    return pd.DataFrame([r if r is not None else empty for r in rows], index=texts.index,
                        columns=columns)


def read_data_text(*parts: str) -> str:
    """Read a package data file, e.g. ``read_data_text("hedging", "lexicon.tsv")``."""
    return resources.files("framing").joinpath("data", *parts).read_text(encoding="utf-8")


def data_version(*texts: str) -> str:
    """A short content hash of data files, for versioning a measure family by its lexicons."""
    h = hashlib.blake2b(digest_size=4)
    for text in texts:
        h.update(text.encode("utf-8"))
    return h.hexdigest()
