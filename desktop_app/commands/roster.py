"""`rapport roster import WORKSPACE FILE`: departments and headcounts from an HR export."""

from __future__ import annotations

import argparse

from desktop_app.commands import printable
from desktop_app.commands.import_file import add_read_options, print_problems


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "roster",
        help="set departments and headcounts from an HR system's export",
        description="Work with the workspace's roster (departments and headcounts).",
    )
    actions = parser.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    load = actions.add_parser(
        "import",
        help="set departments and headcounts from a CSV, TSV or XLSX file",
        description=(
            "Set headcounts from a file with a department column and a headcount column, or "
            "count the rows of a file with one row per employee (only the counts are kept). "
            "New departments are added; departments the file does not name are left as they "
            "are. Everything is checked first; problems are listed with their row and column "
            "and nothing is changed."
        ),
    )
    load.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    load.add_argument("file", metavar="FILE", help="the roster (.csv, .tsv or .xlsx)")
    load.add_argument("--department-column", metavar="NAME", help="the department column")
    load.add_argument("--headcount-column", metavar="NAME", help="the headcount column")
    load.add_argument("--dry-run", action="store_true", help="show the changes, make none")
    add_read_options(load)
    load.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from surveys.importing import ImportProblems, import_roster
    from surveys.read_options import ReadOptions, reading_as

    try:
        with reading_as(ReadOptions(args.encoding, args.sheet)):
            report = import_roster(
                args.workspace,
                args.file,
                department_column=args.department_column,
                headcount_column=args.headcount_column,
                dry_run=args.dry_run,
            )
    except ImportProblems as exc:
        print_problems(exc.lines(), None, args.encoding)
        return 2
    print(printable(report.summary()))
    if report.sheet and not args.sheet:
        print("To read another worksheet, add --sheet NAME.")
    if len(report.department_choices) > 1 and not args.department_column:
        print("To read the departments from another column, add --department-column NAME.")
    return 0
