"""Export dialog: choose a format and a destination, export as a job, see where it went."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.context import WorkspaceContext
from desktop_app.export_dialog import ExportDialog
from surveys.store import open_workspace


def _dialog(demo_workspace, demo_result, qtbot) -> ExportDialog:
    context = WorkspaceContext()
    context.open(demo_workspace)
    context.result = demo_result
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_dialog_writes_a_deck(demo_workspace, demo_result, tmp_path, qtbot) -> None:
    from pptx import Presentation

    dialog = _dialog(demo_workspace, demo_result, qtbot)
    assert dialog.radios["pptx"].isChecked()
    target = tmp_path / "out" / "northwind"
    target.parent.mkdir()
    dialog.destination.setText(str(target))
    progressed = []
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    dialog.job.progressed.connect(lambda f, m: progressed.append(f))
    with qtbot.waitSignal(dialog.job.finished, timeout=60000):
        pass
    deck = tmp_path / "out" / "northwind.pptx"
    assert dialog.message.text() == f"Wrote {deck}."
    assert dialog.open_button.isVisible()
    assert progressed and max(progressed) > 0.5
    slides = Presentation(str(deck)).slides
    assert len(slides) >= 5
    db = open_workspace(demo_workspace)
    logged = db.execute("SELECT kind, path FROM export_log").fetchall()
    db.close()
    assert ("pptx", str(deck)) in [(k, p) for k, p in logged]
    dialog.context.shutdown()


def test_switching_format_changes_the_suffix_and_csv_writes_files(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.destination.setText(str(tmp_path / "report.pptx"))
    dialog.radios["xlsx"].setChecked(True)
    assert dialog.destination.text() == str(tmp_path / "report.xlsx")
    dialog.radios["csv"].setChecked(True)
    assert dialog.destination.text() == str(tmp_path / "report-csv")
    job = dialog.start()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    written = sorted(p.name for p in (tmp_path / "report-csv").glob("*.csv"))
    assert written and "Wrote" in dialog.message.text()
    dialog.context.shutdown()


def test_an_unwritable_destination_is_said_before_any_work(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.destination.setText(str(tmp_path / "missing" / "deck.pptx"))
    assert dialog.start() is None
    assert "missing" in dialog.message.text() and dialog.job is None
    dialog.context.shutdown()


def test_hotspot_slides_are_chosen_in_the_dialog(demo_workspace, demo_result, tmp_path, qtbot):
    from pptx import Presentation

    dialog = _dialog(demo_workspace, demo_result, qtbot)
    spin = dialog.hotspots
    assert (spin.value(), spin.minimum(), spin.maximum()) == (4, 0, 5)
    dialog.radios["xlsx"].setChecked(True)
    assert not spin.isEnabled()  # only the deck has hotspot slides
    dialog.radios["pptx"].setChecked(True)
    assert spin.isEnabled()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "1")
    qtbot.keyClick(spin, Qt.Key_Tab)
    assert spin.value() == 1
    dialog.destination.setText(str(tmp_path / "one.pptx"))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    with qtbot.waitSignal(dialog.job.finished, timeout=60000):
        pass
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "one.pptx")).slides]
    assert [t for t in titles if t.startswith("Hotspot ") and ":" in t] == ["Hotspot 1: Sales → IT"]
    dialog.context.shutdown()


def test_an_existing_deck_is_replaced_only_once_the_analyst_says_so(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    from pptx import Presentation

    deck = tmp_path / "findings.pptx"
    deck.write_bytes(b"the deck the analyst edited in PowerPoint")
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.destination.setFocus()
    dialog.destination.selectAll()
    qtbot.keyClicks(dialog.destination, str(deck))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert dialog.job is None  # nothing started...
    assert deck.read_bytes() == b"the deck the analyst edited in PowerPoint"
    assert dialog.message.text().startswith("findings.pptx already exists (written ")
    assert "Press Replace to write over it, or choose another name." in dialog.message.text()
    assert dialog.export_button.text() == "&Replace"
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)  # ...until the analyst says so
    with qtbot.waitSignal(dialog.job.finished, timeout=60000):
        pass
    assert dialog.message.text() == f"Wrote {deck}."
    assert len(Presentation(str(deck)).slides) >= 5
    assert dialog.export_button.text() == "&Export"
    dialog.context.shutdown()


def test_choosing_another_name_after_the_question_does_not_replace_the_first(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    first = tmp_path / "findings.xlsx"
    first.write_bytes(b"kept")
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.radios["xlsx"].setChecked(True)
    dialog.destination.setText(str(first))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "already exists" in dialog.message.text()
    dialog.destination.setText(str(tmp_path / "findings-2.xlsx"))
    assert dialog.export_button.text() == "&Export"
    dialog.destination.setText(str(first))  # back to the first name: asked again
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert dialog.job is None and first.read_bytes() == b"kept"
    dialog.context.shutdown()


def test_enter_closes_the_dialog_once_the_export_is_written(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.radios["csv"].setChecked(True)
    dialog.destination.setText(str(tmp_path / "report-csv"))
    assert dialog.export_button.isDefault()
    job = dialog.start()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert dialog.cancel_button.text() == "Close" and dialog.cancel_button.isDefault()
    assert not dialog.export_button.isDefault()
    # Enter used to press Export again, writing the files a second time.
    qtbot.keyClick(dialog.destination, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == ExportDialog.Rejected and dialog.job is None
    dialog.context.shutdown()


def test_a_new_name_after_an_export_makes_export_the_default_again(
    demo_workspace, demo_result, tmp_path, qtbot
) -> None:
    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.radios["csv"].setChecked(True)
    dialog.destination.setText(str(tmp_path / "report-csv"))
    job = dialog.start()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    dialog.destination.setText(str(tmp_path / "other-csv"))
    assert dialog.export_button.isDefault() and not dialog.cancel_button.isDefault()
    dialog.context.shutdown()


def test_the_file_is_named_after_the_organisation_and_the_wave(
    demo_workspace, demo_result, qtbot
) -> None:
    """Leaders receive the deck: "rapport-2026-10.pptx" named the tool, not who it is about."""
    from dataclasses import replace
    from pathlib import Path

    dialog = _dialog(demo_workspace, demo_result, qtbot)
    assert Path(dialog.destination.text()).name == "Northwind Diagnostics 2026-10.pptx"
    dialog.radios["xlsx"].setChecked(True)
    assert Path(dialog.destination.text()).name == "Northwind Diagnostics 2026-10.xlsx"
    dialog.context.result = replace(demo_result, organisation='R&D: "North/South"')
    dialog.destination.clear()
    dialog.radios["pptx"].setChecked(True)
    assert Path(dialog.destination.text()).name == "R&D North South 2026-10.pptx"
    dialog.context.shutdown()


def test_a_csv_folder_that_cannot_be_created_is_said_not_raised(
    demo_workspace, demo_result, tmp_path, qtbot, monkeypatch
) -> None:
    """The CSV folder was created after the check with a bare ``mkdir``: a share gone (or
    made read-only) in between raised its OSError into the window."""
    import analysis.export

    dialog = _dialog(demo_workspace, demo_result, qtbot)
    dialog.radios["csv"].setChecked(True)
    target = tmp_path / "gone" / "report-csv"
    dialog.destination.setText(str(target))
    monkeypatch.setattr(analysis.export, "check_outputs", lambda **_kw: None)  # passed then
    assert dialog.start() is None
    assert dialog.job is None and not target.exists()
    said = dialog.message.text()
    assert f"Cannot create {target}" in said and "choose a folder you can write to" in said
    dialog.context.shutdown()
