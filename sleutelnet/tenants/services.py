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
