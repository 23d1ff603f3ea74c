"""Forms: clear Dutch validation messages, input kept on errors, creating and editing through the pages."""
from __future__ import annotations

import re
from datetime import date

from sleutelnet.blueprints.keypersons.models import KeyPerson
from sleutelnet.platform.extensions import db

EMPTY_RADIOS = {"known_to_municipality": "", "age_group": "", "helping_profession": "", "education": ""}


def test_create_with_everything(reg, login, network_a, world):
    nb = reg.neighbourhood("Ondiep")
    org = reg.organisation("Buurthuis De Ontmoeting", kind="other")
    ref = reg.person("Mehmet Yılmaz", network_id=network_a, status="active")
    b = login("official_a")
    form = b.get(reg.url("sleutelpersonen/nieuw")).get_data(as_text=True)
    assert '<fieldset' in form and "<legend" in form and 'name="roles"' in form
    r = b.post(reg.url("sleutelpersonen/nieuw"), {
        "network_id": str(network_a), "name": "Sanne de Vries", "email": "sanne@example.org", "phone": "06 12345678",
        "preferred_contact": "messaging", "neighbourhood_id": str(nb), "organisation_ids": [str(org)],
        "roles": ["connector", "critic"], "constituency": "Ouders op de basisschool", "known_to_municipality": "no",
        "languages": "Nederlands, Engels", "motivation": "Wil iets doen voor de wijk", "civic_activities": "Ouderraad",
        "availability": "Avonden", "reciprocity": "Training", "expectations_discussed_on": date.today().isoformat(),
        "expectations_discussed_by_id": str(world.ids["official_a"]), "expectations_note": "4 uur per maand",
        "agreements_confirmed": "y", "agreements_confirmed_on": date.today().isoformat(), "core_group": "y",
        "age_group": "25_40", "helping_profession": "with", "education": "theoretical",
        "recruitment_channel": "snowball", "referred_by_id": str(ref), "notes": "Eerste contact via school",
        "status": "intake"})
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    with reg.tenant():
        p = db.session.scalar(db.select(KeyPerson).filter_by(name="Sanne de Vries"))
        person = reg.get(p.id, full=True)
        assert (person.status, person.role_codes, [o.name for o in person.organisations]) == (
            "intake", ["connector", "critic"], ["Buurthuis De Ontmoeting"])
        # notes are confidential (view_confidential, coordinators only): not on an official's form, not stored
        assert (person.known_to_municipality, person.referred_by_id, person.core_group, person.notes) == (
            False, ref, True, None)
        assert person.created_by_id == world.ids["official_a"]
    assert 'name="notes"' not in form
    detail = b.get(r.headers["Location"]).get_data(as_text=True)
    for text in ("Sanne de Vries", "sanne@example.org", "Ondiep", "Mehmet Yılmaz"):
        assert text in detail


def test_errors_are_dutch_and_input_is_kept(reg, login, network_a):
    b = login("coordinator_a")
    r = b.post(reg.url("sleutelpersonen/nieuw"), {
        "network_id": str(network_a), "name": "", "email": "geen-adres", "phone": "bel me", "status": "lead",
        "constituency": "Jongeren in Zuilen", "agreements_confirmed": "y", "expectations_discussed_on": "2999-01-01",
        **EMPTY_RADIOS})
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert 'id="error-summary"' in body
    for message in ("Vul een naam in.", "Vul een geldig e-mailadres in.", "Vul een telefoonnummer",
                    "De datum mag niet in de toekomst liggen.", "Vul de datum in waarop de afspraken zijn bekrachtigd."):
        assert message in body, message
    assert "Jongeren in Zuilen" in body and 'value="geen-adres"' in body
    with reg.tenant():
        assert db.session.scalar(db.select(db.func.count(KeyPerson.id))) == 0


def test_invalid_choices_get_a_dutch_message(reg, login, network_a):
    b = login("official_a")
    r = b.post(reg.url("sleutelpersonen/nieuw"), {"network_id": str(network_a), "name": "X", "status": "lead",
                                                  "neighbourhood_id": "999", "roles": ["boss"], **EMPTY_RADIOS})
    assert r.status_code == 422
    assert "Kies een van de mogelijkheden." in r.get_data(as_text=True)


def test_exit_form_validation(reg, login, network_a):
    pid = reg.person(network_id=network_a, status="active")
    b = login("official_a")
    r = b.post(reg.url(f"sleutelpersonen/{pid}/uitstroom"), {"exited_on": date.today().isoformat(), "reason": "other"})
    assert r.status_code == 422 and "Beschrijf de andere reden." in r.get_data(as_text=True)
    r = b.post(reg.url(f"sleutelpersonen/{pid}/uitstroom"), {"exited_on": date.today().isoformat()})
    assert r.status_code == 422 and "Kies de reden van vertrek." in r.get_data(as_text=True)


def test_transition_form_offers_only_allowed_moves(reg, login, network_a):
    pid = reg.person(network_id=network_a, status="active")
    b = login("official_a")
    page = b.get(reg.url(f"sleutelpersonen/{pid}/status")).get_data(as_text=True)
    assert set(re.findall(r'name="to_status"[^>]*value="(\w+)"', page)) == {"paused"}
    r = b.post(reg.url(f"sleutelpersonen/{pid}/status"), {"to_status": "lead", "changed_on": date.today().isoformat()})
    assert r.status_code == 422
    with reg.tenant():
        assert reg.get(pid).status == "active"


def test_english_interface(reg, login, network_a):
    reg.person("Winston Pinas", network_id=network_a)
    b = login("official_a")
    b.post("/taal", {"lang": "en", "next": "/"})
    body = b.get(reg.url("sleutelpersonen/")).get_data(as_text=True)
    assert "Key persons" in body and "Candidate" in body
    b.post("/taal", {"lang": "nl", "next": "/"})
    body = b.get(reg.url("sleutelpersonen/")).get_data(as_text=True)
    assert "Sleutelpersonen" in body and "Kandidaat" in body
