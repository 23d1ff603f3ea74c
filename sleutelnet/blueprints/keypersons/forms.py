"""Forms of the key-person register. Every message is Dutch through the translation catalog."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

# shared with other areas through the platform kernel
from ...platform import forms as platform_forms
from ...platform.forms import (INVALID_CHOICE, INVALID_DATE, ConfirmForm, DateField, NetworkPickForm,  # noqa: F401
                               RadioField, SelectField, by_id, coded, not_in_future, opt_int, opt_str)
from ...platform import fields
from . import choices
from .fields import PERSON
from .models import KeyPerson


class MultiCheckboxField(platform_forms.MultiCheckboxField):
    invalid_message = INVALID_CHOICE


YES_NO = [SelectChoice("", _l("Not recorded")), SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
NAME_REQUIRED = _l("Enter a name.")


def label(column: str):
    """The label the register's field declarations give a column (fields.py, the field registry)."""
    return _DECLARED[column].label


_DECLARED = {spec.column: spec for spec in PERSON}

TOO_LONG = _l("This text is too long (at most %(max)d characters).")


class KeyPersonForm(FlaskForm):
    """Create/edit a key person; `CoordinatorKeyPersonForm` adds the special-category fields."""

    network_id = SelectField(_l("Network"), coerce=opt_int, validators=[DataRequired(_l("Choose a network."))])
    name = StringField(label("name"), validators=[DataRequired(NAME_REQUIRED), Length(max=120, message=TOO_LONG)])
    email = StringField(label("email"), validators=[Optional(), Email(_l("Enter a valid e-mail address.")),
                                                          Length(max=254, message=TOO_LONG)])
    phone = StringField(label("phone"), validators=[
        Optional(), Length(max=40, message=TOO_LONG),
        Regexp(r"^\+?[0-9][0-9 ()\-]{5,}$", message=_l("Enter a telephone number of digits, e.g. 06 12345678."))])
    preferred_contact = SelectField(label("preferred_contact"), coerce=opt_str)
    neighbourhood_id = SelectField(label("neighbourhood_id"), coerce=opt_int)
    organisation_ids = MultiCheckboxField(_l("Organisations represented"), coerce=int)
    roles = MultiCheckboxField(_l("Roles"))
    constituency = TextAreaField(label("constituency"), validators=[Length(max=2000, message=TOO_LONG)])
    known_to_municipality = RadioField(label("known_to_municipality"), default="")
    languages = StringField(label("languages"), validators=[Length(max=200, message=TOO_LONG)])
    motivation = TextAreaField(label("motivation"), validators=[Length(max=4000, message=TOO_LONG)])
    civic_activities = TextAreaField(label("civic_activities"), validators=[Length(max=4000, message=TOO_LONG)])
    availability = StringField(label("availability"), validators=[Length(max=200, message=TOO_LONG)])
    reciprocity = TextAreaField(label("reciprocity"),
                                validators=[Length(max=2000, message=TOO_LONG)])
    expectations_discussed_on = DateField(label("expectations_discussed_on"), validators=[Optional(), not_in_future])
    expectations_discussed_by_id = SelectField(label("expectations_discussed_by_id"), coerce=opt_int)
    expectations_note = TextAreaField(label("expectations_note"),
                                      validators=[Length(max=4000, message=TOO_LONG)])
    agreements_confirmed = BooleanField(label("agreements_confirmed"))
    agreements_confirmed_on = DateField(label("agreements_confirmed_on"), validators=[Optional(), not_in_future])
    core_group = BooleanField(label("core_group"))
    age_group = RadioField(label("age_group"), default="")
    helping_profession = RadioField(label("helping_profession"), default="")
    education = RadioField(label("education"), default="")
    recruitment_channel = SelectField(label("recruitment_channel"), coerce=opt_str)
    referred_by_id = SelectField(label("referred_by_id"), coerce=opt_int)
    notes = TextAreaField(label("notes"), validators=[Length(max=8000, message=TOO_LONG)])

    def __init__(self, *args, networks=(), neighbourhoods=(), organisations=(), team=(), persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in fields.hidden_columns(KeyPerson):  # what the user may not see, they cannot edit either
            if name in self:
                del self[name]
        self.network_id.choices = by_id(networks)
        self.preferred_contact.choices = coded(choices.CONTACT_CHANNELS, _l("Not recorded"))
        self.neighbourhood_id.choices = by_id(neighbourhoods, _l("No neighbourhood"))
        self.organisation_ids.choices = by_id(organisations)
        self.roles.choices = coded(choices.ROLES)
        self.known_to_municipality.choices = YES_NO
        self.expectations_discussed_by_id.choices = by_id(team, _l("Not recorded"))
        self.age_group.choices = coded(choices.AGE_GROUPS, _l("Not recorded"))
        self.helping_profession.choices = coded(choices.HELPING_PROFESSION, _l("Not recorded"))
        self.education.choices = coded(choices.EDUCATION, _l("Not recorded"))
        self.recruitment_channel.choices = coded(choices.RECRUITMENT_CHANNELS, _l("Not recorded"))
        self.referred_by_id.choices = by_id(persons, _l("Nobody"))

    # (checkbox, date that becomes required when it is ticked, message). Checked after the field validators:
    # an empty optional date stops its own validator chain, so an inline validate_<field> would never run.
    REQUIRED_DATES = (
        ("agreements_confirmed", "agreements_confirmed_on", _l("Enter the date the agreements were confirmed.")),
        ("migration_background_consent", "migration_background_consent_on",
         _l("Enter the date the consent was given.")),
    )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for checkbox, when, message in self.REQUIRED_DATES:
            if checkbox in self and self[checkbox].data and not self[when].data and not self[when].errors:
                self[when].errors.append(message)
                valid = False
        return valid

    def load(self, person) -> None:
        """Fill the form from a person (GET of the edit page)."""
        for name in self._own(("network_id", "name", "email", "phone", "preferred_contact", "neighbourhood_id", "constituency",
                     "languages", "motivation", "civic_activities", "availability", "reciprocity",
                     "expectations_discussed_on", "expectations_discussed_by_id", "expectations_note",
                     "agreements_confirmed", "agreements_confirmed_on", "core_group", "recruitment_channel",
                     "referred_by_id", "notes")):
            getattr(self, name).data = getattr(person, name)
        for name in ("age_group", "helping_profession", "education"):
            getattr(self, name).data = getattr(person, name) or ""
        self.known_to_municipality.data = {True: "yes", False: "no"}.get(person.known_to_municipality, "")
        self.roles.data = person.role_codes
        self.organisation_ids.data = person.organisation_ids

    def _own(self, names) -> list[str]:
        return [name for name in names if name in self]

    def person_data(self) -> dict:
        """The submitted values, keyed by KeyPerson column."""
        data = {name: getattr(self, name).data for name in self._own((
            "network_id", "name", "email", "phone", "preferred_contact", "neighbourhood_id", "constituency",
            "languages", "motivation", "civic_activities", "availability", "reciprocity",
            "expectations_discussed_on", "expectations_discussed_by_id", "expectations_note",
            "agreements_confirmed", "agreements_confirmed_on", "core_group", "recruitment_channel",
            "referred_by_id", "notes"))}
        for name in ("age_group", "helping_profession", "education"):
            data[name] = getattr(self, name).data or None
        data["known_to_municipality"] = {"yes": True, "no": False}.get(self.known_to_municipality.data)
        return data


class NewKeyPersonForm(KeyPersonForm):
    status = RadioField(_l("Where in the process is this person?"), default="lead")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(code, choices.STATUSES[code]) for code in choices.INITIAL_STATUSES]


class SpecialCategoryMixin:
    """Migration background (AVG art. 9). Only ever added to the form of a coordinator."""

    def special_data(self) -> dict:
        return {"consent": self.migration_background_consent.data,
                "consent_on": self.migration_background_consent_on.data,
                "value": self.migration_background.data or None}

    def load_special(self, person) -> None:
        consent_on = person.special_category_consent_on  # from the consent register
        self.migration_background_consent.data = consent_on is not None
        self.migration_background_consent_on.data = consent_on
        self.migration_background.data = person.migration_background or ""


def _special_fields():
    return {
        "migration_background_consent": BooleanField(_l("The person gave explicit consent to record their migration "
                                                        "background")),
        "migration_background_consent_on": DateField(_l("Consent given on"), validators=[Optional(), not_in_future]),
        "migration_background": RadioField(label("migration_background"), default="",
                                      choices=coded(choices.MIGRATION_BACKGROUND, _l("Not recorded"))),
    }


CoordinatorKeyPersonForm = type("CoordinatorKeyPersonForm", (SpecialCategoryMixin, KeyPersonForm), _special_fields())
CoordinatorNewKeyPersonForm = type("CoordinatorNewKeyPersonForm", (SpecialCategoryMixin, NewKeyPersonForm),
                                   _special_fields())


def person_form_class(*, new: bool, special: bool):
    if special:
        return CoordinatorNewKeyPersonForm if new else CoordinatorKeyPersonForm
    return NewKeyPersonForm if new else KeyPersonForm


class TransitionForm(FlaskForm):
    to_status = RadioField(_l("New status"), validators=[DataRequired(_l("Choose the new status."))])
    changed_on = DateField(_l("Date"), validators=[DataRequired(INVALID_DATE), not_in_future], default=date.today)
    reason = StringField(_l("Reason or note"), validators=[Length(max=300, message=TOO_LONG)])

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.to_status.choices = [SelectChoice(code, choices.STATUSES[code]) for code in targets]


class IntakeForm(FlaskForm):
    held_on = DateField(_l("Date of the conversation"), validators=[DataRequired(INVALID_DATE), not_in_future],
                   default=date.today)
    held_by_id = SelectField(_l("Held by"), coerce=opt_int)
    motivation_assessment = RadioField(_l("Assessment of the motivation"), default="")
    expectations_discussed = BooleanField(_l("Mutual expectations were discussed"))
    notes = TextAreaField(_l("Notes"), validators=[Length(max=8000, message=TOO_LONG)])

    def __init__(self, *args, team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.held_by_id.choices = by_id(team, _l("Not recorded"))
        self.motivation_assessment.choices = coded(choices.MOTIVATION_ASSESSMENTS, _l("Not recorded"))


class ExitForm(FlaskForm):
    exited_on = DateField(_l("Date of leaving"), validators=[DataRequired(INVALID_DATE), not_in_future],
                     default=date.today)
    reason = RadioField(_l("Reason for leaving"), validators=[DataRequired(_l("Choose the reason for leaving."))])
    reason_other = StringField(_l("Other reason"), validators=[Length(max=200, message=TOO_LONG)])
    interview_held = BooleanField(_l("An exit interview was held"))
    interview_on = DateField(_l("Date of the exit interview"), validators=[Optional(), not_in_future])
    interview_notes = TextAreaField(_l("Notes of the exit interview"), validators=[Length(max=8000, message=TOO_LONG)])
    successors = TextAreaField(_l("Suggested successors"), validators=[Length(max=4000, message=TOO_LONG)])
    create_leads = BooleanField(_l("Add the suggested successors as candidates right away"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = coded(choices.EXIT_REASONS)

    def validate_reason_other(self, field):
        if self.reason.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Describe the other reason."))

    def successor_pairs(self) -> list[tuple[str, str]]:
        """One successor per line; text after a dash or colon is a note (e.g. "Samira B. - via de moskee")."""
        pairs = []
        for line in (self.successors.data or "").splitlines():
            line = line.strip()
            if not line:
                continue
            for sep in (" - ", ": ", " – "):
                if sep in line:
                    name, note = line.split(sep, 1)
                    break
            else:
                name, note = line, ""
            pairs.append((name.strip(), note.strip()))
        return pairs


class FilterForm(FlaskForm):
    """The list's filters (GET; changes nothing, so no CSRF token). Field names are the URL parameters."""

    class Meta:
        csrf = False

    netwerk = SelectField(_l("Network"), coerce=opt_int, validators=[Optional()])
    zoek = StringField(_l("Search name or constituency"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), coerce=opt_str, validators=[Optional()])
    rol = SelectField(_l("Role"), coerce=opt_str, validators=[Optional()])
    wijk = SelectField(_l("Neighbourhood"), coerce=opt_int, validators=[Optional()])
    organisatie = SelectField(_l("Organisation"), coerce=opt_int, validators=[Optional()])
    kanaal = SelectField(_l("Recruited through"), coerce=opt_str, validators=[Optional()])
    sorteer = SelectField(_l("Sort by"), coerce=opt_str, validators=[Optional()], default="name")

    def __init__(self, *args, networks=(), neighbourhoods=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.netwerk.choices = by_id(networks)
        self.status.choices = coded(choices.STATUSES, _l("All statuses"))
        self.rol.choices = coded(choices.ROLES, _l("All roles"))
        self.wijk.choices = by_id(neighbourhoods, _l("All neighbourhoods"))
        self.organisatie.choices = by_id(organisations, _l("All organisations"))
        self.kanaal.choices = coded(choices.RECRUITMENT_CHANNELS, _l("All channels"))
        self.sorteer.choices = [SelectChoice("name", _l("Name")), SelectChoice("status", _l("Status")),
                                SelectChoice("changed", _l("Last change"))]

    def clean(self, name: str):
        """A filter value, or None when it is empty or not one of the choices (filters never error)."""
        field = getattr(self, name)
        if field.errors:
            return None
        return field.data or None


class NeighbourhoodForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(NAME_REQUIRED), Length(max=120, message=TOO_LONG)])
    parent_id = SelectField(_l("Part of district"), coerce=opt_int)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_id.choices = by_id(districts, _l("None: this is a district (wijk)"))


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(NAME_REQUIRED), Length(max=160, message=TOO_LONG)])
    kind = SelectField(_l("Type of organisation"), validators=[DataRequired(_l("Choose the type of organisation."))])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=250, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = coded(choices.ORGANISATION_TYPES, _l("Choose…"))
