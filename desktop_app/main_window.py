"""The HR window: a frame of sections (panels), menus, a workspace picker and a status bar.

The window only arranges things. Each section is a :class:`~desktop_app.panels.base.Panel`
listed in :data:`PANELS`; long work goes through the shared
:class:`~desktop_app.context.WorkspaceContext`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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

from desktop_app.context import WorkspaceContext
from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.runner import Job
from desktop_app.models.overview_data import percent
from desktop_app.panels.actions_panel import ActionsPanel
from desktop_app.panels.comments_panel import CommentsPanel
from desktop_app.panels.overview_panel import OverviewPanel
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
from desktop_app.widgets.job_status import JobStatus
from desktop_app.widgets.welcome import WelcomePage
from desktop_app.widgets.workspace_picker import WorkspacePicker
from surveys import __version__
from surveys.store import open_workspace

# The store (and sqlite-utils, which imports pandas and numpy when installed) is imported
# here, at start-up: imported lazily on the GUI thread while a job runs, it stalled the
# window for most of a second.

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


class MainWindow(QMainWindow):
    """The HR workspace window."""

    def __init__(self, context: WorkspaceContext | None = None) -> None:
        super().__init__()
        self.setObjectName("hr_main_window")
        self.context = context or WorkspaceContext(self)
        self.settings = load_settings()
        self.analysis_job: Job | None = None
        self.analysed_at: datetime | None = None
        self.setWindowTitle(self.tr("Rapport"))
        self._build_sections()
        self._build_status_bar()
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
        self.panels = []
        for panel_class in PANELS:
            panel = panel_class(self.context)
            self.panels.append(panel)
            self.stack.addWidget(panel)
            item = QListWidgetItem(panel.title())
            item.setData(Qt.UserRole, panel.section)
            self.sidebar.addItem(item)
        self.welcome = WelcomePage()
        self.stack.addWidget(self.welcome)
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
        self.setCentralWidget(splitter)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        self.picker.workspace_chosen.connect(self.open_workspace)
        self.picker.other_requested.connect(self.choose_workspace)
        self.welcome.open_requested.connect(self.choose_workspace)
        self.welcome.recent_chosen.connect(self.open_workspace)

    def _build_status_bar(self) -> None:
        self.analysis_label = QLabel(objectName="lastAnalysis")
        self.participation_label = QLabel(objectName="statusParticipation")
        self.job_status = JobStatus(self.context.runner)
        bar = self.statusBar()
        bar.addWidget(self.analysis_label)
        bar.addWidget(self.participation_label)
        bar.addPermanentWidget(self.job_status)

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open Workspace…"), self.choose_workspace, QKeySequence.Open, "openAction"
        )
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.export_action = self._action(
            self.tr("&Export…"), self.export, "Ctrl+E", "exportAction"
        )
        file_menu.addAction(self.export_action)
        self.import_action = self._action(
            self.tr("&Import responses…"), self.import_responses, "Ctrl+I", "importAction"
        )
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.Quit, "quitAction")
        )
        analysis_menu = self.menuBar().addMenu(self.tr("&Analysis"))
        self.run_action = self._action(
            self.tr("&Run analysis"), self.run_analysis, "F5", "runAnalysisAction"
        )
        analysis_menu.addAction(self.run_action)
        self.cancel_action = self._action(
            self.tr("&Cancel running job"), self.job_status.cancel, "Esc", "cancelAction"
        )
        analysis_menu.addAction(self.cancel_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for i, panel in enumerate(self.panels):
            shortcut = f"Ctrl+{i + 1}" if i < 9 else None
            go_menu.addAction(
                self._action(
                    panel.title(),
                    lambda _=False, row=i: self.sidebar.setCurrentRow(row),
                    shortcut,
                    f"go_{panel.section}",
                )
            )
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("&About Rapport"), self.about, None, "aboutAction")
        )
        self._update_actions()

    def _connect_context(self) -> None:
        self.context.workspace_opened.connect(self._on_context_workspace_opened)
        self.context.analysis_finished.connect(self._on_context_analysis_finished)
        self.context.wave_selected.connect(self._on_context_wave_selected)
        self.context.runner.job_started.connect(self._on_runner_job_started)

    # -- public actions ----------------------------------------------------------------
    def panel(self, section: str):
        """The panel of a section id (e.g. ``"relationships"``), or None."""
        return next((p for p in self.panels if p.section == section), None)

    def show_section(self, section: str) -> None:
        """Switch to a section by its id."""
        for row, panel in enumerate(self.panels):
            if panel.section == section:
                self.sidebar.setCurrentRow(row)

    def choose_workspace(self) -> None:
        """Ask for a workspace folder and open it."""
        start = recent_workspaces(self.settings)[:1] or [str(Path.home())]
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open a Rapport workspace"), start[0]
        )
        if folder:
            self.open_workspace(folder)

    def open_workspace(self, folder: str) -> bool:
        """Open ``folder`` (plain message on failure) and start its analysis."""
        from surveys.errors import RapportError

        try:
            self.context.open(folder)
        except RapportError as exc:
            forget_workspace(self.settings, str(folder))
            save_settings(self.settings)
            self._refresh_picker()
            QMessageBox.warning(self, self.tr("Cannot open the workspace"), str(exc))
            return False
        return True

    def run_analysis(self) -> Job | None:
        """Analyse the selected wave (cancelling an analysis that is still running)."""
        if self.context.path is None:
            return None
        if self.analysis_job is not None:
            self.analysis_job.cancel()
        return self._track(self.context.run_analysis(self.context.wave))

    def show_analysis(self) -> Job | None:
        """Show the selected wave's stored result if the workspace is unchanged, else analyse.

        Opening a workspace and choosing a wave come here. Reading a stored result takes
        milliseconds and loads no analysis engine (:mod:`analysis.result_store`), where a
        full analysis of a large workspace takes seconds; it is done right here, so the
        heatmap is painted with the first frame. Returns the analysis job, if one started.
        """
        if self.context.path is None:
            return None
        result = stored_result(self.context.path, self.context.wave)
        if result is None:
            return self.run_analysis()
        if self.analysis_job is not None:
            self.analysis_job.cancel()
        self.context.show_result(result)
        return None

    def _track(self, job: Job) -> Job:
        self.analysis_job = job
        # A bound slot of this QObject runs on the GUI thread; a lambda would run on the
        # worker thread that emits ``finished``.
        job.finished.connect(self._on_analysis_job_finished)
        return job

    def export(self) -> None:
        """Open the export dialog (File › Export…)."""
        from desktop_app.export_dialog import ExportDialog  # its engine imports stay lazy

        if self.context.path is None:
            return
        ExportDialog(self.context, self).exec()

    def import_responses(self) -> None:
        """Open the import wizard (File › Import responses…); analyse again after an import."""
        from desktop_app.import_wizard import ImportWizard  # its engine imports stay lazy

        if self.context.path is None:
            return
        wizard = ImportWizard(self.context, self)
        wizard.imported.connect(self._on_wizard_imported)
        wizard.exec()

    def _on_wizard_imported(self, result: dict) -> None:
        if result.get("new"):
            self.run_analysis()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Rapport"),
            self.tr(
                "<b>Rapport %1</b><p>Pulse surveys and sentiment for the working relationships "
                "between departments.</p><p>Scores are shown only for groups of at least k "
                "people; comments are redacted before they are shown.</p>"
            ).replace("%1", __version__),
        )

    # -- slots -------------------------------------------------------------------------
    def _on_context_workspace_opened(self, path: Path) -> None:
        remember_workspace(self.settings, str(path))
        save_settings(self.settings)
        self.setWindowTitle(self.tr("%1 — Rapport").replace("%1", path.name))
        self.analysed_at = None
        self.analysis_label.setText(self.tr("Not analysed yet"))
        self.participation_label.setText("")
        self._refresh_picker()
        self._show_welcome(False)
        self._update_actions()
        self.show_analysis()

    def _on_context_analysis_finished(self, result) -> None:
        self.analysed_at = datetime.now()
        self.analysis_label.setText(
            self.tr("Analysed %1 · wave %2")
            .replace("%1", self.analysed_at.strftime("%H:%M"))
            .replace("%2", result.wave)
        )
        submitted = sum(p.submitted for p in result.participation)
        heads = [p.headcount for p in result.participation]
        if heads and None not in heads and sum(heads):
            self.participation_label.setText(
                self.tr("%1 of %2 answered (%3 %)")
                .replace("%1", str(submitted))
                .replace("%2", str(sum(heads)))
                .replace("%3", str(percent(submitted, sum(heads))))
            )
        else:
            self.participation_label.setText(self.tr("%1 answered").replace("%1", str(submitted)))

    def _on_context_wave_selected(self, wave: str) -> None:
        self.show_analysis()

    def _on_runner_job_started(self, job: Job) -> None:
        job.failed.connect(self._on_job_failed)  # every job's error, in plain words

    def _on_analysis_job_finished(self) -> None:
        if self.sender() is self.analysis_job:
            self.analysis_job = None

    def _on_job_failed(self, error: UserFacingError) -> None:
        log.error("job failed: %s\n%s", error.message, error.details)
        QMessageBox.warning(self, self.tr("Rapport"), error.message)

    def _on_sidebar_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.panels) and self.context.path is not None:
            self.stack.setCurrentWidget(self.panels[row])
            self.settings.last_section = self.panels[row].section

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
        self.recent_menu.clear()
        for path in recent:
            self.recent_menu.addAction(path, lambda _=False, p=path: self.open_workspace(p))
        self.recent_menu.setEnabled(bool(recent))

    def _update_actions(self) -> None:
        is_open = self.context.path is not None
        self.run_action.setEnabled(is_open)
        self.export_action.setEnabled(is_open)
        self.import_action.setEnabled(is_open)
        self._refresh_picker()

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.window_geometry.encode()))
        else:  # first run: most of the screen, but not a wall of white on a big monitor
            h = self.fontMetrics().height()
            width, height = h * 110, h * 70
            screen = self.screen()
            if screen is not None:
                available = screen.availableGeometry()
                width = min(width, int(available.width() * 0.9))
                height = min(height, int(available.height() * 0.9))
            self.resize(max(width, h * 60), max(height, h * 40))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.settings.window_geometry = bytes(self.saveGeometry().toHex()).decode()
        save_settings(self.settings)
        self.job_status.cancel()
        self.context.shutdown()
        super().closeEvent(event)


def stored_result(path: Path, wave: str | None = None):
    """The stored analysis result of ``wave`` if it is still current, else ``None``.

    Reads one row (milliseconds, even for millions of answers); imports no SciPy,
    scikit-learn or NLTK. A workspace that cannot be read simply has no stored result:
    the analysis that follows reports the problem in plain words.
    """
    from analysis.result_store import cached_result
    from surveys.errors import RapportError

    try:
        db = open_workspace(path)
    except RapportError:
        return None
    try:
        return cached_result(db, wave)
    finally:
        db.close()
