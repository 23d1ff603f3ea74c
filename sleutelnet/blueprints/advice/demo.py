"""Demo advice requests (`flask demo seed`): one in every state, asked by the demo municipalities and
handled by the demo ESS advisor, with SLA clocks at different points. Idempotent."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ...platform.auth.models import User
from ...platform.demo import DEMO_TENANTS
from ...platform.extensions import db
from ...platform.tenancy import tenant_context
from ...tenants.models import Tenant
from . import context, services
from .models import AdviceRequest
from .workhours import add_working_seconds, working_seconds

H = 3600

# slug, topic, urgency, subject, question, working hours ago, final state, steps
REQUESTS = [
    ("utrecht", "2.1", "urgent", "Jongeren betrekken bij het netwerk",
     "Ons netwerk bereikt vooral ouderen en georganiseerde groepen. Hoe werven andere gemeenten jongeren als "
     "sleutelpersoon, zonder dat het netwerk een jongerenwerkproject wordt?", 3, "new", []),
    ("zwolle", "1.2", "normal", "Draagvlak bij de nieuwe raad",
     "Na de verkiezingen is de raadssamenstelling sterk veranderd. Hoe informeren we de nieuwe raad over het "
     "netwerk zonder de vertrouwelijkheid van de sleutelpersonen te schaden?", 6, "assigned", []),
    ("amersfoort", "3.3", "normal", "Verloop na een incident",
     "Na een incident in een van de wijken zijn drie sleutelpersonen gestopt. Wat zijn ervaringen met het "
     "opvangen van verloop in zo'n periode?", 14, "in_progress",
     [("message", "Dank voor uw vraag. We verzamelen ervaringen van vergelijkbare gemeenten en komen deze week "
                  "bij u terug.")]),
    ("utrecht", "3.4", "normal", "Evaluatie-opzet na twee jaar",
     "We willen het netwerk na twee jaar evalueren. Welke vragen en werkvormen raadt de ESS aan?", 40, "waiting",
     [("info_request", "Wilt u aangeven of u de evaluatie met of zonder de sleutelpersonen zelf wilt uitvoeren? "
                       "Dan kunnen we gerichter adviseren.")]),
    ("zwolle", "2.2", "normal", "Balans in de kerngroep",
     "De kerngroep bestaat vooral uit verbinders. Hoe krijgen we meer kritische denkers aan tafel?", 60, "answered",
     [("answer", "Veel gemeenten werven kritische denkers via bestaande sleutelpersonen: vraag hen gericht wie "
                 "in hun achterban kritisch maar constructief meedenkt (§2.1, §2.2). Maak in de intake duidelijk "
                 "dat kritiek welkom is en geef de rol zichtbaar ruimte in de bijeenkomsten.")]),
    ("amersfoort", "1.1", "normal", "Doelen van een tweede netwerk",
     "Kunnen we een tweede netwerk starten voor een specifieke wijk, of is het beter het bestaande te verbreden?",
     120, "closed",
     [("answer", "Verbreed bij voorkeur het bestaande netwerk en werk met een wijkgerichte kerngroep; een tweede "
                 "netwerk vraagt eigen bestuurlijk draagvlak (§1.1, §1.2).")]),
]


def _user(email: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=email))


def _context_for(tenant: Tenant) -> str | None:
    with tenant_context(tenant.id):
        networks = context.network_choices()
        if not networks:
            return None
        from ..network import services as net_services

        network = net_services.get_network(networks[0][0])
        return context.dumps(context.build(["network_summary", "composition"], network))


def seed_demo_advice() -> None:
    if db.session.scalar(db.select(AdviceRequest.id).limit(1)) is not None:
        return
    ess = _user("ess@sleutelnet.example")
    tenants = {slug: db.session.scalar(db.select(Tenant).filter_by(cbs_code=code)) for code, slug in DEMO_TENANTS.items()}
    now = datetime.now(timezone.utc)
    for slug, topic, urgency, subject, question, hours_ago, state, steps in REQUESTS:
        tenant, asker = tenants.get(slug), _user(f"coordinator@{slug}.example")
        if tenant is None or asker is None or ess is None:
            continue
        # sent `hours_ago` working hours before now, so the SLA clocks show different stages
        created = now - timedelta(minutes=30)
        while working_seconds(created, now) < hours_ago * H:
            created -= timedelta(hours=1)
        req = services.create_request(tenant, asker.id, topic=topic, subject=subject, question=question,
                                      urgency=urgency, context_json=_context_for(tenant) if slug == "utrecht" else None,
                                      now=created, auto_assign=False)
        if state == "new":
            continue
        step_at = add_working_seconds(created, 2 * H)
        services.assign(req, ess.id, None, now=step_at)
        if state in ("in_progress", "waiting"):
            services.start(req, ess.id, now=step_at)
        for kind, body in steps:
            services.send_to_municipality(req, body, kind, ess.id, now=add_working_seconds(step_at, H))
        if state == "in_progress":
            services.add_note(req, "Vergelijkbare vraag eerder gehad van een gemeente in Gelderland; zie daar het "
                                   "antwoord over een overgangsperiode met een tijdelijke kerngroep.", ess.id, now=step_at)
        if state == "answered":
            services.give_share_consent(req, asker.id, now=add_working_seconds(step_at, 2 * H))
        if state == "closed":
            services.close(req, asker.id, by_municipality=True, now=add_working_seconds(step_at, 3 * H))
    db.session.commit()
