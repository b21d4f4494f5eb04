"""Staging and key-ordered writing: duplicates across batches, index rebuild."""

from __future__ import annotations

import pytest

from surveys import csv_import, csv_staging
from surveys.csv_import import CsvImportError, import_csv
from tests.surveys.csv_helpers import GOOD, HEADER, rows, snapshot, write


def test_a_duplicate_in_a_later_batch_is_found_and_everything_rolled_back(
    workspace, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(csv_import, "BATCH_ROWS", 2)
    body = "".join(f"s-{i},2026-10,Sales,IT,timely,3\n" for i in range(6))
    body += "s-1,2026-10,Sales,IT,comment,again\ns-1,2026-10,Sales,IT,timely,4\n"
    body += "s-7,2026-10,Sales,IT,comment,new\n"

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, HEADER + "\n" + body))

    [error] = caught.value.errors
    assert (error.line, error.field) == (9, "item")
    assert "s-1 answers timely about IT a second time (first on line 3)" in error.message
    assert rows(workspace, "SELECT count(*) FROM submissions") == [(0,)]


def test_a_file_pasted_twice_lists_20_duplicates_and_counts_the_rest(workspace, tmp_path) -> None:
    body = "".join(f"s-{i},2026-10,Sales,IT,timely,3\n" for i in range(24))
    body += "s-0,2026-10,Sales,Marketing,comment,hello\n"  # line 26
    before = snapshot(workspace)

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, HEADER + "\n" + body + body))

    error = caught.value
    assert [(e.line, e.field) for e in error.errors] == [(line, "item") for line in range(27, 47)]
    assert "s-0 answers timely about IT a second time (first on line 2)" in error.errors[0].message
    assert error.more == 5  # four answers and the comment
    assert snapshot(workspace) == before


@pytest.mark.parametrize("duplicate", [False, True])
def test_large_imports_rebuild_the_answer_index_exactly_as_it_was(
    workspace, tmp_path, monkeypatch, duplicate
) -> None:
    monkeypatch.setattr(csv_staging, "REBUILD_MIN_ROWS", 1)
    import_csv(workspace, write(tmp_path, GOOD, "first.csv"))
    schema = rows(workspace, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    text = f"{HEADER}\n" + "".join(
        f"t-{i},2026-12,Operations,IT,timely,{i % 5 + 1}\n" for i in range(50)
    )
    if duplicate:
        text += "t-3,2026-12,Operations,IT,timely,1\n"
        before = snapshot(workspace)
        with pytest.raises(CsvImportError, match="first on line 5"):
            import_csv(workspace, write(tmp_path, text))
        assert snapshot(workspace) == before
    else:
        assert import_csv(workspace, write(tmp_path, text)).answers == 50
        assert rows(workspace, "SELECT value, count(*) FROM answers WHERE wave_id = 3 GROUP BY 1")[
            0
        ] == (1, 10)

    after = rows(workspace, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    assert after == schema
    assert rows(workspace, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("per_insert", [1, 3, 50])
def test_rows_staged_several_to_a_statement_are_all_written_in_file_order(
    workspace, tmp_path, monkeypatch, per_insert
) -> None:
    monkeypatch.setattr(csv_staging, "ROWS_PER_INSERT", per_insert)
    monkeypatch.setattr(csv_import, "BATCH_ROWS", 7)  # batches that end mid-statement
    targets = ("IT", "Marketing", "Operations")
    body = "".join(
        f"s-{i},2026-10,Sales,{targets[i % 3]},timely,{i % 5 + 1}\n"
        f"s-{i},2026-10,Sales,{targets[i % 3]},comment,comment {i}\n"
        for i in range(11)
    )
    report = import_csv(workspace, write(tmp_path, HEADER + "\n" + body))
    assert (report.submissions_new, report.answers, report.comments) == (11, 11, 11)
    comments = rows(workspace, "SELECT submission_id, text FROM comments ORDER BY id")
    assert comments == [(f"s-{i}", f"comment {i}") for i in range(11)]
    answers = rows(workspace, "SELECT submission_id, value FROM answers")
    assert sorted(answers) == sorted((f"s-{i}", i % 5 + 1) for i in range(11))


def _import_traced(workspace, path, importer, *, in_transaction: bool = False):
    """Import through a connection the test holds; the statements it ran, and the
    connection's foreign-key enforcement and foreign-key problems afterwards."""
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        if in_transaction:
            db.conn.execute("BEGIN")
        try:
            importer(db, path)
        finally:
            if in_transaction:
                db.conn.execute("COMMIT")
            db.conn.set_trace_callback(None)
        (enforced,) = db.conn.execute("PRAGMA foreign_keys").fetchone()
        problems = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        db.close()
    return statements, enforced, problems


def _import_file(db, path):
    from surveys.importing import import_file

    return import_file(db, path)


@pytest.mark.parametrize("importer", [import_csv, _import_file], ids=["import_csv", "import_file"])
def test_the_import_writes_its_checked_references_unchecked_and_turns_checking_back_on(
    workspace, tmp_path, importer
) -> None:
    # Every department, wave and submission an import refers to it has just looked up or
    # staged itself; SQLite checking the four references of each answer again cost the
    # bench's 200,000 answers 0.11 s.
    statements, enforced, problems = _import_traced(workspace, write(tmp_path, GOOD), importer)

    off = statements.index("PRAGMA foreign_keys = OFF")
    begin = statements.index("BEGIN IMMEDIATE")
    answers = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO answers"))
    commit = statements.index("COMMIT")
    on = statements.index("PRAGMA foreign_keys = ON")
    assert off < begin < answers < commit < on
    assert enforced == 1
    assert problems == []
    assert rows(workspace, "SELECT count(*) FROM answers") == [(6,)]
    assert rows(workspace, "SELECT count(*) FROM comments") == [(1,)]


def test_a_refused_import_turns_reference_checking_back_on(workspace, tmp_path) -> None:
    text = GOOD + "s-001,2026-10,Sales,IT,timely,5\n"  # a duplicate: all rolled back
    before = snapshot(workspace)

    def importer(db, path):
        with pytest.raises(CsvImportError, match="a second time"):
            import_csv(db, path)

    statements, enforced, _ = _import_traced(workspace, write(tmp_path, text), importer)

    off = statements.index("PRAGMA foreign_keys = OFF")
    assert statements.index("ROLLBACK", off) < statements.index("PRAGMA foreign_keys = ON", off)
    assert enforced == 1
    assert snapshot(workspace) == before


def test_an_import_inside_the_callers_transaction_leaves_reference_checking_on(
    workspace, tmp_path
) -> None:
    statements, enforced, problems = _import_traced(
        workspace, write(tmp_path, GOOD), import_csv, in_transaction=True
    )

    assert not any(s.startswith("PRAGMA foreign_keys =") for s in statements)
    assert enforced == 1
    assert problems == []
    assert rows(workspace, "SELECT count(*) FROM answers") == [(6,)]
