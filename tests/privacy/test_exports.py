"""Subject-access export (AVG art. 15): a worker job makes JSON and PDF; the request page shows the status;
downloads only for coordinators of the tenant, logged as 'export' in the access log and audited."""
from __future__ import annotations

import json
import os

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

from .conftest import EMAIL, NAME, run_pending_jobs


def _base(world, person_id, tenant="a"):
    return f"/g/{world.slugs[tenant]}/sleutelpersonen/{person_id}/privacy"


def _request(b, world, person_id):
    r = b.post(f"{_base(world, person_id)}/inzage")
    assert r.status_code == 302, r.status_code
    return r.headers["Location"]


def test_request_generates_json_and_pdf_and_download_is_logged(app, login, world, full_person):
    from sleutelnet.blueprints.keypersons.models import KeyPersonAccess
    from sleutelnet.blueprints.privacy.models import ExportRequest
    from sleutelnet.platform.audit import AuditEvent
    from sleutelnet.workers.outbox import OutboxJob

    b = login("coordinator_a")
    status_url = _request(b, world, full_person.person_id)
    # the job went through the outbox, on the reports queue, with an explicit tenant
    job = db.session.scalar(db.select(OutboxJob).filter_by(func="sleutelnet.blueprints.privacy.jobs.generate_export"))
    assert job.queue == "reports" and job.tenant_id == full_person.tenant_id and job.status == "done"
    page = b.get(status_url)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "Klaar" in body and "inzage.pdf" in body and "inzage.json" in body

    with tenant_context(full_person.tenant_id):
        req = db.session.scalar(db.select(ExportRequest).filter_by(person_id=full_person.person_id))
        assert req.status == "done" and req.json_size and req.pdf_size
        folder = os.path.join(app.instance_path, "privacy-exports", str(full_person.tenant_id))
        assert sorted(os.listdir(folder)) == sorted(
            [f"inzage-{req.id}-{req.file_token}.json", f"inzage-{req.id}-{req.file_token}.pdf"])
        exports_before = db.session.scalar(db.select(db.func.count()).select_from(KeyPersonAccess)
                                           .filter_by(person_id=full_person.person_id, action="export"))
    assert exports_before == 0

    r = b.get(f"{status_url}/inzage.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert "attachment" in r.headers["Content-Disposition"] and r.headers["Cache-Control"] == "no-store"
    doc = json.loads(r.get_data())
    assert doc["person_id"] == full_person.person_id and doc["municipality"] == "Utrecht"
    person = doc["sections"][0]["rows"][0]["fields"]
    assert person["name"] == NAME and person["email"] == EMAIL and person["migration_background"] == "with"
    assert doc["sections"][0]["title"] == "Persoonsgegevens"  # Dutch, whatever the requester's language

    r = b._fresh("get", f"{status_url}/inzage.pdf")  # binary: not through the CSRF-reading helper
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.get_data()[:5] == b"%PDF-"

    db.session.expire_all()
    with tenant_context(full_person.tenant_id):
        rows = db.session.scalars(db.select(KeyPersonAccess).filter_by(person_id=full_person.person_id,
                                                                       action="export")).all()
        assert len(rows) == 2 and {a.user_id for a in rows} == {world.ids["coordinator_a"]}
        actions = [a for a, in db.session.execute(db.select(AuditEvent.action)
                                                  .filter_by(object_id=str(full_person.person_id)))]
    assert {"privacy.export_requested", "privacy.export_generated"} <= set(actions)
    assert actions.count("privacy.export_downloaded") == 2
    # "who viewed this person" shows the exports
    page = b.get(f"/g/{world.slugs['a']}/sleutelpersonen/{full_person.person_id}/inzage").get_data(as_text=True)
    assert "geëxporteerd" in page or "exported" in page


def test_the_pdf_html_is_dutch_and_complete(app, world, full_person):
    from flask_babel import force_locale

    from sleutelnet.blueprints.privacy import exports
    from sleutelnet.blueprints.privacy.retention import get_settings

    with tenant_context(full_person.tenant_id), app.test_request_context(), force_locale("nl"):
        data = exports.collect(full_person.person_id)
        html = exports.render_pdf_html(data, exports.information(get_settings()))
    assert '<html lang="nl">' in html and "Overzicht van uw persoonsgegevens" in html
    for value in [NAME, EMAIL, "Migratieachtergrond"] + [
            full_person.texts[k] for k in ("notes", "intake_notes", "exit_interview", "successor_name",
                                           "consent_note", "assessment_ties", "status_reason", "organisation")]:
        assert value in html, value
    assert "Coordinator Utrecht" in html  # officials are named, ids are resolved


def test_the_job_is_idempotent(app, world, full_person):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.privacy import exports, jobs

    with tenant_context(full_person.tenant_id):
        req = exports.request_export(kp.get_person(full_person.person_id), actor_id=world.ids["coordinator_a"])
        # a second request while the first is pending returns the same row
        again = exports.request_export(kp.get_person(full_person.person_id), actor_id=world.ids["coordinator_a"])
        assert again.id == req.id
    run_pending_jobs()
    with tenant_context(full_person.tenant_id):
        db.session.expire_all()
        req = exports.get_request(full_person.person_id, req.id)
        assert req.status == "done"
        path = exports.file_path(req, "pdf")
        mtime = os.stat(path).st_mtime_ns
        # redelivery of the same job: nothing is generated twice
        assert jobs.generate_export(export_id=req.id, tenant_id=full_person.tenant_id) == "already-done"
        assert os.stat(path).st_mtime_ns == mtime and req.attempts == 1


@pytest.mark.parametrize("who", ["official_a", "viewer_a"])
def test_only_coordinators_request_or_download(login, world, full_person, who):
    coordinator = login("coordinator_a")
    status_url = _request(coordinator, world, full_person.person_id)
    b = login(who)
    assert b.post(f"{_base(world, full_person.person_id)}/inzage").status_code == 403
    for url in (status_url, f"{status_url}/inzage.json", f"{status_url}/inzage.pdf"):
        assert b.get(url).status_code == 403, url


def test_another_tenant_cannot_reach_the_files(login, world, full_person):
    coordinator = login("coordinator_a")
    status_url = _request(coordinator, world, full_person.person_id)
    export_id = status_url.rstrip("/").rsplit("/", 1)[1]
    b = login("coordinator_b")
    assert b.get(f"{status_url}/inzage.json").status_code == 404
    own_space = f"{_base(world, full_person.person_id, 'b')}/inzage/{export_id}/inzage.json"
    assert b.get(own_space).status_code == 404


def test_a_request_belongs_to_its_person(login, world, full_person):
    coordinator = login("coordinator_a")
    status_url = _request(coordinator, world, full_person.person_id)
    export_id = status_url.rstrip("/").rsplit("/", 1)[1]
    other = f"{_base(world, full_person.other_id)}/inzage/{export_id}/inzage.json"
    assert coordinator.get(other).status_code == 404


def test_status_page_shows_pending_before_the_job_ran(login, world, full_person, app):
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.privacy import exports

    with tenant_context(full_person.tenant_id):
        req = exports.request_export(kp.get_person(full_person.person_id), actor_id=world.ids["coordinator_a"])
        req_id = req.id
    # a Redis worker would pick the job up later; in the meantime the page says it is being prepared
    from sleutelnet.workers.outbox import OutboxJob

    db.session.execute(db.update(OutboxJob).values(status="dispatched"))
    db.session.commit()
    b = login("coordinator_a")
    page = b.get(f"{_base(world, full_person.person_id)}/inzage/{req_id}").get_data(as_text=True)
    assert "Wordt voorbereid" in page and "Opnieuw bekijken" in page and "inzage.pdf" not in page
    assert b.get(f"{_base(world, full_person.person_id)}/inzage/{req_id}/inzage.pdf").status_code == 404
    # it refreshes itself without JavaScript and offers the shared script its JSON status
    status_url = f"{_base(world, full_person.person_id)}/inzage/{req_id}/status.json"
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'data-sn-job="{status_url}"' in page
    assert b.get(status_url).get_json() == {"label": "Wordt voorbereid", "finished": False, "progress": None}
    assert login("coordinator_b").get(status_url).status_code == 404
    assert login("official_a").get(status_url).status_code == 403

    from sleutelnet.workers.queues import flush

    db.session.execute(db.update(OutboxJob).values(status="pending"))
    db.session.commit()
    flush()  # the job runs (inline: no Redis in the tests)
    assert b.get(status_url).get_json()["finished"] is True
    page = b.get(f"{_base(world, full_person.person_id)}/inzage/{req_id}").get_data(as_text=True)
    assert "http-equiv" not in page and "data-sn-job-done" in page and "inzage.pdf" in page
