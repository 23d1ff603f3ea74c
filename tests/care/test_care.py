"""Care (§3.1–3.2): appreciation log, trainings with expiring certificates, buddy/mentor pairs with
one-click check-ins; reminders tested through their find_due functions."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def _u(world, tail, key="a"):
    return f"/g/{world.slugs[key]}/netwerkzorg{tail}"


def test_appreciation_log_and_members_without_appreciation(login, world, net):
    network_id, ids = net
    b = login("coordinator_a")
    page = b.get(_u(world, "/waardering/zonder")).get_data(as_text=True)
    assert "Persoon Zorg 0" in page and "Persoon Zorg 5" in page
    r = b.post(_u(world, f"/waardering/nieuw?netwerk={network_id}"),
               {"person_id": ids[0], "kind": "mayor_meeting", "given_on": date.today().isoformat(),
                "given_by": "Burgemeester", "note": "Bedankt"})
    assert r.status_code == 302
    # for the whole network: counts for nobody in particular
    assert b.post(_u(world, "/waardering/nieuw"), {"person_id": "", "kind": "gesture",
                                                   "given_on": date.today().isoformat()}).status_code == 302
    log = b.get(_u(world, "/waardering")).get_data(as_text=True)
    assert "Gesprek met de burgemeester" in log and "Het hele netwerk" in log
    assert "nooit een score" in log and "rang" not in log.replace("ranglijst", "")
    page = b.get(_u(world, "/waardering/zonder")).get_data(as_text=True)
    assert "Persoon Zorg 0" not in page and "Persoon Zorg 1" in page


def test_appreciation_validation(login, world, net):
    b = login("coordinator_a")
    r = b.post(_u(world, "/waardering/nieuw"), {"kind": "", "given_on": ""})
    body = r.get_data(as_text=True)
    assert r.status_code == 422 and "Kies de soort waardering." in body and "Vul de datum in." in body
    future = (date.today() + timedelta(days=3)).isoformat()
    r = b.post(_u(world, "/waardering/nieuw"), {"kind": "gesture", "given_on": future})
    assert r.status_code == 422 and "toekomst" in r.get_data(as_text=True)


def test_training_enrolment_flow_and_expiry_reminders(login, world, net):
    from sleutelnet.blueprints.care import reminders, services
    from sleutelnet.blueprints.care.models import Enrolment, Training

    _network_id, ids = net
    b = login("official_a")
    assert b.post(_u(world, "/trainingen/nieuw"), {"title": "   ", "validity_months": "abc"}).status_code == 422
    r = b.post(_u(world, "/trainingen/nieuw"), {"title": "EHBO", "provider": "Rode Kruis", "validity_months": "12"})
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        tid = db.session.scalar(db.select(Training.id))
    assert b.post(_u(world, "/trainingen/nieuw"), {"title": "EHBO"}).status_code == 422  # duplicate title
    assert b.post(_u(world, f"/trainingen/{tid}/uitnodigen"), {"person_ids": [ids[0], ids[1]]}).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        eid = db.session.scalar(db.select(Enrolment.id).filter_by(person_id=ids[0]))
    # invited -> attended is not a valid step; invited -> registered -> attended is
    b.post(_u(world, f"/trainingen/{tid}/inschrijvingen/{eid}"), {"status": "attended"})
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.get(Enrolment, eid).status == "invited"
    b.post(_u(world, f"/trainingen/{tid}/inschrijvingen/{eid}"), {"status": "registered"})
    b.post(_u(world, f"/trainingen/{tid}/inschrijvingen/{eid}"), {"status": "attended"})
    with tenant_context(world.tenant_ids["a"]):
        db.session.expire_all()
        e = db.session.get(Enrolment, eid)
        assert e.status == "attended" and e.expires_on is not None and e.expires_on > date.today()
        expires = e.expires_on
        tenant_id = world.tenant_ids["a"]
        assert list(reminders.certificate_expiry(tenant_id, expires - timedelta(days=61))) == []
        due = list(reminders.certificate_expiry(tenant_id, expires - timedelta(days=60)))
        assert [(d.offset_days, d.subject_id) for d in due] == [(60, eid)]
        assert due[0].user_ids == (world.ids["coordinator_a"],)
        due = {d.offset_days for d in reminders.certificate_expiry(tenant_id, expires - timedelta(days=10))}
        assert due == {60, 14}
        assert list(reminders.certificate_expiry(tenant_id, expires)) == []  # expired: nothing ahead
        with pytest.raises(services.CareError):
            services.move_enrolment(db.session.get(Enrolment, eid), "registered")


def test_pairs_capacity_checkins_and_silence(login, world, net):
    from sleutelnet.blueprints.care import reminders, services
    from sleutelnet.blueprints.care.models import Pair

    network_id, ids = net
    b = login("coordinator_a")
    r = b.post(_u(world, "/buddys/nieuw"), {"kind": "buddy", "mentee_id": ids[1], "buddy_id": ids[0], "goal": "  ",
                                            "starts_on": date.today().isoformat()})
    assert r.status_code == 422 and "Beschrijf het doel" in r.get_data(as_text=True)
    r = b.post(_u(world, "/buddys/nieuw"), {"kind": "buddy", "mentee_id": ids[1], "buddy_id": ids[1], "goal": "x",
                                            "starts_on": date.today().isoformat()})
    assert r.status_code == 422 and "twee verschillende" in r.get_data(as_text=True)
    for mentee in ids[1:4]:
        r = b.post(_u(world, "/buddys/nieuw"), {"kind": "buddy", "mentee_id": mentee, "buddy_id": ids[0],
                                                "goal": "Wegwijs worden", "starts_on": date.today().isoformat()})
        assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        pair_ids = db.session.scalars(db.select(Pair.id).order_by(Pair.id)).all()
        pair = db.session.get(Pair, pair_ids[0])
        assert pair.planned_end_on > pair.starts_on + timedelta(days=180)  # default six months
    for pid in pair_ids[:2]:
        b.post(_u(world, f"/buddys/{pid}/activeren"), {})
    page = b.post(_u(world, f"/buddys/{pair_ids[2]}/activeren"), {})
    with tenant_context(world.tenant_ids["a"]):
        db.session.expire_all()
        statuses = [db.session.get(Pair, p).status for p in pair_ids]
        assert statuses == ["active", "active", "proposed"]  # at most two active pairs per buddy
        assert services.active_buddy_counts() == {ids[0]: 2}
        assert reminders.engagement_facts(ids, date.today()) == {ids[0]: {"roles_this_quarter": {"buddy"}}}
    assert page.status_code == 302

    tenant_id = world.tenant_ids["a"]
    with tenant_context(tenant_id):  # as in the reminder job: no request
        assert list(reminders.buddy_checkins(tenant_id, date.today())) == []
        due = list(reminders.buddy_checkins(tenant_id, date.today() + timedelta(days=14)))
        assert len(due) == 4  # two pairs, both sides
        assert all(d.emails and "/gesprek/" in d.url for d in due)
        assert all("Persoon" not in str(d.title) for d in due)
        link = due[0].url
        assert list(reminders.silent_pairs(tenant_id, date.today() + timedelta(days=59))) == []
        silent = list(reminders.silent_pairs(tenant_id, date.today() + timedelta(days=60)))
        assert {d.subject_id for d in silent} == set(pair_ids[:2])
    path = re.sub(r"^https?://[^/]+", "", link)
    anon = type(b)(b.client.application.test_client())
    page = anon.get(path).get_data(as_text=True)
    assert "Ja, we hebben gesproken" in page and "Persoon Zorg" not in page and "Wegwijs" not in page
    assert "vastgelegd" in anon.post(path, {}).get_data(as_text=True)
    assert "al vastgelegd" in anon.get(path).get_data(as_text=True)  # single use
    assert anon.get("/gesprek/not-a-token").status_code == 404
    with tenant_context(tenant_id):  # as in the reminder job: no request
        remaining = list(reminders.buddy_checkins(tenant_id, date.today() + timedelta(days=14)))
        assert len(remaining) == 2  # the recorded check-in no longer reminds anyone
    # ending needs a confirmation page and a reason
    assert b.get(_u(world, f"/buddys/{pair_ids[0]}/beeindigen")).status_code == 200
    assert b.post(_u(world, f"/buddys/{pair_ids[0]}/beeindigen"), {"reason": ""}).status_code == 422
    assert b.post(_u(world, f"/buddys/{pair_ids[0]}/beeindigen"), {"reason": "completed"}).status_code == 302
    with tenant_context(tenant_id):
        db.session.expire_all()
        assert db.session.get(Pair, pair_ids[0]).status == "ended"


@pytest.mark.parametrize("who,allowed", [("coordinator_a", True), ("official_a", True), ("viewer_a", False)])
def test_roles(login, world, net, who, allowed):
    from sleutelnet.blueprints.care import walker

    tid, pid = walker.training_id(world), walker.pair_id(world)
    b = login(who)
    for tail in ("/waardering", "/waardering/zonder", "/waardering/nieuw", "/trainingen", "/trainingen/nieuw",
                 f"/trainingen/{tid}", f"/trainingen/{tid}/bewerken", "/buddys", "/buddys/nieuw", f"/buddys/{pid}",
                 f"/buddys/{pid}/beeindigen"):
        assert b.get(_u(world, tail)).status_code == (200 if allowed else 403), tail
    assert (b.post(_u(world, "/waardering/nieuw"), {"kind": "gesture", "given_on": date.today().isoformat()})
            .status_code) == (302 if allowed else 403)


def test_pair_view_is_access_logged_and_goal_encrypted(login, world, net, owner_engine):
    from sqlalchemy import text

    from sleutelnet.blueprints.care import walker
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess

    pid = walker.pair_id(world)
    b = login("coordinator_a")
    assert b.get(_u(world, f"/buddys/{pid}")).status_code == 200
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess).filter_by(action="view")) == 2
    with owner_engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('app.cross_tenant', 'on', false)"))
        goal = conn.execute(text("SELECT goal FROM care_pairs WHERE id = :i"), {"i": pid}).scalar()
    assert goal.startswith("gAAAA")


def test_person_page_panel(login, world, net):
    from sleutelnet.blueprints.care import services

    network_id, ids = net
    with tenant_context(world.tenant_ids["a"]):
        services.record_appreciation(network_id, person_id=ids[0], kind="mayor_meeting", given_on=date.today(),
                                     given_by="Burgemeester")
        db.session.commit()
    page = login("official_a").get(f"/g/{world.slugs['a']}/sleutelpersonen/{ids[0]}").get_data(as_text=True)
    assert "Zorg: waardering, trainingen, buddy" in page and "Gesprek met de burgemeester" in page
