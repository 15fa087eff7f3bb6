"""Modules that can also be called: ``framing.analyze`` and ``framing.compare``.

The package offers ``framing.analyze(df)`` and ``framing.compare(metrics)`` as functions, and the
same names are modules holding more (``framing.analyze.score_text``,
``framing.compare.pairwise``). Binding the package attribute to the function made the module's
other functions unreachable as ``framing.compare.pairwise`` after ``import framing.compare``;
instead the attribute stays the module, and calling the module calls its main function.
"""

from __future__ import annotations

import sys
import types


def make_callable(module_name: str, function_name: str) -> None:
    """Let ``module_name``, called, run its function ``function_name``."""
    module = sys.modules[module_name]

    class CallableModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return getattr(self, function_name)(*args, **kwargs)

    CallableModule.__name__ = CallableModule.__qualname__ = f"callable module {module_name}"
    module.__class__ = CallableModule
