"""Start page (choose a municipality) and the tenant home page."""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...platform.policy import Permission, Role, can, requires
from ...tenants.pages import cached_page
from . import permissions as perms

bp = Blueprint("home", __name__, template_folder="templates")
tenant_bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    memberships = current_user.active_memberships()
    if len(memberships) == 1 and not current_user.platform_role:
        return redirect(url_for("tenant.home.index", tenant_slug=memberships[0].tenant.slug))
    if not memberships and current_user.platform_role == Role.ESS_ADVISOR.value:
        return redirect(url_for("national.overview"))  # the national layer is an ESS advisor's home
    if not memberships and can(Permission.MANAGE_TENANTS):  # the platform administrator's landing page
        return redirect(url_for("admin.tenants"))
    return render_template("home/start.html", memberships=memberships)


@tenant_bp.get("/")
@login_required
@requires(perms.VIEW_TENANT_HOME)
@cached_page
def index():  # noqa: F811 - separate blueprint
    return render_template("home/tenant_home.html", tenant=g.tenant, role=Role(g.membership.role))
