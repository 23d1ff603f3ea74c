"""Login (+2FA), logout, password reset and invitation acceptance."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.auth import services as auth
from ...platform.auth import sessions
from ...platform.auth.models import User
from ...platform.auth.qr import qr_data_uri
from ...platform.extensions import db, limiter
from ...platform.urls import safe_next
from ..team import services as team
from .forms import LoginForm, NewPasswordForm, ResetRequestForm, TotpForm

bp = Blueprint("auth", __name__, template_folder="templates")
PENDING_SECONDS = 300


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _safe_next(target):
    return safe_next(target, url_for("home.index"))


def _pending_user() -> User | None:
    uid, at = session.get("pending_uid"), session.get("pending_at", 0)
    if uid is None or time.time() - at > PENDING_SECONDS:
        return None
    return db.session.get(User, uid)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = auth.check_password(form.email.data, form.password.data)
        if user is None:
            flash(_("The e-mail address or password is not correct."), "error")
            return render_template("auth/login.html", form=form), 200
        step = auth.login_next_step(user)
        if step == "done":
            nxt = request.args.get("next")
            auth.complete_login(user, "password")
            return redirect(_safe_next(nxt))
        sessions.clear_keeping_language()
        session.update(pending_uid=user.id, pending_at=time.time(), pending_next=request.args.get("next"))
        return redirect(url_for("auth.login_totp" if step == "totp" else "auth.login_enrol"))
    return render_template("auth/login.html", form=form)


@bp.route("/inloggen/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_totp():
    user = _pending_user()
    if user is None:
        flash(_("Your login attempt has expired. Please log in again."), "warning")
        return redirect(url_for("auth.login"))
    form = TotpForm()
    if form.validate_on_submit():
        if auth.verify_totp(user, form.code.data):
            nxt = session.get("pending_next")
            auth.complete_login(user, "password+totp")
            return redirect(_safe_next(nxt))
        form.code.errors.append(_("This code is not correct or has expired."))
    return render_template("auth/totp.html", form=form)


@bp.route("/inloggen/tweestapsverificatie-instellen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_enrol():
    """Required 2FA (platform roles): set it up before the login completes."""
    user = _pending_user()
    if user is None:
        flash(_("Your login attempt has expired. Please log in again."), "warning")
        return redirect(url_for("auth.login"))
    secret = session.setdefault("pending_totp_secret", auth.new_totp_secret())
    form = TotpForm()
    if form.validate_on_submit():
        if auth.enable_totp(user, secret, form.code.data):
            nxt = session.get("pending_next")
            auth.complete_login(user, "password+totp-enrolled")
            flash(_("Two-step verification is now on for your account."), "success")
            return redirect(_safe_next(nxt))
        form.code.errors.append(_("This code is not correct or has expired."))
    return render_template("auth/enrol.html", form=form, secret=secret,
                           qr=qr_data_uri(auth.totp_uri(user, secret)))


@bp.post("/uitloggen")
def logout():
    sessions.end()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        auth.request_password_reset(form.email.data)
        flash(_("If an account exists for this address, we have sent it a link to choose a new password. "
                "The link is valid for one hour."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def reset_password(token):
    if auth.valid_reset_token(token) is None:
        return render_template("auth/link_invalid.html"), 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        auth.reset_password(token, form.password.data)
        flash(_("Your password has been changed. You can now log in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    invitation = team.find_open_invitation(token)
    if invitation is None:
        return render_template("auth/link_invalid.html"), 410
    existing = auth.find_user(invitation.email)
    form = NewPasswordForm()
    if existing is not None and existing.password_hash:
        # An existing account joins by logging in as that account, not by setting a password here.
        if request.method == "POST" and current_user.is_authenticated and current_user.id == existing.id:
            team.accept_invitation(token, password=None)
            flash(_("You now have access to %(name)s.", name=invitation.tenant_name), "success")
            return redirect(url_for("home.index"))
        return render_template("auth/invitation.html", invitation=invitation, form=None, existing=existing)
    if form.validate_on_submit():
        user = team.accept_invitation(token, password=form.password.data)
        auth.complete_login(user, "invitation")
        flash(_("Welcome to Sleutelnet. You now have access to %(name)s.", name=invitation.tenant_name), "success")
        return redirect(url_for("home.index"))
    return render_template("auth/invitation.html", invitation=invitation, form=form, existing=None)
