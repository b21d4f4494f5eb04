"""Helpers for the blind-signature tests: scripted randomness and keys from given primes."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric import rsa

from tests.surveys.rfc9474_vectors import KEY, parse


class ScriptedRandom:
    """A :class:`surveys.blind_rsa.RandomSource` that hands out given values in order."""

    def __init__(self, token_bytes: Sequence[bytes] = (), below: Sequence[int] = ()) -> None:
        self._bytes, self._below = list(token_bytes), list(below)

    def token_bytes(self, nbytes: int) -> bytes:
        value = self._bytes.pop(0)
        assert len(value) == nbytes
        return value

    def randbelow(self, exclusive_upper_bound: int) -> int:
        value = self._below.pop(0)
        assert 0 <= value < exclusive_upper_bound
        return value

    def used_up(self) -> bool:
        return not self._bytes and not self._below


def as_int(data: bytes) -> int:
    """Big-endian bytes as an integer, as RFC 9474 writes its values."""
    return int.from_bytes(data, "big")


def private_key_from(p: int, q: int, e: int = 65537, d: int | None = None) -> rsa.RSAPrivateKey:
    """An RSA private key with the primes ``p`` and ``q`` (``d`` computed when not given)."""
    if d is None:
        d = pow(e, -1, (p - 1) * (q - 1))
    return rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=rsa.rsa_crt_dmp1(d, p),
        dmq1=rsa.rsa_crt_dmq1(d, q),
        iqmp=rsa.rsa_crt_iqmp(p, q),
        public_numbers=rsa.RSAPublicNumbers(e, p * q),
    ).private_key()


@functools.cache
def vector_keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPublicKey]:
    """The 4096-bit key of RFC 9474 Appendix A (checked against its printed n once)."""
    v = parse(KEY)
    private = private_key_from(as_int(v["p"]), as_int(v["q"]), as_int(v["e"]), as_int(v["d"]))
    assert private.public_key().public_numbers().n == as_int(v["n"])
    return private, private.public_key()
