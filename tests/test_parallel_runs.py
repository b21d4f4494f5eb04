"""scripts/test.sh runs the suite with pytest-xdist: a test marked ``alone`` (the timed ones)
shares the machine with no other test (tests/xdist_alone.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPENT = """
import os
import time

def spent(name: str, began: float) -> None:
    with open({log!r}, "a") as log:
        log.write(f"{{name}} {{os.environ['PYTEST_XDIST_WORKER']}} {{began}} {{time.time()}}\\n")
"""
TIMED = """
import time

import pytest

from spent import spent

@pytest.mark.alone
def test_timed():
    began = time.time()
    time.sleep(0.4)
    spent("timed", began)
"""
OTHERS = """
import time

import pytest

from spent import spent

@pytest.mark.parametrize("k", range(60))
def test_other(k):
    began = time.time()
    time.sleep(0.03)
    spent(f"other{{k}}", began)
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest in a child process with only the plugins it needs (quicker to start)."""
    return pytester.runpytest_subprocess("-p", "xdist", "-p", "no:cacheprovider", *args)


def _overlapping(log: Path) -> tuple[str, list[str]]:
    """The worker of the ``alone`` test, and the tests that ran while it did."""
    rows = [line.split() for line in log.read_text().splitlines()]
    [(_, worker, began, ended)] = [row for row in rows if row[0] == "timed"]
    return worker, [
        name
        for name, _, start, end in rows
        if name != "timed" and float(start) < float(ended) and float(end) > float(began)
    ]


@pytest.mark.parametrize("plugin", ["tests.xdist_alone", None])
def test_an_alone_test_runs_while_no_other_test_does(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, plugin: str | None
) -> None:
    log = pytester.path / "spent.txt"
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    if plugin:
        pytester.makeconftest(f"pytest_plugins = [{plugin!r}]")
    else:  # the control: without the plugin the other worker goes on beside it
        pytester.makeini("[pytest]\nmarkers = alone: no plugin")
    pytester.makepyfile(spent=SPENT.format(log=str(log)), test_timed=TIMED, test_others=OTHERS)
    # One file per worker: the 60 short tests run while the timed one waits or runs.
    result = _run(pytester, "-n", "2", "--dist", "loadfile")
    result.assert_outcomes(passed=61)
    worker, beside = _overlapping(log)
    assert worker in {"gw0", "gw1"}
    assert (beside == []) is bool(plugin), beside


def test_without_xdist_the_plugin_stays_out_of_the_way(pytester: pytest.Pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest("pytest_plugins = ['tests.xdist_alone']")
    pytester.makepyfile("import pytest\n\n@pytest.mark.alone\ndef test_x():\n    pass\n")
    result = _run(pytester, "--strict-markers")
    result.assert_outcomes(passed=1)
