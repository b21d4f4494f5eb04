"""Rosters and name lists as Excel saves them (formats8): "Unicode Text" (UTF-16, tabs)
and CSV with the rows Excel saw as used below the people (``,,,``), department names with
a trailing space or another case ("Sales " and "sales"). The blank rows were counted as
rows read ("counted from one row per employee, 6 rows" for 3 people; a name list of one
person said "3 rows")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from desktop_app.cli import main
from desktop_app.panels.settings_panel import SettingsPanel
from surveys.store import create_workspace
from tests.desktop_app.test_settings_import import previewed

ROWS = [
    ["Employee #", "First name", "Last name", "Department", "Work Email"],
    ["4101", "Noble", "McDonald", "Sales ", "noble.mcdonald@northfield-health.example"],
    ["4102", "Ana", "Silva", "sales", "ana.silva@northfield-health.example"],
    ["4103", "Kofi", "Mensah", "IT", "kofi.mensah@northfield-health.example"],
    ["", "", "", "", ""],
    ["", "", "", "", ""],
    ["", "", "", "", ""],
]


def _unicode_text(tmp_path):
    path = tmp_path / "directory.txt"  # Excel: Save As "Unicode Text"
    path.write_bytes(("\r\n".join("\t".join(row) for row in ROWS) + "\r\n").encode("utf-16"))
    return path


def _workspace(tmp_path):
    create_workspace(tmp_path / "ws", ["Sales", "IT", "Marketing"]).close()
    return tmp_path / "ws"


def test_a_roster_saved_as_unicode_text_counts_people_not_blank_rows(tmp_path, capsys):
    workspace = _workspace(tmp_path)
    args = ["roster", "import", str(workspace), str(_unicode_text(tmp_path)), "--dry-run"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Would set 2 headcounts (counted from one row per employee, 3 rows):" in out
    assert "  Sales: 2\n  IT: 1\n" in out  # "Sales " and "sales" are the workspace's Sales


def test_a_name_list_counts_the_rows_that_hold_a_name(tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_text("First name,Last name\r\nAna,Silva\r\n,\r\n,\r\n", encoding="utf-8-sig")
    assert main(["names", "import", str(_workspace(tmp_path)), str(path)]) == 0
    assert '(from columns A "First name", B "Last name"; 1 row; ' in capsys.readouterr().out


def test_settings_preview_of_a_unicode_text_roster(open_panel, tmp_path, qtbot, monkeypatch):
    path = _unicode_text(tmp_path)
    panel = open_panel(SettingsPanel)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(panel.findChild(QPushButton, "importRoster"), Qt.LeftButton)
    dialog = previewed(qtbot, panel)
    text = dialog.preview.toPlainText()
    assert "counted from one row per employee, 3 rows" in text
    assert "Noble" not in text and "northfield" not in text  # no person is shown
    dialog.reject()
