"""Import without traps (issue 10, item 4): a corrected file keeps the choices made for the first one, rows
without a status become candidates, the preview shows every mapped column and marks bad rows in text, and
Dutch date headers are recognised."""
from __future__ import annotations

import re

from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonStatusChange
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import commit, csv_bytes, map_and_preview, proposed, upload, url

HEADERS = ["Naam", "Mail", "Telefoon", "Opmerking intern", "Datum eerste contact"]
ROWS = [["Ayşe Kaya", "ayse@voorbeeld.nl", "06 1234 5678", "x", "03-02-2025"],
        ["Bram Kok", "bram@voorbeeld.nl", "06 8765 4321", "y", "04-02-2025"]]


def _checked_radio(html: str, name: str) -> str:
    found = [m for m in re.findall(rf'<input[^>]*name="{name}"[^>]*>', html) if "checked" in m]
    assert len(found) == 1, found
    return re.search(r'value="([^"]*)"', found[0]).group(1)


def _selected_network(html: str) -> str:
    body = re.search(r'<select[^>]*name="network_id"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body).group(1)


def _second_network(world):
    from sleutelnet.blueprints.network.services import create_network

    with tenant_context(world.tenant_ids["a"]):
        return create_network("Tweede netwerk Utrecht").id


def test_a_corrected_file_keeps_network_mapping_and_defaults(world, login, network_a):
    second = _second_network(world)
    coord = login("coordinator_a")
    first = upload(coord, world, "a", csv_bytes(HEADERS, ROWS, encoding="utf-8"))
    proposal = proposed(coord, world, "a", first)
    assert proposal["kolom_3"] == ""  # "Opmerking intern" is not recognised
    choices = dict(proposal, kolom_1="", kolom_3="notes", network_id=str(second), default_status="intake",
                   create_missing="y")  # e-mail deliberately not imported, the remark as notes
    assert coord.post(url(world, "a", f"import/{first}/koppelen"), choices).status_code == 302

    # the corrected file: a column moved, one added; the same headers keep the same choices
    headers = ["Telefoon", "Naam", "Mail", "Opmerking intern", "Datum eerste contact", "Wijk"]
    second_upload = upload(coord, world, "a", csv_bytes(headers, [[r[2], r[0], r[1], r[3], r[4], "Oost"]
                                                                  for r in ROWS], encoding="utf-8"))
    assert second_upload != first
    again = proposed(coord, world, "a", second_upload)
    assert again == {"kolom_0": "phone", "kolom_1": "name", "kolom_2": "", "kolom_3": "notes",
                     "kolom_4": "status_since", "kolom_5": "neighbourhood"}
    page = coord.get(url(world, "a", f"import/{second_upload}/koppelen")).get_data(as_text=True)
    assert _selected_network(page) == str(second)
    assert _checked_radio(page, "default_status") == "intake"
    assert _checked_radio(page, "create_missing") == "y"

    # the choices are the user's own in this municipality: another coordinator starts from the proposal
    other = login("coordinator_b")
    theirs = upload(other, world, "b", csv_bytes(HEADERS, ROWS, encoding="utf-8"))
    assert proposed(other, world, "b", theirs)["kolom_1"] == "email"


def test_rows_without_a_status_become_candidates(world, login, network_a):
    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(HEADERS, ROWS, encoding="utf-8"))
    page = coord.get(url(world, "a", f"import/{upload_id}/koppelen")).get_data(as_text=True)
    assert _checked_radio(page, "default_status") == "lead"
    data = dict(proposed(coord, world, "a", upload_id), default_status="lead")
    assert coord.post(url(world, "a", f"import/{upload_id}/koppelen"), data).status_code == 302
    preview = coord.get(url(world, "a", f"import/{upload_id}/controleren")).get_data(as_text=True)
    assert "Kandidaat" in preview
    assert commit(coord, world, "a", upload_id).status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        people = db.session.scalars(db.select(KeyPerson).order_by(KeyPerson.name)).all()
        assert [(p.name, p.status) for p in people] == [("Ayşe Kaya", "lead"), ("Bram Kok", "lead")]
        change = db.session.scalar(db.select(KeyPersonStatusChange).filter_by(person_id=people[0].id))
        assert (change.reason_code, change.reason, str(change.changed_on)) == ("imported", "", "2025-02-03")


def test_preview_shows_every_mapped_column_and_marks_bad_rows(world, login, network_a):
    coord = login("coordinator_a")
    rows = ROWS + [["Chloë Brontë", "geen-adres", "06 1111 2222", "z", "05-02-2025"]]
    upload_id = upload(coord, world, "a", csv_bytes(HEADERS, rows, encoding="utf-8"))
    html = map_and_preview(coord, world, "a", upload_id).get_data(as_text=True)
    table = html[html.index('id="preview-caption"'):]
    assert 'role="region" aria-labelledby="preview-caption" tabindex="0"' in html
    for value in ("ayse@voorbeeld.nl", "06 1234 5678", "bram@voorbeeld.nl", "06 8765 4321", "03-02-2025"):
        assert value in table
    bad_row = re.search(r'<tr class="utrecht-table__row sn-row--error">(.*?)</tr>', table, re.S).group(1)
    assert "Chloë Brontë" in bad_row and "geen-adres" in bad_row
    assert ">Fout in deze rij</strong>" in bad_row  # a text marker, not colour only
    assert table.count("sn-row--error") == 1


def test_dutch_date_headers_map_automatically(world, login, network_a):
    coord = login("coordinator_a")
    for header in ("Datum eerste contact", "Datum intake", "Startdatum", "Datum gestopt"):
        content = csv_bytes(["Naam", header], [["Ayşe Kaya", "03-02-2025"]], encoding="utf-8")
        upload_id = upload(coord, world, "a", content)
        assert proposed(coord, world, "a", upload_id) == {"kolom_0": "name", "kolom_1": "status_since"}, header
