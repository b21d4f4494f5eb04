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
made-up exports written to a temporary folder (``tests/surveys/importing/hris_writers.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def _spin(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _shoot(app, panel, path: Path, name: str, choose=None, names: bool = False) -> None:
    from desktop_app.hr_file_dialog import HrFileDialog

    dialog = panel.import_names(str(path)) if names else panel.import_roster(str(path))
    end = time.monotonic() + 30
    while time.monotonic() < end and dialog.reading():
        _spin(app, 0.1)
    if choose:
        choose(dialog)
        _spin(app, 0.3)
        while time.monotonic() < end and dialog.reading():
            _spin(app, 0.1)
    _spin(app, 0.5)
    assert isinstance(dialog, HrFileDialog)
    dialog.grab().save(str(HERE / name))
    dialog.reject()
    _spin(app, 0.2)


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
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")
    import openpyxl

    from desktop_app.app import apply_palette, make_application
    from desktop_app.main_window import MainWindow
    from surveys.store import create_workspace
    from tests.surveys.importing import hris_writers as hris

    create_workspace(temp / "ws", ["Sales", "IT", "Marketing", "Operations"])
    app = make_application()
    if args.dark:
        apply_palette(app, dark=True)
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    window.open_workspace(str(temp / "ws"))
    window.show_section("settings")
    panel = window.panel("settings")
    _spin(app, 1.0)
    _shoot(app, panel, hris.workday(temp), f"hr-roster-preview{args.suffix}.png")
    latin2 = temp / "roster_latin2.csv"
    latin2.write_bytes("Department,Headcount\nSales,42\nŐrzés,8\n".encode("iso-8859-2"))
    _shoot(
        app, panel, latin2, f"hr-roster-encoding{args.suffix}.png", _choose("encoding", "iso8859-2")
    )
    book = openpyxl.Workbook()
    book.active.title = "Leavers"
    book.active.append(["Department", "Headcount"])
    book.active.append(["Sales", 3])
    current = book.create_sheet("Current staff")
    current.append(["Department", "Headcount"])
    for name, count in (("Sales", 41), ("IT", 19), ("Marketing", 12)):
        current.append([name, count])
    book.save(temp / "headcount.xlsx")
    _shoot(
        app,
        panel,
        temp / "headcount.xlsx",
        f"hr-roster-sheet{args.suffix}.png",
        _choose("sheet", "Current staff"),
    )
    two = temp / "positions.csv"
    two.write_text(
        "Employee ID,Department,Status\nE1,Sales,Active\nE2,IT,Active\nE1,Marketing,Active\n"
        "E3,IT,Secondment\n",
        encoding="utf-8",
    )
    _shoot(app, panel, two, f"hr-roster-refused{args.suffix}.png")
    _shoot(app, panel, hris.adp(temp), f"hr-names-preview{args.suffix}.png", names=True)
    staff = temp / "staff_list.csv"  # a colleague's list with a joke row and a department
    staff.write_text(
        "Name\nAmara Okafor\nTomasz Nowak\nSlow Rude\nSales\nPriya Raman\n", encoding="utf-8"
    )
    _shoot(app, panel, staff, f"hr-names-words{args.suffix}.png", _tick_last, names=True)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
