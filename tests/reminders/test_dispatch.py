"""The sweep: one dispatch row per key, delivered once, by preference; nothing lost when delivery fails."""
from __future__ import annotations

from datetime import timedelta

import pytest

from sleutelnet.blueprints.reminders import dispatch, jobs
from sleutelnet.blueprints.reminders.models import Notification, NotificationPreference, ReminderDispatch
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import KIND, TODAY, count, mail_jobs


def _items(world, n=3, key="a"):
    users = [world.ids[f"coordinator_{key}"], world.ids[f"official_{key}"]]
    return [(i, TODAY + timedelta(days=7), 7, users, ["sleutel@example.org"] if i == 1 else []) for i in range(1, n + 1)]


def test_sweep_records_and_delivers_once(world, test_kind):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world)
    first = dispatch.sweep(a, TODAY)
    assert first["recorded"] == 3 and first["dispatches"] == 3
    assert first["notifications"] == 6
    assert first["mails"] == 7  # 2 users x 3 (immediate by default) + 1 external address
    again = dispatch.sweep(a, TODAY)
    assert again == {"dispatches": 0, "notifications": 0, "mails": 0, "recorded": 0}
    assert count(ReminderDispatch, a) == 3
    assert count(ReminderDispatch, a, status="sent") == 3
    assert count(Notification, a) == 6
    assert len(mail_jobs(a)) == 7
    with tenant_context(a):  # recipients are not kept once delivered
        assert {d.data_json for d in db.session.scalars(db.select(ReminderDispatch))} == {"{}"}


def test_a_changed_reference_date_is_a_new_reminder(world, test_kind):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=1)
    dispatch.sweep(a, TODAY)
    moved = TODAY + timedelta(days=9)
    test_kind.items[a] = [(1, moved, 7, [world.ids["official_a"]], [])]
    assert dispatch.sweep(a, TODAY)["dispatches"] == 1
    assert count(ReminderDispatch, a) == 2
    assert count(Notification, a, user_id=world.ids["official_a"]) == 2


def test_preferences_decide_mail_digest_or_in_app(world, test_kind):
    a = world.tenant_ids["a"]
    coordinator, official = world.ids["coordinator_a"], world.ids["official_a"]
    with tenant_context(a):
        db.session.add_all([NotificationPreference(user_id=coordinator, kind=KIND, delivery="in_app"),
                            NotificationPreference(user_id=official, kind=KIND, delivery="digest")])
        db.session.commit()
    test_kind.items[a] = _items(world, n=2)
    result = dispatch.sweep(a, TODAY)
    assert result["notifications"] == 4
    assert result["mails"] == 1  # only the external address
    assert count(Notification, a, user_id=official, digest_pending=True) == 2
    assert count(Notification, a, user_id=coordinator, digest_pending=False) == 2
    # the digest: one mail for the official, once
    assert dispatch.send_digests(a, TODAY) == {"digests": 1}
    assert dispatch.send_digests(a, TODAY) == {"digests": 0}
    assert count(Notification, a, digest_pending=True) == 0
    digest = [j for j in mail_jobs(a) if "overzicht" in j.kwargs["subject"] or "overview" in j.kwargs["subject"]]
    assert len(digest) == 1 and digest[0].kwargs["to"] == world.users["official_a"].email
    assert "Bijeenkomst 1" in digest[0].kwargs["body"] and "Bijeenkomst 2" in digest[0].kwargs["body"]
    assert "Je dagelijkse overzicht van Sleutelnet" in digest[0].kwargs["body"]


def test_mail_and_notification_carry_only_title_and_link(world, test_kind):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=1)
    dispatch.sweep(a, TODAY)
    job = [j for j in mail_jobs(a) if j.kwargs["to"] == "sleutel@example.org"][0]
    body = job.kwargs["body"]
    assert "Bijeenkomst 1" in body and "/g/test/bijeenkomsten/1" in body
    assert "Herinnering van Sleutelnet" in body  # in the default language, like the title
    assert body.count("\n") < 12  # a title, a link and a footer — no content
    with tenant_context(a):
        item = db.session.scalars(db.select(Notification)).first()
        assert item.title.startswith("Bijeenkomst 1") and item.url == "/g/test/bijeenkomsten/1"


def test_users_outside_the_municipality_get_nothing(world, test_kind):
    a = world.tenant_ids["a"]
    test_kind.items[a] = [(1, TODAY, 0, [world.ids["coordinator_b"], world.ids["official_a"]], [])]
    assert dispatch.sweep(a, TODAY)["notifications"] == 1
    assert count(Notification, a, user_id=world.ids["coordinator_b"]) == 0


def test_tenants_are_swept_separately(world, test_kind):
    a, b = world.tenant_ids["a"], world.tenant_ids["b"]
    test_kind.items[a] = _items(world, n=2)
    test_kind.items[b] = _items(world, n=1, key="b")
    dispatch.sweep(a, TODAY)
    assert count(ReminderDispatch, a) == 2 and count(ReminderDispatch, b) == 0
    dispatch.sweep(b, TODAY)
    assert count(ReminderDispatch, b) == 1 and count(Notification, b) == 2


def test_a_failure_mid_delivery_loses_nothing_and_sends_nothing_twice(world, test_kind, monkeypatch):
    """Delivery fails after the first batch: that batch stays delivered, the rest stays pending, and the
    retried sweep delivers the rest — each reminder exactly once."""
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=7)
    monkeypatch.setattr(dispatch, "BATCH", 3)
    real_mail = dispatch._MailBatch.add
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 8:  # in the second batch
            raise RuntimeError("SMTP queue unavailable")
        return real_mail(self, *args, **kwargs)

    monkeypatch.setattr(dispatch._MailBatch, "add", flaky)
    with pytest.raises(RuntimeError):
        dispatch.sweep(a, TODAY)
    db.session.rollback()
    assert count(ReminderDispatch, a) == 7  # recorded before anything was sent
    assert count(ReminderDispatch, a, status="sent") == 3
    assert count(Notification, a) == 6
    monkeypatch.setattr(dispatch._MailBatch, "add", real_mail)
    result = dispatch.sweep(a, TODAY)
    assert result["dispatches"] == 4 and result["recorded"] == 0
    assert count(ReminderDispatch, a, status="sent") == 7
    assert count(Notification, a) == 14
    assert len(mail_jobs(a)) == 7 * 2 + 1


def test_the_database_refuses_a_second_notification_for_one_dispatch(world, test_kind):
    from sqlalchemy.exc import IntegrityError

    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=1)
    dispatch.sweep(a, TODAY)
    with tenant_context(a):
        first = db.session.scalars(db.select(Notification)).first()
        db.session.add(Notification(user_id=first.user_id, dispatch_id=first.dispatch_id, kind=KIND, title="x"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_national_job_enqueues_one_sweep_per_active_tenant(world, test_kind, monkeypatch):
    from sleutelnet.tenants.models import Tenant
    from sleutelnet.workers.outbox import OutboxJob

    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=1)
    monkeypatch.setattr(dispatch, "today_local", lambda: TODAY)
    n = jobs.sweep_all()  # without Redis the jobs run inline on flush
    active = db.session.scalar(db.select(db.func.count()).select_from(Tenant).filter_by(active=True))
    assert n == active
    rows = db.session.scalars(db.select(OutboxJob).filter_by(func="sleutelnet.blueprints.reminders.jobs.sweep_tenant")).all()
    assert len(rows) == active and all(r.queue == "reminders" and r.tenant_id for r in rows)
    assert count(ReminderDispatch, a, status="sent") == 1
    jobs.sweep_all()
    assert count(Notification, a) == 2


def test_cli_sweep_and_digest(app, world, test_kind, monkeypatch):
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=2)
    monkeypatch.setattr(dispatch, "today_local", lambda: TODAY)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders", "sweep"])
    assert result.exit_code == 0, result.output
    assert "2 delivered" in result.output
    assert count(Notification, a) == 4
    again = runner.invoke(args=["reminders", "sweep"])
    assert again.exit_code == 0 and "delivered" not in again.output
    digest = runner.invoke(args=["reminders", "digest"])
    assert digest.exit_code == 0 and "0 digests" in digest.output


def test_cron_registers_the_sweep_on_the_reminders_queue(app):
    from sleutelnet.blueprints.reminders.manifest import FEATURE

    names = {job.name: job for job in FEATURE.jobs}
    assert names["reminders-sweep"].queue == "reminders" and names["reminders-sweep"].cron
    assert names["reminders-digest"].func is jobs.digest_all


def test_a_failing_kind_does_not_hold_back_the_others(world, test_kind, monkeypatch):
    from sleutelnet.platform import features
    from sleutelnet.platform.features import Feature, ReminderKind

    def broken(tenant_id, today):
        raise ValueError("bug in another feature")
        yield  # pragma: no cover

    monkeypatch.setattr(features, "_installed", features._installed + (
        Feature(name="broken_test", reminder_kinds=(ReminderKind("test.broken", "Broken", broken),)),))
    a = world.tenant_ids["a"]
    test_kind.items[a] = _items(world, n=2)
    with pytest.raises(dispatch.KindsFailed, match="test.broken"):
        dispatch.sweep(a, TODAY)  # raised so that the job is retried ...
    db.session.rollback()
    assert count(ReminderDispatch, a, status="sent") == 2  # ... after the other kinds were delivered
    assert count(Notification, a) == 4
