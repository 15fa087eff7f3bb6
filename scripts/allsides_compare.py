"""Compare the AllSides corpus by bias label and by its ten largest sources (issue #6 end to end).

Reads a store that holds the full corpus (``framing ingest
../shared/data/article_bias_prediction_allsides/articles.jsonl.gz --map text=content_original
--map outlet=source --store STORE``), scores what is not scored yet (``framing.analyze``), and
writes the comparison tables to ``--out``. Prints timings and peak memory.

    .venv/bin/python scripts/allsides_compare.py --store /tmp/allsides.duckdb --out /tmp/allsides
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import framing
from framing.compare import omnibus, pairwise

MEASURES = ["hedging_hedge_density", "hedging_booster_density", "hedging_attribution_density",
            "hedging_uncertain_share", "sentiment_tone", "sentiment_textblob_polarity",
            "sentiment_textblob_subjectivity", "sentiment_vader_compound", "sources_n_quotes",
            "sources_named_sources", "sources_anonymous_sources", "sources_quote_share"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--n-boot", type=int, default=2000)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.time()
    metrics = framing.analyze(store=args.store, jobs=args.jobs)
    t_analyze = time.time() - t0
    with framing.Store(args.store, read_only=True) as store:
        extra = store.fields("bias_text")
    metrics = metrics.merge(extra, on="article_hash", how="left")

    t1 = time.time()
    by_bias = framing.compare(metrics, by="bias_text", measures=MEASURES, n_boot=args.n_boot)
    by_bias.to_csv(out / "by_bias.csv", index=False)
    omnibus(metrics, by="bias_text", measures=MEASURES).to_csv(out / "by_bias_tests.csv", index=False)
    pairwise(metrics, by="bias_text", measures=MEASURES, n_boot=args.n_boot).to_csv(
        out / "by_bias_pairwise.csv", index=False)
    top = metrics["outlet"].value_counts().head(10).index
    top10 = metrics[metrics["outlet"].isin(top)]
    by_source = framing.compare(top10, by="outlet", measures=MEASURES, n_boot=args.n_boot)
    by_source.to_csv(out / "by_source_top10.csv", index=False)
    omnibus(top10, by="outlet", measures=MEASURES).to_csv(out / "by_source_top10_tests.csv",
                                                          index=False)
    t_compare = time.time() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(metrics)}; analyze (scoring what is new): {t_analyze:.1f} s; "
          f"compare (both groupings, {args.n_boot} resamples): {t_compare:.1f} s; "
          f"peak RSS of this process: {peak:.0f} MB")
    print(by_bias[by_bias["measure"].isin(["hedging_hedge_density", "sentiment_tone",
                                            "sources_anonymous_sources"])].round(3).to_string())


if __name__ == "__main__":
    main()
