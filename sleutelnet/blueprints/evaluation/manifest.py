"""Manifest of evaluation and reflection (§3.4)."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, Indicator, NavItem, ReminderKind
from . import demo, permissions as perms, reminders, routes, walker
from .permissions import VIEW_EVALUATIONS

FEATURE = Feature.of(__package__, perms,
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.evaluation.index", _l("Evaluation"), VIEW_EVALUATIONS, "execution", 60),),
    reminder_kinds=(ReminderKind("evaluation.due", _l("Evaluation due"), reminders.evaluation_due),
                    ReminderKind("evaluation.reflection_due", _l("Reflection moment due"), reminders.reflection_due)),
    indicators=(Indicator("evaluation.evaluations_done", _l("Evaluations completed"), reminders.evaluations_done),),
    demo_seeders=(demo.seed_demo_evaluations,),
    arg_factories={"evaluation_id": walker.evaluation_id},
    doc="Periodic evaluation against the goals of phase 1, reflection moments, home-page tasks and reminders.",
)
