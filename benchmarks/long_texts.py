"""CPU time of the segmentation and of each family on long texts: does it grow with the length?

Usage::

    .venv/bin/python benchmarks/long_texts.py                      # 5k ... 80k tokens
    .venv/bin/python benchmarks/long_texts.py --sizes 5000 160000 640000

Glues AllSides articles (``content_original`` of ``article_bias_prediction_allsides/
articles.jsonl.gz`` in the shared data folder, ``<repo>/../shared/data`` or
``$FRAMING_SHARED_DATA``; those over 500 characters, in file order, a blank line between two)
into texts of about each size in tokens, as a scraped page or a transcript of many articles is
one text; and, at the size of ``--odd`` tokens, the same text as one paragraph and with every
double quotation mark removed and one opened after its first sentence (a quotation never
closed). Times, on each (``time.process_time``, one run, caches warm from a short text):
``segment``, ``sources.score``, ``hedging.score`` (after sources, whose analysis it reads),
``sentiment.score(evidence=False)``, ``frames.score(codebook="policy")``, each with ``.row()``,
and then ``analyze.score_text`` on a fresh segmentation. Prints one JSON line per text, with
the microseconds per token of each. Exits with a message (status 0) when the corpus is absent.
To compare two versions, run it with each one's ``src`` on ``PYTHONPATH``, alternating.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = ("article_bias_prediction_allsides", "articles.jsonl.gz")


def glued_texts(sizes, odd: int | None) -> dict[str, str] | None:
    from framing.text import tokenize

    path = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
    path = path.joinpath(*CORPUS)
    if not path.exists():
        return None
    texts, parts, n = {}, [], 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        articles = (c for c in (json.loads(line).get("content_original") or "" for line in f)
                    if len(c) > 500)
        for size in sorted(set(sizes) | ({odd} if odd else set())):
            while n < size:
                article = next(articles, None)
                if article is None:
                    break
                parts.append(article)
                n += len(tokenize(article))
            texts[f"{size // 1000}k"] = "\n\n".join(parts)
    if odd:
        glued = texts[f"{odd // 1000}k"]
        texts[f"{odd // 1000}k one paragraph"] = re.sub(r"\s+", " ", glued)
        unquoted = re.sub(r"[\"“”]", "", glued)
        first = unquoted.index(". ") + 2
        texts[f"{odd // 1000}k unclosed quote"] = unquoted[:first] + "He said: “" + unquoted[first:]
        if odd not in sizes:
            del texts[f"{odd // 1000}k"]
    return texts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000, 40000, 80000])
    parser.add_argument("--odd", type=int, default=40000,
                        help="size of the one-paragraph and unclosed-quote texts (0: none)")
    args = parser.parse_args(argv)
    texts = glued_texts(args.sizes, args.odd or None)
    if texts is None:
        print("the AllSides corpus is absent: nothing timed")
        return
    from framing import frames, hedging, sentiment, sources
    from framing.analyze import score_text
    from framing.text import segment

    families = [("sources", sources, {}), ("hedging", hedging, {}),
                ("sentiment", sentiment, {"evidence": False}),
                ("frames", frames, {"codebook": "policy"})]
    warm = segment('Officials said talks may resume. "We hope," he said.')
    for _, module, options in families:
        module.score(warm, **options).row()
    score_text("Officials said talks may resume.")
    for name, text in texts.items():
        segment.cache_clear()
        clock = time.process_time()
        seg = segment(text)
        seconds = {"segment": time.process_time() - clock}
        for family, module, options in families:
            clock = time.process_time()
            module.score(seg, **options).row()
            seconds[family] = time.process_time() - clock
        segment.cache_clear()
        clock = time.process_time()
        score_text(text)
        seconds["score_text"] = time.process_time() - clock
        n = len(seg.tokens)
        print(json.dumps({"text": name, "tokens": n,
                          "seconds": {k: round(v, 3) for k, v in seconds.items()},
                          "us_per_token": {k: round(v / n * 1e6, 2) for k, v in seconds.items()}}),
              flush=True)


if __name__ == "__main__":
    main()
