"""Outlet mean tone under two tone models, beside each outlet's rate of reporting words.

A check for refits of the tone model that should leave outlet comparisons alone except for a
known confound: how far each outlet's mean article tone moves, and whether the move follows how
much the outlet quotes ("said", "says", "told", "according" per 1,000 words).

Run from the repository root (with ../shared/data, or $FRAMING_SHARED_DATA):

    git show <commit>:src/framing/data/sentiment/tone_model.json > /tmp/tone_before.json
    .venv/bin/python validation/tone_outlets.py --before /tmp/tone_before.json [--n 6000]

The "after" model is the shipped one unless ``--after`` names another file. Texts are cleaned
as ``framing ingest`` cleans them; outlets with fewer than ``--min-articles`` are not listed.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
from collections import defaultdict

import numpy as np
import train_tone as TT
from scipy.stats import pearsonr

from framing import sentiment as S
from framing.corpus import clean_text

REPORTING = re.compile(r"\b(?:said|says|told|according)\b")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="the earlier tone_model.json")
    ap.add_argument("--after", default=None, help="the later one (default: the shipped model)")
    ap.add_argument("--n", type=int, default=6000, help="first N AllSides articles")
    ap.add_argument("--min-articles", type=int, default=150)
    args = ap.parse_args(argv)
    path = TT.shared_dir() / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    if not path.exists():
        print(f"{path} is absent", file=sys.stderr)
        return 2
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, args.n)]
    tones = {"before": defaultdict(list), "after": defaultdict(list)}
    words, cues = defaultdict(int), defaultdict(int)
    for r in rows:
        text = clean_text(r["content_original"])[0]
        words[r["source"]] += len(text.split())
        cues[r["source"]] += len(REPORTING.findall(text))
        for which, model in (("before", args.before), ("after", args.after)):
            tones[which][r["source"]].append(S.score(text, evidence=False, model=model).tone)
    table = []
    for outlet, before in tones["before"].items():
        if len(before) < args.min_articles:
            continue
        b, a = np.nanmean(before), np.nanmean(tones["after"][outlet])
        table.append((a - b, outlet, len(before), b, a, 1000 * cues[outlet] / words[outlet]))
    table.sort()
    print(f"{'outlet':30} {'n':>5} {'before':>8} {'after':>8} {'change':>8} {'rate':>6}")
    for change, outlet, n, b, a, rate in table:
        print(f"{outlet:30} {n:5d} {b:+8.4f} {a:+8.4f} {change:+8.4f} {rate:6.1f}")
    change, rate = [t[0] for t in table], [t[5] for t in table]
    before, after = [t[3] for t in table], [t[4] for t in table]
    print(f"\nr(change, reporting rate) {pearsonr(change, rate)[0]:+.3f}; "
          f"r(tone, reporting rate) before {pearsonr(before, rate)[0]:+.3f}, "
          f"after {pearsonr(after, rate)[0]:+.3f}; spread of outlet means before "
          f"{max(before) - min(before):.4f}, after {max(after) - min(after):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
