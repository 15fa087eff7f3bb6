"""framing.store: keyed ingest, idempotence, atomicity (errors and SIGKILL), locking, export."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pytest

import framing
from framing.errors import (
    MalformedRecordError,
    MissingColumnError,
    StoreError,
    StoreLockedError,
)


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    return path


def articles(n, outlet="Wire", start=0):
    return [{"text": f"Article number {i} says talks may resume.", "outlet": outlet,
             "title": f"T{i}", "date": "2026-03-02", "topic": "summit"} for i in range(start, start + n)]


def test_ingest_adds_new_articles_only(tmp_path):
    corpus = write_jsonl(tmp_path / "a.jsonl", articles(5))
    with framing.Store(tmp_path / "s.duckdb") as store:
        first = store.ingest(corpus)
        assert (first.added, first.already_stored, store.count()) == (5, 0, 5)
        again = store.ingest(corpus)
        assert (again.added, again.already_stored, store.count()) == (0, 5, 5)
        grown = write_jsonl(tmp_path / "b.jsonl", articles(7))
        assert store.ingest(grown).added == 2
        assert list(store.ingests()["added"]) == [5, 0, 2]


def test_each_ingests_load_report_is_kept_for_reports(tmp_path):
    # a report over a store showed no duplicates, dates or boilerplate: the ingests knew them
    from framing import notebook as nb

    rows = articles(3) + [{**articles(1)[0], "title": "Again", "date": "0001-01-01"}]
    rows[1]["text"] += "\nAdvertisement"
    corpus = write_jsonl(tmp_path / "a.jsonl", rows)
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(corpus)
        store.ingest(corpus)
        reports = store.load_reports()
    assert [i for i, _, _ in reports] == [1, 2]
    first = reports[0][2]
    assert (first.rows_read, first.duplicate_texts, first.unusable_dates,
            first.boilerplate_lines_removed) == (4, 1, 1, 1)
    history = nb.store_history(tmp_path / "s.duckdb")
    assert history.startswith(f"Articles read from the store {(tmp_path / 's.duckdb').resolve()}"
                              ", filled by 2 ingests:")
    assert "4 new articles added, 0 already stored" in history
    # the second ingest added nothing: its report (the same file read again) is not repeated
    assert "0 new articles added, 4 already stored" in history and "nothing new" in history
    assert history.count("exact duplicate texts: 1") == 1


def test_stored_articles_round_trip_with_extras(tmp_path):
    corpus = write_jsonl(tmp_path / "a.jsonl", articles(3))
    loaded = framing.load_corpus(corpus)
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(corpus)
        stored = store.articles()
    assert list(stored["id"]) == list(loaded["id"])
    assert list(stored["text"]) == list(loaded["text"])
    assert list(stored["topic"]) == ["summit"] * 3
    assert (stored["date"] == pd.Timestamp("2026-03-02")).all()
    assert stored["article_hash"].is_unique


def test_stored_articles_of_some_outlets_one_outlet_given_as_a_string(tmp_path):
    # articles(outlets="Wire") matched the outlets "W", "i", "r" and "e": no article
    corpus = write_jsonl(tmp_path / "a.jsonl", articles(2) + articles(3, outlet="Post", start=2))
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(corpus)
        assert list(store.articles(outlets="Wire")["outlet"]) == ["Wire"] * 2
        assert list(store.articles(outlets=["Post"])["outlet"]) == ["Post"] * 3
        assert len(store.articles(outlets=["Wire", "Post"])) == 5


def test_fields_refuses_a_field_no_article_has_and_keeps_a_sparse_one(tmp_path):
    # fields("nope") gave an all-None column: a typo read as "no article has a label"
    with_topic = write_jsonl(tmp_path / "a.jsonl", articles(2))
    plain = [{k: v for k, v in a.items() if k != "topic"} for a in articles(3, start=2)]
    without = write_jsonl(tmp_path / "b.jsonl", [{**a, "bias": "left"} for a in plain])
    with framing.Store(tmp_path / "s.duckdb") as store:
        assert store.fields("topic").empty  # an empty store: nothing to miss
        store.ingest(with_topic)
        store.ingest(without)
        got = store.fields("topic", "bias").set_index("article_hash")
        assert len(got) == 5 and got["topic"].notna().sum() == 2 and got["bias"].notna().sum() == 3
        with pytest.raises(MissingColumnError) as err:
            store.fields("topic", "nope")
        msg = str(err.value)
        assert "s.duckdb" in msg and "field 'nope'" in msg and "fields present: bias, topic" in msg
        with pytest.raises(MissingColumnError, match="field 'outlet'.*Store.articles"):
            store.fields("outlet")


def test_same_text_from_two_outlets_is_two_articles(tmp_path):
    rows = [{"text": "Identical wire copy.", "outlet": "A"}, {"text": "Identical wire copy.", "outlet": "B"}]
    with framing.Store(tmp_path / "s.duckdb") as store:
        result = store.ingest(write_jsonl(tmp_path / "a.jsonl", rows))
    assert result.added == 2 and result.report.duplicate_texts == 1


def test_failed_ingest_leaves_the_store_as_it_was(tmp_path):
    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(3)))
    bad = tmp_path / "bad.jsonl"
    write_jsonl(bad, articles(30, outlet="Other"))
    with open(bad, "a") as fh:
        fh.write("{not json\n")
    with framing.Store(store_path) as store:
        # small chunks: the first chunks are inserted before the bad line is reached
        with pytest.raises(MalformedRecordError, match="row 31"):
            store.ingest(bad, chunk_rows=10)
        assert store.count() == 3
        assert len(store.ingests()) == 1


class _InsertFailsInDuckDB:
    """A store connection whose article INSERT fails inside DuckDB (as a full disk or Ctrl-C
    makes it fail), aborting the open transaction."""

    def __init__(self, con, after: int):
        self._con, self._after = con, after

    def execute(self, sql, *args):
        if sql.lstrip().startswith("INSERT OR IGNORE INTO article_rows"):
            self._after -= 1
            if self._after < 0:
                self._con.execute("SELECT error('IO Error: No space left on device')")
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_an_insert_failing_in_duckdb_keeps_its_own_error_and_the_store(tmp_path):
    # unregistering the chunk in the aborted transaction raised "Current transaction is
    # aborted (please ROLLBACK)", which replaced the reason: Ctrl-C in the middle of an ingest
    # and a full disk printed that error's traceback (exit 1) instead of their own message
    from framing.cli import _disk_problem

    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(3)))
        store._con = _InsertFailsInDuckDB(store.con, after=1)
        with pytest.raises(duckdb.Error, match="No space left on device") as err:
            store.ingest(write_jsonl(tmp_path / "b.jsonl", articles(30, start=3)), chunk_rows=10)
        assert "the disk is full" in _disk_problem(err.value, "ingest")
        store._con = store._con._con
        assert store.count() == 3 and len(store.ingests()) == 1
    with framing.Store(store_path) as store:
        assert store.ingest(tmp_path / "b.jsonl").added == 30


def test_killed_ingest_keeps_nothing_half_written_and_rerun_completes(tmp_path):
    store_path = tmp_path / "s.duckdb"
    corpus = write_jsonl(tmp_path / "big.jsonl", articles(40000, outlet="Big"))
    with framing.Store(store_path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(3)))
    rng = random.Random(7)
    killed = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "framing.cli", "--quiet", "ingest",
                                 str(corpus), "--store", str(store_path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
        con = duckdb.connect(str(store_path), read_only=True)
        n, distinct = con.execute("SELECT count(*), count(DISTINCT article_hash) FROM articles").fetchall()[0]
        ingests = con.execute("SELECT count(*) FROM ingests").fetchall()[0][0]
        con.close()
        assert n == distinct
        assert n in (3, 40003)  # all of the big ingest or none of it
        assert (n == 40003) == (ingests == 2)
    assert killed >= 1, "the ingest finished before it could be killed; raise the corpus size"
    with framing.Store(store_path) as store:
        store.ingest(corpus)
        assert store.count() == 40003


def test_a_second_writer_gets_a_clear_error(tmp_path):
    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(2)))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
        "time.sleep(30)"), str(store_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match="still in use after waiting 0.5 s; another "
                                                   "framing run is writing"):
            framing.Store(store_path, timeout=0.5).count()
        with pytest.raises(StoreLockedError, match=r"\. another framing run is writing to it, or reading"):
            framing.Store(store_path).count()  # no wait asked for: no "after waiting"
    finally:
        holder.kill()
        holder.wait()
    assert framing.Store(store_path, read_only=True).count() == 2


def test_a_writer_kept_out_by_a_reader_is_told_a_reader_may_hold_the_store(tmp_path):
    # a nightly ingest during a long report said "another framing run is writing to it"
    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(2)))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
        "print('reading', flush=True); time.sleep(30)"), str(store_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "reading"
        with pytest.raises(StoreLockedError, match=r"writing to it, or reading it \(a report"):
            framing.Store(store_path).count()
    finally:
        holder.kill()
        holder.wait()


def test_not_a_store(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        framing.Store(path).count()
    with pytest.raises(StoreError, match="no store here"):
        framing.Store(tmp_path / "absent.duckdb", read_only=True).count()


@pytest.mark.parametrize("name", ["corpus.csv", "corpus.jsonl", "corpus.parquet", "empty.duckdb"])
def test_a_corpus_given_as_the_store_is_refused_and_left_as_it_was(tmp_path, name, capsys):
    # DuckDB opens an existing CSV, JSON or Parquet file as a database held in memory: an ingest
    # "into" the corpus file reported 3 articles stored, kept none, and analyze then found none
    from framing.cli import main

    corpus = write_jsonl(tmp_path / "a.jsonl", articles(3))
    path = tmp_path / name
    if name.endswith(".parquet"):
        pd.DataFrame(articles(2)).to_parquet(path)
    elif name.endswith(".csv"):
        pd.DataFrame(articles(2)).to_csv(path, index=False)
    elif name.endswith(".jsonl"):
        write_jsonl(path, articles(2))
    else:
        path.touch()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="cannot open the store: it is an? .*, not a DuckDB") as err:
        framing.Store(path).ingest(corpus)
    assert err.value.exit_code == 2
    with pytest.raises(StoreError, match="not a DuckDB database"):
        framing.Store(path, read_only=True).count()
    assert main(["ingest", str(corpus), "--store", str(path)]) == 2
    assert main(["analyze", "--store", str(path), "--jobs", "1"]) == 2
    assert "--store names the store's file" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.jsonl", name])


def test_a_folder_given_as_the_store_is_refused(tmp_path, capsys):
    from framing.cli import main

    corpus = write_jsonl(tmp_path / "a.jsonl", articles(1))
    assert main(["ingest", str(corpus), "--store", str(tmp_path)]) == 2
    assert f"it is a folder. give the store's file, e.g. --store {tmp_path / 'framing.duckdb'}" \
        in capsys.readouterr().err


def test_export_parquet(tmp_path):
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(4)))
        path = store.export_parquet(tmp_path / "out" / "articles.parquet")
    exported = pd.read_parquet(path)
    assert len(exported) == 4
    assert {"id", "outlet", "date", "title", "text", "url", "article_hash"} <= set(exported.columns)
    assert not list((tmp_path / "out").glob(".*tmp"))
    reloaded = framing.load_corpus(path)  # an export is itself a loadable corpus
    assert sorted(reloaded["text"]) == sorted(exported["text"])


def test_unscored_batches_stream_the_work_list_in_written_order(tmp_path):
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(5)))
        store.ingest(write_jsonl(tmp_path / "b.jsonl", articles(4, start=5)))
        stored = store.articles()
        by_number = {int(t.split()[2]): h for h, t in zip(stored["article_hash"], stored["text"])}
        store.write_measures("hedging", "1", [(by_number[0], {"x": 1}), (by_number[6], {"x": 2})])
        store.write_measures("frames", "1", [(by_number[0], {"y": 1})])
        found = store.unscored_batches({"hedging": "1", "frames": "1"}, size=3)
        assert found.counts == {"hedging": 7, "frames": 8} and found.articles == 8
        batches = list(found.batches)
        assert [len(b.hashes) for b in batches] == [3, 3, 2]
        listed = [h for b in batches for h in b.hashes]
        number_of = {h: n for n, h in by_number.items()}
        numbers = [number_of[h] for h in listed]
        # ingest by ingest, in the order the rows were stored (article 0 is complete)
        assert set(numbers[:4]) == {1, 2, 3, 4} and set(numbers[4:]) == {5, 6, 7, 8}
        rowids = [r for b in batches for r in b.rowids]
        assert rowids == sorted(rowids)
        needs = {h: n for b in batches for h, n in zip(b.hashes, b.needs)}
        assert needs[by_number[6]] == {"hedging": False, "frames": True}
        assert needs[by_number[7]] == {"hedging": True, "frames": True}
        # texts by row id equal texts by hash, and a stale row id range still finds them
        for b in batches:
            want = store.texts(b.hashes)
            pd.testing.assert_frame_equal(store.texts(b.hashes, b.rowids), want)
            pd.testing.assert_frame_equal(store.texts(b.hashes, [0, 0]), want)
            pairs = list(zip(want["article_hash"], want["text"]))
            assert store.text_pairs(b.hashes, b.rowids) == pairs  # what analyze reads
            assert store.text_pairs(b.hashes, [0, 0]) == pairs
            assert store.text_pairs(list(reversed(b.hashes)), b.rowids) == pairs[::-1]
        assert store.text_pairs(["no such hash", by_number[2]]) == [
            (by_number[2], "Article number 2 says talks may resume.")]
        assert store.con.execute("SELECT count(*) FROM duckdb_tables() "
                                 "WHERE table_name = 'framing_unscored'").fetchall()[0][0] == 0


class _CutConnection:
    """A DuckDB connection on which Ctrl-C lands at a chosen moment: right after a COMMIT, or
    during the INSERT with the ROLLBACK cut short too ("Query interrupted")."""

    def __init__(self, con, after_commit=False, during_insert=False):
        self.con, self.after_commit, self.during_insert = con, after_commit, during_insert

    def execute(self, sql, *args):
        if self.during_insert and sql.startswith("INSERT"):
            raise KeyboardInterrupt
        if self.during_insert and sql == "ROLLBACK":
            self.con.execute(sql)
            raise RuntimeError("Query interrupted")
        out = self.con.execute(sql, *args)
        if self.after_commit and sql == "COMMIT":
            raise KeyboardInterrupt
        return out

    def __getattr__(self, name):
        return getattr(self.con, name)


@pytest.mark.parametrize("moment", ["after_commit", "during_insert"])
def test_ctrl_c_at_a_transactions_edge_is_reported_as_the_interruption(tmp_path, moment):
    # a rollback after a finished COMMIT ("no transaction is active"), or one cut short itself,
    # used to replace the KeyboardInterrupt with a DuckDB error and a traceback
    corpus = write_jsonl(tmp_path / "a.jsonl", articles(3))
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(corpus)
        hashes = store.hashes()
        real = store.con
        store._con = _CutConnection(real, **{moment: True})
        with pytest.raises(KeyboardInterrupt):
            store.write_measures("hedging", "v1", [(h, {"x": 1.0}) for h in hashes])
        store._con = real
        stored = real.execute("SELECT count(*) FROM measures").fetchone()[0]
    assert stored == (3 if moment == "after_commit" else 0)  # committed, or nothing kept


def test_each_ingest_records_the_file_its_options_and_the_version(tmp_path, sample_path):
    import hashlib

    store = tmp_path / "s.duckdb"
    with framing.Store(store) as st:
        st.ingest(sample_path, mapping=["title=title"], encoding="utf-8")
        sources = st.ingest_sources()
    row = sources.iloc[0]
    assert row["path"] == str(sample_path.resolve())
    assert row["bytes"] == sample_path.stat().st_size
    assert row["sha256"] == hashlib.sha256(sample_path.read_bytes()).hexdigest()
    assert row["options"]["mapping"] == {"title": "title"} and row["options"]["encoding"] == "utf-8"
    from framing import notebook as nb

    assert f"SHA-256 {row['sha256'][:16]}" in nb.store_history(store)


def test_an_ingest_says_which_new_articles_repeat_a_stored_text(tmp_path):
    first = write_jsonl(tmp_path / "n1.jsonl", [
        {"id": "a1", "outlet": "A", "title": "Talks", "text": "Talks may resume on Monday."},
        {"id": "a2", "outlet": "A", "title": "Budget", "text": "The budget passed."}])
    second = write_jsonl(tmp_path / "n2.jsonl", [  # a correction: same text, new title
        {"id": "a1-corr", "outlet": "A", "title": "Talks (corrected)",
         "text": "Talks may resume on Monday."},
        {"id": "b1", "outlet": "B", "title": "Rain", "text": "It rained."}])
    with framing.Store(tmp_path / "s.duckdb") as st:
        st.ingest(first)
        result = st.ingest(second)
    assert (result.added, result.same_text_as_stored) == (2, 1)
    assert "1 of the new articles has the text of an article stored before" in result.summary()
    assert "id a1-corr = stored id a1" in result.summary()
    assert result.same_id_as_stored == 0 and "the id of a" not in result.summary()


def test_an_ingest_says_which_new_articles_reuse_a_stored_id(tmp_path):
    # a corrected text under its old id was one more article, and the ingest said only
    # "1 new articles added": the outlet's comparison counted the story twice unseen
    first = write_jsonl(tmp_path / "n1.jsonl", [
        {"id": "a1", "outlet": "A", "title": "Talks", "text": "Talks may resume on Monday."},
        {"id": "a2", "outlet": "A", "title": "Budget", "text": "The budget passed."}])
    second = write_jsonl(tmp_path / "n2.jsonl", [
        {"id": "a1", "outlet": "A", "title": "Talks", "text": "Talks may resume on Tuesday."},
        {"id": "a2", "outlet": "A", "title": "Budget", "text": "The budget passed."},
        {"id": "b1", "outlet": "B", "title": "Rain", "text": "It rained."}])
    with framing.Store(tmp_path / "s.duckdb") as st:
        st.ingest(first)
        result = st.ingest(second)
        again = st.ingest(second)  # nothing new: nothing to say
        stored = st.con.execute("SELECT report FROM ingests ORDER BY ingest_id").fetchall()
    assert (result.added, result.already_stored, result.same_id_as_stored) == (2, 1, 1)
    assert "store: 1 of the new articles has the id of a different article stored before" \
        in result.summary() and "e.g. id 'a1'" in result.summary()
    assert result.to_dict()["same_id_as_stored"] == 1
    assert json.loads(stored[1][0])["same_id_as_stored"] == 1
    assert (again.added, again.same_id_as_stored) == (0, 0)


def _stored(path):
    with framing.Store(path, read_only=True) as store:
        return {(f, v): n for f, v, n, _ in store.measure_versions()}


def test_prune_removes_what_this_framing_never_reads_again_and_nothing_else(tmp_path, capsys):
    # a store kept for months holds a full set of measures per framing upgrade and per
    # codebook edit, and nothing removed them: the file grew with every re-scoring
    from framing.analyze import family_versions, update_store
    from framing.cli import main

    path = tmp_path / "s.duckdb"
    codebook = tmp_path / "mine.yaml"
    codebook.write_text("frames:\n  talks:\n    cues: [talks]\n", encoding="utf-8")
    with framing.Store(path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(3)))
        hashes = store.hashes()
        for family, old in (("hedging", "0.9+0000|seg1"), ("frames", "1.0+0000|82831ea0")):
            store.write_measures(family, old, [(h, {"x": 1}) for h in hashes])
        update_store(store, measures=["hedging", "frames"], jobs=1)
        update_store(store, measures=["frames"], codebook=str(codebook), jobs=1)
    now = family_versions(["hedging", "frames"])
    mine = family_versions(["frames"], codebook=str(codebook))["frames"]
    assert len(_stored(path)) == 5

    assert main(["prune", "--store", str(path), "--dry-run"]) == 0
    assert "would remove 6 measures of 2 family versions, kept 3" in capsys.readouterr().out
    assert len(_stored(path)) == 5
    assert main(["prune", "--store", str(path)]) == 0  # earlier framing versions only
    assert _stored(path) == {("hedging", now["hedging"]): 3, ("frames", now["frames"]): 3,
                             ("frames", mine): 3}
    # a codebook given without --other-options is refused, not ignored
    assert main(["prune", "--store", str(path), "--codebook", str(codebook)]) == 2
    assert "--other-options" in capsys.readouterr().err
    assert main(["prune", "--store", str(path), "--other-options", "--measures", "frames",
                 "--codebook", str(codebook)]) == 0
    assert _stored(path) == {("hedging", now["hedging"]): 3, ("frames", mine): 3}
    with framing.Store(path) as store:  # what was kept is read, not scored again
        assert update_store(store, measures=["hedging", "frames"], codebook=str(codebook),
                            jobs=1)["scored"] == {"hedging": 0, "frames": 0}


def test_dropping_old_versions_lets_duckdb_reuse_their_space(tmp_path):
    # re-scoring five times kept five full sets of measures: the file grew by the size of one
    # set each time. With the old set dropped after each, the file stays at its size
    path = tmp_path / "s.duckdb"
    with framing.Store(path) as store:
        store.ingest(write_jsonl(tmp_path / "a.jsonl", articles(2000)))
        hashes = store.hashes()
    rng = random.Random(7)  # payloads that do not compress away, as real evidence lists
    sizes = {}
    for drop in (False, True):
        for version in range(6):
            with framing.Store(path) as store:
                store.write_measures("frames", f"{drop}-{version}",
                                     [(h, {"cues": rng.randbytes(300).hex()}) for h in hashes])
                if drop:
                    store.drop_measures([(f, v) for f, v, _, _ in store.measure_versions()
                                         if v != f"{drop}-{version}"])
            sizes[drop, version] = path.stat().st_size
    assert sizes[False, 5] > sizes[False, 1] + 3 * 2**20  # kept: grows with each set
    # dropped: the freed space is reused (measured: 3.2 or 4.5 MB, against 9.4 MB kept)
    assert max(sizes[True, v] for v in range(6)) <= sizes[False, 1]
    assert _stored(path) == {("frames", "True-5"): 2000}
