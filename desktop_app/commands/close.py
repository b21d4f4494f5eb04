"""`rapport close WORKSPACE --wave W [--share DIR] [--anyway]`: close a wave, release its figures.

While a wave is open only its participation is shown. Closing it releases its figures and
fixes its answers: anything that arrives later is not counted, because comparing the
figures before and after would reveal it. So the command refuses while sealed answers are
still waiting in the shared inbox, unless ``--anyway`` says to close regardless.

Respondents' apps hold each sealed answer for up to 20 minutes before they deliver it. A
wave in the shared folder whose last day is not over is therefore closed in two steps
(:mod:`surveys.wave_stop`): the first run stops its answers and says from when the close
can complete; a run from that time on closes it (exit status 3 until then). ``--anyway``
closes at once.
"""

from __future__ import annotations

import argparse
from pathlib import Path

#: Exit status while a wave's answers are stopped and its close has to wait.
EXIT_WAITING = 3
EXIT_CODES = (
    "exit status: 0 closed (or closed already); 2 an error, with what to do (nothing was "
    "changed); 3 answers stopped, the wave is not closed yet: run the command again from the "
    "time it gives"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "close",
        help="close a wave and release its figures",
        description="Close a wave: respondents stop seeing it and its figures are released "
        "(until then only participation is shown). Answers that arrive afterwards are not "
        "counted, so ingest the inbox first. A closed wave is never opened again. Before "
        "the wave's last day is over, respondents' apps may still hold answers given in "
        "the last 20 minutes: the first run stops the answers, and a run after the time it "
        "gives releases the figures.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument("--wave", required=True, help="the wave to close, e.g. 2026-10")
    parser.add_argument(
        "--share", metavar="DIR", help="the shared folder (default: the one used last time)"
    )
    parser.add_argument(
        "--anyway",
        action="store_true",
        help="close now, even though sealed answers are still waiting in the inbox or may "
        "still be on their way from respondents' apps (they will count as late and not "
        "be used)",
    )
    parser.set_defaults(func=run)


def waiting_files(share: Path | None) -> int:
    """Sealed answers waiting in ``share``'s inbox (0 without a share or inbox)."""
    from surveys.inbox import count_waiting
    from surveys.transport import INBOX

    return 0 if share is None else count_waiting(share / INBOX)


def _share(db, args: argparse.Namespace) -> Path | None:
    """The ``--share`` folder (remembered once it is there) or the remembered one."""
    from desktop_app.commands.publish import resolve_share
    from surveys.store import get_setting, set_setting
    from surveys.transport import INBOX

    if args.share:
        share = resolve_share(db, args.share)
        if (share / INBOX).is_dir():  # a shared folder that is there: remembered
            set_setting(db, "share", str(share))
        return share
    remembered = get_setting(db, "share")
    return Path(remembered) if remembered else None


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import UserError
    from surveys.publish import close_wave
    from surveys.pulses import list_waves
    from surveys.store import open_workspace
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
        share = _share(db, args)
        if not args.anyway:
            waiting_for = _stop_first(db, share, wave, args)
            if waiting_for is not None:
                print(waiting_for)
                return EXIT_WAITING
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
    print(_closed(wave.name, answered, args.workspace))
    return 0


def _closed(wave: str, answered: int, workspace: str) -> str:
    """What `rapport close` says once ``wave`` is closed with ``answered`` answers."""
    if answered == 0:  # nothing to analyse: "Analyse it" sent HR to an empty result
        return (
            f"Closed wave {wave}. Nobody answered it, so it has no figures; answers that "
            "arrive from now on are not counted."
        )
    return (
        f"Closed wave {wave}: its figures are released ({answered:,} "
        f"answer{'' if answered == 1 else 's'}). Answers that arrive from now on are not "
        f"counted. Analyse it with `rapport analyze {workspace} --wave {wave}`."
    )


def _stop_first(db, share: Path | None, wave, args: argparse.Namespace) -> str | None:
    """Stop the wave's answers, or see whether a stopped wave may close yet.

    Returns what to print when the close must wait (``None``: close now).
    """
    from desktop_app.commands import UserError
    from surveys import wave_stop

    now = wave_stop.current_time()
    if wave.stopped is not None:
        stopped = wave_stop.stopped_wave(wave.name, wave.stopped)
        if stopped.close_at <= now:
            return None
        return _still_waiting(stopped, args, now)
    try:
        if not wave_stop.needs_stop(wave, share, now):
            return None
    except wave_stop.ShareUnreachable as exc:
        raise UserError(
            f"{exc} Connect it and run the command again, or add --anyway to close now "
            "(answers still on respondents' computers will then count as late)."
        ) from None
    stopped = wave_stop.stop_answers(db, share, wave.name, now)
    return _stopped_now(stopped, args, now)


def _times(stopped, now: float) -> tuple[str, str, str]:
    from surveys.outbox_hold import HOLD_MAX_S
    from surveys.published import parse_moment
    from surveys.wave_stop import clock_text

    at = parse_moment(stopped.stopped)
    return (
        clock_text(at, now),
        clock_text(at + HOLD_MAX_S, now),
        clock_text(stopped.close_at, now),
    )


def _again(stopped, args: argparse.Namespace, close: str) -> str:
    return (
        f"From {close}, run `rapport ingest {args.workspace}` and then `rapport close "
        f"{args.workspace} --wave {stopped.name}` again to release the figures (a scheduled "
        "`rapport schedule run`, or the HR window while it is open, does both by itself). "
        "To close now instead, add --anyway: answers still on their way will then count as "
        "late and not be used."
    )


def _stopped_now(stopped, args: argparse.Namespace, now: float) -> str:
    at, arrive, close = _times(stopped, now)
    return (
        f"Wave {stopped.name} takes no more answers from {at}: respondents' apps no longer "
        "offer it. Its figures are not released yet: the apps hold each sealed answer for "
        "up to 20 minutes before delivering it (so that nobody watching the shared folder "
        f"can tell when someone answered), and the answers given before {at} arrive by "
        f"{arrive}. " + _kiosk_note(args.workspace, stopped.name) + _again(stopped, args, close)
    )


def _kiosk_note(workspace: str, wave: str) -> str:
    """A kiosk holds no answer, so the wave is not stopped there (docs/team-mode.md): say
    so, or HR reads "apps no longer offer it" while the kiosk still does."""
    from surveys.kiosk import kiosk_folder
    from surveys.published import published_path

    if not published_path(kiosk_folder(workspace), wave).is_file():
        return ""
    return "The kiosk beside the workspace still offers it until the close. "


def _still_waiting(stopped, args: argparse.Namespace, now: float) -> str:
    at, arrive, close = _times(stopped, now)
    return (
        f"Wave {stopped.name} stopped taking answers at {at}; the answers given before then "
        f"may still arrive until {arrive}, so it is not closed yet. " + _again(stopped, args, close)
    )
