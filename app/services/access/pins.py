"""Supervisor and admin PINs: salted scrypt hashes, compared in constant time.

A PIN is 4–8 ASCII digits. The stored form names its own parameters,
``scrypt$n$r$p$salthex$hashhex``, so the cost can be raised later without
invalidating existing hashes (see ``needs_rehash``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re

N = 2**14
R = 8
P = 1
SALT_BYTES = 16
HASH_BYTES = 32

_PIN = re.compile(r"[0-9]{4,8}")
_HEX = re.compile(r"(?:[0-9a-f]{2})+")
# Bounds on parameters read back from the database, so a corrupt or hostile row cannot
# make a login screen allocate gigabytes or spin for minutes.
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16


def _check_pin(pin: str) -> None:
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        raise ValueError("a PIN is 4 to 8 digits (0-9)")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # OpenSSL needs about 128·r·n bytes (plus 128·r·p); give it room above that.
    maxmem = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def hash_pin(pin: str) -> str:
    """A new salted hash of ``pin``; raises ValueError unless it is 4–8 digits."""
    _check_pin(pin)
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(pin, salt, N, R, P, HASH_BYTES)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("stored PIN hash is not in the form scrypt$n$r$p$salt$hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
    except ValueError:
        raise ValueError("stored PIN hash has non-numeric scrypt parameters") from None
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise ValueError(f"stored PIN hash has unusable scrypt parameters n={n} r={r} p={p}")
    salt_hex, hash_hex = parts[4], parts[5]
    if not (_HEX.fullmatch(salt_hex) and _HEX.fullmatch(hash_hex)) or len(hash_hex) < 32:
        raise ValueError("stored PIN hash has a malformed salt or digest")
    return n, r, p, bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``.

    False for a wrong PIN, for anything that is not 4–8 digits (a typo is a wrong
    PIN, not an error) and for an empty ``stored`` (the user has no PIN). A stored
    value that is not a hash this module wrote raises ValueError: that is corrupt
    data a person has to fix, not a failed login.
    """
    if not stored:
        return False
    n, r, p, salt, expected = _parse(stored)
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        return False
    actual = _scrypt(pin, salt, n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with other parameters than today's (hash it again on login)."""
    n, r, p, salt, digest = _parse(stored)
    return (n, r, p, len(salt), len(digest)) != (N, R, P, SALT_BYTES, HASH_BYTES)
