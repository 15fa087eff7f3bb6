"""Reliability and safety (issue #10): the quick CI versions of stress/stress.py.

Each fault class of docs/reliability.md is tried here with a few trials: malformed corpora,
SIGKILL during ingest / analyze / report, two runs at once, HTML/JS injection and path traversal,
parameter checking, and large inputs. ``make stress`` runs the long versions. (The "any text"
properties are in tests/test_properties.py.)
"""

from __future__ import annotations

import html
import importlib.util
import json
import random
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser

import duckdb
import pandas as pd
import pytest
from conftest import REPO

import framing
from framing import notebook as nb
from framing.analyze import family_versions, update_store
from framing.corpus import article_key, load_report
from framing.errors import InputError, StoreError
from framing.inspect import inspect_text, render_html
from framing.plot import article_view
from framing.runs import (_lock, _remove_stale_partials, _unlock, check_parameters,
                          resolve_notebook, run_report, write_index)

_spec = importlib.util.spec_from_file_location("framing_stress", REPO / "stress" / "stress.py")
stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stress)

EVIL_TEXT = ('Officials said the summit may fail. <script>document.title="pwned"</script> Critics '
             'argue it is <b onmouseover=alert(2)>certainly</b> doomed. <a href="javascript:'
             'alert(3)">link</a> "It might work," a senior official said. <img src=x '
             'onerror=alert(4)>')
EVIL_OUTLET = '<img src=x onerror=alert(1)> "Wire" <svg onload=alert(5)>'
EVIL_TITLE = "<script>alert('title')</script> & <iframe src=javascript:alert(6)>"


# ----------------------------------------------------------------------------------------------
# Malformed corpora: a clear one-line error naming file, row and field, or a counted skip; the
# store is never left with part of a failed ingest.


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    store = folder / "m.duckdb"
    rc, _, err = stress.cli(["--quiet", "ingest", stress.write_jsonl(
        folder / "base.jsonl", stress.sample_articles()[:8]), "--store", store])
    assert rc == 0, err
    cases = {c["name"]: c for c in stress.malformed_cases(folder / "cases", long_line_mb=2)}
    return store, cases


CASE_NAMES = ["truncated.jsonl", "truncated-skip.jsonl", "truncated.jsonl.gz", "open-quote.csv",
              "truncated-row.csv", "truncated-text.csv", "truncated.parquet", "semicolons.csv",
              "tabs-named.csv", "mixed-encoding.jsonl", "mixed-encoding.csv", "nul-start.csv",
              "nul-middle.csv", "nul.jsonl", "nul-skip.jsonl", "utf16.csv", "no-text-column.csv",
              "no-outlet.jsonl", "renamed.parquet", "mapping-to-absent.csv", "duplicate-ids.jsonl",
              "some-titles-missing.jsonl", "empty-text.jsonl", "ragged.csv", "ragged-skip.csv",
              "empty.csv", "blank.jsonl", "header-only.csv", "array-truncated.json",
              "not-objects.jsonl", "long-line-unterminated.jsonl"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_broken_corpus_gets_a_clear_error_or_a_counted_skip(broken, name):
    store, cases = broken
    stress.try_case(cases[name], store)  # raises CheckFailed saying what went wrong


def test_every_generated_case_is_tried(tmp_path):
    assert sorted(CASE_NAMES) == sorted(c["name"] for c in stress.malformed_cases(
        tmp_path, long_line_mb=0))


def test_random_byte_mutations_never_give_a_traceback(tmp_path):
    outcomes = stress.fuzz_ingest(tmp_path, 30, random.Random(11))
    assert outcomes["loaded"] + outcomes["refused"] == 30 and outcomes["refused"] > 0


def test_skipped_csv_lines_are_counted_even_after_the_last_chunk(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("text,outlet\nOne.,A\nTwo.,A\nbad,A,extra\n", encoding="utf-8")
    df = framing.load_corpus(path, skip_bad_rows=True)
    report = load_report(df)
    assert len(df) == 2 and report.rows_skipped == 1 and report.rows_read == 3
    assert report.skipped_examples == ["row 4: wrong number of fields"]


def test_articles_with_and_without_titles_ingest_together(tmp_path):
    rows = [{"text": "Talks resumed.", "outlet": "A", "title": "T"},
            {"text": "Talks stalled.", "outlet": "A"}]
    with framing.Store(tmp_path / "s.duckdb") as store:
        assert store.ingest(stress.write_jsonl(tmp_path / "c.jsonl", rows)).added == 2
        stored = store.articles()
    assert sorted(t if isinstance(t, str) else "" for t in stored["title"]) == ["", "T"]
    assert set(stored["article_hash"]) == {article_key("A", "T", "Talks resumed."),
                                           article_key("A", None, "Talks stalled.")}


# ----------------------------------------------------------------------------------------------
# The staged ingest: chunks committed one by one, invisible until the ingest completes


def test_an_ingest_is_invisible_until_it_completes(tmp_path):
    corpus = stress.write_jsonl(tmp_path / "c.jsonl", stress.repeated(stress.sample_articles(), 50))
    seen = []
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(stress.write_jsonl(tmp_path / "a.jsonl", stress.sample_articles()[:3]))

        def progress(rows):
            staged = store.con.execute("SELECT count(*) FROM article_rows").fetchall()[0][0]
            seen.append((store.count(), staged))

        store.ingest(corpus, progress=progress, chunk_rows=10)
        assert store.count() == 53
    assert [n for n, _ in seen] == [3] * 5  # readers saw only the earlier ingest
    assert [s for _, s in seen] == [13, 23, 33, 43, 53]  # each chunk committed on its own


def test_an_interrupted_ingest_removes_its_rows(tmp_path):
    corpus = stress.write_jsonl(tmp_path / "c.jsonl", stress.repeated(stress.sample_articles(), 50))

    def stop(rows):
        if rows >= 20:
            raise KeyboardInterrupt

    with framing.Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            store.ingest(corpus, progress=stop, chunk_rows=10)
        assert store.count() == 0
        assert store.con.execute("SELECT count(*) FROM article_rows").fetchall()[0][0] == 0
        assert store.ingest(corpus).added == 50


def test_a_killed_ingest_is_hidden_then_cleaned_up_on_the_next_open(tmp_path):
    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(stress.write_jsonl(tmp_path / "a.jsonl", stress.sample_articles()[:3]))
    con = duckdb.connect(str(store_path))  # what a killed ingest leaves: a pending id and rows
    con.execute("INSERT INTO ingest_pending VALUES (7, 'x.jsonl', now(), '999-dead')")
    con.execute("INSERT INTO article_rows SELECT 'h' || i, 'id', 'A', NULL, NULL, 'text', NULL, "
                "NULL, 7 FROM range(5) t(i)")
    con.close()
    assert stress.store_state(store_path)["rows"] == 8
    with framing.Store(store_path, read_only=True) as reader:
        assert reader.count() == 3 and len(reader.articles()) == 3 and len(reader.hashes()) == 3
    with framing.Store(store_path) as writer:
        assert writer.count() == 3
    state = stress.store_state(store_path)
    assert (state["rows"], state["pending"]) == (3, 0)


def _schema_1_store(path, *, measures: bool = True) -> None:
    """A store as framing 0.1 wrote it: ``articles`` a table (and, before the first analyze
    release, no ``measures``)."""
    con = duckdb.connect(str(path))
    con.execute("""CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE ingests (ingest_id INTEGER PRIMARY KEY, source VARCHAR NOT NULL,
            started TIMESTAMP NOT NULL, finished TIMESTAMP NOT NULL, rows_read BIGINT NOT NULL,
            added BIGINT NOT NULL, already_stored BIGINT NOT NULL, report VARCHAR NOT NULL);
        CREATE TABLE articles (article_hash VARCHAR PRIMARY KEY, id VARCHAR NOT NULL,
            outlet VARCHAR NOT NULL, date TIMESTAMP, title VARCHAR, text VARCHAR NOT NULL,
            url VARCHAR, extra VARCHAR, ingest_id INTEGER NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        INSERT INTO ingests VALUES (1, 'old.jsonl', now(), now(), 1, 1, 0, '{}');
        INSERT INTO articles VALUES ('oldhash', 'o1', 'Old Wire', NULL, NULL, 'Old text.', NULL,
            NULL, 1);""")
    if measures:
        con.execute("""CREATE TABLE measures (article_hash VARCHAR NOT NULL, family VARCHAR NOT NULL,
            version VARCHAR NOT NULL, payload VARCHAR NOT NULL, scored_at TIMESTAMP NOT NULL,
            PRIMARY KEY (article_hash, family, version));
            INSERT INTO measures VALUES ('oldhash', 'hedging', '1.0+09fbdd57', '{"hedging_hedges": 0}',
            now());""")
    con.close()


def test_a_schema_1_store_is_upgraded_in_place(tmp_path):
    store_path = tmp_path / "old.duckdb"
    _schema_1_store(store_path)
    with framing.Store(store_path) as store:
        assert store.count() == 1
        result = store.ingest(stress.write_jsonl(tmp_path / "a.jsonl",
                                                 stress.sample_articles()[:2]))
        assert result.added == 2 and store.count() == 3
        assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                                 ).fetchall() == [("2",)]
    stress.check_store(stress.store_state(store_path))


@pytest.mark.parametrize("measures", [True, False], ids=["analyzed", "never-analyzed"])
def test_a_schema_1_store_is_read_as_it_is_when_opened_read_only(tmp_path, measures):
    # a report on a store nobody has opened for writing since upgrading framing opens it
    # read-only first, to ask what is left to score: that stopped with "Table with name
    # article_rows does not exist" (and, for a store of the first release, "measures")
    store_path = tmp_path / "old.duckdb"
    _schema_1_store(store_path, measures=measures)
    before = store_path.read_bytes()
    versions = family_versions(["hedging"])
    with framing.Store(store_path, read_only=True) as store:
        assert store.count() == 1 and store.hashes() == ["oldhash"]
        assert store.n_unscored(versions) == 1  # stored at an older version only
        metrics = store.metrics(versions)
        assert list(metrics["article_hash"]) == ["oldhash"]
        assert "hedging_hedges" not in metrics  # nothing at the current version
    assert store_path.read_bytes() == before  # read-only: the file is left as it was
    with framing.Store(store_path) as store:  # opened for writing: upgraded, then scored
        assert update_store(store, measures="hedging", jobs=1)["scored"] \
            == {"hedging": 1}


def test_a_store_of_a_newer_framing_is_refused_and_left_as_it_was(tmp_path):
    store_path = tmp_path / "new.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(stress.write_jsonl(tmp_path / "a.jsonl", stress.sample_articles()[:2]))
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for read_only in (True, False):
        with pytest.raises(StoreError, match="newer framing wrote it .*schema 99") as caught:
            framing.Store(store_path, read_only=read_only).count()
        assert "upgrade framing" in str(caught.value)
    con = duckdb.connect(str(store_path), read_only=True)
    # opening it for writing used to mark it schema 2 again and rebuild the old layout in it
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() \
        == [("99",)]
    con.close()


def test_memory_limit_is_checked(tmp_path, capsys):
    with pytest.raises(InputError, match="not a size"):
        framing.Store(tmp_path / "s.duckdb", memory_limit="2GB; DROP TABLE x")
    assert not (tmp_path / "s.duckdb").exists()
    corpus = stress.write_jsonl(tmp_path / "c.jsonl", stress.sample_articles()[:2])
    assert stress.cli(["ingest", corpus, "--store", tmp_path / "s.duckdb",
                       "--memory-limit", "lots"])[0] == 2
    assert not (tmp_path / "s.duckdb").exists()
    rc, _, err = stress.cli(["--quiet", "ingest", corpus, "--store", tmp_path / "s.duckdb",
                             "--memory-limit", "256MB"])
    assert rc == 0, err
    with framing.Store(tmp_path / "s.duckdb", memory_limit="256MB") as st:
        # DuckDB reads "MB" as 10^6 bytes and shows the limit in MiB
        assert st.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] \
            == "244.1 MiB"


# ----------------------------------------------------------------------------------------------
# Interruption: SIGKILL at random points, then re-run (stress/stress.py runs 20+ trials each)


@pytest.mark.parametrize("existing", [True, False])
def test_sigterm_stops_an_ingest_with_one_line_and_keeps_the_store_as_it_was(tmp_path, existing):
    # a scheduler's timeout sends SIGTERM: the ingest ended with no message and exit -15
    store = tmp_path / "s.duckdb"
    if existing:
        rc, _, err = stress.cli(["--quiet", "ingest", stress.write_jsonl(
            tmp_path / "a.jsonl", stress.sample_articles()[:3]), "--store", store])
        assert rc == 0, err
    corpus = stress.write_jsonl(tmp_path / "big.jsonl", [
        {"id": f"a{i}", "outlet": f"Wire {i % 7}", "date": "2024-03-01",
         "text": f"Article {i}: officials said the talks may resume on day {i}."}
        for i in range(20000)])
    proc = subprocess.Popen([sys.executable, "-m", "framing", "--quiet", "ingest", str(corpus),
                             "--store", str(store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    wal = tmp_path / "s.duckdb.wal"
    deadline = time.monotonic() + 120
    # started writing: two chunks of 1,000 articles (about 140 kB each) in the write-ahead log
    while proc.poll() is None and time.monotonic() < deadline and not (
            wal.exists() and wal.stat().st_size > 250_000):
        time.sleep(0.005)
    assert proc.poll() is None, "the ingest ended before it could be stopped; enlarge the corpus"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, (proc.returncode, err)
    assert err == "framing ingest: stopped by SIGTERM; nothing half-written was kept\n"
    assert out == ""
    if not existing:  # a first ingest that did not finish leaves no store behind
        assert not store.exists() and not wal.exists()
        return
    state = stress.store_state(store)
    assert (state["visible"], state["rows"], state["pending"], state["ingests"]) == (3, 3, 0, 1)
    rc, _, err = stress.cli(["--quiet", "ingest", corpus, "--store", store])
    assert rc == 0, err
    assert stress.store_state(store)["visible"] == 20003


def test_killed_ingest_then_rerun(tmp_path):
    result = stress.kill_ingest(tmp_path, 2, random.Random(1), n_articles=1500,
                                calibrate=False, max_delay=1.0)
    assert result["killed_mid_run"] >= 1, result


def test_killed_analyze_then_rerun(tmp_path):
    result = stress.kill_analyze(tmp_path, 2, random.Random(2), n_articles=200, jobs=2,
                                 measures="hedging,frames", calibrate=False, max_delay=1.0)
    assert result["killed_mid_run"] >= 1 and result["orphan_workers"] == 0, result


def test_killed_report_then_rerun(tmp_path):
    notebooks = tmp_path / "notebooks"
    stress.tiny_notebook(notebooks, "quick", quick=True)
    result = stress.kill_report(tmp_path, 2, random.Random(3), notebook="quick",
                                notebooks=notebooks, extra=(), calibrate=False, max_delay=1.0)
    assert result["killed_mid_run"] >= 1, result


def test_stale_partial_report_folders_are_removed_but_live_ones_kept(tmp_path):
    report_dir = tmp_path / "reports" / "tiny"
    dead = report_dir / ".partial-20260101-000000-dead00"
    live = report_dir / ".partial-20260101-000000-live00"
    for folder in (dead, live):
        (folder / "tables").mkdir(parents=True)
    (dead.parent / (dead.name + ".lock")).touch()  # its owner died: nobody holds the lock
    holder = _lock(live.parent / (live.name + ".lock"))
    try:
        _remove_stale_partials(report_dir)
        assert not dead.exists() and live.exists()
        assert not (dead.parent / (dead.name + ".lock")).exists()
    finally:
        _unlock(holder)


# ----------------------------------------------------------------------------------------------
# Concurrency: two runs against one store serialize (--wait) or one stops with a clear message


def test_two_runs_against_one_store(tmp_path):
    result = stress.concurrency(tmp_path, 2, random.Random(4), n_articles=1500,
                                scenarios=("ingest+ingest (no wait)", "ingest+analyze (--wait)"))
    assert sum(sum(v.values()) for v in result["scenarios"].values()) == 2


def test_a_reader_during_a_write_gets_a_clear_error(tmp_path):
    store_path = tmp_path / "s.duckdb"
    with framing.Store(store_path) as store:
        store.ingest(stress.write_jsonl(tmp_path / "a.jsonl", stress.sample_articles()[:2]))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
        "time.sleep(30)"), str(store_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        rc, _, err = stress.cli(["export", tmp_path / "out.parquet", "--store", store_path])
        assert rc == 1 and "in use by another framing process" in err
        assert not (tmp_path / "out.parquet").exists()
    finally:
        holder.kill()
        holder.wait()


# ----------------------------------------------------------------------------------------------
# Injection: every HTML output escapes article text, titles, outlets and parameters


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if value and "javascript:" in value.replace(" ", "").lower():
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "img", "svg", "object", "embed"):
            self.problems.append(f"<{tag}>")


def assert_inert(page: str, *, allowed_scripts: int = 0) -> None:
    """No element or attribute that could run code came from the data: no event handlers, no
    ``javascript:`` URLs, no embedded elements, and only the page's own script elements."""
    parser = _Elements()
    parser.feed(page)
    assert not parser.problems, parser.problems
    assert parser.tags.count("script") <= allowed_scripts
    for raw in (EVIL_TEXT, EVIL_OUTLET, EVIL_TITLE, "<script>alert", "<script>document",
                "<b onmouseover", "<img src=x", "<svg onload", "<iframe"):
        assert raw not in page


def test_inspect_html_escapes_the_article(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(EVIL_TEXT, encoding="utf-8")
    out = tmp_path / "inspect.html"
    rc, _, err = stress.cli(["inspect", article, "--html", out, "--raw"])  # the markup as written
    assert rc == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<mark" in page and "&lt;script&gt;" in page
    assert_inert(page)
    rc, _, err = stress.cli(["inspect", article, "--html", out, "--overwrite"])  # cleaned
    assert rc == 0, err
    assert_inert(out.read_text(encoding="utf-8"))
    page = render_html(EVIL_TEXT, inspect_text(EVIL_TEXT), title=EVIL_TITLE)
    assert html.escape(EVIL_TITLE) in page
    assert_inert(page)


def test_notebook_displays_escape_every_field():
    articles = pd.DataFrame({"id": ["e1"], "outlet": [EVIL_OUTLET], "date": [pd.NaT],
                             "title": [EVIL_TITLE], "text": [EVIL_TEXT]})
    shown = [nb.heading(EVIL_TITLE, EVIL_OUTLET), nb.preformatted(EVIL_TEXT),
             nb.open_article(articles, "e1"),
             nb.show_passages(nb.exemplar_passages(articles, "hedging", labels={"hedge"}, k=2)),
             nb.show_passages(nb.exemplar_passages(articles, "sources", k=2))]
    pages = [s.data if hasattr(s, "data") else s.html for s in shown]
    for page in pages:
        assert_inert(page)
    assert "<mark" in pages[2]
    view = article_view(EVIL_TEXT, framing.hedging.score(EVIL_TEXT).evidence, title=EVIL_TITLE)
    assert view.shown > 0 and view.skipped == 0
    assert_inert(view.html)
    with pytest.raises(ValueError, match="colour"):
        article_view("x", [], colors={"hedge": "red; background: url(javascript:alert(1))"})


def test_reports_index_escapes_titles_and_names(tmp_path):
    out = tmp_path / "reports"
    run = out / "tiny" / "20260101-000000-abcdef"
    run.mkdir(parents=True)
    (run / "report.html").write_text("<html></html>")
    (run / "manifest.json").write_text(json.dumps({
        "report": EVIL_OUTLET, "title": EVIL_TITLE, "status": "complete",
        "started": "<script>x</script>", "corpus": {"articles": "<img src=x onerror=alert(1)>"}}))
    page = write_index(out).read_text(encoding="utf-8")
    assert html.escape(EVIL_TITLE) in page
    assert_inert(page)


def test_report_escapes_data_and_parameters_and_keeps_parameters_intact(tmp_path):
    """One report over a store full of HTML/JS, with a title that is also Python code."""
    store = tmp_path / "s.duckdb"
    rows = [{"outlet": EVIL_OUTLET, "title": EVIL_TITLE, "text": EVIL_TEXT}] + \
        stress.sample_articles()[:5]
    with framing.Store(store) as st:
        st.ingest(stress.write_jsonl(tmp_path / "evil.jsonl", rows))
    notebooks = tmp_path / "notebooks"
    stress.tiny_notebook(notebooks)
    marker = tmp_path / "PWNED"
    title = (f'"""); open({str(marker)!r}, "w").close(); (""" \\ \' <script>alert(7)</script>'
             "\nsecond line")
    folder = run_report("tiny", parameters={"store": str(store)}, title=title,
                        out=tmp_path / "reports", notebooks_dir=notebooks)
    assert not marker.exists()  # the parameter stayed a string
    executed = json.loads((folder / "tiny.ipynb").read_text(encoding="utf-8"))
    printed = "".join("".join(o.get("text", "")) for c in executed["cells"]
                      for o in c.get("outputs", []) if o.get("name") == "stdout")
    assert printed.startswith(title + " ")
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(7)</script>" not in page and "&lt;script&gt;alert(7)" in page
    assert_inert(page, allowed_scripts=page.count("<script"))  # nbconvert's own scripts
    assert_inert((tmp_path / "reports" / "index.html").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------------------------
# Path traversal and parameter checking, before anything runs


def test_report_names_cannot_leave_the_reports_folder(tmp_path):
    for name in ("..", "../x", "/nonexistent/x.ipynb", "a/../../b", "..\\x", ".hidden", ""):
        with pytest.raises(InputError):
            resolve_notebook(name, tmp_path)
    rc, _, err = stress.cli(["report", "/etc/hostname", "--out", tmp_path / "reports"])
    assert rc == 2 and "not a readable notebook" in err  # any file: refused, no traceback
    for filename in ("...ipynb", "..ipynb"):  # a file whose stem is '..' or '.'
        path = tmp_path / "nb" / filename
        path.parent.mkdir(exist_ok=True)
        path.write_text("{}")
        rc, _, err = stress.cli(["report", path, "--out", tmp_path / "reports"])
        assert rc == 2 and "bad notebook file name" in err
    assert not (tmp_path / "reports").exists() and not list(tmp_path.glob("*/*.failed"))
    ctx = nb.ReportContext(tmp_path / "run", plotly=False)
    written = ctx.table(pd.DataFrame({"a": [1]}), "../../../escaped")
    assert written.parent == tmp_path / "run" / "tables"


def test_parameters_are_checked_by_type_before_a_notebook_runs(tmp_path):
    notebooks = tmp_path / "notebooks"
    path = stress.tiny_notebook(notebooks)
    data = json.loads(path.read_text())
    data["cells"][0]["source"] = "n_boot = 200\nratio = 0.5\nlabels = ['a']\nflag = True\n" \
        + "".join(data["cells"][0]["source"])
    path.write_text(json.dumps(data))
    assert check_parameters(path, {"n_boot": "300", "ratio": "1", "labels": "[b, c]",
                                   "flag": "no"}) == {"n_boot": 300, "ratio": 1.0,
                                                      "labels": ["b", "c"], "flag": False}
    for name, value in (("n_boot", "lots"), ("n_boot", "2.5"), ("ratio", "half"),
                        ("labels", "{a: 1}"), ("flag", "maybe"), ("store", 5), ("output_dir", "/"),
                        ("__import__('os')", "1")):
        with pytest.raises(InputError):
            check_parameters(path, {name: value})
    rc, _, err = stress.cli(["report", "tiny", "--notebooks", notebooks, "--out",
                             tmp_path / "reports", "-p", "n_boot", "lots"])
    assert rc == 2 and "parameter 'n_boot'" in err
    assert not (tmp_path / "reports").exists()  # refused before any run folder was made


# ----------------------------------------------------------------------------------------------
# Size: long lines and large articles (stress/stress.py: 10 MB article, 50 MB line, 1M articles)


def test_a_long_single_line_loads(tmp_path):
    text = stress.long_text(3 * 2**20).replace("\n", " ")
    path = stress.write_jsonl(tmp_path / "long.jsonl", [{"outlet": "Wire", "text": text}])
    rc, _, err = stress.cli(["--quiet", "ingest", path, "--store", tmp_path / "s.duckdb"])
    assert rc == 0, err
    with framing.Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.articles()["text"].str.len().tolist() == [len(text)]


def test_a_large_article_scores_in_every_family_with_valid_evidence():
    text = stress.long_text(1_000_000)
    report = inspect_text(text)
    assert set(report) == {"hedging", "sentiment", "frames", "sources"}
    n = 0
    for family, result in report.items():
        for e in result["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"], family
            n += 1
    assert n > 1000


def test_the_validity_page_names_the_current_version_of_every_family():
    # the report's Methods section shows docs/validity.md: its "current versions" must be true
    from framing import frames, hedging, sentiment, sources

    text = (REPO / "docs" / "validity.md").read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if "The current versions are" in l)
    for name, module in (("hedging", hedging), ("sentiment", sentiment), ("frames", frames),
                         ("sources", sources)):
        assert f"{name} `{module.CODE_VERSION}`" in line, name
