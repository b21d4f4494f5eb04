"""The respondent path never loads the sentiment model's weights.

A respondent fills in and submits a survey (with a comment that raises the privacy hint)
in a fresh Python process that watches every file it opens (an audit hook). The weights
(``analysis/data/sentiment_model.npz``) must never be opened and the model module never
imported; then, as a control, the same process loads the model and the hook must see it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RESPOND_AND_SUBMIT = """
import json, sys
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

opened = []
def watch(event, args):
    if event == "open" and str(args[0]).endswith("sentiment_model.npz"):
        opened.append(str(args[0]))
sys.addaudithook(watch)

app = QApplication([])
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard

def click(widget):
    QTest.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))

source = TeamSource(sys.argv[1], hold=False)  # delivered at once: the inbox shows it
[survey] = source.unanswered()
wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s),
                      token=source.token(survey))
wizard.show()
QTest.qWaitForWindowExposed(wizard)
click(wizard.next_button)
click(wizard.departments_page.boxes["IT"])
click(wizard.next_button)
page = wizard.department_pages["IT"]
for row in page.rows:
    click(row.buttons[1])
click(page.comment)
QTest.keyClicks(page.comment, "Tickets wait for weeks; write to ann@example.com to chase.")
app.processEvents()
click(wizard.next_button)
click(wizard.next_button)  # submit
submitted = wizard.current_page() is wizard.thanks
during = {"opened": list(opened), "model_imported": "analysis.sentiment.model" in sys.modules,
          "submitted": submitted}
from analysis.sentiment.model import load_model
load_model()
print(json.dumps({"during": during, "control_opened": len(opened) > len(during["opened"])}))
"""


def test_a_respondent_fills_in_and_submits_without_loading_the_weights(share: Path) -> None:
    # This computer's Rapport folder: the ``share`` fixture's app already holds its ticket.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RAPPORT_HOME=os.environ["RAPPORT_HOME"])
    done = subprocess.run(
        [sys.executable, "-c", RESPOND_AND_SUBMIT, str(share)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["during"]["submitted"] is True  # the survey really was sent
    assert len(list((share / "inbox").iterdir())) == 1
    assert report["during"]["opened"] == []
    assert report["during"]["model_imported"] is False
    assert report["control_opened"] is True  # the hook does see the weights being read
