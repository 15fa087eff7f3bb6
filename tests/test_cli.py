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
    for name in ("ingest", "analyze", "report", "validate", "inspect"):
        assert name in result.stdout


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_unknown_option_is_a_usage_error():
    result = run("ingest", "--bogus")
    assert result.returncode == 2 and "usage:" in result.stderr


@pytest.mark.parametrize("name", ["analyze", "validate", "inspect"])
def test_commands_not_built_yet_say_so_and_fail(name, capsys):
    assert main([name, "whatever"]) == 1
    assert "not available" in capsys.readouterr().err


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
    result = run("--quiet", "report", "--corpus", str(sample_path), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    runs = list((tmp_path / "outlet_comparison").iterdir())
    assert len(runs) == 1 and not runs[0].name.startswith(".")
    folder = runs[0]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["corpus"]["articles"] == 64
    summary = pd.read_csv(folder / "outlet_summary.csv")
    assert summary["group"].nunique() == 4
    assert (summary["ci_low"] <= summary["estimate"]).all()
    assert (summary["estimate"] <= summary["ci_high"]).all()
    page = (folder / "report.html").read_text()
    assert "Plotly.newPlot" in page and "<script src=" not in page  # plotly.js embedded
    assert "The Daily Bulwark" in page
    assert (tmp_path / "index.html").exists()


def test_report_escapes_article_fields(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"text": "A fine day. <script>alert(1)</script>", "outlet": "<img src=x onerror=alert(1)>"},
            {"text": "Another terrible day.", "outlet": "Plain"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run("--quiet", "report", "--corpus", str(corpus), "--out", str(tmp_path / "r"),
                 "--title", "<b>T</b>")
    assert result.returncode == 0, result.stderr
    page = next((tmp_path / "r" / "outlet_comparison").glob("*/report.html")).read_text()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>T</b>" not in page
