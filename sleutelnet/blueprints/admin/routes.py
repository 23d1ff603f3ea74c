"""Platform administration: provisioning municipalities and the platform audit log."""
from __future__ import annotations

from datetime import timezone

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform import audit as audit_log
from ...platform.audit import PlatformAuditEvent
from ...platform.extensions import db
from ...platform.policy import Role, requires
from ...platform.tenancy import tenant_context
from ...tenants.models import Membership, Municipality, Tenant
from ...tenants.services import ProvisioningError, find_municipality, provision_tenant, set_active
from ...platform.audit_views import render_audit
from ...platform.forms import ConfirmForm
from ...platform.models import utcnow
from ...platform.health import check_database, check_rate_limits, check_redis
from ...workers.queues import status_counts
from ..team import services as team
from ..team.models import Invitation
from .forms import ProvisionForm, StatusForm
from . import permissions as perms

bp = Blueprint("admin", __name__, url_prefix="/beheer", template_folder="templates")


def _free_municipalities():
    """(name, code, province) of the municipalities without a space: the picker's suggestions."""
    taken = db.select(Tenant.cbs_code)
    return db.session.execute(db.select(Municipality.name, Municipality.cbs_code, Municipality.province)
                              .where(Municipality.cbs_code.not_in(taken)).order_by(Municipality.name)).all()


def _tenant_rows():
    counts = dict(db.session.execute(db.select(Membership.tenant_id, db.func.count())
                                     .filter_by(active=True).group_by(Membership.tenant_id)).all())
    pending: dict[int, int] = {}
    for _invitation, tenant in team.pending_invitations():
        pending[tenant.id] = pending.get(tenant.id, 0) + 1
    tenants = db.session.scalars(db.select(Tenant).order_by(Tenant.name)).all()
    return [(t, counts.get(t.id, 0), pending.get(t.id, 0)) for t in tenants]


def _tenants_page(form, status=200):
    return render_template("admin/tenants.html", rows=_tenant_rows(), form=form, free=_free_municipalities(),
                           confirm_form=ConfirmForm()), status


@bp.get("/gemeenten")
@requires(perms.MANAGE_TENANTS)
def tenants():
    return _tenants_page(ProvisionForm(formdata=None))


@bp.post("/gemeenten")
@requires(perms.MANAGE_TENANTS)
def provision():
    """Provision the chosen municipality and invite its first coordinator, in one transaction."""
    form = ProvisionForm()
    if form.validate_on_submit():
        municipality = find_municipality(form.municipality.data)
        if municipality is None:
            form.municipality.errors.append(
                _("There is no municipality called \u201c%(name)s\u201d. Choose a name from the list.",
                  name=form.municipality.data.strip()))
        else:
            try:
                tenant = provision_tenant(municipality.cbs_code)
            except ProvisioningError as exc:
                form.municipality.errors.append(str(exc))
            else:
                with tenant_context(tenant.id):
                    invitation = team.invite(tenant, form.coordinator_email.data, Role.COORDINATOR.value,
                                             current_user)
                audit_log.record("tenant.coordinator_invited", object_type="tenant", object_id=tenant.id,
                                 detail=f"invitation={invitation.id}", platform=True)
                flash(_("%(name)s has been provisioned at /g/%(slug)s/. An invitation to become its coordinator "
                        "has been sent to %(email)s.", name=tenant.name, slug=tenant.slug,
                        email=invitation.email), "success")
                return redirect(url_for(".tenants"))
    return _tenants_page(form, 422)


@bp.get("/uitnodigingen")
@requires(perms.MANAGE_TENANTS)
def invitations():
    """Invitations nobody has accepted or withdrawn yet, per municipality, with their expiry."""
    now = utcnow()
    groups: dict[int, dict] = {}
    for invitation, tenant in team.pending_invitations():
        group = groups.setdefault(tenant.id, {"tenant": tenant, "rows": []})
        expires = invitation.expires_at
        expired = (expires if expires.tzinfo else expires.replace(tzinfo=timezone.utc)) <= now
        group["rows"].append((invitation, expired))
    return render_template("admin/invitations.html", groups=list(groups.values()))


def _invitation_action(invitation_id, kind, action):
    """GET: a confirmation page; POST: `action(invitation_id, tenant)` inside the invitation's municipality."""
    try:
        tenant = team.invitation_tenant(invitation_id)
    except LookupError:
        abort(404)
    form = ConfirmForm()
    with tenant_context(tenant.id):
        invitation = db.session.scalar(db.select(Invitation).filter_by(id=invitation_id))
        if form.validate_on_submit():
            return action(invitation, tenant)
        if request.method == "POST":
            abort(400)
        return render_template("admin/confirm_invitation.html", kind=kind, invitation=invitation, tenant=tenant,
                               form=form)


@bp.route("/uitnodigingen/<int:invitation_id>/opnieuw-versturen", methods=["GET", "POST"])
@requires(perms.MANAGE_TENANTS)
def resend_invitation(invitation_id):
    def resend(invitation, tenant):
        team.resend_invitation(invitation.id, tenant)
        audit_log.record("tenant.invitation_resent", object_type="tenant", object_id=tenant.id,
                         detail=f"invitation={invitation.id}", platform=True)
        flash(_("The invitation has been sent to %(email)s again; the new link is valid for 7 days.",
                email=invitation.email), "success")
        return redirect(url_for(".invitations"))

    return _invitation_action(invitation_id, "resend", resend)


@bp.route("/uitnodigingen/<int:invitation_id>/intrekken", methods=["GET", "POST"])
@requires(perms.MANAGE_TENANTS)
def revoke_invitation(invitation_id):
    def revoke(invitation, tenant):
        team.revoke_invitation(invitation.id)
        audit_log.record("tenant.invitation_revoked", object_type="tenant", object_id=tenant.id,
                         detail=f"invitation={invitation.id}", platform=True)
        flash(_("The invitation to %(email)s has been withdrawn.", email=invitation.email), "success")
        return redirect(url_for(".invitations"))

    return _invitation_action(invitation_id, "revoke", revoke)


@bp.get("/status")
@requires(perms.MANAGE_TENANTS)
def system_status():
    """The job system and its dependencies as a page for the platform administrator (the JSON for load
    balancers is /healthz); shown here instead of to every user."""
    redis = check_redis()
    return render_template("admin/status.html", database=check_database(), redis=redis,
                           rate_limits=check_rate_limits(redis), jobs=status_counts())


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
