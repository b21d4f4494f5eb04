"""Chart data for the deck whose embedded workbook can never hold a formula.

Every native chart in a PowerPoint file carries its data as a small Excel workbook
(``ppt/embeddings/*.xlsx``) that opens when someone edits the chart. python-pptx writes it
with XlsxWriter, which turns any text starting with ``=`` into a formula: a wave named
``=1+2`` or a theme label ``=HYPERLINK(...)`` would run in the reader's spreadsheet. Here every
cell python-pptx writes (categories, series names, values) goes through the same
:func:`analysis.export.safety.neutralise` as the CSV and XLSX exports; numbers stay numbers.
The chart itself still shows the text as written.

Every chart of the deck is built from :class:`SafeCategoryChartData`
(``tests/analysis/test_export_deck_workbooks.py`` checks that no other chart data is used).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

from analysis.export.safety import neutralise


class _NeutralisedSheet:
    """An XlsxWriter worksheet whose ``write*`` methods neutralise every value first."""

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet

    def write(self, row: int, col: int, value: Any, *args: Any) -> Any:
        return self._sheet.write(row, col, neutralise(value), *args)

    def write_string(self, row: int, col: int, value: Any, *args: Any) -> Any:
        return self._sheet.write_string(row, col, neutralise(value), *args)

    def write_column(self, row: int, col: int, data: Any, *args: Any) -> Any:
        return self._sheet.write_column(row, col, [neutralise(v) for v in data], *args)

    def write_row(self, row: int, col: int, data: Any, *args: Any) -> Any:
        return self._sheet.write_row(row, col, [neutralise(v) for v in data], *args)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("write"):  # a writer this class does not know: refuse loudly
            raise AttributeError(f"{name} is not neutralised; add it to _NeutralisedSheet")
        return getattr(self._sheet, name)


class _SafeWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category workbook writer, on a :class:`_NeutralisedSheet`."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            yield workbook, _NeutralisedSheet(worksheet)


class SafeCategoryChartData(CategoryChartData):
    """:class:`pptx.chart.data.CategoryChartData` with a neutralised embedded workbook."""

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _SafeWorkbookWriter(self)
