"""`rapport eval-sentiment FILE.csv`: accuracy, macro-F1 and confusion on labelled text."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import add_text_column_option, printable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval-sentiment",
        help="compare sentiment labels with those given in a CSV, TSV or XLSX file",
        description="Read a CSV, TSV or Excel file with a column of texts and a column of "
        "labels (negative, neutral, positive; two of them are enough), by default 'text' "
        "and 'label', and print accuracy, macro-F1 over the given labels and the confusion "
        "matrix of Rapport's sentiment.",
    )
    add_text_column_option(parser)
    parser.add_argument(
        "--label-column",
        default="label",
        metavar="NAME",
        help="the column that holds the given labels (default: label)",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also print the figures of stock NLTK VADER on the same texts",
    )
    parser.set_defaults(func=run)


def _given_labels(
    path: Path, rows: list[dict[str, str]], lines: list[int], column: str
) -> list[str]:
    from analysis.sentiment import LABELS
    from desktop_app.commands import UserError

    labels = []
    for line, row in zip(lines, rows, strict=True):
        label = row[column].strip().lower()
        if label not in LABELS:
            raise UserError(
                f"{path}, line {line}, column {column!r}: {row[column]!r} is not one of "
                f"{', '.join(LABELS)}; fix the label and try again."
            )
        labels.append(label)
    if not labels:
        raise UserError(f"{path}: has no rows to evaluate; add labelled texts below the header.")
    return labels


def run(args: argparse.Namespace) -> int:
    from analysis.sentiment import label_of, score_texts, stock_analyzer
    from analysis.sentiment.evaluation import evaluate
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.textcsv import read_text_csv

    source = Path(args.file)
    columns = (args.column, args.label_column)
    flags = {args.column: "--column", args.label_column: "--label-column"}
    _, rows, lines = read_text_csv(source, columns, flags)
    given = _given_labels(source, rows, lines, args.label_column)
    texts = [row[args.column] for row in rows]
    with ProgressPrinter() as progress:
        predicted = [label_of(score) for score in score_texts(texts, progress)]
    print(printable(f"Rapport sentiment on {source}"))
    print(evaluate(given, predicted).format())
    if args.baseline:
        stock = stock_analyzer()
        baseline = [label_of(stock.polarity_scores(t)["compound"]) for t in texts]
        print(printable(f"\nStock NLTK VADER on {source}"))
        print(evaluate(given, baseline).format())
    return 0
