"""A corrections file built to exhaust memory (third hostile round, docs/qa.md)."""

from __future__ import annotations

import tracemalloc

import pytest

from analysis.label_review import read_corrections
from surveys.errors import RapportError
from surveys.importing import limits


def test_a_corrections_file_with_an_endless_line_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "labels.csv"
    with path.open("wb") as handle:
        handle.write(b"comment_id,label\n1,positive\n")
        handle.write(b"9" * (6 * limits.MAX_LINE))
        handle.write(b"\n")
    tracemalloc.start()
    try:
        with pytest.raises(RapportError, match=r"labels\.csv, line 3: the line is longer"):
            read_corrections(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * limits.MAX_LINE
