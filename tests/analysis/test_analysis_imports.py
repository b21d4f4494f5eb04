"""What a whole analysis imports: not NLTK, whose import costs over a second, nor numpy's
testing and f2py submodules (analysis.sparse_import)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from surveys.demo import build_demo

_ANALYSE = """
import sys
from analysis.pipeline import analyse_workspace
result = analyse_workspace(sys.argv[1])
assert result.hotspots, "the demo has hotspots"
assert result.themes, "themes were found"
loaded = sorted(m for m in sys.modules if m.startswith("nltk"))
print(",".join(loaded))
"""

_SPARSE = """
import sys
import numpy
from analysis.sparse_import import sparse
unused = [m for m in ("numpy.testing", "numpy.f2py", "numpy.char") if m in sys.modules]
restored = "testing" in numpy.__all__ and "f2py" in dir(numpy)
product = (sparse.csr_matrix([[1.0, 0.0], [0.0, 2.0]]) @ numpy.ones((2, 1))).ravel().tolist()
import numpy.testing
print(unused, restored, product, numpy.testing.assert_equal.__name__)
"""


def test_a_cold_analysis_imports_no_nltk(tmp_path: Path):
    folder = tmp_path / "northwind"
    build_demo(folder, seed=0)
    done = subprocess.run(
        [sys.executable, "-c", _ANALYSE, str(folder)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


def test_topic_discoverys_scipy_leaves_numpys_unused_submodules_alone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SPARSE], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["[]", "True", "[1.0,", "2.0]", "assert_equal"]
