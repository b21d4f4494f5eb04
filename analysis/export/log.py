"""The workspace's export log: which file was written, when (the day) and for which wave."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

#: The kinds of export Rapport writes.
EXPORT_KINDS: tuple[str, ...] = ("pptx", "xlsx", "csv")


@dataclass(frozen=True)
class ExportRecord:
    """One row of the export log."""

    day: str
    kind: str
    path: str
    wave: str | None
    detail: str | None


def log_export(
    db: Database,
    kind: str,
    path: str | Path,
    wave: str | None,
    detail: str | None = None,
    *,
    day: dt.date | None = None,
) -> ExportRecord:
    """Record that an export was written.

    Only the day is stored (never a finer time), so the log cannot be matched against
    the times of submissions.

    Parameters
    ----------
    db : sqlite_utils.Database
        The open workspace.
    kind : str
        One of :data:`EXPORT_KINDS`.
    path : path
        The file or folder written (stored as an absolute path).
    wave : str or None
        The wave the export describes.
    detail : str, optional
        A short description, e.g. ``"9 slides, 3 hotspots"``.
    day : datetime.date, optional
        The day to record (default: today).

    Returns
    -------
    ExportRecord
        The row as stored.
    """
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}; expected one of {EXPORT_KINDS}")
    record = ExportRecord(
        day=(day or dt.date.today()).isoformat(),
        kind=kind,
        path=str(Path(path).resolve()),
        wave=wave,
        detail=detail,
    )
    with db.atomic():
        db.table("export_log").insert(
            {
                "day": record.day,
                "kind": record.kind,
                "path": record.path,
                "wave": record.wave,
                "detail": record.detail,
            }
        )
    return record


def export_history(db: Database) -> list[ExportRecord]:
    """Every export of the workspace, newest first."""
    rows = db.execute(
        "SELECT day, kind, path, wave, detail FROM export_log ORDER BY day DESC, id DESC"
    ).fetchall()
    return [ExportRecord(*row) for row in rows]
