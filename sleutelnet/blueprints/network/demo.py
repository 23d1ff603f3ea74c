"""Demo networks for the demo municipalities (`flask demo seed`), at three stages of phase 1:
Utrecht has completed the preparation, Zwolle is halfway, Amersfoort has just started. Idempotent.
"""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ...tenants.models import Membership, Tenant
from . import services


def _member(tenant: Tenant, slug: str, role: str) -> Membership | None:
    user = db.session.scalar(db.select(User).filter_by(email=f"{role}@{slug}.example"))
    if user is None:
        return None
    return db.session.scalar(db.select(Membership).filter_by(tenant_id=tenant.id, user_id=user.id))


def _ago(days: int) -> date:
    return date.today() - timedelta(days=days)


def _utrecht(tenant, slug):
    coordinator, official = _member(tenant, slug, "coordinator"), _member(tenant, slug, "official")
    actor = coordinator.user_id if coordinator else None
    network = services.create_network("Sleutelpersonennetwerk Utrecht")
    services.save_purpose(
        network,
        social_issue="Toenemende polarisatie en spanningen tussen bevolkingsgroepen, versterkt door internationale "
                     "conflicten, en zorgen over jongeren die vatbaar zijn voor extremistische denkbeelden in "
                     "onder meer Overvecht en Kanaleneiland.",
        goals=["awareness", "resilience", "de_escalation", "policy"],
        goals_other="Snel een betrouwbaar beeld krijgen van wat er speelt in de wijken na ingrijpende gebeurtenissen.",
        answer_issue_policy="De opgave is het behouden van sociale stabiliteit in een stad met ruim 170 nationaliteiten. "
                            "Het beleid valt onder het programma Samenleven en de aanpak polarisatie en radicalisering "
                            "(portefeuille burgemeester en wethouder Welzijn).",
        answer_fitting_means="Een netwerk is passend omdat sleutelpersonen signalen eerder opvangen dan professionals. "
                             "Het netwerk wordt gecombineerd met jongerenwerk, de wijkteams en de bestaande "
                             "aanpak van het Veiligheidshuis.",
        answer_existing_sufficient="Het interreligieus beraad en de wijkplatforms bereiken vooral georganiseerde groepen; "
                                   "jongeren en nieuwe gemeenschappen ontbreken. Een nieuw netwerk is daarom nodig.",
        answer_relation_existing="Het netwerk werkt samen met het interreligieus beraad (gedeelde bijeenkomsten twee "
                                 "keer per jaar) en verwijst door naar de wijkteams; er is geen overlap in leden "
                                 "in de kerngroep.",
        existing_networks="Interreligieus beraad Utrecht, wijkplatforms Overvecht en Kanaleneiland, "
                          "netwerk jongerenwerk (JoU).",
    )
    services.save_support(network, budget_moment="budget", budget_year=date.today().year,
                          notes="De burgemeester is bestuurlijk trekker; wethouder Welzijn is betrokken vanwege de "
                                "koppeling met de wijkaanpak. De raad wordt jaarlijks geïnformeerd met een raadsbrief.")
    for days, body, detail, how, note in (
        (420, "mayor", "", "informed", "Verkennend gesprek over de meerwaarde van een sleutelpersonennetwerk."),
        (380, "executive", "", "decision", "Collegebesluit opzet netwerk en budget voor twee jaar."),
        (350, "council", "commissie Mens en Samenleving", "presented",
         "Presentatie samen met twee sleutelpersonen; positief ontvangen."),
        (90, "alderman", "wethouder Welzijn", "informed", "Voortgang en eerste resultaten besproken."),
    ):
        services.add_support_entry(network, occurred_on=_ago(days), body=body, body_detail=detail,
                                   involvement=how, note=note, user_id=actor)
    services.save_frameworks(
        network, meeting_mode="combination", meeting_cadence="six_weekly",
        location_types=["town_hall", "house_of_worship", "community_centre", "member_locations"],
        location_note="Afwisselend in moskee, kerk, buurthuis en stadhuis.",
        target_size=60, has_core_group=True, core_group_size=12, plenary_per_year=2,
        reciprocity=["knowledge", "networks", "activity_funds", "practical_help"],
        reciprocity_note="Jaarlijkse training omgaan met spanningen; budget voor themabijeenkomsten in de wijk.",
        recruitment="own", scout="Welzijnsorganisatie in de wijk samen met twee ervaren sleutelpersonen",
        ambition="Binnen twee jaar een divers netwerk van 60 sleutelpersonen uit alle wijken, met een kerngroep "
                 "die bij spanningen binnen 48 uur bijeen kan komen.",
        budget_eur=85000, hours=24, hours_per="week",
    )
    services.record_role_change(network, role="director", effective_on=_ago(400),
                                note="In de opstartfase neemt de gemeente het initiatief en trekt het netwerk.",
                                user_id=actor)
    services.record_role_change(network, role="facilitator", effective_on=_ago(60),
                                note="De kerngroep stuurt het netwerk steeds meer zelf; de gemeente faciliteert.",
                                user_id=actor)
    for member, portfolio in ((coordinator, "Veiligheid en polarisatie"), (official, "Sociaal domein")):
        if member is not None:
            services.link_official(network, member.id, portfolio, user_id=actor)


def _zwolle(tenant, slug):
    coordinator = _member(tenant, slug, "coordinator")
    actor = coordinator.user_id if coordinator else None
    network = services.create_network("Netwerk Verbinding Zwolle")
    services.save_purpose(
        network,
        social_issue="Spanningen rond de komst van nieuwe asielzoekerscentra en onrust onder jongeren in Holtenbroek "
                     "en Diezerpoort.",
        goals=["de_escalation", "resilience"],
        answer_issue_policy="Opgave: vreedzaam samenleven in de wijken. Beleid: integrale wijkaanpak en de "
                            "nota Samen Zwolle.",
        answer_fitting_means="Een netwerk past, in combinatie met de inzet van wijkagenten en jongerenwerk.",
        answer_existing_sufficient="Bestaande buurtnetwerken richten zich op leefbaarheid, niet op spanningen.",
        answer_relation_existing="Het netwerk sluit aan bij de buurtnetwerken; leden kunnen in beide actief zijn.",
        existing_networks="Buurtnetwerken Holtenbroek en Diezerpoort, platform kerken en moskeeën.",
    )
    services.save_support(network, budget_moment="framework_memo", budget_year=date.today().year + 1,
                          notes="Gesprek met de burgemeester staat gepland; voorstel meenemen in de voorjaarsnota.")
    services.save_frameworks(network, meeting_mode="periodic", meeting_cadence="monthly",
                             location_types=["community_centre", "library"], target_size=25)
    if coordinator is not None:
        services.link_official(network, coordinator.id, "Wijkaanpak", user_id=actor)


def _amersfoort(tenant, slug):
    coordinator = _member(tenant, slug, "coordinator")
    network = services.create_network("Sleutelfiguren Amersfoort")
    services.save_purpose(network, social_issue="Zorgen over radicalisering en polarisatie onder jongeren.",
                          goals=["awareness"])
    if coordinator is not None:
        services.link_official(network, coordinator.id, "Openbare orde en veiligheid",
                               user_id=coordinator.user_id)


SEEDS = {"utrecht": _utrecht, "zwolle": _zwolle, "amersfoort": _amersfoort}


def seed_demo_networks() -> None:
    from .models import Network

    for tenant, slug in demo_tenants(seeded=Network, slugs=SEEDS):
        SEEDS[slug](tenant, slug)
