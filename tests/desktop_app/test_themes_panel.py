"""Themes: sizes per pair, terms and examples; add a theme and see it after re-analysis."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTranslator
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from analysis.text import capitalised
from desktop_app.panels.themes_panel import PAIR_ROLE, ThemesPanel
from surveys.store import get_setting, open_workspace


def _names(panel) -> list[str]:
    return [panel.themes.item(r, 0).text() for r in range(panel.themes.rowCount())]


def test_themes_are_listed_with_sizes_per_pair(open_panel, demo_result) -> None:
    panel = open_panel(ThemesPanel)
    assert _names(panel) == [capitalised(t.name) for t in demo_result.themes]
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


def test_a_topic_is_shown_with_a_capital_like_the_themes_beside_it(open_panel, demo_result):
    # A discovered topic is named by its top words, stored lower case ("sales, committing,
    # deal"); listed under "Responsiveness", and as the detail's heading, it begins with a
    # capital. The stored label and the analysis result keep their case.
    panel = open_panel(ThemesPanel)
    row, topic = next((r, t) for r, t in enumerate(demo_result.themes) if t.kind == "topic")
    assert topic.name[0].islower()
    shown = panel.themes.item(row, 0).text()
    assert shown == topic.name[0].upper() + topic.name[1:]
    panel.themes.selectRow(row)
    assert panel.detail_title.text() == shown
    assert panel.selected().name == topic.name  # the data keep their case
    assert panel.terms.text().startswith("Top terms: ")


def test_capitalised_changes_only_a_lower_case_first_letter() -> None:
    assert capitalised("sales, committing, deal") == "Sales, committing, deal"
    assert capitalised("Responsiveness") == "Responsiveness"
    assert capitalised("91 % of comments negative") == "91 % of comments negative"
    assert capitalised("éclairs, coffee") == "Éclairs, coffee"
    assert capitalised("") == ""


def _theme_rows(dialog) -> list[str]:
    return [dialog.list.item(r).text() for r in range(dialog.list.count())]


def _stored(folder) -> str | None:
    db = open_workspace(folder)
    try:
        return get_setting(db, "taxonomy_yaml")
    finally:
        db.close()


def test_add_a_theme_and_rerun(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    assert len(_theme_rows(dialog)) == 11 and "Responsiveness" in _theme_rows(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert dialog.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Asking for help")
    assert "Theme 12 “Asking for help”, keywords: It has no keywords" in dialog.problems.text()
    qtbot.keyClicks(dialog.keywords_edit, "help, helped")
    assert dialog.problems.text() == "12 themes, ready to save."
    assert _theme_rows(dialog)[-1] == "Asking for help"
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000) as finished:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert panel.analysis_job is not None  # the re-analysis ran as a job
    result = finished.args[0]
    assert "Asking for help" in [t.name for t in result.themes]
    assert "Asking for help" in _names(panel)
    stored = _stored(demo_workspace)
    assert "id: asking_for_help" in stored and 'keywords: ["help", "helped"]' in stored
    assert 'version: "2"' in stored  # the form's change is a new version


def test_rename_and_remove_themes(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(_theme_rows(dialog).index("Responsiveness"))
    qtbot.mouseClick(dialog.rename_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.name_edit, "Speed of response")  # replaces the selected name
    dialog.list.setCurrentRow(_theme_rows(dialog).index("Privacy and security"))
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    rows = _theme_rows(dialog)
    assert "Speed of response" in rows and "Privacy and security" not in rows
    assert "Responsiveness" not in rows and len(rows) == 10
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000) as finished:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    names = [t.name for t in finished.args[0].themes]
    assert "Speed of response" in names and "Privacy and security" not in names
    from analysis.taxonomy_setting import workspace_taxonomy

    db = open_workspace(demo_workspace)
    taxonomy = workspace_taxonomy(db)
    db.close()
    assert taxonomy.label("responsiveness") == "Speed of response"  # the id stays
    assert "privacy_security" not in taxonomy.ids


def test_problems_keep_the_form_open_and_nothing_is_saved(open_panel, demo_workspace, qtbot):
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(2)
    dialog.name_edit.selectAll()
    qtbot.keyClicks(dialog.name_edit, "Responsiveness")  # the name of theme 1
    dialog.list.setCurrentRow(4)
    dialog.phrases_edit.moveCursor(QTextCursor.End)
    qtbot.keyClick(dialog.phrases_edit, Qt.Key_Return)
    qtbot.keyClicks(dialog.phrases_edit, "!!!")
    text = dialog.problems.text()
    assert text.startswith("2 problems to fix before saving:")
    assert "Theme 3 “Responsiveness”, name: Theme 1 has the same name" in text
    assert "Theme 5 “Blame and accountability”, phrases: “!!!” has no word in it" in text
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.isVisible() and dialog.list.currentRow() == 2  # shows the first problem
    assert dialog.focusWidget() is dialog.name_edit
    assert _stored(demo_workspace) is None


def test_import_refuses_a_bad_file_whole_and_export_reads_back(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from analysis.taxonomy_setting import shipped_taxonomy_text

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    before = _theme_rows(dialog)
    stray = tmp_path / "stray.yaml"
    stray.write_text(shipped_taxonomy_text().replace("version: 1\n", "version: 1\n ][\n"))
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(stray), "")
    )
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert len(warned) == 1 and "Nothing was imported" in warned[0]
    assert f"{stray}, line 13, field 'version': '1 ][' is not a version" in warned[0]
    assert _theme_rows(dialog) == before  # nothing half-applied
    # Export, edit the file's themes down to two, import them back.
    out = tmp_path / "themes.yaml"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    from analysis.taxonomy_form import drafts_from_yaml, drafts_to_yaml

    version, drafts = drafts_from_yaml(out.read_text(), str(out))
    assert [d.name for d in drafts] == before
    out.write_text(drafts_to_yaml(drafts[:2], version))
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(out), "")
    )
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert _theme_rows(dialog) == before[:2] and len(warned) == 1


def test_a_taxonomy_with_yaml_tags_is_imported_as_its_words(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
):
    """Sixth hostile round: a taxonomy handed to HR with YAML tags (`!!python/name:...`,
    `!custom`) passed the checks, which read the words only, and then made the form's
    second reading raise ConstructorError: "an unexpected problem... Please report this"."""
    import sys

    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(
        "version: !!python/name:os.system 7\n"
        "themes:\n"
        "  - id: late\n"
        "    label: !custom Late replies\n"
        "    keywords: !!python/tuple [late, slow]\n"
    )
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(tagged), "")
    )
    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: errors.append(info))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert errors == [] and warned == []
    assert _theme_rows(dialog) == ["Late replies"] and dialog.version == "7"


def test_cancel_with_unsaved_changes_says_so_before_they_are_lost(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    dialog.show()
    cancel = dialog.buttons.button(QDialogButtonBox.Cancel)
    dialog.keywords_edit.setFocus()
    dialog.keywords_edit.moveCursor(QTextCursor.End)
    qtbot.keyClick(dialog.keywords_edit, Qt.Key_Return)
    qtbot.keyClicks(dialog.keywords_edit, "eta")  # twenty minutes of edits, say
    qtbot.keyClick(dialog, Qt.Key_Escape)  # a stray Escape
    assert dialog.isVisible()
    assert dialog.problems.text().startswith("Your changes to the themes are not saved.")
    assert cancel.text() == "Dis&card changes"
    qtbot.keyClicks(dialog.keywords_edit, "s")  # back to editing: asked again next time
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.LeftButton)
    assert dialog.isVisible()
    qtbot.mouseClick(cancel, Qt.LeftButton)  # Discard changes
    assert not dialog.isVisible() and not dialog.saved
    assert _stored(demo_workspace) is None


def test_cancel_without_changes_closes_at_once(open_panel, qtbot) -> None:
    panel = open_panel(ThemesPanel)
    dialog = panel.edit_taxonomy()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Cancel), Qt.LeftButton)
    assert not dialog.isVisible()


def test_clicking_a_column_title_sorts_by_its_numbers(qtbot, demo_workspace) -> None:
    """A commercial survey tool's tables sort on a click; here nothing happened, and sorting
    the text would put "100 %" before "14 %" and "fewer than 5" above 18."""
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_4, Qt.ControlModifier)
    panel = window.panel("themes")
    qtbot.waitUntil(lambda: panel.themes.rowCount() > 3)
    header = panel.themes.horizontalHeader()
    shares = {capitalised(t.name): t.negative_share for t in window.context.result.themes}

    def click(table, column: int) -> None:
        head = table.horizontalHeader()
        where = QPoint(head.sectionViewportPosition(column) + 5, head.height() // 2)
        qtbot.mouseClick(head.viewport(), Qt.LeftButton, pos=where)

    click(panel.themes, 4)  # Negative
    assert header.sortIndicatorSection() == 4
    shown = [shares[name] or -1 for name in _names(panel)]
    assert shown in (sorted(shown), sorted(shown, reverse=True))
    assert len(set(shown)) > 2  # a real order, not a tie
    # the detail follows the row chosen, wherever the sort put it
    panel.themes.selectRow(0)
    assert panel.detail_title.text() == _names(panel)[0]
    click(panel.pairs, 1)  # Comments per pair: "fewer than 5" counts below every number
    counts = [panel.pairs.item(r, 1).text() for r in range(panel.pairs.rowCount())]
    keys = [-1 if c.startswith("fewer") else int(c) for c in counts]
    assert keys in (sorted(keys), sorted(keys, reverse=True)), counts


def test_an_example_of_many_lines_does_not_stretch_the_window(demo_workspace, demo_result, qtbot):
    """Sixth hostile round: a theme's example is a respondent's comment, which may hold
    thousands of line breaks (or 5,000 characters): shown whole in a label, it made the
    HR window 4,494 pixels tall, on every section, for 300 of them."""
    import copy

    from desktop_app.main_window import MainWindow

    result = copy.deepcopy(demo_result)
    examples = [t for t in result.themes if t.example]
    examples[0].example = "Slow" + "\n" * 300 + "again"
    if len(examples) > 1:
        examples[1].example = "word " * 1000
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.context.open(demo_workspace)
    window.context.result = result
    window.context.analysis_finished.emit(result)
    panel = next(p for p in window.panels if isinstance(p, ThemesPanel))
    window.stack.setCurrentWidget(panel)
    try:
        for example in examples[:2]:
            row = next(
                r
                for r in range(panel.themes.rowCount())
                if panel.themes.item(r, 0).text() == capitalised(example.name)
            )
            panel.themes.selectRow(row)
            qtbot.wait(20)
            assert window.minimumSizeHint().height() < 900 and window.height() <= 800
            shown = panel.example.text()
            assert "\n" not in shown and len(shown) <= 400
            whole = " ".join(example.example.split())
            assert panel.example.toolTip() in ("", whole) or whole in panel.example.toolTip()
        assert panel.example.toolTip()  # the shortened one says it whole when pointed at
    finally:
        window.context.shutdown()


def _listed(comments, total: int) -> bool:
    return comments.model.selection is not None and comments.model.selection.total == total


def test_a_pair_of_a_theme_opens_its_comments(qtbot, demo_workspace) -> None:
    """Themes said how many comments of a theme each pair had, and nothing led to them:
    HR had to set the wave, From, About and theme by hand in Comments."""
    from analysis.theme_pairs import theme_keys
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    panel, comments = window.panel("themes"), window.panel("comments")
    summaries = window.context.result.themes
    db = open_workspace(demo_workspace)
    keys = theme_keys(db)
    db.close()
    tried = {"taxonomy": 0, "topic": 0}
    for row, summary in enumerate(summaries):
        if tried[summary.kind] == 1:
            continue
        window.show_section("themes")
        panel.themes.selectRow(row)
        qtbot.waitUntil(lambda: panel.pairs.rowCount() > 0, timeout=5000)
        counts = [panel.pairs.item(r, 1).text() for r in range(panel.pairs.rowCount())]
        panel.pairs.setFocus()
        for r in [r for r, count in enumerate(counts) if not count.isdigit()]:
            panel.pairs.setCurrentCell(r, 0)  # "fewer than 5" leads nowhere
            qtbot.keyClick(panel.pairs, Qt.Key_Return)
            assert window.stack.currentWidget() is panel
        shown = [
            r
            for r, count in enumerate(counts)
            if count.isdigit() and panel.pairs.item(r, 0).data(PAIR_ROLE)
        ]
        if not shown:
            continue
        tried[summary.kind] = 1
        pair = panel.pairs.item(shown[0], 0).text()
        panel.pairs.setCurrentCell(shown[0], 0)
        qtbot.keyClick(panel.pairs, Qt.Key_Return)
        assert window.stack.currentWidget() is comments
        key = keys[summary.name]
        qtbot.waitUntil(lambda key=key: comments.model.filter.theme == key, timeout=5000)
        chosen = comments.model.filter
        assert (chosen.wave, f"{chosen.from_dept} → {chosen.to_dept}") == (
            window.context.result.wave,
            pair,
        )
        assert chosen.search == "" and chosen.sentiment is None
        total = int(counts[shown[0]])
        qtbot.waitUntil(lambda t=total: _listed(comments, t), timeout=5000)
    assert tried == {"taxonomy": 1, "topic": 1}


def test_a_pair_comments_would_not_list_leads_nowhere_and_says_why(qtbot, demo_workspace):
    """A theme's count in a pair whose other comments are fewer than k: double-clicking it
    opened Comments on "This filter is hidden …" (the differencing guard), a dead end. In
    the demo's last wave, 2 of the 4 pairs Themes offered did (Responsiveness, Sales →
    Operations: 5 of 7 comments)."""
    from analysis.comments_query import CommentFilter, select_groups
    from analysis.theme_pairs import theme_keys
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    panel = window.panel("themes")
    result = window.context.result
    db = open_workspace(demo_workspace)
    keys = theme_keys(db)
    window.show_section("themes")
    said = linked = 0
    try:
        for row, summary in enumerate(result.themes):
            panel.themes.selectRow(row)
            qtbot.waitUntil(lambda s=summary: panel.theme_key == keys.get(s.name), timeout=5000)
            for r in range(panel.pairs.rowCount()):
                if not panel.pairs.item(r, 1).text().isdigit():
                    continue
                item = panel.pairs.item(r, 0)
                from_dept, to_dept = item.text().split(" → ")
                flt = CommentFilter(result.wave, from_dept, to_dept, theme=panel.theme_key)
                message = select_groups(db, flt).message
                if item.data(PAIR_ROLE):
                    assert not message
                    linked += 1
                    continue
                assert message and message in item.toolTip()
                panel.pairs.setCurrentCell(r, 0)
                qtbot.keyClick(panel.pairs, Qt.Key_Return)
                assert window.stack.currentWidget() is panel
                said += 1
    finally:
        db.close()
    assert said >= 1 and linked >= 1


TRANSLATED = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context><name>ThemeNames</name>
<message><source>strong language</source><translation>langage grossier</translation></message>
</context>
</TS>
"""


def test_a_topic_of_swearing_is_named_in_the_user_s_language(open_panel, demo_result, tmp_path):
    # "strong language" is stored in English like every topic label; the window shows it
    # through Qt's translations, as it does the sentiment labels.
    ts, qm = tmp_path / "fr.ts", tmp_path / "fr.qm"
    ts.write_text(TRANSLATED, encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        panel = open_panel(ThemesPanel)
        themes = list(demo_result.themes)
        row = next(r for r, t in enumerate(themes) if t.kind == "topic")
        themes[row] = replace(themes[row], name="strong language")
        panel.show_result(replace(demo_result, themes=themes))
        assert "Langage grossier" in _names(panel)
        panel.themes.selectRow(_names(panel).index("Langage grossier"))
        assert panel.detail_title.text() == "Langage grossier"
    finally:
        QCoreApplication.removeTranslator(translator)
