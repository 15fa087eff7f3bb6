"""Validity of framing.hedging against the SFU Review Corpus's speculation annotation.

Konstantinova et al. (2012) marked speculation cues and their scopes in 400 product, book and
movie reviews (17,263 sentences, 3,912 with a speculation cue): a domain that is not news, so
this is an out-of-domain check of the shipped lexicon and rules. Each sentence (its tokens
joined by spaces, as the corpus gives them) is scored on its own with ``framing.hedging.score``;
its ``uncertain`` flag is compared with the annotation (the sentence holds a speculation cue).
Prints precision, recall and F1 for ``framing`` (default options, and with conditionals
counted, since the SFU guidelines mark "if" as a speculation cue), for the Islam et al. (2020)
hedge-word baseline, and the recall by the annotated cue word for the most frequent ones.

Usage::

    .venv/bin/python validation/hedging_sfu.py

The data are read from ../shared/data (or $FRAMING_SHARED_DATA); nothing is copied.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter

import hedging_szeged as SZ

#: Speculation cues of the SFU guidelines that framing.hedging leaves out on purpose
#: (docs/validity_hedging.md): ability and permission "can", deontic "should" and "must",
#: alternatives "or" / "either", conditionals "if" (counted with ``conditionals=True``), past
#: inability "could n't"
NOT_COUNTED = frozenset({"can", "ca n't", "if", "or", "either", "should", "must", "could n't"})
CORPUS = SZ.SHARED / "sfu_review_negation_speculation" / "sfu_review_negspec_sentences.jsonl.gz"


def main() -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} is absent", file=sys.stderr)
        return 1
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    gold = [bool(r["speculative"]) for r in rows]
    words = SZ.load_baseline()
    systems = {
        "framing": [SZ.ours(r["text"]) for r in rows],
        "framing, conditionals counted": [SZ.ours(r["text"], conditionals=True) for r in rows],
        "islam2020": [SZ.baseline_flag(r["text"], words) for r in rows],
    }
    print(f"framing.hedging {SZ.hedging.VERSION}; SFU Review Corpus: {len(rows)} sentences, "
          f"{sum(gold)} speculative\n")
    print(f"{'system':32} {'P':>6} {'R':>6} {'F1':>6}")
    for name, pred in systems.items():
        p, r, f = SZ.prf(gold, pred)
        print(f"{name:32} {p:6.3f} {r:6.3f} {f:6.3f}")
    countable = [any(c["type"] == "speculation" and c["text"].lower() not in NOT_COUNTED
                     for c in r["cues"]) for r in rows]
    held = [f for f, c in zip(systems["framing"], countable) if c]
    print(f"\nrecall on the {len(held)} sentences holding a speculation cue other than those the "
          f"lexicon leaves out on purpose ({', '.join(sorted(NOT_COUNTED))}): "
          f"{sum(held) / len(held):.3f}; sentences whose cues are all of those: "
          f"{sum(g and not c for g, c in zip(gold, countable))}")
    print("\nrecall by cue word (sentences whose only speculation cue is that word; 20 most "
          "frequent)")
    only, hit = Counter(), Counter()
    for row, flagged in zip(rows, systems["framing"]):
        cues = {c["text"].lower() for c in row["cues"] if c["type"] == "speculation"}
        if len(cues) == 1:
            cue = cues.pop()
            only[cue] += 1
            hit[cue] += flagged
    for cue, n in only.most_common(20):
        print(f"   {cue:20} {hit[cue]:5d} / {n:5d} = {hit[cue] / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
