"""Development only: read the e-mails the app 'sent' (MAIL_BACKEND=file). 404 in production.

The mails hold reset and invitation links, so the inbox is for a request from this machine or a
logged-in platform administrator; anyone else gets a 404 too."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from ...platform.policy import can
from ...workers.mail import list_dev_mail
from ..admin import permissions as admin_perms

bp = Blueprint("devmail", __name__, url_prefix="/dev", template_folder="templates")
LOCAL_ADDRESSES = {"127.0.0.1", "::1"}


def _allowed() -> bool:
    if request.remote_addr in LOCAL_ADDRESSES and not request.headers.get("X-Forwarded-For"):
        return True
    return current_user.is_authenticated and can(admin_perms.MANAGE_TENANTS)


@bp.get("/mail")
def inbox():
    config = current_app.config
    if config["ENV_NAME"] == "production" or not config["SHOW_DEV_MAIL"] or config["MAIL_BACKEND"] != "file":
        abort(404)
    if not _allowed():
        abort(404)
    return render_template("devmail/inbox.html", mails=list_dev_mail())
