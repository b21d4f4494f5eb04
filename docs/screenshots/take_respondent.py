"""Take the respondent wizard's screenshots (docs/screenshots/respondent-*.png).

Run under a virtual display so the real platform plugin and fonts are used:

    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python docs/screenshots/take_respondent.py

It builds a throw-away workspace and shared folder, publishes the full pulse, answers it as
a Sales respondent and grabs every page at 100 %, then runs itself again with
QT_SCALE_FACTOR=1.5 for one page at 150 %. Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
PASSPHRASE = "screenshots only, not a secret"


def build_share(root: Path) -> Path:
    from surveys.publish import publish_wave
    from surveys.store import create_workspace, set_setting

    db = create_workspace(root / "ws", headcounts={"Sales": 40, "IT": 25, "Marketing": 15})
    set_setting(db, "redaction_names", ["Priya Shah"])
    publish_wave(
        db, root / "share", "2026-10", "full-pulse", closes="2099-12-31", passphrase=PASSPHRASE
    )
    db.close()
    # HR may share last wave's figures; the thank-you page shows what changed for Sales.
    published = root / "share" / "published" / "2026-10.json"
    data = json.loads(published.read_text(encoding="utf-8"))
    data["results"] = {
        "wave": "2026-09",
        "summary": "Sales and IT now meet every second Tuesday to plan report changes.",
        "pairs": [
            {"from": "Sales", "to": "IT", "index": 3.1, "previous": 2.7},
            {"from": "IT", "to": "Sales", "index": 3.8, "previous": 3.9},
        ],
    }
    published.write_text(json.dumps(data), encoding="utf-8")
    return root / "share"


def answer(wizard, shots: dict[str, object]) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    def snap(name: str) -> None:
        QApplication.processEvents()
        shots[name] = wizard.grab()

    snap("1-intro")
    wizard.next_button.click()
    for name in ("IT", "Operations"):
        wizard.departments_page.boxes[name].setChecked(True)
    snap("2-departments")
    wizard.next_button.click()
    page = wizard.department_pages["IT"]
    for row, value in zip(page.rows, (4, 2, 3, 2, 4, 2, 3, 2), strict=False):
        row.set_value(value)
    page.comment.setPlainText("Three weeks for a report change. Ask priya.shah@example.com.")
    page.rows[0].focus_first()
    snap("3-department")
    wizard.next_button.click()
    for row in wizard.department_pages["Operations"].rows:
        row.set_value(4)
    wizard.next_button.click()
    snap("4-review")
    wizard.next_button.click()
    snap("5-thanks")


def main() -> None:
    scaled = os.environ.get("QT_SCALE_FACTOR") == "1.5"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RAPPORT_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from desktop_app.respondent.source import TeamSource
        from desktop_app.respondent.wizard import SurveyWizard

        app = QApplication(sys.argv[:1])
        source = TeamSource(build_share(Path(tmp)))
        [survey] = source.unanswered()
        wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s))
        wizard.show()
        shots: dict[str, object] = {}
        answer(wizard, shots)
        for name, pixmap in shots.items():
            if scaled and name != "3-department":
                continue
            suffix = "-150" if scaled else ""
            pixmap.save(str(OUT / f"respondent-{name}{suffix}.png"))
        app.quit()
    if not scaled:
        env = dict(os.environ, QT_SCALE_FACTOR="1.5")
        subprocess.run([sys.executable, __file__], env=env, check=True)
        print(f"Saved respondent screenshots in {OUT}")


if __name__ == "__main__":
    main()
