"""The stories planted in the demo workspace: who works with whom, and how it goes.

Each directed pair of departments has a :class:`PairStory`: the mean of the six agreement
dimensions in every wave, how each dimension sits around that mean, how often they talk,
how likely a respondent is to have worked with the target at all, and what the comments
are about for each tone. The stories (``docs/demo.md``): Sales rates IT weak and
worse every month while IT rates Sales moderately; Marketing and IT feud over tools and
privacy; Sales and Marketing blame each other until they plan launches together (an action
recorded in wave 3); Operations rates Sales low while Sales rates Operations well.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from surveys.model import DIMENSIONS

#: Name of the demo organisation (settings key ``organisation``).
ORGANISATION = "Northwind Diagnostics"
#: Version of the demo's recipe, stored with the seed in the ``demo`` setting.
DEMO_VERSION = 1
#: Default minimum group size (``docs/privacy.md``): the demo makes sure some cells fall under it.
MIN_GROUP = 5
#: The demo organisation's departments and headcounts, in display order.
HEADCOUNTS: dict[str, int] = {"Sales": 40, "IT": 25, "Marketing": 15, "Operations": 60}
#: The six monthly waves.
WAVE_NAMES: tuple[str, ...] = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
#: 1-based number of the wave in which Sales and Marketing agreed on joint planning.
ACTION_WAVE = 3
#: Participation per department and wave is drawn from this range (share of headcount).
PARTICIPATION = (0.55, 0.80)

#: What an analyst should find in the demo, one line per story (printed by `rapport demo`).
STORY_NOTES: tuple[str, ...] = (
    "Sales -> IT is weak and gets worse every month (slow turnaround, 'department of no', "
    "escalations to VPs); IT -> Sales stays moderate.",
    "Marketing <-> IT is a feud over tools and privacy (shadow IT, consent rules).",
    f"Sales <-> Marketing blame each other until the joint planning action of wave "
    f"{ACTION_WAVE}, then recover.",
    "Operations -> Sales is low (overpromising, details dumped on Operations); "
    "Sales -> Operations is strong.",
    "Marketing has 15 people, so some of its cells fall under the anonymity threshold.",
)

AGREEMENT_DIMENSIONS: tuple[str, ...] = DIMENSIONS[1:]

#: Topic weights per tone; a topic is a key of ``topics`` in ``data/demo_comments.yaml``.
Topics = dict[str, tuple[tuple[str, int], ...]]

_GENERIC: Topics = {
    "negative": (("friction", 2),),
    "mixed": (("ok", 3),),
    "positive": (("good", 3), ("ok", 1)),
}
#: Topics of a business department rating IT: liaison and meeting cadence come up.
_WITH_IT: Topics = {
    "negative": (("friction", 2), ("liaison", 2)),
    "mixed": (("ok", 3), ("liaison", 2)),
    "positive": (("good", 3), ("liaison_good", 1)),
}


@dataclass(frozen=True)
class PairStory:
    """How one department sees another, wave by wave.

    Attributes
    ----------
    levels : tuple of float
        Mean of the six agreement dimensions in each wave, before respondent noise.
    frequent : float
        Typical answer to ``frequent`` (1 never ... 5 daily).
    contact : float
        Probability that a respondent worked with the target in a wave.
    offsets : dict of str to float
        Shift of each agreement dimension around the level (they sum to about zero).
    topics : Topics
        Comment topics per tone (``negative``, ``mixed``, ``positive``).
    topics_after_action : Topics or None
        Topics from the wave after :data:`ACTION_WAVE` on, when the story turns.
    jitter : float
        Standard deviation of the pair's random shift in each wave.
    talk : float
        Added to the probability of a comment: people in a feud say more.
    """

    levels: tuple[float, ...]
    frequent: float
    contact: float
    offsets: dict[str, float] = field(default_factory=dict)
    topics: Topics = field(default_factory=lambda: _GENERIC)
    topics_after_action: Topics | None = None
    jitter: float = 0.07
    talk: float = 0.0

    def topics_for(self, wave_number: int, tone: str) -> tuple[tuple[str, int], ...]:
        """The comment topics of this pair for a 1-based wave number and a tone."""
        if self.topics_after_action is not None and wave_number > ACTION_WAVE:
            return self.topics_after_action[tone]
        return self.topics[tone]


def _flat(level: float, wobble: float = 0.05) -> tuple[float, ...]:
    pattern = (0.0, -1.0, 0.5, -0.5, 1.0, 0.0)
    return tuple(round(level + wobble * p, 3) for p in pattern)


_SM_AFTER: Topics = {
    "negative": (("friction", 1),),
    "mixed": (("sm_joint", 2), ("ok", 2)),
    "positive": (("sm_joint", 4), ("good", 1)),
}

STORIES: dict[tuple[str, str], PairStory] = {
    ("Sales", "IT"): PairStory(
        levels=(3.45, 3.25, 3.05, 2.85, 2.65, 2.45),
        frequent=3.3,
        contact=0.85,
        jitter=0.02,
        offsets={"timely": -0.6, "problem_solving": -0.45, "accurate": 0.35, "respect": 0.2}
        | {"shared_goals": 0.15, "shared_knowledge": 0.35},
        topics={
            "negative": (("it_slow", 4), ("it_no", 3), ("escalation", 3), ("liaison", 1)),
            "mixed": (("it_slow", 2), ("liaison", 2), ("ok", 2)),
            "positive": (("good", 2), ("ok", 1)),
        },
    ),
    ("IT", "Sales"): PairStory(
        levels=_flat(3.85),
        frequent=3.3,
        contact=0.7,
        offsets={"shared_knowledge": -0.4, "respect": -0.2, "timely": 0.2, "accurate": 0.2}
        | {"problem_solving": 0.1, "shared_goals": 0.1},
        topics={
            "negative": (("it_demands", 3),),
            "mixed": (("it_demands", 2), ("ok", 2)),
            "positive": (("good", 3),),
        },
    ),
    ("Marketing", "IT"): PairStory(
        levels=(2.8, 2.75, 2.7, 2.75, 2.65, 2.7),
        frequent=3.0,
        contact=0.75,
        talk=0.3,
        offsets={"timely": -0.5, "shared_knowledge": -0.4, "problem_solving": -0.2}
        | {"accurate": 0.4, "respect": 0.3, "shared_goals": 0.4},
        topics={
            "negative": (("shadow_it", 3), ("privacy_block", 3), ("it_slow", 1)),
            "mixed": (("shadow_it", 2), ("privacy_block", 2), ("liaison", 1)),
            "positive": (("good", 2), ("ok", 1)),
        },
    ),
    ("IT", "Marketing"): PairStory(
        levels=(2.95, 2.9, 2.85, 2.9, 2.8, 2.85),
        frequent=2.7,
        contact=0.6,
        talk=0.15,
        offsets={"shared_goals": -0.4, "shared_knowledge": -0.3, "accurate": -0.2}
        | {"respect": -0.1, "timely": 0.5, "problem_solving": 0.5},
        topics={
            "negative": (("mkt_shadow", 3), ("mkt_privacy", 3)),
            "mixed": (("mkt_shadow", 2), ("mkt_privacy", 1), ("ok", 1)),
            "positive": (("good", 2), ("ok", 1)),
        },
    ),
    ("Sales", "Marketing"): PairStory(
        levels=(2.85, 2.7, 2.8, 3.5, 3.8, 3.95),
        frequent=3.6,
        contact=0.8,
        offsets={"problem_solving": -0.5, "shared_goals": -0.2, "accurate": -0.2}
        | {"timely": 0.3, "respect": 0.3, "shared_knowledge": 0.3},
        topics={
            "negative": (("sm_blame_sales", 4),),
            "mixed": (("sm_blame_sales", 2), ("ok", 1)),
            "positive": (("good", 2), ("ok", 1)),
        },
        topics_after_action=_SM_AFTER,
    ),
    ("Marketing", "Sales"): PairStory(
        levels=(2.9, 2.8, 2.85, 3.55, 3.85, 4.0),
        frequent=3.6,
        contact=0.85,
        offsets={"problem_solving": -0.5, "respect": -0.3, "shared_goals": 0.1}
        | {"timely": 0.2, "accurate": 0.2, "shared_knowledge": 0.3},
        topics={
            "negative": (("sm_blame_mkt", 4),),
            "mixed": (("sm_blame_mkt", 2), ("ok", 1)),
            "positive": (("good", 2), ("ok", 1)),
        },
        topics_after_action=_SM_AFTER,
    ),
    ("Operations", "Sales"): PairStory(
        levels=(2.7, 2.6, 2.65, 2.6, 2.55, 2.6),
        frequent=3.9,
        contact=0.85,
        offsets={"accurate": -0.6, "shared_knowledge": -0.6, "respect": -0.1}
        | {"problem_solving": -0.1, "timely": 0.5, "shared_goals": 0.9},
        topics={
            "negative": (("overpromise", 4),),
            "mixed": (("overpromise", 2), ("ok", 1)),
            "positive": (("good", 2), ("ok", 1)),
        },
    ),
    ("Sales", "Operations"): PairStory(
        levels=_flat(4.05), frequent=4.0, contact=0.9, offsets={"timely": -0.15, "respect": 0.15}
    ),
    ("IT", "Operations"): PairStory(levels=_flat(3.9), frequent=3.5, contact=0.75),
    ("Operations", "IT"): PairStory(
        levels=_flat(3.85),
        frequent=3.6,
        contact=0.7,
        offsets={"timely": -0.25, "shared_knowledge": 0.25},
        topics=_WITH_IT,
    ),
    ("Marketing", "Operations"): PairStory(levels=_flat(3.8), frequent=2.4, contact=0.35),
    ("Operations", "Marketing"): PairStory(
        levels=_flat(3.8), frequent=2.3, contact=0.35, offsets={"shared_knowledge": -0.3}
    ),
}


@dataclass(frozen=True)
class Rating:
    """One respondent's answers about one target department."""

    target: str
    values: dict[str, int]

    @property
    def tone(self) -> str:
        """``negative``, ``mixed`` or ``positive``, from the overall rating."""
        overall = self.values["overall"]
        return "negative" if overall <= 2 else "mixed" if overall == 3 else "positive"


def _scale(value: float) -> int:
    return min(5, max(1, round(value)))


def wave_shifts(rng: random.Random) -> dict[tuple[str, str], float]:
    """A small shift of every pair's level for one wave, so the trends are not too clean."""
    return {pair: rng.gauss(0.0, story.jitter) for pair, story in STORIES.items()}


def rate(
    rng: random.Random, source: str, target: str, wave_number: int, shift: float = 0.0
) -> Rating:
    """Draw one respondent's answers about ``target`` in a 1-based wave.

    Parameters
    ----------
    rng : random.Random
        The source of randomness (seeded by the caller for reproducibility).
    source, target : str
        The respondent's department and the department rated.
    wave_number : int
        1 for the first wave.
    shift : float
        This wave's shift of the pair (see :func:`wave_shifts`).
    """
    story = STORIES[(source, target)]
    person = rng.gauss(0.0, 0.35)
    level = story.levels[wave_number - 1] + shift + person
    values = {"frequent": _scale(story.frequent + rng.gauss(0.0, 0.7))}
    for dim in AGREEMENT_DIMENSIONS:
        values[dim] = _scale(level + story.offsets.get(dim, 0.0) + rng.gauss(0.0, 0.55))
    agreement = sum(values[d] for d in AGREEMENT_DIMENSIONS) / len(AGREEMENT_DIMENSIONS)
    values["overall"] = _scale(agreement + rng.gauss(0.0, 0.45))
    return Rating(target, values)


def choose_targets(rng: random.Random, source: str) -> list[str]:
    """The departments one respondent of ``source`` worked with (at least one)."""
    others = [(target, story) for (src, target), story in STORIES.items() if src == source]
    chosen = [target for target, story in others if rng.random() < story.contact]
    if not chosen:
        weights = [story.contact for _, story in others]
        chosen = [rng.choices([t for t, _ in others], weights)[0]]
    order = list(HEADCOUNTS)
    return sorted(chosen, key=order.index)


def respondents(rng: random.Random, headcount: int) -> int:
    """How many of ``headcount`` people answer a wave (within :data:`PARTICIPATION`)."""
    low = math.ceil(headcount * PARTICIPATION[0] - 1e-9)
    high = math.floor(headcount * PARTICIPATION[1] + 1e-9)
    return min(high, max(low, round(headcount * rng.uniform(*PARTICIPATION))))
