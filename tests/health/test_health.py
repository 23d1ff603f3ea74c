"""Network health (§3.3): quiet/overloaded with reasons from engagement sources (a fake one here, so these
tests do not depend on the meetings/contacts areas), thresholds, who may see it, churn, officials, score."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from sleutelnet.platform import features
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from tests.care.conftest import make_network

FAKE: dict = {}


def _fake_source(person_ids, today):
    return {pid: facts for pid, facts in FAKE.items() if pid in person_ids}


@pytest.fixture()
def without_sources(monkeypatch):
    """Only the fake source (or none): the real engagement sources and the signal/meeting indicators of the
    other areas are left out, so "not recorded" and "unknown" can be tested whatever is installed."""
    import dataclasses

    stripped = tuple(dataclasses.replace(f, engagement_sources=(), indicators=())
                     if f.name in ("meetings", "contacts", "signals", "care") else f for f in features._installed)
    monkeypatch.setattr(features, "_installed", stripped)


@pytest.fixture()
def fake_source(monkeypatch, without_sources):
    FAKE.clear()
    extra = features.Feature(name="fake_engagement", engagement_sources=(_fake_source,))
    monkeypatch.setattr(features, "_installed", features._installed + (extra,))
    yield FAKE
    FAKE.clear()


def _u(world, tail="", key="a"):
    return f"/g/{world.slugs[key]}/netwerkgezondheid{tail}"


def _facts(ids):
    today = date.today()
    FAKE.update({
        ids[0]: {"meetings_missed_in_row": 3, "last_contact_on": today - timedelta(days=100)},
        ids[1]: {"meetings_missed_in_row": 0, "open_actions": 4, "last_attended_on": today - timedelta(days=10)},
        ids[2]: {"meetings_missed_in_row": 0, "roles_this_quarter": {"chair", "host"},
                 "last_attended_on": today - timedelta(days=10)},
        ids[3]: {"meetings_missed_in_row": 5, "last_contact_on": today - timedelta(days=5)},  # missed, but in touch
    })


def test_quiet_and_overloaded_with_reasons(login, world, fake_source):
    network_id, ids = make_network(world)
    _facts(ids)
    b = login("coordinator_a")
    page = b.get(_u(world, f"/betrokkenheid?netwerk={network_id}")).get_data(as_text=True)
    quiet, overloaded = page.split("Overbelast (")[0], page.split("Overbelast (")[1]
    assert "Persoon Zorg 0" in quiet and "3 bijeenkomsten achter elkaar gemist" in quiet and "100 dagen" in quiet
    assert "Persoon Zorg 3" not in quiet  # recent contact: not quiet
    assert "Persoon Zorg 1" in overloaded and "4 openstaande acties" in overloaded
    assert "Persoon Zorg 2" in overloaded and "voorzitter én gastheer" in overloaded
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess

    with tenant_context(world.tenant_ids["a"]):  # every flagged person shown is in their access log
        logged = set(db.session.scalars(db.select(KeyPersonAccess.person_id).filter_by(action="view")))
        assert logged == {ids[0], ids[1], ids[2]}
    # thresholds are per tenant
    assert b.post(_u(world, "/drempels"), {"quiet_missed_meetings": "0", "quiet_no_contact_days": "90",
                                           "overload_open_actions": "3", "overload_buddies": "2"}).status_code == 422
    assert b.post(_u(world, "/drempels"), {"quiet_missed_meetings": "4", "quiet_no_contact_days": "90",
                                           "overload_open_actions": "5", "overload_buddies": "2"}).status_code == 302
    page = b.get(_u(world, f"/betrokkenheid?netwerk={network_id}")).get_data(as_text=True)
    assert "Persoon Zorg 0" not in page and "Persoon Zorg 1" not in page and "Persoon Zorg 2" in page


def test_missing_facts_are_named_and_rules_skipped(login, world, without_sources):
    network_id, _ids = make_network(world)
    page = login("coordinator_a").get(_u(world, f"/betrokkenheid?netwerk={network_id}")).get_data(as_text=True)
    assert "Niet vastgelegd voor dit netwerk" in page and "aanwezigheid bij bijeenkomsten" in page
    assert "Persoon Zorg" not in page


def test_only_coordinators_and_linked_officials(login, world, fake_source):
    from sleutelnet.blueprints.network import services as network_services
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.tenants.models import Membership

    network_id, ids = make_network(world)
    _facts(ids)
    assert login("viewer_a").get(_u(world, "/betrokkenheid")).status_code == 403
    assert login("viewer_a").get(_u(world, "/verloop")).status_code == 403
    page = login("viewer_a").get(_u(world, "/")).get_data(as_text=True)  # the score: aggregates only
    assert "Persoon Zorg" not in page and "§" in page
    official = login("official_a")
    page = official.get(_u(world, "/betrokkenheid")).get_data(as_text=True)
    assert "Persoon Zorg" not in page and "niet aan een netwerk gekoppeld" in page
    with tenant_context(world.tenant_ids["a"]):
        membership = db.session.scalar(db.select(Membership).filter_by(user_id=world.ids["official_a"]))
        network_services.link_official(db.session.get(Network, network_id), membership.id)
    page = official.get(_u(world, "/betrokkenheid")).get_data(as_text=True)
    assert "Persoon Zorg 0" in page
    assert official.get(_u(world, "/drempels")).status_code == 403


def test_engagement_query_count_is_flat(world, app, fake_source):
    from sleutelnet.blueprints.health import engagement

    counts = []
    for n in (10, 200):
        network_id, ids = make_network(world, n=n, name=f"Netwerk {n}")
        FAKE.update({pid: {"meetings_missed_in_row": i % 5, "open_actions": i % 4} for i, pid in enumerate(ids)})
        statements = []

        def _count(*args, **kwargs):
            statements.append(1)

        with tenant_context(world.tenant_ids["a"]):
            event.listen(db.engine, "before_cursor_execute", _count)
            try:
                result = engagement.compute(network_id)
            finally:
                event.remove(db.engine, "before_cursor_execute", _count)
        assert len(result.persons) == n
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_churn_quarters_reasons_and_returners(login, world):
    from sleutelnet.blueprints.health import churn
    from sleutelnet.blueprints.keypersons import pipeline
    from sleutelnet.blueprints.keypersons import services as kp

    network_id, ids = make_network(world, n=6)
    with tenant_context(world.tenant_ids["a"]):
        for pid, reason in zip(ids[:3], ("no_time", "no_time", "personal")):
            pipeline.record_exit(kp.get_person(pid), exited_on=date.today(), reason=reason)
        pipeline.transition(kp.get_person(ids[0]), "returned", on=date.today())
        db.session.commit()
        result = churn.compute(network_id, date.today())
        current = result.quarters[-1]
        assert (current.inflow, current.outflow, current.returners) == (6, 3, 1)
        assert result.exit_reasons == {"no_time": 2, "personal": 1}
        assert result.active_now == 4
    page = login("coordinator_a").get(_u(world, f"/verloop?netwerk={network_id}")).get_data(as_text=True)
    assert "Geen tijd of energie" in page and "Mediane tijd in het netwerk" in page


def test_score_advice_cites_the_guide_and_feeds_home(login, world, fake_source):
    from sleutelnet.blueprints.health import score
    from sleutelnet.blueprints.network.models import Network

    network_id, ids = make_network(world)
    with tenant_context(world.tenant_ids["a"]):
        result = score.compute(db.session.get(Network, network_id), world.tenant_ids["a"])
        by_code = {i.code: i for i in result.indicators}
        assert by_code["role_mix"].status == "problem" and "§2.2" in by_code["role_mix"].advice
        assert by_code["officials"].status == "problem" and "§3.1" in by_code["officials"].advice
        assert by_code["signals"].status == "unknown"
        assert by_code["attendance"].status == "unknown"  # no facts yet
    _facts(ids)
    home = login("coordinator_a").get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "Gezondheid van het netwerk" in home and "luis in de pels" in home and "§2.2" in home


def test_unlinking_an_official_creates_a_handover_task(login, world):
    from sleutelnet.blueprints.health import walker
    from sleutelnet.blueprints.health.models import HandoverTask

    task_id = walker.task_id(world)
    b = login("coordinator_a")
    page = b.get(_u(world, "/")).get_data(as_text=True)
    assert "Overdrachtstaken" in page
    assert login("official_a").post(_u(world, f"/overdracht/{task_id}"), {}).status_code == 403
    assert b.post(_u(world, f"/overdracht/{task_id}"), {}).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.get(HandoverTask, task_id).done_on == date.today()


def test_home_card_keeps_the_score_briefly_per_language(login, world):
    """The home page reuses the network's computed indicators for a few minutes (fewer queries), in the
    reader's language; the health page itself is always computed afresh."""
    from sqlalchemy import event

    make_network(world)
    b = login("coordinator_a")
    statements = []

    def count(*_args):
        statements.append(1)

    def render():
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            page = b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return page, len(statements)

    first, cold = render()
    second, warm = render()
    assert warm < cold - 10 and "Gezondheid van het netwerk" in second
    b.post("/taal", {"lang": "en", "next": "/"})
    english, _n = render()
    assert "Network health" in english and "Gezondheid van het netwerk" not in english
