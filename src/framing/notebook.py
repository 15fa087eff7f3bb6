"""Helpers that report notebooks call, so that notebooks hold no logic of their own.

:class:`ReportContext` saves the tables behind each chart as CSV into the run folder that
``framing report`` gives the notebook (``output_dir``), records what corpus was used, and sets up
plotly so that charts are interactive in JupyterLab and embedded once in the HTML report.

Example
-------
>>> import pandas as pd, tempfile
>>> ctx = ReportContext(tempfile.mkdtemp(), plotly=False)
>>> path = ctx.table(pd.DataFrame({"a": [1]}), "outlet summary")
>>> path.name
'outlet_summary.csv'
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

__all__ = ["ReportContext", "load_report_corpus", "corpus_fingerprint"]

_SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def corpus_fingerprint(df: pd.DataFrame) -> str:
    """SHA-256 over the articles' outlet, title and text in order: same corpus, same print."""
    h = hashlib.sha256()
    for outlet, title, text in zip(df["outlet"], df.get("title", [None] * len(df)), df["text"]):
        for part in (outlet, title, text):
            h.update(str(part if isinstance(part, str) else "").encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
    return h.hexdigest()


class ReportContext:
    """Where a notebook run writes its tables; a no-op when ``output_dir`` is None (JupyterLab).

    Parameters
    ----------
    output_dir : the run folder (given by ``framing report``), or None when exploring.
    plotly : set plotly's renderer for notebooks (interactive in JupyterLab, embedded in HTML).
    """

    def __init__(self, output_dir=None, *, plotly: bool = True):
        self.output_dir = Path(output_dir) if output_dir else None
        if self.output_dir:
            (self.output_dir / "tables").mkdir(parents=True, exist_ok=True)
        if plotly:
            import plotly.io as pio

            pio.renderers.default = "plotly_mimetype+notebook"

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path | None:
        """Save ``frame`` as ``tables/<name>.csv`` in the run folder (name made file-safe)."""
        if self.output_dir is None:
            return None
        safe = _SAFE_NAME_RE.sub("_", name.strip()).strip("._") or "table"
        path = self.output_dir / "tables" / f"{safe}.csv"
        frame.to_csv(path, index=index)
        return path

    def corpus(self, df: pd.DataFrame, *, source: str, load_report=None) -> dict:
        """Record the corpus used (size, outlets, fingerprint, load report) for the manifest."""
        info = {"source": source, "articles": int(len(df)),
                "outlets": int(df["outlet"].nunique()) if "outlet" in df else None,
                "fingerprint_sha256": corpus_fingerprint(df) if "text" in df else None,
                "load_report": load_report.to_dict() if load_report is not None else None}
        if self.output_dir is not None:
            (self.output_dir / "corpus.json").write_text(json.dumps(info, indent=2, default=str),
                                                         encoding="utf-8")
        return info


def load_report_corpus(*, corpus=None, store=None, mapping=None, outlets=None, start=None,
                       end=None) -> tuple[pd.DataFrame, object, str]:
    """Load the articles a report covers: from a corpus file or a store, filtered by outlets and
    an inclusive date range (``YYYY-MM-DD``; undated articles are then left out). Returns
    ``(articles, load_report or None, source)``.
    """
    from framing.corpus import load_corpus
    from framing.errors import InputError
    from framing.store import Store

    if corpus:
        df = load_corpus(corpus, mapping=mapping or None)
        report, source = df.attrs.get("load_report"), str(corpus)
    elif store:
        with Store(store, read_only=True) as st:
            df = st.articles(extras=False)
        report, source = None, str(store)
    else:
        raise InputError(None, "no corpus given", hint="set the parameter corpus or store")
    if outlets:
        unknown = sorted(set(outlets) - set(df["outlet"]))
        if unknown:
            raise InputError(source, f"outlet {unknown[0]!r} is not in the corpus", field="outlet",
                             hint="outlets present: " + ", ".join(sorted(df["outlet"].unique())[:30]))
        df = df[df["outlet"].isin(outlets)]
    if start:  # undated articles cannot be placed in a date range: they are left out
        df = df[df["date"].notna() & (df["date"] >= pd.Timestamp(start))]
    if end:
        df = df[df["date"].notna() & (df["date"] < pd.Timestamp(end) + pd.Timedelta(days=1))]
    if df.empty:
        raise InputError(source, "no articles left after filtering by outlets and dates")
    return df.reset_index(drop=True), report, source
