"""Demo data: one completed yearly evaluation and one answered reflection per demo municipality."""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..network.models import Network
from . import services
from .models import Evaluation, Reflection

TEXTS = {
    "achieved": ("Na de onrust in het voorjaar wisten sleutelpersonen binnen een dag wat er speelde.",
                 "Vasthouden: de belrondes na incidenten."),
    "partly": ("Bijeenkomsten zijn goed bezocht, maar jongeren zijn nauwelijks vertegenwoordigd.",
               "Gericht werven onder jongeren, met hulp van het jongerenwerk."),
    "too_early": ("Het netwerk bestaat pas kort; effecten op beleid zijn nog niet zichtbaar.",
                  "Volgend jaar opnieuw beoordelen."),
}


def seed_demo_evaluations() -> None:
    for _tenant, _slug in demo_tenants(seeded=Evaluation):
        network = db.session.scalar(db.select(Network).order_by(Network.id))
        if network is None:
            continue
        if not services.goals_of(network.id):
            continue
        today = date.today()
        evaluation = services.start_evaluation(network.id, period_start=today - timedelta(days=395),
                                               period_end=today - timedelta(days=30))
        codes = list(TEXTS)
        answers = {row.goal: {"assessment": codes[i % 3], "evidence": TEXTS[codes[i % 3]][0],
                              "change": TEXTS[codes[i % 3]][1]} for i, row in enumerate(evaluation.goals)}
        services.save_evaluation(evaluation, goals=answers, experts="Dr. A. de Vries (Verwey-Jonker Instituut)",
                                 share_decision="share", summary="Het netwerk werkt; de samenstelling vraagt "
                                 "aandacht.", complete=True)
        evaluation.completed_on = today - timedelta(days=20)
        db.session.add(Reflection(network_id=network.id, due_on=today - timedelta(days=60),
                                  answered_on=today - timedelta(days=58),
                                  coordinator_answer="Goede opkomst; de stille leden bellen we persoonlijk."))
        db.session.commit()
