"""The analysed HR window on a share that hangs: the pair page, the heatmap's bands, the
status bar, the kiosk count, the dialogs, the overdue actions and the themes wait off the
GUI thread and fill in once the share answers (the opening and the sections' own reads:
test_hung_share.py, which says how a read is made to hang).
"""

from __future__ import annotations

import time

import pytest

from desktop_app.main_window import MainWindow
from tests.desktop_app.slow_reads import (  # noqa: F401 (product_waits: autouse fixture)
    HANG,
    Ticks,
    hanging,
    open_patiently,
    patiently,
    product_waits,
    shown_window,
)


def _analysed(qtbot, demo_workspace) -> MainWindow:
    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    qtbot.waitUntil(lambda: window.context.result is not None, timeout=30000)
    return window


def test_a_pair_page_on_a_share_that_hangs_says_so_and_fills_in_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The pair page read its actions, comments and bands on the GUI thread: clicking a
    heatmap cell on a share that hangs froze the window."""
    from desktop_app import section_reads
    from desktop_app.panels import pair_page

    # The page says the folder is slow after 3 s (its read takes up to a second on a big
    # workspace); a tenth of that here.
    monkeypatch.setattr(section_reads, "SAY_SLOW_MS", 300)
    window = _analysed(qtbot, demo_workspace)
    with patiently():  # even on a loaded machine
        window.context.request_pair("Sales", "IT")
    page = window.pair_page
    qtbot.waitUntil(lambda: bool(page.comment_cards), timeout=10_000)  # a working share
    monkeypatch.setattr(pair_page, "read_pair", hanging(pair_page.read_pair, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.request_pair("IT", "Sales")
    assert time.monotonic() - started < 2.0
    before = ticks.count
    assert page.heading.text() == "IT → Sales"
    assert not page.columns.isVisible()  # Sales → IT's comments are not shown under it
    qtbot.waitUntil(lambda: "slow to answer" in page.waiting.text(), timeout=10_000)
    assert ticks.count > before and page.waiting.isVisible()
    assert window.share_label.isVisible() and "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: page.columns.isVisible(), timeout=5000)
    assert not page.waiting.isVisible()
    # the page's other reads, late on a loaded machine, may say so a moment longer
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10_000)
    assert page.summary.text().startswith("How IT rates Sales")
    assert page.actions.from_dept == "IT"


def test_the_heatmap_bands_on_a_share_that_hangs_come_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Relationships read the bands on the GUI thread when a setting was saved."""
    from desktop_app.context import Changes
    from desktop_app.panels import relationships_panel
    from surveys.model import Bands

    window = _analysed(qtbot, demo_workspace)
    window.show_section("relationships")
    panel = window.panel("relationships")
    monkeypatch.setattr(
        relationships_panel, "read_workspace_bands", hanging(lambda p: Bands(3.0, 4.5), gate)
    )
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(settings=True), None)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.caption.text(), timeout=10_000)
    assert ticks.count > before
    assert window.share_label.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: panel.model.bands == Bands(3.0, 4.5), timeout=5000)
    assert "slow" not in panel.caption.text() and not window.share_label.isVisible()
    assert "4.5" in panel.legend_labels[0][1].text()


def test_the_status_bar_participation_on_a_share_that_hangs_keeps_its_line(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The status bar's "N of M answered" was read on the GUI thread after every ingest."""
    from desktop_app.context import Changes
    from desktop_app.widgets import participation_status

    window = _analysed(qtbot, demo_workspace)
    label = window.participation_label
    qtbot.waitUntil(lambda: "answered" in label.text(), timeout=5000)
    shown = label.text()
    real = participation_status.read_wave_participation
    monkeypatch.setattr(participation_status, "read_wave_participation", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(responses=True), None)  # as after an ingest
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=10_000)
    assert ticks.count > before and label.text() == shown  # not emptied meanwhile
    assert "slow to answer" in window.share_label.text()
    gate.set()
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=5000)
    assert label.text() == shown


def test_the_kiosk_count_on_a_share_that_hangs_does_not_freeze_the_window(
    qtbot, workspace, monkeypatch, gate
):
    """Pulses counted the kiosk's sealed answers on the GUI thread after its read."""
    from surveys import kiosk

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    window.show_section("pulses")
    panel = window.panel("pulses")
    monkeypatch.setattr(kiosk, "has_kiosk", lambda path: True)
    monkeypatch.setattr(kiosk, "waiting_count", hanging(lambda folder: 3, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.reload()
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.waiting.text(), timeout=10_000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(lambda: panel.kiosk_label.isVisible(), timeout=5000)
    assert "3 sealed answers waiting" in panel.kiosk_label.text()


@pytest.mark.parametrize(
    ("module", "read", "opener", "place", "kind"),
    [
        ("panels.pulses_panel", "read_wave_dialog", "new_wave", "waiting", "WaveDialog"),
        ("programme_dialog", "read_programme_dialog", "edit", "summary", "ProgrammeDialog"),
    ],
)
def test_a_dialog_whose_read_hangs_opens_once_the_share_answers(
    qtbot, workspace, monkeypatch, gate, module, read, opener, place, kind
):
    """The New wave and Pulse programme dialogs read the workspace on the GUI thread as
    they opened: on a share that hangs, the click froze the window."""
    import importlib

    from PySide6.QtWidgets import QDialog

    window = shown_window(qtbot)
    open_patiently(window, workspace)
    window.show_section("pulses")
    panel = window.panel("pulses")
    owner = panel if opener == "new_wave" else panel.programme_box
    reads = importlib.import_module(f"desktop_app.{module}")
    monkeypatch.setattr(reads, read, hanging(getattr(reads, read), gate))
    ticks = Ticks()
    started = time.monotonic()
    assert getattr(owner, opener)() is None  # not yet
    assert time.monotonic() - started < 2.0
    before = ticks.count
    label = getattr(owner, place)
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=10_000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(lambda: "slow" not in label.text(), timeout=5000)
    dialog = next(d for d in owner.findChildren(QDialog) if type(d).__name__ == kind)
    assert dialog.isVisible()
    dialog.reject()


def test_the_overdue_actions_on_a_share_that_hangs_come_once_it_answers(
    qtbot, demo_workspace, monkeypatch, gate
):
    """The Overview's overdue actions were read on the GUI thread at each change of the
    actions: on a share that hangs, the window froze."""
    from desktop_app.context import Changes
    from desktop_app.widgets import overdue_actions
    from tests.desktop_app.test_action_tracking import _late_action

    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    box = window.panel("overview").overdue
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10000)
    _late_action(demo_workspace, 12)
    real = overdue_actions.overdue_actions
    monkeypatch.setattr(overdue_actions, "overdue_actions", hanging(real, gate))
    ticks = Ticks()
    started = time.monotonic()
    window.context.data_changed.emit(Changes(actions=True), None)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: window.share_label.isVisible(), timeout=10_000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(
        lambda: any("Tool requests" in row.accessibleName() for row in box.rows), timeout=5000
    )
    assert box.isVisible() and not window.share_label.isVisible()


def _open_pair(window):
    window.show_section("relationships")
    window.open_pair("Sales", "IT")
    return window.pair_page


@pytest.mark.parametrize(
    ("where", "click", "place"),
    [
        ("actions", lambda w: w.panel("actions").add_button, lambda w: w.panel("actions").empty),
        ("pair", lambda w: w.pair_page.actions.add_action, lambda w: w.pair_page.actions.waiting),
    ],
    ids=["actions section", "pair page"],
)
def test_the_action_dialog_whose_read_hangs_opens_once_the_share_answers(
    qtbot, demo_workspace, monkeypatch, gate, where, click, place
):
    """The action dialog read the departments and waves on the GUI thread as it opened: on
    a share that hangs, "Add…" froze the window."""
    from PySide6.QtCore import Qt

    from desktop_app.action_dialog import ActionDialog
    from surveys import waves

    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    if where == "actions":
        window.show_section("actions")
    else:
        _open_pair(window)
    qtbot.waitUntil(lambda: not window.share_label.isVisible(), timeout=10000)
    label = place(window)
    said = label.text()
    monkeypatch.setattr(waves, "wave_names", hanging(waves.wave_names, gate))
    ticks = Ticks()
    started = time.monotonic()
    qtbot.mouseClick(click(window), Qt.LeftButton)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in label.text(), timeout=10_000)
    assert ticks.count > before and window.share_label.isVisible()
    gate.set()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(ActionDialog)), timeout=5000
    )
    assert label.text() == said
    dialog = next(d for d in window.findChildren(ActionDialog) if d.isVisible())
    assert dialog.from_box.count() > 1 and dialog.wave_box.count() > 1
    dialog.reject()


def test_a_theme_chosen_on_a_share_that_hangs_shows_its_detail_once_it_answers(
    qtbot, open_panel, monkeypatch, gate
):
    """Choosing a theme read the workspace three times on the GUI thread (keys, size per
    pair, keywords): on a share that hangs, each row chosen froze the window."""
    from desktop_app.panels.themes_panel import ThemesPanel
    from surveys import store

    panel = open_panel(ThemesPanel)
    with patiently():  # the first theme's detail read at once, even on a loaded machine
        panel.show_result(panel.context.result)
    assert panel.themes.rowCount() > 1 and panel.pairs.rowCount() > 0
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    ticks = Ticks()
    started = time.monotonic()
    panel.themes.selectRow(1)
    assert time.monotonic() - started < 2.0
    before = ticks.count
    said = panel.status.text()
    qtbot.waitUntil(lambda: "slow to answer" in panel.status.text(), timeout=10_000)
    assert ticks.count > before and panel.pairs.rowCount() == 0  # not the other theme's
    gate.set()
    qtbot.waitUntil(lambda: panel.pairs.rowCount() > 0, timeout=5000)
    assert panel.status.text() == said


def test_the_themes_editor_whose_read_hangs_opens_once_the_share_answers(
    qtbot, open_panel, monkeypatch, gate
):
    """The themes editor read the taxonomy on the GUI thread as it opened."""
    from desktop_app.panels.themes_panel import ThemesPanel
    from desktop_app.taxonomy_dialog import TaxonomyDialog
    from surveys import store

    panel = open_panel(ThemesPanel)
    monkeypatch.setattr(store, "open_workspace", hanging(store.open_workspace, gate))
    ticks = Ticks()
    started = time.monotonic()
    assert panel.edit_taxonomy() is None  # not yet
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.waitUntil(lambda: "slow to answer" in panel.status.text(), timeout=10_000)
    assert ticks.count > before
    gate.set()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in panel.findChildren(TaxonomyDialog)), timeout=5000
    )
    dialog = next(d for d in panel.findChildren(TaxonomyDialog) if d.isVisible())
    assert dialog.list.count() > 0
    dialog.reject()


def test_the_action_dialog_whose_read_answers_after_a_workspace_switch_does_not_open(
    qtbot, demo_workspace, tmp_path, monkeypatch, gate
):
    """Edit… on a share that hangs, then another workspace opened: the dialog opened
    late over the new workspace with the previous one's action (its id, its pair), and
    Save overwrote the action with that id in the new workspace."""
    import shutil

    from PySide6.QtCore import Qt

    from desktop_app import action_dialog
    from desktop_app.action_dialog import ActionDialog

    other = tmp_path / "other"
    shutil.copytree(demo_workspace, other)
    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    window.show_section("actions")
    panel = window.panel("actions")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
    real = action_dialog.read_action_choices
    monkeypatch.setattr(action_dialog, "read_action_choices", hanging(real, gate))
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.edit_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "slow to answer" in panel.empty.text(), timeout=10_000)
    open_patiently(window, other)
    gate.set()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
    qtbot.wait(500)  # the late answer has come by now
    assert not any(d.isVisible() for d in window.findChildren(ActionDialog))
    assert "slow to answer" not in panel.empty.text()


def test_the_pair_pages_action_dialog_asked_on_another_pair_does_not_open_late(
    qtbot, demo_workspace, monkeypatch, gate
):
    """Add another action… on a share that hangs, then another pair opened: the dialog
    opened late over the new pair's page, pre-filled with the previous pair."""
    from PySide6.QtCore import Qt

    from desktop_app import action_dialog
    from desktop_app.action_dialog import ActionDialog

    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    page = _open_pair(window)
    qtbot.waitUntil(lambda: page.actions.from_dept == "Sales", timeout=10000)
    real = action_dialog.read_action_choices
    monkeypatch.setattr(action_dialog, "read_action_choices", hanging(real, gate))
    qtbot.mouseClick(page.actions.add_action, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.actions.waiting.isVisible(), timeout=10_000)
    window.open_pair("Marketing", "Operations")
    qtbot.waitUntil(lambda: page.actions.from_dept == "Marketing", timeout=10000)
    assert not page.actions.waiting.isVisible()
    gate.set()
    qtbot.wait(500)  # the late answer has come by now
    assert not any(d.isVisible() for d in window.findChildren(ActionDialog))
