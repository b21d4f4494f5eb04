"""Every tool's export imports into the same content as its tidy twin, once, without identity."""

from __future__ import annotations

import re
import sqlite3

import pytest

from surveys.csv_import import import_csv
from surveys.importing import detect_file, import_file, load_mapping
from surveys.store import database_path
from tests.surveys.importing.helpers import (
    CASES,
    content,
    counts,
    every_cell,
    fixture,
    identities,
    new_workspace,
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_is_detected(name):
    assert detect_file(fixture(name)).name == CASES[name][2]


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_equals_the_tidy_twin_and_adds_nothing_the_second_time(tmp_path, name):
    mapping_name, tidy_name, _ = CASES[name]
    wide_ws = new_workspace(tmp_path / "wide")
    tidy_ws = new_workspace(tmp_path / "tidy")
    mapping = load_mapping(fixture(mapping_name))

    report = import_file(wide_ws, fixture(name), mapping)
    import_csv(tidy_ws, fixture(tidy_name))

    expected = content(tidy_ws)
    assert len(expected) >= 10
    assert content(wide_ws) == expected
    assert report.submissions_new == len(expected)
    before = counts(wide_ws)
    again = import_file(wide_ws, fixture(name), mapping)
    assert again.submissions_new == 0
    assert again.submissions_skipped == len(expected)
    assert counts(wide_ws) == before


def test_the_csv_and_tsv_exports_of_one_survey_are_the_same_responses(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    mapping = load_mapping(fixture("qualtrics.map.yaml"))
    import_file(workspace, fixture("qualtrics.csv"), mapping)
    again = import_file(workspace, fixture("qualtrics.tsv"), mapping)
    assert again.submissions_new == 0 and again.submissions_skipped == 11


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_identity_value_reaches_any_table_or_the_database_file(tmp_path, name):
    workspace = new_workspace(tmp_path / "ws")
    import_file(workspace, fixture(name), load_mapping(fixture(CASES[name][0])))
    values = [v for v in identities() if len(v) >= 4]
    assert len(values) > 100  # e-mails, names, IPs, response ids, tokens, URLs
    # The migrations table holds the moment the workspace was made ("... 22:15:18"): a
    # fixture's time of day ("15:18") is found there when the test runs at that minute.
    # Times of day are checked by test_days_are_kept_and_times_are_not, without that table.
    cells = [(t, v) for t, v in every_cell(workspace) if t != "_sqlite_migrations"]
    assert any(table == "answers" for table, _ in cells)
    leaks = [(table, v) for table, text in cells for v in values if v in text]
    assert leaks == []
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = database_path(workspace).read_bytes()
    not_times = [v for v in values if not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", v)]
    assert [v for v in not_times if v.encode() in raw] == []


@pytest.mark.parametrize("name", ["qualtrics.csv", "surveymonkey_eu.csv", "forms.xlsx"])
def test_days_are_kept_and_times_are_not(tmp_path, name):
    workspace = new_workspace(tmp_path / "ws")
    import_file(workspace, fixture(name), load_mapping(fixture(CASES[name][0])))
    conn = sqlite3.connect(database_path(workspace))
    days = {row[0] for row in conn.execute("SELECT day FROM submissions")}
    conn.close()
    assert days and all(re.fullmatch(r"20\d\d-\d\d-\d\d", day) for day in days)
    clock = re.compile(r"\d{1,2}:\d{2}")  # the fixtures' times: 9:12:33, 15:29:05...
    cells = [(t, v) for t, v in every_cell(workspace) if t != "_sqlite_migrations"]
    assert [(t, v) for t, v in cells if clock.search(v)] == []


def test_response_ids_are_keyed_hashes_that_differ_between_workspaces(tmp_path):
    mapping = load_mapping(fixture("qualtrics.map.yaml"))
    ids = []
    for name in ("one", "two"):
        workspace = new_workspace(tmp_path / name)
        import_file(workspace, fixture("qualtrics.csv"), mapping)
        conn = sqlite3.connect(database_path(workspace))
        ids.append({row[0] for row in conn.execute("SELECT id FROM submissions")})
        conn.close()
    assert len(ids[0]) == 11
    assert all(sid.startswith("imp-") and len(sid) == 28 for sid in ids[0])
    assert not ids[0] & ids[1]  # another workspace, another key: nothing to link


def test_google_forms_without_response_ids_is_recognised_on_reimport(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    mapping = load_mapping(fixture("google.map.yaml"))
    first = import_file(workspace, fixture("google.csv"), mapping)
    lines = fixture("google.csv").read_text(encoding="utf-8").splitlines()
    longer = tmp_path / "google-later.csv"
    extra = "10/1/2025 9:00:00,new.person@example.org,Sales,Agree,Agree,,,,,A new comment."
    longer.write_text("\n".join([*lines, extra]) + "\n", encoding="utf-8")
    later = import_file(workspace, longer, mapping)
    assert first.submissions_new == 13
    assert (later.submissions_new, later.submissions_skipped) == (1, 13)


def test_self_ratings_and_not_applicable_answers_are_skipped_and_counted(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    forms = import_file(workspace, fixture("forms.xlsx"), load_mapping(fixture("forms.map.yaml")))
    monkey = import_file(
        workspace, fixture("surveymonkey.xlsx"), load_mapping(fixture("surveymonkey.map.yaml"))
    )
    assert forms.skipped_self == 36  # 12 people x 3 questions about their own department
    assert monkey.skipped_not_answers == 1
    assert "36 ratings of the respondent's own department" in forms.summary()


def test_a_partial_response_without_answers_is_skipped(tmp_path):
    workspace = new_workspace(tmp_path / "ws")
    report = import_file(
        workspace, fixture("qualtrics.csv"), load_mapping(fixture("qualtrics.map.yaml"))
    )
    assert report.empty_responses == 1
    assert report.submissions_new == 11
