"""Write GOLD files for ``framing validate`` from the annotated corpora in ../shared/data.

``framing validate KIND GOLD`` needs a file of human-coded texts. The shared corpora come in their
own layouts, so this script converts them, on the fly, to small GOLD files in a scratch folder
(default: the system's temporary folder, e.g. /tmp) -- never into the project. It prints the
``framing validate`` command that reproduces each documented figure.

Usage::

    .venv/bin/python validation/gold_files.py                 # every data set, into /tmp
    .venv/bin/python validation/gold_files.py szeged_factbank semeval2007_test --out /tmp/gold
    .venv/bin/python validation/gold_files.py --list           # what it can write
    .venv/bin/python validation/gold_files.py --run            # also run each validation (library
                                                               # call, same as the command)

GOLD files written (columns):

- ``szeged_factbank.csv``, ``szeged_wiki.csv``, ``szeged_bio.csv`` -- ``text, uncertain``
  (true/false): the Szeged Uncertainty Corpus sentences of the news (FactBank, development half),
  Wikipedia and biomedical (BioScope: bmc, fly, hbc) parts; a
  sentence is uncertain when its annotators marked an uncertainty cue in it (as in
  ``validation/hedging_szeged.py``).
- ``semeval2007_test.csv``, ``semeval2017_test.csv`` -- ``text, label`` (a number in [-1, 1]):
  the held-out test parts of the SemEval-2007 Task 14 headlines (valence / 100) and of the
  SemEval-2017 Task 5 headlines (mean score of a title), split exactly as in
  ``validation/train_tone.py`` (the tone model never saw them).
- ``semeval2023_frames.jsonl`` -- ``id, text, frames`` (a list of the 14 frames): the
  SemEval-2023 Task 3 English articles of the development part.
- ``semeval2023_frames_train.jsonl`` and ``semeval2023_frames_test.jsonl`` -- the same articles
  split 70/30 by a seeded hash of their id, to train the supervised classifier on one part
  (``--train``) and evaluate it on the other.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))


def _write_csv(path: Path, header: list[str], rows) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
            n += 1
    return n


def _szeged(*subcorpora: str):
    def write(path: Path) -> int:
        src = SHARED / "szeged_uncertainty_corpus" / "szeged_uncertainty_sentences.jsonl.gz"
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        # two bio_hbc "sentences" are a lone no-break space (not uncertain): no text to score
        return _write_csv(path, ["text", "uncertain"],
                          ([r["text"], "true" if r["uncertain"] else "false"]
                           for r in rows if r["subcorpus"] in subcorpora and r["text"].strip()))
    return write


def _tone_split(loader: str):
    def write(path: Path) -> int:
        sys.path.insert(0, str(REPO / "validation"))
        import train_tone

        rows = [r for r in getattr(train_tone, loader)() if r["part"] == "test"]
        return _write_csv(path, ["text", "label"], ([r["text"], repr(r["y"])] for r in rows))
    return write


def _semeval2023(path: Path) -> int:
    src = SHARED / "semeval2023_task3_en_frames" / "semeval2023_task3_en_train_frames_genre.jsonl"
    n = 0
    with open(src, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for line in fh:
            r = json.loads(line)
            out.write(json.dumps({"id": r["id"], "text": r["text"], "frames": r["frames"]},
                                 ensure_ascii=False) + "\n")
            n += 1
    return n


def _semeval2023_split(path: Path) -> int:
    """A seeded 70/30 split of the articles by id: ``..._train.jsonl`` to train the classifier,
    ``..._test.jsonl`` (``path``) to evaluate it."""
    import hashlib

    src = SHARED / "semeval2023_task3_en_frames" / "semeval2023_task3_en_train_frames_genre.jsonl"
    train_path = path.with_name(path.name.replace("_test", "_train"))
    n = 0
    with open(src, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as test, \
            open(train_path, "w", encoding="utf-8") as train:
        for line in fh:
            r = json.loads(line)
            key = int(hashlib.sha256(f"{SPLIT_SEED}:{r['id']}".encode()).hexdigest()[:8], 16)
            to_test = key / 16 ** 8 < TEST_SHARE
            (test if to_test else train).write(json.dumps(
                {"id": r["id"], "text": r["text"], "frames": r["frames"]},
                ensure_ascii=False) + "\n")
            n += to_test
    return n


SPLIT_SEED = 20240607
TEST_SHARE = 0.3

#: name -> (file name, writer, the framing validate arguments after the GOLD path; "{out}" is
#: the output folder)
GOLD = {
    "szeged_factbank": ("szeged_factbank.csv", _szeged("factbank"),
                        ("hedging", "--text-col", "text", "--label-col", "uncertain")),
    "szeged_wiki": ("szeged_wiki.csv", _szeged("wiki"),
                    ("hedging", "--text-col", "text", "--label-col", "uncertain")),
    "szeged_bio": ("szeged_bio.csv", _szeged("bio_bmc", "bio_fly", "bio_hbc"),
                   ("hedging", "--text-col", "text", "--label-col", "uncertain")),
    "semeval2007_test": ("semeval2007_test.csv", _tone_split("load_semeval2007"),
                         ("sentiment", "--text-col", "text", "--label-col", "label")),
    "semeval2017_test": ("semeval2017_test.csv", _tone_split("load_semeval2017"),
                         ("sentiment", "--text-col", "text", "--label-col", "label")),
    "semeval2023_frames": ("semeval2023_frames.jsonl", _semeval2023,
                           ("frames", "--text-col", "text", "--label-col", "frames")),
    "semeval2023_frames_split": ("semeval2023_frames_test.jsonl", _semeval2023_split,
                                 ("frames", "--text-col", "text", "--label-col", "frames",
                                  "--train", "{out}/semeval2023_frames_train.jsonl")),
}


def command(name: str, out: Path) -> str:
    file, _, args = GOLD[name]
    kind, *options = (a.format(out=out) for a in args)
    return " ".join(["framing validate", kind, str(out / file), *options])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="data sets to write (default: all)")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()),
                    help="folder for the GOLD files (default: the temporary folder)")
    ap.add_argument("--list", action="store_true", help="list the data sets and exit")
    ap.add_argument("--run", action="store_true",
                    help="also run each validation and print its figures")
    ap.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (with --run)")
    args = ap.parse_args(argv)
    if args.list:
        for name in GOLD:
            print(f"{name:20} {command(name, args.out)}")
        return 0
    unknown = [n for n in args.names if n not in GOLD]
    if unknown:
        ap.error(f"unknown data set {unknown[0]!r}; choose from {', '.join(GOLD)}")
    if not SHARED.exists():
        print(f"{SHARED} is absent; nothing to convert", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.names or list(GOLD):
        file, writer, options = GOLD[name]
        n = writer(args.out / file)
        print(f"{name}: {n:,} rows -> {args.out / file}\n  {command(name, args.out)}")
        if args.run:
            from framing.validate import format_validation, run_validation

            kind, *rest = (a.format(out=args.out) for a in options)
            opts = dict(zip(rest[::2], rest[1::2]))
            result = run_validation(kind, args.out / file, text_col=opts["--text-col"],
                                    label_col=opts["--label-col"], train=opts.get("--train"),
                                    n_boot=args.n_boot)
            print("\n".join("  " + line for line in format_validation(result).splitlines()))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
