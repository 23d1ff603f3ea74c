"""Provisioning and (de)activating tenants from the municipality reference list."""
from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from ..platform import audit, uow
from ..platform.extensions import db
from .models import Municipality, Tenant


class ProvisioningError(ValueError):
    pass


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug


def find_municipality(text: str) -> Municipality | None:
    """The municipality a person typed: its name as in the CBS list ("Bergen (L.)"), with or without the
    code in brackets as the picker shows it ("Amersfoort (GM0307)"), or the CBS code itself ("GM0307").
    Case and accents do not matter; None when nothing matches."""
    text = " ".join((text or "").split())
    match = re.fullmatch(r"(.*?)\s*\((GM\d{4})\)", text, flags=re.IGNORECASE)
    if match:
        text = match.group(2)
    if re.fullmatch(r"GM\d{4}", text, flags=re.IGNORECASE):
        return db.session.get(Municipality, text.upper())
    wanted = _collation_key(text)
    if not wanted:
        return None
    return next((m for m in db.session.scalars(db.select(Municipality)) if _collation_key(m.name) == wanted), None)


def provision_tenant(cbs_code: str, origin: str = "web") -> Tenant:
    municipality = db.session.get(Municipality, cbs_code)
    if municipality is None:
        raise ProvisioningError(_("Unknown CBS code %(code)s.", code=cbs_code))
    if db.session.scalar(db.select(Tenant).filter_by(cbs_code=cbs_code)) is not None:
        raise ProvisioningError(_("%(name)s already has a space.", name=municipality.name))
    slug = slugify(municipality.name)
    if db.session.scalar(db.select(Tenant).filter_by(slug=slug)) is not None:
        slug = f"{slug}-{cbs_code.lower()}"
    tenant = Tenant(
        slug=slug, name=municipality.name, cbs_code=cbs_code, province=municipality.province,
        safety_region_code=municipality.safety_region_code,
        safety_region_name=municipality.safety_region_name, population=municipality.population,
    )
    db.session.add(tenant)
    db.session.flush()
    audit.record("tenant.provision", object_type="tenant", object_id=tenant.id, detail=origin, platform=True)
    uow.done()
    return tenant


def set_active(slug: str, active: bool, origin: str = "web") -> Tenant:
    tenant = db.session.scalar(db.select(Tenant).filter_by(slug=slug))
    if tenant is None:
        raise ProvisioningError(_("Unknown municipality."))
    tenant.active = active
    audit.record("tenant.activate" if active else "tenant.deactivate", object_type="tenant",
                 object_id=tenant.id, detail=origin, platform=True)
    uow.done()
    return tenant


# --- the header's municipality switcher -------------------------------------------------------------------
# Every page shows it, so it is cached per process for a short time instead of queried on every request.
# It only offers links: entering a tenant is still checked against the membership on every request.
SWITCHER_TTL_SECONDS = 30
_switcher_cache: dict[int, tuple[float, list]] = {}


def switcher_tenants(user_id: int) -> list[dict]:
    """[{id, slug, name, role}] of the user's active memberships in active tenants, by name (Dutch order)."""
    import time

    from .models import Membership

    now = time.monotonic()
    hit = _switcher_cache.get(user_id)
    if hit and now - hit[0] < SWITCHER_TTL_SECONDS:
        return hit[1]
    rows = db.session.execute(
        db.select(Tenant.id, Tenant.slug, Tenant.name, Membership.role).join(Membership, Membership.tenant_id == Tenant.id)
        .where(Membership.user_id == user_id, Membership.active.is_(True), Tenant.active.is_(True))).all()
    entries = sorted(({"id": r.id, "slug": r.slug, "name": r.name, "role": r.role} for r in rows),
                     key=lambda e: _collation_key(e["name"]))
    _switcher_cache[user_id] = (now, entries)
    return entries


def forget_switcher(user_id: int | None = None) -> None:
    if user_id is None:
        _switcher_cache.clear()
    else:
        _switcher_cache.pop(user_id, None)


def _collation_key(name: str) -> str:
    """Dutch order for names: accents sort with their base letter (Ç with C, Ö with O)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _membership_changed(mapper, connection, target) -> None:
    forget_switcher(target.user_id)


def _tenant_changed(mapper, connection, target) -> None:
    forget_switcher()


def _install_switcher_invalidation() -> None:
    from sqlalchemy import event

    from .models import Membership

    for name in ("after_insert", "after_update", "after_delete"):
        event.listen(Membership, name, _membership_changed)
        event.listen(Tenant, name, _tenant_changed)


_install_switcher_invalidation()
