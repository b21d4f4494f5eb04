"""`rapport tickets WORKSPACE [--share DIR]`: sign the waiting ticket requests.

For a scheduled task on HR's computer (the HR window does the same every minute while it is
open, and `rapport ingest` does it first). One ticket per file owner per wave; see
docs/team-mode.md.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.commands.publish import add_share_arguments

    parser = subparsers.add_parser(
        "tickets",
        help="sign pending ticket requests (for a scheduled task)",
        description="Sign the blinded ticket requests waiting in SHARE/requests/: one ticket "
        "per file owner per wave (a second request from the same account is refused), "
        "written to SHARE/tickets/. HR never sees the tickets it signs, so the list of who "
        "took part cannot be joined to any answer. Exit status: 0 done, 3 done with a "
        "warning (a shared folder that does not record owners) or requests left waiting, "
        "2 nothing was done (the message says why).",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(parser)
    parser.set_defaults(func=run)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands.publish import (
        check_share_not_a_file,
        read_passphrase,
        remember_share,
        resolve_share,
    )
    from surveys.store import open_workspace
    from surveys.tickets import sign_pending

    db = open_workspace(args.workspace)
    try:
        share = resolve_share(db, args.share)
    finally:
        db.close()
    check_share_not_a_file(share)
    passphrase = read_passphrase(args, new=False)
    report = sign_pending(args.workspace, share, passphrase)
    if report.busy:
        print(
            "Another Rapport is signing ticket requests for this workspace right now; "
            "nothing was done. Run it again later.",
            file=sys.stderr,
        )
        return 3
    remember_share(args.workspace, share)
    print_signing(report)
    return 3 if report.warnings or report.pending else 0


def print_signing(report) -> None:  # noqa: ANN001 - surveys.ticket_signing.SigningReport
    """The signing report in words (shared with `rapport ingest`)."""
    from surveys.ticket_signing import REFUSALS

    print(
        f"Tickets: {report.signed} signed, {report.again} signed again (a request sent "
        f"twice), {report.refused_count} refused, {report.pending} left waiting."
    )
    for reason, count in sorted(report.refused.items()):
        print(f"  refused {_plural(count, 'request')}: {REFUSALS[reason]}")
    for warning in report.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
