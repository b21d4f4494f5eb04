"""The first rows of a file as Rapport will read them (the import wizard's live preview).

:func:`preview` applies a mapping to the first rows of a file with the same code as the
import (:class:`surveys.importing.plan.Plan`) and returns, without touching any workspace:
the status of every column (imported as which target and item, dropped and why, identity,
or not in the mapping), the answers of the first responses (department, target, item,
value), and every problem found so far with its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from surveys.importing.identity import role_of
from surveys.importing.layouts import Layout
from surveys.importing.mapping import Mapping
from surveys.importing.resolve import make_plan
from surveys.importing.response_keys import ResponseKeys
from surveys.importing.table import open_table

#: Column statuses shown in the wizard.
MAPPED, DROPPED, IDENTITY, UNMAPPED, USED = "mapped", "dropped", "identity", "unmapped", "used"


@dataclass(frozen=True)
class ColumnStatus:
    """One column of the file and what the mapping does with it."""

    letter: str
    key: str
    text: str
    status: str
    target: str = ""
    item: str = ""
    scale: str = ""
    reason: str = ""


@dataclass(frozen=True)
class PreviewAnswer:
    """One answer of the preview: where it comes from and what Rapport will store."""

    line: int
    column: str
    department: str
    target: str
    item: str
    value: str


@dataclass
class Preview:
    """What :func:`preview` found."""

    layout: Layout
    columns: list[ColumnStatus] = field(default_factory=list)
    answers: list[PreviewAnswer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    responses: int = 0


def preview(
    path: str | Path,
    layout: Layout,
    mapping: Mapping,
    departments: list[str],
    *,
    responses: int = 20,
    wave: str | None = None,
) -> Preview:
    """Read the first ``responses`` responses of ``path`` through ``mapping``.

    Parameters
    ----------
    path : path
        The data file.
    layout : Layout
        Its detected layout (:func:`surveys.importing.detect_file`).
    mapping : Mapping
        The mapping being checked (it may be incomplete: problems are listed).
    departments : list of str
        The workspace's departments.
    responses : int
        How many non-empty responses to read.
    wave : str, optional
        A wave for every response (as ``--wave``).

    Returns
    -------
    Preview
    """
    path = Path(path)
    plan = make_plan(layout, mapping.with_wave(wave), departments, path)
    plan.keys = ResponseKeys(b"preview only")  # ids are shown nowhere; no workspace key used
    result = Preview(layout, _statuses(plan))
    result.problems = [problem.format(source) for source, problem in plan.problems]
    with open_table(path) as table:
        numbered = table.rows()
        for _ in range(layout.header_rows):
            if next(numbered, None) is None:
                break
        for line, cells in numbered:
            response = plan.convert(line, cells)
            if response.empty:
                continue
            result.responses += 1
            result.problems += [problem.format(path) for problem in response.problems]
            result.answers += [
                PreviewAnswer(
                    line, a.column.letter, response.department, a.target, a.item, str(a.value)
                )
                for a in response.answers
            ]
            if result.responses >= responses:
                break
        result.problems += [problem.format(path) for problem in table.problems]
    return result


def _statuses(plan) -> list[ColumnStatus]:
    answers = {a.column.index: a for a in plan.answers}
    dropped = {column.index: reason for column, reason in plan.dropped}
    special = {}
    for column, what in (
        (plan.department, "respondent's department"),
        (plan.date, "date"),
        (plan.response_id, "response id (hashed, never stored)"),
    ):
        if column is not None:
            special[column.index] = what
    out = []
    for column in plan.layout.columns:
        base = {"letter": column.letter, "key": column.key, "text": column.text}
        if column.index in answers:
            a = answers[column.index]
            out.append(
                ColumnStatus(
                    **base, status=MAPPED, target=a.target, item=a.item, scale=a.scale or ""
                )
            )
        elif column.index in special:
            out.append(ColumnStatus(**base, status=USED, reason=special[column.index]))
        elif column.index in dropped:
            reason = dropped[column.index]
            identity = role_of(column, plan.layout.name).kind in ("identity", "response_id")
            out.append(
                ColumnStatus(**base, status=IDENTITY if identity else DROPPED, reason=reason)
            )
        else:
            out.append(ColumnStatus(**base, status=UNMAPPED, reason="not in the mapping"))
    return out
