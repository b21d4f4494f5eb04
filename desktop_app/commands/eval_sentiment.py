"""`rapport eval-sentiment FILE.csv`: accuracy, macro-F1 and confusion on labelled text."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval-sentiment",
        help="compare sentiment labels with the labels given in a CSV",
        description="Read a CSV with 'text' and 'label' columns (negative, neutral, "
        "positive; two of them are enough) and print accuracy, macro-F1 over the given "
        "labels and the confusion matrix of Rapport's sentiment.",
    )
    parser.add_argument("file", metavar="FILE.csv", help="CSV with 'text' and 'label' columns")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also print the figures of stock NLTK VADER on the same texts",
    )
    parser.set_defaults(func=run)


def _given_labels(path: Path, rows: list[dict[str, str]]) -> list[str]:
    from analysis.sentiment import LABELS
    from desktop_app.commands import UserError

    labels = []
    for line, row in enumerate(rows, start=2):
        label = row["label"].strip().lower()
        if label not in LABELS:
            raise UserError(
                f"{path}, row {line}, column 'label': {row['label']!r} is not one of "
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
    _, rows = read_text_csv(source, ("text", "label"))
    given = _given_labels(source, rows)
    texts = [row["text"] for row in rows]
    with ProgressPrinter() as progress:
        predicted = [label_of(score) for score in score_texts(texts, progress)]
    print(f"Rapport sentiment on {source}")
    print(evaluate(given, predicted).format())
    if args.baseline:
        stock = stock_analyzer()
        baseline = [label_of(stock.polarity_scores(t)["compound"]) for t in texts]
        print(f"\nStock NLTK VADER on {source}")
        print(evaluate(given, baseline).format())
    return 0
