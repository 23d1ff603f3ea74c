"""The municipality's side: its own values against its peer groups, opt-in per indicator, notes, CSV.

Under /g/<slug>/vergelijking/ (tenant context set by the parent blueprint); the tenant id used for every
lookup is the context's, never one from the request.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...platform.extensions import db
from ...platform.policy import requires
from . import charts, groups as grp, periods, published, readings, services
from .forms import NoteForm, OptInForm
from .permissions import MANAGE_BENCHMARKS, VIEW_BENCHMARKS

bp = Blueprint("benchmarks", __name__, url_prefix="/vergelijking", template_folder="templates")


@bp.context_processor
def _helpers():
    return {"fmt": readings.fmt, "period_label": periods.label, "reason_label": readings.reason_label,
            "exit_label": readings.exit_reason_label,
            "VIEW_BENCHMARKS": VIEW_BENCHMARKS, "MANAGE_BENCHMARKS": MANAGE_BENCHMARKS,
            "kind_labels": grp.KIND_LABELS}


@bp.get("/")
@requires(VIEW_BENCHMARKS)
def index():
    available = published.periods_desc()
    period = published.pick_period(request.args.get("kwartaal"), available)
    items = services.comparison(g.tenant, period.code) if period else []
    main = [i for i in items if not services.is_exit_reason(i.code)]
    exits = [i for i in items if services.is_exit_reason(i.code)]
    figures = {i.code: charts.comparison_chart(i) for i in main if i.own is not None}
    return render_template("national/compare.html", period=period, available=available, items=main, exits=exits,
                           figures=figures)


@bp.route("/instellingen", methods=["GET", "POST"])
@requires(MANAGE_BENCHMARKS)
def settings():
    form = OptInForm()
    indicators = services.all_indicators()
    form.indicators.choices = [(i.code, str(i.label)) for i in indicators]
    if request.method == "GET":
        form.indicators.data = [code for code, on in services.effective_opt_ins().items() if on]
    elif form.validate_on_submit():
        changed = services.save_opt_ins(set(form.indicators.data or []), current_user.id)
        db.session.commit()
        flash(_("Your choice is saved. It applies from the next computation of the benchmarks.") if changed
              else _("Nothing changed."), "success")
        return redirect(url_for(".settings"))
    defaults_off = [i for i in indicators if not i.opt_in_default]
    return render_template("national/settings.html", form=form, defaults_off=defaults_off), \
        422 if form.errors else 200


@bp.route("/notitie", methods=["GET", "POST"])
@requires(MANAGE_BENCHMARKS)
def note():
    """The note on one of the municipality's own figures; the indicator comes as ?indicator= (a code, the
    same in every municipality: no object id in the URL)."""
    form = NoteForm()
    form.indicator.choices = [(i.code, str(i.label)) for i in services.all_indicators()]
    if request.method == "GET":
        code = request.args.get("indicator", "")
        if services.indicator_by_code(code) is None:
            code = form.indicator.choices[0][0]
        existing = services.note_for(code)
        form.indicator.data, form.body.data = code, existing.body if existing else ""
    elif form.validate_on_submit():
        code = form.indicator.data
        services.save_note(code, form.body.data, current_user.id)
        db.session.commit()
        flash(_("The note is saved.") if form.body.data else _("The note is removed."), "success")
        return redirect(url_for(".index") + f"#ind-{code.replace('.', '-')}")
    return render_template("national/note.html", form=form), 422 if form.errors else 200


@bp.get("/export.csv")
@requires(VIEW_BENCHMARKS)
def export():
    available = published.periods_desc()
    period = published.pick_period(request.args.get("kwartaal"), available)
    if period is None:
        abort(404)
    keys = [(kind, code) for kind, code, _n in grp.keys_of(services.member_of(g.tenant))]
    rows = published.csv_rows(published.cells(period.code, groups=keys))
    return Response(published.to_csv(rows), mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="vergelijking-{g.tenant.slug}-{period.code}.csv"'})
