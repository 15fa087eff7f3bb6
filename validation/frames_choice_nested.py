"""The frames classifier's threshold rule chosen inside cross-validation (doubly nested).

``threshold_mix`` was chosen by looking at nested-CV figures of the SemEval-2023 Task 3 English
articles (docs/validity_frames.md), so those figures carry some optimism from the choice. Here
the choice itself is part of what is evaluated: each outer fold's training part chooses among
the candidate rules by its own nested CV (``train(..., seed=seed).report``: the best macro-F1
among the rules whose micro-F1 is within 0.005 of the best micro-F1), a model with the chosen
rule is fitted on that part, and the held-out fold is scored. Every rule is also scored fixed,
side by side. Outer folds are fresh partitions (``RandomState(1000 + seed)``), pooled over the
five folds. Prints micro- and macro-F1 per seed and their means.

Run:  .venv/bin/python validation/frames_choice_nested.py [--seeds 0 1 2 3 4]   (~4 min a seed)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import framing.frames.model as frames_model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frames_splits import label_set, load_articles, micro_macro, print_means

#: name -> (threshold_mix, rare_threshold_mix); the first three are the candidates.
RULES = {"0.5": (0.5, None), "0.4, rare 0.5": (0.4, 0.5), "0.25, rare 0.75": (0.25, 0.75),
         "0.25, rare 0.5 (before)": (0.25, 0.5)}
CANDIDATES = ("0.5", "0.4, rare 0.5", "0.25, rare 0.75")
FOLDS = 5


def choose(inner: dict[str, tuple[float, float]]) -> str:
    """The candidate with the best macro-F1 among those within 0.005 of the best micro-F1."""
    top = max(micro for micro, _ in inner.values())
    return max((n for n in CANDIDATES if inner[n][0] >= top - 0.005), key=lambda n: inner[n][1])


def run_seed(df: pd.DataFrame, names: list[str], seed: int) -> tuple[dict, list[str]]:
    order = np.random.RandomState(1000 + seed).permutation(len(df))
    folds = np.array_split(order, FOLDS)
    gold: list[set] = []
    pred: dict[str, list] = {k: [] for k in ("chosen", *RULES)}
    picks = []
    for k in range(FOLDS):
        test = df.iloc[folds[k]]
        train = df.iloc[np.concatenate([folds[j] for j in range(FOLDS) if j != k])]
        inner = {}
        for name in CANDIDATES:
            mix, rare = RULES[name]
            r = frames_model.train(train, threshold_mix=mix, rare_threshold_mix=rare,
                                   seed=seed).report
            inner[name] = (r.micro_f1, r.macro_f1)
        picks.append(choose(inner))
        gold += [label_set(v) for v in test["frames"]]
        for name, (mix, rare) in RULES.items():
            model = frames_model.train(train, threshold_mix=mix, rare_threshold_mix=rare,
                                       evaluate=False)
            found = [set(model.predict(t).present) for t in test["text"]]
            pred[name] += found
            if name == picks[-1]:
                pred["chosen"] += found
    return {k: micro_macro(gold, v, names) for k, v in pred.items()}, picks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args(argv)
    if (loaded := load_articles()) is None:
        return 0
    df, names = loaded
    scores: dict[str, list] = {}
    for seed in args.seeds:
        figures, picks = run_seed(df, names, seed)
        for key, value in figures.items():
            scores.setdefault(key, []).append(value)
        print(f"seed {seed}: chosen per fold {picks}", flush=True)
        for key, (micro, macro) in figures.items():
            print(f"  {key:24s} {micro:.4f} / {macro:.4f}", flush=True)
    print_means(f"over seeds {args.seeds}", scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
