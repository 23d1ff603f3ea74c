from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    action = SelectField(_l("Kind of event"), validators=[Optional()])
    date_from = DateField(_l("From date"), validators=[Optional()])
    date_to = DateField(_l("To date"), validators=[Optional()])

    def __init__(self, prefixes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .audit_labels import kind_label

        self.action.choices = [("", _l("All events"))] + sorted(((p, kind_label(p)) for p in prefixes),
                                                                  key=lambda c: c[1].casefold())
