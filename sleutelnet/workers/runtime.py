"""What a worker process runs: an app context per process, the tenant context per job."""
from __future__ import annotations

import inspect

from ..platform.extensions import db
from ..platform.tenancy import tenant_context

_app = None


def set_app(app) -> None:
    """The worker process registers the app it created, so jobs (also in forked work horses) reuse it."""
    global _app
    _app = app


def app_instance():
    return _app_instance()


def _app_instance():
    global _app
    from flask import current_app

    try:
        return current_app._get_current_object()
    except RuntimeError:
        pass
    if _app is None:
        from ..platform.app import create_app

        _app = create_app()
    return _app


def execute(func_path: str, kwargs: dict):
    """Run a job function; a `tenant_id` argument puts the job inside that tenant's context."""
    from .queues import resolve

    func = resolve(func_path)
    kwargs = dict(kwargs)
    tenant_id = kwargs.pop("tenant_id", None)
    if tenant_id is None:
        return func(**kwargs)
    if "tenant_id" in inspect.signature(func).parameters:
        kwargs["tenant_id"] = tenant_id
    with tenant_context(int(tenant_id)):
        return func(**kwargs)


def run_job(func_path: str, kwargs: dict, outbox_id: int | None = None):
    """Entry point RQ calls. Marks the outbox row done, so a redelivery is recognisable."""
    from .outbox import OutboxJob

    app = _app_instance()
    with app.app_context():
        if outbox_id is not None:
            row = db.session.get(OutboxJob, outbox_id)
            if row is not None and row.status == "done":
                return "already-done"
        result = execute(func_path, kwargs)
        if outbox_id is not None:
            row = db.session.get(OutboxJob, outbox_id)
            if row is not None:
                row.status = "done"
                row.kwargs_json = "{}"  # payloads may hold e-mail addresses or links: drop them once done
                db.session.commit()
        if db.session.info.pop("outbox_flush_due", False):
            from .queues import flush

            flush()  # jobs this job enqueued go out now, not at the next periodic flush
        return result
