"""admin feature area."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, StringField
from wtforms.validators import AnyOf, DataRequired, Email, Length


class ProvisionForm(FlaskForm):
    """A municipality typed with suggestions from the CBS list (a `<datalist>`: works without JavaScript),
    and the e-mail address of its first coordinator, who is invited at once."""
    municipality = StringField(_l("Municipality"), validators=[DataRequired(_l("Enter the name of a municipality.")),
                                                             Length(max=120)],
                               render_kw={"list": "municipality-options", "autocomplete": "off",
                                          "spellcheck": "false"})
    coordinator_email = EmailField(
        _l("E-mail address of the first coordinator"),
        validators=[DataRequired(_l("Enter an e-mail address.")), Email(_l("Enter a valid e-mail address."))])


class StatusForm(FlaskForm):
    """Set a municipality to a state ("1" active, "0" deactivated): a repeated submit changes nothing."""
    active = HiddenField(validators=[AnyOf(("0", "1"))])
