"""Meetings at national scale: a year of meetings per municipality, then the meeting reminder sweep.

    DATABASE_URL=... .venv/bin/python bench/meetings.py [--tenants 342] [--only-sweep]

Run after `bench/generate.py` (it needs the municipalities with a network and key persons). Per municipality
without meetings it adds, with the demo seeder of the meetings area, the location pool, a plenary and a
core-group series, a year of meetings at rotating places (agendas, attendance per person, approved
minutes, actions) and two upcoming meetings, one of them planned and invited — one transaction each.

Then it times the three `find_due` functions the meetings area gives the reminder dispatch (meeting
reminders, unanswered invitations, actions due/overdue) over every municipality in turn, inside each
tenant's context, on one process — the meetings' share of the reminder sweep — for two days: today,
and the day the 1-day reminder of the planned meeting is due. Prints seconds and the number of Due objects.
The dispatch itself (inserting the rows, sending) belongs to the reminders area and its own bench.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=342)
    parser.add_argument("--only-sweep", action="store_true", help="do not add meetings, only time the sweep")
    args = parser.parse_args(argv)

    from sleutelnet.blueprints.meetings import demo, reminders
    from sleutelnet.blueprints.meetings.models import Meeting
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant, tenant_context
    from sleutelnet.tenants.models import Tenant

    app = create_app()
    with app.app_context():
        with cross_tenant("maintenance"):
            tenants = db.session.execute(db.select(Tenant.id, Tenant.slug, Tenant.name)
                                         .order_by(Tenant.cbs_code).limit(args.tenants)).all()
        if not args.only_sweep:
            started, added = time.perf_counter(), 0
            for tenant_id, slug, name in tenants:
                with tenant_context(tenant_id):
                    if db.session.scalar(db.select(Meeting.id).limit(1)) is not None:
                        continue
                    added += demo.seed_tenant(slug, city=name, chair_mode="rotating", email_domain="bench")
                    db.session.commit()
            print(f"added {added} meetings in {time.perf_counter() - started:.1f} s")
        kinds = (reminders.meeting_reminders, reminders.rsvp_outstanding, reminders.actions_due)
        for label, day in (("today", date.today()), ("in 11 days", date.today() + timedelta(days=11))):
            started, counts = time.perf_counter(), {k.__name__: 0 for k in kinds}
            for tenant_id, _slug, _name in tenants:
                with tenant_context(tenant_id):
                    for kind in kinds:
                        counts[kind.__name__] += sum(1 for _ in kind(tenant_id, day))
                db.session.rollback()  # end the read transaction per tenant, as the sweep job would
            print(f"find_due over {len(tenants)} municipalities ({label}): {time.perf_counter() - started:.2f} s, "
                  f"{counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
