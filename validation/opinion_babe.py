"""Which measures track opinionated and biased wording in news sentences (BABE).

BABE (Spinde et al. 2021, SG2: 3,674 news sentences from 11 US outlets on 23 topics, labelled
by experts) gives each sentence an opinion level ("Entirely factual" 0, "Somewhat factual but
also opinionated" 1, "Expresses writer's opinion" 2) and a bias label (biased / non-biased).
Nothing in framing was trained or tuned on BABE. Each sentence is scored on its own; printed
per measure: Spearman rho with the opinion level and ROC AUC for the opinion level 2 against 0
and for biased against non-biased, each with a 95% bootstrap interval (2,000 resamples of the
sentences, seed 0).

Usage::

    .venv/bin/python validation/opinion_babe.py

The data are read from ../shared/data (or $FRAMING_SHARED_DATA); nothing is copied.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

import train_tone as TT

from framing import hedging
from framing import sentiment as S

LEVELS = {"Entirely factual": 0, "Somewhat factual but also opinionated": 1,
          "Expresses writer’s opinion": 2}


def scores(text: str) -> dict:
    sent = S.score(text, evidence=False)
    hedge = hedging.score(text)
    return {
        "TextBlob subjectivity": sent.textblob_subjectivity,
        "|TextBlob polarity|": abs(sent.textblob_polarity),
        "|VADER compound|": abs(sent.vader_compound),
        "|tone|": abs(sent.tone),
        "boosters (count)": hedge.boosters,
        "hedges (count)": hedge.hedges,
        "hedges + boosters": hedge.hedges + hedge.boosters,
    }


def interval(stat, *arrays, n_boot: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    n = len(arrays[0])
    values = []
    for _ in range(n_boot):
        idx = rng.integers(0, n, n)
        try:
            values.append(stat(*(a[idx] for a in arrays)))
        except ValueError:  # a resample with one class only
            continue
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def main() -> int:
    path = TT.shared_dir() / "babe_mbic_media_bias" / "final_labels_SG2.csv"
    if not path.exists():
        print(f"{path} is absent", file=sys.stderr)
        return 2
    data = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    rows = pd.DataFrame([scores(t) for t in data["text"]], index=data.index)
    level = data["label_opinion"].map(LEVELS)
    biased = data["label_bias"].map({"Biased": 1, "Non-biased": 0})
    print(f"BABE SG2: {len(data)} sentences; opinion level known for {level.notna().sum()} "
          f"(0: {(level == 0).sum()}, 1: {(level == 1).sum()}, 2: {(level == 2).sum()}), "
          f"bias label for {biased.notna().sum()} ({int(biased.sum())} biased)\n")
    print("| measure | Spearman rho with opinion level [95% CI] | AUC opinion 2 vs 0 [95% CI] | "
          "AUC biased vs non-biased [95% CI] | zero share |")
    print("|---|---|---|---|---|")
    ok_level = level.notna().to_numpy()
    extreme = level.isin([0, 2]).to_numpy()
    ok_bias = biased.notna().to_numpy()
    for name in rows.columns:
        x = rows[name].to_numpy(dtype=float)
        lv, bs = level.to_numpy(dtype=float), biased.to_numpy(dtype=float)
        rho = spearmanr(x[ok_level], lv[ok_level])[0]
        rho_ci = interval(lambda a, b: spearmanr(a, b)[0], x[ok_level], lv[ok_level])
        auc_o = roc_auc_score(lv[extreme] == 2, x[extreme])
        auc_o_ci = interval(lambda a, b: roc_auc_score(b == 2, a), x[extreme], lv[extreme])
        auc_b = roc_auc_score(bs[ok_bias] == 1, x[ok_bias])
        auc_b_ci = interval(lambda a, b: roc_auc_score(b == 1, a), x[ok_bias], bs[ok_bias])
        print(f"| {name} | {rho:.3f} [{rho_ci[0]:.3f}, {rho_ci[1]:.3f}] | {auc_o:.3f} "
              f"[{auc_o_ci[0]:.3f}, {auc_o_ci[1]:.3f}] | {auc_b:.3f} [{auc_b_ci[0]:.3f}, "
              f"{auc_b_ci[1]:.3f}] | {float(np.mean(x == 0)):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
