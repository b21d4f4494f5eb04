"""`rapport sentiment FILE.csv --out OUT.csv`: score the `text` column of a CSV."""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
from pathlib import Path

ORDER = 60


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sentiment",
        help="score the sentiment of each comment in a CSV",
        description="Read a CSV with a 'text' column and write every row with two more "
        "columns: sentiment (-1..1, as the app scores comments) and label (negative, "
        "neutral or positive). An input 'label' column is kept as 'label_given'.",
    )
    parser.add_argument("file", metavar="FILE.csv", help="CSV with a 'text' column")
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="CSV to write")
    parser.set_defaults(func=run)


def read_csv(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[dict[str, str]]]:
    """Read a UTF-8 CSV that must have the ``required`` columns; clear errors otherwise."""
    from desktop_app.cli import UserError

    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            missing = [name for name in required if name not in header]
            if missing:
                found = ", ".join(header) if header else "no header at all"
                raise UserError(
                    f"{path}, line 1: missing column {', '.join(repr(m) for m in missing)} "
                    f"(found: {found}). Add a header row naming the "
                    f"{' and '.join(required)} column(s) and try again."
                )
            rows = []
            for row in reader:
                if None in row:
                    raise UserError(
                        f"{path}, line {reader.line_num}: this row has more cells than the "
                        "header; quote texts that contain commas."
                    )
                rows.append({k: v or "" for k, v in row.items()})
    except FileNotFoundError:
        raise UserError(f"{path}: no such file; check the path.") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder; give the CSV file.") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: is not UTF-8 text; save it as CSV UTF-8 and try again.") from None
    except csv.Error as exc:
        raise UserError(f"{path}: is not a readable CSV ({exc}).") from None
    return header, rows


def write_csv_atomically(path: Path, header: list[str], rows: list[dict[str, object]]) -> None:
    """Write ``rows`` to ``path`` through a temporary file, so a failure leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sentiment-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _renamed_columns(header: list[str]) -> dict[str, str]:
    """Keep input columns that clash with the added ones as ``<name>_given`` (``_given2``...)."""
    taken = set(header) | {"sentiment", "label"}
    renamed = {}
    for name in header:
        if name in ("sentiment", "label"):
            new, n = f"{name}_given", 2
            while new in taken:
                new, n = f"{name}_given{n}", n + 1
            renamed[name] = new
            taken.add(new)
    return renamed


def run(args: argparse.Namespace) -> int:
    from analysis.sentiment import label_of, score_texts

    source, out = Path(args.file), Path(args.out)
    header, rows = read_csv(source, ("text",))
    renamed = _renamed_columns(header)
    columns = [renamed.get(h, h) for h in header] + ["sentiment", "label"]
    scores = score_texts([row["text"] for row in rows])
    written = []
    for row, score in zip(rows, scores, strict=True):
        new: dict[str, object] = {renamed.get(k, k): v for k, v in row.items()}
        new["sentiment"] = f"{score:.4f}"
        new["label"] = label_of(score)
        written.append(new)
    write_csv_atomically(out, columns, written)
    counts = {
        name: sum(r["label"] == name for r in written)
        for name in ("negative", "neutral", "positive")
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"Scored {len(written)} texts from {source} into {out}: {summary}.")
    return 0
