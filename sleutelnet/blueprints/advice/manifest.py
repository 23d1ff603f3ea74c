"""Manifest of the advice-request inbox (issue 8 point 5): municipalities ask, ESS advisors answer."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, ScheduledJob
from ...platform.policy import Role
from . import demo, ess_routes, jobs, routes, walker
from .permissions import ASK_ESS_ADVICE, HANDLE_ADVICE_REQUESTS


def _home_card(tenant):
    from . import services

    unread = services.unread_answers(tenant.id)
    return {"unread": unread} if unread else None


FEATURE = Feature(
    name="advice",
    blueprints=(ess_routes.bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.advice.index", _l("Ask the ESS"), ASK_ESS_ADVICE, "national", 10),
         NavItem("advice_ess.inbox", _l("Advice requests"), HANDLE_ADVICE_REQUESTS, "national", 20, scope="platform")),
    permissions=(ASK_ESS_ADVICE, HANDLE_ADVICE_REQUESTS),
    grants={Role.COORDINATOR: {ASK_ESS_ADVICE}, Role.OFFICIAL: {ASK_ESS_ADVICE},
            Role.ESS_ADVISOR: {HANDLE_ADVICE_REQUESTS}},
    # assignment of new requests, SLA warnings (within working hours only), closing old answers
    jobs=(ScheduledJob(jobs.sweep, "reminders", "advice-sweep", interval=600),),
    home_cards=(Panel("advice/_home_card.html", ASK_ESS_ADVICE, 20, _home_card),),
    demo_seeders=(demo.seed_demo_advice,),
    arg_factories=walker.ARG_FACTORIES,
    audit_actions={
        "advice.request_sent": _l("Advice request sent to the ESS"),
        "advice.reply_sent": _l("Municipality replied to the ESS"),
        "advice.reopened": _l("Advice request reopened"),
        "advice.share_consent": _l("Permission given to share the answer in the exchange"),
        "advice.closed": _l("Advice request closed"),
        "advice.assigned": _l("Advice request assigned to an advisor"),
        "advice.started": _l("Work on an advice request started"),
        "advice.message_sent": _l("ESS sent a message to the municipality"),
        "advice.info_request_sent": _l("ESS asked the municipality for more information"),
        "advice.answer_sent": _l("ESS answered an advice request"),
        "advice.note_added": _l("Internal note added to an advice request"),
        "advice.advisor_settings": _l("Advisor's capacity and absence changed"),
    },
    audit_kinds={
        "advice": _l("Advice requests"),
    },
    audit_objects={
        "advice_request": _l("advice request"),
    },
)
