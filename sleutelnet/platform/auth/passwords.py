"""Password hashing with argon2id and the password policy."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask_babel import lazy_gettext as _l

_hasher = PasswordHasher()
MIN_LENGTH = 12
# Used to spend the same time on unknown accounts as on known ones (no user enumeration by timing). Made at
# the first login attempt, not at import: an argon2id hash takes 64 MiB, which every web worker would
# otherwise touch at start-up (and keep in its resident memory) even when it never sees a login.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")
    return _DUMMY_HASH


def use_fast_hashing_for_tests() -> None:
    """Cheaper argon2id parameters; only the test configuration calls this (PASSWORD_HASH_FAST)."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    _DUMMY_HASH = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str):
    """A translated reason why the password is unacceptable, or None."""
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(n)d characters.", n=MIN_LENGTH)
    if password.lower() == password or password.upper() == password:
        return _l("Use both upper-case and lower-case letters.")
    return None
