"""What the tests of `rapport import` on real export variants share (variant fixtures,
the tidy twin, running the command, looking for identities left in the workspace)."""

from __future__ import annotations

import sqlite3

from desktop_app.cli import main
from surveys.csv_import import import_csv
from surveys.store import database_path
from tests.surveys.importing.helpers import content, every_cell, fixture, identities, new_workspace
from tests.surveys.importing.variant_writers import EXTRA_IDENTITIES


def variant(name: str):
    return fixture("variants") / name


def twin(tmp_path, tidy: str):
    workspace = new_workspace(tmp_path / "twin")
    import_csv(workspace, fixture(tidy))
    return content(workspace)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def no_identity_in(workspace) -> list[tuple[str, str]]:
    values = [v for v in [*identities(), *EXTRA_IDENTITIES] if len(v) >= 4]
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = database_path(workspace).read_bytes()
    leaks = [(t, v) for t, text in every_cell(workspace) for v in values if v in text]
    return leaks + [("file", v) for v in values if v.encode() in raw]


def tip(widget) -> str:
    """A widget's tooltip as shown: wrapped rich text (``wrapped_tip``) read back as plain
    text, after checking that Qt takes it for rich text, so that it wraps (review53)."""
    from PySide6.QtGui import Qt, QTextDocumentFragment

    text = widget.toolTip()
    assert not text or Qt.mightBeRichText(text), f"a tooltip on one line: {text!r}"
    return QTextDocumentFragment.fromHtml(text).toPlainText()
