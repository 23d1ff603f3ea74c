"""Erasure (AVG art. 17): irreversible anonymisation. After it, no original personal value remains anywhere in
the database — checked by searching every text column of every table with raw SQL as the owner, and by
decrypting every encrypted column — while ids, status history, roles, channel and neighbourhood remain."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import String, Text, text

from sleutelnet.platform.crypto import EncryptedText, decrypt
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import EMAIL, NAME, PHONE, make_full_person, run_pending_jobs


def _url(world, person_id, tail=""):
    return f"/g/{world.slugs['a']}/sleutelpersonen/{person_id}/privacy{tail}"


def _owner(conn):
    if conn.dialect.name == "postgresql":  # the owner is subject to FORCEd row-level security too
        conn.execute(text("SELECT set_config('app.cross_tenant', 'on', false)"))
    return conn


def find_everywhere(owner_engine, needles) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every text column anywhere that still holds one of the needles."""
    hits = []
    with owner_engine.connect() as conn:
        _owner(conn)
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                q = f'SELECT "{column.name}" FROM "{table.name}" WHERE "{column.name}" IS NOT NULL'
                if isinstance(column.type, EncryptedText):
                    for (value,) in conn.execute(text(q)):
                        plain = decrypt(value)
                        hits += [(table.name, column.name, n) for n in needles if n.lower() in plain.lower()]
                elif isinstance(column.type, (String, Text)):
                    for needle in needles:
                        found = conn.execute(text(f'SELECT count(*) FROM "{table.name}" WHERE '
                                                  f'lower("{column.name}") LIKE :p'),
                                             {"p": f"%{needle.lower()}%"}).scalar()
                        if found:
                            hits.append((table.name, column.name, needle))
    return hits


def _needles(full_person):
    # the organisation's name is the tenant's reference list, not the person's data: it stays
    texts = {k: v for k, v in full_person.texts.items() if k != "organisation"}
    return [NAME, EMAIL, PHONE, "Quaalberg", "zoraida"] + list(texts.values())


def test_erasure_leaves_no_personal_value_anywhere(app, login, world, full_person, owner_engine):
    from sleutelnet.blueprints.privacy.models import ExportRequest

    needles = _needles(full_person)
    before = find_everywhere(owner_engine, needles)
    # sanity: the search finds the data before erasure (plain and encrypted columns alike)
    assert {("key_persons", "name"), ("key_persons", "email"), ("key_persons", "notes"),
            ("key_person_intakes", "notes"), ("key_person_successors", "name"),
            ("disruptor_assessments", "ties_notes"), ("privacy_consents", "note"),
            ("key_person_status_changes", "reason")} <= {(t, c) for t, c, _ in before}

    b = login("coordinator_a")
    # an export made earlier holds a copy: it must go too
    b.post(_url(world, full_person.person_id, "/inzage"))
    with tenant_context(full_person.tenant_id):
        req = db.session.scalar(db.select(ExportRequest).filter_by(person_id=full_person.person_id))
        from sleutelnet.blueprints.privacy.exports import file_path

        files = [file_path(req, "json"), file_path(req, "pdf")]
    assert all(os.path.exists(f) for f in files)

    page = b.get(_url(world, full_person.person_id, "/anonimiseren"))
    assert page.status_code == 200 and "definitief" in page.get_data(as_text=True)
    r = b.post(_url(world, full_person.person_id, "/anonimiseren"), {"understood": "y"})
    assert r.status_code == 302

    assert find_everywhere(owner_engine, needles) == []
    assert not any(os.path.exists(f) for f in files)

    with owner_engine.connect() as conn:
        _owner(conn)
        row = conn.execute(text("SELECT name, email, phone, migration_background, "
                                "notes, neighbourhood_id, recruitment_channel, referred_by_id, status, age_group "
                                "FROM key_persons WHERE id = :i"), {"i": full_person.person_id}).one()
        assert row.name == f"Geanonimiseerd #{full_person.person_id}"
        assert row.email == "" and row.phone == "" and row.migration_background is None and row.notes is None
        assert row.age_group is None
        # kept for the figures
        assert row.neighbourhood_id is not None and row.recruitment_channel == "snowball"
        assert row.referred_by_id == full_person.other_id and row.status == "exited"
        statuses = [s for s, in conn.execute(text(
            "SELECT to_status FROM key_person_status_changes WHERE person_id = :i ORDER BY id"),
            {"i": full_person.person_id})]
        assert statuses == ["lead", "intake", "active", "exited"]
        roles = {r for r, in conn.execute(text("SELECT role FROM key_person_roles WHERE person_id = :i"),
                                           {"i": full_person.person_id})}
        assert roles == {"connector", "critic"}
        assert conn.execute(text("SELECT reason FROM key_person_exits WHERE person_id = :i"),
                            {"i": full_person.person_id}).scalar() == "other"
        assert conn.execute(text("SELECT count(*) FROM disruptor_assessments WHERE person_id = :i"),
                            {"i": full_person.person_id}).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM key_person_organisations WHERE person_id = :i"),
                            {"i": full_person.person_id}).scalar() == 0
        # consent records stay as evidence (basis, dates), without their free text
        # (the key-person form recorded the consent, the written record replaced it)
        consents = conn.execute(text("SELECT scope, note, end_reason FROM privacy_consents WHERE person_id = :i "
                                     "ORDER BY id"), {"i": full_person.person_id}).all()
        assert [(c.scope, c.note, c.end_reason) for c in consents] == [
            ("special_category", None, "replaced"), ("special_category", None, "erased")]
        # the access log is kept (ids only)
        assert conn.execute(text("SELECT count(*) FROM key_person_access_log WHERE person_id = :i"),
                            {"i": full_person.person_id}).scalar() > 0
        assert conn.execute(text("SELECT status FROM privacy_export_requests WHERE person_id = :i"),
                            {"i": full_person.person_id}).scalar() == "erased"

    page = b.get(_url(world, full_person.person_id)).get_data(as_text=True)
    assert "geanonimiseerd op" in page
    # nothing more to export, nothing to erase twice
    b.post(_url(world, full_person.person_id, "/inzage"))
    assert "niets meer te exporteren" in b.get(_url(world, full_person.person_id)).get_data(as_text=True)
    r = b.get(_url(world, full_person.person_id, "/anonimiseren"))
    assert r.status_code == 302


def test_erasure_is_audited_and_logged(world, full_person):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
    from sleutelnet.blueprints.privacy import erasure
    from sleutelnet.blueprints.privacy.models import Erasure
    from sleutelnet.platform.audit import AuditEvent

    with tenant_context(full_person.tenant_id):
        erasure.erase_person(full_person.person_id, actor_id=world.ids["coordinator_a"])
        row = db.session.scalar(db.select(Erasure).filter_by(person_id=full_person.person_id))
        assert row.reason == "request" and row.erased_by_id == world.ids["coordinator_a"]
        event = db.session.scalar(db.select(AuditEvent).filter_by(action="privacy.erased"))
        assert event.object_id == str(full_person.person_id) and event.detail == "reason=request"
        last = db.session.scalar(db.select(KeyPersonAccess).filter_by(person_id=full_person.person_id)
                                 .order_by(KeyPersonAccess.id.desc()))
        assert last.action == "edit" and last.user_id == world.ids["coordinator_a"]


def test_only_people_who_left_can_be_erased(login, world):
    person = make_full_person(world, "a", exited=False)
    b = login("coordinator_a")
    page = b.get(_url(world, person.person_id, "/anonimiseren")).get_data(as_text=True)
    assert "Leg eerst vast dat deze persoon het netwerk heeft verlaten" in page
    r = b.post(_url(world, person.person_id, "/anonimiseren"), {"understood": "y"})
    assert r.status_code == 422
    with tenant_context(person.tenant_id):
        from sleutelnet.blueprints.keypersons.models import KeyPerson

        db.session.expire_all()
        assert db.session.get(KeyPerson, person.person_id).name == NAME


def test_confirmation_is_required(login, world, full_person):
    b = login("coordinator_a")
    r = b.post(_url(world, full_person.person_id, "/anonimiseren"), {})
    assert r.status_code == 422 and "niet ongedaan kan worden gemaakt" in r.get_data(as_text=True)


@pytest.mark.parametrize("who", ["official_a", "viewer_a"])
def test_only_coordinators_erase(login, world, full_person, who):
    b = login(who)
    assert b.get(_url(world, full_person.person_id, "/anonimiseren")).status_code == 403
    assert b.post(_url(world, full_person.person_id, "/anonimiseren"), {"understood": "y"}).status_code == 403


def test_other_tenant_is_untouched(world, full_person, owner_engine):
    """Erasing in tenant A leaves a person of tenant B with the same data alone."""
    from sleutelnet.blueprints.privacy import erasure

    other = make_full_person(world, "b")
    with tenant_context(full_person.tenant_id):
        erasure.erase_person(full_person.person_id, actor_id=world.ids["coordinator_a"])
    with tenant_context(other.tenant_id):
        from sleutelnet.blueprints.keypersons.models import KeyPerson

        db.session.expire_all()
        assert db.session.get(KeyPerson, other.person_id).name == NAME
    run_pending_jobs()


def test_an_erased_person_is_read_only(login, world, full_person):
    """After erasure the register shows the record without change actions and refuses every change route
    (GET and POST) with a clear message, instead of letting anyone edit an anonymised record."""
    from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonSuccessor
    from sleutelnet.blueprints.privacy import erasure

    base = f"/g/{world.slugs['a']}/sleutelpersonen/{full_person.person_id}"
    b = login("coordinator_a")
    before = b.get(base).get_data(as_text=True)
    assert f'href="{base}/bewerken"' in before and "Mogelijke stoorzender" in before  # actions while not erased
    with tenant_context(full_person.tenant_id):
        erasure.erase_person(full_person.person_id, actor_id=world.ids["coordinator_a"])
        successor_id = db.session.scalar(db.select(KeyPersonSuccessor.id))
        db.session.commit()

    page = b.get(base).get_data(as_text=True)
    assert "zijn gewist (geanonimiseerd)" in page
    for action in ("/bewerken", "/status", "/kennismaking", "/uitstroom", "/toevoegen"):
        assert f'{base}{action}"' not in page and "/opvolgers/" not in page, action
    assert "Mogelijke stoorzender" not in page  # the assessments went with the erasure
    assert "Toestemming en privacy (AVG)" in page  # the privacy page still says what happened
    with tenant_context(full_person.tenant_id):
        name = db.session.get(KeyPerson, full_person.person_id).name
    for tail in ("/bewerken", "/status", "/kennismaking", "/uitstroom", f"/opvolgers/{successor_id}/toevoegen"):
        if not tail.startswith("/opvolgers"):
            r = b.get(base + tail)
            assert r.status_code == 302 and r.headers["Location"].endswith(base), tail
        r = b.post(base + tail, {"name": "Nieuwe naam", "to_status": "active", "changed_on": "2026-01-01"})
        assert r.status_code == 302 and r.headers["Location"].endswith(base), tail
        assert "zijn gewist (geanonimiseerd)" in b.get(base).get_data(as_text=True)  # the flash says why
    db.session.expire_all()
    with tenant_context(full_person.tenant_id):
        assert db.session.get(KeyPerson, full_person.person_id).name == name
