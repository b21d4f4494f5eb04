"""Write the demo organisation's settings, survey, waves, submissions and actions.

Used by :func:`surveys.demo.build_demo` on a freshly created workspace. Every random draw
comes from a generator seeded with the demo seed and the wave and department it is for,
so the same seed always writes the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from sqlite_utils import Database

from surveys.demo_story import (
    ACTION_WAVE,
    DEMO_VERSION,
    HEADCOUNTS,
    MIN_GROUP,
    ORGANISATION,
    STORIES,
    WAVE_NAMES,
    Rating,
    choose_targets,
    rate,
    respondents,
    wave_shifts,
)
from surveys.demo_text import CommentWriter, redaction_names
from surveys.progress import Progress
from surveys.store import departments, set_setting
from surveys.waves import release_closed_waves

#: Share of rated departments a respondent comments on (more when the rating is negative).
COMMENT_RATE = {"negative": 0.5, "mixed": 0.4, "positive": 0.36}
#: Share of comments that are a short neutral remark instead of a topic.
NEUTRAL_RATE = {"negative": 0.04, "mixed": 0.22, "positive": 0.2}
#: Days a wave stays open (opens on the first Monday of its month).
WAVE_DAYS = 11


@dataclass
class _Rows:
    """Rows waiting for one batch insert."""

    submissions: list[tuple] = field(default_factory=list)
    answers: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)


def fill_demo(db: Database, seed: int, progress: Progress) -> dict:
    """Fill a new, empty workspace with the demo organisation, in one transaction.

    Parameters
    ----------
    db : sqlite_utils.Database
        A workspace just made by :func:`surveys.store.create_workspace` with the
        departments of :data:`surveys.demo_story.HEADCOUNTS`.
    seed : int
        Seed of every random draw.
    progress : callable
        Receives (fraction, message) reports between 0.05 and 0.9.

    Returns
    -------
    dict
        The counts of :class:`surveys.demo.DemoSummary` (field name to value).
    """
    ids = {d.name: d.id for d in departments(db)}
    with db.atomic():
        set_setting(db, "organisation", ORGANISATION)
        set_setting(db, "redaction_names", redaction_names())
        set_setting(db, "demo", {"seed": seed, "version": DEMO_VERSION})
        wave_ids = _insert_survey_and_waves(db)
        for number, name in enumerate(WAVE_NAMES, start=1):
            progress(0.05 + 0.85 * (number - 1) / len(WAVE_NAMES), f"Writing pulse {name}")
            rows = _wave_rows(seed, number, wave_ids[name], ids)
            _insert(db, rows)
        _insert_actions(db, ids, wave_ids)
        release_closed_waves(db)  # every demo wave is closed, so its figures are released
    return counts(db)


def wave_dates(name: str) -> tuple[dt.date, dt.date]:
    """Opening and closing day of the demo wave ``YYYY-MM``."""
    first = dt.date.fromisoformat(f"{name}-01")
    opens = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return opens, opens + dt.timedelta(days=WAVE_DAYS)


def _insert_survey_and_waves(db: Database) -> dict[str, int]:
    from surveys.templates import builtin_templates

    template = builtin_templates()["full-pulse"]
    first_opens = wave_dates(WAVE_NAMES[0])[0]
    survey_id = db.execute(
        "INSERT INTO surveys(key, title, definition, created_day) VALUES (?, ?, ?, ?)",
        [
            template.key,
            template.title,
            json.dumps(template.to_dict()),
            (first_opens - dt.timedelta(days=14)).isoformat(),
        ],
    ).lastrowid
    wave_ids = {}
    for name in WAVE_NAMES:
        opens, closes = wave_dates(name)
        wave_ids[name] = db.execute(
            "INSERT INTO waves(name, survey_id, opens, closes, status, rotation) "
            "VALUES (?, ?, ?, ?, 'closed', 0)",
            [name, survey_id, opens.isoformat(), closes.isoformat()],
        ).lastrowid
    return wave_ids


def _wave_rows(seed: int, number: int, wave_id: int, ids: dict[str, int]) -> _Rows:
    """Every submission of one wave, department by department."""
    name = WAVE_NAMES[number - 1]
    shifts = wave_shifts(random.Random(f"{seed}/{name}/shifts"))
    opens = wave_dates(name)[0]
    rows = _Rows()
    for department, headcount in HEADCOUNTS.items():
        rng = random.Random(f"{seed}/{name}/{department}")
        writer = CommentWriter(rng)
        for _ in range(respondents(rng, headcount)):
            submission_id = f"{rng.getrandbits(128):032x}"
            day = opens + dt.timedelta(days=round(rng.triangular(0, WAVE_DAYS, 1)))
            rows.submissions.append((submission_id, wave_id, ids[department], day.isoformat()))
            for target in choose_targets(rng, department):
                pair = (department, target)
                rating = rate(rng, department, target, number, shifts[pair])
                key = (submission_id, wave_id, ids[department], ids[target])
                rows.answers.extend((*key, item, v) for item, v in rating.values.items())
                text = _maybe_comment(rng, writer, department, rating, number)
                if text is not None:
                    rows.comments.append((*key, text))
    return rows


def _maybe_comment(
    rng: random.Random, writer: CommentWriter, source: str, rating: Rating, number: int
) -> str | None:
    tone = rating.tone
    story = STORIES[(source, rating.target)]
    if rng.random() >= COMMENT_RATE[tone] + story.talk:
        return None
    if rng.random() < NEUTRAL_RATE[tone] * (1.0 - 2 * story.talk):
        return writer.write(rating.target, None, tone)
    topics = story.topics_for(number, tone)
    topic = rng.choices([t for t, _ in topics], weights=[w for _, w in topics])[0]
    return writer.write(rating.target, topic, tone)


def _insert(db: Database, rows: _Rows) -> None:
    db.conn.executemany(
        "INSERT INTO submissions(id, wave_id, department_id, day, token, source) "
        "VALUES (?, ?, ?, ?, NULL, 'demo')",
        rows.submissions,
    )
    db.conn.executemany(
        "INSERT INTO answers(submission_id, wave_id, from_id, to_id, item, value) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows.answers,
    )
    db.conn.executemany(
        "INSERT INTO comments(submission_id, wave_id, from_id, to_id, text) VALUES (?, ?, ?, ?, ?)",
        rows.comments,
    )


def _insert_actions(db: Database, ids: dict[str, int], wave_ids: dict[str, int]) -> None:
    """The joint action of Sales and Marketing (done) and a newer one for Sales and IT."""
    action_wave = WAVE_NAMES[ACTION_WAVE - 1]
    last_wave = WAVE_NAMES[-1]
    actions = [
        (
            ids["Sales"],
            ids["Marketing"],
            wave_ids[action_wave],
            "Joint campaign planning before launches",
            "Head of Sales",
            "Head of Marketing",
            (wave_dates(action_wave)[1] + dt.timedelta(days=14)).isoformat(),
            "done",
            "One planning session per launch with reps and marketers; shared launch "
            "calendar; messaging agreed before anything goes out; short review afterwards.",
            wave_dates(action_wave)[1].isoformat(),
        ),
        (
            ids["Sales"],
            ids["IT"],
            wave_ids[last_wave],
            "Request intake with agreed response times",
            "Sales operations lead",
            "IT service manager",
            (wave_dates(last_wave)[1] + dt.timedelta(days=45)).isoformat(),
            "planned",
            "One intake form for sales requests, a promised date on every request and a "
            "named IT liaison for Sales with a bi-weekly check-in.",
            wave_dates(last_wave)[1].isoformat(),
        ),
    ]
    db.conn.executemany(
        "INSERT INTO actions(from_id, to_id, wave_id, title, owner_from, owner_to, due, status, "
        "notes, created_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        actions,
    )


def counts(db: Database) -> dict:
    """Counts of a demo workspace, read back from the database."""

    def one(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    shares = db.execute(
        "SELECT min(share), max(share) FROM (SELECT count(*) * 1.0 / d.headcount AS share "
        "FROM submissions s JOIN departments d ON d.id = s.department_id "
        "GROUP BY s.wave_id, s.department_id)"
    ).fetchone()
    return {
        "departments": one("SELECT count(*) FROM departments"),
        "waves": one("SELECT count(*) FROM waves"),
        "submissions": one("SELECT count(*) FROM submissions"),
        "answers": one("SELECT count(*) FROM answers"),
        "comments": one("SELECT count(*) FROM comments"),
        "distinct_comments": one("SELECT count(DISTINCT text) FROM comments"),
        "actions": one("SELECT count(*) FROM actions"),
        "small_cells": one(
            "SELECT count(*) FROM (SELECT count(DISTINCT submission_id) AS n FROM answers "
            f"WHERE item = 'overall' GROUP BY wave_id, from_id, to_id HAVING n < {MIN_GROUP})"
        ),
        "participation": (round(shares[0], 3), round(shares[1], 3)),
        "wave_names": tuple(r[0] for r in db.execute("SELECT name FROM waves ORDER BY opens")),
    }
