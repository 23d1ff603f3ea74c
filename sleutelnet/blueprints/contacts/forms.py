"""Forms of contacts: record/change a contact, and the list filters. Messages in Dutch via the catalog."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ...platform.forms import DateField, MultiCheckboxField, SelectField, coded, not_in_future, opt_int, opt_str
from . import choices
from .services import FOLLOW_UP_MAX, NOTE_MAX

TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class ContactForm(FlaskForm):
    person_ids = MultiCheckboxField(_l("Key persons"), coerce=int,
                                    validators=[DataRequired(_l("Choose at least one key person."))])
    contacted_on = DateField(_l("Date of the contact"),
                             validators=[InputRequired(_l("Enter the date of the contact.")), not_in_future],
                             default=date.today)
    channel = SelectField(_l("Channel"), coerce=opt_str,
                          validators=[DataRequired(_l("Choose how the contact took place."))])
    topics = MultiCheckboxField(_l("Topics"))
    note = TextAreaField(_l("Short note"), validators=[Optional(), Length(max=NOTE_MAX, message=TOO_LONG)])
    follow_up = TextAreaField(_l("Follow-up action"), validators=[Optional(), Length(max=FOLLOW_UP_MAX, message=TOO_LONG)])
    follow_up_due = DateField(_l("Follow-up due on"))

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person_ids.choices = [(p.id, p.name) for p in persons]
        self.channel.choices = coded(choices.CHANNELS, _l("Choose a channel"))
        self.topics.choices = list(choices.TOPICS.items())

    def data_dict(self) -> dict:
        return {"contacted_on": self.contacted_on.data, "channel": self.channel.data, "topics": self.topics.data or [],
                "note": self.note.data, "follow_up": self.follow_up.data, "follow_up_due": self.follow_up_due.data}

    def load(self, contact) -> None:
        self.person_ids.data = contact.person_ids
        self.contacted_on.data = contact.contacted_on
        self.channel.data = contact.channel
        self.topics.data = contact.topic_codes
        self.note.data = contact.note
        self.follow_up.data = contact.follow_up
        self.follow_up_due.data = contact.follow_up_due


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    netwerk = SelectField(_l("Network"), coerce=opt_int, validators=[Optional()])
    kanaal = SelectField(_l("Channel"), coerce=opt_str, validators=[Optional()])
    onderwerp = SelectField(_l("Topic"), coerce=opt_str, validators=[Optional()])
    door = SelectField(_l("Recorded by"), coerce=opt_int, validators=[Optional()])
    van = DateField(_l("From"))
    tot = DateField(_l("Until"))
    opvolging = SelectField(_l("Follow-up"), coerce=opt_str, validators=[Optional()])

    def __init__(self, *args, networks=(), recorders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.netwerk.choices = [(n.id, n.name) for n in networks]
        self.kanaal.choices = coded(choices.CHANNELS, _l("All channels"))
        self.onderwerp.choices = coded(choices.TOPICS, _l("All topics"))
        self.door.choices = [("", _l("Everyone"))] + [(u.id, u.name or u.email) for u in recorders]
        self.opvolging.choices = [("", _l("All contacts")), ("open", _l("Follow-up open")),
                                  ("overdue", _l("Follow-up past its due date"))]
