"""The repository's files as git sees them (tracked, plus new files not ignored), for the
tests that check what the repository names and holds."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@cache
def listed_files() -> tuple[str, ...]:
    """Paths relative to the repository root, ``/``-separated."""
    return tuple(
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    )
