"""Forms of the meetings area. Messages are English source strings, Dutch in i18n/nl/meetings.po.
Choices are filled by the routes (they depend on the network)."""
from __future__ import annotations

from datetime import datetime

import wtforms
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ...platform import forms as platform_forms
from ...platform.forms import (DayField, Parsed, RadioField, SelectField, WholeNumberField,  # noqa: F401
                               opt_int)  # the area's field types
from ...platform.forms import ConfirmForm as ButtonForm  # noqa: F401 - a POST button: only the CSRF token
from . import choices

CHOOSE = _l("Choose one of the options.")
TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class DateField(DayField):
    message = _l("Enter a valid date, for example 2026-03-14.")


class TimeField(Parsed, wtforms.TimeField):
    message = _l("Enter a valid time, for example 19:30.")

    def parse(self, text):
        return datetime.strptime(text[:5], "%H:%M").time()


class IntegerField(WholeNumberField):
    message = _l("Enter a whole number of minutes.")


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = CHOOSE


def not_blank(message):
    def check(form, field):
        if not (field.data or "").strip():
            raise ValidationError(message)
    return check


class MeetingForm(FlaskForm):
    series_id = SelectField(_l("Series"), coerce=opt_int, validators=[Optional()])
    kind = SelectField(_l("Type of meeting"), validators=[InputRequired(CHOOSE)])
    title = StringField(_l("Title"), validators=[not_blank(_l("Enter a title for the meeting.")),
                                                  Length(max=160, message=TOO_LONG)])
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date of the meeting."))])
    start = TimeField(_l("Starting time"), validators=[DataRequired(_l("Enter the starting time."))])
    duration_minutes = IntegerField(_l("Duration (minutes)"), default=120, validators=[
        DataRequired(_l("Enter the duration in minutes.")),
        NumberRange(min=15, max=600, message=_l("A meeting lasts between 15 and 600 minutes."))])
    location_id = SelectField(_l("Location"), coerce=opt_int, validators=[Optional()])
    chair_person_id = SelectField(_l("Chair (key person)"), coerce=opt_int, validators=[Optional()])
    chair_user_id = SelectField(_l("Chair (official)"), coerce=opt_int, validators=[Optional()])
    chair_name = StringField(_l("Chair (external, name)"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    reminder_days = MultiCheckboxField(_l("Reminders (days before)"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(code, label) for code, label in choices.KINDS.items()]
        self.reminder_days.choices = [(d, _l("%(n)d days before", n=d) if d > 1 else _l("1 day before"))
                                      for d in choices.REMINDER_CHOICES]

    def data_dict(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "series_id", "kind", "title", "day", "start", "duration_minutes", "location_id", "chair_person_id",
            "chair_user_id", "chair_name", "reminder_days")}


class CancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[
        not_blank(_l("Give the reason for cancelling; the invitees will want to know.")),
        Length(max=300, message=TOO_LONG)])


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Agenda item"), validators=[not_blank(_l("Enter a title for the agenda item.")),
                                                        Length(max=200, message=TOO_LONG)])
    duration_minutes = IntegerField(_l("Duration (minutes)"), default=15, validators=[
        DataRequired(_l("Enter the duration in minutes (1 to 600).")),
        NumberRange(min=1, max=600, message=_l("Enter the duration in minutes (1 to 600)."))])
    owner = SelectField(_l("Owner"), validators=[Optional()])
    description = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=2000, message=TOO_LONG)])


class SeriesForm(FlaskForm):
    name = StringField(_l("Name of the series"), validators=[not_blank(_l("Enter a name for the series.")),
                                                              Length(max=120, message=TOO_LONG)])
    kind = SelectField(_l("Type of meeting"), validators=[InputRequired(CHOOSE)])
    cadence = SelectField(_l("Rhythm"), validators=[Optional()])


class MinutesForm(FlaskForm):
    summary = TextAreaField(_l("Summary (shareable)"), validators=[
        not_blank(_l("Write a short summary of the meeting.")), Length(max=10000, message=TOO_LONG)])
    decisions = TextAreaField(_l("Decisions, one per line"), validators=[Optional(), Length(max=5000, message=TOO_LONG)])
    confidential_notes = TextAreaField(_l("Confidential notes"), validators=[Optional(),
                                                                            Length(max=10000, message=TOO_LONG)])
    discussed = MultiCheckboxField(_l("Agenda items discussed"), coerce=int)


class ActionForm(FlaskForm):
    description = StringField(_l("Action"), validators=[not_blank(_l("Describe the action.")),
                                                         Length(max=500, message=TOO_LONG)])
    owner = SelectField(_l("Who does it"), validators=[InputRequired(_l("Choose who will do it."))])
    due_on = DateField(_l("Due date"), validators=[DataRequired(_l("Enter the due date."))])


class PlaceForm(FlaskForm):
    name = StringField(_l("Name of the place"), validators=[not_blank(_l("Enter the name of the place.")),
                                                             Length(max=160, message=TOO_LONG)])
    kind = SelectField(_l("Kind of place"), validators=[InputRequired(CHOOSE)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=250, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(c, l) for c, l in choices.LOCATION_KINDS.items() if c != "member_organisation"]


class ChairForm(FlaskForm):
    chair_mode = RadioField(_l("How is the chair chosen?"), validators=[InputRequired(CHOOSE)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.chair_mode.choices = [(c, v[0]) for c, v in choices.CHAIR_MODES.items()]


class RsvpForm(FlaskForm):
    answer = RadioField(_l("Will you come?"), validators=[InputRequired(_l("Choose whether you will come."))])
    message = TextAreaField(_l("Message for the organisers"), validators=[Optional(), Length(max=500, message=TOO_LONG)])
    proposal_title = StringField(_l("Propose a topic for the agenda"),
                                 validators=[Optional(), Length(max=200, message=TOO_LONG)])
    proposal_note = TextAreaField(_l("Explain your topic"), validators=[Optional(), Length(max=2000, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer.choices = [("accepted", _l("Yes, I will come")), ("declined", _l("No, I cannot come"))]
