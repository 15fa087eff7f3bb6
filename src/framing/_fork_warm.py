"""Imported by the fork server of :func:`framing.analyze`'s worker processes, after the measure
families it preloads (:func:`framing.analyze._preload`): loads those families' default data
(lexicons, models, the ``policy`` codebook) once, in the fork server, so that every worker forked
from it starts with them loaded, shared copy-on-write, instead of loading them itself (about
0.1 CPU s a worker; docs/performance.md). A worker still loads what its options need beyond the
defaults (another codebook, targets) when it starts, as before."""

import sys

from framing.analyze import FAMILIES, _warm

try:
    _warm(tuple(f for f in FAMILIES if FAMILIES[f] in sys.modules), "policy", None)
except Exception:  # noqa: BLE001, S110
    pass  # only a head start: each worker loads its data (and reports an error) for itself
