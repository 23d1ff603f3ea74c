"""Disruptor assessments (guide §2.2): coordinators only, encrypted at rest, versioned, and every view and change
audited and written to the person's access log. Officials and viewers never learn that an assessment exists."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

SECRET = "Bestuurslid-van-Stichting-Omstreden-X"


@pytest.fixture()
def person_id(world):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.network.models import Network

    with tenant_context(world.tenant_ids["a"]):
        network = Network(name="Netwerk Oost")
        db.session.add(network)
        db.session.flush()
        return kp.create_person({"network_id": network.id, "name": "Hamid Beoordeelde"}, status="active",
                                actor_id=world.ids["coordinator_a"]).id


def _url(world, person_id, tail=""):
    return f"/g/{world.slugs['a']}/sleutelpersonen/{person_id}/stoorzenders{tail}"


FORM = {"assessed_on": date.today().isoformat(), "ties_level": "clearly", "ties_notes": SECRET,
        "status_level": "none", "status_notes": "", "interest_level": "somewhat",
        "interest_notes": "Noemt vooral de eigen stichting", "overall_note": "Over drie maanden opnieuw bekijken"}


def _save(world, person_id, **overrides):
    from sleutelnet.blueprints.disruptors import services
    from sleutelnet.blueprints.keypersons import services as kp

    levels = {"ties": "clearly", "status": "none", "interest": "none"}
    levels.update(overrides.pop("levels", {}))
    with tenant_context(world.tenant_ids["a"]):
        return services.save_assessment(kp.get_person(person_id), assessed_on=date.today(), levels=levels,
                                        notes={"ties": SECRET}, overall_note="Algemeen",
                                        actor_id=world.ids["coordinator_a"], **overrides).id


def test_coordinator_records_a_new_version_each_time(login, world, person_id):
    b = login("coordinator_a")
    page = b.get(_url(world, person_id)).get_data(as_text=True)
    assert "Er is nog geen beoordeling gemaakt." in page
    assert b.get(_url(world, person_id, "/nieuw")).status_code == 200
    assert b.post(_url(world, person_id, "/nieuw"), FORM).status_code == 302
    page = b.get(_url(world, person_id)).get_data(as_text=True)
    assert SECRET in page and "Duidelijk" in page and "Enigszins" in page and "Geschiedenis" not in page
    # the form for the next version starts from the latest one
    form = b.get(_url(world, person_id, "/nieuw")).get_data(as_text=True)
    assert SECRET in form
    assert b.post(_url(world, person_id, "/nieuw"), dict(FORM, ties_level="none", ties_notes="",
                                                         overall_note="Geen zorgen meer")).status_code == 302
    page = b.get(_url(world, person_id)).get_data(as_text=True)
    assert "Geen zorgen meer" in page and "Geschiedenis" in page and "Versie 1" in page

    from sleutelnet.blueprints.disruptors.models import DisruptorAssessment

    with tenant_context(world.tenant_ids["a"]):
        versions = db.session.scalars(db.select(DisruptorAssessment).filter_by(person_id=person_id)
                                      .order_by(DisruptorAssessment.version)).all()
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].ties_notes == SECRET and versions[0].ties_level == "clearly"
        first_id = versions[0].id
    old = b.get(_url(world, person_id, f"/{first_id}")).get_data(as_text=True)
    assert SECRET in old and "versie 1" in old


def test_assessments_are_encrypted_at_rest(world, person_id, owner_engine):
    _save(world, person_id)
    with owner_engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('app.cross_tenant', 'on', false)"))
        row = conn.execute(text("SELECT ties_level, ties_notes, status_level, interest_level, overall_note "
                                "FROM disruptor_assessments WHERE person_id = :p"), {"p": person_id}).one()
    for value in row:
        assert value and value.startswith("gAAAA")  # Fernet tokens, not the text
    assert SECRET not in " ".join(row) and "clearly" not in " ".join(row)


def test_every_view_and_change_is_audited_and_access_logged(login, world, person_id):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
    from sleutelnet.platform.audit import AuditEvent

    b = login("coordinator_a")
    b.post(_url(world, person_id, "/nieuw"), FORM)
    with tenant_context(world.tenant_ids["a"]):
        assessment_id = db.session.scalar(db.text("SELECT id FROM disruptor_assessments"))

    def counts():
        db.session.expire_all()
        with tenant_context(world.tenant_ids["a"]):
            log = [a for a, in db.session.execute(db.select(KeyPersonAccess.action).filter_by(person_id=person_id))]
            audit = [a for a, in db.session.execute(db.select(AuditEvent.action).filter(
                AuditEvent.action.like("disruptor.%")))]
        return log, audit

    log0, audit0 = counts()
    assert "disruptor.assessed" in audit0
    b.get(_url(world, person_id))
    b.get(_url(world, person_id, f"/{assessment_id}"))
    log1, audit1 = counts()
    assert log1.count("view") == log0.count("view") + 2
    assert audit1.count("disruptor.viewed") == audit0.count("disruptor.viewed") + 2
    with tenant_context(world.tenant_ids["a"]):
        last = db.session.scalar(db.select(AuditEvent).filter_by(action="disruptor.viewed")
                                 .order_by(AuditEvent.id.desc()))
        assert last.actor_id == world.ids["coordinator_a"] and SECRET not in (last.detail or "")
    # the views show up in "who viewed this person"
    page = b.get(f"/g/{world.slugs['a']}/sleutelpersonen/{person_id}/inzage").get_data(as_text=True)
    assert "Coordinator Utrecht" in page


@pytest.mark.parametrize("who", ["official_a", "viewer_a"])
def test_officials_and_viewers_never_see_it(login, world, person_id, who):
    first = _save(world, person_id)
    b = login(who)
    for url in (_url(world, person_id), _url(world, person_id, "/nieuw"), _url(world, person_id, f"/{first}"),
                _url(world, person_id, "/999999")):
        r = b.get(url)
        assert r.status_code == 403, url  # the same answer whether or not an assessment exists
        assert SECRET not in r.get_data(as_text=True)
    assert b.post(_url(world, person_id, "/nieuw"), FORM).status_code == 403
    # no link, no word about it on the person's page (officials may open it; viewers may not)
    page = b.get(f"/g/{world.slugs['a']}/sleutelpersonen/{person_id}")
    body = page.get_data(as_text=True)
    assert "/stoorzenders" not in body and "stoorzender" not in body.lower() and SECRET not in body


def test_validation(login, world, person_id):
    b = login("coordinator_a")
    r = b.post(_url(world, person_id, "/nieuw"), dict(FORM, ties_notes=""))
    body = r.get_data(as_text=True)
    assert r.status_code == 422 and "Licht deze beoordeling toe" in body
    r = b.post(_url(world, person_id, "/nieuw"), dict(FORM, ties_level="bogus"))
    assert r.status_code == 422 and "Kies een van de mogelijkheden." in r.get_data(as_text=True)
    r = b.post(_url(world, person_id, "/nieuw"), dict(FORM, assessed_on=(date.today() + timedelta(days=2)).isoformat()))
    assert r.status_code == 422 and "toekomst" in r.get_data(as_text=True)


def test_versions_are_never_changed(world, person_id):
    first = _save(world, person_id)
    with tenant_context(world.tenant_ids["a"]):
        from sleutelnet.blueprints.disruptors.models import DisruptorAssessment

        row = db.session.get(DisruptorAssessment, first)
        row.overall_note = "gewijzigd"
        with pytest.raises(RuntimeError):
            db.session.flush()
        db.session.rollback()


def test_other_tenant_gets_404(login, world, person_id):
    first = _save(world, person_id)
    b = login("coordinator_b")
    assert b.get(_url(world, person_id)).status_code == 404
    own = f"/g/{world.slugs['b']}/sleutelpersonen/{person_id}/stoorzenders/{first}"
    assert b.get(own).status_code == 404
