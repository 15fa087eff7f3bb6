"""CPU time of the tone toward targets, per article and per mention, on real news.

Usage::

    .venv/bin/python benchmarks/toward.py                     # first 400 AllSides articles
    .venv/bin/python benchmarks/toward.py --n 1000 --rounds 6
    .venv/bin/python benchmarks/toward.py --baseline OLD/src/framing/sentiment.py
    .venv/bin/python benchmarks/toward.py --encoder --rounds 2   # + the encoder part

Reads ``content_original`` of ``article_bias_prediction_allsides/articles.jsonl.gz`` from the
shared data folder (``<repo>/../shared/data``, or ``$FRAMING_SHARED_DATA``), cleans it
(:func:`framing.corpus.clean_text`) and segments it before the clocks start; exits with a message
(status 0) when the corpus is absent. Times ``sentiment.score(seg, evidence=False)`` over the
articles with the targets (Trump, Obama, NATO, Russia) and without, in alternating rounds
(``time.process_time``, the first round warms the caches); the targets' part per mention is the
difference divided by the number of mentions. With ``--baseline``, another version of
``sentiment.py`` (e.g. from ``git show <commit>:src/framing/sentiment.py``) is loaded beside
the installed one in the same process and timed in alternation with it, so both share the
machine's state; the two must give the same numbers for every article (checked, not timed).
With ``--encoder``, ``score(seg, targets=..., encoder=True)`` is timed too in the same rounds
(the encoder's weights loaded before the clocks start): its targets' part per mention and per
mentioning sentence beside the word model's, and their ratio. Nothing is written.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = ("article_bias_prediction_allsides", "articles.jsonl.gz")
TARGETS = {"Trump": ["Trump", "Donald Trump"], "Obama": ["Obama"], "NATO": ["NATO", "the alliance"],
           "Russia": ["Russia", "Moscow", "Kremlin"]}


def read_segments(n: int):
    from framing.corpus import clean_text
    from framing.text import segment

    path = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data")).joinpath(*CORPUS)
    if not path.exists():
        return None
    segs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            segs.append(segment(clean_text(json.loads(line)["content_original"] or "")[0]))
            if len(segs) >= n:
                break
    return segs


def load_baseline(path: str):
    """``sentiment.py`` at ``path`` as module ``framing._sentiment_baseline`` (its imports of
    other framing modules resolve to the installed ones)."""
    spec = importlib.util.spec_from_file_location("framing._sentiment_baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cpu(module, segs, targets, encoder: bool = False) -> float:
    gc.collect()
    start = time.process_time()
    for seg in segs:
        if encoder:
            module.score(seg, targets=targets, evidence=False, encoder=True)
        else:
            module.score(seg, targets=targets, evidence=False)
    return time.process_time() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="articles (default 400)")
    parser.add_argument("--rounds", type=int, default=4, help="timed rounds (default 4)")
    parser.add_argument("--baseline", help="another sentiment.py to time beside this one")
    parser.add_argument("--encoder", action="store_true",
                        help="also time the tone toward targets with the encoder part")
    args = parser.parse_args(argv)
    from framing import sentiment

    segs = read_segments(args.n)
    if segs is None:
        print("the AllSides corpus is absent: set FRAMING_SHARED_DATA")
        return 0
    versions = {"this": sentiment}
    if args.baseline:
        versions = {"baseline": load_baseline(args.baseline), **versions}
    if args.encoder:
        from framing.encoder import load_encoder

        load_encoder()
    mentions = sentences = 0
    for seg in segs:
        results = [m.score(seg, targets=TARGETS).to_dict() for m in versions.values()]
        if len({repr(r) for r in results}) > 1:  # repr: NaN equals NaN, floats to the last bit
            print(f"the versions differ on an article: {seg.text[:60]!r}")
            return 1
        mentions += sum(t["n_mentions"] for t in results[0]["targets"]
                        if t["n_mentions"] == t["n_mentions"])
        sentences += len({k for t in results[0]["targets"] for k in t["sentences"]})
    times: dict[str, dict[str, list]] = {k: {"with": [], "without": [], "encoder": []}
                                         for k in versions}
    order = list(versions)
    for r in range(args.rounds + 1):
        for name in order if r % 2 == 0 else order[::-1]:
            without, with_ = cpu(versions[name], segs, None), cpu(versions[name], segs, TARGETS)
            enc = cpu(versions[name], segs, TARGETS, True) if args.encoder and name == "this" else 0
            if r:  # round 0 warms the caches
                times[name]["without"].append(without)
                times[name]["with"].append(with_)
                times[name]["encoder"].append(enc)
    print(f"{len(segs)} articles, {mentions} mentions of {', '.join(TARGETS)} in {sentences} "
          f"sentences; CPU ms, "
          f"{args.rounds} rounds (min / median)")
    for name in order:
        w, wo = times[name]["with"], times[name]["without"]
        per = [(a - b) / mentions * 1000 for a, b in zip(w, wo)]
        print(f"{name:>8}: score(targets=) per article {min(w) / len(segs) * 1000:.2f} / "
              f"{statistics.median(w) / len(segs) * 1000:.2f}; without targets "
              f"{min(wo) / len(segs) * 1000:.2f} / {statistics.median(wo) / len(segs) * 1000:.2f}; "
              f"targets per mention {min(per):.3f} / {statistics.median(per):.3f}")
    if args.encoder:
        w, wo, e = (times["this"][k] for k in ("with", "without", "encoder"))
        word = [(a - b) / sentences * 1000 for a, b in zip(w, wo)]
        enc = [(a - b) / sentences * 1000 for a, b in zip(e, wo)]
        ratio = [a / b for a, b in zip(enc, word)]
        print(f"per mentioning sentence, targets' part (min / median): word model "
              f"{min(word):.3f} / {statistics.median(word):.3f}, with the encoder part "
              f"{min(enc):.2f} / {statistics.median(enc):.2f}; ratio encoder / word "
              f"{min(ratio):.1f} / {statistics.median(ratio):.1f} (same rounds); per article "
              f"with the encoder part {min(e) / len(segs) * 1000:.2f} / "
              f"{statistics.median(e) / len(segs) * 1000:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
