"""Older never beats newer: a person's answers are ordered by their own counter.

Before, answer A waited in the outbox (share away), answer B of the same person for the same
wave was then delivered directly, and the outbox flush sent A afterwards with a newer file
time: ingest took A as the newer answer and it replaced B.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from surveys.ingest import ingest
from surveys.outbox import deliver, flush_outbox, pending_count
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, WAVE, publish, submission


def _stored(workspace: Path) -> list[tuple]:
    db = open_workspace(workspace)
    try:
        return db.execute(
            "SELECT a.item, a.value FROM answers a "
            "JOIN submissions s ON s.id = a.submission_id ORDER BY a.item"
        ).fetchall()
    finally:
        db.close()


def test_an_answer_that_waited_in_the_outbox_never_replaces_a_newer_one(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    token = "c" * 64
    older = submission({"IT": {"timely": 1}}, token=token)
    newer = submission({"IT": {"timely": 5}}, token=token)

    assert deliver(older, survey, None).status == "queued"  # the share was away
    assert pending_count() == 1
    assert deliver(newer, survey, share).status == "delivered"  # flushes the older first
    assert pending_count() == 0
    assert flush_outbox(share) == 0

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 1 and report.replaced + report.superseded == 1
    assert _stored(workspace) == [("timely", 5)]
    db = open_workspace(workspace)
    assert db.execute("SELECT counter FROM submissions").fetchall() == [(2,)]


def test_file_times_and_names_never_decide(workspace, tmp_path) -> None:
    """The older answer gets the newer file time and sorts last by name: still older."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    token = "d" * 64
    first = deliver(submission({"IT": {"timely": 2}}, token=token), survey, share).path
    second = deliver(submission({"IT": {"timely": 4}}, token=token), survey, share).path
    os.utime(first, (2_000_000_000, 2_000_000_000))
    os.utime(second, (1_000_000_000, 1_000_000_000))
    first.rename(first.with_name("zzzz.rapport"))
    second.rename(second.with_name("aaaa.rapport"))

    ingest(workspace, share, PASSPHRASE, batch_size=1)  # one file per transaction

    assert _stored(workspace) == [("timely", 4)]


def test_the_result_does_not_depend_on_arrival_order(workspace, tmp_path) -> None:
    """Three answers of one person, ingested one run each, in two opposite orders."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    token = "e" * 64
    days = ("2026-10-07", "2026-10-02", "2026-10-02")  # the clock went back: counters count
    for value, day in zip((1, 2, 3), days, strict=True):
        deliver(submission({"IT": {"timely": value}}, token=token, day=day), survey, share)
    hold = tmp_path / "hold"
    hold.mkdir()
    files = []
    for path in sorted((share / "inbox").iterdir()):
        files.append(path.rename(hold / path.name))
    twin = tmp_path / "twin"
    shutil.copytree(workspace, twin)

    for target, order in ((workspace, files), (twin, files[::-1])):
        for path in order:
            shutil.copy(path, share / "inbox" / path.name)
            ingest(target, share, PASSPHRASE)
        assert _stored(target) == [("timely", 3)]


def test_counters_grow_per_wave_and_are_kept_on_this_machine() -> None:
    from surveys.outbox import next_counter

    assert [next_counter(WAVE), next_counter(WAVE), next_counter("2026-11")] == [1, 2, 1]
    assert next_counter(WAVE) == 3
