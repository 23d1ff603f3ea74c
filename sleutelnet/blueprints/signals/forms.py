"""Forms of the signals area; field names of the GET filter forms are the (Dutch) URL parameters."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ...platform.forms import (DateField, MultiCheckboxField, RadioField, SelectField, by_id, coded, not_in_future,
                               opt_int, opt_str)
from . import choices
from .services import MAX_TEXT

CHOOSE = _l("Choose one of the options.")


def not_blank(form, field):
    if not (field.data or "").strip():
        raise ValidationError(_l("Describe what was reported."))


class SignalForm(FlaskForm):
    reported_on = DateField(_l("Date of the signal"), default=date.today,
                            validators=[DataRequired(_l("Enter the date of the signal.")), not_in_future])
    source_kind = RadioField(_l("Source"), validators=[InputRequired(CHOOSE)], default="keyperson")
    source_person_id = SelectField(_l("Key person who reported it"), coerce=opt_int, validators=[Optional()])
    topic = RadioField(_l("Topic"), validators=[InputRequired(CHOOSE)])
    urgency = RadioField(_l("Urgency"), validators=[InputRequired(CHOOSE)], default="normal")
    sensitivity = RadioField(_l("Sensitivity"), validators=[InputRequired(CHOOSE)], default="confidential")
    neighbourhood_id = SelectField(_l("Neighbourhood"), coerce=opt_int, validators=[Optional()])
    description = TextAreaField(_l("What was reported"), validators=[
        not_blank, Length(max=MAX_TEXT, message=_l("This text is too long (at most %(max)d characters)."))])
    reader_ids = MultiCheckboxField(_l("Officials who may see this signal"), coerce=int, validators=[Optional()])

    def __init__(self, *args, sources=(), neighbourhoods=(), readers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.source_kind.choices = coded(choices.SOURCES)
        self.source_person_id.choices = by_id(sources, _l("Choose a key person"))
        self.topic.choices = coded(choices.TOPICS)
        self.urgency.choices = coded(choices.URGENCIES)
        self.sensitivity.choices = coded(choices.SENSITIVITIES)
        self.neighbourhood_id.choices = by_id(neighbourhoods, _l("Not recorded"))
        self.reader_ids.choices = [(uid, name) for uid, name in readers]

    def data_dict(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "reported_on", "source_kind", "source_person_id", "topic", "urgency", "sensitivity", "neighbourhood_id",
            "description")}

    def load(self, signal) -> None:
        for name in ("reported_on", "source_kind", "source_person_id", "topic", "urgency", "sensitivity",
                     "neighbourhood_id", "description"):
            getattr(self, name).data = getattr(signal, name)
        self.reader_ids.data = [r.user_id for r in signal.readers]


class TransitionForm(FlaskForm):
    occurred_on = DateField(_l("Date"), default=date.today,
                            validators=[DataRequired(_l("Enter the date.")), not_in_future])
    partner = RadioField(_l("Forwarded to"), validators=[Optional()])
    partner_name = StringField(_l("Name of the partner organisation"),
                               validators=[Optional(), Length(max=120, message=_l(
                                   "This text is too long (at most %(max)d characters)."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner.choices = coded(choices.PARTNERS)


class SettingsForm(FlaskForm):
    follow_up_days = IntegerField(_l("Follow-up deadline (working days)"), validators=[
        InputRequired(_l("Enter a number.")),
        NumberRange(1, 60, message=_l("Enter a number of working days from %(min)s to %(max)s."))])
    retention_months = IntegerField(_l("Remove the text this many months after closing"), validators=[
        InputRequired(_l("Enter a number.")),
        NumberRange(1, 120, message=_l("Enter a number of months from %(min)s to %(max)s."))])


class _GetForm(FlaskForm):
    class Meta:
        csrf = False

    def clean(self, name: str):
        """A filter value, or None when it is empty or not one of the choices (filters never error)."""
        field = getattr(self, name)
        return None if field.errors else (field.data or None)


class FilterForm(_GetForm):
    netwerk = SelectField(_l("Network"), coerce=opt_int, validators=[Optional()])
    status = SelectField(_l("State"), coerce=opt_str, validators=[Optional()])
    onderwerp = SelectField(_l("Topic"), coerce=opt_str, validators=[Optional()])
    urgentie = SelectField(_l("Urgency"), coerce=opt_str, validators=[Optional()])
    vertrouwelijkheid = SelectField(_l("Sensitivity"), coerce=opt_str, validators=[Optional()])
    wijk = SelectField(_l("Neighbourhood"), coerce=opt_int, validators=[Optional()])

    def __init__(self, *args, networks=(), neighbourhoods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.netwerk.choices = by_id(networks, _l("All networks"))
        self.status.choices = ([SelectChoice("", _l("All states")), SelectChoice("open", _l("Open (follow-up due)")),
                                SelectChoice("overdue", _l("Overdue"))]
                               + coded(choices.STATUSES))
        self.onderwerp.choices = coded(choices.TOPICS, _l("All topics"))
        self.urgentie.choices = coded(choices.URGENCIES, _l("All urgencies"))
        self.vertrouwelijkheid.choices = coded(choices.SENSITIVITIES, _l("All sensitivities"))
        self.wijk.choices = by_id(neighbourhoods, _l("All neighbourhoods"))


PERIODS = {"12m": _l("Last 12 months"), "year": _l("This calendar year"), "all": _l("All time")}


class CountsForm(_GetForm):
    periode = SelectField(_l("Period"), coerce=opt_str, validators=[Optional()], default="12m")
    netwerk = SelectField(_l("Network"), coerce=opt_int, validators=[Optional()])

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periode.choices = coded(PERIODS)
        self.netwerk.choices = by_id(networks, _l("All networks"))


class NetworkChoiceForm(_GetForm):
    netwerk = SelectField(_l("Network"), coerce=opt_int, validators=[Optional()])

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.netwerk.choices = by_id(networks)
