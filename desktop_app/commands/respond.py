"""`rapport respond [--share DIR | --kiosk WORKSPACE]`: the respondent's tray app and survey
wizard, or a kiosk where several people answer in turn."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "respond",
        help="the respondent's tray app and survey wizard",
        description="Watch for open pulses and answer them. The first run asks for your "
        "department and where surveys come from (a shared folder, or a workspace on this "
        "computer). With --kiosk, several people answer in turn on this computer.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--share",
        metavar="DIR",
        help="the shared folder HR publishes surveys to (team mode); remembered",
    )
    where.add_argument(
        "--kiosk",
        metavar="WORKSPACE",
        help="kiosk mode: a start screen for each person in turn, answers sealed into the "
        "kiosk folder of WORKSPACE (publish with `rapport publish WORKSPACE --kiosk`); "
        "remembers nothing about anyone",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.respondent.app import run_respondent

    return run_respondent(args.share, kiosk=args.kiosk)
