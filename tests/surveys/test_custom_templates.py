"""Survey templates loaded into a workspace: validated with line numbers, kept stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.custom_templates import available_templates, load_custom_template
from surveys.store import open_workspace
from surveys.templates import TemplateError

OURS = """\
key: our-pulse
title: Our pulse
intro: Four questions about each department you worked with.
questions:
  - item: timely
    text: They answer in time.
  - item: respect
    text: They value our work.
  - item: overall
    text: Overall, working with them is…
  - item: comment
    text: One thing that would help?
"""


def _file(tmp_path: Path, text: str, name: str = "ours.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_loaded_template_is_offered_after_the_built_in_ones(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    template = load_custom_template(db, _file(tmp_path, OURS))
    choices = available_templates(db)
    db.close()
    assert template.title == "Our pulse"
    assert [c.key for c in choices if c.builtin] == ["full-pulse", "liaison-check", "short-pulse"]
    (ours,) = [c for c in choices if not c.builtin]
    assert ours.key == "our-pulse" and ours.per_wave == 4
    assert next(c for c in choices if c.key == "short-pulse").per_wave == 5


def test_problems_are_listed_with_their_lines_and_nothing_is_stored(workspace, tmp_path) -> None:
    bad = OURS.replace("item: respect", "item: respectt").replace("title: Our pulse", "title: ")
    db = open_workspace(workspace)
    with pytest.raises(TemplateError) as caught:
        load_custom_template(db, _file(tmp_path, bad))
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (2, "title"),
        (7, "questions[2].item"),
    ]
    assert "ours.yaml:7: questions[2].item: unknown item 'respectt'" in str(caught.value)
    assert [c.key for c in available_templates(db) if not c.builtin] == []
    db.close()


def test_a_built_in_key_is_refused(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    with pytest.raises(
        TemplateError, match=r"ours.yaml:1: key: 'short-pulse' is the key of a built-in"
    ):
        load_custom_template(db, _file(tmp_path, OURS.replace("our-pulse", "short-pulse")))
    db.close()


def test_a_changed_template_that_a_wave_asked_needs_its_own_key(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    load_custom_template(db, _file(tmp_path, OURS))
    survey_id = db.execute("SELECT id FROM surveys WHERE key = 'our-pulse'").fetchone()[0]
    db.execute(
        "INSERT INTO waves(name, survey_id, status) VALUES ('2026-11', ?, 'open')", [survey_id]
    )
    load_custom_template(db, _file(tmp_path, OURS))  # the same file again: fine
    changed = OURS.replace("They answer in time.", "They reply on time.")
    with pytest.raises(TemplateError, match="wave 2026-11 already asked .* our-pulse-2"):
        load_custom_template(db, _file(tmp_path, changed))
    stored = db.execute("SELECT definition FROM surveys WHERE key = 'our-pulse'").fetchone()[0]
    db.close()
    assert "They answer in time." in stored
