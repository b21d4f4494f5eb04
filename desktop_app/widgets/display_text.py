"""Names and phrases of the analysis shown as titles: a capital first letter.

A discovered topic is named by its top words, lower case ("sales, committing, deal"), and
some of a hotspot's reasons begin lower case ("conflict language … in 9 % of comments",
"down 0.5 since 2026-07"). Where the window shows one as a title, a list entry or a line of
its own, beside names that begin with a capital ("Responsiveness"), it goes through
:func:`capitalised` (``analysis.text``, which the deck uses too). Only what is shown
changes: the stored labels, the analysis results, the workbook and CSV files and the
filters' keys keep their case.
"""

from __future__ import annotations

from analysis.text import capitalised

__all__ = ["capitalised"]
