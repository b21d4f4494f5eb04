"""Response CSV import: real workspaces, real CSV files, all-or-nothing, idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from surveys import csv_checks, csv_import
from surveys.csv_import import CsvImportError, import_csv
from surveys.store import open_workspace
from tests.surveys.csv_helpers import GOOD, HEADER, rows, snapshot, write


def test_import_stores_every_value_with_exact_counts(workspace: Path, tmp_path: Path) -> None:
    report = import_csv(workspace, write(tmp_path, GOOD))

    assert (report.rows, report.submissions_new, report.submissions_skipped) == (7, 3, 0)
    assert (report.answers, report.comments, report.waves_created) == (6, 1, 2)
    assert rows(workspace, "SELECT name, status FROM waves ORDER BY name") == [
        ("2026-10", "closed"),
        ("2026-11", "closed"),
    ]
    assert rows(
        workspace,
        "SELECT s.id, w.name, d.name, s.day, s.token, s.source FROM submissions s "
        "JOIN waves w ON w.id = s.wave_id JOIN departments d ON d.id = s.department_id "
        "ORDER BY s.id",
    ) == [
        ("s-001", "2026-10", "Sales", None, None, "csv"),
        ("s-002", "2026-10", "IT", None, None, "csv"),
        ("s-003", "2026-11", "Marketing", None, None, "csv"),
    ]
    assert rows(
        workspace,
        "SELECT a.submission_id, w.name, f.name, t.name, a.item, a.value FROM answers a "
        "JOIN waves w ON w.id = a.wave_id JOIN departments f ON f.id = a.from_id "
        "JOIN departments t ON t.id = a.to_id ORDER BY a.submission_id, t.name, a.item",
    ) == [
        ("s-001", "2026-10", "Sales", "IT", "overall", 1),
        ("s-001", "2026-10", "Sales", "IT", "timely", 2),
        ("s-001", "2026-10", "Sales", "Operations", "respect", 4),
        ("s-002", "2026-10", "IT", "Sales", "frequent", 4),
        ("s-002", "2026-10", "IT", "Sales", "timely", 4),
        ("s-003", "2026-11", "Marketing", "IT", "shared_goals", 3),
    ]
    assert rows(
        workspace,
        "SELECT c.submission_id, f.name, t.name, c.text, c.redacted, c.sentiment FROM comments c "
        "JOIN departments f ON f.id = c.from_id JOIN departments t ON t.id = c.to_id",
    ) == [("s-001", "Sales", "IT", "Three weeks for a report change, again.", None, None)]


def test_reimporting_the_same_file_adds_nothing(workspace: Path, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    import_csv(workspace, path)
    before = snapshot(workspace)

    again = import_csv(workspace, path)

    assert (again.submissions_new, again.submissions_skipped) == (0, 3)
    assert (again.answers, again.comments, again.waves_created) == (0, 0, 0)
    assert again.summary().startswith("0 new submissions, 3 already imported")
    assert snapshot(workspace) == before


def test_a_file_with_old_and_new_submissions_adds_only_the_new(workspace, tmp_path) -> None:
    import_csv(workspace, write(tmp_path, GOOD))
    more = GOOD + "s-004,2026-12,Operations,Sales,accurate,5\n"  # a new wave: see test_waves

    report = import_csv(workspace, write(tmp_path, more, "more.csv"))

    assert (report.submissions_new, report.submissions_skipped, report.answers) == (1, 3, 1)
    assert rows(workspace, "SELECT count(*) FROM answers") == [(7,)]


def test_department_names_and_labels_match_without_case(workspace, tmp_path) -> None:
    text = f"""{HEADER}
s-1,2026-10, sALES ,it,frequent,Weekly
s-1,2026-10,SALES,MARKETING, knows_liaison ,YES
s-1,2026-10,sales,Marketing,meeting_cadence,bi-weekly
s-1,2026-10,Sales,Operations,meeting_cadence,2
s-1,2026-10,Sales,Operations,overall, 5
s-1,2026-10,Sales,Operations,timely,strongly agree
"""
    report = import_csv(workspace, write(tmp_path, text))

    assert report.submissions_new == 1
    assert rows(
        workspace,
        "SELECT t.name, a.item, a.value FROM answers a JOIN departments t ON t.id = a.to_id "
        "ORDER BY t.name, a.item",
    ) == [
        ("IT", "frequent", 4),
        ("Marketing", "knows_liaison", 2),
        ("Marketing", "meeting_cadence", 4),
        ("Operations", "meeting_cadence", 2),
        ("Operations", "overall", 5),
        ("Operations", "timely", 5),
    ]


def test_rows_of_a_submission_may_be_scattered_through_the_file(workspace, tmp_path) -> None:
    text = f"""{HEADER}
s-1,2026-10,Sales,IT,timely,2
s-2,2026-10,IT,Sales,timely,4
s-1,2026-10,Sales,IT,overall,3
s-2,2026-10,IT,Marketing,comment,fine
s-1,2026-10,Sales,Marketing,comment,slow
"""
    report = import_csv(workspace, write(tmp_path, text))

    assert (report.submissions_new, report.answers, report.comments) == (2, 3, 2)
    assert rows(workspace, "SELECT submission_id, count(*) FROM answers GROUP BY 1") == [
        ("s-1", 2),
        ("s-2", 1),
    ]


def test_a_folder_can_be_imported_from_a_worker_thread(workspace, tmp_path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = write(tmp_path, GOOD)
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(import_csv, workspace, path).result(timeout=30)
    assert report.submissions_new == 3
    assert rows(workspace, "SELECT count(*) FROM answers") == [(6,)]


def test_existing_wave_is_reused_and_keeps_its_status(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    db.execute("INSERT INTO waves (name, status) VALUES ('2026-10', 'open')")
    db.close()

    report = import_csv(workspace, write(tmp_path, GOOD))

    assert report.waves_created == 1  # only 2026-11
    assert rows(workspace, "SELECT name, status FROM waves ORDER BY id") == [
        ("2026-10", "open"),
        ("2026-11", "closed"),
    ]


def test_comment_text_is_stored_verbatim_even_a_formula(workspace, tmp_path) -> None:
    formula = '=HYPERLINK("http://evil.example","click"),+1,@SUM(A1)'
    text = (
        f"{HEADER}\n"
        f's-1,2026-10,IT,Sales,comment,"{formula.replace(chr(34), chr(34) * 2)}"\n'
        's-1,2026-10,IT,Marketing,comment,"Two lines:\nsecond line, with ""quotes"""\n'
    )
    import_csv(workspace, write(tmp_path, text))

    stored = dict(rows(workspace, "SELECT to_id, text FROM comments"))
    assert stored[1] == formula
    assert stored[3] == 'Two lines:\nsecond line, with "quotes"'


def test_utf8_byte_order_mark_and_crlf_are_accepted(workspace, tmp_path) -> None:
    text = GOOD.replace("\n", "\r\n").replace("Three weeks", "Trois semaines, déjà")
    report = import_csv(workspace, write(tmp_path, b"\xef\xbb\xbf" + text.encode()))

    assert report.rows == 7
    assert rows(workspace, "SELECT text FROM comments") == [
        ("Trois semaines, déjà for a report change, again.",)
    ]


def test_an_open_database_can_be_passed_and_stays_open(workspace, tmp_path) -> None:
    db = open_workspace(workspace)
    report = import_csv(db, write(tmp_path, GOOD))
    assert report.answers == 6
    assert db.execute("SELECT count(*) FROM submissions").fetchone() == (3,)
    assert not db.conn.in_transaction
    db.close()


BAD_CASES = [
    # (rows after the header, line, field, words in the message)
    ("s-1,2026-10,Sales,Finance,timely,3", 2, "target_department", ["'Finance'", "IT, Marketing"]),
    ("s-1,2026-10,Slaes,IT,timely,3", 2, "respondent_department", ["'Slaes'", "Sales, IT"]),
    ("s-1,2026-10,Sales,IT,timeliness,3", 2, "item", ["'timeliness'", "problem_solving"]),
    ("s-1,2026-10,Sales,IT,timely,6", 2, "value", ["out of range", "from 1 to 5"]),
    ("s-1,2026-10,Sales,IT,timely,often", 2, "value", ["'often'", "from 1 to 5"]),
    ("s-1,2026-10,Sales,IT,timely,", 2, "value", ["empty", "from 1 to 5"]),
    ("s-1,2026-10,Sales,IT,knows_liaison,maybe", 2, "value", ["from 1 to 2", "no, yes"]),
    ('s-1,2026-10,Sales,IT,comment,"  "', 2, "value", ["comment is empty"]),
    ("s-1,2026-10,Sales,IT,timely,3,extra", 2, "row", ["expected 6 values", "found 7"]),
    ("s-1,2026-10,Sales,IT,timely", 2, "row", ["found 5"]),
    ('s-1,2026-10,Sales,IT,comment,"bad"quote', 2, "row", ["malformed CSV", "double quotes"]),
    ("s-1,2026-10,Sales,Sales,timely,3", 2, "target_department", ["rates itself"]),
    (",2026-10,Sales,IT,timely,3", 2, "submission_id", ["empty"]),
    ("s-1,,Sales,IT,timely,3", 2, "wave", ["empty"]),
    ("s-1,2026-10,Sales,IT,timely,3\ns-1,2026-10,Sales,IT,timely,4", 3, "item", ["line 2"]),
    ("s-1,2026-10,Sales,IT,timely,3\ns-1,2026-11,Sales,IT,respect,4", 3, "wave", ["line 2"]),
    (
        "s-1,2026-10,Sales,IT,timely,3\ns-1,2026-10,Operations,IT,respect,4",
        3,
        "respondent_department",
        ["same wave and respondent_department"],
    ),
    (
        "s-1,2026-10,Sales,IT,timely,3\ns-2,2026-10,IT,Sales,timely,3\n"
        "s-1,2026-10,Sales,IT,timely,5",
        4,
        "item",
        ["second time", "timely about IT"],
    ),
    (
        's-1,2026-10,Sales,IT,comment,"one\ntwo"\ns-1,2026-10,Sales,IT,bogus,1',
        4,
        "item",
        ["'bogus'"],
    ),
    ('s-1,2026-10,Sales,IT,comment,"never closed', 2, "row", ["malformed CSV"]),
    ("s-1,2026-10,Sales,IT,comment,a\x00b", 2, "value", ["NUL byte"]),
]


@pytest.mark.parametrize(("body", "line", "column", "words"), BAD_CASES)
def test_each_problem_is_reported_by_line_and_nothing_is_imported(
    workspace: Path, tmp_path: Path, body: str, line: int, column: str, words: list[str]
) -> None:
    # An earlier import of other waves (2026-10 is released once imported: see test_waves).
    earlier = GOOD.replace("2026-10", "2025-10").replace("2026-11", "2025-11")
    import_csv(workspace, write(tmp_path, earlier, "earlier.csv"))
    before = snapshot(workspace)
    # Good rows before and after the bad one: they must not be imported either.
    text = f"{HEADER}\n{body}\ns-9,2026-12,IT,Operations,timely,4\n"

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, text))

    assert snapshot(workspace) == before
    [error] = caught.value.errors
    assert (error.line, error.field) == (line, column)
    for word in words:
        assert word in error.message
    assert str(caught.value).endswith("Nothing was imported.")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["empty"]),
        (b"s-1,2026-10,Sales,IT,timely,3\n", ["no header line"]),
        (b"submission_id,wave,respondent_department,target_department,value\n", ["item"]),
    ],
)
def test_a_missing_header_is_reported_on_line_1(workspace, tmp_path, content, words) -> None:
    before = snapshot(workspace)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, content))
    [error] = caught.value.errors
    assert (error.line, error.field) == (1, "header")
    assert all(word in error.message for word in words)
    assert HEADER in error.message
    assert snapshot(workspace) == before


def test_a_file_saved_as_excels_plain_csv_on_windows_is_read_as_written(
    workspace, tmp_path
) -> None:
    comment = "Très lent \u2013 they don\u2019t reply; \u20ac5 and \u00a35 tools"
    windows = (HEADER + f"\r\ns-1,2026-10,Sales,IT,comment,{comment}\r\n").encode("cp1252")
    import_csv(workspace, write(tmp_path, windows))
    assert rows(workspace, "SELECT text FROM comments") == [(comment,)]


def test_a_file_whose_lines_end_with_a_bare_return_is_read_line_by_line(
    workspace, tmp_path
) -> None:
    mac = HEADER + "\rs-1,2026-10,Sales,IT,comment,Très lent\rs-1,2026-10,Sales,IT,timely,2\r"
    import_csv(workspace, write(tmp_path, mac.encode("mac_roman")))
    assert rows(workspace, "SELECT text FROM comments") == [("Très lent",)]
    assert rows(workspace, "SELECT item, value FROM answers") == [("timely", 2)]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_file_resaved_by_european_excel_is_read_with_its_separator(
    workspace, tmp_path, delimiter
) -> None:
    header = HEADER.replace(",", delimiter)
    lines = [header, *(delimiter.join(r) for r in _SEMICOLON_ROWS)]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()
    import_csv(workspace, write(tmp_path, data))
    assert rows(workspace, "SELECT text FROM comments") == [("Slow; again, sadly",)]
    assert rows(workspace, "SELECT item, value FROM answers") == [("timely", 2)]


_SEMICOLON_ROWS = (
    ["s-1", "2026-10", "Sales", "IT", "timely", "2"],
    ["s-1", "2026-10", "Sales", "IT", "comment", '"Slow; again, sadly"'],
)


def test_text_that_mixes_encodings_is_reported_with_its_line(workspace, tmp_path) -> None:
    mixed = (HEADER + "\ns-1,2026-10,Sales,IT,comment,Très lent\n").encode()
    mixed += "s-2,2026-10,Sales,IT,comment,Très lent\n".encode("cp1252")
    before = snapshot(workspace)

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, mixed))

    [error] = caught.value.errors
    assert (error.line, error.field) == (3, "encoding")
    assert "0xe8" in error.message and "mixes two encodings" in error.message
    assert "CSV UTF-8" in error.message
    assert snapshot(workspace) == before


def test_many_problems_are_capped_with_a_count_of_the_rest(workspace, tmp_path) -> None:
    body = "".join(f"s-{i},2026-10,Sales,Nowhere,timely,3\n" for i in range(30))
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, HEADER + "\n" + body))

    error = caught.value
    assert [e.line for e in error.errors] == list(range(2, 22))
    assert error.more == 10
    assert "... and 10 more problems." in str(error)
    assert rows(workspace, "SELECT count(*) FROM waves") == [(0,)]


def test_an_id_already_used_by_another_wave_is_an_error(workspace, tmp_path) -> None:
    import_csv(workspace, write(tmp_path, GOOD))
    before = snapshot(workspace)
    clash = f"{HEADER}\ns-001,2026-12,IT,Sales,timely,3\n"

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, clash, "clash.csv"))

    [error] = caught.value.errors
    assert error.field == "submission_id"
    assert "already in the workspace as wave 2026-10 from Sales" in error.message
    assert snapshot(workspace) == before


def test_progress_reports_fractions_and_cancel_rolls_back(workspace, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csv_import, "BATCH_ROWS", 2)
    monkeypatch.setattr(csv_import, "PROGRESS_INTERVAL", 0.0)
    path = write(tmp_path, GOOD)
    fresh = tmp_path / "other"
    shutil.copytree(workspace, fresh)  # still empty
    seen: list[float] = []
    import_csv(workspace, path, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) >= 4

    class Stop(Exception):
        pass

    def cancel_after_a_batch(fraction: float, message: str) -> None:
        if fraction > 0.0:
            raise Stop

    before = snapshot(fresh)
    with pytest.raises(Stop):
        import_csv(fresh, path, progress=cancel_after_a_batch)
    assert snapshot(fresh) == before


def test_a_missing_file_is_a_clear_error(workspace, tmp_path) -> None:
    with pytest.raises(CsvImportError, match="does not exist"):
        import_csv(workspace, tmp_path / "nope.csv")


SPLIT = f"""{HEADER}
s-001,2026-10,Sales,IT,timely,2
s-002,2026-10,IT,Sales,timely,4
s-001,2026-10,Sales,IT,overall,1
s-003,2026-11,Marketing,IT,shared_goals,3
s-002,2026-10,IT,Sales,overall,3
"""
CONFLICTING = f"""{HEADER}
s-001,2026-10,Sales,IT,timely,2
s-001,2026-11,Sales,IT,overall,1
"""


@pytest.mark.parametrize("text", [GOOD, SPLIT, CONFLICTING])
def test_a_first_import_looks_up_no_stored_id_and_imports_the_same(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Into an empty workspace no submission id can be stored, so none is looked up; the
    result (or the problems) must be those of looking every id up."""
    looked_up = tmp_path / "looked-up"
    shutil.copytree(workspace, looked_up)
    path = write(tmp_path, text)

    def outcome(folder: Path):
        try:
            return import_csv(folder, path), snapshot(folder)
        except CsvImportError as error:
            return error.lines(), snapshot(folder)

    shortcut = outcome(workspace)
    monkeypatch.setattr(
        csv_checks.RowChecker, "__init__", _always_looking_up(csv_checks.RowChecker.__init__)
    )
    assert outcome(looked_up) == shortcut


def _always_looking_up(init):
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._none_stored = False

    return patched


def test_a_header_with_a_stray_carriage_return_is_a_problem_on_line_1(workspace, tmp_path) -> None:
    # It was a traceback: looking for the header's separator met the line break first.
    text = "submission_id,wave\rx,respondent_department,target_department,item,value\n"
    with pytest.raises(CsvImportError) as raised:
        import_csv(workspace, write(tmp_path, text + "s-1,2026-10,Sales,IT,timely,3\n"))
    (error,) = raised.value.errors
    assert (error.line, error.field) == (1, "row")
    assert "a line break inside a value that is not quoted" in error.message
