"""Imported comments go through the same redaction as every other comment, imported names too."""

from __future__ import annotations

import sqlite3

from analysis.pipeline import analyse_workspace
from surveys.importing import import_file, import_names, parse_mapping
from surveys.store import create_workspace, database_path

MAPPING = """format: rapport-import-1
layout: wide
department: {column: Team}
wave: {fixed: 2025-10}
scales:
  agreement: {disagree: 2, agree: 4}
columns:
  IT is quick to answer: {target: IT, item: timely, scale: agreement}
  Comments about IT: {target: IT, item: comment}
drop:
  Respondent: identity (name)
"""


def test_imported_comments_are_redacted_with_the_imported_names(tmp_path):
    workspace = tmp_path / "ws"
    create_workspace(workspace).close()
    names = tmp_path / "staff.csv"
    names.write_text("Name\nPriya Raman\nTomasz Nowak\n", encoding="utf-8")
    import_names(workspace, names)
    rows = ["Respondent,Team,IT is quick to answer,Comments about IT"]
    rows += [
        f"Person {i},Sales,agree,Priya Raman fixed it; write to help.desk@corp.example {i}"
        for i in range(6)
    ]
    data = tmp_path / "sheet.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_file(workspace, data, parse_mapping(MAPPING))
    analyse_workspace(workspace)
    conn = sqlite3.connect(database_path(workspace))
    stored = conn.execute("SELECT text, redacted FROM comments ORDER BY id").fetchall()
    conn.close()
    assert len(stored) == 6
    text, redacted = stored[0]
    assert text == "Priya Raman fixed it; write to help.desk@corp.example 0"
    assert redacted == "[name] fixed it; write to [email] 0"


def test_a_name_list_imported_again_without_a_name_keeps_it_redacted(tmp_path):
    """A colleague's "staff list" (or HR's next export, the leaver gone) without Raman:
    importing it replaced the list, the next analysis redacted the comments again from their
    text, and "Raman fixed it" showed in a released wave's comments, the summary saying only
    "replacing 2"."""
    workspace = tmp_path / "ws"
    create_workspace(workspace).close()
    first, second = tmp_path / "staff.csv", tmp_path / "staff_now.csv"
    first.write_text("Name\nPriya Raman\nTomasz Nowak\n", encoding="utf-8")
    second.write_text("Name\nTomasz Nowak\nAda Obi\n", encoding="utf-8")
    import_names(workspace, first)
    rows = ["Respondent,Team,IT is quick to answer,Comments about IT"]
    rows += [f"Person {i},Sales,agree,Raman fixed it in {i} days" for i in range(6)]
    data = tmp_path / "sheet.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_file(workspace, data, parse_mapping(MAPPING))
    analyse_workspace(workspace)
    report = import_names(workspace, second)
    analyse_workspace(workspace)
    conn = sqlite3.connect(database_path(workspace))
    redacted = [r for (r,) in conn.execute("SELECT redacted FROM comments ORDER BY id")]
    conn.close()
    assert redacted[0] == "[name] fixed it in 0 days" and len(redacted) == 6
    assert not any("Raman" in text for text in redacted)
    assert "1 name imported before and not in this file is kept" in report.summary()
