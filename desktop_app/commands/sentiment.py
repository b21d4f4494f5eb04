"""`rapport sentiment FILE --out OUT.csv [--column NAME]`: score a table's column of texts."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import add_text_column_option, counted, printable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sentiment",
        help="score the sentiment of each text in a CSV, TSV or XLSX file",
        description="Read a CSV, TSV or Excel file with a column of texts ('text', or the one "
        "named with --column) and write every row as CSV with two more columns: sentiment "
        "(-1..1, as the app scores comments) and label (negative, neutral or positive). An "
        "input 'label' column is kept as 'label_given'.",
    )
    add_text_column_option(parser)
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="CSV to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.sentiment import label_of, score_texts
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.textcsv import (
        check_output_csv,
        output_columns,
        read_text_csv,
        write_csv_atomically,
    )

    source = Path(args.file)
    out = check_output_csv(args.out, source)
    header, rows, _ = read_text_csv(source, (args.column,), {args.column: "--column"})
    columns, renamed = output_columns(header, ("sentiment", "label"))
    with ProgressPrinter() as progress:
        scores = score_texts([row[args.column] for row in rows], progress)
    written = []
    for row, score in zip(rows, scores, strict=True):
        new: dict[str, object] = {renamed.get(k, k): v for k, v in row.items()}
        new["sentiment"] = f"{score:.4f}"
        new["label"] = label_of(score)
        written.append(new)
    write_csv_atomically(out, columns, written, like=source)
    counts = {
        name: sum(r["label"] == name for r in written)
        for name in ("negative", "neutral", "positive")
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(printable(f"Scored {counted(len(written), 'text')} from {source} into {out}: {summary}."))
    return 0
