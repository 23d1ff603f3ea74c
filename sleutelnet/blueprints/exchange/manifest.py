"""Manifest of the regional exchange of experiences (issue 8 point 6), moderated by ESS advisors."""
from flask_babel import lazy_gettext as _l

from ...platform.features import Feature, NavItem, ScheduledJob
from ...platform.policy import Role
from . import demo, ess_routes, moderation, routes, walker
from .permissions import MODERATE_EXCHANGE, POST_TO_EXCHANGE, VIEW_EXCHANGE

FEATURE = Feature(
    name="exchange",
    blueprints=(ess_routes.bp,),
    tenant_blueprints=(routes.bp,),
    nav=(NavItem("tenant.exchange.index", _l("Exchange of experiences"), VIEW_EXCHANGE, "national", 20),
         NavItem("exchange_ess.index", _l("Exchange and moderation"), MODERATE_EXCHANGE, "national", 30,
                 scope="platform")),
    permissions=(VIEW_EXCHANGE, POST_TO_EXCHANGE, MODERATE_EXCHANGE),
    grants={Role.COORDINATOR: {VIEW_EXCHANGE, POST_TO_EXCHANGE}, Role.OFFICIAL: {VIEW_EXCHANGE, POST_TO_EXCHANGE},
            Role.VIEWER: {VIEW_EXCHANGE}, Role.ESS_ADVISOR: {MODERATE_EXCHANGE}},
    # the 24-hour reminder of the moderation queue (mails only within working hours, once per item)
    jobs=(ScheduledJob(moderation.remind_job, "reminders", "exchange-moderation-reminder", interval=1800),),
    demo_seeders=(demo.seed_demo_exchange,),
    arg_factories=walker.ARG_FACTORIES,
    audit_actions={
        "exchange.post_created": _l("Post placed in the exchange"),
        "exchange.reply_created": _l("Reply placed in the exchange"),
        "exchange.post_reported": _l("Post reported to the moderators"),
        "exchange.answer_promoted": _l("Answer to an advice request shared in the exchange"),
        "exchange.post_approve": _l("Post approved by a moderator"),
        "exchange.post_reject": _l("Post rejected by a moderator"),
        "exchange.post_remove": _l("Post removed by a moderator"),
        "exchange.reply_approve": _l("Reply approved by a moderator"),
        "exchange.reply_reject": _l("Reply rejected by a moderator"),
        "exchange.reply_remove": _l("Reply removed by a moderator"),
        "exchange.author_revealed": _l("Author of an anonymous post unmasked"),
        "exchange.sanction_mute": _l("Author muted in the exchange"),
        "exchange.sanction_ban": _l("Author banned from the exchange"),
        "exchange.sanction_lifted": _l("Sanction lifted"),
    },
    audit_kinds={
        "exchange": _l("Exchange of experiences"),
    },
    audit_objects={
        "exchange_post": _l("post"),
        "exchange_reply": _l("reply"),
        "exchange_sanction": _l("sanction"),
    },
)
