"""The pulse programme in the Pulses section: what it is, its calendar, pause and resume.

The calendar lists past, open and coming waves with their dates and the group of rotating
items each asks (:func:`surveys.programme_calendar.programme_calendar`): every wave, at most
:data:`CALENDAR_ROWS` rows high, scrolled to the last two closed ones and what follows
(earlier waves a scroll up). The box owns the
:class:`~desktop_app.programme_runner.ProgrammeRunner` that publishes due waves while the
window is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.context import Changes
from desktop_app.panels.pulses_writes import read_share
from desktop_app.programme_runner import ProgrammeRunner
from desktop_app.section_reads import SectionReads
from desktop_app.workspace_reads import read_programme
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text
from surveys.model import DIMENSION_LABELS

#: The calendar's height in rows: two closed waves, the open one, the next and three more.
CALENDAR_ROWS = 7
#: Closed waves kept in view above the open and coming ones.
CONTEXT_ROWS = 2


class ProgrammeBox(QGroupBox):
    """Programme summary, calendar and buttons (set up, pause/resume, publish due now)."""

    def __init__(self, context, panel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.programme = None
        self.setObjectName("programmeBox")
        self.setTitle(self.tr("Pulse programme"))
        self.runner = ProgrammeRunner(
            context,
            panel.ask_passphrase,
            lambda: read_share(context.path),  # on the runner's thread
            self,
            confirm_share=panel.confirm_share,
        )
        self.runner.status_changed.connect(self._on_runner_status_changed)
        self.reads = SectionReads(context, self)
        self._dialog = None  # the last programme dialog opened
        # The summary's place says a write's "Saving…", else a read's "waiting", else the
        # summary: each of its own (one overwrote the other, then came back for good).
        self._said = {"write": "", "read": "", "summary": ""}
        self._survey = None  # the programme's survey, as last read
        self.reads.waiting.connect(lambda text: self._say("read", text))
        self.reads.answered.connect(self._on_reads_answered)
        self.writes = WorkspaceWrite(context, self)  # the pause, in the summary's place
        self.writes.saving.connect(
            lambda saving: self._say("write", saving_text() if saving else "")
        )
        self.summary = QLabel(objectName="programmeSummary", wordWrap=True)
        self.runner_status = QLabel(objectName="programmeStatus", wordWrap=True)
        self.runner_status.setStyleSheet("font-weight: 600;")
        self.calendar = QTableWidget(0, 5, objectName="programmeCalendar")
        self.calendar.setAccessibleName(self.tr("Calendar of waves"))
        self.calendar.setHorizontalHeaderLabels(
            [self.tr("Wave"), self.tr("Opens"), self.tr("Closes"), self.tr("Status"),
             self.tr("Items asked")]
        )  # fmt: skip
        self.calendar.verticalHeader().hide()
        self.calendar.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.calendar.setSelectionMode(QAbstractItemView.NoSelection)
        self.calendar.setFocusPolicy(Qt.TabFocus)
        self.calendar.setVerticalScrollMode(QAbstractItemView.ScrollPerItem)  # value = top row
        self._context_row = 0
        header = self.calendar.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.set_button = QPushButton(self.tr("Set &up…"), objectName="setProgramme")
        self.pause_button = QPushButton(self.tr("Pau&se"), objectName="pauseProgramme")
        self.run_button = QPushButton(self.tr("Publish due wave n&ow…"), objectName="runProgramme")
        self.set_button.clicked.connect(lambda: self.edit())
        self.pause_button.clicked.connect(self.toggle_pause)
        self.run_button.clicked.connect(lambda: self.runner.check(ask=True))
        self.calendar.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for button in (self.set_button, self.pause_button, self.run_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.runner_status)
        layout.addWidget(self.calendar)
        self.runner_status.hide()
        context.data_changed.connect(self._on_context_data_changed)

    # -- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the programme and its calendar again (off the GUI thread: on a share that
        hangs the summary says so until it answers)."""
        if self.context.path is None:
            return
        self.reads.read("programme", read_programme, self.context.path, apply=self._show)

    def _say(self, what: str, text: str) -> None:
        self._said[what] = text
        self.summary.setText(self._said["write"] or self._said["read"] or self._said["summary"])

    def _show(self, read: tuple) -> None:
        self.programme, entries, self._survey = read
        self._say("summary", self._describe(self.programme, self._survey))
        self._fill_calendar(entries)
        self._set_buttons()

    def _set_buttons(self) -> None:
        """Buttons for :attr:`programme`; Pause/Resume and Publish wait while it is read
        again (their label and the next toggle would come from the state before)."""
        has = self.programme is not None
        self.set_button.setText(self.tr("Chang&e…") if has else self.tr("Set &up…"))
        ready = not self.reads.pending("programme") and not self.writes.running()
        self.pause_button.setEnabled(has and ready)
        self.pause_button.setText(
            self.tr("Resu&me") if has and self.programme.paused else self.tr("Pau&se")
        )
        self.run_button.setEnabled(has and ready and not self.programme.paused)

    def _on_reads_answered(self, what: str) -> None:
        if what == "programme":  # dropped or failed too: the buttons come back
            self._set_buttons()

    def _describe(self, programme, survey=None) -> str:
        if programme is None:
            return self.tr(
                "No programme: waves are published by hand. Set one up to publish a wave on a "
                "cadence, with the rotating items advancing by themselves."
            )
        cadence = {
            "weekly": self.tr("every week"),
            "2-weekly": self.tr("every 2 weeks"),
            "4-weekly": self.tr("every 4 weeks"),
            "monthly": self.tr("every month"),
            "quarterly": self.tr("every quarter"),
        }[programme.cadence]
        text = (
            self.tr("%1, %2 from %3, each wave open %n days.", "", programme.days_open)
            .replace("%1", survey.title if survey is not None else programme.template)
            .replace("%2", cadence)
            .replace("%3", programme.starts)
        )
        if programme.paused:
            text += " " + self.tr("Paused since %1: no new wave is published.").replace(
                "%1", programme.paused
            )
        return text

    def _fill_calendar(self, entries) -> None:
        # Every wave, scrolled to the last two closed ones (context), then what is open and
        # what comes next; the earlier ones are a scroll up, not missing.
        closed = sum(1 for e in entries if e.state == "closed")
        self._context_row = max(closed - CONTEXT_ROWS, 0)
        states = {
            "closed": self.tr("closed"),
            "open": self.tr("open"),
            "stopped": self.tr("answers stopped"),
            "draft": self.tr("draft"),
            "next": self.tr("next"),
            "planned": self.tr("planned"),
            "paused": self.tr("paused"),
        }
        self.calendar.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            items = "" if entry.rotation is None else (
                self.tr("group %1 of %2: %3").replace("%1", str(entry.rotation + 1))
                .replace("%2", str(entry.groups))
                .replace("%3", ", ".join(DIMENSION_LABELS.get(i, i) for i in entry.items))
            )  # fmt: skip
            if not entry.programme:
                items = items or self.tr("published by hand")
            closes = entry.closes or ""
            if entry.closed_early:  # as the waves table above says it
                closes = self.tr("%1 (early)").replace("%1", closes)
            cells = [entry.wave, entry.opens or "", closes,
                     states.get(entry.state, entry.state), items]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.state in ("open", "stopped", "next"):
                    font = QFont()
                    font.setBold(True)
                    item.setFont(font)
                self.calendar.setItem(row, column, item)
        rows = min(len(entries), CALENDAR_ROWS)
        height = self.calendar.horizontalHeader().height() + 2 * self.calendar.frameWidth()
        height += sum(self.calendar.rowHeight(r) for r in range(rows))
        self.calendar.setFixedHeight(height + 2)
        self.scroll_calendar()
        QTimer.singleShot(0, self, self.scroll_calendar)  # again once the table is laid out

    def scroll_calendar(self) -> None:
        """The last closed waves at the top, the open and coming ones under them."""
        bar = self.calendar.verticalScrollBar()
        bar.setValue(min(self._context_row, bar.maximum()))

    # -- actions -----------------------------------------------------------------------
    def edit(self):
        """Open the programme dialog (set it up or change it) once what it offers is read
        (off the GUI thread: on a share that hangs the summary says so and the dialog
        opens when the folder answers); the dialog, or ``None`` until then. A dialog
        closed while its save still waits is shown again instead."""
        from desktop_app.programme_dialog import read_programme_dialog

        if self._dialog is not None and isValid(self._dialog) and self._dialog.show_again():
            return self._dialog
        opened: list = []
        self.reads.read(
            "programme dialog",
            read_programme_dialog,
            self.context.path,
            apply=lambda read: opened.append(self._open_dialog(read)),
            asked=True,
        )
        return opened[0] if opened else None

    def _open_dialog(self, read: tuple):
        from desktop_app.programme_dialog import ProgrammeDialog

        dialog = self._dialog = ProgrammeDialog(self.context, self, read)
        dialog.accepted.connect(lambda: self.runner.check())
        dialog.open()
        return dialog

    def toggle_pause(self) -> None:
        """Pause a running programme, resume a paused one (off the GUI thread: on a share
        that hangs the summary says that it saves, the buttons waiting)."""
        if self.programme is None:
            return
        resumed = bool(self.programme.paused)
        self.writes.run(
            store_paused,
            self.context.path,
            not resumed,
            controls=[self.set_button, self.pause_button, self.run_button],
            done=lambda programme: self._paused(programme, resumed),
            failed=lambda exc: self._say("summary", failed_text(exc, self.context.path)),
        )

    def _paused(self, programme, resumed: bool) -> None:  # noqa: ANN001 - a Programme
        # The programme as saved, until the calendar is read again (that read may wait).
        self.programme = programme
        self._say("summary", self._describe(programme, self._survey))
        self.context.data_changed.emit(Changes(waves=True), self)
        self._set_buttons()
        if resumed:
            self.runner.check()

    def _on_runner_status_changed(self, text: str) -> None:
        self.runner_status.setText(text)
        self.runner_status.setVisible(bool(text))

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(waves=True, responses=True)):
            self.reload()


def store_paused(path, paused: bool):  # noqa: ANN001, ANN201 - a Path; a Programme
    """Pause (or resume) the workspace's programme in one open of it, and return it as
    saved; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.programme import set_paused

    db = open_for_section(path)
    try:
        return set_paused(db, paused)
    finally:
        db.close()
