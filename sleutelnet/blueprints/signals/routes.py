"""Signal pages under /g/<slug>/signalen/. Need-to-know: a signal the user may not read answers 404 on every
route (detail, edit, state change), so a response never tells whether it exists; the list shows only the
signals the user may read; the counts page shows counts with small numbers hidden."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime, gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.i18n import fmt_date
from ...platform.kernel import submit
from ...platform.policy import can, requires
from ...tenants.pages import cached_page
from ..keypersons import reference
from ..network import services as network_services
from . import access, choices, queries, services
from .forms import PERIODS, CountsForm, FilterForm, NetworkChoiceForm, SettingsForm, SignalForm, TransitionForm
from .permissions import MANAGE_SIGNAL_SETTINGS, RECORD_SIGNALS, VIEW_SIGNAL_COUNTS, VIEW_SIGNALS
from . import retention
from .retention import months_before

bp = Blueprint("signals", __name__, url_prefix="/signalen", template_folder="templates", cli_group="signals")


@bp.context_processor
def _helpers():
    return {"sc": choices, "label": choices.label, "SP": {"record": RECORD_SIGNALS, "counts": VIEW_SIGNAL_COUNTS,
                                                           "settings": MANAGE_SIGNAL_SETTINGS, "view": VIEW_SIGNALS},
            "fmt_date": fmt_date,
            "fmt_datetime": lambda d: format_datetime(d, "short") if d else ""}


def _uid() -> int:
    return current_user.id


def _signal_or_404(signal_id: int, with_text: bool = False, light: bool = False):
    try:
        return services.get_signal(signal_id, _uid(), access.sees_all(), with_text=with_text, light=light)
    except LookupError:
        abort(404)


# --------------------------------------------------------------------------------------------------
# list and counts
# --------------------------------------------------------------------------------------------------

@bp.get("/")
@requires(VIEW_SIGNALS)
@cached_page
def index():
    see_all = access.sees_all()
    networks = services.recording_networks(_uid(), True)
    form = FilterForm(request.args, networks=[(n.id, n.name) for n in networks],
                      neighbourhoods=reference.neighbourhood_choices())
    form.validate()
    filters = queries.ListFilters(network_id=form.clean("netwerk"), status=form.clean("status"),
                                  topic=form.clean("onderwerp"), urgency=form.clean("urgentie"),
                                  sensitivity=form.clean("vertrouwelijkheid"), neighbourhood_id=form.clean("wijk"))
    page = queries.list_signals(filters, request.args.get("page", 1, type=int), _uid(), see_all)
    can_record = can(RECORD_SIGNALS) and bool(services.recording_networks(_uid(), see_all))
    return render_template("signals/index.html", form=form, filters=filters, page=page, networks=networks,
                           see_all=see_all, can_record=can_record, today=date.today())


@bp.get("/aantallen")
@requires(VIEW_SIGNAL_COUNTS)
def counts():
    networks = services.recording_networks(None, True)
    form = CountsForm(request.args, networks=[(n.id, n.name) for n in networks])
    form.validate()
    period = form.clean("periode") or "12m"
    today = date.today()
    start = {"12m": months_before(today, 12), "year": date(today.year, 1, 1), "all": None}[period]
    data = queries.counts(start=start, end=None, network_id=form.clean("netwerk"))
    return render_template("signals/counts.html", form=form, data=data, networks=networks,
                           period_label=PERIODS[period])


# --------------------------------------------------------------------------------------------------
# recording and editing
# --------------------------------------------------------------------------------------------------

@bp.route("/nieuw", methods=["GET", "POST"])
@requires(RECORD_SIGNALS)
def new():
    see_all = access.sees_all()
    networks = services.recording_networks(_uid(), see_all)
    if not networks:
        return render_template("signals/no_network.html")
    pick = NetworkChoiceForm(request.args, networks=[(n.id, n.name) for n in networks])
    pick.validate()
    chosen = pick.clean("netwerk")
    network = next((n for n in networks if n.id == chosen), None)
    if network is None:
        if len(networks) > 1:
            current = network_services.current_network(None, networks)
            pick.netwerk.data = current.id if current else None  # offered first: the user's current network
            return render_template("signals/pick_network.html", pick=pick)
        network = networks[0]
    form = SignalForm(sources=services.source_choices(network.id), neighbourhoods=reference.neighbourhood_choices(),
                      readers=services.reader_choices(network.id, exclude_user_id=_uid()))
    return submit(form, lambda: services.record_signal(
        network.id, form.data_dict(), reader_ids=form.reader_ids.data, actor_id=_uid(), see_all=see_all),
                      message=_("The signal has been recorded."),
                      done=lambda signal: url_for(".detail", signal_id=signal.id)) or \
        (render_template("signals/form.html", form=form, network=network, signal=None, can_name=True,
                            multiple_networks=len(networks) > 1), (422 if form.errors else 200))


@bp.get("/<int:signal_id>")
@requires(VIEW_SIGNALS)
def detail(signal_id):
    signal = _signal_or_404(signal_id, light=True)
    if not signal.purged:  # log the read first, then load what the page shows
        services.record_read(signal, _uid())
        db.session.commit()
    signal = _signal_or_404(signal_id, with_text=True)
    see_all = access.sees_all()
    return render_template("signals/detail.html", signal=signal, log=services.access_log(signal.id) if signal.strict else [],
                           transitions=services.allowed_transitions(signal) if can(RECORD_SIGNALS) else (),
                           can_edit=can(RECORD_SIGNALS) and signal.status != "closed" and not signal.purged,
                           can_name=access.may_name_readers(signal, _uid(), see_all), today=date.today())


@bp.route("/<int:signal_id>/bewerken", methods=["GET", "POST"])
@requires(RECORD_SIGNALS)
def edit(signal_id):
    signal = _signal_or_404(signal_id, with_text=True)
    if signal.status == "closed" or signal.purged:
        flash(_("A closed signal cannot be changed. Reopen it first."), "error")
        return redirect(url_for(".detail", signal_id=signal.id))
    can_name = access.may_name_readers(signal, _uid(), access.sees_all())
    form = SignalForm(sources=services.source_choices(signal.network_id),
                      neighbourhoods=reference.neighbourhood_choices(),
                      readers=services.reader_choices(signal.network_id, exclude_user_id=signal.recorded_by_id))
    if request.method == "GET":
        form.load(signal)
        services.record_read(signal, _uid())
        db.session.commit()
    return submit(form, lambda: services.update_signal(
        signal, form.data_dict(), reader_ids=form.reader_ids.data if can_name else None, actor_id=_uid()),
        message=_("The signal has been saved."), done=url_for(".detail", signal_id=signal_id)) or \
        (render_template("signals/form.html", form=form, network=signal.network, signal=signal, can_name=can_name,
                            multiple_networks=False), (422 if form.errors else 200))


# --------------------------------------------------------------------------------------------------
# state changes (closing and reopening get a confirmation page: the GET of this route)
# --------------------------------------------------------------------------------------------------

@bp.route("/<int:signal_id>/status", methods=["GET", "POST"])
@requires(RECORD_SIGNALS)
def transition(signal_id):
    signal = _signal_or_404(signal_id)
    to_status = request.args.get("naar", "")
    if to_status not in services.allowed_transitions(signal):
        if to_status == "closed" and signal.status != "closed":
            flash(_("Give feedback to the reporter before closing the signal: it keeps the trust of the network "
                    "(guide §3.1)."), "error")
        else:
            flash(_("This state change is not possible now."), "error")
        return redirect(url_for(".detail", signal_id=signal.id))
    form = TransitionForm()
    response = submit(form, lambda: services.transition(
        signal, to_status, occurred_on=form.occurred_on.data, partner=form.partner.data,
        partner_name=form.partner_name.data or "", actor_id=_uid()),
        message=_("The state of the signal has been changed."), done=url_for(".detail", signal_id=signal_id))
    if response is not None:
        return response
    if form.errors:
        signal = _signal_or_404(signal_id)  # reloaded after the rollback
    return render_template("signals/transition.html", form=form, signal=signal, to_status=to_status,
                           reopening=signal.status == "closed"), (422 if form.errors else 200)


# --------------------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------------------

@bp.route("/instellingen", methods=["GET", "POST"])
@requires(MANAGE_SIGNAL_SETTINGS)
def settings():
    current = services.get_settings()
    form = SettingsForm(obj=current if request.method == "GET" else None)
    return submit(form, lambda: services.save_settings(
        follow_up_days=form.follow_up_days.data, retention_months=form.retention_months.data, actor_id=_uid()),
        message=_("The settings have been saved."), done=url_for(".settings")) or \
        (render_template("signals/settings.html", form=form, settings=current), (422 if form.errors else 200))


@bp.cli.command("purge")
def purge_command():
    """Remove the texts of signals closed longer than each municipality's retention period (nightly job)."""
    import click

    for tenant_id, purged in retention.purge_all().items():
        if purged is None:
            click.echo(f"tenant {tenant_id}: failed (see the log)", err=True)
        else:
            click.echo(f"tenant {tenant_id}: {purged} signal texts removed")
