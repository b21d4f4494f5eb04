"""The Close wave step of the Pulses section: at once, or in two steps while answers may be
on their way.

A mixin of :class:`desktop_app.panels.pulses_panel.PulsesPanel` (it uses the panel's
``context``, ``status``, ``selected_wave``, ``with_share``, ``write``, ``ask_passphrase``
and ``programme_box``). Respondents' apps hold each sealed answer for up to 20 minutes before
delivering it, so closing a wave of the shared folder before its last day is over offers a
choice (:mod:`surveys.wave_stop`):

- **Stop answers** (the default): respondents can no longer answer; the wave closes at the
  time shown, once every answer given before the stop can have arrived. The window's
  :class:`~desktop_app.programme_runner.ProgrammeRunner` takes in the inbox and closes it
  by itself at that time, or at the first check after the workspace next opens. The
  passphrase it needs for the ingest is asked now (kept in memory only); declined, it is
  asked at that time.
- **Close now**: the figures are released at once; answers still on their way count as late.

A wave whose answers are stopped shows "answers stopped; closes at 14:25" in the waves
table; Close wave then offers to close it at once, and after its time takes the inbox in and
closes it. Other waves close at once after a confirmation, as before.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop_app.context import Changes


class CloseActions:
    """Closing the selected wave (mixed into the Pulses panel)."""

    def _clock(self) -> float:
        """The time that decides a stopped wave's close (the runner's clock)."""
        return self.programme_box.runner.clock()

    def close_selected(self) -> None:
        """Close the selected wave: at once, or stop its answers and close it later (once
        the shared folder is read, off the GUI thread; the writes run off it too)."""
        wave = self.selected_wave()
        if wave is None or wave.status == "closed":
            return
        if wave.stopped is not None:
            self._close_stopped(wave)
            return
        self.with_share(lambda share: self._close_with(wave, share), ask=False)

    def _close_with(self, wave, share) -> None:  # noqa: ANN001 - a WaveInfo, a Path or None
        """Close ``wave`` once the shared folder is read: ask how, then do it."""
        from surveys import wave_stop

        try:
            stop = wave_stop.needs_stop(wave, share, self._clock())
        except wave_stop.ShareUnreachable as exc:
            if self._confirm_unreachable(str(exc)):
                self._close_now(wave.name, share)
            return
        if not stop:
            if self._confirm_close(wave.name, draft=wave.status == "draft"):
                self._close_now(wave.name, share)
            return
        choice = self._ask_stop_or_close(wave)
        if choice == "stop":
            self._stop_answers(wave.name, share)
        elif choice == "now":
            self._close_now(wave.name, share)

    # -- questions -----------------------------------------------------------------------
    def _confirm_close(self, name: str, draft: bool = False) -> bool:
        """Ask with "Close wave" and Cancel, Cancel the default, as the other questions of
        closing (a Yes/No question made Yes the default: Enter closed the wave for good).
        A draft is said to be one: no respondent saw it, nor is there an inbox to ingest."""
        text = (
            self.tr(
                "Close %1? It is a draft that was never published: nobody was asked, and it "
                "stays listed as closed, with no answers. To ask people, publish it instead; "
                "drafted by mistake, use Delete draft."
            )
            if draft
            else self.tr(
                "Close %1? Respondents stop seeing it and its figures are released. Answers "
                "that arrive later are not counted (comparing the figures before and after "
                "would reveal them), so ingest the inbox first."
            )
        )
        box = QMessageBox(
            QMessageBox.Question,
            self.tr("Close wave"),
            text.replace("%1", name),
            QMessageBox.Cancel,
            self,
        )
        box.setObjectName("closeWaveQuestion")
        close_button = box.addButton(self.tr("&Close wave"), QMessageBox.AcceptRole)
        close_button.setObjectName("closeWaveButton")
        box.setDefaultButton(QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is close_button

    def _ask_stop_or_close(self, wave) -> str | None:  # noqa: ANN001 - a WaveInfo
        """``"stop"``, ``"now"`` or ``None`` (cancelled)."""
        from surveys.wave_stop import clock_text, close_time, stop_moment

        now = self._clock()
        closes_at = clock_text(close_time(stop_moment(now)), now)
        box = QMessageBox(
            QMessageBox.Question,
            self.tr("Close wave"),
            self.tr("Close %1 before its last day is over?").replace("%1", wave.name),
            QMessageBox.Cancel,
            self,
        )
        box.setObjectName("closeWaveQuestion")
        box.setInformativeText(
            self.tr(
                "Respondents' apps keep each sealed answer for up to 20 minutes before they "
                "deliver it, so that nobody watching the shared folder can tell when someone "
                "answered. Answers given in the last 20 minutes may still be on their way.\n\n"
                "Stop answers: nobody can answer from now on. Rapport takes in the answers "
                "given before now and closes the wave at %1, by itself if this workspace is "
                "open then, or when you next open it.\n\n"
                "Close now: the figures are released at once. Answers still on their way "
                "count as late and are not used."
            ).replace("%1", closes_at)
        )
        stop = box.addButton(
            self.tr("&Stop answers, close at %1").replace("%1", closes_at),
            QMessageBox.AcceptRole,
        )
        stop.setObjectName("stopAnswersButton")
        now_button = box.addButton(self.tr("Close &now"), QMessageBox.DestructiveRole)
        now_button.setObjectName("closeNowButton")
        box.setDefaultButton(stop)
        box.exec()
        clicked = box.clickedButton()
        return "stop" if clicked is stop else "now" if clicked is now_button else None

    def _confirm_unreachable(self, problem: str) -> bool:
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Close wave"),
            problem,
            QMessageBox.Cancel,
            self,
        )
        box.setObjectName("closeUnreachableQuestion")
        box.setInformativeText(
            self.tr(
                "Connect the shared folder and close the wave again. Or close it now: answers "
                "still on respondents' computers will then count as late and not be used."
            )
        )
        now_button = box.addButton(self.tr("Close &now"), QMessageBox.DestructiveRole)
        now_button.setObjectName("closeNowButton")
        box.setDefaultButton(QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is now_button

    # -- doing ---------------------------------------------------------------------------
    def _close_now(self, name: str, share) -> None:  # noqa: ANN001 - a Path or None
        from desktop_app.panels.pulses_writes import close_wave_now

        def closed(_none: None) -> None:
            self.status.setText(
                self.tr(
                    "Wave %1 is closed and its figures are released; run the analysis (F5) "
                    "to see them."
                ).replace("%1", name)
            )
            self.context.data_changed.emit(Changes(waves=True), self)

        self.write(close_wave_now, share, name, done=closed)

    def _stop_answers(self, name: str, share) -> None:  # noqa: ANN001 - a Path
        from desktop_app.panels.pulses_writes import stop_wave_answers

        now = self._clock()
        self.write(
            stop_wave_answers, share, name, now, done=lambda s: self._answers_stopped(name, s, now)
        )

    def _answers_stopped(self, name: str, stopped, now: float) -> None:  # noqa: ANN001
        from surveys.published import parse_moment
        from surveys.wave_stop import clock_text

        self.status.setText(
            self.tr(
                "Wave %1 takes no more answers from %2. Rapport takes in the answers given "
                "before then and closes it at %3, by itself if this workspace is open then, "
                "or when you next open it."
            )
            .replace("%1", name)
            .replace("%2", clock_text(parse_moment(stopped.stopped), now))
            .replace("%3", clock_text(stopped.close_at, now))
        )
        self.context.data_changed.emit(Changes(waves=True), self)
        runner = self.programme_box.runner
        if not runner.unlocked:
            passphrase = self.ask_passphrase(
                self.tr(
                    "Rapport closes wave %1 by itself at %2: it takes in the answers that "
                    "arrived, then releases the figures. For that it needs the workspace "
                    "passphrase, which it keeps in memory until you close this workspace and "
                    "never saves. Cancel to be asked at %2 instead."
                )
                .replace("%1", name)
                .replace("%2", clock_text(stopped.close_at, now)),
                action=self.tr("Close &automatically"),
            )
            if passphrase is not None:
                runner.unlock(passphrase)
        runner.check()  # sets its timer for the close, and says when it comes

    def _close_stopped(self, wave) -> None:  # noqa: ANN001 - a WaveInfo
        """Close a wave whose answers are stopped: now (answers on their way count as
        late), or, from its close time on, after taking in the inbox."""
        from surveys.published import parse_moment
        from surveys.wave_stop import clock_text, stopped_wave

        now = self._clock()
        runner = self.programme_box.runner
        close_at = stopped_wave(wave.name, wave.stopped).close_at
        if close_at <= now:
            if runner.job is not None:
                self.status.setText(self.tr("Rapport is closing the wave already."))
                return
            runner.check(ask=True)  # takes the inbox in first (asks for the passphrase)
            return
        box = QMessageBox(
            QMessageBox.Question,
            self.tr("Close wave"),
            self.tr("Wave %1 stopped taking answers at %2 and closes by itself at %3.")
            .replace("%1", wave.name)
            .replace("%2", clock_text(parse_moment(wave.stopped), now))
            .replace("%3", clock_text(close_at, now)),
            QMessageBox.NoButton,
            self,
        )
        box.setObjectName("closeStoppedQuestion")
        box.setInformativeText(
            self.tr(
                "Until then, answers given before the stop are still arriving. Close it now "
                "instead? Those still on their way will count as late and not be used."
            )
        )
        now_button = box.addButton(self.tr("Close &now"), QMessageBox.DestructiveRole)
        now_button.setObjectName("closeNowButton")
        wait = box.addButton(self.tr("&Keep waiting"), QMessageBox.RejectRole)
        wait.setObjectName("keepWaitingButton")
        box.setDefaultButton(wait)
        box.exec()
        if box.clickedButton() is now_button:
            self.with_share(lambda share: self._close_now(wave.name, share), ask=False)
