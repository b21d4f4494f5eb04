"""`rapport ingest WORKSPACE [--share DIR]`: take submissions from the shared inbox."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.commands.publish import add_share_arguments

    parser = subparsers.add_parser(
        "ingest",
        help="take submissions from the shared inbox into the workspace",
        description="Open the sealed submissions in SHARE/inbox/ with the workspace key, "
        "store them (a second answer from the same person in a wave replaces the first), "
        "move them to SHARE/archive/, and move anything unusable to SHARE/quarantine/ with "
        "a .reason.txt. Nothing is deleted; running it twice is harmless.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(parser)
    parser.set_defaults(func=run)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.publish import read_passphrase, resolve_share
    from surveys.ingest import ingest
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        share = resolve_share(db, args.share)
    finally:
        db.close()
    passphrase = read_passphrase(args, new=False)
    with ProgressPrinter() as progress:
        report = ingest(args.workspace, share, passphrase, progress)
    print(
        f"Ingested {_plural(report.files, 'file')} from {share}: {report.stored} stored, "
        f"{report.replaced} replaced an earlier answer, {report.duplicates} already taken, "
        f"{report.superseded} older than a stored answer, "
        f"{report.late} too late (their wave had closed), "
        f"{len(report.quarantined)} quarantined."
    )
    for item in report.quarantined:
        print(f"  quarantine/{item.name}: {item.reason}")
    for item in report.skipped:
        print(f"  left in inbox/{item.name}: {item.reason}")
    return 0
