"""Form to request a council report."""
from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired

from ...platform.forms import DateField, SelectField, opt_int


def _last_year() -> date:
    return date.today() - relativedelta(years=1) + relativedelta(days=1)


class ReportForm(FlaskForm):
    network_id = SelectField(_l("Network"), coerce=opt_int, validators=[DataRequired(_l("Choose a network."))])
    period_start = DateField(_l("Period from"), validators=[DataRequired(_l("Enter a valid date."))], default=_last_year)
    period_end = DateField(_l("Period until"), validators=[DataRequired(_l("Enter a valid date."))], default=date.today)

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.network_id.choices = [(n.id, n.name) for n in networks]
