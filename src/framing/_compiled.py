"""The optional compiled fast paths, and the switch that turns them off.

Some per-token loops have a C version (``src/framing/_c/<name>.c``, built by ``pip install`` as
``framing._<name>_c`` where a C compiler is present). Each gives exactly the numbers of the
pure-Python code beside it, which stays the reference and the fallback: where the extension was
not built, or ``FRAMING_PURE_PYTHON=1`` is set in the environment, the Python code runs. Each
module reads the switch once per process, when it first needs its part: set it before the
process starts (as ``benchmarks/bench.py --pure-python`` does).

>>> from framing._compiled import extension
>>> extension("no_such_part") is None
True
"""
from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON_VARIABLE = "FRAMING_PURE_PYTHON"


def pure_python() -> bool:
    """Whether the environment asks for the pure-Python code (``FRAMING_PURE_PYTHON=1``)."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "").strip() not in ("", "0")


def extension(name: str) -> ModuleType | None:
    """The compiled module ``framing._<name>_c``, or None (not built, or pure Python asked for)."""
    if pure_python():
        return None
    try:
        return importlib.import_module(f"framing._{name}_c")
    except ImportError:
        return None
