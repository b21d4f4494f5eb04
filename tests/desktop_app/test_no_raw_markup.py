"""Every label the HR window shows on the demo reads as text: none shows markup as written.

Labels are plain text unless they ask for rich text (desktop_app/widgets/plain_labels.py,
the fifth hostile round). A label that builds markup ("<b>7 days overdue</b>") but forgot
to ask for rich text would now show its tags; the demo's data holds no "<", so any tag a
plain label shows is such a slip.
"""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.desktop_app.hr_helpers import open_window

TAG = re.compile(r"</?(b|i|u|a|br|p|span|div|table|tr|td|h\d|small|big|font|ul|li)\b", re.I)


def _raw_markup(window) -> list[str]:
    QApplication.processEvents()
    return [
        f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:80]}"
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.textFormat() == Qt.PlainText and TAG.search(label.text())
    ]


def test_no_section_shows_markup_as_text(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    found = []
    for panel in window.panels:
        window.show_section(panel.section)
        found += _raw_markup(window)
    window.open_pair("Sales", "IT")
    found += _raw_markup(window)
    assert found == []


def _tip_label() -> QLabel:
    [tip] = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    return tip


def test_tooltips_are_not_made_plain(qtbot, demo_workspace) -> None:
    """Qt draws tooltips in a label of its own (QTipLabel) that decides rich or plain per
    tip; plain_tip hands a comment that begins with a tag as escaped rich text
    ("<p>&lt;h1&gt;…</p>"). Made plain, every such tip showed its '<p>', '&lt;' and tags."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    from desktop_app.widgets.plain_text import plain_tip

    window = open_window(qtbot, demo_workspace)
    QToolTip.showText(QPoint(20, 20), plain_tip("<h1>Sales</h1> were late"), window)
    qtbot.waitUntil(lambda: any(w.inherits("QTipLabel") for w in QApplication.topLevelWidgets()))
    tip = _tip_label()
    assert tip.textFormat() != Qt.PlainText
    assert QtGui.Qt.mightBeRichText(tip.text())  # read as HTML: shows "<h1>Sales</h1> were late"
    QToolTip.hideText()


def _raw_anywhere(window) -> list[str]:
    """Labels showing tags as text: plain ones, and ones whose markup Qt will not guess."""
    QApplication.processEvents()
    return [
        f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:80]}"
        for label in window.findChildren(QLabel)
        if label.isVisible()
        and TAG.search(label.text())
        and (
            label.textFormat() == Qt.PlainText
            or (label.textFormat() == Qt.AutoText and not QtGui.Qt.mightBeRichText(label.text()))
        )
    ]


def test_the_respondents_windows_show_no_markup_as_text_beside_the_guard(qtbot, share) -> None:
    """The guard is application-wide once an HR window exists (in tests: for the rest of the
    session): every respondent label that holds markup says so itself, so no page of the
    wizard nor the notices of the window without a tray show tags."""
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.status_window import StatusWindow
    from desktop_app.respondent.wizard import SurveyWizard
    from desktop_app.widgets import plain_labels

    plain_labels.install()
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token=None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    found = _raw_anywhere(wizard)
    wizard.next_button.click()
    wizard.departments_page.boxes["IT"].setChecked(True)
    for _page in range(10):  # bounded: a wizard that never reaches its end fails, not hangs
        if wizard.current_page() is wizard.thanks:
            break
        it_page = wizard.department_pages.get("IT")
        if wizard.current_page() is it_page:
            it_page.rows[0].set_value(3)  # an answer with nothing in it is not sent
        found += _raw_anywhere(wizard)
        wizard.next_button.click()
    assert wizard.current_page() is wizard.thanks
    found += _raw_anywhere(wizard)
    status = StatusWindow()
    qtbot.addWidget(status)
    status.show()
    status.add_notice("Answers delivered", "Your answers to <Pulse> reached HR.")
    found += _raw_anywhere(status)
    assert found == []
