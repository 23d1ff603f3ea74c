"""Uploaded import files, kept in the database between the steps (upload -> mapping -> preview -> commit).

The file is uploaded once and never sent back and forth: it is stored in `transfer_uploads` under a random
id (the token in the URLs), encrypted with the data key (it holds personal data), with the chosen mapping
and options beside it. In the database a worker on another machine can read it for the import job. Only
the user who uploaded it can use it; it is deleted by the import or, at the latest, after 24 hours
(`purge_expired`: on every visit of the import pages for the tenant, and by the scheduled
`jobs.purge_expired_all` for every tenant). The user's last choices (network, defaults, the field per
column header) are kept in `transfer_choices`, so a corrected file uploaded again starts from them.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime, timedelta

from cryptography.fernet import InvalidToken

from ...platform.crypto import key_ring
from ...platform.extensions import db
from ...platform.models import utcnow
from .models import DONE, EXPIRED, EXPORT, TransferChoices, TransferJob, TransferUpload

MAX_AGE_SECONDS = 24 * 3600
_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")


def valid_id(upload_id) -> bool:
    return isinstance(upload_id, str) and bool(_ID.match(upload_id))


def _cutoff(now: datetime | None = None) -> datetime:
    return (now or utcnow()) - timedelta(seconds=MAX_AGE_SECONDS)


def _row(tenant_id: int, upload_id: str) -> TransferUpload:
    if not valid_id(upload_id):
        raise LookupError(upload_id)
    row = db.session.scalar(db.select(TransferUpload).filter_by(tenant_id=int(tenant_id), token=upload_id))
    if row is None or _aware(row.created_at) < _cutoff():
        raise LookupError(upload_id)
    return row


def _aware(value: datetime) -> datetime:
    from datetime import timezone

    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def save(tenant_id: int, user_id: int, filename: str, data: bytes) -> str:
    upload_id = secrets.token_urlsafe(18)  # 24 characters
    db.session.add(TransferUpload(tenant_id=int(tenant_id), token=upload_id, user_id=user_id,
                                  filename=os.path.basename(filename or "")[:200], size=len(data),
                                  payload=key_ring().encrypt(data)))
    db.session.flush()
    return upload_id


def load_meta(tenant_id: int, upload_id: str, user_id: int) -> dict:
    """The upload's metadata; LookupError when it does not exist, expired or belongs to someone else."""
    row = _row(tenant_id, upload_id)
    if row.user_id != user_id:
        raise LookupError(upload_id)
    return {"id": row.token, "user_id": row.user_id, "filename": row.filename, "size": row.size,
            "created": _aware(row.created_at).isoformat(timespec="seconds"),
            "mapping": json.loads(row.mapping_json or "null"), "options": json.loads(row.options_json or "{}")}


def load_data(tenant_id: int, upload_id: str) -> bytes:
    try:
        return key_ring().decrypt(_row(tenant_id, upload_id).payload)
    except InvalidToken:
        raise LookupError(upload_id) from None


def save_meta(tenant_id: int, upload_id: str, meta: dict) -> None:
    row = _row(tenant_id, upload_id)
    row.mapping_json = json.dumps(meta.get("mapping"))
    row.options_json = json.dumps(meta.get("options") or {})
    db.session.flush()


def save_choices(tenant_id: int, user_id: int, choices: dict) -> None:
    """The user's last mapping and options in this municipality, for their next upload (a corrected file).
    Column headers and codes only, no cell values; purged after 24 hours like the uploads."""
    row = db.session.scalar(db.select(TransferChoices).filter_by(tenant_id=int(tenant_id), user_id=user_id))
    if row is None:
        row = TransferChoices(tenant_id=int(tenant_id), user_id=user_id)
        db.session.add(row)
    row.choices_json, row.updated_at = json.dumps(choices), utcnow()
    db.session.flush()


def load_choices(tenant_id: int, user_id: int) -> dict:
    row = db.session.scalar(db.select(TransferChoices).filter_by(tenant_id=int(tenant_id), user_id=user_id))
    if row is None or _aware(row.updated_at) < _cutoff():
        return {}
    try:
        found = json.loads(row.choices_json)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def delete(tenant_id: int, upload_id: str) -> None:
    if valid_id(upload_id):
        db.session.execute(db.delete(TransferUpload).filter_by(tenant_id=int(tenant_id), token=upload_id))


def purge_expired(now: datetime | None = None) -> int:
    """Delete what is older than 24 hours in the current scope (a tenant, or every tenant across tenants):
    uploads, remembered choices, and the files of finished exports (the job row stays, `expired`)."""
    cutoff = _cutoff(now)
    removed = db.session.execute(db.delete(TransferUpload).where(TransferUpload.created_at < cutoff)).rowcount
    removed += db.session.execute(db.delete(TransferChoices).where(TransferChoices.updated_at < cutoff)).rowcount
    removed += db.session.execute(
        db.update(TransferJob).where(TransferJob.kind == EXPORT, TransferJob.status == DONE,
                                     TransferJob.finished_at < cutoff)
        .values(status=EXPIRED, payload=None)).rowcount
    return removed
