"""`rapport ingest WORKSPACE [--share DIR]`: take submissions from the shared inbox.

It also takes the kiosk's inbox (``WORKSPACE/kiosk/inbox``) when the workspace has a kiosk.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.commands import counted


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.commands.publish import add_share_arguments

    parser = subparsers.add_parser(
        "ingest",
        help="take submissions from the shared inbox into the workspace",
        description="Open the sealed submissions in SHARE/inbox/ with the workspace key, "
        "store them (a second answer from the same person in a wave replaces the first), "
        "move them to SHARE/archive/, and move anything unusable to SHARE/quarantine/ with "
        "a .reason.txt. Nothing is deleted; running it twice is harmless. A kiosk's answers "
        "(WORKSPACE/kiosk/inbox) are taken too.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(parser)
    parser.set_defaults(func=run)


def _sources(args: argparse.Namespace) -> list[tuple[str, object]]:
    """``[(source, folder)]``: the shared folder and the kiosk folder, where there are some."""
    from desktop_app.commands import UserError
    from desktop_app.commands.publish import resolve_share
    from surveys.kiosk import kiosk_folder
    from surveys.store import get_setting, open_workspace
    from surveys.transport import INBOX

    kiosk = kiosk_folder(args.workspace)
    has_kiosk = (kiosk / INBOX).is_dir()
    db = open_workspace(args.workspace)
    try:
        if args.share or get_setting(db, "share") or not has_kiosk:
            sources = [("share", resolve_share(db, args.share))]
        else:
            sources = []
    except UserError:
        raise UserError(
            "No shared folder given: add --share DIR (it is remembered afterwards), or "
            "publish a wave with --kiosk to collect answers on this computer."
        ) from None
    finally:
        db.close()
    return sources + ([("kiosk", kiosk)] if has_kiosk else [])


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.publish import read_passphrase
    from surveys.ingest import ingest

    sources = _sources(args)
    passphrase = read_passphrase(args, new=False)
    for source, folder in sources:
        with ProgressPrinter() as progress:
            report = ingest(args.workspace, folder, passphrase, progress, source=source)
        where = "the kiosk" if source == "kiosk" else folder
        print(
            f"Ingested {counted(report.files, 'file')} from {where}: {report.stored} stored, "
            f"{report.replaced} replaced an earlier answer, {report.duplicates} already taken, "
            f"{report.superseded} older than a stored answer, "
            f"{report.late} too late (their wave had closed), "
            f"{len(report.quarantined)} quarantined."
        )
        for item in report.quarantined:
            print(f"  quarantine/{item.name}: {item.reason}")
        for item in report.skipped:
            print(f"  left in inbox/{item.name}: {item.reason}")
        if report.receipts_problem:
            print(f"  Receipts: {report.receipts_problem}.", file=sys.stderr)
    return 0
