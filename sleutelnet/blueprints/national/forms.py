"""Forms of the national benchmarks."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length

from ...platform import forms as platform_forms
from ...platform.forms import ConfirmForm  # noqa: F401 - a POST button: only the CSRF token
from .models import NOTE_MAX


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = _l("Choose from the list.")


class OptInForm(FlaskForm):
    indicators = MultiCheckboxField(_l("Indicators your municipality contributes to the national benchmarks"),
                                    choices=[])


class NoteForm(FlaskForm):
    indicator = SelectField(_l("Indicator"), choices=[],
                            validate_choice=True)
    body = TextAreaField(_l("Note on your own figure"),
                         validators=[Length(max=NOTE_MAX, message=_l("A note can have at most %(max)d characters."))],
                         filters=[lambda v: v.strip() if isinstance(v, str) else v])
