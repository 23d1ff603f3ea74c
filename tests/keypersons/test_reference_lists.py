"""Neighbourhoods and organisations: coordinators manage them; deleting is refused while in use."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.keypersons import reference
from sleutelnet.blueprints.keypersons.models import Neighbourhood, Organisation
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db


def test_districts_and_neighbourhoods(reg):
    wijk = reg.neighbourhood("Zuidwest")
    buurt = reg.neighbourhood("Kanaleneiland", parent_id=wijk)
    reg.neighbourhood("Binnenstad")
    with reg.tenant():
        assert [n.display_name for n in reference.neighbourhoods()] == [
            "Binnenstad", "Zuidwest", "Kanaleneiland (Zuidwest)"]
        with pytest.raises(reference.ReferenceListError):  # a buurt of a buurt
            reference.save_neighbourhood(None, name="Deel van Kanaleneiland", parent_id=buurt)
        with pytest.raises(reference.ReferenceListError):  # a district with buurten cannot become a buurt
            reference.save_neighbourhood(reference.get_neighbourhood(wijk), name="Zuidwest", parent_id=buurt)
        with pytest.raises(reference.ReferenceListError):  # unique, case-insensitive
            reference.save_neighbourhood(None, name="kanaleneiland", parent_id=None)
        with pytest.raises(reference.ReferenceListError):
            reference.save_neighbourhood(None, name="  ", parent_id=None)


def test_the_same_name_in_another_tenant_is_fine(reg):
    reg.neighbourhood("Binnenstad")
    reg.neighbourhood("Binnenstad", key="b")
    reg.organisation("Bibliotheek")
    reg.organisation("Bibliotheek", key="b")


def test_parent_of_another_tenant_is_refused(reg):
    other = reg.neighbourhood("Holtenbroek", key="b")
    with reg.tenant():
        with pytest.raises(reference.ReferenceListError):
            reference.save_neighbourhood(None, name="Overvecht", parent_id=other)


def test_delete_refused_while_in_use(reg, network_a):
    wijk = reg.neighbourhood("Overvecht")
    buurt = reg.neighbourhood("Tigris", parent_id=wijk)
    org = reg.organisation("Moskee Al-Fath", kind="mosque")
    pid = reg.person(network_id=network_a, neighbourhood_id=buurt, organisation_ids=[org])
    with reg.tenant():
        for item, delete in ((reference.get_neighbourhood(wijk), reference.delete_neighbourhood),
                             (reference.get_neighbourhood(buurt), reference.delete_neighbourhood),
                             (reference.get_organisation(org), reference.delete_organisation)):
            with pytest.raises(reference.ReferenceListError):
                delete(item)
        from sleutelnet.blueprints.keypersons import services

        services.update_person(reg.get(pid), {"neighbourhood_id": None}, organisation_ids=[])
        reference.delete_neighbourhood(reference.get_neighbourhood(buurt))
        reference.delete_neighbourhood(reference.get_neighbourhood(wijk))
        reference.delete_organisation(reference.get_organisation(org))
        assert db.session.scalar(db.select(db.func.count(Neighbourhood.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 0
        actions = set(db.session.scalars(db.select(AuditEvent.action)))
        assert {"neighbourhood.deleted", "organisation.deleted", "neighbourhood.created"} <= actions


def test_coordinator_pages(reg, login, network_a):
    b = login("coordinator_a")
    r = b.post(reg.url("wijken/nieuw"), {"name": "Lunetten", "parent_id": ""})
    assert r.status_code == 302
    with reg.tenant():
        lunetten = db.session.scalar(db.select(Neighbourhood).filter_by(name="Lunetten")).id
    r = b.post(reg.url("wijken/nieuw"), {"name": "lunetten", "parent_id": ""})
    assert r.status_code == 422 and 'value="lunetten"' in r.get_data(as_text=True)  # input kept
    r = b.post(reg.url(f"wijken/{lunetten}/bewerken"), {"name": "Lunetten-Noord", "parent_id": ""})
    assert r.status_code == 302
    assert "Lunetten-Noord" in b.get(reg.url("wijken/")).get_data(as_text=True)

    r = b.post(reg.url("organisaties/nieuw"), {"name": "Kerk De Hoeksteen", "kind": "church", "address": "Kerkstraat 1"})
    assert r.status_code == 302
    r = b.post(reg.url("organisaties/nieuw"), {"name": "Zonder soort", "kind": ""})
    assert r.status_code == 422
    listing = b.get(reg.url("organisaties/")).get_data(as_text=True)
    assert "Kerk De Hoeksteen" in listing and "Kerkstraat 1" in listing
    with reg.tenant():
        org = db.session.scalar(db.select(Organisation).filter_by(name="Kerk De Hoeksteen")).id

    # in use: the confirmation page explains and offers no delete button; a POST is refused too
    reg.person(network_id=network_a, neighbourhood_id=lunetten, organisation_ids=[org])
    page = b.get(reg.url(f"organisaties/{org}/verwijderen")).get_data(as_text=True)
    assert 'type="submit"' not in page.split('<main', 1)[1]
    assert b.post(reg.url(f"organisaties/{org}/verwijderen")).status_code == 302
    assert b.post(reg.url(f"wijken/{lunetten}/verwijderen")).status_code == 302
    with reg.tenant():
        assert db.session.get(Organisation, org) is not None and db.session.get(Neighbourhood, lunetten) is not None

    # not in use: confirm (GET) then delete (POST)
    spare = reg.organisation("Ongebruikt")
    assert 'type="submit"' in b.get(reg.url(f"organisaties/{spare}/verwijderen")).get_data(as_text=True)
    assert b.post(reg.url(f"organisaties/{spare}/verwijderen")).status_code == 302
    with reg.tenant():
        assert db.session.get(Organisation, spare) is None
