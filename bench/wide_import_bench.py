"""Benchmark `rapport import` on a large wide export, against the tidy import of the same answers.

Generates, into a temporary folder:

- a Qualtrics-style wide CSV (three header rows, identity and metadata columns, a
  department question, 5 target departments x 8 items as agreement and frequency words,
  5 comment columns): ``--respondents`` rows (default 100,000), each rating the four other
  departments on every item, so 32 answers per respondent (3.2 M answers), and a comment
  from about one respondent in five (all-distinct text);
- its mapping, written by ``rapport import --suggest-mapping`` in the same run (every
  answer is a word of a known scale, so no line needs checking; the script makes sure);
- the same answers as Rapport's tidy response CSV (one row per answer).

Then, each in a child process on a new workspace, it runs the baseline
``rapport import-csv`` on the tidy file and ``rapport import --mapping`` on the wide file,
and prints wall time, CPU time and peak resident memory (``os.wait4``) of each, with the
ratio. Run it while the machine is quiet if you can, and say the load (``uptime``).

Usage::

    .venv/bin/python bench/wide_import_bench.py                   # 100,000 respondents
    .venv/bin/python bench/wide_import_bench.py --respondents 20000
    .venv/bin/python bench/wide_import_bench.py --xlsx 20000      # and 20,000 rows as XLSX
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEPARTMENTS = {"Sales": 30, "IT": 15, "Marketing": 15, "Operations": 30, "Finance": 10}
STATEMENTS = (
    ("frequent", "How often do you talk with them about shared work?"),
    ("timely", "It arrives in time"),
    ("accurate", "What they tell us is correct"),
    ("problem_solving", "When something goes wrong, they work with us to fix it"),
    ("shared_goals", "We work towards the same goals"),
    ("shared_knowledge", "They understand what our work involves"),
    ("respect", "They treat us with respect"),
    ("overall", "Overall, how satisfied are you with working with them?"),
)
AGREE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
FREQUENCY = ("Never", "Quarterly", "Monthly", "Weekly", "Daily")
SATISFACTION = ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied")
TARGET_TIME_S = 60.0
TARGET_MEMORY_MB = 500.0
SUBJECTS = (
    "The intake form",
    "Their release plan",
    "The monthly report",
    "Our shared queue",
    "The lab interface",
    "The campaign brief",
    "Their on-call rota",
    "The price list",
)
MIDDLES = (
    "took three weeks to change",
    "was explained clearly in the stand-up",
    "keeps coming back with missing fields",
    "finally has one owner",
    "was changed without telling us",
    "works well since the joint review",
    "is still waiting for sign-off",
    "saved us a day of chasing",
)
ENDINGS = ("", ", again.", "; thanks to the liaison.", ", which nobody expected.", ".")


def _comment(rng: random.Random, number: int) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(MIDDLES)} (request {number:06d} in week "
        f"{rng.randint(1, 52)}){rng.choice(ENDINGS)}"
    )


def generate(folder: Path, respondents: int, seed: int = 11) -> tuple[Path, Path, int]:
    """Write the wide file and its tidy twin; return both paths and the answer count."""
    rng = random.Random(seed)
    names, weights = list(DEPARTMENTS), list(DEPARTMENTS.values())
    wide_path, tidy_path = folder / "wide.csv", folder / "tidy.csv"
    meta = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientEmail",
        "RecipientFirstName",
        "Q1",
    ]
    texts = [
        "Start Date",
        "End Date",
        "Response Type",
        "IP Address",
        "Progress",
        "Finished",
        "Recorded Date",
        "Response ID",
        "Recipient Email",
        "Recipient First Name",
        "Which department do you work in?",
    ]
    keys, questions = list(meta), list(texts)
    for q, target in enumerate(names, start=2):
        for s, (_, statement) in enumerate(STATEMENTS, start=1):
            keys.append(f"Q{q}_{s}")
            questions.append(f"Working with {target} - {statement}")
    for q, target in enumerate(names, start=2 + len(names)):
        keys.append(f"Q{q}")
        questions.append(f"What one thing would make working with {target} better?")
    import_ids = [json.dumps({"ImportId": k}) for k in keys]
    answers = 0
    with (
        wide_path.open("w", encoding="utf-8-sig", newline="") as wide_handle,
        tidy_path.open("w", encoding="utf-8", newline="") as tidy_handle,
    ):
        wide, tidy = csv.writer(wide_handle), csv.writer(tidy_handle)
        wide.writerows([keys, questions, import_ids])
        tidy.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item", "value"]
        )
        for n in range(respondents):
            dept = rng.choices(names, weights)[0]
            day = 1 + rng.randrange(28)
            when = f"2025-10-{day:02d} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:07"
            rid = f"R_{rng.getrandbits(60):015x}"
            row = [
                when,
                when,
                "IP Address",
                f"10.{n % 250}.{n // 250 % 250}.7",
                "100",
                "True",
                when,
                rid,
                f"person{n}@example.org",
                f"Person{n}",
                dept,
            ]
            comment_on = rng.choice(names) if rng.random() < 0.2 else None
            comments = []
            for target in names:
                for item, _ in STATEMENTS:
                    if target == dept:
                        row.append("")
                        continue
                    value = rng.choices((1, 2, 3, 4, 5), (1, 2, 3, 4, 3))[0]
                    words = {"frequent": FREQUENCY, "overall": SATISFACTION}.get(item, AGREE)
                    row.append(words[value - 1])
                    tidy.writerow([rid, "2025-10", dept, target, item, value])
                    answers += 1
            for target in names:
                text = _comment(rng, n) if target == comment_on and target != dept else ""
                row.append(text)
                if text:
                    comments.append([rid, "2025-10", dept, target, "comment", text])
            tidy.writerows(comments)
            wide.writerow(row)
    return wide_path, tidy_path, answers


def run_child(command: list[str]) -> tuple[float, float, float, int, str]:
    """Run ``command``; return wall s, CPU s, peak resident MB, exit code and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    text = output.decode(errors="replace").strip()
    return seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), text


def new_workspace(folder: Path) -> Path:
    from surveys.store import create_workspace

    create_workspace(folder, list(DEPARTMENTS)).close()
    return folder


def rapport(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "rapport"), *args]


def write_xlsx(wide: Path, target: Path, respondents: int) -> None:
    """The three header rows and the first ``respondents`` rows of ``wide`` as a workbook."""
    import openpyxl

    book = openpyxl.Workbook()  # not write-only: shared strings, as Excel and Forms write them
    sheet = book.active
    with wide.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            if number >= respondents + 3:
                break
            sheet.append(row)
    book.save(target)


def _xlsx_run(folder: Path, wide: Path, mapping: Path, respondents: int) -> None:
    workbook = folder / "wide.xlsx"
    # In a child: openpyxl holds the whole workbook while writing it, and a child started
    # afterwards would inherit this process's peak memory (Linux keeps ru_maxrss across exec).
    subprocess.run(
        [sys.executable, __file__, "--write-xlsx", str(wide), str(workbook), str(respondents)],
        check=True,
    )
    seconds, cpu, peak, code, text = run_child(
        rapport(
            "import",
            str(new_workspace(folder / "ws-xlsx")),
            str(workbook),
            "--mapping",
            str(mapping),
        )
    )
    print(f"  {text.splitlines()[-1] if text else ''}")
    label = f"import --mapping ({respondents:,} rows, XLSX)"
    print(
        f"{label:<30} {seconds:7.1f} s wall {cpu:7.1f} s CPU {peak:7.0f} MB peak"
        + ("" if code == 0 else " (failed)")
    )


def main() -> int:
    if sys.argv[1:2] == ["--write-xlsx"]:
        write_xlsx(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--xlsx",
        type=int,
        default=0,
        metavar="N",
        help="also import the first N respondents as an Excel workbook (no target; XLSX is "
        "read cell by cell and is slower than CSV)",
    )
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    folder = Path(tempfile.mkdtemp(prefix="rapport-wide-bench-"))
    try:
        start = time.perf_counter()
        wide, tidy, answers = generate(folder, args.respondents)
        print(
            f"generated {args.respondents:,} respondents, {answers:,} answers "
            f"({wide.stat().st_size / 1e6:.0f} MB wide, {tidy.stat().st_size / 1e6:.0f} MB "
            f"tidy) in {time.perf_counter() - start:.1f} s"
        )
        mapping = folder / "mapping.yaml"
        start = time.perf_counter()
        suggested = subprocess.run(
            rapport("import", "--suggest-mapping", str(wide)), capture_output=True, text=True
        )
        if suggested.returncode or "(none here)" not in suggested.stdout:
            print(suggested.stdout, suggested.stderr, file=sys.stderr)
            return 1  # the bench's file is meant to need no checking
        mapping.write_text(suggested.stdout, encoding="utf-8")
        print(f"suggest-mapping: {time.perf_counter() - start:.1f} s; {suggested.stderr.strip()}")
        floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"this process's peak so far: {floor:.0f} MB (children inherit it as their floor)")
        results = {}
        for label, command in (
            (
                "baseline: import-csv (tidy)",
                rapport("import-csv", str(new_workspace(folder / "ws-tidy")), str(tidy)),
            ),
            (
                "import --mapping (wide)",
                rapport(
                    "import",
                    str(new_workspace(folder / "ws-wide")),
                    str(wide),
                    "--mapping",
                    str(mapping),
                ),
            ),
        ):
            seconds, cpu, peak, code, text = run_child(command)
            print(f"  {text.splitlines()[-1] if text else ''}")
            if code:
                print(text, file=sys.stderr)
                return 1
            results[label] = (seconds, peak)
            print(f"{label:<30} {seconds:7.1f} s wall {cpu:7.1f} s CPU {peak:7.0f} MB peak")
        base, mine = results["baseline: import-csv (tidy)"], results["import --mapping (wide)"]
        ratio_time, ratio_memory = mine[0] / base[0], mine[1] / base[1]
        print(f"wide / tidy: {ratio_time:.2f}x the time, {ratio_memory:.2f}x the memory")
        ok = mine[0] <= TARGET_TIME_S and mine[1] <= TARGET_MEMORY_MB
        print(
            f"target <= {TARGET_TIME_S:.0f} s and <= {TARGET_MEMORY_MB:.0f} MB: "
            f"{'met' if ok else 'NOT met'}"
        )
        if args.xlsx:
            _xlsx_run(folder, wide, mapping, args.xlsx)
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
