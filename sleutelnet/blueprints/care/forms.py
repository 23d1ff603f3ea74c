"""Forms of care (§3.1–3.2). Messages are Dutch through the translation catalog."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ...platform.forms import DateField, SelectField, by_id, coded, opt_int  # noqa: F401
from ...platform import forms as platform_forms
from ...platform.forms import ConfirmForm  # noqa: F401 - a POST button: only the CSRF token
from . import choices

INVALID_CHOICE = _l("Choose one of the options.")
INVALID_DATE = _l("Enter a valid date.")
TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = INVALID_CHOICE


class WholeNumberField(platform_forms.WholeNumberField):
    message = _l("Enter a whole number.")


class AppreciationForm(FlaskForm):
    person_id = SelectField(_l("For"), coerce=opt_int, validators=[Optional()])
    kind = SelectField(_l("Kind of appreciation"), validators=[DataRequired(_l("Choose the kind of appreciation."))])
    given_on = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))], default=date.today)
    given_by = StringField(_l("By whom"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000, message=TOO_LONG)])

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person_id.choices = by_id(persons, _l("The whole network"))
        self.kind.choices = coded(choices.APPRECIATION_KINDS, _l("Choose…"))


class TrainingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=160, message=TOO_LONG)])
    provider = StringField(_l("Provider"), validators=[Optional(), Length(max=160, message=TOO_LONG)])
    validity_months = WholeNumberField(_l("Certificate valid for (months)"), validators=[
        Optional(), NumberRange(1, 240, _l("Enter a number of months between 1 and 240, or leave it empty."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=1000, message=TOO_LONG)])


class InviteForm(FlaskForm):
    person_ids = MultiCheckboxField(_l("Key persons to invite"), coerce=int,
                                    validators=[DataRequired(_l("Choose at least one key person."))])

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person_ids.choices = [(pid, name) for pid, name in persons]


class EnrolmentMoveForm(FlaskForm):
    status = SelectField(_l("New state"), validators=[DataRequired(_l("Choose one of the options."))])
    attended_on = DateField(_l("Attended on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = coded(choices.ENROLMENT_STATUSES)


class PairForm(FlaskForm):
    kind = SelectField(_l("Kind of pair"), validators=[DataRequired(_l("Choose one of the options."))], default="buddy")
    mentee_id = SelectField(_l("Key person who is supported"), coerce=opt_int,
                            validators=[InputRequired(_l("Choose a key person."))])
    buddy_id = SelectField(_l("Buddy or mentor (key person)"), coerce=opt_int, validators=[Optional()])
    professional_name = StringField(_l("Name of the professional"),
                                    validators=[Optional(), Length(max=120, message=TOO_LONG)])
    goal = TextAreaField(_l("Goal"), validators=[DataRequired(_l("Describe the goal of the pair.")),
                                                 Length(max=2000, message=TOO_LONG)])
    starts_on = DateField(_l("Start"), validators=[DataRequired(_l("Enter the date."))], default=date.today)
    planned_end_on = DateField(_l("Planned end"))

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = coded(choices.PAIR_KINDS)
        self.mentee_id.choices = by_id(persons, _l("Choose…"))
        self.buddy_id.choices = by_id(persons, _l("None (a professional)"))


class EndPairForm(FlaskForm):
    reason = SelectField(_l("Reason"), validators=[DataRequired(_l("Choose a reason."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = coded(choices.PAIR_END_REASONS, _l("Choose…"))
