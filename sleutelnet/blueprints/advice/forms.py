"""Forms of the advice inbox (municipality and ESS side). Messages are Dutch through the catalog."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ...platform.forms import DateField, RadioField, SelectField
from ...platform.forms import opt_int as _opt_int
from ...platform import forms as platform_forms
from ...platform.forms import ConfirmForm  # noqa: F401 - a POST button: only the CSRF token
from . import choices

INVALID_CHOICE = _l("Choose one of the options.")
TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = INVALID_CHOICE


def _coded(options: dict):
    return [(code, label) for code, label in options.items()]


class WholeNumberField(platform_forms.WholeNumberField):
    message = _l("Enter a whole number from 0 to 100.")


class RequestForm(FlaskForm):
    topic = SelectField(_l("Topic"), validators=[InputRequired(INVALID_CHOICE)])
    subject = StringField(_l("Subject"), validators=[DataRequired(_l("Enter a short subject.")),
                                                     Length(max=160, message=TOO_LONG)])
    question = TextAreaField(_l("Your question"), validators=[DataRequired(_l("Enter your question.")),
                                                              Length(max=8000, message=TOO_LONG)])
    urgency = RadioField(_l("Urgency"), validators=[InputRequired(INVALID_CHOICE)], default="normal")
    network_id = SelectField(_l("Network the context is about"), coerce=_opt_int, validators=[Optional()])
    context_kinds = MultiCheckboxField(_l("Attach context from your own space (optional)"))
    fingerprint = HiddenField()

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [("", _l("Choose a topic"))] + _coded(choices.TOPICS)
        self.urgency.choices = _coded(choices.URGENCIES)
        self.context_kinds.choices = _coded(choices.CONTEXT_KINDS)
        self.network_id.choices = [(None, _l("No network"))] + list(networks)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.context_kinds.data and not self.network_id.data:
            self.network_id.errors = list(self.network_id.errors) + [_l("Choose the network the context is about.")]
            return False
        return ok


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(_l("Write a message.")),
                                                    Length(max=8000, message=TOO_LONG)])


class EssMessageForm(MessageForm):
    kind = RadioField(_l("What kind of message is this?"), validators=[InputRequired(INVALID_CHOICE)],
                      default="answer",
                      choices=[("answer", _l("The answer (the request becomes answered; the municipality is notified)")),
                               ("info_request", _l("A question to the municipality (the clock pauses until they reply)")),
                               ("message", _l("An interim message (the request stays in progress)"))])


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Internal note"), validators=[DataRequired(_l("Write a note.")),
                                                          Length(max=8000, message=TOO_LONG)])


class AssignForm(FlaskForm):
    assignee_id = SelectField(_l("Assign to"), coerce=_opt_int, validators=[InputRequired(INVALID_CHOICE)])

    def __init__(self, *args, advisors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.assignee_id.choices = [(u.id, u.name or u.email) for u in advisors]


class SettingsForm(FlaskForm):
    capacity = WholeNumberField(_l("Capacity (open requests at most)"),
                            validators=[InputRequired(_l("Enter a whole number from 0 to 100.")),
                                        NumberRange(min=0, max=100, message=_l("Enter a whole number from 0 to 100."))])
    absent_from = DateField(_l("Absent from"))
    absent_until = DateField(_l("Absent until (inclusive)"))
    substitute_id = SelectField(_l("Substitute during absence"), coerce=_opt_int, validators=[Optional()])

    def __init__(self, *args, advisors=(), user_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.substitute_id.choices = [(None, _l("No substitute"))] + [(u.id, u.name or u.email) for u in advisors
                                                                       if u.id != user_id]

    def validate_absent_until(self, field):
        if field.data and not self.absent_from.data:
            raise ValidationError(_l("Enter the first day of the absence too."))
        if field.data and self.absent_from.data and field.data < self.absent_from.data:
            raise ValidationError(_l("The last day cannot be before the first day."))


class PromoteForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=160, message=TOO_LONG)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("Write the text.")),
                                                 Length(max=8000, message=TOO_LONG)])
    tags = MultiCheckboxField(_l("Topics (guide sections)"), validators=[InputRequired(_l("Choose at least one topic."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tags.choices = _coded(choices.TOPICS)
