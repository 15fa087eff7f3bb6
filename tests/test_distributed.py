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
    assert "skipped 2 bad rows" in capsys.readouterr().out  # a03 (no text) and a07 (empty)
    written = pd.read_parquet(out)
    want = framing.analyze(framing.load_corpus(source, skip_bad_rows=True),
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
                              partition_rows=5, progress=seen.append, bad_rows="keep",
                              clean=False)
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
    assert f"{len(corpus) - 6} articles" in printed and "skipped 6 bad rows" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.parquet", "measures"]
    got = pd.read_parquet(out)
    want = framing.analyze(framing.load_corpus(source, skip_bad_rows=True), jobs=1,
                           measures=["hedging", "frames"])
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
    # a count of one is singular ("in 1 partitions" it said)
    assert f"{source}: 6 articles in 1 partition scored on" in capsys.readouterr().out
    loaded = framing.load_corpus(source, mapping={"text": "content_original", "outlet": "source",
                                                  "id": "ID"}, skip_bad_rows=True)
    want = framing.analyze(loaded, jobs=1, measures=["hedging"])
    pd.testing.assert_frame_equal(pd.read_parquet(out), want)
    assert main(["analyze", "--engine", "dask", "--scheduler", cluster[0].scheduler_address,
                 "--corpus", str(source), "--out", str(tmp_path / "m2"),
                 "--map", "text=body"]) == 2
    assert "the mapping names column 'body'" in capsys.readouterr().err
    assert not (tmp_path / "m2").exists()


@pytest.mark.parametrize("option, why", [
    (["--fold-outlet-case"], "first seen in the whole file"),
    (["--encoding", "cp1252"], "Unicode already"), (["--sep", ";"], "delimiter of a CSV"),
    (["--metadata", "m.csv"], "folder of .txt files")])
def test_cli_engine_dask_refuses_what_no_partition_can_honour(option, why, tmp_path, capsys,
                                                               monkeypatch):
    """Options that need the whole file, or concern files other than Parquet, are refused with
    the reason (they were accepted and silently ignored)."""
    from framing.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "--engine", "dask", "--corpus", "a.parquet", "--out", "m",
                 *option]) == 2
    err = capsys.readouterr().err
    assert f"--engine dask does not take {option[0]}: " in err and why in err
    assert list(tmp_path.iterdir()) == []


def _wait_until_idle(client, timeout=60):
    """Wait until every worker has finished what it was running, cancelled partitions too (a
    cancelled task runs to its end, holding the worker's one thread: a task given to each
    worker starts only then)."""
    import time

    deadline = time.monotonic() + timeout
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = list(client.scheduler_info()["workers"])
    client.gather([client.submit(time.monotonic, workers=[w], allow_other_workers=False,
                                 pure=False) for w in workers])


# a local folder, the same as a file:// URL, and a folder through a file system that is not
# the local one to fsspec (as an object store is not): a failed run left the partitions being
# scored when it failed in both URLs, which were written in place and removed once
OUT_FORMS = ["{}", "file://{}", "simplecache::file://{}"]


@pytest.mark.parametrize("out_form", OUT_FORMS)
def test_a_row_without_text_names_the_partition_row_id_and_field(cluster, corpus, tmp_path,
                                                                  capsys, out_form):
    """A row without text stops the run (exit 2, as --corpus does) with an error naming the
    input, the partition, the row and the field; no output folder is left, not even by the
    partitions still being scored when it failed (they recreated the temporary folder), and
    what was there before is kept."""
    from framing.cli import main

    (tmp_path / "measures.txt").write_text("there before the run")

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
               out_form.format(tmp_path / "measures")])
    assert rc == 2
    err = capsys.readouterr().err
    assert (f"{folder}, partition 1 of 3, row 3, field 'text': the text is missing "
            f"(id {bad.loc[2, 'id']!r})") in err
    assert "--skip-bad-rows" in err
    _wait_until_idle(cluster[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "measures.txt"]
    assert (tmp_path / "measures.txt").read_text() == "there before the run"


def test_a_value_that_is_not_a_text_is_refused(cluster, corpus, tmp_path):
    texts = corpus.dropna(subset=["text"]).head(4).reset_index(drop=True)
    texts["text"] = range(4)
    texts.to_parquet(tmp_path / "a.parquet", index=False)
    with pytest.raises(MalformedRecordError,
                       match=r"partition 1 of 1, row 1, field 'text': the text is a number "
                             r"\(0\), not text \(id '.+'\)"):
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
    pd.DataFrame({"text": ["It may rain."], "outlet": ["A"]}).to_parquet(tmp_path / "a.parquet",
                                                                         index=False)
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


# ---------------------------------------------------------------------------------------------
# --engine dask reads each partition as load_corpus reads a file's rows


def _raw_articles(n: int = 12) -> pd.DataFrame:
    """Articles as a crawl gives them: HTML, web boilerplate lines, decomposed accents, escaped
    titles, dates in several forms (03/04 either way round), no ids."""
    import json

    from conftest import SAMPLE

    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:n]]
    out = []
    for i, row in enumerate(rows):
        paragraphs = row["text"].split("\n\n")
        if i % 3 == 0:  # markup
            text = "".join(f"<p>{p}</p>" for p in paragraphs) + "<div>Advertisement</div>"
        elif i % 3 == 1:  # boilerplate lines between paragraphs
            text = "\n\n".join([paragraphs[0], "Read more: Talks resume", *paragraphs[1:],
                                "Follow us on Twitter @wire", "ADVERTISEMENT",
                                ("Herald News’ Jane Doe contributed to this article. Follow "
                                 "John Roe on Twitter @jroe")])
        else:  # decomposed accents (NFD)
            text = row["text"].replace("Kharn", "Kha\u0308rn")
        date = ["2026-03-02", "03/04/2026", "", "March 5, 2026"][i % 4]
        out.append({"source": row["outlet"], "headline": row["title"].replace("'", "&#39;")
                    + " &amp; more", "body": text, "published": date})
    return pd.DataFrame(out)


MAP = ["--map", "text=body", "--map", "outlet=source", "--map", "title=headline",
       "--map", "date=published"]
MAPPING = {"text": "body", "outlet": "source", "title": "headline", "date": "published"}


def test_a_raw_file_gives_what_analyze_corpus_gives(cluster, tmp_path, capsys):
    """A raw Parquet file (HTML, boilerplate lines, no ids) was scored as it was by --engine
    dask and cleaned by --corpus: 65 of 100 AllSides articles had other numbers. Now each
    partition is read by load_corpus's own code: the same ids, values, columns and dtypes."""
    from framing.cli import main

    source = tmp_path / "raw.parquet"
    _raw_articles().to_parquet(source, index=False)
    assert main(["--quiet", "analyze", "--corpus", str(source), *MAP, "--jobs", "1",
                 "--out", str(tmp_path / "local.parquet")]) == 0
    local_printed = capsys.readouterr().out
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(source), *MAP,
                 "--out", str(tmp_path / "measures")]) == 0
    printed = capsys.readouterr().out
    got = pd.read_parquet(tmp_path / "measures")
    want = framing.analyze(framing.load_corpus(source, mapping=MAPPING), jobs=1)
    pd.testing.assert_frame_equal(got, want)
    pd.testing.assert_frame_equal(got, pd.read_parquet(tmp_path / "local.parquet"))
    assert got["id"].str.fullmatch(r"[0-9a-f]{16}").all()  # the content-hash ids
    assert got["title"].str.endswith(" & more").all() and not got["date"].isna().all()
    # the same notes as --corpus prints (HTML converted, boilerplate lines removed, ...)
    assert printed.splitlines()[1:] == local_printed.splitlines()[1:]
    assert "boilerplate lines removed" in printed and "HTML" in printed
    from framing.text import MarkupWarning

    with pytest.warns(MarkupWarning):  # what --engine dask scored before
        raw = framing.analyze(pd.read_parquet(source).rename(columns={"body": "text"}), jobs=1)
    assert (raw["hedging_n_words"] != got["hedging_n_words"]).sum() >= 8  # cleaning matters


def test_the_cleaning_options_are_honoured_in_every_partition(cluster, tmp_path):
    source = tmp_path / "raw.parquet"
    _raw_articles().to_parquet(source, index=False)
    options = {"html": False, "strip_boilerplate": False, "unicode_form": None,
               "day_first": True}
    summary = analyze_parquet(source, tmp_path / "measures", scheduler=cluster[0].scheduler_address,
                              partition_rows=4, mapping=MAPPING, measures=["hedging"], **options)
    assert summary["partitions"] == 3 and summary["articles"] == 12
    want = framing.analyze(framing.load_corpus(source, mapping=MAPPING, **options), jobs=1,
                           measures=["hedging"])
    got = pd.read_parquet(tmp_path / "measures")
    pd.testing.assert_frame_equal(got, want)
    assert got.loc[1, "date"] == pd.Timestamp("2026-04-03")  # day first
    default = framing.analyze(framing.load_corpus(source, mapping=MAPPING), jobs=1,
                              measures=["hedging"])
    assert not got["hedging_n_words"].equals(default["hedging_n_words"])
    assert summary["report"].html_converted == 0 and summary["report"].rows_loaded == 12


def test_a_store_export_gives_what_analyze_store_gives(cluster, tmp_path, capsys):
    """A store's export is cleaned again, as --corpus does: cleaning a clean text gives it back
    (it did not for a credit line ending in a follow prompt), so the numbers are the store's."""
    from framing.cli import main
    from framing.store import Store

    source = tmp_path / "raw.parquet"
    _raw_articles().to_parquet(source, index=False)
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(source), *MAP, "--store", str(store)]) == 0
    assert main(["--quiet", "export", str(tmp_path / "export.parquet"), "--store",
                 str(store)]) == 0
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(tmp_path / "export.parquet"),
                 "--out", str(tmp_path / "measures"), "--measures", "hedging,sources"]) == 0
    capsys.readouterr()
    got = pd.read_parquet(tmp_path / "measures").set_index("id").sort_index()
    with Store(store) as st:
        want = framing.analyze(store=st, jobs=1, measures=["hedging", "sources"])
    want = want.drop(columns="article_hash").set_index("id").sort_index()
    pd.testing.assert_frame_equal(got, want)


def test_dates_in_two_orders_are_refused_across_partitions(cluster, tmp_path, capsys):
    """load_corpus refuses a file whose numeric dates prove two orders; each partition alone
    holds one order only, so the client checks them together."""
    from framing.cli import main

    raw = _raw_articles(8)
    raw["published"] = ["03/04/2026"] * 4 + ["15/03/2026"] * 4  # 'either', then day first
    folder = tmp_path / "in"
    folder.mkdir()
    raw.iloc[:4].to_parquet(folder / "a.parquet", index=False)
    raw.iloc[4:].to_parquet(folder / "b.parquet", index=False)
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(folder), *MAP,
                 "--out", str(tmp_path / "measures")]) == 2
    err = capsys.readouterr().err
    assert (f"{folder}, field 'date': the dates are day first ('15/03/2026', partition 2 of 2, "
            "row 1), but dates such as '03/04/2026' (partition 1 of 2, row 1) would be read "
            "month first") in err and "--day-first" in err
    _wait_until_idle(cluster[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, "--corpus", str(folder), *MAP, "--day-first",
                 "--out", str(tmp_path / "measures")]) == 0
    capsys.readouterr()
    assert pd.read_parquet(tmp_path / "measures")["date"].dt.month.tolist() == [4] * 4 + [3] * 4


def test_whole_number_ids_with_a_missing_one_and_a_missing_outlet(cluster, tmp_path, capsys):
    """Ids 17 and 18 beside a missing one stay '17' and '18' (not '17.0'), the missing one gets
    the content hash; a row without an outlet is load_corpus's error, naming the partition."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    raw = _raw_articles(3)
    table = pa.table({"id": pa.array([17, None, 18], pa.int64()), "outlet": raw["source"],
                      "text": raw["body"]})
    pq.write_table(table, tmp_path / "a.parquet")
    analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", measures=["hedging"],
                    scheduler=cluster[0].scheduler_address)
    got = pd.read_parquet(tmp_path / "m")
    want = framing.analyze(framing.load_corpus(tmp_path / "a.parquet"), jobs=1,
                           measures=["hedging"])
    pd.testing.assert_frame_equal(got, want)
    assert got["id"].tolist()[::2] == ["17", "18"]
    pq.write_table(table.set_column(1, "outlet", pa.array(["A", "B", None])),
                   tmp_path / "b.parquet")
    with pytest.raises(framing.errors.MissingValueError,
                       match=r"b.parquet, partition 1 of 1, row 3, field 'outlet': the outlet "
                             r"is missing \(id '18'\)"):
        analyze_parquet(tmp_path / "b.parquet", tmp_path / "m2",
                        scheduler=cluster[0].scheduler_address)


def test_a_missing_outlet_column_is_refused_before_a_cluster_starts(tmp_path, monkeypatch):
    import framing.distributed

    def no_cluster(*args, **kwargs):
        raise AssertionError("a cluster was started for an input without outlets")

    monkeypatch.setattr(framing.distributed, "_client", no_cluster)
    pd.DataFrame({"text": ["It may rain."]}).to_parquet(tmp_path / "a.parquet", index=False)
    with pytest.raises(MissingColumnError, match=r"a.parquet, field 'outlet': required column "
                                                 r"is missing.*--map outlet=COLUMN"):
        analyze_parquet(tmp_path / "a.parquet", tmp_path / "m")
    with pytest.raises(ValueError, match="bad_rows='keep'.*clean=False"):
        analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", bad_rows="keep")


def test_an_input_whose_every_row_is_skipped_is_an_error(cluster, tmp_path):
    """As load_corpus: not an empty output folder and '0 articles'."""
    pd.DataFrame({"text": [None, "  ", "NA"], "outlet": ["A", "B", "C"]}).to_parquet(
        tmp_path / "a.parquet", index=False)
    with pytest.raises(framing.errors.EmptyFileError,
                       match=r"a.parquet: no articles left: all 3 rows were skipped as bad "
                             r"\(e.g. partition 1 of 2, row 1: the text is missing; "):
        analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", bad_rows="skip",
                        partition_rows=2, scheduler=cluster[0].scheduler_address)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet"]
    # a partition whose every row is skipped, in an input without titles, is an empty file
    # (it failed: "NumPyConverter doesn't implement <null> conversion")
    pd.DataFrame({"text": [None, "  ", "It may rain."], "outlet": ["A", "B", "C"]}).to_parquet(
        tmp_path / "b.parquet", index=False)
    summary = analyze_parquet(tmp_path / "b.parquet", tmp_path / "m", bad_rows="skip",
                              partition_rows=2, measures=["hedging"],
                              scheduler=cluster[0].scheduler_address)
    assert (summary["articles"], summary["skipped"], summary["partitions"]) == (1, 2, 2)
    want = framing.analyze(framing.load_corpus(tmp_path / "b.parquet", skip_bad_rows=True),
                           jobs=1, measures=["hedging"])
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "m"), want)


def test_numeric_outlet_codes_are_the_same_on_both_engines(cluster, tmp_path, capsys):
    """An outlet column of whole numbers with a missing value (skipped) gave '1.0' with --corpus
    (pandas makes the column float) and '1' with --engine dask (which reads whole numbers as
    written); a numeric title and Unix-time date too."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from framing.cli import main

    raw = _raw_articles(8)
    pq.write_table(pa.table({
        "outlet": pa.array([1, 2, None, 1, 2, 3, 1, 2], pa.int64()),
        "title": pa.array([10, None, 12, 13, 14, 15, 16, 17], pa.int64()),
        "date": pa.array([1700000000, None, *range(1700086400, 1700086406)], pa.int64()),
        "text": raw["body"]}), tmp_path / "a.parquet")
    common = ["--corpus", str(tmp_path / "a.parquet"), "--measures", "hedging",
              "--skip-bad-rows"]
    assert main(["--quiet", "analyze", *common, "--jobs", "1",
                 "--out", str(tmp_path / "local.parquet")]) == 0
    assert main(["--quiet", "analyze", "--engine", "dask", "--scheduler",
                 cluster[0].scheduler_address, *common, "--out", str(tmp_path / "m")]) == 0
    capsys.readouterr()
    got = pd.read_parquet(tmp_path / "m")
    pd.testing.assert_frame_equal(got, pd.read_parquet(tmp_path / "local.parquet"))
    assert got["outlet"].tolist() == ["1", "2", "1", "2", "3", "1", "2"]
    assert got["title"].iloc[0] == "10" and got["title"].isna().tolist()[1]
    assert got["date"].notna().sum() == 6


@pytest.mark.parametrize("out_form", OUT_FORMS)
def test_an_output_folder_made_by_another_during_the_run_is_left_as_it_is(cluster, tmp_path,
                                                                           out_form):
    """A folder another run makes at --out while this one scores is neither written into nor
    removed: the run fails and takes away only its own partitions (through a URL they were
    written among the other run's files; a local folder's rename failed with a bare OSError)."""
    pd.DataFrame({"text": ["It may rain.", "It will.", "Perhaps."], "outlet": ["A", "B", "C"]}
                 ).to_parquet(tmp_path / "a.parquet", index=False)
    out = tmp_path / "measures"

    def another_run(rows):  # called on the client as partitions finish
        out.mkdir(exist_ok=True)
        (out / "part.00000.parquet").write_text("another run's")

    with pytest.raises(InputError, match="exists already"):
        analyze_parquet(tmp_path / "a.parquet", out_form.format(out), measures=["hedging"],
                        partition_rows=2, progress=another_run,
                        scheduler=cluster[0].scheduler_address)
    _wait_until_idle(cluster[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "measures"]
    assert [p.name for p in out.iterdir()] == ["part.00000.parquet"]
    assert (out / "part.00000.parquet").read_text() == "another run's"
    # alone, the run writes its partitions there and leaves nothing else
    summary = analyze_parquet(tmp_path / "a.parquet", out_form.format(tmp_path / "second"),
                              measures=["hedging"], partition_rows=2,
                              scheduler=cluster[0].scheduler_address)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "measures", "second"]
    assert summary["partitions"] == 2
    assert summary["out"] in (str(tmp_path / "second"), out_form.format(tmp_path / "second"))
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "second"),
        framing.analyze(framing.load_corpus(tmp_path / "a.parquet"), jobs=1, measures=["hedging"]))


def test_an_output_url_the_client_cannot_see_is_an_error(cluster, tmp_path):
    """memory:// is each process's own memory: the workers wrote their partitions where this
    process cannot see them, and the run said it had written them."""
    import fsspec

    pd.DataFrame({"text": ["It may rain.", "It will."], "outlet": ["A", "B"]}).to_parquet(
        tmp_path / "a.parquet", index=False)
    fs = fsspec.filesystem("memory")
    with pytest.raises(InputError, match="2 of 2 partitions written by the workers are not"):
        analyze_parquet(tmp_path / "a.parquet", "memory://framing-test-unseen/measures",
                        measures=["hedging"], partition_rows=1,
                        scheduler=cluster[0].scheduler_address)
    assert not fs.exists("/framing-test-unseen")


def test_a_partition_of_a_failed_run_leaves_nothing_in_an_object_store(cluster, tmp_path,
                                                                        monkeypatch):
    """A partition still being scored when the run failed wrote its file into the object store
    after the client had cleaned up. Now it writes nothing once the run's abort event is set,
    and takes its file away when the event was set while it wrote."""
    import fsspec

    import framing.distributed
    from framing.distributed import _write_partition

    part = pd.DataFrame({"text": ["It may rain."], "outlet": ["A"]})
    schema = measure_schema(["hedging"], meta=part)
    url = f"simplecache::file://{tmp_path}/m.tmp-1/part.00000.parquet"
    args = (["hedging"], "policy", None, "text", schema)
    # on a worker: the event is set before the partition is written
    distributed.Event("framing-test-failed", client=cluster[1]).set()
    done = cluster[1].submit(_write_partition, part, url, *args, abort="framing-test-failed",
                             pure=False).result()
    assert done["rows"] == 0 and list(tmp_path.iterdir()) == []
    # here: set while it is written (after the first look, before the second)
    looks = iter([False, True])
    monkeypatch.setattr(framing.distributed, "_aborted", lambda name: next(looks))
    _write_partition(part, url, *args, abort="framing-test-failed")
    assert list(tmp_path.iterdir()) == []
    # not set: written
    monkeypatch.setattr(framing.distributed, "_aborted", lambda name: False)
    assert _write_partition(part, url, *args, abort="framing-test-failed")["rows"] == 1
    assert fsspec.filesystem("file").exists(f"{tmp_path}/m.tmp-1/part.00000.parquet")


def test_the_load_report_counts_what_load_corpus_counts_across_partitions(cluster, tmp_path):
    """The partitions' reports were merged without the dotted dates (--corpus notes that
    '03.01.2020' was read day first, --engine dask said nothing), and an id or a text that
    repeats one of an earlier partition was not counted (only repeats within a partition)."""
    import dataclasses

    from framing.corpus import LoadReport

    raw = _raw_articles(6)
    raw["published"] = ["03.01.2020", "2020-01-02", "", "04.01.2020", "2020-01-05", "2020"]
    raw["id"] = ["a", "b", "c", "a", "b", "f"]  # a and b again in the second partition
    raw.loc[5, "body"] = raw.loc[0, "body"]  # and the first article's text
    raw.to_parquet(tmp_path / "a.parquet", index=False)
    summary = analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", measures=["hedging"],
                              mapping=MAPPING, partition_rows=3,
                              scheduler=cluster[0].scheduler_address)
    assert summary["partitions"] == 2
    got = summary["report"]
    want = framing.corpus.load_report(framing.load_corpus(tmp_path / "a.parquet",
                                                          mapping=MAPPING))
    for f in dataclasses.fields(LoadReport):
        if f.type == "int":
            assert getattr(got, f.name) == getattr(want, f.name), f.name
    assert (got.dotted_dates, got.duplicate_ids, got.duplicate_texts) == (2, 2, 1)
    assert got.dotted_date_examples == want.dotted_date_examples
    assert got.duplicate_examples == want.duplicate_examples == [("f", "a")]
    assert got.duplicate_id_examples == [
        "partition 2 of 2, row 1: id 'a', as partition 1 of 2, row 1",
        "partition 2 of 2, row 2: id 'b', as partition 1 of 2, row 2"]


@pytest.mark.parametrize("titles, typed", [
    ([None] * 4, False),  # a null column, as pandas writes a column of None
    ([None] * 4, True),  # a text column of nulls, as a store without titles exports
    (["", "  ", None, ""], True),  # "  " is a title: "" once cleaned, so a text column
    ([None, None, None, "The last one"], True),  # a title in the last partition only
], ids=["null", "text-nulls", "blank", "last-titled"])
def test_a_title_column_without_titles_gives_the_title_column_load_corpus_gives(
        cluster, tmp_path, titles, typed):
    """A title column without one title is load_corpus's column of None (object); --engine dask
    wrote it as text, read back as strings of NaN."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    raw = _raw_articles(4)
    typ = pa.string() if typed else None
    pq.write_table(pa.table({"text": raw["body"], "outlet": raw["source"],
                             "title": pa.array(titles, typ)}), tmp_path / "a.parquet")
    analyze_parquet(tmp_path / "a.parquet", tmp_path / "m", measures=["hedging"],
                    partition_rows=2, scheduler=cluster[0].scheduler_address)
    got = pd.read_parquet(tmp_path / "m")
    want = framing.analyze(framing.load_corpus(tmp_path / "a.parquet"), jobs=1,
                           measures=["hedging"])
    pd.testing.assert_frame_equal(got, want)
    assert (got["title"].dtype == object) == (not any(titles))


@pytest.mark.parametrize("texts", [[], [None, None, None]], ids=["no-row", "no-text"])
def test_a_corpus_without_a_text_gives_what_pandas_gives(cluster, texts):
    """No row: pandas gave object columns, the Dask path bool, int and float; no text: pandas
    gave frames_primary as a float NaN, the Dask path as a missing text."""
    corpus = pd.DataFrame({"text": pd.Series(texts, dtype=object),
                           "outlet": pd.Series(["A", "B", "C"][:len(texts)], dtype=object)})
    want = framing.analyze(corpus, jobs=1)
    with dask.config.set({"dataframe.convert-string": False}):
        got = framing.analyze(dd.from_pandas(corpus, npartitions=2)).compute()
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.shared
def test_allsides_articles_give_the_same_measures_and_notes_on_both_engines(cluster, tmp_path):
    """300 AllSides articles as a crawl gives them (no ids: the content hash; dates missing or
    partial; outlets spelled in two ways), in six partitions: the same frame as --corpus, the
    same load notes (their examples naming the partition), and framing.analyze of a dask frame
    the same as of the pandas frame."""
    import gzip
    import itertools
    import json
    import re

    from conftest import shared_path
    from framing.corpus import load_report

    path = shared_path("article_bias_prediction_allsides", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 300)]
    source = tmp_path / "allsides.parquet"
    pd.DataFrame(rows).drop(columns="ID").to_parquet(source, index=False)
    mapping = {"text": "content_original", "outlet": "source"}
    measures = ["hedging", "frames"]
    summary = analyze_parquet(source, tmp_path / "m", mapping=mapping, measures=measures,
                              partition_rows=50, bad_rows="skip",
                              scheduler=cluster[0].scheduler_address)
    assert summary["partitions"] == 6
    loaded = framing.load_corpus(source, mapping=mapping, skip_bad_rows=True)
    want = framing.analyze(loaded, jobs=1, measures=measures)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "m"), want)
    notes = [re.sub(r"partition \d of 6, ", "", line)
             for line in summary["report"].summary().splitlines()[1:]]
    assert notes == load_report(loaded).summary().splitlines()[1:]
    loaded.attrs = {}
    with dask.config.set({"dataframe.convert-string": False}):
        got = framing.analyze(dd.from_pandas(loaded, npartitions=6), measures=measures)
        pd.testing.assert_frame_equal(got.compute(), want)
