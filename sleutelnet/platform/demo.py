"""Demo data for a local installation: three municipalities and one account per role (idempotent)."""
from __future__ import annotations

from flask import current_app

from ..tenants.models import Membership, Tenant
from ..tenants.reference import load_municipalities
from ..tenants.services import provision_tenant
from .auth.models import User
from .auth.passwords import hash_password
from .extensions import db
from .policy import TENANT_ROLES, Role
from .tenancy import tenant_context

DEMO_TENANTS = {"GM0344": "utrecht", "GM0193": "zwolle", "GM0307": "amersfoort"}
DEMO_NAMES = {Role.COORDINATOR: "Coördinator", Role.OFFICIAL: "Ambtenaar", Role.VIEWER: "Bestuurder"}
PLATFORM_ACCOUNTS = {"ess@sleutelnet.example": (Role.ESS_ADVISOR, "ESS-adviseur"),
                     "admin@sleutelnet.example": (Role.PLATFORM_ADMIN, "Platformbeheerder")}


def demo_tenants(seeded=None, slugs=None, seeded_by: dict | None = None):
    """Each demo municipality that exists, as (tenant, slug), inside its tenant context — for an area's demo
    seeder. Skipped: those not in `slugs` (when given) and those that already have a row of the model
    `seeded` (matching `seeded_by`, when given: the seeder ran before; seeding is idempotent)."""
    for cbs_code, slug in DEMO_TENANTS.items():
        tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code=cbs_code))
        if tenant is None or (slugs is not None and slug not in slugs):
            continue
        with tenant_context(tenant.id):
            if seeded is not None and db.session.scalar(db.select(seeded.id).filter_by(**(seeded_by or {}))
                                                       .limit(1)) is not None:
                continue  # already seeded
            yield tenant, slug


def demo_emails(tenants: dict) -> list[str]:
    emails = [f"{role.value}@{slug}.example" for slug in tenants.values() for role in TENANT_ROLES]
    return emails + list(PLATFORM_ACCOUNTS)


def _user(email: str, name: str, password_hash: str, platform_role: Role | None = None) -> User:
    user = db.session.scalar(db.select(User).filter_by(email=email))
    if user is None:
        user = User(email=email, name=name, password_hash=password_hash,
                    platform_role=platform_role.value if platform_role else None,
                    # demo only: platform roles normally must use 2FA; switched off so a newcomer can log in
                    mfa_exempt=platform_role is not None)
        db.session.add(user)
        db.session.flush()
    return user


def seed_demo() -> bool:
    """Returns True when something was created. Never in production (the accounts share a known password)."""
    if current_app.config.get("ENV_NAME") == "production":
        raise RuntimeError("demo data is never seeded in production")
    if db.session.scalar(db.select(User).filter_by(email="admin@sleutelnet.example")) is not None:
        return False
    if db.session.scalar(db.select(db.func.count()).select_from(Tenant)) == 0:
        load_municipalities()
    password_hash = hash_password(current_app.config["DEMO_PASSWORD"])
    for cbs_code, slug in DEMO_TENANTS.items():
        tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code=cbs_code)) or provision_tenant(cbs_code, "demo")
        for role in TENANT_ROLES:
            user = _user(f"{role.value}@{slug}.example", f"{DEMO_NAMES[role]} {tenant.name}", password_hash)
            db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role=role.value))
    for email, (role, name) in PLATFORM_ACCOUNTS.items():
        _user(email, name, password_hash, role)
    db.session.commit()
    from .features import collect

    for seeder in collect("demo_seeders"):
        seeder()
    return True
