"""`rapport analyze WORKSPACE [--wave W] [--json OUT]`: matrix, hotspots and themes."""

from __future__ import annotations

import argparse
import sys

from surveys.bands import format_index, shown_percent

#: Hotspots printed in the summary.
SHOWN = 5


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse a workspace: relationship matrix, hotspots, themes",
        description="Analyse the responses of a workspace and print the top hotspots. "
        "Comments are analysed once and cached; later runs only analyse what is new.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument("--wave", help="the wave to analyse (default: the latest)")
    parser.add_argument(
        "--json",
        metavar="OUT",
        help="also write the analysis as JSON to OUT (- : to standard output, instead of "
        "the summary)",
    )
    parser.add_argument("--quiet", action="store_true", help="print no progress messages")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.export.files import check_target
    from analysis.worker_task import collector_paused

    out = check_target(args.json, None) if args.json and args.json != "-" else None  # before
    # The cycle collector is paused while the analysis' modules load and the result is
    # written, as it is during the analysis itself (analyse_workspace's notes): the
    # imports made about a third of the process's collections.
    with collector_paused():
        return _report(args, _analyse_early(args), out)


def _analyse_early(args: argparse.Namespace):
    """The analysis, its sentiment worker started first when it will have much to score."""
    from analysis.sentiment import background

    # With many comments never analysed, the sentiment worker's last chunk ends the
    # analysis on an idle machine: it starts before the analysis' modules load (0.2 s).
    early = background.start_early_for(args.workspace)
    try:
        return _analyse(args)
    finally:
        if early:
            background.stop_early()  # if the analysis stopped before taking it


def _report(args: argparse.Namespace, result, out) -> int:
    """Print the summary (or the JSON on standard output) and write ``out``."""
    from analysis.export.files import write_text

    if args.json == "-":  # `rapport analyze ws --json - | jq ...`: only the JSON on stdout
        print(_json(result, ascii_only=not _utf8(sys.stdout)))
        return 0
    print(summary(result, args.workspace))
    if out is not None:
        write_text(out, _json(result) + "\n")
        print(f"Wrote {out}.")
    return 0


def _json(result, ascii_only: bool = False) -> str:
    import json

    return json.dumps(result.to_json(), indent=2, ensure_ascii=ascii_only)


def _utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", "") or "").name == "utf-8"
    except LookupError:
        return False


def _analyse(args: argparse.Namespace):
    from analysis.pipeline import analyse_workspace
    from desktop_app.commands.progress_printer import ProgressPrinter

    with ProgressPrinter(quiet=args.quiet) as progress:
        return analyse_workspace(args.workspace, args.wave, progress)


def summary(result, workspace: str = "WORKSPACE") -> str:
    """The readable summary printed by `rapport analyze` of ``workspace``."""
    if not result.released:
        return _open_wave_summary(result, workspace)
    shown = [p for p in result.pairs if not p.suppressed]
    org = result.organisation_index
    lines = [
        f"{result.organisation}: wave {result.wave} "
        f"({len(result.waves)} wave{'s' if len(result.waves) != 1 else ''} analysed)",
        f"Pairs: {len(shown)} shown, {result.suppressed_pairs} suppressed "
        f"(fewer than {result.min_group} respondents, or none)"
        + (f"; organisation index {format_index(org)}" if org is not None else ""),
        "",
    ]
    if not shown:
        lines.append(
            f"Nothing to show yet: every pair has fewer than {result.min_group} respondents. "
            "Import or ingest more responses, then analyse again."
        )
    elif not result.hotspots:
        lines.append("No hotspots: no pair is weak, declining or disconnected.")
    else:
        lines.append(f"Top hotspots ({len(result.hotspots)} in all):")
    for h in result.hotspots[:SHOWN]:
        lines.append(f"{h.rank}. {h.from_dept} → {h.to_dept}: {h.kind} (score {h.score:.2f})")
        lines.extend(f"     - {reason}" for reason in h.reasons)
        if h.themes:
            lines.append(f"     themes: {', '.join(h.themes)}")
        if h.actions:
            lines.append(f"     try: {h.actions[0]}")
    if result.improvements:
        lines += ["", "What improved:"] + [f"  - {s}" for s in result.improvements]
    if result.drivers:
        top = ", ".join(f"{d.dimension} {d.weight:.0%}" for d in result.drivers[:3])
        lines += ["", f"Key drivers of the overall rating: {top}"]
    lines += ["", f"Comment labels: {_learning_line(result)}."]
    return "\n".join(lines)


def _learning_line(result) -> str:
    """What learning from HR's corrections did (the analysis's words), or that it waits."""
    from analysis.sentiment.labels import MIN_CORRECTIONS

    learning = result.method.get("sentiment_learning")
    if learning:
        return learning
    return (
        "no corrections yet; labels follow the shipped model, which adapts to HR's "
        f"corrections from {MIN_CORRECTIONS} on"
    )


def _open_wave_summary(result, workspace: str) -> str:
    """An open wave has participation only: its figures are released when it closes."""
    answered = sum(p.submitted for p in result.participation)
    earlier = result.waves[-2] if len(result.waves) > 1 else None
    lines = [
        f"{result.organisation}: wave {result.wave} is still open "
        f"({answered} answer{'' if answered == 1 else 's'} so far).",
        "Only participation is shown while a wave is open; its figures are released when it "
        f"is closed (`rapport close {workspace} --wave {result.wave}`, or Close wave in the "
        "Pulses section), and answers that arrive later are not counted.",
        "",
        "Participation:",
    ]
    for p in result.participation:
        shown = shown_percent(p.submitted, p.headcount or 0)
        rate = f" of {p.headcount} ({shown} %)" if p.rate is not None else ""
        lines.append(f"  {p.department}: {p.submitted}{rate}")
    if earlier:
        lines += ["", f"For figures, analyse an earlier wave: --wave {earlier}"]
    return "\n".join(lines)
