"""The generated HTML report, opened in headless Chromium with the network cut off: every chart
must actually render (plotly draws its SVG), and article text must not inject anything.

Chromium comes from Debian's ``chromium`` package, which ``.ci/run`` installs; in CI (``CI`` set)
a missing browser is a failure, elsewhere the test skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


def dump_dom(chromium: str, html_path: Path) -> str:
    """The page's DOM after its scripts ran, with every network request refused."""
    profile = tempfile.mkdtemp(prefix="framing-chromium-")
    try:
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}",
             "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--virtual-time-budget=20000", "--dump-dom", html_path.resolve().as_uri()],
            capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def injected_report(tmp_path_factory):
    """A report over the sample corpus plus one article full of HTML/JS."""
    folder = tmp_path_factory.mktemp("browser")
    corpus = folder / "corpus.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    evil = {"outlet": "<img src=x onerror=alert(1)>", "date": "2026-03-20",
            "title": "<script>alert('title')</script>",
            "text": ("Officials said the summit may fail. <script>document.title='pwned'</script> "
                     "Critics argue it is <b onmouseover=alert(2)>certainly</b> doomed. "
                     "<a href=\"javascript:alert(3)\">link</a> Others say the alliance might act.")}
    corpus.write_text("\n".join(lines + [json.dumps(evil)]) + "\n", encoding="utf-8")
    out = folder / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "framing.cli", "--quiet", "report", "--corpus", str(corpus),
         "--out", str(out), "--notebooks", str(REPO / "notebooks"), "-p", "n_boot", "200",
         "-p", "jobs", "1", "--title", "<script>alert('t')</script> report"],
        capture_output=True, text=True, timeout=600, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    run = next(p for p in (out / "outlet_comparison").iterdir() if not p.name.startswith("."))
    return run / "report.html"


def test_report_charts_render_offline(chromium, injected_report):
    page = injected_report.read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="https?://', page), "external scripts in the report"
    figures = len(re.findall(r'class="plotly-graph-div"', page))
    assert figures >= 6
    dom = dump_dom(chromium, injected_report)
    rendered = re.findall(r'<div class="plot-container plotly"', dom)
    assert len(rendered) == figures, f"{len(rendered)} of {figures} charts rendered"
    assert dom.count('class="main-svg"') >= 2 * figures  # plotly draws its SVG layers
    assert "<title>pwned</title>" not in dom


def test_report_escapes_article_text(injected_report):
    page = injected_report.read_text(encoding="utf-8")
    for raw in ("<script>document.title='pwned'</script>", "<img src=x onerror=alert(1)>",
                "<b onmouseover=alert(2)>", "<script>alert('t')</script>",
                '<a href="javascript:alert(3)">'):
        assert raw not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # nor as an element the export rewrote (a table once let <img ... onerror=...> through,
    # re-serialized as <img alt="..." onerror="alert(1)" src="x"/>)
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", page, re.I)
