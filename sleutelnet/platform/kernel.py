"""What every feature area needs and no area should write again: the service error, the 404 lookup, the
POST half of a form page (`submit`) and of a confirmed action (`confirm_then_act`, `post_then_act`).

(Forms: `platform/forms.py`; the unit of work: `platform/uow.py`; who acts: `platform/context.py`.)"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template

from .extensions import db


class ServiceError(ValueError):
    """A rule was broken; the message is translated and fit to show the user, next to `field` when the
    form has that field (`platform.forms.show_error`), else in the error summary."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def fetch(stmt, key=None):
    """For services: the row `stmt` selects, or LookupError(key)."""
    found = db.session.scalar(stmt)
    if found is None:
        raise LookupError(key)
    return found


def find(model, **filters):
    """For services: the row of `model` matching `filters` (the tenancy guard adds the current tenant to a
    tenant-owned model), or LookupError."""
    return fetch(db.select(model).filter_by(**filters), filters)


def stored_or_added(model, default):
    """For services: the tenant's one row of `model` (a settings row), or `default()` added to the session
    when it has none yet (the caller flushes)."""
    found = db.session.scalar(db.select(model))
    if found is None:
        found = default()
        db.session.add(found)
    return found


def get_or_404(model, object_id, **filters):
    """For routes: the object of the current tenant (the tenancy guard adds it) with this id, or a 404."""
    try:
        return find(model, id=object_id, **filters)
    except LookupError:
        abort(404)


def submit(form, act, *, message: str | None, done):
    """The POST half of a form page. When `form` validates, run `act()`: a `ServiceError` is shown on the
    form (what `act` changed is rolled back) and None is returned, so the route renders the form again (422
    when `form.errors`); otherwise `message` (if any) is flashed and the answer is a redirect to `done`.
    `message` and `done` may also be functions of what `act` returned. None as well on a GET or an invalid
    form:

        return submit(form, lambda: services.save(...), message=_("Saved."), done=url) or \\
            (render_template(...), 422 if form.errors else 200)
    """
    from .forms import show_error

    if not form.validate_on_submit():
        return None
    try:
        result = act()
    except ServiceError as exc:
        db.session.rollback()
        show_error(form, exc)
        return None
    if message:
        flash(message(result) if callable(message) else message, "success")
    return redirect(done(result) if callable(done) else done)


def act_and_flash(act, message: str) -> None:
    """Run a confirmed action: flash `message`, or the `ServiceError` (nothing changed: rolled back)."""
    try:
        act()
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(message, "success")


def confirm_then_act(act, *, done: str, message: str, template: str, **context):
    """A destructive action behind a GET confirmation page: GET (or an invalid POST) renders `template`
    with `form`; a confirmed POST runs `act()`, flashes `message` and redirects to `done`. A
    `ServiceError` from `act` is flashed as an error instead (nothing changed)."""
    from .forms import ConfirmForm

    form = ConfirmForm()
    if form.validate_on_submit():
        act_and_flash(act, message)
        return redirect(done)
    return render_template(template, form=form, **context)


def post_then_act(act, *, done: str, message: str):
    """A POST-only button (the page that shows it is the confirmation): with a valid CSRF token run `act()`
    and flash `message` (or the `ServiceError`); always redirect to `done`."""
    from .forms import ConfirmForm

    if ConfirmForm().validate_on_submit():
        act_and_flash(act, message)
    return redirect(done)
