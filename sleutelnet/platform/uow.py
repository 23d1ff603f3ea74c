"""The unit of work: services add and flush; one place commits.

- A request is one unit of work: `init_app` commits after a response below 400 and rolls back after an
  error status or an exception. A request without changes ends its (read-only) transaction with COMMIT
  as well, whatever its status: for a read COMMIT and ROLLBACK are the same to the database, but psycopg
  drops every prepared statement of the connection at a ROLLBACK (`DEALLOCATE ALL`), so ending reads with
  a rollback would make every request parse and plan its statements afresh. Outbox rows (`workers.queues.enqueue`) are added to the same session, so
  they commit in the same transaction as the change they belong to. A route that still commits itself
  (`db.session.commit()` at the end of a POST handler) is harmless: the commit point then finds nothing.
- A job is one unit of work: the job runner (`workers.execution.execute`) wraps it in `unit_of_work()`.
- CLI commands and batches use `with unit_of_work():` themselves.
- A service ends with `done()`: a flush inside a unit of work. Called bare — a Python shell, a test that
  calls a service directly — there is no unit of work to commit for it, so `done()` commits.
"""
from __future__ import annotations

import contextlib
import contextvars

from flask import g, has_request_context
from sqlalchemy import event

from .extensions import db

_active: contextvars.ContextVar[bool] = contextvars.ContextVar("unit_of_work", default=False)
_FLUSHED = "uow_flushed"


def active() -> bool:
    if _active.get():
        return True
    return has_request_context() and bool(g.get("_unit_of_work"))


def done() -> None:
    """The end of a service call: flush inside a unit of work, else (no unit of work) commit."""
    if active():
        db.session.flush()
    else:
        db.session.commit()


@contextlib.contextmanager
def unit_of_work():
    """One transaction for a job, a CLI command or a batch of service calls: commit at the end, roll back
    on any error. Nested use joins the outer unit."""
    if _active.get():
        yield
        return
    token = _active.set(True)
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        _active.reset(token)


def _has_changes(session) -> bool:
    return bool(session.new or session.dirty or session.deleted or session.info.get(_FLUSHED))


def init_app(app) -> None:
    @event.listens_for(db.session, "after_flush")
    def _remember_flush(session, _context):
        session.info[_FLUSHED] = True

    @event.listens_for(db.session, "after_commit")
    def _forget_flush(session):
        session.info.pop(_FLUSHED, None)

    @event.listens_for(db.session, "after_rollback")
    def _forget_flush_on_rollback(session):
        session.info.pop(_FLUSHED, None)

    @app.before_request
    def _begin():
        g._unit_of_work = True

    @app.after_request
    def _commit(response):
        session = db.session()
        if _has_changes(session) and response.status_code >= 400:
            session.rollback()
        elif session.in_transaction():
            session.commit()  # the changes of a good request, or only reads (see the module docstring)
        return response

    @app.teardown_request
    def _rollback_on_error(exc):
        if exc is not None:
            db.session.rollback()
