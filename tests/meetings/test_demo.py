"""The demo seeder: a year of meetings per demo municipality — agendas, attendance, rotating places, approved
two-layer minutes — in Dutch, fast and idempotent."""
from __future__ import annotations

import time
from collections import Counter
from datetime import date, timedelta

from sleutelnet.blueprints.keypersons import demo as kp_demo
from sleutelnet.blueprints.meetings import demo, services
from sleutelnet.blueprints.meetings.models import AgendaItem, Attendance, Meeting, MeetingNotes, MeetingSettings
from sleutelnet.blueprints.network import demo as network_demo
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def test_demo_meetings(world, capsys):
    network_demo.seed_demo_networks()
    kp_demo.seed_demo_keypersons()
    started, cpu = time.perf_counter(), time.process_time()
    demo.seed_demo_meetings()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    with capsys.disabled():
        print(f"\nmeetings demo seeder: {elapsed:.2f} s ({cpu:.2f} s CPU) for the demo municipalities here")
    if db.engine.dialect.name == "sqlite":  # CPU time: the machine is shared; PostgreSQL is measured only
        assert cpu < 3
    for key in ("a", "b"):
        with tenant_context(world.tenant_ids[key]):
            meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.starts_at)).all()
            statuses = Counter(m.status for m in meetings)
            assert statuses["minutes_approved"] >= 10 and statuses["cancelled"] == 1 and statuses["planned"] == 1
            span = services.local(meetings[-1].starts_at).date() - services.local(meetings[0].starts_at).date()
            assert span >= timedelta(days=365)
            held = [m for m in meetings if m.status == "minutes_approved"]
            assert all(m.summary and m.approved_at for m in held)
            assert db.session.scalar(db.select(db.func.count(MeetingNotes.id))) >= 1
            # rotating places: no host twice in a row among the meetings held
            places = [m.location_id for m in held]
            assert all(a != b for a, b in zip(places, places[1:])) and len(set(places)) >= 8
            assert db.session.scalar(db.select(db.func.count(Attendance.id))) > 100
            _national_job_matches_each_indicator_alone(world.tenant_ids[key])
            assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) >= 4 * len(meetings)
            assert db.session.scalar(db.select(MeetingSettings.chair_mode)) in ("rotating", "external")
            assert any(m.starts_at and services.local(m.starts_at).date() > date.today() for m in meetings)
    with tenant_context(world.tenant_ids["a"]):
        before = db.session.scalar(db.select(db.func.count(Meeting.id)))
    demo.seed_demo_meetings()  # idempotent
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count(Meeting.id))) == before


def _national_job_matches_each_indicator_alone(tenant_id):
    """With a year of meetings (dated engagement facts), the national job over four quarters — the register
    and the undated facts read once (`indicator_run`) — stores exactly what each indicator computes alone."""
    from sleutelnet.blueprints.national import jobs, periods
    from tests.national.conftest import stored_values, values_alone

    codes = periods.recent(date.today(), 4)
    jobs.compute_tenant_periods(tenant_id, codes, commit=False)
    stored = stored_values(tenant_id)
    assert stored == values_alone(tenant_id, codes)
    quiet = {stored[code, "health.quiet_share"] for code in codes}
    assert len(quiet) > 1 and (codes[-1], "meeting_attendance_rate") in stored, stored
