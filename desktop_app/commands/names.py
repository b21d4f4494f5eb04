"""`rapport names import WORKSPACE FILE`: the names that redaction removes from comments."""

from __future__ import annotations

import argparse

from desktop_app.commands import printable
from desktop_app.commands.import_file import add_read_options, print_problems


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "names",
        help="fill the redaction name list from a file of employee names",
        description="Work with the list of people's names that comments are redacted of.",
    )
    actions = parser.add_subparsers(dest="names_command", metavar="ACTION", required=True)
    load = actions.add_parser(
        "import",
        help="add the names of a CSV, TSV or XLSX file to the imported names",
        description=(
            "Read employees' names from a file (a Name column, or First name and Last name "
            "columns) and keep only their normalised given and family names for redaction; "
            "no other column is read and the file is not kept. Importing again adds to the "
            "imported list: names imported before stay (`rapport names clear` removes them); "
            "names typed in Settings are kept."
        ),
    )
    load.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    load.add_argument("file", metavar="FILE", help="the list of names (.csv, .tsv or .xlsx)")
    add_read_options(load)
    load.set_defaults(func=run_import)
    clear = actions.add_parser(
        "clear",
        help="remove the imported names (names typed in Settings are kept)",
        description="Remove the names imported with `rapport names import`.",
    )
    clear.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    clear.set_defaults(func=run_clear)


def run_import(args: argparse.Namespace) -> int:
    from surveys.importing import ImportProblems, import_names
    from surveys.read_options import ReadOptions, reading_as

    try:
        with reading_as(ReadOptions(args.encoding, args.sheet)):
            report = import_names(args.workspace, args.file)
    except ImportProblems as exc:
        print_problems(exc.lines(), None, args.encoding)
        return 2
    print(printable(report.summary()))
    if report.sheet and not args.sheet:
        print("To read another worksheet, add --sheet NAME.")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    from surveys.importing.names import clear_names
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        count = clear_names(db)
    finally:
        db.close()
    print(f"Removed {count:,} imported name{'s' if count != 1 else ''}.")
    return 0
