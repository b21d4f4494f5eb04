"""`rapport themes FILE --out OUT.csv [--column NAME] [--topics N]`: themes and topics of texts."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from desktop_app.commands import add_text_column_option, counted, whole_number

ADDED = ("theme", "topic", "topic_label")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "themes",
        help="taxonomy theme and discovered topic of each text in a CSV, TSV or XLSX file",
        description="Read a CSV, TSV or Excel file with a column of texts ('text', or the "
        "one named with --column) and write every row as CSV with three more "
        "columns: theme (the strongest taxonomy theme, empty when none fits), topic (the "
        "number of the discovered topic) and topic_label (its top words). Input columns "
        "with those names are kept as <name>_given.",
    )
    add_text_column_option(parser)
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="CSV to write")
    parser.add_argument(
        "--topics",
        type=int,
        metavar="N",
        help="number of topics to find (default: chosen by silhouette, up to a ceiling that "
        "grows with the number of comments)",
    )
    parser.add_argument(
        "--taxonomy", metavar="FILE.yaml", help="an edited taxonomy file (default: built in)"
    )
    parser.add_argument(
        "--seed",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="random seed, 0 or more (default: 0)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis.themes import load_taxonomy, match_themes
    from analysis.topics import discover_topics
    from desktop_app.commands import UserError
    from desktop_app.commands.progress_printer import ProgressPrinter
    from desktop_app.commands.textcsv import (
        check_output_csv,
        output_columns,
        read_text_csv,
        write_csv_atomically,
    )
    from surveys.progress import sub_progress

    if args.topics is not None and args.topics < 1:
        raise UserError("--topics must be 1 or more (or leave it out to choose automatically).")
    source = Path(args.file)
    out = check_output_csv(args.out, source)
    header, rows, _ = read_text_csv(source, (args.column,), {args.column: "--column"})
    taxonomy = load_taxonomy(args.taxonomy)
    texts = [row[args.column] for row in rows]
    with ProgressPrinter() as progress:
        themes = match_themes(texts, taxonomy, progress=sub_progress(progress, 0.0, 0.2))
        model = discover_topics(
            texts, n_topics=args.topics, seed=args.seed, progress=sub_progress(progress, 0.2, 1.0)
        )
    columns, renamed = output_columns(header, ADDED)
    written = []
    for row, found, number in zip(rows, themes, model.assignments, strict=True):
        topic = model.topic(number)
        new = {renamed.get(k, k): v for k, v in row.items()}
        new.update(
            theme=found[0] if found else "",
            topic="" if topic is None else topic.number,
            topic_label="" if topic is None else topic.label,
        )
        written.append(new)
    write_csv_atomically(out, columns, written, like=source)
    print_summary(len(rows), themes, model, taxonomy, out)
    if args.topics is not None and 0 < len(model.topics) < args.topics:
        print(
            f"(--topics {args.topics} asked for more: the comments only split into "
            f"{len(model.topics)}, for example when many are the same words.)"
        )
    return 0


def print_summary(n: int, themes, model, taxonomy, out: Path) -> None:
    """A short, readable summary of what was found."""
    counts = Counter(found[0] for found in themes if found)
    print(f"Read {counted(n, 'comment')}; wrote {out}.")
    if counts:
        print("Themes (strongest theme per comment):")
        for theme_id, count in counts.most_common():
            print(f"  {taxonomy.label(theme_id):<28} {count:>7}")
    print(f"  {'(no theme)':<28} {sum(1 for f in themes if not f):>7}")
    if not model.topics:
        print("No topics: the comments have no words to group.")
        return
    from analysis.text import capitalised

    # Named as the Themes section and the workbook name them ("Sales, committing, deal");
    # the CSV's topic_label, a documented column, keeps the label as found.
    print(f"{counted(len(model.topics), 'discovered topic')}:")
    labels = [capitalised(topic.label) for topic in model.topics]
    width = max(40, *(len(label) for label in labels))  # key phrases make long labels
    for topic, label in zip(model.topics, labels, strict=True):
        print(f"  {topic.number:>2}. {label:<{width}} {counted(topic.size, 'comment'):>16}")
