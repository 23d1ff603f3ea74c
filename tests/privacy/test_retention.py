"""Retention periods: per-tenant settings (coordinators only) and the scheduled job that applies them to every
active tenant — anonymising people who left long ago, deleting old access-log rows and expired export files."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import NAME, make_full_person


def _settings_url(world, tenant="a"):
    return f"/g/{world.slugs[tenant]}/privacy/bewaartermijnen"


def _names(tenant_id):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    db.session.expire_all()
    with tenant_context(tenant_id):
        return {pid: name for pid, name in db.session.execute(db.select(KeyPerson.id, KeyPerson.name))}


def _backdate_exit(tenant_id, person_id, days):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    with tenant_context(tenant_id):
        person = db.session.get(KeyPerson, person_id)
        person.status_since = date.today() - timedelta(days=days)
        db.session.commit()


def test_months_before():
    from sleutelnet.blueprints.privacy.retention import months_before

    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


def test_defaults_and_editing(login, world):
    from sleutelnet.blueprints.privacy.models import RetentionSetting
    from sleutelnet.platform.audit import AuditEvent

    b = login("coordinator_a")
    page = b.get(f"/g/{world.slugs['a']}/privacy/").get_data(as_text=True)
    assert "24 maanden" in page
    form = b.get(_settings_url(world)).get_data(as_text=True)
    assert 'value="24"' in form
    r = b.post(_settings_url(world), {"anonymise_exited_after_months": "12", "access_log_months": "6"})
    assert r.status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        s = db.session.scalar(db.select(RetentionSetting))
        assert (s.anonymise_exited_after_months, s.access_log_months) == (12, 6)
        assert s.updated_by_id == world.ids["coordinator_a"]
        assert db.session.scalar(db.select(AuditEvent).filter_by(action="privacy.retention_changed")) is not None
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.scalar(db.select(RetentionSetting)) is None  # tenant B keeps the defaults


@pytest.mark.parametrize("values,message", [
    ({"anonymise_exited_after_months": "0", "access_log_months": "24"}, "van 1 tot en met 120"),
    ({"anonymise_exited_after_months": "121", "access_log_months": "24"}, "van 1 tot en met 120"),
    ({"anonymise_exited_after_months": "twee", "access_log_months": "24"}, "Vul een heel aantal maanden in."),
    ({"anonymise_exited_after_months": "", "access_log_months": "24"}, "Vul een aantal maanden in."),
])
def test_validation_messages_are_dutch(login, world, values, message):
    b = login("coordinator_a")
    r = b.post(_settings_url(world), values)
    assert r.status_code == 422 and message in r.get_data(as_text=True)


@pytest.mark.parametrize("who", ["official_a", "viewer_a"])
def test_only_coordinators_manage_retention(login, world, who):
    b = login(who)
    assert b.get(f"/g/{world.slugs['a']}/privacy/").status_code == 403
    assert b.get(_settings_url(world)).status_code == 403
    assert b.post(_settings_url(world), {"anonymise_exited_after_months": "1",
                                         "access_log_months": "1"}).status_code == 403
    # and no menu entry points there
    assert "/privacy/" not in b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)


def test_retention_effects(app, world, owner_engine):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
    from sleutelnet.blueprints.privacy import jobs, retention
    from sleutelnet.blueprints.privacy.models import Erasure, RetentionSetting
    from sleutelnet.platform.audit import AuditEvent

    old_a = make_full_person(world, "a")
    recent_a = make_full_person(world, "a")
    active_a = make_full_person(world, "a", exited=False)
    old_b = make_full_person(world, "b")
    _backdate_exit(old_a.tenant_id, old_a.person_id, 800)     # > 24 months ago
    _backdate_exit(recent_a.tenant_id, recent_a.person_id, 400)  # 13 months: within A's 24
    _backdate_exit(old_b.tenant_id, old_b.person_id, 400)     # 13 months: past B's 12
    with tenant_context(old_b.tenant_id):
        retention.save_settings(anonymise_exited_after_months=12, access_log_months=1,
                                actor_id=world.ids["coordinator_b"])

    long_ago = datetime.now(timezone.utc) - timedelta(days=800)
    recent = datetime.now(timezone.utc) - timedelta(days=40)
    with owner_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('app.cross_tenant', 'on', true)"))
        for tid, pid in ((old_a.tenant_id, active_a.person_id), (old_b.tenant_id, old_b.person_id)):
            for at in (long_ago, recent):
                conn.execute(text("INSERT INTO key_person_access_log (tenant_id, person_id, user_id, at, action) "
                                  "VALUES (:t, :p, NULL, :at, 'view')"), {"t": tid, "p": pid, "at": at})

    results = jobs.apply_retention()
    assert set(results) == {world.tenant_ids["a"], world.tenant_ids["b"]}

    names_a, names_b = _names(old_a.tenant_id), _names(old_b.tenant_id)
    assert names_a[old_a.person_id] == f"Geanonimiseerd #{old_a.person_id}"
    assert names_a[recent_a.person_id] == NAME and names_a[active_a.person_id] == NAME
    assert names_b[old_b.person_id] == f"Geanonimiseerd #{old_b.person_id}"
    # the referrers made by the fixture left today: untouched
    assert names_a[old_a.other_id] == "Verwijzer Andere Persoon"
    assert results[world.tenant_ids["a"]]["anonymised"] == 1
    assert results[world.tenant_ids["b"]]["anonymised"] == 1

    db.session.expire_all()
    with tenant_context(old_a.tenant_id):
        erasure = db.session.scalar(db.select(Erasure).filter_by(person_id=old_a.person_id))
        assert erasure.reason == "retention" and erasure.erased_by_id is None
        # A keeps 24 months of access log: the 40-day-old row stays, the 800-day-old one goes
        ats = [a.replace(tzinfo=None) for a, in db.session.execute(
            db.select(KeyPersonAccess.at).filter_by(person_id=active_a.person_id))]
        assert all(a > (long_ago + timedelta(days=1)).replace(tzinfo=None) for a in ats)
        assert any(abs((a - recent.replace(tzinfo=None)).total_seconds()) < 5 for a in ats)
        assert results[world.tenant_ids["a"]]["access_log_deleted"] == 1
        settings = db.session.scalar(db.select(RetentionSetting))
        assert settings.last_run_at is not None and "anonymised=1" in settings.last_run_summary
        assert db.session.scalar(db.select(AuditEvent).filter_by(action="privacy.retention_applied")) is not None
    with tenant_context(old_b.tenant_id):
        # B keeps 1 month: both old rows of B go (800 and 40 days)
        assert db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess).where(
            KeyPersonAccess.at < datetime.now(timezone.utc) - timedelta(days=35))) == 0

    # running again changes nothing
    again = jobs.apply_retention()
    assert all(r["anonymised"] == 0 for r in again.values())


def test_inactive_tenants_are_skipped(world):
    from sleutelnet.blueprints.privacy import retention
    from sleutelnet.tenants.services import set_active

    old_b = make_full_person(world, "b")
    _backdate_exit(old_b.tenant_id, old_b.person_id, 900)
    set_active(world.slugs["b"], False)
    assert world.tenant_ids["b"] not in retention.apply_retention_all()
    assert _names(old_b.tenant_id)[old_b.person_id] == NAME


def test_export_files_expire(app, world, full_person):
    import os

    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.privacy import exports, retention
    from sleutelnet.blueprints.privacy.models import ExportRequest

    from .conftest import run_pending_jobs

    with tenant_context(full_person.tenant_id):
        req = exports.request_export(kp.get_person(full_person.person_id), actor_id=world.ids["coordinator_a"])
        req_id = req.id
    run_pending_jobs()
    with tenant_context(full_person.tenant_id):
        req = db.session.get(ExportRequest, req_id)
        path = exports.file_path(req, "json")
        assert os.path.exists(path)
        req.completed_at = datetime.now(timezone.utc) - timedelta(days=31)
        db.session.commit()
        assert retention.apply_retention_for_tenant()["exports_removed"] == 1
        db.session.expire_all()
        assert db.session.get(ExportRequest, req_id).status == "expired" and not os.path.exists(path)


def test_cli_command(app, world):
    old = make_full_person(world, "a")
    _backdate_exit(old.tenant_id, old.person_id, 900)
    result = app.test_cli_runner().invoke(args=["privacy", "retention"])
    assert result.exit_code == 0, result.output
    assert f"tenant {world.tenant_ids['a']}: anonymised 1" in result.output
    assert _names(old.tenant_id)[old.person_id].startswith("Geanonimiseerd")


def test_the_retention_job_is_scheduled_daily(app):
    import fakeredis
    from rq.cron import CronScheduler

    from sleutelnet.blueprints.privacy.jobs import apply_retention

    scheduler = CronScheduler(connection=fakeredis.FakeStrictRedis(), logging_level="WARNING")
    scheduler.load_config_from_file("sleutelnet.workers.cron_config")
    [job] = [j for j in scheduler.get_jobs() if j.func is apply_retention]
    assert job.queue_name == "reports" and job.cron == "30 2 * * *" and job.job_options["job_timeout"]


def test_the_job_function_runs_without_an_app_context(app, world):
    """As a cron-scheduled worker calls it: in a thread of its own, without any app context."""
    import threading

    from sleutelnet.blueprints.privacy import jobs
    from sleutelnet.workers import runtime

    old = make_full_person(world, "a")
    _backdate_exit(old.tenant_id, old.person_id, 900)
    db.session.remove()  # let the other thread write (SQLite)
    runtime.set_app(app)
    results = {}
    thread = threading.Thread(target=lambda: results.update(jobs.apply_retention()))
    thread.start()
    thread.join(120)
    assert results[world.tenant_ids["a"]]["anonymised"] == 1
    assert _names(old.tenant_id)[old.person_id].startswith("Geanonimiseerd")
