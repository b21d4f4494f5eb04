"""The result model of an analysis run: what the CLI prints, the GUI shows and exports write.

Every object here has already been through :mod:`analysis.privacy`: suppressed pairs carry
no scores and no quotes, quotes are redacted and shuffled, nothing names a submission.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from surveys.model import Bands

#: A comment counts as conflict language from this conflict score up
#: (:attr:`PairResult.conflict_rate` is the share of such comments).
CONFLICT_AT = 0.5


@dataclass
class PairResult:
    """One directed pair (``from_dept`` rates ``to_dept``) in one wave."""

    wave: str
    from_dept: str
    to_dept: str
    n: int
    suppressed: bool
    dimensions: dict[str, float | None] = field(default_factory=dict)
    overall: float | None = None
    index: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    band: str | None = None
    comment_count: int = 0
    sentiment: float | None = None
    negative_share: float | None = None
    conflict_rate: float | None = None
    themes: list[str] = field(default_factory=list)


@dataclass
class TrendPoint:
    """A pair's index in one wave (``None`` when that wave's group was under k)."""

    wave: str
    index: float | None
    n: int
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass
class RecordedAction:
    """A joint action HR recorded for a pair, drawn as a marker on trends."""

    from_dept: str
    to_dept: str
    title: str
    wave: str | None
    owner_from: str | None = None  # the owner in ``from_dept``
    owner_to: str | None = None  # the owner in ``to_dept``
    due: str | None = None
    status: str = "planned"
    recorded: str | None = None  # the day it was recorded


@dataclass
class Hotspot:
    """A ranked directed pair that needs attention, with reasons in plain words."""

    from_dept: str
    to_dept: str
    wave: str
    rank: int
    kind: str  # feud | one-sided | deteriorating | disconnected
    score: float
    reasons: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # playbook suggestions
    trend: list[TrendPoint] = field(default_factory=list)
    recorded_actions: list[RecordedAction] = field(default_factory=list)


@dataclass
class ThemeSummary:
    """A taxonomy theme (``kind="taxonomy"``) or a discovered topic (``kind="topic"``)."""

    name: str
    kind: str
    count: int
    share: float
    negative_share: float | None = None
    terms: list[str] = field(default_factory=list)
    example: str | None = None  # redacted, from a group that meets the comment threshold


@dataclass
class Participation:
    """Submissions of one department in a wave against its headcount."""

    department: str
    headcount: int | None
    submitted: int
    rate: float | None


@dataclass
class Driver:
    """How much one dimension explains ``overall`` (standardised weight)."""

    dimension: str
    weight: float
    correlation: float


@dataclass
class AnalysisResult:
    """Everything one analysis run found for one wave (with the earlier waves for trends)."""

    organisation: str
    wave: str
    waves: list[str]
    departments: list[str]
    min_group: int
    min_comment_group: int
    pairs: list[PairResult] = field(default_factory=list)
    organisation_dimensions: dict[str, float | None] = field(default_factory=dict)
    organisation_index: float | None = None
    hotspots: list[Hotspot] = field(default_factory=list)
    trends: dict[str, list[TrendPoint]] = field(default_factory=dict)  # key "From→To"
    actions: list[RecordedAction] = field(default_factory=list)
    themes: list[ThemeSummary] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    drivers: list[Driver] = field(default_factory=list)
    pair_drivers: dict[str, list[Driver]] = field(default_factory=dict)  # key "From→To"
    improvements: list[str] = field(default_factory=list)
    suppressed_pairs: int = 0
    method: dict[str, str] = field(default_factory=dict)
    #: ``False`` while the wave is open: the result then holds participation only (the
    #: wave's figures are released when it closes; see :func:`analysis.privacy.may_show_wave`).
    released: bool = True
    #: The workspace's band thresholds the ``band`` of each pair was computed with (for the
    #: legends of exports and the GUI); not part of :meth:`to_json`.
    bands: Bands = field(default_factory=Bands)

    def pair(self, from_dept: str, to_dept: str) -> PairResult | None:
        """The result for one directed pair in this wave, if it was rated.

        Looked up in an index of :attr:`pairs` (every pair is listed: 1,560 at 40
        departments, and the network asked for each of them once per label it placed),
        checked at each use, so a list changed since still gives the right pair."""
        index = self.__dict__.get("_pair_at")
        if index is None or index[0] is not self.pairs or index[1] != len(self.pairs):
            positions: dict[tuple[str, str], int] = {}
            for i, p in enumerate(self.pairs):
                positions.setdefault((p.from_dept, p.to_dept), i)
            index = self.__dict__["_pair_at"] = (self.pairs, len(self.pairs), positions)
        at = index[2].get((from_dept, to_dept))
        if at is not None:
            found = self.pairs[at]
            if found.from_dept == from_dept and found.to_dept == to_dept:
                return found
        for p in self.pairs:  # not indexed (or a pair replaced in place): read them all
            if p.from_dept == from_dept and p.to_dept == to_dept:
                return p
        return None

    def to_json(self) -> dict:
        """The analysis JSON (``docs/formats.md``): ``pairs`` and ``hotspots`` plus the rest."""
        data = asdict(self)
        del data["bands"]  # the analysis JSON has no bands: each pair carries its band
        data["pairs"] = [_pair_json(p) for p in self.pairs]
        data["hotspots"] = [_hotspot_json(h) for h in self.hotspots]
        return data


def trend_key(from_dept: str, to_dept: str) -> str:
    """The key of a pair in :attr:`AnalysisResult.trends`."""
    return f"{from_dept}→{to_dept}"


def _pair_json(p: PairResult) -> dict:
    data = asdict(p)
    data["from"] = data.pop("from_dept")
    data["to"] = data.pop("to_dept")
    if p.suppressed:
        keep = {"from", "to", "wave", "n", "suppressed"}
        data = {k: (v if k in keep else None) for k, v in data.items()}
        data["themes"] = []
        data["n"] = None  # a group under k does not even show its size
    return data


def _hotspot_json(h: Hotspot) -> dict:
    data = asdict(h)
    data["from"] = data.pop("from_dept")
    data["to"] = data.pop("to_dept")
    return data
