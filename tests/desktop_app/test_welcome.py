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


def test_the_recent_list_is_as_tall_as_its_rows_and_scrolls_beyond_eight(qtbot, tmp_path) -> None:  # noqa: ANN001, E501
    """It stretched over the whole page: a tall empty box under two paths, the room under
    the buttons spent on white."""
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_recent([str(tmp_path / "northwind"), str(tmp_path / "riverside")])
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.recent.isVisible()
    row = page.recent.sizeHintForRow(0)
    assert page.recent.height() <= 2 * row + 2 * page.recent.frameWidth() + 4
    # the Remove button sits right under the list, not at the foot of the page
    assert page.remove_button.y() - page.recent.geometry().bottom() < row
    page.set_recent([str(tmp_path / f"workspace {n}") for n in range(12)])
    qtbot.waitUntil(lambda: page.recent.height() > 7 * row)
    assert page.recent.height() <= 8 * row + 2 * page.recent.frameWidth() + 4
    assert page.recent.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    assert page.recent.width() < page.width() - 96  # lines one can read, not 1,000 px


def test_an_unreachable_workspace_stays_listed_says_why_and_can_be_removed(qtbot, tmp_path) -> None:  # noqa: ANN001, E501
    from PySide6.QtCore import Qt

    there = tmp_path / "there"
    there.mkdir()
    (there / "rapport.db").write_bytes(b"")
    gone = tmp_path / "share" / "northwind"
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_recent([str(gone), str(there)])
    page.show()
    qtbot.waitUntil(lambda: "unavailable" in page.recent.item(0).text())
    assert page.recent.item(0).text() == f"{gone}  (unavailable: not found)"
    assert "connect the network drive" in page.recent.item(0).toolTip()
    assert page.recent.item(1).text() == str(there)
    # the share is back: the page says so without being left
    gone.mkdir(parents=True)
    (gone / "rapport.db").write_bytes(b"")
    page.check_recent()
    qtbot.waitUntil(lambda: page.recent.item(0).text() == str(gone))
    assert page.recent.item(0).toolTip() == f"Open {gone}"
    # Delete (or the button) takes one off the list
    removed = []
    page.recent_removed.connect(removed.append)
    page.recent.setFocus()
    page.recent.setCurrentRow(0)
    qtbot.keyClick(page.recent, Qt.Key_Delete)
    assert removed == [str(gone)] and page.paths() == [str(there)]
    qtbot.mouseClick(page.remove_button, Qt.LeftButton)
    assert removed == [str(gone), str(there)] and not page.recent.isVisible()


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


def test_a_folder_name_with_tags_is_a_plain_tooltip(qtbot, tmp_path) -> None:  # noqa: ANN001
    """A colleague's folder on the share named '<b>north' (tooltips guess HTML from a
    tag, as labels did): the recent list's tooltips show it as written; so does the
    passphrase dialog's elided path."""
    from PySide6 import QtGui
    from PySide6.QtGui import QTextDocumentFragment

    from desktop_app.widgets.elided_label import ElidedLabel

    def shown(tip: str) -> str:  # as Qt's tooltip reads it
        if QtGui.Qt.mightBeRichText(tip):
            return QTextDocumentFragment.fromHtml(tip).toPlainText()
        return tip

    marked = tmp_path / "<b>north"
    marked.mkdir()
    (marked / "rapport.db").write_bytes(b"")
    gone = tmp_path / "<i>gone"
    page = WelcomePage()
    qtbot.addWidget(page)
    page.set_recent([str(marked), str(gone)])
    page.show()
    qtbot.waitUntil(lambda: "unavailable" in page.recent.item(1).text())
    assert shown(page.recent.item(0).toolTip()) == f"Open {marked}"
    assert shown(page.recent.item(1).toolTip()).startswith(f"{gone}\n")
    label = ElidedLabel(str(marked))
    qtbot.addWidget(label)
    assert shown(label.toolTip()) == str(marked)


def test_the_welcome_page_points_a_newcomer_to_the_guide_which_f1_opens(qtbot) -> None:  # noqa: ANN001
    """Nothing on the first screen said where the first steps are explained."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from desktop_app.help_dialogs import UserGuideDialog
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    intro = window.findChild(QLabel, "welcomeIntro")
    assert intro is not None and intro.isVisible()
    assert intro.text().endswith(
        "New to Rapport? The user guide (F1) walks through a first pulse step by step."
    )
    qtbot.keyClick(window, Qt.Key_F1)  # from the welcome page, no workspace open
    assert isinstance(window.guide, UserGuideDialog) and window.guide.isVisible()
    assert "Your first pulse, step by step" in window.guide.browser.toPlainText()
