"""Resolve a mapping against one file's columns and one workspace's departments.

:func:`make_plan` finds every column the mapping names in the file, and reports columns of
the file that the mapping does not account for, identity columns used as data,
departments the workspace does not have, and a missing wave. The result is a
:class:`~surveys.importing.plan.Plan` that converts rows.
"""

from __future__ import annotations

from pathlib import Path

from surveys.importing.identity import role_of
from surveys.importing.layouts import Column, Layout
from surveys.importing.mapping import Mapping, MappingProblem
from surveys.importing.plan import AnswerColumn, Plan, _fold
from surveys.importing.row_status import RowStatus
from surveys.importing.table import CellProblem
from surveys.importing.text import excel_placeholder
from surveys.model import ITEMS


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
    plan.row_status = RowStatus.of(layout)
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
            if plan.department is not None:
                plan.department_other = plan.layout.other_answer_of(plan.department)
        elif mapping.department_fixed and _fold(mapping.department_fixed) not in plan.departments:
            self.unknown_department("department", "department.fixed", mapping.department_fixed)
        for answer, name in mapping.department_values.items():
            if _fold(name) not in plan.departments:
                self.unknown_department(f"department:{answer}", f"department.values.{answer}", name)

    def unknown_department(self, key: str, field: str, name: str) -> None:
        known = ", ".join(self.plan.departments.values())
        if name == "?":
            answer = field.rsplit(".", 1)[-1]
            self.mapping_problem(
                key,
                field,
                (f"the answer {answer!r} has no department yet: write the one it means ({known})"),
            )
            return
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
        if plan.department_other is not None:
            used.add(plan.department_other.index)  # read with the department
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
            if not column.text.strip() or excel_placeholder(column.text):
                # Sheets and Excel add a column without a header (a trailing separator), and
                # an Excel table heads an empty column "Column1": it is dropped while it
                # stays empty; the plan refuses a row with a value in it.
                plan.blank.append(column)
                plan.dropped.append((column, "blank (no header)"))
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
