"""Forms of the exchange. Messages are Dutch through the catalog."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ...platform.forms import DateField, RadioField
from ...platform import forms as platform_forms
from ...platform.forms import ConfirmForm  # noqa: F401 - a POST button: only the CSRF token
from . import choices

INVALID_CHOICE = _l("Choose one of the options.")
TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = INVALID_CHOICE


def _coded(options):
    return list(options.items())


class PostForm(FlaskForm):
    kind = RadioField(_l("What do you want to share?"), validators=[InputRequired(INVALID_CHOICE)], default="worked")
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=160, message=TOO_LONG)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("Write the text.")), Length(max=8000, message=TOO_LONG)])
    event_on = DateField(_l("Date of the event"))
    tags = MultiCheckboxField(_l("Topics (guide sections)"), validators=[InputRequired(_l("Choose at least one topic."))])
    visibility = RadioField(_l("Who may see it?"), validators=[InputRequired(INVALID_CHOICE)], default="province")
    author_mode = RadioField(_l("Show the author as"), validators=[InputRequired(INVALID_CHOICE)],
                             default="municipality")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _coded(choices.KINDS)
        self.tags.choices = _coded(choices.TAGS)
        self.visibility.choices = _coded(choices.VISIBILITIES)
        self.author_mode.choices = _coded(choices.AUTHOR_MODES)


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), validators=[DataRequired(_l("Write a reply.")),
                                                       Length(max=8000, message=TOO_LONG)])
    author_mode = RadioField(_l("Show the author as"), validators=[InputRequired(INVALID_CHOICE)],
                             default="municipality")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.author_mode.choices = _coded(choices.AUTHOR_MODES)


class ReportForm(FlaskForm):
    reason = RadioField(_l("What is wrong with this post?"), validators=[InputRequired(INVALID_CHOICE)])
    note = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=1000, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = _coded(choices.REPORT_REASONS)


class RevealForm(FlaskForm):
    reason = TextAreaField(_l("Reason for unmasking the author"),
                           validators=[DataRequired(_l("Give the reason for unmasking the author (at least 10 characters).")),
                                       Length(min=10, max=1000, message=_l("Give the reason for unmasking the author (at least 10 characters)."))])


class SanctionForm(FlaskForm):
    kind = RadioField(_l("Sanction"), validators=[InputRequired(INVALID_CHOICE)], default="mute")
    until = DateField(_l("Until (inclusive; empty: until lifted)"))
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give the reason for the sanction.")),
                                                     Length(max=1000, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _coded(choices.SANCTIONS)
