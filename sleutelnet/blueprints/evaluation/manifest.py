"""Manifest of evaluation and reflection (§3.4)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Indicator, NavItem, ReminderKind
from ...platform.policy import Role
from . import demo, reminders, routes, walker
from .permissions import MANAGE_EVALUATIONS, VIEW_EVALUATIONS

FEATURE = Feature(
    name="evaluation",
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.evaluation.index", _l("Evaluation"), VIEW_EVALUATIONS, "execution", 60),),
    permissions=(VIEW_EVALUATIONS, MANAGE_EVALUATIONS),
    grants={Role.COORDINATOR: {VIEW_EVALUATIONS, MANAGE_EVALUATIONS}, Role.OFFICIAL: {VIEW_EVALUATIONS},
            Role.VIEWER: {VIEW_EVALUATIONS}},
    reminder_kinds=(ReminderKind("evaluation.due", _l("Evaluation due"), reminders.evaluation_due),
                    ReminderKind("evaluation.reflection_due", _l("Reflection moment due"), reminders.reflection_due)),
    indicators=(Indicator("evaluation.evaluations_done", _l("Evaluations completed"), reminders.evaluations_done),),
    demo_seeders=(demo.seed_demo_evaluations,),
    arg_factories={"evaluation_id": walker.evaluation_id},
    doc="Periodic evaluation against the goals of phase 1, reflection moments, home-page tasks and reminders.",
    audit_actions={
        "evaluation.schedule_saved": _l("Evaluation schedule saved (§3.4)"),
        "evaluation.started": _l("Evaluation started (§3.4)"),
        "evaluation.saved": _l("Evaluation saved"),
        "evaluation.completed": _l("Evaluation completed"),
        "evaluation.reflection_answered": _l("Answers of a reflection moment recorded"),
    },
    audit_kinds={
        "evaluation": _l("Evaluation and reflection"),
    },
    audit_objects={
        "evaluation": _l("evaluation"),
        "reflection": _l("reflection moment"),
    },
)
