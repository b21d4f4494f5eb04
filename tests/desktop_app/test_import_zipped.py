"""A survey tool's zipped download picked as the export: the message names the file
inside to unzip (it said "an Excel workbook? ... Rename it to .xlsx", which the CSV inside
would not become), in `rapport import` and the wizard alike; nothing is imported, and the
wizard offers no Encoding choice (it offered "Choose the file's encoding…")."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.desktop_app import test_import_wizard as base
from tests.desktop_app.import_variant_helpers import run, variant
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import new_workspace

wizard = base.wizard  # the same fixture: a wizard on a new workspace


def _zipped(tmp_path, name: str, inside: str):
    """``inside`` (a variant fixture) zipped as ``name``, as the tool hands it over."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(variant(inside), f"CSV/{inside}")
    return path


def test_a_zipped_download_names_the_file_to_unzip(tmp_path, capsys):
    path = _zipped(tmp_path, "Staff pulse.zip", "surveymonkey_checkboxes.csv")
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path)
    assert code == 2
    assert (
        f"{path} is a ZIP archive, as survey tools download their exports, and it holds "
        "'CSV/surveymonkey_checkboxes.csv'. Unzip it (Extract All… in Windows Explorer, or "
        "double-click it on a Mac) and import the file it holds."
    ) in err
    assert "Rename it to .xlsx" not in err
    assert snapshot(workspace) == before


def test_a_workbook_saved_with_another_ending_is_still_told_to_be_renamed(tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(variant("qualtrics_values.xlsx").read_bytes())
    code, _, err = run(capsys, "--suggest-mapping", path)
    assert code == 2
    assert "is a zipped file (an Excel workbook?) with a .csv ending. Rename it to .xlsx" in err


def test_the_wizard_says_so_on_its_first_page(wizard, qtbot, tmp_path):
    path = _zipped(tmp_path, "Staff pulse.csv.zip", "qualtrics_multi_split.csv")
    page = wizard.file_page
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(lambda: "is a ZIP archive" in page.detected.text(), timeout=20000)
    assert "'CSV/qualtrics_multi_split.csv'" in page.detected.text()
    assert not wizard.button(QWizard.NextButton).isEnabled()
    choices = page.read_choices
    assert not choices.form.isRowVisible(choices.encoding)  # no encoding reads an archive
