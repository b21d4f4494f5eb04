"""The commands' progress printer: in place on a terminal, plain lines (or nothing) otherwise."""

from __future__ import annotations

import io

import pytest

from desktop_app.cli import main
from desktop_app.commands.progress_printer import ProgressPrinter


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def screen(self) -> str:
        """What the terminal's one line shows: "\\r" moves back, characters overwrite."""
        line: list[str] = []
        cursor = 0
        for char in self.getvalue():
            if char == "\r":
                cursor = 0
                continue
            line[cursor : cursor + 1] = [char]
            cursor += 1
        return "".join(line).rstrip()


def test_piped_output_has_one_plain_line_per_message_and_no_carriage_returns() -> None:
    out = io.StringIO()
    with ProgressPrinter(out) as progress:
        for fraction, message in [(0, "Opening"), (0.2, "Scoring"), (0.5, "Scoring"), (1, "Done")]:
            progress(fraction, message)
    assert out.getvalue() == "[  0%] Opening\n[ 20%] Scoring\n[100%] Done\n"


def test_piped_output_can_be_silent_and_quiet_is_silent_everywhere() -> None:
    piped, terminal = io.StringIO(), Terminal()
    with ProgressPrinter(piped, lines_when_piped=False) as progress:
        progress(0.5, "Importing")
    with ProgressPrinter(terminal, quiet=True) as progress:
        progress(0.5, "Analysing")
    assert piped.getvalue() == "" and terminal.getvalue() == ""


def test_a_terminal_line_is_redrawn_in_place_and_cleared_at_the_end() -> None:
    out = Terminal()
    progress = ProgressPrinter(out)
    progress(0.0, "Analysing 2000 comments")
    progress(0.0, "Analysing 2000 comments")  # unchanged: not drawn again
    assert out.getvalue().count("\r") == 1
    progress(0.5, "Done")
    assert out.screen() == "[ 50%] Done"
    progress.close()
    assert out.screen() == ""
    assert "\n" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_a_failed_job_clears_the_line_before_the_error_is_printed() -> None:
    out = Terminal()
    with pytest.raises(RuntimeError), ProgressPrinter(out) as progress:
        progress(0.3, "Writing slide 2 of 9")
        raise RuntimeError("disk full")
    assert "Writing slide" in out.getvalue() and out.screen() == ""


def test_analyze_prints_its_steps_on_stderr_when_piped(workspace, capsys) -> None:
    from tests.analysis.core_helpers import Filler

    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 3, comments=["fine work", "slow replies"])
    filler.close()
    assert main(["analyze", str(workspace)]) == 0
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines[0] == "[  0%] Opening the workspace" and lines[-1] == "[100%] Analysis finished"
    assert "\r" not in err and "[" not in out
    assert main(["analyze", str(workspace), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
