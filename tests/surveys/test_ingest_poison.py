"""Poison files: anyone can seal a file with the published public key. None may block ingest.

Each plaintext below is sealed exactly as a respondent's app seals (so it opens with the
workspace key) and put in the inbox beside one good submission. Ingest must store the good
one, put every poison file in quarantine with a reason that names the file (and never quotes
its content), keep going, and say how many it quarantined, with exit status 3, never a
traceback. Before the strict schema, the first three kinds crashed `rapport ingest`
(RecursionError, OverflowError, TypeError) and blocked every later run; the others were
stored with loose values (4.9 as 4, true as 1, impossible days, no answers, a NUL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.keys import seal
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

SECRET = "Zebra-Quokka-secret"


def _good() -> dict:
    data = submission({"IT": {"timely": 3, "overall": 4}}, {"IT": "Fine."}).to_dict()
    data["counter"] = 1
    return data


def _with(**changes) -> bytes:
    data = _good()
    data.update(changes)
    return json.dumps(data).encode()


def _answers(value) -> bytes:
    return _with(answers=[["IT", "timely", value]])


def _raw_value(text: str) -> bytes:
    """A submission whose first answer value is ``text`` written into the JSON as it is."""
    return _answers(987654).replace(b"987654", text.encode())


DEEP = 100_000
POISON: dict[str, bytes] = {
    "deep-list": b'{"id": ' + b"[" * DEEP + b"]" * DEEP + b"}",
    "deep-object": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "deep-unclosed": b"[" * DEEP,
    "deep-in-answers": _with(answers=[[[[[[[[[[["IT"]]]]]]]]]]]),
    "value-1e400": _raw_value("1e400"),
    "value-4.9": _raw_value("4.9"),
    "value-true": _raw_value("true"),
    "value-NaN": _raw_value("NaN"),
    "value-huge-int": _raw_value("9" * 5000),
    "value-string": _answers("4"),
    "value-6": _answers(6),
    "token-int": _with(token=12345678901234567890),
    "token-list": _with(token=["a" * 64]),
    "token-bool": _with(token=True),
    "token-dict": _with(token={"a": 1}),
    "token-float": _with(token=1.5),
    "day-week": _with(day="2026-W40-1"),
    "day-9999": _with(day="9999-12-31"),
    "day-1900": _with(day="1900-01-01"),
    "day-arabic-digits": _with(day="٢٠٢٦-١٠-٠٥"),
    "no-answers": _with(answers=[], comments=[]),
    "comment-nul": _with(comments=[["IT", f"before\x00after {SECRET}"]]),
    "comment-control": _with(comments=[["IT", f"bell\x07 {SECRET}"]]),
    "comment-5001": _with(comments=[["IT", "x" * 5001]]),
    "comment-surrogate": _with(comments=[["IT", "\ud800"]]),
    "wave-formula": _with(wave="=1+2"),
    "wave-unknown": _with(wave=f"{SECRET}-wave"),
    "department-unknown": _with(department=SECRET),
    "target-unknown": _with(answers=[[SECRET, "timely", 3]]),
    "item-unknown": _with(answers=[["IT", SECRET, 3]]),
    "field-unknown": _with(**{SECRET: 1}),
    "field-missing": json.dumps({k: v for k, v in _good().items() if k != "day"}).encode(),
    "key-repeated": _with()[:-1] + b', "day": "2026-10-06"}',
    "schema-newer": _with(schema=99),
    "schema-string": _with(schema="2"),
    "counter-negative": _with(counter=-1),
    "id-list": _with(id=["x" * 32]),
    "answers-object": _with(answers={"IT": 3}),
    "answers-too-many": _with(answers=[["IT", "timely", 3]] * 2001),
    "top-level-list": b"[1, 2, 3]",
    "not-json": f"{SECRET} is not JSON".encode(),
    "not-utf8": b'{"id": "\xff\xfe"}',
    "empty": b"",
}


def _put(share: Path, name: str, plain: bytes, public_key: bytes) -> Path:
    path = share / "inbox" / f"{name}.rapport"
    path.write_bytes(seal(plain, public_key))
    return path


@pytest.fixture
def poisoned(workspace: Path, tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    for name, plain in POISON.items():
        _put(share, name, plain, survey.public_key)
    _put(share, "zz-good", _with(), survey.public_key)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    return workspace, share


def test_every_poison_file_is_quarantined_and_the_batch_goes_on(poisoned, capsys) -> None:
    workspace, share = poisoned

    status = main(["ingest", str(workspace), "--share", str(share)])

    out, err = capsys.readouterr()
    assert status == 3
    assert "Traceback" not in out + err
    assert (
        "1 stored, 0 replaced an earlier answer, 0 already taken, 0 older than a stored "
        f"answer, 0 too late (their wave had closed), {len(POISON)} quarantined." in out
    )
    assert f"{len(POISON)} files quarantined, 0 left in an inbox" in err
    db = open_workspace(workspace)
    assert db.execute("SELECT count(*) FROM submissions").fetchone() == (1,)
    assert db.execute("SELECT item, value FROM answers ORDER BY item").fetchall() == [
        ("overall", 4),
        ("timely", 3),
    ]
    assert list((share / "inbox").iterdir()) == []
    quarantine = share / "quarantine"
    for name in POISON:
        assert (quarantine / f"{name}.rapport").exists(), name
        reason = (quarantine / f"{name}.rapport.reason.txt").read_text("utf-8")
        assert reason.startswith(f"{name}.rapport could not be stored: "), reason
        assert f"quarantine/{name}.rapport: " in out
        assert SECRET not in reason and "=1+2" not in reason
    assert SECRET not in out + err


REASONS = {
    "deep-list": "nested more than 8 levels deep",
    "deep-unclosed": "nested more than 8 levels deep",
    "value-1e400": "answers: entry 1 has a value of the wrong type",
    "value-4.9": "answers: entry 1 has a value of the wrong type",
    "value-true": "answers: entry 1 has a value of the wrong type",
    "value-6": "answer 1: the value is out of range",
    "token-bool": "token: the participation token is malformed",
    "token-float": "token: the participation token is malformed",
    "day-week": "day: not a date in the form YYYY-MM-DD",
    "day-9999": "day: not a plausible day",
    "no-answers": "it holds no answers",
    "comment-nul": "comment 1: the comment contains a control character",
    "comment-5001": "comment 1: the comment is longer than 5,000 characters",
    "comment-surrogate": "comment 1: contains an invalid character",
    "wave-formula": "wave: not a usable wave name",
    "wave-unknown": "a wave that this workspace does not know",
    "field-unknown": "a field that this version of the schema does not have",
    "key-repeated": "not valid JSON",
    "schema-newer": "newer than this Rapport knows",
    "not-utf8": "not UTF-8 text",
}


def test_reasons_say_what_is_wrong(poisoned) -> None:
    from surveys.ingest import ingest

    workspace, share = poisoned
    report = ingest(workspace, share, PASSPHRASE)
    reasons = {item.name: item.reason for item in report.quarantined}
    for name, words in REASONS.items():
        assert words in reasons[f"{name}.rapport"], (name, reasons[f"{name}.rapport"])


def test_a_later_run_is_not_blocked(poisoned, capsys) -> None:
    workspace, share = poisoned
    assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    capsys.readouterr()
    assert main(["ingest", str(workspace), "--share", str(share)]) == 0
    assert "Ingested 0 files" in capsys.readouterr().out


GROWING_CHILD = """
import resource, sys
from surveys.ingest import ingest
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
report = ingest(sys.argv[1], sys.argv[2], "correct horse battery staple")
print(report.stored, [(q.name, q.reason) for q in report.quarantined])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="sparse files and RLIMIT_AS")
def test_a_file_over_the_size_limit_is_quarantined_without_being_read(workspace, tmp_path):
    """A 2 GiB + 1 byte file that starts like a sealed file: refused from its size alone.

    The child process may use far less memory than the file's size, so reading the file
    (as ingest did before) fails; checking its size first does not.
    """
    share = tmp_path / "share"
    survey = publish(workspace, share)
    _put(share, "good", _with(), survey.public_key)
    huge = share / "inbox" / "huge.rapport"
    with huge.open("wb") as handle:
        handle.write(seal(_with(), survey.public_key))
        handle.truncate(2**31 + 1)  # sparse: no disk space used
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    limit = 1536 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", GROWING_CHILD, str(workspace), str(share), str(limit)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 [('huge.rapport', 'it is 2,147,483,649 bytes, larger than the 256 KiB" in done.stdout
    assert "(it was not read)" in done.stdout
    assert (share / "quarantine" / "huge.rapport").stat().st_size == 2**31 + 1
