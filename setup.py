"""Build the optional compiled fast paths (``src/framing/_c/*.c``).

Everything else is declared in ``pyproject.toml``. Each extension is optional: where no C
compiler is available the build goes on without it, and framing uses the pure-Python code, which
gives the same numbers (see ``framing._compiled``). ``-ffp-contract=off``: no fused
multiply-add, so each product is rounded before it is added, as in Python.
"""
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).parent
C_DIR = HERE / "src" / "framing" / "_c"
HEADERS = [str(header.relative_to(HERE)) for header in sorted(C_DIR.glob("*.h"))]  # shared helpers
ext_modules = [
    Extension(f"framing._{source.stem}_c", [str(source.relative_to(HERE))], optional=True,
              depends=HEADERS, extra_compile_args=["-O2", "-ffp-contract=off"])
    for source in sorted(C_DIR.glob("*.c"))
]

setup(ext_modules=ext_modules)
