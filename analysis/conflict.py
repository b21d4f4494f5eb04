"""Conflict language in comments: blame, us-versus-them, escalation, shadow tools.

Markers are data (``analysis/data/conflict_markers.yaml``): stemmed phrases grouped into
categories. A comment gets the ids of the markers it contains, their categories, a conflict
score in ``[0, 1]`` and an orientation:

* ``"blame"`` when conflict markers (blame, us-versus-them, escalation, shadow tools,
  gatekeeping) outweigh problem-solving ones,
* ``"problem-solving"`` when problem-solving markers ("we sat down together", "worked it
  out") outweigh them,
* ``"neutral"`` otherwise.

The score is ``1 - exp(-(conflict - problem_solving))`` of the marker weights (0 when
problem solving dominates): one clear marker gives 0.63, two give 0.86.

All functions are pure and thread-safe; they run on a worker thread in the app.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from analysis.text import (
    BOUNDARY,
    NEGATORS,
    Match,
    PhraseMatcher,
    analysed,
    clause_span,
    negated,
    stem,
    tokenize,
)
from surveys.errors import RapportError
from surveys.progress import Progress, map_distinct

PROBLEM_SOLVING = "problem-solving"
BLAME = "blame"
NEUTRAL = "neutral"
_ORIENTATION_THRESHOLD = 0.75


class ConflictMarkersError(RapportError):
    """The conflict marker file is malformed; the message names the marker and field."""


@dataclass(frozen=True)
class ConflictResult:
    """Conflict language found in one comment."""

    score: float
    orientation: str
    markers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @property
    def is_conflict(self) -> bool:
        """Whether the comment counts towards a pair's conflict rate."""
        return self.orientation == BLAME


NO_CONFLICT = ConflictResult(0.0, NEUTRAL)


@dataclass(frozen=True)
class Marker:
    """One marker of the YAML file (its phrases live in the matcher)."""

    id: str
    category: str
    orientation: str
    weight: float = 1.0
    negatable: bool = True
    cue: str | None = None  # "required" | "forbidden" | None
    not_after: frozenset[str] = frozenset()  # stems that, just before a phrase, cancel it


@dataclass(frozen=True)
class MarkerSet:
    """The loaded marker file: markers by id, the phrase matcher and the two cue lists.

    ``cues`` are the negative cue words (for markers with a ``cue`` field), ``praise`` the
    words of help given that overrule them in a clause ("thank you for staying late to
    *fix* it"); ``resolved`` are the words that, just after a marker, say it is over ("the
    blame has *stopped*").
    """

    version: int
    markers: dict[str, Marker]
    matcher: PhraseMatcher
    cues: frozenset[str]
    resolved: frozenset[str] = frozenset()
    praise: frozenset[str] = frozenset()


def _marker_text() -> str:
    return resources.files("analysis").joinpath("data/conflict_markers.yaml").read_text("utf-8")


def parse_markers(text: str, source: str = "conflict_markers.yaml") -> MarkerSet:
    """Build a :class:`MarkerSet` from the YAML text of a marker file.

    Parameters
    ----------
    text : str
        The YAML document.
    source : str
        File name used in error messages.

    Returns
    -------
    MarkerSet

    Raises
    ------
    ConflictMarkersError
        When a field is missing or has the wrong type.
    """
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    categories = data.get("categories") or {}
    markers: dict[str, Marker] = {}
    phrases: dict[str, list[str]] = {}
    for n, entry in enumerate(data.get("markers") or [], start=1):
        marker = _parse_marker(entry, n, categories, source)
        if marker.id in markers:
            raise ConflictMarkersError(f"{source}: marker id {marker.id!r} is used twice.")
        markers[marker.id] = marker
        phrases[marker.id] = [str(p) for p in entry.get("phrases") or []]
        if not phrases[marker.id]:
            raise ConflictMarkersError(f"{source}: marker {marker.id!r} has no phrases.")
    cues = _stem_set(data.get("negative_cues"))
    resolved = _stem_set(data.get("resolved_cues"))
    praise = _stem_set(data.get("praise_cues"))
    version = int(data.get("version", 1))
    return MarkerSet(version, markers, PhraseMatcher(phrases), cues, resolved, praise)


def _stem_set(words: object) -> frozenset[str]:
    return frozenset(stem(t) for t in tokenize(str(words or "")))


def _parse_marker(entry: object, n: int, categories: dict, source: str) -> Marker:
    if not isinstance(entry, dict) or not entry.get("id"):
        raise ConflictMarkersError(f"{source}: marker number {n} needs an 'id' field.")
    category = entry.get("category")
    if category not in categories:
        raise ConflictMarkersError(
            f"{source}: marker {entry['id']!r} has category {category!r}; "
            f"use one of {', '.join(categories)}."
        )
    cue = entry.get("cue")
    if cue not in (None, "required", "forbidden"):
        raise ConflictMarkersError(
            f"{source}: marker {entry['id']!r}: cue must be 'required' or 'forbidden'."
        )
    orientation = categories[category].get("orientation", BLAME)
    return Marker(
        id=str(entry["id"]),
        category=str(category),
        orientation=orientation,
        weight=float(entry.get("weight", 1.0)),
        negatable=bool(entry.get("negatable", True)),
        cue=cue,
        not_after=_stem_set(" ".join(str(w) for w in entry.get("not_after") or [])),
    )


@lru_cache(maxsize=1)
def default_markers() -> MarkerSet:
    """The marker set shipped with Rapport (loaded once).

    Returns
    -------
    MarkerSet
    """
    return parse_markers(_marker_text())


def analyse_conflict(text: str | None, markers: MarkerSet | None = None) -> ConflictResult:
    """Find conflict language in one comment.

    Parameters
    ----------
    text : str or None
        The comment (redacted or not: markers never contain names).
    markers : MarkerSet, optional
        Defaults to the shipped :func:`default_markers`.

    Returns
    -------
    ConflictResult
        Score, orientation, marker ids in order of first appearance, and categories.
    """
    markers = markers or default_markers()
    tokens, stemmed = analysed(text)
    found: dict[str, Marker] = {}
    for match in markers.matcher.find(stemmed):
        marker = markers.markers[match.key]
        if marker.id in found or not _counts(marker, match, (tokens, stemmed), markers):
            continue
        found[marker.id] = marker
    if not found:
        return NO_CONFLICT
    return _result(list(found.values()))


def _counts(
    marker: Marker, match: Match, words: tuple[Sequence[str], Sequence[str]], markers: MarkerSet
) -> bool:
    tokens, stemmed = words
    if match.start and stemmed[match.start - 1] in marker.not_after:  # "de-escalate"
        return False
    if marker.negatable and _cancelled(match, words, markers.resolved):
        return False
    first, stop = clause_span(stemmed, match.start, match.end)
    last = match.end - 1
    if stemmed[last] in NEGATORS and _praise(stemmed, last, stop):
        return False  # "they never miss a deadline"
    if marker.cue is None:
        return True
    around = (*range(first, match.start), *range(match.end, stop))
    has_cue = any(stemmed[i] in markers.cues and not _praise(stemmed, i, stop) for i in around)
    if has_cue and any(stemmed[i] in markers.praise for i in around):
        has_cue = False  # "thank you for staying late to fix the release"
    return has_cue if marker.cue == "required" else not has_cue


#: Trouble whose absence is praise: "no problems", "never had an issue", "nothing was too
#: much trouble", "nothing could be better", "never late" (but not "never hit a deadline").
_TROUBLE = frozenset(
    stem(w)
    for w in (
        *("problem", "issue", "trouble", "hassle", "better", "wrong", "mistake", "error"),
        *("fault", "late", "delay", "miss", "complain", "complaint", "fail", "failure"),
        *("worry", "concern", "lost", "lose", "broke", "broken", "forgot", "forgotten"),
    )
)
#: How many words after a negator the trouble may come ("never had a single issue").
_TROUBLE_REACH = 4
#: Words that end what a negator governs.
_NEXT_ITEM = frozenset({"and", "but", "or", "so"})
_WHOSE = frozenset({"our", "my", "their", "your", "his", "her"})


def _praise(stemmed: Sequence[str], i: int, stop: int) -> bool:
    """Whether the cue word at ``i`` lies in negated trouble, which is praise.

    A negator ("no", "never", "nothing") at or shortly before ``i`` with trouble in the
    few words after it says that things went well: "No problems at all, thank you", "they
    never miss a deadline". Other cue words after a negator stay cues: "I will never fly
    with you *again*".
    """
    for j in range(i, max(-1, i - _TROUBLE_REACH - 1), -1):
        if stemmed[j] == BOUNDARY:
            return False
        if stemmed[j] in NEGATORS:
            for t in stemmed[j + 1 : min(stop, j + 1 + _TROUBLE_REACH)]:
                if t in _TROUBLE:
                    return True
                if t in _NEXT_ITEM:  # "no running water and late flights"
                    return False
                if t in _WHOSE:  # "not our problem" refuses; it does not praise
                    return False
            return False
    return False


#: Words between a negator and a question word that still put a marker under the
#: negation: "fixing things now, not who is to blame".
_CONTRAST_REACH = 5
_QUESTION_WORDS = frozenset({"who", "what", "whose", "whom"})
#: How many words after a marker a resolution cue may come: "the blame game has finally
#: stopped", not "they blame us for everything until we stop asking".
_RESOLVED_REACH = 4
#: Words before a marker, in its clause, that make a resolution after it only wished for
#: or supposed: "I *wish* the blame had stopped", "*if* they stopped blaming us".
_NOT_YET = frozenset(
    stem(w) for w in ("wish", "wished", "if", "hope", "hoped", "hoping", "unless", "want")
)


def _cancelled(
    match: Match, words: tuple[Sequence[str], Sequence[str]], resolved: frozenset[str]
) -> bool:
    """Whether a negation before the marker, or a resolution around it, cancels it."""
    tokens, stemmed = words
    first, stop = clause_span(stemmed, match.start, match.end)
    supposed = any(t in _NOT_YET for t in stemmed[first : match.start])
    stop_at = _stop_before(stemmed, match.start)
    if stop_at is not None and negated(stemmed, stop_at) and not supposed:
        return False  # "they don't stop blaming us": the negation is the stop's
    if negated(stemmed, match.start) or _contrasted(stemmed, match.start):
        return True
    if supposed:
        return False  # "I wish the blame had stopped": it has not
    if _stopped_before(tokens, stemmed, match.start):
        return not _undone(stemmed, match.end, stop)
    for i in range(match.end, min(stop, match.end + _RESOLVED_REACH)):
        if stemmed[i] in resolved and not negated(stemmed, i) and not _demanded(stemmed, i):
            return not _undone(stemmed, i + 1, stop)
    return False


#: Words before a resolution cue that make it a demand or a prospect, not a fact: "the
#: blame must stop", "needs to stop", "has to end", "will end" (stems lose the tense, so
#: "stop" and "stopped" look alike).
_DEMAND = frozenset(("to", "must", "should", "will", "would", "could", "can", "shall", "may"))


#: Just before a marker (or before "the" and it), a past form that ends it: "we stopped
#: blaming each other", "they have stopped the blame game" (the tense is in the token; the
#: stem "stop" is also "stop blaming us!").
_STOPPED = frozenset(("stopped", "quit", "ended"))
_STOP_STEMS = frozenset(stem(word) for word in _STOPPED)


def _stop_before(stemmed: Sequence[str], start: int) -> int | None:
    """Where "stop", "quit" or "end" (any tense) is just before ``start`` or before "the"
    and it ("stopped blaming", "stop the blame game"); ``None`` when it is not."""
    i = start - 1
    if i > 0 and stemmed[i] == "the":
        i -= 1
    return i if i >= 0 and stemmed[i] in _STOP_STEMS else None


def _stopped_before(tokens: Sequence[str], stemmed: Sequence[str], start: int) -> bool:
    """Whether the marker at ``start`` follows "stopped" (not negated: "never stopped")."""
    i = _stop_before(stemmed, start)
    return i is not None and tokens[i] in _STOPPED and not negated(stemmed, i)


def _demanded(stemmed: Sequence[str], cue: int) -> bool:
    """Whether the resolution cue at ``cue`` follows a modal or "to" ("must stop")."""
    return cue > 0 and (stemmed[cue - 1] in _DEMAND or stemmed[cue - 1].endswith("'ll"))


#: After a resolution cue in its clause: the end lasted only "until" something.
_UNTIL = frozenset(("until", "till"))
#: Then, in the rest of its sentence or the next: a turn, and the trouble coming back.
_TURN = frozenset(("but", "then", "now"))
_RETURN = frozenset(("return", "resum", "restart"))
_AGAIN_AFTER = frozenset(("start", "began", "begun"))


def _undone(stemmed: Sequence[str], start: int, stop: int) -> bool:
    """Whether what follows a resolution cue undoes it: "the blame had stopped until the
    reorg", "..., but now it is back", "..., then the reorg started it all again"."""
    if any(t in _UNTIL for t in stemmed[start:stop]):
        return True
    end = stop + 1
    while end < len(stemmed) and stemmed[end] != BOUNDARY:
        end += 1
    rest = stemmed[start:end]
    turns = [i for i, t in enumerate(rest) if t in _TURN]
    if not turns:
        return False
    after = rest[turns[0] + 1 :]
    for i, t in enumerate(after):
        following = after[i + 1] if i + 1 < len(after) else ""
        if t == "back" and following not in ("on", "to"):  # not "back on track"
            return True
        if t in _RETURN or (t == "again" and _AGAIN_AFTER.intersection(after[:i])):
            return True
    return False


def _contrasted(stemmed: Sequence[str], start: int) -> bool:
    """A negator followed by a question word shortly before ``start`` in its clause."""
    first, _ = clause_span(stemmed, start, start)
    for i in range(max(first, start - _CONTRAST_REACH), start - 1):
        if stemmed[i + 1] in _QUESTION_WORDS and negated(stemmed, i + 1, window=1):
            return True
    return False


def _result(found: list[Marker]) -> ConflictResult:
    conflict = sum(m.weight for m in found if m.orientation == BLAME)
    solving = sum(m.weight for m in found if m.orientation == PROBLEM_SOLVING)
    net = conflict - solving
    score = round(1.0 - math.exp(-net), 3) if net > 0 else 0.0
    if conflict > solving and conflict >= _ORIENTATION_THRESHOLD:
        orientation = BLAME
    elif solving > conflict and solving >= _ORIENTATION_THRESHOLD:
        orientation = PROBLEM_SOLVING
    else:
        orientation = NEUTRAL
    categories = tuple(dict.fromkeys(m.category for m in found))
    return ConflictResult(score, orientation, tuple(m.id for m in found), categories)


def analyse_conflicts(
    texts: Iterable[str | None], progress: Progress | None = None
) -> list[ConflictResult]:
    """Analyse many comments; identical texts are analysed once.

    Parameters
    ----------
    texts : Iterable of str or None
        The comments.
    progress : Progress, optional
        Called with the fraction done; raise :class:`~surveys.progress.Cancelled` in it to
        stop.

    Returns
    -------
    list of ConflictResult
        One per text, in order.
    """
    markers = default_markers()
    return map_distinct(
        lambda text: analyse_conflict(text, markers),
        list(texts),
        progress,
        "Finding conflict language",
    )


#: The version stored with each analysed comment; it changes with the marker file.
CONFLICT_VERSION: str = f"conflict-{default_markers().version}"
