"""Round-robin within capacity, substitutes during absence, and the sweep job (warnings sent once, only
within working hours)."""
from __future__ import annotations

from datetime import date, datetime

from sleutelnet.blueprints.advice import assignment, jobs, services
from sleutelnet.blueprints.advice.models import AdviceEffect, AdviceRequest
from sleutelnet.blueprints.advice.workhours import TZ
from sleutelnet.platform.extensions import db
from sleutelnet.workers.queues import flush


def local(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def _ask(world, now, urgency="normal", auto_assign=True):
    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="1.1", subject="Vraag",
                                  question="Tekst", urgency=urgency, context_json=None, now=now,
                                  auto_assign=auto_assign)
    db.session.commit()
    return req


def test_round_robin_alternates_and_respects_capacity(world, extra_advisor):
    first = world.ids["ess_advisor"]
    assignees = [_ask(world, local(2026, 3, 2, 10, i)).assignee_id for i in range(4)]
    assert sorted(set(assignees)) == sorted({first, extra_advisor})
    assert assignees[0] != assignees[1] and assignees[0] == assignees[2]  # alternating turns
    assignment.settings_for(extra_advisor, create=True).capacity = 2       # full with its 2 open requests
    db.session.commit()
    assert {_ask(world, local(2026, 3, 2, 11, i)).assignee_id for i in range(2)} == {first}
    assignment.settings_for(first, create=True).capacity = 4               # everyone full: stays new
    db.session.commit()
    req = _ask(world, local(2026, 3, 2, 12))
    assert req.assignee_id is None and req.state == "new"


def test_absent_advisors_get_nothing_and_substitutes_handle_their_requests(world, extra_advisor):
    first = world.ids["ess_advisor"]
    req = _ask(world, local(2026, 3, 2, 10), auto_assign=False)
    services.assign(req, first, None)
    s = assignment.settings_for(first, create=True)
    s.absent_from, s.absent_until, s.substitute_id = date(2026, 3, 1), date(2026, 3, 31), extra_advisor
    db.session.commit()
    assert assignment.handler_id(first, date(2026, 3, 10)) == extra_advisor
    assert assignment.handler_id(first, date(2026, 4, 1)) == first        # back: it is theirs again
    assert req.id in {r.id for r in services.inbox("mine", extra_advisor, now=local(2026, 3, 10, 10)).items}
    # new requests skip the absent advisor
    assert {_ask(world, local(2026, 3, 10, 10, i)).assignee_id for i in range(3)} == {extra_advisor}


def test_a_chain_of_substitutes_does_not_lose_the_first(world, extra_advisor):
    """A is absent → B, B absent too → C; A's requests stay A's (zammad #3694)."""
    from sleutelnet.platform.auth.models import User

    third = User(email="derde@sleutelnet.example", name="Derde", platform_role="ess_advisor")
    db.session.add(third)
    db.session.flush()
    a, b, c = world.ids["ess_advisor"], extra_advisor, third.id
    for user, sub in ((a, b), (b, c)):
        s = assignment.settings_for(user, create=True)
        s.absent_from, s.substitute_id = date(2026, 3, 1), sub
    s = assignment.settings_for(c, create=True)
    s.absent_from, s.substitute_id = None, a
    db.session.commit()
    assert assignment.handler_id(a, date(2026, 3, 5)) == c
    s.absent_from = date(2026, 3, 1)  # everyone away: a cycle ends at the assignee, never at nobody
    db.session.commit()
    assert assignment.handler_id(a, date(2026, 3, 5)) == a


def test_warning_is_sent_once_and_only_within_working_hours(world, mailbox):
    req = _ask(world, local(2026, 3, 6, 16), urgency="urgent")   # Friday 16:00, first response within 8 h
    # Friday evening: 1 working hour used, and it is not working time anyway
    assert jobs.run_sweep(local(2026, 3, 6, 23))["warnings"] == 0
    # Monday 08:00: 6 hours needed for 75 %, but only 1 used; not working time
    assert jobs.run_sweep(local(2026, 3, 9, 8))["warnings"] == 0
    # Friday 16–17 is 1 h, Monday 09–14 is 5 h: 75 % of 8 h is reached at Monday 14:00
    assert jobs.run_sweep(local(2026, 3, 9, 13, 59))["warnings"] == 0
    assert jobs.run_sweep(local(2026, 3, 9, 14))["warnings"] == 1
    db.session.commit()
    assert jobs.run_sweep(local(2026, 3, 9, 14, 10))["warnings"] == 0  # never twice
    db.session.commit()
    flush()
    mails = mailbox()
    assert len(mails) == 1 and mails[0][0] == world.users["ess_advisor"].email
    assert f"/ess/advies/{req.id}" in mails[0][2]
    effect = db.session.scalar(db.select(AdviceEffect).filter_by(kind="first_response_warning"))
    assert effect.request_id == req.id and effect.recipient_id == world.ids["ess_advisor"]


def test_warning_due_at_night_waits_for_the_morning(world, mailbox):
    _ask(world, local(2026, 3, 2, 9), urgency="urgent")
    # 75 % was reached at 15:00; the sweep at 22:00 does not mail, 09:05 the next day does
    assert jobs.run_sweep(local(2026, 3, 2, 22))["warnings"] == 0
    assert jobs.run_sweep(local(2026, 3, 3, 9, 5))["warnings"] == 1
    db.session.commit()
    flush()
    assert len(mailbox()) == 1


def test_no_warning_while_waiting_for_the_municipality(world):
    req = _ask(world, local(2026, 3, 2, 9))
    services.send_to_municipality(req, "Welke wijk?", "info_request", world.ids["ess_advisor"], now=local(2026, 3, 2, 10))
    db.session.commit()
    # three weeks later: first response met, resolution clock paused at 1 hour → nothing due
    assert jobs.run_sweep(local(2026, 3, 23, 10))["warnings"] == 0


def test_sweep_assigns_new_requests_and_closes_old_answers(world):
    req = _ask(world, local(2026, 3, 2, 9), auto_assign=False)
    assert jobs.run_sweep(local(2026, 3, 2, 10))["assigned"] == 1
    services.send_to_municipality(req, "Antwoord", "answer", world.ids["ess_advisor"], now=local(2026, 3, 2, 11))
    db.session.commit()
    assert jobs.run_sweep(local(2026, 3, 10, 10))["closed"] == 0
    assert jobs.run_sweep(local(2026, 3, 17, 10))["closed"] == 1
    db.session.commit()
    assert db.session.get(AdviceRequest, req.id).state == "closed"


def test_the_sweep_job_entry_point_commits(world, app):
    _ask(world, local(2026, 3, 2, 9), auto_assign=False)
    counts = jobs.sweep(local(2026, 3, 2, 10))
    assert counts["assigned"] == 1
    db.session.expire_all()
    assert db.session.scalar(db.select(AdviceRequest)).assignee_id == world.ids["ess_advisor"]
