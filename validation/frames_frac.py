"""Held-out check of the ``policy`` codebook at sentence level, on the FrAC gold sentences.

FrAC (Guida et al. 2025) codes 523 sentences from news opinion articles and reader comments with
one policy frame each, some frames merged (legality with crime, political with policy). Neither
the codebook's cues nor its presence rule were tuned on this set, so it is an out-of-sample
figure for the per-sentence output (``FramesResult.sentences``) used for exemplars.

A sentence's predicted frame is the frame with the most cues in it (ties: the codebook's order),
mapped onto FrAC's categories; a sentence without cues, or whose frame FrAC does not code
(capacity and resources, quality of life, external regulation), counts as "other". The label
meanings are those inferred in the data folder's SOURCE.txt.

Run:  .venv/bin/python validation/frames_frac.py
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from framing.frames import score

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
FILE = DATA / "frac_frames_articles_comments" / "gold_standard_single_label_all.csv"

#: FrAC label codes (as read in SOURCE.txt) and the codebook frames each covers.
FRAC = {1: "economic", 3: "morality", 4: "fairness", 5: "legality+crime", 6: "political+policy",
        8: "security", 9: "health", 11: "cultural_identity", 12: "public_opinion", 15: "other"}
TO_FRAC = {"economic": "economic", "morality": "morality", "fairness_and_equality": "fairness",
           "legality_constitutionality_and_jurisprudence": "legality+crime",
           "crime_and_punishment": "legality+crime", "political": "political+policy",
           "policy_prescription_and_evaluation": "political+policy",
           "security_and_defense": "security", "health_and_safety": "health",
           "cultural_identity": "cultural_identity", "public_opinion": "public_opinion"}


def main() -> int:
    if not FILE.exists():
        print(f"{FILE} is absent; nothing to validate", file=sys.stderr)
        return 1
    data = pd.read_csv(FILE)
    gold = [FRAC[int(x)] for x in data["label"]]
    pred, any_cue = [], 0
    for text in data["sentence"]:
        r = score(text)
        counts = {s.name: s.n_cues for s in r.scores if s.n_cues}
        any_cue += bool(counts)
        best = max(counts, key=lambda n: counts[n]) if counts else None  # first on ties
        pred.append(TO_FRAC.get(best, "other"))
    labels = sorted(set(gold))
    rows = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        rows.append({"frame": lab, "support": tp + fn, "precision": tp / (tp + fp) if tp + fp
                     else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
                     "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0})
    table = pd.DataFrame(rows)
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    majority = Counter(gold).most_common(1)[0]
    print(f"FrAC gold sentences: {len(gold)}; with at least one codebook cue: "
          f"{any_cue / len(gold):.1%}")
    print(f"policy codebook, most-cued frame per sentence: accuracy {accuracy:.3f}   macro-F1 "
          f"{table['f1'].mean():.3f}")
    print(f"baseline, always the most frequent label ({majority[0]}): accuracy "
          f"{majority[1] / len(gold):.3f}")
    print(table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
