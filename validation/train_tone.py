"""Train the news-tone model shipped as src/framing/data/sentiment/tone_model.json.

Run from the repository root:

    .venv/bin/python validation/train_tone.py            # train, print dev figures, write the model
    .venv/bin/python validation/train_tone.py --dry-run  # train and print, write nothing

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
encode who is named (see ``name_words``).

The file's "toward" part (tone toward one target mention, framing.sentiment._TowardModel) is
fitted after the sentence model, on NewsMTSC train targets only, with the sentence model's
contributions cross-fitted by document (see ``train_toward``); the sentence model's weights do not
depend on it.

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
        r["dense"] = {"vader": S.vader_scores(r["text"])["compound"],
                      "textblob": S.textblob_sentiment(r["text"]).polarity}


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
    return {w for w, n in seen.items() if capital[w] >= share * n}


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
    names = vec.get_feature_names_out()
    weights = {n: round(float(c), 4) for n, c in zip(names, model.coef_)
               if not n.startswith("__") and abs(c) >= PRUNE}
    dense = {n[2:]: float(c) for n, c in zip(names, model.coef_) if n.startswith("__")}
    return {"config": config, "weights": weights, "dense": dense, "n_name_words": len(names)}


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
#: Fixed feature options (chosen on the development split during development).
TOWARD_CONFIG = {"edges": [1, 4, 9], "window": 3, "kernel": 3.0, "far": 0.5}
TOWARD_GRID_ALPHA = [3.0, 10.0, 30.0]
TOWARD_GRID_SPARSE = [0.3, 0.5, 1.0]


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
                dense = {"vader": S.vader_scores(r["text"][ss:se])["compound"],
                         "textblob": S.textblob_sentiment(r["text"][ss:se]).polarity}
                items.append({"seg": seg, "k": sent, "span": (a, b), "dense": dense, "tm": tm,
                              "base": base, "y": y, "dev": r["dev"], "doc": r["doc"],
                              "sentence_tone": tm.total(seg.norm, 0, len(seg.norm), r["dense"])})
    return items


def toward_featurize(items, tw) -> list[dict]:
    feats = []
    for it in items:
        d = defaultdict(float)
        for name, value, _a, _b in S._mention_features(it["seg"], it["k"], it["span"], it["dense"],
                                                       it["tm"], tw, it["base"]):
            d[name] += value
        feats.append(d)
    return feats


def toward_fit(items, feats, alpha, names, min_df=2) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    df = defaultdict(int)
    for d in feats:
        for k in d:
            df[k] += 1
    keep = {k for k, n in df.items()
            if n >= min_df and not (":" in k and k.split(":", 1)[1] in names)}
    vec = DictVectorizer()
    X = vec.fit_transform([{k: v for k, v in d.items() if k in keep} for d in feats])
    y = np.array([it["y"] for it in items])
    model = Ridge(alpha=alpha, fit_intercept=False).fit(X, y)
    return {n: round(float(c), 4) for n, c in zip(vec.get_feature_names_out(), model.coef_)
            if abs(c) >= PRUNE}


def toward_predict(weights, feats) -> np.ndarray:
    return np.clip([sum(weights.get(k, 0.0) * v for k, v in d.items()) for d in feats], -1, 1)


def toward_threshold(pred, ys):
    """Symmetric threshold t (neutral = |tone| <= t) maximizing macro-F1."""
    from sklearn.metrics import f1_score

    best = (0.0, 0.0)
    for t in np.arange(0.0, 0.5, 0.01):
        f = f1_score(ys, np.where(pred < -t, -1, np.where(pred > t, 1, 0)), average="macro")
        if f > best[0]:
            best = (f, float(round(t, 2)))
    return best


def train_toward(rows, config, alpha, weighting) -> dict:
    from scipy.stats import pearsonr

    items = toward_items(rows, config, alpha, weighting)
    names = name_words(rows)
    fit_i = [i for i, it in enumerate(items) if not it["dev"]]
    dev_i = [i for i, it in enumerate(items) if it["dev"]]
    y = np.array([it["y"] for it in items])
    base_r = pearsonr([items[i]["sentence_tone"] for i in dev_i], y[dev_i])[0]
    print(f"toward: {len(fit_i)} fit / {len(dev_i)} dev targets; sentence tone dev r {base_r:.3f}")
    best = None
    for sparse in TOWARD_GRID_SPARSE:
        tw = S._TowardModel({"config": {**TOWARD_CONFIG, "sparse": sparse}})
        feats = toward_featurize(items, tw)
        for a in TOWARD_GRID_ALPHA:
            w = toward_fit([items[i] for i in fit_i], [feats[i] for i in fit_i], a, names)
            r = pearsonr(toward_predict(w, [feats[i] for i in dev_i]), y[dev_i])[0]
            print(f"toward sparse {sparse} alpha {a:5.1f} dev r {r:.3f}")
            if best is None or r > best[0]:
                best = (r, sparse, a)
    r, sparse, a = best
    config_t = {**TOWARD_CONFIG, "sparse": sparse}
    tw = S._TowardModel({"config": config_t})
    feats = toward_featurize(items, tw)
    w = toward_fit([items[i] for i in fit_i], [feats[i] for i in fit_i], a, names)
    f1, t = toward_threshold(toward_predict(w, [feats[i] for i in dev_i]), y[dev_i])
    print(f"toward chosen: sparse {sparse}, alpha {a}; dev r {r:.3f}, macro-F1 {f1:.3f} at {t}")
    final = toward_fit(items, feats, a, names)
    return {
        "description": "Tone toward one target mention: clip(sum(weight * feature value), -1, "
                       "1). Features: see framing.sentiment._TowardModel.features. Fitted on "
                       "NewsMTSC train targets only; the sentence model's contributions for "
                       "them cross-fitted by document.",
        "folds": TOWARD_FOLDS,
        "alpha": a,
        "training_targets": len(items),
        "dev_pearson": {"sentence_tone": round(float(base_r), 3), "toward": round(float(r), 3)},
        "dev_macro_f1": round(float(f1), 3),
        "config": config_t,
        "thresholds": [-t, t],
        "weights": dict(sorted(final.items())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="do not write the model")
    ap.add_argument("--out", default=str(OUT))
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
        "name_share": NAME_SHARE,
        "dev_pearson": {k: round(v, 3) for k, v in res.items()},
        "config": config,
        "thresholds": [-t, t],
        "dense": {k: round(v, 5) for k, v in final["dense"].items()},
        "weights": weights,
        "toward": train_toward(rows, config, alpha, weighting),
    }
    print(f"{len(weights)} weights; dense {out['dense']}; "
          f"{len(out['toward']['weights'])} toward weights")
    if not args.dry_run:
        Path(args.out).write_text(json.dumps(out, indent=0, ensure_ascii=False, sort_keys=False)
                                  + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
