"""Fixtures of the import/export tests: files built in code, as Dutch Excel writes them."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

DUTCH_HEADERS = ["Naam", "E-mailadres", "Telefoonnummer", "Wijk", "Organisatie", "Rol(len)", "Kanaal", "Status",
                 "Achterban", "Bekend bij gemeente", "Talen"]
FIRST = ["José", "Renée", "Chloë", "Fatima", "Mohamed", "Anouk", "Daniël", "Zoë", "Ahmet", "Eléonore"]
LAST = ["Brontë", "de Vries", "El Amrani", "Yilmaz", "Bakker", "Janssen", "Öztürk", "van den Berg", "Mertens",
        "Kaya"]
WIJKEN = ["Centrum", "Overvecht", "Kanaleneiland", "Leidsche Rijn"]
ORGS = ["Moskee Ulu", "Sportclub Élan", "Buurthuis De Bron"]
ROLES = ["Verbinder", "Vertegenwoordiger", "Doener", "Luis in de pels", "Verbinder, Vertegenwoordiger"]
KANALEN = ["Sneeuwbal", "Bestaande netwerken", "Inloopavond", "Campagne", ""]
STATUSES = ["Actief", "Kandidaat", "In gesprek", "Actief"]


def people_rows(n=60):
    rows = []
    for i in range(n):
        name = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"
        rows.append([name, f"persoon{i}@voorbeeld.nl", f"06 1234 {i:04d}", WIJKEN[i % 4], ORGS[i % 3], ROLES[i % 5],
                     KANALEN[i % 5], STATUSES[i % 4], "Marokkaans-Nederlandse jongeren" if i % 2 else "Buurtbewoners",
                     "ja" if i % 3 else "nee", "Nederlands, Arabisch"])
    return rows


def csv_bytes(headers, rows, *, delimiter=";", encoding="cp1252", bom=False, newline="\r\n"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(headers)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(headers, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def url(world, key, path):
    return f"/g/{world.slugs[key]}/sleutelpersonen/{path}"


SELECT = re.compile(r'<select[^>]*name="(kolom_\d+)"[^>]*>(.*?)</select>', re.S)
SELECTED = re.compile(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected')


def upload(browser, world, key, content, filename="lijst.csv", expect=302):
    r = browser.post(url(world, key, "import"), {"bestand": (io.BytesIO(content), filename)})
    assert r.status_code == expect, r.get_data(as_text=True)[:3000]
    if expect != 302:
        return r
    return r.headers["Location"].split("/import/")[1].split("/")[0]


def proposed(browser, world, key, upload_id) -> dict:
    """The mapping the page proposes: select name -> selected field."""
    page = browser.get(url(world, key, f"import/{upload_id}/koppelen"))
    assert page.status_code == 200
    found = {}
    for name, body in SELECT.findall(page.get_data(as_text=True)):
        match = SELECTED.search(body)
        found[name] = next((v for v in match.groups() if v is not None), "") if match else ""
    return found


def map_and_preview(browser, world, key, upload_id, *, create_missing=True, overrides=None, default_status="active"):
    mapping = proposed(browser, world, key, upload_id)
    mapping.update(overrides or {})
    data = dict(mapping, default_status=default_status)
    if create_missing:
        data["create_missing"] = "y"
    r = browser.post(url(world, key, f"import/{upload_id}/koppelen"), data)
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    return browser.get(url(world, key, f"import/{upload_id}/controleren"))


def commit(browser, world, key, upload_id):
    return browser.post(url(world, key, f"import/{upload_id}/vastleggen"))


def count_persons(world, key):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    with tenant_context(world.tenant_ids[key]):
        return db.session.scalar(db.select(db.func.count(KeyPerson.id)))


@pytest.fixture()
def network_a(world):
    from sleutelnet.blueprints.network.services import create_network

    with tenant_context(world.tenant_ids["a"]):
        return create_network("Sleutelpersonennetwerk Utrecht").id


@pytest.fixture()
def network_b(world):
    from sleutelnet.blueprints.network.services import create_network

    with tenant_context(world.tenant_ids["b"]):
        return create_network("Sleutelpersonennetwerk Zwolle").id


@pytest.fixture()
def register_a(world, network_a):
    """A small register in tenant A with everything an export writes, sensitive data included."""
    from sleutelnet.blueprints.keypersons import pipeline, reference, services

    with tenant_context(world.tenant_ids["a"]):
        actor = world.ids["coordinator_a"]
        oost = reference.save_neighbourhood(None, name="Oost", parent_id=None)
        wijk = reference.save_neighbourhood(None, name="Wittevrouwen", parent_id=oost.id)
        mosque = reference.save_organisation(None, name="Moskee Ulu", kind="mosque")
        club = reference.save_organisation(None, name="Sportclub Élan", kind="sports_club")
        ayse = services.create_person(
            {"network_id": network_a, "name": "Ayşe Kaya", "email": "ayse@voorbeeld.nl", "phone": "+31 6 1234 5678",
             "preferred_contact": "messaging", "neighbourhood_id": oost.id, "constituency": "Turkse vrouwen",
             "known_to_municipality": True, "languages": "Turks, Nederlands", "core_group": True,
             "age_group": "40_65", "helping_profession": "with", "education": "theoretical",
             "recruitment_channel": "existing_networks", "notes": "GEHEIME-NOTITIE over spanningen"},
            roles=["connector", "representative"], organisation_ids=[mosque.id], status="active",
            special={"consent": True, "consent_on": date(2025, 1, 6), "value": "with"}, actor_id=actor)
        services.create_person(
            {"network_id": network_a, "name": "René Smit", "email": "rene@voorbeeld.nl", "neighbourhood_id": wijk.id,
             "recruitment_channel": "snowball", "referred_by_id": ayse.id, "known_to_municipality": False,
             "notes": "TWEEDE-NOTITIE"},
            roles=["critic"], organisation_ids=[mosque.id, club.id], status="intake", actor_id=actor)
        paused = services.create_person(
            {"network_id": network_a, "name": "=HYPERLINK(\"http://evil\")", "email": ""},
            roles=["doer"], status="active", actor_id=actor)
        pipeline.transition(paused, "paused", reason="drukke periode", actor_id=actor)
        services.create_person({"network_id": network_a, "name": "Kandidaat Zonder Gegevens"}, status="lead",
                               actor_id=actor)
    return network_a
