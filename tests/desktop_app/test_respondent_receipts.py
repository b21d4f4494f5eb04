"""The respondent's receipt: shown on the thank-you page, listed as received once HR has
taken the answer in, and what "received" means for an answer HR holds for review.

Split from ``test_respondent_wizard.py``, whose helpers it uses.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop_app.respondent.source import TeamSource
from tests.desktop_app.conftest import PASSPHRASE
from tests.desktop_app.test_respondent_wizard import (  # noqa: F401 - the autouse fixture
    click,
    no_modal_questions,
    open_wizard,
    rate,
    to_page,
)


def test_thank_you_page_gives_a_receipt_that_later_shows_received(
    qtbot, share: Path, workspace: Path
) -> None:
    from desktop_app.respondent.answers_dialog import AnswersDialog
    from surveys.ingest import ingest

    source = TeamSource(share, hold=False)
    wizard = open_wizard(qtbot, source)
    to_page(qtbot, wizard, "IT")
    rate(qtbot, wizard, "IT", {"overall": 4})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    receipt = wizard.thanks.receipt
    assert receipt.isVisible()
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt.text()).group()
    states = AnswersDialog(source.answer_states())
    qtbot.addWidget(states)
    assert states.row_texts()[0][2:] == [
        code,
        "Delivered to the shared folder; HR has not taken it in yet",
    ]

    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 1 and report.receipts == 1
    listed = (share / "receipts" / "2026-10.json").read_text()
    assert code not in listed  # only hashes, padded with decoys
    assert len(json.loads(listed)["hashes"]) % 20 == 0
    con = sqlite3.connect(workspace / "rapport.db")
    assert [c[1] for c in con.execute("PRAGMA table_info(receipts)")] == ["wave_id", "hash"]
    con.close()
    states = AnswersDialog(source.answer_states())
    qtbot.addWidget(states)
    assert states.row_texts()[0][2:] == [code, "Received by HR ✓"]


def test_a_held_answer_shows_received_and_the_dialog_says_that_is_not_counted_yet(
    qtbot, share: Path, workspace: Path
) -> None:
    """Review of the twelfth round: a held answer's receipt is listed (its absence told a
    colleague why it was held), so "Received by HR ✓" shows for an answer HR may still
    delete; the dialog says that received is not counted."""
    from desktop_app.respondent.answers_dialog import AnswersDialog
    from surveys.ingest import ingest

    con = sqlite3.connect(workspace / "rapport.db")
    with con:
        con.execute("UPDATE departments SET headcount = 0")  # every new answer is held
    con.close()
    source = TeamSource(share, hold=False)
    wizard = open_wizard(qtbot, source)
    to_page(qtbot, wizard, "IT")
    rate(qtbot, wizard, "IT", {"overall": 4})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 0
    assert report.quarantined[0].reason.startswith("held for review")

    states = AnswersDialog(source.answer_states())
    qtbot.addWidget(states)
    assert states.row_texts()[0][3] == "Received by HR ✓"
    notes = " ".join(label.text() for label in states.findChildren(QLabel))
    assert "wait for HR to review them before they count" in notes
