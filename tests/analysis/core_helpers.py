"""Helpers for the analysis-core tests: fill a real workspace file, a small text engine.

The engine here is a test double for the real analysers (sentiment, conflict, themes,
topics); it is injected through ``analyse_workspace(engine=...)`` and never shipped.
"""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from analysis.comment_analysis import TextEngine
from analysis.topics import Topic, TopicModel
from surveys.model import DIMENSIONS
from surveys.store import open_workspace

NEGATIVE = {"slow", "never", "blame", "late", "ignored", "awful"}
POSITIVE = {"great", "helpful", "quick", "thanks", "fast"}


@dataclass
class Calls:
    """What the fake engine was asked to do (to check the cache only re-analyses changes)."""

    scored: list[str] = field(default_factory=list)
    discoveries: int = 0


@dataclass
class Conflict:
    score: float
    orientation: str
    markers: tuple[str, ...] = ()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def fake_engine(version: str = "fake-1", calls: Calls | None = None) -> TextEngine:
    calls = calls if calls is not None else Calls()

    def score(texts, progress):
        calls.scored.extend(texts)
        progress(0.5, "scoring")
        out = []
        for t in texts:
            w = _words(t)
            out.append(max(-1.0, min(1.0, 0.5 * (len(w & POSITIVE) - len(w & NEGATIVE)))))
        return out

    def conflicts(texts, progress):
        return [
            Conflict(0.8, "blame", ("blame",)) if "blame" in _words(t) else Conflict(0.0, "neutral")
            for t in texts
        ]

    def themes(texts, progress):
        return [
            (["responsiveness"] if _words(t) & {"slow", "late", "quick"} else [])
            + (["tools_shadow_it"] if "tool" in t.lower() else [])
            for t in texts
        ]

    def discover(texts, progress, departments=()):
        calls.discoveries += 1
        assignments = [0 if "slow" in t else 1 for t in texts]
        return TopicModel(
            [
                Topic(0, "slow / late", ["slow", "late"], assignments.count(0), 0),
                Topic(1, "other / work", ["work", "team"], assignments.count(1), None),
            ],
            assignments,
        )

    return TextEngine(
        version=version,
        score_texts=score,
        label_of=lambda s: "negative" if s <= -0.05 else "positive" if s >= 0.05 else "neutral",
        analyse_conflicts=conflicts,
        match_themes=themes,
        discover_topics=discover,
        theme_label=lambda t: t.replace("_", " ").capitalize(),
        themes_version="fake-themes",
    )


class Filler:
    """Insert waves, submissions, answers and comments straight into a workspace."""

    def __init__(self, folder: Path) -> None:
        self.db = open_workspace(folder)
        self.ids = {name: i for i, name in self.db.execute("SELECT id, name FROM departments")}
        self.waves: dict[str, int] = {}
        self.count = 0

    def wave(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM waves WHERE name = ?", [name]).fetchone()
        if row is not None:
            self.waves[name] = row[0]
        if name not in self.waves:
            cur = self.db.execute(
                "INSERT INTO waves (name, opens, status) VALUES (?, ?, 'closed')",
                [name, name + "-01"],
            )
            self.waves[name] = cur.lastrowid
        return self.waves[name]

    def respondent(
        self,
        wave: str,
        source: str,
        target: str,
        ratings: dict[str, int],
        comment: str | None = None,
    ) -> str:
        """One submission of ``source`` about ``target`` (every dimension defaults to 3)."""
        wave_id = self.wave(wave)
        self.count += 1
        sid = f"sub-{secrets.token_hex(8)}"
        f, t = self.ids[source], self.ids[target]
        self.db.execute(
            "INSERT INTO submissions (id, wave_id, department_id, day) VALUES (?, ?, ?, ?)",
            [sid, wave_id, f, wave + "-02"],
        )
        for item, value in ratings.items():
            self.db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", [sid, wave_id, f, t, item, value]
            )
        if comment:
            self.db.execute(
                "INSERT INTO comments (submission_id, wave_id, from_id, to_id, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [sid, wave_id, f, t, comment],
            )
        return sid

    def group(self, wave, source, target, n, level, rng=None, comments=(), spread=0):
        """``n`` respondents rating every dimension around ``level``."""
        rng = rng or random.Random(0)
        for i in range(n):
            ratings = {d: max(1, min(5, level + rng.randint(-spread, spread))) for d in DIMENSIONS}
            ratings["overall"] = max(1, min(5, level + rng.randint(-spread, spread)))
            comment = comments[i % len(comments)] if comments else None
            self.respondent(wave, source, target, ratings, comment)

    def close(self) -> None:
        self.db.close()


def use_fake_engine(monkeypatch) -> None:
    """Make every analysis in this test use :func:`fake_engine` (undone after the test).

    ``analysis.pipeline`` binds ``default_engine`` when it is first imported, so it is
    imported (and patched) before ``comment_analysis`` is: imported while that was patched,
    it would keep the fake engine for every later test in the process.
    """
    import analysis.pipeline
    from analysis import comment_analysis

    monkeypatch.setattr(analysis.pipeline, "default_engine", fake_engine)
    monkeypatch.setattr(comment_analysis, "default_engine", fake_engine)
