"""The people behind the import test fixtures, and the helpers that write files.

The fixtures are rebuilt (deterministically) from the repository root with::

    .venv/bin/python -m tests.surveys.importing.fixture_writers

into ``tests/fixtures/import/``. Each fixture is written for Rapport, not copied from a
real export: made-up people at a made-up hospital group answer a made-up survey, and each
tool's writer lays the answers out the way that tool documents its exports, quirks
included (see docs/import-tools.md):

- ``qualtrics.csv``: three header rows with the JSON ImportId row, a UTF-8 BOM, matrix
  columns ``Q2_1 ... Q2_4``, 1-7 numeric answers, a partial response with no answers;
  ``qualtrics.tsv``: the same in UTF-16 with tabs, as Qualtrics writes TSV.
- ``surveymonkey.xlsx``: two header rows, blank cells after a matrix question's first
  column, matrix rows naming departments, ``N/A`` answers; ``surveymonkey_eu.csv``: the
  same re-saved by a European Excel (BOM, ``;`` separators, day-first dates, a comment
  with a line break and a semicolon).
- ``forms.xlsx``: Microsoft Forms with ``anonymous`` e-mail and name, one column per Likert
  statement, star ratings (1-5), Excel date cells, people rating their own department.
- ``google.csv``: ``Timestamp``, ``Email Address``, grids as ``Question [Row]``, a 0-10
  linear scale; no response ids.
- ``limesurvey_codes.csv``: ``code. text`` headings (``G02Q02[SQ001]. ... [Sales]``),
  answers as codes (``A1`` ...), Y/N; responses over a quarter.
- ``limesurvey_text.xlsx``: full question text headings and full-text answers.
- ``generic.csv``: a hand-made sheet: a ``Respondent`` name column, ``D.M.YYYY`` dates.

Each ``NAME.tidy.csv`` holds the same answers in Rapport's response CSV, and
``identities.txt`` every identifying value the fixtures contain (one per line), for the
test that proves none of them reaches a workspace.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "fixtures" / "import"
DEPTS = ("Sales", "IT", "Marketing", "Operations")
AGREE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
PEOPLE = (
    ("Amelia", "Hartwell"),
    ("Jonas", "Okafor"),
    ("Priya", "Raman"),
    ("Mateo", "Ruiz"),
    ("Ingrid", "Solberg"),
    ("Kwame", "Mensah"),
    ("Léa", "Dubois"),
    ("Tomasz", "Nowak"),
    ("Yuki", "Tanaka"),
    ("Fatima", "Idrissi"),
    ("Oliver", "Brandt"),
    ("Sofia", "Marques"),
    ("Daniel", "Whitcombe"),
    ("Aisha", "Bello"),
    ("Henrik", "Lundqvist"),
    ("Chloé", "Martin"),
)
COMMENTS = (
    "A shared request queue with agreed response times would save us a lot of chasing.",
    "They answered within a day every time this quarter, which made the launch possible.",
    'Stop saying "we will look into it" and tell us when it will actually be done.',
    "Invite us to the weekly planning call; we hear about changes far too late.",
    "Their numbers for the regional forecast were wrong twice, and nobody flagged it.",
    "The new liaison has been great: one person who knows both sides.",
    "When the lab system went down they sat with us until it worked. More of that, please.",
    "Less escalation to the directors, more talking to us first.",
    "They understand what the ward needs now that they have shadowed a shift.",
    "We keep building our own spreadsheets because the official tool never gets fixed.",
    "Joint planning before the campaign, not after it has gone out.",
    "Honestly, it is fine; small things only, like copying us on the supplier emails.",
    "Budget talks feel like a contest between us and them instead of one plan.",
    "Quick answers, friendly people, but decisions change without notice.",
)


@dataclass
class Person:
    n: int
    dept: str
    when: dt.datetime
    first: str
    last: str
    ratings: dict[tuple[str, str], int] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    empty: bool = False

    @property
    def email(self) -> str:
        return f"{_ascii(self.first)}.{_ascii(self.last)}@northfield-health.example".lower()

    @property
    def ip(self) -> str:
        return f"198.51.100.{20 + self.n}"


def _ascii(text: str) -> str:
    return text.replace("é", "e").replace("É", "E")


def people(
    seed: int, count: int, items: list[str], start: dt.datetime, days: int, comment_targets=DEPTS
) -> list[Person]:
    """``count`` made-up respondents, each rating the other departments on ``items``."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        first, last = PEOPLE[(seed + n) % len(PEOPLE)]
        when = start + dt.timedelta(days=rng.randrange(days), seconds=rng.randrange(8 * 3600))
        person = Person(
            n + 1, DEPTS[(n + seed) % 4], when.replace(hour=8 + when.hour % 9), first, last
        )
        for target in DEPTS:
            if target == person.dept or rng.random() < 0.15:
                continue
            for item in items:
                if rng.random() < 0.9:
                    person.ratings[(target, item)] = rng.randint(1, 5)
            if target in comment_targets and rng.random() < 0.45:
                person.comments[target] = COMMENTS[(seed * 7 + n * 3 + len(target)) % len(COMMENTS)]
        out.append(person)
    return out


def tidy(path: Path, persons: list[Person], wave, keep=lambda p, t, i: True) -> None:
    """The tidy twin: what Rapport must hold after importing the wide file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item", "value"]
        )
        for p in persons:
            if p.empty:
                continue
            rows = [(t, i, v) for (t, i), v in p.ratings.items() if keep(p, t, i)]
            rows += [(t, "comment", c) for t, c in p.comments.items()]
            for target, item, value in rows:
                writer.writerow([f"t-{p.n:03d}", wave(p), p.dept, target, item, value])


def write_csv(path: Path, rows: list[list], *, sep: str = ",", encoding: str = "utf-8-sig") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, rows: list[list]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.properties.creator = "Rapport tests"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    book.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Give every member of the workbook one fixed time, so rebuilds are byte-identical."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
