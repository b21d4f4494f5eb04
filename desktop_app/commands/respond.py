"""`rapport respond [--share DIR]`: the respondent's tray app and survey wizard."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "respond",
        help="the respondent's tray app and survey wizard",
        description="Watch for open pulses and answer them. The first run asks for your "
        "department and where surveys come from (a shared folder, or a workspace on this "
        "computer).",
    )
    parser.add_argument(
        "--share",
        metavar="DIR",
        help="the shared folder HR publishes surveys to (team mode); remembered",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.respondent.app import run_respondent

    return run_respondent(args.share)
