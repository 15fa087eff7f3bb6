"""Precision, recall and F1 of framing.sources against the hand-annotated passages.

    .venv/bin/python validation/sources_eval.py                  # both splits
    .venv/bin/python validation/sources_eval.py --split dev --errors

The gold file (validation/sources_gold.jsonl) holds original, news-like passages written for this
project, each annotated with its quotes (span, kind direct|reported, speaker, anonymous) and its
anonymous-source mentions; ``split`` is ``dev`` (used while writing the rules) or ``heldout``
(not looked at while tuning). See docs/validity_sources.md for the coding rules.

Matching:
- direct quotes: one-to-one, a predicted and a gold span match when their overlap is at least
  half of their union (quotation marks make the boundaries sharp);
- reported speech: one-to-one, any character overlap (content boundaries are fuzzy);
- speakers: over all gold quotes (direct + reported) with a speaker; a predicted speaker is right
  when its quote matched and the names agree. "strict": equal after lower-casing and dropping a
  leading article and possessive 's; "head": the last word agrees ("Varga" ~ "Tomas Varga",
  "the association" ~ "Motor Traders' Association"). Precision is over all predicted quotes that
  name a speaker, recall over all gold quotes that have one;
- anonymous sources: one-to-one, any overlap between a predicted ``anonymous_source`` evidence
  span and an annotated mention; the anonymous flag of matched quotes is reported as accuracy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

from framing import sources
from framing.text import segment

GOLD = Path(__file__).resolve().parent / "sources_gold.jsonl"
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA",
                             Path(__file__).resolve().parents[2] / "shared" / "data"))


def load(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            for q in r["quotes"]:
                if r["text"][q["start"]:q["end"]] != q["text"]:
                    sys.exit(f"{path}:{n}: span of {q['text']!r} does not match the text")
            rows.append(r)
    return rows


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list, pred: list, *, iou: float | None) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of (start, end) spans, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov <= 0:
                continue
            union = max(g[1], p[1]) - min(g[0], p[0])
            if iou is not None and ov / union < iou:
                continue
            cands.append((ov / union, i, j))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _norm(name: str | None) -> str:
    if not name:
        return ""
    s = name.lower().replace("’", "'")
    s = re.sub(r"'s\b|'", "", s)
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return re.sub(r"[^\w\s-]", "", s).strip()


def speaker_ok(gold: str | None, pred: str | None, how: str) -> bool:
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return False
    if how == "strict":
        return g == p
    return g.split()[-1] == p.split()[-1]


class Counts:
    def __init__(self):
        self.tp = self.n_gold = self.n_pred = 0

    def add(self, tp, n_gold, n_pred):
        self.tp += tp
        self.n_gold += n_gold
        self.n_pred += n_pred

    def prf(self):
        p = self.tp / self.n_pred if self.n_pred else float("nan")
        r = self.tp / self.n_gold if self.n_gold else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def evaluate(rows: list[dict], *, errors: bool = False) -> dict:
    c = {k: Counts() for k in ("direct quotes", "reported speech", "all attributions",
                               "speaker (strict)", "speaker (head)", "anonymous sources")}
    anon_flag = [0, 0]
    for r in rows:
        text = r["text"]
        res = sources.score(text)
        pq = list(res.quotes)
        gq = r["quotes"]
        pairs_all = []
        for kind, iou, name in (("direct", 0.5, "direct quotes"),
                                ("reported", None, "reported speech")):
            gi = [i for i, q in enumerate(gq) if q["kind"] == kind]
            pi = [j for j, q in enumerate(pq) if q.kind == kind]
            pairs = match([(gq[i]["start"], gq[i]["end"]) for i in gi],
                          [(pq[j].start, pq[j].end) for j in pi], iou=iou)
            pairs = [(gi[a], pi[b]) for a, b in pairs]
            c[name].add(len(pairs), len(gi), len(pi))
            pairs_all += pairs
            if errors:
                mg = {a for a, _ in pairs}
                mp = {b for _, b in pairs}
                for i in gi:
                    if i not in mg:
                        print(f"  {r['id']} MISSED {kind}: {gq[i]['text'][:90]!r}")
                for j in pi:
                    if j not in mp:
                        print(f"  {r['id']} SPURIOUS {kind}: {pq[j].text[:90]!r} "
                              f"(speaker {pq[j].speaker!r})")
        c["all attributions"].add(len(pairs_all), len(gq), len(pq))
        for how in ("strict", "head"):
            ok = sum(1 for i, j in pairs_all if speaker_ok(gq[i]["speaker"], pq[j].speaker, how))
            c[f"speaker ({how})"].add(ok, sum(1 for q in gq if q["speaker"]),
                                      sum(1 for q in pq if q.speaker))
        if errors:
            for i, j in pairs_all:
                if not speaker_ok(gq[i]["speaker"], pq[j].speaker, "head") and \
                        (gq[i]["speaker"] or pq[j].speaker):
                    print(f"  {r['id']} SPEAKER gold={gq[i]['speaker']!r} "
                          f"pred={pq[j].speaker!r} ({pq[j].speaker_type}) "
                          f"for {gq[i]['text'][:60]!r}")
        for i, j in pairs_all:
            anon_flag[0] += gq[i]["anonymous"] == pq[j].anonymous
            anon_flag[1] += 1
            if errors and gq[i]["anonymous"] != pq[j].anonymous:
                print(f"  {r['id']} ANON-FLAG gold={gq[i]['anonymous']} for "
                      f"{gq[i]['text'][:60]!r} (pred speaker {pq[j].speaker!r})")
        ga = [(a["start"], a["end"]) for a in r["anonymous_sources"]]
        pa = [(e.start, e.end) for e in res.evidence if e.label == "anonymous_source"]
        pairs = match(ga, pa, iou=None)
        c["anonymous sources"].add(len(pairs), len(ga), len(pa))
        if errors:
            for a in set(range(len(ga))) - {i for i, _ in pairs}:
                print(f"  {r['id']} MISSED anonymous: {text[ga[a][0]:ga[a][1]]!r}")
            for b in set(range(len(pa))) - {j for _, j in pairs}:
                print(f"  {r['id']} SPURIOUS anonymous: {text[pa[b][0]:pa[b][1]]!r}")
    out = {}
    for name, cnt in c.items():
        p, rr, f = cnt.prf()
        out[name] = {"precision": p, "recall": rr, "f1": f, "gold": cnt.n_gold,
                     "predicted": cnt.n_pred, "matched": cnt.tp}
    out["anonymous flag accuracy"] = {"accuracy": anon_flag[0] / anon_flag[1]
                                      if anon_flag[1] else float("nan"), "n": anon_flag[1]}
    return out


def print_table(split: str, rows: list[dict], out: dict) -> None:
    nq = sum(len(r["quotes"]) for r in rows)
    print(f"\n== {split}: {len(rows)} passages, {nq} annotated quotes ==")
    print(f"{'':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>5s} {'pred':>5s} {'match':>5s}")
    for name, v in out.items():
        if "precision" in v:
            print(f"{name:22s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
                  f"{v['gold']:5d} {v['predicted']:5d} {v['matched']:5d}")
    a = out["anonymous flag accuracy"]
    print(f"{'anonymous flag (acc)':22s} {a['accuracy']:6.3f}   over {a['n']} matched quotes")


def _best_ms(segs, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for seg in segs:
            seg.clear_derived()  # score() keeps its result on the segmentation for other families
            sources.score(seg)
        best = min(best, (time.perf_counter() - t0) / len(segs) * 1000)
    return best


def speed(rows: list[dict]) -> None:
    """Time score() on already segmented text (segmentation is shared by every family)."""
    text = "\n\n".join(r["text"] for r in rows)
    print("\nscore() on segmented text, best of 5 runs (segmentation not included):")
    print(f"  gold passages, 5,000 characters (about 2x the quote density of news): "
          f"{_best_ms([segment(text[:5000])] * 50):.3f} ms")
    path = SHARED / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    if not path.exists():
        print(f"  ({path} absent: no timing on real articles)")
        return
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line).get("content_original") or ""
            if 4500 <= len(t) <= 5500:
                texts.append(t)
            if len(texts) == 200:
                break
    segs = [segment(t) for t in texts]
    seg_ms = min(_time_segment(texts) for _ in range(3))
    print(f"  {len(segs)} real news articles of 4.5-5.5 KB (AllSides): "
          f"{_best_ms(segs):.3f} ms per article (segmentation alone: {seg_ms:.3f} ms)")


def _time_segment(texts) -> float:
    segment.cache_clear()
    t0 = time.perf_counter()
    for t in texts:
        segment(t)
    return (time.perf_counter() - t0) / len(texts) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--split", choices=["dev", "heldout", "all", "both"], default="both",
                    help="which passages to score (default: dev and heldout separately)")
    ap.add_argument("--errors", action="store_true", help="list misses and spurious matches")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = ap.parse_args(argv)
    rows = load(args.gold)
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    results = {}
    for split in splits:
        subset = rows if split == "all" else [r for r in rows if r["split"] == split]
        results[split] = evaluate(subset, errors=args.errors)
        if not args.json:
            print_table(split, subset, results[split])
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"\nframing.sources {sources.VERSION}")
        if not args.no_speed:
            speed(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
