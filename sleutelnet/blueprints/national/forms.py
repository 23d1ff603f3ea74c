"""Forms of the national benchmarks."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .models import NOTE_MAX


class Checkboxes(SelectMultipleField):
    """A group of checkboxes (rendered as a fieldset by macros/forms.html)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
    type = "MultiCheckboxField"

    def pre_validate(self, form):
        valid = {value for value, _label in self.choices}
        if any(v not in valid for v in (self.data or [])):
            raise ValidationError(_l("Choose from the list."))


class OptInForm(FlaskForm):
    indicators = Checkboxes(_l("Indicators your municipality contributes to the national benchmarks"),
                            choices=[])


class NoteForm(FlaskForm):
    indicator = SelectField(_l("Indicator"), choices=[],
                            validate_choice=True)
    body = TextAreaField(_l("Note on your own figure"),
                         validators=[Length(max=NOTE_MAX, message=_l("A note can have at most %(max)d characters."))],
                         filters=[lambda v: v.strip() if isinstance(v, str) else v])


class ConfirmForm(FlaskForm):
    """Only the CSRF token (asking for a report)."""
