"""The names published for the respondent's typing hint tell colleagues nothing of HR's.

Every colleague may read ``published/``. HR types a name into Settings' redaction list
typically after comments named that person; the published file listed the typed names
first, as typed, before the imported employee list (fourth hostile round), so a colleague
could read off whom HR had added, and by comparing two waves' files, when.
"""

from __future__ import annotations

import json
from pathlib import Path

from surveys.importing import import_names
from surveys.importing.text import fold
from surveys.publish import published_path
from surveys.store import open_workspace, set_setting
from tests.surveys.transport_helpers import WAVE, publish

STAFF = "Name\nAnna Schmidt\nBarry Jones\nPriya Raman\nZoë Lambert\n"


def _published_names(workspace: Path, share: Path, typed: list[str]) -> list[str]:
    db = open_workspace(workspace)
    set_setting(db, "redaction_names", typed)
    db.close()
    publish(workspace, share)
    return json.loads(published_path(share, WAVE).read_text(encoding="utf-8"))["redaction_names"]


def test_names_hr_typed_cannot_be_told_from_the_employee_list(
    workspace: Path, tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_names(workspace, staff)
    share = tmp_path / "share"

    before = _published_names(workspace, share, [])
    # After reading the wave's comments, HR adds two people the list already holds.
    after = _published_names(workspace, share, ["Dr. Barry Jones", "priya RAMAN"])

    assert after == before == ["anna schmidt", "barry jones", "priya raman", "zoe lambert"]


def test_a_typed_name_off_the_list_is_written_like_the_others(
    workspace: Path, tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    import_names(workspace, staff)

    names = _published_names(workspace, tmp_path / "share", ["Olumide Adé-Bello", "Zed Quinn"])

    assert names == sorted(names) and all(name == fold(name) for name in names)
    assert {"olumide ade-bello", "zed quinn"} <= set(names)
