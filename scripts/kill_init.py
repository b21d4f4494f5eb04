"""Kill `rapport init` at random moments and check what it leaves: nothing, or a whole workspace.

Each run starts a real `rapport init` in a new folder (half of the runs in a folder that
exists and is empty, half in one that does not) and sends it SIGKILL after a random delay
spread over the time a whole init takes on this machine (measured first). Then it checks:

- ``nothing``: no ``rapport.db``, and `rapport init` in the same place succeeds;
- ``whole``: ``rapport.db`` opens as a workspace with every department and the organisation
  name (`rapport init --organisation`);
- ``broken``: anything else (a half-made or empty ``rapport.db``, a workspace without its
  departments, temporary files left behind). There must be none.

Usage::

    .venv/bin/python scripts/kill_init.py --runs 40
    .venv/bin/python scripts/kill_init.py --runs 40 --from 0.5     # kills while init writes
    .venv/bin/python scripts/kill_init.py --runs 40 --from 0.5 --code /tmp/rapport-main
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from surveys.errors import WorkspaceError  # noqa: E402
from surveys.store import (  # noqa: E402
    create_workspace,
    database_path,
    departments,
    get_setting,
    open_workspace,
)

DEPARTMENTS = ["Sales", "IT", "Marketing", "Operations"]
ORGANISATION = "Northwind Traders"


def _complete(db) -> bool:
    names = [d.name for d in departments(db)]
    return names == DEPARTMENTS and get_setting(db, "organisation") == ORGANISATION


def _outcome(folder: Path) -> str:
    leftovers = [
        p.name
        for place in (folder, folder.parent)
        if place.is_dir()
        for p in place.iterdir()
        if ".tmp" in p.name
    ]
    if not database_path(folder).exists():
        db = create_workspace(folder, organisation=ORGANISATION)  # removes what was left
        fine = _complete(db)
        db.close()
        return "nothing" if fine else "broken"
    try:
        db = open_workspace(folder)
    except WorkspaceError:
        return "broken"
    fine = _complete(db)
    db.close()
    if leftovers:  # a later init in this folder would remove them; count it
        return "whole+leftover" if fine else "broken"
    return "whole" if fine else "broken"


def _wait_for_first_file(folder: Path, process: subprocess.Popen) -> None:
    """Return once init has written something in ``folder`` or a temporary folder beside it."""
    prefix = f".{folder.name}."
    while process.poll() is None:
        if folder.is_dir() and any(folder.iterdir()):
            return
        if any(p.name.startswith(prefix) for p in folder.parent.iterdir()):
            return
        time.sleep(0.0005)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--from",
        dest="start",
        type=float,
        default=0.0,
        help="earliest kill as a share of a whole run (the first ~half is Python starting)",
    )
    parser.add_argument(
        "--while-writing",
        action="store_true",
        help="wait until init has created its first file, then kill within the next 80 ms "
        "(the moments that matter; a random delay mostly hits Python starting)",
    )
    parser.add_argument(
        "--code", metavar="DIR", default=str(ROOT), help="the checkout whose init is killed"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="rapport-kill-init-"))
    env = dict(os.environ, PYTHONPATH=args.code, RAPPORT_HOME=str(root / "home"))
    command = [sys.executable, "-m", "desktop_app.cli", "init", "--organisation", ORGANISATION]
    try:
        started = time.perf_counter()
        subprocess.run(
            [*command, str(root / "timing")],
            env=env,
            cwd=args.code,
            check=True,
            capture_output=True,
        )
        whole_run = time.perf_counter() - started
        print(f"a whole `rapport init` takes {whole_run:.2f} s here")
        counts: dict[str, int] = {}
        for number in range(args.runs):
            folder = root / f"ws{number}"
            if number % 2:
                folder.mkdir()
            delay = rng.uniform(whole_run * args.start, whole_run * 1.1)
            process = subprocess.Popen(
                [*command, str(folder)],
                env=env,
                cwd=args.code,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if args.while_writing:
                _wait_for_first_file(folder, process)
                delay = rng.uniform(0.0, 0.08)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            status = process.wait(30)
            outcome = _outcome(folder)
            counts[outcome] = counts.get(outcome, 0) + 1
            finished = "finished" if status == 0 else "killed"
            when = "after the first file" if args.while_writing else "after"
            print(f"run {number + 1:3}: {when} + {delay:.3f} s ({finished}): {outcome}")
        print("; ".join(f"{name}: {count}" for name, count in sorted(counts.items())))
        return 1 if counts.get("broken") else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
