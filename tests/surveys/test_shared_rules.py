"""One validator for the CSV import and ingest: the same values pass and fail in both.

Before, `import-csv` took a 20,000-character comment (ingest stopped at 5,000), ``٣``, ``５``
and ``+4`` as ratings (``int()`` reads them), control characters in comments, and any wave
name, including ``=1+2``; ingest stored 4.9 as 4 and ``true`` as 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveys.csv_import import CsvImportError, import_csv
from surveys.ingest import ingest
from surveys.keys import seal
from surveys.waves import WaveError, check_wave_name
from tests.surveys.csv_helpers import HEADER, rows, snapshot, write
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission


def _csv_error(workspace: Path, tmp_path: Path, row: str):
    path = write(tmp_path, f"{HEADER}\n{row}\n")
    before = snapshot(workspace)
    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, path)
    assert snapshot(workspace) == before
    [error] = caught.value.errors
    return error


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("٣", "is not a whole number from 1 to 5"),  # Arabic-Indic three
        ("５", "is not a whole number from 1 to 5"),  # full-width five
        ("+4", "is not a whole number from 1 to 5"),
        ("4.9", "is not a whole number from 1 to 5"),
        ("true", "is not a whole number from 1 to 5"),
        ("04", "is not a whole number from 1 to 5"),
        ("6", "out of range"),
    ],
)
def test_csv_ratings_are_ascii_digits_on_the_scale(workspace, tmp_path, value, words) -> None:
    error = _csv_error(workspace, tmp_path, f"s-1,2026-10,Sales,IT,timely,{value}")
    assert (error.line, error.field) == (2, "value")
    assert words in error.message


def test_csv_labels_and_plain_digits_still_work(workspace, tmp_path) -> None:
    path = write(
        tmp_path,
        f"{HEADER}\ns-1,2026-10,Sales,IT,timely, 4 \ns-1,2026-10,Sales,IT,frequent,Weekly\n",
    )
    import_csv(workspace, path)
    assert rows(workspace, "SELECT item, value FROM answers ORDER BY item") == [
        ("frequent", 4),
        ("timely", 4),
    ]


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ("x" * 20_000, "longer than 5,000 characters"),
        ("x" * 5_001, "longer than 5,000 characters"),
        ("ring\x07the bell", "control character"),
        ("escape \x1b[31m red", "control character"),
    ],
)
def test_csv_comments_have_ingests_limits(workspace, tmp_path, comment, words) -> None:
    error = _csv_error(workspace, tmp_path, f's-1,2026-10,Sales,IT,comment,"{comment}"')
    assert (error.line, error.field) == (2, "value")
    assert words in error.message


@pytest.mark.parametrize("wave", ["=1+2", "+cmd", "@SUM(A1)", "-2", "a/b", "x" * 65, "2026."])
def test_csv_wave_names_follow_the_publish_rule(workspace, tmp_path, wave) -> None:
    with pytest.raises(WaveError):
        check_wave_name(wave)
    error = _csv_error(workspace, tmp_path, f"s-1,{wave},Sales,IT,timely,3")
    assert (error.line, error.field) == (2, "wave")
    assert "Rename the wave" in error.message


def _ingest_one(workspace: Path, share: Path, survey, sub_dict: dict):
    path = share / "inbox" / "one.rapport"
    path.write_bytes(seal(json.dumps(sub_dict).encode(), survey.public_key))
    return ingest(workspace, share, PASSPHRASE)


@pytest.mark.parametrize(("length", "accepted"), [(5000, True), (5001, False)])
def test_the_comment_limit_is_the_same_in_both_paths(workspace, tmp_path, length, accepted):
    text = "y" * length
    csv_path = write(tmp_path, f'{HEADER}\ns-1,2026-10,Sales,IT,comment,"{text}"\n')
    share = tmp_path / "share"
    survey = publish(workspace, share, wave="2026-11")
    sub = submission({"IT": {"timely": 3}}, {"IT": text}, wave="2026-11").to_dict()
    sub["counter"] = 1

    report = _ingest_one(workspace, share, survey, sub)
    if accepted:
        import_csv(workspace, csv_path)
        assert report.stored == 1
        lengths = rows(workspace, "SELECT length(text) FROM comments")
        assert lengths == [(length,), (length,)]
    else:
        with pytest.raises(CsvImportError, match="longer than 5,000"):
            import_csv(workspace, csv_path)
        assert [q.reason for q in report.quarantined] == [
            "comment 1: the comment is longer than 5,000 characters"
        ]
