"""Demo posts in the exchange (`flask demo seed`): experiences, a question with replies, an event, a post
reported by two municipalities (it shows up in the moderation queue) and, where at least 5 municipalities
of the province take part, an anonymous post awaiting moderation. Idempotent."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ...platform.auth.models import User
from ...platform.demo import DEMO_TENANTS
from ...platform.extensions import db
from ...tenants.models import Tenant
from . import choices, services
from .models import ExchangePost


def _user(slug: str, role: str = "coordinator") -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=f"{role}@{slug}.example"))


def seed_demo_exchange() -> None:
    if db.session.scalar(db.select(ExchangePost.id).limit(1)) is not None:
        return
    t = {slug: db.session.scalar(db.select(Tenant).filter_by(cbs_code=code)) for code, slug in DEMO_TENANTS.items()}
    u = {slug: _user(slug) for slug in t}
    if not all(t.values()) or not all(u.values()):
        return
    now = datetime.now(timezone.utc)

    def post(slug, days, **kw):
        return services.create_post(t[slug], u[slug].id, now=now - timedelta(days=days), **kw)

    worked = post("utrecht", 20, kind="worked", title="Werving via de sleutelpersonen zelf werkt het best",
                  body="Onze beste nieuwe sleutelpersonen kwamen via bestaande leden: zij weten wie in hun achterban "
                       "vertrouwen geniet. We vragen na elke bijeenkomst: wie mist er nog aan tafel?\n\n"
                       "Let wel op de balans: zo ontstaan snel kringetjes van dezelfde achtergrond (§2.2).",
                  tags=["2.1", "2.2"], visibility="all", author_mode="municipality")
    question = post("zwolle", 9, kind="question", title="Hoe houden jullie de kerngroep divers?",
                    body="Onze kerngroep bestaat na twee jaar vooral uit verbinders. Hoe zorgen jullie dat ook "
                         "kritische denkers en doeners blijven?", tags=["2.2", "3.3"], visibility="all",
                    author_mode="municipality")
    services.add_reply(question, t["utrecht"], u["utrecht"].id, author_mode="municipality",
                       body="Wij bespreken de rollen elk halfjaar in de evaluatie en werven gericht op de rol die ontbreekt.",
                       now=now - timedelta(days=8))
    services.add_reply(question, t["amersfoort"], u["amersfoort"].id, author_mode="municipality",
                       body="Een vaste 'luis in de pels'-rol per bijeenkomst helpt bij ons: iemand die bewust tegenspraak biedt.",
                       now=now - timedelta(days=7))
    services.follow(worked, u["zwolle"].id)
    post("amersfoort", 4, kind="event", title="Regionale kennisbijeenkomst sleutelpersonennetwerken",
         body="Op deze middag delen gemeenten in de provincie ervaringen met het opbouwen en onderhouden van hun "
              "netwerk. Aanmelden via de coördinator van Amersfoort.", tags=["3.2"], visibility="province",
         author_mode="municipality", event_on=date.today() + timedelta(days=21))
    reported = post("amersfoort", 2, kind="worked", title="Vergoeding voor sleutelpersonen",
                    body="Wij geven sleutelpersonen een vrijwilligersvergoeding; dat verhoogt de opkomst.",
                    tags=["2.3"], visibility="all", author_mode="municipality")
    for slug in ("utrecht", "zwolle"):
        services.report(reported, t[slug], u[slug].id, reason="other", note="Klopt dit met de afspraken uit §2.3?",
                        now=now - timedelta(days=1, hours=2))
    if services.participants(t["utrecht"], "province") >= choices.MIN_PARTICIPANTS:
        post("utrecht", 1, kind="question", title="Spanningen na een demonstratie",
             body="Hoe gingen jullie om met sleutelpersonen die na een demonstratie onder druk kwamen te staan "
                  "in hun eigen achterban?", tags=["3.1"], visibility="province", author_mode="anonymous")
    db.session.commit()
