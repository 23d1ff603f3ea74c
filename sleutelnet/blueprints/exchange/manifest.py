"""Manifest of the regional exchange of experiences (issue 8 point 6), moderated by ESS advisors."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from . import demo, ess_routes, moderation, permissions as perms, routes, walker
from .permissions import MODERATE_EXCHANGE, VIEW_EXCHANGE

FEATURE = Feature.of(__package__, perms,
    blueprints=(ess_routes.bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.exchange.index", _l("Exchange of experiences"), VIEW_EXCHANGE, "national", 20),
         NavItem("exchange_ess.index", _l("Exchange and moderation"), MODERATE_EXCHANGE, "national", 30,
                 scope="platform")),
    # the 24-hour reminder of the moderation queue (mails only within working hours, once per item)
    jobs=(ScheduledJob(moderation.remind_job, "reminders", "exchange-moderation-reminder", interval=1800),),
    demo_seeders=(demo.seed_demo_exchange,),
    arg_factories=walker.ARG_FACTORIES,
)
