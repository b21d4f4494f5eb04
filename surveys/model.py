"""The instrument: item ids, scales and the frozen dataclasses the other layers share.

The ids are a contract (``docs/formats.md``): they appear in the response CSV, in the
database and in every export. Question wording lives in the YAML templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.bands import shown_index
from surveys.validation import comment_problem, parse_rating_text

#: The seven relational-coordination dimensions, in display order.
DIMENSIONS: tuple[str, ...] = (
    "frequent",
    "timely",
    "accurate",
    "problem_solving",
    "shared_goals",
    "shared_knowledge",
    "respect",
)

#: Short, human labels for the dimensions (tables, charts, exports).
DIMENSION_LABELS: dict[str, str] = {
    "frequent": "Communication frequency",
    "timely": "Timeliness",
    "accurate": "Accuracy",
    "problem_solving": "Problem solving",
    "shared_goals": "Shared goals",
    "shared_knowledge": "Shared knowledge",
    "respect": "Respect",
    "overall": "Overall",
}

#: Labels of the five-point frequency scale (value 1..5).
FREQUENCY_SCALE: tuple[str, ...] = ("never", "quarterly", "monthly", "weekly", "daily")
#: Labels of the five-point agreement scale (value 1..5).
AGREEMENT_SCALE: tuple[str, ...] = (
    "strongly disagree",
    "disagree",
    "neither agree nor disagree",
    "agree",
    "strongly agree",
)
#: Labels of the overall rating (value 1..5).
OVERALL_SCALE: tuple[str, ...] = ("very difficult", "difficult", "mixed", "good", "excellent")
#: Meeting cadence choices (value 1..5, rarest first).
CADENCE_SCALE: tuple[str, ...] = ("never", "quarterly", "monthly", "bi-weekly", "weekly")
#: Yes/no answers are stored as 1 (no) and 2 (yes).
YES_NO_SCALE: tuple[str, ...] = ("no", "yes")

#: Up to this many departments every pair is shown in full: the heatmap writes "fewer than
#: k" in a hidden cell, the network draws a hidden pair's dashed edge, the deck shows the
#: matrix. Beyond, the large organisation's layout: hidden cells as the hatch alone, only
#: shown pairs drawn, the deck's list of shown pairs (docs/hr-workspace.md, "Relationships").
#: One limit for the window and the deck: the deck's matrix of nine or ten departments ran
#: off the bottom of the slide, and the window had switched at nine already.
MATRIX_UP_TO = 8

#: The largest headcount a department may have: a longer number is a typing or export slip
#: (SQLite stores up to 2^63; a 20-digit one stopped a roster import with a traceback).
MOST_PEOPLE = 10_000_000


@dataclass(frozen=True)
class Item:
    """One item of the instrument.

    Attributes
    ----------
    id : str
        The stable id used in files and the database.
    kind : str
        ``"rating"`` (integer on ``scale``), ``"choice"`` (one of ``scale``, stored as its
        1-based position) or ``"text"``.
    scale : tuple of str
        The labels of the answer options, lowest first; empty for text.
    """

    id: str
    kind: str
    scale: tuple[str, ...] = ()

    @property
    def is_text(self) -> bool:
        return self.kind == "text"

    def parse(self, raw: str) -> int | str:
        """Turn a raw answer (as in the response CSV) into the stored value.

        Raises
        ------
        ValueError
            With a message that says what is allowed.
        """
        if self.kind == "text":
            problem = comment_problem(raw)
            if problem:
                raise ValueError(problem)
            return raw.strip()
        return parse_rating_text(raw, self.scale)

    def allowed(self) -> str:
        """Describe the allowed values in words."""
        if self.kind == "text":
            return "any non-empty text"
        options = ", ".join(self.scale)
        return f"a whole number from 1 to {len(self.scale)} ({options})"


ITEMS: dict[str, Item] = {
    "frequent": Item("frequent", "rating", FREQUENCY_SCALE),
    **{d: Item(d, "rating", AGREEMENT_SCALE) for d in DIMENSIONS[1:]},
    "overall": Item("overall", "rating", OVERALL_SCALE),
    "comment": Item("comment", "text"),
    "knows_liaison": Item("knows_liaison", "choice", YES_NO_SCALE),
    "meeting_cadence": Item("meeting_cadence", "choice", CADENCE_SCALE),
}

DEFAULT_DEPARTMENTS: tuple[str, ...] = ("Sales", "IT", "Marketing", "Operations")


@dataclass(frozen=True)
class Bands:
    """Thresholds that turn a relationship index into a band."""

    weak_below: float = 3.5
    strong_above: float = 4.0

    def band(self, index: float | None) -> str | None:
        """The band of ``index`` as shown (:func:`surveys.bands.shown_index`): a value
        shown as "4.0" is moderate with ``strong_above=4.0``, whatever its hundredths."""
        shown = shown_index(index)
        if shown is None:
            return None
        if shown < self.weak_below:
            return "weak"
        if shown > self.strong_above:
            return "strong"
        return "moderate"


@dataclass(frozen=True)
class Department:
    id: int
    name: str
    headcount: int | None


@dataclass(frozen=True)
class Wave:
    """One run of a pulse. ``released`` is the day it closed and its figures were released;
    ``stopped`` the moment (ISO 8601, UTC) HR stopped its answers before closing it early
    (:mod:`surveys.wave_stop`), ``None`` while it takes answers."""

    id: int
    name: str
    survey_key: str | None
    opens: str | None
    closes: str | None
    status: str
    released: str | None = None
    stopped: str | None = None


@dataclass(frozen=True)
class Question:
    """One question of a survey template: an item id with Rapport's own wording."""

    item: str
    text: str
    help: str = ""


@dataclass(frozen=True)
class SurveyTemplate:
    """A survey definition, loaded from ``surveys/templates/*.yaml``.

    Attributes
    ----------
    key : str
        Stable id of the template (``full-pulse``, ``short-pulse``, ``liaison-check``).
    title, intro : str
        What the respondent sees first.
    questions : tuple of Question
        Asked for every department the respondent worked with, in this order.
    rotation : tuple of tuple of str
        Optional groups of rotating item ids: wave ``n`` of a pulse asks
        ``rotation[n % len(rotation)]`` plus every question not in any group.
    """

    key: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    rotation: tuple[tuple[str, ...], ...] = ()

    def questions_for_wave(self, rotation_index: int) -> tuple[Question, ...]:
        """The questions asked in the wave with this rotation index."""
        if not self.rotation:
            return self.questions
        rotating = {item for group in self.rotation for item in group}
        asked = set(self.rotation[rotation_index % len(self.rotation)])
        return tuple(q for q in self.questions if q.item not in rotating or q.item in asked)

    def to_dict(self) -> dict:
        """A plain dict (for JSON in the database and published survey files)."""
        return {
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "questions": [{"item": q.item, "text": q.text, "help": q.help} for q in self.questions],
            "rotation": [list(group) for group in self.rotation],
        }

    @classmethod
    def from_dict(cls, data: dict) -> SurveyTemplate:
        """Inverse of :meth:`to_dict` (input already validated)."""
        return cls(
            key=data["key"],
            title=data["title"],
            intro=data.get("intro", ""),
            questions=tuple(
                Question(q["item"], q["text"], q.get("help", "")) for q in data["questions"]
            ),
            rotation=tuple(tuple(group) for group in data.get("rotation", ())),
        )
