"""Exemplars: the passages behind the numbers, for qualitative reading.

For each group (outlet) and measure, :func:`top_passages` picks the highest-scoring sentences --
the most hedged sentences, the strongest tone toward a target, the clearest frame cues -- with
the evidence that produced the score.

Input contract (one row per scored sentence)
--------------------------------------------
A DataFrame with these columns (names can be changed with the keyword arguments):

``group``
    the group the sentence's article belongs to (an outlet).
``article``
    the article's id.
``sentence``
    the sentence text.
``score``
    the sentence's score on the measure (a number; missing scores are skipped). Which direction
    is "more" is the measure's; ``direction`` says which end to take.
``evidence`` (optional)
    a list of evidence items, each a dict ``{"label", "text", "start", "end", ...}`` or a
    :class:`framing.results.Evidence`, with ``start``/``end`` character offsets *relative to the
    sentence*: ``sentence[start:end] == text`` must hold. Missing or empty: no evidence.
``measure`` (optional)
    the measure's name, when one table holds several measures; without it every row belongs to
    the measure named by ``measure=``.
``sentence_index`` (optional)
    the sentence's position in its article, used to break ties and kept in the output.

:func:`sentence_rows` builds such a table from articles and their article-level evidence (the
``evidence`` of any measure family's result), scoring each sentence by its evidence.

Example
-------
>>> import pandas as pd
>>> rows = pd.DataFrame({
...     "group": ["A", "A", "B"], "article": [1, 2, 3],
...     "sentence": ["It may perhaps rain.", "It rains.", "It might rain."],
...     "score": [2.0, 0.0, 1.0],
...     "evidence": [[{"label": "hedge", "text": "may", "start": 3, "end": 6},
...                   {"label": "hedge", "text": "perhaps", "start": 7, "end": 14}], [],
...                  [{"label": "hedge", "text": "might", "start": 3, "end": 8}]]})
>>> top_passages(rows, measure="hedging")[["group", "sentence", "score"]].values.tolist()
[['A', 'It may perhaps rain.', 2.0], ['B', 'It might rain.', 1.0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Literal

import numpy as np
import pandas as pd

from framing.compare import _check_choice, _require_columns
from framing.results import Evidence
from framing.text import span_at

__all__ = ["EXEMPLAR_COLUMNS", "ArticleEvidence", "article_evidence", "sentence_rows",
           "target_passages", "target_sentence_rows", "top_passages"]

Direction = Literal["high", "low", "abs"]
SentenceScore = Literal["count", "weight"]

EXEMPLAR_COLUMNS = ["group", "measure", "rank", "article", "sentence_index", "sentence", "score",
                    "evidence"]


@dataclass(frozen=True)
class ArticleEvidence:
    """One article's evidence of one measure family, as :func:`article_evidence` gives it.

    ``family`` names the family; ``evidence`` holds its :class:`~framing.results.Evidence`
    (offsets into the article text); ``sentences`` the ``(start, end)`` spans of the article's
    sentences (:func:`framing.text.segment`), so that :func:`sentence_rows` need not segment
    the text again; ``attributions`` (``sources`` only) the article's
    ``(speaker, speaker_type, anonymous)`` attributions, as :func:`framing.sources.speakers`
    counts them (:func:`framing.sources.speaker_attributions`).
    """

    family: str
    evidence: tuple[Evidence, ...]
    sentences: tuple[tuple[int, int], ...]
    attributions: tuple[tuple[str, str, bool], ...] = ()


def _each_segmentation(texts, score) -> list:
    """In a worker: ``score(segmentation)`` for each text of a task (None for a missing text),
    with the garbage collector paused, as :func:`framing.analyze` scores."""
    from framing.analyze import _collector_paused
    from framing.text import segment

    with _collector_paused():
        return [score(segment(text)) if isinstance(text, str) else None for text in texts]


def _names(values) -> frozenset:
    """Labels or voices given as a collection, or one given as a string (not its letters).

    >>> sorted(_names("hedge")), sorted(_names(["hedge", "booster"]))
    (['hedge'], ['booster', 'hedge'])
    """
    return frozenset([values] if isinstance(values, str) else values)


def _evidence_chunk(task, *, labels: dict, options: dict) -> list[dict | None]:
    """In a worker: each text of a task segmented once and scored by every family there."""
    import importlib

    from framing.analyze import FAMILIES
    from framing.sources import speaker_attributions

    texts, families, _codebook, _targets, _toward_encoder = task
    modules = {f: importlib.import_module(FAMILIES[f]) for f in families}

    def score(seg) -> dict:
        sentences = tuple(seg.sentences)
        item = {}
        for family in families:  # hedging reuses the sources analysis of the same seg
            result = modules[family].score(seg, **options.get(family, {}))
            wanted = labels.get(family)
            evidence = tuple(result.evidence if wanted is None
                             else (e for e in result.evidence if e.label in wanted))
            item[family] = ArticleEvidence(
                family, evidence, sentences,
                speaker_attributions(result) if family == "sources" else ())
        return item

    return _each_segmentation(texts, score)


def article_evidence(articles: pd.DataFrame,
                     families: str | Iterable[str] = ("hedging", "sources"),
                     *, text_col: str = "text", labels: Mapping[str, Iterable[str]] | None = None,
                     options: Mapping[str, dict] | None = None, jobs: int | None = None,
                     progress=None) -> dict[str, pd.Series]:
    """Every article's evidence of the given families, each article segmented and scored once,
    in ``jobs`` worker processes as :func:`framing.analyze` scores: what a report's exemplar
    sections (:func:`framing.notebook.exemplar_passages` with ``evidence=``) and its speakers
    table (:func:`framing.sources.speakers` with ``results=``) share instead of each scoring
    the corpus again.

    Parameters
    ----------
    articles : one row per article, with a text column.
    families : a measure family or several, from ``hedging, sentiment, frames, sources``; scoring
        ``hedging`` with ``sources`` costs little more than ``hedging`` alone, which finds the
        sources' reported speech anyway.
    text_col : the text column.
    labels : ``{family: labels}``: keep only the evidence with these labels (e.g.
        ``{"hedging": {"hedge", "booster"}}``), which saves memory on a large corpus (a sources
        result holds every quotation's text); a family not named keeps all its evidence.
    options : ``{family: keyword arguments}`` for the family's ``score`` (e.g. a lexicon).
    jobs : worker processes (None or 0: all cores, or fewer for a small corpus; 1: this
        process). The result is the same for any value.
    progress : optional callable receiving the number of articles finished in each step.

    Returns
    -------
    ``{family: Series}``: for each family a Series with ``articles``' index holding each
    article's :class:`ArticleEvidence` (None where the text is missing).

    Examples
    --------
    >>> arts = pd.DataFrame({"outlet": ["A"], "text": ["Officials said it may fail."]})
    >>> ev = article_evidence(arts, labels={"hedging": {"hedge"}}, jobs=1)
    >>> [(e.label, e.text) for e in ev["hedging"][0].evidence], ev["sources"][0].attributions
    ([('hedge', 'may')], (('Officials', 'anonymous', True),))
    """
    from framing.analyze import _check_measures, _jobs, _run

    families = _check_measures(families)
    _require_columns(articles, text_col)
    labels = {f: _names(v) for f, v in (labels or {}).items()}
    options = {f: dict(v) for f, v in (options or {}).items()}
    unknown = sorted((set(labels) | set(options)) - set(families))
    if unknown:
        raise ValueError(f"labels= or options= name {unknown[0]!r}, which is not among the "
                         f"families scored ({', '.join(families)})")
    items = _run(list(articles[text_col]), families, codebook=None, targets=None,
                 jobs=_jobs(jobs), progress=progress,
                 score_chunk=partial(_evidence_chunk, labels=labels, options=options))
    return {f: pd.Series([None if item is None else item[f] for item in items],
                         index=articles.index, dtype=object, name=f)
            for f in families}


def _evidence_dict(item) -> dict:
    if hasattr(item, "to_dict"):
        return item.to_dict()
    if isinstance(item, dict):
        return dict(item)
    raise TypeError(f"an evidence item must be a dict or an Evidence, not {type(item).__name__}")


def _evidence_list(value, sentence: str, where: str) -> list[dict]:
    """Validated evidence dicts for one sentence; ``where`` names the row in error messages."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    out = []
    for item in value:
        ev = _evidence_dict(item)
        missing = [k for k in ("label", "text", "start", "end") if k not in ev]
        if missing:
            raise ValueError(f"{where}: evidence item {ev!r} lacks {', '.join(missing)}")
        start, end = int(ev["start"]), int(ev["end"])
        if not (0 <= start <= end <= len(sentence)) or sentence[start:end] != ev["text"]:
            raise ValueError(
                f"{where}: evidence {ev['text']!r} at {start}:{end} does not match the sentence "
                f"({sentence[start:end]!r} there); offsets must be relative to the sentence")
        out.append(ev)
    return sorted(out, key=lambda e: (e["start"], e["end"]))


def top_passages(sentences: pd.DataFrame, *, k: int = 3, direction: Direction = "high",
                 per_article: int | None = 1, min_score: float | None = None,
                 measure: str | None = None, by: str = "group", id_col: str = "article",
                 text_col: str = "sentence", score_col: str = "score",
                 evidence_col: str = "evidence", measure_col: str = "measure") -> pd.DataFrame:
    """The top ``k`` sentences per group and measure, with their evidence.

    Parameters
    ----------
    sentences : sentence-level rows, as described in the module notes.
    k : passages per group and measure.
    direction : ``"high"`` takes the highest scores (the most hedged, the most positive tone),
        ``"low"`` the lowest (the most negative tone), ``"abs"`` the largest in absolute value.
    per_article : at most this many passages from one article (default 1, so the exemplars
        show several articles); ``None`` for no limit.
    min_score : only scores beyond this value count (``>`` for "high", ``<`` for "low",
        ``|score| >`` for "abs"). Default 0: a sentence scoring 0 exemplifies nothing.
    measure : the measure's name when the table has no ``measure_col`` column.
    by, id_col, text_col, score_col, evidence_col, measure_col : column names.

    Returns
    -------
    DataFrame ``group, measure, rank, article, sentence_index, sentence, score, evidence``: ranks
    start at 1 within each group and measure; ties are broken by article id and sentence
    position, so the choice is deterministic; ``evidence`` is a list of dicts
    ``{label, text, start, end, ...}`` relative to the sentence, sorted by position;
    ``sentence_index`` is missing when the input has none.

    Raises
    ------
    ValueError
        When an evidence item does not match its sentence (the message names the row).

    Examples
    --------
    The most hedged sentence of each outlet, from the articles' hedging evidence
    (:func:`article_evidence`, then :func:`sentence_rows`):

    >>> arts = pd.DataFrame({"id": ["w1", "w2", "p1"], "outlet": ["Wire", "Wire", "Post"],
    ...                      "text": ["Talks may perhaps resume. Officials met.",
    ...                               "The deal might fail.", "The deal is done. It could fail."]})
    >>> hedging = article_evidence(arts, families=["hedging"], jobs=1)["hedging"]
    >>> rows = sentence_rows(arts, hedging, measure="hedges", labels="hedge")
    >>> top = top_passages(rows, k=1)
    >>> top[["group", "article", "sentence", "score"]].values.tolist()
    [['Post', 'p1', 'It could fail.', 1.0], ['Wire', 'w1', 'Talks may perhaps resume.', 2.0]]
    >>> [(e["label"], e["text"], e["start"]) for e in top["evidence"].iloc[1]]
    [('hedge', 'may', 6), ('hedge', 'perhaps', 10)]
    """
    _check_choice("direction", direction, Direction)
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    _require_columns(sentences, by, id_col, text_col, score_col)
    has_measure = measure_col in sentences.columns
    if not has_measure and measure is None:
        raise ValueError(f"the table has no {measure_col!r} column: name the measure with "
                         "measure='...'")
    data = pd.DataFrame({
        "group": sentences[by].to_numpy(),
        "measure": sentences[measure_col].to_numpy() if has_measure else measure,
        "article": sentences[id_col].to_numpy(),
        "sentence_index": (sentences["sentence_index"].to_numpy()
                           if "sentence_index" in sentences.columns else np.nan),
        "sentence": sentences[text_col].to_numpy(),
        "score": pd.to_numeric(sentences[score_col], errors="coerce").to_numpy(float),
        "_row": sentences.index.to_numpy(),
        "_pos": np.arange(len(sentences)),
    })
    threshold = 0.0 if min_score is None else float(min_score)
    key = {"high": data["score"], "low": -data["score"], "abs": data["score"].abs()}[direction]
    limit = threshold if direction != "low" else -threshold
    data = data.assign(_key=key)[key > limit]
    data = data[data["group"].notna()]
    data = data.assign(_article=data["article"].astype(str))
    data = data.sort_values(["_key", "_article", "sentence_index", "_pos"],
                            ascending=[False, True, True, True], kind="stable")
    if per_article is not None:
        data = data.groupby(["group", "measure", "_article"], sort=False).head(per_article)
    data = data.groupby(["group", "measure"], sort=False).head(k)
    data = data.sort_values(["group", "measure", "_key", "_article", "sentence_index", "_pos"],
                            ascending=[True, True, False, True, True, True], kind="stable")
    data["rank"] = data.groupby(["group", "measure"]).cumcount() + 1
    evidence = []
    source = sentences[evidence_col] if evidence_col in sentences.columns else None
    for pos, row_label, sentence in zip(data["_pos"], data["_row"], data["sentence"]):
        value = source.iloc[pos] if source is not None else None
        evidence.append(_evidence_list(value, str(sentence), f"row {row_label!r}"))
    data["evidence"] = evidence
    return data[EXEMPLAR_COLUMNS].reset_index(drop=True)


def sentence_rows(articles: pd.DataFrame, evidence, *, measure: str, by: str = "outlet",
                  id_col: str = "id", text_col: str = "text", labels: Iterable[str] | None = None,
                  voices: Iterable[str] | None = None,
                  score: SentenceScore = "count") -> pd.DataFrame:
    """Sentence-level rows for :func:`top_passages`, scored by article-level evidence.

    Parameters
    ----------
    articles : one row per article with id, group and text columns.
    evidence : for each article (a sequence aligned with ``articles``' rows, or a Series with
        the same index), its evidence: a measure family's result (its ``.evidence`` is used), an
        :class:`ArticleEvidence` from :func:`article_evidence` (whose sentence spans are used,
        so the text is not segmented again), or an iterable of
        :class:`framing.results.Evidence` or dicts ``{label, text, start, end}`` with offsets
        into the article text.
    measure : the measure's name, written to the ``measure`` column.
    by, id_col, text_col : column names in ``articles``.
    labels : count only evidence with these labels (e.g. ``{"hedge"}``, or one label as a
        string, ``"hedge"``); default all.
    voices : count only evidence in these voices (its ``voice``: ``"journalist"``, ``"quoted"``
        or ``"reported"``), e.g. ``{"journalist"}`` for the outlet's own words, which the
        journalist-voice measures count; default all. Evidence without a voice is then left out.
    score : a sentence's score is the number of its evidence items (``"count"``) or the sum of
        their ``weight`` (``"weight"``).

    Returns
    -------
    DataFrame ``group, article, sentence_index, sentence, score, evidence, measure`` with one row
    per sentence holding evidence (a sentence is the one of :func:`framing.text.segment` that
    contains the evidence's start); evidence offsets are made relative to the sentence.

    Examples
    --------
    >>> from framing.results import Evidence
    >>> arts = pd.DataFrame({"id": ["a1"], "outlet": ["A"], "text": ["Rain. It may rain."]})
    >>> ev = [[Evidence("hedge", "may", 9, 12)]]
    >>> rows = sentence_rows(arts, ev, measure="hedging")
    >>> rows[["sentence", "score", "evidence"]].values.tolist()
    [['It may rain.', 1.0, [{'label': 'hedge', 'text': 'may', 'start': 3, 'end': 6}]]]
    """
    from framing.text import segment

    _check_choice("score", score, SentenceScore)
    _require_columns(articles, by, id_col, text_col)
    if isinstance(evidence, pd.Series):
        evidence = evidence.reindex(articles.index)
    evidence = list(evidence)
    if len(evidence) != len(articles):
        raise ValueError(f"evidence has {len(evidence)} entries for {len(articles)} articles")
    wanted = None if labels is None else _names(labels)
    wanted_voices = None if voices is None else _names(voices)
    rows = []
    for label, group, article_id, text, items in zip(articles.index, articles[by],
                                                     articles[id_col], articles[text_col],
                                                     evidence):
        if not isinstance(text, str) or items is None:
            continue
        spans = getattr(items, "sentences", None)
        items = getattr(items, "evidence", items)
        seg = _Sentences(text, spans) if spans is not None else segment(text)
        per_sentence: dict[int, list[dict]] = {}
        for item in items:
            ev = _evidence_dict(item)
            if wanted is not None and ev.get("label") not in wanted:
                continue
            if wanted_voices is not None and ev.get("voice") not in wanted_voices:
                continue
            start, end = int(ev["start"]), int(ev["end"])
            if text[start:end] != ev.get("text"):
                raise ValueError(f"article {article_id!r} (row {label!r}): evidence "
                                 f"{ev.get('text')!r} at {start}:{end} does not match the text")
            i = seg.sentence_of(start)
            if i is None:
                continue
            s_start, s_end = seg.sentences[i]
            if end > s_end:  # evidence running past its sentence is cut at the sentence end
                end = s_end
            ev.update(start=start - s_start, end=end - s_start, text=text[start:end])
            ev.pop("sentence", None)
            per_sentence.setdefault(i, []).append(ev)
        for i in sorted(per_sentence):
            items_i = sorted(per_sentence[i], key=lambda e: (e["start"], e["end"]))
            value = (float(len(items_i)) if score == "count"
                     else float(sum(e.get("weight", 1.0) for e in items_i)))
            rows.append({"group": group, "article": article_id, "sentence_index": i,
                         "sentence": seg.sentence_text(i), "score": value, "evidence": items_i,
                         "measure": measure})
    return pd.DataFrame(rows, columns=["group", "article", "sentence_index", "sentence", "score",
                                       "evidence", "measure"])


TARGET_ROW_COLUMNS = ["group", "article", "target", "sentence_index", "sentence", "score",
                      "evidence", "measure"]


def _toward_chunk(task, *, case: str) -> list[list[dict] | None]:
    """In a worker: for each text, one row per target and sentence mentioning it, with the
    tone toward the target there (with the encoder part when the task's ``toward_encoder``
    says so) and the evidence behind it (offsets relative to the sentence). A text that
    mentions no target is not scored."""
    from framing.sentiment import _compiled, _mentions, _target_tones_with_evidence

    texts, _families, _codebook, targets, toward_encoder = task
    compiled = _compiled(targets, case)

    def score(seg) -> list[dict]:
        if not any(_mentions(seg.text, matcher) for _name, matcher in compiled):
            return []
        return _target_sentences(seg, *_target_tones_with_evidence(seg, targets, case,
                                                                   toward_encoder))

    return _each_segmentation(texts, score)


def _target_sentences(seg, targets, evidence) -> list[dict]:
    """One text's rows: per target (:class:`~framing.sentiment.TargetTone`) and mentioning
    sentence, its tone toward the target, the mentions and the words that carried that tone
    (from ``evidence``); a mention inside a direct quotation has the voice ``"quoted"``."""
    per: dict[tuple[str, int], list] = {}
    for e in evidence:
        if e.label == "target":
            name = e.subtype
        elif e.subtype.startswith("tone toward "):
            name = e.subtype[len("tone toward "):]
        else:  # the VADER and TextBlob words of the whole sentence: not the target's tone
            continue
        per.setdefault((name, e.sentence), []).append(e)
    rows = []
    for t in targets:
        for k, tone in zip(t.sentences, t.sentence_tones):
            start, end = seg.sentences[k]
            evidence = []
            for e in per.get((t.target, k), ()):
                ev = e.to_dict()
                ev.pop("sentence", None)
                s, f = e.start - start, min(e.end, end) - start
                ev.update(start=s, end=f, text=seg.text[start + s:start + f])
                if e.label == "target" and seg.in_quote(e.start):
                    ev["voice"] = "quoted"  # a source's words name it, not the journalist's
                evidence.append(ev)
            evidence.sort(key=lambda ev: (ev["start"], ev["end"]))
            rows.append({"target": t.target, "sentence_index": k,
                         "sentence": seg.text[start:end], "score": tone, "evidence": evidence})
    return rows


def target_sentence_rows(articles: pd.DataFrame, targets, *, by: str = "outlet",
                         id_col: str = "id", text_col: str = "text", case: str = "auto",
                         jobs: int | None = None, progress=None,
                         toward_encoder: bool = False) -> pd.DataFrame:
    """Every sentence that mentions a target, with the tone toward the target there: the
    sentence-level rows behind :func:`framing.sentiment.toward`'s per-article means, for
    :func:`top_passages` or for reading the spread of a target's tone.

    Parameters
    ----------
    articles : one row per article with id, group and text columns.
    targets, case : as in :func:`framing.sentiment.toward` (name -> aliases).
    by, id_col, text_col : column names in ``articles``.
    jobs, progress : worker processes and progress callback, as in :func:`article_evidence`;
        only articles that mention a target are scored.
    toward_encoder : the tone toward the targets with the encoder part, as in
        :func:`framing.analyze` (the same numbers as its ``sentiment_toward_<target>_tone``
        with that option; the evidence words stay the word model's).

    Returns
    -------
    DataFrame ``group, article, target, sentence_index, sentence, score, evidence, measure``:
    one row per article, target and mentioning sentence, in article order; ``score`` is the
    tone toward the target in that sentence (the mean over its mentions there; an article's
    ``toward_tone`` is the mean of its rows), ``evidence`` the mentions (label ``target``;
    voice ``quoted`` for one inside a direct quotation) and the words that carried the tone
    (``positive``/``negative``, subtype ``tone toward <name>``, with their weights), offsets
    relative to the sentence; ``measure`` repeats the
    target's name, so :func:`top_passages` ranks each target apart. Texts that are missing
    or not English give no rows.

    Examples
    --------
    >>> arts = pd.DataFrame({"id": ["a1"], "outlet": ["A"],
    ...                      "text": ["NATO met. Russia's brutal attack failed."]})
    >>> rows = target_sentence_rows(arts, {"Russia": ["Russia"], "NATO": ["NATO"]}, jobs=1)
    >>> rows[["target", "sentence_index", "sentence"]].values.tolist()
    [['Russia', 1, "Russia's brutal attack failed."], ['NATO', 0, 'NATO met.']]
    >>> bool(rows.score[0] < rows.score[1])  # the brutal attack is Russia's
    True
    """
    from framing.analyze import _check_encoder, _jobs, _run
    from framing.sentiment import _compiled

    _require_columns(articles, by, id_col, text_col)
    _compiled(targets, case)  # a bad target or case rule fails here, not in a worker
    _check_encoder(("sentiment",), targets, toward_encoder)  # and missing weights
    items = _run(list(articles[text_col]), ("sentiment",), codebook=None, targets=targets,
                 jobs=_jobs(jobs), progress=progress,
                 score_chunk=partial(_toward_chunk, case=case), toward_encoder=toward_encoder)
    rows = []
    for group, article_id, item in zip(articles[by], articles[id_col], items):
        for row in item or ():
            rows.append({"group": group, "article": article_id, **row,
                         "measure": row["target"]})
    return pd.DataFrame(rows, columns=TARGET_ROW_COLUMNS)


def target_passages(articles: pd.DataFrame, targets, *, by: str = "outlet", k: int = 2,
                    id_col: str = "id", text_col: str = "text", case: str = "auto",
                    jobs: int | None = None, progress=None, rows: pd.DataFrame | None = None,
                    toward_encoder: bool = False) -> pd.DataFrame:
    """Per target and group, the ``k`` sentences with the most negative and the ``k`` with the
    most positive tone toward the target (one per article), with the mentions and the words
    that carried the tone: what to read before trusting a mean of :func:`framing.sentiment.
    toward` (did the aliases catch the target? what is the tone about?).

    Arguments as in :func:`target_sentence_rows` (``rows``: its output, if already computed;
    ``toward_encoder``: rank by the tone with the encoder part, as a report made with it).
    Returns :data:`EXEMPLAR_COLUMNS` (``measure``: the target) plus ``direction`` ("most
    negative" or "most positive"), ordered by target (in the order given), group and
    direction; a group without a sentence below 0 (above 0) has no "most negative" ("most
    positive") rows.

    >>> arts = pd.DataFrame({"id": ["a1", "a2"], "outlet": ["A", "A"],
    ...                      "text": ["Russia's brutal attack failed.", "Russia won praise."]})
    >>> p = target_passages(arts, {"Russia": ["Russia"]}, k=1, jobs=1)
    >>> p[["direction", "sentence"]].values.tolist()
    [['most negative', "Russia's brutal attack failed."], ['most positive', 'Russia won praise.']]
    """
    from framing.sentiment import _compiled

    if rows is None:
        rows = target_sentence_rows(articles, targets, by=by, id_col=id_col, text_col=text_col,
                                    case=case, jobs=jobs, progress=progress,
                                    toward_encoder=toward_encoder)
    parts = [top_passages(rows, k=k, direction=d).assign(direction=label)
             for d, label in (("low", "most negative"), ("high", "most positive"))]
    out = pd.concat(parts, ignore_index=True)
    order = {name: i for i, (name, _m) in enumerate(_compiled(targets, case))}
    out = out.assign(_t=out["measure"].map(order))
    out = out.sort_values(["_t", "group", "direction", "rank"], kind="stable")
    return out.drop(columns="_t").reset_index(drop=True)


class _Sentences:
    """The sentence lookups of :class:`framing.text.Segmentation` over given sentence spans."""

    def __init__(self, text: str, sentences):
        self.text = text
        self.sentences = sentences
        self._starts = [start for start, _end in sentences]

    def sentence_of(self, offset: int) -> int | None:
        return span_at(self._starts, self.sentences, offset)

    def sentence_text(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]
