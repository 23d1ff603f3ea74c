"""The tenant's audit log (coordinators)."""
from __future__ import annotations

from flask import Blueprint

from ...platform.audit import AuditEvent
from ...platform.audit_views import render_audit
from ...platform.policy import requires
from . import permissions as perms

bp = Blueprint("audit", __name__, url_prefix="/auditlog", template_folder="templates")


@bp.get("/")
@requires(perms.VIEW_AUDIT_LOG)
def index():
    return render_audit(AuditEvent, "audit/index.html", "tenant.audit.index")
