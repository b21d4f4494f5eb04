"""Who a comment export's comments count as: each comment is one person of its group.

A group is a wave, the writer's department and the department commented on; the
comment browser and the analysis count its comments as its people
(:mod:`analysis.comments_query`). So one real person must never bring two comments to a
group, which happens in three ways:

- the workspace holds the group's comments from another file (another question about the
  same department, or the survey's responses export), and this file adds to them: refused
  unless the file holds every comment the workspace has for the group (the same question
  exported again, with late comments): :class:`KnownComments`;
- the wave holds answers given to a pulse (the respondent's app, the kiosk): a file adds
  no comment to it. Refused for the whole wave, never per group: a refusal for one pair
  and not another would tell HR which hidden groups commented (docs/qa.md, "Ninth hostile
  round");
- a comment the workspace holds already from a file comes again (the same text): not
  added, whatever its spaces and line ends (:func:`comment_digest`). A pulse's comment is
  never recognised: a file made up to guess a hidden group's words must learn nothing.

Messages give a group's number of comments only when the screens show it
(:func:`comments_held`).
- one person (the same e-mail, name, respondent id or response id) on two rows about one
  department in one wave: refused at the second row (:class:`People`).

Identities are compared as digests in memory only, and never stored or printed.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from surveys.importing.layouts import Column
from surveys.importing.table import CellProblem
from surveys.publish_checks import DEFAULT_MIN_GROUP, MIN_GROUP_FLOOR
from surveys.workspace_reads import get_setting

#: Reasons of :func:`surveys.importing.identity.identity_in_name` that name one person.
PERSON_KINDS = ("e-mail", "name", "respondent or collector id", "personal id")


def comment_digest(text: str) -> bytes:
    """A comment's text as compared with the workspace's: Unicode NFC, every run of
    spaces and line breaks as one space, case ignored (an export's CRLF, another's LF)."""
    plain = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.blake2b(plain.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class _Group:
    """One group's comments in the workspace (digest -> comments), and what the file did:
    which of them its rows were (one row each: two people may write the same words)."""

    stored: dict[bytes, int] = field(default_factory=dict)
    matched: dict[bytes, int] = field(default_factory=dict)
    answered: int = 0  # comments given in answers to a pulse, never an imported file's
    first_new: int = 0  # the line of the file's first comment new to the group


class KnownComments:
    """The workspace's comments, read once per wave as digests (a query per row took
    13.2 s, this 0.72 s, to import 20,000 known rows again: bench/comment_export_bench.py).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._waves: dict[str, dict[tuple[str, str], _Group]] = {}
        self._pulse: set[str] = set()  # the waves holding answers given to a pulse

    def _groups(self, wave: str) -> dict[tuple[str, str], _Group]:
        groups = self._waves.get(wave)
        if groups is None:
            groups = self._waves[wave] = {}
            rows = self.conn.execute(
                "SELECT f.name, t.name, c.text, s.source IN (?, ?, ?) FROM comments c "
                "JOIN waves w ON w.id = c.wave_id JOIN submissions s ON s.id = c.submission_id "
                "JOIN departments f ON f.id = c.from_id JOIN departments t ON t.id = c.to_id "
                "WHERE w.name = ?",
                [*IMPORTED_SOURCES, wave],
            )
            pulse = self.conn.execute(
                "SELECT 1 FROM submissions s JOIN waves w ON w.id = s.wave_id "
                "WHERE w.name = ? AND COALESCE(s.source, '') NOT IN (?, ?, ?) LIMIT 1",
                [wave, *IMPORTED_SOURCES],
            )
            if pulse.fetchone() is not None:
                self._pulse.add(wave)
            for source, target, text, imported in rows:
                group = groups.setdefault((source, target), _Group())
                if not imported:  # a pulse's answer: no file brought it, none can again
                    group.answered += 1
                    continue
                digest = comment_digest(text)
                group.stored[digest] = group.stored.get(digest, 0) + 1
        return groups

    def known(self, line: int, wave: str, department: str, target: str, text: str) -> bool:
        """Whether the workspace holds this comment (the same text in the same group), and
        not as often as the file's rows before this one did."""
        group = self._groups(wave).setdefault((department, target), _Group())
        digest = comment_digest(text)
        if group.matched.get(digest, 0) < group.stored.get(digest, 0):
            group.matched[digest] = group.matched.get(digest, 0) + 1
            return True
        group.first_new = group.first_new or line
        return False

    def mixed_groups(self, where: str) -> list[CellProblem]:
        """A problem for each group the file adds to while the workspace holds comments of
        it that the file does not: they came from another question or file."""
        problems = []
        for wave, groups in self._waves.items():
            firsts = [group.first_new for group in groups.values() if group.first_new]
            if firsts and wave in self._pulse:
                problems.append(_pulse_wave(min(firsts), where, wave))
                continue
            for (source, target), group in groups.items():
                missing = any(group.matched.get(d, 0) < n for d, n in group.stored.items())
                if group.first_new and missing:
                    held = comments_held(self.conn, sum(group.stored.values()) + group.answered)
                    problems.append(_mixed(group.first_new, where, (wave, source, target), held))
        return sorted(problems, key=lambda problem: problem.line)


def comments_held(conn: sqlite3.Connection, held: int) -> str:
    """``held`` comments of one group, in words that show no group smaller than the
    workspace's thresholds: "12 comments", or "fewer than 5 comments" (every screen hides
    such a group's comments and their number; an import's message must not show them)."""
    least = _comment_threshold(conn)
    if held < least:
        return f"fewer than {least} comments"
    return f"{held:,} comments"


def _comment_threshold(conn: sqlite3.Connection) -> int:
    """The least number of comments whose figures the analysis shows: the settings
    ``min_group`` and ``min_comment_group`` (defaulting to ``min_group``), never below
    :data:`MIN_GROUP_FLOOR`, as :func:`analysis.privacy.make_thresholds` reads them."""
    k = _whole(get_setting(conn, "min_group"), DEFAULT_MIN_GROUP)
    k = max(MIN_GROUP_FLOOR, k)
    return max(k, MIN_GROUP_FLOOR, _whole(get_setting(conn, "min_comment_group"), k))


def _whole(raw: object, default: int) -> int:
    if raw is None or isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return default
    try:
        return int(str(raw).strip())
    except ValueError:
        return default


def _pulse_wave(line: int, where: str, wave: str) -> CellProblem:
    return CellProblem(
        line,
        where,
        f"wave {wave} holds answers given to a pulse (through the respondent's app or the "
        "kiosk), and a file's comments are not added to them: a person who answered both "
        "would be counted twice, and a group smaller than the anonymity threshold could be "
        "shown. Give this file a wave of its own with --wave (for example "
        f"--wave {wave}-import)",
    )


def _mixed(line: int, where: str, group: tuple[str, str, str], held: str) -> CellProblem:
    wave, source, target = group
    return CellProblem(
        line,
        where,
        f"the workspace already holds {held} from {source} about {target} in wave {wave} "
        "(imported from another file), and this file "
        "does not hold them all: its comments answer another question (or come from another "
        "export). Each comment counts as one person, so a person who answered both would be "
        "counted twice and a group smaller than the anonymity threshold could be shown. "
        "Import the comments of one question per pair of departments and wave (filter the "
        "export by question), or give this file a wave of its own with --wave",
    )


class People:
    """One person's comments about one department in one wave: the first one only.

    ``column`` identifies a person (an e-mail, name, respondent or response id column);
    its values are kept as digests, in memory, for one import.
    """

    def __init__(self, column: Column | None) -> None:
        self.column = column
        self._first: dict[tuple[bytes, str, str], int] = {}

    def again(self, line: int, cells: list[str], wave: str, target: str) -> CellProblem | None:
        """A problem when the row's writer commented about ``target`` in ``wave`` before."""
        index = self.column.index if self.column is not None else len(cells)
        person = cells[index].strip().casefold() if index < len(cells) else ""
        if not person:
            return None
        digest = hashlib.blake2b(person.encode("utf-8", "surrogatepass"), digest_size=16)
        first = self._first.setdefault((digest.digest(), wave, target), line)
        if first == line:
            return None
        return CellProblem(
            line,
            self.column.where(),
            f"the same person as on line {first} commented about {target} in wave {wave} "
            "again. Each comment counts as one person, so they would be counted twice and a "
            "group smaller than the anonymity threshold could be shown. Keep one of the two "
            "rows (or split the file by date and import each part with its own --wave), "
            "then import again",
        )


#: ``submissions.source`` of a comment export's comments (one submission per comment).
COMMENT_EXPORT_SOURCE = "comments"
#: ``submissions.source`` of comments that came from a file (a comment or responses
#: export, a Rapport CSV): the only ones a file's comment can be again.
IMPORTED_SOURCES = (COMMENT_EXPORT_SOURCE, "import", "csv")


def settle_with_comment_exports(conn: sqlite3.Connection) -> tuple[int, list[CellProblem]]:
    """A responses file imported after a comment export of the same survey: its staged
    comments that a comment export brought already (same group, same text) are not added
    again; and where the file adds others to a group while the comment export's comments
    are not all among its own, a problem (another question: people would count twice).

    Runs on an import's staging tables (``temp.rapport_csv_comments``), before they are
    written. Returns the number of staged comments dropped, and the problems.
    """
    waves = {
        wave
        for (wave,) in conn.execute(
            "SELECT DISTINCT wave_id FROM submissions WHERE source = ?", (COMMENT_EXPORT_SOURCE,)
        )
    }
    groups = (
        []
        if not waves
        else conn.execute(
            "SELECT DISTINCT wave_id, from_id, to_id FROM temp.rapport_csv_comments"
        ).fetchall()
    )
    dropped, problems = 0, []
    for group in (g for g in groups if g[0] in waves):
        exported = _exported(conn, group)
        held = sum(exported.values())
        first_new = 0
        staged = conn.execute(
            "SELECT rowid, text, line FROM temp.rapport_csv_comments "
            "WHERE wave_id = ? AND from_id = ? AND to_id = ? ORDER BY line",
            group,
        ).fetchall()
        for rowid, text, line in staged:
            digest = comment_digest(text)
            if exported.get(digest, 0):
                exported[digest] -= 1
                conn.execute("DELETE FROM temp.rapport_csv_comments WHERE rowid = ?", (rowid,))
                dropped += 1
            else:
                first_new = first_new or line
        if first_new and any(exported.values()):
            problems.append(_after_export(conn, first_new, group, held))
    return dropped, problems


def _exported(conn: sqlite3.Connection, group: tuple) -> dict[bytes, int]:
    """A group's comments that comment exports brought, as digests (digest -> count)."""
    exported: dict[bytes, int] = {}
    for (text,) in conn.execute(
        "SELECT c.text FROM comments c JOIN submissions b ON b.id = c.submission_id "
        "WHERE b.source = ? AND c.wave_id = ? AND c.from_id = ? AND c.to_id = ?",
        (COMMENT_EXPORT_SOURCE, *group),
    ):
        digest = comment_digest(text)
        exported[digest] = exported.get(digest, 0) + 1
    return exported


def _after_export(conn: sqlite3.Connection, line: int, group: tuple, held: int) -> CellProblem:
    wave, source, target = conn.execute(
        "SELECT w.name, f.name, t.name FROM waves w, departments f, departments t "
        "WHERE w.id = ? AND f.id = ? AND t.id = ?",
        group,
    ).fetchone()
    return CellProblem(
        line,
        "comment",
        f"the workspace holds {comments_held(conn, held)} from {source} about "
        f"{target} in wave {wave} from a comment export, and this file's comments for them "
        "are other words (another question). Each comment counts as one person, so the "
        "same people would be counted twice and a group smaller than the anonymity "
        "threshold could be shown. Leave this file's comments out (drop the comment column in "
        "the mapping, or delete the comment rows of a Rapport CSV): its ratings are "
        "imported, and the comments are in already",
    )
