"""Import commits and register exports as background jobs (queue "reports": a long timeout, RQ's retries).

Request (`request_import`, `request_export`): a `TransferJob` row and an outbox job in the same
transaction; the user follows the row on its status page. The job function gets an explicit tenant id
and runs in that tenant's context (`workers.execution.execute`); without Redis it runs inline after the
request (`make run`, the tests), with Redis in a worker on any machine (everything it needs is in the
database: the encrypted upload, the options).

Idempotent by construction: the row is the record of the job's effect, and the effect commits together
with `status = done`. The job first marks the row running (a separate commit, for the status page), then
opens the transaction of the work with a conditional UPDATE of its own row (`status <> done`): that UPDATE
takes the row's lock (PostgreSQL; SQLite's write lock), so a duplicate or retried run waits until the
first one commits and then finds the row done, or — when the first run died — its transaction was rolled
back and it does the whole work itself. A run killed halfway leaves nothing: the import is all or nothing.
One import job per upload (a unique key): a double click or a second tab reaches the same job.
"""
from __future__ import annotations

import json
import logging

from flask_babel import get_locale, lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ...platform import audit, uow
from ...platform.crypto import key_ring
from ...platform.extensions import db
from ...platform.i18n import in_language
from ...platform.models import utcnow
from ...platform.tenancy import current_tenant_id
from .models import DONE, EXPORT, FAILED, IMPORT, PENDING, RUNNING, TransferJob

log = logging.getLogger(__name__)

QUEUE = "reports"
IMPORT_JOB = "sleutelnet.blueprints.transfer.jobs.run_import"
EXPORT_JOB = "sleutelnet.blueprints.transfer.jobs.run_export"
# why an import did not happen (a code, shown in the reader's language on the status page)
UPLOAD_GONE, PLAN_ERRORS, UNREADABLE = "upload-gone", "plan-errors", "unreadable"
FAILURE_REASONS = {
    UPLOAD_GONE: _l("Nothing has been imported: the uploaded file is no longer there (after 24 hours it is deleted). "
                    "Upload it again."),
    PLAN_ERRORS: _l("Nothing has been imported: the file has errors now (the register changed since the check). "
                    "Upload it again to see them."),
    UNREADABLE: _l("Nothing has been imported: the file could not be read. Upload it again."),
}


def _language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "nl"


def _enqueue(job: TransferJob) -> None:
    from ...workers.queues import enqueue

    enqueue(IMPORT_JOB if job.kind == IMPORT else EXPORT_JOB, queue=QUEUE, tenant_id=current_tenant_id(),
            job_id=job.id)


# --------------------------------------------------------------------------------------------------
# requests (in the web request)
# --------------------------------------------------------------------------------------------------

def request_import(upload_id: str, *, user_id: int, filename: str) -> TransferJob:
    """The import job of this upload: a new one, the one already on its way (a double click), or the
    failed one sent again."""
    job = import_job_for(upload_id)
    if job is None:
        job = TransferJob(kind=IMPORT, requested_by_id=user_id, language=_language(), upload_token=upload_id,
                          filename=filename[:200])
        try:
            with db.session.begin_nested():
                db.session.add(job)
        except IntegrityError:  # a simultaneous request made it first: that one is ours too
            return import_job_for(upload_id)
        _enqueue(job)
    elif job.status == FAILED:
        job.status, job.error, job.finished_at = PENDING, None, None
        _enqueue(job)
    uow.done()
    return job


def import_job_for(upload_id: str) -> TransferJob | None:
    return db.session.scalar(db.select(TransferJob).filter_by(kind=IMPORT, upload_token=upload_id))


def request_export(network, fmt: str, *, columns: list[str], user_id: int) -> TransferJob:
    """An export job; `columns` are the field keys the requester may and wants to export (decided in the
    request, from the requester's permissions: the worker has no user)."""
    job = TransferJob(kind=EXPORT, requested_by_id=user_id, language=_language(),
                      options_json=json.dumps({"network_id": network.id if network else None, "format": fmt, "columns": columns}))
    db.session.add(job)
    db.session.flush()
    _enqueue(job)
    uow.done()
    return job


def record_download(job: TransferJob, *, actor_id: int) -> bytes:
    """The export file, decrypted; the download is audited (the file's persons were written to their access
    logs when it was made). LookupError when there is no file (not ready, expired)."""
    if job.kind != EXPORT or job.status != DONE or job.payload is None:
        raise LookupError(job.id)
    audit.record("transfer.export_downloaded", object_type="network", object_id=job.options.get("network_id"),
                 actor_id=actor_id, detail=f"job={job.id} format={job.options.get('format')}")
    uow.done()
    return key_ring().decrypt(job.payload)


# --------------------------------------------------------------------------------------------------
# the jobs (in a worker, or inline after the request)
# --------------------------------------------------------------------------------------------------

def _start(job_id: int, tenant_id: int, kind: str) -> TransferJob | None:
    """Not yet done -> running, one more attempt (committed: the status page shows it, and a run that gets
    killed still counts); the row, or None if it is not ours."""
    db.session.execute(
        db.update(TransferJob).where(TransferJob.id == job_id, TransferJob.tenant_id == tenant_id,
                                     TransferJob.kind == kind, TransferJob.status != DONE)
        .values(status=RUNNING, started_at=utcnow(), attempts=TransferJob.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return db.session.scalar(db.select(TransferJob).filter_by(id=job_id, tenant_id=tenant_id, kind=kind)
                             .execution_options(populate_existing=True))


def _claim(job_id: int) -> bool:
    """The first statement of the work's transaction: locks the row until the work commits or rolls back."""
    return db.session.execute(
        db.update(TransferJob).where(TransferJob.id == job_id, TransferJob.status != DONE)
        .values(status=RUNNING).execution_options(synchronize_session=False)
    ).rowcount == 1


def _begin(job_id: int, tenant_id: int, kind: str) -> tuple[TransferJob | None, str | None]:
    """Start a run and open its work's transaction: (the job, None) to go on, or (None, why not)."""
    job = _start(job_id, tenant_id, kind)
    if job is None:
        return None, "missing"
    if not _claim(job_id):
        db.session.commit()
        return None, "already-done"
    return job, None


def _finish(job_id: int, status: str, **values) -> None:
    job = db.session.scalar(db.select(TransferJob).filter_by(id=job_id).execution_options(populate_existing=True))
    job.status, job.finished_at = status, utcnow()
    for key, value in values.items():
        setattr(job, key, value)
    db.session.commit()


def _failed(job_id: int, exc: BaseException) -> None:
    db.session.rollback()
    _finish(job_id, FAILED, error=type(exc).__name__[:200])
    log.exception("transfer job %s failed", job_id)


def run_import(job_id: int, tenant_id: int) -> str:
    from ...tenants.models import Tenant
    from . import importing, storage
    from .checking import plan_for
    from .reading import ReadError, read_table

    job, skipped = _begin(job_id, tenant_id, IMPORT)
    if skipped:
        return skipped
    actor_id, token = job.requested_by_id, job.upload_token
    try:
        meta = storage.load_meta(tenant_id, token, actor_id)
        table = read_table(storage.load_data(tenant_id, token), meta.get("filename", ""))
    except (LookupError, ReadError) as exc:
        db.session.rollback()
        _finish(job_id, FAILED, error=UPLOAD_GONE if isinstance(exc, LookupError) else UNREADABLE)
        return "failed"
    plan, options = plan_for(meta, table)
    if plan is None or not plan.ok:  # the register changed since the preview (e.g. an e-mail address is taken)
        db.session.rollback()
        _finish(job_id, FAILED, error=PLAN_ERRORS)
        return "failed"
    try:
        with in_language(job.language):
            count = importing.commit(plan, options, tenant=db.session.get(Tenant, tenant_id), actor_id=actor_id)
        network = importing.target_network(options.network_id)
        storage.delete(tenant_id, token)
    except Exception as exc:
        _failed(job_id, exc)
        raise  # RQ retries it (the import rolled back: nothing was stored)
    result = {"imported": count, "rows": plan.total_rows, "network_id": network.id if network else None,
              "neighbourhoods": len(plan.new_neighbourhoods), "organisations": len(plan.new_organisations)}
    _finish(job_id, DONE, result_json=json.dumps(result), error=None)
    return "done"


def run_export(job_id: int, tenant_id: int) -> str:
    from ...tenants.models import Tenant
    from ..network.models import Network
    from . import exporting

    job, skipped = _begin(job_id, tenant_id, EXPORT)
    if skipped:
        return skipped
    options = job.options
    try:
        network = db.session.scalar(db.select(Network).filter_by(id=options["network_id"]))
        tenant = db.session.get(Tenant, tenant_id)
        with in_language(job.language):
            made = exporting.export(network, options["format"], column_keys=options["columns"],
                                    tenant_slug=tenant.slug, actor_id=job.requested_by_id)
    except Exception as exc:
        _failed(job_id, exc)
        raise
    _finish(job_id, DONE, payload=key_ring().encrypt(made.content), filename=made.filename, mimetype=made.mimetype,
            size=len(made.content), result_json=json.dumps({"count": made.count}), error=None)
    return "done"


def purge_expired_all() -> int:
    """Scheduled (manifest): uploads, choices and export files older than 24 hours, of every tenant."""
    from ...platform.tenancy import cross_tenant
    from ...workers.execution import app_instance
    from . import storage

    with app_instance().app_context(), cross_tenant("retention"):
        removed = storage.purge_expired()
        db.session.commit()
    return removed
