"""Platform administration: provisioning municipalities and the platform audit log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.audit import PlatformAuditEvent
from ...platform.extensions import db
from ...platform.policy import requires
from ...tenants.models import Membership, Municipality, Tenant
from ...tenants.services import ProvisioningError, provision_tenant, set_active
from ...platform.audit_views import render_audit
from ...platform.forms import ConfirmForm
from .forms import ProvisionForm, StatusForm
from . import permissions as perms

bp = Blueprint("admin", __name__, url_prefix="/beheer", template_folder="templates")


def _provision_form(form=None):
    form = form or ProvisionForm()
    taken = db.select(Tenant.cbs_code)
    free = db.session.execute(db.select(Municipality.cbs_code, Municipality.name)
                              .where(Municipality.cbs_code.not_in(taken)).order_by(Municipality.name)).all()
    form.cbs_code.choices = [("", _("Choose a municipality"))] + [(c, f"{n} ({c})") for c, n in free]
    return form


def _tenant_rows():
    counts = dict(db.session.execute(db.select(Membership.tenant_id, db.func.count())
                                     .filter_by(active=True).group_by(Membership.tenant_id)).all())
    tenants = db.session.scalars(db.select(Tenant).order_by(Tenant.name)).all()
    return [(t, counts.get(t.id, 0)) for t in tenants]


@bp.get("/gemeenten")
@requires(perms.MANAGE_TENANTS)
def tenants():
    return render_template("admin/tenants.html", rows=_tenant_rows(), form=_provision_form(),
                           confirm_form=ConfirmForm())


@bp.post("/gemeenten")
@requires(perms.MANAGE_TENANTS)
def provision():
    form = _provision_form(ProvisionForm())
    if form.validate_on_submit():
        try:
            tenant = provision_tenant(form.cbs_code.data)
        except ProvisioningError as exc:
            form.cbs_code.errors.append(str(exc))
        else:
            flash(_("%(name)s has been provisioned at /g/%(slug)s/.", name=tenant.name, slug=tenant.slug), "success")
            return redirect(url_for(".tenants"))
    return render_template("admin/tenants.html", rows=_tenant_rows(), form=form,
                           confirm_form=ConfirmForm()), 422


@bp.route("/gemeenten/<slug>/status", methods=["GET", "POST"])
@requires(perms.MANAGE_TENANTS)
def toggle(slug):
    """GET asks for confirmation; POST sets the state the confirmation page offered (never a toggle, so
    a double submit does not flip it back). Deactivation keeps all data."""
    tenant = db.session.scalar(db.select(Tenant).filter_by(slug=slug))
    if tenant is None:
        abort(404)
    form = StatusForm()
    if form.validate_on_submit():
        wanted = form.active.data == "1"
        if tenant.active != wanted:
            set_active(slug, wanted)
        flash(_("%(name)s is now active.", name=tenant.name) if tenant.active
              else _("%(name)s has been deactivated; its data is kept.", name=tenant.name), "success")
        return redirect(url_for(".tenants"))
    if request.method == "POST":
        abort(400)
    return render_template("admin/confirm_toggle.html", tenant=tenant, form=form)


@bp.get("/auditlog")
@requires(perms.VIEW_PLATFORM_AUDIT)
def audit():
    return render_audit(PlatformAuditEvent, "admin/audit.html", "admin.audit")
