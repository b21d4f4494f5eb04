"""The `rapport` command line: the same engine as the app, headless.

Every subcommand lives in its own module under :mod:`desktop_app.commands` and registers
itself here. Errors meant for people (bad files, missing workspaces) are printed as one
clear message and exit with status 2; nothing prints a traceback at the user.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from surveys import __version__


def command_modules() -> list:
    """Every module in :mod:`desktop_app.commands`, ordered by its ``ORDER`` number.

    A new subcommand is a new module there with ``ORDER`` and ``register(subparsers)``.
    """
    from desktop_app import commands

    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.ispkg]
    modules = [importlib.import_module(f"desktop_app.commands.{name}") for name in names]
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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def _user_error_types() -> tuple[type[BaseException], ...]:
    from surveys.errors import RapportError

    return (UserError, RapportError)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rapport` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
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
