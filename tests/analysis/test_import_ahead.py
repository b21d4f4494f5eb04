"""Comments analysed beside an import (analysis.import_ahead): real workspaces, a real
worker process, and the same comment rows and result as an import without it."""

from __future__ import annotations

import csv
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from analysis import import_ahead
from analysis.comment_update import text_key
from analysis.import_ahead import ImportAhead
from analysis.pipeline import analyse_workspace
from analysis.privacy_settings import save_redaction_names
from surveys.csv_import import import_csv
from surveys.store import create_workspace, open_workspace
from surveys.templates import builtin_templates
from surveys.waves import open_wave, save_survey

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"
DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations")
PAIRS = (("Sales", "IT"), ("IT", "Sales"), ("Marketing", "Operations"))
COLUMNS = (
    "id, redacted, sentiment, label, confidence, conflict, orientation, markers, themes, "
    "analysed_with"
)


class Patient(ImportAhead):
    """Stores only once the worker has sent back everything (the real one never waits)."""

    def store(self, conn) -> None:
        deadline = time.monotonic() + 60
        while self.received < self.handed and time.monotonic() < deadline:
            time.sleep(0.01)
        super().store(conn)


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch) -> None:
    """A worker for every file here (they are small), as on a machine with two cores."""
    monkeypatch.setattr(import_ahead, "AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(import_ahead, "_core_to_spare", lambda: True)


def _texts(n: int) -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:n]
    texts[0] += " Mail anna@corp.example, or ask Zorblax Quinterro."  # something to redact
    texts[1] = texts[2]  # the same text twice
    return texts


def _csv(path: Path, texts: list[str], waves: tuple[str, ...]) -> Path:
    """Submissions of ``PAIRS`` in turn, each with one rating and one comment."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item",
             "value"]
        )  # fmt: skip
        for k, text in enumerate(texts):
            source, target = PAIRS[k % len(PAIRS)]
            wave = waves[k % len(waves)]
            out.writerow([f"s{k}", wave, source, target, "overall", 1 + k % 5])
            out.writerow([f"s{k}", wave, source, target, "comment", text])
    return path


def _workspace(folder: Path, open_waves: tuple[str, ...] = ()) -> Path:
    db = create_workspace(folder, DEPARTMENTS)
    with db.conn:
        survey = save_survey(db, builtin_templates()["full-pulse"])
        for wave in open_waves:
            open_wave(db, wave, survey, f"{wave}-02", f"{wave}-16")
    db.close()
    return folder


def _rows(folder: Path, sql: str) -> list[tuple]:
    db = open_workspace(folder)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _found(folder: Path) -> list[dict]:
    return [json.loads(found) for (found,) in _rows(folder, "SELECT found FROM comments_ahead")]


def _ahead(folder: Path) -> dict[str, list]:
    """What import workers stored, by text digest."""
    return {key: value for row in _found(folder) for key, value in row["comments"].items()}


def _analysed(folder: Path) -> tuple[list[tuple], str]:
    result = analyse_workspace(folder)
    rows = _rows(folder, f"SELECT {COLUMNS} FROM comments ORDER BY id")
    return rows, json.dumps(result.to_json(), sort_keys=True)


def _twins(tmp_path: Path, open_waves: tuple[str, ...] = ()) -> tuple[Path, Path]:
    """Two equal new workspaces, with the same folder name (the result names it)."""
    return (
        _workspace(tmp_path / "ahead" / "ws", open_waves),
        _workspace(tmp_path / "plain" / "ws", open_waves),
    )


def test_the_analysis_after_an_import_ahead_is_the_analysis_without_it(tmp_path) -> None:
    file = _csv(tmp_path / "in.csv", _texts(240), ("2026-08", "2026-09"))
    ahead_ws, plain_ws = _twins(tmp_path)
    with Patient(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)

    assert ahead.handed == 240 and ahead.stored == 240
    stored = _ahead(ahead_ws)
    assert len(stored) == 239 and len({row["prepared_with"] for row in _found(ahead_ws)}) == 1
    assert any("[email]" in (value[0] or "") for value in stored.values())
    assert not any(text in json.dumps(stored) for text in _texts(240)[3:])  # digests only
    assert _rows(ahead_ws, "SELECT COUNT(*) FROM comments WHERE analysed_with IS NULL") == [
        (240,)
    ]  # the import analyses nothing itself: only the analysis writes the comment cache
    assert _analysed(ahead_ws) == _analysed(plain_ws)
    assert _rows(ahead_ws, "SELECT COUNT(*) FROM comments_ahead") == [(0,)]


def test_an_open_waves_comments_are_never_handed_over(tmp_path) -> None:
    texts = _texts(120)
    file = _csv(tmp_path / "in.csv", texts, ("2026-11", "2026-09"))  # 2026-11 is open
    ahead_ws, plain_ws = _twins(tmp_path, open_waves=("2026-11",))
    handed: list[str] = []

    class Spy(Patient):
        def add(self, texts: list[str]) -> None:
            handed.extend(texts)
            super().add(texts)

    with Spy(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)

    assert sorted(handed) == sorted(texts[1::2]) and ahead.stored == 60
    assert set(_ahead(ahead_ws)) == {text_key(t) for t in texts[1::2]}
    assert _analysed(ahead_ws) == _analysed(plain_ws)
    assert _rows(ahead_ws, "SELECT COUNT(*) FROM comments WHERE analysed_with IS NULL") == [
        (60,)
    ]  # the open wave's comments wait for its release


def test_work_done_with_another_name_list_is_not_taken(tmp_path) -> None:
    file = _csv(tmp_path / "in.csv", _texts(90), ("2026-09",))
    ahead_ws, plain_ws = _twins(tmp_path)
    with Patient(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)
    for folder in (ahead_ws, plain_ws):  # HR adds a name after the import
        db = open_workspace(folder)
        save_redaction_names(db, ["Zorblax Quinterro"])
        db.close()

    first = _ahead(ahead_ws)[text_key(_texts(90)[0])][0]
    rows, result = _analysed(ahead_ws)
    assert (rows, result) == _analysed(plain_ws) and ahead.stored == 90
    assert "Zorblax Quinterro" in first and "Zorblax" not in rows[0][1]


def test_a_killed_worker_loses_nothing_and_the_import_succeeds(tmp_path) -> None:
    file = _csv(tmp_path / "in.csv", _texts(150), ("2026-09",))
    ahead_ws, plain_ws = _twins(tmp_path)

    class Killed(ImportAhead):
        def add(self, texts: list[str]) -> None:
            super().add(texts)
            os.kill(self.pid, signal.SIGKILL)  # after the first batch, however far it got

    with Killed(ahead_ws, file) as ahead:
        report = import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)

    assert report.comments == 150 and ahead.stored <= 150
    assert _analysed(ahead_ws) == _analysed(plain_ws)


def test_no_worker_for_a_small_file(tmp_path, monkeypatch) -> None:
    file = _csv(tmp_path / "in.csv", _texts(20), ("2026-09",))
    folder = _workspace(tmp_path / "ws")
    monkeypatch.setattr(import_ahead, "AHEAD_FROM_BYTES", file.stat().st_size + 1)
    with ImportAhead(folder, file) as ahead:
        assert not ahead.running and ahead.pid is None
        import_csv(folder, file, ahead=ahead)
    assert ahead.handed == ahead.stored == 0


@pytest.mark.parametrize(
    ("cores", "load", "spare"),
    [(1, 0.0, False), (2, 0.2, True), (2, 1.5, True), (2, 1.6, False), (4, 3.0, True)],
)
def test_a_worker_only_where_a_core_is_likely_idle(monkeypatch, cores, load, spare) -> None:
    monkeypatch.undo()  # the real test of a core to spare
    monkeypatch.setattr(import_ahead.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(import_ahead.os, "getloadavg", lambda: (load, 0.0, 0.0))
    assert import_ahead._core_to_spare() is spare


def test_a_failed_import_stores_nothing_and_stops_the_worker(tmp_path) -> None:
    file = _csv(tmp_path / "in.csv", _texts(60), ("2026-09",))
    with file.open("a", encoding="utf-8") as handle:
        handle.write("s999,2026-09,Sales,Nowhere,overall,3\n")
    folder = _workspace(tmp_path / "ws")
    with Patient(folder, file) as ahead, pytest.raises(Exception, match="Nowhere"):
        import_csv(folder, file, ahead=ahead)
    assert not ahead.running and ahead.stored == 0
    assert _rows(folder, "SELECT COUNT(*) FROM comments_ahead") == [(0,)]


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="the idle scheduling class is Linux's")
def test_the_worker_runs_only_on_an_otherwise_idle_core(tmp_path) -> None:
    with ImportAhead(_workspace(tmp_path / "ws")) as ahead:
        assert os.sched_getscheduler(ahead.pid) == os.SCHED_IDLE


def test_a_worker_that_cannot_read_the_workspace_stops_quietly(tmp_path, capfd) -> None:
    with ImportAhead(tmp_path / "no-workspace-here") as ahead:
        ahead.add(["Slow answers."])
        deadline = time.monotonic() + 30
        while ahead._process.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not ahead._process.is_alive() and ahead.received == 0
    assert capfd.readouterr().err == ""  # no traceback at the person importing


def _until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def _batch(n: int = 1000) -> list[str]:
    """A batch larger than a pipe's buffer: one such batch fills it."""
    return [f"Comment {k}: the reports arrive late and nobody says why." for k in range(n)]


def test_a_worker_starting_up_is_handed_all_a_large_import_brings(tmp_path) -> None:
    """Stop 30's first bound (four batches) left 7,120 of 15,976 comments of a
    200,000-answer import to the analysis on an idle machine: a worker that is still
    starting falls behind at once. Batches of ordinary comments now wait for it."""
    with ImportAhead(_workspace(tmp_path / "ws")) as ahead:
        os.kill(ahead.pid, signal.SIGSTOP)  # still starting, as far as the import can tell
        try:
            for _ in range(20):
                ahead.add(_batch(800))
            assert ahead.skipped == 0 and ahead.handed == 16_000
        finally:
            os.kill(ahead.pid, signal.SIGCONT)


def test_a_dead_worker_is_handed_nothing_more(tmp_path) -> None:
    """Before: every batch was queued for the dead worker until the import ended (a large
    import's comments all held in memory for nobody)."""
    with ImportAhead(_workspace(tmp_path / "ws")) as ahead:
        os.kill(ahead.pid, signal.SIGKILL)
        assert _until(lambda: not ahead._process.is_alive())
        for _ in range(50):
            ahead.add(_batch())
        assert ahead.handed == 0 and ahead.waiting == 0 and ahead.skipped == 50_000
        assert not ahead.alive


def test_a_stalled_worker_gets_a_bounded_queue_and_the_import_never_waits(
    tmp_path, monkeypatch
) -> None:
    """A worker that stops reading (stopped, swapping, starved of a core): at most
    MAX_WAITING_CHARS characters of batches wait for it; the rest are left to the analysis."""
    batch_chars = sum(map(len, _batch()))
    monkeypatch.setattr(import_ahead, "MAX_WAITING_CHARS", 4 * batch_chars)
    with ImportAhead(_workspace(tmp_path / "ws")) as ahead:
        os.kill(ahead.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            for _ in range(50):
                ahead.add(_batch())
            assert time.monotonic() - started < 5  # add never waits for the worker
            assert ahead.waiting <= 4
            # The batches queued, plus the one the sender is writing into the pipe (and a
            # second it may have taken off the queue meanwhile): nothing else is held.
            assert ahead.handed <= (4 + 2) * 1000
            assert ahead.handed + ahead.skipped == 50_000
        finally:
            os.kill(ahead.pid, signal.SIGCONT)


def test_what_a_stalled_worker_was_not_handed_the_analysis_does_itself(
    tmp_path, monkeypatch
) -> None:
    from surveys import csv_import

    monkeypatch.setattr(csv_import, "BATCH_ROWS", 20)  # ten comments a batch...
    texts = [" ".join([text] * 20) for text in _texts(200)]  # ...that fill a pipe's buffer
    file = _csv(tmp_path / "in.csv", texts, ("2026-09",))
    ahead_ws, plain_ws = _twins(tmp_path)
    monkeypatch.setattr(import_ahead, "MAX_WAITING_CHARS", 1)
    with ImportAhead(ahead_ws, file) as ahead:
        os.kill(ahead.pid, signal.SIGSTOP)
        try:
            report = import_csv(ahead_ws, file, ahead=ahead)
        finally:
            os.kill(ahead.pid, signal.SIGCONT)
    import_csv(plain_ws, file)

    assert report.comments == 200 and ahead.skipped > 0 and ahead.stored < 200
    assert _analysed(ahead_ws) == _analysed(plain_ws)


class FakeKernel32:
    """Records the Win32 calls `_lower_priority` makes (tests run on Linux)."""

    def __init__(self, opened: int = 77) -> None:
        self.calls: list[tuple] = []
        self.opened = opened

    def OpenProcess(self, access, inherit, pid):  # noqa: N802, ANN001, ANN201
        self.calls.append(("OpenProcess", access, inherit, pid))
        return self.opened

    def GetCurrentProcess(self):  # noqa: N802, ANN201
        self.calls.append(("GetCurrentProcess",))
        return -1

    def SetPriorityClass(self, handle, priority):  # noqa: N802, ANN001, ANN201
        self.calls.append(("SetPriorityClass", handle, priority))
        return 1

    def CloseHandle(self, handle):  # noqa: N802, ANN001, ANN201
        self.calls.append(("CloseHandle", handle))
        return 1


@pytest.fixture
def windows(monkeypatch) -> FakeKernel32:
    kernel32 = FakeKernel32()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(import_ahead, "_kernel32", lambda: kernel32, raising=False)
    for name in ("SCHED_IDLE", "sched_setscheduler", "nice"):  # as on Windows
        monkeypatch.delattr(import_ahead.os, name, raising=False)
    return kernel32


def test_on_windows_the_worker_gets_the_below_normal_priority_class(windows) -> None:
    """Before: on Windows (no idle class, no nice) the worker ran at the import's priority."""
    import_ahead._lower_priority(4242)  # the parent, for the worker it started
    assert windows.calls == [
        ("OpenProcess", 0x0200, False, 4242),  # PROCESS_SET_INFORMATION
        ("SetPriorityClass", 77, 0x4000),  # BELOW_NORMAL_PRIORITY_CLASS
        ("CloseHandle", 77),
    ]
    windows.calls.clear()
    import_ahead._lower_priority(0)  # the worker, for itself
    assert windows.calls == [("GetCurrentProcess",), ("SetPriorityClass", -1, 0x4000)]


def test_on_windows_a_process_that_cannot_be_opened_keeps_its_priority(windows) -> None:
    windows.opened = 0  # access denied, or the worker is already gone
    import_ahead._lower_priority(4242)
    assert windows.calls == [("OpenProcess", 0x0200, False, 4242)]


def _spy_tokenising(monkeypatch) -> list[str]:
    """Texts topic discovery tokenises itself (not handed over) during the test."""
    from analysis import topic_terms

    read: list[str] = []
    real = topic_terms.analysed

    def analysed(text):
        read.append(text)
        return real(text)

    monkeypatch.setattr(topic_terms, "analysed", analysed)
    return read


def test_topic_discovery_takes_the_workers_readings(tmp_path, monkeypatch) -> None:
    from analysis import topic_terms

    file = _csv(tmp_path / "in.csv", _texts(240), ("2026-08", "2026-09"))
    ahead_ws, plain_ws = _twins(tmp_path)
    with Patient(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)
    stored = _ahead(ahead_ws)
    first = stored[text_key(_texts(240)[0])]
    assert "[email]" in first[0] and first[5] == topic_terms.reading(first[0])
    assert "anna" not in first[5] and "email" not in first[5]  # the redacted, cleaned text

    read = _spy_tokenising(monkeypatch)
    with_readings = _analysed(ahead_ws)
    departments = set(DEPARTMENTS)  # topics-12 reads their names
    assert set(read) <= departments  # every comment's reading came from the import's worker
    read.clear()
    assert with_readings == _analysed(plain_ws)
    assert len(set(read) - departments) >= 239  # which reads them all
    assert topic_terms._handed == {}  # dropped once the analysis ends


def test_readings_of_another_topics_version_are_not_taken(tmp_path, monkeypatch) -> None:
    from analysis import topic_terms

    file = _csv(tmp_path / "in.csv", _texts(120), ("2026-09",))
    ahead_ws, plain_ws = _twins(tmp_path)
    with Patient(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)
    assert ahead.stored == 120

    monkeypatch.setattr(topic_terms, "TOPICS_VERSION", "topics-next")  # software updated
    read = _spy_tokenising(monkeypatch)
    assert _analysed(ahead_ws) == _analysed(plain_ws)
    assert len(read) >= 2 * 119  # both analyses read every comment themselves
    assert _rows(ahead_ws, "SELECT COUNT(*) FROM comments_ahead") == [(0,)]


def test_rows_of_the_first_format_are_not_taken(tmp_path) -> None:
    from analysis.comment_update import _read_ahead

    file = _csv(tmp_path / "in.csv", _texts(60), ("2026-09",))
    ahead_ws, plain_ws = _twins(tmp_path)
    with Patient(ahead_ws, file) as ahead:
        import_csv(ahead_ws, file, ahead=ahead)
    import_csv(plain_ws, file)
    db = open_workspace(ahead_ws)
    try:
        prepared = _found(ahead_ws)[0]["prepared_with"]
        assert len(_read_ahead(db, prepared)) == 59
        for id_, found in db.execute("SELECT id, found FROM comments_ahead").fetchall():
            row = json.loads(found)  # as an import before the topic readings wrote it
            row["format"], row["comments"] = 1, {k: v[:5] for k, v in row["comments"].items()}
            with db.conn:
                db.execute(
                    "UPDATE comments_ahead SET found = ? WHERE id = ?", [json.dumps(row), id_]
                )
        assert _read_ahead(db, prepared) == {}
    finally:
        db.close()
    assert _analysed(ahead_ws) == _analysed(plain_ws)
