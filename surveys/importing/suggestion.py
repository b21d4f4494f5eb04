"""A mapping being checked: its decisions, and the edits a person makes to it.

:class:`Suggestion` pairs a :class:`~surveys.importing.mapping.Mapping` with the profile of
the file it was made for and a :class:`Decision` (confidence, note, CHECK) per line. The
suggestion engine (:mod:`surveys.importing.suggest`) fills it; the import wizard edits it
through :meth:`Suggestion.assign`, :meth:`Suggestion.drop` and friends, and every edit is a
decision taken by the user (confidence 1). :meth:`Suggestion.to_yaml` writes it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from surveys.importing.mapping import ColumnRule, Mapping
from surveys.importing.meaning import HIGH
from surveys.importing.profile import FileProfile
from surveys.importing.scales import SKIP, suggest_scale
from surveys.model import ITEMS


@dataclass
class Decision:
    """One line of the suggestion, with how sure it is and what to check."""

    key: str
    section: str
    confidence: float
    note: str = ""
    text: str = ""
    check: bool = False


def add_scale(mapping: Mapping, name: str, values: dict) -> str:
    """Add a scale table to ``mapping`` (or find an identical one); return its name."""
    table = {k: (None if v == SKIP else v) for k, v in values.items()}
    for existing, known in mapping.scales.items():
        if known == table:
            return existing
    unique, n = name, 2
    while unique in mapping.scales:
        unique, n = f"{name}_{n}", n + 1
    mapping.scales[unique] = table
    return unique


@dataclass
class Suggestion:
    """A mapping with a decision (confidence, note) for each of its lines."""

    profile: FileProfile
    mapping: Mapping
    decisions: dict[str, Decision] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)
    workspace_departments: bool = False

    @classmethod
    def from_mapping(
        cls, profile: FileProfile, mapping: Mapping, departments: list[str]
    ) -> Suggestion:
        """Wrap a mapping read from a file (every line is the user's: nothing to check)."""
        return cls(profile, mapping, {}, list(departments), True)

    def to_check(self) -> list[Decision]:
        """The decisions the user must make or confirm (marked CHECK, or below high)."""
        return [d for d in self.decisions.values() if d.check or d.confidence < HIGH]

    def to_yaml(self) -> str:
        """The commented YAML text of the mapping (see :mod:`surveys.importing.mapping`)."""
        from surveys.importing.mapping_writer import render

        return render(self)

    # ---------------------------------------------------------------- edits
    def _decided(self, key: str, section: str, note: str) -> None:
        column = self.profile.layout.column(key)
        text = column.text if column else ""
        self.decisions[key] = Decision(key, section, 1.0, note, text)

    def assign(self, key: str, target: str, item: str) -> None:
        """Import column ``key`` as answers about ``target`` on ``item``.

        The scale comes from the column's answers (:func:`~surveys.importing.scales.
        suggest_scale`); when it is not certain, its line is marked CHECK.
        """
        if item not in ITEMS:
            raise ValueError(f"unknown item {item!r}")
        self.mapping.drop.pop(key, None)
        scale_name = None
        if not ITEMS[item].is_text:
            column = self.profile.layout.column(key)
            values = self.profile.columns[column.index].distinct if column else []
            scale = suggest_scale(item, values)
            scale_name = add_scale(self.mapping, scale.name, scale.values)
            if scale.confidence < 1:
                self.decisions[f"scale:{scale_name}"] = Decision(
                    f"scale:{scale_name}",
                    "scales",
                    scale.confidence,
                    scale.note,
                    check=scale.confidence < HIGH,
                )
        self.mapping.columns[key] = ColumnRule(key, target, item, scale_name)
        self._decided(key, "columns", "set by hand")
        self._forget_unused_scales()

    def drop(self, key: str, reason: str = "dropped by hand") -> None:
        """Leave column ``key`` out of the import."""
        self.mapping.columns.pop(key, None)
        self.mapping.drop[key] = reason
        self.decisions.pop(key, None)
        self._forget_unused_scales()

    def set_department_column(self, key: str) -> None:
        """The respondent's department is the answer in column ``key``."""
        self.mapping.columns.pop(key, None)
        self.mapping.drop.pop(key, None)
        self.mapping.department_column, self.mapping.department_fixed = key, None
        self._decided("department", "department", "set by hand")

    def set_department_fixed(self, name: str) -> None:
        """Every respondent of the file is from department ``name``."""
        self.mapping.department_column, self.mapping.department_fixed = None, name
        self.mapping.department_values.clear()
        self._decided("department", "department", "set by hand")

    def set_department_value(self, answer: str, department: str) -> None:
        """Answers ``answer`` in the department column mean ``department``."""
        from surveys.importing.scales import normalise_answer

        self.mapping.department_values[normalise_answer(answer)] = department
        self._decided("department", "department", "set by hand")

    def set_wave(self, *, by: str | None = None, fixed: str | None = None) -> None:
        """The wave by ``month``/``quarter`` of the date, or one ``fixed`` name."""
        self.mapping.wave_by, self.mapping.wave_fixed = by, fixed
        self._decided("wave", "wave", "set by hand")

    def set_date_format(self, fmt: str) -> None:
        """The date column's dates are written as ``fmt`` (``D/M/YYYY``, ``M/D/YYYY``...)."""
        self.mapping.date_format = fmt
        self._decided("date", "date", "set by hand")
        self._wave_from_dates(fmt)

    def _wave_from_dates(self, fmt: str) -> None:
        """Suggest again how the dates give the waves, now they are read as ``fmt``: the
        months the suggestion named were those of its guess (``3/10/2026`` read month
        first). A wave set by hand, or one name for the file, stays."""
        from surveys.importing.dates import DateFormatError, parse_day, suggest_wave

        wave = self.decisions.get("wave")
        column = self.profile.layout.column(self.mapping.date_column or "")
        if column is None or wave is None or wave.note == "set by hand" or not self.mapping.wave_by:
            return
        try:
            days = [parse_day(v, fmt) for v in self.profile.columns[column.index].distinct]
        except DateFormatError:
            return  # the preview lists each date that cannot be read so
        if days:
            by, confidence, note = suggest_wave(days)
            self.mapping.wave_by = by
            check = confidence < HIGH
            self.decisions["wave"] = Decision("wave", "wave", confidence, note, wave.text, check)

    def _forget_unused_scales(self) -> None:
        used = {rule.scale for rule in self.mapping.columns.values()}
        for name in [n for n in self.mapping.scales if n not in used]:
            del self.mapping.scales[name]
            self.decisions.pop(f"scale:{name}", None)
