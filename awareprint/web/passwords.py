"""Staff passwords, hashed with scrypt (RFC 7914) and a random salt each."""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1       # about 16 MB and 50 ms a check
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 10
MAX_LENGTH = 1024           # scrypt of a megabyte is work an attacker could make us do


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${salt.hex()}${key.hex()}"


def password_matches(password: str, stored: str | None) -> bool:
    """Whether `password` is the one `stored` was made from; as slow when there is no
    such user, so that a login's time does not tell which names exist."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        kind, n, r, p, salt, key = (stored or "").split("$")
        if kind != "scrypt":
            raise ValueError(kind)
        wanted, parts = bytes.fromhex(key), (int(n), int(r), int(p))
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        _scrypt(password, b"\0" * SALT_BYTES, N, R, P)
        return False
    return hmac.compare_digest(_scrypt(password, salt_bytes, *parts), wanted)


def password_problem(password: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return f"the password has {len(password)} characters; give at least {MIN_LENGTH}"
    if len(password) > MAX_LENGTH:
        return f"the password is over {MAX_LENGTH} characters"
    return None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                          maxmem=64 * 1024 * 1024)
