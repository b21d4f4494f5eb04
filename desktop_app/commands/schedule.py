"""`rapport schedule set|show|run|pause|resume WORKSPACE`: the pulse programme.

``run`` is what a scheduled task calls (cron, the Windows Task Scheduler): it closes the
waves past their last day (ingesting waiting answers first), signs the ticket requests
waiting in the shared folder (as `rapport tickets` does) and publishes the programme's next
wave when it is due (:func:`analysis.export.schedule.run_schedule`). Running it twice
publishes once. Exit status: 0 when the run did its work or had nothing to do (also while
the programme is paused), 2 when it could not (the message says why; nothing was
half-done), 3 when it did but a waiting file was quarantined, the answers ingested repeat
earlier ones or a published survey was not HR's (as `rapport ingest` says) or the ticket
signer warned, 130 when interrupted.
"""

from __future__ import annotations

import argparse
from datetime import date

EXIT_CODES = (
    "exit status: 0 done, or nothing was due (also while paused); 2 an error, with what to do "
    "(nothing was half-done); 3 done, but a waiting file was quarantined or ingest warned "
    "(see `rapport ingest`) or the ticket signer warned or left requests waiting (see "
    "`rapport tickets`); 130 interrupted"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.commands.publish import add_share_arguments

    parser = subparsers.add_parser(
        "schedule",
        help="the pulse programme: set it, show it, run it from a scheduled task",
        description="A pulse programme publishes waves by itself: a cadence, the days each "
        "wave is open, a survey whose rotating items advance wave by wave. The HR window "
        "runs it while it is open; `rapport schedule run` does the same from a scheduled task.",
    )
    actions = parser.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    _register_set(actions)
    show = actions.add_parser(
        "show", help="the programme and its calendar", description="Print the programme and "
        "its calendar: past, open and coming waves with their dates."
    )  # fmt: skip
    show.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    show.set_defaults(func=run_show)
    run = actions.add_parser(
        "run",
        help="close waves past their last day and publish the next wave when it is due",
        description="Close the open waves whose last day has passed, and those whose answers "
        "`rapport close` stopped once the answers held on respondents' computers can have "
        "arrived (sealed answers waiting in the inbox are ingested first), sign the ticket "
        "requests waiting in the shared "
        "folder, then publish the programme's wave if one is due. Idempotent: running it "
        "again publishes nothing more. The passphrase (needed to publish, ingest or sign) "
        "comes from $RAPPORT_PASSPHRASE or --passphrase-file, a file only you may read "
        "(chmod 600).",
        epilog=EXIT_CODES,
    )
    run.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(run)
    run.add_argument(
        "--create",
        action="store_true",
        help="set up the shared folder if it is not one yet (otherwise a missing or unmounted "
        "one stops the run before any change)",
    )
    run.set_defaults(func=run_run)
    for name, text in (("pause", "stop publishing new waves"), ("resume", "publish again")):
        sub = actions.add_parser(name, help=text, description=f"{text.capitalize()}.")
        sub.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
        sub.set_defaults(func=run_pause, paused=name == "pause")


def _register_set(actions) -> None:
    from surveys.programme import CADENCES

    parser = actions.add_parser(
        "set",
        help="set (or change) the programme",
        description="Set the pulse programme. Waves are named after their first day "
        "(2026-11 monthly, 2026-Q4 quarterly, 2026-11-02 otherwise).",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument("--cadence", required=True, choices=list(CADENCES), help="how often")
    parser.add_argument(
        "--starts", required=True, metavar="DATE", help="the first wave's first day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--days-open",
        type=int,
        default=10,
        metavar="N",
        help="days each wave is open (default: 10)",
    )
    parser.add_argument(
        "--template",
        default="short-pulse",
        metavar="KEY",
        help="survey template key (default: short-pulse)",
    )
    parser.add_argument(
        "--targets", metavar="A,B", help="only ask about these departments, e.g. IT,Sales"
    )
    parser.add_argument(
        "--share-results", action="store_true", help="show respondents what changed"
    )
    parser.set_defaults(func=run_set)


def _check_template(db, key: str) -> None:
    """Refuse a template key that is neither built in nor stored, naming those there are."""
    from desktop_app.commands import UserError
    from surveys.programme import find_survey
    from surveys.templates import builtin_templates

    if key.strip() and find_survey(db, key) is None:
        raise UserError(
            f"--template: there is no survey template {key!r}; use one of "
            f"{', '.join(sorted(builtin_templates()))}, or a survey a wave of this workspace "
            "asked."
        )


def run_set(args: argparse.Namespace) -> int:
    from surveys.programme import Programme, load_programme, save_programme
    from surveys.publish_checks import check_targets
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        _check_template(db, args.template)
        # Checked now, not when `schedule run` publishes from a scheduled task weeks later.
        listed = [t.strip() for t in args.targets.split(",")] if args.targets is not None else None
        chosen = check_targets(db, listed)
        targets = tuple(chosen) if chosen else None
        old = load_programme(db)
        programme = Programme(
            args.cadence,
            args.days_open,
            args.template,
            args.starts,
            targets,
            args.share_results,
            old.paused if old else None,
        )
        save_programme(db, programme)
        print(describe(programme))
        _print_calendar(db)
    finally:
        db.close()
    return 0


def describe(programme) -> str:
    """One sentence about the programme."""
    state = f"paused since {programme.paused}" if programme.paused else "running"
    asked = ", ".join(programme.targets) if programme.targets else "every department"
    shared = "; respondents see what changed" if programme.share_results else ""
    return (
        f"Pulse programme ({state}): {programme.template} {programme.cadence_text} from "
        f"{programme.starts}, each wave open {programme.days_open} "
        f"day{'' if programme.days_open == 1 else 's'}, asking about {asked}{shared}."
    )


def _print_calendar(db) -> None:
    from surveys.programme_calendar import programme_calendar

    for entry in programme_calendar(db):
        where = f"{entry.opens or '?'} to {entry.closes or '?'}"
        rotation = ""
        if entry.rotation is not None:
            rotation = f", items group {entry.rotation + 1} of {entry.groups}"
        mark = "" if entry.programme else " (published by hand)"
        print(f"  {entry.state:<8} {entry.wave:<12} {where}{rotation}{mark}")


def run_show(args: argparse.Namespace) -> int:
    from surveys.programme import load_programme
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        programme = load_programme(db)
        if programme is None:
            print(
                "No pulse programme yet. Set one with `rapport schedule set "
                f"{args.workspace} --cadence monthly --starts {date.today().isoformat()}`."
            )
        else:
            print(describe(programme))
        _print_calendar(db)
    finally:
        db.close()
    return 0


def run_pause(args: argparse.Namespace) -> int:
    from surveys.programme import set_paused
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        programme = set_paused(db, args.paused)
    finally:
        db.close()
    if args.paused:
        print(
            f"Paused the pulse programme: no new wave is published until `rapport schedule "
            f"resume {args.workspace}`. Open waves still close on their last day."
        )
    else:
        print(f"Resumed the pulse programme. {describe(programme)}")
    return 0


def run_run(args: argparse.Namespace) -> int:
    from analysis.export.schedule import plan_schedule, run_schedule
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.publish import read_passphrase
    from surveys.keys import key_path
    from surveys.store import get_setting, open_workspace

    share = _share(args, open_workspace, get_setting)
    plan = plan_schedule(args.workspace, share)
    if not plan.has_programme and not plan.to_close and not plan.requests:
        print(f"No pulse programme in {args.workspace}; nothing to do.")
        return 0
    passphrase = None
    if plan.needs_passphrase or plan.requests:
        new_key = not key_path(args.workspace).exists()
        passphrase = read_passphrase(args, new=new_key, strict_file=True)
    with ProgressPrinter(quiet=True) as progress:
        done = run_schedule(
            args.workspace, share, passphrase=passphrase, progress=progress, create=args.create
        )
    if args.share:
        _remember_share(args.workspace, share)
    _print_run(args.workspace, plan, done)
    ingested = done.ingested
    quarantined = ingested is not None and (
        ingested.quarantined or ingested.repeats or ingested.published
    )
    signer = done.tickets
    warned = signer is not None and (signer.warnings or signer.pending or signer.busy)
    return 3 if quarantined or warned else 0


def _share(args, open_workspace, get_setting):
    from pathlib import Path

    from desktop_app.commands.publish import resolve_share

    db = open_workspace(args.workspace)
    try:
        if args.share:
            return resolve_share(db, args.share)
        remembered = get_setting(db, "share")
        return Path(remembered) if remembered else None
    finally:
        db.close()


def _remember_share(workspace, share) -> None:
    """Remember a ``--share`` that is a shared folder (a mistyped one is never kept)."""
    from desktop_app.commands.publish import remember_share
    from surveys.publish import PublishError
    from surveys.publish_checks import check_share

    try:
        check_share(share)
    except PublishError:
        return
    remember_share(workspace, share)


def _print_run(workspace, plan, done) -> None:
    from surveys.programme import load_programme
    from surveys.programme_calendar import programme_calendar
    from surveys.store import open_workspace

    if done.ingested is not None:
        _print_ingested(done.ingested)
    for name in done.closed:
        print(f"Closed wave {name}: its last day has passed and its figures are released.")
    if done.tickets is not None:
        _print_tickets(done.tickets)
    if done.published:
        print(_published_line(plan.due, done.publish.path))
    db = open_workspace(workspace)
    try:
        programme = load_programme(db)
        coming = [e for e in programme_calendar(db) if e.state in ("next", "planned", "paused")]
    finally:
        db.close()
    if programme is not None and programme.paused:
        print(f"The programme is paused since {programme.paused}: no new wave is published "
              f"(`rapport schedule resume {workspace}`).")  # fmt: skip
    elif coming:
        print(f"Next wave: {coming[0].wave}, opens {coming[0].opens}.")
    if plan.idle and not (programme and programme.paused):
        print("Nothing was due.")


def _published_line(due, path) -> str:
    """ "Published wave W, open A to B, 5 questions per department (items group 2 of 3: …)"."""
    from surveys.model import DIMENSION_LABELS
    from surveys.publish import read_published

    published = read_published(path)
    groups = published.survey.rotation
    asked = f", {len(published.questions)} questions per department"
    if groups:
        items = ", ".join(DIMENSION_LABELS.get(i, i) for i in groups[due.rotation % len(groups)])
        asked += f" (items group {due.rotation % len(groups) + 1} of {len(groups)}: {items})"
    return f"Published wave {published.wave}, open {due.opens} to {due.closes}{asked}: {path}"


def _print_tickets(report) -> None:
    """What signing did, as `rapport tickets` says it."""
    import sys

    from desktop_app.commands.tickets import print_signing

    if report.busy:
        print(
            "Another Rapport was signing ticket requests for this workspace; they are signed "
            "by it, or by the next run.",
            file=sys.stderr,
        )
        return
    print_signing(report)


def _print_ingested(report) -> None:
    """What ingesting before the close did; quarantined files on stderr, with their reasons,
    and what `rapport ingest` warns of (a survey someone rewrote or planted, answers that
    repeat earlier ones)."""
    import sys

    from desktop_app.commands import counted
    from desktop_app.commands.ingest import repeat_warnings

    print(f"Ingested {counted(report.files, 'waiting file')} first ({report.stored} stored).")
    for sentence in [*report.published, *repeat_warnings(report.repeats)]:
        print(f"Warning: {sentence}", file=sys.stderr)
    for item in report.quarantined:
        print(f"  quarantine/{item.name}: {item.reason}", file=sys.stderr)
    for item in report.skipped:
        print(f"  left in inbox/{item.name}: {item.reason}", file=sys.stderr)
    if report.quarantined:
        print(
            f"{counted(len(report.quarantined), 'file')} quarantined; see the reasons above "
            "(or the Pulses section of the HR window) to retry or delete them.",
            file=sys.stderr,
        )
