"""`rapport demo [--workspace DIR] [--seed N] [--force]`: build the demo workspace.

The command runs :data:`STEPS` in order on one :class:`DemoRun`. Each step is a function
that does its work and records what it wrote (``written``) and what to run next
(``next_commands``); a later step (analysis, the slide deck) is one more function appended
to the list.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_FOLDER = "demo-workspace"


@dataclass
class DemoRun:
    """State shared by the steps of one `rapport demo` run."""

    workspace: Path
    seed: int
    force: bool = False
    summary: Any = None  # surveys.demo.DemoSummary once the workspace is built
    written: list[str] = field(default_factory=list)
    next_commands: list[tuple[str, str]] = field(default_factory=list)  # (command, line)


Step = Callable[[DemoRun], None]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="build a realistic demo workspace to explore Rapport",
        description="Build a demo workspace: a fictional organisation (Northwind "
        "Diagnostics) with four departments, six monthly pulses, ratings and comments in "
        "which typical rivalries between departments are planted. The same seed always "
        "gives the same data. An earlier demo workspace in the folder is replaced; a "
        "folder with anything else in it is never touched.",
    )
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=DEFAULT_FOLDER,
        help="folder to write the demo workspace to (default: ./%(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="random seed of the demo data (default: %(default)s)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="also replace a workspace in DIR that is not a demo (its data is lost)",
    )
    parser.set_defaults(func=run)


def build_workspace(demo: DemoRun) -> None:
    """Step: write the demo workspace (surveys layer, no analysis)."""
    from desktop_app.commands.progress_printer import ProgressPrinter
    from surveys.demo import FolderState, build_demo, check_folder

    state = check_folder(demo.workspace, force=demo.force)
    if state is FolderState.DEMO:
        print(f"{demo.workspace} holds an earlier demo workspace; replacing it.")
    elif state is FolderState.WORKSPACE:
        print(f"{demo.workspace} holds a workspace that is not a demo; --force: replacing it.")
    print(f"Building the demo workspace in {demo.workspace} (seed {demo.seed})...")
    with ProgressPrinter() as progress:
        demo.summary = build_demo(demo.workspace, demo.seed, progress, force=demo.force)
    demo.written.append(f"workspace database {demo.workspace / 'rapport.db'}")
    folder = _quoted(demo.workspace)
    demo.next_commands += [
        ("analyze", f"rapport analyze {folder} --json {_quoted(demo.workspace / 'analysis.json')}"),
        ("export", f"rapport export {folder} --pptx {_quoted(demo.workspace / 'demo.pptx')}"),
        ("open", f"rapport open {folder}"),
    ]


def analyse_and_write_deck(demo: DemoRun) -> None:
    """Step: analyse the demo and write its JSON, deck and workbook beside the workspace."""
    import json

    from analysis.export import export_workspace
    from analysis.export.files import write_text
    from analysis.pipeline import analyse_workspace
    from desktop_app.commands.progress_printer import ProgressPrinter
    from surveys.progress import sub_progress

    print("Analysing the demo workspace and writing the slide deck...")
    deck = demo.workspace.parent / f"{demo.workspace.name}-findings.pptx"
    workbook = demo.workspace.parent / f"{demo.workspace.name}-findings.xlsx"
    json_path = demo.workspace / "analysis.json"
    with ProgressPrinter() as progress:
        result = analyse_workspace(demo.workspace, progress=sub_progress(progress, 0.0, 0.7))
        write_text(json_path, json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        export_workspace(
            demo.workspace, pptx=deck, xlsx=workbook, progress=sub_progress(progress, 0.7, 1.0)
        )
    demo.written += [
        f"analysis (JSON) {json_path}",
        f"slide deck {deck}",
        f"workbook {workbook}",
    ]
    top = ", ".join(f"{h.from_dept}→{h.to_dept} ({h.kind})" for h in result.hotspots[:4])
    if top:
        demo.written.append(f"top hotspots: {top}")
    demo.next_commands = [c for c in demo.next_commands if c[0] == "open"]


#: The steps of `rapport demo`, in order. Append a step to extend the command.
STEPS: list[Step] = [build_workspace, analyse_and_write_deck]


def run(args: argparse.Namespace) -> int:
    demo = DemoRun(workspace=Path(args.workspace), seed=args.seed, force=args.force)
    for step in STEPS:
        step(demo)
    print(report(demo))
    return 0


def report(demo: DemoRun) -> str:
    """What was built, what to look for and what to run next, as printed text."""
    from surveys.demo_story import MIN_GROUP, STORY_NOTES

    s = demo.summary
    low, high = (round(100 * share) for share in s.participation)
    lines = [
        f"Built the demo workspace of {s.organisation} in {s.folder} (seed {s.seed}):",
        f"  {s.departments} departments, {s.waves} monthly pulses "
        f"({s.wave_names[0]} to {s.wave_names[-1]}), {s.submissions:,} submissions "
        f"({low}-{high} % of headcount per department and pulse)",
        f"  {s.answers:,} answers, {s.comments:,} comments ({s.distinct_comments:,} different), "
        f"{s.actions} recorded actions",
        f"  {s.small_cells} department-pair cells have fewer than {MIN_GROUP} respondents "
        "(under the anonymity threshold: reports suppress them)",
        "What to look for:",
        *(f"  - {note}" for note in STORY_NOTES),
        "Written:",
        *(f"  {item}" for item in demo.written),
    ]
    if demo.next_commands:
        lines += ["Next:", *(f"  {line}" for _, line in demo.next_commands)]
    return "\n".join(lines)


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
