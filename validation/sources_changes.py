"""Which quotes a change to `framing.sources` moves, on the first N AllSides articles
(``../shared/data`` or ``$FRAMING_SHARED_DATA``): dump the quotes of one version of the code,
then of another, and list every quote whose span, speaker or speaker type differs and every
anonymous-source mention (``anonymous_source`` evidence) that appears, goes or changes its span.

    git stash; python validation/sources_changes.py dump /tmp/before.jsonl; git stash pop
    python validation/sources_changes.py dump /tmp/after.jsonl
    python validation/sources_changes.py diff /tmp/before.jsonl /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench  # noqa: E402  (the benchmark's reader of the shared corpus)

from framing import sources  # noqa: E402


def dump(path: str, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i, text in enumerate(bench.read_texts(n)):
            r = sources.score(text)
            quotes = [[q.start, q.text[:60], q.speaker, q.speaker_type] for q in r.quotes]
            anonymous = [[e.start, e.text] for e in r.evidence if e.label == "anonymous_source"]
            out.write(json.dumps({"article": i, "row": r.row(), "quotes": quotes,
                                  "anonymous": anonymous}) + "\n")
    print(f"{path}: quotes of {n} articles by framing.sources {sources.VERSION}")


def diff(before: str, after: str) -> None:
    def read(path):
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]

    changed = n_quotes = n_anonymous = 0
    for a, b in zip(read(before), read(after)):
        if a == b:
            continue
        changed += 1
        qa = {q[0]: q for q in a["quotes"]}
        qb = {q[0]: q for q in b["quotes"]}
        for start in sorted(set(qa) | set(qb)):
            if qa.get(start) != qb.get(start):
                n_quotes += 1
                print(a["article"], "before", qa.get(start))
                print(a["article"], "after ", qb.get(start))
        # anonymous-source mentions, also those of a cue without a quotation ("an aide
        # confirmed the figure"), which no quote above shows (a dump made before the script
        # recorded them has none: then only quotes are compared)
        if "anonymous" not in a or "anonymous" not in b:
            continue
        ma = {m[0]: m for m in a["anonymous"]}
        mb = {m[0]: m for m in b["anonymous"]}
        for start in sorted(set(ma) | set(mb)):
            if ma.get(start) != mb.get(start):
                n_anonymous += 1
                print(a["article"], "anonymous before", ma.get(start))
                print(a["article"], "anonymous after ", mb.get(start))
    print(f"{n_quotes} quotes and {n_anonymous} anonymous-source mentions changed "
          f"in {changed} articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="write the quotes of the first N articles")
    d.add_argument("out")
    d.add_argument("--n", type=int, default=600)
    c = sub.add_parser("diff", help="list the quotes that differ between two dumps")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.out, args.n)
    else:
        diff(args.before, args.after)


if __name__ == "__main__":
    main()
