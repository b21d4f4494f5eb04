"""First run: where do surveys come from, and which department are you in?

The department is picked from the departments of the published pulse (never typed: a
department HR's workspace does not know would be refused after the person was told the
answer was delivered). A folder that cannot be reached is said so, and checked again every
few seconds while the dialog is open; with no pulse open yet, the department is asked when
the first one opens.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
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

from desktop_app.respondent.department_dialog import (
    chosen_department,
    department_box,
    fill_departments,
    ok_cancel,
)
from desktop_app.respondent.style import style_sheet
from desktop_app.settings import SINGLE_MODE, TEAM_MODE, Settings
from desktop_app.widgets.announce import announce, show_message
from desktop_app.widgets.screen_fit import fit_to_screen
from desktop_app.widgets.start_folder import remember, start_in
from surveys.errors import RapportError

#: While the folder cannot be reached, the dialog looks again this often.
RETRY_MS = 5000


class FirstRunDialog(QDialog):
    """Asks for the mode, the folder and the department; fills in ``settings`` on accept."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Rapport: set up"))
        self.setStyleSheet(style_sheet())
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
        self.single = QRadioButton(self.tr("Th&is computer: answer into a local workspace"))
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
        self.department = department_box()
        department_label = QLabel(self.tr("Your &department:"))
        department_label.setBuddy(self.department)
        form.addRow(department_label, self.department)
        layout.addLayout(form)
        self.folder_status = QLabel()
        self.folder_status.setObjectName("folderStatus")
        self.folder_status.setWordWrap(True)
        self.folder_status.hide()
        layout.addWidget(self.folder_status)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._refresh_departments)
        self.buttons = ok_cancel(self, self.tr("&Save"))
        layout.addWidget(self.buttons)
        self._load(settings)
        browse.clicked.connect(self._on_browse_clicked)
        self.folder.editingFinished.connect(self._refresh_departments)
        self.modes.buttonToggled.connect(self._on_modes_button_toggled)
        fit_to_screen(self, 560, 340)

    def _load(self, settings: Settings) -> None:
        (self.single if settings.mode == SINGLE_MODE else self.team).setChecked(True)
        self._on_modes_button_toggled()

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
        self._refresh_departments()

    def _on_browse_clicked(self) -> None:
        folder = remember(
            QFileDialog.getExistingDirectory(
                self, self.tr("Choose the folder"), start_in(self.folder.text())
            )
        )
        if folder:
            self.folder.setText(folder)
            self._refresh_departments()

    def _refresh_departments(self) -> None:
        """Offer the departments of the folder's open pulse; say what is wrong otherwise."""
        current = chosen_department(self.department) or self.settings.department
        folder = self.folder.text().strip()
        names: list[str] = []
        problem = None
        if folder:
            from desktop_app.respondent.local_source import LocalSource
            from desktop_app.respondent.source import TeamSource

            source = LocalSource(folder) if self.mode() == SINGLE_MODE else TeamSource(folder)
            try:
                problem = source.problem()
                names = [] if problem else source.departments()
            except (RapportError, OSError) as exc:
                problem = str(exc)
        fill_departments(self.department, names, current)
        if problem:
            self._show_folder_status(
                self.tr("{0} Rapport keeps trying; you can also choose another folder.").format(
                    problem
                ),
                problem=True,
            )
            self.retry_timer.start()
            return
        self.retry_timer.stop()
        code = _key_code(source) if names else ""
        if folder and not names:
            self._show_folder_status(
                self.tr(
                    "No pulse is open in this folder right now, so there is no list of "
                    "departments yet. Press OK: Rapport asks for your department when the "
                    "first pulse opens."
                )
            )
        elif code:
            self._show_folder_status(
                self.tr(
                    "Survey key code: {0}. If HR gave you a code, it must be the same; if it "
                    "differs, do not answer and tell HR."
                ).format(code)
            )
        else:
            self.folder_status.hide()

    def _show_folder_status(self, text: str, problem: bool = False) -> None:
        """A note under the folder: tinted as a warning when the folder cannot be read."""
        name = "folderProblem" if problem else "folderStatus"
        if self.folder_status.objectName() != name:
            self.folder_status.setObjectName(name)
            self.folder_status.style().unpolish(self.folder_status)  # the new name's look
            self.folder_status.style().polish(self.folder_status)
        said = self.folder_status.isVisible() and self.folder_status.text() == text
        self.folder_status.setText(text)
        self.folder_status.show()
        if not said:  # a new state (away, back, no pulse), not every 5-second look
            announce(self.folder_status, text)

    def accept(self) -> None:
        folder, department = self.folder.text().strip(), chosen_department(self.department)
        if not folder or (self.department.count() and not department):
            show_message(
                self.message,
                self.tr("Choose the folder and your department to go on.")
                if not folder
                else self.tr("Choose your department from the list to go on."),
            )
            return
        self.retry_timer.stop()
        self.settings.mode = self.mode()
        self.settings.department = department
        self.settings.first_run_done = 1
        if self.mode() == SINGLE_MODE:
            self.settings.workspace_folder = folder
        else:
            self.settings.share_folder = folder
        super().accept()


def _key_code(source: object) -> str:
    """The survey key's code of a shared folder (a local workspace has none)."""
    code = getattr(source, "key_code", None)
    try:
        return code() if code is not None else ""
    except (RapportError, OSError):
        return ""  # the folder went away meanwhile: the next check says so
