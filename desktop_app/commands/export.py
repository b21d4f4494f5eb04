"""`rapport export WORKSPACE --pptx OUT | --xlsx OUT | --csv DIR [--wave W] [--hotspots N]`."""

from __future__ import annotations

import argparse
from pathlib import Path

# analysis.export.DEFAULT_HOTSPOT_SLIDES and MAX_HOTSPOT_SLIDES, written out: the parser is
# built at every start and must not import the analysis (tests/analysis/test_export_cli.py
# checks that they agree).
DEFAULT_HOTSPOT_SLIDES = 4
MAX_HOTSPOT_SLIDES = 5


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the findings as an editable deck, a workbook or CSV files",
        description="Analyse the workspace and write the findings: an editable PowerPoint "
        "deck, an XLSX workbook and/or CSV files. Groups under the privacy threshold, "
        "ids and unredacted comments never reach a file. Give one or more outputs.",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument("--pptx", metavar="OUT.pptx", type=Path, help="write the slide deck")
    parser.add_argument("--xlsx", metavar="OUT.xlsx", type=Path, help="write the workbook")
    parser.add_argument("--csv", metavar="DIR", type=Path, help="write one CSV file per table here")
    parser.add_argument("--wave", metavar="WAVE", help="the wave to report (default: the latest)")
    parser.add_argument(
        "--hotspots",
        type=int,
        default=DEFAULT_HOTSPOT_SLIDES,
        choices=range(0, MAX_HOTSPOT_SLIDES + 1),
        metavar="N",
        help=f"how many hotspots get a slide of their own, 0 to {MAX_HOTSPOT_SLIDES} "
        "(default: %(default)s)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands import UserError

    if not (args.pptx or args.xlsx or args.csv):
        raise UserError("nothing to write: give --pptx OUT.pptx, --xlsx OUT.xlsx or --csv DIR.")
    from analysis.export import check_outputs

    check_outputs(pptx=args.pptx, xlsx=args.xlsx, csv=args.csv)
    from analysis.export.run import export_workspace
    from desktop_app.commands.progress_printer import ProgressPrinter

    with ProgressPrinter() as progress:
        written = export_workspace(
            args.workspace,
            pptx=args.pptx,
            xlsx=args.xlsx,
            csv=args.csv,
            wave=args.wave,
            hotspots=args.hotspots,
            progress=progress,
        )
    for record in written:
        print(f"Wrote {record.kind.upper()}: {record.path} ({record.detail})")
    return 0
