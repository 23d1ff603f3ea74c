from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import AnyOf, DataRequired


class ProvisionForm(FlaskForm):
    cbs_code = SelectField(_l("Municipality"), validators=[DataRequired(_l("Choose a municipality."))])


class StatusForm(FlaskForm):
    """Set a municipality to a state ("1" active, "0" deactivated): a repeated submit changes nothing."""
    active = HiddenField(validators=[AnyOf(("0", "1"))])
