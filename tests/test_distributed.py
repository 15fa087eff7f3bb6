"""framing on Dask: a real LocalCluster with two worker processes gives what pandas gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing.distributed import analyze_dask, analyze_parquet, is_dask_frame, measure_schema
from framing.errors import InputError, MalformedRecordError, MissingColumnError
from conftest import needs_encoder

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

TARGETS = {"Ostrova": ["Ostrova", "Ostrovan"]}


@pytest.fixture(scope="module")
def cluster():
    with (distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                   dashboard_address=None) as cluster,
          distributed.Client(cluster) as client):
        yield cluster, client


@pytest.fixture(scope="module")
def corpus():
    from conftest import SAMPLE

    df = framing.load_corpus(SAMPLE).head(24).copy()
    df.attrs = {}  # the load report is not JSON, and to_parquet writes attrs as JSON
    # a custom index, a missing and an empty text, and a partition of missing texts only
    df.index = pd.Index([f"a{i:02d}" for i in range(len(df))], name="key")
    df.loc["a03", "text"] = None
    df.loc["a07", "text"] = ""
    df.loc[["a20", "a21", "a22", "a23"], "text"] = None
    return df


def test_dask_frame_is_recognized(corpus):
    assert is_dask_frame(dd.from_pandas(corpus, npartitions=2))
    assert not is_dask_frame(corpus)
    assert not is_dask_frame(corpus["text"].tolist())


def test_analyze_on_a_dask_frame_equals_the_pandas_path(cluster, corpus):
    want = framing.analyze(corpus, jobs=1)
    # dask stores strings as pyarrow strings by default; without that, even dtypes are equal
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(corpus, npartitions=6)  # the last partition: missing texts only
        lazy = framing.analyze(ddf)
        assert is_dask_frame(lazy)
        got = lazy.compute()
    pd.testing.assert_frame_equal(got, want)
    assert got["hedging_hedges"].notna().sum() == 24 - 5
    # with dask's default string conversion the values are the same
    got = framing.analyze(dd.from_pandas(corpus, npartitions=6)).compute()
    pd.testing.assert_frame_equal(got, want, check_dtype=False, check_index_type=False)


def test_options_reach_the_workers(cluster, corpus):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(corpus, npartitions=3)
        got = analyze_dask(ddf, measures=["sentiment", "frames"], codebook="generic",
                           targets=TARGETS).compute()
    want = framing.analyze(corpus, measures=["sentiment", "frames"], codebook="generic",
                           targets=TARGETS, jobs=1)
    pd.testing.assert_frame_equal(got, want)
    assert "sentiment_toward_Ostrova_tone" in got.columns
    assert not any(c.startswith(("hedging_", "sources_")) for c in got.columns)


@needs_encoder
def test_the_encoder_reaches_the_workers(cluster, corpus, tmp_path, capsys):
    from framing.cli import main

    part = corpus.head(8)  # two partitions, a missing and an empty text among them
    want = framing.analyze(part, measures=["sentiment"], targets=TARGETS, jobs=1,
                           toward_encoder=True)
    words = framing.analyze(part, measures=["sentiment"], targets=TARGETS, jobs=1)
    tone = "sentiment_toward_Ostrova_tone"
    assert want[tone].notna().any() and not want[tone].equals(words[tone])
    with dask.config.set({"dataframe.convert-string": False}):
        got = analyze_dask(dd.from_pandas(part, npartitions=2), measures=["sentiment"],
                           targets=TARGETS, toward_encoder=True).compute()
    pd.testing.assert_frame_equal(got, want)
    # the command line's Parquet path (measure_schema, the workers' own writes)
    source = tmp_path / "articles.parquet"
    part.reset_index(drop=True).to_parquet(source, index=False)
    out = tmp_path / "measures"
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(source), "--out", str(out),
                 "--measures", "sentiment", "--target", "Ostrova=Ostrova,Ostrovan",
                 "--toward-encoder", "--skip-bad-rows"]) == 0
    assert "skipped: 2" in capsys.readouterr().out  # a03 (no text) and a07 (empty)
    written = pd.read_parquet(out)
    want = framing.analyze(part.drop(index=["a03", "a07"]).reset_index(drop=True),
                           measures=["sentiment"], targets=TARGETS, jobs=1, toward_encoder=True)
    pd.testing.assert_frame_equal(written, want)


def test_dask_input_refuses_local_options(corpus):
    ddf = dd.from_pandas(corpus, npartitions=2)
    for bad in ({"jobs": 2}, {"store": "x.duckdb"}, {"progress": print}):
        with pytest.raises(ValueError, match="dask DataFrame"):
            framing.analyze(ddf, **bad)
    with pytest.raises(MissingColumnError, match="field 'body': required column is missing"):
        framing.analyze(ddf, text_col="body")
    with pytest.raises(ValueError, match="unknown measure family"):
        framing.analyze(ddf, measures=["mood"])


def _missing_booleans_as_nan(got: pd.DataFrame, want: pd.DataFrame) -> pd.DataFrame:
    """Arrow reads a missing boolean (the ``<family>_english`` flags of a missing text) back as
    None where pandas writes NaN: both are missing, in the same rows."""
    got = got.copy()
    for column in [c for c in got.columns if c.endswith("_english")]:
        flags = got[column]
        assert flags.isna().tolist() == want[column].isna().tolist()
        got[column] = flags.where(flags.notna(), np.nan)
    return got


def test_parquet_partitions_in_and_out(cluster, corpus, tmp_path):
    source = tmp_path / "articles.parquet"
    corpus.reset_index(drop=True).to_parquet(source, index=False)  # one file, one row group
    out = tmp_path / "measures"
    seen = []
    summary = analyze_parquet(source, out, scheduler=cluster[0].scheduler_address,
                              partition_rows=5, progress=seen.append, bad_rows="keep")
    assert summary["articles"] == len(corpus) == sum(seen)
    files = sorted(p.name for p in out.iterdir())
    assert files == [f"part.{i:05d}.parquet" for i in range(summary["partitions"])]
    assert summary["partitions"] == 5  # split: 24 rows, 5 rows per partition
    got = pd.read_parquet(out)
    want = framing.analyze(pd.read_parquet(source), jobs=1)
    pd.testing.assert_frame_equal(_missing_booleans_as_nan(got, want), want)
    # nothing but the finished folder is left behind, and it is never overwritten
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("measures")] == ["measures"]
    with pytest.raises(InputError, match="exists already"):
        analyze_parquet(source, out, scheduler=cluster[0].scheduler_address)
    with pytest.raises(MissingColumnError, match="'body'"):
        analyze_parquet(source, tmp_path / "other", scheduler=cluster[0].scheduler_address,
                        text_col="body")
    assert not (tmp_path / "other").exists()


def test_schema_keeps_integers_and_booleans():
    schema = measure_schema(["hedging", "sentiment", "frames"],
                            meta=pd.DataFrame({"outlet": pd.Series([], dtype=object),
                                               "text": pd.Series([], dtype=object)}))
    assert schema.names[0] == "outlet" and "text" not in schema.names
    assert str(schema.field("hedging_hedges").type) == "int64"
    assert str(schema.field("sentiment_english").type) == "bool"
    assert str(schema.field("frames_primary").type) == "string"
    assert np.dtype(schema.field("sentiment_tone").type.to_pandas_dtype()) == np.float64


def test_cli_engine_dask_writes_the_same_measures(cluster, corpus, tmp_path, capsys):
    from framing.cli import main

    source = tmp_path / "articles.parquet"
    corpus.reset_index(drop=True).to_parquet(source, index=False)
    out = tmp_path / "measures"
    rc = main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
               cluster[0].scheduler_address, "--corpus", str(source), "--out", f"{out}/",
               "--measures", "hedging,frames", "--skip-bad-rows"])
    assert rc == 0
    printed = capsys.readouterr().out
    # a03 and a20-a23 have no text, a07 an empty one: skipped and counted, as --corpus does
    assert f"{len(corpus) - 6} articles" in printed and "skipped: 6" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.parquet", "measures"]
    got = pd.read_parquet(out)
    texts = pd.read_parquet(source)
    texts = texts[texts["text"].fillna("").str.strip() != ""].reset_index(drop=True)
    want = framing.analyze(texts, jobs=1, measures=["hedging", "frames"])
    pd.testing.assert_frame_equal(got, want)


def test_cli_engine_dask_maps_columns(cluster, corpus, tmp_path, capsys):
    """--map names the input's columns, as it does for --corpus without --engine dask (it was
    ignored: 'field text: required column is missing')."""
    from framing.cli import main

    source = tmp_path / "articles.parquet"
    texts = corpus.dropna(subset=["text"]).head(6).reset_index(drop=True)
    texts.rename(columns={"text": "content_original", "outlet": "source", "id": "ID"}).to_parquet(
        source, index=False)
    out = tmp_path / "measures"
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(source), "--out", str(out),
                 "--measures", "hedging", "--skip-bad-rows", "--map", "text=content_original",
                 "--map", "outlet=source", "--map", "id=ID"]) == 0
    capsys.readouterr()
    want = framing.analyze(texts[texts["text"] != ""].reset_index(drop=True), jobs=1,
                           measures=["hedging"])
    pd.testing.assert_frame_equal(pd.read_parquet(out), want)
    assert main(["analyze", "--engine", "dask", "--scheduler", cluster[0].scheduler_address,
                 "--corpus", str(source), "--out", str(tmp_path / "m2"),
                 "--map", "text=body"]) == 2
    assert "the mapping names column 'body'" in capsys.readouterr().err
    assert not (tmp_path / "m2").exists()


@pytest.mark.parametrize("option", [["--no-html"], ["--keep-boilerplate"], ["--day-first"],
                                    ["--unicode-form", "none"], ["--sep", ";"]])
def test_cli_engine_dask_refuses_the_cleaning_options(option, tmp_path, capsys, monkeypatch):
    """The local engine's reading and cleaning options were accepted and silently ignored."""
    from framing.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "--engine", "dask", "--corpus", "a.parquet", "--out", "m",
                 *option]) == 2
    err = capsys.readouterr().err
    assert f"--engine dask does not take {option[0]}" in err and "framing export" in err
    assert list(tmp_path.iterdir()) == []


def _wait_until_idle(client, timeout=60):
    import time

    deadline = time.monotonic() + timeout
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)


def test_a_row_without_text_names_the_partition_row_id_and_field(cluster, corpus, tmp_path,
                                                                  capsys):
    """A row without text stops the run (exit 2, as --corpus does) with an error naming the
    input, the partition, the row and the field; no output folder is left, not even by the
    partitions still being scored when it failed (they recreated the temporary folder)."""
    from framing.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    texts = corpus.dropna(subset=["text"])
    texts = texts[texts["text"] != ""].reset_index(drop=True)
    bad = texts.head(4).copy()
    bad["text"] = bad["text"].astype(object)
    bad.loc[2, "text"] = None
    bad.to_parquet(folder / "a.parquet", index=False)  # the first partition fails at once
    texts.iloc[4:12].to_parquet(folder / "b.parquet", index=False)
    texts.iloc[12:].to_parquet(folder / "c.parquet", index=False)
    rc = main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
               cluster[0].scheduler_address, "--corpus", str(folder), "--out",
               str(tmp_path / "measures")])
    assert rc == 2
    err = capsys.readouterr().err
    assert (f"{folder}, partition 1 of 3, row 3, field 'text': the text is missing "
            f"(id {bad.loc[2, 'id']!r})") in err
    assert "--skip-bad-rows" in err
    _wait_until_idle(cluster[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_value_that_is_not_a_text_is_refused(cluster, corpus, tmp_path):
    texts = corpus.dropna(subset=["text"]).head(4).reset_index(drop=True)
    texts["text"] = range(4)
    texts.to_parquet(tmp_path / "a.parquet", index=False)
    with pytest.raises(MalformedRecordError,
                       match=r"partition 1 of 1, row 1, field 'text': the value is int \(0\)"):
        analyze_parquet(tmp_path / "a.parquet", tmp_path / "measures",
                        scheduler=cluster[0].scheduler_address)
    _wait_until_idle(cluster[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet"]


def test_an_existing_object_store_folder_is_refused(tmp_path, monkeypatch):
    """Only a local --out was checked: a run into an existing s3://... folder wrote its
    partitions among the old run's (part.00000 ... of both, mixed when read back)."""
    import fsspec

    import framing.distributed

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started for an output folder that exists")

    monkeypatch.setattr(framing.distributed, "_client", no_cluster)
    pd.DataFrame({"text": ["It may rain."]}).to_parquet(tmp_path / "a.parquet", index=False)
    fs = fsspec.filesystem("memory")
    with fs.open("/framing-test/measures/part.00007.parquet", "wb") as fh:
        fh.write(b"old run")
    try:
        with pytest.raises(InputError, match="exists already"):
            analyze_parquet(tmp_path / "a.parquet", "memory://framing-test/measures")
        assert fs.cat("/framing-test/measures/part.00007.parquet") == b"old run"
    finally:
        fs.rm("/framing-test", recursive=True)


@pytest.mark.parametrize("argv, message", [
    (["--engine", "dask", "--out", "m"], "needs --corpus PARQUET and --out FOLDER"),
    (["--engine", "dask", "--corpus", "a.parquet"], "needs --corpus PARQUET and --out FOLDER"),
    (["--engine", "dask", "--corpus", "a.parquet", "--out", "m.csv"], "--out is a folder"),
    (["--scheduler", "tcp://localhost:8786"], "--scheduler needs --engine dask"),
])
def test_cli_engine_dask_refuses_incomplete_options(argv, message, tmp_path, capsys,
                                                    monkeypatch):
    from framing.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["analyze", *argv]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing written, no store created


@pytest.mark.parametrize("make_input, message", [
    (lambda d: d / "articles.jsonl", "not a Parquet file"),
    (lambda d: d, "the folder holds no Parquet files"),
    (lambda d: d / "absent.parquet", "no such file or folder"),
])
def test_cli_engine_dask_refuses_input_that_is_not_parquet(make_input, message, tmp_path,
                                                           capsys, monkeypatch):
    import framing.distributed
    from framing.cli import main

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started for input that is not Parquet")

    monkeypatch.setattr(framing.distributed, "_client", no_cluster)
    corpus_dir = tmp_path / "in"
    corpus_dir.mkdir()
    (corpus_dir / "articles.jsonl").write_text('{"text": "It may rain.", "outlet": "A"}\n')
    source = make_input(corpus_dir)
    assert main(["--quiet", "analyze", "--engine", "dask", "--corpus", str(source),
                 "--out", str(tmp_path / "measures")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == err.splitlines()[0] and f"framing analyze: {source}: {message}" in err
    assert not (tmp_path / "measures").exists()


def test_analyze_parquet_refuses_a_negative_worker_count(tmp_path):
    with pytest.raises(ValueError, match="workers=-1"):
        analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", workers=-1)
