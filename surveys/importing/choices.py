"""Answers to "tick all that apply" questions, as each tool writes them.

No Rapport item holds several choices, so the suggestion drops these columns; read as
ratings they would be wrong answers (docs/import-tools.md, "Exports as the tools really write
them"):

- Microsoft Forms joins the choices in one cell with ``;`` and a trailing ``;``
  (``Sales;IT;``);
- Qualtrics joins them with ``,`` (``1,3`` with numeric values), or, when multi-value
  answers are split into columns, gives each choice a column ("... - Selected Choice -
  Sales") holding one mark when it was ticked;
- LimeSurvey gives each choice (a subquestion, ``Q9[SQ001]``) a column holding ``Y`` when
  ticked and nothing otherwise (never ``N``, which a yes/no question would hold).

Google Forms' ``Sales, IT`` and SurveyMonkey's choice text under each choice are told by
their department names (:mod:`surveys.importing.suggest`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from surveys.importing.layouts import Column
from surveys.importing.text import fold

_CODES_JOINED = re.compile(r"^\d+(,\d+)*$")
#: A split column names its choice after "Selected Choice"; a one-answer question with a
#: typed "Other" ends in it ("Did IT fix it? - Selected Choice", then "- Other - Text").
_SPLIT_CHOICE = re.compile(r"selected choice\s*-\s*\S")
TICKED = "ticked choices (not a rating)"
_TICKED_OR = (
    "CHECK: every answer is '{}': one column per ticked choice (not a rating), or yes/no "
    "answers? Map it under columns if it holds yes/no answers"
)
TICKED_OR_YES = _TICKED_OR.format("Yes")
#: LimeSurvey's code for yes, in a question that reads as a yes/no item ("I know who our
#: liaison is in each department. [IT]"): an array of yes/no questions all answered yes?
TICKED_OR_Y = _TICKED_OR.format("Y")
#: LimeSurvey's ``Y`` exported with its "Convert Y to" option (``1``): read as ratings,
#: each department ticked was rated 1, the lowest.
TICKED_OR_ONE = _TICKED_OR.format("1")


def is_multiple_choice(
    values: Iterable[str],
    layout: str = "",
    point: str | None = None,
    pooled: Iterable[str] = (),
) -> bool:
    """Whether a column holds several choices per cell: ``Sales;IT;`` (Microsoft Forms),
    or, in a Qualtrics export, numeric choice values joined by commas (``1,3``), unless
    they are numbers written with a decimal comma (:func:`decimal_commas`; ``point`` is the
    file's decimal separator when its layout says, ``pooled`` the answers of every column
    of the same question)."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled:
        return False
    if all(v.endswith(";") for v in filled):
        return True
    joined = layout == "qualtrics" and any("," in v for v in filled)
    if not joined or not all(_CODES_JOINED.match(v) for v in filled):
        return False
    return not decimal_commas([*filled, *pooled], point)


SEVERAL = "several choices per answer (no Rapport item)"
SEVERAL_OR_DECIMALS = (
    "CHECK: several choices per answer ('1,5': choices 1 and 5), or numbers with a decimal "
    "comma (a slider's 1.5)? If they are decimals, map it under columns with a scale that "
    "gives each answer a value"
)


def several_choices(values: Iterable[str]) -> str:
    """Why a column of joined choices is dropped: a line to check when every answer could
    also be a number with a decimal comma (``1,5``, ``2,5``: Qualtrics' choices 1 and 5, or
    a slider's 1.5 saved by a European Excel as a comma-separated file)."""
    filled = [v.strip() for v in values if v.strip()]
    pairs = [v.split(",") for v in filled if "," in v]
    two = all(len(pair) == 2 and len(pair[1]) <= 2 for pair in pairs)
    return SEVERAL_OR_DECIMALS if pairs and two and not any(";" in v for v in filled) else SEVERAL


def decimal_commas(values: Iterable[str], point: str | None) -> bool:
    """Whether the ``3,5`` answers among ``values`` are numbers with a decimal comma (a
    slider saved by European Excel) rather than choices joined by commas: every one has
    two parts, and either the file writes its decimals with a comma (a semicolon-separated
    CSV) or one of them cannot be two choices (``4,2``, ``3,3``: Qualtrics joins a
    response's choices each once, in their order)."""
    pairs = [v.strip().split(",") for v in values if "," in v]
    if not pairs or any(len(pair) != 2 or not all(p.isdigit() for p in pair) for pair in pairs):
        return False
    return point == "," or any(int(second) <= int(first) for first, second in pairs)


def ticked_choice(
    column: Column, values: Iterable[str], pooled: Iterable[str], layout: str, yes_no: bool = False
) -> str:
    """Why a column is one choice of a multiple-answer question, marked when ticked, or
    ``""`` when it is not.

    ``values`` are the column's answers, ``pooled`` those of every column of the same
    question: LimeSurvey's multiple choice holds only ``Y`` (or ``1``) in all of them (an array of
    yes/no questions holds ``N`` too); a full-answer export's ``Yes`` may also be an array
    of yes/no questions that everyone answered yes, so that reason asks to check it, as
    does ``Y`` under a question that reads as a yes/no item (``yes_no``).
    Qualtrics' split columns are titled "... - Selected Choice - Sales" and hold one mark
    each; a heading that ends in "Selected Choice" is a one-answer question (a rating too).
    """
    if layout == "limesurvey":
        marks = {fold(v) for v in pooled if v.strip()}
        if "[" not in column.code and not column.text.rstrip().endswith("]"):
            return ""
        if marks == {"y"}:
            return TICKED_OR_Y if yes_no else TICKED
        if marks == {"yes"}:
            return TICKED_OR_YES
        if marks == {"1"}:  # exported with "Convert Y to" 1
            return TICKED_OR_ONE
        return ""
    marks = {fold(v) for v in values if v.strip()}
    if layout == "qualtrics" and _SPLIT_CHOICE.search(fold(column.text)) and len(marks) == 1:
        return TICKED
    return ""
