"""A respondent's comment holding characters no XML document may hold (U+FFFF, U+FFFE, or
a NUL that an older Rapport stored) must not stop HR's deck and workbook of its wave.

Released comments never change (database triggers), so a comment that made the writers
fail used to stop every export of that wave for good. Real workspace, real pipeline,
files read back.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from desktop_app.cli import main
from tests.analysis.core_helpers import Filler

HOSTILE = [
    "Slow \uffff replies, again and again.",
    "They close tickets \ufffe without fixing anything.",
    "Nobody tells us when \x00systems go down.",
    "Deployments break our reports every month.",
]


def _deck_text(path: Path) -> str:
    return "\n".join(
        run.text
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    )


def test_unwritable_characters_in_a_comment_do_not_stop_the_exports(workspace, tmp_path):
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 8, 1, random.Random(1), comments=HOSTILE)
    filler.group("2026-10", "Operations", "IT", 8, 4, random.Random(2), comments=["Fine."])
    filler.group("2026-10", "Marketing", "Sales", 8, 4, random.Random(3), comments=["Good."])
    filler.close()
    deck, book = tmp_path / "d.pptx", tmp_path / "t.xlsx"
    argv = ["export", str(workspace), "--pptx", str(deck), "--xlsx", str(book)]
    assert main(argv) == 0
    rows = list(load_workbook(book)["comments"].iter_rows(values_only=True))
    texts = {row[-1] for row in rows[1:]}
    assert "Slow  replies, again and again." in texts
    assert "Nobody tells us when systems go down." in texts
    shown = _deck_text(deck) + "".join(texts)
    # The deck quotes the pair's most negative comments, whichever the model ranks first:
    # at least one of the three with an unwritable character is among them, written
    # without it.
    written = ("Slow  replies", "without fixing", "Nobody tells us when systems go down")
    assert any(text in _deck_text(deck) for text in written)
    assert not {"\uffff", "\ufffe", "\x00"} & set(shown)
