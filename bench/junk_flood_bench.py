"""Benchmark ``rapport ingest`` on a colleague's flood of junk files (docs/qa.md, thirteenth
round and its review).

Makes a workspace, publishes one wave without tickets, drops ``--count`` files into the
inbox and times :func:`surveys.ingest.ingest` (wall and CPU). ``--kind bytes``: one-byte
files, no sealed file at all (copied into quarantine without a flush); ``--kind other-key``:
files sealed to a key of no workspace here, which may be an answer to another of HR's
workspaces, so ingest flushes their copies (one ``os.sync``) before they leave the inbox;
``--kind held``: pairs of copies sealed with the published key, each pair held for review.
``--reference DIR`` runs the same in a fresh process on another checkout (for example
``git archive`` of an older commit) first, as the baseline of the same run.

Usage::

    .venv/bin/python bench/junk_flood_bench.py --count 5000 --kind other-key \\
        --reference /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _one(count: int, kind: str) -> dict:
    sys.path.insert(0, str(Path.cwd()))
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from surveys.ingest import ingest
    from surveys.keys import seal
    from surveys.outbox import deliver
    from surveys.store import create_workspace
    from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

    folder = Path(tempfile.mkdtemp(prefix="junk-flood-"))
    create_workspace(folder / "ws", headcounts={"Sales": 40, "IT": 25}).close()
    share = folder / "share"
    survey = publish(folder / "ws", share)
    raw = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    for number in range(count):
        if kind == "held":  # pairs of copies sealed with the published key
            sub = submission({"IT": {"overall": 2}}, {"IT": f"Junk {number // 2}."})
            deliver(sub, survey, share)
            continue
        data = seal(b"x" * 300, raw) if kind == "other-key" else b"x"
        (share / "inbox" / f"{number:032d}.rapport").write_bytes(data)
    wall, cpu = time.perf_counter(), time.process_time()
    report = ingest(folder / "ws", share, PASSPHRASE)
    got = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    shutil.rmtree(folder)
    return {**got, "quarantined": len(report.quarantined)}


def _run(code: Path, count: int, kind: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--count", str(count), "--kind", kind,
         "--json"],
        cwd=code, env={**os.environ, "PYTHONPATH": str(code)}, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--kind", choices=("bytes", "other-key", "held"), default="other-key")
    parser.add_argument("--reference", metavar="DIR", help="another checkout to compare with")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(_one(args.count, args.kind)))
        return
    runs = [("reference", Path(args.reference))] if args.reference else []
    for label, code in [*runs, ("this code", ROOT)]:
        got = _run(code, args.count, args.kind)
        print(
            f"{label}: {got['quarantined']} {args.kind} files quarantined in {got['wall']:.2f} s "
            f"wall, {got['cpu']:.2f} s CPU (load {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
