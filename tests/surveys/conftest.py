"""Fixtures shared by the tests of ``surveys``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def top() -> Iterator[Path]:
    """A folder another account may enter, for tests that act as a colleague or as a
    non-root HR (pytest's own temporary folders are 0700); removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="rapport-hostile-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder)
