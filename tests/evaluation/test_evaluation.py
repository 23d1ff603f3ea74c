"""Evaluation and reflection (§3.4): scored against the goals of phase 1, completion rules, the council
decision, schedule, home-page tasks and reminders."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from tests.care.conftest import make_network


def _u(world, tail="", key="a"):
    return f"/g/{world.slugs[key]}/evaluatie{tail}"


def _goals(world, network_id, goals=("awareness", "policy"), other=""):
    from sleutelnet.blueprints.network import services as network_services
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network_services.save_purpose(db.session.get(Network, network_id), goals=list(goals), goals_other=other)


def test_yearly_evaluation_against_the_goals(login, world):
    from sleutelnet.blueprints.evaluation import services
    from sleutelnet.blueprints.evaluation.models import Evaluation

    network_id, _ids = make_network(world)
    b = login("coordinator_a")
    form = {"period_start": "2025-01-01", "period_end": "2025-12-31"}
    r = b.post(_u(world, f"/nieuw?netwerk={network_id}"), form)
    assert r.status_code == 422 and "Kies eerst de doelen" in r.get_data(as_text=True)
    _goals(world, network_id, other="Snel weten wat er speelt")
    assert b.post(_u(world, f"/nieuw?netwerk={network_id}"), dict(form, period_end="2024-01-01")).status_code == 422
    r = b.post(_u(world, f"/nieuw?netwerk={network_id}"), form)
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        evaluation = db.session.scalar(db.select(Evaluation))
        eid = evaluation.id
        assert [g.goal for g in evaluation.goals] == ["awareness", "policy", "other"]
        due_before = services.next_due(network_id)
    page = b.get(_u(world, f"/{eid}")).get_data(as_text=True)
    assert "Voorlichting en bewustwording" in page and "Snel weten wat er speelt" in page
    # completing needs every goal assessed with evidence, and a council decision
    r = b.post(_u(world, f"/{eid}"), {"share_decision": "undecided", "complete": "y", "assessment_awareness": "achieved"})
    body = r.get_data(as_text=True)
    assert r.status_code == 422 and "Beoordeel dit doel" in body and "Beschrijf waaruit" in body and "gemeenteraad" in body
    data = {"share_decision": "share", "complete": "y", "experts": "Dr. A. de Vries", "summary": "Goed op weg"}
    for code in ("awareness", "policy", "other"):
        data.update({f"assessment_{code}": "partly", f"evidence_{code}": "   "})
    assert b.post(_u(world, f"/{eid}"), data).status_code == 422  # whitespace is no evidence
    for code in ("awareness", "policy", "other"):
        data[f"evidence_{code}"] = "Drie bijeenkomsten met goede opkomst"
    assert b.post(_u(world, f"/{eid}"), data).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        db.session.expire_all()
        evaluation = db.session.get(Evaluation, eid)
        assert evaluation.status == "completed" and evaluation.share_decision == "share"
        assert services.next_due(network_id) == date.today().replace(year=date.today().year + 1) and due_before
        assert services.outcome_counts(network_id, date.today(), date.today() + timedelta(days=1)) == {"partly": 3}
    # a completed evaluation is read-only
    assert b.post(_u(world, f"/{eid}"), data).status_code == 200
    page = login("viewer_a").get(_u(world, f"/{eid}")).get_data(as_text=True)
    assert "Drie bijeenkomsten" in page and "<form method=\"post\" class=\"sn-form\"" not in page
    assert login("viewer_a").post(_u(world, f"/{eid}"), data).status_code == 403


def test_tasks_reminders_and_reflection(login, world, app):
    from sleutelnet.blueprints.evaluation import reminders, services
    from sleutelnet.blueprints.network.models import Network

    network_id, _ids = make_network(world)
    tenant_id = world.tenant_ids["a"]
    with tenant_context(tenant_id), app.test_request_context(f"/g/{world.slugs['a']}/"):
        from flask import g

        g.tenant_slug = world.slugs["a"]
        due = services.next_due(network_id)
        assert due == db.session.get(Network, network_id).created_at.date().replace(year=due.year)
        assert list(reminders.evaluation_due(tenant_id, due - timedelta(days=31))) == []
        offsets = {d.offset_days for d in reminders.evaluation_due(tenant_id, due - timedelta(days=30))}
        assert offsets == {30}
        assert {d.offset_days for d in reminders.evaluation_due(tenant_id, due)} == {30, 0}
        assert [t.kind for t in services.tasks(network_id, due - timedelta(days=10))][:1] == ["evaluation"]
        assert services.tasks(network_id, date.today()) == []
        reflection_on = services.reflection_due(network_id)
        assert reflection_on == date.today() + timedelta(days=31 * 4)  # 4 meetings, monthly by default
        assert list(reminders.reflection_due(tenant_id, reflection_on))[0].kind == "evaluation.reflection_due"
    b = login("coordinator_a")
    assert b.post(_u(world, f"/reflectie?netwerk={network_id}"), {"coordinator_answer": "  "}).status_code == 422
    assert b.post(_u(world, f"/reflectie?netwerk={network_id}"), {"coordinator_answer": "Goed gesprek"}).status_code == 302
    with tenant_context(tenant_id):
        assert services.reflection_due(network_id) == date.today() + timedelta(days=31 * 4)
        assert services.reflections(network_id)[0].coordinator_answer == "Goed gesprek"
    assert b.post(_u(world, f"/planning?netwerk={network_id}"), {"interval_months": "2", "reflection_every": "4"}
                  ).status_code == 422
    assert b.post(_u(world, f"/planning?netwerk={network_id}"), {"interval_months": "6", "reflection_every": "2"}
                  ).status_code == 302


@pytest.mark.parametrize("who,view,manage", [("coordinator_a", 200, 200), ("official_a", 200, 403),
                                             ("viewer_a", 200, 403)])
def test_roles(login, world, who, view, manage):
    from sleutelnet.blueprints.evaluation import walker

    eid = walker.evaluation_id(world)
    b = login(who)
    assert b.get(_u(world, "/")).status_code == view
    assert b.get(_u(world, f"/{eid}")).status_code == view
    for tail in ("/nieuw", "/planning", "/reflectie"):
        assert b.get(_u(world, tail)).status_code == manage, tail


def test_home_page_task_for_coordinators_only(login, world):
    from sleutelnet.blueprints.evaluation.models import Reflection

    network_id, _ids = make_network(world)
    with tenant_context(world.tenant_ids["a"]):  # a reflection moment that is due today
        db.session.add(Reflection(network_id=network_id, due_on=date.today() - timedelta(days=1)))
        db.session.commit()
    home = f"/g/{world.slugs['a']}/"
    assert "Er is een reflectiemoment aan de beurt" in login("coordinator_a").get(home).get_data(as_text=True)
    page = login("viewer_a").get(home).get_data(as_text=True)
    assert "Gezondheid van het netwerk" in page and "reflectiemoment" not in page


def test_reflection_falls_on_the_nth_meeting_held(world, app):
    """Reflection every N meetings (§3.4): counted from the meetings actually held, not only estimated."""
    from datetime import datetime, timezone

    from sleutelnet.blueprints.evaluation import services
    from sleutelnet.blueprints.meetings.models import Meeting

    network_id, _ids = make_network(world)
    with tenant_context(world.tenant_ids["a"]):
        services.save_schedule(network_id, interval_months=12, reflection_every=2, reflect_with_network=False)
        start = date.today()
        assert services.reflection_due(network_id) == start + timedelta(days=31 * 2)  # nothing held yet
        first, second = start + timedelta(days=3), start + timedelta(days=10)
        for day, status in ((first, "held"), (start + timedelta(days=5), "cancelled"), (second, "minutes_approved")):
            db.session.add(Meeting(network_id=network_id, title="Plenair", status=status,
                                   starts_at=datetime(day.year, day.month, day.day, 18, tzinfo=timezone.utc)))
            db.session.flush()
            if day == first:  # one held: the second is still to come, a month after it
                assert services.reflection_due(network_id) == first + timedelta(days=31)
        assert services.reflection_due(network_id) == second  # the 2nd held meeting (the cancelled one not)


def test_next_due_as_of_a_day_ignores_evaluations_completed_after_it(world, app):
    """A past quarter's health score asks when the evaluation was due then: an evaluation completed later
    does not count for it (it used to, so an old quarter looked up to date after the fact)."""
    from dateutil.relativedelta import relativedelta

    from sleutelnet.blueprints.evaluation import choices, services
    from sleutelnet.blueprints.evaluation.models import Evaluation
    from sleutelnet.blueprints.network.models import Network

    network_id, _ids = make_network(world)
    interval = relativedelta(months=choices.DEFAULT_INTERVAL_MONTHS)
    with tenant_context(world.tenant_ids["a"]):
        started = db.session.get(Network, network_id).created_at.date()
        completed = date.today() - timedelta(days=20)
        db.session.add(Evaluation(network_id=network_id, period_start=completed - timedelta(days=365),
                                  period_end=completed, status="completed", completed_on=completed))
        db.session.commit()
        assert services.next_due(network_id, completed - timedelta(days=1)) == started + interval
        assert services.next_due(network_id, completed) == completed + interval
        assert services.next_due(network_id) == completed + interval
