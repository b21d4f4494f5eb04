"""Check a mapping against a file and a workspace, and turn rows into Rapport's answers.

:func:`make_plan` finds every column the mapping names in the file, and reports columns of
the file that the mapping does not account for, identity columns used as data, and
departments the workspace does not have. A :class:`Plan` then converts one row of the file
at a time (:meth:`Plan.convert`) into the rows of the tidy format, naming the row and
column of every problem. The import (:mod:`surveys.importing.runner`) and the wizard's live
preview both use it, so the preview shows exactly what the import will write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from surveys.importing.dates import DateFormatError, parse_day, wave_name
from surveys.importing.identity import role_of
from surveys.importing.layouts import Column, Layout
from surveys.importing.mapping import Mapping, MappingProblem
from surveys.importing.response_keys import ResponseKeys
from surveys.importing.scales import normalise_answer
from surveys.importing.table import CellProblem
from surveys.model import ITEMS

_MISSING = object()
_CACHE_LIMIT = 1024


@dataclass(frozen=True)
class AnswerColumn:
    """One column of answers, resolved: workspace target name, item, scale table."""

    column: Column
    target: str
    item: str
    table: dict[str, int | None] | None
    scale: str | None = None
    #: Answers as written -> value, filled as they are met (a file repeats a few words).
    seen: dict[str, int | str | None] = field(default_factory=dict)

    def value_of(self, text: str) -> int | str | None:
        """The value of an answer: a number, ``None`` to skip, or ``"?"`` when unknown."""
        value = self.seen.get(text, _MISSING)
        if value is _MISSING:
            value = self.table.get(normalise_answer(text), "?")
            if len(self.seen) < _CACHE_LIMIT:
                self.seen[text] = value
        return value


class Answer(NamedTuple):
    """One answer as Rapport reads it (what the preview shows and the import writes).

    ``value`` is the stored number for ratings and the text for comments.
    """

    column: Column
    target: str
    item: str
    value: int | str


@dataclass
class Response:
    """One row of the file, converted."""

    line: int
    submission_id: str = ""
    wave: str = ""
    department: str = ""
    day: str | None = None
    answers: list[Answer] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    skipped_self: int = 0
    skipped_not_answers: int = 0
    empty: bool = False


@dataclass
class Plan:
    """A mapping resolved against one file's columns and one workspace's departments."""

    layout: Layout
    mapping: Mapping
    departments: dict[str, str]
    answers: list[AnswerColumn] = field(default_factory=list)
    department: Column | None = None
    date: Column | None = None
    response_id: Column | None = None
    dropped: list[tuple[Column, str]] = field(default_factory=list)
    problems: list[tuple[str, CellProblem | MappingProblem]] = field(default_factory=list)
    keys: ResponseKeys | None = None
    _seen: dict[str, int] = field(default_factory=dict)
    _department_names: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------ conversion
    def convert(self, line: int, cells: list[str]) -> Response:
        """Turn one data row into a :class:`Response` (answers and problems)."""
        response = Response(line)
        used = [self._cell(cells, column.column) for column in self.answers]
        if not any(value.strip() for value in used):
            response.empty = True
            return response
        self._department(response, cells)
        self._wave_and_day(response, cells)
        if response.problems or not response.department:
            return response
        for answer_column, raw in zip(self.answers, used, strict=True):
            self._answer(response, answer_column, raw)
        if self.keys is not None:
            self._identify(response, cells, used)
        return response

    @staticmethod
    def _cell(cells: list[str], column: Column) -> str:
        return cells[column.index] if column.index < len(cells) else ""

    def _department(self, response: Response, cells: list[str]) -> None:
        if self.department is None:
            response.department = (
                self.mapping.department_fixed
                and self.departments.get(_fold(self.mapping.department_fixed), "")
                or ""
            )
            return
        raw = self._cell(cells, self.department).strip()
        if not raw:
            if not self.mapping.skip_missing_department:
                response.problems.append(
                    CellProblem(
                        response.line,
                        self.department.where(),
                        (
                            "the respondent's department is empty. Add it, remove the row, or "
                            "set 'if_missing: skip' under department in the mapping to skip "
                            "such responses"
                        ),
                    )
                )
            else:
                response.empty = True
            return
        canonical = self._department_names.get(raw)
        if canonical is None:
            name = self.mapping.department_values.get(normalise_answer(raw)) or raw
            canonical = self.departments.get(_fold(name))
            if canonical is not None and len(self._department_names) < _CACHE_LIMIT:
                self._department_names[raw] = canonical
        if canonical is None:
            known = ", ".join(dict.fromkeys(self.departments.values()))
            response.problems.append(
                CellProblem(
                    response.line,
                    self.department.where(),
                    (
                        f"department {raw!r} is not in the workspace ({known}). Map it under "
                        "department: values: in the mapping, or add the department to the workspace"
                    ),
                )
            )
            return
        response.department = canonical

    def _wave_and_day(self, response: Response, cells: list[str]) -> None:
        mapping = self.mapping
        if self.date is not None:
            raw = self._cell(cells, self.date)
            try:
                day = parse_day(raw, mapping.date_format or "YYYY-MM-DD")
            except DateFormatError as exc:
                what = "is empty" if not raw.strip() else str(exc)
                response.problems.append(
                    CellProblem(
                        response.line,
                        self.date.where(),
                        (f"the date {what}. Fix the cell, or the date format in the mapping"),
                    )
                )
                return
            response.day = day.isoformat()
            if mapping.wave_by:
                response.wave = wave_name(day, mapping.wave_by)
        if mapping.wave_fixed:
            response.wave = mapping.wave_fixed

    def _answer(self, response: Response, column: AnswerColumn, raw: str) -> None:
        text = raw.strip()
        if not text:
            return
        if column.target == response.department:
            response.skipped_self += 1
            return
        if column.table is None:
            response.answers.append(Answer(column.column, column.target, column.item, text))
            return
        value = column.value_of(text)
        if value is None:
            response.skipped_not_answers += 1
        elif value == "?":
            known = ", ".join(repr(k) for k in column.table) or "none"
            response.problems.append(
                CellProblem(
                    response.line,
                    column.column.where(),
                    (
                        f"unknown answer {text!r} for scale {column.scale} (it knows {known}). "
                        f"Add it to scales: {column.scale}: in the mapping with a value, or "
                        "with skip"
                    ),
                )
            )
        else:
            response.answers.append(Answer(column.column, column.target, column.item, value))

    def _identify(self, response: Response, cells: list[str], used: list[str]) -> None:
        scope = response.day or response.wave
        if self.response_id is not None:
            rid = self._cell(cells, self.response_id).strip()
            if not rid:
                response.problems.append(
                    CellProblem(
                        response.line,
                        self.response_id.where(),
                        "the response id is empty; every response needs one (or remove "
                        "response_id from the mapping to identify responses by their answers)",
                    )
                )
                return
            response.submission_id = self.keys.from_id(rid, scope)
        else:
            department = self._cell(cells, self.department) if self.department else ""
            response.submission_id = self.keys.from_answers([department, *used], scope)
        first = self._seen.setdefault(response.submission_id, response.line)
        if first != response.line:
            where = self.response_id.where() if self.response_id else "row"
            response.problems.append(
                CellProblem(
                    response.line,
                    where,
                    (f"repeats the response on line {first}; remove one of the two rows"),
                )
            )


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def make_plan(
    layout: Layout,
    mapping: Mapping,
    departments: list[str],
    data_path: str | Path,
) -> Plan:
    """Resolve ``mapping`` against the columns of a file and the workspace's departments.

    Parameters
    ----------
    layout : Layout
        The file's detected layout and columns.
    mapping : Mapping
        A loaded mapping (its ``source`` names it in problems).
    departments : list of str
        The workspace's department names.
    data_path : path
        The data file, for problems found in its header.

    Returns
    -------
    Plan
        With ``problems`` listing everything that stops the import (empty when none).
    """
    plan = Plan(layout, mapping, {_fold(name): name for name in departments})
    resolver = _Resolver(plan, str(data_path))
    resolver.run()
    return plan


class _Resolver:
    def __init__(self, plan: Plan, data_path: str) -> None:
        self.plan = plan
        self.mapping = plan.mapping
        self.data_path = data_path

    def mapping_problem(self, key: str, field: str, message: str) -> None:
        line = self.mapping.line_of(key)
        self.plan.problems.append(
            (self.mapping.source, MappingProblem(self.mapping.source, line, field, message))
        )

    def file_problem(self, column: Column, message: str) -> None:
        problem = CellProblem(self.plan.layout.header_line, column.where(), message)
        self.plan.problems.append((self.data_path, problem))

    def find(self, key: str, field: str, where: str) -> Column | None:
        column = self.plan.layout.column(key)
        if column is None:
            self.mapping_problem(
                where,
                field,
                (
                    f"column {key!r} is not in {Path(self.data_path).name}; fix the name, or "
                    "remove it from the mapping if the survey no longer asks it"
                ),
            )
        return column

    def run(self) -> None:
        self.check_layout()
        self.special_columns()
        self.answer_columns()
        self.unaccounted()
        self.check_wave()

    def check_layout(self) -> None:
        wanted, found = self.mapping.layout, self.plan.layout.name
        if wanted and wanted != found:
            self.mapping_problem(
                "layout",
                "layout",
                (
                    f"the mapping is for a {wanted} file, but this file looks like: "
                    f"{self.plan.layout.title}. Use the mapping written for this file"
                ),
            )

    def special_columns(self) -> None:
        mapping, plan = self.mapping, self.plan
        if mapping.response_id:
            plan.response_id = self.find(mapping.response_id, "response_id", "response_id")
        if mapping.date_column:
            plan.date = self.find(mapping.date_column, "date.column", "date")
        if mapping.department_column:
            plan.department = self.find(
                mapping.department_column, "department.column", "department"
            )
            self.not_identity(plan.department, "department", "department")
        elif mapping.department_fixed and _fold(mapping.department_fixed) not in plan.departments:
            self.unknown_department("department", "department.fixed", mapping.department_fixed)
        for answer, name in mapping.department_values.items():
            if _fold(name) not in plan.departments:
                self.unknown_department(f"department:{answer}", f"department.values.{answer}", name)

    def unknown_department(self, key: str, field: str, name: str) -> None:
        known = ", ".join(self.plan.departments.values())
        self.mapping_problem(
            key,
            field,
            (
                f"department {name!r} is not in the workspace ({known}); add it to the workspace "
                "first, or use one of these names"
            ),
        )

    def not_identity(self, column: Column | None, key: str, field: str) -> None:
        if column is None:
            return
        role = role_of(column, self.plan.layout.name)
        if role.kind == "identity":
            self.mapping_problem(
                key,
                field,
                (
                    f"column {column.key!r} holds {role.reason}, which identifies people; Rapport "
                    "never imports it. Drop it"
                ),
            )

    def answer_columns(self) -> None:
        plan = self.plan
        for key, rule in self.mapping.columns.items():
            column = self.find(key, f"columns.{key}", key)
            if column is None:
                continue
            self.not_identity(column, key, f"columns.{key}")
            target = plan.departments.get(_fold(rule.target))
            if target is None:
                self.unknown_department(key, f"columns.{key}.target", rule.target)
                continue
            table = None if ITEMS[rule.item].is_text else self.mapping.scales.get(rule.scale or "")
            plan.answers.append(AnswerColumn(column, target, rule.item, table, rule.scale))
        plan.answers.sort(key=lambda a: a.column.index)

    def unaccounted(self) -> None:
        plan, mapping = self.plan, self.mapping
        used = {
            plan.layout.column(k).index for k in mapping.used_columns() if plan.layout.column(k)
        }
        dropped = {}
        for key, reason in mapping.drop.items():
            column = plan.layout.column(key)
            if column is not None:
                dropped[column.index] = reason
        for column in plan.layout.columns:
            if column.index in used:
                continue
            if column.index in dropped:
                plan.dropped.append((column, dropped[column.index]))
                continue
            role = role_of(column, plan.layout.name)
            if role.kind in ("identity", "response_id"):
                plan.dropped.append((column, f"identity ({role.reason or 'response id'})"))
                continue
            self.file_problem(
                column,
                (
                    "is not in the mapping. Map it under columns, or list it under drop if it "
                    "holds nothing to import"
                ),
            )

    def check_wave(self) -> None:
        mapping = self.mapping
        if not mapping.wave_fixed and not mapping.wave_by:
            self.mapping_problem(
                "wave",
                "wave",
                (
                    "no wave: give one with --wave NAME, or in the mapping as wave: {fixed: NAME} "
                    "or wave: {by: month} (with a date column)"
                ),
            )
