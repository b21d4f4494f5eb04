"""`rapport labels suggest | import | export`: HR's comment labels in bulk, as CSV files.

- ``suggest WORKSPACE --count N --out FILE.csv`` writes the N uncorrected comments whose
  labels are least certain (``comment_id,text,label,confidence``; redacted text, only
  comments HR may see), for HR to fill in the right label;
- ``import WORKSPACE FILE.csv`` applies a ``comment_id,label`` file (an empty label
  removes a correction); any bad row stops the import with its line, nothing applied;
- ``export WORKSPACE --out FILE.csv`` writes HR's corrections as ``comment_id,label``.

Every ``comment_id`` a file carries is a comment token (:mod:`analysis.comment_tokens`),
never the workspace's comment id.

The next `rapport analyze` learns from the corrections.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands import printable, whole_number


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "labels",
        help="suggest comments to label, import or export HR's label corrections",
        description="Work with HR's sentiment label corrections as CSV files. The next "
        "`rapport analyze` adapts the sentiment model to them.",
    )
    actions = parser.add_subparsers(dest="labels_command", metavar="ACTION", required=True)
    suggest = actions.add_parser(
        "suggest",
        help="write the comments whose labels are least certain",
        description="Write the uncorrected comments whose sentiment labels are least "
        "certain, least certain first, as comment_id,text,label,confidence (redacted text; "
        "only comments HR may see; comment_id is an opaque token, never the comment's id). "
        "Put the right label in the label column and import the file.",
    )
    suggest.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    suggest.add_argument(
        "--count",
        type=whole_number(1),
        default=50,
        metavar="N",
        help="how many comments (default: %(default)s)",
    )
    suggest.add_argument("--out", required=True, metavar="OUT.csv", help="the CSV file to write")
    suggest.set_defaults(func=run_suggest)
    load = actions.add_parser(
        "import",
        help="apply label corrections from a CSV file",
        description="Apply HR's labels from a CSV with comment_id (the token `labels "
        "suggest` or `export` wrote, or a comment number of an older file) and label columns "
        "(negative, neutral or positive; empty removes a correction). Every row is checked "
        "first: one bad row and nothing is applied.",
    )
    load.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    load.add_argument(
        "file", metavar="FILE.csv", type=Path, help="the corrected CSV (comment_id and label)"
    )
    load.add_argument(
        "--encoding",
        metavar="NAME",
        help="read the file in this encoding (cp1250, utf-16, utf-32...) instead of the "
        "one Rapport recognises",
    )
    load.set_defaults(func=run_import)
    export = actions.add_parser(
        "export",
        help="write HR's label corrections to a CSV file",
        description="Write every label correction as comment_id,label (the import format; "
        "comment_id is an opaque token, never the comment's id).",
    )
    export.add_argument("workspace", metavar="WORKSPACE", help="the workspace folder")
    export.add_argument("--out", required=True, metavar="OUT.csv", help="the CSV file to write")
    export.set_defaults(func=run_export)


def _check_analysed(db, workspace: str) -> None:
    from analysis.label_review import unlabelled_count
    from desktop_app.commands import UserError

    stale = unlabelled_count(db)
    if stale:
        raise UserError(
            f"{stale} comment{'s are' if stale != 1 else ' is'} not analysed with the current "
            "sentiment model, name list and departments yet; run "
            f"`rapport analyze {workspace}` first."
        )


def run_suggest(args: argparse.Namespace) -> int:
    from analysis.comment_tokens import tokens_of
    from analysis.export.safety import neutralise_csv
    from analysis.label_review import review_queue
    from desktop_app.commands.textcsv import check_output_csv, write_csv_atomically
    from surveys.store import open_workspace

    check_output_csv(args.out)  # a missing or read-only folder: before any work
    db = open_workspace(args.workspace)
    try:
        _check_analysed(db, args.workspace)
        rows = review_queue(db, args.count)
        # Opaque per-workspace tokens, never the comment ids: imported comments' ids are row
        # numbers, so one person's comments would have neighbouring ones.
        tokens = tokens_of(db, [row.id for row in rows])
    finally:
        db.close()
    # Equally certain comments in token order: the queue breaks ties by a multiplicative
    # hash of the id, whose spacing of consecutive ids (one person's) a file should not keep.
    rows.sort(key=lambda row: (2.0 if row.confidence is None else row.confidence, tokens[row.id]))
    write_csv_atomically(
        args.out,
        ("comment_id", "text", "label", "confidence"),
        [
            {
                "comment_id": tokens[row.id],
                # Respondents wrote the text and HR opens the file in a spreadsheet: a
                # comment such as =HYPERLINK(...), or a formula after a ';' that a
                # European Excel splits the line at, must stay text (a ' in front).
                "text": neutralise_csv(row.text),
                "label": row.label or "",
                "confidence": "" if row.confidence is None else f"{row.confidence:.2f}",
            }
            for row in rows
        ],
    )
    print(
        f"Wrote {len(rows)} comment{'s' if len(rows) != 1 else ''} to {args.out}, least "
        "certain first. Correct the label column, then run "
        f"`rapport labels import {args.workspace} {args.out}`."
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from analysis.label_review import import_corrections
    from analysis.sentiment.comment_labels import correction_count
    from surveys.read_options import ReadOptions, reading_as
    from surveys.store import open_workspace

    db = open_workspace(args.workspace)
    try:
        with reading_as(ReadOptions(args.encoding)):
            done = import_corrections(db, args.file)
        total = correction_count(db)
    finally:
        db.close()
    print(
        printable(
            f"Imported {args.file}: {done.set} label{'s' if done.set != 1 else ''} set, "
            f"{done.removed} removed, {done.unchanged} already so. The workspace has {total} "
            f"correction{'s' if total != 1 else ''}; `rapport analyze {args.workspace}` "
            "learns from them."
        )
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from analysis.label_review import CORRECTION_COLUMNS, export_corrections
    from desktop_app.commands.textcsv import check_output_csv, write_csv_atomically
    from surveys.store import open_workspace

    check_output_csv(args.out)  # a missing or read-only folder: before any work
    db = open_workspace(args.workspace)
    try:
        rows = export_corrections(db)
    finally:
        db.close()
    write_csv_atomically(args.out, CORRECTION_COLUMNS, rows)
    print(f"Wrote {len(rows)} correction{'s' if len(rows) != 1 else ''} to {args.out}.")
    return 0
