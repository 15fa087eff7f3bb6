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
import functools
import hashlib
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # imported where used: scoring a text needs no pandas (nor a nightly run)
    import pandas as pd

__all__ = ["Evidence", "MeasureResult", "corpus_texts", "score_series", "data_version",
           "per_thousand_words", "read_data_text"]


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
        for name, column in _row_columns(type(self)):
            value = getattr(self, name)
            if not isinstance(value, (tuple, list, dict)):
                out[column] = value
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


@functools.lru_cache(maxsize=None)
def _row_columns(cls) -> tuple[tuple[str, str], ...]:
    """``(field, column)`` of each field of a result class but ``evidence``, in order (the
    fields, and the column names made of them, once per class rather than once per row)."""
    return tuple((f.name, f"{cls.family}_{f.name}") for f in dataclasses.fields(cls)
                 if f.name != "evidence")


def per_thousand_words(count: int, words: int) -> float:
    """``count`` per 1,000 words; NaN for a text without words (the densities of every family).

    >>> per_thousand_words(3, 600)
    5.0
    """
    return count * 1000 / words if words else math.nan


def corpus_texts(data, text_col: str = "text") -> pd.Series:
    """The texts a family's ``score_corpus`` scores: ``data[text_col]`` of a DataFrame, a Series
    itself, or a list or one-dimensional array of texts (as a Series indexed 0..n-1); anything
    else, or a DataFrame without ``text_col``, is a named error.

    >>> import pandas as pd
    >>> corpus_texts(pd.DataFrame({"text": ["It may rain."]})).tolist()
    ['It may rain.']
    """
    import pandas as pd

    from framing.errors import MissingColumnError, NotACorpusError

    if isinstance(data, pd.DataFrame):
        if text_col not in data.columns:
            raise MissingColumnError(None, field=text_col,
                                     hint="columns present: " + ", ".join(map(str, data.columns)))
        texts = data[text_col]
    elif isinstance(data, pd.Series):
        texts = data
    elif isinstance(data, (list, tuple, pd.Index, pd.api.extensions.ExtensionArray)) or (
            type(data).__module__ == "numpy" and getattr(data, "ndim", None) == 1):
        texts = pd.Series(list(data), dtype=object)  # df.text.values, a list of texts
    else:
        raise NotACorpusError(None, "expected texts: a pandas Series or DataFrame (or a list "
                                    f"of texts), not {type(data).__name__}")
    check_texts(texts, text_col)
    return texts


def check_texts(texts: pd.Series, field: str = "text") -> None:
    """Every value is a str or missing (None, NaN): a number or bytes where a text should be is
    an error naming the field and the first such index, not a silently missing row.

    >>> import pandas as pd
    >>> check_texts(pd.Series(["It may rain.", None, float("nan")]))
    >>> check_texts(pd.Series(["It may rain.", 42]))
    Traceback (most recent call last):
    ...
    framing.errors.InputError: field 'text': the value at index 1 is int (42), not a text. 1 such value; convert it to str (bytes: .decode()), or set it to None for a missing text
    """
    import pandas as pd

    from framing.errors import InputError

    if isinstance(texts, pd.DataFrame):  # df[name] of a frame with two columns of that name
        raise InputError(None, f"{texts.shape[1]} columns are named {field!r}", field=field,
                         hint="keep one of them, or rename the others (df.columns = [...])")
    bad = [(i, v) for i, v in texts.items()
           if not isinstance(v, str) and v is not None and not (
               isinstance(v, float) and v != v) and v is not pd.NA and v is not pd.NaT]
    if bad:
        i, v = bad[0]
        shown = repr(v) if len(repr(v)) <= 40 else repr(v)[:37] + "..."
        n = len(bad)
        raise InputError(None, f"the value at index {i!r} is {type(v).__name__} ({shown}), not "
                               "a text", field=field,
                         hint=f"{n} such value{'s' if n != 1 else ''}; convert "
                              f"{'them' if n != 1 else 'it'} to str (bytes: .decode()), or set "
                              f"{'them' if n != 1 else 'it'} to None for a missing text")


def score_series(texts: pd.Series, scorer: Callable[[str], MeasureResult]) -> pd.DataFrame:
    """Apply ``scorer`` to every text; one row per text, index kept, ``<family>_<field>`` columns.

    Missing values (None, NaN) give a row of missing values. The input is not modified.
    """
    import pandas as pd

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


def is_missing_text(value) -> bool:
    """Whether a value stands for a missing text (None, NaN, pandas' NA), which every family's
    ``score`` answers with a missing result.

    >>> is_missing_text(None), is_missing_text(float("nan")), is_missing_text("")
    (True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pandas' NA exists only once pandas is imported (not needed to score a text)
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is getattr(pandas, "NA", None)


def missing_result(cls, **fixed):
    """A result of dataclass ``cls`` for a missing text: every field NaN except the tuple ones
    (sentences, evidence: empty) and those given in ``fixed``."""
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in fixed or not f.init:
            continue
        if isinstance(f.default, tuple) or f.default_factory is tuple:
            continue
        values[f.name] = math.nan
    return cls(**values, **fixed)


def read_data_text(*parts: str) -> str:
    """Read a package data file, e.g. ``read_data_text("hedging", "lexicon.tsv")``."""
    return resources.files("framing").joinpath("data", *parts).read_text(encoding="utf-8")


def data_version(*texts: str) -> str:
    """A short content hash of data files, for versioning a measure family by its lexicons."""
    h = hashlib.blake2b(digest_size=4)
    for text in texts:
        h.update(text.encode("utf-8"))
    return h.hexdigest()
