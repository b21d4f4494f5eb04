"""Participation tickets in the Pulses section: pending, signed and refused requests.

:class:`TicketBox` shows how many ticket requests wait in ``SHARE/requests/``, how many
tickets the open waves have given and how many requests were refused (by reason), and
warns when the shared folder does not record who wrote a file (one owner for everyone).

"Sign requests every minute" asks for the workspace passphrase once and keeps it in this
window's memory only (never on disk) until it is switched off or the window closes; every
:data:`SIGN_EVERY_MS` a job signs what is pending (:func:`surveys.tickets.sign_pending`).
``rapport ingest`` and ``rapport tickets`` sign too, so the window need not stay open.

The counts are read on a thread of Qt's global pool, like the inbox (a network drive that
does not answer never freezes the window).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from desktop_app.widgets.figures import grouped

#: How often pending requests are signed while signing is on.
SIGN_EVERY_MS = 60_000
#: How often the counts are read again.
REFRESH_MS = 30_000


class _Relay(QObject):
    read = Signal(object, object)  # (share, TicketStatus or an error text)


class _ReadTickets(QRunnable):
    """Reads the ticket counts on a pool thread; touches no widget (thread contract)."""

    def __init__(self, share: Path | None, workspace: Path, relay: _Relay) -> None:
        super().__init__()
        self.share, self.workspace, self.relay = share, workspace, relay

    def run(self) -> None:
        from surveys.errors import RapportError
        from surveys.tickets import ticket_status

        try:
            status = ticket_status(self.workspace, self.share)
        except (RapportError, OSError) as exc:
            status = str(exc)
        self.relay.read.emit(self.share, status)


class TicketBox(QWidget):
    """Ticket requests: the counts, any warning, and signing while the window is open."""

    #: Signing was switched on and needs the passphrase: the panel asks and calls
    #: :meth:`start_signing` with it (or unticks the box when HR cancels).
    passphrase_needed = Signal()
    #: A signing pass ended; the text says what it did.
    signing_said = Signal(str)

    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.context = context
        self.share: Path | None = None
        self.status = None
        self._passphrase: str | None = None
        self._job = None
        self._relay = _Relay(self)
        self._relay.read.connect(self._on_relay_read)
        self.summary = QLabel(objectName="ticketSummary", wordWrap=True)
        self.summary.setToolTip(
            self.tr(
                "Each respondent's app asks for one participation ticket per wave. Signing "
                "it lets one answer per person in without HR learning whose answer it is; "
                "answers without a ticket are quarantined."
            )
        )
        self.warning = QLabel(objectName="ticketWarning", wordWrap=True)
        self.warning.setStyleSheet(
            "color: palette(bright-text); background: #8a3b12; padding: 4px;"
        )
        self.warning.hide()
        self.sign_box = QCheckBox(
            self.tr("Sign ticket requests every minute while this window is open"),
            objectName="signTickets",
        )
        self.sign_box.setToolTip(
            self.tr(
                "Asks for the workspace passphrase once and keeps it in memory (never on disk) "
                "until you switch this off or close the window"
            )
        )
        self.sign_box.toggled.connect(self._on_sign_box_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.sign_box)
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.sign_timer = QTimer(self, interval=SIGN_EVERY_MS)
        self.sign_timer.timeout.connect(self.sign_now)

    # -- reading -----------------------------------------------------------------------
    def watch(self, share: Path | None) -> None:
        """Show the tickets of ``share`` (``None``: no shared folder yet) and read them."""
        self.share = share
        if self.context.path is None:
            self.refresh_timer.stop()
            return
        self.refresh_timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the counts again (on a pool thread)."""
        if self.context.path is not None:
            task = _ReadTickets(self.share, Path(self.context.path), self._relay)
            QThreadPool.globalInstance().start(task)

    def _on_relay_read(self, share, status) -> None:  # noqa: ANN001
        if share != self.share:
            return
        if isinstance(status, str):
            self.summary.setText(
                self.tr("Ticket requests cannot be read: %1").replace("%1", status)
            )
            return
        self.status = status
        text = self.tr("Ticket requests: %1 pending, %2 signed in the open waves, %3 refused.")
        refused = sum(status.refused.values())
        text = text.replace("%1", grouped(status.pending)).replace("%2", grouped(status.signed))
        text = text.replace("%3", grouped(refused))
        for reason, count in sorted(status.refused.items()):
            text += "\n" + self.tr("Refused %1: %2.").replace("%1", grouped(count)).replace(
                "%2", reason
            )
        if status.pending and not self.signing:
            text += "\n" + self._waiting_text(status.pending)
        self.summary.setText(text)
        self.warning.setText("\n".join(status.warnings))
        self.warning.setVisible(bool(status.warnings))

    def _waiting_text(self, pending: int) -> str:
        """What pending requests wait for, and how HR gives it (a new analyst saw "1
        pending" and nothing of what to do)."""
        return self.tr(
            "%n respondents wait for their ticket: their answers stay on their computers "
            "until it is signed. Ingest inbox… signs them, or tick the box below.",
            "",
            pending,
        )

    # -- signing -----------------------------------------------------------------------
    def _on_sign_box_toggled(self, on: bool) -> None:
        if on and self._passphrase is None:
            self.passphrase_needed.emit()
        elif not on:
            self.stop_signing()

    def start_signing(self, passphrase: str | None) -> None:
        """Sign now and every minute with ``passphrase`` (``None``: HR cancelled)."""
        if passphrase is None:
            self.sign_box.blockSignals(True)
            self.sign_box.setChecked(False)
            self.sign_box.blockSignals(False)
            return
        self._passphrase = passphrase
        self.sign_timer.start()
        self.sign_now()

    def stop_signing(self) -> None:
        """Forget the passphrase and stop signing."""
        self._passphrase = None
        self.sign_timer.stop()
        self.sign_box.blockSignals(True)
        self.sign_box.setChecked(False)
        self.sign_box.blockSignals(False)

    @property
    def signing(self) -> bool:
        return self._passphrase is not None

    def sign_now(self):
        """Sign what is pending now (a job on the worker thread); ``None`` if not possible."""
        if self._passphrase is None or self.share is None or self._job is not None:
            return None
        from surveys.tickets import sign_pending

        share, passphrase = self.share, self._passphrase
        self._job = self.context.submit(
            self.tr("Signing ticket requests"),
            lambda path, progress: sign_pending(path, share, passphrase, progress=progress),
        )
        self._job.succeeded.connect(self._on_job_succeeded)
        self._job.failed.connect(self._on_job_failed)
        self._job.finished.connect(self._on_job_finished)
        return self._job

    def _on_job_succeeded(self, report) -> None:  # noqa: ANN001 - SigningReport
        if report.signed or report.refused_count:
            self.signing_said.emit(signing_text(report))

    def _on_job_failed(self, error) -> None:  # noqa: ANN001 - UserFacingError
        self.stop_signing()  # e.g. a wrong passphrase: do not try it again every minute
        self.signing_said.emit(error.message)

    def _on_job_finished(self) -> None:
        self._job = None
        self.refresh()


def signing_text(report) -> str:  # noqa: ANN001 - SigningReport
    """What a signing pass did, in words (also after an ingest, which signs first)."""
    translate = QCoreApplication.translate
    signed = translate("TicketBox", "Ticket requests: %n signed", "", report.signed)
    refused = translate("TicketBox", "%n refused", "", report.refused_count)
    return f"{signed}, {refused}."
