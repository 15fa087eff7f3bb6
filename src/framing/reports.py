"""Report runs: compute a comparison, write it to a run folder atomically, and index the runs.

A run folder ``<out>/<report>/<run-id>/`` holds ``report.html`` (self-contained: plotly's
JavaScript embedded once, so it opens offline), the tables behind it as CSV, and
``manifest.json`` (parameters, corpus fingerprint, versions, timing, status). The folder is built
under a temporary name and renamed when complete, so it appears whole or not at all.
``<out>/index.html`` lists every run.

This first report compares outlets on article length and TextBlob sentiment; the measure
families (hedging, frames, sources, tone) join it as they land.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import logging
import os
import shutil
import time
import uuid
from importlib import metadata
from pathlib import Path

import pandas as pd

from framing.errors import InputError

__all__ = ["outlet_report", "write_index", "new_run_id"]

logger = logging.getLogger(__name__)

REPORT_NAME = "outlet_comparison"
MEASURES = ["length_words", "sentiment_textblob_polarity", "sentiment_textblob_subjectivity"]


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable, unique run id such as ``20260327-101500-3f9a1c``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def _versions() -> dict:
    out = {}
    for package in ("framing", "pandas", "textblob", "plotly", "scipy", "duckdb"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = None
    return out


def corpus_fingerprint(df: pd.DataFrame) -> str:
    """SHA-256 over the articles' outlet, title and text, in order: same corpus, same print."""
    h = hashlib.sha256()
    for outlet, title, text in zip(df["outlet"], df["title"], df["text"]):
        for part in (outlet, title, text):
            h.update(str(part if isinstance(part, str) else "").encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
    return h.hexdigest()


def article_metrics(df: pd.DataFrame, *, progress: bool = False) -> pd.DataFrame:
    """Per-article measures of the first report: length and TextBlob sentiment."""
    from framing.sentiment import textblob_frame

    texts = df["text"]
    if progress:
        from tqdm.auto import tqdm

        tqdm.pandas(desc="TextBlob", unit=" articles", disable=None)
    metrics = pd.DataFrame({"id": df["id"], "outlet": df["outlet"], "date": df["date"],
                            "title": df["title"],
                            "length_words": texts.str.split().str.len().astype(float)},
                           index=df.index)
    return pd.concat([metrics, textblob_frame(texts)], axis=1)


def outlet_report(*, corpus=None, store=None, out="reports", title: str | None = None,
                  seed: int = 0, load_options: dict | None = None, quiet: bool = True) -> Path:
    """Compare outlets over a corpus file (or a store) and write a run folder under ``out``.

    Returns the path of the finished run folder.
    """
    from framing.compare import compare, omnibus
    from framing.corpus import load_corpus
    from framing.store import Store

    started = time.time()
    started_at = dt.datetime.now(dt.timezone.utc)
    load_report = None
    if corpus is not None:
        df = load_corpus(corpus, **(load_options or {}))
        load_report = df.attrs["load_report"]
        source = str(corpus)
    elif store is not None:
        with Store(store, read_only=True) as st:
            df = st.articles(extras=False)
        source = str(store)
    else:
        raise InputError(None, "no corpus given",
                         hint="pass --corpus PATH (e.g. data/sample/articles.jsonl) or --store FILE")
    if df.empty:
        raise InputError(source, "the corpus holds no articles")
    title = title or f"Outlet comparison: {Path(source).name}"
    metrics = article_metrics(df, progress=not quiet)
    table = compare(metrics, by="outlet", measures=MEASURES, seed=seed)
    tests = omnibus(metrics, by="outlet", measures=MEASURES)

    out = Path(out)
    run_id = new_run_id(started_at)
    final = out / REPORT_NAME / run_id
    partial = out / REPORT_NAME / f".partial-{run_id}"
    partial.mkdir(parents=True, exist_ok=False)
    try:
        metrics.to_csv(partial / "article_measures.csv", index=False)
        table.to_csv(partial / "outlet_summary.csv", index=False)
        tests.to_csv(partial / "tests.csv", index=False)
        (partial / "report.html").write_text(
            _render_html(title, source, df, table, tests, load_report, run_id), encoding="utf-8")
        manifest = {
            "report": REPORT_NAME, "run_id": run_id, "title": title, "status": "complete",
            "parameters": {"corpus": corpus and str(corpus), "store": store and str(store),
                           "seed": seed, "load_options": load_options or {}},
            "corpus": {"source": source, "articles": int(len(df)),
                       "outlets": int(df["outlet"].nunique()),
                       "fingerprint_sha256": corpus_fingerprint(df)},
            "load_report": load_report.to_dict() if load_report else None,
            "versions": _versions(),
            "started": started_at.isoformat(timespec="seconds"),
            "duration_seconds": round(time.time() - started, 3),
        }
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str),
                                               encoding="utf-8")
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    write_index(out)
    logger.info("report written to %s", final)
    return final


def _table_html(frame: pd.DataFrame, digits: int = 3) -> str:
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].round(digits)
    return shown.to_html(index=False, escape=True, na_rep="–", border=0, classes="table")


def _render_html(title, source, df, table, tests, load_report, run_id) -> str:
    from framing.plot import outlet_profile

    counts = (df.assign(week=df["date"].dt.to_period("W").dt.start_time)
              .groupby(["outlet"], dropna=False).agg(articles=("id", "size"),
                                                    first_date=("date", "min"),
                                                    last_date=("date", "max"))
              .reset_index())
    profile = outlet_profile(table).to_html(full_html=False, include_plotlyjs=True,
                                            div_id="outlet-profile")
    load_html = ""
    if load_report is not None:
        load_html = f"<h2>Load report</h2><pre>{html.escape(load_report.summary())}</pre>"
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; }}
table.table {{ border-collapse: collapse; font-size: 0.9em; }}
table.table td, table.table th {{ padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; }}
.note {{ color: #555; font-size: 0.9em; }}
</style></head><body>
<h1>{esc(title)}</h1>
<p class="note">Corpus: {esc(source)} · {len(df)} articles · {df['outlet'].nunique()} outlets ·
run {esc(run_id)}</p>
<h2>Corpus overview</h2>
{_table_html(counts)}
{load_html}
<h2>Outlet profiles</h2>
<p class="note">Mean per article with 95% percentile-bootstrap intervals over articles.
TextBlob scores are exactly those of <code>TextBlob(text).sentiment</code>;
<code>zero_share</code> is the share of articles it leaves at exactly 0.</p>
{profile}
{_table_html(table)}
<h2>Differences between outlets</h2>
<p class="note">Kruskal-Wallis test per measure across all outlets; p-values Holm-corrected
across measures.</p>
{_table_html(tests, digits=4)}
</body></html>
"""


def write_index(out) -> Path:
    """(Re)write ``<out>/index.html`` listing every complete run, newest first."""
    out = Path(out)
    rows = []
    for manifest_path in sorted(out.glob("*/*/manifest.json"), reverse=True):
        try:
            m = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        link = manifest_path.parent.relative_to(out).as_posix() + "/report.html"
        rows.append(
            f"<tr><td><a href=\"{html.escape(link, quote=True)}\">{html.escape(str(m.get('title')))}"
            f"</a></td><td>{html.escape(str(m.get('report')))}</td>"
            f"<td>{html.escape(str(m.get('started')))}</td>"
            f"<td>{html.escape(str(m.get('corpus', {}).get('articles')))}</td>"
            f"<td>{html.escape(str(m.get('status')))}</td></tr>")
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>framing "
            "reports</title></head><body><h1>framing reports</h1><table><tr><th>report</th>"
            "<th>kind</th><th>started (UTC)</th><th>articles</th><th>status</th></tr>"
            + "".join(rows) + "</table></body></html>\n")
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".index.{os.getpid()}.tmp"
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out / "index.html")
    return out / "index.html"
