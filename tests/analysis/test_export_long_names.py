"""A department whose name is one long word (a roster's "Qualitätssicherungsabteilung")
must not stop HR's deck.

Fifth hostile round (docs/qa.md): the participation slide's table measured each name and
gave up when a word was wider than its column at every font size ("AssertionError:
unreachable", a traceback from ``rapport export --pptx``, for every wave, for good). A
roster (or a colleague's file HR imports) decides the names. Real workspace, real command,
deck read back.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pptx import Presentation

from desktop_app.cli import main
from surveys.departments import rename_department
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler

LONG = ["Qualitätssicherungsabteilung", "Pharmacovigilance-Regulatory", '=HYPERLINK("x","y")']


def _table_texts(path: Path) -> list[str]:
    return [
        cell.text
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]


@pytest.mark.parametrize("name", LONG)
def test_a_long_one_word_department_still_makes_the_deck(workspace, tmp_path, name) -> None:
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 2, random.Random(1), comments=["Slow."])
    filler.group("2026-10", "IT", "Sales", 6, 4, random.Random(2), comments=["Fine."])
    filler.close()
    db = open_workspace(workspace)
    with db.atomic():
        rename_department(db, "Sales", name)
    db.close()
    deck = tmp_path / "d.pptx"
    assert main(["export", str(workspace), "--pptx", str(deck)]) == 0
    texts = _table_texts(deck)
    stem = name[:8]
    assert any(text.startswith(stem) for text in texts)  # named, shortened if need be
