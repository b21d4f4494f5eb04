"""`rapport open WORKSPACE`: open the HR workspace window."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open the HR workspace window",
        description="Open the HR window on a workspace: overview, relationships, comments, "
        "themes, actions, pulses and settings. The analysis runs when it opens.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from surveys.store import open_workspace

    open_workspace(args.workspace).close()  # a plain error before any window appears
    from desktop_app.app import run_hr

    return run_hr(args.workspace)


def run_default() -> int:
    """Bare `rapport`: the respondent app if this person chose that role, else HR."""
    from desktop_app.settings import ROLE_RESPONDENT, load_settings

    if load_settings().role == ROLE_RESPONDENT:
        from desktop_app.respondent.app import run_respondent

        return run_respondent()
    from desktop_app.app import run_hr

    return run_hr()
