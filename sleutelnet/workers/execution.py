"""Running one job function: resolve its dotted path, enter the tenant's context, one commit at the end.

Shared by the inline path (`queues`, no Redis) and the worker (`runtime.run_job`); it imports neither,
nor the app factory, so there is no import cycle."""
from __future__ import annotations

import contextlib
import contextvars
import importlib
import inspect

from ..platform.extensions import db
from ..platform.models import utcnow
from ..platform.tenancy import tenant_context
from ..platform.uow import unit_of_work
from .outbox import DONE, RUNNING, OutboxJob

# The composition root, named rather than imported: job modules of feature areas use `app_instance()`, and
# importing the app factory here would make every such module import the whole application (a cycle).
APP_FACTORY = "sleutelnet.platform.app.create_app"
_app = None


def set_app(app) -> None:
    """The worker process registers the app it created, so jobs (also in forked work horses) reuse it."""
    global _app
    _app = app


def app_instance():
    """The current app, the worker's registered app, or (a job called plainly) a new one."""
    global _app
    from flask import current_app

    try:
        return current_app._get_current_object()
    except RuntimeError:
        pass
    if _app is None:
        _app = resolve(APP_FACTORY)()
    return _app


def resolve(func_path: str):
    module, _, name = func_path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def execute(func_path: str, kwargs: dict):
    """Run a job function; a `tenant_id` argument puts the job inside that tenant's context."""
    func = resolve(func_path)
    kwargs = dict(kwargs)
    tenant_id = kwargs.pop("tenant_id", None)
    with unit_of_work():  # the job's one commit point; any error rolls it back
        if tenant_id is None:
            return func(**kwargs)
        if "tenant_id" in inspect.signature(func).parameters:
            kwargs["tenant_id"] = tenant_id
        with tenant_context(int(tenant_id)):
            return func(**kwargs)


# --- the outbox row a job runs for (inline and in the worker; see runtime.run_job) ------------------------

_outbox_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("outbox_id", default=None)


def current_outbox_id() -> int | None:
    """The outbox row whose job is running now (None outside a job): a scope for effect keys."""
    return _outbox_id.get()


@contextlib.contextmanager
def _running(outbox_id: int | None):
    token = _outbox_id.set(outbox_id)
    try:
        yield
    finally:
        _outbox_id.reset(token)


def _mark_done(outbox_id: int, *conditions) -> bool:
    """running → done in the job's own transaction (its work and the bookkeeping commit together)."""
    done = db.session.execute(
        db.update(OutboxJob).where(OutboxJob.id == outbox_id, OutboxJob.status == RUNNING, *conditions)
        # the payload may hold e-mail addresses or links: drop it once done
        .values(status=DONE, kwargs_json="{}", finished_at=utcnow(), last_error=None)
    ).rowcount
    db.session.commit()
    return done == 1


def execute_for_row(outbox_id: int, func_path: str, kwargs: dict):
    """Inline run of a row already claimed (`running`) by this process; raises what the job raises."""
    with _running(outbox_id):
        try:
            with unit_of_work():  # execute() joins it: the work and the done-mark commit together
                result = execute(func_path, kwargs)
                _mark_done(outbox_id, OutboxJob.rq_job_id.is_(None))
        except BaseException:
            db.session.rollback()
            raise
    return result
