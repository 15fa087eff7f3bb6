"""framing.runs: parameter checking, atomic run folders, failed runs, index, config runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from framing.errors import InputError
from framing.runs import (
    ReportFailed,
    ReportInputError,
    check_parameters,
    check_input_files,
    coerce_parameter,
    resolve_notebook,
    resolved_parameters,
    run_config,
    run_report,
)


def make_notebook(path, body: str, params: str = 'title: str = "T"  # the title\nn: int = 3  # count'):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(params + '\noutput_dir: str = ""  # set by framing report',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(body),
    ]
    nbformat.write(nb, str(path))
    return path


@pytest.mark.parametrize("value, type_name, expected", [
    ("5", "int", 5), ("2.5", "float", 2.5), ("yes", "bool", True), ("false", "bool", False),
    ('["A", "B"]', "list", ["A", "B"]), ("[A, B]", "list[str]", ["A", "B"]),
    ('{"X": ["x"]}', "dict", {"X": ["x"]}), ("text", "str", "text"), ("none", "Optional[int]", None),
])
def test_coerce_parameter(value, type_name, expected):
    assert coerce_parameter("p", value, type_name) == expected


@pytest.mark.parametrize("value, type_name", [
    ("five", "int"), ("maybe", "bool"), ('{"a": 1}', "list"), ("[1]", "dict"), ("2.5", "int"),
    ("{Trump: [Trump", "dict"), ("[caption, hide", "list"),  # unclosed: no YAML traceback
])
def test_coerce_parameter_rejects_wrong_types(value, type_name):
    with pytest.raises(InputError, match="parameter 'p'"):
        coerce_parameter("p", value, type_name)


def test_unknown_and_reserved_parameters_are_refused(tmp_path):
    nb = make_notebook(tmp_path / "r.ipynb", "x = n * 2")
    assert check_parameters(nb, {"n": "4"}) == {"n": 4}
    with pytest.raises(InputError, match="no parameter 'bogus'.*its parameters: title, n, output_dir"):
        check_parameters(nb, {"bogus": 1})
    with pytest.raises(InputError, match="set by framing itself"):
        check_parameters(nb, {"output_dir": "/etc"})


def test_notebook_names_cannot_escape(tmp_path):
    with pytest.raises(InputError, match="bad notebook name"):
        resolve_notebook("..", tmp_path)
    with pytest.raises(InputError, match="no such notebook"):
        resolve_notebook("absent", tmp_path)


def test_successful_run_folder(tmp_path):
    nb = make_notebook(tmp_path / "demo.ipynb", (
        "import pandas as pd\nfrom framing.notebook import ReportContext\n"
        "ctx = ReportContext(output_dir)\nctx.table(pd.DataFrame({'n': [n]}), 'numbers')\n"
        "print('<script>alert(1)</script>', title)"))
    folder = run_report(nb, parameters={"n": "7"}, out=tmp_path / "reports", title="<b>Demo</b>")
    assert folder.parent.name == "demo" and not folder.name.startswith(".")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["parameters"]["n"] == 7
    # every parameter as the run saw it, the declared defaults included
    assert manifest["parameters_resolved"]["n"] == 7 and "title" in manifest["parameters_resolved"]
    assert manifest["versions"]["python"].count(".") == 2
    assert (folder / "tables" / "numbers.csv").read_text().splitlines() == ["n", "7"]
    assert (folder / "demo.ipynb").exists()
    page = (folder / "report.html").read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    assert 'src="https://' not in page
    index = (tmp_path / "reports" / "index.html").read_text()
    assert f"demo/{folder.name}/report.html" in index and "&lt;b&gt;Demo&lt;/b&gt;" in index


def test_failed_run_keeps_log_and_earlier_runs(tmp_path):
    good = make_notebook(tmp_path / "demo.ipynb", "x = n")
    out = tmp_path / "reports"
    first = run_report(good, out=out)
    bad = make_notebook(tmp_path / "demo.ipynb", "raise ValueError('the corpus has no outlet X')")
    with pytest.raises(ReportFailed, match="ValueError: the corpus has no outlet X"):
        run_report(bad, out=out)
    folders = sorted(p.name for p in (out / "demo").iterdir())
    assert first.name in folders
    failed = [f for f in folders if f.endswith(".failed")]
    assert len(failed) == 1 and not any(f.startswith(".partial") for f in folders)
    assert "the corpus has no outlet X" in (out / "demo" / failed[0] / "run.log").read_text()
    assert (first / "report.html").exists()


def test_config_runs_continue_past_a_failure(tmp_path):
    make_notebook(tmp_path / "ok.ipynb", "x = n")
    make_notebook(tmp_path / "broken.ipynb", "1 / 0")
    config = tmp_path / "reports.yaml"
    config.write_text("reports:\n  - name: first\n    notebook: broken\n"
                      "  - name: second\n    notebook: ok\n    parameters: {n: 2}\n")
    results = run_config(config, out=tmp_path / "reports", notebooks_dir=tmp_path)
    assert [r["status"] for r in results] == ["failed", "complete"]
    assert "ZeroDivisionError" in results[0]["error"]


def test_config_wait_reaches_only_the_notebooks_that_read_a_store(tmp_path):
    make_notebook(tmp_path / "reads.ipynb", "assert store_wait == 30.0",
                  params='store_wait: float = 0  # seconds')
    make_notebook(tmp_path / "plain.ipynb", "x = n")  # no store: --wait must not break it
    config = tmp_path / "reports.yaml"
    config.write_text("reports:\n  - notebook: reads\n  - notebook: plain\n")
    results = run_config(config, out=tmp_path / "reports", notebooks_dir=tmp_path, store_wait=30)
    assert [r["status"] for r in results] == ["complete", "complete"], results


def test_config_paths_may_be_relative_to_the_config_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "c.jsonl").write_text('{"text": "Talks may resume.", "outlet": "A"}\n')
    make_notebook(project / "read.ipynb", "import pathlib\nassert pathlib.Path(corpus).is_file()",
                  params='corpus: str = ""  # corpus file')
    config = project / "reports.yaml"
    config.write_text("reports:\n  - name: r\n    notebook: read\n    corpus: data/c.jsonl\n")
    monkeypatch.chdir(tmp_path)  # as cron runs it: from another folder
    results = run_config(config, out=tmp_path / "reports", notebooks_dir=project)
    assert [r["status"] for r in results] == ["complete"], results
    # the defaults too: notebooks beside the config, reports in the config's reports/ (an
    # audit found both taken from the working folder: "no such notebook", or /tmp/reports)
    (project / "notebooks").mkdir()
    (project / "read.ipynb").rename(project / "notebooks" / "read.ipynb")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    results = run_config(Path("..") / "project" / "reports.yaml")
    assert [r["status"] for r in results] == ["complete"], results
    assert Path(results[0]["folder"]).resolve().parent.parent == (project / "reports").resolve()
    assert not (elsewhere / "reports").exists()
    # a notebook given as a path relative to the config
    (project / "custom").mkdir()
    (project / "notebooks" / "read.ipynb").rename(project / "custom" / "mine.ipynb")
    config.write_text("reports:\n  - name: r\n    notebook: custom/mine.ipynb\n"
                      "    corpus: data/c.jsonl\n")
    results = run_config(Path("..") / "project" / "reports.yaml")
    assert [r["status"] for r in results] == ["complete"], results


def test_parameters_every_notebook_shares_are_checked_before_running(tmp_path):
    nb = make_notebook(tmp_path / "r.ipynb", "x = jobs",
                       params='jobs: int = 0  # workers (0: all cores)\nstore: str = ""  # store')
    assert check_parameters(nb, {"jobs": "0", "store": ""}) == {"jobs": 0, "store": ""}
    with pytest.raises(InputError, match="'jobs': -1 is not a number of worker processes"):
        check_parameters(nb, {"jobs": "-1"})
    with pytest.raises(InputError, match="no store here") as caught:
        check_parameters(nb, {"store": str(tmp_path / "absent.duckdb")})
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("given, message", [
    ({"start": "03/04/2018"}, "'start': '03/04/2018' is not a date written YYYY-MM-DD"),
    ({"end": "2018-13-01"}, "'end': '2018-13-01' is not a date"),
    ({"start": "2018-04-03", "end": "2018-01-31"}, "start 2018-04-03 is after end 2018-01-31"),
    ({"events": {"vote": "27.09.2018"}}, "'events' ('vote'): '27.09.2018' is not a date"),
    ({"period": "H"}, "'period': 'H' is not one of D, W, M, Q, Y"),
    ({"store_wait": "-5"}, "'store_wait': -5.0 is not a number of seconds"),
])
def test_dates_and_periods_are_checked_before_running(tmp_path, given, message):
    nb = make_notebook(tmp_path / "r.ipynb", "x = 1", params=(
        'start: str = ""  # first date\nend: str = ""  # last date\n'
        'events: dict = {}  # name -> date\nperiod: str = "W"  # D, W or M\n'
        'store_wait: float = 0  # seconds'))
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        check_parameters(nb, given)
    assert caught.value.exit_code == 2
    assert check_parameters(nb, {"start": "2018-04-03", "events": {"vote": "2018-09-27"},
                                 "period": "M"})["start"] == "2018-04-03"


@pytest.mark.parametrize("given, message", [
    ({"targets": {"NATO": 5}}, "'targets': target 'NATO': aliases must be a string or a list"),
    ({"targets": {"": ["x"]}}, "'targets': target '': an empty name would match nothing"),
    ({"targets": {"NATO": {"aliases": ["NATO"], "exlude": ["x"]}}}, "unknown key 'exlude'"),
    ({"targets": '{"NATO": ["NATO"], "NATO": ["the alliance"]}'},
     "not valid JSON or YAML: the key 'NATO' is given twice"),
    ({"events": "{vote: 2018-09-27, vote: 2018-10-01}"}, "the key 'vote' is given twice"),
    ({"target_exemplars": "-1"}, "'target_exemplars': -1 is not a number of sentences"),
])
def test_targets_are_checked_before_a_run_folder_is_made(tmp_path, given, message):
    # an audit found a bad target failing the run in its scoring cell (exit 1, a .failed run
    # folder), and a target given twice in -p targets losing its first aliases without a word
    nb = make_notebook(tmp_path / "r.ipynb", "x = 1", params=(
        'targets: dict = {}  # name -> aliases\nevents: dict = {}  # name -> date\n'
        'target_exemplars: int = 2  # sentences per target'))
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        run_report(nb, parameters=given, out=tmp_path / "reports")
    assert caught.value.exit_code == 2
    assert not (tmp_path / "reports").exists()
    assert check_parameters(nb, {"targets": '{NATO: [NATO, the alliance], Russia: Russia}'})[
        "targets"] == {"NATO": ["NATO", "the alliance"], "Russia": "Russia"}


def test_bad_input_in_the_notebook_is_bad_input_of_the_run(tmp_path):
    nb = make_notebook(tmp_path / "demo.ipynb", (
        "from framing.errors import MissingValueError\n"
        "raise MissingValueError('c.csv', row=3, field='text', hint='fill it in, or skip such "
        "rows with skip_bad_rows=True (CLI: --skip-bad-rows)')"))
    with pytest.raises(ReportInputError) as caught:
        run_report(nb, out=tmp_path / "reports")
    assert caught.value.exit_code == 2 and isinstance(caught.value, ReportFailed)
    message = str(caught.value)
    assert message.startswith("c.csv, row 3, field 'text': required value is missing. fill it "
                              "in, or skip such rows with -p skip_bad_rows true (they are counted "
                              "in the report), or by ingesting the corpus into a store "
                              "(framing ingest CORPUS --skip-bad-rows --store STORE)")
    failed = next((tmp_path / "reports" / "demo").iterdir())
    assert failed.name.endswith(".failed")
    assert message.endswith(f"the failed run is kept in {failed}")


def test_report_waits_for_a_store_another_run_is_writing(tmp_path):
    # the lock error tells a report to pass --wait: framing report has it (store_wait)
    import subprocess
    import sys
    import threading

    import framing
    from framing.cli import main

    store_path = tmp_path / "s.duckdb"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Talks may resume.", "outlet": "A"}\n', encoding="utf-8")
    with framing.Store(store_path) as store:
        store.ingest(corpus)
    nb = make_notebook(tmp_path / "waiting.ipynb", (
        "from framing import notebook as nb\n"
        "articles, _, _ = nb.load_report_corpus(store=store, store_wait=store_wait)\n"
        "assert len(articles) == 1"),
        params='store: str = ""  # store\nstore_wait: float = 0  # seconds to wait')
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
        "sys.stdin.readline()"), str(store_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    release = threading.Timer(2.0, lambda: holder.communicate("done\n"))
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ReportFailed, match="in use by another framing process"):
            run_report(nb, parameters={"store": str(store_path)}, out=tmp_path / "reports")
        release.start()  # the holder quits 2 s into the next run, which waits for it
        assert main(["report", str(nb), "--store", str(store_path), "--wait", "60",
                     "--out", str(tmp_path / "reports")]) == 0
    finally:
        release.cancel()
        holder.kill()
        holder.wait()


def test_a_report_skips_bad_rows_when_asked(tmp_path):
    corpus = tmp_path / "c.csv"
    rows = "".join(f"{'AB'[i % 2]},2024-01-{i + 1:02d},Talks may resume in round {i}.\n"
                   for i in range(12))
    corpus.write_text("outlet,date,text\n" + rows + "A,2024-01-20,\n", encoding="utf-8")
    with pytest.raises(ReportInputError, match="-p skip_bad_rows true"):
        run_report("article_explorer", parameters={"corpus": str(corpus)}, out=tmp_path / "r",
                   notebooks_dir=REPO / "notebooks")
    folder = run_report("article_explorer", parameters={"corpus": str(corpus),
                                                        "skip_bad_rows": "true"},
                        out=tmp_path / "r", notebooks_dir=REPO / "notebooks")
    assert json.loads((folder / "manifest.json").read_text())["corpus"]["articles"] == 12


def test_resolved_parameters_do_not_name_the_default_corpus_of_a_store_run():
    nb = REPO / "notebooks" / "outlet_comparison.ipynb"
    assert resolved_parameters(nb, {})["corpus"] == "data/sample/articles.jsonl"
    on_store = resolved_parameters(nb, {"store": "news.duckdb"})
    assert on_store["corpus"] is None and on_store["store"] == "news.duckdb"
    assert resolved_parameters(nb, {"store": "s.duckdb", "corpus": "x.csv"})["corpus"] == "x.csv"


def test_failed_run_is_kept_when_its_manifest_cannot_be_written(tmp_path, monkeypatch):
    # a full disk made the manifest write fail, and the whole failed run (the executed
    # notebook with its traceback) was deleted
    import errno

    bad = make_notebook(tmp_path / "demo.ipynb", "raise ValueError('boom')")
    real_write = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name == "manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(ReportFailed, match="boom"):
        run_report(bad, out=tmp_path / "reports")
    failed = [p for p in (tmp_path / "reports" / "demo").iterdir() if p.name.endswith(".failed")]
    assert len(failed) == 1 and (failed[0] / "demo.ipynb").exists()
    assert "boom" in (failed[0] / "run.log").read_text()


def test_a_missing_input_file_is_refused_before_a_run_folder_is_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nb = make_notebook(tmp_path / "r.ipynb", "x = 1",
                       params='corpus: str = "data/c.jsonl"  # corpus\nstore: str = ""  # store\n'
                              'codebook: str = "policy"  # codebook')
    out = tmp_path / "reports"
    with pytest.raises(InputError, match=r"c\.jsonl, field 'corpus': no such file or folder "
                                         r"\(looked for from ") as caught:
        run_report(nb, out=out)  # the declared default is checked too
    assert caught.value.exit_code == 2
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "c.jsonl").write_text('{"text": "Talks.", "outlet": "A"}\n')
    with pytest.raises(InputError, match="mine.yaml, field 'codebook': no such file or folder"):
        run_report(nb, parameters={"codebook": "mine.yaml"}, out=out)
    assert not out.exists()  # neither a failed run nor an index
    # a shipped codebook name, and an absent corpus when a store is read, are fine
    check_input_files(nb, {"codebook": "generic"})
    store_nb = make_notebook(tmp_path / "s.ipynb", "x = 1",
                             params='corpus: str = "absent.jsonl"  # corpus\nstore: str = ""  # s')
    check_input_files(store_nb, {"store": "news.duckdb"})
    with pytest.raises(InputError, match="absent.jsonl"):
        check_input_files(store_nb, {})
    # a path relative to the checkout is found from any working folder, as notebooks find it
    sample_nb = make_notebook(tmp_path / "x.ipynb", "x = 1",
                              params='corpus: str = "data/sample/articles.jsonl"  # corpus')
    check_input_files(sample_nb, {})
    assert run_report(nb, out=out).parent == out / "r"


def test_getting_started_reads_a_corpus_whose_columns_need_mapping(tmp_path, capsys):
    # framing report getting_started --map ... was refused ("it has no parameter 'mapping'"),
    # so the tutorial could not load a real corpus such as AllSides (content_original, source)
    from framing.cli import main

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"content_original": f"Talks may resume in round {i}, "
                                          "officials said.", "source": "AB"[i % 2]}) + "\n"
                              for i in range(6)), encoding="utf-8")
    assert main(["report", "getting_started", "--corpus", str(corpus), "--map",
                 "text=content_original", "--map", "outlet=source", "--out",
                 str(tmp_path / "r"), "--notebooks", str(REPO / "notebooks"), "-q"]) == 0
    executed = next((tmp_path / "r" / "getting_started").glob("*/getting_started.ipynb"))
    assert "6 articles loaded" in executed.read_text(encoding="utf-8")
    # without targets, step 8 says where to give them in the notebook too, not only the
    # command line's -p, which means nothing to a student in JupyterLab
    assert "No targets: give them in the parameters cell" in executed.read_text(encoding="utf-8")


def test_toward_encoder_without_any_target_is_refused_before_a_run_folder(tmp_path, monkeypatch):
    # toward_encoder scores only the tone toward targets: a report from a store or a corpus of
    # one's own without -p targets ran as if it were not set (no tone toward anything), its
    # manifest saying toward_encoder: true; framing analyze --toward-encoder without --target
    # is refused
    from framing import encoder
    from framing.notebook import SAMPLE_CORPUS

    monkeypatch.setattr(encoder, "check_available", lambda: None)  # weights or not
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"outlet": "A", "text": "NATO met."}\n', encoding="utf-8")
    for name in ("outlet_comparison", "outlet_over_time"):
        nb = REPO / "notebooks" / f"{name}.ipynb"
        with pytest.raises(InputError, match="parameter 'toward_encoder': it scores only the "
                           "tone toward targets, and the report has none") as caught:
            run_report(nb, parameters={"corpus": str(corpus), "toward_encoder": True},
                       out=tmp_path / "reports")
        assert caught.value.exit_code == 2 and "-p targets" in str(caught.value)
        assert not (tmp_path / "reports").exists()
        given = {"corpus": str(corpus), "toward_encoder": True, "targets": {"NATO": ["NATO"]}}
        assert check_parameters(nb, given)["toward_encoder"] is True
        assert check_parameters(nb, {"corpus": str(corpus), "toward_encoder": False})
    # the sample corpus brings its own targets to the outlet comparison
    nb = REPO / "notebooks" / "outlet_comparison.ipynb"
    assert check_parameters(nb, {"corpus": str(SAMPLE_CORPUS), "toward_encoder": True})
    assert check_parameters(nb, {"toward_encoder": True})  # the default corpus is the sample


def test_a_stopped_run_leaves_no_hidden_folder_or_lock(tmp_path, monkeypatch):
    # Ctrl-C or SIGTERM (the CLI raises it as a KeyboardInterrupt) during a run left its hidden
    # .partial-<run-id>/ folder and lock behind until the next run removed them
    import papermill

    nb = make_notebook(tmp_path / "demo.ipynb", "x = 1")

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(papermill, "execute_notebook", stopped)
    with pytest.raises(KeyboardInterrupt):
        run_report(nb, out=tmp_path / "reports")
    assert list((tmp_path / "reports" / "demo").iterdir()) == []


@pytest.mark.parametrize("given, message", [
    ({"max_outlets": "-3"}, "'max_outlets': -3 is not a number of outlets"),
    ({"n_boot": "0"}, "'n_boot': 0 is not a number of bootstrap resamples"),
    ({"window_days": "-7"}, "'window_days': -7 is not a number of days"),
    ({"adjust_min_n": "0"}, "'adjust_min_n': 0 is not a number of articles"),
    ({"top_terms": "-1"}, "'top_terms': -1 is not a number of terms"),
    ({"static_formats": '["png", "jpg"]'}, "'static_formats': 'jpg' is not a static figure"),
])
def test_counts_below_their_least_value_are_refused_before_a_run_folder(tmp_path, given,
                                                                         message):
    # audit: -p max_outlets -3 kept the one largest outlet without a word ("the 1 with most
    # articles, of 4"); -p n_boot 0 failed the run at its first interval (exit 1)
    nb = make_notebook(tmp_path / "r.ipynb", "x = 1", params=(
        'max_outlets: int = 20  # outlets\nn_boot: int = 2000  # resamples\n'
        'window_days: int = 0  # days\nadjust_min_n: int = 5  # articles\n'
        'top_terms: int = 12  # terms\nstatic_formats: list = []  # png, svg, pdf'))
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        run_report(nb, parameters=given, out=tmp_path / "reports")
    assert caught.value.exit_code == 2
    assert not (tmp_path / "reports").exists()
    assert check_parameters(nb, {"max_outlets": "0", "window_days": "0", "n_boot": "1"}) == {
        "max_outlets": 0, "window_days": 0, "n_boot": 1}


def test_an_event_name_without_its_date_is_refused(tmp_path):
    # audit: outlet_over_time -p event_name "2016 election" without event_date ran with no event
    # (or, on the sample corpus, with the sample's own summit), the name dropped without a word
    nb = make_notebook(tmp_path / "r.ipynb", "x = 1", params=(
        'event_name: str = ""  # the event\nevent_date: str = ""  # its date'))
    with pytest.raises(InputError, match="'event_name': '2016 election' names the event at "
                                         "event_date, and none is given") as caught:
        run_report(nb, parameters={"event_name": "2016 election"}, out=tmp_path / "reports")
    assert caught.value.exit_code == 2 and not (tmp_path / "reports").exists()
    assert check_parameters(nb, {"event_name": "2016 election", "event_date": "2016-11-08"})


@pytest.mark.parametrize("name, given, message", [
    ("outlet_comparison", {"adjust_min_n": "10"},
     "'adjust_min_n': it applies only with adjust_for"),
    ("outlet_over_time", {"window_days": "10"},
     "'window_days': it limits the before/after contrast around event_date, and the report "
     "has no event"),
    ("outlet_comparison", {"target_exemplars": "3"},
     "'target_exemplars': it picks sentences about the targets, and the report has none"),
    ("outlet_over_time", {"outlets": '["A"]', "max_outlets": "5"},
     "'max_outlets': it picks the largest outlets when no outlets list is given, and outlets "
     "lists 1"),
    ("article_explorer", {"store_wait": "30"},
     "'store_wait': it waits while another run writes the store, and the report reads no store"),
    ("outlet_over_time", {"codebook": "generic"},
     "'codebook': it scores the frames, and measures holds no frame column"),
    ("validation", {"codebook": "generic"},
     "'codebook': it applies only to kind frames, and kind is 'hedging'"),
    ("validation", {"kind": "sentiment", "label_col": "tone", "train": "coded.csv"},
     "'train': it applies only to kind frames, and kind is 'sentiment'"),
])
def test_a_parameter_given_without_the_one_it_needs_is_refused(tmp_path, name, given, message):
    # audit: -p adjust_min_n 10 without adjust_for, -p window_days 10 without an event (and the
    # like) ran as if they had not been given, the manifest recording them
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"outlet": "A", "text": "NATO met.", "date": "2024-01-02"}\n',
                      encoding="utf-8")
    nb = REPO / "notebooks" / f"{name}.ipynb"
    where = {} if name == "validation" else {"corpus": str(corpus)}
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        run_report(nb, parameters={**where, **given}, out=tmp_path / "reports")
    assert caught.value.exit_code == 2 and not (tmp_path / "reports").exists()


def test_a_parameter_is_taken_with_the_one_it_needs_or_at_its_off_value(tmp_path):
    from framing.notebook import SAMPLE_CORPUS

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"outlet": "A", "text": "NATO met."}\n', encoding="utf-8")
    notebook = lambda name: REPO / "notebooks" / f"{name}.ipynb"  # noqa: E731
    compare, over_time = notebook("outlet_comparison"), notebook("outlet_over_time")
    c = str(corpus)
    assert check_parameters(compare, {"corpus": c})  # the defaults stand: nothing refused
    assert check_parameters(compare, {"corpus": c, "adjust_for": "topic", "adjust_min_n": "3"})
    assert check_parameters(compare, {"corpus": c, "target_exemplars": "0"})
    assert check_parameters(compare, {"corpus": c, "targets": '{"NATO": [NATO]}',
                                      "target_exemplars": "1"})
    assert check_parameters(compare, {"target_exemplars": "1"})  # the sample's own targets
    assert check_parameters(over_time, {"corpus": c, "window_days": "0"})
    assert check_parameters(over_time, {"corpus": c, "window_days": "7",
                                        "event_date": "2024-01-01"})
    assert check_parameters(over_time, {"corpus": str(SAMPLE_CORPUS), "window_days": "7"})
    assert check_parameters(over_time, {"corpus": c, "outlets": '["A"]', "max_outlets": "0"})
    assert check_parameters(over_time, {"corpus": c, "store_wait": "0"})
    assert check_parameters(over_time, {"corpus": c, "codebook": "generic", "measures":
                                        '["sentiment_tone", "frames_conflict"]'})
    validation = notebook("validation")
    assert check_parameters(validation, {"kind": "frames", "label_col": "frame",
                                         "codebook": "generic"})
    with pytest.raises(InputError, match="'store_wait'"):
        check_parameters(over_time, {"corpus": c, "store_wait": "5"})


def test_config_wait_skips_a_report_that_reads_a_corpus(tmp_path):
    # framing report --config --wait gives store_wait to the reports that read a store only:
    # a report on a corpus file, which would refuse store_wait, waits for nothing
    make_notebook(tmp_path / "either.ipynb", "assert store_wait == (30.0 if store else 0)",
                  params='store: str = ""  # store\nstore_wait: float = 0  # seconds\n'
                         'corpus: str = ""  # corpus')
    (tmp_path / "c.jsonl").write_text('{"outlet": "A", "text": "x"}\n', encoding="utf-8")
    config = tmp_path / "reports.yaml"
    config.write_text(f"reports:\n  - notebook: either\n    corpus: {tmp_path / 'c.jsonl'}\n")
    results = run_config(config, out=tmp_path / "reports", notebooks_dir=tmp_path, store_wait=30)
    assert [r["status"] for r in results] == ["complete"], results
