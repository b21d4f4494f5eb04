"""Read a mapping file's YAML into a :class:`~surveys.importing.mapping.Mapping`.

The YAML is composed into nodes (PyYAML, imported here only) so every problem carries the
line it is on; all problems are collected and reported together.
"""

from __future__ import annotations

import yaml

from surveys.importing.mapping import (
    _TOP,
    FORMAT,
    SKIP,
    WAVE_PERIODS,
    ColumnRule,
    Mapping,
    MappingError,
    MappingProblem,
    check_rules,
)
from surveys.importing.scales import normalise_answer
from surveys.model import ITEMS
from surveys.waves import WaveError, check_wave_name

_LAYOUT_NAMES = ("tidy", "qualtrics", "surveymonkey", "forms", "google", "limesurvey", "wide")


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[MappingProblem] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(MappingProblem(self.source, line, field, message))

    def at(self, node: yaml.Node | None, field: str, message: str) -> None:
        self.add(node.start_mark.line + 1 if node is not None else 1, field, message)

    def entries(self, node, field: str, allowed: tuple[str, ...] | None = None):
        """``[(key, key_node, value_node)]`` of a mapping node (problems for the rest)."""
        if not isinstance(node, yaml.MappingNode):
            self.at(node, field, "expected a mapping (key: value lines)")
            return []
        out, seen = [], set()
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            where = f"{field}.{key}" if field else key
            if allowed is not None and key not in allowed:
                self.at(key_node, where, f"unknown key; allowed: {', '.join(allowed)}")
            elif key in seen:
                self.at(key_node, where, "given twice; keep one")
            else:
                seen.add(key)
                out.append((key, key_node, value_node))
        return out

    def text(self, node, field: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.at(node, field, "expected a non-empty value")
            return ""
        return str(node.value).strip()


def build_mapping(text: str, source: str) -> Mapping:
    """Compose, walk and check the YAML text of a mapping; raise :class:`MappingError`."""
    reader = _Reader(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else 1
        reader.add(line, "YAML", f"{problem}; check indentation and quoting")
        raise MappingError(source, reader.problems) from None
    if root is None:
        reader.add(
            1, "mapping", "the file is empty; write one with rapport import --suggest-mapping"
        )
        raise MappingError(source, reader.problems)
    mapping = Mapping(source=source)
    sections = {key: (k, v) for key, k, v in reader.entries(root, "", _TOP)}
    for key, (key_node, _) in sections.items():
        mapping.lines[key] = key_node.start_mark.line + 1
    _format(reader, sections)
    if "layout" in sections:
        mapping.layout = reader.text(sections["layout"][1], "layout")
        if mapping.layout and mapping.layout not in _LAYOUT_NAMES:
            reader.at(sections["layout"][1], "layout", f"use one of {', '.join(_LAYOUT_NAMES)}")
    if "response_id" in sections:
        mapping.response_id = reader.text(sections["response_id"][1], "response_id")
    _department(reader, sections, mapping)
    _date(reader, sections, mapping)
    _wave(reader, sections, mapping)
    _scales(reader, sections, mapping)
    _columns(reader, sections, mapping)
    _drop(reader, sections, mapping)
    check_rules(mapping, reader.add)
    if reader.problems:
        raise MappingError(source, reader.problems)
    return mapping


def _format(reader: _Reader, sections) -> None:
    if "format" not in sections:
        reader.add(1, "format", f"missing; the first line should be 'format: {FORMAT}'")
        return
    value = reader.text(sections["format"][1], "format")
    if value and value != FORMAT:
        reader.at(sections["format"][1], "format", f"is {value!r}; this Rapport reads {FORMAT}")


def _department(reader: _Reader, sections, mapping: Mapping) -> None:
    if "department" not in sections:
        reader.add(
            1,
            "department",
            "missing; name the column that holds the respondent's "
            "department (department: {column: ...}) or a fixed one ({fixed: Sales})",
        )
        return
    key_node, node = sections["department"]
    parts = {
        k: v
        for k, _, v in reader.entries(
            node, "department", ("column", "fixed", "values", "if_missing")
        )
    }
    if ("column" in parts) == ("fixed" in parts):
        reader.at(key_node, "department", "give either column or fixed (one of the two)")
    if "column" in parts:
        mapping.department_column = reader.text(parts["column"], "department.column")
    if "fixed" in parts:
        mapping.department_fixed = reader.text(parts["fixed"], "department.fixed")
    if "values" in parts:
        for key, key_node, value in reader.entries(parts["values"], "department.values"):
            target = reader.text(value, f"department.values.{key}")
            mapping.department_values[normalise_answer(key)] = target
            mapping.lines[f"department:{normalise_answer(key)}"] = key_node.start_mark.line + 1
    if "if_missing" in parts:
        value = reader.text(parts["if_missing"], "department.if_missing")
        if value not in ("error", "skip"):
            reader.at(parts["if_missing"], "department.if_missing", "use error or skip")
        mapping.skip_missing_department = value == "skip"


def _date(reader: _Reader, sections, mapping: Mapping) -> None:
    if "date" not in sections:
        return
    parts = {k: v for k, _, v in reader.entries(sections["date"][1], "date", ("column", "format"))}
    if "column" not in parts:
        reader.at(sections["date"][1], "date.column", "missing; name the column of dates")
    else:
        mapping.date_column = reader.text(parts["column"], "date.column")
    if "format" not in parts:
        reader.at(sections["date"][1], "date.format", "missing; e.g. format: YYYY-MM-DD")
    else:
        mapping.date_format = reader.text(parts["format"], "date.format")


def _wave(reader: _Reader, sections, mapping: Mapping) -> None:
    if "wave" not in sections:
        return  # --wave may give it; the import checks
    key_node, node = sections["wave"]
    if isinstance(node, yaml.ScalarNode):
        parts = {"fixed": node}
    else:
        parts = {k: v for k, _, v in reader.entries(node, "wave", ("fixed", "by"))}
    if ("fixed" in parts) == ("by" in parts):
        reader.at(key_node, "wave", "give either fixed (a wave name) or by (month or quarter)")
    if "fixed" in parts:
        name = reader.text(parts["fixed"], "wave.fixed")
        try:
            mapping.wave_fixed = check_wave_name(name) if name else None
        except WaveError as exc:
            reader.at(parts["fixed"], "wave.fixed", str(exc))
    if "by" in parts:
        by = reader.text(parts["by"], "wave.by")
        if by not in WAVE_PERIODS:
            reader.at(parts["by"], "wave.by", "use month or quarter")
        mapping.wave_by = by


def _scales(reader: _Reader, sections, mapping: Mapping) -> None:
    if "scales" not in sections:
        return
    for name, key_node, node in reader.entries(sections["scales"][1], "scales"):
        mapping.lines[f"scale:{name}"] = key_node.start_mark.line + 1
        table: dict[str, int | None] = {}
        for answer, _, value in reader.entries(node, f"scales.{name}"):
            field = f"scales.{name}.{answer}"
            raw = str(value.value).strip() if isinstance(value, yaml.ScalarNode) else ""
            if raw == SKIP:
                table[normalise_answer(answer)] = None
            elif raw.isdigit() and 1 <= int(raw) <= 10:
                table[normalise_answer(answer)] = int(raw)
            else:
                reader.at(value, field, f"give a whole number from 1 to 5 (or {SKIP})")
        mapping.scales[name] = table


def _columns(reader: _Reader, sections, mapping: Mapping) -> None:
    if "columns" not in sections:
        reader.add(1, "columns", "missing; list the columns that hold answers")
        return
    for key, key_node, node in reader.entries(sections["columns"][1], "columns"):
        field = f"columns.{key}"
        parts = {k: v for k, _, v in reader.entries(node, field, ("target", "item", "scale"))}
        line = key_node.start_mark.line + 1
        target = reader.text(parts["target"], f"{field}.target") if "target" in parts else ""
        item = reader.text(parts["item"], f"{field}.item") if "item" in parts else ""
        scale = reader.text(parts["scale"], f"{field}.scale") if "scale" in parts else None
        if not target:
            reader.add(line, field, "needs target: the department the answers are about")
        if item not in ITEMS:
            reader.add(
                line, f"{field}.item", f"unknown item {item!r}; use one of {', '.join(ITEMS)}"
            )
        elif ITEMS[item].is_text and scale:
            reader.add(line, f"{field}.scale", "comments take no scale; remove it")
        elif not ITEMS[item].is_text and not scale:
            reader.add(line, field, "needs scale: the name of a table under scales")
        elif scale and scale not in mapping.scales:
            reader.add(
                line,
                f"{field}.scale",
                (
                    f"no scale named {scale!r} under scales (there are: "
                    f"{', '.join(mapping.scales) or 'none'})"
                ),
            )
        mapping.columns[key] = ColumnRule(key, target, item, scale, line)
        mapping.lines[key] = line


def _drop(reader: _Reader, sections, mapping: Mapping) -> None:
    if "drop" not in sections:
        return
    node = sections["drop"][1]
    if isinstance(node, yaml.SequenceNode):
        for entry in node.value:
            key = reader.text(entry, "drop")
            mapping.drop[key] = ""
            mapping.lines[f"drop:{key}"] = entry.start_mark.line + 1
        return
    if isinstance(node, yaml.ScalarNode) and not str(node.value).strip():
        return
    for key, key_node, value in reader.entries(node, "drop"):
        reason = str(value.value) if isinstance(value, yaml.ScalarNode) else ""
        mapping.drop[key] = reason
        mapping.lines[f"drop:{key}"] = key_node.start_mark.line + 1
