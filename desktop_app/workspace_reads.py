"""Quick reads of a workspace for the HR window and its sections, on the GUI thread.

Each opens the workspace, reads one row (milliseconds, even for millions of answers) and
closes it; none imports SciPy, scikit-learn or NLTK. Kept apart from the window so that
its sections can ask too without importing the window (which imports them).
"""

from __future__ import annotations

from pathlib import Path

from surveys.store import open_workspace

__all__ = ["stored_result", "workspace_has_responses"]


def workspace_has_responses(path: Path) -> bool:
    """Whether any answer reached the workspace; one indexed row, milliseconds.

    A workspace that cannot be read counts as having answers: the analysis that follows
    reports the problem in plain words.
    """
    from surveys.errors import RapportError
    from surveys.pulses import has_responses

    try:
        db = open_workspace(path)
    except RapportError:
        return True
    try:
        return has_responses(db)
    finally:
        db.close()


def stored_result(path: Path, wave: str | None = None):
    """The stored analysis result of ``wave`` if it is still current, else ``None``.

    Reads one row (milliseconds, even for millions of answers); imports no SciPy,
    scikit-learn or NLTK. A workspace that cannot be read simply has no stored result:
    the analysis that follows reports the problem in plain words.
    """
    from analysis.result_store import cached_result
    from surveys.errors import RapportError

    try:
        db = open_workspace(path)
    except RapportError:
        return None
    try:
        return cached_result(db, wave)
    finally:
        db.close()
