"""How often honest answers repeat, word for word, another person's (docs/team-mode.md).

``surveys.anomalies.repeats_of_stored`` counts an answer stored that repeats, ratings and
comments, an earlier answer from the same wave and department; ``rapport ingest`` then
warns and exits 3. This measures how often an honest wave does that: the demo
organisation's answers (its own distributions of ratings and comments), as asked by each
built-in survey (the full pulse; the short pulse's rotation groups; the liaison check's
three choices), and with a share of respondents who give one value to every question
("straight-lining"). Every answer is taken as arriving in its own ingest (a kiosk, or a
wave without tickets, ingested often): an upper bound of what is counted.

Usage: ``python -m bench.repeat_false_alarms [--waves N] [--straight 0.1]``
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from surveys.anomalies import MIN_RATINGS
from surveys.demo_fill import _maybe_comment
from surveys.demo_story import HEADCOUNTS, choose_targets, rate, respondents, wave_shifts
from surveys.demo_text import CommentWriter

ALIKE = 5  # copies of one ratings-only answer (--alike)
SHORT = (
    ("frequent", "timely", "accurate"),
    ("problem_solving", "shared_goals", "shared_knowledge"),
    ("respect", "timely", "problem_solving"),
)


def _answer(rng, department, number, shifts, survey, straight) -> tuple:
    writer = CommentWriter(rng)
    flat = rng.random() < straight
    ratings, comments = [], []
    for target in choose_targets(rng, department):
        rating = rate(rng, department, target, 1 + number % 6, shifts[(department, target)])
        values = dict(rating.values)
        if survey == "short":
            values = {k: values[k] for k in (*SHORT[number % 3], "overall")}
        elif survey == "liaison":
            values = {
                "knows_liaison": 1 if rng.random() < 0.7 else 2,
                "meeting_cadence": min(5, max(1, round(rng.gauss(3, 1)))),
                "frequent": values["frequent"],
            }
        if flat:  # one value for every question (yes, for a yes/no one)
            one = values.get("overall", 4)
            values = {k: 1 if k == "knows_liaison" else one for k in values}
        ratings += [(target, k, v) for k, v in values.items()]
        text = _maybe_comment(rng, writer, department, rating, 1 + number % 6)
        if text is not None:
            comments.append((target, " ".join(text.casefold().split())))
    return tuple(sorted(ratings)), tuple(sorted(comments))


def measure(survey: str, waves: int, straight: float) -> dict:
    """Per department-wave: does any answer repeat another's (any; one with a comment; a
    ratings-only answer stored a third time)?"""
    cells = any_repeat = comment_repeat = third = repeats = answers = 0
    waves_said = waves_said_now = 0
    for number in range(waves):
        said, said_now = any_repeat, third + comment_repeat
        shifts = wave_shifts(random.Random(f"{number}/shifts"))
        for department, headcount in HEADCOUNTS.items():
            rng = random.Random(f"{survey}/{number}/{department}")
            prints = Counter()
            for _ in range(respondents(rng, headcount)):
                ratings, comments = _answer(rng, department, number, shifts, survey, straight)
                if comments or len(ratings) >= MIN_RATINGS:
                    prints[(ratings, comments)] += 1
                answers += 1
            extra = {key: n - 1 for key, n in prints.items() if n > 1}
            cells += 1
            repeats += sum(extra.values())
            any_repeat += bool(extra)
            comment_repeat += any(key[1] for key in extra)
            third += any(n >= ALIKE - 1 for key, n in extra.items() if not key[1])
        waves_said += any_repeat > said
        waves_said_now += third + comment_repeat > said_now
    return {
        "survey": survey,
        "straight": straight,
        "answers": answers,
        "repeats": repeats,
        "cells_with_repeat": f"{any_repeat}/{cells}",
        "cells_with_comment_repeat": f"{comment_repeat}/{cells}",
        f"cells_with_{ALIKE}_alike_ratings_only": f"{third}/{cells}",
        "waves_exit_3_any_repeat": f"{waves_said}/{waves}",
        f"waves_exit_3_comment_or_{ALIKE}_alike": f"{waves_said_now}/{waves}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=60)
    parser.add_argument("--straight", type=float, default=0.1)
    args = parser.parse_args()
    for survey in ("full", "short", "liaison"):
        for straight in (0.0, args.straight, 2 * args.straight):
            print(measure(survey, args.waves, straight))


if __name__ == "__main__":
    main()
