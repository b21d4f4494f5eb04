"""Benchmark scripts leave the user's own settings alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_hung_share_bench_keeps_out_of_the_users_settings(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("RAPPORT_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
    }
    env |= {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hung_share_bench.py"), "--hang", "0.2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "open: largest GUI gap" in done.stdout
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
