"""``scipy.sparse`` for topic discovery, imported without numpy's unused submodules.

Importing ``scipy.sparse`` builds SciPy's array-API namespace for numpy, which copies every
public name of numpy (``from numpy import *`` and a walk over ``dir(numpy)``). Each name of
a lazily loaded submodule then imports it: ``numpy.testing``, ``numpy.f2py`` (which compiles
hundreds of regular expressions) and others, about 0.05 s of the 0.11 s the import takes,
for modules topic discovery never uses (``numpy.ma`` is left in: ``numpy.unique`` imports
it anyway). While SciPy imports, those names are
left out of numpy's ``__all__`` and ``dir()``; both are put back at once, so anything
imported later sees numpy as it is, and ``numpy.testing`` etc. still import when asked for.
Plain Python; safe to import from any thread that does not import numpy itself meanwhile.
"""

from __future__ import annotations

import sys

import numpy

#: numpy's lazily imported submodules that are not part of the array API standard, so SciPy's
#: array-API namespace of numpy has no use for them.
UNUSED_SUBMODULES = frozenset(
    {"testing", "f2py", "matlib", "ctypeslib", "rec", "char", "strings", "polynomial"}
)


def _import_sparse():
    if "scipy.sparse" in sys.modules or not hasattr(numpy, "__all__"):
        from scipy import sparse

        return sparse
    shown_all, shown_dir = numpy.__all__, numpy.__dict__.get("__dir__")
    numpy.__all__ = [name for name in shown_all if name not in UNUSED_SUBMODULES]
    if shown_dir is not None:
        numpy.__dir__ = lambda: [n for n in shown_dir() if n not in UNUSED_SUBMODULES]
    try:
        from scipy import sparse
    finally:
        numpy.__all__ = shown_all
        if shown_dir is not None:
            numpy.__dir__ = shown_dir
    return sparse


sparse = _import_sparse()
