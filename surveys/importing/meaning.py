"""Match other tools' statements to Rapport's items, and find department names in text.

Other tools word their statements their own way: "it arrives in time" is Rapport's
``timely``, "they treat us with respect" is ``respect``, "we work towards the same goals"
is ``shared_goals``, "when something goes wrong, they work with us to fix it" is
``problem_solving``. :func:`match_item` scores a statement against a lexicon of cue phrases
per item (word stems, in order, with small gaps allowed), so that paraphrases of the same
idea land on the same item, and says how sure it is: the confidence grows with the
evidence for the best item and shrinks with the evidence for the runner-up.

:func:`find_departments` finds the departments a question names ("How timely is IT?",
"Working with the Operations team [They respond in time]"). Short all-capital names such
as ``IT`` or ``HR`` are matched only in capitals, so "it arrives in time" names no one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from surveys.importing.text import fold, stems

#: Cue phrases per item with their weights. A phrase matches when its word stems appear in
#: this order with at most two other words between consecutive ones.
# fmt: off
CUES: dict[str, dict[str, float]] = {
    "frequent": {
        "how often communicate": 3, "how often talk": 3, "how often contact": 3,
        "how often interact": 3, "how often in touch": 3, "how often speak": 3,
        "how often work with": 2, "how often deal with": 3, "how frequently": 3, "frequency": 3,
        "frequent": 2, "communicate": 2, "communication": 2, "in touch": 2, "contact": 1,
        "interact": 2, "talk": 2, "speak": 2, "how often": 2, "regularly": 1, "often": 1,
        "shared work": 1, "calls": 1, "exchange": 1,
    },
    "timely": {
        "timely": 4, "in time": 3, "on time": 3, "prompt": 3, "promptly": 3, "quick": 3,
        "quickly": 3, "fast": 2, "speed": 2, "turnaround": 3, "respond": 3, "response": 2,
        "responsive": 3, "reply": 3, "get back to": 3, "deadline": 2, "delay": 2, "wait": 2,
        "late": 1, "when we need": 2, "time": 1, "arrive": 1, "deliver": 1,
        "reasonable time": 2, "keep us waiting": 3, "slow": 2, "meet deadline": 5,
    },
    "accurate": {
        "accurate": 3, "accuracy": 3, "correct": 3, "reliable": 2, "rely on": 2,
        "right information": 3, "information": 1, "error": 2, "mistake": 1, "precise": 2,
        "trust": 1, "true": 1, "up to date": 2, "what they tell us": 2, "numbers": 1, "data": 1,
        "info": 1, "right first time": 3, "wrong information": 3, "double check": 2,
        "get it right": 2, "figures": 1, "exact": 2, "what they send": 2,
    },
    "problem_solving": {
        "problem": 2, "goes wrong": 3, "go wrong": 3, "went wrong": 3, "fix": 2, "solve": 3,
        "solving": 3, "solution": 3, "resolve": 3, "blame": 3, "point finger": 3, "finger": 2,
        "issue": 1, "mistake": 1, "together": 1, "work with us": 1, "sort out": 2,
        "sort it out": 2, "troubleshoot": 2, "rather than": 1, "accountable": 1,
        "when things": 1, "difficulty": 1,
    },
    "shared_goals": {
        "goal": 3, "same goal": 2, "objective": 3, "aim": 2, "priority": 2, "priorities": 2,
        "aligned": 3, "align": 3, "same direction": 3, "outcome": 2, "common": 1, "towards": 1,
        "share our": 1, "mission": 2, "care about the same": 3, "same result": 3,
        "pull in the same": 3, "purpose": 2, "same thing": 1, "what matters": 1, "patients": 1,
        "clients": 1, "customers": 1, "pulling together": 2,
    },
    "shared_knowledge": {
        "understand": 3, "understanding": 3, "know what we do": 4, "know what our": 3,
        "knowledge": 3, "familiar": 3, "aware": 2, "what our work involve": 4, "involve": 2,
        "our job": 2, "our role": 2, "our process": 2, "our challenge": 2, "insight": 1,
        "know": 1, "what makes it hard": 2, "what we need": 1, "our constraints": 2,
        "how our work": 2, "get what we do": 3, "our work": 1, "expertise": 1,
    },
    "respect": {
        "respect": 4, "respectful": 4, "value": 2, "valued": 2, "appreciate": 2, "courteous": 3,
        "polite": 3, "treat": 2, "seriously": 2, "dignity": 3, "recognise": 1, "recognize": 1,
        "rude": 3, "dismissive": 3, "listen": 1, "contribution": 2, "look down": 3, "regard": 1,
    },
    "overall": {
        "overall": 4, "all things considered": 4, "in general": 3, "general": 2,
        "all in all": 4, "on the whole": 3, "rate": 1, "rating": 1, "satisfied": 2,
        "satisfaction": 2, "relationship": 2, "collaboration": 1, "working with": 1,
        "experience": 1, "how would you describe": 1, "how good": 1, "how well": 1,
        "taking everything": 3, "summary": 1,
    },
    "comment": {
        "comment": 4, "one thing": 3, "improve": 2, "improvement": 2, "better": 2, "suggest": 3,
        "suggestion": 3, "anything else": 4, "feedback": 2, "explain": 2, "tell us more": 3,
        "what would make": 3, "what could": 2, "remark": 3, "why": 1, "describe": 1,
        "example": 1, "ideas": 2, "thoughts": 2, "note": 1,
    },
    "knows_liaison": {
        "liaison": 4, "contact person": 4, "point of contact": 4, "named contact": 4,
        "who to go to": 3, "who to contact": 3, "know who": 2, "go to person": 3,
        "account manager": 2, "business partner": 2, "single point": 2,
    },
    "meeting_cadence": {
        "meet": 4, "meeting": 4, "cadence": 4, "check in": 3, "catch up": 2, "sync": 2,
        "stand up": 2, "how often meet": 2, "get together": 2,
    },
}
# fmt: on

HIGH = 0.75
MEDIUM = 0.45
_GAP = 2


def confidence_word(confidence: float) -> str:
    """``high``, ``medium`` or ``low``."""
    if confidence >= HIGH:
        return "high"
    return "medium" if confidence >= MEDIUM else "low"


@dataclass(frozen=True)
class ItemMatch:
    """The item a statement means, how sure the match is, and the runner-up."""

    item: str | None
    confidence: float
    runner_up: str | None = None
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _cue_stems() -> dict[str, tuple[tuple[tuple[str, ...], float], ...]]:
    """The cue phrases as stems; spellings with the same stems count once (their best)."""
    out = {}
    for item, cues in CUES.items():
        best: dict[tuple[str, ...], float] = {}
        for phrase, weight in cues.items():
            key = tuple(stems(phrase))
            best[key] = max(weight, best.get(key, 0))
        out[item] = tuple(best.items())
    return out


def _contains(text: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``phrase`` occurs in ``text`` in order, with at most :data:`_GAP` words between."""
    for start, word in enumerate(text):
        if word != phrase[0]:
            continue
        position, ok = start, True
        for part in phrase[1:]:
            window = text[position + 1 : position + 2 + _GAP]
            if part not in window:
                ok = False
                break
            position = position + 1 + window.index(part)
        if ok:
            return True
    return False


def item_scores(text: str, candidates: Iterable[str] | None = None) -> dict[str, float]:
    """The evidence for each item in ``text`` (a sum of matched cue weights)."""
    words = stems(text)
    allowed = set(candidates) if candidates is not None else set(CUES)
    scores: dict[str, float] = {}
    for item, cues in _cue_stems().items():
        if item not in allowed:
            continue
        scores[item] = sum(weight for phrase, weight in cues if phrase and _contains(words, phrase))
    return scores


def match_item(
    text: str,
    candidates: Iterable[str] | None = None,
    bonus: dict[str, float] | None = None,
) -> ItemMatch:
    """The item that ``text`` most likely means.

    Parameters
    ----------
    text : str
        A question or statement, with department names already removed.
    candidates : iterable of str, optional
        Items allowed (e.g. only ``comment`` for a free-text column).
    bonus : dict, optional
        Extra evidence per item from the answers (frequency words point to ``frequent``).

    Returns
    -------
    ItemMatch
        ``item`` is ``None`` when nothing in the text points to any item.
    """
    scores = item_scores(text, candidates)
    for item, extra in (bonus or {}).items():
        if item in scores:
            scores[item] += extra
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    if not ranked or ranked[0][1] <= 0:
        return ItemMatch(None, 0.0)
    best, score = ranked[0]
    runner, second = ranked[1] if len(ranked) > 1 else (None, 0.0)
    confidence = (1 - math.exp(-score / 2.5)) * (1 - (second / score) ** 2)
    evidence = tuple(
        phrase for phrase, weight in CUES[best].items() if _contains(stems(text), stems(phrase))
    )
    return ItemMatch(best, round(confidence, 2), runner if second > 0 else None, evidence)


#: Other names of common departments (compared after :func:`fold`).
ALIASES: dict[str, tuple[str, ...]] = {
    "it": ("information technology", "i.t.", "ict", "tech support", "helpdesk", "help desk"),
    "operations": ("ops",),
    "human resources": ("hr", "people team", "people and culture"),
    "hr": ("human resources", "people team"),
    "research and development": ("r&d", "r and d"),
    "r&d": ("research and development",),
    "finance": ("accounting", "finance team"),
    "marketing": ("mktg",),
    "customer service": ("customer support", "support"),
}


@lru_cache(maxsize=256)
def _department_patterns(names: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    patterns = []
    for name in names:
        spellings = {name, *(a for a in ALIASES.get(fold(name), ()))}
        for spelling in sorted(spellings, key=len, reverse=True):
            capitals = spelling.isupper() and len(spelling) <= 4
            target = spelling if capitals else fold(spelling)
            regex = re.compile(rf"(?<![\w&]){re.escape(target)}(?![\w&])")
            patterns.append((name, regex, capitals))
    return tuple(patterns)


def find_departments(text: str, names: Iterable[str]) -> list[tuple[str, int, int]]:
    """The departments named in ``text``, with where (in the folded text).

    Parameters
    ----------
    text : str
        A question, statement or matrix row label.
    names : iterable of str
        The department names to look for (the workspace's, or those found in the file).

    Returns
    -------
    list of (name, start, end)
        One entry per department, in order of appearance; positions are in ``fold(text)``
        for ordinary names and in ``text`` for capitals-only names.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    folded = fold(text)
    for name, regex, capitals in _department_patterns(tuple(names)):
        found = [m.span() for m in regex.finditer(text if capitals else folded)]
        if found:
            spans.setdefault(name, []).extend(found)
    if len(folded) == len(text):  # one position for both: a name inside another is not one
        every = [span for found in spans.values() for span in found]
        spans = {n: [s for s in found if not _inside(s, every)] for n, found in spans.items()}
    first = {name: min(found) for name, found in spans.items() if found}
    return sorted(((n, s, e) for n, (s, e) in first.items()), key=lambda t: t[1])


def _inside(span: tuple[int, int], spans) -> bool:
    """Whether ``span`` lies within a longer one of ``spans`` ("IT" and "Ops" in "IT Ops",
    a department of its own beside IT and Operations). Every place a name is written counts:
    "Sales" in "Sales Ops and Sales" is named on its own too."""
    start, end = span
    return any(s <= start and end <= e and (s, e) != span for s, e in spans)


def without_departments(text: str, names: Iterable[str]) -> str:
    """``text`` with every department name (and alias) replaced by ``them``."""
    patterns = _department_patterns(tuple(names))
    out = text
    for _name, regex, capitals in patterns:
        if capitals:
            out = regex.sub(" them ", out)
    out = fold(out)
    for _name, regex, capitals in patterns:
        if not capitals:
            out = regex.sub(" them ", out)
    return re.sub(r"\s+", " ", out).strip()


def label_parts(text: str) -> list[str]:
    """The row label and the parts of a combined header, most specific first: the
    ``[Sales]`` of "How timely is IT? [Sales]", then each side of " - ", ": "..."""
    parts = re.findall(r"\[([^\]]+)\]", text)
    for separator in (" - ", " – ", " | ", ": ", ".", " — "):
        if separator in text:
            parts.append(text.rsplit(separator, 1)[-1])
            parts.append(text.split(separator, 1)[0])
    return parts
