"""The processes of this computer that share a workspace lock, and handing it over.

The process that made ``rapport.lock`` removed it when it ended, and another process of
this computer still using the workspace (the window beside a ``rapport ingest`` that
started first) made it again only at its next heartbeat: for up to a minute the workspace
looked free to other computers. Now each process that shares the lock is listed in it
(``"sharers": [[pid, claim], ...]``, added when it claims, checked at each of its beats),
the owner keeps the list when it beats, and an owner that ends hands the lock to a
sharer that still runs (:func:`handed_over`) instead of removing it. The sharer finds its
own claim in the lock at its next beat and carries on as the owner.

Pure functions on lock records; :mod:`surveys.host_lock` reads and writes the file.
"""

from __future__ import annotations

from typing import Any

from surveys.host_identity import process_alive

#: The most sharers a lock lists (a lock is at most 4 KiB).
MAX_SHARERS = 16
NOTE = (
    "Rapport: this workspace is open on this computer. Remove only if Rapport is not running there."
)

Sharer = tuple[int, str]  # process id, claim id


def parse_sharers(value: Any) -> tuple[Sharer, ...]:
    """The sharers a lock lists, as far as they are well formed."""
    if not isinstance(value, list):
        return ()
    kept = []
    for item in value[:MAX_SHARERS]:
        if isinstance(item, list) and len(item) == 2:
            pid, claim = item
            if isinstance(pid, int) and isinstance(claim, str):
                kept.append((pid, claim[:100]))
    return tuple(kept)


def alive(sharers: tuple[Sharer, ...], *, besides: str | None = None) -> list[Sharer]:
    """The sharers whose process still runs (all of this computer), but ``besides``."""
    return [(pid, claim) for pid, claim in sharers if claim != besides and process_alive(pid)]


def record(holder: Any, **changes: Any) -> bytes:
    """The lock file of ``holder`` (a :class:`~surveys.host_lock_file.Holder`) with
    ``changes`` (``pid``, ``claim``, ``heartbeat``, ``sharers``)."""
    import json

    fields = {
        "host": holder.host,
        "machine": holder.machine,
        "pid": holder.pid,
        "since": holder.since,
        "heartbeat": holder.heartbeat,
        "claim": holder.claim_id,
        "sharers": [list(s) for s in holder.sharers],
        "note": NOTE,
    }
    fields.update(changes)
    fields["sharers"] = [list(s) for s in fields["sharers"]][:MAX_SHARERS]
    return json.dumps(fields).encode()


def handed_over(holder: Any, now: float, *, releasing: str) -> bytes | None:
    """The lock handed to the first sharer that still runs when its owner (claim
    ``releasing``) lets go, or ``None`` when nobody shares it any more."""
    living = alive(holder.sharers, besides=releasing)
    if not living:
        return None
    (pid, claim), rest = living[0], living[1:]
    return record(holder, pid=pid, claim=claim, heartbeat=now, sharers=rest)
