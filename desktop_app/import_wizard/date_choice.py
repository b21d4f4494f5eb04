"""The import wizard's Dates choice: how the file writes its dates.

A file whose every date has a day of 12 or less (``03/10/2026``) does not say whether the
day or the month comes first; the suggestion assumes day first and marks it to check. The
mapping page showed no way to say otherwise and let the import run on the assumption (a
month-first file landed in the wrong months, so the wrong waves). This box shows the
format in words and, when the file cannot tell, shows none and asks: the page is not
complete until one is chosen. :func:`wave_tip` puts the wave line's note (what the dates
give, or why they give none) in the wizard's words for the Wave box's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.widgets.plain_text import wrapped_tip

#: The formats a mapping knows (surveys.importing.dates.DATE_FORMATS), with an example.
_FORMATS = (
    ("D/M/YYYY", "Day first: 31/10/2026"),
    ("M/D/YYYY", "Month first: 10/31/2026"),
    ("D.M.YYYY", "Day first, with dots: 31.10.2026"),
    ("D-M-YYYY", "Day first, with dashes: 31-10-2026"),
    ("YYYY-MM-DD", "Year first: 2026-10-31"),
)


class DateFormatChoice(QComboBox):
    """How the dates are read; empty, asking, while the file leaves it open."""

    #: A format was chosen by hand (one of the mapping's, such as ``M/D/YYYY``).
    format_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="importDateFormat")
        for fmt, label in _FORMATS:
            self.addItem(self.tr(label), fmt)
        self.setAccessibleName(self.tr("How the dates are written"))
        self.setPlaceholderText(self.tr("Day or month first? Choose how the dates are written"))
        self.activated.connect(self._on_activated)

    def show_for(self, suggestion) -> None:
        """Show the mapping's date format, or ask for one when the file cannot tell day
        from month (the suggestion's date line is to be checked)."""
        mapping = suggestion.mapping
        decision = suggestion.decisions.get("date")
        unsure = decision is not None and decision in suggestion.to_check()
        self.setToolTip(wrapped_tip(_asked(decision.note)) if unsure else "")
        self.setCurrentIndex(-1 if unsure else self.findData(mapping.date_format))

    def asking(self) -> bool:
        """Whether a format is still to be chosen."""
        return self.currentIndex() < 0

    def _on_activated(self, index: int) -> None:
        self.setToolTip("")
        self.format_chosen.emit(self.itemData(index))


def _asked(note: str) -> str:
    """The suggestion's note, less the guess it made ("D/M/YYYY assumed"): the box shows
    none, and asks."""
    guess = note.find("; ")
    said = note[:guess] if guess > 0 and "assumed" in note[guess:] else note
    return f"{said}. Choose how the survey tool writes them (its language or region)"


#: The wave notes' words for `rapport import` and its mapping file, and the wizard's own.
_IN_THE_APP = (
    (
        " and suggest again, or give the wave's name here or with --wave",
        " and go Back to choose it again, or choose 'One wave named:' and type its name",
    ),
    ("give the wave's name here or with --wave", "choose 'One wave named:' and type its name"),
    ("use 'by: quarter'", "choose 'By quarter of the date'"),
    ("use 'by: month'", "choose 'By month of the date'"),
    ("or 'fixed: NAME'", "or 'One wave named:'"),
)


def wave_tip(note: str) -> str:
    """A wave line's note (:mod:`surveys.importing.suggest`) in the wizard's words: the
    Wave box, not ``--wave`` or the mapping's ``by: quarter``."""
    for command_words, app_words in _IN_THE_APP:
        note = note.replace(command_words, app_words)
    return note
