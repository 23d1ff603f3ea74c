from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import DataRequired


class ProvisionForm(FlaskForm):
    cbs_code = SelectField(_l("Municipality"), validators=[DataRequired(_l("Choose a municipality."))])
