"""The welcome page: its heading, text and buttons stay together, recent workspaces or not."""

from __future__ import annotations

from desktop_app.widgets.welcome import WelcomePage


def _top(page: WelcomePage, widget) -> int:  # noqa: ANN001
    return widget.mapTo(page, widget.rect().topLeft()).y()


def test_without_recent_workspaces_the_buttons_sit_under_the_text(qtbot) -> None:  # noqa: ANN001
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_recent([])
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    line = page.fontMetrics().height()
    # they were spread down the page, the buttons 400 pixels under the heading
    assert _top(page, page.new_button) < 12 * line
    assert page.new_button.y() == page.demo_button.y()


def test_recent_workspaces_take_the_room_under_the_buttons(qtbot, tmp_path) -> None:  # noqa: ANN001
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_recent([str(tmp_path / "northwind"), str(tmp_path / "riverside")])
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.recent.isVisible()
    assert page.recent.height() > page.height() / 2


def test_one_click_on_a_recent_workspace_opens_it(qtbot, tmp_path) -> None:  # noqa: ANN001
    """A single click did nothing (the list wanted a double click)."""
    from PySide6.QtCore import Qt

    page = WelcomePage()
    qtbot.addWidget(page)
    paths = [str(tmp_path / "northwind"), str(tmp_path / "riverside")]
    page.set_recent(paths)
    page.show()
    qtbot.waitExposed(page)
    where = page.recent.visualItemRect(page.recent.item(1)).center()
    with qtbot.waitSignal(page.recent_chosen) as chosen:
        qtbot.mouseClick(page.recent.viewport(), Qt.LeftButton, pos=where)
    assert chosen.args == [paths[1]]
    page.hide()  # the workspace opened: the double click's activation opens nothing more
    seen = []
    page.recent_chosen.connect(seen.append)
    page.recent.itemActivated.emit(page.recent.item(1))
    assert seen == []
    assert page.recent.item(1).toolTip() == f"Open {paths[1]}"
