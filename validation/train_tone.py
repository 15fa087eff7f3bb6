"""Train the news-tone model shipped as src/framing/data/sentiment/tone_model.json.

Run from the repository root:

    .venv/bin/python validation/train_tone.py            # train, print dev figures, write the model
    .venv/bin/python validation/train_tone.py --dry-run  # train and print, write nothing
    .venv/bin/python validation/train_tone.py --encoder  # only the encoder part of the tone
                                                         # toward targets: toward_encoder.json

Data (read from ../shared/data, or $FRAMING_SHARED_DATA; nothing is copied into the project):

- NewsMTSC (Hamborg & Donnay 2021): train.jsonl for training. Its devtest_rw / devtest_mt files
  are the held-out test sets; every train.jsonl sentence from a source document (``allsides_<a>_<b>``
  or ``polusa_v1_<id>``, the first three ``_`` fields of ``primary_gid``) that also occurs in a
  devtest file is dropped from training, so train and test share no document.
  Sentence label = mean of its targets' polarities (2/4/6 -> -1/0/1).
- SemEval-2007 Task 14 headlines: valence / 100. Each headline is its own document; a headline
  goes to test when hash(seed, normalized headline) falls in the lowest TEST_SHARE; rest train.
- SemEval-2017 Task 5 headlines: sentiment in [-1, 1]; grouped by normalized title (a title
  scored for several companies is one document, label = mean); same hash split.
- Financial PhraseBank (50% agreement file, de-duplicated): training only (-1/0/1).
- BABE is not used: it labels bias and opinion, not polarity.

Names get no weight: a word capitalized in at least half of its occurrences that do not open a
sentence (Trump, Putin, NATO, company names) is left out of the features, so that tone does not
encode who is named (see ``name_words``); so are the identity terms of
``framing/data/sentiment/identity_terms.tsv`` ("women", "black", "muslims", "immigrants"), so
that it does not encode which social group a sentence describes; and so are the neutral reporting
words ("said", "told", "according", see ``reporting_words``), so that it does not encode how
much an outlet quotes.

The file's "toward" part (tone toward one target mention, framing.sentiment._TowardModel) is
fitted after the sentence model, on NewsMTSC train targets only, with the sentence model's
contributions cross-fitted by document (see ``train_toward``); the sentence model's weights do not
depend on it. It is a multinomial logistic model blended with gradient-boosted trees (exported to
JSON, predicted without sklearn), and it uses induced word lexicons: three seed polarities (VADER,
TextBlob, the sentence model's unigram weights) propagated to a 20k-word vocabulary through
PPMI-SVD word vectors computed here from unlabeled news text, the AllSides articles of the
Article-Bias-Prediction set (articles that hold a NewsMTSC devtest sentence are left out; the
vectors are not shipped, only the induced values).

Within the training part, DEV_SHARE of the documents (same hash rule, another salt) is a
development split used to choose the configuration (regularisation, feature options, dataset
weighting) and the class thresholds; the final model is then fitted on all training documents.
The test parts are never read here except to exclude their documents.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from framing import sentiment as S
from framing.text import segment

SEED = 20240607
TEST_SHARE = 0.4
DEV_SHARE = 0.2
#: Weights smaller than this are dropped (and the rest rounded to 4 decimals) to keep the file small.
PRUNE = 0.002
#: A word capitalized in at least this share of its non-initial occurrences counts as a name.
NAME_SHARE = 0.5
OUT = REPO / "src" / "framing" / "data" / "sentiment" / "tone_model.json"


def shared_dir() -> Path:
    return Path(os.environ.get("FRAMING_SHARED_DATA", REPO.parent / "shared" / "data"))


def bucket(key: str, salt: str) -> float:
    """A stable number in [0, 1) for a document key."""
    h = hashlib.sha256(f"{SEED}:{salt}:{key}".encode()).hexdigest()
    return int(h[:12], 16) / 16 ** 12


def norm_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def mtsc_doc(gid: str) -> str:
    return "_".join(gid.split("_")[:3])


POL = {2.0: -1.0, 4.0: 0.0, 6.0: 1.0}


def load_newsmtsc(split: str) -> list[dict]:
    rows = []
    with open(shared_dir() / "newsmtsc" / f"{split}.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows.append(r)
    return rows


def newsmtsc_test_docs() -> set[str]:
    return {mtsc_doc(r["primary_gid"]) for split in ("devtest_rw", "devtest_mt")
            for r in load_newsmtsc(split)}


def load_semeval2007() -> list[dict]:
    rows, seen = [], set()
    with open(shared_dir() / "semeval2007_affective_text" / "affective_text_headlines.jsonl",
              encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            key = norm_key(r["headline"])
            if key in seen:
                continue
            seen.add(key)
            rows.append({"text": r["headline"], "y": r["valence"] / 100.0, "doc": key,
                         "dataset": "semeval2007",
                         "part": "test" if bucket(key, "semeval2007") < TEST_SHARE else "train"})
    return rows


def load_semeval2017() -> list[dict]:
    groups = defaultdict(list)
    titles = {}
    path = shared_dir() / "semeval2017_task5_financial_headlines" / "SemEval2017Task5Headlines.json"
    for r in json.loads(path.read_text(encoding="utf-8")):
        key = norm_key(r["title"])
        groups[key].append(float(r["sentiment"]))
        titles.setdefault(key, r["title"])
    return [{"text": titles[k], "y": float(np.mean(v)), "doc": k, "dataset": "semeval2017",
             "part": "test" if bucket(k, "semeval2017") < TEST_SHARE else "train"}
            for k, v in groups.items()]


#: Trailing legal-form and group words of a SemEval-2017 company string ("Tesco PLC", "BT
#: Group", "Eli Lilly & Co"), which headlines mostly leave out ("Tesco", "BT", "Eli Lilly").
_COMPANY_SUFFIX = re.compile(r"(?:,?\s+(?:plc|group|holdings|inc\.?|corp\.?|corporation|ag|sa|nv|"
                             r"co\.?|ltd\.?|limited|international)|\s*&\s*co\.?)$", re.IGNORECASE)


def company_aliases(company: str) -> list[str]:
    """The aliases a SemEval-2017 company is looked for under in its headline: the company
    string as given, then the same without its trailing legal-form or group words, one at a
    time ("Royal Bank of Scotland Group plc", "Royal Bank of Scotland Group", "Royal Bank of
    Scotland"). Nothing else: no acronyms ("RBS"), short forms ("Lloyds") or corrected
    misspellings, so an item whose headline names the company only so is left out.

    >>> company_aliases("Lloyds Banking Group PLC")
    ['Lloyds Banking Group PLC', 'Lloyds Banking Group', 'Lloyds Banking']
    """
    out = [company.strip()]
    while (shorter := _COMPANY_SUFFIX.sub("", out[-1]).strip()) not in ("", out[-1]):
        out.append(shorter)
    return out


def load_semeval2017_targets() -> list[dict]:
    """SemEval-2017 Task 5 headlines as target-level items: one per (headline, company) score,
    the company's aliases (:func:`company_aliases`), ``doc`` the normalized title and ``part``
    the title's part under the same split as :func:`load_semeval2017`; ``n_companies`` is how
    many distinct companies the title is scored for. A company scored twice for one title
    (once in the file) gives one item, its mean score."""
    path = shared_dir() / "semeval2017_task5_financial_headlines" / "SemEval2017Task5Headlines.json"
    groups: dict = defaultdict(list)
    titles = {}
    for r in json.loads(path.read_text(encoding="utf-8")):
        key = norm_key(r["title"])
        groups[key, r["company"].strip()].append(float(r["sentiment"]))
        titles.setdefault(key, r["title"])
    companies: dict = defaultdict(int)
    for key, _ in groups:
        companies[key] += 1
    return [{"text": titles[k], "company": c, "aliases": company_aliases(c),
             "y": float(np.mean(v)), "doc": k, "n_companies": companies[k],
             "dataset": "semeval2017",
             "part": "test" if bucket(k, "semeval2017") < TEST_SHARE else "train"}
            for (k, c), v in groups.items()]


def load_phrasebank() -> list[dict]:
    rows, seen = [], set()
    lab = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
    with open(shared_dir() / "financial_phrasebank" / "financial_phrasebank_all.jsonl",
              encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            key = norm_key(r["sentence"])
            if key in seen:
                continue
            seen.add(key)
            rows.append({"text": r["sentence"], "y": lab[r["label"]], "doc": key,
                         "dataset": "phrasebank", "part": "train"})
    return rows


def load_newsmtsc_train() -> list[dict]:
    held = newsmtsc_test_docs()
    rows = []
    for r in load_newsmtsc("train"):
        doc = mtsc_doc(r["primary_gid"])
        if doc in held:
            continue
        ys = [POL[t["polarity"]] for t in r["targets"]]
        rows.append({"text": r["sentence_normalized"], "y": float(np.mean(ys)), "doc": doc,
                     "dataset": "newsmtsc", "part": "train",
                     "targets": [(t["from"], t["to"], POL[t["polarity"]]) for t in r["targets"]]})
    return rows


def training_rows() -> list[dict]:
    rows = load_newsmtsc_train() + load_phrasebank()
    rows += [r for r in load_semeval2007() + load_semeval2017() if r["part"] == "train"]
    for r in rows:
        r["dev"] = bucket(r["doc"], "dev") < DEV_SHARE
    return rows


# -- features ---------------------------------------------------------------------------------

def prepare(rows):
    """Tokens and the two library scores of each training text, computed once."""
    for r in rows:
        seg = segment(r["text"])
        r["norm"] = seg.norm
        r["tokens"] = seg.tokens
        r["starts"] = {a for a, _ in seg.sentence_token_ranges}
        r["dense"] = S._dense_inputs(r["text"], S.vader_scores(r["text"])["compound"],
                                     S.textblob_sentiment(r["text"]).polarity)


def featurize(rows, tm):
    feats = []
    for r in rows:
        d = defaultdict(float)
        for name, value, _a, _b in tm.features(r["norm"], 0, len(r["norm"])):
            d[name] += value
        for k, v in r["dense"].items():
            d["__" + k] = v
        feats.append(d)
    return feats


def identity_terms() -> set[str]:
    """Words for social groups (``framing/data/sentiment/identity_terms.tsv``): like names, they
    get no weight, so that tone does not depend on whom a sentence describes."""
    return set(S.identity_terms())


#: Lemmas of the sources family's reporting verbs (``framing/data/sources/reporting_verbs.tsv``)
#: that only mark who speaks: the neutral structuring, textualizing and attribution verbs of
#: Caldas-Coulthard (1994), Thompson & Ye (1991) and Pareti (2016), not the evaluative ones
#: ("claim", "admit", "deny", "slam", "praise"), whose own meaning can carry tone.
NEUTRAL_REPORTING = ("say", "tell", "state", "report", "write", "note", "observe", "add", "explain",
                     "announce", "reply", "respond", "answer", "ask", "tweet", "post", "text")


def reporting_words() -> set[str]:
    """The one-word forms of the neutral reporting verbs, and "according": like names, they get
    no weight. Trained with them, the model had learnt "said" +0.06, "saying" -0.12, "reported"
    -0.06, so an outlet's tone moved with how much it quotes: over the first 6,000 AllSides
    articles their part of the mean sentence tone ran from -0.002 (American Spectator) to +0.012
    (Reuters), a fifth of the spread between the outlets' means."""
    from importlib.resources import files

    table = files("framing").joinpath("data/sources/reporting_verbs.tsv").read_text("utf-8")
    words = {"according"}
    for line in table.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[1] not in NEUTRAL_REPORTING:
            continue
        words.update(form for form in cols[0].split("|") if " " not in form)
    return words


def name_words(rows, share=NAME_SHARE) -> set[str]:
    """Words written with a capital initial in at least ``share`` of their occurrences that do
    not open a sentence: names (Trump, Putin, NATO, Aggreko). They get no weight, so that the
    tone of a sentence does not depend on whom it names (a prior learned from who was in the
    training news), and tone toward a target is not set by the target's own name."""
    seen, capital = defaultdict(int), defaultdict(int)
    for r in rows:
        for j, (tok, low) in enumerate(zip(r["tokens"], r["norm"])):
            if j in r["starts"] or not tok[0].isalpha():
                continue
            seen[low] += 1
            if tok[0].isupper():
                capital[low] += 1
    return {w for w, n in seen.items() if capital[w] >= share * n} | identity_terms() | \
        reporting_words()


def _has_name(feature: str, names: set[str]) -> bool:
    return any(part.removeprefix("not_") in names for part in feature.split(" "))


def fit(rows, config, alpha, weighting, min_df=2):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    tm = S._ToneModel({"config": config}, S._load_tone().cues, "training")
    feats = featurize(rows, tm)
    df = defaultdict(int)
    for d in feats:
        for k in d:
            df[k] += 1
    names = name_words(rows)
    keep = {k for k, n in df.items() if k.startswith("__") or (n >= min_df and not _has_name(k, names))}
    feats = [{k: v for k, v in d.items() if k in keep} for d in feats]
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    y = np.array([r["y"] for r in rows])
    counts = defaultdict(int)
    for r in rows:
        counts[r["dataset"]] += 1
    if weighting == "equal":
        w = np.array([len(rows) / (len(counts) * counts[r["dataset"]]) for r in rows])
    else:
        w = np.ones(len(rows))
    model = Ridge(alpha=alpha, fit_intercept=False).fit(X, y, sample_weight=w)
    features = vec.get_feature_names_out()
    weights = {n: round(float(c), 4) for n, c in zip(features, model.coef_)
               if not n.startswith("__") and abs(c) >= PRUNE}
    dense = {n[2:]: float(c) for n, c in zip(features, model.coef_) if n.startswith("__")}
    return {"config": config, "weights": weights, "dense": dense, "n_name_words": len(names),
            "n_features": len(features)}


def predict(model, rows):
    tm = S._ToneModel(model, S._load_tone().cues, "training")
    out = []
    for r in rows:
        t, _ = tm.predict(tm.features(r["norm"], 0, len(r["norm"])), r["dense"])
        out.append(t)
    return np.array(out)


def dev_report(model, dev):
    from scipy.stats import pearsonr

    pred = predict(model, dev)
    res = {}
    for name in ("newsmtsc", "semeval2007", "semeval2017", "phrasebank"):
        idx = [i for i, r in enumerate(dev) if r["dataset"] == name]
        if len(idx) > 2:
            res[name] = float(pearsonr(pred[idx], [dev[i]["y"] for i in idx])[0])
    return res, pred


def macro_f1_threshold(pred, rows):
    """Symmetric threshold t (neutral = |tone| <= t) maximizing NewsMTSC dev target macro-F1."""
    from sklearn.metrics import f1_score

    ys, ps = [], []
    for p, r in zip(pred, rows):
        if r["dataset"] != "newsmtsc":
            continue
        for _a, _b, y in r["targets"]:
            ys.append(y)
            ps.append(p)
    ps = np.array(ps)
    best = (0.0, 0.0)
    for t in np.arange(0.0, 0.5, 0.01):
        lab = np.where(ps < -t, -1, np.where(ps > t, 1, 0))
        f = f1_score(ys, lab, average="macro")
        if f > best[0]:
            best = (f, float(round(t, 2)))
    return best


GRID_CONFIGS = [
    {"negation_window": 3, "contrast_before": 1.0, "contrast_after": 1.0, "intensifier": 1.0,
     "diminisher": 1.0, "length_norm": "none", "bigrams": True},
    {"negation_window": 3, "contrast_before": 0.5, "contrast_after": 1.5, "intensifier": 1.5,
     "diminisher": 0.5, "length_norm": "none", "bigrams": True},
    {"negation_window": 3, "contrast_before": 1.0, "contrast_after": 1.0, "intensifier": 1.0,
     "diminisher": 1.0, "length_norm": "none", "bigrams": False},
]
GRID_ALPHA = [10.0, 30.0, 100.0]
GRID_WEIGHTING = ["equal", "none"]


# -- tone toward a target mention ------------------------------------------------------------
#
# The toward model (framing.sentiment._TowardModel) is fitted on NewsMTSC train targets only
# (the only set here whose labels belong to a mention). Its inputs include the sentence model's
# word contributions; fitted on the very sentences the sentence model was fitted on, those would
# be over-confident, so each training target gets them from a sentence model fitted without its
# document (TOWARD_FOLDS folds by document, same configuration as the shipped sentence model).

TOWARD_FOLDS = 5
#: Fixed feature options (chosen on the development split during development): distance
#: buckets, the word window, the sparse word kernel, and (``extra``) the decay-weighted sums,
#: speaker / subject / clause flags and their interactions, with decay widths ``widths``.
TOWARD_CONFIG = {"edges": [1, 4, 9], "window": 3, "kernel": 3.0, "far": 0.5, "sparse": 0.3,
                 "extra": True, "widths": [2.0, 5.0, 12.0]}
#: Inverse regularization of the multinomial logistic model.
TOWARD_GRID_C = [0.1, 0.3, 1.0]
#: Share of the tree ensemble in the tone (0: the logistic model alone).
TOWARD_GRID_BLEND = [0.0, 0.3, 0.5, 0.7, 1.0]
#: Gradient-boosted trees over the dense features (sklearn HistGradientBoostingRegressor;
#: exported to JSON, predicted by framing.sentiment._TowardModel without sklearn).
TOWARD_TREES = {"learning_rate": 0.05, "max_iter": 200, "max_leaf_nodes": 15,
                "min_samples_leaf": 40, "l2_regularization": 1.0}
#: Dense features the trees see: whole-sentence scores, decay-weighted sums, flags.
TOWARD_TREE_PREFIXES = ("d:", "x:", "f:")


#: Word vectors for the induced lexicons: PPMI-SVD over the first EMB_ARTICLES articles of the
#: AllSides corpus (unlabeled news text), EMB_VOCAB most frequent words (at least 5
#: occurrences), co-occurrence within EMB_WINDOW words weighted 1/distance, EMB_DIM dimensions.
EMB_ARTICLES = 20000
EMB_VOCAB = 20000
EMB_WINDOW = 4
EMB_DIM = 100
#: Induced lexicons: name -> seed polarities (see ``seed_lexicons``).
LEXICON_NAMES = ("ev", "et", "ew")
_EMB_TOKEN = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


_OPENING_TOKEN = re.compile(r"[a-z0-9]+")


def newsmtsc_test_openings() -> set[tuple]:
    """The first 8 words of every NewsMTSC devtest sentence (8 words or longer), to leave the
    articles that hold one out of the word-vector corpus."""
    out = set()
    for split in ("devtest_rw", "devtest_mt"):
        for r in load_newsmtsc(split):
            w = _OPENING_TOKEN.findall(r["sentence_normalized"].lower().replace("’", "'"))
            if len(w) >= 8:
                out.add(tuple(w[:8]))
    return out


def news_embeddings():
    """``(vectors, vocabulary)``: unit-length PPMI-SVD word vectors from unlabeled news text
    (the AllSides articles of Baly et al. 2020, only their text; computed here at training
    time and never shipped: only the induced lexicons are)."""
    import gzip

    path = shared_dir() / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    held = newsmtsc_test_openings()
    docs = []
    dropped = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= EMB_ARTICLES:
                break
            text = json.loads(line)["content_original"].lower().replace("’", "'")
            w = _OPENING_TOKEN.findall(text)
            if any(tuple(w[i:i + 8]) in held for i in range(len(w) - 7)):
                dropped += 1  # the article holds a NewsMTSC test sentence
                continue
            docs.append(_EMB_TOKEN.findall(text))
    print(f"word vectors: {len(docs)} articles ({dropped} holding a NewsMTSC test sentence left out)")
    E, vocab, _counts = ppmi_svd(docs, vocab_size=EMB_VOCAB, window=EMB_WINDOW, dim=EMB_DIM)
    E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-9
    return E, vocab


def ppmi_svd(docs, *, vocab_size: int, window: int, dim: int, min_count: int = 5):
    """Count-based word vectors: ``(vectors, vocabulary, counts)`` from tokenized documents.

    The ``vocab_size`` most frequent words (at least ``min_count`` occurrences) co-occur within
    ``window`` words of each other (weight 1/distance, not across documents); the positive PMI
    of that matrix (context counts smoothed to the power 0.75) is factored by truncated SVD,
    and each word's vector is its row of ``U * sqrt(singular values)`` (``dim`` columns,
    deterministic: ARPACK starts from a fixed vector). ``counts`` maps every word to its count.

    >>> E, vocab, _ = ppmi_svd([["tax", "cut", "budget"], ["tax", "budget", "deficit"]] * 5,
    ...                        vocab_size=10, window=2, dim=2)
    >>> E.shape, vocab[0]
    ((4, 2), 'tax')
    """
    from collections import Counter

    from scipy import sparse
    from scipy.sparse.linalg import svds

    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.array([index.get(w, -1) for d in docs for w in list(d) + [""] * window],
                   dtype=np.int64)
    V = len(vocab)
    M = sparse.csr_matrix((V, V), dtype=np.float64)
    for k in range(1, window + 1):
        a, b = ids[:-k], ids[k:]
        ok = (a >= 0) & (b >= 0)
        m = sparse.coo_matrix((np.full(ok.sum(), 1.0 / k), (a[ok], b[ok])), shape=(V, V)).tocsr()
        M = M + m + m.T
    total = M.sum()
    rs = np.asarray(M.sum(1)).ravel()
    cs = rs ** 0.75
    cs = cs / cs.sum() * total
    M = M.tocoo()
    pmi = np.log(M.data * total / (rs[M.row] * cs[M.col]))
    pos = pmi > 0
    P = sparse.csr_matrix((pmi[pos], (M.row[pos], M.col[pos])), shape=(V, V))
    U, sv, _ = svds(P, k=dim, v0=np.full(V, 1.0 / np.sqrt(V)))
    return U * np.sqrt(sv), vocab, counts


def seed_lexicons(sentence_weights) -> dict:
    """Seed polarities of the induced lexicons: ``ev`` the VADER lexicon (valence / 4), ``et``
    TextBlob's word polarities, ``ew`` the sentence tone model's unigram weights. Identity terms
    are no seeds (TextBlob's "gay" +0.42 would spread to the words used near it)."""
    identity = identity_terms()
    return {"ev": {w: v / 4 for w, v in S._vader()[1].lexicon.items() if w not in identity},
            "et": {w: v[0] for w, v in S._pattern().words.items() if v[0] and w not in identity},
            "ew": {w: v for w, v in sentence_weights.items()
                   if " " not in w and not w.startswith(("not_", "<"))}}


def induce_lexicon(emb, sentence_weights, names) -> dict:
    """word -> [value per LEXICON_NAMES]: each seed lexicon extended to every word of the
    vocabulary by a ridge regression from the word vectors to the seed polarities (Turney &
    Littman 2003 style propagation; names excluded)."""
    from sklearn.linear_model import Ridge

    E, vocab = emb
    index = {w: i for i, w in enumerate(vocab)}
    seeds = seed_lexicons(sentence_weights)
    cols = []
    for name in LEXICON_NAMES:
        src = seeds[name]
        ws = [w for w in src if w in index]
        m = Ridge(alpha=1.0).fit(E[[index[w] for w in ws]], [src[w] for w in ws])
        cols.append(E @ m.coef_ + m.intercept_)
    return {w: [round(float(c[i]), 3) for c in cols] for i, w in enumerate(vocab)
            if w not in names}


def toward_items(rows, config, alpha, weighting) -> list[dict]:
    """One item per NewsMTSC training target: its sentence, mention, label, document, dev flag,
    and the cross-fitted sentence model (to compute the sentence model's contributions)."""
    fold = {id(r): int(bucket(r["doc"], "crossfit") * TOWARD_FOLDS) for r in rows}
    items = []
    for k in range(TOWARD_FOLDS):
        model = fit([r for r in rows if fold[id(r)] != k], config, alpha, weighting)
        tm = S._ToneModel(model, S._load_tone().cues, f"crossfit {k}")
        for r in rows:
            if r["dataset"] != "newsmtsc" or fold[id(r)] != k:
                continue
            seg = segment(r["text"])
            base: dict = {}
            for a, b, y in r["targets"]:
                sent = seg.sentence_of(a)
                if sent is None:
                    continue
                ss, se = seg.sentences[sent]
                first, last = seg.sentence_token_ranges[sent]
                dense = S._dense_inputs(r["text"][ss:se],
                                        S.vader_scores(r["text"][ss:se])["compound"],
                                        S.textblob_sentiment(r["text"][ss:se]).polarity)
                dense["tone"] = tm.total(seg.norm, first, last, dense)
                items.append({"seg": seg, "k": sent, "span": (a, b), "dense": dense, "tm": tm,
                              "base": base, "y": y, "dev": r["dev"], "doc": r["doc"],
                              "sentence_tone": dense["tone"], "n_targets": len(r["targets"])})
    return items


def toward_featurize(items, tw_of) -> list[dict]:
    """Features of each item; ``tw_of(item)`` gives the toward model (feature options and
    induced lexicon) to compute them with."""
    feats = []
    for it in items:
        d = defaultdict(float)
        for name, value, _a, _b in S._mention_features(it["seg"], it["k"], it["span"], it["dense"],
                                                       it["tm"], tw_of(it), it["base"]):
            d[name] += value
        feats.append(d)
    return feats


class _Design:
    """Sparse design matrix over the kept features (at least ``min_df`` training items; no
    name word), and the dense matrix the trees see."""

    def __init__(self, feats, fit_idx, names, min_df=2):
        from sklearn.feature_extraction import DictVectorizer

        df = defaultdict(int)
        for i in fit_idx:
            for k in feats[i]:
                df[k] += 1
        keep = {k for k, n in df.items()
                if n >= min_df and not (":" in k and k.split(":", 1)[1] in names)}
        self.vec = DictVectorizer()
        self.X = self.vec.fit_transform([{k: v for k, v in d.items() if k in keep}
                                         for d in feats]).tocsr()
        self.dense_names = sorted(k for k in keep if k.startswith(TOWARD_TREE_PREFIXES))
        self.D = np.array([[d.get(k, 0.0) for k in self.dense_names] for d in feats])


def toward_logistic(X, y, C):
    """Multinomial logistic model; returns per feature [negative, positive] log-odds against
    neutral, and the intercepts the same way."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=C, max_iter=5000).fit(X, y.astype(int))
    assert list(m.classes_) == [-1, 0, 1]
    coef = np.stack([m.coef_[0] - m.coef_[1], m.coef_[2] - m.coef_[1]], axis=1)
    icpt = [float(m.intercept_[0] - m.intercept_[1]), float(m.intercept_[2] - m.intercept_[1])]
    return coef, icpt


def logistic_predict(X, coef, icpt) -> np.ndarray:
    z = np.column_stack([X @ coef[:, 0] + icpt[0], X @ coef[:, 1] + icpt[1], np.zeros(X.shape[0])])
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return p[:, 1] - p[:, 0]


def toward_trees(D, y):
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(**TOWARD_TREES, random_state=0).fit(D, y)


def export_trees(g, feature_names) -> dict:
    """The fitted ensemble as plain lists: per tree [feature (-1: leaf), threshold, left,
    right, value] (go left when value <= threshold), plus the baseline."""
    trees = []
    for (pred,) in g._predictors:
        nodes = pred.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append([
            [(-1 if leaf[i] else int(nodes["feature_idx"][i])) for i in range(len(nodes))],
            [(0.0 if leaf[i] else float(nodes["num_threshold"][i])) for i in range(len(nodes))],
            [int(v) for v in nodes["left"]],
            [int(v) for v in nodes["right"]],
            [(round(float(nodes["value"][i]), 6) if leaf[i] else 0.0) for i in range(len(nodes))],
        ])
    return {"features": list(feature_names),
            "baseline": float(np.ravel(g._baseline_prediction)[0]), "trees": trees}


def toward_threshold(pred, ys):
    """Symmetric threshold t (neutral = |tone| <= t) maximizing macro-F1."""
    from sklearn.metrics import f1_score

    best = (0.0, 0.0)
    for t in np.arange(0.0, 0.5, 0.01):
        f = f1_score(ys, np.where(pred < -t, -1, np.where(pred > t, 1, 0)), average="macro")
        if f > best[0]:
            best = (f, float(round(t, 2)))
    return best


def train_toward(rows, config, alpha, weighting, sentence_weights, encoder=False) -> dict:
    """The toward part; ``sentence_weights``: the shipped sentence model's weights (seed of
    the ``ew`` lexicon shipped; training items use their cross-fitted sentence model's). With
    ``encoder``: the encoder part instead (:func:`train_encoder_part`)."""
    from scipy.stats import pearsonr

    items = toward_items(rows, config, alpha, weighting)
    names = name_words(rows)
    emb = news_embeddings()
    print(f"word vectors: {emb[0].shape}")
    per_fold = {}
    for it in items:
        if id(it["tm"]) not in per_fold:
            lex = induce_lexicon(emb, it["tm"].weights, names)
            per_fold[id(it["tm"])] = S._TowardModel(
                {"config": TOWARD_CONFIG, "lexicon": {"names": LEXICON_NAMES, "words": lex}})
    fit_i = np.array([i for i, it in enumerate(items) if not it["dev"]])
    dev_i = np.array([i for i, it in enumerate(items) if it["dev"]])
    y = np.array([it["y"] for it in items])
    base_r = pearsonr([items[i]["sentence_tone"] for i in dev_i], y[dev_i])[0]
    print(f"toward: {len(fit_i)} fit / {len(dev_i)} dev targets; sentence tone dev r {base_r:.3f}")
    feats = toward_featurize(items, lambda it: per_fold[id(it["tm"])])
    des = _Design(feats, fit_i, names)
    trees = toward_trees(des.D[fit_i], y[fit_i]).predict(des.D[dev_i])
    print(f"toward trees alone dev r {pearsonr(trees, y[dev_i])[0]:.3f}")
    best = None
    for C in TOWARD_GRID_C:
        coef, icpt = toward_logistic(des.X[fit_i], y[fit_i], C)
        lin = logistic_predict(des.X[dev_i], coef, icpt)
        for blend in TOWARD_GRID_BLEND:
            pred = np.clip(blend * trees + (1 - blend) * lin, -1, 1)
            r = pearsonr(pred, y[dev_i])[0]
            print(f"toward C {C:4.1f} blend {blend:.1f} dev r {r:.3f}")
            if best is None or r > best[0]:
                best = (r, C, blend, pred)
    r, C, blend, pred = best
    if encoder:
        return train_encoder_part(items, fit_i, dev_i, y, pred, r)
    f1, t = toward_threshold(pred, y[dev_i])
    from scipy.stats import spearmanr

    rho = float(spearmanr(pred, y[dev_i])[0])
    print(f"toward chosen: C {C}, blend {blend}; dev r {r:.3f}, rho {rho:.3f}, "
          f"macro-F1 {f1:.3f} at {t}")
    multi = np.array([items[i]["n_targets"] > 1 for i in dev_i])
    for label, sel in (("several targets", multi), ("one target", ~multi)):
        print(f"toward dev r, sentences with {label}: {pearsonr(pred[sel], y[dev_i][sel])[0]:.3f} "
              f"({sel.sum()} targets, {np.mean(y[dev_i][sel] == 0):.0%} neutral)")
    all_i = np.arange(len(items))
    des = _Design(feats, all_i, names)
    coef, icpt = toward_logistic(des.X, y, C)
    fnames = des.vec.get_feature_names_out()
    weights = {n: [round(float(a), 4), round(float(b), 4)] for n, (a, b) in zip(fnames, coef)
               if max(abs(a), abs(b)) >= PRUNE}
    spec = {
        "description": "Tone toward one target mention: clip(blend * trees + (1 - blend) * "
                       "(p(positive) - p(negative)), -1, 1); p from a multinomial logistic "
                       "model (weights: [negative, positive] log-odds against neutral), trees "
                       "a gradient-boosted regression ensemble over the dense features. "
                       "Features: see framing.sentiment._TowardModel.features. Fitted on "
                       "NewsMTSC train targets only; the sentence model's contributions for "
                       "them cross-fitted by document.",
        "folds": TOWARD_FOLDS,
        "C": C,
        "blend": blend,
        "tree_options": TOWARD_TREES,
        "training_targets": len(items),
        "dev_pearson": {"sentence_tone": round(float(base_r), 3), "toward": round(float(r), 3)},
        "dev_spearman": round(rho, 3),
        "dev_macro_f1": round(float(f1), 3),
        "config": TOWARD_CONFIG,
        "thresholds": [-t, t],
        "intercept": [round(v, 6) for v in icpt],
        "weights": dict(sorted(weights.items())),
        "lexicon": {"names": list(LEXICON_NAMES),
                    "description": "Induced word polarities: seeds (ev: VADER valence / 4, et: "
                                   "TextBlob polarity, ew: the sentence model's unigram "
                                   "weights) propagated to the vocabulary by ridge regression "
                                   "from PPMI-SVD word vectors of unlabeled AllSides news "
                                   f"text (first {EMB_ARTICLES} articles, {EMB_DIM} "
                                   "dimensions; the vectors are not shipped).",
                    "words": dict(sorted(induce_lexicon(emb, sentence_weights, names).items()))},
    }
    if blend > 0:
        g = toward_trees(des.D, y)
        spec["trees"] = export_trees(g, des.dense_names)
        # the exported trees must reproduce sklearn's predictions
        tw2 = S._TowardModel({**spec, "blend": 1.0, "intercept": [0.0, 0.0], "weights": {},
                              "lexicon": None})
        check = [tw2.predict([(k, v, -1, -1) for k, v in feats[i].items()])[0]
                 for i in range(0, len(items), 7)]
        want = np.clip(g.predict(des.D[::7]), -1, 1)
        assert np.max(np.abs(np.array(check) - want)) < 1e-4, "tree export mismatch"
    return spec


#: Grids of the encoder part (``--encoder``): the logistic model's C and the share of the encoder
#: part in the mix with the word model.
ENCODER_GRID_C = (0.001, 0.003, 0.01)
ENCODER_GRID_MIX = (0.3, 0.4, 0.5, 0.6, 0.7)
ENCODER_OUT = REPO / "src" / "framing" / "data" / "sentiment" / "toward_encoder.json"


def train_encoder_part(items, fit_i, dev_i, y, word_pred, word_r) -> dict:
    """The encoder part of the tone toward a mention (framing.sentiment._EncoderToward): a
    multinomial logistic model over the encoder's vectors (the sentence's mean and the mention's,
    ``S._encoder_features``), mixed with the word model. C and the mix are chosen on the
    development targets, ``word_pred`` being the word model's development predictions (fitted
    on the rest, as for the shipped word model); then refitted on all targets."""
    from scipy.stats import pearsonr
    from sklearn.linear_model import LogisticRegression

    from framing.encoder import load_encoder

    shipped = json.loads(OUT.read_text(encoding="utf-8"))["toward"]["dev_pearson"]["toward"]
    if abs(word_r - shipped) > 0.0005:
        raise SystemExit(f"the word model's development r {word_r:.4f} is not the shipped "
                         f"model's {shipped}: retrain tone_model.json first")
    enc = load_encoder()
    spans = []
    for it in items:
        seg = it["seg"]
        ss, se = seg.sentences[it["k"]]
        spans.append((seg.text[ss:se], it["span"][0] - ss, it["span"][1] - ss))
    sentences = sorted({t for t, _a, _b in spans})
    hidden = dict(zip(sentences, enc.hidden(sentences)))
    X = np.stack([S._encoder_features(*hidden[t], a, b) for t, a, b in spans])
    print(f"encoder part: {X.shape[1]} inputs, {len(sentences)} sentences")

    def fitted(idx, C):
        mu, sd = X[idx].mean(axis=0), X[idx].std(axis=0) + 1e-6
        m = LogisticRegression(C=C, max_iter=5000).fit((X[idx] - mu) / sd, y[idx].astype(int))
        assert list(m.classes_) == [-1, 0, 1]
        coef = np.stack([m.coef_[0] - m.coef_[1], m.coef_[2] - m.coef_[1]], axis=1) / sd[:, None]
        icpt = np.array([m.intercept_[0] - m.intercept_[1], m.intercept_[2] - m.intercept_[1]])
        return coef, icpt - mu @ coef

    def encoder_tone(coef, icpt, idx):
        z = np.column_stack([X[idx] @ coef + icpt, np.zeros(len(idx))])
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        return p[:, 1] - p[:, 0]

    best = None
    for C in ENCODER_GRID_C:
        enc_dev = encoder_tone(*fitted(fit_i, C), dev_i)
        print(f"encoder part C {C}: alone dev r {pearsonr(enc_dev, y[dev_i])[0]:.3f}")
        for mix in ENCODER_GRID_MIX:
            pred = mix * enc_dev + (1 - mix) * word_pred
            r = pearsonr(pred, y[dev_i])[0]
            print(f"  mix {mix}: dev r {r:.3f}")
            if best is None or r > best[0]:
                best = (r, C, mix, pred)
    r, C, mix, pred = best
    f1, t = toward_threshold(pred, y[dev_i])
    from scipy.stats import spearmanr

    rho = float(spearmanr(pred, y[dev_i])[0])
    multi = np.array([items[i]["n_targets"] > 1 for i in dev_i])
    r_multi = float(pearsonr(pred[multi], y[dev_i][multi])[0])
    print(f"encoder part chosen: C {C}, mix {mix}; dev r {r:.3f} (word model {word_r:.3f}), "
          f"rho {rho:.3f}, macro-F1 {f1:.3f} at {t}; sentences with several targets {r_multi:.3f}")
    coef, icpt = fitted(np.arange(len(items)), C)
    return {
        "name": "framing tone toward targets, encoder part",
        "description": "Tone toward one target mention = mix * (p(positive) - p(negative)) + "
                       "(1 - mix) * the word model's tone (tone_model.json, toward part). p from "
                       "a multinomial logistic model (weights: [negative, positive] log-odds "
                       "against neutral, inputs as read, standardization folded in) over the "
                       "mean of the sentence's word-piece vectors and the mean of the mention's, "
                       "from the all-MiniLM-L6-v2 encoder (framing.encoder). Fitted on "
                       "NewsMTSC train targets only.",
        "trained_with": "validation/train_tone.py --encoder",
        "encoder": {"model": "all-MiniLM-L6-v2", "sha256": __import__("framing.encoder",
                    fromlist=["MODEL_SHA256"]).MODEL_SHA256},
        "C": C,
        "mix": mix,
        "training_targets": len(items),
        "dev_pearson": {"word_model": round(float(word_r), 3), "mixed": round(float(r), 3),
                        "several_targets": round(r_multi, 3)},
        "dev_spearman": round(rho, 3),
        "dev_macro_f1": round(float(f1), 3),
        "thresholds": [-t, t],
        "intercept": [round(float(v), 6) for v in icpt],
        "weights": [[float(f"{a:.6g}"), float(f"{b:.6g}")] for a, b in coef],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="do not write the model")
    ap.add_argument("--out", default=None, help=f"default: {OUT.relative_to(REPO)} (with "
                    f"--encoder: {ENCODER_OUT.relative_to(REPO)})")
    ap.add_argument("--encoder", action="store_true",
                    help="train only the encoder part of the tone toward targets (needs the "
                         "encoder's weights, see framing.encoder), against the shipped model")
    args = ap.parse_args(argv)
    if not shared_dir().exists():
        print(f"{shared_dir()} is absent", file=sys.stderr)
        return 2
    rows = training_rows()
    prepare(rows)
    train = [r for r in rows if not r["dev"]]
    dev = [r for r in rows if r["dev"]]
    counts = defaultdict(lambda: [0, 0])
    for r in rows:
        counts[r["dataset"]][int(r["dev"])] += 1
    print("training rows (fit / dev):", {k: tuple(v) for k, v in counts.items()})
    from scipy.stats import pearsonr

    for lib in ("vader", "textblob"):
        res = {}
        for name in ("newsmtsc", "semeval2007", "semeval2017", "phrasebank"):
            sub = [r for r in dev if r["dataset"] == name]
            res[name] = pearsonr([r["dense"][lib] for r in sub], [r["y"] for r in sub])[0]
        print(f"baseline {lib} dev r: " + " ".join(f"{k} {v:.3f}" for k, v in res.items()))
    best = None
    for ci, config in enumerate(GRID_CONFIGS):
        for alpha in GRID_ALPHA:
            for weighting in GRID_WEIGHTING:
                model = fit(train, config, alpha, weighting)
                res, _ = dev_report(model, dev)
                key = np.mean([res["newsmtsc"], res["semeval2007"], res["semeval2017"]])
                print(f"config {ci} alpha {alpha:5.1f} {weighting:5s} dev r: "
                      + " ".join(f"{k} {v:.3f}" for k, v in res.items()) + f"  mean {key:.3f}")
                if best is None or key > best[0]:
                    best = (key, ci, alpha, weighting)
    _, ci, alpha, weighting = best
    config = GRID_CONFIGS[ci]
    model = fit(train, config, alpha, weighting)
    res, pred = dev_report(model, dev)
    f1, t = macro_f1_threshold(pred, dev)
    print(f"chosen: config {ci}, alpha {alpha}, weighting {weighting}; dev r {res}; "
          f"NewsMTSC dev macro-F1 {f1:.3f} at threshold {t}")
    final = fit(rows, config, alpha, weighting)
    if args.encoder:
        spec = train_toward(rows, config, alpha, weighting, final["weights"], encoder=True)
        if not args.dry_run:
            out = Path(args.out or ENCODER_OUT)
            out.write_text(json.dumps(spec, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {out}")
        return 0
    weights = dict(sorted(final["weights"].items()))
    out = {
        "name": "framing news tone",
        "description": "Linear model: tone = clip(sum(weight * feature value), -1, 1), no "
                       "intercept. Features: see framing.sentiment._ToneModel.features; dense "
                       "inputs: the sentence's VADER compound and TextBlob polarity.",
        "trained_with": "validation/train_tone.py",
        "seed": SEED,
        "test_share": TEST_SHARE,
        "dev_share": DEV_SHARE,
        "alpha": alpha,
        "weighting": weighting,
        "training_rows": {k: sum(v) for k, v in counts.items()},
        "name_words_without_weight": final["n_name_words"],
        "features_fitted": final["n_features"],
        "name_share": NAME_SHARE,
        "reporting_words_without_weight": sorted(reporting_words()),
        "dev_pearson": {k: round(v, 3) for k, v in res.items()},
        "config": config,
        "thresholds": [-t, t],
        "dense": {k: round(v, 5) for k, v in final["dense"].items()},
        "weights": weights,
        "toward": train_toward(rows, config, alpha, weighting, final["weights"]),
    }
    print(f"{len(weights)} weights; dense {out['dense']}; "
          f"{len(out['toward']['weights'])} toward weights")
    if not args.dry_run:
        Path(args.out or OUT).write_text(json.dumps(out, indent=0, ensure_ascii=False, sort_keys=False)
                                  + "\n", encoding="utf-8")
        print(f"wrote {args.out or OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
