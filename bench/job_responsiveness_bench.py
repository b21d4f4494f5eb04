"""The HR window's event loop during a full analysis: worker thread (before) vs process (now).

Builds once a workspace of 288,000 answers and 5,000 new comments (the responsiveness
test's workspace, ``tests/desktop_app/hr_helpers.make_large_workspace``), then, alternating
the two ways so that load on the machine hits both alike, analyses a fresh copy of it as a
job of :class:`desktop_app.jobs.runner.JobRunner` while a 10 ms QTimer on the GUI thread records
the largest gap between its ticks:

* **thread**: ``runner.submit`` with :func:`analysis.pipeline.analyse_workspace` (the
  engine imported beforehand and ``gc.freeze()``-d, as the old warm-up job did);
* **process**: ``runner.submit_process`` with ``"analysis.pipeline:analyse_workspace"``
  on a warmed worker process (the path the window uses now).

Memoised sentiment scores are cleared in both processes before every run.

Prints, per way, the largest gap, the 99th percentile of the gaps and the analysis time of
every run, and the load average. The goal is a largest gap under 100 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/job_responsiveness_bench.py --runs 3
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def clear_caches(progress=None) -> None:
    """Forget memoised sentiment scores, so every run scores its comments (either process)."""
    from analysis.sentiment.scoring import clear_cache

    clear_cache()


def settle(app, job) -> None:
    while not job.is_finished:
        app.processEvents()
        time.sleep(0.01)


def measure(app, runner, submit) -> tuple[int, float, float]:
    """(largest gap ms, 99th percentile gap ms, seconds) of one job."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[int] = []
    clock, timer = QElapsedTimer(), QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: gaps.append(clock.restart()))
    job = submit()
    done: list[str] = []
    job.finished.connect(lambda: done.append("x"))
    job.failed.connect(lambda error: print("failed:", error.message, file=sys.stderr))
    started = time.monotonic()
    clock.start()
    timer.start()
    while not done:
        app.processEvents()
        time.sleep(0.001)  # like an idle event loop: wait for the next event
    timer.stop()
    seconds = time.monotonic() - started
    gaps.sort()
    return gaps[-1], gaps[int(len(gaps) * 0.99)], seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--comments", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.jobs.runner import JobRunner
    from tests.desktop_app.hr_helpers import make_large_workspace

    app = QApplication([])
    base = Path(tempfile.mkdtemp(prefix="rapport-job-bench-"))
    pristine = base / "pristine"
    answers, comments = make_large_workspace(
        pristine, waves=6, per_wave=3000, comments=args.comments
    )
    print(f"workspace: {answers:,} answers, {comments:,} comments; load {os.getloadavg()}")

    import analysis.pipeline  # the thread way's warm-up, as the old window did

    gc.collect()
    gc.freeze()
    runner = JobRunner()
    runner.warm_up()
    settle(app, runner.submit_process("Ping", "desktop_app.jobs.worker:ping"))
    results: dict[str, list[tuple[int, float, float]]] = {"thread": [], "process": []}
    for run in range(args.runs):
        for way in ("thread", "process"):
            folder = base / f"{way}-{run}"
            shutil.copytree(pristine, folder)
            if way == "thread":

                def submit(folder=folder):
                    return runner.submit(
                        "Analysis",
                        lambda p: analysis.pipeline.analyse_workspace(folder, progress=p),
                    )
            else:

                def submit(folder=folder):
                    return runner.submit_process(
                        "Analysis", "analysis.pipeline:analyse_workspace", folder
                    )

            clear_caches()
            settle(
                app, runner.submit_process("Clear", "bench.job_responsiveness_bench:clear_caches")
            )
            results[way].append(measure(app, runner, submit))
            gap, p99, seconds = results[way][-1]
            print(
                f"  {way:7} run {run + 1}: max gap {gap:4d} ms, p99 {p99:3.0f} ms, {seconds:.1f} s"
            )
    runner.shutdown()
    shutil.rmtree(base, ignore_errors=True)
    for way, rows in results.items():
        gaps = [r[0] for r in rows]
        print(
            f"{way:7}: largest gap {max(gaps)} ms (median of runs {statistics.median(gaps)} ms), "
            f"analysis median {statistics.median(r[2] for r in rows):.1f} s"
        )
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
