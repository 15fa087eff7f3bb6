"""The framing command line: subcommands, exit codes, plain errors, and the first report."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from framing.cli import main


def run(*args):
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_help_lists_the_subcommands():
    result = run("--help")
    assert result.returncode == 0
    for name in ("ingest", "analyze", "report", "validate", "inspect", "train"):
        assert name in result.stdout


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


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
    rows = [("Taxes rose and the budget deficit grew again.", "economic"),
            ("The court ruled the statute unconstitutional.", "legality"),
            ("Police arrested the robbery suspect downtown.", "crime;legality")] * 6
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
