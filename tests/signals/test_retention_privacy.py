"""Retention of the text (purged after the period, counts kept, idempotent, per tenant) and the key person's
subject-access export and erasure."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import SECRET


def _closed_signal(sw, closed_on):
    signal_id = sw.record(reported_on=closed_on - timedelta(days=20))
    sw.move(signal_id, "in_progress", "feedback_given", "closed", on=closed_on)
    return signal_id


def test_texts_are_purged_after_the_period_and_counts_stay(sw, world):
    from sleutelnet.blueprints.signals import queries, retention, services

    today = date(2026, 11, 29)
    old = _closed_signal(sw, date(2024, 11, 20))  # closed > 24 months before `today`
    recent = _closed_signal(sw, date(2025, 1, 10))
    open_one = sw.record(reported_on=date(2024, 1, 10))
    with sw.tenant():
        before = queries.counts()
        assert retention.purge_tenant(sw.tenant_id, today) == 1
        signal = sw.get(old)
        assert signal.description is None and signal.purged_at is not None and signal.topic == "tension"
        assert sw.get(recent).description == SECRET and sw.get(open_one).description == SECRET
        assert retention.purge_tenant(sw.tenant_id, today) == 0  # idempotent
        assert queries.counts()["total"] == before["total"] == 3
        # a shorter period (coordinator setting) purges more
        services.save_settings(follow_up_days=10, retention_months=12, actor_id=world.ids["coordinator_a"])
        db.session.commit()
        assert retention.purge_tenant(sw.tenant_id, today) == 1
        assert sw.get(recent).description is None
        assert sw.get(open_one).description == SECRET


def test_the_scheduled_job_visits_every_tenant_with_its_own_setting(sw, world, app):
    from sleutelnet.blueprints.signals import manifest, retention

    old = _closed_signal(sw, date.today() - timedelta(days=800))
    results = retention.purge_all()
    assert results[sw.tenant_id] == 1 and results[world.tenant_ids["b"]] == 0
    with sw.tenant():
        assert sw.get(old).purged
    job = manifest.FEATURE.jobs[0]
    assert job.func is retention.run_purge_job and job.cron


def test_the_scheduled_job_enqueues_one_job_per_tenant(sw, world):
    from sleutelnet.blueprints.signals import retention
    from sleutelnet.workers.outbox import OutboxJob

    old = _closed_signal(sw, date.today() - timedelta(days=800))
    assert retention.run_purge_job() == [world.tenant_ids["a"], world.tenant_ids["b"]]
    jobs = db.session.scalars(db.select(OutboxJob).filter_by(
        func="sleutelnet.blueprints.signals.retention.purge_tenant_job")).all()
    assert sorted(j.tenant_id for j in jobs) == sorted(world.tenant_ids.values())
    assert {j.status for j in jobs} == {"done"}  # no Redis in this test: run inline after the commit
    with sw.tenant():
        assert sw.get(old).purged
        settings_row = retention.stored_settings()
        assert settings_row.last_purge_count == 1
    retention.run_purge_job()  # again: nothing left to purge
    db.session.expire_all()
    with sw.tenant():
        assert retention.stored_settings().last_purge_count == 0
    with pytest.raises(RuntimeError):
        retention.purge_tenant_job(world.tenant_ids["b"])  # outside its tenant's context


def test_the_cli_command_purges(sw, world, app):
    old = _closed_signal(sw, date.today() - timedelta(days=800))
    result = app.test_cli_runner().invoke(args=["signals", "purge"])
    assert result.exit_code == 0, result.output
    assert f"tenant {sw.tenant_id}: 1 signal texts removed" in result.output
    with sw.tenant():
        assert sw.get(old).purged


def test_purged_signal_page_says_so_and_cannot_be_edited(sw, login):
    from sleutelnet.blueprints.signals import retention

    old = _closed_signal(sw, date.today() - timedelta(days=800))
    with sw.tenant():
        retention.purge_tenant(sw.tenant_id)
    b = login("official_a")
    page = b.get(sw.url(str(old)))
    assert page.status_code == 200 and SECRET not in page.get_data(as_text=True)
    assert f"{old}/status" not in page.get_data(as_text=True)  # no reopen of a purged signal


def test_settings_form_validates(sw, login):
    b = login("coordinator_a")
    assert b.get(sw.url("instellingen")).status_code == 200
    assert b.post(sw.url("instellingen"), {"follow_up_days": "0", "retention_months": "24"}).status_code == 422
    assert b.post(sw.url("instellingen"), {"follow_up_days": "tien", "retention_months": "24"}).status_code == 422
    assert b.post(sw.url("instellingen"), {"follow_up_days": "5", "retention_months": "121"}).status_code == 422
    assert b.post(sw.url("instellingen"), {"follow_up_days": "5", "retention_months": "36"}).status_code == 302
    from sleutelnet.blueprints.signals import services

    with sw.tenant():
        settings = services.get_settings()
        assert (settings.follow_up_days, settings.retention_months) == (5, 36)


def test_signals_of_a_key_person_are_in_their_export_and_erased_with_them(sw, world, app):
    from sleutelnet.blueprints.keypersons import pipeline, services as kp
    from sleutelnet.blueprints.privacy import erasure, exports, inventory
    from sleutelnet.blueprints.privacy.retention import get_settings
    from sleutelnet.blueprints.signals.models import Signal

    from_person = sw.record()
    anonymous = sw.record(person=False, text="Anonieme melding 5521")
    with sw.tenant():
        assert Signal in inventory.covered_models()
        with app.test_request_context():
            doc = json.loads(exports.to_json(exports.collect(sw.person_id), exports.information(get_settings())))
        rows = [r for s in doc["sections"] if s["key"] == "signals" for r in s["rows"]]
        assert [r["fields"]["id"] for r in rows] == [from_person]
        assert rows[0]["fields"]["description"] == SECRET
        assert "Anonieme melding" not in json.dumps(doc)

        pipeline.record_exit(kp.get_person(sw.person_id), exited_on=None, reason="personal")
        erasure.erase_person(sw.person_id, actor_id=world.ids["coordinator_a"])
        signal = sw.get(from_person)
        assert signal.description is None and signal.topic == "tension" and signal.status == "reported"
        assert sw.get(anonymous).description == "Anonieme melding 5521"


def test_deleting_a_neighbourhood_used_by_a_signal_clears_the_reference(sw, world):
    from sleutelnet.blueprints.keypersons import reference

    with sw.tenant():
        nb = reference.save_neighbourhood(None, name="Lombok", parent_id=None).id
    signal_id = sw.record(neighbourhood_id=nb)
    with sw.tenant():
        reference.delete_neighbourhood(reference.get_neighbourhood(nb))
        assert sw.get(signal_id).neighbourhood_id is None


def test_reading_a_signal_from_a_key_person_is_in_the_persons_access_log(sw, login, world):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess

    signal_id = sw.record(sensitivity="confidential", readers=())
    login("coordinator_a").get(sw.url(str(signal_id)))
    with tenant_context(sw.tenant_id):
        actions = [(a.user_id, a.action) for a in db.session.scalars(
            db.select(KeyPersonAccess).filter_by(person_id=sw.person_id).order_by(KeyPersonAccess.id))]
    assert (world.ids["official_a"], "edit") in actions and (world.ids["coordinator_a"], "view") in actions
