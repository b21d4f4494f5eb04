"""Pulses: create waves from templates, publish and close them (closing:
:mod:`desktop_app.panels.pulses_close`), ingest the inbox, see what is waiting and what was
quarantined (:mod:`desktop_app.panels.pulses_inbox`), and watch participation against
headcount.

Publishing and ingesting run as jobs (the key derivation and the inbox can take a while),
with the passphrase asked for each time and never stored. "Show respondents what changed
since the last pulse" publishes with the previous wave's shareable results (as
``rapport publish --share-results``); that job analyses, so it runs in the worker process.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.context import Changes
from desktop_app.models.pulses_model import ParticipationModel, WavesModel
from desktop_app.panels.base import Panel, heading
from desktop_app.panels.ingest_text import ingest_summary
from desktop_app.panels.pulses_close import CloseActions
from desktop_app.panels.pulses_delete import DeleteDraftActions
from desktop_app.panels.pulses_inbox import InboxBox
from desktop_app.panels.pulses_programme import ProgrammeBox
from desktop_app.panels.pulses_publish import PublishActions
from desktop_app.panels.pulses_tickets import TicketBox, signing_text
from desktop_app.panels.pulses_writes import PulsesWriting
from desktop_app.section_reads import SectionReads
from desktop_app.wave_dialog import WaveDialog, read_wave_dialog
from desktop_app.widgets.figures import grouped
from desktop_app.widgets.status_line import StatusLine
from desktop_app.widgets.table_height import fit_to_rows, rows_height
from desktop_app.widgets.warning_text import mark_warning
from desktop_app.workspace_reads import read_participation, read_pulses, read_share
from desktop_app.workspace_write import WorkspaceWrite
from surveys.bands import format_share
from surveys.pulses import (
    LOW_PARTICIPATION,
    WaveInfo,
)

#: The participation table shows this many departments before it scrolls.
PARTICIPATION_ROWS = 12
#: The waves table shows at least this many waves (half a year of monthly pulses).
WAVE_ROWS = 7


def _table(name: str, model) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PulsesPanel(CloseActions, DeleteDraftActions, PublishActions, PulsesWriting, Panel):
    """Waves, publishing, ingest and participation."""

    section = "pulses"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.job = None
        self._wave_dialog: WaveDialog | None = None  # the last New wave dialog opened
        self.reads = SectionReads(context, self)
        self.reads.waiting.connect(self._on_reads_waiting)
        self.reads.answered.connect(self._update_buttons)  # the shared folder was read
        self.writes = WorkspaceWrite(context, self)  # one at a time, the buttons waiting
        self.writes.saving.connect(self._on_writes_saving)
        self.waves_model = WavesModel(self)
        self.participation_model = ParticipationModel(self)
        self.waves_table = _table("wavesTable", self.waves_model)
        self.waves_table.setAccessibleName(self.tr("Waves"))
        self.waves_table.setWordWrap(False)  # survey titles stay on one line
        header = self.waves_table.horizontalHeader()  # the survey's title takes the room left
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.waves_table.selectionModel().selectionChanged.connect(self._on_wave_selection)
        self.participation_table = _table("participationTable", self.participation_model)
        self.participation_table.setAccessibleName(self.tr("Participation"))
        header = self.participation_table.horizontalHeader()  # the figures stay side by side
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.inbox = InboxBox()
        self.tickets = TicketBox(context)
        self.tickets.passphrase_needed.connect(self._on_tickets_passphrase_needed)
        self.kiosk_label = QLabel(objectName="kioskLabel", wordWrap=True)
        self.kiosk_label.hide()
        self.status = StatusLine(objectName="pulsesStatus", wordWrap=True)
        self.inbox.action_said.connect(self.status.setText)
        self.tickets.signing_said.connect(self.status.setText)
        self.participation_heading = QLabel(objectName="participationHeading")
        self.participation_heading.setStyleSheet("font-weight: 600;")
        self.participation_warning = QLabel(objectName="participationWarning", wordWrap=True)
        self.programme_box = ProgrammeBox(context, self)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("Pulses")))
        layout.addWidget(self.inbox)
        layout.addWidget(self.tickets)
        layout.addWidget(self.kiosk_label)
        layout.addLayout(self._buttons())
        layout.addWidget(self.status)
        # Waves right under the buttons that act on them, above their participation, each
        # full width: side by side, a laptop-sized window cut the columns. The programme
        # (cadence and calendar) comes last: above, it pushed the waves off the first screen.
        # When the window is short the section scrolls instead of squeezing the tables.
        # The participation table is as tall as its departments (up to a dozen, then it
        # scrolls): with ten lines at least, two departments sat above a blank band.
        self.waves_table.setMinimumHeight(rows_height(self.waves_table, WAVE_ROWS))
        fit_to_rows(self.participation_table, PARTICIPATION_ROWS, min_rows=2)
        layout.addWidget(self.waves_table, 1)
        # On a share that hangs: said under the waves, not an empty table (no waves yet).
        self.waiting = QLabel(objectName="pulsesWaiting", wordWrap=True)
        mark_warning(self.waiting, True)
        self.waiting.hide()
        layout.addWidget(self.waiting)
        layout.addWidget(self.participation_heading)
        layout.addWidget(self.participation_table)
        layout.addWidget(self.participation_warning)
        layout.addWidget(self.programme_box)
        self.set_scrolling_body(body)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Pulses")

    def _buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(self.tr("&New wave…"), objectName="newWave")
        self.publish_button = self._make_publish_button()
        self.close_button = QPushButton(self.tr("&Close wave"), objectName="closeWave")
        self.ingest_button = QPushButton(self.tr("&Ingest inbox…"), objectName="ingestInbox")
        self.delete_button = self._make_delete_button()
        self.share_results_box = self._make_share_results_box()
        self.new_button.clicked.connect(self.new_wave)
        self.close_button.clicked.connect(self.close_selected)
        self.ingest_button.clicked.connect(lambda: self.ingest_inbox())
        self.publish_button.setToolTip(
            self.tr("Open the wave and write it to SHARE/published/ so respondents' apps see it")
        )
        self.ingest_button.setToolTip(
            self.tr("Take the sealed answers waiting in SHARE/inbox/ into this workspace")
        )
        row = QHBoxLayout()
        buttons = (self.new_button, self.publish_button, self.close_button, self.delete_button)
        for button in (*buttons, self.ingest_button):
            row.addWidget(button)
        row.addSpacing(self.fontMetrics().height())
        row.addWidget(self.share_results_box)
        row.addStretch(1)
        return row

    # -- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Read waves, the shared folder and the selected wave's participation again (off
        the GUI thread: on a share that hangs the section says so under the waves)."""
        if self.context.path is None:
            return
        if not self.isVisible():
            # Hidden (opening a workspace, an analysis finished), the section reads again
            # once shown: filling its tables froze the window 0.17 s on a big workspace.
            # The status bar's quarantine badge needs only the shared folder, read without
            # the GUI thread waiting for it.
            self.when_visible("reload", self.reload)
            self.reads.read("badge", read_share, self.context.path, apply=self._watch, wait=0)
            return
        self.reads.read("pulses", read_pulses, self.context.path, apply=self._show)

    def _watch(self, share: str | None) -> None:
        """Watch the shared folder's inbox (the quarantine badge) and tickets."""
        self.inbox.watch(Path(share) if share else None, self.context.path)
        self.tickets.watch(Path(share) if share else None)

    def _on_reads_waiting(self, text: str) -> None:
        self.waiting.setText(text)
        self.waiting.setVisible(bool(text))

    def _show(self, read: tuple) -> None:
        waves, share, share_results, kiosk = read
        selected = self.selected_wave()
        self.waves_model.set_waves(waves)
        self._show_kiosk(kiosk)
        self.share_results_box.blockSignals(True)
        self.share_results_box.setChecked(share_results)
        self.share_results_box.blockSignals(False)
        self._watch(share)
        names = [w.name for w in waves]
        name = (
            selected.name if selected and selected.name in names else (names[0] if names else None)
        )
        if name is not None:
            self.waves_table.selectRow(names.index(name))
        self._show_participation()
        self._update_buttons()
        self.programme_box.reload()

    def _show_kiosk(self, waiting: int | None) -> None:
        """Kiosk answers waiting to be ingested (sealed, in WORKSPACE/kiosk/inbox; read
        with the waves): ``None`` when this computer has no kiosk."""
        if waiting is None:
            self.kiosk_label.hide()
            return
        self.kiosk_label.setText(
            self.tr("Kiosk on this computer: 1 sealed answer waiting to be ingested.")
            if waiting == 1
            else self.tr(
                "Kiosk on this computer: %1 sealed answers waiting to be ingested."
            ).replace("%1", grouped(waiting))
        )
        self.kiosk_label.show()

    def selected_wave(self) -> WaveInfo | None:
        """The wave of the selected row."""
        rows = self.waves_table.selectionModel().selectedRows()
        return self.waves_model.waves[rows[0].row()] if rows else None

    def _show_participation(self) -> None:
        wave = self.selected_wave()
        if wave is None or self.context.path is None:
            self.participation_model.set_rows([])
            fit_to_rows(self.participation_table, PARTICIPATION_ROWS, min_rows=2)
            self.participation_heading.setText(self.tr("Participation"))
            # Two empty tables said nothing of what to do (a new workspace).
            self.participation_warning.setText(
                self.tr(
                    "No waves yet. New wave… sets up a pulse as a draft, and Publish… sends "
                    "it to the respondents. Answers collected in another tool come in with "
                    "File › Import responses… (Ctrl+I)."
                )
                if not self.waves_model.waves
                else self.tr("Select a wave to see who answered, against headcount.")
            )
            return
        if wave.status == "draft":
            self._show_draft(wave.name)
            return
        self.reads.read(
            "participation",
            read_participation,
            self.context.path,
            wave.name,
            apply=lambda read: self._fill_participation(wave.name, *read),
        )

    def _show_draft(self, wave: str) -> None:
        """A draft was sent to nobody: no rates, no "low participation" nor a reminder to
        send (every department read "0 % — low" for a wave not yet published)."""
        self.participation_model.set_rows([])
        fit_to_rows(self.participation_table, PARTICIPATION_ROWS, min_rows=2)
        self.participation_heading.setText(self.tr("Participation in %1").replace("%1", wave))
        self.participation_warning.setText(
            self.tr(
                "%1 is a draft: nobody has been asked yet. Publish… sends it to the "
                "respondents; who answered shows here against headcount from then on."
            ).replace("%1", wave)
        )

    def _fill_participation(self, wave: str, rows: list, at_kiosk: int, plan) -> None:  # noqa: ANN001
        selected = self.selected_wave()
        if selected is None or selected.name != wave:
            return  # another wave was chosen meanwhile
        self.participation_model.set_rows(rows)
        fit_to_rows(self.participation_table, PARTICIPATION_ROWS, min_rows=2)
        heading = self.tr("Participation in %1 against headcount").replace("%1", wave)
        if at_kiosk:
            heading += " " + (
                self.tr("(1 answer at the kiosk)")
                if at_kiosk == 1
                else self.tr("(%1 answers at the kiosk)").replace("%1", grouped(at_kiosk))
            )
        self.participation_heading.setText(heading)
        low = [r.department for r in rows if r.low]
        self.participation_warning.setText(self._low_text(selected, low, plan) if low else "")

    def _low_text(self, wave: WaveInfo, low: list[str], plan) -> str:  # noqa: ANN001
        """The departments under the low share; while the wave takes answers, when the
        respondents' apps remind them ("Consider a reminder." said nothing of how)."""
        text = (
            self.tr(
                "Low participation (under %1 of headcount): %2. Results from few answers are "
                "less reliable, and small groups are hidden."
            )
            .replace("%1", format_share(LOW_PARTICIPATION))
            .replace("%2", ", ".join(low))
        )
        if wave.status == "open" and wave.stopped is None:
            text += " " + (
                self.tr(
                    "Respondents' apps remind those who have not answered %1; a message "
                    "from you helps too."
                ).replace("%1", plan.describe())
                if plan.after_opening_days or plan.before_closing_days
                else self.tr("This wave sends no reminders: a message from you may help.")
            )
        return text

    # -- actions -----------------------------------------------------------------------
    def new_wave(self) -> WaveDialog | None:
        """Open the New wave dialog once what it offers is read (off the GUI thread: on a
        share that hangs the section says so under the waves and the dialog opens when the
        folder answers); the dialog, or ``None`` until then. A dialog closed while its save
        still waits is shown again instead (a second one saved the same wave twice)."""
        shown = self._wave_dialog
        if shown is not None and isValid(shown) and shown.show_again():
            return shown
        opened: list[WaveDialog] = []
        self.reads.read(
            "wave dialog",
            read_wave_dialog,
            self.context.path,
            apply=lambda read: opened.append(self._open_wave_dialog(read)),
            asked=True,
        )
        return opened[0] if opened else None

    def _open_wave_dialog(self, read: tuple) -> WaveDialog:
        dialog = self._wave_dialog = WaveDialog(self.context, self, read)
        dialog.accepted.connect(lambda: self._after_new_wave(dialog))
        dialog.open()
        return dialog

    def _after_new_wave(self, dialog: WaveDialog) -> None:
        if dialog.created is not None:
            names = [w.name for w in self.waves_model.waves]
            if dialog.created.name in names:
                self.waves_table.selectRow(names.index(dialog.created.name))
            self.status.setText(
                self.tr("Wave %1 saved as a draft. Publish it when ready.").replace(
                    "%1", dialog.created.name
                )
            )

    def ingest_inbox(self):
        """Take the shared inbox (and the kiosk's) into the workspace as a job; the job,
        or ``None`` (HR cancelled, or the shared folder is still being read: on a share
        that hangs, the ingest goes on once it answers)."""
        from surveys.kiosk import has_kiosk

        kiosk = has_kiosk(self.context.path)
        return self.with_share(lambda share: self._ingest_from(share, kiosk), ask=not kiosk)

    def _ingest_from(self, share: Path | None, kiosk: bool):  # noqa: ANN202 - a Job or None
        if share is None and not kiosk:
            return None
        path = share / "inbox" if share is not None else None
        if share is None:
            purpose = self.tr("Opening the sealed answers of the kiosk on this computer.")
        elif kiosk:
            purpose = self.tr(
                "Opening the sealed answers of the kiosk on this computer and of the shared inbox:"
            )
        else:
            purpose = self.tr("Opening the sealed answers in the shared inbox:")
        passphrase = self.ask_passphrase(purpose, path=path, action=self.tr("&Ingest"))
        if passphrase is None:
            return None

        # In the worker process: decrypting thousands of files never stalls this window.
        label = self.tr("Ingesting the inbox")
        job = self._track(
            label,
            self.context.submit_process(label, "surveys.kiosk:ingest_all", share, passphrase),
        )
        job.succeeded.connect(self._on_ingest_succeeded)
        job.finished.connect(self.inbox.refresh)  # also after a failure or cancel
        job.finished.connect(self.tickets.refresh)  # ingest signs pending requests first
        return job

    def _on_tickets_passphrase_needed(self) -> None:
        self.tickets.start_signing(
            self.ask_passphrase(
                self.tr(
                    "Signing participation tickets every minute while this window is open. "
                    "The passphrase stays in memory only, until you switch signing off."
                ),
                action=self.tr("&Sign tickets"),
            )
        )

    def _on_ingest_succeeded(self, report) -> None:
        message = ingest_summary(report)
        for item in report.skipped:
            message += " " + self.tr("Left in inbox/%1: %2.").replace("%1", item.name).replace(
                "%2", item.reason
            )
        signing = getattr(report, "tickets", None)
        if signing is not None and (signing.signed or signing.refused_count):
            message += " " + signing_text(signing)
        for warning in signing.warnings if signing is not None else ():
            message += " " + warning
        for sentence in getattr(report, "published", ()):
            message += " " + sentence  # someone rewrote a published survey: written back
        self._done(Changes(responses=True), message)
        if report.stored or report.replaced:
            self.context.analysis_wanted.emit()

    def _track(self, label: str, job):
        """Show ``job``'s progress and outcome in the status line; one job at a time."""
        self.job = job
        self.status.setText(self.tr("%1…").replace("%1", label))
        self.job.progressed.connect(
            lambda fraction, message: self.status.setText(f"{label}: {message}")
        )
        self.job.failed.connect(lambda error: self.status.setText(error.message))
        self.job.cancelled.connect(
            lambda: self.status.setText(
                self.tr("%1 was cancelled; nothing was half-done.").replace("%1", label)
            )
        )
        self.job.finished.connect(self._on_job_finished)
        self._update_buttons()
        return self.job

    def _done(self, changes: Changes, message: str) -> None:
        """Show the outcome of a job and announce what it wrote."""
        self.status.setText(message)
        self.context.data_changed.emit(changes, self)

    def _on_job_finished(self) -> None:
        self.job = None
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        wave = self.selected_wave()
        # The shared folder's setting being read for Publish…, Close wave or Ingest: a
        # second of them would supersede the first, dropped without a word.
        busy = self.writes.running() or self.reads.pending("share")
        idle = self.job is None and self.context.path is not None and not busy
        self.new_button.setEnabled(idle)
        self.publish_button.setEnabled(idle and wave is not None and wave.status != "closed")
        self.publish_button.setText(
            self.tr("Re&publish…") if wave and wave.status == "open" else self.tr("&Publish…")
        )
        self.close_button.setEnabled(idle and wave is not None and wave.status != "closed")
        draft = wave is not None and wave.status == "draft"
        self.delete_button.setEnabled(idle and draft)
        self.ingest_button.setEnabled(idle)

    def _on_wave_selection(self, *_args) -> None:
        self._show_participation()
        self._update_buttons()

    def _on_context_workspace_opened(self, path) -> None:
        self.tickets.stop_signing()  # the passphrase was for the other workspace
        self.status.clear()
        # Nothing of the previous workspace stays listed while this one's read waits:
        # Publish… or Close wave would act on the wave of that name here.
        self.waves_model.set_waves([])
        self.participation_model.set_rows([])
        self.participation_warning.clear()
        self._update_buttons()
        self.reload()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        # settings: the shared folder may have changed (Settings), which the inbox watches
        if changes.settings:
            self.read_share_again()  # a Publish… waiting for it goes to the new one
        if changes.touches(Changes(waves=True, responses=True, departments=True, settings=True)):
            self.reload()

    def _on_context_analysis_finished(self, result) -> None:
        self.reload()
