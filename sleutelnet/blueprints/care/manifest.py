"""Manifest of care for the network (§3.1–3.2): appreciation, trainings, buddies and mentors."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, PersonalData, ReminderKind
from . import demo, fields, panel, permissions as perms, reminders, routes, walker
from .permissions import VIEW_CARE

def _checkins_of(model, person_id):
    """Check-ins of the pairs the person is part of (as buddy/mentor or as the one supported)."""
    from ...platform.extensions import db
    from .models import Pair

    pairs = db.select(Pair.id).where((Pair.buddy_id == person_id) | (Pair.mentee_id == person_id))
    return model.pair_id.in_(pairs.scalar_subquery())


def _personal_data():
    from .models import PairCheckIn

    return (PersonalData("care_pair_checkins", _l("Buddy check-ins"), PairCheckIn, where=_checkins_of,
                         order_by=("due_on", "id"), erasure="keep", order=75),)


FEATURE = Feature.of(__package__, perms,
    blueprints=(routes.public_bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.care.appreciation", _l("Appreciation"), VIEW_CARE, "execution", 40),
         NavItem("tenant.care.trainings", _l("Trainings"), VIEW_CARE, "execution", 41),
         NavItem("tenant.care.pairs", _l("Buddies and mentors"), VIEW_CARE, "execution", 42)),
    person_panels=(Panel("care/_person_panel.html", VIEW_CARE, 50, panel.person_context),),
    reminder_kinds=(
        ReminderKind("care.certificate_expiry", _l("Certificate expires"), reminders.certificate_expiry),
        ReminderKind("care.buddy_checkin", _l("Buddy check-in"), reminders.buddy_checkins),
        ReminderKind("care.silent_pair", _l("Buddy pair without contact"), reminders.silent_pairs),
    ),
    engagement_sources=(reminders.engagement_facts,),
    demo_seeders=(demo.seed_demo_care,),
    personal_data=_personal_data(),
    fields=fields.FIELDS,
    arg_factories={"training_id": walker.training_id, "enrolment_id": walker.enrolment_id, "pair_id": walker.pair_id},
    arg_parents={"enrolment_id": ("care_enrolments", "training_id", "training_id")},
    doc="Appreciation log, training catalogue and enrolments, buddy/mentor pairs with one-click check-ins.",
)
