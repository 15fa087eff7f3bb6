"""Build the word vectors shipped as src/framing/data/frames/word_vectors.npz.

The frames classifier (``framing.frames.train(..., word_vectors=True)``) can add to its word
features the weighted mean of a text's word vectors, so that a frame learnt from a few coded
articles also responds to related words those articles do not use. The vectors are
count-based (PPMI + truncated SVD, ``train_tone.ppmi_svd``, the method of the tone model's
induced lexicons) over unlabeled news: the AllSides articles of the Article-Bias-Prediction set
(Baly et al. 2020, Apache-2.0), read from ../shared/data (or $FRAMING_SHARED_DATA).

Texts are tokenized as the classifier tokenizes them (``framing.text.tokenize``, lower case,
``n't`` as ``not``; words of two or more characters starting with a letter or digit, minus the
classifier's stop words). Every AllSides article that shares a title, or any run of
``OVERLAP_WORDS`` words, with a SemEval-2023 Task 3 English article (the evaluation data of the
classifier) is left out, so the vectors are not built from the evaluation texts.

The file holds, per word: the word, its vector as int8 with a per-word scale (vectors are unit
length before quantization), and its count in the corpus (for the SIF weights of the
classifier); plus a JSON record of how it was built. It is read with ``allow_pickle=False``.

Run from the repository root (deterministic; about 3 minutes, 3 GB of memory):

    .venv/bin/python validation/build_word_vectors.py [--out PATH] [--vocab 30000] [--dim 100]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
from train_tone import REPO, ppmi_svd, shared_dir

from framing.frames.model import STOP_WORDS
from framing.text import normalize_token, tokenize

OUT = REPO / "src" / "framing" / "data" / "frames" / "word_vectors.npz"
#: Vocabulary size (most frequent words), dimensions, co-occurrence window (words, after stop
#: words are dropped), and minimum count.
VOCAB = 30000
DIM = 100
WINDOW = 5
MIN_COUNT = 5
#: An AllSides article sharing a run of this many words with a SemEval article is left out.
OVERLAP_WORDS = 8
_OVERLAP_TOKEN = re.compile(r"[a-z0-9]+")


def overlap_words(text: str) -> list[str]:
    """Lower-case alphanumeric runs, the unit of the overlap check.

    >>> overlap_words("Mr. Rahami’s trip")
    ['mr', 'rahami', 's', 'trip']
    """
    return _OVERLAP_TOKEN.findall(text.lower().replace("’", "'"))


def runs(words: list[str], n: int = OVERLAP_WORDS) -> set[tuple]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def content_words(text: str) -> list[str]:
    """The words the classifier's features are made of, in order.

    >>> content_words("The court couldn't rule on the 2020 tax-cut law.")
    ['court', 'rule', '2020', 'tax-cut', 'law']
    """
    out = []
    for token in tokenize(text):
        w = normalize_token(token)
        if len(w) > 1 and w[0].isalnum() and w not in STOP_WORDS:
            out.append(w)
    return out


def evaluation_texts() -> tuple[set[str], set[tuple]]:
    """Titles and word runs of the SemEval-2023 Task 3 English articles."""
    path = (shared_dir() / "semeval2023_task3_en_frames"
            / "semeval2023_task3_en_train_frames_genre.jsonl")
    titles, all_runs = set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            titles.add(" ".join(overlap_words(r["title"])))
            all_runs |= runs(overlap_words(r["text"]))
    return titles, all_runs


def news_documents() -> tuple[list[list[str]], dict]:
    """Content words of every AllSides article that does not overlap the evaluation texts."""
    titles, held = evaluation_texts()
    docs, dropped = [], []
    path = shared_dir() / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            text = r["content_original"]
            if (" ".join(overlap_words(r["title"])) in titles
                    or runs(overlap_words(text)) & held):
                dropped.append(r["ID"])
                continue
            docs.append(content_words(text))
    info = {"articles_read": n + 1, "articles_used": len(docs),
            "articles_left_out": len(dropped),
            "left_out_ids_sha256": hashlib.sha256("\n".join(sorted(dropped)).encode()).hexdigest()}
    return docs, info


def quantize(E: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length rows as int8 codes and a per-row scale (``codes * scale`` ~ the row).

    >>> q, s = quantize(np.array([[3.0, 4.0]]))
    >>> q.tolist(), [round(float(x), 2) for x in q[0] * s[0]]
    ([[95, 127]], [0.6, 0.8])
    """
    E = E / (np.linalg.norm(E, axis=1, keepdims=True) + 1e-12)
    scale = np.abs(E).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(E / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--vocab", type=int, default=VOCAB)
    ap.add_argument("--dim", type=int, default=DIM)
    ap.add_argument("--window", type=int, default=WINDOW)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    docs, info = news_documents()
    print(f"{info['articles_used']} AllSides articles used, {info['articles_left_out']} sharing "
          f"text with SemEval left out ({time.perf_counter() - started:.0f} s)", flush=True)
    E, vocab, counts = ppmi_svd(docs, vocab_size=args.vocab, window=args.window, dim=args.dim,
                                min_count=MIN_COUNT)
    E = E[:, ::-1]  # largest singular value first (svds returns them ascending)
    codes, scale = quantize(E)
    meta = {"format": "framing.frames.word_vectors", "format_version": 1,
            "method": "PPMI (context counts ^0.75) of 1/distance-weighted co-occurrence, "
                      "truncated SVD, U*sqrt(S), rows unit length, int8 per-row scale",
            "vocab": len(vocab), "dim": args.dim, "window": args.window,
            "min_count": MIN_COUNT, "overlap_words": OVERLAP_WORDS,
            "tokens": int(sum(len(d) for d in docs)),
            "corpus": "Article-Bias-Prediction AllSides articles (Baly et al. 2020), "
                      "content_original; Apache-2.0",
            **info}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(json.dumps(meta, sort_keys=True)),
                            words=np.array(vocab, dtype=str), codes=codes, scale=scale,
                            counts=np.array([counts[w] for w in vocab], dtype=np.uint32))
    print(f"{args.out}: {len(vocab)} words x {args.dim} dims, "
          f"{args.out.stat().st_size / 1e6:.2f} MB ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
