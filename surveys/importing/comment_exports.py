"""Comment exports: one free-text comment per row, as engagement tools export them.

Culture Amp, Workday Peakon Employee Voice, Microsoft Viva Glint, Qualtrics EX and Lattice
let HR download the comments of a survey as a list: the comment, the question it answers,
the writer's department (a demographic or "segment"), a date and sometimes the score given
with it, one comment per row. Which column names are documented by each vendor, and which
are assumed, is said in docs/import-tools.md ("Comment exports").

Such a file needs no mapping: the columns are found by name (:data:`ROLES`), a comment's
target department is the one its question names (or the one an ``About`` column gives),
its wave the month of its date (or ``--wave``). Each comment becomes a response of its
own from the writer's department, so it goes through the same staging, redaction and
anonymity rules as every other comment (:class:`surveys.importing.writer.ResponseWriter`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from surveys.csv_checks import COMMENT_ADVICE
from surveys.importing.comment_columns import LOOKED_FOR, columns_of, comment_roles
from surveys.importing.comment_dates import find_date_format
from surveys.importing.comment_people import PERSON_KINDS, KnownComments, People
from surveys.importing.dates import DateFormatError, parse_day, wave_name
from surveys.importing.identity import identity_in_name, identity_of_answer, role_of
from surveys.importing.layouts import Column, Layout
from surveys.importing.meaning import ALIASES, find_departments
from surveys.importing.plan import Response
from surveys.importing.response_keys import ResponseKeys
from surveys.importing.table import CellProblem
from surveys.importing.text import fold
from surveys.validation import comment_problem

#: Questions remembered (their departments, their skipped comments) at most.
_CACHE_LIMIT = 1024


@dataclass
class CommentPlan:
    """Turns each row of a comment export into one response holding one comment.

    Duck-typed like :class:`surveys.importing.plan.Plan` for the import's run
    (``convert``, ``response_id``, ``keys``, ``dropped``, ``problems``).
    """

    layout: Layout
    names: list[str]
    path: Path
    wave: str | None = None
    columns: dict[str, Column] = field(default_factory=dict)
    dropped: list[tuple[Column, str]] = field(default_factory=list)
    problems: list[tuple[str, CellProblem]] = field(default_factory=list)
    keys: ResponseKeys | None = None
    date_format: str | None = None
    #: Questions whose comments name no single department: question -> comments.
    unattached: dict[str, int] = field(default_factory=dict)
    #: The workspace's comments (to add none twice); set by the import.
    known: KnownComments | None = None
    #: Who wrote each comment, as far as a column says (to count no one twice).
    people: People = field(default_factory=lambda: People(None))
    _question_of: dict[str, tuple[str, int]] = field(default_factory=dict)
    _targets: dict[str, list[str]] = field(default_factory=dict)
    _seen: dict[str, int] = field(default_factory=dict)
    _attached: int = 0

    @property
    def response_id(self) -> Column | None:
        return self.columns.get("answer_id")

    # ------------------------------------------------------------- conversion
    def convert(self, line: int, cells: list[str], total: bool = False) -> Response:
        """One row: a response from the writer's department with one comment. ``total`` is
        not used: a row with a comment is one, whatever its other cells hold."""
        response = Response(line)
        text = self._cell(cells, "comment").strip()
        if not text:
            response.empty = True
            return response
        question = self._cell(cells, "question").strip()
        target = self._target(response, cells, question)
        self._department(response, cells)
        self._wave_and_day(response, cells)
        if response.problems:
            return response
        if target is None:
            if question not in self.unattached and len(self.unattached) >= _CACHE_LIMIT:
                question = "(other questions)"  # a file of endless questions stays small
            self.unattached[question] = self.unattached.get(question, 0) + 1
            response.excluded = "unattached"
            return response
        self._attached += 1
        if target == response.department:
            response.excluded = "own_department"
            return response
        self._one_question_per_target(response, question, target)
        self._check_text(response, text)
        again = self.people.again(line, cells, response.wave, target)
        if again is not None:
            response.problems.append(again)
        if response.problems:
            return response
        self._identify(response, cells, question, text)
        if self.known is not None and self.known.known(
            line, response.wave, response.department, target, text
        ):
            response.excluded = "already_there"  # or one person would count twice
            return response
        response.answers.append((self.columns["comment"], target, "comment", text))
        return response

    def _check_text(self, response: Response, text: str) -> None:
        """The comment's own problems: too long, a control character, wholly an identity."""
        where = self.columns["comment"].where()
        problem = comment_problem(text)
        if problem:
            response.problems.append(CellProblem(response.line, where, COMMENT_ADVICE[problem]))
        elif identity_of_answer(text):
            response.problems.append(
                CellProblem(
                    response.line,
                    where,
                    f"the comment is an {identity_of_answer(text)}, which identifies a "
                    "person, not a comment. Clear the cell or delete the row, then import again",
                )
            )

    def _cell(self, cells: list[str], role: str) -> str:
        column = self.columns.get(role)
        if column is None or column.index >= len(cells):
            return ""
        return cells[column.index]

    def _resolve(self, value: str) -> str | None:
        wanted = fold(value)
        for name in self.names:
            if fold(name) == wanted or wanted in ALIASES.get(fold(name), ()):
                return name
        return None

    def _unknown(self, response: Response, role: str, value: str) -> None:
        known = ", ".join(self.names)
        response.problems.append(
            CellProblem(
                response.line,
                self.columns[role].where(),
                f"department {value!r} is not in the workspace ({known}). Add it to the "
                "workspace (Settings, Departments) or correct the file, then import again",
            )
        )

    def _target(self, response: Response, cells: list[str], question: str) -> str | None:
        given = self._cell(cells, "target").strip()
        if given:
            name = self._resolve(given)
            if name is None:
                self._unknown(response, "target", given)
            return name
        named = self._targets.get(question)
        if named is None:
            named = [n for n, _, _ in find_departments(question, self.names)]
            if len(self._targets) < _CACHE_LIMIT:
                self._targets[question] = named
        return named[0] if len(named) == 1 else None

    def _department(self, response: Response, cells: list[str]) -> None:
        raw = self._cell(cells, "department").strip()
        if not raw:
            response.problems.append(
                CellProblem(
                    response.line,
                    self.columns["department"].where(),
                    "the writer's department is empty; every comment is attached to the "
                    "department of the person who wrote it. Fill in the cell or delete the row",
                )
            )
            return
        name = self._resolve(raw)
        if name is None:
            self._unknown(response, "department", raw)
        else:
            response.department = name

    def _wave_and_day(self, response: Response, cells: list[str]) -> None:
        raw = self._cell(cells, "date").strip()
        day: dt.date | None = None
        if raw and self.date_format:
            try:
                day = parse_day(raw, self.date_format)
            except DateFormatError as exc:
                response.problems.append(
                    CellProblem(
                        response.line,
                        self.columns["date"].where(),
                        f"{exc}. Write the date as the other rows do, or delete the row, then "
                        "import again",
                    )
                )
                return
        elif "date" in self.columns and not self.wave:
            response.problems.append(
                CellProblem(
                    response.line,
                    self.columns["date"].where(),
                    "the date is empty; it decides the comment's wave. Fill it in, or give "
                    "the wave of every comment with --wave",
                )
            )
            return
        response.day = day.isoformat() if day else None
        response.wave = self.wave or wave_name(day, "month")

    def _one_question_per_target(self, response: Response, question: str, target: str) -> None:
        """Each comment counts as one person: two questions about one department could
        count a person twice and show a group smaller than the threshold."""
        first = self._question_of.setdefault(target, (question, response.line))
        if first[0] != question:
            where = self.columns.get("question") or self.columns["comment"]
            response.problems.append(
                CellProblem(
                    response.line,
                    where.where(),
                    f"this question and the one on line {first[1]} ({first[0]!r}) are both "
                    f"about {target}. Each comment counts as one person, so a person who "
                    "answered both would be counted twice and a group smaller than the "
                    "anonymity threshold could be shown. Import the comments of one of the "
                    "two questions (filter the export by question)",
                )
            )

    def _identify(self, response: Response, cells: list[str], question: str, text: str) -> None:
        scope = response.day or response.wave
        answer_id = self._cell(cells, "answer_id").strip()
        if answer_id:
            sid = self.keys.from_id(f"{answer_id}\x1f{question}", scope)
        else:
            sid = self.keys.from_answers([response.department, question, text], scope)
        count = self._seen.get(sid, 0)
        self._seen[sid] = count + 1
        if count:  # the same comment twice on one day: two people wrote it
            sid = self.keys.from_answers([sid, str(count)], scope)
        response.submission_id = sid

    # ------------------------------------------------------------ after reading
    def after_scan(self, _imported: int) -> list[CellProblem]:
        """Problems known only once every row was read: comments added to a group the
        workspace holds other comments of; nothing could be attached."""
        if self.known is not None:
            mixed = self.known.mixed_groups(self.columns["comment"].where())
            if mixed:
                return mixed
        if self._attached or not self.unattached:
            return []
        questions = "; ".join(repr(q) for q in list(self.unattached)[:3])
        return [
            CellProblem(
                self.layout.header_line,
                "file",
                f"none of the comments can be attached to a pair of departments: no column "
                f"says which department a comment is about (looked for "
                f"{LOOKED_FOR['target']}), and no question names one department "
                f"({questions}). Add a column 'About' holding the department each comment "
                "is about, then import again",
            )
        ]


def comment_plan(
    layout: Layout, names: list[str], path: Path, wave: str | None, dates: list[str]
) -> CommentPlan:
    """Find the roles of a comment export's columns; ``problems`` says what is missing.

    ``dates`` are the date column's first values, to tell day-first from month-first.
    """
    plan = CommentPlan(layout, names, path, wave)
    roles = comment_roles([c.text or c.key for c in layout.columns])
    for role, index in roles.items():
        plan.columns[role] = layout.columns[index]
    used = set(roles.values())
    for column in layout.columns:
        if column.index not in used:
            plan.dropped.append((column, identity_in_name(column) or "not read"))
    plan.people = People(_person_column(plan))
    if "score" in plan.columns:
        plan.dropped.append((plan.columns.pop("score"), "a score is not tied to a Rapport item"))
    _missing_columns(plan, wave)
    _two_comment_columns(plan)
    if "date" in plan.columns:
        find_date_format(plan, dates)
    return plan


def _missing_columns(plan: CommentPlan, wave: str | None) -> None:
    """A problem for the writer's department column, or a date column without --wave,
    that the file lacks."""
    layout, path = plan.layout, plan.path
    where = f"line {layout.header_line}"
    if "department" not in plan.columns:
        plan.problems.append(
            (
                str(path),
                CellProblem(
                    layout.header_line,
                    "file",
                    f"no column holds the department of the person who wrote each comment "
                    f"(looked for {LOOKED_FOR['department']} on {where}). Export the comments "
                    "with the department demographic (segment) as a column, or add a column "
                    "named Department, then import again",
                ),
            )
        )
    if "date" not in plan.columns and not wave:
        plan.problems.append(
            (
                str(path),
                CellProblem(
                    layout.header_line,
                    "file",
                    f"no column holds each comment's date (looked for {LOOKED_FOR['date']} "
                    f"on {where}), which decides its wave. Give the wave of every comment: "
                    "rapport import WORKSPACE FILE --wave 2025-11",
                ),
            )
        )


def _two_comment_columns(plan: CommentPlan) -> None:
    """A problem when two columns hold comments: one comment per row is read, and the
    other column's comments would be left out without a word."""
    found = columns_of([c.text or c.key for c in plan.layout.columns], "comment")
    if len(found) < 2:
        return
    first, second = (plan.layout.columns[index] for index in found[:2])
    plan.problems.append(
        (
            str(plan.path),
            CellProblem(
                plan.layout.header_line,
                second.where(),
                f"this column and {first.where()} both hold comments, and a comment export "
                "has one comment per row: the second column's comments would not be read. "
                "Put each comment on a row of its own (or delete the column you do not "
                "want), then import again",
            ),
        )
    )


def _person_column(plan: CommentPlan) -> Column | None:
    """The column that says who wrote a comment: an e-mail, name or respondent id column
    (never read otherwise), else the answer or response id."""
    for column, _reason in plan.dropped:
        role = role_of(column, "comments")
        if role.kind == "response_id" or role.reason in PERSON_KINDS:
            return column
    return plan.columns.get("answer_id")
