"""A large, sparse organisation: 36 departments, most pairs of which never rate each other.

The demo and the other benches have four to six departments, where every pair is rated.
A real organisation has 20–40, and each department works with a handful of others: most
of the 1,260 directed pairs have no answer at all, many have one to four people (under
the privacy threshold), and a few busy pairs (sales with IT, operations with
procurement...) have dozens. This builds such a workspace through the CSV import, seeded,
so the HR window, the heatmap, the network and the exports can be looked at and timed on
it (``bench/export_bench.py --workspace``).

    .venv/bin/python bench/large_org.py /tmp/org            # 36 departments, 4 waves
    .venv/bin/python bench/large_org.py /tmp/org --departments 40 --seed 3
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Department names as a mid-sized company has them, some of them long.
NAMES = (
    "Sales EMEA", "Sales Americas", "Sales APAC", "Customer Success", "Marketing",
    "Brand & Communications", "Product Management", "Engineering Platform",
    "Engineering Applications", "Data & Analytics", "IT Service Desk", "IT Infrastructure",
    "Information Security", "Finance", "Accounts Payable", "Payroll", "Procurement", "Legal",
    "Regulatory Affairs & Compliance", "Human Resources", "Talent Acquisition",
    "Learning & Development", "Facilities", "Operations North", "Operations South",
    "Logistics", "Warehouse", "Quality Assurance", "Customer Support", "Field Service",
    "Partnerships", "Pricing", "Internal Audit", "Corporate Strategy", "Research",
    "Health & Safety", "Investor Relations", "Treasury", "Sustainability", "Executive Office",
)  # fmt: skip
WAVES = ("2026-07", "2026-08", "2026-09", "2026-10")
ITEMS = (
    "frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge",
    "respect", "overall",
)  # fmt: skip


def partners(rng: random.Random, names: list[str]) -> dict[str, list[str]]:
    """Whom each department works with: three to six others, the first two the busiest."""
    return {name: rng.sample([n for n in names if n != name], rng.randint(3, 6)) for name in names}


def write_responses(path: Path, headcounts: dict[str, int], seed: int) -> int:
    """A tidy response CSV of sparse ratings and about one comment in four; returns rows.
    A wave's respondents of a department are 10–50 % of its headcount."""
    from bench.distinct_comments import iter_distinct_comments

    rng = random.Random(seed)
    texts = iter_distinct_comments(seed=seed)
    names = list(headcounts)
    works_with = partners(rng, names)
    level = {(a, b): rng.uniform(2.0, 4.4) for a in names for b in works_with[a]}
    rows = sub = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["submission_id", "wave", "respondent_department", "target_department",
                      "item", "value"])  # fmt: skip
        for step, wave in enumerate(WAVES):
            for source in names:
                for _ in range(max(1, round(headcounts[source] * rng.uniform(0.1, 0.5)))):
                    sub += 1
                    for rank, target in enumerate(works_with[source]):
                        if rng.random() > (0.9 if rank < 2 else 0.25):
                            continue
                        base = level[(source, target)] - 0.15 * step * (rank == 0)
                        for item in ITEMS:
                            value = min(5, max(1, round(rng.gauss(base, 0.8))))
                            out.writerow([f"o{sub}", wave, source, target, item, value])
                        rows += len(ITEMS)
                        if rng.random() < 0.25:
                            out.writerow([f"o{sub}", wave, source, target, "comment",
                                          next(texts)])  # fmt: skip
                            rows += 1
    return rows


def build(folder: Path, departments: int = 36, seed: int = 7) -> Path:
    """Create the workspace in ``folder`` (which must not hold one) and return it."""
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace

    rng = random.Random(seed)
    names = list(NAMES[:departments])
    headcounts = {name: rng.choice((6, 9, 12, 18, 25, 40, 60, 90)) for name in names}
    create_workspace(folder, names, headcounts).close()
    with tempfile.TemporaryDirectory() as tmp:
        responses = Path(tmp) / "responses.csv"
        write_responses(responses, headcounts, seed)
        report = import_csv(folder, responses)
    print(f"{folder}: {departments} departments, {report.answers:,} answers, "
          f"{report.comments:,} comments, {report.submissions_new:,} submissions")  # fmt: skip
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--departments", type=int, default=36, choices=range(2, len(NAMES) + 1),
                        metavar=f"2..{len(NAMES)}")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty; give a new folder")
    build(args.folder, args.departments, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
