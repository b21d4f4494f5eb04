"""Rows of an export that are not respondents' answers: previews, tests and spam.

Qualtrics writes every recorded response to its export, including the ones its owner made
while building the survey: its ``Status`` column (labelled "Response Type") says
``Survey Preview``, ``Survey Test`` or ``Spam`` (``1``, ``2``, ``8``... when exported as
numeric values), and ``DistributionChannel`` says ``preview`` or ``test``. Those rows are
skipped and counted, never imported: a preview is the survey's author clicking through.

A totals row someone added under the answers in Excel (``Total``, ``Grand total``,
``Average``, ``Summe``... in its first filled cell, numbers in the others) is no respondent
either, in any layout: it is skipped and counted (:func:`is_total_row`); read as a response,
its label was a department and its counts answers and dates. Only such rows at the end of
the file are totals (:func:`with_totals`): a respondent's row of the same shape among the
answers ("Average" as the first column's answer, beside ratings written as numbers) was
skipped as one.

Responses the respondent did not finish (``Finished`` = ``False`` or ``0``) are real
answers: they are imported with what was answered, and counted so the summary says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from surveys.importing.layouts import Column, Layout
from surveys.importing.text import plain

#: Qualtrics ``Status`` values (choice text and numeric) that are not respondents.
_STATUS = {
    "survey preview": "preview",
    "survey test": "preview",
    "offline survey preview": "preview",
    "spam": "spam",
    "survey preview spam": "spam",
    "imported spam": "spam",
    "1": "preview",
    "2": "preview",
    "17": "preview",
    "8": "spam",
    "9": "spam",
    "12": "spam",
}
_CHANNEL = {"preview": "preview", "test": "preview"}
#: ``False`` as Qualtrics writes it, and as Excel in another language saves the file again
#: (German ``FALSCH``, French ``FAUX``, Spanish, Italian and Portuguese ``FALSO``, Dutch
#: ``ONWAAR``, Polish ``FAŁSZ``, Swedish ``FALSKT``, Danish and Norwegian ``FALSK``).
_UNFINISHED = {"false", "0", "falsch", "faux", "falso", "onwaar", "fałsz", "falskt", "falsk"}


def _find(layout: Layout, *names: str) -> Column | None:
    for column in layout.columns:
        if {plain(column.key), plain(column.text)} & set(names):
            return column
    return None


@dataclass(frozen=True)
class RowStatus:
    """Where a file says which rows are previews, spam or unfinished."""

    status: Column | None = None
    channel: Column | None = None
    finished: Column | None = None

    @classmethod
    def of(cls, layout: Layout) -> RowStatus | None:
        """The status columns of a Qualtrics file, or ``None`` for other layouts."""
        if layout.name != "qualtrics":
            return None
        return cls(
            _find(layout, "status", "response type"),
            _find(layout, "distributionchannel", "distribution channel"),
            _find(layout, "finished"),
        )

    def excluded(self, cells: list[str]) -> str:
        """``preview``, ``spam`` or ``""`` (a respondent's row)."""
        for column, table in ((self.status, _STATUS), (self.channel, _CHANNEL)):
            if column is not None and column.index < len(cells):
                reason = table.get(plain(cells[column.index]))
                if reason:
                    return reason
        return ""

    def unfinished(self, cells: list[str]) -> bool:
        """Whether the tool marked the response as not finished."""
        column = self.finished
        if column is None or column.index >= len(cells):
            return False
        return cells[column.index].strip().casefold() in _UNFINISHED


#: The label of a totals row (in its first filled cell), in the languages of the exports
#: (not Italian and Spanish "media": a department may be called Media).
_TOTAL_LABEL = re.compile(
    r"(grand |sub ?)?totals?( row)?|sum|count|average|mean|summe|gesamt(summe)?|insgesamt|"
    r"anzahl|mittelwert|durchschnitt|somme|moyenne|suma|promedio|totale|somma|totaal|"
    r"gemiddelde|total general|total geral|razem|suma calkowita"
)
_NUMBER = re.compile(r"[-+]?[\d\s\u00a0.,']*\d[\d\s\u00a0.,']*%?")
#: A date written with dots (``21.10.2026 15:52``), which :data:`_NUMBER` would take for
#: one: a row holding it is a response (a number's groups after the first have 3 digits).
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})\b.*")


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1024)
def _is_total_label(text: str) -> bool:
    """Whether a first cell is a total's label; cheap for ids and dates, which hold a
    digit, and remembered for department answers, which repeat."""
    text = text.strip()
    if not text[:1].isalpha() or len(text) > 40 or _DIGIT.search(text):
        return False  # no label has a digit (a response id such as R_01xQ7 has)
    return _TOTAL_LABEL.fullmatch(plain(text).rstrip(":")) is not None


def is_total_row(cells: list[str]) -> bool:
    """Whether a row is a totals row added under the answers: its first filled cell is a
    total's label (``Total``, ``Average``, ``Summe``...) and every other filled cell a
    number (a count, a sum, a mean)."""
    label = next((cell for cell in cells if cell and not cell.isspace()), "")
    if not _is_total_label(label):
        return False  # a respondent's row, told by its first cell (most rows stop here)
    filled = [cell.strip() for cell in cells if cell.strip()]
    return all(_NUMBER.fullmatch(cell) and not _DOTTED_DATE.fullmatch(cell) for cell in filled[1:])


#: The most totals rows a file ends with (Excel's Total Row, a line of sums, one of means,
#: one of counts...): a longer run of rows shaped so is respondents' answers.
MAX_TOTALS_ROWS = 8

Row = tuple[int, list[str]]


def with_totals(rows: Iterable[Row]) -> Iterator[tuple[int, list[str], bool]]:
    """Each row of the file with whether it is a totals row: one shaped as
    :func:`is_total_row` says that only other such rows, empty rows and notes follow
    (totals are added under the answers, a line such as "Source: October pulse" under
    them). Rows of that shape are held back until the next answer or the end of the file
    shows which they are; rows of empty cells among them are passed over (they are no
    response either way), notes are given back in their place."""
    held: list[tuple[int, list[str], bool]] = []
    long_run = False  # more rows of that shape in a row than totals ever are: answers
    for line, cells in rows:
        if not any(cells):
            if not held:
                yield line, cells, False
            continue
        if held and _is_note(cells):
            held.append((line, cells, False))
        elif not is_total_row(cells):
            yield from _released(held)
            long_run = False
            yield line, cells, False
        elif long_run:
            yield line, cells, False
        else:
            held.append((line, cells, True))
        if len(held) > MAX_TOTALS_ROWS:  # totals and notes are a few lines, never more
            yield from _released(held)
            long_run = True
    yield from held


def _is_note(cells: list[str]) -> bool:
    """A row of one filled cell of words, as a note under a sheet's totals (no answers
    beside it: no response either way)."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return len(filled) == 1 and not _NUMBER.fullmatch(filled[0]) and not is_total_row(cells)


def _released(held: list[tuple[int, list[str], bool]]) -> Iterator[tuple[int, list[str], bool]]:
    """The rows held back, now known to be answers (emptied as they are given)."""
    for line, cells, _ in held:
        yield line, cells, False
    held.clear()
