"""The tenant's team: invitations, role changes, deactivation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _

from ...platform import audit, context, uow
from ...platform.kernel import ServiceError
from ...platform.auth import sessions
from ...platform.auth.models import User
from ...platform.auth.passwords import hash_password
from ...platform.auth.tokens import hash_token, new_token
from ...platform.extensions import db
from ...platform.models import utcnow
from ...platform.policy import TENANT_ROLES, Role
from ...platform.tenancy import cross_tenant, tenant_context
from ...tenants.models import Membership, Tenant
from ...workers.queues import enqueue
from .models import Invitation

INVITATION_VALID = timedelta(days=7)


class TeamError(ServiceError):
    pass


def members(tenant_id: int) -> list[Membership]:
    return db.session.scalars(
        db.select(Membership).filter_by(tenant_id=tenant_id).join(Membership.user).order_by(User.name, User.email)
    ).all()


def open_invitations() -> list[Invitation]:
    return db.session.scalars(
        db.select(Invitation).filter_by(accepted_at=None, revoked_at=None)
        .where(Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc())
    ).all()


def invite(tenant: Tenant, email: str, role: str, invited_by: User) -> Invitation:
    email = email.strip().lower()
    if Role(role) not in TENANT_ROLES:
        raise TeamError(_("Choose a valid role."))
    existing = db.session.scalar(
        db.select(Membership).join(Membership.user).filter(Membership.tenant_id == tenant.id, User.email == email)
    )
    if existing is not None and existing.active:
        raise TeamError(_("This person is already a member of the team."))
    invitation = Invitation(email=email, role=role, token_hash="", invited_by=invited_by.id)
    db.session.add(invitation)
    _send(invitation, tenant)
    audit.record("team.invite", object_type="invitation", object_id=invitation.id, detail=role)
    uow.done()
    return invitation


def _send(invitation: Invitation, tenant: Tenant) -> None:
    """Give the invitation a fresh token and validity and queue the e-mail with its link (a link sent
    earlier stops working: only the newest token is stored)."""
    token, digest = new_token()
    invitation.token_hash, invitation.expires_at = digest, utcnow() + INVITATION_VALID
    db.session.flush()
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("auth.accept_invitation", token=token)
    enqueue("sleutelnet.workers.mail.send_email", queue="mail", tenant_id=tenant.id, to=invitation.email,
            subject=_("Invitation to Sleutelnet for the municipality of %(name)s", name=tenant.name),
            body=_("You have been invited to work in Sleutelnet for the municipality of %(name)s.\n\n"
                   "Accept the invitation within 7 days via this link:\n%(link)s\n\n"
                   "Sleutelnet supports municipalities in working with their network of key persons.",
                   name=tenant.name, link=link))


def resend_invitation(invitation_id: int, tenant: Tenant) -> Invitation:
    """Send an open (or expired, not accepted or withdrawn) invitation again with a new link, valid 7 days."""
    invitation = db.session.scalar(db.select(Invitation).filter_by(id=invitation_id, accepted_at=None,
                                                                   revoked_at=None))
    if invitation is None:
        raise LookupError(invitation_id)
    _send(invitation, tenant)
    audit.record("team.invite_resent", object_type="invitation", object_id=invitation.id)
    uow.done()
    return invitation


def revoke_invitation(invitation_id: int) -> None:
    invitation = db.session.scalar(db.select(Invitation).filter_by(id=invitation_id, accepted_at=None,
                                                                   revoked_at=None))
    if invitation is None:
        raise LookupError(invitation_id)
    invitation.revoked_at = utcnow()
    audit.record("team.invite_revoked", object_type="invitation", object_id=invitation.id)
    uow.done()


def pending_invitations() -> list[tuple[Invitation, Tenant]]:
    """Every invitation not yet accepted or withdrawn, in every municipality, expired ones included (the
    platform administrator may send them again): a named cross-tenant read for the platform admin."""
    with cross_tenant("platform-admin"):
        return db.session.execute(
            db.select(Invitation, Tenant).join(Tenant, Tenant.id == Invitation.tenant_id)
            .filter(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
            .order_by(Tenant.name, Invitation.created_at.desc())).all()


def invitation_tenant(invitation_id: int) -> Tenant:
    """The municipality of a pending invitation (platform admin; cross-tenant). LookupError if none."""
    with cross_tenant("platform-admin"):
        row = db.session.execute(
            db.select(Tenant).join(Invitation, Invitation.tenant_id == Tenant.id)
            .filter(Invitation.id == invitation_id, Invitation.accepted_at.is_(None),
                    Invitation.revoked_at.is_(None))).scalar_one_or_none()
    if row is None:
        raise LookupError(invitation_id)
    return row


@dataclass
class OpenInvitation:
    id: int
    tenant_id: int
    tenant_name: str
    email: str
    role: str


def find_open_invitation(token: str) -> OpenInvitation | None:
    """Look an invitation up by token. The invitee is not a member yet: a named cross-tenant read."""
    with cross_tenant("invitation-accept"):
        inv = db.session.scalar(db.select(Invitation).filter_by(token_hash=hash_token(token)))
        if inv is None or inv.accepted_at or inv.revoked_at or sessions._aware(inv.expires_at) < utcnow():
            return None
        tenant = db.session.get(Tenant, inv.tenant_id)
        if tenant is None or not tenant.active:
            return None
        return OpenInvitation(inv.id, inv.tenant_id, tenant.name, inv.email, inv.role)


def accept_invitation(token: str, password: str | None) -> User:
    found = find_open_invitation(token)
    if found is None:
        raise TeamError(_("This invitation is no longer valid."))
    user = db.session.scalar(db.select(User).filter_by(email=found.email))
    if user is None:
        user = User(email=found.email, name=found.email.split("@")[0])
        db.session.add(user)
    if password is not None:
        user.password_hash = hash_password(password)
    db.session.flush()
    membership = db.session.scalar(db.select(Membership).filter_by(tenant_id=found.tenant_id, user_id=user.id))
    if membership is None:
        db.session.add(Membership(tenant_id=found.tenant_id, user_id=user.id, role=found.role))
    else:
        membership.role, membership.active = found.role, True
    with tenant_context(found.tenant_id):
        inv = db.session.get(Invitation, found.id)
        inv.accepted_at = utcnow()
        audit.record("team.invite_accepted", object_type="invitation", object_id=inv.id, actor_id=user.id)
        db.session.commit()
    return user


def get_membership(membership_id: int) -> Membership:
    membership = db.session.scalar(db.select(Membership).filter_by(id=membership_id, tenant_id=context.current().tenant_id))
    if membership is None:
        raise LookupError(membership_id)
    return membership


def _coordinators_left(exclude_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count()).select_from(Membership).filter(
            Membership.tenant_id == context.current().tenant_id, Membership.role == Role.COORDINATOR.value,
            Membership.active.is_(True), Membership.id != exclude_id)
    )


def change_role(membership_id: int, role: str) -> Membership:
    membership = get_membership(membership_id)
    if Role(role) not in TENANT_ROLES:
        raise TeamError(_("Choose a valid role."))
    if membership.role == Role.COORDINATOR.value and role != membership.role and _coordinators_left(membership.id) == 0:
        raise TeamError(_("A municipality needs at least one active coordinator."))
    old = membership.role
    membership.role = role
    audit.record("team.role_changed", object_type="membership", object_id=membership.id, detail=f"{old}->{role}")
    uow.done()
    return membership


def set_member_active(membership_id: int, active: bool) -> Membership:
    membership = get_membership(membership_id)
    if not active and membership.role == Role.COORDINATOR.value and _coordinators_left(membership.id) == 0:
        raise TeamError(_("A municipality needs at least one active coordinator."))
    membership.active = active
    audit.record("team.member_activated" if active else "team.member_deactivated",
                 object_type="membership", object_id=membership.id)
    uow.done()
    return membership
