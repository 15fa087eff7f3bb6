"""How much a target's exclusion list changes the tone toward it: the articles among the first
4,000 of the AllSides corpus (``../shared/data`` or ``$FRAMING_SHARED_DATA``) that name Trump,
scored by :func:`framing.sentiment.toward` with and without the phrases that are not him
(his relatives, his companies and buildings). Prints the mentions dropped and the articles
whose tone moved.

    python validation/toward_exclusions.py [--n 4000] [--articles 600]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench  # noqa: E402  (the benchmark's reader of the shared corpus)

from framing.sentiment import toward  # noqa: E402

ALIASES = ["Trump", "Donald Trump", "President Trump"]
NOT_HIM = ["Ivanka Trump", "Melania Trump", "Eric Trump", "Lara Trump", "Barron Trump",
           "Tiffany Trump", "Fred Trump", "Donald Trump Jr.", "Trump Jr.", "Trump Tower",
           "Trump Organization", "Trump International", "Trump Foundation", "Trump University",
           "Trump National"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="first N articles of the corpus")
    ap.add_argument("--articles", type=int, default=600, help="at most this many naming Trump")
    args = ap.parse_args()
    texts = pd.Series([t for t in bench.read_texts(args.n) if re.search(r"\bTrump\b", t)]
                      [:args.articles])
    plain = toward(texts, {"Trump": ALIASES})
    excluded = toward(texts, {"Trump": {"aliases": ALIASES, "exclude": NOT_HIM}})
    shift = excluded["toward_tone"] - plain["toward_tone"]
    moved = shift[shift.fillna(1.0) != 0]
    lost = (excluded["toward_n_mentions"] == 0) & (plain["toward_n_mentions"] > 0)
    print(f"{len(texts)} articles naming Trump: {int(plain['toward_n_mentions'].sum())} mentions, "
          f"{int(excluded['toward_n_mentions'].sum())} with the exclusions")
    print(f"{len(moved)} articles' tone moved, by {moved.abs().mean():.3f} on average "
          f"(largest {moved.abs().max():.3f}); {int(lost.sum())} lost every mention")


if __name__ == "__main__":
    main()
