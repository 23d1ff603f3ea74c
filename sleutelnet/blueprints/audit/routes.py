"""The tenant's audit log (coordinators)."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from ...platform.audit import AuditEvent
from ...platform.audit_forms import AuditFilterForm
from ...platform.audit_views import action_prefixes, query_events
from ...platform.policy import Permission, requires

bp = Blueprint("audit", __name__, url_prefix="/auditlog", template_folder="templates")


def render_audit(model, template, endpoint):
    form = AuditFilterForm(action_prefixes(model), request.args)
    form.validate()
    page, actors = query_events(model, action=form.action.data or None, date_from=form.date_from.data,
                                date_to=form.date_to.data, page=request.args.get("page", 1, type=int))
    return render_template(template, form=form, page=page, actors=actors, endpoint=endpoint)


@bp.get("/")
@requires(Permission.VIEW_AUDIT_LOG)
def index():
    return render_audit(AuditEvent, "audit/index.html", "tenant.audit.index")
