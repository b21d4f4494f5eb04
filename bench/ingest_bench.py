"""Benchmark `ingest`: sealed submission files from the shared inbox into the workspace.

Builds a workspace with the four default departments, publishes one wave (``full-pulse``),
and writes ``--count`` sealed submission files (default 20,000) into ``SHARE/inbox/``, each
a realistic respondent: one to three other departments, the eight rated items for each,
a comment for about half of them, sealed and padded exactly as the respondent app does
(1 KiB steps). The wave is published with participation tickets, as ``rapport publish``
does, and each submission carries a valid ticket (a random prepared message with its
RSASSA-PSS signature under the wave's ticket key: what a respondent's ``finalize`` gives;
made here with OpenSSL's signing for speed), so ingest verifies every ticket
(``--no-tickets``: a wave without tickets, as before). Then, in the same run:

1. Rapport's :func:`surveys.ingest.ingest` on all files (one key load, batches of 500 files
   per transaction, then moves);
2. a naive baseline on ``--baseline`` of the same files (default 100) in a second workspace:
   for each file, load the private key (scrypt), open the workspace, store in its own
   transaction (:func:`surveys.intake.store_submission`), move the file and sync the folder.

Prints submissions per second for both and the speed-up; the target is at least 1,000/s.
Both runs check their result (every submission stored, inbox empty). The machine may be
shared: figures are indicative, compare the two lines of the same run.

``--reference DIR`` compares this code with another checkout of Rapport (for example a
``git worktree`` of ``main``) in the same run: each round runs both in fresh processes,
alternating, on the same files (same seed), and the medians are printed. The files carry
``"counter": 1``, which older code ignores.

Usage::

    .venv/bin/python bench/ingest_bench.py                 # 20,000 files
    .venv/bin/python bench/ingest_bench.py --count 5000 --baseline 50
    git worktree add --detach /tmp/rapport-main main
    .venv/bin/python bench/ingest_bench.py --count 10000 --reference /tmp/rapport-main
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# `--code DIR` (used by --reference) runs the bench against another checkout's packages.
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv else ROOT
sys.path.insert(0, str(CODE))

from surveys.ingest import ingest  # noqa: E402
from surveys.intake import store_submission  # noqa: E402
from surveys.keys import load_private_key, seal, unseal  # noqa: E402
from surveys.model import DIMENSIONS  # noqa: E402
from surveys.outbox import PAD_TO  # noqa: E402
from surveys.publish import publish_wave, read_published  # noqa: E402
from surveys.store import create_workspace, open_workspace  # noqa: E402
from surveys.submission import Answer, Comment, Submission  # noqa: E402
from surveys.transport import fsync_dir, move_into  # noqa: E402

PASSPHRASE = "benchmark passphrase"
WAVE = "2026-10"
DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations")
COMMENTS = (
    "Three weeks for a report change, again. We escalate because nothing moves otherwise.",
    "They joined our Monday stand-up this month and it made a real difference.",
    "Requests disappear into the ticket queue; a named contact would help a lot.",
    "Good people, but priorities change every week and nobody tells us why.",
    "Shared goals for patient turnaround would stop the blame when a batch is late.",
    "Please answer the weekly liaison email, even if the answer is not yet.",
)


def _submission(rng: random.Random, number: int) -> Submission:
    own = rng.choice(DEPARTMENTS)
    others = [d for d in DEPARTMENTS if d != own]
    targets = rng.sample(others, rng.randint(1, 3))
    answers = tuple(
        Answer(t, item, rng.randint(1, 5)) for t in targets for item in (*DIMENSIONS, "overall")
    )
    comments = tuple(Comment(t, rng.choice(COMMENTS)) for t in targets if rng.random() < 0.5)
    token = f"{number:064x}"
    return Submission(WAVE, own, "2026-10-05", answers, comments, token=token)


def _ticket_signer(workspace: Path):
    """A function giving a submission a valid ticket of the wave (``None`` without tickets)."""
    try:
        from surveys.keys import load_private_key as load
        from surveys.ticket_keys import unlock_keys
    except ImportError:  # code from before tickets
        return None
    import base64
    import secrets

    from cryptography.hazmat.primitives import hashes

    from surveys.blind_rsa import DEFAULT_VARIANT, prepare

    db = open_workspace(workspace)
    try:
        keys = list(unlock_keys(db, load(workspace, PASSPHRASE)).values())
    finally:
        db.close()
    if not keys:
        return None
    private = keys[0].key

    def ticket(sub: Submission) -> dict:
        message = prepare(secrets.token_bytes(32))
        signature = private.sign(message, DEFAULT_VARIANT.pss(), hashes.SHA384())
        return {"schema": 3, "ticket": [base64.b64encode(x).decode() for x in (message, signature)]}

    return ticket


def _sealed(sub: Submission, public_key: bytes, ticket=None) -> bytes:  # noqa: ANN001
    record = sub.to_dict() | {"counter": 1}  # as deliver() numbers a first answer
    if ticket is not None:
        record |= ticket(sub)
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    return seal(data + b" " * (-len(data) % PAD_TO), public_key)


def _setup(root: Path, name: str, tickets: bool) -> tuple[Path, Path, bytes]:
    workspace, share = root / f"{name}-ws", root / f"{name}-share"
    create_workspace(workspace).close()
    # Code from before `publish --create` creates the share without being asked; code from
    # before tickets publishes without them.
    parameters = inspect.signature(publish_wave).parameters
    options = {"create": True} if "create" in parameters else {}
    if "tickets" in parameters:
        options["tickets"] = tickets
    path = publish_wave(workspace, share, WAVE, "full-pulse", passphrase=PASSPHRASE, **options)
    return workspace, share, read_published(path).public_key


def _naive(workspace: Path, share: Path) -> int:
    stored = 0
    for path in sorted((share / "inbox").iterdir()):
        private = load_private_key(workspace, PASSPHRASE)
        sub = Submission.from_dict(json.loads(unseal(path.read_bytes(), private)))
        db = open_workspace(workspace)
        store_submission(db, sub, source="share")
        db.close()
        move_into(path, share / "archive")
        fsync_dir(share / "archive")
        fsync_dir(share / "inbox")
        stored += 1
    return stored


def _write_inbox(share: Path, public: bytes, base_share: Path, base_public: bytes, args, ticket):
    rng = random.Random(2026)
    started = time.perf_counter()
    size = 0
    for number in range(args.count):
        sub = _submission(rng, number)
        blob = _sealed(sub, public, ticket)
        size += len(blob)
        (share / "inbox" / f"{number:08d}.rapport").write_bytes(blob)
        if number < args.baseline:
            (base_share / "inbox" / f"{number:08d}.rapport").write_bytes(_sealed(sub, base_public))
    return size, time.perf_counter() - started


def _measure(args: argparse.Namespace) -> dict:
    """One run of this code: write the files, run the naive baseline and ingest."""
    root = Path(tempfile.mkdtemp(prefix="rapport-ingest-bench-"))
    os.environ["RAPPORT_HOME"] = str(root / "home")
    try:
        workspace, share, public = _setup(root, "fast", not args.no_tickets)
        base_ws, base_share, base_public = _setup(root, "naive", False)
        ticket = None if args.no_tickets else _ticket_signer(workspace)
        size, wrote = _write_inbox(share, public, base_share, base_public, args, ticket)
        naive = {}
        if args.baseline:
            started, cpu = time.perf_counter(), time.process_time()
            done = _naive(base_ws, base_share)
            naive = {
                "files": done,
                "rate": done / (time.perf_counter() - started),
                "cpu_rate": done / (time.process_time() - cpu),
            }
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest(workspace, share, PASSPHRASE)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert report.stored == args.count and not report.quarantined, report
        assert not list((share / "inbox").iterdir())
        return {
            "tickets": ticket is not None,
            "files": args.count,
            "bytes_per_file": size / args.count,
            "write_seconds": wrote,
            "naive": naive,
            "seconds": elapsed,
            "rate": args.count / elapsed,
            "cpu_seconds": cpu,
            "cpu_rate": args.count / cpu,
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _print(result: dict) -> None:
    count = result["files"]
    print(
        f"wrote {count:,} sealed files ({result['bytes_per_file']:,.0f} bytes each on average)"
        f" in {result['write_seconds']:.1f} s"
    )
    naive = result["naive"]
    if naive:
        print(
            f"naive baseline ({naive['files']:,} files): {naive['rate']:,.1f} submissions/s"
            f" (CPU: {naive['cpu_rate']:,.1f}/s)"
        )
    rate = result["rate"]
    versus = f"{rate / naive['rate']:,.0f}x the baseline; " if naive else ""
    kind = "ticketed " if result.get("tickets") else ""
    print(
        f"rapport ingest ({count:,} {kind}files): {result['seconds']:.2f} s, "
        f"{rate:,.0f} submissions/s"
        f" ({versus}target >= 1,000/s: {'met' if rate >= 1000 else 'NOT met'})"
    )
    print(
        f"  CPU time of this process: {result['cpu_seconds']:.2f} s "
        f"({result['cpu_rate']:,.0f} submissions/s)"
    )


def _compare(args: argparse.Namespace) -> None:
    """Alternate runs of ``--reference`` (before) and this checkout (after), fresh processes."""
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for round_number in range(1, args.rounds + 1):
        for label, code in (("before", Path(args.reference)), ("after", ROOT)):
            command = [sys.executable, __file__, "--code", str(code), "--json"]
            command += ["--count", str(args.count), "--baseline", "0"]
            command += ["--no-tickets"] if args.no_tickets else []
            done = subprocess.run(
                command, capture_output=True, text=True, check=True, env=dict(os.environ)
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            runs[label].append(result)
            print(
                f"round {round_number} {label:6}: {result['rate']:7,.0f} submissions/s wall, "
                f"{result['cpu_rate']:7,.0f}/s CPU ({result['seconds']:.2f} s)"
            )
    for label, results in runs.items():
        wall = statistics.median(r["rate"] for r in results)
        cpu = statistics.median(r["cpu_rate"] for r in results)
        print(f"median {label:6}: {wall:7,.0f} submissions/s wall, {cpu:7,.0f}/s CPU")
    after = statistics.median(r["cpu_rate"] for r in runs["after"])
    before = statistics.median(r["cpu_rate"] for r in runs["before"])
    print(f"after / before (CPU rate): {after / before:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=100)
    parser.add_argument("--reference", metavar="DIR", help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="rounds with --reference")
    parser.add_argument(
        "--no-tickets", action="store_true", help="publish the wave without tickets"
    )
    parser.add_argument("--code", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference:
        _compare(args)
        return
    result = _measure(args)
    if args.json:
        print(json.dumps(result))
    else:
        _print(result)


if __name__ == "__main__":
    main()
