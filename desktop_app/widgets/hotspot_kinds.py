"""What each kind of hotspot means, in words, for the tooltip of its name.

"Kind: feud" or "one-sided" names a rule of ``analysis.hotspots`` that HR has not read;
the tooltip says it (docs/analysis.md, step 5).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_help(kind: str) -> str:
    """A sentence on what the hotspot kind ``kind`` means ("" for an unknown kind)."""
    texts = {
        "deteriorating": QCoreApplication.translate(
            "hotspots",
            "Deteriorating: the index fell clearly since an earlier wave, by more than "
            "chance would explain.",
        ),
        "feud": QCoreApplication.translate(
            "hotspots", "Feud: both departments rate each other weak."
        ),
        "one-sided": QCoreApplication.translate(
            "hotspots",
            "One-sided: this department rates the other weak, while the other rates it "
            "clearly better.",
        ),
        "disconnected": QCoreApplication.translate(
            "hotspots",
            "Disconnected: the two departments rarely talk and know little of each other's work.",
        ),
    }
    return texts.get(kind, "")
