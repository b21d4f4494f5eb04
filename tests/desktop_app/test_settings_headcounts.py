"""Settings' headcounts read as the rest of the window reads counts: "12,000", not "12000".

The Overview said "80 of 12,000 people answered" while Settings listed the same department's
headcount as 12000. A headcount typed either way ("12,000" or "12000") is saved as the
number; a comma that does not group thousands ("1,20") is refused, as a word is.
"""

from __future__ import annotations

from desktop_app.widgets.figures import typed_count, whole_number
from surveys.store import departments, open_workspace
from tests.desktop_app.hr_helpers import open_window


def _stored(folder) -> dict[str, int | None]:
    db = open_workspace(folder)
    try:
        return {d.name: d.headcount for d in departments(db)}
    finally:
        db.close()


def _row(table, name: str) -> int:
    return [table.item(r, 0).text() for r in range(table.rowCount())].index(name)


def test_headcounts_are_grouped_by_thousands_and_typed_either_way(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    panel = window.panel("settings")
    table = panel.departments
    sales = _row(table, "Sales")
    table.item(sales, 1).setText("12000")  # as typed in the cell: saved, then read again
    qtbot.waitUntil(lambda: _stored(demo_workspace)["Sales"] == 12000, timeout=10_000)
    qtbot.waitUntil(lambda: table.item(_row(table, "Sales"), 1).text() == "12,000", timeout=10_000)
    it = _row(table, "IT")
    table.item(it, 1).setText("2,500")  # as the window shows counts
    qtbot.waitUntil(lambda: _stored(demo_workspace)["IT"] == 2500, timeout=10_000)
    qtbot.waitUntil(lambda: table.item(_row(table, "IT"), 1).text() == "2,500", timeout=10_000)
    table.item(_row(table, "IT"), 1).setText("2,50")
    assert "whole number" in panel.message.text()
    assert table.item(_row(table, "IT"), 1).text() == "2,500"  # the stored one, put back
    assert _stored(demo_workspace)["IT"] == 2500


def test_a_typed_count_is_read_with_or_without_its_thousands_commas() -> None:
    assert whole_number("12,000") == whole_number(" 12000 ") == 12000
    assert whole_number("1,234,567") == 1234567
    for bad in ("1,20", "12,0000", ",100", "1.000", "12k", "-5", "١٢", ""):
        assert typed_count(bad) is None, bad
