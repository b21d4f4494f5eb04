"""The Pulses section's writes on a share that hangs (the file server gone: calls block
for tens of seconds) or fails: a draft wave saved, a survey template loaded. The window
keeps processing events, the dialog waits with "Saving…" above its buttons, and a write
that fails is said in words with what was chosen kept.

The hang is the real write made to wait on an Event (see test_hung_share.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from surveys import store
from tests.desktop_app.slow_reads import (
    failing_open,
    hanging,
    open_patiently,
    responsive,
    shown_window,
)

BUILT_IN = Path(__file__).parents[2] / "surveys" / "templates" / "liaison-check.yaml"


def _template(tmp_path: Path) -> str:
    """A template of our own (the built-in one under another key and title)."""
    text = BUILT_IN.read_text(encoding="utf-8")
    text = text.replace("key: liaison-check", "key: our-liaison")
    text = text.replace("title: Liaison check", "title: Our liaison check")
    out = tmp_path / "ours.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


def _wave_names(folder: Path) -> list[str]:
    from surveys.waves import wave_names

    db = store.open_workspace(folder)
    try:
        return list(wave_names(db))
    finally:
        db.close()


def _wave_dialog(qtbot, folder: Path, product_wait):
    """A window on ``folder`` with its New wave dialog open, and the product's wait."""
    window = shown_window(qtbot)
    assert window.open_workspace(str(folder))
    window.show_section("pulses")
    window.panel("pulses").programme_box.runner.first_check.stop()  # its own read: not here
    dialog = window.panel("pulses").new_wave()
    assert dialog is not None
    dialog.name_edit.setText("slow-share wave")
    product_wait()
    return window, dialog


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def test_a_draft_wave_saved_on_a_share_that_hangs_waits_with_saving(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Create draft wrote on the GUI thread: on a share that hangs, the window froze."""
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, dialog.accept)
    assert dialog.isVisible() and not _ok(dialog).isEnabled()
    assert not dialog.load_button.isEnabled()
    assert dialog.error.text().startswith("Saving… the workspace's folder is slow")
    assert window.share_label.text().startswith("Saving to the workspace… its folder is slow")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    assert dialog.created is not None and dialog.created.name == "slow-share wave"
    monkeypatch.undo()
    assert "slow-share wave" in _wave_names(workspace)
    status = window.panel("pulses").status.text()
    assert status == "Wave slow-share wave saved as a draft. Publish it when ready."


def test_a_draft_wave_that_cannot_be_saved_says_why_and_keeps_the_form(
    qtbot, workspace, monkeypatch, product_wait
):
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    text = dialog.error.text()
    assert dialog.isVisible() and text.startswith("Not saved: ")
    assert f"Reading or writing the workspace {workspace} failed" in text
    assert text.endswith("What you chose or typed is kept for another try.")
    assert dialog.name_edit.text() == "slow-share wave" and _ok(dialog).isEnabled()
    monkeypatch.undo()
    assert "slow-share wave" not in _wave_names(workspace)


def test_a_wave_dialog_closed_while_it_saves_still_saves_the_wave(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    dialog.reject()  # the first Cancel says that the save goes on
    assert dialog.isVisible() and dialog.error.text().startswith("Still saving…")
    assert dialog.buttons.button(QDialogButtonBox.Cancel).text() == "&Close"
    dialog.reject()
    assert not dialog.isVisible()
    with qtbot.waitSignal(window.context.data_changed, timeout=15000):
        gate.set()
    monkeypatch.undo()
    assert "slow-share wave" in _wave_names(workspace)
    assert not dialog.isVisible()


def test_a_wave_dialog_closed_while_its_save_fails_opens_again(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(failing_open, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    assert not dialog.isVisible()
    gate.set()
    qtbot.waitUntil(dialog.isVisible, timeout=15000)
    assert dialog.error.text().startswith("Not saved: ")
    assert dialog.name_edit.text() == "slow-share wave"


def test_a_draft_wave_saved_as_another_workspace_opens_lands_in_its_own(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    """The write goes to the workspace the dialog was opened on, never the next one."""
    other = _other(workspace, tmp_path)
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    dialog.accept()
    monkeypatch.setattr(store, "open_workspace", real_open)  # the next one answers
    open_patiently(window, other)
    qtbot.waitUntil(lambda: window.context.path == other, timeout=15000)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert "slow-share wave" in _wave_names(workspace)
    assert "slow-share wave" not in _wave_names(other)


def _other(workspace: Path, tmp_path: Path) -> Path:
    import shutil

    other = tmp_path / "other"
    shutil.copytree(workspace, other, ignore=shutil.ignore_patterns("rapport.lock"))
    return other


def test_a_wave_dialog_open_as_another_workspace_opens_closes_and_never_saves_into_it(
    qtbot, workspace, tmp_path, product_wait
):
    """An open that answered late (a share that hung) changed the workspace under the
    modal dialog: it stayed open, and its Save wrote the first workspace's form into the
    second."""
    other = _other(workspace, tmp_path)
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    open_patiently(window, other)
    assert window.context.path == other and not dialog.isVisible()
    dialog.accept()  # an Enter that came as it closed
    assert not dialog.writes.running()
    assert "slow-share wave" not in _wave_names(other)
    assert "slow-share wave" not in _wave_names(workspace)


def test_a_wave_dialog_saving_as_another_workspace_opens_closes_and_its_save_ends(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    other = _other(workspace, tmp_path)
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    dialog.accept()
    monkeypatch.setattr(store, "open_workspace", real_open)  # the next one answers
    open_patiently(window, other)
    qtbot.waitUntil(lambda: window.context.path == other, timeout=15000)
    assert not dialog.isVisible()  # it said "Saving…" on the next workspace
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert not dialog.isVisible()
    assert "slow-share wave" in _wave_names(workspace)
    assert "slow-share wave" not in _wave_names(other)


def test_a_template_loaded_on_a_share_that_hangs_waits_with_saving(
    qtbot, workspace, tmp_path, monkeypatch, gate, product_wait
):
    """Load template… wrote (and read the templates again) on the GUI thread."""
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, lambda: dialog.load_template(_template(tmp_path)))
    assert not dialog.load_button.isEnabled() and not _ok(dialog).isEnabled()
    assert dialog.error.text().startswith("Saving… the workspace's folder is slow")
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert dialog.error.text() == "Loaded “Our liaison check” into this workspace."
    assert dialog.template_box.currentData() == "our-liaison"
    assert dialog.load_button.isEnabled() and _ok(dialog).isEnabled()


def test_a_template_that_cannot_be_loaded_says_why(
    qtbot, workspace, tmp_path, monkeypatch, product_wait
):
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    assert not dialog.load_template(_template(tmp_path))
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert dialog.error.text().startswith("Not saved: ")
    assert dialog.load_button.isEnabled()


def _programme_box(qtbot, folder: Path, product_wait):
    window = shown_window(qtbot)
    assert window.open_workspace(str(folder))
    window.show_section("pulses")
    box = window.panel("pulses").programme_box
    box.runner.first_check.stop()  # its own read: not here
    product_wait()
    return window, box


def _programme(folder: Path):  # noqa: ANN202 - a Programme or None
    from surveys.programme import load_programme

    db = store.open_workspace(folder)
    try:
        return load_programme(db)
    finally:
        db.close()


def test_a_programme_saved_on_a_share_that_hangs_waits_with_saving(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """The programme dialog's Save wrote on the GUI thread: the window froze."""
    window, box = _programme_box(qtbot, workspace, product_wait)
    dialog = box.edit()
    assert dialog is not None
    dialog.days_spin.setValue(5)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, dialog.accept)
    save = dialog.buttons.button(QDialogButtonBox.Save)
    assert dialog.isVisible() and not save.isEnabled()
    assert dialog.error.text().startswith("Saving… the workspace's folder is slow")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    monkeypatch.undo()
    assert _programme(workspace).days_open == 5


def test_a_programme_that_cannot_be_saved_says_why_and_keeps_the_form(
    qtbot, workspace, monkeypatch, product_wait
):
    window, box = _programme_box(qtbot, workspace, product_wait)
    dialog = box.edit()
    dialog.days_spin.setValue(5)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert dialog.isVisible() and dialog.error.text().startswith("Not saved: ")
    assert dialog.days_spin.value() == 5
    monkeypatch.undo()
    assert _programme(workspace) is None


def test_the_programme_paused_on_a_share_that_hangs_says_so_in_its_summary(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Pause wrote on the GUI thread: the window froze."""
    from datetime import date

    from desktop_app.context import Changes
    from surveys.programme import Programme, save_programme

    db = store.open_workspace(workspace)
    save_programme(db, Programme("monthly", 10, "short-pulse", date.today().isoformat()))
    db.close()
    window, box = _programme_box(qtbot, workspace, product_wait)
    window.context.data_changed.emit(Changes(waves=True), None)
    qtbot.waitUntil(lambda: box.pause_button.isEnabled(), timeout=15000)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, box.pause_button.click)
    assert box.summary.text().startswith("Saving… the workspace's folder is slow")
    assert not box.pause_button.isEnabled() and not box.set_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: box.pause_button.text() == "Resu&me", timeout=15000)
    monkeypatch.undo()
    assert _programme(workspace).paused is not None


def test_a_wave_dialog_closed_while_its_save_fails_then_the_workspace_closed(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """The dialog goes with its section when the workspace closes; its failed save is
    said by the window."""
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(failing_open, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    lost: list[str] = []
    window.context.write_lost.connect(lost.append)
    window.close_workspace()
    from shiboken6 import isValid

    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5000)  # with its old section
    gate.set()
    qtbot.waitUntil(lambda: bool(lost), timeout=15000)
    assert lost[0].startswith(f"A change to the workspace in {workspace} was not saved")
    qtbot.wait(200)


def test_the_programme_dialog_asked_for_again_while_it_saves_is_the_one_saving(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """Set up… while the dialog closed meanwhile still saved opened another, read before
    the first save landed (its Save put the old programme back over it)."""
    window, wave_dialog = _wave_dialog(qtbot, workspace, product_wait)
    wave_dialog.reject()
    box = window.panel("pulses").programme_box
    dialog = box.edit()
    assert dialog is not None
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    assert not dialog.isVisible()
    assert box.edit() is dialog
    assert dialog.isVisible() and dialog.error.text().startswith("Saving…")
    assert dialog.buttons.button(QDialogButtonBox.Cancel).text() == "Cancel"
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    assert not dialog.isVisible()


def test_new_wave_asked_for_again_while_the_closed_dialog_saves_is_that_dialog(
    qtbot, workspace, monkeypatch, gate, product_wait
):
    """New wave… while the dialog HR closed still saved opened a second one, read before
    the first wave was saved (the same name typed again failed, or a second wave)."""
    window, dialog = _wave_dialog(qtbot, workspace, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    assert not dialog.isVisible()
    assert window.panel("pulses").new_wave() is dialog
    assert dialog.isVisible() and dialog.error.text().startswith("Saving…")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    assert not dialog.isVisible()
