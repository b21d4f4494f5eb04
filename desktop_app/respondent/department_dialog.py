"""Choosing one's department: only from the departments of the published wave.

A typed department that HR's workspace does not know would be refused at ingest, after the
person was told the answer was delivered; so the department is always picked from a list,
and the list starts with nothing chosen (Enter cannot pick the first department by
accident). :class:`DepartmentDialog` is what the tray menu's "Change my department…", the
wizard's intro page and the first pulse after set-up open.
"""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.style import style_sheet
from desktop_app.widgets.announce import show_message
from desktop_app.widgets.screen_fit import fit_to_screen


def ok_cancel(dialog: QDialog, action: str) -> QDialogButtonBox:
    """``action`` (the accepting button, named for what it does, not "OK") and Cancel in
    the platform's order, wired to ``accept`` / ``reject``.

    Plain buttons with roles rather than the standard ``Ok | Cancel``: the standard ones
    look up their icons in the desktop's icon theme, which costs about 70 ms on the first
    use; the first-run dialog is a new user's first window and must not wait for that.
    """
    buttons = QDialogButtonBox()
    ok = buttons.addButton(action, QDialogButtonBox.AcceptRole)
    buttons.addButton(dialog.tr("&Cancel"), QDialogButtonBox.RejectRole)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DepartmentBox(QComboBox):
    """A combo box that shortens a long department in the middle, not at its end.

    Qt cuts the shown text at the right edge: "Customer Success, Renewals & Partner
    Enablement (Europe, Middl" and "… (Americas and Asia Pacific)" looked the same on a
    narrow window. The list itself shows every name whole.
    """

    def shown_text(self, width: int) -> str:
        """The text shown in ``width`` pixels: the department, or the placeholder."""
        text = self.currentText() if self.currentIndex() >= 0 else self.placeholderText()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(text) <= width:
            return text
        from PySide6.QtCore import Qt  # only for a name too long (Qt's enums cost start-up)

        return metrics.elidedText(text, Qt.ElideMiddle, width)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, self
        )
        if self.currentIndex() < 0:  # as QComboBox draws its placeholder
            option.palette.setBrush(QPalette.ButtonText, option.palette.placeholderText())
        option.currentText = self.shown_text(field.width())
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)


def department_box(parent: QWidget | None = None) -> QComboBox:
    """A drop-down list of departments that starts with none chosen (no typing)."""
    box = DepartmentBox(parent)
    box.setEditable(False)
    box.setPlaceholderText(box.tr("Choose your department"))
    box.setAccessibleName(box.tr("Your department"))
    box.setAccessibleDescription(box.tr("Your answers are counted for the department you choose"))
    box.setMinimumContentsLength(18)
    return box


def fill_departments(box: QComboBox, names: list[str], current: str = "") -> None:
    """Offer ``names``; choose ``current`` only if it is one of them (any case)."""
    box.clear()
    box.addItems(names)
    wanted = current.casefold()
    match = next((i for i, name in enumerate(names) if name.casefold() == wanted), -1)
    box.setCurrentIndex(match if current else -1)
    box.setEnabled(bool(names))


def chosen_department(box: QComboBox) -> str:
    """The department chosen in ``box``, or ``""``."""
    return box.currentText() if box.currentIndex() >= 0 else ""


class DepartmentDialog(QDialog):
    """Pick your department from the pulse's list; ``department`` holds it on accept."""

    def __init__(
        self,
        departments: list[str],
        current: str = "",
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.department = ""
        self.setWindowTitle(self.tr("Rapport: your department"))
        self.setStyleSheet(style_sheet())
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Which department are you in?"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        text = note or self.tr(
            "Your answers are counted for this department. The list is the one HR uses for "
            "this pulse."
        )
        self.note = QLabel(text)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.box = department_box()
        fill_departments(self.box, departments, current)
        layout.addWidget(self.box)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self, self.tr("&Use this department")))
        if not departments:
            self.message.setText(
                self.tr(
                    "Rapport can offer departments only while a pulse is open in the shared "
                    "folder. Try again when HR has opened one."
                )
            )
            self.message.show()
        self.box.setFocus()
        fit_to_screen(self, 440, 220)

    def accept(self) -> None:
        department = chosen_department(self.box)
        if not department:
            if self.box.count():
                show_message(
                    self.message, self.tr("Choose your department from the list to go on.")
                )
                self.box.setFocus()
            return
        self.department = department
        super().accept()
