"""What a worker process runs: an app context per process, the tenant context per job."""
from __future__ import annotations

from ..platform.extensions import db
# execute/set_app are re-exported: the worker entry point and older callers name them here
from .execution import app_instance, execute, set_app  # noqa: F401


def run_job(func_path: str, kwargs: dict, outbox_id: int | None = None):
    """Entry point RQ calls. Marks the outbox row done, so a redelivery is recognisable."""
    from .outbox import OutboxJob

    app = app_instance()
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
