"""framing: measure how news outlets frame a story.

The public entry points are re-exported here; see each module for details.

>>> import framing
>>> framing.__version__
'0.1.0'
"""

# analyze and compare are modules that can be called: framing.analyze(df) runs
# framing.analyze.analyze, and framing.compare.pairwise is reachable as well
from framing import analyze
from framing.errors import FramingError
from framing.store import Store

__version__ = "0.1.0"

#: Modules reachable as ``framing.<name>`` after a plain ``import framing`` (imported on first
#: use, so that ``import framing`` stays quick: it does not import pandas, which a nightly
#: ``framing analyze --store`` never needs).
_LAZY_MODULES = frozenset(["compare", "corpus", "distributed", "errors", "exemplars", "frames",
                           "hedging", "inspect", "notebook", "plot", "results", "runs",
                           "sentiment", "sources", "store", "summary", "text", "validate",
                           "vocabulary"])
#: Names re-exported from a module that is imported on first use.
_LAZY_NAMES = {"LoadReport": "corpus", "load_corpus": "corpus"}


def __getattr__(name: str):
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module(f"framing.{name}")
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f"framing.{_LAZY_NAMES[name]}"), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")

__all__ = ["FramingError", "LoadReport", "Store", "analyze", "compare", "load_corpus", "__version__"]
