"""RSA blind signatures (RFC 9474), the primitive behind participation tickets.

A client *prepares* a message, *blinds* it with the signer's public key and sends the
blinded message; the signer signs it without learning anything about the message
(:func:`blind_sign`); the client *finalizes*: unblinds the result and checks it. The output
is an ordinary RSASSA-PSS signature over the prepared message, which anybody holding the
public key checks with :func:`verify`. Rapport uses the variant RSABSSA-SHA384-PSS-Randomized
(:data:`DEFAULT_VARIANT`): SHA-384, MGF1-SHA-384, a 48-byte salt and a 32-byte random
prefix; the other three SHA-384 variants of the RFC are here for its test vectors.

Written here by hand: the blinding, the unblinding, EMSA-PSS encoding (with MGF1), the
integer conversions they need, and the signer's RSASP1 with the Chinese remainder theorem
on the key's numbers (``cryptography`` offers no raw RSA operation). Key generation,
hashing, key serialisation and signature verification come from the ``cryptography``
package (:mod:`surveys.blind_rsa_keys`, re-exported here).

Every random value is drawn from ``rng`` (:class:`RandomSource`): the :mod:`secrets`
module, unless a test passes its own to replay the RFC's vectors.

Constant time, and what Python can promise:

- Python integers are not constant-time (``pow``, ``*`` and ``%`` take time that depends
  on the values), and secrets cannot be wiped from memory (integers are immutable; the
  garbage collector frees them when it likes). Nothing here claims otherwise.
- So the signer *blinds its own* private-key operation (RFC 9474 section 7.1): the request
  is multiplied by ``u**e`` for a fresh random ``u`` before the CRT exponentiation and the
  result by ``u**-1`` after it; its timing follows no value an attacker chooses. Every
  signature is checked with RSAVP1 before it is returned (the fault countermeasure).
- Verification, which decides whether a ticket counts, runs in OpenSSL through
  ``cryptography``. Comparisons here involve public values only.
- The client's ``inv`` keeps the ticket unlinkable; whoever can time the respondent's own
  process can read the ticket itself, so the client side adds no mitigation.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from typing import Protocol

try:  # GMP's side-channel-silent exponentiation: 7x faster than pow() for 1024-bit halves
    from gmpy2 import powmod_sec as _powmod_sec
except ImportError:  # pragma: no cover - gmpy2 is a dependency; pow() gives the same result
    _powmod_sec = None
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# Re-exported, so callers need only this module.
from surveys.blind_rsa_keys import DEFAULT_KEY_BITS as DEFAULT_KEY_BITS
from surveys.blind_rsa_keys import MIN_KEY_BITS as MIN_KEY_BITS
from surveys.blind_rsa_keys import BlindSignatureError as BlindSignatureError
from surveys.blind_rsa_keys import TicketKeyError as TicketKeyError
from surveys.blind_rsa_keys import generate_private_key as generate_private_key
from surveys.blind_rsa_keys import key_numbers as key_numbers
from surveys.blind_rsa_keys import load_public_key as load_public_key
from surveys.blind_rsa_keys import public_key_bytes as public_key_bytes

PREFIX_BYTES = 32
MAX_MESSAGE_BYTES = 64 * 1024
BLINDING_ATTEMPTS = 8
_HASH_BYTES = 48  # SHA-384


class MessageLengthError(BlindSignatureError):
    """The message is longer than :data:`MAX_MESSAGE_BYTES`, or too long for the key."""


class InputSizeError(BlindSignatureError):
    """A blinded message, blind signature or prepared message has the wrong length."""


class OutOfRangeError(BlindSignatureError):
    """A blinded message, read as an integer, is not below the key's modulus."""


class InvalidInputError(BlindSignatureError):
    """The encoded message shares a factor with the modulus: the public key is not valid."""


class BlindingError(BlindSignatureError):
    """No invertible blinding factor was drawn in :data:`BLINDING_ATTEMPTS` tries."""


class SigningFailureError(BlindSignatureError):
    """The private-key operation gave a wrong result (a fault); nothing was returned."""


class InvalidSignatureError(BlindSignatureError):
    """A signature does not verify under the public key for this message."""


class RandomSource(Protocol):
    """Where random values come from; the :mod:`secrets` module is one.

    :func:`prepare` draws the prefix with ``token_bytes(32)``; :func:`blind` draws the salt
    with ``token_bytes(salt_length)`` (not for a zero-length salt), then ``r`` as
    ``1 + randbelow(n - 1)``; :func:`blind_sign` draws ``u`` the same way.
    """

    def token_bytes(self, nbytes: int) -> bytes: ...

    def randbelow(self, exclusive_upper_bound: int) -> int: ...


@dataclass(frozen=True)
class Variant:
    """One named RSABSSA variant: PSS salt length and whether messages get a prefix."""

    name: str
    salt_length: int
    randomized: bool

    def pss(self) -> padding.PSS:
        """The ``cryptography`` padding that verifies this variant's signatures."""
        return padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=self.salt_length)


PSS_RANDOMIZED = Variant("RSABSSA-SHA384-PSS-Randomized", _HASH_BYTES, True)
PSSZERO_RANDOMIZED = Variant("RSABSSA-SHA384-PSSZERO-Randomized", 0, True)
PSS_DETERMINISTIC = Variant("RSABSSA-SHA384-PSS-Deterministic", _HASH_BYTES, False)
PSSZERO_DETERMINISTIC = Variant("RSABSSA-SHA384-PSSZERO-Deterministic", 0, False)
VARIANTS = {
    v.name: v
    for v in (PSS_RANDOMIZED, PSSZERO_RANDOMIZED, PSS_DETERMINISTIC, PSSZERO_DETERMINISTIC)
}
DEFAULT_VARIANT = PSS_RANDOMIZED


def _int_to_bytes(x: int, length: int) -> bytes:
    """I2OSP of RFC 8017: big-endian, ``length`` bytes."""
    return x.to_bytes(length, "big")


def _bytes_to_int(data: bytes) -> int:
    """OS2IP of RFC 8017."""
    return int.from_bytes(data, "big")


# -- EMSA-PSS encoding (RFC 8017 section 9.1.1, MGF1 from appendix B.2.1) --------------------


def _sha384(*parts: bytes) -> bytes:
    digest = hashes.Hash(hashes.SHA384())
    for part in parts:
        digest.update(part)
    return digest.finalize()


def _mgf1(seed: bytes, length: int) -> bytes:
    blocks = (length + _HASH_BYTES - 1) // _HASH_BYTES
    mask = b"".join(_sha384(seed, _int_to_bytes(i, 4)) for i in range(blocks))
    return mask[:length]


def _emsa_pss_encode(message: bytes, em_bits: int, salt: bytes) -> bytes:
    """EMSA-PSS-ENCODE with SHA-384 and MGF1-SHA-384; ``em_bits`` is ``bit_len(n) - 1``."""
    em_len = (em_bits + 7) // 8
    if em_len < _HASH_BYTES + len(salt) + 2:
        raise MessageLengthError(
            "The ticket key is too small to encode a message with this salt. "
            "Use a key of at least 2048 bits."
        )
    m_hash = _sha384(message)
    h = _sha384(b"\x00" * 8, m_hash, salt)
    db = b"\x00" * (em_len - len(salt) - _HASH_BYTES - 2) + b"\x01" + salt
    masked = _bytes_to_int(db) ^ _bytes_to_int(_mgf1(h, len(db)))
    masked &= (1 << (8 * len(db) - (8 * em_len - em_bits))) - 1  # clear the top bits
    return _int_to_bytes(masked, len(db)) + h + b"\xbc"


def _check_message(message: bytes, variant: Variant, prepared: bool) -> None:
    limit = MAX_MESSAGE_BYTES + (PREFIX_BYTES if prepared and variant.randomized else 0)
    if len(message) > limit:
        raise MessageLengthError(
            f"The message to sign has {len(message):,} bytes; at most {limit:,} are "
            "accepted. Tickets are short: this is not one."
        )


# -- the protocol -----------------------------------------------------------------------------


def prepare(
    message: bytes, variant: Variant = DEFAULT_VARIANT, *, rng: RandomSource = secrets
) -> bytes:
    """RFC 9474 Prepare: the message the protocol signs.

    Parameters
    ----------
    message : bytes
        The application's message (for Rapport, a random ticket).
    variant : Variant
        Randomized variants prepend :data:`PREFIX_BYTES` random bytes; deterministic ones
        return ``message`` unchanged.
    rng : RandomSource
        Source of the prefix; the :mod:`secrets` module in production.

    Returns
    -------
    bytes
        The prepared message: keep it, it is what :func:`verify` checks.
    """
    _check_message(message, variant, prepared=False)
    if not variant.randomized:
        return message
    return rng.token_bytes(PREFIX_BYTES) + message


def application_message(prepared: bytes, variant: Variant = DEFAULT_VARIANT) -> bytes:
    """The application's message inside a prepared message (RFC 9474 section 4.5)."""
    if not variant.randomized:
        return prepared
    if len(prepared) < PREFIX_BYTES:
        raise InputSizeError(
            f"A prepared message of {variant.name} starts with a {PREFIX_BYTES}-byte prefix; "
            f"this one has only {len(prepared)} bytes."
        )
    return prepared[PREFIX_BYTES:]


def _draw_unit(n: int, rng: RandomSource) -> tuple[int, int]:
    """A uniform ``r`` in ``[1, n)`` with its inverse mod ``n``, retrying a non-unit."""
    for _ in range(BLINDING_ATTEMPTS):
        r = 1 + rng.randbelow(n - 1)
        try:
            return r, pow(r, -1, n)
        except ValueError:  # r shares a factor with n: draw again (RFC 9474 section 4.2)
            continue
    raise BlindingError(
        f"No invertible blinding factor in {BLINDING_ATTEMPTS} draws; the random source "
        "or the public key is broken. Check the key and try again."
    )


def _blind_representative(
    m: int, n: int, e: int, modulus_len: int, rng: RandomSource
) -> tuple[bytes, int]:
    """Blind the message representative ``m``: ``m * r**e mod n``, and ``r**-1 mod n``."""
    if not 0 < m < n or math.gcd(m, n) != 1:
        raise InvalidInputError(
            "The encoded message shares a factor with the ticket key's modulus, so the key "
            "is not a valid RSA key. Fetch the wave's published key again."
        )
    r, inv = _draw_unit(n, rng)
    z = (m * pow(r, e, n)) % n
    return _int_to_bytes(z, modulus_len), inv


def blind(
    public_key: rsa.RSAPublicKey,
    prepared: bytes,
    variant: Variant = DEFAULT_VARIANT,
    *,
    rng: RandomSource = secrets,
) -> tuple[bytes, int]:
    """RFC 9474 Blind: encode and blind a prepared message for the signer.

    Parameters
    ----------
    public_key : rsa.RSAPublicKey
        The signer's public key (at least :data:`MIN_KEY_BITS` bits).
    prepared : bytes
        Output of :func:`prepare`.
    variant : Variant
        Gives the PSS salt length.
    rng : RandomSource
        Source of the salt and the blinding factor; the :mod:`secrets` module in production.

    Returns
    -------
    tuple of (bytes, int)
        ``(blinded_msg, inv)``: send ``blinded_msg`` (modulus length) to the signer; keep
        ``inv`` secret until :func:`finalize`.
    """
    n, e, modulus_len = key_numbers(public_key)
    _check_message(prepared, variant, prepared=True)
    salt = rng.token_bytes(variant.salt_length) if variant.salt_length else b""
    encoded = _emsa_pss_encode(prepared, n.bit_length() - 1, salt)
    return _blind_representative(_bytes_to_int(encoded), n, e, modulus_len, rng)


#: The private numbers of the last few keys used for signing, by ``id(key)`` (with the key
#: itself, so an id is never reused while cached). ``private_numbers()`` converts the whole
#: key to Python integers, which cost as much as the signature itself.
_NUMBERS: dict[int, tuple[rsa.RSAPrivateKey, rsa.RSAPrivateNumbers]] = {}
_NUMBERS_KEPT = 8


def _private_numbers(private_key: rsa.RSAPrivateKey) -> rsa.RSAPrivateNumbers:
    cached = _NUMBERS.get(id(private_key))
    if cached is not None and cached[0] is private_key:
        return cached[1]
    numbers = private_key.private_numbers()
    if len(_NUMBERS) >= _NUMBERS_KEPT:
        _NUMBERS.clear()
    _NUMBERS[id(private_key)] = (private_key, numbers)
    return numbers


def _secret_pow(base: int, exponent: int, modulus: int) -> int:
    """``base ** exponent % modulus`` for a secret exponent: GMP's ``mpz_powm_sec`` (whose
    time and memory access do not depend on the exponent) when gmpy2 is installed."""
    if _powmod_sec is None:
        return pow(base, exponent, modulus)
    return int(_powmod_sec(base, exponent, modulus))


def _rsasp1_crt(numbers: rsa.RSAPrivateNumbers, m: int) -> int:
    """RSASP1 with the Chinese remainder theorem (RFC 8017 section 5.2.1, 2.b)."""
    s1 = _secret_pow(m % numbers.p, numbers.dmp1, numbers.p)
    s2 = _secret_pow(m % numbers.q, numbers.dmq1, numbers.q)
    h = (numbers.iqmp * (s1 - s2)) % numbers.p
    return s2 + numbers.q * h


def blind_sign(
    private_key: rsa.RSAPrivateKey, blinded_msg: bytes, *, rng: RandomSource = secrets
) -> bytes:
    """RFC 9474 BlindSign: the signer's private-key operation, blinded and checked.

    Parameters
    ----------
    private_key : rsa.RSAPrivateKey
        The ticket key; use it for nothing else (a blind signer signs whatever it is sent).
    blinded_msg : bytes
        What a client sent: exactly the modulus length, below the modulus.
    rng : RandomSource
        Source of the signer's blinding ``u``.

    Returns
    -------
    bytes
        ``blind_sig``, modulus length, for the client's :func:`finalize`.
    """
    n, e, modulus_len = key_numbers(private_key)
    if len(blinded_msg) != modulus_len:
        raise InputSizeError(
            f"A blinded request for this key has {modulus_len} bytes; this one has "
            f"{len(blinded_msg)}. It was made for another key or is damaged: refuse it."
        )
    m = _bytes_to_int(blinded_msg)
    if m >= n:
        raise OutOfRangeError(
            "The blinded request is not below the key's modulus, so it was not made with "
            "this wave's ticket key. Refuse it; the respondent's app will ask again."
        )
    u, u_inv = _draw_unit(n, rng)
    s = (_rsasp1_crt(_private_numbers(private_key), (m * pow(u, e, n)) % n) * u_inv) % n
    if pow(s, e, n) != m:
        raise SigningFailureError(
            "Signing gave a wrong result (a hardware or memory fault); nothing was sent. "
            "Sign the request again; if it keeps failing, check this computer."
        )
    return _int_to_bytes(s, modulus_len)


def finalize(
    public_key: rsa.RSAPublicKey,
    prepared: bytes,
    blind_sig: bytes,
    inv: int,
    variant: Variant = DEFAULT_VARIANT,
) -> bytes:
    """RFC 9474 Finalize: unblind the signer's answer and check the signature.

    Parameters
    ----------
    public_key : rsa.RSAPublicKey
        The key :func:`blind` used.
    prepared : bytes
        The prepared message given to :func:`blind`.
    blind_sig : bytes
        The signer's answer, modulus length.
    inv : int
        The inverse :func:`blind` returned with the blinded message.
    variant : Variant
        The variant :func:`blind` used.

    Returns
    -------
    bytes
        The signature over ``prepared``: a plain RSASSA-PSS signature.

    Raises
    ------
    InputSizeError
        ``blind_sig`` is not modulus length.
    InvalidSignatureError
        The unblinded signature does not verify (wrong key, inverse or answer).
    """
    n, _e, modulus_len = key_numbers(public_key)
    if len(blind_sig) != modulus_len:
        raise InputSizeError(
            f"A signed ticket for this key has {modulus_len} bytes; this one has "
            f"{len(blind_sig)}. It is damaged or for another key: ask for the ticket again."
        )
    s = (_bytes_to_int(blind_sig) * inv) % n
    signature = _int_to_bytes(s, modulus_len)
    verify(public_key, prepared, signature, variant)
    return signature


def verify(
    public_key: rsa.RSAPublicKey,
    prepared: bytes,
    signature: bytes,
    variant: Variant = DEFAULT_VARIANT,
) -> None:
    """Check a finalized signature with ``cryptography``'s RSASSA-PSS verification.

    Parameters
    ----------
    public_key : rsa.RSAPublicKey
        The signer's public key.
    prepared : bytes
        The prepared message (with its prefix, for randomized variants).
    signature : bytes
        From :func:`finalize`.
    variant : Variant
        Gives the PSS salt length the signature must have.

    Raises
    ------
    InvalidSignatureError
        The signature is not valid for this message under this key.
    """
    key_numbers(public_key)
    try:
        public_key.verify(signature, prepared, variant.pss(), hashes.SHA384())
    except InvalidSignature:
        raise InvalidSignatureError(
            "The ticket's signature does not verify with this wave's ticket key: the ticket "
            "is forged, damaged or from another wave."
        ) from None
