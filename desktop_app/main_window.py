"""The HR window: a frame of sections (panels), menus, a workspace picker and a status bar.

The window only arranges things. Each section is a :class:`~desktop_app.panels.base.Panel`
listed in :data:`PANELS`; long work goes through the shared
:class:`~desktop_app.context.WorkspaceContext`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import read_threads
from desktop_app.context import WorkspaceContext
from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.runner import Job
from desktop_app.panels.actions_panel import ActionsPanel
from desktop_app.panels.comments_panel import CommentsPanel
from desktop_app.panels.overview_panel import OverviewPanel
from desktop_app.panels.pair_page import PairPage
from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.panels.relationships_panel import RelationshipsPanel
from desktop_app.panels.settings_panel import SettingsPanel
from desktop_app.panels.themes_panel import ThemesPanel
from desktop_app.settings import (
    forget_workspace,
    load_settings,
    recent_workspaces,
    remember_workspace,
    save_settings,
)
from desktop_app.widgets import plain_labels
from desktop_app.widgets.job_status import JobStatus
from desktop_app.widgets.kept_edits import discard_typed
from desktop_app.widgets.participation_status import ParticipationStatus
from desktop_app.widgets.plain_text import no_mnemonic
from desktop_app.widgets.quarantine_badge import QuarantineBadge
from desktop_app.widgets.screen_fit import fit_to_screen, room_for
from desktop_app.widgets.tab_out import let_tab_leave
from desktop_app.widgets.welcome import WelcomePage
from desktop_app.widgets.workspace_picker import WorkspacePicker
from desktop_app.window_analysis import WindowAnalysis
from desktop_app.window_menus import WindowMenus
from desktop_app.window_open import WindowOpen

# window_analysis imports workspace_reads, which imports the store (and sqlite-utils, which
# imports pandas and numpy when installed) at start-up: imported lazily on the GUI thread
# while a job runs, it stalled the window for most of a second.

log = logging.getLogger(__name__)


#: The sections of the window, in the order of the sidebar (and of Ctrl+1, Ctrl+2...).
PANELS = (
    OverviewPanel,
    RelationshipsPanel,
    CommentsPanel,
    ThemesPanel,
    ActionsPanel,
    PulsesPanel,
    SettingsPanel,
)


class MainWindow(WindowMenus, WindowAnalysis, WindowOpen, QMainWindow):
    """The HR workspace window."""

    def __init__(self, context: WorkspaceContext | None = None) -> None:
        super().__init__()
        plain_labels.install()  # names from files are never drawn as HTML
        read_threads.warm()  # opening a workspace then waits for no thread to start
        self.setObjectName("hr_main_window")
        self.context = context or WorkspaceContext(self)
        self.settings = load_settings()
        self.analysis_job: Job | None = None
        self.analysed_at: datetime | None = None
        self.min_group: int | None = None  # the open workspace's threshold, for About
        self.guide = None
        self._back_to: tuple[QWidget | None, QWidget | None] = (None, None)
        self.setWindowTitle(self.tr("Rapport"))
        self._build_sections()
        self._build_status_bar()
        self._build_reads()
        self._build_opener()
        self._build_menus()
        self._connect_context()
        self._restore_geometry()
        self._show_welcome(True)
        self.context.warm_up()  # the worker process imports the engine while we start

    # -- building ----------------------------------------------------------------------
    def _build_sections(self) -> None:
        self.picker = WorkspacePicker()
        self.sidebar = QListWidget(objectName="sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.stack = QStackedWidget(objectName="sections")
        self.welcome = WelcomePage()
        self.stack.addWidget(self.welcome)
        self._build_panels()
        # Room around each name (the rows touched); the highlight shows where the focus is,
        # without the dotted focus frame a style sheet otherwise draws inside it.
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { outline: 0; } QListWidget#sidebar::item { padding: 4px 6px; }"
        )
        width = max(self.sidebar.sizeHintForColumn(0), self.fontMetrics().averageCharWidth() * 18)
        self.sidebar.setMinimumWidth(width + 24)
        left = QWidget(objectName="sidebarArea")
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 0, 6)
        label = QLabel(self.tr("Wor&kspace"))
        label.setBuddy(self.picker)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addWidget(self.sidebar, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        # The sidebar as narrow as its names allow (a list view asks for 256 pixels): on a
        # laptop screen every column is needed by the section beside it.
        splitter.setSizes([self.sidebar.minimumWidth() + 6, 1 << 16])
        self.setCentralWidget(splitter)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        self.sidebar.itemClicked.connect(lambda item: self.show_section_row(self.sidebar.row(item)))
        self.picker.workspace_chosen.connect(self.open_workspace)
        self.picker.other_requested.connect(self.choose_workspace)
        self.welcome.open_requested.connect(self.choose_workspace)
        self.welcome.new_requested.connect(self.new_workspace)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_chosen.connect(self.open_workspace)
        self.welcome.recent_removed.connect(self._on_welcome_recent_removed)
        self.welcome.recent_checked.connect(self._refresh_recent_menu)

    def _build_panels(self) -> None:
        """The sections and a pair's page, empty until a workspace opens (also after one
        was closed: nothing of it stays in a table or a form)."""
        self.panels = []
        self.sidebar.clear()
        for panel_class in PANELS:
            panel = panel_class(self.context)
            self.stack.insertWidget(len(self.panels), panel)
            self.panels.append(panel)
            item = QListWidgetItem(panel.title())
            item.setData(Qt.UserRole, panel.section)
            self.sidebar.addItem(item)
        self.pair_page = PairPage(self.context)
        self.stack.addWidget(self.pair_page)
        self.pair_page.back_requested.connect(self.go_back)
        self.pair_page.comments_requested.connect(self.show_pair_comments)
        self.panel("themes").comments_requested.connect(self.show_pair_comments)
        self.panel("settings").organisation.renamed.connect(self.show_title)
        let_tab_leave(self.stack)  # every section's tables: Tab moves on, arrows move within
        self.panel("overview").overdue.action_requested.connect(self.show_action)
        if hasattr(self, "quarantine_badge"):  # built after the first sections
            self.panel("pulses").inbox.status_read.connect(self.quarantine_badge.show_view)

    def _build_status_bar(self) -> None:
        self.analysis_label = QLabel(objectName="lastAnalysis")
        self.share_label = QLabel(objectName="shareSilent")  # the folder does not answer
        self.share_label.setWordWrap(True)
        self.share_label.hide()
        self.participation_label = ParticipationStatus(self.context)
        self.job_status = JobStatus(self.context.runner)
        self.quarantine_badge = QuarantineBadge()
        self.quarantine_badge.clicked.connect(lambda: self.show_section("pulses"))
        self.panel("pulses").inbox.status_read.connect(self.quarantine_badge.show_view)
        bar = self.statusBar()
        bar.addWidget(self.analysis_label)
        bar.addWidget(self.participation_label)
        bar.addWidget(self.share_label, 1)
        bar.addPermanentWidget(self.quarantine_badge)
        bar.addPermanentWidget(self.job_status)

    def _connect_context(self) -> None:
        self.context.workspace_opened.connect(self._on_context_workspace_opened)
        self.context.analysis_finished.connect(self._on_context_analysis_finished)
        self.context.wave_selected.connect(self._on_context_wave_selected)
        self.context.runner.job_started.connect(self._on_runner_job_started)
        self.context.runner.job_finished.connect(self._on_runner_job_finished)
        self.context.pair_requested.connect(self.open_pair)
        self.context.workspace_taken.connect(self._on_context_workspace_taken)
        self.context.share_silent.connect(self._on_context_share_silent)
        self.context.sections_waiting.connect(self._on_context_sections_waiting)
        self.context.write_lost.connect(self._on_context_write_lost)
        self.stack.currentChanged.connect(self._on_stack_current_changed)

    # -- public actions ----------------------------------------------------------------
    def panel(self, section: str):
        """The panel of a section id (e.g. ``"relationships"``), or None."""
        return next((p for p in self.panels if p.section == section), None)

    def show_section(self, section: str) -> None:
        """Switch to a section by its id."""
        for row, panel in enumerate(self.panels):
            if panel.section == section:
                self.show_section_row(row)

    def show_section_row(self, row: int) -> None:
        """Show the section of sidebar row ``row`` (also when a pair's page covers it)."""
        self.sidebar.setCurrentRow(row)
        self._on_sidebar_current_row_changed(row)

    def open_pair(self, from_dept: str, to_dept: str) -> PairPage | None:
        """Show the page of ``from_dept → to_dept``; Back returns to where it was opened."""
        if self.context.path is None or self.context.result is None:
            return None
        if self.stack.currentWidget() is not self.pair_page:
            self._back_to = (self.stack.currentWidget(), QApplication.focusWidget())
        self.pair_page.show_pair(from_dept, to_dept)
        self.stack.setCurrentWidget(self.pair_page)
        where = self._back_to[0]
        self.pair_page.set_back_tooltip(
            self.tr("Back to %1 (%2)")
            .replace("%1", where.title() if hasattr(where, "title") else self.tr("the section"))
            .replace("%2", self.back_action.shortcut().toString())
        )
        self.pair_page.back_button.setFocus()
        return self.pair_page

    def show_pair_comments(self, wave: str, from_dept: str, to_dept: str, theme: str = "") -> None:
        """The Comments section with one pair's comments of one wave (of one theme)."""
        self.show_section("comments")
        self.panel("comments").show_pair(wave, from_dept, to_dept, theme)

    def go_back(self) -> None:
        """Leave a pair's page for the section (and the cell or card) it was opened from."""
        if self.stack.currentWidget() is not self.pair_page:
            return
        page, focus = self._back_to
        self._back_to = (None, None)
        row = self.panels.index(page) if page in self.panels else self.sidebar.currentRow()
        self.show_section_row(max(row, 0))
        if focus is not None and focus.isVisible():
            focus.setFocus()

    def show_action(self, action_id: int):
        """Show the Actions section with the action ``action_id`` open for editing."""
        self.show_section("actions")
        return self.panel("actions").open_action(action_id)

    def new_workspace(self):
        """Create a workspace (File › New workspace…) and open it; ``None`` when HR went back
        to typed, unsaved settings (asked first: nothing is made then)."""
        from desktop_app.new_workspace_dialog import NewWorkspaceDialog

        if not self.may_leave_workspace():
            return None
        start = recent_workspaces(self.settings)[:1]
        dialog = NewWorkspaceDialog(self, str(Path(start[0]).parent) if start else None)
        if dialog.exec() == NewWorkspaceDialog.Accepted and dialog.created is not None:
            self.settings.last_section = "overview"  # it says how answers come in
            self.open_workspace(str(dialog.created))
        return dialog

    def may_leave_workspace(self) -> bool:
        """True unless Settings holds typed, unsaved changes that HR chose to go back to
        (closing the window or the workspace lost them without a word)."""
        settings = self.panel("settings")
        typed = settings.unsaved() if self.context.path is not None else []
        if not typed:
            return True
        if discard_typed(self, self.tr("Settings"), typed):
            settings.reload()  # the stored values again: it is asked once
            return True
        self.show_section("settings")
        return False

    def close_workspace(self) -> None:
        """Close the open workspace (File › Close workspace), after asking about typed,
        unsaved settings: its jobs are cancelled, every section is built anew (nothing of it
        stays in a table or a form) and the welcome page is shown; Rapport does not reopen
        it at the next start."""
        if self.context.path is not None and self.may_leave_workspace():
            self._close_workspace_now()

    def _close_workspace_now(self) -> None:
        if self.context.path is None:
            return
        pulses = self.panel("pulses")
        pulses.tickets.stop_signing()  # forget the passphrases
        pulses.programme_box.runner.forget()
        pulses.inbox.watch(None, None)
        self.context.close()
        self.reads.forget()  # a read still blocked on its share answers into nothing
        self.silent_timer.stop()
        pulses.tickets.watch(None)
        self.analysis_job, self.analysed_at, self._back_to = None, None, (None, None)
        self.min_group = None
        for old in [*self.panels, self.pair_page]:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._build_panels()
        self.settings.reopen_last = 0
        save_settings(self.settings)
        self.setWindowTitle(self.tr("Rapport"))
        self.analysis_label.clear()
        self.share_label.hide()
        self.participation_label.clear()
        self.quarantine_badge.hide()
        self._update_actions()
        self._show_welcome(True)
        self.welcome.new_button.setFocus()

    def choose_workspace(self) -> None:
        """Ask for a workspace folder and open it."""
        start = recent_workspaces(self.settings)[:1] or [str(Path.home())]
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a Rapport workspace"), start[0]
        )
        if folder:
            self.open_workspace(folder)

    def _on_context_share_silent(self, message: str) -> None:
        """The lock's heartbeat has not come back for a minute (``""``: it has now)."""
        self.say_folder(message)

    def _on_context_workspace_taken(self, message: str) -> None:
        """Another computer took this workspace over: close it here, then say why."""
        self._close_workspace_now()
        text = self.tr("Rapport closed the workspace on this computer.") + " " + message
        box = QMessageBox(QMessageBox.Warning, self.tr("Rapport"), text, QMessageBox.Ok, self)
        box.setTextFormat(Qt.PlainText)
        box.open()

    # -- slots -------------------------------------------------------------------------
    def _on_context_workspace_opened(self, path: Path) -> None:
        remember_workspace(self.settings, str(path))
        self.settings.reopen_last = 1
        save_settings(self.settings)
        self.show_title("")  # the folder's name until the organisation's is read
        self.analysed_at, self.min_group = None, None
        self.analysis_label.setText(self.tr("Not analysed yet"))
        self._refresh_picker()
        self._show_welcome(False)
        self._update_actions()
        self.show_analysis()

    def _on_welcome_recent_removed(self, path: str) -> None:
        forget_workspace(self.settings, path)
        save_settings(self.settings)
        self._refresh_picker()

    def show_title(self, organisation: str) -> None:
        """Title the window "Organisation — Rapport", the name HR knows the workspace by;
        the folder's name while none is set. The folder itself is the picker's, its full path in the
        picker's tooltip. Never a group, comment or anything else read from answers."""
        path = self.context.path
        name = organisation.strip() or (path.name if path is not None else "")
        title = self.tr("%1 — Rapport").replace("%1", name) if name else self.tr("Rapport")
        self.setWindowTitle(title)

    def _on_context_analysis_finished(self, result) -> None:
        self.show_title(result.organisation)  # renamed in Settings: analysed again
        self.analysed_at = datetime.now()
        self.analysis_label.setText(
            self.tr("Analysed %1 · wave %2")
            .replace("%1", self.analysed_at.strftime("%H:%M"))
            .replace("%2", result.wave)
        )

    def _on_context_wave_selected(self, wave: str) -> None:
        self.show_analysis()

    def _on_runner_job_started(self, job: Job) -> None:
        # Every job's error, in plain words, unless the job's own page or dialog says it.
        job.failed.connect(lambda error: job.shows_failure or self._on_job_failed(error))
        self.cancel_action.setEnabled(True)

    def _on_runner_job_finished(self, _job: Job) -> None:
        # Analysis › Cancel (Esc) only while there is something to cancel: enabled with
        # nothing running, it did nothing, and Esc was taken from the page for nothing.
        self.cancel_action.setEnabled(bool(self.context.runner.running()))

    def _on_job_failed(self, error: UserFacingError) -> None:
        log.error("job failed: %s\n%s", error.message, error.details)
        # Said once the job has ended, so the status bar no longer shows it as running.
        QTimer.singleShot(
            0, self, lambda: QMessageBox.warning(self, self.tr("Rapport"), error.message)
        )

    def _on_sidebar_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.panels) and self.context.path is not None:
            self.stack.setCurrentWidget(self.panels[row])
            self.settings.last_section = self.panels[row].section

    def _on_stack_current_changed(self, _index: int) -> None:
        on_pair = self.stack.currentWidget() is self.pair_page
        self.back_action.setEnabled(on_pair)
        # The mouse's back button, wherever the pointer is on the page (a selectable label
        # takes the click), is watched only while a pair's page is shown.
        if on_pair:
            QApplication.instance().installEventFilter(self)
        else:
            QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """The mouse's back button leaves a pair's page, wherever the pointer is."""
        if (
            event.type() == QEvent.MouseButtonRelease
            and event.button() == Qt.BackButton
            and self.back_action.isEnabled()
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            self.go_back()
            return True
        return super().eventFilter(watched, event)

    # -- helpers -----------------------------------------------------------------------
    def _show_welcome(self, welcome: bool) -> None:
        self.sidebar.setEnabled(not welcome)
        if welcome:
            self.welcome.set_recent(recent_workspaces(self.settings))
            self.stack.setCurrentWidget(self.welcome)
            return
        sections = [p.section for p in self.panels]
        last = self.settings.last_section
        row = sections.index(last) if last in sections else 0
        if self.panels:
            self.sidebar.setCurrentRow(row)
            self.stack.setCurrentWidget(self.panels[row])
        self.sidebar.setFocus()

    def _refresh_picker(self) -> None:
        current = str(self.context.path) if self.context.path else None
        recent = recent_workspaces(self.settings)
        self.picker.set_workspaces(current, recent)
        self.picker.setToolTip(current or "")  # the title names the organisation
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        """File › Open recent, each workspace that cannot be opened now marked as such, as
        on the welcome page (it can still be chosen: its message says why)."""
        recent = recent_workspaces(self.settings)
        self.recent_menu.clear()
        for path in recent:
            problem = self.welcome.problems.get(path)
            text = path if problem is None else self.tr("%1  (unavailable: %2)")
            text = text.replace("%1", path).replace("%2", problem[0] if problem else "")
            self.recent_menu.addAction(
                no_mnemonic(text), lambda _=False, p=path: self.open_workspace(p)
            )
        self.recent_menu.setEnabled(bool(recent))

    def _update_actions(self) -> None:
        is_open = self.context.path is not None
        self.run_action.setEnabled(is_open)
        self.export_action.setEnabled(is_open)
        self.import_action.setEnabled(is_open)
        self.close_action.setEnabled(is_open)
        self.cancel_action.setEnabled(bool(self.context.runner.running()))
        for action in getattr(self, "go_actions", []):  # built after File's actions
            action.setEnabled(is_open)
        self._refresh_picker()

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.window_geometry.encode()))
        else:  # first run: most of the screen, but not a wall of white on a big monitor
            h = self.fontMetrics().height()
            room = room_for(self)
            width = max(min(h * 110, int(room.width() * 0.95)), h * 60)
            height = max(min(h * 70, int(room.height() * 0.95)), h * 40)
            fit_to_screen(self, width, height)  # never larger than the screen

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        from desktop_app.widgets.quit_while_saving import may_quit_while_saving

        if not self.may_leave_workspace() or not may_quit_while_saving(self, self.context):
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toHex()).decode()
        save_settings(self.settings)
        self.job_status.cancel()
        self.opener.forget()  # an open still waiting for its share gives its claim up
        self.reads.forget()  # a quick read still blocked answers into nothing
        self.silent_timer.stop()
        self.context.shutdown()
        super().closeEvent(event)
