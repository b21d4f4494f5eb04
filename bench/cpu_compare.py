"""Compare the CPU time of `rapport analyze` and of the CSV import between two trees.

Exports an older revision (``--old``, e.g. ``main``) with ``git archive`` into a temporary
folder and runs it against this tree, alternating, on the response file of a bench workspace
kept by ``bench/analyze_bench.py --keep DIR`` (``DIR/responses.csv``). Each round times, for
each tree:

- ``import_csv`` of ``responses.csv`` into a new workspace, as ``rapport import-csv`` runs
  it (with :class:`analysis.import_ahead.ImportAhead` when the tree has it): wall seconds,
  CPU seconds of the import itself (``time.process_time``) and of the worker beside it;
- ``rapport analyze`` of that workspace (the same folder name for both trees, so the JSON
  is comparable), run as the console script runs it: CPU seconds (user + system) of the
  process and of every process it started, its sentiment worker included, and of the
  analysing process alone (and its peak resident memory). On Linux this script makes
  itself a "child subreaper", so a worker that outlives the analysis is waited for and
  counted.

It prints every round, the medians, and whether the two trees wrote byte-identical JSON.
The machine may be shared: CPU seconds move far less with the load than wall time.

On a busy machine no import worker starts (``analysis.import_ahead.SPARE_CORE``), so the
analysis gets nothing from the import. ``--full-ahead`` starts the worker whatever the load
hands it every batch however far behind it is (``MAX_WAITING``, ``MAX_WAITING_CHARS``),
and has the import wait
until it has sent back every comment before keeping them, as on an idle machine where it
keeps up: the analysis then always starts from a workspace whose
import did all it can. The import's wall time then includes that wait (its CPU seconds do
not).

    .venv/bin/python bench/analyze_bench.py --scale 0.1 --skip-notebook --keep /tmp/bench
    .venv/bin/python bench/cpu_compare.py --old main --base /tmp/bench --rounds 7
    .venv/bin/python bench/cpu_compare.py --old main --base /tmp/bench --full-ahead
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "surveys", "desktop_app")
DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations", "Finance", "Quality")
#: ``rapport analyze`` as the console script runs it, printing its own CPU seconds at the end.
ANALYZE = """
import resource, runpy, sys
sys.argv = ["rapport", "analyze", sys.argv[1], "--json", sys.argv[2], "--quiet"]
try:
    runpy.run_module("desktop_app.cli", run_name="__main__")
except SystemExit:
    pass
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    print("own CPU", own.ru_utime + own.ru_stime, "peak", own.ru_maxrss, file=sys.stderr)
"""
IMPORT = f"""
import inspect, resource, sys, time
from pathlib import Path
from surveys.csv_import import import_csv
from surveys.store import create_workspace
ImportAhead = None
if "ahead" in inspect.signature(import_csv).parameters:  # not in a tree from before it
    from analysis import import_ahead
    from analysis.import_ahead import ImportAhead
    if sys.argv[3] == "full":  # --full-ahead: a worker whatever the load, and all it finds
        import_ahead._core_to_spare = lambda: True
        import_ahead.MAX_WAITING = 0  # trees with a batch limit: every batch waits
        import_ahead.MAX_WAITING_CHARS = float("inf")  # trees with a character budget
        keep = ImportAhead.store

        def store(self, conn):
            while self.received < self.handed and self.running:
                time.sleep(0.01)
            keep(self, conn)

        ImportAhead.store = store
folder, file = Path(sys.argv[1]), Path(sys.argv[2])
create_workspace(folder, {DEPARTMENTS!r}).close()
start, cpu = time.perf_counter(), time.process_time()
if ImportAhead is None:
    import_csv(folder, file)
else:
    with ImportAhead(folder, file) as ahead:
        import_csv(folder, file, ahead=ahead)
wall, own = time.perf_counter() - start, time.process_time() - cpu
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, own, usage.ru_utime + usage.ru_stime)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reap() -> None:
    """Wait for every remaining descendant (workers handed to this subreaper)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _run(tree: Path, args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, check=True, capture_output=True, text=True
    )
    _reap()
    return _children_cpu() - cpu, time.perf_counter() - start, done


def _round(tree: Path, name: str, base: Path, work: Path, full: bool) -> dict[str, float]:
    runs = work / "runs" / name  # beside the exported tree, never inside it
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir(parents=True)
    workspace = runs / "ws"
    csv_file, ahead = str(base / "responses.csv"), "full" if full else "usual"
    _, _, printed = _run(tree, ["-c", IMPORT, str(workspace), csv_file, ahead])
    import_wall, import_cpu, beside = (float(x) for x in printed.stdout.split()[-3:])
    out = work / f"{name}.json"
    cpu, wall, done = _run(tree, ["-c", ANALYZE, str(workspace), str(out)])
    printed = done.stderr.rsplit("own CPU", 1)[1].split()
    own, peak = float(printed[0]), float(printed[2]) / 1024  # ru_maxrss: KiB on Linux
    return {
        "import wall": import_wall,
        "import CPU": import_cpu,
        "import worker CPU": beside,
        "analyze CPU": cpu,
        "analysing process CPU": own,
        "its workers' CPU": cpu - own,
        "analyze wall": wall,
        "analysing process peak MB": peak,
        "import plus analyze wall": import_wall + wall,
    }


def _export(revision: str, folder: Path) -> Path:
    tree = folder / "old"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="main", help="git revision to compare against")
    parser.add_argument("--base", required=True, help="folder kept by analyze_bench.py --keep")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--full-ahead",
        action="store_true",
        help="import with the worker whatever the load, keeping all it finds (see above)",
    )
    args = parser.parse_args(argv)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    with tempfile.TemporaryDirectory(prefix="rapport-cpu-") as temp:
        work = Path(temp)
        trees = {"old": _export(args.old, work), "new": ROOT}
        for tree in trees.values():
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", *(str(tree / p) for p in PACKAGES)],
                check=True,
            )
            _, _, done = _run(tree, ["-c", "import analysis; print(analysis.__file__)"])
            where = done.stdout.strip()
            if not Path(where).is_relative_to(tree):  # an installed copy came first
                raise SystemExit(f"{tree} runs the analysis of {where}")
        figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        for round_ in range(args.rounds):
            order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
            for name in order:
                timed = _round(trees[name], name, Path(args.base), work, args.full_ahead)
                for key, value in timed.items():
                    figures[name].setdefault(key, []).append(value)
            line = "  ".join(f"{n} {k} {v[-1]:.2f}" for n in trees for k, v in figures[n].items())
            print(f"round {round_ + 1}: {line} (load {os.getloadavg()[0]:.1f})", flush=True)
        for key in figures["old"]:
            old, new = (statistics.median(figures[n][key]) for n in ("old", "new"))
            unit = "" if key.endswith("MB") else " s"
            print(
                f"median {key}: {args.old} {old:.3f}{unit}, this tree {new:.3f}{unit} "
                f"({new - old:+.3f})"
            )
        same = (work / "old.json").read_bytes() == (work / "new.json").read_bytes()
        print(f"analyze JSON byte-identical: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
