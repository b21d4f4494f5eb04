"""How long the HR window takes to show the heatmap of a large workspace, and to switch waves.

Builds once (kept in ``$TMPDIR/rapport-dashboard-bench`` and reused by later runs) a
workspace of about 2 million answers and 160,000 comments over four waves and six
departments, through :func:`surveys.csv_import.import_csv` with the CSV generator of
``bench/analyze_bench.py``, then analyses it once with
:func:`analysis.pipeline.analyse_workspace` (so it is "already analysed").

Then, in fresh processes and alternating so that load on the machine hits all alike:

* **open**: wall time from just before the process is spawned until the HR window shows
  the heatmap of that workspace: ``rapport open`` 's real path (``make_application``,
  ``MainWindow``, ``open_workspace``), stopped at the first paint of the heatmap's viewport
  after its model holds the analysis result (every cell has a value or is suppressed);
* **bare**: the same for a bare ``QMainWindow`` with an empty ``QTableView`` (the floor:
  interpreter, PySide6 and the first paint);
* **analyze**: ``rapport analyze WS --json OUT`` on the same workspace (the engine's cold
  process start, for comparison).

And in one open window: **wave switch**, the time from choosing a wave in the
Relationships section's wave picker (as a person does) to the heatmap painted with that
wave's result, over several switches.

Targets: open ≤ 1.5 s, wave switch ≤ 200 ms (medians).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python bench/dashboard_bench.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/dashboard_bench.py --runs 5
    .venv/bin/python bench/dashboard_bench.py --scale 0.1 --folder /tmp/small-dash
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

OPEN_TARGET_S = 1.5
SWITCH_TARGET_S = 0.2

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            QTimer.singleShot(0, lambda: (print(time.time()), sys.stdout.flush(), app.quit()))
        return False
app = QApplication(sys.argv[:1])
window = QMainWindow(); table = QTableView(); window.setCentralWidget(table)
painted = Painted(); table.viewport().installEventFilter(painted)
window.resize(1360, 840); window.show()
app.exec()
"""

#: The real path of ``rapport open WS``; prints when the heatmap was painted with data.
OPEN = """
import sys, time
from desktop_app.app import make_application
from desktop_app.main_window import MainWindow
from bench_dashboard_probe import HeatmapPainted
app = make_application()
window = MainWindow()
window.resize(1360, 840)
window.show()
probe = HeatmapPainted(window, on_painted=lambda: (print(time.time()), sys.stdout.flush(),
                                                      app.quit()))
window.open_workspace(sys.argv[1])
window.show_section("relationships")
app.exec()
"""

#: One window, several wave switches through the wave picker; prints a JSON list of seconds.
SWITCH = """
import json, sys, time
from desktop_app.app import make_application
from desktop_app.main_window import MainWindow
from bench_dashboard_probe import switch_waves
app = make_application()
window = MainWindow()
window.resize(1360, 840)
window.show()
window.show_section("relationships")
print(json.dumps(switch_waves(app, window, sys.argv[1], int(sys.argv[2]))))
print(time.time())
window.close()
"""


def build(folder: Path, scale: float) -> Path:
    """The analysed benchmark workspace in ``folder`` (built once, then reused)."""
    from analyze_bench import DEPARTMENTS, FULL_ANSWERS, FULL_COMMENTS, write_csv

    ws = folder / "ws"
    marker = folder / "built.json"
    wanted = {"scale": scale, "version": 1}
    if marker.exists() and json.loads(marker.read_text()) == wanted and ws.exists():
        print(f"workspace: {ws} (reused)")
        analyse_waves(ws)
        return ws
    import shutil

    from analysis.pipeline import analyse_workspace
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace

    shutil.rmtree(ws, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    csv_path = folder / "responses.csv"
    write_csv(csv_path, int(FULL_ANSWERS * scale), int(FULL_COMMENTS * scale), 1, "d")
    headcounts = dict.fromkeys(DEPARTMENTS, 20_000)
    create_workspace(ws, DEPARTMENTS, headcounts).close()
    report = import_csv(ws, csv_path)
    csv_path.unlink()
    built = time.perf_counter() - start
    start = time.perf_counter()
    analyse_workspace(ws)
    print(
        f"built {ws}: {report.answers:,} answers, {report.comments:,} comments in "
        f"{built:.0f} s; first analysis {time.perf_counter() - start:.0f} s"
    )
    marker.write_text(json.dumps(wanted))
    analyse_waves(ws)
    return ws


def analyse_waves(ws: Path) -> None:
    """Analyse the latest and every earlier wave (stored results: "already analysed").

    Prints how long each took: a wave whose stored result is current takes milliseconds,
    one analysed for the first time (or after a change) takes the full analysis.
    """
    from analysis.pipeline import analyse_workspace

    timings = []
    for wave in [None, *analyse_workspace(ws).waves]:
        start = time.perf_counter()
        analyse_workspace(ws, wave)
        timings.append(f"{wave or 'latest'} {time.perf_counter() - start:.2f} s")
    print("analyse_workspace per wave (in this process):", ", ".join(timings))


def environment(root: Path) -> dict[str, str]:
    """Child environment: isolated per-user settings, the probe module importable."""
    env = dict(os.environ)
    env["RAPPORT_HOME"] = str(root / "home")
    env["XDG_CONFIG_HOME"] = str(root / "config")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "bench"), str(ROOT)])
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def timed_child(code: str, env: dict[str, str], *args: str) -> tuple[float, str]:
    """Seconds from spawning ``python -c code`` to the time stamp it prints; its stdout."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return float(done.stdout.strip().splitlines()[-1]) - start, done.stdout


def timed_analyze(ws: Path, env: dict[str, str], out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "analyze", str(ws), "--json", str(out)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measure")
    parser.add_argument("--switches", type=int, default=8, help="wave switches in one window")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = about 2M answers")
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rapport-dashboard-bench",
        help="where the workspace is built once and kept",
    )
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    ws = build(args.folder, args.scale)
    if args.build_only:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp))
        timed_child(OPEN, env, str(ws))  # warm the file cache and bytecode
        bare, opened, analyzed = [], [], []
        for _ in range(args.runs):
            bare.append(timed_child(BARE, env)[0])
            opened.append(timed_child(OPEN, env, str(ws))[0])
            analyzed.append(timed_analyze(ws, env, Path(tmp) / "out.json"))
        _, out = timed_child(SWITCH, env, str(ws), str(args.switches))
        switches = json.loads(out.strip().splitlines()[-2])
    report(args, bare, opened, analyzed, switches)
    return 0


def report(args, bare, opened, analyzed, switches) -> None:
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "xcb" if os.environ.get("DISPLAY") else "offscreen"
    )
    load = os.getloadavg()[0]
    print(f"platform: {platform}; {args.runs} fresh processes each; load average {load:.1f}")
    print(f"bare QMainWindow + table   : median {_med(bare)}  (all: {_all(bare)})")
    print(f"rapport analyze (no GUI)   : median {_med(analyzed)}  (all: {_all(analyzed)})")
    verdict = "met" if statistics.median(opened) <= OPEN_TARGET_S else "MISSED"
    print(f"HR window, heatmap painted : median {_med(opened)}  (all: {_all(opened)})")
    print(f"  open target <= {OPEN_TARGET_S:.1f} s: {verdict}; "
          f"{statistics.median(opened) - statistics.median(bare):.2f} s over the bare"
          " window")  # fmt: skip
    verdict = "met" if statistics.median(switches) <= SWITCH_TARGET_S else "MISSED"
    print(f"wave switch to heatmap painted: median {_med(switches)} over {len(switches)} "
          f"switches (all: {_all(switches)}); target <= 200 ms: {verdict}")  # fmt: skip


def _med(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.0f} ms"


def _all(values: list[float]) -> str:
    return " ".join(f"{v * 1000:.0f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
