"""Fault-injection and size runs for framing (issue #10); the numbers go to docs/reliability.md.

Every kind tries one class of fault against the real command line and checks what must hold
afterwards. ``tests/test_reliability.py`` runs each with a few trials in CI; this script runs the
long versions::

    .venv/bin/python stress/stress.py                        # every kind, 20 trials each
    .venv/bin/python stress/stress.py --only kill-ingest,kill-analyze --trials 50
    .venv/bin/python stress/stress.py --only million --size 1000000 --json results.json

Kinds: ``any-text`` (hypothesis, many examples), ``malformed`` (named broken corpora and random
byte mutations), ``kill-ingest``, ``kill-analyze``, ``kill-report`` (SIGKILL at a random point,
then re-run), ``concurrency`` (two runs against one store or one reports folder), ``big-article``
(a 10 MB article), ``long-line`` (a 50 MB single line) and ``million`` (1,000,000 articles built
by repeating the AllSides corpus in ../shared/data, which must be present). Work happens in a
temporary folder (``--work``), removed afterwards unless ``--keep``. Needs the dev extras
(``psutil``, ``hypothesis``, ``pytest``). Exit status 0 when every check held, 1 otherwise.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample" / "articles.jsonl"
SHARED_DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
ALLSIDES = SHARED_DATA / "article_bias_prediction_allsides" / "articles.jsonl.gz"
PYTHON = sys.executable
KINDS = ("any-text", "malformed", "kill-ingest", "kill-analyze", "kill-report", "concurrency",
         "big-article", "long-line", "million")


class CheckFailed(AssertionError):
    """An invariant did not hold."""


def check(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def framing_cmd(*args) -> list[str]:
    return [PYTHON, "-m", "framing.cli", "--quiet", *map(str, args)]


# ----------------------------------------------------------------------------------------------
# Corpora


def sample_articles() -> list[dict]:
    with open(SAMPLE, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def repeated(articles: list[dict], n: int, *, tag: str = "copy", start: int = 0):
    """``n`` distinct articles made by repeating ``articles`` with a varied id and text suffix."""
    for i in range(start, start + n):
        a = articles[i % len(articles)]
        k = i // len(articles)
        yield {**a, "id": f"{a.get('id', 'a')}-{tag}{k}",
               "text": f"{a['text']}\n\n({tag} {k} of article {i % len(articles)}.)"}


def allsides_articles(limit: int | None = None) -> list[dict]:
    out = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append({"id": r["ID"], "outlet": r["source"], "title": r["title"],
                        "date": r["date"], "text": r["content_original"]})
            if limit and len(out) >= limit:
                break
    return out


def long_text(n_chars: int, articles: list[dict] | None = None) -> str:
    """About ``n_chars`` of real news prose, made by joining articles."""
    articles = articles or sample_articles()
    parts, size, i = [], 0, 0
    while size < n_chars:
        text = articles[i % len(articles)]["text"]
        parts.append(text)
        size += len(text) + 2
        i += 1
    return "\n\n".join(parts)[:n_chars]


def expected_hashes(*paths, **load_options) -> set[str]:
    """The store keys of every article in the given corpus files, as the reader computes them
    (from the text as the first release's cleaning left it, which later patterns, such as
    headings in capitals, do not change)."""
    from framing.corpus import CorpusReader

    out = set()
    for path in paths:
        reader = CorpusReader(path, **load_options)
        for _chunk in reader:
            out |= set(reader.chunk_keys)
    return out


# ----------------------------------------------------------------------------------------------
# Processes: run, kill, measure


def run(cmd, *, cwd=None, timeout=3600, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def run_ok(cmd, **kw) -> subprocess.CompletedProcess:
    result = run(cmd, **kw)
    check(result.returncode == 0 and "Traceback" not in result.stderr,
          f"{' '.join(map(str, cmd[2:]))} failed ({result.returncode}): {result.stderr[-1500:]}")
    return result


def _tree(pid: int) -> set[int]:
    import psutil

    try:
        return {c.pid for c in psutil.Process(pid).children(recursive=True)}
    except psutil.Error:
        return set()


def _wait_gone(pids: set[int], timeout: float) -> set[int]:
    import psutil

    deadline = time.monotonic() + timeout
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {p for p in alive if psutil.pid_exists(p) and
                 psutil.Process(p).status() != psutil.STATUS_ZOMBIE}
        if alive:
            time.sleep(0.1)
    return alive


def kill_after(cmd, delay: float, *, cwd=None, trigger=None, orphan_wait: float = 15.0) -> dict:
    """Start ``cmd``, SIGKILL it ``delay`` seconds later (counted from when ``trigger()`` first
    returns true, if given: e.g. once the work has begun) if it still runs.

    Returns ``killed`` (it was still running), ``triggered``, ``rc``, ``children`` (descendants
    seen) and ``orphans`` (descendants still alive ``orphan_wait`` seconds after the kill; they
    are then killed by pid, being processes this script started).
    """
    import psutil

    # stderr goes to a file, not a pipe: surviving children would hold a pipe open forever
    err_f = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err_f)
    seen: set[int] = set()
    triggered = trigger is None
    deadline = time.monotonic() + delay
    while (not triggered or time.monotonic() < deadline) and proc.poll() is None:
        seen |= _tree(proc.pid)
        if not triggered and trigger(proc.pid):
            triggered = True
            deadline = time.monotonic() + delay
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        seen |= _tree(proc.pid)
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    err_f.seek(0)
    err = err_f.read()
    err_f.close()
    survivors = _wait_gone(seen, orphan_wait) if killed else set()
    for pid in survivors:
        try:
            psutil.Process(pid).kill()
        except psutil.Error:
            pass
    return {"killed": killed, "triggered": triggered, "rc": proc.returncode,
            "children": len(seen), "orphans": len(survivors),
            "stderr": err.decode("utf-8", "replace")[-500:]}


def store_written(store: Path):
    """A trigger: true once the store file (or its write-ahead log) changes."""
    wal = store.with_name(store.name + ".wal")
    before = (store.stat().st_mtime_ns, store.stat().st_size) if store.exists() else None

    def changed(pid) -> bool:
        now = (store.stat().st_mtime_ns, store.stat().st_size) if store.exists() else None
        return wal.exists() or now != before

    return changed


def has_workers(pid) -> bool:
    """A trigger: true once ``framing analyze`` has started its worker processes."""
    return len(_tree(pid)) >= 2


def folder_appears(pattern_parent: Path, pattern: str):
    """A trigger: true once a folder matching ``pattern`` exists in ``pattern_parent``."""
    return lambda pid: pattern_parent.is_dir() and any(pattern_parent.glob(pattern))


def _attempts(trials: int, killed):
    """Trial numbers until ``killed()`` runs were really killed mid-run (a run may finish before
    its kill point), at most three times ``trials``; every attempt is checked all the same."""
    i = 0
    while killed() < trials and i < 3 * trials:
        yield i
        i += 1


def _delay(rng: random.Random, i: int, work_seconds: float | None, max_delay: float) -> tuple:
    """(delay, use trigger): mostly a point in the work phase; every 10th trial counted from
    the start, so that start-up (imports, opening the store) is also hit."""
    if work_seconds is None:
        return rng.uniform(0.0, max_delay), True
    if i % 10 == 9:
        return rng.uniform(0.0, work_seconds), False
    return rng.uniform(0.0, work_seconds), True


def measure(cmd, *, cwd=None, timeout=6 * 3600, trigger=None) -> dict:
    """Run ``cmd`` to the end; its time and the peak resident memory of its process tree (and
    ``trigger_s``, when ``trigger(pid)`` first held)."""
    import psutil

    started = time.monotonic()
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_f, stderr=err_f)
    peak = 0
    trigger_s = None
    try:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            if trigger is not None and trigger_s is None and trigger(proc.pid):
                trigger_s = time.monotonic() - started
            if time.monotonic() - started > timeout:
                proc.kill()
                break
            try:
                procs = [root] + root.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02 if trigger is not None and trigger_s is None else 0.1)
    finally:
        proc.wait()
    out_f.seek(0)
    err_f.seek(0)
    return {"rc": proc.returncode, "seconds": round(time.monotonic() - started, 1),
            "trigger_s": trigger_s or 0.0,
            "peak_rss_mb": round(peak / 2**20), "stdout": out_f.read().decode("utf-8", "replace"),
            "stderr": err_f.read().decode("utf-8", "replace")}


# ----------------------------------------------------------------------------------------------
# Store and reports invariants


def store_state(path: Path) -> dict:
    """Raw facts about a store, read with DuckDB directly (no framing code)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        rows_table = "article_rows" if "article_rows" in tables else "articles"
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        state = {
            "visible": q("SELECT count(*) FROM articles")[0][0],
            "visible_distinct": q("SELECT count(DISTINCT article_hash) FROM articles")[0][0],
            "rows": q(f"SELECT count(*) FROM {rows_table}")[0][0],
            "rows_distinct": q(f"SELECT count(DISTINCT article_hash) FROM {rows_table}")[0][0],
            "pending": q("SELECT count(*) FROM ingest_pending")[0][0]
            if "ingest_pending" in tables else 0,
            "ingests": q("SELECT count(*) FROM ingests")[0][0],
            "ingested_added": q("SELECT coalesce(sum(added), 0) FROM ingests")[0][0],
            "measure_rows": q("SELECT count(*) FROM measures")[0][0],
            "measure_keys": q("SELECT count(*) FROM (SELECT DISTINCT article_hash, family, "
                              "version FROM measures)")[0][0],
            "orphan_measures": q("SELECT count(*) FROM measures m ANTI JOIN articles a "
                                 "USING (article_hash)")[0][0],
            "hashes": {r[0] for r in q("SELECT article_hash FROM articles")},
            "measures": {(h, f): (v, p) for h, f, v, p in q(
                "SELECT article_hash, family, version, payload FROM measures")},
        }
    finally:
        con.close()
    return state


def check_store(state: dict) -> None:
    """What must hold in any store, whenever it is looked at (also right after a kill)."""
    check(state["visible"] == state["visible_distinct"], "duplicate articles are visible")
    check(state["rows"] == state["rows_distinct"], "duplicate article rows")
    check(state["visible"] == state["ingested_added"],
          f"{state['visible']} articles visible but completed ingests added "
          f"{state['ingested_added']}: a partial ingest is visible, or articles are missing")
    check(state["measure_rows"] == state["measure_keys"], "duplicate measure rows")
    check(state["orphan_measures"] == 0, "measures of articles that are not in the store")
    for (h, family), (_, payload) in state["measures"].items():
        values = json.loads(payload)
        check(isinstance(values, dict) and values and
              all(k.startswith(f"{family}_") for k in values),
              f"malformed {family} payload for {h}")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def check_reports(out: Path, earlier: dict[Path, dict]) -> dict:
    """Earlier runs byte-identical; every visible run folder complete or failed-with-manifest;
    every link of index.html resolves."""
    import re

    for folder, digest in earlier.items():
        check(folder.is_dir() and tree_digest(folder) == digest, f"earlier report {folder} changed")
    complete = failed = hidden = 0
    for report_dir in (p for p in out.iterdir() if p.is_dir()):
        for run_dir in report_dir.iterdir():
            if run_dir.name.startswith("."):
                hidden += run_dir.is_dir()  # a killed run's hidden folder (its .lock aside)
                continue
            manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
            if run_dir.name.endswith(".failed"):
                check(manifest["status"] == "failed", f"{run_dir}: failed folder, status "
                      f"{manifest['status']}")
                failed += 1
            else:
                check(manifest["status"] == "complete" and (run_dir / "report.html").is_file(),
                      f"{run_dir} is visible but not complete")
                complete += 1
    index = out / "index.html"
    if index.exists():
        page = index.read_text(encoding="utf-8")
        check(page.rstrip().endswith("</html>"), "index.html is truncated")
        for href in re.findall(r'href="([^"]+)"', page):
            check((out / href).is_file(), f"index.html links to a missing {href}")
    return {"complete": complete, "failed": failed, "hidden": hidden}


# ----------------------------------------------------------------------------------------------
# Kind: kill-ingest


def kill_ingest(work: Path, trials: int, rng: random.Random, *, n_articles: int = 20000,
                calibrate: bool = True, max_delay: float = 1.5) -> dict:
    """SIGKILL ``framing ingest`` at a random point, check the store, re-run, check it is whole.

    With ``calibrate``, one uninterrupted run first gives the length of the work phase (from the
    first write to the store to the end) over which kill points are drawn; else they are drawn
    from ``max_delay`` seconds after the first write.
    """
    import framing

    base_corpus = write_jsonl(work / "base.jsonl", sample_articles())
    big = write_jsonl(work / "big.jsonl", repeated(sample_articles(), n_articles))
    base_store = work / "base.duckdb"
    with framing.Store(base_store) as st:
        st.ingest(base_corpus)
    want = expected_hashes(base_corpus, big)
    store = work / "s.duckdb"
    full = {"seconds": None, "peak_rss_mb": None}
    work_seconds = None
    if calibrate:
        shutil.copy(base_store, store)
        full = measure(framing_cmd("ingest", big, "--store", store), trigger=store_written(store))
        check(full["rc"] == 0, f"uninterrupted ingest failed: {full['stderr'][-500:]}")
        check(store_state(store)["hashes"] == want, "uninterrupted ingest stored the wrong articles")
        work_seconds = full["seconds"] - full["trigger_s"]
    killed = hidden_seen = 0
    for i in _attempts(trials, lambda: killed):
        if store.exists():
            store.unlink()
        shutil.copy(base_store, store)
        delay, triggered = _delay(rng, i, work_seconds, max_delay)
        outcome = kill_after(framing_cmd("ingest", big, "--store", store), delay,
                             trigger=store_written(store) if triggered else None)
        killed += outcome["killed"]
        state = store_state(store)
        check_store(state)
        check(state["visible"] in (len(want) - n_articles, len(want)),
              f"{state['visible']} articles visible after a kill: neither before nor after")
        hidden_seen += state["rows"] > state["visible"]
        run_ok(framing_cmd("ingest", big, "--store", store))
        state = store_state(store)
        check_store(state)
        check(state["hashes"] == want, "after the re-run the stored articles are not the corpus")
        check(state["rows"] == state["visible"] and state["pending"] == 0,
              "rows of the killed ingest were not cleaned up")
    return {"trials": i + 1, "killed_mid_run": killed, "hidden_rows_after_kill": hidden_seen,
            "articles": n_articles, "full_run_s": full["seconds"], "work_phase_s": work_seconds,
            "full_run_peak_mb": full["peak_rss_mb"]}


# ----------------------------------------------------------------------------------------------
# Kind: kill-analyze


def _reference_measures(store: Path) -> dict:
    return {k: v for k, v in store_state(store)["measures"].items()}


def kill_analyze(work: Path, trials: int, rng: random.Random, *, n_articles: int = 6500,
                 jobs: int = 2, measures: str = "hedging,sentiment,frames,sources",
                 calibrate: bool = True, max_delay: float = 1.5) -> dict:
    """SIGKILL ``framing analyze`` (with worker processes) at a random point; the measures kept
    must be exactly those of an uninterrupted run, and the re-run must complete them. Kill
    points are drawn over the scoring phase (from the start of the workers), measured by one
    uninterrupted run with ``calibrate``, else up to ``max_delay`` seconds."""
    import framing

    corpus = write_jsonl(work / "corpus.jsonl", repeated(sample_articles(), n_articles))
    base_store = work / "base.duckdb"
    with framing.Store(base_store) as st:
        st.ingest(corpus)
    reference = work / "reference.duckdb"
    shutil.copy(base_store, reference)
    families = measures.split(",")
    cmd = lambda s: framing_cmd("analyze", "--store", s, "--jobs", jobs,  # noqa: E731
                                "--measures", measures)
    trigger = has_workers if jobs > 1 else None
    full = {"seconds": None, "peak_rss_mb": None}
    work_seconds = None
    if calibrate:
        full = measure(cmd(reference), trigger=trigger)
        check(full["rc"] == 0, f"uninterrupted analyze failed: {full['stderr'][-500:]}")
        work_seconds = full["seconds"] - full["trigger_s"]
    else:
        framing.analyze(store=str(reference), measures=families, jobs=1)
    want = _reference_measures(reference)
    check(len(want) == n_articles * len(families), "the uninterrupted run missed measures")
    store = work / "s.duckdb"
    killed = partial_seen = orphans = 0
    for i in _attempts(trials, lambda: killed):
        if store.exists():
            store.unlink()
        shutil.copy(base_store, store)
        delay, triggered = _delay(rng, i, work_seconds, max_delay)
        outcome = kill_after(cmd(store), delay, trigger=trigger if triggered else None)
        killed += outcome["killed"]
        orphans += outcome["orphans"]
        state = store_state(store)
        check_store(state)
        check(state["visible"] == n_articles, "a killed analyze changed the articles")
        for key, value in state["measures"].items():
            check(want.get(key) == value, f"a killed analyze stored a wrong measure for {key}")
        partial_seen += 0 < len(state["measures"]) < len(want)
        run_ok(cmd(store))
        state = store_state(store)
        check_store(state)
        check(state["measures"] == want, "after the re-run the measures differ from an "
                                         "uninterrupted run")
    return {"trials": i + 1, "killed_mid_run": killed, "partial_measures_after_kill": partial_seen,
            "orphan_workers": orphans, "articles": n_articles, "jobs": jobs,
            "full_run_s": full["seconds"], "work_phase_s": work_seconds,
            "full_run_peak_mb": full["peak_rss_mb"]}


# ----------------------------------------------------------------------------------------------
# Kind: kill-report

TINY_NOTEBOOK_PARAMS = '''title: str = "Tiny report"  # report title
store: str = ""  # DuckDB store
output_dir: str = ""  # set by framing report'''
TINY_NOTEBOOK_BODY = '''import framing
from framing import notebook as nb
from framing.plot import article_view
ctx = nb.ReportContext(output_dir or None)
articles, _, source = nb.load_report_corpus(store=store)
metrics = framing.analyze(store=store, measures=["hedging"], jobs=1)
ctx.table(metrics, "article_measures")
display(nb.heading(title, f"{len(articles)} articles from {source}"))
first = articles.iloc[0]
display(article_view(first["text"], framing.hedging.score(first["text"]).evidence,
                     title=f"{first['outlet']}: {first['title']}"))
display(nb.preformatted(articles["outlet"].value_counts().to_string()))
print(title, first["outlet"], first["title"])'''


QUICK_NOTEBOOK_PARAMS = '''title: str = "Quick report"  # report title
store: str = ""  # unused
output_dir: str = ""  # set by framing report'''
QUICK_NOTEBOOK_BODY = '''import os, time
if output_dir:
    os.makedirs(os.path.join(output_dir, "tables"), exist_ok=True)
for i in range(5):  # tables written one by one, so that a kill can land between them
    if output_dir:
        with open(os.path.join(output_dir, "tables", f"t{i}.csv"), "w") as fh:
            fh.write(f"i\\n{i}\\n")
    time.sleep(0.1)
print(title)'''


def tiny_notebook(folder: Path, name: str = "tiny", *, quick: bool = False) -> Path:
    """A small report notebook: loads a store, scores it and shows escaped article views; or,
    ``quick``, one that only writes a few tables (no framing import: fast to run)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    params, body = ((QUICK_NOTEBOOK_PARAMS, QUICK_NOTEBOOK_BODY) if quick else
                    (TINY_NOTEBOOK_PARAMS, TINY_NOTEBOOK_BODY))
    nb.cells = [nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(body)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def kill_report(work: Path, trials: int, rng: random.Random, *, notebook: str = "outlet_comparison",
                notebooks: Path | None = None, extra: tuple = ("-p", "n_boot", "200",
                                                               "-p", "jobs", "1"),
                calibrate: bool = True, max_delay: float = 2.0) -> dict:
    """SIGKILL ``framing report`` at a random point: earlier reports stay byte-identical, nothing
    incomplete becomes visible, the store stays consistent, and the re-run completes. Kill
    points are drawn over the notebook's run (from the creation of its hidden run folder),
    measured by one uninterrupted run with ``calibrate``, else up to ``max_delay`` seconds."""
    import framing

    notebooks = notebooks or REPO / "notebooks"
    corpus = write_jsonl(work / "corpus.jsonl", sample_articles())
    store = work / "s.duckdb"
    with framing.Store(store) as st:
        st.ingest(corpus)
    out = work / "reports"
    cmd = framing_cmd("report", notebook, "--notebooks", notebooks, "--store", store,
                      "--out", out, *extra)
    trigger = folder_appears(out / Path(notebook).stem, ".partial-*")
    first = {"seconds": None, "peak_rss_mb": None}
    work_seconds = None
    if calibrate:
        first = measure(cmd, cwd=REPO, trigger=trigger)
        check(first["rc"] == 0, f"uninterrupted report failed: {first['stderr'][-800:]}")
        work_seconds = first["seconds"] - first["trigger_s"]
    report_dir = out / Path(notebook).stem

    def snapshot() -> dict:  # every finished run, byte by byte
        return {p: tree_digest(p) for p in report_dir.iterdir()
                if not p.name.startswith(".")} if report_dir.is_dir() else {}

    earlier = snapshot()
    killed = orphans = hidden_max = 0
    for i in _attempts(trials, lambda: killed):
        # measures are cached in the store: drop them so that the kill can land in scoring too
        _drop_measures(store)
        delay, triggered = _delay(rng, i, work_seconds, max_delay)
        outcome = kill_after(cmd, delay, cwd=REPO, trigger=trigger if triggered else None)
        killed += outcome["killed"]
        orphans += outcome["orphans"]
        check_store(store_state(store))
        seen = check_reports(out, earlier)
        hidden_max = max(hidden_max, seen["hidden"])
        before = seen["complete"]
        run_ok(cmd, cwd=REPO)
        seen = check_reports(out, earlier)
        check(seen["complete"] == before + 1, "the re-run did not add one complete report")
        check(seen["hidden"] == 0, f"{seen['hidden']} stale partial folders were not removed")
        index = (out / "index.html").read_text(encoding="utf-8")
        check(index.count("report.html") == seen["complete"],
              "index.html does not list every complete report")
        earlier = snapshot()
    return {"trials": i + 1, "killed_mid_run": killed, "orphan_processes": orphans,
            "max_partial_folders_after_kill": hidden_max, "notebook": notebook,
            "full_run_s": first["seconds"], "work_phase_s": work_seconds,
            "full_run_peak_mb": first["peak_rss_mb"]}


def _drop_measures(store: Path) -> None:
    import duckdb

    con = duckdb.connect(str(store))
    try:
        con.execute("DELETE FROM measures")
    finally:
        con.close()


# ----------------------------------------------------------------------------------------------
# Kind: concurrency


SCENARIOS = ("ingest+ingest (no wait)", "ingest+ingest (--wait)", "analyze+analyze (--wait)",
             "ingest+analyze (--wait)", "report+ingest", "report+report (one folder)")


def concurrency(work: Path, trials: int, rng: random.Random, *, n_articles: int = 6000,
                scenarios=SCENARIOS) -> dict:
    """Two runs against one store (or one reports folder) at once: both succeed one after the
    other (``--wait``), or one stops with a clear message; the store is never corrupted. The
    second run starts 0-1.5 s after the first; trials cycle through ``scenarios``."""
    import framing

    a = write_jsonl(work / "a.jsonl", repeated(sample_articles(), n_articles, tag="a"))
    b = write_jsonl(work / "b.jsonl", repeated(sample_articles(), n_articles, tag="b"))
    base_store = work / "base.duckdb"
    with framing.Store(base_store) as st:
        st.ingest(a)
    want_a, want_ab = expected_hashes(a), expected_hashes(a, b)
    nb_dir = work / "notebooks"
    tiny_notebook(nb_dir)
    tally = {s: {"both_ok": 0, "one_refused": 0} for s in scenarios}
    for i in range(trials):
        scenario = scenarios[i % len(scenarios)]
        store = work / f"c{i}.duckdb"
        shutil.copy(base_store, store)
        other = work / f"c{i}-other.duckdb"  # the second report reads its own copy
        shutil.copy(base_store, other)
        out = work / f"reports{i}"
        report = framing_cmd("report", "tiny", "--notebooks", nb_dir, "--store", store,
                             "--out", out)
        report_other = framing_cmd("report", "tiny", "--notebooks", nb_dir, "--store", other,
                                   "--out", out)
        first, second = {
            "ingest+ingest (no wait)": (framing_cmd("ingest", b, "--store", store),
                                        framing_cmd("ingest", a, "--store", store)),
            "ingest+ingest (--wait)": (framing_cmd("ingest", b, "--store", store, "--wait", 300),
                                       framing_cmd("ingest", a, "--store", store, "--wait", 300)),
            "analyze+analyze (--wait)": (
                framing_cmd("analyze", "--store", store, "--measures", "hedging", "--jobs", 1,
                            "--wait", 300),
                framing_cmd("analyze", "--store", store, "--measures", "hedging", "--jobs", 1,
                            "--wait", 300)),
            "ingest+analyze (--wait)": (
                framing_cmd("ingest", b, "--store", store, "--wait", 300),
                framing_cmd("analyze", "--store", store, "--measures", "hedging", "--jobs", 1,
                            "--wait", 300)),
            "report+ingest": (framing_cmd("ingest", b, "--store", store, "--wait", 300), report),
            "report+report (one folder)": (report, report_other),
        }[scenario]
        p1 = subprocess.Popen(first, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO)
        time.sleep(rng.uniform(0.0, 1.5))
        p2 = subprocess.Popen(second, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO)
        results = [(p.wait(timeout=900), p.stderr.read()) for p in (p1, p2)]
        for rc, err in results:
            check("Traceback" not in err, f"{scenario}: a traceback: {err[-800:]}")
            if rc != 0:
                message = [line for line in err.splitlines() if line.startswith("framing ")]
                check(rc in (1, 2) and message and ("in use by another framing process" in
                                                    message[-1] or "failed" in message[-1]),
                      f"{scenario}: unclear failure ({rc}): {err[-800:]}")
        ok = sum(rc == 0 for rc, _ in results)
        check(ok >= 1, f"{scenario}: both runs failed: {results}")
        if "--wait" in scenario or scenario == "report+report (one folder)":
            check(ok == 2, f"{scenario}: a run failed although it could wait: {results}")
        tally[scenario]["both_ok" if ok == 2 else "one_refused"] += 1
        state = store_state(store)
        check_store(state)
        check(state["pending"] == 0 and state["rows"] == state["visible"], "leftover rows")
        ingested_b = any(rc == 0 and cmd_[4:5] == ["ingest"] and str(b) in cmd_
                         for (rc, _), cmd_ in zip(results, (first, second)))
        check(state["hashes"] == (want_ab if ingested_b else want_a),
              f"{scenario}: the stored articles are wrong")
        if scenario.startswith("report"):
            seen = check_reports(out, {})
            check(seen["hidden"] == 0, "partial report folders left behind")
            if scenario == "report+report (one folder)":
                index = (out / "index.html").read_text(encoding="utf-8")
                check(seen["complete"] == 2 and index.count("report.html") == 2,
                      "two concurrent reports: index.html does not list both")
        store.unlink()
        other.unlink()
    return {"trials": trials, "scenarios": tally}


# ----------------------------------------------------------------------------------------------
# Kind: malformed


def malformed_cases(folder: Path, *, n: int = 300, long_line_mb: int = 50) -> list[dict]:
    """Named broken corpora: ``path``, extra CLI ``args``, and what must happen: ``error`` (exit
    2, one line naming the file and the given ``where`` fragments), ``skip`` (loaded, the given
    number of rows skipped and counted) or ``load`` (loaded; ``note`` says what is documented)."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": f"a{i}", "outlet": "Wire", "title": f"T{i}", "date": "2026-03-02",
             "text": f"Article {i}: officials said talks may resume."} for i in range(n)]
    jl = "".join(json.dumps(r) + "\n" for r in rows).encode()
    csv = pd.DataFrame(rows).to_csv(index=False).encode()
    pd.DataFrame(rows).to_parquet(folder / "ok.parquet")
    parquet = (folder / "ok.parquet").read_bytes()
    cases = []

    def case(name, data, expect, args=(), where=(), skipped=0, note=""):
        path = folder / name
        path.write_bytes(data)
        cases.append({"name": name, "path": path, "args": list(args), "expect": expect,
                      "where": list(where), "skipped": skipped, "note": note})

    lines = jl.splitlines(keepends=True)
    cut = len(jl) - len(lines[-1]) // 2
    case("truncated.jsonl", jl[:cut], "error", where=[f"row {n}", "malformed JSON"])
    case("truncated-skip.jsonl", jl[:cut], "skip", ["--skip-bad-rows"], skipped=1)
    gz = gzip.compress(jl * 20)
    case("truncated.jsonl.gz", gz[: len(gz) // 2], "error", where=["row ", "truncated"])
    quoted = csv + b'x1,Wire,T,2026-03-02,"an open quote that never closes\nand runs on'
    case("open-quote.csv", quoted, "error", where=[f"row {n + 2}", "EOF inside string"])
    case("truncated-row.csv", csv[: csv.rindex(b",")], "error",
         where=[f"row {n + 1}", "4 fields where the header has 5"])
    case("truncated-text.csv", csv[:-8], "load",
         note="a CSV cut inside its last unquoted text loads the shortened text: CSV cannot "
              "tell (JSONL and Parquet can)")
    case("truncated.parquet", parquet[: len(parquet) // 2], "error",
         where=["not a readable Parquet file"])
    case("semicolons.csv", csv.replace(b",", b";"), "error", ["--sep", ","],
         where=["field 'text'", "delimiter"])
    case("tabs-named.csv", csv.replace(b",", b"\t"), "load", note="delimiter guessed from header")
    latin = "Café talks, señor".encode("latin-1")
    case("mixed-encoding.jsonl", b"".join(lines[:150]) + b'{"outlet": "Wire", "text": "'
         + latin + b'"}\n' + b"".join(lines[150:]), "error", where=["row 151", "utf-8"])
    csv_lines = csv.splitlines(keepends=True)
    case("mixed-encoding.csv", b"".join(csv_lines[:150]) + b"x,Wire,T,2026-03-02," + latin
         + b"\n" + b"".join(csv_lines[150:]), "error", where=["row 151", "utf-8"])
    case("nul-start.csv", b"\x00" + csv, "error", where=["binary"])
    nul_line = csv_lines[200].replace(b"talks", b"ta\x00lks")
    case("nul-middle.csv", b"".join(csv_lines[:200]) + nul_line + b"".join(csv_lines[201:]),
         "error", where=["row 201", "NUL"])
    case("nul.jsonl", b"".join(lines[:99]) + lines[99].replace(b"talks", b"ta\x00lks")
         + b"".join(lines[100:]), "error", where=["row 100", "malformed JSON"])
    case("nul-skip.jsonl", b"".join(lines[:99]) + lines[99].replace(b"talks", b"ta\x00lks")
         + b"".join(lines[100:]), "skip", ["--skip-bad-rows"], skipped=1)
    case("utf16.csv", csv.decode().encode("utf-16"), "error", where=["UTF-16"])
    case("no-text-column.csv", csv.replace(b"text", b"body", 1), "error",
         where=["field 'text'", "columns present", "--map text="])
    case("no-outlet.jsonl", jl.replace(b'"outlet": "Wire", ', b""), "error",
         where=["field 'outlet'"])
    case("renamed.parquet", _renamed_parquet(rows, folder), "error", where=["field 'text'"])
    case("mapping-to-absent.csv", csv, "error", ["--map", "text=content"],
         where=["field 'text'", "'content'"])
    dup = rows[:20] + [{**rows[3], "text": "A completely different text under the same id."}]
    case("duplicate-ids.jsonl", "".join(json.dumps(r) + "\n" for r in dup).encode(), "load",
         where=["ids used by more than one article: 1"],
         note="kept as two articles (keyed by content), counted and listed with rows")
    mixed = [r if i % 2 else {k: v for k, v in r.items() if k != "title"}
             for i, r in enumerate(rows)]
    case("some-titles-missing.jsonl", "".join(json.dumps(r) + "\n" for r in mixed).encode(),
         "load")
    case("empty-text.jsonl", jl + b'{"outlet": "Wire", "text": "  "}\n', "error",
         where=[f"row {n + 1}", "field 'text'"])
    case("ragged.csv", csv + b"x,Wire,T,2026-03-02,text,extra\n", "error",
         where=[f"row {n + 2}", "6 fields where the header has 5"])
    case("ragged-skip.csv", csv + b"x,Wire,T,2026-03-02,text,extra\n", "skip",
         ["--skip-bad-rows"], skipped=1)
    case("empty.csv", b"", "error", where=["empty"])
    case("blank.jsonl", b"\n \n\t\n", "error", where=["white space"])
    case("header-only.csv", csv_lines[0], "error", where=["no rows"])
    case("array-truncated.json", json.dumps(rows).encode()[:-40], "error",
         where=["malformed JSON"])
    case("not-objects.jsonl", b"[1, 2]\n\"text\"\n", "error", where=["row 1", "JSON object"])
    big = long_line_mb * 2**20
    case("long-line-unterminated.jsonl", b'{"outlet": "Wire", "text": "' + b"x" * big, "error",
         where=["row 1", "malformed JSON"])
    return cases


def _renamed_parquet(rows, folder: Path) -> bytes:
    import pandas as pd

    path = folder / "_renamed.parquet"
    pd.DataFrame(rows).rename(columns={"text": "body"}).to_parquet(path)
    return path.read_bytes()


def cli(args) -> tuple[int, str, str]:
    """Run the command line in this process; (exit status, stdout, stderr). Any exception other
    than SystemExit propagates: that would be a traceback for a user."""
    from framing.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            rc = main([str(a) for a in args])
        except SystemExit as exc:
            rc = exc.code
    return rc, out.getvalue(), err.getvalue()


def try_case(case: dict, store: Path) -> str:
    """Ingest one broken corpus into a store holding one earlier ingest; check the outcome."""
    before = store_state(store)
    rc, out, err = cli(["--quiet", "ingest", case["path"], "--store", store, *case["args"]])
    after = store_state(store)
    check_store(after)
    check(after["rows"] == after["visible"] and after["pending"] == 0,
          f"{case['name']}: rows of the failed ingest left behind")
    name = case["name"]
    if case["expect"] == "error":
        lines = err.strip().splitlines()
        check(rc == 2, f"{name}: exit status {rc}, not 2: {err[-300:]}")
        check(len(lines) == 1 and lines[0].startswith(f"framing ingest: {case['path']}"),
              f"{name}: not one line naming the file: {err[-500:]}")
        for fragment in case["where"]:
            check(fragment in lines[0], f"{name}: {fragment!r} not in {lines[0][:300]!r}")
        check(after["hashes"] == before["hashes"] and after["ingests"] == before["ingests"],
              f"{name}: the failed ingest changed the store")
        return lines[0]
    check(rc == 0, f"{name}: exit {rc}: {err[-500:]}")
    for fragment in case["where"]:
        check(fragment in out, f"{name}: {fragment!r} not in the summary")
    if case["expect"] == "skip":
        n = case["skipped"]
        check(f"skipped {n} bad row{'' if n == 1 else 's'}" in out,
              f"{name}: skip not counted: {out}")
    return out.splitlines()[0]


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(b)) if b else 0
        op = rng.choice(["trunc", "flip", "nul", "insert", "delete", "cr", "bom", "latin1"])
        if op == "trunc":
            b = b[:i]
        elif op == "flip" and b:
            b[i] = rng.randrange(256)
        elif op == "nul":
            b[i:i] = b"\x00"
        elif op == "insert":
            b[i:i] = rng.choice([b'"', b"{", b"}", b"\n", b",", b"\t", b";", b"\\", b"\\u",
                                 b"\xff\xfe", b"\r"])
        elif op == "delete":
            del b[i:i + rng.randint(1, 50)]
        elif op == "cr":
            b[i:i] = b"\r"
        elif op == "bom":
            b[0:0] = b"\xef\xbb\xbf"
        else:
            b[i:i] = "é".encode("latin-1")
    return bytes(b)


def fuzz_ingest(folder: Path, trials: int, rng: random.Random) -> dict:
    """Random byte mutations of valid corpora (CSV, TSV, JSONL, JSONL.gz, Parquet): every run
    ends with exit 0 or a one-line error, and a failed run leaves the store as it was."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": f"a{i}", "outlet": f"Wire {i % 3}", "title": f"T{i}" if i % 4 else None,
             "date": "2026-03-02", "text": f"Article {i} says talks may resume."}
            for i in range(200)]
    sources = {"c.jsonl": "".join(json.dumps(r) + "\n" for r in rows).encode()}
    sources["c.jsonl.gz"] = gzip.compress(sources["c.jsonl"])
    sources["c.csv"] = pd.DataFrame(rows).to_csv(index=False).encode()
    sources["c.tsv"] = pd.DataFrame(rows).to_csv(index=False, sep="\t").encode()
    pd.DataFrame(rows).to_parquet(folder / "c.parquet")
    sources["c.parquet"] = (folder / "c.parquet").read_bytes()
    store = folder / "fuzz.duckdb"
    base = write_jsonl(folder / "base.jsonl", sample_articles()[:5])
    cli(["--quiet", "ingest", base, "--store", store])
    outcomes = {"loaded": 0, "refused": 0}
    for i in range(trials):
        name = rng.choice(sorted(sources))
        path = folder / f"m{i}-{name}"
        path.write_bytes(mutate(sources[name], rng))
        args = ["--skip-bad-rows"] if rng.random() < 0.5 else []
        before = store_state(store)
        rc, out, err = cli(["--quiet", "ingest", path, "--store", store, *args])
        after = store_state(store)
        check_store(after)
        if rc == 0:
            outcomes["loaded"] += 1
        else:
            lines = err.strip().splitlines()
            check(rc == 2 and len(lines) == 1 and str(path) in lines[0],
                  f"{path}: exit {rc}, message {err[-500:]!r}")
            check(after["hashes"] == before["hashes"], f"{path}: a failed ingest changed the store")
            outcomes["refused"] += 1
        path.unlink()
    return outcomes


def malformed(work: Path, trials: int, rng: random.Random, *, long_line_mb: int = 50) -> dict:
    store = work / "m.duckdb"
    run_ok(framing_cmd("ingest", write_jsonl(work / "base.jsonl", sample_articles()),
                       "--store", store))
    results = {}
    for case in malformed_cases(work / "cases", long_line_mb=long_line_mb):
        results[case["name"]] = try_case(case, store)
        case["path"].unlink()
    fuzz = fuzz_ingest(work / "fuzz", trials * 25, rng)
    return {"trials": len(results), "cases": results, "fuzz_trials": trials * 25, "fuzz": fuzz}


# ----------------------------------------------------------------------------------------------
# Kinds: big-article, long-line, million


def _check_inspect_json(text: str, output: str) -> int:
    report = json.loads(output)
    n = 0
    for family, result in report.items():
        for e in result.get("evidence", []):
            check(text[e["start"]:e["end"]] == e["text"], f"{family} evidence off the text")
            n += 1
    return n


def big_article(work: Path, trials: int, rng: random.Random, *, mb: float = 10.0) -> dict:
    """One article of ``mb`` megabytes through ingest, analyze and inspect (JSON and HTML)."""
    articles = allsides_articles(2000) if ALLSIDES.exists() else None
    text = long_text(int(mb * 1_000_000), articles)
    corpus = write_jsonl(work / "big.jsonl", [{"id": "big", "outlet": "Wire", "title": "Big",
                                               "text": text}])
    txt = work / "big.txt"
    txt.write_text(text, encoding="utf-8")
    store = work / "big.duckdb"
    steps = {}
    steps["ingest"] = measure(framing_cmd("ingest", corpus, "--store", store))
    steps["analyze"] = measure(framing_cmd("analyze", "--store", store, "--jobs", 1))
    steps["inspect"] = measure(framing_cmd("inspect", txt, "--json", "--html", work / "big.html",
                                           "--overwrite"))  # a kept --work is run again
    for name, m in steps.items():
        check(m["rc"] == 0, f"{name} of a {mb} MB article failed: {m['stderr'][-500:]}")
    stored = store_state(store)
    check(stored["visible"] == 1 and len(stored["measures"]) == 4, "the big article is not whole")
    evidence = _check_inspect_json(txt.read_text(encoding="utf-8"), steps["inspect"]["stdout"])
    return {"trials": 1, "chars": len(text), "evidence_items": evidence,
            **{f"{k}_s": v["seconds"] for k, v in steps.items()},
            **{f"{k}_peak_mb": v["peak_rss_mb"] for k, v in steps.items()}}


def long_line(work: Path, trials: int, rng: random.Random, *, mb: int = 50) -> dict:
    """A single line of ``mb`` megabytes: a valid article (JSONL and CSV) loads; an unterminated
    line is refused on one line; with --skip-bad-rows it is skipped and counted."""
    text = long_text(mb * 2**20).replace("\n", " ")
    small = sample_articles()[:20]
    jl = work / "line.jsonl"
    write_jsonl(jl, [{"id": "long", "outlet": "Wire", "text": text}])
    csv = work / "line.csv"
    csv.write_text("id,outlet,text\nlong,Wire,\"" + text.replace('"', '""') + "\"\n",
                   encoding="utf-8")
    broken = work / "broken.jsonl"
    with open(broken, "w", encoding="utf-8") as fh:
        for a in small[:10]:
            fh.write(json.dumps(a) + "\n")
        fh.write('{"outlet": "Wire", "text": "' + text.replace('"', "'"))  # never closed
        fh.write("\n")
        for a in small[10:]:
            fh.write(json.dumps(a) + "\n")
    out = {}
    for name, path, args, want_rc in (("jsonl", jl, [], 0), ("csv", csv, [], 0),
                                      ("unterminated", broken, [], 2),
                                      ("unterminated-skip", broken, ["--skip-bad-rows"], 0)):
        store = work / f"{name}.duckdb"
        m = measure(framing_cmd("ingest", path, "--store", store, *args))
        check(m["rc"] == want_rc and "Traceback" not in m["stderr"],
              f"{name}: exit {m['rc']}: {m['stderr'][-500:]}")
        if want_rc == 2:
            check("row 11" in m["stderr"] and len(m["stderr"].strip().splitlines()) == 1,
                  f"{name}: message {m['stderr'][-300:]}")
        if name == "unterminated-skip":
            check("skipped 1 bad row: row 11" in m["stdout"], f"{name}: {m['stdout'][-400:]}")
            check(store_state(store)["visible"] == len(small), "skipped line: wrong count")
        out[f"{name}_s"] = m["seconds"]
        out[f"{name}_peak_mb"] = m["peak_rss_mb"]
    return {"trials": 4, "line_mb": mb, **out}


def lead(text: str, chars: int) -> str:
    """The first sentences of ``text`` up to about ``chars`` characters (whole sentences where
    one ends in the last third; else cut at a space)."""
    if len(text) <= chars:
        return text
    cut = max(text.rfind(". ", chars * 2 // 3, chars), text.rfind(".\n", chars * 2 // 3, chars))
    if cut < 0:
        cut = text.rfind(" ", 0, chars)
    return text[:cut + 1].rstrip() if cut > 0 else text[:chars]


def million(work: Path, trials: int, rng: random.Random, *, size: int = 1_000_000,
            measures: str = "hedging,sentiment,frames,sources", jobs: int | None = None,
            reingest: bool = True, chars: int | None = None) -> dict:
    """``size`` articles made by repeating the AllSides corpus (varied ids and text suffixes):
    ingest, analyze, ingest again (adds nothing); time and peak memory of each. With ``chars``,
    each article is cut to its lead of about that many characters (a quicker run that still has
    ``size`` articles to store and score)."""
    check(ALLSIDES.exists(), f"{ALLSIDES} is absent: the million-article run needs ../shared")
    started = time.monotonic()
    corpus = work / "million.jsonl"
    articles = allsides_articles()
    if chars:
        articles = [{**a, "text": lead(a["text"], chars)} for a in articles]
    write_jsonl(corpus, repeated(articles, size, tag="r"))
    result = {"trials": 1, "articles": size, "chars": chars,
              "mean_chars": round(sum(len(a["text"]) for a in articles) / len(articles)),
              "corpus_gb": round(corpus.stat().st_size / 1e9, 2),
              "build_s": round(time.monotonic() - started)}
    store = work / "million.duckdb"
    steps = [("ingest", framing_cmd("ingest", corpus, "--store", store, "--skip-bad-rows")),
             ("analyze", framing_cmd("analyze", "--store", store, "--measures", measures,
                                     *(["--jobs", jobs] if jobs else [])))]
    if reingest:
        steps.append(("reingest", framing_cmd("ingest", corpus, "--store", store,
                                              "--skip-bad-rows")))
    for name, cmd in steps:
        m = measure(cmd)
        print(f"  million {name}: {m['seconds']} s, peak {m['peak_rss_mb']} MB, exit {m['rc']}",
              file=sys.stderr, flush=True)
        check(m["rc"] == 0, f"{name} failed: {m['stderr'][-800:]}")
        result[f"{name}_s"] = m["seconds"]
        result[f"{name}_peak_mb"] = m["peak_rss_mb"]
        result[f"{name}_summary"] = m["stdout"].strip().splitlines()[-2:]
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    result["stored"] = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    result["measure_rows"] = con.execute("SELECT count(*) FROM measures").fetchall()[0][0]
    con.close()
    result["store_gb"] = round(store.stat().st_size / 1e9, 2)
    result["measures"] = measures
    check(result["stored"] == size, f"{result['stored']} of {size} articles stored")
    check(result["measure_rows"] == size * len(measures.split(",")), "measures missing")
    return result


def any_text(work: Path, trials: int, rng: random.Random, *, examples: int | None = None) -> dict:
    """The hypothesis properties of tests/test_properties.py with many more examples."""
    examples = examples or trials * 100
    env = {**os.environ, "FRAMING_PROPERTY_EXAMPLES": str(examples)}
    result = run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  str(REPO / "tests" / "test_properties.py")], cwd=REPO, env=env, timeout=4 * 3600)
    check(result.returncode == 0, f"property tests failed:\n{result.stdout[-3000:]}")
    return {"trials": examples, "summary": result.stdout.strip().splitlines()[-1]}


RUNNERS = {"any-text": any_text, "malformed": malformed, "kill-ingest": kill_ingest,
           "kill-analyze": kill_analyze, "kill-report": kill_report, "concurrency": concurrency,
           "big-article": big_article, "long-line": long_line, "million": million}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="trials per kind (default 20)")
    parser.add_argument("--only", default=",".join(k for k in KINDS if k != "million"),
                        help="comma-separated kinds (default: all but million); "
                             "choose from " + ", ".join(KINDS))
    parser.add_argument("--size", type=int, default=1_000_000, help="articles for million")
    parser.add_argument("--measures", default="hedging,sentiment,frames,sources",
                        help="families the million run analyzes")
    parser.add_argument("--jobs", type=int, default=None, help="analyze workers (million)")
    parser.add_argument("--chars", type=int, default=None,
                        help="million: cut each article to its lead of about this many characters")
    parser.add_argument("--seed", type=int, default=20260410)
    parser.add_argument("--work", default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in RUNNERS]
    if unknown:
        parser.error(f"unknown kind {unknown[0]!r}; choose from {', '.join(KINDS)}")
    root = Path(args.work or tempfile.mkdtemp(prefix="framing-stress-"))
    root.mkdir(parents=True, exist_ok=True)
    results, failed = [], False
    try:
        for kind in kinds:
            work = root / kind
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            rng = random.Random(f"{args.seed}-{kind}")
            options = {}
            if kind == "million":
                options = {"size": args.size, "measures": args.measures, "jobs": args.jobs,
                           "chars": args.chars}
            started = time.monotonic()
            print(f"{kind}: running ...", file=sys.stderr, flush=True)
            try:
                detail = RUNNERS[kind](work, args.trials, rng, **options)
                outcome = "held"
            except CheckFailed as exc:
                detail, outcome, failed = {"error": str(exc)}, "FAILED", True
            seconds = round(time.monotonic() - started, 1)
            results.append({"kind": kind, "outcome": outcome, "seconds": seconds, **detail})
            print(f"{kind}: {outcome} in {seconds} s: "
                  f"{json.dumps(detail, default=str)[:2000]}", file=sys.stderr, flush=True)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(root, ignore_errors=True)
    print("| kind | trials | outcome | seconds |\n|---|---|---|---|")
    for r in results:
        print(f"| {r['kind']} | {r.get('trials', '')} | {r['outcome']} | {r['seconds']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
