"""Write the forms HR makes as quizzes, with the names the respondents signed in with (formats9).

- ``forms_quiz.xlsx``: the Microsoft Forms fixture as a form made as a quiz and set to
  record names: ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name``, then
  ``Total points``, ``Quiz feedback``, ``Grade posted time``, and after each question its
  ``Points - <question>`` (``0``: a survey's questions carry no points) and ``Feedback -
  <question>`` (empty), as public code reading Forms quiz workbooks lists them.
- ``google_quiz.csv``: the Google Forms fixture made as a quiz: ``Score`` (``3 / 10``)
  after ``Timestamp`` and ``Email address`` (the heading as newer Sheets write it), as public
  code parsing such files shows.

Every name and address is made up (:data:`QUIZ_IDENTITIES`). Rebuilt with the other
variants: ``.venv/bin/python -m tests.surveys.importing.variant_writers``.
"""

from __future__ import annotations

import csv
import datetime as dt

from tests.surveys.importing.fixture_people import HERE, _fix_zip_times, write_csv

VARIANTS = HERE / "variants"
#: The made-up people who signed in to answer (none of them is a real person).
SIGNED_IN = (
    ("Ilse Varga", "ilse.varga@northfield-health.example"),
    ("Tomás Brennan", "tomas.brennan@northfield-health.example"),
    ("Yewande Adeyemi", "yewande.adeyemi@northfield-health.example"),
)
QUIZ_IDENTITIES = tuple(value for person in SIGNED_IN for value in person)
_FORMS_IDENTITY = 5  # ID, Start time, Completion time, Email, Name
_FORMS_FIRST_QUESTION = 6  # after "Last modified time", which a quiz's export has not


def forms_quiz() -> None:
    import openpyxl

    source = openpyxl.load_workbook(HERE / "forms.xlsx").active
    rows = [list(row) for row in source.iter_rows(values_only=True)]
    questions = rows[0][_FORMS_FIRST_QUESTION:]
    header = [*rows[0][:_FORMS_IDENTITY], "Total points", "Quiz feedback", "Grade posted time"]
    for question in questions:
        header += [question, f"Points - {question}", f"Feedback - {question}"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for n, row in enumerate(rows[1:]):
        name, email = SIGNED_IN[n % len(SIGNED_IN)]
        cells = [*row[:3], email, name, 0, None, None]
        for answer in row[_FORMS_FIRST_QUESTION:]:
            cells += [answer, None if answer is None else 0, None]
        sheet.append(cells)
    book.properties.creator = "Rapport tests"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    book.save(VARIANTS / "forms_quiz.xlsx")
    _fix_zip_times(VARIANTS / "forms_quiz.xlsx")


def google_quiz() -> None:
    with (HERE / "google.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    out = [[rows[0][0], "Email address", "Score", *rows[0][2:]]]
    for n, row in enumerate(rows[1:]):
        out.append([row[0], SIGNED_IN[n % len(SIGNED_IN)][1], f"{n % 4} / 10", *row[2:]])
    write_csv(VARIANTS / "google_quiz.csv", out, encoding="utf-8")


WRITERS = (forms_quiz, google_quiz)
