"""The workbooks embedded in the deck's charts hold no formula, whatever the names are."""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import zipfile
from dataclasses import asdict
from pathlib import Path

import openpyxl
import pytest

from analysis.export import write_deck
from analysis.export.safety import FORMULA_STARTS
from analysis.result_store import result_from_dict
from tests.analysis.export_fixtures import WAVE, analysis_result

ROOT = Path(__file__).resolve().parents[2]
#: Names a hostile or careless import could bring in (a wave, a department, a theme).
HOSTILE = {WAVE: "=1+2", "Marketing": "@SUM(1+1)*cmd|' /C calc'!A0", "responsiveness": "+1-1"}


def _hostile_result():
    text = json.dumps(asdict(analysis_result()), ensure_ascii=False)
    for plain, hostile in HOSTILE.items():
        text = text.replace(plain, hostile.replace("\\", "\\\\").replace('"', '\\"'))
    data = json.loads(text)
    data["bands"] = asdict(analysis_result().bands)
    return result_from_dict(data)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[openpyxl.Workbook]:
    path = tmp_path_factory.mktemp("deck") / "deck.pptx"
    write_deck(_hostile_result(), path, hotspots=5, day=dt.date(2026, 9, 30))
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist() if n.startswith("ppt/embeddings/")]
        return [openpyxl.load_workbook(io.BytesIO(archive.read(n))) for n in parts]


def _cells(workbooks):
    return [cell for book in workbooks for sheet in book for row in sheet.iter_rows()
            for cell in row if cell.value is not None]  # fmt: skip


def test_every_chart_workbook_was_read(workbooks) -> None:
    assert len(workbooks) >= 5
    texts = {c.value for c in _cells(workbooks) if isinstance(c.value, str)}
    assert "'=1+2" in texts  # the wave, as a category of the trend chart
    assert any(t.startswith("'@SUM") for t in texts)  # the department, in a pair's name
    assert "'+1-1" in texts  # the theme, as a category of the themes chart


def test_no_cell_is_a_formula_or_starts_like_one(workbooks) -> None:
    for cell in _cells(workbooks):
        assert cell.data_type != "f", cell.value
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_STARTS), cell.value


def test_numbers_stay_numbers(workbooks) -> None:
    numbers = [c.value for c in _cells(workbooks) if isinstance(c.value, int | float)]
    assert len(numbers) > 20 and any(n < 0 or n > 1 for n in numbers)


def test_every_chart_of_the_exports_uses_the_safe_chart_data() -> None:
    users = []
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pptx.chart"):
                names = {alias.name for alias in node.names}
                if any(name.endswith("ChartData") for name in names) or node.module.endswith(
                    ("chart.data", "chart.xlsx")
                ):
                    users.append(path.relative_to(ROOT).as_posix())
    assert sorted(set(users)) == ["analysis/export/chart_data.py"]
