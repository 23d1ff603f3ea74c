"""Query budget of the key pages: at most `BUDGET` SQL statements each (the request prelude and, on
PostgreSQL, the one set_config included), and the same number for a municipality with 5 persons as for
one with 50 (flat), so an N+1 fails here on SQLite and on PostgreSQL alike.

The two sizes live in the two tenants of the `world` (Utrecht: 5, Zwolle: 50), each with one network,
neighbourhoods, organisations, persons with roles, organisations, intakes and a status history, and signals
and meetings that grow with the number of persons. Caches are warm (one request first), as in a server.
Each page is counted twice: rendered (the page cache off, so the page's own queries run) and served from the
page cache (`tenants/pages.py`: the prelude only, plus the access-log row of a person's page).
"""
from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import event

from sleutelnet.platform.extensions import db
from tests.keypersons.conftest import Register

# statements per page, the one set_config of PostgreSQL included (SQLite runs one statement less): the page's
# own queries plus the prelude (session, user, tenant and membership in one query); the header's
# unread-notification count comes from the per-tenant cache
BUDGET = {
    "tenant home": 5,
    "register list": 6,
    "filtered list": 6,
    "person detail": 6,  # the record joined with its few roles, organisations, intakes, exits and referrals, the
                         # status history, the access-log row, the signals panel; the erasure lock, consent and
                         # which persons have signals, contacts or care data come from per-tenant caches
    "board": 4,
    "composition": 5,  # the aggregates in one UNION ALL, the picker's remembered network (targets are cached)
    "meetings": 6,  # the list plus the picker's remembered network
    "signals": 5,
}
# served from the page cache: the prelude (session, user, tenant and membership in one query); the person's page
# adds its access-log row (ESS guide §3.1: every view is logged, cached or not) and with it the set_config on
# PostgreSQL
SERVED_BUDGET = {name: 3 if name == "person detail" else 1 for name in BUDGET}
PAGES = {
    "tenant home": "",
    "register list": "sleutelpersonen/",
    "filtered list": "sleutelpersonen/?status=active&sorteer=changed",
    "person detail": "sleutelpersonen/{person}",
    "board": "sleutelpersonen/bord",
    "composition": "samenstelling/",
    "meetings": "bijeenkomsten/",
    "signals": "signalen/",
}


def _populate(reg: Register, world, key: str, n: int) -> int:
    """A network with n persons (and n // 5 signals and meetings) in tenant `key`; returns a person id."""
    from sleutelnet.blueprints.keypersons import pipeline
    from sleutelnet.blueprints.meetings import rotation, services as meetings
    from sleutelnet.blueprints.network import services as network_services
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.blueprints.signals import services as signals
    from sleutelnet.tenants.models import Membership

    network_id = reg.network(key=key)
    wijk = reg.neighbourhood(f"Wijk {key}", key=key)
    buurt = reg.neighbourhood(f"Buurt {key}", parent_id=wijk, key=key)
    orgs = [reg.organisation(f"Organisatie {key} {i}", key=key) for i in range(3)]
    coordinator, official = world.ids[f"coordinator_{key}"], world.ids[f"official_{key}"]
    first = None
    for i in range(n):
        pid = reg.person(f"Persoon {i:02d}", network_id=network_id, key=key, status=("active", "lead")[i % 2],
                         roles=["connector", "critic"][: 1 + i % 2], organisation_ids=orgs[: 1 + i % 3],
                         neighbourhood_id=(wijk, buurt)[i % 2], referred_by_id=first, recruitment_channel="snowball")
        first = first or pid
        with reg.tenant(key):
            pipeline.record_intake(reg.get(pid, key=key), held_on=None, held_by_id=official)
    with reg.tenant(key):
        network = db.session.get(Network, network_id)
        membership = db.session.scalar(db.select(Membership).filter_by(user_id=official, tenant_id=world.tenant_ids[key]))
        network_services.link_official(network, membership.id, "")
        place = rotation.add_place(name="Stadhuis", kind="town_hall", address="Stadhuisplein 1")
        for i in range(max(1, n // 5)):
            signals.record_signal(network_id, {
                "reported_on": date.today() - timedelta(days=1 + i), "topic": "tension", "urgency": "high",
                "sensitivity": "confidential", "description": f"Signaal {i}", "source_kind": "keyperson",
                "source_person_id": first}, reader_ids=[], actor_id=official, see_all=False)
            meetings.create_meeting(network, {
                "title": f"Bijeenkomst {i}", "kind": "plenary", "day": date.today() + timedelta(days=7 + i),
                "start": time(19, 30), "duration_minutes": 90, "location_id": place.id, "reminder_days": [7]},
                actor_id=coordinator)
        db.session.commit()
    return first


def _statements(browser, url, page_cache: bool) -> int:
    statements = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    browser.client.application.config["PAGE_CACHE"] = page_cache
    browser.get(url)  # warm: per-process caches, the user's current network
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = browser.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200, url
    return len(statements)


@pytest.fixture()
def two_sizes(app, world, login):
    world_app = app
    reg = Register(world)
    people = {"a": _populate(reg, world, "a", 5), "b": _populate(reg, world, "b", 50)}
    measured = {True: {}, False: {}}
    try:
        for page_cache in (False, True):
            for name, template in PAGES.items():
                counts = []
                for key in ("a", "b"):
                    browser = login(f"coordinator_{key}")
                    url = f"/g/{world.slugs[key]}/" + template.format(person=people[key])
                    counts.append(_statements(browser, url, page_cache))
                measured[page_cache][name] = tuple(counts)
    finally:
        world_app.config["PAGE_CACHE"] = True
    return measured


def test_key_pages_stay_within_their_query_budget_and_flat(two_sizes, capsys):
    rendered = two_sizes[False]
    with capsys.disabled():
        print("\nSQL statements per page (5 persons, 50 persons), rendered:", rendered)
    assert {name: few for name, (few, many) in rendered.items() if few != many} == {}, rendered
    over = {name: few for name, (few, _) in rendered.items() if few > BUDGET[name]}
    assert over == {}, f"over budget {BUDGET}: {rendered}"


def test_key_pages_served_from_the_page_cache_run_only_the_prelude(two_sizes, capsys):
    served = two_sizes[True]
    with capsys.disabled():
        print("\nSQL statements per page (5 persons, 50 persons), served from the page cache:", served)
    sqlite = db.engine.dialect.name == "sqlite"  # no set_config
    expected = {name: (budget - (sqlite and name == "person detail"),) * 2 for name, budget in SERVED_BUDGET.items()}
    assert served == expected
