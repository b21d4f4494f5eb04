"""How often honest answers repeat, word for word, another person's (docs/team-mode.md).

``surveys.anomalies.repeats_of_stored`` counts an answer stored that repeats, ratings and
comments, an earlier answer from the same wave and department; ``rapport ingest`` then
warns and exits 3. This measures how often an honest wave does that: the demo
organisation's answers (its own distributions of ratings and comments), as asked by each
built-in survey (the full pulse; the short pulse's rotation groups; the liaison check's
three choices), and with a share of respondents who give one value to every question
("straight-lining"). Every answer is taken as arriving in its own ingest (a kiosk, or a
wave without tickets, ingested often): an upper bound of what is counted.

With ``--non-answers P``, a respondent who wrote nothing about a department types one of
:data:`FILLERS` instead with probability ``P``; ingest compares such a comment as none
(:func:`surveys.non_answers.is_non_answer`), and ``waves_exit_3_if_fillers_counted`` says
how many waves would have exited 3 had they counted as comments (as before stop 35).

Usage: ``python -m bench.repeat_false_alarms [--waves N] [--straight 0.1] [--non-answers 0.2]``
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from surveys.anomalies import MIN_RATINGS
from surveys.demo_fill import _maybe_comment
from surveys.demo_story import HEADCOUNTS, choose_targets, rate, respondents, wave_shifts
from surveys.demo_text import CommentWriter
from surveys.non_answers import is_non_answer

ALIKE = 5  # copies of one ratings-only answer (--alike)
#: What people type when they have nothing to say (--non-answers).
FILLERS = ("n/a", "N/A", "none", "-", "No comment.")
SHORT = (
    ("frequent", "timely", "accurate"),
    ("problem_solving", "shared_goals", "shared_knowledge"),
    ("respect", "timely", "problem_solving"),
)


def _answer(rng, department, number, shifts, survey, straight, fillers=0.0) -> tuple:
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
        if text is None and fillers and rng.random() < fillers:
            text = rng.choice(FILLERS)
        if text is not None:
            comments.append((target, " ".join(text.casefold().split())))
    return tuple(sorted(ratings)), tuple(sorted(comments))


def _said(prints: Counter) -> bool:
    """Whether a department's answers make ingest exit 3: a comment repeated, or a
    ratings-only answer given by :data:`ALIKE` people."""
    return any(n >= (2 if key[1] else ALIKE) for key, n in prints.items())


def measure(survey: str, waves: int, straight: float, fillers: float = 0.0) -> dict:
    """Per department-wave: does any answer repeat another's (any; one with a comment; a
    ratings-only answer stored a third time)?"""
    cells = any_repeat = comment_repeat = third = repeats = answers = 0
    waves_said = waves_said_now = waves_said_fillers = 0
    for number in range(waves):
        said, said_now = any_repeat, third + comment_repeat
        said_fillers = False
        shifts = wave_shifts(random.Random(f"{number}/shifts"))
        for department, headcount in HEADCOUNTS.items():
            rng = random.Random(f"{survey}/{number}/{department}")
            prints, counted = Counter(), Counter()
            for _ in range(respondents(rng, headcount)):
                ratings, written = _answer(
                    rng, department, number, shifts, survey, straight, fillers
                )
                comments = tuple(c for c in written if not is_non_answer(c[1]))
                if comments or len(ratings) >= MIN_RATINGS:
                    prints[(ratings, comments)] += 1
                if written or len(ratings) >= MIN_RATINGS:
                    counted[(ratings, written)] += 1
                answers += 1
            said_fillers = said_fillers or _said(counted)
            extra = {key: n - 1 for key, n in prints.items() if n > 1}
            cells += 1
            repeats += sum(extra.values())
            any_repeat += bool(extra)
            comment_repeat += any(key[1] for key in extra)
            third += any(n >= ALIKE - 1 for key, n in extra.items() if not key[1])
        waves_said += any_repeat > said
        waves_said_now += third + comment_repeat > said_now
        waves_said_fillers += said_fillers
    return {
        "survey": survey,
        "straight": straight,
        "non_answers": fillers,
        "answers": answers,
        "repeats": repeats,
        "cells_with_repeat": f"{any_repeat}/{cells}",
        "cells_with_comment_repeat": f"{comment_repeat}/{cells}",
        f"cells_with_{ALIKE}_alike_ratings_only": f"{third}/{cells}",
        "waves_exit_3_any_repeat": f"{waves_said}/{waves}",
        f"waves_exit_3_comment_or_{ALIKE}_alike": f"{waves_said_now}/{waves}",
        "waves_exit_3_if_fillers_counted": f"{waves_said_fillers}/{waves}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=60)
    parser.add_argument("--straight", type=float, default=0.1)
    parser.add_argument("--non-answers", type=float, default=0.0)
    args = parser.parse_args()
    for survey in ("full", "short", "liaison"):
        for straight in (0.0, args.straight, 2 * args.straight):
            print(measure(survey, args.waves, straight, args.non_answers))


if __name__ == "__main__":
    main()
