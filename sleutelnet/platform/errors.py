"""Error pages (rendered in the user's language; Dutch by default)."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .extensions import db

_TITLES = {
    400: lambda: _("The request could not be processed"),
    403: lambda: _("No access"),
    404: lambda: _("Page not found"),
    405: lambda: _("Action not possible"),
    429: lambda: _("Too many attempts"),
    500: lambda: _("Something went wrong"),
}
_TEXTS = {
    400: lambda: _("The request was incomplete or invalid. Go back and try again."),
    403: lambda: _("You do not have permission to view this page. Ask your coordinator if you need access."),
    404: lambda: _("This page does not exist or you do not have access to it."),
    405: lambda: _("This page cannot be opened this way. Go back and use the buttons on the page."),
    429: lambda: _("Too many attempts in a short time. Wait a minute and try again."),
    500: lambda: _("An unexpected error occurred. It has been logged; please try again later."),
}


def _render(code: int, title: str | None = None, text: str | None = None):
    return render_template("errors/error.html", code=code, title=title or _TITLES[code](),
                           text=text or _TEXTS[code]()), code


def init_error_handlers(app) -> None:
    for code in (400, 403, 404, 405, 429):
        app.register_error_handler(code, lambda e, code=code: _render(code))

    @app.errorhandler(500)
    def server_error(e):
        db.session.rollback()
        app.logger.exception("unhandled error on %s", request.path)
        return _render(500)

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        app.logger.warning("CSRF failure on %s: %s", request.path, e.description)
        return _render(400, _("Form expired"),
                       _("The form was open too long or was sent twice. Nothing was saved; "
                         "go back, reload the page and try again."))
