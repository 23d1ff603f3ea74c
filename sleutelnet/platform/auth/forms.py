"""The password and code forms both the login pages and the account page use."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from .passwords import password_problem


class TotpForm(FlaskForm):
    code = StringField(_l("Code from your authenticator app"),
                       validators=[DataRequired(_l("Enter the 6-digit code.")),
                                   Length(min=6, max=7, message=_l("The code has 6 digits."))])


def _strong(form, field):
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Choose a password.")), _strong])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(_l("Repeat the password.")),
                                        EqualTo("password", _l("The passwords are not the same."))])
