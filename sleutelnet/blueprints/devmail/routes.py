"""Development only: read the e-mails the app 'sent' (MAIL_BACKEND=file). 404 in production."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from ...workers.mail import list_dev_mail

bp = Blueprint("devmail", __name__, url_prefix="/dev", template_folder="templates")


@bp.get("/mail")
def inbox():
    if not current_app.config["SHOW_DEV_MAIL"] or current_app.config["MAIL_BACKEND"] != "file":
        abort(404)
    return render_template("devmail/inbox.html", mails=list_dev_mail())
