"""A tenant's key-person network(s). Most municipalities run one; large cities one per district or theme."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import created_at_column
from ...platform.tenancy import TenantScoped


class Network(TenantScoped, db.Model):
    __tablename__ = "networks"
    __table_args__ = (UniqueConstraint("tenant_id", "name"), UniqueConstraint("tenant_id", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    created_at: Mapped[datetime] = created_at_column()
