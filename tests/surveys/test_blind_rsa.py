"""RSA blind signatures (surveys/blind_rsa.py): RFC 9474 vectors, round trips, blindness."""

from __future__ import annotations

import random

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from surveys import blind_rsa as br
from surveys.errors import RapportError
from tests.surveys.blind_helpers import ScriptedRandom, as_int, private_key_from, vector_keys
from tests.surveys.rfc9474_vectors import VECTORS, vector

ALL_VARIANTS = list(br.VARIANTS.values())


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return br.generate_private_key()


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    return br.generate_private_key()


def _issue(private: rsa.RSAPrivateKey, message: bytes, variant: br.Variant) -> tuple:
    """The whole protocol, production randomness: ``(prepared, blinded, blind_sig, sig)``."""
    public = private.public_key()
    prepared = br.prepare(message, variant)
    blinded, inv = br.blind(public, prepared, variant)
    blind_sig = br.blind_sign(private, blinded)
    return prepared, blinded, blind_sig, br.finalize(public, prepared, blind_sig, inv, variant)


# -- RFC 9474 Appendix A, exactly ----------------------------------------------------------


@pytest.mark.parametrize("name", VECTORS)
def test_vector_prepare(name):
    v, variant = vector(name), br.VARIANTS[name]
    prepared = br.prepare(v["msg"], variant, rng=ScriptedRandom([v["msg_prefix"]]))
    assert prepared == v["prepared_msg"]
    assert br.application_message(prepared, variant) == v["msg"]


@pytest.mark.parametrize("name", VECTORS)
def test_vector_emsa_pss_encoding(name):
    v = vector(name)
    em_bits = as_int(v["n"]).bit_length() - 1
    assert br._emsa_pss_encode(v["prepared_msg"], em_bits, v["salt"]) == v["encoded_msg"]


@pytest.mark.parametrize("name", VECTORS)
def test_vector_blind(name):
    v, variant = vector(name), br.VARIANTS[name]
    _private, public = vector_keys()
    r = pow(as_int(v["inv"]), -1, as_int(v["n"]))
    rng = ScriptedRandom([v["salt"]] if v["salt"] else [], below=[r - 1])
    blinded, inv = br.blind(public, v["prepared_msg"], variant, rng=rng)
    assert blinded == v["blinded_msg"]
    assert inv == as_int(v["inv"])
    assert rng.used_up()


@pytest.mark.parametrize("name", VECTORS)
def test_vector_blind_sign(name):
    v = vector(name)
    private, _public = vector_keys()
    assert br.blind_sign(private, v["blinded_msg"]) == v["blind_sig"]


@pytest.mark.parametrize("name", VECTORS)
def test_vector_finalize(name):
    v, variant = vector(name), br.VARIANTS[name]
    _private, public = vector_keys()
    sig = br.finalize(public, v["prepared_msg"], v["blind_sig"], as_int(v["inv"]), variant)
    assert sig == v["sig"]


@pytest.mark.parametrize("name", VECTORS)
def test_vector_signature_is_plain_pss(name):
    v, variant = vector(name), br.VARIANTS[name]
    _private, public = vector_keys()
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=len(v["salt"]))
    public.verify(v["sig"], v["prepared_msg"], pss, hashes.SHA384())
    br.verify(public, v["prepared_msg"], v["sig"], variant)
    with pytest.raises(br.InvalidSignatureError):
        br.verify(public, v["msg"] + b"!", v["sig"], variant)


# -- round trips with fresh keys -----------------------------------------------------------


@pytest.mark.parametrize("variant", ALL_VARIANTS, ids=lambda v: v.name)
def test_round_trip_verifies_with_cryptography(key, variant):
    ticket = random.randbytes(32)
    prepared, _blinded, _blind_sig, sig = _issue(key, ticket, variant)
    assert br.application_message(prepared, variant) == ticket
    assert len(prepared) == len(ticket) + (br.PREFIX_BYTES if variant.randomized else 0)
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=variant.salt_length)
    key.public_key().verify(sig, prepared, pss, hashes.SHA384())


def test_default_variant_is_pss_randomized():
    assert br.DEFAULT_VARIANT is br.PSS_RANDOMIZED
    assert (br.DEFAULT_VARIANT.salt_length, br.DEFAULT_VARIANT.randomized) == (48, True)


def test_tampered_message_fails(key):
    prepared, _b, _bs, sig = _issue(key, b"ticket 0001 for wave 2026-10", br.PSS_RANDOMIZED)
    for index in (0, br.PREFIX_BYTES - 1, br.PREFIX_BYTES, len(prepared) - 1):
        with pytest.raises(br.InvalidSignatureError):
            br.verify(key.public_key(), _flip(prepared, index), sig)
    with pytest.raises(br.InvalidSignatureError):
        br.verify(key.public_key(), prepared + b"\x00", sig)


def test_tampered_signature_fails(key):
    prepared, _b, _bs, sig = _issue(key, random.randbytes(32), br.PSS_RANDOMIZED)
    for index in (0, len(sig) // 2, len(sig) - 1):
        with pytest.raises(br.InvalidSignatureError):
            br.verify(key.public_key(), prepared, _flip(sig, index))
        with pytest.raises(InvalidSignature):
            key.public_key().verify(
                _flip(sig, index), prepared, br.PSS_RANDOMIZED.pss(), hashes.SHA384()
            )
    with pytest.raises(br.InvalidSignatureError):
        br.verify(key.public_key(), prepared, sig[:-1])


def test_signature_under_another_key_fails(key, other_key):
    prepared, _b, _bs, sig = _issue(key, random.randbytes(32), br.PSS_RANDOMIZED)
    with pytest.raises(br.InvalidSignatureError):
        br.verify(other_key.public_key(), prepared, sig)
    # The client blinded for `key`, but another signer answered: finalize refuses it.
    other_n, _e, _len = br.key_numbers(other_key)
    blinded, inv = br.blind(key.public_key(), prepared)
    while as_int(blinded) >= other_n:  # the other signer would refuse this one outright
        blinded, inv = br.blind(key.public_key(), prepared)
    with pytest.raises(br.InvalidSignatureError):
        br.finalize(key.public_key(), prepared, br.blind_sign(other_key, blinded), inv)


def test_signature_is_bound_to_the_salt_length(key):
    prepared, _b, _bs, sig = _issue(key, random.randbytes(32), br.PSS_RANDOMIZED)
    with pytest.raises(br.InvalidSignatureError):
        br.verify(key.public_key(), prepared, sig, br.PSSZERO_RANDOMIZED)
    prepared, _b, _bs, sig = _issue(key, random.randbytes(32), br.PSSZERO_RANDOMIZED)
    with pytest.raises(br.InvalidSignatureError):
        br.verify(key.public_key(), prepared, sig, br.PSS_RANDOMIZED)


def test_finalize_with_the_wrong_inverse_fails(key):
    public = key.public_key()
    prepared = br.prepare(random.randbytes(32))
    blinded, inv = br.blind(public, prepared)
    blind_sig = br.blind_sign(key, blinded)
    _other_blinded, other_inv = br.blind(public, prepared)
    with pytest.raises(br.InvalidSignatureError):
        br.finalize(public, prepared, blind_sig, other_inv)
    assert br.finalize(public, prepared, blind_sig, inv)


def test_modulus_whose_bit_length_is_one_more_than_a_multiple_of_8():
    # bit_len(n) = 2057: the encoded message (emBits 2056) is one byte shorter than the
    # modulus. OpenSSL makes no such key, so build one from the RFC's p and the prime 293:
    # useless as a key, but only the lengths matter here.
    odd = private_key_from(as_int(vector(br.PSS_RANDOMIZED.name)["p"]), 293)
    assert odd.key_size == 2057
    prepared, blinded, blind_sig, sig = _issue(odd, b"ticket", br.PSS_RANDOMIZED)
    assert len(blinded) == len(blind_sig) == len(sig) == 258
    odd.public_key().verify(sig, prepared, br.PSS_RANDOMIZED.pss(), hashes.SHA384())


# -- blindness -----------------------------------------------------------------------------


def test_two_blinds_of_one_message_differ(key):
    # PSSZERO-Deterministic encodes a message the same way every time, so any difference
    # between the two requests comes from the blinding alone.
    public, variant = key.public_key(), br.PSSZERO_DETERMINISTIC
    prepared = br.prepare(b"the same ticket", variant)
    first, inv1 = br.blind(public, prepared, variant)
    second, inv2 = br.blind(public, prepared, variant)
    assert first != second
    sig1 = br.finalize(public, prepared, br.blind_sign(key, first), inv1, variant)
    sig2 = br.finalize(public, prepared, br.blind_sign(key, second), inv2, variant)
    assert sig1 == sig2  # one signature, reached from two unrelated-looking requests


def test_prepare_draws_a_fresh_prefix():
    one, two = br.prepare(b"ticket"), br.prepare(b"ticket")
    assert one != two
    assert br.application_message(one) == br.application_message(two) == b"ticket"


def _links(private, requests, finals) -> set[tuple[int, int]]:
    """Pairs (request, final) the signer can join by comparing what it saw and what it got."""
    n, e, _ = br.key_numbers(private)
    links = set()
    for i, (blinded, blind_sig) in enumerate(requests):
        for j, (_prepared, sig) in enumerate(finals):
            if blinded == pow(as_int(sig), e, n).to_bytes(len(blinded), "big"):
                links.add((i, j))
            if blind_sig == sig:
                links.add((i, j))
    return links


def test_signer_records_cannot_be_joined_to_signatures(key):
    """The signer keeps every request and answer; later it sees all finished tickets."""
    public, (n, e, _) = key.public_key(), br.key_numbers(key)
    d = key.private_numbers().d
    requests, finals = [], []
    for _ in range(4):
        prepared = br.prepare(random.randbytes(32))
        blinded, inv = br.blind(public, prepared)
        blind_sig = br.blind_sign(key, blinded)
        requests.append((blinded, blind_sig))
        finals.append((prepared, br.finalize(public, prepared, blind_sig, inv)))
    random.shuffle(finals)
    assert _links(key, requests, finals) == set()
    # Every request is explained by every ticket with some blinding factor r, computed here
    # with the private key: all pairings are equally consistent with what the signer holds.
    for blinded, _blind_sig in requests:
        for _prepared, sig in finals:
            encoded = pow(as_int(sig), e, n)
            r = pow(as_int(blinded) * pow(encoded, -1, n), d, n)
            assert (encoded * pow(r, e, n)) % n == as_int(blinded)


def test_the_join_would_find_unblinded_requests(key):
    """Control for the test above: with r = 1 the signer's join links every ticket."""
    public, requests, finals = key.public_key(), [], []
    for _ in range(3):
        prepared = br.prepare(random.randbytes(32))
        rng = ScriptedRandom([random.randbytes(48)], below=[0])  # r = 1 + 0
        blinded, inv = br.blind(public, prepared, rng=rng)
        blind_sig = br.blind_sign(key, blinded)
        requests.append((blinded, blind_sig))
        finals.append((prepared, br.finalize(public, prepared, blind_sig, inv)))
    assert _links(key, requests, finals) == {(0, 0), (1, 1), (2, 2)}


# -- refusals ------------------------------------------------------------------------------


def test_errors_are_rapport_errors():
    for error in (
        br.MessageLengthError,
        br.InputSizeError,
        br.OutOfRangeError,
        br.InvalidInputError,
        br.BlindingError,
        br.SigningFailureError,
        br.InvalidSignatureError,
        br.TicketKeyError,
    ):
        assert issubclass(error, br.BlindSignatureError)
        assert issubclass(error, RapportError)


def test_blind_sign_refuses_a_request_of_the_wrong_length(key):
    with pytest.raises(br.InputSizeError, match="256 bytes; this one has 255"):
        br.blind_sign(key, b"\x01" * 255)
    with pytest.raises(br.InputSizeError):
        br.blind_sign(key, b"\x01" * 257)


def test_blind_sign_refuses_a_request_not_below_the_modulus(key):
    n, _e, modulus_len = br.key_numbers(key)
    for value in (n, n + 1, 2 ** (8 * modulus_len) - 1):
        with pytest.raises(br.OutOfRangeError):
            br.blind_sign(key, value.to_bytes(modulus_len, "big"))
    assert br.blind_sign(key, (n - 1).to_bytes(modulus_len, "big"))


def test_blind_sign_checks_its_result_before_returning(key, monkeypatch):
    blinded, _inv = br.blind(key.public_key(), br.prepare(b"ticket"))
    real = br._rsasp1_crt
    monkeypatch.setattr(br, "_rsasp1_crt", lambda numbers, m: real(numbers, m) + 1)
    with pytest.raises(br.SigningFailureError):
        br.blind_sign(key, blinded)


def test_blind_draws_again_when_r_is_not_invertible(key):
    public, p = key.public_key(), key.private_numbers().p
    prepared, salt = br.prepare(b"ticket"), random.randbytes(48)
    retried = br.blind(public, prepared, rng=ScriptedRandom([salt], below=[p - 1, 41]))
    direct = br.blind(public, prepared, rng=ScriptedRandom([salt], below=[41]))
    assert retried == direct
    always_p = ScriptedRandom([salt], below=[p - 1] * br.BLINDING_ATTEMPTS)
    with pytest.raises(br.BlindingError):
        br.blind(public, prepared, rng=always_p)
    assert always_p.used_up()


def test_blind_refuses_an_encoded_message_sharing_a_factor_with_n(key):
    n, e, modulus_len = br.key_numbers(key)
    p = key.private_numbers().p
    with pytest.raises(br.InvalidInputError):
        br._blind_representative(3 * p, n, e, modulus_len, ScriptedRandom(below=[41]))


def test_message_length_limit(key):
    longest = b"x" * br.MAX_MESSAGE_BYTES
    assert br.prepare(longest, br.PSS_DETERMINISTIC) == longest
    prepared = br.prepare(longest)  # with its prefix, still accepted by blind
    blinded, inv = br.blind(key.public_key(), prepared)
    br.finalize(key.public_key(), prepared, br.blind_sign(key, blinded), inv)
    with pytest.raises(br.MessageLengthError, match="65,537 bytes; at most 65,536"):
        br.prepare(longest + b"x")
    with pytest.raises(br.MessageLengthError):
        br.blind(key.public_key(), prepared + b"x")
    with pytest.raises(br.MessageLengthError):
        br.blind(key.public_key(), longest + b"x", br.PSS_DETERMINISTIC)


def test_finalize_refuses_an_answer_of_the_wrong_length(key):
    prepared = br.prepare(b"ticket")
    blinded, inv = br.blind(key.public_key(), prepared)
    blind_sig = br.blind_sign(key, blinded)
    with pytest.raises(br.InputSizeError):
        br.finalize(key.public_key(), prepared, blind_sig[1:], inv)
    with pytest.raises(br.InputSizeError):
        br.finalize(key.public_key(), prepared, b"\x00" + blind_sig, inv)


def test_application_message_needs_the_prefix():
    with pytest.raises(br.InputSizeError):
        br.application_message(b"short", br.PSS_RANDOMIZED)
    assert br.application_message(b"short", br.PSS_DETERMINISTIC) == b"short"


def test_keys_below_2048_bits_are_refused():
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(br.TicketKeyError, match="at least 2048 bits; 1024 were asked"):
        br.generate_private_key(1024)
    with pytest.raises(br.TicketKeyError, match="has 1024 bits"):
        br.blind(weak.public_key(), b"ticket")
    with pytest.raises(br.TicketKeyError):
        br.blind_sign(weak, b"\x01" * 128)
    with pytest.raises(br.TicketKeyError):
        br.verify(weak.public_key(), b"ticket", b"\x01" * 128)
    with pytest.raises(br.TicketKeyError):
        br.load_public_key(br.public_key_bytes(weak.public_key()))


def test_public_key_serialisation_round_trip(key):
    public = key.public_key()
    der = br.public_key_bytes(public)
    assert br.load_public_key(der).public_numbers() == public.public_numbers()
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert br.load_public_key(pem).public_numbers() == public.public_numbers()
    with pytest.raises(br.TicketKeyError, match="cannot be read"):
        br.load_public_key(der[:-10])
    ec_der = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(br.TicketKeyError, match="not an RSA key"):
        br.load_public_key(ec_der)
