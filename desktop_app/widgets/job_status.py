"""The status bar's job area: a progress bar with the job's message and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop_app.jobs.runner import Job, JobRunner


class JobStatus(QWidget):
    """Follows the runner's jobs; hidden while nothing runs."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.job: Job | None = None
        self.message = QLabel(objectName="jobMessage")
        self.bar = QProgressBar(objectName="jobProgress")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(self.fontMetrics().averageCharWidth() * 24)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="jobCancel")
        self.cancel_button.setToolTip(self.tr("Stop the running job (Esc)"))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.job_started.connect(self._on_runner_job_started)
        runner.job_finished.connect(self._on_runner_job_finished)
        self.hide()

    def cancel(self) -> None:
        """Cancel the shown job (what the Cancel button does)."""
        if self.job is not None:
            self.job.cancel()
            self.message.setText(self.tr("%1: cancelling…").replace("%1", self.job.label))
            self.cancel_button.setEnabled(False)

    def _on_runner_job_started(self, job: Job) -> None:
        self.job = job
        job.progressed.connect(self._on_job_progressed)
        self.bar.setValue(0)
        self.message.setText(self.tr("%1: starting…").replace("%1", job.label))
        self.cancel_button.setEnabled(True)
        self.show()

    def _on_job_progressed(self, fraction: float, message: str) -> None:
        if self.sender() is not self.job or self.job.is_cancelling:
            return
        self.bar.setValue(int(fraction * 1000))
        self.message.setText(f"{self.job.label}: {message}")

    def _on_runner_job_finished(self, job: Job) -> None:
        if job is self.job:
            self.job = None
        if not self.runner.running():
            self.bar.setValue(0)
            self.hide()

    def _on_cancel_button_clicked(self) -> None:
        self.cancel()
