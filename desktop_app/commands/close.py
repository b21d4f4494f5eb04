"""`rapport close WORKSPACE --wave W [--share DIR] [--anyway]`: close a wave, release its figures.

While a wave is open only its participation is shown. Closing it releases its figures and
fixes its answers: anything that arrives later is not counted, because comparing the
figures before and after would reveal it. So the command refuses while sealed answers are
still waiting in the shared inbox, unless ``--anyway`` says to close regardless.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "close",
        help="close a wave and release its figures",
        description="Close a wave: respondents stop seeing it and its figures are released "
        "(until then only participation is shown). Answers that arrive afterwards are not "
        "counted, so ingest the inbox first. A closed wave is never opened again.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument("--wave", required=True, help="the wave to close, e.g. 2026-10")
    parser.add_argument(
        "--share", metavar="DIR", help="the shared folder (default: the one used last time)"
    )
    parser.add_argument(
        "--anyway",
        action="store_true",
        help="close even though sealed answers are still waiting in the inbox (they will "
        "count as late and not be used)",
    )
    parser.set_defaults(func=run)


def waiting_files(share: Path | None) -> int:
    """Sealed answers waiting in ``share``'s inbox (0 without a share or inbox)."""
    from surveys.inbox import count_waiting
    from surveys.transport import INBOX

    return 0 if share is None else count_waiting(share / INBOX)


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import UserError
    from desktop_app.commands.publish import resolve_share
    from surveys.publish import close_wave
    from surveys.pulses import list_waves
    from surveys.store import get_setting, open_workspace, set_setting
    from surveys.transport import INBOX
    from surveys.waves import WaveError, get_wave

    db = open_workspace(args.workspace)
    try:
        wave = get_wave(db, args.wave)
        if wave is None:
            raise WaveError(f"The workspace has no wave called {args.wave!r}; check the name.")
        if wave.status == "closed":
            print(f"Wave {wave.name} is already closed; its figures were released on "
                  f"{wave.released}.")  # fmt: skip
            return 0
        if args.share:
            share: Path | None = resolve_share(db, args.share)
            if (share / INBOX).is_dir():  # a shared folder that is there: remembered
                set_setting(db, "share", str(share))
        else:
            remembered = get_setting(db, "share")
            share = Path(remembered) if remembered else None
        waiting = waiting_files(share)
        if waiting and not args.anyway:
            raise UserError(
                f"{waiting} sealed answer{'s are' if waiting != 1 else ' is'} still waiting in "
                f"{share / 'inbox'}. Take them in first with `rapport ingest {args.workspace}`, "
                "or add --anyway to close now (answers that arrive after closing are not "
                "counted)."
            )
        close_wave(db, share, wave.name)
        answered = next(w.submissions for w in list_waves(db) if w.name == wave.name)
    finally:
        db.close()
    print(
        f"Closed wave {wave.name}: its figures are released ({answered} "
        f"answer{'' if answered == 1 else 's'}). Answers that arrive from now on are not "
        f"counted. Analyse it with `rapport analyze {args.workspace} --wave {wave.name}`."
    )
    return 0
