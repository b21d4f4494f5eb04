"""Write the quirks real exports carry that the other fixtures do not (formats8).

- ``qualtrics_sliders.csv``: the Qualtrics fixture with a slider question (0 to 10, two
  decimals allowed) in place of its matrices: ``Q10_1`` ... ``Q10_4``, one per department,
  answers such as ``7.5`` and ``3.75``; the respondent's own department left out by the
  survey's display logic (an empty cell).
- ``qualtrics_sliders_eu.csv``: the same file opened and saved again by a German Excel as
  "CSV UTF-8": semicolons, the byte-order mark, decimal commas (``7,5``), the dates
  rewritten as Excel shows them (``20.10.2025 15:52``) and ``True`` as ``WAHR``.

All text is made up (the respondents are the Qualtrics fixture's). Rebuilt with the other
variants: ``.venv/bin/python -m tests.surveys.importing.variant_writers``.
"""

from __future__ import annotations

import csv
import datetime as dt

from tests.surveys.importing.fixture_people import HERE, write_csv

VARIANTS = HERE / "variants"
DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations")
SLIDER = "Overall, how well does each department work with you? (0 = not at all, 10 = very well)"
#: The slider's answers, taken in turn (a tie such as 3.75 or 8.75 rounds half up).
SLIDES = ("7.5", "3.75", "10", "8.75", "6", "2.5", "9.25", "5", "0.5", "6.25", "4", "8")
_FIRST_ANSWER = 17  # Q1, the department; the Qualtrics fixture's metadata is before it


def _qualtrics() -> list[list[str]]:
    text = (HERE / "qualtrics.csv").read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(text.splitlines()) if row]


def slider_rows() -> list[list[str]]:
    """The Qualtrics fixture's metadata and department, then the slider's four columns."""
    rows = _qualtrics()
    keys = [f"Q10_{n}" for n in range(1, 5)]
    out = [
        [*rows[0][: _FIRST_ANSWER + 1], *keys],
        [*rows[1][: _FIRST_ANSWER + 1], *(f"{SLIDER} - {d}" for d in DEPARTMENTS)],
        [*rows[2][: _FIRST_ANSWER + 1], *(f'{{"ImportId":"QID10_{n}"}}' for n in range(1, 5))],
    ]
    turn = 0
    for row in rows[3:]:
        own = row[_FIRST_ANSWER]
        if not own:  # the partial response without answers stays without any
            out.append([*row[: _FIRST_ANSWER + 1], "", "", "", ""])
            continue
        slides = []
        for department in DEPARTMENTS:
            slides.append("" if department == own else SLIDES[turn % len(SLIDES)])
            turn += department != own
        out.append([*row[: _FIRST_ANSWER + 1], *slides])
    return out


def _german_excel(row: list[str]) -> list[str]:
    """A data row as a German Excel saves it: decimal commas, its own date and boolean."""
    out = []
    for cell in row:
        try:
            when = dt.datetime.strptime(cell, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            when = None
        if when is not None:
            out.append(when.strftime("%d.%m.%Y %H:%M"))
        elif cell in ("True", "False"):
            out.append("WAHR" if cell == "True" else "FALSCH")
        elif cell.lstrip("-").replace(".", "", 1).isdigit() and "." in cell:
            out.append(cell.replace(".", ","))
        else:
            out.append(cell)
    return out


def qualtrics_sliders() -> None:
    rows = slider_rows()
    write_csv(VARIANTS / "qualtrics_sliders.csv", rows)
    german = [*rows[:3], *(_german_excel(row) for row in rows[3:])]
    write_csv(VARIANTS / "qualtrics_sliders_eu.csv", german, sep=";")


WRITERS = (qualtrics_sliders,)
