"""Suggest a mapping for a file: the user checks it instead of writing it.

:func:`suggest_mapping` profiles the file (:mod:`surveys.importing.profile`) and decides,
column by column, with a confidence for each decision:

- identity columns (e-mail, names, IP, location, recipient fields, respondent and
  collector ids) and the tool's bookkeeping are dropped; the response id is hashed;
- the respondent's department: the question that asks for it ("Which department do you
  work in?") with answers that are department names;
- the date (the completion time where the tool has one), its format, and the wave: by
  month when every response falls in one month, otherwise by quarter or month (noted);
- each question column: the target department named in its text or matrix row label
  ("How timely is IT?", "Working with IT - ...", "... [IT]"), the item its statement
  means (:mod:`surveys.importing.meaning`), and the scale of its answers
  (:mod:`surveys.importing.scales`); free-text columns are comments.

Whatever it cannot decide is marked ``CHECK`` and left for the user.
:func:`confident_mapping` returns the suggestion only when nothing needs checking (for
``rapport import`` without ``--mapping``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from surveys.importing.choices import is_multiple_choice, several_choices, ticked_choice
from surveys.importing.dates import (
    dated_heading,
    guess_format,
    no_dates_note,
    parse_day,
    suggest_wave,
)
from surveys.importing.department_answers import bracketed_answer
from surveys.importing.identity import _DATES as _DATE_RANKS
from surveys.importing.identity import Role, identity_in_values, roles_of, sender_in_values
from surveys.importing.layouts import Column
from surveys.importing.mapping import ColumnRule, Mapping
from surveys.importing.meaning import (
    HIGH,
    find_departments,
    label_parts,
    match_item,
    without_departments,
)
from surveys.importing.profile import ColumnProfile, FileProfile, pooled_answers, profile_file
from surveys.importing.scales import (
    looks_like_free_text,
    normalise_answer,
    scale_kind,
    suggest_scale,
)
from surveys.importing.suggestion import Decision, Suggestion, add_scale
from surveys.importing.text import fold, plain, words
from surveys.model import DEFAULT_DEPARTMENTS

# fmt: off
_DEPARTMENT_CUES = {"department", "departments", "team", "unit", "division", "function", "area",
                    "group", "belong", "service", "ward"}
# fmt: on


def suggest_mapping(
    path: str | Path | FileProfile,
    departments: Iterable[str] | None = None,
    *,
    wave: str | None = None,
) -> Suggestion:
    """Suggest a mapping for ``path``.

    Parameters
    ----------
    path : path or FileProfile
        A wide export (CSV, TSV or XLSX), or its profile when it was read already.
    departments : iterable of str, optional
        The workspace's departments. Without them, department names come from the answers
        to the department question and Rapport's defaults.
    wave : str, optional
        A fixed wave name for every response.

    Returns
    -------
    Suggestion
    """
    profile = path if isinstance(path, FileProfile) else profile_file(path)
    builder = _Builder(profile, list(departments) if departments else None, wave)
    return builder.build()


def confident_mapping(
    path: str | Path,
    departments: list[str],
    *,
    wave: str | None = None,
    workspace: str | Path | None = None,
) -> Mapping:
    """The suggested mapping if every line of it is certain; otherwise raise.

    Raises
    ------
    ImportProblems
        Listing the lines to check, with what to do (write and check a mapping).
    """
    from surveys.importing.runner import ImportProblems
    from surveys.importing.table import CellProblem

    suggestion = suggest_mapping(path, departments, wave=wave)
    doubtful = suggestion.to_check()
    if not doubtful:
        return suggestion.mapping
    layout = suggestion.profile.layout
    problems = []
    for decision in doubtful[:20]:
        column = layout.column(decision.key)
        where = column.where() if column else decision.key.replace("scale:", "scale ")
        message = f"not certain ({decision.confidence:.2f}): {decision.note or 'check it'}"
        problems.append((str(path), CellProblem(layout.header_line, where, message)))
    target = f" --workspace {workspace}" if workspace else ""
    footer = (
        f"This {layout.title} needs a checked mapping. Write one with\n"
        f"  rapport import --suggest-mapping {path}{target} > mapping.yaml\n"
        "check the lines marked CHECK, then import with --mapping mapping.yaml. "
        "Nothing was imported."
    )
    raise ImportProblems(problems, max(0, len(doubtful) - 20), footer)


def role_of_date(rank: int) -> Role:
    """The role of a column found to hold dates by its values (ranked after named ones)."""
    return Role("date", str(rank))


class _Builder:
    def __init__(self, profile: FileProfile, departments: list[str] | None, wave: str | None):
        self.profile = profile
        self.layout = profile.layout
        self.workspace = departments
        self.departments = list(departments or DEFAULT_DEPARTMENTS)
        self.wave = wave
        self.mapping = Mapping(layout=self.layout.name)
        self.suggestion = Suggestion(profile, self.mapping, workspace_departments=bool(departments))
        self.roles = roles_of(self.layout, lambda column: self.profile_of(column).distinct)
        for column in self.layout.columns:
            if self.roles[column.index].kind == "question":
                values = self.profile_of(column).distinct
                held = identity_in_values(values) or sender_in_values(
                    column.text, values, self._department_of
                )
                if held:
                    self.roles[column.index] = Role("identity", f"{held}, by its values")
        self.groups: dict[int, set[str]] = {}

    def decide(
        self,
        key: str,
        section: str,
        confidence: float,
        note: str = "",
        text: str = "",
        check: bool = False,
    ) -> None:
        self.suggestion.decisions[key] = Decision(
            key, section, round(confidence, 2), note, text, check
        )

    def profile_of(self, column: Column) -> ColumnProfile:
        return self.profile.columns[column.index]

    def build(self) -> Suggestion:
        self.special_columns()
        self.department_column()
        self.date_and_wave()
        self.question_groups()
        for column in self.layout.columns:
            if column.key in self.mapping.used_columns() or column.key in self.mapping.drop:
                continue
            self.question(column)
        self.suggestion.departments = self.departments
        return self.suggestion

    # --------------------------------------------------------- bookkeeping
    def special_columns(self) -> None:
        for column in self.layout.columns:
            role = self.roles[column.index]
            if role.kind == "response_id" and self.mapping.response_id is None:
                self.mapping.response_id = column.key
                self.decide(
                    column.key,
                    "response_id",
                    1.0,
                    "hashed with the workspace's key; the id itself is never stored",
                    column.text,
                )
            elif role.kind in ("identity", "response_id"):
                self.mapping.drop[column.key] = f"identity ({role.reason or 'id'})"
            elif role.kind == "metadata":
                self.mapping.drop[column.key] = role.reason or "metadata"

    def department_column(self) -> None:
        best, best_score = None, 0.0
        for column in self.layout.columns:
            if self.roles[column.index].kind != "question":
                continue
            score = self._department_score(column)
            if score > best_score:
                best, best_score = column, score
        if best is None or best_score < 0.8:
            fixed = self.workspace[0] if self.workspace else "Sales"
            self.mapping.department_fixed = fixed
            self.decide(
                "department",
                "department",
                0.0,
                (
                    "no column asks for the respondent's department; name it under column, or "
                    f"give the one department of every respondent under fixed (now {fixed})"
                ),
                check=True,
            )
            return
        self._use_department_column(best, best_score)

    def _department_score(self, column: Column) -> float:
        """Evidence that ``column`` asks for the respondent's own department (0 to 3)."""
        profile = self.profile_of(column)
        if not profile.filled or profile.overflow or len(profile.values) > 40:
            return 0.0
        text_words = set(words(column.text))
        cue = 1.0 if text_words & _DEPARTMENT_CUES or "work in" in fold(column.text) else 0.0
        named = find_departments(column.text, self.departments)
        if len(named) == 1:
            return 0.0  # a question about one department, not about the respondent's
        values = profile.distinct
        found = [(v, self._department_of(v)) for v in values]
        share = sum(1 for _, name in found if name) / len(values)
        if share < 0.5:
            return 0.9 * cue  # e.g. answer codes: the values must be checked
        # Answers that are exactly a department's name win a tie: the question "Which
        # department do you work in?" over Qualtrics EX's "Parent Unit" ("IT (Amara
        # Okafor)": the unit or its manager), which comes first in the file.
        exact = sum(1 for v, name in found if name and fold(name) == fold(v.strip()))
        return cue + 2 * share + 0.25 * exact / len(values)

    def _department_answers(self, column: Column) -> tuple[list[str], int]:
        """The answers to the department question (with those typed under "Other"), and how
        many responses gave one."""
        profile = self.profile_of(column)
        other = self.layout.other_answer_of(column)
        if other is None:
            return profile.distinct, profile.filled
        typed = self.profile_of(other)
        self.mapping.drop.pop(other.key, None)
        self.mapping.drop[other.key] = "read with the department ('Other' typed in)"
        chosen = [v for v in profile.distinct if not fold(v).startswith("other")]
        return chosen + typed.distinct, profile.filled + typed.filled

    def _department_of(self, value: str) -> str | None:
        exact = [name for name in self.departments if fold(name) == fold(value)]
        if exact:  # "IT OPS", "devops ": a department's name, whatever its case and spaces
            return exact[0]
        found = find_departments(value, self.departments)
        if len(found) == 1 and len(words(value)) <= 4:
            return found[0][0]
        return None

    def _lists_departments(self, values: list[str]) -> bool:
        """Whether the answers are departments joined by ``", "`` (Google Forms'
        checkboxes) and at least one answer names several. A checkbox's "Other:" adds
        what was typed among them ("Sales, IT, Pharmacy liaison"), so three parts in four
        being departments is enough: the column is dropped, never read."""
        parts = [v.split(",") for v in values if v.strip()]
        if not parts or all(len(p) == 1 for p in parts):
            return False
        names = [name for answer in parts for name in answer]
        known = sum(1 for name in names if self._department_of(name))
        return known * 4 >= len(names) * 3

    def _use_department_column(self, column: Column, score: float) -> None:
        self.mapping.department_column = column.key
        answers, filled = self._department_answers(column)
        unknown = [v for v in answers if self._department_of(v) is None]
        for value in sorted(answers, key=fold):
            name = self._department_of(value)
            if name is not None and fold(name) != fold(value):
                self.mapping.department_values[normalise_answer(value)] = name
        names_in_file = score >= 1.5  # most answers are department names
        note = ""
        check = False
        if unknown and (self.workspace or not names_in_file):
            check = True
            for value in sorted(unknown, key=fold):
                self.mapping.department_values[normalise_answer(value)] = "?"
            note = (
                f"answers {', '.join(repr(v) for v in unknown)} are not departments "
                "of the workspace: write the department of each under values"
            )
        elif unknown:
            self.departments.extend(v.strip() for v in unknown)
            note = (
                f"answers {', '.join(repr(v) for v in unknown)} are not Rapport's "
                "default departments: the workspace needs them"
            )
        missing = max(self.profile.rows - filled, 0)
        if missing:
            self.mapping.skip_missing_department = True
            note = (note + "; " if note else "") + (
                f"{missing} response{'s' if missing != 1 else ''} without a department are "
                "skipped (if_missing: skip)"
            )
        bracketed = bracketed_answer(answers, self.departments)
        if bracketed:
            check = True
            note = (note + "; " if note else "") + (
                f"answers such as {bracketed!r} hold more than a department, in brackets (a "
                "manager's name?): choose a column that holds departments only, or check "
                "each value"
            )
        confidence = 0.4 if check else min(1.0, score / 2.5)
        self.decide("department", "department", confidence, note, column.text, check)

    def date_and_wave(self) -> None:
        if self.wave:
            self.mapping.wave_fixed = self.wave
            self.decide("wave", "wave", 1.0, "given on the command line")
        dates = [c for c in self.layout.columns if self.roles[c.index].kind == "date"]
        dates.sort(key=lambda c: int(self.roles[c.index].reason))
        for column in self.layout.columns:  # a hand-made sheet's "Submitted on"
            values = self.profile_of(column).distinct
            kind = self.roles[column.index].kind
            serials = dated_heading(column.text)  # "Submitted on": 46296.4 is a day
            found = values and guess_format(values, self.layout.name, serials=serials)[0]
            if kind == "question" and found:
                self.roles[column.index] = role_of_date(len(_DATE_RANKS))
                dates.append(column)
        unread: tuple[Column, str] | None = None  # a date column whose dates cannot be read
        for column in dates:
            values = self.profile_of(column).distinct
            fmt, confidence, note = guess_format(values, self.layout.name)
            if fmt is None or not values:
                if values and note and unread is None:
                    unread = column, note
                continue
            self.mapping.date_column, self.mapping.date_format = column.key, fmt
            self.decide(
                "date",
                "date",
                confidence,
                note or "only the day is kept, never the time",
                column.text,
                check=confidence < HIGH,
            )
            if not self.wave:
                self._wave_from_dates([parse_day(v, fmt) for v in values])
            break
        for column in dates:
            if column.key != self.mapping.date_column:
                self.mapping.drop[column.key] = "date (not used)"
        if not self.mapping.date_column and not self.wave:
            self.mapping.wave_fixed = dt.date.today().strftime("%Y-%m")
            where = (unread[0].letter, unread[0].text, unread[1]) if unread else None
            self.decide("wave", "wave", 0.0, no_dates_note(where), check=True)
        if unread is not None and not self.mapping.date_column:
            self.mapping.drop[unread[0].key] = f"dates that cannot be read ({unread[1]})"

    def _wave_from_dates(self, days: list[dt.date]) -> None:
        by, confidence, note = suggest_wave(days)
        self.mapping.wave_by = by
        self.decide("wave", "wave", confidence, note, check=confidence < HIGH)

    # ------------------------------------------------------------ questions
    def question(self, column: Column) -> None:
        profile = self.profile_of(column)
        values = profile.distinct
        if not profile.filled:
            self.mapping.drop[column.key] = "empty"
            return
        if "please specify" in fold(column.text) or plain(column.text).endswith("other"):
            self.mapping.drop[column.key] = "'other' answers (free text that may name people)"
            return
        pooled = self.groups.get(column.index, ())
        if is_multiple_choice(values, self.layout.name, self.profile.decimal_point, pooled):
            self._drop_for(column, several_choices(values))
            return
        free_text = profile.overflow or looks_like_free_text(values, self.profile.rows)
        if not free_text and all(self._department_of(v) for v in values):
            self.mapping.drop[column.key] = "which departments (not a rating)"
            return
        if self._lists_departments(values):  # Google Forms checkboxes: "Sales, IT"
            self.mapping.drop[column.key] = "which departments, several per answer (not a rating)"
            return
        if self._ticked_choice(column, values):
            return
        targets = self._targets(column)
        statement = without_departments(column.text, self.departments)
        if free_text:
            match = match_item(statement, ["comment"])
            item, confidence = "comment", max(match.confidence, 0.8)
        else:
            kind = scale_kind(values)
            bonus = {
                "frequency": {"frequent": 2, "meeting_cadence": 2},
                "yes_no": {"knows_liaison": 4},
            }.get(kind or "", {})
            candidates = [i for i in _RATING_ITEMS if kind != "yes_no" or i == "knows_liaison"]
            match = match_item(statement, candidates, bonus)
            item, confidence = match.item, match.confidence
        if item is None or len(targets) != 1:
            self._unmapped(column, targets, item)
            return
        target, target_confidence = targets[0], 1.0
        note = f"statement read as {item}"
        if match.runner_up and not free_text:
            note += f" (else {match.runner_up})"
        rule = ColumnRule(column.key, target, item)
        if not free_text:
            scale = suggest_scale(item, values, self.groups.get(column.index))
            name = add_scale(self.mapping, scale.name, scale.values)
            rule = ColumnRule(column.key, target, item, name)
            self._scale_decision(rule.scale, scale.confidence, scale.note)
        self.mapping.columns[column.key] = rule
        self.decide(
            column.key,
            "columns",
            min(confidence, target_confidence),
            note,
            column.text,
            check=confidence < HIGH,
        )

    def question_groups(self) -> None:
        """Pool the answers of the columns of one question (they share a scale)."""
        questions = [c for c in self.layout.columns if self.roles[c.index].kind == "question"]
        self.groups = pooled_answers(self.profile, questions, self.departments)

    def _targets(self, column: Column) -> list[str]:
        found = [name for name, _, _ in find_departments(column.text, self.departments)]
        if len(found) > 1:
            # "How timely is IT? [Sales requests]": prefer the matrix row label or the part
            # after the separator, which names the department being rated.
            for part in label_parts(column.text):
                inner = [n for n, _, _ in find_departments(part, self.departments)]
                if len(inner) == 1:
                    return inner
        return found

    def _ticked_choice(self, column: Column, values: list[str]) -> bool:
        """Drop one column per choice of a "tick all that apply" question (LimeSurvey's
        ``Y``, Qualtrics' split "Selected Choice" columns): read as yes/no ratings, a
        ticked "Which departments did you work with? [Sales]" was "knows the liaison"."""
        pooled = self.groups.get(column.index, set(values))
        statement = without_departments(column.text, self.departments)
        yes_no = match_item(statement, ["knows_liaison"]).confidence >= HIGH
        why = ticked_choice(column, values, pooled, self.layout.name, yes_no)
        if why:
            self._drop_for(column, why)
        return bool(why)

    def _drop_for(self, column: Column, why: str) -> None:
        """Drop ``column`` for ``why``; a reason that starts with CHECK is a line to check."""
        self.mapping.drop[column.key] = why
        if why.startswith("CHECK"):
            self.decide(column.key, "drop", 0.0, why[7:], column.text, check=True)

    def _unmapped(self, column: Column, targets: list[str], item: str | None) -> None:
        if not targets:
            why = "no department named in the question"
        elif len(targets) > 1:
            why = f"several departments named ({', '.join(targets)})"
        else:
            why = "the statement matches no Rapport item"
        self.mapping.drop[column.key] = f"CHECK: {why}; map it under columns if it holds answers"
        self.decide(column.key, "drop", 0.0, why, column.text, check=True)

    def _scale_decision(self, name: str, confidence: float, note: str) -> None:
        """One decision per scale table (a 1-7 scale is checked once, not per column)."""
        key = f"scale:{name}"
        known = self.suggestion.decisions.get(key)
        if known is None or confidence < known.confidence:
            self.decide(key, "scales", confidence, note, check=confidence < HIGH)


_RATING_ITEMS = (
    "frequent",
    "timely",
    "accurate",
    "problem_solving",
    "shared_goals",
    "shared_knowledge",
    "respect",
    "overall",
    "knows_liaison",
    "meeting_cadence",
)
