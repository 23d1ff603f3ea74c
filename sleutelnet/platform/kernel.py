"""What every feature area needs and no area should write again: the service error, the 404 lookup.

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


def get_or_404(model, object_id, **filters):
    """The object of the current tenant (the tenancy guard adds it) with this id, or a 404."""
    found = db.session.scalar(db.select(model).filter_by(id=object_id, **filters))
    if found is None:
        abort(404)
    return found


def confirm_then_act(act, *, done: str, message: str, template: str, **context):
    """A destructive action behind a GET confirmation page: GET (or an invalid POST) renders `template`
    with `form`; a confirmed POST runs `act()`, flashes `message` and redirects to `done`. A
    `ServiceError` from `act` is flashed as an error instead (nothing changed)."""
    from .forms import ConfirmForm

    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            act()
        except ServiceError as exc:
            flash(str(exc), "error")
        else:
            flash(message, "success")
        return redirect(done)
    return render_template(template, form=form, **context)
