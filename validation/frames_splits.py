"""The frames classifier on fresh random 70/30 splits of SemEval-2023 Task 3 (English frames).

A check beside the nested cross-validation of ``frames_semeval.py``: settings chosen by looking
at nested-CV figures can fit those runs; here each seed draws a new split of the 305 articles,
trains with ``evaluate=False`` on 70% and scores the other 30%, for the defaults and for one
alternative setting, side by side. Prints micro- and macro-F1 per seed and their means.

Run:  .venv/bin/python validation/frames_splits.py [--seeds 10] [--power 0.5] [--alpha 0.25]
      .venv/bin/python validation/frames_splits.py --no-word-vectors
      .venv/bin/python validation/frames_splits.py --no-soft-codebook
      .venv/bin/python validation/frames_splits.py --threshold-mix 0.25 --rare-threshold-mix 0.5

(``--power`` is ``train(class_weight_power=...)``, ``--alpha`` the log-count-ratio smoothing
count ``framing.frames.model.NB_ALPHA`` of the alternative; ``--no-word-vectors`` makes the
alternative the defaults without word vectors, ``train(word_vectors=False)``, instead;
``--no-soft-codebook`` the defaults without soft codebook features,
``train(soft_codebook=False)``; ``--threshold-mix`` the defaults with that
``train(threshold_mix=...)``, for the rare frames too unless ``--rare-threshold-mix`` is given:
``--threshold-mix 0.25 --rare-threshold-mix 0.5`` is the rule before 2026-11-29.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import framing.frames.model as frames_model
from framing.frames import canonical_name

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
FILE = DATA / "semeval2023_task3_en_frames" / "semeval2023_task3_en_train_frames_genre.jsonl"


def label_set(value) -> set[str]:
    items = value if isinstance(value, list) else str(value).split(";")
    return {canonical_name(x) for x in items if x}


def micro_macro(gold: list[set], pred: list[set], names) -> tuple[float, float]:
    tp = fp = fn = 0
    per_frame = []
    for name in names:
        g = np.array([name in s for s in gold])
        p = np.array([name in s for s in pred])
        a, b, c = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        tp, fp, fn = tp + a, fp + b, fn + c
        per_frame.append(0.0 if a == 0 else 2 * a / (2 * a + b + c))
    return 2 * tp / (2 * tp + fp + fn), float(np.mean(per_frame))


def load_articles() -> tuple[pd.DataFrame, list[str]] | None:
    """The SemEval-2023 articles and the sorted names of the frames coded in them; None (with a
    note on stderr) when ../shared/data is absent. Silences scikit-learn's warnings."""
    if not FILE.exists():
        print(f"skipped: {FILE} not found", file=sys.stderr)
        return None
    warnings.simplefilter("ignore")
    df = pd.DataFrame([json.loads(line) for line in FILE.open(encoding="utf-8")])
    return df, sorted(set().union(*map(label_set, df["frames"])))


def print_means(title: str, scores: dict[str, list]) -> None:
    """``title``, then each setting's mean micro-F1 / macro-F1 over its runs."""
    print(f"\n{title}, mean micro-F1 / macro-F1:")
    for key, values in scores.items():
        micro, macro = np.mean(values, axis=0)
        print(f"  {key:24s} {micro:.3f} / {macro:.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--power", type=float, default=0.5)
    parser.add_argument("--alpha", type=float, default=0.25)
    parser.add_argument("--no-word-vectors", action="store_true",
                        help="the alternative: the defaults with word_vectors=False")
    parser.add_argument("--no-soft-codebook", action="store_true",
                        help="the alternative: the defaults with soft_codebook=False")
    parser.add_argument("--threshold-mix", type=float, default=None,
                        help="the alternative: the defaults with this threshold_mix")
    parser.add_argument("--rare-threshold-mix", type=float, default=None,
                        help="with --threshold-mix: the rare frames' (default: the same)")
    args = parser.parse_args(argv)
    if (loaded := load_articles()) is None:
        return 0
    df, names = loaded
    default = (frames_model.NB_ALPHA, frames_model.CLASS_WEIGHT_POWER)
    mixes = (frames_model.THRESHOLD_MIX, frames_model.RARE_THRESHOLD_MIX)
    settings = {"defaults": (*default, True, None, mixes)}
    if args.no_word_vectors:
        settings["no word vectors"] = (*default, False, None, mixes)
    elif args.no_soft_codebook:
        settings["no soft codebook"] = (*default, True, False, mixes)
    elif args.threshold_mix is not None:
        rare = "" if args.rare_threshold_mix is None else f", rare {args.rare_threshold_mix:g}"
        settings[f"threshold_mix {args.threshold_mix:g}{rare}"] = (
            *default, True, None, (args.threshold_mix, args.rare_threshold_mix))
    else:
        settings[f"alpha {args.alpha:g}, power {args.power:g}"] = (args.alpha, args.power, True,
                                                                   None, mixes)
    scores: dict[str, list] = {k: [] for k in settings}
    for seed in range(args.seeds):
        order = np.random.RandomState(seed).permutation(len(df))
        cut = int(0.7 * len(df))
        train_part, test_part = df.iloc[order[:cut]], df.iloc[order[cut:]]
        gold = [label_set(v) for v in test_part["frames"]]
        line = [f"seed {seed}"]
        for key, (alpha, power, vectors, soft, (mix, rare_mix)) in settings.items():
            frames_model.NB_ALPHA = alpha
            model = frames_model.train(train_part, text_col="text", label_col="frames",
                                       evaluate=False, class_weight_power=power,
                                       word_vectors=vectors, soft_codebook=soft,
                                       threshold_mix=mix, rare_threshold_mix=rare_mix)
            pred = [set(model.predict(t).present) for t in test_part["text"]]
            scores[key].append(micro_macro(gold, pred, names))
            line.append(f"{key}: {scores[key][-1][0]:.3f} / {scores[key][-1][1]:.3f}")
        print("  ".join(line), flush=True)
    print_means(f"{len(df)} articles, {args.seeds} splits of {cut} / {len(df) - cut}", scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
