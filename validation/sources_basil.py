"""Sources against an independent annotation: BASIL's quoted bias spans and their speakers.

BASIL (Fan et al. 2019; 300 articles of Fox News, the New York Times and HuffPost, 2010-2019)
marks 1,726 spans of lexical and informational bias in real news, and for each one whether it is
**part of a quotation** ("quote": yes / no) and, if so, **who is quoted** ("speaker": one of the
article's main entities, e.g. ``Michael_Steele``, or ``other_pro`` / ``other_anti`` /
``other_neutral`` for anyone else). Its annotators followed their own guidelines, not ours, and
the project never trained or tuned anything on BASIL, so this is an out-of-sample check of
``framing.sources`` on the kind of text it is for. It is a sample of spans, not of quotations:
only the words BASIL found biased are labelled, so the figures are per span.

Per body span (the 3 title spans are left out), in the article's text (paragraphs joined by a
blank line, sentences by a space):

- **quoted**: the span's middle character lies inside a quotation that ``sources.score`` finds,
  counting direct quotes only, or direct quotes and reported speech; P / R / F1 against BASIL's
  flag, with 95% intervals (percentile bootstrap over articles, 1,000 resamples, seed 0). A
  baseline: a span counts as quoted when its sentence holds a quotation mark.
- **speaker**: for the quoted spans whose BASIL speaker is one named person (``Donald_Trump``;
  not a group such as ``House_Democrats`` or ``NAACP``, nor ``other_*``), whether the
  quotation found around the span is attributed to that person: the BASIL name's last word
  (the surname, "Steele") is a word of the speaker we give ("Michael Steele", "Steele"); a
  speaker carried over from an earlier quote counts as given.

Run from the repository root (with ../shared/data beside the checkout)::

    .venv/bin/python validation/sources_basil.py              # the figures (about 10 s)
    .venv/bin/python validation/sources_basil.py --errors 20  # + examples of each kind of error
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

from framing import sources

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb]")


def article_text(article: dict) -> tuple[str, list[int]]:
    """The article's body as one text, and each sentence's start offset in it."""
    parts, starts, pos = [], [], 0
    for p, paragraph in enumerate(article["body-paragraphs"]):
        if p:
            parts.append("\n\n")
            pos += 2
        for k, sentence in enumerate(paragraph):
            if k:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            parts.append(sentence)
            pos += len(sentence)
    return "".join(parts), starts


def spans():
    """One row per BASIL body span: article, the span's offsets in the article text, its
    sentence, BASIL's quote flag and speaker, and what ``sources.score`` found there."""
    path = SHARED / "basil" / "basil_articles_annotations.jsonl"
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text, starts = article_text(doc["article"])
            sentences = [s for paragraph in doc["article"]["body-paragraphs"] for s in paragraph]
            quotes = sources.score(text).quotes
            for a in doc["annotations"]["phrase-level-annotations"]:
                if not a["id"].startswith("p"):
                    continue  # a span in the title
                k = int(a["id"][1:])
                start, end = starts[k] + a["start"], starts[k] + a["end"]
                middle = (start + end) // 2
                around = [q for q in quotes if q.start <= middle < q.end]
                direct = next((q for q in around if q.kind == "direct"), None)
                quote = direct or (around[0] if around else None)
                rows.append({
                    "article": doc["article_file"], "text": text[start:end],
                    "sentence": sentences[k], "gold": a["quote"] == "yes",
                    "gold_speaker": a["speaker"],
                    "direct": direct is not None, "any": quote is not None,
                    "kind": quote.kind if quote else "",
                    "speaker": (quote.speaker or "") if quote else "",
                    "speaker_type": quote.speaker_type if quote else "",
                    "marks_in_sentence": bool(_QUOTE_MARKS.search(sentences[k])),
                })
    return rows


def prf(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(gold & pred))
    p = tp / max(1.0, float(pred.sum()))
    r = tp / max(1.0, float(gold.sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


#: Words that make a BASIL speaker a group or an institution rather than a person
#: ("House_Democrats", "Tea_Party", "Secure_America_Now", "State_Department_officials").
_GROUP_WORDS = frozenset(["house", "senate", "party", "democrats", "republicans", "democratic",
                          "republican", "lawmakers", "gop", "department", "america", "white",
                          "state", "campaign", "officials", "committee", "members"])


def is_person(gold_speaker: str) -> bool:
    """A BASIL speaker that names one person: two or more capitalized words, none of them a
    group word ("Donald_Trump", "Ruth_Bader_Ginsburg"; not "House_Democrats", "NAACP")."""
    words = gold_speaker.split("_")
    return (len(words) >= 2 and all(w[:1].isupper() for w in words)
            and not any(w.lower() in _GROUP_WORDS for w in words))


def speaker_matches(gold_speaker: str, speaker: str) -> bool:
    """Does our speaker name the BASIL person: a word of ours starts with their surname (the
    last word, "Jr." aside; BASIL writes "Felipe_Calder" for Calderón)?"""
    words = [w for w in gold_speaker.split("_") if w.lower().rstrip(".") not in ("jr", "sr")]
    surname = words[-1].lower()
    return any(w.startswith(surname) for w in re.findall(r"[\w'-]+", speaker.lower()))


def by_article_bootstrap(rows, statistic, n_boot: int = 1000, seed: int = 0):
    articles = sorted({r["article"] for r in rows})
    groups = {a: [] for a in articles}
    for i, r in enumerate(rows):
        groups[r["article"]].append(i)
    members = [np.array(groups[a]) for a in articles]
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(members), len(members))
        out.append(statistic(np.concatenate([members[u] for u in pick])))
    return np.array(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print N examples of each error kind")
    args = ap.parse_args(argv)
    if not (SHARED / "basil").is_dir():
        print(f"{SHARED / 'basil'} is absent", file=sys.stderr)
        return 2
    rows = spans()
    gold = np.array([r["gold"] for r in rows])
    n_articles = len({r["article"] for r in rows})
    print(f"framing.sources {sources.VERSION}; BASIL: {len(rows)} body spans in {n_articles} "
          f"articles, {int(gold.sum())} quoted")
    print("\n| a span counts as quoted when | P | R | F1 [95% CI] |")
    print("|---|---|---|---|")
    for label, key in (("inside a direct quote we find", "direct"),
                       ("inside a direct quote or reported speech we find", "any"),
                       ("baseline: its sentence holds a quotation mark", "marks_in_sentence")):
        pred = np.array([r[key] for r in rows])
        p, r, f = prf(gold, pred)
        boot = by_article_bootstrap(rows, lambda ix, pred=pred: prf(gold[ix], pred[ix])[2])
        lo, hi = np.percentile(boot, [2.5, 97.5])
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} [{lo:.3f}, {hi:.3f}] |")

    named = [r for r in rows if r["gold"] and is_person(r["gold_speaker"])]
    found = [r for r in named if r["any"]]
    attributed = [r for r in found if r["speaker"]]
    right = [r for r in attributed if speaker_matches(r["gold_speaker"], r["speaker"])]
    print(f"\nspeakers: {len(named)} quoted spans whose BASIL speaker is a named person; a quotation found "
          f"around {len(found)}; with a speaker {len(attributed)}; the right person "
          f"{len(right)}")
    if attributed:
        ok = np.array([speaker_matches(r["gold_speaker"], r["speaker"]) for r in attributed])
        boot = by_article_bootstrap(attributed, lambda ix: float(ok[ix].mean()))
        lo, hi = np.percentile(boot, [2.5, 97.5])
        print(f"  right person among the attributed: {ok.mean():.3f} [{lo:.3f}, {hi:.3f}]; "
              f"among all of them: {len(right) / len(named):.3f}")
        described = sum(1 for r, good in zip(attributed, ok)
                        if not good and r["speaker_type"] == "description")
        print(f"  of the {int((~ok).sum())} others, {described} give a description, not a name "
              "(\"the president\", \"the governor\")")
    if args.errors:
        kinds = {
            "missed (quoted in BASIL, no quotation found)": [r for r in rows if r["gold"] and not r["any"]],
            "extra (not quoted in BASIL, inside one we find)": [r for r in rows if r["any"] and not r["gold"]],
            "wrong speaker": [r for r in attributed if not speaker_matches(r["gold_speaker"], r["speaker"])],
        }
        for kind, items in kinds.items():
            print(f"\n{kind}: {len(items)}")
            for r in items[:args.errors]:
                print(f"  [{r['text']}] gold speaker {r['gold_speaker'] or '-'}, ours "
                      f"{r['kind'] or '-'} {r['speaker'] or '-'}\n    {r['sentence'][:240]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
