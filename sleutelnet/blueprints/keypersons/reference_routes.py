"""Coordinators manage the tenant's reference lists: /g/<slug>/wijken/ and /g/<slug>/organisaties/."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.kernel import confirm_then_act, submit
from ...platform.policy import requires
from . import reference
from .forms import NeighbourhoodForm, OrganisationForm
from .models import Neighbourhood, Organisation
from .routes import template_helpers
from . import permissions as perms

neighbourhoods_bp = Blueprint("neighbourhoods", __name__, url_prefix="/wijken", template_folder="templates")
organisations_bp = Blueprint("organisations", __name__, url_prefix="/organisaties", template_folder="templates")


@neighbourhoods_bp.context_processor
@organisations_bp.context_processor
def _labels():
    return template_helpers()


def _lookup(getter, object_id):
    try:
        return getter(object_id)
    except LookupError:
        abort(404)


# --------------------------------------------------------------------------------------------------
# neighbourhoods
# --------------------------------------------------------------------------------------------------

@neighbourhoods_bp.get("/")
@requires(perms.MANAGE_REFERENCE_LISTS)
def index():
    return render_template("keypersons/neighbourhoods.html", items=reference.neighbourhoods(),
                           usage=reference.usage_counts(Neighbourhood))


@neighbourhoods_bp.route("/nieuw", methods=["GET", "POST"])
@neighbourhoods_bp.route("/<int:neighbourhood_id>/bewerken", methods=["GET", "POST"])
@requires(perms.MANAGE_REFERENCE_LISTS)
def edit(neighbourhood_id=None):
    item = _lookup(reference.get_neighbourhood, neighbourhood_id) if neighbourhood_id is not None else None
    form = NeighbourhoodForm(obj=item if request.method == "GET" else None,
                             districts=[(d.id, d.name) for d in reference.districts(exclude_id=neighbourhood_id)])
    if request.method == "GET" and item is None:
        form.parent_id.data = request.args.get("wijk", type=int)
    return submit(form, lambda: reference.save_neighbourhood(item, name=form.name.data, parent_id=form.parent_id.data),
                  message=_("The neighbourhood has been saved."), done=url_for(".index")) or (
        render_template("keypersons/neighbourhood_form.html", form=form, item=item), 422 if form.errors else 200)


@neighbourhoods_bp.route("/<int:neighbourhood_id>/verwijderen", methods=["GET", "POST"])
@requires(perms.MANAGE_REFERENCE_LISTS)
def delete(neighbourhood_id):
    item = _lookup(reference.get_neighbourhood, neighbourhood_id)
    usage = reference.neighbourhood_usage(item)
    return confirm_then_act(lambda: reference.delete_neighbourhood(item), done=url_for(".index"),
                            message=_("The neighbourhood has been deleted."),
                            template="keypersons/confirm_delete.html", name=item.name, usage=usage,
                            in_use=bool(usage["persons"] or usage["parts"]), cancel=url_for(".index"),
                            title=_("Delete neighbourhood"))


# --------------------------------------------------------------------------------------------------
# organisations
# --------------------------------------------------------------------------------------------------

@organisations_bp.get("/")
@requires(perms.MANAGE_REFERENCE_LISTS)
def index():  # noqa: F811 - other blueprint
    return render_template("keypersons/organisations.html", items=reference.organisations(),
                           usage=reference.usage_counts(Organisation))


@organisations_bp.route("/nieuw", methods=["GET", "POST"])
@organisations_bp.route("/<int:organisation_id>/bewerken", methods=["GET", "POST"])
@requires(perms.MANAGE_REFERENCE_LISTS)
def edit(organisation_id=None):  # noqa: F811
    item = _lookup(reference.get_organisation, organisation_id) if organisation_id is not None else None
    form = OrganisationForm(obj=item if request.method == "GET" else None)
    return submit(form, lambda: reference.save_organisation(item, name=form.name.data, kind=form.kind.data,
                                                           address=form.address.data),
                  message=_("The organisation has been saved."), done=url_for(".index")) or (
        render_template("keypersons/organisation_form.html", form=form, item=item), 422 if form.errors else 200)


@organisations_bp.route("/<int:organisation_id>/verwijderen", methods=["GET", "POST"])
@requires(perms.MANAGE_REFERENCE_LISTS)
def delete(organisation_id):  # noqa: F811
    item = _lookup(reference.get_organisation, organisation_id)
    usage = reference.organisation_usage(item)
    return confirm_then_act(lambda: reference.delete_organisation(item), done=url_for(".index"),
                            message=_("The organisation has been deleted."),
                            template="keypersons/confirm_delete.html", name=item.name, usage=usage,
                            in_use=bool(usage["persons"]), cancel=url_for(".index"), title=_("Delete organisation"))
