"""Exceptions raised by framing.

Every problem a user can fix (a bad file, a missing column, a locked store) raises a subclass of
:class:`FramingError`. Its message names the file, the row (line) and the field where they are known,
and says what to do. The command-line interface prints that message and exits with status 2 (bad
input) instead of showing a traceback.

Example
-------
>>> err = MissingColumnError("corpus.csv", field="text", hint="columns present: body, source")
>>> print(err)
corpus.csv, field 'text': required column is missing. columns present: body, source
"""

from __future__ import annotations

__all__ = [
    "FramingError",
    "InputError",
    "EmptyFileError",
    "BinaryFileError",
    "EncodingError",
    "MalformedRecordError",
    "MissingColumnError",
    "MissingValueError",
    "UnsupportedFormatError",
    "StoreError",
    "StoreLockedError",
]


class FramingError(Exception):
    """Base class of every error framing raises on purpose.

    Parameters
    ----------
    path : file the problem is in, if any.
    message : what is wrong.
    row : 1-based row number in that file, if known: the line of a JSONL file; for CSV/TSV the
        record number counting the header as row 1 (equal to the line unless fields span lines).
    field : column or key concerned, if known.
    hint : what the user can do about it.
    """

    default_message = "framing failed"
    exit_code = 1

    def __init__(self, path=None, message: str | None = None, *, row: int | None = None,
                 field: str | None = None, hint: str | None = None):
        self.path = None if path is None else str(path)
        self.row = row
        self.field = field
        self.hint = hint
        self.message = message or self.default_message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field!r}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.hint:
            text = f"{text}. {self.hint}"
        return text


class InputError(FramingError):
    """Bad input that the user can fix (exit status 2)."""

    default_message = "bad input"
    exit_code = 2


class EmptyFileError(InputError):
    default_message = "the file is empty (no articles)"


class BinaryFileError(InputError):
    default_message = "the file looks binary, not text (it contains NUL bytes)"


class EncodingError(InputError):
    default_message = "the file is not valid UTF-8"


class MalformedRecordError(InputError):
    default_message = "malformed record"


class MissingColumnError(InputError):
    default_message = "required column is missing"


class MissingValueError(InputError):
    default_message = "required value is missing"


class UnsupportedFormatError(InputError):
    default_message = "unsupported file format"


class NotACorpusError(InputError, TypeError):
    """A ``score_corpus`` input that is neither a pandas Series nor a DataFrame (also a
    ``TypeError``, as Python code expects of a wrong type)."""

    default_message = "expected a pandas Series or DataFrame"


class StoreError(FramingError):
    """A problem with the DuckDB store (exit status 1)."""

    default_message = "store error"


class StoreLockedError(StoreError):
    default_message = "the store is in use by another framing process"
