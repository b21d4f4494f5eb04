"""The themes editor's Save on a share that hangs (the file server gone: calls block for
tens of seconds) or fails: the window keeps processing events, the editor waits with
"Saving…" above its buttons, Cancel says that the save goes on, and a save that fails is
said in words with the form kept. The hang: see test_hung_share.py."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.panels.themes_panel import ThemesPanel
from surveys import store
from tests.desktop_app.slow_reads import failing_open, hanging, responsive


def _stored(folder) -> str | None:  # noqa: ANN001
    db = store.open_workspace(folder)
    try:
        return store.get_setting(db, "taxonomy_yaml")
    finally:
        db.close()


def _editor(open_panel, qtbot, product_wait):  # noqa: ANN001, ANN202
    """The themes editor, one theme renamed; the re-analysis after Save only counted."""
    panel = open_panel(ThemesPanel)
    reanalysed: list[bool] = []
    panel.reanalyse = lambda: reanalysed.append(True)
    dialog = panel.edit_taxonomy()
    dialog.list.setCurrentRow(0)
    dialog.rename_theme()
    qtbot.keyClicks(dialog.name_edit, "Speed of response")  # replaces the selected name
    product_wait()
    return dialog, reanalysed


def _save(dialog):  # noqa: ANN001, ANN202
    return dialog.buttons.button(QDialogButtonBox.Save)


def test_themes_saved_on_a_share_that_hangs_wait_with_saving(
    open_panel, demo_workspace, qtbot, monkeypatch, gate, product_wait
):
    """Save and re-analyse wrote the taxonomy on the GUI thread: the window froze."""
    dialog, reanalysed = _editor(open_panel, qtbot, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    responsive(qtbot, dialog.accept)
    assert dialog.isVisible() and not _save(dialog).isEnabled()
    assert dialog.problems.text().startswith("Saving… the workspace's folder is slow")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    monkeypatch.undo()
    assert dialog.saved and reanalysed == [True]
    assert "Speed of response" in _stored(demo_workspace)


def test_themes_editor_closed_while_it_saves_still_saves_and_reanalyses(
    open_panel, demo_workspace, qtbot, monkeypatch, gate, product_wait
):
    dialog, reanalysed = _editor(open_panel, qtbot, product_wait)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    dialog.reject()
    assert dialog.isVisible() and dialog.problems.text().startswith("Still saving…")
    dialog.reject()
    assert not dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: reanalysed == [True], timeout=15000)
    monkeypatch.undo()
    assert "Speed of response" in _stored(demo_workspace)


def test_themes_that_cannot_be_saved_say_why_and_keep_the_form(
    open_panel, demo_workspace, qtbot, monkeypatch, product_wait
):
    dialog, reanalysed = _editor(open_panel, qtbot, product_wait)
    before = _stored(demo_workspace)
    monkeypatch.setattr(store, "open_workspace", failing_open)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    text = dialog.problems.text()
    assert dialog.isVisible() and text.startswith("Not saved: ")
    assert f"Reading or writing the workspace {demo_workspace} failed" in text
    assert dialog.name_edit.text() == "Speed of response" and _save(dialog).isEnabled()
    monkeypatch.undo()
    assert _stored(demo_workspace) == before and reanalysed == []


def test_the_themes_editor_asked_for_again_while_it_saves_is_the_one_saving(
    open_panel, demo_workspace, qtbot, monkeypatch, gate, product_wait
):
    """Edit themes… while the editor closed meanwhile still saved opened a second one,
    read before the first save landed: its Save put the old themes back over it."""
    dialog, reanalysed = _editor(open_panel, qtbot, product_wait)
    panel = dialog.parent()
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    assert not dialog.isVisible()
    assert panel.edit_taxonomy() is dialog
    assert dialog.isVisible() and dialog.problems.text().startswith("Saving…")
    assert dialog.name_edit.text() == "Speed of response"
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        gate.set()
    monkeypatch.undo()
    assert not dialog.isVisible() and reanalysed == [True]
    assert "Speed of response" in _stored(demo_workspace)


def test_the_themes_editor_saving_into_another_workspace_is_not_shown_again(
    open_panel, demo_workspace, tmp_path, qtbot, monkeypatch, gate, product_wait
):
    import shutil

    other = tmp_path / "other"
    shutil.copytree(demo_workspace, other, ignore=shutil.ignore_patterns("rapport.lock"))
    dialog, _reanalysed = _editor(open_panel, qtbot, product_wait)
    panel = dialog.parent()
    real_open = store.open_workspace
    monkeypatch.setattr(store, "open_workspace", hanging(real_open, gate))
    dialog.accept()
    dialog.reject()
    dialog.reject()
    monkeypatch.setattr(store, "open_workspace", real_open)  # the next one answers
    panel.context.open(other)
    again = panel.edit_taxonomy()
    assert again is not dialog and not dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.writes.running(), timeout=15000)
    assert "Speed of response" in _stored(demo_workspace)
    assert "Speed of response" not in (_stored(other) or "")
