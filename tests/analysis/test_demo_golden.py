"""The demo workspace's analysis and exports, pinned: a refactoring must not change them.

When a change is *meant* to change what the demo shows (a better sentiment model, say),
rebuild the golden files with ``python -m tests.analysis.test_demo_golden`` and say why in
the commit message.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from tests.analysis.export_contents import csv_contents, deck_contents, workbook_contents

GOLDEN = Path(__file__).parents[1] / "fixtures" / "demo_golden"
DAY = dt.date(2026, 11, 2)


def _produce(tmp: Path) -> dict[str, object]:
    """Build the demo, analyse it and export it; return each artefact's content."""
    from analysis.export.run import export_workspace
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    folder = tmp / "demo"
    build_demo(folder)
    analysis = json.dumps(analyse_workspace(folder).to_json(), indent=2, ensure_ascii=False)
    deck, book, csvs = tmp / "demo.pptx", tmp / "demo.xlsx", tmp / "csv"
    export_workspace(folder, pptx=deck, xlsx=book, csv=csvs, day=DAY)
    return {
        "analysis.json": analysis + "\n",
        "deck.json": _dump(deck_contents(deck)),
        "workbook.json": _dump(workbook_contents(book)),
        "csv.json": _dump(csv_contents(csvs)),
    }


def _dump(value: object) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False, default=str) + "\n"


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, object]:
    return _produce(tmp_path_factory.mktemp("golden"))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["analysis.json", "deck.json", "workbook.json", "csv.json"])
def test_demo_output_is_unchanged(produced, name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert produced[name] == expected, (
        f"{name} of the demo changed; if that is intended, rebuild the golden files with "
        "`python -m tests.analysis.test_demo_golden` and say why in the commit"
    )


def _rebuild() -> None:  # pragma: no cover - a maintenance command
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in _produce(Path(tmp)).items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
            print(f"wrote {GOLDEN / name}", file=sys.stderr)


if __name__ == "__main__":
    _rebuild()
