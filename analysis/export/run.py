"""Analyse a workspace and write the requested exports, logging each one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.export import DEFAULT_HOTSPOT_SLIDES
from analysis.export.branding import Logo, workspace_logo
from analysis.export.files import check_folder_target, check_target
from analysis.export.log import ExportRecord, log_export
from analysis.export.safety import exportable
from analysis.results import AnalysisResult
from surveys.progress import Progress, sub_progress

if TYPE_CHECKING:
    from analysis.export.comment_rows import SharedComment


def check_outputs(
    *, pptx: Path | None = None, xlsx: Path | None = None, csv: Path | None = None
) -> None:
    """Check every output path before any (possibly long) analysis runs.

    Raises
    ------
    ExportError
        Naming the first path that cannot be written and what to do.
    """
    if pptx is not None:
        check_target(pptx, ".pptx")
    if xlsx is not None:
        check_target(xlsx, ".xlsx")
    if csv is not None:
        check_folder_target(csv)


def export_workspace(
    folder: str | Path,
    *,
    pptx: Path | None = None,
    xlsx: Path | None = None,
    csv: Path | None = None,
    wave: str | None = None,
    hotspots: int = DEFAULT_HOTSPOT_SLIDES,
    progress: Progress | None = None,
    day: dt.date | None = None,
) -> list[ExportRecord]:
    """Analyse the workspace in ``folder``, write the requested files, log each one.

    The result carries the workspace's bands, so the workspace is opened once here (for
    the export log; a missing workspace fails before any work) and once by the analysis.

    Parameters
    ----------
    folder : path
        The workspace folder.
    pptx, xlsx, csv : path, optional
        Where to write the deck, the workbook and the CSV folder.
    wave : str, optional
        The wave to report (default: the latest).
    hotspots : int
        How many hotspots get a slide of their own.
    progress : Progress, optional
        Progress of the whole job (analysis first, then the files); may raise ``Cancelled``.
    day : datetime.date, optional
        The day written on the deck and in the log (default: today).

    Returns
    -------
    list of ExportRecord
        The export-log rows written, one per output.

    Raises
    ------
    surveys.errors.RapportError
        When the wave is still open (its figures are not released yet); nothing is written.
    """
    from analysis.export.comment_rows import shown_comments
    from analysis.pipeline import analyse_workspace
    from surveys.errors import RapportError
    from surveys.store import open_workspace

    check_outputs(pptx=pptx, xlsx=xlsx, csv=csv)
    db = open_workspace(folder)  # a missing or too-new workspace fails before any work
    try:
        result = analyse_workspace(folder, wave=wave, progress=sub_progress(progress, 0.0, 0.7))
        if not result.released:
            raise RapportError(
                f"Wave {result.wave} is still open, so it has no figures to export yet: they "
                "are released when the wave is closed. Close it first (`rapport close "
                f"{folder} --wave {result.wave}`, or Close wave in the Pulses section), or "
                "export an earlier wave with --wave."
            )
        tables = xlsx is not None or csv is not None
        files = write_exports(
            result,
            pptx=pptx,
            xlsx=xlsx,
            csv=csv,
            hotspots=hotspots,
            day=day,
            progress=sub_progress(progress, 0.7, 1.0),
            logo=workspace_logo(folder) if pptx is not None else None,
            comments=shown_comments(db, exportable(result)) if tables else None,
        )
        return [
            log_export(db, kind, path, result.wave, detail, day=day) for kind, path, detail in files
        ]
    finally:
        db.close()


def write_exports(
    result: AnalysisResult,
    *,
    pptx: Path | None = None,
    xlsx: Path | None = None,
    csv: Path | None = None,
    hotspots: int = DEFAULT_HOTSPOT_SLIDES,
    day: dt.date | None = None,
    progress: Progress | None = None,
    logo: Logo | None = None,
    comments: list[SharedComment] | None = None,
) -> list[tuple[str, Path, str]]:
    """Write the requested files of ``result``; return ``(kind, path, detail)`` per file.

    ``logo`` goes on the deck; ``comments`` (the redacted comments that may be shown) fill
    the workbook's and the CSV folder's comments table.
    """
    from analysis.export.pptx import write_deck
    from analysis.export.tables import TABLE_NAMES, write_csv, write_xlsx

    report = sub_progress(progress, 0.0, 1.0)
    written: list[tuple[str, Path, str]] = []
    shown = min(hotspots, len(exportable(result).hotspots))
    if pptx is not None:
        path = write_deck(
            result, pptx, sub_progress(report, 0.0, 0.8), hotspots=hotspots, day=day, logo=logo
        )
        written.append(
            ("pptx", path, f"deck with {shown} hotspot slide{'' if shown == 1 else 's'}")
        )
    sheets = [n for n in TABLE_NAMES if n != "comments" or comments is not None]
    if xlsx is not None:
        report(0.85, "Writing the workbook")
        path = write_xlsx(result, xlsx, day=day, comments=comments)
        written.append(("xlsx", path, ", ".join(sheets)))
    if csv is not None:
        report(0.95, "Writing the CSV files")
        files = write_csv(result, csv, comments=comments)
        written.append(("csv", Path(csv), ", ".join(f.name for f in files)))
    report(1.0, "Export finished")
    return written
