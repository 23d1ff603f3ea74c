"""Composition (/g/<slug>/samenstelling/) and recruitment (/g/<slug>/werving/) of a key-person network.

Who sees what (policy.py): coordinators set the targets; coordinators, officials and administrators
(viewers) see the composition and the recruitment funnel — aggregates only, no names; migration
background only for those with VIEW_SPECIAL_CATEGORY (coordinators), suppressed and aggregated; the
referral graph (names) only with VIEW_REFERRALS (coordinators and officials, who see the register).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import can, requires
from ...tenants.pages import cached_page
from ..keypersons import choices as kp
from ..network import services as network_services
from ..network.models import Network
from . import charts, queries, recruitment as funnel_mod, referrals, services, targets as targets_mod
from .forms import ConfirmForm, NetworkPickForm, initial_data, parsed, role_fields, share_field, targets_form, \
    tolerance_field
from . import permissions as perms
from ..keypersons import permissions as keypersons_perms

bp = Blueprint("composition", __name__, url_prefix="/samenstelling", template_folder="templates")
recruitment_bp = Blueprint("recruitment", __name__, url_prefix="/werving", template_folder="templates")


def _special() -> bool:
    return can(keypersons_perms.VIEW_SPECIAL_CATEGORY)


def _picked():
    """(networks, picker form, chosen network or None) from ?netwerk=."""
    networks = network_services.networks()
    form = NetworkPickForm(request.args, networks=networks)
    network = network_services.current_network(form.network_id(), networks)
    if network is not None:
        form.netwerk.data = network.id
    return networks, form, network


def _network_or_404(network_id: int) -> Network:
    network = db.session.scalar(db.select(Network).filter_by(id=network_id))
    if network is None:
        abort(404)
    return network


@bp.get("/")
@requires(perms.VIEW_COMPOSITION)
@cached_page
def index():
    networks, form, network = _picked()
    if network is None:
        return render_template("composition/no_network.html", title=_("Composition of the network"))
    report = services.composition_report(network, include_special=_special())
    figures = {
        "roles": charts.roles_chart(report),
        "dimensions": {d.code: charts.dimension_chart(d) for d in report.dimensions},
        "districts": charts.neighbourhood_chart(report) if report.neighbourhoods.districts else None,
        "organisations": charts.organisation_chart(report) if report.organisations else None,
    }
    return render_template("composition/index.html", report=report, figures=figures, networks=networks, form=form,
                           network=network, pct=charts.pct)


def _layout(dims):
    """Fieldsets of the targets form: (legend, dimension or None, [field names])."""
    groups = [(label, None, list(role_fields(code))) for code, label in kp.ROLES.items()]
    dim_groups = [(d.label, d, [share_field(d.code, c) for c in d.categories] + [tolerance_field(d.code)])
                  for d in dims]
    return groups, dim_groups


@bp.route("/<int:network_id>/doelen", methods=["GET", "POST"])
@requires(perms.MANAGE_COMPOSITION_TARGETS)
def targets(network_id):
    network = _network_or_404(network_id)
    dims = targets_mod.dimensions(_special())
    current = targets_mod.load(network.id)
    if request.method == "POST":
        form = targets_form(dims)
    else:
        form = targets_form(dims, data=initial_data(current, dims, targets_mod.DEFAULT_TOLERANCE))
    if form.validate_on_submit():
        roles, dim_values = parsed(form)
        targets_mod.save(network.id, roles=roles, dims=dim_values, actor_id=current_user.id)
        flash(_("The composition targets have been saved."), "success")
        return redirect(url_for("tenant.composition.index", netwerk=network.id))
    role_groups, dim_groups = _layout(dims)
    return render_template("composition/targets.html", form=form, network=network, role_groups=role_groups,
                           dim_groups=dim_groups, defaults=targets_mod)


@bp.route("/<int:network_id>/doelen/standaard", methods=["GET", "POST"])
@requires(perms.MANAGE_COMPOSITION_TARGETS)
def reset_targets(network_id):
    network = _network_or_404(network_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        targets_mod.reset(network.id, include_special=_special(), actor_id=current_user.id)
        flash(_("The composition targets are back to the defaults."), "success")
        return redirect(url_for("tenant.composition.index", netwerk=network.id))
    return render_template("composition/confirm_reset.html", form=form, network=network, defaults=targets_mod)


@recruitment_bp.get("/", endpoint="index")
@requires(perms.VIEW_RECRUITMENT)
def recruitment():
    networks, form, network = _picked()
    if network is None:
        return render_template("composition/no_network.html", title=_("Recruitment"))
    funnel = funnel_mod.compute(queries.funnel_rows(network.id))
    channel_labels = {code: str(label) for code, label in kp.RECRUITMENT_CHANNELS.items()}
    channel_labels[funnel_mod.NOT_RECORDED] = _("Channel not recorded")
    context = {"funnel": funnel, "channel_labels": channel_labels, "stages": funnel_mod.STAGES,
               "stage_labels": charts.STAGE_LABELS, "forest": None, "figures": {}}
    if not funnel.empty:
        context["figures"] = {"funnel": charts.funnel_chart(funnel),
                              "conversion": charts.conversion_chart(funnel, channel_labels)}
    if can(perms.VIEW_REFERRALS):
        forest = referrals.build_forest(queries.referral_rows(network.id))
        context["forest"] = forest
        if forest.chains:
            context["figures"]["referrals"] = charts.referral_chart(forest, kp.STATUSES)
    return render_template("composition/recruitment.html", networks=networks, form=form, network=network,
                           pct=charts.pct, fmt_number=lambda v: format_decimal(v, format="#,##0.#"),
                           status_labels=kp.STATUSES, **context)
