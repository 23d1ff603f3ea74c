"""Export: CSV for Dutch Excel and XLSX, sensitive columns only on a coordinator's explicit request,
audited and written to the access log; an export imports back into another tenant unchanged."""
from __future__ import annotations

import io

import pytest

from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonAccess
from sleutelnet.blueprints.transfer.reading import read_table
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import commit, map_and_preview, upload, url


def _export(browser, world, key, **data):
    """POST the export form, follow it to the job's status page (the job ran inline after the request: no
    Redis in the tests) and download the file. The download straight through the test client: the Browser
    helper reads every response as text (looking for a CSRF token), which a binary XLSX file is not."""
    data.setdefault("format", "csv")
    r = browser.post(url(world, key, "export"), data)
    assert r.status_code == 302 and "/sleutelpersonen/taken/" in r.headers["Location"], r.get_data(as_text=True)[:2000]
    status = browser.get(r.headers["Location"])
    assert status.status_code == 200 and "downloaden" in status.get_data(as_text=True)
    with browser.client.application.app_context():
        r = browser.client.get(r.headers["Location"] + "/bestand")
    assert r.status_code == 200, r.get_data(as_text=True)[:2000]
    return r


def _events(world, key):
    with tenant_context(world.tenant_ids[key]):
        return db.session.scalars(db.select(AuditEvent).filter_by(action="transfer.export")).all()


def test_csv_opens_cleanly_in_dutch_excel(world, login, register_a):
    r = _export(login("coordinator_a"), world, "a")
    assert r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"].startswith('attachment; filename="sleutelpersonen-utrecht-')
    body = r.data
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = body.decode("utf-8-sig")
    header = text.split("\r\n")[0]
    assert header.startswith("Naam;") and header.count(";") >= 20
    assert "Ayşe Kaya" in text and "René Smit" in text
    table = read_table(body, "x.csv")
    assert table.delimiter == ";" and len(table.rows) == 4
    # CSV injection: a cell never starts a formula
    assert "'=HYPERLINK" in text and "\r\n=HYPERLINK" not in text and ";=" not in text
    assert "'+31 6 1234 5678" in text


def test_sensitive_fields_absent_unless_chosen(world, login, register_a):
    coord = login("coordinator_a")
    page = coord.get(url(world, "a", "export")).get_data(as_text=True)
    assert 'name="include_sensitive"' in page
    assert 'name="include_sensitive" type="checkbox" value="y" checked' not in page  # off by default
    plain = _export(coord, world, "a").data.decode("utf-8-sig")
    assert "GEHEIME-NOTITIE" not in plain and "TWEEDE-NOTITIE" not in plain
    with tenant_context(world.tenant_ids["a"]):
        from sleutelnet.blueprints.keypersons import choices
        from flask_babel import force_locale

        with force_locale("nl"):
            with_label = str(choices.MIGRATION_BACKGROUND["with"])
    assert with_label not in plain

    full = _export(coord, world, "a", include_sensitive="y").data
    table = read_table(full, "x.csv")
    rows = {cells[0]: dict(zip(table.headers, cells)) for _n, cells in table.rows}
    notes_header = next(h for h in table.headers if rows["Ayşe Kaya"][h] == "GEHEIME-NOTITIE over spanningen")
    assert rows["René Smit"][notes_header] == "TWEEDE-NOTITIE"
    # the special category only for the person who consented
    background = [h for h in table.headers if rows["Ayşe Kaya"][h] == with_label]
    assert len(background) == 1
    assert rows["René Smit"][background[0]] == "" and rows["Kandidaat Zonder Gegevens"][background[0]] == ""
    assert "06-01-2025" in rows["Ayşe Kaya"].values()
    assert [e.detail for e in _events(world, "a")] == ["format=csv count=4 sensitive=no",
                                                      "format=csv count=4 sensitive=yes"]


def test_officials_cannot_choose_sensitive_fields(world, login, register_a):
    official = login("official_a")
    page = official.get(url(world, "a", "export"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "include_sensitive" not in html and "Vertrouwelijke notities" not in html
    body = _export(official, world, "a", include_sensitive="y").data.decode("utf-8-sig")  # a forged POST
    assert "GEHEIME-NOTITIE" not in body and "TWEEDE-NOTITIE" not in body
    assert _events(world, "a")[0].detail == "format=csv count=4 sensitive=no"
    assert _events(world, "a")[0].actor_id == world.ids["official_a"]


def test_every_export_is_in_the_access_log(world, login, register_a):
    official = login("official_a")
    _export(official, world, "a", format="xlsx")
    with tenant_context(world.tenant_ids["a"]):
        rows = db.session.scalars(db.select(KeyPersonAccess).filter_by(action="export")).all()
        ids = set(db.session.scalars(db.select(KeyPerson.id)))
    assert {r.person_id for r in rows} == ids and len(rows) == 4
    assert {r.user_id for r in rows} == {world.ids["official_a"]}
    assert _events(world, "a")[0].detail == "format=xlsx count=4 sensitive=no"


def test_xlsx_export(world, login, register_a):
    from openpyxl import load_workbook

    r = _export(login("coordinator_a"), world, "a", format="xlsx")
    assert r.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(r.data)).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Naam" and len(values) == 5
    names = {row[0] for row in values[1:]}
    assert "=HYPERLINK(\"http://evil\")" in names  # as text ...
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []  # ... never as a formula


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_into_another_tenant(world, login, register_a, network_b, fmt):
    exported = _export(login("coordinator_a"), world, "a", format=fmt).data
    coord_b = login("coordinator_b")
    upload_id = upload(coord_b, world, "b", exported, f"export.{fmt}")
    page = map_and_preview(coord_b, world, "b", upload_id, create_missing=True).get_data(as_text=True)
    assert "4 sleutelpersonen importeren" in page, page[page.find("Fouten per rij"):][:3000]
    assert commit(coord_b, world, "b", upload_id).status_code == 302

    def snapshot(key):
        with tenant_context(world.tenant_ids[key]):
            people = db.session.scalars(db.select(KeyPerson)).all()
            return sorted((p.name, p.email, p.phone, p.preferred_contact,
                           p.neighbourhood.name if p.neighbourhood else None,
                           tuple(sorted(o.name for o in p.organisations)), tuple(p.role_codes), p.status,
                           p.status_since, p.recruitment_channel, p.referred_by.name if p.referred_by else None,
                           p.constituency, p.known_to_municipality, p.languages, p.core_group, p.age_group,
                           p.helping_profession, p.education) for p in people)

    assert snapshot("b") == snapshot("a")
    with tenant_context(world.tenant_ids["b"]):
        # nothing sensitive travelled: not asked for, and special-category data is never imported
        assert db.session.scalars(db.select(KeyPerson.notes)).all() == [None] * 4
        assert not any(db.session.scalars(db.select(KeyPerson.migration_background)))


def test_export_page_without_network(world, login):
    page = login("coordinator_b").get(url(world, "b", "export"))
    assert page.status_code == 200 and "Er is nog geen netwerk" in page.get_data(as_text=True)
