"""A share that fails after the workspace opened (an SQLite or file-system error from a read
of the open database): the window's quick reads say it as a workspace that cannot be read,
never raise it into the event loop."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app import workspace_reads
from tests.desktop_app.slow_reads import (  # noqa: F401 (product_waits: autouse fixture)
    open_patiently,
    product_waits,
    shown_window,
)


def _fails(*_args, **_kwargs):
    raise sqlite3.OperationalError("disk I/O error")


def _fails_os(*_args, **_kwargs):
    raise OSError(5, "Input/output error")


@pytest.mark.parametrize("failure", [_fails, _fails_os])
def test_the_glance_counts_a_read_that_fails_after_the_open_as_unreadable(
    workspace, monkeypatch, failure
):
    """``glance`` said "a workspace that cannot be read has no stored result and counts as
    having answers", yet caught only the open's error: a read of the stored result that
    failed after it raised instead."""
    monkeypatch.setattr("analysis.result_store.cached_result", failure)
    seen = workspace_reads.glance(workspace)
    assert seen.result is None and seen.has_responses is True


@pytest.mark.parametrize("failure", [_fails, _fails_os])
def test_whether_there_are_answers_counts_a_failed_read_as_yes(workspace, monkeypatch, failure):
    monkeypatch.setattr("surveys.pulses.has_responses", failure)
    assert workspace_reads.workspace_has_responses(workspace) is True


def test_opening_a_workspace_whose_share_fails_mid_read_raises_nothing(
    qtbot, demo_workspace, monkeypatch
):
    """The window's glance at a workspace it opened raised the share's SQLite error into
    the event loop (pytest-qt fails a test on one); now the analysis that follows runs and
    reports what it finds, in words."""
    monkeypatch.setattr("analysis.result_store.cached_result", _fails)
    window = shown_window(qtbot)
    open_patiently(window, demo_workspace)
    assert str(window.context.path) == str(demo_workspace)
    assert window.context.has_responses is True
    qtbot.waitUntil(lambda: window.analysis_job is None, timeout=60_000)
    assert "Traceback" not in window.analysis_label.text()
