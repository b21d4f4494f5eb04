"""Benchmark RSA blind signatures (surveys/blind_rsa.py): signing tickets, verifying them.

Makes a ticket key (2048 bits unless ``--bits``), ``--count`` distinct random 32-byte
tickets (default 5,000; a ticket is random bytes, so realistic data is random data), and
times, in the same run:

1. the respondents' side: ``prepare`` + ``blind`` for every ticket;
2. HR's side: ``blind_sign`` for every blinded request (target for issue 18: 5,000 in
   under 30 s), sequentially, and with ``--workers N`` also in a pool of N processes;
3. the respondents' ``finalize`` (unblind and check);
4. ingest's side: ``verify`` of every finished ticket (target: far under 1 ms each, since
   ingest must take at least 1,000 ticketed submissions per second);
5. the baseline: ``cryptography``'s own non-blind RSASSA-PSS signing (OpenSSL) of the same
   prepared messages with the same key, and its plain ``verify`` of those signatures;
6. HR's whole signing pass as ``rapport tickets`` runs it (``surveys.tickets.sign_pending``):
   ``--count`` request files in a real shared folder, each with its own owner, read, checked
   against the roll, signed, the roll committed, the tickets written (temporary file, fsync,
   rename) and the requests removed (skip with ``--no-pass``).

Every signature is checked. The machine may be shared: the load average is printed before
and after; compare lines of the same run.

Usage::

    .venv/bin/python bench/blind_sign_bench.py
    .venv/bin/python bench/blind_sign_bench.py --count 1000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402

from surveys import blind_rsa as br  # noqa: E402

SIGN_TARGET_SECONDS = 30.0
TARGET_COUNT = 5000
_worker_key = None


def _load_worker_key(der: bytes) -> None:
    global _worker_key
    _worker_key = serialization.load_der_private_key(der, password=None)


def _sign_chunk(blinded: list[bytes]) -> list[bytes]:
    return [br.blind_sign(_worker_key, item) for item in blinded]


def _timed(label: str, work, count: int) -> tuple[list, float, float]:
    """Run ``work``; print and return its result, wall seconds and this process's CPU seconds."""
    start, cpu_start = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    per = seconds / count * 1e3
    print(
        f"  {label:<38} {seconds:8.2f} s  {per:8.3f} ms each  {count / seconds:9,.0f}/s"
        f"  (CPU here {cpu:6.2f} s)"
    )
    return result, seconds, cpu


def _sign_in_pool(key, blinded: list[bytes], workers: int) -> list[bytes]:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    size = max(1, len(blinded) // (workers * 8))
    chunks = [blinded[i : i + size] for i in range(0, len(blinded), size)]
    with ProcessPoolExecutor(workers, initializer=_load_worker_key, initargs=(der,)) as pool:
        return [sig for chunk in pool.map(_sign_chunk, chunks) for sig in chunk]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=TARGET_COUNT)
    parser.add_argument("--bits", type=int, default=br.DEFAULT_KEY_BITS)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="also sign in N processes"
    )
    parser.add_argument("--no-pass", action="store_true", help="skip the whole signing pass")
    args = parser.parse_args(argv)
    count, variant = args.count, br.DEFAULT_VARIANT

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{variant.name}, {args.bits}-bit key, {count:,} tickets")
    start = time.perf_counter()
    key = br.generate_private_key(args.bits)
    public = key.public_key()
    print(f"  {'key generation (cryptography)':<38} {time.perf_counter() - start:8.2f} s")
    tickets = [secrets.token_bytes(32) for _ in range(count)]
    assert len(set(tickets)) == count

    def client_blind() -> list[tuple[bytes, bytes, int]]:
        out = []
        for ticket in tickets:
            prepared = br.prepare(ticket, variant)
            blinded, inv = br.blind(public, prepared, variant)
            out.append((prepared, blinded, inv))
        return out

    print("respondents")
    requests, _, _ = _timed("prepare + blind", client_blind, count)
    blinded = [b for _p, b, _i in requests]
    print("HR")
    blind_sigs, sign_seconds, sign_cpu = _timed(
        "blind_sign, one process", lambda: [br.blind_sign(key, b) for b in blinded], count
    )
    sample = blinded[: min(count, 500)]
    saved, br._powmod_sec = br._powmod_sec, None
    try:
        python_sigs, python_seconds, _ = _timed(
            "blind_sign, Python's pow (no gmpy2)",
            lambda: [br.blind_sign(key, b) for b in sample],
            len(sample),
        )
    finally:
        br._powmod_sec = saved
    assert python_sigs == blind_sigs[: len(sample)]
    pool_seconds = None
    if args.workers > 1:
        pooled, pool_seconds, _ = _timed(
            f"blind_sign, {args.workers} processes",
            lambda: _sign_in_pool(key, blinded, args.workers),
            count,
        )
        assert pooled == blind_sigs  # RSA signing is deterministic: same answers
    print("respondents")
    signatures, _, _ = _timed(
        "finalize (unblind + verify)",
        lambda: [
            br.finalize(public, p, s, i, variant)
            for (p, _b, i), s in zip(requests, blind_sigs, strict=True)
        ],
        count,
    )
    prepared = [p for p, _b, _i in requests]
    pairs = list(zip(prepared, signatures, strict=True))
    print("ingest")
    _, verify_seconds, _ = _timed(
        "verify (surveys.blind_rsa.verify)",
        lambda: [br.verify(public, p, s, variant) for p, s in pairs],
        count,
    )

    print("baseline: cryptography's own RSASSA-PSS, same key, same messages")
    pss = variant.pss()
    plain, base_sign_seconds, _ = _timed(
        "sign (OpenSSL, not blind)",
        lambda: [key.sign(p, pss, hashes.SHA384()) for p in prepared],
        count,
    )
    plain_pairs = list(zip(prepared, plain, strict=True))
    _timed(
        "verify (public_key.verify)",
        lambda: [public.verify(s, p, pss, hashes.SHA384()) for p, s in plain_pairs],
        count,
    )

    per_5000 = sign_seconds / count * TARGET_COUNT
    verify_ms = verify_seconds / count * 1e3
    verdict = "met" if per_5000 < SIGN_TARGET_SECONDS else "NOT met"
    print("summary")
    print(
        f"  blind signing, one process: {per_5000:.1f} s per {TARGET_COUNT:,} "
        f"(target < {SIGN_TARGET_SECONDS:.0f} s: {verdict}); CPU {sign_cpu / count * 1e3:.2f} ms "
        f"per signature; {sign_seconds / base_sign_seconds:.1f}x OpenSSL's non-blind signing"
    )
    print(
        f"  blind signing with Python's pow instead of gmpy2: "
        f"{python_seconds / len(sample) * TARGET_COUNT:.1f} s per {TARGET_COUNT:,}"
        + ("" if saved is not None else " (gmpy2 is not installed: both lines use pow)")
    )
    if pool_seconds is not None:
        pooled_5000 = pool_seconds / count * TARGET_COUNT
        verdict = "met" if pooled_5000 < SIGN_TARGET_SECONDS else "NOT met"
        print(
            f"  blind signing, {args.workers} processes: {pooled_5000:.1f} s per "
            f"{TARGET_COUNT:,} ({verdict})"
        )
    print(
        f"  verification: {verify_ms:.3f} ms per ticket, {count / verify_seconds:,.0f}/s "
        f"(target far under 1 ms: {'met' if verify_ms < 0.5 else 'NOT met'})"
    )
    if not args.no_pass:
        pass_seconds = _signing_pass(count)
        per_5000 = pass_seconds / count * TARGET_COUNT
        verdict = "met" if per_5000 < SIGN_TARGET_SECONDS else "NOT met"
        print(
            f"  whole signing pass (files, roll, tickets): {per_5000:.1f} s per "
            f"{TARGET_COUNT:,} requests ({verdict})"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _signing_pass(count: int) -> float:
    """Time ``sign_pending`` over ``count`` request files, each from its own account."""
    import tempfile

    from surveys.publish import publish_wave, read_published
    from surveys.store import create_workspace
    from surveys.ticket_files import TicketRequest, key_id, write_request
    from surveys.tickets import sign_pending

    passphrase = "bench passphrase, long enough"
    with tempfile.TemporaryDirectory() as folder:
        workspace, share = Path(folder) / "ws", Path(folder) / "share"
        create_workspace(workspace).close()
        path = publish_wave(
            workspace, share, "bench", "short-pulse", passphrase=passphrase, create=True
        )
        der = read_published(path).ticket_keys[""]
        public, kid = br.load_public_key(der), key_id(der)
        for number in range(count):
            blinded, _inv = br.blind(public, br.prepare(secrets.token_bytes(32)))
            write_request(share, TicketRequest(f"{number:032x}", "bench", kid, blinded))
        print("HR's signing pass (rapport tickets)")
        report, seconds, _cpu = _timed(
            "sign_pending, real files",
            lambda: sign_pending(
                workspace, share, passphrase, owner_of=lambda p, info=None: p.name
            ),
            count,
        )
        assert report.signed == count and report.refused_count == 0
        assert len(list((share / "tickets").iterdir())) == count
    return seconds


if __name__ == "__main__":
    raise SystemExit(main())
