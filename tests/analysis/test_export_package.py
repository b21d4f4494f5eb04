"""The export package loads its writers on first use, so analysis alone stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import analysis.export as export


def test_every_listed_name_resolves_and_others_are_refused() -> None:
    for name in export.__all__:
        assert getattr(export, name) is not None
    assert set(export.__all__) <= set(dir(export))
    with pytest.raises(AttributeError, match="no_such_writer"):
        export.no_such_writer  # noqa: B018


def test_analysing_does_not_load_the_deck_and_workbook_libraries() -> None:
    code = (
        "import sys, analysis.pipeline, analysis.export.files\n"
        "print(sorted(m for m in ('pptx', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
