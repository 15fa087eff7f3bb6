"""Score a corpus on a Dask cluster: the same per-text scoring as :func:`framing.analyze`, one
partition per task.

:func:`analyze_dask` maps :func:`framing.analyze` (pure, one process) over the partitions of a
dask DataFrame and returns a lazy dask DataFrame whose computed result equals
``framing.analyze(ddf.compute())`` row for row: same index, columns and values, and the same
dtypes too, except that dask by default turns text columns into pyarrow strings (its
``dataframe.convert-string`` setting). ``framing.analyze(ddf)`` calls it for you.

:func:`analyze_parquet` is the command-line path (``framing analyze --engine dask``): Parquet
partitions in, Parquet partitions out, written by the workers themselves so that neither the
texts nor the results pass through the client. Each worker reads its partition as
:func:`framing.load_corpus` reads a file's rows, by the same code
(:class:`framing.corpus.Canonicalizer`: cleaning, default ids, dates, bad rows), so the output
equals ``framing.analyze(framing.load_corpus(path))``. Each output file is named after its input
partition (``part.00000.parquet``, ...), so reading the output folder gives the rows in input
order.

Parallelism comes from the cluster: run one worker process per core with one thread each
(scoring is pure Python and holds the GIL). See ``docs/scale.md`` for Slurm and Kubernetes.

Example
-------
>>> import pandas as pd
>>> from dask import dataframe as dd
>>> corpus = pd.DataFrame({"text": ["Talks may resume.", "It will certainly fail."]})
>>> lazy = analyze_dask(dd.from_pandas(corpus, npartitions=2), measures=["hedging"])
>>> lazy.compute(scheduler="sync")["hedging_hedges"].tolist()
[1, 0]
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from framing.analyze import DEFAULT_MEASURES, META_COLUMNS, _check_measures

__all__ = ["analyze_dask", "analyze_parquet", "is_dask_frame", "measure_schema"]

logger = logging.getLogger(__name__)

#: Rows per partition that analyze_parquet aims at when it has to split the input (a
#: ``framing export`` file is a single row group): large enough to amortize a task's overhead
#: (about 10-20 s of scoring on one core), small enough to spread over many workers.
PARTITION_ROWS = 2000


def is_dask_frame(obj) -> bool:
    """True for a dask DataFrame (checked without importing dask when it is not loaded)."""
    module = type(obj).__module__ or ""
    return module.startswith(("dask.", "dask_expr")) and hasattr(obj, "map_partitions")


def _sample_result(measures, codebook, targets, toward_encoder: bool = False) -> pd.DataFrame:
    """The columns and dtypes of analyze() for a text that every family scores."""
    from framing.analyze import scored_probe

    return scored_probe(measures, codebook=codebook, targets=targets,
                        toward_encoder=toward_encoder)


def _meta(ddf, sample: pd.DataFrame) -> pd.DataFrame:
    values = sample.drop(columns=[c for c in META_COLUMNS if c in sample.columns]).iloc[:0]
    base = ddf._meta
    meta_cols = [c for c in META_COLUMNS if c in base.columns]
    return pd.concat([base[meta_cols], values.set_axis(base.index[:0])], axis=1)


def _score_partition(part: pd.DataFrame, measures, codebook, targets, text_col: str,
                     columns: list[str], text_dtypes: dict | None = None,
                     toward_encoder: bool = False) -> pd.DataFrame:
    """framing.analyze over one partition, in the worker, with the columns every partition has.

    A partition holding only missing texts still gets every measure column, all missing; its
    text-valued columns take the dtype they have elsewhere (``text_dtypes``), so that joining
    the partitions gives the dtypes the pandas path gives."""
    from framing.analyze import analyze

    out = analyze(part, measures=measures, codebook=codebook, targets=targets, jobs=1,
                  text_col=text_col, toward_encoder=toward_encoder)
    if list(out.columns) != columns:
        out = out.reindex(columns=columns)
    for name, dtype in (text_dtypes or {}).items():
        if name in out.columns and out[name].dtype != dtype and out[name].isna().all():
            out[name] = out[name].astype(dtype)
    return out


def _text_dtypes(sample: pd.DataFrame) -> dict:
    return {c: t for c, t in sample.dtypes.items()
            if c not in META_COLUMNS and not (pd.api.types.is_numeric_dtype(t)
                                              or pd.api.types.is_bool_dtype(t))}


def analyze_dask(ddf, *, measures=DEFAULT_MEASURES, codebook="policy", targets=None,
                 text_col: str = "text", toward_encoder: bool = False):
    """Score a dask DataFrame partition by partition; returns a lazy dask DataFrame.

    Parameters
    ----------
    ddf : dask DataFrame with a text column (one row per article).
    measures, codebook, targets, text_col, toward_encoder : as in :func:`framing.analyze`
        (with ``toward_encoder``, every worker needs the encoder's weights installed).

    Returns
    -------
    dask DataFrame with the input's index and divisions: ``id, outlet, date, title`` where present,
    then the ``<family>_<field>`` columns. ``.compute()`` equals ``framing.analyze`` of the
    computed input.
    """
    measures = _check_measures(measures)
    if text_col not in ddf.columns:
        from framing.errors import MissingColumnError

        raise MissingColumnError(None, field=text_col, hint="columns present: "
                                 + ", ".join(map(str, ddf.columns)))
    sample = _sample_result(measures, codebook, targets, toward_encoder)
    meta = _meta(ddf, sample)
    return ddf.map_partitions(_score_partition, measures, codebook, targets, text_col,
                              list(meta.columns), _text_dtypes(sample), toward_encoder,
                              meta=meta, align_dataframes=False)


# ---------------------------------------------------------------------------------------------
# Parquet in, Parquet out


def measure_schema(measures=DEFAULT_MEASURES, *, codebook="policy", targets=None,
                   text_col: str = "text", meta=None, toward_encoder: bool = False):
    """The Arrow schema :func:`analyze_parquet` writes: the ``id, outlet, date, title`` columns
    of ``meta`` (an empty input frame; their input types are kept), then the measure columns
    with their natural types. Integers stay integers and booleans booleans, with nulls where a
    text is missing, so reading the folder back gives the dtypes ``framing.analyze`` gives."""
    import pyarrow as pa

    sample = _sample_result(_check_measures(measures), codebook, targets, toward_encoder)
    fields = []
    if meta is not None:
        head = meta[[c for c in META_COLUMNS if c in meta.columns]]
        fields.extend(pa.Schema.from_pandas(head, preserve_index=False))
    for name, dtype in sample.dtypes.items():
        if name in META_COLUMNS:
            continue
        if pd.api.types.is_bool_dtype(dtype):
            typ = pa.bool_()
        elif pd.api.types.is_integer_dtype(dtype):
            typ = pa.int64()
        elif pd.api.types.is_float_dtype(dtype):
            typ = pa.float64()
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ))
    return pa.schema(fields)


_PARQUET_MAGIC = b"PAR1"
_PARQUET_HINT = ("--engine dask reads Parquet: load other formats into a store and export "
                 "them, e.g. framing ingest CORPUS --store S && framing export articles.parquet "
                 "--store S")


def _is_parquet_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == _PARQUET_MAGIC
    except OSError:
        return False


def _check_parquet(source) -> None:
    """Refuse a local ``source`` that is not a Parquet file or a folder holding Parquet files
    (URLs and globs are left to the reader)."""
    from framing.errors import InputError

    text = str(source)
    if "://" in text or any(c in text for c in "*?["):
        return
    path = Path(text)
    if path.is_dir():
        files = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))
        if not any(_is_parquet_file(p) for p in files):
            raise InputError(path, "the folder holds no Parquet files", hint=_PARQUET_HINT)
    elif not path.exists():
        raise InputError(path, "no such file or folder", hint="give a Parquet file or a folder "
                                                              "of Parquet files")
    elif not _is_parquet_file(path):
        raise InputError(path, "not a Parquet file", hint=_PARQUET_HINT)


def _bad_texts(part: pd.DataFrame, text_col: str) -> list[tuple[int, str]]:
    """``(position, problem)`` of the rows of ``part`` without a usable text: missing (None,
    NaN, blank, or a missing-value marker such as ``NA``, as ``framing.load_corpus`` reads
    them) or not a string."""
    from framing.corpus import MISSING_MARKERS

    bad = []
    for i, value in enumerate(part[text_col].tolist()):
        if isinstance(value, str):
            if not value.strip() or value.strip() in MISSING_MARKERS:
                bad.append((i, "the text is missing"))
        elif value is None or value is pd.NA or (isinstance(value, float) and value != value):
            bad.append((i, "the text is missing"))
        else:
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
            bad.append((i, f"the value is {type(value).__name__} ({shown}), not a text"))
    return bad


def _write_partition(part: pd.DataFrame, path: str, measures, codebook, targets, text_col,
                     schema, toward_encoder: bool = False, *, where: str = "",
                     bad_rows: str = "keep", local: bool = False, load: dict | None = None,
                     id_col: str = "id", abort: str | None = None) -> dict:
    """Score one input partition and write it to ``path`` (run on a worker); returns ``rows``
    written, ``skipped``, and with ``load`` the partition's ``report`` (a
    :class:`framing.corpus.LoadReport` as a dict), ``date_orders``, ``outlets`` (the first
    spelling of each outlet, case folded), ``ids`` (each id's first row) and ``texts`` (each
    text's key and first id), for the client's checks over the whole input.

    ``load``: the options of :class:`framing.corpus.Canonicalizer` (``mapping``, ``html``,
    ``unicode_form``, ``strip_boilerplate``, ``day_first``): the partition is read as
    :func:`framing.load_corpus` reads a file's rows, by the same code, before it is scored; a
    bad row raises the loader's error naming ``where`` (the input and the partition), the row
    in the partition and the field, and the article's id (the column ``id_col``) where it has
    one; ``bad_rows="skip"`` skips and counts it. Without ``load`` the texts are scored as they
    are, and ``bad_rows`` says what to do with a row without a usable text
    (:func:`_bad_texts`): ``"error"`` raises a :class:`framing.errors.MissingValueError`,
    ``"skip"`` leaves it out, ``"keep"`` scores it as ``framing.analyze`` does (missing
    measures; a blank text is scored). ``local``: ``path`` is in a folder the client has made
    (it is not made here, so a worker that cannot see it fails rather than writing
    elsewhere). ``abort``: the name of the run's :class:`distributed.Event` set when the run
    has failed (:func:`_aborted`): the partition is then not written, or removed again if the
    run failed while it was being written, so that a partition scored on after the failure
    leaves nothing behind in an object store (where a folder cannot be taken away under it)."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    skipped = 0
    result: dict = {}
    if load is not None:
        part, canon = _canonical_partition(part, where, load, bad_rows == "skip", id_col)
        skipped = canon.report.rows_skipped
        result = {"report": canon.report.to_dict(), "date_orders": canon._date_orders,
                  "outlets": canon._outlet_spellings, "ids": canon._seen_ids,
                  "texts": canon._seen_texts}
    elif bad_rows != "keep":
        bad = _bad_texts(part, text_col)
        if bad and bad_rows == "error":
            from framing.errors import MalformedRecordError, MissingValueError

            position, problem = bad[0]
            ident = ""
            if "id" in part.columns and isinstance(part["id"].iloc[position], str):
                ident = f" (id {part['id'].iloc[position]!r})"
            error = MissingValueError if problem == "the text is missing" else MalformedRecordError
            fix = ("fill the text in" if error is MissingValueError
                   else "write the texts as strings")
            raise error(where, problem + ident, row=position + 1, field=text_col,
                        hint=f"{len(bad)} such row{'s' if len(bad) != 1 else ''} in this "
                             f"partition; {fix}, or skip such rows with bad_rows='skip' "
                             "(CLI: --skip-bad-rows); skipped rows are counted")
        if bad:
            dropped = {i for i, _ in bad}  # by position: a partition's labels may repeat
            part = part.iloc[[i for i in range(len(part)) if i not in dropped]]
            skipped = len(bad)
    out = _score_partition(part, measures, codebook, targets, text_col, schema.names,
                           toward_encoder=toward_encoder)
    # without pandas' own metadata, reading the folder back gives pandas' default dtypes (as
    # framing.analyze does), not the string dtype dask happened to read the input with
    if len(out):
        table = pa.Table.from_pandas(out, schema=schema, preserve_index=False)
        table = table.replace_schema_metadata(None)
    else:  # every row skipped: the columns of an empty frame have no type to convert from
        table = schema.empty_table()
    fs, fs_path = fsspec.core.url_to_fs(path)
    folder = fs_path.rsplit("/", 1)[0]
    if abort is not None and _aborted(abort):
        return {"rows": 0, "skipped": 0}  # the run has failed: its result is not read
    if not local:
        fs.makedirs(folder, exist_ok=True)
    with fs.open(fs_path, "wb") as fh:
        pq.write_table(table, fh)
    if abort is not None and _aborted(abort):  # failed while this was written: the client
        fs.rm(fs_path)                         # may have cleaned up before it was there
        with contextlib.suppress(OSError):  # only when empty: each partition removes itself
            fs.rmdir(folder)
    return {"rows": len(out), "skipped": skipped, **result}


def _aborted(name: str) -> bool:
    """Whether the run whose abort event is ``name`` has failed (run on a worker); True when
    the scheduler cannot say (a run that lost its scheduler has failed)."""
    try:
        from distributed import Event

        return Event(name).is_set()
    except Exception:
        logger.debug("analyze_parquet: cannot reach the abort event %s", name, exc_info=True)
        return True


def _canonical_partition(part: pd.DataFrame, where: str, load: dict, skip_bad_rows: bool,
                         id_col: str = "id"):
    """``part`` read as :func:`framing.load_corpus` reads a Parquet file's rows (the same
    :class:`framing.corpus.Canonicalizer`), and the canonicalizer with its report. A bad row's
    error also names the article's id, read from the column ``id_col``, where it has one."""
    from framing.corpus import Canonicalizer
    from framing.errors import InputError

    canon = Canonicalizer(where, format="parquet", skip_bad_rows=skip_bad_rows, **load)
    try:
        return canon.canonical(part), canon
    except InputError as exc:
        if exc.row is None or id_col not in part.columns or not 1 <= exc.row <= len(part):
            raise
        given = part[id_col].iloc[exc.row - 1]
        if given is None or given is pd.NA or (isinstance(given, float) and given != given) \
                or not str(given).strip():
            raise
        raise type(exc)(exc.path, f"{exc.message} (id {str(given).strip()!r})", row=exc.row,
                        field=exc.field, hint=exc.hint) from exc


def _client(scheduler, workers: int | None):
    """A distributed Client: connected to ``scheduler``, or on a new local cluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    return Client(cluster), cluster


BAD_ROWS = ("error", "skip", "keep")


def analyze_parquet(source, out, *, scheduler: str | None = None, workers: int | None = None,
                    measures=DEFAULT_MEASURES, codebook="policy", targets=None,
                    text_col: str = "text", partition_rows: int = PARTITION_ROWS,
                    progress=None, toward_encoder: bool = False, mapping=None,
                    bad_rows: str = "error", clean: bool = True, html: bool = True,
                    unicode_form: str | None = "NFC", strip_boilerplate: bool = True,
                    day_first: bool = False) -> dict:
    """Score Parquet partitions on a Dask cluster and write the measures as Parquet partitions.

    Each worker reads its partition as :func:`framing.load_corpus` reads the rows of a Parquet
    file, by the same code (:class:`framing.corpus.Canonicalizer`): columns mapped, each row's
    text and outlet checked, HTML turned into text, Unicode normalized, web boilerplate lines
    removed, titles and outlets cleaned, dates parsed, and the default id (a content hash)
    given to a row without one. So the measures equal those of
    ``framing.analyze(framing.load_corpus(source))`` (``framing analyze --corpus``) row for
    row: the same ids, values, columns and dtypes.

    What ``load_corpus`` checks across a whole file holds here across the whole input where it
    can: numeric dates written in two orders (``"15/03/2024"`` beside ``"03/08/2024"``) are
    refused wherever they are, outlet spellings that differ only in case are listed from every
    partition, and exact duplicate texts and repeated ids are counted across partitions (each
    worker sends the client its ids and 16-byte text keys, not the texts). Only
    ``fold_outlet_case``, which spells an outlet as first seen in the file, is not offered.

    Parameters
    ----------
    source : a Parquet file, a folder of them, or a glob (local, or any URL fsspec reads).
        A ``framing export`` file is cleaned again too, as ``framing analyze --corpus`` does; that
        changes nothing when the store was filled with the same cleaning (cleaning a clean text
        gives it back: checked on the 37,554 AllSides articles), so the measures equal those of
        ``framing analyze --store``. A store filled with other cleaning options, or by an
        earlier release whose cleaning removed less, gives its texts as stored only with
        ``clean=False`` (CLI: ``--no-html --keep-boilerplate --unicode-form none``).
    out : folder to write ``part.NNNNN.parquet`` files into (it must not exist yet). The
        workers write their partitions themselves, so ``out`` must be a path every worker can
        reach (a shared file system, or an object-store URL). The partitions are written
        into a folder of the run's own beside it (``out.tmp-1a2b3c4d``), renamed (a local
        path or ``file://`` URL) or moved file by file (an object store) to ``out`` when every
        partition is there. A run that fails takes away what it wrote, the partitions still
        being scored then included, and nothing else.
    scheduler : address of a running Dask scheduler (``tcp://host:8786``); None starts a local
        cluster of ``workers`` processes (None or 0: all cores), one thread each.
    measures, codebook, targets, toward_encoder : as in :func:`framing.analyze` (with
        ``toward_encoder``, every worker needs the encoder's weights installed).
    text_col : the input's text column (default ``text``; the same as ``mapping={"text":
        text_col}``).
    partition_rows : an input with fewer than one partition per this many rows is split.
    progress : optional callable receiving the number of rows finished in each step.
    mapping : ``{field: column}`` as ``framing.load_corpus`` takes it (CLI ``--map``), e.g.
        ``{"text": "content_original", "outlet": "source"}``. The input needs a text and an
        outlet column, as ``load_corpus`` does.
    bad_rows : a row whose text or outlet is missing, blank, not a string, or empty after
        cleaning: ``"error"`` (the default, as ``framing analyze --corpus`` does) stops the run
        with ``load_corpus``'s error naming the input and the partition, the row in it, the
        field and the article's id; ``"skip"`` leaves such rows out and counts them (CLI
        ``--skip-bad-rows``). ``"keep"`` (only with ``clean=False``) scores a row without a
        text as :func:`framing.analyze` does (missing measures).
    clean : False scores the texts as they are, without the reading and cleaning above (no
        outlet column is needed); the output then equals ``framing.analyze(pd.read_parquet(
        source))`` (with ``bad_rows="keep"``).
    html, unicode_form, strip_boilerplate, day_first : as in :func:`framing.load_corpus` (CLI
        ``--no-html``, ``--unicode-form``, ``--keep-boilerplate``, ``--day-first``).

    Returns
    -------
    dict with ``articles`` (rows written), ``skipped``, ``partitions``, ``out``, and with
    ``clean``, ``report``: the :class:`framing.corpus.LoadReport` of all partitions together
    (its examples name the partition and the row in it).

    Raises
    ------
    framing.errors.InputError
        ``source`` is not Parquet (checked before any cluster starts), ``out`` exists, the
        input lacks a column the mapping names or a required one (a ``MissingColumnError``,
        before any cluster starts), has no rows, or a row is bad (``bad_rows="error"``:
        ``load_corpus``'s ``MissingValueError`` or ``MalformedRecordError``), or its numeric
        dates are written in two orders; ``out`` was made by another meanwhile, or the workers
        wrote where this process cannot see (``memory://``). Nothing is left in ``out``.
    """
    from dask import dataframe as dd
    from dask import delayed
    from dask.distributed import as_completed

    from framing.errors import EmptyFileError, InputError, MissingColumnError

    measures = _check_measures(measures)
    if workers is not None and workers < 0:
        raise ValueError(f"workers={workers}: give the number of worker processes, or 0 (or "
                         "None) for all cores")
    if bad_rows not in BAD_ROWS:
        raise ValueError(f"bad_rows={bad_rows!r}: choose from {', '.join(BAD_ROWS)}")
    if clean and bad_rows == "keep":
        raise ValueError("bad_rows='keep' scores the texts as they are: it needs clean=False "
                         "(with clean=True a bad row is an error, or skipped with "
                         "bad_rows='skip', as framing.load_corpus does)")
    _check_parquet(source)
    try:
        # with clean, integer ids with nulls as written ("17"), not made floats ("17.0"), as
        # load_corpus reads them
        ddf = dd.read_parquet(source, **({"arrow_to_pandas": {"integer_object_nulls": True}}
                                         if clean else {}))
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        first = " ".join(str(exc).split())[:300]
        raise InputError(source, f"cannot read it as Parquet ({first})",
                         hint=_PARQUET_HINT) from exc
    load = None
    id_col = "id"
    titles = None  # the title column, to see whether it holds any title
    if clean:
        from framing.corpus import parse_mapping

        mapping = parse_mapping(mapping)
        if text_col != "text":
            mapping.setdefault("text", text_col)
        load = {"mapping": mapping, "html": html, "unicode_form": unicode_form,
                "strip_boilerplate": strip_boilerplate, "day_first": day_first}
        ddf = _loaded_columns(ddf, source, load)
        id_col = mapping.get("id", "id")
        text_col = "text"
        meta = _CANONICAL_META
        title = mapping.get("title", "title")
        if title not in ddf.columns and title.partition(".")[0] not in ddf.columns:
            # no titles: load_corpus's column of None, an object column (not text) read back
            meta = meta.assign(title=pd.Series([], dtype=object))
        elif title in ddf.columns:
            titles = title
    else:
        ddf = _mapped(ddf, source, mapping, text_col)
        if text_col not in ddf.columns:
            raise MissingColumnError(source, field=text_col,
                                     hint=f"columns present: {', '.join(map(str, ddf.columns))}; "
                                          f"map one with --map {text_col}=COLUMN")
        keep = [c for c in (*META_COLUMNS, text_col) if c in ddf.columns]
        ddf = ddf[keep]
        meta = ddf._meta
    schema = measure_schema(measures, codebook=codebook, targets=targets, text_col=text_col,
                            meta=meta, toward_encoder=toward_encoder)
    output = _Output(out)
    output.refuse_existing()
    out = output.out
    rows = len(ddf)
    if clean and rows == 0:  # as load_corpus
        raise EmptyFileError(source, "no articles found")
    client, cluster = _client(scheduler, workers)
    futures = []
    try:
        if partition_rows:
            wanted = -(-rows // partition_rows)
            if wanted > ddf.npartitions:
                ddf = ddf.repartition(npartitions=wanted)
        if titles is not None and not _has_titles(ddf[titles]):
            # a title column without a title (all null, as pandas writes a column of None):
            # load_corpus's column of None too, written as Arrow's null type (it was text)
            import pyarrow as pa

            schema = schema.set(schema.get_field_index("title"), pa.field("title", pa.null()))
        parts = ddf.to_delayed()
        output.start()
        write = delayed(_write_partition, pure=False)
        tasks = [write(p, output.partition(i), measures, codebook, targets, text_col, schema,
                       toward_encoder, local=output.local, bad_rows=bad_rows,
                       where=f"{source}, partition {i + 1} of {len(parts)}", load=load,
                       id_col=id_col, abort=output.abort)
                 for i, p in enumerate(parts)]
        futures = client.compute(tasks)
        index = {future.key: i for i, future in enumerate(futures)}
        whole = _WholeInput(source, len(parts), day_first) if clean else None
        done = skipped = 0
        for future in as_completed(futures):
            result = future.result()
            done += result["rows"]
            skipped += result["skipped"]
            if whole is not None:  # may raise: dates in two orders across partitions
                whole.add(index[future.key], result)
            if progress:
                progress(result["rows"] + result["skipped"])
        if whole is not None and not done:  # as load_corpus: not an empty result
            from framing.corpus import all_rows_skipped

            raise all_rows_skipped(source, whole.report())
        output.commit(len(parts))
        logger.info("analyze_parquet: %d articles in %d partitions (%d rows skipped) -> %s",
                    done, len(parts), skipped, out)
        summary = {"articles": done, "skipped": skipped, "partitions": len(parts), "out": out}
        if whole is not None:
            summary["report"] = whole.report()
        return summary
    except BaseException:
        # the partitions still queued are not started; one being scored cannot write once its
        # local folder is gone (the workers do not make it), or takes its partition away
        # again once it sees the abort event (a URL)
        output.fail(client)
        _stop(client, futures)
        output.remove()
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _has_titles(titles) -> bool:
    """Whether the dask Series ``titles`` holds a title that
    :class:`framing.corpus.Canonicalizer` keeps (a value that is not missing or empty), read
    on the cluster, one partition per task (only this column is read)."""
    return bool(titles.map_partitions(_partition_has_titles, meta=(titles.name, bool))
                .compute().any())


def _partition_has_titles(titles: pd.Series) -> pd.Series:
    from framing.corpus import _as_str

    return pd.Series([any(_as_str(v) for v in titles.tolist())], dtype=bool)


#: The canonical columns analyze_parquet writes before the measures when it reads the input as
#: load_corpus does, with the dtypes load_corpus gives them.
_CANONICAL_META = pd.DataFrame({
    "id": pd.Series(["x"]), "outlet": pd.Series(["x"]),
    "date": pd.Series(pd.to_datetime(["2020-01-01"])).astype("datetime64[us]"),
    "title": pd.Series(["x"])}).iloc[:0]


def _loaded_columns(ddf, source, load: dict):
    """The columns of ``ddf`` that :class:`framing.corpus.Canonicalizer` reads with ``load``'s
    mapping (the canonical fields, the mapped columns; a dotted JSON-style name, its first
    part), checked on the client before any cluster starts: a column the mapping names and the
    input lacks, or a missing text or outlet column, is ``load_corpus``'s error naming
    ``source``."""
    from framing.corpus import CANONICAL_COLUMNS, Canonicalizer

    mapping = load["mapping"]
    columns = [str(c) for c in ddf.columns]
    wanted: list[str] = []
    for source_col in [mapping.get(name, name) for name in CANONICAL_COLUMNS] \
            + list(mapping.values()):
        head, dot, _ = source_col.partition(".")
        found = source_col if source_col in columns else (head if dot and head in columns
                                                          else None)
        if found is not None and found not in wanted:
            wanted.append(found)
    # the check: an empty frame of those columns, a dotted name's column standing in for what
    # its nested value gives (it is only known once rows are read)
    probe = pd.DataFrame({c: pd.Series(dtype=object) for c in wanted})
    for source_col in mapping.values():
        if source_col not in columns and "." in source_col \
                and source_col.partition(".")[0] in columns:
            probe[source_col] = pd.Series(dtype=object)
    Canonicalizer(source, format="parquet", **load).canonical(probe)
    return ddf[wanted] if wanted else ddf


class _WholeInput:
    """What the partitions' load reports tell about the whole input: the date orders seen (an
    error as soon as two are seen, as load_corpus refuses such a file), the outlet spellings,
    and one :class:`framing.corpus.LoadReport` of all partitions (examples naming the
    partition), counting the ids and texts that repeat one of an earlier partition as
    load_corpus counts them in a file."""

    def __init__(self, source, partitions: int, day_first: bool):
        self.source = source
        self.partitions = partitions
        self.day_first = bool(day_first)
        self.parts: dict[int, dict] = {}
        self.date_orders: dict[str, tuple] = {}  # order -> ((partition, row), value)

    def add(self, i: int, result: dict) -> None:
        from framing.corpus import check_date_orders

        self.parts[i] = result
        for order, (row, value) in result["date_orders"].items():
            if order not in self.date_orders or (i, row) < self.date_orders[order][0]:
                self.date_orders[order] = ((i, row), value)
        check_date_orders(self.date_orders, self.day_first, self.source,
                          place=lambda at: f"partition {at[0] + 1} of {self.partitions}, "
                                           f"row {at[1]}")

    def report(self):
        from framing.corpus import LoadReport

        merged = LoadReport(path=str(self.source), format="parquet",
                            date_order="day" if self.day_first else "month")
        cap = LoadReport.EXAMPLES
        # every count and every list of examples (the dotted dates were left out, so the note
        # that they were read day first was missing), the examples naming a row prefixed with
        # its partition
        counts = [f.name for f in dataclasses.fields(LoadReport) if f.type in ("int", int)]
        examples = [f.name for f in dataclasses.fields(LoadReport)
                    if isinstance(getattr(merged, f.name), list)]
        naming_rows = ("skipped_examples", "duplicate_id_examples")
        spellings: dict[str, str] = {}
        ids: dict[str, tuple[int, int]] = {}  # id -> (partition, row) where first seen
        texts: dict[bytes, str] = {}  # text key -> id of the first article with that text
        for i in sorted(self.parts):
            part = LoadReport.from_dict(self.parts[i]["report"])
            label = f"partition {i + 1} of {self.partitions}, "
            for name in counts:
                setattr(merged, name, getattr(merged, name) + getattr(part, name))
            for name in examples:
                kept = getattr(merged, name)
                for example in getattr(part, name):
                    if len(kept) < cap:
                        kept.append(label + example if name in naming_rows else example)
            for folded, variants in part.outlet_variants.items():
                into = merged.outlet_variants.setdefault(folded, [])
                into.extend(v for v in variants if v not in into)
            for folded, first in self.parts[i]["outlets"].items():
                seen = spellings.setdefault(folded, first)
                if seen != first:  # spelled otherwise in another partition
                    into = merged.outlet_variants.setdefault(folded, [seen])
                    into.extend(v for v in (seen, first) if v not in into)
            # the repeats within the partition are counted by its worker; here the first of
            # each id and text in the partition, when an earlier partition has it
            for article_id, row in self.parts[i]["ids"].items():
                at = ids.setdefault(article_id, (i, row))
                if at[0] != i:
                    merged.duplicate_ids += 1
                    if len(merged.duplicate_id_examples) < cap:
                        merged.duplicate_id_examples.append(
                            f"{label}row {row}: id {article_id!r}, as partition {at[0] + 1} of "
                            f"{self.partitions}, row {at[1]}")
            for key, article_id in self.parts[i]["texts"].items():
                if key not in texts:
                    texts[key] = article_id
                    continue
                merged.duplicate_texts += 1
                if len(merged.duplicate_examples) < cap:
                    merged.duplicate_examples.append((article_id, texts[key]))
        return merged


def _stop(client, futures) -> None:
    """Cancel ``futures``: the partitions not started yet are not started. (A partition being
    scored runs to its end; writing it then fails, as its local folder is gone.)"""
    if not futures:
        return
    try:
        client.cancel(futures)
    except Exception:  # the cluster may be gone (a killed scheduler): nothing is queued then
        logger.debug("analyze_parquet: could not cancel the partitions", exc_info=True)


class _Output:
    """Where :func:`analyze_parquet` writes: the workers write their partitions into a folder of
    this run's own beside ``out`` (``out.tmp-1a2b3c4d``), moved to ``out`` once every partition
    is there; if the run fails, only what this run wrote is taken away, never what was there
    before or what another run wrote meanwhile.

    A local folder (a path, or a ``file://`` URL) is made here and renamed at the end; a worker
    that cannot see it, or writes after it is gone, fails. A URL (an object store) has no
    folder to take away under a worker still scoring when the run failed: the workers look at
    the run's abort event before and after writing (:func:`_write_partition`), so a partition
    written after the clean-up removes itself."""

    def __init__(self, out):
        import fsspec
        from fsspec.implementations.local import LocalFileSystem

        text = str(out)
        self.fs, path = fsspec.core.url_to_fs(text)
        self.local = "://" not in text or isinstance(self.fs, LocalFileSystem)
        if self.local:  # "measures/" and "measures" are one folder
            self.out = str(Path(path if "://" in text else text))
            self.path = self.out
        else:
            self.out = text.rstrip("/")
            self.path = path.rstrip("/")
        tag = uuid.uuid4().hex[:8]
        self.tmp = f"{self.out}.tmp-{tag}"  # what the workers are given
        self.tmp_path = f"{self.path}.tmp-{tag}"  # the same, for self.fs
        self.abort = None if self.local else f"framing-analyze-parquet-{tag}-failed"
        self.moved: list[str] = []
        self.made = False  # out made by commit (a URL)

    def refuse_existing(self) -> None:
        from framing.errors import InputError

        if self.fs.exists(self.path):
            raise InputError(self.out, "the output folder exists already",
                             hint="give a new folder for the measures (nothing is overwritten, "
                                  "and a new run's partitions are never mixed with an old "
                                  "run's)")

    def start(self) -> None:
        if self.local:  # made here, not by the workers: one that cannot see it fails
            Path(self.tmp).mkdir(parents=True)

    def partition(self, i: int) -> str:
        return f"{self.tmp}/part.{i:05d}.parquet"

    def commit(self, n: int) -> None:
        """Check that the ``n`` partitions are all there and move them to ``out``."""
        from framing.errors import InputError

        names = [f"part.{i:05d}.parquet" for i in range(n)]
        self.fs.invalidate_cache()  # an object store's listings may be cached
        missing = [name for name in names if not self.fs.isfile(f"{self.tmp_path}/{name}")]
        if missing:
            raise InputError(self.out, f"{len(missing)} of {n} partitions written by the "
                                       "workers are not in the output folder here",
                             hint="--out must be a folder every worker and this machine share "
                                  "(a shared file system), or an object-store URL every one "
                                  "of them reaches (memory:// is each process's own)")
        self.refuse_existing()  # made meanwhile, by another run
        if self.local:
            try:
                os.replace(self.tmp, self.out)
            except OSError as exc:  # made since: a folder that is not empty is not replaced
                raise InputError(self.out, f"the output folder exists already ({exc.strerror})",
                                 hint="give a new folder for the measures") from exc
            return
        self.made = True  # before it is made: a failure may leave it half made
        self.fs.makedirs(self.path, exist_ok=True)  # an object store makes no folder
        for name in names:  # an object store has no rename: each file is moved
            self.fs.mv(f"{self.tmp_path}/{name}", f"{self.path}/{name}")
            self.moved.append(f"{self.path}/{name}")
        self._remove_tmp()

    def fail(self, client) -> None:
        """Tell the workers that the run has failed (before anything is taken away)."""
        if self.abort is None:
            return
        try:
            from distributed import Event

            Event(self.abort, client=client).set()
        except Exception:  # the scheduler is gone: the workers take that for a failure
            logger.debug("analyze_parquet: could not set the abort event", exc_info=True)

    def remove(self) -> None:
        """Take away what this run wrote: its own folder, and the partitions it moved to
        ``out`` (a failure while moving them), with ``out`` itself only if it is left empty."""
        self._remove_tmp()
        for path in self.moved:
            try:
                self.fs.rm(path)
            except Exception:
                logger.warning("analyze_parquet: could not remove %s", path, exc_info=True)
        if self.made:
            with contextlib.suppress(OSError):  # only an empty folder is removed
                self.fs.rmdir(self.path)

    def _remove_tmp(self, tries: int = 5, pause: float = 0.5) -> None:
        """Remove this run's folder; tried again if a worker wrote into it meanwhile."""
        import time

        for _ in range(tries):
            try:
                if self.local:
                    shutil.rmtree(self.tmp, ignore_errors=True)
                else:
                    self.fs.invalidate_cache()
                    if self.fs.exists(self.tmp_path):
                        self.fs.rm(self.tmp_path, recursive=True)
                    self.fs.invalidate_cache()
                if not self.fs.exists(self.tmp_path):
                    return
            except Exception:
                logger.debug("analyze_parquet: removing %s", self.tmp, exc_info=True)
            time.sleep(pause)
        logger.warning("analyze_parquet: could not remove the partial output %s", self.tmp)


def _mapped(ddf, source, mapping, text_col: str):
    """``ddf`` with the columns of ``mapping`` (``{field: column}``) renamed to their fields
    (only the fields ``framing analyze`` reads: ``id, outlet, date, title`` and the text)."""
    from framing.corpus import parse_mapping
    from framing.errors import InputError, MissingColumnError

    mapping = parse_mapping(mapping) if mapping else {}
    if not mapping:
        return ddf
    known = (*META_COLUMNS, text_col)
    unknown = [f for f in mapping if f not in known]
    if unknown:
        raise InputError(None, f"--map {unknown[0]}=...: framing analyze --engine dask reads "
                               f"only the fields {', '.join(known)}",
                         hint=f"map one of them, e.g. --map {text_col}=COLUMN")
    for field, column in mapping.items():
        if column not in ddf.columns:
            raise MissingColumnError(source, f"the mapping names column {column!r}, which the "
                                             "input does not have", field=field,
                                     hint="columns present: " + ", ".join(map(str, ddf.columns)))
    columns = {f: mapping.get(f, f) for f in known if mapping.get(f, f) in ddf.columns}
    return ddf[list(columns.values())].rename(columns={c: f for f, c in columns.items()})
