"""Which columns of a comment export hold what, found by their names.

The names are those the vendors document, and those assumed where they do not
(docs/import-tools.md, "Comment exports"); compared after :func:`surveys.importing.text.plain`.
Kept apart from :mod:`surveys.importing.comment_exports` so that layout detection
(:mod:`surveys.importing.layouts`) can use it without a cycle.
"""

from __future__ import annotations

from surveys.importing.text import plain

#: Column names (after :func:`plain`) and the role they play.
ROLES: dict[str, frozenset[str]] = {
    "comment": frozenset(
        {
            "comment",
            "comments",
            "comment text",
            "answercomment",
            "answer comment",
            "verbatim",
            "verbatim comment",
            "open text",
            "open ended response",
            "text response",
            "response text",
        }
    ),
    "question": frozenset(
        {"question", "question text", "questiontext", "question title", "item", "item text"}
    ),
    "target": frozenset(
        {"about", "about department", "target department", "department rated", "comment about"}
    ),
    "department": frozenset(
        {
            "department",
            "dept",
            "segment",
            "team",
            "business unit",
            "division",
            "function",
            "department name",
            "employee department",
            "respondent department",
        }
    ),
    "date": frozenset(
        {
            "date",
            "submitted",
            "submitted at",
            "submitted on",
            "date submitted",
            "submission date",
            "response date",
            "responsedate",
            "answer date",
            "answerdate",
            "answered at",
            "created",
            "created at",
            "comment date",
            "recorded date",
            "recordeddate",
            "survey date",
        }
    ),
    "score": frozenset({"score", "rating", "answerscore", "answer score", "question score"}),
    "answer_id": frozenset(
        {"answerid", "answer id", "comment id", "commentid", "response id", "responseid"}
    ),
}

#: How messages list the names looked for.
LOOKED_FOR = {
    "department": "Department, Segment, Team, Business unit, Division",
    "date": "Date, Submitted, Submitted at, Response date, Recorded Date, Survey Date, Created at",
    "target": "About, Target department",
}


def comment_roles(header: list[str]) -> dict[str, int]:
    """The column index of each role found in ``header`` (the first of each)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = plain(cell)
        for role, names in ROLES.items():
            if name in names and role not in found:
                found[role] = index
                break
    return found


def columns_of(header: list[str], role: str) -> list[int]:
    """Every column index of ``header`` that ``role`` could be (the first is used)."""
    return [index for index, cell in enumerate(header) if plain(cell) in ROLES[role]]


def is_comment_export(header: list[str]) -> bool:
    """One comment per row: a comment column and a question (or ``About``) column."""
    roles = comment_roles(header)
    return "comment" in roles and ("question" in roles or "target" in roles)


def variant_of(header: list[str]) -> str:
    """``peakon`` when the header uses Peakon's documented export field names."""
    names = {plain(cell) for cell in header}
    return "peakon" if "answercomment" in names else ""
