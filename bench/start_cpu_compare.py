"""Compare the CPU seconds a short Python command takes in two trees, alternating.

Exports an older revision (``--old``, e.g. ``main``) as ``bench/cpu_compare.py`` does and
runs the same command in it and in this tree, one after the other, ``--rounds`` times,
then prints the median CPU seconds (user + system) of each. For start-up costs, too small
to see in a whole analysis on a shared machine:

    .venv/bin/python bench/start_cpu_compare.py --old main -- -c "import desktop_app.cli"
    .venv/bin/python bench/start_cpu_compare.py --old main -- -m desktop_app.cli analyze --help

The first is what a worker process started with ``spawn`` pays to import the main module
again (``desktop_app.cli`` for `rapport analyze` and `rapport import`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu_compare import PACKAGES, ROOT, _children_cpu, _export  # noqa: E402


def _cpu(tree: Path, command: list[str]) -> float:
    before = _children_cpu()
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, *command], cwd=tree, env=env, capture_output=True, check=False)
    return _children_cpu() - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="main", help="git revision to compare against")
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="after --: python's arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with tempfile.TemporaryDirectory(prefix="rapport-start-") as temp:
        trees = {"old": _export(args.old, Path(temp)), "new": ROOT}
        for tree in trees.values():
            packages = [str(tree / p) for p in PACKAGES]
            subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)
        seconds: dict[str, list[float]] = {name: [] for name in trees}
        for round_ in range(args.rounds):
            for name in ("old", "new") if round_ % 2 == 0 else ("new", "old"):
                seconds[name].append(_cpu(trees[name], command))
    old, new = (statistics.median(seconds[n]) * 1000 for n in ("old", "new"))
    print(
        f"{' '.join(command)}: {args.old} {old:.1f} ms, this tree {new:.1f} ms "
        f"({new - old:+.1f} ms), median CPU of {args.rounds} alternations, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
