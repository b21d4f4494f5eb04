"""Per-user folders (respondent secret, outbox, settings) for each platform.

``RAPPORT_HOME`` overrides everything (tests point it at a temporary folder so they never
touch a real user's data).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """The per-user folder Rapport owns (created on first use)."""
    override = os.environ.get("RAPPORT_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Rapport"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Rapport"
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "rapport"
    base.mkdir(parents=True, exist_ok=True)
    return base
