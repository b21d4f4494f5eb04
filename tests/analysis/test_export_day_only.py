"""The deck and the workbook carry the day only, down to their zip members (sixth hostile
round): the file properties said midnight, but every zip member's time and the chart
workbooks' properties inside the deck said when, to the second, HR exported."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from analysis.export import write_deck, write_xlsx
from tests.analysis.export_fixtures import analysis_result

DAY = dt.date(2026, 9, 30)
MIDNIGHT = (2026, 9, 30, 0, 0, 0)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("day_only")
    deck = write_deck(analysis_result(), folder / "deck.pptx", hotspots=5, day=DAY)
    book = write_xlsx(analysis_result(), folder / "tables.xlsx", day=DAY)
    return {"deck": deck, "book": book}


def _times(archive: zipfile.ZipFile) -> set[tuple[int, ...]]:
    return {info.date_time for info in archive.infolist()}


@pytest.mark.parametrize("name", ["deck", "book"])
def test_every_zip_member_is_stamped_with_the_day(files: dict[str, Path], name: str) -> None:
    with zipfile.ZipFile(files[name]) as archive:
        assert archive.testzip() is None
        assert _times(archive) == {MIDNIGHT}


def test_the_decks_chart_workbooks_carry_the_day_only(files: dict[str, Path]) -> None:
    with zipfile.ZipFile(files["deck"]) as deck:
        embedded = [n for n in deck.namelist() if n.startswith("ppt/embeddings/")]
        assert embedded
        for name in embedded:
            with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
                core = book.read("docProps/core.xml").decode()
                stamps = re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z?", core)
                assert stamps and set(stamps) == {"2026-09-30T00:00:00Z"}, name
                assert _times(book) == {MIDNIGHT}


def test_the_deck_still_opens_with_its_charts(files: dict[str, Path]) -> None:
    from openpyxl import load_workbook
    from pptx import Presentation

    deck = Presentation(str(files["deck"]))
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert charts
    book = load_workbook(io.BytesIO(charts[0].part.chart_workbook.xlsx_part.blob))
    assert book.active.max_row > 1
    assert load_workbook(files["book"]).sheetnames[0] == "matrix"
