"""The demo workspace: a realistic, reproducible organisation to explore Rapport with.

:func:`build_demo` writes "Northwind Diagnostics" (Sales 40, IT 25, Marketing 15,
Operations 60) with six monthly pulses of the full survey, ratings and comments in which
the stories of ``docs/demo.md`` are planted (see :mod:`surveys.demo_story`), and the
joint action Sales and Marketing agreed in wave 3. The same seed always gives the same
database content.

The database is built in a staging folder and moved into place only when complete, so a
failure or a cancel leaves the target folder as it was.
"""

from __future__ import annotations

import enum
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from surveys.demo_fill import fill_demo
from surveys.demo_story import HEADCOUNTS, ORGANISATION
from surveys.errors import RapportError
from surveys.progress import Progress, no_progress
from surveys.store import DB_NAME, WorkspaceError, create_workspace, get_setting, open_workspace

_STAGING_PREFIX = ".rapport-demo-"


class DemoError(RapportError):
    """The demo workspace cannot be written where it was asked to go."""


class FolderState(enum.Enum):
    """What a folder holds, as far as writing the demo into it is concerned."""

    NEW = "new"  # missing or empty: the demo can be written
    DEMO = "demo"  # a demo workspace: it will be replaced
    WORKSPACE = "workspace"  # a real workspace: replaced only when forced
    OTHER = "other"  # other files: never touched


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`build_demo` wrote (counts are rows in the database)."""

    folder: Path
    seed: int
    organisation: str
    departments: int
    waves: int
    submissions: int
    answers: int
    comments: int
    distinct_comments: int
    actions: int
    small_cells: int  # (wave, from, to) cells with fewer than demo_story.MIN_GROUP raters
    participation: tuple[float, float]  # lowest and highest share of headcount answering
    wave_names: tuple[str, ...]
    replaced: FolderState  # what the folder held before


def folder_state(folder: str | Path) -> FolderState:
    """Tell whether ``folder`` is free for the demo, holds a (demo) workspace or other files.

    Parameters
    ----------
    folder : path
        The folder the demo would be written to.

    Returns
    -------
    FolderState
        ``NEW`` for a missing or empty folder, ``DEMO`` for a workspace built by
        :func:`build_demo`, ``WORKSPACE`` for any other workspace (also one that cannot be
        read) and ``OTHER`` for a folder with other files, or a path that is a file.
    """
    folder = Path(folder)
    if not folder.exists():
        return FolderState.NEW
    if not folder.is_dir():
        return FolderState.OTHER
    if not (folder / DB_NAME).exists():
        leftovers = [p for p in folder.iterdir() if not p.name.startswith(_STAGING_PREFIX)]
        return FolderState.OTHER if leftovers else FolderState.NEW
    try:
        db = open_workspace(folder, migrate=False)
        try:
            is_demo = get_setting(db, "demo") is not None
        finally:
            db.close()
    except (WorkspaceError, sqlite3.Error, ValueError, OSError):
        return FolderState.WORKSPACE
    return FolderState.DEMO if is_demo else FolderState.WORKSPACE


def check_folder(folder: str | Path, *, force: bool = False) -> FolderState:
    """Return :func:`folder_state` or raise :class:`DemoError` if the demo may not go there.

    A real workspace is replaced only with ``force``; a folder with other files never.
    """
    state = folder_state(folder)
    if state is FolderState.OTHER:
        raise DemoError(
            f"{folder} is not empty and is not a Rapport workspace; the demo will not write "
            "into it. Choose a new or empty folder with --workspace."
        )
    if state is FolderState.WORKSPACE and not force:
        raise DemoError(
            f"{folder} holds a Rapport workspace that is not a demo; the demo would replace its "
            "data. Choose another folder with --workspace, or add --force to replace it."
        )
    return state


def build_demo(
    folder: str | Path,
    seed: int = 0,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> DemoSummary:
    """Write the demo workspace into ``folder``.

    Parameters
    ----------
    folder : path
        Created if missing. An earlier demo workspace there is replaced.
    seed : int
        The same seed gives the same database content.
    progress : callable, optional
        Called with (fraction, message); an exception raised from it stops the build and
        leaves ``folder`` as it was.
    force : bool
        Also replace a workspace that is not a demo.

    Returns
    -------
    DemoSummary
        Counts of what was written.

    Raises
    ------
    DemoError
        If ``folder`` holds other files, a real workspace and ``force`` is false, or
        cannot be written.
    """
    folder = Path(folder)
    report = progress or no_progress
    state = check_folder(folder, force=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise DemoError(
            f"Cannot write the demo workspace in {folder} ({exc.strerror}); choose a folder "
            "you can write to with --workspace."
        ) from exc
    try:
        report(0.0, "Creating the workspace")
        db = create_workspace(staging, list(HEADCOUNTS), dict(HEADCOUNTS))
        try:
            counts = fill_demo(db, seed, report)
        finally:
            db.close()
        report(0.95, "Moving the workspace into place")
        _install(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report(1.0, "Demo workspace ready")
    return DemoSummary(
        folder=folder, seed=seed, organisation=ORGANISATION, replaced=state, **counts
    )


def _install(staging: Path, folder: Path) -> None:
    """Move the finished workspace files from ``staging`` into ``folder``."""
    for suffix in ("-wal", "-shm"):
        stale = folder / f"{DB_NAME}{suffix}"
        if stale.exists():
            stale.unlink()
    for path in sorted(staging.iterdir(), key=lambda p: p.name == DB_NAME):
        os.replace(path, folder / path.name)
