"""Screenshots of Settings' roster and name-list imports (docs/import.md, "In the app"):
the preview of an HR system's employee report, with what it leaves out; the Encoding
choice of a CSV; the Worksheet choice of a workbook; a file that cannot be imported.

Run under an X server with a window manager, so title bars render as on a desktop::

    Xvfb :95 -screen 0 1440x900x24 -noreset &  DISPLAY=:95 openbox &
    DISPLAY=:95 .venv/bin/python docs/screenshots/take_hr_files.py
    DISPLAY=:95 .venv/bin/python docs/screenshots/take_hr_files.py --dark --suffix=-dark

Writes ``hr-roster-preview.png``, ``hr-roster-encoding.png``, ``hr-roster-sheet.png``,
``hr-roster-refused.png``, ``hr-names-preview.png`` and ``hr-names-words.png`` (a list
with entries that are ordinary words, one ticked to be left out; with the suffix); the files are
made-up exports (``tests/surveys/importing/hris_writers.py``) written to the temporary
folder's ``hr/Downloads`` (``/tmp/hr/Downloads``, emptied first and removed at the end), so
the paths the dialogs print read well and are the same at every run.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from desktop_app.screenshots import ROOT, command_line, save, spin, start


def _shoot(panel, path: Path, shot: Path, choose=None, names: bool = False) -> None:  # noqa: ANN001
    from desktop_app.hr_file_dialog import HrFileDialog

    dialog = panel.import_names(str(path)) if names else panel.import_roster(str(path))
    end = time.monotonic() + 30
    while time.monotonic() < end and dialog.reading():
        spin(0.1, rounds=0)
    if choose:
        choose(dialog)
        spin(0.3)
        while time.monotonic() < end and dialog.reading():
            spin(0.1, rounds=0)
    spin(0.5)
    assert isinstance(dialog, HrFileDialog)
    save(dialog, shot, rounds=0)
    dialog.reject()
    spin(0.2)


def _tick_last(dialog) -> None:
    """Tick the last entry that is a word ("Slow Rude"), as HR leaving it out would."""
    from PySide6.QtCore import Qt

    if dialog.words.count():
        dialog.words.item(dialog.words.count() - 1).setCheckState(Qt.Checked)


def _choose(combo_name: str, value: str):
    def choose(dialog) -> None:
        combo = getattr(dialog.read_choices, combo_name)
        index = combo.findData(value) if combo_name == "encoding" else combo.findText(value)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    return choose


def main() -> int:
    # A fixed, short place: the refused file's problems print its path, which reads well and
    # is the same at every run (a random /tmp/rapport-shots-… read as a test run).
    run = start(command_line(__doc__), fixed="hr")
    sys.path.insert(0, str(ROOT))
    downloads = run.temp / "Downloads"
    downloads.mkdir(parents=True)
    import openpyxl

    from desktop_app.main_window import MainWindow
    from surveys.store import create_workspace
    from tests.surveys.importing import hris_writers as hris

    create_workspace(run.temp / "ws", ["Sales", "IT", "Marketing", "Operations"])
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    window.open_workspace(str(run.temp / "ws"))
    window.show_section("settings")
    panel = window.panel("settings")
    spin(1.0)
    _shoot(panel, hris.workday(downloads), run.path("hr-roster-preview"))
    latin2 = downloads / "roster_latin2.csv"
    latin2.write_bytes("Department,Headcount\nSales,42\nŐrzés,8\n".encode("iso-8859-2"))
    _shoot(panel, latin2, run.path("hr-roster-encoding"), _choose("encoding", "iso8859-2"))
    book = openpyxl.Workbook()
    book.active.title = "Leavers"
    book.active.append(["Department", "Headcount"])
    book.active.append(["Sales", 3])
    current = book.create_sheet("Current staff")
    current.append(["Department", "Headcount"])
    for name, count in (("Sales", 41), ("IT", 19), ("Marketing", 12)):
        current.append([name, count])
    book.save(downloads / "headcount.xlsx")
    _shoot(
        panel,
        downloads / "headcount.xlsx",
        run.path("hr-roster-sheet"),
        _choose("sheet", "Current staff"),
    )
    two = downloads / "positions.csv"
    two.write_text(
        "Employee ID,Department,Status\nE1,Sales,Active\nE2,IT,Active\nE1,Marketing,Active\n"
        "E3,IT,Secondment\n",
        encoding="utf-8",
    )
    _shoot(panel, two, run.path("hr-roster-refused"))
    _shoot(panel, hris.adp(downloads), run.path("hr-names-preview"), names=True)
    staff = downloads / "staff_list.csv"  # a colleague's list with a joke row and a department
    staff.write_text(
        "Name\nAmara Okafor\nTomasz Nowak\nSlow Rude\nSales\nPriya Raman\n", encoding="utf-8"
    )
    _shoot(panel, staff, run.path("hr-names-words"), _tick_last, names=True)
    window.close()
    shutil.rmtree(run.temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
