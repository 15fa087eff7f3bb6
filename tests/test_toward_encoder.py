"""Tone toward targets with the encoder part (``toward(..., encoder=True)``)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from framing import encoder as E
from framing import sentiment as S
from framing.results import read_data_text
from framing.text import segment

pytestmark = pytest.mark.skipif(not E.is_available(),
                                reason=f"the encoder's weights are not installed: {E.INSTALL_HINT}")

TARGETS = {"NATO": ["NATO", "the alliance"], "Russia": ["Russia", "Moscow"]}
TEXT = ("NATO ministers met in Brussels. The alliance praised the brave Ukrainian defenders, "
        "but Moscow's attack on the city was brutal. Russia denied everything. It rained.")


def test_the_head_was_trained_on_the_weights_it_checks():
    spec = json.loads(read_data_text("sentiment", S.ENCODER_TOWARD_FILE))
    assert spec["encoder"]["sha256"] == E.MODEL_SHA256
    assert len(spec["weights"]) == 2 * E.WIDTH and len(spec["weights"][0]) == 2
    assert 0 < spec["mix"] < 1


def test_the_tone_is_the_documented_mix_of_the_encoder_part_and_the_word_model():
    words = S.toward(TEXT, TARGETS, evidence=False)
    mixed = S.toward(TEXT, TARGETS, evidence=False, encoder=True)
    head = S._load_tone(None, None, True).encoder_toward
    seg = segment(TEXT)
    enc = E.load_encoder()
    for w, m in zip(words.targets, mixed.targets, strict=True):
        assert m.sentences == w.sentences and m.n_mentions == w.n_mentions
        assert m.vader_compound == w.vader_compound  # only the tone changes
        for k, word_tone, tone in zip(m.sentences, w.sentence_tones, m.sentence_tones, strict=True):
            ss, se = seg.sentences[k]
            vectors, spans = enc.hidden([TEXT[ss:se]])[0]
            mentions = [(s - ss, e - ss) for s, e in S._mentions(TEXT, dict(S._compiled(
                {w.target: TARGETS[w.target]}, "auto"))[w.target]) if ss <= s < se]
            part = head.tones(vectors, spans, mentions)
            want = head.mix * sum(part) / len(part) + (1 - head.mix) * word_tone
            assert tone == pytest.approx(want, abs=1e-12)
            assert tone != pytest.approx(word_tone, abs=1e-6)  # the encoder part counts
        assert m.tone == pytest.approx(sum(m.sentence_tones) / len(m.sentence_tones))


def test_the_encoder_part_reads_which_actor_the_words_are_about():
    nato, russia = S.toward("NATO praised the plan, but Russia's attack was brutal.",
                            {"NATO": "NATO", "Russia": "Russia"}, encoder=True).targets
    assert nato.tone > russia.tone
    assert russia.tone < 0


def test_every_entry_point_gives_the_same_numbers():
    texts = pd.Series([TEXT, None, "Russia praised NATO.", "Le Kremlin a critiqué l'OTAN."],
                      index=["a", "b", "c", "d"])
    frame = S.toward(texts, TARGETS, encoder=True)
    for idx, text in texts.items():
        one = S.toward(text, TARGETS, encoder=True, evidence=False)
        tones = S.toward_tones(text, TARGETS, encoder=True)
        scored = S.score(text, targets=TARGETS, encoder=True).targets
        rows = frame.loc[[idx]].set_index("target")
        for t, u, v in zip(one.targets, tones, scored, strict=True):
            for x in (u, v, rows.loc[t.target, "toward_tone"]):
                assert (math.isnan(t.tone) and math.isnan(x if isinstance(x, float) else x.tone)) \
                    or (x if isinstance(x, float) else x.tone) == pytest.approx(t.tone, abs=1e-12)
    corpus = S.score_corpus(texts, targets=TARGETS, encoder=True)
    assert corpus.loc["a", "sentiment_toward_NATO_tone"] == pytest.approx(
        frame.loc[["a"]].set_index("target").loc["NATO", "toward_tone"], abs=1e-12)
    # a text that is not English and a missing one: no tone, with or without the encoder
    assert frame.loc[["b", "d"], "toward_tone"].isna().all()


def test_the_evidence_words_stay_the_word_model():
    words = S.toward(TEXT, TARGETS).to_dict()["evidence"]
    mixed = S.toward(TEXT, TARGETS, encoder=True).to_dict()["evidence"]
    assert mixed == words


def test_without_the_weights_it_says_how_to_install_them(monkeypatch, tmp_path):
    E.load_encoder.cache_clear()
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path))
    try:
        with pytest.raises(E.EncoderUnavailableError, match="FRAMING_ENCODER_DIR"):
            S.toward(TEXT, TARGETS, encoder=True)
        monkeypatch.delenv("FRAMING_ENCODER_DIR")
        monkeypatch.setattr(E, "MODEL_PACKAGE", "framing_no_such_package")
        with pytest.raises(E.EncoderUnavailableError, match="--no-deps"):
            S.toward(TEXT, TARGETS, encoder=True)
        assert not E.is_available()
        # the word model needs no weights
        assert S.toward(TEXT, TARGETS).targets[0].n_mentions == 2
    finally:
        E.load_encoder.cache_clear()


def test_a_tone_model_without_a_toward_part_has_no_encoder_part(tmp_path):
    model = json.loads(read_data_text("sentiment", S.MODEL_FILE))
    del model["toward"]
    path = tmp_path / "no_toward.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ValueError, match="toward part"):
        S.toward(TEXT, TARGETS, model=path, encoder=True)
