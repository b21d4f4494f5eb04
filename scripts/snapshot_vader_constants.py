"""Write VADER's constants, as NLTK defines them, to ``analysis/data/vader_constants.json``.

The analysis scores comments with :mod:`analysis.sentiment.fast`, which needs VADER's word
lists and constants (negations, boosters, idioms, punctuation, scalars) but must not import
NLTK: importing it takes over a second (it imports SciPy). So the constants ship as data,
copied from NLTK's ``VaderConstants`` by this script. ``tests/analysis/test_vader_constants.py``
fails if the file and the installed NLTK ever disagree; rerun the script then:

    .venv/bin/python scripts/snapshot_vader_constants.py
"""

from __future__ import annotations

import json
from pathlib import Path

from nltk.sentiment.vader import VaderConstants

TARGET = Path(__file__).resolve().parents[1] / "analysis" / "data" / "vader_constants.json"


def snapshot() -> dict:
    """VADER's constants from NLTK, as plain JSON values (lists sorted where order is free)."""
    return {
        "PUNC_LIST": list(VaderConstants.PUNC_LIST),
        "NEGATE": sorted(VaderConstants.NEGATE),
        "BOOSTER_DICT": dict(sorted(VaderConstants.BOOSTER_DICT.items())),
        "SPECIAL_CASE_IDIOMS": dict(sorted(VaderConstants.SPECIAL_CASE_IDIOMS.items())),
        "C_INCR": VaderConstants.C_INCR,
        "N_SCALAR": VaderConstants.N_SCALAR,
        "B_DECR": VaderConstants.B_DECR,
    }


def main() -> None:
    TARGET.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
