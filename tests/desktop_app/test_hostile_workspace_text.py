"""Names that arrive in HR's workspace from files are shown as written in the HR window.

Fifth hostile round (docs/qa.md). Department names come from an HR system's roster file,
the organisation's name and action titles and owners are typed or imported; Qt's labels
guess from a tag in a text's first line that it is HTML. A department called
``<s>Sales</s>`` (or one carrying a ``<img src=…>``) used to be drawn as markup wherever a
label began with it: struck out, a picture loaded from a path, a heading that hides the
rest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QWidget

from tests.desktop_app.hr_helpers import open_window

MARKED = {"Sales": "<s>Sales</s>", "IT": "<s>IT</s>"}
ORGANISATION = "<s>Northwind</s>"
ACTION = "<s>Liaison rota</s>"


@pytest.fixture(scope="module")
def marked_demo(analysed_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with marked-up department names, organisation and action (analysed once)."""
    from analysis.pipeline import analyse_workspace
    from surveys.actions import Action, save_action
    from surveys.departments import rename_department
    from surveys.store import open_workspace, set_setting

    folder = tmp_path_factory.mktemp("marked") / "northwind"
    shutil.copytree(analysed_demo, folder)
    db = open_workspace(folder)
    with db.atomic():
        for old, new in MARKED.items():
            rename_department(db, old, new)
        set_setting(db, "organisation", ORGANISATION)
    save_action(
        db, Action(MARKED["Sales"], MARKED["IT"], ACTION, owner_from="<s>Ann</s>", due="2026-01-05")
    )
    db.close()
    analyse_workspace(folder)
    return folder


def drawn_as_html(widget: QWidget) -> list[str]:
    """Texts of the shown labels under ``widget`` that Qt draws as HTML with a marked name."""
    found = []
    for label in widget.findChildren(QLabel):
        if not label.isVisibleTo(widget):
            continue  # not drawn (a hidden label is made plain when it is first shown)
        text = label.text()
        rich = label.textFormat() == Qt.RichText or (
            label.textFormat() == Qt.AutoText and QtGui.mightBeRichText(text)
        )
        if rich and "<s>" in text:
            found.append(text)
    return found


@pytest.mark.parametrize(
    "section", ["overview", "relationships", "comments", "themes", "actions", "pulses", "settings"]
)
def test_marked_names_are_never_drawn_as_html(
    qtbot, marked_demo: Path, tmp_path: Path, section: str
) -> None:
    folder = tmp_path / "northwind"
    shutil.copytree(marked_demo, folder)
    window = open_window(qtbot, folder)
    window.show_section(section)
    qtbot.wait(50)
    assert drawn_as_html(window) == [], section
    window.close()


def test_the_pair_page_shows_marked_names_as_written(
    qtbot, marked_demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "northwind"
    shutil.copytree(marked_demo, folder)
    window = open_window(qtbot, folder)
    window.panel("relationships").open_pair(MARKED["Sales"], MARKED["IT"])
    qtbot.wait(50)
    texts = [label.text() for label in window.pair_page.findChildren(QLabel)]
    assert any("<s>Sales</s>" in text or "&lt;s&gt;Sales" in text for text in texts)
    assert drawn_as_html(window) == []
    window.close()


def test_a_message_naming_a_file_is_shown_as_written_and_about_keeps_its_markup(
    qtbot, marked_demo: Path, tmp_path: Path
) -> None:
    """An error box that names a folder a colleague called ``<s>x</s>`` on the share (HR's
    "Cannot open the workspace", a job's failure) is a label too; About is meant as markup."""
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "northwind"
    shutil.copytree(marked_demo, folder)
    window = open_window(qtbot, folder)
    box = QMessageBox(QMessageBox.Warning, "Rapport", "<s>Sales</s> folder cannot be read.")
    qtbot.addWidget(box)
    box.open()
    qtbot.waitExposed(box)
    assert drawn_as_html(box) == []
    window.about()
    about = window.findChild(QMessageBox, "aboutBox")
    qtbot.waitExposed(about)
    [text] = [label for label in about.findChildren(QLabel) if "Rapport" in label.text()]
    assert text.textFormat() == Qt.RichText
    about.close()
    window.close()


def _drawn_as_html(text: object) -> bool:
    return isinstance(text, str) and QtGui.mightBeRichText(text) and "<h1" in text


def _shown(tip: object) -> str:
    """What a tooltip shows (rich text read the way Qt reads it)."""
    from PySide6.QtGui import QTextDocumentFragment

    if not isinstance(tip, str):
        return ""
    return QTextDocumentFragment.fromHtml(tip).toPlainText() if QtGui.mightBeRichText(tip) else tip


def test_a_respondents_markup_comment_is_a_plain_tooltip(qtbot, workspace: Path) -> None:
    """A respondent writes a comment that begins with a tag; HR points at it in the comments
    explorer, whose tooltip shows the whole comment (Qt guesses HTML for tooltips too)."""
    import random

    from tests.analysis.core_helpers import Filler

    marked = "<h1 style='font-size:96px'>HR reads this as HTML</h1> Slow replies."
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 2, random.Random(1), comments=[marked])
    filler.group("2026-10", "IT", "Sales", 6, 4, random.Random(2), comments=["Fine."])
    filler.close()
    window = open_window(qtbot, workspace)
    window.show_section("comments")
    model = window.panel("comments").model
    tips = [
        model.data(model.index(row, column), Qt.ToolTipRole)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any("<h1 style='font-size:96px'>HR reads this as HTML" in _shown(tip) for tip in tips)
    assert not any(_drawn_as_html(tip) for tip in tips)
    window.close()


def test_marked_names_are_plain_in_tooltips(qtbot, marked_demo: Path, tmp_path: Path) -> None:
    """Department names, action titles and owners in the heatmap's, the actions' and the
    comments' tooltips."""
    folder = tmp_path / "northwind"
    shutil.copytree(marked_demo, folder)
    window = open_window(qtbot, folder)
    tips = []
    for section in ("comments", "actions"):
        window.show_section(section)
        model = window.panel(section).model
        tips += [
            model.data(model.index(row, column), Qt.ToolTipRole)
            for row in range(min(model.rowCount(), 50))
            for column in range(model.columnCount())
        ]
    heat = window.panel("relationships").heatmap.model()
    tips += [
        heat.headerData(s, o, Qt.ToolTipRole)
        for s in range(4)
        for o in (Qt.Horizontal, Qt.Vertical)
    ]
    tips += [heat.data(heat.index(r, c), Qt.ToolTipRole) for r in range(4) for c in range(4)]
    assert any(_shown(tip) == ACTION for tip in tips)  # shown whole, as written
    assert not [
        tip for tip in tips if isinstance(tip, str) and QtGui.mightBeRichText(tip) and "<s>" in tip
    ]
    window.close()


def test_drawn_charts_give_their_tooltips_as_written(qtbot, monkeypatch) -> None:
    """The network's edge tooltip begins with the departments' names and the trend's legend
    tooltip with an action's title after the wave: passed to QToolTip as they were, Qt
    guessed HTML from the first line and drew '<s>Sales</s>' struck through."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop_app.widgets import trend_chart
    from desktop_app.widgets.network import NetworkView

    shown: list[str] = []
    monkeypatch.setattr(
        QToolTip, "showText", staticmethod(lambda _p, text, *_a: shown.append(text))
    )
    network = NetworkView()
    qtbot.addWidget(network)
    monkeypatch.setattr(network, "label_at", lambda _pos: (MARKED["Sales"], MARKED["IT"]))
    monkeypatch.setattr(network, "describe_edge", lambda a, b: f"{a} → {b}: index 2.6 (weak)")
    chart = trend_chart.LineChart()
    qtbot.addWidget(chart)
    monkeypatch.setattr(chart, "tooltip_at", lambda _pos: f"2026-10: {ACTION}")
    for widget in (network, chart):
        event = QHelpEvent(QEvent.ToolTip, QPoint(5, 5), QPoint(5, 5))
        QApplication.sendEvent(widget, event)
    assert [_shown(tip) for tip in shown] == [
        f"{MARKED['Sales']} → {MARKED['IT']}: index 2.6 (weak)",
        f"2026-10: {ACTION}",
    ]
