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

from collections.abc import Callable

from surveys.importing.roster_rows import DEPARTMENT, EMAIL, PAY, PERSON_ID, STATUS
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


def aggregate_problem(header: list[str]) -> str | None:
    """Why a file of one header row holds group results rather than answers, or ``None``.

    It does when one heading counts people (``Respondents``, ``Response rate``) and
    another names a group's result (``Score``, ``Favorable %``, ``eNPS``).
    """
    named = [heading.strip() for heading in header if heading.strip()]
    counts = [heading for heading in named if _forms_of(heading) & _COUNTS]
    results = [heading for heading in named if _forms_of(heading) & _RESULTS]
    if not counts or not results:
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


def employee_report_problem(header: list[str]) -> str | None:
    """Why a file of one header row is an employee report rather than responses, or
    ``None``: it names a person (an employee id, an e-mail), a department, and an
    employment status or pay, which no survey asks, and no heading reads as a question
    (none ends in "?" or has five words or more)."""
    named = [heading.strip() for heading in header if heading.strip()]
    if any(heading.endswith("?") or len(plain(heading).split()) >= 5 for heading in named):
        return None
    person = _first(named, lambda key: bool(PERSON_ID.fullmatch(key) or EMAIL.fullmatch(key)))
    department = _first(named, lambda key: bool(DEPARTMENT.fullmatch(key)))
    work = _first(named, lambda key: bool(STATUS.fullmatch(key) or PAY.fullmatch(key)))
    if not (person and department and work):
        return None
    return (
        f'this looks like an employee report of an HR system (columns "{person}", '
        f'"{department}", "{work}"), not survey responses: no column holds answers. To '
        "set the departments and their headcounts from it, import it as a roster: rapport "
        "roster import WORKSPACE FILE (in the app: Settings, Import roster…). Nothing was "
        "imported."
    )


def _first(headings: list[str], wanted: Callable[[str], bool]) -> str:
    """The first heading whose plain form is ``wanted``, or ``""``."""
    return next((heading for heading in headings if wanted(plain(heading))), "")
