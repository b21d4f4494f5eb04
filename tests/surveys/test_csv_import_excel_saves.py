"""Response CSVs as Excel saves them again: a ``sep=`` first line, "Unicode Text" (UTF-16,
tabs). Real workspaces, files written byte for byte as Excel writes them."""

from __future__ import annotations

import pytest

from surveys.csv_import import CsvImportError, import_csv
from tests.surveys.csv_helpers import HEADER, rows, snapshot, write

_ROWS = (
    ("s-1", "2026-10", "Sales", "IT", "timely", "2"),
    ("s-1", "2026-10", "Sales", "IT", "comment", "Très lent; again, sadly \u2013 \U0001f615"),
    ("s-2", "2026-10", "IT", "Sales", "frequent", "weekly"),
)


def _lines(separator: str, rows_: tuple[tuple[str, ...], ...] = _ROWS) -> list[str]:
    header = HEADER.replace(",", separator)
    quoted = (
        separator.join(f'"{cell}"' if separator in cell or "," in cell else cell for cell in r)
        for r in rows_
    )
    return [header, *quoted]


@pytest.mark.parametrize("separator", [";", ","])
def test_a_sep_first_line_names_the_separator_and_is_no_record(
    workspace, tmp_path, separator
) -> None:
    text = "\r\n".join([f"sep={separator}", *_lines(separator)]) + "\r\n"
    import_csv(workspace, write(tmp_path, text.encode("utf-8-sig")))
    assert rows(workspace, "SELECT text FROM comments") == [(_ROWS[1][5],)]
    assert rows(workspace, "SELECT item, value FROM answers ORDER BY item") == [
        ("frequent", 4),
        ("timely", 2),
    ]


def test_problems_under_a_sep_line_keep_the_files_line_numbers(workspace, tmp_path) -> None:
    bad = (*_ROWS[:2], ("s-2", "2026-10", "IT", "Sales", "timely", "9"))
    text = "\n".join(["sep=;", *_lines(";", bad)]) + "\n"
    before = snapshot(workspace)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, text))
    [error] = caught.value.errors
    assert (error.line, error.field) == (5, "value")
    assert snapshot(workspace) == before


def test_a_wrong_header_under_a_sep_line_is_reported_on_line_2(workspace, tmp_path) -> None:
    text = "sep=;\nid;wave;from;to;item;value\ns-1;2026-10;Sales;IT;timely;2\n"
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, text))
    [error] = caught.value.errors
    assert (error.line, error.field) == (2, "header")


def test_excels_unicode_text_utf16_with_tabs_is_read_as_written(workspace, tmp_path) -> None:
    """Excel's Save As "Unicode Text (*.txt)": UTF-16 little-endian with a byte-order mark,
    tab-separated, CRLF; a line break in a cell stays in its quoted cell."""
    multi = (*_ROWS, ("s-2", "2026-10", "IT", "Sales", "comment", '"Łódź team:\nslow"'))
    data = ("\r\n".join(_lines("\t", multi)) + "\r\n").encode("utf-16")
    assert data[:2] == b"\xff\xfe"
    import_csv(workspace, write(tmp_path, data, "responses.txt"))
    assert sorted(rows(workspace, "SELECT text FROM comments")) == [
        ("Très lent; again, sadly \u2013 \U0001f615",),
        ("Łódź team:\nslow",),
    ]
    assert len(rows(workspace, "SELECT * FROM answers")) == 2


def test_big_endian_utf16_is_read_too(workspace, tmp_path) -> None:
    data = "\ufeff" + "\n".join(_lines("\t")) + "\n"
    import_csv(workspace, write(tmp_path, data.encode("utf-16-be")))
    assert rows(workspace, "SELECT text FROM comments") == [(_ROWS[1][5],)]


def test_a_utf16_file_cut_short_is_refused_and_nothing_is_imported(workspace, tmp_path) -> None:
    data = ("\r\n".join(_lines("\t")) + "\r\n").encode("utf-16")[:-1]  # half a character
    before = snapshot(workspace)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, write(tmp_path, data))
    error = caught.value.errors[0]
    assert error.field == "encoding"
    assert "UTF-16" in error.message and "CSV UTF-8" in error.message
    assert snapshot(workspace) == before
