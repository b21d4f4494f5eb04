"""Reports of results already summed up per group, which Rapport cannot import.

Engagement tools (Viva Glint, Peakon, Officevibe, Lattice, Culture Amp) show HR its
results as a score per team and driver, with the number of people behind it: ``Segment,
Driver, Score, Respondents``, ``Team, Favorable %, Responses``. Such a row is a group's
average, not a person's answers: read as a response, each team became one respondent
whose "answer" was the group's mean, and Rapport's own thresholds (a group shown only from
k people) would count rows, not people. The file is refused at its header, saying which
columns show it and what to export instead (:func:`aggregate_problem`).
"""

from __future__ import annotations

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
