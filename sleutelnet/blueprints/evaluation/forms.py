"""Forms of evaluation and reflection (§3.4). The per-goal fields are added for the goals of the network."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ...platform.forms import DateField, NetworkPickForm, SelectField, WholeNumberField, coded  # noqa: F401
from . import choices

TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class NewEvaluationForm(FlaskForm):
    period_start = DateField(_l("Period from"), validators=[DataRequired(_l("Enter a valid date."))],
                             default=lambda: date.today() - relativedelta(years=1))
    period_end = DateField(_l("Period until"), validators=[DataRequired(_l("Enter a valid date."))],
                           default=date.today)


class EvaluationFormBase(FlaskForm):
    experts = StringField(_l("External experts involved (names, optional)"),
                          validators=[Optional(), Length(max=500, message=TOO_LONG)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=4000, message=TOO_LONG)])
    share_decision = SelectField(_l("Share with the council?"))
    complete = BooleanField(_l("Complete the evaluation (it can no longer be changed afterwards)"))


def evaluation_form(goals: list[tuple[str, str]], *args, **kwargs) -> EvaluationFormBase:
    class Form(EvaluationFormBase):
        pass

    for code, label in goals:
        # the service checks the code (a missing value means "not assessed yet")
        setattr(Form, f"assessment_{code}", SelectField(_l("Assessment: %(goal)s", goal=label), validate_choice=False))
        setattr(Form, f"evidence_{code}", TextAreaField(_l("Evidence: %(goal)s", goal=label),
                                                        validators=[Optional(), Length(max=4000, message=TOO_LONG)]))
        setattr(Form, f"change_{code}", TextAreaField(_l("What to change: %(goal)s", goal=label),
                                                      validators=[Optional(), Length(max=4000, message=TOO_LONG)]))
    form = Form(*args, **kwargs)
    form.share_decision.choices = coded(choices.SHARE_DECISIONS)
    for code, _label in goals:
        form[f"assessment_{code}"].choices = coded(choices.ASSESSMENTS, _l("Not assessed yet"))
    return form


class ScheduleForm(FlaskForm):
    interval_months = WholeNumberField(_l("Evaluate every (months)"), validators=[InputRequired(_l("Enter a whole number."))])
    reflection_every = WholeNumberField(_l("Reflection moment every (meetings)"),
                                        validators=[InputRequired(_l("Enter a whole number."))])
    reflect_with_network = BooleanField(_l("Reflect together with the network"))


class ReflectionForm(FlaskForm):
    coordinator_answer = TextAreaField(_l("Answers of the coordinator"),
                                       validators=[DataRequired(_l("Write down the answers of the reflection.")),
                                                   Length(max=6000, message=TOO_LONG)])
    network_answer = TextAreaField(_l("Answers of the network (optional)"),
                                   validators=[Optional(), Length(max=6000, message=TOO_LONG)])
