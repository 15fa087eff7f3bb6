"""framing._compiled: the optional C fast paths, found or turned off.

Each C part's own results are compared with its pure-Python reference in the tests of its
module; here, that the parts are there when they must be, and that the switch works.
"""

from __future__ import annotations

import importlib
import os

import pytest

from conftest import REPO
from framing._compiled import PURE_PYTHON_VARIABLE, extension, pure_python

C_SOURCES = sorted((REPO / "src" / "framing" / "_c").glob("*.c"))


@pytest.mark.parametrize("source", C_SOURCES, ids=lambda path: path.stem)
def test_every_c_part_is_built_where_it_is_required(source):
    # .ci/run sets FRAMING_REQUIRE_COMPILED=1: there a part that failed to build (the build
    # goes on without it) must fail the run, not quietly test the Python code alone
    if os.environ.get("FRAMING_REQUIRE_COMPILED") != "1":
        pytest.skip("FRAMING_REQUIRE_COMPILED=1 is not set")
    module = importlib.import_module(f"framing._{source.stem}_c")
    assert module.__name__ == f"framing._{source.stem}_c"


@pytest.mark.parametrize("value, pure", [("1", True), ("yes", True), ("0", False), ("", False),
                                         (" ", False)])
def test_the_switch_reads_the_environment(monkeypatch, value, pure):
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, value)
    assert pure_python() is pure


def test_the_switch_turns_a_built_part_off(monkeypatch):
    built = [s.stem for s in C_SOURCES if extension(s.stem) is not None]
    if not built:
        pytest.skip("no C part is built here")
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, "1")
    assert [extension(name) for name in built] == [None] * len(built)
    monkeypatch.delenv(PURE_PYTHON_VARIABLE)
    assert all(extension(name) is not None for name in built)
