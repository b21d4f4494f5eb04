"""Benchmark the comment tokens of `rapport labels` (``analysis.comment_tokens``).

`labels suggest` and `export` compute the token of each comment they write; `labels
import` computes the token of every comment HR may see, to map a file's tokens back. This
times :func:`analysis.comment_tokens.tokens_of` on ``--ids`` comment ids in a new
workspace (best of three wall times), and with ``--workspace DIR`` also `rapport labels
suggest --count 50` and `rapport labels import` of that file on an analysed workspace
(best of three each; the import sets the 50 labels the first time and finds them already
so afterwards).

Usage::

    .venv/bin/python bench/label_tokens_bench.py
    .venv/bin/python bench/label_tokens_bench.py --ids 1000000 --workspace demo-workspace
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analysis.comment_tokens import tokens_of
from surveys.store import create_workspace


def best_of_three(run: Callable[[], object]) -> float:
    """The best of three wall times of ``run``, in seconds."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def time_tokens(count: int) -> float:
    """Seconds to compute ``count`` comments' tokens in a new workspace."""
    with tempfile.TemporaryDirectory() as folder:
        db = create_workspace(Path(folder) / "w")
        try:
            tokens_of(db, [1])  # the secret, made once
            return best_of_three(lambda: tokens_of(db, range(1, count + 1)))
        finally:
            db.close()


def time_commands(workspace: Path) -> tuple[float, float]:
    """Seconds of `labels suggest --count 50` and of `labels import` of its file, on a copy."""
    from desktop_app.cli import main

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "w"
        shutil.copytree(workspace, copy)
        out = Path(folder) / "s.csv"

        def quiet(argv: list[str]) -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(argv) == 0

        suggest = best_of_three(
            lambda: quiet(["labels", "suggest", str(copy), "--count", "50", "--out", str(out)])
        )
        load = best_of_three(lambda: quiet(["labels", "import", str(copy), str(out)]))
        return suggest, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=int, default=100_000, help="comment ids to tokenise")
    parser.add_argument("--workspace", type=Path, help="an analysed workspace to time")
    args = parser.parse_args()
    print(f"tokens_of, {args.ids:,} ids: {time_tokens(args.ids):.3f} s")
    if args.workspace:
        suggest, load = time_commands(args.workspace)
        print(f"labels suggest --count 50: {suggest:.3f} s; labels import: {load:.3f} s")


if __name__ == "__main__":
    main()
