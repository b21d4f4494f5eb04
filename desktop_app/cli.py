"""The `rapport` command line: the same engine as the app, headless.

Every subcommand lives in its own module under :mod:`desktop_app.commands`, listed in
:data:`COMMANDS`. Errors meant for people (bad files, missing workspaces) are printed as one
clear message and exit with status 2; nothing prints a traceback at the user.
"""

from __future__ import annotations

import contextlib
import gc
import sys

TYPE_CHECKING = False  # as typing's, without importing typing (a worker imports this module)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Generator, Sequence
    from types import ModuleType

#: Each subcommand and its module in desktop_app/commands/, in the order `rapport --help`
#: lists them. A new subcommand is a module with ``register(subparsers)``, added here. The
#: modules are imported when the parser is built, never when this module is: a worker
#: process (``spawn``) imports the main module again, ``desktop_app.cli`` for `rapport
#: analyze` and `rapport import`, and never needs a command.
COMMANDS = {
    "open": "open",
    "init": "init",
    "demo": "demo",
    "import-csv": "import_csv",
    "import": "import_file",
    "roster": "roster",
    "names": "names",
    "publish": "publish",
    "ingest": "ingest",
    "tickets": "tickets",
    "close": "close",
    "schedule": "schedule",
    "respond": "respond",
    "analyze": "analyze",
    "export": "export",
    "sentiment": "sentiment",
    "eval-sentiment": "eval_sentiment",
    "labels": "labels",
    "themes": "themes",
    "survey": "survey",
}


def command_module(name: str) -> ModuleType:
    """The module of one subcommand (a module name of :data:`COMMANDS`, or ``selftest``)."""
    import importlib

    return importlib.import_module(f"desktop_app.commands.{name}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only the subcommand
    ``only`` (a key of :data:`COMMANDS`: what `rapport analyze ...` needs, without
    importing the other commands' modules)."""
    import argparse

    from surveys import __version__

    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: pulse surveys and sentiment for the relationships "
        "between departments.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    command_module("selftest").register(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            command_module(module).register(subparsers)
    _add_take_over(subparsers)
    examples = command_module("examples")
    parser.epilog = examples.MAIN_EPILOG
    examples.add_examples(parser)
    return parser


#: Commands whose WORKSPACE is not (yet) a workspace to claim: `init` and `demo` create
#: one; `open` hands the claim to the window (which asks before taking a lock over).
_UNCLAIMED = {"init", "demo"}
TAKE_OVER_HINT = "run the command again with --take-over"


@contextlib.contextmanager
def _ended_by_signals() -> Generator[None, None, None]:
    """Turn SIGTERM (a scheduler or `kill` stopping the command) and SIGHUP (its terminal
    closed) into ``SystemExit`` while the block runs, so the workspace's lock is released
    and open transactions roll back, as on Ctrl+C; the previous handlers come back after.
    A signal the command was started ignoring (``nohup``) stays ignored.
    """
    import signal
    import threading

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in names:
        number = getattr(signal, name)
        if signal.getsignal(number) is signal.SIG_IGN:
            continue  # ignored on purpose (`nohup rapport import ...`): stays ignored
        previous[number] = signal.signal(number, _exit_on_signal)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _exit_on_signal(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def _add_take_over(subparsers: argparse._SubParsersAction) -> None:
    """Give every command that opens a WORKSPACE the option ``--take-over``."""
    import argparse

    for name, sub in subparsers.choices.items():
        if name in _UNCLAIMED:
            continue
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        for action in nested:
            _add_take_over(action)
        if any(action.dest == "workspace" for action in sub._actions):
            sub.add_argument(
                "--take-over",
                action="store_true",
                help="open the workspace even though another computer's Rapport left it "
                "marked as open (only once that mark is over 3 minutes old)",
            )


def _run(args: argparse.Namespace) -> int:
    """Run the command, holding the workspace for this computer while it runs
    (:mod:`surveys.host_lock`)."""
    workspace = getattr(args, "workspace", None)
    if not workspace or args.command in _UNCLAIMED or args.command == "open":
        return int(args.func(args) or 0)
    from surveys.host_lock import hold

    take_over = getattr(args, "take_over", False)
    with hold(workspace, take_over=take_over, hint=TAKE_OVER_HINT) as lock, _ended_by_signals():
        status = int(args.func(args) or 0)
    if lock.lost is not None:  # this computer stopped confirming (asleep, share lost)
        from surveys.host_lock import shown_host

        print(
            f"rapport {shown_command(args)}: while this ran, the computer "
            f"“{shown_host(lock.lost.host)}” took the workspace over. Two computers may "
            "have used it at once: open it in Rapport there and check it.",
            file=sys.stderr,
        )
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rapport` console script."""
    # A frozen build starts its worker processes (analysis jobs, sentiment scoring) as this
    # executable with multiprocessing's own arguments: they must not reach the parser.
    if getattr(sys, "frozen", False):  # a no-op elsewhere; importing it costs start-up time
        import multiprocessing

        multiprocessing.freeze_support()
    import os
    import sqlite3

    from desktop_app.commands import UserError, printable
    from surveys.errors import RapportError, describe_os_error

    argv = _help_words(argv)
    mistyped = _mistyped_command(argv)
    if mistyped:
        print(mistyped, file=sys.stderr)
        return 2
    args = _parse(argv)
    if args.self_test:
        return command_module("selftest").run(args)
    name = f"rapport {shown_command(args)}" if args.command else "rapport"
    if args.command is None:  # bare `rapport`: open the app per settings
        args.command, args.func = "open", lambda _args: command_module("open").run_default()
    try:
        status = _run(args)
        sys.stdout.flush()  # here, not at exit, where a reader gone away is an ugly warning
        return status
    except (UserError, RapportError) as exc:
        print(f"{name}: {printable(str(exc))}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:  # damaged workspace, or another job held the write lock
        from surveys.store import describe_database_error

        where = getattr(args, "workspace", None) or "the workspace"
        print(f"{name}: {describe_database_error(exc, where)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{name}: interrupted; nothing was half-written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `rapport analyze ... | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file or folder given on the command line that cannot be used
        print(f"{name}: {printable(describe_os_error(exc))}", file=sys.stderr)
        return 2


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """``argv`` parsed; a usage error (status 2) about a file or folder whose name starts
    with ``-`` (read as an option) ends with how to name it."""
    parser = build_parser(_named_command(argv))
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # named with the command's usage, not the bare `rapport [-h] ... COMMAND`
            _parser_of(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:
        if exc.code == 2:
            _hint_dashed_paths(sys.argv[1:] if argv is None else argv)
        raise
    return args


def _hint_dashed_paths(words: Sequence[str]) -> None:
    """After a usage error: say how to name an existing file or folder such as ``-ws``."""
    import os

    for word in words:
        if word == "--":
            break
        if word.startswith("-") and word != "-" and os.path.lexists(word):
            print(
                f"rapport: {word!r} starts with '-', so it is read as an option; to mean the "
                f"file or folder, write ./{word}",
                file=sys.stderr,
            )


def _parser_of(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the command (and action) ``args`` were parsed for: its usage line and
    name go with an error about its arguments."""
    import argparse

    names = [args.command, getattr(args, f"{args.command}_command", None)] if args.command else []
    for name in names:
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not name or not nested or name not in nested[0].choices:
            break
        parser = nested[0].choices[name]
    return parser


def shown_command(args: argparse.Namespace) -> str:
    """The command as typed, with its action (``roster import``), for messages: as
    argparse's own usage errors name it. Actions are stored as ``<command>_command``."""
    action = getattr(args, f"{args.command}_command", None)
    return f"{args.command} {action}" if action else args.command


def _help_words(argv: Sequence[str] | None) -> list[str] | None:
    """`rapport help [COMMAND [ACTION]]` as `rapport [COMMAND [ACTION]] --help`, as git and
    pip read it; any other ``argv`` as it is."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] != ["help"]:
        return None if argv is None else words
    return [*words[1:], "--help"]


def _mistyped_command(argv: Sequence[str] | None) -> str | None:
    """What to say when ``argv`` starts with a word close to a command ("anlyze"), or
    ``None`` (argparse's own message lists every command for anything else)."""
    import difflib

    first = _first_argument(argv)
    if first == "version":
        return "rapport: there is no command 'version'; the version is 'rapport --version'."
    if not first or first.startswith("-") or first in COMMANDS:
        return None
    close = difflib.get_close_matches(first, list(COMMANDS), n=1, cutoff=0.75)
    if not close:
        return None
    return (
        f"rapport: there is no command {first!r}; did you mean 'rapport {close[0]}'? "
        "(rapport --help lists every command)"
    )


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The subcommand ``argv`` starts with, if it is one; else ``None`` (the whole parser,
    for `rapport --help`, `rapport --version`, a mistyped command)."""
    first = _first_argument(argv)
    return first if first in COMMANDS else None


def _first_argument(argv: Sequence[str] | None) -> str | None:
    """The first of ``argv`` (default: the command line's), or ``None``."""
    first = (sys.argv[1:] if argv is None else argv)[:1]
    return first[0] if first else None


def console_main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `rapport` console script and the frozen bundle: :func:`main`,
    then ready the process to end.

    Everything a command built is still referenced when it returns, and the interpreter's
    last cycle collections at exit would walk all of it (about 0.1 s after an analysis
    of 16,000 comments). Freezing the collector skips that walk; the objects are freed by
    reference counting, or by the exit itself. Only for a process about to end: tests and
    other callers use :func:`main`.
    """
    from desktop_app.commands.streams import print_anything

    print_anything()  # an ASCII or cp1252 terminal: "->" for "→", never a traceback
    try:
        return main(argv)
    except SystemExit:  # --help, --version, a usage error: argparse's words still buffered
        if not _flush_output():
            return 1
        raise
    except KeyboardInterrupt:  # Ctrl+C while the command line was read, before it ran
        print("rapport: interrupted; nothing was done.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # argparse's words to a reader already gone: as main's own
        _flush_output()
        return 1
    except Exception as exc:  # a fault of Rapport's own: words here, the traceback logged
        return _report_fault(exc)
    finally:
        gc.freeze()


def _flush_output() -> bool:
    """Flush standard output; ``False`` when its reader went away (`rapport --help | true`),
    and then it points at the null device, so the interpreter's own flush at exit is quiet
    too (it said "Exception ignored ... BrokenPipeError", status 120)."""
    import os

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    return True


def _report_fault(exc: Exception) -> int:
    """Say an unexpected error in one message and put its traceback in the log file (as
    the apps do, :mod:`desktop_app.error_report`), never on the terminal; status 1."""
    import logging

    from desktop_app.commands import printable
    from desktop_app.error_report import configure_logging, keeps_log, stack_without_words

    if not keeps_log():  # a kiosk: its error's words may quote an answer; said nowhere
        print(
            f"rapport: an unexpected error stopped the command ({type(exc).__name__}). This "
            "is a fault in Rapport; a kiosk keeps no log. Restart the kiosk, and tell "
            "whoever supports Rapport what was done when it stopped.",
            file=sys.stderr,
        )
        return 1
    try:
        log_file = configure_logging()
    except OSError:  # the per-user folder cannot be made: still no traceback
        log_file = None
    logging.getLogger("desktop_app.cli").error(
        "rapport %s stopped:\n%s", sys.argv[1:2], stack_without_words(exc)
    )
    where = f"its details are in {log_file}" if log_file else "no log file could be written"
    print(
        printable(
            f"rapport: an unexpected error stopped the command ({type(exc).__name__}: {exc}). "
            f"This is a fault in Rapport; {where}. Send that to whoever "
            "supports Rapport."
        ),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(console_main())
