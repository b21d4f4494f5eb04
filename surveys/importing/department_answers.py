"""The answers of a department column that hold more than a department.

:func:`bracketed_answer` finds the answers that end in brackets ("Sales (Ngozi Eze)"), so
:mod:`surveys.importing.suggest` can ask the user to check the column instead of taking
a manager's name into a department. No third-party code.
"""

from __future__ import annotations

from surveys.importing.text import fold


def bracketed_answer(answers: list[str], departments: list[str]) -> str:
    """An answer of a department column ending in brackets, when most do (Qualtrics EX's
    "Parent Unit" is the unit or its manager's name: "Sales (Ngozi Eze)"), or ``""``. A
    department named so ("IT (Helpdesk)") is a department, not more, and an abbreviation
    in capitals ("Information Technology (IT)") is no one's name."""
    import re

    named = {fold(name) for name in departments}
    ending = []
    for answer in answers:
        found = re.search(r"\S\s*\(([^()]+)\)\s*$", answer)
        if found and fold(answer.strip()) not in named and not found.group(1).strip().isupper():
            ending.append(answer)
    return ending[0].strip() if ending and len(ending) * 2 >= len(answers) else ""
