"""CPU time of giving an analysed store new targets for the tone toward them (session 17).

A report with new targets (``framing report ... -p targets ...``, ``framing.analyze(store=S,
targets=...)``) scores what the store lacks for them. This copies an analysed store to a
temporary folder (the store given is only read), then times ``update_store(copy,
targets=..., jobs=1)`` in this process, CPU time (``time.process_time``) and wall time, and
prints what was scored. It uses only names every version of framing since session 15 has, so
the same script times older code (``PYTHONPATH=<worktree>/src``)::

    .venv/bin/framing ingest first3000.jsonl --map text=content_original --map outlet=source \\
        --store /tmp/as3000.duckdb && .venv/bin/framing analyze --store /tmp/as3000.duckdb
    .venv/bin/python benchmarks/new_targets.py --store /tmp/as3000.duckdb \\
        --targets '{"Trump": ["Trump"], "Obama": ["Obama"]}' --out after.pkl

``--out`` writes the store's measures table afterwards (pickle) to compare two runs.
``--check N`` instead compares, for the first N stored texts, ``sentiment.toward_tones`` with
``sentiment.score(text, targets=..., evidence=False).targets``, every field, NaNs included.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import tempfile
import time
from pathlib import Path


def timed_update(store: Path, targets: dict, out: Path | None) -> None:
    import framing
    from framing.analyze import update_store

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "store.duckdb"
        shutil.copyfile(store, copy)
        with framing.Store(copy) as st:
            framing.analyze.score_text("Officials said the deal may fail.", targets=targets)
            cpu, wall = time.process_time(), time.perf_counter()
            done = update_store(st, targets=targets, jobs=1)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"{done['articles']} stored articles; scored now: "
                  + ", ".join(f"{k} {v}" for k, v in done["scored"].items()))
            print(f"update_store: {cpu:.1f} CPU s, {wall:.1f} s wall")
            if out is not None:
                st.metrics(done["versions"]).to_pickle(out)


def same(a, b) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a)
                      and math.isnan(b))


def check(store: Path, targets: dict, n: int) -> None:
    import framing
    from framing import sentiment

    with framing.Store(store, read_only=True) as st:
        texts = list(st.texts(st.hashes()[:n])["text"])
    fields = ("target", "n_mentions", "n_sentences", "tone", "tone_zero_share", "vader_compound",
              "textblob_polarity", "sentences")
    differ = mentions = 0
    cpu_full = cpu_alone = 0.0
    for text in texts:
        t0 = time.process_time()
        full = sentiment.score(text, targets=targets, evidence=False).targets
        t1 = time.process_time()
        alone = sentiment.toward_tones(text, targets)
        cpu_alone += time.process_time() - t1
        cpu_full += t1 - t0
        mentions += sum(t.n_mentions for t in full)
        differ += sum(not same(getattr(a, f), getattr(b, f))
                      for a, b in zip(full, alone, strict=True) for f in fields)
    print(f"{len(texts)} texts, {mentions} mentions of {len(targets)} targets: {differ} fields "
          f"differ; score with targets {cpu_full:.1f} CPU s, toward_tones {cpu_alone:.1f} CPU s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, type=Path, help="an analysed store (read only)")
    parser.add_argument("--targets", required=True, help="targets as JSON")
    parser.add_argument("--out", type=Path, help="write the measures table here (pickle)")
    parser.add_argument("--check", type=int, help="compare the toward part alone on N texts")
    args = parser.parse_args()
    targets = json.loads(args.targets)
    if args.check:
        check(args.store, targets, args.check)
    else:
        timed_update(args.store, targets, args.out)


if __name__ == "__main__":
    main()
