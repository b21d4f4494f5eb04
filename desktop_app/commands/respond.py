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
        "computer). In team mode the tray app keeps each sealed answer on this computer for "
        "a random 2 to 20 minutes before delivering it, so the shared folder's times do not "
        'show when you answered ("Your answers" in the tray menu has Deliver now); '
        "without a tray, answers are delivered at once. With --kiosk, several people answer "
        "in turn on this computer.",
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
    parser.add_argument(
        "--trust-new-key",
        action="store_true",
        help="forget the survey key remembered for the shared folder (or, with --kiosk, "
        "the kiosk folder), once HR has confirmed that they started a new workspace; the "
        "next survey's key is remembered instead",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.trust_new_key:
        return trust_new_key(args.share or _kiosk_folder(args.kiosk))
    from desktop_app.commands.open import require_display
    from desktop_app.respondent.app import run_respondent

    require_display()

    return run_respondent(args.share, kiosk=args.kiosk)


def _kiosk_folder(kiosk: str | None) -> str | None:
    """The kiosk folder ``--kiosk`` names (a workspace's ``kiosk/`` or the folder itself)."""
    if not kiosk:
        return None
    from surveys.kiosk import resolve_kiosk

    return str(resolve_kiosk(kiosk))


def trust_new_key(share: str | None) -> int:
    """Forget the key remembered for ``share`` (default: the folder in the settings)."""
    from desktop_app.commands import UserError
    from desktop_app.settings import TEAM_MODE, load_settings
    from surveys.key_pins import forget

    if not share:
        settings = load_settings()
        share = settings.share_folder if settings.mode == TEAM_MODE else ""
    if not share:
        raise UserError("No shared folder is set up: give it with --share DIR.")
    if forget(share):
        print(
            f"Forgot the survey key remembered for {share}. The key of the next survey you "
            "open there is remembered instead: do this only after HR has confirmed."
        )
    else:
        print(f"No survey key was remembered for {share}; nothing to forget.")
    return 0
