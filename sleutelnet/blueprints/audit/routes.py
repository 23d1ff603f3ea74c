"""The tenant's audit log (coordinators)."""
from __future__ import annotations

from flask import Blueprint

from ...platform.audit import AuditEvent
from ...platform.audit_views import render_audit
from ...platform.policy import Permission, requires

bp = Blueprint("audit", __name__, url_prefix="/auditlog", template_folder="templates")


@bp.get("/")
@requires(Permission.VIEW_AUDIT_LOG)
def index():
    return render_audit(AuditEvent, "audit/index.html", "tenant.audit.index")
