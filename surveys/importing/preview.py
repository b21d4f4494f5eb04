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
from surveys.importing.row_status import with_totals
from surveys.importing.table import open_table

#: Column statuses shown in the wizard.
MAPPED, DROPPED, IDENTITY, UNMAPPED, USED = "mapped", "dropped", "identity", "unmapped", "used"
OTHER_DEPARTMENT = "respondent's department, when typed under 'Other'"
BLANK_COLUMN = "blank (no header): dropped while empty"


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
    #: The waves of the responses read, in the order first met (what the dates give).
    waves: list[str] = field(default_factory=list)


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
        for line, cells, total in with_totals(numbered):
            response = plan.convert(line, cells, total)
            if response.empty or response.excluded == "total":
                continue
            result.responses += 1
            if response.wave and response.wave not in result.waves:
                result.waves.append(response.wave)
            result.problems += [problem.format(path) for problem in response.problems]
            result.answers += [
                PreviewAnswer(line, column.letter, response.department, target, item, str(value))
                for column, target, item, value in response.answers
            ]
            if result.responses >= responses:
                break
        # The file's own problems (mixed encodings, a broken quote) first: they explain the others.
        result.problems[:0] = [problem.format(path) for problem in table.problems]
    return result


def _statuses(plan) -> list[ColumnStatus]:
    answers = {a.column.index: a for a in plan.answers}
    dropped = {column.index: reason for column, reason in plan.dropped}
    special = {}
    for column, what in (
        (plan.department, "respondent's department"),
        (plan.date, "date"),
        (plan.response_id, "response id (hashed, never stored)"),
        (plan.department_other, OTHER_DEPARTMENT),
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


def column_statuses(suggestion) -> list[ColumnStatus]:
    """Every column of a suggestion's file with what its mapping does with it.

    Unlike :attr:`Preview.columns` this needs no workspace: it shows the mapping as it is
    being edited (a target the workspace lacks is shown; the preview's problems say so).
    ``reason`` carries the confidence of mapped columns (``high 0.94``, ``CHECK 0.60``).
    """
    from surveys.importing.meaning import confidence_word

    mapping, layout = suggestion.mapping, suggestion.profile.layout
    special = {
        mapping.department_column: "respondent's department",
        mapping.date_column: "date (the day only)",
        mapping.response_id: "response id (hashed, never stored)",
    }
    department = layout.column(mapping.department_column or "")
    other = layout.other_answer_of(department) if department is not None else None
    if other is not None:
        special[other.key] = OTHER_DEPARTMENT
    out = []
    for column in layout.columns:
        base = {"letter": column.letter, "key": column.key, "text": column.text}
        rule = mapping.columns.get(column.key)
        role = role_of(column, layout.name).kind
        if rule is not None:
            decision = suggestion.decisions.get(column.key)
            sure = ""
            if decision is not None:
                word = "CHECK" if decision.check else confidence_word(decision.confidence)
                sure = f"{word} {decision.confidence:.2f}"
            scale = suggestion.decisions.get(f"scale:{rule.scale}")
            if scale is not None and scale.check:
                sure = f"{sure}; CHECK scale {rule.scale}".lstrip("; ")
            out.append(
                ColumnStatus(
                    **base,
                    status=MAPPED,
                    target=rule.target,
                    item=rule.item,
                    scale=rule.scale or "",
                    reason=sure,
                )
            )
        elif column.key in special:
            out.append(ColumnStatus(**base, status=USED, reason=special[column.key]))
        elif role in ("identity", "response_id"):
            out.append(ColumnStatus(**base, status=IDENTITY, reason="identity: never imported"))
        elif column.key in mapping.drop:
            out.append(ColumnStatus(**base, status=DROPPED, reason=mapping.drop[column.key]))
        elif not column.text.strip():
            out.append(ColumnStatus(**base, status=DROPPED, reason=BLANK_COLUMN))
        else:
            out.append(ColumnStatus(**base, status=UNMAPPED, reason="not in the mapping"))
    return out


@dataclass(frozen=True)
class ScaleRow:
    """One answer of one scale table: its value (``None`` = skip, ``"?"`` = not set).

    ``note`` says what to check about the scale (shown on its rows), empty when certain.
    """

    scale: str
    answer: str
    value: int | str | None
    points: int
    note: str = ""
    #: The answer as the file spells it ("Strongly agree", "7,5"), when the file holds it;
    #: ``answer`` is the mapping's key, in the form answers are compared in.
    written: str = ""


def scale_rows(suggestion) -> list[ScaleRow]:
    """Every answer of every scale, with the answers seen in the file but not yet mapped."""
    from surveys.importing.scales import UNSET, normalise_answer
    from surveys.model import ITEMS

    mapping, profile = suggestion.mapping, suggestion.profile
    rows = []
    for name, table in mapping.scales.items():
        rules = [r for r in mapping.columns.values() if r.scale == name]
        points = max((len(ITEMS[r.item].scale) for r in rules), default=5)
        seen: dict[str, str] = {}  # the compared form: the file's first spelling of it
        for rule in rules:
            column = profile.layout.column(rule.key)
            if column is not None:
                for raw in profile.columns[column.index].distinct:
                    seen.setdefault(normalise_answer(raw), " ".join(raw.split()))
        decision = suggestion.decisions.get(f"scale:{name}")
        note = f"CHECK: {decision.note}" if decision is not None and decision.check else ""
        for answer, value in table.items():
            rows.append(ScaleRow(name, answer, value, points, note, seen.get(answer, "")))
        rows += [
            ScaleRow(name, a, UNSET, points, "CHECK: give it a value", written)
            for a, written in seen.items()
            if a not in table
        ]
    return rows


def department_rows(suggestion) -> list[tuple[str, str]]:
    """``(answer, department)`` for every answer of the department column.

    The department is what the mapping makes of the answer: its ``values`` entry, else the
    workspace department of that name, else ``"?"`` (the import would refuse it).
    """
    from surveys.importing.scales import normalise_answer

    mapping, profile = suggestion.mapping, suggestion.profile
    column = profile.layout.column(mapping.department_column or "")
    if column is None:
        return []
    names = {" ".join(n.casefold().split()): n for n in suggestion.departments}
    rows = []
    for answer in sorted(profile.columns[column.index].distinct, key=str.casefold):
        mapped = mapping.department_values.get(normalise_answer(answer))
        if mapped is None:
            mapped = names.get(" ".join(answer.casefold().split()), "?")
        rows.append((answer, mapped))
    return rows
