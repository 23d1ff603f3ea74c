"""The targets form: per role a minimum (number and/or share), per diversity dimension target shares
with a tolerance. Built per request, because the special-category dimension is only for coordinators
who may see it. Every message is Dutch through the translation catalog (composition.po)."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import NumberRange, Optional

from ...platform import forms as platform_forms
from ...platform.forms import ConfirmForm, NetworkPickForm  # noqa: F401  (the area's forms, in one place)
from ..keypersons import choices as kp
from .targets import MAX_MIN_COUNT, MAX_TOLERANCE, Dimension, Targets

SHARE_RANGE = _l("Enter a share between 0 and 100.")
NOT_A_NUMBER = _l("Enter a whole number, without dots, commas, percent signs or letters.")


class WholeNumberField(platform_forms.WholeNumberField):
    """A whole number; the message for other text also rules out percent signs (shares are entered bare)."""

    message = NOT_A_NUMBER


def role_fields(code: str) -> tuple[str, str]:
    return f"role_{code}_count", f"role_{code}_share"


def share_field(dimension: str, category: str) -> str:
    return f"dim_{dimension}__{category}"


def tolerance_field(dimension: str) -> str:
    return f"dim_{dimension}__tolerance"


class TargetsFormBase(FlaskForm):
    dims: list[Dimension] = []

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for dim in self.dims:
            fields = [self[share_field(dim.code, c)] for c in dim.categories]
            given = [f for f in fields if f.data is not None and not f.errors]
            if not given:
                continue
            total = sum(f.data for f in given)
            if total > 100:
                fields[0].errors = list(fields[0].errors) + [
                    _("The target shares for %(dimension)s add up to %(total)d%%; together they can be at most 100%%.",
                      dimension=str(dim.label).lower(), total=total)]
                ok = False
            elif len(given) == len(fields) and total != 100:
                fields[0].errors = list(fields[0].errors) + [
                    _("With a target for every group of %(dimension)s, the shares must add up to 100%% "
                      "(now %(total)d%%).", dimension=str(dim.label).lower(), total=total)]
                ok = False
        return ok


def targets_form(dims: list[Dimension], *args, **kwargs) -> TargetsFormBase:
    """A form class with the role fields and the fields of `dims`, instantiated with args/kwargs."""
    attrs = {"dims": dims}
    for code, label in kp.ROLES.items():
        count_name, share_name = role_fields(code)
        attrs[count_name] = WholeNumberField(
            _("%(role)s: minimum number", role=label),
            validators=[Optional(), NumberRange(0, MAX_MIN_COUNT, message=_("Enter a number between 0 and %(max)d.",
                                                                            max=MAX_MIN_COUNT))])
        attrs[share_name] = WholeNumberField(
            _("%(role)s: minimum share (%%)", role=label),
            validators=[Optional(), NumberRange(0, 100, message=str(SHARE_RANGE))])
    for dim in dims:
        for code, label in dim.categories.items():
            attrs[share_field(dim.code, code)] = WholeNumberField(
                _("%(group)s: target share (%%)", group=label),
                validators=[Optional(), NumberRange(0, 100, message=str(SHARE_RANGE))])
        attrs[tolerance_field(dim.code)] = WholeNumberField(
            _("%(dimension)s: tolerance (percentage points)", dimension=dim.label),
            validators=[Optional(), NumberRange(0, MAX_TOLERANCE, message=_(
                "Enter a tolerance between 0 and %(max)d percentage points.", max=MAX_TOLERANCE))])
    form_class = type("TargetsForm", (TargetsFormBase,), attrs)
    return form_class(*args, **kwargs)


def initial_data(targets: Targets, dims: list[Dimension], default_tolerance: int) -> dict:
    """The current (non-default) targets as form data."""
    data = {}
    for code, rule in targets.roles.items():
        if not rule.default:
            count_name, share_name = role_fields(code)
            data[count_name], data[share_name] = rule.min_count, rule.min_share
    for dim in dims:
        rule = targets.dimensions[dim.code]
        for code in dim.categories:
            data[share_field(dim.code, code)] = rule.shares.get(code)
        tolerances = [t for t in rule.tolerance.values() if t is not None]
        data[tolerance_field(dim.code)] = max(tolerances) if tolerances else default_tolerance
    return data


def parsed(form: TargetsFormBase) -> tuple[dict, dict]:
    """(roles, dims) in the shape `targets.save` takes."""
    roles = {code: (form[role_fields(code)[0]].data, form[role_fields(code)[1]].data) for code in kp.ROLES}
    dims = {dim.code: ({c: form[share_field(dim.code, c)].data for c in dim.categories},
                       form[tolerance_field(dim.code)].data) for dim in form.dims}
    return roles, dims


