"""The consent register: recording, replacing, withdrawing (as easy as giving), and withdrawal of the
special-category consent erasing the encrypted migration background, audited."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


@pytest.fixture()
def person(world):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name="Netwerk toestemming")
        db.session.add(network)
        db.session.flush()
        p = kp.create_person({"network_id": network.id, "name": "Karim Toestemmer"}, status="active",
                             special={"consent": True, "consent_on": date.today() - timedelta(days=10),
                                      "value": "with"}, actor_id=world.ids["coordinator_a"])
        return p.id


def _url(world, person_id, tail=""):
    return f"/g/{world.slugs['a']}/sleutelpersonen/{person_id}/privacy{tail}"


def _special(person_id):
    """(stored migration background, whether the consent register holds a current consent, its date)."""
    db.session.expire_all()
    value = db.session.execute(text("SELECT migration_background FROM key_persons WHERE id = :i"),
                               {"i": person_id}).scalar_one()
    on = db.session.execute(text("SELECT MAX(given_on) FROM privacy_consents WHERE person_id = :i AND "
                                 "scope = 'special_category' AND ended_on IS NULL"), {"i": person_id}).scalar()
    return value, on is not None, on


@pytest.mark.parametrize("who", ["official_a", "viewer_a"])
def test_only_coordinators_see_or_change_consents(login, world, person, who):
    b = login(who)
    assert b.get(_url(world, person)).status_code == 403
    assert b.get(_url(world, person, "/toestemming/nieuw")).status_code == 403
    r = b.post(_url(world, person, "/toestemming/nieuw"), {"scope": "registration", "basis": "consent",
                                                           "given_on": "2025-01-01", "obtained_via": "oral"})
    assert r.status_code == 403


def test_record_and_withdraw_take_the_same_number_of_steps(login, world, person):
    from sleutelnet.blueprints.privacy.models import ConsentRecord

    b = login("coordinator_a")
    page = b.get(_url(world, person)).get_data(as_text=True)
    # the consent ticked on the key person's form is in the register (its only record)
    assert "Toestemmingsregister" in page and "vastgelegd bij de gegevens van de sleutelpersoon" in page
    # recording: open the form (1), submit it (2)
    assert b.get(_url(world, person, "/toestemming/nieuw")).status_code == 200
    r = b.post(_url(world, person, "/toestemming/nieuw"),
               {"scope": "publicity", "basis": "consent", "given_on": date.today().isoformat(),
                "obtained_via": "written", "text_version": "Formulier 2025-1", "note": "Foto's nieuwjaarsbijeenkomst"})
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        record = db.session.scalar(db.select(ConsentRecord).filter_by(person_id=person, scope="publicity"))
        assert record.active and record.recorded_by_id == world.ids["coordinator_a"]
        consent_id = record.id
    page = b.get(_url(world, person)).get_data(as_text=True)
    assert "Foto’s en publiciteit" in page and "Formulier 2025-1" in page and "Intrekken" in page
    # withdrawing: open the confirmation (1), submit it (2)
    assert b.get(_url(world, person, f"/toestemming/{consent_id}/intrekken")).status_code == 200
    r = b.post(_url(world, person, f"/toestemming/{consent_id}/intrekken"),
               {"withdrawn_on": date.today().isoformat(), "via": "oral"})
    assert r.status_code == 302
    db.session.expire_all()
    with tenant_context(world.tenant_ids["a"]):
        record = db.session.get(ConsentRecord, consent_id)
        assert not record.active and record.end_reason == "withdrawn" and record.ended_on == date.today()
        assert record.ended_via == "oral" and record.ended_by_id == world.ids["coordinator_a"]
    page = b.get(_url(world, person)).get_data(as_text=True)
    assert "Ingetrokken" in page
    # an ended record cannot be withdrawn again
    r = b.post(_url(world, person, f"/toestemming/{consent_id}/intrekken"),
               {"withdrawn_on": date.today().isoformat(), "via": "oral"})
    assert r.status_code == 302
    assert "al beëindigd" in b.get(_url(world, person)).get_data(as_text=True)


def test_withdrawing_the_special_category_consent_erases_the_value(login, world, person, owner_engine):
    from sleutelnet.blueprints.privacy.models import ConsentRecord
    from sleutelnet.platform.audit import AuditEvent

    b = login("coordinator_a")
    given = (date.today() - timedelta(days=10)).isoformat()
    r = b.post(_url(world, person, "/toestemming/nieuw"),
               {"scope": "special_category", "basis": "consent", "given_on": given, "obtained_via": "written"})
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        consent_id = db.session.scalar(db.select(ConsentRecord.id).filter_by(person_id=person, ended_on=None))
        value, flag, on = _special(person)
        assert value and value != "with"  # stored encrypted
        assert flag
    page = b.get(_url(world, person, f"/toestemming/{consent_id}/intrekken")).get_data(as_text=True)
    assert "direct gewist" in page  # the confirmation says what will happen
    r = b.post(_url(world, person, f"/toestemming/{consent_id}/intrekken"),
               {"withdrawn_on": date.today().isoformat(), "via": "digital"})
    assert r.status_code == 302
    with owner_engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('app.cross_tenant', 'on', false)"))
        value = conn.execute(text("SELECT migration_background FROM key_persons WHERE id = :i"),
                             {"i": person}).scalar_one()
        current = conn.execute(text("SELECT COUNT(*) FROM privacy_consents WHERE person_id = :i AND "
                                    "scope = 'special_category' AND ended_on IS NULL"), {"i": person}).scalar()
    assert value is None and current == 0
    with tenant_context(world.tenant_ids["a"]):
        actions = set(db.session.scalars(db.select(AuditEvent.action).filter_by(object_id=str(person))))
    assert {"privacy.consent_recorded", "privacy.consent_withdrawn", "privacy.special_category_cleared"} <= actions
    page = b.get(_url(world, person)).get_data(as_text=True)
    assert "Ingetrokken" in page


def test_special_category_needs_consent_as_basis_and_dates_are_checked(login, world, person):
    b = login("coordinator_a")
    r = b.post(_url(world, person, "/toestemming/nieuw"),
               {"scope": "special_category", "basis": "legitimate_interest",
                "given_on": date.today().isoformat(), "obtained_via": "oral"})
    assert r.status_code == 422
    assert "alleen worden vastgelegd met uitdrukkelijke toestemming" in r.get_data(as_text=True)
    r = b.post(_url(world, person, "/toestemming/nieuw"),
               {"scope": "registration", "basis": "consent",
                "given_on": (date.today() + timedelta(days=1)).isoformat(), "obtained_via": "oral"})
    assert r.status_code == 422 and "toekomst" in r.get_data(as_text=True)
    r = b.post(_url(world, person, "/toestemming/nieuw"), {"scope": "", "basis": "consent", "given_on": ""})
    body = r.get_data(as_text=True)
    assert r.status_code == 422 and "Kies het doel." in body and "Vul de datum in." in body


def test_a_new_record_replaces_the_current_one_for_that_purpose(world, person):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.privacy import consents

    with tenant_context(world.tenant_ids["a"]):
        p = kp.get_person(person)
        first = consents.record_consent(p, scope="special_category", basis="consent",
                                        given_on=date.today() - timedelta(days=5), obtained_via="oral")
        second = consents.record_consent(p, scope="special_category", basis="consent", given_on=date.today(),
                                         obtained_via="written", text_version="v2")
        db.session.refresh(first)
        assert first.end_reason == "replaced" and first.ended_on == date.today() and second.active
        # replacing is not withdrawing: the migration background stays
        value, flag, _ = _special(person)
        assert value is not None and flag
        assert [c.id for c in consents.consents_for(person)][0] == second.id


def test_consents_of_another_tenant_are_not_found(login, world, person):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.privacy import consents

    with tenant_context(world.tenant_ids["a"]):
        consent_id = consents.record_consent(kp.get_person(person), scope="registration", basis="public_task",
                                             given_on=date.today(), obtained_via="oral").id
    b = login("coordinator_b")
    url = f"/g/{world.slugs['b']}/sleutelpersonen/{person}/privacy/toestemming/{consent_id}/intrekken"
    assert b.get(url).status_code == 404


def test_the_person_page_links_here_for_coordinators_only(login, world, person):
    detail = f"/g/{world.slugs['a']}/sleutelpersonen/{person}"
    page = login("coordinator_a").get(detail).get_data(as_text=True)
    assert _url(world, person) in page and f"{detail}/stoorzenders" in page
    page = login("official_a").get(detail).get_data(as_text=True)
    assert _url(world, person) not in page and "stoorzenders" not in page
