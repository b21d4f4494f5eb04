"""File › Import responses…: the wizard, driven as a person would (pytest-qt)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QTabWidget, QWizard

from desktop_app.context import WorkspaceContext
from desktop_app.import_wizard import ImportWizard
from desktop_app.import_wizard.wizard import IMPORT_PAGE, MAPPING_PAGE
from surveys.csv_import import import_csv
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import CASES, content, fixture, new_workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def wizard(tmp_path, qtbot):
    context = WorkspaceContext()
    context.open(new_workspace(tmp_path / "ws"))
    changes = []
    context.data_changed.connect(lambda change, who: changes.append(change))
    dialog = ImportWizard(context)
    dialog.changes = changes
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    context.shutdown()


def _choose_file(wizard, qtbot, path: Path, mapping: Path | None = None) -> None:
    page = wizard.file_page
    if mapping is not None:
        # on the round indicator: a radio button takes clicks on its indicator and label
        qtbot.mouseClick(page.saved, Qt.LeftButton, pos=QPoint(8, page.saved.height() // 2))
        assert page.saved.isChecked()
        page.mapping_file.setFocus()
        qtbot.keyClicks(page.mapping_file, str(mapping))
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(
        lambda: wizard.prepared is not None or "cannot" in page.detected.text(), timeout=20000
    )


def _next(wizard, qtbot) -> None:
    button = wizard.button(QWizard.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.LeftButton)


def _import(wizard, qtbot) -> dict:
    page = wizard.import_page
    with qtbot.waitSignal(wizard.imported, timeout=60000) as done:
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
    return done.args[0]


def _editor(view) -> QComboBox:
    """The drop-down the view opened (not one closed before and not yet deleted)."""
    return next(c for c in view.findChildren(QComboBox, "cellChoice") if c.isVisible())


def _cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data()


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_layout_imports_through_the_wizard_like_its_tidy_twin(wizard, qtbot, tmp_path, name):
    mapping, tidy, _ = CASES[name]
    _choose_file(wizard, qtbot, fixture(name), fixture(mapping))
    assert wizard.file_page.detected.text().startswith("Detected: ")
    _next(wizard, qtbot)
    assert wizard.currentId() == MAPPING_PAGE
    problems = [
        wizard.mapping_page.problems.item(i).text()
        for i in range(wizard.mapping_page.problems.count())
    ]
    assert problems == []
    assert wizard.mapping_page.preview_view.model().rowCount() > 0
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] >= 10
    assert wizard.import_page.message.text() == result["summary"]
    twin = new_workspace(tmp_path / "twin")
    import_csv(twin, fixture(tidy))
    assert content(wizard.context.path) == content(twin)
    assert wizard.changes and wizard.changes[-1].responses
    assert wizard.button(QWizard.FinishButton).isEnabled()


def test_the_mapping_table_and_preview_show_what_will_be_read(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("forms.xlsx"))
    detected = wizard.file_page.detected.text()
    assert detected.startswith("Detected: Microsoft Forms export; read as Excel workbook")
    assert detected.endswith("1 line of the suggested mapping to check.")
    _next(wizard, qtbot)
    page = wizard.mapping_page
    columns = page.columns_view
    rows = {_cell(columns, r, 0): r for r in range(columns.model().rowCount())}
    assert _cell(columns, rows["D"], 5) == "identity: never imported"  # Email
    assert _cell(columns, rows["G"], 5) == "respondent's department"
    assert [_cell(columns, rows["Q"], c) for c in (2, 3, 4)] == ["IT", "Overall", "numbers_1_5"]
    # in words, not the mapping file's "high 0.91; CHECK scale numbers_1_5"
    assert _cell(columns, rows["Q"], 5).endswith("% sure; check its scale (Scales tab)")
    preview = page.preview_view
    assert [_cell(preview, 0, c) for c in range(6)] == ["2", "H", "IT", "Sales", "Timeliness", "5"]
    assert "No problems in the first 12 responses" in page.status.text()
    departments = page.departments_view
    answers = {
        _cell(departments, r, 0): _cell(departments, r, 1)
        for r in range(departments.model().rowCount())
    }
    assert answers["IT department"] == "IT"


def test_editing_an_item_in_the_table_changes_the_preview(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("forms.xlsx"))
    _next(wizard, qtbot)
    page = wizard.mapping_page
    columns = page.columns_view
    row = next(r for r in range(columns.model().rowCount()) if _cell(columns, r, 0) == "T")
    index = columns.model().index(row, 3)
    columns.setCurrentIndex(index)
    columns.edit(index)
    combo = _editor(columns)
    assert combo is not None and combo.currentText() == "Comment"
    qtbot.keyClicks(combo, "(not")  # a person types the first letters of "(not imported)"
    qtbot.keyClick(combo, Qt.Key_Return)
    qtbot.waitUntil(lambda: _cell(columns, row, 3) == "(not imported)")
    qtbot.waitUntil(
        lambda: all(
            _cell(page.preview_view, r, 1) != "T"
            for r in range(page.preview_view.model().rowCount())
        )
    )
    assert "What one thing would make working with IT better?" in page.suggestion.mapping.drop


def test_problems_are_listed_by_row_and_column_and_block_the_import(wizard, qtbot, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Team,Submitted on,How timely is IT?,How timely is Sales?\n"
        "Sales,01.12.2025,Good,\nIT,02.12.2025,,Sometimes\nMarketing,03.12.2025,Poor,Fair\n",
        encoding="utf-8",
    )
    _choose_file(wizard, qtbot, path, fixture("generic.map.yaml"))
    _next(wizard, qtbot)
    page = wizard.mapping_page
    problems = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert problems[0].startswith(
        "generic.map.yaml:32: columns.How timely is Marketing?: "
        "column 'How timely is Marketing?' is not in sheet.csv"
    )
    assert problems[-1].startswith(
        "sheet.csv:3: column D \"How timely is Sales?\": unknown answer 'Sometimes'"
    )
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_unknown_answers_get_a_value_in_the_scales_tab(wizard, qtbot, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Team,Submitted on,How timely is IT?\nSales,01.12.2025,Good\n"
        "Marketing,02.12.2025,Sometimes\nOperations,03.12.2025,Poor\n",
        encoding="utf-8",
    )
    _choose_file(wizard, qtbot, path)
    _next(wizard, qtbot)
    page = wizard.mapping_page
    problems = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert [p.split(": unknown answer ")[0] for p in problems] == [
        f'sheet.csv:{line}: column C "How timely is IT?"' for line in (2, 3, 4)
    ]
    scales = page.scales_view
    tabs = page.findChild(QTabWidget, "importTabs")
    qtbot.mouseClick(tabs.tabBar(), Qt.LeftButton, pos=tabs.tabBar().tabRect(2).center())
    assert tabs.currentWidget() is scales
    model = scales.model()
    for answer, value in (("Good", "4"), ("Poor", "2"), ("Sometimes", "3")):  # as written
        row = next(r for r in range(model.rowCount()) if _cell(scales, r, 1) == answer)
        index = model.index(row, 2)
        scales.edit(index)
        combo = _editor(scales)
        qtbot.keyClicks(combo, value)
        qtbot.keyClick(combo, Qt.Key_Return)
        qtbot.waitUntil(lambda r=row, v=value: _cell(scales, r, 2) == v)
    qtbot.waitUntil(lambda: page.problems.count() == 0, timeout=5000)
    _next(wizard, qtbot)
    result = _import(wizard, qtbot)
    assert result["ok"] and result["new"] == 3


def test_the_mapping_is_saved_for_next_year(wizard, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from surveys.importing import load_mapping

    target = tmp_path / "forms.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _choose_file(wizard, qtbot, fixture("forms.xlsx"))
    _next(wizard, qtbot)
    qtbot.mouseClick(wizard.mapping_page.save_button, Qt.LeftButton)
    assert wizard.mapping_page.status.text() == f"Saved the mapping to {target}."

    def shape(mapping):
        return {k: (r.target, r.item, r.scale) for k, r in mapping.columns.items()}

    assert shape(load_mapping(target)) == shape(wizard.mapping_page.suggestion.mapping)


def test_a_tidy_file_skips_the_mapping(wizard, qtbot):
    _choose_file(wizard, qtbot, fixture("google.tidy.csv"))
    assert wizard.file_page.detected.text().endswith("It needs no mapping.")
    _next(wizard, qtbot)
    assert wizard.currentId() == IMPORT_PAGE
    assert _import(wizard, qtbot)["new"] == 13


def test_cancel_stops_the_import_and_nothing_is_kept(wizard, qtbot, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from wide_import_bench import generate

    from surveys.departments import add_department
    from surveys.store import open_workspace

    wide, _, _ = generate(tmp_path, 20000)
    db = open_workspace(wizard.context.path)
    add_department(db, "Finance")
    db.close()
    before = snapshot(wizard.context.path)
    _choose_file(wizard, qtbot, wide)
    _next(wizard, qtbot)
    _next(wizard, qtbot)
    page = wizard.import_page
    qtbot.mouseClick(page.start_button, Qt.LeftButton)
    job = page.job
    with qtbot.waitSignal(job.progressed, timeout=30000):
        pass
    with qtbot.waitSignal(job.cancelled, timeout=30000):
        qtbot.mouseClick(page.cancel_button, Qt.LeftButton)
    assert page.message.text() == "Import cancelled; nothing was imported."
    assert snapshot(wizard.context.path) == before
    assert page.start_button.isEnabled()


def test_the_mapping_tints_can_be_read_on_a_dark_desktop(wizard, qtbot, qapp):
    from PySide6.QtGui import QPalette

    from desktop_app.palette import dark_palette
    from tests.desktop_app.test_dark_palette import contrast

    _choose_file(wizard, qtbot, fixture("forms.xlsx"))
    _next(wizard, qtbot)
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    try:
        model = wizard.mapping_page.columns_view.model()
        text = dark_palette().color(QPalette.Text)
        tints = [model.index(r, 1).data(Qt.BackgroundRole) for r in range(model.rowCount())]
        tints = [brush.color() for brush in tints if brush is not None]
        assert len(tints) >= 2  # identity, dropped or checked rows of the Forms export
        # light tints under the dark palette's light text were unreadable (about 1.1:1)
        assert all(contrast(tint, text) >= 4.5 for tint in tints)
    finally:
        qapp.setPalette(before)
    light = [model.index(r, 1).data(Qt.BackgroundRole) for r in range(model.rowCount())]
    assert all(b.color().lightness() > 200 for b in light if b is not None)


def _cut(view, column: int) -> list[str]:
    """The texts of ``column`` wider than the column (so shown cut)."""
    model, metrics = view.model(), view.fontMetrics()
    texts = [model.index(row, column).data() for row in range(model.rowCount())]
    width = view.columnWidth(column)
    return [t for t in texts if t and metrics.horizontalAdvance(str(t)) + 6 > width]


def test_at_1024_by_768_short_columns_are_whole_and_sentences_share_the_rest(wizard, qtbot):
    """Every column started at 100 pixels: "strongly disag…" in the scales, the questions cut
    where a Qualtrics export names the department, blank columns 100 pixels wide."""
    wizard.resize(1024, 768)
    _choose_file(wizard, qtbot, fixture("qualtrics.csv"))
    _next(wizard, qtbot)
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.preview_view.model().rowCount() > 0)
    columns, preview, scales = page.columns_view, page.preview_view, page.scales_view
    for column in (0, 2, 3, 4, 5):  # letter, target, item, scale, status
        assert _cut(columns, column) == [], columns.model().headerData(column, Qt.Horizontal)
    for column in range(5):  # row, column, department, target, item
        assert _cut(preview, column) == [], preview.model().headerData(column, Qt.Horizontal)
    chars = columns.fontMetrics().averageCharWidth()
    assert columns.columnWidth(1) >= 45 * chars  # the question gets the room left
    assert preview.columnWidth(5) >= 60 * chars  # and so does a comment
    assert columns.textElideMode() == Qt.ElideMiddle  # a cut question keeps its end
    page.tabs.setCurrentWidget(scales)
    qtbot.waitUntil(scales.isVisible)
    # "strongly disag…" no more, and the note on what to check is whole
    qtbot.waitUntil(lambda: _cut(scales, 3) == [])
    assert [_cut(scales, column) for column in range(4)] == [[], [], [], []]
    for view in (columns, preview):
        assert view.horizontalScrollBar().maximum() == 0


def test_typing_a_saved_mapping_chooses_it(wizard, qtbot) -> None:
    # The field sat enabled beside "Suggest a mapping" and typing in it did nothing.
    page = wizard.file_page
    assert page.suggest.isChecked()
    page.mapping_file.setFocus()
    qtbot.keyClicks(page.mapping_file, "team.map.yaml")
    assert page.saved.isChecked() and not page.suggest.isChecked()


@contextmanager
def _refused(qtbot, workspace: Path, path: Path):
    """A wizard on ``workspace`` that imported ``path`` and listed its problems."""
    context = WorkspaceContext()
    context.open(workspace)
    dialog = ImportWizard(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        _choose_file(dialog, qtbot, path)
        while dialog.currentId() != IMPORT_PAGE:
            _next(dialog, qtbot)
        page = dialog.import_page
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: page.problems.isVisible(), timeout=60000)
        yield dialog
    finally:
        context.shutdown()


def test_a_comment_export_into_a_ticketed_pulse_says_where_the_wizard_takes_the_wave(
    qtbot, workspace, tmp_path
):
    """A monthly export landing in the month of a ticketed pulse is refused with "(--wave
    2026-10-import)": an option of the command line, with nothing in the wizard saying
    where it takes the wave."""
    from tests.analysis.test_import_into_ticketed_wave import _pulse_with_one_rater
    from tests.desktop_app.test_import_comment_exports import write_csv

    wave, _share = _pulse_with_one_rater(workspace, tmp_path)
    rows = [["Question", "Comment", "Department", "Survey Date"]] + [
        ["What should IT start doing?", f"Idea {i}.", "Sales", f"{wave}-0{i + 1}"] for i in range(4)
    ]
    path = write_csv(tmp_path / "glint.csv", rows)
    with _refused(qtbot, workspace, path) as dialog:
        page = dialog.import_page
        problem = page.problems.item(0).text()
        assert f"wave {wave} is a pulse published with participation tickets" in problem
        assert f"--wave {wave}-import" in problem
        assert page.message.text().endswith(
            "Where a problem says --wave, write that wave's name in Wave above and import again."
        )
        page.wave.setText(f"{wave}-import")
        result = _import(dialog, qtbot)
        assert result["ok"] and result["new"] == 4


def test_a_mapped_file_into_a_ticketed_pulse_says_where_the_wizard_takes_the_wave(
    qtbot, workspace, tmp_path
):
    from tests.analysis.test_import_into_ticketed_wave import _pulse_with_one_rater

    wave, _share = _pulse_with_one_rater(workspace, tmp_path)
    year, month = wave.split("-")
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Team,Submitted on,How timely is IT?\n"
        + "".join(f"Sales,0{d}.{month}.{year},Good\n" for d in range(1, 5)),
        encoding="utf-8",
    )
    with _refused(qtbot, workspace, path) as dialog:
        page = dialog.import_page
        assert f"--wave {wave}-import" in page.problems.item(0).text()
        assert page.message.text().endswith(
            "Where a problem says --wave, go Back to Check the mapping, choose Wave: One wave "
            "named, write that wave's name and import again."
        )
