"""The import and export jobs' status page (refreshes itself without JavaScript, polled with it; Dutch and
English) and the export's download: for the user who asked for it only, audited, gone after 24 hours."""
from __future__ import annotations

import contextlib
from datetime import timedelta

import fakeredis

from sleutelnet.blueprints.transfer import jobs
from sleutelnet.blueprints.transfer.models import TransferJob
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.models import utcnow
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.workers import queues
from sleutelnet.workers.execution import execute

from .conftest import DUTCH_HEADERS, commit, csv_bytes, map_and_preview, people_rows, upload, url


@contextlib.contextmanager
def worker_elsewhere():
    """Redis configured: the job is dispatched to a worker instead of running inline after the request."""
    queues.set_redis_connection(fakeredis.FakeStrictRedis())
    try:
        yield
    finally:
        queues.set_redis_connection(None)


def _only_job(world, key="a") -> TransferJob:
    with tenant_context(world.tenant_ids[key]):
        return db.session.scalars(db.select(TransferJob).execution_options(populate_existing=True)).one()


def _run(world, job):
    func = jobs.IMPORT_JOB if job.kind == "import" else jobs.EXPORT_JOB
    return execute(func, {"job_id": job.id, "tenant_id": world.tenant_ids["a"]})


def _second_coordinator_of_a(world):
    """coordinator_b becomes a coordinator of tenant A as well: a colleague, not the requester."""
    from sleutelnet.tenants.models import Membership

    db.session.add(Membership(tenant_id=world.tenant_ids["a"], user_id=world.ids["coordinator_b"], role="coordinator"))
    db.session.commit()


def test_export_status_page_in_dutch_and_english_and_the_download(world, login, register_a):
    coord = login("coordinator_a")
    with worker_elsewhere():
        r = coord.post(url(world, "a", "export"), {"format": "csv"})
    status_url = r.headers["Location"]
    job = _only_job(world)
    assert status_url.endswith(f"/sleutelpersonen/taken/{job.id}") and job.status == "pending"
    page = coord.get(status_url).get_data(as_text=True)
    assert "Export van het register" in page and "Wacht op verwerking" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page  # no JavaScript: reloads
    assert f'data-sn-job="{status_url}/status.json"' in page and "/static/js/job-status.js" in page
    polled = coord.get(status_url + "/status.json")
    assert polled.get_json() == {"label": "Wacht op verwerking", "finished": False, "progress": None}
    assert polled.headers["Cache-Control"] == "no-store"
    assert coord.get(status_url + "/bestand").status_code == 404  # not ready yet

    coord.post("/taal", {"lang": "en", "next": "/"})
    page = coord.get(status_url).get_data(as_text=True)
    assert "Export of the register" in page and "Waiting for the worker" in page

    assert _run(world, job) == "done"
    page = coord.get(status_url).get_data(as_text=True)
    assert "http-equiv=\"refresh\"" not in page and "data-sn-job=" not in page
    assert "The file holds 4 key persons." in page and "Download sleutelpersonen-utrecht-" in page
    assert coord.get(status_url + "/status.json").get_json() == {"label": "Ready", "finished": True, "progress": None}
    with coord.client.application.app_context():
        file = coord.client.get(status_url + "/bestand")
    assert file.status_code == 200 and file.headers["Cache-Control"] == "no-store"
    assert file.headers["Content-Disposition"].startswith('attachment; filename="sleutelpersonen-utrecht-')
    text = file.data.decode("utf-8-sig")
    assert text.startswith("Naam;") and "Ayşe Kaya" in text  # in the language the export was asked in (Dutch)
    with tenant_context(world.tenant_ids["a"]):
        stored = db.session.scalar(db.select(TransferJob.payload).filter_by(id=job.id))
        downloads = db.session.scalars(db.select(AuditEvent).filter_by(action="transfer.export_downloaded")).all()
    assert "Ayşe".encode() not in stored  # encrypted at rest
    assert [(e.actor_id, e.detail) for e in downloads] == [(world.ids["coordinator_a"], f"job={job.id} format=csv")]


def test_only_the_requester_sees_the_job_and_its_file(world, login, register_a):
    coord = login("coordinator_a")
    r = coord.post(url(world, "a", "export"), {"format": "csv", "include_sensitive": "y"})
    status_url = r.headers["Location"]
    assert _only_job(world).status == "done"
    _second_coordinator_of_a(world)
    colleague = login("coordinator_b")  # a coordinator of the same municipality
    official = login("official_a")
    for other in (colleague, official):
        for path in ("", "/status.json", "/bestand"):
            assert other.get(status_url + path).status_code == 404, path
    # from another municipality's address the job does not exist either
    job_id = _only_job(world).id
    assert colleague.get(url(world, "b", f"taken/{job_id}")).status_code == 404
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalars(db.select(AuditEvent).filter_by(action="transfer.export_downloaded")).all() == []
    assert coord.get(status_url + "/bestand").status_code == 200


def test_the_export_file_is_removed_after_24_hours(world, login, register_a):
    from sleutelnet.blueprints.transfer import storage

    coord = login("coordinator_a")
    status_url = coord.post(url(world, "a", "export"), {"format": "xlsx"}).headers["Location"]
    job = _only_job(world)
    with tenant_context(world.tenant_ids["a"]):
        db.session.execute(db.update(TransferJob).filter_by(id=job.id)
                           .values(finished_at=utcnow() - timedelta(hours=23)))
        assert storage.purge_expired() == 0
        db.session.execute(db.update(TransferJob).filter_by(id=job.id)
                           .values(finished_at=utcnow() - timedelta(hours=25)))
        assert storage.purge_expired() == 1
        db.session.commit()
    assert coord.get(status_url + "/bestand").status_code == 404
    page = coord.get(status_url).get_data(as_text=True)
    assert "Het bestand is verwijderd (na 24 uur)." in page and "Verwijderd" in page


def test_import_status_page_and_summary_in_english(world, login, network_a):
    coord = login("coordinator_a")
    coord.post("/taal", {"lang": "en", "next": "/"})
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(5)))
    map_and_preview(coord, world, "a", upload_id)
    with worker_elsewhere():
        status_url = commit(coord, world, "a", upload_id).headers["Location"]
    page = coord.get(status_url).get_data(as_text=True)
    assert "Import of lijst.csv" in page and "The key persons are being imported" in page
    job = _only_job(world)
    assert job.language == "en" and _run(world, job) == "done"
    page = coord.get(status_url).get_data(as_text=True)
    assert "5 key persons have been imported." in page and "0 rows skipped." in page
    assert "4 neighbourhoods added to your lists" in page and "To the register" in page
    _second_coordinator_of_a(world)
    assert login("coordinator_b").get(status_url).status_code == 404


def test_an_import_whose_file_became_invalid_fails_with_the_reason(world, login, network_a):
    from sleutelnet.blueprints.keypersons import services

    coord = login("coordinator_a")
    upload_id = upload(coord, world, "a", csv_bytes(DUTCH_HEADERS, people_rows(3)))
    map_and_preview(coord, world, "a", upload_id)
    with worker_elsewhere():
        status_url = commit(coord, world, "a", upload_id).headers["Location"]
    with tenant_context(world.tenant_ids["a"]):  # meanwhile someone adds a person with the same e-mail address
        services.create_person({"network_id": network_a, "name": "Al Bekend", "email": "persoon1@voorbeeld.nl"})
    job = _only_job(world)
    assert _run(world, job) == "failed"
    page = coord.get(status_url).get_data(as_text=True)
    assert "Er is niets geïmporteerd: het bestand bevat nu fouten" in page
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(TransferJob)) == 1
    assert _only_job(world).error == "plan-errors"
