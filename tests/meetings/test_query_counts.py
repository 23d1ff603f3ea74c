"""No N+1: the meeting page runs the same number of SQL queries for a small and a large meeting (agenda,
invitees, decisions, actions, backlog and history all grow), like the register pages."""
from __future__ import annotations

from sqlalchemy import event

from sleutelnet.blueprints.meetings import minutes, services
from sleutelnet.blueprints.meetings.models import Action, AgendaItem, Attendance, Decision, Meeting
from sleutelnet.platform.extensions import db


def _meeting_of(mt, n, label, status):
    net = mt.network(f"Netwerk {label}", persons=n)
    place = mt.place(f"Plek {label}")
    for i in range(n // 3):  # history grows too
        mt.meeting(net["id"], days=-30 - i, status="minutes_approved", location_id=place)
    mid = mt.meeting(net["id"], days=-1, status=status, location_id=place, minutes=600)
    with mt.tenant():
        for i, pid in enumerate(net["people"]):
            db.session.add(Attendance(meeting_id=mid, person_id=pid, status=("present", "excused", "absent")[i % 3],
                                      message="bericht" if i % 2 else ""))
            db.session.add(AgendaItem(network_id=net["id"], meeting_id=mid, title=f"Punt {i}", duration_minutes=5,
                                      position=i, state="scheduled" if status == "planned" else "discussed",
                                      owner_person_id=pid))
            db.session.add(AgendaItem(network_id=net["id"], meeting_id=mid, title=f"Voorstel {i}", duration_minutes=5,
                                      state="proposed", owner_person_id=pid, proposed_by_person_id=pid))
            db.session.add(AgendaItem(network_id=net["id"], title=f"Backlog {i}", duration_minutes=5, state="backlog",
                                      owner_person_id=pid))
            db.session.add(Decision(meeting_id=mid, text=f"Besluit {i}", position=i))
            db.session.add(Action(meeting_id=mid, description=f"Actie {i}", owner_person_id=pid))
        m = db.session.get(Meeting, mid)
        m.summary, m.chair_person_id = "Samenvatting", net["people"][0]
        minutes.save_confidential_notes(m, "Vertrouwelijk")
        db.session.commit()
        assert len(minutes.attendances(mid)) == n
    return mid


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


def test_meeting_pages_are_flat_in_data_size(mt, login, capsys):
    b = login("coordinator_a")
    measured = {}
    for status, pages in (("planned", ("", "/aanwezigheid", "/acties")),
                          ("minutes_draft", ("", "/aanwezigheid", "/verslag", "/vaststellen"))):
        small, large = _meeting_of(mt, 4, f"klein {status}", status), _meeting_of(mt, 30, f"groot {status}", status)
        for page in pages:
            b.get(mt.url(f"{small}{page}"))  # warm up
            measured[f"{status}{page}"] = (_count(lambda: b.get(mt.url(f"{small}{page}"))),
                                           _count(lambda: b.get(mt.url(f"{large}{page}"))))
    b.get(mt.url("?toon=eerder"))
    with capsys.disabled():
        print("\nSQL queries per meeting page (4 persons, 30 persons):", measured)
    assert all(few == many for few, many in measured.values()), measured
