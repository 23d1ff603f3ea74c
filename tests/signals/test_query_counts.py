"""No N+1: the signal list and detail run the same number of SQL queries for 5 or 30 signals."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from sleutelnet.platform.extensions import db


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


def _fill(sw, n, start):
    from sleutelnet.blueprints.keypersons import reference

    with sw.tenant():
        nb = reference.save_neighbourhood(None, name=f"Wijk {start}", parent_id=None).id
        buurt = reference.save_neighbourhood(None, name=f"Buurt {start}", parent_id=nb).id
    ids = []
    for i in range(n):
        ids.append(sw.record(reported_on=date.today() - timedelta(days=start + i), neighbourhood_id=(nb, buurt)[i % 2],
                             readers=("colleague_a", "third_a")[: 1 + i % 2]))
        sw.move(ids[-1], "in_progress", "forwarded", "feedback_given", on=date.today())
    return ids


def test_signal_list_is_flat_in_data_size(sw, login, capsys):
    b = login("colleague_a")
    pages = {"list": "", "filtered list": "?status=feedback_given&onderwerp=tension"}
    _fill(sw, 5, 1)
    few_detail = sw.record(readers=("colleague_a",))
    measured = {}
    for name, path in pages.items():
        b.get(sw.url(path))
        measured[name] = [_count(lambda: b.get(sw.url(path)))]
    b.get(sw.url(str(few_detail)))
    measured["detail"] = [_count(lambda: b.get(sw.url(str(few_detail))))]
    _fill(sw, 25, 100)
    many_detail = sw.record(readers=("colleague_a", "third_a"))
    sw.move(many_detail, "in_progress", "forwarded", "in_progress", on=date.today())
    for _ in range(10):
        b.get(sw.url(str(many_detail)))  # a longer access log
    for name, path in pages.items():
        b.get(sw.url(path))  # warm, as on the small side: the new data refilled the per-tenant caches once
        measured[name].append(_count(lambda: b.get(sw.url(path))))
    measured["detail"].append(_count(lambda: b.get(sw.url(str(many_detail)))))
    with capsys.disabled():
        print("\nSQL queries per signal page (small, large):", measured)
    assert all(few == many for few, many in measured.values()), measured
