"""Validity of the supervised frame classifier on the Gun Violence Frame Corpus (GVFC) headlines.

GVFC (Liu et al. 2019) is a researcher's own scheme: nine frames of gun-violence news, coded on
2,990 news headlines. Reads ../shared/data/gvfc_gun_violence_frames (override the data folder
with FRAMING_SHARED_DATA) and prints, by nested 5-fold cross-validation of
``framing.frames.train``:

1. single-label: each relevant headline with a theme, its first theme (Q3 Theme1) as the one
   frame -- accuracy and macro-F1 (the set-up of the GVFC paper);
2. multi-label: the same headlines with both themes (Theme1 and Theme2) -- micro/macro-F1, and
   the accuracy of the primary (most probable) frame against either coded theme;
3. the majority-class baseline, and the classifier's cost per headline.

Run:  .venv/bin/python validation/frames_gvfc.py [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from framing.frames import train
from framing.text import segment

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
FILE = DATA / "gvfc_gun_violence_frames" / "GVFC_headlines_and_annotations.csv"

#: Theme codes of GVFC (Q3), as given in the data folder's SOURCE.txt; 99 = no theme.
THEMES = {1: "gun_2nd_amendment_rights", 2: "gun_control_regulation", 3: "politics",
          4: "mental_health", 5: "school_or_public_space_safety", 6: "race_ethnicity",
          7: "public_opinion", 8: "society_culture", 9: "economic_consequences"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="fold seeds")
    args = ap.parse_args(argv)
    if not FILE.exists():
        print(f"{FILE} is absent; nothing to validate", file=sys.stderr)
        return 1
    warnings.simplefilter("ignore")
    raw = pd.read_csv(FILE)
    d = raw[(raw["Q1 Relevant"] == 1) & (raw["Q3 Theme1"] != 99)].copy()
    d["frame"] = d["Q3 Theme1"].map(THEMES)
    d["frames"] = [[THEMES[a]] + ([THEMES[b]] if b in THEMES and b != a else [])
                   for a, b in zip(d["Q3 Theme1"], d["Q3 Theme2"])]
    print(f"GVFC headlines: {len(raw)}; relevant with a theme: {len(d)}; with a second theme: "
          f"{sum(len(f) > 1 for f in d['frames'])}")
    print("theme counts (Theme1): " + ", ".join(f"{k} {v}" for k, v in
                                               d["frame"].value_counts().items()))
    majority = d["frame"].value_counts(normalize=True).iloc[0]
    print(f"majority-class baseline: accuracy {majority:.3f}, macro-F1 "
          f"{2 * majority / (1 + majority) / len(THEMES):.3f}\n")

    seeds = list(range(args.seeds))
    single = []
    for s in seeds:
        t0 = time.perf_counter()
        model = train(d, text_col="news_title", label_col="frame", seed=s)
        single.append(model.report)
        print(f"   seed {s}: accuracy {model.report.accuracy:.3f} macro-F1 "
              f"{model.report.macro_f1:.3f} ({model.report.chosen}; "
              f"{time.perf_counter() - t0:.0f} s)", flush=True)
    acc = [r.accuracy for r in single]
    mac = [r.macro_f1 for r in single]
    print(f"1. single-label (Theme1), nested 5-fold CV over {len(seeds)} seed(s): accuracy "
          f"{statistics.mean(acc):.3f} (sd {_sd(acc):.3f})   macro-F1 {statistics.mean(mac):.3f} "
          f"(sd {_sd(mac):.3f})")
    print("   feature sets (selection stage): " + "; ".join(
        f"{c['features']} accuracy {c['accuracy']:.3f} macro {c['macro_f1']:.3f}"
        for c in single[0].configs))
    print(single[0].per_frame.drop(columns="threshold").round(3).to_string(index=False))

    multi = [train(d, text_col="news_title", label_col="frames", seed=s).report for s in seeds]
    print(f"\n2. multi-label (Theme1 + Theme2), nested 5-fold CV over {len(seeds)} seed(s): "
          f"micro-F1 {statistics.mean(r.micro_f1 for r in multi):.3f}   macro-F1 "
          f"{statistics.mean(r.macro_f1 for r in multi):.3f}   primary frame among the coded "
          f"themes {statistics.mean(r.accuracy for r in multi):.3f}")

    model = train(d, text_col="news_title", label_col="frame", evaluate=False)
    segs = [segment(t) for t in d["news_title"]]
    best = min(_time(lambda: [model.predict(s) for s in segs]) for _ in range(3))
    print(f"\n3. cost: {1000 * best / len(segs):.3f} ms per headline (segmentation excluded); "
          f"training with nested CV {single[0].seconds:.0f} s")
    return 0


def _sd(values) -> float:
    return statistics.stdev(values) if len(values) > 1 else 0.0


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
