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

__all__ = ["FramingError", "LoadReport", "Store", "analyze", "compare", "load_corpus", "__version__"]
