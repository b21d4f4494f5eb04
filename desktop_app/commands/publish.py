"""`rapport publish WORKSPACE --share DIR --wave NAME ...`: publish a wave to the share.

Also holds the passphrase and share helpers that `rapport ingest` uses.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from desktop_app.commands import whole_number

PASSPHRASE_ENV = "RAPPORT_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="publish a wave of a survey to the shared folder",
        description="Open a wave in the workspace and publish it into SHARE/published/ so "
        "that respondents' apps show it (--kiosk: into the kiosk folder beside the workspace; "
        "--local: open it for answering on this computer only, with no file and no key). "
        "The first sealed publish creates the workspace key pair, protected by a passphrase "
        "(from $RAPPORT_PASSPHRASE, --passphrase-file, or asked).",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(parser)
    parser.add_argument("--wave", required=True, metavar="NAME", help="wave name, e.g. 2026-10")
    parser.add_argument(
        "--template",
        metavar="KEY|FILE.yaml",
        help="built-in template key (full-pulse, short-pulse, liaison-check) or a .yaml file "
        "(default: the wave's survey, or full-pulse)",
    )
    parser.add_argument("--opens", metavar="DATE", help="first day, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--closes", metavar="DATE", help="last day, YYYY-MM-DD (default: 14 days after opens)"
    )
    parser.add_argument(
        "--targets", metavar="A,B", help="only ask about these departments, e.g. IT,Sales"
    )
    parser.add_argument(
        "--rotation",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="which rotating item group to ask, 0 for the first (default: 0)",
    )
    parser.add_argument(
        "--remind-after",
        type=int,
        metavar="DAYS",
        help="respondents who have not answered are reminded DAYS after the wave opens "
        "(0: no such reminder; default 3, or what the New wave dialog stored)",
    )
    parser.add_argument(
        "--remind-before",
        type=int,
        metavar="DAYS",
        help="... and DAYS before it closes (0: no such reminder; default 1). Reminders are "
        "decided on each respondent's computer; nobody's answering is reported",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--kiosk",
        action="store_true",
        help="publish to the kiosk folder WORKSPACE/kiosk, for `rapport respond --kiosk "
        "WORKSPACE` on a computer where people answer in turn (sealed, like the share)",
    )
    where.add_argument(
        "--local",
        action="store_true",
        help="open the wave in the workspace only, for a respondent app set to 'this "
        "computer' (answers go straight into the workspace, unsealed; no key pair)",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="set up SHARE as a new shared folder if it is not one yet (otherwise a missing "
        "or unmounted share is refused)",
    )
    parser.add_argument(
        "--no-tickets",
        action="store_true",
        help="publish without participation tickets (only while some respondents still run "
        "a Rapport without them: then anyone who can write to the inbox can add answers; "
        "see docs/team-mode.md)",
    )
    parser.add_argument(
        "--share-results",
        action="store_true",
        help="analyse the previous wave and show respondents what changed on the thank-you "
        "page (organisation-wide figures and pairs that met the anonymity threshold only; "
        "no comments)",
    )
    parser.set_defaults(func=run)


def add_share_arguments(parser: argparse.ArgumentParser) -> None:
    """``--share`` and ``--passphrase-file``, shared by publish and ingest."""
    parser.add_argument(
        "--share", metavar="DIR", help="the shared folder (default: the one used last time)"
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the workspace passphrase from the first line of FILE "
        f"(or set ${PASSPHRASE_ENV}; otherwise it is asked for)",
    )


def resolve_share(db, given: str | None) -> Path:
    """The ``--share`` folder, or the one remembered in the workspace.

    A given folder is remembered by :func:`remember_share` once the command has used it,
    so a mistyped path is never kept.
    """
    from desktop_app.commands import UserError
    from surveys.store import get_setting

    if given:
        return Path(given).resolve()
    remembered = get_setting(db, "share")
    if not remembered:
        raise UserError("No shared folder given: add --share DIR (it is remembered afterwards).")
    return Path(remembered)


def check_share_not_a_file(share: Path) -> None:
    """Refuse a shared folder that is a file before the passphrase is asked for (`ingest`,
    `tickets`): typing it first, then hearing the folder is wrong, wastes it. A missing
    folder is left to the command (`ingest` names the missing inbox)."""
    from desktop_app.commands import UserError

    try:
        is_file = share.is_file()
    except OSError:
        is_file = False
    if is_file:
        raise UserError(
            f"--share {share} is a file, not a folder; give the shared folder waves were "
            "published to. Nothing was done."
        )


def remember_share(workspace: str | Path, share: Path) -> None:
    """Remember ``share`` in the workspace (setting ``share``) for the next command."""
    from surveys.store import get_setting, open_workspace, set_setting

    db = open_workspace(workspace)
    try:
        if get_setting(db, "share") != str(share):
            set_setting(db, "share", str(share))
    finally:
        db.close()


def check_private_file(path: Path, *, strict: bool) -> str | None:
    """Say so if ``path`` may be read by other users (POSIX permission bits).

    With ``strict`` (a scheduled task) such a file is refused; otherwise the returned
    warning is printed and the file used. On Windows the bits mean nothing: the file's
    folder must be private to the account that runs the task (its ACL), which is not checked.

    Raises
    ------
    UserError
        With ``strict``, when group or others may read or write the file.
    """
    from desktop_app.commands import UserError

    if os.name == "nt":
        return None
    try:
        status = path.stat()
    except OSError:
        return None  # reading it says what is wrong
    mode = status.st_mode & 0o777
    if not stat.S_ISREG(status.st_mode) or not mode & 0o077:  # a folder: reading says so
        return None
    message = (
        f"--passphrase-file: {path} can be read by other users (mode {mode:04o}); make it "
        f"private with `chmod 600 {path}`"
    )
    if strict:
        raise UserError(message + "; nothing was done.")
    return message + "."


def read_passphrase(args: argparse.Namespace, *, new: bool, strict_file: bool = False) -> str:
    """The passphrase from the environment, ``--passphrase-file`` or a prompt.

    ``new`` asks twice at the prompt (the key pair is about to be created). A passphrase
    file that other users may read is refused with ``strict_file`` (`rapport schedule
    run`) and warned about otherwise.
    """
    from desktop_app.commands import UserError

    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if args.passphrase_file:
        warning = check_private_file(Path(args.passphrase_file), strict=strict_file)
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        return _passphrase_from_file(args.passphrase_file)
    if not sys.stdin.isatty():
        raise UserError(
            f"The workspace passphrase is needed: set {PASSPHRASE_ENV} or use --passphrase-file."
        )
    return _typed_passphrase(new)


def _passphrase_from_file(name: str) -> str:
    """The first line of the passphrase file: UTF-8, or UTF-16 with its byte-order mark
    (what Notepad's "Unicode" and Windows PowerShell 5's ``echo ... > file`` write)."""
    from desktop_app.commands import UserError

    try:
        raw = Path(name).read_bytes()
    except OSError as exc:
        raise UserError(f"--passphrase-file: cannot read {name} ({exc.strerror}).") from None
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    try:
        lines = raw.decode("utf-16" if utf16 else "utf-8").splitlines()
    except UnicodeDecodeError:
        raise UserError(
            f"--passphrase-file: {name} is not a text file in UTF-8; save the passphrase "
            "in it as UTF-8 text, on the first line."
        ) from None
    if not lines or not lines[0]:
        raise UserError(f"--passphrase-file: {name} has an empty first line.")
    return lines[0]


def _typed_passphrase(new: bool) -> str:
    """The passphrase typed at the prompt (twice for a ``new`` key pair)."""
    import getpass

    from desktop_app.commands import UserError

    prompt = "New workspace passphrase: " if new else "Workspace passphrase: "
    try:
        passphrase = getpass.getpass(prompt)
        again = getpass.getpass("Type it again: ") if new else passphrase
    except EOFError:  # Ctrl+D (Ctrl+Z on Windows) at the prompt
        raise UserError(
            "No passphrase was typed (the input ended); nothing was done. Type it at the "
            f"prompt, or set {PASSPHRASE_ENV} or use --passphrase-file."
        ) from None
    if again != passphrase:
        raise UserError("The two passphrases differ; nothing was published. Try again.")
    return passphrase


def _reminders(args: argparse.Namespace):  # noqa: ANN202 - ReminderPlan | None
    """The reminder plan given on the command line, or ``None`` to keep the stored one."""
    from desktop_app.commands import UserError
    from surveys.reminders import ReminderPlan, check_plan
    from surveys.store import open_workspace
    from surveys.waves import wave_reminders

    if args.remind_after is None and args.remind_before is None:
        return None
    db = open_workspace(args.workspace)
    try:
        stored = wave_reminders(db, args.wave.strip()) or ReminderPlan()
    finally:
        db.close()
    after = stored.after_opening_days if args.remind_after is None else args.remind_after
    before = stored.before_closing_days if args.remind_before is None else args.remind_before
    try:
        return check_plan(after, before)
    except ValueError as exc:
        raise UserError(f"{exc}; nothing was published.") from None


def _open_locally(args: argparse.Namespace, targets: list[str] | None) -> int:
    from desktop_app.commands import UserError
    from surveys.publish import open_wave_here

    if args.share or args.share_results:
        raise UserError(
            "--local opens the wave on this computer only: leave out --share and --share-results."
        )
    open_wave_here(
        args.workspace,
        args.wave,
        args.template,
        args.opens,
        args.closes,
        targets,
        args.rotation,
        reminders=_reminders(args),
    )
    print(
        f"Opened wave {args.wave.strip()} in {args.workspace} for answering on this computer "
        "(`rapport respond` set to 'this computer'). Answers go straight into the workspace, "
        "unsealed: for several people on one computer, publish with --kiosk instead."
    )
    return 0


def _destination(args: argparse.Namespace, db) -> Path:  # noqa: ANN001
    from desktop_app.commands import UserError
    from surveys.kiosk import kiosk_folder

    if args.kiosk:
        if args.share:
            raise UserError("--kiosk publishes beside the workspace: leave out --share.")
        return kiosk_folder(args.workspace)
    return resolve_share(db, args.share)


def run(args: argparse.Namespace) -> int:
    from analysis.export.publish import publish_pulse
    from desktop_app.commands.progress_printer import ProgressPrinter
    from surveys.key_pins import key_code
    from surveys.keys import key_path
    from surveys.publish import read_published
    from surveys.store import open_workspace

    targets = [t.strip() for t in args.targets.split(",")] if args.targets is not None else None
    if args.local:
        return _open_locally(args, targets)
    reminders = _reminders(args)
    db = open_workspace(args.workspace)
    try:
        new_key = not key_path(args.workspace).exists()
        passphrase = read_passphrase(args, new=new_key)
        share = _destination(args, db)
    finally:
        db.close()
    with ProgressPrinter(quiet=not args.share_results) as progress:
        done = publish_pulse(
            args.workspace,
            share,
            args.wave,
            passphrase=passphrase,
            template=args.template,
            opens=args.opens,
            closes=args.closes,
            targets=targets,
            rotation=args.rotation,
            share_results=args.share_results,
            progress=progress,
            reminders=reminders,
            create=args.create or args.kiosk,  # the kiosk folder is Rapport's own
            tickets=not (args.kiosk or args.no_tickets),
        )
    if not args.kiosk:
        remember_share(args.workspace, share)
    published = read_published(done.path)
    count = len(published.questions)
    print(
        f"Published wave {published.wave} ({published.survey.title}, {count} questions per "
        f"department), open {published.opens} to {published.closes}: {done.path}"
    )
    print(f"Reminders for people who have not answered: {published.reminders.describe()}.")
    if args.kiosk:
        print(f"Start the kiosk with: rapport respond --kiosk {args.workspace}")
    if done.results_wave is not None:
        pairs = done.results_pairs
        print(
            f"Shared the results of wave {done.results_wave} with respondents "
            f"(organisation-wide figures and {pairs} department pair{'' if pairs == 1 else 's'} "
            "that met the anonymity threshold)."
        )
    elif done.results_requested:
        print("No results shared: no wave before this one has responses yet.", file=sys.stderr)
    if new_key:
        print(
            f"Created the workspace key pair in {key_path(args.workspace)}. Back it up and keep "
            "the passphrase safe: without both, submissions cannot be read."
        )
    if not args.kiosk:
        print(
            f"Survey key code: {key_code(published.public_key)}. Respondents' apps show it if "
            "the key ever changes; after starting a new workspace, tell them its code."
        )
    if not args.kiosk:
        # Respondents read the survey before HR's next ingest: say now where a colleague
        # could replace it or read answers (the same check as every ingest).
        from desktop_app.commands.ingest import warn_access

        warn_access(share)
    return 0
