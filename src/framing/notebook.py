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
import shutil
from pathlib import Path

import pandas as pd

__all__ = ["ReportContext", "load_report_corpus", "corpus_fingerprint"]

_SAFE_NAME_RE = re.compile(r"[^A-Za-z0-9_.-]+")


def corpus_fingerprint(df: pd.DataFrame) -> str:
    """SHA-256 over the articles' outlet, title and text, whatever their order: the same articles
    give the same print, read from a file or from a store.

    >>> a = pd.DataFrame({"outlet": ["A", "B"], "title": ["t", None], "text": ["x", "y"]})
    >>> corpus_fingerprint(a) == corpus_fingerprint(a.iloc[::-1])
    True
    """
    digests = []
    for outlet, title, text in zip(df["outlet"], df.get("title", [None] * len(df)), df["text"]):
        h = hashlib.sha256()
        for part in (outlet, title, text):
            h.update(str(part if isinstance(part, str) else "").encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
        digests.append(h.digest())
    whole = hashlib.sha256()
    for d in sorted(digests):
        whole.update(d)
    return whole.hexdigest()


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

    def validity_summary(self, path="docs/validity.md", *, codebook="policy",
                         toward_encoder: bool = False):
        """:func:`validity_summary`, its linked pages copied into the run folder (when there
        is one) so that the report's links work wherever the folder is shared."""
        return validity_summary(path, codebook=codebook, copy_to=self.output_dir,
                                toward_encoder=toward_encoder)

    def figure(self, fig, name: str, formats=()):
        """Return ``fig`` for display; with ``formats`` (``png``, ``svg``, ``pdf``) also save it
        as ``figures/<name>.<format>`` in the run folder (needs kaleido and Chromium). A note
        shown in a chart's place (not a plotly figure) is returned as it is."""
        if self.output_dir is not None and formats and hasattr(fig, "write_image"):
            from framing.plot import save_figure

            safe = _SAFE_NAME_RE.sub("_", name.strip()).strip("._") or "figure"
            for fmt in formats:
                save_figure(fig, self.output_dir / "figures" / f"{safe}.{fmt}")
        return fig

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path | None:
        """Save ``frame`` as ``tables/<name>.csv`` in the run folder (name made file-safe); a
        cell holding a list or a mapping (the ``evidence`` of the exemplar tables) is written
        as JSON, which any CSV reader's user can parse (``json.loads``), not as Python's repr."""
        if self.output_dir is None:
            return None
        safe = _SAFE_NAME_RE.sub("_", name.strip()).strip("._") or "table"
        path = self.output_dir / "tables" / f"{safe}.csv"
        _json_cells(frame).to_csv(path, index=index)
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


def _json_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its list, tuple and mapping cells as JSON text (a copy when any)."""
    def as_json(value):
        if isinstance(value, (list, tuple, dict)):
            return json.dumps(value, ensure_ascii=False, default=_json_default)
        return value

    columns = [c for c in frame.columns if frame[c].dtype == object
               and frame[c].map(lambda v: isinstance(v, (list, tuple, dict))).any()]
    if not columns:
        return frame
    out = frame.copy()
    for c in columns:
        out[c] = out[c].map(as_json)
    return out


def _json_default(value):
    """Numbers of numpy and evidence objects (:class:`framing.results.Evidence`) in JSON."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


#: Outlets a report compares when it is given no list of outlets: the largest ones (by dated
#: articles in the report's date range, else by articles). A corpus of hundreds of sources
#: (AllSides: 491, 311 of them with fewer than 5 articles) otherwise gives charts thousands of
#: pixels tall, a legend of hundreds of colours, and hundreds of thousands of pairwise tests.
MAX_OUTLETS = 20


def _largest_outlets(counts: pd.Series, k: int) -> list:
    """The ``k`` outlets with most articles, ties broken by name (deterministic)."""
    ranked = sorted(counts.items(), key=lambda item: (-int(item[1]), str(item[0])))
    return [outlet for outlet, _ in ranked[:k]]


def keep_largest_outlets(articles: pd.DataFrame, max_outlets: int = MAX_OUTLETS, *, start=None,
                         end=None, by: str = "outlet") -> pd.DataFrame:
    """The articles of the ``max_outlets`` outlets with most articles (ties by name; with
    ``start`` or ``end``, ranked by their articles dated in that range), in their order and
    numbered 0, 1, ... again; ``articles`` itself when there are no more outlets than that, or
    ``max_outlets`` is 0 (all). As :func:`load_report_corpus` does for a report, the result
    records what was left out, which :func:`loading_summary` says:
    ``attrs["largest_outlets"] = {"kept": k, "of": n}`` and, in
    ``attrs["left_out_by_filters"]``, the articles of the other outlets.

    >>> a = pd.DataFrame({"outlet": ["A", "B", "B", "C", "C", "C"], "text": list("uvwxyz")})
    >>> kept = keep_largest_outlets(a, 2)
    >>> kept["outlet"].tolist(), kept.attrs["largest_outlets"]
    (['B', 'B', 'C', 'C', 'C'], {'kept': 2, 'of': 3})
    >>> kept.attrs["left_out_by_filters"]
    {'of the 1 smaller outlets (max_outlets)': 1}
    >>> keep_largest_outlets(a, 0) is a
    True
    """
    from framing.errors import InputError

    if max_outlets is None or max_outlets == 0:
        return articles
    if max_outlets < 0:  # papermill runs skip framing report's check
        raise InputError(None, f"max_outlets {max_outlets} is not a number of outlets",
                         field="max_outlets", hint="give 1 or more, or 0 for all outlets")
    outlets = articles[by].nunique()
    if outlets <= max_outlets:
        return articles
    ranked = articles.loc[_in_range(articles, start, end), by].value_counts() \
        if start or end else articles[by].value_counts()
    if len(ranked) <= max_outlets:
        return articles
    wanted = _largest_outlets(ranked, max_outlets)
    keep = articles[by].isin(wanted)
    out = articles[keep].reset_index(drop=True)
    out.attrs["largest_outlets"] = {"kept": len(wanted), "of": int(len(ranked))}
    out.attrs["left_out_by_filters"] = {
        **(articles.attrs.get("left_out_by_filters") or {}),
        f"of the {outlets - len(wanted):,} {'other' if start or end else 'smaller'} outlets "
        "(max_outlets)": int((~keep).sum())}
    return out


def load_report_corpus(*, corpus=None, store=None, mapping=None, outlets=None, start=None,
                       end=None, fold_outlet_case: bool = False, day_first: bool = False,
                       skip_bad_rows: bool = False, store_wait: float = 0,
                       max_outlets: int | None = None,
                       extra_columns=()) -> tuple[pd.DataFrame, object, str]:
    """Load the articles a report covers: from a corpus file or a store (waiting up to
    ``store_wait`` seconds while another run writes it), filtered by outlets and an inclusive
    date range (``YYYY-MM-DD``; undated articles are then left out), in one order (outlet, date,
    id) whichever the route, so that a report's intervals are the same from a file and from a
    store. Returns ``(articles, load_report or None, source)``.

    Without ``outlets``, ``max_outlets`` (a number above 0) keeps the outlets with most articles
    in the date range (ties by name) when there are more; the rest are left out and counted
    (``articles.attrs["largest_outlets"]`` = ``{"kept": k, "of": n}``). From a store the outlets
    are counted, and the date range applied, in DuckDB: only the texts kept are read.

    ``extra_columns`` names other columns of the corpus to keep (e.g. ``["topic"]`` for
    :func:`framing.compare.adjusted`): a corpus file keeps every column anyway; from a store,
    which the reports otherwise read without them (to save memory), only these are read. A
    name the corpus lacks is an :class:`~framing.errors.InputError` listing the columns it has.
    """
    from framing.corpus import load_corpus, load_report
    from framing.errors import InputError
    from framing.store import Store

    corpus, store = project_path(corpus), project_path(store)
    if max_outlets is not None and max_outlets < 0:  # papermill runs skip framing report's check
        raise InputError(None, f"max_outlets {max_outlets} is not a number of outlets",
                         field="max_outlets", hint="give 1 or more, or 0 for all outlets")
    left_out, largest, ranged = {}, None, None
    if store:  # a store wins over a corpus file (the notebooks' corpus has a default)
        with Store(store, read_only=True, timeout=store_wait) as st:
            every = st.outlet_counts()
            if outlets:
                _check_outlets(outlets, every.index, str(store))
            wanted = list(outlets) if outlets else None
            if wanted is None and max_outlets and len(every) > max_outlets:
                ranked = st.outlet_counts(start=start, end=end) if start or end else every
                if len(ranked) > max_outlets:
                    wanted = _largest_outlets(ranked, max_outlets)
                    largest = {"kept": len(wanted), "of": int(len(ranked))}
            # with a date range only the texts inside it are read (a report from 2019 on read
            # every text of its outlets, 10,000 to keep 2,289 of the first AllSides
            # articles); what the range leaves out is counted in DuckDB
            ranged = None
            if start or end:
                ranged = st.range_counts(outlets=wanted, start=start, end=end)
                df = st.articles(outlets=wanted, extras=list(extra_columns) or False,
                                 start=start, end=end)
                if any(name not in df.columns for name in extra_columns):
                    ranged = None  # a column only articles outside the range have: as before
            if ranged is None:
                df = st.articles(outlets=wanted, extras=list(extra_columns) or False)
        report, source = None, str(store)
        if wanted is not None:
            # with a date range the outlets are ranked by their articles in it: the others
            # are not all smaller (some have none in the range), and are counted whole here
            key = (f"of the {len(every) - len(wanted):,} "
                   f"{'other' if start or end else 'smaller'} outlets (max_outlets)"
                   if largest else "of other outlets")
            read = len(df) if ranged is None else (
                ranged["undated"] + ranged["outside"] + ranged["inside"])
            left_out[key] = int(every.sum()) - read
    elif corpus:
        df = load_corpus(corpus, mapping=mapping or None, fold_outlet_case=fold_outlet_case,
                         day_first=day_first, skip_bad_rows=skip_bad_rows)
        report, source = load_report(df), str(corpus)
        if outlets:
            _check_outlets(outlets, df["outlet"].unique(), source)
            keep = df["outlet"].isin(outlets)
            left_out["of other outlets"] = int((~keep).sum())
            df = df[keep]
        elif max_outlets:
            df = keep_largest_outlets(df, max_outlets, start=start, end=end)
            largest = df.attrs.get("largest_outlets")
            left_out.update(df.attrs.get("left_out_by_filters") or {})
    else:
        raise InputError(None, "no corpus given", hint="set the parameter corpus or store")
    _check_extra_columns(df, extra_columns, source, store=bool(store))
    hint = None
    if store and ranged is not None:  # read inside the range only, counted in DuckDB
        left_out["undated"] = ranged["undated"]
        left_out["dated outside the range"] = ranged["outside"]
        if not ranged["inside"]:
            whose = "the outlets' articles" if outlets else "the articles"
            hint = (f"{whose} are dated {ranged['first']:%Y-%m-%d} to "
                    f"{ranged['last']:%Y-%m-%d}" if ranged["first"] is not None
                    else "no article has a date") + "; change start and end"
    elif start or end:  # undated articles cannot be placed in a date range: they are left out
        dated = df["date"].notna()
        inside = _in_range(df, start, end)
        left_out["undated"] = int((~dated).sum())
        left_out["dated outside the range"] = int((dated & ~inside).sum())
        if not inside.any():  # say where the dates are, not only that none is in the range
            whose = "the outlets' articles" if outlets else "the articles"
            hint = (f"{whose} are dated "
                    f"{df.loc[dated, 'date'].min():%Y-%m-%d} to "
                    f"{df.loc[dated, 'date'].max():%Y-%m-%d}" if dated.any()
                    else "no article has a date") + "; change start and end"
        df = df[inside]
    if df.empty:
        raise InputError(source, "no articles left after filtering by outlets and dates"
                         + (f" (start {start or '-'}, end {end or '-'})" if start or end else ""),
                         hint=hint)
    # one order whichever way the articles came (a file keeps its rows' order, a store its
    # ingests'), so that bootstrap intervals, which resample rows, do not depend on the route
    df = df.sort_values(["outlet", "date", "id"], na_position="last", kind="mergesort")
    df = df.reset_index(drop=True)
    df.attrs["left_out_by_filters"] = left_out
    if largest:
        df.attrs["largest_outlets"] = largest
    if store:  # the store's articles were read (mapped, dated, cleaned) when they were ingested
        df.attrs["ignored_load_options"] = [name for name, value in (
            ("mapping", mapping), ("fold_outlet_case", fold_outlet_case),
            ("day_first", day_first), ("skip_bad_rows", skip_bad_rows)) if value]
    return df, report, source


def _check_extra_columns(df: pd.DataFrame, names, source, *, store: bool) -> None:
    """Refuse a requested corpus column that the articles do not have, naming those they do."""
    from framing.corpus import CANONICAL_COLUMNS
    from framing.errors import MissingColumnError

    for name in names:
        if name not in df.columns:
            if store:  # the store read only the requested extras: list every one it holds
                from framing.store import Store

                with Store(source, read_only=True) as st:
                    present = _stored_extra_names(st)
            else:
                present = [c for c in df.columns if c not in CANONICAL_COLUMNS]
            raise MissingColumnError(source, f"no article has a column {name!r}", field=name,
                                     hint="columns beside text, outlet, date, title, url and "
                                          "id: " + (", ".join(map(str, present)) or "none")
                                          + ("; a store keeps the columns the ingested file had "
                                             "(framing ingest keeps every column)" if store
                                             else ""))


def _stored_extra_names(st) -> list[str]:
    names = st.con.execute(
        "SELECT DISTINCT unnest(json_keys(extra)) FROM articles WHERE extra IS NOT NULL"
    ).fetchall()
    return sorted(str(n) for (n,) in names)


def with_article_columns(metrics: pd.DataFrame, articles: pd.DataFrame, columns) -> pd.DataFrame:
    """``metrics`` with corpus columns of ``articles`` (e.g. ``topic``) added: matched by
    ``article_hash`` when both have it (measures read from a store), else by index (measures
    from :func:`framing.analyze`, which keeps the articles' index). ``framing.analyze`` and the
    store's measures keep only id, outlet, date and title; a comparison by another column
    (:func:`framing.compare.adjusted` with ``strata="topic"``) needs it back. Columns already
    in ``metrics`` are left as they are; ``metrics`` is not changed.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"outlet": ["A", "B"], "topic": ["war", "sport"]})
    >>> m = pd.DataFrame({"outlet": ["A", "B"], "tone": [0.1, 0.2]})
    >>> with_article_columns(m, a, ["topic"])["topic"].tolist()
    ['war', 'sport']
    """
    from framing.errors import MissingColumnError

    columns = [c for c in ([columns] if isinstance(columns, str) else columns)
               if c not in metrics.columns]
    for column in columns:
        if column not in articles.columns:
            raise MissingColumnError(None, "the articles have no such column", field=column)
    if not columns:
        return metrics
    if "article_hash" in metrics.columns and "article_hash" in articles.columns:
        values = articles.drop_duplicates("article_hash").set_index("article_hash")[columns]
        added = values.reindex(metrics["article_hash"].to_numpy())
        added.index = metrics.index
    else:
        added = articles[columns].reindex(metrics.index)
    return pd.concat([metrics, added], axis=1)


def adjusted_intro(column: str, *, min_n: int = 5):
    """The explanation heading the report's section on outlets with ``column`` (e.g. topic)
    held constant; nothing when ``column`` is empty (the section is then left out)."""
    return note(
        f"## Outlets with the {column} mix held constant\n\n"
        f"Outlets cover different stories: one that writes more about war looks more negative "
        f"and more security-framed whatever its slant. Here each outlet's mean is "
        f"**standardized** to the same mix of `{column}` values: its mean within each {column}, "
        f"weighted by how common that {column} is among all the outlets' articles (direct "
        f"standardization; 95% bootstrap intervals resampling articles within outlet and "
        f"{column}). Only the {column} values in which every outlet has at least {min_n} "
        f"articles can be standardized; the others are left out for every outlet alike, and "
        f"the text below says how many. The hollow circle is the plain mean over the same "
        f"articles: the distance between the two is what the {column} mix explains. The "
        f"tests: OLS of the measure on outlet with and without {column} fixed effects, a Wald "
        f"F test of the outlet effect with HC3 robust errors, Holm-corrected over the measures "
        f"(frame presence as a linear probability model). `spread_explained` is the share of "
        f"the spread of outlet means (their standard deviation) that the {column} mix accounts "
        f"for. Tables: `adjusted_means.csv`, `adjusted_tests.csv`, `adjusted_left_out.csv`.",
        when=bool(column))


def adjusted_used(result) -> bool:
    """Whether :func:`framing.compare.adjusted` could use any stratum (a topic every outlet has
    enough articles in): without one there is nothing to chart or tabulate, only
    :func:`adjusted_summary`'s explanation (its charts were empty panels, its table blank).

    >>> import pandas as pd
    >>> from framing.compare import adjusted
    >>> m = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 4, "topic": ["war"] * 4 + ["sport"] * 4,
    ...                   "tone": [0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4]})
    >>> adjusted_used(None), adjusted_used(adjusted(m, measures=["tone"], min_n=2, n_boot=20))
    (False, False)
    """
    if result is None or result.tests.empty:
        return False
    return bool((result.tests["strata_used"] > 0).any())


def _percent(share: float) -> str:
    """A share as a whole percentage, without a "-0%"."""
    return f"{0.0 if abs(share) < 0.005 else share:.0%}"


def adjusted_summary(result, *, alpha: float = 0.05, labels: dict | None = None,
                     top: int = 3) -> str:
    """Plain-text summary of :func:`framing.compare.adjusted`: which strata were used and who
    lacked the rest, then per measure how much of the spread of group means the mix of strata
    accounts for and whether the groups still differ with it held constant.

    >>> import pandas as pd
    >>> from framing.compare import adjusted
    >>> m = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 8,
    ...                   "topic": ["war"] * 6 + ["sport"] * 2 + ["war"] * 2 + ["sport"] * 6,
    ...                   "tone": [-0.5, -0.4, -0.6, -0.5, -0.4, -0.6, 0.3, 0.5,
    ...                            -0.4, -0.6, 0.4, 0.5, 0.3, 0.4, 0.4, 0.4]})
    >>> print(adjusted_summary(adjusted(m, measures=["tone"], min_n=2, n_boot=100)))
    Held constant: topic. Used: 2 of 2 topic values (those with at least 2 articles of every outlet), 16 of 16 articles.
    tone: the topic mix accounts for 100% of the spread of outlet means (standard deviation 0.318 unadjusted, 0.000 with the topic mix held constant); the outlets differ neither way (Holm p = 0.07 unadjusted, p = 1.00 adjusted).
    """
    from framing.plot import measure_label
    from framing.summary import _nums, _p

    means, tests, left_out = result
    strata = means.attrs.get("strata", "stratum")
    by = means.attrs.get("by", "group")
    min_n = means.attrs.get("min_n", 5)
    if tests.empty:
        return "No measure to compare."
    first = tests.iloc[0]
    total = int(first["strata_used"] + first["strata_left_out"])
    n_all = int(means[means["measure"] == first["measure"]]["n"].sum())
    lines = [f"Held constant: {strata}. Used: {int(first['strata_used'])} of {total} {strata} "
             f"values (those with at least {min_n} articles of every {by}), "
             f"{int(first['n_used']):,} of {n_all:,} articles."]
    nothing_used = int(first["strata_used"]) == 0
    if nothing_used:
        lines.append(f"No {strata} value has {min_n} or more articles of every {by}: nothing "
                     f"can be standardized, and no measure is tested. Compare fewer {by}s "
                     f"(those covering the same {strata} values), or lower adjust_min_n.")
    left = left_out[left_out["measure"] == first["measure"]]
    if len(left):
        lacking = left["lacking"].str.split("; ").explode()
        lacking = lacking[lacking != ""].value_counts()
        if len(lacking):
            lines.append(f"Left out because some {by} had fewer than {min_n} articles there; the "
                         f"{by}s lacking most of them: " + ", ".join(
                             f"{g} ({n} of {len(left)})" for g, n in lacking.head(top).items())
                         + f" (all in adjusted_left_out.csv).")
    if nothing_used:  # one line per measure saying "no test (no topic used)" told nothing more
        return "\n".join(lines)
    if int(first["strata_used"]) == 1:  # the mix of one value is the same for every group
        lines.append(f"Only one {strata} value could be used: holding the mix constant is then "
                     f"comparing the {by}s on its articles alone, so the mix accounts for none "
                     f"of the differences below by construction.")
    shares = tests.set_index("measure")["spread_explained"].dropna()
    if len(shares) > 1 and _percent(shares.min()) == _percent(shares.max()):
        lines.append(f"For each of the {len(shares)} measures compared, the {strata} mix "
                     f"accounts for {_percent(shares.min())} of the spread of {by} means.")
    elif len(shares) > 1:
        lines.append(f"Across the {len(shares)} measures compared, the {strata} mix accounts for "
                     f"a median {_percent(shares.median())} of the spread of {by} means (from "
                     f"{_percent(shares.min())}, {measure_label(shares.idxmin(), labels)}, to "
                     f"{_percent(shares.max())}, {measure_label(shares.idxmax(), labels)}).")
    # as the summary writes p-values (framing.summary): "< 0.001", "= 0.004", "= 0.07", "= 1.00"
    is_ = lambda p: _p(p).removeprefix("p ")  # noqa: E731
    for row in tests.itertuples():
        name = measure_label(row.measure, labels)
        if row.note and row.p_adjusted != row.p_adjusted and row.p_crude != row.p_crude:
            lines.append(f"{name}: no test ({row.note}).")
            continue
        share = row.spread_explained
        if share != share:
            told = "the spread of means could not be compared"
        elif share > -0.005:  # rounds to 0% or more
            told = f"the {strata} mix accounts for {_percent(share)} of the spread of {by} means"
        else:
            told = (f"the {strata} mix hid differences: the spread of {by} means grows by "
                    f"{-share:.0%} when it is held constant")
        crude, held = _nums(round(row.spread_crude, 12), round(row.spread_adjusted, 12))
        spread = (f" (standard deviation {crude} unadjusted, {held} with the {strata} mix held "
                  "constant)")
        if row.note:  # one of the two tests could not be computed; the note names which
            have_adjusted = row.p_adjusted == row.p_adjusted
            p = row.p_adjusted_holm if have_adjusted else row.p_crude_holm
            verdict = (f"the {by}s {'differ' if p < alpha else 'do not differ'} "
                       f"{'with it held constant' if have_adjusted else 'unadjusted'} (Holm p "
                       f"{is_(p)}); the other test could not be "
                       f"computed ({row.note})")
        elif row.p_adjusted_holm < alpha:
            verdict = (f"the {by}s still differ with it held constant (Holm p "
                       f"{is_(row.p_adjusted_holm)})")
        elif row.p_crude_holm < alpha:
            verdict = (f"the {by}s no longer differ once it is held constant (Holm p "
                       f"{is_(row.p_adjusted_holm)}; unadjusted p {is_(row.p_crude_holm)})")
        else:
            verdict = (f"the {by}s differ neither way (Holm p {is_(row.p_crude_holm)} "
                       f"unadjusted, {_p(row.p_adjusted_holm)} adjusted)")
        lines.append(f"{name}: {told}{spread}; {verdict}.")
    return "\n".join(lines)

def _check_outlets(outlets, present, source) -> None:
    from framing.errors import InputError

    unknown = sorted(set(outlets) - set(present))
    if unknown:
        raise InputError(source, f"outlet {unknown[0]!r} is not in the corpus", field="outlet",
                         hint="outlets present: " + ", ".join(sorted(map(str, present))[:30]))


def _in_range(df: pd.DataFrame, start, end) -> pd.Series:
    """Rows dated within ``start``..``end`` (inclusive days); undated rows are outside."""
    inside = df["date"].notna()
    if start:
        inside &= df["date"] >= pd.Timestamp(start)
    if end:
        inside &= df["date"] < pd.Timestamp(end) + pd.Timedelta(days=1)
    return inside


def store_metrics(store, *, measures, codebook="policy", targets=None, jobs=None,
                  wait: float = 0, articles: pd.DataFrame | None = None,
                  toward_encoder: bool = False) -> pd.DataFrame:
    """The stored measures of every article (:func:`framing.analyze` with ``store=``), opening
    the store for writing only when something is left to score: a report on an analysed store
    needs read access only, and runs beside other readers (another report) without waiting.
    With ``articles`` (from :func:`load_report_corpus`), the rows of those articles only, in
    their order, so that a report from a store resamples the same rows as one from a file; only
    those articles are then scored (the rest of the store is left as it is) and read.
    ``toward_encoder``: as in :func:`framing.analyze` (the store keeps the tone toward the
    targets of either model apart)."""
    from framing.analyze import family_versions, update_store
    from framing.store import Store

    versions = family_versions(measures, codebook=codebook, targets=targets,
                               toward_encoder=toward_encoder)
    # only the report's articles are scored and read: new targets on a report of ten outlets
    # scored every stored article of every outlet
    hashes = (list(articles["article_hash"]) if articles is not None
              and "article_hash" in articles.columns else None)
    with Store(store, read_only=True, timeout=wait) as st:
        metrics = (st.metrics(versions, hashes=hashes)
                   if st.n_unscored(versions, hashes=hashes) == 0 else None)
    if metrics is None:
        with Store(store, timeout=wait) as st:
            update_store(st, measures=measures, codebook=codebook, targets=targets, jobs=jobs,
                         hashes=hashes, toward_encoder=toward_encoder)
            metrics = st.metrics(versions, hashes=hashes)
    if articles is None:
        return metrics
    return _rows_of(metrics, articles)


def _rows_of(metrics: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``metrics`` (from a store) of ``articles``, in their order."""
    position = {h: k for k, h in enumerate(articles["article_hash"])}
    order = metrics["article_hash"].map(position)
    return metrics[order.notna()].iloc[order.dropna().argsort(kind="mergesort")] \
        .reset_index(drop=True)


def article_metrics(articles: pd.DataFrame, *, store=None, codebook="policy", jobs=None,
                    wait: float = 0) -> pd.DataFrame:
    """Every family's measures of ``articles`` (from :func:`load_report_corpus`): read from
    ``store`` when it holds them all at the current versions (after ``framing analyze``), else
    scored here with :func:`framing.analyze`, in memory (the store is not written).

    The article explorer re-scored every article of an analysed store: minutes for a few
    thousand articles that the store answers in seconds.
    """
    import framing
    from framing.analyze import DEFAULT_MEASURES, family_versions
    from framing.store import Store

    if store and "article_hash" in articles:
        versions = family_versions(DEFAULT_MEASURES, codebook=codebook)
        with Store(project_path(store), read_only=True, timeout=wait) as st:
            stored = st.metrics(versions) if st.n_unscored(versions) == 0 else None
        if stored is not None:
            rows = _rows_of(stored, articles)
            if len(rows) == len(articles):
                return rows
    return framing.analyze(articles, codebook=codebook, jobs=jobs)


def report_metrics(articles: pd.DataFrame, *, store=None, measures, codebook="policy",
                   targets=None, jobs=None, wait: float = 0,
                   toward_encoder: bool = False) -> pd.DataFrame:
    """The measures of a report's ``articles``: from the store when there is one (scoring only
    what it lacks, :func:`store_metrics`), else scored afresh with :func:`framing.analyze`.
    Every report notebook calls this, so none scores a stored corpus again.
    ``toward_encoder``: the tone toward the targets with the encoder part, as in
    :func:`framing.analyze`."""
    if store:
        return store_metrics(store, measures=measures, codebook=codebook, targets=targets,
                             jobs=jobs, wait=wait, articles=articles,
                             toward_encoder=toward_encoder)
    import framing

    return framing.analyze(articles, measures=measures, codebook=codebook, targets=targets,
                           jobs=jobs, toward_encoder=toward_encoder)


def loading_summary(articles: pd.DataFrame, load_report=None, *, store=None,
                    wait: float = 0) -> str:
    """What loading read and cleaned (the load report, or the store's ingest history) and what
    the report's filters left out (articles of other outlets, undated articles, articles dated
    outside the range), from :func:`load_report_corpus`'s result."""
    lines = []
    ignored = articles.attrs.get("ignored_load_options") or []
    if ignored:
        lines.append(f"not applied: {', '.join(ignored)} (the store's articles were read when "
                     "they were ingested; give these options to framing ingest)")
    left_out = articles.attrs.get("left_out_by_filters") or {}
    if any(left_out.values()):
        lines.append("left out by the report's filters: " + "; ".join(
            f"{_count(n, 'article')} {what}" for what, n in left_out.items() if n))
    if load_report is not None:
        lines.append(load_report.summary())
    elif store:
        lines.append(store_history(store, wait=wait))
    return "\n".join(lines)


# -- small display helpers: all text escaped --------------------------------------------------


def require_corpus(articles: pd.DataFrame, *, report: str, min_outlets: int = 1,
                   dated: bool = False, source: str | None = None) -> None:
    """Stop a report at once, with a clear message (``framing report`` exits 2), when its
    corpus (after the filters) cannot give it: fewer than ``min_outlets`` outlets, or no dated
    article when ``dated``. Without this the failure came after all the scoring, as an
    internal error.

    >>> require_corpus(pd.DataFrame({"outlet": ["A", "A"], "date": [pd.NaT, pd.NaT]}),
    ...                report="outlet_comparison", min_outlets=2)
    Traceback (most recent call last):
    ...
    framing.errors.InputError: outlet_comparison compares outlets, and the corpus (after the filters) holds 1: A. Give a corpus (or an outlets filter) with 2 or more, or follow one outlet with outlet_over_time
    """
    from framing.errors import InputError

    outlets = sorted(map(str, articles["outlet"].dropna().unique())) if len(articles) else []
    if len(outlets) < min_outlets:
        shown = ", ".join(outlets[:5]) or "none"
        largest = articles.attrs.get("largest_outlets") or {}
        if largest and largest.get("of", 0) >= min_outlets:  # -p max_outlets 1 kept one
            hint = (f"max_outlets {largest.get('kept')} kept the largest of the "
                    f"{largest.get('of')} outlets: give max_outlets {min_outlets} or more (0 for "
                    "all), or follow one outlet with outlet_over_time")
        else:
            hint = (f"Give a corpus (or an outlets filter) with {min_outlets} or more, "
                    "or follow one outlet with outlet_over_time")
        raise InputError(source, f"{report} compares outlets, and the corpus (after the filters) "
                                 f"holds {len(outlets)}: {shown}", hint=hint)
    if dated and ("date" not in articles.columns or articles["date"].notna().sum() == 0):
        raise InputError(source, f"{report} follows measures over time, and no article (after "
                                 "the filters) has a date",
                         hint="map a date column (--map date=COLUMN) or give dated articles; "
                              "outlet_comparison needs no dates")


def require_english(metrics: pd.DataFrame, *, report: str, min_outlets: int = 2,
                    source: str | None = None) -> None:
    """Stop a report with a clear message (``framing report`` exits 2) when fewer than
    ``min_outlets`` outlets have an article the English lexicons scored: the others' measures
    are all missing, and the report failed later in an internal error ("distinctive terms need
    at least two groups with text").

    >>> require_english(pd.DataFrame({"outlet": ["A", "B"], "hedging_english": [True, False]}),
    ...                 report="outlet_comparison", source="c.jsonl")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: c.jsonl: outlet_comparison compares outlets on measures of English text, and 1 outlet has articles that look English: A (B: none). Give articles in English (the shipped lexicons and codebooks are English: README, 'Mind the units')
    """
    from framing.errors import InputError

    flags = [c for c in metrics.columns if str(c).endswith("_english")]
    if not flags or "outlet" not in metrics.columns:
        return
    english = metrics[flags].eq(True).any(axis=1)
    outlets = sorted(map(str, metrics["outlet"].dropna().unique()))
    scored = sorted(map(str, metrics.loc[english, "outlet"].dropna().unique()))
    if len(scored) >= min_outlets:
        return
    others = [o for o in outlets if o not in scored]
    shown = ", ".join(scored[:5]) or "none"
    raise InputError(source, f"{report} compares outlets on measures of English text, and "
                             f"{len(scored)} outlet{'' if len(scored) == 1 else 's'} "
                             f"{'has' if len(scored) == 1 else 'have'} articles that look "
                             f"English: {shown} ({', '.join(others[:5])}"
                             f"{', ...' if len(others) > 5 else ''}: none)",
                     hint="Give articles in English (the shipped lexicons and codebooks are "
                          "English: README, 'Mind the units')")


def heading(title: str, *lines: str):
    """An escaped title block for the top of a report."""
    import html

    from IPython.display import HTML

    body = "".join(f"<p style='color:#555'>{html.escape(str(x))}</p>" for x in lines if x)
    return HTML(f"<h1>{html.escape(str(title))}</h1>{body}")


def _count(n: int, word: str) -> str:
    """``n`` with thousands separators and ``word`` in the singular or plural (``1 outlet``)."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def corpus_line(articles: pd.DataFrame, source) -> str:
    """The heading line naming a report's corpus and its size.

    >>> corpus_line(pd.DataFrame({"outlet": ["A"] * 1500}), "as.duckdb")
    'Corpus: as.duckdb · 1,500 articles · 1 outlet'
    """
    return (f"Corpus: {source} · {_count(len(articles), 'article')} · "
            f"{_count(int(articles['outlet'].nunique()), 'outlet')}")


def store_history(store, *, wait: float = 0) -> str:
    """What the ingests that filled a store read and cleaned (their load reports), for a report
    whose articles come from the store rather than a file."""
    from framing.store import Store

    with Store(store, read_only=True, timeout=wait) as st:
        reports = st.load_reports()
        counts = {int(r.ingest_id): (int(r.added), int(r.already_stored))
                  for r in st.ingests().itertuples()}
        sources = {int(r.ingest_id): r for r in st.ingest_sources().itertuples()}
    lines = [f"Articles read from the store {Path(store).resolve()}, filled by {len(reports)} "
             f"ingest{'s' if len(reports) != 1 else ''}:"]
    for ingest_id, finished, report in reports:
        added, already = counts.get(ingest_id, (None, None))
        lines.append(f"\ningest {ingest_id}, finished {finished:%Y-%m-%d %H:%M} UTC: "
                     + (f"{added} new article{'' if added == 1 else 's'} added, {already} "
                        "already stored"
                        if added is not None else "counts not recorded"))
        src = sources.get(ingest_id)
        if src is not None and src.sha256:
            options = {k: v for k, v in (src.options or {}).items() if v not in ({}, None)}
            lines.append(f"  file {src.path}, {src.bytes:,} bytes, SHA-256 {src.sha256[:16]}; "
                         f"options {json.dumps(options, ensure_ascii=False)}; framing "
                         f"{src.framing}")
        if added == 0:
            lines.append("  (nothing new: what it read is already in the store, so its load "
                         "report is left out)")
        else:
            lines.append(report.summary())
    return "\n".join(lines)


def show(table: pd.DataFrame | None, digits: int = 4):
    """A table for a report: without pandas' row numbers (an index that means something, such as
    outlet names, stays), numbers to ``digits`` decimals, or fewer where a column's values all
    have fewer (a column of whole numbers stored as floats shows "572", not "572.0000"; medians
    of word counts "1014.5", not "1014.5000"), p-values below that as "< 0.0001" (not
    "0.0000"), missing values blank; None (or an empty table) shows nothing.

    >>> html = show(pd.DataFrame({"words": [572.0, 610.0], "median": [1014.5, 980.0],
    ...                           "mean": [0.123456, 0.25]})).to_html()
    >>> ">572<" in html, ">1014.5<" in html, ">980.0<" in html, ">0.1235<" in html
    (True, True, True, True)
    """
    if table is None or table.empty:
        return None
    # escape="html": a Styler, unlike a DataFrame, shows markup in cells as markup (an outlet
    # named "<img src=x onerror=...>" would run in the report)
    styled = table.style.format(precision=digits, na_rep="", escape="html")
    floor = 10.0 ** -digits
    p_cols = [c for c in table.columns if str(c) == "p" or str(c).startswith("p_")]
    if p_cols:
        styled = styled.format(lambda v: "" if pd.isna(v) else (f"&lt; {floor:.{digits}f}"
                                                               if v < floor else f"{v:.{digits}f}"),
                               subset=p_cols)  # the formatter's output is not escaped
    for c in table.columns:
        if c in p_cols or not pd.api.types.is_float_dtype(table[c]) or table[c].isna().all():
            continue
        values = table[c].dropna()
        shown = values.round(digits)
        places = next(d for d in range(digits + 1) if bool((values.round(d) == shown).all()))
        if places < digits:  # a median of 572 words or 4 degrees of freedom, not "572.0000"
            styled = styled.format(lambda v, d=places: "" if pd.isna(v) else f"{v:.{d}f}",
                                   subset=[c])
    for c in table.columns:  # a date column of midnights: the date ("2016-11-08 00:00:00")
        if pd.api.types.is_datetime64_any_dtype(table[c]):
            stamps = table[c].dropna()
            if len(stamps) and bool((stamps == stamps.dt.normalize()).all()):
                styled = styled.format(lambda v: "" if pd.isna(v) else f"{v:%Y-%m-%d}",
                                       subset=[c])
    styled = styled.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if isinstance(table.index, pd.RangeIndex):
        styled = styled.hide(axis="index")
    return styled


def preformatted(text: str):
    """Show plain text (a load report, a summary) escaped, in a monospace block."""
    import html

    from IPython.display import HTML

    return HTML(f"<pre style='white-space:pre-wrap'>{html.escape(str(text))}</pre>")


def corpus_overview(articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Articles per group with first and last date and the number of undated articles."""
    grouped = articles.groupby(by, sort=True)
    return pd.DataFrame({
        "articles": grouped.size(),
        "first_date": grouped["date"].min().dt.date,
        "last_date": grouped["date"].max().dt.date,
        "undated": grouped["date"].apply(lambda d: int(d.isna().sum())),
        "median_words": grouped["text"].apply(lambda t: float(t.str.split().str.len().median())),
    }).reset_index()


def articles_over_time(articles: pd.DataFrame, by: str = "outlet", period: str = "W") -> pd.DataFrame:
    """Number of dated articles per group per period (``D``, ``W``, ``M``, ``Q`` or ``Y``)."""
    if period not in ("D", "W", "M", "Q", "Y"):
        raise ValueError(f"period must be one of D, W, M, Q, Y, not {period!r}")
    dated = articles.dropna(subset=["date"])
    starts = dated["date"].dt.to_period(period).dt.start_time
    return (dated.assign(period=starts).groupby([by, "period"]).size()
            .rename("articles").reset_index().rename(columns={by: "group"}))


def frame_columns(metrics: pd.DataFrame) -> list[str]:
    """The per-frame presence columns (``frames_<frame>``, 0/1) of a metrics table: not the
    ``_share``/``_density`` salience columns of a codebook, the ``_prob`` probabilities of a
    trained model, ``frames_primary`` or the ``frames_n_`` counts.

    >>> frame_columns(pd.DataFrame(columns=["frames_economic", "frames_economic_prob",
    ...                                     "frames_primary", "frames_n_present"]))
    ['frames_economic']
    """
    return [c for c in metrics.columns
            if c.startswith("frames_") and not c.startswith("frames_n_")
            and c != "frames_primary" and not c.endswith(("_share", "_density", "_prob"))]


def target_columns(metrics: pd.DataFrame, field: str = "tone") -> list[str]:
    """``sentiment_toward_<target>_<field>`` columns of a metrics table."""
    return [c for c in metrics.columns
            if c.startswith("sentiment_toward_") and c.endswith(f"_{field}")
            and not c.endswith(f"_{field}_zero_share")]


def target_coverage(metrics: pd.DataFrame, targets=None, *, by: str = "outlet") -> pd.DataFrame:
    """Per target and group, how many articles mention the target: what a mean of the tone
    toward it rests on (an article that does not mention it has no tone toward it, and is left
    out, not counted as 0).

    Returns a tidy DataFrame ``target, group, articles, mentioning, share, mentions``:
    ``articles`` scored (English; a text not scored has no count), ``mentioning`` those with a
    mention, ``share`` = mentioning / articles, ``mentions`` the mentions in them. ``targets``
    (name -> aliases) gives the targets and their order; by default every
    ``sentiment_toward_<target>_n_mentions`` column of ``metrics``.

    >>> m = pd.DataFrame({"outlet": ["A", "A", "B"],
    ...                   "sentiment_toward_NATO_n_mentions": [2, 0, 0]})
    >>> target_coverage(m).values.tolist()
    [['NATO', 'A', 2, 1, 0.5, 2], ['NATO', 'B', 1, 0, 0.0, 0]]
    """
    prefix, suffix = "sentiment_toward_", "_n_mentions"
    if targets:
        names = list(targets)
    else:
        names = [c[len(prefix):-len(suffix)] for c in metrics.columns
                 if c.startswith(prefix) and c.endswith(suffix)]
    rows = []
    for name in names:
        column = f"{prefix}{name}{suffix}"
        counts = (pd.to_numeric(metrics[column], errors="coerce") if column in metrics
                  else pd.Series(float("nan"), index=metrics.index))
        for group, values in counts.groupby(metrics[by], sort=True):
            scored = values.dropna()
            n, mentioning = len(scored), int((scored > 0).sum())
            rows.append({"target": name, "group": group, "articles": n,
                         "mentioning": mentioning, "share": mentioning / n if n else float("nan"),
                         "mentions": int(scored.sum())})
    return pd.DataFrame(rows, columns=["target", "group", "articles", "mentioning", "share",
                                       "mentions"])


def tone_toward_figure(toward: pd.DataFrame):
    """The chart of the outlets' tone toward each target (:func:`framing.compare.compare` over
    the ``sentiment_toward_<target>_tone`` columns), leaving out the targets no article
    mentions, which :func:`target_coverage_view` names below it: their panels were empty, and
    with only such targets the whole chart was. A note instead of a chart when no target is
    given or none is mentioned.

    >>> t = pd.DataFrame({"group": ["A", "B"] * 2, "estimate": [0.1, -0.2, None, None],
    ...                   "measure": ["sentiment_toward_X_tone"] * 2
    ...                              + ["sentiment_toward_Mars_tone"] * 2,
    ...                   "ci_low": [None] * 4, "ci_high": [None] * 4})
    >>> [a.text for a in tone_toward_figure(t).layout.annotations]
    ['Tone toward X']
    """
    from framing.plot import outlet_profile

    if toward is None or toward.empty:
        return preformatted("No targets given.")
    mentioned = toward.groupby("measure", sort=False)["estimate"].transform(
        lambda v: v.notna().any())
    if not mentioned.any():
        return preformatted("No article mentions any of the targets: there is no tone toward "
                            "them to chart (the table below counts the mentions).")
    return outlet_profile(toward[mentioned.astype(bool)])


def target_coverage_view(coverage: pd.DataFrame):
    """:func:`target_coverage` for a report: a note naming the targets no article mentions
    (check their aliases) and the groups that never mention a target (they have no point in
    the chart and no test: no tone, not a tone of 0), then a table of the articles that mention
    each target, per group ("12 of 40")."""
    import html

    from IPython.display import HTML

    if coverage is None or coverage.empty:
        return None
    parts = []
    by_target = coverage.groupby("target", sort=False)["mentioning"].sum()
    never = [str(t) for t, n in by_target.items() if n == 0]
    if never:
        parts.append(f"No article mentions {html.escape(_and_list(never))}: check the aliases "
                     "(<code>framing inspect ARTICLE --target ...</code> shows what they "
                     "match); a target never mentioned has no tone.")
    silent = coverage[(coverage["mentioning"] == 0) & ~coverage["target"].isin(never)]
    if len(silent):
        missing = "; ".join(f"{_and_list([str(t) for t in rows['target']])} by {group}"
                            for group, rows in silent.groupby("group", sort=False))
        parts.append("Never mentioned, so without a point in the chart and without a test "
                     f"(no tone, not a tone of 0): {html.escape(missing)}.")
    cells = coverage.assign(cell=[f"{m:,} of {n:,}" for m, n in
                                  zip(coverage["mentioning"], coverage["articles"])])
    wide = cells.pivot(index="group", columns="target", values="cell")
    wide = wide[list(dict.fromkeys(coverage["target"]))]
    wide.columns.name = None
    wide = wide.rename_axis("group").reset_index()
    parts.append("Articles that mention each target, of the group's scored articles:")
    return HTML("".join(f"<p>{p}</p>" for p in parts) + wide.to_html(index=False, escape=True))


def _and_list(items) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def followed_measures(measures, targets=None, field: str = "tone") -> list[str]:
    """``measures`` and, for each target, its ``sentiment_toward_<target>_<field>`` column (in
    the order given, each once): what a report follows when it is given targets.

    >>> followed_measures(["sentiment_tone"], {"Russia": ["Russia", "Moscow"]})
    ['sentiment_tone', 'sentiment_toward_Russia_tone']
    """
    toward = [f"sentiment_toward_{name}_{field}" for name in (targets or {})]
    return list(dict.fromkeys([*measures, *toward]))


def time_series_figures(series: pd.DataFrame, measures, *, events=None) -> list:
    """One chart per measure of an :func:`framing.compare.over_time` table, in the order
    given; a measure no dated article has a value of (a target no dated article mentions) gets
    a note saying so in its place, where :func:`framing.plot.time_series` would refuse a
    measure the table lacks."""
    from framing.plot import measure_label, time_series

    present = set(series["measure"]) if series is not None and not series.empty else None
    out = []
    for m in measures:
        if present is None or m in present:
            out.append(time_series(series, measure=m, events=events))
        else:
            what = ("mentions the target" if m.startswith("sentiment_toward_")
                    else "has a value of it")
            out.append(note(f"**{measure_label(m)}**: no dated article {what}, so there is no "
                            "time series to show."))
    return out


def coverage_table(metrics: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per group, the mean share of sentences each sentiment scorer left at exactly 0 (no word
    it knows: not scored, which is not neutral), to read beside the groups' mean scores.

    >>> m = pd.DataFrame({"outlet": ["A", "A", "B"], "sentiment_vader_zero_share": [0.5, 0.1, 0.2],
    ...                   "sentiment_textblob_zero_share": [0.4, 0.2, 0.6]})
    >>> coverage_table(m).round(2).values.tolist()
    [['A', 2, 0.3, 0.3], ['B', 1, 0.2, 0.6]]
    """
    names = {"sentiment_tone_zero_share": "tone: share of sentences at 0",
             "sentiment_vader_zero_share": "VADER: share of sentences at 0",
             "sentiment_textblob_zero_share": "TextBlob: share of sentences at 0"}
    cols = [c for c in names if c in metrics.columns]
    out = metrics.groupby(by, sort=True)[cols].mean().rename(columns=names)
    out.insert(0, "articles", metrics.groupby(by, sort=True).size())
    return out.reset_index()


#: The shipped sample corpus (in a checkout of the project) and its report settings.
SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "data" / "sample" / "articles.jsonl"


def report_settings(corpus="", store="", targets=None, events=None) -> tuple[dict, dict]:
    """The targets (``{name: [aliases]}``) and events (``{name: date}``) a report uses: those
    given; otherwise, for a report on the shipped sample corpus itself, the sample's own (its
    ``report.yaml``: the fictional alliance, adversary and summit); otherwise none, so that a real
    corpus never inherits the sample's invented names.

    >>> report_settings("my_corpus.jsonl")
    ({}, {})
    >>> sorted(report_settings(str(SAMPLE_CORPUS))[0])
    ['Ostrova', 'Veldania', 'the Compact']
    >>> report_settings(str(SAMPLE_CORPUS), targets={"NATO": ["NATO"]})[0]
    {'NATO': ['NATO']}
    """
    targets, events = dict(targets or {}), dict(events or {})
    if targets and events or store or not corpus:
        return targets, events
    try:
        is_sample = Path(corpus).resolve() == SAMPLE_CORPUS
    except OSError:
        is_sample = False
    settings = SAMPLE_CORPUS.with_name("report.yaml")
    if not is_sample or not settings.is_file():
        return targets, events
    import yaml

    sample = yaml.safe_load(settings.read_text(encoding="utf-8")) or {}
    return (targets or dict(sample.get("targets") or {}),
            events or {str(k): str(v) for k, v in (sample.get("events") or {}).items()})


def report_event(corpus="", store="", name: str = "", date: str = "") -> tuple[str, str]:
    """The one event a report contrasts before and after, as ``(name, date)``: the date given
    (named ``name``, or "event"), else the sample corpus's own (see :func:`report_settings`),
    else ``("", "")``.

    >>> report_event("my_corpus.jsonl", date="2016-11-08")
    ('event', '2016-11-08')
    >>> report_event("my_corpus.jsonl")
    ('', '')

    A name without a date is an :class:`~framing.errors.InputError` (it was dropped without a
    word; ``framing report`` refuses it before a run, a papermill run here).
    """
    from framing.errors import InputError

    if date:
        return name or "event", date
    if name:
        raise InputError(None, f"event_name {name!r} names the event at event_date, and none "
                         "is given", field="event_name", hint="give its date too")
    _, events = report_settings(corpus, store)
    return next(iter(events.items()), ("", ""))


def settings_line(targets: dict | None = None, events: dict | None = None, *,
                  codebook=None) -> str:
    """One heading line naming the targets, events and frame codebook a report uses (those
    given).

    >>> settings_line({"NATO": ["NATO", "the alliance"]}, {})
    'Tone toward: NATO · events: none'
    >>> settings_line(events={"election": "2016-11-08"}, codebook="models/mine.npz")
    'Frames: models/mine.npz (your trained model) · events: election (2016-11-08)'
    """
    parts = []
    if codebook is not None:
        parts.append(f"frames: {describe_codebook(codebook)}")
    if targets is not None:
        parts.append(f"tone toward: {', '.join(targets) or 'none (give targets)'}")
    if events is not None:
        parts.append("events: " + (", ".join(f"{n} ({d})" for n, d in events.items()) or "none"))
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


_PERIOD_WORDS = {"D": "daily", "W": "weekly", "M": "monthly", "Q": "quarterly", "Y": "yearly"}


def filters_line(*, outlets=None, start=None, end=None, period=None, window_days=None,
                 largest: dict | None = None) -> str:
    """One heading line naming the filters and settings that shape what a report compares;
    ``largest`` is ``articles.attrs.get("largest_outlets")`` of :func:`load_report_corpus`.

    >>> filters_line(outlets=["A", "B"], start="2018-01-01", period="M")
    'Outlets: A, B · dates: 2018-01-01 to (no end) · monthly means'
    >>> filters_line(largest={"kept": 20, "of": 491})
    'Outlets: the 20 with most articles, of 491 (max_outlets; list them with outlets)'
    >>> filters_line(largest={"kept": 8, "of": 65}, start="2019-01-01")  # doctest: +ELLIPSIS
    'Outlets: the 8 with most articles in the date range, of 65 with articles there (...'
    >>> filters_line()
    ''
    """
    parts = []
    if outlets:
        parts.append("outlets: " + ", ".join(map(str, outlets)))
    elif largest:
        # ranked by their articles in the date range (load_report_corpus): "of 65" counted
        # the outlets with articles there, beside "118 other outlets" in the loading summary
        ranged = " in the date range" if start or end else ""
        parts.append(f"outlets: the {largest['kept']} with most articles{ranged}, of "
                     f"{largest['of']:,}{' with articles there' if ranged else ''} "
                     "(max_outlets; list them with outlets)")
    if start or end:
        parts.append(f"dates: {start or '(no start)'} to {end or '(no end)'}")
    if period:
        parts.append(f"{_PERIOD_WORDS.get(period, period)} means")
    if window_days:
        parts.append(f"{window_days} days either side of the event")
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def sparse_periods_note(series: pd.DataFrame, period: str = "", undated=0, *,
                        left_out_of: str = "the time series", counted_elsewhere: bool = True):
    """A note when group-periods of an :func:`framing.compare.over_time` table hold fewer than
    :data:`framing.compare.MIN_N_INTERVAL` articles: they have no interval (no band), and when
    more than a quarter are so the lines jump, so a longer period would serve better; and how
    many ``undated`` articles the time series leaves out (a number, or counts per group, which
    are then named: one outlet's undated articles thin its series alone). ``left_out_of`` names
    the sections that leave them out, ``counted_elsewhere`` says whether other sections count
    them (not in a report whose every section is dated). None when there is nothing to say."""
    from framing.compare import MIN_N_INTERVAL

    parts = []
    if series is not None and not series.empty and "n" in series.columns:
        # the articles of each outlet-period: a measure of every article, not the tone toward
        # a target, which only the articles that mention it have (see _thin_target_series)
        toward = series["measure"].astype(str).str.startswith("sentiment_toward_")
        cells = series[~toward] if (~toward).any() else series
        cells = cells.drop_duplicates(["group", "period"])
        few_cells = cells[cells["n"] < MIN_N_INTERVAL]
        few = len(few_cells)
        # the outlets more than half of whose periods are thin, though the whole table is not: one small
        # outlet's line is then mostly means of one to four articles
        per_group = cells.assign(_few=cells["n"] < MIN_N_INTERVAL).groupby("group", sort=True)[
            "_few"].agg(["sum", "size"])
        thin = per_group[per_group["sum"] * 2 > per_group["size"]]
        if few and few * 4 <= len(cells):
            listed = ", ".join(f"{g} {pd.Timestamp(p).date()} (n={int(n)})" for g, p, n in
                               few_cells[["group", "period", "n"]].head(6).itertuples(index=False))
            more = f" and {few - 6} more" if few > 6 else ""
            parts.append(f"{few} of the {len(cells)} outlet-periods hold fewer than "
                         f"{MIN_N_INTERVAL} articles and are drawn without a band: {listed}{more}. "
                         "Read their means with care.")
            if len(thin):
                longer = {"D": "W or M", "W": "M or Q", "M": "Q or Y", "Q": "Y"}.get(
                    period, "a longer one")
                named = ", ".join(f"{g} ({int(r['sum'])} of its {int(r['size'])} periods)"
                                  for g, r in thin.iterrows())
                parts.append(f"**Mostly thin periods** for {named}: that line jumps between "
                             f"means of a few articles; a longer period pools more (period "
                             f"{longer}).")
        elif few:
            longer = {"D": "W or M", "W": "M or Q", "M": "Q or Y", "Q": "Y"}.get(period,
                                                                                  "a longer one")
            parts.append(f"**Few articles per period.** {few} of the {len(cells)} outlet-periods "
                         f"hold fewer than {MIN_N_INTERVAL} articles: they get no interval, and "
                         "their means jump from one period to the next. A longer period pools "
                         f"more articles (period {longer}).")
    toward = _thin_target_series(series)
    if toward:
        parts.append(toward)
    by_group = ""
    if isinstance(undated, pd.Series):
        counts = undated[undated > 0].sort_values(ascending=False, kind="stable")
        undated = int(counts.sum())
        by_group = ", ".join(f"{g} {int(n):,}" for g, n in counts.head(6).items())
        by_group = f": {by_group}{' and others' if len(counts) > 6 else ''}"
    if undated:
        elsewhere = " (and counted in every other section)" if counted_elsewhere else ""
        parts.append(f"{undated:,} undated article{'s are' if undated != 1 else ' is'} left out "
                     f"of {left_out_of}{by_group}{elsewhere}.")
    return note(" ".join(parts)) if parts else None


def _thin_target_series(series: pd.DataFrame | None) -> str:
    """How many outlet-periods of each tone-toward-target series hold fewer than
    :data:`framing.compare.MIN_N_INTERVAL` articles that mention the target: such a series rests
    on the mentioning articles only, far fewer than the articles counted above."""
    from framing.compare import MIN_N_INTERVAL
    from framing.plot import measure_label

    if series is None or series.empty or "n" not in series.columns:
        return ""
    toward = series[series["measure"].astype(str).str.startswith("sentiment_toward_")]
    counts = []
    for measure, cells in toward.groupby("measure", sort=False):
        few = int((cells["n"] < MIN_N_INTERVAL).sum())
        if few:
            counts.append(f"{measure_label(measure).removeprefix('Tone toward ')} {few} of "
                          f"{len(cells)}")
    if not counts:
        return ""
    return ("The tone toward a target rests on the articles that mention it, fewer than those "
            f"counted above; outlet-periods with fewer than {MIN_N_INTERVAL} of them, drawn "
            f"without a band: {', '.join(counts)}.")


def event_note(metrics: pd.DataFrame, events: dict | None, *, window_days=None,
               date_col: str = "date"):
    """A note for each event without dated articles on one side, whose before/after contrast is
    therefore empty; None when every event has articles on both. (Not a logged warning: in a
    kernel that would print as an error block in the report.)"""
    if not events:
        return None
    dates = pd.to_datetime(metrics[date_col], errors="coerce").dropna()
    if dates.dt.tz is not None:
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    span = (f"the dated articles run from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"
            if len(dates) else "no article is dated")
    lines = []
    for name, day in events.items():
        event = pd.Timestamp(day)
        near = dates
        if window_days:  # the window of framing.compare.before_after: both end days included
            near = dates[(dates >= event - pd.Timedelta(days=window_days))
                         & (dates < event + pd.Timedelta(days=window_days + 1))]
        before, after = int((near < event).sum()), int((near >= event).sum())
        if before and after:
            continue
        side = "before or after" if not (before or after) else ("before" if not before else "after")
        window = f" within {window_days} days" if window_days else ""
        lines.append(f"- **{name} ({day})**: no articles {side} it{window} ({span}); its "
                     "before/after contrast is empty.")
    return note("**Events without articles on both sides.**\n\n" + "\n".join(lines),
                when=bool(lines))


#: The framing checkout (the folder holding ``notebooks/``, ``data/`` and ``docs/``).
PROJECT_ROOT = SAMPLE_CORPUS.parents[2]


def project_path(path):
    """``path`` as given when it exists from the working folder, else from the framing checkout
    when it exists there: JupyterLab runs a notebook in ``notebooks/``, so the parameters'
    project-relative defaults ("data/sample/articles.jsonl") are found either way. Empty or
    absent paths come back unchanged.

    >>> Path(project_path("data/sample/articles.jsonl")).is_file()  # from any working folder
    True
    """
    if not path or Path(path).is_absolute() or Path(path).exists():
        return path
    candidate = PROJECT_ROOT / path
    return str(candidate) if candidate.exists() else path


def is_sample_file(path) -> bool:
    """Whether ``path`` is one of the shipped sample files (``data/sample/`` of the checkout).

    >>> is_sample_file(SAMPLE_CORPUS), is_sample_file("my_coding.csv")
    (True, False)
    """
    try:
        return bool(path) and Path(project_path(path)).resolve().parent == SAMPLE_CORPUS.parent
    except OSError:
        return False


def note(text: str, *, when: bool = True):
    """A paragraph of explanation (Markdown) in a report, shown only ``when`` it applies: a
    notebook's Markdown cells cannot depend on its parameters."""
    if not when:
        return None
    from IPython.display import Markdown

    return Markdown(text)


def vocabulary_gaps_note(terms: pd.DataFrame, articles: pd.DataFrame, *, min_docs: int = 3,
                         by: str = "outlet"):
    """A note naming the outlets the distinctive-vocabulary chart leaves out because none of
    their words passed ``min_docs`` (an outlet of one or two articles never can), with their
    article counts; None when every outlet of ``articles`` has a term in ``terms``.

    >>> arts = pd.DataFrame({"outlet": ["A", "A", "A", "B"]})
    >>> terms = pd.DataFrame({"group": ["A"], "term": ["war"]})
    >>> vocabulary_gaps_note(terms, arts).data
    '<p><strong>Not in the vocabulary chart:</strong> B (1 article): no word is used in 3 or more of its articles.</p>'
    """
    import html

    from IPython.display import HTML

    counts = articles[by].dropna().value_counts()
    shown = set(terms["group"]) if "group" in terms.columns else set()
    missing = [(g, int(n)) for g, n in sorted(counts.items(), key=lambda x: str(x[0]))
               if g not in shown]
    if not missing:
        return None
    named = ", ".join(f"{g} ({n:,} article{'s' if n != 1 else ''})" for g, n in missing)
    whose = "its" if len(missing) == 1 else "their"
    # outlet names are data: escaped, not read as Markdown or HTML
    return HTML(f"<p><strong>Not in the vocabulary chart:</strong> {html.escape(named)}: no "
                f"word is used in {min_docs} or more of {whose} articles.</p>")


def vocabulary_stop_words(articles: pd.DataFrame, extra=(), *, by: str = "outlet") -> frozenset:
    """Stop words for a report's distinctive vocabulary: the English function words, the words
    of the outlets' own names (an outlet naming itself, "CNN", "Fox News", says nothing about
    its framing), and ``extra`` (e.g. web-page words such as "caption" or "newsletters").

    >>> sw = vocabulary_stop_words(pd.DataFrame({"outlet": ["Fox News", "CNN (Web News)"]}))
    >>> {"fox", "cnn", "web", "the"} <= sw, "economy" in sw
    (True, False)
    """
    from framing.text import tokenize
    from framing.vocabulary import stop_word_set

    names = {t.lower() for outlet in articles[by].dropna().astype(str).unique()
             for t in tokenize(outlet) if t[:1].isalnum()}
    return stop_word_set("english") | names | {str(w).lower() for w in extra}


def scoring_note(metrics: pd.DataFrame) -> str:
    """One line on what was scored: articles, columns, and how many the English lexicons and
    codebooks left unscored because they do not look English.

    >>> scoring_note(pd.DataFrame({"hedging_english": [True, False, True], "x": [1, 2, 3]}))
    '3 articles; 1 not English, left unscored (its measures are missing); 2 columns'
    """
    flags = [c for c in metrics.columns if str(c).endswith("_english")]
    n_other = int(metrics[flags].eq(False).any(axis=1).sum()) if flags else 0
    other = (f"; {n_other} not English, left unscored ({'its' if n_other == 1 else 'their'} "
             "measures are missing)" if n_other else "")
    return f"{len(metrics)} articles{other}; {metrics.shape[1]} columns"


def english_articles(articles: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """The articles the measure families scored as English (for analyses of the words, such as
    distinctive vocabulary, that would otherwise mix languages). Matched on ``article_hash``
    when both tables have it, else on ``id``."""
    flags = [c for c in metrics.columns if str(c).endswith("_english")]
    if not flags:
        return articles
    key = "article_hash" if "article_hash" in metrics and "article_hash" in articles else "id"
    other = set(metrics.loc[metrics[flags].eq(False).any(axis=1), key])
    return articles[~articles[key].isin(other)]


def exemplar_passages(articles: pd.DataFrame, family: str, *, labels=None, voices=None,
                      by: str = "outlet", k: int = 2, direction: str = "high", evidence=None,
                      **options) -> pd.DataFrame:
    """Top sentences per group for one measure family, with their evidence.

    Each article is scored again with the family's ``score`` (and ``options``) to get its
    evidence, unless ``evidence`` gives it: the family's entry of
    :func:`framing.exemplars.article_evidence` for these articles (a Series with their index),
    which a report computes once, in worker processes, for all its exemplar sections and its
    speakers table; the passages are the same. Sentences are ranked by how much evidence of
    ``labels`` (in ``voices``, e.g. ``{"journalist"}``, when given) they hold.
    """
    import importlib

    from framing.analyze import FAMILIES
    from framing.exemplars import sentence_rows, top_passages

    if evidence is None:
        module = importlib.import_module(FAMILIES[family])
        evidence = [module.score(t, **options).evidence if isinstance(t, str) else ()
                    for t in articles["text"]]
    else:
        if options:
            raise ValueError(f"options {sorted(options)} change the scoring; with evidence= the "
                             "articles are not scored here: pass them to article_evidence")
        wrong = {getattr(e, "family", family) for e in evidence if e is not None} - {family}
        if wrong:
            raise ValueError(f"evidence= holds the evidence of {min(wrong)!r}, not of "
                             f"{family!r}: pass article_evidence(...)[{family!r}]")
    rows = sentence_rows(articles, evidence, measure=family, by=by, labels=labels, voices=voices)
    if rows.empty:
        return rows
    return top_passages(rows, k=k, direction=direction)


def show_passages(passages: pd.DataFrame, *, score_label: str | None = None):
    """Exemplar passages as HTML: group, article id and the sentence with evidence highlighted;
    with ``score_label`` (e.g. ``"tone"``) also each sentence's score."""
    from IPython.display import HTML

    if passages is None or passages.empty:
        return HTML("<p><em>No passages.</em></p>")
    parts = []
    for _, row in passages.iterrows():
        evidence = row.get("evidence") or ()
        voice = _VOICE_NOTE.get(frozenset(_get(e, "voice") for e in evidence) - {"", None}, "")
        parts.append(_passage_html(row, evidence, voice, score_label))
    return HTML("".join(parts))


def _passage_html(row, evidence, voice: str, score_label: str | None) -> str:
    import html

    from framing.plot import article_view

    view = article_view(row["sentence"], evidence)
    score = "" if score_label is None else f" · {html.escape(score_label)} {row['score']:+.2f}"
    return (f"<div style='margin:.6em 0'><strong>{html.escape(str(row['group']))}</strong>"
            f" <span style='color:#777'>({html.escape(str(row['article']))}{voice}"
            f"{score})</span>{view.html}</div>")


def _quoted_mentions_note(evidence) -> str:
    """Whether a target passage's mentions stand inside a direct quotation: all of them ("inside
    a quotation"), some ("1 of 2 mentions inside a quotation") or none ("")."""
    voices = [_get(e, "voice") for e in evidence if _get(e, "label") == "target"]
    quoted = sum(v == "quoted" for v in voices)
    if not quoted:
        return ""
    if quoted == len(voices):
        return " · inside a quotation"
    return f" · {quoted} of {len(voices)} mentions inside a quotation"


_DIRECTIONS = ("most negative", "most positive")


def show_target_passages(passages: pd.DataFrame, *, coverage: pd.DataFrame | None = None):
    """The sentences of :func:`framing.exemplars.target_passages` as HTML: per target, each
    group's most negative and most positive sentences toward it (in that order), with the tone
    toward the target, the mentions (blue) and the words that carried the tone (green for, red
    against) highlighted, and whether the mentions stand inside a direct quotation (all of
    them, or how many). With ``coverage`` (:func:`target_coverage` of the same articles), a
    target no article mentions is named with its section, and so are the groups that never
    mention a target, rather than left out without a word."""
    import html

    from IPython.display import HTML

    order = list(dict.fromkeys(coverage["target"])) if coverage is not None else []
    if passages is not None and not passages.empty:
        order += [t for t in dict.fromkeys(passages["measure"]) if t not in order]
    if not order or ((passages is None or passages.empty) and coverage is None):
        return HTML("<p><em>No sentence mentions a target.</em></p>")
    parts = []
    for target in order:
        parts.append(f"<h3>{html.escape(str(target))}</h3>")
        if coverage is not None:
            of_coverage = coverage[coverage["target"] == target]
            if not of_coverage["mentioning"].sum():
                parts.append("<p><em>No article mentions it.</em></p>")
                continue
            never = [str(g) for g in of_coverage.loc[of_coverage["mentioning"] == 0, "group"]]
            if never:
                parts.append(f"<p><em>{html.escape(_and_list(never))} never "
                             f"mention{'s' if len(never) == 1 else ''} it.</em></p>")
        of_target = (passages[passages["measure"] == target] if passages is not None
                     and not passages.empty else passages)
        if of_target is None or of_target.empty:
            continue
        directions = [d for d in _DIRECTIONS if d in set(of_target["direction"])]
        directions += [d for d in dict.fromkeys(of_target["direction"]) if d not in directions]
        for direction in directions:
            rows = of_target[of_target["direction"] == direction]
            parts.append(f"<h4>{html.escape(str(direction))}</h4>")
            label = f"tone toward {target}"
            parts.extend(_passage_html(row, row.get("evidence") or (),
                                       _quoted_mentions_note(row.get("evidence") or ()), label)
                         for _, row in rows.iterrows())
    return HTML("".join(parts))


#: Whose words an exemplar's evidence is in, as shown next to the passage.
_VOICE_NOTE = {frozenset({"journalist"}): " · the journalist's own words",
               frozenset({"quoted"}): " · inside a quotation",
               frozenset({"reported"}): " · in reported speech (a source's claim in the "
                                        "journalist's wording)",
               frozenset({"journalist", "quoted"}): " · the journalist's words and a quotation",
               frozenset({"journalist", "reported"}): " · the journalist's words and reported "
                                                      "speech",
               frozenset({"quoted", "reported"}): " · a quotation and reported speech",
               frozenset({"journalist", "quoted", "reported"}): " · the journalist's words, "
                                                                "reported speech and a quotation"}


def _get(item, key: str):
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def describe_codebook(codebook="policy") -> str:
    """What a report's frames were measured with, in words.

    >>> describe_codebook("policy"), describe_codebook("models/mine.npz")
    ('policy (shipped codebook)', 'models/mine.npz (your trained model)')
    """
    from framing.frames import shipped_codebooks

    if codebook is None or str(codebook) in shipped_codebooks():
        return f"{codebook or 'policy'} (shipped codebook)"
    kind = "your trained model" if str(codebook).endswith(".npz") else "your codebook"
    return f"{codebook} ({kind})"


#: What the outlet comparison report computes, section by section, for its Methods table: the
#: estimate, the interval, the test and the family each correction runs over. Keep it in step
#: with ``framing.compare``, ``framing.summary`` and ``framing.vocabulary`` (checked against
#: independent recomputations in docs/reports.md, "A methods reviewer's audit").
OUTLET_COMPARISON_STATISTICS = {
    "outlet means (outlet_profiles, tone_toward_targets)":
        "mean per article over the outlet's articles with a value; 95% percentile bootstrap "
        "over articles within the outlet (n_boot resamples); no interval with fewer than 5 "
        "articles or all values equal (ci_note); with few articles it is too narrow (in "
        "simulation it covered 84% of normal samples of 5 articles, 93% of 16, 95% of 110)",
    "outlets differ at all (omnibus_tests)":
        "Kruskal-Wallis H, dof = outlets - 1; epsilon-squared = H / (n - 1); Holm over the "
        "measures of the table",
    "pairs of outlets (pairwise_tests, tone_toward_pairwise)":
        "Mann-Whitney U, two-sided, and Cliff's delta; Holm over the pairs of each measure; "
        "difference and ratio of means with 95% percentile bootstrap intervals (none where an "
        "outlet has fewer than 5 articles or all values equal)",
    "frame prevalence (frame_profile)":
        "share of the outlet's articles with the frame; 95% Wilson interval",
    "frame presence across outlets (frame_presence_tests)":
        "Pearson chi-square on outlets x present/absent, no continuity correction, and "
        "Cramer's V; Holm over the frames; approximate where min_expected is below 5",
    "frame presence, pairs (frame_presence_pairwise)":
        "pooled two-proportion z-test, or Fisher's exact test where an expected count of the "
        "pair's 2 x 2 table is below 5 (column test); Holm over the pairs of each frame; "
        "Newcombe interval of the difference, log-adjusted interval of the ratio, Cohen's h",
    "summary of supported differences (summary)":
        "Holm over every pairwise test above at once (measures, tone toward targets, frames); "
        "a difference is stated only when that p is below 0.05, the 95% interval of the quoted "
        "ratio or difference excludes no difference and the ranks point the same way",
    "over time (over_time)":
        "mean per outlet and period (day, week from Monday, calendar month, quarter or year); "
        "95% percentile bootstrap; no "
        "interval with fewer than 5 articles or all values equal",
    "before and after events (before_after)":
        "difference of means after - before (the event day counts as after) with a 95% "
        "percentile bootstrap interval (none where a side has fewer than 5 articles or all "
        "values equal); Mann-Whitney U and Cliff's delta; Holm over the outlets of each "
        "measure and event",
    "distinctive vocabulary (distinctive_terms)":
        "log-odds ratio of each word in an outlet against all other outlets pooled, with an "
        "informative Dirichlet prior equal to the compared outlets' own word counts (alpha_0 = "
        "all their words), as z = log-odds / se (Monroe, Colaresi & Quinn 2008, eq. 16 and "
        "20); not corrected for the many words",
    "a column's mix held constant (adjusted_means, adjusted_tests)":
        "direct standardization to the pooled mix of the values every outlet has adjust_min_n "
        "(default 5) articles in, 95% percentile bootstrap within outlet x value; OLS with and without "
        "fixed effects, Wald F with HC3 errors (frames as a linear probability model), Holm "
        "over the measures; no test where the robust variance is singular (note)",
}


def outlet_comparison_statistics(*, adjust_for: str = "", events=None) -> dict:
    """:data:`OUTLET_COMPARISON_STATISTICS` for one run: the before/after row only with
    ``events``, the adjustment row only with ``adjust_for`` (naming the column), so the Methods
    table describes no section the report does not have.

    >>> rows = outlet_comparison_statistics()
    >>> any(k.startswith("before and after") for k in rows), len(rows)
    (False, 9)
    >>> list(outlet_comparison_statistics(adjust_for="topic", events={"x": "2024-01-01"}))[-1]
    "topic's mix held constant (adjusted_means, adjusted_tests)"
    """
    rows = {}
    for section, text in OUTLET_COMPARISON_STATISTICS.items():
        if section.startswith("before and after") and not events:
            continue
        if section.startswith("a column's mix"):
            if not adjust_for:
                continue
            section = section.replace("a column's", f"{adjust_for}'s")
        rows[section] = text
    return rows


def methods_table(measures, *, codebook="policy", targets=None, settings=None,
                  corpus_info=None, statistics=None, toward_encoder: bool = False) -> pd.DataFrame:
    """What a report ran with, to reproduce it: versions of every measure family used (code +
    lexicon/codebook/model hash), the frame codebook or model by name, the targets of tone toward
    targets with their aliases and the model that scored the tone toward them
    (:func:`toward_model`; ``toward_encoder`` as in :func:`framing.analyze`), the run's
    ``settings`` (bootstrap resamples, seed, period,
    filters: every value, defaults included), what each section computed (``statistics``:
    ``{section: estimate, interval, test and correction}``, e.g.
    :func:`outlet_comparison_statistics`; rows ``statistics: <section>``), the corpus
    (``corpus_info`` of :meth:`ReportContext.corpus`: source, size and content fingerprint), the
    packages' versions, Python's, and the framing checkout's commit when it is a git
    checkout."""
    import platform

    from framing.analyze import family_versions
    from framing.runs import framing_commit, versions

    rows = [{"component": f"framing.{family}", "version": version}
            for family, version in family_versions(measures, codebook=codebook, targets=targets,
                                                   toward_encoder=toward_encoder).items()]
    if "frames" in families_of(measures):
        rows.append({"component": "frames measured with", "version": describe_codebook(codebook)})
    if targets:
        rows.append({"component": "tone toward targets",
                     "version": json.dumps(targets, ensure_ascii=False)})
        if "sentiment" in families_of(measures):
            rows.append({"component": "tone toward targets measured with",
                         "version": toward_model(toward_encoder)})
    for name, value in (settings or {}).items():
        rows.append({"component": f"setting: {name}",
                     "version": json.dumps(value, ensure_ascii=False, default=str)})
    for section, text in (statistics or {}).items():
        rows.append({"component": f"statistics: {section}", "version": text})
    if corpus_info:
        rows.append({"component": "corpus",
                     "version": f"{corpus_info.get('source')}: "
                                f"{_count(int(corpus_info.get('articles') or 0), 'article')}, "
                                f"{_count(int(corpus_info.get('outlets') or 0), 'outlet')}, "
                                f"SHA-256 of the texts "
                                f"{str(corpus_info.get('fingerprint_sha256'))[:16]}"})
    rows += [{"component": package, "version": version}
             for package, version in versions().items()]
    rows.append({"component": "python", "version": platform.python_version()})
    commit = framing_commit()
    if commit:
        rows.append({"component": "framing checkout", "version": commit})
    return pd.DataFrame(rows)


def toward_model(toward_encoder: bool = False) -> str:
    """Which model scored the tone toward targets, in words (``toward_encoder`` as in
    :func:`framing.analyze`), for a report's methods.

    >>> toward_model()
    'the word model (framing.sentiment.toward)'
    """
    if toward_encoder:
        return ("the word model mixed with the encoder part (toward_encoder: a model over the "
                "vectors of the all-MiniLM-L6-v2 encoder, framing.encoder)")
    return "the word model (framing.sentiment.toward)"


_RELATIVE_LINK_RE = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|#|/)([^)\s]+)\)", re.IGNORECASE)


def validity_summary(path="docs/validity.md", *, codebook="policy", copy_to=None,
                     toward_encoder: bool = False):
    """The validity figures documented in ``docs/validity.md`` (as Markdown), if the file exists
    (a relative path is looked up in the working folder, then in the framing checkout).

    Its links to the other pages (``validity_hedging.md``) lead to those files: with
    ``copy_to`` (a report's run folder) the pages are copied into its ``validity/`` folder and
    linked relatively, so the links work wherever the folder is shared; without it they become
    links to the checkout's files. With a ``codebook`` other than a shipped one, a note first
    says that the frames figures are the shipped codebooks', not those of the one used (with
    ``generic``, that they are the policy codebook's, the generic one having none); with
    ``toward_encoder``, one says that the tone toward targets was scored with the encoder
    part."""
    from IPython.display import Markdown

    # a report run from another folder (cron, JupyterLab, a project of one's own): the checkout's
    p = Path(project_path(path))
    if not p.is_file():
        return Markdown(f"*No validity document at `{path}`.*")
    base = p.resolve().parent

    def link(m):
        target = (base / m.group(1)).resolve()
        if copy_to is None or not target.is_file():
            return f"]({target.as_uri()})"
        folder = Path(copy_to) / "validity"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, folder / target.name)
        return f"](validity/{target.name})"

    text = _RELATIVE_LINK_RE.sub(link, p.read_text(encoding="utf-8"))
    used = describe_codebook(codebook)
    if not used.endswith("(shipped codebook)"):
        text = (f"> **Frames were measured with {used}.** The frames figures below are those of "
                "the shipped codebooks; how well yours agrees with human coding is measured by "
                "`framing validate frames gold.csv --label-col frames --codebook "
                f"{codebook}` on coding it was not built or trained on.\n\n" + text)
    elif str(codebook or "policy") != "policy":  # generic: the table's frames rows are policy's
        text = (f"> **Frames were measured with {used}.** The frames figures below are the "
                "policy codebook's: no data set here codes the generic frames, and only two of "
                "them have a proxy check (docs/validity_frames.md, \"Session 14: codebook 1.4 "
                "(generic)\"). Validate it on "
                "your own coding: `framing validate frames gold.csv --label-col frames "
                f"--codebook {codebook}`.\n\n" + text)
    if toward_encoder:
        text = (f"> **The tone toward targets was measured with {toward_model(True)}.** The "
                "figures below of the tone toward a target are the word model's unless they "
                "name the encoder.\n\n" + text)
    return Markdown(text)


def supported_pairs(pairs: pd.DataFrame, *, alpha: float = 0.05, digits: int = 3) -> pd.DataFrame:
    """The pairwise differences with Holm-corrected p below ``alpha``, largest effects first,
    in the columns a reader needs (measure, the two groups, their means, difference with its
    interval, Cliff's delta, p), and ``diff_ci_excludes_0``: whether the interval of the
    difference of means leaves out 0. The test compares ranks (one group's values tend to be
    larger), the interval means; with skewed measures (densities, counts) they can disagree,
    and such a pair is better read as "tends to be larger" than as "has a larger mean". None
    where a group is too small for an interval (:data:`framing.compare.MIN_N_INTERVAL`) or its
    values are all equal, with ``ci_note`` saying which (shown when any pair has no interval)."""
    columns = [c for c in ("measure", "group_a", "group_b", "mean_a", "mean_b", "difference",
                           "diff_ci_low", "diff_ci_high", "cliffs_delta", "magnitude", "p_holm")
               if c in pairs.columns]
    kept = pairs[pairs["p_holm"] < alpha]
    if "cliffs_delta" in kept.columns:
        kept = kept.reindex(kept["cliffs_delta"].abs().sort_values(ascending=False).index)
    out = kept[columns].round(digits).reset_index(drop=True)
    if {"diff_ci_low", "diff_ci_high"} <= set(kept.columns):
        excludes = ((kept["diff_ci_low"] > 0) | (kept["diff_ci_high"] < 0)).astype(object)
        excludes[kept["diff_ci_low"].isna() | kept["diff_ci_high"].isna()] = None  # no interval
        out["diff_ci_excludes_0"] = excludes.to_numpy()
    if "ci_note" in kept.columns and (kept["ci_note"].fillna("") != "").any():
        out["ci_note"] = kept["ci_note"].to_numpy()
    return out


def supported_pairs_view(pairs: pd.DataFrame, *, top: int = 25, alpha: float = 0.05,
                         table: str = "pairwise_tests"):
    """:func:`supported_pairs` for a report: how many pairwise tests survive Holm correction,
    how large their effects are (Cliff's delta, by magnitude), and a table of the ``top``
    largest only. With thousands of articles nearly every pair of outlets differs
    "significantly", often negligibly, and a table of every such pair (hundreds or thousands of
    rows for twenty outlets and a dozen measures) cannot be read; every test stays in the run's
    ``tables/<table>.csv``.

    >>> p = pd.DataFrame({"measure": ["x"] * 3, "group_a": ["A", "A", "B"],
    ...                   "group_b": ["B", "C", "C"], "cliffs_delta": [0.05, -0.6, 0.2],
    ...                   "magnitude": ["negligible", "large", "small"],
    ...                   "p_holm": [0.001, 0.0001, 0.2]})
    >>> "2 of the 3 pairwise tests" in supported_pairs_view(p, top=1).data
    True
    """
    import html

    from IPython.display import HTML

    supported = supported_pairs(pairs, alpha=alpha)
    tested = int(pairs["p_holm"].notna().sum()) if "p_holm" in pairs else len(pairs)
    if not tested:  # "no pair differs" would claim a result where nothing could be tested
        return note("No pair of outlets could be tested: no two outlets both have articles "
                    "with a value (for the tone toward a target: articles that mention it).")
    if not len(supported):
        return note(f"No pair of outlets differs on these measures after Holm correction "
                    f"({tested:,} pairwise test{'s' if tested != 1 else ''}).")
    text = (f"{len(supported):,} of the {tested:,} pairwise tests have a Holm-corrected p below "
            f"{alpha:g}.")
    if "magnitude" in supported:
        counts = supported["magnitude"].value_counts()
        sizes = [f"{int(counts[m]):,} {m}" for m in ("large", "medium", "small", "negligible")
                 if counts.get(m)]
        text += (" Their effect sizes (Cliff's delta): " + ", ".join(sizes) + ".")
        negligible = int(counts.get("negligible", 0))
        if negligible * 4 >= len(supported):
            text += (f" {negligible:,} {'is' if negligible == 1 else 'are'} significant but "
                     "negligible (|delta| < 0.147): "
                     "with many articles a test detects differences too small to matter, so "
                     "read the effect size, not the p-value.")
    if len(supported) > top:
        text += (f" The {top} largest effects are shown; every test is in "
                 f"tables/{table}.csv.")
    return HTML(f"<p>{html.escape(text)}</p>" + show(supported.head(top)).to_html())


def families_of(measures) -> list[str]:
    """The measure families that produce the given ``<family>_<field>`` columns.

    >>> families_of(["sentiment_tone", "hedging_hedge_density", "sentiment_vader_compound"])
    ['sentiment', 'hedging']
    """
    from framing.analyze import FAMILIES

    out = []
    for m in measures:
        family = m.split("_", 1)[0]
        if family not in FAMILIES:
            raise ValueError(f"{m!r} is not a <family>_<field> column of a measure family "
                             f"({', '.join(FAMILIES)})")
        if family not in out:
            out.append(family)
    return out


def before_after_table(metrics: pd.DataFrame, measures, event_date, *, by: str = "outlet",
                       window_days=None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """:func:`framing.compare.before_after` for several measures, stacked into one table.

    A measure no dated article has a value of (a target no dated article mentions) is left out:
    its rows held nothing but "no article with a value" on both sides for every outlet, and
    :func:`time_series_figures` names it in the report. (A measure with dated values only
    outside ``window_days`` keeps its rows, whose ``ci_note`` says so.)

    >>> m = pd.DataFrame({"outlet": ["A"] * 4, "date": pd.date_range("2024-01-01", periods=4),
    ...                   "x": [1.0, 2.0, 3.0, 4.0], "sentiment_toward_Mars_tone": [None] * 4})
    >>> before_after_table(m, ["x", "sentiment_toward_Mars_tone"], "2024-01-03", n_boot=10)[
    ...     "measure"].tolist()
    ['x']
    """
    from framing.compare import _dates, before_after

    dated = _dates(metrics, "date").notna() if "date" in metrics else \
        pd.Series(True, index=metrics.index)  # before_after names the missing column
    measured = [m for m in measures if m not in metrics or metrics.loc[dated, m].notna().any()]
    parts = [before_after(metrics, by, m, event_date, window_days=window_days, n_boot=n_boot,
                          seed=seed) for m in measured]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def event_contrasts(metrics: pd.DataFrame, measures, events: dict | None, *, by: str = "outlet",
                    window_days=None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """:func:`before_after_table` for every event of ``{name: date}``, stacked, with an
    ``event`` column; an empty table without events."""
    parts = [before_after_table(metrics, measures, date, by=by, window_days=window_days,
                                n_boot=n_boot, seed=seed).assign(event=name)
             for name, date in (events or {}).items()]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def article_text(articles: pd.DataFrame, row: int) -> str:
    """The text of the article in row ``row`` (0-based), with a clear error for a row the corpus
    does not have.

    >>> article_text(pd.DataFrame({"text": ["One.", "Two."]}), 1)
    'Two.'
    """
    from framing.errors import InputError

    if not 0 <= int(row) < len(articles):
        raise InputError(None, f"no article in row {row}: the corpus has {len(articles)} "
                               f"(rows 0 to {len(articles) - 1})",
                         field="article", hint="choose a row in that range (-p article N)")
    return str(articles["text"].iloc[int(row)])


def _frame_name(frame: str) -> str:
    """A frame as the user wrote it, as its column is named without ``frames_``.

    >>> _frame_name("Security and Defense"), _frame_name("frames_security-and-defense")
    ('security_and_defense', 'security_and_defense')
    """
    return "_".join(frame.lower().replace("-", " ").replace("_", " ").split()).removeprefix(
        "frames_")


def filter_articles(metrics: pd.DataFrame, *, frame: str | None = None,
                    min_hedge_density: float = 0.0, max_tone: float = 1.0) -> pd.DataFrame:
    """Articles whose measures pass the thresholds; ``frame`` keeps those where it is present
    (names matched case- and separator-insensitively, with or without the column's ``frames_``
    prefix: ``security and defense`` or ``frames_security_and_defense``). A frame the codebook
    lacks is an :class:`~framing.errors.InputError` listing those it has.

    >>> m = pd.DataFrame({"frames_security_and_defense": [1, 0], "frames_primary": ["x", "y"]})
    >>> len(filter_articles(m, frame="frames_security_and_defense"))
    1
    """
    from framing.errors import InputError

    kept = metrics
    if frame:
        wanted = "frames_" + _frame_name(frame)
        present = frame_columns(metrics)
        if wanted not in present:  # not frames_primary, frames_n_present, ...
            raise InputError(None, f"no frame {frame!r} in the codebook", field="frame",
                             hint="its frames: " + ", ".join(
                                 c.removeprefix("frames_") for c in present))
        kept = kept[kept[wanted] == 1]
    if min_hedge_density and "hedging_hedge_density" in kept:
        kept = kept[kept["hedging_hedge_density"] >= min_hedge_density]
    if max_tone < 1.0 and "sentiment_tone" in kept:
        kept = kept[kept["sentiment_tone"] <= max_tone]
    return kept


def open_article(articles: pd.DataFrame, article_id: str, *, codebook="policy", targets=None,
                 toward_encoder: bool = False):
    """One article with the evidence of every measure family highlighted (``targets``,
    ``toward_encoder``: as in :func:`framing.inspect.inspect_text`)."""
    from framing.errors import InputError
    from framing.inspect import _evidence, inspect_text
    from framing.plot import article_view

    match = articles[articles["id"].astype(str) == str(article_id)]
    if match.empty:
        raise InputError(None, f"no article with id {article_id!r}", field="id")
    row = match.iloc[0]
    report = inspect_text(row["text"], codebook=codebook, targets=targets,
                          toward_encoder=toward_encoder)
    evidence = _evidence(report)
    title = f"{row['outlet']} · {row['date'].date() if pd.notna(row['date']) else 'undated'} · {row['title'] or ''}"
    return article_view(row["text"], evidence, title=title, colors=evidence_colors(evidence))


#: Backgrounds for frame names in an article view: blues, violets, oranges, pinks and greys, so
#: that no frame looks like positive (green) or negative (red) tone or a hedge (yellow).
FRAME_HIGHLIGHTS = ["#bfdbfe", "#e9d5ff", "#fed7aa", "#a5f3fc", "#f5d0fe", "#e5e7eb", "#c7d2fe",
                    "#ddd6fe", "#bae6fd", "#fbcfe8", "#d6d3d1"]


def evidence_colors(evidence) -> dict[str, str]:
    """One background per evidence label for :func:`framing.plot.article_view`: the kinds of
    evidence as ``framing inspect --html`` colours them (green and red only for positive and
    negative tone), and the frames from :data:`FRAME_HIGHLIGHTS`.

    >>> evidence_colors([{"label": "positive"}, {"label": "economic"}, {"label": "hedge"}])
    {'economic': '#bfdbfe', 'hedge': '#fff3bf', 'positive': '#b2f2bb'}
    """
    from framing.inspect import _BACKGROUNDS

    labels = sorted({str(e["label"]) for e in evidence})
    others = [label for label in labels if label not in _BACKGROUNDS]
    colors = {label: FRAME_HIGHLIGHTS[i % len(FRAME_HIGHLIGHTS)] for i, label in enumerate(others)}
    colors.update({label: _BACKGROUNDS[label] for label in labels if label in _BACKGROUNDS})
    return dict(sorted(colors.items()))


def filtered_line(chosen: pd.DataFrame, metrics: pd.DataFrame, *, shown: int = 20) -> str:
    """How many articles pass the explorer's filters, and how many of them its table lists.

    >>> filtered_line(pd.DataFrame({"id": range(26)}), pd.DataFrame({"id": range(80)}))
    '26 of 80 articles pass the filters; the first 20 (by outlet and date) are listed'
    """
    text = f"{len(chosen):,} of {_count(len(metrics), 'article')} pass the filters"
    if len(chosen) > shown:  # "26 pass" over a table of 20 left the reader looking for 6
        text += f"; the first {shown:,} (by outlet and date) are listed"
    return text


def open_chosen(articles: pd.DataFrame, chosen: pd.DataFrame, article_id: str = "", *,
                codebook="policy", targets=None, toward_encoder: bool = False):
    """The article ``article_id`` if given, else the first of ``chosen`` (the rows of a filtered
    metrics table); when the filters left none, a note saying so rather than some other article.

    >>> chosen = pd.DataFrame({"id": []})
    >>> print(open_chosen(pd.DataFrame({"id": ["a1"]}), chosen).data)  # doctest: +ELLIPSIS
    <pre...>No article passes the filters: loosen them, or set article_id.</pre>
    """
    if article_id:
        return open_article(articles, article_id, codebook=codebook, targets=targets,
                            toward_encoder=toward_encoder)
    if len(chosen) == 0:
        return preformatted("No article passes the filters: loosen them, or set article_id.")
    return open_article(articles, chosen["id"].iloc[0], codebook=codebook, targets=targets,
                        toward_encoder=toward_encoder)


def explorer(articles: pd.DataFrame, metrics: pd.DataFrame, *, codebook="policy",
             frame: str | None = None, min_hedge_density: float = 0.0, max_tone: float = 1.0,
             article_id: str = ""):
    """An interactive filter-and-read view for JupyterLab (needs ``ipywidgets``): outlets, a
    frame and thresholds (starting at ``frame``, ``min_hedge_density`` and ``max_tone``, the
    notebook's parameters, as :func:`filter_articles` reads them), a line saying how many
    articles pass, and the article picked (``article_id`` if it passes them, else the first
    that does) with its evidence highlighted. The article being read stays while it passes the
    filters; when none passes, the view says so.

    Without ipywidgets, says how to get it instead of failing.
    """
    try:
        import ipywidgets as widgets
    except ImportError:
        return preformatted("The interactive explorer needs ipywidgets: `make lab` installs it "
                            "(or pip install ipywidgets).")
    import html

    from IPython.display import display

    outlets = sorted(metrics["outlet"].dropna().unique())
    frames = [c.removeprefix("frames_") for c in frame_columns(metrics)]
    wanted = _frame_name(frame) if frame else "(any)"
    if wanted != "(any)" and wanted not in frames:
        filter_articles(metrics, frame=frame)  # the error listing the codebook's frames
    top = metrics["hedging_hedge_density"].max() if "hedging_hedge_density" in metrics else 0
    top = float(top) if pd.notna(top) and top > 0 else 1.0
    outlet_pick = widgets.SelectMultiple(options=outlets, value=tuple(outlets), description="outlets")
    frame_pick = widgets.Dropdown(options=["(any)"] + frames, value=wanted, description="frame")
    # continuous_update off: a drag filters once, where it stops, not at every step
    hedge_min = widgets.FloatSlider(value=min(float(min_hedge_density), top), min=0, max=top,
                                    description="hedges ≥", continuous_update=False)
    tone_max = widgets.FloatSlider(value=float(max_tone), min=-1, max=1, step=0.05,
                                   description="tone ≤", continuous_update=False)
    status = widgets.HTML()
    article_pick = widgets.Dropdown(description="article", layout=widgets.Layout(width="90%"))
    out = widgets.Output()
    state = {"busy": False, "shown": None}

    def show(*_):
        if state["busy"] or article_pick.value == state["shown"]:
            return
        state["shown"] = article_pick.value
        with out:  # an error is shown here, not lost in the browser's console
            if article_pick.value is None:
                out.clear_output()  # wait=True would keep the last article until a next one
            else:
                out.clear_output(wait=True)
                display(open_article(articles, article_pick.value, codebook=codebook))

    def refresh(*_):
        kept = metrics[metrics["outlet"].isin(outlet_pick.value)]
        kept = filter_articles(kept, frame=None if frame_pick.value == "(any)" else frame_pick.value,
                               min_hedge_density=hedge_min.value, max_tone=tone_max.value)
        options = [(f"{r.outlet} · " + (r.title if isinstance(r.title, str) and r.title
                                         else "(untitled)"), r.id) for r in kept.itertuples()]
        ids = [value for _, value in options]
        current = article_pick.value if article_pick.value is not None else article_id
        # ipywidgets selects nothing when options come to a dropdown that had none (so no
        # article was shown at first, nor after the filters had left none), and the first
        # option, not the article being read, when they change: the choice is made here
        state["busy"] = True
        try:
            article_pick.options = options
            article_pick.value = current if current in ids else (ids[0] if ids else None)
        finally:
            state["busy"] = False
        status.value = html.escape(
            f"{len(kept):,} of {_count(len(metrics), 'article')} pass the filters" if len(kept)
            else "No article passes the filters: loosen them.")
        show()

    for w in (outlet_pick, frame_pick, hedge_min, tone_max):
        w.observe(refresh, names="value")
    article_pick.observe(show, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([outlet_pick, widgets.VBox([frame_pick, hedge_min, tone_max])]),
                         status, article_pick, out])


def sentence_labels(measures=()) -> dict:
    """Measure names as they read inside a sentence ("hedges per 1,000 words", "the economic
    frame"), for :func:`framing.summary.summarize`."""
    from framing.plot import MEASURE_LABELS, measure_label

    names = set(MEASURE_LABELS) | set(measures)
    out = {}
    for m in names:
        if m.startswith("frames_") and not m.startswith("frames_n_"):
            out[m] = f"the {m.removeprefix('frames_').replace('_', ' ')} frame"
        else:
            label = measure_label(m)
            out[m] = label[:1].lower() + label[1:] if label[:2] not in ("VA", "Te") else label
    return out
