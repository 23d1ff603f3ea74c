"""Forms of the network setup (phase 1). Every message is a translatable source string (Dutch in network.po)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ...platform.forms import (ConfirmForm, DayField, MultiCheckboxField, Required, WholeNumberField,  # noqa: F401
                               not_in_future)
from . import choices

LONG_TEXT = 5000


class ChoiceSelectField(SelectField):
    """A select with an empty first option; our own message for a value that is not one of the options."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "SelectField"  # rendered as a select by macros/forms.html

    def pre_validate(self, form):
        if self.data not in (None, "") and self.data not in {v for v, _l_ in self.choices}:
            raise ValidationError(_l("Choose one of the options shown."))


class ChoiceRadioField(RadioField):
    """Radio buttons with our own message for a value that is not one of the options."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type = "RadioField"  # rendered as a fieldset by macros/forms.html
    def pre_validate(self, form):
        if self.data not in (None, "") and self.data not in {v for v, _l_ in self.choices}:
            raise ValidationError(_l("Choose one of the options shown."))


def between(low: int, high: int, message=None):
    """Like but an empty field passes (combine with InputRequired where a value is needed)."""
    message = message or _l("Enter a number between %(min)s and %(max)s.")

    def _check(form, field):
        if field.data is not None and not (low <= field.data <= high):
            raise ValidationError(message % {"min": low, "max": high})
    return _check


def _to_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _blank(mapping):
    return [("", _l("— choose —"))] + choices.as_choices(mapping)


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class NetworkForm(FlaskForm):
    name = StringField(_l("Name of the network"), validators=[
        DataRequired(_l("Enter a name for the network.")),
        Length(max=120, message=_l("Use at most %(max)d characters.")),
    ])


class PurposeForm(FlaskForm):
    social_issue = TextAreaField(_l("Social issue"), validators=[
        DataRequired(_l("Describe the social issue the network addresses.")),
        Length(max=2000, message=_l("Use at most %(max)d characters."))])
    goals = MultiCheckboxField(_l("Goals of the network"), choices=choices.as_choices(choices.GOALS))
    goals_other = TextAreaField(_l("Other goal"), validators=[
        Optional(), Length(max=1000, message=_l("Use at most %(max)d characters."))])
    answer_issue_policy = TextAreaField(
        _l("What is the social task you want to address with the network, and what is the municipality's policy on it?"),
        validators=[Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    answer_fitting_means = TextAreaField(
        _l("Is a local (key-person) network the most fitting means to work on the social goals, or can the goals "
           "also be reached in other ways? Or is a combination of a local network with other measures and "
           "interventions needed?"),
        validators=[Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    answer_existing_sufficient = TextAreaField(
        _l("Can existing networks (partly) meet the need already, or is it really necessary to set up a new network?"),
        validators=[Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    answer_relation_existing = TextAreaField(
        _l("How does a new local network relate to existing networks in the municipality with related objectives?"),
        validators=[Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    existing_networks = TextAreaField(_l("Existing networks with related goals"), validators=[
        Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])

    def validate_goals(self, field):
        if not field.data and not (self.goals_other.data or "").strip():
            raise ValidationError(_l("Choose at least one goal, or describe another goal."))


class SupportForm(FlaskForm):
    budget_moment = ChoiceSelectField(_l("Timing in the budget cycle"), choices=_blank(choices.BUDGET_MOMENTS))
    budget_year = WholeNumberField(_l("Budget year"), validators=[
        between(2000, 2100, _l("Enter a year between %(min)s and %(max)s."))])
    notes = TextAreaField(_l("Notes on administrative support"), validators=[
        Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])


class SupportEntryForm(FlaskForm):
    occurred_on = DayField(_l("Date"), validators=[Required(_l("Enter the date.")), not_in_future])
    body = ChoiceRadioField(_l("Who was informed or involved?"), choices=choices.as_choices(choices.BODIES),
                            validators=[InputRequired(_l("Choose who was informed or involved."))])
    body_detail = StringField(_l("Specification"), validators=[
        Length(max=200, message=_l("Use at most %(max)d characters."))])
    involvement = ChoiceRadioField(_l("How?"), choices=choices.as_choices(choices.INVOLVEMENTS),
                                   validators=[InputRequired(_l("Choose how they were involved."))])
    note = TextAreaField(_l("Note"), validators=[
        Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])

    def validate_body_detail(self, field):
        if self.body.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Describe who was informed or involved."))


class FrameworksForm(FlaskForm):
    meeting_mode = ChoiceRadioField(_l("How does the network meet?"),
                                    choices=choices.as_choices(choices.MEETING_MODES),
                                    validators=[InputRequired(_l("Choose how the network meets."))])
    meeting_cadence = ChoiceSelectField(_l("How often does the network meet?"), choices=_blank(choices.CADENCES))
    location_types = MultiCheckboxField(_l("Where does the network meet?"),
                                        choices=choices.as_choices(choices.LOCATION_TYPES))
    location_note = StringField(_l("Locations in more detail"), validators=[
        Length(max=300, message=_l("Use at most %(max)d characters."))])
    target_size = WholeNumberField(_l("Target number of key persons"), validators=[
        Required(_l("Enter the number of key persons you aim for.")),
        between(2, 2000)])
    has_core_group = ChoiceRadioField(_l("Will there be a core group (kerngroep)?"), choices=YES_NO,
                                      validators=[InputRequired(_l("Choose whether there will be a core group."))])
    core_group_size = WholeNumberField(_l("Size of the core group"), validators=[
        between(2, 100)])
    plenary_per_year = WholeNumberField(_l("Plenary meetings with all key persons per year"), validators=[
        between(0, 12)])
    reciprocity = MultiCheckboxField(_l("What does the municipality offer key persons in return?"),
                                     choices=choices.as_choices(choices.RECIPROCITY))
    reciprocity_note = TextAreaField(_l("Reciprocity in more detail"), validators=[
        Optional(), Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    recruitment = ChoiceRadioField(_l("Who recruits and selects the key persons?"),
                                   choices=choices.as_choices(choices.RECRUITMENT),
                                   validators=[InputRequired(_l("Choose who recruits the key persons."))])
    recruitment_partner = StringField(_l("External organisation"), validators=[
        Length(max=200, message=_l("Use at most %(max)d characters."))])
    scout = StringField(_l("Scout"), validators=[Length(max=200, message=_l("Use at most %(max)d characters."))])
    ambition = TextAreaField(_l("Level of ambition"), validators=[
        DataRequired(_l("Describe the level of ambition.")),
        Length(max=LONG_TEXT, message=_l("Use at most %(max)d characters."))])
    budget_eur = WholeNumberField(_l("Budget per year (euro)"), validators=[
        between(0, 100_000_000, _l("Enter an amount of 0 euro or more."))])
    hours = WholeNumberField(_l("Staff time (hours)"), validators=[
        between(0, 10_000)])
    hours_per = ChoiceSelectField(_l("Hours per"), choices=_blank(choices.HOURS_PER))

    def validate_meeting_cadence(self, field):
        if self.meeting_mode.data in ("periodic", "combination") and not field.data:
            raise ValidationError(_l("Choose how often the network meets."))

    def validate_location_types(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one type of location."))

    def validate_location_note(self, field):
        if "other" in (self.location_types.data or []) and not (field.data or "").strip():
            raise ValidationError(_l("Describe the other location."))

    def validate_plenary_per_year(self, field):
        if self.has_core_group.data == "yes" and field.data is None:
            raise ValidationError(_l("Enter how many plenary meetings a year there will be."))

    def validate_reciprocity(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one thing the municipality offers in return."))

    def validate_recruitment_partner(self, field):
        if self.recruitment.data in ("external", "combination") and not (field.data or "").strip():
            raise ValidationError(_l("Name the external organisation."))

    def validate_hours_per(self, field):
        if self.hours.data is not None and not field.data:
            raise ValidationError(_l("Choose whether the hours are per week or per month."))


class RoleChangeForm(FlaskForm):
    role = ChoiceRadioField(_l("Role of the municipality"), choices=choices.as_choices(choices.MUNICIPAL_ROLES),
                            validators=[InputRequired(_l("Choose the role of the municipality."))])
    effective_on = DayField(_l("From"), validators=[Required(_l("Enter the date from which the role applies.")),
                                                    not_in_future])
    note = TextAreaField(_l("Reason or explanation"), validators=[
        Optional(), Length(max=2000, message=_l("Use at most %(max)d characters."))])


class OfficialForm(FlaskForm):
    membership_id = SelectField(_l("Team member"), coerce=_to_int, validate_choice=False,
                                validators=[InputRequired(_l("Choose a team member."))])
    portfolio = StringField(_l("Portfolio or domain"), validators=[
        Length(max=120, message=_l("Use at most %(max)d characters."))])

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.membership_id.choices = [(m.id, m.user.name or m.user.email) for m in candidates]
        self._candidate_ids = {m.id for m in candidates}

    def validate_membership_id(self, field):
        if field.data not in self._candidate_ids:
            raise ValidationError(_l("Choose a team member from the list."))
