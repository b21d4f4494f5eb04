"""Turn the rows of a file into Rapport's answers, as a resolved mapping says.

A :class:`Plan` (made by :func:`surveys.importing.resolve.make_plan`) converts one row of
the file at a time (:meth:`Plan.convert`) into the rows of the tidy format, naming the row and
column of every problem. The import (:mod:`surveys.importing.runner`) and the wizard's live
preview both use it, so the preview shows exactly what the import will write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from surveys.csv_checks import COMMENT_ADVICE
from surveys.importing.dates import DateFormatError, parse_day, wave_name
from surveys.importing.identity import identity_of_answer
from surveys.importing.layouts import Column, Layout
from surveys.importing.mapping import Mapping, MappingProblem
from surveys.importing.response_keys import ResponseKeys
from surveys.importing.row_status import RowStatus
from surveys.importing.scales import normalise_answer
from surveys.importing.table import CellProblem
from surveys.validation import comment_problem

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

    ``value`` is the stored number for ratings and the text for comments. For speed,
    :meth:`Plan.convert` stores plain tuples in this order; unpack them.
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
    answers: list[tuple] = field(default_factory=list)  # Answer fields, as plain tuples
    problems: list[CellProblem] = field(default_factory=list)
    skipped_self: int = 0
    skipped_not_answers: int = 0
    empty: bool = False
    #: ``preview``, ``spam`` or ``total`` when the row is not a respondent's (nothing else
    #: is read).
    excluded: str = ""
    no_department: bool = False
    unfinished: bool = False


@dataclass
class Plan:
    """A mapping resolved against one file's columns and one workspace's departments."""

    layout: Layout
    mapping: Mapping
    departments: dict[str, str]
    answers: list[AnswerColumn] = field(default_factory=list)
    department: Column | None = None
    #: The typed "Other (please specify)" answer of the department question, if any.
    department_other: Column | None = None
    date: Column | None = None
    response_id: Column | None = None
    dropped: list[tuple[Column, str]] = field(default_factory=list)
    #: Columns without a header left out of the mapping: each must stay empty.
    blank: list[Column] = field(default_factory=list)
    problems: list[tuple[str, CellProblem | MappingProblem]] = field(default_factory=list)
    keys: ResponseKeys | None = None
    row_status: RowStatus | None = None
    _seen: dict[str, int] = field(default_factory=dict)
    _shortened_seen: bool = False
    _department_names: dict[str, str] = field(default_factory=dict)
    _answer_indexes: list[int] = field(default_factory=list)

    # ------------------------------------------------------------ conversion
    def convert(self, line: int, cells: list[str], total: bool = False) -> Response:
        """Turn one data row into a :class:`Response` (answers and problems).

        ``total`` says the row is shaped as a totals row and ends the file
        (:func:`surveys.importing.row_status.with_totals`): it is skipped as one unless its
        label is an answer its column's scale knows ("Average" on a Poor … Excellent scale).
        Runs once per row of the file, so the loop over answer cells is kept tight.
        """
        response = Response(line)
        if self.row_status is not None:
            response.excluded = self.row_status.excluded(cells)
            if response.excluded:
                return response
            response.unfinished = self.row_status.unfinished(cells)
        if total and not self._label_is_an_answer(cells):  # added under the answers
            response.excluded = "total"
            return response
        if cells and self._repeats_header(cells):
            response.problems.append(self._header_again(line))
            return response
        width = len(cells)
        used = [cells[i] if i < width else "" for i in self._indexes()]
        if not any(used) or not any(value.strip() for value in used):
            response.empty = True
            return response
        if self.blank:
            self._blank_cells(response, cells)
        self._department(response, cells)
        self._wave_and_day(response, cells)
        if response.problems or not response.department:
            return response
        department, answers = response.department, response.answers
        for column, raw in zip(self.answers, used, strict=True):
            if not raw:
                continue
            text = raw.strip()
            if not text:
                continue
            if column.target == department:
                response.skipped_self += 1
            elif column.table is None:
                problem = comment_problem(text)
                if problem:
                    response.problems.append(
                        CellProblem(response.line, column.column.where(), COMMENT_ADVICE[problem])
                    )
                elif identity_of_answer(text):
                    self._identity_answer(response, column, text)
                else:
                    answers.append((column.column, column.target, column.item, text))
            else:
                value = column.seen.get(text, _MISSING)
                if value is _MISSING:
                    value = column.value_of(text)
                if value is None:
                    response.skipped_not_answers += 1
                elif value == "?":
                    self._unknown_answer(response, column, text)
                else:
                    answers.append((column.column, column.target, column.item, value))
        if self.keys is not None:
            self._identify(response, cells, used)
        return response

    def _repeats_header(self, cells: list[str]) -> bool:
        """Whether a data row is the header again (two exports pasted into one file; the
        second one's byte-order mark may start it). Cheap unless its first cell matches."""
        if not self.layout.columns or not _is_heading(cells[0], self.layout.columns[0]):
            return False
        heads = [
            _is_heading(cells[c.index], c)
            for c in self.layout.columns
            if c.index < len(cells) and cells[c.index].strip(_SPACE_OR_BOM)
        ]
        return len(heads) >= 2 and sum(heads) * 10 >= len(heads) * 8

    def _header_again(self, line: int) -> CellProblem:
        return CellProblem(
            line,
            "row",
            f"this row repeats the header (line {self.layout.header_line}): were two exports "
            "pasted into one file? Delete this row, check that the two parts do not hold the "
            "same responses twice, then import again.",
        )

    def _label_is_an_answer(self, cells: list[str]) -> bool:
        """Whether a row shaped as a totals row reads as a respondent's answers: its label
        is an answer its column's scale knows ("Average" on a Poor … Excellent scale), and
        so is each of its numbers (a mean such as ``3.5`` or a count such as ``12`` is not
        one of a 1–5 scale's answers)."""
        scales = {a.column.index: a for a in self.answers if a.table is not None}
        filled = [(i, cell.strip()) for i, cell in enumerate(cells) if cell.strip()]
        if filled[0][0] not in scales:
            return False
        return all(scales[i].value_of(text) != "?" for i, text in filled if i in scales)

    def _indexes(self) -> list[int]:
        if len(self._answer_indexes) != len(self.answers):
            self._answer_indexes[:] = [a.column.index for a in self.answers]
        return self._answer_indexes

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
        raw, where = self._cell(cells, self.department).strip(), self.department
        if self.department_other is not None:  # the typed answer says more than "Other"
            typed = self._cell(cells, self.department_other).strip()
            if typed:
                raw, where = typed, self.department_other
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
                response.empty = response.no_department = True
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
                    where.where(),
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

    def _identity_answer(self, response: Response, column: AnswerColumn, text: str) -> None:
        response.problems.append(
            CellProblem(
                response.line,
                column.column.where(),
                (
                    f"the answer is an {identity_of_answer(text)}, which identifies a person, "
                    "not a comment. Drop the column in the mapping (embedded data and hidden "
                    "fields often hold such values), or clear the cell"
                ),
            )
        )

    def _blank_cells(self, response: Response, cells: list[str]) -> None:
        for column in self.blank:
            value = self._cell(cells, column).strip()
            if value:
                response.problems.append(
                    CellProblem(
                        response.line,
                        column.where(),
                        (
                            f"has no header{_placeholder(column)} but holds {value[:40]!r}. "
                            "Give the column a header and map it, or delete the value if it "
                            "does not belong to the survey"
                        ),
                    )
                )

    def _unknown_answer(self, response: Response, column: AnswerColumn, text: str) -> None:
        keys = [repr(k) for k in column.table]
        if len(keys) > 12:  # a slider's table: 101 answers for 0-100
            keys = [f"{len(keys)} answers: {', '.join(keys[:5])}", "…", *keys[-2:]]
        known = ", ".join(keys) or "none"
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
            if _SHORTENED.fullmatch(rid):
                self._shortened_id(response, rid)
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

    def _shortened_id(self, response: Response, rid: str) -> None:
        """Excel showed a long id (SurveyMonkey's 114203958237) as ``1.14204E+11`` and saved
        it so: responses can no longer be told apart. Said once, at the first such row."""
        if self._shortened_seen:
            return
        self._shortened_seen = True
        response.problems.append(
            CellProblem(
                response.line,
                self.response_id.where(),
                f"the response id {rid!r} was shortened by Excel (scientific notation) when "
                "the file was saved there, so responses can no longer be told apart. Import "
                "the export as the tool wrote it (not opened and saved in Excel), or its .xlsx",
            )
        )


#: A number as Excel shows a long one: ``1.14204E+11``, ``1,14204E+11`` (European).
_SHORTENED = re.compile(r"\d(?:[.,]\d+)?E\+\d+", re.IGNORECASE)
_SPACE_OR_BOM = " \t\r\n\ufeff"


def _is_heading(cell: str, column: Column) -> bool:
    text = cell.strip(_SPACE_OR_BOM)
    return bool(text) and text in (column.key, column.text, column.code)


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _placeholder(column: Column) -> str:
    """`` (only Excel's 'Column1')`` for a column headed by Excel's placeholder."""
    text = column.text.strip()
    return f" (only Excel's {text!r})" if text else ""
