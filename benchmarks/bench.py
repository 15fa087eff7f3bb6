"""Speed and memory of framing, side by side with TextBlob and VADER, on real news (issue #9).

Usage (``make bench`` runs the first line)::

    .venv/bin/python benchmarks/bench.py                      # first 2000 AllSides articles, jobs 1 and 2
    .venv/bin/python benchmarks/bench.py --n 500 --repeat 3   # medians over 3 fresh processes
    .venv/bin/python benchmarks/bench.py --breakdown          # + time of each part of the suite
    .venv/bin/python benchmarks/bench.py --full-store         # + whole corpus through the store
    .venv/bin/python benchmarks/bench.py --dask               # + analyze on a local Dask cluster
    .venv/bin/python benchmarks/bench.py --profile            # where the suite spends its time
    .venv/bin/python benchmarks/bench.py --pure-python        # without the compiled fast paths

Reads ``content_original`` of ``article_bias_prediction_allsides/articles.jsonl.gz`` from the
shared data folder (``<repo>/../shared/data``, or ``$FRAMING_SHARED_DATA``); exits with a message
(status 0) when it is absent. Nothing is written inside the repository; ``--full-store`` works
in a temporary folder that it removes.

What is timed, in one process (so the ratios share the machine's state):

- TextBlob alone: ``TextBlob(text).sentiment`` for each article;
- VADER alone: ``SentimentIntensityAnalyzer().polarity_scores(sentence)`` for each sentence
  (sentences from :func:`framing.text.segment`, split before the clock starts);
- the framing suite: ``framing.analyze(DataFrame, jobs=1)`` over the articles, in this process
  (what a user runs on a corpus; per article one segmentation, hedging, sources, sentiment with
  TextBlob-identical polarity/subjectivity per article and per sentence, VADER per sentence and
  news tone, frames with the ``policy`` codebook), result DataFrame included.

Loading lexicons and models happens once, before the clocks start, for all three. Each stage
reports wall-clock and CPU time (``time.process_time``); on a busy machine the CPU-time ratio is
the steadier one. The suite's TextBlob and VADER values are compared with the libraries' own for
every article (exact equality, not a tolerance). The header says which compiled fast paths
(``framing._<name>_c``) are in use; ``--pure-python`` sets ``FRAMING_PURE_PYTHON=1`` for the run
and its child processes, so that the same script times the pure-Python code.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import gzip
import importlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = ("article_bias_prediction_allsides", "articles.jsonl.gz")
TEXT_FIELD = "content_original"
FULL_CORPUS_ARTICLES = 37_554


# ---------------------------------------------------------------------------------------------
# helpers


def shared_data() -> Path:
    return Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))


def corpus_path() -> Path:
    return shared_data().joinpath(*CORPUS)


def read_texts(n: int | None) -> list[str]:
    """The first ``n`` articles' ``content_original`` (all with None), read as a stream."""
    texts = []
    with gzip.open(corpus_path(), "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)[TEXT_FIELD] or "")
            if n is not None and len(texts) >= n:
                break
    return texts


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:  # pragma: no cover - psutil is in the dev extra
        return float("nan")


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


class TreeMemory:
    """Samples the resident memory of a process and its children in a background thread."""

    def __init__(self, pid: int | None = None, interval: float = 0.1, pss: bool = False):
        import psutil

        self.proc = psutil.Process(pid or os.getpid())
        self.interval = interval
        self.peak_total = 0.0  # MiB, summed over the process tree
        self.peak_main = 0.0
        # proportional set size summed over the tree: a page shared by several processes (the
        # fork server's imported modules, inherited by every worker) is counted once in all,
        # where summed RSS counts it once per process. Linux only; None elsewhere.
        self.peak_pss: float | None = None
        self.pss = pss  # reading it costs more than RSS: only for commands in a subprocess
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        import psutil

        try:
            main = self.proc.memory_info().rss
            total = main
            procs = [self.proc, *self.proc.children(recursive=True)]
            for child in procs[1:]:
                with contextlib.suppress(psutil.Error):  # a child may exit meanwhile
                    total += child.memory_info().rss
        except psutil.Error:
            return
        self.peak_main = max(self.peak_main, main / 2**20)
        self.peak_total = max(self.peak_total, total / 2**20)
        if not self.pss:
            return
        pss = 0
        for proc in procs:
            try:
                pss += proc.memory_full_info().pss
            except (psutil.Error, AttributeError):  # exited, or no PSS on this system
                if proc is self.proc:
                    return
        self.peak_pss = max(self.peak_pss or 0.0, pss / 2**20)

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()


class Clock:
    def __enter__(self):
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:  # pragma: no cover
        ram = "?"
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in ("framing", "textblob", "vaderSentiment", "pandas", "dask", "duckdb"):
        with contextlib.suppress(PackageNotFoundError):  # a missing optional one is not listed
            versions[name] = version(name)
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": platform.platform(),
            "python": platform.python_version(), "versions": versions,
            "compiled": compiled_paths(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


def compiled_paths() -> list[str]:
    """The compiled fast paths in use: each ``framing._<name>_c`` that imports, unless
    ``FRAMING_PURE_PYTHON=1`` turns them off (see ``framing._compiled``)."""
    import pkgutil

    import framing
    from framing._compiled import extension

    names = sorted(m.name[1:-2] for m in pkgutil.iter_modules(framing.__path__)
                   if m.name.startswith("_") and m.name.endswith("_c"))
    return [name for name in names if extension(name) is not None]


# ---------------------------------------------------------------------------------------------
# side by side: TextBlob, VADER, the suite


def side_by_side(texts: list[str]) -> dict:
    """Time TextBlob alone, VADER alone and the framing suite over ``texts`` in this process."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    import pandas as pd

    import framing
    from framing.text import segment

    # first use loads lexicons, codebooks and models: before any clock starts
    TextBlob("A good start.").sentiment  # noqa: B018
    vader = SentimentIntensityAnalyzer()
    vader.polarity_scores("A good start.")
    framing.analyze(pd.DataFrame(
        {"text": ["Officials said the deal may fail. \"It is a disaster,\" she said."]}), jobs=1)

    sentences = []
    for t in texts:
        seg = segment(t)
        sentences.append([t[s:e] for s, e in seg.sentences])
    segment.cache_clear()  # the suite must segment every article itself
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    out = {"articles": len(texts), "bytes": n_bytes,
           "sentences": sum(len(s) for s in sentences), "rss_start": rss_mb()}

    gc.collect()
    with Clock() as c:
        tb = [TextBlob(t).sentiment for t in texts]
    out["textblob"] = {"wall": c.wall, "cpu": c.cpu, "rss": rss_mb()}

    gc.collect()
    with Clock() as c:
        vd = [[vader.polarity_scores(s) for s in ss] for ss in sentences]
    out["vader"] = {"wall": c.wall, "cpu": c.cpu, "rss": rss_mb()}
    vd = [vader_means(scores) for scores in vd]  # keep only what the check needs: the means
    del sentences

    # the vectorized entry point, as over any corpus: it scores with the garbage collector
    # paused, unlike a plain loop over score_text (framing.analyze._collector_paused)
    corpus = pd.DataFrame({"text": texts})
    gc.collect()
    with Clock() as c:
        scored = framing.analyze(corpus, jobs=1)
    out["suite"] = {"wall": c.wall, "cpu": c.cpu, "rss": rss_mb()}
    rows = scored.to_dict("records")
    out["peak_rss"] = peak_rss_mb()
    out["exactness"] = exactness(tb, vd, rows)
    return out


def vader_means(scores: list[dict]) -> dict:
    """VADER's per-sentence scores averaged the way the suite averages them (sum / count)."""
    return {k: (sum(d[k] for d in scores) / len(scores)) if scores else float("nan")
            for k in ("compound", "pos", "neu", "neg")}


def exactness(tb, vd, rows) -> dict:
    """Compare the suite's TextBlob and VADER numbers with the libraries', exactly."""
    english = tb_equal = vader_equal = 0
    first_mismatch = None
    for i, ((p, s), means, row) in enumerate(zip(tb, vd, rows)):
        if row.get("sentiment_english") is not True:
            continue  # a text flagged as non-English is not scored (its values are missing)
        english += 1
        if row["sentiment_textblob_polarity"] == p and row["sentiment_textblob_subjectivity"] == s:
            tb_equal += 1
        elif first_mismatch is None:
            first_mismatch = ("textblob", i)
        if all(row[f"sentiment_vader_{k}"] == v for k, v in means.items()):
            vader_equal += 1
        elif first_mismatch is None:
            first_mismatch = ("vader", i)
    return {"english": english, "non_english": len(rows) - english, "textblob_equal": tb_equal,
            "vader_equal": vader_equal, "first_mismatch": first_mismatch}


def child_side_by_side(n: int) -> None:
    """Entry point of one repeat in a fresh process: print the side-by-side result as JSON."""
    print(json.dumps(side_by_side(read_texts(n))))


def run_repeats(n: int, repeat: int) -> list[dict]:
    if repeat <= 1:
        return [side_by_side(read_texts(n))]
    results = []
    for r in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--child", "--n", str(n)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  repeat {r + 1}/{repeat} done", file=sys.stderr)
    return results


def summarize(results: list[dict]) -> dict:
    """Median figures over repeats."""
    first = results[0]
    mb = first["bytes"] / 1e6
    n = first["articles"]

    def med(stage, key):
        return statistics.median(r[stage][key] for r in results)

    table = {}
    for stage in ("textblob", "vader", "suite"):
        wall, cpu = med(stage, "wall"), med(stage, "cpu")
        table[stage] = {"wall": wall, "cpu": cpu, "mb_s": mb / wall, "articles_s": n / wall,
                        "mb_s_cpu": mb / cpu, "articles_s_cpu": n / cpu,
                        "ms_per_article": 1000 * wall / n}
    ratios = {}
    for base in ("textblob", "vader"):
        each = {clock: [r[base][clock] / r["suite"][clock] for r in results]
                for clock in ("wall", "cpu")}
        ratios[base] = {"wall": statistics.median(each["wall"]),
                        "cpu": statistics.median(each["cpu"]), "cpu_each": each["cpu"]}
    return {"articles": n, "mb": mb, "sentences": first["sentences"], "table": table,
            "ratios": ratios, "peak_rss": max(r["peak_rss"] for r in results),
            "exactness": [r["exactness"] for r in results], "repeats": len(results)}


def print_side_by_side(s: dict) -> None:
    print(f"\n{s['articles']} articles, {s['mb']:.2f} MB of text, {s['sentences']} sentences; "
          f"median of {s['repeats']} run(s)")
    print(f"{'stage':<16}{'wall s':>9}{'cpu s':>9}{'MB/s':>8}{'art/s':>9}{'ms/art':>8}"
          f"{'MB/s cpu':>10}{'art/s cpu':>11}")
    names = {"textblob": "TextBlob alone", "vader": "VADER alone", "suite": "framing suite"}
    for stage, row in s["table"].items():
        print(f"{names[stage]:<16}{row['wall']:>9.2f}{row['cpu']:>9.2f}{row['mb_s']:>8.2f}"
              f"{row['articles_s']:>9.1f}{row['ms_per_article']:>8.2f}{row['mb_s_cpu']:>10.2f}"
              f"{row['articles_s_cpu']:>11.1f}")
    for base, name in (("textblob", "TextBlob"), ("vader", "VADER")):
        r = s["ratios"][base]
        print(f"throughput ratio suite/{name:<9} wall {r['wall']:.3f}   cpu {r['cpu']:.3f}"
              + ("   (target >= 1.0)" if base == "textblob" else "")
              + (f"   each run, cpu: {', '.join(f'{x:.3f}' for x in r['cpu_each'])}"
                 if len(r["cpu_each"]) > 1 else ""))
    print(f"peak RSS of the benchmark process: {s['peak_rss']:.0f} MiB")
    for e in s["exactness"]:
        print(f"exactness: TextBlob equal on {e['textblob_equal']}/{e['english']} scored articles, "
              f"VADER sentence means equal on {e['vader_equal']}/{e['english']} "
              f"({e['non_english']} flagged non-English, not scored)"
              + (f"; first mismatch {e['first_mismatch']}" if e["first_mismatch"] else ""))


def breakdown(texts: list[str]) -> dict:
    """CPU seconds of the suite's parts over ``texts``: segmentation, then each family on the
    ready segmentations (what :func:`framing.analyze.score_text` does, taken apart)."""
    analyze = importlib.import_module("framing.analyze")
    from framing.text import segment

    analyze.score_text("Officials said the deal may fail.")  # load data outside the clocks
    segment.cache_clear()
    out = {}
    with analyze._collector_paused():  # as framing.analyze scores
        return _breakdown(texts, analyze, segment, out)


def _breakdown(texts, analyze, segment, out: dict) -> dict:
    t0 = time.process_time()
    segs = [segment.__wrapped__(t) for t in texts]
    out["segmentation"] = time.process_time() - t0
    # the language check and the word count, kept on the segmentation for every family, are
    # timed on their own: else the first family to ask for them (sources) is charged with them
    t0 = time.process_time()
    _ = [(seg.english, seg.n_words) for seg in segs]  # computed on first access, then kept
    out["language, words"] = time.process_time() - t0
    # sources first: hedging's voices reuse its attribution analysis of the same segmentation
    # (kept on it), so each family's time is its own and the sum is the suite's
    order = sorted(analyze.DEFAULT_MEASURES, key=lambda f: f != "sources")
    for family in order:
        module = importlib.import_module(analyze.FAMILIES[family])
        options = {**analyze._family_options(family, "policy", None),
                   **analyze._row_options(family)}
        t0 = time.process_time()
        for seg in segs:
            module.score(seg, **options).row()
        out[family] = time.process_time() - t0
    return {part: out[part]
            for part in ["segmentation", "language, words", *analyze.DEFAULT_MEASURES]}


def run_breakdown(n: int) -> dict:
    """Two passes of :func:`breakdown` in a fresh process: with empty word caches (as the first
    articles of a run meet them), then with the caches the first pass filled."""
    proc = subprocess.run([sys.executable, __file__, "--child-breakdown", "--n", str(n)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_breakdown(parts: dict, n: int, textblob_cpu: float | None) -> None:
    cold, warm = parts["cold"], parts["warm"]
    print(f"\nwhere the suite's time goes: CPU ms per article over {n} articles in a fresh "
          "process, first pass, then second pass (word caches filled), share of the second")
    for name in cold:
        print(f"  {name:<16}{1000 * cold[name] / n:>7.2f}  {1000 * warm[name] / n:>7.2f}   "
              f"{100 * warm[name] / sum(warm.values()):>5.1f}%")
    print(f"  {'total':<16}{1000 * sum(cold.values()) / n:>7.2f}  "
          f"{1000 * sum(warm.values()) / n:>7.2f}"
          + (f"   (TextBlob alone, in the side-by-side run: {1000 * textblob_cpu / n:.2f})"
             if textblob_cpu else ""))


# ---------------------------------------------------------------------------------------------
# jobs, dask, full store, profile


def jobs_scaling(texts: list[str], jobs_list: list[int]) -> list[dict]:
    import pandas as pd

    import framing

    corpus = pd.DataFrame({"text": texts})
    framing.analyze(corpus.head(2), jobs=1)  # load data files outside the clock
    out = []
    for jobs in jobs_list:
        with TreeMemory() as mem, Clock() as c:
            framing.analyze(corpus, jobs=jobs)
        out.append({"jobs": jobs, "wall": c.wall, "articles_s": len(texts) / c.wall,
                    "peak_tree_rss": mem.peak_total})
    return out


def print_jobs(rows: list[dict]) -> None:
    print("\nframing.analyze(DataFrame) by number of worker processes (wall clock, pool start "
          "included)")
    base = rows[0]["wall"]
    for r in rows:
        print(f"  jobs={r['jobs']}: {r['wall']:.2f} s, {r['articles_s']:.1f} articles/s, "
              f"speedup {base / r['wall']:.2f}x vs jobs={rows[0]['jobs']}, "
              f"peak RSS (all processes) {r['peak_tree_rss']:.0f} MiB")


def dask_run(texts: list[str], workers: int) -> dict:
    import pandas as pd
    from dask import dataframe as dd
    from dask.distributed import Client, LocalCluster

    import framing

    corpus = pd.DataFrame({"text": texts})
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_pandas(corpus, npartitions=max(2 * workers, len(texts) // 250))
        framing.analyze(dd.from_pandas(corpus.head(4), npartitions=workers))  # warm the workers
        with Clock() as c:
            result = framing.analyze(ddf)
            if hasattr(result, "compute"):
                result = result.compute()
    return {"workers": workers, "wall": c.wall, "articles_s": len(texts) / c.wall,
            "rows": len(result)}


def split_corpus(folder: Path, share_new: float) -> tuple[Path, Path, int, int]:
    """Write the corpus as two JSON Lines files: the old part and the ``share_new`` newest."""
    with gzip.open(corpus_path(), "rb") as fh:
        lines = fh.readlines()
    cut = len(lines) - max(1, round(share_new * len(lines)))
    old, new = folder / "old.jsonl", folder / "new.jsonl"
    old.write_bytes(b"".join(lines[:cut]))
    new.write_bytes(b"".join(lines[cut:]))
    return old, new, cut, len(lines) - cut


def _become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux), so that a command's
    fork server and worker processes, which outlive or are not waited for by the ``framing``
    process, are waited for here and their CPU time counted in ``RUSAGE_CHILDREN``."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(args: list[str]) -> dict:
    """Run ``framing ARGS`` in a fresh process: wall time from start to the exit of its last
    process, CPU time (user + system) of all its processes, peak memory."""
    cmd = [sys.executable, "-m", "framing.cli", *args]
    whole_tree = _become_subreaper()
    load, cpu0 = os.getloadavg()[0], _children_cpu()
    with Clock() as c:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with TreeMemory(proc.pid, interval=0.2, pss=True) as mem:
            stdout, stderr = proc.communicate()
        while whole_tree:  # descendants re-parented here (a pool's fork server)
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return {"command": "framing " + " ".join(args), "wall": c.wall,
            "cpu": _children_cpu() - cpu0, "cpu_all_processes": whole_tree,
            "peak_main": mem.peak_main, "peak_total": mem.peak_total, "peak_pss": mem.peak_pss,
            "load_at_start": load, "stdout": stdout.strip().splitlines()[-1:]}


def compile_bytecode() -> None:
    """Compile framing's modules to bytecode, as installing the package does. Where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on the machines of docs/performance.md), each CLI run
    would otherwise compile the modules edited since their last bytecode again, about 0.2 CPU s
    a process, which a small run (the nightly one) would count as its own cost."""
    import compileall

    import framing

    compileall.compile_dir(str(Path(framing.__file__).parent), quiet=1)


def full_store(jobs: int | None, share_new: float = 0.01) -> dict:
    """The whole corpus end to end through the store: ingest, analyze; then add ``share_new``
    new articles and analyze again (the nightly run)."""
    compile_bytecode()
    folder = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    try:
        old, new, n_old, n_new = split_corpus(folder, share_new)
        store = folder / "bench.duckdb"
        mapping = ["--map", "text=content_original", "--map", "outlet=source"]
        jobs_flag = [] if jobs is None else ["--jobs", str(jobs)]
        steps = {
            "ingest": run_cli(["--quiet", "ingest", str(old), "--store", str(store), *mapping]),
            "analyze": run_cli(["--quiet", "analyze", "--store", str(store), *jobs_flag]),
            "ingest_new": run_cli(["--quiet", "ingest", str(new), "--store", str(store),
                                   *mapping]),
            "analyze_new": run_cli(["--quiet", "analyze", "--store", str(store), *jobs_flag]),
        }
        text_bytes = sum(len(json.loads(line)[TEXT_FIELD].encode("utf-8"))
                         for part in (old, new) for line in part.open("rb"))
        return {"jobs": jobs, "old": n_old, "new": n_new, "text_mb": text_bytes / 1e6,
                "steps": steps}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def print_full_store(r: dict) -> None:
    jobs = "default (all cores, fewer for small runs)" if r["jobs"] is None else r["jobs"]
    print(f"\nfull corpus through the store ({r['old']} + {r['new']} new articles, "
          f"{r['text_mb']:.0f} MB of text, --jobs {jobs})")
    for name, step in r["steps"].items():
        pss = "" if step.get("peak_pss") is None else f", PSS {step['peak_pss']:>5.0f} MiB"
        print(f"  {name:<12}{step['wall']:>8.1f} s  CPU {step['cpu']:>7.1f} s   peak RSS main "
              f"{step['peak_main']:>5.0f} MiB, all processes {step['peak_total']:>5.0f} MiB{pss}   "
              f"load {step['load_at_start']:.1f}   [{step['command'][:60]}...]")
    full, nightly = r["steps"]["analyze"]["wall"], r["steps"]["analyze_new"]["wall"]
    full_cpu, nightly_cpu = r["steps"]["analyze"]["cpu"], r["steps"]["analyze_new"]["cpu"]
    print(f"  analyze of the whole corpus: {r['old'] / full:.1f} articles/s; nightly re-run after "
          f"adding {r['new']} articles ({100 * r['new'] / r['old']:.1f}%): "
          f"{100 * nightly / full:.2f}% of the full run's time, {100 * nightly_cpu / full_cpu:.2f}% "
          "of its CPU time")


def profile(texts: list[str]) -> None:
    analyze = importlib.import_module("framing.analyze")
    analyze.score_text("Officials said the deal may fail.")
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        print("(pyinstrument is not installed; cProfile instead: pip install pyinstrument)")
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            analyze.score_text(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return
    prof = Profiler(interval=0.001)
    prof.start()
    for t in texts:
        analyze.score_text(t)
    prof.stop()
    print(prof.output_text(unicode=False, color=False))


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to time (default 2000)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="side-by-side runs, each in a fresh process; medians are reported")
    parser.add_argument("--jobs", default="1,2",
                        help="comma-separated worker counts to time analyze() with (default "
                             "1,2; an empty string skips it)")
    parser.add_argument("--full-store", action="store_true",
                        help="also run the whole corpus through ingest + analyze, then a nightly "
                             "re-run after adding 1%% new articles")
    parser.add_argument("--store-jobs", type=int, default=None,
                        help="--jobs for the full-store run (default: the CLI's default)")
    parser.add_argument("--dask", type=int, default=0, metavar="WORKERS",
                        help="also time analyze() on a local Dask cluster with this many workers")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time segmentation and each family separately")
    parser.add_argument("--profile", action="store_true",
                        help="profile the suite over the articles instead of timing it")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE (JSON)")
    parser.add_argument("--pure-python", action="store_true",
                        help="run without the compiled fast paths (sets FRAMING_PURE_PYTHON=1 "
                             "for this process and its children)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-breakdown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pure_python:
        os.environ["FRAMING_PURE_PYTHON"] = "1"  # inherited by the child processes

    if not corpus_path().exists():
        print(f"benchmark skipped: {corpus_path()} is absent. The benchmark needs the AllSides "
              "corpus in ../shared/data (or set FRAMING_SHARED_DATA).")
        return 0
    if args.child:
        child_side_by_side(args.n)
        return 0
    if args.child_breakdown:
        texts = read_texts(args.n)
        print(json.dumps({"cold": breakdown(texts), "warm": breakdown(texts)}))
        return 0
    if args.profile:
        profile(read_texts(args.n))
        return 0

    report = {"machine": machine(), "command": " ".join([Path(sys.executable).name, *sys.argv])}
    m = report["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}, Python "
          f"{m['python']}; load average at start {m['load_average']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()))
    print("compiled fast paths in use: "
          + (", ".join(f"framing._{name}_c" for name in m["compiled"]) or "none (pure Python)"))

    report["side_by_side"] = summarize(run_repeats(args.n, args.repeat))
    print_side_by_side(report["side_by_side"])
    if args.breakdown:
        report["breakdown"] = run_breakdown(args.n)
        print_breakdown(report["breakdown"], report["side_by_side"]["articles"],
                        report["side_by_side"]["table"]["textblob"]["cpu"])

    if args.jobs:
        jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
        report["jobs"] = jobs_scaling(read_texts(args.n), jobs_list)
        print_jobs(report["jobs"])
    if args.dask:
        report["dask"] = dask_run(read_texts(args.n), args.dask)
        d = report["dask"]
        print(f"\nDask LocalCluster, {d['workers']} worker processes: {d['wall']:.2f} s, "
              f"{d['articles_s']:.1f} articles/s")
    if args.full_store:
        report["full_store"] = full_store(args.store_jobs)
        print_full_store(report["full_store"])
    report["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"\nload average at the end: {report['load_average_end']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
