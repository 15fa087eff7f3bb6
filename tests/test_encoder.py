"""framing.encoder against the reference implementation (transformers + PyTorch).

tests/data/encoder_reference.json is written by validation/encoder_reference.py in a scratch
venv (transformers and torch are not framing's dependencies): the reference tokenizer's ids of
40 texts and digests of the reference's last hidden state. Skipped when the weights are not
installed (``framing.encoder.INSTALL_HINT``).

Known, untested differences from the reference fast tokenizer (rare scripts only): characters
added to Unicode after the version of the reference's tables (this Python's unicodedata is
newer), and CJK Extension E U+2B820-2B91F, which the reference does not split off as CJK.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

from framing import encoder as E

if not E.is_available():
    pytest.skip(f"the encoder's weights are not installed: {E.INSTALL_HINT}",
                allow_module_level=True)

FIXTURE = Path(__file__).parent / "data" / "encoder_reference.json"
REFERENCE = json.loads(FIXTURE.read_text(encoding="ascii"))
CASES = {case["name"]: case for case in REFERENCE["texts"]}
TOL = 1e-4  # absolute, on the reference's hidden-state digests
WIDTH, STEP = E.MAX_PIECES - 2, (E.MAX_PIECES - 2) // 2  # Encoder.hidden's windows


@pytest.fixture(scope="module")
def enc() -> E.Encoder:
    return E.load_encoder()


@pytest.fixture(scope="module")
def alone(enc):
    """The last layer's vectors ``[pieces, 384]`` of one id list run alone (cached: the
    forward pass of 256 pieces takes a while)."""
    cache: dict[tuple[int, ...], np.ndarray] = {}

    def run(ids: list[int]) -> np.ndarray:
        if tuple(ids) not in cache:
            cache[tuple(ids)] = enc.forward([ids])[0][0]
        return cache[tuple(ids)]
    return run


@pytest.fixture(scope="module")
def hidden_alone(enc):
    """:meth:`Encoder.hidden` of one text (cached)."""
    cache: dict[str, tuple] = {}

    def run(text: str):
        if text not in cache:
            cache[text] = enc.hidden([text])[0]
        return cache[text]
    return run


@pytest.fixture
def fresh_cache():
    """load_encoder's cache emptied before and after (nothing tampered stays cached)."""
    E.load_encoder.cache_clear()
    yield
    E.load_encoder.cache_clear()


def assert_digest(hidden: np.ndarray, ref: dict, what: str) -> None:
    """``hidden`` ``[n, 384]`` (n pieces with [CLS] and [SEP]) against a reference digest."""
    n = hidden.shape[0]
    for i, first6, norm in ref["rows"]:
        np.testing.assert_allclose(hidden[i, :6], first6, rtol=0, atol=TOL,
                                   err_msg=f"{what}: piece {i} of {n}")
        assert abs(np.linalg.norm(hidden[i]) - norm) <= TOL, f"{what}: norm of piece {i}"
    np.testing.assert_allclose(hidden.mean(0)[:16], ref["mean16"], rtol=0, atol=TOL,
                               err_msg=f"{what}: mean vector")


def window_plan(n_body: int) -> list[int]:
    """Start of each window Encoder.hidden reads a text of ``n_body`` pieces in."""
    starts = [0]
    while starts[-1] + WIDTH < n_body:
        starts.append(starts[-1] + STEP)
    return starts


def test_fixture_is_of_these_weights():
    assert REFERENCE["model_sha256"] == E.MODEL_SHA256
    assert REFERENCE["reference"]["tokenizer_is_fast"] is True
    assert len(CASES) == len(REFERENCE["texts"]) >= 40
    assert FIXTURE.stat().st_size < 100_000


@pytest.mark.parametrize("name", list(CASES))
def test_token_ids_equal_the_reference(enc, name):
    case = CASES[name]
    ids, spans = enc.tokenize(case["text"])
    assert ids == case["ids"]
    assert len(spans) == len(ids)
    n = len(case["text"])
    assert all(0 <= a <= b <= n for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_cjk_compatibility_ideographs_fold_to_unified(enc):
    # U+F902 is U+8ECA after NFD; the reference reads it as that ideograph, not [UNK]
    assert enc.tokenize("\uf902")[0] == enc.tokenize("\u8eca")[0] != [101, 100, 102]


def test_unassigned_code_points_are_kept_not_dropped(enc):
    # U+0378 is unassigned: the reference keeps it, so the word holding it is [UNK]
    assert enc.tokenize("and\u0378unassigned")[0] == [101, 100, 102]
    assert enc.tokenize("a\x07b\u200bc")[0] == enc.tokenize("abc")[0]  # controls still dropped


SHORT = [name for name, case in CASES.items() if "hidden" in case]
LONG = [name for name, case in CASES.items() if "first_window" in case]


@pytest.mark.parametrize("name", SHORT)
def test_hidden_state_equals_the_reference(alone, name):
    assert_digest(alone(CASES[name]["ids"]).astype(np.float64), CASES[name]["hidden"], name)


def test_padded_batch_equals_the_reference(enc):
    names = [n for n in SHORT if len(CASES[n]["ids"]) <= 30]  # padded to the longest
    x, mask = enc.forward([CASES[n]["ids"] for n in names])
    assert len(names) >= 20 and len({len(CASES[n]["ids"]) for n in names}) >= 10
    for row, name in enumerate(names):
        m = len(CASES[name]["ids"])
        assert mask[row].sum() == m and not mask[row, m:].any()
        assert_digest(x[row, :m].astype(np.float64), CASES[name]["hidden"], f"{name} padded")


@pytest.mark.parametrize("name", LONG)
def test_first_window_equals_the_reference(alone, name):
    ids = CASES[name]["ids"]
    x = alone([ids[0], *ids[1:1 + WIDTH], ids[-1]])
    assert_digest(x.astype(np.float64), CASES[name]["first_window"], name)


def test_forward_refuses_more_than_max_pieces(enc):
    ids = CASES["over_256_by_1"]["ids"]
    assert len(ids) == E.MAX_PIECES + 1
    with pytest.raises(ValueError, match="longer than 256"):
        enc.forward([ids])


@pytest.mark.parametrize("name", ["fits_256", "news_quote", "empty"])
def test_hidden_of_a_text_that_fits_is_forward_without_specials(enc, alone, hidden_alone,
                                                                 name):
    case = CASES[name]
    vecs, spans = hidden_alone(case["text"])
    assert vecs.shape == (len(case["ids"]) - 2, E.WIDTH)
    assert spans == enc.tokenize(case["text"])[1][1:-1]
    np.testing.assert_allclose(vecs, alone(case["ids"])[1:-1], rtol=0, atol=1e-5)


@pytest.mark.parametrize("name", LONG)
def test_hidden_reads_a_long_text_in_windows(alone, hidden_alone, name):
    """One vector per piece; each is the piece's vector in the half-overlapping window of 254
    pieces where it stands furthest from a window edge that is not the text's own edge."""
    case = CASES[name]
    cls, body, sep = case["ids"][0], case["ids"][1:-1], case["ids"][-1]
    n = len(body)
    vecs, spans = hidden_alone(case["text"])
    assert vecs.shape == (n, E.WIDTH) and len(spans) == n
    starts = window_plan(n)
    assert len(starts) >= 2
    window = {a: alone([cls, *body[a:a + WIDTH], sep])[1:-1] for a in starts}
    # the first pieces are the first window's, and they match the reference
    np.testing.assert_allclose(vecs[:STEP], window[0][:STEP], rtol=0, atol=1e-5)
    for i, first6, _norm in case["first_window"]["rows"]:
        if 1 <= i <= STEP:
            np.testing.assert_allclose(vecs[i - 1, :6], first6, rtol=0, atol=TOL)
    worst = WIDTH
    for j in range(n):
        reach = {}
        for a in starts:
            m = len(window[a])
            if a <= j < a + m:
                left = j - a if a > 0 else WIDTH  # the text's own start is no edge
                right = a + m - 1 - j if a + m < n else WIDTH  # nor its end
                reach[a] = min(left, right)
        best = max(reach.values())
        worst = min(worst, best)
        assert any(np.allclose(vecs[j], window[a][j - a], rtol=0, atol=1e-5)
                   for a, r in reach.items() if r == best), f"piece {j} of {n}"
    assert worst >= STEP // 2 - 1  # every piece read with >= 62 pieces of context each side


def test_hidden_keeps_the_order_of_mixed_texts(enc, hidden_alone):
    names = ["news_quote", "over_256_by_1", "empty", "single_char", "abbreviations"]
    texts = [CASES[n]["text"] for n in names]
    together = enc.hidden(texts, batch_size=2)  # the long text's windows in two batches
    assert len(together) == len(names)
    for name, text, (vecs, spans) in zip(names, texts, together):
        one, one_spans = hidden_alone(text)
        assert vecs.shape == one.shape == (len(CASES[name]["ids"]) - 2, E.WIDTH)
        assert spans == one_spans
        np.testing.assert_allclose(vecs, one, rtol=0, atol=1e-5, err_msg=name)


def test_hidden_gives_a_text_the_same_vectors_whatever_is_read_with_it(enc):
    """Exactly, not just closely: a padded batch's sums run in other blocks than a lone text's,
    which moves the last digits, so ``hidden`` pads to multiples of PAD_STEP and batches only
    inputs of one padded length (a tone toward a target must not depend on what other
    sentences of the article mention targets)."""
    texts = [CASES[n]["text"] for n in ("news_quote", "abbreviations", "single_char")]
    texts.append(texts[0] + " And more words here.")
    alone = [enc.hidden([t])[0][0] for t in texts]
    for batch_size in (1, 2, 16):
        together = enc.hidden(texts[::-1], batch_size=batch_size)[::-1]
        for one, (vecs, _spans) in zip(alone, together):
            assert np.array_equal(one, vecs)



def test_hidden_runs_on_one_blas_thread_and_gives_the_callers_setting_back(enc, monkeypatch):
    # OpenBLAS's default threads made the forward pass 4-7 times slower on a busy machine
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads():
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    seen = []
    real = E.Encoder.forward
    monkeypatch.setattr(E.Encoder, "forward",
                        lambda self, *a, **k: seen.append(blas_threads()) or real(self, *a, **k))
    with threadpool_limits(2, user_api="blas"):
        want = blas_threads()
        vecs = enc.hidden([CASES["news_quote"]["text"]])[0][0]
        assert blas_threads() == want
    assert seen and all(s == {E.BLAS_THREADS} for s in seen)
    np.testing.assert_allclose(vecs, enc.hidden([CASES["news_quote"]["text"]])[0][0], rtol=0,
                               atol=1e-5)

def _safetensors(tensors: dict, metadata: dict | None = None) -> bytes:
    header, blob = {}, b""
    for name, (dtype, arr) in tensors.items():
        raw = np.ascontiguousarray(arr).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape),
                        "data_offsets": [len(blob), len(blob) + len(raw)]}
        blob += raw
    if metadata is not None:
        header["__metadata__"] = metadata
    head = json.dumps(header).encode()
    return struct.pack("<Q", len(head)) + head + blob


def test_read_safetensors():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([1.5, -2.0], dtype=np.float16)
    c = np.array([[7], [-9]], dtype=np.int64)
    got = E.read_safetensors(_safetensors({"a": ("F32", a), "b": ("F16", b), "c": ("I64", c)},
                                          {"format": "pt"}))
    assert sorted(got) == ["a", "b", "c"]
    for name, want in (("a", a), ("b", b), ("c", c)):
        assert got[name].dtype == want.dtype and np.array_equal(got[name], want)
    with pytest.raises(E.EncoderUnavailableError, match="unsupported tensor type BF16"):
        E.read_safetensors(_safetensors({"d": ("BF16", np.zeros(2, np.uint16))}))


def test_load_encoder_refuses_other_weights(tmp_path, monkeypatch, fresh_cache):
    shutil.copy(E.model_dir() / "vocab.txt", tmp_path / "vocab.txt")
    fake = _safetensors({"embeddings.word_embeddings.weight":
                         ("F32", np.zeros((4, 384), np.float32))})
    (tmp_path / "model.safetensors").write_bytes(fake)
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path))
    assert E.model_dir() == tmp_path
    with pytest.raises(E.EncoderUnavailableError, match="SHA-256") as err:
        E.load_encoder()
    assert hashlib.sha256(fake).hexdigest() in str(err.value)
    assert E.MODEL_SHA256 in str(err.value)
    # the folder is FRAMING_ENCODER_DIR's, not the package's: fix it or unset the variable
    assert "unset it to use the installed package" in str(err.value)


@pytest.mark.parametrize("change", ["swap", "crlf", "truncate", "empty"])
def test_load_encoder_refuses_another_vocabulary(tmp_path, monkeypatch, fresh_cache, change):
    # the published weights with another vocab.txt: other word pieces, so other tones (two
    # words swapped turned "Critics praised NATO." from +0.44 to -0.58), or a KeyError traceback
    # (no [UNK]); the store's key for these tones names the weights only
    (tmp_path / "model.safetensors").symlink_to(E.model_dir() / "model.safetensors")
    words = (E.model_dir() / "vocab.txt").read_text(encoding="utf-8").split("\n")
    i, j = words.index("praised"), words.index("criticized")
    words[i], words[j] = words[j], words[i]
    text = {"swap": "\n".join(words),
            "crlf": (E.model_dir() / "vocab.txt").read_text(encoding="utf-8").replace("\n", "\r\n"),
            "truncate": (E.model_dir() / "vocab.txt").read_text(encoding="utf-8")[:20000],
            "empty": ""}[change]
    (tmp_path / "vocab.txt").write_bytes(text.encode("utf-8"))
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path))
    with pytest.raises(E.EncoderUnavailableError, match="not the published all-MiniLM-L6-v2 "
                       "vocabulary") as err:
        E.load_encoder()
    assert str(tmp_path / "vocab.txt") in str(err.value) and E.VOCAB_SHA256 in str(err.value)
    # the installed copy's vocabulary is the published one
    monkeypatch.delenv("FRAMING_ENCODER_DIR")
    E.load_encoder.cache_clear()
    assert hashlib.sha256((E.model_dir() / "vocab.txt").read_bytes()).hexdigest() == E.VOCAB_SHA256


@pytest.mark.parametrize("present", [(), ("vocab.txt",), ("model.safetensors",)])
def test_encoder_dir_without_the_files(tmp_path, monkeypatch, fresh_cache, present):
    for name in present:
        (tmp_path / name).write_text("x")
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path))
    assert not E.is_available()
    for call in (E.model_dir, E.load_encoder):
        with pytest.raises(E.EncoderUnavailableError, match="FRAMING_ENCODER_DIR") as err:
            call()
        assert "model.safetensors" in str(err.value) and str(tmp_path) in str(err.value)


def test_encoder_dir_is_honoured(monkeypatch):
    folder = E.model_dir()
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(folder))
    assert E.model_dir() == folder and E.is_available()


def test_model_dir_without_the_package(monkeypatch):
    monkeypatch.delenv("FRAMING_ENCODER_DIR", raising=False)
    monkeypatch.setitem(sys.modules, E.MODEL_PACKAGE, None)  # find_spec then gives None
    with pytest.raises(E.EncoderUnavailableError) as err:
        E.model_dir()
    assert E.INSTALL_HINT in str(err.value)
    assert not E.is_available()
