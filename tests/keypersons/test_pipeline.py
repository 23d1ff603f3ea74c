"""Pipeline services: allowed and forbidden moves, dated history, intakes, exits, successors, referrals."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from sleutelnet.blueprints.keypersons import choices, pipeline, services
from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonStatusChange
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db

DAY = timedelta(days=1)


def _history(person_id):
    return db.session.scalars(db.select(KeyPersonStatusChange).filter_by(person_id=person_id)
                              .order_by(KeyPersonStatusChange.id)).all()


def _to(person_id, status, reg):
    """Bring a person to `status` along an allowed path."""
    paths = {"lead": [], "intake": ["intake"], "active": ["intake", "active"], "paused": ["intake", "active", "paused"],
             "exited": ["intake", "active", "exited"], "returned": ["intake", "active", "exited", "returned"]}
    for step in paths[status]:
        person = reg.get(person_id)
        if step == "exited":
            pipeline.record_exit(person, exited_on=None, reason="no_time")
        else:
            pipeline.transition(person, step)


def test_the_normal_path_is_a_dated_history(reg, network_a, world):
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        start = date.today() - 10 * DAY
        person = reg.get(pid)
        person.status_since = start
        db.session.commit()
        pipeline.transition(reg.get(pid), "intake", on=start + DAY, reason="eerste gesprek gepland",
                            actor_id=world.ids["official_a"])
        pipeline.transition(reg.get(pid), "active", on=start + 3 * DAY)
        pipeline.transition(reg.get(pid), "paused", on=start + 5 * DAY, reason="zwangerschapsverlof")
        pipeline.transition(reg.get(pid), "active", on=start + 9 * DAY)
        person = reg.get(pid)
        assert (person.status, person.status_since) == ("active", start + 9 * DAY)
        rows = _history(pid)
        assert [(r.from_status, r.to_status) for r in rows] == [
            (None, "lead"), ("lead", "intake"), ("intake", "active"), ("active", "paused"), ("paused", "active")]
        assert rows[1].changed_on == start + DAY and rows[1].changed_by_id == world.ids["official_a"]
        assert rows[1].reason == "eerste gesprek gepland"
        actions = db.session.scalars(db.select(AuditEvent.action).filter_by(object_id=str(pid))).all()
        assert actions.count("keyperson.status_changed") == 4


@pytest.mark.parametrize("start,target", [
    ("lead", "active"), ("lead", "paused"), ("lead", "returned"), ("intake", "paused"), ("intake", "lead"),
    ("active", "lead"), ("active", "intake"), ("active", "returned"), ("paused", "returned"), ("paused", "intake"),
    ("exited", "active"), ("exited", "paused"), ("exited", "lead"), ("returned", "paused"), ("returned", "lead"),
    ("active", "active"), ("active", "unknown"),
])
def test_forbidden_moves_are_refused(reg, network_a, start, target):
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        _to(pid, start, reg)
        before = len(_history(pid))
        with pytest.raises(pipeline.PipelineError):
            pipeline.transition(reg.get(pid), target)
        assert reg.get(pid).status == start
        assert len(_history(pid)) == before


@pytest.mark.parametrize("start,target", [(s, t) for s, ts in pipeline.ALLOWED_TRANSITIONS.items() for t in ts])
def test_every_allowed_move_works(reg, network_a, start, target):
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        _to(pid, start, reg)
        if target == "exited":
            pipeline.record_exit(reg.get(pid), exited_on=None, reason="personal")
        else:
            pipeline.transition(reg.get(pid), target)
        assert reg.get(pid).status == target


def test_leaving_needs_an_exit_record(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        with pytest.raises(pipeline.PipelineError):
            pipeline.transition(reg.get(pid), "exited")


def test_dates_cannot_be_in_the_future_or_before_the_current_status(reg, network_a):
    pid = reg.person(network_id=network_a, status_on=date.today() - 5 * DAY)
    with reg.tenant():
        with pytest.raises(pipeline.PipelineError):
            pipeline.transition(reg.get(pid), "intake", on=date.today() + DAY)
        with pytest.raises(pipeline.PipelineError):
            pipeline.transition(reg.get(pid), "intake", on=date.today() - 6 * DAY)
        pipeline.transition(reg.get(pid), "intake", on=date.today() - 5 * DAY)


def test_intake_moves_a_candidate_into_conversation_and_notes_expectations(reg, network_a, world):
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        held = date.today() - 2 * DAY
        intake = pipeline.record_intake(reg.get(pid), held_on=held, held_by_id=world.ids["official_a"],
                                        motivation_assessment="strong", expectations_discussed=True,
                                        notes="Wil jongeren bereiken")
        person = reg.get(pid, full=True)
        assert person.status == "intake"
        assert person.status_changes[0].reason_code == "intake_held"
        assert person.expectations_discussed_on == held
        assert person.expectations_discussed_by_id == world.ids["official_a"]
        assert [i.id for i in person.intakes] == [intake.id]
        assert person.intakes[0].notes == "Wil jongeren bereiken"
        # a second intake keeps the status
        pipeline.record_intake(reg.get(pid), held_on=date.today())
        assert reg.get(pid).status == "intake"


def test_intake_refused_after_leaving(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        pipeline.record_exit(reg.get(pid), exited_on=None, reason="no_time")
        with pytest.raises(pipeline.PipelineError):
            pipeline.record_intake(reg.get(pid), held_on=None)


def test_exit_records_reason_interview_and_successors(reg, network_a):
    pid = reg.person("Hatice Kaya", network_id=network_a, status="active")
    with reg.tenant():
        record = pipeline.record_exit(
            reg.get(pid), exited_on=date.today(), reason="constituency", interview_held=True,
            interview_notes="Druk vanuit de achterban", successors=[("Samira Bouzid", "via de moskee"), ("  ", "")])
        person = reg.get(pid, full=True)
        assert person.status == "exited"
        assert record.reason == "constituency" and record.interview_on == date.today()
        assert [(s.name, s.note, s.lead_id) for s in person.exits[0].successors] == [("Samira Bouzid", "via de moskee", None)]
        assert (person.status_changes[0].to_status, person.status_changes[0].reason_code) == ("exited", "constituency")
        # no names in the audit log
        details = " ".join(d or "" for d in db.session.scalars(db.select(AuditEvent.detail)))
        assert "Hatice" not in details and "Samira" not in details


def test_exit_needs_a_known_reason_and_text_for_other(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        with pytest.raises(pipeline.PipelineError):
            pipeline.record_exit(reg.get(pid), exited_on=None, reason="bored")
        with pytest.raises(pipeline.PipelineError) as exc:
            pipeline.record_exit(reg.get(pid), exited_on=None, reason="other", reason_other=" ")
        assert exc.value.field == "reason_other"
        pipeline.record_exit(reg.get(pid), exited_on=None, reason="other", reason_other="Verhuisd naar Spanje")
        change = reg.get(pid).status_changes[0]
        assert (change.reason_code, change.reason) == ("other", "Verhuisd naar Spanje")
        assert choices.status_change_reason(change).endswith(": Verhuisd naar Spanje")


def test_successors_become_candidates_referred_by_the_leaver(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        record = pipeline.record_exit(reg.get(pid), exited_on=None, reason="no_time",
                                      successors=[("Youssef Benali", "kent de jongeren"), ("Eline Visser", "")],
                                      create_leads=True)
        leads = db.session.scalars(db.select(KeyPerson).filter_by(referred_by_id=pid).order_by(KeyPerson.name)).all()
        assert [(p.name, p.status, p.recruitment_channel, p.network_id) for p in leads] == [
            ("Eline Visser", "lead", "snowball", network_a), ("Youssef Benali", "lead", "snowball", network_a)]
        assert {s.lead_id for s in reg.get(pid, full=True).exits[0].successors} == {p.id for p in leads}
        assert record.successors[0].lead_id is not None
        first = db.session.scalars(db.select(KeyPersonStatusChange).filter_by(person_id=leads[0].id)).one()
        assert (first.from_status, first.to_status, first.reason_code) == (None, "lead", "suggested_successor")


def test_one_click_successor_and_not_twice(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        record = pipeline.record_exit(reg.get(pid), exited_on=None, reason="personal",
                                      successors=[("Kofi Mensah", "buurtvader")])
        successor_id = record.successors[0].id
        lead = pipeline.create_lead_from_successor(successor_id)
        assert (lead.referred_by_id, lead.status, lead.notes) == (pid, "lead", "buurtvader")
        with pytest.raises(pipeline.PipelineError):
            pipeline.create_lead_from_successor(successor_id)
        with pytest.raises(LookupError):
            pipeline.create_lead_from_successor(99999)


def test_returning_after_leaving(reg, network_a):
    pid = reg.person(network_id=network_a, status="active")
    with reg.tenant():
        pipeline.record_exit(reg.get(pid), exited_on=None, reason="personal")
        pipeline.transition(reg.get(pid), "returned")
        pipeline.transition(reg.get(pid), "active")
        assert [c.to_status for c in reversed(reg.get(pid, full=True).status_changes)] == [
            "active", "exited", "returned", "active"]


def test_referrals_stay_in_the_tenant_and_make_no_circles(reg, network_a):
    network_b = reg.network(key="b")
    other = reg.person("Persoon in Zwolle", network_id=network_b, key="b")
    a1 = reg.person("Ahmad Hassan", network_id=network_a, status="active")
    a2 = reg.person("Lina Haddou", network_id=network_a, referred_by_id=a1, recruitment_channel="snowball")
    a3 = reg.person("Bram Bakker", network_id=network_a, referred_by_id=a2, recruitment_channel="snowball")
    with reg.tenant():
        assert [p.name for p in reg.get(a1, full=True).referrals] == ["Lina Haddou"]
        assert reg.get(a3, full=True).referred_by.name == "Lina Haddou"
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(a1), {"referred_by_id": a3})  # a1 <- a2 <- a3 <- a1
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(a1), {"referred_by_id": a1})
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(a1), {"referred_by_id": other})  # another tenant's person
        with pytest.raises(services.KeyPersonError):
            services.create_person({"network_id": network_b, "name": "X"})  # another tenant's network


def test_references_to_other_tenants_are_refused(reg, network_a):
    nb_b = reg.neighbourhood("Holtenbroek", key="b")
    org_b = reg.organisation("Stichting in Zwolle", key="b")
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(pid), {"neighbourhood_id": nb_b})
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(pid), {}, organisation_ids=[org_b])
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(pid), {}, roles=["boss"])


def test_roles_and_organisations_are_replaced_not_duplicated(reg, network_a):
    o1, o2 = reg.organisation("Moskee Al-Fath"), reg.organisation("VV Zuilen", kind="sports_club")
    pid = reg.person(network_id=network_a, roles=["connector", "critic"], organisation_ids=[o1])
    with reg.tenant():
        services.update_person(reg.get(pid), {}, roles=["critic", "doer"], organisation_ids=[o2, o1, o2])
        person = reg.get(pid, full=True)
        assert person.role_codes == ["critic", "doer"]
        assert sorted(o.name for o in person.organisations) == ["Moskee Al-Fath", "VV Zuilen"]


def test_agreements_confirmed_needs_a_date(reg, network_a):
    pid = reg.person(network_id=network_a)
    with reg.tenant():
        with pytest.raises(services.KeyPersonError):
            services.update_person(reg.get(pid), {"agreements_confirmed": True, "agreements_confirmed_on": None})
        services.update_person(reg.get(pid), {"agreements_confirmed": True, "agreements_confirmed_on": date.today()})
        services.update_person(reg.get(pid), {"agreements_confirmed": False})
        assert reg.get(pid).agreements_confirmed_on is None


def test_model_documents_its_personal_fields():
    from sleutelnet.blueprints.keypersons.fields import PERSON
    from sleutelnet.platform.fields import Sensitivity

    columns = {c.name for c in KeyPerson.__table__.columns}
    declared = {s.column: s for s in PERSON}
    assert set(declared) <= columns
    technical = {"id", "tenant_id", "network_id", "created_at", "created_by_id", "updated_at"}
    assert columns - set(declared) == technical
    ordinary = {c for c, s in declared.items() if s.sensitivity is Sensitivity.ORDINARY}
    assert ordinary == {"status", "status_since"}
    assert declared["notes"].sensitivity is Sensitivity.CONFIDENTIAL
    assert declared["migration_background"].sensitivity is Sensitivity.SPECIAL_CATEGORY
