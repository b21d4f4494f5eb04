"""Google Sheets' timestamps as other locales write them (Dutch dashes, Hungarian year
first) and its timestamp column headed in other languages: read as dates, so the wave
comes from them."""

from __future__ import annotations

import datetime as dt

import pytest

from surveys.importing.dates import guess_format, parse_day
from tests.desktop_app.import_variant_helpers import run
from tests.surveys.csv_helpers import rows
from tests.surveys.importing.helpers import new_workspace

_ROWS = (
    ("Sales", "Good", ""),
    ("Operations", "Poor", "Excellent"),
    ("Marketing", "Fair", "Good"),
)


def _sheet(header: str, stamps: tuple[str, str, str]) -> str:
    lines = [f"{header},Your department,How timely is IT?,How timely is Sales?"]
    quoted = (f'"{stamp}"' if "," in stamp else stamp for stamp in stamps)
    lines += [f"{stamp},{','.join(row)}" for stamp, row in zip(quoted, _ROWS, strict=True)]
    return "\r\n".join(lines) + "\r\n"


DUTCH = ("20-9-2025 11:01:26", "21-9-2025 09:15:02", "3-9-2025 14:00:00")
HUNGARIAN = ("2025. 09. 20. 11:01:26", "2025. 09. 21. 9:15:02", "2025. 09. 03. 14:00:00")


@pytest.mark.parametrize(
    ("header", "stamps"),
    [
        ("Tijdstempel", DUTCH),
        ("Időbélyeg", HUNGARIAN),
        ("Časová značka", ("20.9.2025 11:01:26", "21.9.2025 9:15:02", "3.9.2025 14:00:00")),
        ("Informazioni cronologiche", ("20/09/2025 11.01.26", "21/09/2025 9.15.02", "3/9/2025")),
        ("Отметка времени", ("20.09.2025 11:01:26", "21.09.2025 9:15:02", "03.09.2025 14:00:00")),
    ],
)
def test_a_google_sheet_in_another_locale_imports_without_a_mapping(
    tmp_path, capsys, header, stamps
) -> None:
    path = tmp_path / "responses.csv"
    path.write_text(_sheet(header, stamps), encoding="utf-8-sig", newline="")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    assert "Detected: Google Forms responses" in err + out
    assert "3 new responses" in out
    assert rows(workspace, "SELECT name FROM waves") == [("2025-09",)]
    days = rows(workspace, "SELECT day FROM submissions ORDER BY day")
    assert days == [("2025-09-03",), ("2025-09-20",), ("2025-09-21",)]


def test_dashed_dates_are_day_first_and_a_month_first_one_is_not_taken_for_them() -> None:
    assert guess_format(list(DUTCH)) == ("D-M-YYYY", 1.0, "")
    assert parse_day("3-9-2025 14:00:00", "D-M-YYYY") == dt.date(2025, 9, 3)
    fmt, confidence, note = guess_format(["9-20-2025", "9-21-2025"])
    assert fmt is None and confidence == 0.0 and "day first" in note
    assert parse_day("2025. 09. 20. 11:01:26", "M/D/YYYY") == dt.date(2025, 9, 20)
    assert parse_day("2025/09/20", "D/M/YYYY") == dt.date(2025, 9, 20)


@pytest.mark.parametrize(
    "stamps",
    [
        ("20-Sep-25", "21-Sep-25", "3-Sep-25"),  # Excel's d-mmm-yy cells saved as CSV
        ("20 September 2025", "21 September 2025", "3 Sept 2025"),
        ("Sep 20, 2025 11:01 AM", "Sep 21, 2025 9:15 AM", "Sep 3, 2025 2:00 PM"),
    ],
)
def test_dates_with_the_month_named_are_read_whatever_the_format(tmp_path, capsys, stamps):
    text = _sheet("Submitted", stamps).replace("Submitted", "Submitted on", 1)
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8", newline="")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path)  # the suggestion is certain
    assert code == 0, err
    days = rows(workspace, "SELECT day FROM submissions ORDER BY day")
    assert days == [("2025-09-03",), ("2025-09-20",), ("2025-09-21",)]
    for fmt in ("M/D/YYYY", "D/M/YYYY", "D.M.YYYY"):
        assert parse_day(stamps[2], fmt) == dt.date(2025, 9, 3)


def test_a_month_name_that_is_no_date_is_reported_with_its_format(tmp_path) -> None:
    from surveys.importing.dates import DateFormatError

    with pytest.raises(DateFormatError, match="not a real date"):
        parse_day("31-Feb-25", "D/M/YYYY")
    assert guess_format(["31-Feb-25", "20-Sep-25"])[0] is None
