"""The wizard's first page and the pieces every page shares, kept cheap to show.

The first use of anything in PySide6's ``Qt`` namespace (``Qt.NoFocus``,
``Qt.TextSelectableByMouse``...) makes PySide6 build all of the namespace's enum types at
once, which takes 20-30 ms, longer than the rest of this page. Nothing here touches the
namespace: the few values the first page needs are set through Qt's property system
(``QObject.setProperty``), which takes the enum's documented numeric value. The values are
named below; ``tests/desktop_app/test_respondent_startup.py`` checks them against ``Qt`` and
checks that the namespace is still unbuilt when the survey window is shown. The pages a
person reaches later (:mod:`desktop_app.respondent.pages`) use ``Qt`` as usual.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.respondent.source import KIOSK, LOCAL, OpenSurvey

#: ``Qt.NoFocus`` (Qt.FocusPolicy)
NO_FOCUS = 0
#: ``Qt.TextSelectableByMouse`` (Qt.TextInteractionFlag)
TEXT_SELECTABLE_BY_MOUSE = 1
#: ``Qt.PlainText`` (Qt.TextFormat)
PLAIN_TEXT = 0
#: ``Qt.RichText`` (Qt.TextFormat)
RICH_TEXT = 1


def set_qt_property(widget: QWidget, name: str, value: int) -> None:
    """Set the Qt property ``name`` (an enum) of ``widget`` to ``value``.

    Raises ``AttributeError`` if the widget has no such property, so a typo cannot pass
    silently.
    """
    if not widget.setProperty(name, value):
        raise AttributeError(f"{type(widget).__name__} has no Qt property {name!r}")


def label(text: str, name: str = "", rich: bool = False) -> QLabel:
    """A wrapped, selectable label; ``name`` is its object name (the style sheet's hook).

    The text is shown as written unless ``rich``: Qt would otherwise guess from a tag in its
    first line that it is HTML, and a survey's words come from a file on the share
    (docs/team-mode.md, "Words from the share are shown as written").
    """
    widget = QLabel(text)
    widget.setWordWrap(True)
    set_qt_property(widget, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
    set_qt_property(widget, "textFormat", RICH_TEXT if rich else PLAIN_TEXT)
    if name:
        widget.setObjectName(name)
    return widget


class Page(QWidget):
    """A wizard page: a heading, then content, in a vertical layout."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading
        self.setAccessibleName(heading)  # a screen reader names the page by its title
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(10)
        self.body.addWidget(label(heading, "pageHeading"))

    def first_focus(self) -> QWidget | None:
        """The control that gets the keyboard focus when the page is shown."""
        return None


class IntroPage(Page):
    """What the pulse is about, who sees what (true for the mode), and who is answering."""

    #: "Change…" next to the department was pressed.
    department_change_requested = Signal()
    #: "Start over" on the restored-draft note was pressed.
    start_over_requested = Signal()

    def __init__(
        self, survey: OpenSurvey, department: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(survey.title, parent)
        if survey.intro:
            self.body.addWidget(label(survey.intro))
        self.privacy = label(privacy_text(self, survey), "privacyNote", rich=True)
        self.body.addWidget(self.privacy)
        if survey.closes:
            self.body.addWidget(label(self.tr("This pulse closes on {0}.").format(survey.closes)))
        row = QHBoxLayout()
        self.department_label = label("", "departmentLine", rich=True)
        self.change_department = QPushButton(self.tr("C&hange…"))
        self.change_department.setAccessibleName(self.tr("Change your department"))
        self.change_department.setAccessibleDescription(
            self.tr("Choose the department your answers are counted for")
        )
        self.change_department.setAutoDefault(False)
        self.change_department.clicked.connect(self.department_change_requested)
        row.addWidget(self.department_label, 1)
        row.addWidget(self.change_department)
        self.body.addLayout(row)
        self.set_department(department)
        self.draft_note: QLabel | None = None
        self.body.addStretch(1)

    def set_department(self, department: str) -> None:
        """Say which department the answers are counted for."""
        self.department_label.setText(
            self.tr("You answer as someone in <b>{0}</b>.").format(escape_html(department))
        )

    def show_draft_note(self, saved: str) -> None:
        """Say that unfinished answers were restored, with a way to start over."""
        if self.draft_note is None:
            self.draft_note = label("", "draftNote")
            self.start_over = QPushButton(self.tr("&Start over"))
            self.start_over.setAutoDefault(False)
            self.start_over.setAccessibleDescription(
                self.tr("Clear the answers you gave before and begin again")
            )
            self.start_over.clicked.connect(self.start_over_requested)
            row = QHBoxLayout()
            row.addWidget(self.draft_note, 1)
            row.addWidget(self.start_over)
            self.body.insertLayout(self.body.count() - 1, row)
        from desktop_app.widgets.announce import show_message  # after the first paint

        show_message(
            self.draft_note,
            self.tr("Your unfinished answers from {0} are back: go on where you left off.").format(
                saved
            ),
        )
        self.start_over.show()

    def hide_draft_note(self) -> None:
        if self.draft_note is not None:
            self.draft_note.hide()
            self.start_over.hide()


def escape_html(text: str) -> str:
    """``text`` safe inside rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def privacy_text(widget: QWidget, survey: OpenSurvey) -> str:
    """The "who sees what" note, true for how this survey's answers travel."""
    k = survey.min_group
    shown = widget.tr(
        "HR sees results only for groups of at least {0} people, and comments only after "
        "names, e-mail addresses and phone numbers have been removed."
    ).format(k)
    if survey.mode == KIOSK:
        travel = widget.tr(
            "<b>Who sees what.</b> Your answers are sealed on this computer so that only "
            "HR's Rapport workspace can open them; the next person at this computer cannot "
            "see them, and Rapport keeps nothing of yours here once you finish. Rapport "
            "never asks your name."
        )
    elif survey.mode == LOCAL:
        travel = widget.tr(
            "<b>Who sees what.</b> Your answers go straight into HR's Rapport workspace on "
            "this computer. They are <b>not sealed</b>: anyone who can open that workspace "
            "can read them, comments included. Your name and user name are not stored."
        )
    else:
        travel = widget.tr(
            "<b>Who sees what.</b> Your answers are sealed on this computer so that only "
            "HR's Rapport workspace can open them; colleagues who can see the shared folder "
            "cannot read them. Your name, user name and computer are never sent."
        )
    return f"{travel} {shown}"
