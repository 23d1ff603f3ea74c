"""Fixed answer options of the privacy features: stored code -> translated label (dict order = display order)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.i18n import label  # noqa: F401 - `choices.label(...)` in routes and templates

# What the person agreed to (or what the processing is for). `special_category` is the AVG art. 9 scope:
# it makes the person's migration background lawful to record, and withdrawing it erases that value.
CONSENT_SCOPES = {
    "registration": _l("Registration in the network"),
    "special_category": _l("Migration background (special category of personal data)"),
    "publicity": _l("Photos and publicity"),
}
SPECIAL_CATEGORY_SCOPE = "special_category"

# The lawful basis (AVG art. 6). Special-category data may only rest on explicit consent (art. 9(2)(a)).
LEGAL_BASES = {
    "consent": _l("Consent"),
    "legitimate_interest": _l("Legitimate interest"),
    "public_task": _l("Public task"),
}
CONSENT_BASIS = "consent"

# How consent was given (and, later, how it was withdrawn)
CONSENT_CHANNELS = {
    "oral": _l("Orally"),
    "written": _l("In writing"),
    "digital": _l("Digitally"),
}
# consents ticked on the key person's own form (and those carried over from the person's former consent
# flag by migration 0015) were not recorded with a channel
WITH_PERSON_RECORD = "person_record"
CONSENT_ORIGINS = {**CONSENT_CHANNELS, WITH_PERSON_RECORD: _l("Recorded with the key person's details")}

# how a consent record ended
CONSENT_END_REASONS = {
    "withdrawn": _l("Withdrawn"),
    "replaced": _l("Replaced by a newer record"),
    "erased": _l("Ended when the personal data were erased"),
}

EXPORT_STATUSES = {
    "pending": _l("Being prepared"),
    "done": _l("Ready"),
    "failed": _l("Failed"),
    "expired": _l("Removed (download period over)"),
    "erased": _l("Removed (personal data erased)"),
}

ERASURE_REASONS = {
    "request": _l("Request of the person (AVG art. 17)"),
    "retention": _l("Retention period ended"),
}
