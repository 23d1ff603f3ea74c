"""The assessment form: the three risks of guide §2.2, each a level and notes, plus an overall note."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ...platform.forms import DateField, RadioField, coded, not_in_future
from . import choices
from .models import RISK_CODES

TOO_LONG = _l("This text is too long (at most %(max)d characters).")
LEVEL_REQUIRED = _l("Choose a level.")


def _level():
    return RadioField(_l("Level"), validators=[InputRequired(LEVEL_REQUIRED)], default="none")


def _notes():
    return TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000, message=TOO_LONG)])


class AssessmentForm(FlaskForm):
    assessed_on = DateField(_l("Date of the assessment"),
                            validators=[DataRequired(_l("Enter the date of the assessment.")), not_in_future],
                            default=date.today)
    ties_level = _level()
    ties_notes = _notes()
    status_level = _level()
    status_notes = _notes()
    interest_level = _level()
    interest_notes = _notes()
    overall_note = TextAreaField(_l("Overall note"), validators=[Optional(), Length(max=4000, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for risk in RISK_CODES:
            field = getattr(self, f"{risk}_level")
            field.choices = coded(choices.LEVELS)
            field.label.text = choices.RISKS[risk][0]
            getattr(self, f"{risk}_notes").label.text = _l("Explanation: %(risk)s", risk=choices.RISKS[risk][0])

    def load(self, assessment) -> None:
        """Start a new version from the latest one."""
        for risk in RISK_CODES:
            getattr(self, f"{risk}_level").data = assessment.level(risk)
            getattr(self, f"{risk}_notes").data = assessment.notes(risk) or ""
        self.overall_note.data = assessment.overall_note or ""

    def levels(self) -> dict:
        return {risk: getattr(self, f"{risk}_level").data for risk in RISK_CODES}

    def notes(self) -> dict:
        return {risk: getattr(self, f"{risk}_notes").data for risk in RISK_CODES}
