"""Encryption at rest: the one Fernet key ring (keys from DATA_ENCRYPTION_KEY) for confidential columns
(`EncryptedText`) and for files (`key_ring().encrypt(bytes)`, e.g. uploaded import files).

DATA_ENCRYPTION_KEY may hold several comma-separated keys: the first encrypts, all decrypt, which
allows key rotation without downtime (put the new key first; data under an old key stays readable).
"""
from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

_cache: dict[str, MultiFernet] = {}


def key_ring() -> MultiFernet:
    """The key ring of the configured keys (built once per key list)."""
    keys = current_app.config["DATA_ENCRYPTION_KEYS"]
    if keys not in _cache:
        _cache[keys] = MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])
    return _cache[keys]


def encrypt(value: str) -> str:
    return key_ring().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    return key_ring().decrypt(value.encode()).decode()


class EncryptedText(TypeDecorator):
    """A text column stored encrypted; the database only ever sees ciphertext."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)
