"""`rapport open WORKSPACE`: open the HR workspace window."""

from __future__ import annotations

import argparse
import os
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open the HR workspace window",
        description="Open the HR window on a workspace: overview, relationships, comments, "
        "themes, actions, pulses and settings. The analysis runs when it opens.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.set_defaults(func=run, take_over=False)


def run(args: argparse.Namespace) -> int:
    from surveys.errors import RapportError
    from surveys.host_lock import WorkspaceInUseError
    from surveys.store import open_workspace

    try:
        open_workspace(args.workspace).close()  # a plain error before the window appears
    except WorkspaceInUseError:
        pass  # the window says who has it, and offers "Open anyway" when it is stale
    except RapportError as exc:
        if not has_terminal():  # started from a desktop shortcut: nobody reads stderr
            show_error_dialog(str(exc))
        raise
    require_display()
    from desktop_app.app import run_hr

    return run_hr(args.workspace, take_over=args.take_over)


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def has_terminal() -> bool:
    """Whether someone started Rapport from a terminal, where an error printed is read.

    A desktop shortcut, a file manager or the Windows start menu give the program no
    terminal: its standard streams are not terminals, or (a windowed Windows build) not
    there at all.
    """
    return any(_is_terminal(stream) for stream in (sys.stdin, sys.stdout, sys.stderr))


def can_show_windows() -> bool:
    """Whether a window can appear (on Linux, a display must be set)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def require_display() -> None:
    """Refuse, with what to do, to open a window where none can appear.

    Without this, Qt aborted the process (status 134) with a page about platform plugins:
    what an IT admin saw running `rapport` over ssh, or from a server's scheduled task.
    """
    if can_show_windows():
        return
    from desktop_app.commands import UserError

    raise UserError(
        "this opens a window, but no display was found (DISPLAY and WAYLAND_DISPLAY are "
        "not set: a remote shell or a scheduled task?). Run it on the desktop, or over "
        "`ssh -X`; the other commands work here (rapport --help lists them)."
    )


def show_error_dialog(message: str) -> None:
    """Say ``message`` in a message box (the command line prints it too)."""
    if not can_show_windows():
        return
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.app import make_application
    from desktop_app.widgets.dialog_width import widen_message_box

    make_application()
    text = QCoreApplication.translate("open", "Rapport cannot open the workspace.")
    box = QMessageBox(QMessageBox.Critical, "Rapport", text)
    box.setObjectName("openErrorBox")
    box.setInformativeText(message)
    widen_message_box(box, chars=72)
    box.exec()


def run_default() -> int:
    """Bare `rapport`: the respondent app if this person chose that role, else HR."""
    from desktop_app.settings import ROLE_RESPONDENT, load_settings

    require_display()
    if load_settings().role == ROLE_RESPONDENT:
        from desktop_app.respondent.app import run_respondent

        return run_respondent()
    from desktop_app.app import run_hr

    return run_hr()
