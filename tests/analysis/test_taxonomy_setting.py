"""The workspace's taxonomy setting: HR's copy is stored, checked, and dropped when shipped."""

from __future__ import annotations

import pytest

from analysis.taxonomy_setting import (
    TAXONOMY_SETTING,
    save_workspace_taxonomy,
    shipped_taxonomy_text,
    workspace_taxonomy,
    workspace_taxonomy_text,
)
from analysis.themes import TaxonomyError
from surveys.store import get_setting, open_workspace

EDITED = 'version: 1\nthemes:\n  - id: vendors\n    label: "Vendors"\n    keywords: ["vendor"]\n'


@pytest.fixture
def db(workspace):
    db = open_workspace(workspace)
    yield db
    db.close()


def test_a_new_workspace_uses_the_shipped_taxonomy(db) -> None:
    assert workspace_taxonomy(db) is None
    assert workspace_taxonomy_text(db) == shipped_taxonomy_text()


def test_an_edited_taxonomy_is_stored_and_versioned_by_its_text(db) -> None:
    save_workspace_taxonomy(db, EDITED)
    assert get_setting(db, TAXONOMY_SETTING) == EDITED
    taxonomy = workspace_taxonomy(db)
    assert [t.id for t in taxonomy.themes] == ["vendors"]
    assert taxonomy.version.startswith("workspace-")
    save_workspace_taxonomy(db, EDITED.replace("vendor", "supplier"))
    assert workspace_taxonomy(db).version != taxonomy.version


def test_saving_the_shipped_text_removes_the_copy(db) -> None:
    save_workspace_taxonomy(db, EDITED)
    save_workspace_taxonomy(db, shipped_taxonomy_text())
    assert get_setting(db, TAXONOMY_SETTING) is None
    assert workspace_taxonomy(db) is None


def test_an_invalid_taxonomy_is_refused_with_its_line_and_nothing_is_stored(db) -> None:
    save_workspace_taxonomy(db, EDITED)
    with pytest.raises(TaxonomyError, match="line 3"):
        save_workspace_taxonomy(db, "version: 1\nthemes:\n  - id: Bad Id\n    label: X\n")
    assert get_setting(db, TAXONOMY_SETTING) == EDITED
