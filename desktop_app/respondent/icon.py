"""Rapport's icon for the respondent's windows and tray (kept apart: cheap to import)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "rapport.svg"


def app_icon() -> QIcon:
    """Rapport's icon, drawn as SVG in desktop_app/resources."""
    from PySide6.QtGui import QIcon

    return QIcon(str(ICON_PATH))
