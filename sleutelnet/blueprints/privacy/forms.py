"""Forms of the privacy pages. Every message is Dutch through the translation catalog."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ...platform.forms import ConfirmForm, DateField, RadioField, coded, not_in_future
from . import choices

TOO_LONG = _l("This text is too long (at most %(max)d characters).")
CHOOSE = _l("Choose one of the options.")


class ConsentForm(FlaskForm):
    scope = RadioField(_l("Purpose"), validators=[InputRequired(_l("Choose the purpose."))])
    basis = RadioField(_l("Lawful basis"), validators=[InputRequired(_l("Choose the lawful basis."))],
                       default="consent")
    given_on = DateField(_l("Date given"), validators=[DataRequired(_l("Enter the date.")), not_in_future],
                         default=date.today)
    obtained_via = RadioField(_l("How was it given?"),
                              validators=[InputRequired(_l("Choose how the consent was given."))])
    text_version = StringField(_l("Version of the consent text"),
                               validators=[Optional(), Length(max=60, message=TOO_LONG)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope.choices = coded(choices.CONSENT_SCOPES)
        self.basis.choices = coded(choices.LEGAL_BASES)
        self.obtained_via.choices = coded(choices.CONSENT_CHANNELS)


class WithdrawForm(FlaskForm):
    withdrawn_on = DateField(_l("Date of withdrawal"),
                             validators=[DataRequired(_l("Enter the date.")), not_in_future], default=date.today)
    via = RadioField(_l("How was it withdrawn?"),
                     validators=[InputRequired(_l("Choose how the consent was withdrawn."))], default="oral")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.via.choices = coded(choices.CONSENT_CHANNELS)


class MonthsField(IntegerField):
    """A whole number of months, with a Dutch message for text that is not a number."""

    def process_formdata(self, valuelist):
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        try:
            self.data = int(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a whole number of months.")) from None


class RetentionForm(FlaskForm):
    anonymise_exited_after_months = MonthsField(
        _l("Anonymise people who left the network after (months)"),
        validators=[InputRequired(_l("Enter a number of months.")),
                    NumberRange(min=1, max=120, message=_l("Enter a number of months from %(min)d to %(max)d."))])
    access_log_months = MonthsField(
        _l("Keep the access log for (months)"),
        validators=[InputRequired(_l("Enter a number of months.")),
                    NumberRange(min=1, max=120, message=_l("Enter a number of months from %(min)d to %(max)d."))])


class EraseForm(FlaskForm):
    understood = BooleanField(_l("I understand that the personal data are removed for good and cannot be restored."),
                              validators=[DataRequired(_l("Confirm that you understand this cannot be undone."))])
