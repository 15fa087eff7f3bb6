"""Which lines the later boilerplate patterns remove from the AllSides corpus, beyond the first
release's (`framing.corpus.IDENTITY_BOILERPLATE_PATTERNS`): counts, the most frequent lines, and
every rare one, for reading through for article prose removed by mistake.

    .venv/bin/python validation/boilerplate_allsides.py            # needs ../shared/data

Lines are those of ``content_original`` split at line breaks, as `framing.corpus.clean_text`
splits them (HTML conversion aside: the corpus is plain text).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from collections import Counter
from pathlib import Path

from framing import corpus

SHARED = Path(os.environ.get("FRAMING_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))


def later_pattern_lines(path: Path) -> tuple[int, int, Counter]:
    """(articles read, articles with a line removed only by the later patterns, line counts)."""
    lines, articles, touched = Counter(), 0, 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for record in f:
            text = json.loads(record).get("content_original") or ""
            articles += 1
            hit = False
            for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                if (len(line) <= corpus.BOILERPLATE_MAX_CHARS and line.strip()
                        and corpus._BOILERPLATE_RE.match(line)
                        and not corpus._IDENTITY_BOILERPLATE_RE.match(line)):
                    lines[line.strip()] += 1
                    hit = True
            touched += hit
    return articles, touched, lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=30, help="most frequent lines to print")
    parser.add_argument("--rare", type=int, default=3,
                        help="print every line removed at most this many times")
    args = parser.parse_args(argv)
    path = SHARED / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    if not path.exists():
        parser.error(f"{path} not found (set FRAMING_SHARED_DATA)")
    articles, touched, lines = later_pattern_lines(path)
    print(f"{articles} articles; the later patterns remove {sum(lines.values())} more lines "
          f"({len(lines)} distinct) from {touched} of them")
    print(f"\nthe {args.top} most frequent:")
    for line, n in lines.most_common(args.top):
        print(f"{n:6d}  {line[:110]}")
    rare = [line for line, n in lines.items() if n <= args.rare]
    print(f"\nremoved at most {args.rare} times: {len(rare)} distinct lines")
    for line in sorted(rare):
        print(f"        {line[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
