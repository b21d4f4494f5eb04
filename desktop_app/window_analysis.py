"""Starting and showing the analysis in the HR window (a mixin of the main window).

Opening a workspace or choosing a wave shows the wave's stored result when the workspace is
unchanged, else starts an analysis, else (no answers yet) says how answers come in. What
is stored and whether there are answers is one quick read of the workspace
(:func:`desktop_app.workspace_reads.glance`), shared with the sections through
``context.has_responses``. It runs through :class:`~desktop_app.bounded_read.BoundedRead`:
on a share that hangs the window waits for it a fraction of a second, then goes on and
says in the status bar that the folder does not answer; the read's answer is used when it
comes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from desktop_app.bounded_read import BoundedRead
from desktop_app.jobs.runner import Job
from desktop_app.workspace_reads import Glance, glance, workspace_has_responses

#: After this long without an answer the status bar says more plainly what may be wrong.
STILL_SILENT_MS = 15_000


class WindowAnalysis:
    """The analysis part of :class:`desktop_app.main_window.MainWindow`."""

    def _build_reads(self) -> None:
        self.reads = BoundedRead(self)
        self.reads.slow.connect(self._on_reads_slow)
        self.reads.answered.connect(self._on_reads_answered)
        self.silent_timer = QTimer(self, singleShot=True, interval=STILL_SILENT_MS)
        self.silent_timer.timeout.connect(self._on_silent_timer_timeout)
        self._sections_said = False  # the status bar says that a section's read waits
        # An ingest that stored answers: analysed at once, as an import is (the Overview and
        # the status bar said "No answers yet" beside "1 new answer" until F5).
        self.context.analysis_wanted.connect(self.run_analysis)

    def run_analysis(self) -> Job | None:
        """Analyse the selected wave (cancelling an analysis that is still running)."""
        if self.context.path is None:
            return None
        if self.context.has_responses:
            return self._analyse_if_answers()
        done, value = self.reads.read("responses", workspace_has_responses, self.context.path)
        return self._on_responses_read(value) if done else None

    def show_analysis(self) -> Job | None:
        """Show the selected wave's stored result if the workspace is unchanged, else analyse.

        Opening a workspace and choosing a wave come here. Reading a stored result takes
        milliseconds and loads no analysis engine (:mod:`analysis.result_store`), where a
        full analysis of a large workspace takes seconds; it is shown at once, so the
        heatmap is painted with the first frame. Returns the analysis job, if one started.
        """
        if self.context.path is None:
            return None
        done, seen = self.reads.read("glance", glance, self.context.path, self.context.wave)
        return self._apply_glance(seen) if done else None

    def _apply_glance(self, seen: Glance) -> Job | None:
        self.context.set_has_responses(seen.has_responses)
        self.show_title(seen.organisation)
        self.min_group = seen.min_group
        if seen.result is None:  # nothing stored: analyse, if there is anything at all
            return self._analyse_if_answers()
        if self.analysis_job is not None:
            self.analysis_job.cancel()
        self.context.show_result(seen.result)
        return None

    def _on_responses_read(self, has: bool) -> Job | None:
        self.context.set_has_responses(has)
        return self._analyse_if_answers()

    def _analyse_if_answers(self) -> Job | None:
        """Analyse if there is anything to analyse; a new workspace says so instead."""
        if not self.context.has_responses:
            self.analysis_label.setText(
                self.tr(
                    "No answers yet: publish a wave and ingest its answers (Pulses), or import "
                    "responses (File)"
                )
            )
            return None
        if self.analysis_job is not None:
            self.analysis_job.cancel()
        return self._track(self.context.run_analysis(self.context.wave))

    def _track(self, job: Job) -> Job:
        self.analysis_job = job
        # A bound slot of this QObject runs on the GUI thread; a lambda would run on the
        # worker thread that emits ``finished``.
        job.finished.connect(self._on_analysis_job_finished)
        return job

    def _on_analysis_job_finished(self) -> None:
        if self.sender() is self.analysis_job:
            self.analysis_job = None

    # -- a folder that does not answer ---------------------------------------------------
    def _on_context_write_lost(self, message: str) -> None:
        """A write to a workspace closed before it ended failed: said in a box, as the
        section that wrote shows another workspace (or none) now."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Warning, self.tr("Rapport"), message, QMessageBox.Ok, self)
        box.setObjectName("writeLostBox")
        box.setTextFormat(Qt.PlainText)
        box.open()

    def say_folder(self, text: str) -> None:
        """Say in the status bar's wrapping line what the workspace's folder is doing
        (``""``: nothing to say); the messages are too long for the analysis line."""
        self.share_label.setText(text)
        self.share_label.setVisible(bool(text))

    def _on_context_sections_waiting(self, waiting: bool) -> None:
        """A section's own read waits for the folder (``False``: none does any more)."""
        if waiting:
            if not self._sections_said:
                self._sections_said = True
                self._on_reads_slow("save" if self.context.only_saving() else "section")
        elif self._sections_said:
            self._sections_said = False
            if self.reads.pending() is None:  # the window's own read may still wait
                self.silent_timer.stop()
                self.say_folder("")

    def _on_reads_slow(self, what: str) -> None:
        self.say_folder(
            self.tr(
                "Saving to the workspace… its folder is slow to answer (a network drive?); "
                "the window goes on working meanwhile"
            )
            if what == "save"
            else self.tr(
                "Reading the workspace… its folder is slow to answer (a network drive?); "
                "the window goes on working meanwhile"
            )
        )
        self.silent_timer.start()

    def _on_silent_timer_timeout(self) -> None:
        waiting = self.reads.pending() is not None or self._sections_said
        if not waiting or self.context.path is None:
            return
        self.say_folder(
            self.tr(
                "The workspace's folder has not answered for %1 seconds: its network drive "
                "may be disconnected. Rapport shows the workspace once it answers; File › "
                "Close workspace stops waiting."
            ).replace("%1", str(STILL_SILENT_MS // 1000))
        )

    def _on_reads_answered(self, what: str, answer: Any) -> None:
        self.silent_timer.stop()
        self.say_folder("")
        value = BoundedRead.late_value(answer)  # an error is said by the window's report
        if what == "glance":
            self._apply_glance(value)
        else:
            self._on_responses_read(value)
