"""framing: measure how news outlets frame a story.

The public entry points are re-exported here; see each module for details.

>>> import framing
>>> framing.__version__
'0.1.0'
"""

# analyze and compare are modules that can be called: framing.analyze(df) runs
# framing.analyze.analyze, and framing.compare.pairwise is reachable as well
from framing import analyze, compare
from framing.corpus import LoadReport, load_corpus
from framing.errors import FramingError
from framing.store import Store

__version__ = "0.1.0"

#: Modules reachable as ``framing.<name>`` after a plain ``import framing`` (imported on first
#: use, so that ``import framing`` stays quick).
_LAZY_MODULES = frozenset(["corpus", "distributed", "errors", "exemplars", "frames", "hedging",
                           "inspect", "notebook", "plot", "results", "runs", "sentiment",
                           "sources", "store", "summary", "text", "validate", "vocabulary"])


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"framing.{name}")
    raise AttributeError(f"module 'framing' has no attribute {name!r}")

__all__ = ["FramingError", "LoadReport", "Store", "analyze", "compare", "load_corpus", "__version__"]
