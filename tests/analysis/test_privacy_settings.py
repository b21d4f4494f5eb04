"""The stored name list: names typed in Settings and people imported from an HR system."""

from __future__ import annotations

import pytest

from analysis.pipeline import analyse_workspace
from analysis.privacy import redaction_stamp
from analysis.privacy_settings import (
    redaction_departments,
    redaction_names,
    save_redaction_names,
)
from surveys.store import get_setting, open_workspace, set_setting
from tests.analysis.core_helpers import Filler, fake_engine

IMPORTED = {"format": 1, "people": [["maria", "garcia"], ["jean luc", "martin"], ["cher", ""]]}


def test_typed_and_imported_names_are_one_list(workspace) -> None:
    db = open_workspace(workspace)
    save_redaction_names(db, ["  Anna   Schmidt ", "Raj Patel", "Raj Patel", ""])
    set_setting(db, "redaction_people", IMPORTED)
    assert redaction_names(db) == ["Anna Schmidt", "Raj Patel", "cher", "jean luc martin",
                                   "maria garcia"]  # fmt: skip
    assert redaction_names(db, imported=False) == ["Anna Schmidt", "Raj Patel"]
    assert get_setting(db, "redaction_names") == ["Anna Schmidt", "Raj Patel"]
    db.close()


@pytest.mark.parametrize(
    "value",
    [None, [], "maria garcia", {"format": 2, "people": [["a", "b"]]},
     {"format": 1, "people": "maria"}, {"format": 1, "people": [["maria"], [1, 2], "x"]}],
)  # fmt: skip
def test_an_unreadable_import_adds_no_names(workspace, value) -> None:
    db = open_workspace(workspace)
    set_setting(db, "redaction_names", ["Raj Patel"])
    if value is not None:
        set_setting(db, "redaction_people", value)
    partly = isinstance(value, dict) and value.get("format") == 1 and value["people"] != "maria"
    assert redaction_names(db) == ["Raj Patel"] + (["maria"] if partly else [])
    db.close()


def test_imported_normalised_names_redact_names_as_written(workspace) -> None:
    filler = Filler(workspace)
    for text in ("María García never replies", "ask Jean-Luc", "Cher was great", "all fine"):
        filler.group("2026-10", "Sales", "IT", 1, 3, comments=[text])
    filler.group("2026-10", "Sales", "IT", 4, 3)
    set_setting(filler.db, "redaction_people", IMPORTED)
    filler.close()
    analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    stored = sorted(r[0] for r in db.execute("SELECT redacted FROM comments"))
    stamps = {r[0].rsplit("+", 1)[1] for r in db.execute("SELECT analysed_with FROM comments")}
    assert stored == ["[name] never replies", "[name] was great", "all fine", "ask [name]"]
    assert stamps == {redaction_stamp(redaction_names(db), redaction_departments(db))}
    db.close()
