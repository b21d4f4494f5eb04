"""The HR window's menus: File, Analysis, Go and Help (a mixin of the main window).

Every command with a key is a ``QAction`` with that shortcut, so Help › Keyboard shortcuts
(:class:`desktop_app.help_dialogs.ShortcutsDialog`) can list them from the actions
themselves. Go › Ctrl+1…7 switches sections; Go › Back (Alt+Left, Backspace, the mouse's
back button) leaves a pair's page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop_app.widgets.dialog_width import widen_message_box
from desktop_app.widgets.start_folder import documents_folder
from surveys import __version__

#: The folder (in the person's Documents) the demo organisation is built in.
DEMO_FOLDER = "Rapport demo"


def demo_folder() -> Path:
    """Where the demo goes: Documents/Rapport demo, or the first "Rapport demo N" that is
    free or holds the demo, so nothing else is ever overwritten."""
    from surveys.demo import FolderState, folder_state

    base = documents_folder()
    for number in range(1, 100):
        folder = base / (DEMO_FOLDER if number == 1 else f"{DEMO_FOLDER} {number}")
        if folder_state(folder) in (FolderState.NEW, FolderState.DEMO):
            return folder
    raise RuntimeError(f"no free folder for the demo in {base}")


class WindowMenus:
    """Menus and Help commands of :class:`desktop_app.main_window.MainWindow`."""

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self._build_file_menu()
        analysis_menu = self.menuBar().addMenu(self.tr("&Analysis"))
        self.run_action = self._action(
            self.tr("&Run analysis"), self.run_analysis, "F5", "runAnalysisAction"
        )
        analysis_menu.addAction(self.run_action)
        self.cancel_action = self._action(
            self.tr("&Cancel running job"), self.job_status.cancel, "Esc", "cancelAction"
        )
        analysis_menu.addAction(self.cancel_action)
        self._build_go_menu()
        self._build_help_menu()
        self._update_actions()

    def _build_file_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New workspace…"), self.new_workspace, QKeySequence.New, "newWorkspaceAction"
        )
        file_menu.addAction(self.new_action)
        self.open_action = self._action(
            self.tr("&Open workspace…"), self.choose_workspace, QKeySequence.Open, "openAction"
        )
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.demo_action = self._action(
            self.tr("Open the &demo organisation"), self.open_demo, None, "openDemoAction"
        )
        file_menu.addAction(self.demo_action)
        self.export_action = self._action(
            self.tr("&Export…"), self.export, "Ctrl+E", "exportAction"
        )
        file_menu.addAction(self.export_action)
        self.import_action = self._action(
            self.tr("&Import responses…"), self.import_responses, "Ctrl+I", "importAction"
        )
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.close_action = self._action(
            self.tr("&Close workspace"), self.close_workspace, "Ctrl+W", "closeWorkspaceAction"
        )
        file_menu.addAction(self.close_action)
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.Quit, "quitAction")
        )

    def _build_go_menu(self) -> None:
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.go_actions = []  # enabled while a workspace is open (its sections are shown)
        for i, panel in enumerate(self.panels):
            shortcut = f"Ctrl+{i + 1}" if i < 9 else None
            action = self._action(
                panel.title(),
                lambda _=False, row=i: self.show_section_row(row),
                shortcut,
                f"go_{panel.section}",
            )
            self.go_actions.append(action)
            go_menu.addAction(action)
        # Ctrl+F: the search of Comments, the one list of the window that has one.
        find = self._action(
            self.tr("&Find in comments"), self.find_comments, QKeySequence.Find, "findAction"
        )
        self.go_actions.append(find)
        go_menu.addAction(find)
        go_menu.addSeparator()
        # The platform's Back (Alt+Left; Ctrl+[ on macOS) and Backspace, each once: one
        # key twice on an action would be an ambiguous shortcut.
        keys = QKeySequence.keyBindings(QKeySequence.Back) + [QKeySequence("Backspace")]
        keys = list({key.toString(): key for key in keys if not key.isEmpty()}.values())
        self.back_action = self._action(self.tr("&Back"), self.go_back, keys, "backAction")
        self.back_action.setEnabled(False)
        go_menu.addAction(self.back_action)

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        for text, slot, shortcut, name in (
            (self.tr("&User guide"), self.show_user_guide, QKeySequence.HelpContents, "guide"),
            (self.tr("&Keyboard shortcuts"), self.show_shortcuts, "Ctrl+/", "shortcuts"),
            (self.tr("&Report a problem…"), self.report_problem, None, "reportProblem"),
        ):
            help_menu.addAction(self._action(text, slot, shortcut, f"{name}Action"))
        help_menu.addSeparator()
        help_menu.addAction(
            self._action(self.tr("&About Rapport"), self.about, None, "aboutAction")
        )

    def find_comments(self) -> None:
        """Go › Find in comments (Ctrl+F): the Comments section, its search field focused
        with its text selected, so what is typed replaces it (Esc clears it)."""
        self.show_section("comments")
        search = self.panel("comments").search
        search.setFocus(Qt.ShortcutFocusReason)
        search.selectAll()

    # -- File ----------------------------------------------------------------------------
    def export(self) -> None:
        """Open the export dialog (File › Export…)."""
        from desktop_app.export_dialog import ExportDialog  # its engine imports stay lazy

        if self.context.path is None:
            return
        ExportDialog(self.context, self).exec()

    def open_demo(self):
        """Open the demo organisation, building it first (in Documents) if it is not there;
        asks first about typed, unsaved settings (``None``, nothing built, on "Go back")."""
        from surveys.demo import FolderState, folder_state

        if not self.may_leave_workspace():
            return None
        folder = demo_folder()
        if folder_state(folder) is FolderState.DEMO:
            self.open_workspace(str(folder))
            return None
        job = self.context.runner.submit_process(
            self.tr("Building the demo organisation"), "surveys.demo:build_demo", str(folder)
        )
        job.succeeded.connect(lambda summary: self.open_workspace(str(summary.folder)))
        return job

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

    # -- Help --------------------------------------------------------------------------
    def show_user_guide(self):
        """Open the user guide (one window, raised if it is open already)."""
        from desktop_app.help_dialogs import UserGuideDialog

        if getattr(self, "guide", None) is None:
            self.guide = UserGuideDialog(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def show_shortcuts(self):
        """List every keyboard shortcut of the window (read from its actions)."""
        from desktop_app.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def report_problem(self) -> str:
        """Copy versions and system details to the clipboard and say what was copied."""
        from desktop_app.help_dialogs import copy_system_report

        text = copy_system_report(self)
        box = QMessageBox(
            QMessageBox.Information,
            self.tr("Report a problem"),
            self.tr(
                "These details are now on the clipboard. Paste them into your message to "
                "whoever supports Rapport, with what you did and what you saw. They hold no "
                "workspace data, no file paths and no names."
            ),
            QMessageBox.Ok,
            self,
        )
        box.setObjectName("reportProblemBox")
        box.setInformativeText(text)
        widen_message_box(box, chars=72)
        box.open()
        return text

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Information,
            self.tr("About Rapport"),
            self._about_text().replace("%1", __version__),
            QMessageBox.Ok,
            self,
        )
        box.setObjectName("aboutBox")
        box.setTextFormat(Qt.RichText)  # labels are plain unless they say so (plain_labels)
        box.open()

    def _about_text(self) -> str:
        """About's words, with the open workspace's own threshold (the analysis shown, else
        the one read when it opened), or the default with no workspace open."""
        from analysis.privacy import DEFAULT_MIN_GROUP

        shown = self.context.result
        k = shown.min_group if shown is not None else self.min_group
        intro = self.tr(
            "<b>Rapport %1</b><p>Pulse surveys and sentiment for the working relationships "
            "between departments.</p>"
        )
        if self.context.path is None or k is None:
            groups = self.tr(
                "<p>Scores are shown only for groups large enough that no one can be "
                "recognised (%n people unless changed in a workspace's Settings); comments "
                "are redacted before they are shown.</p>",
                "",
                DEFAULT_MIN_GROUP,
            )
        else:
            groups = self.tr(
                "<p>Scores are shown only for groups large enough that no one can be "
                "recognised: in this workspace, at least %n people (Settings › Anonymity); "
                "comments are redacted before they are shown.</p>",
                "",
                k,
            )
        return intro + groups
