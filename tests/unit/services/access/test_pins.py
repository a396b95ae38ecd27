import hashlib

import pytest

from app.services.access.pins import hash_pin, needs_rehash, verify_pin


def test_hash_format_names_its_parameters():
    stored = hash_pin("1234")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(bytes.fromhex(salt)) == 16
    assert len(bytes.fromhex(digest)) >= 16


def test_verify_accepts_the_pin_and_rejects_others():
    stored = hash_pin("0420")
    assert verify_pin("0420", stored)
    assert not verify_pin("0421", stored)
    assert not verify_pin("420", stored)  # not a PIN at all: a failed login, not an error
    assert not verify_pin("04200", stored)


@pytest.mark.parametrize("pin", ["0000", "12345678", "987654"])
def test_every_length_round_trips(pin):
    assert verify_pin(pin, hash_pin(pin))


def test_salt_is_random():
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b
    assert verify_pin("1234", a) and verify_pin("1234", b)


@pytest.mark.parametrize(
    "pin", ["", "123", "123456789", "12a4", " 1234", "1234 ", "1234\n", "１２３４", "١٢٣٤", "-123"]
)
def test_hash_refuses_anything_but_4_to_8_ascii_digits(pin):
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin(pin)


def test_empty_stored_hash_means_no_pin():
    assert not verify_pin("1234", "")


@pytest.mark.parametrize(
    "stored",
    [
        "1234",
        "bcrypt$16384$8$1$00$00",
        "scrypt$x$8$1$" + "00" * 16 + "$" + "00" * 32,
        "scrypt$1000$8$1$" + "00" * 16 + "$" + "00" * 32,  # n not a power of two
        "scrypt$" + str(2**30) + "$8$1$" + "00" * 16 + "$" + "00" * 32,  # absurd cost
        "scrypt$16384$8$1$zz$" + "00" * 32,
        "scrypt$16384$8$1$" + "00" * 16 + "$abc",
    ],
)
def test_corrupt_stored_hash_is_an_error(stored):
    with pytest.raises(ValueError):
        verify_pin("1234", stored)


def test_hash_with_other_parameters_still_verifies_and_wants_rehash():
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"2468", salt=salt, n=2**10, r=8, p=1, dklen=32)
    stored = f"scrypt${2**10}$8$1${salt.hex()}${digest.hex()}"
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert needs_rehash(stored)
    assert not needs_rehash(hash_pin("2468"))
