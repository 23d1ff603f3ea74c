"""No N+1: the list, board and detail pages run the same number of SQL queries for 5 or 30 persons."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from sleutelnet.blueprints.keypersons import pipeline
from sleutelnet.platform.extensions import db


def _network_of(reg, n, label, world):
    """A network with `n` persons; the first ("root") referred all others and has a history that grows with n."""
    network = reg.network(f"Netwerk {label}")
    wijk = reg.neighbourhood(f"Wijk {label}")
    buurt = reg.neighbourhood(f"Buurt {label}", parent_id=wijk)
    orgs = [reg.organisation(f"Organisatie {label} {i}") for i in range(3)]
    root = reg.person(f"Root {label}", network_id=network, status="active", roles=["connector", "doer"],
                      organisation_ids=orgs, neighbourhood_id=buurt, status_on=date.today() - timedelta(days=400))
    for i in range(n - 1):
        pid = reg.person(f"Persoon {label} {i:02d}", network_id=network, roles=["representative", "critic"],
                         organisation_ids=orgs[: 1 + i % 3], neighbourhood_id=(wijk, buurt)[i % 2],
                         referred_by_id=root, recruitment_channel="snowball")
        with reg.tenant():
            pipeline.record_intake(reg.get(pid), held_on=None, held_by_id=world.ids["official_a"],
                                   expectations_discussed=True)
    with reg.tenant():
        for i in range(n // 5):  # history, intakes, exits and successors grow with n too
            pipeline.record_intake(reg.get(root), held_on=None, held_by_id=world.ids["official_a"])
            pipeline.record_exit(reg.get(root), exited_on=None, reason="personal",
                                 successors=[(f"Opvolger {label} {i}a", ""), (f"Opvolger {label} {i}b", "")])
            pipeline.transition(reg.get(root), "returned")
            pipeline.transition(reg.get(root), "active")
    return network, root


def _count(fn):
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


def test_query_counts_do_not_grow_with_the_number_of_persons(reg, login, world, capsys):
    small, small_root = _network_of(reg, 5, "klein", world)
    large, large_root = _network_of(reg, 30, "groot", world)
    b = login("coordinator_a")
    pages = {
        "list": lambda net, root: f"sleutelpersonen/?netwerk={net}",
        "list sorted by status": lambda net, root: f"sleutelpersonen/?netwerk={net}&sorteer=status&rol=critic",
        "board": lambda net, root: f"sleutelpersonen/bord?netwerk={net}",
        "detail": lambda net, root: f"sleutelpersonen/{root}",
        "edit form": lambda net, root: f"sleutelpersonen/{root}/bewerken",
        "who viewed": lambda net, root: f"sleutelpersonen/{root}/inzage",
    }
    measured = {}
    for name, path in pages.items():
        # warm up before each count: the first request of a session does extra work, and opening another
        # network stores it as the user's current network once
        b.get(reg.url(path(small, small_root)))
        few = _count(lambda: b.get(reg.url(path(small, small_root))))
        b.get(reg.url(path(large, large_root)))
        many = _count(lambda: b.get(reg.url(path(large, large_root))))
        measured[name] = (few, many)
    with capsys.disabled():
        print("\nSQL queries per page (5 persons, 30 persons):", measured)
    assert all(few == many for few, many in measured.values()), measured
