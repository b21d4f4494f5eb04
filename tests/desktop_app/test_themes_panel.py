"""Themes: sizes per pair, terms and examples; add a theme and see it after re-analysis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.panels.themes_panel import ThemesPanel
from desktop_app.taxonomy_dialog import theme_id_for, theme_yaml
from surveys.store import get_setting, open_workspace


def _names(panel) -> list[str]:
    return [panel.themes.item(r, 0).text() for r in range(panel.themes.rowCount())]


def test_themes_are_listed_with_sizes_per_pair(open_panel, demo_result) -> None:
    panel = open_panel(ThemesPanel)
    assert _names(panel) == [t.name for t in demo_result.themes]
    assert panel.themes.rowCount() > 3
    first = demo_result.themes[0]
    assert panel.detail_title.text() == first.name
    assert panel.themes.item(0, 2).text() == str(first.count)
    pairs = [panel.pairs.item(r, 0).text() for r in range(panel.pairs.rowCount())]
    assert pairs and all(" → " in p for p in pairs)
    allowed = {
        f"{p.from_dept} → {p.to_dept}"
        for p in demo_result.pairs
        if not p.suppressed and p.comment_count >= demo_result.min_comment_group
    }
    assert set(pairs) <= allowed
    topic_row = next(r for r, t in enumerate(demo_result.themes) if t.kind == "topic")
    panel.themes.selectRow(topic_row)
    assert panel.terms.text().startswith("Top terms: ")
    assert "@" not in panel.example.text()


def test_add_a_theme_and_rerun(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.label_edit, "Asking for help")
    qtbot.keyClicks(dialog.keywords_edit, "help, helped")
    qtbot.mouseClick(
        dialog.findChild(type(dialog.buttons.button(QDialogButtonBox.Save)), "addTheme"),
        Qt.LeftButton,
    )
    assert "id: asking_for_help" in dialog.editor.toPlainText()
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000) as finished:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    result = finished.args[0]
    assert "Asking for help" in [t.name for t in result.themes]
    assert "Asking for help" in _names(panel)
    db = open_workspace(demo_workspace)
    assert "asking_for_help" in get_setting(db, "taxonomy_yaml")
    db.close()


def test_an_invalid_taxonomy_is_explained_and_not_saved(open_panel, demo_workspace, qtbot):
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("version: 1\nthemes:\n  - id: Bad Id\n    label: X\n")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible()
    assert "line 3" in dialog.error.text() and "'id'" in dialog.error.text()
    db = open_workspace(demo_workspace)
    assert get_setting(db, "taxonomy_yaml") is None
    db.close()


def test_theme_yaml_helpers() -> None:
    assert theme_id_for("Vendor contracts!") == "vendor_contracts"
    assert theme_id_for("3rd party") == "theme_3rd_party"
    assert theme_yaml("Vendor", ["po"]) == (
        '  - id: vendor\n    label: "Vendor"\n    keywords: ["po"]\n'
    )
