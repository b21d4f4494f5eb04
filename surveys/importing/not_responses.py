"""Files HR may pick that hold no survey responses, refused at their header with what to do.

- Reports of results already summed up per group (:func:`aggregate_problem`). Engagement
  tools (Viva Glint, Peakon, Officevibe, Lattice, Culture Amp) show HR its results as a
  score per team and driver, with the number of people behind it: ``Segment, Driver,
  Score, Respondents``, ``Team, Favorable %, Responses``. Such a row is a group's average,
  not a person's answers: read as a response, each team became one respondent whose
  "answer" was the group's mean, and Rapport's own thresholds (a group shown only from k
  people) would count rows, not people.
- An HR system's employee report (:func:`employee_report_problem`): ``Employee ID,
  Worker, Department, Status, Annual Salary``, picked in the response import where the
  roster import was meant. It was read as a wide table and asked for a mapping of its
  salary and status columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from surveys.importing.roster_rows import DEPARTMENT, EMAIL, PAY, PERSON_ID, STATUS, status_of
from surveys.importing.text import plain

#: Headings of how many people a row stands for.
_COUNTS = {
    "respondents",
    "number of respondents",
    "responses",
    "number of responses",
    "response count",
    "responses count",
    "participants",
    "participation",
    "participation rate",
    "response rate",
    "n",
    "invited",
}
#: A count or a rate as a report writes it: ``12``, ``1,204``, ``87%``, ``0.87``.
_COUNT = re.compile(r"\d[\d\s\u00a0.,']*%?")
#: How a report writes a group too small to show.
_HIDDEN = re.compile(r"[<\u2264]=? ?\d+|n/?a|-+|\u2013|\*+|suppressed|hidden", re.I)
#: Headings of a result computed over a group.
_RESULTS = {
    "score",
    "average score",
    "mean score",
    "engagement score",
    "driver score",
    "favorable",
    "favourable",
    "favorable %",
    "% favorable",
    "favourable %",
    "% favourable",
    "favorability",
    "favourability",
    "unfavorable",
    "unfavourable",
    "enps",
    "benchmark",
}


def aggregate_problem(header: list[str], rows: Sequence[list[str]] = ()) -> str | None:
    """Why a file of one header row holds group results rather than answers, or ``None``.

    It does when one heading counts people (``Respondents``, ``Response rate``) and
    another names a group's result (``Score``, ``Favorable %``, ``eNPS``), and the counts
    in the first ``rows`` under the header are numbers, not a hand-made sheet's row
    numbers (``N``: 1, 2, 3...) or respondents' ids.
    """
    named = [heading.strip() for heading in header if heading.strip()]
    counts = [heading for heading in named if _forms_of(heading) & _COUNTS]
    results = [heading for heading in named if _forms_of(heading) & _RESULTS]
    if not counts or not results:
        return None
    columns = [i for i, heading in enumerate(header) if _forms_of(heading) & _COUNTS]
    if not any(_counts_people(_values(rows, i)) for i in columns):
        return None
    return (
        f'this file holds results already summed up per group (columns "{results[0]}" and '
        f"\"{counts[0]}\"): each row is a group's score, not one person's answers, so it "
        "cannot be imported as responses (each group would count as one respondent, and "
        "Rapport's thresholds would count rows instead of people). Export the individual "
        "responses from the tool (its raw data or response export), or its comments, one "
        "per row, and import that file. Nothing was imported."
    )


def _forms_of(heading: str) -> set[str]:
    """A heading as compared, with and without its per cent sign (``% Favorable``,
    ``Favorable (%)``)."""
    spaced = " ".join(heading.replace("(%)", "%").casefold().split())
    return {plain(heading), spaced}


def employee_report_problem(header: list[str], rows: Sequence[list[str]] = ()) -> str | None:
    """Why a file of one header row is an employee report rather than responses, or
    ``None``: it names a person (an employee id, an e-mail), a department, and an
    employment status or pay, which no survey asks, and no heading reads as a question
    (none ends in "?" or has five words or more). A status column counts when the first
    ``rows`` hold employment statuses (``Active``, ``Terminated``), not a response's
    (``Complete``, as a hand-made survey sheet writes it)."""
    named = [heading.strip() for heading in header if heading.strip()]
    if any(heading.endswith("?") or len(plain(heading).split()) >= 5 for heading in named):
        return None
    person = _first(named, lambda key: bool(PERSON_ID.fullmatch(key) or EMAIL.fullmatch(key)))
    department = _first(named, lambda key: bool(DEPARTMENT.fullmatch(key)))
    statuses = [
        h if PAY.fullmatch(plain(h)) or _employment(_values(rows, i)) else ""
        for i, h in enumerate(header)
    ]
    work = _first(
        [h.strip() for h in statuses if h.strip()],
        lambda key: bool(STATUS.fullmatch(key) or PAY.fullmatch(key)),
    )
    if not (person and department and work):
        return None
    return (
        f'this looks like an employee report of an HR system (columns "{person}", '
        f'"{department}", "{work}"), not survey responses: no column holds answers. To '
        "set the departments and their headcounts from it, import it as a roster: rapport "
        "roster import WORKSPACE FILE (in the app: Settings, Import roster…). Nothing was "
        "imported."
    )


def _values(rows: Sequence[list[str]], index: int) -> list[str]:
    """The filled cells of column ``index`` in ``rows``."""
    return [row[index].strip() for row in rows if index < len(row) and row[index].strip()]


def _counts_people(values: list[str]) -> bool:
    """Whether a column's first values may be counts of people (or rates): numbers, and not
    the row numbers 1, 2, 3... of a hand-made sheet. A group too small to show (``<5``,
    ``n/a``, ``-``) says nothing either way; with no values, the heading decides."""
    values = [value for value in values if not _HIDDEN.fullmatch(value)]
    if not all(_COUNT.fullmatch(value) for value in values):
        return False
    numbers = [int(value) for value in values if value.isdigit()]
    rows = len(numbers) == len(values) >= 2
    return not (rows and numbers == list(range(numbers[0], numbers[0] + len(numbers))))


def _employment(values: list[str]) -> bool:
    """Whether a status column's first values are all employment statuses (or there are
    none: the heading decides); ratings under a heading "Status" (1 to 5) are not."""
    return all(status_of(value) is not None for value in values)


def _first(headings: list[str], wanted: Callable[[str], bool]) -> str:
    """The first heading whose plain form is ``wanted``, or ``""``."""
    return next((heading for heading in headings if wanted(plain(heading))), "")
