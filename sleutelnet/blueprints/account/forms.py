from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Length

from ...platform.auth.forms import NewPasswordForm, TotpForm  # noqa: F401 - reused here


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))])


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter your name.")), Length(max=120)])
    locale = RadioField(_l("Language"), choices=[("nl", "Nederlands"), ("en", "English")],
                        validators=[DataRequired(_l("Choose a language."))])


class DisableTotpForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))])
