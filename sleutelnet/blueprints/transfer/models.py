"""Tables of the transfer area: uploaded import files, the remembered import choices, and the import and
export jobs.

Everything a worker needs is in the database, so a job runs on any machine: an upload's file is stored
encrypted (Fernet, `platform.crypto.key_ring()`) in `transfer_uploads`; an export's file likewise in its
`transfer_jobs` row. Both are removed after 24 hours (`storage.purge_expired`).
"""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import created_at_column
from ...platform.tenancy import TenantScoped

IMPORT, EXPORT = "import", "export"
PENDING, RUNNING, DONE, FAILED, EXPIRED = "pending", "running", "done", "failed", "expired"
ACTIVE = (PENDING, RUNNING)


class TransferUpload(TenantScoped, db.Model):
    """An uploaded import file between the steps upload -> mapping -> preview -> commit (its uploader's only)."""
    __tablename__ = "transfer_uploads"
    invalidates_cache = False  # an upload or job of one user; shown on no cached page (tenants/cache.py)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "token"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(24), nullable=False)  # the random id in the URLs
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    size: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    payload: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)  # the file, encrypted
    mapping_json: Mapped[str] = mapped_column(Text, nullable=False, default="null")  # column index -> field
    options_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    created_at: Mapped[datetime] = created_at_column()


class TransferChoices(TenantScoped, db.Model):
    """A user's last mapping and options in this municipality (column headers and codes, no cell values),
    so a corrected file uploaded again starts from them."""
    __tablename__ = "transfer_choices"
    invalidates_cache = False  # an upload or job of one user; shown on no cached page (tenants/cache.py)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "user_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    choices_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    updated_at: Mapped[datetime] = created_at_column()


class TransferJob(TenantScoped, db.Model):
    """An import commit or a register export, carried out by a worker. The row exists before the job runs and
    is the record of its effect: the import and `status = done` commit in one transaction (jobs.py)."""
    __tablename__ = "transfer_jobs"
    invalidates_cache = False  # an upload or job of one user; shown on no cached page (tenants/cache.py)
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "upload_token"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # IMPORT or EXPORT
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=PENDING, index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    language: Mapped[str] = mapped_column(String(5), nullable=False, default="nl")
    upload_token: Mapped[str | None] = mapped_column(String(24))  # import: its upload (one job per upload)
    options_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")  # export: network, format, columns
    result_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")  # counts and codes, no personal data
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)  # export: the file, encrypted
    filename: Mapped[str | None] = mapped_column(String(200))
    mimetype: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(200))  # a code or an exception class name, never data
    created_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def options(self) -> dict:
        return json.loads(self.options_json or "{}")

    @property
    def result(self) -> dict:
        return json.loads(self.result_json or "{}")

    @property
    def finished(self) -> bool:
        return self.status not in ACTIVE
