"""Proxy check of the ``generic`` codebook (Semetko & Valkenburg 2000) on gold data coded with
frames that overlap two of its five.

No data set here codes the five generic frames. Two code frames close to two of them:

- FrAC (Guida et al. 2025): 523 sentences, one policy frame each; its Economic (1) and Morality (3)
  labels stand for ``economic_consequences`` and ``morality``;
- GVFC (Liu et al. 2019): the 1,301 headlines coded relevant with a theme; theme 9, Economic
  consequences (first or second theme), stands for ``economic_consequences``.

A sentence or headline is predicted to carry a frame when at least one of the frame's cues is in
it (``FramesResult.scores[...].n_cues``), the presence rule playing no part. Printed per frame:
gold count, predicted count, precision, recall, F1. Conflict, human interest and responsibility
have no gold here. Label meanings are those of each folder's SOURCE.txt.

Run:  .venv/bin/python validation/frames_generic.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from framing.frames import score

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
FRAC = DATA / "frac_frames_articles_comments" / "gold_standard_single_label_all.csv"
GVFC = DATA / "gvfc_gun_violence_frames" / "GVFC_headlines_and_annotations.csv"


def cued(text: str, frame: str) -> bool:
    r = score(text, codebook="generic")
    return any(s.name == frame and s.n_cues for s in r.scores)


def report(name: str, gold: list[bool], pred: list[bool]) -> None:
    tp = sum(g and p for g, p in zip(gold, pred))
    p = tp / sum(pred) if sum(pred) else float("nan")
    r = tp / sum(gold) if sum(gold) else float("nan")
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name:45s} gold {sum(gold):4d}  predicted {sum(pred):4d}  "
          f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def main() -> int:
    if not FRAC.exists() or not GVFC.exists():
        print(f"{FRAC} or {GVFC} is absent; nothing to validate", file=sys.stderr)
        return 1
    frac = pd.read_csv(FRAC)
    for code, frame in ((1, "economic_consequences"), (3, "morality")):
        report(f"FrAC sentences ({len(frac)}): {frame}", [int(x) == code for x in frac["label"]],
               [cued(t, frame) for t in frac["sentence"]])
    g = pd.read_csv(GVFC)
    g = g[(g["Q1 Relevant"] == 1) & (g["Q3 Theme1"] != 99)]
    report(f"GVFC headlines ({len(g)}): economic_consequences",
           list((g["Q3 Theme1"] == 9) | (g["Q3 Theme2"] == 9)),
           [cued(t, "economic_consequences") for t in g["news_title"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
