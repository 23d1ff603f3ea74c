"""Forms of network health: the thresholds of engagement health."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired

from ...platform.forms import ConfirmForm, NetworkPickForm, WholeNumberField  # noqa: F401 - shared field types

REQUIRED = _l("Enter a whole number.")


class ThresholdsForm(FlaskForm):
    quiet_missed_meetings = WholeNumberField(_l("Quiet: meetings missed in a row"), validators=[InputRequired(REQUIRED)])
    quiet_no_contact_days = WholeNumberField(_l("Quiet: days without contact"), validators=[InputRequired(REQUIRED)])
    overload_open_actions = WholeNumberField(_l("Overloaded: open actions"), validators=[InputRequired(REQUIRED)])
    overload_buddies = WholeNumberField(_l("Overloaded: people supported as buddy"),
                                        validators=[InputRequired(REQUIRED)])
