"""Manifest of the advice-request inbox (issue 8 point 5): municipalities ask, ESS advisors answer."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, Panel, ScheduledJob
from . import demo, ess_routes, jobs, permissions as perms, routes, walker
from .permissions import ASK_ESS_ADVICE, HANDLE_ADVICE_REQUESTS


def _home_card(tenant):
    from . import services

    unread = services.unread_answers(tenant.id)
    return {"unread": unread} if unread else None


FEATURE = Feature.of(__package__, perms,
    blueprints=(ess_routes.bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.advice.index", _l("Ask the ESS"), ASK_ESS_ADVICE, "national", 10),
         NavItem("advice_ess.inbox", _l("Advice requests"), HANDLE_ADVICE_REQUESTS, "national", 20, scope="platform")),
    # assignment of new requests, SLA warnings (within working hours only), closing old answers
    jobs=(ScheduledJob(jobs.sweep, "reminders", "advice-sweep", interval=600),),
    home_cards=(Panel("advice/_home_card.html", ASK_ESS_ADVICE, 20, _home_card),),
    demo_seeders=(demo.seed_demo_advice,),
    arg_factories=walker.ARG_FACTORIES,
)
