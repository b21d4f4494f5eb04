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

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.respondent.source import OpenSurvey

#: ``Qt.NoFocus`` (Qt.FocusPolicy)
NO_FOCUS = 0
#: ``Qt.TextSelectableByMouse`` (Qt.TextInteractionFlag)
TEXT_SELECTABLE_BY_MOUSE = 1
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
    """A wrapped, selectable label; ``name`` is its object name (the style sheet's hook)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    set_qt_property(widget, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
    if rich:
        set_qt_property(widget, "textFormat", RICH_TEXT)
    if name:
        widget.setObjectName(name)
    return widget


class Page(QWidget):
    """A wizard page: a heading, then content, in a vertical layout."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(10)
        self.body.addWidget(label(heading, "pageHeading"))

    def first_focus(self) -> QWidget | None:
        """The control that gets the keyboard focus when the page is shown."""
        return None


class IntroPage(Page):
    """What the pulse is about and who sees what."""

    def __init__(self, survey: OpenSurvey, parent: QWidget | None = None) -> None:
        super().__init__(survey.title, parent)
        if survey.intro:
            self.body.addWidget(label(survey.intro))
        privacy = self.tr(
            "<b>Who sees what.</b> Your answers are sealed on this computer so that only "
            "HR's Rapport workspace can open them; colleagues who can see the shared folder "
            "cannot read them. Your name, user name and computer are never sent. HR sees "
            "results only for groups of at least {0} people, and comments only after names, "
            "e-mail addresses and phone numbers have been removed."
        ).format(survey.min_group)
        self.body.addWidget(label(privacy, "privacyNote", rich=True))
        if survey.closes:
            self.body.addWidget(label(self.tr("This pulse closes on {0}.").format(survey.closes)))
        self.body.addStretch(1)
