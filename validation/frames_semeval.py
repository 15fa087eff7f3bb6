"""Validity of the frames family on SemEval-2023 Task 3 (English, subtask 2: framing).

Reads ../shared/data/semeval2023_task3_en_frames (305 development articles, 14 of the 15 policy
frames, multi-label; override the data folder with FRAMING_SHARED_DATA) and prints:

1. the shipped ``policy`` codebook with no training: micro/macro-F1 over the 14 frames at the
   default presence rule, per-frame figures, a sweep of the threshold, and a 5-fold
   cross-validated estimate of choosing the threshold on data (the default was chosen on this
   very set, so the in-sample figure is optimistic by the gap between the two);
2. the baselines: always predicting the five most frequent frames; TF-IDF + logistic regression
   without codebook features and with one threshold for all frames;
3. the supervised classifier (``framing.frames.train``), by nested 5-fold cross-validation,
   repeated over several fold seeds; the same without soft codebook features
   (``soft_codebook=False``), without word vectors (``word_vectors=False``) and the earlier
   defaults (plain TF-IDF, one ``threshold_mix`` for all frames, no word
   vectors) on the same seeds; and the trade-off set by ``threshold_mix``;
4. speed: codebook scoring and model prediction, ms per 5 KB of text (segmentation excluded).

Run:  .venv/bin/python validation/frames_semeval.py [--seeds 5] [--first-seed 0] [--quick]
      [--no-tradeoff]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from framing.frames import canonical_name, load_codebook, score, train
from framing.text import segment

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
FILE = DATA / "semeval2023_task3_en_frames" / "semeval2023_task3_en_train_frames_genre.jsonl"


def f1_table(Y: np.ndarray, P: np.ndarray, names) -> tuple[float, float, pd.DataFrame]:
    rows = []
    for j, n in enumerate(names):
        tp = int(((Y[:, j] == 1) & (P[:, j] == 1)).sum())
        fp = int(((Y[:, j] == 0) & (P[:, j] == 1)).sum())
        fn = int(((Y[:, j] == 1) & (P[:, j] == 0)).sum())
        rows.append({"frame": n, "support": tp + fn, "predicted": tp + fp,
                     "precision": tp / (tp + fp) if tp + fp else 0.0,
                     "recall": tp / (tp + fn) if tp + fn else 0.0,
                     "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0})
    table = pd.DataFrame(rows)
    tp = int(((Y == 1) & (P == 1)).sum())
    fp = int(((Y == 0) & (P == 1)).sum())
    fn = int(((Y == 1) & (P == 0)).sum())
    micro = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return micro, float(table["f1"].mean()), table


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5, help="fold seeds for the classifier")
    ap.add_argument("--first-seed", type=int, default=0,
                    help="the first fold seed (5 with --seeds 5: seeds 5-9)")
    ap.add_argument("--quick", action="store_true", help="one seed, no trade-off table")
    ap.add_argument("--no-tradeoff", action="store_true", help="skip the threshold_mix table")
    args = ap.parse_args(argv)
    if not FILE.exists():
        print(f"{FILE} is absent; nothing to validate", file=sys.stderr)
        return 1
    warnings.simplefilter("ignore")
    rows = [json.loads(line) for line in FILE.open(encoding="utf-8")]
    texts = [r["text"] for r in rows]
    cb = load_codebook("policy")
    names = [f.name for f in cb.frames if not f.residual]
    gold = [{canonical_name(f) for f in r["frames"]} for r in rows]
    unknown = {f for g in gold for f in g} - set(names)
    assert not unknown, unknown
    Y = np.array([[n in g for n in names] for g in gold], dtype=int)
    print(f"SemEval-2023 Task 3 (en) development articles: {len(rows)}, frames per article "
          f"{Y.sum(1).mean():.2f}, {len(names)} frames ({', '.join(n for n in names)})\n")

    # 1. the codebook, untrained ------------------------------------------------------------
    segs = [segment(t) for t in texts]
    results = [score(s) for s in segs]
    P = np.array([[int(r[n].present) for n in names] for r in results])
    micro, macro, table = f1_table(Y, P, names)
    print("1. policy codebook, no training, default presence rule "
          f"(share >= {cb.threshold}, >= {cb.min_sentences} sentences)")
    print(f"   micro-F1 {micro:.3f}   macro-F1 {macro:.3f}")
    print(table.round(3).to_string(index=False))
    S = np.array([[r[n].share for n in names] for r in results])
    N = np.array([[r[n].n_sentences for n in names] for r in results])
    print("\n   threshold sweep (min_sentences 2): " + "  ".join(
        f"{t:.2f}:{f1_table(Y, ((S >= t) & (N >= 2)).astype(int), names)[0]:.3f}"
        for t in (0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2)))
    grid = [(t, m) for t in np.round(np.arange(0.01, 0.31, 0.01), 2) for m in (1, 2, 3)]
    cv = []
    for seed in range(5):
        order = np.random.default_rng(seed).permutation(len(rows))
        Pcv = np.zeros_like(Y)
        for part in np.array_split(order, 5):
            tr = np.setdiff1d(order, part)
            t, m = max(grid, key=lambda g: f1_table(
                Y[tr], ((S[tr] >= g[0]) & (N[tr] >= g[1])).astype(int), names)[0])
            Pcv[part] = ((S[part] >= t) & (N[part] >= m)).astype(int)
        cv.append(f1_table(Y, Pcv, names)[:2])
    cv = np.array(cv)
    print(f"   threshold chosen by 5-fold CV instead (5 fold seeds): micro-F1 "
          f"{cv[:, 0].mean():.3f} (sd {cv[:, 0].std():.3f})   macro-F1 {cv[:, 1].mean():.3f}")

    # 2. baselines -----------------------------------------------------------------------------
    top5 = np.argsort(-Y.sum(0))[:5]
    P5 = np.zeros_like(Y)
    P5[:, top5] = 1
    m5, a5, _ = f1_table(Y, P5, names)
    print(f"\n2. baseline, always the five most frequent frames: micro-F1 {m5:.3f}   macro-F1 "
          f"{a5:.3f}")
    df = pd.DataFrame({"text": texts, "frames": [r["frames"] for r in rows]})
    seeds = [args.first_seed] if args.quick else list(range(args.first_seed,
                                                             args.first_seed + args.seeds))
    base = [train(df, features="text", threshold_mix=0.0, rare_threshold_mix=None,
                  nb_scaling=False, word_vectors=False, seed=s).report for s in seeds]
    print("   baseline, TF-IDF + logistic regression (no codebook features, one threshold), "
          f"nested 5-fold CV over {len(seeds)} seed(s): micro-F1 "
          f"{statistics.mean(r.micro_f1 for r in base):.3f}   macro-F1 "
          f"{statistics.mean(r.macro_f1 for r in base):.3f}")

    # 3. the classifier ------------------------------------------------------------------------
    reports = []
    for s in seeds:
        t0 = time.perf_counter()
        model = train(df, seed=s)
        reports.append(model.report)
        print(f"   seed {s}: micro-F1 {model.report.micro_f1:.3f} macro-F1 "
              f"{model.report.macro_f1:.3f} ({model.report.chosen}; "
              f"{time.perf_counter() - t0:.0f} s)", flush=True)
    mi = [r.micro_f1 for r in reports]
    ma = [r.macro_f1 for r in reports]
    sd = (lambda v: statistics.stdev(v) if len(v) > 1 else 0.0)
    print(f"\n3. classifier (framing.frames.train, defaults), nested 5-fold CV over {len(seeds)} "
          f"fold seed(s): micro-F1 {statistics.mean(mi):.3f} (sd {sd(mi):.3f})   macro-F1 "
          f"{statistics.mean(ma):.3f} (sd {sd(ma):.3f})")
    print("   feature sets tried on all data (selection stage, not nested): "
          + "; ".join(f"{c['features']} micro {c['micro_f1']:.3f} macro {c['macro_f1']:.3f}"
                      for c in reports[0].configs))
    print(f"   per frame, seed {seeds[0]}:")
    print(reports[0].per_frame.round(3).to_string(index=False))
    if not args.quick:
        hard = [train(df, seed=s, soft_codebook=False).report for s in seeds]
        print("\n   without soft codebook features (soft_codebook=False), same seeds: "
              + ", ".join(f"{r.micro_f1:.3f}/{r.macro_f1:.3f}" for r in hard)
              + f"; mean micro-F1 {statistics.mean(r.micro_f1 for r in hard):.3f}   macro-F1 "
              f"{statistics.mean(r.macro_f1 for r in hard):.3f}", flush=True)
        plain = [train(df, seed=s, word_vectors=False).report for s in seeds]
        print("\n   without word vectors (word_vectors=False), same seeds: "
              + ", ".join(f"{r.micro_f1:.3f}/{r.macro_f1:.3f}" for r in plain)
              + f"; mean micro-F1 {statistics.mean(r.micro_f1 for r in plain):.3f}   macro-F1 "
              f"{statistics.mean(r.macro_f1 for r in plain):.3f}", flush=True)
    if not (args.quick or args.no_tradeoff):
        old = [train(df, seed=s, nb_scaling=False, rare_threshold_mix=None,
                     word_vectors=False).report for s in seeds]
        print("\n   earlier defaults (no log-count-ratio scaling, threshold_mix 0.25 for every "
              "frame, no word vectors), same seeds: "
              + ", ".join(f"{r.micro_f1:.3f}/{r.macro_f1:.3f}" for r in old)
              + f"; mean micro-F1 {statistics.mean(r.micro_f1 for r in old):.3f}   macro-F1 "
              f"{statistics.mean(r.macro_f1 for r in old):.3f}", flush=True)
        print("\n   threshold_mix trade-off, the same for every frame (rare_threshold_mix=None; "
              "nested CV, 3 seeds):")
        for mix in (0.0, 0.25, 0.5, 0.75, 1.0):
            rs = [train(df, seed=s, threshold_mix=mix, rare_threshold_mix=None).report
                  for s in range(3)]
            print(f"     threshold_mix {mix:.2f}: micro-F1 "
                  f"{statistics.mean(r.micro_f1 for r in rs):.3f}   macro-F1 "
                  f"{statistics.mean(r.macro_f1 for r in rs):.3f}", flush=True)

    # 4. speed ---------------------------------------------------------------------------------
    kb5 = sum(len(t) for t in texts) / 5000
    best = min(_time(lambda: [score(s) for s in segs]) for _ in range(5))
    print(f"\n4. speed (best of 5, segmentation excluded): codebook {1000 * best / kb5:.2f} ms "
          "per 5 KB article", end="")
    model = train(df, evaluate=False)
    best = min(_time(lambda: [model.predict(s) for s in segs]) for _ in range(3))
    print(f"; classifier {1000 * best / kb5:.2f} ms per 5 KB article (with evidence)")
    seg_time = min(_time(lambda: [segment.__wrapped__(t) for t in texts]) for _ in range(3))
    print(f"   segmentation itself: {1000 * seg_time / kb5:.2f} ms per 5 KB")
    return 0


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
