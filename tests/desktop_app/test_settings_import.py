"""Settings: import a roster and a name list; the imported names redact comments."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.panels.settings_panel import SettingsPanel
from surveys.store import departments, open_workspace


def _pick(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_import_roster_sets_headcounts(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    panel = open_panel(SettingsPanel)
    roster = tmp_path / "hr.csv"
    roster.write_text(
        "Employee;Team\n" + "".join(f"P{i};Sales\n" for i in range(33)), encoding="utf-8"
    )
    _pick(monkeypatch, roster)
    qtbot.mouseClick(panel.findChild(type(panel.passphrase_button), "importRoster"), Qt.LeftButton)
    assert panel.message.text().startswith("Set 1 headcount (counted from one row per")
    db = open_workspace(demo_workspace)
    counts = {d.name: d.headcount for d in departments(db)}
    db.close()
    assert counts["Sales"] == 33
    sales_row = next(
        r
        for r in range(panel.departments.rowCount())
        if panel.departments.item(r, 0).text() == "Sales"
    )
    assert panel.departments.item(sales_row, 1).text() == "33"


def test_import_names_then_the_analysis_redacts_them(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    from analysis.privacy_settings import redaction_names

    panel = open_panel(SettingsPanel)
    names = tmp_path / "staff.csv"
    names.write_text(
        "First name,Last name\nJosé,Okonkwo-Reyes\nMarta,Lindqvist\n", encoding="utf-8"
    )
    _pick(monkeypatch, names)
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=60000):
        qtbot.mouseClick(
            panel.findChild(type(panel.passphrase_button), "importNames"), Qt.LeftButton
        )
    assert panel.message.text().startswith("Stored 2 names for redaction")
    assert panel.imported_names.text() == "2 names imported from a list."
    assert "jose" not in panel.names.toPlainText()  # the typed list is shown apart
    db = open_workspace(demo_workspace)
    try:
        assert {"jose okonkwo-reyes", "marta lindqvist"} <= set(redaction_names(db))
    finally:
        db.close()
    qtbot.mouseClick(panel.clear_names_button, Qt.LeftButton)
    assert panel.imported_names.text() == "0 names imported from a list."
    assert not panel.clear_names_button.isEnabled()
