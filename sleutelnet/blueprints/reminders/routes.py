"""Notification pages under /g/<slug>/meldingen: the list (paginated, mark read) and the preferences.
Plus the bell in the page header (a context processor) and the `flask reminders …` commands."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import can, requires
from . import dispatch, services
from .forms import preferences_form
from .permissions import VIEW_NOTIFICATIONS

bp = Blueprint("reminders", __name__, url_prefix="/meldingen", template_folder="templates")
cli_bp = Blueprint("reminders_cli", __name__, cli_group="reminders")


@bp.app_context_processor
def _bell():
    def notification_bell():
        """Unread count for the header bell, or None where there is no bell (outside a municipality)."""
        if not (g.get("tenant") and current_user.is_authenticated and can(VIEW_NOTIFICATIONS)):
            return None
        return services.unread_count(current_user.id)

    return {"notification_bell": notification_bell}


@bp.context_processor
def _helpers():
    return {"fmt_datetime": lambda d: format_datetime(d, "short") if d else ""}


def _page_no() -> int:
    return request.args.get("page", 1, type=int) or 1


@bp.get("/")
@requires(VIEW_NOTIFICATIONS)
def index():
    pagination = services.page(current_user.id, _page_no())
    return render_template("reminders/index.html", pagination=pagination, titles=services.titles(pagination.items),
                           unread=services.unread_count(current_user.id))


def _safe_target(url: str) -> str:
    """Only local paths: a notification never sends anyone to another site."""
    parts = urlsplit(url or "")
    if parts.scheme or parts.netloc or not (url or "").startswith("/"):
        return url_for(".index")
    return url


@bp.post("/<int:notification_id>/openen")
@requires(VIEW_NOTIFICATIONS)
def open_item(notification_id):
    try:
        item = services.get_own(current_user.id, notification_id)
    except LookupError:
        abort(404)
    services.mark_read(item)
    target = _safe_target(item.url)
    db.session.commit()
    return redirect(target)


@bp.post("/<int:notification_id>/gelezen")
@requires(VIEW_NOTIFICATIONS)
def mark_read(notification_id):
    try:
        item = services.get_own(current_user.id, notification_id)
    except LookupError:
        abort(404)
    services.mark_read(item)
    db.session.commit()
    flash(_("Marked as read."), "success")
    return redirect(url_for(".index", page=request.form.get("page", type=int) or None))


@bp.post("/alles-gelezen")
@requires(VIEW_NOTIFICATIONS)
def mark_all_read():
    services.mark_all_read(current_user.id)
    db.session.commit()
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for(".index"))


@bp.route("/voorkeuren", methods=["GET", "POST"])
@requires(VIEW_NOTIFICATIONS)
def preferences():
    kinds = list(dispatch.kinds().values())
    current = services.preferences(current_user.id, [k.code for k in kinds])
    form, fields = preferences_form(kinds, current, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        services.save_preferences(current_user.id, {kind.code: form[name].data for name, kind in fields})
        db.session.commit()
        flash(_("Your notification preferences have been saved."), "success")
        return redirect(url_for(".preferences"))
    return render_template("reminders/preferences.html", form=form, fields=fields), (422 if form.errors else 200)


@cli_bp.cli.command("sweep")
def sweep_command():
    """Send the reminders that are due, for every active municipality (without Redis: run from cron)."""
    import click

    from . import jobs

    for tenant_id in jobs.active_tenant_ids():
        counts = dispatch.sweep(tenant_id)
        if counts["dispatches"] or counts["recorded"]:
            click.echo(f"tenant {tenant_id}: {counts['recorded']} new, {counts['dispatches']} delivered, "
                       f"{counts['notifications']} notifications, {counts['mails']} mails")
    from ...workers.queues import flush

    while flush()["dispatched"]:
        pass


@cli_bp.cli.command("digest")
def digest_command():
    """Send the daily digests of every active municipality."""
    import click

    from . import jobs

    total = sum(dispatch.send_digests(tenant_id)["digests"] for tenant_id in jobs.active_tenant_ids())
    from ...workers.queues import flush

    while flush()["dispatched"]:
        pass
    click.echo(f"{total} digests")
