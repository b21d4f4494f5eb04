"""The import mapping: how the columns of another tool's export become Rapport's answers.

A mapping is a YAML file that the user checks (``rapport import --suggest-mapping`` writes
one) and that imports next year's file of the same survey too::

    format: rapport-import-1
    layout: qualtrics
    response_id: ResponseId          # hashed with the workspace's key, never stored
    department:
      column: Q1                     # or:  fixed: Sales
      values: {Sales team: Sales}    # answers that are not a department's exact name
      if_missing: error              # or skip: responses without a department
    date:
      column: RecordedDate           # the day is kept, never the time
      format: YYYY-MM-DD             # or M/D/YYYY, D/M/YYYY, D.M.YYYY, D-M-YYYY
    wave:
      by: month                      # or quarter (from the date); or  fixed: 2025-10
    scales:
      agreement: {Strongly disagree: 1, Disagree: 2, ..., N/A: skip}
    columns:
      Q3_1: {target: IT, item: timely, scale: agreement}
      Q3_9: {target: IT, item: comment}
    drop:
      IPAddress: identity (IP address)
      StartDate: metadata

Loading checks everything that can be checked without the data file and reports every
problem at once as ``FILE:LINE: field: message`` (:class:`MappingError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from surveys.errors import RapportError
from surveys.importing.dates import DATE_FORMATS
from surveys.importing.scales import SKIP, normalise_answer
from surveys.model import ITEMS

FORMAT = "rapport-import-1"
WAVE_PERIODS = ("month", "quarter")
_TOP = (
    "format",
    "layout",
    "response_id",
    "department",
    "date",
    "wave",
    "scales",
    "columns",
    "drop",
)


@dataclass(frozen=True)
class MappingProblem:
    """One problem in a mapping file (``line`` is 1-based)."""

    source: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"

    def format(self, _path: object = None) -> str:
        return str(self)


class MappingError(RapportError):
    """A mapping file cannot be used; the message lists every problem with its line."""

    def __init__(self, source: str, problems: list[MappingProblem]) -> None:
        self.source = source
        self.problems = sorted(problems, key=lambda p: p.line)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in import mapping {source}"
        body = "\n".join(f"  {p}" for p in self.problems)
        them = "it" if count == 1 else "them"
        super().__init__(f"{heading}; fix {them} and import again:\n{body}")


@dataclass(frozen=True)
class ColumnRule:
    """What one column holds: answers about ``target`` on ``item``."""

    key: str
    target: str
    item: str
    scale: str | None = None
    line: int = 0


@dataclass
class Mapping:
    """A validated mapping (see the module docstring for the file format).

    ``lines`` remembers the YAML line of each part (``department``, ``wave``, a column's
    key...) so that problems found against the data file can point into the mapping too.
    ``source`` names the mapping in messages.
    """

    layout: str | None = None
    response_id: str | None = None
    department_column: str | None = None
    department_fixed: str | None = None
    department_values: dict[str, str] = field(default_factory=dict)
    skip_missing_department: bool = False
    date_column: str | None = None
    date_format: str | None = None
    wave_fixed: str | None = None
    wave_by: str | None = None
    scales: dict[str, dict[str, int | None]] = field(default_factory=dict)
    columns: dict[str, ColumnRule] = field(default_factory=dict)
    drop: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    source: str = "<mapping>"

    def used_columns(self) -> dict[str, str]:
        """Every column key the mapping reads, with what for."""
        used = {key: "answers" for key in self.columns}
        if self.response_id:
            used[self.response_id] = "response id"
        if self.department_column:
            used[self.department_column] = "department"
        if self.date_column:
            used[self.date_column] = "date"
        return used

    def with_wave(self, wave: str | None) -> Mapping:
        """A copy whose wave is ``wave`` for every response (``--wave``); ``None`` keeps it."""
        if not wave:
            return self
        from dataclasses import replace

        return replace(self, wave_fixed=wave, wave_by=None)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def load_mapping(path: str | Path) -> Mapping:
    """Read and validate a mapping file.

    Raises
    ------
    MappingError
        Listing every problem as ``FILE:LINE: field: message``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problem = MappingProblem(
            str(path), 1, "file", "does not exist; check the file name and folder"
        )
        raise MappingError(str(path), [problem]) from None
    except IsADirectoryError:
        problem = MappingProblem(
            str(path), 1, "file", "is a folder; give the mapping file (.yaml) inside it"
        )
        raise MappingError(str(path), [problem]) from None
    except PermissionError as exc:
        problem = MappingProblem(
            str(path), 1, "file", f"cannot be read ({exc.strerror}); check its permissions"
        )
        raise MappingError(str(path), [problem]) from None
    except (OSError, UnicodeDecodeError) as exc:
        problem = MappingProblem(str(path), 1, "file", f"cannot be read ({exc}); save it as UTF-8")
        raise MappingError(str(path), [problem]) from None
    return parse_mapping(text, str(path))


def parse_mapping(text: str, source: str = "<mapping>") -> Mapping:
    """Parse and validate a mapping from YAML text (see :func:`load_mapping`)."""
    from surveys.importing.mapping_yaml import build_mapping

    return build_mapping(text, source)


def scale_value(table: dict[str, int | None], raw: str) -> int | None | str:
    """An answer looked up in a scale table: the value, ``None`` to skip, or ``"?"``."""
    return table.get(normalise_answer(raw), "?")


def check_rules(mapping: Mapping, add) -> None:
    """Checks that involve several sections (called by the YAML loader).

    ``add(line, field, message)`` records a problem.
    """
    for key, rule in mapping.columns.items():
        item = ITEMS.get(rule.item)
        if item is None or item.is_text:
            continue
        table = mapping.scales.get(rule.scale or "")
        if table is None:
            continue
        points = len(item.scale)
        high = [v for v in table.values() if v is not None and v > points]
        if high:
            add(
                rule.line,
                f"columns.{key}",
                (
                    f"item {rule.item} takes 1 to {points}, but scale {rule.scale} gives "
                    f"{max(high)}; use a scale with values up to {points}"
                ),
            )
    if mapping.wave_by and not mapping.date_column:
        add(
            mapping.line_of("wave"),
            "wave.by",
            ("needs the date section (which column holds the date); or give the wave a fixed name"),
        )
    if mapping.date_format and mapping.date_format not in DATE_FORMATS:
        add(
            mapping.line_of("date"),
            "date.format",
            (f"unknown format {mapping.date_format!r}; use one of {', '.join(DATE_FORMATS)}"),
        )
    twice = set(mapping.columns) & set(mapping.drop)
    for key in sorted(twice):
        add(
            mapping.line_of(f"drop:{key}"),
            f"drop.{key}",
            ("is also under columns; a column is either imported or dropped"),
        )
    pairs: dict[tuple[str, str], str] = {}
    for key, rule in mapping.columns.items():
        pair = (rule.target.casefold(), rule.item)
        if pair in pairs:
            add(
                rule.line,
                f"columns.{key}",
                (
                    f"{rule.target} {rule.item} is already read from column {pairs[pair]}; each "
                    "target and item may come from one column only"
                ),
            )
        else:
            pairs[pair] = key


__all__ = [
    "FORMAT",
    "SKIP",
    "ColumnRule",
    "Mapping",
    "MappingError",
    "MappingProblem",
    "load_mapping",
    "parse_mapping",
]
