"""The "New wave" dialog of the pulses section: template, name, targets, dates, reminders."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.widgets.days_spin import DaysSpinBox
from desktop_app.widgets.department_checklist import DepartmentChecklist
from desktop_app.widgets.dialog_width import grow_to_fit
from desktop_app.widgets.saving_dialog import SavingDialog
from desktop_app.widgets.start_folder import remember, start_in
from surveys.pulses import WaveInfo, create_draft_wave
from surveys.reminders import MAX_DAYS, ReminderPlan

#: Days a new wave stays open unless HR changes the closing date.
DAYS_OPEN = 14


def suggested_name(taken: set[str], today: date | None = None) -> str:
    """``YYYY-MM`` of today, or with ``-2``, ``-3``... when that name is taken."""
    base = (today or date.today()).strftime("%Y-%m")
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    return name


def describe_template(template) -> str:
    """``Title — 9 questions, 5 per wave (rotating)``: what respondents are asked.

    The New wave dialog and the programme dialog word templates the same way.
    """

    def tr(text: str, n: int = -1) -> str:
        return QCoreApplication.translate("WaveDialog", text, "", n)

    text = f"{template.title} — " + tr("%n questions", len(template.questions))
    groups = max(len(template.rotation), 1)
    asked = sorted({len(template.questions_for_wave(i)) for i in range(groups)})
    if asked != [len(template.questions)]:
        if len(asked) == 1:
            text += ", " + tr("%n per wave (rotating)", asked[0])
        else:
            text += ", " + tr("%1–%2 per wave (rotating)").replace("%1", str(asked[0])).replace(
                "%2", str(asked[-1])
            )
    return text


class WaveDialog(SavingDialog, QDialog):
    """Create a draft wave from a survey template (publishing is a separate step).

    Its writes (the draft, a template loaded) run off the GUI thread: on a share that
    hangs the buttons wait with "Saving…" above them, Cancel says that the save goes on
    (a second one closes), and a save that fails is said there with the form kept.
    """

    def __init__(self, context, parent: QWidget | None = None, read: tuple | None = None) -> None:
        """``read``: what :func:`read_wave_dialog` gave (the Pulses section reads it off
        the GUI thread before opening the dialog); read here when not given."""
        super().__init__(parent)
        self.context = context
        self.created: WaveInfo | None = None
        self.setWindowTitle(self.tr("New wave"))
        self.templates = {}
        departments, taken, choices = read or read_wave_dialog(context.path)
        self.template_box = QComboBox(objectName="waveTemplate")
        self.load_button = QPushButton(self.tr("&Load template…"), objectName="loadTemplate")
        self.load_button.setToolTip(
            self.tr("Add a survey template (a YAML file) to this workspace; it is checked first")
        )
        self.load_button.clicked.connect(lambda: self.load_template())
        self._fill_templates("full-pulse", choices)
        self.name_edit = QLineEdit(suggested_name(taken), objectName="waveName")
        self.targets = DepartmentChecklist(departments, "waveTargets", rows=8)
        self.opens_edit = self._date_edit("waveOpens", QDate.currentDate())
        self.closes_edit = self._date_edit("waveCloses", QDate.currentDate().addDays(DAYS_OPEN))
        default = ReminderPlan()
        self.remind_after = self._days_box("remindAfter", default.after_opening_days)
        self.remind_before = self._days_box("remindBefore", default.before_closing_days)
        self.remind_after.setAccessibleName(self.tr("Remind: days after the wave opens"))
        self.remind_before.setAccessibleName(self.tr("Remind: days before the wave closes"))
        reminders = QHBoxLayout()
        reminders.addWidget(self.remind_after)
        reminders.addWidget(QLabel(self.tr("after it opens, and")))
        reminders.addWidget(self.remind_before)
        reminders.addWidget(QLabel(self.tr("before it closes")))
        reminders.addStretch(1)
        self.error = QLabel(objectName="waveError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self.start_writes()
        self._loaded = False  # the last template chosen was stored
        form = QFormLayout()
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_box, 1)
        template_row.addWidget(self.load_button)
        template_label = QLabel(self.tr("&Survey template:"))
        template_label.setBuddy(self.template_box)
        form.addRow(template_label, template_row)
        form.addRow(self.tr("Wave &name:"), self.name_edit)
        form.addRow(self.tr("Ask &about:"), self.targets)
        form.addRow(self.tr("&Opens:"), self.opens_edit)
        form.addRow(self.tr("&Closes:"), self.closes_edit)
        remind_label = QLabel(self.tr("&Remind:"))
        remind_label.setBuddy(self.remind_after)
        form.addRow(remind_label, reminders)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Create draft"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The wave is saved as a draft; publish it to the shared folder when it is "
                    "ready. Reminders go to people who have not answered yet; each "
                    "respondent's computer decides that on its own, so nobody's answering is "
                    "reported. 0 days: no such reminder."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.error)
        # Room the dialog has beyond its contents (taller by hand, or left by a message
        # said and gone) goes to the Ask about list, the one row that can use it: it went to
        # the Remind row (its spin boxes drifting down away from their label), then to a
        # blank gap above the buttons while a long list of departments scrolled.
        layout.addWidget(self.buttons)

    def _say(self, text: str) -> None:
        """Say ``text`` under the form; the dialog grows for it rather than squeeze the list."""
        self.error.setText(text)
        grow_to_fit(self)

    def describe_template(self, template) -> str:
        """``Title — 9 questions, 5 per wave (rotating)``: what respondents are asked."""
        return describe_template(template)

    def _fill_templates(self, selected: str, choices: list | None = None) -> None:
        """List the built-in templates and those loaded into the workspace (``choices``,
        or read now)."""
        if choices is None:
            choices = read_wave_dialog(self.context.path)[2]
        self.templates = {choice.key: choice.template for choice in choices}
        self.template_box.clear()
        for choice in choices:
            text = self.describe_template(choice.template)
            if not choice.builtin:
                text += " " + self.tr("(loaded)")
            self.template_box.addItem(text, choice.key)
        self.template_box.setCurrentIndex(max(self.template_box.findData(selected), 0))

    def load_template(self, path: str | None = None) -> bool:
        """Check a template file and store it in the workspace (asks for the file);
        ``True`` when it was stored within the GUI thread's wait (on a share that hangs
        the dialog says so once it is)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Load a survey template"),
                start_in(),
                self.tr("Survey templates (*.yaml *.yml)"),
            )
            remember(path)
        if not path:
            return False
        self._loaded = False
        ended = self.save(
            store_template, path, controls=self._write_controls(), done=self._template_loaded
        )
        return ended and self._loaded

    def _template_loaded(self, loaded: tuple) -> None:
        template, choices = loaded
        self._loaded = True
        self._fill_templates(template.key, choices)
        self._say(self.tr("Loaded “%1” into this workspace.").replace("%1", template.title))

    @staticmethod
    def _date_edit(name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day, objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _days_box(self, name: str, days: int) -> DaysSpinBox:
        box = DaysSpinBox(objectName=name)
        box.setRange(0, MAX_DAYS)
        box.setValue(days)
        box.setSpecialValueText(self.tr("no reminder"))
        return box

    def reminder_plan(self) -> ReminderPlan:
        """The reminder days chosen (0 = no such reminder)."""
        return ReminderPlan(self.remind_after.value(), self.remind_before.value())

    def chosen_targets(self) -> list[str] | None:
        """The ticked departments, or ``None`` when all are ticked (ask about everyone)."""
        return self.targets.targets()

    def _write_controls(self) -> list[QWidget]:
        return [self.buttons.button(QDialogButtonBox.Ok), self.load_button]

    def accept(self) -> None:
        """Save the draft, tell the other sections, close; or say what to fix and stay
        open."""
        if self.writes.running():
            return
        targets = self.chosen_targets()
        if targets is not None and len(targets) < 2:
            self._say(self.tr("Ask about: tick at least two departments (people rate the others)."))
            return
        self.save(
            store_draft_wave,
            self.name_edit.text(),
            self.templates[self.template_box.currentData()],
            self.opens_edit.date().toString("yyyy-MM-dd"),
            self.closes_edit.date().toString("yyyy-MM-dd"),
            targets,
            self.reminder_plan(),
            controls=self._write_controls(),
            done=self._saved,
        )

    def _saved(self, wave: WaveInfo) -> None:
        self.created = wave
        self.context.data_changed.emit(Changes(waves=True), self)
        self.close_saved()


def store_draft_wave(path: Path, *args: Any) -> WaveInfo:
    """:func:`surveys.pulses.create_draft_wave` in one open of the workspace ``path``;
    runs on any thread."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return create_draft_wave(db, *args)
    finally:
        db.close()


def store_template(path: Path, file: str) -> tuple[Any, list]:
    """Check the template ``file``, store it in the workspace ``path`` and give it with
    the templates now offered, in one open; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.custom_templates import available_templates, load_custom_template

    db = open_for_section(path)
    try:
        template = load_custom_template(db, file)
        return template, available_templates(db)
    finally:
        db.close()


def read_wave_dialog(path) -> tuple[list[str], set[str], list]:
    """The departments, the waves' names and the survey templates the New wave dialog
    offers, in one open; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.custom_templates import available_templates
    from surveys.store import departments
    from surveys.waves import wave_names

    db = open_for_section(path)
    try:
        names = [d.name for d in departments(db)]
        return names, set(wave_names(db)), available_templates(db)
    finally:
        db.close()
