"""Validity of framing.hedging against the Szeged Uncertainty Corpus (sentence level).

Scores every sentence of the corpus with ``framing.hedging.score`` and compares its ``uncertain``
flag (any sentence of the scored text flagged) with the human annotation (the sentence has at
least one uncertainty cue). Prints:

1. precision, recall and F1 per subcorpus for ``framing`` (the shipped lexicon and rules, the
   default options) and for the baseline ``islam2020`` (flag a sentence holding any word of
   Islam et al. 2020 ``hedge_words.txt``, matched as whole lower-cased tokens);
2. on the news subcorpus, the recall by Szeged cue class (epistemic, doxastic, investigation,
   condition) of the sentences holding a cue of that class;
3. what the cue types we deliberately do not count would change: the same figures with
   conditionals counted, with bare "should" / "can" counted as hedges, with "would" left out,
   with approximators made uncertainty cues (news and wiki);
4. speed of ``score`` on a ~5 KB news article, on top of the (shared, cached) segmentation.

Usage::

    .venv/bin/python validation/hedging_szeged.py                    # the figures
    .venv/bin/python validation/hedging_szeged.py --errors factbank  # also list the errors

The data are read from ../shared/data (or $FRAMING_SHARED_DATA); nothing is copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from framing import hedging
from framing.results import read_data_text
from framing.text import segment

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
CORPUS = SHARED / "szeged_uncertainty_corpus" / "szeged_uncertainty_sentences.jsonl.gz"
BASELINE = SHARED / "hedge_lexicon_islam2020" / "hedge_words.txt"
SUBCORPORA = {"factbank (news, dev half)": ("factbank",), "wiki": ("wiki",),
              "bio (all)": ("bio_bmc", "bio_fly", "bio_hbc"), "bio_bmc": ("bio_bmc",),
              "bio_fly": ("bio_fly",), "bio_hbc": ("bio_hbc",)}
_ROW = "\thedge\t{subtype}\tyes\tkeep\t{rule}\tvalidation variant"


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cue_type(raw: str) -> str:
    """Szeged's cue class: "speculation_hypo_condition _" -> "condition",
    "speculation_modal_probable_" -> "epistemic"."""
    parts = raw.replace(" ", "").strip("_").split("_")
    return "epistemic" if parts[1] == "modal" else parts[-1]


def load_baseline() -> frozenset[str]:
    words = set()
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


def baseline_flag(text: str, words: frozenset[str]) -> bool:
    return any(t in words for t in segment(text).norm)


def ours(text: str, **options) -> bool:
    return any(hedging.score(text, **options).sentence_uncertain)


def variant_lexicons(folder: Path) -> dict[str, hedging.Lexicon]:
    """The shipped lexicon with one deliberate choice reversed, written to ``folder``."""
    shipped = read_data_text("hedging", "lexicon.tsv")
    lines = shipped.splitlines()

    def edit(name, new_lines):
        path = folder / f"{name}.tsv"
        path.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
        return hedging.load_lexicon(path)

    def flag(line, prefix, value):
        if not line.startswith(prefix):
            return line
        f = line.split("\t")
        f[3] = value
        return "\t".join(f)

    return {
        "+ should": edit("should", [*lines, "should" + _ROW.format(
            subtype="epistemic modal", rule="")]),
        "+ can": edit("can", [*lines, "can" + _ROW.format(subtype="epistemic modal", rule="")]),
        "- would": edit("would", [flag(x, "would\t", "no") for x in lines]),
        "+ approximators": edit("approx", [
            flag(x, x.split("\t")[0] + "\t", "yes") if "\tapproximator\t" in x else x
            for x in lines]),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", metavar="SUBCORPUS", help="list false positives and negatives")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} is absent", file=sys.stderr)
        return 1
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    words = load_baseline()
    print(f"framing.hedging {hedging.VERSION}; {len(rows)} sentences from {CORPUS.name}\n")

    print("1. Sentence-level uncertainty, shipped lexicon and rules vs the Islam2020 baseline")
    print(f"{'subcorpus':27} {'n':>6} {'unc.':>5}  {'system':10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, parts in SUBCORPORA.items():
        sub = [r for r in rows if r["subcorpus"] in parts]
        gold = [bool(r["uncertain"]) for r in sub]
        systems = {"framing": [ours(r["text"]) for r in sub],
                   "islam2020": [baseline_flag(r["text"], words) for r in sub]}
        for i, (system, pred) in enumerate(systems.items()):
            p, r_, f = prf(gold, pred)
            label = f"{name:27} {len(sub):6d} {sum(gold):5d}" if i == 0 else " " * 40
            print(f"{label}  {system:10} {p:6.3f} {r_:6.3f} {f:6.3f}")

    news = [r for r in rows if r["subcorpus"] == "factbank"]
    gold = [bool(r["uncertain"]) for r in news]
    pred = [ours(r["text"]) for r in news]
    print("\n2. factbank: recall by Szeged cue class (sentences holding a cue of that class)")
    for cls in ("epistemic", "doxastic", "investigation", "condition"):
        having = [p for r, p in zip(news, pred) if any(cue_type(c["type"]) == cls
                                                       for c in r["cues"])]
        print(f"   {cls:14} {sum(having):4d} / {len(having):4d} = {sum(having) / len(having):.3f}")
    missed = [r for r, g, p in zip(news, gold, pred) if g and not p]
    only = Counter()
    for r in missed:
        types = {cue_type(c["type"]) for c in r["cues"]}
        only[types.pop() if len(types) == 1 else "mixed"] += 1
    print(f"   missed uncertain sentences: {len(missed)} of {sum(gold)}; by their only cue class: "
          f"{dict(only.most_common())}")

    print("\n3. Deliberate exclusions: F1 if each were reversed (P / R / F1)")
    wiki = [r for r in rows if r["subcorpus"] == "wiki"]
    wiki_gold = [bool(r["uncertain"]) for r in wiki]
    with tempfile.TemporaryDirectory() as tmp:
        variants = {"shipped (default)": {}, "+ conditionals": {"conditionals": True}}
        variants.update({k: {"lexicon": v} for k, v in variant_lexicons(Path(tmp)).items()})
        print(f"   {'variant':20} {'factbank':>22}   {'wiki':>22}")
        for name, options in variants.items():
            f_scores = prf(gold, [ours(r["text"], **options) for r in news])
            w_scores = prf(wiki_gold, [ours(r["text"], **options) for r in wiki])
            f_text, w_text = (" / ".join(f"{x:.3f}" for x in sc) for sc in (f_scores, w_scores))
            print(f"   {name:20} {f_text:>22}   {w_text:>22}")

    # speed: a ~5 KB article made of news sentences; segmentation timed separately
    article = " ".join(r["text"].strip() for r in news[:40])
    while len(article) < 5000:
        article += " " + article
    article = article[:5000]
    reps = 300
    t0 = time.perf_counter()
    for k in range(reps):
        segment.cache_clear()
        segment(article + " " * (k % 2))
    t_seg = (time.perf_counter() - t0) / reps
    seg = segment(article)
    hedging.score(seg)
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(reps):
            hedging.score(seg)
        timings.append((time.perf_counter() - t0) / reps)
    print(f"\n4. Speed on a {len(article)}-character news article: segmentation "
          f"{t_seg * 1e3:.2f} ms; hedging.score on top of it {min(timings) * 1e3:.2f} ms "
          f"(best of 5 x {reps}; without the attribution analysis its voices share with "
          f"framing.sources, which the segmentation keeps after the first call)")

    if args.errors:
        parts = SUBCORPORA.get(args.errors, (args.errors,))
        print(f"\nErrors on {args.errors}:")
        for r in (r for r in rows if r["subcorpus"] in parts):
            res = hedging.score(r["text"])
            p, g = any(res.sentence_uncertain), bool(r["uncertain"])
            if p != g:
                gold_cues = [(c["text"], cue_type(c["type"])) for c in r["cues"]]
                found = [(e.text, e.subtype) for e in res.evidence]
                print(f"{'FP' if p else 'FN'} {' '.join(r['text'].split())[:220]}\n"
                      f"     gold={gold_cues} ours={found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
