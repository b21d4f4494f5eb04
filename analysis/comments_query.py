"""Comments as the HR window may show them: the explorer's queries and a pair's comments.

Every query here applies the anonymity rules of :mod:`analysis.privacy` before a row
leaves the database:

* Only the stored redaction (``comments.redacted``) is read, never the text as written.
  Comments that were never analysed, or were redacted with another name list than today's
  (:func:`analysis.privacy.redacted_with_sql`), are skipped until the next analysis.
* Only closed waves are listed (an open wave shows participation only).
* A group is one directed pair in one wave. Its comments are listed only when
  :func:`analysis.privacy.may_show_comments` allows it (``min_comment_group`` comments,
  each from another person, and ``min_group`` respondents).
* The wave and department filters choose whole groups. The filters that narrow them
  (sentiment, theme, conflict, search) go through the differencing guard
  (:func:`analysis.privacy.check_filter`) against the groups chosen: a filter that would
  keep fewer than k people, or leave fewer than k out, shows the guard's message instead
  of rows.

Functions take an open ``sqlite_utils.Database`` owned by the calling thread.

Public API: :class:`CommentFilter`, :class:`CommentRow`, :class:`CommentSelection`,
:func:`allowed_groups`, :func:`select_groups`, :func:`fetch_rows`, :func:`pair_comments`;
the filter boxes' choices are :mod:`analysis.comment_choices`, the search field's query
:mod:`analysis.comment_search`. The label a comment shows, and HR's corrections, are
:mod:`analysis.sentiment.comment_labels`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis.comment_search import fts_query
from analysis.privacy import (
    check_filter,
    may_show_comments,
    may_show_pair_comments,
    redacted_with_sql,
    result_thresholds,
    shown_waves_sql,
)
from analysis.privacy_settings import (
    redaction_departments,
    redaction_names,
    thresholds_from_settings,
)
from analysis.results import CONFLICT_AT
from analysis.sentiment.comment_labels import shown_label, shown_sentiment

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Sortable columns: key -> SQL expression.
SORT_KEYS = {
    "wave": "w.name",
    "from": "df.position",
    "to": "dt.position",
    "text": "c.redacted COLLATE NOCASE",
    "sentiment": shown_sentiment("c"),
    "confidence": "c.confidence",
    # "Review next": uncorrected comments first, the least certain label first.
    "review": "c.label_corrected IS NOT NULL, COALESCE(c.confidence, 2.0)",
    "label": shown_label("c"),
    "conflict": "c.conflict",
}
#: Ties are broken by a scrambled id, so the order never follows the order of answering.
_SCRAMBLE = "((c.id * 2654435761) % 4294967296)"


@dataclass(frozen=True)
class CommentFilter:
    """The explorer's filters; ``None`` (or empty search) means "any"."""

    wave: str | None = None
    from_dept: str | None = None
    to_dept: str | None = None
    sentiment: str | None = None
    theme: str | None = None  # a taxonomy theme id, or "topic:<id>" for a discovered topic
    conflict: bool | None = None
    search: str = ""

    def narrows_groups(self) -> bool:
        """Whether the filter keeps part of a group (and so needs the differencing guard)."""
        return bool(
            self.sentiment or self.theme or self.conflict is not None or self.search.strip()
        )


@dataclass(frozen=True)
class CommentRow:
    """One comment as the explorer shows it (redacted; no submission id, no time)."""

    id: int
    wave: str
    from_dept: str
    to_dept: str
    text: str
    sentiment: float | None
    label: str | None
    corrected: bool
    conflict: float | None
    themes: tuple[str, ...] = ()
    confidence: float | None = None


@dataclass
class CommentSelection:
    """Which groups a filter may show, how many rows that is, and why others are hidden."""

    groups: list[tuple[int, int, int]] = field(default_factory=list)
    total: int = 0
    hidden_groups: int = 0
    message: str = ""
    k: int = 5  # the comment threshold the selection was made with
    small_groups: int = 0  # groups of the scope whose comments the thresholds hide


def _ids(db: Database, table: str, column: str, value: str | None) -> int | None:
    row = db.execute(f"SELECT id FROM {table} WHERE {column} = ?", [value]).fetchone()
    return row[0] if row else -1


def _redacted_now(db: Database) -> tuple[str, str]:
    """The condition (on alias ``c``) that a comment's stored redaction is today's: made with
    the current rules, name list and department names; and its parameter."""
    return redacted_with_sql("c.analysed_with", redaction_names(db), redaction_departments(db))


def _where(db: Database, flt: CommentFilter) -> tuple[list[str], list]:
    """SQL conditions (on alias ``c``) and parameters of ``flt``."""
    current, stamp = _redacted_now(db)
    clauses, params = ["c.redacted IS NOT NULL", current], [stamp]
    if flt.wave:
        clauses.append("c.wave_id = ?")
        params.append(_ids(db, "waves", "name", flt.wave))
    if flt.from_dept:
        clauses.append("c.from_id = ?")
        params.append(_ids(db, "departments", "name", flt.from_dept))
    if flt.to_dept:
        clauses.append("c.to_id = ?")
        params.append(_ids(db, "departments", "name", flt.to_dept))
    if flt.sentiment:
        clauses.append(f"{shown_label('c')} = ?")
        params.append(flt.sentiment)
    if flt.theme and flt.theme.startswith("topic:"):
        clauses.append("c.id IN (SELECT comment_id FROM topic_assignments WHERE topic_id = ?)")
        params.append(int(flt.theme.split(":", 1)[1]))
    elif flt.theme:
        clauses.append(
            "c.themes IS NOT NULL AND json_valid(c.themes) AND "
            "EXISTS (SELECT 1 FROM json_each(c.themes) j WHERE j.value = ?)"
        )
        params.append(flt.theme)
    if flt.conflict is not None:
        clauses.append("c.conflict >= ?" if flt.conflict else "COALESCE(c.conflict, 0) < ?")
        params.append(CONFLICT_AT)
    query = fts_query(flt.search)
    if query:
        clauses.append("c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)")
        params.append(query)
    elif flt.search.strip():
        clauses.append("0")  # only punctuation typed: nothing can match
    return clauses, params


def _respondents(db: Database, wave_id: int, from_id: int, to_id: int) -> int:
    row = db.execute(
        "SELECT COUNT(DISTINCT submission_id) FROM answers "
        "WHERE wave_id = ? AND from_id = ? AND to_id = ?",
        [wave_id, from_id, to_id],
    ).fetchone()
    return int(row[0])


def allowed_groups(db: Database) -> dict[tuple[int, int, int], int]:
    """Groups whose comments may be listed, with their size in people (comments).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    dict
        ``(wave id, from id, to id)`` to the group's number of comments, for every group of
        a closed wave (:func:`analysis.privacy.shown_waves_sql`) that
        :func:`analysis.privacy.may_show_comments` allows.
    """
    rules = thresholds_from_settings(db)
    rows = db.execute(
        "SELECT wave_id, from_id, to_id, COUNT(*) FROM comments "
        f"WHERE {shown_waves_sql('wave_id')} GROUP BY wave_id, from_id, to_id"
    ).fetchall()
    allowed = {}
    for wave_id, from_id, to_id, count in rows:
        # Each comment is one respondent of the pair, so ``count`` people answered at least;
        # the answers are counted only where that is not enough.
        if may_show_comments(count, count, rules) or may_show_comments(
            _respondents(db, wave_id, from_id, to_id), count, rules
        ):
            allowed[(wave_id, from_id, to_id)] = int(count)
    return allowed


def _group_counts(db: Database, flt: CommentFilter) -> dict[tuple[int, int, int], int]:
    clauses, params = _where(db, flt)
    rows = db.execute(
        "SELECT c.wave_id, c.from_id, c.to_id, COUNT(*) FROM comments c "
        f"WHERE {' AND '.join(clauses)} GROUP BY c.wave_id, c.from_id, c.to_id",
        params,
    ).fetchall()
    return {(w, f, t): int(n) for w, f, t, n in rows}


def _hidden_groups(db: Database, flt: CommentFilter, allowed: dict) -> int:
    """How many groups of the filter's scope hide their comments.

    Counted from the scope alone (wave and departments), over every directed pair of
    departments in every closed wave with responses, rated or not: never from the filters
    that narrow it, nor from whether a hidden group commented at all. Counting the groups
    whose comments *match* a search or a sentiment made the hint an oracle on what a hidden
    group (or an open wave) wrote; counting only the groups with an answer told a pair
    nobody rated (no hint) from one of fewer than k (the hint).
    """
    clauses, params = [shown_waves_sql("wave_id")], []
    for column, table, value in (
        ("wave_id", "waves", flt.wave),
        ("from_id", "departments", flt.from_dept),
        ("to_id", "departments", flt.to_dept),
    ):
        if value:
            clauses.append(f"{column} = ?")
            params.append(_ids(db, table, "name", value))
    where = " AND ".join(clauses)
    rated = db.execute(
        f"SELECT wave_id, from_id, to_id FROM answers WHERE {where} "
        f"UNION SELECT wave_id, from_id, to_id FROM comments WHERE {where}",
        params * 2,
    ).fetchall()
    groups = {tuple(g) for g in rated} | _every_group(db, flt)
    return sum(1 for group in groups if group not in allowed)


def _every_group(db: Database, flt: CommentFilter) -> set[tuple[int, int, int]]:
    """Every directed pair of departments in the scope, in each closed wave with responses.

    A wave counts when anyone answered it, ratings or only comments (the waves the
    analysis lists, :func:`analysis.relationships.load_waves`): a wave of comments alone
    counted only its commented groups, so the hint still told nobody from one to k-1.
    """
    ids = [row[0] for row in db.execute("SELECT id FROM departments").fetchall()]
    sides = [
        [_ids(db, "departments", "name", name)] if name else ids
        for name in (flt.from_dept, flt.to_dept)
    ]
    clause, params = "status = 'closed'", []
    if flt.wave:
        clause += " AND id = ?"
        params.append(_ids(db, "waves", "name", flt.wave))
    answered = "EXISTS (SELECT 1 FROM submissions s WHERE s.wave_id = waves.id)"
    rows = db.execute(f"SELECT id FROM waves WHERE {clause} AND {answered}", params)
    waves = [row[0] for row in rows.fetchall()]
    return {(w, f, t) for w in waves for f in sides[0] for t in sides[1] if f != t}


def _people_kept_and_left(
    db: Database, flt: CommentFilter, allowed: dict, enough: int
) -> tuple[int, int]:
    """People of the scope's shown groups with a comment the filter keeps, and people with
    one it leaves out (a person may be both), each counted up to ``enough`` (k).

    People, not comments: a respondent comments on each department they rate, so in a
    scope of several pairs (a wave, or one department's pairs) a search matching the three
    comments each of two people kept six comments but two people. The guard needs to know
    only whether each side reaches k, so each query stops there: reading every comment of
    a wave of 200,000 took about a second on the GUI thread at each change of a filter.
    """
    scope = CommentFilter(wave=flt.wave, from_dept=flt.from_dept, to_dept=flt.to_dept)
    scope_clauses, scope_params = _where(db, scope)
    clauses, params = _where(db, flt)
    assert clauses[: len(scope_clauses)] == scope_clauses  # the scope's come first
    narrowing = " AND ".join(clauses[len(scope_clauses) :])
    counts = []
    for side in (f"({narrowing}) = 1", f"({narrowing}) IS NOT 1"):  # kept; left (0 or NULL)
        cursor = db.execute(
            "SELECT c.wave_id, c.from_id, c.to_id, c.submission_id FROM comments c "
            f"WHERE {' AND '.join(scope_clauses)} AND {side}",
            [*scope_params, *params[len(scope_params) :]],
        )
        counts.append(_people_up_to(cursor, allowed, enough))
    return counts[0], counts[1]


def _people_up_to(cursor, allowed: dict, enough: int) -> int:
    """Distinct submissions of allowed groups among ``cursor``'s rows, up to ``enough``."""
    people: set = set()
    try:
        for wave_id, from_id, to_id, submission in cursor:
            if (wave_id, from_id, to_id) in allowed:
                people.add(submission)
                if len(people) >= enough:
                    break
    finally:
        cursor.close()
    return len(people)


def select_groups(db: Database, flt: CommentFilter) -> CommentSelection:
    """Apply the thresholds and the differencing guard to ``flt``.

    The wave and department filters choose whole groups (the *scope*); the other filters
    narrow the scope and pass :func:`analysis.privacy.check_filter` against it: they may
    neither keep fewer than k people nor leave fewer than k out.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    flt : CommentFilter
        What HR chose.

    Returns
    -------
    CommentSelection
        The groups whose matching comments may be listed and their total, or no groups and
        a message saying why nothing can be shown; ``small_groups`` counts the groups of
        the scope whose comments the thresholds hide (:func:`_hidden_groups`: a count of
        groups, never of people or comments, and the same whatever the narrowing filters).
    """
    k = thresholds_from_settings(db).min_comment_group
    allowed = allowed_groups(db)
    counts = _group_counts(db, flt)
    matched = {g: n for g, n in counts.items() if g in allowed}
    selection = CommentSelection(k=k, small_groups=_hidden_groups(db, flt, allowed))
    if flt.narrows_groups() and matched:
        kept, left = _people_kept_and_left(db, flt, allowed, k)
        decision = check_filter(kept + left, kept, k, what="This filter")
        if not decision.allowed:
            selection.hidden_groups = len(matched)
            selection.message = decision.message
            return selection
    selection.groups = sorted(matched)
    selection.total = sum(matched.values())
    return selection


def fetch_rows(
    db: Database,
    flt: CommentFilter,
    selection: CommentSelection,
    offset: int,
    limit: int,
    sort: str = "wave",
    descending: bool = False,
) -> list[CommentRow]:
    """One page of the comments ``selection`` allows, sorted by ``sort``.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    flt : CommentFilter
        The filter ``selection`` was made for.
    selection : CommentSelection
        From :func:`select_groups`.
    offset, limit : int
        The page.
    sort : str
        A key of :data:`SORT_KEYS`; ties are broken by a scrambled id.
    descending : bool
        Sort direction.

    Returns
    -------
    list of CommentRow
        The stored redactions, as they are.
    """
    if not selection.groups:
        return []
    clauses, params = _where(db, flt)
    groups = ", ".join("(?, ?, ?)" for _ in selection.groups)
    clauses.append(f"(c.wave_id, c.from_id, c.to_id) IN (VALUES {groups})")
    params += [value for group in selection.groups for value in group]
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_KEYS.get(sort, SORT_KEYS['wave'])} {direction}"
    if sort == "wave":
        order += ", df.position, dt.position"
    rows = db.execute(
        f"SELECT c.id, w.name, df.name, dt.name, c.redacted, {shown_sentiment('c')}, "
        f"{shown_label('c')}, c.label_corrected IS NOT NULL, c.conflict, "
        "c.themes, c.confidence FROM comments c JOIN waves w ON w.id = c.wave_id "
        "JOIN departments df ON df.id = c.from_id JOIN departments dt ON dt.id = c.to_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY {order}, {_SCRAMBLE} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [_row(row) for row in rows]


def _row(row) -> CommentRow:
    cid, wave, src, dst, text, sentiment, label, corrected, conflict, themes, confidence = row
    try:
        theme_ids = tuple(json.loads(themes)) if themes else ()
    except ValueError:
        theme_ids = ()
    return CommentRow(
        cid,
        wave,
        src,
        dst,
        text,
        sentiment,
        label,
        bool(corrected),
        conflict,
        theme_ids,
        None if corrected else confidence,
    )


def pair_comments(db: Database, result, pair, limit: int = 50) -> list[CommentRow]:
    """Redacted comments of a pair in the result's wave, most negative first.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    result : analysis.results.AnalysisResult
        The analysis shown (its wave and thresholds).
    pair : analysis.results.PairResult or None
        The pair; nothing is read unless :func:`analysis.privacy.may_show_pair_comments`
        allows its comments.
    limit : int
        At most this many comments.

    Returns
    -------
    list of CommentRow
        The stored redactions with the label shown for each (HR's correction, if any), its
        score, conflict score and themes; comments redacted with another name list, and
        empty ones, are skipped.
    """
    if not may_show_pair_comments(pair, result_thresholds(result)):
        return []
    where, params = _pair_where(db, result, pair)
    rows = db.execute(
        f"SELECT c.id, w.name, df.name, dt.name, c.redacted, {shown_sentiment('c')}, "
        f"{shown_label('c')}, c.label_corrected IS NOT NULL, c.conflict, c.themes, "
        f"c.confidence {where} ORDER BY {shown_sentiment('c')}, c.redacted LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [_row(row) for row in rows]


def pair_comment_count(db: Database, result, pair) -> int:
    """How many comments :func:`pair_comments` would list without its limit.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    result : analysis.results.AnalysisResult
        The analysis shown (its wave and thresholds).
    pair : analysis.results.PairResult or None
        The pair; 0 unless :func:`analysis.privacy.may_show_pair_comments` allows its
        comments.

    Returns
    -------
    int
        The number of stored, current, non-empty redactions of the pair in the wave.
    """
    if not may_show_pair_comments(pair, result_thresholds(result)):
        return 0
    where, params = _pair_where(db, result, pair)
    return int(db.execute(f"SELECT COUNT(*) {where}", params).fetchone()[0])


def _pair_where(db: Database, result, pair) -> tuple[str, list]:
    """The FROM and WHERE of a pair's shown comments in the result's wave."""
    current, stamp = _redacted_now(db)
    where = (
        "FROM comments c JOIN waves w ON w.id = c.wave_id "
        "JOIN departments df ON df.id = c.from_id JOIN departments dt ON dt.id = c.to_id "
        "WHERE w.name = ? AND df.name = ? AND dt.name = ? AND c.redacted IS NOT NULL "
        f"AND c.redacted != '' AND {current}"
    )
    return where, [result.wave, pair.from_dept, pair.to_dept, stamp]
