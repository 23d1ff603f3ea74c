"""Account settings: name and language, password, two-step verification."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ...platform.auth import services as auth
from ...platform.auth.passwords import verify_password
from ...platform.extensions import db
from ...platform.policy import requires_2fa
from .forms import ChangePasswordForm, DisableTotpForm, ProfileForm, TotpForm
from ...platform.auth.qr import qr_data_uri

bp = Blueprint("account", __name__, url_prefix="/account", template_folder="templates")


def _page(**forms):
    profile_form = ProfileForm(obj=current_user)
    # With obj=, WTForms ignores a locale= keyword, so a user without a stored language saw no radio
    # button chosen: preselect the language the page is shown in.
    profile_form.locale.data = current_user.locale or get_locale().language
    defaults = dict(profile_form=profile_form,
                    password_form=ChangePasswordForm(), disable_form=DisableTotpForm(),
                    totp_required=requires_2fa(current_user))
    defaults.update(forms)
    return render_template("account/settings.html", **defaults)


@bp.get("/")
@login_required
def settings():
    return _page()


@bp.post("/profiel")
@login_required
def profile():
    form = ProfileForm()
    if not form.validate_on_submit():
        return _page(profile_form=form), 422
    current_user.name = form.name.data.strip()
    current_user.locale = form.locale.data
    session["lang"] = form.locale.data
    db.session.commit()
    flash(_("Your settings have been saved."), "success")
    return redirect(url_for(".settings"))


@bp.post("/wachtwoord")
@login_required
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("Your current password is not correct."))
        else:
            auth.change_password(current_user, form.password.data, keep_session=session.get("sid"))
            flash(_("Your password has been changed. Other sessions have been logged out."), "success")
            return redirect(url_for(".settings"))
    return _page(password_form=form), 422


@bp.route("/tweestapsverificatie", methods=["GET", "POST"])
@login_required
def enable_totp():
    secret = session.setdefault("enrol_totp_secret", auth.new_totp_secret())
    form = TotpForm()
    if form.validate_on_submit():
        if auth.enable_totp(current_user, secret, form.code.data):
            session.pop("enrol_totp_secret", None)
            flash(_("Two-step verification is now on for your account."), "success")
            return redirect(url_for(".settings"))
        form.code.errors.append(_("This code is not correct or has expired."))
    return render_template("account/enable_totp.html", form=form, secret=secret,
                           qr=qr_data_uri(auth.totp_uri(current_user, secret)))


@bp.post("/tweestapsverificatie/uitzetten")
@login_required
def disable_totp():
    form = DisableTotpForm()
    if requires_2fa(current_user):
        flash(_("Two-step verification is required for your role and cannot be switched off."), "error")
        return redirect(url_for(".settings"))
    if form.validate_on_submit() and verify_password(current_user.password_hash, form.current.data):
        auth.disable_totp(current_user)
        flash(_("Two-step verification has been switched off."), "success")
        return redirect(url_for(".settings"))
    if form.current.data:
        form.current.errors.append(_("Your current password is not correct."))
    return _page(disable_form=form), 422
