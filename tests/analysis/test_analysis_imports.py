"""What a whole analysis imports: not NLTK, whose import costs over a second."""

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


def test_a_cold_analysis_imports_no_nltk(tmp_path: Path):
    folder = tmp_path / "northwind"
    build_demo(folder, seed=0)
    done = subprocess.run(
        [sys.executable, "-c", _ANALYSE, str(folder)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
