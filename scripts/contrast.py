"""Print the WCAG contrast ratio of Rapport's main text/background pairs, light and dark.

    .venv/bin/python scripts/contrast.py

Exits 1 when a pair is below its threshold (4.5:1 for text, 3:1 for the focus ring).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desktop_app.contrast import all_pairs, report

    _app = QApplication.instance() or QApplication(["contrast", "-platform", "offscreen"])
    pairs = all_pairs()
    print(report(pairs))
    failed = [p for p in pairs if not p.passes]
    print(f"{len(pairs) - len(failed)} of {len(pairs)} pairs pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
