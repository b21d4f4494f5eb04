"""A name list's entries are named as the file spells them (formats8): the stored form is
case folded and without accents, and was shown title-cased, so "Noble McDonald" read
"Noble Mcdonald", "Rich O'Neil-Smith" "Rich O'Neil-Smith" only by luck and "José Best"
"Jose Best", in the command's summary, its question and Settings' preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop_app.cli import main
from desktop_app.panels.settings_panel import SettingsPanel
from surveys.importing.names import stored_names
from surveys.store import create_workspace, open_workspace
from tests.desktop_app.test_settings_import import previewed

#: A BambooHR-like directory export: the names as HR's system spells them.
DIRECTORY = (
    "Employee #,First name,Last name,Department,Work Email\r\n"
    "4101,Noble,McDonald,DevOps,noble.mcdonald@northfield-health.example\r\n"
    "4102,Rich,O'Neil-Smith,IT Ops,rich.oneil-smith@northfield-health.example\r\n"
    "4103,José,Best,Sales,jose.best@northfield-health.example\r\n"
    "4104,Ingrid,van der Berg,DevOps,ingrid.vanderberg@northfield-health.example\r\n"
)
#: ADP's "Last, First" payroll names, with a title and a suffix on either side.
PAYROLL = (
    'Position ID,Payroll Name\r\nP-01,"McDonald, Noble"\r\nP-02,"Best, Dr. José"\r\n'
    'P-03,"O\'Neil-Smith Jr., Rich"\r\nP-04,"van der Berg, Ingrid, PhD"\r\n'
)


@pytest.fixture
def workspace(tmp_path):
    create_workspace(tmp_path / "ws", ["Sales", "DevOps", "IT Ops"]).close()
    return tmp_path / "ws"


def _write(tmp_path, text: str, name: str = "directory.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_the_summary_names_each_entry_as_the_file_spells_it(workspace, tmp_path, capsys):
    assert main(["names", "import", str(workspace), str(_write(tmp_path, DIRECTORY))]) == 0
    out = capsys.readouterr().out
    assert (
        "José Best (best: an ordinary word); Noble McDonald (noble: an ordinary word); "
        "Rich O'Neil-Smith (rich: an ordinary word)."
    ) in out
    assert "Mcdonald" not in out and "Jose" not in out
    db = open_workspace(workspace)
    try:  # matched case-insensitively: stored folded, as before
        assert "noble mcdonald" in stored_names(db) and "jose best" in stored_names(db)
    finally:
        db.close()


def test_a_full_name_column_is_shown_given_name_first_without_the_title(
    workspace, tmp_path, capsys
):
    path = _write(tmp_path, PAYROLL, "payroll.csv")
    assert main(["names", "import", str(workspace), str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "José Best (best: an ordinary word); Noble McDonald (noble: an ordinary word); "
        "Rich O'Neil-Smith (rich: an ordinary word)."
    ) in out
    db = open_workspace(workspace)
    try:  # the title or suffix after the comma was kept: "dr. jose best", "ingrid, phd"
        assert sorted(stored_names(db)) == [
            "ingrid van der berg",
            "jose best",
            "noble mcdonald",
            "rich o'neil-smith",
        ]
    finally:
        db.close()


def test_a_family_name_that_is_a_title_word_is_kept(workspace, tmp_path, capsys):
    """ "Dame, Judi" was stored as the given name alone once titles were taken from both
    sides of the comma (formats8): her family name was a title's word (review53)."""
    text = 'Payroll Name\r\n"Dame, Judi"\r\n"Sir, Anna"\r\n"Best Jr., Dr. José"\r\n'
    assert main(["names", "import", str(workspace), str(_write(tmp_path, text, "p.csv"))]) == 0
    capsys.readouterr()
    db = open_workspace(workspace)
    try:
        assert sorted(stored_names(db)) == ["anna sir", "jose best", "judi dame"]
    finally:
        db.close()


def test_the_question_and_the_summary_name_entries_taken_out_as_spelled(
    workspace, tmp_path, capsys
):
    path = _write(tmp_path, DIRECTORY)
    assert main(["names", "import", str(workspace), str(path)]) == 0
    assert main(["names", "import", str(workspace), str(path), "--skip-words", "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        "Taken out of the list, where an earlier import had stored them: José Best, "
        "Noble McDonald, Rich O'Neil-Smith;"
    ) in out


def test_settings_preview_lists_entries_as_the_file_spells_them(
    open_panel, tmp_path, qtbot, monkeypatch
) -> None:
    path = _write(tmp_path, DIRECTORY)
    panel = open_panel(SettingsPanel)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(panel.findChild(QPushButton, "importNames"), Qt.LeftButton)
    dialog = previewed(qtbot, panel)
    rows = [dialog.words.item(row).text() for row in range(dialog.words.count())]
    assert rows == [
        "José Best (best: an ordinary word)",
        "Noble McDonald (noble: an ordinary word)",
        "Rich O'Neil-Smith (rich: an ordinary word)",
    ]
    assert "Noble McDonald (noble" in dialog.preview.toPlainText()
    dialog.reject()
