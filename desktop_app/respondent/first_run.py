"""First run: where do surveys come from, and which department are you in?"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.source import LocalSource, TeamSource
from desktop_app.respondent.style import STYLE_SHEET
from desktop_app.settings import SINGLE_MODE, TEAM_MODE, Settings
from surveys.errors import RapportError
from surveys.model import DEFAULT_DEPARTMENTS


class FirstRunDialog(QDialog):
    """Asks for the mode, the folder and the department; fills in ``settings`` on accept."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Rapport: set up"))
        self.setStyleSheet(STYLE_SHEET)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Welcome to Rapport"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "Rapport asks you a few questions now and then about working with other "
                "departments. Tell it where the surveys come from and which department "
                "you are in; you can change this later."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.team = QRadioButton(self.tr("&Team: surveys come through a shared folder"))
        self.single = QRadioButton(self.tr("&This computer: answer into a local workspace"))
        self.modes = QButtonGroup(self)
        for button in (self.team, self.single):
            button.setAccessibleName(button.text().replace("&", ""))
            self.modes.addButton(button)
            layout.addWidget(button)
        form = QFormLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(self.tr("B&rowse…"))
        browse.setAccessibleName(self.tr("Browse for the folder"))
        browse.setAutoDefault(False)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.folder_label = QLabel(self.tr("&Folder:"))
        self.folder_label.setBuddy(self.folder)
        form.addRow(self.folder_label, folder_row)
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setAccessibleName(self.tr("Your department"))
        department_label = QLabel(self.tr("Your &department:"))
        department_label.setBuddy(self.department)
        form.addRow(department_label, self.department)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        layout.addWidget(self.buttons)
        self._load(settings)
        browse.clicked.connect(self._on_browse_clicked)
        self.folder.editingFinished.connect(self._refresh_departments)
        self.modes.buttonToggled.connect(self._on_modes_button_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 340)

    def _load(self, settings: Settings) -> None:
        (self.single if settings.mode == SINGLE_MODE else self.team).setChecked(True)
        self._on_modes_button_toggled()
        self._refresh_departments()
        if settings.department:
            self.department.setCurrentText(settings.department)

    def mode(self) -> str:
        return SINGLE_MODE if self.single.isChecked() else TEAM_MODE

    def _on_modes_button_toggled(self, *_args: object) -> None:
        s = self.settings
        self.folder.setText(s.workspace_folder if self.mode() == SINGLE_MODE else s.share_folder)
        self.folder.setPlaceholderText(
            self.tr("The workspace folder HR created on this computer")
            if self.mode() == SINGLE_MODE
            else self.tr("The shared folder HR told you about, e.g. \\\\server\\rapport")
        )

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder"))
        if folder:
            self.folder.setText(folder)
            self._refresh_departments()

    def _refresh_departments(self) -> None:
        """Offer the departments the folder knows; the defaults while it knows none."""
        current = self.department.currentText()
        names: list[str] = []
        folder = self.folder.text().strip()
        if folder:
            source = LocalSource(folder) if self.mode() == SINGLE_MODE else TeamSource(folder)
            try:
                names = source.departments()
            except (RapportError, OSError, ImportError):
                names = []
        self.department.clear()
        self.department.addItems(names or list(DEFAULT_DEPARTMENTS))
        if current:
            self.department.setCurrentText(current)

    def accept(self) -> None:
        folder, department = self.folder.text().strip(), self.department.currentText().strip()
        if not folder or not department:
            self.message.setText(self.tr("Choose the folder and your department to go on."))
            self.message.show()
            return
        self.settings.mode = self.mode()
        self.settings.department = department
        if self.mode() == SINGLE_MODE:
            self.settings.workspace_folder = folder
        else:
            self.settings.share_folder = folder
        super().accept()
