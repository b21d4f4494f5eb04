"""Where the wall time of `rapport analyze` goes: a timeline of its two processes.

Imports ``DIR/responses.csv`` (a folder kept by ``bench/analyze_bench.py --keep DIR``)
into a new workspace as an idle machine would (the import's worker doing all it can, as
``bench/cpu_compare.py --full-ahead``), then runs ``rapport analyze`` on copies of it as
the console script does, with its stages and the sentiment worker's chunks logged. Each
event is printed with the wall time since the process started and the CPU seconds of the
process that logged it (``time.process_time``).

On a shared machine wall time follows the load, CPU seconds much less. So the script also
replays each run on an idle two-core machine, from CPU seconds alone: each process has a
core of its own, the worker starts when the analysing process had used the CPU it had
used when the worker was started, scores its chunks one after another (none before it is
handed them), and the analysing process waits at ``gather`` for the chunks the worker
holds. When the worker writes the comments itself (``ScoringSession.write_ahead``), it does
so after its last chunk, once handed the rows, and the analysing process waits for that
write where it asks whether it was committed. When the analysing process writes the batch
itself as the chunks come in (trees with ``chunks_as_done``: ``piece`` events), it uses
each of the worker's chunks once the worker's replayed end of it is reached, spending its
logged CPU between two chunks (their rows) in between. That end time is what the analysis would take
on an idle machine at this load's speed of work; the stealing of chunks is the run's own.

    .venv/bin/python bench/analyze_timeline.py --base DIR --rounds 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cpu_compare import IMPORT  # noqa: E402  (the same import as the CPU comparison)

#: Logged by both processes: boot-clock seconds, pid, CPU seconds, event, detail.
HELPER = """
import os, time
LOG = os.environ["TIMELINE_LOG"]

def log(event, detail=""):
    with open(LOG, "a") as f:
        f.write(f"{time.clock_gettime(time.CLOCK_BOOTTIME):.4f} {os.getpid()} "
                f"{time.process_time():.4f} {event} {detail}\\n")

def started():
    with open("/proc/self/stat") as f:
        ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    return ticks / os.sysconf("SC_CLK_TCK")

def init_worker(parent):
    log("worker-start", f"{started():.3f}")
    from analysis.sentiment import background
    background._init_worker(parent)
    log("worker-ready")

def score_in_worker(texts):
    from analysis.sentiment import background
    log("chunk-begin", str(len(texts)))
    out = background._score_in_worker(texts)
    log("chunk-end", str(len(texts)))
    return out

def score_first_in_worker(database):
    from analysis.sentiment import background
    log("first-begin")
    out = background._score_first_in_worker(database)
    log("first-end", str(out))
    return out

def write_in_worker(*args):
    from analysis.sentiment import background
    log("write-begin")
    out = background._write_in_worker(*args)
    log("write-end")
    return out
"""
ANALYZE = """
import sys
import timeline_helper as h
h.log("main-start", f"{h.started():.3f}")
import importlib.machinery
import runpy
from analysis.sentiment import background
background._init_worker = h.init_worker
background._score_in_worker = h.score_in_worker
real_gather = getattr(background, "gather_chunks", None)  # trees before chunks_as_done
real_start = background.ScoringSession._start

class Pool(background.ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        h.log("worker-spawned")
        super().__init__(*args, **kwargs)

def start(self):
    real_start(self)
    h.log("chunks-handed")

def gather(chunks, futures, here, report, message):
    h.log("gather-begin", str(len(chunks)))
    def mine(chunk):
        h.log("here-begin", str(len(chunk)))
        done = here(chunk)
        h.log("here-end", str(len(chunk)))
        return done
    done = real_gather(chunks, futures, mine, report, message)
    h.log("gather-end")
    return done

def logged(real_analyse):
    def analyse(folder, wave=None, progress=None, **kw):
        last = []
        def report(fraction, message):
            if message.split()[:2] != last:
                h.log("stage", message)
                last[:] = message.split()[:2]
        return real_analyse(folder, wave, report, **kw)
    return analyse

class Hook:  # analysis.pipeline is patched when the command imports it, not before
    @staticmethod
    def find_spec(name, path, target=None):
        if name != "analysis.pipeline":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        real_exec = spec.loader.exec_module
        def exec_module(module):
            real_exec(module)
            module.analyse_workspace = logged(module.analyse_workspace)
        spec.loader.exec_module = exec_module
        return spec

def as_done(chunks, futures, here, report, message):  # trees that collect chunk by chunk
    h.log("gather-begin", str(len(chunks)))
    def mine(chunk):
        h.log("here-begin", str(len(chunk)))
        done = here(chunk)
        h.log("here-end", str(len(chunk)))
        return done
    for k, done in real_as_done(chunks, futures, mine, report, message):
        h.log("piece", str(k))
        yield k, done
    h.log("gather-end")

background.ProcessPoolExecutor, background.gather_chunks = Pool, gather
if hasattr(background, "chunks_as_done"):
    real_as_done, background.chunks_as_done = background.chunks_as_done, as_done
background.ScoringSession._start = start
if hasattr(background, "_score_first_in_worker"):  # trees whose worker scores ahead
    background._score_first_in_worker = h.score_first_in_worker
if hasattr(background, "_write_in_worker"):  # trees whose worker writes the comments
    background._write_in_worker = h.write_in_worker
    session = background.ScoringSession
    real_hand, real_settle = session.write_ahead, session.written_ahead

    def write_ahead(self, *args):
        real_hand(self, *args)
        h.log("write-handed")

    def written_ahead(self, index, *rest):  # rest: the progress, in trees that pass it
        h.log("settle-begin")
        done = real_settle(self, index, *rest)
        h.log("settle-end", str(done))
        return done

    background.ScoringSession.write_ahead = write_ahead
    background.ScoringSession.written_ahead = written_ahead
sys.meta_path.insert(0, Hook)
sys.argv = ["rapport", "analyze", sys.argv[1], "--json", sys.argv[2], "--quiet"]
try:
    runpy.run_module("desktop_app.cli", run_name="__main__")
except SystemExit:
    pass
h.log("main-end")
"""


def _read(log: Path) -> list[tuple[float, int, float, str, str]]:
    rows = []
    for line in log.read_text().splitlines():
        clock, pid, cpu, event, *detail = line.split(" ", 4)
        rows.append((float(clock), int(pid), float(cpu), event, detail[0] if detail else ""))
    return rows


def idle_end(rows) -> float:
    """The run replayed on an idle two-core machine (module docstring), in seconds."""
    main = rows[0][1]
    own = [r for r in rows if r[1] == main]
    work = [r for r in rows if r[1] != main]
    spawned = next((r[2] for r in own if r[3] == "worker-spawned"), None)
    gather = next((r[2] for r in own if r[3] == "gather-begin"), None)
    end = own[-1][2]
    if spawned is None or gather is None or not work:
        return end
    handed = next(r[2] for r in own if r[3] == "chunks-handed")
    ready = spawned + next(r[2] for r in work if r[3] == "worker-ready")
    first = [r[2] for r in work if r[3] in ("first-begin", "first-end")]
    if len(first) == 2:  # the first chunk scored while the worker waited for the session's
        ready += first[1] - first[0]
    ready = max(handed, ready)
    begins = [r[2] for r in work if r[3] == "chunk-begin"]
    ends = [r[2] for r in work if r[3] == "chunk-end"]
    clock = ready
    for begin, stop in zip(begins, ends, strict=False):
        clock += stop - begin  # handed every chunk at once: no waiting between them
    gathered = next(r[2] for r in own if r[3] == "gather-end")
    pieces = [r for r in own if r[3] == "piece"]
    if pieces:  # chunk by chunk: a worker's chunk is used once the worker has scored it
        at = _pieces_in(own, work, pieces, gather, ready)
    else:
        stolen = gathered - gather  # CPU the analysing process spent scoring chunks itself
        at = max(gather + stolen, clock)  # the replayed moment the scores are all in
    settle = next((r for r in own if r[3] == "settle-begin"), None)
    writes = [r[2] for r in work if r[3] in ("write-begin", "write-end")]
    if settle is None or len(writes) < 2 or settle[2] < gathered:
        return at + (end - gathered)
    # The worker wrote the comments after its last chunk (once handed them); the analysing
    # process waits for that write where it settles it.
    handed = next(r[2] for r in own if r[3] == "write-handed")
    written = max(clock, handed) + writes[1] - writes[0]
    settled = next(r[2] for r in own if r[3] == "settle-end")
    return max(at + settle[2] - gathered, written) + (end - settled)


def _pieces_in(own, work, pieces, gather: float, ready: float) -> float:
    """The replayed moment the analysing process has used every chunk's scores when it
    takes them one by one (``chunks_as_done``), writing each one's rows while the worker
    scores the next: between two chunks it spends the CPU it logged, and it waits for a
    chunk of the worker's until the worker's replayed end of it."""
    begins = [r[2] for r in work if r[3] == "chunk-begin"]
    ends = [r[2] for r in work if r[3] == "chunk-end"]
    after = zip(own, own[1:], strict=False)  # a chunk scored here: its piece follows here-end
    stolen = {int(q[4]) for p, q in after if p[3] == "here-end" and q[3] == "piece"}
    theirs = sorted({int(p[4]) for p in pieces} - stolen)
    clock, scored = ready, {}
    for k, begin, stop in zip(theirs, begins, ends, strict=False):
        clock += stop - begin
        scored[k] = clock
    at, used = gather, gather
    for piece in pieces:
        at += piece[2] - used
        at, used = max(at, scored.get(int(piece[4]), 0.0)), piece[2]
    gathered = next(r[2] for r in own if r[3] == "gather-end")
    return at + gathered - used


def _print(rows) -> None:
    start = float(rows[0][4])
    main = rows[0][1]
    for clock, pid, cpu, event, detail in rows:
        if event == "chunk-begin" or (event == "stage" and detail.startswith("Trying")):
            continue
        who = "analysing" if pid == main else "worker   "
        print(f"  {clock - start:7.3f} s wall  {who} {cpu:6.3f} s CPU  {event} {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="folder kept by analyze_bench.py --keep")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--tree", default=str(ROOT), help="the source tree to run (default: this one)"
    )
    args = parser.parse_args(argv)
    tree = Path(args.tree).resolve()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="rapport-timeline-") as temp:
        work = Path(temp)
        (work / "timeline_helper.py").write_text(HELPER)
        env = dict(os.environ, PYTHONPATH=f"{tree}{os.pathsep}{work}")
        template = work / "imported"
        csv_file = str(Path(args.base) / "responses.csv")
        run = dict(cwd=tree, env=env, check=True, capture_output=True, text=True)
        subprocess.run([python, "-c", IMPORT, str(template), csv_file, "full"], **run)
        ends, walls = [], []
        for round_ in range(args.rounds):
            folder = work / "runs" / "ws"
            shutil.rmtree(folder.parent, ignore_errors=True)
            shutil.copytree(template, folder)
            log = work / f"log{round_}.txt"
            env["TIMELINE_LOG"] = str(log)
            subprocess.run([python, "-c", ANALYZE, str(folder), str(work / "out.json")], **run)
            rows = _read(log)
            if round_ == 0:
                _print(rows)
            ends.append(idle_end(rows))
            walls.append(rows[-1][0] - float(rows[0][4]))
            print(
                f"round {round_ + 1}: wall {walls[-1]:.2f} s, on an idle machine "
                f"{ends[-1]:.2f} s (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
        print(
            f"median: wall {statistics.median(walls):.2f} s, "
            f"on an idle machine {statistics.median(ends):.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
