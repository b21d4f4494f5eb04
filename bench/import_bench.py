"""Benchmark `rapport import-csv` on a large, realistic response CSV.

Generates a tidy response CSV (default 2,000,000 rows: about 235,000 submissions over
twelve monthly waves, each rating one to three other departments on a full or a rotating
pulse, a third with a comment) into a temporary folder, then runs as child processes:

1. ``rapport import-csv`` on the first ``--baseline-rows`` rows (default 200,000);
2. the naive baseline on the same slice: ``csv.DictReader`` and one sqlite-utils
   ``table.insert`` per row (submission with ``ignore=True``, then the answer or comment),
   all inside one transaction, no validation beyond ``Item.parse``;
3. ``rapport import-csv`` on the whole file.

Wall time and the peak resident memory of each child (``os.wait4``'s rusage ``ru_maxrss``)
are printed; the baseline's time is extrapolated linearly to the full size. Peak memory at
two sizes shows whether memory grows with the file.

Usage::

    .venv/bin/python bench/import_bench.py              # 2,000,000 rows
    .venv/bin/python bench/import_bench.py --rows 300000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from surveys.model import DIMENSIONS  # noqa: E402

HEADER = ["submission_id", "wave", "respondent_department", "target_department", "item", "value"]
DEPARTMENTS = {"Sales": 40, "IT": 25, "Marketing": 15, "Operations": 60}
WAVES = [f"{2025 + (10 + m) // 12}-{(10 + m) % 12 + 1:02d}" for m in range(12)]
TARGET_TIME_S = 60.0
TARGET_MEMORY_MB = 500.0

OPENINGS = [
    "They",
    "Their team",
    "The IT helpdesk",
    "Our liaison",
    "Operations",
    "Marketing",
    "Sales",
    "The new intake process",
]
MIDDLES = [
    "took three weeks to answer a simple request",
    "always say it is not their problem",
    "were really responsive during the launch",
    "joined our weekly planning, which helped",
    "built their own tool again instead of asking us",
    'keep saying "we will look into it"',
    "understand what our patients need",
    "escalated over our heads to the VP",
]
ENDINGS = ["", ", again.", ". Thanks!", "; a shared goal would help.", ", honestly.", "."]


def generate(path: Path, rows: int, seed: int = 7) -> int:
    """Write ``rows`` data rows to ``path``; return the number of submissions."""
    rng = random.Random(seed)
    names = list(DEPARTMENTS)
    weights = list(DEPARTMENTS.values())
    written = submissions = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        while written < rows:
            submissions += 1
            batch = _submission_rows(rng, names, weights)
            batch = batch[: rows - written]
            writer.writerows(batch)
            written += len(batch)
    return submissions


def _submission_rows(rng: random.Random, names: list[str], weights: list[int]) -> list[list]:
    sid = f"{rng.getrandbits(64):016x}"
    wave_index = rng.randrange(len(WAVES))
    wave = WAVES[wave_index]
    respondent = rng.choices(names, weights)[0]
    others = [n for n in names if n != respondent]
    count = rng.choices((1, 2, 3), (60, 30, 10))[0]
    out = []
    for target in rng.sample(others, count):
        if wave_index % 3 == 0:  # the full pulse
            items = list(DIMENSIONS)
        else:  # the short rotating pulse: three of the seven dimensions
            items = [DIMENSIONS[(wave_index * 3 + k) % len(DIMENSIONS)] for k in range(3)]
        for item in [*items, "overall"]:
            value = rng.choices("12345", (1, 2, 3, 4, 3))[0]
            out.append([sid, wave, respondent, target, item, value])
        if rng.random() < 0.35:
            out.append([sid, wave, respondent, target, "comment", _comment(rng)])
    return out


def _comment(rng: random.Random) -> str:
    text = f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}{rng.choice(ENDINGS)}"
    if rng.random() < 0.05:
        text += "\nSecond paragraph: " + rng.choice(MIDDLES) + "."
    return text


def slice_file(source: Path, target: Path, rows: int) -> None:
    """Copy the header and the first ``rows`` records of ``source`` into ``target``."""
    with (
        source.open(encoding="utf-8", newline="") as inp,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        reader, writer = csv.reader(inp), csv.writer(out)
        writer.writerow(next(reader))
        for count, record in enumerate(reader):
            if count >= rows:
                break
            writer.writerow(record)


def new_workspace(folder: Path) -> Path:
    from surveys.store import create_workspace

    create_workspace(folder, list(DEPARTMENTS), DEPARTMENTS).close()
    return folder


def run_child(command: list[str]) -> tuple[float, float, float, int]:
    """Run ``command``; return wall seconds, CPU seconds, peak resident MB and exit code.

    The CPU time and the peak memory are those of that child only (``os.wait4``).
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        print(output.decode(errors="replace"), file=sys.stderr)
    else:
        print("   ", output.decode(errors="replace").strip())
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, process.returncode


def naive_import(workspace: str, path: str) -> None:
    """The baseline: DictReader and one sqlite-utils insert per row, one transaction."""
    from surveys.model import ITEMS
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    depts = {name.lower(): did for did, name in db.execute("SELECT id, name FROM departments")}
    waves: dict[str, int] = {}
    rows = 0
    db.execute("BEGIN")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            wave = row["wave"]
            if wave not in waves:
                waves[wave] = db["waves"].insert({"name": wave, "status": "closed"}).last_pk
            from_id = depts[row["respondent_department"].lower()]
            to_id = depts[row["target_department"].lower()]
            db["submissions"].insert(
                {"id": row["submission_id"], "wave_id": waves[wave], "department_id": from_id},
                ignore=True,
            )
            common = {
                "submission_id": row["submission_id"],
                "wave_id": waves[wave],
                "from_id": from_id,
                "to_id": to_id,
            }
            if row["item"] == "comment":
                db["comments"].insert({**common, "text": row["value"]})
            else:
                value = ITEMS[row["item"]].parse(row["value"])
                db["answers"].insert({**common, "item": row["item"], "value": value})
            rows += 1
    db.execute("COMMIT")
    print(f"naive baseline: {rows:,} rows inserted")


def rapport_command(workspace: Path, path: Path) -> list[str]:
    exe = Path(sys.executable).parent / "rapport"
    return [str(exe), "import-csv", str(workspace), str(path)]


def report(label: str, rows: int, seconds: float, cpu: float, peak_mb: float) -> None:
    print(
        f"{label:<28} {rows:>10,} rows {seconds:7.1f} s wall {cpu:7.1f} s CPU "
        f"{rows / seconds:>8,.0f} rows/s  peak {peak_mb:6.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows in the big file")
    parser.add_argument("--baseline-rows", type=int, default=200_000, help="rows of the slice")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--naive", nargs=2, metavar=("WORKSPACE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive:
        naive_import(*args.naive)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="rapport-import-bench-"))
    try:
        return run_bench(folder, args.rows, min(args.baseline_rows, args.rows))
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run_bench(folder: Path, rows: int, slice_rows: int) -> int:
    big, small = folder / "responses.csv", folder / "slice.csv"
    start = time.perf_counter()
    submissions = generate(big, rows)
    slice_file(big, small, slice_rows)
    print(
        f"generated {rows:,} rows ({submissions:,} submissions, "
        f"{big.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f} s; "
        f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}"
    )
    runs = [
        ("rapport import-csv (slice)", small, slice_rows, None),
        ("naive baseline (slice)", small, slice_rows, "naive"),
        ("rapport import-csv (full)", big, rows, None),
    ]
    figures = {}
    for label, path, count, kind in runs:
        workspace = new_workspace(folder / f"ws-{len(figures)}")
        if kind == "naive":
            command = [sys.executable, __file__, "--naive", str(workspace), str(path)]
        else:
            command = rapport_command(workspace, path)
        seconds, cpu, peak, code = run_child(command)
        if code:
            print(f"{label} failed with exit code {code}")
            return 1
        report(label, count, seconds, cpu, peak)
        figures[label] = (seconds, peak)
    return summarise(figures, rows, slice_rows)


def summarise(figures: dict, rows: int, slice_rows: int) -> int:
    naive_s = figures["naive baseline (slice)"][0] * rows / slice_rows
    full_s, full_mb = figures["rapport import-csv (full)"]
    small_mb = figures["rapport import-csv (slice)"][1]
    print(f"naive baseline extrapolated to {rows:,} rows: {naive_s:.0f} s wall")
    print(f"rapport import-csv is {naive_s / full_s:.1f}x faster than the naive baseline")
    print(f"peak memory: {small_mb:.0f} MB at {slice_rows:,} rows, {full_mb:.0f} MB at {rows:,}")
    print(f"load average now: {os.getloadavg()[0]:.2f} (wall times include waiting for a core)")
    scale = rows / 2_000_000
    time_ok = full_s <= TARGET_TIME_S * scale
    memory_ok = full_mb < TARGET_MEMORY_MB
    verdict = {True: "met", False: "MISSED"}
    print(
        f"target {TARGET_TIME_S * scale:.0f} s for {rows:,} rows: {verdict[time_ok]}; "
        f"target < {TARGET_MEMORY_MB:.0f} MB: {verdict[memory_ok]}"
    )
    return 0 if time_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
