"""Shared form pieces (the kernel every area uses instead of writing its own).

Fields keep WTForms' class names where `macros/forms.html` renders by `field.type`."""
from __future__ import annotations

from datetime import date, datetime

import wtforms
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


class Required:
    """A value is required: unlike `InputRequired`, whitespace-only input and input that did not parse
    into a value (a date field given " ") fail with the message instead of reaching the database."""

    field_flags = {"required": True}

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        raw = field.raw_data[0] if field.raw_data else None
        blank_raw = raw is None or (isinstance(raw, str) and not raw.strip())
        data = field.data
        blank_data = data is None or data == [] or (isinstance(data, str) and not data.strip())
        if blank_raw or blank_data:
            field.errors[:] = []
            raise StopValidation(self.message or _l("This field is required."))


class Parsed:
    """A field whose text is parsed by `parse(text)` (raising ValueError on bad input): a value that cannot
    be parsed gets one clear, translated `message`, not a second one from the validators. Empty input is
    None."""

    message = _l("Enter a valid value.")

    def process_formdata(self, valuelist):
        self.data = None
        text = str(valuelist[0]).strip() if valuelist else ""
        if text:
            try:
                self.data = self.parse(text)
            except ValueError as exc:
                raise ValueError(str(self.message)) from exc

    def validate(self, form, extra_validators=()):
        if self.process_errors:
            self.errors = list(self.process_errors)
            return False
        return super().validate(form, extra_validators)


class WholeNumberField(Parsed, IntegerField):
    """An integer field with our own (translated) message for text that is not a number (a subclass may
    set its own `message`)."""

    message = _l("Enter a whole number, without dots, commas or letters.")

    def parse(self, text):
        return int(text)


class DayField(Parsed, wtforms.DateField):
    """A date field (type=date) with our own message for a value that is not a date."""

    message = _l("Enter a valid date, for example 2025-03-14.")

    def parse(self, text):
        return datetime.strptime(text, "%Y-%m-%d").date()


INVALID_CHOICE = _l("Choose one of the options.")
INVALID_DATE = _l("Enter a valid date.")


def opt_int(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # never a valid choice: fails validation with a clear message


def opt_str(value):
    return value or None


def coded(options: dict, empty_label=None) -> list[SelectChoice]:
    """Choices from a code -> label dict, optionally preceded by an empty option."""
    items = [SelectChoice("", empty_label)] if empty_label is not None else []
    return items + [SelectChoice(code, label) for code, label in options.items()]


def by_id(pairs, empty_label=None) -> list[SelectChoice]:
    items = [SelectChoice("", empty_label)] if empty_label is not None else []
    return items + [SelectChoice(str(i), label) for i, label in pairs]


# Subclasses keep WTForms' class names: macros/forms.html renders by `field.type` (the class name).
class DateField(wtforms.DateField):
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", INVALID_DATE)
        super().__init__(label, validators or [Optional()], **kwargs)


class SelectField(wtforms.SelectField):
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(label, validators, **kwargs)


class RadioField(wtforms.RadioField):
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(label, validators, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (rendered as a fieldset by macros/forms.html); a subclass may set its own
    `invalid_message`."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
    invalid_message = _l("Choose only from the options shown.")

    def pre_validate(self, form):
        valid = {str(value) for value, *_rest in self.choices}
        if any(str(v) not in valid for v in (self.data or [])):
            raise ValidationError(self.invalid_message)


def not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(_l("The date cannot be in the future."))


class ConfirmForm(FlaskForm):
    """Only the CSRF token, for confirmed POST actions (a GET confirmation page comes first)."""


def show_error(form, error) -> None:
    """Show a `ServiceError` on its field when the form has that field, else in the error summary."""
    field = getattr(form, error.field, None) if getattr(error, "field", None) else None
    if field is not None and hasattr(field, "errors"):
        field.errors = list(field.errors) + [str(error)]
    else:
        form.form_errors.append(str(error))


class NetworkPickForm(FlaskForm):
    """The GET form of the network pickers (`?netwerk=<id>`); `networks` are objects with id and name, or
    (id, name) pairs. `network_id()` is the chosen id, or None when absent or not one of the options."""

    class Meta:
        csrf = False

    netwerk = wtforms.SelectField(_l("Network"), coerce=opt_int, validators=[Optional()], validate_choice=False)

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        pairs = [(n.id, n.name) if hasattr(n, "id") else tuple(n) for n in networks]
        self.netwerk.choices = by_id(pairs)
        self._ids = {i for i, _name in pairs}

    def network_id(self) -> int | None:
        return self.netwerk.data if self.netwerk.data in self._ids else None
