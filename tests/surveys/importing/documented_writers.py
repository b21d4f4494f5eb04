"""Write the variants found against the tools' documentation into the variants folder.

"Tick all that apply": each adds a question "Which departments did you work with this
month?" to a base fixture, written as the tool writes a multiple-answer question
(docs/import-tools.md, "Exports as the tools really write them"): LimeSurvey one column per
choice (subquestion) holding ``Y`` when ticked; Qualtrics the numeric values joined by
commas (``1,3``) or, with multi-value answers split into columns, one "Selected Choice"
column per choice holding ``1``; SurveyMonkey one column per choice holding the choice's
text, and an "Other (please specify)" column; Google Forms the ticked choices joined by
", ", with what was typed under "Other:" among them. And LimeSurvey's "full question text"
headings, where the token column is headed "Access code"; and Qualtrics' Employee
Experience export, with its participant and "Parent Unit" columns; Google Forms' own CSV
download, its timestamps year first with a time zone; a Viva Glint comment export with
the manager and time zone attributes of its user data. All text is made up.

Rebuilt with the other variants: ``.venv/bin/python -m tests.surveys.importing.variant_writers``.
"""

from __future__ import annotations

import csv
import io
import re

from tests.surveys.importing.fixture_people import HERE, write_csv

VARIANTS = HERE / "variants"
QUESTION = "Which departments did you work with this month?"
DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations")
_TICKED = (
    ("Sales", "IT"),
    ("IT",),
    ("Marketing", "Operations", "Sales"),
    (),
    ("IT", "Operations"),
    ("Operations",),
)


def _records(name: str, sep: str = ",") -> list[list[str]]:
    text = (HERE / name).read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if row]


def _ticked(n: int) -> tuple[str, ...]:
    return _TICKED[n % len(_TICKED)]


def _insert(rows: list[list[str]], place: int, extra) -> list[list[str]]:
    """Each row with the cells ``extra(n)`` gives for row ``n`` inserted at ``place``."""
    return [[*row[:place], *extra(n), *row[place:]] for n, row in enumerate(rows)]


def limesurvey_multiple_choice() -> None:
    """Answer codes: ``G09Q09[SQ001]. Which departments ...? [Sales]``, ``Y`` or empty."""
    rows = _records("limesurvey_codes.csv")
    place = rows[0].index("G01Q01. Which department do you work in?") + 1

    def cells(n: int) -> list[str]:
        if n == 0:
            return [f"G09Q09[SQ00{i + 1}]. {QUESTION} [{d}]" for i, d in enumerate(DEPARTMENTS)]
        return ["Y" if d in _ticked(n) else "" for d in DEPARTMENTS]

    write_csv(VARIANTS / "limesurvey_multiple_choice.csv", _insert(rows, place, cells))


def _qualtrics(name: str, header, answers) -> None:
    """The three header rows get ``header(n)``, each response ``answers(n)``."""
    rows = _records("qualtrics.csv")
    place = rows[0].index("Q1") + 1
    cells = lambda n: header(n) if n < 3 else answers(n)  # noqa: E731
    write_csv(VARIANTS / name, _insert(rows, place, cells))


def _joined(n: int) -> list[str]:
    return [",".join(str(DEPARTMENTS.index(d) + 1) for d in DEPARTMENTS if d in _ticked(n))]


def _split(n: int) -> list[str]:
    return ["1" if d in _ticked(n) else "" for d in DEPARTMENTS]


def qualtrics_multiple_answer() -> None:
    """Numeric values: one column ``Q10`` of ``1,3``, or split into ``Q10_1`` ... ``Q10_4``."""
    joined = ("Q10", f"{QUESTION} - Selected Choice", '{"ImportId":"QID10"}')
    _qualtrics("qualtrics_multi_joined.csv", lambda n: [joined[n]], _joined)
    split = (
        [f"Q10_{i + 1}" for i in range(4)],
        [f"{QUESTION} - Selected Choice - {d}" for d in DEPARTMENTS],
        [f'{{"ImportId":"QID10_{i + 1}"}}' for i in range(4)],
    )
    _qualtrics("qualtrics_multi_split.csv", lambda n: split[n], _split)


def surveymonkey_checkboxes() -> None:
    """A checkbox question: one column per choice holding its text when ticked, then
    "Other (please specify)" holding what was typed."""
    rows = _records("surveymonkey_eu.csv", ";")
    place = rows[1].index("Response") + 1

    def cells(n: int) -> list[str]:
        if n == 0:
            return [QUESTION, "", "", "", ""]
        if n == 1:
            return [*DEPARTMENTS, "Other (please specify)"]
        typed = "Pharmacy" if n == 3 else ""
        return [*(d if d in _ticked(n) else "" for d in DEPARTMENTS), typed]

    write_csv(VARIANTS / "surveymonkey_checkboxes.csv", _insert(rows, place, cells), sep=";")


def google_checkbox_other() -> None:
    """A checkbox question with an "Other:" choice: what was typed is among the ticked
    choices, joined by ", " ("Sales, IT, Pharmacy liaison")."""
    rows = _records("google.csv")
    place = rows[0].index("Your department ") + 1

    def cells(n: int) -> list[str]:
        if n == 0:
            return [QUESTION]
        typed = ("Pharmacy liaison",) if n == 1 else ()
        return [", ".join((*_ticked(n), *typed))]

    write_csv(VARIANTS / "google_checkbox_other.csv", _insert(rows, place, cells), encoding="utf-8")


#: Qualtrics EX's participant columns (Last name, First name) and a manager per unit.
EX_PEOPLE = ("Lind, Astrid", "Varga, Bence", "Haddad, Rania", "Kowalczyk, Piotr")
EX_MANAGERS = {"Sales": "Ines Duarte", "IT": "Tobias Brenner", "Marketing": "Leila Haidari"}


def qualtrics_ex() -> None:
    """An Employee Experience export: "Participant Name" (Last name, First name),
    "Participant Email" and "Parent Unit", the unit with its manager's name."""
    rows = _records("qualtrics.csv")
    place = rows[0].index("UserLanguage") + 1
    q1 = rows[0].index("Q1")
    header = (
        ["ParticipantName", "ParticipantEmail", "ParentUnit"],
        ["Participant Name", "Participant Email", "Parent Unit"],
        ['{"ImportId":"participantName"}', '{"ImportId":"participantEmail"}'],
    )

    def cells(n: int) -> list[str]:
        if n < 3:
            return header[n] + (['{"ImportId":"parentUnit"}'] if n == 2 else [])
        last, first = EX_PEOPLE[n % len(EX_PEOPLE)].split(", ")
        unit = rows[n][q1] or "Operations"
        manager = EX_MANAGERS.get(unit, "Oskar Nilsen")
        return [
            f"{last}, {first}",
            f"{first}.{last}@northfield-health.example".lower(),
            f"{unit} ({manager})",
        ]

    write_csv(VARIANTS / "qualtrics_ex.csv", _insert(rows, place, cells))


def google_forms_download() -> None:
    """The CSV that the Forms page's "Download responses (.csv)" gives (not Sheets): each
    timestamp year first with its time zone, ``2025/09/20 11:01:26 AM GMT+1``."""
    import datetime as dt

    rows = _records("google.csv")
    for row in rows[1:]:
        stamp = dt.datetime.strptime(row[0], "%m/%d/%Y %H:%M:%S")
        hour = stamp.hour % 12 or 12
        row[0] = stamp.strftime(f"%Y/%m/%d {hour}:%M:%S %p GMT+1")
    write_csv(VARIANTS / "google_forms_download.csv", rows, encoding="utf-8")


#: A Viva Glint comment export with its user attributes: two people of one team share a
#: manager, so the manager's columns must never be taken for the writer.
GLINT_COMMENTS = (
    (
        "Question",
        "Comment",
        "Department",
        "Survey Date",
        "Manager",
        "Manager Email",
        "Time Zone",
        "Survey Language",
    ),
    (
        "What one thing would make working with IT better?",
        "Faster replies to tickets.",
        "Sales",
        "2025-11-12",
        "Ines Duarte",
        "ines.duarte@northfield-health.example",
        "Europe/London",
        "en-GB",
    ),
    (
        "What one thing would make working with IT better?",
        "Tell us before the system goes down.",
        "Sales",
        "2025-11-13",
        "Ines Duarte",
        "ines.duarte@northfield-health.example",
        "Europe/London",
        "en-GB",
    ),
    (
        "What one thing would make working with IT better?",
        "More training on the new tool.",
        "Marketing",
        "2025-11-13",
        "Leila Haidari",
        "leila.haidari@northfield-health.example",
        "Europe/Paris",
        "fr-FR",
    ),
)


def glint_comments_with_managers() -> None:
    """Viva Glint's comments with the attributes its user data holds."""
    write_csv(VARIANTS / "glint_comments_managers.csv", [list(r) for r in GLINT_COMMENTS])


def limesurvey_full_headings() -> None:
    """Headings as "Full question text" writes them: the codes (``token. ``) left out."""
    rows = _records("limesurvey_codes.csv")
    rows[0] = [re.sub(r"^[A-Za-z][\w\[\]]*\. ", "", heading) for heading in rows[0]]
    write_csv(VARIANTS / "limesurvey_full_headings.csv", rows)


WRITERS = (
    limesurvey_multiple_choice,
    qualtrics_multiple_answer,
    surveymonkey_checkboxes,
    limesurvey_full_headings,
    google_checkbox_other,
    qualtrics_ex,
    google_forms_download,
    glint_comments_with_managers,
)


def main() -> None:
    VARIANTS.mkdir(exist_ok=True)
    for writer in WRITERS:
        writer()


if __name__ == "__main__":
    main()
