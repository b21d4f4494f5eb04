"""`rapport init WORKSPACE [--departments ...] [--organisation NAME]`: create a workspace.

The HR window's File › New workspace calls the same function
(:func:`surveys.store.create_workspace`)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a new workspace folder with its database",
        description="Create a workspace: a folder holding Rapport's SQLite database.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="folder to create")
    parser.add_argument(
        "--departments",
        default="Sales,IT,Marketing,Operations",
        metavar="A,B,...",
        help="comma-separated department names (default: %(default)s); "
        "append =N to give a headcount, e.g. Sales=40,IT=25",
    )
    parser.add_argument(
        "--organisation",
        metavar="NAME",
        help="the organisation's name, for the deck and the analysis (default: the folder's name)",
    )
    parser.set_defaults(func=run)


def parse_departments(text: str) -> tuple[list[str], dict[str, int]]:
    """Split ``"Sales=40,IT"`` into names and headcounts."""
    from desktop_app.commands import UserError

    names: list[str] = []
    headcounts: dict[str, int] = {}
    for part in text.split(","):
        name, _, count = part.partition("=")
        name = name.strip()
        names.append(name)
        if count.strip():
            if not count.strip().isdigit():
                raise UserError(
                    f"--departments: headcount {count.strip()!r} of {name!r} is not a whole "
                    "number; write it like Sales=40."
                )
            headcounts[name] = int(count)
    return names, headcounts


def run(args: argparse.Namespace) -> int:
    from surveys.store import create_workspace, departments

    names, headcounts = parse_departments(args.departments)
    db = create_workspace(args.workspace, names, headcounts, args.organisation)
    listed = ", ".join(d.name for d in departments(db))
    db.close()
    of = f" for {' '.join(args.organisation.split())}" if args.organisation else ""
    print(f"Created workspace {args.workspace}{of} with departments {listed}.")
    return 0
