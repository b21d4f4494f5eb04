"""What a published survey announces: the workspace's min_group, and optional results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveys.publish import PublishError, published_path
from surveys.publish_checks import workspace_min_group
from surveys.published import read_published
from surveys.store import open_workspace, set_setting
from tests.surveys.transport_helpers import WAVE, publish


@pytest.mark.parametrize(
    ("stored", "announced"),
    [({}, 5), ({"min_group": 7}, 7), ({"min_group": 1}, 3), ({"min_group": "lots"}, 5)],
)
def test_published_file_announces_the_workspace_min_group(
    workspace: Path, tmp_path: Path, stored: dict, announced: int
) -> None:
    db = open_workspace(workspace)
    for key, value in stored.items():
        set_setting(db, key, value)
    set_setting(db, "min_group_size", 11)  # an old key that nothing reads any more
    assert workspace_min_group(db) == announced
    db.close()
    share = tmp_path / "share"
    survey = publish(workspace, share)
    data = json.loads(published_path(share, WAVE).read_text(encoding="utf-8"))
    assert data["min_group_size"] == announced == survey.min_group_size
    assert "results" not in data


def test_results_travel_in_the_published_file(workspace: Path, tmp_path: Path) -> None:
    pair = {"from": "Sales", "to": "IT", "index": 3.1}
    results = {"wave": "2026-09", "summary": "Better.", "pairs": [pair]}
    survey = publish(workspace, tmp_path / "share", results=results)
    assert survey.results == results
    assert read_published(survey.path).results == results


@pytest.mark.parametrize(
    ("results", "message"),
    [
        (["not", "an", "object"], "must be an object"),
        ({"pairs": [{"from": "Sales", "to": "IT"}]}, "pair 1 needs 'from', 'to' and 'index'"),
        ({"summary": 3}, "'summary' must be text"),
        ({"pairs": [], "when": object()}, "cannot be written as JSON"),
    ],
)
def test_unusable_results_are_refused_and_nothing_is_published(
    workspace: Path, tmp_path: Path, results, message: str
) -> None:
    share = tmp_path / "share"
    with pytest.raises(PublishError, match=message):
        publish(workspace, share, results=results)
    assert not published_path(share, WAVE).exists()


def test_a_damaged_results_entry_does_not_hide_the_survey(workspace: Path, tmp_path: Path) -> None:
    survey = publish(workspace, tmp_path / "share")
    data = json.loads(survey.path.read_text(encoding="utf-8"))
    data["results"] = "garbled"
    survey.path.write_text(json.dumps(data), encoding="utf-8")
    again = read_published(survey.path)
    assert (again.wave, again.results) == (WAVE, None)
