"""Schema of a Rapport workspace, as sqlite-utils migrations.

A released migration is never edited: change the schema by adding a new function at the
end. ``tests/fixtures/`` keeps a database file for every released schema, and the tests
upgrade each one to the newest.
"""

from __future__ import annotations

from importlib import resources

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "rapport"
migrations = Migrations(MIGRATION_SET)
#: ``PRAGMA application_id`` of a workspace (the bytes "RPRT" in the SQLite header).
APPLICATION_ID = 0x52505254
#: The table that marks a workspace, with one row ``('format', WORKSPACE_FORMAT)``.
MARKER_TABLE = "rapport_workspace"
WORKSPACE_FORMAT = "rapport-workspace-1"


@migrations()
def m001_initial(db: Database) -> None:
    """The first schema: departments, surveys, waves, submissions, answers, comments...

    The statements are in ``surveys/data/schema_001.sql``.
    """
    _run_script(db, (resources.files("surveys") / "data" / "schema_001.sql").read_text("utf-8"))


@migrations()
def m002_transport_superseded(db: Database) -> None:
    """Remember submissions that a newer answer with the same token replaced.

    Ingest is idempotent by submission id; without this list, re-running it after a crash
    could let an older, already replaced file win again.
    """
    _run_script(
        db,
        """
        CREATE TABLE superseded_submissions (
            id TEXT PRIMARY KEY,
            wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
            day TEXT
        );
        """,
    )


@migrations()
def m003_comments_fts(db: Database) -> None:
    """Full-text search over the *redacted* text of comments (SQLite FTS5).

    ``comments_fts`` is an external-content index of ``comments.redacted``: it stores no
    copy of the text, and triggers keep it in step whenever a comment is added, removed or
    (re-)redacted. The unredacted ``text`` is never indexed, so a search can never find a
    name that redaction removed.
    """
    # Trigger bodies contain semicolons, so each statement is executed whole.
    for statement in _FTS_STATEMENTS:
        db.execute(statement)


_FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE comments_fts USING fts5("
    "redacted, content='comments', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments "
    "WHEN new.redacted IS NOT NULL BEGIN "
    "INSERT INTO comments_fts(rowid, redacted) VALUES (new.id, new.redacted); END",
    "CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments "
    "WHEN old.redacted IS NOT NULL BEGIN "
    "INSERT INTO comments_fts(comments_fts, rowid, redacted) "
    "VALUES ('delete', old.id, old.redacted); END",
    "CREATE TRIGGER comments_fts_update AFTER UPDATE OF redacted ON comments "
    "WHEN old.redacted IS NOT new.redacted BEGIN "
    "INSERT INTO comments_fts(comments_fts, rowid, redacted) "
    "SELECT 'delete', old.id, old.redacted WHERE old.redacted IS NOT NULL; "
    "INSERT INTO comments_fts(rowid, redacted) "
    "SELECT new.id, new.redacted WHERE new.redacted IS NOT NULL; END",
    "INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')",
)


@migrations()
def m004_learned_model(db: Database) -> None:
    """Remember which comments carry a label predicted by the model learned from HR.

    ``comments.labelled_by`` is the key of the learned model (a digest of HR's corrections
    and the sentiment model version) that set the comment's ``label``; ``NULL`` means the
    label follows the lexicon's score (or HR's correction). Changing the corrections
    re-labels only these comments; the cached sentiment scores are kept.
    """
    db.execute("ALTER TABLE comments ADD COLUMN labelled_by TEXT")


def _run_script(db: Database, script: str) -> None:
    """Run each statement of ``script`` inside the migration's transaction.

    ``sqlite3``'s ``executescript`` would commit first, so it is not used.
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def known_names() -> list[str]:
    """Names of every migration this version of Rapport knows, oldest first."""
    return [m.name for m in migrations._migrations]


@migrations()
def m005_dashboard_result_cache(db: Database) -> None:
    """A data version, and analysis results cached against it (the HR window opens fast).

    ``data_version.n`` grows with every change to what an analysis reads: any row of
    ``settings``, ``departments``, ``surveys``, ``waves`` and ``actions``; submissions
    added, changed or removed; answers changed or removed (answers are only ever added
    together with their submission, so an added submission stands for its answers and
    the 2-million-row imports pay no trigger per answer); comments added or removed, and
    changes to their text, pair or HR's label. Columns the analysis itself derives
    (redacted text, scores, themes, topics) do not count.

    ``analysis_cache`` keeps one analysis result (JSON) per requested wave (``""`` = the
    latest), with the data version and the analysers' versions it was computed from.
    """
    db.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER)")
    db.execute("INSERT INTO data_version (id, n) VALUES (1, 0)")
    db.execute(
        "CREATE TABLE analysis_cache (wave TEXT PRIMARY KEY, data_version INTEGER NOT NULL, "
        "code TEXT NOT NULL, engine TEXT NOT NULL, created TEXT NOT NULL, result TEXT NOT NULL)"
    )
    bump = "BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END"
    watched = [(table, event) for table in _WHOLE_TABLES for event in _EVENTS]
    watched += [("submissions", event) for event in _EVENTS]
    watched += [("answers", "UPDATE"), ("answers", "DELETE")]
    watched += [("comments", "INSERT"), ("comments", "DELETE"), ("comments", _COMMENT_INPUTS)]
    for table, event in watched:
        name = f"data_version_{table}_{event.split()[0].lower()}"
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} {bump}")


_WHOLE_TABLES = ("settings", "departments", "surveys", "waves", "actions")
_EVENTS = ("INSERT", "UPDATE", "DELETE")
_COMMENT_INPUTS = "UPDATE OF text, label_corrected, submission_id, wave_id, from_id, to_id"


@migrations()
def m006_incremental_analysis(db: Database) -> None:
    """What lets a re-analysis read only what is new (``docs/analysis.md``, step 3).

    ``ratings_snapshot`` keeps the ratings the analysis last read, packed one row per
    (submission, target department), with the last submission (``rowid``) and the number of
    answers it covers; :mod:`analysis.ratings` then reads only later submissions. Changing
    or removing an answer deletes the snapshot (triggers), so a changed or erased answer
    never survives in it. ``comments_wave_stats`` is a covering index for the per-pair and
    per-theme comment figures, which then never read the comments' text.
    """
    db.execute(
        "CREATE TABLE ratings_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "format TEXT NOT NULL, last_submission INTEGER NOT NULL, answers INTEGER NOT NULL, "
        "rows BLOB NOT NULL)"
    )
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER ratings_snapshot_answers_{event.lower()} AFTER {event} ON answers "
            "BEGIN DELETE FROM ratings_snapshot; END"
        )
    db.execute(
        "CREATE INDEX comments_wave_stats ON comments(wave_id, from_id, to_id, sentiment, "
        "label, label_corrected, conflict, themes)"
    )


@migrations()
def m007_wave_release(db: Database) -> None:
    """A wave's figures are released when it closes, and its answers are fixed from then on.

    ``waves.released`` is the day a wave was released: set when it closes (and, for the
    historical waves a CSV import creates, at the end of that import); ``NULL`` while it is a
    draft or open. Until then only participation is shown, so the figures of 6 and then 7
    respondents are never both seen (7·m7 − 6·m6 would be the seventh person's answers).
    From then on, triggers refuse any submission added to, removed from or moved into the
    wave, any answer or comment changed or removed, and undoing the release: a figure that
    was shown cannot change. Answers are added only together with their submission, so the
    2-million-row imports pay no trigger per answer. ``late_submissions`` remembers the
    answers that arrived after the release (ingest keeps them out and counts them).

    Waves already closed are released by this migration (their figures may have been seen).
    """
    db.execute("ALTER TABLE waves ADD COLUMN released TEXT")
    db.execute("UPDATE waves SET released = COALESCE(closes, date('now')) WHERE status = 'closed'")
    db.execute(
        "CREATE TABLE late_submissions (id TEXT PRIMARY KEY, "
        "wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE, day TEXT)"
    )
    for statement in _RELEASE_TRIGGERS:
        db.execute(statement)


@migrations()
def m008_topic_inputs(db: Database) -> None:
    """The comments the discovered topics were made from (``topic_inputs``).

    Topic terms are words of the comments they were discovered from, so only comments that
    may be shown (groups of at least k, in closed waves) are used; when one of these may no
    longer be shown, the topics are discovered again (``analysis.comment_analysis``).
    Existing topics were made from every comment; with the table empty, the next analysis
    discovers them again.
    """
    db.execute(
        "CREATE TABLE topic_inputs (comment_id INTEGER PRIMARY KEY "
        "REFERENCES comments(id) ON DELETE CASCADE)"
    )


def _refuse(name: str, event: str, table: str, wave: str) -> str:
    """A trigger that aborts ``event`` on ``table`` when ``wave`` (an SQL id) is released."""
    return (
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} "
        f"WHEN (SELECT released FROM waves WHERE id = {wave}) IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'Rapport: this wave was closed and its figures released; "
        "its answers cannot change'); END"
    )


_RELEASE_TRIGGERS = (
    _refuse("released_submission_insert", "INSERT", "submissions", "new.wave_id"),
    _refuse("released_submission_delete", "DELETE", "submissions", "old.wave_id"),
    _refuse("released_submission_moved_in", "UPDATE", "submissions", "new.wave_id"),
    _refuse("released_submission_moved_out", "UPDATE", "submissions", "old.wave_id"),
    _refuse("released_answer_change", "UPDATE", "answers", "old.wave_id"),
    _refuse("released_answer_moved_in", "UPDATE", "answers", "new.wave_id"),
    _refuse("released_answer_delete", "DELETE", "answers", "old.wave_id"),
    _refuse("released_comment_insert", "INSERT", "comments", "new.wave_id"),
    _refuse("released_comment_delete", "DELETE", "comments", "old.wave_id"),
    _refuse(
        "released_comment_change",
        "UPDATE OF text, submission_id, wave_id, from_id, to_id",
        "comments",
        "old.wave_id",
    ),
    _refuse(
        "released_comment_moved_in",
        "UPDATE OF wave_id",
        "comments",
        "new.wave_id",
    ),
    "CREATE TRIGGER release_is_final BEFORE UPDATE OF released ON waves "
    "WHEN old.released IS NOT NULL AND new.released IS NOT old.released "
    "BEGIN SELECT RAISE(ABORT, 'Rapport: a released wave stays released'); END",
)


@migrations()
def m009_reminders_and_receipts(db: Database) -> None:
    """Per-wave reminder days, and the receipts of received answers.

    ``waves.reminders`` is JSON (``{"after_opening_days": 3, "before_closing_days": 1}``,
    0 = no such reminder) or NULL for the defaults. ``receipts`` holds the receipt hashes of
    received answers (:mod:`surveys.receipts`): no submission id, and ``WITHOUT ROWID`` so
    the rows are kept in hash order, not in the order the answers arrived.
    """
    db.execute("ALTER TABLE waves ADD COLUMN reminders TEXT")
    db.execute(
        "CREATE TABLE receipts (wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE, "
        "hash TEXT NOT NULL, PRIMARY KEY (wave_id, hash)) WITHOUT ROWID"
    )


@migrations()
def m010_action_owners(db: Database) -> None:
    """An owner on each side of a joint action (``owner_from``, ``owner_to``).

    An action is agreed between two departments, so it gets one owner in each: the
    department that gave the rating (``owner_from``) and the one it rated (``owner_to``).
    The single ``owner`` of older workspaces is moved over and then cleared (the column
    stays, unused, because a column of a released schema is never removed):

    - text that names only the rated department ("IT service manager" for Sales → IT)
      becomes that side's owner;
    - text that names both ("Heads of Sales and Marketing") becomes the owner on both sides;
    - anything else becomes the owner on the rating department's side, where HR can move it.

    An action without the day it was recorded (``created_day``) gets the last day of the
    wave it was agreed in, so "since it was agreed" can be said of it.
    """
    db.execute("ALTER TABLE actions ADD COLUMN owner_from TEXT")
    db.execute("ALTER TABLE actions ADD COLUMN owner_to TEXT")
    rows = db.execute(
        "SELECT a.id, a.owner, df.name, dt.name FROM actions a "
        "JOIN departments df ON df.id = a.from_id JOIN departments dt ON dt.id = a.to_id "
        "WHERE a.owner IS NOT NULL AND trim(a.owner) != ''"
    ).fetchall()
    for action_id, owner, from_name, to_name in rows:
        owner_from, owner_to = _split_legacy_owner(owner.strip(), from_name, to_name)
        db.execute(
            "UPDATE actions SET owner_from = ?, owner_to = ?, owner = NULL WHERE id = ?",
            [owner_from, owner_to, action_id],
        )
    db.execute(
        "UPDATE actions SET created_day = "
        "(SELECT COALESCE(w.closes, w.opens) FROM waves w WHERE w.id = actions.wave_id) "
        "WHERE created_day IS NULL AND wave_id IS NOT NULL"
    )


def _split_legacy_owner(owner: str, from_name: str, to_name: str) -> tuple[str | None, str | None]:
    """Which side(s) a single owner of an older workspace belongs to (see m010)."""
    import re

    def names(department: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(department)}(?!\w)", owner, re.IGNORECASE) is not None

    from_named, to_named = names(from_name), names(to_name)
    if to_named and not from_named:
        return None, owner
    if to_named and from_named:
        return owner, owner
    return owner, None


@migrations()
def m011_pulse_programme(db: Database) -> None:
    """A pulse programme: waves published by themselves on a cadence (``pulse_programme``).

    One row (``id = 1``) holds the cadence, the days each wave stays open, the survey, the
    first day, the departments asked about, whether results are shared, and the day it was
    paused (``NULL`` while it runs). ``waves.programme_slot`` is the day of the cadence a
    programme wave belongs to; a unique index makes sure that two runs at the same time
    (the HR window and a scheduled task) never make two waves of one slot.
    """
    _run_script(
        db,
        """
        CREATE TABLE pulse_programme (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            cadence TEXT NOT NULL
                CHECK (cadence IN ('weekly', '2-weekly', '4-weekly', 'monthly', 'quarterly')),
            days_open INTEGER NOT NULL CHECK (days_open >= 1),
            survey_key TEXT NOT NULL,
            starts TEXT NOT NULL,
            targets TEXT,
            share_results INTEGER NOT NULL DEFAULT 0,
            paused TEXT,
            created TEXT NOT NULL
        );
        ALTER TABLE waves ADD COLUMN programme_slot TEXT;
        CREATE UNIQUE INDEX waves_programme_slot ON waves(programme_slot)
            WHERE programme_slot IS NOT NULL
        """,
    )


@migrations()
def m012_answer_counter(db: Database) -> None:
    """Remember each submission's answer counter, so newer answers win by their own order.

    ``submissions.counter`` is the respondent machine's order of answering within the wave
    (schema 2 of the sealed plaintext); ``NULL`` for answers that carry none (CSV imports,
    files of schema 1). Of two answers with the same participation token, ingest keeps the
    one with the higher counter, then the later day, then the larger id; file times never
    count.
    """
    db.execute("ALTER TABLE submissions ADD COLUMN counter INTEGER")


@migrations()
def m013_workspace_identity(db: Database) -> None:
    """Mark the file as a Rapport workspace: an application id in the SQLite header and a
    marker table.

    :func:`surveys.store.open_workspace` recognises a workspace by both *before* it changes
    anything, so another program's SQLite file is never touched. Workspaces made before this
    migration are recognised by their Rapport migration names and tables, and stamped here.
    """
    db.execute(f"CREATE TABLE {MARKER_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(f"INSERT INTO {MARKER_TABLE} VALUES ('format', ?)", [WORKSPACE_FORMAT])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations()
def m014_label_confidence(db: Database) -> None:
    """Each comment's label confidence, and the score of the model adapted to HR's labels.

    ``comments.confidence`` is how sure the model that set ``comments.label`` is of it (the
    shipped model's calibrated share, or the adapted model's probability); the Comments
    panel shows it and "Review next" lists the least certain comments first.
    ``comments.sentiment_learned`` is the adapted model's score of a comment it labelled
    (``labelled_by`` set), so the score shown follows the label shown. The covering index
    of the per-pair figures gains it.
    """
    db.execute("ALTER TABLE comments ADD COLUMN confidence REAL")
    db.execute("ALTER TABLE comments ADD COLUMN sentiment_learned REAL")
    db.execute("DROP INDEX comments_wave_stats")
    db.execute(
        "CREATE INDEX comments_wave_stats ON comments(wave_id, from_id, to_id, sentiment, "
        "sentiment_learned, label, label_corrected, conflict, themes)"
    )


@migrations()
def m015_tickets(db: Database) -> None:
    """Participation tickets (RSA blind signatures): the wave's ticket keys and the roll.

    ``ticket_keys`` holds one key pair per wave (``department_id`` NULL), or one per
    department when HR signs by roster; the private half is PKCS #8 sealed to the workspace
    key (so it opens only with the workspace passphrase). ``ticket_roll`` is the
    participation roll: each file owner given a ticket in a wave, with the SHA-256 of the
    blinded request that was signed (so signing the same request again is harmless and a
    different one is refused) and the day only. It is never joined to submissions and cannot
    be: the signer never sees the ticket it signs. ``WITHOUT ROWID``: rows are kept in key
    order, not in the order tickets were given. ``ticket_refusals`` counts refused requests
    per wave and reason (it keeps no owner and no request). ``roster_members`` maps the
    accounts of an imported roster to their departments (``rapport roster import`` with a
    login column).
    """
    _run_script(
        db,
        """
        CREATE TABLE ticket_keys (
            wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
            department_id INTEGER REFERENCES departments(id),
            public_key BLOB NOT NULL,
            sealed_private BLOB NOT NULL
        );
        CREATE UNIQUE INDEX ticket_keys_wave_department
            ON ticket_keys(wave_id, coalesce(department_id, 0));
        CREATE TABLE ticket_roll (
            wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            day TEXT NOT NULL,
            PRIMARY KEY (wave_id, owner, request_hash)
        ) WITHOUT ROWID;
        CREATE TABLE ticket_refusals (
            wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
            reason TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (wave_id, reason)
        ) WITHOUT ROWID;
        CREATE TABLE roster_members (
            login TEXT PRIMARY KEY COLLATE NOCASE,
            department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """,
    )


@migrations()
def m016_answers_stopped(db: Database) -> None:
    """When HR stopped a wave's answers, for a close made before its last day is over.

    ``waves.answers_stopped`` is that moment (ISO 8601, UTC), ``NULL`` for a wave that
    takes answers (or closed without stopping first). Respondents' apps hold each sealed
    answer for up to 20 minutes before delivering it, so a close made early first stops the
    answers (the published file says so and apps offer the wave no more) and releases the
    figures only once every answer given before then can have arrived
    (:mod:`surveys.wave_stop`). Publishing the wave again clears it.
    """
    db.execute("ALTER TABLE waves ADD COLUMN answers_stopped TEXT")


@migrations()
def m017_comments_ahead(db: Database) -> None:
    """What an import worked out beside itself for the comments of closed waves.

    Each row of ``comments_ahead`` is what a worker process found while a large import read
    and wrote the file (``analysis.import_ahead``), as JSON: the analysers' and redaction's
    versions (``prepared_with``) and, by a digest of each comment's text, its redacted
    text, conflict score, orientation, markers and themes. The next analysis takes these
    instead of computing them again when ``prepared_with`` is its own, then empties the
    table (``analysis.comment_update``). Only comments of closed waves (which the import
    releases) are ever handed to the worker: an open wave's comments are analysed once it
    is released (docs/privacy.md). A comment is named by a digest of its text; its text is
    kept only as redacted, and only where redaction changed it.
    """
    db.execute("CREATE TABLE comments_ahead (id INTEGER PRIMARY KEY, found BLOB NOT NULL)")
