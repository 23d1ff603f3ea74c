"""The pages run a fixed number of queries, whatever the number of key persons (5 vs 40)."""
from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from sleutelnet.platform.extensions import db

ROLES = ["connector", "representative", "doer", "critic"]
AGES = ["under_25", "25_40", "40_65", "65_plus"]


@contextlib.contextmanager
def count_queries(app):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _populate(people, world, n, start):
    from sleutelnet.blueprints.keypersons.models import Neighbourhood, Organisation
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        wijk = Neighbourhood(name=f"Wijk {start}")
        org = Organisation(name=f"Organisatie {start}", kind="school")
        db.session.add_all([wijk, org])
        db.session.commit()
        wijk_id, org_id = wijk.id, org.id
    previous = None
    for i in range(start, start + n):
        day = date(2025, 1, 1) + timedelta(days=i)
        history = [("lead", day), ("intake", day + timedelta(days=3)), ("active", day + timedelta(days=9))]
        if i % 3 == 0:
            history = history[:2]
        previous = people.make(f"Persoon {i}", roles=[ROLES[i % 4], ROLES[(i + 1) % 4]], history=history,
                               channel="snowball" if previous else "outreach", referred_by=previous if i % 2 else None,
                               age_group=AGES[i % 4], education="practical", known=bool(i % 2),
                               migration="with" if i % 2 else "without", neighbourhood_id=wijk_id,
                               organisation_ids=[org_id])


@pytest.mark.parametrize("path,who", [("samenstelling/", "coordinator_a"), ("werving/", "coordinator_a"),
                                      ("samenstelling/", "viewer_a"), ("werving/", "official_a")])
def test_query_count_does_not_grow_with_persons(app, login, world, people, path, who, record_property):
    b = login(who)
    url = f"/g/{world.slugs['a']}/{path}"
    counts = []
    for n, start in ((5, 0), (35, 100)):  # 5 persons, then 40
        _populate(people, world, n, start)
        b.get(url)  # warm up (session, caches)
        with count_queries(app) as statements:
            assert b.get(url).status_code == 200
        counts.append(len(statements))
    record_property("queries", counts)
    print(f"{path} as {who}: {counts[0]} queries at 5 persons, {counts[1]} at 40")
    assert counts[0] == counts[1], counts
    assert counts[1] <= 30
