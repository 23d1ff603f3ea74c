"""Uploaded import files, kept on the server between the steps (upload -> mapping -> preview -> commit).

The file is uploaded once and never sent back and forth: it is stored in the instance folder, one
sub-folder per tenant (`instance/transfer/<tenant_id>/`), under a random id, encrypted with the data
key (it holds personal data), next to a small JSON file with the chosen mapping and options. Only the
user who uploaded it can use it; it is deleted after the import or, at the latest, after 24 hours
(`purge_expired` runs on every visit of the import pages). The user's last choices (network, defaults, the
field per column header) are kept next to them in `choices-<user_id>.json`, so a corrected file uploaded
again starts from them.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from datetime import datetime, timezone

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

MAX_AGE_SECONDS = 24 * 3600
_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")


def root() -> str:
    return current_app.config.get("TRANSFER_FOLDER") or os.path.join(current_app.instance_path, "transfer")


def _folder(tenant_id: int) -> str:
    return os.path.join(root(), str(int(tenant_id)))


def _paths(tenant_id: int, upload_id: str) -> tuple[str, str]:
    if not valid_id(upload_id):
        raise LookupError(upload_id)
    base = os.path.join(_folder(tenant_id), upload_id)
    return base + ".bin", base + ".json"


def valid_id(upload_id) -> bool:
    return isinstance(upload_id, str) and bool(_ID.match(upload_id))


def _fernet() -> MultiFernet:
    keys = current_app.config["DATA_ENCRYPTION_KEYS"]
    return MultiFernet([Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()])


def _write(path: str, data: bytes) -> None:
    tmp = f"{path}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def save(tenant_id: int, user_id: int, filename: str, data: bytes) -> str:
    folder = _folder(tenant_id)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    upload_id = secrets.token_urlsafe(18)  # 24 characters
    bin_path, meta_path = _paths(tenant_id, upload_id)
    _write(bin_path, _fernet().encrypt(data))
    meta = {"user_id": user_id, "filename": os.path.basename(filename or "")[:200], "size": len(data),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "mapping": None, "options": {}}
    _write(meta_path, json.dumps(meta).encode())
    return upload_id


def load_meta(tenant_id: int, upload_id: str, user_id: int) -> dict:
    """The upload's metadata; LookupError when it does not exist, expired or belongs to someone else."""
    bin_path, meta_path = _paths(tenant_id, upload_id)
    try:
        with open(meta_path, "rb") as fh:
            meta = json.loads(fh.read())
    except (OSError, ValueError):
        raise LookupError(upload_id) from None
    if meta.get("user_id") != user_id or _expired(bin_path):
        raise LookupError(upload_id)
    meta["id"] = upload_id
    return meta


def load_data(tenant_id: int, upload_id: str) -> bytes:
    bin_path, _meta = _paths(tenant_id, upload_id)
    try:
        with open(bin_path, "rb") as fh:
            return _fernet().decrypt(fh.read())
    except (OSError, InvalidToken):
        raise LookupError(upload_id) from None


def save_meta(tenant_id: int, upload_id: str, meta: dict) -> None:
    _bin, meta_path = _paths(tenant_id, upload_id)
    _write(meta_path, json.dumps({k: v for k, v in meta.items() if k != "id"}).encode())


def _choices_path(tenant_id: int, user_id: int) -> str:
    return os.path.join(_folder(tenant_id), f"choices-{int(user_id)}.json")


def save_choices(tenant_id: int, user_id: int, choices: dict) -> None:
    """The user's last mapping and options in this municipality, for their next upload (a corrected file).
    Column headers and codes only, no cell values; purged after 24 hours like the uploads."""
    os.makedirs(_folder(tenant_id), mode=0o700, exist_ok=True)
    _write(_choices_path(tenant_id, user_id), json.dumps(choices).encode())


def load_choices(tenant_id: int, user_id: int) -> dict:
    path = _choices_path(tenant_id, user_id)
    if _expired(path):
        return {}
    try:
        with open(path, "rb") as fh:
            found = json.loads(fh.read())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def delete(tenant_id: int, upload_id: str) -> None:
    bin_path, meta_path = _paths(tenant_id, upload_id)
    for path in (bin_path, meta_path, _lock_path(bin_path)):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def _lock_path(bin_path: str) -> str:
    return bin_path[:-len(".bin")] + ".lock"


@contextlib.contextmanager
def claimed(tenant_id: int, upload_id: str):
    """Exclusive use of an upload for its import: a second, simultaneous commit (a double click, two
    tabs) gets `AlreadyClaimed` instead of importing the same people twice."""
    bin_path, _meta = _paths(tenant_id, upload_id)
    lock = _lock_path(bin_path)
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise AlreadyClaimed(upload_id) from None
    os.close(fd)
    try:
        yield
    finally:
        try:
            os.remove(lock)
        except FileNotFoundError:
            pass


class AlreadyClaimed(RuntimeError):
    pass


def _expired(path: str, now: float | None = None) -> bool:
    try:
        return (now or time.time()) - os.path.getmtime(path) > MAX_AGE_SECONDS
    except OSError:
        return True


def purge_expired(now: float | None = None) -> int:
    """Delete every upload (of any tenant) older than 24 hours, and stray temporary files."""
    removed = 0
    base = root()
    if not os.path.isdir(base):
        return 0
    for tenant_folder in os.scandir(base):
        if not tenant_folder.is_dir():
            continue
        for entry in os.scandir(tenant_folder.path):
            if entry.is_file() and _expired(entry.path, now):
                try:
                    os.remove(entry.path)
                    removed += 1
                except OSError:
                    pass
    return removed
