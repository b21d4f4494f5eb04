"""Ticket keys for RSA blind signatures: generation, serialisation and size checks.

Everything here comes from the ``cryptography`` package; :mod:`surveys.blind_rsa` holds the
protocol and re-exports these names. A ticket key is an RSA key of at least
:data:`MIN_KEY_BITS` bits with public exponent 65537, used for blind signatures and nothing
else (RFC 9474 section 6.2).
"""

from __future__ import annotations

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from surveys.errors import RapportError

MIN_KEY_BITS = 2048
DEFAULT_KEY_BITS = 2048


class BlindSignatureError(RapportError):
    """A blind-signature step refused its input; the message says which and why."""


class TicketKeyError(BlindSignatureError):
    """A key is not an RSA key of at least :data:`MIN_KEY_BITS` bits, or cannot be read."""


def generate_private_key(bits: int = DEFAULT_KEY_BITS) -> rsa.RSAPrivateKey:
    """Make a ticket key pair (public exponent 65537).

    Parameters
    ----------
    bits : int
        Modulus size; at least :data:`MIN_KEY_BITS`.

    Returns
    -------
    rsa.RSAPrivateKey
        The key; ``.public_key()`` is what clients blind with.

    Raises
    ------
    TicketKeyError
        ``bits`` is below :data:`MIN_KEY_BITS`.
    """
    if bits < MIN_KEY_BITS:
        raise TicketKeyError(
            f"A ticket key needs at least {MIN_KEY_BITS} bits; {bits} were asked for."
        )
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def public_key_bytes(public_key: rsa.RSAPublicKey) -> bytes:
    """The public key as DER SubjectPublicKeyInfo, for publishing with a wave.

    Parameters
    ----------
    public_key : rsa.RSAPublicKey
        A ticket public key.

    Returns
    -------
    bytes
        DER bytes that :func:`load_public_key` reads back.
    """
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(data: bytes) -> rsa.RSAPublicKey:
    """Read a public key written by :func:`public_key_bytes` (DER, or PEM).

    Parameters
    ----------
    data : bytes
        The serialised key, e.g. from a published wave.

    Returns
    -------
    rsa.RSAPublicKey
        The key, checked to be RSA with at least :data:`MIN_KEY_BITS` bits.

    Raises
    ------
    TicketKeyError
        Not a key, not RSA, or too small.
    """
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(data)
        else:
            key = serialization.load_der_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise TicketKeyError(
            "The ticket public key cannot be read: it is damaged or not a public key. "
            "Ask HR to publish the wave again."
        ) from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise TicketKeyError(
            "The ticket public key is not an RSA key. Ask HR to publish the wave again."
        )
    key_numbers(key)
    return key


def key_numbers(key: rsa.RSAPublicKey | rsa.RSAPrivateKey) -> tuple[int, int, int]:
    """The public numbers of a ticket key, refusing keys that are too small.

    Parameters
    ----------
    key : rsa.RSAPublicKey or rsa.RSAPrivateKey
        A ticket key, either half.

    Returns
    -------
    tuple of (int, int, int)
        ``(n, e, modulus_len)``: modulus, public exponent and the modulus length in bytes.

    Raises
    ------
    TicketKeyError
        The key has fewer than :data:`MIN_KEY_BITS` bits.
    """
    if key.key_size < MIN_KEY_BITS:
        raise TicketKeyError(
            f"The ticket key has {key.key_size} bits; at least {MIN_KEY_BITS} are needed. "
            "Make a new key pair for the wave."
        )
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    numbers = public.public_numbers()
    return numbers.n, numbers.e, (numbers.n.bit_length() + 7) // 8
