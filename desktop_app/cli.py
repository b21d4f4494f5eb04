"""The `rapport` command line: the same engine as the app, headless.

Every subcommand lives in its own module under :mod:`desktop_app.commands` and registers
itself here. Errors meant for people (bad files, missing workspaces) are printed as one
clear message and exit with status 2; nothing prints a traceback at the user.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import os
import pkgutil
import sys
from collections.abc import Sequence

from surveys import __version__


def command_modules() -> list:
    """Every module in :mod:`desktop_app.commands`, ordered by its ``ORDER`` number.

    A new subcommand is a new module there with ``ORDER`` and ``register(subparsers)``;
    modules without ``register`` are helpers the commands share (text CSV, progress).
    """
    from desktop_app import commands

    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.ispkg]
    modules = [importlib.import_module(f"desktop_app.commands.{name}") for name in names]
    modules = [m for m in modules if hasattr(m, "register")]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


class UserError(Exception):
    """An error whose message tells the user what is wrong and what to do."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every built subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: pulse surveys and sentiment for the relationships "
        "between departments.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (Qt, data files, a throw-away workspace analysed and "
        "exported) and exit: 0 if it works, 1 with what is missing",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def _user_error_types() -> tuple[type[BaseException], ...]:
    from surveys.errors import RapportError

    return (UserError, RapportError)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rapport` console script."""
    # A frozen build starts its worker processes (analysis jobs, sentiment scoring) as this
    # executable with multiprocessing's own arguments: they must not reach the parser.
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop_app.selftest import main as self_test

        return self_test()
    if args.command is None:  # bare `rapport`: open the app per settings
        from desktop_app.commands.open import run_default

        args.command, args.func = "open", lambda _args: run_default()
    elif not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except _user_error_types() as exc:
        print(f"rapport {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted; nothing was half-written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `rapport analyze ... | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
