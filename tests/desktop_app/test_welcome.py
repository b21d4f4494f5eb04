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
