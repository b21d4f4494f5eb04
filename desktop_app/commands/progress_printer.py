"""The progress printer every `rapport` command uses: progress on stderr, never on stdout.

On a terminal one line is redrawn in place (``[ 42%] Scoring sentiment``) and cleared when
the work is done or fails, so the command's own output (or its error) starts on a clean
line. When stderr is not a terminal (a pipe, a log file, a test) there are no carriage
returns: each new message is one plain line, or nothing at all with
``lines_when_piped=False`` (for a command whose stderr a script reads, such as import-csv's
list of problems). ``quiet=True`` prints nothing anywhere (``rapport analyze --quiet``).

Plain Python (no Qt); an instance is a :data:`surveys.progress.Progress` callback.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class ProgressPrinter:
    """Print a long job's progress to ``stream`` (default: stderr).

    Parameters
    ----------
    stream : text stream, optional
        Where to print; default ``sys.stderr`` at the time of the call.
    lines_when_piped : bool
        When ``stream`` is not a terminal: print each new message on a line of its own
        (default), or print nothing.
    quiet : bool
        Print nothing at all.

    Examples
    --------
    >>> with ProgressPrinter() as progress:  # doctest: +SKIP
    ...     analyse_workspace(folder, progress=progress)
    """

    def __init__(
        self, stream: TextIO | None = None, *, lines_when_piped: bool = True, quiet: bool = False
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream)
        self.lines_when_piped = lines_when_piped and not quiet
        self.quiet = quiet
        self.width = shutil.get_terminal_size().columns - 1 if self.terminal else 0
        self._shown: tuple[int, str] | None = None
        self._drawn = 0  # characters of the line drawn in place (terminal only)

    def __call__(self, fraction: float, message: str) -> None:
        """Show ``fraction`` (0..1) done and what is being done."""
        percent = max(0, min(100, int(fraction * 100)))
        if self.quiet or (percent, message) == self._shown:
            return
        new_message = self._shown is None or message != self._shown[1]
        self._shown = (percent, message)
        if self.terminal:
            text = f"[{percent:3d}%] {message}"[: self.width]
            # Spaces cover what is left of a longer line (no escape codes needed).
            self.stream.write("\r" + text.ljust(self._drawn))
            self._drawn = len(text)
        elif self.lines_when_piped and new_message:
            self.stream.write(f"[{percent:3d}%] {message}\n")
        else:
            return
        self.stream.flush()

    def close(self) -> None:
        """Clear the line drawn in place, so what is printed next starts on a clean line."""
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0

    def __enter__(self) -> ProgressPrinter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
