"""The preferences form: one radio group per reminder kind, built from the installed kinds."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

DELIVERY_LABELS = {
    "immediate": _l("E-mail immediately"),
    "digest": _l("Daily digest by e-mail"),
    "in_app": _l("Only in Sleutelnet"),
}


def preferences_form(kinds, current: dict[str, str], formdata=None):
    """A FlaskForm class with a field `kind_<n>` per kind; returns (form, [(field_name, kind)])."""

    class PreferencesForm(FlaskForm):
        pass

    fields = []
    for n, kind in enumerate(kinds):
        name = f"kind_{n}"
        setattr(PreferencesForm, name, RadioField(
            kind.label, choices=list(DELIVERY_LABELS.items()), default=current.get(kind.code, "immediate"),
            validators=[InputRequired(_l("Choose how you want to receive this."))],
            invalid_choice_message=_l("Choose one of the options.")))
        fields.append((name, kind))
    return PreferencesForm(formdata=formdata), fields
