"""`rapport ingest WORKSPACE [--share DIR]`: take submissions from the shared inbox.

It also takes the kiosk's inbox (``WORKSPACE/kiosk/inbox``) when the workspace has a kiosk.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.commands import counted

#: ``--archive-days`` not given (``None`` means "forever").
_UNSET = object()


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.commands.publish import add_share_arguments

    parser = subparsers.add_parser(
        "ingest",
        help="take submissions from the shared inbox into the workspace",
        description="Open the sealed submissions in SHARE/inbox/ with the workspace key, "
        "check each against the submission schema, store them (a newer answer from the same "
        "person in a wave replaces the older one), keep Rapport's own copy in SHARE/archive/ "
        "for --archive-days, and put anything unusable in SHARE/quarantine/ with a "
        ".reason.txt. One bad file never stops the others; running it twice is harmless. "
        "A kiosk's answers (WORKSPACE/kiosk/inbox) are taken too. Waiting ticket requests are "
        "signed first (as `rapport tickets` does), and a wave published with tickets takes "
        "only answers with a valid one. Exit status: 0 all taken, 3 some files quarantined "
        "or left in an inbox, or a warning about the shared folder, 2 nothing was done (the "
        "message says why).",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    add_share_arguments(parser)
    parser.add_argument(
        "--archive-days",
        metavar="N",
        type=_days,
        default=_UNSET,
        help="keep Rapport's archive copies of ingested files N days (0: keep none, 'forever': "
        "never delete); remembered in the workspace (default 90)",
    )
    parser.set_defaults(func=run)


def _days(text: str) -> int | None:
    if text.strip().lower() == "forever":
        return None
    if not text.strip().isdigit() or not text.strip().isascii():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days or 'forever'")
    return int(text)


def _sources(args: argparse.Namespace) -> list[tuple[str, object]]:
    """``[(source, folder)]``: the shared folder and the kiosk folder, where there are some.

    Also stores ``--archive-days`` in the workspace when it is given.
    """
    from desktop_app.commands import UserError
    from desktop_app.commands.publish import resolve_share
    from surveys.ingest import ARCHIVE_DAYS_SETTING
    from surveys.kiosk import kiosk_folder
    from surveys.store import get_setting, open_workspace, set_setting
    from surveys.transport import INBOX

    kiosk = kiosk_folder(args.workspace)
    has_kiosk = (kiosk / INBOX).is_dir()
    db = open_workspace(args.workspace)
    try:
        if args.archive_days is not _UNSET:
            with db.atomic():
                set_setting(db, ARCHIVE_DAYS_SETTING, args.archive_days)
        if args.share or get_setting(db, "share") or not has_kiosk:
            sources = [("share", resolve_share(db, args.share))]
        else:
            sources = []
    except UserError:
        raise UserError(
            "No shared folder given: add --share DIR (it is remembered afterwards), or "
            "publish a wave with --kiosk to collect answers on this computer."
        ) from None
    finally:
        db.close()
    return sources + ([("kiosk", kiosk)] if has_kiosk else [])


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.publish import (
        check_share_not_a_file,
        read_passphrase,
        remember_share,
    )
    from surveys.ingest import ingest

    sources = _sources(args)
    for source, folder in sources:
        if source == "share":
            check_share_not_a_file(folder)
    passphrase = read_passphrase(args, new=False)
    quarantined = skipped = 0
    warned = False
    for source, folder in sources:
        with ProgressPrinter() as progress:
            report = ingest(args.workspace, folder, passphrase, progress, source=source)
        if source == "share":
            remember_share(args.workspace, folder)
            warned = warn_access(folder) or warned
        for sentence in report.published:  # someone rewrote a survey in the share or kiosk
            print(f"Warning: {sentence}", file=sys.stderr)
        warned = warned or bool(report.published)
        if report.tickets is not None:
            from desktop_app.commands.tickets import print_signing

            print_signing(report.tickets)
            warned = warned or bool(report.tickets.warnings)
        _print_report("the kiosk" if source == "kiosk" else folder, report)
        for sentence in repeat_warnings(report.repeats):
            print(f"Warning: {sentence}", file=sys.stderr)
        warned = warned or bool(report.repeats)
        quarantined += len(report.quarantined)
        skipped += len(report.skipped)
    if quarantined or skipped:
        print(
            f"{counted(quarantined, 'file')} quarantined, {skipped} left in an inbox; the "
            "others were taken. See the reasons above (or the Pulses section of the HR "
            "window) to retry or delete them.",
            file=sys.stderr,
        )
        return 3
    return 3 if warned else 0


def repeat_warnings(repeats: dict[str, int]) -> list[str]:
    """A sentence per wave whose stored answers repeat earlier ones word for word."""
    return [
        f"{counted(count, 'answer')} stored for wave {wave} "
        f"{'repeats' if count == 1 else 'repeat'}, word for word, the ratings and comments of "
        "an answer stored before from the same department. One person may have sent them "
        "one ingest at a time (at the kiosk, or to a wave without tickets), so the wave's "
        "figures may lean their way: check the department's headcount (answers beyond it "
        "are held for review) and the Pulses section before closing the wave."
        for wave, count in sorted(repeats.items())
    ]


def warn_access(share) -> bool:  # noqa: ANN001 - a Path
    """Print where the share lets a colleague harm other people's files; True if it does."""
    from surveys.share_access import access_problems

    problems = access_problems(share)
    for problem in problems:
        print(f"Warning: {problem}", file=sys.stderr)
    return bool(problems)


#: At most this many files are listed one by one: a colleague can fill the inbox with tens
#: of thousands of junk files, which would bury every other line of the report.
MAX_LISTED = 100


def _print_files(where: str, items: list) -> None:
    """One line per file, up to :data:`MAX_LISTED`; then the rest counted by reason."""
    from collections import Counter

    from surveys.anomalies import without_set_mark

    for item in items[:MAX_LISTED]:
        print(f"  {where}{item.name}: {item.reason}")
    rest = Counter(without_set_mark(item.reason) for item in items[MAX_LISTED:])
    if rest:
        total = sum(rest.values())
        print(
            f"  ... and {counted(total, 'more file')} in {where} (the Pulses section lists "
            "them; each has its reason beside it), most of them:"
        )
        for reason, count in rest.most_common(3):
            print(f"    {count:,}: {reason}")


def _print_report(where, report) -> None:  # noqa: ANN001 - a folder or words; IngestReport
    print(
        f"Ingested {counted(report.files, 'file')} from {where}: {report.stored} stored, "
        f"{report.replaced} replaced an earlier answer, {report.duplicates} already taken, "
        f"{report.superseded} older than a stored answer, "
        f"{report.late} too late (their wave had closed), "
        f"{len(report.quarantined)} quarantined."
    )
    if report.partial_removed:
        print(
            f"  Removed {counted(report.partial_removed, 'unfinished file')} a respondent's "
            "crash left behind (the answers wait in their outboxes and come again)."
        )
    _print_files("quarantine/", report.quarantined)
    _print_files("left in inbox/", report.skipped)
    if report.receipts_problem:
        print(f"  Receipts: {report.receipts_problem}.", file=sys.stderr)
