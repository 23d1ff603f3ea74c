"""The key-person page reads the erasure lock, the consent register and which persons have signals, contacts or
care data from per-tenant caches (tenants/cache.py): a page viewed before a change shows the change at the next
view, and a page of a person without such data runs none of those queries."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from sleutelnet.platform.extensions import db
from tests.keypersons.conftest import Register


def _page(browser, url) -> tuple[str, list[str]]:
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = browser.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return response.get_data(as_text=True), statements


def test_the_person_page_follows_changes_behind_its_cached_lookups(world, login):
    from sleutelnet.blueprints.care import services as care
    from sleutelnet.blueprints.keypersons import pipeline
    from sleutelnet.blueprints.privacy import erasure
    from sleutelnet.blueprints.signals import services as signals

    reg = Register(world)
    network_id = reg.network()
    pid = reg.person("Noor Bakker", network_id=network_id, status="active")
    b = login("coordinator_a")
    url = reg.url(f"sleutelpersonen/{pid}")
    b.get(url)  # warm
    page, statements = _page(b, url)
    assert "Signalen van deze persoon" not in page and "Wethouder Jansen" not in page
    for table in ("signals", "care_appreciations", "care_enrolments", "care_pairs", "contact_persons",
                  "privacy_erasures", "privacy_consents"):
        assert not any(f"FROM {table}" in s for s in statements), (table, statements)

    with reg.tenant():
        signals.record_signal(network_id, {
            "reported_on": date.today() - timedelta(days=1), "topic": "tension", "urgency": "high",
            "sensitivity": "confidential", "description": "Onrust", "source_kind": "keyperson",
            "source_person_id": pid}, reader_ids=[], actor_id=world.ids["coordinator_a"], see_all=True)
        db.session.commit()
    page, _ = _page(b, url)
    assert "Signalen van deze persoon" in page and "Wethouder Jansen" not in page

    with reg.tenant():
        care.record_appreciation(network_id, person_id=pid, kind="visit", given_on=date.today(),
                                 given_by="Wethouder Jansen")
        db.session.commit()
    page, _ = _page(b, url)
    assert "Wethouder Jansen" in page

    with reg.tenant():
        pipeline.record_exit(reg.get(pid), exited_on=date.today(), reason="no_time")
        erasure.erase_person(pid, actor_id=world.ids["coordinator_a"])
    page, _ = _page(b, url)
    assert "Het dossier blijft alleen bewaard voor de aantallen" in page


def test_the_register_filter_form_follows_its_lists_and_the_query(world, login):
    """The list's filter options come from per-tenant cached lists (tenants/cache.py): a new organisation
    appears at the next request; the selected value follows the query; a free-text search is echoed."""
    reg = Register(world)
    network_id = reg.network()
    reg.person("Noor Bakker", network_id=network_id, status="active")
    b = login("coordinator_a")
    url = reg.url("sleutelpersonen/")

    first = b.get(url).get_data(as_text=True)
    assert "Buurthuis De Kroon" not in first
    org = reg.organisation("Buurthuis De Kroon")
    page = b.get(url).get_data(as_text=True)
    assert "Buurthuis De Kroon" in page
    filtered = b.get(url + f"?organisatie={org}").get_data(as_text=True)
    assert f'<option selected value="{org}">' in filtered or f'value="{org}" selected' in filtered
    assert 'value="Noor"' in b.get(url + "?zoek=Noor").get_data(as_text=True)
