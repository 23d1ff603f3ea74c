"""Forms of import and export. Messages are Dutch through the translation catalog."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, ValidationError

from ..keypersons import choices
from ...platform.forms import ConfirmForm, RadioField, SelectField, by_id, opt_int
from . import fields as F
from .exporting import FORMATS
from .plan import DEFAULT_STATUS

ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


class UploadForm(FlaskForm):
    bestand = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])

    def validate_bestand(self, field):
        name = (getattr(field.data, "filename", "") or "").lower()
        if name and not name.endswith(ALLOWED_EXTENSIONS):
            if name.endswith(".xls"):
                raise ValidationError(_l("This is an old Excel file (.xls). Open it in Excel and save it as an "
                                         "Excel workbook (.xlsx) or as CSV, then upload that file."))
            raise ValidationError(_l("Upload a CSV file or an Excel workbook (.xlsx)."))


def column_field_name(index: int) -> str:
    return f"kolom_{index}"


def mapping_form_class(table, network_choices):
    """One select per column of the file (labelled with its header), plus the import options."""
    options = [SelectChoice("", _l("Do not import"))] + [SelectChoice(f.key, f.label) for f in F.IMPORT_FIELDS
                                                          if F.allowed(f)]

    class MappingForm(FlaskForm):
        default_status = RadioField(_l("Status for rows without a status"), default=DEFAULT_STATUS)
        create_missing = BooleanField(_l("Create missing neighbourhoods and organisations"))

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.default_status.choices = [SelectChoice(c, choices.STATUSES[c]) for c in choices.INITIAL_STATUSES]
            if "network_id" in self:
                self.network_id.choices = by_id(network_choices)

        def column_fields(self):
            return [(i, self[column_field_name(i)]) for i in range(len(table.headers))]

        def mapping(self) -> dict[int, str]:
            return {i: f.data for i, f in self.column_fields() if f.data}

        def validate(self, extra_validators=None):
            ok = super().validate(extra_validators)
            seen = {}
            for _i, f in self.column_fields():
                if f.data and f.data in seen:
                    f.errors = list(f.errors) + [_l("“%(field)s” is already chosen for column “%(column)s”.",
                                                    field=F.BY_KEY[f.data].label, column=seen[f.data].label.text)]
                    ok = False
                elif f.data:
                    seen[f.data] = f
            keys = set(seen)
            if "name" not in keys and not keys & set(F.NAME_PARTS):
                self.form_errors.append(_l("Choose which column holds the name (or the first name and surname)."))
                ok = False
            return ok

    for index, header in enumerate(table.headers):
        setattr(MappingForm, column_field_name(index), SelectField(header, choices=options, default=""))
    if len(network_choices) > 1:
        MappingForm.network_id = SelectField(_l("Import into network"), coerce=opt_int,
                                             validators=[DataRequired(_l("Choose a network."))])
    return MappingForm


def export_form_class(network_choices, may_choose_sensitive: bool):
    """The sensitive-fields box exists only for users who may export them: for others it is neither
    rendered nor read from a POST."""

    class ExportForm(FlaskForm):
        format = RadioField(_l("File type"), default="csv")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            labels = {"csv": _l("CSV (opens in Excel; separated by semicolons)"), "xlsx": _l("Excel workbook (.xlsx)")}
            self.format.choices = [SelectChoice(code, labels[code]) for code in FORMATS]
            if "network_id" in self:
                self.network_id.choices = by_id(network_choices)

        def wants_sensitive(self) -> bool:
            return may_choose_sensitive and "include_sensitive" in self and bool(self.include_sensitive.data)

    if len(network_choices) > 1:
        ExportForm.network_id = SelectField(_l("Network"), coerce=opt_int,
                                            validators=[DataRequired(_l("Choose a network."))])
    if may_choose_sensitive:
        ExportForm.include_sensitive = BooleanField(_l("Include confidential notes and special-category data"))
    return ExportForm
