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
   prepared messages with the same key, and its plain ``verify`` of those signatures.

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
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
