"""Migration background (AVG art. 9): consent first, stored encrypted, coordinators only — officials never
see the field, its label or its value, not even in the HTML source."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from sleutelnet.blueprints.keypersons import services
from sleutelnet.blueprints.keypersons.models import KeyPerson
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db

CONSENT = {"consent": True, "consent_on": date.today() - timedelta(days=3), "value": "with"}
# every way the field could leak into a page, in Dutch and English
FORBIDDEN = ("igratie", "igration", "migration_background", "art. 9", "Bijzondere persoonsgegevens",
             "special category", "Special category")


@pytest.fixture()
def person(reg, network_a):
    return reg.person("Khadija Chahid", network_id=network_a, status="active", special=CONSENT)


def test_value_is_stored_encrypted(reg, person, owner_engine):
    with owner_engine.connect() as conn:
        raw = conn.execute(text("SELECT migration_background FROM key_persons WHERE id = :i"), {"i": person}).scalar()
    assert raw and raw != "with" and raw.startswith("gAAAA")
    with reg.tenant():
        assert reg.get(person, with_special=True).migration_background == "with"


def test_value_is_never_loaded_by_accident(reg, person):
    """The column is deferred and raises on lazy load: a page can only show it by asking for it."""
    from sqlalchemy.exc import InvalidRequestError

    with reg.tenant():
        plain = reg.get(person)
        with pytest.raises(InvalidRequestError):
            _ = plain.migration_background


def test_no_value_without_consent(reg, network_a):
    with reg.tenant():
        with pytest.raises(services.KeyPersonError) as exc:
            services.create_person({"network_id": network_a, "name": "Zonder toestemming"},
                                   special={"consent": False, "consent_on": None, "value": "with"})
        assert exc.value.field == "migration_background"
        with pytest.raises(services.KeyPersonError):
            services.create_person({"network_id": network_a, "name": "Zonder datum"},
                                   special={"consent": True, "consent_on": None, "value": "with"})
    with reg.tenant():
        assert db.session.scalar(db.select(db.func.count(KeyPerson.id))) == 0


def test_withdrawing_consent_erases_the_value(reg, person):
    with reg.tenant():
        services.update_person(reg.get(person, with_special=True), {},
                               special={"consent": False, "consent_on": None, "value": "with"})
        fresh = reg.get(person, with_special=True)
        assert (fresh.migration_background, fresh.special_category_consent_on) == (None, None)
        events = db.session.scalars(db.select(AuditEvent).filter_by(action="keyperson.special_category_changed")).all()
        assert events and all(e.detail is None for e in events)


def _pages(reg, pid):
    return [reg.url(p) for p in ("sleutelpersonen/", "sleutelpersonen/bord", "sleutelpersonen/aantallen",
                                 f"sleutelpersonen/{pid}", f"sleutelpersonen/{pid}/bewerken", "sleutelpersonen/nieuw",
                                 f"sleutelpersonen/{pid}/status", f"sleutelpersonen/{pid}/kennismaking",
                                 f"sleutelpersonen/{pid}/uitstroom")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_officials_never_see_field_label_or_value(reg, login, person, lang):
    b = login("official_a")
    b.post("/taal", {"lang": lang, "next": "/"})
    for url in _pages(reg, person):
        r = b.get(url)
        assert r.status_code == 200, url
        body = r.get_data(as_text=True)
        assert "Khadija" in body or "aantallen" in url or "nieuw" in url, url
        for word in FORBIDDEN:
            assert word not in body, (url, word)
        assert "With a migration background" not in body and "Met migratieachtergrond" not in body


def test_coordinator_sees_and_edits_it(reg, login, person):
    b = login("coordinator_a")
    detail = b.get(reg.url(f"sleutelpersonen/{person}")).get_data(as_text=True)
    assert "igratie" in detail or "igration" in detail
    form = b.get(reg.url(f"sleutelpersonen/{person}/bewerken")).get_data(as_text=True)
    assert re.search(r'<input checked[^>]*name="migration_background" type="radio" value="with"', form)


def test_official_edit_keeps_the_special_value(reg, login, person, network_a):
    b = login("official_a")
    r = b.post(reg.url(f"sleutelpersonen/{person}/bewerken"),
               {"network_id": str(network_a), "name": "Khadija Chahid-Amrani", "migration_background": "without",
                "migration_background_consent": "", "known_to_municipality": "yes", "age_group": "",
                "helping_profession": "", "education": ""})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    with reg.tenant():
        fresh = reg.get(person, with_special=True)
        assert fresh.name == "Khadija Chahid-Amrani"
        assert (fresh.migration_background, fresh.special_category_consent_on) == ("with", CONSENT["consent_on"])


def test_coordinator_form_requires_consent(reg, login, network_a):
    b = login("coordinator_a")
    r = b.post(reg.url("sleutelpersonen/nieuw"),
               {"network_id": str(network_a), "name": "Burak Şahin", "status": "lead", "migration_background": "with",
                "known_to_municipality": "", "age_group": "", "helping_profession": "", "education": ""})
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "Burak Şahin" in body  # input kept
    assert 'id="migration_background-error"' in body
    with reg.tenant():
        assert db.session.scalar(db.select(db.func.count(KeyPerson.id))) == 0
