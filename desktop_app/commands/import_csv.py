"""`rapport import-csv WORKSPACE FILE.csv`: import responses from the tidy response CSV."""

from __future__ import annotations

import argparse

from desktop_app.commands import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-csv",
        help="import responses collected elsewhere (tidy CSV, one row per answer)",
        description=(
            "Import responses from a CSV file with the header "
            "submission_id,wave,respondent_department,target_department,item,value "
            "(one row per answer; item 'comment' carries the free text). The whole file is "
            "checked first: if any row is wrong, every problem is listed with its line number "
            "and nothing is imported. Submissions already in the workspace are skipped, so "
            "importing the same file again adds nothing."
        ),
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument(
        "file",
        metavar="FILE.csv",
        help="the response CSV (UTF-8, or the encoding Excel saved it in)",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="read the file in this encoding (cp1250, cp1251, cp850, mac-roman, latin-1...) "
        "instead of the one Rapport recognises",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.import_ahead import ImportAhead
    from analysis.worker_task import collector_paused

    # The other core analyses the comments of closed waves meanwhile
    # (analysis.import_ahead). Its worker is started before the import's own modules are
    # loaded (sqlite_utils and numpy, about 0.1 s), so it is ready sooner. The import runs
    # with the cycle collector paused: it makes a row's objects by the hundred thousand
    # and almost no cycles, and the collections cost about 0.1 s of its 1.4 s.
    with collector_paused(), ImportAhead(args.workspace, args.file) as ahead:
        from surveys.read_options import ReadOptions, reading_as

        with reading_as(ReadOptions(args.encoding)):
            return _import(args, ahead)


def _import(args: argparse.Namespace, ahead) -> int:
    from desktop_app.commands.progress_printer import ProgressPrinter
    from surveys.csv_import import CsvImportError, import_csv

    try:
        # Piped, stderr carries only the problems (file:line: field: message).
        with ProgressPrinter(lines_when_piped=False) as progress:
            report = import_csv(args.workspace, args.file, progress=progress, ahead=ahead)
    except CsvImportError as exc:
        if not exc.errors:
            raise  # a file that cannot be opened: one message, printed by main()
        from desktop_app.commands.import_file import print_problems

        print_problems(exc.lines(), None, args.encoding)
        return 2
    print(printable(f"Imported {args.file} into {args.workspace}: {report.summary()}"))
    return 0
