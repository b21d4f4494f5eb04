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
    assert whole_number("1,234,567") == whole_number("1 234 567") == 1234567
    assert whole_number("1\u00a0234") == whole_number("1'234") == 1234
    for bad in (
        "1,20",
        "12,0000",
        ",100",
        "1.000",
        "12k",
        "-5",
        "١٢",
        "",
        "0,012",
        "1 2",
        "1,000 000",
    ):
        assert typed_count(bad) is None, bad


def test_a_headcount_written_the_way_of_another_country_is_read_or_refused_clearly(
    qtbot, demo_workspace
) -> None:
    """A headcount sets which answers are held beyond it: never misread, never a traceback.

    "12 000" and "12'000" (grouped by a space or an apostrophe) were refused as "not a whole
    number"; "0,012" was saved as 12; "12.000" (twelve thousand in German, twelve in
    English) was refused without saying why; a 20-digit number stopped the save with an
    "unexpected problem, please report this".
    """
    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    panel, table = window.panel("settings"), window.panel("settings").departments

    def typed(text: str) -> None:
        table.item(_row(table, "Sales"), 1).setText(text)

    for text, number in (("12 000", 12000), ("12\u202f000", 12000), ("1'500", 1500)):
        typed(text)
        qtbot.waitUntil(lambda n=number: _stored(demo_workspace)["Sales"] == n, timeout=10_000)
    for text, said in (
        ("12.000", '"12.000" could be 12,000 or 12; type the number of people without the'),
        ("0,012", "type a whole number of people, such as 1200 or 1,200."),
        ("1 2", "type a whole number of people"),
        ("-5", "cannot be negative"),
        ("99999999999999999999", "at most 10,000,000 people"),
    ):
        typed(text)
        assert said in panel.message.text(), (text, panel.message.text())
        assert panel.message.text().startswith("Headcount of Sales: ")
        qtbot.wait(300)  # nothing was saved: the stored headcount stays
        assert _stored(demo_workspace)["Sales"] == 1500, text
        assert table.item(_row(table, "Sales"), 1).text() == "1,500"


def test_a_refused_headcount_is_said_on_screen_beside_its_reopened_cell(
    qtbot, demo_workspace
) -> None:
    """The Settings message line ended the scrolling form, under the Team mode box: in a
    maximised 1440 × 900 window the reason a headcount was refused was below the bottom of
    the window while its cell opened again on what was typed. It is under the form now."""
    window = open_window(qtbot, demo_workspace)
    window.show()
    window.resize(1400, 800)
    window.show_section("settings")
    panel = window.panel("settings")
    table = panel.departments
    table.setCurrentCell(_row(table, "Sales"), 1)
    table.item(_row(table, "Sales"), 1).setText("12.000")
    assert '"12.000" could be 12,000 or 12' in panel.message.text()
    qtbot.waitUntil(lambda: not panel.message.visibleRegion().isEmpty(), timeout=2000)
    central = window.centralWidget()
    top = panel.message.mapTo(central, panel.message.rect().topLeft()).y()
    assert top >= 0 and top + panel.message.height() <= central.height()
    panel.message.clear()  # saying nothing, the line takes no room
    assert not panel.message.isVisible()
