"""A ZIP archive picked as the export that is damaged (a download cut short), empty,
holds only folders or several files, or names a file with ``../``, a line break or a
right-to-left mark: each is said in words, in `rapport import` and the wizard, nothing is
imported, and no Encoding choice is offered (an empty archive was "binary data (NUL
bytes)", one cut short "an Excel workbook? Rename it to .xlsx")."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.desktop_app import test_import_wizard as base
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import fixture, new_workspace

wizard = base.wizard  # the same fixture: a wizard on a new workspace


def _archive(tmp_path, name: str, files: dict[str, bytes]):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for inside, data in files.items():
            archive.writestr(inside, data)
    return path


def _refused(capsys, tmp_path, path) -> str:
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    code, _, err = run(capsys, workspace, path)
    assert code == 2
    assert snapshot(workspace) == before
    assert "Traceback" not in err
    return err


def test_a_download_cut_short_is_said_to_be_damaged_not_a_workbook(tmp_path, capsys):
    whole = _archive(tmp_path, "whole.zip", {"Pulse.csv": fixture("qualtrics.csv").read_bytes()})
    path = tmp_path / "Pulse.zip"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    err = _refused(capsys, tmp_path, path)
    assert (
        f"{path} is a zipped file that cannot be opened: it is damaged or incomplete (a "
        "download cut short?). Download or export the responses again."
    ) in err
    assert "Rename it to .xlsx" not in err


def test_an_archive_holding_no_file_is_said_to_be_empty(tmp_path, capsys):
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()  # starts PK\x05\x06: it was "binary data (NUL bytes)"
    folders = _archive(tmp_path, "folders.zip", {"Pulse/": b""})  # it was "Rename it to .xlsx"
    for path in (empty, folders):
        err = _refused(capsys, tmp_path / path.stem, path)
        assert f"{path} is an empty ZIP archive: it holds no file. Download or export" in err
        assert "NUL" not in err and "Rename" not in err


def test_several_files_inside_are_counted_and_odd_names_shown_plainly(tmp_path, capsys):
    data = b"a,b\n1,2\n"
    names = ["../../Pulse/Responses.csv", "Re\u202ensnopses.csv", "line\nbreak.tsv", "d.csv"]
    path = _archive(tmp_path, "several.zip", dict.fromkeys(names, data))
    err = _refused(capsys, tmp_path, path)
    assert (
        "it holds 'Pulse/Responses.csv', 'Re?nsnopses.csv', 'line?break.tsv' and 1 more. "
        "Unzip it (Extract All… in Windows Explorer, or double-click it on a Mac) and import "
        "the one with the responses."
    ) in err
    assert "...." not in err and "\u202e" not in err


def test_the_wizard_offers_no_encoding_for_an_empty_archive(wizard, qtbot, tmp_path):
    path = tmp_path / "Pulse.csv"
    with zipfile.ZipFile(path, "w"):
        pass
    page = wizard.file_page
    page.file.setFocus()
    qtbot.keyClicks(page.file, str(path))
    qtbot.keyClick(page.file, Qt.Key_Return)
    qtbot.waitUntil(lambda: "empty ZIP archive" in page.detected.text(), timeout=20000)
    assert not wizard.button(QWizard.NextButton).isEnabled()
    choices = page.read_choices
    assert not choices.form.isRowVisible(choices.encoding)  # it offered UTF-16 for the NULs


def test_a_zipped_download_saved_as_xlsx_is_said_to_be_an_archive(tmp_path, capsys):
    """It was "cannot be read as an Excel workbook (KeyError: "There is no item named
    '[Content_Types].xml' in the archive")", and Excel cannot open it either."""
    path = _archive(tmp_path, "Pulse.xlsx", {"Pulse/Responses.csv": b"a,b\n1,2\n"})
    err = _refused(capsys, tmp_path, path)
    assert (
        f"{path} is a ZIP archive, as survey tools download their exports, and it holds "
        "'Pulse/Responses.csv'. Unzip it"
    ) in err
    assert "KeyError" not in err and "Content_Types" not in err


def test_what_a_mac_adds_when_it_zips_is_not_named(tmp_path, capsys):
    """A Mac adds ``__MACOSX/._name`` and ``.DS_Store`` to what it zips: the message named
    them among the files to import ("'Pulse/Responses.csv', '__MACOSX/Pulse/._Responses.csv'
    ... import the one with the responses")."""
    files = {
        "Pulse/Responses.csv": b"a,b\n1,2\n",
        "__MACOSX/Pulse/._Responses.csv": b"\x00\x05\x16\x07",
        "Pulse/.DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    err = _refused(capsys, tmp_path, _archive(tmp_path, "Pulse.zip", files))
    assert "and it holds 'Pulse/Responses.csv'. Unzip it" in err
    assert "import the file it holds." in err
    assert "MACOSX" not in err and "DS_Store" not in err
