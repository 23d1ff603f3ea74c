"""Disruptor assessment pages under /g/<slug>/sleutelpersonen/<person_id>/stoorzenders. Coordinators only:
anyone else gets 403 before anything is looked up, so a response never tells whether an assessment exists.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...platform.i18n import fmt_date
from ...platform.kernel import get_or_404, submit
from ...platform.policy import requires
from ..keypersons.access import Purpose, access_person
from . import choices, services
from .forms import AssessmentForm
from .models import RISK_CODES, DisruptorAssessment
from . import permissions as perms

bp = Blueprint("disruptors", __name__, url_prefix="/sleutelpersonen", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"dc": choices, "risks": RISK_CODES, "level_label": choices.level_label, "risk_label": choices.risk_label,
            "fmt_date": fmt_date}


# opening the record is logged by `services.record_view` (with the assessment shown), not by access_person
ASSESS = Purpose(perms.ASSESS_DISRUPTORS)


@bp.get("/<int:person_id>/stoorzenders")
@requires(perms.ASSESS_DISRUPTORS)
def index(person_id):
    person = access_person(person_id, ASSESS)
    versions = services.history(person.id)
    services.record_view(person.id, versions[0].id if versions else None)
    return render_template("disruptors/index.html", person=person, latest=versions[0] if versions else None,
                           versions=versions, erased=services.is_erased(person.id))


@bp.get("/<int:person_id>/stoorzenders/<int:assessment_id>")
@requires(perms.ASSESS_DISRUPTORS)
def show(person_id, assessment_id):
    person = access_person(person_id, ASSESS)
    assessment = get_or_404(DisruptorAssessment, assessment_id, person_id=person.id)
    services.record_view(person.id, assessment.id)
    return render_template("disruptors/show.html", person=person, assessment=assessment)


@bp.route("/<int:person_id>/stoorzenders/nieuw", methods=["GET", "POST"])
@requires(perms.ASSESS_DISRUPTORS)
def new(person_id):
    person = access_person(person_id, ASSESS)
    if services.is_erased(person.id):
        flash(_("The personal data of this person have been erased."), "error")
        return redirect(url_for(".index", person_id=person.id))
    form = AssessmentForm()
    if request.method == "GET":
        versions = services.history(person.id)
        if versions:
            form.load(versions[0])
            services.record_view(person.id, versions[0].id)  # the form shows the latest version
    return submit(form, lambda: services.save_assessment(person, assessed_on=form.assessed_on.data,
                                                         levels=form.levels(), notes=form.notes(),
                                                         overall_note=form.overall_note.data),
                  message=_("The assessment has been saved as a new version."),
                  done=url_for(".index", person_id=person.id)) or (
        render_template("disruptors/form.html", form=form, person=person), 422 if form.errors else 200)
