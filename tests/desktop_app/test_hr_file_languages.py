"""Settings' roster preview of an HR report in French (formats9): its leavers are left
out and said, its cost centre is offered as another department column, and no one's name,
address or pay is shown or kept (pytest-qt, a real dialog and workspace)."""

from __future__ import annotations

from desktop_app.panels.settings_panel import SettingsPanel
from tests.desktop_app.test_hr_file_dialog import _headcounts, _import, _open
from tests.surveys.importing.helpers import every_cell
from tests.surveys.importing.test_hris_languages import FRENCH, SECRETS


def test_a_french_report_previews_its_leavers_and_cost_centre(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch
) -> None:
    path = tmp_path / "effectifs.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    panel = open_panel(SettingsPanel)
    dialog = _open(qtbot, panel, monkeypatch, path)
    text = dialog.preview.toPlainText()
    assert "Ventes: 2 (new department)" in text and "Informatique: 1 (new department)" in text
    assert 'Not counted: 2 rows of people who left or have not started (column "Statut").' in text
    choices = dialog.department
    offered = [choices.itemText(i) for i in range(choices.count())]
    assert choices.isVisibleTo(dialog) and offered == ["Service", "Centre de coûts"]
    _import(qtbot, dialog, panel, "Set 2 headcounts")
    assert _headcounts(demo_workspace)["Ventes"] == 2
    shown = text + panel.message.text()
    kept = " ".join(value for _, value in every_cell(demo_workspace))
    assert [s for s in SECRETS if s in shown or s in kept] == []
