"""No N+1: the contacts list, a person's timeline and the key-person page run as many SQL statements for
3 contacts as for 20."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from sleutelnet.platform.extensions import db


def _count(fn) -> int:
    statements = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return len(statements)


def test_query_counts_are_flat(setup, login):
    measured = {}
    worlds = []
    for label, n in (("klein", 3), ("groot", 20)):
        network = setup.network(f"Netwerk {label}")
        persons = [setup.person(f"Persoon {label} {i}", network) for i in range(4)]
        for i in range(n):
            setup.contact(persons[: 1 + i % 4], contacted_on=date.today() - timedelta(days=i),
                          follow_up="Nabellen" if i % 2 else "", follow_up_due=date.today() if i % 2 else None,
                          actor=("official", "coordinator")[i % 2])
        worlds.append((network, persons[0]))
    b = login("coordinator_a")
    pages = {
        "list": lambda net, pid: f"contactmomenten/?netwerk={net}",
        "timeline": lambda net, pid: f"contactmomenten/sleutelpersoon/{pid}",
        "person page": lambda net, pid: f"sleutelpersonen/{pid}",
    }
    for name, path in pages.items():
        (small, small_p), (large, large_p) = worlds
        # each page once before counting: choosing another network stores it as the user's current one
        # (one write when it changes), which is not a query per contact
        b.get(setup.url(path(small, small_p)))
        few = _count(lambda: b.get(setup.url(path(small, small_p))))
        b.get(setup.url(path(large, large_p)))
        many = _count(lambda: b.get(setup.url(path(large, large_p))))
        measured[name] = (few, many)
    assert all(few == many for few, many in measured.values()), measured
