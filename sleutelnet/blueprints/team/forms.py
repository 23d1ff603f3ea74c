from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email

from ...platform.policy import TENANT_ROLES, role_label
from ...platform.forms import ConfirmForm  # noqa: F401  (used by this area's routes)


def role_choices():
    return [(r.value, role_label(r)) for r in TENANT_ROLES]


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(_l("Enter an e-mail address.")),
                                                         Email(_l("Enter a valid e-mail address."))])
    role = SelectField(_l("Role"), validators=[DataRequired(_l("Choose a role."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()


class RoleForm(FlaskForm):
    role = SelectField(_l("New role"), validators=[DataRequired(_l("Choose a role."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
