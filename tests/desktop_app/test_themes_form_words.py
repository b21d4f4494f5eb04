"""The Themes form refuses a keyword nearly every comment holds ("it"), and takes "IT"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.panels.themes_panel import ThemesPanel


def test_a_keyword_it_is_a_problem_and_it_in_capitals_is_ready(open_panel, qtbot) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.name_edit, "Laptops from IT")
    qtbot.keyClicks(dialog.keywords_edit, "laptop, it")
    assert (
        "Theme 12 “Laptops from IT”, keywords: “it” is in nearly every comment, so the theme "
        "would fit almost all of them; remove it. For the acronym, write “IT”."
    ) in dialog.problems.text()
    dialog.keywords_edit.clear()
    qtbot.keyClicks(dialog.keywords_edit, "laptop, IT")
    assert dialog.problems.text() == "12 themes, ready to save."
