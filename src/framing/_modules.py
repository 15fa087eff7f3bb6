"""Modules that can also be called: ``framing.analyze`` and ``framing.compare``.

The package offers ``framing.analyze(df)`` and ``framing.compare(metrics)`` as functions, and the
same names are modules holding more (``framing.analyze.score_text``,
``framing.compare.pairwise``). Binding the package attribute to the function made the module's
other functions unreachable as ``framing.compare.pairwise`` after ``import framing.compare``;
instead the attribute stays the module, and calling the module calls its main function.
"""

from __future__ import annotations

import inspect
import sys
import types


def make_callable(module_name: str, function_name: str) -> None:
    """Let ``module_name``, called, run its function ``function_name``; the module shows that
    function's signature and, after its own docstring, the function's (``framing.analyze?`` in
    JupyterLab, ``help(framing.analyze)``, ``inspect.signature(framing.analyze)``)."""
    module = sys.modules[module_name]
    function = getattr(module, function_name)
    module.__signature__ = inspect.signature(function)
    module.__doc__ = (f"{inspect.cleandoc(module.__doc__ or '')}\n\n"
                      f"Called as a function, ``{module_name}(...)`` is "
                      f"``{module_name}.{function_name}{module.__signature__}``:\n\n"
                      f"{inspect.cleandoc(function.__doc__ or '')}")

    class CallableModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return getattr(self, function_name)(*args, **kwargs)

    CallableModule.__name__ = CallableModule.__qualname__ = f"callable module {module_name}"
    module.__class__ = CallableModule
