"""The tidy CSV is decoded a block of lines at a time: what a person sees is unchanged.

Blocks are small here (``_BLOCK`` patched), so lines, quoted line breaks and bad bytes fall
across block ends; every figure and line number must be those of a file read line by line.
"""

from __future__ import annotations

import pytest

from surveys import csv_source
from surveys.csv_import import CsvImportError, import_csv
from tests.surveys.csv_helpers import GOOD, HEADER, rows, write


@pytest.fixture(params=[1, 7, 64, 1 << 18], ids=lambda size: f"block {size}")
def block(request, monkeypatch) -> int:
    monkeypatch.setattr(csv_source, "_BLOCK", request.param)
    return request.param


def test_a_file_imports_the_same_whatever_the_block_size(workspace, tmp_path, block) -> None:
    text = GOOD.replace("\n", "\r\n") + 's-004,2026-11,IT,Sales,comment,"Two lines:\r\nhere"\r\n'
    report = import_csv(workspace, write(tmp_path, "\ufeff" + text))
    assert (report.rows, report.answers, report.comments) == (8, 6, 2)
    texts = rows(workspace, "SELECT text FROM comments ORDER BY id")
    assert texts == [("Three weeks for a report change, again.",), ("Two lines:\r\nhere",)]


def test_problems_keep_their_physical_line_numbers(workspace, tmp_path, block) -> None:
    text = (
        f"{HEADER}\n"
        's-1,2026-10,Sales,IT,comment,"a comment\nover three\nlines"\n'
        "s-1,2026-10,Sales,IT,timely,9\n"
        "s-2,2026-10,HR,IT,timely,1"  # the last line has no line end
    )
    with pytest.raises(CsvImportError) as raised:
        import_csv(workspace, write(tmp_path, text))
    assert [(e.line, e.field) for e in raised.value.errors] == [
        (5, "value"),
        (6, "respondent_department"),
    ]


def test_a_byte_that_is_not_utf8_is_named_on_its_line(workspace, tmp_path, block) -> None:
    good = GOOD.encode("utf-8")
    data = good + "s-009,2026-11,IT,Sales,comment,Caf\u00e9\n".encode("cp1252")
    data += "s-010,2026-11,IT,Sales,comment,Caf\u00e9 \u00e9t\u00e9\n".encode()
    with pytest.raises(CsvImportError) as raised:
        import_csv(workspace, write(tmp_path, data))
    first = raised.value.errors[0]
    assert (first.line, first.field) == (9, "encoding")
    assert "byte 0xe9" in first.message and "mixes two encodings" in first.message
    assert rows(workspace, "SELECT count(*) FROM submissions") == [(0,)]


def test_a_utf8_line_pasted_into_a_windows_1251_file_is_named(workspace, tmp_path, block) -> None:
    # Blocks with letters of a code page other than Windows-1252 are read line by line,
    # which is where a pasted UTF-8 line is told apart.
    comment = '"Отчёты приходят поздно, и никто не объясняет почему."'
    lines = [f"{HEADER}\r\n".encode()]
    lines += [f"s-{i},2026-10,Sales,IT,comment,{comment}\r\n".encode("cp1251") for i in range(8)]
    lines.insert(4, f"s-x,2026-10,Sales,IT,comment,{comment}\r\n".encode())
    with pytest.raises(CsvImportError) as raised:
        import_csv(workspace, write(tmp_path, b"".join(lines)))
    [error] = raised.value.errors
    assert (error.line, error.field) == (5, "encoding")
    assert "this line is UTF-8 text, though the rest of the file is Windows-1251" in error.message
