"""Networks and phase 1 (Voorbereiding): purpose, administrative support, frameworks, linked officials.

Coordinators edit everything; officials see the setup read-only; administrators (viewers) see the list
and the phase overview only. Each section is saved on its own.
"""
from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.kernel import confirm_then_act, get_or_404, submit
from ...platform.policy import requires
from . import choices, services, status
from .models import NetworkOfficial, SupportEntry
from .forms import (FrameworksForm, NetworkForm, OfficialForm, PurposeForm, RoleChangeForm,
                    SupportEntryForm, SupportForm)
from . import permissions as perms

bp = Blueprint("network", __name__, url_prefix="/netwerken", template_folder="templates")


@bp.app_template_global("network_choices")
def _choices():
    return choices


def _network(network_id: int):
    """The network of the URL; opening its pages makes it the user's current network."""
    try:
        network = services.get_network(network_id)
    except LookupError:
        abort(404)
    services.remember_network(network.id)
    return network


def _form_data(form) -> dict:
    return {name: value for name, value in form.data.items() if name != "csrf_token"}


def _save(network_id, form_class, save, message, page, render, *, anchor="", form_arg="form", data=_form_data,
          **extra):
    """The POST of one section form: `save(network, **data(form), **extra)`, then back to `page` (+ `anchor`);
    else `render` the page again with the form and its errors (422)."""
    network = _network(network_id)
    form = form_class()
    return submit(form, lambda: save(network, **data(form), **extra), message=message,
                  done=url_for(page, network_id=network.id) + anchor) or render(network, code=422, **{form_arg: form})


# --- networks ---------------------------------------------------------------------------------------

def _render_index(form, code=200):
    networks = services.list_networks()
    progress = {n.id: status.done_count(status.phase_one(n)) for n in networks}
    return render_template("network/index.html", networks=networks, progress=progress, form=form,
                           current=services.current_network()), code


@bp.get("/")
@requires(perms.VIEW_NETWORKS)
def index():
    return _render_index(NetworkForm())


@bp.post("/")
@requires(perms.MANAGE_NETWORK_SETUP)
def create():
    form = NetworkForm()
    return submit(form, lambda: services.create_network(form.name.data),
                  message=lambda network: _(
                      "The network %(name)s has been created. Start with the preparation below.", name=network.name),
                  done=lambda network: url_for(".overview", network_id=network.id)) or _render_index(form, 422)


@bp.route("/<int:network_id>/naam", methods=["GET", "POST"])
@requires(perms.MANAGE_NETWORK_SETUP)
def rename(network_id):
    network = _network(network_id)
    form = NetworkForm(obj=network)
    return submit(form, lambda: services.rename_network(network, form.name.data), message=_("The name has been saved."),
                  done=url_for(".overview", network_id=network.id)) or \
        (render_template("network/rename.html", network=network, form=form), 422 if form.errors else 200)


@bp.get("/<int:network_id>/voorbereiding")
@requires(perms.VIEW_NETWORKS)
def overview(network_id):
    network = _network(network_id)
    sections = status.phase_one(network)
    return render_template("network/overview.html", network=network, sections=sections,
                           done=status.done_count(sections), purpose=services.get_purpose(network),
                           frameworks=services.get_frameworks(network), role=services.current_role(network))


# --- §1.1 purpose -----------------------------------------------------------------------------------

def _render_purpose(network, form, code=200):
    return render_template("network/purpose.html", network=network, form=form,
                           purpose=services.get_purpose(network)), code


@bp.get("/<int:network_id>/doel")
@requires(perms.VIEW_NETWORK_SETUP)
def purpose(network_id):
    network = _network(network_id)
    return _render_purpose(network, PurposeForm(obj=services.get_purpose(network)))


@bp.post("/<int:network_id>/doel")
@requires(perms.MANAGE_NETWORK_SETUP)
def save_purpose(network_id):
    return _save(network_id, PurposeForm, services.save_purpose, _("The purpose has been saved."), ".overview",
                 _render_purpose)


# --- §1.2 administrative support --------------------------------------------------------------------

def _render_support(network, support_form=None, entry_form=None, code=200):
    support = services.get_support(network)
    return render_template("network/support.html", network=network, support=support,
                           entries=services.support_entries(network),
                           support_form=support_form or SupportForm(obj=support),
                           entry_form=entry_form or SupportEntryForm()), code


@bp.get("/<int:network_id>/draagvlak")
@requires(perms.VIEW_NETWORK_SETUP)
def support(network_id):
    return _render_support(_network(network_id))


@bp.post("/<int:network_id>/draagvlak")
@requires(perms.MANAGE_NETWORK_SETUP)
def save_support(network_id):
    return _save(network_id, SupportForm, services.save_support,
                 _("The notes on administrative support have been saved."), ".support", _render_support,
                 form_arg="support_form")


@bp.post("/<int:network_id>/draagvlak/logboek")
@requires(perms.MANAGE_NETWORK_SETUP)
def add_support_entry(network_id):
    return _save(network_id, SupportEntryForm, services.add_support_entry,
                 _("The entry has been added to the support log."), ".support", _render_support,
                 anchor="#logboek", form_arg="entry_form", user_id=current_user.id)


@bp.route("/<int:network_id>/draagvlak/<int:support_entry_id>/verwijderen", methods=["GET", "POST"])
@requires(perms.MANAGE_NETWORK_SETUP)
def delete_support_entry(network_id, support_entry_id):
    """GET asks for confirmation; POST deletes."""
    network = _network(network_id)
    entry = get_or_404(SupportEntry, support_entry_id, network_id=network.id)
    return confirm_then_act(lambda: services.delete_support_entry(entry),
                            done=url_for(".support", network_id=network.id) + "#logboek",
                            message=_("The entry has been deleted from the support log."),
                            template="network/confirm_delete_entry.html", network=network, entry=entry)


# --- §1.3 frameworks and the municipality's role ----------------------------------------------------

def _frameworks_form_from(fw) -> FrameworksForm:
    if fw is None:
        return FrameworksForm()
    form = FrameworksForm(obj=fw)
    if not form.is_submitted():
        form.has_core_group.data = None if fw.has_core_group is None else ("yes" if fw.has_core_group else "no")
    return form


def _render_frameworks(network, form=None, role_form=None, code=200):
    fw = services.get_frameworks(network)
    return render_template("network/frameworks.html", network=network, frameworks=fw,
                           form=form or _frameworks_form_from(fw),
                           role_form=role_form or RoleChangeForm(),
                           history=services.role_history(network)), code


@bp.get("/<int:network_id>/kaders")
@requires(perms.VIEW_NETWORK_SETUP)
def frameworks(network_id):
    return _render_frameworks(_network(network_id))


@bp.post("/<int:network_id>/kaders")
@requires(perms.MANAGE_NETWORK_SETUP)
def save_frameworks(network_id):
    return _save(network_id, FrameworksForm, services.save_frameworks, _("The frameworks have been saved."),
                 ".frameworks", _render_frameworks, data=_frameworks_data)


def _frameworks_data(form) -> dict:
    return {**_form_data(form), "has_core_group": form.has_core_group.data == "yes"}


@bp.post("/<int:network_id>/kaders/rol")
@requires(perms.MANAGE_NETWORK_SETUP)
def change_role(network_id):
    return _save(network_id, RoleChangeForm, services.record_role_change,
                 _("The role of the municipality has been recorded."), ".frameworks", _render_frameworks,
                 anchor="#rol", form_arg="role_form", user_id=current_user.id)


# --- linked officials -------------------------------------------------------------------------------

def _render_officials(network, form=None, code=200):
    candidates = services.candidate_members(network)
    return render_template("network/officials.html", network=network, links=services.linked_officials(network),
                           form=form or OfficialForm(candidates=candidates), candidates=candidates), code


@bp.get("/<int:network_id>/ambtenaren")
@requires(perms.VIEW_NETWORK_SETUP)
def officials(network_id):
    return _render_officials(_network(network_id))


@bp.post("/<int:network_id>/ambtenaren")
@requires(perms.MANAGE_NETWORK_SETUP)
def link_official(network_id):
    network = _network(network_id)
    form = OfficialForm(candidates=services.candidate_members(network))
    return submit(form, lambda: services.link_official(network, form.membership_id.data, form.portfolio.data,
                                                       user_id=current_user.id),
                  message=_("The official has been linked to the network."),
                  done=url_for(".officials", network_id=network.id)) or \
        _render_officials(network, form=form, code=422)


@bp.route("/<int:network_id>/ambtenaren/<int:official_link_id>/ontkoppelen", methods=["GET", "POST"])
@requires(perms.MANAGE_NETWORK_SETUP)
def unlink_official(network_id, official_link_id):
    """GET asks for confirmation; POST removes the link (the team membership itself stays)."""
    network = _network(network_id)
    link = get_or_404(NetworkOfficial, official_link_id, network_id=network.id)
    return confirm_then_act(lambda: services.unlink_official(link), done=url_for(".officials", network_id=network.id),
                            message=_("The official is no longer linked to the network."),
                            template="network/confirm_unlink.html", network=network, link=link)
