"""What the last ingest into a workspace did, kept for the Pulses section.

:func:`remember_ingest` writes ``WORKSPACE/last-ingest.json`` at the end of
:func:`surveys.ingest.ingest`; :func:`last_ingest` reads it back (``at``, ``files``,
``stored``, ``quarantined``). Counts only: no file name, submission id or content.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.transport import atomic_write

if TYPE_CHECKING:
    from surveys.ingest import IngestReport

#: In the workspace folder: what the last ingest did (read by the Pulses section).
LAST_INGEST_FILE = "last-ingest.json"


def last_ingest(workspace: str | Path) -> dict | None:
    """What the last ingest into ``workspace`` did (``at``, ``files``, ``stored``...).

    ``None`` when no ingest ran yet or the record cannot be read.
    """
    try:
        data = json.loads((Path(workspace) / LAST_INGEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remember_ingest(workspace: Path, report: IngestReport) -> None:
    """Record what ``report``'s ingest did in ``workspace`` (skipped if unwritable)."""
    record = {
        "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "files": report.files,
        "stored": report.stored + report.replaced,
        "quarantined": len(report.quarantined),
    }
    with contextlib.suppress(OSError):
        atomic_write(workspace / LAST_INGEST_FILE, json.dumps(record).encode(), mode=0o600)
