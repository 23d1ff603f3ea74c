"""Team page: members, roles, invitations (coordinators manage; officials see)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ...platform.policy import requires
from . import services
from .forms import ConfirmForm, InviteForm, RoleForm
from . import permissions as perms

bp = Blueprint("team", __name__, url_prefix="/team", template_folder="templates")


@bp.get("/")
@requires(perms.VIEW_TEAM)
def index():
    return render_template("team/index.html", members=services.members(g.tenant.id),
                           invitations=services.open_invitations(), invite_form=InviteForm(),
                           role_form=RoleForm(), confirm_form=ConfirmForm())


@bp.post("/uitnodigen")
@requires(perms.MANAGE_TEAM)
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite(g.tenant, form.email.data, form.role.data, g.membership.user)
        except services.TeamError as exc:
            form.email.errors.append(str(exc))
        else:
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for(".index"))
    return render_template("team/index.html", members=services.members(g.tenant.id),
                           invitations=services.open_invitations(), invite_form=form,
                           role_form=RoleForm(), confirm_form=ConfirmForm()), 422


@bp.post("/uitnodigingen/<int:invitation_id>/intrekken")
@requires(perms.MANAGE_TEAM)
def revoke_invitation(invitation_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.revoke_invitation(invitation_id)
    except LookupError:
        abort(404)
    flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for(".index"))


@bp.post("/<int:membership_id>/rol")
@requires(perms.MANAGE_TEAM)
def change_role(membership_id):
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.change_role(membership_id, form.role.data)
    except LookupError:
        abort(404)
    except services.TeamError as exc:
        flash(str(exc), "error")
    else:
        flash(_("The role has been changed."), "success")
    return redirect(url_for(".index"))


@bp.route("/<int:membership_id>/deactiveren", methods=["GET", "POST"])
@requires(perms.MANAGE_TEAM)
def deactivate(membership_id):
    """GET asks for confirmation; POST deactivates (the account and its history are kept)."""
    try:
        membership = services.get_membership(membership_id)
    except LookupError:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.set_member_active(membership_id, False)
        except services.TeamError as exc:
            flash(str(exc), "error")
        else:
            flash(_("The team member has been deactivated."), "success")
        return redirect(url_for(".index"))
    return render_template("team/confirm_deactivate.html", membership=membership, form=form)


@bp.post("/<int:membership_id>/activeren")
@requires(perms.MANAGE_TEAM)
def activate(membership_id):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.set_member_active(membership_id, True)
    except LookupError:
        abort(404)
    flash(_("The team member has been reactivated."), "success")
    return redirect(url_for(".index"))
