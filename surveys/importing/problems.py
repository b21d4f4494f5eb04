"""The error every import raises when its input is wrong: all problems, nothing written.

Kept apart (standard library only) so that light modules, such as the name list that the
HR window's settings read, can use it without loading the import machinery.
"""

from __future__ import annotations

from surveys.errors import RapportError


class ImportProblems(RapportError):
    """The file cannot be imported as it is; nothing was written.

    Attributes
    ----------
    problems : list of (source, problem)
        Each problem with the file it is in (the data file or the mapping).
    more : int
        Problems found but not listed.
    """

    def __init__(self, problems: list[tuple[str, object]], more: int = 0, footer: str = "") -> None:
        self.problems = list(problems)
        self.more = more
        self.footer = footer or "Nothing was imported."
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """Each problem as ``FILE:LINE: column: message``, then the closing sentence."""
        out = [problem.format(source) for source, problem in self.problems]
        if self.more:
            out.append(f"... and {self.more:,} more problem{'' if self.more == 1 else 's'}.")
        out.append(self.footer)
        return out


def listed_columns(names: list[str], most: int = 20) -> str:
    """Column headings for a message: the first ``most``, each cut at 40 characters.

    A file with thousands of columns (or one long heading) would otherwise make a message
    of megabytes.
    """
    shown = [
        name.strip() if len(name.strip()) <= 40 else name.strip()[:37] + "..."
        for name in names[:most]
    ]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")
