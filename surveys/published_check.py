"""Whether ``SHARE/published/<wave>.json`` is still the file HR's app wrote.

A respondent's app pins the workspace's public key, so a survey sealed to a colleague's
key is refused; but a colleague who may write to ``published/`` can keep HR's key and
change only the words (reword a question so that every answer means the opposite, lower
the minimum group size the privacy note announces). Only the folder's permissions keep
them out, and on a Windows share Rapport cannot read those. So HR's app keeps a copy of
each published file it wrote (the workspace setting ``published_files``, by shared folder
and wave): :func:`changed_published` says which open wave's file is no longer that one
(the Pulses section), and :func:`restore_published` also writes HR's copy back (every
ingest). A closed wave's file put back on the share is said and removed the same way.
Stopping a wave's answers starts from HR's copy, never from the file on the share.

Public API: :func:`remember_published`, :func:`hr_copy`, :func:`changed_published`,
:func:`restore_published`, :func:`later_signed`, :func:`ticketless_folders`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

from surveys.published import MAX_PUBLISHED, published_path
from surveys.store import get_setting, set_setting
from surveys.transport import PUBLISHED, atomic_write, read_regular

SETTING = "published_files"


def _key(share: str | Path, wave: str) -> str:
    # realpath: one folder reached through a link (or, on Windows, a mapped drive and its
    # UNC path: the window and a scheduled task, docs/deploy.md) is one key.
    return f"{os.path.realpath(share)}|{wave}"


def ticketless_folders(db: Database, wave: str) -> list[str]:
    """The folders HR's app published ``wave`` to without ticket keys whose file is still
    there (HR's copies, by the folder's real path)."""
    import json

    found = []
    for key, text in (get_setting(db, SETTING, {}) or {}).items():
        folder, _, name = key.rpartition("|")
        if name != wave or not os.path.lexists(published_path(folder, wave)):
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if isinstance(data, dict) and not data.get("ticket_keys"):
            found.append(folder)
    return sorted(found)


def _copies_of(db: Database, wave: str) -> set[bytes]:
    """HR's copies of ``wave``'s file under every spelling of a share it was written to;
    not the kiosk's (``WORKSPACE/kiosk``: no ticket keys, and the kiosk's account reads it)."""
    known = get_setting(db, SETTING, {}) or {}
    copies = set()
    for key, text in known.items():
        folder, _, name = key.rpartition("|")
        if name == wave and not _is_kiosk_folder(Path(folder)):
            copies.add(text.encode("utf-8"))
    return copies


def _is_kiosk_folder(folder: Path) -> bool:
    from surveys.kiosk import KIOSK
    from surveys.workspace_files import DB_NAME

    return folder.name == KIOSK and (folder.parent / DB_NAME).exists()


def remember_published(db: Database, share: str | Path, wave: str, data: bytes) -> None:
    """Keep ``data``, the published file of ``wave`` HR's app wrote in ``share`` (call in
    the transaction that writes it)."""
    rows = db.execute("SELECT name FROM waves WHERE status = 'open'").fetchall()
    open_now = {name for (name,) in rows} | {wave}
    known = {  # closed waves' copies go: their files are gone from the share
        key: text
        for key, text in (get_setting(db, SETTING, {}) or {}).items()
        if key.rsplit("|", 1)[-1] in open_now
    }
    known[_key(share, wave)] = data.decode("utf-8")
    set_setting(db, SETTING, known)


def hr_copy(db: Database, share: str | Path, wave: str) -> bytes | None:
    """The published file of ``wave`` as HR's app last wrote it, or ``None`` (a wave
    published by an earlier Rapport)."""
    text = (get_setting(db, SETTING, {}) or {}).get(_key(share, wave))
    return None if text is None else text.encode("utf-8")


def _changed(db: Database, share: str | Path) -> list[tuple[str, bytes]]:
    """``(wave, HR's copy)`` of each open wave whose file on the share differs from it.

    A file that is not there is left to the other checks (a closed wave has none).
    """
    rows = db.execute("SELECT name FROM waves WHERE status = 'open' ORDER BY name").fetchall()
    changed = []
    for (wave,) in rows:
        mine = hr_copy(db, share, wave)
        path = published_path(share, wave)
        if mine is None or not os.path.lexists(path):
            continue
        try:
            theirs = read_regular(path, MAX_PUBLISHED, "a published survey")
        except OSError:
            theirs = None  # a link, a pipe, a file of gigabytes: not what HR wrote
        # A copy HR wrote through another path to the same folder is HR's too (a path
        # this process cannot resolve, such as a drive letter a scheduled task lacks).
        if theirs != mine and theirs not in _copies_of(db, wave):
            changed.append((wave, mine))
    return changed


def _sentence(wave: str) -> str:
    return (
        f"published/{wave}.json is not the file HR published: someone who may write to "
        "published/ changed it, and respondents' apps show its words (answers given "
        "meanwhile may mean something else). Check who may write there (docs/team-mode.md, "
        "Permissions)."
    )


def _planted(db: Database, folder: str | Path) -> list[str]:
    """In a kiosk folder: one sentence for each file of a wave HR's app never published
    there: one that takes tickets (a copy of the team wave's signed file, say), or one
    without tickets that HR's app published to a shared folder only. Ingest takes no
    answer for the first from the kiosk's inbox without a ticket; the second the kiosk
    offers to the people at it as if HR had. Said so that HR can remove it. Left in place:
    a kiosk an earlier Rapport published to kept no copy; nor said: HR's own kiosk file
    after the workspace moved (:func:`_kiosk_copy_moved`)."""
    if not _is_kiosk_folder(Path(folder)):
        return []
    rows = db.execute(
        "SELECT name, EXISTS (SELECT 1 FROM ticket_keys k WHERE k.wave_id = w.id) FROM waves w "
        "ORDER BY name"
    ).fetchall()
    return [
        _planted_sentence(wave, bool(ticketed))
        for wave, ticketed in rows
        if (ticketed or _copies_of(db, wave))
        and hr_copy(db, folder, wave) is None
        and os.path.lexists(published_path(folder, wave))
        and not _kiosk_copy_moved(db, folder, wave)
    ]


def _kiosk_copy_moved(db: Database, folder: str | Path, wave: str) -> bool:
    """Whether the kiosk's file of ``wave`` is, byte for byte, one HR's app wrote to a
    kiosk folder of this workspace under another path: the workspace was moved, renamed
    or restored elsewhere, and HR's copies are kept by the folder's path. (HR's file for a
    shared folder is another file: its own number and signature.)"""
    from surveys.kiosk import KIOSK

    kept = {
        text.encode("utf-8")
        for key, text in (get_setting(db, SETTING, {}) or {}).items()
        if key.rpartition("|")[2] == wave and Path(key.rpartition("|")[0]).name == KIOSK
    }
    if not kept:
        return False
    try:
        return read_regular(published_path(folder, wave), MAX_PUBLISHED, "a survey") in kept
    except OSError:
        return False  # a link, a pipe, a file of gigabytes: not what HR wrote


def _planted_sentence(wave: str, ticketed: bool) -> str:
    what = (
        "(it takes tickets): someone who may write there put it there, and its answers from "
        "the kiosk need tickets."
        if ticketed
        else "(HR published it to a shared folder only): someone who may write there copied "
        "it, and the kiosk offers it to the people at it."
    )
    return (
        f"published/{wave}.json is a wave HR did not publish to the kiosk {what} Delete the "
        "file, and check who may write in the workspace folder (docs/deploy.md, Kiosk)."
    )


def _closed_back(db: Database, share: str | Path) -> list[str]:
    """The closed waves whose file is in ``share``'s ``published/``, signed by this
    workspace: closing withdraws it, so a close made without the shared folder left it or
    someone who kept a copy put it back, and the apps that never read a later file of the
    wave offer the closed pulse (its answers would count as late, lost without a word to
    the person)."""
    from surveys.published import PublishError, read_published
    from surveys.survey_signing import signing_public_key

    mine = signing_public_key(db)
    try:  # one listing, not a look per closed wave (a year of monthly waves on a share)
        there = {name for name in os.listdir(Path(share) / PUBLISHED) if name.endswith(".json")}
    except OSError:
        return []  # the other checks say the folder cannot be read
    rows = db.execute("SELECT name FROM waves WHERE status = 'closed' ORDER BY name")
    back = []
    for (wave,) in rows.fetchall():
        path = published_path(share, wave)
        if mine is None or path.name not in there:
            continue
        try:
            signed_by = read_published(path).signing_key
        except PublishError:
            continue  # not a survey the apps take: nothing to withdraw
        if signed_by == mine:
            back.append(wave)
    return back


def _closed_sentence(wave: str) -> str:
    return (
        f"published/{wave}.json is there although wave {wave} is closed: closing removes "
        "it, so a close made without the shared folder left it, or someone who may write to "
        "published/ put HR's earlier file back. Respondents' apps may offer the closed "
        "pulse, whose answers are not counted. If nobody closed it without the folder, "
        "check who may write there (docs/team-mode.md, Permissions)."
    )


def later_signed(db: Database, share: str | Path, wave: str) -> int | None:
    """The ``sequence`` of ``wave``'s file on ``share`` when this workspace signed it but
    does not remember doing so (a number past the last it signed), else ``None``: the
    workspace was restored from a backup, or another copy of it published the wave since.
    Respondents' apps that read that file refuse an earlier number, so HR's copy must not
    go back as it is (:func:`restore_published`). A file the workspace remembers signing
    (the kiosk's copy, an earlier file of the wave) is a changed file as any other."""
    from surveys.published import PublishError, read_published
    from surveys.survey_signature import verifies
    from surveys.survey_signing import last_sequence, signing_public_key

    try:
        theirs = read_published(published_path(share, wave))
    except PublishError:
        return None
    if theirs.sequence <= last_sequence(db) or theirs.wave != wave:
        return None
    ours = theirs.signing_key is not None and theirs.signing_key == signing_public_key(db)
    return theirs.sequence if ours and verifies(theirs) else None


def _later_sentence(wave: str) -> str:
    return (
        f"published/{wave}.json was signed by this workspace after the copy it holds: the "
        "workspace was restored from a backup, or another copy of it published the wave. "
        "What was done to the wave since (such as stopping its answers) is not in the "
        "workspace; do it again if it still applies."
    )


def _write_numbered_past(
    db: Database, share: str | Path, wave: str, mine: bytes, later: int
) -> str:
    """Write HR's copy of ``wave`` back signed again, numbered past ``later``."""
    import json

    from surveys.survey_signing import signed_file

    path = published_path(share, wave)
    with db.atomic():
        data = signed_file(db, json.loads(mine), past=later)
        if path.is_symlink():
            path.unlink()
        atomic_write(path, data)
        remember_published(db, share, wave, data)
    return _later_sentence(wave) + (
        " The workspace's file was written back, numbered past it so that respondents' apps "
        "take it."
    )


def changed_published(db: Database, share: str | Path) -> list[str]:
    """One sentence for each open wave whose published file in ``share`` someone else
    changed (the next ingest writes HR's copy back), for each closed wave whose file was
    put back (the next ingest removes it), and for each planted in a kiosk folder
    (:func:`_planted`). Reads only."""
    changed = [
        _later_sentence(wave) + " The next ingest writes the workspace's file back, numbered "
        "past it so that respondents' apps take it."
        if later_signed(db, share, wave) is not None
        else _sentence(wave) + " The next ingest writes HR's copy back."
        for wave, mine in _changed(db, share)
    ]
    return (
        changed
        + [_closed_sentence(w) + " The next ingest removes it." for w in _closed_back(db, share)]
        + _planted(db, share)
    )


def restore_published(db: Database, share: str | Path) -> list[str]:
    """Write HR's copy back over each changed published file; one sentence each. Files of
    open waves an earlier Rapport published unsigned are then signed
    (:func:`surveys.survey_signing.sign_open_copies`).

    Raises
    ------
    OSError
        If a file cannot be written back (the share went away or is read-only).
    """
    said = []
    for wave, mine in _changed(db, share):
        later = later_signed(db, share, wave)
        if later is not None:
            said.append(_write_numbered_past(db, share, wave, mine, later))
            continue
        path = published_path(share, wave)
        if path.is_symlink():
            path.unlink()  # rename would replace the link itself anyway; say it is gone
        atomic_write(path, mine)
        said.append(_sentence(wave) + " HR's copy was written back.")
    for wave in _closed_back(db, share):
        published_path(share, wave).unlink(missing_ok=True)
        said.append(_closed_sentence(wave) + " It was removed.")
    from surveys.survey_signing import sign_open_copies

    sign_open_copies(db, share)  # a wave an earlier Rapport published gets its signature
    return said + _planted(db, share)


def restore_or_say(db: Database, share: str | Path) -> list[str]:
    """:func:`restore_published`, with a folder that cannot be written said in a sentence
    (for ingest's report) rather than raised."""
    try:
        return restore_published(db, share)
    except OSError as exc:
        return [
            f"A published survey in {share} was changed by someone else, and HR's copy could "
            f"not be written back ({exc.strerror or exc}); check the shared folder."
        ]


def kiosk_waves(db: Database, folder: Path) -> frozenset[str]:
    """The waves HR published to the kiosk folder ``folder``: HR's app kept a copy of the
    file, or, for a wave without tickets, the file is in its ``published/`` (written by an
    earlier Rapport). Other waves take no answer from the kiosk's inbox without a ticket.

    A file there alone never makes a ticketed wave the kiosk's: whoever may write in
    ``published/`` could copy the team wave's file (HR's signature and all) there, and
    the inbox, a drop box, then took forged answers for it without tickets."""
    rows = db.execute(
        "SELECT name, EXISTS (SELECT 1 FROM ticket_keys k WHERE k.wave_id = w.id) FROM waves w"
    ).fetchall()
    return frozenset(
        name
        for name, ticketed in rows
        if hr_copy(db, folder, name) is not None
        or (not ticketed and published_path(folder, name).is_file())
    )
