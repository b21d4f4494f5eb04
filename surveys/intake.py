"""Checking and storing submissions in the workspace (ingest and single-machine mode).

Public API:

- :func:`store_submission` ``(db, submission) -> str``: validate one submission and store
  it in its own transaction. Single-machine mode (the wizard writing straight into a local
  workspace) calls this; ingest uses the same :class:`Intake` in batches.
- :class:`Intake`: holds the workspace's departments and waves for fast repeated checks;
  :meth:`Intake.check` and :meth:`Intake.store` (call inside a transaction).
- :class:`SubmissionError` (defined in :mod:`surveys.errors`): why a submission was refused.

Every submission first meets the value rules shared with the CSV import
(:func:`surveys.submission_schema.check_values`), then the workspace's rules: a known wave
and departments, no self-rating, only the wave's target departments, no repeated answer.

Outcomes of storing: ``"stored"`` (new), ``"replaced"`` (a newer answer with the same
participation token replaced the older one), ``"duplicate"`` (this submission id was already
taken, or already replaced: storing is idempotent), ``"superseded"`` (an answer from the same
person that is older than the one already stored; it is remembered and not used), ``"late"``
(the wave was closed and its figures released before this answer arrived: it is remembered
in ``late_submissions`` and not used, and neither is a changed answer, so no figure that was
shown can change; see :mod:`surveys.waves`).

From the shared folder (``source="share"``), a wave published with ticket keys takes only
submissions with a valid participation ticket, and the ticket is the token
(:mod:`surveys.ticket_check`): one submission per ticket. So does a kiosk's inbox
(``"kiosk"``) for a wave HR did not publish to that kiosk: the inbox is a drop box
(``1733``) that other accounts may write to as well, and a ticketed team wave must not take
answers through it. Single-machine answers (``"app"``) go into HR's own database.

Which of two answers with the same token is newer never depends on file times or on the
order they arrive in: the higher answer ``counter`` (kept on the respondent's machine), then
the later day, then the larger submission id (an arbitrary but fixed choice for files that
carry no counter). So the same files give the same result in any order.

Error messages never quote the submission's content (departments, values, comments): they
may end up in ``SHARE/quarantine/``, which colleagues can read.

Stored rows keep no arrival order. A table's ``rowid`` (and ``comments.id``, which is its
rowid) would otherwise grow with every row inserted, so whoever holds the workspace file
could list the answers in the order they arrived, run after run, and join that order to
what they know of who answered when. So each submission gets a random ``rowid`` and each
comment a random ``id`` (:func:`random_key`; the submission ids are random already, and
``answers`` is keyed by them). Rows are then kept, and read, in an order unrelated to
arrival. Comment ids stay below :data:`COMMENT_KEYS` (ten digits), so a comment number
survives a spreadsheet round trip of ``rapport labels``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

from sqlite_utils import Database

from surveys.errors import SubmissionError
from surveys.receipts import store_receipt
from surveys.submission import Answer, Comment, Submission
from surveys.submission_schema import check_values
from surveys.validation import MAX_COMMENT
from surveys.waves import wave_targets

__all__ = ["MAX_COMMENT", "Intake", "SubmissionError", "random_key", "store_submission"]

#: Where a ticketed wave's answers must carry a valid ticket: the shared folder, and a
#: kiosk's inbox for the waves HR did not publish to that kiosk (:attr:`Intake.kiosk_waves`):
#: the inbox is a drop box any account that reaches it may write to. Not ``"app"``:
#: single-machine answers are written into HR's database.
TICKETED_SOURCES = ("share", "kiosk")

#: Random submission rowids are drawn below this (exact as a float, in JSON and JavaScript).
SUBMISSION_KEYS = 2**53
#: Random comment ids are drawn below this: at most ten digits, which spreadsheets keep.
COMMENT_KEYS = 10**10
_FREE = {
    "submissions": "SELECT 1 FROM submissions WHERE rowid = ?",
    "comments": "SELECT 1 FROM comments WHERE id = ?",
}


def random_key(conn, table: str, below: int) -> int:  # noqa: ANN001 - sqlite3.Connection
    """A random ``rowid`` for a new row of ``table`` (``submissions`` or ``comments``), unused.

    Parameters
    ----------
    conn : sqlite3.Connection
        Inside the transaction that inserts the row.
    table : str
        ``"submissions"`` or ``"comments"``.
    below : int
        The key is drawn from 1 to ``below - 1``.
    """
    while True:
        key = 1 + secrets.randbelow(below - 1)
        if conn.execute(_FREE[table], [key]).fetchone() is None:
            return key


_SEEN = (
    "SELECT EXISTS(SELECT 1 FROM submissions WHERE id = ?) "
    "OR EXISTS(SELECT 1 FROM superseded_submissions WHERE id = ?) "
    "OR EXISTS(SELECT 1 FROM late_submissions WHERE id = ?)"
)


@dataclass(frozen=True)
class _WaveInfo:
    id: int
    targets: frozenset[str] | None
    released: bool = False


class Intake:
    """Validates and stores submissions for one workspace.

    Parameters
    ----------
    db : Database
        The open workspace; departments and waves are read once, here.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tickets = None
        #: The waves HR published to the kiosk whose inbox is being taken: they take its
        #: answers without tickets (a kiosk asks for none). Set by ingest.
        self.kiosk_waves: frozenset[str] = frozenset()
        #: Fingerprints of stored answers per (wave id, department id), read once per
        #: ingest run (:func:`surveys.anomalies.repeats_of_stored`).
        self.stored_prints: dict[tuple[int, int], dict[tuple, set]] = {}
        #: The set mark of answers held beyond a headcount, per (wave id, department id), in
        #: this run (:func:`surveys.anomalies.headcount_reason`).
        self.held_marks: dict[tuple[int, int], str] = {}
        rows = db.execute("SELECT id, name, headcount FROM departments").fetchall()
        self.departments = {name.lower(): dept_id for dept_id, name, _ in rows}
        self.headcounts = {dept_id: count for dept_id, _, count in rows if count is not None}
        self.waves: dict[str, _WaveInfo] = {}
        rows = db.execute("SELECT id, name, released IS NOT NULL FROM waves").fetchall()
        for wave_id, name, released in rows:
            targets = wave_targets(db, wave_id)
            lowered = None if targets is None else frozenset(t.lower() for t in targets)
            self.waves[name] = _WaveInfo(wave_id, lowered, bool(released))

    def check(self, sub: Submission, *, values_checked: bool = False) -> tuple[int, int]:
        """Validate ``sub``; return ``(wave_id, department_id)``.

        Parameters
        ----------
        sub : Submission
            The answers.
        values_checked : bool
            ``True`` when :func:`~surveys.submission_schema.check_values` already passed
            (ingest parses with it), so the value rules are not applied twice.

        Raises
        ------
        SubmissionError
            For a value that breaks the shared rules, an unknown wave or department, a
            self-rating, a department the wave does not ask about, or a repeated answer.
        """
        if not values_checked:
            check_values(sub)
        wave = self.waves.get(sub.wave)
        if wave is None:
            raise SubmissionError(
                "it is for a wave that this workspace does not know. Publish the wave from "
                "this workspace, then retry the file"
            )
        own = sub.department.lower()
        if own not in self.departments:
            raise SubmissionError(
                "department: the respondent's department is not in this workspace"
            )
        answers = sub.answers
        resolved = self._resolve_targets(sub, own, wave)
        pairs = {(resolved[a.target], a.item) for a in answers} if resolved else None
        if pairs is None or len(pairs) != len(answers):  # look closer: which answer is wrong
            seen: set[tuple[str, str]] = set()
            for number, answer in enumerate(answers, 1):
                problem = self._answer_problem(answer, own, wave, seen)
                if problem:
                    raise SubmissionError(f"answer {number}: {problem}")
        targets: set[str] = set()
        for number, comment in enumerate(sub.comments, 1):
            problem = self._comment_problem(comment, own, wave, targets)
            if problem:
                raise SubmissionError(f"comment {number}: {problem}")
        return wave.id, self.departments[own]

    def _resolve_targets(self, sub: Submission, own: str, wave: _WaveInfo) -> dict | None:
        """Each rated department's id (once per name, not per answer), or ``None`` if any
        name is not one this submission may rate."""
        resolved = {}
        for target in {answer.target for answer in sub.answers}:
            if self._target_problem(target, own, wave):
                return None
            resolved[target] = self.departments[target.lower()]
        return resolved

    def _target_problem(self, target: str, own: str, wave: _WaveInfo) -> str | None:
        lowered = target.lower()
        if lowered not in self.departments:
            return "the rated department is not in this workspace"
        if lowered == own:
            return "a department cannot rate itself"
        if wave.targets is not None and lowered not in wave.targets:
            return "this wave does not ask about that department"
        return None

    def _answer_problem(self, answer: Answer, own: str, wave: _WaveInfo, seen: set) -> str | None:
        problem = self._target_problem(answer.target, own, wave)
        if problem:
            return problem
        key = (answer.target.lower(), answer.item)
        if key in seen:
            return "an item is answered twice for one department"
        seen.add(key)
        return None

    def _comment_problem(
        self, comment: Comment, own: str, wave: _WaveInfo, targets: set
    ) -> str | None:
        problem = self._target_problem(comment.target, own, wave)
        if problem:
            return problem
        if comment.target.lower() in targets:
            return "two comments about the same department"
        targets.add(comment.target.lower())
        return None

    def checks_tickets(self, sub: Submission, source: str) -> bool:
        """Whether ``sub``, from ``source``, must carry a valid ticket if its wave takes
        tickets: from the shared folder, and from a kiosk's inbox for a wave HR did not
        publish to that kiosk (:data:`TICKETED_SOURCES`, :attr:`kiosk_waves`)."""
        if source not in TICKETED_SOURCES:
            return False
        return not (source == "kiosk" and sub.wave in self.kiosk_waves)

    def ticket_token(self, sub: Submission, wave_id: int, dept_id: int) -> str | None:
        """The token of ``sub``'s valid ticket (``None``: its wave takes no tickets).

        Raises
        ------
        SubmissionError
            ``no valid ticket: ...``.
        """
        if self._tickets is None:
            from surveys.ticket_check import TicketChecker  # loads cryptography

            self._tickets = TicketChecker(self.db)
        return self._tickets.token(sub, wave_id, dept_id)

    def store(
        self,
        sub: Submission,
        source: str = "share",
        *,
        values_checked: bool = False,
        check_headcount: bool = False,
    ) -> str:
        """Validate and store ``sub``; call inside a transaction. Returns the outcome.

        From ``source="share"``, and from ``"kiosk"`` for a wave not in
        :attr:`kiosk_waves`, a ticketed wave's submission needs a valid ticket, which
        becomes its token. With ``check_headcount`` (ingest), a new answer beyond its
        department's headcount is refused as held for review (:mod:`surveys.anomalies`).
        """
        wave_id, dept_id = self.check(sub, values_checked=values_checked)
        if self.checks_tickets(sub, source):
            token = self.ticket_token(sub, wave_id, dept_id)
            if token is not None:
                sub = replace(sub, token=token)
        ids = {name: self.departments[name.lower()] for name in {a.target for a in sub.answers}}
        db = self.db
        if db.execute(_SEEN, [sub.id, sub.id, sub.id]).fetchone()[0]:
            return "duplicate"
        if sub.receipt is not None:  # received, whatever happens next (no submission link)
            store_receipt(db, wave_id, sub.receipt)
        if self.waves[sub.wave].released:
            db.execute(
                "INSERT INTO late_submissions(id, wave_id, day) VALUES (?, ?, ?)",
                [sub.id, wave_id, sub.day],
            )
            return "late"
        outcome = "stored"
        if sub.token is not None:
            older = db.execute(
                "SELECT id, day, counter FROM submissions WHERE wave_id = ? AND token = ?",
                [wave_id, sub.token],
            ).fetchone()
            if older is not None:
                older_id, older_day, older_counter = older
                if _order(older_counter, older_day, older_id) > _order(
                    sub.counter, sub.day, sub.id
                ):
                    self._remember_superseded(sub.id, wave_id, sub.day)
                    return "superseded"
                db.execute("DELETE FROM submissions WHERE id = ?", [older_id])
                self._remember_superseded(older_id, wave_id, older_day)
                outcome = "replaced"
        if outcome == "stored" and check_headcount and dept_id in self.headcounts:
            self._check_headcount(wave_id, dept_id)
        self._insert(sub, wave_id, dept_id, source, ids)
        return outcome

    def _check_headcount(self, wave_id: int, dept_id: int) -> None:
        from surveys.anomalies import headcount_reason, new_set_mark

        (count,) = self.db.execute(
            "SELECT count(*) FROM submissions WHERE wave_id = ? AND department_id = ?",
            [wave_id, dept_id],
        ).fetchone()
        if count >= self.headcounts[dept_id]:
            mark = self.held_marks.setdefault((wave_id, dept_id), new_set_mark())
            raise SubmissionError(headcount_reason(self.headcounts[dept_id], mark))

    def _remember_superseded(self, sub_id: str, wave_id: int, day: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO superseded_submissions(id, wave_id, day) VALUES (?, ?, ?)",
            [sub_id, wave_id, day],
        )

    def _insert(self, sub: Submission, wave_id: int, dept_id: int, source: str, ids) -> None:
        conn = self.db.conn
        conn.execute(
            "INSERT INTO submissions(rowid, id, wave_id, department_id, day, token, source, "
            "counter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                random_key(conn, "submissions", SUBMISSION_KEYS),
                sub.id,
                wave_id,
                dept_id,
                sub.day,
                sub.token,
                source,
                sub.counter or None,
            ],
        )
        dept = self.departments
        conn.executemany(
            "INSERT INTO answers(submission_id, wave_id, from_id, to_id, item, value) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(sub.id, wave_id, dept_id, ids[a.target], a.item, a.value) for a in sub.answers],
        )
        for c in sub.comments:  # one at a time: each id is checked unused before the next
            conn.execute(
                "INSERT INTO comments(id, submission_id, wave_id, from_id, to_id, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    random_key(conn, "comments", COMMENT_KEYS),
                    sub.id,
                    wave_id,
                    dept_id,
                    dept[c.target.lower()],
                    c.text.strip(),
                ],
            )


def _order(counter: int | None, day: str | None, sub_id: str) -> tuple[int, str, str]:
    """How two answers with one token compare: counter, then day, then id (never file times)."""
    return (counter or 0, day or "", sub_id)


def store_submission(db: Database, submission: Submission, source: str = "app") -> str:
    """Validate ``submission`` and store it in the workspace in one transaction.

    Parameters
    ----------
    db : Database
        The open workspace.
    submission : Submission
        The answers; its wave must exist in the workspace.
    source : str
        Recorded in ``submissions.source`` (``"app"`` for single-machine mode).

    Returns
    -------
    str
        ``"stored"``, ``"replaced"``, ``"duplicate"``, ``"superseded"`` or ``"late"``.

    Raises
    ------
    SubmissionError
        If the submission does not fit the workspace; nothing is stored.
    """
    intake = Intake(db)
    with db.atomic():
        return intake.store(submission, source)
