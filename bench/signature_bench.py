"""What HR's signature on published surveys costs (surveys/survey_signing.py,
surveys/survey_signature.py), at publish and at read, in CPU time.

Publishes the full pulse to a temporary share (four departments, a ticket key), then times,
in the same run:

1. writing the published file: ``json.dumps`` alone (as before signatures) against
   :func:`surveys.survey_signing.signed_file` (the signing key read from the workspace,
   the canonical form, an Ed25519 signature, ``json.dumps``);
2. reading it: :func:`surveys.published.read_published` of the same file unsigned and
   signed (the canonical form is made while reading), and one Ed25519 verification;
3. a respondent's check (``TeamSource.problem`` and ``open_surveys``) in a fresh process
   each time, as a start of ``rapport respond``: the first check of the signed survey
   (verifies it, so loads ``cryptography``), a later one (the survey's hash is
   remembered: no verification), and, with ``--compare DIR`` (a worktree of an earlier
   Rapport), that Rapport's check of the same file.

CPU time (``time.process_time``), not wall time: the machine may be shared. The load
average is printed before and after.

Usage::

    .venv/bin/python bench/signature_bench.py [--runs 9] [--compare /tmp/rapport-main]
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHECK = """
import sys, time
sys.path.insert(0, sys.argv[1])
from desktop_app.respondent.source import TeamSource
import surveys.key_pins, surveys.published  # loaded before the timer, as at start-up
start = time.process_time()
source = TeamSource(sys.argv[2], "Sales", hold=False)
assert source.problem() is None and len(source.open_surveys()) == 1
print((time.process_time() - start) * 1000)
"""


def _cpu_us(work: Callable[[], object], rounds: int = 2000) -> float:
    start = time.process_time()
    for _ in range(rounds):
        work()
    return (time.process_time() - start) / rounds * 1e6


def _check_ms(root: Path, share: Path, home: Path) -> float:
    env = dict(os.environ, RAPPORT_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(root), str(share)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def _publish(root: Path) -> Path:
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    db = create_workspace(
        root / "ws", headcounts={"Sales": 40, "IT": 25, "Marketing": 15, "Operations": 60}
    )
    path = publish_wave(
        db, root / "share", "2026-10", "full-pulse", closes="2099-12-31",
        passphrase="signature bench only", create=True,
    )  # fmt: skip
    db.close()
    return path


def _file_costs(root: Path, path: Path) -> None:
    from surveys.published import read_published
    from surveys.store import open_workspace
    from surveys.survey_signature import verifies
    from surveys.survey_signing import signed_file

    data = json.loads(path.read_bytes())
    body = {k: v for k, v in data.items() if k not in ("signing_key", "signature")}
    unsigned = root / "unsigned.json"
    old = {k: v for k, v in body.items() if k != "schema"}
    unsigned.write_text(json.dumps(old, indent=2), encoding="utf-8")
    db = open_workspace(root / "ws")
    plain = _cpu_us(lambda: json.dumps(body, indent=2, ensure_ascii=False).encode())
    signed = _cpu_us(lambda: signed_file(db, body))
    db.close()
    print(f"published file: {path.stat().st_size:,} bytes")
    print(f"write: json only {plain:.0f} us, signed {signed:.0f} us CPU (+{signed - plain:.0f} us)")
    read_old = _cpu_us(lambda: read_published(unsigned))
    read_new = _cpu_us(lambda: read_published(path))
    survey = read_published(path)
    verify = _cpu_us(lambda: verifies(survey))
    print(f"read: unsigned {read_old:.0f} us, signed {read_new:.0f} us; verify {verify:.0f} us CPU")


def _check_costs(path: Path, runs: int, compare: Path | None) -> None:
    share = path.parent.parent
    first, again, before = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as other:
            first.append(_check_ms(ROOT, share, Path(home)))
            again.append(_check_ms(ROOT, share, Path(home)))
            if compare is not None:
                before.append(_check_ms(compare, share, Path(other)))
    print(f"respondent's check, first reading: median {statistics.median(first):.1f} ms CPU")
    print(f"respondent's check, later starts: median {statistics.median(again):.1f} ms CPU")
    if before:
        print(f"respondent's check, {compare}: median {statistics.median(before):.1f} ms CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per check")
    parser.add_argument("--compare", type=Path, help="a worktree of an earlier Rapport")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["RAPPORT_HOME"] = str(root / "home")
        path = _publish(root)
        _file_costs(root, path)
        _check_costs(path, args.runs, args.compare)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
