"""`rapport init` killed at any moment leaves no workspace or a whole one.

Before, 3 of 40 random kills left a 0-byte ``rapport.db`` (init then said "already holds a
workspace", opening it said "create one with rapport init"), and a kill after the schema was
written left a workspace without departments.

Each test runs the real code in a child process that dies with ``os._exit`` (no clean-up,
like kill -9) at a chosen point, or is killed with SIGKILL after a delay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from surveys.store import (
    WorkspaceError,
    create_workspace,
    database_path,
    departments,
    get_setting,
    open_workspace,
)

ROOT = Path(__file__).resolve().parents[2]
#: `rapport init --organisation` (File › New workspace): written inside the build too.
ORGANISATION = "Northwind Traders"

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import surveys.migrations as schema
    from surveys.store import create_workspace

    stage, folder = sys.argv[1], Path(sys.argv[2])

    def die(*_args, **_kwargs):
        os._exit(9)

    if stage.startswith("in-migration-"):
        migration = schema.migrations._migrations[int(stage.rsplit("-", 1)[1]) - 1]
        migration.fn = die
    elif stage == "after-migrations":
        apply = schema.migrations.apply
        schema.migrations.apply = lambda db, **kw: (apply(db, **kw), die())
    elif stage in ("before-rename", "after-rename"):
        for name in ("link", "rename", "replace"):
            real = getattr(os, name)
            def hooked(src, dst, *args, real=real, **kwargs):
                if Path(dst).name in ("rapport.db", folder.name):
                    if stage == "before-rename":
                        die()
                    real(src, dst, *args, **kwargs)
                    die()
                return real(src, dst, *args, **kwargs)
            setattr(os, name, hooked)
    create_workspace(folder, organisation="Northwind Traders")
    os._exit(0)
    """
)

STAGES = [
    "in-migration-1",
    "in-migration-5",
    "in-migration-13",
    "after-migrations",
    "before-rename",
    "after-rename",
]


def _leftovers(folder: Path) -> list[str]:
    places = [folder, folder.parent] if folder.is_dir() else [folder.parent]
    return sorted(p.name for place in places for p in place.iterdir() if "tmp" in p.name)


def _check_whole_or_nothing(folder: Path) -> str:
    """Nothing (and init works again) or a complete workspace; returns which."""
    if not database_path(folder).exists():
        db = create_workspace(folder, organisation=ORGANISATION)
        outcome = "nothing"
    else:
        with pytest.raises(WorkspaceError, match="already holds"):
            create_workspace(folder)
        db = open_workspace(folder)
        outcome = "whole"
    assert [d.name for d in departments(db)] == ["Sales", "IT", "Marketing", "Operations"]
    assert get_setting(db, "organisation") == ORGANISATION
    db.close()
    assert _leftovers(folder) == []
    return outcome


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder", "empty-folder"])
@pytest.mark.parametrize("stage", STAGES)
def test_killed_init_leaves_nothing_or_a_whole_workspace(tmp_path, stage, existing) -> None:
    folder = tmp_path / "ws"
    if existing:
        folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, stage, str(folder)], env=_env(), cwd=ROOT, timeout=120
    )
    assert done.returncode == 9
    expected = "whole" if stage == "after-rename" else "nothing"
    assert _check_whole_or_nothing(folder) == expected


@pytest.mark.slow
def test_init_killed_after_random_delays(tmp_path) -> None:
    """SIGKILL a real `rapport init` at moments spread over its whole run."""
    command = [sys.executable, "-m", "desktop_app.cli", "init", "--organisation", ORGANISATION]
    started = time.perf_counter()
    subprocess.run([*command, str(tmp_path / "timing")], env=_env(), cwd=ROOT, check=True)
    whole_run = time.perf_counter() - started
    outcomes = []
    for number in range(8):
        folder = tmp_path / f"ws{number}"
        process = subprocess.Popen([*command, str(folder)], env=_env(), cwd=ROOT)
        time.sleep(whole_run * (0.35 + 0.08 * number))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        outcomes.append(_check_whole_or_nothing(folder))
    assert set(outcomes) <= {"nothing", "whole"}
