"""A quote is one flowing text in its card, whatever line breaks its writer typed (sixth
hostile round): the deck measured a quote as written on one line, and PowerPoint drew each
line break, so one respondent's comment of forty line breaks ran 290 pt out of its card on
every hotspot slide, over the footer. The render check is in ``test_deck_render.py``
("breaks"); this reads the written deck back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pptx import Presentation

from analysis.export import write_deck
from tests.analysis.test_deck_render import broken_lines


def test_quotes_are_written_without_the_line_breaks_typed_in_them(tmp_path: Path) -> None:
    deck = write_deck(broken_lines(), tmp_path / "d.pptx", day=dt.date(2026, 11, 2))
    quotes = [
        shape.text_frame
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("\u201c")
    ]
    texts = {frame.text for frame in quotes}
    assert "\u201cSlow replies from them\u201d" in texts
    assert "\u201cThree things: - slow - late\u201d" in texts
    assert "\u201cLate again, every week\u201d" in texts
    for frame in quotes:
        assert len(frame.paragraphs) == 1
        assert not frame._txBody.xpath(".//a:br"), frame.text
