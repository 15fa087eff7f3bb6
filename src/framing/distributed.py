"""Score a corpus on a Dask cluster: the same per-text scoring as :func:`framing.analyze`, one
partition per task.

:func:`analyze_dask` maps :func:`framing.analyze` (pure, one process) over the partitions of a
dask DataFrame and returns a lazy dask DataFrame whose computed result equals
``framing.analyze(ddf.compute())`` row for row: same index, columns and values, and the same
dtypes too, except that dask by default turns text columns into pyarrow strings (its
``dataframe.convert-string`` setting). ``framing.analyze(ddf)`` calls it for you.

:func:`analyze_parquet` is the command-line path (``framing analyze --engine dask``): Parquet
partitions in, Parquet partitions out, written by the workers themselves so that neither the
texts nor the results pass through the client. Each output file is named after its input
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


def _sample_result(measures, codebook, targets, text_col: str,
                   toward_encoder: bool = False) -> pd.DataFrame:
    """The columns and dtypes of analyze() for a text that every family scores."""
    from framing.analyze import analyze

    probe = pd.DataFrame({text_col: ["Officials said the plan may fail. It is a good plan."]})
    return analyze(probe, measures=measures, codebook=codebook, targets=targets, jobs=1,
                   text_col=text_col, toward_encoder=toward_encoder)


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
    sample = _sample_result(measures, codebook, targets, text_col, toward_encoder)
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

    sample = _sample_result(_check_measures(measures), codebook, targets, text_col,
                            toward_encoder)
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


def _write_partition(part: pd.DataFrame, path: str, measures, codebook, targets, text_col,
                     schema, toward_encoder: bool = False) -> int:
    """Score one input partition and write it to ``path`` (run on a worker)."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = _score_partition(part, measures, codebook, targets, text_col, schema.names,
                           toward_encoder=toward_encoder)
    # without pandas' own metadata, reading the folder back gives pandas' default dtypes (as
    # framing.analyze does), not the string dtype dask happened to read the input with
    table = pa.Table.from_pandas(out, schema=schema, preserve_index=False)
    table = table.replace_schema_metadata(None)
    fs, fs_path = fsspec.core.url_to_fs(path)
    fs.makedirs(fs_path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(fs_path, "wb") as fh:
        pq.write_table(table, fh)
    return len(out)


def _client(scheduler, workers: int | None):
    """A distributed Client: connected to ``scheduler``, or on a new local cluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                           processes=True, dashboard_address=None)
    return Client(cluster), cluster


def analyze_parquet(source, out, *, scheduler: str | None = None, workers: int | None = None,
                    measures=DEFAULT_MEASURES, codebook="policy", targets=None,
                    text_col: str = "text", partition_rows: int = PARTITION_ROWS,
                    progress=None, toward_encoder: bool = False) -> dict:
    """Score Parquet partitions on a Dask cluster and write the measures as Parquet partitions.

    Parameters
    ----------
    source : a Parquet file, a folder of them, or a glob (local, or any URL fsspec reads). The
        texts should be cleaned already, e.g. written by ``framing export`` from a store.
    out : folder to write ``part.NNNNN.parquet`` files into (it must not exist yet). The
        workers write their partitions themselves, so ``out`` must be a path every worker can
        reach (a shared file system, or an object-store URL). A local folder is written under
        a temporary name and renamed when every partition is done.
    scheduler : address of a running Dask scheduler (``tcp://host:8786``); None starts a local
        cluster of ``workers`` processes (None or 0: all cores), one thread each.
    measures, codebook, targets, text_col, toward_encoder : as in :func:`framing.analyze`
        (with ``toward_encoder``, every worker needs the encoder's weights installed).
    partition_rows : an input with fewer than one partition per this many rows is split.
    progress : optional callable receiving the number of articles finished in each step.

    Returns
    -------
    dict with ``articles``, ``partitions`` and ``out``.

    Raises
    ------
    framing.errors.InputError
        ``source`` is not Parquet (checked before any cluster starts), ``out`` exists, or the
        input has no ``text_col`` (a ``MissingColumnError``).
    """
    from dask import dataframe as dd
    from dask import delayed
    from dask.distributed import as_completed

    from framing.errors import InputError, MissingColumnError

    measures = _check_measures(measures)
    if workers is not None and workers < 0:
        raise ValueError(f"workers={workers}: give the number of worker processes, or 0 (or "
                         "None) for all cores")
    _check_parquet(source)
    try:
        ddf = dd.read_parquet(source)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        first = " ".join(str(exc).split())[:300]
        raise InputError(source, f"cannot read it as Parquet ({first})",
                         hint=_PARQUET_HINT) from exc
    if text_col not in ddf.columns:
        raise MissingColumnError(source, field=text_col,
                                 hint=f"columns present: {', '.join(map(str, ddf.columns))}")
    keep = [c for c in (*META_COLUMNS, text_col) if c in ddf.columns]
    ddf = ddf[keep]
    schema = measure_schema(measures, codebook=codebook, targets=targets, text_col=text_col,
                            meta=ddf._meta, toward_encoder=toward_encoder)
    out = str(out)
    local = "://" not in out
    if local:
        out = str(Path(out))  # "measures/" and "measures" are one folder
    if local and Path(out).exists():
        raise InputError(out, "the output folder exists already",
                         hint="give a new folder for the measures (nothing is overwritten)")
    target = f"{out}.tmp-{uuid.uuid4().hex[:8]}" if local else out
    client, cluster = _client(scheduler, workers)
    try:
        if partition_rows:
            wanted = -(-len(ddf) // partition_rows)
            if wanted > ddf.npartitions:
                ddf = ddf.repartition(npartitions=wanted)
        parts = ddf.to_delayed()
        write = delayed(_write_partition, pure=False)
        tasks = [write(p, f"{target}/part.{i:05d}.parquet", measures, codebook, targets,
                       text_col, schema, toward_encoder) for i, p in enumerate(parts)]
        futures = client.compute(tasks)
        done = 0
        for future in as_completed(futures):
            rows = future.result()
            done += rows
            if progress:
                progress(rows)
        if local:
            if not Path(target).exists():  # an input without rows: an empty, valid folder
                Path(target).mkdir(parents=True)
            os.replace(target, out)
        logger.info("analyze_parquet: %d articles in %d partitions -> %s", done, len(parts), out)
        return {"articles": done, "partitions": len(parts), "out": out}
    except BaseException:
        if local:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
