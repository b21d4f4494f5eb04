"""`rapport import`: import responses from any tool's export (tidy or wide; CSV, TSV, XLSX).

::

    rapport import WORKSPACE FILE [--mapping MAP.yaml] [--wave W]
    rapport import --suggest-mapping FILE [--workspace WS] [--wave W] > MAP.yaml

The detected layout goes to stderr; so does the list of problems (``FILE:LINE: column:
message``), after which nothing is imported and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.commands import counted, printable

_DESCRIPTION = (
    "Import responses exported by another survey tool (Qualtrics, SurveyMonkey, Microsoft "
    "Forms, Google Forms, LimeSurvey, any wide table with one row per respondent), a comment "
    "export (Culture Amp, Peakon, Viva Glint, Qualtrics EX, Lattice: one comment per row) or "
    "Rapport's own response CSV. The layout is detected. A wide file needs a mapping from "
    "columns to departments, items and scales: without --mapping the suggested one is used "
    "only when every line of it is certain; otherwise write one with --suggest-mapping, "
    "check the lines marked CHECK, then import with --mapping. Identity columns (e-mail, names, IP "
    "address, location, respondent ids) are never imported; the tool's response id is kept "
    "only as a keyed hash, so importing the same file again adds nothing. Everything is "
    "checked first: if anything is wrong, every problem is listed with its row and column "
    "and nothing is imported."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import responses from Qualtrics, SurveyMonkey, Forms, LimeSurvey... "
        "(CSV, TSV or XLSX)",
        description=_DESCRIPTION,
    )
    parser.add_argument("workspace", metavar="WORKSPACE", nargs="?", help="the workspace folder")
    parser.add_argument("file", metavar="FILE", nargs="?", help="the export (.csv, .tsv, .xlsx)")
    parser.add_argument("--mapping", metavar="MAP.yaml", help="the checked mapping to use")
    parser.add_argument(
        "--wave", metavar="WAVE", help="put every response in this wave (overrides the mapping)"
    )
    add_read_options(parser)
    parser.add_argument(
        "--suggest-mapping",
        metavar="FILE",
        dest="suggest",
        help="write a suggested mapping for FILE to stdout (nothing is imported)",
    )
    parser.add_argument(
        "--workspace",
        dest="suggest_workspace",
        metavar="WS",
        help="with --suggest-mapping: match the workspace's departments",
    )
    parser.set_defaults(func=run)


def add_read_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding`` and ``--sheet``, for when Rapport's guess of how to read a file is wrong."""
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="read a CSV/TSV file in this encoding (cp1250, cp1251, cp850, mac-roman, "
        "latin-1, utf-16...) instead of the one Rapport recognises",
    )
    parser.add_argument(
        "--sheet",
        metavar="SHEET",
        help="read this worksheet of a workbook (its name, or its number: 1 is the first) "
        "instead of the one Rapport picks",
    )


def print_problems(lines: list[str], read_as: str | None, given: str | None) -> None:
    """The problems, one a line; then, when a byte could not be read and no encoding was
    given, how to name the right one (the file may be in a code page not recognised)."""
    for line in lines:
        print(printable(line), file=sys.stderr)
    if given or not any(": encoding: " in line for line in lines):
        return
    read = f"The file was read as {read_as}. " if read_as else ""
    print(
        printable(
            f"{read}If you know its encoding, name it: add --encoding NAME (cp1250, cp1251, "
            "iso-8859-2, mac-roman...)."
        ),
        file=sys.stderr,
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import UserError

    if args.suggest:
        if args.file:
            raise UserError("give either --suggest-mapping FILE or WORKSPACE FILE, not both.")
        from surveys.read_options import ReadOptions, reading_as

        with reading_as(ReadOptions(args.encoding, args.sheet)):
            return _suggest(args.suggest, args.suggest_workspace or args.workspace, args.wave)
    if not args.workspace or not args.file:
        raise UserError(
            "give the workspace and the file: rapport import WORKSPACE FILE "
            "[--mapping MAP.yaml] (or rapport import --suggest-mapping FILE)."
        )
    return _import(args)


def write_utf8(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 when it goes to a file or a pipe.

    `--mapping` reads UTF-8; a Windows redirect (``> mapping.yaml``) would write the ANSI
    code page, in which a column ``Dział`` cannot be written (and ``Société``'s é is
    another byte). A terminal gets its own encoding.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or sys.stdout.isatty():
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


def _departments(workspace: str | None) -> list[str] | None:
    if not workspace:
        return None
    from surveys.store import departments, open_workspace

    db = open_workspace(workspace)
    try:
        return [d.name for d in departments(db)]
    finally:
        db.close()


def _suggest(path: str, workspace: str | None, wave: str | None) -> int:
    from surveys.importing import detect_file, suggest_mapping

    if detect_file(path).name == "comments":
        print(
            printable(
                f"{path} is a comment export (one comment per row): import it as it is, "
                "no mapping needed."
            ),
            file=sys.stderr,
        )
        return 0

    suggestion = suggest_mapping(path, _departments(workspace), wave=wave)
    profile = suggestion.profile
    if profile.layout.name == "tidy":
        print(
            printable(f"{path} is a Rapport response CSV: import it as it is, no mapping needed."),
            file=sys.stderr,
        )
        return 0
    write_utf8(printable(suggestion.to_yaml()))
    doubtful = suggestion.to_check()
    print(
        f"Detected: {profile.layout.title}; read as {profile.kind}. "
        f"{counted(len(suggestion.mapping.columns), 'answer column')}, "
        f"{len(suggestion.mapping.drop)} dropped; "
        f"{len(doubtful)} line{'s' if len(doubtful) != 1 else ''} to check (marked CHECK).",
        file=sys.stderr,
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from analysis.import_ahead import ImportAhead

    # The other core analyses the comments of closed waves meanwhile
    # (analysis.import_ahead); its worker starts before the import's modules load.
    with ImportAhead(args.workspace, args.file) as ahead:
        from surveys.read_options import ReadOptions, reading_as

        with reading_as(ReadOptions(args.encoding, args.sheet)):
            return _import_with(args, ahead)


def _detected_note(args: argparse.Namespace, table, layout: str, mapped: bool) -> str:
    """What the "Detected" line adds: the sheet or encoding read, the mapping used, and an
    option given that does not apply to this kind of file (it is not used)."""
    plain_layout = layout in ("tidy", "comments")  # no mapping: read as they are
    note = "" if mapped or plain_layout else "; no --mapping: using the suggestion"
    if table.kind == "xlsx" and table.sheet_note != "first worksheet":
        note = f"; read from {table.sheet_note}{note}"  # a workbook of several sheets
        if not args.sheet:
            note += f" (worksheets: {table.sheets_found}; choose another with --sheet)"
    elif table.kind != "xlsx" and args.encoding:
        note = f"; read as {table.encoding}{note}"
    if table.kind == "xlsx" and args.encoding:
        note += "; --encoding not used: a workbook's text has no encoding to choose"
    elif table.kind != "xlsx" and args.sheet:
        note += f"; --sheet not used: a {table.kind.upper()} file has no worksheets"
    return note


def _import_with(args: argparse.Namespace, ahead) -> int:
    from desktop_app.commands.progress_printer import ProgressPrinter
    from surveys.importing import ImportProblems, import_file, load_mapping
    from surveys.importing.layouts import detect_layout
    from surveys.importing.table import read_head
    from surveys.importing.workbook import excel_lock_note

    mapping = load_mapping(args.mapping) if args.mapping else None
    table, head = read_head(args.file)
    layout = detect_layout(head, args.file)
    note = _detected_note(args, table, layout.name, mapping is not None)
    print(f"Detected: {layout.title}{note}.", file=sys.stderr)
    held = excel_lock_note(args.file)
    if held:
        print(printable(f"Note: {held}."), file=sys.stderr)
    try:
        with ProgressPrinter(lines_when_piped=False) as progress:
            report = import_file(
                args.workspace, args.file, mapping, wave=args.wave, progress=progress, ahead=ahead
            )
    except ImportProblems as exc:
        print_problems(exc.lines(), table.encoding, args.encoding)
        return 2
    print(printable(f"Imported {args.file} into {args.workspace}: {report.summary()}"))
    return 0
