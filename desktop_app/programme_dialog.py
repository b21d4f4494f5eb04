"""The "Pulse programme" dialog of the Pulses section: cadence, window, survey, departments.

Saving stores the programme in the workspace (:func:`surveys.programme.save_programme`);
the window then publishes each wave when it is due (:mod:`desktop_app.programme_runner`),
as `rapport schedule run` does from a scheduled task.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.widgets.days_spin import DaysSpinBox
from desktop_app.widgets.department_checklist import DepartmentChecklist
from desktop_app.widgets.dialog_width import grow_to_fit
from desktop_app.widgets.saving_dialog import SavingDialog
from surveys.programme import MAX_DAYS_OPEN, Programme


class ProgrammeDialog(SavingDialog, QDialog):
    """Set (or change) the workspace's pulse programme."""

    def __init__(self, context, parent: QWidget | None = None, read: tuple | None = None) -> None:
        """``read``: what :func:`read_programme_dialog` gave (the programme box reads it
        off the GUI thread before opening the dialog); read here when not given."""
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Pulse programme"))
        self.current, self.choices, names = read or read_programme_dialog(context.path)
        self.cadence_box = QComboBox(objectName="programmeCadence")
        for key, text in self._cadence_texts().items():
            self.cadence_box.addItem(text, key)
        self.starts_edit = QDateEdit(QDate.currentDate(), objectName="programmeStarts")
        self.starts_edit.setCalendarPopup(True)
        self.starts_edit.setDisplayFormat("yyyy-MM-dd")
        self.days_spin = DaysSpinBox(objectName="programmeDaysOpen")
        self.template_box = QComboBox(objectName="programmeTemplate")
        for choice in self.choices:
            self.template_box.addItem(self._template_text(choice), choice.key)
        self.targets = DepartmentChecklist(names, "programmeTargets", rows=7)
        self.share_box = QCheckBox(
            self.tr("Show respondents what changed since the last pulse"),
            objectName="programmeShareResults",
        )
        self.rotation_note = QLabel(objectName="programmeRotation", wordWrap=True)
        self.error = QLabel(objectName="programmeError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self.cadence_box.currentIndexChanged.connect(self._on_cadence_box_current_index_changed)
        self.template_box.currentIndexChanged.connect(self._describe_rotation)
        self._layout()
        self.start_writes()
        self._fill()

    def _say(self, text: str) -> None:
        """Say ``text`` under the form; the dialog grows for it rather than squeeze the list."""
        self.error.setText(text)
        grow_to_fit(self)

    def _cadence_texts(self) -> dict[str, str]:
        return {
            "weekly": self.tr("Every week"),
            "2-weekly": self.tr("Every 2 weeks"),
            "4-weekly": self.tr("Every 4 weeks"),
            "monthly": self.tr("Every month"),
            "quarterly": self.tr("Every quarter"),
        }

    def _template_text(self, choice) -> str:
        """As the New wave dialog words it: "Title — 9 questions, 5 per wave (rotating)"."""
        from desktop_app.wave_dialog import describe_template

        text = describe_template(choice.template)
        return text if choice.builtin else text + " " + self.tr("(loaded)")

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Cadence:"), self.cadence_box)
        form.addRow(self.tr("&First wave opens:"), self.starts_edit)
        form.addRow(self.tr("Each wave is &open for:"), self.days_spin)
        form.addRow(self.tr("&Survey template:"), self.template_box)
        form.addRow(self.tr("Ask &about:"), self.targets)
        form.addRow("", self.share_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Rapport publishes each wave on its first day and closes it after its last "
                    "day, while this window is open or from a scheduled task "
                    "(rapport schedule run). Waves are named after their first day."
                ),
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.rotation_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def _fill(self) -> None:
        today = date.today().isoformat()
        programme = self.current or Programme("monthly", 10, "short-pulse", today)
        self.cadence_box.setCurrentIndex(max(self.cadence_box.findData(programme.cadence), 0))
        self._on_cadence_box_current_index_changed()
        self.days_spin.setValue(programme.days_open)
        self.starts_edit.setDate(QDate.fromString(programme.starts, "yyyy-MM-dd"))
        self.template_box.setCurrentIndex(max(self.template_box.findData(programme.template), 0))
        if programme.targets:
            self.targets.check_only(programme.targets)
        self.share_box.setChecked(programme.share_results)
        self._describe_rotation()

    def _on_cadence_box_current_index_changed(self, *_args) -> None:
        longest = MAX_DAYS_OPEN[self.cadence_box.currentData()]
        self.days_spin.setRange(1, longest)
        self.days_spin.setToolTip(
            self.tr("At most %n days, so each wave closes before the next one opens.", "", longest)
        )

    def _describe_rotation(self, *_args) -> None:
        choice = next((c for c in self.choices if c.key == self.template_box.currentData()), None)
        groups = choice.template.rotation if choice else ()
        self.rotation_note.setText(
            self.tr(
                "Its rotating items come in %n groups; each wave asks the next group, so every "
                "item is asked within that many waves.",
                "",
                len(groups),
            )
            if groups
            else self.tr("Every wave asks all of its questions.")
        )

    def programme(self) -> Programme:
        """The programme as the form describes it (the pause state is kept)."""
        chosen = self.targets.targets()
        return Programme(
            self.cadence_box.currentData(),
            self.days_spin.value(),
            self.template_box.currentData() or "",
            self.starts_edit.date().toString("yyyy-MM-dd"),
            None if chosen is None else tuple(chosen),
            self.share_box.isChecked(),
            self.current.paused if self.current else None,
        )

    def accept(self) -> None:
        """Save the programme (off the GUI thread: on a share that hangs the buttons wait
        with "Saving…" above them), or say what to fix and stay open."""
        if self.writes.running():
            return
        self.save(
            store_programme,
            self.programme(),
            controls=[self.buttons.button(QDialogButtonBox.Save)],
            done=self._saved,
        )

    def _saved(self, _none: None) -> None:
        self.context.data_changed.emit(Changes(waves=True), self)
        self.close_saved()


def store_programme(path: Path, programme: Programme) -> None:
    """:func:`surveys.programme.save_programme` in one open of the workspace ``path``;
    runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.programme import save_programme

    db = open_for_section(path)
    try:
        save_programme(db, programme)
    finally:
        db.close()


def read_programme_dialog(path) -> tuple:
    """The programme, the survey templates and the departments the dialog offers, in one
    open; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.custom_templates import available_templates
    from surveys.programme import load_programme
    from surveys.store import departments

    db = open_for_section(path)
    try:
        names = [d.name for d in departments(db)]
        return load_programme(db), available_templates(db), names
    finally:
        db.close()
