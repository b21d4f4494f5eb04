"""The shared inbox in the Pulses section: what is waiting, the last ingest, the quarantine.

:class:`InboxBox` shows how many sealed answers wait in ``SHARE/inbox/``, what the last
ingest did, and every file in ``SHARE/quarantine/`` (and in the kiosk's quarantine, when
the workspace has a kiosk, marked "(kiosk)") with its reason. HR retries a file (it goes
back into its inbox for the next ingest) or deletes it after confirming, or deletes every
file quarantined for the same reason, listed or not (:mod:`.quarantine_bulk`).

The shared folder is read on a thread of Qt's global pool (a network drive that does not
answer never freezes the window); the result comes back through :attr:`InboxBox.status_read`,
which the status bar's quarantine badge follows too. It is read again when the panel asks
(workspace opened, after an ingest), after a retry or delete, and every
:data:`REFRESH_MS` while the window is open.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.panels.quarantine_bulk import COUNTING, DELETING, DeleteLike
from desktop_app.widgets.figures import grouped, grouped_count

#: How often the shared folder is read again while the window is open.
REFRESH_MS = 30_000
#: At most this many quarantined files are listed: a colleague can fill the inbox with
#: tens of thousands of junk files, and a table of them all would stall the window on every
#: refresh. The title still counts them all.
MAX_LISTED = 500


@dataclass(frozen=True)
class InboxView:
    """What was read: the share's status (``None``: no shared folder), the kiosk's (``None``:
    no kiosk) and the last ingest."""

    share: Path | None
    status: object | None  # surveys.inbox.ShareStatus
    last: dict | None
    kiosk: Path | None = None
    kiosk_status: object | None = None
    #: The workspace key's code (``surveys.key_pins.key_code``); "" before the first publish.
    key_code: str = ""
    #: The kiosk's published surveys someone else changed (the kiosk refuses them).
    kiosk_problems: tuple[str, ...] = ()

    def quarantine(self) -> list[tuple[Path, object]]:
        """``(folder, QuarantinedFile)`` for the quarantined files that were read (the first
        :data:`MAX_LISTED` of each folder), the share's first."""
        rows = []
        for folder, status in ((self.share, self.status), (self.kiosk, self.kiosk_status)):
            if status is not None:
                rows += [(folder, item) for item in status.quarantined]
        return rows

    @property
    def quarantined(self) -> int:
        """How many files are in quarantine, listed or not (0 when no folder could be read)."""
        statuses = (self.status, self.kiosk_status)
        return sum(status.quarantined_total for status in statuses if status is not None)


class _Relay(QObject):
    read = Signal(object)


class _ReadShare(QRunnable):
    """Reads the share on a pool thread; touches no widget (thread contract)."""

    def __init__(self, share: Path | None, workspace: Path, relay: _Relay) -> None:
        super().__init__()
        self.share, self.workspace, self.relay = share, workspace, relay

    def run(self) -> None:
        view = None
        try:
            view = self._read()
        finally:  # always answered (None: the read failed), so the next refresh can run
            # RuntimeError: the section was closed meanwhile, and nobody waits for it.
            with suppress(RuntimeError):
                self.relay.read.emit(view)

    def _read(self) -> InboxView:
        from surveys.inbox import share_status
        from surveys.ingest_record import last_ingest
        from surveys.kiosk import has_kiosk, kiosk_folder

        status = share_status(self.share, MAX_LISTED) if self.share is not None else None
        if status is not None and status.reachable:
            status.access_problems.extend(_changed_published(self.workspace, self.share))
        kiosk = kiosk_folder(self.workspace) if has_kiosk(self.workspace) else None
        kiosk_status = share_status(kiosk, MAX_LISTED) if kiosk is not None else None
        changed = _changed_published(self.workspace, kiosk) if kiosk is not None else []
        last = last_ingest(self.workspace)
        code = _key_code(self.workspace) if self.share is not None else ""
        kiosk_problems = tuple(f"The kiosk's {sentence}" for sentence in changed)
        return InboxView(self.share, status, last, kiosk, kiosk_status, code, kiosk_problems)


def _changed_published(workspace: Path, share: Path) -> list[str]:
    """Open waves whose published file someone else changed (said under the folder)."""
    import sqlite3

    from surveys.errors import RapportError
    from surveys.published_check import changed_published
    from surveys.store import open_workspace

    try:
        db = open_workspace(workspace, migrate=False)
    except (RapportError, sqlite3.Error, OSError):
        return []  # the window says what is wrong with the workspace elsewhere
    try:
        return changed_published(db, share)
    except (RapportError, sqlite3.Error, OSError):
        return []
    finally:
        db.close()


def _key_code(workspace: Path) -> str:
    """The code respondents compare when their app says the survey key changed."""
    from surveys.errors import RapportError
    from surveys.key_pins import key_code
    from surveys.keys import key_path, public_key

    try:
        return key_code(public_key(workspace)) if key_path(workspace).exists() else ""
    except (RapportError, OSError):
        return ""  # a damaged key file is said where the key is used (publish, ingest)


class InboxBox(QWidget):
    """The inbox count, the last ingest and the quarantine, with Retry and Delete."""

    #: An :class:`InboxView` was read (on the GUI thread).
    status_read = Signal(object)
    #: A retry or delete happened; the text says what (the panel shows it in its status).
    action_said = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share: Path | None = None
        self.workspace: Path | None = None
        self.view: InboxView | None = None
        self._relay = _Relay(self)
        self._relay.read.connect(self._on_relay_read)
        #: A read of the share runs; another refresh was asked for meanwhile.
        self._reading = self._read_again = False
        self.summary = QLabel(objectName="inboxSummary", wordWrap=True)
        self.table = QTableWidget(0, 2, objectName="quarantineTable")
        self.table.setAccessibleName(self.tr("Quarantined files"))
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was not stored")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retry_button = QPushButton(self.tr("&Retry"), objectName="quarantineRetry")
        self.retry_button.setToolTip(
            self.tr("Move the file back into the inbox; the next ingest tries it again")
        )
        self.delete_button = QPushButton(self.tr("&Delete…"), objectName="quarantineDelete")
        self.delete_like_button = QPushButton(
            self.tr("Delete all like i&t…"), objectName="quarantineDeleteLike"
        )
        self.delete_like_button.setToolTip(
            self.tr(
                "Delete every file in the same quarantine that was not stored for the same "
                "reason (its numbers aside), such as a flood of junk files, including those "
                "not listed; asks first with how many"
            )
        )
        self._delete_like = DeleteLike(self)
        self._delete_like.said.connect(self._deleted_like)
        self._delete_like.state_changed.connect(self._delete_like_state)
        self.retry_button.clicked.connect(self.retry_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_like_button.clicked.connect(self.delete_like_selected)
        self.quarantine = QGroupBox(objectName="quarantineBox")
        box_layout = QVBoxLayout(self.quarantine)
        box_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.delete_like_button)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        self.quarantine.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.quarantine)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._update_buttons()

    # -- reading -----------------------------------------------------------------------
    def watch(self, share: Path | None, workspace: Path | None) -> None:
        """Show ``share`` (``None``: none set yet) of ``workspace`` and read it now."""
        self.share, self.workspace = share, workspace
        if workspace is None:
            self.timer.stop()
            return
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Read the shared folder again (on a pool thread).

        One read at a time: a refresh asked for while one runs is made once it is done. A
        share filled with junk files can take longer to read than the 30 seconds between
        refreshes, and reads used to pile up in the pool without end.
        """
        if self.workspace is None:
            return
        if self._reading:
            self._read_again = True
            return
        self._reading, self._read_again = True, False
        QThreadPool.globalInstance().start(_ReadShare(self.share, self.workspace, self._relay))

    def _on_relay_read(self, view: InboxView | None) -> None:
        self._reading = False
        if self._read_again:
            self.refresh()
        if view is None or view.share != self.share:
            return  # an answer about a folder no longer shown
        self.view = view
        self.summary.setText(self._summary_text(view))
        self._fill_quarantine(view)
        self.status_read.emit(view)

    def _summary_text(self, view: InboxView) -> str:
        if view.share is None:
            text = self.tr("No shared folder yet: you will be asked for one when you publish.")
        elif view.status.not_set_up:
            text = self.tr(
                "Shared folder %1 is not set up for Rapport yet (it has no inbox folder): "
                "Publish… offers to set it up. If this is the wrong folder, choose another "
                "in Settings."
            ).replace("%1", str(view.share))
        elif not view.status.reachable:
            text = self.tr(
                "Shared folder %1 cannot be reached (is the network drive connected?)."
            ).replace("%1", str(view.share))
        else:
            waiting = view.status.waiting
            text = self.tr("Shared folder %1: %n answers waiting in the inbox.", "", waiting)
            text = grouped_count(text, waiting).replace("%1", str(view.share))
        last = view.last
        if last:
            files = int(last.get("files", 0))
            said = self.tr("Last ingest %1: %n files, %2 stored, %3 quarantined.", "", files)
            said = grouped_count(said, files)
            text += "\n" + said.replace("%1", str(last.get("at", "?"))).replace(
                "%2", grouped(int(last.get("stored", 0)))
            ).replace("%3", grouped(int(last.get("quarantined", 0))))
        else:
            text += "\n" + self.tr("No ingest yet.")
        if view.key_code:
            text += "\n" + self.tr(
                "Survey key code: %1. Respondents' apps show it if the key ever changes; "
                "after starting a new workspace, tell them its code."
            ).replace("%1", view.key_code)
        problems = list(view.status.access_problems) if view.share is not None else []
        for problem in problems + list(view.kiosk_problems):
            text += "\n⚠ " + problem
        return text

    def _fill_quarantine(self, view: InboxView) -> None:
        files = view.quarantine()
        listed = files[:MAX_LISTED]
        total = view.quarantined
        selected = self.selected()
        self.table.setRowCount(len(listed))
        for row, (folder, item) in enumerate(listed):
            shown = (
                item.name
                if folder == view.share
                else self.tr("(kiosk) %1").replace("%1", item.name)
            )
            cell = QTableWidgetItem(shown)
            cell.setData(Qt.UserRole, (str(folder), item.name))
            self.table.setItem(row, 0, cell)
            self.table.setItem(row, 1, QTableWidgetItem(item.reason))
            if (folder, item.name) == selected:
                self.table.selectRow(row)
        self.table.resizeRowsToContents()
        self._fit_table()
        title = self.tr("Quarantine: %n files could not be stored", "", total)
        if len(listed) < total:
            title += " " + self.tr("(the first %n are listed)", "", len(listed))
        self.quarantine.setTitle(title)
        self.quarantine.setVisible(total > 0)
        self._update_buttons()

    def _fit_table(self) -> None:
        """As tall as its rows, up to four (then it scrolls): the waves and participation
        below keep their room."""
        shown = range(min(self.table.rowCount(), 4))
        rows = sum(self.table.rowHeight(row) for row in shown)
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows + frame)

    # -- actions -----------------------------------------------------------------------
    def selected(self) -> tuple[Path, str] | None:
        """``(folder, name)`` of the selected row's quarantined file (folder: the share or
        the kiosk folder)."""
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        if item is None:
            return None
        folder, name = item.data(Qt.UserRole)
        return Path(folder), name

    def retry_selected(self) -> None:
        """Move the selected file back into the inbox (the next ingest tries it again)."""
        from surveys.inbox import retry_quarantined

        chosen = self.selected()
        if chosen is None:
            return
        folder, name = chosen
        try:
            retry_quarantined(folder, name)
        except OSError as exc:
            self._say(
                self.tr("%1 could not be moved back: %2.")
                .replace("%1", name)
                .replace("%2", exc.strerror or str(exc))
            )
        else:
            self._say(
                self.tr("%1 is back in the inbox; ingest the inbox to try it again.").replace(
                    "%1", name
                )
            )
        self.refresh()

    def delete_selected(self) -> None:
        """Delete the selected file for good, after HR confirms."""
        from surveys.inbox import delete_quarantined

        chosen = self.selected()
        if chosen is None:
            return
        folder, name = chosen
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Delete a quarantined file"),
            self.tr(
                "Delete %1 for good? If it holds someone's answers, they are lost: retry it "
                "instead if the cause can be fixed (for example by publishing a missing wave)."
            ).replace("%1", name),
            QMessageBox.Yes | QMessageBox.Cancel,
            self,
        )
        box.setObjectName("deleteQuarantinedQuestion")
        box.button(QMessageBox.Yes).setText(self.tr("&Delete"))
        box.setDefaultButton(QMessageBox.Cancel)
        if box.exec() != QMessageBox.Yes:
            return
        try:
            delete_quarantined(folder, name)
        except OSError as exc:
            self._say(
                self.tr("%1 could not be deleted: %2.")
                .replace("%1", name)
                .replace("%2", exc.strerror or str(exc))
            )
        else:
            self._say(self.tr("Deleted %1.").replace("%1", name))
        self.refresh()

    def delete_like_selected(self) -> None:
        """Find every file quarantined for the selected row's reason in its folder, listed
        or not, ask once, and delete them (on a pool thread: :mod:`.quarantine_bulk`);
        while they are deleted, the button stops the deletion."""
        if self._delete_like.state == DELETING:
            self._delete_like.stop()
            return
        rows = self.table.selectionModel().selectedRows()
        chosen = self.selected()
        if chosen is None or self._delete_like.running:
            return
        self._delete_like.begin(chosen[0], self.table.item(rows[0].row(), 1).text())

    def _delete_like_state(self, state: str) -> None:
        texts = {
            COUNTING: self.tr("Finding the files…"),  # every reason file is read
            DELETING: self.tr("Stop dele&ting"),
        }
        self.delete_like_button.setText(texts.get(state, self.tr("Delete all like i&t…")))
        self._update_buttons()

    def _deleted_like(self, text: str) -> None:
        self._say(text)
        self.refresh()

    def _say(self, text: str) -> None:
        self.action_said.emit(text)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.retry_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        state = self._delete_like.state
        self.delete_like_button.setEnabled(
            state == DELETING or (chosen and not self._delete_like.running)
        )
