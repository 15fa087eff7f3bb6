"""The store: an embedded DuckDB file holding ingested articles (and, later, their measures).

Articles are keyed by a content hash of outlet, title and text (:func:`framing.corpus.article_key`,
of the text as the first release's cleaning left it), so ingesting the same file twice adds
nothing, and a corrected article is stored as a new one.
Each ingest is all or nothing: if it fails or is killed, readers see the store as it was before it
began. (Its articles are written in chunks, each its own transaction, into ``article_rows`` under
an ingest id listed in ``ingest_pending``; the ``articles`` view shows only the rows of completed
ingests, and one last transaction records the ingest in ``ingests``. A failed ingest removes its
rows at once; a killed one's are removed the next time the store is opened for writing. Memory
stays bounded however large the corpus.) Only one process can write to a store at a time; a
second one waits up to ``timeout`` seconds and then fails with
:class:`~framing.errors.StoreLockedError`.

Example
-------
>>> import framing, pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "c.jsonl").write_text('{"text": "Talks may resume.", "outlet": "Wire A"}\\n')
>>> with framing.Store(folder / "s.duckdb") as store:
...     first = store.ingest(folder / "c.jsonl")
...     again = store.ingest(folder / "c.jsonl")
>>> first.added, again.added, again.already_stored
(1, 0, 1)
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from framing.errors import InputError, MissingColumnError, StoreError, StoreLockedError

if TYPE_CHECKING:
    import pandas as pd

    from framing.corpus import LoadReport

__all__ = ["DEFAULT_STORE", "NoStoreError", "NotAStoreError", "Store", "IngestResult", "Unscored", "UnscoredBatch",
           "require_store"]

logger = logging.getLogger(__name__)

DEFAULT_STORE = Path("data") / "framing.duckdb"
#: Stored measures parsed per step when building :meth:`Store.metrics`.
_METRICS_BATCH = 50_000
#: DuckDB's memory limit for a store (measured in docs/reliability.md: without one, checkpoints
#: while ingesting 300,000 articles peaked at 3.2 GB; with 1 GB, at 1.3 GB).
DEFAULT_MEMORY_LIMIT = "2GB"
SCHEMA_VERSION = "2"  # 2: article_rows + ingest_pending + the articles view (staged ingest)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS ingests (
    ingest_id INTEGER PRIMARY KEY,
    source VARCHAR NOT NULL,
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP NOT NULL,
    rows_read BIGINT NOT NULL,
    added BIGINT NOT NULL,
    already_stored BIGINT NOT NULL,
    report VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS article_rows (
    article_hash VARCHAR PRIMARY KEY,
    id VARCHAR NOT NULL,
    outlet VARCHAR NOT NULL,
    date TIMESTAMP,
    title VARCHAR,
    text VARCHAR NOT NULL,
    url VARCHAR,
    extra VARCHAR,
    ingest_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS measures (
    article_hash VARCHAR NOT NULL,
    family VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    payload VARCHAR NOT NULL,
    scored_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_hash, family, version)
);
CREATE TABLE IF NOT EXISTS ingest_pending (
    ingest_id INTEGER PRIMARY KEY,
    source VARCHAR NOT NULL,
    started TIMESTAMP NOT NULL,
    owner VARCHAR NOT NULL
);
CREATE VIEW IF NOT EXISTS articles AS
    SELECT * FROM article_rows WHERE ingest_id IN (SELECT ingest_id FROM ingests);
"""


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did: rows read, articles added, articles already in the store."""

    source: str
    rows_read: int
    added: int
    already_stored: int
    report: LoadReport
    #: added articles whose text a stored article already has (another title, outlet or
    #: cleaning made them new), and up to three ``(new id, stored id)`` examples
    same_text_as_stored: int = 0
    same_text_examples: tuple = ()
    #: added articles whose id a stored article (of an earlier ingest) already has, with
    #: another text, title or outlet (a corrected article, or ids that are only row numbers),
    #: and up to three of those ids
    same_id_as_stored: int = 0
    same_id_examples: tuple = ()

    def summary(self) -> str:
        text = (f"{self.report.summary()}\n"
                f"  store: {self.added} new article{'' if self.added == 1 else 's'} added, "
                f"{self.already_stored} already stored")
        if self.same_text_as_stored:
            shown = "; ".join(f"id {a} = stored id {b}" for a, b in self.same_text_examples)
            have = "has" if self.same_text_as_stored == 1 else "have"
            text += (f"\n  store: {self.same_text_as_stored} of the new articles {have} the text of "
                     f"an article stored before (a changed title, outlet or cleaning made them "
                     f"new; kept; e.g. {shown})")
        if self.same_id_as_stored:
            shown = ", ".join(repr(i) for i in self.same_id_examples)
            have = "has" if self.same_id_as_stored == 1 else "have"
            text += (f"\n  store: {self.same_id_as_stored} of the new articles {have} the id of a "
                     f"different article stored before (a corrected text, or ids that are "
                     f"row numbers; kept beside it, both counted; e.g. id {shown})")
        return text

    def to_dict(self) -> dict:
        return {"source": self.source, "rows_read": self.rows_read, "added": self.added,
                "already_stored": self.already_stored,
                "same_text_as_stored": self.same_text_as_stored,
                "same_id_as_stored": self.same_id_as_stored,
                "load_report": self.report.to_dict()}


class UnscoredBatch(NamedTuple):
    """Articles to score: their hashes, row ids (to read their texts quickly, see
    :meth:`Store.texts`) and, for each, ``{family: True if it needs scoring}``."""

    hashes: list[str]
    rowids: list[int]
    needs: list[dict[str, bool]]


class Unscored(NamedTuple):
    """What :meth:`Store.unscored_batches` found: articles to score per family, articles to
    score in all, and the batches."""

    counts: dict[str, int]
    articles: int
    batches: Iterator[UnscoredBatch]


class NoStoreError(StoreError, InputError):
    """There is no store at the path given: bad input (the CLI exits with status 2)."""

    default_message = "no store here"
    exit_code = 2


def require_store(path) -> Path:
    """``path`` as a Path, or :class:`NoStoreError` (saying how to make one) if nothing is there."""
    path = Path(path)
    if not path.exists():
        raise NoStoreError(path, hint=f"ingest a corpus first: framing ingest PATH --store {path}")
    return path


class NotAStoreError(StoreError, InputError):
    """The path given as the store is a folder, or a file that is not a DuckDB database (a
    corpus given as ``--store``, say): bad input (the CLI exits with status 2)."""

    default_message = "cannot open the store: it is not a DuckDB database file"
    exit_code = 2


class StoreUnavailableError(StoreError, InputError):
    """The store cannot be created or opened where ``--store`` says: a read-only disk, no
    permission, a file where a folder should be, a damaged database. The user can fix it (give
    another path, fix the permissions): bad input, as a missing store is (exit status 2)."""

    default_message = "cannot open the store"
    exit_code = 2


#: Where a DuckDB database file says what it is (after an 8-byte checksum), in every version.
_DUCKDB_MAGIC = (slice(8, 12), b"DUCK")
#: What a file that is not a store may be instead, by its first bytes or its name.
_NOT_A_STORE_KINDS = ((b"PAR1", None, "a Parquet file"), (b"\x1f\x8b", None, "a gzip file"),
                      (b"SQLite format 3", None, "an SQLite database"),
                      (None, (".csv", ".tsv", ".tab", ".txt"), "a text file"),
                      (None, (".jsonl", ".ndjson", ".json"), "a JSON file"))


def check_store_file(path) -> Path:
    """``path`` as a Path if it is absent (a store is made there) or a DuckDB database file;
    :class:`NotAStoreError` if it is a folder or another kind of file.

    DuckDB itself opens an existing CSV, JSON or Parquet file as a database of one table held
    in memory: an ingest into it reported its articles stored and kept none."""
    path = Path(path)
    if path.is_dir():
        raise NotAStoreError(path, "cannot open the store: it is a folder",
                             hint=f"give the store's file, e.g. --store {path / 'framing.duckdb'}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return path
    except OSError:  # unreadable: DuckDB's own error says why
        return path
    if head[_DUCKDB_MAGIC[0]] == _DUCKDB_MAGIC[1]:
        return path
    name = path.name.lower().removesuffix(".gz")
    kind = next((k for magic, suffixes, k in _NOT_A_STORE_KINDS
                 if (magic and head.startswith(magic)) or (suffixes and name.endswith(suffixes))),
                "an empty file" if not head else "another kind of file")
    raise NotAStoreError(
        path, f"cannot open the store: it is {kind}, not a DuckDB database",
        hint="--store names the store's file (default data/framing.duckdb); a corpus file is "
             "read with framing ingest PATH, or analyze and report --corpus PATH" + (" (an empty file left by another program: remove it "
                                         "and ingest again)" if not head else ""))


#: What to do when the store's place cannot be written: a read-only disk, no permission.
_READ_ONLY_HINT = ("give --store a path on a writable disk (for a store that holds articles, a "
                   "copy of it there); reading needs no write access: framing export and "
                   "framing report --store open a store read-only")
_PERMISSION_HINT = ("give --store a path in a folder you may write, or get write permission on "
                    "the store and its folder")


def _unwritable(path: Path, exc: OSError) -> StoreUnavailableError:
    """The error for a store whose folder cannot be made (``mkdir`` failed with ``exc``)."""
    import errno

    where = exc.filename or path.parent
    if exc.errno == errno.EROFS:
        why, hint = "the file system is read-only", _READ_ONLY_HINT
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why, hint = "no permission to write there", _PERMISSION_HINT
    elif isinstance(exc, (FileExistsError, NotADirectoryError)):
        why = "a file is in the way of its folder"
        hint = f"{where} is a file, not a folder: give --store a path in a folder"
    else:
        why, hint = exc.strerror or str(exc), "give --store a path in a folder you may write"
    return StoreUnavailableError(
        path, f"cannot create the store: its folder {where} cannot be made ({why})", hint=hint)


def _open_error(path: Path, message: str, read_only: bool) -> StoreUnavailableError:
    """The error for a store DuckDB could not open (not because another run holds it): a place
    it may not write (a read-only disk, no permission) is not a damaged store."""
    first = message.splitlines()[0] if message else "unknown error"
    verb = "open" if path.exists() else "create"
    writing = " for writing" if verb == "open" and not read_only else ""
    if "Read-only file system" in message and not read_only:
        return StoreUnavailableError(
            path, f"cannot {verb} the store{writing}: the file system is read-only",
            hint=_READ_ONLY_HINT)
    if "Permission denied" in message:
        return StoreUnavailableError(
            path, f"cannot {verb} the store{writing}: no permission ({first})",
            hint="get read permission on the store" if read_only else _PERMISSION_HINT)
    return StoreUnavailableError(
        path, f"cannot open the store ({first})",
        hint="is it a framing DuckDB store? (a damaged or newer store: restore it from a "
             "backup, or give --store a new path and ingest again)")


class Store:
    """A DuckDB file of articles keyed by content hash.

    Parameters
    ----------
    path : the database file; created (with its folder) on first use.
    read_only : open without taking the write lock (several readers may share a store).
    timeout : seconds to wait for another process's write lock before failing.
    memory_limit : most memory DuckDB may use (e.g. ``"2GB"``); beyond it, it spills to a
        temporary folder beside the store. ``None`` leaves DuckDB's default (80% of RAM), with
        which writing a large corpus can take several GB at checkpoints.
    """

    def __init__(self, path=DEFAULT_STORE, *, read_only: bool = False, timeout: float = 0.0,
                 memory_limit: str | None = DEFAULT_MEMORY_LIMIT):
        self.path = Path(path)
        self.read_only = read_only
        self.timeout = float(timeout)
        self.memory_limit = None if memory_limit is None else _size(memory_limit)
        self._con = None

    # -- connection ---------------------------------------------------------------------------

    @property
    def con(self):
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self):
        import duckdb

        if self.read_only:
            require_store(self.path)
        check_store_file(self.path)
        if not self.read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a read-only disk was exit 1 and 'new: Read-only file system'
                raise _unwritable(self.path, exc) from exc
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                message = str(exc)
                if "lock" in message.lower():
                    if time.monotonic() < deadline:
                        time.sleep(0.2)
                        continue
                    waited = (f"still in use after waiting {self.timeout:g} s; "
                              if self.timeout else "")
                    # a writer is kept out by readers too (a report, an export): saying only
                    # "writing" sent users looking for an ingest that was not running
                    holder = ("writing to it" if self.read_only else
                              "writing to it, or reading it (a report or export holds it until "
                              "it ends)")
                    raise StoreLockedError(
                        self.path, hint=f"{waited}another framing run is {holder}; wait for "
                        "it to finish, or pass a longer timeout (CLI: --wait SECONDS)") from exc
                raise _open_error(self.path, message, self.read_only) from exc
            except duckdb.Error as exc:
                raise _open_error(self.path, str(exc), self.read_only) from exc
        if self.memory_limit:  # a setting of the database (all its connections in this process)
            con.execute(f"SET memory_limit = '{self.memory_limit}'")
        try:
            _check_schema(con, self.path)
        except BaseException:
            con.close()
            raise
        if self.read_only:
            _read_older_schema(con)
        else:
            _upgrade(con)
            con.execute(_SCHEMA)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [SCHEMA_VERSION])
            _discard_unfinished_ingests(con)
        return con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def ingest(self, source, *, mapping=None, progress=None, **load_options) -> IngestResult:
        """Add the articles of ``source`` that are not stored yet, all or nothing.

        ``mapping`` and ``load_options`` are those of :func:`framing.load_corpus`. ``progress``
        is called with the number of rows read after each chunk. Readers see the new articles
        only once the whole ingest has succeeded; on any error nothing of it is kept, and if the
        process is killed, its rows stay invisible and are removed the next time the store is
        opened for writing. Each chunk is committed on its own, so memory stays bounded.
        """
        import pandas as pd

        from framing.corpus import CorpusReader

        if self.read_only:
            raise StoreError(self.path, "the store was opened read-only")
        reader = CorpusReader(source, mapping=mapping, **load_options)
        con = self.con
        started = pd.Timestamp.now(tz="UTC").tz_localize(None)
        added = 0
        with _transaction(con):
            ingest_id = con.execute(
                "SELECT coalesce(max(ingest_id), 0) + 1 FROM (SELECT ingest_id FROM ingests "
                "UNION ALL SELECT ingest_id FROM ingest_pending UNION ALL "
                "SELECT max(ingest_id) FROM article_rows)").fetchall()[0][0]
            con.execute("INSERT INTO ingest_pending VALUES (?, ?, ?, ?)",
                        [ingest_id, str(source), started, _owner()])
        try:
            for chunk in reader:
                with _transaction(con):
                    added += self._insert_chunk(chunk, ingest_id, reader.chunk_keys)
                if progress is not None:
                    progress(reader.report.rows_read)
            report = reader.report
            already = report.rows_loaded - added
            # the same text under another key (an edited title, another cleaning): counted, as
            # duplicates inside one file are, so a night's corrections do not pass unseen
            same = con.execute(
                "SELECT n.id, min(a.id) FROM article_rows n JOIN articles a ON a.text = n.text "
                "AND a.article_hash <> n.article_hash WHERE n.ingest_id = ? GROUP BY n.id, "
                "n.article_hash ORDER BY n.id", [ingest_id]).fetchall()
            # an id given before to another article: a corrected text under its old id is a
            # new article beside the old one, which no count above shows
            same_id = [r[0] for r in con.execute(
                "SELECT DISTINCT n.id FROM article_rows n JOIN articles a ON a.id = n.id "
                "AND a.article_hash <> n.article_hash WHERE n.ingest_id = ? AND n.id IS NOT NULL "
                "ORDER BY n.id", [ingest_id]).fetchall()]
            record = {**report.to_dict(), "same_text_as_stored": len(same),
                      "same_id_as_stored": len(same_id),
                      "source_info": _source_info(source, mapping, load_options)}
            with _transaction(con):  # the ingest becomes visible here, all at once
                con.execute(
                    "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [ingest_id, str(source), started,
                     pd.Timestamp.now(tz="UTC").tz_localize(None), report.rows_read, added,
                     already, json.dumps(record, default=str)])
                con.execute("DELETE FROM ingest_pending WHERE ingest_id = ?", [ingest_id])
        except BaseException:
            _discard_ingest(con, ingest_id)
            raise
        logger.info("ingested %s: %d added, %d already stored", source, added, already)
        return IngestResult(str(source), report.rows_read, added, already, report, len(same),
                            tuple((str(a), str(b)) for a, b in same[:3]), len(same_id),
                            tuple(str(i) for i in same_id[:3]))

    def _insert_chunk(self, chunk: pd.DataFrame, ingest_id: int, keys: list[str]) -> int:
        import pandas as pd

        from framing.corpus import CANONICAL_COLUMNS

        extras = [c for c in chunk.columns if c not in CANONICAL_COLUMNS]
        # pandas >= 3 stores a missing string as NaN; the store wants None
        title, url = _strings(chunk["title"]), _strings(chunk["url"])
        if len(keys) != len(chunk):
            raise AssertionError("the reader's keys do not match its chunk")
        rows = pd.DataFrame({
            "article_hash": keys,
            "id": _strings(chunk["id"]),
            "outlet": _strings(chunk["outlet"]),
            "date": chunk["date"],
            "title": title,
            "text": _strings(chunk["text"]),
            "url": url,
            "extra": _extras_json(chunk, extras),
        }, dtype=object).astype({"date": chunk["date"].dtype})
        rows = rows.drop_duplicates("article_hash")
        self.con.register("incoming", rows)
        try:
            inserted = self.con.execute(
                """INSERT OR IGNORE INTO article_rows
                   SELECT article_hash, id, outlet, date, title, text, url, extra, ?
                   FROM incoming""",
                [ingest_id]).fetchall()[0][0]
        except BaseException:
            # the failed INSERT (Ctrl-C, a full disk) aborted the transaction, and unregistering
            # in it raises "Current transaction is aborted": that error would replace the
            # reason, and reach the terminal as a traceback
            with contextlib.suppress(Exception):
                self.con.unregister("incoming")
            raise
        self.con.unregister("incoming")
        return int(inserted)

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """Number of stored articles."""
        return int(self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0])

    def outlet_counts(self, *, start=None, end=None) -> pd.Series:
        """Stored articles per outlet (most first, then by name), counted in DuckDB without
        loading texts; with ``start``/``end`` (inclusive days) only the articles dated in that
        range.

        >>> import tempfile, os
        >>> folder = tempfile.mkdtemp()
        >>> _ = open(os.path.join(folder, "c.csv"), "w").write("outlet,text\\nA,x\\nB,y\\nB,z\\n")
        >>> with Store(os.path.join(folder, "s.duckdb")) as st:
        ...     _ = st.ingest(os.path.join(folder, "c.csv"))
        ...     st.outlet_counts().to_dict()
        {'B': 2, 'A': 1}
        """
        import pandas as pd

        where, params = self._range(start, end)
        sql = "SELECT outlet, count(*) AS n FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.con.execute(sql + " GROUP BY outlet ORDER BY n DESC, outlet", params).fetchall()
        return pd.Series({outlet: int(n) for outlet, n in rows}, dtype="int64", name="articles")

    @staticmethod
    def _range(start, end) -> tuple[list[str], list]:
        """SQL conditions and parameters for articles dated from ``start`` to ``end``
        (inclusive days; either may be None)."""
        import pandas as pd

        where, params = [], []
        if start is not None:
            where.append("date >= ?")
            params.append(pd.Timestamp(start).to_pydatetime())
        if end is not None:
            where.append("date < ?")
            params.append((pd.Timestamp(end) + pd.Timedelta(days=1)).to_pydatetime())
        return where, params

    def range_counts(self, *, outlets=None, start=None, end=None) -> dict:
        """Of the stored articles (of ``outlets``), how many are undated, dated outside the range
        ``start`` to ``end`` and inside it, and the first and last date: what a report's
        loading summary says its date range left out, counted without reading texts.
        ``{"undated", "outside", "inside", "first", "last"}``."""
        where, params = self._range(start, end)
        inside = " AND ".join(where) or "TRUE"
        sql = (f"SELECT count(*) FILTER (WHERE date IS NULL), "
               f"count(*) FILTER (WHERE date IS NOT NULL AND NOT ({inside})), "
               f"count(*) FILTER (WHERE {inside}), min(date), max(date) FROM articles")
        params = params * 2
        if isinstance(outlets, str):
            outlets = [outlets]
        if outlets:
            sql += " WHERE outlet IN (SELECT unnest(?))"
            params.append(list(outlets))
        undated, outside, n_inside, first, last = self.con.execute(sql, params).fetchone()
        return {"undated": int(undated), "outside": int(outside), "inside": int(n_inside),
                "first": first, "last": last}

    def articles(self, *, outlets=None, extras: bool | list[str] = True, start=None,
                 end=None) -> pd.DataFrame:
        """All stored articles as a DataFrame with the canonical columns (and extras).

        ``outlets``: only the articles of these outlets (a list of names, or one name); default
        all. ``extras``: True, every other column the ingested files had (e.g. AllSides' ``topic``);
        False, none; a list of names, those only (a name no article has is not added: the
        caller says what is missing, :func:`framing.notebook.load_report_corpus` does).
        ``start``/``end``: only the articles dated in that range (inclusive days, as in
        :meth:`outlet_counts`; undated articles are then left out), selected in DuckDB so that
        the other texts are not read. The column ``article_hash`` (the store key) comes last.
        """
        import pandas as pd

        sql = ("SELECT id, outlet, date, title, text, url, extra, article_hash FROM articles")
        where, params = self._range(start, end)
        if isinstance(outlets, str):  # one outlet, not its letters
            outlets = [outlets]
        if outlets:
            where.append("outlet IN (SELECT unnest(?))")
            params.append(list(outlets))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY ingest_id, date NULLS LAST, article_hash"
        df = self.con.execute(sql, params).df()
        extra = df.pop("extra")
        if extras and extra.notna().any():
            records = [json.loads(e) if isinstance(e, str) else {} for e in extra]
            if not isinstance(extras, bool):
                names = list(extras)
                records = [{k: r[k] for k in names if k in r} for r in records]
            expanded = pd.DataFrame.from_records(records, index=df.index)
            df = pd.concat([df.drop(columns="article_hash"), expanded, df["article_hash"]], axis=1)
        return df

    def article(self, key: str) -> dict:
        """One stored article, found by its ``id`` or by its ``article_hash`` (or a prefix of at
        least 6 characters): ``{id, outlet, date, title, text, article_hash}``.

        Raises :class:`~framing.errors.InputError` naming the store when nothing or more than one
        article matches."""
        key = str(key).strip()
        rows = self.con.execute(
            "SELECT id, outlet, date, title, text, article_hash FROM articles WHERE id = ? "
            "OR (length(?) >= 6 AND starts_with(article_hash, ?)) LIMIT 6",
            [key, key, key]).fetchall()
        if not rows:
            raise InputError(self.path, f"no stored article has the id or hash {key!r}",
                             field="id", hint="the stored ids and hashes: framing export "
                             f"--store {self.path} articles.parquet lists them (columns id, "
                             "article_hash); in Python framing.Store(PATH).articles()")
        if len(rows) > 1:
            raise InputError(self.path, f"{len(rows)}{'+' if len(rows) == 6 else ''} stored "
                             f"articles match {key!r}", field="id",
                             hint="give the article_hash instead: "
                                  + ", ".join(r[5][:12] for r in rows[:5]))
        names = ("id", "outlet", "date", "title", "text", "article_hash")
        return dict(zip(names, rows[0]))

    def fields(self, *names: str) -> pd.DataFrame:
        """``article_hash`` and the given extra fields of every stored article (such as a bias
        label kept from the source file), without loading the texts.

        An extra field is a column of an ingested file beside the canonical ones (id, outlet,
        date, title, text, url, which :meth:`articles` gives). A field some articles lack (one
        ingested file had it, another not) is missing for those. A field that no stored
        article has (a typo, or a canonical column) is a
        :class:`~framing.errors.MissingColumnError` naming it and listing the fields the store
        holds; an empty store gives an empty table.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.jsonl").write_text(
        ...     '{"text": "Talks resume.", "outlet": "Wire", "bias": "center"}\\n'
        ...     '{"text": "Talks fail.", "outlet": "Post"}\\n')
        >>> st = Store(folder / "s.duckdb")
        >>> _ = st.ingest(folder / "a.jsonl")
        >>> bias = st.fields("bias")["bias"]  # one article has it, the other not
        >>> len(bias), bias.dropna().tolist()
        (2, ['center'])
        >>> st.fields("bais")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        framing.errors.MissingColumnError: ...'bais'. fields present: bias; ...
        >>> st.close()
        """
        import pandas as pd

        rows = self.con.execute("SELECT article_hash, extra FROM articles").fetchall()
        out = {"article_hash": [h for h, _ in rows]}
        parsed = [json.loads(e) if isinstance(e, str) else {} for _, e in rows]
        if parsed:
            present = sorted({str(k) for p in parsed for k in p})
            for name in names:
                if not any(name in p for p in parsed):
                    raise MissingColumnError(
                        self.path, f"no stored article has an extra field {name!r}", field=name,
                        hint="fields present: " + (", ".join(present) or "none")
                             + "; id, outlet, date, title, text and url are in "
                               "Store.articles(), and a store keeps the columns the ingested "
                               "files had")
        for name in names:
            out[name] = [p.get(name) for p in parsed]
        return pd.DataFrame(out)

    def ingests(self) -> pd.DataFrame:
        """One row per completed ingest."""
        return self.con.execute(
            "SELECT ingest_id, source, started, finished, rows_read, added, already_stored "
            "FROM ingests ORDER BY ingest_id").df()

    def ingest_sources(self) -> pd.DataFrame:
        """What each completed ingest read, to audit a store filled night after night from
        files of the same name: ``ingest_id, finished, path`` (absolute), ``bytes``, ``sha256``
        of the file (``files`` for a folder), the loading ``options`` (mapping, encoding,
        cleaning) and the ``framing`` version that ingested it; missing for ingests made before
        these were recorded."""
        import pandas as pd

        rows = []
        for ingest_id, finished, source, text in self.con.execute(
                "SELECT ingest_id, finished, source, report FROM ingests "
                "ORDER BY ingest_id").fetchall():
            try:
                info = json.loads(text).get("source_info") or {}
            except (ValueError, AttributeError):
                info = {}
            rows.append({"ingest_id": int(ingest_id), "finished": pd.Timestamp(finished),
                         "path": info.get("path", source), "bytes": info.get("bytes"),
                         "sha256": info.get("sha256"), "files": info.get("files"),
                         "options": info.get("options"), "framing": info.get("framing")})
        return pd.DataFrame(rows, columns=["ingest_id", "finished", "path", "bytes", "sha256",
                                           "files", "options", "framing"])

    def load_reports(self) -> list[tuple[int, pd.Timestamp, LoadReport]]:
        """``(ingest_id, finished, load report)`` of every completed ingest, oldest first: what
        each ingest read, skipped, cleaned and found duplicated."""
        import pandas as pd

        from framing.corpus import LoadReport

        out = []
        for ingest_id, finished, source, text in self.con.execute(
                "SELECT ingest_id, finished, source, report FROM ingests "
                "ORDER BY ingest_id").fetchall():
            try:
                stored = json.loads(text)
            except ValueError:
                stored = {}
            report = LoadReport.from_dict({"path": source, **stored})
            out.append((int(ingest_id), pd.Timestamp(finished), report))
        return out

    # -- measures -----------------------------------------------------------------------------

    def hashes(self) -> list[str]:
        """Every stored article's hash, in ingest order."""
        return [r[0] for r in self.con.execute(
            "SELECT article_hash FROM articles ORDER BY ingest_id, article_hash").fetchall()]

    def unscored(self, family: str, version: str) -> list[str]:
        """Hashes of stored articles that have no measures of ``family`` at ``version``."""
        rows = self.con.execute(
            """SELECT a.article_hash FROM articles a ANTI JOIN
               (SELECT article_hash FROM measures WHERE family = ? AND version = ?) m
               USING (article_hash) ORDER BY a.ingest_id, a.article_hash""",
            [family, version]).fetchall()
        return [r[0] for r in rows]

    def n_unscored(self, versions: dict[str, str], *, hashes=None) -> int:
        """How many stored articles miss the measures of any ``{family: version}`` (one query;
        works on a read-only store); with ``hashes``, only among those articles."""
        families = list(versions)
        if not families:
            return 0
        joins, params = [], []
        for i, family in enumerate(families):
            joins.append(f"LEFT JOIN (SELECT article_hash FROM measures WHERE family = ? AND "
                         f"version = ?) m{i} ON m{i}.article_hash = a.article_hash")
            params += [family, versions[family]]
        with self._only(hashes) as only:
            return int(self.con.execute(
                f"SELECT count(*) FROM article_rows a {' '.join(joins)} "
                f"WHERE a.ingest_id IN (SELECT ingest_id FROM ingests) AND {only} AND "
                f"({' OR '.join(f'm{i}.article_hash IS NULL' for i in range(len(families)))})",
                params).fetchall()[0][0])

    @contextlib.contextmanager
    def _only(self, hashes, *, con=None, alias: str = "a"):
        """A SQL condition keeping the rows of ``alias`` whose hash is in ``hashes`` (all rows
        when None), valid on ``con`` (default: the store's connection) inside the block: the
        hashes are a registered DataFrame, not a parameter list, so tens of thousands cost one
        hash join."""
        if hashes is None:
            yield "TRUE"
            return
        import pandas as pd

        con = self.con if con is None else con
        name = f"framing_only_{uuid.uuid4().hex[:12]}"
        con.register(name, pd.DataFrame({"article_hash": pd.Series(list(hashes),
                                                                   dtype=object)}))
        try:
            yield f"{alias}.article_hash IN (SELECT article_hash FROM {name})"
        finally:
            con.unregister(name)

    def unscored_batches(self, versions: dict[str, str], size: int = 2000, *,
                         hashes=None) -> Unscored:
        """The stored articles that miss the measures of any ``{family: version}``, in ingest
        order: how many per family, and a generator of :class:`UnscoredBatch` of at most
        ``size`` articles; with ``hashes``, only among those articles (a report on some
        outlets scores those outlets' articles, not the whole store).

        The list is kept in a temporary table of this connection, not in Python, so memory
        does not grow with the store; each batch is one small query, so measures can be
        written between batches. Consume the batches before the next call.
        """
        families = list(versions)
        self.con.execute("DROP TABLE IF EXISTS temp.framing_unscored")
        if not families:
            return Unscored({}, 0, iter(()))
        joins, needs, params = [], [], []
        for i, family in enumerate(families):
            joins.append(f"LEFT JOIN (SELECT article_hash FROM measures WHERE family = ? AND "
                         f"version = ?) m{i} ON m{i}.article_hash = a.article_hash")
            needs.append(f"m{i}.article_hash IS NULL AS need{i}")
            params += [family, versions[family]]
        # ``rowid`` orders the rows as they were written (ingest by ingest, file order) and
        # lets a batch's texts be read from the few row groups that hold them
        with self._only(hashes) as only:
            self.con.execute(
                "CREATE TEMP TABLE framing_unscored AS SELECT row_number() OVER (ORDER BY "
                f"a.rowid) - 1 AS k, a.article_hash, a.rowid AS rid, {', '.join(needs)} "
                f"FROM article_rows a {' '.join(joins)} "
                f"WHERE a.ingest_id IN (SELECT ingest_id FROM ingests) AND {only} AND "
                f"({' OR '.join(f'm{i}.article_hash IS NULL' for i in range(len(families)))})",
                params)
        counts = self.con.execute(
            "SELECT count(*), " + ", ".join(f"count(*) FILTER (WHERE need{i})"
                                            for i in range(len(families)))
            + " FROM framing_unscored").fetchall()[0]

        def batches():
            try:
                for start in range(0, counts[0], size):
                    rows = self.con.execute(
                        "SELECT * EXCLUDE (k) FROM framing_unscored WHERE k >= ? AND k < ? "
                        "ORDER BY k", [start, start + size]).fetchall()
                    yield UnscoredBatch([r[0] for r in rows], [r[1] for r in rows],
                                        [dict(zip(families, r[2:])) for r in rows])
            finally:
                self.con.execute("DROP TABLE IF EXISTS temp.framing_unscored")

        return Unscored(dict(zip(families, counts[1:])), counts[0], batches())

    def texts(self, hashes: list[str], rowids: list[int] | None = None) -> pd.DataFrame:
        """``article_hash, text`` of the given articles, in the order given.

        With their ``rowids`` (from :meth:`unscored_batches`) only the row groups between the
        smallest and largest are read, instead of every stored text; should the row ids no
        longer match (the table was rewritten meanwhile), the texts are found by hash."""
        import pandas as pd

        pairs = self.text_pairs(hashes, rowids)
        return pd.DataFrame({"article_hash": [h for h, _ in pairs],
                             "text": [t for _, t in pairs]})

    def text_pairs(self, hashes: list[str], rowids: list[int] | None = None) -> list[tuple]:
        """:meth:`texts` as a list of ``(article_hash, text)`` pairs, without pandas (a
        nightly ``framing analyze`` does not import it)."""
        hashes = list(hashes)
        if rowids:
            found = dict(self.con.execute(
                "SELECT article_hash, text FROM article_rows WHERE rowid BETWEEN ? AND ? AND "
                "article_hash IN (SELECT unnest(?::VARCHAR[]))",
                [min(rowids), max(rowids), hashes]).fetchall())
            if all(h in found for h in hashes):
                return [(h, found[h]) for h in hashes]
        found = dict(self.con.execute(
            "SELECT article_hash, text FROM articles WHERE article_hash IN "
            "(SELECT unnest(?::VARCHAR[]))", [hashes]).fetchall())
        return [(h, found[h]) for h in hashes if h in found]

    def write_measures(self, family: str, version: str, rows: list[tuple[str, dict]]) -> int:
        """Store ``(article_hash, values)`` pairs for one family and version, in one transaction."""
        if self.read_only:
            raise StoreError(self.path, "the store was opened read-only")
        if not rows:
            return 0
        import datetime as dt

        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        hashes = [h for h, _ in rows]
        payloads = [json.dumps(v, allow_nan=True) for _, v in rows]
        self.con.execute("BEGIN TRANSACTION")
        try:
            # the two lists as parameters, unnested side by side (no DataFrame: pandas is not
            # imported by a nightly run)
            n = self.con.execute(
                "INSERT OR REPLACE INTO measures SELECT unnest(?::VARCHAR[]), ?, ?, "
                "unnest(?::VARCHAR[]), ?::TIMESTAMP", [hashes, family, version, payloads, now]
            ).fetchall()[0][0]
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise
        return int(n)

    def measure_versions(self) -> list[tuple[str, str, int, object]]:
        """``(family, version, articles, last scored)`` of every family version the store holds
        measures of, by family then oldest first. A store keeps every version it was given
        (switching back to an earlier codebook reads its results again), so each lexicon,
        codebook or framing upgrade adds a full set; :meth:`drop_measures` removes those no
        longer wanted (``framing prune``)."""
        return [(f, v, int(n), last) for f, v, n, last in self.con.execute(
            "SELECT family, version, count(*), max(scored_at) FROM measures GROUP BY ALL "
            "ORDER BY family, max(scored_at), version").fetchall()]

    def drop_measures(self, versions) -> int:
        """Delete the stored measures of the given ``(family, version)`` pairs, all in one
        transaction; returns the number of rows deleted. The articles stay; scoring them again
        at such a version re-scores them. DuckDB reuses the space freed for later writes, so a
        store pruned after each re-scoring stops growing, but the file does not shrink (neither
        ``CHECKPOINT`` nor ``VACUUM`` gives space back; a copy of the database does,
        ``COPY FROM DATABASE``)."""
        if self.read_only:
            raise StoreError(self.path, "the store was opened read-only")
        pairs = [(str(f), str(v)) for f, v in versions]
        if not pairs:
            return 0
        with _transaction(self.con):
            n = self.con.execute(
                "DELETE FROM measures WHERE (family, version) IN (SELECT (unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[])))", [[f for f, _ in pairs], [v for _, v in pairs]]
            ).fetchall()[0][0]
        return int(n)

    def metrics(self, versions: dict[str, str], *, hashes=None) -> pd.DataFrame:
        """One row per stored article: ``id, outlet, date, title, article_hash`` and the stored
        measures of each ``{family: version}`` as ``<family>_<field>`` columns (missing where an
        article has not been scored at that version); with ``hashes``, only those articles
        (the others' measures are not read)."""
        import pandas as pd

        order = "ORDER BY a.ingest_id, a.date NULLS LAST, a.article_hash"
        with self._only(hashes) as only:
            meta = self.con.execute(
                f"SELECT id, outlet, date, title, article_hash FROM articles a WHERE {only} "
                f"{order}").df()
            parts = [meta]
            for family, version in versions.items():
                # payloads in the order of ``meta``, parsed a batch at a time: memory holds the
                # resulting columns, not a million parsed dicts at once
                cursor = self.con.cursor()
                if self.read_only:  # a cursor has temporary objects of its own
                    _read_older_schema(cursor)
                try:
                    with self._only(hashes, con=cursor) as only_here:
                        cursor.execute(
                            "SELECT m.payload FROM articles a LEFT JOIN (SELECT article_hash, "
                            "payload FROM measures WHERE family = ? AND version = ?) m USING "
                            f"(article_hash) WHERE {only_here} {order}", [family, version])
                        batches = []
                        while batch := cursor.fetchmany(_METRICS_BATCH):
                            batches.append(pd.DataFrame.from_records(
                                [json.loads(p) if p is not None else {} for (p,) in batch]))
                finally:
                    cursor.close()
                values = pd.concat(batches, ignore_index=True) if batches else pd.DataFrame()
                values.index = meta.index[:len(values)]
                parts.append(values)
        return pd.concat(parts, axis=1)

    def export_parquet(self, path) -> Path:
        """Write all stored articles to a Parquet file (written to a temporary name, then moved)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        escaped = str(tmp).replace("'", "''")
        try:
            self.con.execute(
                "COPY (SELECT id, outlet, date, title, text, url, extra, article_hash "
                f"FROM articles ORDER BY ingest_id, article_hash) TO '{escaped}' (FORMAT PARQUET)")
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return path


def _source_info(source, mapping, load_options) -> dict:
    """The ingested file's absolute path, size and SHA-256 (a folder: its number of files), the
    options it was read with and framing's version."""
    import hashlib
    from importlib import metadata

    from framing.corpus import parse_mapping

    path = Path(source).resolve()
    info: dict = {"path": str(path)}
    try:
        if path.is_dir():
            info["files"] = sum(1 for p in path.rglob("*") if p.is_file())
        else:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            info.update(bytes=path.stat().st_size, sha256=digest.hexdigest())
    except OSError:
        pass
    info["options"] = {"mapping": parse_mapping(mapping),
                       **{k: v for k, v in load_options.items() if v is not None}}
    try:
        info["framing"] = metadata.version("framing")
    except metadata.PackageNotFoundError:
        info["framing"] = None
    return info


class _transaction:
    """``with _transaction(con):`` -- BEGIN, then COMMIT, or ROLLBACK on any exception."""

    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, kind, value, tb):
        if kind is not None:
            _rollback(self.con)
            return False
        try:
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise
        return False


def _rollback(con) -> None:
    """Roll back after an error, keeping that error: an interruption (Ctrl-C) may also cut the
    ROLLBACK short ("Query interrupted"), or arrive just after the COMMIT ("no transaction is
    active"); either way DuckDB keeps nothing uncommitted, and the reason to report is the
    first error, not the rollback's."""
    import duckdb

    try:
        con.execute("ROLLBACK")
    except (duckdb.Error, RuntimeError):
        pass


def _tables(con) -> dict[str, str]:
    """``{name: table type}`` of the store's own tables and views (not temporary ones)."""
    return dict(con.execute("SELECT table_name, table_type FROM information_schema.tables "
                            "WHERE table_schema = 'main' AND table_catalog = current_database()"
                            ).fetchall())


def _check_schema(con, path) -> None:
    """Refuse a store written by a newer framing (a later schema version): this one would
    misread it, and opening it for writing would mark it with the older version."""
    if "meta" not in _tables(con):
        return
    found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    try:
        version = int(found[0][0]) if found else 0
    except (TypeError, ValueError):
        version = 0
    if version > int(SCHEMA_VERSION):
        raise StoreError(path, f"cannot open the store: a newer framing wrote it (store schema "
                               f"{version}; this framing reads schema {SCHEMA_VERSION} and "
                               "older)",
                         hint="upgrade framing to the release that wrote it; nothing was changed")


def _read_older_schema(con) -> None:
    """Let a read-only connection read a store written by an older framing as it is (it is
    upgraded only when opened for writing): schema 1 had the table ``articles`` where
    ``article_rows`` is now (every row of a completed ingest), and a store of the first release
    that was never analyzed has no ``measures``. Temporary views and tables of this connection
    stand in for what is missing; the file is not changed."""
    tables = _tables(con)
    if tables.get("articles") == "BASE TABLE" and "article_rows" not in tables:
        con.execute("CREATE TEMP VIEW article_rows AS SELECT * FROM main.articles")
    if "measures" not in tables:
        con.execute("CREATE TEMP TABLE measures (article_hash VARCHAR NOT NULL, family VARCHAR "
                    "NOT NULL, version VARCHAR NOT NULL, payload VARCHAR NOT NULL, scored_at "
                    "TIMESTAMP NOT NULL)")


def _upgrade(con) -> None:
    """Bring a store written by an older framing to the current layout (in place, once)."""
    kind = con.execute("SELECT table_type FROM information_schema.tables "
                       "WHERE table_schema = 'main' AND table_name = 'articles'").fetchall()
    if kind and kind[0][0] == "BASE TABLE":  # schema 1: articles was the table itself
        con.execute("ALTER TABLE articles RENAME TO article_rows")


@functools.lru_cache(maxsize=None)
def _process_token() -> str:
    return uuid.uuid4().hex


def _owner() -> str:
    """This process, as written in ``ingest_pending``: its pid and a random token (a forked
    child has its own pid, so the pair differs from its parent's)."""
    return f"{os.getpid()}-{_process_token()}"


def _discard_ingest(con, ingest_id: int) -> None:
    """Remove the rows of one unfinished ingest (after its error)."""
    try:
        with _transaction(con):
            con.execute("DELETE FROM article_rows WHERE ingest_id = ? AND ingest_id NOT IN "
                        "(SELECT ingest_id FROM ingests)", [ingest_id])
            con.execute("DELETE FROM ingest_pending WHERE ingest_id = ?", [ingest_id])
    except Exception:  # noqa: BLE001 - the next opening for writing cleans up instead
        logger.warning("could not remove the rows of unfinished ingest %d yet; they stay "
                       "invisible and are removed the next time the store is opened", ingest_id)


def _discard_unfinished_ingests(con) -> None:
    """Remove the rows of ingests that never finished (their process was killed).

    Only one process can open a store for writing, so a pending ingest of another process is
    dead. One of this process (another Store object in a thread) may still be running. Processes
    are told apart by a random token, not the pid alone, which a container may reuse.
    """
    pending = [r[0] for r in con.execute(
        "SELECT ingest_id FROM ingest_pending WHERE owner <> ?", [_owner()]).fetchall()]
    if not pending:
        return
    with _transaction(con):
        con.execute("DELETE FROM article_rows WHERE ingest_id IN (SELECT unnest(?)) "
                    "AND ingest_id NOT IN (SELECT ingest_id FROM ingests)", [pending])
        con.execute("DELETE FROM ingest_pending WHERE ingest_id IN (SELECT unnest(?))", [pending])
    logger.info("removed the rows of %d unfinished ingest(s)", len(pending))


def _size(value: str) -> str:
    """A memory size such as ``2GB`` or ``512 MB``, checked (it goes into a SET statement)."""
    import re

    text = str(value).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", text, flags=re.IGNORECASE):
        from framing.errors import InputError

        raise InputError(None, f"memory limit {value!r} is not a size",
                         hint="write it like 2GB or 512MB")
    return text


def _strings(column: pd.Series) -> list:
    """A text column as a list of str, with None (not NaN) where a value is missing."""
    return [v if isinstance(v, str) else None for v in column]


def _extras_json(chunk: pd.DataFrame, extras: list[str]) -> list:
    if not extras:
        return [None] * len(chunk)
    records = chunk[extras].to_dict("records")
    return [json.dumps({k: _plain(v) for k, v in r.items() if not _missing(v)}, default=str,
                       ensure_ascii=False) for r in records]


def _missing(value) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        try:
            return value.item()
        except (AttributeError, ValueError):
            pass
    if hasattr(value, "tolist"):
        return value.tolist()
    return value
