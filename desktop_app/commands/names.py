"""`rapport names import WORKSPACE FILE`: the names that redaction removes from comments."""

from __future__ import annotations

import argparse

from desktop_app.commands import confirmed, counted, printable
from desktop_app.commands.import_file import add_read_options, print_problems

#: How the summary says to leave out the entries that are words.
SKIP_HINT = (
    "Keeping a real person's name is safe: it costs only those words. If none of them is a "
    "person, import the file again with --skip-words to leave them all out (also from the "
    "list); --skip-words leaves out the real people among them too."
)


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
            "names typed in Settings are kept. Entries that are ordinary words or a "
            'department\'s name ("Never Helpful", "Sales") are imported too, and listed; '
            "--skip-words leaves them out."
        ),
    )
    load.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    load.add_argument("file", metavar="FILE", help="the list of names (.csv, .tsv or .xlsx)")
    add_read_options(load)
    load.add_argument(
        "--skip-words",
        action="store_true",
        help=(
            "leave out the entries that are ordinary words or a department's name rather "
            "than a person's (taken out of the list if an earlier import stored them: "
            "that asks first on a terminal; elsewhere, add --yes)"
        ),
    )
    load.add_argument(
        "--yes",
        action="store_true",
        help="with --skip-words, take stored entries out of the list without asking",
    )
    load.set_defaults(func=run_import)
    clear = actions.add_parser(
        "clear",
        help="remove the imported names (names typed in Settings are kept)",
        description=(
            "Remove the names imported with `rapport names import`. Comments show these "
            "names again after the next analysis (names typed in Settings stay redacted). "
            "Asks first on a terminal; elsewhere, add --yes."
        ),
    )
    clear.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    clear.add_argument(
        "--yes", action="store_true", help="clear without asking (needed without a terminal)"
    )
    clear.set_defaults(func=run_clear)


def run_import(args: argparse.Namespace) -> int:
    from analysis.name_list_words import word_entries
    from surveys.importing import ImportProblems, import_names
    from surveys.read_options import ReadOptions, reading_as

    skip = args.skip_words
    try:
        with reading_as(ReadOptions(args.encoding, args.sheet)):
            report = import_names(
                args.workspace, args.file, word_entries, lambda _: skip, _asker(args.yes)
            )
    except ImportProblems as exc:
        print_problems(exc.lines(), None, args.encoding)
        return 2
    except _Declined:
        print("Nothing was changed.")
        return 1
    print(printable(report.summary(SKIP_HINT)))
    if report.sheet and not args.sheet:
        print("To read another worksheet, add --sheet NAME.")
    return 0


class _Declined(Exception):
    """The user answered no: nothing is stored."""


def _asker(yes: bool):
    """What `names import --skip-words` does before taking stored entries out of the
    list: every one of them shows again in comments, so it asks, as `names clear` does."""

    def ask(removed) -> None:
        listed = ", ".join(entry.shown() for entry in removed[:20])
        more = f" and {len(removed) - 20:,} more" if len(removed) > 20 else ""
        it = "it" if len(removed) == 1 else "them"
        question = (
            f"Take {counted(len(removed), 'name')} out of the list, where an earlier import "
            f"stored {it} ({printable(listed)}{more})? Comments will show {it} again after "
            "the next analysis."
        )
        if not confirmed(question, yes):
            raise _Declined

    return ask


def run_clear(args: argparse.Namespace) -> int:
    from surveys.importing.names import clear_names, stored_people
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        count = len(stored_people(db))
        if not count:
            print("There are no imported names to remove.")
            return 0
        question = (
            f"Remove the {counted(count, 'imported name')}? Comments will show these names "
            "again after the next analysis (names typed in Settings stay redacted)."
        )
        if not confirmed(question, args.yes):
            print("Nothing was changed.")
            return 1
        count = clear_names(db)
    finally:
        db.close()
    print(f"Removed {counted(count, 'imported name')}; run `rapport analyze` to apply it.")
    return 0
