"""Secrets: argon2id password hashes, random tokens stored as SHA-256."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id with the library's recommended parameters (RFC 9106, low memory). The test suite swaps in
# argon2's CHEAPEST profile (tests/conftest.py); tests/test_password_hashing.py checks this default.
PASSWORD_HASHER = PasswordHasher()
TOKEN_PREFIX = "bn_"


def hash_password(password: str) -> str:
    return PASSWORD_HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return PASSWORD_HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
