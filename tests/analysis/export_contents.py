"""The content of a deck, a workbook and a CSV folder as plain data, for golden comparisons.

Layout details (positions, sizes, colours) are left out on purpose: the golden files pin
what a reader sees (texts, tables, chart data, notes, cells), so a layout fix does not
count as a change of content.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation


def deck_contents(path: Path) -> list[dict]:
    """Every slide's shapes (name, text, table cells, chart data) and speaker notes."""
    slides = []
    for slide in Presentation(str(path)).slides:
        shapes = [_shape(shape) for shape in slide.shapes]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append({"shapes": shapes, "notes": notes})
    return slides


def _shape(shape) -> dict:
    item: dict = {"name": shape.name}
    if shape.has_text_frame:
        item["text"] = shape.text_frame.text
    if getattr(shape, "has_table", False):
        item["table"] = [[cell.text for cell in row.cells] for row in shape.table.rows]
    if getattr(shape, "has_chart", False):
        chart = shape.chart
        item["chart"] = {
            "type": str(chart.chart_type),
            "categories": [str(c) for c in chart.plots[0].categories],
            "series": [[s.name, list(s.values)] for plot in chart.plots for s in plot.series],
        }
    return item


def workbook_contents(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values, row by row."""
    book = load_workbook(str(path))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def csv_contents(folder: Path) -> dict[str, list[list[str]]]:
    """Every CSV file of ``folder``, parsed."""
    return {
        p.name: list(csv.reader(p.open(encoding="utf-8-sig", newline="")))
        for p in sorted(Path(folder).glob("*.csv"))
    }
