"""People missing from HR's list are redacted end to end: stored, listed and exported.

A fresh workspace has no name list at all. Its comments name colleagues by given name, by
title and family name, and mention a department whose name holds a given name; the real
``rapport export`` writes the deck, workbook and CSV files, which are read back in full.
"""

from __future__ import annotations

from pathlib import Path

from analysis.comments_query import CommentFilter, fetch_rows, select_groups
from analysis.pipeline import analyse_workspace
from analysis.privacy import redact
from analysis.privacy_settings import redaction_departments, redaction_names
from desktop_app.cli import main
from surveys.departments import add_department, rename_department
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler, fake_engine
from tests.analysis.export_fixtures import written_texts

COMMENTS = [
    "Thanks to Kavita in IT, she fixed it in minutes",
    "Ask Tomasz from sales, he knows the system",
    "Dr Okafor listened to us every time",
    "Mr. Lindqvist never replies to tickets",
    "Chinedu and Sigrid covered the night shift",
    "The Florence Unit handover to IT works well",
    "Slow replies from IT all month, tickets pile up",
]
#: What must never be shown or written: every unlisted person's name.
PEOPLE = ["Kavita", "Tomasz", "Okafor", "Lindqvist", "Chinedu", "Sigrid"]


def _workspace(folder: Path) -> None:
    db = open_workspace(folder)
    add_department(db, "Florence Unit", 30)
    db.close()
    filler = Filler(folder)
    filler.group("2026-10", "Sales", "IT", 14, 2, comments=COMMENTS)
    filler.group("2026-10", "Marketing", "IT", 8, 3)
    filler.group("2026-10", "Operations", "Sales", 8, 4)
    filler.close()


def test_unlisted_names_are_never_shown_or_exported(workspace: Path, tmp_path: Path) -> None:
    _workspace(workspace)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["analyze", str(workspace)]) == 0
    db = open_workspace(workspace)
    try:
        assert redaction_names(db) == []  # no list from HR at all
        stored = {
            text: redacted for text, redacted in db.execute("SELECT text, redacted FROM comments")
        }
        flt = CommentFilter(wave="2026-10")
        listed = [row.text for row in fetch_rows(db, flt, select_groups(db, flt), 0, 100)]
    finally:
        db.close()
    assert stored["Thanks to Kavita in IT, she fixed it in minutes"] == (
        "Thanks to [name] in IT, she fixed it in minutes"
    )
    assert stored["Dr Okafor listened to us every time"] == "Dr [name] listened to us every time"
    assert stored["Chinedu and Sigrid covered the night shift"] == (
        "[name] and [name] covered the night shift"
    )
    assert stored[COMMENTS[5]] == COMMENTS[5]  # a department is not a person
    assert len(listed) == 14 and "Dr [name] listened to us every time" in listed
    assert not [text for text in listed if any(person in text for person in PEOPLE)]
    command = ["export", str(workspace), "--pptx", str(out / "deck.pptx")]
    command += ["--xlsx", str(out / "tables.xlsx"), "--csv", str(out / "csv")]
    assert main(command) == 0
    written = written_texts(out)
    assert [(f, p) for f, text in written.items() for p in PEOPLE if p in text] == []
    assert any("[name]" in text for text in written.values())  # redacted quotes are kept


def test_a_renamed_department_redacts_again(workspace: Path) -> None:
    """Department names are part of the redaction's stamp: after a rename, screens skip the
    old redaction until the next analysis redacts the comment with the new names."""
    _workspace(workspace)
    analyse_workspace(workspace, engine=fake_engine())
    flt = CommentFilter(wave="2026-10")
    db = open_workspace(workspace)
    try:
        assert "Florence Unit" in redaction_departments(db)
        assert COMMENTS[5] in [r.text for r in fetch_rows(db, flt, select_groups(db, flt), 0, 99)]
        rename_department(db, "Florence Unit", "Ward 7")
        assert fetch_rows(db, flt, select_groups(db, flt), 0, 99) == []  # redacted with old names
    finally:
        db.close()
    analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    try:
        shown = [r.text for r in fetch_rows(db, flt, select_groups(db, flt), 0, 99)]
    finally:
        db.close()
    assert "The [name] handover to IT works well" in shown and len(shown) == 14


def test_department_words_are_kept_only_as_the_whole_department_name() -> None:
    departments = ["Florence Unit", "Marketing"]
    assert redact(COMMENTS[5], (), departments) == COMMENTS[5]
    assert redact(COMMENTS[5]) == "The [name] handover to IT works well"
    assert redact("ask Florence in the Florence Unit", (), departments) == (
        "ask [name] in the Florence Unit"
    )
