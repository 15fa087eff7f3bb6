"""What the later cleaning removes from the AllSides corpus, beyond the first release's boilerplate
patterns (`framing.corpus.IDENTITY_BOILERPLATE_PATTERNS`): lines matched by the later patterns,
long sign-up prompts and photo captions, and the furniture cut out of lines of prose (flattened
photo galleries, name cards, photo credits, wire codes). Counts, the most frequent removals, and
every rare one, for reading through for article prose removed by mistake.

    .venv/bin/python validation/boilerplate_allsides.py            # needs ../shared/data
    .venv/bin/python validation/boilerplate_allsides.py --vocabulary   # + what it changes there
    .venv/bin/python validation/boilerplate_allsides.py --identity-against 5350e7e
        # + every article's key text equals the clean text of that earlier commit's cleaning

Lines are those of ``content_original`` split at line breaks, as `framing.corpus.clean_text`
splits them (HTML conversion aside: the corpus is plain text).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from framing import corpus, vocabulary

SHARED = Path(os.environ.get("FRAMING_SHARED_DATA",
                             Path(__file__).resolve().parents[1].parent / "shared" / "data"))


def later_removals(path: Path) -> tuple[int, int, Counter]:
    """(articles read, articles the later cleaning changed, counts of what it removed)."""
    lines, articles, touched = Counter(), 0, 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for record in f:
            text = json.loads(record).get("content_original") or ""
            articles += 1
            hit = False
            mostly_caps = corpus._mostly_capitals(text)
            for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                if len(line) <= corpus.BOILERPLATE_MAX_CHARS and line.strip() and \
                        corpus._BOILERPLATE_RE.match(line):
                    if not corpus._IDENTITY_BOILERPLATE_RE.match(line):
                        lines[line.strip()] += 1
                        hit = True
                elif len(line) <= corpus.LONG_BOILERPLATE_MAX_CHARS and \
                        corpus._is_long_boilerplate(line):
                    lines[line.strip()] += 1
                    hit = True
                elif len(line) <= corpus.FILE_CAPTION_MAX_CHARS and corpus._is_file_caption(line):
                    lines[f"(file-photo caption) {line.strip()}"] += 1
                    hit = True
                elif len(line) <= corpus.BOILERPLATE_MAX_CHARS and line.isupper() and \
                        corpus._is_caps_headline(line) and not mostly_caps:
                    lines[f"(in capitals) {line.strip()}"] += 1
                    hit = True
                else:
                    for hint, pattern, _ in corpus._INLINE_FURNITURE:
                        if hint in line:
                            for m in pattern.finditer(line):
                                lines[f"(in a line, {hint.strip()}) {m.group(0).strip()}"] += 1
                                hit = True
            touched += hit
    return articles, touched, lines


VOCABULARY_OUTLETS = ("Washington Times", "Politico", "Salon", "Christian Science Monitor",
                      "Reuters", "CNN (Web News)", "The Hill", "USA TODAY")


def first_release_cleaning(text: str) -> str:
    """The line removal of the first release (HTML and Unicode steps aside: plain text here)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line for line in lines
                     if not (len(line) <= corpus.BOILERPLATE_MAX_CHARS and line.strip()
                             and corpus._IDENTITY_BOILERPLATE_RE.match(line)))


def vocabulary_effect(path: Path, n: int = 8000, top: int = 10) -> None:
    """Each outlet's most distinctive terms under the first release's and the current cleaning."""
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for record in f:
            r = json.loads(record)
            if r.get("source") in VOCABULARY_OUTLETS:
                rows.append((r["source"], r.get("content_original") or ""))
                if len(rows) == n:
                    break
    for name, clean in (("first release's cleaning", first_release_cleaning),
                        ("current cleaning", lambda t: corpus.clean_text(t)[0])):
        data = pd.DataFrame({"outlet": [o for o, _ in rows], "text": [clean(t) for _, t in rows]})
        terms = vocabulary.distinctive_terms(data, by="outlet", ngram_range=(1, 2), top=top)
        print(f"\ndistinctive terms, {len(rows)} articles, {name}:")
        for outlet, group in terms.groupby("group"):
            print(f"  {outlet}: {', '.join(group['term'].head(top))}")


def identity_against(path: Path, revision: str) -> None:
    """Compare every article's key text (the identity text, or the clean text when the later
    cleaning removed nothing more) with ``clean_text`` of ``framing.corpus`` at ``revision``."""
    source = subprocess.run(["git", "show", f"{revision}:src/framing/corpus.py"], check=True,
                            capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1]).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location("corpus_at_revision", f.name)
    earlier = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = earlier
    spec.loader.exec_module(earlier)
    os.unlink(f.name)
    n = equal = changed = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for record in f:
            text = json.loads(record).get("content_original") or ""
            before = earlier.clean_text(text)[0]
            clean, identity, _, _ = corpus._clean_with_identity(text, True, "NFC", True)
            n += 1
            equal += (clean if identity is None else identity) == before
            changed += clean != before
    print(f"\nkey text equal to the clean text at {revision} in {equal} of {n} articles; "
          f"the clean text itself differs in {changed}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=30, help="most frequent lines to print")
    parser.add_argument("--rare", type=int, default=3,
                        help="print every line removed at most this many times")
    parser.add_argument("--identity-against", metavar="REVISION",
                        help="check the key texts against the cleaning of this git revision")
    parser.add_argument("--vocabulary", action="store_true",
                        help="also compare distinctive vocabulary under both cleanings")
    args = parser.parse_args(argv)
    path = SHARED / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    if not path.exists():
        parser.error(f"{path} not found (set FRAMING_SHARED_DATA)")
    articles, touched, lines = later_removals(path)
    print(f"{articles} articles; the later cleaning removes {sum(lines.values())} more lines or "
          f"captions ({len(lines)} distinct) from {touched} of them")
    print(f"\nthe {args.top} most frequent:")
    for line, n in lines.most_common(args.top):
        print(f"{n:6d}  {line[:110]}")
    rare = [line for line, n in lines.items() if n <= args.rare]
    print(f"\nremoved at most {args.rare} times: {len(rare)} distinct lines")
    for line in sorted(rare):
        print(f"        {line[:160]}")
    if args.identity_against:
        identity_against(path, args.identity_against)
    if args.vocabulary:
        vocabulary_effect(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
