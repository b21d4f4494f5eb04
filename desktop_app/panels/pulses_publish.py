"""The publish step of the Pulses section: shared folder, passphrase, and the publish job.

A mixin of :class:`desktop_app.panels.pulses_panel.PulsesPanel` (it uses the panel's
``context``, ``status``, ``selected_wave``, ``_track`` and ``_done``). The job is the same
workflow as `rapport publish` (:func:`analysis.export.publish.publish_pulse`): it checks the
passphrase first. With "Show respondents what changed since the last pulse" ticked, it also
analyses the previous wave, so it runs in the worker process.

The Publish button's menu offers the other destinations: a kiosk on this computer
(``WORKSPACE/kiosk``, sealed like the share; :mod:`surveys.kiosk`) and "this computer only"
(the wave is opened in the workspace for single-machine answering: no file, no key pair,
no passphrase).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox, QToolButton

from desktop_app.context import Changes
from desktop_app.passphrase_dialog import PassphraseDialog

#: Where a wave is published.
SHARE, KIOSK, LOCAL = "share", "kiosk", "local"


class PublishWords(QObject):
    """Texts with a count of the publish step.

    A mixin's ``self.tr()`` looks its text up under the class of the object (the panel),
    while Qt's tools file it under the mixin: texts with a count live here instead.
    """

    def results_shared(self, wave: str, pairs: int) -> str:
        return self.tr(
            "After answering, respondents see what changed in wave %1 (organisation-wide "
            "figures and %n department pairs that met the anonymity threshold).",
            "",
            pairs,
        ).replace("%1", wave)


class PublishActions:
    """Publishing the selected wave (mixed into the Pulses panel)."""

    def _make_publish_button(self) -> QToolButton:
        """Publish (to the shared folder), with a menu of the other destinations."""
        button = QToolButton(objectName="publishWave")
        button.setText(self.tr("&Publish…"))
        button.setPopupMode(QToolButton.MenuButtonPopup)
        menu = QMenu(button)
        self.publish_share_action = menu.addAction(
            self.tr("To the &shared folder…"), lambda: self.publish_selected(SHARE)
        )
        self.publish_kiosk_action = menu.addAction(
            self.tr("To a &kiosk on this computer…"), lambda: self.publish_selected(KIOSK)
        )
        self.publish_local_action = menu.addAction(
            self.tr("On this computer &only (answers unsealed)"),
            lambda: self.publish_selected(LOCAL),
        )
        button.setMenu(menu)
        button.clicked.connect(lambda: self.publish_selected(SHARE))
        return button

    def _make_share_results_box(self) -> QCheckBox:
        box = QCheckBox(
            self.tr("Sho&w respondents what changed since the last pulse"),
            objectName="shareResults",
        )
        box.setToolTip(
            self.tr(
                "Publish the previous wave's results with the survey, for the respondents' "
                "thank-you page: organisation-wide figures and the department pairs that met "
                "the anonymity threshold. No comments, themes or group sizes."
            )
        )
        box.toggled.connect(self._on_share_results_box_toggled)
        return box

    def confirm_share(self, share: Path) -> bool | None:
        """Whether ``share`` may be used: ``False`` (it is set up), ``True`` (HR agreed to
        set it up now) or ``None`` (HR declined; nothing is published).

        A folder that is missing or has no ``published/`` and ``inbox/`` is often a network
        drive that is not connected: HR is asked before anything is created there.
        """
        from surveys.publish import PublishError
        from surveys.publish_checks import check_share

        try:
            check_share(share)
        except PublishError:
            box = QMessageBox(
                QMessageBox.Question,
                self.tr("Set up the shared folder?"),
                self.tr(
                    "%1 is not a Rapport shared folder yet, or it cannot be reached.\n\n"
                    "If it is on a network drive, connect the drive first and publish "
                    "again. If it is a new shared folder, set it up now."
                ).replace("%1", str(share)),
                QMessageBox.Yes | QMessageBox.Cancel,
                self,
            )
            box.setObjectName("newShareQuestion")
            box.button(QMessageBox.Yes).setText(self.tr("&Set it up"))
            # "Set it up" or Cancel, as every other question names its action and cancels
            # (its "No" answered a question the buttons did not ask); Cancel the default.
            box.setDefaultButton(QMessageBox.Cancel)
            if box.exec() != QMessageBox.Yes:
                self.status.setText(
                    self.tr("Nothing was published: %1 is not set up as a shared folder.").replace(
                        "%1", str(share)
                    )
                )
                return None
            return True
        return False

    def ask_passphrase(
        self,
        purpose: str,
        new: bool = False,
        path: Path | None = None,
        action: str | None = None,
    ) -> str | None:
        """Ask for the workspace passphrase until it is right; ``None`` when HR cancels.
        ``action`` is the dialog button's text, the verb of what the passphrase is for.

        The passphrase is checked against the workspace key before the dialog closes, so a
        mistyped one is said under the field and asked again, and no job starts with it.
        """
        from surveys.keys import check_passphrase

        workspace = self.context.path
        dialog = PassphraseDialog(
            purpose,
            new=new,
            parent=self,
            path=path,
            check=lambda text: check_passphrase(workspace, text),
            action=action,
        )
        return dialog.passphrase() if dialog.exec() == PassphraseDialog.Accepted else None

    def publish_selected(self, destination: str = SHARE):
        """Publish the selected wave to the shared folder (or a kiosk) as a job; the job,
        or ``None`` (nothing to publish, HR cancelled, or the shared folder is still being
        read: on a share that hangs, publishing goes on once it answers)."""
        from surveys.kiosk import kiosk_folder

        wave = self.selected_wave()
        if wave is None:
            return None
        if destination == LOCAL:
            self._open_here(wave)
            return None
        if destination == KIOSK:
            return self._publish_to(wave, destination, kiosk_folder(self.context.path))
        return self.with_share(lambda share: self._publish_to(wave, destination, share))

    def _publish_to(self, wave, destination: str, share: Path | None):  # noqa: ANN001, ANN202
        from surveys.keys import key_path

        if share is None:
            return None
        # The kiosk folder beside the workspace is Rapport's own: set up without asking.
        create = True if destination == KIOSK else self.confirm_share(share)
        if create is None:
            return None
        new = not key_path(self.context.path).exists()
        purpose = (
            self.tr("Publishing %1 to the kiosk on this computer:")
            if destination == KIOSK
            else self.tr("Publishing %1 to the shared folder:")
        )
        passphrase = self.ask_passphrase(
            purpose.replace("%1", wave.name), new=new, path=share, action=self.tr("Pu&blish")
        )
        if passphrase is None:
            return None

        from analysis.export.publish import publish_pulse

        label = self.tr("Publishing %1").replace("%1", wave.name)
        options = {
            "passphrase": passphrase,
            "opens": wave.opens,
            "closes": wave.closes,
            "targets": list(wave.targets) if wave.targets else None,
            "create": create,
            # a kiosk asks for no participation ticket (each person gets a fresh token):
            # a file with ticket keys is one the kiosk refuses to take answers for
            "tickets": destination != KIOSK,
        }
        if self.share_results_box.isChecked():  # analyses: in the worker process
            job = self.context.submit_process(
                label, publish_pulse, share, wave.name, share_results=True, **options
            )
        else:
            job = self.context.submit(
                label,
                lambda path, progress: publish_pulse(
                    path, share, wave.name, progress=progress, **options
                ),
            )
        self._track(label, job)
        job.succeeded.connect(lambda report: self._on_publish_succeeded(wave.name, report))
        return job

    def _open_here(self, wave) -> None:  # noqa: ANN001 - a WaveInfo
        """Open ``wave`` for answering on this computer only (no file, no key pair); the
        write runs off the GUI thread."""
        from desktop_app.panels.pulses_writes import open_here

        self.write(
            open_here,
            wave,
            done=lambda _: self._done(
                Changes(waves=True),
                self.tr(
                    "Opened %1 for answering on this computer: answers go straight into this "
                    "workspace, unsealed. For several people in turn, publish to a kiosk "
                    "instead."
                ).replace("%1", wave.name),
            ),
        )

    def _on_publish_succeeded(self, wave: str, report) -> None:
        message = (
            self.tr("Published %1: respondents' apps find it in %2.")
            .replace("%1", wave)
            .replace("%2", str(report.path))
        )
        if report.results_wave is not None:
            message += " " + PublishWords().results_shared(
                report.results_wave, report.results_pairs
            )
        elif report.results_requested:
            message += " " + self.tr("No results were shared: no earlier wave has answers yet.")
        self._done(Changes(waves=True), message)

    def _on_share_results_box_toggled(self, checked: bool) -> None:
        """Remember the choice in the workspace (it is HR's policy, not a personal
        setting), off the GUI thread; a choice that cannot be saved is undone on screen."""
        from desktop_app.panels.pulses_writes import save_setting

        if self.context.path is None:
            return

        def put_back(_exc: BaseException) -> None:
            self.share_results_box.blockSignals(True)
            self.share_results_box.setChecked(not checked)
            self.share_results_box.blockSignals(False)

        self.write(save_setting, "share_results", checked, done=lambda _: None, failed=put_back)
