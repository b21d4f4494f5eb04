"""The privacy gate: the anonymity rules every output of Rapport goes through.

This module is the only place that redacts a comment and the only place that answers
"may this be shown?". Everything else calls it (see ``docs/analysis.md``, "Anonymity").

- Minimum group sizes: ``min_group`` (k) for any score cell and ``min_comment_group`` for
  anything drawn from comments. Both come from the workspace settings, default 5, and are
  never below :data:`FLOOR` (a lower setting is raised to it and the result says so).
  The questions are asked by name: :func:`may_show_scores`, :func:`may_show_comments`,
  :func:`may_show_pair_comments`, :func:`may_show_theme_counts`,
  :func:`may_show_topic_terms` and :func:`may_show_trend_point`. Each dimension of a pair
  is a cell of its own (:func:`analysis.relationships.shown_cells`).
- Waves: figures only once a wave is closed (:func:`may_show_wave`,
  :func:`shown_waves_sql`); an open wave shows participation only.
- Redaction of e-mail addresses, phone numbers, links, names from HR's list (setting
  ``redaction_names``) and, for people missing from it, common given names and family
  names after a title (never the workspace's department names). It happens once, when a
  comment is analysed (:class:`Redactor`, used by the comment cache), and is stored in
  ``comments.redacted``;
  every screen and file reads that column. Exports check quotes with :func:`is_redacted`
  (a second line of defence that verifies) and never redact again.
- A differencing guard for filters: a filter inside an allowed group may neither select
  fewer than k people nor leave fewer than k outside it (subtracting the two would reveal
  them).
- Quotes are shuffled, dates are shown to the day.

This module takes plain data and never touches the database; the settings are read and
stored by :mod:`analysis.privacy_settings`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from surveys.errors import RapportError
from surveys.name_index import NameIndex, name_index
from surveys.personal_data import find_personal_data

#: The smallest group size Rapport ever shows, whatever the settings say.
FLOOR = 3
#: The default minimum group size.
DEFAULT_MIN_GROUP = 5
#: Version of the redaction rules; part of every stored redaction's stamp. 4: direction
#: overrides, embeddings and isolates are removed first. 5: common given names and family
#: names after a title are redacted without HR's list (:mod:`surveys.given_names`), except
#: in the workspace's department names. 6: characters no document may hold are removed.
REDACTION_VERSION = 6
#: Unicode's explicit direction controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI).
#: Written into a comment, U+202E shows "senoJ yrraB" as "Barry Jones": the name would be
#: seen on every screen and in every export, but no rule could find it.
DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
#: Characters no XML document may hold: C0 controls but the tab and line breaks, lone
#: surrogates, U+FFFE and U+FFFF. The deck and workbook writers refuse them, so one
#: comment holding U+FFFF (which the shared rules let through) stopped every deck and
#: workbook of its wave for good: a released wave's comments never change.
UNWRITABLE = dict.fromkeys(
    [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
)
_NOT_SHOWN = DIRECTION_CONTROLS | UNWRITABLE

EMAIL = "[email]"
PHONE = "[phone]"
LINK = "[link]"
NAME = "[name]"
_PLACEHOLDERS = {"email": EMAIL, "phone": PHONE, "link": LINK, "name": NAME}

#: At most this many rounds of the rules (a replacement can make a new match).
_PASSES = 4


class PrivacyError(RapportError):
    """An output was refused because it would reveal a group smaller than allowed."""


@dataclass(frozen=True)
class Thresholds:
    """The minimum group sizes in force (the *rules*), with notes on any adjustment made."""

    min_group: int = DEFAULT_MIN_GROUP
    min_comment_group: int = DEFAULT_MIN_GROUP
    notes: tuple[str, ...] = ()


def may_show_scores(n, rules: Thresholds):
    """Whether a score cell (a pair's means, index, band, drivers) of ``n`` people may be shown.

    Parameters
    ----------
    n : int or numpy.ndarray
        People in the group (an array gives one answer per element).
    rules : Thresholds
        The thresholds in force.

    Returns
    -------
    bool or numpy.ndarray
        ``n >= min_group``.
    """
    return n >= rules.min_group


def may_show_comments(n: int, comments: int, rules: Thresholds) -> bool:
    """Whether a group's comments, or figures drawn from them, may be shown.

    Comment figures are the comment count, sentiment, negative share, conflict rate, the
    pair's themes and its quotes. They need both thresholds: the group's scores may be
    shown, and at least ``min_comment_group`` people (one comment each) commented.

    Parameters
    ----------
    n : int
        People who answered in the group.
    comments : int
        Comments in the group (one per person).
    rules : Thresholds
        The thresholds in force.
    """
    return bool(may_show_scores(n, rules)) and comments >= rules.min_comment_group


def may_show_pair_comments(pair, rules: Thresholds) -> bool:
    """:func:`may_show_comments` for a shown pair (an ``analysis.results.PairResult``).

    ``None`` (no such pair) and a suppressed pair never show comments.
    """
    return (
        pair is not None
        and not pair.suppressed
        and may_show_comments(pair.n, pair.comment_count, rules)
    )


def may_show_theme_counts(comments: int, rules: Thresholds) -> bool:
    """Whether theme counts (and shares) over ``comments`` comments may be shown.

    Used for a wave's theme summaries (``comments`` is every comment of the wave) and for a
    theme's size in one pair (``comments`` is that pair's comments on the theme).
    """
    return comments >= rules.min_comment_group


def may_show_topic_terms(comments: int, rules: Thresholds) -> bool:
    """Whether the terms of a discovered topic drawn from ``comments`` comments may be shown.

    A topic's label is made of its terms, so this also decides whether a topic is named.
    """
    return comments >= rules.min_comment_group


def may_show_trend_point(n: int, rules: Thresholds) -> bool:
    """Whether a trend point (a pair's index in one wave) of ``n`` people may be shown."""
    return bool(may_show_scores(n, rules))


def may_show_wave(status: str) -> bool:
    """Whether a wave's figures may be shown: only once it is closed, which releases them.

    While a wave is open only participation is shown. Otherwise the same wave analysed at 6
    and then 7 respondents would give the seventh person's answers (7·m7 − 6·m6). Closing
    releases the figures, and from then on the wave takes no new or changed answers
    (:mod:`surveys.waves`), so nothing shown can change.

    Parameters
    ----------
    status : str
        The wave's status: ``draft``, ``open`` or ``closed``.
    """
    return status == "closed"


def shown_waves_sql(column: str) -> str:
    """An SQL condition: the wave id in ``column`` is a wave whose figures may be shown.

    For queries that read comments or answers of several waves at once (the comments
    explorer, topic discovery); :func:`may_show_wave` decides the same for one wave.
    """
    return f"{column} IN (SELECT id FROM waves WHERE status = 'closed')"


def result_thresholds(result) -> Thresholds:
    """The thresholds an analysis result was made with (clamped to :data:`FLOOR` again).

    Parameters
    ----------
    result : analysis.results.AnalysisResult
        Carries ``min_group`` and ``min_comment_group``.
    """
    return make_thresholds(result.min_group, result.min_comment_group)


def make_thresholds(min_group: object = None, min_comment_group: object = None) -> Thresholds:
    """Validate raw threshold values (from settings) and clamp them to :data:`FLOOR`.

    Parameters
    ----------
    min_group, min_comment_group : object
        Raw values; ``None`` means the default (``min_comment_group`` defaults to
        ``min_group``). Values that are not whole numbers fall back to the default.

    Returns
    -------
    Thresholds
        With ``notes`` describing every value that was corrected.
    """
    notes: list[str] = []
    k = _clamp("min_group", min_group, DEFAULT_MIN_GROUP, notes)
    kc = _clamp("min_comment_group", min_comment_group, k, notes)
    return Thresholds(k, kc, tuple(notes))


def _clamp(name: str, raw: object, default: int, notes: list[str]) -> int:
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        notes.append(f"Setting {name}={raw!r} is not a whole number; using {default}.")
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        notes.append(f"Setting {name}={raw!r} is not a whole number; using {default}.")
        return default
    if value < FLOOR:
        notes.append(
            f"Setting {name}={value} is below the minimum of {FLOOR}; using {FLOOR} "
            "(Rapport never shows smaller groups)."
        )
        return FLOOR
    return value


def names_fingerprint(names: Iterable[str]) -> str:
    """A short digest of a name list, so cached redactions know when the list changed."""
    joined = "\n".join(sorted({n.strip().lower() for n in names if n.strip()}))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:10]


def redaction_stamp(names: Iterable[str], departments: Iterable[str] = ()) -> str:
    """What a stored redaction was made with: the rules' version, the name list's digest
    and, when there are departments, their names' digest.

    The comment cache ends each comment's ``analysed_with`` with it, so a comment redacted
    with other rules, another name list or other department names is redacted again by the
    next analysis, and screens can skip it until then (:func:`redacted_with_sql`).
    """
    stamp = f"redaction-{REDACTION_VERSION}-names-{names_fingerprint(names)}"
    departments = tuple(departments)
    return f"{stamp}-departments-{names_fingerprint(departments)}" if departments else stamp


def redacted_with_sql(
    column: str, names: Iterable[str], departments: Iterable[str] = ()
) -> tuple[str, str]:
    """An SQL condition (and its parameter): ``column`` ends with the current stamp.

    Screens read only comments whose stored redaction was made with today's rules and
    name list, so a name added to the list never shows before the analysis has run.

    Parameters
    ----------
    column : str
        The ``analysed_with`` column as the query names it, e.g. ``"c.analysed_with"``.
    names : iterable of str
        HR's current name list (:func:`analysis.privacy_settings.redaction_names`).
    departments : iterable of str
        The workspace's department names
        (:func:`analysis.privacy_settings.redaction_departments`).
    """
    return f"{column} LIKE ?", "%+" + redaction_stamp(names, departments)


def redact(
    text: str, names: Sequence[str] | NameIndex = (), departments: Sequence[str] = ()
) -> str:
    """Replace e-mail addresses, phone numbers, links and names in ``text``.

    Parameters
    ----------
    text : str
        A comment as written.
    names : sequence of str or NameIndex
        People's names from HR's list (:func:`analysis.privacy_settings.redaction_names`),
        or their :func:`surveys.name_index.name_index`.
    departments : sequence of str
        The workspace's department names: never taken for a person's name by the built-in
        given names (``Grace Ward``); names from HR's list are redacted in them too.

    Returns
    -------
    str
        The text with ``[email]``, ``[phone]``, ``[link]`` and ``[name]`` in place of what
        :func:`surveys.personal_data.find_personal_data` finds; everything else is kept as
        written.

    Notes
    -----
    Call it only where a comment is analysed (:class:`Redactor`); everything shown or
    exported reads the stored result. What is found, and the trade-offs made (short names,
    names that are ordinary words, given names missing from HR's list, invoice numbers),
    is described in ``docs/privacy.md``.
    Matching ignores case, accents and Unicode forms; the span as written is replaced.
    Direction controls (:data:`DIRECTION_CONTROLS`) are removed first: with them a name
    typed backwards would show as the name; so are characters no deck or workbook may hold
    (:data:`UNWRITABLE`). The rules are applied until nothing changes, so a stored
    redaction passes :func:`is_redacted`.
    """
    if not text:
        return text
    listed = names if isinstance(names, NameIndex) else name_index(tuple(names))
    # Shown without direction controls, a comment reads in the order it was typed, so what
    # HR sees is what the rules below searched; without unwritable characters, every file
    # can hold it.
    plain = text.isascii() and text.isprintable()
    out = text if plain else text.translate(_NOT_SHOWN)
    for _ in range(_PASSES):  # a replacement can expose more (e.g. a name before a number)
        found = find_personal_data(out, listed, _PLACEHOLDERS.values(), departments)
        if not found:
            break
        for item in reversed(found):
            out = out[: item.start] + _PLACEHOLDERS[item.kind] + out[item.end :]
    return out


def is_redacted(
    text: str | None, names: Sequence[str] = (), departments: Sequence[str] = ()
) -> bool:
    """Whether ``text`` holds nothing :func:`redact` would remove (the exports' check).

    A verification, not a redaction: writers drop a quote that fails it rather than
    change it. ``None`` and empty text pass.
    """
    return not text or redact(text, names, departments) == text


@dataclass(frozen=True)
class FilterDecision:
    """The differencing guard's answer for one filter."""

    allowed: bool
    message: str = ""


def check_filter(
    group_size: int, selected: int, k: int, *, what: str = "This filter"
) -> FilterDecision:
    """Decide whether a filter inside an allowed group may be shown.

    A filter (for example comments of one pair in one wave with negative sentiment) is
    refused when it selects fewer than ``k`` people, or when the people it leaves out
    number fewer than ``k``: showing both the group and the filtered part would let
    anyone subtract one from the other.

    Parameters
    ----------
    group_size : int
        People in the group the filter applies to (already shown, so at least ``k``).
    selected : int
        People the filter keeps.
    k : int
        The minimum group size in force.
    what : str
        How to name the filter in the message.

    Returns
    -------
    FilterDecision
    """
    if group_size < k:
        return FilterDecision(False, f"{what} is hidden: the group has fewer than {k} people.")
    if selected == group_size or selected == 0:
        return FilterDecision(True)
    if selected < k:
        return FilterDecision(
            False, f"{what} is hidden: it would show fewer than {k} people. Widen the filter."
        )
    if group_size - selected < k:
        return FilterDecision(
            False,
            f"{what} is hidden: it leaves out fewer than {k} people, who could be found by "
            "comparing it with the unfiltered view. Widen or remove the filter.",
        )
    return FilterDecision(True)


def guard_filter(group_size: int, selected: int, k: int, *, what: str = "This filter") -> None:
    """Like :func:`check_filter` but raise :class:`PrivacyError` when refused."""
    decision = check_filter(group_size, selected, k, what=what)
    if not decision.allowed:
        raise PrivacyError(decision.message)


def shuffled_quotes(texts: Iterable[str], seed: int | str, limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct quotes in a shuffled (seeded) order.

    ``texts`` are stored redactions (``comments.redacted``), one per submission; they are
    not redacted again. The order never follows submission order, so a quote cannot be
    matched to a person by when they answered.

    Quotes are drawn per submission, *then* repeats among the drawn ones are shown once.
    Merging identical texts before drawing would make every different text certain to be
    shown: four identical comments (forged, or copied) and one person's own would always
    show that person's, and show it as the odd one out. Drawn this way, each submission's
    comment has the same chance, however many others repeat one text.
    """
    pool = [t.strip() for t in texts if t and t.strip()]
    rng = random.Random(str(seed))
    rng.shuffle(pool)
    return list(dict.fromkeys(pool[:limit]))


def day_only(value: object) -> str | None:
    """A date or time as ``YYYY-MM-DD``: exports never carry times finer than the day."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if match:
        return match.group(1)
    raise ValueError(f"{text!r} is not a date (expected YYYY-MM-DD)")


@dataclass
class Redactor:
    """:func:`redact` for one name list and the workspace's departments: what the comment
    cache redacts with, once per comment."""

    names: Sequence[str] = field(default_factory=tuple)
    departments: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self._index = name_index(tuple(self.names))  # built once for every comment
        self._departments = tuple(self.departments)

    def __call__(self, text: str) -> str:
        return redact(text, self._index, self._departments)
